"""Conflicts in the replica: push answers become conflict records (both sides, the three texts of a follow-up),
rejected ops stay visible with their reasons, a departure is a conflict and never silent loss; only ops that
depend on a failed op wait; keep mine / take theirs / merge each settle in one transaction."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from sqlalchemy import text

from desktop.store import actions, conflicts, queues
from desktop.store.detail import detail
from desktop.store.engine import Replica
from tests.store.factory import ME, OTHER, seeded

CID = "c-0000002"


def _sha(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _op(replica: Replica, op_id: str) -> dict[str, Any]:
    with replica.read() as conn:
        row = conn.execute(text("SELECT * FROM outbox WHERE op_id = :o"), {"o": op_id}).mappings().one()
    return dict(row)


def _ops(replica: Replica) -> list[dict[str, Any]]:
    with replica.read() as conn:
        rows = conn.execute(text("SELECT * FROM outbox ORDER BY seq")).mappings().all()
    return [{**dict(r), "payload": json.loads(r["payload"])} for r in rows]


def ack(replica: Replica, op_id: str, **res: Any) -> str:
    """The hub's answer to one op, applied as the engine does (one transaction)."""
    op = _op(replica, op_id)
    with replica.write() as conn:
        cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        return conflicts.handle_result(cur, op, {"op_id": op_id, "version": None, "reason": None, "current": None,
                                                 "current_type": None, **res})  # fmt: skip


def ready(replica: Replica) -> list[str]:
    with replica.read() as conn:
        pending = [dict(r) for r in conn.execute(
            text("SELECT * FROM outbox WHERE state IN ('queued', 'sent') ORDER BY seq")).mappings()]  # fmt: skip
        return [o["op_id"] for o in conflicts.ready_ops(conn, pending)]


@pytest.fixture
def r(replica: Replica) -> Replica:
    seeded(replica, 10)
    return replica


def _complaint_now(version: int, **over: Any) -> dict[str, Any]:
    from tests.store.factory import complaint

    return {**complaint(2, id=CID), **over, "id": CID} | {"_v": version}


def test_stale_disposition_becomes_a_conflict_and_its_chain_waits(r: Replica) -> None:
    v = detail(r, CID).version
    disp = actions.create_disposition(r, CID, to_user_id=OTHER, instruction="Cek lokasi")
    status = actions.change_status(r, CID, "selesai")  # builds on the disposition: waits with it
    note = actions.add_note(r, CID, "catatan")  # an append: goes on
    theirs = _complaint_now(v + 3, assignee_id=ME, status="diproses")
    theirs.pop("_v")
    assert ack(r, disp.op_id, status="conflict", version=v + 3, reason="stale", current=theirs,
               current_type="complaint") == "conflict"  # fmt: skip
    assert ready(r) == [note.op_id]
    (c,) = conflicts.list_conflicts(r)
    assert (c.op_id, c.kind, c.record_type, c.complaint_id, c.theirs_version) == (
        disp.op_id, "disposition.create", "complaint", CID, v + 3)
    assert c.mine["instruction"] == "Cek lokasi" and c.theirs["assignee_id"] == ME
    assert c.mine_record is not None and c.mine_record["instruction"] == "Cek lokasi"
    assert detail(r, CID).version == v + 3  # the hub's state is mirrored
    assert CID in queues.ids(r, queues.QueueFilter(queue="conflicts"))

    res = conflicts.resolve(r, c.id, "keep_mine")
    assert conflicts.list_conflicts(r) == [] and conflicts.get_conflict(r, c.id) is None
    done = conflicts.get_conflict(r, c.id, include_resolved=True)
    assert done is not None and done.resolution == "mine" and done.resolved_op_id == res.op_id
    ops = {o["kind"]: o for o in _ops(r)}
    again = ops["disposition.create"]
    assert again["op_id"] == res.op_id != disp.op_id and again["state"] == "queued"
    assert again["base_version"] == v + 3 and again["payload"]["instruction"] == "Cek lokasi"
    assert ops["complaint.status"]["base_version"] == v + 4  # rebased behind it
    assert ready(r) == [res.op_id, status.op_id, note.op_id]
    # the local disposition follows the new op
    (d,) = [e for e in detail(r, CID).dispositions if e.pending]
    assert d.op_state == "queued"


