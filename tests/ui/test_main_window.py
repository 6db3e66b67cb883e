"""The main window over a real replica: search, selection to detail, untrusted text, layout memory."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.app.session import StoreSession
from desktop.ui.jobs import JobRunner
from desktop.ui.main_window import MainWindow
from desktop.ui.queue_model import Column
from desktop.ui.settings import UiSettings
from tests.ui.factory import change, complaint_data, make_replica
from tests.ui.waits import search, settled

HOSTILE = '<b>x</b><img src="http://evil.example/track.png">'


@pytest.fixture
def session(tmp_path: Path) -> Iterator[StoreSession]:
    extra = [
        change(
            "complaint",
            "c-hostile",
            complaint_data(
                900_001,
                id="c-hostile",
                tracking_id=7_777_777,
                title=HOSTILE,
                content=f"Isi {HOSTILE}",
                anonymous=True,
                reporter=None,
                secret=True,
            ),
        )
    ]
    replica = make_replica(tmp_path / "replica", 500, extra)
    s = StoreSession(replica)
    yield s
    s.close()


@pytest.fixture
def window(qtbot, session: StoreSession, tmp_path: Path) -> Iterator[MainWindow]:
    runner = JobRunner()
    win = MainWindow(session, runner, UiSettings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    settled(qtbot, win)
    yield win
    runner.shutdown()


def test_queue_fills_and_search_filters(qtbot, window: MainWindow) -> None:
    assert window.model.rowCount() == 501
    assert "501" in window.count_label.text()
    assert search(qtbot, window, "7777777") == 1
    assert search(qtbot, window, "") == 501


def test_debounced_search(qtbot, window: MainWindow) -> None:
    window.search_edit.setText("7777777")
    assert window.model.rowCount() == 501  # not yet: the debounce timer is running
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)


def test_selecting_a_row_shows_untrusted_text_literally(qtbot, window: MainWindow) -> None:
    search(qtbot, window, "7777777")
    with qtbot.waitSignal(window.detailShown, timeout=5000) as blocker:
        window.select_row(0)
    assert blocker.args == ["c-hostile"]
    pane = window.detail
    assert pane.title.text() == HOSTILE
    assert HOSTILE in pane.content.toPlainText()
    assert pane.reporter.text() == "Anonymous"
    assert pane.secret_marker.isVisible()
    # The table shows the title as plain data, too.
    assert window.model.data(window.model.index(0, Column.TITLE)) == HOSTILE


@pytest.fixture
def keep() -> Iterator[list[object]]:
    """Strong references to windows until the end of the test's teardown: a window whose last Python reference
    goes while Qt paints it (qtbot holds only weak ones) is deleted mid-paint."""
    kept: list[object] = []
    yield kept
    kept.clear()


def test_layout_is_remembered(qtbot, session: StoreSession, tmp_path: Path, keep: list[object]) -> None:
    runner = JobRunner()
    first = MainWindow(session, runner, UiSettings(tmp_path))
    keep.append(first)
    qtbot.addWidget(first)
    first.show()
    first.resize(780, 520)  # inside the offscreen screen (800x600), above the window's minimum width
    first.table.horizontalHeader().resizeSection(Column.TITLE, 333)
    first.splitter.setSizes([600, 400])
    sizes = first.splitter.sizes()
    first.close()
    assert (tmp_path / "desk.ini").exists()

    second = MainWindow(session, runner, UiSettings(tmp_path))
    keep.append(second)
    qtbot.addWidget(second)
    second.show()
    assert second.table.horizontalHeader().sectionSize(Column.TITLE) == 333
    assert second.size().width() == 780
    assert second.splitter.sizes() == sizes
    runner.shutdown()


def test_status_bar_without_sync(qtbot, window: MainWindow) -> None:
    assert not window.sync_action.isEnabled()
    qtbot.waitUntil(lambda: window.pending_label.text() != "", timeout=5000)
    assert window.pending_label.text().endswith("0")


def test_offline_note_shows_in_timeline_and_status(qtbot, window: MainWindow, session: StoreSession) -> None:
    from desktop.store.actions import add_note

    add_note(session.replica, "c-hostile", HOSTILE)
    with qtbot.waitSignal(window.countsRefreshed, timeout=5000):
        window.refresh_status()
    assert window.pending_label.text().endswith("1")
    search(qtbot, window, "7777777")
    with qtbot.waitSignal(window.detailShown, timeout=5000):
        window.select_row(0)
    text = window.detail.timeline.toPlainText()
    assert HOSTILE in text
    assert "not yet sent" in text
