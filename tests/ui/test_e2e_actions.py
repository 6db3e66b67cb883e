"""End to end, every desk action through the real window against a real hub subprocess, with a fault proxy in
between: the action is made in its dialog while the link is cut (the proxy is offline), shows at once in the
table and the timeline with its sync badge, and after the link is back and the window syncs (Sync now / autosync)
the hub has it exactly once (its events by op_id, and the record itself) and the badge is gone.

One hub per module; each test signs in its own desk(s) (own replica, own device) and works on complaints no other
test touches."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage
from sqlalchemy import text

from desktop.app import attachments as app_attachments
from desktop.app.session import StoreSession
from desktop.store import detail as store_detail
from desktop.store import lookups as store_lookups
from desktop.store import queues as store_queues
from desktop.store.engine import Replica, open_replica
from desktop.sync.engine import SyncEngine
from desktop.sync.transport import Transport
from desktop.testing.hub import run_hub, seed_hub
from desktop.testing.proxy import FaultProxy
from desktop.ui.jobs import JobRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.queue_model import Column
from desktop.ui.settings import UiSettings

PASSWORD = "demo"
ARRIVALS = 90  # new complaints (terdisposisi) across the pemda's OPDs, about a quarter at Dinas PUPR
OPEN = ("terdisposisi", "diproses")
USED: set[str] = set()  # complaints already taken by a test of this module (the hub is shared)


@dataclass
class Hub:
    url: str
    db: Path
    proxy: FaultProxy


@dataclass
class Desk:
    window: MainWindow
    session: StoreSession
    replica: Replica
    transport: Transport
    runner: JobRunner
    user: dict[str, Any]

    @property
    def actions(self) -> Any:
        return self.window.desk_actions  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    from server.db import make_engine
    from server.simulate import Simulator

    db = tmp_path_factory.mktemp("hub") / "hub.db"
    db_url = f"sqlite:///{db}"
    seed_hub(db_url, complaints=120)  # the seeded history is mostly closed by now: new complaints arrive
    engine = make_engine(db_url)
    try:
        arrivals = Simulator(engine, seed=11)
        for _ in range(ARRIVALS):
            arrivals.arrival()
    finally:
        engine.dispose()
    with run_hub(db_url, seed_complaints=None) as url, FaultProxy(url, seed=4) as proxy:
        yield Hub(url, db, proxy)


@pytest.fixture
def desk(qtbot: Any, hub: Hub, tmp_path: Path) -> Iterator[Callable[[str], Desk]]:
    made: list[Desk] = []

    def make(username: str) -> Desk:
        n = len(made)
        device = f"e2e-{username}-{n}"
        transport = Transport(hub.proxy.url, device)
        user = transport.sign_in(username, PASSWORD)
        replica = open_replica(tmp_path / f"{username}-{n}.db", secrets.token_hex(32))
        replica.set_account(hub.proxy.url, user)
        session = StoreSession(replica, user=user, server_url=hub.proxy.url, transport=transport,
                               engine=SyncEngine(replica, transport, device))  # fmt: skip
        session.run_once()  # the first sync fills the replica
        runner = JobRunner()
        window = MainWindow(session, runner, UiSettings(tmp_path / f"settings-{n}"))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append(Desk(window, session, replica, transport, runner, user))
        return made[-1]

    yield make
    hub.proxy.clear()
    for d in made:
        d.window.close()
        d.runner.shutdown()
        d.transport.close()
        d.replica.close()


# ---------------------------------------------------------------- helpers
def hub_count(hub: Hub, sql: str, *params: object) -> int:
    with sqlite3.connect(hub.db) as conn:
        return int(conn.execute(sql, params).fetchone()[0])


def hub_value(hub: Hub, sql: str, *params: object) -> Any:
    with sqlite3.connect(hub.db) as conn:
        row = conn.execute(sql, params).fetchone()
    return None if row is None else row[0]


def pick(replica: Replica, statuses: Sequence[str] = OPEN, *, unassigned: bool = False) -> str:
    """A complaint of this desk's OPD in one of ``statuses`` that no other test of the module took."""
    marks = ", ".join(f"'{s}'" for s in statuses)
    extra = " AND assignee_id IS NULL" if unassigned else ""
    with replica.read() as conn:
        ids = [r[0] for r in conn.execute(
            text(f"SELECT id FROM complaints WHERE status IN ({marks}){extra} ORDER BY tracking_id"))]  # fmt: skip
    for cid in ids:
        if cid not in USED:
            USED.add(cid)
            return str(cid)
    raise AssertionError(f"the seeded hub has no free complaint in {statuses}")


