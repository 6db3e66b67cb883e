"""Automatic sync glue (desktop/ui/autosync.py): Sync now, debounced local changes, retries with a nudge, work
offline ending a pass that waits, the /healthz probe bringing the desk back online, and the window's wiring.
A Qt warning fails a test (tests/conftest.py), so loading QNetworkInformation is checked too."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.app.changes import Changes, local_action, sync_pass
from desktop.app.session import StoreSession
from desktop.sync.backoff import Backoff
from desktop.sync.engine import SyncSummary
from desktop.sync.runner import Outcome, RetryNotice, RunResult
from desktop.sync.scheduler import SyncScheduler, Trigger
from desktop.sync.transport import NetworkError, UpgradeRequired
from desktop.ui.autosync import AutoSync
from desktop.ui.jobs import JobRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import UiSettings
from tests.ui.factory import make_replica


def _summary() -> SyncSummary:
    return SyncSummary(pulled=3, pushed=1, conflicts=0, rejected=0, seconds=0.01, wire_bytes=100)


class FakeSession:
    """can_sync + run_once(progress, cancel): fails with the queued errors first, then succeeds."""

    can_sync = True
    server_url = None

    def __init__(self, errors: list[BaseException] | None = None) -> None:
        self.errors = list(errors or [])
        self.calls = 0
        self.lock = threading.Lock()

    def run_once(self, progress: Any = None, cancel: Any = None) -> SyncSummary:
        with self.lock:
            self.calls += 1
            error = self.errors.pop(0) if self.errors else None
        if error is not None:
            raise error
        return _summary()


@pytest.fixture
def jobs() -> Iterator[JobRunner]:
    runner = JobRunner()
    yield runner
    runner.shutdown()


def _auto(session: Any, jobs: JobRunner, **kw: Any) -> AutoSync:
    kw.setdefault("use_network_information", False)
    kw.setdefault("scheduler", SyncScheduler(debounce=0.05, max_debounce=0.2, period=3600.0))
    return AutoSync(session, jobs, **kw)


def test_sync_now_runs_one_pass(qtbot, jobs: JobRunner) -> None:
    session = FakeSession()
    auto = _auto(session, jobs)
    with qtbot.waitSignal(auto.started) as started, qtbot.waitSignal(auto.finished, timeout=5000) as done:
        assert auto.sync_now()
    assert started.args == ["manual"]
    result: RunResult = done.args[0]
    assert result.outcome is Outcome.SYNCED and result.summary is not None and session.calls == 1
    assert not auto.running
    auto.stop()


def test_local_changes_are_debounced_into_one_pass(qtbot, jobs: JobRunner) -> None:
    session = FakeSession()
    auto = _auto(session, jobs)
    with qtbot.waitSignal(auto.finished, timeout=5000):
        for _ in range(5):
            auto.local_change()
    assert session.calls == 1
    auto.stop()


def test_retry_is_nudged_by_sync_now(qtbot, jobs: JobRunner) -> None:
    session = FakeSession([NetworkError("down", code="network")])
    # a long back-off: only the nudge can make the second attempt happen within the test's timeout
    auto = _auto(session, jobs, backoff_factory=lambda: Backoff(base=3600.0, cap=3600.0, rand=lambda: 1.0))
    with qtbot.waitSignal(auto.retrying, timeout=5000) as retry:
        auto.sync_now()
    notice: RetryNotice = retry.args[0]
    assert notice.delay.seconds == 3600.0 and isinstance(notice.error, NetworkError)
    with qtbot.waitSignal(auto.finished, timeout=5000) as done:
        assert auto.sync_now()  # pressed while waiting: no second pass, the waiting one tries now
    assert done.args[0].outcome is Outcome.SYNCED and done.args[0].attempts == 2 and session.calls == 2
    auto.stop()


def test_work_offline_ends_a_waiting_pass_and_stops_traffic(qtbot, jobs: JobRunner) -> None:
    session = FakeSession([NetworkError("down")])
    auto = _auto(session, jobs, backoff_factory=lambda: Backoff(base=3600.0, cap=3600.0, rand=lambda: 1.0))
    with qtbot.waitSignal(auto.retrying, timeout=5000):
        auto.sync_now()
    with qtbot.waitSignal(auto.finished, timeout=5000) as done:
        auto.set_work_offline(True)
    assert done.args[0].outcome in (Outcome.OFFLINE, Outcome.CANCELLED)
    assert not auto.sync_now()
    auto.local_change()
    assert auto.scheduler.seconds_until_due() is None and session.calls == 1
    with qtbot.waitSignal(auto.finished, timeout=5000) as back:
        auto.set_work_offline(False)  # back to work: catch up at once
    assert back.args[0].outcome is Outcome.SYNCED and session.calls == 2
    auto.stop()


def test_failure_retrying_cannot_cure_blocks_until_sync_now(qtbot, jobs: JobRunner) -> None:
    session = FakeSession([UpgradeRequired("update LAPOR! Desk", status=426)])
    auto = _auto(session, jobs)
    with qtbot.waitSignal(auto.finished, timeout=5000) as done:
        auto.sync_now()
    assert done.args[0].outcome is Outcome.FAILED and isinstance(done.args[0].error, UpgradeRequired)
    auto.local_change()
    assert auto.scheduler.seconds_until_due() is None
    with qtbot.waitSignal(auto.finished, timeout=5000) as again:
        auto.sync_now()
    assert again.args[0].outcome is Outcome.SYNCED
    auto.stop()


def test_probe_brings_the_desk_back_online(qtbot, jobs: JobRunner) -> None:
    session = FakeSession()
    reachable = threading.Event()
    probes: list[bool] = []

    def probe() -> bool:
        probes.append(reachable.is_set())
        return reachable.is_set()

    auto = _auto(session, jobs, probe=probe, probe_interval_ms=20)
    auto._set_online(False)  # the platform says: disconnected
    auto.local_change()
    qtbot.waitUntil(lambda: len(probes) >= 2, timeout=5000)  # probing while offline, nothing synced
    assert session.calls == 0
    reachable.set()
    with qtbot.waitSignal(auto.connectivityChanged, timeout=5000) as online, \
            qtbot.waitSignal(auto.finished, timeout=5000) as done:  # fmt: skip
        pass
    assert online.args == [True] and done.args[0].outcome is Outcome.SYNCED and session.calls == 1
    seen = len(probes)  # between passes the probe goes on watching the hub
    qtbot.waitUntil(lambda: len(probes) > seen, timeout=5000)
    auto.stop()


class ReachableSession(FakeSession):
    """A session that keeps what the last request to the hub said, as StoreSession does."""

    hub_reachable = True

    def note_reachable(self, reachable: bool) -> bool:
        changed, self.hub_reachable = self.hub_reachable != reachable, reachable
        return changed


def test_the_probe_between_passes_says_at_once_when_the_hub_stops_and_comes_back(
    qtbot, jobs: JobRunner
) -> None:
    session = ReachableSession()
    answers = threading.Event()
    answers.set()
    auto = _auto(session, jobs, probe=answers.is_set, probe_interval_ms=20)
    assert auto.hub_reachable is True
    answers.clear()  # the hub stops: no pass is needed to notice
    with qtbot.waitSignal(auto.hubReachable, timeout=5000) as gone:
        pass
    assert gone.args == [False] and session.hub_reachable is False and session.calls == 0
    answers.set()
    with qtbot.waitSignal(auto.hubReachable, timeout=5000) as back:
        pass
    assert back.args == [True] and session.hub_reachable is True
    auto.stop()


def test_only_changes_made_here_ask_for_a_pass(qtbot, jobs: JobRunner) -> None:
    session = FakeSession()
    auto = _auto(session, jobs)
    announced: list[Changes] = []

    def announce(result: RunResult) -> None:  # as the window does: the pass's changes on the change signal
        changes = sync_pass(result.summary)
        announced.append(changes)
        auto.changes_made(changes)

    auto.finished.connect(announce)
    auto.changes_made(Changes(reference=True))  # nothing queued for the hub: nothing to send
    assert auto.scheduler.seconds_until_due() is None
    with qtbot.waitSignal(auto.finished, timeout=5000):
        auto.changes_made(local_action("c-1"))  # an action queued an op: sync soon
    assert session.calls == 1 and announced and announced[0].outbox
    due = auto.scheduler.next_due()  # the pass's own changes did not ask for another: only the periodic one
    assert due is not None and due[1] is Trigger.PERIODIC
    auto.stop()


def test_network_information_loads_without_warnings(qtbot, jobs: JobRunner) -> None:
    auto = AutoSync(FakeSession(), jobs, use_network_information=True)
    assert auto.scheduler.online in (True, False, None)
    auto.stop()


def test_session_that_cannot_sync_never_syncs(qtbot, jobs: JobRunner) -> None:
    session = FakeSession()
    session.can_sync = False
    auto = _auto(session, jobs)
    auto.start()
    auto.local_change()
    assert not auto.sync_now()
    assert auto.scheduler.seconds_until_due() is None and session.calls == 0


def test_window_syncs_shortly_after_a_local_change(qtbot, tmp_path: Path) -> None:
    calls: list[int] = []

    class Engine:
        def run_once(self, progress: Any = None, cancel: Any = None) -> SyncSummary:
            return sync()

    def sync() -> SyncSummary:
        calls.append(1)
        return _summary()

    replica = make_replica(tmp_path / "replica", 20)
    session = StoreSession(replica, engine=Engine())
    runner = JobRunner()
    window = MainWindow(session, runner, UiSettings(tmp_path / "settings"))
    qtbot.addWidget(window)
    try:
        window.autosync.scheduler.debounce = 0.05
        with qtbot.waitSignal(window.syncFinished, timeout=5000) as done:
            window.changed.emit(local_action("c-000001"))  # what an Op emits once its action is stored
        assert done.args == [True] and len(calls) == 1
        # the pass announced what it changed (a pull, a push) on the same signal: no reason to sync again
        due = window.autosync.scheduler.next_due()
        assert due is not None and due[1] is Trigger.PERIODIC
        window.close()
        assert window.autosync.scheduler.seconds_until_due() is None or window.autosync._stopped
    finally:
        runner.shutdown()
        session.close()


def test_a_request_outside_a_pass_is_told_at_once(qtbot, jobs: JobRunner) -> None:
    """A download that could not reach the hub (or could) says so, as a probe or a pass would."""
    session = ReachableSession()
    auto = _auto(session, jobs)
    with qtbot.waitSignal(auto.hubReachable, timeout=1000) as gone:
        auto.note_reachable(False)
    assert gone.args == [False] and auto.hub_reachable is False
    with qtbot.assertNotEmitted(auto.hubReachable):
        auto.note_reachable(False)  # nothing new to say
    auto.stop()
