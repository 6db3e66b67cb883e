"""Shared checks of the fault-injection tests: the hub's view of one user against a replica's mirror, the cursor
never ahead of the data, SQLite integrity, content checksums of the mirror, and what the hub's own database holds
for an op_id (exactly-once checks).

Used by tests/faults/test_crash_points.py and tests/faults/test_stateful.py.
"""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from pathlib import Path

from sqlalchemy import text

from desktop.store.engine import Replica
from desktop.store.models import MIRROR_TABLES
from desktop.sync.transport import Transport

PASSWORD = "demo"

HubView = dict[tuple[str, str], int]
Pages = list[tuple[int, list[dict[str, object]]]]


def hub_view(
    url: str,
    username: str,
    *,
    password: str = PASSWORD,
    page_size: int = 25,
    transport: Transport | None = None,
) -> tuple[HubView, Pages]:
    """The hub's latest state for ``username``: (type, id) → version, and its pages (cursor, changes), read from 0
    with a fresh device id (or with ``transport``, already signed in as ``username``: signing in costs an argon2
    hash on the hub)."""
    t = transport or Transport(url, f"checker-{uuid.uuid4()}")
    try:
        if transport is None:
            t.sign_in(username, password)
        view: HubView = {}
        pages: Pages = []
        cursor = 0
        while True:
            page = t.changes(cursor, page_size)
            pages.append((int(page["cursor"]), page["changes"]))
            for ch in page["changes"]:
                key = (str(ch["type"]), str(ch["id"]))
                if ch["deleted"]:
                    view.pop(key, None)
                else:
                    view[key] = int(ch["version"])
            if not page["more"] or int(page["cursor"]) <= cursor:
                break
            cursor = int(page["cursor"])
    finally:
        if transport is None:
            t.close()
    return view, pages


def replica_view(replica: Replica) -> HubView:
    """The mirror's (type, id) → version."""
    out: HubView = {}
    with replica.read() as conn:
        for typ, table in MIRROR_TABLES.items():
            for rid, version in conn.execute(text(f"SELECT id, version FROM {table}")):
                out[(typ, str(rid))] = int(version)
    return out


def integrity(replica: Replica) -> None:
    with replica.read() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def assert_cursor_not_ahead(held: HubView, cursor: int, pages: Pages, context: object = None) -> None:
    """Every record the hub placed at or before ``cursor`` is held at that version or newer (deleted ones aside).
    Records only move forward in the feed, so this holds against a hub view read at any later time."""
    for page_cursor, changes in pages:
        for ch in changes:
            if ch["deleted"]:
                continue
            key = (str(ch["type"]), str(ch["id"]))
            if page_cursor <= cursor:
                assert held.get(key, 0) >= int(ch["version"]), (context, cursor, key)  # type: ignore[call-overload]
        if page_cursor > cursor:
            break


def mirror_checksums(replica: Replica) -> dict[str, str]:
    """SHA-256 per mirror table of its rows (every column, ordered by id): equal checksums = equal content."""
    out: dict[str, str] = {}
    with replica.read() as conn:
        for table in MIRROR_TABLES.values():
            h = hashlib.sha256()
            for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY id")):
                h.update(repr(tuple(row)).encode())
                h.update(b"\n")
            out[table] = h.hexdigest()
    return out


def mirror_rows(replica: Replica, table: str) -> dict[str, tuple[object, ...]]:
    """id → row of one mirror table (to say which rows differ when the checksums do)."""
    with replica.read() as conn:
        return {str(r[0]): tuple(r) for r in conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))}


def hub_op_counts(hub_db: Path, op_id: str) -> tuple[int, int]:
    """(op_results rows, events rows) the hub's database holds for ``op_id``."""
    with sqlite3.connect(hub_db) as conn:
        results = conn.execute("SELECT count(*) FROM op_results WHERE op_id = ?", (op_id,)).fetchone()[0]
        events = conn.execute("SELECT count(*) FROM events WHERE op_id = ?", (op_id,)).fetchone()[0]
    return int(results), int(events)
