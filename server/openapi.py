"""The published /openapi.json, as tight as the edge validation (server/schemas.py), so that a client generated from
it, or a fuzzer such as schemathesis, meets the rules the hub applies.

FastAPI's generated schema is taken and completed: every API operation lists the errors the guards in front of it
may answer (server/middleware.py: 400, 413, 415, 426; auth: 401, 429; validation: 422) with the one error shape
`{detail, code}`, and an op's payload is spelled out as a recursive JSON value whose keys and strings carry the
character rules of desktop.domain.text.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from server.schemas import LINE_PATTERN, MAX_KEY, PAYLOAD_MARK, SHA256_PATTERN, TEXT_PATTERN

ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
PAYLOAD_VALUE_REF = {"$ref": "#/components/schemas/PayloadValue"}
GUARDED = {
    "400": "The request body is corrupt (a cut or malformed gzip body).",
    "401": "No valid access token.",
    "413": "The request body is too large.",
    "415": "Unsupported Content-Encoding.",
    "422": "The request does not follow the schema; nothing was written.",
    "426": "The client speaks another sync protocol version.",
    "429": "Too many requests; wait for Retry-After seconds.",
    "503": "The hub is busy; wait for Retry-After seconds.",
}


def _payload_object() -> dict[str, Any]:
    return {"type": "object", "propertyNames": {"minLength": 1, "maxLength": MAX_KEY, "pattern": LINE_PATTERN},
            "additionalProperties": PAYLOAD_VALUE_REF}


PAYLOAD_VALUE: dict[str, Any] = {
    "description": "A JSON value inside an op's payload: strings without control characters (tab and line breaks "
                   "allowed), keys of at most 64 characters without any.",
    "anyOf": [{"type": "string", "pattern": TEXT_PATTERN}, {"type": "number"}, {"type": "boolean"},
              {"type": "null"}, {"type": "array", "items": PAYLOAD_VALUE_REF}, _payload_object()],
}


def _replace_payload_marks(node: Any) -> Any:
    if isinstance(node, dict):
        if node.get(PAYLOAD_MARK):
            return {**{k: v for k, v in node.items() if k != PAYLOAD_MARK}, **_payload_object()}
        return {k: _replace_payload_marks(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_replace_payload_marks(v) for v in node]
    return node


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}


def build(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = _replace_payload_marks(get_openapi(title=app.title, version=app.version,
                                                description=app.description, routes=app.routes))
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["PayloadValue"] = PAYLOAD_VALUE
    schema["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer",
                                                          "description": "The access token of POST /auth/token."}}
    for path, operations in schema.get("paths", {}).items():
        if not path.startswith("/api/"):
            continue
        for method, operation in operations.items():
            # The routes read the Authorization header themselves; published, it is the bearer scheme it is.
            params = operation.get("parameters", [])
            if any(p.get("in") == "header" and p.get("name") == "authorization" for p in params):
                operation["parameters"] = [p for p in params
                                           if not (p.get("in") == "header" and p.get("name") == "authorization")]
                if not operation["parameters"]:
                    del operation["parameters"]
                operation["security"] = [{"bearer": []}]
            for param in operation.get("parameters", []):
                if param.get("in") == "path" and param.get("name") == "sha256":  # a blob's name
                    param["schema"] = {"type": "string", "pattern": SHA256_PATTERN}
            responses = operation.setdefault("responses", {})
            for code, description in GUARDED.items():
                current = responses.get(code)
                if current is None or "HTTPValidationError" in str(current):
                    responses[code] = _error(description)
            if method == "head":  # a HEAD answer has headers only, whatever its status
                for response in responses.values():
                    response.pop("content", None)
    for name in ("HTTPValidationError", "ValidationError"):
        if f"#/components/schemas/{name}" not in str(schema.get("paths")):
            components.pop(name, None)
    app.openapi_schema = schema
    return schema


def install(app: FastAPI) -> None:
    app.openapi = lambda: build(app)  # type: ignore[method-assign]
