"""Shared test set-up: Qt runs offscreen and the keyring is an in-memory one, never the OS keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator

import keyring
import pytest

from desktop.testing.memory_keyring import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")


def pytest_configure(config: pytest.Config) -> None:
    # The offscreen platform plugin says this whenever a top-level window is shown; it is the plugin's
    # limitation, not a fault of ours, and the only Qt warning tolerated (qt_log_level_fail = WARNING).
    config.addinivalue_line("qt_log_ignore", "This plugin does not support propagateSizeHints")


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test gets a fresh in-memory keyring, never the OS one (the one fixture for the whole suite)."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
