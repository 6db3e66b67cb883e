"""The attachment lane: files travel in their own lane after the ops (docs/protocol.md, "Blobs").

Upload (:func:`upload_pending`, run by the sync engine after a push): for each blob waiting in the replica,
``HEAD`` for the hub's offset (the hub's offset is the truth), then ``PUT`` chunks with ``Content-Range`` from there;
a chunk cut mid-way keeps what arrived on the hub, so after a drop the lane asks ``HEAD`` again and continues. The
last chunk is verified by the hub against the SHA-256 (201); only then is the blob ``done`` and the
``attachment.add`` ops that waited for it (``outbox.blob_sha256``) may go. A file the hub refuses (too large, type)
makes its ops ``rejected`` with that reason, visibly. A file the hub has no room for yet (413 ``quota_exceeded``:
this account's files not yet attached fill its quota) stays pending with its ops queued, the reason shown, and the
lane stops for this run: the engine then pushes the ops of the files that did arrive, which frees the room, and the
next sync sends the rest.

Download (:func:`fetch`, on demand when the user opens an attachment): ``GET`` with ``Range`` in whole store chunks
into the replica's encrypted blob store; an interrupted download continues where the ``.part`` file ends.
Bodies are raw bytes (never gzip). Nothing here imports Qt.
"""

from __future__ import annotations

import threading
from typing import Any

import requests
from sqlalchemy import text

from desktop.store import blobs, outbox
from desktop.store.engine import Replica, now_iso
from desktop.store.outbox import cursor_of
from desktop.sync import crashpoints
from desktop.sync.transport import (
    API,
    AuthError,
    InvalidRequest,
    NetworkError,
    RateLimited,
    ServiceUnavailable,
    Transport,
    TransportError,
)

UPLOAD_CHUNK = 256 * 1024
DOWNLOAD_CHUNK = 4 * blobs.CHUNK  # whole store chunks: nothing fetched is thrown away
DROPS_PER_BLOB = 3  # resumes after a drop within one run before the lane gives up (the engine backs off)
REFUSED = {"too_large", "bad_type", "invalid_hash", "unsupported_encoding"}
QUOTA_EXCEEDED = "quota_exceeded"


class BlobUnavailable(TransportError):
    """The hub has no such blob for this user (404), or it cannot be read."""


class NoRoomOnHub(TransportError):
    """413 ``quota_exceeded``: the hub takes no more of this account's unattached files until some are attached."""


def _request(transport: Transport, method: str, sha: str, *, headers: dict[str, str] | None = None,
             data: bytes | None = None) -> requests.Response:  # fmt: skip
    """One authorised blob call (refreshing the access token once on 401). Errors the lane handles itself
    (4xx answers) are returned; 401 after a refresh, 429 and 5xx raise the transport's typed errors."""
    url = f"{transport.server_url}{API}/blobs/{sha}"
    for attempt in (0, 1):
        if transport._access is None:
            transport.refresh()
        hdrs = {"Authorization": f"Bearer {transport._access}", "Accept-Encoding": "identity", **(headers or {})}
        try:
            resp = transport.session.request(method, url, data=data, headers=hdrs, timeout=transport.timeout)
        except requests.exceptions.Timeout:
            raise NetworkError(f"nothing moved from {transport.server_url} for {transport.stall_timeout:g} s",
                               code="stalled") from None  # fmt: skip
        except (requests.exceptions.RequestException, OSError) as exc:
            raise NetworkError(f"the connection to {transport.server_url} broke: {str(exc)[:200]}",
                               code="cut") from None  # fmt: skip
        header_bytes = sum(len(k) + len(v) + 4 for k, v in resp.headers.items()) + 17
        transport._count(sent=len(data or b"") + len(method) + len(url) + 200,
                         received=header_bytes + len(resp.content or b""))  # fmt: skip
        code = _code(resp)
        if resp.status_code == 401:
            if attempt == 0 and code in ("token_expired", "unauthenticated") and transport.has_refresh_token:
                transport.refresh()
                continue
            raise AuthError("the hub refused the session", status=401, code=code or "unauthenticated")
        retry_after = _float(resp.headers.get("Retry-After"))
        if resp.status_code == 429:
            raise RateLimited("the hub asks to slow down", status=429, code=code or "http_429",
                              retry_after=retry_after)  # fmt: skip
        if resp.status_code >= 500:
            raise ServiceUnavailable(f"the hub answered HTTP {resp.status_code}", status=resp.status_code,
                                     code=code or f"http_{resp.status_code}", retry_after=retry_after)  # fmt: skip
        return resp
    raise AuthError("the hub refused the session", status=401, code="unauthenticated")  # pragma: no cover


