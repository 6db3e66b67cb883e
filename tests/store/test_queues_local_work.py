"""Every queue and its count hold this desk's offline work at once, before any sync: a claim, a status change, a
disposition, a follow-up drafted, submitted, approved or returned here move the complaint between the queues the
moment the action is stored (the same overlay the rows and the detail show), and Kotak keluar counts the changes
its list shows."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop.domain.queues import QueueName
from desktop.store import actions, queues
from desktop.store.actions import effective_followup
from desktop.store.engine import Replica
from desktop.store.queues import QUEUE_DEFS, QueueFilter
from tests.store.factory import ME, OTHER, change, load, seeded

NEW_UNASSIGNED = "c-0000006"  # terdisposisi, nobody's
IN_PROGRESS = "c-0000007"  # diproses, nobody's
SUBMITTED = "c-0000001"  # the seeded follow-up f-1, submitted by OTHER


@pytest.fixture
def r(replica: Replica) -> Replica:
    seeded(replica, 60)
    return replica


def _listed(r: Replica, queue: str, user: str | None = None, **filters: object) -> set[str]:
    f = QueueFilter(queue=queue, **filters)  # type: ignore[arg-type]
    return set(queues.ids(r, f, limit=1000))


def _consistent(r: Replica, user: str | None = None) -> dict[str, int]:
    """The panel's numbers are each queue's own count, and (but for the record-counting queues) its list's length."""
    counts = queues.queue_counts(r, user)
    for d in QUEUE_DEFS:
        if user is None:
            assert counts[d.name] == queues.count(r, QueueFilter(queue=d.name)), d.name
            if d.entries is None:
                assert counts[d.name] == len(_listed(r, d.name)), d.name
    return counts


def _moves(r: Replica, act: Callable[[], object], cid: str, *, leaves: tuple[str, ...] = (),
           enters: tuple[str, ...] = (), user: str | None = None) -> None:  # fmt: skip
    before = _consistent(r, user)
    act()
    after = _consistent(r, user)
    for q in leaves:
        assert after[q] == before[q] - 1, q
        if user is None:
            assert cid not in _listed(r, q), q
    for q in enters:
        assert after[q] == before[q] + 1, q
        if user is None:
            assert cid in _listed(r, q), q


def test_a_claim_made_offline_is_mine_at_once(r: Replica) -> None:
    _moves(r, lambda: actions.claim(r, NEW_UNASSIGNED), NEW_UNASSIGNED, enters=(QueueName.MINE,))


def test_a_status_change_made_offline_moves_the_complaint_at_once(r: Replica) -> None:
    _moves(r, lambda: actions.change_status(r, IN_PROGRESS, "ditunda", reason="Menunggu anggaran"), IN_PROGRESS,
           leaves=(QueueName.NEED_FOLLOWUP,))  # fmt: skip
    # the filter bar's status holds it too
    assert IN_PROGRESS in _listed(r, QueueName.ALL, status="ditunda")
    assert IN_PROGRESS not in _listed(r, QueueName.ALL, status="diproses")
    assert queues.count(r, QueueFilter(status="ditunda")) == len(_listed(r, QueueName.ALL, status="ditunda"))


def test_a_disposition_made_offline_leaves_baru_masuk_at_once(r: Replica) -> None:
    _moves(r, lambda: actions.create_disposition(r, NEW_UNASSIGNED, to_user_id=ME, instruction="Cek lokasi"),
           NEW_UNASSIGNED, leaves=(QueueName.NEW,), enters=(QueueName.NEED_FOLLOWUP, QueueName.MINE))  # fmt: skip
    # within a queue with a status filter as well: both conditions hold the overlay side by side
    assert NEW_UNASSIGNED in _listed(r, QueueName.MINE, status="diproses")
    assert NEW_UNASSIGNED not in _listed(r, QueueName.NEW, status="terdisposisi")


def test_a_followup_drafted_then_submitted_offline_moves_from_drafts_to_awaiting_approval(r: Replica) -> None:
    cid = IN_PROGRESS
    made: list[str] = []
    _moves(r, lambda: made.append(actions.create_followup(r, cid, "Sudah kami cek").record_id or ""), cid,
           enters=(QueueName.DRAFTS,))  # fmt: skip
    _moves(r, lambda: actions.submit_followup(r, made[0]), cid, leaves=(QueueName.DRAFTS,),
           enters=(QueueName.AWAITING_APPROVAL,))  # fmt: skip
    # edited again after submitting: a draft once more (the hub's rule, as effective_followup applies it)
    _moves(r, lambda: actions.edit_followup(r, made[0], "Sudah kami cek ke lokasi"), cid,
           leaves=(QueueName.AWAITING_APPROVAL,), enters=(QueueName.DRAFTS,))  # fmt: skip
    with r.read() as conn:
        assert effective_followup(conn, made[0], ME)["state"] == "draft"


def test_a_hub_draft_submitted_offline_moves_at_once(r: Replica) -> None:
    cid = IN_PROGRESS
    load(r, [change("followup", "f-mine", {"id": "f-mine", "complaint_id": cid, "text": "Draf di hub",
                                           "state": "draft", "author_id": ME, "content_hash": "y", "approved_by": None,
                                           "approved_at": None, "return_reason": None,
                                           "created_at": "2026-11-04T01:00:00Z",
                                           "updated_at": "2026-11-04T01:00:00Z"})])  # fmt: skip
    assert cid in _listed(r, QueueName.DRAFTS)
    _moves(r, lambda: actions.submit_followup(r, "f-mine"), cid, leaves=(QueueName.DRAFTS,),
           enters=(QueueName.AWAITING_APPROVAL,))  # fmt: skip


def test_a_followup_approved_offline_leaves_awaiting_approval_at_once(r: Replica) -> None:
    _moves(r, lambda: actions.approve_followup(r, "f-1"), SUBMITTED, leaves=(QueueName.AWAITING_APPROVAL,))


def test_a_followup_returned_offline_goes_back_to_its_drafter_at_once(r: Replica) -> None:
    before = queues.queue_counts(r, OTHER)[QueueName.DRAFTS]
    _moves(r, lambda: actions.return_followup(r, "f-1", "Lengkapi foto"), SUBMITTED,
           leaves=(QueueName.AWAITING_APPROVAL,))  # fmt: skip
    assert queues.queue_counts(r, OTHER)[QueueName.DRAFTS] == before + 1  # the drafter's Draf saya
    assert queues.queue_counts(r, ME)[QueueName.DRAFTS] == _consistent(r)[QueueName.DRAFTS]


def test_kotak_keluar_counts_the_changes_its_list_shows(r: Replica) -> None:
    assert _consistent(r)[QueueName.OUTBOX] == 0
    actions.add_note(r, IN_PROGRESS, "catatan offline")
    actions.claim(r, IN_PROGRESS)
    actions.add_note(r, NEW_UNASSIGNED, "catatan lain")
    counts = _consistent(r)
    assert counts[QueueName.OUTBOX] == len(queues.outbox(r)) == 3  # three changes, on two complaints
    assert _listed(r, QueueName.OUTBOX) == {IN_PROGRESS, NEW_UNASSIGNED}
    assert queues.count(r, QueueFilter(queue=QueueName.OUTBOX, search=str(1_000_006))) == 1
