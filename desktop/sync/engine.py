"""One sync pass: push the outbox, then pull the change feed.

Atomic steps (each ONE SQLite transaction, so a crash between two loses nothing and duplicates nothing):
- marking a batch of ops ``sent`` before posting it (a resent op_id is answered ``duplicate`` by the hub), and
  back to ``queued`` when the post fails without an answer (only a crash leaves them ``sent``);
- a push acknowledgement: outbox states + the version-guarded mirror update from the results;
- one pulled page + the cursor advance.
Pull pages are big (limit 1000) and written with ``executemany`` on the DBAPI connection; the next page is
fetched while the current one is written. The first sync into an empty mirror drops the secondary indexes and
builds them, and the FTS index, once at the end. A 410 rebuilds the mirror in place from cursor 0 (mark and
sweep) without touching the outbox or local records.

Back-off, the stall watchdog and the conflict UI slot in around :meth:`SyncEngine.run_once` (it raises the
transport's typed errors: RateLimited, ServiceUnavailable, NetworkError ...).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from desktop.domain.ops import PENDING, OpOutcome, OpState
from desktop.store import conflicts as store_conflicts
from desktop.store import mirror, outbox
from desktop.store.engine import Replica, now_iso
from desktop.store.outbox import cursor_of
from desktop.store.sql import codes
from desktop.sync import crashpoints
from desktop.sync.transport import CursorExpired, InvalidRequest, PayloadTooLarge, Transport

PUSH_BATCH = 50
PULL_LIMIT = 1000
_PENDING = codes(sorted(PENDING))


@dataclass(frozen=True)
class SyncProgress:
    phase: str  # "push" | "pull" | "index" | "rebuild" | "done"
    done: int  # ops pushed / records pulled so far
    total: int | None  # ops to push; None while pulling (the hub does not say how many)
    cursor: int


@dataclass(frozen=True)
class SyncSummary:
    pulled: int
    pushed: int
    conflicts: int
    rejected: int
    seconds: float
    wire_bytes: int
    cancelled: bool = False
    cursor: int = 0
    rebuilt: bool = False  # the mirror was rebuilt after 410

    def as_dict(self) -> dict[str, Any]:
        return dict(pulled=self.pulled, pushed=self.pushed, conflicts=self.conflicts, rejected=self.rejected,
                    seconds=round(self.seconds, 3))  # fmt: skip


@dataclass
class _Counts:
    """What one pass did so far: records pulled, and the pushed ops by the state the hub's answer left them in."""

    pulled: int = 0
    pushed: int = 0  # accepted
    conflicts: int = 0
    rejected: int = 0


class _Cancelled(Exception):
    pass


