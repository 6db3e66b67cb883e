"""Offline start on a computer without a keyring, end to end: "remember me" was ticked, the hub is down at the
restart; the desk asks for the replica's passphrase alone and opens straight to the queue; once the hub answers,
the first sync asks for the password in the sign-in dialog, which signs the same open session in, and it syncs.
A real hub subprocess (stopped and started again on the same port), a real replica, the real DeskApp."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desktop import account
from desktop.app.context import JobContext
from desktop.app.signin import SignInRequest, sign_in_and_open
from desktop.testing.hub import REPO, free_port, seed_hub
from desktop.ui.app import CrashLog, DeskApp, parse_args
from desktop.ui.jobs import JobRunner
from desktop.ui.settings import REMEMBER, SERVER_URL, USERNAME
from desktop.ui.signin import PassphraseDialog

ADMIN, PASSWORD, PASSPHRASE = "admin.pupr", "demo", "kata sandi yang panjang"


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as resp:
            return bool(json.load(resp).get("status") == "ok")
    except OSError:
        return False


@contextmanager
def serve(qtbot: Any, db_url: str, port: int) -> Iterator[str]:
    """The hub on a fixed port (so it can come back where the desk knows it), until the block ends."""
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "server", "serve", "--db", db_url, "--host", "127.0.0.1",
                             "--port", str(port)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        qtbot.waitUntil(lambda: proc.poll() is None and _healthy(url), timeout=60_000)
        yield url
    finally:
        proc.terminate()
        proc.wait(10)


def fits(label: Any) -> bool:
    return label.isVisible() and label.heightForWidth(label.width()) <= label.height()


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(account, "keyring_usable", lambda: False)


def test_the_passphrase_dialog_asks_twice_the_first_time_once_afterwards(qtbot: Any) -> None:
    runner = JobRunner()
    asked: list[str] = []
    try:
        first = PassphraseDialog(
            runner, lambda p, ctx: asked.append(p) or "session", "https://hub", ADMIN, new=True
        )
        qtbot.addWidget(first)
        first.show()
        qtbot.waitExposed(first)
        assert first.repeat_edit.isVisible() and fits(first.intro)
        first.passphrase_edit.setText(PASSPHRASE)
        first.repeat_edit.setText(PASSPHRASE + "x")
        first.submit()
        assert "do not match" in first.error_label.text() and not asked
        qtbot.waitUntil(lambda: fits(first.error_label) and fits(first.intro))
        first.repeat_edit.setText(PASSPHRASE)
        with qtbot.waitSignal(first.unlocked, timeout=10_000):
            first.submit()
        assert asked == [PASSPHRASE]

        later = PassphraseDialog(runner, lambda p, ctx: "session", "https://hub", ADMIN)
        qtbot.addWidget(later)
        later.show()
        qtbot.waitExposed(later)
        assert later.passphrase_edit.isVisible() and not later.repeat_edit.isVisible() and fits(later.intro)
        later.submit()
        assert later.error_label.text() == "Enter a passphrase for the local copy of your data."
    finally:
        runner.shutdown()


def test_restart_while_the_hub_is_down_opens_offline_then_signs_in(
    qtbot: Any, qapp: QApplication, tmp_path: Path, no_keyring: None
) -> None:
    db_url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    seed_hub(db_url, complaints=40)
    port = free_port()
    data_dir = tmp_path / "data"
    with serve(qtbot, db_url, port) as url:  # the first day: signed in with a passphrase, everything pulled
        req = SignInRequest(url, ADMIN, PASSWORD, remember=True, passphrase=PASSPHRASE)
        first = sign_in_and_open(req, data_dir, JobContext())
        first.run_once()
        first.close()

    app = DeskApp(
        qapp, parse_args(["--data-dir", str(data_dir), "--lang", "en"]), data_dir, CrashLog(data_dir)
    )
    for setting, value in ((REMEMBER, True), (SERVER_URL, url), (USERNAME, ADMIN)):
        app.settings.set(setting, value)
    try:
        app.start()  # the hub is down
        qtbot.waitUntil(lambda: app.passphrase_dialog is not None and app.passphrase_dialog.isVisible())
        dialog = app.passphrase_dialog
        assert not dialog.repeat_edit.isVisible() and fits(dialog.intro)
        dialog.passphrase_edit.setText("salah")
        dialog.submit()
        qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=10_000)
        assert app.window is None and dialog.error_label.isVisible()
        dialog.passphrase_edit.setText(PASSPHRASE)
        with qtbot.waitSignal(dialog.unlocked, timeout=10_000):
            dialog.submit()

        window = app.window
        session = app.session
        assert window is not None and not session.signed_in
        qtbot.waitUntil(lambda: not window.model.loading and window.model.rowCount() > 0, timeout=10_000)
        # the first sync waits for the hub (retrying as unreachable): no sign-in asked while nobody answers
        with qtbot.waitSignal(window.autosync.retrying, timeout=20_000):
            window.sync_now()
        assert app.session_sign_in is None

        with serve(qtbot, db_url, port):  # the hub is back: the next attempt asks for the password
            window.sync_now()
            qtbot.waitUntil(lambda: app.session_sign_in is not None and app.session_sign_in.isVisible(),
                            timeout=30_000)  # fmt: skip
            sign_in = app.session_sign_in
            assert sign_in.server_edit.isReadOnly() and sign_in.server_edit.text() == url
            assert sign_in.username_edit.text() == ADMIN and not sign_in.passphrase_visible
            sign_in.password_edit.setText(PASSWORD)
            with qtbot.waitSignal(window.syncFinished, timeout=60_000) as synced:
                sign_in.submit()
            assert synced.args == [True]
            assert app.session is session and session.signed_in and app.window is window
    finally:
        if app.window is not None:
            app.window.close()
        app.shutdown()
        gc.unfreeze()  # the window's first paint froze the heap (desktop.ui.app.settle_heap)
