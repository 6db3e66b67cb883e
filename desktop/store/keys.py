"""Keys of the encrypted replica.

The replica key is 32 random bytes (hex) kept in the OS keyring under service ``lapor-desk`` and name
``replica-key:<server>:<user>``. Where no usable keyring exists, :class:`KeyringUnavailable` is raised and the
caller asks for a passphrase; :func:`key_from_passphrase` derives the key with scrypt and a per-replica salt kept in
a plain file next to the replica. The passphrase itself is never stored.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

import keyring
import keyring.errors

from desktop.paths import salt_path, server_key
from desktop.store.errors import KeyringUnavailable

SERVICE = "lapor-desk"
KEY_BYTES = 32
SALT_BYTES = 16


def _check_backend() -> None:
    backend = keyring.get_keyring()
    from keyring.backends import fail, null

    # fail: the OS offers none; null: the user switched keyrings off (it forgets every write).
    if isinstance(backend, fail.Keyring | null.Keyring):
        raise KeyringUnavailable("no usable keyring on this system")


def keyring_get(name: str) -> str | None:
    _check_backend()
    try:
        return keyring.get_password(SERVICE, name)
    except keyring.errors.KeyringError as exc:  # includes NoKeyringError, KeyringLocked, InitError
        raise KeyringUnavailable(f"keyring unavailable: {type(exc).__name__}") from None


def keyring_set(name: str, value: str) -> None:
    _check_backend()
    try:
        keyring.set_password(SERVICE, name, value)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(f"keyring unavailable: {type(exc).__name__}") from None


def keyring_delete(name: str) -> None:
    _check_backend()
    try:
        keyring.delete_password(SERVICE, name)
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(f"keyring unavailable: {type(exc).__name__}") from None


def replica_key_name(server_url: str, username: str) -> str:
    return f"replica-key:{server_key(server_url)}:{username}"


def keyring_replica_key(server_url: str, username: str, *, create: bool = True) -> str | None:
    """The replica key from the OS keyring, made (and stored) on first use. Raises KeyringUnavailable."""
    name = replica_key_name(server_url, username)
    value = keyring_get(name)
    if value:
        return value
    if not create:
        return None
    value = secrets.token_hex(KEY_BYTES)
    keyring_set(name, value)
    if keyring_get(name) != value:  # a backend that silently drops writes is no keyring at all
        raise KeyringUnavailable("the keyring did not keep the replica key")
    return value


def key_from_passphrase(passphrase: str, salt: bytes) -> str:
    """A 32-byte hex key from a passphrase (scrypt, n=2**15, r=8, p=1)."""
    if not passphrase:
        raise ValueError("empty passphrase")
    raw = hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=2**15, r=8, p=1, maxmem=64 * 1024 * 1024, dklen=KEY_BYTES
    )
    return raw.hex()


def load_or_create_salt(replica: str | os.PathLike[str]) -> bytes:
    path = salt_path(replica)
    try:
        data = bytes.fromhex(path.read_text(encoding="ascii").strip())
        if len(data) >= SALT_BYTES:
            return data
    except (OSError, ValueError):
        pass
    data = secrets.token_bytes(SALT_BYTES)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(str(path) + ".tmp")
    tmp.write_text(data.hex(), encoding="ascii")
    os.replace(tmp, path)
    return data


def passphrase_key(replica: str | os.PathLike[str], passphrase: str) -> str:
    """The key for ``replica`` from a passphrase (the salt file is made on first use)."""
    return key_from_passphrase(passphrase, load_or_create_salt(replica))


def resolve_key(server_url: str, username: str, replica: str | os.PathLike[str], passphrase: str | None = None) -> str:
    """The key to open a replica: from the passphrase when given (or when a salt file says the replica uses one),
    else from the OS keyring. Raises KeyringUnavailable when the keyring is needed but unusable."""
    if passphrase:
        return passphrase_key(replica, passphrase)
    if salt_path(replica).exists() and Path(replica).exists():
        raise KeyringUnavailable("this replica is protected by a passphrase")
    key = keyring_replica_key(server_url, username)
    assert key is not None
    return key


def blob_key(replica_key_hex: str) -> bytes:
    """The key that encrypts this replica's attachment files: HKDF-SHA256 of the replica key (so it lives and dies
    with it, in the keyring or behind the passphrase), never stored anywhere itself."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    raw = bytes.fromhex(replica_key_hex)
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"lapor-desk blobs v1").derive(raw)
