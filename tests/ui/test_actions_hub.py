"""End to end against a real hub subprocess: a note and a disposition made in the window with no sync (offline)
reach the hub exactly once on the next sync; a second sync sends nothing more."""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import queue as store_queue
from desktop.store.engine import open_replica
from desktop.sync.transport import Transport
from desktop.testing.hub import run_hub
from desktop.ui.jobs import JobContext, JobRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.services import StoreSession, _sync_callable
from desktop.ui.settings import UiSettings

PASSWORD = "demo"


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    db = tmp_path_factory.mktemp("hub") / "hub.db"
    with run_hub(f"sqlite:///{db}", seed_complaints=120) as url:
        yield url, db


def hub_count(db: Path, sql: str, *params: object) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(sql, params).fetchone()[0])


def test_offline_note_and_disposition_reach_the_hub_exactly_once(qtbot, hub, tmp_path: Path) -> None:
    url, db = hub
    transport = Transport(url, "device-ui-e2e")
    transport.sign_in("admin.pupr", PASSWORD)
    replica = open_replica(tmp_path / "replica.db", secrets.token_hex(32))
    replica.set_account(url, transport.user or {})
    session = StoreSession(replica, user=transport.user, server_url=url,
                           sync=_sync_callable(replica, transport, "device-ui-e2e"))  # fmt: skip
    session.sync_once(JobContext())  # the first sync fills the replica; from here on the desk works offline
    runner = JobRunner()
    window = MainWindow(session, runner, UiSettings(tmp_path / "settings"))
    qtbot.addWidget(window)
    window.show()
    try:
        open_ids = [
            i for status in ("terdisposisi", "diproses", "ditanggapi_pelapor", "ditindaklanjuti", "ditunda")
            for i in store_queue.ids(replica, store_queue.QueueFilter(status=status), None, 0, 1)
        ]  # fmt: skip
        assert open_ids, "the seeded hub has no open complaint for this OPD"
        cid = open_ids[0]
        before = store_queue.detail(replica, cid).status
        with qtbot.waitSignal(window.detailShown, timeout=5000):
            window.show_complaint(cid)
        actions = window.desk_actions
        note = actions.open_note()
        assert note is not None
        note.text_edit.setPlainText("Sudah dicek via telepon (luring)")
        with qtbot.waitSignal(actions.actionFinished, timeout=5000):
            note.accept()
        dialog = actions.open_disposition()
        assert dialog is not None
        staff = dialog.member_combo.findText(
            next(u.name for u in store_queue.users(replica) if u.extra["username"] == "staf.pupr")
        )
        dialog.member_combo.setCurrentIndex(staff)
        dialog.instruction_edit.setPlainText("Mohon ditinjau ke lokasi")
        with qtbot.waitSignal(actions.actionFinished, timeout=5000):
            dialog.accept()
        ops = store_queue.outbox(replica)
        assert [o.kind for o in ops] == ["note.add", "disposition.create"]
        assert hub_count(db, "SELECT count(*) FROM notes WHERE id = ?", ops[0].payload["note_id"]) == 0

        with qtbot.waitSignal(window.syncFinished, timeout=60_000) as synced:
            window.sync_now()
        assert synced.args == [True]
        for op in ops:
            assert hub_count(db, "SELECT count(*) FROM events WHERE op_id = ?", op.op_id) == 1
        assert hub_count(db, "SELECT count(*) FROM notes WHERE id = ?", ops[0].payload["note_id"]) == 1
        assert (
            hub_count(db, "SELECT count(*) FROM dispositions WHERE id = ?", ops[1].payload["disposition_id"])
            == 1
        )
        assert store_queue.outbox(replica) == []
        detail = store_queue.detail(replica, cid)
        assert not detail.pending
        assert detail.status == ("diproses" if before == "terdisposisi" else before)
        assert any(d.id == ops[1].payload["disposition_id"] and not d.pending for d in detail.dispositions)

        again = session.sync_once(JobContext())
        assert again.pushed == 0
        for op in ops:
            assert hub_count(db, "SELECT count(*) FROM events WHERE op_id = ?", op.op_id) == 1
    finally:
        runner.shutdown()
        window.close()
        transport.close()
        replica.close()
