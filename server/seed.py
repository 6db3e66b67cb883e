"""Demo pemda + complaints, fast enough for a million: Core executemany in chunks, positions taken in blocks.

Reference data (units, users, categories, calendar, SLA) is seeded once; complaints only into an empty hub.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import random
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from faker import Faker
from sqlalchemy import JSON, Connection, Engine, Table, func, select, update

from server.auth import hash_password
from server.models import (
    Category,
    Complaint,
    Disposition,
    Event,
    FeedCounter,
    FollowUp,
    Holiday,
    Reply,
    SlaSetting,
    Unit,
    User,
    new_id,
)

log = logging.getLogger("lapor_hub.seed")
NS = uuid.UUID("6f1c1e0a-3b7a-4c55-9a57-1a2b3c4d5e6f")  # stable ids for reference data across re-seeds
CHUNK = 5000
SLA_DEFAULTS = {"verify_days": 3, "first_followup_days": 5, "reply_window_days": 10, "finish_days": 60,
                "info_days": 10, "info_extension_days": 7}
EXTERNAL_BODIES = [("BPN", "Kantor Pertanahan (BPN)"), ("POLRES", "Kepolisian Resor"),
                   ("PLN", "PT PLN (Persero) UP3"), ("PDAM", "Perumda Air Minum"),
                   ("KEMENAG", "Kantor Kementerian Agama"), ("BPJSKES", "BPJS Kesehatan Cabang")]
PROCESSED = {"diproses", "ditindaklanjuti", "ditanggapi_pelapor", "selesai"}
ANSWERED = {"ditindaklanjuti", "ditanggapi_pelapor", "selesai"}


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


def _ts(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    parsed = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _day(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def complaint_rows(pemda: Pemda, item: dict[str, Any], rng: random.Random, now: dt.datetime,
                   reply_text: Callable[[dict[str, Any]], str] | None = None) -> list[tuple[Any, dict[str, Any]]]:
    """One generated complaint → its rows (complaint first, then its history) as (model, row) pairs."""
    topic, sub = item.get("topic"), item.get("subtopic")
    opd_id = pemda.opd_by_topic.get(str(topic))
    status = str(item.get("status") or "terdisposisi")
    unit_id = opd_id or pemda.pemda_id
    if status == "dikembalikan" or opd_id is None:
        unit_id = pemda.pemda_id
    cid = new_id()
    arrived, submitted = _ts(item["arrived_at"]), _ts(item["submitted_at"])
    reporter = item.get("reporter") or None
    processed = status in PROCESSED and opd_id is not None and unit_id == opd_id
    subunits = pemda.subunits.get(opd_id or "", [])
    subunit = rng.choice(subunits) if processed and subunits else None
    staff = pemda.staff.get(opd_id or "", [])
    assignee = rng.choice(staff) if processed and staff and rng.random() < 0.6 else None
    loc = dict(item.get("location") or {})
    loc = {k: loc.get(k) for k in ("province", "regency", "kecamatan", "desa", "lat", "lon")}
    complaint = {
        "id": cid, "tracking_id": int(item["tracking_id"]), "title": item["title"], "content": item["content"],
        "kind": item.get("kind", "pengaduan"), "channel": item.get("channel", "web"), "status": status,
        "unit_id": unit_id, "subunit_id": subunit, "assignee_id": assignee,
        "category_id": pemda.categories.get((str(topic), sub)) or pemda.categories.get((str(topic), None)),
        "tags": list(item.get("tags") or []), "incident_date": _day(item.get("incident_date")),
        "submitted_at": submitted, "arrived_at": arrived, "location": loc,
        "anonymous": bool(item.get("anonymous")), "secret": bool(item.get("secret")),
        "reporter_name": reporter["name"] if reporter else None,
        "reporter_contact": reporter.get("contact") if reporter else None,
        "updated_at": arrived, "scope_unit_id": unit_id,
    }
    scope = unit_id
    out: list[tuple[Any, dict[str, Any]]] = [(Complaint, complaint)]
    out.append((Event, {"id": new_id(), "complaint_id": cid, "kind": "complaint.arrived", "actor_id": None,
                        "device_id": None, "op_id": None, "at": arrived,
                        "data": {"unit_id": opd_id or pemda.pemda_id, "channel": complaint["channel"]},
                        "scope_unit_id": scope}))
    if not processed or opd_id is None:
        return out
    admin = pemda.admins.get(opd_id)
    at = min(arrived + dt.timedelta(hours=rng.uniform(1, 48)), now)
    out.append((Disposition, {"id": new_id(), "complaint_id": cid, "kind": "internal", "from_unit_id": opd_id,
                              "to_unit_id": subunit, "to_user_id": assignee,
                              "instruction": "Mohon segera ditindaklanjuti dan dilaporkan hasilnya.",
                              "due_date": (at + dt.timedelta(days=5)).date(), "reason": None,
                              "suggested_body": None, "created_by": admin, "created_at": at,
                              "scope_unit_id": scope}))
    out.append((Event, {"id": new_id(), "complaint_id": cid, "kind": "disposition.create", "actor_id": admin,
                        "device_id": None, "op_id": None, "at": at, "data": {"kind": "internal"},
                        "scope_unit_id": scope}))
    if status in ANSWERED:
        text = (f"Terima kasih atas laporan Saudara. Laporan terkait \"{complaint['title']}\" telah kami "
                "tindak lanjuti bersama unit terkait. Kami akan terus memantau penyelesaiannya.")
        fu_at = min(at + dt.timedelta(days=rng.uniform(1, 5)), now)
        out.append((FollowUp, {"id": new_id(), "complaint_id": cid, "text": text, "state": "published",
                               "author_id": assignee or admin, "content_hash": hashlib.sha256(text.encode()).hexdigest(),
                               "approved_by": None, "approved_at": fu_at, "return_reason": None,
                               "created_at": fu_at, "updated_at": fu_at, "scope_unit_id": scope}))
        complaint["updated_at"] = fu_at
        if status == "ditanggapi_pelapor":
            text = reply_text(item) if reply_text else "Sampai hari ini belum ada perubahan di lapangan."
            reply_at = min(fu_at + dt.timedelta(days=rng.uniform(0.2, 8)), now)
            out.append((Reply, {"id": new_id(), "complaint_id": cid, "created_at": reply_at,
                                "scope_unit_id": scope, "text": text}))
    return out


def insert_complaints(conn: Connection, pemda: Pemda, items: Iterable[dict[str, Any]], rng: random.Random,
                      reply_text: Callable[[dict[str, Any]], str] | None = None) -> int:
    now = dt.datetime.now(dt.UTC)
    order = [Complaint, Disposition, FollowUp, Reply, Event]
    batches: dict[Any, list[dict[str, Any]]] = {m: [] for m in order}
    count = 0
    for item in items:
        for model, row in complaint_rows(pemda, item, rng, now, reply_text):
            batches[model].append(row)
        count += 1
    _stamp(conn, [(m, batches[m]) for m in order])
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


def seed(engine: Engine, *, complaints: int = 2000, region: str | None = None, password: str = "demo",
         seed: int = 1) -> dict[str, Any]:
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
        from server.demo import ComplaintFactory

        factory = ComplaintFactory(reg, seed)
        # Few, large transactions: each chunk takes one block of positions under the counter lock.
        for chunk in _chunks(iter(factory.make(complaints)), 20000):
            with engine.begin() as conn:
                added += insert_complaints(conn, pemda, chunk, rng, factory.reply_text)
            log.info("seeded %d complaints", added)
    return {"complaints_added": added, "reference_seeded": not seeded,
            "seconds": round(time.monotonic() - started, 2)}
