"""User actions: each is ONE write transaction = the local change + its outbox op (fresh uuid4 op_id).

A crash before the commit loses the action entirely; after it, the op is queued and will be pushed exactly once
(the hub dedups by op_id). What a user can get wrong is refused with ``ActionRefused(Refusal...)``, a code the UI
words in the user's language; a plain ``ValueError`` with English text means a caller's bug (an unknown kind,
status or owner type: nothing a user can type or click). Payloads follow docs/protocol.md. ``base_version`` is the complaint version the user
saw: the mirror version plus the compare-and-set ops of this complaint still queued before this one (each applied
op bumps the complaint by one), so "dispose, then assign" made offline does not conflict with itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from desktop.domain.ops import CAS_KINDS, FOLLOWUP_KINDS, PENDING, OpKind
from desktop.domain.roles import followup_writers, with_writer
from desktop.domain.statuses import NOT_BY_HAND, SUBMITTABLE, VOIDED_BY_EDIT, FollowupState, Status
from desktop.domain.text import clean_line, clean_text
from desktop.store import outbox
from desktop.store.engine import Replica, now_iso
from desktop.store.errors import ActionRefused, NotFound, Refusal
from desktop.store.outbox import cursor_of
from desktop.store.sql import code, codes


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
    queued = conn.execute(
        text(f"SELECT count(*) FROM outbox WHERE complaint_id = :c AND state IN {codes(sorted(PENDING))} "
             f"AND kind IN {codes(sorted(CAS_KINDS))}"),
        params,
    ).scalar_one()
    # A published follow-up moves the complaint to ditindaklanjuti, and that status change is a version of the
    # complaint too (server/ops/followup_approve.py): the first queued approval counts when it will change it.
    approving = complaint.get("status") != Status.DITINDAKLANJUTI and conn.execute(
        text(f"SELECT EXISTS (SELECT 1 FROM outbox WHERE complaint_id = :c AND state IN {codes(sorted(PENDING))} "
             f"AND kind = {code(OpKind.FOLLOWUP_APPROVE)})"),
        params,
    ).scalar_one()  # fmt: skip
    return int(complaint["version"]) + int(queued) + (1 if approving else 0)


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
    body = clean_text(text_ or "").strip()
    if not body:
        raise ActionRefused(Refusal.NOTE_NEEDS_TEXT)
    note_id = str(uuid.uuid4())
    with replica.write() as conn:
        complaint = _complaint(conn, complaint_id)
        op_id = outbox.enqueue(cursor_of(conn), OpKind.NOTE_ADD, complaint_id, complaint_id, int(complaint["version"]),
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
        raise ValueError(f"unknown disposition kind {kind!r}")  # a caller's bug, not the user's
    if kind == "internal" and not (to_unit_id or to_user_id):
        raise ActionRefused(Refusal.DISPOSITION_NEEDS_TARGET)
    # Typed or pasted text holds only what the hub accepts, so the op is never refused for a stray control character.
    instruction = clean_text(instruction or "")
    reason = clean_text(reason) if reason is not None else None
    suggested_body = clean_line(suggested_body).strip() if suggested_body is not None else None
    if kind == "external" and not (reason or "").strip():
        raise ActionRefused(Refusal.EXTERNAL_NEEDS_REASON)
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
        op_id = outbox.enqueue(cursor_of(conn), OpKind.DISPOSITION_CREATE, complaint_id, complaint_id, base, payload)
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
        raise ActionRefused(Refusal.ASSIGN_NEEDS_ASSIGNEE)
    with replica.write() as conn:
        complaint = _complaint(conn, complaint_id)
        base = _base_version(conn, complaint)
        op_id = outbox.enqueue(cursor_of(conn), OpKind.COMPLAINT_ASSIGN, complaint_id, complaint_id, base, {"assignee_id": assignee_id})
    return ActionResult(op_id, None)


# ---------------------------------------------------------------- complaint state (compare-and-set)
def claim(replica: Replica, cid: str, user: str | None = None) -> ActionResult:
    """Take an unassigned complaint of one's own OPD ("Ambil"). Compare-and-set on the complaint's version."""
    with replica.write() as conn:
        complaint = _complaint(conn, cid)
        base = _base_version(conn, complaint)
        op_id = outbox.enqueue(cursor_of(conn), OpKind.COMPLAINT_CLAIM, cid, cid, base, {})
    return ActionResult(op_id, None)


def change_status(replica: Replica, cid: str, status: str, reason: str | None = None) -> ActionResult:
    """Move the complaint along the lifecycle (admin). Compare-and-set; the hub checks the move itself (and
    what it needs: ``desktop.domain.statuses.hand_move_refusal``)."""
    try:
        new = Status(status)
    except ValueError:
        # A caller's bug, not the user's: the UI offers only Status values.
        raise ValueError(f"unknown status {status!r}") from None
    if new in NOT_BY_HAND:
        raise ActionRefused(Refusal.NOT_BY_HAND, status=str(new))
    payload: dict[str, Any] = {"status": str(new)}
    reason = clean_text(reason or "").strip()
    if reason:
        payload["reason"] = reason
    with replica.write() as conn:
        complaint = _complaint(conn, cid)
        base = _base_version(conn, complaint)
        op_id = outbox.enqueue(cursor_of(conn), OpKind.COMPLAINT_STATUS, cid, cid, base, payload)
    return ActionResult(op_id, None)


# ---------------------------------------------------------------- follow-ups


def text_hash(body: str) -> str:
    """A follow-up's ``content_hash``: SHA-256 hex of its UTF-8 text (as the hub computes it)."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def effective_followup(conn: Connection, fid: str, actor: str | None = None) -> dict[str, Any]:
    """The follow-up as this desk will have made it: the mirror's copy (or the local draft not yet on the hub)
    with the queued ops on it applied in order. ``version`` is the version the hub will hold after those ops
    (each applied follow-up op adds one; a new draft starts at 1). ``actor``: this replica's user, who made
    every queued op (their edits make them a writer). Raises NotFound."""
    row = conn.execute(text("SELECT * FROM followups WHERE id = :i"), {"i": fid}).mappings().first()
    if row is not None:
        data = dict(row)
        if isinstance(data.get("writer_ids"), str):
            data["writer_ids"] = json.loads(data["writer_ids"])
    else:
        local = conn.execute(
            text("SELECT data FROM local_records WHERE id = :i AND type = 'followup'"), {"i": fid}
        ).scalar()
        if local is None:
            raise NotFound(fid)
        data = dict(json.loads(local) if isinstance(local, str) else local)
        data["version"] = 1
    ops = conn.execute(
        text(
            f"SELECT kind, payload FROM outbox WHERE target = :f AND kind IN {codes(sorted(FOLLOWUP_KINDS))} "
            f"AND state IN {codes(sorted(PENDING))} ORDER BY seq"
        ),
        {"f": fid},
    ).all()
    for kind, payload in ops:
        apply_followup_op(data, kind, json.loads(payload) if isinstance(payload, str) else (payload or {}), actor)
        data["version"] = int(data.get("version") or 0) + 1
    return data


