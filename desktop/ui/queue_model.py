"""The queue table: a QAbstractTableModel over SQL paging.

The model never holds the whole queue. `rowCount` is one `count` query; each page of `PAGE_SIZE` rows is one
`page` query when the source has one (ids by ORDER BY + OFFSET/LIMIT, row data and deadlines in one statement),
else an `ids` and a `rows` query; pages are cached in a small LRU. Clicking a header changes the SQL ORDER BY and
drops the cache; nothing is ever sorted in Python.

When the source says it can be read from another thread (``concurrent_reads``, as `StoreQueueSource`), no query
runs on the GUI thread: the model reads on one worker thread of its own and its results come back as queued
signals. A new query (a queue, a search, a filter, a sort) is read there whole (its count and first page) and only
then replaces the rows shown, in one reset, so the table never flashes empty (`queryChanged` says one was asked
for, `loaded` that it is shown); a refresh after a change (`refresh_rows`) re-reads the count and the visible
pages the same way and updates them in place, keeping the selection (a reset when the count changed). A page not read yet paints as an empty row (a placeholder) while it is fetched, and
`rowsLoaded(first, last)` says when it is in. `loading` is true while a query, a refresh or a painted page is being
read. A source without ``concurrent_reads`` (tests' plain sources) is read on the calling thread, as it asks.

Painting is hot: a Page Down repaints every cell. The cells of a row are built once, the first time it is painted,
into one flat tuple (`cells`); the window's `QueueDelegate` paints straight from it, and `data()` (screen readers,
tooltips, tests, the default delegate) is a dict lookup and a tuple index into it.

The pages next to the one just fetched are read ahead on the worker thread once the event loop is idle (a zero
timer): a held Page Down finds its rows waiting. Not sooner: the worker's Python (building rows) would contend for
the GIL with the paint in progress. Pages are small (100 rows, ~1.5 ms to read).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import itertools
import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import replace
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.app.queries import QueueQuery
from desktop.ui.i18n import deadline_text, status_label, step_label

log = logging.getLogger(__name__)

PAGE_SIZE = 100
CACHED_PAGES = 32

ModelIndex = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    TRACKING_ID = 0
    TITLE = 1
    CATEGORY = 2
    KECAMATAN = 3
    STATUS = 4
    DEADLINE = 5
    ASSIGNEE = 6
    ARRIVED = 7
    SYNC = 8


# The SortKey column name the store understands for each visible column.
# The sync badge has no SQL order (it is an overlay of the outbox), so it is not sortable. The deadline is sorted
# in SQL by the store (the office's working-day clock as a table of due days).
SORT_COLUMNS: dict[Column, str] = {
    Column.TRACKING_ID: "tracking_id",
    Column.TITLE: "title",
    Column.CATEGORY: "category_name",
    Column.KECAMATAN: "kecamatan",
    Column.STATUS: "status",
    Column.DEADLINE: "deadline",
    Column.ARRIVED: "arrived_at",
    Column.ASSIGNEE: "assignee_name",
}


def sort_section(sort_column: str) -> int:
    """The view column showing `sort_column` (for the header's sort indicator), or -1."""
    for column, name in SORT_COLUMNS.items():
        if name == sort_column:
            return int(column)
    return -1


def column_title(column: Column) -> str:
    titles = {
        Column.TRACKING_ID: QCoreApplication.translate("QueueTableModel", "Tracking ID"),
        Column.TITLE: QCoreApplication.translate("QueueTableModel", "Title"),
        Column.CATEGORY: QCoreApplication.translate("QueueTableModel", "Category"),
        Column.KECAMATAN: QCoreApplication.translate("QueueTableModel", "Kecamatan"),
        Column.STATUS: QCoreApplication.translate("QueueTableModel", "Status"),
        Column.DEADLINE: QCoreApplication.translate("QueueTableModel", "Deadline"),
        Column.ARRIVED: QCoreApplication.translate("QueueTableModel", "Arrived"),
        Column.ASSIGNEE: QCoreApplication.translate("QueueTableModel", "Assignee"),
        Column.SYNC: QCoreApplication.translate("QueueTableModel", "Sync"),
    }
    return titles[column]


class QueueSource(Protocol):
    """The three queries the model needs; `StoreQueueSource` binds them to a replica.

    Optional, looked up by name: ``page(query, offset, limit)`` → rows in order, each with a ``deadline``
    attribute (one query instead of ids + rows + deadlines); ``deadlines(ids)``; ``invalidate()``;
    ``concurrent_reads = True`` when ``page`` may be called from a worker thread (read-ahead)."""

    def count(self, query: QueueQuery) -> int: ...

    def ids(self, query: QueueQuery, offset: int, limit: int) -> list[str]: ...

    def rows(self, ids: Sequence[str]) -> list[Any]: ...


def alert_colour(kind: str) -> QColor:
    """Red/orange text that reads on the current palette's base colour (light or dark)."""
    from PySide6.QtGui import QGuiApplication, QPalette

    dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
    colours = {
        "error": ("#c62828", "#ff8a80"),
        "warning": ("#b35c00", "#ffb74d"),
        "ok": ("#1b7a1b", "#81c784"),
    }
    return QColor(colours[kind][1 if dark else 0])


_COLUMNS = len(Column)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# role → position in a cell's slice of a row's flat tuple (_ROLE_SLOTS per column); roles not listed take the slow
# path
_PAINT_ROLES: dict[int, int] = {
    int(Qt.ItemDataRole.DisplayRole): 0,
    int(Qt.ItemDataRole.ForegroundRole): 1,
    int(Qt.ItemDataRole.FontRole): 2,
    int(Qt.ItemDataRole.TextAlignmentRole): 3,
}
_EMPTY_ROLES = (
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.WhatsThisRole,
    Qt.ItemDataRole.SizeHintRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.AccessibleDescriptionRole,
)
_PAINT_ROLES.update({int(role): 4 for role in _EMPTY_ROLES})  # answered None without the slow path
_ROLE_SLOTS = (
    6  # display, foreground, font, alignment, None (the empty roles), text colour (for the delegate)
)


def _bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class QueueTableModel(QAbstractTableModel):
    """Rows of the queue, fetched a page at a time as the view paints them."""

    ROLE_SLOTS = _ROLE_SLOTS
    IdRole = Qt.ItemDataRole.UserRole + 1
    RowRole = Qt.ItemDataRole.UserRole + 2

    countChanged = Signal(int)
    # another query was asked for (a queue, a search, a filter, a sort); not a refresh
    queryChanged = Signal()
    loaded = Signal()  # a query or refresh asked for is shown (its count and first rows are in)
    rowsLoaded = Signal(int, int)  # first and last row of a page read in the background
    _read = Signal(object)  # from the worker thread: a callable to run on the GUI thread with its result

    def __init__(
        self,
        source: QueueSource,
        query: QueueQuery,
        parent: QObject | None = None,
        *,
        read_ahead: bool | None = None,
        background: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._read_ahead = read_ahead  # None: when the source allows concurrent reads
        self._background = background  # None: when the source allows concurrent reads (see module doc)
        self._closed = False
        self._ahead: dict[int, Future[Any]] = {}  # page number → its read in flight, this generation
        self._wanted: set[int] = set()  # pages a paint asked for, still being read (background)
        self._generation = (
            0  # bumped with every cache drop: a read-ahead timer of an older query does nothing
        )
        self._pending = 0  # the query or refresh being read in the background (its token); 0: none
        self._tokens = itertools.count(1)
        self._pool: ThreadPoolExecutor | None = None
        self._query = query  # asked for
        self._shown = query  # whose count and rows the model holds (the same, except while one is read)
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._deadlines: dict[str, Any] = {}
        self._cells: dict[int, tuple[Any, ...]] = {}  # row number → painted roles of each column, flat
        self._locale = QLocale()
        self._labels: dict[str, str] = {}  # status code → label, this language
        self._brushes: dict[str, QBrush] = {}  # alert kind → brush, this palette
        self._colours: dict[int, QColor] = {}  # id of one of _brushes → its colour (for the delegate's pen)
        self._months = [""] + [
            self._locale.monthName(m, QLocale.FormatType.ShortFormat) for m in range(1, 13)
        ]
        self._read.connect(self._on_read)
        if self._in_background():
            self._count = 0
            self._load(query, pages=(0,), in_place=False)
        else:
            self._count = source.count(query)

    # --- the query
    @property
    def query(self) -> QueueQuery:
        """The query asked for last (shown, or being read)."""
        return self._query

    @property
    def loading(self) -> bool:
        """A query, a refresh or a page the view painted is still being read in the background."""
        return bool(self._pending or self._wanted)

    @property
    def query_pending(self) -> bool:
        """A query or a refresh asked for is still being read: the rows shown are about to be replaced."""
        return bool(self._pending)

    def set_query(self, query: QueueQuery) -> None:
        self._query = query
        self.queryChanged.emit()
        if self._in_background():
            self._load(query, pages=(0,), in_place=False)
        else:
            self._read_now(query)

    def _read_now(self, query: QueueQuery) -> None:
        self.beginResetModel()
        self._shown = query
        self._clear_cache()
        self._count = self._source.count(query)
        self.endResetModel()
        self.countChanged.emit(self._count)

    def set_filter(self, queue_filter: Any) -> None:
        self.set_query(replace(self._query, filter=queue_filter))

    @property
    def source(self) -> QueueSource:
        return self._source

    def refresh(self) -> None:
        """Re-read everything (the source's data changed); the rows are shown again from the top."""
        if self._in_background():
            self._load(self._query, pages=(0,), in_place=False, invalidate=True)
            return
        self._invalidate_source()
        self._read_now(self._query)

    def _invalidate_source(self) -> None:
        invalidate = getattr(self._source, "invalidate", None)
        if invalidate is not None:
            invalidate()

    def refresh_rows(self, visible: tuple[int, int] | None = None) -> None:
        """Re-read the count and the rows in place (a local change, a sync); the selection survives when the count
        is unchanged. ``visible`` (first, last row on screen): the pages read again at once in the background;
        others are read when painted."""
        if self._in_background():
            if visible is not None:
                pages = tuple(range(max(0, visible[0]) // PAGE_SIZE, max(0, visible[1]) // PAGE_SIZE + 1))
            else:
                pages = tuple(list(self._pages)[-2:]) or (0,)  # the pages used last
            self._load(self._query, pages=pages, in_place=self._query == self._shown, invalidate=True)
            return
        self._invalidate_source()
        count = self._source.count(self._query)
        if count != self._count:
            self.refresh()
            return
        self._clear_cache()
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(Column) - 1))

    def set_source(self, source: QueueSource) -> None:
        self._source = source
        self.refresh()

    # --- reading in the background
    def _in_background(self) -> bool:
        if self._closed:
            return False
        if self._background is not None:
            return self._background
        return bool(getattr(self._source, "concurrent_reads", False)) and hasattr(self._source, "page")

    def _submit(self, work: Callable[[], Any], deliver: Callable[[Any], None]) -> Future[Any]:
        """Run ``work`` on the worker thread; ``deliver(result or exception)`` then runs on the GUI thread. The
        future's result is the same (a paint may take a page read ahead before its delivery comes)."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="queue-read")
        relay = self._read

        def run() -> Any:
            try:
                result = work()
            except Exception as exc:  # noqa: BLE001 - delivered to the GUI thread, which logs it
                result = exc
            with contextlib.suppress(RuntimeError):  # the model was deleted meanwhile: nobody is waiting
                relay.emit(functools.partial(deliver, result))
            return result

        return self._pool.submit(run)

    @Slot(object)
    def _on_read(self, deliver: Callable[[], None]) -> None:
        deliver()

    def _load(
        self, query: QueueQuery, *, pages: tuple[int, ...], in_place: bool, invalidate: bool = False
    ) -> None:
        """Read ``query``'s count and ``pages`` in the background, then show them (`_loaded`). A later call wins."""
        token = self._pending = next(self._tokens)
        source = self._source
        for page_no, ahead in list(self._ahead.items()):  # pages read ahead for rows about to go: not first
            if page_no not in self._wanted and ahead.cancel():
                del self._ahead[page_no]

        def work() -> tuple[int, dict[int, list[Any]]]:
            if invalidate:  # here, after every read queued before it: none of them can cache a stale count
                invalidate_source = getattr(source, "invalidate", None)
                if invalidate_source is not None:
                    invalidate_source()
            count = source.count(query)
            fetch: Callable[[QueueQuery, int, int], Sequence[Any]] = source.page  # type: ignore[attr-defined]
            return count, {
                p: list(fetch(query, p * PAGE_SIZE, PAGE_SIZE)) for p in pages if p * PAGE_SIZE < count
            }

        self._submit(work, functools.partial(self._loaded, token, query, in_place))

    def _loaded(self, token: int, query: QueueQuery, in_place: bool, result: Any) -> None:
        if token != self._pending:
            return  # a newer query or refresh was asked for meanwhile
        self._pending = 0
        if isinstance(result, BaseException):
            log.warning("reading the queue failed: %r", result)
            self.loaded.emit()
            return
        count, pages = result
        if in_place and query == self._shown and count == self._count:
            self._clear_cache()
            self._pages.update(pages)
            if count:
                self.dataChanged.emit(self.index(0, 0), self.index(count - 1, _COLUMNS - 1))
        else:
            self.beginResetModel()
            self._shown = query
            self._clear_cache()
            self._pages.update(pages)
            self._count = count
            self.endResetModel()
            self.countChanged.emit(count)
        self.loaded.emit()
        if pages:
            self._read_around_later(min(pages))

    def _request_page(self, page_no: int, *, wanted: bool) -> None:
        """Read one page of the query shown in the background (``wanted``: a paint is waiting for it)."""
        if wanted:
            self._wanted.add(page_no)
        if page_no in self._ahead:
            return
        fetch: Callable[[QueueQuery, int, int], Sequence[Any]] = self._source.page  # type: ignore[attr-defined]
        query, generation = self._shown, self._generation
        self._ahead[page_no] = self._submit(
            functools.partial(_read_page, fetch, query, page_no * PAGE_SIZE),
            functools.partial(self._page_read, generation, page_no),
        )

    def _page_read(self, generation: int, page_no: int, result: Any) -> None:
        """A page read in the background is in. ``rowsLoaded`` follows every successful read (an empty page
        too: last < first), so whoever waits while ``loading`` is woken when it turns false."""
        if generation != self._generation:
            return  # read for rows no longer shown
        first = page_no * PAGE_SIZE
        if page_no not in self._ahead:  # a paint took it before this delivery came (see _page): say it is in
            taken = self._pages.get(page_no)
            if taken is not None:
                self.rowsLoaded.emit(first, min(self._count, first + len(taken)) - 1)
            return
        if page_no not in self._wanted:
            return  # read ahead: it waits in its future until a paint takes it, and reads on around it then
        self._ahead.pop(page_no, None)
        self._wanted.discard(page_no)
        if isinstance(result, BaseException):
            log.warning("reading a page of the queue failed: %r", result)
            return
        self._store_page(page_no, result)
        last = min(self._count, first + len(result)) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, _COLUMNS - 1))
        self.rowsLoaded.emit(first, last)
        self._read_around_later(page_no)

    def _read_around_later(self, page_no: int) -> None:
        if self._reads_ahead():
            QTimer.singleShot(0, self, functools.partial(self._read_around_if, self._generation, page_no))

    # --- Qt model API
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    # flags(): not overridden. QAbstractTableModel's (enabled, selectable, never has children) is what the queue
    # wants, and answering it in C++ saves a call into Python for every painted cell.

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return column_title(Column(section))
            return None
        if (
            orientation == Qt.Orientation.Vertical
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self._count
        ):
            return section + 1
        return None

    def cells(self, row_no: int) -> tuple[Any, ...] | None:
        """The prepared cells of a row, flat: ``ROLE_SLOTS`` slots per column (display text, foreground brush,
        font, alignment, None, text colour). What `QueueDelegate` paints; None past the end."""
        cells = self._cells.get(row_no)
        if cells is None:
            row = self.row_at(row_no)
            if row is None:
                return None
            # Built for the rows that are painted only, not for the whole page when it is fetched.
            cells = self._cells[row_no] = self._row_cells(row)
        return cells

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Warm: the queue's delegate paints from `cells` without asking roles, but screen readers, tooltips, a
        # column auto-fit and the default delegate (tests) ask here. The painted roles come from the same tuple;
        # the rest takes the slow path.
        row_no = index.row()
        cells = self._cells.get(row_no)
        if cells is None:
            cells = self.cells(row_no)
            if cells is None:
                return None
        pos = _PAINT_ROLES.get(role)
        if pos is not None:
            column = index.column()
            return cells[column * _ROLE_SLOTS + pos] if 0 <= column < _COLUMNS else None
        return self._slow_data(row_no, index.column(), role)

    def _slow_data(self, row_no: int, column: int, role: int) -> Any:
        row = self.row_at(row_no)
        if row is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.SYNC:
                return self._sync_tooltip(row)
            if column == Column.TITLE:
                return str(_field(row, "title", ""))
            if column == Column.DEADLINE:
                return self._deadline_tooltip(row)
            return None
        if role == self.IdRole:
            return str(_field(row, "id", ""))
        if role == self.RowRole:
            return row
        return None

    def _brush(self, kind: str) -> QBrush:
        brush = self._brushes.get(kind)
        if brush is None:
            brush = self._brushes[kind] = QBrush(alert_colour(kind))
        return brush

    def _colour(self, brush: QBrush | None) -> QColor | None:
        if brush is None:
            return None
        colour = self._colours.get(id(brush))
        if colour is None:
            colour = self._colours[id(brush)] = brush.color()
        return colour

    def _row_cells(self, row: Any) -> tuple[Any, ...]:
        """(display, foreground, font, alignment, None, colour) of each column of one row, in one flat tuple (fewer objects
        for the garbage collector to walk: a row's cells live as long as its page)."""
        conflict = bool(_field(row, "conflict", False))
        pending = bool(_field(row, "pending", False))
        due = self.deadline_of(row)
        status = str(_field(row, "status", ""))
        label = self._labels.get(status)
        if label is None:
            label = self._labels[status] = status_label(status)
        deadline = deadline_colour = None
        if due is not None:
            deadline = deadline_text(due.remaining, due.overdue)
            if due.overdue:
                deadline_colour = self._brush("error")
            elif due.remaining <= 1:
                deadline_colour = self._brush("warning")
        sync = sync_font = sync_colour = None
        if conflict:
            sync, sync_font, sync_colour = self._conflict_text(), _bold_font(), self._brush("error")
        elif pending:
            sync, sync_font, sync_colour = self._pending_text(), _bold_font(), self._brush("warning")
        # fmt: off
        return (
            str(_field(row, "tracking_id", "")), None, None, _RIGHT, None, None,
            str(_field(row, "title", "")), None, None, None, None, None,
            _field(row, "category_name", "") or "", None, None, None, None, None,
            _field(row, "kecamatan", "") or "", None, None, None, None, None,
            label, None, None, None, None, None,
            deadline or "", deadline_colour, None, None, None, self._colour(deadline_colour),
            _field(row, "assignee_name", "") or "", None, None, None, None, None,
            self._arrived_text(_field(row, "arrived_at", None)), None, None, None, None, None,
            sync or "", sync_colour, sync_font, None, None, self._colour(sync_colour),
        )
        # fmt: on

    @staticmethod
    def _conflict_text() -> str:
        return QCoreApplication.translate("QueueTableModel", "Conflict")

    @staticmethod
    def _pending_text() -> str:
        return QCoreApplication.translate("QueueTableModel", "Pending")

    def _arrived_text(self, value: Any) -> str:
        """`format_datetime` of a stored UTC time, with this model's month names (the hot path of a page)."""
        if not isinstance(value, str) or len(value) < 19:
            return format_datetime(value, self._locale)
        try:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        local = moment.astimezone()
        return f"{local.day:02d} {self._months[local.month]} {local.year} {local.hour:02d}:{local.minute:02d}"

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column) or Column(column) not in SORT_COLUMNS:
            return
        query = replace(
            self._query,
            sort_column=SORT_COLUMNS[Column(column)],
            descending=order == Qt.SortOrder.DescendingOrder,
        )
        if self._in_background():
            if query != self._query:
                self.set_query(query)
            return
        # Every row may move; a reset is honest about that and cheap, since only one page is refetched.
        self.beginResetModel()
        self._query = self._shown = query
        self._clear_cache()
        self.endResetModel()
        self.queryChanged.emit()

    # --- rows
    def row_at(self, row: int) -> Any | None:
        """The row's data, or None past the end and while its page is being read (a placeholder)."""
        if not 0 <= row < self._count:
            return None
        page_no, within = divmod(row, PAGE_SIZE)
        page = self._page(page_no)
        return page[within] if page is not None and within < len(page) else None

    def id_at(self, row: int) -> str | None:
        found = self.row_at(row)
        return None if found is None else str(_field(found, "id", ""))

    def deadline_of(self, row: Any) -> Any | None:
        due = getattr(row, "deadline", None)  # rows of a source's page() carry theirs
        return due if due is not None else self._deadlines.get(str(_field(row, "id", "")))

    def _clear_cache(self) -> None:
        self._generation += 1
        self._pages.clear()
        self._deadlines.clear()
        self._cells.clear()
        self._labels.clear()
        self._brushes.clear()
        self._colours.clear()
        for future in self._ahead.values():  # reads of the old rows: a running one finishes unheard
            future.cancel()
        self._ahead.clear()
        self._wanted.clear()

    def close(self) -> None:
        """Stop reading in the background: drop what has not started and wait for a read in progress (call before
        the source's replica closes). The model still answers afterwards, reading pages as they are asked for."""
        self._closed = True
        self._generation += 1
        self._pending = 0
        self._ahead.clear()
        self._wanted.clear()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def wait_read_ahead(self, timeout: float | None = None) -> None:
        """Block until the pages being read ahead are in (tests and scripted use)."""
        wait_futures(list(self._ahead.values()), timeout)

    def _reads_ahead(self) -> bool:
        if self._closed:
            return False
        if self._read_ahead is not None:
            return self._read_ahead
        return bool(getattr(self._source, "concurrent_reads", False)) and hasattr(self._source, "page")

    def _read_around_if(self, generation: int, page_no: int) -> None:
        if generation == self._generation:
            self._read_around(page_no)

    def _read_around(self, page_no: int) -> None:
        """Start reading the neighbours of ``page_no`` on the worker thread (one page each way)."""
        fetch_page: Callable[[QueueQuery, int, int], Sequence[Any]] = self._source.page  # type: ignore[attr-defined]
        background = self._in_background()
        for near in (page_no + 1, page_no - 1):
            if near < 0 or near * PAGE_SIZE >= self._count or near in self._pages or near in self._ahead:
                continue
            if background:
                self._request_page(near, wanted=False)
                continue
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="queue-read")
            self._ahead[near] = self._pool.submit(_read_page, fetch_page, self._shown, near * PAGE_SIZE)

    def _page(self, page_no: int) -> list[Any] | None:
        page = self._pages.get(page_no)
        if page is not None:
            self._pages.move_to_end(page_no)
            return page
        if self._in_background():
            ahead = self._ahead.get(page_no)
            if ahead is not None and ahead.done():
                # read ahead, or read for a paint and its delivery still queued: no placeholder needed
                del self._ahead[page_no]
                read = None if ahead.cancelled() else ahead.result()
                if read is not None and not isinstance(read, BaseException):
                    self._wanted.discard(page_no)
                    self._store_page(page_no, read)
                    self._read_around_later(page_no)
                    return read
            self._request_page(page_no, wanted=True)  # a placeholder until it is in (_page_read)
            return None
        fetch_page = getattr(self._source, "page", None)
        if fetch_page is not None:
            ahead = self._ahead.pop(page_no, None)
            fetched: list[Any] | None = None
            if ahead is not None and not ahead.cancelled():
                try:
                    fetched = ahead.result()  # waits if still running: no slower than reading it here
                except Exception:  # noqa: BLE001 - read again below, where the error reaches the caller
                    fetched = None
            page = (
                fetched
                if fetched is not None
                else list(fetch_page(self._shown, page_no * PAGE_SIZE, PAGE_SIZE))
            )
            self._store_page(page_no, page)
            if self._reads_ahead():
                generation = self._generation
                QTimer.singleShot(0, self, functools.partial(self._read_around_if, generation, page_no))
        else:
            ids = self._source.ids(self._shown, page_no * PAGE_SIZE, PAGE_SIZE)
            by_id = {str(_field(r, "id", "")): r for r in self._source.rows(ids)}
            # Keep the SQL order; a row deleted between the two queries is simply missing.
            page = [by_id[i] for i in ids if i in by_id]
            deadlines = getattr(self._source, "deadlines", None)
            if deadlines is not None:
                self._deadlines.update(deadlines(ids))
            self._store_page(page_no, page)
        return page

    def _store_page(self, page_no: int, page: list[Any]) -> None:
        self._pages[page_no] = page
        while len(self._pages) > CACHED_PAGES:
            old_no, dropped = self._pages.popitem(last=False)
            for i, old in enumerate(dropped):
                self._deadlines.pop(str(_field(old, "id", "")), None)
                self._cells.pop(old_no * PAGE_SIZE + i, None)

    def _deadline_tooltip(self, row: Any) -> str | None:
        due = self.deadline_of(row)
        if due is None:
            return None
        return (
            QCoreApplication.translate("QueueTableModel", "Deadline for %1: %2")
            .replace("%1", step_label(str(due.step)))
            .replace("%2", format_datetime(due.due.isoformat(), self._locale))
        )

    def _sync_tooltip(self, row: Any) -> str | None:
        if _field(row, "conflict", False):
            return QCoreApplication.translate(
                "QueueTableModel", "The hub did not accept a change made here: open it to resolve"
            )
        if _field(row, "pending", False):
            return QCoreApplication.translate("QueueTableModel", "Local changes not yet sent to the hub")
        return None


def _read_page(
    fetch_page: Callable[[QueueQuery, int, int], Sequence[Any]], query: QueueQuery, offset: int
) -> list[Any]:
    return list(fetch_page(query, offset, PAGE_SIZE))


def _field(row: Any, name: str, default: Any) -> Any:
    return getattr(row, name, default)


def format_datetime(value: Any, locale: QLocale | None = None) -> str:
    """A stored UTC time shown in the machine's local time, in the UI language's short format."""
    if value is None or value == "":
        return ""
    if isinstance(value, str) and len(value) == 10:
        try:
            value = dt.date.fromisoformat(value)  # a date without a time (incident date)
        except ValueError:
            return value
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    locale = locale or QLocale()
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        local = value.astimezone()
        return f"{local.day:02d} {locale.monthName(local.month, QLocale.FormatType.ShortFormat)} {local.year} {local:%H:%M}"
    if isinstance(value, dt.date):
        return f"{value.day:02d} {locale.monthName(value.month, QLocale.FormatType.ShortFormat)} {value.year}"
    return str(value)
