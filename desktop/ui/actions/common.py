"""Small pieces shared by the action dialogs: plain-text editors and the option combos."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget


def plain_editor(parent: QWidget | None = None, *, placeholder: str = "", name: str = "") -> QPlainTextEdit:
    """A plain-text editor: QPlainTextEdit has no rich-text mode, so pasted markup stays text."""
    edit = QPlainTextEdit(parent)
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
