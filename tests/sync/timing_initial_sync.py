"""Initial sync timing vs the floor (not a test): `python -m tests.sync.timing_initial_sync 100000 [hub.db]`.

Seeds a hub (SQLite) with N complaints (unless the hub db exists), signs in as the coordinator (sees every OPD),
measures bench.floor (same pages, bare sqlite3) and then SyncEngine.run_once into a fresh encrypted replica.
Prints JSON."""

from __future__ import annotations

import json
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import keyring

from bench.floor import measure_floor
from desktop.store import queues
from desktop.store.detail import detail
from desktop.store.engine import Replica, open_replica
from desktop.sync.engine import SyncEngine
from desktop.sync.transport import Transport
from desktop.testing.hub import run_hub, seed_hub
from desktop.testing.memory_keyring import MemoryKeyring


def _ms(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 2)


def _queue_timings(r: Replica, total: int) -> dict[str, float]:
    QF, SK = queues.QueueFilter, queues.SortKey
    mid, last = total // 2, max(0, total - 100)
    sample = queues.rows(r, queues.ids(r, QF(), SK(), mid, 1))[0]
    words = " ".join(w[:4] for w in sample.title.split()[:3])
    cases: dict[str, Callable[[], object]] = {
        "count_all": lambda: queues.count(r, QF()),
        "ids_page_first": lambda: queues.ids(r, QF(), SK(), 0, 100),
        "ids_page_middle": lambda: queues.ids(r, QF(), SK(), mid, 100),
        "ids_page_last": lambda: queues.ids(r, QF(), SK(), last, 100),
        "ids_middle_by_title": lambda: queues.ids(r, QF(), SK("title", False), mid, 100),
        "ids_middle_by_category": lambda: queues.ids(r, QF(), SK("category_name", False), mid, 100),
        "ids_middle_by_assignee": lambda: queues.ids(r, QF(), SK("assignee_name", False), mid, 100),
        "ids_new": lambda: queues.ids(r, QF(queue="new"), SK(), 0, 100),
        "ids_need_followup_middle": lambda: queues.ids(r, QF(queue="need_followup"), SK(), 2000, 100),
        "ids_kecamatan_status": lambda: queues.ids(r, QF(kecamatan=sample.kecamatan, status="diproses"), SK(), 0, 100),
        "ids_search_title_words": lambda: queues.ids(r, QF(search=words), SK(), 0, 100),
        "count_search_title_words": lambda: queues.count(r, QF(search=words)),
        "ids_search_common_prefix_ja": lambda: queues.ids(r, QF(search="ja"), SK(), 0, 100),
        "ids_tracking_id": lambda: queues.ids(r, QF(search=str(sample.tracking_id)), SK(), 0, 100),
        "rows_100": lambda: queues.rows(r, queues.ids(r, QF(), SK(), mid, 100)),
        "queue_counts": lambda: queues.queue_counts(r),
        "detail": lambda: detail(r, sample.id),
    }
    return {name: _ms(fn) for name, fn in cases.items()}


def main(n: int, hub_db: str | None) -> None:
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(hub_db) if hub_db else Path(tmp) / "hub.db"
        out: dict[str, object] = {"complaints": n}
        if not db.exists():
            t0 = time.perf_counter()
            seed_hub(f"sqlite:///{db}", complaints=n)
            out["seed_seconds"] = round(time.perf_counter() - t0, 1)
        with run_hub(f"sqlite:///{db}", seed_complaints=None) as url:
            t = Transport(url, "bench")
            t.sign_in("koordinator", "demo")
            changes: list[dict[str, object]] = []
            cursor, more = 0, True
            t0 = time.perf_counter()
            while more:
                page = t.changes(cursor, 1000)
                changes.extend(page["changes"])
                cursor, more = page["cursor"], page["more"]
            out["hub_fetch_only_seconds"] = round(time.perf_counter() - t0, 2)
            out["records"] = len(changes)
            floor = measure_floor(changes, 1000, Path(tmp) / "floor.db")
            out["floor_seconds"] = round(floor.seconds, 2)
            del changes
            replica = open_replica(Path(tmp) / "replica.db", secrets.token_hex(32))
            engine = SyncEngine(replica, Transport(url, "bench2"), "bench2")
            engine.transport.sign_in("koordinator", "demo")
            summary = engine.run_once()
            out["desk_seconds"] = round(summary.seconds, 2)
            out["desk_pulled"] = summary.pulled
            out["desk_wire_bytes"] = summary.wire_bytes
            out["ratio"] = round(summary.seconds / floor.seconds, 2)
            out["complaints_in_replica"] = total = queues.count(replica, queues.QueueFilter())
            out["queue_ms"] = _queue_timings(replica, total)
            replica.close()
        print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, sys.argv[2] if len(sys.argv) > 2 else None)
