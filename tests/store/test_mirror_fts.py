"""The search index follows the stored state of complaints, and only rewrites rows whose searchable text changed."""

from __future__ import annotations

from typing import Any

from desktop.store.engine import Replica
from tests.store.factory import change, complaint, load, reference


def _found(replica: Replica, query: str) -> list[str]:
    with replica.read() as conn:
        return [r[0] for r in conn.exec_driver_sql(
            "SELECT c.id FROM complaint_fts f JOIN complaints c ON c.rowid = f.rowid WHERE complaint_fts MATCH ?",
            (query,))]  # fmt: skip


def _version(i: int, version: int, **over: Any) -> dict[str, Any]:
    return change("complaint", f"c-{i:07d}", complaint(i, **over), version=version)


def _fts_writes(replica: Replica) -> int:
    with replica.read() as conn:  # FTS5 keeps one row per segment write in its data table's structure record
        return int(conn.exec_driver_sql("SELECT count(*) FROM complaint_fts_data").scalar_one())


def test_index_follows_text_changes_and_skips_the_rest(replica: Replica) -> None:
    base = {"title": "Jembatan kayu lapuk", "reporter": {"name": "Rahmat Hidayat", "contact": "0811"},
            "anonymous": False}  # fmt: skip
    load(replica, [*reference(), _version(1, 1, **base)])
    assert _found(replica, "lapuk") == ["c-0000001"]
    assert _found(replica, "hidayat") == ["c-0000001"]

    load(replica, [_version(1, 2, **{**base, "title": "Lampu jalan padam"})])  # the text changed
    assert _found(replica, "padam") == ["c-0000001"]
    assert _found(replica, "lapuk") == []

    before = _fts_writes(replica)
    load(replica, [_version(1, 3, **{**base, "title": "Lampu jalan padam", "status": "selesai"})])  # status only
    assert _fts_writes(replica) == before  # nothing written to the index
    assert _found(replica, "padam") == ["c-0000001"]

    load(replica, [_version(1, 4, **{**base, "title": "Lampu jalan padam", "anonymous": True})])
    assert _found(replica, "hidayat") == []  # an anonymous reporter is not searchable

    load(replica, [_version(1, 2, **{**base, "title": "Jembatan kayu lapuk"})])  # a stale version: ignored
    assert _found(replica, "lapuk") == []
    assert _found(replica, "padam") == ["c-0000001"]
