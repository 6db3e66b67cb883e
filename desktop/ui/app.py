"""`lapor-desk` (the window): arguments, QApplication, translations, crash log, sign-in or demo, the main window."""

from __future__ import annotations

import argparse
import datetime as dt
import faulthandler
import gc
import logging
import os
import sys
from pathlib import Path
from typing import IO, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from desktop.app.context import JobContext
from desktop.ui.errors import describe
from desktop.ui.i18n import LANGUAGES, chosen_language, install_translators, switch_translators
from desktop.ui.jobs import JobRunner, Lane
from desktop.ui.progress import sync_progress_text
from desktop.ui.resources import icon_path
from desktop.ui.settings import LANGUAGE, REMEMBER, SERVER_URL, USERNAME, UiSettings

log = logging.getLogger(__name__)

CRASH_LOG = "crash.log"
SMOKE_TIMEOUT_MS = 120_000
RETIRE_POLL_MS = 200
DEMO_USER = "admin.pupr"
DEMO_PASSWORD = "demo"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="lapor-desk", description="LAPOR! Desk")
    parser.add_argument("--demo", action="store_true", help="run against a seeded hub inside the app")
    parser.add_argument("--smoke", action="store_true", help="start, paint the main window once, quit with 0")
    parser.add_argument("--data-dir", default=None, help="where the replica, settings and logs live")
    parser.add_argument("--server", default=None, help="the LAPOR! Hub address to sign in to")
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="interface language (default: the one chosen in the menu)",
    )
    return parser.parse_args(argv)


# ------------------------------------------------------------------ crash log
class CrashLog:
    """faulthandler writes a native crash's traceback here; the next start reports and archives it."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / CRASH_LOG
        self.previous: Path | None = None
        self._file: IO[str] | None = None

    def start(self) -> None:
        try:
            if self.path.exists() and self.path.stat().st_size > 0:
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                self.previous = self.path.with_name(f"crash-{stamp}.log")
                os.replace(self.path, self.previous)
            self._file = open(self.path, "w", encoding="utf-8")  # noqa: SIM115 - open for the whole run
            faulthandler.enable(self._file, all_threads=True)
        except OSError as exc:
            log.warning("no crash log: %s", exc)

    def stop(self) -> None:
        if self._file is not None:
            faulthandler.disable()
            self._file.close()
            self._file = None
            try:
                if self.path.stat().st_size == 0:
                    self.path.unlink()
            except OSError:
                pass


# ------------------------------------------------------------------ first paint (for --smoke)
class FirstPaintQuitter(QObject):
    """Quits the application with 0 once the watched widget has painted."""

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            QTimer.singleShot(0, self._quit)
        return False

    @Slot()
    def _quit(self) -> None:
        self._app.exit(0)


class SettleAfterFirstPaint(QObject):
    """Runs `settle_heap` once, just after the watched widget's first paint (not in the way of it)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, settle_heap)
        return False


