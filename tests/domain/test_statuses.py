import pytest

from desktop.domain.statuses import (
    BY_HAND,
    CLOSED_STATUSES,
    NOT_BY_HAND,
    OPEN_STATUSES,
    TRANSITIONS,
    MoveRefusal,
    Status,
    allowed_next,
    can_transition,
    hand_move_refusal,
    hand_moves,
    is_open,
)

PROTOCOL_STATUSES = {"terdisposisi", "diproses", "ditindaklanjuti", "ditanggapi_pelapor", "selesai", "dikembalikan",
                     "ditunda", "arsip"}


def test_the_eight_wire_codes():
    assert {s.value for s in Status} == PROTOCOL_STATUSES
    assert set(TRANSITIONS) == set(Status)


def test_open_and_closed_partition_the_statuses():
    assert set(Status) == OPEN_STATUSES | CLOSED_STATUSES
    assert not OPEN_STATUSES & CLOSED_STATUSES
    assert {Status.SELESAI, Status.DIKEMBALIKAN, Status.ARSIP} == CLOSED_STATUSES
    assert is_open("ditanggapi_pelapor") and is_open(Status.DITUNDA)
    assert not is_open("selesai")


@pytest.mark.parametrize(("a", "b"), [
    ("terdisposisi", "diproses"),
    ("diproses", "ditindaklanjuti"),
    ("ditindaklanjuti", "ditanggapi_pelapor"),
    ("ditanggapi_pelapor", "ditindaklanjuti"),
    ("ditindaklanjuti", "selesai"),
    ("terdisposisi", "ditunda"),
    ("terdisposisi", "arsip"),
])
def test_lifecycle_edges_of_domain_md(a, b):
    assert can_transition(a, b)


@pytest.mark.parametrize("status", sorted(OPEN_STATUSES))
def test_any_open_state_can_be_sent_back_or_archived(status):
    assert {Status.DIKEMBALIKAN, Status.ARSIP} <= allowed_next(status)


@pytest.mark.parametrize("status", sorted(CLOSED_STATUSES))
def test_closed_states_are_final(status):
    assert allowed_next(status) == frozenset()


def test_no_shortcuts():
    assert not can_transition("terdisposisi", "selesai")
    assert not can_transition("diproses", "ditanggapi_pelapor")
    assert not can_transition("selesai", "diproses")
    for status in Status:
        assert not can_transition(status, status)


def test_unknown_code_is_an_error():
    with pytest.raises(ValueError):
        is_open("closed")


# --- moves by hand (complaint.status) and what they need -------------------------------------------------------
def test_only_events_make_the_statuses_of_an_answer_or_a_departure():
    assert {Status.DIKEMBALIKAN, Status.DITANGGAPI_PELAPOR, Status.DITINDAKLANJUTI} == NOT_BY_HAND
    for status in Status:
        assert not BY_HAND[status] & NOT_BY_HAND
        assert BY_HAND[status] <= TRANSITIONS[status]


def test_the_moves_by_hand_spelled_out():
    assert {
        Status.TERDISPOSISI: {Status.DIPROSES, Status.DITUNDA, Status.ARSIP},
        Status.DIPROSES: {Status.ARSIP},
        Status.DITINDAKLANJUTI: {Status.SELESAI, Status.ARSIP},
        Status.DITANGGAPI_PELAPOR: {Status.ARSIP},
        Status.DITUNDA: {Status.TERDISPOSISI, Status.DIPROSES, Status.ARSIP},
        Status.SELESAI: set(),
        Status.DIKEMBALIKAN: set(),
        Status.ARSIP: set(),
    } == BY_HAND


def test_following_up_by_hand_is_refused_as_not_by_hand():
    assert hand_move_refusal("diproses", "ditindaklanjuti", published_followup=True) == "invalid"
    assert hand_move_refusal("ditanggapi_pelapor", "ditindaklanjuti", published_followup=True) == "invalid"
    assert hand_move_refusal("diproses", "dikembalikan", published_followup=False) is MoveRefusal.NOT_BY_HAND


def test_closing_needs_a_published_followup():
    assert hand_move_refusal("ditindaklanjuti", "selesai", published_followup=False) == "no_followup"
    assert hand_move_refusal("ditindaklanjuti", "selesai", published_followup=True) is None
    assert hand_move_refusal("diproses", "selesai", published_followup=True) == "wrong_state"
    assert hand_moves("ditindaklanjuti", published_followup=False) == [Status.ARSIP]
    assert hand_moves("ditindaklanjuti", published_followup=True) == [Status.SELESAI, Status.ARSIP]
    assert hand_moves("terdisposisi", published_followup=False) == [Status.DIPROSES, Status.DITUNDA, Status.ARSIP]
    assert hand_moves("arsip", published_followup=True) == []

