"""The hub's edge (issue 9, items 9 to 12): bad strings answer one clear 422 on SQLite and PostgreSQL alike and write
nothing; a cut gzip body is a 400; a 500 logs no personal data; a stored op result is no way around permissions."""

from __future__ import annotations

import gzip
import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import create_engine, text

from server.db import resolve_url
from server.ops import REGISTRY
from server.schemas import OpModel
from tests.hub.client import HEADERS, HubClient, make_op, note
from tests.hub.conftest import BACKENDS, OPEN, ComplaintPool, hub_db_for

SHA = hashlib.sha256(b"lampiran").hexdigest()


def _post(client: HubClient, path: str, body: Any, **kw: Any) -> requests.Response:
    return client.http.post(f"{client.url}/api/v1/{path}", json=body, **kw)


def _refused(resp: requests.Response, field: str) -> None:
    assert resp.status_code == 422, resp.text
    body = resp.json()
    assert body["code"] == "invalid_request" and field in body["detail"], body


def test_every_registered_op_kind_is_in_the_published_enum() -> None:
    schema = OpModel.model_json_schema()
    assert set(schema["$defs"]["OpKind"]["enum"]) == set(REGISTRY)


@pytest.mark.parametrize("field", ["username", "device_id", "password"])
@pytest.mark.parametrize("bad", ["\x00", "\udc00", "\x1b[31m"])
def test_sign_in_with_a_control_character_or_lone_surrogate_is_422(hub: str, field: str, bad: str) -> None:
    body = {"username": "staf.pupr", "password": "demo", "device_id": "dev-edge", field: f"a{bad}b"}
    resp = requests.post(f"{hub}/api/v1/auth/token", json=body, headers=HEADERS)
    assert resp.status_code == 422, resp.text
    assert resp.json()["code"] == "invalid_request" and field in resp.json()["detail"]


def test_bad_strings_in_ops_are_422_and_write_nothing(login: Callable[..., HubClient], pool: ComplaintPool) -> None:
    client = login("staf.pupr", device_id="dev-edge-ops")
    target = pool.take(client)[0]
    good = note(target["id"], "catatan yang benar")
    cases: list[tuple[str, dict[str, Any]]] = [
        ("device_id", {"device_id": "dev\x00ice", "ops": [good]}),
        ("target", {"device_id": "d", "ops": [{**note(target["id"]), "target": target["id"] + "\x00"}]}),
        ("payload", {"device_id": "d", "ops": [note(target["id"], "catatan\x00rahasia")]}),
        ("payload", {"device_id": "d", "ops": [note(target["id"], "catatan \udc00 sendiri")]}),
        ("payload", {"device_id": "d", "ops": [{**note(target["id"]), "payload": {"note_id": str(uuid.uuid4()),
                                                                                    "text": "x", "k\x00": 1}}]}),
        ("payload", {"device_id": "d", "ops": [{**note(target["id"]),
                                                "payload": {"text": "x", "deep": [{"a": ["\x07"]}]}}]}),
        ("op_id", {"device_id": "d", "ops": [{**note(target["id"]), "op_id": "0" * 32 + "-" * 80}]}),
        ("op_id", {"device_id": "d", "ops": [{**note(target["id"]), "op_id": "{" + str(uuid.uuid4()) + "}"}]}),
        ("kind", {"device_id": "d", "ops": [{**note(target["id"]), "kind": "note.delete"}]}),
        ("base_version", {"device_id": "d", "ops": [{**note(target["id"]), "base_version": True}]}),
        ("created_at", {"device_id": "d", "ops": [{**note(target["id"]), "created_at": "2026\n01"}]}),
    ]
    sent = []
    for field, body in cases:
        _refused(_post(client, "ops", body), field)
        sent.extend(op["op_id"] for op in body["ops"])
    client.pull()
    assert not [n for n in client.of_type("note") if n["complaint_id"] == target["id"]]
    assert not [e for e in client.of_type("event") if e["op_id"] in sent]


