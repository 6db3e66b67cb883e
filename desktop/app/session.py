"""One signed-in account on this desk: its replica, and (when it can reach a hub) the engine that syncs it.

A :class:`StoreSession` is what the window holds. It is itself the sync runner's engine (``run_once(progress,
cancel)``, see :class:`desktop.sync.runner.SyncRunner`), so the runner drives it without any wrapper, and it keeps
what the status bar shows: online or not, the last sync, what is waiting to be sent, the bytes on the wire.
Composing one (sign-in, resume, the demo) is in :mod:`desktop.app.signin`.
"""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import requests

from desktop.app.queries import QueueQuery, StoreQueueSource
from desktop.domain.queues import QueueName
from desktop.store import deadlines, lookups, queues
from desktop.store import detail as store_detail
from desktop.store.engine import Replica, open_replica
from desktop.store.errors import NotFound
from desktop.sync.engine import SyncProgress, SyncSummary
from desktop.sync.runner import Engine
from desktop.sync.transport import AuthError, NetworkError, Transport, TransportError

HUB_CHECK_TIMEOUT_S = 5.0


class WorkingOffline(RuntimeError):
    """ "Kerja luring" is on: nothing goes over the network until it is turned off."""


class NotSignedIn(AuthError):
    """The session was opened offline (the replica's passphrase alone, no refresh token kept) and the hub answers
    now: it syncs once the user signs in (:func:`desktop.app.signin.sign_in_session`). A 401 like an expired
    session, so the sync runner does not retry it and the window asks for the password."""

    def __init__(self) -> None:
        super().__init__("sign in to sync", status=401, code="unauthenticated")


@dataclass(frozen=True)
class SyncStatus:
    online: bool
    last_sync_at: dt.datetime | None
    pending_ops: int
    wire_bytes: int = 0  # bytes on the wire since the window opened
    work_offline: bool = False


@dataclass(frozen=True)
class Lookups:
    """The choices of the filter bar."""

    categories: tuple[tuple[str, str], ...]  # (id, name)
    kecamatans: tuple[str, ...]


@dataclass(frozen=True)
class OutboxItem:
    """One op of the outbox with the complaint it is about, for the Kotak keluar list."""

    seq: int
    op_id: str
    kind: str
    state: str
    reason: str | None
    created_at: str
    attempts: int
    complaint_id: str | None
    tracking_id: int | None
    title: str


def _parse_time(value: Any) -> dt.datetime | None:
    if not value:
        return None
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def _unreachable(exc: BaseException) -> bool:
    return isinstance(exc, NetworkError | requests.ConnectionError | requests.Timeout | ConnectionError
                      | TimeoutError)  # fmt: skip


