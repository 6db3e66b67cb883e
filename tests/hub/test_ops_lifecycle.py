"""Op kinds through their lifecycle: claim, status, follow-up draft to publication (four eyes, hash-bound approval),
attachments, closed and departed complaints. Permissions, compare-and-set conflicts with `current`, wrong_state."""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable
from typing import Any

from tests.hub.client import HubClient, make_op, note
from tests.hub.conftest import ComplaintPool

User = Callable[[str], HubClient]


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def create_followup(c: HubClient, complaint_id: str, text: str = "Jalan sudah ditambal.") -> str:
    fid = str(uuid.uuid4())
    r = c.op("followup.create", complaint_id, {"followup_id": fid, "text": text})
    assert r["status"] == "applied", r
    return fid


def followup(c: HubClient, fid: str) -> dict[str, Any]:
    c.pull()
    ch = c.state[("followup", fid)]
    return {**ch["data"], "version": ch["version"]}


# --- complaint.claim ------------------------------------------------------------------------------------------
def test_claim_takes_an_unassigned_complaint_compare_and_set(user: User, pool: ComplaintPool) -> None:
    staff, admin, coord = user("staf.pupr"), user("admin.pupr"), user("koordinator")
    target = pool.take(staff, where=lambda c: c["assignee_id"] is None)[0]
    assert coord.op("complaint.claim", target["id"], {}, target["version"])["reason"] == "forbidden"
    assert staff.op("complaint.claim", target["id"], {})["reason"] == "invalid"  # needs base_version
    r = staff.op("complaint.claim", target["id"], {}, target["version"])
    assert (r["status"], r["version"], r["current_type"]) == ("applied", target["version"] + 1, "complaint")
    assert r["current"]["assignee_id"] == staff.user["id"]
    stale = admin.op("complaint.claim", target["id"], {}, target["version"])
    assert (stale["status"], stale["reason"], stale["version"]) == ("conflict", "stale", target["version"] + 1)
    assert stale["current"]["assignee_id"] == staff.user["id"]
    taken = admin.op("complaint.claim", target["id"], {}, r["version"])
    assert (taken["status"], taken["reason"]) == ("rejected", "wrong_state")
    admin.pull()
    events = [e for e in admin.of_type("event") if e["complaint_id"] == target["id"] and e["kind"] == "complaint.claim"]
    assert len(events) == 1 and events[0]["actor_id"] == staff.user["id"]


# --- complaint.status -----------------------------------------------------------------------------------------
def test_status_follows_the_domain_transitions(user: User, pool: ComplaintPool) -> None:
    admin, staff = user("admin.pupr"), user("staf.pupr")
    target = pool.take(admin, "terdisposisi")[0]
    v = target["version"]
    assert staff.op("complaint.status", target["id"], {"status": "diproses"}, v)["reason"] == "forbidden"
    assert admin.op("complaint.status", target["id"], {"status": "nonsense"}, v)["reason"] == "invalid"
    assert admin.op("complaint.status", target["id"], {"status": "dikembalikan"}, v)["reason"] == "invalid"
    assert admin.op("complaint.status", target["id"], {"status": "selesai"}, v)["reason"] == "wrong_state"
    r = admin.op("complaint.status", target["id"], {"status": "ditunda", "reason": "Butuh foto lokasi"}, v)
    assert (r["status"], r["version"], r["current"]["status"]) == ("applied", v + 1, "ditunda")
    stale = admin.op("complaint.status", target["id"], {"status": "diproses"}, v)
    assert stale["status"] == "conflict" and stale["current"]["status"] == "ditunda"
    assert admin.op("complaint.status", target["id"], {"status": "arsip"}, v + 1)["status"] == "applied"
    assert admin.op("complaint.status", target["id"], {"status": "diproses"}, v + 2)["reason"] == "wrong_state"


def test_nothing_is_added_to_a_closed_complaint(user: User, pool: ComplaintPool) -> None:
    admin = user("admin.pupr")
    closed = pool.take(admin, "selesai")[0]
    results = admin.ops(note(closed["id"]),
                        make_op("followup.create", closed["id"], {"followup_id": str(uuid.uuid4()), "text": "x"}),
                        make_op("complaint.claim", closed["id"], {}, closed["version"])).json()["results"]
    assert [(r["status"], r["reason"]) for r in results] == [("rejected", "wrong_state")] * 3


