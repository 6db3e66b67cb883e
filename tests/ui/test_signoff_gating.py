"""The desk offers only what the hub allows in sign-off and the lifecycle (issue 9, items 1 and 2): Approve and
Return are closed to a supervisor who wrote or changed the follow-up's text, their own unsent edit included; the
status dialog never offers `ditindaklanjuti`, and `selesai` only once a follow-up is published."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.store import actions as store_actions
from desktop.ui.actions.gating import complaint_gates, followup_gates, has_published_followup, status_moves
from tests.ui import actions_fixtures
from tests.ui.actions_fixtures import ADMIN, STAFF, SUPERVISOR, opened, outbox, select
from tests.ui.factory import change, complaint_data, write

replica = actions_fixtures.replica
make_window = actions_fixtures.make_window


def followup_change(
    fid: str, complaint_id: str, state: str, body: str, writers: list[str] | None, author: str = STAFF
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": fid, "complaint_id": complaint_id, "text": body, "state": state, "author_id": author,
        "content_hash": store_actions.text_hash(body), "approved_by": None, "approved_at": None,
        "return_reason": None, "created_at": "2026-01-05T01:00:00Z", "updated_at": "2026-01-05T01:00:00Z",
    }  # fmt: skip
    if writers is not None:
        data["writer_ids"] = writers
    return change("followup", fid, data)


def answered(cid: str, n: int, status: str = "ditindaklanjuti") -> dict[str, Any]:
    return change("complaint", cid, complaint_data(n, id=cid, tracking_id=4_000_000 + n, status=status,
                                                   assignee_id=None, category_id="cat-pu"))  # fmt: skip


# --- four eyes: every writer ---------------------------------------------------------------------------------
def test_gates_count_every_writer() -> None:
    edited = {"state": "submitted", "author_id": STAFF, "writer_ids": [STAFF, SUPERVISOR]}
    assert followup_gates("supervisor", SUPERVISOR, edited).approve.reason == "own_followup"
    assert followup_gates("supervisor", "user-kepala2", edited).approve.allowed
    before_writers = {"state": "submitted", "author_id": SUPERVISOR}  # mirrored before the hub listed writers
    assert followup_gates("supervisor", SUPERVISOR, before_writers).approve.reason == "own_followup"


def test_a_supervisor_who_changed_the_text_sees_no_approve(qtbot, make_window, replica) -> None:
    write(replica, [followup_change("fu-1", "c-named", "submitted", "Teks staf", [STAFF, SUPERVISOR])])
    window = make_window(SUPERVISOR)
    select(qtbot, window, "c-named")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    assert editor.current_followup_id() == "fu-1"
    assert not editor.approve_button.isEnabled() and not editor.return_button.isEnabled()
    assert "changed" in editor.approve_button.toolTip() and "four eyes" in editor.explanation.text()
    editor.reject()


def test_an_unsent_edit_of_ones_own_closes_approve_at_once(qtbot, make_window, replica) -> None:
    """Offline: the supervisor edits a staff draft, submits it, then comes back to approve it. The desk says no
    before any sync, and the store never queues the approval the hub would refuse."""
    write(replica, [followup_change("fu-2", "c-named", "draft", "Teks staf", [STAFF])])
    window = make_window(SUPERVISOR)
    select(qtbot, window, "c-named")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    assert editor.current_followup_id() == "fu-2"
    editor.text_edit.setPlainText("Teks kepala")
    with qtbot.waitSignal(window.desk_actions.actionFinished, timeout=5000):
        editor.submit()
    assert [o["kind"] for o in outbox(replica)] == ["followup.edit", "followup.submit"]
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    assert editor.current_followup_id() == "fu-2"
    data = editor.current_data()
    assert data is not None and data["state"] == "submitted" and data["writer_ids"] == [STAFF, SUPERVISOR]
    assert editor.approve_button.isVisible() and not editor.approve_button.isEnabled()
    assert "four eyes" in editor.explanation.text()
    editor.reject()
    with pytest.raises(ValueError, match="four_eyes"):
        store_actions.approve_followup(replica, "fu-2")
    with pytest.raises(ValueError, match="four_eyes"):
        store_actions.return_followup(replica, "fu-2", "Saya sendiri yang mengubah")
    assert [o["kind"] for o in outbox(replica)] == ["followup.edit", "followup.submit"]


def test_a_text_the_supervisor_did_not_touch_is_theirs_to_approve(qtbot, make_window, replica) -> None:
    write(replica, [followup_change("fu-3", "c-named", "submitted", "Teks staf", [STAFF, ADMIN])])
    window = make_window(SUPERVISOR)
    select(qtbot, window, "c-named")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    assert editor.approve_button.isEnabled()
    with qtbot.waitSignal(window.desk_actions.actionFinished, timeout=5000):
        editor.approve()
    (op,) = outbox(replica)
    assert op["kind"] == "followup.approve" and op["payload"]["content_hash"] == store_actions.text_hash(
        "Teks staf"
    )


# --- the lifecycle -------------------------------------------------------------------------------------------
def test_status_moves_follow_the_hub() -> None:
    assert status_moves("diproses", published_followup=False) == ["arsip"]
    assert status_moves("ditindaklanjuti", published_followup=False) == ["arsip"]
    assert status_moves("ditindaklanjuti", published_followup=True) == ["selesai", "arsip"]
    assert status_moves("ditanggapi_pelapor", published_followup=True) == ["arsip"]
    assert status_moves("nonsense", published_followup=True) == []


def dialog_moves(dialog: Any) -> list[str]:
    return [dialog.status_combo.itemData(i) for i in range(dialog.status_combo.count())]


def test_status_dialog_offers_selesai_only_after_a_published_followup(qtbot, make_window, replica) -> None:
    # Left by a hand move before the fix: "ditindaklanjuti" with nothing published.
    write(
        replica,
        [answered("c-answered", 7), followup_change("fu-4", "c-answered", "submitted", "Draf", [STAFF])],
    )
    window = make_window(ADMIN)
    select(qtbot, window, "c-answered")
    assert not has_published_followup(window.desk_actions.detail)
    dialog = window.desk_actions.open_status()
    assert dialog is not None
    assert dialog_moves(dialog) == ["arsip"]
    assert dialog.note_label.isVisible() and "published" in dialog.note_label.text()
    dialog.reject()
    write(replica, [followup_change("fu-4", "c-answered", "published", "Draf", [STAFF])])
    select(qtbot, window, "c-answered")
    dialog = window.desk_actions.open_status()
    assert dialog is not None
    assert dialog_moves(dialog) == ["selesai", "arsip"] and not dialog.note_label.isVisible()
    dialog.reject()


def test_an_offline_approval_publishes_at_once_on_the_desk(qtbot, make_window, replica) -> None:
    """The approval still in the outbox will publish and move the complaint to ditindaklanjuti: the desk shows
    that, and closing it after the approval is offered (the hub applies them in that order)."""
    write(replica, [followup_change("fu-5", "c-named", "submitted", "Jalan sudah ditambal.", [STAFF])])
    window = make_window(SUPERVISOR)
    store_actions.approve_followup(replica, "fu-5")
    select(qtbot, window, "c-named")
    detail = window.desk_actions.detail
    assert detail.status == "ditindaklanjuti" and has_published_followup(detail)
    assert complaint_gates("supervisor", SUPERVISOR, detail)["status"].allowed
    dialog = window.desk_actions.open_status()
    assert dialog is not None and dialog_moves(dialog) == ["selesai", "arsip"]
    dialog.status_combo.setCurrentIndex(0)
    with qtbot.waitSignal(window.desk_actions.actionFinished, timeout=5000):
        dialog.accept()
    approve, status = outbox(replica)
    assert (approve["kind"], status["kind"], status["payload"]["status"]) == (
        "followup.approve",
        "complaint.status",
        "selesai",
    )
    assert status["base_version"] == detail.version + 1  # the publishing is a version of the complaint too