def _code(resp: requests.Response) -> str | None:
    if "json" not in resp.headers.get("Content-Type", ""):
        return None
    try:
        body = resp.json()
    except ValueError:
        return None
    return str(body.get("code")) if isinstance(body, dict) and body.get("code") else None


def _float(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def _offset(resp: requests.Response) -> int:
    try:
        return int(resp.headers.get("X-Blob-Offset") or 0)
    except ValueError:
        return 0


# ---------------------------------------------------------------- upload
def pending_blobs(replica: Replica) -> list[dict[str, Any]]:
    with replica.read() as conn:
        return [dict(r) for r in conn.execute(
            text("SELECT * FROM blobs WHERE upload_state = 'pending' ORDER BY created_at, sha256")).mappings()]  # fmt: skip


def _mark(replica: Replica, sha: str, **fields: Any) -> None:
    sets = ", ".join(f"{k} = :{k}" for k in fields)
    with replica.write() as conn:
        conn.execute(text(f"UPDATE blobs SET {sets}, updated_at = :t WHERE sha256 = :s"),
                     {**fields, "t": now_iso(), "s": sha})  # fmt: skip


def _done(replica: Replica, sha: str, total: int) -> None:
    """Complete on the hub; a wait for room shown on its ops is over (one transaction)."""
    now = now_iso()
    with replica.write() as conn:
        conn.execute(text("UPDATE blobs SET upload_state = 'done', upload_offset = :n, error = NULL, updated_at = :t "
                          "WHERE sha256 = :s"), {"n": total, "t": now, "s": sha})  # fmt: skip
        outbox.blob_ready(cursor_of(conn), sha, QUOTA_EXCEEDED)


def _wait_for_room(replica: Replica, sha: str) -> None:
    """The file stays to be uploaded and its ops queued; both say why they wait (one transaction)."""
    now = now_iso()
    with replica.write() as conn:
        conn.execute(text("UPDATE blobs SET error = :e, updated_at = :t WHERE sha256 = :s"),
                     {"e": QUOTA_EXCEEDED, "t": now, "s": sha})  # fmt: skip
        outbox.blob_waits(cursor_of(conn), sha, QUOTA_EXCEEDED)


def _refuse(replica: Replica, sha: str, code: str) -> None:
    """The hub will never take this file: the blob is failed and its waiting ops rejected with the reason (one
    transaction), so the user sees why instead of an op that waits forever."""
    now = now_iso()
    with replica.write() as conn:
        conn.execute(text("UPDATE blobs SET upload_state = 'failed', error = :e, updated_at = :t WHERE sha256 = :s"),
                     {"e": code, "t": now, "s": sha})  # fmt: skip
        outbox.reject_blob_ops(cursor_of(conn), sha, code)


def upload_blob(replica: Replica, transport: Transport, blob: dict[str, Any], *, chunk_size: int = UPLOAD_CHUNK,
                cancel: threading.Event | None = None) -> bool:  # fmt: skip
    """Upload one blob, resuming from the hub's offset. True when it is complete (verified) on the hub. Raises
    NoRoomOnHub when the hub's quota holds it back (the blob stays pending)."""
    sha = str(blob["sha256"])
    data = blobs.read(replica, sha)  # decrypted and checked against its name
    total = len(data)
    mime = str(blob.get("mime") or "application/octet-stream")
    extra = {"X-Blob-Name": str(blob["filename"])} if blob.get("filename") else {}
    drops = 0
    hash_retries = 0
    offset: int | None = None
    while True:
        if cancel is not None and cancel.is_set():
            return False
        try:
            if offset is None:
                head = _request(transport, "HEAD", sha)
                if head.headers.get("X-Blob-Complete") == "1":
                    _done(replica, sha, total)
                    return True
                offset = _offset(head)
                if offset > total:
                    offset = 0
                _mark(replica, sha, upload_offset=offset, attempts=int(blob.get("attempts") or 0) + 1)
            end = min(total, offset + chunk_size) - 1
            resp = _request(transport, "PUT", sha, data=data[offset : end + 1], headers={
                "Content-Range": f"bytes {offset}-{end}/{total}", "Content-Type": "application/octet-stream",
                "X-Blob-Type": mime, **extra})  # fmt: skip
        except NetworkError:
            drops += 1
            if drops > DROPS_PER_BLOB:
                raise
            offset = None  # the hub kept what arrived: ask where to continue
            continue
        code = _code(resp)
        if resp.status_code == 201 or (resp.status_code == 200 and resp.headers.get("X-Blob-Complete") == "1"):
            crashpoints.hit("upload.completed")
            _done(replica, sha, total)
            return True
        if resp.status_code == 200:
            crashpoints.hit("upload.chunk_stored")
            offset = _offset(resp)
            _mark(replica, sha, upload_offset=offset)
            continue
        if resp.status_code == 409:
            if code == "upload_busy":
                return False  # someone else is sending it: the next run looks again
            offset = _offset(resp)
            continue
        if resp.status_code == 422 and code == "hash_mismatch" and hash_retries == 0:
            hash_retries += 1  # bytes damaged on the way: the hub discarded the part; once more from 0
            offset = None
            continue
        if resp.status_code == 413 and code == QUOTA_EXCEEDED:
            _wait_for_room(replica, sha)
            raise NoRoomOnHub("the hub holds as many of this account's unattached files as it allows", status=413,
                              code=QUOTA_EXCEEDED, retry_after=_float(resp.headers.get("Retry-After")))  # fmt: skip
        if code in REFUSED or resp.status_code in (413, 415) or resp.status_code == 422:
            _refuse(replica, sha, code or f"http_{resp.status_code}")
            return False
        raise InvalidRequest(f"the hub answered HTTP {resp.status_code} to a file upload", status=resp.status_code,
                             code=code or f"http_{resp.status_code}")  # fmt: skip


def upload_pending(replica: Replica, transport: Transport, *, cancel: threading.Event | None = None,
                   chunk_size: int = UPLOAD_CHUNK) -> int:  # fmt: skip
    """Upload every blob waiting; returns how many became complete on the hub. A blob missing from the local store
    (deleted by hand) fails its ops visibly instead of blocking the lane. When the hub has no room for a file, the
    lane stops here: the ones after it would find none either until the engine has pushed the ops of those done."""
    done = 0
    for blob in pending_blobs(replica):
        if cancel is not None and cancel.is_set():
            break
        try:
            if upload_blob(replica, transport, blob, chunk_size=chunk_size, cancel=cancel):
                done += 1
        except NoRoomOnHub:
            break
        except blobs.BlobMissing:
            _refuse(replica, str(blob["sha256"]), "file_missing")
        except blobs.BlobCorrupt:
            _refuse(replica, str(blob["sha256"]), "file_corrupt")
    return done


# ---------------------------------------------------------------- download
def fetch(replica: Replica, transport: Transport, sha: str, *, chunk_size: int = DOWNLOAD_CHUNK) -> bytes:
    """The attachment's bytes: from the local store, else downloaded with ``Range`` (resuming a ``.part`` left by
    an earlier attempt) into the encrypted store, verified against the hash. Raises BlobUnavailable (404),
    NetworkError (the next call resumes)."""
    sha = sha.lower()
    if blobs.has_blob(replica, sha):
        return blobs.read(replica, sha)
    step = max(blobs.CHUNK, chunk_size - chunk_size % blobs.CHUNK)
    total: int | None = None
    offset = blobs.part_offset(replica, sha)
    while total is None or offset < total:
        resp = _request(transport, "GET", sha, headers={"Range": f"bytes={offset}-{offset + step - 1}"})
        if resp.status_code == 404:
            raise BlobUnavailable("the hub has no such file for you", status=404, code="not_found")
        if resp.status_code == 416:  # the part is longer than the file: start again
            blobs.discard_part(replica, sha)
            offset = 0
            continue
        if resp.status_code == 200:  # the whole file (a hub or proxy that ignores Range)
            body = resp.content
            blobs.discard_part(replica, sha)
            total = len(body)
            offset = blobs.append_part(replica, sha, 0, body, total)
            break
        if resp.status_code != 206:
            raise InvalidRequest(f"the hub answered HTTP {resp.status_code} to a file download",
                                 status=resp.status_code, code=_code(resp) or f"http_{resp.status_code}")  # fmt: skip
        total = int(resp.headers.get("Content-Range", "*/0").rsplit("/", 1)[1])
        offset = blobs.append_part(replica, sha, offset, resp.content, total)
    now = now_iso()
    with replica.write() as conn:
        conn.execute(
            text("INSERT INTO blobs (sha256, size, local_size, upload_state, upload_offset, attempts, created_at, "
                 "updated_at) VALUES (:s, :n, :n, 'done', :n, 0, :t, :t) ON CONFLICT(sha256) DO UPDATE SET "
                 "local_size = excluded.local_size, updated_at = excluded.updated_at"),
            {"s": sha, "n": total or 0, "t": now},
        )  # fmt: skip
    return blobs.read(replica, sha)
