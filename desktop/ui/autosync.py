"""Automatic sync for the window: thin Qt glue around the Qt-free scheduler and runner (desktop/sync).

- :class:`~desktop.sync.scheduler.SyncScheduler` decides *when* (Sync now, shortly after a local action,
  periodically, connectivity back; never while working offline); a single-shot ``QTimer`` wakes it when due;
- :class:`~desktop.sync.runner.SyncRunner` runs the pass on the window's network lane (desktop/ui/jobs.py) and
  retries with back-off until it succeeds, is cancelled, or the desk goes offline; its progress and retry
  notices come back as queued signals, handled by ``@Slot`` methods on the GUI thread;
- connectivity: ``QNetworkInformation`` where a backend loads (only "disconnected" counts as offline: a hub on
  the office LAN is reachable without internet); between passes a cheap ``GET /healthz`` in a background thread
  (every 15 s) checks the hub: its outcome, like every pass's, is what the status bar's "online" says
  (``hubReachable``), so a hub that stopped shows within seconds; while the platform says offline, or while a pass
  waits after a network error, a probe that answers makes the pass retry at once (never before the hub's
  Retry-After).

The window calls :meth:`AutoSync.sync_now`, :meth:`AutoSync.set_work_offline` and :meth:`AutoSync.stop`, connects
its one change signal to :meth:`AutoSync.changes_made` (an action that queued an op: sync soon), and listens to the
signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desktop.app.changes import Changes
from desktop.app.context import JobContext
from desktop.sync.backoff import Backoff, ErrorClass
from desktop.sync.runner import Outcome, RetryNotice, RunResult, SyncRunner
from desktop.sync.scheduler import SyncScheduler, Trigger
from desktop.ui.jobs import Job, JobRunner, Lane

log = logging.getLogger(__name__)

DEBOUNCE_S = 3.0
MAX_DEBOUNCE_S = 20.0
PERIOD_S = 10 * 60.0
PROBE_MS = 15_000
PROBE_TIMEOUT_S = 5.0


def hub_probe(server_url: str) -> Callable[[], bool]:
    """A cheap reachability check: ``GET /healthz`` (no auth) answers ok."""

    def probe() -> bool:
        from desktop.sync.transport import Transport, TransportError

        transport = Transport(server_url, "probe", timeout=(PROBE_TIMEOUT_S, PROBE_TIMEOUT_S))
        try:
            return transport.health().get("status") == "ok"
        except TransportError:
            return False
        finally:
            transport.close()

    return probe


class _ProbeRelay(QObject):
    done = Signal(bool)


class AutoSync(QObject):
    # the trigger's value: "manual", "local_change", "periodic", "connectivity", "start"
    started = Signal(str)
    progress = Signal(object)  # SyncProgress
    retrying = Signal(object)  # RetryNotice: a failed attempt and the wait before the next
    finished = Signal(object)  # RunResult
    connectivityChanged = Signal(
        object
    )  # True / False / None (unknown): the platform's view, or a probe's answer
    hubReachable = Signal(
        bool
    )  # the last request to the hub (a pass, a probe) got an answer, or no longer does

    def __init__(self, session: Any, jobs: JobRunner, parent: QObject | None = None, *,
                 scheduler: SyncScheduler | None = None, probe: Callable[[], bool] | None = None,
                 use_network_information: bool = True, backoff_factory: Callable[[], Backoff] = Backoff,
                 probe_interval_ms: int = PROBE_MS) -> None:  # fmt: skip
        super().__init__(parent)
        self.session = session
        self.jobs = jobs
        self.scheduler = scheduler or SyncScheduler(
            debounce=DEBOUNCE_S, max_debounce=MAX_DEBOUNCE_S, period=PERIOD_S
        )
        server_url = getattr(session, "server_url", None)
        self._probe = probe or (hub_probe(server_url) if server_url else None)
        self.backoff_factory = backoff_factory  # the retry policy of each pass (a test may shorten it)
        self._reachable: bool | None = getattr(session, "hub_reachable", None)
        self._runner: SyncRunner | None = None
        self._job: Job | None = None
        self._result: RunResult | None = None
        self._waiting_on_network = False
        self._probing = False
        self._stopped = False
        self._announcing = False  # while `finished` is emitted: the changes announced then are the pass's own

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._probe_timer = QTimer(self)
        self._probe_timer.setInterval(probe_interval_ms)
        self._probe_timer.timeout.connect(self._start_probe)
        self._probe_relay = _ProbeRelay(self)
        self._probe_relay.done.connect(self._on_probe_done)
        self._network_info: Any = None
        if use_network_information:
            self._network_info = _load_network_information()
            if self._network_info is not None:
                self._network_info.reachabilityChanged.connect(self._on_reachability)
                self.scheduler.connectivity(_online_of(self._network_info.reachability()))
        self._update_probe()

    # ------------------------------------------------------------ window API
    @property
    def can_sync(self) -> bool:
        return bool(getattr(self.session, "can_sync", False))

    @property
    def running(self) -> bool:
        return self.scheduler.running

    def start(self) -> None:
        """Sync once now that the window is open (the "on start" trigger)."""
        if self.can_sync:
            self.scheduler.start()
            self._reschedule()

    def sync_now(self) -> bool:
        """The "Sync now" button: start a pass, or make the one waiting to retry try now. False while working offline."""
        if not self.can_sync or not self.scheduler.sync_now():
            return False
        self._reschedule()
        return True

    def local_change(self) -> None:
        """A user action queued an op: sync shortly (debounced)."""
        if self.can_sync:
            self.scheduler.local_change()
            self._reschedule()

    @Slot(object)
    def changes_made(self, changes: Changes) -> None:
        """The window's change signal: an action that queued an op (the outbox changed) means sync shortly. The
        changes a pass announces as it ends (the window emits them while handling `finished`) are not a reason
        to sync again."""
        if changes.outbox and not self._announcing:
            self.local_change()

    def set_work_offline(self, on: bool) -> None:
        if self.scheduler.set_work_offline(on) and self._runner is not None:
            self._runner.cancel()
        self._reschedule()

    def set_probe_interval(self, ms: int) -> None:
        """How often the hub is probed between passes (tests shorten it)."""
        self._probe_timer.setInterval(max(1, int(ms)))

    @property
    def hub_reachable(self) -> bool | None:
        """What the last request to the hub said (None: nothing asked yet, or a session that cannot sync)."""
        return self._reachable

    def note_reachable(self, reachable: bool) -> None:
        """The outcome of a request made outside a pass (an attachment downloaded, or not): the status bar says
        it at once (``hubReachable``)."""
        note = getattr(self.session, "note_reachable", None)
        if note is not None:
            note(reachable)
            self._announce_reachable()

    def stop(self) -> None:
        """The window closes: no more passes; the one in flight is cancelled."""
        self._stopped = True
        self._timer.stop()
        self._probe_timer.stop()
        if self._runner is not None:
            self._runner.cancel()

    # ------------------------------------------------------------ scheduling
    def _reschedule(self) -> None:
        if self._stopped:
            return
        if self.scheduler.take_nudge() and self._runner is not None:
            self._runner.nudge()
        if self._runner is not None and not self.scheduler.may_sync:
            self._runner.wake()  # it sees is_offline and ends
        wait = self.scheduler.seconds_until_due()
        if wait is None:
            self._timer.stop()
        elif wait <= 0:
            self._timer.start(0)  # from the event loop: never re-entered from a slot in flight
        else:
            self._timer.start(max(1, int(wait * 1000)))
        self._update_probe()

    @Slot()
    def _tick(self) -> None:
        if self._stopped or not self.can_sync:
            return
        trigger = self.scheduler.poll()
        if trigger is None:
            self._reschedule()
            return
        self._start_pass(trigger)

    def _is_offline(self) -> bool:
        return self._stopped or not self.scheduler.may_sync

    def _start_pass(self, trigger: Trigger) -> None:
        runner = SyncRunner(self.session, backoff=self.backoff_factory(), is_offline=self._is_offline)
        self._runner = runner
        self._result = None
        self._waiting_on_network = False
        self._update_probe()  # the pass's own requests say whether the hub answers

        def work(ctx: JobContext) -> RunResult:
            # the lane cancelling the job (shutdown) ends the pass too, at the latest when a retry wait ends
            runner.is_offline = lambda: self._is_offline() or ctx.cancelled
            runner.on_progress = ctx.progress
            runner.on_retry = ctx.progress
            return runner.run()

        self.started.emit(trigger.value)
        job = self._job = self.jobs.run(Lane.NETWORK, work, on_success=self._on_result, on_progress=self._on_progress,
                                        on_failure=self._on_job_failed)  # fmt: skip
        job.finished.connect(self._on_job_finished)

    # ------------------------------------------------------------ results (GUI thread, via the job's slots)
    def _on_progress(self, value: Any) -> None:
        if isinstance(value, RetryNotice):
            self._waiting_on_network = value.delay.kind is ErrorClass.NETWORK
            self._update_probe()
            self._announce_reachable()
            self.retrying.emit(value)
        else:
            if self._waiting_on_network:
                self._waiting_on_network = False
                self._update_probe()
            self.progress.emit(value)

    def _on_result(self, result: RunResult) -> None:
        self._result = result

    def _on_job_failed(self, exc: BaseException) -> None:
        # the runner itself does not raise; this is the lane refusing the job (work offline) or a bug
        self._result = RunResult(
            Outcome.OFFLINE if self.scheduler.work_offline else Outcome.FAILED, error=exc
        )

    @Slot()
    def _on_job_finished(self) -> None:
        result = self._result or RunResult(Outcome.CANCELLED)  # the lane cancelled the job (work offline)
        self._runner = None
        self._job = None
        self._waiting_on_network = False
        self.scheduler.sync_finished(blocked=result.outcome is Outcome.FAILED)
        if result.outcome is Outcome.SYNCED and self.scheduler.online is False:
            self._set_online(True)  # the hub answered: whatever the platform said, we are online
        self._announce_reachable()
        self._announcing = True
        try:
            self.finished.emit(result)
        finally:
            self._announcing = False
        self._reschedule()

    # ------------------------------------------------------------ connectivity
    def _set_online(self, online: bool | None) -> None:
        before = self.scheduler.online
        self.scheduler.connectivity(online)
        if before != online:
            self.connectivityChanged.emit(online)
        self._reschedule()

    @Slot(object)
    def _on_reachability(self, reachability: Any) -> None:
        self._set_online(_online_of(reachability))

    def _announce_reachable(self) -> None:
        """``hubReachable`` when the session's view of the hub (the outcome of its last request) changed."""
        now = getattr(self.session, "hub_reachable", None)
        if now is not None and now != self._reachable:
            self._reachable = bool(now)
            self.hubReachable.emit(bool(now))

    def _update_probe(self) -> None:
        # Between passes, and while a pass waits to retry after a network error (a pass at work says itself
        # whether the hub answers); never while working offline.
        want = (
            not self._stopped and self._probe is not None and self.can_sync and not self.scheduler.work_offline
            and (self._runner is None or self._waiting_on_network)
        )  # fmt: skip
        if want and not self._probe_timer.isActive():
            self._probe_timer.start()
        elif not want and self._probe_timer.isActive():
            self._probe_timer.stop()

    @Slot()
    def _start_probe(self) -> None:
        if self._probing or self._probe is None:
            return
        self._probing = True
        probe, relay = self._probe, self._probe_relay

        def run() -> None:
            try:
                ok = probe()
            except Exception:  # noqa: BLE001 - a probe that breaks says "not reachable"
                ok = False
            relay.done.emit(ok)

        threading.Thread(target=run, name="lapor-healthz", daemon=True).start()

    @Slot(bool)
    def _on_probe_done(self, ok: bool) -> None:
        self._probing = False
        if self._stopped or self.scheduler.work_offline:
            return
        if self._runner is None or self._waiting_on_network:  # a pass at work has the last word meanwhile
            self.note_reachable(ok)
        if not ok:
            return
        if self.scheduler.online is False:
            self._set_online(True)  # a pass waiting to retry is nudged through the scheduler
        elif self._runner is not None and self._waiting_on_network:
            self._runner.nudge()  # the hub answers again: retry now (never before its Retry-After)


def _load_network_information() -> Any:
    """The platform's QNetworkInformation with reachability, or None (no backend, e.g. some offscreen setups)."""
    try:
        from PySide6.QtNetwork import QNetworkInformation
    except ImportError:  # pragma: no cover - QtNetwork ships with PySide6
        return None
    info = QNetworkInformation.instance()
    if info is None:
        if not QNetworkInformation.availableBackends():
            return None
        if not QNetworkInformation.loadDefaultBackend():
            return None
        info = QNetworkInformation.instance()
    if info is None or not info.supports(QNetworkInformation.Feature.Reachability):
        return None
    return info


def _online_of(reachability: Any) -> bool | None:
    """Only "disconnected" means offline; "online" means online; local/site/unknown: try (the hub may be on the
    office LAN)."""
    from PySide6.QtNetwork import QNetworkInformation

    if reachability == QNetworkInformation.Reachability.Disconnected:
        return False
    if reachability == QNetworkInformation.Reachability.Online:
        return True
    return None
