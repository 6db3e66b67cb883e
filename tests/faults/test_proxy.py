"""The fault-injecting proxy (desktop/testing/proxy.py): pass-through, each fault, and its own hygiene.

A tiny upstream (http.server in a thread) counts the requests it *completed* (whole body read, before answering),
so each test can say whether the upstream processed a request the client saw fail.
"""

from __future__ import annotations

import gzip
import http.server
import random
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from desktop.testing.proxy import FaultProxy

# A cut mid-head is a ConnectionError; a cut mid-body surfaces from requests as ChunkedEncodingError.
CUT = (requests.ConnectionError, requests.exceptions.ChunkedEncodingError)


def _payload(n: int, seed: int = 1) -> bytes:
    return random.Random(seed).randbytes(n)


class _Upstream(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # cut connections are the point of these tests

    def count(self, path: str) -> int:
        with self.lock:
            return self.counts[path]


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Upstream

    def log_message(self, format: str, *args: object) -> None:
        pass

    def date_time_string(self, timestamp: float | None = None) -> str:
        return "Thu, 01 Jan 2026 00:00:00 GMT"

    def _done(self, path: str) -> None:
        with self.server.lock:
            self.server.counts[path] += 1

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        n = int(q.get("n", "1000"))
        body = _payload(n)
        self._done(url.path)
        if url.path == "/bytes":
            extra = {}
            if q.get("gzip"):
                body = gzip.compress(body, mtime=0)
                extra["Content-Encoding"] = "gzip"
            self._send(200, body, extra)
        elif url.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for i in range(0, n, 777):
                piece = body[i:i + 777]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        elif url.path == "/close":
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True
        else:
            self._send(404, b"{}", {})

    def do_POST(self) -> None:
        if self.headers.get("Transfer-Encoding") == "chunked":
            parts = []
            while size := int(self.rfile.readline().split(b";")[0], 16):
                parts.append(self.rfile.read(size))
                self.rfile.readline()
            self.rfile.readline()
            body, length = b"".join(parts), -1
        else:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
        if length >= 0 and len(body) != length:
            self.close_connection = True
            return  # incomplete: never processed
        path = urlsplit(self.path).path
        self._done(path)
        self._send(200, b"n=%d:" % self.server.count(path) + body, {})

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def upstream() -> Iterator[_Upstream]:
    server = _Upstream()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def proxy(upstream: _Upstream) -> Iterator[FaultProxy]:
    before = {t.ident for t in threading.enumerate()}
    with FaultProxy(f"http://127.0.0.1:{upstream.server_address[1]}", seed=1, io_timeout=10) as p:
        yield p
    leaked = [t for t in threading.enumerate() if t.ident not in before and t.name == "FaultProxy"]
    assert not leaked


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as s:
        yield s


def _raw(session: requests.Session, url: str) -> requests.Response:
    resp = session.get(url, stream=True, timeout=10)
    resp.raw_bytes = resp.raw.read(decode_content=False)  # type: ignore[attr-defined]
    return resp


def test_pass_through_is_byte_identical(proxy: FaultProxy, upstream: _Upstream,
                                        session: requests.Session) -> None:  # fmt: skip
    direct = f"http://127.0.0.1:{upstream.server_address[1]}"
    for path in ("/bytes?n=100000", "/bytes?n=50000&gzip=1", "/chunked?n=30000", "/close?n=20000", "/bytes?n=0"):
        a, b = _raw(session, direct + path), _raw(session, proxy.url + path)
        assert b.status_code == a.status_code == 200
        assert b.raw_bytes == a.raw_bytes, path  # type: ignore[attr-defined]
        drop = {"connection", "keep-alive"}
        assert {k: v for k, v in b.headers.items() if k.lower() not in drop} == \
               {k: v for k, v in a.headers.items() if k.lower() not in drop}  # fmt: skip
    gz = session.get(proxy.url + "/bytes?n=50000&gzip=1", timeout=10)
    assert gz.content == _payload(50000)  # requests un-gzips what went through untouched

    body = _payload(300_000, seed=2)
    echoed = session.post(proxy.url + "/echo", data=body, timeout=10)
    assert echoed.content == b"n=1:" + body
    chunked = session.post(proxy.url + "/echo", data=iter([body[:1000], body[1000:]]), timeout=10)
    assert chunked.content == b"n=2:" + body  # a chunked request body goes through too

    assert proxy.wait_idle()
    s = proxy.stats()
    assert s.requests_seen == s.requests_forwarded == 8
    assert s.requests_cut == s.responses_cut == 0
    assert s.connections <= 3  # keep-alive on the client side ("/close" ends one connection)
    assert s.bytes_from_client > 600_000 and s.bytes_to_client > 500_000
    assert s.wire_bytes == s.bytes_from_client + s.bytes_to_client


def test_drop_mid_request_upstream_never_gets_it(proxy: FaultProxy, upstream: _Upstream,
                                                 session: requests.Session) -> None:  # fmt: skip
    proxy.set(drop_request_after_bytes=1000, times=1, path_filter="/echo")
    with pytest.raises(requests.ConnectionError):
        session.post(proxy.url + "/echo", data=_payload(200_000), timeout=10)
    assert proxy.wait_idle()
    assert upstream.count("/echo") == 0
    s = proxy.stats()
    assert (s.requests_cut, s.responses_cut) == (1, 0)
    assert s.bytes_to_upstream < 2000 + 1000  # the head and 1,000 body bytes, not more
    # The budget is spent: the retry goes through, and the upstream sees it once.
    assert session.post(proxy.url + "/echo", data=b"again", timeout=10).content == b"n=1:again"
    assert proxy.remaining == 0


def test_drop_after_whole_request_upstream_processed(proxy: FaultProxy, upstream: _Upstream,
                                                     session: requests.Session) -> None:  # fmt: skip
    proxy.set(drop_request_after_bytes=10_000, times=1)  # the body is smaller: all of it goes up
    with pytest.raises(requests.ConnectionError):
        session.post(proxy.url + "/echo", data=b"x" * 5000, timeout=10)
    assert upstream.count("/echo") == 1
    assert proxy.stats().bytes_to_client == 0


@pytest.mark.parametrize("after", [0, 500])
def test_drop_mid_response_after_upstream_processed(proxy: FaultProxy, upstream: _Upstream,
                                                    session: requests.Session, after: int) -> None:  # fmt: skip
    proxy.set(drop_response_after_bytes=after, path_filter="/echo", times=1)
    with pytest.raises(CUT):
        session.post(proxy.url + "/echo", data=b"y" * 5000, timeout=10).content  # noqa: B018
    assert upstream.count("/echo") == 1  # the "did my op apply?" case: it did
    assert proxy.wait_idle()
    s = proxy.stats()
    assert (s.responses_cut, s.requests_cut) == (1, 0)
    assert s.bytes_to_client == after
    assert [r.fault for r in proxy.records()] == [f"drop_response@{after}"]


@pytest.mark.parametrize("mode", ["close", "reset"])
def test_cut_modes_both_fail_the_client(proxy: FaultProxy, session: requests.Session, mode: str) -> None:
    proxy.set(drop_response_after_bytes=2000, cut_mode=mode)
    with pytest.raises(CUT):
        session.get(proxy.url + "/bytes?n=10000", timeout=10).content  # noqa: B018


def test_fin_inside_the_head_can_look_like_an_empty_success(proxy: FaultProxy, upstream: _Upstream,
                                                            session: requests.Session) -> None:  # fmt: skip
    # http.client takes EOF for the end of the headers: a FIN after the status line, before Content-Length,
    # reaches requests as a 200 with an empty body. The desk must take a 2xx without a valid body as a failed
    # call (Transport's shape checks raise ProtocolError "bad_shape"), never as an answer.
    proxy.set(drop_response_after_bytes=40, path_filter="/echo", times=1)
    resp = session.post(proxy.url + "/echo", data=b"op", timeout=10)
    assert resp.status_code == 200 and resp.content == b""
    assert upstream.count("/echo") == 1
    proxy.set(drop_response_after_bytes=40, cut_mode="reset", times=1)  # an RST is an error at any point
    with pytest.raises(requests.ConnectionError):
        session.post(proxy.url + "/echo", data=b"op", timeout=10)


def test_hang_mode_stalls_until_the_client_gives_up_and_stop_does_not_wait(
        upstream: _Upstream, session: requests.Session) -> None:  # fmt: skip
    proxy = FaultProxy(f"http://127.0.0.1:{upstream.server_address[1]}").start()
    try:
        proxy.set(drop_response_after_bytes=100, cut_mode="hang", hang_seconds=60)
        with pytest.raises((requests.Timeout, requests.exceptions.ChunkedEncodingError)):
            session.get(proxy.url + "/bytes?n=10000", timeout=0.3).content  # noqa: B018
    finally:
        started = time.monotonic()
        proxy.stop()
        assert time.monotonic() - started < 5


def test_status_override_with_retry_after(proxy: FaultProxy, upstream: _Upstream,
                                          session: requests.Session) -> None:  # fmt: skip
    proxy.set(status_override=503, retry_after=7, times=2, path_filter="/echo")
    for _ in range(2):
        resp = session.post(proxy.url + "/echo", data=b"z" * 3000, timeout=10)
        assert resp.status_code == 503
        assert resp.headers["Retry-After"] == "7"
        assert resp.json()["code"] == "http_503"
    assert session.get(proxy.url + "/bytes?n=10", timeout=10).status_code == 200  # not matched by the filter
    assert session.post(proxy.url + "/echo", data=b"ok", timeout=10).content == b"n=1:ok"
    assert upstream.count("/echo") == 1
    assert proxy.wait_idle()
    s = proxy.stats()
    assert (s.status_overrides, s.requests_seen, s.requests_forwarded) == (2, 4, 2)
    assert s.connections == 1  # the 503s kept the connection usable

    proxy.set(status_override=429, retry_after="Wed, 21 Oct 2026 07:28:00 GMT", times=None, path_filter=None)
    resp = session.get(proxy.url + "/bytes?n=10", timeout=10)
    assert (resp.status_code, resp.headers["Retry-After"]) == (429, "Wed, 21 Oct 2026 07:28:00 GMT")


def _outcomes(url: str, seed: int, **faults: Any) -> tuple[list[str], int]:
    upstream = _Upstream()
    thread = threading.Thread(target=upstream.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    out: list[str] = []
    try:
        with FaultProxy(f"http://127.0.0.1:{upstream.server_address[1]}", seed=seed, **faults) as proxy, \
                requests.Session() as s:  # fmt: skip
            for i in range(24):
                try:
                    r = s.post(proxy.url + "/echo", data=_payload(3000, seed=i), timeout=10)
                    out.append(str(r.status_code))
                except CUT:
                    out.append("cut")
            proxy.wait_idle()
        return out, upstream.count("/echo")
    finally:
        upstream.shutdown()
        upstream.server_close()
        thread.join(5)


def test_random_plan_is_repeatable_for_a_seed(proxy: FaultProxy) -> None:
    a = _outcomes(proxy.url, 5, cut_probability=0.3, status_override=503, probability=0.2)
    b = _outcomes(proxy.url, 5, cut_probability=0.3, status_override=503, probability=0.2)
    assert a == b
    outcomes, processed = a
    assert {"cut", "503", "200"} <= set(outcomes)
    assert processed >= outcomes.count("200")  # response cuts were processed too, request cuts were not


def test_duplicate_delivery(proxy: FaultProxy, upstream: _Upstream, session: requests.Session) -> None:
    proxy.set(duplicate=True, times=1)
    resp = session.post(proxy.url + "/echo", data=b"op-1" * 500, timeout=10)
    assert resp.status_code == 200
    assert resp.content == b"n=2:" + b"op-1" * 500  # the client gets the second answer by default
    assert upstream.count("/echo") == 2
    assert proxy.wait_idle()
    s = proxy.stats()
    assert (s.duplicates, s.requests_seen, s.requests_forwarded) == (1, 1, 2)

    proxy.set(duplicate=True, duplicate_respond="first", drop_response_after_bytes=None, times=1)
    assert session.post(proxy.url + "/echo", data=b"op-2", timeout=10).content == b"n=3:op-2"
    assert upstream.count("/echo") == 4

    proxy.set(duplicate=True, drop_response_after_bytes=0, times=1)  # done twice, heard never
    with pytest.raises(CUT):
        session.post(proxy.url + "/echo", data=b"op-3", timeout=10)
    assert upstream.count("/echo") == 6


def test_bandwidth_throttle_paces_both_directions(proxy: FaultProxy, session: requests.Session) -> None:
    bps = 4_000_000
    proxy.set(bandwidth_bps=bps)
    started = time.monotonic()
    resp = session.get(proxy.url + "/bytes?n=200000", timeout=30)
    down = time.monotonic() - started
    assert resp.content == _payload(200_000)
    assert down >= 0.9 * 200_000 * 8 / bps  # 0.4 s at 4 Mbit/s (the lower bound the pacing guarantees)

    started = time.monotonic()
    session.post(proxy.url + "/echo", data=_payload(100_000), timeout=30)
    up_and_down = time.monotonic() - started
    assert up_and_down >= 0.9 * 2 * 100_000 * 8 / bps  # 100 KB up, then the same 100 KB echoed down


def test_latency_and_delay(proxy: FaultProxy, session: requests.Session) -> None:
    proxy.set(latency=0.1)
    started = time.monotonic()
    session.get(proxy.url + "/bytes?n=10", timeout=10)  # new connection: handshake + request + response
    first = time.monotonic() - started
    started = time.monotonic()
    session.get(proxy.url + "/bytes?n=10", timeout=10)  # kept alive: one round trip
    second = time.monotonic() - started
    assert first >= 0.4 * 0.95 and second >= 0.2 * 0.95
    proxy.set(latency=0.0, delay=0.2, path_filter="/bytes")
    started = time.monotonic()
    session.get(proxy.url + "/bytes?n=10", timeout=10)
    assert time.monotonic() - started >= 0.2 * 0.95


def test_offline_is_a_dead_link(proxy: FaultProxy, upstream: _Upstream, session: requests.Session) -> None:
    assert session.get(proxy.url + "/bytes?n=10", timeout=10).status_code == 200  # a kept-alive connection
    with requests.Session() as fresh:
        proxy.set(offline=True)
        for s in (session, fresh):
            with pytest.raises(requests.ConnectionError):
                s.get(proxy.url + "/bytes?n=10", timeout=10)
    assert upstream.count("/bytes") == 1
    assert proxy.stats().connections_refused >= 1
    proxy.set(offline=False)
    assert session.get(proxy.url + "/bytes?n=10", timeout=10).status_code == 200


def test_fault_context_restores_settings(proxy: FaultProxy, session: requests.Session) -> None:
    proxy.set(latency=0.01)
    with proxy.fault(status_override=500):
        assert session.get(proxy.url + "/bytes?n=10", timeout=10).status_code == 500
    assert proxy.faults.status_override is None and proxy.faults.latency == 0.01
    assert session.get(proxy.url + "/bytes?n=10", timeout=10).status_code == 200
    with pytest.raises(TypeError):
        proxy.set(no_such_fault=1)


def test_upstream_down_looks_like_a_broken_link(session: requests.Session) -> None:
    from desktop.testing.hub import free_port

    with FaultProxy(f"http://127.0.0.1:{free_port()}", io_timeout=2) as proxy, \
            pytest.raises(requests.ConnectionError):  # fmt: skip
        session.get(proxy.url + "/healthz", timeout=10)


def test_through_a_real_hub(tmp_path: Path) -> None:
    from desktop.testing.hub import run_hub

    with run_hub("sqlite:///" + str(tmp_path / "hub.db"), seed_complaints=20) as hub_url, \
            FaultProxy(hub_url, seed=3) as proxy, requests.Session() as s:  # fmt: skip
        s.headers["X-Lapor-Protocol"] = "1"
        health = s.get(proxy.url + "/healthz", timeout=10)
        assert health.json() == s.get(hub_url + "/healthz", timeout=10).json()
        sign_in = {"username": "admin.pupr", "password": "demo", "device_id": "t"}

        proxy.set(drop_response_after_bytes=0, path_filter="/api/v1/auth/token", times=1)
        with pytest.raises(requests.ConnectionError):
            s.post(proxy.url + "/api/v1/auth/token", json=sign_in, timeout=30)
        resp = s.post(proxy.url + "/api/v1/auth/token", json=sign_in, timeout=30)
        assert resp.status_code == 200, resp.text
        out = resp.json()
        assert out["user"]["username"] == "admin.pupr" and out["access_token"]

        proxy.set(status_override=503, retry_after=2, times=1, path_filter="/api/v1/changes")
        auth = {"Authorization": f"Bearer {out['access_token']}"}
        assert s.get(proxy.url + "/api/v1/changes?after=0&limit=5", headers=auth, timeout=30).status_code == 503
        changes = s.get(proxy.url + "/api/v1/changes?after=0&limit=200", headers=auth, timeout=30)
        assert changes.status_code == 200 and changes.headers.get("Content-Encoding") == "gzip"
        assert len(changes.json()["changes"]) == 200
        assert proxy.wait_idle()
        stats = proxy.stats()
        assert (stats.responses_cut, stats.status_overrides) == (1, 1)
        assert stats.bytes_to_client < len(changes.content)  # gzip on the wire
