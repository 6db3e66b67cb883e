"""The side panel of queues (Baru masuk, Ditugaskan ke saya, ... Konflik) with live counts.

The counts come from one background query (`queue_counts`, with the status bar's) after start, whenever the
window's change signal says the queues or the outbox changed (an action, a sync pass), and every half minute;
the model only holds nine numbers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QLocale, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desktop.domain.queues import QueueName
from desktop.ui.i18n import queue_description, queue_label
from desktop.ui.queue_model import alert_colour

# The panel's order: work first, then what is waiting on others, then this device's own state.
PANEL_QUEUES: tuple[QueueName, ...] = (
    QueueName.ALL, QueueName.NEW, QueueName.MINE, QueueName.NEED_FOLLOWUP, QueueName.AWAITING_APPROVAL,
    QueueName.OVERDUE, QueueName.DRAFTS, QueueName.OUTBOX, QueueName.CONFLICTS,
)  # fmt: skip
# A non-zero count in these is something to act on: shown in bold and coloured.
ALERT_QUEUES = {QueueName.OVERDUE: "error", QueueName.CONFLICTS: "error", QueueName.OUTBOX: "warning"}

ModelIndex = QModelIndex | QPersistentModelIndex


class QueuePanelModel(QAbstractListModel):
    KeyRole = Qt.ItemDataRole.UserRole + 1
    CountRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[str, int | None] = dict.fromkeys(PANEL_QUEUES)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(PANEL_QUEUES)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(PANEL_QUEUES) or index.column() != 0:
            return None
        key = PANEL_QUEUES[index.row()]
        count = self._counts.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            return queue_label(key)
        if role == self.KeyRole:
            return key
        if role == self.CountRole:
            return count
        if role == Qt.ItemDataRole.ToolTipRole:
            return queue_description(key)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = queue_label(key)
            return text if count is None else f"{text}: {QLocale().toString(count)}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return queue_description(key)
        return None

    def key_at(self, row: int) -> str | None:
        return PANEL_QUEUES[row] if 0 <= row < len(PANEL_QUEUES) else None

    def row_of(self, key: str) -> int:
        return PANEL_QUEUES.index(key) if key in PANEL_QUEUES else -1

    def count(self, key: str) -> int | None:
        return self._counts.get(key)

    def set_counts(self, counts: dict[str, int]) -> None:
        changed = False
        for key in PANEL_QUEUES:
            value = counts.get(key)
            if value is not None and self._counts.get(key) != value:
                self._counts[key] = int(value)
                changed = True
        if changed:
            self.dataChanged.emit(self.index(0), self.index(len(PANEL_QUEUES) - 1))


class CountDelegate(QStyledItemDelegate):
    """Draws the queue's name as usual and its count right-aligned (bold and coloured when it needs attention)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        super().paint(painter, option, index)
        count = index.data(QueuePanelModel.CountRole)
        if count is None:
            return
        key = index.data(QueuePanelModel.KeyRole)
        painter.save()
        font = QFont(option.font)
        alert = ALERT_QUEUES.get(key) if count else None
        if alert:
            font.setBold(True)
        painter.setFont(font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        if selected:
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        elif alert:
            painter.setPen(alert_colour(alert))
        else:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        rect = QRect(option.rect).adjusted(0, 0, -8, 0)
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), QLocale().toString(count)
        )
        painter.restore()


class QueuePanel(QListView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queuePanel")
        self.panel_model = QueuePanelModel(self)
        self.setModel(self.panel_model)
        self.setItemDelegate(CountDelegate(self))
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        self.setSpacing(1)
        self.setAccessibleName(self.tr("Queues"))
        self.setAccessibleDescription(self.tr("Choose which complaints the table shows"))
        self.setMinimumWidth(140)

    def select_key(self, key: str) -> None:
        row = self.panel_model.row_of(key)
        if row >= 0:
            self.setCurrentIndex(self.panel_model.index(row))

    def current_key(self) -> str | None:
        index = self.currentIndex()
        return self.panel_model.key_at(index.row()) if index.isValid() else None
