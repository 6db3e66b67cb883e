"""The replica: encrypted SQLite (SQLCipher) with a mirror of the hub and this device's local work.

Public API: :mod:`desktop.store.engine` (open_replica, open_account, Replica), :mod:`desktop.store.queue` (the read
API for the UI), :mod:`desktop.store.actions` (user actions → outbox), :mod:`desktop.store.keys` (replica keys),
:mod:`desktop.store.errors`.
"""

from desktop.store.engine import Replica, open_account, open_replica
from desktop.store.errors import KeyringUnavailable, ReplicaLocked, ReplicaTooNew, StoreError

__all__ = [
    "KeyringUnavailable",
    "Replica",
    "ReplicaLocked",
    "ReplicaTooNew",
    "StoreError",
    "open_account",
    "open_replica",
]
