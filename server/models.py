"""The hub's tables (SQLAlchemy 2 typed declarative).

Every record a desk mirrors carries `version` (+1 per change), `feed_seq` (its position in the change feed,
re-taken on every change) and `scope_unit_id` (the OPD that may see it; NULL = every reader).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

ID = String(36)


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON, dt.datetime: DateTime(timezone=True)}


class Syncable:
    """Columns every feed record shares; the composite index serves the per-scope feed scan."""

    version: Mapped[int] = mapped_column(Integer, default=1)
    feed_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    scope_unit_id: Mapped[str | None] = mapped_column(ID)

    @declared_attr.directive
    def __table_args__(cls) -> tuple[Any, ...]:
        return (Index(f"ix_{cls.__tablename__}_scope_seq", "scope_unit_id", "feed_seq"),)  # type: ignore[attr-defined]


class Unit(Syncable, Base):
    __tablename__ = "units"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    parent_id: Mapped[str | None] = mapped_column(ID, ForeignKey("units.id"))
    kind: Mapped[str] = mapped_column(String(16))  # pemda | opd | subunit | external
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    timezone: Mapped[str] = mapped_column(String(64))


class User(Syncable, Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))  # staff | admin | supervisor | coordinator
    unit_id: Mapped[str] = mapped_column(ID, ForeignKey("units.id"))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Category(Syncable, Base):
    __tablename__ = "categories"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    parent_id: Mapped[str | None] = mapped_column(ID, ForeignKey("categories.id"))
    name: Mapped[str] = mapped_column(String(255))


class Holiday(Syncable, Base):
    __tablename__ = "holidays"
    id: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD
    date: Mapped[dt.date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))  # national | cuti_bersama
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class SlaSetting(Syncable, Base):
    __tablename__ = "sla_settings"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    limits: Mapped[dict[str, Any]]
    reply_window_working_days: Mapped[bool] = mapped_column(Boolean, default=False)


class Complaint(Syncable, Base):
    __tablename__ = "complaints"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    tracking_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    title: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(32))
    unit_id: Mapped[str] = mapped_column(ID, ForeignKey("units.id"))
    subunit_id: Mapped[str | None] = mapped_column(ID, ForeignKey("units.id"))
    assignee_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    category_id: Mapped[str | None] = mapped_column(ID, ForeignKey("categories.id"))
    tags: Mapped[list[str]]
    incident_date: Mapped[dt.date | None] = mapped_column(Date)
    submitted_at: Mapped[dt.datetime]
    arrived_at: Mapped[dt.datetime]
    location: Mapped[dict[str, Any]]
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    secret: Mapped[bool] = mapped_column(Boolean, default=False)
    reporter_name: Mapped[str | None] = mapped_column(String(255))
    reporter_contact: Mapped[str | None] = mapped_column(String(255))
    updated_at: Mapped[dt.datetime]


class ComplaintDeparture(Base):
    """A complaint left an OPD: readers of that OPD get `deleted: true` at this feed position."""

    __tablename__ = "complaint_departures"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    complaint_id: Mapped[str] = mapped_column(ID, ForeignKey("complaints.id"))
    scope_unit_id: Mapped[str] = mapped_column(ID)
    version: Mapped[int] = mapped_column(Integer)
    feed_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    # When it happened: `prune` drops departures older than the history window and raises the feed floor.
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, server_default=func.now(), index=True)
    __table_args__ = (Index("ix_complaint_departures_scope_seq", "scope_unit_id", "feed_seq"),)


class ComplaintChild(Syncable):
    """Records that belong to a complaint and are visible exactly when it is (scope copied from it)."""

    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)

    @declared_attr
    def complaint_id(cls) -> Mapped[str]:
        return mapped_column(ID, ForeignKey("complaints.id"), index=True)


class Disposition(ComplaintChild, Base):
    __tablename__ = "dispositions"
    kind: Mapped[str] = mapped_column(String(16))  # internal | external
    from_unit_id: Mapped[str] = mapped_column(ID, ForeignKey("units.id"))
    to_unit_id: Mapped[str | None] = mapped_column(ID, ForeignKey("units.id"))
    to_user_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    instruction: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    suggested_body: Mapped[str | None] = mapped_column(String(255))
    created_by: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    created_at: Mapped[dt.datetime]


class FollowUp(ComplaintChild, Base):
    __tablename__ = "followups"
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    author_id: Mapped[str] = mapped_column(ID, ForeignKey("users.id"))
    # Everyone who wrote or changed the text (the author first, each editor once): no one of them approves it.
    writer_ids: Mapped[list[str]]
    content_hash: Mapped[str] = mapped_column(String(64))
    approved_by: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    approved_at: Mapped[dt.datetime | None]
    return_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]


class Note(ComplaintChild, Base):
    __tablename__ = "notes"
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[str] = mapped_column(ID, ForeignKey("users.id"))
    created_at: Mapped[dt.datetime]


class Reply(ComplaintChild, Base):
    __tablename__ = "replies"
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime]


class Attachment(ComplaintChild, Base):
    __tablename__ = "attachments"
    owner_type: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[str] = mapped_column(ID)
    filename: Mapped[str] = mapped_column(String(255))
    mime: Mapped[str] = mapped_column(String(127))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[dt.datetime]


class Event(Syncable, Base):
    __tablename__ = "events"
    id: Mapped[str] = mapped_column(ID, primary_key=True, default=new_id)
    complaint_id: Mapped[str | None] = mapped_column(ID, ForeignKey("complaints.id"), index=True)
    kind: Mapped[str] = mapped_column(String(64))
    actor_id: Mapped[str | None] = mapped_column(ID, ForeignKey("users.id"))
    device_id: Mapped[str | None] = mapped_column(String(128))
    op_id: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[dt.datetime]
    data: Mapped[dict[str, Any]]


class FeedCounter(Base):
    """The single row every write locks to take its feed position (see docs/protocol.md, the invariant)."""

    __tablename__ = "feed_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)
    # The history floor: the highest position whose tombstone `prune` removed. A cursor in (0, floor) → 410.
    floor: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    floor_at: Mapped[dt.datetime | None]  # when `prune` last raised the floor


class FeedReader(Base):
    """A device that started reading the feed from 0 (a first sync or a rebuild), and when.

    Its page cursors may lie below the floor while it catches up: that is safe for a reader that started after the
    floor was raised (everything it holds came after the pruned departures), so such cursors are not answered 410.
    """

    __tablename__ = "feed_readers"
    user_id: Mapped[str] = mapped_column(ID, primary_key=True)
    device_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    started_at: Mapped[dt.datetime]


class Blob(Base):
    """A verified attachment file on disk (content-addressed): a row exists only once the bytes hashed right.

    Uploads in progress and who may use the file are in BlobOwner; `uploaded_by` is the first who completed it."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mime: Mapped[str] = mapped_column(String(127))
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    uploaded_by: Mapped[str | None] = mapped_column(ID)
    created_at: Mapped[dt.datetime]
    completed_at: Mapped[dt.datetime | None]


