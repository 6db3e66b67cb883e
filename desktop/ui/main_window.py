"""The main window: queues with live counts, the queue table with filters and search, the detail pane, a message
bar for routine problems, and a status bar that says how fresh it all is (and can cut the network)."""

from __future__ import annotations

import logging
import math
import time
from functools import partial
from typing import Any

from PySide6.QtCore import QItemSelection, QLocale, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.app.changes import EVERYTHING, Changes, sync_pass
from desktop.domain.queues import QueueName
from desktop.sync.backoff import ErrorClass
from desktop.sync.runner import Outcome, RetryNotice, RunResult
from desktop.ui.autosync import AutoSync
from desktop.ui.detail import DetailPane
from desktop.ui.errors import describe
from desktop.ui.filter_bar import FilterBar
from desktop.ui.i18n import chosen_language, queue_label
from desktop.ui.jobs import JobRunner
from desktop.ui.message_bar import Level, MessageBar
from desktop.ui.ops import Read
from desktop.ui.outbox_model import OutboxColumn, OutboxModel
from desktop.ui.progress import sync_progress_text
from desktop.ui.queue_delegate import QueueDelegate
from desktop.ui.queue_model import (
    SORT_COLUMNS,
    Column,
    QueueTableModel,
    alert_colour,
    format_datetime,
    sort_section,
)
from desktop.ui.queue_panel import QueuePanel
from desktop.ui.session import DeskSession, SyncStatus
from desktop.ui.settings import (
    GEOMETRY,
    LANGUAGE,
    LAST_QUEUE,
    MAIN_SPLITTER,
    OUTBOX_TABLE,
    QUEUE_TABLE,
    WINDOW_STATE,
    WORK_OFFLINE,
    UiSettings,
)

log = logging.getLogger(__name__)

SEARCH_DEBOUNCE_MS = 250
DETAIL_DELAY_MS = 60
STATUS_REFRESH_MS = 30_000
SYNC_NOTE_MS = 8000  # "Sync finished.", "4 changes sent": said briefly, then the sync message clears
DEFAULT_WIDTHS = {
    Column.TRACKING_ID: 80,
    Column.TITLE: 280,
    Column.CATEGORY: 130,
    Column.KECAMATAN: 110,
    Column.STATUS: 105,
    Column.DEADLINE: 125,
    Column.ASSIGNEE: 120,
    Column.ARRIVED: 125,
    Column.SYNC: 60,
}


TIME_PASSED = Changes(queues=True)  # overdue and due-soon rows may differ only because time moved


def _status_and_counts(session: DeskSession) -> tuple[SyncStatus, dict[str, int]]:
    return session.status(), session.queue_counts()


def _status_palette_colour(online: bool) -> str:
    return alert_colour("ok" if online else "error").name()


