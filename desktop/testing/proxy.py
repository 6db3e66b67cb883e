"""A fault-injecting HTTP/1.1 proxy between the desk and LAPOR! Hub, for tests and the weak-link benchmark.

    with run_hub(db_url) as hub_url, FaultProxy(hub_url, seed=7) as proxy:
        transport = Transport(proxy.url, device_id="d1")
        proxy.set(drop_response_after_bytes=0, path_filter="/api/v1/ops", times=1)  # the hub applies, the desk
        ...                                                                         # never hears back
        proxy.set(latency=0.3, bandwidth_bps=256_000, cut_probability=0.02)         # the weak link
        print(proxy.stats().bytes_from_client + proxy.stats().bytes_to_client)      # wire bytes

The proxy listens on a free 127.0.0.1 port and runs an asyncio loop in one background thread. Client connections
are kept alive as the client asks; every request goes to the upstream on a fresh connection with
``Connection: close``, so one request = one upstream connection and a cut is exact. Messages are parsed
(Content-Length, chunked, or until close) and the bytes are passed through unchanged, except the hop-by-hop
``Connection``/``Keep-Alive`` headers.

Faults (all settable at runtime from any thread with :meth:`FaultProxy.set`; see :class:`Faults`):

- link properties, for every request: ``offline``, ``latency`` (one way), ``bandwidth_bps``;
- per request, only for requests whose path matches ``path_filter``: ``delay``, ``cut_probability`` and the
  *targeted* faults ``status_override``, ``drop_request_after_bytes``, ``drop_response_after_bytes``, ``duplicate``,
  which fire together on a matching request while the ``times`` budget lasts, each time with ``probability``.

Every random choice comes from one ``random.Random(seed)``, so a run with sequential requests is repeatable.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import re
import socket
import struct
import threading
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from typing import Any, Literal
from urllib.parse import urlsplit

CutMode = Literal["close", "reset", "hang"]
PathFilter = str | re.Pattern[str] | Callable[[str, str], bool] | None

_HEAD_LIMIT = 64 * 1024
_CHUNK = 16 * 1024
_HOP_BY_HOP = {b"connection", b"keep-alive", b"proxy-connection"}
_REASONS = {429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway",
            503: "Service Unavailable", 504: "Gateway Timeout"}  # fmt: skip
_TARGETED = ("status_override", "drop_request_after_bytes", "drop_response_after_bytes", "duplicate")


@dataclass(frozen=True)
class Faults:
    """One fault configuration. Defaults = a perfect link."""

    offline: bool = False
    """Dead link: every new connection is reset at once and open ones are cut when this is switched on."""
    latency: float = 0.0
    """Seconds added one way (before the request goes upstream and before the response comes back):
    0.3 gives a 600 ms round trip. A new client connection also waits one round trip (the TCP handshake)."""
    bandwidth_bps: int | None = None
    """Bits per second, each direction, shared by all connections (one link): request bytes are paced on
    their way upstream (the client feels back-pressure), response bytes on their way to the client."""
    path_filter: PathFilter = None
    """Which requests the per-request faults apply to: a path prefix (``"/api/v1/ops"``), a compiled regex
    (searched in the path) or ``f(method, path) -> bool``. None = every request."""
    delay: float = 0.0
    """Seconds to wait before forwarding a matching request."""
    cut_probability: float = 0.0
    """For each matching request, the chance that it is cut at a random point of the request body (the hub
    never completes it) or of the response (the hub did it, the client never hears the whole answer)."""
    cut_mode: CutMode = "close"
    """How a cut looks to the client: "close" (FIN after the partial bytes), "reset" (RST), or "hang" (the
    proxy stops sending and holds the connection for ``hang_seconds``, for stall watchdogs)."""
    hang_seconds: float = 30.0

    # Targeted faults: fire together on a matching request while ``times`` lasts, with ``probability``.
    # Precedence: status_override, else drop_request_after_bytes, else duplicate and/or drop_response_after_bytes.
    # cut_probability is drawn only for requests that no targeted fault cuts or answers.
    status_override: int | None = None
    """Answer this status (503, 429, 500 ...) without contacting the upstream."""
    retry_after: float | str | None = None
    """``Retry-After`` header sent with ``status_override``."""
    drop_request_after_bytes: int | None = None
    """Forward N bytes of the request *body* upstream, then cut both sides. N below the body length: the
    upstream never gets the whole request. N at or above it: the upstream gets it, the proxy waits for its
    answer (so the upstream surely processed it), then cuts the client before a single response byte."""
    drop_response_after_bytes: int | None = None
    """The upstream processes the request; only the first N bytes of the response (status line and headers
    included) reach the client, then the connection is cut. 0 = the client gets nothing at all."""
    duplicate: bool = False
    """Send the request upstream twice, the second copy after the first answer; the client gets one answer."""
    duplicate_respond: Literal["first", "last"] = "last"
    """Which of the two answers the client gets."""
    times: int | None = None
    """How many matching requests the targeted faults fire for (None = no limit). Re-armed by every
    :meth:`FaultProxy.set` call that touches a targeted field, ``times``, ``probability`` or ``path_filter``."""
    probability: float = 1.0
    """Chance that the targeted faults fire on a matching request."""

    def matches(self, method: str, path: str) -> bool:
        f = self.path_filter
        if f is None:
            return True
        if isinstance(f, str):
            return path.startswith(f)
        if isinstance(f, re.Pattern):
            return f.search(path) is not None
        return bool(f(method, path))

    @property
    def has_targeted(self) -> bool:
        return (self.status_override is not None or self.drop_request_after_bytes is not None
                or self.drop_response_after_bytes is not None or self.duplicate)  # fmt: skip


@dataclass(frozen=True)
class ProxyStats:
    """Counters since start (or :meth:`FaultProxy.reset_stats`). Byte counts are HTTP bytes (heads + bodies)."""

    connections: int = 0
    """Client connections accepted."""
    connections_refused: int = 0
    """Client connections reset at once because the link was offline."""
    requests_seen: int = 0
    """Request heads read from clients."""
    requests_forwarded: int = 0
    """Request copies sent upstream (in whole or in part; a duplicate counts twice)."""
    requests_cut: int = 0
    """Requests cut before the upstream got all of them."""
    responses_cut: int = 0
    """Responses cut after the upstream answered (the upstream did the work, the client did not hear it)."""
    status_overrides: int = 0
    duplicates: int = 0
    """Requests delivered upstream twice."""
    bytes_from_client: int = 0
    bytes_to_client: int = 0
    bytes_to_upstream: int = 0
    bytes_from_upstream: int = 0

    @property
    def wire_bytes(self) -> int:
        """Bytes both ways on the client side of the proxy: what the desk's link carried."""
        return self.bytes_from_client + self.bytes_to_client


