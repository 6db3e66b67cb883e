"""Small pieces shared by the action dialogs: plain-text editors and the option combos."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget

from desktop.domain.text import clean_text


class CleanTextEdit(QPlainTextEdit):
    """Pasted or dropped text arrives as plain text without the control characters the hub refuses (a NUL from a
    copied PDF or spreadsheet cell), so what the user sees is exactly what will be sent."""

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802  (Qt's name)
        if source.hasText():
            self.textCursor().insertText(clean_text(source.text()))


def plain_editor(parent: QWidget | None = None, *, placeholder: str = "", name: str = "") -> QPlainTextEdit:
    """A plain-text editor: QPlainTextEdit has no rich-text mode, so pasted markup stays text."""
    edit = CleanTextEdit(parent)
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    if name:
        edit.setObjectName(name)
    return edit


def plain_label(text: str = "", parent: QWidget | None = None, *, name: str = "") -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    if name:
        label.setObjectName(name)
    return label


def fill_combo(combo: QComboBox, options: Iterable[Any], *, none_label: str | None = None) -> None:
    """Options (``.id``, ``.name``) as items whose data is the id; an optional first "none" item (data None)."""
    combo.clear()
    if none_label is not None:
        combo.addItem(none_label, None)
    for option in options:
        combo.addItem(str(option.name), option.id)


def select_data(combo: QComboBox, value: Any) -> bool:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)
    return index >= 0
