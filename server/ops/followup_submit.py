"""`followup.submit`: an admin sends a draft (or a returned follow-up) to the supervisor (compare-and-set)."""

from __future__ import annotations

from desktop.domain.ops import OpKind
from desktop.domain.statuses import CLOSED_STATUSES, SUBMITTABLE, FollowupState
from server.models import Complaint
from server.ops.base import OpContext, OpRejected, register


@register(OpKind.FOLLOWUP_SUBMIT)
def followup_submit(ctx: OpContext) -> Complaint:
    row, fu = ctx.followup()
    ctx.expect_followup_version(fu)
    if fu.state not in SUBMITTABLE or row.status in CLOSED_STATUSES:
        raise OpRejected("wrong_state", f"A {fu.state} follow-up of a {row.status} complaint cannot be submitted.")
    ctx.event_data = {"followup_id": fu.id, "from_state": fu.state, "content_hash": fu.content_hash}
    fu.state, fu.updated_at = FollowupState.SUBMITTED, ctx.now
    ctx.touch_child(fu)
    return row