@dataclass(frozen=True)
class RequestRecord:
    """One request as the proxy saw it (the last 1,000 are kept, see :meth:`FaultProxy.records`)."""

    method: str
    path: str
    fault: str
    """"" when none, else e.g. "status 503", "drop_request@120", "drop_response@0", "duplicate", "offline"."""
    status: int | None
    """The status the client got (None when it got no complete head)."""


class _Cut(Exception):
    """The planned cut point was reached."""


class _UpstreamDown(Exception):
    """The upstream could not be reached or broke: behave like a broken direct connection."""


@dataclass
class _Plan:
    matched: bool = False
    delay: float = 0.0
    status: int | None = None
    retry_after: float | str | None = None
    req_cut_before_head: bool = False
    req_limit: int | None = None  # body bytes forwarded before the cut
    req_random: bool = False  # a random cut (always incomplete) rather than drop_request_after_bytes
    resp_limit: int | None = None  # response bytes to the client before the cut
    resp_fraction: float | None = None  # random response cut, as a fraction of the response's length
    duplicate: bool = False
    duplicate_respond: str = "last"
    cut_mode: CutMode = "close"
    hang_seconds: float = 30.0
    labels: list[str] = field(default_factory=list)


@dataclass
class _Head:
    raw: bytes
    start: str
    headers: list[tuple[bytes, bytes]]
    lines: list[bytes]

    def get(self, name: bytes) -> bytes | None:
        for k, v in self.headers:
            if k == name:
                return v
        return None

    def tokens(self, name: bytes) -> set[bytes]:
        out: set[bytes] = set()
        for k, v in self.headers:
            if k == name:
                out.update(t.strip().lower() for t in v.split(b","))
        return out

    def rewritten(self, *, close: bool) -> bytes:
        kept = [line for line in self.lines[1:] if line.split(b":", 1)[0].strip().lower() not in _HOP_BY_HOP]
        if close:
            kept.append(b"Connection: close")
        return b"\r\n".join([self.lines[0], *kept]) + b"\r\n\r\n"


