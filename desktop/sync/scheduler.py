"""When to sync: the decisions, without Qt and without threads (desktop/ui/autosync.py is the glue).

Triggers:
- **start**: right after the window opens;
- **local change**: a user action queued an op: sync ``debounce`` seconds later; more actions push it out again,
  but never more than ``max_debounce`` after the first (a burst of work still goes out promptly);
- **periodic**: ``period`` seconds after the last pass ended (the hub's changes come in without a click);
- **connectivity regained**: the network (or the hub's /healthz) came back: now;
- **Sync now**: now; it also clears a block left by a failure retrying cannot cure (sign-in, update the app).
The **work offline** switch stops all traffic: nothing is due while it is on, and turning it on asks the glue to
cancel a pass in flight. Known-offline (no network) also holds every trigger until connectivity comes back.

The glue calls the event methods, then :meth:`SyncScheduler.poll` (start a pass now?) and
:meth:`SyncScheduler.seconds_until_due` (when to poll again), and :meth:`SyncScheduler.take_nudge` (tell a
running pass that waits to retry: try now).
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable

DEFAULT_DEBOUNCE = 3.0
DEFAULT_MAX_DEBOUNCE = 20.0
DEFAULT_PERIOD = 300.0


class Trigger(enum.Enum):
    START = "start"
    LOCAL_CHANGE = "local_change"
    PERIODIC = "periodic"
    CONNECTIVITY = "connectivity"
    MANUAL = "manual"


# when two triggers are due together, the one reported (for the status text) is the most specific
_RANK = {
    Trigger.MANUAL: 4,
    Trigger.CONNECTIVITY: 3,
    Trigger.LOCAL_CHANGE: 2,
    Trigger.START: 1,
    Trigger.PERIODIC: 0,
}


class SyncScheduler:
    def __init__(self, *, debounce: float = DEFAULT_DEBOUNCE, max_debounce: float = DEFAULT_MAX_DEBOUNCE,
                 period: float = DEFAULT_PERIOD, clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self.debounce = debounce
        self.max_debounce = max(debounce, max_debounce)
        self.period = period
        self.clock = clock
        self.work_offline = False
        self.online: bool | None = None  # None: unknown (no connectivity information): treated as online
        self.running = False
        self.blocked = False  # the last pass failed in a way only the user can cure
        self._due: dict[Trigger, float] = {}
        self._burst_started: float | None = None
        self._nudge = False

    # ------------------------------------------------------------ events
    def start(self) -> None:
        self._due[Trigger.START] = self.clock()

    def local_change(self) -> None:
        now = self.clock()
        if self._burst_started is None or Trigger.LOCAL_CHANGE not in self._due:
            self._burst_started = now
        self._due[Trigger.LOCAL_CHANGE] = min(now + self.debounce, self._burst_started + self.max_debounce)

    def sync_now(self) -> bool:
        """The "Sync now" button: False (and nothing happens) while working offline."""
        if self.work_offline:
            return False
        self.blocked = False
        if self.running:
            self._nudge = True  # the pass in flight is the answer; if it waits to retry, it tries now
        else:
            self._due[Trigger.MANUAL] = self.clock()
        return True

    def connectivity(self, online: bool | None) -> None:
        """The network (or the hub) is reachable (True), not (False), or we cannot tell (None)."""
        was = self.online
        self.online = online
        if online and was is False:
            if self.running:
                self._nudge = True
            else:
                self._due[Trigger.CONNECTIVITY] = self.clock()

    def set_work_offline(self, on: bool) -> bool:
        """The work-offline switch. Returns True when a pass in flight must be cancelled now."""
        was = self.work_offline
        self.work_offline = on
        if on:
            return self.running
        if was:
            self._due[Trigger.CONNECTIVITY] = self.clock()  # back to work: catch up now
        return False

    def sync_started(self) -> None:
        self.running = True
        self._nudge = False

    def sync_finished(self, *, blocked: bool = False) -> None:
        """A pass ended (synced, cancelled, went offline, or failed). ``blocked``: failed for good (426, sign-in)."""
        self.running = False
        self.blocked = blocked
        self._due[Trigger.PERIODIC] = self.clock() + self.period

    # ------------------------------------------------------------ decisions
    @property
    def may_sync(self) -> bool:
        return not self.work_offline and self.online is not False

    def next_due(self) -> tuple[float, Trigger] | None:
        if not self._due:
            return None
        when = min(self._due.values())
        ready = [t for t, at in self._due.items() if at <= when]
        return when, max(ready, key=_RANK.__getitem__)

    def seconds_until_due(self) -> float | None:
        """How long until :meth:`poll` may start a pass; None: nothing to wait for (offline, running, blocked)."""
        if self.running or not self.may_sync:
            return None
        due = self._due_considering_block()
        if due is None:
            return None
        return max(0.0, due[0] - self.clock())

    def _due_considering_block(self) -> tuple[float, Trigger] | None:
        if not self.blocked:
            return self.next_due()
        if Trigger.MANUAL in self._due:
            return self._due[Trigger.MANUAL], Trigger.MANUAL
        return None

    def poll(self) -> Trigger | None:
        """The trigger to start a pass for now (the pass is then marked running), or None."""
        if self.running or not self.may_sync:
            return None
        due = self._due_considering_block()
        if due is None or due[0] > self.clock():
            return None
        # one pass answers every trigger that is due by now (reported: the most specific), and a periodic one
        now = self.clock()
        ready = [t for t, at in self._due.items() if at <= now]
        for trig in ready:
            del self._due[trig]
        self._due.pop(Trigger.PERIODIC, None)
        self._burst_started = None if Trigger.LOCAL_CHANGE not in self._due else self._burst_started
        self.sync_started()
        return max(ready, key=_RANK.__getitem__)

    def take_nudge(self) -> bool:
        """True once after a trigger arrived during a pass (the runner should stop waiting to retry)."""
        nudge, self._nudge = self._nudge, False
        return nudge
