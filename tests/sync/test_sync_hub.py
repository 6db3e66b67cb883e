"""Pull into a real replica from a real hub subprocess, and push ops back."""

from __future__ import annotations

import json
import secrets
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.store import actions, lookups, queues
from desktop.store.detail import detail
from desktop.store.engine import Replica, open_replica
from desktop.store.queues import QueueFilter
from desktop.sync.engine import SyncEngine, SyncProgress
from desktop.sync.transport import AuthError, CursorExpired, Transport, UpgradeRequired
from tests.sync.conftest import ADMIN, COORDINATOR, STAFF, signed_in


def _sync(replica: Replica, transport: Transport, **kw: object) -> object:
    if transport.user and not replica.user_id:
        replica.set_account(transport.server_url, transport.user)
    return SyncEngine(replica, transport, transport.device_id).run_once(**kw)  # type: ignore[arg-type]


def _scalar(replica: Replica, sql: str, **params: object) -> object:
    with replica.read() as conn:
        return conn.execute(text(sql), params).scalar()


def test_pull_sees_only_own_opd(hub_url: str, replica: Replica, tmp_path: Path) -> None:
    t = signed_in(hub_url, ADMIN)
    progress: list[SyncProgress] = []
    summary = _sync(replica, t, progress=progress.append)
    assert summary.pulled > 0 and summary.wire_bytes > 0  # type: ignore[attr-defined]
    assert progress[-1].phase == "done"
    assert {p.phase for p in progress} >= {"pull", "index", "done"}
    me = t.user or {}
    opd = me["unit_id"]
    n = queues.count(replica, QueueFilter())
    assert n > 0
    with replica.read() as conn:
        units = {r[0] for r in conn.execute(text("SELECT DISTINCT unit_id FROM complaints"))}
        assert units == {opd}
        # children only of visible complaints
        for table in ("notes", "dispositions", "followups", "events", "replies"):
            orphans = conn.execute(text(
                f"SELECT count(*) FROM {table} WHERE complaint_id IS NOT NULL "
                "AND complaint_id NOT IN (SELECT id FROM complaints)")).scalar()  # fmt: skip
            assert orphans == 0, table
        assert conn.execute(text("SELECT count(*) FROM categories")).scalar() > 100
        assert conn.execute(text("SELECT bulk_load FROM sync_state")).scalar() == 0
    # the coordinator sees the OPDs of the whole pemda: more than one OPD
    other = open_replica(tmp_path / "coord.db", secrets.token_hex(32))
    try:
        _sync(other, signed_in(hub_url, COORDINATOR))
        assert queues.count(other, QueueFilter()) > n
    finally:
        other.close()
    # anonymous reporters never arrive
    assert _scalar(replica, "SELECT count(*) FROM complaints WHERE anonymous = 1 AND reporter_name IS NOT NULL") == 0


def test_search_and_queues_after_first_sync(hub_url: str, replica: Replica) -> None:
    _sync(replica, signed_in(hub_url, ADMIN))
    first = queues.rows(replica, queues.ids(replica, QueueFilter(), None, 0, 1))[0]
    assert queues.ids(replica, QueueFilter(search=str(first.tracking_id)), None, 0, 10) == [first.id]
    words = [w for w in first.title.split() if len(w) > 3][:2]
    hits = queues.ids(replica, QueueFilter(search=" ".join(w[:4] for w in words)), None, 0, 1000)
    assert first.id in hits
    counts = queues.queue_counts(replica)
    assert counts["all"] == queues.count(replica, QueueFilter())
    with replica.read() as conn:
        indexes = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))}
    assert "ix_complaints_status_arrived" in indexes


