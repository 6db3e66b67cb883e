"""The ops of the protocol (docs/protocol.md, "Ops"): their kinds, the hub's answer to one, and an op's life in
the desk's outbox.

The values are the wire codes (``kind`` of an Op, ``status`` of a Result) and the codes stored in the outbox's
``state`` column; they must not change. Labels users read are translated in the UI.
"""

from __future__ import annotations

from enum import StrEnum


class OpKind(StrEnum):
    """The op kinds of the protocol: what a desk asks the hub to do."""

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


# Compare-and-set ops on a complaint: base_version is the complaint's version, a stale one is a conflict.
CAS_KINDS: frozenset[OpKind] = frozenset(
    {OpKind.DISPOSITION_CREATE, OpKind.COMPLAINT_ASSIGN, OpKind.COMPLAINT_CLAIM, OpKind.COMPLAINT_STATUS}
)
# Ops whose target is a follow-up (base_version is the follow-up's version).
FOLLOWUP_KINDS: frozenset[OpKind] = frozenset(
    {OpKind.FOLLOWUP_EDIT, OpKind.FOLLOWUP_SUBMIT, OpKind.FOLLOWUP_APPROVE, OpKind.FOLLOWUP_RETURN}
)


class OpOutcome(StrEnum):
    """The hub's ``status`` in the Result of one op."""

    APPLIED = "applied"  # it took effect now
    DUPLICATE = "duplicate"  # it took effect before: the stored result, answered again
    CONFLICT = "conflict"  # a stale base_version: nothing changed, `current` says what is there now
    REJECTED = "rejected"  # refused (`reason`): nothing changed


class OpState(StrEnum):
    """Where an op of this desk stands, in the outbox's ``state`` column (desktop/store/outbox.py)."""

    QUEUED = "queued"  # waiting to be sent (again)
    SENT = "sent"  # posted; a crash now resends it and the hub answers `duplicate`
    ACCEPTED = "accepted"  # the hub applied it (now or before)
    REJECTED = "rejected"  # the hub refused it; kept visible with its reason
    CONFLICT = "conflict"  # the hub's state moved under it; the user decides


# Still to be answered by the hub.
PENDING: frozenset[OpState] = frozenset({OpState.QUEUED, OpState.SENT})
# Answered, and the user must look: a conflict to decide, a refusal to read.
ATTENTION: frozenset[OpState] = frozenset({OpState.CONFLICT, OpState.REJECTED})
# Every op the hub has not taken (yet): what a complaint's row and detail show as its local work.
UNACCEPTED: frozenset[OpState] = PENDING | ATTENTION


def settled_state(outcome: OpOutcome | str) -> OpState:
    """The outbox state of an op the hub answered with ``outcome``; an outcome this desk does not know is read as
    a refusal, so the op is kept visible instead of sent again forever."""
    if outcome in (OpOutcome.APPLIED, OpOutcome.DUPLICATE):
        return OpState.ACCEPTED
    if outcome == OpOutcome.CONFLICT:
        return OpState.CONFLICT
    return OpState.REJECTED


class Resolution(StrEnum):
    """How the user settles a conflicted op (desktop/store/conflicts.py, stored in ``conflicts.resolution``)."""

    MINE = "mine"  # keep mine: the same intent again, rebased on the hub's version
    THEIRS = "theirs"  # take theirs: my op is dropped
    MERGE = "merge"  # a follow-up text merged from both
