"""Retention (docs/protocol.md, "Retention"): stored op results, the change history floor, stale blob parts.

- Op results older than `LAPOR_HUB_OP_RESULT_DAYS` (default 90) are deleted: a retry older than that is judged again.
- Departure tombstones older than `LAPOR_HUB_HISTORY_DAYS` (default 30) are deleted and the feed floor is raised to
  the highest position removed; a cursor in (0, floor) then answers 410 `cursor_expired`.
- Incomplete uploads untouched for `LAPOR_HUB_PART_DAYS` (default 7) are discarded.
Runs on `lapor-hub prune` and on every `lapor-hub serve` start.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, func, select, update

from server.blobs import default_root
from server.models import Blob, ComplaintDeparture, FeedCounter, OpResult, utcnow


def _days(name: str, default: int) -> float:
    return float(os.environ.get(name, str(default)))


def prune(engine: Engine, blobs_dir: Path | None = None, *, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or utcnow()
    op_cut = now - dt.timedelta(days=_days("LAPOR_HUB_OP_RESULT_DAYS", 90))
    history_cut = now - dt.timedelta(days=_days("LAPOR_HUB_HISTORY_DAYS", 30))
    with engine.begin() as conn:
        ops = conn.execute(delete(OpResult).where(OpResult.created_at < op_cut)).rowcount
        # Lock the counter row first (the writers' lock): no departure can be added below us meanwhile.
        floor = conn.execute(update(FeedCounter).where(FeedCounter.id == 1).values(floor=FeedCounter.floor)
                             .returning(FeedCounter.floor)).scalar_one()
        highest = conn.execute(select(func.max(ComplaintDeparture.feed_seq))
                               .where(ComplaintDeparture.created_at < history_cut)).scalar_one()
        departures = 0
        if highest is not None:
            departures = conn.execute(delete(ComplaintDeparture)
                                      .where(ComplaintDeparture.feed_seq <= highest)).rowcount
            floor = max(int(floor), int(highest))
            conn.execute(update(FeedCounter).where(FeedCounter.id == 1).values(floor=floor, floor_at=now))
    parts = 0
    root = blobs_dir or default_root(engine)
    if root.is_dir():
        part_cut = time.time() - _days("LAPOR_HUB_PART_DAYS", 7) * 86400
        for part in root.glob("*.part"):
            if part.stat().st_mtime < part_cut:
                part.unlink(missing_ok=True)
                with engine.begin() as conn:
                    conn.execute(delete(Blob).where(Blob.sha256 == part.name[:-5], Blob.complete.is_(False)))
                parts += 1
    return {"op_results": ops, "departures": departures, "feed_floor": int(floor), "parts": parts}
