"""Named crash points between the sync engine's atomic steps, for fault-injection tests.

``LAPOR_DESK_CRASH_AT=<name>`` makes the process die at once (``os._exit(137)``, as if killed: no cleanup, no
``finally``, no flushed buffers of ours) the first time :func:`hit` is called with that name. ``<name>@N`` dies at
the N-th hit instead. Unset (always, outside tests), :func:`hit` is one dictionary lookup.

Each name sits between two atomic steps of docs/protocol.md / DESIGN.md "Atomic steps"; a rerun after the crash
must lose nothing and duplicate nothing (tests/faults/test_crash_points.py).
"""

from __future__ import annotations

import os
import sys

ENV = "LAPOR_DESK_CRASH_AT"
EXIT_CODE = 137  # what a shell shows for SIGKILL

ALL: tuple[str, ...] = (
    "push.marked_sent",  # outbox batch marked 'sent', request not yet posted
    "push.sent",  # the hub answered the ops request; the acknowledgement is not stored yet
    "push.acked",  # acknowledgement + mirror update committed; next batch / pull not started
    "pull.fetched",  # a change page arrived; not applied yet
    "pull.committed",  # a page and its cursor committed; the next page not yet handled
    "pull.before_index",  # first sync: every page in, the bulk-load indexes not built yet
    "rebuild.started",  # 410: cursor reset to 0 and 'rebuilding' committed, nothing pulled yet
    "rebuild.committed",  # a rebuild page committed
    "rebuild.before_sweep",  # rebuild: every page in, records not seen not swept yet
    "sync.before_done",  # everything in; last_sync_at not stamped yet
    "upload.chunk_stored",  # the hub kept a file chunk; the local offset not updated yet
    "upload.completed",  # the hub holds the whole file; 'done' not recorded locally, its op not sent yet
)

_counts: dict[str, int] = {}


def _target() -> tuple[str, int] | None:
    raw = os.environ.get(ENV)
    if not raw:
        return None
    name, _, nth = raw.partition("@")
    return name, int(nth) if nth.isdigit() else 1


def hit(name: str) -> None:
    """A crash point: die here when the environment asks for it."""
    target = _target()
    if target is None:
        return
    if name not in ALL:
        raise ValueError(f"unknown crash point {name!r}")
    if target[0] != name:
        return
    _counts[name] = _counts.get(name, 0) + 1
    if _counts[name] >= target[1]:
        sys.stderr.write(f"crash point {name} reached\n")
        sys.stderr.flush()
        os._exit(EXIT_CODE)
