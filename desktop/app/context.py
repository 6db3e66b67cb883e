"""What a background job receives: a cancel flag to poll and a progress reporter (no Qt; the window's lanes in
``desktop.ui.jobs`` make one per job, tests and scripts make their own)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


class JobCancelled(Exception):
    """Raised by `JobContext.check()` inside a job whose caller gave up on it."""


@dataclass
class JobContext:
    """A cancel flag the job should poll and a progress reporter."""

    _cancel: threading.Event = field(default_factory=threading.Event)
    _report: Callable[[Any], None] | None = None

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def cancel_event(self) -> threading.Event:
        """For core code that takes a `threading.Event` as its cancel flag."""
        return self._cancel

    def check(self) -> None:
        if self._cancel.is_set():
            raise JobCancelled()

    def progress(self, value: Any) -> None:
        if self._report is not None:
            self._report(value)
