"""`HEAD/PUT/GET /api/v1/blobs/{sha256}`: the attachment lane (docs/protocol.md, "Blobs").

Uploads are resumable and belong to their uploader: `HEAD` gives the caller's own offset, `PUT` appends one
`Content-Range` chunk to the caller's own part that must start exactly there (else 409 with the offset), and the last
chunk is verified against the SHA-256 in the URL before the caller may use the blob. A complete blob is reported
(and deduplicated) only to a caller who may use it (server.blobs.may_use); anyone else uploads the bytes themselves,
which proves they hold them. Bodies are raw bytes (no JSON, no gzip) and bypass the 1 MB JSON cap; their cap is the
attachment size limit. A user's bytes not yet attached are bounded by a quota. Downloads honour a single `Range`.
"""

from __future__ import annotations

import asyncio
import os
import re
from dataclasses import dataclass

from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from desktop.domain.text import bad_char
from server import auth
from server.blobs import (
    ALLOWED_MIME,
    SHA_RE,
    base_mime,
    filename_allowed,
    max_attachment,
    may_use,
    mime_allowed,
    unattached_bytes,
    unattached_quota,
)
from server.db import read_snapshot
from server.errors import HubError
from server.hub import Hub
from server.models import Blob, BlobOwner, User, utcnow
from server.schemas import LINE_PATTERN

CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")
RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
LOCK_WAIT = 10.0
QUOTA_RETRY_AFTER = "60"  # the quota frees as the desk's waiting attachment ops land, usually within a sync


def _error(description: str) -> dict[str, object]:
    return {"description": description, "content": {"application/json": {"schema": ERROR_SCHEMA}}}


ERROR_SCHEMA = {"$ref": "#/components/schemas/ErrorOut"}
STATE_SCHEMA = {
    "type": "object", "required": ["sha256", "offset", "complete", "size"],
    "properties": {"sha256": {"type": "string"}, "offset": {"type": "integer", "minimum": 0},
                   "complete": {"type": "boolean"}, "size": {"type": ["integer", "null"]},
                   "code": {"type": "string"}, "detail": {"type": "string"}},
}
STATE_HEADERS = {name: {"schema": {"type": "string"}} for name in ("X-Blob-Offset", "X-Blob-Complete")}
# The published shape of the lane (server/openapi.py adds the errors every API route shares).
HEAD_API = {"responses": {"200": {"description": "The caller's own upload (or the whole blob when they may use "
                                                 "it); a blob they may not use reads as unknown.",
                                  "headers": STATE_HEADERS}}}
