"""`HEAD/PUT/GET /api/v1/blobs/{sha256}`: the attachment lane (docs/protocol.md, "Blobs").

Uploads are resumable: `HEAD` gives the hub's offset, `PUT` appends one `Content-Range` chunk that must start exactly
there (else 409 with the offset), and the last chunk is verified against the SHA-256 in the URL before the blob
becomes visible. Bodies are raw bytes (no JSON, no gzip) and bypass the 1 MB JSON cap; their cap is the attachment
size limit. Downloads honour a single `Range`.
"""

from __future__ import annotations

import asyncio
import os
import re
from typing import TYPE_CHECKING

from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import or_, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from server import auth
from server.blobs import SHA_RE, BlobStore, filename_allowed, max_attachment, mime_allowed
from server.db import read_snapshot
from server.errors import HubError
from server.models import Attachment, Blob, utcnow

if TYPE_CHECKING:
    from server.app import Hub

CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
LOCK_WAIT = 10.0


def _sha(sha256: str) -> str:
    sha = sha256.lower()
    if not SHA_RE.match(sha):
        raise HubError(422, "invalid_hash", "The blob name must be a SHA-256 in 64 hex digits.")
    return sha


def _state_headers(store: BlobStore, sha: str, size: int | None = None) -> dict[str, str]:
    complete = store.is_complete(sha)
    headers = {"X-Blob-Offset": str(store.offset(sha)), "X-Blob-Complete": "1" if complete else "0",
               "Cache-Control": "no-store"}
    if size is not None:
        headers["X-Blob-Size"] = str(size)
    return headers


def _state(store: BlobStore, sha: str, status: int, size: int | None = None, code: str | None = None,
           detail: str | None = None) -> JSONResponse:
    headers = _state_headers(store, sha, size)
    body: dict[str, object] = {"sha256": sha, "offset": int(headers["X-Blob-Offset"]),
                               "complete": headers["X-Blob-Complete"] == "1", "size": size}
    if code is not None:
        body.update(code=code, detail=detail or code)
    return JSONResponse(body, status_code=status, headers=headers)