def test_repull_is_idempotent(hub_url: str, replica: Replica) -> None:
    t = signed_in(hub_url, ADMIN)
    _sync(replica, t)
    before = {tb: _scalar(replica, f"SELECT count(*) FROM {tb}") for tb in ("complaints", "notes", "events", "users")}
    fts_before = queues.count(replica, QueueFilter(search="jalan"))
    again = SyncEngine(replica, t, t.device_id).run_once()
    assert again.pulled == 0
    with replica.write() as conn:
        conn.execute(text("UPDATE sync_state SET cursor = 0"))
    full = SyncEngine(replica, t, t.device_id).run_once()
    assert full.pulled > 0
    after = {tb: _scalar(replica, f"SELECT count(*) FROM {tb}") for tb in before}
    assert after == before
    assert queues.count(replica, QueueFilter(search="jalan")) == fts_before


def _open_complaint(replica: Replica) -> str:
    for status in ("terdisposisi", "diproses"):
        found = queues.ids(replica, QueueFilter(status=status), None, 0, 1)
        if found:
            return found[0]
    raise AssertionError("the seeded hub has no open complaint for this OPD")


def test_push_note_disposition_assign(hub_url: str, replica: Replica) -> None:
    t = signed_in(hub_url, ADMIN)
    _sync(replica, t)
    cid = _open_complaint(replica)
    staff = [u for u in lookups.users(replica) if u.extra["username"] == STAFF][0]
    long_text = "Catatan panjang dari desk. " * 80  # > 1 KB: the request body goes gzip'd
    note = actions.add_note(replica, cid, long_text)
    disp = actions.create_disposition(replica, cid, to_user_id=staff.id, instruction="Mohon dicek ke lokasi")
    actions.assign(replica, cid, (t.user or {})["id"])
    assert detail(replica, cid).pending
    summary = SyncEngine(replica, t, t.device_id).run_once()
    assert (summary.pushed, summary.conflicts, summary.rejected) == (3, 0, 0)
    assert queues.outbox(replica) == []  # nothing left that is not accepted
    d = detail(replica, cid)
    assert not d.pending and d.status != "terdisposisi"
    assert d.assignee_id == (t.user or {})["id"]
    (mine,) = [n for n in d.notes if n.id == note.record_id]
    assert not mine.pending and mine.text == long_text.strip()
    assert any(x.id == disp.record_id and not x.pending for x in d.dispositions)
    op_ids = {e.data.get("op_id") for e in d.events}
    assert note.op_id in op_ids and disp.op_id in op_ids
    assert _scalar(replica, "SELECT count(*) FROM local_records") == 0
    # the hub answers a resent op with its stored result: still accepted, no second effect
    with replica.write() as conn:
        conn.execute(text("UPDATE outbox SET state = 'sent' WHERE op_id = :o"), {"o": note.op_id})
    again = SyncEngine(replica, t, t.device_id).run_once()
    assert again.pushed == 1
    result = json.loads(str(_scalar(replica, "SELECT result FROM outbox WHERE op_id = :o", o=note.op_id)))
    assert result["status"] == "duplicate"
    assert len([n for n in detail(replica, cid).notes if n.text == long_text.strip()]) == 1


def test_stale_disposition_is_a_conflict_with_current_state(hub_url: str, replica: Replica) -> None:
    t = signed_in(hub_url, ADMIN)
    _sync(replica, t)
    cid = _open_complaint(replica)
    version = detail(replica, cid).version
    with replica.write() as conn:  # pretend our mirror is behind
        conn.execute(text("UPDATE complaints SET version = version - 1 WHERE id = :i"), {"i": cid})
    actions.assign(replica, cid, (t.user or {})["id"])
    if version == 1:
        pytest.skip("needs a complaint that changed at least once")
    s = SyncEngine(replica, t, t.device_id).run_once()
    assert s.conflicts == 1
    (row,) = queues.rows(replica, [cid])
    assert row.conflict and queues.queue_counts(replica)["conflicts"] == 1
    assert detail(replica, cid).version >= version