def test_take_theirs_drops_mine_and_rebases_the_waiting(r: Replica) -> None:
    v = detail(r, CID).version
    assign = actions.assign(r, CID, OTHER)
    status = actions.change_status(r, CID, "arsip")
    ack(r, assign.op_id, status="conflict", version=v + 1, reason="stale", current={"id": CID, "status": "diproses"},
        current_type="complaint")  # fmt: skip
    (c,) = conflicts.list_conflicts(r)
    out = conflicts.resolve(r, c.id, "theirs")
    assert out.op_id == ""
    assert [o["op_id"] for o in _ops(r)] == [status.op_id]
    assert _ops(r)[0]["base_version"] == v + 1
    assert conflicts.get_conflict(r, c.id, include_resolved=True).resolution == "theirs"  # type: ignore[union-attr]
    with pytest.raises(conflicts.ConflictNotFound):
        conflicts.resolve(r, c.id, "mine")


def test_a_second_conflict_of_one_batch_waits_behind_the_first(r: Replica) -> None:
    # assign and status change went out in one batch; the complaint had moved, so the hub refused both
    v = detail(r, CID).version
    assign = actions.assign(r, CID, OTHER)
    status = actions.change_status(r, CID, "arsip")
    note = actions.add_note(r, CID, "catatan")
    theirs = {"id": CID, "status": "diproses"}
    assert ack(r, assign.op_id, status="conflict", version=v + 1, reason="stale", current=theirs,
               current_type="complaint") == "conflict"  # fmt: skip
    assert ack(r, status.op_id, status="conflict", version=v + 1, reason="stale", current=theirs,
               current_type="complaint") == "queued"  # fmt: skip
    (c,) = conflicts.list_conflicts(r)  # one conflict for the user to settle, not two
    assert c.op_id == assign.op_id
    assert _op(r, status.op_id)["state"] == "queued" and ready(r) == [note.op_id]
    conflicts.resolve(r, c.id, "theirs")
    assert ready(r) == [status.op_id, note.op_id]
    assert _op(r, status.op_id)["base_version"] == v + 1  # rebased onto the hub's version


def test_followup_text_conflict_keeps_three_texts_and_merges(r: Replica) -> None:
    fid = actions.create_followup(r, CID, "A\nB\nC\n").record_id
    assert fid is not None
    create, = _ops(r)
    ack(r, create["op_id"], status="applied", version=4, current_type="complaint")
    assert [f.id for f in detail(r, CID).followups if not f.pending] == [fid]  # entered the mirror
    edit = actions.edit_followup(r, fid, "A\nmine\nC\n")
    submit = actions.submit_followup(r, fid)
    theirs = {"id": fid, "complaint_id": CID, "text": "A\nB\ntheirs\n", "state": "draft", "author_id": OTHER,
              "content_hash": _sha("A\nB\ntheirs\n"), "approved_by": None, "approved_at": None,
              "return_reason": None, "created_at": "x", "updated_at": "y"}  # fmt: skip
    assert ack(r, edit.op_id, status="conflict", version=2, reason="stale", current=theirs,
               current_type="followup") == "conflict"  # fmt: skip
    assert ready(r) == []  # the submit builds on the edit: it waits
    (c,) = conflicts.list_conflicts(r)
    assert (c.record_type, c.base_text, c.mine_text, c.theirs_text) == (
        "followup", "A\nB\nC\n", "A\nmine\nC\n", "A\nB\ntheirs\n")
    fu = next(f for f in detail(r, CID).followups if f.id == fid)
    assert fu.op_state == "conflict" and fu.text == "A\nB\ntheirs\n"  # the hub's follow-up mirrored, marked
    with pytest.raises(ValueError):
        conflicts.resolve(r, c.id, "merge")  # no text
    res = conflicts.resolve(r, c.id, "merge", merged_text="A\nmine\ntheirs\n")
    e, s = _ops(r)[1:]
    assert e["op_id"] == res.op_id and e["base_version"] == 2
    assert e["payload"]["text"] == "A\nmine\ntheirs\n"
    assert e["payload"]["base_text_hash"] == _sha("A\nB\ntheirs\n")
    assert s["op_id"] == submit.op_id and s["base_version"] == 3
    assert ready(r) == [res.op_id, submit.op_id]
    assert next(f for f in detail(r, CID).followups if f.id == fid).text == "A\nmine\ntheirs\n"