def _parse_head(raw: bytes) -> _Head:
    lines = raw[:-4].split(b"\r\n")
    headers: list[tuple[bytes, bytes]] = []
    for line in lines[1:]:
        name, sep, value = line.partition(b":")
        if not sep:
            raise ValueError("bad header line")
        headers.append((name.strip().lower(), value.strip()))
    return _Head(raw, lines[0].decode("latin-1"), headers, lines)


def _framing(head: _Head, *, response_to: str | None = None, status: int = 0) -> tuple[str, int]:
    """("none"|"length"|"chunked"|"close", length)."""
    if response_to is not None and (response_to == "HEAD" or 100 <= status < 200 or status in (204, 304)):
        return "none", 0
    te = head.get(b"transfer-encoding")
    if te is not None and te.split(b",")[-1].strip().lower() == b"chunked":
        return "chunked", 0
    cl = head.get(b"content-length")
    if cl is not None:
        n = int(cl)
        return ("length", n) if n else ("none", 0)
    return ("close", 0) if response_to is not None else ("none", 0)


class _Pacer:
    """A shared link of ``bps`` bits per second in one direction: transmissions queue behind each other."""

    def __init__(self) -> None:
        self.next_free = 0.0

    async def transmit(self, nbytes: int, bps: int | None) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        if not bps:
            self.next_free = now
            return
        self.next_free = max(now, self.next_free) + nbytes * 8 / bps
        await asyncio.sleep(self.next_free - now)


