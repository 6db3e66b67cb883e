"""A small protocol client for hub tests (the desk has its own; this one stays dumb on purpose)."""

from __future__ import annotations

import time
import uuid
from typing import Any

import requests

HEADERS = {"X-Lapor-Protocol": "1"}


class HubClient:
    def __init__(self, url: str, username: str, password: str = "demo", device_id: str = "test-device") -> None:
        self.url = url
        self.http = requests.Session()
        self.http.headers.update(HEADERS)
        self.device_id = device_id
        deadline = time.monotonic() + 60
        while True:
            resp = self.http.post(f"{url}/api/v1/auth/token",
                                  json={"username": username, "password": password, "device_id": device_id})
            # Others of this account are being checked (tests sign one account in from many threads): the hub
            # says when to come back, as it would tell a desk.
            if resp.status_code != 503 or time.monotonic() > deadline:
                break
            time.sleep(float(resp.headers.get("Retry-After", "1")))
        resp.raise_for_status()
        body = resp.json()
        self.user: dict[str, Any] = body["user"]
        self.http.headers["Authorization"] = f"Bearer {body['access_token']}"
        self.refresh_token: str = body["refresh_token"]
        self.cursor = 0
        self.state: dict[tuple[str, str], dict[str, Any]] = {}

    def page(self, after: int, limit: int = 500) -> dict[str, Any]:
        resp = self.http.get(f"{self.url}/api/v1/changes", params={"after": after, "limit": limit})
        assert resp.status_code == 200, resp.text
        return dict(resp.json())

    def pull(self, limit: int = 500) -> dict[tuple[str, str], dict[str, Any]]:
        """Apply every change after our cursor to `state` (a mirror), like a desk would."""
        while True:
            body = self.page(self.cursor, limit)
            for ch in body["changes"]:
                key = (ch["type"], ch["id"])
                if ch["deleted"]:
                    self.state.pop(key, None)
                else:
                    self.state[key] = ch
            self.cursor = body["cursor"]
            if not body["more"]:
                return self.state

    def of_type(self, type_name: str) -> list[dict[str, Any]]:
        return [{**ch["data"], "version": ch["version"]} for (t, _), ch in self.state.items() if t == type_name]

    def ops(self, *ops: dict[str, Any]) -> requests.Response:
        return self.http.post(f"{self.url}/api/v1/ops", json={"device_id": self.device_id, "ops": list(ops)})

    def op(self, kind: str, target: str, payload: dict[str, Any], base_version: int | None = None,
           op_id: str | None = None) -> dict[str, Any]:
        resp = self.ops(make_op(kind, target, payload, base_version, op_id))
        assert resp.status_code == 200, resp.text
        return dict(resp.json()["results"][0])


def make_op(kind: str, target: str, payload: dict[str, Any], base_version: int | None = None,
            op_id: str | None = None) -> dict[str, Any]:
    return {"op_id": op_id or str(uuid.uuid4()), "kind": kind, "target": target, "base_version": base_version,
            "payload": payload, "created_at": "2025-01-01T00:00:00Z"}


def note(target: str, text: str = "catatan internal", op_id: str | None = None) -> dict[str, Any]:
    return make_op("note.add", target, {"note_id": str(uuid.uuid4()), "text": text}, None, op_id)