def user_id(replica: Replica, username: str) -> str:
    return next(u.id for u in store_lookups.users(replica) if u.extra.get("username") == username)


def tracking_of(replica: Replica, cid: str) -> int:
    return int(store_detail.detail(replica, cid).tracking_id)


def show(qtbot: Any, d: Desk, cid: str) -> None:
    """The complaint alone in the table (searched by its tracking ID) and in the detail pane."""
    d.window.search_now(str(tracking_of(d.replica, cid)))
    qtbot.waitUntil(lambda: not d.window.model.loading and d.window.model.rowCount() == 1, timeout=5000)
    with qtbot.waitSignal(d.window.detailShown, timeout=5000):
        d.window.show_complaint(cid)
    assert d.actions.detail is not None and d.actions.detail.id == cid


def badge(d: Desk) -> Any:
    return d.window.model.data(d.window.model.index(0, Column.SYNC))


def opened(qtbot: Any, d: Desk, open_dialog: Callable[[], object]) -> Any:
    """An action dialog, once open (its data is read on the DB lane first)."""
    with qtbot.waitSignal(d.actions.dialogOpened, timeout=5000) as shown:
        open_dialog()
    return shown.args[0]


def offline(hub: Hub) -> None:
    hub.proxy.set(offline=True)


def act(qtbot: Any, d: Desk, finish: Callable[[], object], key: str | None = None) -> None:
    """Finish a dialog and wait until its action is stored (one transaction) and shown."""
    with qtbot.waitSignal(d.actions.actionFinished, timeout=5000,
                          check_params_cb=(lambda k, _c: k == key) if key else None):  # fmt: skip
        finish()


def shows_pending(qtbot: Any, d: Desk, needle: str | None = None) -> None:
    """At once, before any sync: the row's sync badge and the timeline entry marked as not yet sent."""
    qtbot.waitUntil(lambda: bool(badge(d)), timeout=5000)
    qtbot.waitUntil(lambda: "not yet sent" in d.window.detail.timeline.toPlainText(), timeout=5000)
    if needle is not None:
        assert needle in d.window.detail.timeline.toPlainText()


def queued_ops(d: Desk) -> list[Any]:
    return list(store_queues.outbox(d.replica))


def sync_online(qtbot: Any, hub: Hub, d: Desk, *, drained: bool = True) -> None:
    """The link is back: Sync now (or the autosync pass already waiting to retry) sends everything."""
    hub.proxy.set(offline=False)
    with qtbot.waitSignal(d.window.syncFinished, timeout=60_000, check_params_cb=lambda ok: ok):
        d.window.sync_now()
    if drained:
        assert store_queues.outbox(d.replica) == []


def exactly_once(hub: Hub, ops: Sequence[Any]) -> None:
    assert ops
    for op in ops:
        assert hub_count(hub, "SELECT count(*) FROM events WHERE op_id = ?", op.op_id) == 1, op.kind


def badge_cleared(qtbot: Any, d: Desk, cid: str) -> None:
    d.window.search_now(str(tracking_of(d.replica, cid)))
    qtbot.waitUntil(lambda: not d.window.model.loading and d.window.model.rowCount() == 1 and not badge(d),
                    timeout=5000)  # fmt: skip
    with qtbot.waitSignal(d.window.detailShown, timeout=5000):
        d.window.show_complaint(cid)
    assert "not yet sent" not in d.window.detail.timeline.toPlainText()


def png(path: Path, colour: str = "#2a7ab0") -> Path:
    image = QImage(8, 6, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))  # the format from the name
    return path


