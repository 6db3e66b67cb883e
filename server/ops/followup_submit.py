"""`followup.submit`: an admin sends a draft (or a returned follow-up) to the supervisor (compare-and-set)."""

from __future__ import annotations

from desktop.domain.roles import Action
from server.models import Complaint
from server.ops.base import NO_APPEND, OpContext, OpRejected, register, roles_for


@register("followup.submit", roles_for(Action.FOLLOWUP_SUBMIT))
def followup_submit(ctx: OpContext) -> Complaint:
    row, fu = ctx.followup()
    ctx.expect_followup_version(fu)
    if fu.state not in ("draft", "returned") or row.status in NO_APPEND:
        raise OpRejected("wrong_state", f"A {fu.state} follow-up of a {row.status} complaint cannot be submitted.")
    ctx.event_data = {"followup_id": fu.id, "from_state": fu.state, "content_hash": fu.content_hash}
    fu.state, fu.updated_at = "submitted", ctx.now
    ctx.touch_child(fu)
    return row
