"""A non-modal message bar above the queue: errors and notices in one sentence, never a traceback, never a dialog.

Routine problems (the hub unreachable, an op rejected, a save that failed) are told here; the bar hides itself
after a while for info, stays for errors until closed or replaced.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class Level(enum.StrEnum):
    INFO = "info"
    SUCCESS = "success"
    WARNING = "warning"
    ERROR = "error"


INFO_TIMEOUT_MS = 8000
WARNING_TIMEOUT_MS = 20_000


class MessageBar(QFrame):
    """One message at a time; a newer message replaces the older one."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("Messages"))
        self.level = Level.INFO
        self.label = QLabel()
        self.label.setObjectName("messageText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setObjectName("messageClose")
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(self.tr("Close this message"))
        self.close_button.setAccessibleName(self.tr("Close this message"))
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    def show_message(self, text: str, level: Level | str = Level.INFO) -> None:
        self.level = Level(level)
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.setProperty("level", self.level.value)
        self._apply_colours()
        self.show()
        self._timer.stop()
        if self.level in (Level.INFO, Level.SUCCESS):
            self._timer.start(INFO_TIMEOUT_MS)
        elif self.level is Level.WARNING:
            self._timer.start(WARNING_TIMEOUT_MS)

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisible() else ""

    @Slot()
    def dismiss(self) -> None:
        self._timer.stop()
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def _apply_colours(self) -> None:
        # Derived from the current palette so it reads well in light and dark schemes alike.
        pal = self.palette()
        base = pal.color(QPalette.ColorRole.Window)
        dark = base.lightness() < 128
        tints = {
            Level.INFO: "#2f6fb3",
            Level.SUCCESS: "#2e7d32",
            Level.WARNING: "#b26a00",
            Level.ERROR: "#c62828",
        }
        accent = tints[self.level]
        alpha = 70 if dark else 40
        self.setStyleSheet(
            f"QFrame#messageBar {{ border: 1px solid {accent}; border-radius: 3px;"
            f" background: rgba({int(accent[1:3], 16)}, {int(accent[3:5], 16)}, {int(accent[5:7], 16)}, {alpha}); }}"
        )
