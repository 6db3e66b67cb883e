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


def is_open(status: Status | str) -> bool:
    """Whether the OPD still has work to do on a complaint in ``status``."""
    return Status(status) in OPEN_STATUSES


def allowed_next(status: Status | str) -> frozenset[Status]:
    return TRANSITIONS[Status(status)]


def can_transition(current: Status | str, new: Status | str) -> bool:
    return Status(new) in TRANSITIONS[Status(current)]