class SyncEngine:
    def __init__(self, replica: Replica, transport: Transport, device_id: str, *,
                 push_batch: int = PUSH_BATCH, pull_limit: int = PULL_LIMIT) -> None:  # fmt: skip
        self.replica = replica
        self.transport = transport
        self.device_id = device_id
        self.push_batch = max(1, min(PUSH_BATCH, push_batch))
        self.pull_limit = max(1, min(PULL_LIMIT, pull_limit))
        self._progress: Callable[[SyncProgress], None] | None = None
        self._cancel: threading.Event | None = None
        self._counts = _Counts()
        self._rebuilt = False
        self._wire_mark = 0

    # ------------------------------------------------------------ entry point
    def run_once(self, progress: Callable[[SyncProgress], None] | None = None,
                 cancel: threading.Event | None = None) -> SyncSummary:  # fmt: skip
        self._progress, self._cancel = progress, cancel
        self._counts = _Counts()
        self._rebuilt = False
        self._wire_mark = 0
        started = time.perf_counter()
        wire0 = self._wire_mark = self.transport.wire_bytes
        cancelled = False
        if self.transport.user and not self.replica.user_id:
            self.replica.set_account(self.transport.server_url, self.transport.user)
        try:
            self.push()
            if self.upload_attachments():  # files done: the attachment.add ops that waited for them go now
                self.push()
            self.pull()
        except _Cancelled:
            cancelled = True
        cursor = int(self.replica.sync_state()["cursor"])
        if not cancelled:
            crashpoints.hit("sync.before_done")
            with self.replica.write() as conn:
                conn.execute(text("UPDATE sync_state SET last_sync_at = :t WHERE id = 1"), {"t": now_iso()})
            self._report("done", self._counts.pulled, None, cursor)
        return SyncSummary(
            pulled=self._counts.pulled, pushed=self._counts.pushed, conflicts=self._counts.conflicts,
            rejected=self._counts.rejected, seconds=time.perf_counter() - started,
            wire_bytes=self.transport.wire_bytes - wire0, cancelled=cancelled, cursor=cursor, rebuilt=self._rebuilt,
        )  # fmt: skip

    def _report(self, phase: str, done: int, total: int | None, cursor: int) -> None:
        if self._progress is not None:
            self._progress(SyncProgress(phase, done, total, cursor))

    def _check_cancel(self) -> None:
        if self._cancel is not None and self._cancel.is_set():
            raise _Cancelled

    # ------------------------------------------------------------ push
    def _pending_ops(self) -> list[dict[str, Any]]:
        """Pending ops that may go now (store_conflicts.ready_ops: ops behind an open conflict on their chain, and
        attachment.add ops whose file is not yet on the hub, wait; the others go on)."""
        with self.replica.read() as conn:
            pending = [
                dict(r)
                for r in conn.execute(
                    text(f"SELECT * FROM outbox WHERE state IN {_PENDING} ORDER BY seq")
                ).mappings()
            ]
            return store_conflicts.ready_ops(conn, pending)

    def upload_attachments(self) -> int:
        """The attachment lane (desktop.sync.attachments): resumable uploads of the files waiting; returns how
        many became complete on the hub."""
        from desktop.sync import attachments

        self._check_cancel()
        return attachments.upload_pending(self.replica, self.transport, cancel=self._cancel)

    def push(self) -> None:
        ops = self._pending_ops()
        total = len(ops)
        done = 0
        for start in range(0, total, self.push_batch):
            self._check_cancel()
            batch = ops[start : start + self.push_batch]
            self._push_batch(batch)
            done += len(batch)
            self._report("push", done, total, 0)

    def _push_batch(self, batch: list[dict[str, Any]]) -> None:
        seqs = [op["seq"] for op in batch]
        with self.replica.write() as conn:
            outbox.mark_sent(cursor_of(conn), seqs)
        crashpoints.hit("push.marked_sent")
        try:
            self._post(batch)
        except BaseException:
            # No answer (the hub unreachable or busy, the link cut): what is still `sent` of the batch waits to be
            # sent again, so Kotak keluar never reads "sent" while the hub is down. Only a crash leaves ops `sent`.
            with self.replica.write() as conn:
                outbox.unsent(cursor_of(conn), seqs)
            raise

    def _post(self, batch: list[dict[str, Any]]) -> None:
        wire = [
            {"op_id": op["op_id"], "kind": op["kind"], "target": op["target"], "base_version": op["base_version"],
             "payload": json.loads(op["payload"]) if isinstance(op["payload"], str) else op["payload"],
             "created_at": op["created_at"]}
            for op in batch
        ]  # fmt: skip
        try:
            results = self.transport.push_ops(wire)
        except (PayloadTooLarge, InvalidRequest) as exc:
            if len(batch) > 1:  # find the one op the hub refuses: halve
                mid = len(batch) // 2
                self._push_batch(batch[:mid])
                self._push_batch(batch[mid:])
                return
            results = [{"op_id": batch[0]["op_id"], "status": str(OpOutcome.REJECTED), "version": None,
                        "reason": "too_large" if isinstance(exc, PayloadTooLarge) else (exc.code or "invalid"),
                        "current": None}]  # fmt: skip
        crashpoints.hit("push.sent")
        self._apply_results(batch, results)
        crashpoints.hit("push.acked")

    def _apply_results(self, batch: list[dict[str, Any]], results: list[dict[str, Any]]) -> None:
        by_id = {op["op_id"]: op for op in batch}
        with self.replica.write() as conn:
            cur = cursor_of(conn)
            deferred: list[dict[str, Any]] = []  # accepted ops' mirror changes, applied once for the batch
            for res in results:
                op = by_id.get(res.get("op_id"))
                if op is None:
                    continue
                # outbox state, the hub's current state mirrored by its type (never a departure), conflict
                # records, rejected ops kept with their reasons, local records into the mirror
                state = store_conflicts.handle_result(cur, op, res, deferred)
                if state == OpState.ACCEPTED:
                    self._counts.pushed += 1
                elif state == OpState.CONFLICT:
                    self._counts.conflicts += 1
                elif state == OpState.REJECTED:
                    self._counts.rejected += 1
            if deferred:
                mirror.apply_changes(cur, deferred)

    # ------------------------------------------------------------ pull
    def _start_pull(self) -> dict[str, Any]:
        with self.replica.write() as conn:
            cur = cursor_of(conn)
            state = dict(conn.execute(text("SELECT * FROM sync_state WHERE id = 1")).mappings().one())
            if state["cursor"] == 0 and not state["rebuilding"] and not state["bulk_load"]:
                empty = cur.execute("SELECT NOT EXISTS (SELECT 1 FROM complaints)").fetchone()[0]
                if empty:
                    mirror.begin_bulk_load(cur)
                    cur.execute("UPDATE sync_state SET bulk_load = 1 WHERE id = 1")
                    state["bulk_load"] = 1
            return state

    def _restart_from_zero(self) -> dict[str, Any]:
        """410: rebuild the mirror in place: pull from 0 marking what is seen, sweep the rest at the end."""
        self._rebuilt = True
        self._report("rebuild", self._counts.pulled, None, 0)
        with self.replica.write() as conn:
            cur = cursor_of(conn)
            cur.execute("DELETE FROM rebuild_seen")
            cur.execute("UPDATE sync_state SET cursor = 0, rebuilding = 1 WHERE id = 1")
            state = dict(conn.execute(text("SELECT * FROM sync_state WHERE id = 1")).mappings().one())
        crashpoints.hit("rebuild.started")
        return state

    def pull(self) -> None:
        state = self._start_pull()
        cursor = int(state["cursor"])
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lapor-pull") as pool:
            pending: Future[dict[str, Any]] | None = pool.submit(
                self.transport.changes, cursor, self.pull_limit
            )
            while pending is not None:
                try:
                    page = pending.result()
                except CursorExpired:
                    state = self._restart_from_zero()
                    cursor = 0
                    pending = pool.submit(self.transport.changes, cursor, self.pull_limit)
                    continue
                new_cursor = int(page["cursor"])
                more = bool(page.get("more")) and new_cursor > cursor
                pending = pool.submit(self.transport.changes, new_cursor, self.pull_limit) if more else None
                try:
                    self._check_cancel()
                except _Cancelled:
                    if pending is not None:
                        pending.cancel()
                        with contextlib.suppress(
                            Exception
                        ):  # let an in-flight fetch end; its page is dropped
                            pending.result()
                    raise
                changes = page["changes"]
                crashpoints.hit("pull.fetched")
                with self.replica.write() as conn:
                    cur = cursor_of(conn)
                    mirror.apply_changes(cur, changes, index_fts=not state["bulk_load"],
                                         mark_seen=bool(state["rebuilding"]))  # fmt: skip
                    wire = self.transport.wire_bytes
                    cur.execute("UPDATE sync_state SET cursor = ?, wire_bytes = wire_bytes + ? WHERE id = 1",
                                (new_cursor, wire - self._wire_mark))  # fmt: skip
                    self._wire_mark = wire
                cursor = new_cursor
                crashpoints.hit("rebuild.committed" if state["rebuilding"] else "pull.committed")
                self._counts.pulled += len(changes)
                self._report("pull", self._counts.pulled, None, cursor)
        self._finish_pull(state, cursor)

    def _finish_pull(self, state: dict[str, Any], cursor: int) -> None:
        if state["bulk_load"]:
            crashpoints.hit("pull.before_index")
            self._report("index", self._counts.pulled, None, cursor)
            with self.replica.write() as conn:
                cur = cursor_of(conn)
                mirror.finish_bulk_load(cur)
                cur.execute("UPDATE sync_state SET bulk_load = 0 WHERE id = 1")
        if state["rebuilding"]:
            crashpoints.hit("rebuild.before_sweep")
            with self.replica.write() as conn:
                cur = cursor_of(conn)
                mirror.sweep_unseen(cur)
                cur.execute("UPDATE sync_state SET rebuilding = 0 WHERE id = 1")
