"""Background work for the window: plain callables run on one of two single-worker lanes (DB, network).

The work itself knows nothing about Qt: it is `fn(ctx)` where `ctx` is a `JobContext` giving it a cancel flag
and a progress reporter. Results travel back as queued signals of a relay QObject that lives on the GUI thread
and whose `@Slot` methods call the caller's callbacks, so every callback runs on the GUI thread and no lambda
is ever the target of a cross-thread connection. Each lane has exactly one thread that never expires, so a
thread-bound resource (a SQLite connection) always sees the same thread.
"""

from __future__ import annotations

import enum
import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from desktop.app.context import JobCancelled, JobContext

log = logging.getLogger(__name__)


class Lane(enum.Enum):
    DB = "db"
    NETWORK = "network"


class NetworkDisabled(Exception):
    """A network job asked for while "work offline" is on: it is never started."""


class Job(QObject):
    """One unit of background work; lives on the GUI thread, which is where its signals are received."""

    _done = Signal(object)
    _error = Signal(object)
    _progress = Signal(object)
    finished = Signal()

    def __init__(
        self,
        fn: Callable[[JobContext], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_progress = on_progress
        self._last_progress: Any = object()
        self.context = JobContext(_report=self._report_progress)
        self.is_finished = False
        self.lane = Lane.DB
        self.refused = False
        self._done.connect(self._handle_done)
        self._error.connect(self._handle_error)
        self._progress.connect(self._handle_progress)

    def cancel(self) -> None:
        self.context._cancel.set()

    # --- worker thread side: only emits, never touches widgets or callbacks
    def _execute(self) -> None:
        try:
            result = self._fn(self.context)
        except BaseException as exc:  # noqa: BLE001 - everything goes back to the GUI thread
            if not isinstance(exc, JobCancelled):
                log.debug("job failed: %s", "".join(traceback.format_exception(exc)))
            self._error.emit(exc)
        else:
            self._done.emit(result)

    def _report_progress(self, value: Any) -> None:
        # Progress is sent only when it moves, so a chatty job cannot flood the event queue.
        if value != self._last_progress:
            self._last_progress = value
            self._progress.emit(value)

    # --- GUI thread side
    @Slot()
    def _refuse(self) -> None:
        self._handle_error(NetworkDisabled("work offline is on"))

    @Slot(object)
    def _handle_done(self, result: Any) -> None:
        self.is_finished = True
        try:
            if self._on_success is not None and not self.context.cancelled:
                self._on_success(result)
        finally:
            self.finished.emit()

    @Slot(object)
    def _handle_error(self, exc: BaseException) -> None:
        self.is_finished = True
        try:
            if isinstance(exc, JobCancelled) or self.context.cancelled:
                return
            if self._on_failure is not None:
                self._on_failure(exc)
            else:
                log.error("background job failed: %r", exc)
        finally:
            self.finished.emit()

    @Slot(object)
    def _handle_progress(self, value: Any) -> None:
        if self._on_progress is not None and not self.context.cancelled:
            self._on_progress(value)


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job
        self.setAutoDelete(True)

    def run(self) -> None:
        self._job._execute()


class JobRunner(QObject):
    """Two single-thread lanes. `run(...)` returns the `Job`, which the runner keeps alive until it finishes."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools: dict[Lane, QThreadPool] = {}
        for lane in Lane:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)
            pool.setExpiryTimeout(-1)
            pool.setObjectName(f"lane-{lane.value}")
            self._pools[lane] = pool
        self._running: set[Job] = set()
        self._network_allowed = True

    @property
    def network_allowed(self) -> bool:
        return self._network_allowed

    def set_network_allowed(self, allowed: bool) -> None:
        """Off = "work offline": network jobs are refused before they start; running ones are cancelled."""
        self._network_allowed = bool(allowed)
        if not allowed:
            for job in list(self._running):
                if job.lane is Lane.NETWORK:
                    job.cancel()

    def run(
        self,
        lane: Lane,
        fn: Callable[[JobContext], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Any], None] | None = None,
    ) -> Job:
        job = Job(fn, on_success, on_failure, on_progress, parent=self)
        job.lane = lane
        self._running.add(job)
        job.finished.connect(self._forget)
        if lane is Lane.NETWORK and not self._network_allowed:
            # Reported like any failure, but from the event loop (callers expect callbacks after run() returns).
            job.refused = True
            QTimer.singleShot(0, job, job._refuse)
            return job
        self._pools[lane].start(_Runnable(job))
        return job

    @property
    def busy(self) -> bool:
        return bool(self._running)

    @Slot()
    def _forget(self) -> None:
        job = self.sender()
        if isinstance(job, Job):
            self._running.discard(job)
            job.deleteLater()

    def wait_idle(self, msecs: int = -1) -> bool:
        """Block until both lanes are empty (for shutdown and tests); results still arrive as queued events."""
        ok = True
        for pool in self._pools.values():
            ok = pool.waitForDone(msecs) and ok
        return ok

    def shutdown(self, msecs: int = 10_000) -> None:
        for job in list(self._running):
            job.cancel()
        for pool in self._pools.values():
            pool.clear()
        self.wait_idle(msecs)
