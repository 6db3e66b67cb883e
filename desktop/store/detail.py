"""One complaint in full for the detail pane: its record, its history (notes, dispositions, follow-ups, replies,
attachments, events) and this device's unsent work overlaid.

A record made offline (a note, a disposition, a follow-up draft, an attachment) is in ``local_records`` until the
hub's copy reaches the mirror: it shows among the hub's with ``pending=True`` and its op's state. Queued ops on a
follow-up (edit, submit, approve, return) show their effect at once, see :func:`_followup_overlay`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, text

from desktop.domain.ops import FOLLOWUP_KINDS, OpKind, OpState
from desktop.store.actions import apply_followup_op
from desktop.store.engine import Replica
from desktop.store.errors import NotFound
from desktop.store.lookups import user_names
from desktop.store.queues import (
    ATTENTION_STATES,
    PENDING_STATES,
    UNACCEPTED_STATES,
    OutboxEntry,
    ops_for,
    overlay,
)
from desktop.store.sql import json_each, loads


@dataclass(frozen=True)
class Location:
    province: str | None
    regency: str | None
    kecamatan: str | None
    desa: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Reporter:
    name: str | None
    contact: str | None


@dataclass(frozen=True)
class TimelineEntry:
    """One item of a complaint's history: note, disposition, followup, reply, attachment or event."""

    type: str
    id: str
    at: str
    author_id: str | None
    author_name: str | None
    text: str
    data: Mapping[str, Any]
    pending: bool = False  # made on this device, not yet acknowledged by the hub
    op_state: str | None = None  # queued | sent | accepted | rejected | conflict (local entries only)
    reason: str | None = None  # the hub's reason code for rejected/conflict
    version: int | None = None


