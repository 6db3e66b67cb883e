"""Light and dark following the OS (Qt 6.5+ colour scheme), with a palette-aware style sheet.

The style sheet uses only `palette(...)` colours, so it reads in both schemes. When the OS asks for dark but the
platform style keeps a light palette (some Linux desktops, older styles), a dark palette is applied on Fusion.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui.resources import stylesheet_path

log = logging.getLogger(__name__)


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(230, 230, 230)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(40, 40, 43),
        QPalette.ColorRole.ToolTipBase: window,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(150, 150, 150),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: window,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor(255, 120, 120),
        QPalette.ColorRole.Highlight: QColor(56, 117, 215),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Link: QColor(120, 170, 255),
        QPalette.ColorRole.Mid: QColor(70, 70, 74),
        QPalette.ColorRole.Dark: QColor(20, 20, 22),
    }
    for role, colour in roles.items():
        p.setColor(role, colour)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(130, 130, 130))
    return p


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


class ThemeFollower(QObject):
    """Applies the style sheet, and the dark palette when the OS is dark; follows changes while running."""

    def __init__(self, app: QApplication, scheme: Qt.ColorScheme | None = None) -> None:
        super().__init__(app)
        self._app = app
        self._forced = scheme
        self._own_palette = False
        app.styleHints().colorSchemeChanged.connect(self._on_scheme_changed)
        self.apply()

    @Slot(Qt.ColorScheme)
    def _on_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.apply()

    def scheme(self) -> Qt.ColorScheme:
        return self._forced if self._forced is not None else self._app.styleHints().colorScheme()

    def apply(self) -> None:
        want_dark = self.scheme() == Qt.ColorScheme.Dark
        if want_dark and not is_dark(self._app.style().standardPalette()):
            self._app.setStyle("Fusion")
            self._app.setPalette(dark_palette())
            self._own_palette = True
        elif not want_dark and self._own_palette:
            self._app.setPalette(self._app.style().standardPalette())
            self._own_palette = False
        qss = stylesheet_path()
        if qss.exists():
            self._app.setStyleSheet(qss.read_text(encoding="utf-8"))
