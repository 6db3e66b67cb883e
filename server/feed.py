"""The change feed: positions taken under one row lock (writers) and the permission-filtered read (readers).

Invariant (docs/protocol.md): a reader never skips a change. Every write takes its positions from the single
`feed_counter` row with `UPDATE ... RETURNING` inside its own transaction; the row lock is held until commit, so
transactions commit in position order and any snapshot sees a gap-free prefix of the positions ever committed.
Readers use one snapshot for all their queries (server.db.read_snapshot).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, or_, select, union_all, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from server.models import SYNCABLE, ComplaintDeparture, FeedCounter, FeedReader, utcnow
from server.serialize import SERIALIZERS

MAX_LIMIT = 1000
DEFAULT_LIMIT = 500


def _test_commit_delay() -> float:
    # Test-only: stretch the window between taking a position and committing so tests can make writers
    # overlap and prove the reader still never skips. Unset in production.
    return float(os.environ.get("LAPOR_HUB_TEST_COMMIT_DELAY", "0") or 0)


class FeedWriter:
    """Hands out feed positions inside one write transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._taken = False

    def take(self, count: int = 1) -> int:
        """Reserve `count` consecutive positions; returns the first one."""
        last = self.session.execute(
            update(FeedCounter).where(FeedCounter.id == 1).values(value=FeedCounter.value + count)
            .returning(FeedCounter.value)
        ).scalar_one()
        if not self._taken:
            self._taken = True
            delay = _test_commit_delay()
            if delay > 0:
                time.sleep(random.uniform(0, delay))
        return int(last) - count + 1

    def stamp(self, record: Any) -> Any:
        """Give a new or changed record its next position (its latest state is what readers get)."""
        record.feed_seq = self.take()
        return record


@dataclass(frozen=True)
class Reader:
    """Whose eyes the feed is filtered for. `scope` is the reader's OPD id; None = the whole pemda."""

    user_id: str
    scope: str | None
    device_id: str = ""


class CursorExpired(Exception):
    pass


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def floor_of(session: Session) -> int:
    return int(session.execute(select(FeedCounter.floor).where(FeedCounter.id == 1)).scalar_one())


def note_rebuild(sessions: sessionmaker[Session], reader: Reader) -> None:
    """A reader starts from 0 (called before its first page is read, only once the floor is above 0): its later
    page cursors below the floor belong to this fresh rebuild, not to stale history, and are served."""
    try:
        with sessions() as session, session.begin():
            row = session.get(FeedReader, (reader.user_id, reader.device_id))
            if row is None:
                session.add(FeedReader(user_id=reader.user_id, device_id=reader.device_id, started_at=utcnow()))
            else:
                row.started_at = utcnow()
    except IntegrityError:
        pass  # the same device's concurrent first page recorded it


def _rebuilding_since_floor(session: Session, reader: Reader, floor_at: dt.datetime | None) -> bool:
    started = session.execute(select(FeedReader.started_at).where(
        FeedReader.user_id == reader.user_id, FeedReader.device_id == reader.device_id)).scalar_one_or_none()
    return started is not None and floor_at is not None and _aware(started) >= _aware(floor_at)


def current_position(session: Session) -> int:
    return int(session.execute(select(FeedCounter.value).where(FeedCounter.id == 1)).scalar_one())


def read_changes(session: Session, reader: Reader, after: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
    """The page after `after`: (changes, cursor, more). Call inside a single read snapshot."""
    position, floor, floor_at = session.execute(
        select(FeedCounter.value, FeedCounter.floor, FeedCounter.floor_at).where(FeedCounter.id == 1)).one()
    if after > position:
        # A cursor from the future belongs to another database (a reset hub): make the desk rebuild.
        raise CursorExpired()
    if 0 < after < floor and not _rebuilding_since_floor(session, reader, floor_at):
        # Tombstones at or below the floor were pruned: this reader may have missed a departure.
        raise CursorExpired()
    upper, more = _page_bound(session, reader, after, limit)
    rows: list[tuple[int, str, Any, bool]] = []  # (seq, type, row|departure, deleted)
    for type_name, model in SYNCABLE.items():
        table: Table = model.__table__  # type: ignore[attr-defined]
        q = _window(select(table), table, after, upper)
        if reader.scope is not None:
            q = q.where(or_(table.c.scope_unit_id.is_(None), table.c.scope_unit_id == reader.scope))
        rows.extend((r.feed_seq, type_name, r, False) for r in session.execute(q))
    if reader.scope is not None:
        dep = ComplaintDeparture.__table__
        q = _window(select(dep), dep, after, upper).where(dep.c.scope_unit_id == reader.scope)
        rows.extend((r.feed_seq, "complaint", r, True) for r in session.execute(q))
    rows.sort(key=lambda item: item[0])
    cursor = rows[-1][0] if rows else after
    return _dedupe(rows), cursor, more


def _window(q: Any, table: Any, after: int, upper: int | None) -> Any:
    q = q.where(table.c.feed_seq > after)
    return q if upper is None else q.where(table.c.feed_seq <= upper)


def _page_bound(session: Session, reader: Reader, after: int, limit: int) -> tuple[int | None, bool]:
    """(the last position of this page, whether more follow). None = every remaining position fits in the page.

    Only positions are read here, from the (scope_unit_id, feed_seq) and feed_seq indexes: the `limit` + 1 first
    positions after `after` of each table the reader sees, merged. The rows themselves are then read once, for just
    the positions of the page, instead of `limit` rows from every table of which most would be thrown away."""
    branches = []
    for model in SYNCABLE.values():
        table: Table = model.__table__  # type: ignore[attr-defined]
        scopes = [None] if reader.scope is None else [table.c.scope_unit_id.is_(None),
                                                       table.c.scope_unit_id == reader.scope]
        for scope in scopes:
            q = select(table.c.feed_seq.label("seq")).where(table.c.feed_seq > after)
            if scope is not None:
                q = q.where(scope)
            branches.append(q.order_by(table.c.feed_seq).limit(limit + 1).subquery().select())
    if reader.scope is not None:
        dep = ComplaintDeparture.__table__
        branches.append(select(dep.c.feed_seq.label("seq"))
                        .where(dep.c.feed_seq > after, dep.c.scope_unit_id == reader.scope)
                        .order_by(dep.c.feed_seq).limit(limit + 1).subquery().select())
    merged = union_all(*branches).subquery()
    edge = session.execute(select(merged.c.seq).order_by(merged.c.seq).offset(limit - 1).limit(2)).scalars().all()
    if not edge:
        return None, False
    return int(edge[0]), len(edge) > 1


def _dedupe(rows: list[tuple[int, str, Any, bool]]) -> list[dict[str, Any]]:
    # One record at most once per page, with its latest state (a departure and a return in one page).
    latest: dict[tuple[str, str], int] = {}
    for i, (_seq, type_name, r, deleted) in enumerate(rows):
        latest[(type_name, r.complaint_id if deleted else r.id)] = i
    out: list[dict[str, Any]] = []
    for i, (_seq, type_name, r, deleted) in enumerate(rows):
        rid = r.complaint_id if deleted else r.id
        if latest[(type_name, rid)] != i:
            continue
        if deleted:
            out.append({"type": type_name, "id": rid, "version": r.version, "deleted": True, "data": None})
        else:
            out.append({"type": type_name, "id": rid, "version": r.version, "deleted": False,
                        "data": SERIALIZERS[type_name](r)})
    return out
