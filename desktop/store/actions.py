"""User actions: each is ONE write transaction = the local change + its outbox op (fresh uuid4 op_id).

A crash before the commit loses the action entirely; after it, the op is queued and will be pushed exactly once
(the hub dedups by op_id). Payloads follow docs/protocol.md. ``base_version`` is the complaint version the user
saw: the mirror version plus the compare-and-set ops of this complaint still queued before this one (each applied
op bumps the complaint by one), so "dispose, then assign" made offline does not conflict with itself.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from desktop.store.engine import Replica, now_iso
from desktop.store.queue import NotFound

CAS_KINDS = ("disposition.create", "complaint.assign", "complaint.claim", "complaint.status")


@dataclass(frozen=True)
class ActionResult:
    op_id: str
    record_id: str | None  # the id of the record made (note_id, disposition_id), if any


def _complaint(conn: Connection, complaint_id: str) -> dict[str, Any]:
    row = conn.execute(
        text("SELECT id, version, unit_id, status FROM complaints WHERE id = :i"), {"i": complaint_id}
    ).mappings().first()
    if row is None:
        raise NotFound(complaint_id)
    return dict(row)


def _base_version(conn: Connection, complaint: dict[str, Any]) -> int:
    params: dict[str, Any] = {"c": complaint["id"]}
    kinds = ", ".join(f"'{k}'" for k in CAS_KINDS)
    queued = conn.execute(
        text(f"SELECT count(*) FROM outbox WHERE complaint_id = :c AND state IN ('queued', 'sent') AND kind IN ({kinds})"),
        params,
    ).scalar_one()
    return int(complaint["version"]) + int(queued)


def _enqueue(
    conn: Connection, kind: str, target: str, complaint_id: str, base_version: int | None, payload: dict[str, Any]
) -> str:
    op_id = str(uuid.uuid4())
    now = now_iso()
    conn.execute(
        text(
            "INSERT INTO outbox (op_id, kind, target, complaint_id, base_version, payload, created_at, state, attempts, "
            "updated_at) VALUES (:op_id, :kind, :target, :cid, :bv, :payload, :now, 'queued', 0, :now)"
        ),
        {
            "op_id": op_id,
            "kind": kind,
            "target": target,
            "cid": complaint_id,
            "bv": base_version,
            "payload": json.dumps(payload, ensure_ascii=False),
            "now": now,
        },
    )
    return op_id


def _local(conn: Connection, record_id: str, typ: str, complaint_id: str, op_id: str, data: dict[str, Any]) -> None:
    conn.execute(
        text(
            "INSERT INTO local_records (id, type, complaint_id, op_id, data, created_at) "
            "VALUES (:id, :type, :cid, :op, :data, :at)"
        ),
        {
            "id": record_id,
            "type": typ,
            "cid": complaint_id,
            "op": op_id,
            "data": json.dumps(data, ensure_ascii=False),
            "at": data.get("created_at") or now_iso(),
        },
    )


def _user(replica: Replica, user: str | None) -> str | None:
    return user if user is not None else replica.user_id


def add_note(replica: Replica, complaint_id: str, text_: str, user: str | None = None) -> ActionResult:
    """An internal note (never shown to the reporter). Appends: never conflicts on version."""
    body = (text_ or "").strip()
    if not body:
        raise ValueError("a note needs text")
    note_id = str(uuid.uuid4())
    with replica.write() as conn:
        complaint = _complaint(conn, complaint_id)
        op_id = _enqueue(conn, "note.add", complaint_id, complaint_id, int(complaint["version"]),
                         {"note_id": note_id, "text": body})  # fmt: skip
        _local(conn, note_id, "note", complaint_id, op_id, {
            "id": note_id, "complaint_id": complaint_id, "text": body, "author_id": _user(replica, user),
            "created_at": now_iso(),
        })  # fmt: skip
    return ActionResult(op_id, note_id)


def create_disposition(
    replica: Replica,
    complaint_id: str,
    *,
    kind: str = "internal",
    instruction: str = "",
    to_unit_id: str | None = None,
    to_user_id: str | None = None,
    due_date: dt.date | str | None = None,
    reason: str | None = None,
    suggested_body: str | None = None,
    user: str | None = None,
) -> ActionResult:
    """Route a complaint: ``internal`` (to a sub-unit and/or a team member) or ``external`` ("bukan wewenang",
    with a reason and a suggested body). Compare-and-set on the complaint's version."""
    if kind not in ("internal", "external"):
        raise ValueError(f"unknown disposition kind {kind!r}")
    if kind == "internal" and not (to_unit_id or to_user_id):
        raise ValueError("an internal disposition needs a sub-unit or a team member")
    if kind == "external" and not (reason or "").strip():
        raise ValueError("'bukan wewenang' needs a reason")
    due = due_date.isoformat() if isinstance(due_date, dt.date) else due_date
    disposition_id = str(uuid.uuid4())
    payload: dict[str, Any] = {"disposition_id": disposition_id, "kind": kind, "instruction": instruction or ""}
    for key, value in (("to_unit_id", to_unit_id), ("to_user_id", to_user_id), ("due_date", due),
                       ("reason", reason), ("suggested_body", suggested_body)):  # fmt: skip
        if value is not None:
            payload[key] = value
    with replica.write() as conn:
        complaint = _complaint(conn, complaint_id)
        base = _base_version(conn, complaint)
        op_id = _enqueue(conn, "disposition.create", complaint_id, complaint_id, base, payload)
        _local(conn, disposition_id, "disposition", complaint_id, op_id, {
            "id": disposition_id, "complaint_id": complaint_id, "kind": kind, "from_unit_id": complaint["unit_id"],
            "to_unit_id": to_unit_id, "to_user_id": to_user_id, "instruction": instruction or "", "due_date": due,
            "reason": reason, "suggested_body": suggested_body, "created_by": _user(replica, user),
            "created_at": now_iso(),
        })  # fmt: skip
    return ActionResult(op_id, disposition_id)


def assign(replica: Replica, complaint_id: str, assignee_id: str, user: str | None = None) -> ActionResult:
    """Assign the complaint to a member of the OPD (admin). Compare-and-set on the complaint's version."""
    if not assignee_id:
        raise ValueError("assign needs an assignee")
    with replica.write() as conn:
        complaint = _complaint(conn, complaint_id)
        base = _base_version(conn, complaint)
        op_id = _enqueue(conn, "complaint.assign", complaint_id, complaint_id, base, {"assignee_id": assignee_id})
    return ActionResult(op_id, None)
