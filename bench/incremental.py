"""An incremental sync cycle: 1,000 complaints changed on the hub and 200 local ops, pushed and pulled in one pass.

    python -m bench.incremental --complaints 8000

Seeds a hub, fully syncs a replica (device A, not timed), then another device of the same coordinator (B) moves
``--changed`` complaints to their next status on the hub (each one a complaint change plus an event), and device A
queues ``--local-ops`` notes. The timed part is device A's whole ``run_once``: push every op (batches of 50), pull
every change since its cursor into the encrypted replica (FTS kept up to date), stamp the sync. Target: ≤ 1 s on
loopback.

Prints JSON: seconds (the whole cycle), push_seconds / pull_seconds (from the engine's progress reports), pushed,
pulled (change records), changed (complaints moved on the hub), wire_bytes, requests (HTTP calls in the cycle),
http_seconds (of the cycle, spent waiting on the hub: pulls overlap with writing, so not all of it adds up),
complaints (rows in the replica), and the untimed set-up figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import keyring

from desktop import account
from desktop.store import actions
from desktop.store.engine import open_account
from desktop.sync.engine import SyncEngine, SyncProgress
from desktop.sync.transport import Transport
from desktop.testing.hub import run_hub, seed_hub
from desktop.testing.memory_keyring import MemoryKeyring

PAGE = 1000
# one move by hand per open status (desktop/domain/statuses.py BY_HAND), so every op is applied: the seed's
# ditindaklanjuti complaints have a published follow-up (selesai needs one); ditindaklanjuti is never set by hand
NEXT_STATUS = {"terdisposisi": "ditunda", "ditunda": "diproses", "diproses": "arsip",
               "ditindaklanjuti": "selesai"}  # fmt: skip


def _complaints(transport: Transport) -> dict[str, dict[str, Any]]:
    """Device B's view of the complaints: id → {version, status}."""
    out: dict[str, dict[str, Any]] = {}
    cursor = 0
    while True:
        page = transport.changes(cursor, PAGE)
        for ch in page["changes"]:
            if ch["type"] == "complaint" and not ch["deleted"]:
                out[ch["id"]] = {"version": ch["version"], "status": ch["data"]["status"]}
        cursor = page["cursor"]
        if not page["more"]:
            return out


def _change_on_hub(
    transport: Transport, complaints: dict[str, dict[str, Any]], n: int
) -> tuple[int, set[str]]:
    """Move n complaints to their next status from another device; returns (applied, the ids moved)."""
    movable = [(cid, c) for cid, c in sorted(complaints.items()) if c["status"] in NEXT_STATUS][:n]
    ops = [
        {"op_id": str(uuid.uuid4()), "kind": "complaint.status", "target": cid, "base_version": c["version"],
         "payload": {"status": NEXT_STATUS[c["status"]], "reason": "bench"}, "created_at": "2026-01-05T02:00:00Z"}
        for cid, c in movable
    ]  # fmt: skip
    applied = 0
    reasons: dict[str, int] = {}
    for start in range(0, len(ops), 50):
        for r in transport.push_ops(ops[start : start + 50]):
            if r.get("status") == "applied":
                applied += 1
            else:
                reasons[str(r.get("reason"))] = reasons.get(str(r.get("reason")), 0) + 1
    if reasons:
        print(f"not applied on the hub: {reasons}", file=sys.stderr)
    return applied, {cid for cid, _ in movable}


class _Counting(Transport):
    """Counts HTTP calls and the time spent waiting on them (the hub's share of the cycle)."""

    requests = 0
    http_seconds = 0.0

    def _call(self, *args: Any, **kw: Any) -> Any:
        self.requests += 1
        t0 = time.perf_counter()
        try:
            return super()._call(*args, **kw)
        finally:
            self.http_seconds += time.perf_counter() - t0


def run(complaints: int, changed: int, local_ops: int, user: str, seed: int) -> dict[str, Any]:
    keyring.set_keyring(MemoryKeyring())  # never the OS keyring
    with tempfile.TemporaryDirectory(prefix="lapor-bench-") as tmp:
        work = Path(tmp)
        db_url = f"sqlite:///{work / 'hub.db'}"
        t0 = time.perf_counter()
        seed_hub(db_url, complaints=complaints, seed=seed)
        seed_seconds = time.perf_counter() - t0
        with run_hub(db_url, seed_complaints=None) as url:
            data_dir = work / "desk"
            device = account.device_id(data_dir)
            replica = open_account(url, user, data_dir=data_dir)
            transport = _Counting(url, device)
            transport.sign_in(user, "demo")
            replica.set_account(url, transport.user or {})
            first = SyncEngine(replica, transport, device).run_once()

            other = Transport(url, f"bench-other-{uuid.uuid4()}")
            other.sign_in(user, "demo")
            moved, moved_ids = _change_on_hub(other, _complaints(other), changed)
            other.close()

            with replica.read() as conn:  # notes on complaints B did not close (a closed one rejects notes)
                targets = [r[0] for r in conn.exec_driver_sql(
                    "SELECT id FROM complaints WHERE status IN ('terdisposisi', 'diproses', 'ditindaklanjuti', "
                    "'ditanggapi_pelapor', 'ditunda') ORDER BY tracking_id DESC") if r[0] not in moved_ids]  # fmt: skip
            for i in range(local_ops):
                actions.add_note(
                    replica, targets[i % len(targets)], f"Catatan bench #{i}: sudah dicek ke lokasi"
                )

            marks: dict[str, float] = {}

            def progress(p: SyncProgress) -> None:
                marks.setdefault(p.phase, time.perf_counter())
                marks[f"last_{p.phase}"] = time.perf_counter()

            requests_before, http_before = transport.requests, transport.http_seconds
            started = time.perf_counter()
            summary = SyncEngine(replica, transport, device).run_once(progress=progress)
            ended = time.perf_counter()
            requests = transport.requests - requests_before
            http_seconds = transport.http_seconds - http_before
            with replica.read() as conn:
                rows = int(conn.exec_driver_sql("SELECT count(*) FROM complaints").scalar_one())
                left = int(conn.exec_driver_sql(
                    "SELECT count(*) FROM outbox WHERE state IN ('queued', 'sent')").scalar_one())  # fmt: skip
            replica.close()
            transport.close()
    push_end = marks.get("last_push", started)
    return {
        "seconds": round(ended - started, 3),
        "push_seconds": round(push_end - started, 3),
        "pull_seconds": round(ended - push_end, 3),
        "pushed": summary.pushed,
        "pulled": summary.pulled,
        "changed": moved,
        "local_ops": local_ops,
        "outbox_left": left,
        "conflicts": summary.conflicts,
        "rejected": summary.rejected,
        "wire_bytes": summary.wire_bytes,
        "requests": requests,
        "http_seconds": round(http_seconds, 3),
        "complaints": rows,
        "seeded": complaints,
        "first_sync_seconds": round(first.seconds, 3),
        "seed_seconds": round(seed_seconds, 1),
        "user": user,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--complaints", type=int, default=8_000, help="enough for 1,000 open ones to move")
    parser.add_argument("--changed", type=int, default=1_000, help="complaints changed on the hub")
    parser.add_argument("--local-ops", type=int, default=200, help="ops queued on the desk")
    parser.add_argument("--user", default="koordinator", help="who signs in (default: sees the whole pemda)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    json.dump(run(args.complaints, args.changed, args.local_ops, args.user, args.seed), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
