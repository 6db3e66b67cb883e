"""Turn an exception from the core into one sentence in the user's language (never a traceback, never the core's
English): the error kinds of the network and the replica, the replica's refusals of an action (``Refusal``) and
the attachment policy's problems, each through one mapping with a fallback sentence."""

from __future__ import annotations

import enum
import math
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from desktop.store.errors import (
    ActionRefused,
    KeyringUnavailable,
    NotFound,
    Refusal,
    ReplicaLocked,
    ReplicaTooNew,
)
from desktop.ui.i18n import followup_state_label, status_label


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
    NOT_FOUND = "not_found"  # the complaint or record is not in the replica (it left the OPD)
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
    if isinstance(exc, NotFound):
        return ErrorKind.NOT_FOUND
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
        ErrorKind.NOT_FOUND: QCoreApplication.translate(
            "Errors", "This complaint is no longer in the desk's data: it may have left your OPD."
        ),
        ErrorKind.OTHER: QCoreApplication.translate(
            "Errors", "Something went wrong. Try again; if it keeps happening, contact your coordinator."
        ),
    }
    return messages[kind]


def refusal_message(code: Refusal | str, details: Mapping[str, str] | None = None) -> str:
    """The sentence for a refusal of the replica (``desktop.store.errors.Refusal``) with its details filled in;
    a code this build has no sentence for still reads as a sentence."""
    details = details or {}
    if code == Refusal.FOLLOWUP_STATE:
        return _followup_state_message(details.get("action", ""), details.get("state", ""))
    if code == Refusal.NOT_BY_HAND:
        return QCoreApplication.translate(
            "Refusal", "The status “%1” is not set by hand: LAPOR! sets it by its own rules."
        ).replace("%1", status_label(details.get("status", "")))
    messages: dict[str, str] = {
        Refusal.NOTE_NEEDS_TEXT: QCoreApplication.translate(
            "Refusal", "Write the note first: an empty note is not saved."
        ),
        Refusal.DISPOSITION_NEEDS_TARGET: QCoreApplication.translate(
            "Refusal", "Choose the sub-unit or the team member the complaint goes to."
        ),
        Refusal.EXTERNAL_NEEDS_REASON: QCoreApplication.translate(
            "Refusal", "Give the reason the complaint is not the OPD's authority."
        ),
        Refusal.ASSIGN_NEEDS_ASSIGNEE: QCoreApplication.translate(
            "Refusal", "Choose the team member to assign the complaint to."
        ),
        Refusal.FOLLOWUP_NEEDS_TEXT: QCoreApplication.translate(
            "Refusal", "Write the follow-up first: an empty follow-up is not saved."
        ),
        Refusal.FOUR_EYES: QCoreApplication.translate(
            "Refusal",
            "You wrote or changed this follow-up's text: another supervisor must approve or return it "
            "(four eyes).",
        ),
        Refusal.RETURN_NEEDS_REASON: QCoreApplication.translate(
            "Refusal", "Give the reason the follow-up goes back to the drafter."
        ),
        Refusal.MERGE_NEEDS_TEXT: QCoreApplication.translate(
            "Refusal", "Write the merged text first: an empty merge is not sent."
        ),
        Refusal.LEFT_THE_OPD: QCoreApplication.translate(
            "Refusal",
            "The complaint has left the OPD: this change cannot be sent any more. Copy what you wrote, then "
            "drop the change.",
        ),
        Refusal.FOLLOWUP_CHANGED: QCoreApplication.translate(
            "Refusal",
            "The follow-up changed after you read it: read the new text, then approve that one.",
        ),
    }
    return messages.get(
        code, QCoreApplication.translate("Refusal", "The action was refused; nothing was saved.")
    )


def _followup_state_message(action: str, state: str) -> str:
    messages = {
        "edit": QCoreApplication.translate(
            "Refusal", "This follow-up is %1 now: it can no longer be edited."
        ),
        "submit": QCoreApplication.translate(
            "Refusal", "This follow-up is %1 now: it cannot be submitted for approval."
        ),
        "approve": QCoreApplication.translate(
            "Refusal", "This follow-up is %1 now: only a submitted follow-up can be approved."
        ),
        "return": QCoreApplication.translate(
            "Refusal", "This follow-up is %1 now: only a submitted follow-up can be returned."
        ),
    }
    text = messages.get(
        action, QCoreApplication.translate("Refusal", "This follow-up is %1 now: this cannot be done to it.")
    )
    return text.replace("%1", followup_state_label(state).lower())


def attachment_problem_message(problem: str, filename: str) -> str:
    """The sentence for a file the attachment policy refuses (``desktop.domain.attachments.classify``'s codes,
    and ``missing`` for a file that cannot be read), naming the file."""
    messages = {
        "too_large": QCoreApplication.translate(
            "AttachmentProblem",
            "“%1” is larger than 2 MB, the most LAPOR! accepts for one attachment. Nothing was added.",
        ),
        "type": QCoreApplication.translate(
            "AttachmentProblem",
            "“%1” is not a file type LAPOR! accepts (images, PDF, office documents, audio, video, zip). "
            "Nothing was added.",
        ),
        "mismatch": QCoreApplication.translate(
            "AttachmentProblem", "“%1” does not contain what its name says. Nothing was added."
        ),
        "empty": QCoreApplication.translate("AttachmentProblem", "“%1” is empty. Nothing was added."),
        "missing": QCoreApplication.translate("AttachmentProblem", "“%1” cannot be read. Nothing was added."),
    }
    text = messages.get(problem, QCoreApplication.translate("AttachmentProblem", "“%1” cannot be attached."))
    return text.replace("%1", filename)


def describe(exc: BaseException) -> str:
    if isinstance(exc, ActionRefused):
        return refusal_message(exc.code, exc.details)
    retry_after = getattr(exc, "retry_after", None)
    return error_message(classify_error(exc), retry_after if isinstance(retry_after, int | float) else None)
