"""The sign-in dialog against a real hub in a subprocess: wrong password, right password then the queue fills,
an unreachable server, and a machine without a keyring (passphrase)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail

from desktop.app.context import JobContext
from desktop.app.session import StoreSession
from desktop.app.signin import SignInRequest, sign_in_and_open
from desktop.testing.hub import free_port, run_hub
from desktop.ui.jobs import JobRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import UiSettings
from desktop.ui.signin import SignInDialog


@pytest.fixture(scope="module")
def hub_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("hub") / "hub.sqlite"
    with run_hub(f"sqlite:///{db}", seed_complaints=120) as url:
        yield url


@pytest.fixture
def make_dialog(qtbot, tmp_path: Path) -> Iterator[Any]:
    runner = JobRunner()
    made: list[SignInDialog] = []

    def build(server_url: str) -> SignInDialog:
        def authenticate(req: SignInRequest, ctx: JobContext) -> StoreSession:
            return sign_in_and_open(req, tmp_path / "data", ctx)

        dialog = SignInDialog(runner, authenticate, server_url=server_url, username="admin.pupr")
        qtbot.addWidget(dialog)
        dialog.show()
        made.append(dialog)
        return dialog

    yield build
    runner.shutdown()
    for dialog in made:
        if isinstance(dialog.result_value, StoreSession):
            dialog.result_value.close()


def submit_and_wait(qtbot, dialog: SignInDialog) -> None:
    dialog.submit()
    assert not dialog.sign_in_button.isEnabled()
    qtbot.waitUntil(
        lambda: dialog.sign_in_button.isEnabled() or dialog.result_value is not None, timeout=30_000
    )


def test_wrong_password_shows_the_message(qtbot, make_dialog, hub_url: str) -> None:
    dialog = make_dialog(hub_url)
    dialog.password_edit.setText("salah")
    submit_and_wait(qtbot, dialog)
    assert dialog.result_value is None
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "Wrong username or password."
    assert dialog.isVisible()


def test_a_locked_account_says_when_to_try_again(qtbot, make_dialog, hub_url: str) -> None:
    """The hub's default: five failed sign-ins lock the account for a minute, the right password included."""
    dialog = make_dialog(hub_url)
    dialog.username_edit.setText("kepala.pupr")
    for _ in range(5):
        dialog.password_edit.setText("salah")
        submit_and_wait(qtbot, dialog)
        assert dialog.error_label.text() == "Wrong username or password."
    for password in ("salah", "demo"):
        dialog.password_edit.setText(password)
        submit_and_wait(qtbot, dialog)
        assert dialog.result_value is None
        assert dialog.error_label.text() == "Too many failed sign-in attempts. Try again in 1 minute(s)."


def test_unreachable_server(qtbot, make_dialog) -> None:
    dialog = make_dialog(f"http://127.0.0.1:{free_port()}")
    dialog.password_edit.setText("demo")
    submit_and_wait(qtbot, dialog)
    assert dialog.error_label.text().startswith("The server cannot be reached.")


def test_right_password_signs_in_and_the_queue_fills(
    qtbot, make_dialog, hub_url: str, tmp_path: Path
) -> None:
    dialog = make_dialog(hub_url)
    dialog.password_edit.setText("demo")
    with qtbot.waitSignal(dialog.signedIn, timeout=30_000):
        dialog.submit()
    session = dialog.result_value
    assert isinstance(session, StoreSession)
    assert session.user["username"] == "admin.pupr"
    assert not dialog.isVisible()

    runner = JobRunner()
    window = MainWindow(session, runner, UiSettings(tmp_path))
    qtbot.addWidget(window)
    window.show()
    assert window.model.rowCount() == 0  # nothing pulled yet
    with qtbot.waitSignal(window.syncFinished, timeout=60_000) as blocker:
        window.sync_now()
    assert blocker.args == [True]
    # what the pass pulled is read again in the background (the change signal): the rows come in
    qtbot.waitUntil(lambda: not window.model.loading and window.model.rowCount() > 0, timeout=5000)
    assert window.model.data(window.model.index(0, 0))
    qtbot.waitUntil(lambda: "never" not in window.last_sync_label.text(), timeout=5000)  # read on the DB lane
    runner.shutdown()


