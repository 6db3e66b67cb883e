"""Demo pemda + complaints, fast for a million (`lapor-hub seed --complaints 1000000` in about two minutes).

Reference data (units, users, categories, calendar, SLA) is seeded once; complaints only into an empty hub.

How complaints stay fast:
- each complaint becomes plain tuples of the values as stored (timestamps and JSON as text, booleans as 0/1),
  with ids and the repeated JSON made without a uuid4()/json.dumps per row, written through the raw DBAPI
  connection: `executemany` on SQLite, `COPY` on PostgreSQL;
- all of them in one transaction that holds the feed counter row from the start; positions are taken block by
  block as before (CHUNK complaints, then their dispositions, follow-ups, replies and events);
- the plain indexes of the complaint tables are dropped for the load and rebuilt after it in that same
  transaction (one sort each instead of a random B-tree insert per row); SQLite also loads without foreign key
  checks (the rows only point at what the seed itself made) and without syncing to disk before the commit;
- big seeds generate in a second process (ComplaintFactory and row building) while this one writes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import multiprocessing
import os
import queue
import random
import sys
import time
import traceback
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from faker import Faker
from sqlalchemy import JSON, Connection, Engine, Table, func, select, update

from desktop.domain.ops import OpKind
from desktop.domain.statuses import FollowupState, Status
from server.auth import hash_password
from server.models import (
    Category,
    Complaint,
    FeedCounter,
    Holiday,
    SlaSetting,
    Unit,
    User,
)

log = logging.getLogger("lapor_hub.seed")
NS = uuid.UUID("6f1c1e0a-3b7a-4c55-9a57-1a2b3c4d5e6f")  # stable ids for reference data across re-seeds
CHUNK = 20000  # complaints per block of feed positions (and per batch handed from the generating process)
PARALLEL_FROM = 50000  # seeds this big generate in a second process when there is a second core
SLA_DEFAULTS = {"verify_days": 3, "first_followup_days": 5, "reply_window_days": 10, "finish_days": 60,
                "info_days": 10, "info_extension_days": 7}
EXTERNAL_BODIES = [("BPN", "Kantor Pertanahan (BPN)"), ("POLRES", "Kepolisian Resor"),
                   ("PLN", "PT PLN (Persero) UP3"), ("PDAM", "Perumda Air Minum"),
                   ("KEMENAG", "Kantor Kementerian Agama"), ("BPJSKES", "BPJS Kesehatan Cabang")]
PROCESSED = frozenset({Status.DIPROSES, Status.DITINDAKLANJUTI, Status.DITANGGAPI_PELAPOR, Status.SELESAI})
ANSWERED = PROCESSED - {Status.DIPROSES}
INSTRUCTION = "Mohon segera ditindaklanjuti dan dilaporkan hasilnya."

# The complaint tables in feed order: within a block, every complaint comes before every disposition, and so on.
# Columns as the rows are built; feed_seq and version are appended when the block is numbered.
TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("complaints", ("id", "tracking_id", "title", "content", "kind", "channel", "status", "unit_id", "subunit_id",
                    "assignee_id", "category_id", "tags", "incident_date", "submitted_at", "arrived_at",
                    "location", "anonymous", "secret", "reporter_name", "reporter_contact", "updated_at",
                    "scope_unit_id")),
    ("dispositions", ("id", "complaint_id", "kind", "from_unit_id", "to_unit_id", "to_user_id", "instruction",
                      "due_date", "reason", "suggested_body", "created_by", "created_at", "scope_unit_id")),
    ("followups", ("id", "complaint_id", "text", "state", "author_id", "writer_ids", "content_hash", "approved_by",
                   "approved_at", "return_reason", "created_at", "updated_at", "scope_unit_id")),
    ("replies", ("id", "complaint_id", "created_at", "scope_unit_id", "text")),
    ("events", ("id", "complaint_id", "kind", "actor_id", "device_id", "op_id", "at", "data", "scope_unit_id")),
)
Row = tuple[Any, ...]
Block = list[list[Row]]  # one list of rows per entry of TABLES
_td = dt.timedelta
def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(NS, "/".join(parts)))


def _get(obj: Any, key: str) -> Any:
    return obj[key] if isinstance(obj, dict) else getattr(obj, key)


def take_positions(conn: Connection, count: int) -> int:
    """First of `count` fresh feed positions (same counter row lock as every other writer)."""
    last = conn.execute(update(FeedCounter).where(FeedCounter.id == 1)
                        .values(value=FeedCounter.value + count).returning(FeedCounter.value)).scalar_one()
    return int(last) - count + 1


def _insert(conn: Connection, model: Any, rows: list[dict[str, Any]]) -> None:
    """Bulk insert straight through the DBAPI: COPY on PostgreSQL, executemany on SQLite.

    SQLAlchemy's per-row parameter handling dominated seeding; the column types' own bind processors keep the
    stored values identical to what the ORM writes.
    """
    if not rows:
        return
    table: Table = model.__table__
    dialect = conn.dialect
    cols = [c for c in table.columns if c.name in rows[0]]
    procs: list[Any] = [c.type.bind_processor(dialect) for c in cols]
    if dialect.name == "postgresql":
        # psycopg adapts JSON parameters itself, but COPY takes text: serialise JSON columns here.
        procs = [json.dumps if isinstance(c.type, JSON) else p for c, p in zip(cols, procs, strict=True)]
    names = [c.name for c in cols]
    pairs = list(zip(names, procs, strict=True))

    def values(row: dict[str, Any]) -> tuple[Any, ...]:
        return tuple(p(v) if p is not None and (v := row.get(n)) is not None else row.get(n) for n, p in pairs)

    raw: Any = conn.connection.dbapi_connection
    cur = raw.cursor()
    try:
        if dialect.name == "postgresql":
            with cur.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(values(row))
        else:
            sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
            for i in range(0, len(rows), CHUNK):
                cur.executemany(sql, [values(r) for r in rows[i:i + CHUNK]])
    finally:
        cur.close()


def _stamp(conn: Connection, batches: list[tuple[Any, list[dict[str, Any]]]]) -> None:
    """Give every row of `batches` a position, in order, then insert them."""
    total = sum(len(rows) for _, rows in batches)
    if not total:
        return
    seq = take_positions(conn, total)
    for model, rows in batches:
        for row in rows:
            row["feed_seq"] = seq
            row.setdefault("version", 1)
            seq += 1
        _insert(conn, model, rows)


@dataclass
class Pemda:
    pemda_id: str
    timezone: str
    opd_by_code: dict[str, str]
    opd_by_topic: dict[str, str]
    subunits: dict[str, list[str]]
    staff: dict[str, list[str]]  # opd id → user ids of staff
    admins: dict[str, str]  # opd id → admin user id
    categories: dict[tuple[str, str | None], str] = field(default_factory=dict)


def seed_reference(conn: Connection, region: Any, password: str, rng: random.Random) -> Pemda:
    from server.demo import category_tree, holiday_calendar, opd_template

    regency, tz = str(_get(region, "regency")), str(_get(region, "timezone"))
    pemda_id = stable_id("unit", regency)
    units: list[dict[str, Any]] = [{"id": pemda_id, "parent_id": None, "kind": "pemda", "code": "PEMDA",
                                    "name": f"Pemerintah {regency}", "timezone": tz, "scope_unit_id": None}]
    pemda = Pemda(pemda_id, tz, {}, {}, {}, {}, {})
    users: list[dict[str, Any]] = []
    pw_hash = hash_password(password)  # one hash for every demo account: argon2 is slow on purpose
    faker = Faker("id_ID")
    faker.seed_instance(rng.randrange(1 << 30))
    for opd in opd_template():
        code = opd["code"]
        opd_id = stable_id("unit", regency, code)
        pemda.opd_by_code[code] = opd_id
        units.append({"id": opd_id, "parent_id": pemda_id, "kind": "opd", "code": code, "name": opd["name"],
                      "timezone": tz, "scope_unit_id": None})
        for topic in opd["topics"]:
            pemda.opd_by_topic[topic] = opd_id
        names: list[str] = []
        for name in opd["units"]:
            if "(per kecamatan)" in name:
                base = name.split("(")[0].strip()
                names.extend(f"{base} {kec}" for kec in _get(region, "kecamatan"))
            else:
                names.append(name)
        pemda.subunits[opd_id] = []
        for i, name in enumerate(names, 1):
            sub_id = stable_id("unit", regency, code, name)
            pemda.subunits[opd_id].append(sub_id)
            units.append({"id": sub_id, "parent_id": opd_id, "kind": "subunit", "code": f"{code}-{i:02d}",
                          "name": name, "timezone": tz, "scope_unit_id": None})
        accounts = [("staf", "staff"), ("admin", "admin"), ("kepala", "supervisor")]
        if code == "DISKOMINFO":
            accounts.append(("koordinator", "coordinator"))
        for prefix, role in accounts:
            username = prefix if role == "coordinator" else f"{prefix}.{code.lower()}"
            uid = stable_id("user", username)
            users.append({"id": uid, "username": username, "full_name": faker.name(), "role": role,
                          "unit_id": opd_id, "password_hash": pw_hash, "active": True, "scope_unit_id": opd_id})
            if role == "staff":
                pemda.staff[opd_id] = [uid]
            elif role == "admin":
                pemda.admins[opd_id] = uid
    for code, name in EXTERNAL_BODIES:
        units.append({"id": stable_id("unit", "external", code), "parent_id": None, "kind": "external",
                      "code": code, "name": name, "timezone": tz, "scope_unit_id": None})
    categories: list[dict[str, Any]] = []
    for topic, subs in category_tree().items():
        top_id = stable_id("category", topic)
        pemda.categories[(topic, None)] = top_id
        categories.append({"id": top_id, "parent_id": None, "name": topic, "scope_unit_id": None})
        for sub in dict.fromkeys(subs):  # the published tree repeats a few names under one topic
            sub_id = stable_id("category", topic, sub)
            pemda.categories[(topic, sub)] = sub_id
            categories.append({"id": sub_id, "parent_id": top_id, "name": sub, "scope_unit_id": None})
    year = dt.date.today().year
    holidays = [{"id": h["date"].isoformat(), "date": h["date"], "name": h["name"], "kind": h["kind"],
                 "active": True, "scope_unit_id": None} for h in holiday_calendar(range(year - 3, year + 2))]
    sla = [{"id": "default", "limits": dict(SLA_DEFAULTS), "reply_window_working_days": False,
            "scope_unit_id": None}]
    _stamp(conn, [(Unit, units), (User, users), (Category, categories), (Holiday, holidays), (SlaSetting, sla)])
    return pemda


def load_pemda(conn: Connection) -> Pemda:
    """The pemda of an already seeded hub, for adding complaints later (simulate, re-seed)."""
    pemda_row = conn.execute(select(Unit.id, Unit.timezone).where(Unit.kind == "pemda")).one()
    pemda = Pemda(pemda_row.id, pemda_row.timezone, {}, {}, {}, {}, {})
    for u in conn.execute(select(Unit.id, Unit.kind, Unit.code, Unit.parent_id)):
        if u.kind == "opd":
            pemda.opd_by_code[u.code] = u.id
            pemda.subunits.setdefault(u.id, [])
        elif u.kind == "subunit" and u.parent_id:
            pemda.subunits.setdefault(u.parent_id, []).append(u.id)
    from server.demo import opd_template

    for opd in opd_template():
        for topic in opd["topics"]:
            if opd["code"] in pemda.opd_by_code:
                pemda.opd_by_topic[topic] = pemda.opd_by_code[opd["code"]]
    for usr in conn.execute(select(User.id, User.role, User.unit_id)):
        if usr.role == "staff":
            pemda.staff.setdefault(usr.unit_id, []).append(usr.id)
        elif usr.role == "admin":
            pemda.admins[usr.unit_id] = usr.id
    parents = {c.id: c.name for c in conn.execute(select(Category.id, Category.name).where(Category.parent_id.is_(None)))}
    for c in conn.execute(select(Category.id, Category.name, Category.parent_id)):
        key = (c.name, None) if c.parent_id is None else (parents.get(c.parent_id, ""), c.name)
        pemda.categories[key] = c.id
    return pemda


# --- complaints -------------------------------------------------------------------------------------------------
# Stored forms, the same the DBAPI drivers wrote for the objects before: datetimes as `isoformat(" ")` text (what
# sqlite3 stores; PostgreSQL parses it to the same timestamptz), dates as ISO text, booleans as 0/1, JSON as
# json.dumps writes it.

def _ts(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _json_number(value: Any) -> str:
    # repr is what json.dumps writes for a finite float; anything else takes the slow road.
    if value is None:
        return "null"
    if type(value) is float and value - value == 0:
        return float.__repr__(value)
    return json.dumps(value)


@functools.cache
def _clock() -> list[str]:
    """"HH:MM:SS" for every second of a day."""
    return [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)]


_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


def _uuid4_strings(block: int = 4096) -> Iterator[str]:
    """Random (version 4) UUID strings like str(uuid.uuid4()), from one urandom call per `block` of them."""
    variant = _VARIANT
    while True:
        raw = os.urandom(16 * block).hex()
        for i in range(0, 32 * block, 32):
            h = raw[i:i + 32]
            yield f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant[h[16]]}{h[17:20]}-{h[20:32]}"


class RowBuilder:
    """Generated complaints → rows of the complaint tables (TABLES), one block of feed positions at a time.

    The random draws (sub-unit, assignee, delays, reply texts) happen in the same order as ever, so a seed gives
    the same rows; only the UUIDs are new each run.
    """

    def __init__(self, pemda: Pemda, rng: random.Random,
                 reply_text: Callable[[dict[str, Any]], str] | None = None) -> None:
        self.pemda, self.rng, self.reply_text = pemda, rng, reply_text
        self.rows: Block = [[] for _ in TABLES]
        self._ids = _uuid4_strings().__next__
        self._clock = _clock()
        self._dates: dict[int, str] = {}  # date ordinal → "YYYY-MM-DD"
        self._tags: dict[tuple[str, ...], str] = {}
        self._places: dict[tuple[Any, ...], str] = {}
        self._arrival_data: dict[tuple[str, str], str] = {}

    def take(self) -> Block:
        """The rows built so far (the next block); starts a new one."""
        block, self.rows = self.rows, [[] for _ in TABLES]
        return block

    def _date(self, ordinal: int) -> str:
        text = self._dates.get(ordinal)
        if text is None:
            text = self._dates[ordinal] = dt.date.fromordinal(ordinal).isoformat()
        return text

    def _text(self, when: dt.datetime) -> str:
        """when.isoformat(" "), from cached pieces for UTC times (isoformat itself is slow for aware datetimes)."""
        if when.tzinfo is not dt.UTC:
            return when.isoformat(" ")
        clock = self._clock[when.hour * 3600 + when.minute * 60 + when.second]
        us = when.microsecond
        if us:
            return f"{self._date(when.toordinal())} {clock}.{us:06d}+00:00"
        return f"{self._date(when.toordinal())} {clock}+00:00"

    def _day(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, dt.date):
            return self._date(value.toordinal())  # a datetime counts by its date, as before
        return dt.date.fromisoformat(str(value)[:10]).isoformat()

    def _location(self, item: dict[str, Any]) -> str:
        loc = item.get("location") or {}
        key = (loc.get("province"), loc.get("regency"), loc.get("kecamatan"), loc.get("desa"))
        head = self._places.get(key)
        if head is None:
            head = self._places[key] = json.dumps(dict(zip(("province", "regency", "kecamatan", "desa"), key,
                                                           strict=True)))[:-1]
        return f'{head}, "lat": {_json_number(loc.get("lat"))}, "lon": {_json_number(loc.get("lon"))}}}'

    def add(self, item: dict[str, Any], now: dt.datetime) -> None:
        """One generated complaint → its complaint row and its history (`now` caps the made-up times)."""
        pemda, rng, new_id, text_of = self.pemda, self.rng, self._ids, self._text
        complaints, dispositions, followups, replies, events = self.rows
        topic, sub = item.get("topic"), item.get("subtopic")
        opd_id = pemda.opd_by_topic.get(str(topic))
        status = str(item.get("status") or Status.TERDISPOSISI)
        unit_id = opd_id or pemda.pemda_id
        if status == Status.DIKEMBALIKAN or opd_id is None:
            unit_id = pemda.pemda_id
        cid = new_id()
        arrived, submitted = _ts(item["arrived_at"]), _ts(item["submitted_at"])
        reporter = item.get("reporter") or None
        processed = status in PROCESSED and opd_id is not None and unit_id == opd_id
        subunits = pemda.subunits.get(opd_id or "", [])
        subunit = rng.choice(subunits) if processed and subunits else None
        staff = pemda.staff.get(opd_id or "", [])
        assignee = rng.choice(staff) if processed and staff and rng.random() < 0.6 else None
        channel = item.get("channel", "web")
        tags = tuple(item.get("tags") or ())
        tags_json = self._tags.get(tags)
        if tags_json is None:
            tags_json = self._tags[tags] = json.dumps(list(tags))
        arrived_at = text_of(arrived)
        updated_at = arrived_at
        scope = unit_id
        arrival_key = (opd_id or pemda.pemda_id, channel)
        arrival_data = self._arrival_data.get(arrival_key)
        if arrival_data is None:
            arrival_data = self._arrival_data[arrival_key] = json.dumps(
                {"unit_id": arrival_key[0], "channel": channel})
        events.append((new_id(), cid, "complaint.arrived", None, None, None, arrived_at, arrival_data, scope))
        if processed and opd_id is not None:
            admin = pemda.admins.get(opd_id)
            at = min(arrived + _td(0, 0, 0, 0, 0, rng.uniform(1, 48)), now)  # positional: same as hours=
            at_s = text_of(at)
            dispositions.append((new_id(), cid, "internal", opd_id, subunit, assignee, INSTRUCTION,
                                 self._date(at.toordinal() + 5), None, None, admin, at_s, scope))
            events.append((new_id(), cid, str(OpKind.DISPOSITION_CREATE), admin, None, None, at_s,
                           '{"kind": "internal"}', scope))
            if status in ANSWERED:
                text = (f"Terima kasih atas laporan Saudara. Laporan terkait \"{item['title']}\" telah kami "
                        "tindak lanjuti bersama unit terkait. Kami akan terus memantau penyelesaiannya.")
                fu_at = min(at + _td(rng.uniform(1, 5)), now)
                updated_at = fu_at_s = text_of(fu_at)
                author = assignee or admin
                followups.append((new_id(), cid, text, str(FollowupState.PUBLISHED), author, json.dumps([author]),
                                  hashlib.sha256(text.encode()).hexdigest(), None, fu_at_s, None, fu_at_s, fu_at_s,
                                  scope))
                if status == Status.DITANGGAPI_PELAPOR:
                    reply = self.reply_text(item) if self.reply_text else "Sampai hari ini belum ada perubahan di lapangan."
                    reply_at = min(fu_at + _td(rng.uniform(0.2, 8)), now)
                    replies.append((new_id(), cid, text_of(reply_at), scope, reply))
        category = pemda.categories.get((str(topic), sub)) or pemda.categories.get((str(topic), None))
        complaints.append((
            cid, int(item["tracking_id"]), item["title"], item["content"], item.get("kind", "pengaduan"), channel,
            status, unit_id, subunit, assignee, category, tags_json, self._day(item.get("incident_date")),
            text_of(submitted), arrived_at, self._location(item), int(bool(item.get("anonymous"))),
            int(bool(item.get("secret"))), reporter["name"] if reporter else None,
            reporter.get("contact") if reporter else None, updated_at, scope))


def _numbered(block: Block, first_seq: int) -> Block:
    """The block's rows with their feed positions (from `first_seq`, in TABLES order) and version 1 appended."""
    numbered: Block = []
    seq = first_seq
    for rows in block:
        numbered.append([(*row, s, 1) for s, row in enumerate(rows, seq)])
        seq += len(rows)
    return numbered


