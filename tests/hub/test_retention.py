"""Retention: op results kept for LAPOR_HUB_OP_RESULT_DAYS, departures for LAPOR_HUB_HISTORY_DAYS; a cursor below
the feed floor that pruning raises answers 410. Pruning runs from `lapor-hub prune` and on every serve start."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import DateTime, Engine, TextClause, bindparam, insert, text

from desktop.testing.hub import REPO, run_hub
from server.db import make_engine
from server.models import SignInThrottle
from server.prune import prune
from tests.hub.client import HubClient, make_op
from tests.hub.conftest import BACKENDS, OPEN, database

ENV = {"LAPOR_HUB_HISTORY_DAYS": "30", "LAPOR_HUB_OP_RESULT_DAYS": "90"}


def backdate(db: Path, table: str, where: str = "1=1", days: int = 400) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(f"UPDATE {table} SET created_at = datetime('now', '-{days} days') WHERE {where}")


def send_back(admin: HubClient, complaint: dict[str, object]) -> dict[str, object]:
    r = admin.op("disposition.create", str(complaint["id"]), {"disposition_id": str(uuid.uuid4()),
                                                              "kind": "external", "reason": "Bukan wewenang"},
                 int(str(complaint["version"])))
    assert r["status"] == "applied"
    return r


def cursor_status(c: HubClient, cursor: int) -> int:
    return c.http.get(f"{c.url}/api/v1/changes", params={"after": cursor, "limit": 1}).status_code


def test_pruning_raises_the_floor_and_expires_op_results(tmp_path: Path) -> None:
    db = tmp_path / "hub.db"
    url = f"sqlite:///{db}"
    with run_hub(url, seed_complaints=150, env=ENV) as hub:
        admin, staff = HubClient(hub, "admin.pupr"), HubClient(hub, "staf.pupr")
        admin.pull()
        staff.pull()
        open_ = sorted((c for c in admin.of_type("complaint") if c["status"] in OPEN),
                       key=lambda c: c["tracking_id"])
        if len(open_) < 3:
            pytest.skip("seed has too few open complaints")
        before = staff.cursor
        send_back(admin, open_[0])
        staff.pull()
        after = staff.cursor
        assert after > before
        old_op = make_op("complaint.assign", open_[1]["id"], {"assignee_id": staff.user["id"]}, open_[1]["version"])
        new_op = make_op("complaint.assign", open_[2]["id"], {"assignee_id": staff.user["id"]}, open_[2]["version"])
        assert [r["status"] for r in admin.ops(old_op, new_op).json()["results"]] == ["applied", "applied"]
        backdate(db, "complaint_departures")
        backdate(db, "op_results", f"op_id = '{old_op['op_id']}'")
        out = subprocess.run([sys.executable, "-m", "server", "prune", "--db", url], cwd=REPO, check=True,
                             capture_output=True, text=True, env={**os.environ, **ENV})
        stats = json.loads(out.stdout.strip().splitlines()[-1])
        assert stats["departures"] >= 1 and stats["op_results"] == 1
        floor = stats["feed_floor"]
        assert before < floor <= after
        assert cursor_status(staff, before) == 410
        body = staff.http.get(f"{hub}/api/v1/changes", params={"after": before}).json()
        assert body["code"] == "cursor_expired"
        assert cursor_status(staff, after) == 200 and cursor_status(staff, floor) == 200
        assert cursor_status(staff, 0) == 200  # a rebuild from scratch needs no tombstones
        # The pruned result is judged again (its base version is stale now); the kept one is a duplicate.
        again = admin.ops(old_op, new_op).json()["results"]
        assert [r["status"] for r in again] == ["conflict", "duplicate"]
        staff.pull()
        send_back(admin, {**open_[2], "version": open_[2]["version"] + 1})
        mid = staff.cursor
        staff.pull()
    backdate(db, "complaint_departures")
    with run_hub(url, seed_complaints=None, env=ENV) as hub:  # serve prunes on start
        staff = HubClient(hub, "staf.pupr")
        assert cursor_status(staff, mid) == 410
        assert cursor_status(staff, floor) == 410
        # A rebuild from 0 started after the prune pages through cursors below the floor without a 410 loop.
        seen: list[int] = []
        while True:
            body = staff.page(staff.cursor, limit=300)
            staff.cursor = body["cursor"]
            seen.append(staff.cursor)
            if not body["more"]:
                break
        assert any(0 < c < floor for c in seen[:-1])
        other_device = HubClient(hub, "staf.pupr", device_id="never-rebuilt")
        assert cursor_status(other_device, mid) == 410
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM complaint_departures").fetchone()[0] == 0
        assert conn.execute("SELECT floor FROM feed_counter").fetchone()[0] > floor


# ---------------------------------------------------------------- orphan blobs and expired tokens
ORPHAN_ENV = {"LAPOR_HUB_ORPHAN_DAYS": "7", "LAPOR_HUB_TOKEN_DAYS": "1"}


def _upload(c: HubClient, size: int = 30_000) -> tuple[bytes, str]:
    data = os.urandom(size)
    digest = hashlib.sha256(data).hexdigest()
    resp = c.http.put(f"{c.url}/api/v1/blobs/{digest}", data=data, headers={
        "Content-Range": f"bytes 0-{size - 1}/{size}", "X-Blob-Type": "image/jpeg"})
    assert resp.status_code == 201, resp.text
    return data, digest


def _attach(c: HubClient, complaint: dict[str, Any], digest: str, size: int) -> dict[str, Any]:
    return c.op("attachment.add", str(complaint["id"]), {
        "attachment_id": str(uuid.uuid4()), "owner_type": "complaint", "owner_id": complaint["id"],
        "filename": "foto.jpg", "mime": "image/jpeg", "size": size, "sha256": digest})


def _at(sql: str) -> TextClause:
    """`sql` with its `:t` bound as the hub's own timestamp type (stored alike on SQLite and PostgreSQL)."""
    return text(sql).bindparams(bindparam("t", type_=DateTime(timezone=True)))


