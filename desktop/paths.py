"""Where the desk keeps its files: one replica per signed-in account under the platform data dir.

Layout: ``<data>/accounts/<host_port>/<username>/replica.db`` (+ ``blobs/``, ``replica.salt`` when the key comes
from a passphrase) and ``<data>/device_id``. ``--data-dir`` (or ``LAPOR_DESK_DATA_DIR``) overrides ``<data>``.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

APP_NAME = "lapor-desk"
DATA_DIR_ENV = "LAPOR_DESK_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The root data directory (created if missing)."""
    if override is not None and str(override):
        root = Path(override)
    elif os.environ.get(DATA_DIR_ENV):
        root = Path(os.environ[DATA_DIR_ENV])
    else:
        root = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    root.mkdir(parents=True, exist_ok=True)
    return root


def _safe(part: str) -> str:
    """A path component that is valid on Windows and Linux (no separators, colons, dots-only names)."""
    cleaned = re.sub(r"[^A-Za-z0-9._@-]", "_", part).strip(".") or "_"
    return cleaned[:120]


def server_key(server_url: str) -> str:
    """``https://hub.example:8443/`` → ``hub.example:8443`` (the identity used in keyring names)."""
    parts = urlsplit(server_url if "://" in server_url else f"https://{server_url}")
    host = (parts.hostname or "").lower()
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{host}:{port}"


def host_port(server_url: str) -> str:
    """The server as a directory name: ``hub.example_8443`` (a colon is not allowed on Windows)."""
    return _safe(server_key(server_url).replace(":", "_"))


def account_dir(server_url: str, username: str, data: str | os.PathLike[str] | None = None) -> Path:
    path = data_dir(data) / "accounts" / host_port(server_url) / _safe(username)
    path.mkdir(parents=True, exist_ok=True)
    return path


def replica_path(server_url: str, username: str, data: str | os.PathLike[str] | None = None) -> Path:
    return account_dir(server_url, username, data) / "replica.db"


def blobs_dir(server_url: str, username: str, data: str | os.PathLike[str] | None = None) -> Path:
    path = account_dir(server_url, username, data) / "blobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def salt_path(replica: str | os.PathLike[str]) -> Path:
    """The passphrase salt lives in a small plain file next to the replica."""
    return Path(replica).with_name("replica.salt")


def device_id(data: str | os.PathLike[str] | None = None) -> str:
    """This installation's device id (a UUID4), made once and kept in the data dir."""
    path = data_dir(data) / "device_id"
    try:
        value = path.read_text(encoding="ascii").strip()
        uuid.UUID(value)
        return value
    except (OSError, ValueError):
        value = str(uuid.uuid4())
        tmp = path.with_suffix(".tmp")
        tmp.write_text(value, encoding="ascii")
        os.replace(tmp, path)
        return value
