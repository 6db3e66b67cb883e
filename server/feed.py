"""The change feed: positions taken under one row lock (writers) and the permission-filtered read (readers).

Invariant (docs/protocol.md): a reader never skips a change. Every write takes its positions from the single
`feed_counter` row with `UPDATE ... RETURNING` inside its own transaction; the row lock is held until commit, so
transactions commit in position order and any snapshot sees a gap-free prefix of the positions ever committed.
Readers use one snapshot for all their queries (server.db.read_snapshot).
"""

from __future__ import annotations

import os
import random
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, or_, select, update
from sqlalchemy.orm import Session

from server.models import SYNCABLE, ComplaintDeparture, FeedCounter
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


class CursorExpired(Exception):
    pass


def current_position(session: Session) -> int:
    return int(session.execute(select(FeedCounter.value).where(FeedCounter.id == 1)).scalar_one())


def read_changes(session: Session, reader: Reader, after: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
    """The page after `after`: (changes, cursor, more). Call inside a single read snapshot."""
    position, floor = session.execute(select(FeedCounter.value, FeedCounter.floor).where(FeedCounter.id == 1)).one()
    if after > position:
        # A cursor from the future belongs to another database (a reset hub): make the desk rebuild.
        raise CursorExpired()
    if 0 < after < floor:
        # Tombstones at or below the floor were pruned: this reader may have missed a departure.
        raise CursorExpired()
    rows: list[tuple[int, str, Any, bool]] = []  # (seq, type, row|departure, deleted)
    more = False
    for type_name, model in SYNCABLE.items():
        table: Table = model.__table__  # type: ignore[attr-defined]
        q = select(table).where(table.c.feed_seq > after)
        if reader.scope is not None:
            q = q.where(or_(table.c.scope_unit_id.is_(None), table.c.scope_unit_id == reader.scope))
        fetched = session.execute(q.order_by(table.c.feed_seq).limit(limit + 1)).all()
        more = more or len(fetched) > limit
        rows.extend((r.feed_seq, type_name, r, False) for r in fetched[:limit])
    if reader.scope is not None:
        dep = ComplaintDeparture.__table__
        fetched = session.execute(
            select(dep).where(dep.c.feed_seq > after, dep.c.scope_unit_id == reader.scope)
            .order_by(dep.c.feed_seq).limit(limit + 1)
        ).all()
        more = more or len(fetched) > limit
        rows.extend((r.feed_seq, "complaint", r, True) for r in fetched[:limit])
    rows.sort(key=lambda item: item[0])
    if len(rows) > limit:
        more = True
        rows = rows[:limit]
    cursor = rows[-1][0] if rows else after
    return _dedupe(rows), cursor, more


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
