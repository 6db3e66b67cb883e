"""The status bar tells the truth about the hub, against a real hub subprocess that is stopped and started again
on the same port: "Offline" within a few seconds of the hub stopping (no pass needed: the probe between passes),
the retry countdown ticks every second and fits its label, the change made meanwhile waits in Kotak keluar as
not sent (and is counted there as one change), and once the hub is back the desk says "Online" and how many
changes it sent."""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

from desktop.app.changes import local_action
from desktop.app.session import StoreSession
from desktop.domain.queues import QueueName
from desktop.store import actions, queues
from desktop.store.engine import open_replica
from desktop.sync.backoff import Backoff
from desktop.sync.engine import SyncEngine
from desktop.sync.transport import Transport
from desktop.testing.hub import REPO, free_port, seed_hub
from desktop.ui.autosync import hub_probe
from desktop.ui.i18n import queue_label
from desktop.ui.jobs import JobRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.ops import Op
from desktop.ui.outbox_model import OutboxColumn
from desktop.ui.settings import UiSettings

COUNTDOWN = re.compile(r"Cannot reach the hub; trying again in (\d+) s")
RETRY_S = 6.0


@contextmanager
def serving(qtbot: Any, db_url: str, port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The hub on ``port`` until the block ends (or the test stops it sooner)."""
    url = f"http://127.0.0.1:{port}"
    with log.open("ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "server", "serve", "--db", db_url, "--host", "127.0.0.1",
                                 "--port", str(port)], cwd=REPO, stdout=out, stderr=out)  # fmt: skip
    try:
        probe = hub_probe(url)
        qtbot.waitUntil(lambda: proc.poll() is None and probe(), timeout=60_000)
        yield proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def fits(label: Any) -> bool:
    return label.isVisible() and label.width() >= label.fontMetrics().horizontalAdvance(label.text())


@pytest.mark.timeout(240)
def test_indicator_follows_the_hub_and_the_countdown_ticks(qtbot: Any, tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'hub.db'}"
    seed_hub(db_url, complaints=30)
    from server.db import make_engine
    from server.simulate import Simulator

    engine = make_engine(db_url)
    try:
        arrivals = Simulator(engine, seed=11)
        for _ in range(16):  # new complaints across the OPDs: some at Dinas PUPR, to write a note on
            arrivals.arrival()
    finally:
        engine.dispose()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "hub.log"
    runner = JobRunner()
    hub = ExitStack()
    proc = hub.enter_context(serving(qtbot, db_url, port, log))
    transport = Transport(url, "desk-online")
    user = transport.sign_in("admin.pupr", "demo")
    replica = open_replica(tmp_path / "replica.db", secrets.token_hex(32))
    replica.set_account(url, user)
    session = StoreSession(replica, user=user, server_url=url, transport=transport,
                           engine=SyncEngine(replica, transport, "desk-online"))  # fmt: skip
    window: MainWindow | None = None
    try:
        session.run_once()
        window = MainWindow(session, runner, UiSettings(tmp_path / "settings"))
        qtbot.addWidget(window)
        auto = window.autosync
        auto.set_probe_interval(200)
        auto.scheduler.debounce = 0.05
        auto.backoff_factory = lambda: Backoff(base=RETRY_S, cap=RETRY_S, rand=lambda: 1.0)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.online_label.text() == "● Online", timeout=5000)

        stop(proc)  # the hub goes away; nothing is being synced
        qtbot.waitUntil(lambda: window.online_label.text() == "○ Offline", timeout=5000)

        # an open complaint (a note on a closed one is refused by the hub)
        cid = next(row.id for row in queues.page(replica, queues.QueueFilter(), limit=1000)
                   if row.status in ("terdisposisi", "diproses"))  # fmt: skip
        Op(window, lambda: local_action(cid, actions.add_note(replica, cid, "Dicatat saat hub mati"))).run()
        # the pass that follows cannot reach the hub: a countdown that ticks, in full
        qtbot.waitUntil(lambda: bool(COUNTDOWN.fullmatch(window.sync_label.text())), timeout=10_000)
        first = int(COUNTDOWN.fullmatch(window.sync_label.text()).group(1))  # type: ignore[union-attr]
        assert first <= RETRY_S and fits(window.sync_label)

        def ticked() -> bool:
            m = COUNTDOWN.fullmatch(window.sync_label.text())
            return bool(m) and int(m.group(1)) < first

        qtbot.waitUntil(ticked, timeout=2500)
        assert fits(window.sync_label)

        # Kotak keluar: the note waits, not sent, and is counted as one change
        window.show_queue(QueueName.OUTBOX)
        qtbot.waitUntil(lambda: window.outbox_model.rowCount() == 1, timeout=5000)
        state = window.outbox_model.index(0, OutboxColumn.STATE).data()
        assert state == "Waiting to be sent", state
        qtbot.waitUntil(lambda: window.queue_panel.panel_model.count(QueueName.OUTBOX) == 1, timeout=5000)
        assert window.count_label.text() == f"{queue_label(QueueName.OUTBOX)}: 1 change(s)"

        # the hub comes back on the same address: online again, the waiting pass sends the note and says so
        with qtbot.waitSignal(window.syncFinished, timeout=60_000, check_params_cb=lambda ok: ok), \
                serving(qtbot, db_url, port, log):  # fmt: skip
            qtbot.waitUntil(lambda: window.online_label.text() == "● Online", timeout=10_000)
            qtbot.waitUntil(lambda: window.sync_label.text() == "1 change(s) sent", timeout=60_000)
        assert queues.outbox(replica) == []
        assert fits(window.sync_label)
    finally:
        if window is not None:
            window.close()
        runner.shutdown()
        hub.close()
        transport.close()
        replica.close()
