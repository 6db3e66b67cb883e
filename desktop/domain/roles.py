"""Roles and what each may do, as the hub enforces it (docs/protocol.md, "Permissions").

The desk uses this only to show or hide actions; the hub is the authority and answers ``forbidden`` anyway.
Scope (own OPD and its sub-units; a coordinator: every OPD of the pemda) is checked elsewhere: this module
answers "may this role ever do this action".
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from enum import StrEnum
from typing import Any

from desktop.domain.ops import OpKind


class Role(StrEnum):
    STAFF = "staff"
    ADMIN = "admin"  # pejabat penghubung
    SUPERVISOR = "supervisor"  # signs off follow-ups
    COORDINATOR = "coordinator"  # admin instansi over the OPDs of the pemda


# attachment.add is not in the protocol's permission list yet; whoever may write a note or a draft may attach
# files to it, so it sits with staff.
_STAFF = frozenset({
    OpKind.NOTE_ADD, OpKind.FOLLOWUP_CREATE, OpKind.FOLLOWUP_EDIT, OpKind.COMPLAINT_CLAIM,
    OpKind.ATTACHMENT_ADD,
})
_ADMIN = _STAFF | {
    OpKind.DISPOSITION_CREATE, OpKind.COMPLAINT_ASSIGN, OpKind.COMPLAINT_STATUS, OpKind.FOLLOWUP_SUBMIT
}
_SUPERVISOR = _ADMIN | {OpKind.FOLLOWUP_APPROVE, OpKind.FOLLOWUP_RETURN}

PERMISSIONS: dict[Role, frozenset[OpKind]] = {
    Role.STAFF: _STAFF,
    Role.ADMIN: _ADMIN,
    Role.SUPERVISOR: _SUPERVISOR,
    # The protocol gives the coordinator a wider scope, not more powers: an admin's actions on every OPD.
    Role.COORDINATOR: _ADMIN,
}


def can(role: Role | str, action: OpKind | str) -> bool:
    """Whether ``role`` may ever perform ``action``; unknown roles or actions may do nothing."""
    try:
        return OpKind(action) in PERMISSIONS[Role(role)]
    except ValueError:
        return False


def can_approve(role: Role | str, approver_id: str, writer_ids: Collection[str]) -> bool:
    """Four eyes: a supervisor approves or returns only a follow-up whose text they had no hand in.

    ``writer_ids``: everyone who wrote or changed its text (its author and every editor, `followup_writers`).
    """
    if isinstance(writer_ids, str):  # one id would be searched as a substring
        raise TypeError("writer_ids is a collection of user ids")
    return can(role, OpKind.FOLLOWUP_APPROVE) and bool(approver_id) and approver_id not in writer_ids


def followup_writers(data: Mapping[str, Any]) -> list[str]:
    """Who wrote or changed a follow-up's text, first writer first, from its wire data: ``writer_ids``, or only
    ``author_id`` for a record from before the hub listed its writers."""
    writers = data.get("writer_ids")
    if isinstance(writers, list) and writers:
        return [str(w) for w in writers]
    author = data.get("author_id")
    return [str(author)] if author else []


def with_writer(writers: Sequence[str], user_id: str) -> list[str]:
    """``writers`` after ``user_id`` changed the text: appended once, the order of first writing kept."""
    return [*writers] if user_id in writers else [*writers, user_id]
