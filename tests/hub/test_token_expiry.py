"""Access tokens expire after LAPOR_HUB_ACCESS_TTL seconds and answer 401 token_expired."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import requests

from tests.hub.client import HEADERS, HubClient
from tests.hub.conftest import hub_for


@pytest.fixture(scope="module")
def short_ttl_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with hub_for("sqlite", tmp_path_factory.mktemp("ttl"), env={"LAPOR_HUB_ACCESS_TTL": "1"}, complaints=0) as url:
        yield url


def test_expired_access_token_is_401_token_expired_and_refresh_recovers(short_ttl_hub: str) -> None:
    c = HubClient(short_ttl_hub, "staf.pupr", device_id="dev-ttl")
    deadline = time.monotonic() + 10
    while True:  # poll the condition rather than sleeping a guessed amount
        resp = c.http.get(f"{c.url}/api/v1/changes", params={"limit": 1})
        if resp.status_code == 401 or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert (resp.status_code, resp.json()["code"]) == (401, "token_expired")
    fresh = requests.post(f"{c.url}/api/v1/auth/refresh", headers=HEADERS,
                          json={"refresh_token": c.refresh_token, "device_id": "dev-ttl"})
    assert fresh.status_code == 200
    assert fresh.json()["expires_in"] == 1
