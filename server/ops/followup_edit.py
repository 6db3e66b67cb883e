"""`followup.edit`: new text for a follow-up (target = follow-up id, base_version = its version).

The desk compares three ways, so the hub answers `conflict` with the follow-up as it is now whenever the text moved
since the desk's base. A version that moved without touching the text (a submit or a return) does not clash when the
op carries `base_text_hash` equal to the current `content_hash`. Editing a submitted (or approved) follow-up takes
it back to draft and voids any approval; a published one is public and answers `wrong_state`. The editor joins
the follow-up's writers, none of whom may approve it (four eyes).
"""

from __future__ import annotations

from desktop.domain.ops import OpKind
from desktop.domain.roles import with_writer
from desktop.domain.statuses import CLOSED_STATUSES, VOIDED_BY_EDIT, FollowupState
from server.models import Complaint
from server.ops.base import OpConflict, OpContext, OpRejected, register, text_hash
from server.serialize import followup as followup_data


@register(OpKind.FOLLOWUP_EDIT)
def followup_edit(ctx: OpContext) -> Complaint:
    row, fu = ctx.followup()
    if ctx.op.base_version is None:
        raise OpRejected("invalid", "This op needs base_version (the follow-up's version).")
    base_hash = ctx.op.payload.get("base_text_hash")
    if ctx.op.base_version != fu.version and not (isinstance(base_hash, str) and base_hash == fu.content_hash):
        raise OpConflict(followup_data(fu), fu.version, "followup")
    if fu.state == FollowupState.PUBLISHED:
        raise OpRejected("wrong_state", "A published follow-up cannot be edited; write a new one.")
    if row.status in CLOSED_STATUSES:
        raise OpRejected("wrong_state", f"The complaint is {row.status}.")
    body = ctx.text("text") or ""
    ctx.event_data = {"followup_id": fu.id, "from_state": fu.state, "content_hash": text_hash(body)}
    if fu.state in VOIDED_BY_EDIT:
        fu.state = FollowupState.DRAFT
    fu.approved_by = fu.approved_at = None
    fu.text, fu.content_hash, fu.updated_at = body, text_hash(body), ctx.now
    # A new list, not an in-place append: the JSON column is only written when its value is replaced.
    fu.writer_ids = with_writer(fu.writer_ids, ctx.actor.user_id)
    ctx.touch_child(fu)
    return row
