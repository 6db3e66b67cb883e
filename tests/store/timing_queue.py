"""Page timings of the queue API at N complaints (not a test: `python -m tests.store.timing_queue 100000`).
Prints JSON: milliseconds per call (median of repeats) for common list views."""

from __future__ import annotations

import json
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

from desktop.store import queues
from desktop.store.detail import detail
from desktop.store.engine import open_replica
from desktop.store.queues import QueueFilter, SortKey
from tests.store.factory import complaint_changes, load, reference, seeded


def ms(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.median(times), 2)


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        r = open_replica(Path(tmp) / "r.db", secrets.token_hex(32))
        t = time.perf_counter()
        seeded(r, 0)
        load(r, reference() + complaint_changes(n))
        load_s = time.perf_counter() - t
        out: dict[str, object] = {"complaints": n, "load_seconds": round(load_s, 1)}
        mid, last = n // 2, max(0, n - 100)
        cases = {
            "count_all": lambda: queues.count(r, QueueFilter()),
            "ids_first_page_arrived": lambda: queues.ids(r, QueueFilter(), SortKey(), 0, 100),
            "ids_middle_page_arrived": lambda: queues.ids(r, QueueFilter(), SortKey(), mid, 100),
            "ids_last_page_arrived": lambda: queues.ids(r, QueueFilter(), SortKey(), last, 100),
            "ids_middle_title_asc": lambda: queues.ids(r, QueueFilter(), SortKey("title", False), mid, 100),
            "ids_middle_category_name": lambda: queues.ids(r, QueueFilter(), SortKey("category_name"), mid, 100),
            "ids_middle_assignee_name": lambda: queues.ids(r, QueueFilter(), SortKey("assignee_name"), mid, 100),
            "ids_new_first": lambda: queues.ids(r, QueueFilter(queue="new"), SortKey(), 0, 100),
            "ids_mine_first": lambda: queues.ids(r, QueueFilter(queue="mine"), SortKey(), 0, 100),
            "ids_kecamatan_status": lambda: queues.ids(
                r, QueueFilter(kecamatan="Alalak", status="diproses"), SortKey(), 0, 100
            ),
            "ids_search_3_words": lambda: queues.ids(r, QueueFilter(search="jalan rusak marabahan"), SortKey(), 0, 100),
            "ids_search_common_prefix": lambda: queues.ids(r, QueueFilter(search="ja"), SortKey(), 0, 100),
            "count_search_3_words": lambda: queues.count(r, QueueFilter(search="jalan rusak marabahan")),
            "ids_tracking_id": lambda: queues.ids(r, QueueFilter(search=str(1_000_000 + mid)), SortKey(), 0, 100),
            "rows_100": lambda: queues.rows(r, queues.ids(r, QueueFilter(), SortKey(), mid, 100)),
            "queue_counts": lambda: queues.queue_counts(r),
            "detail": lambda: detail(r, "c-0000001"),
        }
        out["ms"] = {name: ms(fn) for name, fn in cases.items()}
        r.close()
        print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
