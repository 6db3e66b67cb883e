"""The small action dialogs: internal note, assign to a team member, status change."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from desktop.ui.actions.common import fill_combo, plain_editor, plain_label
from desktop.ui.i18n import status_label


class _ActionDialog(QDialog):
    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)


class NoteDialog(_ActionDialog):
    """An internal note: never shown to the reporter."""

    def __init__(self, tracking_id: Any, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Internal note on %1").replace("%1", str(tracking_id)), self.tr("Add note"), parent
        )
        self.setObjectName("noteDialog")
        self.body.addWidget(
            plain_label(self.tr("Internal notes are seen by the OPD's team only, never by the reporter."))
        )
        self.text_edit = plain_editor(placeholder=self.tr("Note"), name="noteEdit")
        self.text_edit.setAccessibleName(self.tr("Note"))
        self.body.addWidget(self.text_edit, 1)
        self.body.addWidget(self.buttons)
        self.text_edit.textChanged.connect(self._update)
        self.resize(460, 280)
        self._update()

    @Slot()
    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.text_edit.toPlainText().strip()))

    def text(self) -> str:
        return self.text_edit.toPlainText().strip()


class AssignDialog(_ActionDialog):
    def __init__(
        self, tracking_id: Any, members: Sequence[Any], current: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Assign %1").replace("%1", str(tracking_id)), self.tr("Assign"), parent)
        self.setObjectName("assignDialog")
        self.member_combo = QComboBox()
        self.member_combo.setObjectName("assigneeCombo")
        self.member_combo.setAccessibleName(self.tr("Team member"))
        fill_combo(self.member_combo, [m for m in members if m.id != current])
        form = QFormLayout()
        form.addRow(plain_label(self.tr("Team member")), self.member_combo)
        self.body.addLayout(form)
        self.body.addWidget(self.buttons)
        self.ok_button.setEnabled(self.member_combo.count() > 0)

    def assignee_id(self) -> str | None:
        value = self.member_combo.currentData()
        return str(value) if value else None


class StatusDialog(_ActionDialog):
    """The moves the hub allows by hand from ``current`` (``gating.status_moves``); ``note`` says what a move
    held back still needs."""

    def __init__(
        self,
        tracking_id: Any,
        current: str,
        moves: Sequence[str],
        *,
        note: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Change the status of %1").replace("%1", str(tracking_id)), self.tr("Change"), parent
        )
        self.setObjectName("statusDialog")
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusCombo")
        self.status_combo.setAccessibleName(self.tr("New status"))
        for code in moves:
            self.status_combo.addItem(status_label(str(code)), str(code))
        self.reason_edit = plain_editor(placeholder=self.tr("Reason (optional)"), name="statusReasonEdit")
        self.reason_edit.setAccessibleName(self.tr("Reason"))
        form = QFormLayout()
        form.addRow(plain_label(self.tr("Now")), plain_label(status_label(current)))
        form.addRow(plain_label(self.tr("New status")), self.status_combo)
        form.addRow(plain_label(self.tr("Reason")), self.reason_edit)
        self.body.addLayout(form)
        self.note_label = plain_label(note or "", name="statusNote")
        self.note_label.setVisible(bool(note))
        self.body.addWidget(self.note_label)
        self.body.addWidget(self.buttons)
        self.ok_button.setEnabled(self.status_combo.count() > 0)

    def status(self) -> str:
        return str(self.status_combo.currentData() or "")

    def reason(self) -> str | None:
        return self.reason_edit.toPlainText().strip() or None