@pytest.mark.parametrize("method", ["HEAD", "GET", "PUT"])
def test_a_blob_name_with_a_trailing_newline_is_422(user: Callable[[str], HubClient], method: str) -> None:
    client = user("staf.pupr")
    headers = {"Content-Range": "bytes 0-7/8", "X-Blob-Type": "image/png", "Content-Type": "application/octet-stream"}
    resp = client.http.request(method, f"{client.url}/api/v1/blobs/{SHA}%0A", data=b"lampiran" if method == "PUT"
                               else None, headers=headers if method == "PUT" else None)
    assert resp.status_code == 422, resp.text
    if method != "HEAD":
        assert resp.json()["code"] in ("invalid_request", "invalid_hash")


@pytest.mark.parametrize("cut", ["trailer", "header_only", "garbage_after"])
def test_a_cut_gzip_body_is_400_and_writes_nothing(login: Callable[..., HubClient], pool: ComplaintPool,
                                                   cut: str) -> None:
    client = login("staf.pupr", device_id="dev-edge-gzip")
    target = pool.take(client)[0]
    op = note(target["id"], "catatan lewat gzip " * 80)
    packed = gzip.compress(json.dumps({"device_id": client.device_id, "ops": [op]}).encode())
    body = {"trailer": packed[:-8], "header_only": packed[:10], "garbage_after": packed + b"sisa"}[cut]
    resp = client.http.post(f"{client.url}/api/v1/ops", data=body,
                            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert resp.status_code == 400 and resp.json()["code"] == "bad_encoding", resp.text
    client.pull()
    assert not [e for e in client.of_type("event") if e["op_id"] == op["op_id"]]
    whole = client.http.post(f"{client.url}/api/v1/ops", data=packed,
                             headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert whole.status_code == 200 and whole.json()["results"][0]["status"] == "applied"


def test_405_names_every_method_the_resource_has(user: Callable[[str], HubClient]) -> None:
    client = user("staf.pupr")
    resp = client.http.delete(f"{client.url}/api/v1/blobs/{SHA}")
    assert resp.status_code == 405
    assert {m.strip() for m in resp.headers["Allow"].split(",")} == {"GET", "HEAD", "PUT"}


# --- a hub of the test's own: reaching under the API ---------------------------------------------------------------

@pytest.fixture(params=BACKENDS)
def own_hub(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    log = tmp_path / "hub.log"
    with hub_db_for(request.param, tmp_path, complaints=200, log_path=log) as (url, db):
        yield url, db, log


def _sql(db: str, statement: str, **params: Any) -> None:
    engine = create_engine(resolve_url(db))
    try:
        with engine.begin() as conn:
            conn.execute(text(statement), params)
    finally:
        engine.dispose()


def test_a_500_logs_no_personal_data(own_hub: tuple[str, str, Path]) -> None:
    url, db, log = own_hub
    client = HubClient(url, "admin.pupr", device_id="perangkat-rahasia-7731")
    client.pull()
    target = next(c for c in client.of_type("complaint") if c["status"] in OPEN)
    token = client.http.headers["Authorization"][7:]
    secret = "Catatan rahasia tentang Ibu Siti Aminah 0812-5555-0199"
    _sql(db, "DROP TABLE notes" + (" CASCADE" if db.startswith("postgresql") else ""))
    resp = client.ops(note(target["id"], secret))
    _sql(db, "DROP TABLE tokens" + (" CASCADE" if db.startswith("postgresql") else ""))
    signin = requests.post(f"{url}/api/v1/auth/token", headers=HEADERS,
                           json={"username": "kepala.pupr", "password": "demo", "device_id": "perangkat-kepala-88"})
    assert resp.status_code == 500 and signin.status_code == 500, (resp.text, signin.text)
    logged = log.read_text(errors="replace")
    for leaked in (secret, "Siti", "perangkat-rahasia-7731", "perangkat-kepala-88", "admin.pupr", "kepala.pupr",
                   token, hashlib.sha256(token.encode()).hexdigest(), target["id"], "Traceback", "INSERT", "SELECT"):
        assert leaked not in logged, leaked
    assert resp.json()["code"] == "internal" and secret not in resp.text
    request_id = resp.headers["X-Request-Id"]
    assert resp.json()["request_id"] == request_id
    lines = [line for line in logged.splitlines() if "internal error" in line]
    assert len(lines) == 2, logged[-3000:]
    assert request_id in lines[0] and "op_kinds=note.add" in lines[0] and "/api/v1/ops" in lines[0]
    assert signin.headers["X-Request-Id"] in lines[1] and "/api/v1/auth/token" in lines[1]


def test_a_stored_result_answers_only_its_sender_and_only_what_they_may_see_now(
        own_hub: tuple[str, str, Path]) -> None:
    url, db, _log = own_hub
    admin, other_opd = HubClient(url, "admin.pupr", device_id="dev-a"), HubClient(url, "admin.dinkes", device_id="dev-b")
    admin.pull()
    named = [c for c in admin.of_type("complaint") if c["reporter"] is not None and c["status"] in OPEN
             and c["unit_id"] == admin.user["unit_id"]]
    assert len(named) >= 2, "the seed needs two open complaints with a named reporter"
    staff_id = next(u["id"] for u in admin.of_type("user") if u["username"] == "staf.pupr")
    first, second = named[0], named[1]
    assign = make_op("complaint.assign", first["id"], {"assignee_id": staff_id}, first["version"])
    applied = admin.ops(assign).json()["results"][0]
    assert applied["status"] == "applied" and applied["current"]["reporter"] is not None

    # Another OPD that knows the op_id and its payload learns nothing of the complaint.
    resp = other_opd.ops(assign)
    assert first["id"] not in resp.text and first["reporter"]["name"] not in resp.text, resp.text
    assert resp.status_code == 422 and resp.json()["code"] == "op_id_reused"

    # The reporter became anonymous: the sender's retry no longer shows who they are.
    _sql(db, "UPDATE complaints SET anonymous = :t WHERE id = :i", t=True, i=first["id"])
    again = admin.ops(assign).json()["results"][0]
    assert again["status"] == "duplicate" and again["version"] == applied["version"]
    assert again["current"]["reporter"] is None and first["reporter"]["name"] not in json.dumps(again)

    # The complaint left the OPD: the retry says the op was applied, and nothing about the complaint.
    assign2 = make_op("complaint.assign", second["id"], {"assignee_id": staff_id}, second["version"])
    done = admin.ops(assign2).json()["results"][0]
    assert done["status"] == "applied"
    away = admin.op("disposition.create", second["id"],
                    {"disposition_id": str(uuid.uuid4()), "kind": "external", "reason": "bukan wewenang kami",
                     "suggested_body": "Dinas Kesehatan"}, done["version"])
    assert away["status"] == "applied"
    retry = admin.ops(assign2).json()["results"][0]
    assert retry["status"] == "duplicate" and retry["current"] is None and retry["current_type"] is None


def test_blob_headers_are_checked_at_the_edge(user: Callable[[str], HubClient]) -> None:
    client = user("staf.pupr")
    body = b"lampiran foto"
    sha = hashlib.sha256(body).hexdigest()
    put = f"{client.url}/api/v1/blobs/{sha}"
    span = {"Content-Range": f"bytes 0-{len(body) - 1}/{len(body)}", "Content-Type": "application/octet-stream"}
    bad_name = client.http.put(put, data=body, headers={**span, "X-Blob-Type": "image/png",
                                                        "X-Blob-Name": "foto\tjalan.png"})
    assert bad_name.status_code == 422 and "X-Blob-Name" in bad_name.json()["detail"], bad_name.text
    # A type's parameters are the client's: the hub keeps the type alone (it would overflow the column).
    long_type = client.http.put(put, data=body, headers={**span, "X-Blob-Type": "image/png; name=" + "x" * 300,
                                                         "X-Blob-Name": "foto.png"})
    assert long_type.status_code == 201, long_type.text
    got = client.http.get(put)
    assert got.status_code == 200 and got.content == body and got.headers["Content-Type"] == "image/png"
