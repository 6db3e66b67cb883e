"""Working-day calendar and the SLA clock of a complaint (DOMAIN.md, "Time limits").

Everything numeric is configuration: the limits come from the hub's ``sla`` record and the holidays (national and
cuti bersama) from its ``holiday`` records, so a mid-year change of the SKB decree is a data update.
Dates are counted in the office's local time (WIB/WITA/WIT): a complaint that arrives at 16:30 UTC arrives on the
next day in a WITA office (00:30), and that is the day its clock starts from.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from .statuses import Status

_DAY = timedelta(days=1)


class WorkingCalendar:
    """Working days: not a weekend day, not a holiday (national or cuti bersama).

    ``weekend`` holds ``date.weekday()`` numbers (Monday = 0): Saturday and Sunday by default.
    """

    def __init__(self, holidays: Iterable[date] = (), weekend: Iterable[int] = (5, 6)) -> None:
        self.weekend = frozenset(weekend)
        if not self.weekend <= set(range(7)) or len(self.weekend) == 7:
            raise ValueError("weekend must be weekday numbers 0-6 and leave at least one working day")
        self.holidays = frozenset(holidays)
        # Only holidays on would-be working days change a count; sorted for range counting by bisection.
        self._off = sorted(d for d in self.holidays if d.weekday() not in self.weekend)
        self._workdays_per_week = 7 - len(self.weekend)
        # _prefix[i] = working weekdays among the first i days of a week starting on Monday.
        self._prefix = [0]
        for wd in range(7):
            self._prefix.append(self._prefix[-1] + (wd not in self.weekend))

    def is_working_day(self, day: date) -> bool:
        return day.weekday() not in self.weekend and day not in self.holidays

    def _weekdays_before(self, day: date) -> int:
        """Non-weekend days from a fixed Monday (0001-01-01) up to, not including, ``day``."""
        weeks, rest = divmod(day.toordinal() - 1, 7)
        return weeks * self._workdays_per_week + self._prefix[rest]

    def working_days_between(self, a: date, b: date) -> int:
        """Working days ``d`` with ``a < d <= b``; negative (the same count for ``(b, a]``) when ``b < a``.

        So ``working_days_between(a, add_working_days(a, n)) == n`` for every ``n >= 0``.
        """
        if b < a:
            return -self.working_days_between(b, a)
        weekdays = self._weekdays_before(b + _DAY) - self._weekdays_before(a + _DAY)
        off = bisect.bisect_right(self._off, b) - bisect.bisect_right(self._off, a)
        return weekdays - off

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start`` (``start`` itself when ``n == 0``)."""
        if n < 0:
            raise ValueError("n must be >= 0")
        day, remaining = start, n
        # Jump whole weeks while that cannot overshoot (holidays only make a jump count less) and leaves at least
        # one day to walk, since a jump may land on a weekend; then walk day by day.
        while remaining > self._workdays_per_week:
            nxt = day + timedelta(weeks=(remaining - 1) // self._workdays_per_week)
            remaining -= self.working_days_between(day, nxt)
            day = nxt
        while remaining > 0:
            day += _DAY
            if self.is_working_day(day):
                remaining -= 1
        return day

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the first one after it."""
        while not self.is_working_day(day):
            day += _DAY
        return day


@dataclass(frozen=True)
class Limits:
    """The time limits, with the protocol's ``sla`` record field names; defaults per DOMAIN.md."""

    verify_days: int = 3
    first_followup_days: int = 5
    reply_window_days: int = 10
    finish_days: int = 60
    info_days: int = 10
    info_extension_days: int = 7
    # Sources disagree whether the reply window counts calendar or working days; the hub's default is calendar.
    reply_window_working_days: bool = False
    # "60 days" to finish is uncertain too; counted in working days unless configured otherwise.
    finish_working_days: bool = True

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Limits:
        """From the protocol's ``sla`` record data: ``{limits: {...}, reply_window_working_days}``."""
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: v for k, v in dict(record.get("limits") or {}).items() if k in known}
        for key in ("reply_window_working_days", "finish_working_days"):
            if key in record:
                values[key] = bool(record[key])
        return cls(**values)