class _Locks:
    """One upload at a time per blob (the hub is one process); a waiter gives up after LOCK_WAIT seconds."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}

    async def acquire(self, sha: str) -> asyncio.Lock | None:
        lock = self._locks.setdefault(sha, asyncio.Lock())
        try:
            await asyncio.wait_for(lock.acquire(), LOCK_WAIT)
        except TimeoutError:
            return None
        return lock

    def release(self, sha: str, lock: asyncio.Lock) -> None:
        lock.release()
        if not lock.locked() and self._locks.get(sha) is lock:
            del self._locks[sha]


def install(app: FastAPI, hub: Hub) -> None:
    locks = _Locks()

    def blob_row(sha: str) -> Blob | None:
        with hub.sessions() as session:
            return session.get(Blob, sha)

    @app.head("/api/v1/blobs/{sha256}")
    async def blob_head(sha256: str, authorization: str | None = Header(None)) -> Response:
        await run_in_threadpool(hub.actor, authorization)
        sha = _sha(sha256)
        # An upload of this blob still under way (often one whose client was just cut off and is asking where to
        # resume) first finishes writing what arrived: the offset then counts those bytes, so nothing is resent.
        lock = await locks.acquire(sha)
        if lock is not None:
            locks.release(sha, lock)
        row = await run_in_threadpool(blob_row, sha)
        return Response(status_code=200, headers=_state_headers(hub.blobs, sha, row.size if row else None))

    @app.put("/api/v1/blobs/{sha256}", status_code=200)
    async def blob_put(sha256: str, request: Request, authorization: str | None = Header(None)) -> Response:
        actor = await run_in_threadpool(hub.actor, authorization)
        sha = _sha(sha256)
        store = hub.blobs
        encoding = request.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("identity", ""):
            raise HubError(415, "unsupported_encoding", "Blob chunks travel as raw bytes, without Content-Encoding.")
        match = CONTENT_RANGE.match(request.headers.get("content-range", "").strip())
        if match is None:
            raise HubError(400, "bad_range", "PUT needs Content-Range: bytes START-END/TOTAL.")
        start, end, total = (int(g) for g in match.groups())
        if total > max_attachment():
            raise HubError(413, "too_large", f"Attachments are limited to {max_attachment()} bytes.")
        if not (start <= end < total):
            raise HubError(400, "bad_range", "Content-Range must satisfy START <= END < TOTAL.")
        mime = request.headers.get("x-blob-type")
        name = request.headers.get("x-blob-name")
        if not mime_allowed(mime) or (name is not None and not filename_allowed(name)):
            raise HubError(415, "bad_type", "This file type cannot be attached (images, PDF, office files, "
                                            "audio/video, zip).")
        expected = end - start + 1
        declared = request.headers.get("content-length")
        if declared is not None and int(declared or 0) != expected:
            raise HubError(400, "bad_range", "Content-Length differs from the Content-Range span.")
        if store.is_complete(sha):
            return _state(store, sha, 200, total)  # deduplicated: the hub holds it already
        lock = await locks.acquire(sha)
        if lock is None:
            resp = _state(store, sha, 409, total, "upload_busy", "Another upload of this blob is under way.")
            resp.headers["Retry-After"] = "5"
            return resp
        try:
            return await _put_chunk(request, actor, sha, start, expected, total, str(mime))
        finally:
            locks.release(sha, lock)

    async def _put_chunk(request: Request, actor: auth.Actor, sha: str, start: int, expected: int, total: int,
                         mime: str) -> Response:
        store = hub.blobs
        if store.is_complete(sha):
            return _state(store, sha, 200, total)
        row = await run_in_threadpool(blob_row, sha)
        if row is None or row.size != total:
            # A new upload, or one that declared another total: the part cannot belong to this one.
            store.discard_part(sha)
            await run_in_threadpool(_record, sha, total, mime, actor.user_id)
        offset = store.offset(sha)
        if start != offset:
            return _state(store, sha, 409, total, "offset_mismatch",
                          f"This upload continues at byte {offset}, not {start}.")
        written = 0
        too_long = False
        path = store.part(sha)
        with open(path, "ab") as f:
            try:
                async for data in request.stream():
                    if written + len(data) > expected:
                        too_long = True
                        break
                    f.write(data)
                    written += len(data)
            except ClientDisconnect:
                pass  # what arrived stays: the desk resumes from the offset a HEAD reports
            f.flush()
            await run_in_threadpool(os.fsync, f.fileno())
        if too_long:
            await run_in_threadpool(store.truncate_part, sha, start)
            return _state(store, sha, 400, total, "bad_range", "The chunk is longer than its Content-Range.")
        if start + written < total:
            return _state(store, sha, 200, total)
        if not await run_in_threadpool(store.finish, sha):
            await run_in_threadpool(_forget, sha)
            return _state(store, sha, 422, total, "hash_mismatch",
                          "The bytes do not hash to the blob's name; the upload was discarded.")
        await run_in_threadpool(_complete, sha)
        return _state(store, sha, 201, total)

    def _record(sha: str, total: int, mime: str, user_id: str) -> None:
        with hub.sessions() as session, session.begin():
            row = session.get(Blob, sha)
            if row is None:
                session.add(Blob(sha256=sha, size=total, mime=mime, complete=False, uploaded_by=user_id,
                                 created_at=utcnow()))
            else:
                row.size, row.mime, row.uploaded_by, row.complete = total, mime, user_id, False

    def _forget(sha: str) -> None:
        with hub.sessions() as session, session.begin():
            row = session.get(Blob, sha)
            if row is not None and not row.complete:
                session.delete(row)

    def _complete(sha: str) -> None:
        with hub.sessions() as session, session.begin():
            row = session.get(Blob, sha)
            if row is not None:
                row.complete, row.completed_at = True, utcnow()

    def _may_read(authorization: str | None, sha: str) -> str | None:
        """The blob's type when the caller may read it (uploaded it, or sees an attachment of it), else None."""
        with read_snapshot(hub.engine) as session:
            actor = auth.authenticate(session, authorization)
            row = session.get(Blob, sha)
            if row is None or not row.complete:
                return None
            if row.uploaded_by == actor.user_id:
                return row.mime
            q = select(Attachment.id).where(Attachment.sha256 == sha)
            if actor.scope is not None:
                q = q.where(or_(Attachment.scope_unit_id.is_(None), Attachment.scope_unit_id == actor.scope))
            return row.mime if session.execute(q.limit(1)).first() is not None else None

    @app.get("/api/v1/blobs/{sha256}")
    async def blob_get(sha256: str, range: str | None = Header(None),  # noqa: A002  (the HTTP header's name)
                       authorization: str | None = Header(None)) -> Response:
        sha = _sha(sha256)
        mime = await run_in_threadpool(_may_read, authorization, sha)
        store = hub.blobs
        if mime is None or not store.is_complete(sha):
            raise HubError(404, "not_found", "No such blob, or no attachment you can see refers to it.")
        size = store.offset(sha)
        headers = {"Accept-Ranges": "bytes", "ETag": f'"{sha}"', "Cache-Control": "no-store",
                   "X-Content-Type-Options": "nosniff"}
        start, end, status = 0, size - 1, 200
        if range is not None:
            m = RANGE.match(range.strip())
            if m is None or (m.group(1) == "" and m.group(2) == ""):
                raise HubError(416, "bad_range", "Only one byte range is supported: bytes=A-B, A- or -N.")
            if m.group(1) == "":
                start, end = max(0, size - int(m.group(2))), size - 1
            else:
                start = int(m.group(1))
                end = min(int(m.group(2)), size - 1) if m.group(2) else size - 1
            if start >= size or start > end:
                return JSONResponse({"detail": "The range is outside the blob.", "code": "range_not_satisfiable"},
                                    status_code=416, headers={"Content-Range": f"bytes */{size}"})
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
            status = 206
        data = await run_in_threadpool(store.read, sha, start, end) if size else b""
        return Response(data, status_code=status, media_type=mime, headers=headers)
