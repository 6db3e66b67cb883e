"""Sign-off and the lifecycle (issue 9, items 1 and 2) against a real hub, on SQLite and PostgreSQL.

Four eyes covers every writer of a follow-up's text, not only its author: a supervisor who changed a draft never
approves (nor returns) it. Only publishing an approved follow-up moves a complaint to `ditindaklanjuti`; closing as
`selesai` by hand needs a published follow-up. The walk sends `complaint.status` for every (from, to, role) and
compares the answer with desktop.domain.statuses.

These tests run on a hub of their own: they write a second supervisor and a pre-fix state straight into its
database, and the walk needs more complaints in each status than the shared hub's pool can spare.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, MetaData, Table, insert, inspect, select, text

from desktop.domain.ops import OpKind
from desktop.domain.roles import can
from desktop.domain.statuses import Status, hand_move_refusal
from desktop.testing.hub import seed_hub
from server.db import make_engine
from server.seed import take_positions
from tests.hub.client import HubClient, make_op
from tests.hub.conftest import BACKENDS, ComplaintPool, database, hub_db_for, migrate

SEED = 2500  # enough complaints of the OPD in every status for the walk below
STAFF, ADMIN, HEAD, HEAD2, COORD = "staf.pupr", "admin.pupr", "kepala.pupr", "kepala2.pupr", "koordinator"
ROLE_USER = {"staff": STAFF, "admin": ADMIN, "supervisor": HEAD, "coordinator": COORD}


def sha(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


@dataclass
class OwnHub:
    url: str
    engine: Engine
    pool: ComplaintPool = field(default_factory=ComplaintPool)
    clients: dict[str, HubClient] = field(default_factory=dict)
    walk: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)

    def user(self, username: str) -> HubClient:
        if username not in self.clients:
            self.clients[username] = HubClient(self.url, username, device_id=f"dev-{username}")
        return self.clients[username]


def add_supervisor(engine: Engine, like: str, username: str) -> None:
    """A second supervisor of the same OPD (the seed makes one per OPD): a copy of `like`'s row, same password."""
    users = Table("users", MetaData(), autoload_with=engine)
    with engine.begin() as conn:
        row = dict(conn.execute(select(users).where(users.c.username == like)).mappings().one())
        row.update(id=str(uuid.uuid4()), username=username, full_name="Kepala Bidang Jalan",
                   feed_seq=take_positions(conn, 1))
        conn.execute(insert(users).values(**row))


@pytest.fixture(scope="module", params=BACKENDS)
def own(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OwnHub]:
    with hub_db_for(request.param, tmp_path_factory.mktemp(f"signoff-{request.param}"), complaints=SEED) as (url, db):
        engine = make_engine(db)
        try:
            add_supervisor(engine, HEAD, HEAD2)
            yield OwnHub(url, engine)
        finally:
            engine.dispose()


def create_followup(c: HubClient, complaint_id: str, body: str) -> str:
    fid = str(uuid.uuid4())
    r = c.op("followup.create", complaint_id, {"followup_id": fid, "text": body})
    assert r["status"] == "applied", r
    return fid


def edit(c: HubClient, fid: str, body: str, base: str, version: int) -> dict[str, Any]:
    r = c.op("followup.edit", fid, {"text": body, "base_text_hash": sha(base)}, version)
    assert r["status"] == "applied", r
    return r


def feed_followup(c: HubClient, fid: str) -> dict[str, Any]:
    c.pull()
    ch = c.state[("followup", fid)]
    return {**ch["data"], "version": ch["version"]}


def complaint_status(c: HubClient, cid: str) -> str:
    c.pull()
    return str(c.state[("complaint", cid)]["data"]["status"])


