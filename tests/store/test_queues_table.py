"""One table of queue definitions: the panel's numbers (queue_counts) and each queue's own count come from the same
definition, Konflik included (its open conflict records, a departure's too)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from desktop.domain.queues import QueueName
from desktop.store import actions, conflicts, queues
from desktop.store.engine import Replica
from desktop.store.queues import QUEUE_DEFS, QueueFilter
from tests.store.factory import ME, OTHER, complaint, seeded


def _ack(replica: Replica, op_id: str, **res: Any) -> str:
    """The hub's answer to one op, applied as the sync engine does (one transaction)."""
    with replica.read() as conn:
        op = dict(conn.execute(text("SELECT * FROM outbox WHERE op_id = :o"), {"o": op_id}).mappings().one())
    with replica.write() as conn:
        cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        answer = {
            "op_id": op_id,
            "version": None,
            "reason": None,
            "current": None,
            "current_type": None,
            **res,
        }
        return conflicts.handle_result(cur, op, answer)


def _assert_one_table(r: Replica) -> dict[str, int]:
    counts = queues.queue_counts(r)
    assert list(counts) == [d.name for d in QUEUE_DEFS] == list(QueueName)
    for definition in QUEUE_DEFS:
        assert counts[definition.name] == queues.count(r, QueueFilter(queue=definition.name)), definition.name
    return counts


@pytest.fixture
def r(replica: Replica) -> Replica:
    seeded(replica, 60)
    return replica


def test_every_queue_counts_as_its_filter(r: Replica) -> None:
    actions.add_note(r, "c-0000002", "catatan offline")  # Kotak keluar
    actions.create_followup(r, "c-0000003", "Draf tindak lanjut")  # a draft made here
    counts = _assert_one_table(r)
    assert counts["all"] == 60 and counts["outbox"] == 2 and counts["drafts"] == 1
    assert counts["new"] and counts["mine"] and counts["need_followup"] and counts["awaiting_approval"] == 1
    assert counts["conflicts"] == 0


def test_konflik_counts_the_open_conflict_records(r: Replica) -> None:
    # a stale disposition: a conflict on a complaint in the mirror
    stale = actions.create_disposition(r, "c-0000004", to_user_id=OTHER, instruction="Cek lokasi")
    theirs = {**complaint(4), "assignee_id": ME, "status": "diproses"}
    assert _ack(r, stale.op_id, status="conflict", version=9, reason="stale", current=theirs,
                current_type="complaint") == "conflict"  # fmt: skip
    # a departure: the complaint left the OPD, its record stays to be decided
    draft = actions.create_followup(r, "c-0000006", "Draf offline")
    gone = {
        "id": "c-0000006",
        "tracking_id": 1_000_006,
        "status": "dikembalikan",
        "unit_id": "unit-elsewhere",
    }
    assert _ack(r, draft.op_id, status="rejected", reason="not_in_unit", current=gone,
                current_type="departure") == "rejected"  # fmt: skip
    # a rejected op is listed under Konflik with its reason, but leaves nothing to decide
    bad = actions.change_status(r, "c-0000008", "selesai")
    assert _ack(r, bad.op_id, status="rejected", reason="wrong_state") == "rejected"

    counts = _assert_one_table(r)
    assert counts["conflicts"] == len(conflicts.list_conflicts(r)) == 2
    listed = set(queues.ids(r, QueueFilter(queue="conflicts")))
    assert {"c-0000004", "c-0000008"} <= listed

    # the filters narrow Konflik to the records whose complaint passes them
    assert queues.count(r, QueueFilter(queue="conflicts", search="1000004")) == 1
    assert queues.count(r, QueueFilter(queue="conflicts", search="1000008")) == 0

    (record,) = [c for c in conflicts.list_conflicts(r) if c.complaint_id == "c-0000004"]
    conflicts.resolve(r, record.id, "take_theirs")
    assert _assert_one_table(r)["conflicts"] == 1


def test_an_unknown_queue_is_refused(r: Replica) -> None:
    with pytest.raises(ValueError):
        queues.queue_def("bogus")
    assert queues.queue_def("") is queues.queue_def(QueueName.ALL)
