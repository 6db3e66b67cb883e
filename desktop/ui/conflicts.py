"""The conflict view: what this desk sent (mine) beside what the hub has now (theirs), and for a follow-up text
also the text both started from, with a three-way merge the user can edit. Keep mine, take theirs or merge; the
choice goes to the store's resolve API as one transaction and the conflict is cleared.

Nothing here is decided by a clock and nothing the user wrote is dropped without the user choosing so.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui import services
from desktop.ui.actions.common import plain_label
from desktop.ui.errors import describe
from desktop.ui.i18n import status_label
from desktop.ui.jobs import Lane

log = logging.getLogger(__name__)


# Fields worth showing side by side, in this order; the rest follow.
_FIELDS = (
    "status", "assignee_id", "kind", "to_unit_id", "to_user_id", "instruction", "due_date", "reason",
    "suggested_body", "state", "text", "version",
)  # fmt: skip
_HIDDEN = ("base_text", "base_text_hash", "content_hash", "disposition_id", "note_id", "followup_id", "id")


def _read_only(name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setReadOnly(True)
    return edit


class ConflictDialog(QDialog):
    resolved = Signal(str, str)  # conflict id, choice

    def __init__(self, view: services.ConflictView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.view = view
        self.choice: str | None = None
        self.setWindowTitle(self.tr("Conflict: %1").replace("%1", self._kind_text(view.kind)))

        self.explanation = QPlainTextEdit()
        self.explanation.setObjectName("conflictExplanation")
        self.explanation.setReadOnly(True)
        self.explanation.setMaximumHeight(60)
        self.explanation.setPlainText(self._explain())

        grid = QGridLayout()
        self.mine_edit = _read_only("conflictMine")
        self.mine_edit.setAccessibleName(self.tr("My version"))
        self.theirs_edit = _read_only("conflictTheirs")
        self.theirs_edit.setAccessibleName(self.tr("The hub's version"))
        self.base_edit: QPlainTextEdit | None = None
        self.merged_edit: QPlainTextEdit | None = None
        column = 0
        if view.is_text:
            self.base_edit = _read_only("conflictBase")
            self.base_edit.setAccessibleName(self.tr("The text both started from"))
            self.base_edit.setPlainText(view.base_text or "")
            grid.addWidget(plain_label(self.tr("Started from")), 0, column)
            grid.addWidget(self.base_edit, 1, column)
            column += 1
            self.mine_edit.setPlainText(view.mine_text or "")
            self.theirs_edit.setPlainText(view.theirs_text or "")
        else:
            self.mine_edit.setPlainText(self._describe(view.mine))
            self.theirs_edit.setPlainText(self._describe(view.theirs))
        grid.addWidget(plain_label(self.tr("Mine (not sent)")), 0, column)
        grid.addWidget(self.mine_edit, 1, column)
        grid.addWidget(plain_label(self.tr("Theirs (on the hub now)")), 0, column + 1)
        grid.addWidget(self.theirs_edit, 1, column + 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(grid, 2)

        self.keep_button = QPushButton(self.tr("Keep mine"))
        self.keep_button.setObjectName("keepMine")
        self.keep_button.setToolTip(self.tr("Send my change again, over the hub's current state."))
        self.take_button = QPushButton(self.tr("Take theirs"))
        self.take_button.setObjectName("takeTheirs")
        self.take_button.setToolTip(self.tr("Drop my change and keep what the hub has."))
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.setObjectName("mergeTexts")
        self.merge_button.setToolTip(self.tr("Send the merged text below."))
        close_button = QPushButton(self.tr("Decide later"))
        close_button.clicked.connect(self.reject)
        self.keep_button.clicked.connect(self.keep_mine)
        self.take_button.clicked.connect(self.take_theirs)
        self.merge_button.clicked.connect(self.merge)

        if view.is_text:
            merged = services.three_way_merge(
                view.base_text or "",
                view.mine_text or "",
                view.theirs_text or "",
                mine_label=self.tr("mine"),
                theirs_label=self.tr("theirs"),
            )
            self.merged_edit = QPlainTextEdit()
            self.merged_edit.setObjectName("conflictMerged")
            self.merged_edit.setAccessibleName(self.tr("Merged text"))
            self.merged_edit.setPlainText(merged.text)
            self.merged_edit.textChanged.connect(self._update)
            self.merge_note = plain_label(
                self.tr("Merged text: both changes where they do not overlap.")
                if merged.clashes == 0
                else self.tr(
                    "Merged text: %1 place(s) changed on both sides are between markers; edit them."
                ).replace("%1", str(merged.clashes))
            )
            self.merge_note.setObjectName("mergeNote")
            layout.addWidget(self.merge_note)
            layout.addWidget(self.merged_edit, 2)
        else:
            self.merge_button.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout.addLayout(buttons)
        self.resize(900 if view.is_text else 700, 560 if view.is_text else 420)
        self._update()

    # --- text
    def _kind_text(self, kind: str) -> str:
        labels = {
            "disposition.create": self.tr("disposition"),
            "complaint.assign": self.tr("assignment"),
            "complaint.claim": self.tr("claim"),
            "complaint.status": self.tr("status change"),
            "followup.edit": self.tr("follow-up text"),
            "followup.submit": self.tr("follow-up submission"),
            "followup.approve": self.tr("follow-up approval"),
            "followup.return": self.tr("follow-up return"),
        }
        return labels.get(kind, kind)

    def _explain(self) -> str:
        if self.view.is_text:
            return self.tr(
                "Someone changed this follow-up on the hub while you were editing it. Compare the texts, then keep "
                "yours, take theirs, or send the merged text."
            )
        return self.tr(
            "The complaint changed on the hub before your change arrived. Compare, then send yours again over the "
            "new state, or drop it."
        )

    def _describe(self, data: Mapping[str, Any]) -> str:
        """A readable, plain-text listing of a record's fields (values are data, never markup)."""
        lines: list[str] = []
        keys = [k for k in _FIELDS if k in data] + sorted(k for k in data if k not in _FIELDS)
        for key in keys:
            if key in _HIDDEN or data.get(key) in (None, "", [], {}):
                continue
            value = data[key]
            if key == "status":
                value = status_label(str(value))
            elif isinstance(value, dict | list):
                value = json.dumps(value, ensure_ascii=False)
            lines.append(f"{key}: {value}")
        return "\n".join(lines) or self.tr("(nothing)")

    # --- choices
    @Slot()
    def _update(self) -> None:
        if self.merged_edit is not None:
            text = self.merged_edit.toPlainText()
            ok = bool(text.strip()) and "<<<<<<< " not in text and ">>>>>>> " not in text
            self.merge_button.setEnabled(ok)
            self.merge_button.setToolTip(
                self.tr("Send the merged text below.") if ok else self.tr("Settle the marked places first.")
            )

    def merged_text(self) -> str | None:
        return self.merged_edit.toPlainText() if self.merged_edit is not None else None

    @Slot()
    def keep_mine(self) -> None:
        self._choose("mine")

    @Slot()
    def take_theirs(self) -> None:
        self._choose("theirs")

    @Slot()
    def merge(self) -> None:
        if self.merge_button.isEnabled():
            self._choose("merge")

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def open_conflict(window: Any, conflict_id: str) -> ConflictDialog | None:
    """Open the conflict view for ``conflict_id`` (from the Konflik queue); the choice is resolved on the DB lane,
    then the queue, the detail and the status bar are refreshed."""
    replica = getattr(window.services, "replica", None)
    if replica is None:
        return None
    view = services.conflict_view(replica, conflict_id)
    if view is None:
        window.show_message(
            QCoreApplication.translate("ConflictDialog", "This conflict was already resolved."), "info"
        )
        return None
    dialog = ConflictDialog(view, parent=window)

    def resolve() -> None:
        choice = dialog.choice
        if choice is None:
            return
        merged = dialog.merged_text() if choice == "merge" else None
        window.runner.run(
            Lane.DB,
            lambda ctx: services.resolve_conflict(replica, view.id, choice, merged),
            on_success=lambda _r: _resolved(window, dialog, view, choice),
            on_failure=lambda exc: _failed(window, exc),
        )

    dialog.accepted.connect(resolve)
    window.conflict_dialog = dialog  # keep it alive while it is open, and reachable for tests
    dialog.open()
    return dialog


