"""The replica's attachment files: content-addressed (SHA-256 of the plaintext), encrypted at rest.

Layout: ``<replica stem>-blobs/`` next to the replica file; ``<sha>`` holds a complete file, ``<sha>.part`` a
download under way. A file is ``MAGIC + 8-byte random nonce prefix`` followed by the plaintext in ``CHUNK``-byte
chunks, each sealed with AES-GCM (nonce = prefix + chunk index, associated data = sha + index + "last" flag), so a
chunk cannot be swapped, reordered or cut off unnoticed, and a download can be resumed chunk by chunk.
The key is derived from the replica key (:func:`desktop.store.keys.blob_key`).

Writes are durable before anything refers to them: the file is written, fsynced, renamed into place and the
directory fsynced; only then does the caller commit the transaction that names the hash. Same content → same file
(deduplicated). Nothing here imports Qt or talks to the network.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import struct
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.store.engine import Replica
from desktop.store.keys import blob_key

MAGIC = b"LDBLOB1\n"
PREFIX = 8
HEADER = len(MAGIC) + PREFIX
CHUNK = 64 * 1024
TAG = 16
SHA_RE = re.compile(r"^[0-9a-f]{64}$")


class BlobError(Exception):
    pass


class BlobMissing(BlobError, FileNotFoundError):
    """The file is not (yet) in this replica's store: download it from the hub first."""


