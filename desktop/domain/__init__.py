"""Pure domain rules of the desk: statuses and transitions, roles and permissions, the working-day SLA clock.

No Qt, no database: everything here runs and is tested headless.
"""

from .ops import OpKind, OpOutcome, OpState
from .roles import Role, can, can_approve
from .sla import Due, Limits, SlaClock, Step, WorkingCalendar
from .statuses import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    TRANSITIONS,
    Status,
    allowed_next,
    can_transition,
    is_open,
)

__all__ = [
    "CLOSED_STATUSES",
    "OPEN_STATUSES",
    "TRANSITIONS",
    "Due",
    "Limits",
    "OpKind",
    "OpOutcome",
    "OpState",
    "Role",
    "SlaClock",
    "Status",
    "Step",
    "WorkingCalendar",
    "allowed_next",
    "can",
    "can_approve",
    "can_transition",
    "is_open",
]
