"""Which files the desk lets a user attach, decided before anything is stored: LAPOR!'s types and 2 MB cap, and a
check of the first bytes for the types that have a reliable signature (a renamed .exe is caught here). Pure: the
caller reads the file's size and first HEAD_BYTES bytes."""

from __future__ import annotations

from pathlib import PurePath

MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024  # LAPOR! caps each attachment at 2 MB
ATTACHMENT_TYPES: dict[str, str] = {
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif", ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text", ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".txt": "text/plain",
    ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".wav": "audio/wav", ".ogg": "audio/ogg", ".amr": "audio/amr",
    ".mp4": "video/mp4", ".3gp": "video/3gpp", ".mov": "video/quicktime",
    ".zip": "application/zip",
}  # fmt: skip
# What the first bytes must be for the types that have a reliable signature (a renamed .exe is caught here).
_MAGIC: dict[str, tuple[bytes, ...]] = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "application/pdf": (b"%PDF-",),
    "application/zip": (b"PK\x03\x04", b"PK\x05\x06"),
}
for _ext in (".docx", ".xlsx", ".pptx", ".odt", ".ods"):
    _MAGIC[ATTACHMENT_TYPES[_ext]] = _MAGIC["application/zip"]
HEAD_BYTES = 16


def classify(name: str, size: int, head: bytes) -> tuple[str | None, str]:
    """(problem, mime): problem is None when the file may be attached, else ``type`` (not a kind LAPOR! takes),
    ``empty``, ``too_large`` or ``mismatch`` (the content is not what the name says)."""
    mime = ATTACHMENT_TYPES.get(PurePath(name).suffix.lower(), "")
    if not mime:
        return "type", ""
    if size == 0:
        return "empty", mime
    if size > MAX_ATTACHMENT_BYTES:
        return "too_large", mime
    magic = _MAGIC.get(mime)
    if magic and not any(head.startswith(m) for m in magic):
        return "mismatch", mime
    return None, mime
