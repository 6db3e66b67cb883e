"""The op vocabulary is the protocol's: the kinds and result statuses docs/protocol.md lists, spelled as it spells
them, and the outbox state each answer leaves an op in."""

import re
from pathlib import Path

import pytest

from desktop.domain.ops import (
    ATTENTION,
    CAS_KINDS,
    FOLLOWUP_KINDS,
    PENDING,
    UNACCEPTED,
    OpKind,
    OpOutcome,
    OpState,
    settled_state,
)

PROTOCOL = (Path(__file__).resolve().parents[2] / "docs" / "protocol.md").read_text(encoding="utf-8")


def test_op_kinds_are_the_ones_the_protocol_lists():
    listed = set(re.findall(r"^\s+- `([a-z]+\.[a-z]+)` `\{", PROTOCOL, re.MULTILINE))
    assert listed == {kind.value for kind in OpKind}


def test_outcomes_are_the_result_statuses_of_the_protocol():
    line = re.search(r"Result = \{op_id, status: ([^,]+),", PROTOCOL)
    assert line is not None
    assert re.findall(r'"([a-z]+)"', line.group(1)) == [outcome.value for outcome in OpOutcome]


@pytest.mark.parametrize(
    ("outcome", "state"),
    [
        (OpOutcome.APPLIED, OpState.ACCEPTED),
        (OpOutcome.DUPLICATE, OpState.ACCEPTED),  # took effect before: the stored result again
        (OpOutcome.CONFLICT, OpState.CONFLICT),
        (OpOutcome.REJECTED, OpState.REJECTED),
        ("applied", OpState.ACCEPTED),  # as it comes off the wire
        ("no_such_status", OpState.REJECTED),  # kept visible, never sent again forever
        ("None", OpState.REJECTED),
    ],
)
def test_the_state_an_answer_leaves_an_op_in(outcome, state):
    assert settled_state(outcome) is state


def test_every_op_the_hub_has_not_taken_is_pending_or_needs_attention():
    assert not PENDING & ATTENTION
    assert set(OpState) - {OpState.ACCEPTED} == UNACCEPTED


def test_compare_and_set_and_follow_up_ops_are_apart():
    assert not CAS_KINDS & FOLLOWUP_KINDS
    assert all(kind.startswith("complaint.") or kind == OpKind.DISPOSITION_CREATE for kind in CAS_KINDS)
    assert all(kind.startswith("followup.") for kind in FOLLOWUP_KINDS)
