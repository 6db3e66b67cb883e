"""The follow-up (tindak lanjut) editor: templates by category with the placeholders filled, a plain-text editor,
attachments, save draft and submit; for supervisors, approve or return with a reason (never their own)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.statuses import SUBMITTABLE, FollowupState
from desktop.domain.templates import FollowUpTemplate, fill
from desktop.ui.actions.common import file_picker, plain_editor, plain_label, text_changes
from desktop.ui.actions.gating import FollowUpGates, followup_gates
from desktop.ui.i18n import followup_state_label
from desktop.ui.queue_model import format_datetime

NEW = "__new__"


@dataclass(frozen=True)
class FollowUpOutcome:
    action: str  # save | submit | approve | return
    followup_id: str | None  # None: a new draft
    text: str
    changed: bool  # the text differs from the follow-up as loaded (always True for a new draft)
    base: Mapping[str, Any] = field(
        default_factory=dict
    )  # the follow-up's data as loaded (version, content_hash)
    reason: str | None = None
    attachments: tuple[Path, ...] = ()


class FollowUpEditor(QDialog):
    def __init__(
        self,
        detail: Any,
        *,
        role: str,
        user_id: str | None,
        templates: Sequence[FollowUpTemplate],
        values: Mapping[str, str],
        check_file: Callable[[Path], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("followUpEditor")
        self.setWindowTitle(
            self.tr("Follow-up for %1").replace("%1", str(getattr(detail, "tracking_id", "")))
        )
        self._role = role
        self._user_id = user_id
        self._values = dict(values)
        self._check_file = check_file
        self._followups: dict[str, Mapping[str, Any]] = {}
        self._loaded_text = ""
        self.outcome: FollowUpOutcome | None = None
        self.attachments: list[Path] = []

        self.followup_combo = QComboBox()
        self.followup_combo.setObjectName("followupCombo")
        self.followup_combo.setAccessibleName(self.tr("Follow-up"))
        self.followup_combo.addItem(self.tr("New draft"), NEW)
        for entry in getattr(detail, "followups", ()) or ():
            data = dict(getattr(entry, "data", {}) or {})
            data.setdefault("text", getattr(entry, "text", ""))
            data.setdefault("author_id", getattr(entry, "author_id", None))
            data.setdefault("state", FollowupState.DRAFT)
            self._followups[entry.id] = data
            label = "{} · {}".format(
                followup_state_label(str(data["state"])), format_datetime(getattr(entry, "at", ""))
            )
            who = getattr(entry, "author_name", None)
            if who:
                label += f" · {who}"
            if getattr(entry, "pending", False):
                label += " · " + self.tr("not yet sent")
            self.followup_combo.addItem(label, entry.id)

        self.template_combo = QComboBox()
        self.template_combo.setObjectName("templateCombo")
        self.template_combo.setAccessibleName(self.tr("Template"))
        for t in templates:
            self.template_combo.addItem(f"{t.title} ({t.set_title})", t.id)
        self._templates = {t.id: t for t in templates}
        self.use_template_button = QPushButton(self.tr("Use template"))
        self.use_template_button.setObjectName("useTemplate")
        self.use_template_button.setEnabled(bool(templates))
        self.use_template_button.clicked.connect(self.apply_template)

        self.text_edit = plain_editor(placeholder=self.tr("The answer to the reporter"), name="followupText")
        self.text_edit.setAccessibleName(self.tr("Follow-up text"))

        self.attachment_list = QListWidget()
        self.attachment_list.setObjectName("followupAttachments")
        self.attachment_list.setAccessibleName(self.tr("Files to attach"))
        self.attachment_list.setMaximumHeight(70)
        self.add_file_button = QPushButton(self.tr("Attach file…"))
        self.add_file_button.setObjectName("attachFile")
        self.add_file_button.clicked.connect(self._pick_files)

        self.explanation = plain_label(name="followupExplanation")
        # What changed since this desk returned the follow-up: a plain-text diff (never markup from the texts).
        self.changes_label = plain_label(
            self.tr("Changed since you returned it (lines with − were removed, with + added):"),
            name="changesSinceReturnLabel",
        )
        self.changes_view = QPlainTextEdit()
        self.changes_view.setObjectName("changesSinceReturn")
        self.changes_view.setReadOnly(True)
        self.changes_view.setAccessibleName(self.tr("Changes since the return"))
        self.changes_view.setMaximumHeight(120)
        # The supervisor's reason is read by the drafter in full: a multi-line box across the dialog.
        self.return_reason = plain_editor(
            placeholder=self.tr("Why it goes back to the drafter"), name="returnReason"
        )
        self.return_reason.setAccessibleName(self.tr("Return reason"))
        self.return_reason.setMaximumHeight(72)
        self.return_reason_label = plain_label(self.tr("Return reason"))
        self.confirmation: QMessageBox | None = None  # the open "publish?" question
        self.file_dialog: QFileDialog | None = None  # the open file picker

        self.save_button = QPushButton(self.tr("Save draft"))
        self.save_button.setObjectName("saveDraft")
        self.submit_button = QPushButton(self.tr("Submit for approval"))
        self.submit_button.setObjectName("submitFollowup")
        self.approve_button = QPushButton(self.tr("Approve and publish"))
        self.approve_button.setObjectName("approveFollowup")
        self.return_button = QPushButton(self.tr("Return"))
        self.return_button.setObjectName("returnFollowup")
        close_button = QPushButton(self.tr("Close"))
        close_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(lambda: self._finish("save"))
        self.submit_button.clicked.connect(lambda: self._finish("submit"))
        self.approve_button.clicked.connect(self.ask_approve)
        self.return_button.clicked.connect(lambda: self._finish("return"))

        form = QFormLayout()
        form.addRow(plain_label(self.tr("Follow-up")), self.followup_combo)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_combo, 1)
        template_row.addWidget(self.use_template_button)
        form.addRow(plain_label(self.tr("Template")), template_row)
        files_row = QHBoxLayout()
        files_row.addWidget(self.attachment_list, 1)
        files_row.addWidget(self.add_file_button)

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.submit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.return_button)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.changes_label)
        layout.addWidget(self.changes_view)
        layout.addLayout(files_row)
        layout.addWidget(self.explanation)
        layout.addWidget(self.return_reason_label)
        layout.addWidget(self.return_reason)
        layout.addLayout(buttons)

        self.followup_combo.currentIndexChanged.connect(self._load)
        self.text_edit.textChanged.connect(self._update)
        self.return_reason.textChanged.connect(self._update)
        self.resize(760, 600)
        # Open on the follow-up the user most likely came for: one in the works, else a new draft.
        for index in range(self.followup_combo.count() - 1, 0, -1):
            found = self._followups[self.followup_combo.itemData(index)]
            if found.get("state") in SUBMITTABLE | {FollowupState.SUBMITTED}:
                self.followup_combo.setCurrentIndex(index)
                break
        self._load()

    # --- state
    def current_followup_id(self) -> str | None:
        value = self.followup_combo.currentData()
        return None if value in (None, NEW) else str(value)

    def current_data(self) -> Mapping[str, Any] | None:
        fid = self.current_followup_id()
        return self._followups.get(fid) if fid else None

    def gates(self) -> FollowUpGates:
        return followup_gates(self._role, self._user_id, self.current_data())

    @Slot()
    def _load(self) -> None:
        data = self.current_data()
        self._loaded_text = str(data.get("text") or "") if data else ""
        self.text_edit.setPlainText(self._loaded_text)
        self._update()

    def changed(self) -> bool:
        return self.current_data() is None or self.text_edit.toPlainText() != self._loaded_text

    @Slot()
    def _update(self) -> None:
        gates = self.gates()
        data = self.current_data()
        has_text = bool(self.text_edit.toPlainText().strip())
        self.text_edit.setReadOnly(not gates.edit.allowed)
        self.use_template_button.setEnabled(gates.edit.allowed and self.template_combo.count() > 0)
        self.add_file_button.setEnabled(gates.edit.allowed)
        self.save_button.setEnabled(gates.edit.allowed and has_text and self.changed())
        self.submit_button.setEnabled(gates.submit.allowed and gates.edit.allowed and has_text)
        # An approval binds to the exact text the supervisor read: no approving an edited text.
        reviewing = gates.approve.allowed and not self.changed()
        self.approve_button.setEnabled(reviewing)
        self.return_button.setEnabled(reviewing and bool(self.return_reason.toPlainText().strip()))
        can_review = gates.approve.reason != "role"
        self.approve_button.setVisible(can_review)
        self.return_button.setVisible(can_review)
        self.return_reason.setVisible(can_review)
        self.return_reason_label.setVisible(can_review)
        self._show_changes(data)
        if gates.approve.reason == "own_followup":
            text = self.tr(
                "You wrote or changed this follow-up's text: another supervisor must approve or return it "
                "(four eyes)."
            )
            self.approve_button.setToolTip(text)
            self.return_button.setToolTip(text)
        else:
            text = ""
            self.approve_button.setToolTip(
                self.tr("Approve this exact text; it is then published to the reporter.")
            )
            self.return_button.setToolTip(self.tr("Send it back to the drafter with the reason."))
        if data is not None and data.get("state") == FollowupState.RETURNED and data.get("return_reason"):
            text = self.tr("Returned: %1").replace("%1", str(data.get("return_reason")))
        elif data is not None and not gates.edit.allowed and gates.edit.reason == "state" and not text:
            text = self.tr("A %1 follow-up cannot be edited here.").replace(
                "%1", followup_state_label(str(data.get("state"))).lower()
            )
        if not gates.submit.allowed and gates.submit.reason == "role" and not text:
            text = self.tr("An admin submits the draft for approval.")
        self.explanation.setText(text)

    def _show_changes(self, data: Mapping[str, Any] | None) -> None:
        """The diff between the text this desk returned and the text now (as it stands in the editor)."""
        before = data.get("returned_text") if data is not None else None
        shown = isinstance(before, str) and data is not None and data.get("state") != FollowupState.PUBLISHED
        if shown:
            diff = text_changes(str(before), self.text_edit.toPlainText())
            self.changes_view.setPlainText(diff or self.tr("No change to the text since you returned it."))
        self.changes_label.setVisible(shown)
        self.changes_view.setVisible(shown)

    # --- templates and files
    @Slot()
    def apply_template(self) -> None:
        template = self._templates.get(self.template_combo.currentData())
        if template is None:
            return
        cursor = self.text_edit.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(fill(template.text, self._values))  # one undo step, unlike setPlainText
        self.text_edit.setTextCursor(cursor)

    @Slot()
    def _pick_files(self) -> None:
        self.file_dialog = file_picker(self, self.tr("Attach files"))
        self.file_dialog.filesSelected.connect(lambda files: self.add_files([Path(f) for f in files]))
        self.file_dialog.open()

    def add_files(self, paths: Sequence[Path]) -> list[str]:
        """Add files after checking each; returns the problems (already shown in the explanation line)."""
        problems: list[str] = []
        for path in paths:
            problem = self._check_file(path)
            if problem:
                problems.append(problem)
                continue
            self.attachments.append(path)
            self.attachment_list.addItem(path.name)
        if problems:
            self.explanation.setText("\n".join(problems))
        return problems

    # --- finishing
    def _finish(self, action: str) -> None:
        self.outcome = FollowUpOutcome(
            action=action,
            followup_id=self.current_followup_id(),
            text=self.text_edit.toPlainText().strip(),
            changed=self.changed(),
            base=dict(self.current_data() or {}),
            reason=self.return_reason.toPlainText().strip() or None,
            attachments=tuple(self.attachments),
        )
        self.accept()

    def save_draft(self) -> None:
        self._finish("save")

    def submit(self) -> None:
        self._finish("submit")

    @Slot()
    def ask_approve(self) -> QMessageBox:
        """Publishing cannot be undone: ask first (window-modal, non-blocking), approve on "Publish"."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Publish the follow-up?"),
            self.tr("Approve this text and publish it to the reporter? A published follow-up can no longer be "
                    "edited or withdrawn."),
            QMessageBox.StandardButton.Cancel,
            self,
        )  # fmt: skip
        box.setObjectName("confirmPublish")
        publish = box.addButton(self.tr("Publish"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda button: self.approve() if button is publish else None)
        self.confirmation = box
        box.open()
        return box

    def approve(self) -> None:
        """Approve and publish without asking: what "Publish" in ``ask_approve`` does."""
        self._finish("approve")

    def return_with(self, reason: str) -> None:
        self.return_reason.setPlainText(reason)
        self._finish("return")
