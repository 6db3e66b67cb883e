"""Small pieces shared by the action dialogs: plain-text editors and the option combos."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QPlainTextEdit, QWidget

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


def file_picker(parent: QWidget, title: str) -> QFileDialog:
    """A picker of existing files for the caller to ``open()`` (window-modal, non-blocking, unlike the static
    getOpenFileNames): the system's own dialog where the platform has one (Windows, in the system's language),
    else Qt's, whose strings resources/translations/qt_extra_id.ts translates."""
    dialog = QFileDialog(parent, title)
    dialog.setObjectName("filePicker")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.finished.connect(dialog.deleteLater)
    return dialog


def text_changes(before: str, after: str) -> str:
    """What changed from ``before`` to ``after``, line by line, as plain text: "− " a line removed, "+ " a line
    added, "  " unchanged. Empty when nothing changed. Shown in a plain-text view, never as markup."""
    if before == after:
        return ""
    marks = {"-": "− ", "+": "+ ", " ": "  "}
    lines = difflib.ndiff(before.splitlines(), after.splitlines())
    return "\n".join(marks[line[0]] + line[2:] for line in lines if line[:1] in marks)
