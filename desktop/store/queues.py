"""The queues of the desk over the replica: which complaints each holds, how many, and their rows, page by page.

ONE table, :data:`QUEUE_DEFS`, defines every queue of the panel: the WHERE of a queue's list (``ids``, ``page``)
and its number (``count``, and ``queue_counts`` for the panel) are both built from it, so ``queue_counts()[q] ==
count(QueueFilter(queue=q))`` for every queue. Konflik is in it too: it counts the open conflict records (a
departure's among them, whose complaint has left the mirror), not its complaints.

Everything is filtered, sorted and paged in SQL (indexes on the queue columns, FTS5 for search), so a list view
can page through 100,000 complaints: ``count()`` once, then ``page()`` for each window of rows (one statement for
the ids, the row data and the latest follow-up; the working-day deadline memoised per start day). ``ids()`` and
``rows()`` remain for callers that hold ids. Local work overlays the mirror: a complaint with ops not yet
acknowledged has ``pending=True`` and shows the effect of its queued ops (assignee, status), see :func:`overlay`;
the queues and their counts hold it the same way at once, before any sync (:class:`LocalWork`: a claim made
offline is in "Ditugaskan ke saya", a follow-up submitted offline leaves "Draf saya" for "Menunggu persetujuan").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from sqlalchemy import Connection, text

from desktop.domain.ops import CAS_KINDS, FOLLOWUP_KINDS, OpKind, OpState
from desktop.domain.queues import QueueName
from desktop.domain.sla import SlaClock
from desktop.domain.statuses import CLOSED_STATUSES, SUBMITTABLE, FollowupState, Status
from desktop.store.actions import effective_followup
from desktop.store.deadlines import (
    LAST_FOLLOWUP,
    Deadline,
    DeadlineMemo,
    deadline_expression,
    fixed_offset,
    office_clock,
    overdue_condition,
)
from desktop.store.engine import Replica
from desktop.store.errors import NotFound
from desktop.store.lookups import user_names
from desktop.store.sql import code, codes, json_each, loads

# The outbox states a row and a detail show (desktop.domain.ops: PENDING, ATTENTION, UNACCEPTED), in a fixed order.
PENDING_STATES: tuple[OpState, ...] = (OpState.QUEUED, OpState.SENT)
ATTENTION_STATES: tuple[OpState, ...] = (OpState.CONFLICT, OpState.REJECTED)
UNACCEPTED_STATES: tuple[OpState, ...] = (*PENDING_STATES, *ATTENTION_STATES)

SORT_COLUMNS: dict[str, str] = {
    "tracking_id": "c.tracking_id",
    "title": "c.title",
    "category_name": "c.category_name",
    "kecamatan": "c.kecamatan",
    "status": "c.status",
    "arrived_at": "c.arrived_at",
    "assignee_name": "c.assignee_name",
    "channel": "c.channel",
    "deadline": "",  # computed per query from the office's working-day clock (see _order_clause)
}


# ---------------------------------------------------------------- value types
@dataclass(frozen=True)
class QueueFilter:
    queue: str = QueueName.ALL  # a QueueName (plain strings of the same value are the same queue)
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
class OutboxEntry:
    """An op of the outbox as the Kotak keluar and the detail show it (desktop/store/outbox.py writes them)."""

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


# ---------------------------------------------------------------- the queues
@dataclass(frozen=True)
class LocalWork:
    """What this desk's ops not yet answered make of the mirror, for the queues' conditions: the complaints whose
    status or assignee they change (with the values they will have, as :func:`overlay` gives them), and the
    follow-ups they touch or made here (with the state they will have, as ``effective_followup`` gives it).
    Few (the outbox's pending ops), read once per statement in its own transaction."""

    # id -> (status, assignee) for the complaints whose status or assignee the ops change
    complaints: Mapping[str, tuple[str, str | None]] = dataclass_field(default_factory=dict)
    touched_followups: tuple[str, ...] = ()  # follow-ups of the mirror whose state the ops decide
    # (complaint_id, state, author_id, made here) of those and of the drafts made here
    followups: tuple[tuple[str, str, str | None, bool], ...] = ()

    def complaints_where(self, keep: Callable[[str, str | None], bool]) -> list[str]:
        return [cid for cid, (status, assignee) in self.complaints.items() if keep(status, assignee)]


_CHANGES_COMPLAINT = codes(sorted({*CAS_KINDS, OpKind.FOLLOWUP_APPROVE}))
_FOLLOWUP_OPS = codes(sorted(FOLLOWUP_KINDS))


def local_work(conn: Connection, me: str | None) -> LocalWork:
    """The local overlay the queues hold (see :class:`LocalWork`), on ``conn``."""
    pending = codes(PENDING_STATES)
    # Most reads happen with nothing unsent: one cheap probe instead of the three reads below (every page and
    # count of the queue model asks for this).
    if not conn.execute(text(
        f"SELECT EXISTS (SELECT 1 FROM outbox WHERE state IN {pending}) "
        "OR EXISTS (SELECT 1 FROM local_records WHERE type = 'followup')")).scalar():  # fmt: skip
        return LocalWork()
    cids = [r[0] for r in conn.execute(text(
        f"SELECT DISTINCT complaint_id FROM outbox WHERE state IN {pending} AND kind IN {_CHANGES_COMPLAINT} "
        "AND complaint_id IS NOT NULL"))]  # fmt: skip
    complaints: dict[str, tuple[str, str | None]] = {}
    if cids:
        params: dict[str, Any] = {}
        mirror = conn.execute(
            text(
                f"SELECT id, status, assignee_id FROM complaints WHERE id IN {json_each('i', cids, params)}"
            ),
            params,
        ).all()
        by_id: dict[str, list[OutboxEntry]] = {}
        for op in ops_for(conn, cids, PENDING_STATES):
            by_id.setdefault(op.complaint_id or "", []).append(op)
        for cid, status, assignee in mirror:
            new_status, new_assignee, changed = overlay(status, assignee, by_id.get(cid, []), me)
            complaints[cid] = (new_status, new_assignee if changed else assignee)
    touched = [r[0] for r in conn.execute(text(
        f"SELECT DISTINCT o.target FROM outbox o JOIN followups f ON f.id = o.target "
        f"WHERE o.state IN {pending} AND o.kind IN {_FOLLOWUP_OPS}"))]  # fmt: skip
    made_here = [r[0] for r in conn.execute(text(
        "SELECT id FROM local_records WHERE type = 'followup' AND id NOT IN (SELECT id FROM followups)"))]  # fmt: skip
    followups: list[tuple[str, str, str | None, bool]] = []
    for fid, here in [*((f, False) for f in touched), *((f, True) for f in made_here)]:
        try:
            data = effective_followup(conn, fid, me)
        except NotFound:
            continue
        followups.append((str(data.get("complaint_id")), str(data.get("state")), data.get("author_id"), here))
    return LocalWork(complaints, tuple(touched), tuple(followups))


@dataclass(frozen=True)
class QueueScope:
    """What a queue's condition depends on besides the mirror's data: whose queue it is (``mine``, ``drafts``),
    the "now" of ``overdue`` (None: the current time), and this desk's :class:`LocalWork` over the mirror."""

    replica: Replica
    me: str
    now: dt.datetime | None = None
    local: LocalWork = LocalWork()


# SQL over ``complaints c`` for the complaints of a queue; may bind parameters.
Condition = Callable[[QueueScope, dict[str, Any]], str]


@dataclass(frozen=True)
class Entries:
    """What a queue counts when it is not its complaints: ``SELECT count(*) FROM <source> WHERE <condition>``;
    ``complaint`` is the column naming each entry's complaint (NULL, or gone from the mirror, for some)."""

    source: str
    condition: str
    complaint: str


@dataclass(frozen=True)
class QueueDef:
    """One queue of the panel: the complaints it lists are those of ``condition`` (None: every complaint); its
    count is of those complaints, or of its ``entries`` when the user's work there is other records."""

    name: QueueName
    condition: Condition | None = None
    entries: Entries | None = None


_NOT_ACCEPTED = f"state != {code(OpState.ACCEPTED)}"


def _fixed(sql: str) -> Condition:
    return lambda _scope, _params: sql


def _with_local(scope: QueueScope, params: dict[str, Any], mirror: str,
                keep: Callable[[str, str | None], bool]) -> str:  # fmt: skip
    """``mirror`` (a condition over the mirror's status/assignee) for the complaints no local op changes, and
    ``keep`` of the values the local ops give the others."""
    if not scope.local.complaints:
        return mirror
    changed = json_each("lw_changed", list(scope.local.complaints), params)  # the same for every condition
    # a queue's condition and the status filter's stand side by side: each binds its own list
    n = sum(1 for key in params if key.startswith("lw_kept"))
    kept = json_each(f"lw_kept{n}", scope.local.complaints_where(keep), params)
    return f"(({mirror} AND c.id NOT IN {changed}) OR c.id IN {kept})"


def _status_is(*statuses: Status) -> Condition:
    mirror = f"c.status = {code(statuses[0])}" if len(statuses) == 1 else f"c.status IN {codes(statuses)}"
    wanted = {str(s) for s in statuses}
    return lambda scope, params: _with_local(scope, params, mirror, lambda status, _a: status in wanted)


def _assigned_to_me(scope: QueueScope, params: dict[str, Any]) -> str:
    params["me"] = scope.me
    return _with_local(
        scope, params, "c.assignee_id = :me", lambda _s, assignee: bool(scope.me) and assignee == scope.me
    )


def _followups_in(scope: QueueScope, params: dict[str, Any], states: Sequence[FollowupState], *,
                  mine: bool) -> str:  # fmt: skip
    """Complaints with a follow-up in ``states``: the mirror's, unless this desk's ops decide its state, and
    those ops' (and the drafts made here) by the state they give it. ``mine``: only the user's (those made here
    are)."""
    author = " AND author_id = :me" if mine else ""
    if mine:
        params["me"] = scope.me
    untouched = (
        f" AND id NOT IN {json_each('lw_fu_touched', scope.local.touched_followups, params)}"
        if scope.local.touched_followups
        else ""
    )
    sql = f"c.id IN (SELECT complaint_id FROM followups WHERE state IN {codes(states)}{author}{untouched})"
    local = [cid for cid, state, author_id, here in scope.local.followups
             if state in states and (not mine or here or author_id == scope.me)]  # fmt: skip
    if local:
        sql = f"({sql} OR c.id IN {json_each('lw_fu', local, params)})"
    return sql


def _my_drafts(scope: QueueScope, params: dict[str, Any]) -> str:
    """Follow-ups the user is writing (drafts, or returned to them by an admin), on the hub or only here."""
    return _followups_in(scope, params, sorted(SUBMITTABLE), mine=True)


def _awaiting_approval(scope: QueueScope, params: dict[str, Any]) -> str:
    """Follow-ups submitted for sign-off, on the hub or by this desk's ops (and no longer those approved or
    returned here)."""
    return _followups_in(scope, params, [FollowupState.SUBMITTED], mine=False)


def _past_deadline(scope: QueueScope, params: dict[str, Any]) -> str:
    return overdue_condition(office_clock(scope.replica), scope.now, params)


QUEUE_DEFS: tuple[QueueDef, ...] = (
    QueueDef(QueueName.NEW, _status_is(Status.TERDISPOSISI)),
    QueueDef(QueueName.MINE, _assigned_to_me),
    QueueDef(QueueName.NEED_FOLLOWUP, _status_is(Status.DIPROSES, Status.DITANGGAPI_PELAPOR)),
    QueueDef(QueueName.AWAITING_APPROVAL, _awaiting_approval),
    QueueDef(QueueName.OVERDUE, _past_deadline),
    QueueDef(QueueName.DRAFTS, _my_drafts),
    # Kotak keluar lists the changes (ops) not accepted yet, and counts them: its badge is the length of its list.
    QueueDef(
        QueueName.OUTBOX,
        _fixed(f"c.id IN (SELECT complaint_id FROM outbox WHERE {_NOT_ACCEPTED})"),
        entries=Entries("outbox o", f"o.{_NOT_ACCEPTED}", "o.complaint_id"),
    ),
    # Konflik lists the complaints whose ops the hub did not take (conflict, or rejected with a reason); what the
    # user has to decide there, and what it counts, are the open conflict records (desktop/store/conflicts.py),
    # a departure's too, whose complaint has left the mirror.
    QueueDef(
        QueueName.CONFLICTS,
        _fixed(f"c.id IN (SELECT complaint_id FROM outbox WHERE state IN {codes(ATTENTION_STATES)})"),
        entries=Entries("conflicts k", "k.state = 'open'", "k.complaint_id"),
    ),
    QueueDef(QueueName.ALL),
)
QUEUES: tuple[QueueName, ...] = tuple(d.name for d in QUEUE_DEFS)
_BY_NAME: dict[str, QueueDef] = {d.name: d for d in QUEUE_DEFS}


def queue_def(name: str) -> QueueDef:
    """The definition of queue ``name`` (a QueueName or its value; empty: all). Raises ValueError if unknown."""
    found = _BY_NAME.get(name or QueueName.ALL)
    if found is None:
        raise ValueError(f"unknown queue {name!r}")
    return found


# ---------------------------------------------------------------- search
_WORD = re.compile(r"\w+", re.UNICODE)
_FTS_IN = "c.rowid IN (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH :fts)"
_MANY_MATCHES = 2000
TRACKING_DIGITS = 7


def fts_query(search: str) -> str | None:
    """``jalan rusak marabahan`` → ``"jalan"* AND "rusak"* AND "marabahan"*`` (every word as a prefix)."""
    words = _WORD.findall(search.lower())
    if not words:
        return None
    return " AND ".join(f'"{w}"*' for w in words)


def _many_matches(conn: Connection, match: str) -> bool:
    sql = f"SELECT count(*) FROM (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH :m LIMIT {_MANY_MATCHES})"
    return int(conn.execute(text(sql), {"m": match}).scalar_one()) >= _MANY_MATCHES


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


# ---------------------------------------------------------------- SQL building
def _as_date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _scope(conn: Connection, replica: Replica, f: QueueFilter, user_id: str | None = None) -> QueueScope:
    """The scope of a statement on ``conn`` (its local work read in the same transaction)."""
    me = user_id if user_id is not None else (replica.user_id or "")
    return QueueScope(replica, me, f.now, local_work(conn, me or None))


def _filter_conditions(scope: QueueScope, f: QueueFilter, params: dict[str, Any]) -> list[str]:
    """The filter bar's conditions over ``complaints c`` (search, status, category ...), beside the queue's."""
    conds: list[str] = []
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
        wanted = str(f.status)
        conds.append(_with_local(scope, params, "c.status = :status", lambda status, _a: status == wanted))
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


def _conditions(scope: QueueScope, f: QueueFilter, params: dict[str, Any]) -> list[str]:
    """The complaints of ``f``: its queue's condition, then the filter's."""
    definition = queue_def(f.queue)
    own = definition.condition(scope, params) if definition.condition is not None else None
    filters = _filter_conditions(scope, f, params)
    return [own, *filters] if own else filters


def _where(conn: Connection, replica: Replica, f: QueueFilter, params: dict[str, Any]) -> str:
    return " AND ".join(_conditions(_scope(conn, replica, f), f, params)) or "1"


def _count_statement(scope: QueueScope, f: QueueFilter, params: dict[str, Any]) -> tuple[str, bool]:
    """``SELECT count(*)`` of the queue of ``f`` under its filters, from the queue's definition; and whether it
    searches within other conditions (then ``count`` may walk the queue's index instead, see there)."""
    definition = queue_def(f.queue)
    if definition.entries is not None:
        e = definition.entries
        sql = f"SELECT count(*) FROM {e.source} WHERE {e.condition}"
        filters = _filter_conditions(scope, f, params)
        if filters:  # the entries whose complaint passes the filters
            sql += f" AND {e.complaint} IN (SELECT c.id FROM complaints c WHERE {' AND '.join(filters)})"
        return sql, False
    conds = _conditions(scope, f, params)
    if conds == [_FTS_IN]:
        # Search alone: count the index's doclist, without reading a row of the complaints table (rowid ==
        # complaints.rowid, one FTS row per complaint).
        return "SELECT count(*) FROM complaint_fts WHERE complaint_fts MATCH :fts", False
    where = f" WHERE {' AND '.join(conds)}" if conds else ""
    return f"SELECT count(*) FROM complaints c{where}", len(conds) > 1 and _FTS_IN in conds


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
    """How many the queue of ``f`` holds under its filters (Konflik: open conflict records)."""
    params: dict[str, Any] = {}
    with replica.read() as conn:
        sql, searches_within = _count_statement(_scope(conn, replica, f), f, params)
        if searches_within and _many_matches(conn, params["fts"]):
            # Search within a queue: walk the queue's index and test each rowid against the matches (a Bloom filter
            # and a set), instead of reading the complaints row of every match (a common word: half the table).
            sql = sql.replace(_FTS_IN, "+" + _FTS_IN)
        return int(conn.execute(text(sql), params).scalar_one())


def queue_counts(replica: Replica, user_id: str | None = None) -> dict[str, int]:
    """The number of each queue of :data:`QUEUE_DEFS`, as ``count`` gives it without filters (``mine``/``drafts``
    for ``user_id``, default the signed-in user); Konflik counts the open conflict records."""
    with replica.read() as conn:
        scope = _scope(conn, replica, QueueFilter(), user_id)
        statements: list[tuple[str, str, dict[str, Any]]] = []
        for definition in QUEUE_DEFS:
            params: dict[str, Any] = {}
            sql, _ = _count_statement(scope, QueueFilter(queue=definition.name), params)
            statements.append((definition.name.value, sql, params))
        return {name: int(conn.execute(text(sql), params).scalar_one()) for name, sql, params in statements}


def _ids_sql(
    conn: Connection,
    replica: Replica,
    f: QueueFilter,
    params: dict[str, Any],
    select: str,
    order: str,
) -> str:
    """``SELECT <select> FROM complaints c WHERE <filter> ORDER BY <order> LIMIT :limit OFFSET :offset``."""
    where = _where(conn, replica, f, params)
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
    where = _where(conn, replica, f, params)
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
        params["page_tz"] = fixed_offset(clock) if clock is not None else None
        sql = (
            f"SELECT {_PAGE_COLUMNS}, "
            f"CASE WHEN c.status = {code(Status.DITINDAKLANJUTI)} THEN {LAST_FOLLOWUP} END AS last_followup, "
            "EXISTS (SELECT 1 FROM outbox o WHERE o.complaint_id = c.id AND o.state IN "
            f"{codes(UNACCEPTED_STATES)}) AS has_ops, "
            "CASE WHEN :page_tz IS NOT NULL THEN date(c.arrived_at, :page_tz) END AS arrived_day "
            f"FROM ({inner}) p JOIN complaints c ON c.rowid = p.rid ORDER BY {order}"
        )
        found = conn.execute(text(sql), params).all()
        with_ops = [r[0] for r in found if r[13]]
        ops_by: dict[str, list[OutboxEntry]] = {}
        for op in ops_for(conn, with_ops, UNACCEPTED_STATES):
            ops_by.setdefault(op.complaint_id or "", []).append(op)
        overlays: dict[str, tuple[str, str | None, bool]] = {}
        for r in found:
            if r[0] in ops_by:
                overlays[r[0]] = overlay(r[5], r[8], ops_by[r[0]], replica.user_id)
        names = user_names(conn, [o[1] for o in overlays.values() if o[2]])
    deadline_of = DeadlineMemo(clock, now) if clock is not None else None
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


def rows(replica: Replica, complaint_ids: Sequence[str]) -> list[QueueRow]:
    """The list rows of ``complaint_ids``, in the same order (unknown ids are skipped)."""
    if not complaint_ids:
        return []
    params: dict[str, Any] = {}
    sql = (
        "SELECT c.id, c.tracking_id, c.title, c.category_name, c.kecamatan, c.status, c.arrived_at, "
        "c.assignee_name, c.assignee_id, c.secret, c.channel "
        f"FROM complaints c WHERE c.id IN {json_each('i', complaint_ids, params)}"
    )
    with replica.read() as conn:
        found = {r["id"]: r for r in conn.execute(text(sql), params).mappings()}
        ops_by: dict[str, list[OutboxEntry]] = {}
        for op in ops_for(conn, list(found), UNACCEPTED_STATES):
            ops_by.setdefault(op.complaint_id or "", []).append(op)
        overlays: dict[str, tuple[str, str | None, bool]] = {
            cid: overlay(found[cid]["status"], found[cid]["assignee_id"], ops, replica.user_id)
            for cid, ops in ops_by.items()
        }
        names = user_names(conn, [o[1] for o in overlays.values() if o[2]])
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


# ---------------------------------------------------------------- the outbox as read, and its overlay
def outbox(replica: Replica, states: Sequence[str] | None = None) -> list[OutboxEntry]:
    """Ops in the outbox (default: every op not accepted), oldest first: the Kotak keluar's list."""
    params: dict[str, Any] = {}
    where = _NOT_ACCEPTED if states is None else f"state IN {json_each('s', list(states), params)}"
    with replica.read() as conn:
        return [
            _outbox_entry(r)
            for r in conn.execute(text(f"SELECT * FROM outbox WHERE {where} ORDER BY seq"), params).mappings()
        ]


def ops_for(
    conn: Connection, complaint_ids: Sequence[str], states: Sequence[str] | None = None
) -> list[OutboxEntry]:
    """The ops of ``complaint_ids`` (in ``states``, default any), oldest first, on ``conn``."""
    if not complaint_ids:
        return []
    params: dict[str, Any] = {}
    sql = f"SELECT * FROM outbox WHERE complaint_id IN {json_each('c', complaint_ids, params)}"
    if states:
        sql += f" AND state IN {json_each('s', states, params)}"
    sql += " ORDER BY seq"
    return [_outbox_entry(r) for r in conn.execute(text(sql), params).mappings()]


def _outbox_entry(r: Any) -> OutboxEntry:
    return OutboxEntry(
        seq=r["seq"],
        op_id=r["op_id"],
        kind=r["kind"],
        target=r["target"],
        complaint_id=r["complaint_id"],
        base_version=r["base_version"],
        payload=loads(r["payload"]) or {},
        created_at=r["created_at"],
        state=r["state"],
        reason=r["reason"],
        result=loads(r["result"]),
        attempts=r["attempts"] or 0,
    )


def overlay(
    status: str, assignee_id: str | None, ops: Sequence[OutboxEntry], me: str | None = None
) -> tuple[str, str | None, bool]:
    """The effect of pending ops on (status, assignee); returns whether the assignee changed. ``me``: who claims
    (a claim changes nothing without it)."""
    changed = False
    for op in ops:
        if op.state not in PENDING_STATES:
            continue
        p = op.payload
        if op.kind == OpKind.COMPLAINT_ASSIGN:
            assignee_id, changed = p.get("assignee_id"), True
        elif op.kind == OpKind.COMPLAINT_CLAIM and me:
            assignee_id, changed = me, True
        elif op.kind == OpKind.COMPLAINT_STATUS and p.get("status"):
            status = str(p["status"])
        elif op.kind == OpKind.FOLLOWUP_APPROVE and status not in CLOSED_STATUSES:
            # publishing is what moves it there (server/ops/followup_approve.py)
            status = str(Status.DITINDAKLANJUTI)
        elif op.kind == OpKind.DISPOSITION_CREATE:
            if p.get("kind") == "external":
                status = str(Status.DIKEMBALIKAN)
            else:
                if status == Status.TERDISPOSISI:
                    status = str(Status.DIPROSES)
                if p.get("to_user_id"):
                    assignee_id, changed = p.get("to_user_id"), True
    return status, assignee_id, changed