def apply_followup_op(data: dict[str, Any], kind: str, payload: dict[str, Any], actor: str | None = None) -> None:
    """The local effect of one follow-up op made by ``actor`` on the follow-up's data (the hub's rules,
    docs/protocol.md)."""
    if kind == OpKind.FOLLOWUP_EDIT:
        body = str(payload.get("text") or "")
        data["text"], data["content_hash"] = body, text_hash(body)
        if actor:
            data["writer_ids"] = with_writer(followup_writers(data), actor)
        if data.get("state") in VOIDED_BY_EDIT:
            data["state"] = FollowupState.DRAFT
        data["approved_by"] = data["approved_at"] = None
    elif kind == OpKind.FOLLOWUP_SUBMIT:
        data["state"] = FollowupState.SUBMITTED
    elif kind == OpKind.FOLLOWUP_APPROVE:
        data["state"] = FollowupState.PUBLISHED
    elif kind == OpKind.FOLLOWUP_RETURN:
        data["state"], data["return_reason"] = FollowupState.RETURNED, payload.get("reason")


def create_followup(replica: Replica, cid: str, text_: str, user: str | None = None) -> ActionResult:
    """A new follow-up draft (record_id = the follow-up id). Appends: never conflicts on version."""
    body = clean_text(text_ or "")
    if not body.strip():
        raise ActionRefused(Refusal.FOLLOWUP_NEEDS_TEXT)
    fid = str(uuid.uuid4())
    with replica.write() as conn:
        complaint = _complaint(conn, cid)
        op_id = outbox.enqueue(cursor_of(conn), OpKind.FOLLOWUP_CREATE, cid, cid, int(complaint["version"]),
                         {"followup_id": fid, "text": body})  # fmt: skip
        now = now_iso()
        _local(conn, fid, "followup", cid, op_id, {
            "id": fid, "complaint_id": cid, "text": body, "state": FollowupState.DRAFT, "author_id": _user(replica, user),
            "writer_ids": [_user(replica, user)], "content_hash": text_hash(body), "approved_by": None,
            "approved_at": None, "return_reason": None, "created_at": now, "updated_at": now,
        })  # fmt: skip
    return ActionResult(op_id, fid)


