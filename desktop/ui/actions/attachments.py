"""Attachments in the detail pane: the list, an image preview, add (checked before anything is stored) and open
with the system viewer (a decrypted temporary copy; the replica's copy stays encrypted)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.actions.common import plain_label

PREVIEW_MAX = 320
ROLE_DATA = Qt.ItemDataRole.UserRole


def is_image(mime: str | None) -> bool:
    return bool(mime) and str(mime).startswith("image/")


class AttachmentsPanel(QWidget):
    addRequested = Signal()
    openRequested = Signal(object)  # the attachment's data mapping
    previewRequested = Signal(object)  # the attachment's data mapping (an image)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentsPanel")
        self.caption = plain_label(self.tr("Attachments"))
        font = self.caption.font()
        font.setBold(True)
        self.caption.setFont(font)
        self.list = QListWidget()
        self.list.setObjectName("attachmentList")
        self.list.setAccessibleName(self.tr("Attachments"))
        self.list.setMaximumHeight(110)
        self.preview = QLabel()
        self.preview.setObjectName("attachmentPreview")
        self.preview.setAccessibleName(self.tr("Image preview"))
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.hide()
        self.add_button = QPushButton(self.tr("Add attachment…"))
        self.add_button.setObjectName("addAttachment")
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("openAttachment")
        self.open_button.setToolTip(self.tr("Open with the system viewer"))
        self.add_button.clicked.connect(self.addRequested)
        self.open_button.clicked.connect(self._open_current)
        self.list.itemActivated.connect(self._open_item)
        self.list.currentItemChanged.connect(self._on_current)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.list)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        self._update_buttons()

    def show_attachments(self, entries: Sequence[Any]) -> None:
        self.list.clear()
        self.preview.clear()
        self.preview.hide()
        for entry in entries:
            data = dict(getattr(entry, "data", None) or {})
            name = str(data.get("filename") or getattr(entry, "text", "") or "")
            size = data.get("size")
            label = name if not size else f"{name} ({QLocale().formattedDataSize(int(size))})"
            if getattr(entry, "pending", False):
                label += " · " + self.tr("not yet sent")
            item = QListWidgetItem(label)  # plain text: a file name is never markup
            item.setData(ROLE_DATA, data)
            self.list.addItem(item)
        self._update_buttons()

    def set_can_add(self, allowed: bool, why: str = "") -> None:
        self.add_button.setEnabled(allowed)
        self.add_button.setToolTip(why)

    def current_data(self) -> Mapping[str, Any] | None:
        item = self.list.currentItem()
        return item.data(ROLE_DATA) if item is not None else None

    def show_preview(self, data: bytes) -> bool:
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            self.preview.setText(self.tr("No preview for this file."))
            self.preview.show()
            return False
        if pixmap.width() > PREVIEW_MAX or pixmap.height() > PREVIEW_MAX:
            pixmap = pixmap.scaled(
                PREVIEW_MAX, PREVIEW_MAX, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )  # fmt: skip
        self.preview.setPixmap(pixmap)
        self.preview.show()
        return True

    @Slot()
    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.list.currentItem() is not None)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current(self, current: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        self._update_buttons()
        self.preview.clear()
        self.preview.hide()
        data = current.data(ROLE_DATA) if current is not None else None
        if data and is_image(data.get("mime")):
            self.previewRequested.emit(data)

    @Slot()
    def _open_current(self) -> None:
        data = self.current_data()
        if data:
            self.openRequested.emit(data)

    @Slot(QListWidgetItem)
    def _open_item(self, item: QListWidgetItem) -> None:
        data = item.data(ROLE_DATA)
        if data:
            self.openRequested.emit(data)
