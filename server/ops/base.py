"""What an op handler gets and may raise. One op kind = one small module that calls `register`."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.domain.ops import OpKind
from desktop.domain.roles import Role, can
from desktop.domain.statuses import CLOSED_STATUSES
from server.auth import Actor
from server.feed import FeedWriter
from server.models import CHILD_MODELS, Complaint, ComplaintDeparture, Event, FollowUp, User, utcnow
from server.serialize import complaint as complaint_data
from server.serialize import followup as followup_data
from server.units import scope_of_unit


def text_hash(text: str) -> str:
    """A follow-up's `content_hash`: SHA-256 hex of its text in UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def roles_for(kind: OpKind) -> frozenset[str]:
    """Who may ever send an op of `kind`: the rules the desk shows its buttons by (desktop.domain.roles)."""
    return frozenset(str(role) for role in Role if can(role, kind))


class OpRejected(Exception):
    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason


class OpConflict(Exception):
    """Stale base_version on a compare-and-set op: the desk gets the current state to show the user."""

    def __init__(self, current: dict[str, Any], version: int, current_type: str = "complaint") -> None:
        super().__init__("stale")
        self.current = current
        self.version = version
        self.current_type = current_type


class OpNotInUnit(OpRejected):
    """The complaint left the actor's OPD after the desk saw it: `rejected`/`not_in_unit` with where it went."""

    def __init__(self, row: Complaint) -> None:
        super().__init__("not_in_unit", "The complaint has left your OPD.")
        # Only what the desk needs to tell the user where it went: no content, no reporter.
        self.current = {"id": row.id, "tracking_id": row.tracking_id, "status": row.status, "unit_id": row.unit_id}


@dataclass(frozen=True)
class OpIn:
    op_id: str
    kind: str
    target: str
    base_version: int | None
    payload: dict[str, Any]


