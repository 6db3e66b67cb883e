"""The main window: the OPD's queue, a search box, the detail pane, and a status bar that says how fresh it all is."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QItemSelection, QLocale, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.detail import DetailPane
from desktop.ui.errors import describe
from desktop.ui.jobs import JobRunner, Lane
from desktop.ui.message_bar import Level, MessageBar
from desktop.ui.progress import sync_progress_text
from desktop.ui.queue_model import SORT_COLUMNS, Column, QueueTableModel, format_datetime, sort_section
from desktop.ui.session import DeskSession, SyncStatus
from desktop.ui.settings import UiSettings

log = logging.getLogger(__name__)

SEARCH_DEBOUNCE_MS = 300
STATUS_REFRESH_MS = 30_000
DEFAULT_WIDTHS = {
    Column.TRACKING_ID: 90,
    Column.TITLE: 320,
    Column.CATEGORY: 160,
    Column.KECAMATAN: 130,
    Column.STATUS: 120,
    Column.ARRIVED: 130,
    Column.ASSIGNEE: 130,
    Column.SYNC: 70,
}


class MainWindow(QMainWindow):
    """The desk's window.

    Public API for the action dialogs (``desktop.ui.actions``) and other add-ons:
    - ``services``: the session (``desktop.ui.services.StoreSession`` in the app: ``.replica``, ``.user``);
      ``runner`` runs work on the DB lane (``runner.run(Lane.DB, fn, on_success=..., on_failure=...)``);
    - ``current_complaint_id()``: the complaint shown in the detail pane, or None;
    - ``refresh_after_local_change(complaint_id)``: after a local action, re-read the queue counts, the visible
      page and the detail so the change shows at once with its sync badge;
    - ``actions_menu`` (QMenu) and ``toolbar`` (QToolBar) to add actions to;
    - ``show_message(text, level)``: a non-modal message (level "info", "success", "warning", "error").
    """

    syncFinished = Signal(bool)  # ok; emitted on the GUI thread after a sync job ends
    detailShown = Signal(str)  # complaint id

    def __init__(
        self,
        session: DeskSession,
        runner: JobRunner,
        settings: UiSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.session = session
        self.services = session
        self.runner = runner
        self.settings = settings
        self._syncing = False
        self._online: bool | None = None
        self._detail_request = 0
        self.setWindowTitle(self.tr("LAPOR! Desk — %1").replace("%1", session.user_label))

        self.model = QueueTableModel(session.queue_source(), session.initial_query(), self)
        self.table = QTableView()
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
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
        self.table.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_sort_indicator_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._on_model_reset)
        self.model.countChanged.connect(self._update_count)

        self.detail = DetailPane()
        self.detail.setObjectName("detailPane")
        self.detail.clear()

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
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

        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()
        self._update_count(self.model.rowCount())
        self.refresh_status()
        self._install_actions()

    def _install_actions(self) -> None:
        try:
            from desktop.ui.actions import install_actions
        except ImportError:  # the action dialogs are being built alongside; the window works without them
            return
        install_actions(self)

    # --- public API (see the class docstring)
    def current_complaint_id(self) -> str | None:
        return self.detail.current_id

    def refresh_after_local_change(self, complaint_id: str | None = None) -> None:
        """Re-read counts, the visible rows and the detail at once, so a local action shows with its badge."""
        self.model.refresh_rows()
        self.refresh_status()
        if complaint_id and complaint_id == self.detail.current_id:
            self.show_complaint(complaint_id)

    def show_message(self, text: str, level: Level | str = Level.INFO) -> None:
        self.message_bar.show_message(text, level)

    # --- construction
    def _build_actions(self) -> None:
        self.sync_action = QAction(self.tr("Sync now"), self)
        self.sync_action.setObjectName("syncNow")
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_action.setToolTip(self.tr("Send your changes and fetch new complaints (F5)"))
        self.sync_action.triggered.connect(self.sync_now)
        self.sync_action.setEnabled(self.session.can_sync)

        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        focus_search = QAction(self.tr("Search"), self)
        focus_search.setShortcut(QKeySequence.StandardKey.Find)
        focus_search.triggered.connect(self._focus_search)
        self.addAction(focus_search)

        about_action = QAction(self.tr("About LAPOR! Desk"), self)
        about_action.triggered.connect(self._about)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.sync_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
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
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(420)
        toolbar.addWidget(self.search_edit)
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.online_label = QLabel()
        self.online_label.setObjectName("onlineStatus")
        self.last_sync_label = QLabel()
        self.last_sync_label.setObjectName("lastSync")
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pendingOps")
        self.count_label = QLabel()
        self.count_label.setObjectName("rowCount")
        for label in (self.online_label, self.last_sync_label, self.pending_label, self.count_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            bar.addPermanentWidget(label)

    # --- layout memory
    def _restore_layout(self) -> None:
        geometry = self.settings.blob("layout/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 780)
        state = self.settings.blob("layout/window_state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.blob("layout/splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([780, 500])
        header = self.settings.blob("layout/queue_header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)
            # restoreState may bring back a sort indicator: make the model's SQL order match it.
            hh = self.table.horizontalHeader()
            self.model.sort(hh.sortIndicatorSection(), hh.sortIndicatorOrder())

    def save_layout(self) -> None:
        self.settings.set_blob("layout/geometry", self.saveGeometry())
        self.settings.set_blob("layout/window_state", self.saveState())
        self.settings.set_blob("layout/splitter", self.splitter.saveState())
        self.settings.set_blob("layout/queue_header", self.table.horizontalHeader().saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self._status_timer.stop()
        self._search_timer.stop()
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

    # --- search
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
    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.detail.clear()
            return
        complaint_id = self.model.id_at(rows[0].row())
        if complaint_id:
            self.show_complaint(complaint_id)

    @Slot()
    def _on_model_reset(self) -> None:
        self.detail.clear()

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        if index.isValid():
            self.table.selectRow(row)
            self.table.scrollTo(index)

    def show_complaint(self, complaint_id: str) -> None:
        self._detail_request += 1
        request = self._detail_request
        session = self.session
        self.runner.run(
            Lane.DB,
            lambda ctx: session.detail(complaint_id),
            on_success=lambda detail: self._on_detail(request, complaint_id, detail),
            on_failure=self._on_detail_failed,
        )

    def _on_detail(self, request: int, complaint_id: str, detail: Any) -> None:
        if request != self._detail_request:
            return  # the user has moved on to another row
        if detail is None:
            self.detail.clear()
            return
        self.detail.show_detail(detail)
        self.detailShown.emit(complaint_id)

    def _on_detail_failed(self, exc: BaseException) -> None:
        log.warning("detail failed: %r", exc)
        self.statusBar().showMessage(describe(exc), 8000)

    # --- sync
    @Slot()
    def sync_now(self) -> None:
        if self._syncing or not self.session.can_sync:
            return
        self._syncing = True
        self.sync_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("Syncing…"))
        session = self.session
        self.runner.run(
            Lane.NETWORK,
            session.sync_once,
            on_success=self._on_sync_done,
            on_failure=self._on_sync_failed,
            on_progress=self._on_sync_progress,
        )

    def _on_sync_progress(self, value: Any) -> None:
        text = sync_progress_text(value)
        if text:
            self.statusBar().showMessage(text)

    def _on_sync_done(self, summary: Any) -> None:
        self._syncing = False
        self.sync_action.setEnabled(self.session.can_sync)
        self.statusBar().showMessage(self.tr("Sync finished."), 5000)
        self._reload_keeping_selection()
        self.refresh_status()
        self.syncFinished.emit(True)

    def _on_sync_failed(self, exc: BaseException) -> None:
        self._syncing = False
        self.sync_action.setEnabled(self.session.can_sync)
        self.statusBar().showMessage(self.tr("Sync failed: %1").replace("%1", describe(exc)), 15000)
        self.refresh_status()
        self.syncFinished.emit(False)

    def _reload_keeping_selection(self) -> None:
        selected = self.detail.current_id
        self.model.refresh()
        if selected:
            self.show_complaint(selected)

    # --- status bar
    @Slot()
    def refresh_status(self) -> None:
        try:
            status = self.session.status()
        except Exception as exc:  # noqa: BLE001 - the status bar must never take the window down
            log.warning("status failed: %r", exc)
            return
        self.apply_status(status)

    def apply_status(self, status: SyncStatus) -> None:
        self._online = status.online
        self.online_label.setText(self.tr("● Online") if status.online else self.tr("○ Offline"))
        self.online_label.setStyleSheet("color: #1b7a1b;" if status.online else "color: #a61b1b;")
        when = format_datetime(status.last_sync_at) if status.last_sync_at else self.tr("never")
        self.last_sync_label.setText(self.tr("Last sync: %1").replace("%1", when))
        self.pending_label.setText(self.tr("Pending changes: %1").replace("%1", str(status.pending_ops)))

    @Slot(int)
    def _update_count(self, count: int) -> None:
        self.count_label.setText(self.tr("%1 complaints").replace("%1", QLocale().toString(count)))

    @Slot()
    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About LAPOR! Desk"),
            self.tr("LAPOR! Desk: an offline-first desk for SP4N-LAPOR! complaint handlers at an OPD."),
        )