@dataclass(frozen=True)
class ComplaintDetail:
    id: str
    version: int
    tracking_id: int
    title: str
    content: str
    kind: str
    channel: str
    status: str
    unit_id: str | None
    unit_name: str | None
    subunit_id: str | None
    subunit_name: str | None
    assignee_id: str | None
    assignee_name: str | None
    category_id: str | None
    category_name: str | None
    category_path: tuple[str, ...]
    tags: tuple[str, ...]
    incident_date: str | None
    submitted_at: str | None
    arrived_at: str
    updated_at: str | None
    location: Location
    anonymous: bool
    secret: bool
    reporter: Reporter | None  # None when anonymous (the hub never sends the identity) or not given
    pending: bool
    conflict: bool
    notes: tuple[TimelineEntry, ...] = ()
    dispositions: tuple[TimelineEntry, ...] = ()
    followups: tuple[TimelineEntry, ...] = ()
    replies: tuple[TimelineEntry, ...] = ()
    attachments: tuple[TimelineEntry, ...] = ()
    events: tuple[TimelineEntry, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()  # all of the above but events, oldest first
    ops: tuple[OutboxEntry, ...] = ()  # this complaint's ops not yet accepted


@dataclass(frozen=True)
class _Kind:
    """How the mirror's rows of one table become timeline entries."""

    type: str
    table: str
    author_key: str | None
    text_key: str
    at_key: str = "created_at"


# In the order of ComplaintDetail's fields (and of its timeline before sorting).
_KINDS = (
    _Kind("note", "notes", "author_id", "text"),
    _Kind("disposition", "dispositions", "created_by", "instruction"),
    _Kind("followup", "followups", "author_id", "text"),
    _Kind("reply", "replies", None, "text"),
    _Kind("attachment", "attachments", None, "filename"),
    _Kind("event", "events", "actor_id", "kind", at_key="at"),
)
# Whose names the pane shows, per table (authors, approvers, the addressee of a disposition, the actor of an event).
_PEOPLE = {
    "notes": ("author_id",),
    "dispositions": ("created_by", "to_user_id"),
    "followups": ("author_id", "approved_by"),
    "events": ("actor_id",),
}
# The local records that stand for a mirror record until the hub's copy arrives (the others show as notes).
_LOCAL_TYPES = ("note", "disposition", "followup", "attachment")


def detail(replica: Replica, complaint_id: str) -> ComplaintDetail:
    """Everything about one complaint, with this device's unsent work overlaid. Raises NotFound."""
    with replica.read() as conn:
        c = (
            conn.execute(text("SELECT * FROM complaints WHERE id = :id"), {"id": complaint_id})
            .mappings()
            .first()
        )
        if c is None:
            raise NotFound(complaint_id)
        found = {kind.table: _children(conn, kind.table, complaint_id) for kind in _KINDS}
        local = _local_records(conn, complaint_id)
        ops = ops_for(conn, [complaint_id], UNACCEPTED_STATES)
        returned = _returned_texts(ops_for(conn, [complaint_id], (OpState.ACCEPTED,)))
        status, assignee_id, changed = overlay(c["status"], c["assignee_id"], ops, replica.user_id)
        names = user_names(conn, [c["assignee_id"], assignee_id, *_people(found, local)])
        units = _unit_names(conn, [c["unit_id"], c["subunit_id"]])
        path = _category_path(conn, c["category_id"])

    entries = _entries(found, local, names)
    entries["followup"] = _followup_overlay(entries["followup"], ops, replica.user_id, returned)
    history = {kind: _by_time(items) for kind, items in entries.items()}
    reporter = None
    if not c["anonymous"] and (c["reporter_name"] or c["reporter_contact"]):
        reporter = Reporter(name=c["reporter_name"], contact=c["reporter_contact"])
    return ComplaintDetail(
        id=c["id"],
        version=c["version"],
        tracking_id=c["tracking_id"],
        title=c["title"],
        content=c["content"],
        kind=c["kind"],
        channel=c["channel"],
        status=status,
        unit_id=c["unit_id"],
        unit_name=units.get(c["unit_id"] or ""),
        subunit_id=c["subunit_id"],
        subunit_name=units.get(c["subunit_id"] or ""),
        assignee_id=assignee_id,
        assignee_name=names.get(assignee_id or "") if changed else c["assignee_name"],
        category_id=c["category_id"],
        category_name=c["category_name"],
        category_path=path,
        tags=tuple(loads(c["tags"]) or ()),
        incident_date=c["incident_date"],
        submitted_at=c["submitted_at"],
        arrived_at=c["arrived_at"],
        updated_at=c["updated_at"],
        location=Location(c["province"], c["regency"], c["kecamatan"], c["desa"], c["lat"], c["lon"]),
        anonymous=bool(c["anonymous"]),
        secret=bool(c["secret"]),
        reporter=reporter,
        pending=any(o.state in PENDING_STATES for o in ops),
        conflict=any(o.state in ATTENTION_STATES for o in ops),
        notes=history["note"],
        dispositions=history["disposition"],
        followups=history["followup"],
        replies=history["reply"],
        attachments=history["attachment"],
        events=history["event"],
        timeline=_by_time([e for kind in _KINDS if kind.type != "event" for e in entries[kind.type]]),
        ops=tuple(ops),
    )


# ---------------------------------------------------------------- reading
def _children(conn: Connection, table: str, complaint_id: str) -> list[dict[str, Any]]:
    """The mirror's rows of ``table`` (one of _KINDS') about the complaint."""
    rs = conn.execute(text(f"SELECT * FROM {table} WHERE complaint_id = :id"), {"id": complaint_id})
    return [dict(r) for r in rs.mappings()]


def _local_records(conn: Connection, complaint_id: str) -> list[dict[str, Any]]:
    """This device's records about the complaint, oldest first, with their op's state; ``data`` parsed."""
    rs = conn.execute(
        text(
            "SELECT l.*, o.state AS op_state, o.reason AS op_reason FROM local_records l "
            "LEFT JOIN outbox o ON o.op_id = l.op_id WHERE l.complaint_id = :id ORDER BY l.created_at"
        ),
        {"id": complaint_id},
    )
    return [{**r, "data": loads(r["data"]) or {}} for r in rs.mappings()]


def _people(found: Mapping[str, list[dict[str, Any]]], local: list[dict[str, Any]]) -> list[str | None]:
    """The users the history names, whose names the pane shows."""
    ids: list[str | None] = [
        row[key] for table, keys in _PEOPLE.items() for row in found[table] for key in keys
    ]
    for record in local:
        ids += [record["data"].get(key) for key in ("author_id", "created_by", "to_user_id")]
    return ids


def _unit_names(conn: Connection, unit_ids: Sequence[str | None]) -> dict[str, str]:
    wanted = [u for u in unit_ids if u]
    if not wanted:
        return {}
    params: dict[str, Any] = {}
    rs = conn.execute(
        text(f"SELECT id, name FROM units WHERE id IN {json_each('u', wanted, params)}"), params
    )
    return {r[0]: r[1] for r in rs}


def _category_path(conn: Connection, category_id: str | None) -> tuple[str, ...]:
    """The names from the root category down to ``category_id`` (at most 10, a loop in the tree stops it)."""
    path: list[str] = []
    seen: set[str] = set()
    while category_id and category_id not in seen and len(path) < 10:
        seen.add(category_id)
        cat = conn.execute(
            text("SELECT name, parent_id FROM categories WHERE id = :i"), {"i": category_id}
        ).first()
        if cat is None:
            break
        path.insert(0, cat[0])
        category_id = cat[1]
    return tuple(path)


# ---------------------------------------------------------------- the timeline
def _entries(
    found: Mapping[str, list[dict[str, Any]]], local: list[dict[str, Any]], names: Mapping[str, str]
) -> dict[str, list[TimelineEntry]]:
    """The entries of each type: the mirror's, then this device's records the mirror does not hold yet."""
    entries = {kind.type: [_entry(kind, row, names) for row in found[kind.table]] for kind in _KINDS}
    in_mirror = {row["id"] for kind in _KINDS if kind.type in _LOCAL_TYPES for row in found[kind.table]}
    for record in local:
        if record["id"] not in in_mirror:
            kind = record["type"] if record["type"] in _LOCAL_TYPES else "note"
            entries[kind].append(_local_entry(record, names))
    return entries


def _entry(kind: _Kind, r: Mapping[str, Any], names: Mapping[str, str]) -> TimelineEntry:
    author = r.get(kind.author_key) if kind.author_key else None
    data = {k: loads(v) if k in ("data", "tags", "writer_ids") else v for k, v in r.items()}
    return TimelineEntry(
        type=kind.type,
        id=r["id"],
        at=r.get(kind.at_key) or "",
        author_id=author,
        author_name=names.get(author or ""),
        text=r.get(kind.text_key) or "",
        data=data,
        version=r.get("version"),
    )


def _local_entry(record: Mapping[str, Any], names: Mapping[str, str]) -> TimelineEntry:
    """A record made on this device, as its mirror record will look, with its op's state."""
    typ = record["type"]
    data = dict(record["data"])
    data.setdefault("id", record["id"])
    data.setdefault("created_at", record["created_at"])
    author_key = "created_by" if typ == "disposition" else "author_id"
    text_key = {"disposition": "instruction", "attachment": "filename"}.get(typ, "text")
    return TimelineEntry(
        type=typ,
        id=record["id"],
        at=data.get("created_at") or record["created_at"],
        author_id=data.get(author_key),
        author_name=names.get(data.get(author_key) or ""),
        text=data.get(text_key) or "",
        data=data,
        pending=record["op_state"] != OpState.ACCEPTED,
        op_state=record["op_state"],
        reason=record["op_reason"],
        version=None,
    )


def _by_time(items: list[TimelineEntry]) -> tuple[TimelineEntry, ...]:
    return tuple(sorted(items, key=lambda e: (e.at, e.id)))


def _returned_texts(accepted: Sequence[OutboxEntry]) -> dict[str, str]:
    """The text each follow-up had when this desk returned it, by follow-up id (the latest return wins). The hub
    keeps no earlier texts of a follow-up; its answer to an accepted return is the follow-up just after it, which
    the outbox keeps with the op."""
    texts: dict[str, str] = {}
    for op in accepted:
        current = op.result.get("current") if op.kind == OpKind.FOLLOWUP_RETURN and op.result else None
        if (
            isinstance(current, Mapping)
            and current.get("id") == op.target
            and isinstance(current.get("text"), str)
        ):
            texts[op.target] = current["text"]
    return texts


def _followup_overlay(
    entries: list[TimelineEntry],
    ops: Sequence[OutboxEntry],
    actor: str | None,
    returned: Mapping[str, str] | None = None,
) -> list[TimelineEntry]:
    """Follow-ups with this desk's ops on them applied (edit, submit, approve, return): a queued edit shows its
    text (and ``actor``, who made it, among the writers) at once; an op the hub answered conflict/rejected marks
    the follow-up with its state and reason. ``returned``: the text of follow-ups when this desk returned them
    (``_returned_texts``), kept in their data as ``returned_text`` with that of a queued return, so the editor
    can show what changed since."""
    returned = returned or {}
    by_target: dict[str, list[OutboxEntry]] = {}
    for op in ops:
        if op.kind in FOLLOWUP_KINDS:
            by_target.setdefault(op.target, []).append(op)
    if not by_target and not returned:
        return entries
    out: list[TimelineEntry] = []
    for entry in entries:
        mine = by_target.get(entry.id)
        if entry.id in returned:
            entry = replace(entry, data={**entry.data, "returned_text": returned[entry.id]})
        if not mine:
            out.append(entry)
            continue
        data = dict(entry.data)
        version = entry.version
        op_state, reason = entry.op_state, entry.reason
        pending = entry.pending
        for op in mine:
            if op.state in PENDING_STATES:
                if op.kind == OpKind.FOLLOWUP_RETURN:
                    data["returned_text"] = str(data.get("text") or "")
                apply_followup_op(data, op.kind, dict(op.payload), actor)
                version = (version or 0) + 1 if version is not None else None
                pending = True
                op_state = op_state if op_state in ATTENTION_STATES else op.state
            elif op.state in ATTENTION_STATES:
                op_state, reason = op.state, op.reason
        out.append(replace(entry, data=data, text=str(data.get("text") or ""), pending=pending,
                           op_state=op_state, reason=reason, version=version))  # fmt: skip
    return out
