"""First sync of an empty replica from a seeded hub, against a floor measured in the same run.

    python -m bench.initial_sync --complaints 100000

Prints JSON: complaints (rows in the replica), seconds (the desk's full first sync: sign-in excluded, every page
pulled, written to the encrypted replica with its indexes and FTS), floor_seconds (the same change records as plain
gzip'd JSON pages over loopback into bare sqlite3, see bench/floor.py), ratio, wire_bytes (what the desk received
and sent), rss_mb (the peak resident memory of this process right after the desk's sync, before the floor runs).
Signs in as the coordinator, who sees every complaint of the pemda.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import keyring

from bench.floor import measure_floor
from desktop import account
from desktop.store.engine import open_account
from desktop.sync.engine import SyncEngine
from desktop.testing.hub import run_hub, seed_hub
from desktop.testing.memory_keyring import MemoryKeyring

PAGE = 1000


def _all_changes(transport: Any) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = []
    cursor = 0
    while True:
        page = transport.changes(cursor, PAGE)
        changes.extend(page["changes"])
        cursor = page["cursor"]
        if not page["more"]:
            return changes


def run(complaints: int, user: str, seed: int) -> dict[str, Any]:
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
            signed = account.sign_in(url, user, "demo", device)
            replica.set_account(url, signed.user)
            wire_before = signed.transport.wire_bytes
            summary = SyncEngine(replica, signed.transport, device).run_once()
            wire = signed.transport.wire_bytes - wire_before
            rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            with replica.read() as conn:
                rows = int(conn.exec_driver_sql("SELECT count(*) FROM complaints").scalar_one())
            replica.close()

            changes = _all_changes(signed.transport)
            floor = measure_floor(changes, PAGE, work / "floor.db")
            signed.transport.close()
    return {
        "complaints": rows,
        "seeded": complaints,
        "records": floor.records,
        "seconds": round(summary.seconds, 3),
        "floor_seconds": round(floor.seconds, 3),
        "ratio": round(summary.seconds / floor.seconds, 2),
        "wire_bytes": wire,
        "floor_wire_bytes": floor.wire_bytes,
        "rss_mb": round(rss_mb, 1),
        "seed_seconds": round(seed_seconds, 1),
        "user": user,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--complaints", type=int, default=10_000)
    parser.add_argument("--user", default="koordinator", help="who signs in (default: sees the whole pemda)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    json.dump(run(args.complaints, args.user, args.seed), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
