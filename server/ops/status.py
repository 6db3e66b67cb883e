"""`complaint.status`: an admin moves a complaint along the lifecycle of desktop.domain.statuses (compare-and-set).

Two moves are not made by hand: `dikembalikan` (a "bukan wewenang" disposition does it, moving the complaint out of
the OPD) and `ditanggapi_pelapor` (only the reporter's reply does it). Both answer `invalid`.
"""

from __future__ import annotations

from desktop.domain.roles import Action
from desktop.domain.statuses import Status, can_transition
from server.models import Complaint
from server.ops.base import OpContext, OpRejected, register, roles_for

NOT_BY_HAND = frozenset({Status.DIKEMBALIKAN, Status.DITANGGAPI_PELAPOR})


@register("complaint.status", roles_for(Action.COMPLAINT_STATUS))
def complaint_status(ctx: OpContext) -> Complaint:
    row = ctx.complaint()
    ctx.expect_version(row)
    try:
        new = Status(str(ctx.op.payload.get("status")))
    except ValueError:
        raise OpRejected("invalid", "payload.status is not a status code.") from None
    if new in NOT_BY_HAND:
        raise OpRejected("invalid", f"{new} is set by a disposition or a reply, not by hand.")
    if not can_transition(row.status, new):
        raise OpRejected("wrong_state", f"{row.status} cannot move to {new}.")
    reason = ctx.text("reason", required=False, max_len=4000)
    ctx.event_data = {"from": row.status, "to": str(new), "reason": reason}
    row.status = str(new)
    ctx.touch(row)
    return row