def _chunk_size(bps: int | None) -> int:
    if not bps:
        return _CHUNK
    return max(256, min(_CHUNK, bps // 8 // 50))  # about 20 ms of transmission per write


class FaultProxy:
    """See the module docstring. ``FaultProxy(upstream, seed=0, **faults)``; ``start()``/``stop()`` or ``with``."""

    def __init__(self, upstream: str, *, seed: int | None = 0, host: str = "127.0.0.1", port: int = 0,
                 io_timeout: float = 60.0, idle_timeout: float = 120.0, **faults: Any) -> None:  # fmt: skip
        parts = urlsplit(upstream)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"upstream must be http://host:port, not {upstream!r}")
        self.upstream = upstream.rstrip("/")
        self._up_host = parts.hostname
        self._up_port = parts.port or 80
        self._host = host
        self._port = port
        self.io_timeout = io_timeout
        self.idle_timeout = idle_timeout
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._faults = Faults(**faults)
        self._budget: int | None = self._faults.times
        self._rng = random.Random(seed)
        self._stats = ProxyStats()
        self._in_flight = 0
        self._log: deque[RequestRecord] = deque(maxlen=1000)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._conn_tasks: set[asyncio.Task[None]] = set()
        self._up_pacer = _Pacer()
        self._down_pacer = _Pacer()
        self.url = ""

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> FaultProxy:
        if self._thread is not None:
            raise RuntimeError("already started")
        ready = threading.Event()
        failure: list[BaseException] = []
        loop = asyncio.new_event_loop()
        self._loop = loop

        def run() -> None:
            asyncio.set_event_loop(loop)
            try:
                self._server = loop.run_until_complete(
                    asyncio.start_server(self._on_connection, self._host, self._port, limit=_HEAD_LIMIT))
            except BaseException as exc:  # noqa: BLE001 - handed to start()
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
                for t in pending:
                    t.cancel()
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.close()

        self._thread = threading.Thread(target=run, name="FaultProxy", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            self._thread.join()
            self._thread = None
            raise failure[0]
        assert self._server is not None
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://{self._host}:{port}"
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Close the listener and every connection, stop the thread. Idempotent."""
        thread, loop = self._thread, self._loop
        if thread is None or loop is None:
            return
        if loop.is_running():
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(timeout)
            loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout)
        if thread.is_alive():
            raise RuntimeError("FaultProxy thread did not stop")
        self._thread = None
        self._loop = None

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        await self._cancel_connections()
        if self._server is not None:
            await self._server.wait_closed()

    async def _cancel_connections(self) -> None:
        tasks = [t for t in self._conn_tasks if not t.done()]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ faults
    @property
    def faults(self) -> Faults:
        with self._lock:
            return self._faults

    def set(self, **changes: Any) -> Faults:
        """Change some fault settings (the others stay); thread-safe, takes effect for the next request.
        Switching ``offline`` on cuts the open connections too."""
        valid = {f.name for f in fields(Faults)}
        unknown = set(changes) - valid
        if unknown:
            raise TypeError(f"unknown fault settings: {sorted(unknown)}")
        with self._lock:
            going_offline = changes.get("offline") and not self._faults.offline
            self._faults = replace(self._faults, **changes)
            if set(changes) & {*_TARGETED, "times", "probability", "path_filter", "retry_after"}:
                self._budget = self._faults.times
            new = self._faults
        loop = self._loop
        if going_offline and loop is not None and loop.is_running():
            fut = asyncio.run_coroutine_threadsafe(self._cancel_connections(), loop)
            if threading.current_thread() is not self._thread:
                fut.result(10)
        return new

    def clear(self) -> Faults:
        """Back to a perfect link."""
        with self._lock:
            self._faults = Faults()
            self._budget = None
            return self._faults

    @contextlib.contextmanager
    def fault(self, **changes: Any) -> Iterator[FaultProxy]:
        """``with proxy.fault(status_override=503, times=2): ...``: the previous settings come back after."""
        with self._lock:
            before, budget = self._faults, self._budget
        self.set(**changes)
        try:
            yield self
        finally:
            with self._lock:
                self._faults, self._budget = before, budget

    def reseed(self, seed: int | None) -> None:
        with self._lock:
            self._rng = random.Random(seed)

    @property
    def remaining(self) -> int | None:
        """How many more times the targeted faults may fire (None = no limit)."""
        with self._lock:
            return self._budget

    # ------------------------------------------------------------------ counters
    def stats(self) -> ProxyStats:
        """A snapshot. Byte counts are exact as soon as the peer can see the bytes; the other counters and
        :meth:`records` settle when the request's turn ends: call :meth:`wait_idle` first for exact figures."""
        with self._lock:
            return self._stats

    def reset_stats(self) -> None:
        with self._lock:
            self._stats = ProxyStats()
            self._log.clear()

    def records(self) -> list[RequestRecord]:
        """The last 1,000 requests, oldest first: method, path, the fault applied, the status the client got."""
        with self._lock:
            return list(self._log)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until no request is in flight in the proxy (e.g. after a client gave up). True when idle."""
        with self._idle:
            return self._idle.wait_for(lambda: self._in_flight == 0, timeout)

    def _add(self, **counts: int) -> None:
        with self._lock:
            s = self._stats
            self._stats = replace(s, **{k: getattr(s, k) + v for k, v in counts.items()})

    # ------------------------------------------------------------------ the plan for one request
    def _decide(self, method: str, path: str, body_len: int | None) -> _Plan:
        with self._lock:
            f, rng = self._faults, self._rng
            plan = _Plan(cut_mode=f.cut_mode, hang_seconds=f.hang_seconds, duplicate_respond=f.duplicate_respond)
            if not f.matches(method, path):
                return plan
            plan.matched = True
            plan.delay = f.delay
            if f.has_targeted and (self._budget is None or self._budget > 0) and (
                    f.probability >= 1.0 or rng.random() < f.probability):
                if self._budget is not None:
                    self._budget -= 1
                if f.status_override is not None:
                    plan.status, plan.retry_after = f.status_override, f.retry_after
                    plan.labels.append(f"status {f.status_override}")
                elif f.drop_request_after_bytes is not None:
                    plan.req_limit = max(0, f.drop_request_after_bytes)
                    plan.labels.append(f"drop_request@{plan.req_limit}")
                else:
                    if f.duplicate:
                        plan.duplicate = True
                        plan.labels.append("duplicate")
                    if f.drop_response_after_bytes is not None:
                        plan.resp_limit = max(0, f.drop_response_after_bytes)
                        plan.labels.append(f"drop_response@{plan.resp_limit}")
            if (plan.status is None and plan.req_limit is None and plan.resp_limit is None
                    and f.cut_probability > 0 and rng.random() < f.cut_probability):
                if rng.random() < 0.5:
                    plan.req_random = True
                    if body_len:
                        plan.req_limit = rng.randrange(body_len)
                        plan.labels.append(f"cut request@{plan.req_limit}")
                    else:
                        plan.req_cut_before_head = True
                        plan.labels.append("cut request@head")
                else:
                    plan.resp_fraction = rng.random()
                    plan.labels.append(f"cut response@{plan.resp_fraction:.3f}")
            return plan

    # ------------------------------------------------------------------ connections
    async def _on_connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._conn_tasks.add(task)
        try:
            writer.transport.set_write_buffer_limits(high=0)  # drain() = handed to the kernel: exact cuts
            if self.faults.offline:
                self._add(connections_refused=1)
                _reset(writer)
                return
            self._add(connections=1)
            latency = self.faults.latency
            if latency:
                await asyncio.sleep(2 * latency)  # the handshake's round trip
            while await self._serve_one(reader, writer):
                pass
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, TimeoutError):
            _reset(writer)
        except asyncio.CancelledError:
            # stop() or offline: end quietly (re-raising makes asyncio's stream callback log the cancellation)
            _reset(writer)
        finally:
            self._conn_tasks.discard(task)
            if not writer.transport.is_closing():
                writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 1.0)

    async def _serve_one(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        """Serve one request; True to keep the client connection for another one."""
        try:
            async with asyncio.timeout(self.idle_timeout):
                raw = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError as exc:
            if exc.partial.strip():
                raise
            return False  # the client closed between requests
        with self._lock:
            self._in_flight += 1
        try:
            return await self._exchange(raw, reader, writer)
        finally:
            with self._idle:
                self._in_flight -= 1
                self._idle.notify_all()

    async def _exchange(self, raw: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bool:
        self._add(bytes_from_client=len(raw), requests_seen=1)
        head = _parse_head(raw)
        parts = head.start.split(" ")
        if len(parts) != 3:
            raise ValueError("bad request line")
        method, target, version = parts
        path = urlsplit(target).path or "/"
        kind, length = _framing(head)
        conn_tokens = head.tokens(b"connection")
        keep_alive = (b"close" not in conn_tokens) and (version == "HTTP/1.1" or b"keep-alive" in conn_tokens)
        faults = self.faults
        if faults.offline:
            self._record(method, path, "offline", None)
            _reset(writer)
            return False
        plan = self._decide(method, path, length if kind != "chunked" else None)
        label = ", ".join(plan.labels)
        if plan.delay:
            await asyncio.sleep(plan.delay)
        if faults.latency:
            await asyncio.sleep(faults.latency)
        client = _ClientSink(self, writer, plan.resp_limit)

        if plan.status is not None:
            async for chunk in self._body(reader, kind, length):
                self._add(bytes_from_client=len(chunk))
                await self._up_pacer.transmit(len(chunk), self.faults.bandwidth_bps)
            self._add(status_overrides=1)
            await self._latency()
            await client.write(_status_response(plan.status, plan.retry_after, close=not keep_alive))
            self._record(method, path, label, plan.status)
            return keep_alive

        if plan.req_cut_before_head:
            self._add(requests_cut=1)
            self._record(method, path, label, None)
            await self._cut(writer, plan)
            return False

        up_head = head.rewritten(close=True)
        body_copy = bytearray() if plan.duplicate else None
        try:
            up_reader, up_writer = await self._connect()
        except _UpstreamDown:
            self._record(method, path, label + " upstream down", None)
            _reset(writer)
            return False
        try:
            upstream = _UpstreamSink(self, up_writer, plan.req_limit)
            self._add(requests_forwarded=1)
            try:
                await upstream.write(up_head, counted=False)
                async for chunk in self._body(reader, kind, length):
                    self._add(bytes_from_client=len(chunk))
                    if body_copy is not None:
                        body_copy += chunk
                    await upstream.write(chunk)
            except _Cut:
                self._add(requests_cut=1)
                self._record(method, path, label, None)
                _reset(up_writer)
                await self._cut(writer, plan)
                return False
            except OSError:
                raise _UpstreamDown from None
            if plan.req_limit is not None and not plan.req_random:
                plan.resp_limit = 0  # the whole request went up: the answer is what gets lost
                client.limit = 0

            if body_copy is None:
                status, close = await self._relay_response(method, up_reader, client, plan, keep_alive)
            else:
                first = await self._read_response(method, up_reader)
                second = await self._send_again(up_head, bytes(body_copy), method)
                self._add(duplicates=1)
                chosen = first if plan.duplicate_respond == "first" else second
                status, close = await self._send_buffered(method, chosen, client, plan, keep_alive)
        except _Cut:
            self._add(responses_cut=1)
            self._record(method, path, label, None)
            _reset(up_writer)
            await self._cut(writer, plan)
            return False
        except (_UpstreamDown, OSError, asyncio.IncompleteReadError, TimeoutError, ValueError):
            self._record(method, path, label + " upstream broke", None)
            _reset(writer)
            return False
        finally:
            _reset(up_writer)
        self._record(method, path, label, status)
        return keep_alive and not close

    async def _latency(self) -> None:
        latency = self.faults.latency
        if latency:
            await asyncio.sleep(latency)

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        try:
            async with asyncio.timeout(self.io_timeout):
                r, w = await asyncio.open_connection(self._up_host, self._up_port, limit=_HEAD_LIMIT)
        except (OSError, TimeoutError):
            raise _UpstreamDown from None
        w.transport.set_write_buffer_limits(high=0)
        return r, w

    async def _body(self, reader: asyncio.StreamReader, kind: str, length: int) -> AsyncIterator[bytes]:
        """The raw bytes of a message body (chunk framing included), in pieces no larger than the pacing size."""
        size = _chunk_size(self.faults.bandwidth_bps)
        t = self.io_timeout
        if kind == "length":
            left = length
            while left:
                async with asyncio.timeout(t):
                    data = await reader.read(min(left, size))
                if not data:
                    raise asyncio.IncompleteReadError(b"", left)
                left -= len(data)
                yield data
        elif kind == "chunked":
            while True:
                async with asyncio.timeout(t):
                    line = await reader.readuntil(b"\r\n")
                yield line
                n = int(line.split(b";", 1)[0].strip(), 16)
                if n == 0:
                    while True:  # trailers, then the empty line
                        async with asyncio.timeout(t):
                            line = await reader.readuntil(b"\r\n")
                        yield line
                        if line == b"\r\n":
                            return
                left = n + 2
                while left:
                    async with asyncio.timeout(t):
                        data = await reader.read(min(left, size))
                    if not data:
                        raise asyncio.IncompleteReadError(b"", left)
                    left -= len(data)
                    yield data
        elif kind == "close":
            while True:
                async with asyncio.timeout(t):
                    data = await reader.read(size)
                if not data:
                    return
                yield data

    async def _response_head(self, method: str, up_reader: asyncio.StreamReader) -> tuple[_Head, int]:
        async with asyncio.timeout(self.io_timeout):
            raw = await up_reader.readuntil(b"\r\n\r\n")
        self._add(bytes_from_upstream=len(raw))
        head = _parse_head(raw)
        return head, int(head.start.split(" ", 2)[1])

    async def _relay_response(self, method: str, up_reader: asyncio.StreamReader, client: _ClientSink,
                              plan: _Plan, keep_alive: bool) -> tuple[int, bool]:  # fmt: skip
        first = True
        while True:
            head, status = await self._response_head(method, up_reader)
            kind, length = _framing(head, response_to=method, status=status)
            close = kind == "close" or not keep_alive
            if first:
                await self._latency()
                first = False
            interim = 100 <= status < 200 and status != 101
            out = head.raw if interim else head.rewritten(close=close)
            if plan.resp_fraction is not None and client.limit is None:
                client.limit = int(plan.resp_fraction * (len(out) + (length if kind == "length" else _CHUNK)))
            await client.write(out)
            if interim:
                continue
            async for chunk in self._body(up_reader, kind, length):
                self._add(bytes_from_upstream=len(chunk))
                await client.write(chunk)
            return status, close

    async def _read_response(self, method: str, up_reader: asyncio.StreamReader) -> list[bytes]:
        """A whole final response, raw: [head, body pieces...] (interim 1xx answers are dropped)."""
        while True:
            head, status = await self._response_head(method, up_reader)
            kind, length = _framing(head, response_to=method, status=status)
            if not (100 <= status < 200 and status != 101):
                break
        out = [head.raw]
        async for chunk in self._body(up_reader, kind, length):
            self._add(bytes_from_upstream=len(chunk))
            out.append(chunk)
        return out

    async def _send_again(self, up_head: bytes, body: bytes, method: str) -> list[bytes]:
        r, w = await self._connect()
        try:
            self._add(requests_forwarded=1)
            sink = _UpstreamSink(self, w, None)
            await sink.write(up_head, counted=False)
            for i in range(0, len(body), _CHUNK):
                await sink.write(body[i:i + _CHUNK])
            return await self._read_response(method, r)
        finally:
            _reset(w)

    async def _send_buffered(self, method: str, parts: list[bytes], client: _ClientSink, plan: _Plan,
                             keep_alive: bool) -> tuple[int, bool]:  # fmt: skip
        head = _parse_head(parts[0])
        status = int(head.start.split(" ", 2)[1])
        kind = _framing(head, response_to=method, status=status)[0]
        close = kind == "close" or not keep_alive
        out = head.rewritten(close=close)
        body_len = sum(len(p) for p in parts[1:])
        if plan.resp_fraction is not None and client.limit is None:
            client.limit = int(plan.resp_fraction * (len(out) + body_len))
        await self._latency()
        await client.write(out)
        size = _chunk_size(self.faults.bandwidth_bps)
        for p in parts[1:]:
            for i in range(0, len(p), size):
                await client.write(p[i:i + size])
        return status, close

    async def _cut(self, writer: asyncio.StreamWriter, plan: _Plan) -> None:
        if plan.cut_mode == "hang":
            await asyncio.sleep(plan.hang_seconds)
        if plan.cut_mode == "close":
            writer.close()
        else:
            _reset(writer)

    def _record(self, method: str, path: str, fault: str, status: int | None) -> None:
        with self._lock:
            self._log.append(RequestRecord(method, path, fault, status))


class _UpstreamSink:
    """Request bytes on their way upstream: paced on the uplink, cut after ``limit`` body bytes."""

    def __init__(self, proxy: FaultProxy, writer: asyncio.StreamWriter, limit: int | None) -> None:
        self.proxy, self.writer, self.limit, self.sent = proxy, writer, limit, 0

    async def write(self, data: bytes, *, counted: bool = True) -> None:
        cut = False
        if counted and self.limit is not None and self.sent + len(data) > self.limit:
            data, cut = data[:self.limit - self.sent], True
        bps = self.proxy.faults.bandwidth_bps
        size = _chunk_size(bps)
        for i in range(0, len(data), size):
            piece = data[i:i + size]
            await self.proxy._up_pacer.transmit(len(piece), bps)
            self.proxy._add(bytes_to_upstream=len(piece))  # counted first: exact once the peer can see it
            self.writer.write(piece)
            async with asyncio.timeout(self.proxy.io_timeout):
                await self.writer.drain()
        if counted:
            self.sent += len(data)
        if cut:
            raise _Cut


class _ClientSink:
    """Response bytes on their way to the client: paced on the downlink, cut after ``limit`` bytes."""

    def __init__(self, proxy: FaultProxy, writer: asyncio.StreamWriter, limit: int | None) -> None:
        self.proxy, self.writer, self.limit, self.sent = proxy, writer, limit, 0

    async def write(self, data: bytes) -> None:
        cut = False
        if self.limit is not None and self.sent + len(data) > self.limit:
            data, cut = data[:max(0, self.limit - self.sent)], True
        bps = self.proxy.faults.bandwidth_bps
        size = _chunk_size(bps)
        for i in range(0, len(data), size):
            piece = data[i:i + size]
            await self.proxy._down_pacer.transmit(len(piece), bps)
            self.sent += len(piece)
            self.proxy._add(bytes_to_client=len(piece))  # counted first: exact once the client can see it
            self.writer.write(piece)
            async with asyncio.timeout(self.proxy.io_timeout):
                await self.writer.drain()
        if cut:
            raise _Cut


def _status_response(status: int, retry_after: float | str | None, *, close: bool) -> bytes:
    reason = _REASONS.get(status, "Injected")
    body = json.dumps({"detail": f"{reason} (injected by the fault proxy)", "code": f"http_{status}"}).encode()
    lines = [f"HTTP/1.1 {status} {reason}", "Content-Type: application/json", f"Content-Length: {len(body)}"]
    if retry_after is not None:
        ra = retry_after if isinstance(retry_after, str) else f"{retry_after:g}"
        lines.append(f"Retry-After: {ra}")
    if close:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with RST (no lingering): what a broken link looks like to the peer."""
    transport = writer.transport
    if transport.is_closing():
        return
    sock = transport.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
