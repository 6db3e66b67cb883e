"""The read API of the replica for the UI: plain frozen dataclasses, never ORM objects.

Everything is filtered, sorted and paged in SQL (indexes on the queue columns, FTS5 for search), so a list view
can page through 100,000 complaints: ``count()`` once, then ``page()`` for each window of rows (one statement for
the ids, the row data and the latest follow-up; the working-day deadline memoised per start day). ``ids()`` and
``rows()`` remain for callers that hold ids.
Local work overlays the mirror: a complaint with ops not yet acknowledged has ``pending=True`` and shows the
effect of its queued ops (assignee, status); a note added offline appears in ``detail().notes`` with
``pending=True``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, text

from desktop.domain.sla import Limits, SlaClock, Step, WorkingCalendar
from desktop.domain.statuses import CLOCK_RUNNING, CLOSED_STATUSES, Status
from desktop.store.actions import FOLLOWUP_TARGET_KINDS, apply_followup_op
from desktop.store.engine import Replica
from desktop.store.errors import NotFound

QUEUES = (
    "baru", "mine", "need_followup", "awaiting_approval", "overdue", "drafts", "outbox", "conflicts", "all",
)  # fmt: skip
STATUSES = (
    "terdisposisi", "diproses", "ditindaklanjuti", "ditanggapi_pelapor", "selesai", "dikembalikan", "ditunda", "arsip",
)  # fmt: skip
PENDING_STATES = ("queued", "sent")
ATTENTION_STATES = ("conflict", "rejected")

SORT_COLUMNS: dict[str, str] = {
    "tracking_id": "c.tracking_id",
    "title": "c.title",
    "category_name": "c.category_name",
    "kecamatan": "c.kecamatan",
    "status": "c.status",
    "arrived_at": "c.arrived_at",
    "assignee_name": "c.assignee_name",
    "channel": "c.channel",
    "deadline": "",  # computed per query from the office's working-day clock (see _deadline_order)
}


# ---------------------------------------------------------------- value types
@dataclass(frozen=True)
class QueueFilter:
    queue: str = "all"
    search: str = ""
    status: str | None = None
    category_id: str | None = None
    kecamatan: str | None = None
    channel: str | None = None
    date_from: dt.date | str | None = None  # arrived on or after (YYYY-MM-DD, UTC date)
    date_to: dt.date | str | None = None  # arrived on or before (inclusive)
    now: dt.datetime | None = None  # the "overdue" queue's clock (default: the current time)


@dataclass(frozen=True)
class SortKey:
    column: str = "arrived_at"
    descending: bool = True


@dataclass(frozen=True, slots=True)
class QueueRow:
    id: str
    tracking_id: int
    title: str
    category_name: str | None
    kecamatan: str | None
    status: str
    arrived_at: str
    assignee_name: str | None
    pending: bool
    secret: bool
    conflict: bool = False  # an op of this complaint came back conflict/rejected
    channel: str = ""
    assignee_id: str | None = None
    kind: str = ""
    deadline: Deadline | None = None  # filled by page() when given a clock; None when the clock does not run


@dataclass(frozen=True)
class Location:
    province: str | None
    regency: str | None
    kecamatan: str | None
    desa: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Reporter:
    name: str | None
    contact: str | None


@dataclass(frozen=True)
class TimelineEntry:
    """One item of a complaint's history: note, disposition, followup, reply, attachment or event."""

    type: str
    id: str
    at: str
    author_id: str | None
    author_name: str | None
    text: str
    data: Mapping[str, Any]
    pending: bool = False  # made on this device, not yet acknowledged by the hub
    op_state: str | None = None  # queued | sent | accepted | rejected | conflict (local entries only)
    reason: str | None = None  # the hub's reason code for rejected/conflict
    version: int | None = None


