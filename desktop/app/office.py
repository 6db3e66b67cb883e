"""The office's calendar and clock as the dialogs need them: the working calendar, the office's time zone and
today's date there (a due date is a date in the office's zone, WIB/WITA/WIT)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from desktop.domain.sla import WorkingCalendar
from desktop.store import deadlines, lookups
from desktop.store.engine import Replica

DEFAULT_TIMEZONE = "Asia/Jakarta"


def working_calendar(replica: Replica) -> WorkingCalendar:
    """The working calendar from the holidays the hub synced (national and cuti bersama): the same one the queue's
    deadlines are counted on."""
    return deadlines.office_clock(replica).calendar


def office_timezone(replica: Replica, unit_id: str | None) -> str:
    """The IANA zone of the office holding a complaint, walking up to the pemda if the unit names none."""
    by_id = {u.id: u for u in lookups.units(replica)}
    seen: set[str] = set()
    current = unit_id
    while current and current in by_id and current not in seen:
        seen.add(current)
        tz = by_id[current].extra.get("timezone")
        if tz:
            return str(tz)
        current = by_id[current].parent_id
    return DEFAULT_TIMEZONE


def office_today(replica: Replica, unit_id: str | None, now: dt.datetime | None = None) -> dt.date:
    moment = now or dt.datetime.now(dt.UTC)
    return moment.astimezone(ZoneInfo(office_timezone(replica, unit_id))).date()
