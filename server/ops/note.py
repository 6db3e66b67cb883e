"""`note.add`: an internal note; appends, so a stale base_version never conflicts (closed complaint → wrong_state,
except the coordinator's notes on a complaint sent back for re-routing)."""

from __future__ import annotations

from desktop.domain.ops import OpKind
from desktop.domain.statuses import Status
from server.models import Complaint, Note
from server.ops.base import OpContext, register


@register(OpKind.NOTE_ADD)
def note_add(ctx: OpContext) -> Complaint:
    row = ctx.complaint()
    # The coordinator's notes on a complaint sent back to them for re-routing.
    if not (row.status == Status.DIKEMBALIKAN and ctx.actor.scope is None):
        ctx.open_for_append(row)
    note = Note(id=ctx.new_id("note_id"), complaint_id=row.id, text=ctx.text("text"),
                author_id=ctx.actor.user_id, created_at=ctx.now)
    ctx.add_child(note, row)
    ctx.event_data = {"note_id": note.id}
    return row
