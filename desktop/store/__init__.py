"""The replica: encrypted SQLite (SQLCipher) with a mirror of the hub and this device's local work.

Public API: :mod:`desktop.store.engine` (open_replica, open_account, Replica); the reads for the UI:
:mod:`desktop.store.queues` (the queues, their counts and rows), :mod:`desktop.store.detail` (one complaint),
:mod:`desktop.store.deadlines` (the working-day clock), :mod:`desktop.store.lookups` (reference data);
:mod:`desktop.store.actions` (user actions → outbox), :mod:`desktop.store.keys` (replica keys),
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