def _age_blob(engine: Engine, digest: str, days: int) -> None:
    """As if the upload had finished `days` ago."""
    at = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    with engine.begin() as conn:
        for table in ("blobs", "blob_owners"):
            conn.execute(_at(f"UPDATE {table} SET created_at = :t, completed_at = :t WHERE sha256 = :s"),
                         {"t": at, "s": digest})


def _prune(db: str, blobs: Path, env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "server", "prune", "--db", db, "--blobs", str(blobs)], cwd=REPO,
                         check=True, capture_output=True, text=True, env={**os.environ, **env})
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _blob_state(c: HubClient, digest: str) -> tuple[str, str]:
    h = c.http.head(f"{c.url}/api/v1/blobs/{digest}")
    return h.headers["X-Blob-Offset"], h.headers["X-Blob-Complete"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_prune_reclaims_orphan_blobs_and_expired_tokens(backend: str, tmp_path: Path) -> None:
    blobs = tmp_path / "blobs"
    env = {**ORPHAN_ENV, "LAPOR_HUB_BLOBS": str(blobs)}
    with database(backend, tmp_path) as db, run_hub(db, seed_complaints=150, env=env) as hub:
        engine = make_engine(db)
        try:
            admin = HubClient(hub, "admin.pupr")
            admin.pull()
            complaint = next(c for c in admin.of_type("complaint")
                             if c["status"] in OPEN and c["unit_id"] == admin.user["unit_id"])
            orphan, orphan_sha = _upload(admin)
            fresh, fresh_sha = _upload(admin)
            kept, kept_sha = _upload(admin)
            assert _attach(admin, complaint, kept_sha, len(kept))["status"] == "applied"
            for digest in (orphan_sha, kept_sha):
                _age_blob(engine, digest, days=8)
            _age_blob(engine, fresh_sha, days=6)
            # Tokens: one session long expired (beyond the day they are kept), and a refresh token rotated but still
            # within its life (kept, so that its replay can still be recognised).
            gone = HubClient(hub, "staf.pupr", device_id="old-laptop")
            rotated = HubClient(hub, "staf.pupr", device_id="rotating")
            assert rotated.http.post(f"{hub}/api/v1/auth/refresh", json={
                "refresh_token": rotated.refresh_token, "device_id": "rotating"}).status_code == 200
            with engine.begin() as conn:
                conn.execute(_at("UPDATE tokens SET expires_at = :t WHERE device_id = 'old-laptop'"),
                             {"t": dt.datetime.now(dt.UTC) - dt.timedelta(days=2)})
                count = "SELECT count(*) FROM tokens WHERE device_id = :d"
                assert conn.execute(text(count), {"d": "old-laptop"}).scalar_one() == 2
                before_rotating = conn.execute(text(count), {"d": "rotating"}).scalar_one()
            assert before_rotating >= 3  # the first pair (its refresh token rotated) and the new pair

            # An upload left half way 10 days ago, and files no row accounts for: a part of the old layout, a blob
            # whose row was never committed.
            started = os.urandom(30_000)
            started_sha = hashlib.sha256(started).hexdigest()
            assert admin.http.put(f"{hub}/api/v1/blobs/{started_sha}", data=started[:10_000], headers={
                "Content-Range": "bytes 0-9999/30000", "X-Blob-Type": "image/jpeg"}).status_code == 200
            strays = [blobs / f"{started_sha}.{admin.user['id']}.part", blobs / f"{'d' * 64}.part", blobs / ("e" * 64)]
            for path in strays[1:]:
                path.write_bytes(b"left over")
            long_ago = time.time() - 10 * 86400
            for path in strays:
                os.utime(path, (long_ago, long_ago))

            # Sign-in throttle rows: a streak quiet for longer than the window goes, a lock still running stays.
            with engine.begin() as conn:
                old_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=2)
                soon = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
                conn.execute(insert(SignInThrottle), [
                    {"scope": "account", "key": key, "failures": 5, "locks": 1, "last_failure_at": old_at,
                     "locked_until": until} for key, until in (("a" * 64, None), ("b" * 64, old_at), ("c" * 64, soon))])

            stats = _prune(db, blobs, env)
            assert stats["sign_in_throttles"] >= 2  # and the address rows of the sign-ins above, which never failed
            with engine.begin() as conn:
                assert conn.execute(text("SELECT key FROM sign_in_throttles WHERE key IN ('" + "a" * 64 + "', '"
                                         + "b" * 64 + "', '" + "c" * 64 + "')")).scalars().all() == ["c" * 64]
            assert stats["orphan_blobs"] == 1 and stats["tokens"] == 2
            assert (stats["parts"], stats["stray_files"]) == (1, 2)
            assert not any(path.exists() for path in strays)
            assert _blob_state(admin, started_sha) == ("0", "0")

            assert not (blobs / orphan_sha).exists()
            assert _blob_state(admin, orphan_sha) == ("0", "0")
            assert admin.http.get(f"{hub}/api/v1/blobs/{orphan_sha}").status_code == 404
            # Too late to attach it now: the desk is told `blob_missing` and uploads it again.
            assert _attach(admin, complaint, orphan_sha, len(orphan))["reason"] == "blob_missing"
            for digest, data in ((fresh_sha, fresh), (kept_sha, kept)):
                assert _blob_state(admin, digest) == (str(len(data)), "1")
                assert admin.http.get(f"{hub}/api/v1/blobs/{digest}").content == data
            with engine.begin() as conn:
                assert conn.execute(text(count), {"d": "old-laptop"}).scalar_one() == 0
                assert conn.execute(text(count), {"d": "rotating"}).scalar_one() == before_rotating
                assert conn.execute(text("SELECT count(*) FROM blob_owners WHERE sha256 = :s"),
                                    {"s": orphan_sha}).scalar_one() == 0
            assert gone.http.get(f"{hub}/api/v1/changes", params={"after": 0, "limit": 1}).status_code == 401
            admin.pull()  # a live session is untouched
        finally:
            engine.dispose()