def fits(label: Any) -> bool:
    """A word-wrapped label shows all its lines: the height its text needs at its width is what it has."""
    return label.isVisible() and label.heightForWidth(label.width()) <= label.height()


def test_no_keyring_asks_for_a_passphrase_twice_the_first_time(qtbot, make_dialog, hub_url: str) -> None:
    keyring.set_keyring(fail.Keyring())  # the autouse fixture restores the in-memory one afterwards
    dialog = make_dialog(hub_url)
    dialog.password_edit.setText("demo")
    assert not dialog.passphrase_visible
    submit_and_wait(qtbot, dialog)
    assert dialog.result_value is None
    assert dialog.passphrase_visible and dialog.repeat_visible  # no replica yet: choose one, and repeat it
    assert dialog.passphrase_label.text() == "Choose a passphrase"
    assert "keyring" in dialog.error_label.text()
    qtbot.waitUntil(lambda: fits(dialog.passphrase_note) and fits(dialog.intro) and fits(dialog.error_label))
    dialog.passphrase_edit.setText("kata sandi panjang sekali")
    dialog.repeat_edit.setText("kata sandi panjang sekal")
    dialog.submit()  # refused inline, nothing sent
    assert dialog.sign_in_button.isEnabled() and dialog.result_value is None
    assert "do not match" in dialog.error_label.text()
    dialog.repeat_edit.setText("kata sandi panjang sekali")
    with qtbot.waitSignal(dialog.signedIn, timeout=30_000):
        dialog.submit()
    assert isinstance(dialog.result_value, StoreSession)


def test_no_keyring_asks_once_for_an_existing_passphrase(
    qtbot, make_dialog, hub_url: str, tmp_path: Path
) -> None:
    keyring.set_keyring(fail.Keyring())
    req = SignInRequest(hub_url, "admin.pupr", "demo", passphrase="kata sandi panjang sekali")
    sign_in_and_open(req, tmp_path / "data", JobContext()).close()
    dialog = make_dialog(hub_url)
    dialog.password_edit.setText("demo")
    submit_and_wait(qtbot, dialog)
    assert dialog.passphrase_visible and not dialog.repeat_visible
    assert dialog.passphrase_label.text() == "Enter your passphrase"
    qtbot.waitUntil(lambda: fits(dialog.passphrase_note))
    dialog.passphrase_edit.setText("kata sandi panjang sekali")
    with qtbot.waitSignal(dialog.signedIn, timeout=30_000):
        dialog.submit()
    assert isinstance(dialog.result_value, StoreSession)


def test_an_address_without_scheme_is_completed(qtbot, make_dialog, hub_url: str) -> None:
    """ "127.0.0.1:PORT" typed: https is tried first and fails (the hub speaks plain http), then http signs in."""
    dialog = make_dialog(hub_url.removeprefix("http://"))
    dialog.password_edit.setText("demo")
    with qtbot.waitSignal(dialog.signedIn, timeout=30_000):
        dialog.submit()
    assert dialog.result_value.server_url == hub_url


def test_remembered_session_resumes_without_password(
    qtbot, make_dialog, hub_url: str, tmp_path: Path
) -> None:
    from desktop.app.signin import resume_session

    dialog = make_dialog(hub_url)
    dialog.password_edit.setText("demo")
    dialog.remember_box.setChecked(True)
    with qtbot.waitSignal(dialog.signedIn, timeout=30_000):
        dialog.submit()
    dialog.result_value.close()
    dialog.result_value = None

    session = resume_session(hub_url, "admin.pupr", tmp_path / "data", JobContext())
    assert session is not None
    try:
        summary = session.run_once()
        assert summary.pulled > 0
        assert session.queue_source().count(session.initial_query()) > 0
    finally:
        session.close()
    # Nothing remembered for another user: the caller shows the dialog.
    assert resume_session(hub_url, "staf.pupr", tmp_path / "data", JobContext()) is None
