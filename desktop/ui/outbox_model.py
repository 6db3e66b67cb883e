"""The Kotak keluar (outbox) list: every op made here and not yet accepted, with its state and the hub's reason."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush

from desktop.domain.ops import ATTENTION
from desktop.ui.i18n import op_kind_label, op_reason_label, op_state_label
from desktop.ui.list_model import ListTableModel
from desktop.ui.queue_model import alert_colour, format_datetime


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


class OutboxModel(ListTableModel[Any]):
    """A short list (the ops not yet accepted), replaced whole on each refresh."""

    ComplaintIdRole = Qt.ItemDataRole.UserRole + 1
    columns = OutboxColumn

    def column_title(self, column: OutboxColumn) -> str:
        return outbox_column_title(column)

    def cell(self, item: Any, column: OutboxColumn, role: int) -> Any:
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
        alert = item.state in ATTENTION
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
