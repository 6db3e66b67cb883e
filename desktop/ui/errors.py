"""Turn an exception from the core into one sentence in the user's language (never a traceback)."""

from __future__ import annotations

import enum
import math

from PySide6.QtCore import QCoreApplication

from desktop.store.errors import KeyringUnavailable, ReplicaLocked, ReplicaTooNew


class ErrorKind(enum.Enum):
    BAD_CREDENTIALS = "bad_credentials"
    UNREACHABLE = "unreachable"
    KEYRING_UNAVAILABLE = "keyring_unavailable"
    REPLICA_LOCKED = "replica_locked"
    REPLICA_TOO_NEW = "replica_too_new"
    SESSION_EXPIRED = "session_expired"
    SERVER_BUSY = "server_busy"
    SIGN_IN_LOCKED = "sign_in_locked"  # 429 on sign-in: too many failed attempts for this account or address
    SIGN_IN_BUSY = "sign_in_busy"  # 503 on sign-in: the hub's password checks are all taken
    PROTOCOL = "protocol"
    WORKING_OFFLINE = "working_offline"
    OTHER = "other"


# Class names of the transport's errors, matched by name so this module does not depend on their module path.
_BY_NAME = {
    "BadCredentials": ErrorKind.BAD_CREDENTIALS,
    "InvalidCredentials": ErrorKind.BAD_CREDENTIALS,
    "AuthError": ErrorKind.BAD_CREDENTIALS,
    "ServerUnreachable": ErrorKind.UNREACHABLE,
    "Unreachable": ErrorKind.UNREACHABLE,
    "Offline": ErrorKind.UNREACHABLE,
    "NetworkError": ErrorKind.UNREACHABLE,
    "SessionExpired": ErrorKind.SESSION_EXPIRED,
    "NotSignedIn": ErrorKind.SESSION_EXPIRED,
    "UpgradeRequired": ErrorKind.PROTOCOL,
    "RateLimited": ErrorKind.SERVER_BUSY,
    "ServiceUnavailable": ErrorKind.SERVER_BUSY,
    "ProtocolMismatch": ErrorKind.PROTOCOL,
    "IncompatibleServer": ErrorKind.PROTOCOL,
    "NetworkDisabled": ErrorKind.WORKING_OFFLINE,
    "WorkingOffline": ErrorKind.WORKING_OFFLINE,
}


def classify_error(exc: BaseException) -> ErrorKind:
    if isinstance(exc, KeyringUnavailable):
        return ErrorKind.KEYRING_UNAVAILABLE
    if isinstance(exc, ReplicaLocked):
        return ErrorKind.REPLICA_LOCKED
    if isinstance(exc, ReplicaTooNew):
        return ErrorKind.REPLICA_TOO_NEW
    code = getattr(exc, "code", None)
    if code == "bad_credentials":
        return ErrorKind.BAD_CREDENTIALS
    if code == "sign_in_locked":
        return ErrorKind.SIGN_IN_LOCKED
    if code == "sign_in_busy":
        return ErrorKind.SIGN_IN_BUSY
    if code in ("token_expired", "unauthenticated"):
        return ErrorKind.SESSION_EXPIRED
    for cls in type(exc).__mro__:
        if cls.__name__ in _BY_NAME:
            return _BY_NAME[cls.__name__]
    try:
        import requests

        if isinstance(exc, requests.ConnectionError | requests.Timeout):
            return ErrorKind.UNREACHABLE
    except ImportError:  # pragma: no cover
        pass
    if isinstance(exc, ConnectionError | TimeoutError):
        return ErrorKind.UNREACHABLE
    return ErrorKind.OTHER


def sign_in_locked_message(retry_after: float | None) -> str:
    """Whole minutes, rounded up: "try again in 0 minutes" would send the user straight back into the lock."""
    minutes = max(1, math.ceil((retry_after if retry_after is not None else 60.0) / 60.0))
    return QCoreApplication.translate(
        "Errors", "Too many failed sign-in attempts. Try again in %n minute(s).", None, minutes
    )


def error_message(kind: ErrorKind, retry_after: float | None = None) -> str:
    """`retry_after`: the hub's Retry-After in seconds, for the kinds that say how long to wait."""
    if kind is ErrorKind.SIGN_IN_LOCKED:
        return sign_in_locked_message(retry_after)
    messages = {
        ErrorKind.BAD_CREDENTIALS: QCoreApplication.translate("Errors", "Wrong username or password."),
        ErrorKind.UNREACHABLE: QCoreApplication.translate(
            "Errors",
            "The server cannot be reached. Check the address and your internet connection, then try again.",
        ),
        ErrorKind.KEYRING_UNAVAILABLE: QCoreApplication.translate(
            "Errors",
            "This computer has no keyring to keep the key of your local data. Enter a passphrase to protect it instead.",
        ),
        ErrorKind.REPLICA_LOCKED: QCoreApplication.translate(
            "Errors", "The local data cannot be opened with this passphrase."
        ),
        ErrorKind.REPLICA_TOO_NEW: QCoreApplication.translate(
            "Errors",
            "The local data was written by a newer LAPOR! Desk. Install the newer version to open it.",
        ),
        ErrorKind.SESSION_EXPIRED: QCoreApplication.translate(
            "Errors", "Your session has expired. Sign in again."
        ),
        ErrorKind.SERVER_BUSY: QCoreApplication.translate(
            "Errors", "The server is busy. LAPOR! Desk will try again later; your work is kept here."
        ),
        ErrorKind.SIGN_IN_BUSY: QCoreApplication.translate(
            "Errors", "The server is busy checking other sign-ins. Try again in a moment."
        ),
        ErrorKind.PROTOCOL: QCoreApplication.translate(
            "Errors", "This server speaks a different protocol version. Update LAPOR! Desk."
        ),
        ErrorKind.WORKING_OFFLINE: QCoreApplication.translate(
            "Errors", "Work offline is on: nothing is sent or fetched until you turn it off."
        ),
        ErrorKind.OTHER: QCoreApplication.translate(
            "Errors", "Something went wrong. Try again; if it keeps happening, contact your coordinator."
        ),
    }
    return messages[kind]


def describe(exc: BaseException) -> str:
    retry_after = getattr(exc, "retry_after", None)
    return error_message(classify_error(exc), retry_after if isinstance(retry_after, int | float) else None)