def open_conflicts_of(window: Any, complaint_id: str) -> ConflictDialog | None:
    """The first unresolved conflict of a complaint (the Konflik queue lists complaints)."""
    replica = getattr(window.services, "replica", None)
    if replica is None:
        return None
    views = services.list_conflicts(replica, complaint_id)
    return open_conflict(window, views[0].id) if views else None


def _resolved(window: Any, dialog: ConflictDialog, view: services.ConflictView, choice: str) -> None:
    window.refresh_after_local_change(view.complaint_id)
    texts = {
        "mine": QCoreApplication.translate(
            "ConflictDialog", "Your change goes to the hub again with the next sync."
        ),
        "theirs": QCoreApplication.translate(
            "ConflictDialog", "The hub's version kept; your change was dropped."
        ),
        "merge": QCoreApplication.translate(
            "ConflictDialog", "The merged text goes to the hub with the next sync."
        ),
    }
    window.show_message(texts[choice], "success")
    dialog.resolved.emit(view.id, choice)


def _failed(window: Any, exc: BaseException) -> None:
    log.warning("resolving a conflict failed: %r", exc)
    if isinstance(exc, NotImplementedError):
        text = QCoreApplication.translate(
            "ConflictDialog", "Conflicts cannot be resolved in this version of the desk yet."
        )
    else:
        text = describe(exc)
    window.show_message(text, "error")
