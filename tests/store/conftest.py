from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from desktop.store.engine import Replica, open_replica
from desktop.testing.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


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
