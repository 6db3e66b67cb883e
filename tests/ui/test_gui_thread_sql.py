"""No SQL on the GUI thread: the window is driven through every action, queue, search and dialog while every
statement the replica runs is watched (SQLAlchemy's ``before_cursor_execute``, and SQLite's own trace callback on
each connection, which also sees the raw cursors of the outbox and the conflict store), and the test fails when
one ran on the main thread. Also: an action announces what it changed exactly once, and the detail is read once
per complaint opened and once per action on it."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from sqlalchemy import event

from desktop.app.changes import Changes
from desktop.app.session import StoreSession
from desktop.store import actions as store_actions
from desktop.store import conflicts as store_conflicts
from desktop.store.engine import Replica
from desktop.sync.engine import SyncSummary
from desktop.ui.jobs import JobRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.queue_model import Column
from desktop.ui.queue_panel import PANEL_QUEUES
from desktop.ui.settings import UiSettings
from tests.ui import actions_fixtures
from tests.ui.actions_fixtures import ADMIN, EXTERNAL, STAFF, SUB_JALAN, SUPERVISOR, USERS, opened, outbox
from tests.ui.factory import complaint_data
from tests.ui.test_conflicts import ack, version_of

replica = actions_fixtures.replica


class GuiThreadSql:
    """Every statement a replica runs on the main (GUI) thread while armed, with where it came from."""

    def __init__(self) -> None:
        self.armed = False
        self.found: list[str] = []

    def watch(self, replica: Replica) -> None:
        event.listen(replica.engine, "before_cursor_execute", self._before_cursor_execute)
        event.listen(replica.engine, "checkout", self._checkout)

    def _before_cursor_execute(self, conn: Any, cursor: Any, statement: str, *_rest: Any) -> None:
        self._record(statement)

    def _checkout(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        # SQLite's trace callback runs for every statement of the connection, raw cursors included.
        dbapi_connection.set_trace_callback(self._record)

    def _record(self, statement: str) -> None:
        if self.armed and threading.current_thread() is threading.main_thread():
            ours = [f for f in traceback.extract_stack()[:-1] if "site-packages" not in f.filename]
            where = "".join(traceback.format_list(ours[-8:]))  # the project's frames that led to it
            self.found.append(f"{statement.strip()[:120]}\n{where}")


@pytest.fixture
def sql(replica: Replica) -> GuiThreadSql:
    watcher = GuiThreadSql()
    watcher.watch(replica)
    return watcher


class PassingEngine:
    """A sync engine that pulls "something" every pass, so the window refreshes after it as after a real one."""

    def run_once(self, progress: Any = None, cancel: Any = None) -> SyncSummary:
        return SyncSummary(pulled=1, pushed=0, conflicts=0, rejected=0, seconds=0.0, wire_bytes=0)


@pytest.fixture
def open_window(
    qtbot: Any, replica: Replica, sql: GuiThreadSql, tmp_path: Path
) -> Iterator[Callable[..., MainWindow]]:
    """A window signed in as one of the team (``syncing``: with an engine, so its sync passes run too). What this
    set-up runs outside the window (the account, the session: in the app both are made on a background lane) runs
    unwatched; the window itself is watched from its constructor on."""
    runners: list[JobRunner] = []
    windows: list[MainWindow] = []

    def make(user_id: str, *, syncing: bool = True) -> MainWindow:
        sql.armed = False
        replica.set_account("http://127.0.0.1:1", USERS[user_id])
        engine = PassingEngine() if syncing else None
        session = StoreSession(replica, user=dict(USERS[user_id]), engine=engine)
        runner = JobRunner()
        runners.append(runner)
        sql.armed = True
        window = MainWindow(session, runner, UiSettings(tmp_path / user_id))
        windows.append(window)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        idle(qtbot, window)
        return window

    yield make
    sql.armed = False
    for window in windows:
        window.close()
    for runner in runners:
        runner.shutdown()


def idle(qtbot: Any, window: MainWindow) -> None:
    """Until every background read or write the window asked for has reported."""
    qtbot.waitUntil(lambda: not window.runner.busy and not window.model.loading, timeout=5000)


def show(qtbot: Any, window: MainWindow, tracking_id: int, complaint_id: str) -> None:
    """Search a complaint by its tracking ID and select its row, as a user would."""
    window.search_now(str(tracking_id))
    idle(qtbot, window)
    assert window.model.rowCount() == 1
    with qtbot.waitSignal(window.detailShown, timeout=5000) as shown:
        window.select_row(0)
    assert shown.args == [complaint_id]
    idle(qtbot, window)


def act(qtbot: Any, window: MainWindow, finish: Callable[[], object]) -> None:
    with qtbot.waitSignal(window.desk_actions.actionFinished, timeout=5000):
        finish()
    idle(qtbot, window)


def png(path: Path) -> Path:
    image = QImage(8, 6, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a7ab0"))
    assert image.save(str(path))
    return path


def make_conflict(replica: Replica, complaint_id: str, n: int) -> None:
    """A disposition made offline that the hub answered ``conflict``, as the engine records it."""
    result = store_actions.create_disposition(replica, complaint_id, to_user_id=STAFF, instruction="Cek")
    current = complaint_data(n, id=complaint_id, status="diproses", assignee_id=ADMIN)
    ack(replica, result.op_id, status="conflict", reason="stale", version=version_of(replica, complaint_id) + 2,
        current=current, current_type="complaint")  # fmt: skip
    assert len(store_conflicts.list_conflicts(replica)) == 1


def test_the_watch_sees_every_statement_of_the_main_thread(replica, sql) -> None:
    sql.armed = True
    replica.sync_state()  # through SQLAlchemy
    with replica.read() as conn:  # a raw cursor, as the outbox and the conflict store use
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.execute("SELECT 42")
        cursor.close()
    elsewhere = threading.Thread(target=replica.sync_state)
    elsewhere.start()
    elsewhere.join()
    sql.armed = False
    assert any("sync_state" in found for found in sql.found)
    assert any(found.startswith("SELECT 42") for found in sql.found)
    assert (
        len([f for f in sql.found if "sync_state" in f.splitlines()[0]]) == 2
    )  # both paths, this thread only


def test_no_sql_runs_on_the_gui_thread(qtbot, open_window, replica, sql, tmp_path, monkeypatch) -> None:
    make_conflict(replica, "c-000013", 13)
    monkeypatch.setattr("desktop.ui.actions.controller.QDesktopServices.openUrl", lambda url: True)

    # ---- the admin: dispositions, note, assign, status, follow-ups, attachments, the outbox, Konflik
    window = open_window(ADMIN)
    actions = window.desk_actions

    show(qtbot, window, 4_000_001, "c-new")
    dialog = opened(qtbot, window, actions.open_disposition)
    dialog.subunit_combo.setCurrentIndex(dialog.subunit_combo.findData(SUB_JALAN))
    dialog.instruction_edit.setPlainText("Cek lokasi")
    act(qtbot, window, dialog.accept)

    show(qtbot, window, 1_000_001, "c-000001")
    dialog = opened(qtbot, window, actions.open_disposition)
    dialog.external_radio.setChecked(True)
    dialog.reason_edit.setPlainText("Bukan kewenangan Dinas PUPR")
    dialog.body_combo.setCurrentIndex(dialog.body_combo.findData(EXTERNAL))
    act(qtbot, window, dialog.accept)

    show(qtbot, window, 4_000_002, "c-named")
    note = actions.open_note()
    assert note is not None
    note.text_edit.setPlainText("Sudah ditelepon")
    act(qtbot, window, note.accept)
    assign = opened(qtbot, window, actions.open_assign)
    assign.member_combo.setCurrentIndex(assign.member_combo.findData(STAFF))
    act(qtbot, window, assign.accept)
    editor = opened(qtbot, window, actions.open_followup)
    editor.apply_template()
    assert editor.add_files([png(tmp_path / "lokasi.png")]) == []
    act(qtbot, window, editor.save_draft)
    editor = opened(qtbot, window, actions.open_followup)
    act(qtbot, window, editor.submit)
    act(qtbot, window, partial(actions.add_attachments, [png(tmp_path / "foto.png")]))
    panel = actions.attachments
    qtbot.waitUntil(lambda: panel.list.count() >= 2, timeout=5000)
    panel.list.setCurrentRow(0)  # an image: previewed from the replica on the DB lane
    qtbot.waitUntil(panel.preview.isVisible, timeout=5000)
    with qtbot.waitSignal(actions.attachmentOpened, timeout=5000):
        panel.open_button.click()
    idle(qtbot, window)

    show(qtbot, window, 1_000_007, "c-000007")  # a second follow-up, for the supervisor to return
    editor = opened(qtbot, window, actions.open_followup)
    editor.text_edit.setPlainText("Jawaban kedua")
    act(qtbot, window, editor.submit)

    show(qtbot, window, 1_000_006, "c-000006")
    status = actions.open_status()
    assert status is not None
    status.status_combo.setCurrentIndex(status.status_combo.findData("ditunda"))
    act(qtbot, window, status.accept)

    window.show_queue("outbox")  # Kotak keluar, and a complaint from it
    qtbot.waitUntil(lambda: window.outbox_model.rowCount() > 0, timeout=5000)
    with qtbot.waitSignal(window.detailShown, timeout=5000):
        window.outbox_table.selectRow(0)
    idle(qtbot, window)

    queue = window.conflicts_queue  # Konflik: the list, the complaint beside it, the dialog, keep mine
    with qtbot.waitSignal(queue.loaded, timeout=5000):
        window.show_queue("conflicts")
    assert queue.model.rowCount() == 1
    with qtbot.waitSignal(window.detailShown, timeout=5000):
        queue.view.selectRow(0)
    with qtbot.waitSignal(queue.dialogOpened, timeout=5000) as shown:
        queue.view.activated.emit(queue.model.index(0, 0))
    with qtbot.waitSignal(queue.loaded, timeout=5000) as reloaded:
        shown.args[0].keep_button.click()
    assert reloaded.args == [0]
    idle(qtbot, window)

    for key in (*PANEL_QUEUES, "all"):  # every queue, then search, filter, sort and page through
        window.queue_panel.select_key(key)
        idle(qtbot, window)
    window.search_now("jalan")
    idle(qtbot, window)
    window.filter_bar.status.setCurrentIndex(window.filter_bar.status.findData("diproses"))
    idle(qtbot, window)
    window.filter_bar.clear()
    window.search_now("")
    idle(qtbot, window)
    window.table.horizontalHeader().setSortIndicator(Column.TRACKING_ID, Qt.SortOrder.AscendingOrder)
    idle(qtbot, window)
    window.table.setFocus()
    for _ in range(3):
        qtbot.keyClick(window.table, Qt.Key.Key_J)
        qtbot.keyClick(window.table, Qt.Key.Key_PageDown)
    idle(qtbot, window)
    with qtbot.waitSignal(window.syncFinished, timeout=5000):  # a pass that pulled: everything read again
        window.sync_now()
    idle(qtbot, window)
    window.close()

    # ---- staff: claim
    staff = open_window(STAFF)
    show(qtbot, staff, 1_000_002, "c-000002")
    assert staff.desk_actions.actions["claim"].isEnabled()
    act(qtbot, staff, staff.desk_actions.actions["claim"].trigger)
    staff.close()

    # ---- the supervisor: approve one follow-up, return the other
    head = open_window(SUPERVISOR)
    show(qtbot, head, 4_000_002, "c-named")
    editor = opened(qtbot, head, head.desk_actions.open_followup)
    assert editor.approve_button.isEnabled()
    act(qtbot, head, editor.approve)
    show(qtbot, head, 1_000_007, "c-000007")
    editor = opened(qtbot, head, head.desk_actions.open_followup)
    act(qtbot, head, partial(editor.return_with, "Lengkapi jadwalnya"))
    head.close()

    sql.armed = False
    kinds = [op["kind"] for op in outbox(replica)]
    for kind in ("disposition.create", "note.add", "complaint.assign", "followup.create", "followup.submit",
                 "attachment.add", "complaint.status", "complaint.claim", "followup.approve", "followup.return"):  # fmt: skip
        assert kind in kinds, kind  # every action really ran
    assert sql.found == [], f"{len(sql.found)} statement(s) on the GUI thread; the first:\n{sql.found[0]}"


def test_an_action_announces_once_and_the_detail_is_read_once(qtbot, open_window, replica, sql) -> None:
    window = open_window(ADMIN, syncing=False)  # no sync pass announcing its own changes meanwhile
    reads: list[str] = []
    read_detail = window.session.detail

    def counted(complaint_id: str) -> Any:
        reads.append(complaint_id)
        return read_detail(complaint_id)

    window.session.detail = counted  # type: ignore[method-assign]
    announced: list[Changes] = []
    window.changed.connect(announced.append)

    show(qtbot, window, 4_000_002, "c-named")
    assert reads == ["c-named"]  # one read, for the pane and the actions alike
    assert window.desk_actions.detail is window.detail.current_detail

    note = window.desk_actions.open_note()
    assert note is not None
    note.text_edit.setPlainText("Sudah ditelepon")
    act(qtbot, window, note.accept)
    assert len(announced) == 1 and announced[0].touches("c-named") and announced[0].outbox
    assert reads == ["c-named", "c-named"]  # read again once, in the background
    assert window.desk_actions.detail is window.detail.current_detail
    assert "Sudah ditelepon" in window.detail.timeline.toPlainText()
    assert window.model.data(window.model.index(0, Column.SYNC))  # the row's badge, at once

    editor = opened(qtbot, window, window.desk_actions.open_followup)  # several steps, one action
    editor.apply_template()
    act(qtbot, window, editor.submit)
    assert len(announced) == 2 and announced[1].touches("c-named")
    assert reads == ["c-named"] * 3

    show(qtbot, window, 4_000_001, "c-new")  # another complaint: one read
    assert reads == ["c-named"] * 3 + ["c-new"]
    assert not sql.found
