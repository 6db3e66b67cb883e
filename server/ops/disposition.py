"""`disposition.create`: route inside the OPD (internal) or send back as "bukan wewenang" (external)."""

from __future__ import annotations

from sqlalchemy import select

from desktop.domain.ops import OpKind
from desktop.domain.roles import Role
from desktop.domain.statuses import CLOSED_STATUSES, Status
from server.models import Complaint, Disposition, Unit
from server.ops.base import OpContext, OpRejected, register
from server.units import scope_of_unit

# Closed for good; a complaint sent back (dikembalikan) is still the coordinator's to re-route.
_FINISHED = CLOSED_STATUSES - {Status.DIKEMBALIKAN}


@register(OpKind.DISPOSITION_CREATE)
def disposition_create(ctx: OpContext) -> Complaint:
    row = ctx.complaint()
    ctx.expect_version(row)
    kind = ctx.op.payload.get("kind")
    if kind not in ("internal", "external"):
        raise OpRejected("invalid", "payload.kind must be internal or external.")
    if row.status in _FINISHED:
        raise OpRejected("wrong_state", "The complaint is closed.")
    disp = Disposition(id=ctx.new_id("disposition_id"), complaint_id=row.id, kind=kind,
                       from_unit_id=row.unit_id, instruction=ctx.text("instruction", required=False) or "",
                       due_date=ctx.date("due_date"), created_by=ctx.actor.user_id, created_at=ctx.now)
    if kind == "internal":
        _internal(ctx, row, disp)
    else:
        _external(ctx, row, disp)
    ctx.touch(row)
    ctx.add_child(disp, row)
    ctx.event_data = {"disposition_id": disp.id, "kind": kind, "status": row.status, "unit_id": row.unit_id}
    return row


def _unit(ctx: OpContext, key: str) -> Unit | None:
    unit_id = ctx.op.payload.get(key)
    if unit_id is None:
        return None
    unit = ctx.session.get(Unit, str(unit_id))
    if unit is None:
        raise OpRejected("not_found", f"No unit {key}.")
    return unit


def _internal(ctx: OpContext, row: Complaint, disp: Disposition) -> None:
    target = _unit(ctx, "to_unit_id")
    to_user = ctx.op.payload.get("to_user_id")
    if target is None and to_user is None:
        raise OpRejected("invalid", "An internal disposition needs to_unit_id or to_user_id.")
    if row.status == Status.DIKEMBALIKAN and ctx.actor.role != Role.COORDINATOR:
        raise OpRejected("wrong_state", "A returned complaint is re-routed by the coordinator.")
    routed = False
    if target is not None:
        if target.kind not in ("opd", "subunit"):
            raise OpRejected("invalid", "Dispose to an OPD or one of its sub-units.")
        target_scope = scope_of_unit(ctx.session, target.id)
        if target_scope != row.scope_unit_id:
            # Only the coordinator routes between OPDs; the complaint arrives there afresh.
            if ctx.actor.role != Role.COORDINATOR:
                raise OpRejected("forbidden", "You can dispose only inside your OPD.")
            ctx.move(row, target_scope)
            row.status, row.assignee_id, row.subunit_id, routed = str(Status.TERDISPOSISI), None, None, True
        if target.kind == "subunit":
            row.subunit_id = target.id
        disp.to_unit_id = target.id
    if to_user is not None:
        ctx.user_in_scope(str(to_user), row.scope_unit_id or "")
        row.assignee_id = disp.to_user_id = str(to_user)
    if row.status == Status.TERDISPOSISI and not routed:
        row.status = str(Status.DIPROSES)  # the OPD's first internal disposition is its first response


def _external(ctx: OpContext, row: Complaint, disp: Disposition) -> None:
    if row.status == Status.DIKEMBALIKAN:
        raise OpRejected("wrong_state", "The complaint was already sent back.")
    disp.reason = ctx.text("reason")
    disp.suggested_body = ctx.text("suggested_body", required=False, max_len=255)
    target = _unit(ctx, "to_unit_id")
    disp.to_unit_id = target.id if target is not None else None
    pemda = ctx.session.scalars(select(Unit).where(Unit.kind == "pemda")).first()
    if pemda is None:
        raise OpRejected("invalid", "The hub has no pemda unit.")
    # "Bukan wewenang": the complaint goes back to the admin instansi for re-routing, out of this OPD.
    ctx.move(row, pemda.id)
    row.status, row.subunit_id, row.assignee_id = str(Status.DIKEMBALIKAN), None, None
