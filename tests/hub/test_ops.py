"""Ops: permissions, compare-and-set, idempotency (also under concurrent duplicates), leaving an OPD."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from tests.hub.client import HubClient, make_op, note
from tests.hub.conftest import ComplaintPool


def test_changes_show_only_own_opd_and_hide_anonymous_reporters(login: Callable[..., HubClient]) -> None:
    staff, coord = login("staf.pupr"), login("koordinator")
    staff.pull(limit=400)
    coord.pull()
    opd = staff.user["unit_id"]
    mine = staff.of_type("complaint")
    assert mine and all(c["unit_id"] == opd for c in mine)
    visible = {c["id"] for c in mine}
    for type_name in ("disposition", "followup", "note", "reply", "event"):
        assert all(r["complaint_id"] in visible for r in staff.of_type(type_name) if r["complaint_id"])
    assert {u["unit_id"] for u in staff.of_type("user")} == {opd}
    everyone = coord.of_type("complaint")
    assert len(everyone) > len(mine) and {c["unit_id"] for c in everyone} > {opd}
    assert len(staff.of_type("unit")) == len(coord.of_type("unit"))
    assert staff.of_type("sla") and staff.of_type("holiday") and len(staff.of_type("category")) > 900
    for c in everyone:
        if c["anonymous"]:
            assert c["reporter"] is None


def test_ops_on_another_opds_complaint_are_forbidden(login: Callable[..., HubClient], pool: ComplaintPool) -> None:
    dinkes = login("admin.dinkes")
    foreign = pool.take(dinkes)[0]
    pupr = login("admin.pupr")
    results = pupr.ops(note(foreign["id"]),
                       make_op("disposition.create", foreign["id"],
                               {"disposition_id": str(uuid.uuid4()), "kind": "external", "reason": "x"},
                               foreign["version"]),
                       make_op("complaint.assign", foreign["id"], {"assignee_id": None}, foreign["version"]))
    assert [r["reason"] for r in results.json()["results"]] == ["forbidden"] * 3
    assert all(r["current"] is None for r in results.json()["results"])  # nothing leaks


def test_staff_cannot_dispose(login: Callable[..., HubClient], pool: ComplaintPool) -> None:
    staff = login("staf.pupr")
    target = pool.take(staff)[0]
    r = staff.op("disposition.create", target["id"], {"disposition_id": str(uuid.uuid4()), "kind": "internal",
                                                      "to_user_id": staff.user["id"]}, target["version"])
    assert (r["status"], r["reason"]) == ("rejected", "forbidden")


def test_note_is_exactly_once_and_op_id_reuse_is_rejected(login: Callable[..., HubClient],
                                                          pool: ComplaintPool) -> None:
    c = login("staf.pupr")
    target = pool.take(c)[0]
    op = note(target["id"], "sekali saja")
    first = c.ops(op).json()["results"][0]
    assert first["status"] == "applied" and first["version"] == target["version"]  # notes do not bump
    again = c.ops(op).json()["results"][0]
    assert again["status"] == "duplicate" and again["version"] == first["version"]
    reused = {**op, "payload": {**op["payload"], "text": "lain"}}
    resp = c.ops(reused)
    assert resp.status_code == 422 and resp.json()["code"] == "op_id_reused"
    mixed = c.ops(reused, note(target["id"])).json()["results"]
    assert [(r["status"], r["reason"]) for r in mixed] == [("rejected", "op_id_reused"), ("applied", None)]
    c.pull()
    notes = [n for n in c.of_type("note") if n["complaint_id"] == target["id"]]
    assert sorted(n["text"] for n in notes) == ["catatan internal", "sekali saja"]
    events = [e for e in c.of_type("event") if e["op_id"] == op["op_id"]]
    assert len(events) == 1 and events[0]["actor_id"] == c.user["id"] and events[0]["device_id"] == c.device_id


def test_concurrent_duplicates_have_one_effect(login: Callable[..., HubClient], pool: ComplaintPool) -> None:
    clients = [login("admin.pupr", device_id="dev-dup") for _ in range(2)]
    target = pool.take(clients[0])[0]
    op = make_op("complaint.assign", target["id"], {"assignee_id": login("staf.pupr").user["id"]},
                 target["version"])
    with ThreadPoolExecutor(8) as ex:
        results = list(ex.map(lambda i: clients[i % 2].ops(op).json()["results"][0], range(16)))
    statuses = sorted(r["status"] for r in results)
    assert statuses.count("applied") == 1 and statuses.count("duplicate") == 15, statuses
    assert {r["version"] for r in results} == {target["version"] + 1}
    c = clients[0]
    c.pull()
    assert len([e for e in c.of_type("event") if e["op_id"] == op["op_id"]]) == 1
    assert c.state[("complaint", target["id"])]["version"] == target["version"] + 1


def test_disposition_compare_and_set(login: Callable[..., HubClient], pool: ComplaintPool) -> None:
    admin, staff = login("admin.pupr"), login("staf.pupr")
    target = pool.take(admin, "terdisposisi")[0]
    sub = next(u for u in admin.of_type("unit") if u["parent_id"] == admin.user["unit_id"])
    payload = {"disposition_id": str(uuid.uuid4()), "kind": "internal", "to_unit_id": sub["id"],
               "to_user_id": staff.user["id"], "instruction": "Mohon cek lapangan", "due_date": "2030-01-31"}
    stale = admin.op("disposition.create", target["id"], payload, target["version"] - 1)
    assert stale["status"] == "conflict" and stale["current"]["status"] == "terdisposisi"
    assert stale["version"] == target["version"]
    ok = admin.op("disposition.create", target["id"], payload, target["version"])
    assert ok["status"] == "applied" and ok["version"] == target["version"] + 1
    cur = ok["current"]
    assert (cur["status"], cur["subunit_id"], cur["assignee_id"]) == ("diproses", sub["id"], staff.user["id"])
    admin.pull()
    disp = admin.state[("disposition", payload["disposition_id"])]["data"]
    assert disp["due_date"] == "2030-01-31" and disp["from_unit_id"] == admin.user["unit_id"]


def test_assign_only_within_the_opd(login: Callable[..., HubClient], pool: ComplaintPool) -> None:
    admin = login("admin.pupr")
    target = pool.take(admin)[0]
    outsider = login("staf.dinkes").user["id"]
    r = admin.op("complaint.assign", target["id"], {"assignee_id": outsider}, target["version"])
    assert (r["status"], r["reason"]) == ("rejected", "invalid")


def test_bukan_wewenang_leaves_the_opd_and_rerouting_brings_history(login: Callable[..., HubClient],
                                                                    pool: ComplaintPool) -> None:
    admin, staff, coord = login("admin.pupr"), login("staf.pupr"), login("koordinator")
    target = pool.take(admin)[0]
    staff.pull()
    coord.pull()
    assert staff.op("note.add", target["id"], {"note_id": str(uuid.uuid4()), "text": "sudah dicek"})[
        "status"] == "applied"
    r = admin.op("disposition.create", target["id"], {"disposition_id": str(uuid.uuid4()), "kind": "external",
                                                      "reason": "Jalan nasional, bukan wewenang kabupaten",
                                                      "suggested_body": "BPJN"}, target["version"])
    assert r["status"] == "applied" and r["current"]["status"] == "dikembalikan"
    staff.pull()
    assert ("complaint", target["id"]) not in staff.state
    assert staff.op("note.add", target["id"], {"note_id": str(uuid.uuid4()), "text": "x"})["reason"] == "not_in_unit"
    coord.pull()
    assert coord.state[("complaint", target["id"])]["data"]["status"] == "dikembalikan"
    dinkes_admin = login("admin.dinkes")
    dinkes_admin.pull()
    r = coord.op("disposition.create", target["id"], {"disposition_id": str(uuid.uuid4()), "kind": "internal",
                                                      "to_unit_id": dinkes_admin.user["unit_id"]}, r["version"])
    assert r["status"] == "applied" and r["current"]["status"] == "terdisposisi"
    dinkes_admin.pull()
    assert dinkes_admin.state[("complaint", target["id"])]["data"]["unit_id"] == dinkes_admin.user["unit_id"]
    texts = {n["text"] for n in dinkes_admin.of_type("note") if n["complaint_id"] == target["id"]}
    assert "sudah dicek" in texts  # the earlier history travels with the complaint
