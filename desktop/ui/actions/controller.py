"""DeskActions: the window's actions on the complaint shown, gated by role and status.

Each action is an :class:`~desktop.ui.ops.Op`: one store transaction on the DB lane (through the action modules of
``desktop.app``) that returns the :class:`~desktop.app.changes.Changes` it made; the op hands them to the window's
``changed`` signal, and every view refreshes what they touch (the row with its sync badge, the counts, the detail,
read again once). A dialog that needs data from the replica (where a disposition can go, who is in the team, the
office's calendar and today) reads it with a :class:`~desktop.ui.ops.Read` first and opens when it is in
(``dialogOpened``): no SQL on the GUI thread. The complaint the actions apply to is the detail pane's, the very
object the window read for it (``window.detail.current_detail``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QScrollArea

from desktop.app import attachments as app_attachments
from desktop.app import complaints, followups, office
from desktop.app.attachments import AttachmentNotDownloaded, AttachmentRefused
from desktop.app.changes import Changes
from desktop.app.complaints import Actor, actor_of
from desktop.domain.statuses import Status, allowed_next
from desktop.domain.templates import TemplateLibrary, placeholder_values
from desktop.ui.actions.attachments import AttachmentsPanel
from desktop.ui.actions.common import file_picker
from desktop.ui.actions.dialogs import AssignDialog, NoteDialog, StatusDialog
from desktop.ui.actions.disposition import DispositionDialog, DispositionRequest
from desktop.ui.actions.followup import FollowUpEditor, FollowUpOutcome
from desktop.ui.actions.gating import (
    Gate,
    complaint_gates,
    has_published_followup,
    held_back_moves,
    status_moves,
)
from desktop.ui.errors import attachment_problem_message, describe
from desktop.ui.jobs import Lane, NetworkDisabled
from desktop.ui.ops import Op, Read

log = logging.getLogger(__name__)

T = TypeVar("T")
NOBODY = Actor(None, "", None, "")


def _disposition_data(
    replica: Any, unit_id: str | None
) -> tuple[complaints.DispositionTargets, Any, dt.date]:
    """What the disposition dialog offers: where the complaint can go, the working calendar, today at the office."""
    return (complaints.disposition_targets(replica, unit_id), office.working_calendar(replica),
            office.office_today(replica, unit_id))  # fmt: skip


class DeskActions(QObject):
    actionFinished = Signal(str, str)  # action key, complaint id: the change is stored and shown
    actionFailed = Signal(str, str)  # action key, the message shown
    gatesChanged = Signal()
    dialogOpened = Signal(object)  # an action dialog, open (after its data was read in the background)
    attachmentOpened = Signal(str)  # the decrypted temporary copy handed to the system viewer

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("deskActions")
        self.window = window
        self.detail: Any = None  # the ComplaintDetail the actions apply to (the detail pane's)
        self._actor = NOBODY  # the signed-in user as the replica knows them, read on the DB lane below
        self.gates: dict[str, Gate] = complaint_gates("", None, None)
        self.templates = TemplateLibrary.load()
        self._temp_dir: Path | None = None
        self._dialog: QDialog | None = None  # the open action dialog, for tests and to keep it alive
        self._opening = False  # a dialog's data is being read

        self.actions: dict[str, QAction] = {}
        specs: list[tuple[str, str, str | QKeySequence.StandardKey | None, Callable[[], object]]] = [
            ("dispose", self.tr("Dispose…"), "Ctrl+D", self.open_disposition),
            ("followup", self.tr("Follow-up…"), "Ctrl+R", self.open_followup),
            ("note", self.tr("Internal note…"), "Ctrl+Shift+N", self.open_note),
            ("assign", self.tr("Assign…"), "Ctrl+Shift+A", self.open_assign),
            ("claim", self.tr("Claim"), "Ctrl+Shift+M", self.claim),
            ("status", self.tr("Change status…"), "Ctrl+Shift+S", self.open_status),
            ("attach", self.tr("Add attachment…"), None, self.pick_attachments),
        ]
        menu = getattr(window, "actions_menu", None)
        toolbar = getattr(window, "toolbar", None)
        if toolbar is not None:
            toolbar.addSeparator()
        for key, text, shortcut, handler in specs:
            action = QAction(text, window)
            action.setObjectName(f"action_{key}")
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(handler)
            action.setEnabled(False)
            self.actions[key] = action
            window.addAction(action)
            if menu is not None:
                menu.addAction(action)
            if toolbar is not None and key in ("dispose", "followup", "note", "claim"):
                toolbar.addAction(action)

        self.attachments = AttachmentsPanel()
        self.attachments.addRequested.connect(self.pick_attachments)
        self.attachments.openRequested.connect(self.open_attachment)
        self.attachments.previewRequested.connect(self.preview_attachment)
        self._install_panel()

        window.detailShown.connect(self._on_detail_shown)
        cleared = getattr(window.detail, "cleared", None)
        if cleared is not None:
            cleared.connect(self._on_detail_cleared)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.remove_temporary_copies)
        self._apply_gates()
        if self.replica is not None:
            # Queued before any detail read, so the gates know the user by the time a complaint is shown.
            Read(window, partial(actor_of, window.session)).success(self._on_actor).failure(
                self._on_actor_failed
            ).run()

    # ------------------------------------------------------------------ context
    @property
    def replica(self) -> Any:
        return getattr(self.window.session, "replica", None)

    def actor(self) -> Actor:
        return self._actor

    def _on_actor(self, actor: Actor) -> None:
        self._actor = actor
        self._apply_gates()

    def _on_actor_failed(self, exc: BaseException) -> None:
        log.warning("reading the signed-in user failed: %r", exc)  # the actions stay closed

    def _install_panel(self) -> None:
        pane = self.window.detail
        add_section = getattr(pane, "add_section", None)
        if callable(add_section):
            add_section(self.attachments)
            return
        body = getattr(pane, "_body", None)  # DetailPane keeps its scrolling body here
        inner = body.widget() if isinstance(body, QScrollArea) else None
        layout = inner.layout() if inner is not None else None
        if layout is not None:
            layout.addWidget(self.attachments)
        else:
            self.attachments.setParent(pane)

    @Slot(str)
    def _on_detail_shown(self, complaint_id: str) -> None:
        detail = getattr(self.window.detail, "current_detail", None)
        self.set_detail(detail if detail is not None and str(detail.id) == complaint_id else None)

    @Slot()
    def _on_detail_cleared(self) -> None:
        self.set_detail(None)

    def set_detail(self, detail: Any) -> None:
        """The complaint the actions apply to (already read: the detail pane's), and the actions re-gated."""
        self.detail = detail
        self.attachments.show_attachments(getattr(detail, "attachments", ()) if detail is not None else ())
        self._apply_gates()

    def _apply_gates(self) -> None:
        actor = self._actor if self.replica is not None else NOBODY
        self.gates = complaint_gates(actor.role, actor.id, self.detail)
        reasons = self._reason_texts()
        for key, action in self.actions.items():
            gate = self.gates[key]
            action.setEnabled(gate.allowed)
            action.setToolTip(action.text().rstrip("…") if gate.allowed else reasons.get(gate.reason, ""))
        attach = self.gates["attach"]
        self.attachments.set_can_add(attach.allowed, "" if attach.allowed else reasons.get(attach.reason, ""))
        self.gatesChanged.emit()

    def _reason_texts(self) -> dict[str, str]:
        return {
            "no_complaint": self.tr("Select a complaint first."),
            "role": self.tr("Your role does not allow this."),
            "status": self.tr("Not possible in the complaint's current status."),
            "already_mine": self.tr("It is already yours."),
            "assigned": self.tr("It is already assigned to a team member."),
            "no_moves": self.tr("No status change can be made by hand from here."),
        }

    def _complaint_id(self) -> str | None:
        return str(self.detail.id) if self.detail is not None else None

    # ------------------------------------------------------------------ running an action
    def _run(self, key: str, complaint_id: str, work: Callable[[], Changes], done_text: str) -> None:
        """``work`` as an Op: the window's ``changed`` carries what it made to the views, then it is told."""
        Op(self.window, work).success(partial(self._succeeded, key, complaint_id, done_text)).failure(
            partial(self._failed, key)
        ).run()

    def _succeeded(self, key: str, complaint_id: str, text: str, _changes: Changes) -> None:
        self.window.show_message(text, "success")
        self.actionFinished.emit(key, complaint_id)

    def _failed(self, key: str, exc: BaseException) -> None:
        # Always a sentence in the user's language: the replica's refusals are codes (describe words them), and
        # an exception's own text is English for the log, never for the message bar.
        if isinstance(exc, AttachmentRefused):
            text = attachment_problem_message(exc.problem, exc.path.name)
        elif isinstance(exc, NotImplementedError):
            text = self.tr("This action is not available in this version of the desk yet.")
        else:
            text = describe(exc)
        log.warning("action %s failed: %r", key, exc)
        self.window.show_message(text, "error")
        self.actionFailed.emit(key, text)

    def _show(self, dialog: QDialog) -> QDialog:
        self._dialog = dialog
        dialog.open()  # window-modal, non-blocking: the event loop (and the tests) keep running
        self.dialogOpened.emit(dialog)
        return dialog

    def _open_after(self, key: str, read: Callable[[], T], build: Callable[[Any, T], QDialog]) -> None:
        """Read a dialog's data on the DB lane, then build it for the complaint and open it (``dialogOpened``).
        Nothing opens when the user moved on to another complaint meanwhile, and a second request while one is
        being read (a shortcut pressed twice) is ignored."""
        if self._opening:
            return
        self._opening = True
        complaint_id = self._complaint_id()
        Read(self.window, read).success(partial(self._open_read, complaint_id, build)).failure(
            partial(self._open_failed, key)
        ).run()

    def _open_read(self, complaint_id: str | None, build: Callable[[Any, T], QDialog], data: T) -> None:
        self._opening = False
        if self.detail is None or self._complaint_id() != complaint_id:
            return
        self._show(build(self.detail, data))

    def _open_failed(self, key: str, exc: BaseException) -> None:
        self._opening = False
        self._failed(key, exc)

    # ------------------------------------------------------------------ disposition
    @Slot()
    def open_disposition(self) -> None:
        """Open the disposition dialog once its targets, calendar and today are read (``dialogOpened``)."""
        if not self.gates["dispose"].allowed or self.detail is None:
            return
        self._open_after("dispose", partial(_disposition_data, self.replica, self.detail.unit_id),
                                self._disposition_dialog)  # fmt: skip

    def _disposition_dialog(self, detail: Any, data: tuple[Any, Any, dt.date]) -> DispositionDialog:
        targets, calendar, today = data
        allow_external = Status.DIKEMBALIKAN in allowed_next(detail.status)
        dialog = DispositionDialog(
            detail, targets, calendar, today, allow_external=allow_external, parent=self.window
        )
        dialog.accepted.connect(lambda: self._dispose(detail.id, dialog.request()))
        return dialog

    def _dispose(self, complaint_id: str, req: DispositionRequest) -> None:
        replica = self.replica
        if req.kind == "external":
            work = partial(complaints.dispose_external, replica, complaint_id, reason=req.reason or "",
                           suggested_body=req.suggested_body)  # fmt: skip
            done = self.tr("Sent back as not our authority; it goes to the hub with the next sync.")
        else:
            work = partial(complaints.dispose_internal, replica, complaint_id, to_unit_id=req.to_unit_id,
                           to_user_id=req.to_user_id, instruction=req.instruction, due_date=req.due_date)  # fmt: skip
            done = self.tr("Disposition saved; it goes to the hub with the next sync.")
        self._run("dispose", complaint_id, work, done)

    # ------------------------------------------------------------------ note, assign, claim, status
    @Slot()
    def open_note(self) -> NoteDialog | None:
        """The note dialog needs nothing from the replica: it opens at once (and is returned)."""
        if not self.gates["note"].allowed or self.detail is None:
            return None
        cid, replica = self.detail.id, self.replica
        dialog = NoteDialog(self.detail.tracking_id, parent=self.window)
        dialog.accepted.connect(
            lambda: self._run(
                "note", cid, partial(complaints.add_note, replica, cid, dialog.text()),
                self.tr("Note saved; it goes to the hub with the next sync."),
            )
        )  # fmt: skip
        self._show(dialog)
        return dialog

    @Slot()
    def open_assign(self) -> None:
        """Open the assign dialog once the OPD's team is read (``dialogOpened``)."""
        if not self.gates["assign"].allowed or self.detail is None:
            return
        self._open_after("assign", partial(complaints.team_members, self.replica, self.detail.unit_id),
                                self._assign_dialog)  # fmt: skip

    def _assign_dialog(self, detail: Any, members: list[Any]) -> AssignDialog:
        cid, replica = detail.id, self.replica
        dialog = AssignDialog(detail.tracking_id, members, detail.assignee_id, parent=self.window)

        def assign() -> None:
            assignee = dialog.assignee_id()
            if assignee:
                self._run("assign", cid, partial(complaints.assign, replica, cid, assignee),
                          self.tr("Assigned; it goes to the hub with the next sync."))  # fmt: skip

        dialog.accepted.connect(assign)
        return dialog

    @Slot()
    def claim(self) -> None:
        if not self.gates["claim"].allowed or self.detail is None:
            return
        cid, replica = self.detail.id, self.replica
        self._run("claim", cid, partial(complaints.claim, replica, cid),
                  self.tr("The complaint is yours; it goes to the hub with the next sync."))  # fmt: skip

    @Slot()
    def open_status(self) -> StatusDialog | None:
        """The status dialog needs nothing but the detail already read: it opens at once (and is returned)."""
        if not self.gates["status"].allowed or self.detail is None:
            return None
        cid, replica = self.detail.id, self.replica
        published = has_published_followup(self.detail)
        moves = [str(s) for s in status_moves(self.detail.status, published_followup=published)]
        waiting = held_back_moves(self.detail.status, published_followup=published)
        note = None
        if Status.SELESAI in waiting:
            note = self.tr("It can be closed as finished once a follow-up has been approved and published.")
        dialog = StatusDialog(
            self.detail.tracking_id, self.detail.status, moves, note=note, parent=self.window
        )

        def change() -> None:
            status, reason = dialog.status(), dialog.reason()
            if status:
                self._run("status", cid, partial(complaints.change_status, replica, cid, status, reason),
                          self.tr("Status changed; it goes to the hub with the next sync."))  # fmt: skip

        dialog.accepted.connect(change)
        self._show(dialog)
        return dialog

    # ------------------------------------------------------------------ follow-ups
    def placeholder_values(self, detail: Any, day: dt.date) -> dict[str, str]:
        """The template placeholders for ``detail``; ``day`` is today at its office (read on the DB lane)."""
        reporter = getattr(detail, "reporter", None)
        anonymous = bool(getattr(detail, "anonymous", False))
        return placeholder_values(
            reporter_name=None if anonymous or reporter is None else reporter.name,
            anonymous=anonymous,
            tracking_id=detail.tracking_id,
            title=detail.title,
            opd=detail.unit_name or "",
            day=day,
        )

    @Slot()
    def open_followup(self) -> None:
        """Open the follow-up editor once today's date at the office is read (``dialogOpened``)."""
        if not self.gates["followup"].allowed or self.detail is None:
            return
        self._open_after("followup", partial(office.office_today, self.replica, self.detail.unit_id),
                                self._followup_editor)  # fmt: skip

    def _followup_editor(self, detail: Any, today: dt.date) -> FollowUpEditor:
        actor = self.actor()
        path = tuple(detail.category_path) or ((detail.category_name,) if detail.category_name else ())
        dialog = FollowUpEditor(
            detail,
            role=actor.role,
            user_id=actor.id,
            templates=self.templates.for_category(path),
            values=self.placeholder_values(detail, today),
            check_file=self._check_file_text,
            parent=self.window,
        )
        dialog.accepted.connect(lambda: self._followup(detail.id, dialog.outcome))
        return dialog

    def _check_file_text(self, path: Path) -> str | None:
        problem, _mime = app_attachments.check(path)
        return attachment_problem_message(problem, path.name) if problem else None

    def _followup(self, complaint_id: str, outcome: FollowUpOutcome | None) -> None:
        if outcome is None:
            return
        replica = self.replica

        def work() -> Changes:
            # Each step is its own store transaction; together they are one action with one change set.
            changes = Changes()
            fid = outcome.followup_id
            if outcome.action in ("save", "submit") and (fid is None or outcome.changed):
                saved = followups.save_draft(replica, complaint_id, outcome.text, fid)
                changes |= saved
                fid = fid or saved.record_id
            for path in outcome.attachments:
                changes |= app_attachments.add(
                    replica, complaint_id, path, owner_type="followup", owner_id=fid
                )
            if outcome.action == "submit":
                changes |= followups.submit(replica, complaint_id, str(fid))
            elif outcome.action == "approve":
                changes |= followups.approve(replica, complaint_id, str(fid))
            elif outcome.action == "return":
                changes |= followups.send_back(replica, complaint_id, str(fid), outcome.reason or "")
            return dataclasses.replace(changes, record_id=fid)

        done = {
            "save": self.tr("Draft saved; it goes to the hub with the next sync."),
            "submit": self.tr("Follow-up submitted for approval; it goes to the hub with the next sync."),
            "approve": self.tr("Follow-up approved; it is published with the next sync."),
            "return": self.tr("Follow-up returned to the drafter; it goes to the hub with the next sync."),
        }[outcome.action]
        self._run(f"followup.{outcome.action}", complaint_id, work, done)

    # ------------------------------------------------------------------ attachments
    @Slot()
    def pick_attachments(self) -> None:
        if not self.gates["attach"].allowed or self.detail is None:
            return
        dialog = file_picker(self.window, self.tr("Add attachments"))
        dialog.filesSelected.connect(lambda files: self.add_attachments([Path(f) for f in files]))
        self._show(dialog)

    def add_attachments(self, paths: Sequence[Path]) -> list[str]:
        """Check each file first (size, type): a refused one is told at once and nothing of it is stored.
        Returns the problems shown."""
        if not self.gates["attach"].allowed or self.detail is None:
            return []
        cid, replica = self.detail.id, self.replica
        problems: list[str] = []
        for path in paths:
            problem, _mime = app_attachments.check(path)
            if problem:
                problems.append(attachment_problem_message(problem, path.name))
                continue
            self._run("attach", cid, partial(app_attachments.add, replica, cid, path),
                      self.tr("“%1” attached; it goes to the hub with the next sync.").replace("%1", path.name))  # fmt: skip
        if problems:
            self.window.show_message("\n".join(problems), "warning")
            for text in problems:
                self.actionFailed.emit("attach", text)
        return problems

    def _temp(self) -> Path:
        if self._temp_dir is None:
            self._temp_dir = Path(tempfile.mkdtemp(prefix="lapor-desk-view-"))
        return self._temp_dir

    def _transport(self) -> Any:
        return getattr(self.window.session, "transport", None)

    def _with_attachment(self, data: Mapping[str, Any], use: Callable[[bytes], object], key: str) -> None:
        """Read the file from the replica on the DB lane; one never downloaded is fetched from the hub on the
        network lane (never on the GUI thread), with a message while it comes and a clear one when offline."""
        sha, name = str(data.get("sha256") or ""), str(data.get("filename") or "lampiran")
        Read(self.window, partial(app_attachments.local_content, self.replica, sha)).success(
            partial(self._local_content, key, sha, name, use)
        ).failure(partial(self._failed, key)).run()

    def _local_content(self, key: str, sha: str, name: str, use: Callable[[bytes], object],
                       found: bytes | None) -> None:  # fmt: skip
        if found is not None:
            use(found)
            return
        transport = self._transport()
        if transport is None or not self.window.runner.network_allowed:
            self._not_downloaded(key, name)
            return
        self.window.show_message(self.tr("Downloading “%1” from the hub…").replace("%1", name), "info")
        Read(
            self.window, partial(app_attachments.content, self.replica, sha, transport), lane=Lane.NETWORK
        ).success(partial(self._downloaded, name, use)).failure(
            partial(self._download_failed, key, name)
        ).run()

    def _downloaded(self, name: str, use: Callable[[bytes], object], data: bytes) -> None:
        self._hub_answered(True)
        self.window.show_message(self.tr("“%1” downloaded.").replace("%1", name), "success")
        use(data)

    def _not_downloaded(self, key: str, name: str) -> None:
        text = self.tr("“%1” has not been downloaded yet; connect to the network to open it.")
        text = text.replace("%1", name)
        self.window.show_message(text, "warning")
        self.actionFailed.emit(key, text)

    def _download_failed(self, key: str, name: str, exc: BaseException) -> None:
        if isinstance(exc, AttachmentNotDownloaded | NetworkDisabled):
            if isinstance(exc, AttachmentNotDownloaded) and exc.__cause__ is not None:
                self._hub_answered(False)  # the download was tried and the hub did not answer
            self._not_downloaded(key, name)
        else:
            self._failed(key, exc)

    def _hub_answered(self, reachable: bool) -> None:
        """A download outside a sync pass: the status bar's online/offline follows its outcome too."""
        note = getattr(self.window, "note_hub_reachable", None)
        if callable(note):
            note(reachable)

    @Slot(object)
    def open_attachment(self, data: Mapping[str, Any]) -> None:
        name = str(data.get("filename") or "lampiran")
        folder = Path(tempfile.mkdtemp(dir=self._temp()))
        self._with_attachment(data, partial(self._write_copy, name, folder), "open")

    def _write_copy(self, name: str, folder: Path, content: bytes) -> None:
        # a file of this machine, not of the replica: background work that changes nothing the views show
        Op(self.window, partial(app_attachments.write_temp_copy, content, name, folder), write=False).success(
            self._open_path
        ).failure(partial(self._failed, "open")).run()

    def _open_path(self, path: Path) -> None:
        self.last_opened = path
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.window.show_message(self.tr("No program on this computer opens “%1”.").replace("%1", path.name),
                                     "warning")  # fmt: skip
        self.attachmentOpened.emit(str(path))

    @Slot(object)
    def preview_attachment(self, data: Mapping[str, Any]) -> None:
        self._with_attachment(data, self.attachments.show_preview, "preview")

    @Slot()
    def remove_temporary_copies(self) -> None:
        """Delete the decrypted copies handed to the system viewer (at quit, and when the window is replaced)."""
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None
