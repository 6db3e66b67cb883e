"""A sync cycle over a weak link: the kecamatan office's 256 kbit/s line with a 600 ms round trip that drops 2% of
its connections mid-transfer.

    python -m bench.weak_link                  # the issue's figures: 500 changed complaints, 100 ops, 10 x 1 MB
    python -m bench.weak_link --attachments 2  # quicker

A real hub (subprocess, SQLite) and the desk (a real encrypted replica, ``SyncEngine`` driven by ``SyncRunner``, the
same back-off the window uses) talk through :class:`desktop.testing.proxy.FaultProxy`. Set-up over a perfect link:
seed, sign in as ``admin.pupr``, first sync. Then, on the hub, a colleague's desk (``kepala.pupr``, straight to the
hub) assigns ``--changed`` open PUPR complaints; on this desk, offline, ``--ops`` notes and ``--attachments`` files
of ``--attachment-kb`` KiB (incompressible, like photos and scans). Then the link turns weak and one run syncs
until done: push, upload lane, pull. Prints JSON:

- ``seconds``: the run over the weak link (retries and their back-off waits included);
- ``lost_ops``: ops made on this desk that the hub never applied and that the desk does not show as rejected or in
  conflict (must be 0); ``duplicated_ops``: op_ids the hub applied more than once (its events carry the op_id;
  must be 0); ``pulled_missing``: changed complaints whose new version the replica does not hold (must be 0);
- ``wire_bytes``: what the desk's link carried both ways (the proxy's client side: HTTP heads, bodies, the bytes
  of cut transfers and their retries);
- ``gzip_payload_bytes``: the useful payload, each part gzip'd once: the pushed op batches as JSON, the change
  pages of this cycle as JSON, the attachment files; ``ratio`` = wire_bytes / gzip_payload_bytes (target <= 1.3);
- ``cuts``, ``attempts`` (sync passes the runner needed), ``requests``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import keyring
import orjson

from desktop import account
from desktop.domain.statuses import Status, is_open
from desktop.store import actions
from desktop.store.engine import Replica, open_account
from desktop.sync.engine import PUSH_BATCH, SyncEngine
from desktop.sync.runner import SyncRunner
from desktop.sync.transport import Transport
from desktop.testing.hub import run_hub, seed_hub
from desktop.testing.memory_keyring import MemoryKeyring
from desktop.testing.proxy import FaultProxy

USER = "admin.pupr"
COLLEAGUE = "kepala.pupr"
OPEN_STATUSES = tuple(s.value for s in Status if is_open(s) and s.value != "dikembalikan")


def _hub_db(db_url: str) -> sqlite3.Connection:
    return sqlite3.connect(db_url.removeprefix("sqlite:///"))


def _open_pupr(hub: sqlite3.Connection, limit: int, offset: int = 0) -> list[tuple[str, int, str | None]]:
    unit = hub.execute("SELECT id FROM units WHERE code = 'PUPR' AND kind != 'subunit' LIMIT 1").fetchone()
    if unit is None:
        unit = hub.execute("SELECT id FROM units WHERE code = 'PUPR' LIMIT 1").fetchone()
    marks = ", ".join("?" for _ in OPEN_STATUSES)
    return [(r[0], int(r[1]), r[2]) for r in hub.execute(
        f"SELECT id, version, assignee_id FROM complaints WHERE unit_id = ? AND status IN ({marks}) "
        "ORDER BY tracking_id LIMIT ? OFFSET ?", (unit[0], *OPEN_STATUSES, limit, offset))]  # fmt: skip


def _change_on_hub(url: str, db_url: str, count: int) -> dict[str, int]:
    """A colleague assigns `count` open complaints of the OPD (straight to the hub): what the desk will pull."""
    with _hub_db(db_url) as hub:
        rows = _open_pupr(hub, count)
        staff = hub.execute("SELECT id FROM users WHERE username = 'staf.pupr'").fetchone()[0]
    if len(rows) < count:
        raise SystemExit(f"weak_link: only {len(rows)} open PUPR complaints; seed more with --complaints")
    colleague = Transport(url, device_id=f"bench-colleague-{uuid.uuid4()}")
    colleague.sign_in(COLLEAGUE, "demo")
    expected: dict[str, int] = {}
    ops = [{"op_id": str(uuid.uuid4()), "kind": "complaint.assign", "target": cid, "base_version": version,
            "payload": {"assignee_id": None if assignee == staff else staff}}
           for cid, version, assignee in rows]  # fmt: skip
    for start in range(0, len(ops), PUSH_BATCH):
        batch = ops[start : start + PUSH_BATCH]
        for op, result in zip(batch, colleague.push_ops(batch), strict=True):
            if result.get("status") != "applied":
                raise SystemExit(f"weak_link: the colleague's assign was not accepted: {result}")
            expected[str(op["target"])] = int(result["version"])
    colleague.close()
    return expected


def _work_offline(replica: Replica, work: Path, ops: int, attachments: int, attachment_kb: int) -> list[str]:
    """The desk's offline work: notes and attachments on open complaints (made through the store's actions)."""
    with replica.read() as conn:
        marks = ", ".join(f"'{s}'" for s in OPEN_STATUSES)
        ids = [r[0] for r in conn.exec_driver_sql(
            f"SELECT id FROM complaints WHERE status IN ({marks}) ORDER BY tracking_id DESC LIMIT ?",
            (max(ops, attachments),))]  # fmt: skip
    op_ids = [actions.add_note(replica, ids[i % len(ids)], f"Catatan lapangan {i + 1}: sudah dicek petugas.").op_id
              for i in range(ops)]  # fmt: skip
    for i in range(attachments):
        path = work / f"foto-lapangan-{i + 1}.pdf"
        path.write_bytes(b"%PDF-1.4\n" + os.urandom(attachment_kb * 1024 - 9))
        op_ids.append(actions.add_attachment(replica, ids[i % len(ids)], path, owner_type="complaint",
                                             owner_id=ids[i % len(ids)], mime="application/pdf").op_id)  # fmt: skip
    return op_ids


def _push_payload(replica: Replica) -> int:
    """The op batches this cycle pushes, as the engine sends them, gzip'd."""
    with replica.read() as conn:
        rows = [dict(r) for r in conn.exec_driver_sql(
            "SELECT op_id, kind, target, base_version, payload, created_at FROM outbox "
            "WHERE state IN ('queued', 'sent') ORDER BY seq").mappings()]  # fmt: skip
    for row in rows:
        row["payload"] = json.loads(row["payload"])
    return sum(len(gzip.compress(orjson.dumps({"device_id": "d", "ops": rows[i : i + PUSH_BATCH]})))
               for i in range(0, len(rows), PUSH_BATCH))  # fmt: skip


