"""The conflict view: what this desk sent (mine) beside what the hub has now (theirs), and for a follow-up text
also the text both started from, with a three-way merge the user can edit. Keep mine, take theirs or merge; the
choice goes to the store's resolve API as one transaction (an Op on the DB lane) and the conflict is cleared.

Nothing here is decided by a clock and nothing the user wrote is dropped without the user choosing so.
"""

from __future__ import annotations

import enum
import json
import logging
from collections.abc import Mapping
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.app import conflicts as app_conflicts
from desktop.app.changes import Changes
from desktop.app.conflicts import ConflictView
from desktop.domain.merge import three_way_merge
from desktop.domain.ops import OpKind, Resolution
from desktop.domain.queues import QueueName
from desktop.ui.actions.common import plain_editor, plain_label
from desktop.ui.errors import describe
from desktop.ui.i18n import op_kind_label, op_reason_label, status_label
from desktop.ui.list_model import ListTableModel
from desktop.ui.ops import Op, Read
from desktop.ui.queue_model import alert_colour, format_datetime

ModelIndex = QModelIndex | QPersistentModelIndex

log = logging.getLogger(__name__)


# Fields worth showing side by side, in this order; the rest follow.
_FIELDS = (
    "status", "assignee_id", "kind", "to_unit_id", "to_user_id", "instruction", "due_date", "reason",
    "suggested_body", "state", "text", "version",
)  # fmt: skip
_HIDDEN = ("base_text", "base_text_hash", "content_hash", "disposition_id", "note_id", "followup_id", "id")


