"""Filters over the queue: status, category, kecamatan, channel, arrival date range. All are applied in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from desktop.ui.i18n import CHANNEL_CODES, STATUS_CODES, channel_label, status_label

NO_DATE = QDate(2000, 1, 1)


def _combo(name: str, accessible: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setAccessibleName(accessible)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    return combo


def _date(name: str, accessible: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setCalendarPopup(True)
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText("—")
    edit.setDate(NO_DATE)
    edit.setDisplayFormat("dd-MM-yyyy")
    return edit


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.status = _combo("statusFilter", self.tr("Filter by status"))
        self.status.addItem(self.tr("All statuses"), None)
        for code in STATUS_CODES:
            self.status.addItem(status_label(code), code)
        self.category = _combo("categoryFilter", self.tr("Filter by category"))
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.category.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.category.setMinimumContentsLength(12)
        self.kecamatan = _combo("kecamatanFilter", self.tr("Filter by kecamatan"))
        self.channel = _combo("channelFilter", self.tr("Filter by channel"))
        self.channel.addItem(self.tr("All channels"), None)
        for code in CHANNEL_CODES:
            self.channel.addItem(channel_label(code), code)
        self.date_from = _date("dateFrom", self.tr("Arrived on or after"))
        self.date_to = _date("dateTo", self.tr("Arrived on or before"))
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.setAccessibleName(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear)
        self.set_lookups([], [])

        # The arrival range is one piece, so a narrow window moves it (and "Clear filters") to a second row whole.
        self.dates = QWidget()
        dates = QHBoxLayout(self.dates)
        dates.setContentsMargins(0, 0, 0, 0)
        arrived = QLabel(self.tr("Arrived"))
        arrived.setBuddy(self.date_from)
        dates.addWidget(arrived)
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.date_to)
        dates.addWidget(self.clear_button)
        dates.addStretch(1)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(4, 2, 4, 2)
        self._grid.setVerticalSpacing(2)
        self._two_rows: bool | None = None
        self._arrange(two_rows=False)

        self.status.currentIndexChanged.connect(self._emit)
        self.category.activated.connect(self._emit)
        category_edit = self.category.lineEdit()
        if category_edit is not None:
            category_edit.editingFinished.connect(self._category_edited)
        self.kecamatan.currentIndexChanged.connect(self._emit)
        self.channel.currentIndexChanged.connect(self._emit)
        self.date_from.dateChanged.connect(self._emit)
        self.date_to.dateChanged.connect(self._emit)
        self._quiet = False

    # ------------------------------------------------------------------ layout
    def one_row_width(self) -> int:
        """The width the filters need on one row: below it, the arrival range and "Clear filters" wrap."""
        margins = self._grid.contentsMargins()
        widgets = (self.status, self.category, self.kecamatan, self.channel, self.dates)
        spacing = max(0, self._grid.horizontalSpacing()) * (len(widgets) - 1)
        return sum(w.sizeHint().width() for w in widgets) + spacing + margins.left() + margins.right()

    def _arrange(self, *, two_rows: bool) -> None:
        if two_rows == self._two_rows:
            return
        self._two_rows = two_rows
        for widget in (self.status, self.category, self.kecamatan, self.channel, self.dates):
            self._grid.removeWidget(widget)
        for column, widget in enumerate((self.status, self.category, self.kecamatan, self.channel)):
            self._grid.addWidget(widget, 0, column)
        if two_rows:
            self._grid.addWidget(self.dates, 1, 0, 1, 4)
        else:
            self._grid.addWidget(self.dates, 0, 4)
        for column in range(5):
            self._grid.setColumnStretch(column, {1: 2, 2: 1}.get(column, 0))
        self.updateGeometry()

    @property
    def wrapped(self) -> bool:
        return bool(self._two_rows)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(two_rows=event.size().width() < self.one_row_width())
        super().resizeEvent(event)

    def minimumSizeHint(self) -> Any:
        """Narrow enough for a 1024-pixel window: the combos shrink to their minimum, the dates wrap."""
        hint = super().minimumSizeHint()
        widest_row = max(
            sum(w.minimumSizeHint().width() for w in (self.status, self.category, self.kecamatan, self.channel)),
            self.dates.minimumSizeHint().width(),
        )
        hint.setWidth(widest_row + 3 * max(0, self._grid.horizontalSpacing()) + 8)
        return hint

    @staticmethod
    def _fit_popup(combo: QComboBox) -> None:
        """The drop-down as wide as its longest entry (never cut in the middle), within the screen."""
        view = combo.view()
        screen = combo.screen() or QGuiApplication.primaryScreen()
        limit = int(screen.availableGeometry().width() * 0.9) if screen is not None else 1200
        wanted = view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width() + 16
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setMinimumWidth(min(max(wanted, combo.width()), limit))

    def set_lookups(self, categories: Sequence[tuple[str, str]], kecamatans: Sequence[str]) -> None:
        """Fill the category and kecamatan choices, keeping what is selected."""
        self._quiet = True
        try:
            current_cat = self.category.currentData()
            self.category.clear()
            self.category.addItem(self.tr("All categories"), None)
            for cid, name in categories:
                self.category.addItem(name, cid)
            self.category.setCurrentIndex(max(0, self.category.findData(current_cat)) if current_cat else 0)
            current_kec = self.kecamatan.currentData()
            self.kecamatan.clear()
            self.kecamatan.addItem(self.tr("All kecamatan"), None)
            for name in kecamatans:
                self.kecamatan.addItem(name, name)
            self.kecamatan.setCurrentIndex(max(0, self.kecamatan.findData(current_kec)) if current_kec else 0)
        finally:
            self._quiet = False
        for combo in (self.category, self.kecamatan):
            self._fit_popup(combo)

    def values(self) -> dict[str, Any]:
        def day(edit: QDateEdit) -> dt.date | None:
            d = edit.date()
            return None if d == NO_DATE else dt.date(d.year(), d.month(), d.day())

        return {
            "status": self.status.currentData(),
            "category_id": self.category.currentData(),
            "kecamatan": self.kecamatan.currentData(),
            "channel": self.channel.currentData(),
            "date_from": day(self.date_from),
            "date_to": day(self.date_to),
        }

    @property
    def active(self) -> bool:
        return any(v is not None for v in self.values().values())

    @Slot()
    def clear(self) -> None:
        self._quiet = True
        try:
            for combo in (self.status, self.category, self.kecamatan, self.channel):
                combo.setCurrentIndex(0)
            self.date_from.setDate(NO_DATE)
            self.date_to.setDate(NO_DATE)
        finally:
            self._quiet = False
        self.changed.emit()

    @Slot()
    def _category_edited(self) -> None:
        # Typed text that names no category goes back to the chosen one (or "All").
        text = self.category.currentText()
        index = self.category.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            index = 0
        if index != self.category.currentIndex():
            self.category.setCurrentIndex(index)
            self._emit()
        else:
            self.category.setEditText(self.category.itemText(index))

    @Slot()
    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()