def _followup_op(replica: Replica, fid: str, kind: str, payload_of: Any) -> ActionResult:
    actor = replica.user_id
    with replica.write() as conn:
        fu = effective_followup(conn, fid, actor)
        payload = payload_of(fu)
        op_id = outbox.enqueue(cursor_of(conn), kind, fid, str(fu["complaint_id"]), int(fu["version"]), payload)
    return ActionResult(op_id, fid)


def edit_followup(replica: Replica, fid: str, text_: str) -> ActionResult:
    """New text for a follow-up: a new op per edit, carrying the version and the content hash of the text the
    edit started from (the hub compares three ways with them)."""
    body = clean_text(text_ or "")
    if not body.strip():
        raise ActionRefused(Refusal.FOLLOWUP_NEEDS_TEXT)

    def payload(fu: dict[str, Any]) -> dict[str, Any]:
        if fu.get("state") == FollowupState.PUBLISHED:
            raise ActionRefused(Refusal.FOLLOWUP_STATE, state=FollowupState.PUBLISHED, action="edit")
        base_text = str(fu.get("text") or "")
        # base_text rides along (the hub reads only base_text_hash) so a conflict can show the three texts even
        # after the mirror has moved on.
        return {"text": body, "base_text_hash": fu.get("content_hash") or text_hash(base_text),
                "base_text": base_text}  # fmt: skip

    return _followup_op(replica, fid, OpKind.FOLLOWUP_EDIT, payload)


def submit_followup(replica: Replica, fid: str) -> ActionResult:
    """Send a draft (or a returned follow-up) to the supervisor (admin)."""

    def payload(fu: dict[str, Any]) -> dict[str, Any]:
        if fu.get("state") not in SUBMITTABLE:
            raise ActionRefused(Refusal.FOLLOWUP_STATE, state=str(fu.get("state")), action="submit")
        return {}

    return _followup_op(replica, fid, OpKind.FOLLOWUP_SUBMIT, payload)


def _not_a_writer(replica: Replica, fu: dict[str, Any]) -> None:
    # The hub would answer own_followup; an edit of one's own still in the outbox counts already.
    if replica.user_id and replica.user_id in followup_writers(fu):
        raise ActionRefused(Refusal.FOUR_EYES)


def approve_followup(replica: Replica, fid: str) -> ActionResult:
    """Approve and publish (supervisor): binds to the exact version and content hash the supervisor read."""

    def payload(fu: dict[str, Any]) -> dict[str, Any]:
        if fu.get("state") != FollowupState.SUBMITTED:
            raise ActionRefused(Refusal.FOLLOWUP_STATE, state=str(fu.get("state")), action="approve")
        _not_a_writer(replica, fu)
        return {"content_hash": fu.get("content_hash") or text_hash(str(fu.get("text") or ""))}

    return _followup_op(replica, fid, OpKind.FOLLOWUP_APPROVE, payload)


