"""Request and response bodies of /api/v1 (docs/protocol.md); responses are declared for /openapi.json."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, Field, field_validator


class TokenRequest(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=256)
    device_id: str = Field(min_length=1, max_length=128)


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=256)
    device_id: str = Field(min_length=1, max_length=128)


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
    op_id: str
    kind: str = Field(min_length=1, max_length=64)
    target: str = Field(min_length=1, max_length=64)
    base_version: int | None = None
    payload: dict[str, Any] = Field(default_factory=dict)
    created_at: str | None = None

    @field_validator("op_id")
    @classmethod
    def _uuid(cls, value: str) -> str:
        uuid.UUID(value)  # validates; the client's spelling is kept so results echo it exactly
        return value


class OpsRequest(BaseModel):
    device_id: str = Field(min_length=1, max_length=128)
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
