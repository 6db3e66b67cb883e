"""Records → the `data` objects of docs/protocol.md. Accepts ORM objects or Core rows (same attribute names)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any


def iso(value: dt.datetime | None) -> str | None:
    """UTC as 2026-01-02T03:04:05.000000Z. SQLite hands back naive values (the hub only ever stores UTC), PostgreSQL
    aware ones; the feed formats several per record, so the naive path is a single call."""
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat(timespec="microseconds") + "Z"


def day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def unit(r: Any) -> dict[str, Any]:
    return {"id": r.id, "parent_id": r.parent_id, "kind": r.kind, "code": r.code, "name": r.name,
            "timezone": r.timezone}


def user(r: Any) -> dict[str, Any]:
    return {"id": r.id, "username": r.username, "full_name": r.full_name, "role": r.role, "unit_id": r.unit_id}


def category(r: Any) -> dict[str, Any]:
    return {"id": r.id, "parent_id": r.parent_id, "name": r.name}


def holiday(r: Any) -> dict[str, Any]:
    return {"id": r.id, "date": day(r.date), "name": r.name, "kind": r.kind, "active": r.active}


def sla(r: Any) -> dict[str, Any]:
    return {"id": r.id, "limits": r.limits, "reply_window_working_days": r.reply_window_working_days}


def complaint(r: Any) -> dict[str, Any]:
    # The identity of an anonymous reporter never leaves the hub, whoever asks.
    reporter = None if r.anonymous or r.reporter_name is None else {"name": r.reporter_name,
                                                                    "contact": r.reporter_contact}
    return {"id": r.id, "tracking_id": r.tracking_id, "title": r.title, "content": r.content, "kind": r.kind,
            "channel": r.channel, "status": r.status, "unit_id": r.unit_id, "subunit_id": r.subunit_id,
            "assignee_id": r.assignee_id, "category_id": r.category_id, "tags": list(r.tags or []),
            "incident_date": day(r.incident_date), "submitted_at": iso(r.submitted_at),
            "arrived_at": iso(r.arrived_at), "location": r.location, "anonymous": r.anonymous,
            "secret": r.secret, "reporter": reporter, "updated_at": iso(r.updated_at)}


def disposition(r: Any) -> dict[str, Any]:
    return {"id": r.id, "complaint_id": r.complaint_id, "kind": r.kind, "from_unit_id": r.from_unit_id,
            "to_unit_id": r.to_unit_id, "to_user_id": r.to_user_id, "instruction": r.instruction,
            "due_date": day(r.due_date), "reason": r.reason, "suggested_body": r.suggested_body,
            "created_by": r.created_by, "created_at": iso(r.created_at)}


def followup(r: Any) -> dict[str, Any]:
    return {"id": r.id, "complaint_id": r.complaint_id, "text": r.text, "state": r.state,
            "author_id": r.author_id, "writer_ids": list(r.writer_ids), "content_hash": r.content_hash,
            "approved_by": r.approved_by,
            "approved_at": iso(r.approved_at), "return_reason": r.return_reason,
            "created_at": iso(r.created_at), "updated_at": iso(r.updated_at)}


def note(r: Any) -> dict[str, Any]:
    return {"id": r.id, "complaint_id": r.complaint_id, "text": r.text, "author_id": r.author_id,
            "created_at": iso(r.created_at)}


def reply(r: Any) -> dict[str, Any]:
    return {"id": r.id, "complaint_id": r.complaint_id, "text": r.text, "created_at": iso(r.created_at)}


def attachment(r: Any) -> dict[str, Any]:
    return {"id": r.id, "complaint_id": r.complaint_id, "owner_type": r.owner_type, "owner_id": r.owner_id,
            "filename": r.filename, "mime": r.mime, "size": r.size, "sha256": r.sha256,
            "created_at": iso(r.created_at)}


def event(r: Any) -> dict[str, Any]:
    return {"id": r.id, "complaint_id": r.complaint_id, "kind": r.kind, "actor_id": r.actor_id,
            "device_id": r.device_id, "op_id": r.op_id, "at": iso(r.at), "data": r.data or {}}


SERIALIZERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "unit": unit, "user": user, "category": category, "holiday": holiday, "sla": sla,
    "complaint": complaint, "disposition": disposition, "followup": followup, "note": note,
    "reply": reply, "attachment": attachment, "event": event,
}
