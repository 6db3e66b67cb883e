"""The conflict view against the real store: conflict records made by the engine's own conflict path (the hub's
answer to a pushed op applied by ``desktop.store.conflicts.handle_result``, as the sync engine does); side by side
(with the base and a three-way merge for follow-up texts); keep mine / take theirs / merge go through the store's
resolve API and the outbox shows the result. The Konflik queue lists the records, departures included."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtGui import QGuiApplication
from sqlalchemy import text

from desktop.app import conflicts as app_conflicts
from desktop.store import actions as store_actions
from desktop.store import conflicts as store_conflicts
from desktop.store.engine import Replica
from desktop.ui.conflicts import ConflictColumn, ConflictDialog, ConflictsModel
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import LAST_QUEUE, UiSettings
from tests.ui import actions_fixtures
from tests.ui.actions_fixtures import ADMIN, HOSTILE, STAFF, outbox
from tests.ui.factory import complaint_data, write

replica = actions_fixtures.replica
make_window = actions_fixtures.make_window

BASE = "Yth. Bapak/Ibu Pelapor,\nLaporan sedang kami proses.\nTerima kasih.\n"
MINE = "Yth. Bapak/Ibu Pelapor,\nLaporan sedang kami proses di lokasi.\nTerima kasih.\n"
THEIRS = "Yth. Bapak/Ibu Pelapor,\nLaporan sedang kami proses.\nTerima kasih atas laporannya.\n"


def opened(qtbot: Any, window: MainWindow, open_it: Callable[[], object]) -> ConflictDialog:
    """Ask for a conflict's view and return its dialog once open (the view is read on the DB lane first)."""
    with qtbot.waitSignal(window.conflicts_queue.dialogOpened, timeout=5000) as shown:
        open_it()
    dialog = shown.args[0]
    assert isinstance(dialog, ConflictDialog) and dialog is window.conflict_dialog
    return dialog


def _op(replica: Replica, op_id: str) -> dict[str, Any]:
    with replica.read() as conn:
        return dict(
            conn.execute(text("SELECT * FROM outbox WHERE op_id = :o"), {"o": op_id}).mappings().one()
        )


def ack(replica: Replica, op_id: str, **res: Any) -> str:
    """The hub's answer to one pushed op, applied as the sync engine does (one transaction)."""
    op = _op(replica, op_id)
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
        return store_conflicts.handle_result(cur, op, answer)


def version_of(replica: Replica, complaint_id: str) -> int:
    with replica.read() as conn:
        return int(
            conn.execute(
                text("SELECT version FROM complaints WHERE id = :c"), {"c": complaint_id}
            ).scalar_one()
        )


def make_disposition_conflict(replica: Replica) -> tuple[str, str, int]:
    """A disposition made offline that the hub answered ``conflict`` (someone assigned the complaint first).
    Returns (conflict id, op id, the hub's version)."""
    result = store_actions.create_disposition(
        replica, "c-named", to_user_id=STAFF, instruction=f"Cek {HOSTILE}"
    )
    theirs_version = version_of(replica, "c-named") + 2
    current = complaint_data(2, id="c-named", tracking_id=4_000_002, status="diproses", assignee_id=ADMIN,
                             title=f"Judul baru {HOSTILE}", category_id="cat-pu")  # fmt: skip
    state = ack(replica, result.op_id, status="conflict", reason="stale", version=theirs_version, current=current,
                current_type="complaint")  # fmt: skip
    assert state == "conflict"
    (record,) = store_conflicts.list_conflicts(replica)
    return record.id, result.op_id, theirs_version


def make_text_conflict(replica: Replica, mine: str = MINE, base: str = BASE, theirs: str = THEIRS) -> str:
    """A follow-up draft that reached the hub, edited here offline while someone else edited it on the hub."""
    fid = store_actions.create_followup(replica, "c-named", base).record_id
    assert fid is not None
    (create,) = [o for o in outbox(replica) if o["kind"] == "followup.create"]
    assert (
        ack(replica, create["op_id"], status="applied", version=version_of(replica, "c-named")) == "accepted"
    )
    edit = store_actions.edit_followup(replica, fid, mine)
    hub_followup = {"id": fid, "complaint_id": "c-named", "text": theirs, "state": "draft", "author_id": STAFF,
                    "content_hash": store_actions.text_hash(theirs), "approved_by": None, "approved_at": None,
                    "return_reason": None, "created_at": "2026-01-05T01:00:00Z",
                    "updated_at": "2026-01-05T02:00:00Z"}  # fmt: skip
    state = ack(replica, edit.op_id, status="conflict", reason="stale", version=2, current=hub_followup,
                current_type="followup")  # fmt: skip
    assert state == "conflict"
    (record,) = store_conflicts.list_conflicts(replica)
    return record.id


