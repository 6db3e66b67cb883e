"""How fast `lapor-hub seed` fills a fresh hub.

    python -m bench.seed --complaints 100000              # SQLite temp file
    python -m bench.seed --complaints 1000000 --pg        # temp database on postgresql://postgres@127.0.0.1:5432
    python -m bench.seed --complaints 200000 --db URL     # an existing (empty) database

Prints one JSON line: {complaints, seconds, rows_per_s, db, rss_mb}. `seconds` covers seeding only (reference data
and complaints), not creating the schema; `rows_per_s` counts every row written (complaints, events, dispositions,
follow-ups, replies); `rss_mb` is the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import logging
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


@contextmanager
def _temp_pg() -> Iterator[str]:
    import psycopg

    name = f"lapor_bench_seed_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _temp_sqlite() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="lapor-bench-seed-") as tmp:
        yield f"sqlite:///{Path(tmp) / 'hub.db'}"


def _rows(engine: object) -> int:
    from sqlalchemy import Engine, func, select

    from server.models import Complaint, Disposition, Event, FollowUp, Reply

    assert isinstance(engine, Engine)
    with engine.connect() as conn:
        return sum(int(conn.execute(select(func.count()).select_from(m)).scalar_one())
                   for m in (Complaint, Disposition, Event, FollowUp, Reply))


def run(complaints: int, url: str, label: str) -> dict[str, object]:
    from server.db import make_engine
    from server.migrate import upgrade
    from server.seed import seed

    engine = make_engine(url)
    try:
        upgrade(engine)
        started = time.perf_counter()
        seed(engine, complaints=complaints)
        seconds = time.perf_counter() - started
        rows = _rows(engine)
    finally:
        engine.dispose()
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"complaints": complaints, "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds),
            "db": label, "rss_mb": round(rss_kb / 1024)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.seed", description=__doc__.split("\n")[0])
    p.add_argument("--complaints", type=int, default=100_000)
    where = p.add_mutually_exclusive_group()
    where.add_argument("--db", default=None, help="database URL (default: a temporary SQLite file)")
    where.add_argument("--pg", action="store_true", help="a temporary database on the local PostgreSQL")
    p.add_argument("-v", "--verbose", action="store_true", help="log seeding progress")
    args = p.parse_args(argv)
    if args.verbose:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if args.db:
        result = run(args.complaints, args.db, args.db.split(":", 1)[0])
    else:
        with _temp_pg() if args.pg else _temp_sqlite() as url:
            result = run(args.complaints, url, "postgresql" if args.pg else "sqlite")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
