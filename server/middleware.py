"""Guards every request before routing: protocol version (426), body size (413), gzip'd request bodies; and the
shield that turns an unhandled error into a 500 whose log line names no personal data.

Pure ASGI so an oversized body is refused before any of it reaches a handler: nothing can be written.
"""

from __future__ import annotations

import json
import logging
import uuid
import zlib
from collections.abc import Sequence
from typing import Any

from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

PROTOCOL = "1"
MAX_BODY = 1024 * 1024
UNLIMITED_PREFIXES = ("/api/v1/blobs",)  # the attachment lane streams its own chunks


async def _error(send: Send, status: int, code: str, detail: str) -> None:
    body = json.dumps({"detail": detail, "code": code}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class BodyGuard:
    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        version = headers.get("x-lapor-protocol")
        if version is not None and version.strip() != PROTOCOL:
            await _error(send, 426, "protocol_unsupported",
                         f"This hub speaks sync protocol {PROTOCOL}; the client sent {version!r}. Update the desk.")
            return
        if scope["method"] in ("GET", "HEAD", "DELETE", "OPTIONS") or scope["path"].startswith(UNLIMITED_PREFIXES):
            await self.app(scope, receive, send)
            return
        if int(headers.get("content-length", "0") or 0) > self.max_body:
            await _error(send, 413, "too_large", f"Request body exceeds {self.max_body} bytes.")
            return
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body.extend(message.get("body", b""))
            more = message.get("more_body", False)
            if len(body) > self.max_body:
                await _error(send, 413, "too_large", f"Request body exceeds {self.max_body} bytes.")
                return
        encoding = headers.get("content-encoding", "identity").strip().lower()
        if encoding == "gzip":
            inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
            try:
                # max_length bounds the output: a small gzip bomb cannot blow up memory.
                plain = inflater.decompress(bytes(body), self.max_body + 1)
            except zlib.error:
                await _error(send, 400, "bad_encoding", "The gzip request body is corrupt.")
                return
            if not inflater.eof and len(plain) <= self.max_body:
                # A cut body (no trailer, or only the header): its CRC and length were never checked.
                await _error(send, 400, "bad_encoding", "The gzip request body is truncated.")
                return
            if inflater.unused_data:
                await _error(send, 400, "bad_encoding", "The gzip request body has bytes after its end.")
                return
            if len(plain) > self.max_body or inflater.unconsumed_tail:
                await _error(send, 413, "too_large", f"Decompressed body exceeds {self.max_body} bytes.")
                return
            body = bytearray(plain)
        elif encoding not in ("identity", ""):
            await _error(send, 415, "unsupported_encoding", f"Content-Encoding {encoding!r} is not supported.")
            return
        new_headers: list[Any] = [(k, v) for k, v in scope["headers"]
                                  if k.lower() not in (b"content-encoding", b"content-length")]
        new_headers.append((b"content-length", str(len(body)).encode()))
        scope = {**scope, "headers": new_headers}
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class GZipExceptBlobs:
    """gzip for JSON responses; blob bytes go out as they are, so `Range` and `Content-Range` stay byte-exact."""

    def __init__(self, app: ASGIApp, minimum_size: int = 1000) -> None:
        self.app = app
        # Level 6, not Starlette's 9: a feed page compresses in 5.5 ms instead of 9 for 1.5% more bytes.
        self.gzip = GZipMiddleware(app, minimum_size=minimum_size, compresslevel=6)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(UNLIMITED_PREFIXES):
            await self.app(scope, receive, send)
        else:
            await self.gzip(scope, receive, send)


log = logging.getLogger("lapor_hub")
REQUEST_ID = "X-Request-Id"


class ErrorShield:
    """The outermost middleware of ours: every response carries `X-Request-Id`; an exception nothing else handled
    becomes `500 {code: internal, request_id}` and ONE log line with its type, the request id, the route and the op
    kinds of an ops batch. Never the exception's text or a traceback: a database error's text carries the SQL
    parameters (note texts, usernames, device ids, token hashes). Starlette's own error middleware would log the
    traceback and re-raise it to the server, so nothing may reach it."""

    def __init__(self, app: ASGIApp, routes: Sequence[BaseRoute] = ()) -> None:
        self.app = app
        self.routes = routes  # to name a failed request by its route's template, never by its own path

    def _route(self, scope: Scope) -> str:
        for route in self.routes:
            if route.matches(scope)[0] is not Match.NONE:
                return str(getattr(route, "path", "?"))
        return "?"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex[:16]
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        started = False

        async def send_with_id(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []),
                                                  (REQUEST_ID.lower().encode(), request_id.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:  # noqa: BLE001  (the last line of defence: nothing escapes, nothing leaks)
            kinds = state.get("op_kinds")
            log.error("internal error %s request_id=%s route=%s %s%s", type(exc).__name__, request_id,
                      scope.get("method", ""), self._route(scope), f" op_kinds={','.join(kinds)}" if kinds else "")
            if started:
                return  # the answer was under way: the client sees a cut response and retries
            body = json.dumps({"detail": f"Internal error (request {request_id}).", "code": "internal",
                               "request_id": request_id}).encode()
            await send({"type": "http.response.start", "status": 500,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(body)).encode()),
                                    (REQUEST_ID.lower().encode(), request_id.encode())]})
            await send({"type": "http.response.body", "body": body})
