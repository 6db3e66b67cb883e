"""Runs ops with exactly-once effect (docs/protocol.md, Ops): a push batch in one transaction when all of it
applies, else each op in its own transaction.

The op_id → result row is written in the same transaction as the effect. A concurrent duplicate loses on the
unique key (or on the effect's own key), rolls back, re-reads the stored result and answers `duplicate`.
Only applied ops are stored: a rejected or conflicting op changed nothing, so evaluating it again is harmless.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from desktop.domain.ops import OpOutcome
from server.auth import Actor
from server.feed import FeedWriter
from server.models import Complaint, Event, OpResult, new_id
from server.ops.base import REGISTRY, OpConflict, OpContext, OpIn, OpNotInUnit, OpRejected
from server.serialize import SERIALIZERS


def request_hash(op: OpIn) -> str:
    canonical = json.dumps({"kind": op.kind, "target": op.target, "payload": op.payload},
                           sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def result(op: OpIn, status: OpOutcome, *, version: int | None = None, reason: str | None = None,
           current: dict[str, Any] | None = None, current_type: str | None = None) -> dict[str, Any]:
    if current is not None and current_type is None:
        current_type = "complaint"
    return {"op_id": op.op_id, "status": str(status), "version": version, "reason": reason,
            "current": current, "current_type": current_type}


def _replay(session: Session, actor: Actor, stored: OpResult, digest: str, op: OpIn) -> dict[str, Any]:
    """A retry's answer: the stored result, but only to the user who sent the op, and only what they may see NOW.

    Another user who knows an op_id (and its payload) learns nothing; the sender, once the complaint left their
    OPD, is told the op was applied with no state; a reporter who became anonymous is not revealed by an old
    `current`."""
    if stored.request_hash != digest or stored.user_id != actor.user_id:
        return result(op, OpOutcome.REJECTED, reason="op_id_reused")
    answer = {**stored.result, "status": str(OpOutcome.DUPLICATE)}
    current = answer.get("current")
    complaint_id = None
    if isinstance(current, dict):
        complaint_id = current.get("id") if answer.get("current_type") == "complaint" else current.get("complaint_id")
    row = session.get(Complaint, complaint_id) if isinstance(complaint_id, str) else None
    if row is None or (actor.scope is not None and row.scope_unit_id != actor.scope):
        return {**answer, "current": None, "current_type": None}
    if answer.get("current_type") == "complaint" and row.anonymous:
        answer["current"] = {**current, "anonymous": True, "reporter": None}  # type: ignore[dict-item]
    return answer


def process_op(sessions: sessionmaker[Session], actor: Actor, device_id: str, op: OpIn) -> dict[str, Any]:
    digest = request_hash(op)
    try:
        outcome = _attempt(sessions, actor, device_id, op, digest)
        taken = outcome["status"] in (OpOutcome.APPLIED, OpOutcome.DUPLICATE)
        if taken or outcome["reason"] == "op_id_reused":
            return outcome
    except IntegrityError:
        outcome = result(op, OpOutcome.REJECTED, reason="invalid")
    # A concurrent twin may have committed while we waited on its locks (we then saw a moved version or a
    # taken key): its stored result is the answer, so a duplicate never reads as a conflict.
    with sessions() as session:
        stored = session.get(OpResult, op.op_id)
        if stored is not None:
            return _replay(session, actor, stored, digest, op)
    return outcome


def process_batch(sessions: sessionmaker[Session], actor: Actor, device_id: str, ops: list[OpIn]) -> list[dict[str, Any]]:
    """A push batch: first tried as ONE transaction (one BEGIN, one flush of many rows, one commit), which is what
    nearly every batch is: new ops that all apply. Anything else (an op already stored, a conflict, a rejection, a
    concurrent twin, a lock the database gave up on) rolls that transaction back whole and the ops run one by one
    in their own transactions, with their exact per-op answers. Ops later in a batch see the effects of earlier
    ones either way."""
    if len(ops) > 1 and len({op.op_id for op in ops}) == len(ops):
        try:
            with sessions() as session, session.begin():
                ids = [op.op_id for op in ops]
                if session.scalars(select(OpResult.op_id).where(OpResult.op_id.in_(ids)).limit(1)).first() is None:
                    return [_effect(session, actor, device_id, op, request_hash(op)) for op in ops]
        except (OpRejected, OpConflict, DBAPIError):
            pass  # rolled back: nothing of the batch was written
    return [process_op(sessions, actor, device_id, op) for op in ops]


def _attempt(sessions: sessionmaker[Session], actor: Actor, device_id: str, op: OpIn,
             digest: str) -> dict[str, Any]:
    with sessions() as session, session.begin():
        stored = session.get(OpResult, op.op_id)
        if stored is not None:
            return _replay(session, actor, stored, digest, op)
        try:
            return _effect(session, actor, device_id, op, digest)
        except OpConflict as exc:
            session.rollback()
            return result(op, OpOutcome.CONFLICT, version=exc.version, reason="stale", current=exc.current,
                          current_type=exc.current_type)
        except OpNotInUnit as exc:
            session.rollback()
            return result(op, OpOutcome.REJECTED, reason=exc.reason, current=exc.current,
                          current_type="departure")
        except OpRejected as exc:
            session.rollback()
            return result(op, OpOutcome.REJECTED, reason=exc.reason)


def _effect(session: Session, actor: Actor, device_id: str, op: OpIn, digest: str) -> dict[str, Any]:
    """The op's effect, its event and its stored result, inside the caller's transaction. Raises OpRejected
    (incl. OpNotInUnit) or OpConflict when it cannot apply; the caller rolls back."""
    handler = REGISTRY.get(op.kind)
    if handler is None:
        raise OpRejected("invalid", "Unknown op kind.")
    if actor.role not in handler.roles:
        raise OpRejected("forbidden", "Your role may not do this.")
    ctx = OpContext(session=session, actor=actor, device_id=device_id, op=op, feed=FeedWriter(session))
    row = handler.apply(ctx)
    event = Event(id=new_id(), complaint_id=row.id, kind=op.kind, actor_id=actor.user_id,
                  device_id=device_id, op_id=op.op_id, at=ctx.now, data=ctx.event_data,
                  scope_unit_id=row.scope_unit_id, version=1)
    ctx.feed.stamp(event)
    session.add(event)
    answer_type, answer = ctx.answer or ("complaint", row)
    applied = result(op, OpOutcome.APPLIED, version=answer.version, current=SERIALIZERS[answer_type](answer),
                     current_type=answer_type)
    session.add(OpResult(op_id=op.op_id, request_hash=digest, user_id=actor.user_id,
                         result=applied, created_at=ctx.now))
    session.flush()
    return applied