# ---------------------------------------------------------------- the actions
def test_note_offline_then_exactly_once(qtbot, hub, desk) -> None:
    d = desk("admin.pupr")
    cid = pick(d.replica)
    show(qtbot, d, cid)
    offline(hub)
    dialog = d.actions.open_note()
    assert dialog is not None
    dialog.text_edit.setPlainText("Sudah dicek via telepon <b>luring</b>")
    act(qtbot, d, dialog.accept)
    shows_pending(qtbot, d, "Sudah dicek via telepon <b>luring</b>")  # markup stays text
    ops = queued_ops(d)
    assert [o.kind for o in ops] == ["note.add"]
    assert hub_count(hub, "SELECT count(*) FROM notes WHERE id = ?", ops[0].payload["note_id"]) == 0

    sync_online(qtbot, hub, d)
    exactly_once(hub, ops)
    assert hub_count(hub, "SELECT count(*) FROM notes WHERE id = ?", ops[0].payload["note_id"]) == 1
    badge_cleared(qtbot, d, cid)
    assert "Sudah dicek via telepon <b>luring</b>" in d.window.detail.timeline.toPlainText()


def test_internal_disposition_and_bukan_wewenang(qtbot, hub, desk) -> None:
    d = desk("admin.pupr")
    staff = user_id(d.replica, "staf.pupr")
    inside, outside = pick(d.replica, ("terdisposisi",)), pick(d.replica, OPEN)
    offline(hub)
    show(qtbot, d, inside)
    dialog = opened(qtbot, d, d.actions.open_disposition)
    dialog.member_combo.setCurrentIndex(dialog.member_combo.findData(staff))
    dialog.instruction_edit.setPlainText("Mohon ditinjau ke lokasi")
    dialog.due_spin.setValue(3)
    act(qtbot, d, dialog.accept)
    shows_pending(qtbot, d, "Mohon ditinjau ke lokasi")

    show(qtbot, d, outside)
    dialog = opened(qtbot, d, d.actions.open_disposition)
    assert dialog.external_radio.isEnabled()
    dialog.external_radio.setChecked(True)
    dialog.reason_edit.setPlainText("Jaringan listrik bukan kewenangan Dinas PUPR")
    dialog.body_combo.setCurrentIndex(1)
    assert dialog.ok_button.isEnabled()
    act(qtbot, d, dialog.accept)
    shows_pending(qtbot, d)
    assert store_detail.detail(d.replica, outside).status == "dikembalikan"  # overlaid at once
    ops = queued_ops(d)
    assert [o.kind for o in ops] == ["disposition.create", "disposition.create"]

    sync_online(qtbot, hub, d)
    exactly_once(hub, ops)
    for op in ops:
        assert (
            hub_count(hub, "SELECT count(*) FROM dispositions WHERE id = ?", op.payload["disposition_id"])
            == 1
        )
    assert hub_value(hub, "SELECT status FROM complaints WHERE id = ?", inside) == "diproses"
    assert hub_value(hub, "SELECT status FROM complaints WHERE id = ?", outside) == "dikembalikan"
    badge_cleared(qtbot, d, inside)


