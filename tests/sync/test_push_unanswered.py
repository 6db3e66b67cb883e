"""A push the hub never answers leaves nothing reading as delivered: its ops are back in the queue ("waiting to be
sent", not "sent, awaiting the hub") and go again with the same op_id on the next pass, which the hub takes once
(answering ``duplicate`` when it had applied it after all). A real hub behind the fault proxy."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.store import actions, queues
from desktop.store.engine import Replica
from desktop.store.queues import QueueFilter
from desktop.sync.engine import SyncEngine
from desktop.sync.transport import TransportError
from desktop.testing.proxy import FaultProxy
from tests.sync.conftest import ADMIN, signed_in


@pytest.fixture
def proxy(hub_url: str) -> Iterator[FaultProxy]:
    with FaultProxy(hub_url, seed=3) as p:
        yield p


def _open_complaint(replica: Replica) -> str:
    return next(r.id for r in queues.page(replica, QueueFilter(), limit=1000) if r.status == "diproses")


def _states(replica: Replica) -> list[tuple[str, int]]:
    return [(op.state, op.attempts) for op in queues.outbox(replica, ("queued", "sent", "accepted"))]


@pytest.mark.parametrize(
    "fault",
    [
        {"offline": True},  # the hub is not reachable: nothing arrives
        {"path_filter": "/api/v1/ops", "drop_response_after_bytes": 0},  # it arrives, no answer comes back
    ],
    ids=["unreachable", "answer_lost"],
)
def test_an_unanswered_push_waits_to_be_sent_again(proxy: FaultProxy, replica: Replica, fault: dict) -> None:
    t = signed_in(proxy.url, ADMIN, device=f"device-unanswered-{len(fault)}")
    replica.set_account(t.server_url, t.user or {})
    engine = SyncEngine(replica, t, t.device_id)
    engine.run_once()
    note = actions.add_note(replica, _open_complaint(replica), "Catatan saat hub tidak menjawab")
    proxy.set(**fault)
    with pytest.raises(TransportError):
        engine.run_once()
    assert _states(replica) == [("queued", 1)]  # not "sent": Kotak keluar says it waits to be sent
    proxy.clear()
    summary = engine.run_once()
    assert summary.pushed == 1
    (op,) = [o for o in queues.outbox(replica, ("accepted",)) if o.op_id == note.op_id]
    assert op.attempts == 2 and (op.result or {}).get("status") in ("applied", "duplicate")
    t.close()
