"""Background work for the window's widgets, in the style of Anki's ``CollectionOp`` and ``QueryOp``.

- ``Op(window, fn).success(cb).failure(cb).run()``: a write. ``fn()`` runs on the DB lane and returns the
  :class:`~desktop.app.changes.Changes` it made; on success the window's one change signal (``window.changed``)
  carries them to every view, then ``success(changes)`` is called.
- ``Read(window, fn).success(cb).run()`` (the same as ``Op(..., write=False)``): a read that must not run on the
  GUI thread (a dialog's data, the detail, the conflict view, the outbox list); ``success`` gets what ``fn``
  returned and nothing is announced.

``lane=Lane.NETWORK`` runs ``fn`` on the network lane instead (a download). Callbacks run on the GUI thread:
``desktop.ui.jobs`` relays the results through a QObject living there, so a callback may be any callable. A
failure goes to ``failure(exc)``, by default to the window's message bar in one sentence
(:func:`desktop.ui.errors.describe`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Generic, Protocol, TypeVar

from desktop.app.changes import Changes
from desktop.app.context import JobContext
from desktop.ui.errors import describe
from desktop.ui.jobs import Job, JobRunner, Lane
from desktop.ui.message_bar import Level

log = logging.getLogger(__name__)

T = TypeVar("T")


class OpHost(Protocol):
    """What an op needs of its window: the lanes, the change signal and the message bar (``MainWindow``)."""

    runner: JobRunner

    @property
    def changed(self) -> Any: ...  # Signal(object) carrying a Changes

    def show_message(self, text: str, level: Level | str = ...) -> None: ...


class Op(Generic[T]):
    """One piece of background work and what to do with its outcome; ``run()`` starts it (once)."""

    def __init__(
        self, parent: OpHost, fn: Callable[[], T], *, write: bool = True, lane: Lane = Lane.DB
    ) -> None:
        self._parent = parent
        self._fn = fn
        self._write = write
        self._lane = lane
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[BaseException], object] | None = None

    def success(self, callback: Callable[[T], object]) -> Op[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], object]) -> Op[T]:
        self._on_failure = callback
        return self

    def run(self) -> Job:
        return self._parent.runner.run(self._lane, self._work, on_success=self._succeeded,
                                       on_failure=self._failed)  # fmt: skip

    def _work(self, _ctx: JobContext) -> T:
        return self._fn()

    def _succeeded(self, result: T) -> None:
        if self._write:
            if not isinstance(result, Changes):
                raise TypeError(f"a write op must return the Changes it made, not {type(result).__name__}")
            self._parent.changed.emit(result)
        if self._on_success is not None:
            self._on_success(result)

    def _failed(self, exc: BaseException) -> None:
        if self._on_failure is not None:
            self._on_failure(exc)
            return
        log.warning("background work failed: %r", exc)
        self._parent.show_message(describe(exc), Level.ERROR)


class Read(Op[T]):
    """A read off the GUI thread: nothing changed, nothing is announced."""

    def __init__(self, parent: OpHost, fn: Callable[[], T], *, lane: Lane = Lane.DB) -> None:
        super().__init__(parent, fn, write=False, lane=lane)
