"""The sync scheduler's decisions and the runner's retry loop, on a fake clock (no real sleeping, no Qt)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import pytest

from desktop.sync.backoff import Backoff, Sleeper
from desktop.sync.engine import SyncProgress, SyncSummary
from desktop.sync.runner import Outcome, RetryNotice, SyncRunner
from desktop.sync.scheduler import SyncScheduler, Trigger
from desktop.sync.transport import AuthError, NetworkError, RateLimited, ServiceUnavailable, UpgradeRequired


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sched(clock: Clock) -> SyncScheduler:
    return SyncScheduler(debounce=3.0, max_debounce=10.0, period=60.0, clock=clock)


def _finish(s: SyncScheduler, **kw: bool) -> None:
    s.sync_finished(**kw)


def test_nothing_due_until_something_happens(sched: SyncScheduler) -> None:
    assert sched.poll() is None and sched.seconds_until_due() is None


def test_start_syncs_at_once_then_periodic(sched: SyncScheduler, clock: Clock) -> None:
    sched.start()
    assert sched.seconds_until_due() == 0.0
    assert sched.poll() is Trigger.START
    assert sched.running and sched.poll() is None and sched.seconds_until_due() is None
    clock.advance(5)
    _finish(sched)
    assert sched.seconds_until_due() == pytest.approx(60.0)
    clock.advance(59.9)
    assert sched.poll() is None
    clock.advance(0.1)
    assert sched.poll() is Trigger.PERIODIC


def test_local_changes_are_debounced_but_not_forever(sched: SyncScheduler, clock: Clock) -> None:
    sched.local_change()
    assert sched.seconds_until_due() == pytest.approx(3.0)
    for _ in range(4):  # a burst: each action pushes the sync out ...
        clock.advance(2.0)
        sched.local_change()
        assert sched.poll() is None
    assert sched.seconds_until_due() == pytest.approx(2.0)  # ... but at most max_debounce after the first
    clock.advance(2.0)
    assert sched.poll() is Trigger.LOCAL_CHANGE
    # a change made while the pass runs gets its own pass after it
    sched.local_change()
    clock.advance(1.0)
    _finish(sched)
    assert sched.seconds_until_due() == pytest.approx(2.0)
    clock.advance(2.0)
    assert sched.poll() is Trigger.LOCAL_CHANGE


def test_sync_now_and_the_nudge_while_running(sched: SyncScheduler) -> None:
    assert sched.sync_now()
    assert sched.poll() is Trigger.MANUAL
    assert not sched.take_nudge()
    assert sched.sync_now()  # pressed again while the pass waits to retry: nudge it, no second pass
    assert sched.take_nudge() and not sched.take_nudge()
    _finish(sched)
    assert sched.poll() is None


def test_work_offline_stops_everything(sched: SyncScheduler, clock: Clock) -> None:
    sched.start()
    assert sched.poll() is Trigger.START
    assert sched.set_work_offline(True) is True  # cancel the pass in flight
    _finish(sched)
    sched.local_change()
    clock.advance(100)
    assert not sched.sync_now()
    assert sched.poll() is None and sched.seconds_until_due() is None
    assert sched.set_work_offline(False) is False
    assert sched.poll() is Trigger.CONNECTIVITY  # back to work: catch up at once


def test_connectivity_lost_holds_and_regained_syncs(sched: SyncScheduler, clock: Clock) -> None:
    sched.connectivity(None)  # unknown: treated as online
    sched.start()
    assert sched.poll() is Trigger.START
    _finish(sched)
    sched.connectivity(False)
    sched.local_change()
    clock.advance(100)
    assert sched.poll() is None and sched.seconds_until_due() is None
    sched.connectivity(True)
    assert sched.poll() is Trigger.CONNECTIVITY
    sched.connectivity(False)
    sched.connectivity(True)  # back while a pass runs: nudge it
    assert sched.take_nudge()


def test_blocked_after_a_failure_only_sync_now_unblocks(sched: SyncScheduler, clock: Clock) -> None:
    sched.start()
    sched.poll()
    _finish(sched, blocked=True)  # 426 or sign-in needed
    sched.local_change()
    clock.advance(1000)
    assert sched.poll() is None and sched.seconds_until_due() is None
    assert sched.sync_now()
    assert sched.poll() is Trigger.MANUAL


# ---------------------------------------------------------------- runner


def _summary(cancelled: bool = False) -> SyncSummary:
    return SyncSummary(
        pulled=1, pushed=2, conflicts=0, rejected=0, seconds=0.1, wire_bytes=10, cancelled=cancelled
    )


class FakeEngine:
    def __init__(self, script: Sequence[BaseException | SyncSummary]) -> None:
        self.script = list(script)
        self.calls = 0
        self.before: Callable[[], None] | None = None

    def run_once(self, progress: Callable[[SyncProgress], None] | None = None,
                 cancel: threading.Event | None = None) -> SyncSummary:  # fmt: skip
        self.calls += 1
        if self.before is not None:
            self.before()
        if progress is not None:
            progress(SyncProgress("push", 1, 2, 0))
        step = self.script.pop(0)
        if isinstance(step, BaseException):
            raise step
        return step


def _runner(engine: FakeEngine, clock: Clock, **kw: object) -> tuple[SyncRunner, list[float]]:
    waits: list[float] = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        clock.advance(seconds)

    sleeper = Sleeper(clock=clock, wait=wait)
    return SyncRunner(engine, backoff=Backoff(base=1.0, cap=30.0, rand=lambda: 1.0), sleeper=sleeper,
                      **kw), waits  # type: ignore[arg-type]  # fmt: skip


def test_runner_retries_retryable_errors_until_success(clock: Clock) -> None:
    engine = FakeEngine([NetworkError("down"), ServiceUnavailable("busy", status=503),
                         RateLimited("slow", status=429, retry_after=20), NetworkError("stalled", code="stalled"),
                         _summary()])  # fmt: skip
    notices: list[RetryNotice] = []
    progress: list[SyncProgress] = []
    runner, waits = _runner(engine, clock, on_retry=notices.append, on_progress=progress.append)
    start = clock.now
    result = runner.run()
    assert result.outcome is Outcome.SYNCED and result.attempts == 5 and result.summary is not None
    assert [n.delay.seconds for n in notices] == [1.0, 2.0, 20.0, 8.0]  # Retry-After 20 is the floor
    assert clock.now - start == pytest.approx(31.0)
    assert len(progress) == 5
    assert runner.backoff.failures == 0  # reset after success


@pytest.mark.parametrize("error", [UpgradeRequired("update", status=426),
                                   AuthError("sign in", status=401, code="unauthenticated"), RuntimeError("bug")])  # fmt: skip
def test_runner_stops_on_what_retrying_cannot_cure(clock: Clock, error: BaseException) -> None:
    engine = FakeEngine([error])
    runner, waits = _runner(engine, clock)
    result = runner.run()
    assert result.outcome is Outcome.FAILED and result.error is error and waits == []


def test_runner_no_retry_cap(clock: Clock) -> None:
    engine = FakeEngine([NetworkError("down")] * 200 + [_summary()])
    runner, _ = _runner(engine, clock)
    assert runner.run().attempts == 201


def test_runner_goes_offline_and_cancels(clock: Clock) -> None:
    offline = False

    def go_offline(_: RetryNotice) -> None:
        nonlocal offline
        offline = True

    engine = FakeEngine([NetworkError("down")])
    runner, _ = _runner(engine, clock, is_offline=lambda: offline, on_retry=go_offline)
    assert runner.run().outcome is Outcome.OFFLINE
    runner, _ = _runner(FakeEngine([]), clock, is_offline=lambda: True)
    assert runner.run().outcome is Outcome.OFFLINE and runner.engine.calls == 0  # type: ignore[attr-defined]

    engine = FakeEngine([NetworkError("down"), _summary()])
    runner, _ = _runner(engine, clock, on_retry=lambda _: runner.cancel())
    assert runner.run().outcome is Outcome.CANCELLED and engine.calls == 1
    engine = FakeEngine([_summary(cancelled=True)])
    runner, _ = _runner(engine, clock)
    assert runner.run().outcome is Outcome.CANCELLED


def test_runner_nudge_cuts_the_wait_short_but_keeps_retry_after(clock: Clock) -> None:
    engine = FakeEngine(
        [NetworkError("down")] * 6 + [RateLimited("slow", status=429, retry_after=7), _summary()]
    )
    runner, _ = _runner(engine, clock)
    # "Sync now" during attempts 6 and 7
    engine.before = lambda: runner.nudge() if engine.calls >= 6 else None
    start = clock.now
    result = runner.run()
    assert result.outcome is Outcome.SYNCED
    # waits 1+2+4+8+16 = 31, then the nudged 6th (window 30) ends at once, then Retry-After 7 still holds
    assert clock.now - start == pytest.approx(31.0 + 0.0 + 7.0)


def test_runner_in_a_thread_is_cancelled_from_another(clock: Clock) -> None:
    engine = FakeEngine([NetworkError("down")] * 3)
    runner = SyncRunner(engine, backoff=Backoff(base=3600.0, rand=lambda: 1.0))
    out: list[Outcome] = []
    started = threading.Event()
    runner.on_retry = lambda _: started.set()
    th = threading.Thread(target=lambda: out.append(runner.run().outcome))
    th.start()
    assert started.wait(5)
    runner.cancel()
    th.join(5)
    assert out == [Outcome.CANCELLED]
