"""The window from 1024x600 up: every filter reachable without scrolling, drop-downs that show whole entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.ui.filter_bar import FilterBar

LONG = "PEKERJAAN UMUM DAN PENATAAN RUANG › LAINNYA TERKAIT PEKERJAAN UMUM DAN PENATAAN RUANG"


def _inside(widget: QWidget, parent: QWidget) -> bool:
    rect = widget.rect().translated(widget.mapTo(parent, widget.rect().topLeft()))
    return widget.isVisible() and parent.rect().contains(rect)


def test_a_narrow_filter_bar_wraps_instead_of_hiding_clear(qtbot: Any) -> None:
    holder = QWidget()  # as in the window: the bar in a column above the table
    column = QVBoxLayout(holder)
    bar = FilterBar()
    column.addWidget(bar)
    column.addStretch(1)
    qtbot.addWidget(holder)
    bar.set_lookups([("c1", LONG), ("c2", "JEMBATAN")], ["Alalak", "Anjir Muara"])
    holder.resize(bar.one_row_width() + 40, 200)
    holder.show()
    qtbot.waitExposed(holder)
    assert not bar.wrapped
    one_row = bar.height()
    holder.resize(560, 200)
    qtbot.waitUntil(lambda: bar.wrapped and bar.height() > one_row)
    for control in (bar.status, bar.category, bar.kecamatan, bar.channel, bar.date_from, bar.date_to,
                    bar.clear_button):  # fmt: skip
        assert _inside(control, bar), control.objectName()
    assert bar.minimumSizeHint().width() <= 560


def test_the_category_drop_down_shows_whole_entries(qtbot: Any) -> None:
    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.set_lookups([("c1", LONG)], [])
    view = bar.category.view()
    assert view.minimumWidth() >= view.fontMetrics().horizontalAdvance(LONG)


def test_at_1024x600_every_filter_and_the_status_bar_are_visible(qtbot: Any, tmp_path: Path) -> None:
    from desktop.app.session import StoreSession
    from desktop.ui.jobs import JobRunner
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import UiSettings
    from tests.ui.factory import make_replica
    from tests.ui.waits import settled

    session = StoreSession(make_replica(tmp_path / "replica", 50))
    runner = JobRunner()
    window = MainWindow(session, runner, UiSettings(tmp_path / "settings"))
    qtbot.addWidget(window)
    try:
        window.resize(1024, 600)
        window.show()
        qtbot.waitExposed(window)
        settled(qtbot, window)
        assert window.width() <= 1024 and window.height() <= 600  # nothing forces the window wider or taller
        bar = window.filter_bar
        for control in (bar.status, bar.category, bar.kecamatan, bar.channel, bar.date_from, bar.date_to,
                        bar.clear_button):  # fmt: skip
            assert _inside(control, window), control.objectName()
        for label in (window.count_label, window.sync_label):
            assert _inside(label, window)
            assert label.width() >= min(label.sizeHint().width(), label.fontMetrics().horizontalAdvance("M" * 8))
    finally:
        window.close()
        runner.shutdown()
        session.close()
