"""The Qt binding must not leak or steal references: PySide6 6.12.0 on Python 3.11 took one reference from None
on every void Qt call (setText, update, painter calls, model resets), so a desk left open aborted with
"Fatal Python error: none_dealloc". pyproject pins the binding below it; this test fails on a binding that does it."""

from __future__ import annotations

import sys

from PySide6.QtCore import QStringListModel
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_qt_calls_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    model = QStringListModel()
    image = QImage(16, 16, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        calls = 200
        before = sys.getrefcount(None)
        for _ in range(calls):
            label.setText("x")
            label.update()
            painter.save()
            painter.setPen(QColor("red"))
            painter.restore()
            model.setStringList([])
        lost = before - sys.getrefcount(None)
    finally:
        painter.end()
    assert lost < calls, f"the Qt binding dropped {lost} references to None in {calls} rounds of void calls"
