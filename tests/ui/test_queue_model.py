"""QueueTableModel over a real replica: Qt's model tester, SQL paging and SQL sorting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.app.queries import QueueQuery, StoreQueueSource
from desktop.store.engine import Replica
from desktop.store.queues import QueueFilter
from desktop.ui.queue_model import PAGE_SIZE, Column, QueueTableModel
from tests.ui.factory import make_replica

ROWS = 3000


@pytest.fixture(scope="module")
def replica(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Replica]:
    rep = make_replica(tmp_path_factory.mktemp("replica"), ROWS)
    yield rep
    rep.close()


class CountingSource(StoreQueueSource):
    def __init__(self, replica: Replica) -> None:
        super().__init__(replica)
        self.id_queries = 0

    def ids(self, query: QueueQuery, offset: int, limit: int) -> list[str]:
        self.id_queries += 1
        return super().ids(query, offset, limit)

    def page(self, query: QueueQuery, offset: int, limit: int) -> list[object]:
        self.id_queries += 1  # one query for the ids and the rows of a page
        return super().page(query, offset, limit)


def make_model(
    replica: Replica, read_ahead: bool = False, **filter_args: object
) -> tuple[QueueTableModel, CountingSource]:
    source = CountingSource(replica)
    model = QueueTableModel(
        source,
        QueueQuery(QueueFilter(**filter_args)),  # type: ignore[arg-type]
        read_ahead=read_ahead,  # counted queries stay deterministic unless a test reads ahead
        background=False,  # read as asked, on this thread (the window's model reads in the background)
    )
    return model, source


def test_model_tester(qtmodeltester, replica: Replica) -> None:
    model, _ = make_model(replica)
    assert model.rowCount() == ROWS
    qtmodeltester.check(model, force_py=True)
    model.sort(Column.TRACKING_ID, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_pages_are_fetched_lazily_and_cached(replica: Replica) -> None:
    model, source = make_model(replica)
    assert source.id_queries == 0  # count only
    model.data(model.index(0, Column.TITLE))
    model.data(model.index(PAGE_SIZE - 1, Column.TITLE))
    assert source.id_queries == 1
    model.data(model.index(ROWS - 1, Column.TITLE))
    assert source.id_queries == 2
    model.data(model.index(3, Column.STATUS))
    assert source.id_queries == 2


def test_sort_is_sql_order(replica: Replica) -> None:
    model, _ = make_model(replica)
    model.sort(Column.TRACKING_ID, Qt.SortOrder.AscendingOrder)
    first = [int(model.data(model.index(r, Column.TRACKING_ID))) for r in (0, 1, 2, ROWS - 1)]
    assert first == [1_000_000, 1_000_001, 1_000_002, 1_000_000 + ROWS - 1]
    model.sort(Column.TRACKING_ID, Qt.SortOrder.DescendingOrder)
    assert int(model.data(model.index(0, Column.TRACKING_ID))) == 1_000_000 + ROWS - 1
    # The sync badge has no SQL order: asking to sort by it changes nothing.
    model.sort(Column.SYNC, Qt.SortOrder.AscendingOrder)
    assert model.query.sort_column == "tracking_id"


def test_search_and_status_labels(replica: Replica) -> None:
    model, _ = make_model(replica)
    model.set_filter(QueueFilter(search="1001234"))
    assert model.rowCount() == 1
    assert model.data(model.index(0, Column.TRACKING_ID)) == "1001234"
    model.set_filter(QueueFilter(status="terdisposisi"))
    assert model.rowCount() == len([n for n in range(ROWS) if n % 6 == 0])
    # English source text without a translator installed.
    assert model.data(model.index(0, Column.STATUS)) == QCoreApplication.translate("Status", "Dispositioned")


@pytest.mark.slow
def test_hundred_thousand_rows(tmp_path: Path) -> None:
    rep = make_replica(tmp_path, 100_000)
    try:
        model, source = make_model(rep)
        assert model.rowCount() == 100_000
        # Jumping to the end costs one page, not 100,000 rows.
        assert model.data(model.index(99_999, Column.TITLE))
        assert source.id_queries == 1
        model.sort(Column.TITLE, Qt.SortOrder.AscendingOrder)
        assert model.data(model.index(50_000, Column.TITLE))
        assert source.id_queries == 2
    finally:
        rep.close()


def test_pending_badge_and_offline_note(tmp_path: Path) -> None:
    from desktop.store.actions import add_note

    rep = make_replica(tmp_path, 10)
    try:
        add_note(rep, "c-000003", "<b>catatan</b> offline")
        model, _ = make_model(rep, search="1000003")
        assert model.rowCount() == 1
        index = model.index(0, Column.SYNC)
        assert model.data(index) == "Pending"
        assert model.data(index, Qt.ItemDataRole.ToolTipRole) == "Local changes not yet sent to the hub"
        assert model.data(model.index(0, Column.TITLE), Qt.ItemDataRole.ToolTipRole) == "Jalan rusak nomor 3"
    finally:
        rep.close()


def test_sort_by_deadline_and_rows_carry_their_deadline(replica: Replica) -> None:
    model, source = make_model(replica)
    model.sort(Column.DEADLINE, Qt.SortOrder.AscendingOrder)
    assert model.query.sort_column == "deadline"
    dues = [model.deadline_of(model.row_at(r)) for r in range(PAGE_SIZE + 10)]
    assert source.id_queries == 2  # two pages, one query each
    known = [d.due for d in dues if d is not None]
    assert known and known == sorted(known)
    assert all(d is not None for d in dues[: len(known)])  # no deadline (closed, on hold) comes last
    shown = model.data(model.index(0, Column.DEADLINE))
    assert isinstance(shown, str) and shown


def test_flags_are_table_flags(replica: Replica) -> None:
    model, _ = make_model(replica)
    flags = model.flags(model.index(0, Column.TITLE))
    assert flags & Qt.ItemFlag.ItemIsSelectable and flags & Qt.ItemFlag.ItemIsEnabled
    assert flags & Qt.ItemFlag.ItemNeverHasChildren and not flags & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(-1, 0)) == Qt.ItemFlag.NoItemFlags


def test_read_ahead_fetches_the_neighbours_on_a_worker_thread(qapp: object, replica: Replica) -> None:
    model, source = make_model(replica, read_ahead=True)
    model.sort(Column.TRACKING_ID, Qt.SortOrder.AscendingOrder)

    def tracking_id(row: int) -> str:
        return str(model.data(model.index(row, Column.TRACKING_ID)))

    def idle() -> None:
        QCoreApplication.processEvents()  # the read-ahead starts once the event loop is idle
        model.wait_read_ahead(30)

    assert tracking_id(PAGE_SIZE * 3 + 5) == str(1_000_000 + PAGE_SIZE * 3 + 5)
    assert source.id_queries == 1  # nothing read ahead while the event loop is busy
    idle()
    assert source.id_queries == 3  # page 3 here, pages 2 and 4 on the worker
    below, above = tracking_id(PAGE_SIZE * 4), tracking_id(PAGE_SIZE * 2)
    assert (below, above) == (str(1_000_000 + PAGE_SIZE * 4), str(1_000_000 + PAGE_SIZE * 2))
    idle()
    assert source.id_queries == 5  # taking pages 4 and 2 read pages 5 and 1 ahead; none was read twice
    # A new sort drops what was read, and what was about to be read, for the old one.
    tracking_id(PAGE_SIZE * 7)
    model.sort(Column.TRACKING_ID, Qt.SortOrder.DescendingOrder)
    idle()
    assert source.id_queries == 6
    assert tracking_id(0) == str(1_000_000 + ROWS - 1)
    idle()
    assert source.id_queries == 8  # page 0, then page 1 ahead (there is no page -1)
    assert tracking_id(PAGE_SIZE) == str(1_000_000 + ROWS - 1 - PAGE_SIZE)
    assert source.id_queries == 8
    assert StoreQueueSource.concurrent_reads
    model.close()  # waits for the read in progress, drops the rest
    idle()
    assert tracking_id(PAGE_SIZE * 2) == str(
        1_000_000 + ROWS - 1 - 2 * PAGE_SIZE
    )  # still answers after close


class CountingModel(QueueTableModel):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.data_calls = 0

    def data(self, index: object, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        self.data_calls += 1
        return super().data(index, role)  # type: ignore[arg-type]


def _colours_in(image: QImage, rect: QRect) -> set[int]:
    return {
        image.pixel(x, y)
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    }


def test_delegate_paints_prepared_cells_without_asking_roles(qtbot: QtBot, replica: Replica) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QTableView

    from desktop.ui.queue_delegate import QueueDelegate
    from desktop.ui.queue_model import alert_colour

    model = CountingModel(
        CountingSource(replica), QueueQuery(QueueFilter()), read_ahead=False, background=False
    )
    view = QTableView()
    qtbot.addWidget(view)
    model.setParent(view)
    view.setModel(model)
    view.setItemDelegate(QueueDelegate(model, view))
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.resize(1200, 400)
    view.show()
    overdue = next(
        r
        for r in range(ROWS)
        if (due := model.deadline_of(model.row_at(r))) is not None and due.overdue and r > 0
    )
    view.scrollTo(model.index(overdue, 0))
    view.selectRow(overdue - 1)
    model.data_calls = 0
    image = view.viewport().grab().toImage()
    assert model.data_calls == 0  # painted from model.cells(), no role asked
    # The overdue deadline is drawn in the error colour, the selected row on the highlight.
    deadline = view.visualRect(model.index(overdue, Column.DEADLINE))
    assert alert_colour("error").rgb() in _colours_in(image, deadline)
    selected = view.visualRect(model.index(overdue - 1, Column.TITLE))
    highlight = view.palette().color(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight)
    active = view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    assert image.pixel(selected.right() - 1, selected.center().y()) in (highlight.rgb(), active.rgb())
    # Screen readers, tooltips and tests still get every role from data().
    assert model.data(model.index(overdue, Column.TITLE)) == str(model.row_at(overdue).title)


def test_closing_the_window_stops_reading_ahead(qtbot: QtBot, tmp_path: Path) -> None:
    from desktop.app.session import StoreSession
    from desktop.ui.jobs import JobRunner
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import UiSettings

    session = StoreSession(make_replica(tmp_path / "replica", 3 * PAGE_SIZE))
    runner = JobRunner()
    try:
        window = MainWindow(session, runner, UiSettings(tmp_path))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        model = window.model
        qtbot.waitUntil(lambda: not model.loading and model.rowCount() > 0, timeout=5000)
        assert model.data(model.index(0, Column.TITLE))
        assert model._pool is not None
        window.close()
        assert model._pool is None and not model._ahead  # stopped, a read in progress waited for
        assert model.data(model.index(PAGE_SIZE + 1, Column.TITLE))  # still answers, reading as asked
    finally:
        runner.shutdown()
        session.close()


# --- the window's model: nothing read on the GUI thread -------------------------------------------------------
class ThreadCountingSource(CountingSource):
    """Counts the queries and where they ran."""

    def __init__(self, replica: Replica) -> None:
        super().__init__(replica)
        self.on_gui_thread = 0

    def count(self, query: QueueQuery) -> int:
        self._note()
        return super().count(query)

    def page(self, query: QueueQuery, offset: int, limit: int) -> list[object]:
        self._note()
        return super().page(query, offset, limit)

    def _note(self) -> None:
        import threading

        if threading.current_thread() is threading.main_thread():
            self.on_gui_thread += 1


def background_model(
    qtbot: QtBot, replica: Replica, **filter_args: object
) -> tuple[QueueTableModel, ThreadCountingSource]:
    source = ThreadCountingSource(replica)
    model = QueueTableModel(source, QueueQuery(QueueFilter(**filter_args)), read_ahead=False)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    return model, source


def test_background_model_reads_off_the_gui_thread(qtbot: QtBot, replica: Replica) -> None:
    source = ThreadCountingSource(replica)
    model = QueueTableModel(source, QueueQuery(QueueFilter()), read_ahead=False)
    assert model.rowCount() == 0 and model.loading  # the count is being read
    with qtbot.waitSignal(model.loaded, timeout=5000), qtbot.waitSignal(model.countChanged) as counted:
        pass
    assert counted.args == [ROWS] and model.rowCount() == ROWS and not model.loading
    assert model.data(model.index(0, Column.TITLE))  # the first page came with the count
    # a page not read yet is a placeholder while it is fetched in the background
    far = ROWS - 1
    assert model.data(model.index(far, Column.TITLE)) is None and model.loading
    with qtbot.waitSignal(model.rowsLoaded, timeout=5000) as loaded:
        pass
    assert loaded.args[0] <= far <= loaded.args[1] and not model.loading
    assert model.data(model.index(far, Column.TITLE))
    assert source.on_gui_thread == 0
    model.close()


def test_a_new_query_replaces_the_rows_only_once_read(qtbot: QtBot, replica: Replica) -> None:
    model, source = background_model(qtbot, replica)
    with qtbot.waitSignal(model.queryChanged):
        model.set_filter(QueueFilter(search="1001234"))
    assert model.rowCount() == ROWS  # the old rows stay until the new ones are in: no empty flash
    with qtbot.waitSignal(model.modelReset, timeout=5000):
        pass
    assert model.rowCount() == 1 and model.data(model.index(0, Column.TRACKING_ID)) == "1001234"
    # only the last of several queries asked for in a row is shown
    model.set_filter(QueueFilter(status="terdisposisi"))
    model.set_filter(QueueFilter(search="1000007"))
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    assert model.rowCount() == 1 and model.data(model.index(0, Column.TRACKING_ID)) == "1000007"
    model.sort(Column.TRACKING_ID, Qt.SortOrder.AscendingOrder)
    assert model.query.sort_column == "tracking_id"
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    assert source.on_gui_thread == 0
    model.close()


def test_refresh_rows_updates_in_place_and_keeps_the_selection(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QItemSelectionModel

    from desktop.store.actions import add_note

    rep = make_replica(tmp_path, 10)
    try:
        model, source = background_model(qtbot, rep, search="1000003")
        selection = QItemSelectionModel(model)
        selection.select(model.index(0, 0), QItemSelectionModel.SelectionFlag.Select)
        assert not model.data(model.index(0, Column.SYNC))
        add_note(rep, "c-000003", "catatan")
        resets: list[int] = []
        model.modelReset.connect(lambda: resets.append(1))
        with qtbot.waitSignal(model.dataChanged, timeout=5000):
            model.refresh_rows((0, 0))
        assert model.data(model.index(0, Column.SYNC)) == "Pending"  # read again, in place
        assert resets == [] and selection.isSelected(model.index(0, 0))
        assert source.on_gui_thread == 0
        model.close()
    finally:
        rep.close()
