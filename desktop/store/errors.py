"""Errors of the replica that the UI and the CLI turn into one clear message (never a traceback)."""

from __future__ import annotations

from enum import StrEnum


class StoreError(Exception):
    """Base of every replica error."""


class KeyringUnavailable(StoreError):
    """The OS keyring cannot be used here: ask the user for a passphrase instead."""


class ReplicaLocked(StoreError):
    """The replica cannot be opened with this key (wrong key or passphrase, or not a replica at all)."""


class ReplicaTooNew(StoreError):
    """The replica was written by a newer LAPOR! Desk than this one."""


class NotFound(StoreError, LookupError):
    """No such complaint or record in the replica (it left the OPD, or the id is wrong)."""


class Refusal(StrEnum):
    """Why the replica refused a user's action before writing anything: a code, never a sentence. The UI says
    each in the user's language (``desktop.ui.errors.refusal_message``); the hub's own refusals are op reasons."""

    NOTE_NEEDS_TEXT = "note_needs_text"
    DISPOSITION_NEEDS_TARGET = "disposition_needs_target"  # an internal disposition: a sub-unit or a member
    EXTERNAL_NEEDS_REASON = "external_needs_reason"  # "bukan wewenang" says why
    ASSIGN_NEEDS_ASSIGNEE = "assign_needs_assignee"
    NOT_BY_HAND = "not_by_hand"  # details: status (only the hub's own rules move a complaint there)
    FOLLOWUP_NEEDS_TEXT = "followup_needs_text"
    FOLLOWUP_STATE = (
        "followup_state"  # details: state (the follow-up's) and action (edit, submit, approve ...)
    )
    FOUR_EYES = "four_eyes"  # a supervisor who wrote or changed the text approves or returns it
    RETURN_NEEDS_REASON = "return_needs_reason"
    MERGE_NEEDS_TEXT = "merge_needs_text"  # resolving a conflict by merging, with nothing merged
    LEFT_THE_OPD = "left_the_opd"  # a change to a complaint that left the OPD can only be copied, then dropped
    FOLLOWUP_CHANGED = "followup_changed"  # re-sending an approval of a text that changed since it was read


class ActionRefused(StoreError, ValueError):
    """A user action the replica refuses (nothing was written). A ``ValueError`` so callers that catch bad input
    keep working; ``str()`` is the code and its details, for logs only: users read ``refusal_message``."""

    def __init__(self, code: Refusal, **details: str) -> None:
        self.code = code
        self.details = details
        extra = ", ".join(f"{k}={v}" for k, v in sorted(details.items()))
        super().__init__(f"{code.value} ({extra})" if extra else code.value)
