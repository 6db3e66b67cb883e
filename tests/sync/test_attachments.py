"""The attachment lane against a real hub: an attachment made offline reaches the hub once its file is complete
there (the op waits for the file, other ops do not); an upload cut mid-way resumes from the hub's offset instead of
starting again; another desk downloads the file with Range into its own encrypted store."""

from __future__ import annotations

import hashlib
import random
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from desktop.store import actions, blobs
from desktop.store.detail import detail
from desktop.store.engine import Replica, open_replica
from desktop.sync import attachments
from desktop.sync.engine import SyncEngine
from desktop.testing.proxy import FaultProxy
from tests.sync.conftest import ADMIN, STAFF, signed_in, sync_once


def _open_complaint(replica: Replica) -> str:
    with replica.read() as conn:
        cid = conn.execute(text(
            "SELECT id FROM complaints WHERE status IN ('terdisposisi', 'diproses') ORDER BY tracking_id LIMIT 1"
        )).scalar()  # fmt: skip
    assert cid is not None
    return str(cid)


def _pdf(tmp_path: Path, size: int, seed: int) -> Path:
    rng = random.Random(seed)
    path = tmp_path / f"bukti-{seed}.pdf"
    path.write_bytes(b"%PDF-1.4\n" + rng.randbytes(size - 9))
    return path


def _ops(replica: Replica) -> list[dict[str, Any]]:
    with replica.read() as conn:
        return [dict(r) for r in conn.execute(text("SELECT * FROM outbox ORDER BY seq")).mappings()]


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Replica]:
    r = open_replica(tmp_path / "other.db", secrets.token_hex(32))
    try:
        yield r
    finally:
        r.close()


def test_offline_attachment_reaches_the_hub_and_another_desk_downloads_it(
    hub_url: str, replica: Replica, other: Replica, tmp_path: Path
) -> None:
    staff = signed_in(hub_url, STAFF, device="desk-staff")
    sync_once(replica, staff)
    cid = _open_complaint(replica)
    src = _pdf(tmp_path, 700_000, seed=1)
    content = src.read_bytes()
    sha = hashlib.sha256(content).hexdigest()
    att = actions.add_attachment(replica, cid, src, owner_type="complaint", owner_id=cid, mime="application/pdf")
    note = actions.add_note(replica, cid, "foto lokasi terlampir")

    # Before the lane runs, only the note may go: the attachment waits for its file.
    engine = SyncEngine(replica, staff, staff.device_id)
    engine.push()
    states = {o["op_id"]: o["state"] for o in _ops(replica)}
    assert states == {att.op_id: "queued", note.op_id: "accepted"}

    summary = sync_once(replica, staff)
    assert summary.pushed == 1 and summary.rejected == 0
    with replica.read() as conn:
        assert conn.execute(text("SELECT upload_state, upload_offset FROM blobs")).one() == ("done", len(content))
        row = conn.execute(text("SELECT * FROM attachments WHERE id = :i"), {"i": att.record_id}).mappings().one()
    assert (row["sha256"], row["size"], row["filename"]) == (sha, len(content), src.name)
    assert [o["state"] for o in _ops(replica)] == ["accepted", "accepted"]
    assert not detail(replica, cid).attachments[-1].pending
    again = sync_once(replica, staff)
    assert again.pushed == 0  # nothing sent twice

    # Another desk of the OPD pulls the attachment record and downloads the bytes on demand, in ranges.
    admin = signed_in(hub_url, ADMIN, device="desk-admin")
    sync_once(other, admin)
    with pytest.raises(blobs.BlobMissing):
        actions.read_attachment(other, sha)
    got = attachments.fetch(other, admin, sha, chunk_size=blobs.CHUNK * 2)
    assert got == content
    assert actions.read_attachment(other, sha) == content
    assert b"%PDF" not in blobs.path_of(other, sha).read_bytes()  # encrypted at rest there too


