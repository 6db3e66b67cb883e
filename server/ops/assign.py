"""`complaint.assign`: admin picks who in the OPD handles the complaint (compare-and-set)."""

from __future__ import annotations

from server.models import Complaint
from server.ops.base import ADMIN_ROLES, CLOSED, OpContext, OpRejected, register


@register("complaint.assign", ADMIN_ROLES)
def complaint_assign(ctx: OpContext) -> Complaint:
    row = ctx.complaint()
    ctx.expect_version(row)
    if row.status in CLOSED or row.status == "dikembalikan":
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