def return_followup(replica: Replica, fid: str, reason: str) -> ActionResult:
    """Send a submitted follow-up back to its drafter with a reason (supervisor)."""
    why = clean_text(reason or "").strip()
    if not why:
        raise ActionRefused(Refusal.RETURN_NEEDS_REASON)

    def payload(fu: dict[str, Any]) -> dict[str, Any]:
        if fu.get("state") != FollowupState.SUBMITTED:
            raise ActionRefused(Refusal.FOLLOWUP_STATE, state=str(fu.get("state")), action="return")
        _not_a_writer(replica, fu)
        return {"reason": why}

    return _followup_op(replica, fid, OpKind.FOLLOWUP_RETURN, payload)


# ---------------------------------------------------------------- attachments
OWNER_TYPES = ("complaint", "followup", "note")


def add_attachment(
    replica: Replica,
    cid: str,
    path: str | os.PathLike[str],
    *,
    owner_type: str = "complaint",
    owner_id: str | None = None,
    mime: str,
    user: str | None = None,
) -> ActionResult:
    """Attach a file: its bytes go into the encrypted blob store first (fsynced: durable before anything names
    them), then ONE transaction records the blob (to upload), the ``attachment.add`` op (which waits for the
    upload: ``outbox.blob_sha256``) and the local attachment. record_id = the attachment id."""
    from desktop.store import blobs

    # A caller's bugs, not the user's: the UI picks the owner, and the type comes from the attachment policy
    # (desktop.domain.attachments.classify), which refuses a file without one before it gets here.
    if owner_type not in OWNER_TYPES:
        raise ValueError(f"unknown owner type {owner_type!r}")
    if not mime:
        raise ValueError("an attachment needs a type")
    source = Path(path)
    sha, size = blobs.put_file(replica, source)
    owner = cid if owner_type == "complaint" else owner_id
    if not owner:
        raise ValueError("a note or follow-up attachment needs its owner's id")  # a caller's bug
    attachment_id = str(uuid.uuid4())
    filename = clean_line(source.name)
    now = now_iso()
    payload = {"attachment_id": attachment_id, "owner_type": owner_type, "owner_id": owner, "filename": filename,
               "mime": mime, "size": size, "sha256": sha}  # fmt: skip
    with replica.write() as conn:
        complaint = _complaint(conn, cid)
        conn.execute(
            text(
                "INSERT INTO blobs (sha256, size, mime, filename, local_size, upload_state, upload_offset, attempts, "
                "created_at, updated_at) VALUES (:s, :n, :m, :f, :n, 'pending', 0, 0, :t, :t) "
                "ON CONFLICT(sha256) DO UPDATE SET local_size = excluded.local_size, upload_state = CASE "
                "WHEN blobs.upload_state IN ('done', 'pending') THEN blobs.upload_state ELSE 'pending' END, "
                "error = NULL, updated_at = excluded.updated_at"
            ),
            {"s": sha, "n": size, "m": mime, "f": filename, "t": now},
        )
        op_id = outbox.enqueue(cursor_of(conn), OpKind.ATTACHMENT_ADD, cid, cid, int(complaint["version"]), payload,
                               blob_sha256=sha)
        _local(conn, attachment_id, "attachment", cid, op_id, {
            "id": attachment_id, "complaint_id": cid, "owner_type": owner_type, "owner_id": owner,
            "filename": filename, "mime": mime, "size": size, "sha256": sha, "created_at": now,
        })  # fmt: skip
    return ActionResult(op_id, attachment_id)


def read_attachment(replica: Replica, sha256: str) -> bytes:
    """The decrypted bytes of an attachment held by this replica. Raises ``blobs.BlobMissing`` when the file has
    not been downloaded yet (``desktop.sync.attachments.fetch`` brings it), ``blobs.BlobCorrupt``."""
    from desktop.store import blobs

    return blobs.read(replica, sha256)