def _pull_payload(url: str, after: int, upto: int) -> int:
    """The change pages between two cursors as the hub serves them, gzip'd."""
    reader = Transport(url, device_id=f"bench-reader-{uuid.uuid4()}")
    reader.sign_in(USER, "demo")
    total, cursor = 0, after
    while cursor < upto:
        page = reader.changes(cursor, 1000)
        total += len(gzip.compress(orjson.dumps({"changes": page["changes"], "cursor": page["cursor"],
                                                 "more": page["more"]})))  # fmt: skip
        cursor = int(page["cursor"])
        if not page["more"]:
            break
    reader.close()
    return total


def _outcome(replica: Replica, db_url: str, op_ids: list[str], expected: dict[str, int]) -> dict[str, int]:
    marks = ", ".join("?" for _ in op_ids)
    with _hub_db(db_url) as hub:
        applied = {r[0]: int(r[1]) for r in hub.execute(
            f"SELECT op_id, count(*) FROM events WHERE op_id IN ({marks}) GROUP BY op_id", op_ids)}  # fmt: skip
    with replica.read() as conn:
        visible = {r[0] for r in conn.exec_driver_sql(
            "SELECT op_id FROM outbox WHERE state IN ('rejected', 'conflict')")}  # fmt: skip
        versions = {r[0]: int(r[1]) for r in conn.exec_driver_sql("SELECT id, version FROM complaints")}
    return {
        "lost_ops": sum(1 for op in op_ids if op not in applied and op not in visible),
        "duplicated_ops": sum(1 for n in applied.values() if n > 1),
        "pulled_missing": sum(1 for cid, v in expected.items() if versions.get(cid, -1) < v),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    keyring.set_keyring(MemoryKeyring())  # never the OS keyring
    with tempfile.TemporaryDirectory(prefix="lapor-weak-") as tmp:
        work = Path(tmp)
        db_url = f"sqlite:///{work / 'hub.db'}"
        seed_hub(db_url, complaints=args.complaints, seed=args.seed)
        with run_hub(db_url, seed_complaints=None) as url, FaultProxy(url, seed=args.seed) as proxy:
            data_dir = work / "desk"
            device = account.device_id(data_dir)
            replica = open_account(proxy.url, USER, data_dir=data_dir)
            signed = account.sign_in(proxy.url, USER, "demo", device)
            replica.set_account(proxy.url, signed.user)
            engine = SyncEngine(replica, signed.transport, device)
            engine.run_once()  # the first sync, over a perfect link: not measured
            cursor_before = int(replica.sync_state()["cursor"])

            expected = _change_on_hub(url, db_url, args.changed)
            op_ids = _work_offline(replica, work, args.ops, args.attachments, args.attachment_kb)
            push_bytes = _push_payload(replica)
            file_bytes = sum(len(gzip.compress(p.read_bytes())) for p in work.glob("foto-lapangan-*.pdf"))

            proxy.reset_stats()
            proxy.set(latency=args.rtt_ms / 2000, bandwidth_bps=args.kbit * 1000, cut_probability=args.cut)
            runner = SyncRunner(engine)
            started = time.perf_counter()
            result = runner.run()
            seconds = time.perf_counter() - started
            stats = proxy.stats()
            proxy.clear()

            cursor_after = int(replica.sync_state()["cursor"])
            pull_bytes = _pull_payload(url, cursor_before, cursor_after)
            outcome = _outcome(replica, db_url, op_ids, expected)
            replica.close()
            signed.transport.close()
    payload = push_bytes + pull_bytes + file_bytes
    return {
        "seconds": round(seconds, 1),
        "outcome": result.outcome.value,
        **outcome,
        "wire_bytes": stats.wire_bytes,
        "gzip_payload_bytes": payload,
        "ratio": round(stats.wire_bytes / payload, 3),
        "payload_parts": {"push": push_bytes, "pull": pull_bytes, "attachments": file_bytes},
        "cuts": stats.requests_cut + stats.responses_cut,
        "attempts": result.attempts,
        "requests": stats.requests_seen,
        "link": {"kbit_s": args.kbit, "rtt_ms": args.rtt_ms, "cut_probability": args.cut},
        "changed": args.changed, "ops": args.ops + args.attachments,
        "attachments": args.attachments, "attachment_kb": args.attachment_kb,
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--complaints", type=int, default=16000,
                        help="seeded on the hub (PUPR gets about a quarter, a sixth of those open)")
    parser.add_argument("--changed", type=int, default=500, help="complaints a colleague changes on the hub")
    parser.add_argument("--ops", type=int, default=100, help="notes made offline on this desk")
    parser.add_argument("--attachments", type=int, default=10)
    parser.add_argument("--attachment-kb", type=int, default=1024)
    parser.add_argument("--kbit", type=int, default=256, help="link bandwidth, kbit/s each way")
    parser.add_argument("--rtt-ms", type=int, default=600)
    parser.add_argument("--cut", type=float, default=0.02, help="share of connections cut mid-transfer")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    json.dump(run(args), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