PUT_API = {
    "parameters": [
        {"name": "Content-Range", "in": "header", "required": True,
         "schema": {"type": "string", "pattern": r"^bytes \d{1,10}-\d{1,10}/\d{1,10}$"}},
        {"name": "X-Blob-Type", "in": "header", "required": True,
         "schema": {"type": "string", "enum": sorted(ALLOWED_MIME)}},
        {"name": "X-Blob-Name", "in": "header", "required": False, "schema": {"type": "string", "maxLength": 255,
                                                                                    "pattern": LINE_PATTERN}},
    ],
    "requestBody": {"required": True, "content": {"application/octet-stream": {
        "schema": {"type": "string", "format": "binary"}}}},
    "responses": {
        "200": {"description": "Chunk stored (or the caller may use the blob already).",
                "headers": STATE_HEADERS, "content": {"application/json": {"schema": STATE_SCHEMA}}},
        "201": {"description": "Last chunk stored and verified.", "headers": STATE_HEADERS,
                "content": {"application/json": {"schema": STATE_SCHEMA}}},
        "409": {"description": "The upload continues at another offset, or another is under way.",
                "content": {"application/json": {"schema": STATE_SCHEMA}}},
        "413": {"description": "Over the attachment limit, or over the caller's quota of unattached bytes.",
                "content": {"application/json": {"schema": {"anyOf": [STATE_SCHEMA, ERROR_SCHEMA]}}}},
        "415": _error("A file type that cannot be attached."),
        "422": {"description": "Not a SHA-256 name, or the bytes do not hash to it.",
                "content": {"application/json": {"schema": {"anyOf": [STATE_SCHEMA, ERROR_SCHEMA]}}}},
    },
}
GET_API = {
    "parameters": [{"name": "Range", "in": "header", "required": False,
                    "schema": {"type": "string", "pattern": r"^bytes=\d{0,10}-\d{0,10}$"}}],
    "responses": {
        "200": {"description": "The blob.", "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}},
        "206": {"description": "The requested range.",
                "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}},
        "404": _error("No such blob, or none the caller may read."),
        "416": _error("The range is malformed or outside the blob."),
    },
}


def _sha(sha256: str) -> str:
    sha = sha256.lower()
    if not SHA_RE.match(sha):
        raise HubError(422, "invalid_hash", "The blob name must be a SHA-256 in 64 hex digits.")
    return sha


@dataclass(frozen=True)
class _View:
    """What one caller is told of a blob: their own upload under way, or the whole blob when they may use it."""

    offset: int
    complete: bool
    size: int | None  # the declared total (or the blob's size); None when the caller has no upload of it


NOTHING = _View(0, False, None)  # a hash nobody uploaded and a blob the caller may not use read the same


def _headers(view: _View) -> dict[str, str]:
    headers = {"X-Blob-Offset": str(view.offset), "X-Blob-Complete": "1" if view.complete else "0",
               "Cache-Control": "no-store"}
    if view.size is not None:
        headers["X-Blob-Size"] = str(view.size)
    return headers


def _answer(sha: str, view: _View, status: int, code: str | None = None, detail: str | None = None,
            headers: dict[str, str] | None = None) -> JSONResponse:
    body: dict[str, object] = {"sha256": sha, "offset": view.offset, "complete": view.complete, "size": view.size}
    if code is not None:
        body.update(code=code, detail=detail or code)
    return JSONResponse(body, status_code=status, headers={**_headers(view), **(headers or {})})


class _Locks:
    """One upload at a time per blob and uploader (the hub is one process); a waiter gives up after LOCK_WAIT s."""

    def __init__(self) -> None:
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}

    async def acquire(self, key: tuple[str, str]) -> asyncio.Lock | None:
        lock = self._locks.setdefault(key, asyncio.Lock())
        try:
            await asyncio.wait_for(lock.acquire(), LOCK_WAIT)
        except TimeoutError:
            return None
        return lock

    def release(self, key: tuple[str, str], lock: asyncio.Lock) -> None:
        lock.release()
        if not lock.locked() and self._locks.get(key) is lock:
            del self._locks[key]


def install(app: FastAPI, hub: Hub) -> None:
    locks = _Locks()
    store = hub.blobs

    def view_of(actor: auth.Actor, sha: str) -> _View:
        with read_snapshot(hub.engine) as session:
            blob = session.get(Blob, sha)
            if (blob is not None and blob.complete and store.is_complete(sha)
                    and may_use(session, sha, actor.user_id, actor.scope)):
                return _View(blob.size, True, blob.size)
            own = session.get(BlobOwner, (sha, actor.user_id))
            if own is None or own.completed_at is not None:
                return NOTHING  # (a completed upload whose file is gone: to be sent again)
            return _View(store.part_size(sha, actor.user_id), False, own.size)

    @app.head("/api/v1/blobs/{sha256}", openapi_extra=HEAD_API)
    async def blob_head(sha256: str, authorization: str | None = Header(None)) -> Response:
        actor = await run_in_threadpool(hub.actor, authorization)
        sha = _sha(sha256)
        # The caller's upload still under way (often one whose client was just cut off and is asking where to
        # resume) first finishes writing what arrived: the offset then counts those bytes, so nothing is resent.
        key = (sha, actor.user_id)
        lock = await locks.acquire(key)
        if lock is not None:
            locks.release(key, lock)
        view = await run_in_threadpool(view_of, actor, sha)
        return Response(status_code=200, headers=_headers(view))

    @app.put("/api/v1/blobs/{sha256}", status_code=200, openapi_extra=PUT_API)
    async def blob_put(sha256: str, request: Request, authorization: str | None = Header(None)) -> Response:
        actor = await run_in_threadpool(hub.actor, authorization)
        sha = _sha(sha256)
        encoding = request.headers.get("content-encoding", "identity").strip().lower()
        if encoding not in ("identity", ""):
            raise HubError(415, "unsupported_encoding", "Blob chunks travel as raw bytes, without Content-Encoding.")
        name = request.headers.get("x-blob-name")
        if name is not None and (len(name) > 255 or bad_char(name, line=True) is not None):
            raise HubError(422, "invalid_request", "X-Blob-Name must be a file name of at most 255 characters.")
        match = CONTENT_RANGE.match(request.headers.get("content-range", "").strip())
        if match is None:
            raise HubError(400, "bad_range", "PUT needs Content-Range: bytes START-END/TOTAL.")
        start, end, total = (int(g) for g in match.groups())
        if total > max_attachment():
            raise HubError(413, "too_large", f"Attachments are limited to {max_attachment()} bytes.")
        if not (start <= end < total):
            raise HubError(400, "bad_range", "Content-Range must satisfy START <= END < TOTAL.")
        mime = request.headers.get("x-blob-type")
        if not mime_allowed(mime) or (name is not None and not filename_allowed(name)):
            raise HubError(415, "bad_type", "This file type cannot be attached (images, PDF, office files, "
                                            "audio/video, zip).")
        expected = end - start + 1
        declared = request.headers.get("content-length")
        if declared is not None and int(declared or 0) != expected:
            raise HubError(400, "bad_range", "Content-Length differs from the Content-Range span.")
        # The lock first, before any other wait: a HEAD of the same uploader (a desk cut off mid-chunk asking where
        # to resume) must find this chunk's bytes written, not slip in before them and be told an older offset.
        key = (sha, actor.user_id)
        lock = await locks.acquire(key)
        if lock is None:
            view = await run_in_threadpool(view_of, actor, sha)
            return _answer(sha, view, 409, "upload_busy", "Another upload of this blob from your account is under "
                                                          "way.", {"Retry-After": "5"})
        try:
            return await _put_chunk(request, actor, sha, start, expected, total, base_mime(mime))
        finally:
            locks.release(key, lock)

    async def _put_chunk(request: Request, actor: auth.Actor, sha: str, start: int, expected: int, total: int,
                         mime: str) -> Response:
        user_id = actor.user_id
        view = await run_in_threadpool(view_of, actor, sha)
        if view.complete:
            return _answer(sha, view, 200)  # deduplicated: the caller may use it already, nothing to send
        if view.size != total:
            # A new upload, or one that declared another total: the caller's part cannot belong to this one. It
            # starts with its first byte; nothing is written or discarded for a chunk from anywhere else.
            if start != 0:
                return _answer(sha, _View(0, False, None), 409, "offset_mismatch",
                               f"This upload continues at byte 0, not {start}.")
            used = await run_in_threadpool(_start, sha, user_id, total, mime)
            if used is not None:
                return _answer(sha, NOTHING, 413, "quota_exceeded",
                               f"Files you uploaded but have not attached yet take {used} bytes; this one "
                               f"({total} bytes) would pass your limit of {unattached_quota()}. Send the attachments "
                               "waiting first, then try again.", {"Retry-After": QUOTA_RETRY_AFTER})
            view = _View(0, False, total)
        if start != view.offset:
            return _answer(sha, view, 409, "offset_mismatch", f"This upload continues at byte {view.offset}, "
                                                              f"not {start}.")
        written = 0
        too_long = False
        with open(store.part(sha, user_id), "ab") as f:
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
            await run_in_threadpool(store.truncate_part, sha, user_id, start)
            return _answer(sha, view, 400, "bad_range", "The chunk is longer than its Content-Range.")
        if start + written < total:
            return _answer(sha, _View(start + written, False, total), 200)
        if not await run_in_threadpool(store.part_matches, sha, user_id):
            await run_in_threadpool(_forget, sha, user_id)
            return _answer(sha, NOTHING, 422, "hash_mismatch",
                           "The bytes do not hash to the blob's name; the upload was discarded.")
        await run_in_threadpool(_complete, sha, user_id, total, mime)
        return _answer(sha, _View(total, True, total), 201)

    def _start(sha: str, user_id: str, total: int, mime: str) -> int | None:
        """Begin (or begin again) the user's upload; None when started, else the bytes that leave no room."""
        with hub.sessions() as session, session.begin():
            # The user's row serialises their starts: two parallel uploads cannot both squeeze into the quota.
            session.execute(select(User.id).where(User.id == user_id).with_for_update())
            used = unattached_bytes(session, user_id, except_sha=sha)
            if used + total > unattached_quota():
                return used
            store.discard_part(sha, user_id)
            own = session.get(BlobOwner, (sha, user_id))
            if own is None:
                session.add(BlobOwner(sha256=sha, user_id=user_id, size=total, mime=mime, created_at=utcnow()))
            else:
                own.size, own.mime, own.created_at, own.completed_at = total, mime, utcnow(), None
        return None

    def _forget(sha: str, user_id: str) -> None:
        with hub.sessions() as session, session.begin():
            own = session.get(BlobOwner, (sha, user_id))
            if own is not None and own.completed_at is None:
                session.delete(own)

    def _complete(sha: str, user_id: str, total: int, mime: str) -> None:
        """The user's verified part becomes theirs to use: placed as the blob, or dropped when the hub holds those
        bytes already (one copy). Under the blob's row lock, the one `lapor-hub prune` takes before it removes a
        blob, so a blob is never removed from under an upload that has just proved it."""
        for attempt in (0, 1):
            try:
                with hub.sessions() as session, session.begin():
                    now = utcnow()
                    blob = session.scalars(select(Blob).where(Blob.sha256 == sha).with_for_update()).first()
                    if blob is not None and store.is_complete(sha):
                        store.discard_part(sha, user_id)
                    else:
                        store.place(sha, user_id)
                        if blob is None:
                            session.add(Blob(sha256=sha, size=total, mime=mime, complete=True, uploaded_by=user_id,
                                             created_at=now, completed_at=now))
                        else:
                            blob.complete, blob.completed_at = True, now
                    own = session.get(BlobOwner, (sha, user_id))
                    if own is None:
                        session.add(BlobOwner(sha256=sha, user_id=user_id, size=total, mime=mime, created_at=now,
                                              completed_at=now))
                    else:
                        own.completed_at = now
                return
            except IntegrityError:
                if attempt:
                    raise
                # Another user's upload of the same bytes inserted the blob first: join it (the file is the same).

    def _may_read(authorization: str | None, sha: str) -> str | None:
        """The blob's type when the caller may read it (server.blobs.may_use), else None."""
        with read_snapshot(hub.engine) as session:
            actor = auth.authenticate(session, authorization)
            row = session.get(Blob, sha)
            if row is None or not row.complete or not may_use(session, sha, actor.user_id, actor.scope):
                return None
            return row.mime

    @app.get("/api/v1/blobs/{sha256}", openapi_extra=GET_API)
    async def blob_get(request: Request, sha256: str, authorization: str | None = Header(None)) -> Response:
        wanted = request.headers.get("range")  # published in GET_API
        sha = _sha(sha256)
        mime = await run_in_threadpool(_may_read, authorization, sha)
        if mime is None or not store.is_complete(sha):
            raise HubError(404, "not_found", "No such blob, or no attachment you can see refers to it.")
        size = store.size(sha)
        headers = {"Accept-Ranges": "bytes", "ETag": f'"{sha}"', "Cache-Control": "no-store",
                   "X-Content-Type-Options": "nosniff"}
        start, end, status = 0, size - 1, 200
        if wanted is not None:
            m = RANGE.match(wanted.strip())
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