class StoreSession:
    """One account: its replica, and (when online) the sync engine and the signed-in transport."""

    def __init__(
        self,
        replica: Replica,
        *,
        user: dict[str, Any] | None = None,
        server_url: str | None = None,
        engine: Engine | None = None,
        transport: Transport | None = None,
        cleanup: Path | None = None,
    ) -> None:
        self.replica = replica
        # The signed-in transport (refreshes its own token), for on-demand downloads; None when offline-only.
        self.transport = transport
        self.user = user or lookups.current_user(replica) or {}
        self.server_url = server_url
        # a SyncEngine; None: not signed in (opened offline: it syncs after `attach`), or, without a server_url,
        # a throw-away replica that never syncs
        self.engine = engine
        self._online: bool = engine is not None
        self._cleanup = cleanup
        self._work_offline = False
        self._clock: Any = None
        self._wire_bytes_at_start = int(replica.sync_state().get("wire_bytes") or 0)

    @property
    def user_label(self) -> str:
        name = self.user.get("full_name") or self.user.get("username") or ""
        return str(name)

    @property
    def can_sync(self) -> bool:
        """It has a hub to sync with (signed in, or once signed in: a pass then says `NotSignedIn`)."""
        return self.engine is not None or self.server_url is not None

    @property
    def signed_in(self) -> bool:
        return self.engine is not None

    def attach(self, transport: Transport, engine: Engine, user: dict[str, Any] | None = None) -> None:
        """Sign this open session in (network lane, between passes): the signed-in transport and its sync engine
        replace what it had (nothing, when it was opened offline; a transport whose session expired), and the
        replica stays open."""
        previous = self.transport
        self.transport = transport
        self.engine = engine
        if user:
            self.user = user
        self._online = True
        if previous is not None and previous is not transport:
            previous.close()

    @property
    def hub_reachable(self) -> bool:
        """Whether the last request to the hub (a sync pass, a /healthz probe, a download) got an answer."""
        return self._online

    def note_reachable(self, reachable: bool) -> bool:
        """The outcome of a request made outside a sync pass (the autosync's probe, a download); returns whether
        it changed what the status bar shows. Any thread: one flag, set at once."""
        changed = self._online != reachable
        self._online = reachable
        return changed

    @property
    def work_offline(self) -> bool:
        return self._work_offline

    def set_work_offline(self, on: bool) -> None:
        self._work_offline = bool(on)

    # ------------------------------------------------------------------ reads
    def queue_source(self) -> StoreQueueSource:
        return StoreQueueSource(self.replica, self.clock)

    def clock(self) -> Any:
        """The office's working-day clock; read once, again after each sync (holidays and limits may change)."""
        if self._clock is None:
            self._clock = deadlines.office_clock(self.replica)
        return self._clock

    def initial_query(self) -> QueueQuery:
        return QueueQuery(queues.QueueFilter(queue=QueueName.ALL), "arrived_at", True)

    def with_search(self, query: QueueQuery, text: str) -> QueueQuery:
        return replace(query, filter=replace(query.filter, search=text))

    def with_filter(self, query: QueueQuery, **fields: Any) -> QueueQuery:
        """``query`` with some filter fields changed (queue, status, category_id, kecamatan, channel, date_from ...)."""
        return replace(query, filter=replace(query.filter, **fields))

    def queue_counts(self) -> dict[str, int]:
        return queues.queue_counts(self.replica)

    def lookups(self) -> Lookups:
        cats = tuple((c.id, c.name) for c in lookups.categories(self.replica))
        return Lookups(categories=cats, kecamatans=tuple(lookups.kecamatans(self.replica)))

    def outbox_items(self) -> list[OutboxItem]:
        ops = queues.outbox(self.replica)
        wanted = sorted({op.complaint_id for op in ops if op.complaint_id})
        by_id = {r.id: r for r in queues.rows(self.replica, wanted)}
        out = []
        for op in ops:
            row = by_id.get(op.complaint_id or "")
            out.append(
                OutboxItem(
                    seq=op.seq, op_id=op.op_id, kind=op.kind, state=op.state, reason=op.reason,
                    created_at=op.created_at, attempts=op.attempts, complaint_id=op.complaint_id,
                    tracking_id=row.tracking_id if row else None, title=row.title if row else "",
                )
            )  # fmt: skip
        return out

    def detail(self, complaint_id: str) -> Any:
        try:
            return store_detail.detail(self.replica, complaint_id)
        except NotFound:
            return None

    def status(self) -> SyncStatus:
        state = self.replica.sync_state()
        pending = len(queues.outbox(self.replica, queues.PENDING_STATES))
        return SyncStatus(
            online=self._online and not self._work_offline,
            last_sync_at=_parse_time(state.get("last_sync_at")),
            pending_ops=pending,
            wire_bytes=max(0, int(state.get("wire_bytes") or 0) - self._wire_bytes_at_start),
            work_offline=self._work_offline,
        )

    # ------------------------------------------------------------------ sync (the runner's engine)
    def run_once(self, progress: Callable[[SyncProgress], None] | None = None,
                 cancel: threading.Event | None = None) -> SyncSummary:  # fmt: skip
        """One sync pass (network lane). Raises WorkingOffline while "Kerja luring" is on, and the engine's errors;
        an unreachable hub marks the session offline until a pass succeeds."""
        if self.engine is None and self.server_url is None:
            raise RuntimeError("this session cannot sync")
        if self._work_offline:
            raise WorkingOffline("work offline is on")
        try:
            if self.engine is None:
                self._check_hub()
                self._online = True  # the hub answered
                raise NotSignedIn()
            summary = self.engine.run_once(progress=progress, cancel=cancel)
        except Exception as exc:
            if _unreachable(exc):
                self._online = False
            elif isinstance(exc, TransportError):
                self._online = True  # the hub answered, if only to refuse (busy, an expired session ...)
            raise
        self._online = True
        self._clock = None
        return summary

    def _check_hub(self) -> None:
        """Raise NetworkError while the hub does not answer (the runner retries): a session that is not signed in
        asks for the password only once there is a hub to give it to."""
        assert self.server_url is not None
        probe = Transport(self.server_url, "probe", timeout=(HUB_CHECK_TIMEOUT_S, HUB_CHECK_TIMEOUT_S))
        try:
            probe.health()
        finally:
            probe.close()

    def close(self) -> None:
        self.replica.close()
        if self._cleanup is not None:
            shutil.rmtree(self._cleanup, ignore_errors=True)


def open_empty_session(data_dir: Path) -> StoreSession:
    """A throw-away empty replica (for `--smoke` without `--demo`): real schema, real queries, no account."""
    folder = Path(tempfile.mkdtemp(prefix="smoke-", dir=data_dir))
    replica = open_replica(folder / "replica.db", secrets.token_hex(32))
    return StoreSession(replica, user={"username": "smoke"}, cleanup=folder)
