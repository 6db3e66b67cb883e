"""Back-off policy for the whole sync engine (docs/protocol.md, DESIGN.md "Every response may carry Retry-After").

- 429 / 503 (and other 5xx), network errors (no answer, reset, stall) and answers cut so that they look like an
  empty or garbled 200 (``ProtocolError``: ``bad_shape``, ``not_json``, ``bad_gzip``) are **retryable**;
- everything else is not: 426 (update the app), 401 that a token refresh cannot cure (sign in again), 4xx the
  desk did not expect, local store errors;
- the wait is *full jitter*: uniform in ``[0, min(cap, base * 2**n)]`` where ``n`` counts consecutive failed
  attempts, with the hub's ``Retry-After`` as a floor (never earlier than the hub asked);
- there is no cap on the number of retries: the caller decides when to give up (cancel, offline mode).

Time, sleeping and randomness are injected so tests run without real sleeping.
"""

from __future__ import annotations

import enum
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from desktop.sync.transport import (
    AuthError,
    NetworkError,
    ProtocolError,
    RateLimited,
    ServiceUnavailable,
    TransportError,
    UpgradeRequired,
)

DEFAULT_BASE = 1.0
DEFAULT_CAP = 300.0
RETRYABLE_PROTOCOL_CODES = frozenset({"bad_shape", "not_json", "bad_gzip"})


class ErrorClass(enum.Enum):
    BUSY = "busy"  # 429/503/5xx: the hub asks the whole engine to back off
    NETWORK = "network"  # no answer, reset, stalled, or a cut that looks like a garbled 200
    AUTH = "auth"  # 401 after a refresh: sign in again (not retryable)
    UPGRADE = "upgrade"  # 426: update the app (not retryable)
    FATAL = "fatal"  # anything else (not retryable)


def classify(exc: BaseException) -> ErrorClass:
    if isinstance(exc, RateLimited | ServiceUnavailable):
        return ErrorClass.BUSY
    if isinstance(exc, NetworkError):
        return ErrorClass.NETWORK
    if isinstance(exc, ProtocolError) and exc.code in RETRYABLE_PROTOCOL_CODES:
        return ErrorClass.NETWORK
    if isinstance(exc, UpgradeRequired):
        return ErrorClass.UPGRADE
    if isinstance(exc, AuthError):
        return ErrorClass.AUTH
    return ErrorClass.FATAL


def is_retryable(exc: BaseException) -> bool:
    return classify(exc) in (ErrorClass.BUSY, ErrorClass.NETWORK)


def retry_after_of(exc: BaseException) -> float | None:
    if isinstance(exc, TransportError) and exc.retry_after is not None:
        return max(0.0, float(exc.retry_after))
    return None


@dataclass(frozen=True)
class Delay:
    """One wait: ``seconds`` in total, of which ``floor`` is the hub's Retry-After (0 when none)."""

    seconds: float
    floor: float
    attempt: int  # the consecutive failure this wait follows (1 = the first)
    kind: ErrorClass


class Backoff:
    """Full-jitter exponential back-off with a Retry-After floor; ``failures`` counts consecutive failures."""

    def __init__(self, base: float = DEFAULT_BASE, cap: float = DEFAULT_CAP, *,
                 rand: Callable[[], float] | None = None) -> None:  # fmt: skip
        if base <= 0 or cap <= 0:
            raise ValueError("base and cap must be positive")
        self.base = float(base)
        self.cap = float(cap)
        self._rand = rand or random.random
        self.failures = 0

    def ceiling(self, n: int) -> float:
        """The jitter window after the n-th consecutive failure (n ≥ 1): min(cap, base * 2**(n-1))."""
        exp = min(max(0, n - 1), 62)  # no overflow however long the outage
        return min(self.cap, self.base * float(2**exp))

    def next_delay(self, exc: BaseException) -> Delay:
        """Record one more failure and return how long to wait before the next attempt."""
        self.failures += 1
        window = self.ceiling(self.failures)
        jitter = self._rand() * window
        floor = retry_after_of(exc) or 0.0
        return Delay(max(jitter, floor), floor, self.failures, classify(exc))

    def reset(self) -> None:
        self.failures = 0


class Sleeper:
    """Waits that end early on cancel or on a nudge ("Sync now", connectivity back), never before the floor.

    ``clock`` and ``wait`` are injectable: ``wait(seconds)`` blocks until woken or ``seconds`` pass (tests pass a
    function that advances a fake clock instead). A nudge that arrives while no one sleeps is kept for the next
    sleep (the runner clears it when an attempt starts: that attempt answers it).
    """

    MAX_BLOCK = 1.0  # a cancel set without wake() is still noticed within this

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 wait: Callable[[float], object] | None = None) -> None:  # fmt: skip
        self.clock = clock
        self._event = threading.Event()
        self._wait = wait or self._event.wait
        self._nudged = False

    def nudge(self) -> None:
        self._nudged = True
        self._event.set()

    def wake(self) -> None:
        """Make a sleeper look at its cancel event and ``stop`` predicate now."""
        self._event.set()

    def clear_nudge(self) -> None:
        self._nudged = False

    @property
    def nudged(self) -> bool:
        return self._nudged

    def sleep(self, seconds: float, cancel: threading.Event | None = None, *, floor: float = 0.0,
              stop: Callable[[], bool] | None = None) -> str:  # fmt: skip
        """Wait ``seconds``; returns "slept", "nudged" (woken early, but never before ``floor``), "cancelled", or
        "stopped" (``stop()`` became true: checked on every wake-up, see :meth:`wake`)."""
        start = self.clock()
        while True:
            self._event.clear()  # anything set from here on wakes the wait below
            if cancel is not None and cancel.is_set():
                return "cancelled"
            if stop is not None and stop():
                return "stopped"
            nudged = self._nudged
            left = start + (min(floor, seconds) if nudged else seconds) - self.clock()
            if left <= 0:
                if nudged:
                    self._nudged = False
                    return "nudged"
                return "slept"
            self._wait(min(left, self.MAX_BLOCK))
