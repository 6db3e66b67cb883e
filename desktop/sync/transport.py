"""HTTP transport to LAPOR! Hub (protocol v1, docs/protocol.md).

- one ``requests.Session``; TLS verification is always on (a private CA goes through ``REQUESTS_CA_BUNDLE``);
- every request carries ``X-Lapor-Protocol: 1``; request bodies over 1 KB are gzip'd;
- a connect timeout and a **stall watchdog** on every call instead of one total timeout: the read timeout is the
  stall limit (``stall_timeout``, seconds without a single byte moving), the body is read in chunks, and every
  chunk that moves counts as progress (``last_activity``, ``wire_bytes``), so a long transfer over a slow link
  finishes while a stalled one fails fast with ``NetworkError(code="stalled")``;
- hub errors become typed exceptions carrying the hub's ``code`` (401/410/413/422/426/429/503 ...);
- a 401 ``token_expired``/``unauthenticated`` refreshes the access token once and retries the call once;
  the rotated refresh token is handed to ``on_refresh_token`` (the keyring), never logged or written to a file;
- bytes on the wire are counted (request + response bodies as sent, plus headers) for the "data used" figure.
"""

from __future__ import annotations

import gzip
import http.client
import json
import threading
import time
import zlib
from collections.abc import Callable
from typing import Any

import orjson
import requests
import urllib3.exceptions

PROTOCOL = "1"
API = "/api/v1"
GZIP_OVER = 1024
DEFAULT_TIMEOUT = (10.0, 120.0)  # connect, read
DEFAULT_STALL = 60.0  # seconds without a byte moving before a call is given up (the stall watchdog)
READ_CHUNK = 64 * 1024


class TransportError(Exception):
    """Anything that stopped a call to the hub. ``code`` is the hub's machine code (or our own)."""

    def __init__(self, message: str, *, status: int | None = None, code: str = "error",
                 retry_after: float | None = None) -> None:  # fmt: skip
        super().__init__(message)
        self.status = status
        self.code = code
        self.detail = message
        self.retry_after = retry_after


class NetworkError(TransportError):
    """No answer: no network, DNS, refused, reset, timeout, TLS failure."""


class AuthError(TransportError):
    """401: wrong credentials, or the session cannot be renewed (sign in again)."""


class CursorExpired(TransportError):
    """410: the cursor is older than the hub's history: rebuild the mirror."""


class PayloadTooLarge(TransportError):
    """413."""


class InvalidRequest(TransportError):
    """422 (or another 4xx the desk did not expect)."""


class UpgradeRequired(TransportError):
    """426: the hub does not speak this protocol version; ``detail`` is the hub's message for the user."""


class RateLimited(TransportError):
    """429: back off (``retry_after`` seconds when given)."""


class ServiceUnavailable(TransportError):
    """503 and other 5xx: back off and retry later."""


class ProtocolError(TransportError):
    """The hub answered something that is not the protocol (not JSON, wrong shape)."""


_BY_STATUS: dict[int, type[TransportError]] = {
    401: AuthError,
    410: CursorExpired,
    413: PayloadTooLarge,
    422: InvalidRequest,
    426: UpgradeRequired,
    429: RateLimited,
    503: ServiceUnavailable,
}


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        import email.utils
        import time

        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, when.timestamp() - time.time())


