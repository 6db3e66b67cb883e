"""Roles and what each may do, as the hub enforces it (docs/protocol.md, "Permissions").

The desk uses this only to show or hide actions; the hub is the authority and answers ``forbidden`` anyway.
Scope (own OPD and its sub-units; a coordinator: every OPD of the pemda) is checked elsewhere: this module
answers "may this role ever do this action".
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    STAFF = "staff"
    ADMIN = "admin"  # pejabat penghubung
    SUPERVISOR = "supervisor"  # signs off follow-ups
    COORDINATOR = "coordinator"  # admin instansi over the OPDs of the pemda


class Action(StrEnum):
    """The op kinds of the protocol."""

    NOTE_ADD = "note.add"
    FOLLOWUP_CREATE = "followup.create"
    FOLLOWUP_EDIT = "followup.edit"
    COMPLAINT_CLAIM = "complaint.claim"
    ATTACHMENT_ADD = "attachment.add"
    DISPOSITION_CREATE = "disposition.create"
    COMPLAINT_ASSIGN = "complaint.assign"
    COMPLAINT_STATUS = "complaint.status"
    FOLLOWUP_SUBMIT = "followup.submit"
    FOLLOWUP_APPROVE = "followup.approve"
    FOLLOWUP_RETURN = "followup.return"


# attachment.add is not in the protocol's permission list yet; whoever may write a note or a draft may attach
# files to it, so it sits with staff.
_STAFF = frozenset(
    {Action.NOTE_ADD, Action.FOLLOWUP_CREATE, Action.FOLLOWUP_EDIT, Action.COMPLAINT_CLAIM, Action.ATTACHMENT_ADD}
)
_ADMIN = _STAFF | {Action.DISPOSITION_CREATE, Action.COMPLAINT_ASSIGN, Action.COMPLAINT_STATUS, Action.FOLLOWUP_SUBMIT}
_SUPERVISOR = _ADMIN | {Action.FOLLOWUP_APPROVE, Action.FOLLOWUP_RETURN}

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.STAFF: _STAFF,
    Role.ADMIN: _ADMIN,
    Role.SUPERVISOR: _SUPERVISOR,
    # The protocol gives the coordinator a wider scope, not more powers: an admin's actions on every OPD.
    Role.COORDINATOR: _ADMIN,
}


def can(role: Role | str, action: Action | str) -> bool:
    """Whether ``role`` may ever perform ``action``; unknown roles or actions may do nothing."""
    try:
        return Action(action) in PERMISSIONS[Role(role)]
    except ValueError:
        return False


def can_approve(role: Role | str, approver_id: str, author_id: str) -> bool:
    """Four eyes: a supervisor approves or returns follow-ups, never their own."""
    return can(role, Action.FOLLOWUP_APPROVE) and approver_id != author_id
