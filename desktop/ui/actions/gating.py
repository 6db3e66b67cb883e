"""Which actions the signed-in user may take on a complaint, and why not (no Qt here).

This mirrors what the hub enforces (desktop.domain.roles and statuses) so the desk never offers an action that
would only come back ``forbidden`` or ``wrong_state``; the hub stays the authority.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.domain.ops import OpKind
from desktop.domain.roles import can, can_approve, followup_writers
from desktop.domain.statuses import (
    SUBMITTABLE,
    FollowupState,
    MoveRefusal,
    Status,
    hand_move_refusal,
    hand_moves,
    is_open,
)

# A complaint in these states takes no new work (it left the OPD, or it is closed).
NO_APPEND = frozenset({Status.SELESAI, Status.DIKEMBALIKAN, Status.ARSIP})

ACTION_KEYS = ("dispose", "followup", "note", "assign", "claim", "status", "attach")


@dataclass(frozen=True)
class Gate:
    allowed: bool
    reason: str = ""  # why not: no_complaint | role | status | already_mine | no_moves | own_followup | state


ALLOWED = Gate(True)


def _status(detail: Any) -> Status | None:
    try:
        return Status(str(getattr(detail, "status", "")))
    except ValueError:
        return None


def has_published_followup(detail: Any) -> bool:
    """Whether the complaint has a published follow-up, as this desk sees it (an approval still in the outbox
    counts: the hub applies it before a status change queued after it)."""
    followups = getattr(detail, "followups", ())
    return any((getattr(f, "data", None) or {}).get("state") == FollowupState.PUBLISHED for f in followups)


def status_moves(status: str, *, published_followup: bool) -> list[Status]:
    """The statuses a user may set by hand from ``status`` now, in lifecycle order (the hub's rule)."""
    try:
        return hand_moves(status, published_followup=published_followup)
    except (KeyError, ValueError):
        return []


def held_back_moves(status: str, *, published_followup: bool) -> list[Status]:
    """Moves of the lifecycle from ``status`` that wait for a published follow-up (closing as selesai)."""
    try:
        refusals = {s: hand_move_refusal(status, s, published_followup=published_followup) for s in Status}
    except (KeyError, ValueError):
        return []
    return [s for s, refusal in refusals.items() if refusal is MoveRefusal.NO_FOLLOWUP]


def complaint_gates(role: str, user_id: str | None, detail: Any | None) -> dict[str, Gate]:
    if detail is None:
        return {key: Gate(False, "no_complaint") for key in ACTION_KEYS}
    status = _status(detail)
    published = has_published_followup(detail)
    open_ = status is not None and is_open(status)
    takes_work = status is not None and status not in NO_APPEND

    def gate(action: OpKind, status_ok: bool) -> Gate:
        if not can(role, action):
            return Gate(False, "role")
        return ALLOWED if status_ok else Gate(False, "status")

    gates = {
        "dispose": gate(OpKind.DISPOSITION_CREATE, open_),
        "followup": gate(OpKind.FOLLOWUP_CREATE, takes_work),
        "note": gate(OpKind.NOTE_ADD, takes_work),
        "assign": gate(OpKind.COMPLAINT_ASSIGN, open_),
        "claim": gate(OpKind.COMPLAINT_CLAIM, open_),
        "status": gate(
            OpKind.COMPLAINT_STATUS, bool(status and status_moves(status, published_followup=published))
        ),
        "attach": gate(OpKind.ATTACHMENT_ADD, takes_work),
    }
    if gates["claim"].allowed and getattr(detail, "assignee_id", None):
        mine = getattr(detail, "assignee_id", None) == user_id
        gates["claim"] = Gate(False, "already_mine" if mine else "assigned")
    if gates["status"].reason == "status" and status is not None and is_open(status):
        gates["status"] = Gate(False, "no_moves")
    return gates


@dataclass(frozen=True)
class FollowUpGates:
    edit: Gate
    submit: Gate
    approve: Gate  # also gates "return"


def followup_gates(role: str, user_id: str | None, followup: Mapping[str, Any] | None) -> FollowUpGates:
    """What the editor offers for ``followup`` (its data as this desk sees it: state, author_id, writer_ids with
    this user's own unsent edits counted), or for a new draft when None."""
    state = str((followup or {}).get("state") or FollowupState.DRAFT)
    if followup is None:
        edit = ALLOWED if can(role, OpKind.FOLLOWUP_CREATE) else Gate(False, "role")
    elif not can(role, OpKind.FOLLOWUP_EDIT):
        edit = Gate(False, "role")
    else:
        edit = ALLOWED if state in SUBMITTABLE else Gate(False, "state")
    if not can(role, OpKind.FOLLOWUP_SUBMIT):
        submit = Gate(False, "role")
    else:
        submit = ALLOWED if state in SUBMITTABLE else Gate(False, "state")
    if not can(role, OpKind.FOLLOWUP_APPROVE):
        approve = Gate(False, "role")
    elif followup is None or state != FollowupState.SUBMITTED:
        approve = Gate(False, "state")
    elif not can_approve(role, user_id or "", followup_writers(followup)):
        approve = Gate(False, "own_followup")
    else:
        approve = ALLOWED
    return FollowUpGates(edit, submit, approve)