class MainWindow(QMainWindow):
    """The desk's window.

    Public API for the action dialogs (``desktop.ui.actions``) and other add-ons:
    - ``session``: the signed-in account (``desktop.app.session.StoreSession`` in the app: ``.replica``, ``.user``,
      ``.transport``); ``runner`` holds the background lanes (``desktop.ui.jobs``);
    - ``Op(window, fn).success(...).failure(...).run()`` (``desktop.ui.ops``) runs an action on the DB lane:
      ``fn`` returns the :class:`~desktop.app.changes.Changes` it made, and the op emits ``changed`` with them;
      ``Read(window, fn)`` reads off the GUI thread (a dialog's data) and announces nothing. No widget runs SQL
      on the GUI thread;
    - ``changed`` (Signal carrying a ``Changes``): the one signal for what changed, emitted after every action and
      every sync pass. The window refreshes only what it says: the visible rows and the queue counts, the status
      bar, Kotak keluar, the filter choices, and the detail (read again once, in the background, when it touches
      the complaint shown); Konflik and the autosync ("sync soon after a local change") subscribe to it too;
    - ``detailShown(complaint_id)``: the detail pane shows a complaint just read (``detail.current_detail`` is
      that very object: read once, for the pane and the actions alike); ``current_complaint_id()``;
    - ``actions_menu`` (QMenu) and ``toolbar`` (QToolBar) to add actions to;
    - ``show_message(text, level)``: a non-modal message (level "info", "success", "warning", "error");
    - ``note_hub_reachable(ok)``: a request to the hub outside a sync pass (a download) was answered or not: the
      status bar's "online" follows the last request's outcome.
    """

    changed = Signal(object)  # Changes: what an action or a sync pass changed (see the class docstring)
    syncFinished = Signal(bool)  # ok; emitted on the GUI thread after a sync job ends
    detailShown = Signal(str)  # complaint id
    countsRefreshed = Signal()  # the queue counts and the status bar were re-read
    queueChanged = Signal(str)  # the queue key now shown
    languageChosen = Signal(str)  # a language picked in the menu (saved); desktop.ui.app applies it at once

    def __init__(
        self,
        session: DeskSession,
        runner: JobRunner,
        settings: UiSettings,
        parent: QWidget | None = None,
        *,
        language: str | None = None,
    ) -> None:
        """`language`: the one whose translators are installed (the app passes it); else the saved choice."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session = session
        self.runner = runner
        self.settings = settings
        self._language = chosen_language(settings.get(LANGUAGE), language)
        self._syncing = False
        self._online: bool | None = None
        self._detail_request = 0
        self._status_request = 0
        self._outbox_request = 0
        self._select_when_loaded: int | None = None  # select_row asked while a query is read
        self.setWindowTitle(self.tr("LAPOR! Desk — %1").replace("%1", session.user_label))

        self.model = QueueTableModel(session.queue_source(), session.initial_query(), self)
        self.table = QTableView()
        self._setup_table()

        self.outbox_model = OutboxModel(self)
        self.outbox_table = QTableView()
        self._setup_outbox_table()

        self.queue_panel = QueuePanel()

        self.filter_bar = FilterBar()
        self.filter_bar.setAccessibleName(self.tr("Filters"))
        self.filter_bar.changed.connect(self._apply_filters)

        self.stack = QStackedWidget()
        self.stack.setObjectName("queueStack")
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.outbox_table)
        center = QWidget()
        center_layout = QVBoxLayout(center)
        center_layout.setContentsMargins(0, 0, 0, 0)
        center_layout.setSpacing(2)
        # A narrow window wraps the filters onto a second row (FilterBar) rather than hiding some of them.
        center_layout.addWidget(self.filter_bar)
        center_layout.addWidget(self.stack, 1)

        self.detail = DetailPane()
        self.detail.setObjectName("detailPane")
        self.detail.setAccessibleName(self.tr("Complaint detail"))
        self.detail.clear()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.queue_panel)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setChildrenCollapsible(False)
        self.message_bar = MessageBar()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(2)
        central_layout.addWidget(self.message_bar)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_status_bar()
        self._restore_layout()

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search_edit.textChanged.connect(self._search_timer.start)

        self._pending_detail: str | None = None
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._show_selected_detail)

        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()
        # when to sync (Sync now, after local actions, periodically, connectivity back) and the retries
        self.autosync = AutoSync(session, runner, self)
        self.autosync.started.connect(self._on_sync_started)
        self.autosync.progress.connect(self._on_sync_progress)
        self.autosync.retrying.connect(self._on_sync_retrying)
        self.autosync.finished.connect(self._on_sync_finished)
        self.autosync.hubReachable.connect(self._on_hub_reachable)
        self.changed.connect(self._on_changed)
        self.changed.connect(self.autosync.changes_made)

        self.queue_panel.selectionModel().currentChanged.connect(self._on_queue_chosen)
        from desktop.ui.queue_panel import PANEL_QUEUES

        saved_queue = self.settings.get(LAST_QUEUE)
        self.queue_panel.select_key(saved_queue if saved_queue in PANEL_QUEUES else QueueName.ALL)
        self._update_count(self.model.rowCount())
        self._apply_work_offline(self.settings.get(WORK_OFFLINE), announce=False)
        self.refresh_status()
        self._load_lookups()
        self._install_actions()

    def _install_actions(self) -> None:
        from desktop.ui.actions import install_actions

        install_actions(self)

    # --- public API (see the class docstring)
    def current_complaint_id(self) -> str | None:
        return self.detail.current_id

    def show_message(self, text: str, level: Level | str = Level.INFO) -> None:
        self.message_bar.show_message(text, level)

    def note_hub_reachable(self, reachable: bool) -> None:
        """A request made outside a sync pass (a download) reached the hub, or did not: the status bar's "online"
        follows the last request's outcome."""
        self.autosync.note_reachable(reachable)

    # --- construction
    def _setup_table(self) -> None:
        table = self.table
        table.setObjectName("queueTable")
        table.setAccessibleName(self.tr("Complaints"))
        table.setAccessibleDescription(
            self.tr("The complaints of the chosen queue; J and K move between them")
        )
        table.setModel(self.model)
        # Paints from the model's prepared rows instead of asking ~7 roles per cell (see queue_delegate).
        table.setItemDelegate(QueueDelegate(self.model, table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setAccessibleName(self.tr("Columns: click to sort"))
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        for column, width in DEFAULT_WIDTHS.items():
            header.resizeSection(column, width)
        # The indicator shows the session's initial order before sorting is enabled (which sorts by it).
        query = self.model.query
        header.setSortIndicator(
            max(0, sort_section(query.sort_column)),
            Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder,
        )
        table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_sort_indicator_changed)
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.queryChanged.connect(self._clear_detail)  # another queue, search, filter or sort
        self.model.countChanged.connect(self._on_model_count)
        self.model.rowsLoaded.connect(self._on_rows_loaded)
        self.model.loaded.connect(self._on_model_loaded)

    def _setup_outbox_table(self) -> None:
        table = self.outbox_table
        table.setObjectName("outboxTable")
        table.setAccessibleName(self.tr("Outbox"))
        table.setAccessibleDescription(self.tr("Changes made here that the hub has not accepted yet"))
        table.setModel(self.outbox_model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setAccessibleName(self.tr("Outbox columns"))
        header.setStretchLastSection(True)
        for column, width in {
            OutboxColumn.CREATED: 130,
            OutboxColumn.KIND: 140,
            OutboxColumn.TRACKING_ID: 90,
            OutboxColumn.TITLE: 240,
            OutboxColumn.STATE: 160,
        }.items():
            header.resizeSection(column, width)
        table.selectionModel().currentRowChanged.connect(self._on_outbox_row)

    def _build_actions(self) -> None:
        self.sync_action = QAction(self.tr("Sync now"), self)
        self.sync_action.setObjectName("syncNow")
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_action.setToolTip(self.tr("Send your changes and fetch new complaints (F5)"))
        self.sync_action.triggered.connect(self.sync_now)
        self.sync_action.setEnabled(self.session.can_sync)

        self.work_offline_action = QAction(self.tr("Work offline"), self)
        self.work_offline_action.setObjectName("workOffline")
        self.work_offline_action.setCheckable(True)
        self.work_offline_action.setToolTip(
            self.tr("Stop all network traffic: changes wait in the outbox until this is turned off")
        )
        self.work_offline_action.toggled.connect(self._on_work_offline_toggled)

        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        self.search_action = QAction(self.tr("Search"), self)
        self.search_action.setObjectName("focusSearch")
        self.search_action.setShortcut(QKeySequence.StandardKey.Find)
        self.search_action.triggered.connect(self._focus_search)
        self.addAction(self.search_action)

        self.next_action = QAction(self.tr("Next complaint"), self)
        self.next_action.setObjectName("nextComplaint")
        self.next_action.setShortcuts([QKeySequence(Qt.Key.Key_J), QKeySequence("Ctrl+Down")])
        self.next_action.triggered.connect(self.select_next)
        self.prev_action = QAction(self.tr("Previous complaint"), self)
        self.prev_action.setObjectName("previousComplaint")
        self.prev_action.setShortcuts([QKeySequence(Qt.Key.Key_K), QKeySequence("Ctrl+Up")])
        self.prev_action.triggered.connect(self.select_previous)
        self.addAction(self.next_action)
        self.addAction(self.prev_action)

        about_action = QAction(self.tr("About LAPOR! Desk"), self)
        about_action.triggered.connect(self._about)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.sync_action)
        file_menu.addAction(self.work_offline_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.setObjectName("viewMenu")
        view_menu.addAction(self.search_action)
        view_menu.addAction(self.next_action)
        view_menu.addAction(self.prev_action)
        view_menu.addSeparator()
        self.language_menu = view_menu.addMenu(self.tr("Language"))
        self.language_menu.setObjectName("languageMenu")
        group = QActionGroup(self)
        group.setExclusive(True)
        current = self.current_language()
        self.language_actions: dict[str, QAction] = {}
        for code, name in (("id", "Bahasa Indonesia"), ("en", "English")):
            action = QAction(name, self)  # each language in its own name, never translated
            action.setObjectName(f"language_{code}")
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setData(code)
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        group.triggered.connect(self._on_language_chosen)
        self.actions_menu: QMenu = self.menuBar().addMenu(self.tr("&Actions"))
        self.actions_menu.setObjectName("actionsMenu")
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(about_action)

        toolbar = self.toolbar = QToolBar(self.tr("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.sync_action)
        toolbar.addSeparator()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchBox")
        self.search_edit.setPlaceholderText(self.tr("Search tracking ID, title, content, location…"))
        self.search_edit.setAccessibleName(self.tr("Search complaints"))
        self.search_edit.setAccessibleDescription(
            self.tr("Tracking IDs, word beginnings and several words, e.g. jalan rusak marabahan (Ctrl+F)")
        )
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(420)
        toolbar.addWidget(self.search_edit)
        toolbar.addSeparator()
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        # What the sync is doing ("Syncing…", the retry countdown, "4 changes sent"): a label of its own, not the
        # bar's temporary message, which is cut to the room the permanent labels leave and hides them meanwhile.
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncMessage")
        self.sync_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sync_label.setAccessibleName(self.tr("Sync"))
        bar.addWidget(self.sync_label, 1)
        self._sync_note_timer = QTimer(self)
        self._sync_note_timer.setSingleShot(True)
        self._sync_note_timer.timeout.connect(self._clear_sync_text)
        # the retry countdown ticks every second until the next attempt
        self._retry_at: float | None = None
        self._retry_busy = False
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(1000)
        self._retry_timer.timeout.connect(self._show_retry_countdown)
        self.online_label = QLabel()
        self.online_label.setObjectName("onlineStatus")
        self.last_sync_label = QLabel()
        self.last_sync_label.setObjectName("lastSync")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pendingOps")
        self.data_label = QLabel()
        self.data_label.setObjectName("dataUsed")
        self.data_label.setToolTip(self.tr("Bytes sent and received since LAPOR! Desk was started"))
        self.count_label = QLabel()
        self.count_label.setObjectName("rowCount")
        for label, name in (
            (self.online_label, self.tr("Connection")),
            (self.last_sync_label, self.tr("Last sync")),
            (self.pending_label, self.tr("Pending changes")),
            (self.data_label, self.tr("Data used")),
            (self.count_label, self.tr("Complaints shown")),
        ):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAccessibleName(name)
            bar.addPermanentWidget(label)
        self.sync_button = QToolButton()
        self.sync_button.setObjectName("syncButton")
        self.sync_button.setDefaultAction(self.sync_action)
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.offline_button = QToolButton()
        self.offline_button.setObjectName("workOfflineButton")
        self.offline_button.setDefaultAction(self.work_offline_action)
        self.offline_button.setAccessibleName(self.tr("Work offline"))
        bar.addPermanentWidget(self.sync_button)
        bar.addPermanentWidget(self.offline_button)

    # --- layout memory
    def _restore_layout(self) -> None:
        geometry = self.settings.get(GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1440, 820)
        state = self.settings.get(WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        splitter = self.settings.get(MAIN_SPLITTER)
        if splitter.isEmpty() or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([190, 900, 430])
        header = self.settings.get(QUEUE_TABLE)
        if not header.isEmpty():
            self.table.horizontalHeader().restoreState(header)
            # restoreState may bring back a sort indicator: make the model's SQL order match it.
            hh = self.table.horizontalHeader()
            self.model.sort(hh.sortIndicatorSection(), hh.sortIndicatorOrder())
        outbox = self.settings.get(OUTBOX_TABLE)
        if not outbox.isEmpty():
            self.outbox_table.horizontalHeader().restoreState(outbox)

    def save_layout(self) -> None:
        self.settings.set(GEOMETRY, self.saveGeometry())
        self.settings.set(WINDOW_STATE, self.saveState())
        self.settings.set(MAIN_SPLITTER, self.splitter.saveState())
        self.settings.set(QUEUE_TABLE, self.table.horizontalHeader().saveState())
        self.settings.set(OUTBOX_TABLE, self.outbox_table.horizontalHeader().saveState())
        self.settings.set(LAST_QUEUE, self._current_queue())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self._status_timer.stop()
        self._search_timer.stop()
        self._retry_timer.stop()
        self._sync_note_timer.stop()
        self.autosync.stop()
        # No page read ahead may be running against the replica once the session closes behind this window.
        self.model.close()
        super().closeEvent(event)

    @Slot(int, Qt.SortOrder)
    def _on_sort_indicator_changed(self, section: int, order: Qt.SortOrder) -> None:
        # A column without an SQL order keeps the indicator where the rows really are sorted.
        current = sort_section(self.model.query.sort_column)
        if section != current and (section < 0 or Column(section) not in SORT_COLUMNS) and current >= 0:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(
                current,
                Qt.SortOrder.DescendingOrder if self.model.query.descending else Qt.SortOrder.AscendingOrder,
            )
            header.blockSignals(False)

    # --- queues
    def _current_queue(self) -> str:
        key = getattr(self.model.query.filter, "queue", None)
        if key is None:
            return QueueName.ALL
        if self.stack.currentWidget() is self.outbox_table:
            return QueueName.OUTBOX
        return str(key)

    @Slot(QModelIndex, QModelIndex)
    def _on_queue_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.queue_panel.panel_model.key_at(current.row()) if current.isValid() else None
        if key:
            self.show_queue(key)

    def show_queue(self, key: str) -> None:
        """Show one queue (the outbox as its list of ops, every other queue as complaints)."""
        if self.queue_panel.current_key() != key:
            self.queue_panel.select_key(key)  # comes back here through currentChanged
            return
        if key == QueueName.OUTBOX:
            self.stack.setCurrentWidget(self.outbox_table)
            self.filter_bar.setEnabled(False)
            self._load_outbox()
            self._clear_detail()
        else:
            self.stack.setCurrentWidget(self.table)
            self.filter_bar.setEnabled(True)
            query = self.session.with_filter(self.model.query, queue=key)
            if query != self.model.query:
                self.model.set_query(query)
            self._update_count(self.model.rowCount())
        self.queueChanged.emit(key)

    def _load_outbox(self) -> None:
        self._outbox_request += 1
        Read(self, self.session.outbox_items).success(
            partial(self._on_outbox_loaded, self._outbox_request)
        ).failure(self._on_background_failed).run()

    def _on_outbox_loaded(self, request: int, items: Any) -> None:
        if request != self._outbox_request:
            return
        self.outbox_model.set_items(items)
        if self.stack.currentWidget() is self.outbox_table:
            self._update_count(len(items))

    @Slot(QModelIndex, QModelIndex)
    def _on_outbox_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.outbox_model.item_at(current.row()) if current.isValid() else None
        if item is not None and item.complaint_id:
            self.show_complaint(item.complaint_id)

    # --- filters and search
    @Slot()
    def _apply_filters(self) -> None:
        query = self.session.with_filter(self.model.query, **self.filter_bar.values())
        if query != self.model.query:
            self.model.set_query(query)

    def _load_lookups(self) -> None:
        Read(self, self.session.lookups).success(self._on_lookups).failure(self._on_background_failed).run()

    def _on_lookups(self, lookups: Any) -> None:
        self.filter_bar.set_lookups(lookups.categories, lookups.kecamatans)

    @Slot()
    def _focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    @Slot()
    def _apply_search(self) -> None:
        query = self.session.with_search(self.model.query, self.search_edit.text().strip())
        if query != self.model.query:
            self.model.set_query(query)

    def search_now(self, text: str) -> None:
        """Set the search text and apply it without waiting for the debounce (tests, scripted use)."""
        self.search_edit.setText(text)
        self._search_timer.stop()
        self._apply_search()

    # --- selection and detail
    def _active_view(self) -> QTableView:
        current = self.stack.currentWidget()  # the queue table, the outbox or the Konflik list
        return current if isinstance(current, QTableView) else self.table

    def _move(self, delta: int) -> None:
        view = self._active_view()
        rows = view.model().rowCount()
        if rows == 0:
            return
        current = view.currentIndex()
        if not current.isValid():
            row = 0
        elif not view.selectionModel().hasSelection():
            row = current.row()  # focus made a row current without selecting it: start there
        else:
            row = min(rows - 1, max(0, current.row() + delta))
        index = view.model().index(row, 0)
        view.setCurrentIndex(index)
        view.selectRow(row)
        view.scrollTo(index)

    @Slot()
    def select_next(self) -> None:
        self._move(1)

    @Slot()
    def select_previous(self) -> None:
        self._move(-1)

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self._clear_detail()
            return
        complaint_id = self.model.id_at(rows[0].row())  # None while its page is read: see _on_rows_loaded
        if complaint_id:
            # Holding J or Page Down moves through many rows: read the detail once the selection rests.
            self._pending_detail = complaint_id
            self._detail_timer.start()

    @Slot()
    def _on_model_loaded(self) -> None:
        row, self._select_when_loaded = self._select_when_loaded, None
        if row is not None and not self.model.query_pending:
            self.select_row(row)

    @Slot(int, int)
    def _on_rows_loaded(self, first: int, last: int) -> None:
        """A page came in: a row selected while it was a placeholder now shows its complaint."""
        rows = self.table.selectionModel().selectedRows()
        if rows and first <= rows[0].row() <= last and not self._detail_timer.isActive():
            complaint_id = self.model.id_at(rows[0].row())
            if complaint_id and complaint_id != self.detail.current_id:
                self._pending_detail = complaint_id
                self._detail_timer.start()

    @Slot()
    def _show_selected_detail(self) -> None:
        if self._pending_detail:
            self.show_complaint(self._pending_detail)
            self._pending_detail = None

    @Slot()
    def _clear_detail(self) -> None:
        self._detail_request += 1  # a detail still being read is not shown when it comes
        self.detail.clear()

    def _visible_rows(self) -> tuple[int, int] | None:
        top = self.table.rowAt(0)
        if top < 0:
            return None
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        return top, bottom if bottom >= 0 else self.model.rowCount() - 1

    def select_row(self, row: int) -> None:
        """Select a row of the queue (scripted use). While the rows of a new query are read, the row of those
        rows once they are in."""
        if self.model.query_pending:
            self._select_when_loaded = row
            return
        index = self.model.index(row, 0)
        if index.isValid():
            self.table.selectRow(row)
            self.table.scrollTo(index)

    def show_complaint(self, complaint_id: str) -> None:
        """Read the complaint's detail once, on the DB lane, for the pane and the actions (``detailShown``)."""
        self._detail_request += 1
        Read(self, partial(self.session.detail, complaint_id)).success(
            partial(self._on_detail, self._detail_request, complaint_id)
        ).failure(self._on_detail_failed).run()

    def _on_detail(self, request: int, complaint_id: str, detail: Any) -> None:
        if request != self._detail_request:
            return  # the user has moved on to another row
        if detail is None:
            self.detail.clear()
            return
        self.detail.show_detail(detail)
        self.detailShown.emit(complaint_id)

    # --- what changed (one signal for actions and sync passes)
    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        """Refresh only what ``changes`` touch, each read in the background (the model's worker, the DB lane)."""
        if changes.queues or changes.complaints or changes.all_complaints:
            self.model.refresh_rows(self._visible_rows())
        if changes.queues or changes.outbox:
            self.refresh_status()
        if changes.outbox and self._current_queue() == QueueName.OUTBOX:
            self._load_outbox()
        if changes.reference:
            self._load_lookups()
        shown = self.detail.current_id
        if changes.touches(shown):
            assert shown is not None
            self.show_complaint(shown)

    def _on_detail_failed(self, exc: BaseException) -> None:
        log.warning("detail failed: %r", exc)
        self.show_message(describe(exc), Level.ERROR)

    def _on_background_failed(self, exc: BaseException) -> None:
        log.warning("background read failed: %r", exc)
        self.show_message(describe(exc), Level.ERROR)

    # --- sync
    @Slot()
    def sync_now(self) -> None:
        """Sync now (F5): start a pass, or make the one waiting to retry try at once (desktop/ui/autosync.py)."""
        if not self.session.can_sync:
            return
        if self.session.work_offline:
            self.show_message(self.tr("Work offline is on: turn it off to sync."), Level.INFO)
            return
        self.autosync.sync_now()

    @Slot(str)
    def _on_sync_started(self, _trigger: str) -> None:
        self._syncing = True
        self._show_sync_text(self.tr("Syncing…"))

    @Slot(object)
    def _on_sync_progress(self, value: Any) -> None:
        text = sync_progress_text(value)
        if text:
            self._show_sync_text(text)

    @Slot(object)
    def _on_sync_retrying(self, notice: RetryNotice) -> None:
        self._retry_at = time.monotonic() + max(0.0, notice.delay.seconds)
        self._retry_busy = notice.delay.kind is ErrorClass.BUSY
        self._show_retry_countdown()
        self._retry_timer.start()
        self.refresh_status()

    @Slot()
    def _show_retry_countdown(self) -> None:
        """ "Cannot reach the hub; trying again in 40 s", one second less every second, until it tries."""
        if self._retry_at is None:
            return
        left = math.ceil(self._retry_at - time.monotonic())
        if left <= 0:
            self._stop_countdown()
            self._show_sync_text(self.tr("Trying again…"))
            return
        seconds = QLocale().toString(left)
        if self._retry_busy:
            text = self.tr("The hub is busy; trying again in %1 s").replace("%1", seconds)
        else:
            text = self.tr("Cannot reach the hub; trying again in %1 s").replace("%1", seconds)
        self._show_sync_text(text, tip=self.tr("Sync now (F5) tries at once"), keep_countdown=True)

    def _stop_countdown(self) -> None:
        self._retry_at = None
        self._retry_timer.stop()

    def _show_sync_text(
        self, text: str, timeout_ms: int = 0, *, tip: str = "", keep_countdown: bool = False
    ) -> None:
        """The sync label's text (cleared after ``timeout_ms`` when given); anything else ends a countdown."""
        if not keep_countdown:
            self._stop_countdown()
        self.sync_label.setText(text)
        self.sync_label.setToolTip(tip or text)
        if timeout_ms > 0:
            self._sync_note_timer.start(timeout_ms)
        else:
            self._sync_note_timer.stop()

    @Slot()
    def _clear_sync_text(self) -> None:
        self._show_sync_text("")

    @Slot(bool)
    def _on_hub_reachable(self, reachable: bool) -> None:
        """The last request to the hub (a pass, a probe) was answered, or no longer is: say so at once (and read
        the rest of the status again; a read begun before this is dropped)."""
        self._show_online(reachable and not self.session.work_offline, self.session.work_offline)
        self.refresh_status()

    @Slot(object)
    def _on_sync_finished(self, result: RunResult) -> None:
        if result.outcome is Outcome.SYNCED:
            # Deadlines are counted against the clock (and the pass re-read the office's calendar): the rows
            # shown and the queue counts are read again after every pass, whatever it moved.
            changes = sync_pass(result.summary) | TIME_PASSED if result.summary is not None else EVERYTHING
        elif result.outcome is Outcome.FAILED:
            changes = EVERYTHING  # it may have pushed or pulled part of its work before failing
        else:  # cancelled, or the desk went offline: the outbox waits, perhaps after sending part of it
            changes = Changes(queues=True, outbox=True, conflicts=True, all_complaints=True)
        self._syncing = False
        self.sync_action.setEnabled(self._sync_enabled())
        self.changed.emit(changes)
        if not (changes.queues or changes.outbox):
            self.refresh_status()  # the last sync's time moved even when nothing else did
        if result.outcome is Outcome.SYNCED:
            sent = result.summary.pushed if result.summary is not None else 0
            if sent:
                self._show_sync_text(self.tr("%n change(s) sent", "", sent), SYNC_NOTE_MS)
            else:
                self._show_sync_text(self.tr("Sync finished."), SYNC_NOTE_MS)
            self.syncFinished.emit(True)
        elif result.outcome is Outcome.FAILED and result.error is not None:
            self._clear_sync_text()
            self.show_message(self.tr("Sync failed: %1").replace("%1", describe(result.error)), Level.WARNING)
            self.syncFinished.emit(False)
        else:
            self._clear_sync_text()
            self.syncFinished.emit(False)

    def _sync_enabled(self) -> bool:
        return self.session.can_sync and not self.session.work_offline

    # --- work offline
    @Slot(bool)
    def _on_work_offline_toggled(self, on: bool) -> None:
        self._apply_work_offline(on, announce=True)

    def _apply_work_offline(self, on: bool, announce: bool) -> None:
        if self.work_offline_action.isChecked() != on:
            self.work_offline_action.blockSignals(True)
            self.work_offline_action.setChecked(on)
            self.work_offline_action.blockSignals(False)
        self.session.set_work_offline(on)
        self.runner.set_network_allowed(not on)
        self.settings.set(WORK_OFFLINE, on)
        self.sync_action.setEnabled(self._sync_enabled())
        self.autosync.set_work_offline(on)
        if announce:
            self.show_message(
                self.tr("Working offline: your changes wait in the outbox.")
                if on
                else self.tr("Back online: sending your changes and fetching what is new."),
                Level.INFO,
            )
            self.refresh_status()

    # --- language
    def current_language(self) -> str:
        """The language this window was built in (ticked in the Language menu)."""
        return self._language

    @Slot(QAction)
    def _on_language_chosen(self, action: QAction) -> None:
        """Save the choice and announce it: the app installs its translators and builds the window again in it
        (``desktop.ui.app.DeskApp.switch_language``), so every text changes at once, without a restart."""
        code = str(action.data())
        if code == self._language:
            return
        self.settings.set(LANGUAGE, code)
        self.settings.sync()
        self.languageChosen.emit(code)

    # --- status bar and counts (read on the DB lane)
    @Slot()
    def refresh_status(self) -> None:
        self._status_request += 1
        generation = getattr(self.model.source, "generation", 0)
        Read(self, partial(_status_and_counts, self.session)).success(
            partial(self._on_status, self._status_request, generation)
        ).failure(self._on_status_failed).run()

    def _on_status(self, request: int, generation: int, result: tuple[SyncStatus, dict[str, int]]) -> None:
        if request != self._status_request:
            return
        status, counts = result
        prime = getattr(self.model.source, "prime_counts", None)
        if prime is not None:
            prime(generation, counts)
        self.apply_status(status)
        self.queue_panel.panel_model.set_counts(counts)
        self.countsRefreshed.emit()

    def _on_status_failed(self, exc: BaseException) -> None:
        # The status bar must never take the window down; it will be read again soon.
        log.warning("status failed: %r", exc)

    def apply_status(self, status: SyncStatus) -> None:
        self._show_online(status.online, status.work_offline)
        when = format_datetime(status.last_sync_at) if status.last_sync_at else self.tr("never")
        self.last_sync_label.setText(self.tr("Last sync: %1").replace("%1", when))
        self.pending_label.setText(self.tr("Pending changes: %1").replace("%1", str(status.pending_ops)))
        used = QLocale().formattedDataSize(status.wire_bytes)
        self.data_label.setText(self.tr("Data used: %1").replace("%1", used))

    def _show_online(self, online: bool, work_offline: bool) -> None:
        self._online = online
        if work_offline:
            self.online_label.setText(self.tr("○ Working offline"))
        else:
            self.online_label.setText(self.tr("● Online") if online else self.tr("○ Offline"))
        self.online_label.setStyleSheet(f"color: {_status_palette_colour(online)};")

    @Slot(int)
    def _on_model_count(self, count: int) -> None:
        if self.stack.currentWidget() is not self.outbox_table:  # Kotak keluar shows its own count (changes)
            self._update_count(count)

    @Slot(int)
    def _update_count(self, count: int) -> None:
        queue = self._current_queue()
        if queue == QueueName.OUTBOX:  # Kotak keluar lists changes, and its badge counts them
            text = self.tr("%1: %n change(s)", "", count)
        else:
            text = self.tr("%1: %2 complaints").replace("%2", QLocale().toString(count))
        self.count_label.setText(text.replace("%1", queue_label(queue)))

    @Slot()
    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About LAPOR! Desk"),
            self.tr("LAPOR! Desk: an offline-first desk for SP4N-LAPOR! complaint handlers at an OPD."),
        )
