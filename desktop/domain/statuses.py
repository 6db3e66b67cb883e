"""Complaint statuses at the OPD and the moves between them (DOMAIN.md, "Lifecycle at the OPD").

The values are the wire codes of docs/protocol.md. Labels in Bahasa Indonesia or English belong to the UI, which
translates these codes; nothing here is user-facing text.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class Status(StrEnum):
    TERDISPOSISI = "terdisposisi"  # arrived at the OPD
    DIPROSES = "diproses"  # first response or internal disposition made
    DITINDAKLANJUTI = "ditindaklanjuti"  # a follow-up was published; the reporter's reply window runs
    DITANGGAPI_PELAPOR = "ditanggapi_pelapor"  # the reporter replied to the follow-up
    SELESAI = "selesai"  # finished: closed by an admin or the reply window ran out
    DIKEMBALIKAN = "dikembalikan"  # "bukan wewenang": sent back for re-routing, it left the OPD
    DITUNDA = "ditunda"  # on hold: needs information from the reporter
    ARSIP = "arsip"  # archived by the admins: too vague or out of scope


OPEN_STATUSES: frozenset[Status] = frozenset(
    {Status.TERDISPOSISI, Status.DIPROSES, Status.DITINDAKLANJUTI, Status.DITANGGAPI_PELAPOR, Status.DITUNDA}
)
CLOSED_STATUSES: frozenset[Status] = frozenset(Status) - OPEN_STATUSES
# The statuses whose deadline clock runs: every open one but ditunda, which waits on the reporter (its clock stops
# until they supply what was missing).
CLOCK_RUNNING: frozenset[Status] = OPEN_STATUSES - {Status.DITUNDA}

# Every open state may be sent back ("bukan wewenang") or archived by the admins.
_ANY_OPEN = {Status.DIKEMBALIKAN, Status.ARSIP}

TRANSITIONS: Mapping[Status, frozenset[Status]] = {
    Status.TERDISPOSISI: frozenset({Status.DIPROSES, Status.DITUNDA, *_ANY_OPEN}),
    Status.DIPROSES: frozenset({Status.DITINDAKLANJUTI, *_ANY_OPEN}),
    Status.DITINDAKLANJUTI: frozenset({Status.DITANGGAPI_PELAPOR, Status.SELESAI, *_ANY_OPEN}),
    Status.DITANGGAPI_PELAPOR: frozenset({Status.DITINDAKLANJUTI, *_ANY_OPEN}),
    # Once the reporter supplies what was missing, work resumes where it stopped.
    Status.DITUNDA: frozenset({Status.TERDISPOSISI, Status.DIPROSES, *_ANY_OPEN}),
    Status.SELESAI: frozenset(),
    Status.DIKEMBALIKAN: frozenset(),
    Status.ARSIP: frozenset(),
}


# Statuses that only an event sets, never `complaint.status`: a "bukan wewenang" disposition (dikembalikan), the
# reporter's reply (ditanggapi_pelapor), the publishing of an approved follow-up (ditindaklanjuti).
NOT_BY_HAND: frozenset[Status] = frozenset(
    {Status.DIKEMBALIKAN, Status.DITANGGAPI_PELAPOR, Status.DITINDAKLANJUTI}
)
# The moves an admin makes by hand, before what each needs (NEEDS_PUBLISHED_FOLLOWUP).
BY_HAND: Mapping[Status, frozenset[Status]] = {
    status: moves - NOT_BY_HAND for status, moves in TRANSITIONS.items()
}
# Closing as finished needs an answer the reporter has read: a published follow-up on the complaint. (The reply
# window running out closes a complaint too; that is the hub's tick, not a move by hand.)
NEEDS_PUBLISHED_FOLLOWUP: frozenset[Status] = frozenset({Status.SELESAI})


class MoveRefusal(StrEnum):
    """Why a move by hand is refused: the `reason` codes the hub answers `complaint.status` with."""

    NOT_BY_HAND = "invalid"  # only a disposition, a reply or a published follow-up makes it
    NOT_FROM_HERE = "wrong_state"  # not a move of TRANSITIONS
    NO_FOLLOWUP = "no_followup"  # selesai with no published follow-up on the complaint


def hand_move_refusal(
    current: Status | str, new: Status | str, *, published_followup: bool
) -> MoveRefusal | None:
    """Why moving a complaint from ``current`` to ``new`` by hand is refused, or None when it may be made.
    ``published_followup``: the complaint has at least one published follow-up."""
    new = Status(new)
    if new in NOT_BY_HAND:
        return MoveRefusal.NOT_BY_HAND
    if new not in BY_HAND[Status(current)]:
        return MoveRefusal.NOT_FROM_HERE
    if new in NEEDS_PUBLISHED_FOLLOWUP and not published_followup:
        return MoveRefusal.NO_FOLLOWUP
    return None


def hand_moves(current: Status | str, *, published_followup: bool) -> list[Status]:
    """The statuses a user may set by hand from ``current`` now, in lifecycle order."""
    return [s for s in Status if hand_move_refusal(current, s, published_followup=published_followup) is None]


def is_open(status: Status | str) -> bool:
    """Whether the OPD still has work to do on a complaint in ``status``."""
    return Status(status) in OPEN_STATUSES


def allowed_next(status: Status | str) -> frozenset[Status]:
    return TRANSITIONS[Status(status)]


def can_transition(current: Status | str, new: Status | str) -> bool:
    return Status(new) in TRANSITIONS[Status(current)]


class FollowupState(StrEnum):
    """A follow-up answer's states (docs/protocol.md, ``followup``): drafted, submitted for sign-off, returned to its
    drafter, published to the reporter once a supervisor approved it (``approved`` is in the protocol's list; the
    hub publishes on approval, so a stored follow-up is seldom left in it)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"
    PUBLISHED = "published"


# The states a drafter may still submit from, and the ones an edit sends back to draft (voiding an approval).
SUBMITTABLE: frozenset[FollowupState] = frozenset({FollowupState.DRAFT, FollowupState.RETURNED})
VOIDED_BY_EDIT: frozenset[FollowupState] = frozenset({FollowupState.SUBMITTED, FollowupState.APPROVED})
