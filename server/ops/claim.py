"""`complaint.claim`: a staff member or admin takes an unassigned complaint of their own OPD (compare-and-set)."""

from __future__ import annotations

from desktop.domain.ops import OpKind
from desktop.domain.statuses import CLOSED_STATUSES
from server.models import Complaint
from server.ops.base import OpContext, OpRejected, register


@register(OpKind.COMPLAINT_CLAIM)
def complaint_claim(ctx: OpContext) -> Complaint:
    row = ctx.complaint()
    if ctx.actor.scope is None:
        raise OpRejected("forbidden", "Only members of the complaint's OPD can claim it.")
    ctx.expect_version(row)
    if row.status in CLOSED_STATUSES:
        raise OpRejected("wrong_state", "A closed or returned complaint cannot be claimed.")
    if row.assignee_id == ctx.actor.user_id:
        return row  # already mine: nothing changes, the retry of a lost answer stays harmless
    if row.assignee_id is not None:
        raise OpRejected("wrong_state", "The complaint is already assigned.")
    ctx.event_data = {"from": None, "to": ctx.actor.user_id}
    row.assignee_id = ctx.actor.user_id
    ctx.touch(row)
    return row
