"""Conflicts: what the hub answered ``conflict`` (or a complaint that left the OPD while this desk worked on it),
kept with both sides until the user decides, and as history afterwards.

- :func:`handle_result` is the push acknowledgement of ONE op (called by the sync engine inside the transaction
  that also updates the mirror): outbox state, the hub's ``current`` mirrored by its ``current_type`` (never a
  departure), a conflict record with mine / theirs (and for a follow-up text the three texts), a rejected op kept
  visible with its reason, an accepted op's local record moved into the mirror.
- :func:`ready_ops`: which pending ops may go now. Ops behind an open conflict on the same chain (compare-and-set
  ops of one complaint; the ops of one follow-up) wait; an ``attachment.add`` waits for its blob; the rest go on.
- :func:`resolve`: keep mine (the same intent again as a new op, rebased on the hub's version), take theirs (my
  change is dropped, by the user's choice; the record stays in the conflict's history) or merge (a follow-up edit
  with the merged text). ONE transaction; the ops that waited behind it are rebased and go on.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from desktop.domain.ops import (
    ATTENTION,
    CAS_KINDS,
    FOLLOWUP_KINDS,
    PENDING,
    OpKind,
    OpState,
    Resolution,
    settled_state,
)
from desktop.domain.text import clean_text
from desktop.store import outbox
from desktop.store.actions import ActionResult
from desktop.store.engine import Replica, now_iso
from desktop.store.errors import ActionRefused, Refusal
from desktop.store.mirror import apply_changes
from desktop.store.sql import code, codes, loads

# The user's choice as the desk's views spell it, or as stored.
CHOICES = {"keep_mine": Resolution.MINE, "take_theirs": Resolution.THEIRS, **{r.value: r for r in Resolution}}
# An accepted op whose record this desk made: (mirror type, table).
LOCAL_TYPES = {
    OpKind.NOTE_ADD: ("note", "notes"),
    OpKind.DISPOSITION_CREATE: ("disposition", "dispositions"),
    OpKind.FOLLOWUP_CREATE: ("followup", "followups"),
    OpKind.ATTACHMENT_ADD: ("attachment", "attachments"),
}
_CONFLICT = code(OpState.CONFLICT)
_FOLLOWERS = codes(sorted(PENDING))  # the ops of a chain that may still be rebased


@dataclass(frozen=True)
class ConflictRecord:
    id: str
    op_id: str | None
    complaint_id: str | None
    kind: str
    record_type: str  # complaint | followup | departure
    target: str | None
    reason: str | None
    mine: Mapping[str, Any]  # what this desk sent (the op's payload)
    theirs: Mapping[str, Any]  # the hub's current state (departure: where the complaint went)
    theirs_version: int | None
    base_text: str | None
    mine_text: str | None
    theirs_text: str | None
    state: str  # open | resolved
    resolution: str | None  # mine | theirs | merge
    resolved_op_id: str | None
    created_at: str
    resolved_at: str | None
    mine_record: Mapping[str, Any] | None = None  # the local record made with the op (note, disposition ...)
    mine_op: Mapping[str, Any] = field(default_factory=dict)  # kind, target, base_version, payload


def _sha(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def chain_key(kind: str, target: str | None, complaint_id: str | None) -> tuple[str, str] | None:
    """Ops of one chain build on each other's versions: the compare-and-set ops of a complaint; the ops of one
    follow-up. Appends (notes, drafts, attachments) are in no chain."""
    if kind in CAS_KINDS:
        return ("complaint", complaint_id or target or "")
    if kind in FOLLOWUP_KINDS:
        return ("followup", target or "")
    return None


# ---------------------------------------------------------------- engine side
def ready_ops(conn: Connection, ops: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pending ops that may be pushed now, in order: not behind an open conflict on their chain, and (for
    ``attachment.add``) with their blob complete on the hub."""
    blocked: dict[tuple[str, str], int] = {}
    for row in conn.execute(
        text(f"SELECT seq, kind, target, complaint_id FROM outbox WHERE state = {_CONFLICT}")
    ).mappings():
        key = chain_key(row["kind"], row["target"], row["complaint_id"])
        if key is not None:
            blocked[key] = min(blocked.get(key, row["seq"]), row["seq"])
    done_blobs = {r[0] for r in conn.execute(text("SELECT sha256 FROM blobs WHERE upload_state = 'done'"))}
    out = []
    for op in ops:
        key = chain_key(op["kind"], op["target"], op.get("complaint_id"))
        if key is not None and key in blocked and op["seq"] > blocked[key]:
            continue
        if op.get("blob_sha256") and op["blob_sha256"] not in done_blobs:
            continue
        out.append(op)
    return out


