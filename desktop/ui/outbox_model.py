"""The Kotak keluar (outbox) list: every op made here and not yet accepted, with its state and the hub's reason."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush

from desktop.ui.i18n import op_kind_label, op_reason_label, op_state_label
from desktop.ui.queue_model import alert_colour, format_datetime

ModelIndex = QModelIndex | QPersistentModelIndex


class OutboxColumn(enum.IntEnum):
    CREATED = 0
    KIND = 1
    TRACKING_ID = 2
    TITLE = 3
    STATE = 4
    REASON = 5


def outbox_column_title(column: OutboxColumn) -> str:
    titles = {
        OutboxColumn.CREATED: QCoreApplication.translate("OutboxModel", "Made"),
        OutboxColumn.KIND: QCoreApplication.translate("OutboxModel", "Change"),
        OutboxColumn.TRACKING_ID: QCoreApplication.translate("OutboxModel", "Tracking ID"),
        OutboxColumn.TITLE: QCoreApplication.translate("OutboxModel", "Complaint"),
        OutboxColumn.STATE: QCoreApplication.translate("OutboxModel", "State"),
        OutboxColumn.REASON: QCoreApplication.translate("OutboxModel", "Reason"),
    }
    return titles[column]


class OutboxModel(QAbstractTableModel):
    """A short list (the ops not yet accepted), replaced whole on each refresh."""

    ComplaintIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []

    def set_items(self, items: Sequence[Any]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item_at(self, row: int) -> Any | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(OutboxColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(OutboxColumn)
        ):
            return outbox_column_title(OutboxColumn(section))
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        if not 0 <= index.column() < len(OutboxColumn):
            return None
        item = self._items[index.row()]
        column = OutboxColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column == OutboxColumn.CREATED:
                return format_datetime(item.created_at)
            if column == OutboxColumn.KIND:
                return op_kind_label(item.kind)
            if column == OutboxColumn.TRACKING_ID:
                return "" if item.tracking_id is None else str(item.tracking_id)
            if column == OutboxColumn.TITLE:
                return item.title
            if column == OutboxColumn.STATE:
                return op_state_label(item.state)
            return op_reason_label(item.reason)
        alert = item.state in ("conflict", "rejected")
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column in (OutboxColumn.STATE, OutboxColumn.REASON)
            and alert
        ):
            return QBrush(alert_colour("error"))
        if role == Qt.ItemDataRole.ToolTipRole and column == OutboxColumn.STATE and item.attempts:
            return QCoreApplication.translate("OutboxModel", "Send attempts: %1").replace(
                "%1", str(item.attempts)
            )
        if role == self.ComplaintIdRole:
            return item.complaint_id
        return None
