"""The desk window over a real replica: queue panel counts, queue switching, filters, the deadline column, the
work-offline switch, shortcuts, the language switch, the outbox list and the timeline's events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from desktop.app.queries import QueueQuery, StoreQueueSource
from desktop.app.session import OutboxItem, StoreSession
from desktop.store import queues as store_queues
from desktop.store.queues import QueueFilter
from desktop.sync.engine import SyncSummary
from desktop.ui.jobs import JobRunner, Lane, NetworkDisabled
from desktop.ui.main_window import MainWindow
from desktop.ui.outbox_model import OutboxModel
from desktop.ui.queue_model import Column, QueueTableModel
from desktop.ui.queue_panel import PANEL_QUEUES, QueuePanelModel
from desktop.ui.settings import UiSettings
from tests.ui.factory import USER, change, complaint_data, make_replica
from tests.ui.waits import search, settled

N = 300


def calendar() -> list[dict[str, Any]]:
    holiday = {
        "id": "2026-01-06",
        "date": "2026-01-06",
        "name": "Libur uji",
        "kind": "national",
        "active": True,
    }
    event = {
        "id": "e-arrived", "complaint_id": "c-000005", "kind": "complaint.arrived", "actor_id": None,
        "device_id": None, "op_id": None, "at": "2026-01-01T03:05:00Z", "data": {},
    }  # fmt: skip
    return [change("holiday", "2026-01-06", holiday), change("event", "e-arrived", event)]


class CountingSync:
    """Stands in for the sync engine: counts how often the network would have been used."""

    def __init__(self) -> None:
        self.calls = 0

    def run_once(self, progress: Any = None, cancel: Any = None) -> SyncSummary:
        self.calls += 1
        return SyncSummary(pulled=0, pushed=0, conflicts=0, rejected=0, seconds=0.0, wire_bytes=0)


@pytest.fixture
def sync() -> CountingSync:
    return CountingSync()


@pytest.fixture
def session(tmp_path: Path, sync: CountingSync) -> Iterator[StoreSession]:
    replica = make_replica(tmp_path / "replica", N, calendar())
    s = StoreSession(replica, engine=sync)
    yield s
    s.close()


@pytest.fixture
def window(qtbot, session: StoreSession, tmp_path: Path) -> Iterator[MainWindow]:
    runner = JobRunner()
    win = MainWindow(session, runner, UiSettings(tmp_path / "settings"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.queue_panel.panel_model.count("all") is not None, timeout=5000)
    settled(qtbot, win)
    yield win
    runner.shutdown()


def test_panel_counts_match_the_replica(window: MainWindow, session: StoreSession) -> None:
    expected = store_queues.queue_counts(session.replica)
    panel = window.queue_panel.panel_model
    for key in PANEL_QUEUES:
        assert panel.count(key) == expected[key], key
    assert panel.count("all") == N
    assert panel.count("mine") == len([n for n in range(N) if n % 3 == 0])


def test_counts_follow_a_local_change(qtbot, window: MainWindow, session: StoreSession) -> None:
    from desktop.app.complaints import add_note

    panel = window.queue_panel.panel_model
    assert panel.count("outbox") == 0
    changes = add_note(session.replica, "c-000007", "catatan")
    with qtbot.waitSignal(window.countsRefreshed, timeout=5000):
        window.changed.emit(changes)  # what an Op does once its action is stored
    assert panel.count("outbox") == 1
    window.show_queue("outbox")
    assert window.stack.currentWidget() is window.outbox_table
    qtbot.waitUntil(lambda: window.outbox_model.rowCount() == 1, timeout=5000)
    item = window.outbox_model.item_at(0)
    assert item.tracking_id == 1_000_007 and item.state == "queued"
    assert window.outbox_model.data(window.outbox_model.index(0, 4)) == "Waiting to be sent"
    with qtbot.waitSignal(window.detailShown, timeout=5000) as shown:
        window.outbox_table.selectRow(0)
    assert shown.args == ["c-000007"]


def test_switching_queues(qtbot, window: MainWindow, session: StoreSession) -> None:
    for key in ("new", "mine", "need_followup", "overdue", "conflicts", "all"):
        with qtbot.waitSignal(window.queueChanged, timeout=2000):
            window.queue_panel.select_key(key)
        settled(qtbot, window)
        expected = store_queues.count(session.replica, QueueFilter(queue=key))
        assert window.model.rowCount() == expected, key
        # the Konflik queue lists the conflict records (departures too) instead of complaints
        shown = window.conflicts_queue.view if key == "conflicts" else window.table
        assert window.stack.currentWidget() is shown
    assert window.model.rowCount() == N


def test_filters_apply_in_sql(qtbot, window: MainWindow, session: StoreSession) -> None:
    bar = window.filter_bar

    def rows() -> int:
        settled(qtbot, window)
        return int(window.model.rowCount())

    bar.status.setCurrentIndex(bar.status.findData("diproses"))
    assert rows() == len([n for n in range(N) if n % 6 == 1])
    bar.channel.setCurrentIndex(bar.channel.findData("sms"))
    both = store_queues.count(session.replica, QueueFilter(status="diproses", channel="sms"))
    assert rows() == both
    bar.clear()
    assert rows() == N
    qtbot.waitUntil(lambda: bar.kecamatan.count() > 1, timeout=5000)
    bar.kecamatan.setCurrentIndex(bar.kecamatan.findData("Marabahan"))
    assert rows() == store_queues.count(session.replica, QueueFilter(kecamatan="Marabahan"))
    bar.clear()
    # complaint n arrives 37 n minutes after 1 January 2026 00:00 UTC: 1 January holds n = 0..38
    bar.date_from.setDate(QDate(2026, 1, 1))
    bar.date_to.setDate(QDate(2026, 1, 1))
    assert rows() == 39
    bar.clear()
    # several words, the last one a prefix
    assert search(qtbot, window, "jalan rusak 12") == store_queues.count(
        session.replica, QueueFilter(search="jalan rusak 12")
    )
    assert window.model.rowCount() > 1


def test_deadline_column_counts_working_days(session: StoreSession) -> None:
    # Complaint 5 arrives Thu 1 Jan 2026 03:05 UTC (11:05 WITA), is "ditindaklanjuti" without a published
    # follow-up: its clock is the 60-working-day finish. Complaint 0 is "terdisposisi": verify in 3 working days
    # → Fri 2, Mon 5, (Tue 6 is a holiday) Wed 7 January.
    now = dt.datetime(2026, 1, 5, 1, 0, tzinfo=dt.UTC)  # Monday 5 January, 09:00 WITA
    source = StoreQueueSource(session.replica, session.clock, now=lambda: now)
    model = QueueTableModel(source, QueueQuery(QueueFilter(search="1000000")), background=False)
    assert model.rowCount() == 1
    index = model.index(0, Column.DEADLINE)
    assert model.data(index) == "1 working day left"  # Wed 7 (Tue 6 is not counted)
    assert (
        model.data(index, Qt.ItemDataRole.ToolTipRole) == "Deadline for verification and routing: 07 Jan 2026"
    )
    late = StoreQueueSource(
        session.replica, session.clock, now=lambda: dt.datetime(2026, 1, 12, 1, tzinfo=dt.UTC)
    )
    model = QueueTableModel(late, QueueQuery(QueueFilter(search="1000000")), background=False)
    index = model.index(0, Column.DEADLINE)
    assert model.data(index) == "3 days overdue"  # Thu 8, Fri 9, Mon 12
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) is not None
    on_hold = QueueTableModel(
        late, QueueQuery(QueueFilter(search="1000011")), background=False
    )  # n = 11: ditunda
    assert on_hold.data(on_hold.index(0, Column.DEADLINE)) == ""


def test_work_offline_starts_no_network_job(qtbot, window: MainWindow, sync: CountingSync) -> None:
    window.work_offline_action.trigger()
    assert window.work_offline_action.isChecked()
    assert not window.sync_action.isEnabled()
    assert "offline" in window.message_bar.text.lower()
    window.sync_now()
    ran: list[str] = []
    failures: list[BaseException] = []
    window.runner.run(Lane.NETWORK, lambda ctx: ran.append("network"), on_failure=failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=3000)
    assert isinstance(failures[0], NetworkDisabled)
    assert ran == [] and sync.calls == 0
    with qtbot.waitSignal(window.countsRefreshed, timeout=5000):
        window.refresh_status()
    assert "offline" in window.online_label.text().lower()
    window.work_offline_action.trigger()
    assert window.sync_action.isEnabled()
    with qtbot.waitSignal(window.syncFinished, timeout=5000) as done:
        window.sync_now()
    assert done.args == [True] and sync.calls == 1


def test_work_offline_is_remembered(qtbot, session: StoreSession, tmp_path: Path) -> None:
    runner = JobRunner()
    settings = UiSettings(tmp_path / "s2")
    first = MainWindow(session, runner, settings)
    qtbot.addWidget(first)
    first.work_offline_action.trigger()
    first.close()
    second = MainWindow(session, runner, UiSettings(tmp_path / "s2"))
    qtbot.addWidget(second)
    assert second.work_offline_action.isChecked() and session.work_offline
    assert not runner.network_allowed
    second.close()
    runner.shutdown()


def test_shortcuts(qtbot, window: MainWindow, sync: CountingSync) -> None:
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_J)
    assert window.table.currentIndex().row() == 0
    qtbot.keyClick(window.table, Qt.Key.Key_J)
    qtbot.keyClick(window.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.table.currentIndex().row() == 2
    with qtbot.waitSignal(window.detailShown, timeout=5000) as shown:
        qtbot.keyClick(window.table, Qt.Key.Key_K)
    assert window.table.currentIndex().row() == 1
    assert shown.args == [window.model.id_at(1)]
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_edit
    qtbot.keyClicks(window.search_edit, "jk")  # letters typed in the search box stay there
    assert window.search_edit.text() == "jk"
    assert window.table.currentIndex().row() == 1
    with qtbot.waitSignal(window.syncFinished, timeout=5000):
        qtbot.keyClick(window.table, Qt.Key.Key_F5)
    assert sync.calls == 1


def test_arrival_event_is_in_the_timeline(qtbot, window: MainWindow) -> None:
    search(qtbot, window, "1000005")
    with qtbot.waitSignal(window.detailShown, timeout=5000):
        window.select_row(0)
    text = window.detail.timeline.toPlainText()
    assert "Arrived at the OPD" in text
    assert "Nothing yet." not in text


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QDateEdit, QLineEdit

    missing = []
    for kind in (QComboBox, QDateEdit, QLineEdit, QAbstractItemView, QAbstractButton):
        for widget in window.findChildren(kind):
            if not widget.isVisibleTo(window) or widget.parent() is None:
                continue
            name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox | QDateEdit):
                continue
            if not name:
                missing.append(widget.objectName() or type(widget).__name__)
    assert missing == []


def test_models_pass_the_model_tester(qtmodeltester) -> None:
    panel = QueuePanelModel()
    qtmodeltester.check(panel, force_py=True)
    panel.set_counts(dict.fromkeys(PANEL_QUEUES, 3))
    qtmodeltester.check(panel, force_py=True)
    outbox = OutboxModel()
    qtmodeltester.check(outbox, force_py=True)
    outbox.set_items(
        [
            OutboxItem(
                1, "op-1", "note.add", "queued", None, "2026-01-01T00:00:00Z", 0, "c-1", 1234567, "Judul"
            ),
            OutboxItem(
                2, "op-2", "complaint.assign", "conflict", "stale", "2026-01-01T00:00:00Z", 2, "c-2", None, ""
            ),
        ]
    )
    qtmodeltester.check(outbox, force_py=True)
    assert outbox.data(outbox.index(1, 5)) == "Someone else changed the complaint first"


def test_user_is_the_factory_admin(session: StoreSession) -> None:
    assert session.replica.user_id == USER
    assert complaint_data(0)["status"] == "terdisposisi"


def test_a_followup_submitted_offline_moves_between_the_counts_at_once(qtbot, window: MainWindow,
                                                                          session: StoreSession) -> None:  # fmt: skip
    """Draf saya and Menunggu persetujuan (their counts and their lists) hold the follow-up drafted and submitted
    here at once, without a sync; Kotak keluar counts the two changes its list shows."""
    from desktop.app.changes import local_action
    from desktop.store import actions as store_actions
    from desktop.ui.ops import Op

    panel = window.queue_panel.panel_model
    drafts, awaiting = panel.count("drafts"), panel.count("awaiting_approval")
    assert drafts is not None and awaiting is not None
    cid = "c-000011"
    made: list[str] = []

    def draft() -> Any:
        result = store_actions.create_followup(session.replica, cid, "Jalan sudah kami tinjau")
        made.append(result.record_id or "")
        return local_action(cid, result)

    with qtbot.waitSignal(window.countsRefreshed, timeout=5000):
        Op(window, draft).run()
    qtbot.waitUntil(lambda: panel.count("drafts") == drafts + 1, timeout=5000)
    assert panel.count("awaiting_approval") == awaiting

    Op(window, lambda: local_action(cid, store_actions.submit_followup(session.replica, made[0]))).run()
    qtbot.waitUntil(lambda: panel.count("awaiting_approval") == awaiting + 1, timeout=5000)
    assert panel.count("drafts") == drafts and panel.count("outbox") == 2
    with qtbot.waitSignal(window.queueChanged, timeout=2000):
        window.queue_panel.select_key("awaiting_approval")
    assert search(qtbot, window, "1000011") == 1
    with qtbot.waitSignal(window.queueChanged, timeout=2000):
        window.queue_panel.select_key("drafts")
    assert search(qtbot, window, "1000011") == 0
    window.show_queue("outbox")
    qtbot.waitUntil(lambda: window.outbox_model.rowCount() == 2, timeout=5000)
    assert window.count_label.text().endswith(": 2 change(s)")
