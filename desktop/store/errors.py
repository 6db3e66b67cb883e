"""Errors of the replica that the UI and the CLI turn into one clear message (never a traceback)."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every replica error."""


class KeyringUnavailable(StoreError):
    """The OS keyring cannot be used here: ask the user for a passphrase instead."""


class ReplicaLocked(StoreError):
    """The replica cannot be opened with this key (wrong key or passphrase, or not a replica at all)."""


class ReplicaTooNew(StoreError):
    """The replica was written by a newer LAPOR! Desk than this one."""


class NotFound(StoreError, LookupError):
    """No such complaint or record in the replica (it left the OPD, or the id is wrong)."""