def _local_record(cur: Any, op_id: str) -> tuple[str, str, dict[str, Any]] | None:
    row = cur.execute("SELECT id, type, data FROM local_records WHERE op_id = ?", (op_id,)).fetchone()
    if row is None:
        return None
    return row[0], row[1], dict(loads(row[2]) or {})


def _local_into_mirror(cur: Any, op: Mapping[str, Any]) -> list[dict[str, Any]]:
    """An accepted op's record enters the mirror unless the hub's copy is already there (a later pull brings the
    hub's exact state: version-guarded upserts overwrite ours)."""
    kind = LOCAL_TYPES.get(op["kind"])
    if kind is None:
        return []
    typ, table = kind
    found = _local_record(cur, op["op_id"])
    if found is None:
        return []
    rid, _typ, data = found
    if cur.execute(f"SELECT 1 FROM {table} WHERE id = ?", (rid,)).fetchone():
        cur.execute("DELETE FROM local_records WHERE id = ?", (rid,))
        return []
    return [{"type": typ, "id": rid, "version": 1, "deleted": False, "data": data}]


def handle_result(cur: Any, op: Mapping[str, Any], res: Mapping[str, Any],
                  deferred: list[dict[str, Any]] | None = None) -> OpState:  # fmt: skip
    """Apply the hub's answer to one pushed op (inside the engine's acknowledgement transaction, on its DBAPI
    cursor). Returns the op's new state: accepted | conflict | rejected | queued (sent again later).

    With ``deferred``, an accepted op's mirror changes are appended there for the caller to apply once for the
    whole batch (one upsert and one search-index refresh instead of one per op; the upserts are version-guarded,
    so the order does not matter). Before anything else is handled the deferred changes are applied, so conflict
    and rebase logic always reads an up-to-date mirror."""
    status = str(res.get("status"))
    reason = res.get("reason")
    current = res.get("current")
    ctype = res.get("current_type") or ("complaint" if current else None)
    now = now_iso()
    state = settled_state(status)
    if state == OpState.REJECTED and reason == "blob_missing" and op.get("blob_sha256"):
        # The hub lost (or never finished) the file: upload it again, then this op goes again.
        cur.execute(
            "UPDATE blobs SET upload_state = 'pending', upload_offset = 0, updated_at = ? WHERE sha256 = ?",
            (now, op["blob_sha256"]),
        )
        state = OpState.QUEUED
    outbox.settle(cur, op["seq"], state, reason, res)
    changes: list[dict[str, Any]] = []
    version = res.get("version")
    if isinstance(current, dict) and current.get("id") and version and ctype in ("complaint", "followup"):
        changes.append({"type": ctype, "id": current["id"], "version": int(version), "deleted": False,
                        "data": current})  # fmt: skip
    if state == OpState.ACCEPTED:
        changes = _local_into_mirror(cur, op) + changes
        if deferred is not None:
            deferred.extend(changes)
            return state
    elif deferred:
        apply_changes(cur, deferred)
        deferred.clear()
    if state == OpState.CONFLICT and _behind_open_conflict(cur, op):
        # Sent in the same batch as an earlier op of its chain that conflicted: it was built on that op's
        # outcome, so it waits behind that conflict (and is rebased when it is settled) instead of becoming a
        # second conflict for the same piece of work. The hub stored nothing for it.
        outbox.requeue(cur, op["seq"])
        state = OpState.QUEUED
    elif state == OpState.CONFLICT or (state == OpState.REJECTED and ctype == "departure"):
        _record_conflict(cur, op, res, "departure" if ctype == "departure" else str(ctype or "complaint"))
    elif state == OpState.REJECTED:
        _rebase_chain(cur, op, drop=True)
    if changes:
        apply_changes(cur, changes)
    return state


def _behind_open_conflict(cur: Any, op: Mapping[str, Any]) -> bool:
    key = chain_key(op["kind"], op["target"], op.get("complaint_id"))
    if key is None:
        return False
    rows = cur.execute(
        f"SELECT kind, target, complaint_id FROM outbox WHERE state = {_CONFLICT} AND seq < ?", (op["seq"],)
    ).fetchall()
    return any(chain_key(kind, target, cid) == key for kind, target, cid in rows)


