"""Filters over the queue: status, category, kecamatan, channel, arrival date range. All are applied in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QCompleter, QDateEdit, QHBoxLayout, QLabel, QToolButton, QWidget

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

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.status)
        layout.addWidget(self.category, 2)
        layout.addWidget(self.kecamatan, 1)
        layout.addWidget(self.channel)
        arrived = QLabel(self.tr("Arrived"))
        arrived.setBuddy(self.date_from)
        layout.addWidget(arrived)
        layout.addWidget(self.date_from)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.date_to)
        layout.addWidget(self.clear_button)

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
