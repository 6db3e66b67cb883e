"""Every dialog speaks one language: in Bahasa Indonesia no English is left (Qt's own buttons and file dialog
included, which Qt ships no Indonesian for: resources/translations/qt_extra_id.ts), and in English no Indonesian.

The texts checked are what a user reads on the dialog's widgets: buttons, labels, the window title, placeholder
texts and tooltips (not the complaint's own data, not the templates' Indonesian content)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from desktop.app.session import StoreSession
from desktop.ui.jobs import JobRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.signin import SignInDialog
from tests.ui import actions_fixtures, test_i18n
from tests.ui.actions_fixtures import ADMIN, STAFF, SUPERVISOR, opened, select
from tests.ui.factory import write
from tests.ui.test_conflicts import make_disposition_conflict
from tests.ui.test_signoff_gating import followup_change

replica = actions_fixtures.replica
make_window = actions_fixtures.make_window
compiled = test_i18n.compiled

# Words that give away the other language (whole words, case-insensitive). "OK" and "Status" are Indonesian too.
ENGLISH = {
    "cancel", "save", "close", "open", "yes", "no", "apply", "claim", "discard", "reset", "help", "abort", "retry",
    "ignore", "look", "files", "directory", "name", "size", "date", "modified", "back", "forward", "delete",
    "new", "note", "assign", "change", "reason", "submit", "approve", "publish", "return", "returned", "attach",
    "sign", "password", "the", "and", "of", "to", "is", "for", "with", "it", "you", "your",
}  # fmt: skip
INDONESIAN = {
    "batal", "simpan", "tutup", "ambil", "buka", "ya", "tidak", "terapkan", "buang", "kirim", "setujui",
    "terbitkan", "kembalikan", "dikembalikan", "catatan", "tugaskan", "ubah", "alasan", "berkas", "lampiran",
    "masuk", "sandi", "disposisi", "dan", "yang", "untuk", "dengan", "atau", "anda", "belum",
}  # fmt: skip


@pytest.fixture(params=["id", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication, compiled: None) -> Iterator[str]:
    """The desk in one language for the test (its windows and dialogs are built in it)."""
    if request.param == "id":
        with test_i18n.in_indonesian(qapp):
            yield "id"
    else:
        yield "en"


def texts_of(root: QWidget) -> list[str]:
    """What a user reads on ``root`` and its children: window title, buttons, labels, placeholders, tooltips."""
    found = [root.windowTitle(), root.toolTip()]
    for widget in [root, *root.findChildren(QWidget)]:
        found.append(widget.toolTip())
        if isinstance(widget, QAbstractButton | QLabel):
            found.append(widget.text())
        if isinstance(widget, QGroupBox):
            found.append(widget.title())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            found.append(widget.placeholderText())
    return [t for t in found if t]


def foreign_words(texts: list[str], language: str) -> list[tuple[str, str]]:
    """(word, text) for each word of the other language found in ``texts``."""
    other = ENGLISH if language == "id" else INDONESIAN
    out = []
    for text in texts:
        for word in re.findall(r"[^\W\d_]+", text.replace("&", "")):
            if word.lower() in other:
                out.append((word, text))
    return out


def assert_one_language(dialog: QWidget, language: str) -> None:
    texts = texts_of(dialog)
    assert texts, dialog
    assert foreign_words(texts, language) == [], (dialog.objectName(), texts)


def test_the_action_dialogs_speak_one_language(
    qtbot: Any, make_window: Any, replica: Any, language: str
) -> None:
    window: MainWindow = make_window(ADMIN)
    select(qtbot, window, "c-new")
    actions = window.desk_actions
    assert actions.actions["claim"].text() == ("Ambil" if language == "id" else "Claim")
    for action in actions.actions.values():
        assert foreign_words([action.text(), action.toolTip()], language) == [], action.text()

    disposition = opened(qtbot, window, actions.open_disposition)
    disposition.external_radio.setChecked(True)  # its second page: the reason and the suggested body
    assert_one_language(disposition, language)
    disposition.reject()

    for open_dialog in (actions.open_note, actions.open_assign):
        dialog = opened(qtbot, window, open_dialog)
        assert_one_language(dialog, language)
        dialog.reject()

    select(qtbot, window, "c-named")
    status = opened(qtbot, window, actions.open_status)
    assert_one_language(status, language)
    status.reject()

    picker = opened(qtbot, window, actions.pick_attachments)
    assert isinstance(picker, QFileDialog)
    assert_one_language(picker, language)
    picker.reject()


def test_the_follow_up_editor_and_its_questions_speak_one_language(
    qtbot: Any, make_window: Any, replica: Any, language: str
) -> None:
    write(replica, [followup_change("fu-lang", "c-named", "submitted", "Teks staf", [STAFF])])
    window: MainWindow = make_window(SUPERVISOR)
    select(qtbot, window, "c-named")
    editor = opened(qtbot, window, window.desk_actions.open_followup)
    assert editor.current_followup_id() == "fu-lang"
    assert_one_language(editor, language)

    box = editor.ask_approve()
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert_one_language(box, language)
    box.reject()

    editor._pick_files()
    assert editor.file_dialog is not None and editor.file_dialog.isVisible()
    assert_one_language(editor.file_dialog, language)
    editor.file_dialog.reject()
    editor.reject()


def test_the_conflict_dialog_speaks_one_language(
    qtbot: Any, make_window: Any, replica: Any, language: str
) -> None:
    make_disposition_conflict(replica)
    window: MainWindow = make_window(ADMIN)
    with qtbot.waitSignal(window.conflicts_queue.dialogOpened, timeout=5000) as shown:
        window.conflicts_queue.open_first_of("c-named")
    dialog: QDialog = shown.args[0]
    # The complaint's own data (the hostile title, the instruction) is not the UI's language: only the UI's texts.
    texts = [t for t in texts_of(dialog) if "<b>" not in t and "Cek" not in t]
    assert foreign_words(texts, language) == [], texts
    dialog.reject()


def test_the_sign_in_dialog_speaks_one_language(qtbot: Any, language: str) -> None:
    runner = JobRunner()

    def authenticate(req: Any, ctx: Any) -> StoreSession:
        raise AssertionError("not signed in here")

    try:
        dialog = SignInDialog(runner, partial(authenticate), server_url="", username="")
        qtbot.addWidget(dialog)
        dialog.show()
        assert_one_language(dialog, language)
    finally:
        runner.shutdown()