def _record_conflict(cur: Any, op: Mapping[str, Any], res: Mapping[str, Any], record_type: str) -> None:
    if cur.execute("SELECT 1 FROM conflicts WHERE op_id = ? AND state = 'open'", (op["op_id"],)).fetchone():
        return  # the same answer again (a retried acknowledgement): one record
    payload = dict(loads(op["payload"]) or {})
    local = _local_record(cur, op["op_id"])
    current = res.get("current") if isinstance(res.get("current"), dict) else None
    base_text = mine_text = theirs_text = None
    if op["kind"] == OpKind.FOLLOWUP_EDIT and record_type == "followup":
        mine_text = str(payload.get("text") or "")
        theirs_text = str((current or {}).get("text") or "")
        base_text = payload.get("base_text")
        if base_text is None:  # an op made before base_text rode along: the mirror's text if it is that base
            row = cur.execute("SELECT text, content_hash FROM followups WHERE id = ?", (op["target"],)).fetchone()
            base_text = row[0] if row and row[1] == payload.get("base_text_hash") else ""
    mine = {"op": {"kind": op["kind"], "target": op["target"], "base_version": op["base_version"],
                   "payload": payload}, "record": local[2] if local else None}  # fmt: skip
    cur.execute(
        "INSERT INTO conflicts (id, op_id, complaint_id, kind, record_type, target, reason, mine, theirs, "
        "theirs_version, base_text, mine_text, theirs_text, state, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)",
        (str(uuid.uuid4()), op["op_id"], op.get("complaint_id"), op["kind"], record_type, op["target"],
         res.get("reason"), json.dumps(mine, ensure_ascii=False),
         json.dumps(current, ensure_ascii=False) if current is not None else None,
         res.get("version"), base_text, mine_text, theirs_text, now_iso()),
    )  # fmt: skip


def _rebase_chain(cur: Any, op: Mapping[str, Any], *, drop: bool, start: int | None = None,
                  text_before: str | None = None) -> None:  # fmt: skip
    """Recompute base versions of the queued ops after ``op`` on its chain. ``drop``: ``op`` took no effect (each
    follower's base goes down by one); else they follow on from ``start`` (the version after ``op``)."""
    key = chain_key(op["kind"], op["target"], op.get("complaint_id"))
    if key is None:
        return
    rows = cur.execute(
        "SELECT seq, kind, target, complaint_id, base_version, payload FROM outbox "
        f"WHERE seq > ? AND state IN {_FOLLOWERS} ORDER BY seq",
        (op["seq"],),
    ).fetchall()
    followers = [r for r in rows if chain_key(r[1], r[2], r[3]) == key]
    for i, (seq, kind, _target, _cid, base, payload) in enumerate(followers):
        new_base = (int(base) - 1 if base is not None else None) if drop or start is None else start + i
        data = dict(loads(payload) or {})
        if kind == OpKind.FOLLOWUP_EDIT and text_before is not None:
            data["base_text"], data["base_text_hash"] = text_before, _sha(text_before)
            text_before = str(data.get("text") or "")
        outbox.rebase(cur, seq, new_base, data)


# ---------------------------------------------------------------- the user's side
def _record(row: Any) -> ConflictRecord:
    mine_all = dict(loads(row["mine"]) or {})
    op = dict(mine_all.get("op") or {})
    return ConflictRecord(
        id=row["id"], op_id=row["op_id"], complaint_id=row["complaint_id"], kind=row["kind"],
        record_type=row["record_type"], target=row["target"], reason=row["reason"],
        mine=dict(op.get("payload") or {}), theirs=dict(loads(row["theirs"]) or {}),
        theirs_version=row["theirs_version"], base_text=row["base_text"], mine_text=row["mine_text"],
        theirs_text=row["theirs_text"], state=row["state"], resolution=row["resolution"],
        resolved_op_id=row["resolved_op_id"], created_at=row["created_at"], resolved_at=row["resolved_at"],
        mine_record=mine_all.get("record"), mine_op=op,
    )  # fmt: skip


def list_conflicts(replica: Replica, *, include_resolved: bool = False) -> list[ConflictRecord]:
    """Open conflicts, oldest first (with ``include_resolved``: the history too)."""
    where = "" if include_resolved else "WHERE state = 'open'"
    with replica.read() as conn:
        rows = conn.execute(text(f"SELECT * FROM conflicts {where} ORDER BY created_at, rowid")).mappings().all()
    return [_record(r) for r in rows]


