"""Pasting text with control characters into an action's editor (issue 9, item 9): the editor shows, and the action
sends, exactly the cleaned text."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.actions.common import plain_editor


def test_paste_drops_what_the_hub_refuses(qtbot: QtBot) -> None:
    edit = plain_editor(name="noteText")
    qtbot.addWidget(edit)
    edit.setPlainText("Catatan: ")
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    mime = QMimeData()
    mime.setText("jalan\x00 berlubang\x07\r\ndi RT 03")
    mime.setHtml("<b>jalan</b>")
    QApplication.clipboard().setMimeData(mime)
    edit.paste()
    assert edit.toPlainText() == "Catatan: jalan berlubang\ndi RT 03"