class Transport:
    def __init__(
        self,
        server_url: str,
        device_id: str,
        *,
        refresh_token: str | None = None,
        on_refresh_token: Callable[[str], None] | None = None,
        timeout: tuple[float, float] | None = None,
        stall_timeout: float | None = None,
        session: requests.Session | None = None,
    ) -> None:
        self.server_url = server_url.rstrip("/")
        self.device_id = device_id
        connect, read = timeout or (DEFAULT_TIMEOUT[0], DEFAULT_STALL)
        if stall_timeout is not None:
            read = stall_timeout
        # requests' read timeout bounds each socket read, not the whole call: it IS the stall limit.
        self.timeout = (connect, read)
        self.last_activity = time.monotonic()
        self.on_refresh_token = on_refresh_token
        self.user: dict[str, Any] | None = None
        self._access: str | None = None
        self._refresh = refresh_token
        self._lock = threading.Lock()
        self._refresh_lock = threading.Lock()
        self.bytes_sent = 0
        self.bytes_received = 0
        self.session = session or requests.Session()
        self.session.verify = True
        self.session.headers.update(
            {"X-Lapor-Protocol": PROTOCOL, "Accept": "application/json", "Accept-Encoding": "gzip",
             "User-Agent": "lapor-desk/0.1"}
        )  # fmt: skip

    def __repr__(self) -> str:  # never show tokens
        return f"Transport({self.server_url!r}, signed_in={self._access is not None})"

    @property
    def wire_bytes(self) -> int:
        return self.bytes_sent + self.bytes_received

    @property
    def stall_timeout(self) -> float:
        return self.timeout[1]

    @stall_timeout.setter
    def stall_timeout(self, seconds: float) -> None:
        self.timeout = (self.timeout[0], float(seconds))

    @property
    def has_refresh_token(self) -> bool:
        return self._refresh is not None

    def use_refresh_token(self, token: str) -> None:
        self._refresh = token
        self._access = None

    def close(self) -> None:
        self.session.close()

    # ------------------------------------------------------------ raw call
    def _count(self, sent: int = 0, received: int = 0) -> None:
        with self._lock:
            self.bytes_sent += sent
            self.bytes_received += received
            self.last_activity = time.monotonic()

    def _read_body(self, resp: requests.Response) -> bytes:
        """The raw body, chunk by chunk: each chunk is progress; no chunk for ``stall_timeout`` s → stalled."""
        parts: list[bytes] = []
        for chunk in resp.raw.stream(READ_CHUNK, decode_content=False):
            if chunk:
                parts.append(chunk)
                self._count(received=len(chunk))
        return b"".join(parts)

    def _call(self, method: str, path: str, body: Any = None, params: dict[str, Any] | None = None,
              auth: bool = True) -> Any:  # fmt: skip
        headers: dict[str, str] = {}
        data: bytes | None = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            headers["Content-Type"] = "application/json"
            if len(data) > GZIP_OVER:
                data = gzip.compress(data, compresslevel=6)
                headers["Content-Encoding"] = "gzip"
        if auth and self._access:
            headers["Authorization"] = f"Bearer {self._access}"
        url = f"{self.server_url}{path}"
        try:
            self.last_activity = time.monotonic()
            resp = self.session.request(method, url, data=data, params=params, headers=headers,
                                        timeout=self.timeout, stream=True)  # fmt: skip
            try:
                raw = self._read_body(resp)
            finally:
                resp.close()
        except requests.exceptions.SSLError as exc:
            raise NetworkError(f"secure connection to {self.server_url} failed: {_short(exc)}",
                               code="tls") from None  # fmt: skip
        except requests.exceptions.ConnectTimeout:
            raise NetworkError(f"{self.server_url} did not answer in time", code="timeout") from None
        except (requests.exceptions.Timeout, urllib3.exceptions.TimeoutError):
            raise NetworkError(f"nothing moved from {self.server_url} for {self.stall_timeout:g} s",
                               code="stalled") from None  # fmt: skip
        except (urllib3.exceptions.HTTPError, http.client.HTTPException) as exc:
            raise NetworkError(
                f"the connection to {self.server_url} broke: {_short(exc)}", code="cut"
            ) from None
        except (requests.exceptions.ConnectionError, OSError) as exc:
            raise NetworkError(f"cannot reach {self.server_url}: {_short(exc)}", code="network") from None
        except requests.exceptions.RequestException as exc:
            raise NetworkError(
                f"request to {self.server_url} failed: {_short(exc)}", code="network"
            ) from None
        header_bytes = sum(len(k) + len(v) + 4 for k, v in resp.headers.items()) + 17
        self._count(sent=len(data or b"") + len(method) + len(url) + 200, received=header_bytes)
        encoding = resp.headers.get("Content-Encoding", "").lower()
        if raw and "gzip" in encoding:
            try:
                raw = gzip.decompress(raw)
            except (OSError, EOFError, zlib.error):
                raise ProtocolError("the hub sent a broken gzip body", status=resp.status_code,
                                    code="bad_gzip") from None  # fmt: skip
        payload: Any = None
        if raw:
            try:
                payload = orjson.loads(raw)  # a first sync decodes hundreds of pages
            except ValueError:
                payload = None
        if resp.status_code >= 400:
            code = payload.get("code") if isinstance(payload, dict) else None
            detail = payload.get("detail") if isinstance(payload, dict) else None
            if not isinstance(detail, str):
                detail = f"the hub answered HTTP {resp.status_code}"
            cls = _BY_STATUS.get(resp.status_code)
            if cls is None:
                cls = ServiceUnavailable if resp.status_code >= 500 else InvalidRequest
            raise cls(detail, status=resp.status_code, code=code or f"http_{resp.status_code}",
                      retry_after=_retry_after(resp.headers.get("Retry-After")))  # fmt: skip
        if payload is None and raw:
            raise ProtocolError("the hub answered something that is not JSON", status=resp.status_code,
                                code="not_json")  # fmt: skip
        return payload

    def _authed(self, method: str, path: str, body: Any = None, params: dict[str, Any] | None = None) -> Any:
        if self._access is None:
            self._refresh_once(None)
        used = self._access
        try:
            return self._call(method, path, body, params)
        except AuthError as exc:
            if exc.code not in ("token_expired", "unauthenticated") or self._refresh is None:
                raise
            self._refresh_once(used)
            return self._call(method, path, body, params)

    def _refresh_once(self, stale: str | None) -> None:
        """Refresh unless another thread already replaced the access token that failed: refresh tokens rotate,
        so two concurrent refreshes would kill the session (the second one presents a dead token)."""
        with self._refresh_lock:
            if self._access is not None and self._access != stale:
                return
            self.refresh()

    def _take_tokens(self, out: Any) -> dict[str, Any]:
        if not isinstance(out, dict) or "access_token" not in out or "refresh_token" not in out:
            raise ProtocolError("the hub's token answer has the wrong shape", code="bad_shape")
        self._access = str(out["access_token"])
        self._refresh = str(out["refresh_token"])
        self.user = out.get("user")
        if self.on_refresh_token is not None:
            self.on_refresh_token(self._refresh)
        return out

    # ------------------------------------------------------------ API
    def health(self) -> dict[str, Any]:
        out = self._call("GET", "/healthz", auth=False)
        return out if isinstance(out, dict) else {}

    def sign_in(self, username: str, password: str) -> dict[str, Any]:
        """``POST /auth/token``; returns the User record. Raises AuthError(code=bad_credentials); during a lock-out
        after failed sign-ins RateLimited(code=sign_in_locked, retry_after=seconds), the right password included;
        ServiceUnavailable(code=sign_in_busy) when the hub's password checks are all taken."""
        out = self._call("POST", f"{API}/auth/token",
                         {"username": username, "password": password, "device_id": self.device_id}, auth=False)  # fmt: skip
        return dict(self._take_tokens(out).get("user") or {})

    def refresh(self) -> dict[str, Any]:
        """``POST /auth/refresh`` with the stored refresh token (it rotates). Raises AuthError."""
        if self._refresh is None:
            raise AuthError("not signed in", status=401, code="unauthenticated")
        try:
            out = self._call("POST", f"{API}/auth/refresh",
                             {"refresh_token": self._refresh, "device_id": self.device_id}, auth=False)  # fmt: skip
        except AuthError:
            self._access = None
            raise
        return dict(self._take_tokens(out).get("user") or {})

    def changes(self, after: int, limit: int = 1000) -> dict[str, Any]:
        out = self._authed("GET", f"{API}/changes", params={"after": int(after), "limit": int(limit)})
        if not isinstance(out, dict) or not isinstance(out.get("changes"), list) or "cursor" not in out:
            raise ProtocolError("the hub's change page has the wrong shape", code="bad_shape")
        return out

    def push_ops(self, ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = self._authed("POST", f"{API}/ops", {"device_id": self.device_id, "ops": ops})
        results = out.get("results") if isinstance(out, dict) else None
        if not isinstance(results, list) or len(results) != len(ops):
            raise ProtocolError("the hub's ops answer has the wrong shape", code="bad_shape")
        return results


def _short(exc: BaseException) -> str:
    text = str(exc)
    # requests nests the cause; keep the last, most specific part and never a URL with a query
    if "Caused by" in text:
        text = text.split("Caused by", 1)[1].strip(" ()")
    return text[:200]
