"""Signing in to a hub and keeping the session: refresh token (and, when asked, the password) in the OS keyring.

Keyring names (service ``lapor-desk``): ``refresh:<server>:<user>``, ``password:<server>:<user>``, where
``<server>`` is ``host:port``. Tokens and passwords are never logged or written to a file. Where no usable keyring
exists, :class:`KeyringUnavailable` is raised before anything is sent, unless the caller accepts a session that
lasts only while the app runs (``allow_no_keyring=True``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from desktop.paths import device_id as _device_id
from desktop.paths import server_key
from desktop.store.errors import KeyringUnavailable
from desktop.store.keys import keyring_delete, keyring_get, keyring_set
from desktop.sync.transport import AuthError, Transport

__all__ = [
    "KeyringUnavailable",
    "SignIn",
    "device_id",
    "forget",
    "keyring_usable",
    "resume",
    "sign_in",
    "stored_password",
    "stored_session",
]


def device_id(data_dir: str | os.PathLike[str] | None = None) -> str:
    """This installation's device id (made once, kept in the data dir)."""
    return _device_id(data_dir)


def refresh_name(server_url: str, username: str) -> str:
    return f"refresh:{server_key(server_url)}:{username}"


def password_name(server_url: str, username: str) -> str:
    return f"password:{server_key(server_url)}:{username}"


@dataclass
class SignIn:
    transport: Transport
    user: dict[str, Any]
    stored: bool  # the refresh token is in the keyring (the session survives a restart)


def keyring_usable() -> bool:
    try:
        keyring_get("probe:lapor-desk")
        return True
    except KeyringUnavailable:
        return False


def _saver(server_url: str, username: str, enabled: bool) -> Any:
    def save(token: str) -> None:
        if enabled:
            keyring_set(refresh_name(server_url, username), token)

    return save


def sign_in(
    server_url: str,
    username: str,
    password: str,
    device_id: str,
    *,
    remember_password: bool = False,
    allow_no_keyring: bool = False,
    keep_session: bool = True,
    transport: Transport | None = None,
) -> SignIn:
    """Sign in with a password. Raises AuthError (code ``bad_credentials``), NetworkError, UpgradeRequired ...,
    and KeyringUnavailable (checked first) unless ``allow_no_keyring``.

    ``keep_session=False`` ("Ingat saya" off, or the demo, whose hub moves every run): the session lasts while the
    app runs; no refresh token stays in the keyring (one stored before is forgotten)."""
    usable = keyring_usable()
    if not usable and not allow_no_keyring:
        raise KeyringUnavailable("no usable keyring: the session cannot be kept")
    t = transport or Transport(server_url, device_id)
    t.on_refresh_token = _saver(server_url, username, usable and keep_session)
    user = t.sign_in(username, password)
    if usable:
        if not keep_session:
            forget(server_url, username)
        elif remember_password:
            keyring_set(password_name(server_url, username), password)
        else:
            keyring_delete(password_name(server_url, username))
    return SignIn(transport=t, user=user, stored=usable and keep_session)


def stored_session(server_url: str, username: str, device_id: str) -> Transport | None:
    """A transport holding the refresh token kept in the keyring, without touching the network (the first request
    refreshes it), or None when none is kept. Raises KeyringUnavailable when there is no usable keyring."""
    token = keyring_get(refresh_name(server_url, username))
    if not token:
        return None
    t = Transport(server_url, device_id, on_refresh_token=_saver(server_url, username, True))
    t.use_refresh_token(token)
    return t


def resume(server_url: str, username: str, device_id: str, *, transport: Transport | None = None) -> SignIn | None:
    """A session from the refresh token in the keyring (no password), or None when there is none.
    Raises AuthError when the hub no longer accepts it (the stored token is then forgotten), NetworkError ..."""
    token = keyring_get(refresh_name(server_url, username))
    if not token:
        return None
    t = transport or Transport(server_url, device_id)
    t.use_refresh_token(token)
    t.on_refresh_token = _saver(server_url, username, True)
    try:
        user = t.refresh()
    except AuthError:
        keyring_delete(refresh_name(server_url, username))
        raise
    return SignIn(transport=t, user=user, stored=True)


def stored_password(server_url: str, username: str) -> str | None:
    try:
        return keyring_get(password_name(server_url, username))
    except KeyringUnavailable:
        return None


def forget(server_url: str, username: str) -> None:
    """Sign out on this device: drop the refresh token and the remembered password."""
    keyring_delete(refresh_name(server_url, username))
    keyring_delete(password_name(server_url, username))