# --- follow-ups -----------------------------------------------------------------------------------------------
def test_followup_draft_submit_approve_publishes(user: User, pool: ComplaintPool) -> None:
    staff, admin, head = user("staf.pupr"), user("admin.pupr"), user("kepala.pupr")
    target = pool.take(admin, "diproses")[0]
    fid = create_followup(staff, target["id"])
    fu = followup(staff, fid)
    assert (fu["state"], fu["version"], fu["author_id"], fu["content_hash"]) == (
        "draft", 1, staff.user["id"], sha("Jalan sudah ditambal."))
    assert staff.op("followup.submit", fid, {}, 1)["reason"] == "forbidden"
    assert admin.op("followup.approve", fid, {"content_hash": fu["content_hash"]}, 1)["reason"] == "forbidden"
    stale = admin.op("followup.submit", fid, {}, 0)
    assert (stale["status"], stale["current_type"], stale["current"]["id"]) == ("conflict", "followup", fid)
    r = admin.op("followup.submit", fid, {}, 1)
    assert (r["status"], r["version"], r["current_type"], r["current"]["state"]) == (
        "applied", 2, "followup", "submitted")
    assert admin.op("followup.submit", fid, {}, 2)["reason"] == "wrong_state"
    wrong_hash = head.op("followup.approve", fid, {"content_hash": sha("other text")}, 2)
    assert (wrong_hash["status"], wrong_hash["current"]["content_hash"]) == ("conflict", fu["content_hash"])
    ok = head.op("followup.approve", fid, {"content_hash": fu["content_hash"]}, 2)
    assert (ok["status"], ok["version"]) == ("applied", 3)
    cur = ok["current"]
    assert (cur["state"], cur["approved_by"]) == ("published", head.user["id"]) and cur["approved_at"]
    head.pull()
    assert head.state[("complaint", target["id"])]["data"]["status"] == "ditindaklanjuti"
    kinds = [e["kind"] for e in head.of_type("event") if e["complaint_id"] == target["id"]]
    assert {"followup.create", "followup.submit", "followup.approve"} <= set(kinds)
    edit = staff.op("followup.edit", fid, {"text": "ubah", "base_text_hash": fu["content_hash"]}, 3)
    assert (edit["status"], edit["reason"]) == ("rejected", "wrong_state")  # published is public


def test_supervisor_never_approves_or_returns_their_own(user: User, pool: ComplaintPool) -> None:
    admin, head = user("admin.pupr"), user("kepala.pupr")
    target = pool.take(admin)[0]
    fid = create_followup(head, target["id"], "Draf kepala")
    assert admin.op("followup.submit", fid, {}, 1)["status"] == "applied"
    r = head.op("followup.approve", fid, {"content_hash": sha("Draf kepala")}, 2)
    assert (r["status"], r["reason"]) == ("rejected", "own_followup")
    r = head.op("followup.return", fid, {"reason": "x"}, 2)
    assert (r["status"], r["reason"]) == ("rejected", "own_followup")


def test_return_edit_resubmit_and_approval_binds_to_version_and_hash(user: User, pool: ComplaintPool) -> None:
    staff, admin, head = user("staf.pupr"), user("admin.pupr"), user("kepala.pupr")
    target = pool.take(admin, "diproses")[0]
    fid = create_followup(staff, target["id"], "Versi satu")
    assert admin.op("followup.submit", fid, {}, 1)["status"] == "applied"
    assert head.op("followup.return", fid, {}, 2)["reason"] == "invalid"  # a reason is required
    r = head.op("followup.return", fid, {"reason": "Lengkapi tanggal perbaikan"}, 2)
    assert (r["status"], r["current"]["state"], r["current"]["return_reason"]) == (
        "applied", "returned", "Lengkapi tanggal perbaikan")
    assert head.op("followup.approve", fid, {"content_hash": sha("Versi satu")}, 3)["reason"] == "wrong_state"
    e = staff.op("followup.edit", fid, {"text": "Versi dua", "base_text_hash": sha("Versi satu")}, 3)
    assert (e["status"], e["version"], e["current"]["content_hash"]) == ("applied", 4, sha("Versi dua"))
    assert admin.op("followup.submit", fid, {}, 4)["status"] == "applied"
    # The supervisor read version 5 ("Versi dua"); staff edits meanwhile: back to draft, approval is void.
    e = staff.op("followup.edit", fid, {"text": "Versi tiga", "base_text_hash": sha("Versi dua")}, 5)
    assert (e["status"], e["current"]["state"]) == ("applied", "draft")
    late = head.op("followup.approve", fid, {"content_hash": sha("Versi dua")}, 5)
    assert (late["status"], late["current"]["text"], late["version"]) == ("conflict", "Versi tiga", 6)
    assert admin.op("followup.submit", fid, {}, 6)["status"] == "applied"
    assert head.op("followup.approve", fid, {"content_hash": sha("Versi tiga")}, 7)["status"] == "applied"