class BlobOwner(Base):
    """One user's upload of a blob: in progress (`completed_at` NULL, its part is `<sha>.<user_id>.part`) or done,
    which proves the user holds the bytes and lets them read and attach the blob (docs/protocol.md, "Blobs")."""

    __tablename__ = "blob_owners"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ID, ForeignKey("users.id"), primary_key=True, index=True)
    size: Mapped[int] = mapped_column(BigInteger)  # the declared total (Content-Range .../TOTAL)
    mime: Mapped[str] = mapped_column(String(127))
    created_at: Mapped[dt.datetime]
    completed_at: Mapped[dt.datetime | None]


class OpResult(Base):
    __tablename__ = "op_results"
    op_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(ID)
    result: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(index=True)


class Token(Base):
    __tablename__ = "tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex; never the token
    kind: Mapped[str] = mapped_column(String(8))  # access | refresh
    user_id: Mapped[str] = mapped_column(ID, ForeignKey("users.id"), index=True)
    device_id: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[dt.datetime]
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    # Every token of one password sign-in and its refreshes: a replayed refresh token revokes them all.
    family_id: Mapped[str] = mapped_column(String(64), index=True)
    parent_hash: Mapped[str | None] = mapped_column(String(64), index=True)  # the refresh token rotated into this
    used_at: Mapped[dt.datetime | None]  # a refresh token's rotation (it is then used, not revoked)


class SignInThrottle(Base):
    """Failed sign-ins of one account or one client address, and its lock-out (shared by every hub process).

    `key` is the SHA-256 of the username or address as sent: people type passwords into the username field.
    """

    __tablename__ = "sign_in_throttles"
    scope: Mapped[str] = mapped_column(String(8), primary_key=True)  # account | address
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locks: Mapped[int] = mapped_column(Integer, default=0)  # lock-outs in this streak: the next lasts longer
    pending: Mapped[int] = mapped_column(Integer, default=0)  # admitted attempts whose password is being checked
    pending_at: Mapped[dt.datetime | None]  # the latest admission: a count older than PENDING_TTL is dropped
    last_failure_at: Mapped[dt.datetime | None]
    locked_until: Mapped[dt.datetime | None]


SYNCABLE: dict[str, type[Syncable]] = {
    "unit": Unit,
    "user": User,
    "category": Category,
    "holiday": Holiday,
    "sla": SlaSetting,
    "complaint": Complaint,
    "disposition": Disposition,
    "followup": FollowUp,
    "note": Note,
    "reply": Reply,
    "attachment": Attachment,
    "event": Event,
}
CHILD_MODELS: tuple[type[ComplaintChild], ...] = (Disposition, FollowUp, Note, Reply, Attachment)