def make_departure(replica: Replica) -> tuple[str, str]:
    """A follow-up drafted offline for a complaint that meanwhile left the OPD: the hub rejects it as a departure
    and the next pull deletes the complaint from this desk's mirror."""
    draft = store_actions.create_followup(replica, "c-named", f"Draf luring {HOSTILE}")
    gone = {"id": "c-named", "tracking_id": 4_000_002, "status": "dikembalikan", "unit_id": "unit-elsewhere"}
    assert ack(replica, draft.op_id, status="rejected", reason="not_in_unit", current=gone,
               current_type="departure") == "rejected"  # fmt: skip
    write(replica, [{"type": "complaint", "id": "c-named", "version": 99, "deleted": True, "data": {}}])
    (record,) = store_conflicts.list_conflicts(replica)
    return record.id, draft.op_id


def test_disposition_conflict_keep_mine(qtbot, make_window, replica) -> None:
    conflict_id, op_id, theirs_version = make_disposition_conflict(replica)
    window = make_window(ADMIN)
    dialog = opened(qtbot, window, partial(window.conflicts_queue.open_first_of, "c-named"))
    assert dialog.view.id == conflict_id and dialog.view.kind == "disposition.create"
    assert f"Cek {HOSTILE}" in dialog.mine_edit.toPlainText()  # plain text, literally
    assert HOSTILE in dialog.theirs_edit.toPlainText()
    assert not dialog.merge_button.isVisible() and not dialog.copy_button.isVisible()
    with qtbot.waitSignal(dialog.resolved, timeout=5000) as done:
        dialog.keep_button.click()
    assert done.args == [conflict_id, "mine"]
    assert app_conflicts.list_conflicts(replica) == []
    (again,) = [o for o in outbox(replica) if o["kind"] == "disposition.create"]
    assert again["op_id"] != op_id and again["state"] == "queued"  # the same intent, as a new op
    assert again["base_version"] == theirs_version and again["payload"]["instruction"] == f"Cek {HOSTILE}"
    assert "again" in window.message_bar.label.text()


def test_take_theirs(qtbot, make_window, replica) -> None:
    conflict_id, op_id, _v = make_disposition_conflict(replica)
    window = make_window(ADMIN)
    dialog = opened(qtbot, window, partial(window.conflicts_queue.open, conflict_id))
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        dialog.take_button.click()
    assert app_conflicts.list_conflicts(replica) == []
    assert [o for o in outbox(replica) if o["kind"] == "disposition.create"] == []
    record = store_conflicts.get_conflict(replica, conflict_id, include_resolved=True)
    assert record is not None and record.resolution == "theirs"
    assert record.mine["instruction"] == f"Cek {HOSTILE}"  # kept in the history, never silently lost
    assert "dropped" in window.message_bar.label.text()


def test_followup_text_merge(qtbot, make_window, replica) -> None:
    conflict_id = make_text_conflict(replica)
    window = make_window(ADMIN)
    dialog = opened(qtbot, window, partial(window.conflicts_queue.open, conflict_id))
    assert dialog.view.is_text
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
    with qtbot.waitSignal(dialog.resolved, timeout=5000) as done:
        dialog.merge_button.click()
    assert done.args == [conflict_id, "merge"]
    assert app_conflicts.list_conflicts(replica) == []
    (edit,) = [o for o in outbox(replica) if o["kind"] == "followup.edit" and o["state"] == "queued"]
    assert edit["payload"]["text"] == merged + "Salam.\n"
    assert edit["payload"]["base_text_hash"] == store_actions.text_hash(THEIRS)  # rebased on the hub's text


def test_clashing_edits_must_be_settled_before_merging(qtbot, make_window, replica) -> None:
    conflict_id = make_text_conflict(replica, mine="A\nmine\nC\n", base="A\nB\nC\n", theirs="A\ntheirs\nC\n")
    window = make_window(ADMIN)
    dialog = opened(qtbot, window, partial(window.conflicts_queue.open, conflict_id))
    assert dialog.merged_edit is not None
    assert "<<<<<<< " in (dialog.merged_text() or "")
    assert not dialog.merge_button.isEnabled()
    dialog.merge()  # refused while markers remain
    assert len(app_conflicts.list_conflicts(replica)) == 1
    dialog.merged_edit.setPlainText("A\nmine and theirs\nC\n")
    assert dialog.merge_button.isEnabled()
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        dialog.merge()
    (edit,) = [o for o in outbox(replica) if o["kind"] == "followup.edit" and o["state"] == "queued"]
    assert edit["payload"]["text"] == "A\nmine and theirs\nC\n"


