from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.engine import Replica, open_replica


@pytest.fixture
def replica_key() -> str:
    return secrets.token_hex(32)


@pytest.fixture
def replica(tmp_path: Path, replica_key: str) -> Iterator[Replica]:
    r = open_replica(tmp_path / "replica.db", replica_key)
    try:
        yield r
    finally:
        r.close()
