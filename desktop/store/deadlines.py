"""The working-day deadline of complaints, in SQL and in Python: the office's SLA clock, the "overdue" condition,
the due day of each complaint for ORDER BY deadline, and the deadlines of a page of rows.

Both sides follow ``SlaClock.next_due`` (desktop/domain/sla.py): the SQL decides which complaints are overdue and
how they sort over 100,000 rows; the Python computes what a row shows. The statuses come from
desktop.domain.statuses, never as literals of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from desktop.domain.sla import Limits, SlaClock, Step, WorkingCalendar
from desktop.domain.statuses import CLOCK_RUNNING, FollowupState, Status
from desktop.store.engine import Replica
from desktop.store.sql import code, codes, json_each, loads

# Where the clock runs (desktop.domain.statuses.CLOCK_RUNNING: ditunda is open, but waits on the reporter).
_CLOCK_RUNNING = codes(sorted(CLOCK_RUNNING))
# A published follow-up moved the complaint here: the reporter's reply window runs from the latest one.
_FOLLOWED_UP = code(Status.DITINDAKLANJUTI)
# SQL (over ``complaints c``): when the latest published follow-up of the complaint was made, or NULL.
LAST_FOLLOWUP = (
    "(SELECT max(coalesce(f.updated_at, f.created_at)) FROM followups f"
    f" WHERE f.complaint_id = c.id AND f.state = {code(FollowupState.PUBLISHED)})"
)


@dataclass(frozen=True)
class Deadline:
    """The deadline a complaint is working against (see ``SlaClock.next_due``), as seen on ``now``'s office day."""

    step: str
    due: dt.date
    remaining: int  # working days left: 0 = due today, negative = working days overdue
    overdue: bool


def office_clock(replica: Replica) -> SlaClock:
    """The SLA clock of the signed-in user's office: the hub's holidays and limits, the unit's time zone."""
    with replica.read() as conn:
        days = [r[0] for r in conn.execute(text("SELECT date FROM holidays WHERE active"))]
        sla = conn.execute(text("SELECT data FROM sla ORDER BY id = 'default' DESC LIMIT 1")).scalar()
        tz = conn.execute(
            text("SELECT u.timezone FROM units u JOIN users s ON s.unit_id = u.id WHERE s.id = :me"),
            {"me": replica.user_id or ""},
        ).scalar()
    holidays = []
    for d in days:
        try:
            holidays.append(dt.date.fromisoformat(str(d)[:10]))
        except ValueError:
            continue
    limits = Limits.from_record(loads(sla) or {}) if sla else Limits()
    try:
        return SlaClock(WorkingCalendar(holidays), limits, tz or "Asia/Jakarta")
    except (KeyError, ValueError):  # an unknown time zone name from the hub
        return SlaClock(WorkingCalendar(holidays), limits)


