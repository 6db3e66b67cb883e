"""The outbox: the user's ops waiting for, or answered by, the hub. The only module that writes the `outbox` table.

Every function runs inside its caller's write transaction, on a raw cursor of it (`cursor_of`): the local change
and its op, a push acknowledgement and the mirror update, a conflict's settlement and the rebase of the ops behind
it each commit together or not at all (desktop/store/engine.py). An op's life:

    queued --mark_sent--> sent --settle--> accepted | rejected | conflict
    sent --unsent--> queued (the post failed: no answer came, so nothing reads as delivered)
    sent/conflict --requeue / renew--> queued        conflict --drop--> (gone; the user took the hub's side)

Ops tied to a file (`attachment.add`) also wait on the upload lane: `blob_waits`, `blob_ready`, `reject_blob_ops`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from sqlalchemy import Connection

from desktop.domain.ops import PENDING, OpState
from desktop.store.engine import now_iso
from desktop.store.sql import code, codes

_QUEUED, _SENT, _REJECTED = code(OpState.QUEUED), code(OpState.SENT), code(OpState.REJECTED)
_PENDING = codes(sorted(PENDING))


class Cursor(Protocol):
    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...


def cursor_of(conn: Connection) -> Any:
    """A DB-API cursor in `conn`'s transaction (the mirror and the outbox are written through one)."""
    driver = conn.connection.driver_connection
    assert driver is not None
    return driver.cursor()


def _json(value: Mapping[str, Any]) -> str:
    return json.dumps(dict(value), ensure_ascii=False)


def enqueue(cur: Cursor, kind: str, target: str, complaint_id: str, base_version: int | None,
            payload: Mapping[str, Any], *, blob_sha256: str | None = None) -> str:  # fmt: skip
    """A new op at the end of the queue, with a fresh op_id (the hub's key for exactly-once)."""
    op_id = str(uuid.uuid4())
    now = now_iso()
    cur.execute(
        "INSERT INTO outbox (op_id, kind, target, complaint_id, base_version, payload, created_at, state, attempts, "
        f"updated_at, blob_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, {_QUEUED}, 0, ?, ?)",
        (op_id, kind, target, complaint_id, base_version, _json(payload), now, now, blob_sha256),
    )
    return op_id


def mark_sent(cur: Cursor, seqs: Iterable[int]) -> None:
    """About to be posted: a crash after this resends them, and the hub answers `duplicate`."""
    ids = [int(seq) for seq in seqs]
    cur.execute(f"UPDATE outbox SET state = {_SENT}, attempts = attempts + 1, updated_at = ? "
                f"WHERE seq IN ({', '.join('?' * len(ids))})", (now_iso(), *ids))  # fmt: skip


def unsent(cur: Cursor, seqs: Iterable[int]) -> None:
    """The post of these ops failed (the hub unreachable, busy, the link cut): they wait to be sent again, with
    the same op_id (had the hub applied one after all, it answers `duplicate`). Only a crash leaves ops `sent`."""
    ids = [int(seq) for seq in seqs]
    cur.execute(f"UPDATE outbox SET state = {_QUEUED}, updated_at = ? "
                f"WHERE state = {_SENT} AND seq IN ({', '.join('?' * len(ids))})", (now_iso(), *ids))  # fmt: skip


def settle(cur: Cursor, seq: int, state: OpState, reason: str | None, result: Mapping[str, Any]) -> None:
    """The hub's answer to the op (accepted, rejected, conflict, or queued again to be sent once more)."""
    cur.execute("UPDATE outbox SET state = ?, reason = ?, result = ?, updated_at = ? WHERE seq = ?",
                (str(state), reason, _json(result), now_iso(), seq))  # fmt: skip


def requeue(cur: Cursor, seq: int) -> None:
    """Back in the queue with no reason (it waits behind an open conflict of its chain)."""
    cur.execute(f"UPDATE outbox SET state = {_QUEUED}, reason = NULL WHERE seq = ?", (seq,))


def rebase(cur: Cursor, seq: int, base_version: int | None, payload: Mapping[str, Any]) -> None:
    """A waiting op built on an outcome that changed: its new base (and, for a text edit, its new base text)."""
    cur.execute(
        "UPDATE outbox SET base_version = ?, payload = ? WHERE seq = ?", (base_version, _json(payload), seq)
    )


def drop(cur: Cursor, seq: int) -> None:
    """The user took the hub's side of a conflict: the op goes, nothing of it is sent."""
    cur.execute("DELETE FROM outbox WHERE seq = ?", (seq,))


def renew(cur: Cursor, seq: int, base_version: int | None, payload: Mapping[str, Any]) -> str:
    """A settled conflict goes again in the same place of the queue (what waited behind it stays behind it), with a
    new op_id (the hub judged the old one) and the base it now builds on. Returns the new op_id."""
    op_id = str(uuid.uuid4())
    now = now_iso()
    cur.execute(
        f"UPDATE outbox SET op_id = ?, base_version = ?, payload = ?, state = {_QUEUED}, reason = NULL, "
        "result = NULL, attempts = 0, updated_at = ?, created_at = ? WHERE seq = ?",
        (op_id, base_version, _json(payload), now, now, seq),
    )
    return op_id


def blob_waits(cur: Cursor, sha256: str, reason: str) -> None:
    """The ops of a file the hub has no room for yet say why they wait (they stay queued)."""
    cur.execute(f"UPDATE outbox SET reason = ?, updated_at = ? WHERE blob_sha256 = ? AND state = {_QUEUED}",
                (reason, now_iso(), sha256))  # fmt: skip


def blob_ready(cur: Cursor, sha256: str, reason: str) -> None:
    """The file is on the hub: its ops no longer wait for `reason`."""
    cur.execute(f"UPDATE outbox SET reason = NULL, updated_at = ? WHERE blob_sha256 = ? AND state = {_QUEUED}"
                " AND reason = ?", (now_iso(), sha256, reason))  # fmt: skip


def reject_blob_ops(cur: Cursor, sha256: str, reason: str) -> None:
    """The hub will never take the file: its waiting ops are rejected with the reason, visibly."""
    cur.execute(f"UPDATE outbox SET state = {_REJECTED}, reason = ?, updated_at = ? "
                f"WHERE blob_sha256 = ? AND state IN {_PENDING}", (reason, now_iso(), sha256))  # fmt: skip
