"""`python -m desktop.ui.screenshots DIR`: the main views on the demo data, saved as PNGs (offscreen).

Starts the embedded demo hub (seeded), signs in as the demo admin, syncs, makes one offline note so the outbox
has something to show, then grabs: the queue with a complaint's detail, the outbox, a search, and the English UI.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZE = (1600, 900)


def _wait(app: Any, done: Callable[[], bool], timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.01)


def _settle(app: Any, runner: Any) -> None:
    for _ in range(3):
        runner.wait_idle(30_000)
        app.processEvents()


def take(out: Path, data_dir: Path, complaints: int) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("LANG", "C.UTF-8")
    import keyring
    from keyring.backends.fail import Keyring as FailKeyring

    if isinstance(keyring.get_keyring(), FailKeyring):
        from desktop.testing.memory_keyring import MemoryKeyring

        keyring.set_keyring(MemoryKeyring())

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from desktop.app.context import JobContext
    from desktop.app.signin import start_demo
    from desktop.domain.queues import QueueName
    from desktop.ui.app import DEMO_PASSWORD, DEMO_USER
    from desktop.ui.i18n import install_translators
    from desktop.ui.jobs import JobRunner
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import UiSettings
    from desktop.ui.theme import ThemeFollower

    QCoreApplication.setOrganizationName("LAPOR")
    QCoreApplication.setApplicationName("LAPOR! Desk")
    app = QApplication.instance() or QApplication(["lapor-desk-screenshots"])
    assert isinstance(app, QApplication)
    translators = install_translators(app, "id")
    ThemeFollower(app)
    from server.embedded import start_embedded_hub

    hub, session = start_demo(data_dir, DEMO_USER, DEMO_PASSWORD, JobContext(),
                              start_hub=lambda url: start_embedded_hub(url, seed_complaints=complaints))  # fmt: skip
    saved: list[Path] = []
    runner = JobRunner()
    try:
        from desktop.store.actions import add_note
        from desktop.store.queues import QueueFilter, ids

        first = ids(session.replica, QueueFilter(queue=QueueName.NEW), limit=1) or ids(
            session.replica, QueueFilter(), limit=1
        )
        if first:
            add_note(
                session.replica,
                first[0],
                "Sudah dicek ke lokasi; menunggu jadwal perbaikan dari bidang jalan.",
            )
        out.mkdir(parents=True, exist_ok=True)

        def window() -> MainWindow:
            win = MainWindow(session, runner, UiSettings(data_dir / "shots"))
            win.resize(*SIZE)
            win.show()
            _settle(app, runner)
            return win

        def grab(win: MainWindow, name: str) -> None:
            _settle(app, runner)
            path = out / name
            if not win.grab().save(str(path), "PNG", 0):  # 0: the strongest compression
                raise OSError(f"could not write {path}")
            saved.append(path)

        win = window()
        win.show_queue(QueueName.ALL)
        _settle(app, runner)
        win.select_row(2)
        _wait(app, lambda: win.detail.current_id is not None)
        grab(win, "queue-detail.png")

        win.show_queue(QueueName.OUTBOX)
        _wait(app, lambda: win.outbox_model.rowCount() > 0)
        win.outbox_table.selectRow(0)
        _wait(app, lambda: win.detail.current_id is not None)
        grab(win, "outbox.png")

        win.show_queue(QueueName.ALL)
        win.search_now("jalan rusak")
        if win.model.rowCount() == 0:
            win.search_now("jalan")
        win.select_row(0)
        _wait(app, lambda: win.detail.current_id is not None)
        grab(win, "search.png")
        win.close()

        for t in translators:
            app.removeTranslator(t)
        install_translators(app, "en")
        english = window()
        english.show_queue(QueueName.NEW)
        _settle(app, runner)
        if english.model.rowCount() == 0:
            english.show_queue(QueueName.ALL)
        english.select_row(0)
        _wait(app, lambda: english.detail.current_id is not None)
        grab(english, "english.png")
        english.close()
    finally:
        runner.shutdown()
        session.close()
        hub.stop()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m desktop.ui.screenshots", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--complaints", type=int, default=2000, help="complaints in the demo hub")
    parser.add_argument("--data-dir", type=Path, default=None, help="where the demo hub and replica live")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lapor-shots-") as tmp:
        data_dir = args.data_dir or Path(tmp)
        data_dir.mkdir(parents=True, exist_ok=True)
        for path in take(args.out, data_dir, args.complaints):
            print(path)
    sys.stdout.flush()
    os._exit(0)  # skip Qt's object teardown at interpreter exit (PySide may crash there)


if __name__ == "__main__":
    raise SystemExit(main())