def _utc(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _cutoff(clock: SlaClock, step: Step, today: dt.date) -> str:
    """The UTC instant (ISO, comparable with stored times) before which a start makes ``step`` overdue ``today``:
    the office-local midnight of the first start day whose deadline is not before today (deadlines grow with the
    start day, so a bisection finds it)."""

    def due(day: dt.date) -> dt.date:
        return clock.deadline(step, dt.datetime.combine(day, dt.time(12), clock.tz))

    lo, hi = today - dt.timedelta(days=400), today  # due(hi) >= today always
    while lo < hi:
        mid = lo + (hi - lo) // 2
        if due(mid) >= today:
            hi = mid
        else:
            lo = mid + dt.timedelta(days=1)
    start = dt.datetime.combine(lo, dt.time(0), clock.tz).astimezone(dt.UTC)
    return start.strftime("%Y-%m-%dT%H:%M:%S")


def overdue_condition(clock: SlaClock, now: dt.datetime | None, params: dict[str, Any]) -> str:
    """SQL (over ``complaints c``) for "past its deadline", the same rule as ``SlaClock.next_due``/``deadlines``."""
    today = clock.local_date(now or dt.datetime.now(dt.UTC))
    for key, step in (
        ("od_verify", Step.VERIFY),
        ("od_first", Step.FIRST_FOLLOWUP),
        ("od_finish", Step.FINISH),
        ("od_info", Step.INFO),
        ("od_reply", Step.REPLY_WINDOW),
    ):
        params[key] = _cutoff(clock, step, today)
    lf = LAST_FOLLOWUP
    return (
        f"((c.status = {_FOLLOWED_UP} AND {lf} < :od_reply)"
        f" OR ((c.status != {_FOLLOWED_UP} OR {lf} IS NULL) AND ("
        f"(c.kind = 'permintaan_informasi' AND c.status IN {_CLOCK_RUNNING} AND c.arrived_at < :od_info)"
        " OR (c.kind != 'permintaan_informasi' AND ("
        f"(c.status = {code(Status.TERDISPOSISI)} AND c.arrived_at < :od_verify)"
        f" OR (c.status = {code(Status.DIPROSES)} AND c.arrived_at < :od_first)"
        f" OR (c.status IN {codes((Status.DITINDAKLANJUTI, Status.DITANGGAPI_PELAPOR))}"
        " AND c.arrived_at < :od_finish))))))"
    )


def deadlines(
    replica: Replica, complaint_ids: Sequence[str], clock: SlaClock, now: dt.datetime | None = None
) -> dict[str, Deadline]:
    """The current deadline of each complaint whose clock runs (closed and on-hold ones are left out)."""
    if not complaint_ids:
        return {}
    now = now or dt.datetime.now(dt.UTC)
    params: dict[str, Any] = {}
    sql = (
        f"SELECT c.id, c.status, c.kind, c.arrived_at, {LAST_FOLLOWUP} AS last_followup "
        f"FROM complaints c WHERE c.id IN {json_each('i', list(complaint_ids), params)}"
    )
    with replica.read() as conn:
        found = list(conn.execute(text(sql), params).mappings())
    out: dict[str, Deadline] = {}
    deadline_of = DeadlineMemo(clock, now)
    for r in found:
        found_due = deadline_of(r["status"], r["kind"], r["arrived_at"], r["last_followup"])
        if found_due is not None:
            out[r["id"]] = found_due
    return out


class DeadlineMemo:
    """``(status, kind, arrived_at, last_followup) → Deadline | None`` for one clock and one "now" (``page`` and
    ``deadlines`` use one per call).

    Deadlines depend on the office-local start day only: rows of one page share most of them, so the working-day
    arithmetic runs once per (status, kind, start day), and a stored time is parsed once per distinct string."""

    def __init__(self, clock: SlaClock, now: dt.datetime | None) -> None:
        self._clock = clock
        self._now = now or dt.datetime.now(dt.UTC)
        self._days: dict[str | None, tuple[dt.datetime, dt.date] | None] = {None: None}
        self._memo: dict[tuple[str, str, dt.date, dt.date | None], Deadline | None] = {}
        self._by_day: dict[tuple[str, str, str], Deadline | None] = {}

    def _day(self, value: str | None) -> tuple[dt.datetime, dt.date] | None:
        if value not in self._days:
            moment = _utc(value)
            self._days[value] = None if moment is None else (moment, self._clock.local_date(moment))
        return self._days[value]

    def __call__(
        self,
        status: str,
        kind: str,
        arrived_at: str | None,
        last_followup: str | None,
        arrived_day: str | None = None,
    ) -> Deadline | None:
        """``arrived_day``: the office-local day of ``arrived_at`` when the caller has it (ISO), saving a parse."""
        last = self._day(last_followup) if status == Status.DITINDAKLANJUTI else None
        if arrived_day is not None and last is None:
            fast = (status, kind, arrived_day)
            if fast not in self._by_day:
                self._by_day[fast] = self(status, kind, arrived_at, None)
            return self._by_day[fast]
        arrived = self._day(arrived_at)
        if arrived is None:
            return None
        key = (status, kind, arrived[1], last[1] if last else None)
        if key not in self._memo:
            self._memo[key] = _deadline(
                self._clock, status, kind, arrived[0], last[0] if last else None, self._now
            )
        return self._memo[key]


# The due day of each (step, office-local start day), for ORDER BY deadline. A TEMP table of the connection (it
# costs the main database nothing, needs no write lock), filled for the days the complaints start on; refilled only
# when the clock (holidays, limits, time zone) or the range of days changes.
_DUE_DAYS_TABLE = (
    "CREATE TEMP TABLE IF NOT EXISTS due_days (step TEXT NOT NULL, day TEXT NOT NULL, due TEXT NOT NULL, "
    "PRIMARY KEY (step, day)) WITHOUT ROWID"
)
_DUE_DAYS_META = "CREATE TEMP TABLE IF NOT EXISTS due_days_meta (signature TEXT NOT NULL)"


def _due_rows(clock: SlaClock, first: dt.date, last: dt.date) -> list[tuple[str, str, str]]:
    rows = []
    day = first
    while day <= last:
        start = dt.datetime.combine(day, dt.time(12), clock.tz)
        for step in Step:
            rows.append((str(step), day.isoformat(), clock.deadline(step, start).isoformat()))
        day += dt.timedelta(days=1)
    return rows


def fixed_offset(clock: SlaClock) -> str | None:
    """The SQLite date modifier of the office's zone (``+480 minutes``), or None if its offset changes in the year."""
    offsets = {clock.tz.utcoffset(dt.datetime(2026, month, 1)) for month in (1, 7)}
    if len(offsets) != 1:
        return None
    offset = offsets.pop() or dt.timedelta(0)
    return f"{int(offset.total_seconds() // 60):+d} minutes"


def _fill_due_days(conn: Connection, clock: SlaClock, now: dt.datetime) -> None:
    oldest = conn.execute(text("SELECT min(arrived_at) FROM complaints")).scalar()
    start = _utc(oldest) or now
    first, last = clock.local_date(start), clock.local_date(now) + dt.timedelta(days=1)
    signature = repr(
        (sorted(clock.calendar.holidays), sorted(clock.calendar.weekend), clock.limits, str(clock.tz))
    )
    signature += f"|{first}|{last}"
    conn.execute(text(_DUE_DAYS_TABLE))
    conn.execute(text(_DUE_DAYS_META))
    if conn.execute(text("SELECT signature FROM temp.due_days_meta")).scalar() == signature:
        return
    conn.execute(text("DELETE FROM temp.due_days"))
    conn.execute(text("DELETE FROM temp.due_days_meta"))
    conn.exec_driver_sql(
        "INSERT INTO temp.due_days (step, day, due) VALUES (?, ?, ?)", _due_rows(clock, first, last)
    )
    conn.execute(text("INSERT INTO temp.due_days_meta (signature) VALUES (:s)"), {"s": signature})


def deadline_expression(
    conn: Connection, clock: SlaClock, params: dict[str, Any], now: dt.datetime | None = None
) -> str:
    """SQL (over ``complaints c``) for the due day (ISO date) of a complaint, the same rule as ``SlaClock.next_due``:
    NULL when its clock does not run. Needs the TEMP table this fills on ``conn``."""
    now = now or dt.datetime.now(dt.UTC)
    _fill_due_days(conn, clock, now)
    offset = clock.tz.utcoffset(now) or dt.timedelta(0)  # the office zones of Indonesia keep no summer time
    params["due_tz"] = f"{int(offset.total_seconds() // 60):+d} minutes"

    def due(step: Step, start: str) -> str:
        return (
            f"(SELECT d.due FROM temp.due_days d WHERE d.step = '{step}' AND d.day = date({start}, :due_tz))"
        )

    lf = LAST_FOLLOWUP
    return (
        f"(CASE WHEN c.status NOT IN {_CLOCK_RUNNING} THEN NULL"
        f" WHEN c.status = {_FOLLOWED_UP} AND {lf} IS NOT NULL THEN {due(Step.REPLY_WINDOW, lf)}"
        f" WHEN c.kind = 'permintaan_informasi' THEN {due(Step.INFO, 'c.arrived_at')}"
        f" WHEN c.status = {code(Status.TERDISPOSISI)} THEN {due(Step.VERIFY, 'c.arrived_at')}"
        f" WHEN c.status = {code(Status.DIPROSES)} THEN {due(Step.FIRST_FOLLOWUP, 'c.arrived_at')}"
        f" ELSE {due(Step.FINISH, 'c.arrived_at')} END)"
    )


def _deadline(
    clock: SlaClock, status: str, kind: str, arrived: dt.datetime, last: dt.datetime | None, now: dt.datetime
) -> Deadline | None:
    try:
        due = clock.next_due(status, kind, arrived, last_followup_at=last)
    except ValueError:  # a status this desk does not know
        return None
    if due is None:
        return None
    return Deadline(
        step=str(due.step),
        due=due.deadline,
        remaining=clock.remaining_working_days(due.deadline, now),
        overdue=clock.is_overdue(due.deadline, now),
    )
