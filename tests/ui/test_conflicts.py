"""The conflict view: side by side (with the base and a three-way merge for follow-up texts); keep mine, take
theirs and merge call the store's resolve API and the conflict is cleared."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import text

from desktop.store import actions as store_actions
from desktop.store.engine import Replica
from desktop.ui import services
from desktop.ui.conflicts import ConflictDialog, open_conflict, open_conflicts_of
from tests.ui import actions_fixtures
from tests.ui.actions_fixtures import ADMIN, HOSTILE, STAFF

replica = actions_fixtures.replica
make_window = actions_fixtures.make_window

BASE = "Yth. Bapak/Ibu Pelapor,\nLaporan sedang kami proses.\nTerima kasih.\n"
MINE = "Yth. Bapak/Ibu Pelapor,\nLaporan sedang kami proses di lokasi.\nTerima kasih.\n"
THEIRS = "Yth. Bapak/Ibu Pelapor,\nLaporan sedang kami proses.\nTerima kasih atas laporannya.\n"


def make_disposition_conflict(replica: Replica) -> str:
    """A disposition made offline that the hub answered ``conflict`` (someone assigned the complaint first)."""
    result = store_actions.create_disposition(
        replica, "c-named", to_user_id=STAFF, instruction=f"Cek {HOSTILE}"
    )
    current = {"id": "c-named", "status": "diproses", "assignee_id": ADMIN, "title": HOSTILE}
    with replica.write() as conn:
        conn.execute(
            text("UPDATE outbox SET state = 'conflict', reason = 'stale', result = :r WHERE op_id = :o"),
            {
                "r": json.dumps({"status": "conflict", "reason": "stale", "current": current}),
                "o": result.op_id,
            },
        )
    return result.op_id


def make_text_conflict(replica: Replica) -> str:
    op_id = "op-text-1"
    with replica.write() as conn:
        conn.execute(
            text(
                "INSERT INTO outbox (op_id, kind, target, complaint_id, base_version, payload, created_at, state, "
                "reason, result, attempts, updated_at) VALUES (:o, 'followup.edit', 'fu-1', 'c-named', 1, :p, "
                "'2026-01-05T01:00:00Z', 'conflict', 'stale', :r, 1, '2026-01-05T01:00:00Z')"
            ),
            {
                "o": op_id,
                "p": json.dumps({"text": MINE, "base_text": BASE}),
                "r": json.dumps(
                    {"status": "conflict", "current": {"id": "fu-1", "text": THEIRS, "version": 3}}
                ),
            },
        )
    return op_id


class FakeStoreConflicts:
    """Stands in for the store's resolve API: records the call and clears the conflict as the store does."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str | None]] = []

    def resolve(
        self, replica: Replica, conflict_id: str, choice: str, *, merged_text: str | None = None
    ) -> Any:
        self.calls.append((conflict_id, choice, merged_text))
        state = "accepted" if choice == "theirs" else "queued"
        with replica.write() as conn:
            conn.execute(
                text("UPDATE outbox SET state = :s WHERE op_id = :o"), {"s": state, "o": conflict_id}
            )
        return SimpleNamespace(op_id=conflict_id)


@pytest.fixture
def store_conflicts(monkeypatch: pytest.MonkeyPatch) -> FakeStoreConflicts:
    real = services._store_conflicts()
    if real is not None and hasattr(real, "resolve"):
        pytest.skip("the store's own resolve API is covered by test_conflicts_store")
    fake = FakeStoreConflicts()
    monkeypatch.setattr(services, "_store_conflicts", lambda: fake)
    return fake


def test_disposition_conflict_keep_mine(qtbot, make_window, replica, store_conflicts) -> None:
    op_id = make_disposition_conflict(replica)
    window = make_window(ADMIN)
    dialog = open_conflicts_of(window, "c-named")
    assert isinstance(dialog, ConflictDialog)
    assert dialog.view.id == op_id
    assert f"Cek {HOSTILE}" in dialog.mine_edit.toPlainText()  # plain text, literally
    assert HOSTILE in dialog.theirs_edit.toPlainText()
    assert not dialog.merge_button.isVisible()
    with qtbot.waitSignal(dialog.resolved, timeout=5000) as done:
        dialog.keep_button.click()
    assert done.args == [op_id, "mine"]
    assert store_conflicts.calls == [(op_id, "mine", None)]
    assert services.list_conflicts(replica) == []


