"""Tables of the replica (SQLAlchemy 2, typed).

Two layers:
- the **mirror** of the hub (one table per record type of docs/protocol.md, each with ``version``), written only
  by the sync engine (see :mod:`desktop.store.mirror`);
- **local** state: the ``outbox`` of ops, ``local_records`` (notes, dispositions ... made on this device and not yet
  in the mirror) and ``sync_state``.
The mirror has no foreign keys on purpose: the change feed may deliver a child before its parent.
The FTS5 table ``complaint_fts`` (contentless, rowid = complaints.rowid) is created by the migrations (0001; 0004
recreates it with ``prefix='2 3'``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


# ---------------------------------------------------------------- mirror
class Unit(Base):
    __tablename__ = "units"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[str | None] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)
    code: Mapped[str | None] = mapped_column(String)
    name: Mapped[str] = mapped_column(String)
    timezone: Mapped[str | None] = mapped_column(String)


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String)
    full_name: Mapped[str] = mapped_column(String)
    role: Mapped[str] = mapped_column(String)
    unit_id: Mapped[str | None] = mapped_column(String, index=True)


class Category(Base):
    __tablename__ = "categories"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    parent_id: Mapped[str | None] = mapped_column(String, index=True)
    name: Mapped[str] = mapped_column(String)


class Holiday(Base):
    __tablename__ = "holidays"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    date: Mapped[str] = mapped_column(String)
    name: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)
    active: Mapped[bool] = mapped_column(Boolean)


class Sla(Base):
    __tablename__ = "sla"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[Any] = mapped_column(JSON)


class Complaint(Base):
    __tablename__ = "complaints"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    tracking_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String)
    channel: Mapped[str] = mapped_column(String)
    status: Mapped[str] = mapped_column(String)
    unit_id: Mapped[str | None] = mapped_column(String)
    subunit_id: Mapped[str | None] = mapped_column(String)
    assignee_id: Mapped[str | None] = mapped_column(String)
    category_id: Mapped[str | None] = mapped_column(String)
    tags: Mapped[Any] = mapped_column(JSON)
    incident_date: Mapped[str | None] = mapped_column(String)
    submitted_at: Mapped[str | None] = mapped_column(String)
    arrived_at: Mapped[str] = mapped_column(String)
    province: Mapped[str | None] = mapped_column(String)
    regency: Mapped[str | None] = mapped_column(String)
    kecamatan: Mapped[str | None] = mapped_column(String)
    desa: Mapped[str | None] = mapped_column(String)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    anonymous: Mapped[bool] = mapped_column(Boolean)
    secret: Mapped[bool] = mapped_column(Boolean)
    reporter_name: Mapped[str | None] = mapped_column(String)
    reporter_contact: Mapped[str | None] = mapped_column(String)
    updated_at: Mapped[str | None] = mapped_column(String)
    # denormalised for sorting the queue in SQL with an index (kept by the pull step)
    category_name: Mapped[str | None] = mapped_column(String)
    assignee_name: Mapped[str | None] = mapped_column(String)

    __table_args__ = (
        Index("ix_complaints_tracking_id", "tracking_id"),
        Index("ix_complaints_arrived_at", "arrived_at"),
        Index("ix_complaints_status_arrived", "status", "arrived_at"),
        Index("ix_complaints_assignee_arrived", "assignee_id", "arrived_at"),
        Index("ix_complaints_unit", "unit_id"),
        Index("ix_complaints_category_id", "category_id"),
        Index("ix_complaints_kecamatan", "kecamatan"),
        Index("ix_complaints_channel", "channel"),
        Index("ix_complaints_title", "title"),
        Index("ix_complaints_category_name", "category_name"),
        Index("ix_complaints_assignee_name", "assignee_name"),
    )


class Disposition(Base):
    __tablename__ = "dispositions"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    complaint_id: Mapped[str] = mapped_column(String, index=True)
    kind: Mapped[str] = mapped_column(String)
    from_unit_id: Mapped[str | None] = mapped_column(String)
    to_unit_id: Mapped[str | None] = mapped_column(String)
    to_user_id: Mapped[str | None] = mapped_column(String)
    instruction: Mapped[str | None] = mapped_column(Text)
    due_date: Mapped[str | None] = mapped_column(String)
    reason: Mapped[str | None] = mapped_column(Text)
    suggested_body: Mapped[str | None] = mapped_column(String)
    created_by: Mapped[str | None] = mapped_column(String)
    created_at: Mapped[str] = mapped_column(String)


class FollowUp(Base):
    __tablename__ = "followups"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    complaint_id: Mapped[str] = mapped_column(String, index=True)
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String, index=True)
    author_id: Mapped[str | None] = mapped_column(String)
    writer_ids: Mapped[str | None] = mapped_column(Text)  # JSON list: everyone who wrote or changed the text
    content_hash: Mapped[str | None] = mapped_column(String)
    approved_by: Mapped[str | None] = mapped_column(String)
    approved_at: Mapped[str | None] = mapped_column(String)
    return_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String)
    updated_at: Mapped[str | None] = mapped_column(String)


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    complaint_id: Mapped[str] = mapped_column(String, index=True)
    text: Mapped[str] = mapped_column(Text)
    author_id: Mapped[str | None] = mapped_column(String)
    created_at: Mapped[str] = mapped_column(String)


class Reply(Base):
    __tablename__ = "replies"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    complaint_id: Mapped[str] = mapped_column(String, index=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String)


class Attachment(Base):
    __tablename__ = "attachments"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    complaint_id: Mapped[str] = mapped_column(String, index=True)
    owner_type: Mapped[str] = mapped_column(String)
    owner_id: Mapped[str | None] = mapped_column(String)
    filename: Mapped[str] = mapped_column(String)
    mime: Mapped[str | None] = mapped_column(String)
    size: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String)
    created_at: Mapped[str] = mapped_column(String)


class Event(Base):
    __tablename__ = "events"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    complaint_id: Mapped[str | None] = mapped_column(String, index=True)
    kind: Mapped[str] = mapped_column(String)
    actor_id: Mapped[str | None] = mapped_column(String)
    device_id: Mapped[str | None] = mapped_column(String)
    op_id: Mapped[str | None] = mapped_column(String)
    at: Mapped[str] = mapped_column(String)
    data: Mapped[Any] = mapped_column(JSON)


# ---------------------------------------------------------------- local
class OutboxOp(Base):
    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String, unique=True)
    kind: Mapped[str] = mapped_column(String)
    target: Mapped[str] = mapped_column(String)
    complaint_id: Mapped[str | None] = mapped_column(String, index=True)
    base_version: Mapped[int | None] = mapped_column(Integer)
    payload: Mapped[Any] = mapped_column(JSON)
    created_at: Mapped[str] = mapped_column(String)
    # queued | sent | accepted | rejected | conflict
    state: Mapped[str] = mapped_column(String, index=True)
    reason: Mapped[str | None] = mapped_column(String)
    result: Mapped[Any | None] = mapped_column(JSON)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[str | None] = mapped_column(String)
    # attachment.add: the blob that must be complete on the hub before the op is sent (migration 0003)
    blob_sha256: Mapped[str | None] = mapped_column(String)


class LocalRecord(Base):
    """A record made on this device (note, disposition, follow-up draft ...) not yet seen in the mirror."""

    __tablename__ = "local_records"
    id: Mapped[str] = mapped_column(String, primary_key=True)  # the record id the hub will use (client-made)
    type: Mapped[str] = mapped_column(String)  # note | disposition | followup ...
    complaint_id: Mapped[str] = mapped_column(String, index=True)
    op_id: Mapped[str | None] = mapped_column(ForeignKey("outbox.op_id", ondelete="SET NULL"), index=True)
    data: Mapped[Any] = mapped_column(JSON)
    created_at: Mapped[str] = mapped_column(String)


class Conflict(Base):
    """An op the hub answered ``conflict`` (or a departure): both sides, kept as history once resolved."""

    __tablename__ = "conflicts"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    op_id: Mapped[str | None] = mapped_column(String)
    complaint_id: Mapped[str | None] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)  # the op kind (followup.edit, disposition.create ...)
    record_type: Mapped[str] = mapped_column(String)  # complaint | followup | departure
    target: Mapped[str | None] = mapped_column(String)
    reason: Mapped[str | None] = mapped_column(String)
    mine: Mapped[Any | None] = mapped_column(JSON)  # {op: {...}, record: {...}}
    theirs: Mapped[Any | None] = mapped_column(JSON)  # the hub's current
    theirs_version: Mapped[int | None] = mapped_column(Integer)
    base_text: Mapped[str | None] = mapped_column(Text)
    mine_text: Mapped[str | None] = mapped_column(Text)
    theirs_text: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String, default="open", server_default="open")  # open | resolved
    resolution: Mapped[str | None] = mapped_column(String)  # mine | theirs | merge
    resolved_op_id: Mapped[str | None] = mapped_column(String)
    created_at: Mapped[str] = mapped_column(String)
    resolved_at: Mapped[str | None] = mapped_column(String)

    __table_args__ = (
        Index("ix_conflicts_complaint_id", "complaint_id"),
        Index("ix_conflicts_op_id", "op_id"),
        Index("ix_conflicts_state", "state"),
    )


class Blob(Base):
    """A content-addressed attachment file of this replica (see :mod:`desktop.store.blobs`)."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String, primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str | None] = mapped_column(String)
    filename: Mapped[str | None] = mapped_column(String)
    local_size: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # plaintext bytes held here
    # none (nothing to send) | pending (to upload) | done (complete on the hub) | failed (refused: see error)
    upload_state: Mapped[str] = mapped_column(String, default="none", server_default="none")
    upload_offset: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # the hub's last offset
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    error: Mapped[str | None] = mapped_column(String)
    created_at: Mapped[str] = mapped_column(String)
    updated_at: Mapped[str | None] = mapped_column(String)

    __table_args__ = (Index("ix_blobs_upload_state", "upload_state"),)