class BlobCorrupt(BlobError):
    """The file does not decrypt, or its content does not hash to its name."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check(sha: str) -> str:
    sha = sha.lower()
    if not SHA_RE.match(sha):
        raise ValueError(f"not a SHA-256: {sha!r}")
    return sha


def blob_dir(replica: Replica) -> Path:
    return replica.path.with_name(f"{replica.path.stem}-blobs")


def _key(replica: Replica) -> bytes:
    cached: bytes | None = getattr(replica, "_lapor_blob_key", None)
    if cached is None:
        password = replica.engine.url.password or ""
        key_hex = password[2:-1] if password.startswith("x'") and password.endswith("'") else password
        cached = blob_key(key_hex)
        replica._lapor_blob_key = cached  # type: ignore[attr-defined]
    return cached


def _fsync_dir(path: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows; NTFS journals the rename
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _aad(sha: str, index: int, last: bool) -> bytes:
    return sha.encode("ascii") + struct.pack(">I?", index, last)


def _seal(aes: AESGCM, prefix: bytes, sha: str, index: int, chunk: bytes, last: bool) -> bytes:
    return aes.encrypt(prefix + struct.pack(">I", index), chunk, _aad(sha, index, last))


def path_of(replica: Replica, sha: str) -> Path:
    return blob_dir(replica) / _check(sha)


def has_blob(replica: Replica, sha: str) -> bool:
    return path_of(replica, sha).is_file()


def put_bytes(replica: Replica, data: bytes) -> str:
    """Store ``data`` (encrypted, fsynced, renamed into place, directory fsynced); returns its SHA-256.
    Already stored → nothing written (deduplicated)."""
    if not data:
        raise ValueError("an empty file cannot be stored")
    sha = sha256_hex(data)
    final = path_of(replica, sha)
    if final.is_file():
        return sha
    folder = final.parent
    folder.mkdir(parents=True, exist_ok=True)
    aes = AESGCM(_key(replica))
    prefix = secrets.token_bytes(PREFIX)
    tmp = folder / f"{sha}.{secrets.token_hex(4)}.tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(MAGIC + prefix)
            count = (len(data) + CHUNK - 1) // CHUNK
            for index in range(count):
                chunk = data[index * CHUNK : (index + 1) * CHUNK]
                f.write(_seal(aes, prefix, sha, index, chunk, index == count - 1))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()
    _fsync_dir(folder)
    return sha


def put_file(replica: Replica, path: str | os.PathLike[str]) -> tuple[str, int]:
    """Store a file the user picked; returns (sha256, size)."""
    data = Path(path).read_bytes()
    return put_bytes(replica, data), len(data)


def _decrypt(replica: Replica, sha: str, raw: bytes, *, complete: bool) -> bytes:
    if not raw.startswith(MAGIC) or len(raw) < HEADER:
        raise BlobCorrupt(f"{sha}: not a blob file")
    prefix = raw[len(MAGIC) : HEADER]
    body = raw[HEADER:]
    aes = AESGCM(_key(replica))
    out: list[bytes] = []
    step = CHUNK + TAG
    count = (len(body) + step - 1) // step
    for index in range(count):
        sealed = body[index * step : (index + 1) * step]
        last = complete and index == count - 1
        try:
            out.append(aes.decrypt(prefix + struct.pack(">I", index), sealed, _aad(sha, index, last)))
        except InvalidTag:
            raise BlobCorrupt(f"{sha}: chunk {index} does not decrypt") from None
    return b"".join(out)


def read(replica: Replica, sha: str) -> bytes:
    """The plaintext of a stored file, checked against its name. Raises BlobMissing, BlobCorrupt."""
    path = path_of(replica, sha)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise BlobMissing(sha) from None
    data = _decrypt(replica, sha.lower(), raw, complete=True)
    if sha256_hex(data) != sha.lower():
        raise BlobCorrupt(f"{sha}: the content does not hash to its name")
    return data


# ---------------------------------------------------------------- resumable downloads
def _part(replica: Replica, sha: str) -> Path:
    return blob_dir(replica) / f"{_check(sha)}.part"


def part_offset(replica: Replica, sha: str) -> int:
    """Plaintext bytes of a download already held (whole chunks only: a torn last write is cut off)."""
    part = _part(replica, sha)
    try:
        size = part.stat().st_size
    except FileNotFoundError:
        return 0
    if size < HEADER:
        part.unlink()
        return 0
    whole = (size - HEADER) // (CHUNK + TAG)
    if HEADER + whole * (CHUNK + TAG) != size:
        with open(part, "r+b") as f:
            f.truncate(HEADER + whole * (CHUNK + TAG))
            f.flush()
            os.fsync(f.fileno())
    return whole * CHUNK


def append_part(replica: Replica, sha: str, offset: int, data: bytes, total: int) -> int:
    """Append downloaded plaintext at ``offset`` (= :func:`part_offset`); whole chunks are sealed and fsynced, the
    last chunk once ``total`` is reached (the file is then verified and renamed into place). Returns the new
    offset; bytes beyond the last whole chunk are not kept (the next request asks for them again)."""
    sha = _check(sha)
    if offset != part_offset(replica, sha):
        raise BlobError(f"{sha}: download continues at {part_offset(replica, sha)}, not {offset}")
    folder = blob_dir(replica)
    folder.mkdir(parents=True, exist_ok=True)
    part = _part(replica, sha)
    aes = AESGCM(_key(replica))
    if not part.exists():
        with open(part, "wb") as f:
            f.write(MAGIC + secrets.token_bytes(PREFIX))
            f.flush()
            os.fsync(f.fileno())
    with open(part, "r+b") as f:
        prefix = f.read(HEADER)[len(MAGIC) :]
        f.seek(0, os.SEEK_END)
        pos = 0
        at = offset
        while pos < len(data):
            chunk = data[pos : pos + CHUNK]
            last = at + len(chunk) >= total
            if len(chunk) < CHUNK and not last:
                break
            f.write(_seal(aes, prefix, sha, at // CHUNK, chunk, last))
            pos += len(chunk)
            at += len(chunk)
        f.flush()
        os.fsync(f.fileno())
    if at >= total:
        data_all = _decrypt(replica, sha, part.read_bytes(), complete=True)
        if sha256_hex(data_all) != sha or len(data_all) != total:
            part.unlink()
            raise BlobCorrupt(f"{sha}: the downloaded bytes do not hash to the name")
        os.replace(part, folder / sha)
        _fsync_dir(folder)
    return at


def discard_part(replica: Replica, sha: str) -> None:
    part = _part(replica, sha)
    if part.exists():
        part.unlink()
