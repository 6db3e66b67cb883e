"""The HTTP surface of docs/protocol.md on SQLite and PostgreSQL: auth, errors, size limits, gzip."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable

import requests

from tests.hub.client import HEADERS, HubClient, note
from tests.hub.conftest import ComplaintPool


def test_healthz_and_openapi(hub: str) -> None:
    assert requests.get(f"{hub}/healthz").json() == {"status": "ok", "protocol": 1}
    spec = requests.get(f"{hub}/openapi.json").json()
    assert {"/api/v1/changes", "/api/v1/ops", "/api/v1/auth/token", "/api/v1/auth/refresh"} <= set(spec["paths"])


def test_wrong_password_is_401(hub: str) -> None:
    resp = requests.post(f"{hub}/api/v1/auth/token", headers=HEADERS,
                         json={"username": "admin.pupr", "password": "nope", "device_id": "d"})
    assert resp.status_code == 401
    assert resp.json()["code"] == "bad_credentials"


def test_missing_and_unknown_token_are_401(hub: str) -> None:
    resp = requests.get(f"{hub}/api/v1/changes", headers=HEADERS)
    assert (resp.status_code, resp.json()["code"]) == (401, "unauthenticated")
    resp = requests.get(f"{hub}/api/v1/changes", headers={**HEADERS, "Authorization": "Bearer forged"})
    assert (resp.status_code, resp.json()["code"]) == (401, "unauthenticated")


def test_refresh_rotates_and_old_refresh_token_dies(login: Callable[..., HubClient], hub: str) -> None:
    c = login("staf.pupr", device_id="dev-r")
    body = {"refresh_token": c.refresh_token, "device_id": "dev-r"}
    first = requests.post(f"{hub}/api/v1/auth/refresh", json=body, headers=HEADERS)
    assert first.status_code == 200, first.text
    assert first.json()["user"]["username"] == "staf.pupr"
    fresh = requests.get(f"{hub}/api/v1/changes?limit=1",
                         headers={**HEADERS, "Authorization": f"Bearer {first.json()['access_token']}"})
    assert fresh.status_code == 200
    rotated = requests.post(f"{hub}/api/v1/auth/refresh", headers=HEADERS,
                            json={"refresh_token": first.json()["refresh_token"], "device_id": "dev-r"})
    assert rotated.status_code == 200
    # Once its successor was used, the old one is a replay (the family then ends: tests/hub/test_sign_in.py;
    # a retry before that, from the same device, is a lost answer within the grace).
    again = requests.post(f"{hub}/api/v1/auth/refresh", json=body, headers=HEADERS)
    assert (again.status_code, again.json()["code"]) == (401, "unauthenticated")


def test_other_protocol_version_is_426_absent_is_accepted(hub: str) -> None:
    resp = requests.get(f"{hub}/api/v1/changes", headers={"X-Lapor-Protocol": "2"})
    assert resp.status_code == 426 and resp.json()["code"] == "protocol_unsupported"
    resp = requests.post(f"{hub}/api/v1/auth/token", json={"username": "staf.pupr", "password": "demo",
                                                           "device_id": "d"})
    assert resp.status_code == 200


def test_malformed_json_is_422_with_clear_message(hub: str) -> None:
    resp = requests.post(f"{hub}/api/v1/auth/token", data=b'{"username": ', headers={
        **HEADERS, "Content-Type": "application/json"})
    assert resp.status_code == 422
    body = resp.json()
    assert body["code"] == "malformed_json" and "JSON" in body["detail"]


def test_oversized_body_is_413_and_writes_nothing(login: Callable[..., HubClient], pool: ComplaintPool) -> None:
    c = login("admin.pupr")
    target = pool.take(c)[0]
    big = note(target["id"], "x" * (1024 * 1024 + 10))
    resp = c.http.post(f"{c.url}/api/v1/ops", json={"device_id": c.device_id, "ops": [big]})
    assert resp.status_code == 413 and resp.json()["code"] == "too_large"
    # The same, gzip'd small on the wire but over the limit once inflated.
    raw = gzip.compress(json.dumps({"device_id": c.device_id, "ops": [big]}).encode())
    resp = c.http.post(f"{c.url}/api/v1/ops", data=raw,
                       headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert resp.status_code == 413
    c.pull()
    assert not [n for n in c.of_type("note") if n["complaint_id"] == target["id"]]
    assert c.op("note.add", target["id"], {"note_id": big["payload"]["note_id"], "text": "ok"})["status"] == "applied"


def test_gzip_both_ways(login: Callable[..., HubClient], pool: ComplaintPool) -> None:
    c = login("admin.pupr")
    target = pool.take(c)[0]
    op = note(target["id"], "dikirim terkompresi " * 100)
    raw = gzip.compress(json.dumps({"device_id": c.device_id, "ops": [op]}).encode())
    resp = c.http.post(f"{c.url}/api/v1/ops", data=raw,
                       headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})
    assert resp.status_code == 200, resp.text
    assert resp.json()["results"][0]["status"] == "applied"
    page = c.http.get(f"{c.url}/api/v1/changes", params={"after": 0, "limit": 50},
                      headers={"Accept-Encoding": "gzip"})
    assert page.headers.get("Content-Encoding") == "gzip"
    assert page.headers.get("Cache-Control") == "no-store"


def test_too_many_ops_and_bad_op_id_are_422(login: Callable[..., HubClient], pool: ComplaintPool) -> None:
    c = login("admin.pupr")
    target = pool.take(c)[0]
    resp = c.ops(*[note(target["id"]) for _ in range(51)])
    assert resp.status_code == 422 and resp.json()["code"] == "invalid_request"
    resp = c.ops({**note(target["id"]), "op_id": "not-a-uuid"})
    assert resp.status_code == 422


def test_future_cursor_is_410(login: Callable[..., HubClient]) -> None:
    c = login("staf.pupr")
    resp = c.http.get(f"{c.url}/api/v1/changes", params={"after": 10**12})
    assert (resp.status_code, resp.json()["code"]) == (410, "cursor_expired")
