"""Attachments: checking a file the user picked (the policy is :func:`desktop.domain.attachments.classify`),
storing it encrypted in the replica with its ``attachment.add`` op, and reading one back for a preview or the
system viewer (downloaded from the hub on demand when this desk never had it)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from desktop.app.changes import Changes, local_action
from desktop.domain.attachments import HEAD_BYTES, classify
from desktop.store import actions as store_actions
from desktop.store import blobs
from desktop.store.engine import Replica
from desktop.sync.attachments import fetch
from desktop.sync.transport import NetworkError, Transport


class AttachmentRefused(ValueError):
    """The file breaks the attachment policy; ``problem`` is the policy's code (``too_large``, ``bad_type`` ...)."""

    def __init__(self, problem: str, path: Path) -> None:
        super().__init__(f"{path.name}: {problem}")
        self.problem = problem
        self.path = path


class AttachmentNotDownloaded(RuntimeError):
    """The file is only on the hub (never downloaded here) and the hub cannot be reached now."""


def check(path: Path) -> tuple[str | None, str]:
    """(problem, mime) for a file the user picked, read before anything is stored; ``missing`` when it cannot be
    read."""
    try:
        if not path.is_file():
            return "missing", ""
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return "missing", ""
    return classify(path.name, size, head)


def add(replica: Replica, complaint_id: str, path: Path, *, owner_type: str = "complaint",
        owner_id: str | None = None) -> Changes:  # fmt: skip
    """Check, then store the file in the replica's blob store and queue ``attachment.add`` (one transaction)."""
    problem, mime = check(path)
    if problem is not None:
        raise AttachmentRefused(problem, path)
    result = store_actions.add_attachment(replica, complaint_id, path, owner_type=owner_type,
                                          owner_id=owner_id or complaint_id, mime=mime)  # fmt: skip
    return local_action(complaint_id, result)


def local_content(replica: Replica, sha256: str) -> bytes | None:
    """The decrypted content when this replica holds the file, else None (it must be downloaded first)."""
    if not blobs.has_blob(replica, sha256.lower()):
        return None
    return blobs.read(replica, sha256)


def content(replica: Replica, sha256: str, transport: Transport | None = None) -> bytes:
    """The decrypted content of an attachment (previews, the system viewer). A file never downloaded is fetched
    from the hub on demand (ranged, resumable, into the encrypted store) through ``transport``, so this belongs on
    the network lane whenever the file may be missing. Raises AttachmentNotDownloaded when it is missing and the
    hub cannot be reached (no transport, or the link is down)."""
    data = local_content(replica, sha256)
    if data is not None:
        return data
    if transport is None:
        raise AttachmentNotDownloaded(sha256)
    try:
        return fetch(replica, transport, sha256)
    except NetworkError as exc:
        raise AttachmentNotDownloaded(sha256) from exc


def write_temp_copy(data: bytes, filename: str, folder: Path | None = None) -> Path:
    """``data`` as a private file (0600) for the system viewer; the name keeps only a safe basename."""
    safe = "".join(ch for ch in Path(filename).name if ch.isalnum() or ch in "._- ").strip(" .") or "lampiran"
    target_dir = folder or Path(tempfile.mkdtemp(prefix="lapor-desk-"))
    target = target_dir / safe
    target.write_bytes(data)
    target.chmod(0o600)
    return target
