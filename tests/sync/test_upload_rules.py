"""The desk's upload lane against the hub's rules for files (docs/protocol.md, "Blobs", "Retention"): the quota on
files not yet attached (413 `quota_exceeded`) makes a file wait, visibly, and go on a later sync, never fail; a file
the hub pruned as an orphan before its attachment op arrived is uploaded again, and the op goes through; a file
another OPD uploaded is sent again by this desk (the hub tells it nothing of the other copy) and attached."""

from __future__ import annotations

import hashlib
import os
import random
import secrets
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.store import actions, blobs
from desktop.store.engine import Replica, open_replica
from desktop.sync import attachments
from desktop.testing.hub import REPO, run_hub
from tests.sync.conftest import STAFF, signed_in, sync_once

QUOTA = 1_000_000
FILE = 400_000


@dataclass(frozen=True)
class Hub:
    url: str
    db: str
    blobs: Path


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    tmp = tmp_path_factory.mktemp("hub-limits")
    db = f"sqlite:///{tmp / 'hub.db'}"
    env = {"LAPOR_HUB_BLOBS": str(tmp / "blobs"), "LAPOR_HUB_UNATTACHED_QUOTA": str(QUOTA)}
    with run_hub(db, seed_complaints=150, env=env) as url:
        yield Hub(url, db, tmp / "blobs")


def _open_complaint(replica: Replica) -> str:
    with replica.read() as conn:
        cid = conn.execute(text(
            "SELECT id FROM complaints WHERE status IN ('terdisposisi', 'diproses', 'ditindaklanjuti', 'ditunda') "
            "ORDER BY tracking_id LIMIT 1"
        )).scalar()  # fmt: skip
    assert cid is not None
    return str(cid)


def _pdf(tmp_path: Path, seed: int, size: int = FILE) -> Path:
    path = tmp_path / f"scan-{seed}.pdf"
    path.write_bytes(b"%PDF-1.4\n" + random.Random(seed).randbytes(size - 9))
    return path


def _op(replica: Replica, op_id: str) -> tuple[str, str | None]:
    with replica.read() as conn:
        row = conn.execute(text("SELECT state, reason FROM outbox WHERE op_id = :o"), {"o": op_id}).one()
    return str(row[0]), row[1]


def _blob(replica: Replica, sha: str) -> tuple[str, str | None]:
    with replica.read() as conn:
        row = conn.execute(text("SELECT upload_state, error FROM blobs WHERE sha256 = :s"), {"s": sha}).one()
    return str(row[0]), row[1]


def test_a_file_over_the_quota_waits_and_goes_on_the_next_sync(hub: Hub, replica: Replica, tmp_path: Path) -> None:
    staff = signed_in(hub.url, STAFF, device="desk-quota")
    sync_once(replica, staff)
    cid = _open_complaint(replica)
    sources = [_pdf(tmp_path, seed) for seed in (11, 12, 13)]
    made = [actions.add_attachment(replica, cid, src, owner_type="complaint", owner_id=cid, mime="application/pdf")
            for src in sources]  # fmt: skip
    shas = [hashlib.sha256(src.read_bytes()).hexdigest() for src in sources]

    # Two files fit (800 kB of 1 MB); the third would pass the quota. The two go and their ops with them, which
    # frees the room; the third waits with the reason shown, nothing refused, nothing lost.
    first = sync_once(replica, staff)
    assert (first.pushed, first.rejected) == (2, 0)
    assert [_op(replica, m.op_id) for m in made] == [("accepted", None), ("accepted", None),
                                                    ("queued", "quota_exceeded")]
    assert _blob(replica, shas[2]) == ("pending", "quota_exceeded")
    assert blobs.read(replica, shas[2]) == sources[2].read_bytes()

    second = sync_once(replica, staff)
    assert (second.pushed, second.rejected) == (1, 0)
    assert _op(replica, made[2].op_id) == ("accepted", None)
    assert _blob(replica, shas[2]) == ("done", None)
    assert (hub.blobs / shas[2]).read_bytes() == sources[2].read_bytes()


def test_a_file_pruned_before_its_op_arrived_is_uploaded_again(hub: Hub, replica: Replica, tmp_path: Path) -> None:
    staff = signed_in(hub.url, STAFF, device="desk-pruned")
    sync_once(replica, staff)
    cid = _open_complaint(replica)
    src = _pdf(tmp_path, 21, size=100_000)
    sha = hashlib.sha256(src.read_bytes()).hexdigest()
    att = actions.add_attachment(replica, cid, src, owner_type="complaint", owner_id=cid, mime="application/pdf")
    assert attachments.upload_pending(replica, staff) == 1  # then the desk went offline with the op queued ...
    assert _op(replica, att.op_id) == ("queued", None)
    # ... for longer than the hub keeps files nobody attached (a grace of 0 days here).
    subprocess.run([sys.executable, "-m", "server", "prune", "--db", hub.db, "--blobs", str(hub.blobs)], cwd=REPO,
                   check=True, capture_output=True, env={**os.environ, "LAPOR_HUB_ORPHAN_DAYS": "0"})
    assert not (hub.blobs / sha).exists()

    back = sync_once(replica, staff)  # blob_missing → the lane uploads it again → the op goes again, in one sync
    assert (back.pushed, back.rejected) == (1, 0)
    assert _op(replica, att.op_id) == ("accepted", None)
    assert (hub.blobs / sha).read_bytes() == src.read_bytes()


def test_a_file_another_opd_uploaded_is_sent_again_to_prove_it(hub: Hub, replica: Replica, tmp_path: Path) -> None:
    src = _pdf(tmp_path, 31, size=150_000)
    sha = hashlib.sha256(src.read_bytes()).hexdigest()
    pupr = signed_in(hub.url, STAFF, device="desk-pupr")
    sync_once(replica, pupr)
    first = actions.add_attachment(replica, _open_complaint(replica), src, owner_type="complaint",
                                   mime="application/pdf")  # fmt: skip
    assert sync_once(replica, pupr).pushed == 1
    other = open_replica(tmp_path / "dinkes.db", secrets.token_hex(32))
    try:
        dinkes = signed_in(hub.url, "staf.dinkes", device="desk-dinkes")
        sync_once(other, dinkes)
        second = actions.add_attachment(other, _open_complaint(other), src, owner_type="complaint",
                                        mime="application/pdf")  # fmt: skip
        summary = sync_once(other, dinkes)  # the hub says nothing of PUPR's copy: this desk sends the bytes itself
        assert (summary.pushed, summary.rejected) == (1, 0)
        assert _op(other, second.op_id) == ("accepted", None)
        assert _blob(other, sha) == ("done", None)
    finally:
        other.close()
    assert _op(replica, first.op_id) == ("accepted", None)
    assert sorted(p.name for p in hub.blobs.iterdir() if p.name.startswith(sha)) == [sha]  # still one copy