def test_konflik_queue_lists_conflicts_and_opens_them(qtbot, make_window, replica) -> None:
    conflict_id, _op_id, _v = make_disposition_conflict(replica)
    window = make_window(ADMIN)
    queue = window.conflicts_queue
    with qtbot.waitSignal(queue.loaded, timeout=5000):
        window.show_queue("conflicts")
    assert window.stack.currentWidget() is queue.view
    assert queue.model.rowCount() == 1
    model = queue.model
    assert model.data(model.index(0, ConflictColumn.TRACKING_ID)) == "4000002"
    assert model.data(model.index(0, ConflictColumn.TITLE)) == f"Judul baru {HOSTILE}"  # the hub's, as text
    assert model.data(model.index(0, 0), ConflictsModel.ConflictIdRole) == conflict_id
    qtbot.waitUntil(lambda: window.queue_panel.panel_model.count("conflicts") == 1, timeout=5000)
    with qtbot.waitSignal(window.detailShown, timeout=5000):
        queue.view.selectRow(0)  # the complaint beside the list
    dialog = opened(
        qtbot, window, partial(queue.view.activated.emit, model.index(0, 0))
    )  # Enter / double click
    assert dialog.view.id == conflict_id
    with qtbot.waitSignal(queue.loaded, timeout=5000) as reloaded:
        dialog.take_button.click()
    assert reloaded.args == [0]
    qtbot.waitUntil(lambda: window.queue_panel.panel_model.count("conflicts") == 0, timeout=5000)


def test_departure_shows_in_the_konflik_queue_and_is_copied_then_dropped(qtbot, make_window, replica) -> None:
    conflict_id, op_id = make_departure(replica)
    window = make_window(ADMIN)
    queue = window.conflicts_queue
    with qtbot.waitSignal(queue.loaded, timeout=5000):
        window.show_queue("conflicts")
    model = queue.model
    assert model.rowCount() == 1  # the complaint is gone from the mirror, the conflict is not
    assert model.data(model.index(0, ConflictColumn.TRACKING_ID)) == "4000002"
    assert model.data(model.index(0, ConflictColumn.WHAT)) == "Left the OPD"
    assert model.data(model.index(0, ConflictColumn.REASON)) == "The complaint left your OPD"
    dialog = opened(qtbot, window, partial(queue.open, conflict_id))
    assert dialog.view.is_departure
    assert dialog.mine_edit.toPlainText() == f"Draf luring {HOSTILE}"  # the draft, as plain text
    assert (
        "dikembalikan" in dialog.theirs_edit.toPlainText() or "Returned" in dialog.theirs_edit.toPlainText()
    )
    assert not dialog.keep_button.isVisibleTo(dialog) and not dialog.merge_button.isVisibleTo(dialog)
    assert dialog.copy_button.isVisibleTo(dialog)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == f"Draf luring {HOSTILE}"
    with qtbot.waitSignal(dialog.resolved, timeout=5000) as done:
        dialog.take_button.click()
    assert done.args == [conflict_id, "theirs"]
    assert outbox(replica) == []
    record = store_conflicts.get_conflict(replica, conflict_id, include_resolved=True)
    assert record is not None and record.mine["text"] == f"Draf luring {HOSTILE}"
    qtbot.waitUntil(lambda: queue.model.rowCount() == 0, timeout=5000)
    assert op_id


def test_window_reopened_on_the_konflik_queue_shows_the_list(qtbot, make_window, replica, tmp_path) -> None:
    make_disposition_conflict(replica)
    saved = UiSettings(tmp_path / ADMIN)
    saved.set(LAST_QUEUE, "conflicts")
    saved.sync()
    window = make_window(ADMIN)
    queue = window.conflicts_queue
    assert window.stack.currentWidget() is queue.view
    qtbot.waitUntil(lambda: queue.model.rowCount() == 1, timeout=5000)
    window.select_next()  # J moves in the list shown
    assert queue.view.currentIndex().row() == 0


def test_conflicts_model_passes_the_model_tester(qtmodeltester, replica) -> None:
    model = ConflictsModel()
    qtmodeltester.check(model, force_py=True)
    make_disposition_conflict(replica)
    model.set_items(app_conflicts.list_conflicts(replica))
    assert model.rowCount() == 1
    qtmodeltester.check(model, force_py=True)


def test_resolved_conflict_is_not_opened_again(qtbot, make_window, replica) -> None:
    window = make_window(ADMIN)
    with qtbot.assertNotEmitted(window.conflicts_queue.dialogOpened, wait=200):
        window.conflicts_queue.open("no-such-conflict")
        qtbot.waitUntil(window.message_bar.isVisible, timeout=5000)
    assert "already resolved" in window.message_bar.text


def test_payload_json_is_what_the_dialog_reads(replica) -> None:
    """The record the dialog reads is the engine's: mine is the op's payload as sent."""
    conflict_id, op_id, _v = make_disposition_conflict(replica)
    view = app_conflicts.conflict_view(replica, conflict_id)
    assert view is not None
    with replica.read() as conn:
        payload = json.loads(
            conn.execute(text("SELECT payload FROM outbox WHERE op_id = :o"), {"o": op_id}).scalar_one()
        )
    assert dict(view.mine) == payload