# ------------------------------------------------------------------ the application
class DeskApp(QObject):
    """Owns the runner, the settings, the translators and the session; moves from sign-in (or demo set-up) to the
    main window, and builds that window again when the user picks another language."""

    def __init__(self, app: QApplication, args: argparse.Namespace, data_dir: Path, crash: CrashLog) -> None:
        super().__init__()
        self.app = app
        self.args = args
        self.data_dir = data_dir
        self.crash = crash
        self.settings = UiSettings(data_dir)
        self.language = chosen_language(self.settings.get(LANGUAGE), args.lang)
        self.translators = install_translators(app, self.language)
        self.runner = JobRunner(self)
        self._retired: list[
            Any
        ] = []  # windows replaced by a language switch, deleted once the runner is idle
        self._retire_timer = QTimer(self)
        self._retire_timer.setInterval(RETIRE_POLL_MS)
        self._retire_timer.timeout.connect(self._delete_retired)
        self.session: Any = None
        self.hub: Any = None
        self.window: Any = None
        self.progress: QProgressDialog | None = None
        self.passphrase_dialog: Any = None  # the offline start's passphrase dialog, while it is open
        self.session_sign_in: Any = None  # the sign-in dialog of the open session, while it is open
        self.quitter: FirstPaintQuitter | None = None
        self.exit_code = 0

    # --- start
    def start(self) -> None:
        if self.args.demo:
            self._start_demo()
        elif self.args.smoke:
            from desktop.app.session import open_empty_session

            self.show_main(open_empty_session(self.data_dir))
        else:
            self._try_resume()

    def _try_resume(self) -> None:
        """With "remember me", open the last account straight away (offline is fine): from the keyring, or with
        the replica's passphrase alone where it needs one; else ask to sign in."""
        from desktop.app.signin import resume_session

        server = self.args.server or self.settings.get(SERVER_URL)
        username = self.settings.get(USERNAME)
        if not (self.settings.get(REMEMBER) and server and username):
            self._ask_sign_in()
            return
        data_dir = self.data_dir
        self.runner.run(
            Lane.DB,
            lambda ctx: resume_session(server, username, data_dir, ctx),
            on_success=self._on_resumed,
            on_failure=lambda exc: self._on_resume_failed(exc, server, username),
        )

    def _on_resumed(self, session: Any) -> None:
        if session is None:
            self._ask_sign_in()
            return
        self.show_main(session)
        self.window.sync_now()

    def _on_resume_failed(self, exc: BaseException, server: str, username: str) -> None:
        from desktop.app.signin import PassphraseNeeded

        if isinstance(exc, PassphraseNeeded):
            self._ask_passphrase(server, username, new=exc.new)
            return
        log.warning("could not resume the last session: %r", exc)
        self._ask_sign_in()

    def _ask_passphrase(self, server: str, username: str, *, new: bool) -> None:
        """Offline start where the keyring cannot open the replica: the passphrase alone opens it and the queue
        shows; the first sync asks for the password once the hub answers (`_on_sync_result`)."""
        from desktop.app.signin import open_offline
        from desktop.ui.signin import PassphraseDialog

        data_dir = self.data_dir

        def unlock(passphrase: str, ctx: JobContext) -> Any:
            return open_offline(server, username, data_dir, passphrase, ctx)

        dialog = PassphraseDialog(self.runner, unlock, server, username, new=new)
        self.passphrase_dialog = dialog
        dialog.unlocked.connect(self._on_resumed)
        dialog.otherAccount.connect(self._ask_sign_in)
        dialog.rejected.connect(self._on_sign_in_cancelled)
        dialog.show()

    def _ask_sign_in(self) -> None:
        from desktop.app.signin import SignInRequest, sign_in_and_open
        from desktop.ui.signin import SignInDialog

        server = self.args.server or self.settings.get(SERVER_URL)
        data_dir = self.data_dir

        def authenticate(req: SignInRequest, ctx: JobContext) -> Any:
            return sign_in_and_open(req, data_dir, ctx)

        dialog = SignInDialog(
            self.runner,
            authenticate,
            server_url=server,
            username=self.settings.get(USERNAME),
            remember=self.settings.get(REMEMBER),
        )
        self._sign_in_dialog = dialog
        dialog.signedIn.connect(self._on_signed_in)
        dialog.rejected.connect(self._on_sign_in_cancelled)
        dialog.show()

    def _remember(self, req: Any, server_url: str) -> None:
        if req.remember:
            self.settings.set(SERVER_URL, server_url)
            self.settings.set(USERNAME, req.username)
        else:
            self.settings.remove(USERNAME)
        self.settings.set(REMEMBER, req.remember)

    @Slot(object)
    def _on_signed_in(self, session: Any) -> None:
        req = self._sign_in_dialog.request()
        self._remember(req, session.server_url or req.server_url)  # the address completed with its scheme
        self.show_main(session)
        self.window.sync_now()

    # --- signing an open session in (opened offline, or its session expired)
    @Slot(object)
    def _on_sync_result(self, result: Any) -> None:
        """A pass the hub refused for want of a sign-in (a 401 a refresh cannot cure, or a session opened offline
        with no refresh token) asks for the password, once: cancelled, the next "Sync now" asks again."""
        from desktop.sync.runner import Outcome
        from desktop.sync.transport import AuthError

        if result.outcome is Outcome.FAILED and isinstance(result.error, AuthError):
            self.ask_session_sign_in()

    def ask_session_sign_in(self) -> None:
        """The sign-in dialog for the open session: its server and username, the password; on success the session
        is signed in without reopening its replica, and syncs."""
        from desktop.app.signin import SignInRequest, sign_in_session
        from desktop.ui.signin import SignInDialog

        current = self.session_sign_in  # gone with its window when a language switch replaced that window
        if current is not None and shiboken6.isValid(current) and current.isVisible():
            return
        if self.window is None or self.session is None:
            return
        session = self.session
        data_dir = self.data_dir

        def authenticate(req: SignInRequest, ctx: JobContext) -> Any:
            return sign_in_session(session, req, data_dir, ctx)

        username = str(session.user.get("username") or self.settings.get(USERNAME))
        dialog = SignInDialog(self.runner, authenticate, server_url=session.server_url or "", username=username,
                              remember=self.settings.get(REMEMBER), parent=self.window, account_fixed=True)  # fmt: skip
        self.session_sign_in = dialog
        dialog.signedIn.connect(self._on_session_signed_in)
        dialog.finished.connect(self._on_session_sign_in_closed)
        dialog.show()

    @Slot(object)
    def _on_session_signed_in(self, session: Any) -> None:
        if self.session_sign_in is not None:
            self._remember(self.session_sign_in.request(), session.server_url)
        if self.window is not None:
            self.window.sync_now()

    @Slot()
    def _on_session_sign_in_closed(self) -> None:
        dialog, self.session_sign_in = self.session_sign_in, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.deleteLater()

    @Slot()
    def _on_sign_in_cancelled(self) -> None:
        self.app.exit(0)

    def _start_demo(self) -> None:
        from desktop.app.signin import start_demo
        from server.embedded import start_embedded_hub  # the demo's hub runs inside the app

        self.progress = QProgressDialog(self.tr("Preparing the demo hub…"), "", 0, 0)
        self.progress.setWindowTitle(self.tr("LAPOR! Desk demo"))
        self.progress.setCancelButton(None)
        self.progress.setMinimumDuration(0)
        self.progress.setWindowModality(Qt.WindowModality.ApplicationModal)
        if not self.args.smoke:
            self.progress.show()
        data_dir = self.data_dir
        self.runner.run(
            Lane.NETWORK,
            lambda ctx: start_demo(data_dir, DEMO_USER, DEMO_PASSWORD, ctx, start_hub=start_embedded_hub),
            on_success=self._on_demo_ready,
            on_failure=self._on_fatal,
            on_progress=self._on_demo_progress,
        )

    def _on_demo_progress(self, value: Any) -> None:
        steps = {
            "hub": self.tr("Starting the demo hub (the first start creates its data)…"),
            "sign-in": self.tr("Signing in…"),
            "sync": self.tr("Fetching complaints…"),
        }
        if self.progress is None:
            return
        text = steps.get(value) if isinstance(value, str) else sync_progress_text(value)
        if text:
            self.progress.setLabelText(text)

    def _on_demo_ready(self, result: Any) -> None:
        self.hub, session = result
        self.show_main(session)  # before closing the progress, so the app never has no window
        if self.progress is not None:
            self.progress.close()
            self.progress = None

    def _on_fatal(self, exc: BaseException) -> None:
        log.error("start-up failed: %r", exc, exc_info=exc)
        if self.progress is not None:
            self.progress.close()
            self.progress = None
        if not self.args.smoke:
            QMessageBox.critical(None, self.tr("LAPOR! Desk"), describe(exc))
        self.exit_code = 1
        self.app.exit(1)

    # --- the window
    def show_main(self, session: Any) -> None:
        self.session = session
        self.window = self._build_window()
        if self.args.smoke:
            self.quitter = FirstPaintQuitter(self.app, self)
            self.window.table.viewport().installEventFilter(self.quitter)
        self.window.show()
        if self.crash.previous is not None:
            self.window.statusBar().showMessage(
                self.tr("LAPOR! Desk closed unexpectedly last time. A report was saved to %1").replace(
                    "%1", str(self.crash.previous)
                ),
                20_000,
            )

    def _build_window(self) -> Any:
        from desktop.ui.main_window import MainWindow

        window = MainWindow(self.session, self.runner, self.settings, language=self.language)
        window.languageChosen.connect(self.switch_language)
        window.autosync.finished.connect(self._on_sync_result)  # a pass that needs a sign-in asks for it
        # Once the queue has painted, the start-up's objects leave the collector (see settle_heap).
        window.table.viewport().installEventFilter(SettleAfterFirstPaint(window))
        return window

    # --- the language, switched while running
    @Slot(str)
    def switch_language(self, language: str) -> None:
        """Apply a language picked in the menu at once: its translators replace the old ones, then the window is
        built again in it. Building again (rather than every widget re-setting its texts on LanguageChange) covers
        every text of every widget, the action menus and the tooltips included, with no code in each of them."""
        if language == self.language or language not in LANGUAGES:
            return
        self.translators = switch_translators(self.app, self.translators, language)
        self.language = language
        if self.window is not None:
            self._rebuild_window()

    def _rebuild_window(self) -> None:
        """The new window keeps the session, the layout (geometry, splitter, columns, sort) and the queue through
        the saved settings, and gets the search and the complaint shown; it syncs once, as a window does when it
        opens (which also resumes a pass the old one had going: closing it cancelled that). The filters start
        empty: the filter bar has no way to be set yet."""
        old = self.window
        complaint_id = old.current_complaint_id()
        search = old.search_edit.text()
        old.save_layout()  # what the new window restores
        gc.unfreeze()  # the old window's objects were frozen with the start-up's: let the collector have them
        window = self._build_window()
        self.window = window
        window.show()  # before the old one closes, so the app never has no window (it would quit)
        old.close()  # stops its timers, its sync and its read-ahead
        if search:
            window.search_now(search)
        if complaint_id:
            window.show_complaint(complaint_id)
        window.autosync.start()
        self._retire(old)

    def _retire(self, old: Any) -> None:
        """Delete the replaced window once the runner is idle. A job hands its result over before the runner
        forgets it, so when no job runs, no result of the old window's jobs (nor of one they started) is left to
        reach a deleted widget; closed, the old window starts nothing by itself."""
        self._retired.append(old)
        self._retire_timer.start()

    @Slot()
    def _delete_retired(self) -> None:
        if self.runner.busy:
            return
        self._retire_timer.stop()
        for window in self._retired:
            actions = getattr(window, "desk_actions", None)
            if actions is not None:  # its decrypted attachment copies go with it, not only at quit
                actions.remove_temporary_copies()
            window.deleteLater()
        self._retired.clear()

    def shutdown(self) -> None:
        self.runner.shutdown()
        if self.window is not None:
            self.window.model.close()  # waits for a page read ahead before the replica closes
        if self.session is not None:
            try:
                self.session.close()
            except Exception as exc:  # noqa: BLE001
                log.warning("closing the session: %r", exc)
        if self.hub is not None:
            self.hub.stop()


