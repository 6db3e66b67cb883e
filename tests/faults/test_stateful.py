"""Random sequences of desk work, faults and crashes (Hypothesis stateful), three desks of one OPD against ONE
real hub subprocess; after the faults stop and every outbox drains, every replica equals the hub.

Setup (once per module): a seeded hub; three desks of the PUPR OPD (``staf.pupr`` staff, ``admin.pupr`` admin,
``kepala.pupr`` supervisor), each with its own SQLCipher replica and its own :class:`FaultProxy` in front of the
hub. Each desk syncs once; that replica directory is the desk's snapshot.

Each example starts every desk from a copy of its snapshot (then one clean sync brings it up to date with what
earlier examples did on the hub) and picks a few open complaints of the OPD as its pool. The rules:
- user actions, online or offline (they only touch the replica + outbox): notes, follow-up create / edit / submit /
  approve / return, claim, assign, internal dispositions, status moves that keep the complaint open, small PDF
  attachments, resolving an open conflict (keep mine or take theirs);
- a desk's link going offline and back;
- a one-shot fault on a desk's proxy, for ops, the change feed or the blob lane: cut mid-request, cut
  mid-response, 503 / 429 with ``Retry-After: 0``, the request delivered twice;
- a sync attempt; a transport error the runner would retry (desktop.sync.backoff.is_retryable) is caught, any
  other error fails the test;
- a sync attempt that crashes at a named crash point (desktop/sync/crashpoints.py, optionally its N-th hit);
- the desk's cursor set ahead of the hub (a hub restored from a backup): its next pull rebuilds (410).

Crashes are simulated IN-PROCESS (cheaper than a subprocess per crash, as tests/faults/test_crash_points.py does):
``crashpoints.hit`` is replaced for this module by a function that raises :class:`SimulatedCrash` (a
BaseException, so no ``except Exception`` in the engine or runner can swallow it) at the armed point. The crash
points sit between the engine's transactions, so what is on disk is exactly what a killed process leaves (this
does not model a torn write; the OS-level kill is test_crash_points' job). The desk's replica is then closed and
opened again from disk, a new engine is made, and the replica is checked as the crash left it: integrity ok,
cursor never ahead of the data it holds.

Teardown of each example = the invariants, relative to what the example did (the hub lives across examples):
faults cleared, all desks online, desks sync in rounds until no desk has an op it may still send and a whole round
pushed nothing (bounded); then, per desk:
- PRAGMA integrity_check ok; no bulk load or rebuild left half done;
- every op_id the desk made is, in its outbox, ``accepted`` (and the hub holds exactly one op result and one event
  for it), or ``rejected`` with a reason, or ``conflict`` with an open conflict record, or still queued behind an
  open conflict on its chain (never sent: nothing on the hub), or gone from the outbox because the user resolved
  its conflict (the conflict record keeps it; nothing on the hub); no accepted op keeps a local record;
- every event the hub holds from this desk's device carries an op_id this desk made (nothing phantom);
- the cursor equals the hub's last feed position for the user; the mirror's (type, id) → version equals the hub's
  view read from 0, and the mirror's content (a checksum per table) equals a fresh replica pulled from 0.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test
from sqlalchemy import text

from desktop.domain.statuses import BY_HAND, Status
from desktop.store import actions
from desktop.store import conflicts as store_conflicts
from desktop.store.engine import Replica, open_replica
from desktop.store.errors import NotFound
from desktop.sync import crashpoints
from desktop.sync.backoff import is_retryable
from desktop.sync.engine import SyncEngine
from desktop.sync.transport import Transport
from desktop.testing.hub import run_hub
from desktop.testing.proxy import FaultProxy
from tests.faults.helpers import (
    PASSWORD,
    assert_cursor_not_ahead,
    hub_view,
    integrity,
    mirror_checksums,
    mirror_rows,
    replica_view,
)

USERS = ("staf.pupr", "admin.pupr", "kepala.pupr")  # staff, admin, supervisor of one OPD
ROLES = {"staf.pupr": "staff", "admin.pupr": "admin", "kepala.pupr": "supervisor"}
AHEAD = 1_000_000_000  # a cursor the hub never reached
POOL = 3  # complaints an example works on (few, so desks collide)
DRAIN_ROUNDS = 8
KEEP_OPEN = {Status.SELESAI, Status.ARSIP, Status.DIKEMBALIKAN, Status.DITANGGAPI_PELAPOR}
CLOSED = ("selesai", "arsip", "dikembalikan")
FAULT_PATHS = ("/api/v1/ops", "/api/v1/changes", "/api/v1/blobs", None)
# CI: 20 derandomized examples (repeatable). LAPOR_STATEFUL_EXAMPLES=N: N random ones, to hunt (e.g. nightly).
EXAMPLES = int(os.environ.get("LAPOR_STATEFUL_EXAMPLES") or 20)
RANDOM = bool(os.environ.get("LAPOR_STATEFUL_EXAMPLES"))
FAULTS = ("cut_request", "cut_response", "503", "429", "duplicate")


class SimulatedCrash(BaseException):
    """The process 'died' at a crash point (BaseException: nothing in the engine may catch it)."""


_armed: dict[str, Any] = {"point": None, "nth": 1, "count": 0}


def _crash_hit(name: str) -> None:
    if name not in crashpoints.ALL:
        raise ValueError(f"unknown crash point {name!r}")
    if _armed["point"] != name:
        return
    _armed["count"] += 1
    if _armed["count"] >= _armed["nth"]:
        _armed["point"] = None
        raise SimulatedCrash(name)


def _arm(point: str | None, nth: int = 1) -> None:
    _armed.update(point=point, nth=nth, count=0)


@dataclass
class Desk:
    username: str
    role: str
    key: str
    snapshot: Path  # the synced replica directory every example starts from
    proxy: FaultProxy
    transport: Transport  # through the proxy
    checker: Transport  # straight to the hub, for the checks
    user_id: str = ""
    replica: Replica | None = None
    path: Path | None = None
    online: bool = True
    all_ops: set[str] = field(default_factory=set)  # every op_id this desk ever made (all examples)

    @property
    def device(self) -> str:
        return self.transport.device_id

    def open(self, path: Path) -> Replica:
        self.path = path
        self.replica = open_replica(path, self.key)
        return self.replica

    def reopen(self) -> Replica:
        assert self.replica is not None and self.path is not None
        self.replica.close()
        return self.open(self.path)

    def close(self) -> None:
        if self.replica is not None:
            self.replica.close()
            self.replica = None

    @property
    def r(self) -> Replica:
        assert self.replica is not None
        return self.replica


@dataclass
class World:
    url: str
    hub_db: Path
    root: Path
    desks: list[Desk]
    examples: int = 0
    ops_checked: int = 0
    crashes: int = 0
    crash_attempts: int = 0
    steps: int = 0
    faults_fired: int = 0


def _engine(desk: Desk) -> SyncEngine:
    return SyncEngine(desk.r, desk.transport, desk.device)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("stateful")
    db = root / "hub.db"
    saved_hit = crashpoints.hit
    crashpoints.hit = _crash_hit
    desks: list[Desk] = []
    try:
        with run_hub(f"sqlite:///{db}", seed_complaints=150) as url:
            for i, username in enumerate(USERS):
                proxy = FaultProxy(url, seed=i).start()
                transport = Transport(proxy.url, f"stateful-{username}-{secrets.token_hex(4)}")
                transport.sign_in(username, PASSWORD)
                checker = Transport(url, f"checker-{username}-{secrets.token_hex(4)}")
                checker.sign_in(username, PASSWORD)
                desk = Desk(username, ROLES[username], secrets.token_hex(32), root / "snap" / username, proxy,
                            transport, checker)  # fmt: skip
                replica = desk.open(desk.snapshot / "replica.db")
                replica.set_account(url, transport.user or {})
                _engine(desk).run_once()
                desk.user_id = str(replica.user_id)
                desk.close()
                desks.append(desk)
            yield World(url, db, root, desks)
    finally:
        for desk in desks:
            desk.close()
            desk.proxy.stop()
            desk.transport.close()
            desk.checker.close()
        crashpoints.hit = saved_hit


class DesksMachine(RuleBasedStateMachine):
    world: World  # set on the subclass made per test

    def __init__(self) -> None:
        super().__init__()
        self.w = self.world
        self.w.examples += 1
        self.ex_dir = self.w.root / f"ex{self.w.examples}"
        self.pool: list[str] = []
        self.ops: list[dict[str, str]] = []  # {desk, op_id, kind} made in this example
        self.files = 0

    # ---------------------------------------------------------------- set-up
    @initialize(pick=st.randoms(use_true_random=False))
    def start(self, pick: Any) -> None:
        for desk in self.w.desks:
            desk.close()
            desk.proxy.clear()
            desk.online = True
            shutil.copytree(desk.snapshot, self.ex_dir / desk.username)
            desk.open(self.ex_dir / desk.username / "replica.db")
            _engine(desk).run_once()
        with self.w.desks[1].r.read() as conn:
            open_ids = [r[0] for r in conn.execute(text(
                f"SELECT id FROM complaints WHERE status NOT IN {CLOSED} ORDER BY tracking_id"))]  # fmt: skip
        assert len(open_ids) >= POOL, "the seeded OPD ran out of open complaints"
        self.pool = pick.sample(open_ids, POOL)

    def _desk(self, i: int) -> Desk:
        return self.w.desks[i % len(self.w.desks)]

    def _track(self, desk: Desk, result: actions.ActionResult, kind: str) -> None:
        self.w.steps += 1
        if result.op_id:
            self.ops.append({"desk": desk.username, "op_id": result.op_id, "kind": kind})
            desk.all_ops.add(result.op_id)

    def _followups(self, desk: Desk) -> list[str]:
        marks = ",".join("?" * len(self.pool))
        with desk.r.read() as conn:
            raw = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            mirrored = [
                r[0]
                for r in raw.execute(
                    f"SELECT id FROM followups WHERE complaint_id IN ({marks}) ORDER BY created_at, id",
                    self.pool,
                )
            ]
            local = [r[0] for r in raw.execute(
                f"SELECT id FROM local_records WHERE type = 'followup' AND complaint_id IN ({marks}) "
                "ORDER BY created_at, id", self.pool)]  # fmt: skip
        return mirrored + [f for f in local if f not in mirrored]

    # ---------------------------------------------------------------- user actions (offline or online)
    @rule(d=st.integers(0, 2), c=st.integers(0, POOL - 1), body=st.sampled_from(["cek lapangan", "sudah dihubungi",
                                                                                 "menunggu anggaran"]))  # fmt: skip
    def note(self, d: int, c: int, body: str) -> None:
        desk = self._desk(d)
        self._track(desk, actions.add_note(desk.r, self.pool[c], f"{body} ({desk.username})"), "note.add")

    @rule(d=st.integers(0, 2), c=st.integers(0, POOL - 1))
    def followup_create(self, d: int, c: int) -> None:
        desk = self._desk(d)
        self._track(desk, actions.create_followup(desk.r, self.pool[c], f"Tindak lanjut oleh {desk.username}"),
                    "followup.create")  # fmt: skip

    @rule(d=st.integers(0, 2), f=st.integers(0, 20), n=st.integers(0, 99))
    def followup_edit(self, d: int, f: int, n: int) -> None:
        desk = self._desk(d)
        fus = self._followups(desk)
        if not fus:
            return
        try:
            res = actions.edit_followup(desk.r, fus[f % len(fus)], f"Teks {n} dari {desk.username}")
        except (ValueError, NotFound):
            return
        self._track(desk, res, "followup.edit")

    @rule(d=st.integers(1, 2), f=st.integers(0, 20), how=st.sampled_from(["submit", "approve", "return"]))
    def followup_flow(self, d: int, f: int, how: str) -> None:
        desk = self._desk(d)
        fus = self._followups(desk)
        if not fus:
            return
        fid = fus[f % len(fus)]
        try:
            if how == "submit":
                res = actions.submit_followup(desk.r, fid)
            elif how == "approve":
                res = actions.approve_followup(desk.r, fid)
            else:
                res = actions.return_followup(desk.r, fid, "lengkapi foto")
        except (ValueError, NotFound):
            return
        self._track(desk, res, f"followup.{how}")

    @rule(d=st.integers(0, 2), c=st.integers(0, POOL - 1))
    def claim(self, d: int, c: int) -> None:
        desk = self._desk(d)
        self._track(desk, actions.claim(desk.r, self.pool[c]), "complaint.claim")

    @rule(d=st.integers(1, 2), c=st.integers(0, POOL - 1), who=st.integers(0, 2))
    def assign(self, d: int, c: int, who: int) -> None:
        desk = self._desk(d)
        self._track(desk, actions.assign(desk.r, self.pool[c], self._desk(who).user_id), "complaint.assign")

    @rule(d=st.integers(1, 2), c=st.integers(0, POOL - 1), s=st.integers(0, 10))
    def dispose(self, d: int, c: int, s: int) -> None:
        desk = self._desk(d)
        with desk.r.read() as conn:
            subunits = [r[0] for r in conn.execute(text(
                "SELECT u.id FROM units u JOIN complaints c ON u.parent_id = c.unit_id WHERE c.id = :c "
                "ORDER BY u.id"), {"c": self.pool[c]})]  # fmt: skip
        if not subunits:
            return
        res = actions.create_disposition(desk.r, self.pool[c], kind="internal", to_unit_id=subunits[s % len(subunits)],
                                         instruction="mohon ditindaklanjuti")  # fmt: skip
        self._track(desk, res, "disposition.create")

    @rule(d=st.integers(1, 2), c=st.integers(0, POOL - 1), s=st.integers(0, 10))
    def status(self, d: int, c: int, s: int) -> None:
        desk = self._desk(d)
        with desk.r.read() as conn:
            current = conn.execute(
                text("SELECT status FROM complaints WHERE id = :c"), {"c": self.pool[c]}
            ).scalar()
        if current is None:
            return
        # What the desk's status dialog offers (by hand), less the moves that would end the example's work.
        moves = sorted(str(m) for m in BY_HAND[Status(current)] - KEEP_OPEN)
        if not moves:
            return
        self._track(
            desk, actions.change_status(desk.r, self.pool[c], moves[s % len(moves)]), "complaint.status"
        )

    @rule(d=st.integers(0, 2), c=st.integers(0, POOL - 1), size=st.integers(200, 4000))
    def attach(self, d: int, c: int, size: int) -> None:
        desk = self._desk(d)
        self.files += 1
        path = self.ex_dir / "files" / f"bukti-{self.files}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4\n" + secrets.token_bytes(size))
        res = actions.add_attachment(
            desk.r, self.pool[c], path, owner_type="complaint", mime="application/pdf"
        )
        self._track(desk, res, "attachment.add")

    @rule(d=st.integers(0, 2), mine=st.booleans())
    def resolve(self, d: int, mine: bool) -> None:
        desk = self._desk(d)
        open_ = store_conflicts.list_conflicts(desk.r)
        if not open_:
            return
        conflict = open_[0]
        try:
            res = store_conflicts.resolve(desk.r, conflict.id, "keep_mine" if mine else "take_theirs")
        except ValueError:  # a departure, or an approval of a text that moved: only "theirs"
            res = store_conflicts.resolve(desk.r, conflict.id, "take_theirs")
        self._track(desk, res, conflict.kind)

    # ---------------------------------------------------------------- the link
    @rule(d=st.integers(0, 2))
    def toggle_offline(self, d: int) -> None:
        desk = self._desk(d)
        desk.online = not desk.online
        desk.proxy.set(offline=not desk.online)

    @rule(d=st.integers(0, 2), fault=st.sampled_from(FAULTS), path=st.sampled_from(FAULT_PATHS),
          n=st.integers(0, 400))  # fmt: skip
    def fault(self, d: int, fault: str, path: str | None, n: int) -> None:
        desk = self._desk(d)
        desk.proxy.clear()
        desk.proxy.set(offline=not desk.online)
        one = {"path_filter": path, "times": 1}
        if fault == "cut_request":
            desk.proxy.set(drop_request_after_bytes=n, **one)
        elif fault == "cut_response":
            desk.proxy.set(drop_response_after_bytes=n, **one)
        elif fault == "duplicate":
            desk.proxy.set(duplicate=True, **one)
        else:
            desk.proxy.set(status_override=int(fault), retry_after=0, **one)

    # ---------------------------------------------------------------- sync, maybe crashing
    @rule(d=st.integers(0, 2))
    def sync(self, d: int) -> None:
        self._sync(self._desk(d))

    @rule(d=st.integers(0, 2))
    def hub_restored(self, d: int) -> None:
        """The desk's cursor is ahead of the hub's counter (a hub restored from a backup): the next pull answers 410
        and the desk rebuilds its mirror in place, its outbox untouched."""
        with self._desk(d).r.write() as conn:
            conn.execute(text("UPDATE sync_state SET cursor = :c WHERE id = 1"), {"c": AHEAD})

    @rule(d=st.integers(0, 2), point=st.sampled_from([p for p in crashpoints.ALL if p != "pull.before_index"]),
          nth=st.integers(1, 2))  # fmt: skip
    def sync_and_crash(self, d: int, point: str, nth: int) -> None:
        self.w.crash_attempts += 1
        self._sync(self._desk(d), crash=(point, nth))

    def _sync(self, desk: Desk, crash: tuple[str, int] | None = None) -> None:
        _arm(*(crash or (None, 1)))
        try:
            _engine(desk).run_once()
        except SimulatedCrash:
            self.w.crashes += 1
            self._after_crash(desk)
        except Exception as exc:  # noqa: BLE001 - what the runner retries is fine; anything else fails
            if not is_retryable(exc):
                raise
            self.w.faults_fired += 1
        finally:
            _arm(None)

    def _after_crash(self, desk: Desk) -> None:
        replica = desk.reopen()  # the process died: what is on disk is all there is
        integrity(replica)
        state = replica.sync_state()
        held = replica_view(replica)
        _, pages = hub_view(self.w.url, desk.username, page_size=200, transport=desk.checker)
        assert not state["bulk_load"], state
        if int(state["cursor"]) < AHEAD:  # else the 410 has not been met yet
            assert_cursor_not_ahead(held, int(state["cursor"]), pages, desk.username)

    # ---------------------------------------------------------------- the invariants
    def teardown(self) -> None:
        try:
            if self.pool:
                self._drain()
                for desk in self.w.desks:
                    self._check(desk)
        finally:
            _arm(None)
            for desk in self.w.desks:
                desk.close()
                desk.proxy.clear()
                desk.online = True

    def _ready(self, desk: Desk) -> list[dict[str, Any]]:
        with desk.r.read() as conn:
            pending = [dict(r) for r in conn.execute(
                text("SELECT * FROM outbox WHERE state IN ('queued', 'sent') ORDER BY seq")).mappings()]  # fmt: skip
            return store_conflicts.ready_ops(conn, pending)

    def _pending_blobs(self, desk: Desk) -> int:
        with desk.r.read() as conn:
            return int(
                conn.execute(text("SELECT count(*) FROM blobs WHERE upload_state != 'done'")).scalar_one()
            )

    def _drain(self) -> None:
        for desk in self.w.desks:
            desk.proxy.clear()
            desk.online = True
        quiet = False
        for _ in range(DRAIN_ROUNDS):
            pushed = 0
            for desk in self.w.desks:
                summary = _engine(desk).run_once()  # no faults now: an error here is a failure
                pushed += summary.pushed + summary.conflicts + summary.rejected
            if pushed == 0 and not any(self._ready(d) or self._pending_blobs(d) for d in self.w.desks):
                quiet = True
                break
        assert quiet, {d.username: (self._ready(d), self._pending_blobs(d)) for d in self.w.desks}

    def _check(self, desk: Desk) -> None:
        replica = desk.r
        integrity(replica)
        state = replica.sync_state()
        assert not state["bulk_load"] and not state["rebuilding"], state
        with replica.read() as conn:
            outbox = {r["op_id"]: dict(r) for r in conn.execute(text("SELECT * FROM outbox")).mappings()}
            conflicts = [dict(r) for r in conn.execute(text("SELECT * FROM conflicts")).mappings()]
            local_ops = [
                r[0] for r in conn.execute(text("SELECT op_id FROM local_records WHERE op_id IS NOT NULL"))
            ]
            pending = [dict(r) for r in conn.execute(text(
                "SELECT * FROM outbox WHERE state IN ('queued', 'sent') ORDER BY seq")).mappings()]  # fmt: skip
        open_conflict_ops = {c["op_id"] for c in conflicts if c["state"] == "open"}
        resolved_ops = {c["op_id"] for c in conflicts if c["state"] == "resolved"}
        hub = sqlite3.connect(self.w.hub_db)
        try:

            def on_hub(op_id: str) -> tuple[int, int]:
                res = hub.execute("SELECT count(*) FROM op_results WHERE op_id = ?", (op_id,)).fetchone()[0]
                ev = hub.execute("SELECT count(*) FROM events WHERE op_id = ?", (op_id,)).fetchone()[0]
                return int(res), int(ev)

            for op in (o for o in self.ops if o["desk"] == desk.username):
                op_id = op["op_id"]
                row = outbox.get(op_id)
                counts = on_hub(op_id)
                where = (
                    desk.username,
                    op,
                    row and {k: row[k] for k in ("state", "reason", "kind", "base_version")},
                )
                if (
                    row is None
                ):  # the user resolved its conflict: taken theirs, or sent again under a new op_id
                    assert op_id in resolved_ops, where
                    assert counts == (0, 0), (where, counts)
                elif row["state"] == "accepted":
                    assert counts == (1, 1), (where, counts)
                elif row["state"] == "rejected":
                    assert row["reason"], where
                    assert counts == (0, 0), (where, counts)
                elif row["state"] == "conflict":
                    assert op_id in open_conflict_ops, where
                    assert counts == (0, 0), (where, counts)
                else:  # queued / sent: only behind an open conflict on its chain, never applied
                    assert row["state"] in ("queued", "sent"), where
                    assert op_id not in {p["op_id"] for p in store_conflicts_ready(replica, pending)}, where
                    assert counts == (0, 0), (where, counts)
                self.w.ops_checked += 1
            accepted_local = [o for o in local_ops if outbox.get(o, {}).get("state") == "accepted"]
            assert not accepted_local, (desk.username, accepted_local)
            phantom = [r[0] for r in hub.execute(
                "SELECT op_id FROM events WHERE device_id = ?", (desk.device,)) if r[0] not in desk.all_ops]  # fmt: skip
            assert not phantom, (desk.username, phantom)
        finally:
            hub.close()

        view, pages = hub_view(self.w.url, desk.username, page_size=1000, transport=desk.checker)
        assert int(state["cursor"]) == pages[-1][0], (desk.username, state["cursor"], pages[-1][0])
        held = replica_view(replica)
        assert held == view, (desk.username, _diff(held, view))
        fresh = open_replica(self.ex_dir / f"fresh-{desk.username}.db", secrets.token_hex(32))
        try:
            fresh.set_account(self.w.url, desk.checker.user or {})
            SyncEngine(fresh, desk.checker, desk.checker.device_id).run_once()
            mine, theirs = mirror_checksums(replica), mirror_checksums(fresh)
            for table in mine:
                if mine[table] != theirs[table]:
                    a, b = mirror_rows(replica, table), mirror_rows(fresh, table)
                    diff = {k: (a.get(k), b.get(k)) for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)}
                    raise AssertionError(f"{desk.username}: mirror table {table} differs from a fresh pull: "
                                         f"{json.dumps(diff, default=str)[:3000]}")  # fmt: skip
        finally:
            fresh.close()


def store_conflicts_ready(replica: Replica, pending: list[dict[str, Any]]) -> list[dict[str, Any]]:
    with replica.read() as conn:
        return store_conflicts.ready_ops(conn, pending)


def _diff(a: dict[tuple[str, str], int], b: dict[tuple[str, str], int]) -> dict[str, Any]:
    keys = sorted(set(a) | set(b))
    return {f"{k[0]}:{k[1]}": (a.get(k), b.get(k)) for k in keys if a.get(k) != b.get(k)}


@pytest.mark.timeout(1800)  # passing: well under a minute; a failure is shrunk, each shrink step pays a drain
def test_desks_with_faults_and_crashes_converge_on_the_hub(world: World) -> None:
    machine = type("Machine", (DesksMachine,), {"world": world})
    run_state_machine_as_test(
        machine,
        settings=settings(max_examples=EXAMPLES, stateful_step_count=30, deadline=None, derandomize=not RANDOM,
                          database=None, suppress_health_check=list(HealthCheck)),
    )  # fmt: skip
    print(f"stateful: {world.examples} examples, {world.ops_checked} ops checked, "
          f"{world.crashes} crashes of {world.crash_attempts} tries, {world.faults_fired} failed sync attempts")  # fmt: skip
