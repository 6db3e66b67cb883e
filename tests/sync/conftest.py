from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.engine import Replica, open_replica
from desktop.sync.engine import SyncEngine, SyncSummary
from desktop.sync.transport import Transport
from desktop.testing.hub import run_hub

PASSWORD = "demo"
ADMIN = "admin.pupr"
STAFF = "staf.pupr"
COORDINATOR = "koordinator"


@pytest.fixture(scope="module")
def hub_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("hub") / "hub.db"
    with run_hub(f"sqlite:///{db}", seed_complaints=150) as url:
        yield url


@pytest.fixture
def replica(tmp_path: Path) -> Iterator[Replica]:
    r = open_replica(tmp_path / "replica.db", secrets.token_hex(32))
    try:
        yield r
    finally:
        r.close()


def signed_in(url: str, username: str = ADMIN, device: str = "device-test") -> Transport:
    t = Transport(url, device)
    t.sign_in(username, PASSWORD)
    return t


def sync_once(replica: Replica, transport: Transport) -> SyncSummary:
    """One sync cycle of `replica` as the signed-in user of `transport` (the account is set on first use)."""
    if transport.user and not replica.user_id:
        replica.set_account(transport.server_url, transport.user)
    return SyncEngine(replica, transport, transport.device_id).run_once()
