"""The UI's read API: search, queues, paging, sorting, detail, and the overlay of unsent work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.store import actions, lookups, queues
from desktop.store.detail import detail
from desktop.store.engine import Replica
from desktop.store.errors import NotFound
from desktop.store.queues import QueueFilter, SortKey
from tests.store.factory import ME, OTHER, SUB, change, complaint, complaint_changes, load, reference, seeded


@pytest.fixture
def seeded_replica(replica: Replica) -> Replica:
    seeded(replica, 60)
    return replica


def _all_ids(r: Replica, f: QueueFilter, sort: SortKey | None = None) -> list[str]:
    return queues.ids(r, f, sort, 0, 10_000)


def test_count_and_paging_cover_everything_once(seeded_replica: Replica) -> None:
    f = QueueFilter()
    assert queues.count(seeded_replica, f) == 60
    pages = [queues.ids(seeded_replica, f, SortKey("arrived_at", True), off, 25) for off in (0, 25, 50)]
    assert [len(p) for p in pages] == [25, 25, 10]
    flat = [i for p in pages for i in p]
    assert len(set(flat)) == 60
    rows = queues.rows(seeded_replica, flat)
    arrived = [r.arrived_at for r in rows]
    assert arrived == sorted(arrived, reverse=True)


@pytest.mark.parametrize("column", sorted(queues.SORT_COLUMNS))
def test_sorting_each_column(seeded_replica: Replica, column: str) -> None:
    for desc in (False, True):
        got = queues.rows(seeded_replica, _all_ids(seeded_replica, QueueFilter(), SortKey(column, desc)))
        values = [getattr(r, column) for r in got]
        non_null = [v for v in values if v is not None]
        assert non_null == sorted(non_null, reverse=desc)


def test_rows_fields(seeded_replica: Replica) -> None:
    (row,) = queues.rows(seeded_replica, ["c-0000005"])
    assert row.tracking_id == 1_000_005
    assert row.category_name == "Jalan dan Jembatan"
    assert row.assignee_name == "Siti Admin"
    assert row.kecamatan and row.status and not row.pending
    (row,) = queues.rows(seeded_replica, ["c-0000011"])
    assert row.secret is True
    assert queues.rows(seeded_replica, ["nope"]) == []


def test_search_prefix_words_and_tracking_id(seeded_replica: Replica) -> None:
    r = seeded_replica
    one = complaint(1)
    words = one["title"].lower().split()[:2]
    hits = _all_ids(r, QueueFilter(search=" ".join(w[:3] for w in words)))
    assert "c-0000001" in hits
    for cid in hits:
        d = detail(r, cid)
        blob = " ".join([d.title, d.content]).lower()
        assert all(w[:3] in blob for w in words)
    assert _all_ids(r, QueueFilter(search="1000042")) == ["c-0000042"]
    assert set(_all_ids(r, QueueFilter(search="100004"))) == {f"c-00000{i}" for i in range(40, 50)}
    kec = complaint(3)["location"]["kecamatan"]
    assert "c-0000003" in _all_ids(r, QueueFilter(search=kec.lower()[:5]))
    by_reporter = set(_all_ids(r, QueueFilter(search="Nomor3")))  # reporter name, as a prefix
    assert by_reporter == {"c-0000003"} | {f"c-00000{i}" for i in range(30, 40) if i != 35}  # 35 is anonymous
    assert _all_ids(r, QueueFilter(search='zzzz "quotes" AND (')) == []


def test_anonymous_reporter_never_stored_or_found(replica: Replica) -> None:
    data = complaint(7, reporter={"name": "Rahasia Sekali", "contact": "0812"})  # anonymous (7 % 7 == 0)
    assert data["anonymous"]
    load(replica, [change("complaint", data["id"], data)])
    assert detail(replica, data["id"]).reporter is None
    assert queues.count(replica, QueueFilter(search="Rahasia Sekali")) == 0
    with replica.read() as conn:
        assert conn.execute(text("SELECT reporter_name FROM complaints")).scalar() is None


def test_filters(seeded_replica: Replica) -> None:
    r = seeded_replica
    for f, check in [
        (QueueFilter(status="diproses"), lambda d: d.status == "diproses"),
        (QueueFilter(category_id="cat-air"), lambda d: d.category_id == "cat-air"),
        (QueueFilter(kecamatan="Alalak"), lambda d: d.location.kecamatan == "Alalak"),
        (QueueFilter(channel="sms"), lambda d: d.channel == "sms"),
        (
            QueueFilter(date_from="2026-03-01", date_to="2026-03-31"),
            lambda d: d.arrived_at.startswith("2026-03"),
        ),
        (QueueFilter(queue="new"), lambda d: d.status == "terdisposisi"),
        (QueueFilter(queue="mine"), lambda d: d.assignee_id == ME),
        (QueueFilter(queue="need_followup"), lambda d: d.status in ("diproses", "ditanggapi_pelapor")),
    ]:
        got = _all_ids(r, f)
        assert got, f
        assert queues.count(r, f) == len(got)
        assert all(check(detail(r, cid)) for cid in got), f
    assert _all_ids(r, QueueFilter(queue="awaiting_approval")) == ["c-0000001"]
    with pytest.raises(ValueError):
        queues.count(r, QueueFilter(queue="bogus"))
    with pytest.raises(ValueError):
        queues.ids(r, QueueFilter(), SortKey("content; DROP TABLE complaints"))


def test_queue_counts_match_counts(seeded_replica: Replica) -> None:
    r = seeded_replica
    actions.add_note(r, "c-0000002", "catatan offline")
    counts = queues.queue_counts(r, ME)
    assert set(counts) == set(queues.QUEUES)
    for q in queues.QUEUES:
        assert counts[q] == queues.count(r, QueueFilter(queue=q)), q
    assert counts["all"] == 60 and counts["outbox"] == 1 and counts["conflicts"] == 0
    assert counts["mine"] == 12


def test_detail_with_children_and_names(seeded_replica: Replica) -> None:
    d = detail(seeded_replica, "c-0000001")
    assert d.reporter is not None and d.reporter.name == "Pelapor Nomor1"
    assert d.category_path == ("Infrastruktur", "Jalan dan Jembatan")
    assert d.unit_name == "Dinas PUPR"
    assert [n.text for n in d.notes] == ["Sudah dicek ke lapangan"]
    assert d.notes[0].author_name == "Budi Staf" and not d.notes[0].pending
    assert d.dispositions[0].text == "Mohon ditindaklanjuti"
    assert d.followups[0].data["state"] == "submitted"
    assert [e.type for e in d.timeline] == ["disposition", "note", "followup"]
    assert d.events[0].text == "note.add"
    with pytest.raises(NotFound):
        detail(seeded_replica, "nope")


def test_actions_write_local_change_and_outbox_atomically(seeded_replica: Replica) -> None:
    r = seeded_replica
    note = actions.add_note(r, "c-0000002", "  Sudah ditelepon pelapor  ")
    disp = actions.create_disposition(r, "c-0000002", to_unit_id=SUB, to_user_id=OTHER, instruction="Cek lokasi",
                                      due_date="2026-12-01")  # fmt: skip
    asg = actions.assign(r, "c-0000002", ME)
    ops = queues.outbox(r)
    assert [o.kind for o in ops] == ["note.add", "disposition.create", "complaint.assign"]
    assert [o.op_id for o in ops] == [note.op_id, disp.op_id, asg.op_id]
    assert all(o.state == "queued" and o.target == "c-0000002" for o in ops)
    assert ops[0].payload == {"note_id": note.record_id, "text": "Sudah ditelepon pelapor"}
    assert ops[1].payload == {"disposition_id": disp.record_id, "kind": "internal", "instruction": "Cek lokasi",
                              "to_unit_id": SUB, "to_user_id": OTHER, "due_date": "2026-12-01"}  # fmt: skip
    assert ops[2].payload == {"assignee_id": ME}
    # base versions chain over the user's own queued compare-and-set ops
    assert [o.base_version for o in ops] == [1, 1, 2]

    with pytest.raises(NotFound):
        actions.add_note(r, "missing", "x")
    with pytest.raises(ValueError):
        actions.add_note(r, "c-0000002", "   ")
    with pytest.raises(ValueError):
        actions.create_disposition(r, "c-0000002", kind="external", reason="")
    assert len(queues.outbox(r)) == 3  # failed actions left nothing behind


def test_action_failure_mid_transaction_leaves_nothing(
    seeded_replica: Replica, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = seeded_replica

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(actions, "_local", boom)
    with pytest.raises(RuntimeError):
        actions.add_note(r, "c-0000002", "hilang")
    assert queues.outbox(r) == []
    with r.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM local_records")).scalar() == 0


def test_overlay_shows_unsent_work(seeded_replica: Replica) -> None:
    r = seeded_replica
    cid = "c-0000000"  # terdisposisi, assigned to ME
    note = actions.add_note(r, cid, "catatan offline")
    actions.create_disposition(r, cid, to_user_id=OTHER, instruction="Tolong dicek")
    (row,) = queues.rows(r, [cid])
    assert row.pending and row.status == "diproses" and row.assignee_name == "Budi Staf"
    d = detail(r, cid)
    assert d.pending and d.status == "diproses" and d.assignee_id == OTHER
    (n,) = d.notes
    assert n.id == note.record_id and n.pending and n.op_state == "queued" and n.author_name == "Siti Admin"
    assert d.dispositions[-1].pending and d.dispositions[-1].text == "Tolong dicek"
    # Kotak keluar counts its changes (two), and lists the one complaint they are about among the complaints
    assert queues.count(r, QueueFilter(queue="outbox")) == len(queues.outbox(r)) == 2
    assert queues.ids(r, QueueFilter(queue="outbox")) == [cid]

    # the hub's copy arrives: the local record gives way to the mirror's
    load(r, [change("note", note.record_id or "", {"id": note.record_id, "complaint_id": cid, "text": "catatan offline",
                                                   "author_id": ME, "created_at": "2026-11-05T00:00:00Z"})])  # fmt: skip
    d = detail(r, cid)
    assert len(d.notes) == 1 and not d.notes[0].pending and d.notes[0].version == 1

    with r.write() as conn:
        conn.execute(text("UPDATE outbox SET state = 'conflict', reason = 'stale', result = :res"),
                     {"res": json.dumps({"status": "conflict"})})  # fmt: skip
    (row,) = queues.rows(r, [cid])
    assert row.conflict and not row.pending and row.status == "terdisposisi"
    assert cid in queues.ids(r, QueueFilter(queue="conflicts"))
    # no conflict record (handle_result makes them, tests/store/test_queues_table.py): nothing to decide yet
    assert queues.queue_counts(r)["conflicts"] == 0


def test_pull_is_version_guarded_and_idempotent(seeded_replica: Replica) -> None:
    r = seeded_replica
    newer = complaint(4, title="Judul baru jembatan ambruk")
    load(r, [change("complaint", newer["id"], newer, version=3)])
    older = complaint(4, title="Judul lama")
    load(r, [change("complaint", older["id"], older, version=2)])
    d = detail(r, "c-0000004")
    assert (d.title, d.version) == ("Judul baru jembatan ambruk", 3)
    assert queues.count(r, QueueFilter(search="ambruk")) == 1
    assert queues.count(r, QueueFilter(search="lama")) == 0
    load(r, [change("complaint", newer["id"], newer, version=3)])  # the same page again
    assert queues.count(r, QueueFilter()) == 60
    assert queues.count(r, QueueFilter(search="ambruk")) == 1


def test_delete_removes_complaint_children_and_index(seeded_replica: Replica) -> None:
    r = seeded_replica
    load(r, [change("complaint", "c-0000001", None, version=5)])
    assert queues.count(r, QueueFilter()) == 59
    assert queues.count(r, QueueFilter(search="1000001")) == 0
    with r.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM notes WHERE complaint_id = 'c-0000001'")).scalar() == 0


def test_renamed_category_and_user_follow_into_the_queue(seeded_replica: Replica) -> None:
    r = seeded_replica
    load(r, [change("category", "cat-jalan", {"id": "cat-jalan", "parent_id": "cat-infra", "name": "Jalan"}, 2),
             change("user", ME, {"id": ME, "username": "admin1", "full_name": "Siti Rahma", "role": "admin",
                                 "unit_id": "unit-opd"}, 2)])  # fmt: skip
    (row,) = queues.rows(r, ["c-0000005"])
    assert row.category_name == "Jalan" and row.assignee_name == "Siti Rahma"


def test_lookups(seeded_replica: Replica) -> None:
    r = seeded_replica
    assert [c.name for c in lookups.categories(r)] == ["Air Bersih", "Infrastruktur", "Jalan dan Jembatan"]
    assert {u.id for u in lookups.users(r)} == {ME, OTHER}
    assert {u.id for u in lookups.users(r, [SUB])} == {OTHER}
    assert "Marabahan" in lookups.kecamatans(r)
    assert any(u.extra["kind"] == "opd" for u in lookups.units(r))
    me = lookups.current_user(r)
    assert me is not None and me["full_name"] == "Siti Admin"


def test_counts_agree_with_ids_for_searches(seeded_replica: Replica) -> None:
    r = seeded_replica
    for search in ("jal", "ja", "jalan rusak", "100004", "1000042", "10", "0100", "nomor3", "zzzz"):
        for f in (QueueFilter(search=search), QueueFilter(search=search, queue="new")):
            assert queues.count(r, f) == len(_all_ids(r, f)), f
    assert queues.count(r, QueueFilter(search="10")) == 60  # every tracking ID starts with 10


def test_fts_has_prefix_index(seeded_replica: Replica) -> None:
    with seeded_replica.read() as conn:
        ddl = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'complaint_fts'")).scalar_one()
    assert "prefix='2 3'" in ddl and "contentless_delete=1" in ddl


def test_migration_0004_rebuilds_the_index_with_prefixes_and_back(tmp_path: Path, replica_key: str) -> None:
    from alembic import command

    from desktop.store import engine as store_engine
    from desktop.store.engine import open_replica

    path = tmp_path / "old.db"
    eng = store_engine._make_engine(path, replica_key)
    cfg = store_engine._alembic_config()
    with eng.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        if conn.in_transaction():
            conn.commit()
    eng.dispose()

    def ddl(r: Replica) -> str:
        with r.read() as conn:
            return str(
                conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'complaint_fts'")).scalar_one()
            )

    # Data indexed under 0003 (by the mirror of today), then the upgrade at open rebuilds the index from the rows.
    # Complaints only: today's mirror writes follow-up columns a 0003 replica lacks (writer_ids, 0005).
    with store_engine.Replica(path, store_engine._make_engine(path, replica_key)) as old:
        load(old, reference() + complaint_changes(30))
        assert "prefix" not in ddl(old)
        before = {s: _all_ids(old, QueueFilter(search=s)) for s in ("ja", "jalan rusak", "nomor3", "100001")}
    with open_replica(path, replica_key) as r:
        assert "prefix='2 3'" in ddl(r)
        assert {s: _all_ids(r, QueueFilter(search=s)) for s in before} == before
        assert all(before.values())
    eng = store_engine._make_engine(path, replica_key)
    with eng.connect() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
        if conn.in_transaction():
            conn.commit()
    with store_engine.Replica(path, eng) as old:
        assert "prefix" not in ddl(old)
        assert {s: _all_ids(old, QueueFilter(search=s)) for s in before} == before