@dataclass
class OpContext:
    session: Session
    actor: Actor
    device_id: str
    op: OpIn
    feed: FeedWriter
    now: dt.datetime = field(default_factory=utcnow)
    event_data: dict[str, Any] = field(default_factory=dict)
    # What the result's version/current describe when the target is not the complaint (a follow-up).
    answer: tuple[str, Any] | None = None

    # --- loading with permission checks -------------------------------------------------------------
    def complaint(self, complaint_id: str | None = None) -> Complaint:
        """The target complaint, row-locked so compare-and-set and the feed position agree."""
        row = self.session.scalars(
            select(Complaint).where(Complaint.id == (complaint_id or self.op.target)).with_for_update()
        ).first()
        if row is None:
            raise OpRejected("not_found", "No such complaint.")
        if self.actor.scope is not None and row.scope_unit_id != self.actor.scope:
            left = self.session.scalars(
                select(ComplaintDeparture.id).where(ComplaintDeparture.complaint_id == row.id,
                                                    ComplaintDeparture.scope_unit_id == self.actor.scope)
            ).first()
            if left is not None:
                raise OpNotInUnit(row)
            raise OpRejected("forbidden", "The complaint is not held by your OPD.")
        return row

    def open_for_append(self, row: Complaint) -> None:
        """Appending (a note, a follow-up draft, an attachment) needs the complaint still open at the OPD."""
        if row.status in CLOSED_STATUSES:
            raise OpRejected("wrong_state", f"The complaint is {row.status}; nothing can be added to it.")

    def followup(self) -> tuple[Complaint, FollowUp]:
        """The target follow-up and its complaint, both locked (complaint first: one lock order for every op)."""
        complaint_id = self.session.scalars(select(FollowUp.complaint_id).where(FollowUp.id == self.op.target)).first()
        if complaint_id is None:
            raise OpRejected("not_found", "No such follow-up.")
        row = self.complaint(complaint_id)
        fu = self.session.scalars(select(FollowUp).where(FollowUp.id == self.op.target).with_for_update()).one()
        self.answer = ("followup", fu)
        return row, fu

    def expect_version(self, row: Complaint) -> None:
        if self.op.base_version is None:
            raise OpRejected("invalid", "This op needs base_version.")
        if self.op.base_version != row.version:
            raise OpConflict(complaint_data(row), row.version)

    def expect_followup_version(self, fu: FollowUp) -> None:
        if self.op.base_version is None:
            raise OpRejected("invalid", "This op needs base_version (the follow-up's version).")
        if self.op.base_version != fu.version:
            raise OpConflict(followup_data(fu), fu.version, "followup")

    def user_in_scope(self, user_id: str, scope: str) -> User:
        user = self.session.get(User, user_id)
        if user is None or not user.active:
            raise OpRejected("not_found", "No such user.")
        if scope_of_unit(self.session, user.unit_id) != scope:
            raise OpRejected("invalid", "The user is not in the complaint's OPD.")
        return user

    # --- payload access -------------------------------------------------------------------------------
    def text(self, key: str, *, required: bool = True, max_len: int = 20000) -> str | None:
        value = self.op.payload.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or (required and not value.strip()) or len(value) > max_len:
            raise OpRejected("invalid", f"payload.{key} must be a non-empty string.")
        return value

    def new_id(self, key: str) -> str:
        value = self.op.payload.get(key)
        try:
            return str(uuid.UUID(str(value)))
        except ValueError:
            raise OpRejected("invalid", f"payload.{key} must be a UUID.") from None

    def date(self, key: str) -> dt.date | None:
        value = self.op.payload.get(key)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise OpRejected("invalid", f"payload.{key} must be YYYY-MM-DD.") from None

    # --- writing --------------------------------------------------------------------------------------
    def touch(self, row: Complaint) -> None:
        """A changed complaint: new version, new feed position."""
        row.version += 1
        row.updated_at = self.now
        self.feed.stamp(row)

    def touch_child(self, record: Any) -> None:
        """A changed complaint record (a follow-up): new version, new feed position."""
        record.version += 1
        self.feed.stamp(record)

    def add_child(self, record: Any, row: Complaint) -> None:
        record.scope_unit_id = row.scope_unit_id
        record.version = 1
        self.feed.stamp(record)
        self.session.add(record)

    def move(self, row: Complaint, unit_id: str) -> None:
        """Hold the complaint at another unit; readers who lose it get a tombstone, gainers get its history."""
        new_scope = scope_of_unit(self.session, unit_id)
        old_scope = row.scope_unit_id
        row.unit_id = unit_id
        if new_scope == old_scope:
            return
        row.scope_unit_id = new_scope
        self.session.add(ComplaintDeparture(complaint_id=row.id, scope_unit_id=old_scope or "",
                                            version=row.version + 1, feed_seq=self.feed.take()))
        # The new holder must see the complaint's earlier records too: re-scope them at fresh positions.
        for model in (*CHILD_MODELS, Event):
            table = model.__table__  # type: ignore[attr-defined]
            ids = self.session.execute(select(table.c.id).where(table.c.complaint_id == row.id)
                                       .order_by(table.c.feed_seq)).scalars().all()
            if not ids:
                continue
            first = self.feed.take(len(ids))
            for offset, rid in enumerate(ids):
                self.session.execute(update(table).where(table.c.id == rid)
                                     .values(scope_unit_id=new_scope, feed_seq=first + offset))


@dataclass(frozen=True)
class OpHandler:
    kind: OpKind
    roles: frozenset[str]
    apply: Callable[[OpContext], Complaint]  # returns the target complaint after the effect


REGISTRY: dict[str, OpHandler] = {}


def register(kind: OpKind) -> Callable[[Callable[[OpContext], Complaint]], Callable[[OpContext], Complaint]]:
    """The handler of `kind`, for the roles that may ever send it (`roles_for`)."""

    def wrap(fn: Callable[[OpContext], Complaint]) -> Callable[[OpContext], Complaint]:
        REGISTRY[kind] = OpHandler(kind, roles_for(kind), fn)
        return fn

    return wrap