# --- item 1: four eyes covers every writer --------------------------------------------------------------------
def test_a_supervisor_who_edited_the_draft_never_approves_or_returns_it(own: OwnHub) -> None:
    staff, head, head2 = own.user(STAFF), own.user(HEAD), own.user(HEAD2)
    target = own.pool.take(own.user(ADMIN), "diproses")[0]
    fid = create_followup(staff, target["id"], "Teks staf")
    r = edit(head, fid, "Teks kepala", "Teks staf", 1)
    assert r["current"]["author_id"] == staff.user["id"]  # the author stays who wrote it first
    assert head.op("followup.submit", fid, {}, 2)["status"] == "applied"  # a supervisor may submit
    refused = head.op("followup.approve", fid, {"content_hash": sha("Teks kepala")}, 3)
    assert (refused["status"], refused["reason"]) == ("rejected", "own_followup")
    assert r["current"]["writer_ids"] == [staff.user["id"], head.user["id"]]
    refused = head.op("followup.return", fid, {"reason": "Saya ubah sendiri"}, 3)
    assert (refused["status"], refused["reason"]) == ("rejected", "own_followup")
    fu = feed_followup(head, fid)
    assert (fu["state"], fu["version"], fu["writer_ids"]) == ("submitted", 3, [staff.user["id"], head.user["id"]])
    assert complaint_status(head, target["id"]) == "diproses"
    # A second person who read it (another supervisor of the OPD) signs it off.
    ok = head2.op("followup.approve", fid, {"content_hash": sha("Teks kepala")}, 3)
    assert (ok["status"], ok["current"]["state"], ok["current"]["approved_by"]) == (
        "applied", "published", head2.user["id"])
    assert complaint_status(head2, target["id"]) == "ditindaklanjuti"


def test_every_writer_counts_even_when_a_later_edit_replaced_their_text(own: OwnHub) -> None:
    staff, admin, head, head2 = own.user(STAFF), own.user(ADMIN), own.user(HEAD), own.user(HEAD2)
    target = own.pool.take(admin, "diproses")[0]
    fid = create_followup(staff, target["id"], "Satu")
    edit(head, fid, "Dua", "Satu", 1)
    edit(staff, fid, "Tiga", "Dua", 2)  # the supervisor's words are gone, their hand in it is not
    assert admin.op("followup.submit", fid, {}, 3)["status"] == "applied"
    assert head.op("followup.approve", fid, {"content_hash": sha("Tiga")}, 4)["reason"] == "own_followup"
    assert head2.op("followup.approve", fid, {"content_hash": sha("Tiga")}, 4)["status"] == "applied"


def test_writers_are_listed_once_in_the_order_they_first_wrote(own: OwnHub) -> None:
    staff, admin, head = own.user(STAFF), own.user(ADMIN), own.user(HEAD)
    target = own.pool.take(admin, "diproses")[0]
    fid = create_followup(staff, target["id"], "a")
    assert feed_followup(staff, fid)["writer_ids"] == [staff.user["id"]]
    edit(staff, fid, "b", "a", 1)
    edit(admin, fid, "c", "b", 2)
    r = edit(staff, fid, "d", "c", 3)
    assert r["current"]["writer_ids"] == [staff.user["id"], admin.user["id"]]
    # An admin's edit does not stop the supervisor: they wrote none of it.
    assert admin.op("followup.submit", fid, {}, 4)["status"] == "applied"
    ok = head.op("followup.approve", fid, {"content_hash": sha("d")}, 5)
    assert (ok["status"], ok["current"]["state"]) == ("applied", "published")
    assert feed_followup(head, fid)["writer_ids"] == [staff.user["id"], admin.user["id"]]


def test_a_staff_text_nobody_changed_is_approved_and_published(own: OwnHub) -> None:
    staff, admin, head = own.user(STAFF), own.user(ADMIN), own.user(HEAD)
    target = own.pool.take(admin, "diproses")[0]
    fid = create_followup(staff, target["id"], "Jalan sudah ditambal.")
    assert admin.op("followup.submit", fid, {}, 1)["status"] == "applied"
    ok = head.op("followup.approve", fid, {"content_hash": sha("Jalan sudah ditambal.")}, 2)
    assert (ok["status"], ok["current"]["state"], ok["current"]["writer_ids"]) == (
        "applied", "published", [staff.user["id"]])
    assert complaint_status(head, target["id"]) == "ditindaklanjuti"


