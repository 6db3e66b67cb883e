"""The window's service layer: binds the `DeskSession` interface to the replica, the account and the sync engine.

Nothing here imports Qt. Every function that talks to the network or opens a replica is meant to run on a
`JobRunner` lane, never on the GUI thread; the queue queries are fast local SQL and may run where the model asks.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from desktop.store import queue as store_queue
from desktop.store.engine import Replica, open_replica
from desktop.ui.jobs import JobContext
from desktop.ui.queue_model import QueueQuery
from desktop.ui.session import SyncStatus

log = logging.getLogger(__name__)


class StoreQueueSource:
    """The model's three queries, bound to one replica."""

    def __init__(self, replica: Replica) -> None:
        self._replica = replica

    def count(self, query: QueueQuery) -> int:
        return store_queue.count(self._replica, query.filter)

    def ids(self, query: QueueQuery, offset: int, limit: int) -> list[str]:
        sort = store_queue.SortKey(query.sort_column, query.descending)
        return store_queue.ids(self._replica, query.filter, sort, offset, limit)

    def rows(self, ids: Sequence[str]) -> list[Any]:
        return list(store_queue.rows(self._replica, list(ids)))


def _parse_time(value: Any) -> dt.datetime | None:
    if not value:
        return None
    if isinstance(value, dt.datetime):
        return value
    try:
        return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


class StoreSession:
    """One signed-in account: its replica, and (when online) what is needed to sync it."""

    def __init__(
        self,
        replica: Replica,
        *,
        user: dict[str, Any] | None = None,
        server_url: str | None = None,
        sync: Any = None,
        cleanup: Path | None = None,
    ) -> None:
        self.replica = replica
        self.user = user or store_queue.current_user(replica) or {}
        self.server_url = server_url
        self._sync = sync  # callable(ctx) -> summary, or None when this session cannot sync
        self._online: bool = sync is not None
        self._cleanup = cleanup

    @property
    def user_label(self) -> str:
        name = self.user.get("full_name") or self.user.get("username") or ""
        return str(name)

    @property
    def can_sync(self) -> bool:
        return self._sync is not None

    def queue_source(self) -> StoreQueueSource:
        return StoreQueueSource(self.replica)

    def initial_query(self) -> QueueQuery:
        return QueueQuery(store_queue.QueueFilter(queue="all"), "arrived_at", True)

    def with_search(self, query: QueueQuery, text: str) -> QueueQuery:
        return replace(query, filter=replace(query.filter, search=text))

    def detail(self, complaint_id: str) -> Any:
        try:
            return store_queue.detail(self.replica, complaint_id)
        except store_queue.NotFound:
            return None

    def status(self) -> SyncStatus:
        state = self.replica.sync_state()
        pending = len(store_queue.outbox(self.replica, store_queue.PENDING_STATES))
        return SyncStatus(
            online=self._online, last_sync_at=_parse_time(state.get("last_sync_at")), pending_ops=pending
        )

    def sync_once(self, ctx: JobContext) -> Any:
        if self._sync is None:
            raise RuntimeError("this session cannot sync")
        try:
            result = self._sync(ctx)
        except Exception as exc:
            from desktop.ui.errors import ErrorKind, classify_error

            if classify_error(exc) is ErrorKind.UNREACHABLE:
                self._online = False
            raise
        self._online = True
        return result

    def close(self) -> None:
        self.replica.close()
        if self._cleanup is not None:
            shutil.rmtree(self._cleanup, ignore_errors=True)


def open_empty_session(data_dir: Path) -> StoreSession:
    """A throw-away empty replica (for `--smoke` without `--demo`): real schema, real queries, no account."""
    folder = Path(tempfile.mkdtemp(prefix="smoke-", dir=data_dir))
    replica = open_replica(folder / "replica.db", secrets.token_hex(32))
    return StoreSession(replica, user={"username": "smoke"}, cleanup=folder)


# ------------------------------------------------------------------ signing in (network lane)
def _sync_callable(replica: Replica, transport: Any, device: str) -> Any:
    from desktop.sync.engine import SyncEngine

    engine = SyncEngine(replica, transport, device)

    def run(ctx: JobContext) -> Any:
        return engine.run_once(progress=ctx.progress, cancel=ctx.cancel_event)

    return run


