"""The job runner: work runs off the GUI thread, results come back on it, failures and cancels are honoured."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread

from desktop.app.context import JobContext
from desktop.ui.jobs import JobRunner, Lane


def test_success_runs_callback_on_gui_thread(qtbot) -> None:
    runner = JobRunner()
    gui = QThread.currentThread()
    seen: dict[str, object] = {}

    def work(ctx: JobContext) -> int:
        seen["worker"] = threading.current_thread().name
        seen["worker_is_gui"] = QThread.currentThread() is gui
        return 41 + 1

    def done(value: int) -> None:
        seen["value"] = value
        seen["callback_is_gui"] = QThread.currentThread() is gui

    job = runner.run(Lane.DB, work, on_success=done)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert seen["value"] == 42
    assert seen["worker_is_gui"] is False
    assert seen["callback_is_gui"] is True
    runner.shutdown()


def test_failure_reaches_failure_callback(qtbot) -> None:
    runner = JobRunner()
    errors: list[BaseException] = []

    def work(ctx: JobContext) -> None:
        raise ValueError("boom")

    job = runner.run(Lane.NETWORK, work, on_failure=errors.append)
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert len(errors) == 1 and isinstance(errors[0], ValueError)
    runner.shutdown()


def test_one_lane_runs_one_job_at_a_time_and_keeps_its_thread(qtbot) -> None:
    runner = JobRunner()
    threads: list[int] = []
    active = 0
    overlap = False
    lock = threading.Lock()

    def work(ctx: JobContext) -> None:
        nonlocal active, overlap
        with lock:
            active += 1
            overlap = overlap or active > 1
        threads.append(threading.get_ident())
        QThread.msleep(5)
        with lock:
            active -= 1

    jobs = [runner.run(Lane.DB, work) for _ in range(5)]
    with qtbot.waitSignal(jobs[-1].finished, timeout=5000):
        pass
    assert not overlap
    assert len(set(threads)) == 1
    runner.shutdown()


def test_progress_and_cancel(qtbot) -> None:
    runner = JobRunner()
    progress: list[int] = []
    results: list[object] = []
    release = threading.Event()

    def work(ctx: JobContext) -> str:
        for step in (1, 1, 2, 3):
            ctx.progress(step)
        release.wait(5)
        ctx.check()
        return "not cancelled"

    job = runner.run(Lane.NETWORK, work, on_success=results.append, on_progress=progress.append)
    qtbot.waitUntil(lambda: progress == [1, 2, 3], timeout=5000)
    job.cancel()
    release.set()
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert results == []
    runner.shutdown()
