"""`complaint.assign`: admin picks who in the OPD handles the complaint (compare-and-set)."""

from __future__ import annotations

from desktop.domain.ops import OpKind
from desktop.domain.statuses import CLOSED_STATUSES
from server.models import Complaint
from server.ops.base import OpContext, OpRejected, register


@register(OpKind.COMPLAINT_ASSIGN)
def complaint_assign(ctx: OpContext) -> Complaint:
    row = ctx.complaint()
    ctx.expect_version(row)
    if row.status in CLOSED_STATUSES:
        raise OpRejected("wrong_state", "A closed or returned complaint cannot be assigned.")
    assignee = ctx.op.payload.get("assignee_id")
    if assignee is not None:
        if not isinstance(assignee, str):
            raise OpRejected("invalid", "payload.assignee_id must be a user id or null.")
        ctx.user_in_scope(assignee, row.scope_unit_id or "")
    ctx.event_data = {"from": row.assignee_id, "to": assignee}
    row.assignee_id = assignee
    ctx.touch(row)
    return row