def test_assign_claim_and_status_change(qtbot, hub, desk) -> None:
    admin, staff_desk = desk("admin.pupr"), desk("staf.pupr")
    staff = user_id(admin.replica, "staf.pupr")
    to_assign = pick(admin.replica, OPEN)
    to_claim = pick(staff_desk.replica, OPEN, unassigned=True)
    to_move = pick(admin.replica, ("terdisposisi",))
    offline(hub)

    show(qtbot, admin, to_assign)
    dialog = opened(qtbot, admin, admin.actions.open_assign)
    dialog.member_combo.setCurrentIndex(dialog.member_combo.findData(staff))
    act(qtbot, admin, dialog.accept)
    qtbot.waitUntil(lambda: bool(badge(admin)), timeout=5000)
    qtbot.waitUntil(lambda: admin.window.detail.assignee.text() == "Sari Wulandari"
                    or bool(admin.window.detail.assignee.text()), timeout=5000)  # fmt: skip

    show(qtbot, admin, to_move)
    dialog = admin.actions.open_status()
    assert dialog is not None
    offered = [dialog.status_combo.itemData(i) for i in range(dialog.status_combo.count())]
    target = "ditunda" if "ditunda" in offered else offered[0]
    dialog.status_combo.setCurrentIndex(offered.index(target))
    dialog.reason_edit.setPlainText("Menunggu data tambahan dari pelapor")
    act(qtbot, admin, dialog.accept)
    qtbot.waitUntil(lambda: bool(badge(admin)), timeout=5000)
    assert store_detail.detail(admin.replica, to_move).status == target

    show(qtbot, staff_desk, to_claim)
    assert staff_desk.actions.actions["claim"].isEnabled()
    act(qtbot, staff_desk, staff_desk.actions.actions["claim"].trigger)
    qtbot.waitUntil(lambda: bool(badge(staff_desk)), timeout=5000)
    assert store_detail.detail(staff_desk.replica, to_claim).assignee_id == staff_desk.user["id"]

    admin_ops, staff_ops = queued_ops(admin), queued_ops(staff_desk)
    assert [o.kind for o in admin_ops] == ["complaint.assign", "complaint.status"]
    assert [o.kind for o in staff_ops] == ["complaint.claim"]
    sync_online(qtbot, hub, admin)
    sync_online(qtbot, hub, staff_desk)
    exactly_once(hub, admin_ops + staff_ops)
    assert hub_value(hub, "SELECT assignee_id FROM complaints WHERE id = ?", to_assign) == staff
    assert hub_value(hub, "SELECT status FROM complaints WHERE id = ?", to_move) == target
    assert (
        hub_value(hub, "SELECT assignee_id FROM complaints WHERE id = ?", to_claim) == staff_desk.user["id"]
    )
    badge_cleared(qtbot, admin, to_assign)
    badge_cleared(qtbot, admin, to_move)
    badge_cleared(qtbot, staff_desk, to_claim)


def test_followup_draft_edit_submit_with_the_link_cut(qtbot, hub, desk, tmp_path) -> None:
    d = desk("admin.pupr")
    cid = pick(d.replica)
    show(qtbot, d, cid)
    offline(hub)
    editor = opened(qtbot, d, d.actions.open_followup)
    assert editor.current_followup_id() is None  # a new draft
    editor.template_combo.setCurrentIndex(0)
    editor.apply_template()
    assert editor.text_edit.toPlainText().strip()
    editor.text_edit.setPlainText("Yth. Pelapor,\nLaporan Anda sedang kami tinjau.\n")
    assert editor.add_files([png(tmp_path / "foto-lokasi.png")]) == []
    assert editor.save_button.isEnabled()
    act(qtbot, d, editor.save_draft, "followup.save")
    shows_pending(qtbot, d, "Laporan Anda sedang kami tinjau.")

    editor = opened(qtbot, d, d.actions.open_followup)
    fid = editor.current_followup_id()
    assert fid is not None  # the draft just saved is opened again
    editor.text_edit.setPlainText("Yth. Pelapor,\nLaporan Anda sudah kami tinjau di lokasi.\n")
    act(qtbot, d, editor.save_draft, "followup.save")

    editor = opened(qtbot, d, d.actions.open_followup)
    assert editor.current_followup_id() == fid
    assert editor.submit_button.isEnabled()
    act(qtbot, d, editor.submit, "followup.submit")
    shows_pending(qtbot, d, "Laporan Anda sudah kami tinjau di lokasi.")
    ops = queued_ops(d)
    assert [o.kind for o in ops] == ["followup.create", "attachment.add", "followup.edit", "followup.submit"]
    assert hub_count(hub, "SELECT count(*) FROM followups WHERE id = ?", fid) == 0  # nothing went out

    sync_online(qtbot, hub, d)
    exactly_once(hub, ops)
    assert hub_count(hub, "SELECT count(*) FROM followups WHERE id = ?", fid) == 1
    assert hub_value(hub, "SELECT state FROM followups WHERE id = ?", fid) == "submitted"
    assert hub_value(hub, "SELECT text FROM followups WHERE id = ?", fid) == (
        "Yth. Pelapor,\nLaporan Anda sudah kami tinjau di lokasi."
    )
    assert hub_count(hub, "SELECT count(*) FROM attachments WHERE owner_id = ? AND filename = ?", fid,
                     "foto-lokasi.png") == 1  # fmt: skip
    badge_cleared(qtbot, d, cid)