def settle_heap() -> None:
    """Collect once and freeze what the start-up built (Qt wrappers, SQLAlchemy, translations, the first pages).

    Those objects live as long as the window; left in the collector, every full collection walks them all again
    (50-70 ms at 100k complaints), and one landing in a Page Down is a dropped frame. Frozen, a full collection
    walks only what was made since."""
    gc.collect()
    gc.freeze()


def _apply_style(app: QApplication) -> None:
    from desktop.ui.theme import ThemeFollower

    icon = icon_path("lapor-desk.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    ThemeFollower(app)  # parented to the app: follows the OS light/dark scheme while running


def main(argv: list[str] | None = None) -> int:
    args = parse_args(list(sys.argv[1:] if argv is None else argv))
    from desktop.paths import data_dir as resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[logging.FileHandler(data_dir / "desk.log", encoding="utf-8"), logging.StreamHandler()],
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    crash = CrashLog(data_dir)
    crash.start()
    QCoreApplication.setOrganizationName("LAPOR")
    QCoreApplication.setApplicationName("LAPOR! Desk")
    app = QApplication.instance() or QApplication(["lapor-desk"])
    assert isinstance(app, QApplication)
    _apply_style(app)
    desk = DeskApp(app, args, data_dir, crash)  # installs the translators of the chosen language
    timeout: QTimer | None = None
    if args.smoke:
        timeout = QTimer()
        timeout.setSingleShot(True)
        timeout.timeout.connect(_smoke_timeout)
        timeout.start(SMOKE_TIMEOUT_MS)
    QTimer.singleShot(0, desk.start)
    try:
        code = app.exec()
    finally:
        if desk.window is not None:
            desk.window.save_layout()
        desk.shutdown()
        crash.stop()
    return desk.exit_code or code


def _smoke_timeout() -> None:
    log.error("--smoke: the main window never painted")
    QCoreApplication.exit(2)