def test_cursor_expired_rebuilds_mirror_keeps_outbox(hub_url: str, replica: Replica, monkeypatch: pytest.MonkeyPatch) -> None:
    t = signed_in(hub_url, ADMIN)
    _sync(replica, t)
    n = queues.count(replica, QueueFilter())
    cid = _open_complaint(replica)
    with replica.write() as conn:  # a record the hub no longer sends must go
        conn.execute(text("INSERT INTO notes (id, version, complaint_id, text, created_at) "
                          "VALUES ('ghost', 1, :c, 'hantu', '2026-01-01T00:00:00Z')"), {"c": cid})  # fmt: skip
    queued = actions.add_note(replica, cid, "belum terkirim")
    real = t.changes
    calls = {"n": 0}

    def changes(after: int, limit: int = 1000) -> dict[str, object]:
        calls["n"] += 1
        if calls["n"] == 1:
            raise CursorExpired("too old", status=410, code="cursor_expired")
        return real(after, limit)

    monkeypatch.setattr(t, "changes", changes)
    monkeypatch.setattr(t, "push_ops", lambda ops: (_ for _ in ()).throw(AssertionError("no push")))
    engine = SyncEngine(replica, t, t.device_id)
    monkeypatch.setattr(engine, "push", lambda: None)  # keep the op queued to see it survive
    s = engine.run_once()
    assert s.rebuilt and s.pulled > 0
    assert queues.count(replica, QueueFilter()) == n
    assert _scalar(replica, "SELECT count(*) FROM notes WHERE id = 'ghost'") == 0
    assert [o.op_id for o in queues.outbox(replica)] == [queued.op_id]
    assert any(x.pending for x in detail(replica, cid).notes)
    assert _scalar(replica, "SELECT rebuilding FROM sync_state") == 0
    assert _scalar(replica, "SELECT count(*) FROM rebuild_seen") == 0


def test_cancel_stops_between_steps(hub_url: str, replica: Replica) -> None:
    t = signed_in(hub_url, ADMIN)
    stop = threading.Event()
    stop.set()
    s = SyncEngine(replica, t, t.device_id, pull_limit=10).run_once(cancel=stop)
    assert s.cancelled and s.pulled == 0
    s = SyncEngine(replica, t, t.device_id, pull_limit=50).run_once()
    assert not s.cancelled and s.pulled > 0


def test_access_token_refresh_and_errors(hub_url: str, replica: Replica) -> None:
    t = signed_in(hub_url, ADMIN)
    t._access = "not-a-token"  # the hub answers 401 unauthenticated → refresh once → retry
    page = t.changes(0, 5)
    assert page["changes"]
    with pytest.raises(AuthError) as bad:
        Transport(hub_url, "d").sign_in(ADMIN, "wrong")
    assert bad.value.code == "bad_credentials" and bad.value.status == 401
    old = Transport(hub_url, "d")
    old.session.headers["X-Lapor-Protocol"] = "99"
    with pytest.raises(UpgradeRequired) as up:
        old.sign_in(ADMIN, "demo")
    assert up.value.status == 426 and up.value.code == "protocol_unsupported"
    assert "token" not in repr(t).lower() or "not-a-token" not in repr(t)


def test_interrupted_first_sync_resumes_and_builds_indexes(hub_url: str, replica: Replica) -> None:
    t = signed_in(hub_url, ADMIN)
    stop = threading.Event()

    def progress(p: SyncProgress) -> None:
        if p.phase == "pull":
            stop.set()  # as if the app was closed after the first page

    first = SyncEngine(replica, t, t.device_id, pull_limit=100).run_once(progress=progress, cancel=stop)
    assert first.cancelled and first.pulled == 100
    assert _scalar(replica, "SELECT bulk_load FROM sync_state") == 1
    assert _scalar(replica, "SELECT count(*) FROM sqlite_master WHERE name = 'ix_complaints_status_arrived'") == 0
    second = SyncEngine(replica, t, t.device_id, pull_limit=100).run_once()
    assert not second.cancelled and second.pulled > 0
    assert _scalar(replica, "SELECT bulk_load FROM sync_state") == 0
    assert _scalar(replica, "SELECT count(*) FROM sqlite_master WHERE name = 'ix_complaints_status_arrived'") == 1
    row = queues.rows(replica, queues.ids(replica, QueueFilter(), None, 0, 1))[0]
    assert queues.ids(replica, QueueFilter(search=str(row.tracking_id)), None, 0, 5) == [row.id]
