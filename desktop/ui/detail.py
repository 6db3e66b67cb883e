"""The complaint detail pane.

Everything shown here comes from reporters, staff or the hub and is untrusted: every label is `Qt.PlainText`
and the long texts sit in read-only QPlainTextEdits, which have no rich-text mode at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.ops import OpKind
from desktop.domain.statuses import FollowupState
from desktop.ui.i18n import channel_label, event_label, followup_state_label, kind_label, status_label
from desktop.ui.queue_model import format_datetime


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    label.setText(text)
    return label


def read_only_text(parent: QWidget | None = None) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setReadOnly(True)
    edit.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return edit


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    """The first attribute (or mapping key) of `names` that `obj` has and is not None."""
    for name in names:
        value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if value is not None:
            return value
    return default


# Audit events whose record is already in the timeline (the note itself, the reply itself ...) are not repeated.
_EVENTS_SHOWN_AS_RECORDS = {
    OpKind.NOTE_ADD, OpKind.DISPOSITION_CREATE, OpKind.FOLLOWUP_CREATE, OpKind.FOLLOWUP_EDIT, OpKind.ATTACHMENT_ADD,
    "reply.received",
}  # fmt: skip


def timeline_entries(detail: Any) -> list[Any]:
    """The complaint's history, oldest first: its records (``timeline``) and the audit events (``events``, e.g. the
    arrival at the OPD, an assignment, a status change) that are not already shown as a record."""
    entries = list(_get(detail, "timeline", default=[]) or [])
    for event in _get(detail, "events", default=[]) or []:
        if str(_get(event, "text", default="")) not in _EVENTS_SHOWN_AS_RECORDS:
            entries.append(event)
    return sorted(entries, key=lambda e: str(_get(e, "at", "created_at", default="")))


class DetailPane(QWidget):
    """Shows one `ComplaintDetail`, or a hint when nothing is selected. The detail shown is kept
    (``current_detail``) so whoever else needs it (the actions) takes this very object instead of reading it again."""

    cleared = Signal()  # the pane no longer shows a complaint

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stack = QStackedWidget(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

        self.placeholder = plain_label(self.tr("Select a complaint to see it here."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stack.addWidget(self.placeholder)

        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = plain_label()
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setObjectName("detailTitle")
        layout.addWidget(self.title)

        self.secret_marker = plain_label(self.tr("Secret"))
        self.secret_marker.setObjectName("secretMarker")
        self.secret_marker.setToolTip(
            self.tr("A secret report is hidden from the public and never exported in public recaps.")
        )
        self.secret_marker.setStyleSheet(
            "QLabel#secretMarker { color: white; background: #a61b1b; padding: 2px 8px; border-radius: 3px; font-weight: bold; }"
        )
        self.secret_marker.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.secret_marker)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.tracking_id = plain_label()
        self.status = plain_label()
        self.kind = plain_label()
        self.category = plain_label()
        self.location = plain_label()
        self.channel = plain_label()
        self.submitted = plain_label()
        self.arrived = plain_label()
        self.incident = plain_label()
        self.assignee = plain_label()
        self.reporter = plain_label()
        self.reporter.setObjectName("reporter")
        for caption, widget in (
            (self.tr("Tracking ID"), self.tracking_id),
            (self.tr("Status"), self.status),
            (self.tr("Type"), self.kind),
            (self.tr("Category"), self.category),
            (self.tr("Location"), self.location),
            (self.tr("Channel"), self.channel),
            (self.tr("Submitted"), self.submitted),
            (self.tr("Arrived at the OPD"), self.arrived),
            (self.tr("Incident date"), self.incident),
            (self.tr("Assignee"), self.assignee),
            (self.tr("Reporter"), self.reporter),
        ):
            form.addRow(plain_label(caption), widget)
        layout.addLayout(form)

        layout.addWidget(self._section(self.tr("Content")))
        self.content = read_only_text()
        self.content.setObjectName("content")
        self.content.setMinimumHeight(120)
        layout.addWidget(self.content, 2)

        self._sections_at = layout.count()
        self._layout = layout
        layout.addWidget(self._section(self.tr("Timeline")))
        self.timeline = read_only_text()
        self.timeline.setObjectName("timeline")
        self.timeline.setMinimumHeight(100)
        layout.addWidget(self.timeline, 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        self._stack.addWidget(scroll)
        self._body = scroll
        self.current_id: str | None = None
        self.current_detail: Any = None

    def add_section(self, widget: QWidget) -> None:
        """Add a widget (e.g. the attachments panel) to the body, between the content and the timeline."""
        self._layout.insertWidget(self._sections_at, widget)
        self._sections_at += 1

    def _section(self, text: str) -> QLabel:
        label = plain_label(text)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        return label

    def clear(self) -> None:
        showed = self.current_id is not None
        self.current_id = None
        self.current_detail = None
        self._stack.setCurrentWidget(self.placeholder)
        if showed:
            self.cleared.emit()

    def show_detail(self, detail: Any) -> None:
        self.current_id = str(_get(detail, "id", default=""))
        self.current_detail = detail
        self.title.setText(str(_get(detail, "title", default="")))
        self.tracking_id.setText(str(_get(detail, "tracking_id", default="")))
        self.status.setText(status_label(str(_get(detail, "status", default=""))))
        self.kind.setText(kind_label(str(_get(detail, "kind", default=""))))
        self.category.setText(self._category_text(detail))
        self.location.setText(self._location_text(detail))
        self.channel.setText(channel_label(str(_get(detail, "channel", default=""))))
        self.submitted.setText(format_datetime(_get(detail, "submitted_at")))
        self.arrived.setText(format_datetime(_get(detail, "arrived_at")))
        self.incident.setText(format_datetime(_get(detail, "incident_date")) or "–")
        self.assignee.setText(
            str(_get(detail, "assignee_name", "assignee", default="")) or self.tr("Unassigned")
        )
        self.reporter.setText(self._reporter_text(detail))
        self.secret_marker.setVisible(bool(_get(detail, "secret", default=False)))
        self.content.setPlainText(str(_get(detail, "content", default="")))
        self.timeline.setPlainText(self._timeline_text(timeline_entries(detail)))
        self._stack.setCurrentWidget(self._body)

    # --- formatting; all results are plain text
    def _category_text(self, detail: Any) -> str:
        path = _get(detail, "category_path")
        if isinstance(path, list | tuple) and path:
            return " › ".join(str(p) for p in path)
        return str(_get(detail, "category_name", "category", default=""))

    def _location_text(self, detail: Any) -> str:
        location = _get(detail, "location")
        source = location if location is not None else detail
        parts = [_get(source, key) for key in ("desa", "kecamatan", "regency", "province")]
        return ", ".join(str(p) for p in parts if p)

    def _reporter_text(self, detail: Any) -> str:
        # The hub never sends an anonymous reporter's identity; the desk still refuses to show one if it had it.
        if _get(detail, "anonymous", default=False):
            return self.tr("Anonymous")
        reporter = _get(detail, "reporter")
        name = _get(reporter, "name") if reporter is not None else _get(detail, "reporter_name")
        contact = _get(reporter, "contact") if reporter is not None else _get(detail, "reporter_contact")
        if not name and not contact:
            return self.tr("Not given")
        return f"{name} ({contact})" if name and contact else str(name or contact)

    def _timeline_text(self, entries: Iterable[Any]) -> str:
        blocks: list[str] = []
        for entry in entries or []:
            when = format_datetime(_get(entry, "at", "created_at"))
            who = _get(entry, "author_name", "author", "actor", default="")
            header = f"{when} · {self._entry_kind(entry)}" + (f" · {who}" if who else "")
            if _get(entry, "pending", default=False):
                header += " · " + self.tr("not yet sent")
            kind = str(_get(entry, "type", "kind", default=""))
            text = "" if kind == "event" else str(_get(entry, "text", "summary", default=""))
            reason = self._reason(entry)
            if reason:
                text = f"{text}\n{reason}" if text else reason
            blocks.append(f"{header}\n{text}" if text else header)
        return "\n\n".join(blocks) if blocks else self.tr("Nothing yet.")

    def _reason(self, entry: Any) -> str:
        """Why a follow-up went back to its drafter (on the returned follow-up, and on the return in the history),
        or why an event was done (a status change's reason)."""
        kind = str(_get(entry, "type", "kind", default=""))
        data = _get(entry, "data", default={}) or {}
        if kind == "followup" and _get(data, "state") == FollowupState.RETURNED:
            why = _get(data, "return_reason")
            return self.tr("Reason for return: %1").replace("%1", str(why)) if why else ""
        if kind == "event":
            event_data = _get(data, "data", default={}) or {}
            why = _get(event_data, "reason") if isinstance(event_data, dict) else None
            return self.tr("Reason: %1").replace("%1", str(why)) if why else ""
        return ""

    def _entry_kind(self, entry: Any) -> str:
        kind = str(_get(entry, "type", "kind", default=""))
        labels = {
            "note": self.tr("Internal note"),
            "disposition": self.tr("Disposition"),
            "followup": self.tr("Follow-up"),
            "reply": self.tr("Reporter's reply"),
            "attachment": self.tr("Attachment"),
            "event": self.tr("Event"),
        }
        if kind == "event":
            return event_label(str(_get(entry, "text", default="")))
        label = labels.get(kind, kind)
        data = _get(entry, "data", default={})
        state = _get(entry, "state") or (_get(data, "state") if data else None)
        if kind == "followup" and state:
            label = f"{label} ({followup_state_label(str(state))})"
        return label
