"""Writing the mirror from change-feed pages: plain SQL with ``executemany`` on the DBAPI connection.

Called by the sync engine inside ONE write transaction per page (the page + the cursor advance).
- upserts are version-guarded: a change is applied when its version is >= the stored one (re-pulling a page is
  idempotent; an older state never overwrites a newer one);
- ``deleted`` removes the record (a complaint that left the user's sight takes its child records along);
- the FTS5 index of complaints is maintained in bulk (rowid = complaints.rowid);
- the denormalised ``category_name``/``assignee_name`` of complaints follow renames;
- a local record (note, disposition ... made on this device) is dropped once the mirror holds the same id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from desktop.store.models import CHILD_TABLES, MIRROR_TABLES

Row = tuple[Any, ...]
Extractor = Callable[[str, int, dict[str, Any]], Row]


def _j(value: Any) -> str | None:
    return None if value is None else orjson.dumps(value).decode()  # compact, UTF-8 as is (like ensure_ascii=False)


def _b(value: Any) -> int:
    return 1 if value else 0


def _unit(i: str, v: int, d: dict[str, Any]) -> Row:
    return (i, v, d.get("parent_id"), d.get("kind") or "", d.get("code"), d.get("name") or "", d.get("timezone"))


def _user(i: str, v: int, d: dict[str, Any]) -> Row:
    return (i, v, d.get("username") or "", d.get("full_name") or "", d.get("role") or "", d.get("unit_id"))


def _category(i: str, v: int, d: dict[str, Any]) -> Row:
    return (i, v, d.get("parent_id"), d.get("name") or "")


def _holiday(i: str, v: int, d: dict[str, Any]) -> Row:
    return (i, v, d.get("date") or i, d.get("name") or "", d.get("kind") or "", _b(d.get("active", True)))


def _sla(i: str, v: int, d: dict[str, Any]) -> Row:
    return (i, v, _j(d))


def _complaint(i: str, v: int, d: dict[str, Any]) -> Row:
    loc = d.get("location") or {}
    anonymous = bool(d.get("anonymous"))
    reporter = None if anonymous else d.get("reporter")  # defence in depth: the hub already sends null
    return (
        i, v, int(d.get("tracking_id") or 0), d.get("title") or "", d.get("content") or "",
        d.get("kind") or "", d.get("channel") or "", d.get("status") or "",
        d.get("unit_id"), d.get("subunit_id"), d.get("assignee_id"), d.get("category_id"),
        _j(d.get("tags") or []), d.get("incident_date"), d.get("submitted_at"), d.get("arrived_at") or "",
        loc.get("province"), loc.get("regency"), loc.get("kecamatan"), loc.get("desa"), loc.get("lat"), loc.get("lon"),
        _b(anonymous), _b(d.get("secret")),
        reporter.get("name") if reporter else None, reporter.get("contact") if reporter else None,
        d.get("updated_at"),
        d.get("category_id"), d.get("assignee_id"),  # → category_name / assignee_name subselects
    )  # fmt: skip


def _disposition(i: str, v: int, d: dict[str, Any]) -> Row:
    return (
        i, v, d.get("complaint_id") or "", d.get("kind") or "", d.get("from_unit_id"), d.get("to_unit_id"),
        d.get("to_user_id"), d.get("instruction"), d.get("due_date"), d.get("reason"), d.get("suggested_body"),
        d.get("created_by"), d.get("created_at") or "",
    )  # fmt: skip


def _followup(i: str, v: int, d: dict[str, Any]) -> Row:
    return (
        i, v, d.get("complaint_id") or "", d.get("text") or "", d.get("state") or "", d.get("author_id"),
        _j(d.get("writer_ids")), d.get("content_hash"), d.get("approved_by"), d.get("approved_at"),
        d.get("return_reason"),
        d.get("created_at") or "", d.get("updated_at"),
    )  # fmt: skip


def _note(i: str, v: int, d: dict[str, Any]) -> Row:
    return (i, v, d.get("complaint_id") or "", d.get("text") or "", d.get("author_id"), d.get("created_at") or "")


def _reply(i: str, v: int, d: dict[str, Any]) -> Row:
    return (i, v, d.get("complaint_id") or "", d.get("text") or "", d.get("created_at") or "")


def _attachment(i: str, v: int, d: dict[str, Any]) -> Row:
    return (
        i, v, d.get("complaint_id") or "", d.get("owner_type") or "complaint", d.get("owner_id"),
        d.get("filename") or "", d.get("mime"), d.get("size"), d.get("sha256") or "", d.get("created_at") or "",
    )  # fmt: skip


def _event(i: str, v: int, d: dict[str, Any]) -> Row:
    return (
        i, v, d.get("complaint_id"), d.get("kind") or "", d.get("actor_id"), d.get("device_id"), d.get("op_id"),
        d.get("at") or "", _j(d.get("data") or {}),
    )  # fmt: skip


_COLUMNS: dict[str, tuple[str, ...]] = {
    "units": ("id", "version", "parent_id", "kind", "code", "name", "timezone"),
    "users": ("id", "version", "username", "full_name", "role", "unit_id"),
    "categories": ("id", "version", "parent_id", "name"),
    "holidays": ("id", "version", "date", "name", "kind", "active"),
    "sla": ("id", "version", "data"),
    "complaints": (
        "id", "version", "tracking_id", "title", "content", "kind", "channel", "status", "unit_id", "subunit_id",
        "assignee_id", "category_id", "tags", "incident_date", "submitted_at", "arrived_at", "province", "regency",
        "kecamatan", "desa", "lat", "lon", "anonymous", "secret", "reporter_name", "reporter_contact", "updated_at",
        "category_name", "assignee_name",
    ),  # fmt: skip
    "dispositions": (
        "id", "version", "complaint_id", "kind", "from_unit_id", "to_unit_id", "to_user_id", "instruction",
        "due_date", "reason", "suggested_body", "created_by", "created_at",
    ),  # fmt: skip
    "followups": (
        "id", "version", "complaint_id", "text", "state", "author_id", "writer_ids", "content_hash", "approved_by",
        "approved_at", "return_reason", "created_at", "updated_at",
    ),  # fmt: skip
    "notes": ("id", "version", "complaint_id", "text", "author_id", "created_at"),
    "replies": ("id", "version", "complaint_id", "text", "created_at"),
    "attachments": (
        "id", "version", "complaint_id", "owner_type", "owner_id", "filename", "mime", "size", "sha256", "created_at",
    ),  # fmt: skip
    "events": ("id", "version", "complaint_id", "kind", "actor_id", "device_id", "op_id", "at", "data"),
}

_EXTRACT: dict[str, Extractor] = {
    "unit": _unit, "user": _user, "category": _category, "holiday": _holiday, "sla": _sla, "complaint": _complaint,
    "disposition": _disposition, "followup": _followup, "note": _note, "reply": _reply, "attachment": _attachment,
    "event": _event,
}  # fmt: skip

# reference data first, so a complaint in the same page finds its category/assignee names
_ORDER = ("unit", "user", "category", "holiday", "sla", "complaint", "disposition", "followup", "note", "reply",
          "attachment", "event")  # fmt: skip


def _upsert_sql(table: str) -> str:
    cols = _COLUMNS[table]
    values = ["?"] * len(cols)
    if table == "complaints":
        values[-2] = "(SELECT name FROM categories WHERE id = ?)"
        values[-1] = "(SELECT full_name FROM users WHERE id = ?)"
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
    return (
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join(values)}) "
        f"ON CONFLICT(id) DO UPDATE SET {sets} WHERE excluded.version >= {table}.version"
    )


_UPSERT = {table: _upsert_sql(table) for table in _COLUMNS}
_CHUNK = 900


def _chunks(seq: Sequence[Any], n: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(seq), n):
        yield seq[start : start + n]


@dataclass
class PageStats:
    upserted: int = 0
    deleted: int = 0
    by_type: dict[str, int] = field(default_factory=dict)


def apply_changes(
    cur: Any, changes: Sequence[dict[str, Any]], *, index_fts: bool = True, mark_seen: bool = False
) -> PageStats:
    """Apply one page of changes through a DBAPI cursor that is inside a write transaction.
    ``index_fts=False`` during a bulk load (the index is built at the end); ``mark_seen`` during a rebuild."""
    stats = PageStats()
    upserts: dict[str, dict[str, tuple[int, dict[str, Any]]]] = {t: {} for t in _ORDER}
    deletes: dict[str, dict[str, int]] = {t: {} for t in _ORDER}
    for ch in changes:
        typ = ch.get("type")
        if typ not in _EXTRACT:
            continue  # a newer hub may send types this desk does not know yet
        rid = str(ch["id"])
        version = int(ch.get("version") or 0)
        if ch.get("deleted") or ch.get("data") is None:
            upserts[typ].pop(rid, None)
            deletes[typ][rid] = version
        else:
            deletes[typ].pop(rid, None)
            upserts[typ][rid] = (version, ch["data"])
        stats.by_type[typ] = stats.by_type.get(typ, 0) + 1

    if mark_seen:
        seen = [(typ, rid) for typ in _ORDER for rid in upserts[typ]]
        cur.executemany("INSERT OR IGNORE INTO rebuild_seen (type, id) VALUES (?, ?)", seen)
    has_local = cur.execute("SELECT EXISTS (SELECT 1 FROM local_records)").fetchone()[0]
    for typ in _ORDER:
        table = MIRROR_TABLES[typ]
        ups = upserts[typ]
        dels = deletes[typ]
        if dels:
            _delete(cur, typ, table, list(dels))
            stats.deleted += len(dels)
        if not ups:
            continue
        extract = _EXTRACT[typ]
        indexed = _fts_rows(cur, list(ups)) if typ == "complaint" and index_fts else None
        cur.executemany(_UPSERT[table], [extract(rid, v, d) for rid, (v, d) in ups.items()])
        stats.upserted += len(ups)
        if indexed is not None:
            # Only complaints whose searchable text is new or changed: a status change, an assignment or a note's
            # version bump leaves the index as it is (an FTS5 write costs a merge at every commit).
            after = _fts_rows(cur, list(ups))
            _refresh_fts(cur, [rid for rid, row in after.items() if indexed.get(rid) != row])
        elif typ == "category":
            cur.executemany(
                "UPDATE complaints SET category_name = ? WHERE category_id = ? AND category_name IS NOT ?",
                [(d.get("name") or "", rid, d.get("name") or "") for rid, (_v, d) in ups.items()],
            )
        elif typ == "user":
            cur.executemany(
                "UPDATE complaints SET assignee_name = ? WHERE assignee_id = ? AND assignee_name IS NOT ?",
                [(d.get("full_name") or "", rid, d.get("full_name") or "") for rid, (_v, d) in ups.items()],
            )
        if has_local and typ in ("note", "disposition", "followup", "attachment"):
            for chunk in _chunks(list(ups)):
                cur.execute(
                    f"DELETE FROM local_records WHERE type = ? AND id IN ({','.join('?' * len(chunk))})",
                    (typ, *chunk),
                )
    return stats


_FTS_SELECT = (
    "SELECT rowid, CAST(tracking_id AS TEXT), title, content, "
    "trim(coalesce(kecamatan, '') || ' ' || coalesce(desa, '')), "
    "CASE WHEN anonymous THEN '' ELSE coalesce(reporter_name, '') END FROM complaints"
)


def _fts_rows(cur: Any, ids: list[str]) -> dict[str, tuple[Any, ...]]:
    """id → (rowid and the texts the index holds) of these complaints as stored now."""
    out: dict[str, tuple[Any, ...]] = {}
    for chunk in _chunks(ids):
        for row in cur.execute(
            f"{_FTS_SELECT.replace('SELECT rowid', 'SELECT id, rowid', 1)} WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        ):
            out[row[0]] = tuple(row[1:])
    return out


def _refresh_fts(cur: Any, ids: list[str]) -> None:
    """Re-index the stored state of these complaints (whatever the version guard decided)."""
    if not ids:
        return
    for chunk in _chunks(ids):
        cur.execute(
            "INSERT OR REPLACE INTO complaint_fts (rowid, tracking_id, title, content, location, reporter) "
            f"{_FTS_SELECT} WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        )


def rebuild_fts(cur: Any) -> None:
    """Build the whole FTS index from the complaints table in one statement."""
    cur.execute("INSERT INTO complaint_fts (complaint_fts) VALUES ('delete-all')")
    cur.execute(f"INSERT INTO complaint_fts (rowid, tracking_id, title, content, location, reporter) {_FTS_SELECT}")


def _secondary_indexes() -> list[tuple[str, str]]:
    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex

    from desktop.store.models import Base

    out = []
    for table_name in MIRROR_TABLES.values():
        for index in Base.metadata.tables[table_name].indexes:
            ddl = str(CreateIndex(index, if_not_exists=True).compile(dialect=sqlite.dialect()))
            out.append((str(index.name), ddl))
    return out


SECONDARY_INDEXES = _secondary_indexes()


def begin_bulk_load(cur: Any) -> None:
    """First sync into an empty mirror: drop the mirror's secondary indexes (rebuilt once by finish_bulk_load)."""
    for name, _ddl in SECONDARY_INDEXES:
        cur.execute(f"DROP INDEX IF EXISTS {name}")