class SyncState(Base):
    __tablename__ = "sync_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    cursor: Mapped[int] = mapped_column(Integer, default=0)
    last_sync_at: Mapped[str | None] = mapped_column(String)
    server_url: Mapped[str | None] = mapped_column(String)
    user_id: Mapped[str | None] = mapped_column(String)
    username: Mapped[str | None] = mapped_column(String)
    user: Mapped[Any | None] = mapped_column(JSON)  # the User record from sign-in
    wire_bytes: Mapped[int] = mapped_column(Integer, default=0)  # total bytes on the wire, for "data used"
    # 1 while the mirror is rebuilt from cursor 0 after a 410 (records not seen again are swept at the end)
    rebuilding: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # 1 during the first sync into an empty mirror: secondary indexes and FTS are built once at the end
    bulk_load: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class RebuildSeen(Base):
    """Records seen again while rebuilding the mirror after a 410 (mark and sweep)."""

    __tablename__ = "rebuild_seen"
    type: Mapped[str] = mapped_column(String, primary_key=True)
    id: Mapped[str] = mapped_column(String, primary_key=True)


MIRROR_TABLES: dict[str, str] = {
    "unit": "units",
    "user": "users",
    "category": "categories",
    "holiday": "holidays",
    "sla": "sla",
    "complaint": "complaints",
    "disposition": "dispositions",
    "followup": "followups",
    "note": "notes",
    "reply": "replies",
    "attachment": "attachments",
    "event": "events",
}
CHILD_TABLES = ("dispositions", "followups", "notes", "replies", "attachments", "events")
