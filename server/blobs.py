"""Attachment bytes on disk, content-addressed by SHA-256, and the rules of what may be stored and who may use it.

Layout: `<root>/<sha>` for a complete, verified blob (one copy, whoever uploaded it); `<root>/<sha>.<user_id>.part`
while a user's upload is under way (its size is that user's offset: the truth their resuming desk continues from).
Parts are per uploader, so two users sending the same file never disturb each other. A part is appended, fsynced
after every chunk and renamed atomically once its SHA-256 matches the name (or dropped when the hub already holds
those bytes); a mismatch discards it. `<sha>.<nonce>.trash` is a blob that `lapor-hub prune` is removing.

Knowing a hash is not enough to use a blob: a user may read, attach and be told of a complete blob only when they
uploaded its bytes themselves (a BlobOwner row, completed) or can see an attachment that refers to it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
from pathlib import Path, PurePosixPath

from sqlalchemy import Engine, exists, func, or_, select
from sqlalchemy.orm import Session

from server.models import Attachment, BlobOwner

DEFAULT_MAX_ATTACHMENT = 2 * 1024 * 1024  # LAPOR!'s 2 MB per file
DEFAULT_UNATTACHED_QUOTA = 50 * 1024 * 1024  # 25 files of the largest size waiting to be attached
SHA_RE = re.compile(r"\A[0-9a-f]{64}\Z")  # \Z, not $: "$" also matches before a trailing newline

# DOMAIN.md: images, PDF, office files, audio/video, zip.
ALLOWED_MIME = frozenset({
    "image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp", "image/heic", "image/heif", "image/tiff",
    "application/pdf",
    "application/msword", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-powerpoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation", "application/rtf", "text/plain", "text/csv",
    "audio/mpeg", "audio/mp4", "audio/aac", "audio/ogg", "audio/wav", "audio/x-wav", "audio/webm", "audio/amr",
    "audio/3gpp",
    "video/mp4", "video/3gpp", "video/quicktime", "video/webm", "video/x-msvideo", "video/x-matroska", "video/mpeg",
    "application/zip", "application/x-zip-compressed",
})
ALLOWED_EXT = frozenset({
    "jpg", "jpeg", "png", "gif", "webp", "bmp", "heic", "heif", "tif", "tiff",
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt", "csv",
    "mp3", "m4a", "aac", "ogg", "oga", "wav", "weba", "amr", "3ga",
    "mp4", "m4v", "3gp", "mov", "webm", "avi", "mkv", "mpeg", "mpg",
    "zip",
})


def max_attachment() -> int:
    return int(os.environ.get("LAPOR_HUB_MAX_ATTACHMENT", str(DEFAULT_MAX_ATTACHMENT)))


def unattached_quota() -> int:
    return int(os.environ.get("LAPOR_HUB_UNATTACHED_QUOTA", str(DEFAULT_UNATTACHED_QUOTA)))


def base_mime(mime: str | None) -> str:
    """`image/jpeg` of `Image/JPEG; name=...`: what is checked and stored (the parameters are the client's)."""
    return (mime or "").split(";", 1)[0].strip().lower()


def mime_allowed(mime: str | None) -> bool:
    return base_mime(mime) in ALLOWED_MIME


def filename_allowed(filename: str | None) -> bool:
    suffix = PurePosixPath((filename or "").replace("\\", "/")).suffix.lower().lstrip(".")
    return suffix in ALLOWED_EXT


def default_root(engine: Engine) -> Path:
    """`LAPOR_HUB_BLOBS`, else `<db stem>-blobs/` next to a SQLite file, else `./lapor-hub-blobs`."""
    configured = os.environ.get("LAPOR_HUB_BLOBS")
    if configured:
        return Path(configured)
    db = engine.url.database if engine.dialect.name == "sqlite" else None
    if db and db != ":memory:":
        path = Path(db)
        return path.with_name(f"{path.stem}-blobs")
    return Path("lapor-hub-blobs")


def may_use(session: Session, sha: str, user_id: str, scope: str | None) -> bool:
    """The one rule for reading, attaching and being told a blob is complete: the user proved they hold its bytes
    (uploaded them), or sees an attachment that refers to it (`scope` None = a coordinator, who sees every one)."""
    owned = select(BlobOwner.sha256).where(BlobOwner.sha256 == sha, BlobOwner.user_id == user_id,
                                           BlobOwner.completed_at.is_not(None))
    if session.execute(owned.limit(1)).first() is not None:
        return True
    seen = select(Attachment.id).where(Attachment.sha256 == sha)
    if scope is not None:
        seen = seen.where(or_(Attachment.scope_unit_id.is_(None), Attachment.scope_unit_id == scope))
    return session.execute(seen.limit(1)).first() is not None


def unattached_bytes(session: Session, user_id: str, except_sha: str | None = None) -> int:
    """What the user's uploads hold that no attachment uses yet: uploads under way count their declared total (so
    one never fails half way), complete ones their size until something refers to them."""
    attached = exists().where(Attachment.sha256 == BlobOwner.sha256)
    q = select(func.coalesce(func.sum(BlobOwner.size), 0)).where(
        BlobOwner.user_id == user_id, or_(BlobOwner.completed_at.is_(None), ~attached))
    if except_sha is not None:
        q = q.where(BlobOwner.sha256 != except_sha)
    return int(session.execute(q).scalar_one())


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows; NTFS journals the rename
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def final(self, sha: str) -> Path:
        return self.root / sha

    def part(self, sha: str, user_id: str) -> Path:
        return self.root / f"{sha}.{user_id}.part"

    def is_complete(self, sha: str) -> bool:
        return self.final(sha).is_file()

    def size(self, sha: str) -> int:
        return self.final(sha).stat().st_size

    def part_size(self, sha: str, user_id: str) -> int:
        """The user's offset: what their upload under way holds (0 when none)."""
        try:
            return self.part(sha, user_id).stat().st_size
        except FileNotFoundError:
            return 0

    def discard_part(self, sha: str, user_id: str) -> None:
        self.part(sha, user_id).unlink(missing_ok=True)

    def truncate_part(self, sha: str, user_id: str, size: int) -> None:
        with open(self.part(sha, user_id), "r+b") as f:
            f.truncate(size)
            f.flush()
            os.fsync(f.fileno())

    def part_matches(self, sha: str, user_id: str) -> bool:
        """Whether the user's part hashes to its name; a part that does not is discarded."""
        digest = hashlib.sha256()
        with open(self.part(sha, user_id), "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != sha:
            self.discard_part(sha, user_id)
            return False
        return True

    def place(self, sha: str, user_id: str) -> None:
        """The verified part becomes the blob, atomically (replacing a copy with the same bytes, if any)."""
        os.replace(self.part(sha, user_id), self.final(sha))
        _fsync_dir(self.root)

    def set_aside(self, sha: str) -> Path | None:
        """Move the blob out of its name (the first half of removing it); None when there was no file."""
        aside = self.root / f"{sha}.{secrets.token_hex(8)}.trash"
        try:
            os.replace(self.final(sha), aside)
        except FileNotFoundError:
            return None
        return aside

    def put_back(self, aside: Path, sha: str) -> None:
        """Undo set_aside (its removal was not committed), unless an upload has placed the blob again meanwhile."""
        if self.is_complete(sha):
            aside.unlink(missing_ok=True)
            return
        # Swept meanwhile: the row left without its file is an orphan the next prune removes.
        with contextlib.suppress(FileNotFoundError):
            os.replace(aside, self.final(sha))

    def read(self, sha: str, start: int, end: int) -> bytes:
        with open(self.final(sha), "rb") as f:
            f.seek(start)
            return f.read(end - start + 1)
