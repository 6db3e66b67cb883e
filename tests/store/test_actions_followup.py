"""Follow-up, claim and status actions against a real replica: one transaction = local change + outbox op; what
the user did shows at once in the detail and the queues; each op carries the version (and for texts the content
hash) the user started from."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from sqlalchemy import text

from desktop.store import actions, queues
from desktop.store.detail import detail
from desktop.store.engine import Replica
from desktop.store.errors import NotFound
from desktop.store.queues import QueueFilter
from tests.store.factory import ME, OTHER, seeded

CID = "c-0000002"  # ditindaklanjuti, unassigned


def _ops(replica: Replica) -> list[dict[str, Any]]:
    with replica.read() as conn:
        rows = conn.execute(text("SELECT * FROM outbox ORDER BY seq")).mappings().all()
    return [{**dict(r), "payload": json.loads(r["payload"])} for r in rows]


def _sha(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@pytest.fixture
def r(replica: Replica) -> Replica:
    seeded(replica, 10)
    return replica


def test_create_followup_is_one_op_and_shows_at_once(r: Replica) -> None:
    res = actions.create_followup(r, CID, "Yth. Pelapor,\nJalan akan diperbaiki.")
    (op,) = _ops(r)
    assert op["op_id"] == res.op_id and op["kind"] == "followup.create" and op["target"] == CID
    assert op["payload"] == {"followup_id": res.record_id, "text": "Yth. Pelapor,\nJalan akan diperbaiki."}
    d = detail(r, CID)
    (fu,) = d.followups
    assert fu.id == res.record_id and fu.pending and fu.op_state == "queued"
    assert fu.data["state"] == "draft" and fu.author_id == ME
    assert fu.data["content_hash"] == _sha("Yth. Pelapor,\nJalan akan diperbaiki.")
    assert any(e.id == res.record_id for e in d.timeline)
    assert CID in queues.ids(r, QueueFilter(queue="drafts"))
    assert CID in queues.ids(r, QueueFilter(queue="outbox"))


def test_failed_action_writes_nothing(r: Replica) -> None:
    with pytest.raises(NotFound):
        actions.create_followup(r, "no-such", "x")
    with pytest.raises(ValueError, match="followup_needs_text"):  # an ActionRefused: a code, not a sentence
        actions.create_followup(r, CID, "   ")
    with pytest.raises(NotFound):
        actions.edit_followup(r, "no-such-followup", "x")
    assert _ops(r) == []


def test_edits_chain_versions_and_base_hashes(r: Replica) -> None:
    """Offline: create, edit twice, submit. Each edit carries the version and hash of the text before it, as the
    hub will have it when that op arrives (create → v1, every follow-up op → +1)."""
    fid = actions.create_followup(r, CID, "A").record_id
    assert fid is not None
    actions.edit_followup(r, fid, "B")
    actions.edit_followup(r, fid, "C")
    actions.submit_followup(r, fid)
    create, e1, e2, sub = _ops(r)
    assert (e1["kind"], e1["target"], e1["complaint_id"], e1["base_version"]) == ("followup.edit", fid, CID, 1)
    assert e1["payload"] == {"text": "B", "base_text_hash": _sha("A"), "base_text": "A"}
    assert e2["base_version"] == 2 and e2["payload"]["base_text_hash"] == _sha("B")
    assert sub["kind"] == "followup.submit" and sub["base_version"] == 3 and sub["payload"] == {}
    (fu,) = detail(r, CID).followups
    assert fu.text == "C" and fu.data["state"] == "submitted" and fu.pending


def test_edit_of_mirror_followup_overlays_its_text(r: Replica) -> None:
    # f-1 (seeded) is submitted at version 1 with content_hash "x"
    actions.edit_followup(r, "f-1", "Jalan diperbaiki minggu depan")
    (op,) = _ops(r)
    assert op["base_version"] == 1 and op["payload"]["base_text_hash"] == "x"
    fu = next(f for f in detail(r, "c-0000001").followups if f.id == "f-1")
    assert fu.text == "Jalan diperbaiki minggu depan"
    assert fu.data["state"] == "draft"  # an edit takes a submitted follow-up back to draft
    assert fu.pending and fu.op_state == "queued" and fu.version == 2


def test_approve_binds_to_version_and_hash(r: Replica) -> None:
    res = actions.approve_followup(r, "f-1")
    (op,) = _ops(r)
    assert op["kind"] == "followup.approve" and op["target"] == "f-1" and op["base_version"] == 1
    assert op["payload"] == {"content_hash": "x"}
    assert res.record_id == "f-1"
    fu = next(f for f in detail(r, "c-0000001").followups if f.id == "f-1")
    assert fu.data["state"] == "published"
    with pytest.raises(ValueError, match="followup_state"):  # already approved (locally): nothing to approve
        actions.approve_followup(r, "f-1")
    assert len(_ops(r)) == 1


def test_status_change_after_an_approval_counts_the_status_it_publishes(r: Replica) -> None:
    # The hub moves a complaint to ditindaklanjuti when its follow-up is published: a version of its own.
    before = detail(r, "c-0000001")
    assert before.status != "ditindaklanjuti"
    actions.approve_followup(r, "f-1")
    actions.change_status(r, "c-0000001", "selesai")
    status_op = next(o for o in _ops(r) if o["kind"] == "complaint.status")
    assert status_op["base_version"] == before.version + 1


def test_return_needs_a_reason_and_a_submitted_followup(r: Replica) -> None:
    with pytest.raises(ValueError, match="return_needs_reason"):
        actions.return_followup(r, "f-1", "  ")
    actions.return_followup(r, "f-1", "Lengkapi jadwal")
    (op,) = _ops(r)
    assert op["kind"] == "followup.return" and op["payload"] == {"reason": "Lengkapi jadwal"}
    fu = next(f for f in detail(r, "c-0000001").followups if f.id == "f-1")
    assert fu.data["state"] == "returned" and fu.data["return_reason"] == "Lengkapi jadwal"
    with pytest.raises(ValueError, match="followup_state"):
        actions.return_followup(r, "f-1", "lagi")
    # a returned follow-up may be submitted again; a draft can't be approved
    actions.submit_followup(r, "f-1")
    assert _ops(r)[-1]["base_version"] == 2


def test_claim_and_status_are_compare_and_set(r: Replica) -> None:
    base = detail(r, CID).version
    actions.claim(r, CID)
    actions.change_status(r, CID, "diproses", reason="mulai dikerjakan")
    claim_op, status_op = _ops(r)
    assert (claim_op["kind"], claim_op["base_version"], claim_op["payload"]) == ("complaint.claim", base, {})
    assert status_op["kind"] == "complaint.status" and status_op["base_version"] == base + 1
    assert status_op["payload"] == {"status": "diproses", "reason": "mulai dikerjakan"}
    d = detail(r, CID)
    assert d.assignee_id == ME and d.status == "diproses" and d.pending
    (row,) = queues.rows(r, [CID])
    assert row.assignee_id == ME and row.status == "diproses" and row.pending
    with pytest.raises(ValueError, match="not_by_hand"):
        actions.change_status(r, CID, "dikembalikan")  # only a "bukan wewenang" disposition does that
    with pytest.raises(ValueError):
        actions.change_status(r, CID, "no-such-status")
    assert len(_ops(r)) == 2


def test_accepted_followup_create_leaves_the_overlay_when_mirrored(r: Replica) -> None:
    """The pulled follow-up replaces the local draft (no double entry)."""
    from tests.store.factory import change, load

    res = actions.create_followup(r, CID, "Draf")
    assert res.record_id is not None
    load(r, [change("followup", res.record_id, {
        "id": res.record_id, "complaint_id": CID, "text": "Draf", "state": "draft", "author_id": ME,
        "content_hash": _sha("Draf"), "approved_by": None, "approved_at": None, "return_reason": None,
        "created_at": "2026-11-05T00:00:00Z", "updated_at": "2026-11-05T00:00:00Z"})])  # fmt: skip
    fus = detail(r, CID).followups
    assert [f.id for f in fus] == [res.record_id]
    _ = OTHER


def test_add_attachment_stores_encrypted_then_queues_the_op(r: Replica, tmp_path: Any) -> None:
    from desktop.store import blobs

    content = b"%PDF-1.4\n" + b"rahasia pelapor " * 10_000  # several chunks
    src = tmp_path / "surat.pdf"
    src.write_bytes(content)
    res = actions.add_attachment(r, CID, src, owner_type="complaint", owner_id=CID, mime="application/pdf")
    sha = _sha_bytes(content)
    (op,) = _ops(r)
    assert op["kind"] == "attachment.add" and op["blob_sha256"] == sha
    assert op["payload"] == {"attachment_id": res.record_id, "owner_type": "complaint", "owner_id": CID,
                             "filename": "surat.pdf", "mime": "application/pdf", "size": len(content),
                             "sha256": sha}  # fmt: skip
    stored = blobs.path_of(r, sha).read_bytes()
    assert b"rahasia" not in stored and len(stored) > len(content)  # encrypted at rest
    assert actions.read_attachment(r, sha) == content
    with r.read() as conn:
        blob = conn.execute(text("SELECT * FROM blobs")).mappings().one()
    assert (blob["upload_state"], blob["size"], blob["local_size"]) == ("pending", len(content), len(content))
    (att,) = detail(r, CID).attachments
    assert att.id == res.record_id and att.text == "surat.pdf" and att.pending and att.op_state == "queued"
    # the same bytes again: one file, one blob row, a second attachment op
    again = tmp_path / "salinan.pdf"
    again.write_bytes(content)
    actions.add_attachment(r, CID, again, owner_type="complaint", owner_id=None, mime="application/pdf")
    assert [p.name for p in blobs.blob_dir(r).iterdir()] == [sha]
    assert len(_ops(r)) == 2


def test_tampered_blob_is_refused(r: Replica, tmp_path: Any) -> None:
    from desktop.store import blobs

    sha = blobs.put_bytes(r, b"\x89PNG\r\n\x1a\n" + b"x" * 100)
    path = blobs.path_of(r, sha)
    raw = bytearray(path.read_bytes())
    raw[-1] ^= 1
    path.write_bytes(bytes(raw))
    with pytest.raises(blobs.BlobCorrupt):
        actions.read_attachment(r, sha)
    with pytest.raises(blobs.BlobMissing):
        actions.read_attachment(r, "0" * 64)


def _sha_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
