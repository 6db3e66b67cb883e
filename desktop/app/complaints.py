"""Actions on a complaint: dispositions (internal, or "bukan wewenang"), internal notes, assignment, claiming, a
status moved by hand; and what their dialogs offer (who acts, where a disposition can go).

Each action is ONE store transaction (the local change and its outbox op), so it shows at once in the queue and
the timeline with its sync badge and is pushed exactly once. They run on the DB lane and return the
:class:`~desktop.app.changes.Changes` they made (``result`` is the store's ActionResult).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from desktop.app.changes import Changes, local_action
from desktop.store import actions as store_actions
from desktop.store import lookups
from desktop.store.engine import Replica


@dataclass(frozen=True)
class Actor:
    """Who is acting: the signed-in user as the replica knows them."""

    id: str | None
    role: str
    unit_id: str | None
    name: str


def actor_of(session: Any) -> Actor:
    """The session's user, completed from the replica where the sign-in answer lacked a field."""
    user = dict(getattr(session, "user", None) or {})
    replica = getattr(session, "replica", None)
    if replica is not None and (not user.get("role") or not user.get("unit_id")):
        user = {**(lookups.current_user(replica) or {}), **{k: v for k, v in user.items() if v}}
    return Actor(
        id=user.get("id"),
        role=str(user.get("role") or ""),
        unit_id=user.get("unit_id"),
        name=str(user.get("full_name") or user.get("username") or ""),
    )


@dataclass(frozen=True)
class DispositionTargets:
    subunits: list[lookups.Option]  # sub-units of the OPD holding the complaint
    members: list[lookups.Option]  # the OPD's team (users of the OPD and its sub-units)
    external: list[lookups.Option]  # bodies outside the OPD: external bodies first, then the other OPDs


def disposition_targets(replica: Replica, opd_id: str | None) -> DispositionTargets:
    units = lookups.units(replica)
    children: dict[str | None, list[lookups.Option]] = {}
    for u in units:
        children.setdefault(u.parent_id, []).append(u)
    inside: list[lookups.Option] = []
    stack = list(children.get(opd_id, [])) if opd_id else []
    while stack:
        unit = stack.pop(0)
        if unit.extra.get("kind") == "subunit":
            inside.append(unit)
            stack.extend(children.get(unit.id, []))
    team_units = [opd_id, *(u.id for u in inside)] if opd_id else []
    members = lookups.users(replica, [u for u in team_units if u]) if team_units else []
    external = [u for u in units if u.extra.get("kind") == "external"]
    external += [u for u in units if u.extra.get("kind") == "opd" and u.id != opd_id]
    return DispositionTargets(inside, members, external)


def team_members(replica: Replica, opd_id: str | None) -> list[lookups.Option]:
    return disposition_targets(replica, opd_id).members


def dispose_internal(
    replica: Replica,
    complaint_id: str,
    *,
    to_unit_id: str | None,
    to_user_id: str | None,
    instruction: str,
    due_date: dt.date | None,
) -> Changes:
    result = store_actions.create_disposition(
        replica, complaint_id, kind="internal", instruction=instruction.strip(), to_unit_id=to_unit_id,
        to_user_id=to_user_id, due_date=due_date,
    )  # fmt: skip
    return local_action(complaint_id, result)


def dispose_external(
    replica: Replica, complaint_id: str, *, reason: str, suggested_body: str | None, instruction: str = ""
) -> Changes:
    """A "bukan wewenang" disposition: the complaint goes back for re-routing, with a reason and a suggested body."""
    result = store_actions.create_disposition(
        replica, complaint_id, kind="external", instruction=instruction.strip(), reason=reason.strip(),
        suggested_body=(suggested_body or None),
    )  # fmt: skip
    return local_action(complaint_id, result)


def add_note(replica: Replica, complaint_id: str, text: str) -> Changes:
    return local_action(complaint_id, store_actions.add_note(replica, complaint_id, text))


def assign(replica: Replica, complaint_id: str, assignee_id: str) -> Changes:
    return local_action(complaint_id, store_actions.assign(replica, complaint_id, assignee_id))


def claim(replica: Replica, complaint_id: str) -> Changes:
    """Claim ("Ambil"): take the complaint for oneself (staff may)."""
    return local_action(complaint_id, store_actions.claim(replica, complaint_id))


def change_status(replica: Replica, complaint_id: str, status: str, reason: str | None = None) -> Changes:
    return local_action(
        complaint_id, store_actions.change_status(replica, complaint_id, status, reason=reason)
    )
