"""Back-off policy: full jitter, Retry-After floor, no retry cap, which errors are retryable; no real sleeping."""

from __future__ import annotations

import threading

import pytest

from desktop.sync.backoff import Backoff, ErrorClass, Sleeper, classify, is_retryable
from desktop.sync.transport import (
    AuthError,
    CursorExpired,
    InvalidRequest,
    NetworkError,
    ProtocolError,
    RateLimited,
    ServiceUnavailable,
    UpgradeRequired,
)


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (RateLimited("busy", status=429, retry_after=5), ErrorClass.BUSY),
        (ServiceUnavailable("down", status=503), ErrorClass.BUSY),
        (ServiceUnavailable("oops", status=500, code="http_500"), ErrorClass.BUSY),
        (NetworkError("refused", code="network"), ErrorClass.NETWORK),
        (NetworkError("stalled", code="stalled"), ErrorClass.NETWORK),
        (NetworkError("cut", code="cut"), ErrorClass.NETWORK),
        (ProtocolError("garbled", code="bad_shape"), ErrorClass.NETWORK),
        (ProtocolError("garbled", code="not_json"), ErrorClass.NETWORK),
        (ProtocolError("garbled", code="bad_gzip"), ErrorClass.NETWORK),
        (UpgradeRequired("update the app", status=426), ErrorClass.UPGRADE),
        (AuthError("sign in again", status=401, code="unauthenticated"), ErrorClass.AUTH),
        (InvalidRequest("no", status=422), ErrorClass.FATAL),
        (CursorExpired("410", status=410), ErrorClass.FATAL),
        (ProtocolError("other", code="something_else"), ErrorClass.FATAL),
        (RuntimeError("bug"), ErrorClass.FATAL),
    ],
)
def test_classify(exc: BaseException, kind: ErrorClass) -> None:
    assert classify(exc) is kind
    assert is_retryable(exc) == (kind in (ErrorClass.BUSY, ErrorClass.NETWORK))


def test_full_jitter_window_doubles_up_to_the_cap_and_never_stops() -> None:
    b = Backoff(base=1.0, cap=60.0, rand=lambda: 1.0)
    waits = [b.next_delay(NetworkError("x")).seconds for _ in range(10)]
    assert waits == [1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0, 60.0, 60.0]
    assert b.failures == 10  # no retry cap: it keeps answering
    for _ in range(2000):  # a very long outage: no overflow
        assert b.next_delay(NetworkError("x")).seconds == 60.0
    b.reset()
    assert b.next_delay(NetworkError("x")).seconds == 1.0


def test_jitter_is_uniform_from_zero() -> None:
    b = Backoff(base=2.0, cap=100.0, rand=lambda: 0.25)
    assert [b.next_delay(NetworkError("x")).seconds for _ in range(3)] == [0.5, 1.0, 2.0]
    zero = Backoff(rand=lambda: 0.0)
    assert zero.next_delay(NetworkError("x")).seconds == 0.0


def test_retry_after_is_a_floor_never_a_ceiling() -> None:
    b = Backoff(base=1.0, cap=300.0, rand=lambda: 0.0)
    d = b.next_delay(RateLimited("busy", status=429, retry_after=30))
    assert (d.seconds, d.floor, d.attempt, d.kind) == (30.0, 30.0, 1, ErrorClass.BUSY)
    big = Backoff(base=100.0, cap=300.0, rand=lambda: 1.0)
    assert big.next_delay(ServiceUnavailable("down", status=503, retry_after=5)).seconds == 100.0


def test_bad_arguments() -> None:
    with pytest.raises(ValueError):
        Backoff(base=0)


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    def wait(self, seconds: float) -> bool:
        self.now += seconds
        return False


def test_sleeper_sleeps_the_whole_time_without_a_nudge() -> None:
    t = FakeTime()
    s = Sleeper(clock=t.clock, wait=t.wait)
    assert s.sleep(7.5) == "slept"
    assert t.now == pytest.approx(7.5)


def test_sleeper_nudge_wakes_early_but_not_before_the_floor() -> None:
    t = FakeTime()
    s = Sleeper(clock=t.clock, wait=t.wait)
    s.nudge()  # "Sync now" pressed while the attempt was failing
    assert s.sleep(100.0, floor=12.0) == "nudged"
    assert t.now == pytest.approx(12.0)  # the hub's Retry-After still holds
    assert not s.nudged
    t.now = 0.0
    assert s.sleep(3.0) == "slept"  # the nudge was consumed


def test_sleeper_cancel() -> None:
    t = FakeTime()
    s = Sleeper(clock=t.clock, wait=t.wait)
    cancel = threading.Event()
    cancel.set()
    assert s.sleep(100.0, cancel) == "cancelled"
    assert t.now == 0.0


def test_sleeper_real_wait_is_woken_from_another_thread() -> None:
    s = Sleeper()
    cancel = threading.Event()
    out: list[str] = []
    th = threading.Thread(target=lambda: out.append(s.sleep(60.0, cancel)))
    th.start()
    cancel.set()
    s.wake()
    th.join(5)
    assert out == ["cancelled"]
    th = threading.Thread(target=lambda: out.append(s.sleep(60.0)))
    th.start()
    s.nudge()
    th.join(5)
    assert out[-1] == "nudged"
