"""The sign-in dialog (server, username, password, remember me; and a passphrase when the machine has no keyring),
and the passphrase dialog that opens the local copy offline, before any sign-in.

Neither dialog does network or database work itself: each hands its request to a callable that runs on a lane of
the `JobRunner` and shows the outcome. Errors become one inline sentence in the user's language. A passphrase is
chosen and repeated the first time (the replica does not exist yet), entered once afterwards.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop.app.context import JobContext
from desktop.app.signin import PassphraseNeeded, SignInRequest
from desktop.ui.errors import ErrorKind, classify_error, describe
from desktop.ui.jobs import JobRunner, Lane

log = logging.getLogger(__name__)


# Runs on the network lane; returns whatever the app needs afterwards (a signed-in session).
Authenticate = Callable[[SignInRequest, JobContext], Any]
# Runs on the DB lane with the passphrase; returns the session opened offline.
Unlock = Callable[[str, JobContext], Any]


OTHER_ACCOUNT = 2  # PassphraseDialog's result code for "sign in with another account"


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _secret() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _passphrase_labels(new: bool) -> tuple[str, str]:
    """(the passphrase field's label, the repeat field's) for choosing one or entering it."""
    if new:
        return QCoreApplication.translate("Passphrase", "Choose a passphrase"), QCoreApplication.translate("Passphrase", "Repeat the passphrase")
    return QCoreApplication.translate("Passphrase", "Enter your passphrase"), ""


def _passphrase_problem(passphrase: str, repeat: str | None) -> str | None:
    """The inline sentence for an empty passphrase or a repeat that differs; None when it may be used."""
    if not passphrase:
        return QCoreApplication.translate("Passphrase", "Enter a passphrase for the local copy of your data.")
    if repeat is not None and repeat != passphrase:
        return QCoreApplication.translate("Passphrase", "The two passphrases do not match. Type the same passphrase twice.")
    return None


class SignInDialog(QDialog):
    """Emits `signedIn(result)` and accepts when the authenticate callable succeeds."""

    signedIn = Signal(object)

    def __init__(
        self,
        runner: JobRunner,
        authenticate: Authenticate,
        server_url: str = "",
        username: str = "",
        remember: bool = True,
        parent: QWidget | None = None,
        *,
        account_fixed: bool = False,
    ) -> None:
        """``account_fixed``: sign in an open session (opened offline, or its session expired): the server and the
        username are the session's and cannot be changed, and no passphrase is asked (the replica is open)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to LAPOR! Desk"))
        self.setModal(True)
        self._runner = runner
        self._authenticate = authenticate
        self.result_value: Any = None
        self._busy = False

        if account_fixed:
            intro = self.tr(
                "Sign in to send your changes and fetch what is new. Your work stays open while you sign in."
            )
        else:
            intro = self.tr(
                "Sign in with your LAPOR! Hub account. After the first sync you can work offline."
            )
        self.intro = _wrapped(intro)

        self.server_edit = QLineEdit(server_url)
        self.server_edit.setPlaceholderText("https://hub.example.go.id")
        self.username_edit = QLineEdit(username)
        for edit in (self.server_edit, self.username_edit):
            edit.setReadOnly(account_fixed)
        self.password_edit = _secret()
        self.remember_box = QCheckBox(self.tr("Remember me on this computer"))
        self.remember_box.setChecked(remember)

        self.passphrase_note = _wrapped("")
        self.passphrase_edit = _secret()
        self.passphrase_label = QLabel()
        self.repeat_edit = _secret()
        self.repeat_label = QLabel()

        form = QFormLayout()
        form.addRow(self.tr("Server"), self.server_edit)
        form.addRow(self.tr("Username"), self.username_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        form.addRow("", self.remember_box)
        form.addRow(self.passphrase_note)
        form.addRow(self.passphrase_label, self.passphrase_edit)
        form.addRow(self.repeat_label, self.repeat_edit)

        self.error_label = QLabel()
        self.error_label.setObjectName("signInError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("QLabel#signInError { color: #a61b1b; }")
        self.error_label.hide()

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setText(self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self._show_passphrase(False)
        self.setMinimumWidth(440)
        (self.password_edit if server_url and username else self.server_edit).setFocus()

    # --- state
    def _show_passphrase(self, visible: bool, new: bool = False) -> None:
        """Show the passphrase fields: to choose one and repeat it (``new``: the replica is made now), or to enter
        it. The dialog grows to fit, so the wrapped explanation is never cut."""
        if new:
            note = self.tr(
                "This computer has no password store (keyring) that LAPOR! Desk can use to protect the local copy "
                "of your complaints. Choose a passphrase instead: you will need it every time you start the app."
            )
        else:
            note = self.tr(
                "The local copy of your complaints on this computer is protected by a passphrase. Enter it to "
                "open it."
            )
        self.passphrase_note.setText(note)
        label, repeat = _passphrase_labels(new)
        self.passphrase_label.setText(label)
        self.repeat_label.setText(repeat)
        for widget in (self.passphrase_note, self.passphrase_label, self.passphrase_edit):
            widget.setVisible(visible)
        for widget in (self.repeat_label, self.repeat_edit):
            widget.setVisible(visible and new)
        self.adjustSize()

    @property
    def passphrase_visible(self) -> bool:
        return not self.passphrase_edit.isHidden()

    @property
    def repeat_visible(self) -> bool:
        return not self.repeat_edit.isHidden()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.adjustSize()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        for widget in (
            self.server_edit,
            self.username_edit,
            self.password_edit,
            self.passphrase_edit,
            self.repeat_edit,
            self.sign_in_button,
        ):
            widget.setEnabled(not busy)

    def request(self) -> SignInRequest:
        passphrase = self.passphrase_edit.text() if self.passphrase_visible else ""
        return SignInRequest(
            server_url=self.server_edit.text().strip().rstrip("/"),
            username=self.username_edit.text().strip(),
            password=self.password_edit.text(),
            remember=self.remember_box.isChecked(),
            passphrase=passphrase or None,
        )

    # --- actions
    def submit(self) -> None:
        if self._busy:
            return
        req = self.request()
        if not req.server_url or not req.username or not req.password:
            self.show_error(self.tr("Enter the server address, your username and your password."))
            return
        if self.passphrase_visible:
            repeat = self.repeat_edit.text() if self.repeat_visible else None
            problem = _passphrase_problem(req.passphrase or "", repeat)
            if problem is not None:
                self.show_error(problem)
                (self.repeat_edit if req.passphrase else self.passphrase_edit).setFocus()
                return
        self.error_label.hide()
        self._set_busy(True)
        authenticate = self._authenticate
        self._runner.run(
            Lane.NETWORK,
            lambda ctx: authenticate(req, ctx),  # runs on the worker; only the Job's slots cross threads
            on_success=self._on_success,
            on_failure=self._on_failure,
        )

    def _on_success(self, result: Any) -> None:
        self._set_busy(False)
        self.result_value = result
        self.signedIn.emit(result)
        self.accept()

    def _on_failure(self, exc: BaseException) -> None:
        self._set_busy(False)
        kind = classify_error(exc)
        log.info("sign-in failed: %s", kind.name)
        if kind is ErrorKind.KEYRING_UNAVAILABLE:
            self._show_passphrase(True, new=isinstance(exc, PassphraseNeeded) and exc.new)
            self.passphrase_edit.setFocus()
        elif kind is ErrorKind.BAD_CREDENTIALS:
            self.password_edit.selectAll()
            self.password_edit.setFocus()
        self.show_error(describe(exc))

    def reject(self) -> None:
        if self._busy:
            return  # a sign-in in flight finishes first; its result decides
        super().reject()


class PassphraseDialog(QDialog):
    """Opens the local copy with its passphrase alone, without the network: the desk starts offline on a computer
    whose keyring cannot hold the replica's key. Signing in to the hub comes later, once it answers. Emits
    `unlocked(session)` and accepts when the unlock callable succeeds; `otherAccount` when the user would rather
    sign in with another account."""

    unlocked = Signal(object)
    otherAccount = Signal()

    def __init__(
        self,
        runner: JobRunner,
        unlock: Unlock,
        server_url: str,
        username: str,
        *,
        new: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Open LAPOR! Desk"))
        self.setModal(True)
        self._runner = runner
        self._unlock = unlock
        self.result_value: Any = None
        self._busy = False
        self.new = new

        if new:
            intro = self.tr(
                "This computer has no password store (keyring) that LAPOR! Desk can use to protect the local copy "
                "of your complaints. Choose a passphrase instead: you will need it every time you start the app."
            )
        else:
            intro = self.tr(
                "The copy of your complaints on this computer is protected by a passphrase. Enter it to open your "
                "work, even without a connection; you will be asked to sign in to the hub once it can be reached."
            )
        self.intro = _wrapped(intro)
        self.account_label = _wrapped(self.tr("%1 on %2").replace("%1", username).replace("%2", server_url))

        self.passphrase_edit = _secret()
        self.repeat_edit = _secret()
        label, repeat = _passphrase_labels(new)
        form = QFormLayout()
        form.addRow(self.tr("Account"), self.account_label)
        form.addRow(label, self.passphrase_edit)
        if new:
            form.addRow(repeat, self.repeat_edit)
        else:
            self.repeat_edit.hide()

        self.error_label = QLabel()
        self.error_label.setObjectName("passphraseError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("QLabel#passphraseError { color: #a61b1b; }")
        self.error_label.hide()

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.open_button.setText(self.tr("Open"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.other_button = self.buttons.addButton(
            self.tr("Sign in with another account"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.other_button.clicked.connect(self._other_account)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.adjustSize()
        self.passphrase_edit.setFocus()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.adjustSize()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        for widget in (self.passphrase_edit, self.repeat_edit, self.open_button, self.other_button):
            widget.setEnabled(not busy)

    def submit(self) -> None:
        if self._busy:
            return
        passphrase = self.passphrase_edit.text()
        problem = _passphrase_problem(passphrase, self.repeat_edit.text() if self.new else None)
        if problem is not None:
            self.show_error(problem)
            (self.repeat_edit if passphrase else self.passphrase_edit).setFocus()
            return
        self.error_label.hide()
        self._set_busy(True)
        unlock = self._unlock
        self._runner.run(
            Lane.DB,
            lambda ctx: unlock(passphrase, ctx),  # runs on the worker; only the Job's slots cross threads
            on_success=self._on_success,
            on_failure=self._on_failure,
        )

    def _on_success(self, result: Any) -> None:
        self._set_busy(False)
        self.result_value = result
        self.unlocked.emit(result)
        self.accept()

    def _on_failure(self, exc: BaseException) -> None:
        self._set_busy(False)
        log.info("opening the replica failed: %s", classify_error(exc).name)
        self.passphrase_edit.selectAll()
        self.passphrase_edit.setFocus()
        self.show_error(describe(exc))

    def _other_account(self) -> None:
        if self._busy:
            return
        self.otherAccount.emit()
        self.done(OTHER_ACCOUNT)  # neither accepted nor rejected: the app goes on to the sign-in dialog

    def reject(self) -> None:
        if self._busy:
            return  # opening in flight finishes first
        super().reject()