@pytest.mark.postgres
def test_prune_waits_for_an_attachment_add_in_flight(tmp_path: Path) -> None:
    """An attachment.add that holds the blob's row (it checked the blob and is about to commit) is waited for: the
    blob it attaches is no longer an orphan when prune looks again, and survives."""
    blobs = tmp_path / "blobs"
    env = {**ORPHAN_ENV, "LAPOR_HUB_BLOBS": str(blobs)}
    with database("postgres", tmp_path) as db, run_hub(db, seed_complaints=150, env=env) as hub:
        engine = make_engine(db)
        try:
            admin = HubClient(hub, "admin.pupr")
            data, digest = _upload(admin)
            _age_blob(engine, digest, days=30)
            with engine.connect() as conn:
                holder = conn.begin()
                conn.execute(text("SELECT sha256 FROM blobs WHERE sha256 = :s FOR UPDATE"), {"s": digest})
                conn.execute(text(
                    "INSERT INTO attachments (id, complaint_id, owner_type, owner_id, filename, mime, size, sha256, "
                    "created_at, version, feed_seq, scope_unit_id) SELECT :i, id, 'complaint', id, 'foto.jpg', "
                    "'image/jpeg', :n, :s, now(), 1, 0, scope_unit_id FROM complaints LIMIT 1"),
                    {"i": str(uuid.uuid4()), "n": len(data), "s": digest})
                with ThreadPoolExecutor(1) as pool:
                    pending = pool.submit(prune, engine, blobs)  # the default grace (7 days) < 30
                    waiting = ("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                               "AND wait_event_type = 'Lock'")
                    with engine.connect() as probe:
                        while probe.execute(text(waiting)).scalar_one() == 0:
                            assert not pending.done(), pending.result()
                            time.sleep(0.01)
                    holder.commit()
                    stats = pending.result(timeout=60)
            assert stats["orphan_blobs"] == 0
            assert (blobs / digest).exists()
            assert admin.http.get(f"{hub}/api/v1/blobs/{digest}").content == data
        finally:
            engine.dispose()