def _block_size(block: Block) -> int:
    return sum(len(rows) for rows in block)


def _write(conn: Connection, block: Block) -> None:
    """Rows of one numbered block through the raw DBAPI connection: COPY on PostgreSQL, executemany on SQLite."""
    raw: Any = conn.connection.dbapi_connection
    cur = raw.cursor()
    try:
        for (table, columns), rows in zip(TABLES, block, strict=True):
            if not rows:
                continue
            names = ", ".join((*columns, "feed_seq", "version"))
            if conn.dialect.name == "postgresql":
                with cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" * (len(columns) + 2))
                cur.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
    finally:
        cur.close()


def insert_complaints(conn: Connection, pemda: Pemda, items: Iterable[dict[str, Any]], rng: random.Random,
                      reply_text: Callable[[dict[str, Any]], str] | None = None) -> int:
    """Write generated complaints (and their history) inside `conn`'s transaction, positions from the counter."""
    builder = RowBuilder(pemda, rng, reply_text)
    now = dt.datetime.now(dt.UTC)
    count = 0
    for item in items:
        builder.add(item, now)
        count += 1
    if count:
        block = builder.take()
        _write(conn, _numbered(block, take_positions(conn, _block_size(block))))
    return count


def _chunks(items: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class _Job:
    """What generating the complaints needs; picklable, for the second process."""

    region: str | None
    seed: int
    pemda: Pemda
    rng: random.Random  # the row builder's draws continue where reference seeding left this
    complaints: int


def _blocks(job: _Job) -> Iterator[Block]:
    """Blocks of rows, CHUNK complaints each (not numbered yet: the writer takes their positions)."""
    from server.demo import ComplaintFactory, load_region

    factory = ComplaintFactory(load_region(job.region), job.seed)
    builder = RowBuilder(job.pemda, job.rng, factory.reply_text)
    for chunk in _chunks(factory.make(job.complaints), CHUNK):
        now = dt.datetime.now(dt.UTC)
        for item in chunk:
            builder.add(item, now)
        yield builder.take()


def _produce(job: _Job, out: Any) -> None:
    """The second process: generate and hand over blocks; None at the end, or the error's text."""
    try:
        for block in _blocks(job):
            out.put(block)
        out.put(None)
    except BaseException:
        out.put(traceback.format_exc())


def _parallel_blocks(job: _Job) -> Iterator[Block]:
    ctx = multiprocessing.get_context("spawn")  # never fork a process that may hold threads and connections
    out = ctx.Queue(maxsize=3)  # bounded: at most a few blocks wait in memory
    proc = ctx.Process(target=_produce, args=(job, out), name="lapor-seed-generate", daemon=True)
    proc.start()
    try:
        while True:
            try:
                got = out.get(timeout=5)
            except queue.Empty:
                if not proc.is_alive():
                    raise RuntimeError(f"seed generator exited with {proc.exitcode}") from None
                continue
            if got is None:
                break
            if isinstance(got, str):
                raise RuntimeError(f"seed generator failed:\n{got}")
            yield got
        proc.join()
    finally:
        if proc.is_alive():
            proc.terminate()
            proc.join()
        out.close()


def _use_second_process(complaints: int) -> bool:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    # A frozen desk app cannot start `python -c ...` children the spawn way; it seeds small hubs anyway.
    return complaints >= PARALLEL_FROM and cores >= 2 and not getattr(sys, "frozen", False)


def _plain_indexes(conn: Connection, tables: Iterable[str]) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the indexes on `tables` that no constraint owns (those stay)."""
    names = tuple(tables)
    if conn.dialect.name == "postgresql":
        rows = conn.exec_driver_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%(t)s) AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace)",
            {"t": list(names)})
    else:
        marks = ", ".join("?" * len(names))
        rows = conn.exec_driver_sql(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                                    f"AND tbl_name IN ({marks})", names)
    return [(str(name), str(sql)) for name, sql in rows]


@contextmanager
def _indexes_rebuilt_after(conn: Connection) -> Iterator[None]:
    """Drop the complaint tables' plain indexes on random keys (the complaint_id ones) for the load, then create
    them again (same transaction). Indexes led by feed_seq or scope + feed_seq stay: the load appends to them."""
    indexes = [(name, sql) for name, sql in _plain_indexes(conn, [table for table, _ in TABLES])
               if "feed_seq" not in sql]
    for name, _sql in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    started = time.monotonic()
    for _name, sql in indexes:
        conn.exec_driver_sql(sql)
    log.info("rebuilt %d indexes in %.1f s", len(indexes), time.monotonic() - started)


@contextmanager
def _bulk_load(engine: Engine) -> Iterator[Connection]:
    """One transaction for the load; on SQLite with the connection tuned for it and restored afterwards."""
    with engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            with conn.begin():
                yield conn
            return
        raw: Any = conn.connection.dbapi_connection
        tuned = {"journal_mode": "DELETE", "foreign_keys": "OFF", "synchronous": "OFF", "cache_size": "-262144"}
        saved = {name: raw.execute(f"PRAGMA {name}").fetchone()[0] for name in tuned}
        try:
            for name, value in tuned.items():
                raw.execute(f"PRAGMA {name}={value}")
            with conn.begin():
                yield conn
        finally:
            for name, value in saved.items():
                raw.execute(f"PRAGMA {name}={value}")


def _seed_complaints(engine: Engine, job: _Job, parallel: bool) -> int:
    added = 0
    with _bulk_load(engine) as conn, _indexes_rebuilt_after(conn):
        # One transaction: the first block's positions lock the counter row until the commit, so the blocks get
        # consecutive positions and no reader sees any of them before all of them.
        for block in _parallel_blocks(job) if parallel else _blocks(job):
            _write(conn, _numbered(block, take_positions(conn, _block_size(block))))
            added += len(block[0])
            log.info("seeded %d complaints", added)
    return added


def seed(engine: Engine, *, complaints: int = 2000, region: str | None = None, password: str = "demo",
         seed: int = 1, parallel: bool | None = None) -> dict[str, Any]:
    """Seed the demo pemda (once) and `complaints` complaints (only into a hub without any).

    `parallel`: generate in a second process; None = when the seed is big and a second core is there.
    """
    from server.demo import load_region

    started = time.monotonic()
    rng = random.Random(seed)
    reg = load_region(region)
    with engine.begin() as conn:
        seeded = conn.execute(select(Unit.id).where(Unit.kind == "pemda")).first() is not None
        pemda = load_pemda(conn) if seeded else seed_reference(conn, reg, password, rng)
        existing = conn.execute(select(func.count()).select_from(Complaint)).scalar_one()
    added = 0
    if existing == 0 and complaints > 0:
        job = _Job(region, seed, pemda, rng, complaints)
        added = _seed_complaints(engine, job, _use_second_process(complaints) if parallel is None else parallel)
    return {"complaints_added": added, "reference_seeded": not seeded,
            "seconds": round(time.monotonic() - started, 2)}