# --- item 2: the lifecycle ------------------------------------------------------------------------------------
def test_only_publishing_moves_a_complaint_to_ditindaklanjuti(own: OwnHub) -> None:
    staff, admin, head = own.user(STAFF), own.user(ADMIN), own.user(HEAD)
    target = own.pool.take(admin, "diproses")[0]
    replied = own.pool.take(admin, "ditanggapi_pelapor")[0]
    for c in (target, replied):
        r = admin.op("complaint.status", c["id"], {"status": "ditindaklanjuti"}, c["version"])
        assert (r["status"], r["reason"]) == ("rejected", "invalid")
    fid = create_followup(staff, target["id"], "Perbaikan selesai 3 Januari.")
    assert admin.op("followup.submit", fid, {}, 1)["status"] == "applied"
    assert head.op("followup.approve", fid, {"content_hash": sha("Perbaikan selesai 3 Januari.")}, 2)[
        "status"] == "applied"
    head.pull()
    complaint = head.state[("complaint", target["id"])]
    assert (complaint["data"]["status"], complaint["version"]) == ("ditindaklanjuti", target["version"] + 1)
    closed = admin.op("complaint.status", target["id"], {"status": "selesai"}, complaint["version"])
    assert (closed["status"], closed["current"]["status"]) == ("applied", "selesai")


def make_unanswered_ditindaklanjuti(own: OwnHub, complaint_id: str) -> None:
    """What `complaint.status` diproses → ditindaklanjuti left behind before this fix: no published follow-up."""
    with own.engine.begin() as conn:
        conn.execute(text("UPDATE complaints SET status = 'ditindaklanjuti' WHERE id = :i"), {"i": complaint_id})


def no_followups(c: dict[str, Any], client: HubClient) -> bool:
    return not any(f["complaint_id"] == c["id"] for f in client.of_type("followup"))


def test_closing_as_selesai_needs_a_published_followup(own: OwnHub) -> None:
    staff, admin, head, coord = own.user(STAFF), own.user(ADMIN), own.user(HEAD), own.user(COORD)
    target = own.pool.take(admin, "diproses", where=lambda c: no_followups(c, admin))[0]
    make_unanswered_ditindaklanjuti(own, target["id"])
    v = target["version"]
    for who in (admin, head, coord):
        r = who.op("complaint.status", target["id"], {"status": "selesai"}, v)
        assert (r["status"], r["reason"]) == ("rejected", "no_followup"), who.user["username"]
    fid = create_followup(staff, target["id"], "Sudah kami tinjau.")
    assert admin.op("followup.submit", fid, {}, 1)["status"] == "applied"
    r = admin.op("complaint.status", target["id"], {"status": "selesai"}, v)
    assert r["reason"] == "no_followup"  # submitted is not published: the reporter has read nothing yet
    assert head.op("followup.approve", fid, {"content_hash": sha("Sudah kami tinjau.")}, 2)["status"] == "applied"
    r = admin.op("complaint.status", target["id"], {"status": "selesai", "reason": "Tuntas"}, v)
    assert (r["status"], r["current"]["status"]) == ("applied", "selesai")


# --- the walk: every transition × role --------------------------------------------------------------------------
# A from-state is a status and whether a published follow-up exists on the complaint. The seed publishes a
# follow-up on every answered complaint; "ditindaklanjuti without one" is the state hand moves left before.
FROM_STATES: tuple[tuple[Status, bool], ...] = (
    (Status.TERDISPOSISI, False), (Status.DIPROSES, False), (Status.DITINDAKLANJUTI, True),
    (Status.DITINDAKLANJUTI, False), (Status.DITANGGAPI_PELAPOR, True), (Status.DITUNDA, False),
    (Status.SELESAI, True), (Status.DIKEMBALIKAN, False), (Status.ARSIP, False),
)  # fmt: skip
ROLES = tuple(ROLE_USER)


def from_key(status: Status, published: bool) -> str:
    return f"{status}{'' if published or status != Status.DITINDAKLANJUTI else '-unpublished'}"


def walk_cases() -> list[tuple[str, Status, bool, Status]]:
    cases: list[tuple[str, Status, bool, Status]] = []
    for role in ROLES:
        for status, published in FROM_STATES:
            # A dikembalikan complaint has left the OPD: only the pemda's coordinator holds it (and staff's
            # role is refused before any scope is looked at).
            if status == Status.DIKEMBALIKAN and role in ("admin", "supervisor"):
                continue
            cases.extend((role, status, published, to) for to in Status)
    return cases


def expected(role: str, status: Status, published: bool, to: Status) -> str:
    if not can(role, OpKind.COMPLAINT_STATUS):
        return "forbidden"
    return hand_move_refusal(status, to, published_followup=published) or "applied"


