"""FastAPI factory for LAPOR! Hub."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from fastapi import FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Route

from server import auth, blob_routes, openapi
from server.db import make_engine, read_snapshot
from server.errors import HubError
from server.feed import DEFAULT_LIMIT, MAX_LIMIT, CursorExpired, floor_of, note_rebuild, read_changes
from server.hub import Hub
from server.middleware import PROTOCOL, BodyGuard, ErrorShield, GZipExceptBlobs
from server.ops import OpIn, process_batch
from server.schemas import (
    MAX_INT,
    ChangesOut,
    ErrorOut,
    OpsOut,
    OpsRequest,
    RefreshRequest,
    TokenOut,
    TokenRequest,
)

ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (401, 410, 413, 422, 426)}
SIGN_IN_ERRORS: dict[int | str, dict[str, Any]] = {**ERRORS, **{code: {"model": ErrorOut} for code in (429, 503)}}


class FeedResponse(JSONResponse):
    """A page of the change feed, encoded with orjson (the standard encoder was a seventh of a page's cost)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def create_app(db_url: str | None = None, *, engine: Engine | None = None, blobs_dir: Path | None = None) -> FastAPI:
    hub = Hub(engine or make_engine(db_url), blobs_dir)
    app = FastAPI(title="LAPOR! Hub", version="1", description="Reference sync server for LAPOR! Desk")
    app.state.hub = hub
    app.add_middleware(BodyGuard)
    app.add_middleware(GZipExceptBlobs, minimum_size=1000)
    # Added last, so outermost of ours: it also catches what the guards above raise.
    app.add_middleware(ErrorShield, routes=app.router.routes)
    _install_error_handlers(app)
    openapi.install(app)
    blob_routes.install(app, hub)

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        return {"status": "ok", "protocol": int(PROTOCOL)}

    @app.post("/api/v1/auth/token", response_model=TokenOut, responses=SIGN_IN_ERRORS)
    async def token(body: TokenRequest, request: Request) -> Any:
        # async: a sign-in waiting for its hash holds no API thread (auth.login puts the blocking steps on threads)
        address = request.client.host if request.client else ""
        return await auth.login(hub.sessions, hub.sign_in_guard, hub.passwords, body.username, body.password,
                                body.device_id, address)

    @app.post("/api/v1/auth/refresh", response_model=TokenOut, responses=ERRORS)
    def refresh(body: RefreshRequest) -> Any:
        return auth.refresh(hub.sessions, body.refresh_token, body.device_id)

    @app.get("/api/v1/changes", response_model=ChangesOut, responses=ERRORS)
    def changes(after: int = Query(0, ge=0, le=MAX_INT), limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
                authorization: str | None = Header(None)) -> JSONResponse:
        if after == 0:
            with read_snapshot(hub.engine) as session:
                actor, floor = auth.authenticate(session, authorization), floor_of(session)
            if floor > 0:  # a rebuild (or first sync) after history was pruned: its low page cursors are fresh
                note_rebuild(hub.sessions, actor.reader)
        with read_snapshot(hub.engine) as session:
            actor = auth.authenticate(session, authorization)
            try:
                page, cursor, more = read_changes(session, actor.reader, after, limit)
            except CursorExpired:
                raise HubError(410, "cursor_expired", "The cursor is unknown to this hub; rebuild the mirror.") \
                    from None
        return FeedResponse({"changes": page, "cursor": cursor, "more": more},
                            headers={"Cache-Control": "no-store"})

    @app.post("/api/v1/ops", response_model=OpsOut, responses=ERRORS)
    def ops(body: OpsRequest, request: Request, authorization: str | None = Header(None)) -> Any:
        request.state.op_kinds = sorted({str(op.kind) for op in body.ops})  # what a 500's log line may name
        actor = hub.actor(authorization)
        # The event records the device the token was issued to; the body's device_id is accepted and ignored.
        results = process_batch(hub.sessions, actor, actor.device_id,
                                [OpIn(op.op_id, str(op.kind), op.target, op.base_version, op.payload)
                                 for op in body.ops])
        if all(r["reason"] == "op_id_reused" for r in results):
            raise HubError(422, "op_id_reused", "Every op reuses an op_id with different content.")
        return {"results": results}

    return app


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HubError)
    async def hub_error(_request: Request, exc: HubError) -> JSONResponse:
        return JSONResponse({"detail": exc.detail, "code": exc.code}, status_code=exc.status, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            msg = next(e for e in errors if e.get("type") == "json_invalid").get("ctx", {}).get("error", "")
            return JSONResponse({"detail": f"The request body is not valid JSON: {msg}".strip(),
                                 "code": "malformed_json"}, status_code=422)
        first = errors[0] if errors else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        detail = f"Invalid request at {where}: {first.get('msg', 'invalid')}"
        # Never echo a character the answer itself could not encode (a lone surrogate in a key or a value).
        detail = detail.encode("utf-8", "backslashreplace").decode("utf-8")
        return JSONResponse({"detail": detail, "code": "invalid_request"}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, f"http_{exc.status_code}")
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            # Starlette names only the methods of the first route that matched the path; a resource served by
            # several routes (the blob lane's HEAD, GET and PUT) allows all of theirs.
            path = request.url.path
            methods = {m for route in app.routes if isinstance(route, Route) and route.path_regex.match(path)
                       for m in (route.methods or ())}
            headers["Allow"] = ", ".join(sorted(methods))
        return JSONResponse({"detail": str(exc.detail), "code": code}, status_code=exc.status_code,
                            headers=headers or None)