def get_conflict(replica: Replica, id: str, *, include_resolved: bool = False) -> ConflictRecord | None:  # noqa: A002
    """One conflict (None when unknown, or resolved unless ``include_resolved``)."""
    with replica.read() as conn:
        row = conn.execute(text("SELECT * FROM conflicts WHERE id = :i"), {"i": id}).mappings().first()
    if row is None or (row["state"] != "open" and not include_resolved):
        return None
    return _record(row)


class ConflictNotFound(LookupError):
    pass


def resolve(replica: Replica, id: str, choice: str, merged_text: str | None = None) -> ActionResult:  # noqa: A002
    """Settle a conflict in ONE transaction. ``choice``: ``keep_mine`` (or ``mine``), ``take_theirs`` (or
    ``theirs``), ``merge`` (follow-up texts; ``merged_text`` required). Returns the op that carries the choice
    (op_id None for take theirs)."""
    how = CHOICES.get(choice)
    if how is None:
        raise ValueError(f"unknown resolution {choice!r}")  # a caller's bug
    if merged_text is not None:
        merged_text = clean_text(merged_text)
    if how == Resolution.MERGE and not (merged_text or "").strip():
        raise ActionRefused(Refusal.MERGE_NEEDS_TEXT)
    with replica.write() as conn:
        row = conn.execute(text("SELECT * FROM conflicts WHERE id = :i"), {"i": id}).mappings().first()
        if row is None or row["state"] != "open":
            raise ConflictNotFound(id)
        conflict = _record(row)
        cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        op_row = cur.execute(
            "SELECT seq, op_id, kind, target, complaint_id, base_version, payload, state FROM outbox "
            "WHERE op_id = ?",
            (conflict.op_id,),
        ).fetchone()
        op = None
        if op_row is not None:
            op = dict(zip(("seq", "op_id", "kind", "target", "complaint_id", "base_version", "payload", "state"),
                          op_row, strict=True))  # fmt: skip
        if conflict.record_type == "departure" and how != Resolution.THEIRS:
            raise ActionRefused(Refusal.LEFT_THE_OPD)
        if how == Resolution.MERGE and conflict.kind != OpKind.FOLLOWUP_EDIT:
            raise ValueError("only follow-up texts are merged")  # a caller's bug: the dialog merges texts only
        if how == Resolution.MINE and conflict.kind == OpKind.FOLLOWUP_APPROVE:
            raise ActionRefused(Refusal.FOLLOWUP_CHANGED)
        theirs_version = conflict.theirs_version
        theirs_text = conflict.theirs_text if conflict.theirs_text is not None else conflict.theirs.get("text")
        new_op_id: str | None = None
        if op is None or op["state"] not in ATTENTION:
            pass  # the op is gone (resolved elsewhere): only the record is closed
        elif how == Resolution.THEIRS:
            cur.execute("DELETE FROM local_records WHERE op_id = ?", (op["op_id"],))
            outbox.drop(cur, op["seq"])
            if conflict.record_type != "departure":
                _rebase_chain(cur, op, drop=False, start=theirs_version,
                              text_before=str(theirs_text) if theirs_text is not None else None)  # fmt: skip
        else:
            payload = dict(loads(op["payload"]) or {})
            text_after: str | None = None
            if conflict.kind == OpKind.FOLLOWUP_EDIT:
                base = str(theirs_text or "")
                if how == Resolution.MERGE:
                    payload["text"] = merged_text
                payload["base_text"] = base
                payload["base_text_hash"] = conflict.theirs.get("content_hash") or _sha(base)
                text_after = str(payload.get("text") or "")
            local = cur.execute("SELECT id FROM local_records WHERE op_id = ?", (op["op_id"],)).fetchall()
            cur.execute("UPDATE local_records SET op_id = NULL WHERE op_id = ?", (op["op_id"],))
            # Same place in the queue (the ops that waited behind it stay behind it), new op_id and base.
            new_op_id = outbox.renew(cur, op["seq"], theirs_version, payload)
            for (rid,) in local:
                cur.execute("UPDATE local_records SET op_id = ? WHERE id = ?", (new_op_id, rid))
            if theirs_version is not None:
                _rebase_chain(cur, op, drop=False, start=int(theirs_version) + 1, text_before=text_after)
        cur.execute(
            "UPDATE conflicts SET state = 'resolved', resolution = ?, resolved_op_id = ?, resolved_at = ? "
            "WHERE id = ?",
            (str(how), new_op_id, now_iso(), id),
        )
    return ActionResult(new_op_id or "", conflict.target)