def has_published(c: dict[str, Any], client: HubClient) -> bool:
    return any(f["complaint_id"] == c["id"] and f["state"] == "published" for f in client.of_type("followup"))


def run_walk(own: OwnHub) -> dict[tuple[str, str, str], dict[str, Any]]:
    """Every case's result, sent in batches: one complaint per case that should apply, one shared complaint per
    from-state for every case that should be refused (a refusal changes nothing)."""
    coord, admin = own.user(COORD), own.user(ADMIN)
    coord.pull()
    admin.pull()
    pupr = admin.user["unit_id"]
    pemda = next(u["id"] for u in coord.of_type("unit") if u["kind"] == "pemda")
    cases = walk_cases()
    applying = [c for c in cases if expected(*c) == "applied"]
    ops: dict[str, list[tuple[tuple[str, str, str], dict[str, Any]]]] = {role: [] for role in ROLES}
    for status, published in FROM_STATES:
        holder = pemda if status == Status.DIKEMBALIKAN else pupr  # sent back: the pemda re-routes it
        made_by_hand = status == Status.DITINDAKLANJUTI and not published
        need = 1 + sum(1 for c in applying if c[1:3] == (status, published))
        found = [c for c in coord.of_type("complaint")
                 if c["id"] not in own.pool.used and c["unit_id"] == holder
                 and (c["status"] == (Status.DIPROSES if made_by_hand else status))
                 and (no_followups(c, coord) if made_by_hand else has_published(c, coord) == published)]
        found.sort(key=lambda c: c["tracking_id"])
        assert len(found) >= need, f"the seed has {len(found)} complaints for {from_key(status, published)}"
        picked = found[:need]
        own.pool.used.update(c["id"] for c in picked)
        if made_by_hand:
            for c in picked:
                make_unanswered_ditindaklanjuti(own, c["id"])
        probe, fresh = picked[0], iter(picked[1:])
        for role, s, p, to in cases:
            if (s, p) != (status, published):
                continue
            c = next(fresh) if expected(role, s, p, to) == "applied" else probe
            key = (role, from_key(s, p), str(to))
            ops[role].append((key, make_op("complaint.status", c["id"], {"status": str(to)}, c["version"])))
    results: dict[tuple[str, str, str], dict[str, Any]] = {}
    for role, batch in ops.items():
        client = own.user(ROLE_USER[role])
        for start in range(0, len(batch), 50):
            chunk = batch[start:start + 50]
            resp = client.ops(*(op for _, op in chunk))
            assert resp.status_code == 200, resp.text
            for (key, _), result in zip(chunk, resp.json()["results"], strict=True):
                results[key] = result
    return results


@pytest.mark.parametrize(("role", "status", "published", "to"), walk_cases(),
                         ids=[f"{r}:{from_key(s, p)}->{t}" for r, s, p, t in walk_cases()])
def test_every_status_move_by_every_role_is_what_the_domain_says(
        own: OwnHub, role: str, status: Status, published: bool, to: Status) -> None:
    if not own.walk:
        own.walk.update(run_walk(own))
    result = own.walk[(role, from_key(status, published), str(to))]
    want = expected(role, status, published, to)
    if want == "applied":
        assert (result["status"], result["current"]["status"]) == ("applied", str(to)), result
    else:
        assert (result["status"], result["reason"]) == ("rejected", want), result


# --- the migration --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_0004_backfills_writers_with_the_author_and_downgrades(backend: str, tmp_path: Path) -> None:
    with database(backend, tmp_path) as db:
        seed_hub(db, complaints=60)
        engine = make_engine(db)
        def writers() -> list[tuple[Any, str]]:
            with engine.connect() as conn:
                fus = Table("followups", MetaData(), autoload_with=conn)
                return [(w, a) for w, a in conn.execute(select(fus.c.writer_ids, fus.c.author_id))]

        try:
            assert writers() and all(w == [a] for w, a in writers())  # the seed writes them
            migrate(engine, command.downgrade, "0003")
            assert "writer_ids" not in {c["name"] for c in inspect(engine).get_columns("followups")}
            migrate(engine, command.upgrade, "0004")
            cols = {c["name"]: c for c in inspect(engine).get_columns("followups")}
            assert not cols["writer_ids"]["nullable"]
            assert all(w == [a] for w, a in writers())
            migrate(engine, command.upgrade, "head")
        finally:
            engine.dispose()
