"""`complaint.status`: an admin moves a complaint along the lifecycle of desktop.domain.statuses (compare-and-set).

Only the moves of `statuses.BY_HAND`: `dikembalikan` (a "bukan wewenang" disposition makes it), `ditanggapi_pelapor`
(only the reporter's reply) and `ditindaklanjuti` (only publishing an approved follow-up) answer `invalid`; a move
outside TRANSITIONS answers `wrong_state`; closing as `selesai` with no published follow-up on the complaint answers
`no_followup` (the reporter was never answered). The same rule gates the desk's status dialog.
"""

from __future__ import annotations

from sqlalchemy import exists, select

from desktop.domain.ops import OpKind
from desktop.domain.statuses import (
    NEEDS_PUBLISHED_FOLLOWUP,
    FollowupState,
    MoveRefusal,
    Status,
    hand_move_refusal,
)
from server.models import Complaint, FollowUp
from server.ops.base import OpContext, OpRejected, register

_DETAIL = {
    MoveRefusal.NOT_BY_HAND: "{new} is set by a disposition, a reply or a published follow-up, not by hand.",
    MoveRefusal.NOT_FROM_HERE: "{current} cannot move to {new}.",
    MoveRefusal.NO_FOLLOWUP: "{new} needs a published follow-up on the complaint.",
}


@register(OpKind.COMPLAINT_STATUS)
def complaint_status(ctx: OpContext) -> Complaint:
    row = ctx.complaint()
    ctx.expect_version(row)
    try:
        new = Status(str(ctx.op.payload.get("status")))
    except ValueError:
        raise OpRejected("invalid", "payload.status is not a status code.") from None
    # Publishing takes the complaint's row lock too (server/ops/followup_approve.py), so this answer holds.
    published = new in NEEDS_PUBLISHED_FOLLOWUP and ctx.session.scalar(select(exists().where(
        FollowUp.complaint_id == row.id, FollowUp.state == FollowupState.PUBLISHED)))
    refusal = hand_move_refusal(row.status, new, published_followup=bool(published))
    if refusal is not None:
        raise OpRejected(str(refusal), _DETAIL[refusal].format(current=row.status, new=new))
    reason = ctx.text("reason", required=False, max_len=4000)
    ctx.event_data = {"from": row.status, "to": str(new), "reason": reason}
    row.status = str(new)
    ctx.touch(row)
    return row