def _read_only(name: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setReadOnly(True)
    return edit


class ConflictDialog(QDialog):
    resolved = Signal(str, str)  # conflict id, choice

    def __init__(self, view: ConflictView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.view = view
        self.choice: str | None = None
        self.copied = False
        self.setWindowTitle(self.tr("Conflict: %1").replace("%1", self._kind_text(view.kind)))

        self.explanation = QPlainTextEdit()
        self.explanation.setObjectName("conflictExplanation")
        self.explanation.setReadOnly(True)
        self.explanation.setMaximumHeight(60)
        self.explanation.setPlainText(self._explain())

        grid = QGridLayout()
        self.mine_edit = _read_only("conflictMine")
        self.mine_edit.setAccessibleName(self.tr("My version"))
        self.theirs_edit = _read_only("conflictTheirs")
        self.theirs_edit.setAccessibleName(self.tr("The hub's version"))
        self.base_edit: QPlainTextEdit | None = None
        self.merged_edit: QPlainTextEdit | None = None
        column = 0
        if view.is_text:
            self.base_edit = _read_only("conflictBase")
            self.base_edit.setAccessibleName(self.tr("The text both started from"))
            self.base_edit.setPlainText(view.base_text or "")
            grid.addWidget(plain_label(self.tr("Started from")), 0, column)
            grid.addWidget(self.base_edit, 1, column)
            column += 1
            self.mine_edit.setPlainText(view.mine_text or "")
            self.theirs_edit.setPlainText(view.theirs_text or "")
        elif view.is_departure:
            self.mine_edit.setPlainText(view.written_text or self._describe(view.mine))
            self.theirs_edit.setPlainText(self._describe(view.theirs))
        else:
            self.mine_edit.setPlainText(self._describe(view.mine))
            self.theirs_edit.setPlainText(self._describe(view.theirs))
        grid.addWidget(plain_label(self.tr("Mine (not sent)")), 0, column)
        grid.addWidget(self.mine_edit, 1, column)
        grid.addWidget(plain_label(self.tr("Theirs (on the hub now)")), 0, column + 1)
        grid.addWidget(self.theirs_edit, 1, column + 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(grid, 2)

        self.keep_button = QPushButton(self.tr("Keep mine"))
        self.keep_button.setObjectName("keepMine")
        self.keep_button.setToolTip(self.tr("Send my change again, over the hub's current state."))
        self.take_button = QPushButton(self.tr("Take theirs"))
        self.take_button.setObjectName("takeTheirs")
        self.take_button.setToolTip(self.tr("Drop my change and keep what the hub has."))
        self.merge_button = QPushButton(self.tr("Merge"))
        self.merge_button.setObjectName("mergeTexts")
        self.merge_button.setToolTip(self.tr("Send the merged text below."))
        self.copy_button = QPushButton(self.tr("Copy my text"))
        self.copy_button.setObjectName("copyMine")
        self.copy_button.setToolTip(self.tr("Copy what you wrote, to use it elsewhere before dropping it."))
        self.copy_button.clicked.connect(self.copy_mine)
        self.copy_button.setVisible(view.is_departure)
        if view.is_departure:
            self.keep_button.hide()  # the change cannot be sent: the complaint is no longer at this OPD
            self.take_button.setText(self.tr("Drop my change"))
            self.take_button.setToolTip(
                self.tr("Drop the change (copy it first). It stays in the conflict history.")
            )
        close_button = QPushButton(self.tr("Decide later"))
        close_button.clicked.connect(self.reject)
        self.keep_button.clicked.connect(self.keep_mine)
        self.take_button.clicked.connect(self.take_theirs)
        self.merge_button.clicked.connect(self.merge)

        if view.is_text:
            merged = three_way_merge(
                view.base_text or "",
                view.mine_text or "",
                view.theirs_text or "",
                mine_label=self.tr("mine"),
                theirs_label=self.tr("theirs"),
            )
            self.merged_edit = plain_editor(name="conflictMerged")
            self.merged_edit.setAccessibleName(self.tr("Merged text"))
            self.merged_edit.setPlainText(merged.text)
            self.merged_edit.textChanged.connect(self._update)
            self.merge_note = plain_label(
                self.tr("Merged text: both changes where they do not overlap.")
                if merged.clashes == 0
                else self.tr(
                    "Merged text: %1 place(s) changed on both sides are between markers; edit them."
                ).replace("%1", str(merged.clashes))
            )
            self.merge_note.setObjectName("mergeNote")
            layout.addWidget(self.merge_note)
            layout.addWidget(self.merged_edit, 2)
        else:
            self.merge_button.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.take_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout.addLayout(buttons)
        self.resize(900 if view.is_text else 700, 560 if view.is_text else 420)
        self._update()

    # --- text
    def _kind_text(self, kind: str) -> str:
        labels: dict[str, str] = {
            OpKind.DISPOSITION_CREATE: self.tr("disposition"),
            OpKind.COMPLAINT_ASSIGN: self.tr("assignment"),
            OpKind.COMPLAINT_CLAIM: self.tr("claim"),
            OpKind.COMPLAINT_STATUS: self.tr("status change"),
            OpKind.FOLLOWUP_EDIT: self.tr("follow-up text"),
            OpKind.FOLLOWUP_SUBMIT: self.tr("follow-up submission"),
            OpKind.FOLLOWUP_APPROVE: self.tr("follow-up approval"),
            OpKind.FOLLOWUP_RETURN: self.tr("follow-up return"),
        }
        return labels.get(kind, kind)

    def _explain(self) -> str:
        if self.view.is_departure:
            return self.tr(
                "This complaint left your OPD (it was sent back for re-routing or moved) before your change "
                "arrived, so the change cannot be sent. Copy your text if you need it, then drop the change."
            )
        if self.view.is_text:
            return self.tr(
                "Someone changed this follow-up on the hub while you were editing it. Compare the texts, then keep "
                "yours, take theirs, or send the merged text."
            )
        return self.tr(
            "The complaint changed on the hub before your change arrived. Compare, then send yours again over the "
            "new state, or drop it."
        )

    def _describe(self, data: Mapping[str, Any]) -> str:
        """A readable, plain-text listing of a record's fields (values are data, never markup)."""
        lines: list[str] = []
        keys = [k for k in _FIELDS if k in data] + sorted(k for k in data if k not in _FIELDS)
        for key in keys:
            if key in _HIDDEN or data.get(key) in (None, "", [], {}):
                continue
            value = data[key]
            if key == "status":
                value = status_label(str(value))
            elif isinstance(value, dict | list):
                value = json.dumps(value, ensure_ascii=False)
            lines.append(f"{key}: {value}")
        return "\n".join(lines) or self.tr("(nothing)")

    # --- choices
    @Slot()
    def _update(self) -> None:
        if self.merged_edit is not None:
            text = self.merged_edit.toPlainText()
            ok = bool(text.strip()) and "<<<<<<< " not in text and ">>>>>>> " not in text
            self.merge_button.setEnabled(ok)
            self.merge_button.setToolTip(
                self.tr("Send the merged text below.") if ok else self.tr("Settle the marked places first.")
            )

    def merged_text(self) -> str | None:
        return self.merged_edit.toPlainText() if self.merged_edit is not None else None

    @Slot()
    def copy_mine(self) -> None:
        QGuiApplication.clipboard().setText(self.mine_edit.toPlainText())
        self.copied = True

    @Slot()
    def keep_mine(self) -> None:
        self._choose(Resolution.MINE)

    @Slot()
    def take_theirs(self) -> None:
        self._choose("theirs")

    @Slot()
    def merge(self) -> None:
        if self.merge_button.isEnabled():
            self._choose("merge")

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


# ================================================================== the Konflik queue: one row per open conflict
class ConflictColumn(enum.IntEnum):
    CREATED = 0
    KIND = 1
    TRACKING_ID = 2
    TITLE = 3
    WHAT = 4
    REASON = 5


def conflict_column_title(column: ConflictColumn) -> str:
    titles = {
        ConflictColumn.CREATED: QCoreApplication.translate("ConflictsModel", "Made"),
        ConflictColumn.KIND: QCoreApplication.translate("ConflictsModel", "Change"),
        ConflictColumn.TRACKING_ID: QCoreApplication.translate("ConflictsModel", "Tracking ID"),
        ConflictColumn.TITLE: QCoreApplication.translate("ConflictsModel", "Complaint"),
        ConflictColumn.WHAT: QCoreApplication.translate("ConflictsModel", "Conflict"),
        ConflictColumn.REASON: QCoreApplication.translate("ConflictsModel", "Reason"),
    }
    return titles[column]


def conflict_type_label(record_type: str) -> str:
    labels = {
        "complaint": QCoreApplication.translate("ConflictsModel", "Changed on the hub first"),
        "followup": QCoreApplication.translate("ConflictsModel", "Follow-up changed on the hub"),
        "departure": QCoreApplication.translate("ConflictsModel", "Left the OPD"),
    }
    return labels.get(record_type, record_type)


class ConflictsModel(ListTableModel[ConflictView]):
    """The open conflicts (``desktop.app.conflicts.list_conflicts``), departures included, replaced whole on each refresh."""

    ConflictIdRole = Qt.ItemDataRole.UserRole + 1
    ComplaintIdRole = Qt.ItemDataRole.UserRole + 2
    columns = ConflictColumn

    def column_title(self, column: ConflictColumn) -> str:
        return conflict_column_title(column)

    def cell(self, item: ConflictView, column: ConflictColumn, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ConflictColumn.CREATED:
                return format_datetime(item.created_at)
            if column == ConflictColumn.KIND:
                return op_kind_label(item.kind)
            if column == ConflictColumn.TRACKING_ID:
                return "" if item.tracking_id is None else str(item.tracking_id)
            if column == ConflictColumn.TITLE:
                return item.title  # plain text in a table cell: never markup
            if column == ConflictColumn.WHAT:
                return conflict_type_label(item.record_type)
            return op_reason_label(item.reason)
        if role == Qt.ItemDataRole.ForegroundRole and column == ConflictColumn.WHAT:
            return QBrush(alert_colour("error"))
        if role == self.ConflictIdRole:
            return item.id
        if role == self.ComplaintIdRole:
            return item.complaint_id
        return None


class ConflictsQueue(QObject):
    """The Konflik queue of the main window: a list of the open conflicts in the window's queue stack, shown when
    the Konflik queue is chosen; Enter or a double click opens the side-by-side view. Everything is read on the DB
    lane (the list, and a conflict's view before its dialog opens); a resolution is an Op whose changes reach the
    list again through the window's ``changed``."""

    loaded = Signal(int)  # rows now listed
    dialogOpened = Signal(object)  # a ConflictDialog, open (also ``window.conflict_dialog``)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("conflictsQueue")
        self.window = window
        self.model = ConflictsModel(self)
        self.view = QTableView()
        self.view.setObjectName("conflictsTable")
        self.view.setAccessibleName(self.tr("Conflicts"))
        self.view.setAccessibleDescription(
            self.tr("Your changes the hub could not take as they were; Enter opens one to decide")
        )
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in {
            ConflictColumn.CREATED: 130, ConflictColumn.KIND: 140, ConflictColumn.TRACKING_ID: 90,
            ConflictColumn.TITLE: 240, ConflictColumn.WHAT: 180,
        }.items():  # fmt: skip
            header.resizeSection(column, width)
        self.view.activated.connect(self._open_index)
        self.view.selectionModel().currentRowChanged.connect(self._on_row)
        self._request = 0
        window.stack.addWidget(self.view)
        window.queueChanged.connect(self._on_queue)
        window.changed.connect(self._on_changed)

    @property
    def shown(self) -> bool:
        return bool(self.window.stack.currentWidget() is self.view)

    @Slot(str)
    def _on_queue(self, key: str) -> None:
        if key != QueueName.CONFLICTS:
            return
        self.window.stack.setCurrentWidget(self.view)
        self.window.filter_bar.setEnabled(False)
        self.window.detail.clear()
        self.reload()

    @Slot(object)
    def _on_changed(self, changes: Changes) -> None:
        if changes.conflicts and self.shown:
            self.reload()

    @property
    def _replica(self) -> Any:
        return getattr(self.window.session, "replica", None)

    def reload(self) -> None:
        replica = self._replica
        if replica is None:
            return
        self._request += 1
        Read(self.window, partial(app_conflicts.list_conflicts, replica)).success(
            partial(self._loaded, self._request)
        ).failure(self._list_failed).run()

    def _list_failed(self, exc: BaseException) -> None:
        log.warning("conflicts failed: %r", exc)

    def _loaded(self, request: int, items: list[ConflictView]) -> None:
        if request != self._request:
            return
        self.model.set_items(items)
        if self.shown:
            update = getattr(self.window, "_update_count", None)
            if callable(update):
                update(len(items))
        self.loaded.emit(len(items))

    @Slot(QModelIndex, QModelIndex)
    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.item_at(current.row()) if current.isValid() else None
        if item is None:
            return
        if item.is_departure or not item.complaint_id:
            self.window.detail.clear()  # the complaint is no longer in this desk's mirror
        else:
            self.window.show_complaint(item.complaint_id)

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        item = self.model.item_at(index.row()) if index.isValid() else None
        if item is not None:
            self.open(item.id)

    # --- one conflict: its view read on the DB lane, then the dialog; the choice is an Op
    def open(self, conflict_id: str) -> None:
        """Open the conflict view for ``conflict_id`` once it is read (``dialogOpened``)."""
        replica = self._replica
        if replica is not None:
            Read(self.window, partial(app_conflicts.conflict_view, replica, conflict_id)).success(
                self._show_view
            ).failure(self._resolve_failed).run()

    def open_first_of(self, complaint_id: str) -> None:
        """Open the first unresolved conflict of a complaint, if it has one."""
        replica = self._replica
        if replica is not None:
            Read(self.window, partial(app_conflicts.list_conflicts, replica, complaint_id)).success(
                self._show_first
            ).failure(self._resolve_failed).run()

    def _show_first(self, views: list[ConflictView]) -> None:
        if views:
            self._show_view(views[0])

    def _show_view(self, view: ConflictView | None) -> None:
        if view is None:
            self.window.show_message(
                QCoreApplication.translate("ConflictDialog", "This conflict was already resolved."), "info"
            )
            return
        dialog = ConflictDialog(view, parent=self.window)
        dialog.accepted.connect(partial(self._resolve, dialog))
        self.window.conflict_dialog = dialog  # keep it alive while it is open, and reachable for tests
        dialog.open()
        self.dialogOpened.emit(dialog)

    def _resolve(self, dialog: ConflictDialog) -> None:
        choice, replica = dialog.choice, self._replica
        if choice is None or replica is None:
            return
        merged = dialog.merged_text() if choice == "merge" else None
        Op(self.window, partial(app_conflicts.resolve, replica, dialog.view.id, choice, merged)).success(
            partial(self._resolved, dialog, choice)
        ).failure(self._resolve_failed).run()

    def _resolved(self, dialog: ConflictDialog, choice: str, _changes: Changes) -> None:
        texts = {
            Resolution.MINE: QCoreApplication.translate(
                "ConflictDialog", "Your change goes to the hub again with the next sync."
            ),
            "theirs": QCoreApplication.translate(
                "ConflictDialog", "The hub's version kept; your change was dropped."
            ),
            "merge": QCoreApplication.translate(
                "ConflictDialog", "The merged text goes to the hub with the next sync."
            ),
        }
        self.window.show_message(texts[choice], "success")
        dialog.resolved.emit(dialog.view.id, choice)

    def _resolve_failed(self, exc: BaseException) -> None:
        log.warning("resolving a conflict failed: %r", exc)
        if isinstance(exc, NotImplementedError):
            text = QCoreApplication.translate(
                "ConflictDialog", "Conflicts cannot be resolved in this version of the desk yet."
            )
        else:
            text = describe(exc)
        self.window.show_message(text, "error")


def install_conflicts(window: Any) -> ConflictsQueue:
    queue = ConflictsQueue(window)
    window.conflicts_queue = queue
    panel = getattr(window, "queue_panel", None)
    if panel is not None and panel.current_key() == QueueName.CONFLICTS:
        queue._on_queue(QueueName.CONFLICTS)  # the window reopened on the Konflik queue before this was installed
    return queue
