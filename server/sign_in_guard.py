"""The failed sign-in throttle: per account and per client address, with exponential lock-outs, in the database.

Every hub process shares one database, so the counters live there (table `sign_in_throttles`), never only in memory.
An attempt is admitted *before* its password is hashed and counted as pending until its check ends: failures and
pending attempts together never pass the threshold, so a burst of parallel guesses cannot slip past it while their
hashes run. Only a failure counts towards a lock: a burst of sign-ins still being checked (a whole office at eight,
one account on two desks) is asked to wait a moment (503 busy), never locked out. A success resets the account and
takes its pending attempt back from the address. A pending count older than PENDING_TTL is dropped (the process
that was checking it died).

Per row (one account or one address), with threshold T: up to T attempts are admitted; the next one is refused and
locks the row for `lock` seconds, every further lock of the same streak `growth` times longer, at most `lock_max`.
After a lock runs out one attempt is admitted again (a mistyped retry), and if it fails too the next one locks again.
A streak is forgotten after `window` seconds without a failure (counted from the end of its last lock).
While a row is locked every attempt, the right password too, is refused without hashing and without counting.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import os
import threading
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Engine, delete, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, sessionmaker

from server.db import is_sqlite, read_snapshot
from server.models import SignInThrottle, utcnow

ACCOUNT, ADDRESS = "account", "address"
SEEN_LOCKS_MAX = 10_000
PENDING_TTL = 60.0  # seconds: no password check takes this long, even queued behind others
BUSY_WAIT = 2.0  # seconds a sign-in waits while others of the same account or address are being checked


@dataclass(frozen=True)
class Refusal:
    """Why an attempt is not admitted: a lock (429, counts towards nothing) or others still being checked (503)."""

    wait: float
    locked: bool


def _env(name: str, default: float) -> float:
    return float(os.environ.get(f"LAPOR_HUB_SIGNIN_{name}", str(default)))


@dataclass(frozen=True)
class GuardSettings:
    """Defaults for an OPD: a colleague mistyping five times waits a minute; a guesser gets about two tries an hour.

    The address limit is high because a whole office signs in from one NAT address (and every test from 127.0.0.1).
    """

    account_failures: int = 5
    address_failures: int = 50
    window: float = 900.0
    lock: float = 60.0
    growth: float = 2.0
    lock_max: float = 1800.0

    @classmethod
    def from_env(cls) -> GuardSettings:
        d = cls()
        return cls(account_failures=int(_env("ACCOUNT_FAILURES", d.account_failures)),
                   address_failures=int(_env("ADDRESS_FAILURES", d.address_failures)),
                   window=_env("WINDOW", d.window), lock=_env("LOCK", d.lock), growth=_env("LOCK_GROWTH", d.growth),
                   lock_max=_env("LOCK_MAX", d.lock_max))

    def lock_for(self, locks: int) -> float:
        return float(min(self.lock_max, self.lock * self.growth ** max(0, locks - 1)))


def _key(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def _among(keys: list[tuple[str, str]]) -> ColumnElement[bool]:
    return tuple_(SignInThrottle.scope, SignInThrottle.key).in_(keys)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def retry_after_seconds(wait: float) -> int:
    """Whole seconds for `Retry-After`, never 0 (0 would invite an immediate retry into the lock)."""
    return max(1, math.ceil(wait))


class SignInGuard:
    """The database holds the truth; each process also remembers the locks it has seen until they end, so a flood
    against a locked account or address is refused without a database round trip (a lock never ends early: during
    it nothing is admitted that could reset it)."""

    def __init__(self, engine: Engine, sessions: sessionmaker[Session], settings: GuardSettings) -> None:
        self.engine = engine
        self.sessions = sessions
        self.settings = settings
        self._seen_locks: dict[tuple[str, str], dt.datetime] = {}
        self._seen_lock = threading.Lock()

    def known_lock(self, username: str, address: str) -> float | None:
        """Seconds left of a lock this process has already seen for the account or the address, else None."""
        now = utcnow()
        keys = [(scope, key) for scope, key, _ in self._rows(username, address)]
        with self._seen_lock:
            ends = [end for end in (self._seen_locks.get(k) for k in keys) if end is not None and end > now]
        return (max(ends) - now).total_seconds() if ends else None

    def _saw_locks(self, locks: dict[tuple[str, str], dt.datetime]) -> None:
        now = utcnow()
        with self._seen_lock:
            if len(self._seen_locks) > SEEN_LOCKS_MAX:  # a flood of new names: keep only the running locks
                self._seen_locks = {k: end for k, end in self._seen_locks.items() if end > now}
            self._seen_locks.update(locks)

    def _rows(self, username: str, address: str) -> list[tuple[str, str, int]]:
        s = self.settings
        return [(ACCOUNT, _key(username), s.account_failures), (ADDRESS, _key(address), s.address_failures)]

    def locked(self, username: str, address: str) -> float | None:
        """Seconds left of a lock of the account or the address, read without a write lock (a flood against a
        locked account must not queue behind writers); None when neither is locked."""
        keys = [(scope, key) for scope, key, _ in self._rows(username, address)]
        now = utcnow()
        with read_snapshot(self.engine) as session:
            locks = {(r.scope, r.key): _aware(r.locked_until)
                     for r in session.scalars(select(SignInThrottle).where(_among(keys)))
                     if r.locked_until is not None and _aware(r.locked_until) > now}
        if not locks:
            return None
        self._saw_locks(locks)
        return (max(locks.values()) - now).total_seconds()

    def admit(self, username: str, address: str) -> Refusal | None:
        """None: go on and check the password (the attempt is pending meanwhile: `failed`, `succeeded` or
        `not_checked` ends it); else why not and for how long."""
        with self.sessions() as session, session.begin():
            return self._admit(session, self._rows(username, address), utcnow())

    def _admit(self, session: Session, rows: list[tuple[str, str, int]], now: dt.datetime) -> Refusal | None:
        insert = sqlite_insert if is_sqlite(self.engine) else pg_insert
        session.execute(insert(SignInThrottle).values(
            [{"scope": scope, "key": key, "failures": 0, "locks": 0, "pending": 0} for scope, key, _ in rows]
        ).on_conflict_do_nothing())
        found = {(r.scope, r.key): r for r in session.scalars(
            select(SignInThrottle).where(_among([(scope, key) for scope, key, _ in rows]))
            # One lock order everywhere (here and in _take_back): two sign-ins never wait on each other in a circle.
            .order_by(SignInThrottle.scope, SignInThrottle.key).with_for_update())}
        refusals = [r for r in (self._refusal(found[(scope, key)], threshold, now) for scope, key, threshold in rows)
                    if r is not None]
        if refusals:
            self._saw_locks({k: _aware(r.locked_until) for k, r in found.items()
                             if r.locked_until is not None and _aware(r.locked_until) > now})
            locks = [r for r in refusals if r.locked]
            return max(locks or refusals, key=lambda r: r.wait)
        for scope, key, _ in rows:
            found[(scope, key)].pending += 1
            found[(scope, key)].pending_at = now
        return None

    def _refusal(self, row: SignInThrottle, threshold: int, now: dt.datetime) -> Refusal | None:
        s = self.settings
        if row.locked_until is not None and _aware(row.locked_until) > now:
            return Refusal((_aware(row.locked_until) - now).total_seconds(), locked=True)
        quiet_since = max((_aware(t) for t in (row.last_failure_at, row.locked_until) if t is not None), default=None)
        if quiet_since is not None and (now - quiet_since).total_seconds() > s.window:
            row.failures, row.locks = 0, 0
        if row.pending_at is None or (now - _aware(row.pending_at)).total_seconds() > PENDING_TTL:
            row.pending = 0
        if row.failures >= threshold:
            row.locks += 1
            duration = s.lock_for(row.locks)
            row.locked_until = now + dt.timedelta(seconds=duration)
            row.failures = threshold - 1
            return Refusal(duration, locked=True)
        if row.failures + row.pending >= threshold:
            return Refusal(BUSY_WAIT, locked=False)
        return None

    def failed(self, username: str, address: str) -> None:
        """The password did not check out: the pending attempt becomes a failure of the account and the address."""
        now = utcnow()
        with self.sessions() as session, session.begin():
            for row in self._locked_rows(session, [(scope, key) for scope, key, _ in self._rows(username, address)]):
                row.pending = max(0, row.pending - 1)
                row.failures += 1
                row.last_failure_at = now

    def succeeded(self, session: Session, username: str, address: str) -> None:
        """The password checked out (inside the transaction that issues the tokens)."""
        session.execute(delete(SignInThrottle).where(_among([(ACCOUNT, _key(username))])))
        self._take_back(session, [(ADDRESS, _key(address))])

    def not_checked(self, username: str, address: str) -> None:
        """The attempt was admitted but its password never checked (the hashing queue was full)."""
        with self.sessions() as session, session.begin():
            self._take_back(session, [(scope, key) for scope, key, _ in self._rows(username, address)])

    @staticmethod
    def _locked_rows(session: Session, keys: list[tuple[str, str]]) -> list[SignInThrottle]:
        # One lock order everywhere (as in _admit): two sign-ins never wait on each other in a circle.
        return list(session.scalars(select(SignInThrottle).where(_among(keys))
                                    .order_by(SignInThrottle.scope, SignInThrottle.key).with_for_update()))

    @classmethod
    def _take_back(cls, session: Session, keys: list[tuple[str, str]]) -> None:
        for row in cls._locked_rows(session, keys):
            row.pending = max(0, row.pending - 1)
