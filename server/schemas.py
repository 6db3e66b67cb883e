"""Request and response bodies of /api/v1 (docs/protocol.md); responses are declared for /openapi.json.

Every string that arrives is checked here, at the edge, before anything reaches a handler or a database: lengths,
control characters and lone surrogates (desktop.domain.text) are refused with one 422 whatever the database, and
nothing is written. The types are as tight in the published schema as in the code, so a client generated from it
(or a fuzzer) meets the same rules.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from desktop.domain.ops import OpKind
from desktop.domain.text import bad_char, describe

UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
SHA256_PATTERN = r"^[0-9a-fA-F]{64}$"
# What desktop.domain.text accepts, for the published schema (lone surrogates cannot travel in valid JSON text).
LINE_PATTERN = r"^[^\x00-\x1f\x7f-\x9f]*$"
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
MAX_KEY = 64
MAX_INT = 2**53 - 1  # the largest integer every JSON client reads exactly; no version or cursor comes near it
STRICT = ConfigDict(strict=True)  # no bool for an int, no number for a string: the schema's types are the types


def _clean(line: bool) -> Any:
    def check(value: str) -> str:
        char = bad_char(value, line=line)
        if char is not None:
            raise ValueError(f"contains {describe(char)}")
        return value

    return AfterValidator(check)


def _json_integer(value: Any) -> Any:
    """A JSON integer as JSON Schema reads it: 3 or 3.0, never true, "3" or 3.5 (the int check refuses 3.5)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be an integer")
    return value


def _payload(value: dict[str, Any]) -> dict[str, Any]:
    """Every key and string inside an op's payload, however deep (walked without recursion: the body's size is the
    only bound): keys are lines of at most MAX_KEY characters, strings free text, numbers finite."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, str):
            char = bad_char(node)
            if char is not None:
                raise ValueError(f"the value at {where or '(top)'} contains {describe(char)}")
        elif isinstance(node, dict):
            for key, item in node.items():
                if not key or len(key) > MAX_KEY or bad_char(key, line=True) is not None:
                    raise ValueError(f"has a key that is empty, longer than {MAX_KEY} or holds a control character")
                stack.append((f"{where}.{key}" if where else key, item))
        elif isinstance(node, list):
            stack.extend((f"{where}[{index}]", item) for index, item in enumerate(node))
        elif isinstance(node, float) and not math.isfinite(node):  # NaN and Infinity are not JSON
            raise ValueError(f"the value at {where} is not a finite number")
    return value


Version = Annotated[int, BeforeValidator(_json_integer), Field(ge=0, le=MAX_INT),
                    WithJsonSchema({"type": "integer", "minimum": 0, "maximum": MAX_INT})]
Line = Annotated[str, _clean(line=True), Field(json_schema_extra={"pattern": LINE_PATTERN})]
Text = Annotated[str, _clean(line=False), Field(json_schema_extra={"pattern": TEXT_PATTERN})]
OpId = Annotated[str, Field(pattern=UUID_PATTERN, min_length=36, max_length=36,
                            json_schema_extra={"format": "uuid"})]
# The published schema spells the payload out as a recursive JSON value: server/openapi.py puts it in its place.
PAYLOAD_MARK = "x-lapor-payload"
Payload = Annotated[dict[str, Any], AfterValidator(_payload), WithJsonSchema({"type": "object", PAYLOAD_MARK: True})]


class TokenRequest(BaseModel):
    model_config = STRICT

    username: Line = Field(min_length=1, max_length=64)
    password: Line = Field(min_length=1, max_length=256)
    device_id: Line = Field(min_length=1, max_length=128)


class RefreshRequest(BaseModel):
    model_config = STRICT

    refresh_token: Line = Field(min_length=1, max_length=256)
    device_id: Line = Field(min_length=1, max_length=128)


class UserOut(BaseModel):
    id: str
    username: str
    full_name: str
    role: str
    unit_id: str


class TokenOut(BaseModel):
    access_token: str
    refresh_token: str
    expires_in: int
    user: UserOut


class Change(BaseModel):
    type: str
    id: str
    version: int
    deleted: bool
    data: dict[str, Any] | None


class ChangesOut(BaseModel):
    changes: list[Change]
    cursor: int
    more: bool


class OpModel(BaseModel):
    model_config = STRICT

    op_id: OpId  # the client's spelling is kept so results echo it exactly
    kind: OpKind = Field(strict=False)  # FastAPI validates the parsed JSON: the code arrives as a str
    target: Line = Field(min_length=1, max_length=64)
    base_version: Version | None = Field(None, strict=False)
    payload: Payload = Field(default_factory=dict)
    created_at: Line | None = Field(None, max_length=64)


class OpsRequest(BaseModel):
    model_config = STRICT

    device_id: Line = Field(min_length=1, max_length=128)
    ops: list[OpModel] = Field(min_length=1, max_length=50)


class OpResultOut(BaseModel):
    op_id: str
    status: str
    version: int | None
    reason: str | None
    current: dict[str, Any] | None
    current_type: str | None = None  # complaint | followup | departure (what `current` holds)


class OpsOut(BaseModel):
    results: list[OpResultOut]


class ErrorOut(BaseModel):
    detail: str
    code: str
