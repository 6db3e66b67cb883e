"""`followup.approve`: a supervisor signs off the exact text they read, never one they wrote or changed (any of
the follow-up's `writer_ids`); it is then published.

The approval binds to the follow-up's version (base_version) and `content_hash`: any other → `conflict` with the
follow-up as it is now. Publishing moves the complaint to `ditindaklanjuti` (the reporter's reply window starts).
"""

from __future__ import annotations

from desktop.domain.ops import OpKind
from desktop.domain.roles import can_approve
from desktop.domain.statuses import CLOSED_STATUSES, FollowupState, Status
from server.models import Complaint
from server.ops.base import OpConflict, OpContext, OpRejected, register
from server.serialize import followup as followup_data


@register(OpKind.FOLLOWUP_APPROVE)
def followup_approve(ctx: OpContext) -> Complaint:
    row, fu = ctx.followup()
    ctx.expect_followup_version(fu)
    if ctx.op.payload.get("content_hash") != fu.content_hash:
        raise OpConflict(followup_data(fu), fu.version, "followup")
    if not can_approve(ctx.actor.role, ctx.actor.user_id, fu.writer_ids):
        raise OpRejected("own_followup",
                         "A supervisor never approves a follow-up whose text they wrote or changed.")
    if fu.state != FollowupState.SUBMITTED or row.status in CLOSED_STATUSES:
        raise OpRejected("wrong_state", f"A {fu.state} follow-up of a {row.status} complaint cannot be approved.")
    ctx.event_data = {"followup_id": fu.id, "content_hash": fu.content_hash, "version": fu.version,
                      "status_from": row.status}
    fu.state, fu.approved_by, fu.approved_at, fu.updated_at = FollowupState.PUBLISHED, ctx.actor.user_id, ctx.now, ctx.now
    ctx.touch_child(fu)
    if row.status != Status.DITINDAKLANJUTI:
        row.status = str(Status.DITINDAKLANJUTI)  # a published answer is the OPD's follow-up
        ctx.touch(row)
    return row
