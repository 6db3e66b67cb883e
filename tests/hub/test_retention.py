"""Retention: op results kept for LAPOR_HUB_OP_RESULT_DAYS, departures for LAPOR_HUB_HISTORY_DAYS; a cursor below
the feed floor that pruning raises answers 410. Pruning runs from `lapor-hub prune` and on every serve start."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from desktop.testing.hub import REPO, run_hub
from tests.hub.client import HubClient, make_op
from tests.hub.conftest import OPEN

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
