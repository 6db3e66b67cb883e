"""Retention (docs/protocol.md, "Retention"): stored op results, the change history floor, blobs, tokens.

- Op results older than `LAPOR_HUB_OP_RESULT_DAYS` (default 90) are deleted: a retry older than that is judged again.
- Departure tombstones older than `LAPOR_HUB_HISTORY_DAYS` (default 30) are deleted and the feed floor is raised to
  the highest position removed; a cursor in (0, floor) then answers 410 `cursor_expired`.
- Incomplete uploads untouched for `LAPOR_HUB_PART_DAYS` (default 7) are discarded.
- Complete blobs that no attachment refers to, `LAPOR_HUB_ORPHAN_DAYS` (default 7) after their last upload, are
  removed (an attachment.add that comes later is answered `blob_missing`, and the desk uploads the file again).
- Tokens `LAPOR_HUB_TOKEN_DAYS` (default 1) past their expiry are deleted, rotated and revoked ones included: a
  rotated refresh token is kept as long as it would have lived, so that its replay is still recognised.
- Sign-in throttle rows quiet for longer than the guard's window (`LAPOR_HUB_SIGNIN_WINDOW`: no failure, no lock, no
  attempt being checked) are deleted: the guard has forgotten their streak already.
Runs on `lapor-hub prune` and on every `lapor-hub serve` start.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, delete, exists, func, or_, select, update
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import ColumnElement

from server.blobs import SHA_RE, BlobStore, default_root
from server.models import (
    Attachment,
    Blob,
    BlobOwner,
    ComplaintDeparture,
    FeedCounter,
    OpResult,
    SignInThrottle,
    Token,
    utcnow,
)
from server.sign_in_guard import GuardSettings


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
    token_cut = now - dt.timedelta(days=_days("LAPOR_HUB_TOKEN_DAYS", 1))
    # A sign-in streak quiet for longer than the guard's window is forgotten anyway (server/sign_in_guard.py): its
    # row only grows the table (every mistyped or guessed username makes one).
    quiet_cut = now - dt.timedelta(seconds=GuardSettings.from_env().window)
    with engine.begin() as conn:
        tokens = conn.execute(delete(Token).where(Token.expires_at < token_cut)).rowcount
        throttles = conn.execute(delete(SignInThrottle).where(
            or_(SignInThrottle.locked_until.is_(None), SignInThrottle.locked_until < quiet_cut),
            or_(SignInThrottle.last_failure_at.is_(None), SignInThrottle.last_failure_at < quiet_cut),
            or_(SignInThrottle.pending_at.is_(None), SignInThrottle.pending_at < quiet_cut))).rowcount
    store = BlobStore(blobs_dir or default_root(engine))
    orphans = _orphan_blobs(engine, store, now - dt.timedelta(days=_days("LAPOR_HUB_ORPHAN_DAYS", 7)))
    part_cut = now - dt.timedelta(days=_days("LAPOR_HUB_PART_DAYS", 7))
    parts = _stale_parts(engine, store, part_cut)
    strays = _stray_files(engine, store, part_cut)
    return {"op_results": ops, "departures": departures, "feed_floor": int(floor), "parts": parts,
            "orphan_blobs": orphans, "stray_files": strays, "tokens": tokens, "sign_in_throttles": throttles}


def _orphan(sha: str | InstrumentedAttribute[str], cut: dt.datetime) -> ColumnElement[bool]:
    """No attachment refers to the blob, and nobody has finished uploading it since `cut`."""
    return and_(
        ~exists().where(Attachment.sha256 == sha),
        ~exists().where(BlobOwner.sha256 == sha, BlobOwner.completed_at >= cut),
        func.coalesce(Blob.completed_at, Blob.created_at) < cut,
    )


def _orphan_blobs(engine: Engine, store: BlobStore, cut: dt.datetime) -> int:
    with engine.begin() as conn:
        candidates = conn.execute(select(Blob.sha256).where(_orphan(Blob.sha256, cut))).scalars().all()
    removed = 0
    for sha in candidates:
        with engine.connect() as conn:
            tx = conn.begin()
            aside: Path | None = None
            try:
                # The row lock first: an attachment.add (or an upload proving these bytes) holding it is waited
                # for, and the check below, a statement of its own, then sees what that transaction committed.
                if conn.execute(select(Blob.sha256).where(Blob.sha256 == sha).with_for_update()).first() is None:
                    tx.rollback()
                    continue
                if conn.execute(select(Blob.sha256).where(Blob.sha256 == sha, _orphan(sha, cut))).first() is None:
                    tx.rollback()
                    continue
                conn.execute(delete(BlobOwner).where(BlobOwner.sha256 == sha, BlobOwner.completed_at.is_not(None)))
                conn.execute(delete(Blob).where(Blob.sha256 == sha))
                # Out of its name before the row goes: an upload that places these bytes again after our commit
                # writes a new file, which nothing here touches.
                try:
                    aside = store.set_aside(sha)
                except OSError:  # held open where that forbids a rename (Windows): next time
                    tx.rollback()
                    continue
                tx.commit()
            except BaseException:
                if tx.is_active:
                    tx.rollback()
                if aside is not None:
                    store.put_back(aside, sha)
                raise
        if aside is not None:
            aside.unlink(missing_ok=True)
        removed += 1
    return removed


def _mtime(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except FileNotFoundError:
        return None


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _stale_parts(engine: Engine, store: BlobStore, cut: dt.datetime) -> int:
    """Uploads under way untouched since `cut`: their part's last write, else when they started."""
    with engine.begin() as conn:
        started = conn.execute(select(BlobOwner.sha256, BlobOwner.user_id, BlobOwner.created_at)
                               .where(BlobOwner.completed_at.is_(None))).all()
    removed = 0
    for sha, user_id, created_at in started:
        part = store.part(sha, user_id)
        if (_mtime(part) or _aware(created_at)) >= cut:
            continue
        with engine.begin() as conn:
            conn.execute(delete(BlobOwner).where(BlobOwner.sha256 == sha, BlobOwner.user_id == user_id,
                                                 BlobOwner.completed_at.is_(None)))
        part.unlink(missing_ok=True)
        removed += 1
    return removed


def _stray_files(engine: Engine, store: BlobStore, cut: dt.datetime) -> int:
    """Files no row accounts for, untouched since `cut`: parts of the old `<sha>.part` layout or whose row is gone,
    a blob whose row was never committed, a removal interrupted between its commit and its unlink. (A file an upload
    places is as fresh as its last chunk, and one set aside keeps its row until its removal commits.)"""
    if not store.root.is_dir():
        return 0
    stale: list[tuple[Path, str, str]] = []
    for path in store.root.iterdir():
        sha, _, rest = path.name.partition(".")
        touched = _mtime(path)
        if SHA_RE.match(sha) and touched is not None and touched < cut:
            stale.append((path, sha, rest))
    if not stale:
        return 0
    with engine.begin() as conn:
        blobs = set(conn.execute(select(Blob.sha256)).scalars())
        uploads = {(sha, user_id) for sha, user_id in conn.execute(select(BlobOwner.sha256, BlobOwner.user_id))}
    removed = 0
    for path, sha, rest in stale:
        if rest == "part" or rest.endswith(".part"):
            held = (sha, rest[: -len(".part")]) in uploads
        elif rest == "" or rest.endswith(".trash"):
            held = sha in blobs
        else:
            continue
        if not held:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