class Step(StrEnum):
    VERIFY = "verify"  # verification and routing by the admins
    FIRST_FOLLOWUP = "first_followup"  # the body's first follow-up
    REPLY_WINDOW = "reply_window"  # the reporter's window after the latest follow-up; then auto-close
    FINISH = "finish"  # the complaint is finished
    INFO = "info"  # an information request is answered (UU 14/2008)


@dataclass(frozen=True)
class Due:
    step: Step
    deadline: date  # the last day, in the office's local calendar


class SlaClock:
    """Deadlines of complaints for one office (its time zone and working calendar)."""

    def __init__(self, calendar: WorkingCalendar, limits: Limits | None = None,
                 tz: str | ZoneInfo = "Asia/Jakarta") -> None:
        self.calendar = calendar
        self.limits = limits or Limits()
        self.tz = tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)

    def local_date(self, at: datetime) -> date:
        if at.tzinfo is None:
            raise ValueError("a naive datetime has no place on the office clock; give an aware one (UTC)")
        return at.astimezone(self.tz).date()

    def _after(self, start: datetime, days: int, working: bool = True) -> date:
        day = self.local_date(start)
        return self.calendar.add_working_days(day, days) if working else day + timedelta(days=days)

    def deadline(self, step: Step | str, start: datetime, *, extended: bool = False) -> date:
        """The last day of ``step`` counted from ``start``: arrival for verify, first follow-up and info, the latest
        published follow-up for the reply window, the moment the file was complete for finish."""
        lim = self.limits
        match Step(step):
            case Step.VERIFY:
                return self._after(start, lim.verify_days)
            case Step.FIRST_FOLLOWUP:
                return self._after(start, lim.first_followup_days)
            case Step.REPLY_WINDOW:
                return self._after(start, lim.reply_window_days, lim.reply_window_working_days)
            case Step.FINISH:
                return self._after(start, lim.finish_days, lim.finish_working_days)
            case Step.INFO:
                return self._after(start, lim.info_days + (lim.info_extension_days if extended else 0))
        raise AssertionError(step)  # pragma: no cover - match is exhaustive

    def next_due(self, status: Status | str, kind: str, arrived_at: datetime, *,
                 last_followup_at: datetime | None = None, extended: bool = False) -> Due | None:
        """The deadline the OPD is working against now, or None when the clock does not run for it (closed, or
        on hold waiting for the reporter)."""
        status = Status(status)
        if status in (Status.SELESAI, Status.DIKEMBALIKAN, Status.ARSIP, Status.DITUNDA):
            return None
        if status == Status.DITINDAKLANJUTI and last_followup_at is not None:
            return Due(Step.REPLY_WINDOW, self.deadline(Step.REPLY_WINDOW, last_followup_at))
        if kind == "permintaan_informasi":
            return Due(Step.INFO, self.deadline(Step.INFO, arrived_at, extended=extended))
        if status == Status.TERDISPOSISI:
            return Due(Step.VERIFY, self.deadline(Step.VERIFY, arrived_at))
        if status == Status.DIPROSES:
            return Due(Step.FIRST_FOLLOWUP, self.deadline(Step.FIRST_FOLLOWUP, arrived_at))
        return Due(Step.FINISH, self.deadline(Step.FINISH, arrived_at))

    def remaining_working_days(self, deadline: date, now: datetime) -> int:
        """Working days left until ``deadline`` as seen in the office today: 0 = due today (or the deadline passed
        only over non-working days), negative = working days overdue."""
        return self.calendar.working_days_between(self.local_date(now), deadline)

    def is_overdue(self, deadline: date, now: datetime) -> bool:
        return self.local_date(now) > deadline
