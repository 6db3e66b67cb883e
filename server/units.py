"""Where a unit sits in the pemda tree: the OPD that scopes what its people see."""

from __future__ import annotations

from sqlalchemy.orm import Session

from server.models import Unit


def scope_of_unit(session: Session, unit_id: str) -> str:
    """The OPD id a record held at `unit_id` is visible to (a sub-unit's parent; pemda/external: itself)."""
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise LookupError(unit_id)
    if unit.kind == "subunit" and unit.parent_id is not None:
        return unit.parent_id
    return unit.id
