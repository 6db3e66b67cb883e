"""Text typed or pasted with control characters is cleaned as the action is taken (issue 9, item 9), so the hub,
which refuses them at its edge, never refuses an op for them: a NUL from a copied PDF cannot block the outbox."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from desktop.domain.text import bad_char, clean_line, clean_text
from desktop.store import actions
from desktop.store.engine import Replica
from server.schemas import OpModel
from tests.store.factory import seeded

CID = "c-0000002"
DIRTY = "Jalan\x00 rusak\x1b[0m di\r\nRT 03\u0085 \udc00selesai\tya"


def _payloads(replica: Replica) -> list[dict[str, Any]]:
    with replica.read() as conn:
        rows = conn.execute(text("SELECT kind, target, payload FROM outbox ORDER BY seq")).mappings().all()
    return [{"kind": r["kind"], "target": r["target"], "payload": json.loads(r["payload"])} for r in rows]


@pytest.fixture
def r(replica: Replica) -> Replica:
    seeded(replica, 10)
    return replica


def test_every_text_action_queues_only_what_the_hub_accepts(r: Replica) -> None:
    actions.add_note(r, CID, DIRTY)
    fu = actions.create_followup(r, CID, DIRTY)
    assert fu.record_id is not None
    actions.edit_followup(r, fu.record_id, DIRTY + " lagi")
    actions.create_disposition(r, CID, kind="external", reason=DIRTY, instruction=DIRTY,
                               suggested_body="Dinas\nKesehatan\x00")
    ops = _payloads(r)
    assert [op["kind"] for op in ops] == ["note.add", "followup.create", "followup.edit", "disposition.create"]
    for op in ops:
        # The hub's own edge model accepts every op the desk queued.
        OpModel.model_validate({"op_id": "00000000-0000-4000-8000-000000000000", **op})
    assert ops[0]["payload"]["text"] == "Jalan rusak[0m di\nRT 03 selesai\tya"
    assert ops[3]["payload"]["suggested_body"] == "Dinas Kesehatan"


def test_the_follow_up_hash_is_of_the_cleaned_text(r: Replica) -> None:
    fu = actions.create_followup(r, CID, DIRTY)
    with r.read() as conn:
        shown = actions.effective_followup(conn, str(fu.record_id))
    assert shown["text"] == clean_text(DIRTY) and shown["content_hash"] == actions.text_hash(clean_text(DIRTY))


@given(st.text())
def test_cleaned_text_and_lines_hold_nothing_the_hub_refuses(value: str) -> None:
    assert bad_char(clean_text(value)) is None
    assert bad_char(clean_line(value), line=True) is None
    assert clean_text(clean_text(value)) == clean_text(value)
