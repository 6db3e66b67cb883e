"""A lean painter for the queue table's cells.

`QStyledItemDelegate.paint` asks the model ~7 roles of every cell (each a call into Python returning a QVariant),
builds a full QStyleOptionViewItem and lays the text out with a QTextLayout to elide it: most of a Page Down's
repaint. The queue's cells are one line of plain text each, prepared once per row by the model
(`QueueTableModel.cells`): this delegate reads that tuple directly, fills the selection, elides through a cache
of (text, width) and draws the text, and the focus frame on the current cell.

What stays the model's: every role (DisplayRole, ForegroundRole, AccessibleTextRole, ToolTipRole…) is still
answered by `data()` for screen readers, tooltips, `sizeHint` (column auto-fit) and tests; only the painting
skips the round trip.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QStaticText, QTransform
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionFocusRect,
    QStyleOptionViewItem,
    QWidget,
)

if TYPE_CHECKING:
    from desktop.ui.queue_model import QueueTableModel

_TEXT_CACHE = 20_000  # laid-out texts by (text, width); dropped whole when full

_SELECTED = QStyle.StateFlag.State_Selected.value
_FOCUS = QStyle.StateFlag.State_HasFocus.value
_ENABLED = QStyle.StateFlag.State_Enabled.value
_ACTIVE = QStyle.StateFlag.State_Active.value
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_RIGHT_BIT = Qt.AlignmentFlag.AlignRight.value
_NORMAL = QPalette.ColorGroup.Normal
_INACTIVE = QPalette.ColorGroup.Inactive
_DISABLED = QPalette.ColorGroup.Disabled
_TEXT = QPalette.ColorRole.Text
_HIGHLIGHTED_TEXT = QPalette.ColorRole.HighlightedText
_HIGHLIGHT = QPalette.ColorRole.Highlight
_WINDOW = QPalette.ColorRole.Window
_RESTYLE = (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ApplicationFontChange)


class QueueDelegate(QStyledItemDelegate):
    """Paints the cells of a `QueueTableModel` from its prepared row tuples (see module doc).

    Text is drawn as QStaticText, laid out once per (text, column width) and kept in a cache: most cells of a page
    (titles, categories, kecamatan, status, assignee, deadline) repeat strings already laid out, and a
    `drawStaticText` is a fraction of a `drawText` that shapes the string again on every paint."""

    def __init__(self, model: QueueTableModel, view: QWidget) -> None:
        super().__init__(view)
        # No reference to the view here (the view owns this delegate: a cycle the collector cannot see would keep
        # both alive); the style comes from each paint's option.widget.
        self._cells = model.cells
        self._slots = model.ROLE_SLOTS
        # (text, width) → (laid-out text, its width, its height); None when nothing fits
        self._texts: dict[tuple[str, int], tuple[QStaticText, int, int] | None] = {}
        self._metrics: QFontMetrics | None = None
        self._margin = -1
        view.installEventFilter(self)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        # Hot: once per visible cell per repaint. Flags as ints (enum operators are Python calls), no save/restore.
        cells = self._cells(index.row())
        if cells is None:
            return
        base = index.column() * self._slots
        text = cells[base]
        state = option.state.value
        cg = (_NORMAL if state & _ACTIVE else _INACTIVE) if state & _ENABLED else _DISABLED
        rect = option.rect
        if state & _SELECTED:
            palette = option.palette
            painter.fillRect(rect, palette.brush(cg, _HIGHLIGHT))
            painter.setPen(palette.color(cg, _HIGHLIGHTED_TEXT))
        else:
            colour = cells[base + 5]
            painter.setPen(option.palette.color(cg, _TEXT) if colour is None else colour)
        if text:
            margin = self._margin
            if margin < 0:
                margin = self._margin = self._text_margin(option.widget)
            if cells[base + 2] is None:
                width = rect.width() - 2 * margin
                key = (text, width)
                laid = self._texts.get(key)
                if laid is None and key not in self._texts:
                    laid = self._lay_out(key, option)
                if laid is not None:
                    static, text_width, text_height = laid
                    align = cells[base + 3]
                    x = rect.x() + margin
                    if align is not None and align & _RIGHT_BIT:
                        x += width - text_width
                    painter.drawStaticText(x, rect.y() + (rect.height() - text_height) // 2, static)
            else:
                self._draw_font_text(painter, option, text, cells[base + 2], cells[base + 3], margin)
        if state & _FOCUS:
            self._draw_focus(painter, option, cg)

    def _draw_font_text(
        self, painter: QPainter, option: QStyleOptionViewItem, text: str, font: QFont, align: Any, margin: int
    ) -> None:
        """A cell in its own font (the bold sync badge): rare, drawn as `drawText` without the cache."""
        resolved = font.resolve(option.font)
        rect = option.rect.adjusted(margin, 0, -margin, 0)
        shown = QFontMetrics(resolved).elidedText(text, Qt.TextElideMode.ElideRight, max(0, rect.width()))
        painter.setFont(resolved)
        painter.drawText(rect, int(align or _LEFT), shown)
        painter.setFont(option.font)

    @staticmethod
    def _text_margin(widget: QWidget | None) -> int:
        # As QCommonStyle lays out an item's text: the focus frame's margin and one pixel each side.
        style = widget.style() if widget is not None else QApplication.style()
        return style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1

    def _lay_out(
        self, key: tuple[str, int], option: QStyleOptionViewItem
    ) -> tuple[QStaticText, int, int] | None:
        metrics = self._metrics
        if metrics is None:
            metrics = self._metrics = QFontMetrics(option.font)
        if len(self._texts) >= _TEXT_CACHE:
            self._texts.clear()
        text, width = key
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, width))
        text_width = metrics.horizontalAdvance(shown)
        laid: tuple[QStaticText, int, int] | None = None
        if shown and text_width <= width:
            static = QStaticText(shown)
            static.setTextFormat(Qt.TextFormat.PlainText)  # a title with "<b>" is text, not markup
            static.prepare(QTransform(), option.font)
            laid = (static, text_width, metrics.height())
        self._texts[key] = laid
        return laid

    def _draw_focus(self, painter: QPainter, option: QStyleOptionViewItem, cg: QPalette.ColorGroup) -> None:
        widget = option.widget
        focus = QStyleOptionFocusRect()
        focus.rect = option.rect
        focus.palette = option.palette
        focus.direction = option.direction
        focus.fontMetrics = option.fontMetrics
        focus.state = option.state | QStyle.StateFlag.State_KeyboardFocusChange | QStyle.StateFlag.State_Item
        focus.backgroundColor = option.palette.color(
            cg, _HIGHLIGHT if option.state.value & _SELECTED else _WINDOW
        )
        style = widget.style() if widget is not None else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)

    def clear_cache(self) -> None:
        """Forget laid-out texts and the text margin (widths are part of the key; the font and style are not)."""
        self._texts.clear()
        self._metrics = None
        self._margin = -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _RESTYLE:
            self.clear_cache()
        return False
