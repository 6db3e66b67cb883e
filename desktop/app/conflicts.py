"""Conflicts as the Konflik view and the conflict dialog show them, and their resolution (keep mine, take theirs,
merge a follow-up text with :func:`desktop.domain.merge` in the dialog)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from desktop.app.changes import Changes, local_action
from desktop.domain.ops import Resolution
from desktop.store import conflicts as store_conflicts
from desktop.store import queues
from desktop.store.engine import Replica


@dataclass(frozen=True)
class ConflictView:
    """One conflict: what this desk sent (mine) and what the hub has (theirs). For a follow-up text both are texts,
    with the text the edit started from (base) for a three-way merge. A ``departure`` is a change to a complaint
    that left the OPD meanwhile: it can only be copied, then dropped."""

    id: str
    complaint_id: str | None
    kind: str  # the op kind that came back in conflict (disposition.create, followup.edit ...)
    record_type: str  # complaint | followup | departure
    mine: Mapping[str, Any]
    theirs: Mapping[str, Any]
    base_text: str | None = None
    mine_text: str | None = None
    theirs_text: str | None = None
    reason: str | None = None
    created_at: str = ""
    tracking_id: int | None = None
    title: str = ""

    @property
    def is_text(self) -> bool:
        return self.mine_text is not None and self.theirs_text is not None

    @property
    def is_departure(self) -> bool:
        return self.record_type == "departure"

    @property
    def written_text(self) -> str:
        """What the user wrote in the change (a draft, a note, an instruction, a reason), to copy before dropping."""
        if self.mine_text:
            return self.mine_text
        parts = [str(self.mine.get(k)) for k in ("text", "instruction", "reason") if self.mine.get(k)]
        return "\n\n".join(parts)


def _views(replica: Replica, records: list[store_conflicts.ConflictRecord]) -> list[ConflictView]:
    """Each record with its complaint's tracking ID and title: from the mirror, else (a departure, whose complaint
    left the mirror) from what the hub said about where it went."""
    wanted = sorted({r.complaint_id for r in records if r.complaint_id})
    by_id = {row.id: row for row in queues.rows(replica, wanted)} if wanted else {}
    out = []
    for r in records:
        row = by_id.get(r.complaint_id or "")
        tracking = row.tracking_id if row is not None else r.theirs.get("tracking_id")
        title = row.title if row is not None else r.theirs.get("title")
        try:
            tracking_id = int(tracking) if tracking is not None else None
        except (TypeError, ValueError):
            tracking_id = None
        out.append(ConflictView(
            id=r.id, complaint_id=r.complaint_id, kind=r.kind, record_type=r.record_type, mine=dict(r.mine),
            theirs=dict(r.theirs), base_text=r.base_text, mine_text=r.mine_text, theirs_text=r.theirs_text,
            reason=r.reason, created_at=str(r.created_at or ""), tracking_id=tracking_id, title=str(title or ""),
        ))  # fmt: skip
    return out


def list_conflicts(replica: Replica, complaint_id: str | None = None) -> list[ConflictView]:
    """Unresolved conflicts, oldest first (of one complaint when ``complaint_id`` is given), departures included."""
    records = [r for r in store_conflicts.list_conflicts(replica)
               if complaint_id is None or r.complaint_id == complaint_id]  # fmt: skip
    return _views(replica, records)


def conflict_view(replica: Replica, conflict_id: str) -> ConflictView | None:
    record = store_conflicts.get_conflict(replica, conflict_id)
    return None if record is None else _views(replica, [record])[0]


def resolve(replica: Replica, conflict_id: str, choice: str, merged_text: str | None = None) -> Changes:
    """Keep mine (re-send it against the hub's current state), take theirs (drop my change, which the user chose to
    do), or merge (send the merged follow-up text). One store transaction."""
    if choice not in tuple(Resolution):
        raise ValueError(f"unknown resolution {choice!r}")  # a caller's bug: the dialog offers these only
    record = store_conflicts.get_conflict(replica, conflict_id)
    result = store_conflicts.resolve(replica, conflict_id, choice, merged_text=merged_text)
    return local_action(record.complaint_id if record else None, result, conflicts=True)