def finish_bulk_load(cur: Any) -> None:
    """Recreate the secondary indexes and the FTS index in bulk (idempotent)."""
    for _name, ddl in SECONDARY_INDEXES:
        cur.execute(ddl)
    cur.execute("ANALYZE")
    rebuild_fts(cur)


def ensure_indexes(cur: Any) -> None:
    for _name, ddl in SECONDARY_INDEXES:
        cur.execute(ddl)


def sweep_unseen(cur: Any) -> int:
    """End of a rebuild after 410: delete mirror records the fresh feed did not send again; re-index search."""
    removed = 0
    for typ, table in MIRROR_TABLES.items():
        cur.execute(f"DELETE FROM {table} WHERE id NOT IN (SELECT id FROM rebuild_seen WHERE type = ?)", (typ,))
        removed += max(cur.rowcount, 0)
    cur.execute("DELETE FROM rebuild_seen")
    cur.execute(
        "UPDATE complaints SET category_name = (SELECT name FROM categories WHERE id = complaints.category_id), "
        "assignee_name = (SELECT full_name FROM users WHERE id = complaints.assignee_id)"
    )
    rebuild_fts(cur)
    return removed


def _delete(cur: Any, typ: str, table: str, ids: list[str]) -> None:
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        if typ == "complaint":
            rowids = [r[0] for r in cur.execute(f"SELECT rowid FROM complaints WHERE id IN ({marks})", chunk)]
            if rowids:
                cur.executemany("DELETE FROM complaint_fts WHERE rowid = ?", [(r,) for r in rowids])
            for child in CHILD_TABLES:  # the complaint left the user's sight: so do its records
                cur.execute(f"DELETE FROM {child} WHERE complaint_id IN ({marks})", chunk)
        elif typ == "category":
            cur.execute(f"UPDATE complaints SET category_name = NULL WHERE category_id IN ({marks})", chunk)
        elif typ == "user":
            cur.execute(f"UPDATE complaints SET assignee_name = NULL WHERE assignee_id IN ({marks})", chunk)
        cur.execute(f"DELETE FROM {table} WHERE id IN ({marks})", chunk)


def clear_mirror(cur: Any) -> None:
    """Empty every mirror table and the FTS index (410: rebuild from cursor 0). Local tables are untouched."""
    for table in MIRROR_TABLES.values():
        cur.execute(f"DELETE FROM {table}")
    cur.execute("INSERT INTO complaint_fts (complaint_fts) VALUES ('delete-all')")
