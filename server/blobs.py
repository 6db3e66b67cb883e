"""Attachment bytes on disk, content-addressed by SHA-256, and the rules of what may be stored.

Layout: `<root>/<sha>` for a complete, verified blob; `<root>/<sha>.part` while an upload is under way (its size is
the server's offset: the truth a resuming desk continues from). A part is appended, fsynced after every chunk and
renamed atomically once its SHA-256 matches the name; a mismatch discards it.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path, PurePosixPath

from sqlalchemy import Engine

DEFAULT_MAX_ATTACHMENT = 2 * 1024 * 1024  # LAPOR!'s 2 MB per file
SHA_RE = re.compile(r"^[0-9a-f]{64}$")

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


def mime_allowed(mime: str | None) -> bool:
    return (mime or "").split(";", 1)[0].strip().lower() in ALLOWED_MIME


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

    def part(self, sha: str) -> Path:
        return self.root / f"{sha}.part"

    def is_complete(self, sha: str) -> bool:
        return self.final(sha).is_file()

    def offset(self, sha: str) -> int:
        """Bytes the hub holds: the whole size when complete, the part's size while uploading, else 0."""
        for path in (self.final(sha), self.part(sha)):
            try:
                return path.stat().st_size
            except FileNotFoundError:
                continue
        return 0

    def discard_part(self, sha: str) -> None:
        self.part(sha).unlink(missing_ok=True)

    def truncate_part(self, sha: str, size: int) -> None:
        with open(self.part(sha), "r+b") as f:
            f.truncate(size)
            f.flush()
            os.fsync(f.fileno())

    def finish(self, sha: str) -> bool:
        """Verify the part's SHA-256; on a match rename it into place atomically (True), else discard it."""
        digest = hashlib.sha256()
        with open(self.part(sha), "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != sha:
            self.discard_part(sha)
            return False
        os.replace(self.part(sha), self.final(sha))
        _fsync_dir(self.root)
        return True

    def read(self, sha: str, start: int, end: int) -> bytes:
        with open(self.final(sha), "rb") as f:
            f.seek(start)
            return f.read(end - start + 1)
