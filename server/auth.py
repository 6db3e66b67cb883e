"""Opaque bearer tokens (only their SHA-256 is stored), rotating refresh tokens in families, argon2 passwords.

Sign-in (`login`): the throttle admits the attempt first (server/sign_in_guard.py), then exactly one argon2
verification runs in a bounded pool of its own, against the user's hash or, for an unknown or deactivated user, a
dummy hash with the same parameters, so the answer's timing says nothing about which usernames exist.

Refresh tokens rotate; every token of one password sign-in shares a `family_id`. Presenting a used refresh token
again revokes the whole family (a stolen copy and the original cannot both go on), with one exception for weak
links: the same device retrying within `LAPOR_HUB_REFRESH_GRACE` seconds, when the pair its first try was given has
not been used, gets a new pair and that unused pair is revoked (a lost answer). See docs/protocol.md, Auth.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import hashlib
import logging
import os
import secrets
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from anyio import to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from server.db import read_snapshot
from server.errors import HubError
from server.feed import Reader
from server.models import Token, User, new_id, utcnow
from server.serialize import user as user_data
from server.sign_in_guard import SignInGuard, retry_after_seconds
from server.units import scope_of_unit

REFRESH_TTL = dt.timedelta(days=30)
BUSY_RETRY_AFTER = 2  # seconds: a full hashing queue drains in about that
_hasher = PasswordHasher()
log = logging.getLogger("lapor_hub.auth")


def access_ttl() -> int:
    return int(os.environ.get("LAPOR_HUB_ACCESS_TTL", "900"))


def refresh_grace() -> float:
    return float(os.environ.get("LAPOR_HUB_REFRESH_GRACE", "300"))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def dummy_hash() -> str:
    """The hash an unknown or deactivated user is checked against: a random password nobody knows."""
    return _hasher.hash(secrets.token_urlsafe(24))


class PoolFull(Exception):
    """Every worker is hashing and the queue is full."""


def _yield_cpu() -> None:
    # Hashing must lose to the API for the CPU. Linux nice values are per thread (and argon2's own lane threads
    # inherit it); elsewhere PRIO_PROCESS would lower the whole hub, so leave it.
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


class PasswordPool:
    """Password verification off the API threads: `workers` hashing at once, at most `queue` more waiting;
    beyond that `verify` raises PoolFull at once rather than letting sign-ins pile up."""

    def __init__(self, workers: int | None = None, queue: int = 32,
                 verify: Callable[[str, str], bool] = verify_password) -> None:
        self.workers = workers or max(1, (os.cpu_count() or 2) // 2)
        self.capacity = self.workers + max(0, queue)
        self._verify = verify
        self._lock = threading.Lock()
        self._in_flight = 0
        self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="lapor-argon2", initializer=_yield_cpu)
        dummy_hash()  # at start-up: made on the first unknown username, that answer would be the slow one

    @classmethod
    def from_env(cls) -> PasswordPool:
        workers = int(os.environ.get("LAPOR_HUB_SIGNIN_WORKERS", "0")) or None
        return cls(workers, int(os.environ.get("LAPOR_HUB_SIGNIN_QUEUE", "32")))

    @property
    def full(self) -> bool:
        return self._in_flight >= self.capacity

    def _done(self, _future: Future[bool]) -> None:
        with self._lock:
            self._in_flight -= 1

    async def verify(self, stored: str, password: str) -> bool:
        with self._lock:
            if self._in_flight >= self.capacity:
                raise PoolFull
            self._in_flight += 1
        # Counted until the hash itself ends, not until its caller stops waiting (a client may hang up).
        future = self._executor.submit(self._verify, stored, password)
        future.add_done_callback(self._done)
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Actor:
    """The signed-in user as ops and the feed see them. `scope` None = coordinator over the whole pemda."""

    user_id: str
    username: str
    role: str
    unit_id: str
    scope: str | None
    device_id: str = ""  # the device its access token was issued to

    @property
    def reader(self) -> Reader:
        return Reader(user_id=self.user_id, scope=self.scope, device_id=self.device_id)


def actor_for(session: Session, user: User, device_id: str = "") -> Actor:
    scope = None if user.role == "coordinator" else scope_of_unit(session, user.unit_id)
    return Actor(user.id, user.username, user.role, user.unit_id, scope, device_id)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def issue_tokens(session: Session, user: User, device_id: str, family_id: str | None = None,
                 parent_hash: str | None = None) -> dict[str, object]:
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now, ttl = utcnow(), access_ttl()
    family = family_id or new_id()
    session.add(Token(token_hash=_digest(access), kind="access", user_id=user.id, device_id=device_id,
                      expires_at=now + dt.timedelta(seconds=ttl), family_id=family, parent_hash=parent_hash))
    session.add(Token(token_hash=_digest(refresh), kind="refresh", user_id=user.id, device_id=device_id,
                      expires_at=now + REFRESH_TTL, family_id=family, parent_hash=parent_hash))
    return {"access_token": access, "refresh_token": refresh, "expires_in": ttl, "user": user_data(user)}


# ---------------------------------------------------------------- sign-in


def _bad_credentials() -> HubError:
    return HubError(401, "bad_credentials", "Wrong username or password.")


def _credentials(engine: Engine, username: str) -> tuple[str | None, str]:
    """(user id, hash to check): the dummy for an unknown or deactivated user, so each costs one verification."""
    with read_snapshot(engine) as session:
        user = session.scalars(select(User).where(User.username == username)).first()
        if user is None or not user.active:
            return None, dummy_hash()
        return user.id, user.password_hash


def _signed_in(sessions: sessionmaker[Session], guard: SignInGuard, user_id: str, username: str,
               device_id: str, address: str) -> dict[str, object] | None:
    """The tokens, or None for a user deactivated while their password was being checked."""
    with sessions() as session, session.begin():
        user = session.get(User, user_id)
        if user is None or not user.active:
            return None
        guard.succeeded(session, username, address)
        return issue_tokens(session, user, device_id)


async def login(sessions: sessionmaker[Session], guard: SignInGuard, passwords: PasswordPool, username: str,
                password: str, device_id: str, address: str) -> dict[str, object]:
    """Throttle first (no hashing for a locked account or address), then one verification in the pool.

    Database steps run on worker threads, the hash in the pool: a waiting sign-in holds no API thread."""
    wait = guard.known_lock(username, address)  # no thread, no database: a flood against a lock ends here
    if wait is None:
        wait = await to_thread.run_sync(guard.locked, username, address)
    if wait is None:
        if passwords.full:  # before anything is written: a flood of new names and addresses ends here
            raise _busy()
        refusal = await to_thread.run_sync(guard.admit, username, address)
        if refusal is not None and not refusal.locked:
            raise _busy(refusal.wait)  # others of this account or address are being checked: no lock, a moment
        wait = refusal.wait if refusal is not None else None
    if wait is not None:
        seconds = retry_after_seconds(wait)
        raise HubError(429, "sign_in_locked", f"Too many failed sign-ins; try again in {seconds} s.",
                       headers={"Retry-After": str(seconds)})
    user_id, stored = await to_thread.run_sync(_credentials, guard.engine, username)
    try:
        ok = await passwords.verify(stored, password)
    except PoolFull:
        await to_thread.run_sync(guard.not_checked, username, address)
        raise _busy() from None
    tokens = None
    if ok and user_id is not None:
        tokens = await to_thread.run_sync(_signed_in, sessions, guard, user_id, username, device_id, address)
    if tokens is None:
        await to_thread.run_sync(guard.failed, username, address)
        raise _bad_credentials()
    return tokens


def _busy(wait: float = BUSY_RETRY_AFTER) -> HubError:
    return HubError(503, "sign_in_busy", "The hub is checking many sign-ins; try again in a moment.",
                    headers={"Retry-After": str(retry_after_seconds(wait))})


# ---------------------------------------------------------------- refresh


def refresh(sessions: sessionmaker[Session], refresh_token: str, device_id: str) -> dict[str, object]:
    """Rotate a refresh token. A replay revokes its family, and that revocation commits before the 401."""
    with sessions() as session, session.begin():
        outcome = _rotate(session, _digest(refresh_token), device_id)
    if isinstance(outcome, HubError):
        raise outcome
    return outcome


def _rotate(session: Session, digest: str, device_id: str) -> dict[str, object] | HubError:
    now = utcnow()
    # The first use claims the token by update: of two racing first uses only one gets the row back.
    first = session.execute(
        update(Token).where(Token.token_hash == digest, Token.kind == "refresh", Token.revoked.is_(False),
                            Token.used_at.is_(None))
        .values(used_at=now).returning(Token.user_id, Token.device_id, Token.expires_at, Token.family_id)
    ).first()
    if first is not None:
        if first.device_id != device_id:  # a refresh token is bound to its device: a copy turned up elsewhere
            return _revoke_family(session, first.family_id, "presented by another device")
        return _renew(session, first.user_id, first.expires_at, device_id, first.family_id, digest, now)
    token = session.scalars(select(Token).where(Token.token_hash == digest, Token.kind == "refresh")
                            .with_for_update()).first()
    if token is None:
        return HubError(401, "unauthenticated", "Unknown refresh token.")
    used_at = token.used_at
    if (not token.revoked and used_at is not None and token.device_id == device_id
            and (now - _aware(used_at)).total_seconds() < refresh_grace()):
        successors = list(session.scalars(select(Token).where(Token.parent_hash == digest,
                                                              Token.revoked.is_(False))))
        if not any(t.kind == "refresh" and t.used_at is not None for t in successors):
            for t in successors:  # the pair whose answer was lost: nobody may hold it, so one pair stays live
                t.revoked = True
            return _renew(session, token.user_id, token.expires_at, device_id, token.family_id, digest, now)
    return _revoke_family(session, token.family_id, "reused")


def _renew(session: Session, user_id: str, expires_at: dt.datetime, device_id: str, family_id: str,
           digest: str, now: dt.datetime) -> dict[str, object] | HubError:
    if _aware(expires_at) <= now:
        return HubError(401, "token_expired", "The refresh token has expired; sign in again.")
    user = session.get(User, user_id)
    if user is None or not user.active:
        return HubError(401, "unauthenticated", "The account is no longer active.")
    return issue_tokens(session, user, device_id, family_id, digest)


def _revoke_family(session: Session, family_id: str, why: str) -> HubError:
    ended = len(session.execute(update(Token).where(Token.family_id == family_id, Token.revoked.is_(False))
                                .values(revoked=True).returning(Token.token_hash)).all())
    log.warning("refresh token %s: revoked its family (%d live tokens)", why, ended)
    return HubError(401, "unauthenticated",
                    "This refresh token was already used; every session of that sign-in has ended. Sign in again.")


# ---------------------------------------------------------------- every other call


def authenticate(session: Session, authorization: str | None) -> Actor:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise HubError(401, "unauthenticated", "Missing bearer token.")
    token = session.get(Token, _digest(authorization[7:].strip()))
    if token is None or token.kind != "access" or token.revoked:
        raise HubError(401, "unauthenticated", "Unknown access token.")
    if _aware(token.expires_at) <= utcnow():
        raise HubError(401, "token_expired", "The access token has expired; refresh it.")
    user = session.get(User, token.user_id)
    if user is None or not user.active:
        raise HubError(401, "unauthenticated", "The account is no longer active.")
    return actor_for(session, user, token.device_id)
