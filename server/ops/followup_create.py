"""`followup.create`: a new follow-up draft on a complaint; appends, so a stale base_version never conflicts."""

from __future__ import annotations

from desktop.domain.ops import OpKind
from desktop.domain.statuses import FollowupState
from server.models import Complaint, FollowUp
from server.ops.base import OpContext, register, text_hash


@register(OpKind.FOLLOWUP_CREATE)
def followup_create(ctx: OpContext) -> Complaint:
    row = ctx.complaint()
    ctx.open_for_append(row)
    body = ctx.text("text") or ""
    fu = FollowUp(id=ctx.new_id("followup_id"), complaint_id=row.id, text=body, state=FollowupState.DRAFT,
                  author_id=ctx.actor.user_id, writer_ids=[ctx.actor.user_id], content_hash=text_hash(body),
                  created_at=ctx.now, updated_at=ctx.now)
    ctx.add_child(fu, row)
    ctx.event_data = {"followup_id": fu.id}
    return row