def test_departure_is_a_conflict_not_silent_loss(r: Replica) -> None:
    fid = actions.create_followup(r, CID, "Draf offline").record_id
    (op,) = _ops(r)
    gone = {"id": CID, "tracking_id": 1000002, "status": "dikembalikan", "unit_id": "unit-elsewhere"}
    assert ack(r, op["op_id"], status="rejected", reason="not_in_unit", current=gone,
               current_type="departure") == "rejected"  # fmt: skip
    (c,) = conflicts.list_conflicts(r)
    assert c.record_type == "departure" and c.theirs == gone and c.reason == "not_in_unit"
    assert c.mine["text"] == "Draf offline" and c.mine_record is not None and c.mine_record["id"] == fid
    with r.read() as conn:  # a departure is never mirrored
        assert conn.execute(text("SELECT unit_id FROM complaints WHERE id = :c"), {"c": CID}).scalar() != "unit-elsewhere"
    with pytest.raises(ValueError):
        conflicts.resolve(r, c.id, "keep_mine")
    conflicts.resolve(r, c.id, "take_theirs")
    assert _ops(r) == []
    assert conflicts.get_conflict(r, c.id, include_resolved=True).mine["text"] == "Draf offline"  # type: ignore[union-attr]


def test_rejected_op_stays_visible_and_the_others_go_on(r: Replica) -> None:
    v = detail(r, CID).version
    bad = actions.change_status(r, CID, "selesai")
    follow = actions.claim(r, CID)
    assert ack(r, bad.op_id, status="rejected", reason="wrong_state") == "rejected"
    (entry,) = [o for o in detail(r, CID).ops if o.state == "rejected"]
    assert entry.reason == "wrong_state"
    assert conflicts.list_conflicts(r) == []
    assert ready(r) == [follow.op_id]
    assert _op(r, follow.op_id)["base_version"] == v  # the rejected op changed nothing on the hub
    assert CID in queues.ids(r, queues.QueueFilter(queue="conflicts"))


def test_attachment_op_waits_for_its_blob(r: Replica, tmp_path: Any) -> None:
    src = tmp_path / "foto.png"
    src.write_bytes(b"\x89PNG\r\n\x1a\n" + b"p" * 5000)
    att = actions.add_attachment(r, CID, src, owner_type="complaint", owner_id=CID, mime="image/png")
    note = actions.add_note(r, CID, "catatan")
    assert ready(r) == [note.op_id]
    with r.write() as conn:
        conn.execute(text("UPDATE blobs SET upload_state = 'done'"))
    assert ready(r) == [att.op_id, note.op_id]
    # the hub lost the file after all: upload again, the op goes again
    assert ack(r, att.op_id, status="rejected", reason="blob_missing") == "queued"
    assert ready(r) == [note.op_id]


def test_applied_followup_result_mirrors_the_followup_not_a_complaint(r: Replica) -> None:
    actions.edit_followup(r, "f-1", "Teks baru")
    (op,) = _ops(r)
    current = {"id": "f-1", "complaint_id": "c-0000001", "text": "Teks baru", "state": "draft", "author_id": OTHER,
               "content_hash": _sha("Teks baru"), "approved_by": None, "approved_at": None, "return_reason": None,
               "created_at": "x", "updated_at": "y"}  # fmt: skip
    assert ack(r, op["op_id"], status="applied", version=2, current=current, current_type="followup") == "accepted"
    with r.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM complaints WHERE id = 'f-1'")).scalar() == 0
        assert conn.execute(text("SELECT text, version FROM followups WHERE id = 'f-1'")).one() == ("Teks baru", 2)


