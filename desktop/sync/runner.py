"""Run sync passes until one succeeds: back off between failed attempts, stop on cancel or when offline.

:class:`SyncRunner` wraps :meth:`SyncEngine.run_once` (or anything with the same method) with the policy of
:mod:`desktop.sync.backoff`: a retryable failure (429/503/5xx, network, stall, garbled answer) waits a full-jitter
delay, never shorter than the hub's Retry-After, then tries again, without a cap on attempts; a failure that
retrying cannot cure (426 update the app, a 401 a refresh cannot cure, anything unexpected) ends the run.
Each attempt resumes where the last stopped (the engine's steps are atomic), so retrying is always safe.

No Qt here: the desk runs this in a worker thread (desktop/ui/autosync.py) and ``lapor-desk sync`` could too.
Callbacks are called on the runner's thread.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from desktop.sync.backoff import Backoff, Delay, Sleeper, is_retryable
from desktop.sync.engine import SyncProgress, SyncSummary


class Engine(Protocol):
    def run_once(self, progress: Callable[[SyncProgress], None] | None = None,
                 cancel: threading.Event | None = None) -> SyncSummary: ...  # fmt: skip


class Outcome(enum.Enum):
    SYNCED = "synced"
    CANCELLED = "cancelled"
    OFFLINE = "offline"  # the desk went offline (work-offline switch, or no network) before a pass succeeded
    FAILED = "failed"  # a failure retrying cannot cure: ``error`` says which


@dataclass(frozen=True)
class RunResult:
    outcome: Outcome
    summary: SyncSummary | None = None
    error: BaseException | None = None
    attempts: int = 0


@dataclass(frozen=True)
class RetryNotice:
    """A failed attempt and the wait before the next one (for "retrying in 40 s" in the status bar)."""

    delay: Delay
    error: BaseException


class SyncRunner:
    def __init__(
        self,
        engine: Engine,
        *,
        backoff: Backoff | None = None,
        sleeper: Sleeper | None = None,
        is_offline: Callable[[], bool] = lambda: False,
        on_progress: Callable[[SyncProgress], None] | None = None,
        on_retry: Callable[[RetryNotice], None] | None = None,
    ) -> None:
        self.engine = engine
        self.backoff = backoff or Backoff()
        self.sleeper = sleeper or Sleeper()
        self.is_offline = is_offline
        self.on_progress = on_progress
        self.on_retry = on_retry
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Stop as soon as possible: between two atomic steps of a pass, or at once while waiting to retry."""
        self._cancel.set()
        self.sleeper.wake()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def nudge(self) -> None:
        """Retry now if waiting ("Sync now", connectivity back), though never before the hub's Retry-After."""
        self.sleeper.nudge()

    def wake(self) -> None:
        """Look at ``is_offline`` again now (e.g. the work-offline switch was turned on)."""
        self.sleeper.wake()

    def run(self) -> RunResult:
        attempts = 0
        while True:
            if self._cancel.is_set():
                return RunResult(Outcome.CANCELLED, attempts=attempts)
            if self.is_offline():
                return RunResult(Outcome.OFFLINE, attempts=attempts)
            self.sleeper.clear_nudge()  # this attempt answers any nudge so far
            attempts += 1
            try:
                summary = self.engine.run_once(progress=self.on_progress, cancel=self._cancel)
            except Exception as exc:  # noqa: BLE001 - classified below; nothing is swallowed silently
                if not is_retryable(exc):
                    return RunResult(Outcome.FAILED, error=exc, attempts=attempts)
                delay = self.backoff.next_delay(exc)
                if self.on_retry is not None:
                    self.on_retry(RetryNotice(delay, exc))
                waited = self._wait(delay)
                if waited == "cancelled":
                    return RunResult(Outcome.CANCELLED, error=exc, attempts=attempts)
                if waited == "stopped":
                    return RunResult(Outcome.OFFLINE, error=exc, attempts=attempts)
                continue
            self.backoff.reset()
            if getattr(summary, "cancelled", False):  # a stand-in engine may return something simpler
                return RunResult(Outcome.CANCELLED, summary=summary, attempts=attempts)
            return RunResult(Outcome.SYNCED, summary=summary, attempts=attempts)

    def _wait(self, delay: Delay) -> str:
        return self.sleeper.sleep(delay.seconds, self._cancel, floor=delay.floor, stop=self.is_offline)
