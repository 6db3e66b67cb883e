"""DeskActions: the window's actions on the selected complaint, gated by role and status, each run as one store
transaction on the DB lane and shown at once (``window.refresh_after_local_change``)."""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QScrollArea

from desktop.domain.statuses import Status, allowed_next
from desktop.domain.templates import TemplateLibrary, placeholder_values
from desktop.ui import services
from desktop.ui.actions.attachments import AttachmentsPanel
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
from desktop.ui.errors import describe
from desktop.ui.jobs import Lane

log = logging.getLogger(__name__)


class DeskActions(QObject):
    actionFinished = Signal(str, str)  # action key, complaint id: the change is stored and shown
    actionFailed = Signal(str, str)  # action key, the message shown
    gatesChanged = Signal()
    attachmentOpened = Signal(str)  # the decrypted temporary copy handed to the system viewer

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("deskActions")
        self.window = window
        self.detail: Any = None  # the ComplaintDetail the actions apply to
        self.gates: dict[str, Gate] = complaint_gates("", None, None)
        self.templates = TemplateLibrary.load()
        self._temp_dir: Path | None = None
        self._dialog: QDialog | None = None  # the open action dialog, for tests and to keep it alive

        self.actions: dict[str, QAction] = {}
        specs: list[tuple[str, str, str | QKeySequence.StandardKey | None, Callable[[], object]]] = [
            ("dispose", self.tr("Dispose…"), "Ctrl+D", self.open_disposition),
            ("followup", self.tr("Follow-up…"), "Ctrl+R", self.open_followup),
            ("note", self.tr("Internal note…"), "Ctrl+Shift+N", self.open_note),
            ("assign", self.tr("Assign…"), "Ctrl+Shift+A", self.open_assign),
            ("claim", self.tr("Claim (Ambil)"), "Ctrl+Shift+M", self.claim),
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
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self._cleanup)
        self._apply_gates()

    # ------------------------------------------------------------------ context
    @property
    def replica(self) -> Any:
        return getattr(self.window.services, "replica", None)

    def actor(self) -> services.Actor:
        return services.actor_of(self.window.services)

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
        self.load(complaint_id)

    def load(self, complaint_id: str | None) -> None:
        """Read the complaint the actions apply to (fast local SQL) and re-gate the actions."""
        detail = None
        if complaint_id and self.replica is not None:
            try:
                detail = self.window.services.detail(complaint_id)
            except Exception as exc:  # noqa: BLE001 - a failed read disables the actions, never the window
                log.warning("detail for actions failed: %r", exc)
        self.detail = detail
        self.attachments.show_attachments(getattr(detail, "attachments", ()) if detail is not None else ())
        self._apply_gates()

    def _apply_gates(self) -> None:
        actor = self.actor() if self.replica is not None else services.Actor(None, "", None, "")
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
    def _run(self, key: str, complaint_id: str, work: Callable[[], object], done_text: str) -> None:
        self.window.runner.run(
            Lane.DB,
            lambda ctx: work(),
            on_success=lambda _result: self._succeeded(key, complaint_id, done_text),
            on_failure=lambda exc: self._failed(key, exc),
        )

    def _succeeded(self, key: str, complaint_id: str, text: str) -> None:
        self.window.refresh_after_local_change(complaint_id)
        if complaint_id == self._complaint_id():
            self.load(complaint_id)
        self.window.show_message(text, "success")
        self.actionFinished.emit(key, complaint_id)

    def _failed(self, key: str, exc: BaseException) -> None:
        if isinstance(exc, services.AttachmentRefused):
            text = self.attachment_problem_text(exc.problem, exc.path)
        elif isinstance(exc, NotImplementedError):
            text = self.tr("This action is not available in this version of the desk yet.")
        elif isinstance(exc, ValueError | LookupError):
            text = self.tr("The action could not be saved: %1").replace("%1", str(exc))
        else:
            text = describe(exc)
        log.warning("action %s failed: %r", key, exc)
        self.window.show_message(text, "error")
        self.actionFailed.emit(key, text)

    def _show(self, dialog: QDialog) -> QDialog:
        self._dialog = dialog
        dialog.open()  # window-modal, non-blocking: the event loop (and the tests) keep running
        return dialog

    # ------------------------------------------------------------------ disposition
    @Slot()
    def open_disposition(self) -> DispositionDialog | None:
        if not self.gates["dispose"].allowed or self.detail is None:
            return None
        detail = self.detail
        replica = self.replica
        targets = services.disposition_targets(replica, detail.unit_id)
        calendar = services.working_calendar(replica)
        today = services.office_today(replica, detail.unit_id)
        allow_external = Status.DIKEMBALIKAN in allowed_next(detail.status)
        dialog = DispositionDialog(
            detail, targets, calendar, today, allow_external=allow_external, parent=self.window
        )
        dialog.accepted.connect(lambda: self._dispose(detail.id, dialog.request()))
        self._show(dialog)
        return dialog

    def _dispose(self, complaint_id: str, req: DispositionRequest) -> None:
        replica = self.replica
        if req.kind == "external":

            def work() -> object:
                return services.dispose_external(
                    replica, complaint_id, reason=req.reason or "", suggested_body=req.suggested_body
                )

            done = self.tr("Sent back as not our authority; it goes to the hub with the next sync.")
        else:

            def work() -> object:
                return services.dispose_internal(
                    replica, complaint_id, to_unit_id=req.to_unit_id, to_user_id=req.to_user_id,
                    instruction=req.instruction, due_date=req.due_date,
                )  # fmt: skip

            done = self.tr("Disposition saved; it goes to the hub with the next sync.")
        self._run("dispose", complaint_id, work, done)

    # ------------------------------------------------------------------ note, assign, claim, status
    @Slot()
    def open_note(self) -> NoteDialog | None:
        if not self.gates["note"].allowed or self.detail is None:
            return None
        cid, replica = self.detail.id, self.replica
        dialog = NoteDialog(self.detail.tracking_id, parent=self.window)
        dialog.accepted.connect(
            lambda: self._run(
                "note", cid, lambda: services.add_internal_note(replica, cid, dialog.text()),
                self.tr("Note saved; it goes to the hub with the next sync."),
            )
        )  # fmt: skip
        self._show(dialog)
        return dialog

    @Slot()
    def open_assign(self) -> AssignDialog | None:
        if not self.gates["assign"].allowed or self.detail is None:
            return None
        cid, replica = self.detail.id, self.replica
        members = services.team_members(replica, self.detail.unit_id)
        dialog = AssignDialog(self.detail.tracking_id, members, self.detail.assignee_id, parent=self.window)

        def assign() -> None:
            assignee = dialog.assignee_id()
            if assignee:
                self._run("assign", cid, lambda: services.assign_complaint(replica, cid, assignee),
                          self.tr("Assigned; it goes to the hub with the next sync."))  # fmt: skip

        dialog.accepted.connect(assign)
        self._show(dialog)
        return dialog

    @Slot()
    def claim(self) -> None:
        if not self.gates["claim"].allowed or self.detail is None:
            return
        cid, replica = self.detail.id, self.replica
        self._run("claim", cid, lambda: services.claim_complaint(replica, cid),
                  self.tr("The complaint is yours; it goes to the hub with the next sync."))  # fmt: skip

    @Slot()
    def open_status(self) -> StatusDialog | None:
        if not self.gates["status"].allowed or self.detail is None:
            return None
        cid, replica = self.detail.id, self.replica
        published = has_published_followup(self.detail)
        moves = [str(s) for s in status_moves(self.detail.status, published_followup=published)]
        waiting = held_back_moves(self.detail.status, published_followup=published)
        note = None
        if Status.SELESAI in waiting:
            note = self.tr("It can be closed as finished once a follow-up has been approved and published.")
        dialog = StatusDialog(self.detail.tracking_id, self.detail.status, moves, note=note, parent=self.window)

        def change() -> None:
            status, reason = dialog.status(), dialog.reason()
            if status:
                self._run("status", cid, lambda: services.change_status(replica, cid, status, reason),
                          self.tr("Status changed; it goes to the hub with the next sync."))  # fmt: skip

        dialog.accepted.connect(change)
        self._show(dialog)
        return dialog

    # ------------------------------------------------------------------ follow-ups
    def placeholder_values(self, detail: Any) -> dict[str, str]:
        reporter = getattr(detail, "reporter", None)
        anonymous = bool(getattr(detail, "anonymous", False))
        return placeholder_values(
            reporter_name=None if anonymous or reporter is None else reporter.name,
            anonymous=anonymous,
            tracking_id=detail.tracking_id,
            title=detail.title,
            opd=detail.unit_name or "",
            day=services.office_today(self.replica, detail.unit_id),
        )

    @Slot()
    def open_followup(self) -> FollowUpEditor | None:
        if not self.gates["followup"].allowed or self.detail is None:
            return None
        detail, actor = self.detail, self.actor()
        path = tuple(detail.category_path) or ((detail.category_name,) if detail.category_name else ())
        dialog = FollowUpEditor(
            detail,
            role=actor.role,
            user_id=actor.id,
            templates=self.templates.for_category(path),
            values=self.placeholder_values(detail),
            check_file=self._check_file_text,
            parent=self.window,
        )
        dialog.accepted.connect(lambda: self._followup(detail.id, dialog.outcome))
        self._show(dialog)
        return dialog

    def _check_file_text(self, path: Path) -> str | None:
        problem, _mime = services.check_attachment(path)
        return self.attachment_problem_text(problem, path) if problem else None

    def _followup(self, complaint_id: str, outcome: FollowUpOutcome | None) -> None:
        if outcome is None:
            return
        replica = self.replica

        def work() -> object:
            fid = outcome.followup_id
            if outcome.action in ("save", "submit") and (fid is None or outcome.changed):
                result = services.save_followup_draft(replica, complaint_id, outcome.text, fid)
                fid = fid or result.record_id
            for path in outcome.attachments:
                services.add_attachment(replica, complaint_id, path, owner_type="followup", owner_id=fid)
            if outcome.action == "submit":
                services.submit_followup(replica, str(fid))
            elif outcome.action == "approve":
                services.approve_followup(replica, str(fid))
            elif outcome.action == "return":
                services.return_followup(replica, str(fid), outcome.reason or "")
            return fid

        done = {
            "save": self.tr("Draft saved; it goes to the hub with the next sync."),
            "submit": self.tr("Follow-up submitted for approval; it goes to the hub with the next sync."),
            "approve": self.tr("Follow-up approved; it is published with the next sync."),
            "return": self.tr("Follow-up returned to the drafter; it goes to the hub with the next sync."),
        }[outcome.action]
        self._run(f"followup.{outcome.action}", complaint_id, work, done)

    # ------------------------------------------------------------------ attachments
    def attachment_problem_text(self, problem: str, path: Path) -> str:
        name = path.name
        texts = {
            "too_large": self.tr(
                "“%1” is larger than 2 MB, the most LAPOR! accepts for one attachment. Nothing was added."
            ),  # fmt: skip
            "type": self.tr(
                "“%1” is not a file type LAPOR! accepts (images, PDF, office documents, audio, video, "
                "zip). Nothing was added."
            ),  # fmt: skip
            "mismatch": self.tr("“%1” does not contain what its name says. Nothing was added."),
            "empty": self.tr("“%1” is empty. Nothing was added."),
            "missing": self.tr("“%1” cannot be read. Nothing was added."),
        }
        return texts.get(problem, self.tr("“%1” cannot be attached.")).replace("%1", name)

    @Slot()
    def pick_attachments(self) -> None:
        if not self.gates["attach"].allowed or self.detail is None:
            return
        paths, _ = QFileDialog.getOpenFileNames(self.window, self.tr("Add attachments"))
        self.add_attachments([Path(p) for p in paths])

    def add_attachments(self, paths: Sequence[Path]) -> list[str]:
        """Check each file first (size, type): a refused one is told at once and nothing of it is stored.
        Returns the problems shown."""
        if not self.gates["attach"].allowed or self.detail is None:
            return []
        cid, replica = self.detail.id, self.replica
        problems: list[str] = []
        for path in paths:
            problem, _mime = services.check_attachment(path)
            if problem:
                problems.append(self.attachment_problem_text(problem, path))
                continue
            self._run("attach", cid, self._attach_work(replica, cid, path),
                      self.tr("“%1” attached; it goes to the hub with the next sync.").replace("%1", path.name))  # fmt: skip
        if problems:
            self.window.show_message("\n".join(problems), "warning")
            for text in problems:
                self.actionFailed.emit("attach", text)
        return problems

    @staticmethod
    def _attach_work(replica: Any, cid: str, path: Path) -> Callable[[], object]:
        return lambda: services.add_attachment(replica, cid, path)

    def _temp(self) -> Path:
        if self._temp_dir is None:
            self._temp_dir = Path(tempfile.mkdtemp(prefix="lapor-desk-view-"))
        return self._temp_dir

    def _transport(self) -> Any:
        return getattr(self.window.services, "transport", None)

    def _with_attachment(self, data: Mapping[str, Any], use: Callable[[bytes], object], key: str) -> None:
        """Read the file from the replica on the DB lane; one never downloaded is fetched from the hub on the
        network lane (never on the GUI thread), with a message while it comes and a clear one when offline."""
        replica = self.replica
        sha, name = str(data.get("sha256") or ""), str(data.get("filename") or "lampiran")

        def local_done(found: bytes | None) -> None:
            if found is not None:
                use(found)
                return
            transport = self._transport()
            if transport is None or not self.window.runner.network_allowed:
                self._not_downloaded(key, name)
                return
            self.window.show_message(self.tr("Downloading “%1” from the hub…").replace("%1", name), "info")
            self.window.runner.run(
                Lane.NETWORK,
                lambda ctx: services.attachment_bytes(replica, sha, transport),
                on_success=lambda fetched: self._downloaded(name, fetched, use),
                on_failure=lambda exc: self._download_failed(key, name, exc),
            )

        self.window.runner.run(
            Lane.DB,
            lambda ctx: services.local_attachment(replica, sha),
            on_success=local_done,
            on_failure=lambda exc: self._failed(key, exc),
        )

    def _downloaded(self, name: str, data: bytes, use: Callable[[bytes], object]) -> None:
        self.window.show_message(self.tr("“%1” downloaded.").replace("%1", name), "success")
        use(data)

    def _not_downloaded(self, key: str, name: str) -> None:
        text = self.tr("“%1” has not been downloaded yet; connect to the network to open it.")
        text = text.replace("%1", name)
        self.window.show_message(text, "warning")
        self.actionFailed.emit(key, text)

    def _download_failed(self, key: str, name: str, exc: BaseException) -> None:
        from desktop.ui.jobs import NetworkDisabled

        if isinstance(exc, services.AttachmentNotDownloaded | NetworkDisabled):
            self._not_downloaded(key, name)
        else:
            self._failed(key, exc)

    @Slot(object)
    def open_attachment(self, data: Mapping[str, Any]) -> None:
        name = str(data.get("filename") or "lampiran")
        folder = Path(tempfile.mkdtemp(dir=self._temp()))

        def write(content: bytes) -> None:
            self.window.runner.run(
                Lane.DB,
                lambda ctx: services.write_temp_copy(content, name, folder),
                on_success=self._open_path,
                on_failure=lambda exc: self._failed("open", exc),
            )

        self._with_attachment(data, write, "open")

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
    def _cleanup(self) -> None:
        if self._temp_dir is not None:
            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None
