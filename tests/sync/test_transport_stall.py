"""The transport's stall watchdog and mid-sync token refresh, against a real hub behind the fault proxy.

A slow transfer that keeps moving outlives the stall limit; a silent one fails with ``code="stalled"`` soon after
the limit, whether the hub is slow to start answering or the answer stops half-way.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from desktop.store.engine import Replica
from desktop.sync.backoff import is_retryable
from desktop.sync.engine import SyncEngine, SyncProgress
from desktop.sync.transport import NetworkError, Transport
from desktop.testing.proxy import FaultProxy
from tests.sync.conftest import ADMIN, PASSWORD

STALL = 0.4


@pytest.fixture
def proxy(hub_url: str) -> Iterator[FaultProxy]:
    with FaultProxy(hub_url, seed=3) as p:
        yield p


def _signed(proxy: FaultProxy, stall: float = STALL) -> Transport:
    # Sign in under a generous limit (a password check may queue behind others on a busy machine), then watch
    # the transfers under test with the short one.
    t = Transport(proxy.url, "device-stall", stall_timeout=10.0)
    t.sign_in(ADMIN, PASSWORD)
    t.stall_timeout = stall
    return t


def test_stall_timeout_is_the_read_timeout() -> None:
    t = Transport("http://127.0.0.1:9", "d", stall_timeout=3.0)
    assert t.timeout[1] == 3.0 and t.stall_timeout == 3.0
    t.stall_timeout = 5
    assert t.timeout == (t.timeout[0], 5.0)


def test_slow_transfer_that_keeps_moving_is_not_a_stall(proxy: FaultProxy) -> None:
    t = _signed(proxy)
    size = len(str(t.changes(0, 200)))  # warm: how big the page is
    assert size > 0
    proxy.set(bandwidth_bps=48_000, path_filter="/api/v1/changes")  # ~6 KB/s: the page takes ~1.5 s
    before_bytes = t.bytes_received
    started = time.monotonic()
    page = t.changes(0, 200)
    took = time.monotonic() - started
    assert page["changes"]
    assert took > STALL * 2, "the page should take longer than the stall limit over this link"
    assert t.bytes_received > before_bytes
    assert t.last_activity >= started


def test_hub_silent_before_answering_is_a_stall(proxy: FaultProxy) -> None:
    t = _signed(proxy)
    proxy.set(delay=10.0, path_filter="/api/v1/changes", times=1)
    started = time.monotonic()
    with pytest.raises(NetworkError) as err:
        t.changes(0, 10)
    assert err.value.code == "stalled"
    assert is_retryable(err.value)
    # the watchdog ended it, not the proxy giving up (generous: a loaded machine is slow)
    assert time.monotonic() - started < 8.0
    proxy.set(delay=0.0)
    assert t.changes(0, 10)["changes"]  # the link is fine again


def test_answer_that_stops_half_way_is_a_stall(proxy: FaultProxy) -> None:
    t = _signed(proxy)
    proxy.set(drop_response_after_bytes=600, cut_mode="hang", hang_seconds=10.0, path_filter="/api/v1/changes",
              times=1)  # fmt: skip
    started = time.monotonic()
    with pytest.raises(NetworkError) as err:
        t.changes(0, 300)
    assert err.value.code == "stalled"
    # the watchdog ended it, not the proxy giving up (generous: a loaded machine is slow)
    assert time.monotonic() - started < 8.0


def test_answer_cut_half_way_is_a_retryable_network_error(proxy: FaultProxy) -> None:
    t = _signed(proxy)
    proxy.set(drop_response_after_bytes=600, cut_mode="close", path_filter="/api/v1/changes", times=1)
    with pytest.raises(Exception) as err:
        t.changes(0, 300)
    assert is_retryable(err.value), repr(err.value)


def test_access_token_refreshed_mid_sync(proxy: FaultProxy, replica: Replica) -> None:
    t = _signed(proxy, stall=10.0)
    rotated: list[str] = []
    t.on_refresh_token = rotated.append
    replica.set_account(t.server_url, t.user or {})
    expired = False

    def progress(p: SyncProgress) -> None:
        nonlocal expired
        if p.phase == "pull" and not expired:  # the access token dies between two pages
            expired = True
            t._access = "expired-token"

    summary = SyncEngine(replica, t, t.device_id, pull_limit=100).run_once(progress=progress)
    assert expired and not summary.cancelled and summary.pulled > 100
    assert len(rotated) == 1  # refreshed exactly once, the new refresh token handed to the keyring
    paths = [r.path for r in proxy.records()]
    assert any(p.startswith("/api/v1/auth/refresh") for p in paths)


def test_concurrent_calls_with_an_expired_token_refresh_once(proxy: FaultProxy) -> None:
    t = _signed(proxy, stall=10.0)
    rotated: list[str] = []
    t.on_refresh_token = rotated.append
    t._access = "expired-token"
    proxy.set(delay=0.3, path_filter="/api/v1/changes")  # both calls are in flight together
    errors: list[BaseException] = []
    pages: list[object] = []

    def call() -> None:
        try:
            pages.append(t.changes(0, 5))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=call) for _ in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    assert errors == [] and len(pages) == 3
    assert len(rotated) == 1  # one refresh; a second would have presented the rotated-away refresh token