def test_supervisor_approves_and_returns_offline(qtbot, hub, desk) -> None:
    from desktop.store import actions as store_actions

    admin = desk("admin.pupr")
    first, second = pick(admin.replica), pick(admin.replica)
    drafted = {}
    for cid in (first, second):  # the drafter's part (its dialogs are covered above): submitted and synced
        fid = store_actions.create_followup(admin.replica, cid, f"Jawaban untuk {cid}.").record_id
        assert fid is not None
        store_actions.submit_followup(admin.replica, fid)
        drafted[cid] = fid
    admin.session.run_once()
    assert store_queues.outbox(admin.replica) == []

    kepala = desk("kepala.pupr")
    offline(hub)
    for cid, action in ((first, "approve"), (second, "return")):
        show(qtbot, kepala, cid)
        editor = opened(qtbot, kepala, kepala.actions.open_followup)
        assert editor.current_followup_id() == drafted[cid]
        assert editor.approve_button.isEnabled() and editor.text_edit.isReadOnly()
        if action == "approve":
            act(qtbot, kepala, editor.approve, "followup.approve")
        else:
            act(
                qtbot,
                kepala,
                partial(editor.return_with, "Lengkapi dengan jadwal perbaikan"),
                "followup.return",
            )
        qtbot.waitUntil(lambda: bool(badge(kepala)), timeout=5000)
    ops = queued_ops(kepala)
    assert [o.kind for o in ops] == ["followup.approve", "followup.return"]

    sync_online(qtbot, hub, kepala)
    exactly_once(hub, ops)
    assert hub_value(hub, "SELECT state FROM followups WHERE id = ?", drafted[first]) == "published"
    assert (
        hub_value(hub, "SELECT approved_by FROM followups WHERE id = ?", drafted[first]) == kepala.user["id"]
    )
    assert hub_value(hub, "SELECT state FROM followups WHERE id = ?", drafted[second]) == "returned"
    assert hub_value(hub, "SELECT return_reason FROM followups WHERE id = ?", drafted[second]) == (
        "Lengkapi dengan jadwal perbaikan"
    )
    badge_cleared(qtbot, kepala, first)
    badge_cleared(qtbot, kepala, second)


def test_attachment_offline_then_fetched_on_demand_by_another_desk(qtbot, hub, desk, tmp_path,
                                                                   monkeypatch) -> None:  # fmt: skip
    d = desk("admin.pupr")
    cid = pick(d.replica)
    show(qtbot, d, cid)
    offline(hub)
    picture = png(tmp_path / "jalan berlubang.png", "#b0402a")
    act(qtbot, d, lambda: d.actions.add_attachments([picture]), "attach")
    qtbot.waitUntil(lambda: bool(badge(d)), timeout=5000)
    qtbot.waitUntil(lambda: d.actions.attachments.list.count() >= 1, timeout=5000)
    assert "not yet sent" in d.actions.attachments.list.item(0).text()
    ops = queued_ops(d)
    assert {o.kind for o in ops} == {"attachment.add"}
    sha = ops[0].payload["sha256"]

    sync_online(qtbot, hub, d)
    exactly_once(hub, ops)
    assert hub_count(hub, "SELECT count(*) FROM blobs WHERE sha256 = ? AND complete", sha) == 1
    assert (
        hub_count(hub, "SELECT count(*) FROM attachments WHERE sha256 = ? AND complaint_id = ?", sha, cid)
        >= 1
    )
    badge_cleared(qtbot, d, cid)

    # Another desk sees the attachment but has never downloaded it: offline it says so; online it fetches it
    # on the network lane (the GUI thread never waits) and opens it.
    other = desk("kepala.pupr")
    show(qtbot, other, cid)
    panel = other.actions.attachments
    qtbot.waitUntil(lambda: panel.list.count() >= 1, timeout=5000)
    row = next(i for i in range(panel.list.count()) if "jalan berlubang" in panel.list.item(i).text())
    assert app_attachments.local_content(other.replica, sha) is None
    offline(hub)
    with qtbot.waitSignal(other.actions.actionFailed, timeout=15_000) as failed:
        panel.list.setCurrentRow(row)  # an image: the preview asks for the bytes
    assert failed.args[0] == "preview" and "not been downloaded" in failed.args[1]
    assert "connect to the network" in other.window.message_bar.label.text()

    hub.proxy.set(offline=False)
    other.window.work_offline_action.setChecked(True)  # "Kerja luring": no network job is even started
    with qtbot.waitSignal(other.actions.actionFailed, timeout=5000) as refused:
        panel.open_button.click()
    assert refused.args[0] == "open" and "connect to the network" in refused.args[1]
    other.window.work_offline_action.setChecked(False)
    opened: list[str] = []

    def system_viewer(url: Any) -> bool:  # no real viewer is started by a test
        opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr("desktop.ui.actions.controller.QDesktopServices.openUrl", system_viewer)
    with qtbot.waitSignal(other.actions.attachmentOpened, timeout=15_000) as done:
        panel.open_button.click()
    assert Path(done.args[0]).read_bytes() == picture.read_bytes()
    assert opened == [done.args[0]]
    assert (
        app_attachments.local_content(other.replica, sha) == picture.read_bytes()
    )  # kept, encrypted, for next time
    panel.list.setCurrentRow(-1)
    panel.list.setCurrentRow(row)
    qtbot.waitUntil(
        lambda: panel.preview.pixmap() is not None and not panel.preview.pixmap().isNull(), timeout=5000
    )


