"""Kill ``lapor-desk sync`` at every named crash point (desktop/sync/crashpoints.py), run it again, and check that
nothing was lost or duplicated.

One seeded hub subprocess and one synced replica are shared; each case copies the replica, queues a few notes,
runs the CLI with ``LAPOR_DESK_CRASH_AT=<point>`` (it must die there with 137), checks the replica as the crash
left it (integrity, cursor never ahead of the data it holds), reruns without the crash, then checks:
every op applied exactly once on the hub, the replica equals the hub's view, PRAGMA integrity_check ok.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.store import actions
from desktop.store.engine import Replica, open_account
from desktop.sync import crashpoints
from desktop.testing.hub import REPO, run_hub
from tests.faults.helpers import HubView, Pages, assert_cursor_not_ahead, hub_view, integrity, replica_view

ADMIN = "admin.pupr"
PASSWORD = "demo"
PASSPHRASE = "kopi tubruk"
NOTES = 4

# which starting state reaches each point
INITIAL = {"pull.before_index"}
REBUILD = {"rebuild.started", "rebuild.committed", "rebuild.before_sweep"}
UPLOAD = {"upload.chunk_stored", "upload.completed"}  # reached only with a file to upload (three chunks here)
FILE_BYTES = 600_000


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    db = tmp_path_factory.mktemp("crash-hub") / "hub.db"
    with run_hub(f"sqlite:///{db}", seed_complaints=30) as url:
        yield url, db


def _cli(url: str, data_dir: Path, crash_at: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
           "LAPOR_DESK_PASSWORD": PASSWORD, "LAPOR_TEST_PASS": PASSPHRASE}  # fmt: skip
    env.pop(crashpoints.ENV, None)
    if crash_at:
        env[crashpoints.ENV] = crash_at
    args = ["--server", url, "--user", ADMIN, "--data-dir", str(data_dir), "--passphrase-env", "LAPOR_TEST_PASS",
            "--json"]  # fmt: skip
    return subprocess.run([sys.executable, "-m", "desktop", "sync", *args], cwd=REPO, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)  # fmt: skip


@pytest.fixture(scope="module")
def synced(hub: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("synced")
    proc = _cli(hub[0], data)
    assert proc.returncode == 0, proc.stderr
    return data


def _open(url: str, data_dir: Path) -> Replica:
    return open_account(url, ADMIN, data_dir=data_dir, passphrase=PASSPHRASE)


def _hub_view(url: str) -> tuple[HubView, Pages]:
    """The hub's latest state for ADMIN (type, id) → version, and its pages of 25 (cursor, changes)."""
    return hub_view(url, ADMIN, password=PASSWORD)


@pytest.mark.parametrize("point", crashpoints.ALL)
def test_crash_then_rerun_loses_and_duplicates_nothing(point: str, hub: tuple[str, Path], synced: Path,
                                                       tmp_path: Path) -> None:  # fmt: skip
    url, hub_db = hub
    data = tmp_path / "data"
    marker = f"crash-{point}-{uuid.uuid4().hex[:8]}"
    texts: list[str] = []
    ops: list[str] = []
    if point in INITIAL:
        data.mkdir()
    else:
        shutil.copytree(synced, data)
        replica = _open(url, data)
        try:
            with replica.read() as conn:
                cids = [r[0] for r in conn.execute(text(
                    "SELECT id FROM complaints WHERE status NOT IN ('selesai', 'arsip', 'dikembalikan') "
                    "ORDER BY tracking_id LIMIT 2"))]  # fmt: skip
            assert cids
            for i in range(NOTES):
                body = f"{marker} #{i}"
                ops.append(actions.add_note(replica, cids[i % len(cids)], body).op_id)
                texts.append(body)
            if point in UPLOAD:
                src = tmp_path / f"{marker}.pdf"
                src.write_bytes(b"%PDF-1.4\n" + os.urandom(FILE_BYTES - 9))
                file_sha = hashlib.sha256(src.read_bytes()).hexdigest()
                ops.append(actions.add_attachment(replica, cids[0], src, owner_type="complaint", owner_id=cids[0],
                                                  mime="application/pdf").op_id)  # fmt: skip
            if point in REBUILD:  # a cursor ahead of the hub's counter (a hub restored from a backup) → 410
                with replica.write() as conn:
                    conn.execute(text("UPDATE sync_state SET cursor = 1000000000 WHERE id = 1"))
        finally:
            replica.close()

    crashed = _cli(url, data, crash_at=point)
    assert crashed.returncode == crashpoints.EXIT_CODE, (crashed.returncode, crashed.stderr)
    assert f"crash point {point} reached" in crashed.stderr

    # as the crash left it: intact, and the cursor never ahead of the data
    replica = _open(url, data)
    try:
        integrity(replica)
        cursor = int(replica.sync_state()["cursor"])
        held = replica_view(replica)
    finally:
        replica.close()
    _, pages = _hub_view(url)
    if point not in REBUILD or cursor < 1000000000:
        assert_cursor_not_ahead(held, cursor, pages, point)

    rerun = _cli(url, data)
    assert rerun.returncode == 0, rerun.stderr
    assert json.loads(rerun.stdout)["rejected"] == 0

    # exactly once on the hub
    with sqlite3.connect(hub_db) as hub_conn:
        one = "SELECT count(*) FROM {} WHERE {} = ?"
        for body in texts:
            assert hub_conn.execute(one.format("notes", "text"), (body,)).fetchone()[0] == 1, body
        for op in ops:
            assert hub_conn.execute(one.format("events", "op_id"), (op,)).fetchone()[0] == 1, op
            assert hub_conn.execute(one.format("op_results", "op_id"), (op,)).fetchone()[0] == 1, op

    if point in UPLOAD:  # the file is on the hub once, whole, and its attachment record names it
        with sqlite3.connect(hub_db) as hub_conn:
            assert hub_conn.execute("SELECT size, complete FROM blobs WHERE sha256 = ?",
                                    (file_sha,)).fetchone() == (FILE_BYTES, 1)  # fmt: skip
            assert hub_conn.execute("SELECT count(*) FROM attachments WHERE sha256 = ?",
                                    (file_sha,)).fetchone()[0] == 1  # fmt: skip

    replica = _open(url, data)
    try:
        integrity(replica)
        with replica.read() as conn:
            states: dict[str, str] = {
                r[0]: r[1] for r in conn.execute(text("SELECT op_id, state FROM outbox"))
            }
            sync = dict(conn.execute(text("SELECT * FROM sync_state WHERE id = 1")).mappings().one())
            local_left = conn.execute(text("SELECT count(*) FROM local_records")).scalar()
        assert all(states[op] == "accepted" for op in ops), states
        assert sync["bulk_load"] == 0 and sync["rebuilding"] == 0
        assert local_left == 0
        view, pages = _hub_view(url)
        assert int(sync["cursor"]) == pages[-1][0]
        assert replica_view(replica) == view
        with replica.read() as conn:
            for body in texts:
                mine = conn.execute(text("SELECT count(*) FROM notes WHERE text = :t"), {"t": body}).scalar()
                assert mine == 1, body
    finally:
        replica.close()
