"""One error shape everywhere: `{detail, code}` (docs/protocol.md)."""

from __future__ import annotations


class HubError(Exception):
    def __init__(self, status: int, code: str, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = headers  # e.g. Retry-After on a 429 or 503
