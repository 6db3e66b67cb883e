"""The supervisor's sign-off: the return reason in the timeline, a full-width reason box, a question before
publishing, and what changed since the version they returned."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop.store import actions as store_actions
from desktop.ui.actions.common import text_changes
from tests.ui import actions_fixtures
from tests.ui.actions_fixtures import HOSTILE, STAFF, SUPERVISOR, opened, outbox, select
from tests.ui.factory import write
from tests.ui.test_conflicts import ack
from tests.ui.test_signoff_gating import followup_change

replica = actions_fixtures.replica
make_window = actions_fixtures.make_window

SUBMITTED = "Yth. Bapak/Ibu,\nJalan sudah kami periksa.\nTerima kasih."
RESUBMITTED = (
    f"Yth. Bapak/Ibu,\nJalan sudah kami periksa.\nPerbaikan dijadwalkan 12 Mei {HOSTILE}.\nTerima kasih."
)


def returned_on_this_desk(qtbot: Any, window: Any, replica: Any, reason: str) -> None:
    """The supervisor returns fu-1 in the editor; the hub accepts it (its answer: the follow-up just after)."""
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    assert editor.current_followup_id() == "fu-1"
    with qtbot.waitSignal(window.desk_actions.actionFinished, timeout=5000):
        editor.return_with(reason)
    (op,) = [o for o in outbox(replica) if o["kind"] == "followup.return"]
    after = dict(
        followup_change("fu-1", "c-named", "returned", SUBMITTED, [STAFF])["data"], return_reason=reason
    )
    assert ack(replica, op["op_id"], status="applied", version=2, current=after, current_type="followup") == (
        "accepted"
    )


def test_the_return_reason_shows_in_the_timeline(qtbot, make_window, replica) -> None:
    reason = f"Lengkapi jadwal perbaikan {HOSTILE}"
    write(replica, [followup_change("fu-1", "c-named", "submitted", SUBMITTED, [STAFF])])
    window = make_window(SUPERVISOR)
    select(qtbot, window, "c-named")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    with qtbot.waitSignal(window.detailShown, timeout=5000):  # the detail read again with the queued return
        editor.return_with(reason)
    timeline = window.detail.timeline.toPlainText()
    assert (
        "Follow-up (Returned)" in timeline and f"Reason for return: {reason}" in timeline
    )  # literally, as text

    # The hub's history: the follow-up as returned and the return event with its reason, both show it.
    returned = followup_change("fu-1", "c-named", "returned", SUBMITTED, [STAFF])
    returned["data"]["return_reason"] = reason
    returned["version"] = 2
    event = {"id": "ev-return", "complaint_id": "c-named", "kind": "followup.return", "actor_id": SUPERVISOR,
             "device_id": None, "op_id": None, "at": "2026-01-06T02:00:00Z",
             "data": {"followup_id": "fu-1", "reason": reason}}  # fmt: skip
    write(
        replica,
        [returned, {"type": "event", "id": "ev-return", "version": 1, "deleted": False, "data": event}],
    )
    with qtbot.waitSignal(window.detailShown, timeout=5000):
        window.show_complaint("c-named")
    timeline = window.detail.timeline.toPlainText()
    assert "Follow-up returned" in timeline
    assert f"Reason: {reason}" in timeline and f"Reason for return: {reason}" in timeline


def test_the_reason_box_is_multi_line_across_the_dialog(qtbot, make_window, replica) -> None:
    write(replica, [followup_change("fu-1", "c-named", "submitted", SUBMITTED, [STAFF])])
    window = make_window(SUPERVISOR)
    select(qtbot, window, "c-named")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    qtbot.waitExposed(editor)
    box = editor.return_reason
    assert box.isVisible() and box.width() >= 0.9 * editor.contentsRect().width()
    assert box.height() >= 2 * box.fontMetrics().lineSpacing()
    qtbot.keyClicks(box, "Baris satu")
    qtbot.keyClick(
        box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier
    )  # a new line, not a button press
    qtbot.keyClicks(box, "baris dua")
    assert editor.outcome is None and box.toPlainText() == "Baris satu\nbaris dua"
    with qtbot.waitSignal(window.desk_actions.actionFinished, timeout=5000):
        editor.return_button.click()
    (op,) = [o for o in outbox(replica) if o["kind"] == "followup.return"]
    assert op["payload"]["reason"] == "Baris satu\nbaris dua"


def test_publishing_asks_first(qtbot, make_window, replica) -> None:
    write(replica, [followup_change("fu-1", "c-named", "submitted", SUBMITTED, [STAFF])])
    window = make_window(SUPERVISOR)
    select(qtbot, window, "c-named")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    editor.approve_button.click()
    box = editor.confirmation
    assert isinstance(box, QMessageBox) and box.isVisible() and editor.isVisible()
    assert "published" in box.text() and editor.outcome is None
    box.button(QMessageBox.StandardButton.Cancel).click()  # no: nothing is approved, the editor stays
    assert editor.outcome is None and editor.isVisible()
    assert [o for o in outbox(replica) if o["kind"] == "followup.approve"] == []

    editor.approve_button.click()
    (publish,) = [b for b in editor.confirmation.buttons() if b.text() == "Publish"]
    with qtbot.waitSignal(window.desk_actions.actionFinished, timeout=5000):
        publish.click()
    (op,) = [o for o in outbox(replica) if o["kind"] == "followup.approve"]
    assert op["payload"]["content_hash"] == store_actions.text_hash(SUBMITTED)


def test_the_resubmitted_text_shows_what_changed_since_the_return(qtbot, make_window, replica) -> None:
    write(replica, [followup_change("fu-1", "c-named", "submitted", SUBMITTED, [STAFF])])
    window = make_window(SUPERVISOR)
    select(qtbot, window, "c-named")
    returned_on_this_desk(qtbot, window, replica, "Lengkapi jadwal")

    # The drafter edits and resubmits on their desk; the hub's copy reaches this desk's mirror.
    again = followup_change("fu-1", "c-named", "submitted", RESUBMITTED, [STAFF])
    again["version"] = 4
    write(replica, [again])
    with qtbot.waitSignal(window.detailShown, timeout=5000):
        window.show_complaint("c-named")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    assert editor.current_followup_id() == "fu-1" and editor.text_edit.toPlainText() == RESUBMITTED
    assert editor.changes_view.isVisible()
    shown = editor.changes_view.toPlainText()
    assert shown == text_changes(SUBMITTED, RESUBMITTED)
    assert (
        f"+ Perbaikan dijadwalkan 12 Mei {HOSTILE}." in shown.splitlines()
    )  # plain text, the markup literal
    assert "  Jalan sudah kami periksa." in shown.splitlines()
    editor.reject()


def test_no_diff_where_the_returned_text_is_not_known(qtbot, make_window, replica) -> None:
    """Returned on another desk: the hub keeps no earlier text, so nothing is guessed."""
    write(replica, [followup_change("fu-1", "c-named", "submitted", RESUBMITTED, [STAFF])])
    window = make_window(SUPERVISOR)
    select(qtbot, window, "c-named")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    assert not editor.changes_view.isVisible() and not editor.changes_label.isVisible()
    editor.reject()


def test_text_changes_marks_lines() -> None:
    assert text_changes("a\nb\nc", "a\nB\nc") == "  a\n− b\n+ B\n  c"
    assert text_changes("same", "same") == ""