def test_take_theirs(qtbot, make_window, replica, store_conflicts) -> None:
    op_id = make_disposition_conflict(replica)
    window = make_window(ADMIN)
    dialog = open_conflict(window, op_id)
    assert dialog is not None
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        dialog.take_button.click()
    assert store_conflicts.calls == [(op_id, "theirs", None)]
    assert services.list_conflicts(replica) == []
    assert "dropped" in window.message_bar.label.text()


def test_followup_text_merge(qtbot, make_window, replica, store_conflicts) -> None:
    op_id = make_text_conflict(replica)
    window = make_window(ADMIN)
    dialog = open_conflict(window, op_id)
    assert dialog is not None and dialog.view.is_text
    assert dialog.base_edit is not None and dialog.base_edit.toPlainText() == BASE
    assert dialog.mine_edit.toPlainText() == MINE and dialog.theirs_edit.toPlainText() == THEIRS
    merged = dialog.merged_text()
    assert (
        merged
        == "Yth. Bapak/Ibu Pelapor,\nLaporan sedang kami proses di lokasi.\nTerima kasih atas laporannya.\n"
    )
    assert dialog.merge_button.isEnabled()
    assert dialog.merged_edit is not None
    dialog.merged_edit.setPlainText(merged + "Salam.\n")  # the merged text is editable
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        dialog.merge_button.click()
    assert store_conflicts.calls == [(op_id, "merge", merged + "Salam.\n")]
    assert services.list_conflicts(replica) == []


def test_clashing_edits_must_be_settled_before_merging(qtbot, make_window, replica, store_conflicts) -> None:
    with replica.write() as conn:
        conn.execute(
            text(
                "INSERT INTO outbox (op_id, kind, target, complaint_id, base_version, payload, created_at, state, "
                "result, attempts) VALUES ('op-clash', 'followup.edit', 'fu-1', 'c-named', 1, :p, 'x', 'conflict', :r, 1)"
            ),
            {
                "p": json.dumps({"text": "A\nmine\nC\n", "base_text": "A\nB\nC\n"}),
                "r": json.dumps({"current": {"text": "A\ntheirs\nC\n"}}),
            },  # fmt: skip
        )
    window = make_window(ADMIN)
    dialog = open_conflict(window, "op-clash")
    assert dialog is not None and dialog.merged_edit is not None
    assert "<<<<<<< " in (dialog.merged_text() or "")
    assert not dialog.merge_button.isEnabled()
    dialog.merge()  # refused while markers remain
    assert store_conflicts.calls == []
    dialog.merged_edit.setPlainText("A\nmine and theirs\nC\n")
    assert dialog.merge_button.isEnabled()
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        dialog.merge()
    assert store_conflicts.calls == [("op-clash", "merge", "A\nmine and theirs\nC\n")]


def test_resolved_conflict_is_not_opened_again(qtbot, make_window, replica) -> None:
    window = make_window(ADMIN)
    assert open_conflict(window, "no-such-conflict") is None
    assert window.message_bar.isVisible()


def test_three_way_merge_rules() -> None:
    m = services.three_way_merge
    assert m("a\nb\n", "a\nb\n", "a\nb\n").text == "a\nb\n"
    assert m("a\nb\n", "a\nB\n", "a\nb\n").text == "a\nB\n"
    assert m("a\nb\n", "a\nb\n", "A\nb\n").text == "A\nb\n"
    assert m("a\nb\n", "a\nX\n", "a\nX\n") == services.MergeResult("a\nX\n", 0)
    clash = m("a\nb\nc\n", "a\nM\nc\n", "a\nT\nc\n", mine_label="saya", theirs_label="server")
    assert clash.clashes == 1
    assert clash.text == "a\n<<<<<<< saya\nM\n=======\nT\n>>>>>>> server\nc\n"
    assert m("", "new", "").text == "new"
    assert m("x", "x", "x y").text == "x y"
