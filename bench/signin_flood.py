"""Sign-in floods against a real hub, and whether sign-in timing tells real usernames from unknown ones.

    python -m bench.signin_flood                     # SQLite
    python -m bench.signin_flood --db postgresql://postgres@127.0.0.1:5432/bench_flood   # an empty database

A signed-in desk (``admin.pupr``) reads ``GET /changes?after=0&limit=50`` over and over while 16 threads send wrong
passwords, in four phases:

- ``baseline``: no flood;
- ``flood_one_address``: an attacker at one address guessing 16 accounts (the throttle locks them: 429s);
- ``flood_distributed``: a new username from a new address every time (no lock stops it: every attempt wants a
  hash; the bounded pool answers 503 when its queue is full);
- ``flood_distributed_unbounded``: the same against a hub whose pool hashes 16 at once (what the hub did before
  the pool: every sign-in hashed on its own API thread).

Client addresses come from ``X-Forwarded-For``, which the hub trusts from 127.0.0.1 (a reverse proxy on its host).
``signin_ms``: median sign-in answer for a real user with a wrong password, an unknown user, a deactivated user
(equal within noise: no username oracle), and a 429 during a lock-out (no hash at all). Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import update

from desktop.testing.hub import run_hub, seed_hub
from server.db import make_engine
from server.models import User

HEADERS = {"X-Lapor-Protocol": "1"}
OPDS = ["pupr", "dinkes", "dinsos", "disdikbud", "disdukcapil", "dishub", "dlh", "satpolpp"]
DEACTIVATED = [f"{role}.dlh" for role in ("staf", "admin", "kepala")]
FLOOD_THREADS = 16
# The timing hub may not lock anyone: it measures hashing, not the throttle.
NO_LOCKS = {"LAPOR_HUB_SIGNIN_ACCOUNT_FAILURES": "1000000", "LAPOR_HUB_SIGNIN_ADDRESS_FAILURES": "1000000"}


def _sign_in(url: str, username: str, password: str, address: str) -> requests.Response:
    return requests.post(f"{url}/api/v1/auth/token", timeout=120,
                         headers={**HEADERS, "X-Forwarded-For": address},
                         json={"username": username, "password": password, "device_id": "bench-flood"})


def _address() -> str:
    n = uuid.uuid4().int
    return f"10.{n % 250}.{(n >> 8) % 250}.{(n >> 16) % 250 + 1}"


def _ms(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"median_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000, 1)}


def _reads(url: str, access: str, count: int) -> list[float]:
    session = requests.Session()
    session.headers.update({**HEADERS, "Authorization": f"Bearer {access}"})
    took = []
    for _ in range(count):
        started = time.perf_counter()
        resp = session.get(f"{url}/api/v1/changes", params={"after": 0, "limit": 50}, timeout=120)
        took.append(time.perf_counter() - started)
        if resp.status_code != 200:
            raise SystemExit(f"signin_flood: /changes answered {resp.status_code}")
    return took


def _flooder(url: str, stop: threading.Event, statuses: Counter[int], lock: threading.Lock, index: int,
             distributed: bool) -> None:
    attacker = "10.250.0.1"
    while not stop.is_set():
        if distributed:
            name, address = f"guess{uuid.uuid4().hex[:10]}", _address()
        else:
            name, address = f"{('staf', 'admin')[index % 2]}.{OPDS[index % len(OPDS)]}", attacker
        try:
            status = _sign_in(url, name, "bukan-sandinya", address).status_code
        except requests.RequestException:
            status = 0
        with lock:
            statuses[status] += 1


def _phase(url: str, access: str, reads: int, flood: str | None) -> dict[str, Any]:
    stop, lock, statuses = threading.Event(), threading.Lock(), Counter[int]()
    threads = [threading.Thread(target=_flooder, args=(url, stop, statuses, lock, i, flood == "distributed"))
               for i in range(FLOOD_THREADS if flood else 0)]
    for t in threads:
        t.start()
    try:
        if threads:
            time.sleep(1.0)  # let the flood reach its steady state before measuring
        took = _reads(url, access, reads)
    finally:
        stop.set()
        for t in threads:
            t.join()
    out: dict[str, Any] = {"changes": _ms(took)}
    if flood:
        out["flood_answers"] = {str(k): v for k, v in sorted(statuses.items())}
    return out


def _signin_times(url: str, samples: int) -> dict[str, float]:
    def median_of(make: Any) -> float:
        took = []
        for i in range(samples):
            username, password = make(i)
            started = time.perf_counter()
            _sign_in(url, username, password, _address())
            took.append(time.perf_counter() - started)
        return round(statistics.median(took) * 1000, 1)

    return {
        "real_user_wrong_password": median_of(lambda i: (f"staf.{OPDS[i % len(OPDS)]}", "salah")),
        "unknown_user": median_of(lambda i: (f"tidak.ada.{i}", "salah")),
        "deactivated_user": median_of(lambda i: (DEACTIVATED[i % len(DEACTIVATED)], "demo")),
    }


def _locked_time(url: str, samples: int) -> float:
    for _ in range(6):  # the default lets 5 mistakes through, then locks
        _sign_in(url, "kepala.pupr", "salah", "10.251.0.1")
    took = []
    for _ in range(samples):
        started = time.perf_counter()
        if _sign_in(url, "kepala.pupr", "demo", "10.251.0.1").status_code != 429:
            raise SystemExit("signin_flood: expected the lock-out to answer 429")
        took.append(time.perf_counter() - started)
    return round(statistics.median(took) * 1000, 1)


@contextmanager
def _database(db: str | None) -> Iterator[str]:
    if db:
        yield db
        return
    with tempfile.TemporaryDirectory(prefix="signin-flood-") as tmp:
        yield f"sqlite:///{Path(tmp) / 'hub.db'}"


def run(db: str | None, complaints: int, reads: int, samples: int) -> dict[str, Any]:
    with _database(db) as url_db:
        seed_hub(url_db, complaints=complaints)
        engine = make_engine(url_db)
        with engine.begin() as conn:
            conn.execute(update(User).where(User.username.in_(DEACTIVATED)).values(active=False))
        engine.dispose()
        result: dict[str, Any] = {"backend": url_db.split(":", 1)[0], "complaints": complaints,
                                  "flood_threads": FLOOD_THREADS, "reads_per_phase": reads}
        with run_hub(url_db, seed_complaints=None, env=NO_LOCKS) as url:
            result["signin_ms"] = _signin_times(url, samples)
        with run_hub(url_db, seed_complaints=None) as url:
            result["signin_ms"]["locked_429"] = _locked_time(url, samples)
            access = _sign_in(url, "admin.pupr", "demo", "10.252.0.1").json()["access_token"]
            result["baseline"] = _phase(url, access, reads, None)
            result["flood_one_address"] = _phase(url, access, reads, "one_address")
            result["flood_distributed"] = _phase(url, access, reads, "distributed")
        with run_hub(url_db, seed_complaints=None, env={"LAPOR_HUB_SIGNIN_WORKERS": str(FLOOD_THREADS),
                                                         "LAPOR_HUB_SIGNIN_QUEUE": "64"}) as url:
            access = _sign_in(url, "admin.pupr", "demo", "10.252.0.2").json()["access_token"]
            result["flood_distributed_unbounded"] = _phase(url, access, reads, "distributed")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=None, help="an empty hub database (default: a temporary SQLite file)")
    parser.add_argument("--complaints", type=int, default=200)
    parser.add_argument("--reads", type=int, default=150, help="GET /changes per phase")
    parser.add_argument("--samples", type=int, default=15, help="sign-ins per kind for signin_ms")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.db, args.complaints, args.reads, args.samples)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