def test_conflict_from_a_real_round_trip_is_settled_in_the_konflik_queue(
    qtbot, qtmodeltester, hub, desk
) -> None:
    """A disposition made offline while a colleague claimed the complaint on the hub comes back ``conflict``: the
    Konflik queue lists it, the side-by-side view keeps mine, and the next sync applies it once."""
    from desktop.store import actions as store_actions

    a, b = desk("admin.pupr"), desk("staf.pupr")
    staff = user_id(a.replica, "staf.pupr")
    cid = pick(a.replica, OPEN, unassigned=True)
    offline(hub)
    show(qtbot, a, cid)
    dialog = opened(qtbot, a, a.actions.open_disposition)
    dialog.member_combo.setCurrentIndex(dialog.member_combo.findData(staff))
    dialog.instruction_edit.setPlainText("Segera cek saluran air")
    act(qtbot, a, dialog.accept)
    (mine,) = queued_ops(a)

    hub.proxy.set(offline=False)
    store_actions.claim(b.replica, cid)  # meanwhile on the hub: the complaint moved on
    assert b.session.run_once().pushed == 1
    sync_online(qtbot, hub, a, drained=False)
    assert hub_count(hub, "SELECT count(*) FROM events WHERE op_id = ?", mine.op_id) == 0  # not applied

    queue = a.window.conflicts_queue
    qtbot.waitUntil(lambda: a.window.queue_panel.panel_model.count("conflicts") == 1, timeout=5000)
    with qtbot.waitSignal(queue.loaded, timeout=5000):
        a.window.show_queue("conflicts")
    qtmodeltester.check(queue.model, force_py=True)
    assert queue.model.rowCount() == 1
    with qtbot.waitSignal(queue.dialogOpened, timeout=5000) as shown:
        queue.view.activated.emit(queue.model.index(0, 0))
    view = shown.args[0]
    assert view.view.kind == "disposition.create" and "Segera cek saluran air" in view.mine_edit.toPlainText()
    assert staff in view.theirs_edit.toPlainText()  # the hub's state: claimed by the colleague
    with qtbot.waitSignal(view.resolved, timeout=5000):
        view.keep_button.click()
    (again,) = queued_ops(a)
    assert again.op_id != mine.op_id and again.state == "queued"
    with qtbot.waitSignal(a.window.syncFinished, timeout=60_000, check_params_cb=lambda ok: ok):
        a.window.sync_now()
    assert store_queues.outbox(a.replica) == []
    exactly_once(hub, [again])
    assert (
        hub_count(hub, "SELECT count(*) FROM dispositions WHERE id = ?", again.payload["disposition_id"]) == 1
    )
    qtbot.waitUntil(lambda: queue.model.rowCount() == 0, timeout=5000)
