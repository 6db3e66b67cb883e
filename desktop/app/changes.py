"""What an action or a sync pass changed, so each view refreshes only what it shows (Anki's ``OpChanges``).

Every action of this layer returns a :class:`Changes`; the window hands it to one signal, and the queue model, the
detail pane, Kotak keluar and Konflik each look at the parts they show.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.sync.engine import SyncSummary


@dataclass(frozen=True)
class Changes:
    complaints: frozenset[str] = frozenset()  # complaints whose row or detail may differ
    queues: bool = False  # queue membership and counts may differ
    outbox: bool = False  # Kotak keluar: ops queued, sent, settled or dropped
    conflicts: bool = False  # Konflik: conflicts recorded or resolved
    reference: bool = False  # categories, units, users, holidays, time limits (filters, deadlines)
    all_complaints: bool = False  # any complaint may differ (a pull, a rebuilt mirror)
    record_id: str | None = None  # the record the action made (a follow-up's id ...), for the caller
    result: Any = None  # the store's own answer (ActionResult), for the caller

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            complaints=self.complaints | other.complaints,
            queues=self.queues or other.queues,
            outbox=self.outbox or other.outbox,
            conflicts=self.conflicts or other.conflicts,
            reference=self.reference or other.reference,
            all_complaints=self.all_complaints or other.all_complaints,
            record_id=other.record_id or self.record_id,
            result=other.result if other.result is not None else self.result,
        )

    def touches(self, complaint_id: str | None) -> bool:
        """Whether the complaint ``complaint_id`` may have changed."""
        return bool(complaint_id) and (self.all_complaints or complaint_id in self.complaints)

    @property
    def empty(self) -> bool:
        return not (self.complaints or self.queues or self.outbox or self.conflicts or self.reference
                    or self.all_complaints)  # fmt: skip


def local_action(complaint_id: str | None, result: Any = None, *, conflicts: bool = False) -> Changes:
    """A desk action: one complaint's local overlay and the outbox changed (one store transaction)."""
    return Changes(
        complaints=frozenset({complaint_id}) if complaint_id else frozenset(),
        queues=True,
        outbox=True,
        conflicts=conflicts,
        record_id=getattr(result, "record_id", None),
        result=result,
    )


def sync_pass(summary: SyncSummary) -> Changes:
    """A sync pass: anything pulled may touch any complaint and the reference data; a push settles ops, which
    changes the sync badges of their complaints; a pass that moved nothing changes nothing the views show."""
    pulled = bool(summary.pulled) or summary.rebuilt
    settled = bool(summary.pushed or summary.conflicts or summary.rejected)
    moved = pulled or settled
    return Changes(
        queues=moved,
        outbox=moved,
        conflicts=moved,
        reference=pulled,
        all_complaints=moved,
        result=summary,
    )


EVERYTHING = Changes(queues=True, outbox=True, conflicts=True, reference=True, all_complaints=True)
