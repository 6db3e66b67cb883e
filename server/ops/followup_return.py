"""`followup.return`: a supervisor sends a submitted follow-up back with a reason (compare-and-set, four eyes)."""

from __future__ import annotations

from desktop.domain.ops import OpKind
from desktop.domain.roles import can_approve
from desktop.domain.statuses import FollowupState
from server.models import Complaint
from server.ops.base import OpContext, OpRejected, register


@register(OpKind.FOLLOWUP_RETURN)
def followup_return(ctx: OpContext) -> Complaint:
    row, fu = ctx.followup()
    ctx.expect_followup_version(fu)
    # Returning is the other half of the same review: one who wrote or changed the text reviews neither way.
    if not can_approve(ctx.actor.role, ctx.actor.user_id, fu.writer_ids):
        raise OpRejected("own_followup",
                         "A supervisor never returns a follow-up whose text they wrote or changed.")
    if fu.state != FollowupState.SUBMITTED:
        raise OpRejected("wrong_state", f"A {fu.state} follow-up cannot be returned.")
    reason = ctx.text("reason", max_len=4000)
    ctx.event_data = {"followup_id": fu.id, "reason": reason}
    fu.state, fu.return_reason, fu.updated_at = FollowupState.RETURNED, reason, ctx.now
    ctx.touch_child(fu)
    return row