def authenticate_and_open(req: Any, data_dir: Path, ctx: JobContext) -> StoreSession:
    """Sign in, open (or create) the account's replica, and return a session ready to sync.

    Raises the transport's errors (AuthError, NetworkError ...), KeyringUnavailable (the dialog then asks for a
    passphrase and calls again with it), ReplicaLocked (wrong passphrase) and ReplicaTooNew."""
    from desktop import account
    from desktop.store.engine import open_account

    device = account.device_id(data_dir)
    with_passphrase = bool(req.passphrase)
    signed = account.sign_in(
        req.server_url,
        req.username,
        req.password,
        device,
        allow_no_keyring=with_passphrase,
    )
    try:
        ctx.check()
        if not req.remember and signed.stored:
            # "Remember me" off: the session lasts while the app runs; no refresh token stays in the keyring.
            signed.transport.on_refresh_token = None
            account.forget(req.server_url, req.username)
        replica = open_account(req.server_url, req.username, data_dir=data_dir, passphrase=req.passphrase)
    except BaseException:
        signed.transport.close()
        raise
    replica.set_account(req.server_url, signed.user)
    return StoreSession(
        replica,
        user=signed.user,
        server_url=req.server_url,
        sync=_sync_callable(replica, signed.transport, device),
    )


DEMO_SERVER_ID = "http://demo.lapor-desk.invalid"


def open_demo_replica(data_dir: Path, username: str) -> Replica:
    """The demo's replica lives at a fixed place (the embedded hub's port changes every run). It is only a copy of
    the demo hub, so one that cannot be opened any more (its key was in a keyring that is gone) is started afresh."""
    from desktop.account import keyring_usable
    from desktop.store.errors import KeyringUnavailable, ReplicaLocked
    from desktop.store.keys import resolve_key

    path = data_dir / "demo" / username / "replica.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    passphrase = None if keyring_usable() else "lapor-desk-demo"
    try:
        return open_replica(path, resolve_key(DEMO_SERVER_ID, username, path, passphrase))
    except (ReplicaLocked, KeyringUnavailable):
        log.warning("demo replica could not be opened; starting a fresh one")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.with_name("replica.salt").unlink(missing_ok=True)
        return open_replica(path, resolve_key(DEMO_SERVER_ID, username, path, passphrase))


def start_demo(data_dir: Path, username: str, password: str, ctx: JobContext) -> tuple[Any, StoreSession]:
    """Start the embedded hub (seeded on first use, kept in the data dir), sign in, and pull everything."""
    from desktop import account
    from server.embedded import start_embedded_hub

    ctx.progress("hub")
    hub = start_embedded_hub(f"sqlite:///{data_dir / 'demo-hub.sqlite'}", seed_complaints=2000)
    try:
        ctx.progress("sign-in")
        device = account.device_id(data_dir)
        signed = account.sign_in(hub.url, username, password, device, allow_no_keyring=True)
        # The demo's session lasts while the app runs: its hub's address changes on every start.
        signed.transport.on_refresh_token = None
        if signed.stored:
            account.forget(hub.url, username)
        replica = open_demo_replica(data_dir, username)
        replica.set_account(hub.url, signed.user)
        session = StoreSession(
            replica,
            user=signed.user,
            server_url=hub.url,
            sync=_sync_callable(replica, signed.transport, device),
        )
        ctx.progress("sync")
        session.sync_once(ctx)
    except BaseException:
        hub.stop()
        raise
    return hub, session


def resume_session(server_url: str, username: str, data_dir: Path, ctx: JobContext) -> StoreSession | None:
    """Start where the user left off, without a password and without the network: the replica opens from the
    keyring, and the stored refresh token is used lazily by the first sync. None when nothing is remembered (or
    the replica needs a passphrase), so the caller shows the sign-in dialog."""
    from desktop import account
    from desktop.store.engine import open_account
    from desktop.store.errors import KeyringUnavailable
    from desktop.store.keys import keyring_get, keyring_set
    from desktop.sync.transport import Transport

    name = account.refresh_name(server_url, username)
    try:
        token = keyring_get(name)
        if not token:
            return None
        replica = open_account(server_url, username, data_dir=data_dir)
    except KeyringUnavailable:
        return None
    ctx.check()
    device = account.device_id(data_dir)

    def keep(new_token: str) -> None:
        keyring_set(name, new_token)

    transport = Transport(server_url, device, on_refresh_token=keep)
    transport.use_refresh_token(token)
    return StoreSession(replica, server_url=server_url, sync=_sync_callable(replica, transport, device))