@dataclass(frozen=True)
class ComplaintDetail:
    id: str
    version: int
    tracking_id: int
    title: str
    content: str
    kind: str
    channel: str
    status: str
    unit_id: str | None
    unit_name: str | None
    subunit_id: str | None
    subunit_name: str | None
    assignee_id: str | None
    assignee_name: str | None
    category_id: str | None
    category_name: str | None
    category_path: tuple[str, ...]
    tags: tuple[str, ...]
    incident_date: str | None
    submitted_at: str | None
    arrived_at: str
    updated_at: str | None
    location: Location
    anonymous: bool
    secret: bool
    reporter: Reporter | None  # None when anonymous (the hub never sends the identity) or not given
    pending: bool
    conflict: bool
    notes: tuple[TimelineEntry, ...] = ()
    dispositions: tuple[TimelineEntry, ...] = ()
    followups: tuple[TimelineEntry, ...] = ()
    replies: tuple[TimelineEntry, ...] = ()
    attachments: tuple[TimelineEntry, ...] = ()
    events: tuple[TimelineEntry, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()  # all of the above but events, oldest first
    ops: tuple[OutboxEntry, ...] = ()  # this complaint's ops not yet accepted


@dataclass(frozen=True)
class OutboxEntry:
    seq: int
    op_id: str
    kind: str
    target: str
    complaint_id: str | None
    base_version: int | None
    payload: Mapping[str, Any]
    created_at: str
    state: str
    reason: str | None
    result: Mapping[str, Any] | None
    attempts: int


@dataclass(frozen=True)
class Option:
    """An item of a lookup list (categories, units, users, kecamatan) for filters and dialogs."""

    id: str
    name: str
    parent_id: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


# ---------------------------------------------------------------- SQL building
_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(search: str) -> str | None:
    """``jalan rusak marabahan`` → ``"jalan"* AND "rusak"* AND "marabahan"*`` (every word as a prefix)."""
    words = _WORD.findall(search.lower())
    if not words:
        return None
    return " AND ".join(f'"{w}"*' for w in words)


def _as_date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


TRACKING_DIGITS = 7


def _tracking_condition(digits: str, params: dict[str, Any]) -> str:
    """A tracking ID or its first digits: ``1000`` finds 1000000-1000999 on the tracking_id index (a range, not
    the FTS index: a 7-digit number is one token and its prefix walks no text)."""
    params["tid"] = int(digits)
    cond = "c.tracking_id = :tid"
    if len(digits) < TRACKING_DIGITS and not digits.startswith("0"):
        scale = 10 ** (TRACKING_DIGITS - len(digits))
        params["tid_lo"], params["tid_hi"] = int(digits) * scale, (int(digits) + 1) * scale - 1
        cond = f"({cond} OR c.tracking_id BETWEEN :tid_lo AND :tid_hi)"
    return cond


def _where(replica: Replica, f: QueueFilter, params: dict[str, Any]) -> str:
    return " AND ".join(_conditions(replica, f, params)) or "1"


def _conditions(replica: Replica, f: QueueFilter, params: dict[str, Any]) -> list[str]:
    conds: list[str] = []
    q = f.queue or "all"
    if q not in QUEUES:
        raise ValueError(f"unknown queue {q!r}")
    if q == "baru":
        conds.append("c.status = 'terdisposisi'")
    elif q == "mine":
        params["me"] = replica.user_id or ""
        conds.append("c.assignee_id = :me")
    elif q == "need_followup":
        conds.append("c.status IN ('diproses', 'ditanggapi_pelapor')")
    elif q == "awaiting_approval":
        conds.append("c.id IN (SELECT complaint_id FROM followups WHERE state = 'submitted')")
    elif q == "drafts":
        params["me"] = replica.user_id or ""
        conds.append(
            "(c.id IN (SELECT complaint_id FROM followups WHERE state IN ('draft', 'returned') AND author_id = :me)"
            " OR c.id IN (SELECT complaint_id FROM local_records WHERE type = 'followup'))"
        )
    elif q == "overdue":
        conds.append(overdue_condition(office_clock(replica), f.now, params))
    elif q == "outbox":
        conds.append("c.id IN (SELECT complaint_id FROM outbox WHERE state != 'accepted')")
    elif q == "conflicts":
        conds.append("c.id IN (SELECT complaint_id FROM outbox WHERE state IN ('conflict', 'rejected'))")

    search = (f.search or "").strip()
    if search:
        if search.isdigit():
            conds.append(_tracking_condition(search, params))
        else:
            match = fts_query(search)
            if match:
                params["fts"] = match
                conds.append(_FTS_IN)
    if f.status:
        params["status"] = f.status
        conds.append("c.status = :status")
    if f.category_id:
        params["category_id"] = f.category_id
        conds.append("c.category_id = :category_id")
    if f.kecamatan:
        params["kecamatan"] = f.kecamatan
        conds.append("c.kecamatan = :kecamatan")
    if f.channel:
        params["channel"] = f.channel
        conds.append("c.channel = :channel")
    if f.date_from:
        params["date_from"] = _as_date(f.date_from).isoformat()
        conds.append("c.arrived_at >= :date_from")
    if f.date_to:
        params["date_to"] = (_as_date(f.date_to) + dt.timedelta(days=1)).isoformat()
        conds.append("c.arrived_at < :date_to")
    return conds


# Ties of a few-valued column broken by an indexed column: "status" walks ix_complaints_status_arrived in order
# (status alone would leave SQLite sorting each status' rows to reach a deep OFFSET), newest first within a status.
_TIE_BREAK = {"status": "c.arrived_at"}


def _order_clause(conn: Connection, replica: Replica, sort: SortKey | None, params: dict[str, Any]) -> str:
    """The ORDER BY terms over ``complaints c``; the last one is always the rowid, so the order is total."""
    sort = sort or SortKey()
    col = SORT_COLUMNS.get(sort.column)
    if col is None:
        raise ValueError(f"cannot sort by {sort.column!r}")
    direction = "DESC" if sort.descending else "ASC"
    if sort.column == "deadline":
        # Complaints whose clock does not run (closed, on hold) have no deadline: last in either direction.
        key = deadline_expression(conn, office_clock(replica), params)
        return f"{key} {direction} NULLS LAST, c.rowid {direction}"
    terms = [col, _TIE_BREAK[sort.column]] if sort.column in _TIE_BREAK else [col]
    return ", ".join(f"{t} {direction}" for t in [*terms, "c.rowid"])


# ---------------------------------------------------------------- queue API
def count(replica: Replica, f: QueueFilter) -> int:
    params: dict[str, Any] = {}
    conds = _conditions(replica, f, params)
    if conds == [_FTS_IN]:
        # Search alone: count the index's doclist, without reading a row of the complaints table (rowid ==
        # complaints.rowid, one FTS row per complaint).
        sql = "SELECT count(*) FROM complaint_fts WHERE complaint_fts MATCH :fts"
    else:
        sql = f"SELECT count(*) FROM complaints c WHERE {' AND '.join(conds) or '1'}"
    with replica.read() as conn:
        if len(conds) > 1 and _FTS_IN in conds and _many_matches(conn, params["fts"]):
            # Search within a queue: walk the queue's index and test each rowid against the matches (a Bloom filter
            # and a set), instead of reading the complaints row of every match (a common word: half the table).
            sql = sql.replace(_FTS_IN, "+" + _FTS_IN)
        return int(conn.execute(text(sql), params).scalar_one())


def _ids_sql(
    conn: Connection,
    replica: Replica,
    f: QueueFilter,
    params: dict[str, Any],
    select: str,
    order: str,
) -> str:
    """``SELECT <select> FROM complaints c WHERE <filter> ORDER BY <order> LIMIT :limit OFFSET :offset``."""
    where = _where(replica, f, params)
    sql = f"SELECT {select} FROM complaints c WHERE {where}"
    sql += f" ORDER BY {order} LIMIT :limit OFFSET :offset"
    if "fts" in params and _many_matches(conn, params["fts"]):
        # "+c.rowid": walk the ORDER BY index and test each row against the matches, instead of looking up
        # every match and sorting them all (a common word matches half the table; a page needs 200 rows).
        sql = sql.replace(_FTS_IN, "+" + _FTS_IN)
    return sql


def ids(
    replica: Replica, f: QueueFilter, sort: SortKey | None = None, offset: int = 0, limit: int = 100
) -> list[str]:
    params: dict[str, Any] = {"limit": max(0, int(limit)), "offset": max(0, int(offset))}
    with replica.read() as conn:
        order = _order_clause(conn, replica, sort, params)
        if sort is not None and sort.column == "deadline":
            window = _deadline_window(conn, replica, f, order, params)
            sql = f"SELECT c.id FROM ({window}) p JOIN complaints c ON c.rowid = p.rid ORDER BY p.pos"
        else:
            sql = _ids_sql(conn, replica, f, params, "c.id", order)
        return [r[0] for r in conn.execute(text(sql), params)]


# The deadline order of the last (filter, direction) asked on a connection, materialised: the order is a CASE over
# the working-day clock that no index can serve, so a page by OFFSET would sort the whole filtered table again
# (100-250 ms at 100k complaints, for every page of a scroll). TEMP, so per connection, with what it holds in a
# TEMP row beside it (rolled back with it): the statement and its parameters, PRAGMA data_version (moved by
# another connection's commit) and total_changes() (moved by this connection's own writes, due_days' included,
# and never moved back by a rollback).
_DEADLINE_ORDER = (
    "CREATE TEMP TABLE IF NOT EXISTS deadline_order (pos INTEGER PRIMARY KEY, rid INTEGER NOT NULL)",
    "CREATE TEMP TABLE IF NOT EXISTS deadline_order_meta "
    "(statement TEXT NOT NULL, data_version INTEGER NOT NULL, changes INTEGER NOT NULL)",
)


def _deadline_window(
    conn: Connection, replica: Replica, f: QueueFilter, order: str, params: dict[str, Any]
) -> str:
    """SQL for the ``(pos, rid)`` of the window ``:offset``/``:limit`` of the deadline order (``order``, from
    `_order_clause`), out of ``temp.deadline_order``, which this fills first when it holds another order."""
    where = _where(replica, f, params)
    fill = f"SELECT c.rowid FROM complaints c WHERE {where} ORDER BY {order}"
    bound = {k: v for k, v in params.items() if k not in ("limit", "offset")}
    statement = repr((fill, sorted((k, repr(v)) for k, v in bound.items())))
    for ddl in _DEADLINE_ORDER:
        conn.execute(text(ddl))
    held = conn.execute(text("SELECT statement, data_version, changes FROM temp.deadline_order_meta")).all()
    data_version = int(conn.execute(text("PRAGMA data_version")).scalar_one())
    changes = int(conn.execute(text("SELECT total_changes()")).scalar_one())
    if [tuple(r) for r in held] != [(statement, data_version, changes)]:
        conn.execute(text("DELETE FROM temp.deadline_order_meta"))
        conn.execute(text("DELETE FROM temp.deadline_order"))
        conn.execute(text(f"INSERT INTO temp.deadline_order (rid) {fill}"), bound)
        changes = int(conn.execute(text("SELECT total_changes()")).scalar_one()) + 1  # with the row below
        conn.execute(
            text("INSERT INTO temp.deadline_order_meta VALUES (:s, :v, :c)"),
            {"s": statement, "v": data_version, "c": changes},
        )
    return "SELECT pos, rid FROM temp.deadline_order WHERE pos > :offset AND pos <= :offset + :limit"


_PAGE_COLUMNS = (
    "c.id, c.tracking_id, c.title, c.category_name, c.kecamatan, c.status, c.arrived_at, c.assignee_name, "
    "c.assignee_id, c.secret, c.channel, c.kind"
)


def page(
    replica: Replica,
    f: QueueFilter,
    sort: SortKey | None = None,
    offset: int = 0,
    limit: int = 100,
    *,
    clock: SlaClock | None = None,
    now: dt.datetime | None = None,
) -> list[QueueRow]:
    """One window of the queue as rows, in one statement: the ids are chosen (filter, ORDER BY, OFFSET/LIMIT) in a
    subquery over the indexes, then only those rows are read, with their latest published follow-up and whether
    the outbox holds ops for them. With ``clock``, each row carries its working-day ``deadline`` (memoised per
    office-local start day: a page shares few of them)."""
    params: dict[str, Any] = {"limit": max(0, int(limit)), "offset": max(0, int(offset))}
    with replica.read() as conn:
        # The subquery picks the rowids over the indexes; the outer join reads only those rows and sorts the page
        # again by the same terms (a few hundred rows, not the filtered table: wide rows would go through the
        # sorter when the ORDER BY has no index).
        order = _order_clause(conn, replica, sort, params)
        if sort is not None and sort.column == "deadline":
            inner = _deadline_window(conn, replica, f, order, params)
            order = "p.pos"  # the window's own order (the same as the CASE's, computed once)
        else:
            inner = _ids_sql(conn, replica, f, params, "c.rowid AS rid", order)
        # The office-local arrival day from SQL when the office's zone has one offset all year (Indonesia's do):
        # the deadline memo then parses no time for a row whose (status, kind, day) it has seen.
        params["page_tz"] = _fixed_offset(clock) if clock is not None else None
        sql = (
            f"SELECT {_PAGE_COLUMNS}, "
            f"CASE WHEN c.status = 'ditindaklanjuti' THEN {_LAST_FOLLOWUP} END AS last_followup, "
            "EXISTS (SELECT 1 FROM outbox o WHERE o.complaint_id = c.id AND o.state IN "
            "('queued', 'sent', 'conflict', 'rejected')) AS has_ops, "
            "CASE WHEN :page_tz IS NOT NULL THEN date(c.arrived_at, :page_tz) END AS arrived_day "
            f"FROM ({inner}) p JOIN complaints c ON c.rowid = p.rid ORDER BY {order}"
        )
        found = conn.execute(text(sql), params).all()
        with_ops = [r[0] for r in found if r[13]]
        ops_by: dict[str, list[OutboxEntry]] = {}
        for op in _ops_for(conn, with_ops, [*PENDING_STATES, *ATTENTION_STATES]):
            ops_by.setdefault(op.complaint_id or "", []).append(op)
        overlays: dict[str, tuple[str, str | None, bool]] = {}
        for r in found:
            if r[0] in ops_by:
                overlays[r[0]] = _overlay(r[5], r[8], ops_by[r[0]])
        names = _user_names(conn, [o[1] for o in overlays.values() if o[2]])
    deadline_of = _DeadlineMemo(clock, now) if clock is not None else None
    out: list[QueueRow] = []
    for r in found:
        cid, status, assignee_id, assignee_name = r[0], r[5], r[8], r[7]
        pending = conflict = False
        if cid in overlays:
            ops = ops_by[cid]
            pending = any(o.state in PENDING_STATES for o in ops)
            conflict = any(o.state in ATTENTION_STATES for o in ops)
            status, new_assignee, changed = overlays[cid]
            if changed:
                assignee_id, assignee_name = new_assignee, names.get(new_assignee or "")
        deadline = None
        if deadline_of is not None:
            # The mirror's status: the deadline follows the hub's record, as in deadlines().
            deadline = deadline_of(r[5], r[11], r[6], r[12], r[14])
        out.append(
            QueueRow(
                id=cid,
                tracking_id=r[1],
                title=r[2],
                category_name=r[3],
                kecamatan=r[4],
                status=status,
                arrived_at=r[6],
                assignee_name=assignee_name,
                pending=pending,
                secret=bool(r[9]),
                conflict=conflict,
                channel=r[10],
                assignee_id=assignee_id,
                kind=r[11],
                deadline=deadline,
            )
        )
    return out


_FTS_IN = "c.rowid IN (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH :fts)"
_MANY_MATCHES = 2000


def _many_matches(conn: Connection, match: str) -> bool:
    sql = f"SELECT count(*) FROM (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH :m LIMIT {_MANY_MATCHES})"
    return int(conn.execute(text(sql), {"m": match}).scalar_one()) >= _MANY_MATCHES


def _in(name: str, values: Sequence[str], params: dict[str, Any]) -> str:
    # One JSON parameter instead of one per value: the statement text stays the same for any number of ids, so
    # it is compiled once (200 bound names cost more to parse than the query takes to run).
    params[name] = json.dumps(list(values))
    return f"(SELECT value FROM json_each(:{name}))"


def _ops_for(
    conn: Connection, complaint_ids: Sequence[str], states: Sequence[str] | None = None
) -> list[OutboxEntry]:
    if not complaint_ids:
        return []
    params: dict[str, Any] = {}
    sql = f"SELECT * FROM outbox WHERE complaint_id IN {_in('c', complaint_ids, params)}"
    if states:
        sql += f" AND state IN {_in('s', states, params)}"
    sql += " ORDER BY seq"
    return [_outbox_entry(r) for r in conn.execute(text(sql), params).mappings()]


def _loads(value: Any) -> Any:
    if value is None or isinstance(value, dict | list):
        return value
    try:
        return json.loads(value)
    except (TypeError, ValueError):
        return value


def _outbox_entry(r: Any) -> OutboxEntry:
    return OutboxEntry(
        seq=r["seq"],
        op_id=r["op_id"],
        kind=r["kind"],
        target=r["target"],
        complaint_id=r["complaint_id"],
        base_version=r["base_version"],
        payload=_loads(r["payload"]) or {},
        created_at=r["created_at"],
        state=r["state"],
        reason=r["reason"],
        result=_loads(r["result"]),
        attempts=r["attempts"] or 0,
    )


def _overlay(
    status: str, assignee_id: str | None, ops: Sequence[OutboxEntry], me: str | None = None
) -> tuple[str, str | None, bool]:
    """The effect of pending ops on (status, assignee); returns whether the assignee changed."""
    changed = False
    for op in ops:
        if op.state not in PENDING_STATES:
            continue
        p = op.payload
        if op.kind == "complaint.assign":
            assignee_id, changed = p.get("assignee_id"), True
        elif op.kind == "complaint.claim" and me:
            assignee_id, changed = me, True
        elif op.kind == "complaint.status" and p.get("status"):
            status = str(p["status"])
        elif op.kind == "followup.approve" and status not in CLOSED_STATUSES:
            status = str(Status.DITINDAKLANJUTI)  # publishing is what moves it there (server/ops/followup_approve.py)
        elif op.kind == "disposition.create":
            if p.get("kind") == "external":
                status = "dikembalikan"
            else:
                if status == "terdisposisi":
                    status = "diproses"
                if p.get("to_user_id"):
                    assignee_id, changed = p.get("to_user_id"), True
    return status, assignee_id, changed


def _user_names(conn: Connection, user_ids: Sequence[str | None]) -> dict[str, str]:
    wanted = sorted({u for u in user_ids if u})
    if not wanted:
        return {}
    params: dict[str, Any] = {}
    rows = conn.execute(
        text(f"SELECT id, full_name FROM users WHERE id IN {_in('u', wanted, params)}"), params
    )
    return {r[0]: r[1] for r in rows}


def rows(replica: Replica, complaint_ids: Sequence[str]) -> list[QueueRow]:
    """The list rows of ``complaint_ids``, in the same order (unknown ids are skipped)."""
    if not complaint_ids:
        return []
    params: dict[str, Any] = {}
    sql = (
        "SELECT c.id, c.tracking_id, c.title, c.category_name, c.kecamatan, c.status, c.arrived_at, "
        "c.assignee_name, c.assignee_id, c.secret, c.channel "
        f"FROM complaints c WHERE c.id IN {_in('i', complaint_ids, params)}"
    )
    with replica.read() as conn:
        found = {r["id"]: r for r in conn.execute(text(sql), params).mappings()}
        ops_by: dict[str, list[OutboxEntry]] = {}
        for op in _ops_for(conn, list(found), [*PENDING_STATES, *ATTENTION_STATES]):
            ops_by.setdefault(op.complaint_id or "", []).append(op)
        overlays: dict[str, tuple[str, str | None, bool]] = {
            cid: _overlay(found[cid]["status"], found[cid]["assignee_id"], ops, replica.user_id)
            for cid, ops in ops_by.items()
        }
        names = _user_names(conn, [o[1] for o in overlays.values() if o[2]])
    out: list[QueueRow] = []
    for cid in complaint_ids:
        r = found.get(cid)
        if r is None:
            continue
        ops = ops_by.get(cid, [])
        status, assignee_id, assignee_name = r["status"], r["assignee_id"], r["assignee_name"]
        if cid in overlays:
            status, new_assignee, changed = overlays[cid]
            if changed:
                assignee_id, assignee_name = new_assignee, names.get(new_assignee or "")
        out.append(
            QueueRow(
                id=cid,
                tracking_id=r["tracking_id"],
                title=r["title"],
                category_name=r["category_name"],
                kecamatan=r["kecamatan"],
                status=status,
                arrived_at=r["arrived_at"],
                assignee_name=assignee_name,
                pending=any(o.state in PENDING_STATES for o in ops),
                secret=bool(r["secret"]),
                conflict=any(o.state in ATTENTION_STATES for o in ops),
                channel=r["channel"],
                assignee_id=assignee_id,
            )
        )
    return out


def queue_counts(replica: Replica, user_id: str | None = None) -> dict[str, int]:
    """Number of complaints in each queue of :data:`QUEUES` (``mine``/``drafts`` for ``user_id``)."""
    me = user_id if user_id is not None else (replica.user_id or "")
    base = "SELECT count(*) FROM complaints c WHERE "
    sql = {
        "baru": base + "c.status = 'terdisposisi'",
        "mine": base + "c.assignee_id = :me",
        "need_followup": base + "c.status IN ('diproses', 'ditanggapi_pelapor')",
        "awaiting_approval": base + "c.id IN (SELECT complaint_id FROM followups WHERE state = 'submitted')",
        "drafts": base
        + "(c.id IN (SELECT complaint_id FROM followups WHERE state IN ('draft', 'returned') AND author_id = :me)"
        " OR c.id IN (SELECT complaint_id FROM local_records WHERE type = 'followup'))",
        "outbox": base + "c.id IN (SELECT complaint_id FROM outbox WHERE state != 'accepted')",
        "conflicts": base
        + "c.id IN (SELECT complaint_id FROM outbox WHERE state IN ('conflict', 'rejected'))",
        "all": "SELECT count(*) FROM complaints",
    }
    params: dict[str, Any] = {"me": me}
    sql["overdue"] = base + overdue_condition(office_clock(replica), None, params)
    with replica.read() as conn:
        return {q: int(conn.execute(text(sql[q]), params).scalar_one()) for q in QUEUES}


# ---------------------------------------------------------------- detail
def _entry(
    typ: str,
    r: Mapping[str, Any],
    names: Mapping[str, str],
    *,
    at_key: str = "created_at",
    author_key: str | None = None,
    text_key: str = "text",
) -> TimelineEntry:
    author = r.get(author_key) if author_key else None
    data = {k: _loads(v) if k in ("data", "tags", "writer_ids") else v for k, v in r.items()}
    return TimelineEntry(
        type=typ,
        id=r["id"],
        at=r.get(at_key) or "",
        author_id=author,
        author_name=names.get(author or ""),
        text=r.get(text_key) or "",
        data=data,
        version=r.get("version"),
    )


def detail(replica: Replica, complaint_id: str) -> ComplaintDetail:
    """Everything about one complaint, with this device's unsent work overlaid. Raises NotFound."""
    with replica.read() as conn:
        c = (
            conn.execute(text("SELECT * FROM complaints WHERE id = :id"), {"id": complaint_id})
            .mappings()
            .first()
        )
        if c is None:
            raise NotFound(complaint_id)
        p = {"id": complaint_id}
        notes = [
            dict(r) for r in conn.execute(text("SELECT * FROM notes WHERE complaint_id = :id"), p).mappings()
        ]
        disps = [
            dict(r)
            for r in conn.execute(text("SELECT * FROM dispositions WHERE complaint_id = :id"), p).mappings()
        ]
        fups = [
            dict(r)
            for r in conn.execute(text("SELECT * FROM followups WHERE complaint_id = :id"), p).mappings()
        ]
        reps = [
            dict(r)
            for r in conn.execute(text("SELECT * FROM replies WHERE complaint_id = :id"), p).mappings()
        ]
        atts = [
            dict(r)
            for r in conn.execute(text("SELECT * FROM attachments WHERE complaint_id = :id"), p).mappings()
        ]
        evts = [
            dict(r) for r in conn.execute(text("SELECT * FROM events WHERE complaint_id = :id"), p).mappings()
        ]
        local = [
            dict(r)
            for r in conn.execute(
                text(
                    "SELECT l.*, o.state AS op_state, o.reason AS op_reason FROM local_records l "
                    "LEFT JOIN outbox o ON o.op_id = l.op_id WHERE l.complaint_id = :id ORDER BY l.created_at"
                ),
                p,
            ).mappings()
        ]
        ops = _ops_for(conn, [complaint_id], [*PENDING_STATES, *ATTENTION_STATES])
        status, assignee_id, changed = _overlay(c["status"], c["assignee_id"], ops, replica.user_id)
        user_ids = [c["assignee_id"], assignee_id]
        user_ids += (
            [n["author_id"] for n in notes]
            + [d["created_by"] for d in disps]
            + [d["to_user_id"] for d in disps]
        )
        user_ids += (
            [f["author_id"] for f in fups] + [f["approved_by"] for f in fups] + [e["actor_id"] for e in evts]
        )
        for lr in local:
            data = _loads(lr["data"]) or {}
            user_ids += [data.get("author_id"), data.get("created_by"), data.get("to_user_id")]
        names = _user_names(conn, user_ids)
        unit_ids = [u for u in (c["unit_id"], c["subunit_id"]) if u]
        unit_names: dict[str, str] = {}
        if unit_ids:
            up: dict[str, Any] = {}
            unit_names = {
                r[0]: r[1]
                for r in conn.execute(
                    text(f"SELECT id, name FROM units WHERE id IN {_in('u', unit_ids, up)}"), up
                )
            }
        path: list[str] = []
        cat_id = c["category_id"]
        seen: set[str] = set()
        while cat_id and cat_id not in seen and len(path) < 10:
            seen.add(cat_id)
            cat = conn.execute(
                text("SELECT name, parent_id FROM categories WHERE id = :i"), {"i": cat_id}
            ).first()
            if cat is None:
                break
            path.insert(0, cat[0])
            cat_id = cat[1]

    note_entries = [_entry("note", n, names, author_key="author_id") for n in notes]
    disp_entries = [
        _entry("disposition", d, names, author_key="created_by", text_key="instruction") for d in disps
    ]
    fup_entries = [_entry("followup", f, names, author_key="author_id") for f in fups]
    mirror_ids = {n["id"] for n in notes} | {d["id"] for d in disps} | {f["id"] for f in fups}
    mirror_ids |= {a["id"] for a in atts}
    att_entries = [_entry("attachment", a, names, text_key="filename") for a in atts]
    for lr in local:
        if lr["id"] in mirror_ids:
            continue
        data = dict(_loads(lr["data"]) or {})
        data.setdefault("id", lr["id"])
        data.setdefault("created_at", lr["created_at"])
        op_state = lr["op_state"]
        author_key = "created_by" if lr["type"] == "disposition" else "author_id"
        entry = TimelineEntry(
            type=lr["type"],
            id=lr["id"],
            at=data.get("created_at") or lr["created_at"],
            author_id=data.get(author_key),
            author_name=names.get(data.get(author_key) or ""),
            text=(
                data.get("instruction")
                if lr["type"] == "disposition"
                else data.get("filename")
                if lr["type"] == "attachment"
                else data.get("text")
            )
            or "",  # fmt: skip
            data=data,
            pending=op_state != "accepted",
            op_state=op_state,
            reason=lr["op_reason"],
            version=None,
        )
        {"note": note_entries, "disposition": disp_entries, "followup": fup_entries,
         "attachment": att_entries}.get(lr["type"], note_entries).append(entry)  # fmt: skip
    fup_entries = _followup_overlay(fup_entries, ops, replica.user_id)
    rep_entries = [_entry("reply", r, names) for r in reps]
    evt_entries = [
        _entry("event", e, names, at_key="at", author_key="actor_id", text_key="kind") for e in evts
    ]

    def by_time(items: list[TimelineEntry]) -> tuple[TimelineEntry, ...]:
        return tuple(sorted(items, key=lambda e: (e.at, e.id)))

    reporter = None
    if not c["anonymous"] and (c["reporter_name"] or c["reporter_contact"]):
        reporter = Reporter(name=c["reporter_name"], contact=c["reporter_contact"])
    assignee_name = names.get(assignee_id or "") if changed else c["assignee_name"]
    return ComplaintDetail(
        id=c["id"],
        version=c["version"],
        tracking_id=c["tracking_id"],
        title=c["title"],
        content=c["content"],
        kind=c["kind"],
        channel=c["channel"],
        status=status,
        unit_id=c["unit_id"],
        unit_name=unit_names.get(c["unit_id"] or ""),
        subunit_id=c["subunit_id"],
        subunit_name=unit_names.get(c["subunit_id"] or ""),
        assignee_id=assignee_id,
        assignee_name=assignee_name,
        category_id=c["category_id"],
        category_name=c["category_name"],
        category_path=tuple(path),
        tags=tuple(_loads(c["tags"]) or ()),
        incident_date=c["incident_date"],
        submitted_at=c["submitted_at"],
        arrived_at=c["arrived_at"],
        updated_at=c["updated_at"],
        location=Location(c["province"], c["regency"], c["kecamatan"], c["desa"], c["lat"], c["lon"]),
        anonymous=bool(c["anonymous"]),
        secret=bool(c["secret"]),
        reporter=reporter,
        pending=any(o.state in PENDING_STATES for o in ops),
        conflict=any(o.state in ATTENTION_STATES for o in ops),
        notes=by_time(note_entries),
        dispositions=by_time(disp_entries),
        followups=by_time(fup_entries),
        replies=by_time(rep_entries),
        attachments=by_time(att_entries),
        events=by_time(evt_entries),
        timeline=by_time(note_entries + disp_entries + fup_entries + rep_entries + att_entries),
        ops=tuple(ops),
    )


def _followup_overlay(
    entries: list[TimelineEntry], ops: Sequence[OutboxEntry], actor: str | None
) -> list[TimelineEntry]:
    """Follow-ups with this desk's ops on them applied (edit, submit, approve, return): a queued edit shows its
    text (and ``actor``, who made it, among the writers) at once; an op the hub answered conflict/rejected marks
    the follow-up with its state and reason."""
    by_target: dict[str, list[OutboxEntry]] = {}
    for op in ops:
        if op.kind in FOLLOWUP_TARGET_KINDS:
            by_target.setdefault(op.target, []).append(op)
    if not by_target:
        return entries
    out: list[TimelineEntry] = []
    for entry in entries:
        mine = by_target.get(entry.id)
        if not mine:
            out.append(entry)
            continue
        data = dict(entry.data)
        version = entry.version
        op_state, reason = entry.op_state, entry.reason
        pending = entry.pending
        for op in mine:
            if op.state in PENDING_STATES:
                apply_followup_op(data, op.kind, dict(op.payload), actor)
                version = (version or 0) + 1 if version is not None else None
                pending = True
                op_state = op_state if op_state in ATTENTION_STATES else op.state
            elif op.state in ATTENTION_STATES:
                op_state, reason = op.state, op.reason
        out.append(replace(entry, data=data, text=str(data.get("text") or ""), pending=pending,
                           op_state=op_state, reason=reason, version=version))  # fmt: skip
    return out


# ---------------------------------------------------------------- lookups
def outbox(replica: Replica, states: Sequence[str] | None = None) -> list[OutboxEntry]:
    """Ops in the outbox (default: every op not accepted), oldest first."""
    params: dict[str, Any] = {}
    where = "state != 'accepted'" if states is None else f"state IN {_in('s', list(states), params)}"
    with replica.read() as conn:
        return [
            _outbox_entry(r)
            for r in conn.execute(text(f"SELECT * FROM outbox WHERE {where} ORDER BY seq"), params).mappings()
        ]


def categories(replica: Replica) -> list[Option]:
    with replica.read() as conn:
        rs = conn.execute(text("SELECT id, name, parent_id FROM categories ORDER BY name"))
        return [Option(r[0], r[1], r[2]) for r in rs]


def units(replica: Replica) -> list[Option]:
    with replica.read() as conn:
        rs = conn.execute(
            text("SELECT id, name, parent_id, kind, code, timezone FROM units ORDER BY name")
        ).mappings()
        return [
            Option(
                r["id"],
                r["name"],
                r["parent_id"],
                {"kind": r["kind"], "code": r["code"], "timezone": r["timezone"]},
            )
            for r in rs
        ]


def users(replica: Replica, unit_ids: Sequence[str] | None = None) -> list[Option]:
    params: dict[str, Any] = {}
    where = f"WHERE unit_id IN {_in('u', list(unit_ids), params)}" if unit_ids else ""
    with replica.read() as conn:
        rs = conn.execute(
            text(f"SELECT id, full_name, unit_id, username, role FROM users {where} ORDER BY full_name"),
            params,
        ).mappings()
        return [
            Option(r["id"], r["full_name"], r["unit_id"], {"username": r["username"], "role": r["role"]})
            for r in rs
        ]


def kecamatans(replica: Replica) -> list[str]:
    with replica.read() as conn:
        rs = conn.execute(
            text("SELECT DISTINCT kecamatan FROM complaints WHERE kecamatan IS NOT NULL ORDER BY 1")
        )
        return [r[0] for r in rs]


def current_user(replica: Replica) -> dict[str, Any] | None:
    """The signed-in user's record (from sign-in, refreshed by the mirror when present)."""
    state = replica.sync_state()
    user = _loads(state.get("user")) or None
    if state.get("user_id"):
        with replica.read() as conn:
            r = (
                conn.execute(text("SELECT * FROM users WHERE id = :i"), {"i": state["user_id"]})
                .mappings()
                .first()
            )
        if r is not None:
            user = {k: v for k, v in r.items() if k != "version"}
    return user


# ---------------------------------------------------------------- deadlines (the working-day clock)
# Where the clock runs (desktop.domain.statuses.CLOCK_RUNNING: ditunda is open, but waits on the reporter).
_CLOCK_RUNNING = "(" + ", ".join(f"'{status}'" for status in sorted(CLOCK_RUNNING)) + ")"
_LAST_FOLLOWUP = (
    "(SELECT max(coalesce(f.updated_at, f.created_at)) FROM followups f"
    " WHERE f.complaint_id = c.id AND f.state = 'published')"
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
    limits = Limits.from_record(_loads(sla) or {}) if sla else Limits()
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
    lf = _LAST_FOLLOWUP
    return (
        f"((c.status = 'ditindaklanjuti' AND {lf} < :od_reply)"
        f" OR ((c.status != 'ditindaklanjuti' OR {lf} IS NULL) AND ("
        f"(c.kind = 'permintaan_informasi' AND c.status IN {_CLOCK_RUNNING} AND c.arrived_at < :od_info)"
        " OR (c.kind != 'permintaan_informasi' AND ("
        "(c.status = 'terdisposisi' AND c.arrived_at < :od_verify)"
        " OR (c.status = 'diproses' AND c.arrived_at < :od_first)"
        " OR (c.status IN ('ditindaklanjuti', 'ditanggapi_pelapor') AND c.arrived_at < :od_finish))))))"
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
        f"SELECT c.id, c.status, c.kind, c.arrived_at, {_LAST_FOLLOWUP} AS last_followup "
        f"FROM complaints c WHERE c.id IN {_in('i', list(complaint_ids), params)}"
    )
    with replica.read() as conn:
        found = list(conn.execute(text(sql), params).mappings())
    out: dict[str, Deadline] = {}
    deadline_of = _DeadlineMemo(clock, now)
    for r in found:
        found_due = deadline_of(r["status"], r["kind"], r["arrived_at"], r["last_followup"])
        if found_due is not None:
            out[r["id"]] = found_due
    return out


class _DeadlineMemo:
    """``(status, kind, arrived_at, last_followup) → Deadline | None`` for one clock and one "now".

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
        last = self._day(last_followup) if status == "ditindaklanjuti" else None
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


def _fixed_offset(clock: SlaClock) -> str | None:
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

    lf = _LAST_FOLLOWUP
    return (
        f"(CASE WHEN c.status NOT IN {_CLOCK_RUNNING} THEN NULL"
        f" WHEN c.status = 'ditindaklanjuti' AND {lf} IS NOT NULL THEN {due(Step.REPLY_WINDOW, lf)}"
        f" WHEN c.kind = 'permintaan_informasi' THEN {due(Step.INFO, 'c.arrived_at')}"
        f" WHEN c.status = 'terdisposisi' THEN {due(Step.VERIFY, 'c.arrived_at')}"
        f" WHEN c.status = 'diproses' THEN {due(Step.FIRST_FOLLOWUP, 'c.arrived_at')}"
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
