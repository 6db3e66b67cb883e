import pytest

from desktop.domain.statuses import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    TRANSITIONS,
    Status,
    allowed_next,
    can_transition,
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
