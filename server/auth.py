"""Opaque bearer tokens (only their SHA-256 is stored), rotating refresh tokens, argon2 passwords."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from server.errors import HubError
from server.feed import Reader
from server.models import Token, User, utcnow
from server.serialize import user as user_data
from server.units import scope_of_unit

REFRESH_TTL = dt.timedelta(days=30)
_hasher = PasswordHasher()


def access_ttl() -> int:
    return int(os.environ.get("LAPOR_HUB_ACCESS_TTL", "900"))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


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


def issue_tokens(session: Session, user: User, device_id: str) -> dict[str, object]:
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now, ttl = utcnow(), access_ttl()
    session.add(Token(token_hash=_digest(access), kind="access", user_id=user.id, device_id=device_id,
                      expires_at=now + dt.timedelta(seconds=ttl)))
    session.add(Token(token_hash=_digest(refresh), kind="refresh", user_id=user.id, device_id=device_id,
                      expires_at=now + REFRESH_TTL))
    return {"access_token": access, "refresh_token": refresh, "expires_in": ttl, "user": user_data(user)}


def login(session: Session, username: str, password: str, device_id: str) -> dict[str, object]:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None or not user.active or not verify_password(user.password_hash, password):
        raise HubError(401, "bad_credentials", "Wrong username or password.")
    return issue_tokens(session, user, device_id)


def refresh(session: Session, refresh_token: str, device_id: str) -> dict[str, object]:
    digest = _digest(refresh_token)
    # Revoke-by-update returns one row only to the first of two racing refreshes: rotation stays single-use.
    revoked = session.execute(
        update(Token).where(Token.token_hash == digest, Token.kind == "refresh", Token.revoked.is_(False))
        .values(revoked=True).returning(Token.user_id, Token.device_id, Token.expires_at)
    ).first()
    if revoked is None or revoked.device_id != device_id:
        raise HubError(401, "unauthenticated", "Unknown or used refresh token.")
    if _aware(revoked.expires_at) <= utcnow():
        raise HubError(401, "token_expired", "The refresh token has expired; sign in again.")
    user = session.get(User, revoked.user_id)
    if user is None or not user.active:
        raise HubError(401, "unauthenticated", "The account is no longer active.")
    return issue_tokens(session, user, device_id)


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
