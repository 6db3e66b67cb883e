"""Switching the language applies at once, without a restart: the app installs the new translators and builds the
window again in them, keeping the session, the queue, the search, the complaint shown and the layout; and back."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from desktop.app.session import StoreSession
from desktop.store.engine import Replica
from desktop.ui.app import CrashLog, DeskApp, parse_args
from desktop.ui.i18n import switch_translators
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import LANGUAGE, UiSettings
from tests.ui import actions_fixtures, test_i18n
from tests.ui.actions_fixtures import ADMIN, USERS, opened, outbox
from tests.ui.waits import search

replica = actions_fixtures.replica
compiled = test_i18n.compiled


@pytest.fixture
def desk(
    qtbot: Any, qapp: QApplication, compiled: None, replica: Replica, tmp_path: Path
) -> Iterator[DeskApp]:
    """The desk as it starts (no language chosen yet: Bahasa Indonesia), its window open over a real replica."""
    locale = QLocale()
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    replica.set_account("http://127.0.0.1:1", USERS[ADMIN])
    app = DeskApp(qapp, parse_args(["--data-dir", str(data_dir)]), data_dir, CrashLog(data_dir))
    app.show_main(StoreSession(replica, user=dict(USERS[ADMIN])))
    qtbot.waitExposed(app.window)
    yield app
    app.window.close()
    app.runner.shutdown()
    switch_translators(qapp, app.translators, "en")  # the other tests run in the source language
    QLocale.setDefault(locale)
    gc.unfreeze()  # the window's first paint froze the heap (desktop.ui.app.settle_heap)


def visible_texts(window: MainWindow) -> dict[str, Any]:
    panel = window.queue_panel.panel_model
    return {
        "menus": [action.text() for action in window.menuBar().actions()],
        "queues": [
            panel.data(panel.index(panel.row_of(key)), Qt.ItemDataRole.DisplayRole) for key in ("all", "mine")
        ],
        "sync button": window.sync_button.text(),
        "offline button": window.offline_button.text(),
        "dispose": window.desk_actions.actions["dispose"].text(),
    }


INDONESIAN = {
    "menus": ["&Berkas", "&Tampilan", "&Tindakan", "&Bantuan"],
    "queues": ["Semua laporan", "Ditugaskan ke saya"],
    "sync button": "Sinkronkan sekarang",
}
ENGLISH = {
    "menus": ["&File", "&View", "&Actions", "&Help"],
    "queues": ["All complaints", "Assigned to me"],
    "sync button": "Sync now",
    "offline button": "Work offline",
    "dispose": "Dispose…",
}


def switch(qtbot: Any, app: DeskApp, language: str) -> MainWindow:
    old = app.window
    old.language_actions[language].trigger()
    new = app.window
    assert new is not old
    qtbot.waitExposed(new)
    qtbot.waitUntil(lambda: not shiboken6.isValid(old), timeout=5000)  # retired once its jobs reported
    return new


def test_switching_language_applies_at_once_and_back(qtbot: Any, desk: DeskApp, replica: Replica) -> None:
    window = desk.window
    assert window.current_language() == "id" and window.language_actions["id"].isChecked()
    texts = visible_texts(window)
    assert {k: texts[k] for k in INDONESIAN} == INDONESIAN
    assert texts["offline button"] != ENGLISH["offline button"] and texts["dispose"] != ENGLISH["dispose"]
    window.show_queue("mine")
    search(qtbot, window, "4000002")
    with qtbot.waitSignal(window.detailShown, timeout=5000):
        window.show_complaint("c-named")
    window.setGeometry(40, 60, 700, 500)  # moved and resized by the user (within the screen)
    geometry = window.geometry()
    note = opened(qtbot, window, window.desk_actions.open_note)
    note.text_edit.setPlainText("Dicatat sebelum ganti bahasa")
    note.accept()  # its result arrives after the switch: the old window, closed, takes it before it goes
    copies = window.desk_actions._temp()  # a decrypted copy handed to the viewer lives here
    (copies / "lampiran.pdf").write_bytes(b"%PDF-")

    window = switch(qtbot, desk, "en")
    assert not copies.exists()  # the replaced window's copies went with it
    assert [op["kind"] for op in outbox(replica)] == ["note.add"]
    assert visible_texts(window) == ENGLISH
    assert desk.settings.get(LANGUAGE) == "en" and window.language_actions["en"].isChecked()
    assert window.message_bar.text == ""  # no "next time LAPOR! Desk starts": it has changed already
    # The same work, in the other language: queue, search, complaint, layout; the same session.
    assert window.queue_panel.current_key() == "mine" and window.search_edit.text() == "4000002"
    qtbot.waitUntil(lambda: window.current_complaint_id() == "c-named", timeout=5000)
    assert window.desk_actions.detail is not None and window.desk_actions.detail.id == "c-named"
    assert window.geometry() == geometry and window.session is desk.session

    window = switch(qtbot, desk, "id")
    assert {k: visible_texts(window)[k] for k in INDONESIAN} == INDONESIAN
    assert desk.settings.get(LANGUAGE) == "id" and window.current_language() == "id"
    qtbot.waitUntil(lambda: window.current_complaint_id() == "c-named", timeout=5000)
    assert window.isVisible() and [
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
    ] == [window]


def test_choosing_the_language_in_use_changes_nothing(qtbot: Any, desk: DeskApp) -> None:
    window = desk.window
    window.language_actions["id"].trigger()
    assert desk.window is window and desk.settings.get(LANGUAGE) == ""


def test_a_window_alone_keeps_the_choice_for_the_next_start(
    qtbot: Any, desk: DeskApp, tmp_path: Path
) -> None:
    """Without the app behind it (a test, a screenshot) the window saves the choice and announces it; a window
    built later ticks the saved language."""
    settings = UiSettings(tmp_path / "alone")
    alone = MainWindow(desk.session, desk.runner, settings)
    qtbot.addWidget(alone)
    assert alone.current_language() == "id"  # nothing chosen yet: the default, as at the start
    with qtbot.waitSignal(alone.languageChosen, timeout=1000) as chosen:
        alone.language_actions["en"].trigger()
    assert chosen.args == ["en"] and settings.get(LANGUAGE) == "en"
    assert desk.language == "id" and desk.settings.get(LANGUAGE) == ""  # the app's window was not told
    again = MainWindow(desk.session, desk.runner, settings)
    qtbot.addWidget(again)
    assert again.current_language() == "en" and again.language_actions["en"].isChecked()
