"""The sign-in dialog: server, username, password, remember me; and a passphrase when the machine has no keyring.

The dialog does no network or database work itself: it hands a `SignInRequest` to a callable that runs on the
network lane of the `JobRunner` and shows the outcome. Errors become one inline sentence in the user's language.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
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
from desktop.app.signin import SignInRequest
from desktop.ui.errors import ErrorKind, classify_error, describe
from desktop.ui.jobs import JobRunner, Lane

log = logging.getLogger(__name__)


# Runs on the network lane; returns whatever the app needs afterwards (a signed-in session).
Authenticate = Callable[[SignInRequest, JobContext], Any]


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
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to LAPOR! Desk"))
        self.setModal(True)
        self._runner = runner
        self._authenticate = authenticate
        self.result_value: Any = None
        self._busy = False

        self.intro = QLabel(
            self.tr("Sign in with your LAPOR! Hub account. After the first sync you can work offline.")
        )
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)

        self.server_edit = QLineEdit(server_url)
        self.server_edit.setPlaceholderText("https://hub.example.go.id")
        self.username_edit = QLineEdit(username)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember_box = QCheckBox(self.tr("Remember me on this computer"))
        self.remember_box.setChecked(remember)

        self.passphrase_note = QLabel(
            self.tr(
                "This computer has no password store (keyring) that LAPOR! Desk can use to protect the local copy "
                "of your complaints. Choose a passphrase instead: you will need it every time you start the app."
            )
        )
        self.passphrase_note.setTextFormat(Qt.TextFormat.PlainText)
        self.passphrase_note.setWordWrap(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label = QLabel(self.tr("Replica passphrase"))

        form = QFormLayout()
        form.addRow(self.tr("Server"), self.server_edit)
        form.addRow(self.tr("Username"), self.username_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        form.addRow("", self.remember_box)
        form.addRow(self.passphrase_note)
        form.addRow(self.passphrase_label, self.passphrase_edit)

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
    def _show_passphrase(self, visible: bool) -> None:
        for widget in (self.passphrase_note, self.passphrase_label, self.passphrase_edit):
            widget.setVisible(visible)

    @property
    def passphrase_visible(self) -> bool:
        return not self.passphrase_edit.isHidden()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        for widget in (
            self.server_edit,
            self.username_edit,
            self.password_edit,
            self.passphrase_edit,
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
        if self.passphrase_visible and not req.passphrase:
            self.show_error(self.tr("Enter a passphrase for the local copy of your data."))
            self.passphrase_edit.setFocus()
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
            self._show_passphrase(True)
            self.passphrase_edit.setFocus()
        elif kind is ErrorKind.BAD_CREDENTIALS:
            self.password_edit.selectAll()
            self.password_edit.setFocus()
        self.show_error(describe(exc))

    def reject(self) -> None:
        if self._busy:
            return  # a sign-in in flight finishes first; its result decides
        super().reject()