def test_concurrent_edits_conflict_with_the_current_text(user: User, pool: ComplaintPool) -> None:
    staff, admin = user("staf.pupr"), user("admin.pupr")
    target = pool.take(admin)[0]
    fid = create_followup(staff, target["id"], "Asal")
    a = staff.op("followup.edit", fid, {"text": "Asal, versi staf", "base_text_hash": sha("Asal")}, 1)
    assert (a["status"], a["version"]) == ("applied", 2)
    b = admin.op("followup.edit", fid, {"text": "Asal, versi admin", "base_text_hash": sha("Asal")}, 1)
    assert (b["status"], b["reason"], b["version"], b["current_type"]) == ("conflict", "stale", 2, "followup")
    assert b["current"]["text"] == "Asal, versi staf"
    # A version that moved without the text moving (a submit) does not clash: the edit takes it back to draft.
    assert admin.op("followup.submit", fid, {}, 2)["status"] == "applied"
    c = staff.op("followup.edit", fid, {"text": "Asal, final", "base_text_hash": sha("Asal, versi staf")}, 2)
    assert (c["status"], c["version"], c["current"]["state"]) == ("applied", 4, "draft")
    other = user("staf.dinkes").op("followup.edit", fid, {"text": "x"}, 4)
    assert other["reason"] == "forbidden"
    assert staff.op("followup.edit", str(uuid.uuid4()), {"text": "x"}, 1)["reason"] == "not_found"


def test_ops_on_a_complaint_that_left_the_opd_are_not_in_unit(user: User, pool: ComplaintPool) -> None:
    staff, admin = user("staf.pupr"), user("admin.pupr")
    target = pool.take(admin)[0]
    fid = create_followup(staff, target["id"], "Draf sebelum dikembalikan")
    r = admin.op("disposition.create", target["id"], {"disposition_id": str(uuid.uuid4()), "kind": "external",
                                                      "reason": "Bukan wewenang"}, target["version"])
    assert r["status"] == "applied"
    results = staff.ops(note(target["id"]), make_op("followup.edit", fid, {"text": "x"}, 1),
                        make_op("complaint.claim", target["id"], {}, r["version"])).json()["results"]
    for res in results:
        assert (res["status"], res["reason"], res["current_type"]) == ("rejected", "not_in_unit", "departure")
        assert res["current"]["id"] == target["id"] and res["current"]["status"] == "dikembalikan"
        assert res["current"]["unit_id"] != staff.user["unit_id"] and "content" not in res["current"]
    coord = user("koordinator")  # re-routes it: may note why, but the OPD's follow-up drafting is over
    assert coord.op("note.add", target["id"], {"note_id": str(uuid.uuid4()), "text": "ke BPJN"})["status"] == "applied"
    fu = coord.op("followup.create", target["id"], {"followup_id": str(uuid.uuid4()), "text": "x"})
    assert (fu["status"], fu["reason"]) == ("rejected", "wrong_state")


# --- attachment.add -------------------------------------------------------------------------------------------
def upload(c: HubClient, data: bytes, mime: str = "application/pdf") -> str:
    digest = hashlib.sha256(data).hexdigest()
    resp = c.http.put(f"{c.url}/api/v1/blobs/{digest}", data=data,
                      headers={"Content-Range": f"bytes 0-{len(data) - 1}/{len(data)}", "X-Blob-Type": mime})
    assert resp.status_code == 201, resp.text
    return digest


def test_attachment_needs_its_blob_first(user: User, pool: ComplaintPool) -> None:
    staff = user("staf.pupr")
    target = pool.take(staff)[0]
    data = os.urandom(3000)
    digest = hashlib.sha256(data).hexdigest()
    payload = {"attachment_id": str(uuid.uuid4()), "owner_type": "complaint", "owner_id": target["id"],
               "filename": "foto.pdf", "mime": "application/pdf", "size": len(data), "sha256": digest}
    assert staff.op("attachment.add", target["id"], payload)["reason"] == "blob_missing"
    upload(staff, data)
    assert staff.op("attachment.add", target["id"], {**payload, "filename": "x.exe"})["reason"] == "bad_type"
    assert staff.op("attachment.add", target["id"], {**payload, "size": 5})["reason"] == "invalid"
    assert staff.op("attachment.add", target["id"], {**payload, "size": 10**9})["reason"] == "too_large"
    assert staff.op("attachment.add", target["id"], {**payload, "owner_type": "note",
                                                     "owner_id": str(uuid.uuid4())})["reason"] == "not_found"
    r = staff.op("attachment.add", target["id"], payload)
    assert (r["status"], r["version"]) == ("applied", target["version"])  # appends: no bump
    nid = str(uuid.uuid4())
    assert staff.op("note.add", target["id"], {"note_id": nid, "text": "lihat lampiran"})["status"] == "applied"
    on_note = {**payload, "attachment_id": str(uuid.uuid4()), "owner_type": "note", "owner_id": nid}
    assert staff.op("attachment.add", target["id"], on_note, 0)["status"] == "applied"  # stale base: merges
    staff.pull()
    att = staff.state[("attachment", payload["attachment_id"])]["data"]
    assert (att["sha256"], att["size"], att["owner_type"], att["filename"]) == (digest, 3000, "complaint", "foto.pdf")
    assert staff.state[("attachment", on_note["attachment_id"])]["data"]["owner_id"] == nid