def test_upload_cut_mid_way_resumes_from_the_hubs_offset(
    hub_url: str, replica: Replica, tmp_path: Path
) -> None:
    size = 1_500_000
    with FaultProxy(hub_url, seed=3) as proxy:
        staff = signed_in(proxy.url, STAFF, device="desk-cut")
        sync_once(replica, staff)
        cid = _open_complaint(replica)
        src = _pdf(tmp_path, size, seed=2)
        content = src.read_bytes()
        att = actions.add_attachment(replica, cid, src, owner_type="complaint", owner_id=cid,
                                     mime="application/pdf")  # fmt: skip
        proxy.reset_stats()
        # The first PUT is cut after 300 kB of its body reached the hub.
        proxy.set(drop_request_after_bytes=300_000, times=1,
                  path_filter=lambda method, path: method == "PUT" and "/blobs/" in path)  # fmt: skip
        done = attachments.upload_pending(replica, staff, chunk_size=1_000_000)
        assert done == 1
        records = [(r.method, r.fault) for r in proxy.records() if "/blobs/" in r.path]
        assert records[0][0] == "HEAD" and records[1][0] == "PUT" and records[1][1]  # the cut
        assert records[2][0] == "HEAD"  # after the cut: ask the hub where to continue
        sent = proxy.stats().bytes_from_client
        assert sent < size + 300_000 + 50_000, sent  # resumed: the 300 kB that arrived were not sent again
        summary = sync_once(replica, staff)
        assert summary.pushed == 1
    with replica.read() as conn:
        assert conn.execute(
            text("SELECT sha256 FROM attachments WHERE id = :i"), {"i": att.record_id}
        ).scalar() == hashlib.sha256(content).hexdigest()
    # the hub verified the hash: another desk gets exactly these bytes
    admin = signed_in(hub_url, ADMIN, device="desk-admin-2")
    reader = open_replica(tmp_path / "reader.db", secrets.token_hex(32))
    try:
        sync_once(reader, admin)
        assert attachments.fetch(reader, admin, hashlib.sha256(content).hexdigest()) == content
    finally:
        reader.close()


def test_download_resumes_after_a_cut(hub_url: str, replica: Replica, other: Replica, tmp_path: Path) -> None:
    staff = signed_in(hub_url, STAFF, device="desk-staff-3")
    sync_once(replica, staff)
    cid = _open_complaint(replica)
    src = _pdf(tmp_path, 600_000, seed=4)
    content = src.read_bytes()
    sha = hashlib.sha256(content).hexdigest()
    actions.add_attachment(replica, cid, src, owner_type="complaint", owner_id=cid, mime="application/pdf")
    sync_once(replica, staff)
    with FaultProxy(hub_url, seed=5) as proxy:
        admin = signed_in(proxy.url, ADMIN, device="desk-admin-3")
        sync_once(other, admin)
        # the third ranged GET is cut half way through its answer
        count = {"n": 0}

        def third_get(method: str, path: str) -> bool:
            if method == "GET" and "/blobs/" in path:
                count["n"] += 1
                return count["n"] == 3
            return False

        proxy.set(drop_response_after_bytes=100_000, path_filter=third_get)
        from desktop.sync.transport import NetworkError

        with pytest.raises(NetworkError):
            attachments.fetch(other, admin, sha, chunk_size=blobs.CHUNK * 2)
        held = blobs.part_offset(other, sha)
        assert held == 2 * 2 * blobs.CHUNK  # two whole ranges were kept
        proxy.clear()
        proxy.reset_stats()
        assert attachments.fetch(other, admin, sha, chunk_size=blobs.CHUNK * 2) == content
        assert proxy.stats().bytes_to_client < len(content) - held + 50_000  # only the rest came again


def test_refused_file_makes_its_op_visibly_rejected(hub_url: str, replica: Replica, tmp_path: Path) -> None:
    staff = signed_in(hub_url, STAFF, device="desk-staff-4")
    sync_once(replica, staff)
    cid = _open_complaint(replica)
    src = tmp_path / "program.pdf"
    src.write_bytes(b"%PDF-1.4 not really")
    # a type the hub does not take (as a misbehaving caller would send)
    att = actions.add_attachment(replica, cid, src, owner_type="complaint", owner_id=cid,
                                 mime="application/x-msdownload")  # fmt: skip
    note = actions.add_note(replica, cid, "tetap terkirim")
    sync_once(replica, staff)
    states = {o["op_id"]: (o["state"], o["reason"]) for o in _ops(replica)}
    assert states[att.op_id] == ("rejected", "bad_type")
    assert states[note.op_id] == ("accepted", None)
    with replica.read() as conn:
        assert conn.execute(text("SELECT upload_state, error FROM blobs")).one() == ("failed", "bad_type")