# ---------------------------------------------------------------- against a real hub
@pytest.fixture(scope="module")
def hub_url(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from desktop.testing.hub import run_hub

    db = tmp_path_factory.mktemp("hub") / "hub.db"
    with run_hub(f"sqlite:///{db}", seed_complaints=150) as url:
        yield url


@pytest.fixture
def desks(tmp_path: Any, hub_url: str) -> Any:
    import secrets

    from desktop.store.engine import open_replica
    from desktop.sync.transport import Transport

    opened: list[Replica] = []

    def desk(username: str) -> tuple[Replica, Any]:
        r = open_replica(tmp_path / f"{username}-{len(opened)}.db", secrets.token_hex(32))
        opened.append(r)
        t = Transport(hub_url, f"dev-{username}-{len(opened)}")
        user = t.sign_in(username, "demo")
        r.set_account(hub_url, user)
        return r, t

    yield desk
    for r in opened:
        r.close()


def _sync(replica: Replica, transport: Any) -> Any:
    from desktop.sync.engine import SyncEngine

    return SyncEngine(replica, transport, transport.device_id).run_once()


def _open_cid(replica: Replica, skip: tuple[str, ...] = ()) -> str:
    with replica.read() as conn:
        ids = [r[0] for r in conn.execute(text(
            "SELECT id FROM complaints WHERE status IN ('terdisposisi', 'diproses') ORDER BY tracking_id"))]  # fmt: skip
    return next(i for i in ids if i not in skip)


def test_two_desks_edit_one_followup_conflict_then_merge(desks: Any) -> None:
    a, ta = desks("staf.pupr")
    b, tb = desks("admin.pupr")
    _sync(a, ta)
    cid = _open_cid(a)
    fid = actions.create_followup(a, cid, "Yth. Pelapor,\nKami proses.\nTerima kasih.\n").record_id
    assert fid is not None
    _sync(a, ta)
    _sync(b, tb)
    actions.edit_followup(b, fid, "Yth. Pelapor,\nKami proses.\nTerima kasih banyak.\n")
    assert _sync(b, tb).pushed == 1
    mine = actions.edit_followup(a, fid, "Yth. Pelapor,\nKami proses minggu ini.\nTerima kasih.\n")
    submit_note = actions.add_note(a, cid, "catatan lain")  # not on the follow-up's chain: goes on
    summary = _sync(a, ta)
    assert summary.conflicts == 1
    assert _op(a, submit_note.op_id)["state"] == "accepted"
    assert _op(a, mine.op_id)["state"] == "conflict"
    (c,) = conflicts.list_conflicts(a)
    assert c.base_text == "Yth. Pelapor,\nKami proses.\nTerima kasih.\n"
    assert c.mine_text == "Yth. Pelapor,\nKami proses minggu ini.\nTerima kasih.\n"
    assert c.theirs_text == "Yth. Pelapor,\nKami proses.\nTerima kasih banyak.\n"
    assert c.theirs_version == 2
    merged = "Yth. Pelapor,\nKami proses minggu ini.\nTerima kasih banyak.\n"
    conflicts.resolve(a, c.id, "merge", merged_text=merged)
    out = _sync(a, ta)
    assert out.pushed == 1 and out.conflicts == 0
    _sync(b, tb)
    for r in (a, b):
        with r.read() as conn:
            assert conn.execute(text("SELECT text FROM followups WHERE id = :f"), {"f": fid}).scalar() == merged
    assert conflicts.list_conflicts(a) == []
    assert queues.outbox(a) == []


def test_complaint_that_left_the_opd_while_drafting_offline_is_a_conflict(desks: Any) -> None:
    a, ta = desks("staf.pupr")
    b, tb = desks("admin.pupr")
    _sync(a, ta)
    _sync(b, tb)
    cid = _open_cid(b, skip=())
    with b.read() as conn:
        me_unit = conn.execute(text("SELECT unit_id FROM complaints WHERE id = :c"), {"c": cid}).scalar()
        target = conn.execute(text(
            "SELECT id FROM units WHERE kind = 'opd' AND id != :u ORDER BY id LIMIT 1"), {"u": me_unit}).scalar()  # fmt: skip
    draft = actions.create_followup(a, cid, "Draf yang ditulis saat luring")  # offline on desk A
    actions.create_disposition(b, cid, kind="external", to_unit_id=target, instruction="Mohon ditangani",
                               reason="Bukan wewenang kami")  # fmt: skip
    assert _sync(b, tb).pushed == 1
    summary = _sync(a, ta)
    assert summary.rejected == 1
    (c,) = conflicts.list_conflicts(a)
    assert c.record_type == "departure" and c.reason == "not_in_unit" and c.complaint_id == cid
    assert c.mine["text"] == "Draf yang ditulis saat luring"
    assert c.mine_record is not None and c.mine_record["id"] == draft.record_id
    assert c.theirs["status"] == "dikembalikan" and c.theirs["unit_id"] != me_unit  # sent back for re-routing
    with a.read() as conn:  # the feed took the complaint away; the draft survives in the conflict
        assert conn.execute(text("SELECT count(*) FROM complaints WHERE id = :c"), {"c": cid}).scalar() == 0
    assert _op(a, draft.op_id)["state"] == "rejected"
