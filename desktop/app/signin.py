"""Composing a session: sign in with a password, resume where the user left off, or start the demo.

Built on :mod:`desktop.account` (the keyring and the hub's sign-in) and :func:`desktop.store.engine.open_account`
(the account's encrypted replica). Everything here may touch the network or open a replica: it runs on a
background lane, never on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop import account
from desktop.app.context import JobContext
from desktop.app.session import StoreSession
from desktop.store.engine import Replica, open_account, open_replica
from desktop.store.errors import KeyringUnavailable, ReplicaLocked
from desktop.store.keys import resolve_key
from desktop.sync.engine import SyncEngine

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SignInRequest:
    """What the sign-in dialog asks for."""

    server_url: str
    username: str
    password: str
    remember: bool = True  # "Ingat saya": the session survives a restart (refresh token in the keyring)
    passphrase: str | None = None  # the replica's passphrase where no keyring can hold its key


def _online_session(replica: Replica, signed: account.SignIn, server_url: str, device: str) -> StoreSession:
    replica.set_account(server_url, signed.user)
    return StoreSession(replica, user=signed.user, server_url=server_url, transport=signed.transport,
                        engine=SyncEngine(replica, signed.transport, device))  # fmt: skip


def sign_in_and_open(req: Any, data_dir: Path, ctx: JobContext) -> StoreSession:
    """Sign in, open (or create) the account's replica, and return a session ready to sync.

    ``req`` has the fields of :class:`SignInRequest`. Raises the transport's errors (AuthError, NetworkError ...),
    KeyringUnavailable (the dialog then asks for a passphrase and calls again with it), ReplicaLocked (wrong
    passphrase) and ReplicaTooNew."""
    device = account.device_id(data_dir)
    signed = account.sign_in(req.server_url, req.username, req.password, device,
                             allow_no_keyring=bool(req.passphrase), keep_session=bool(req.remember))  # fmt: skip
    try:
        ctx.check()
        replica = open_account(req.server_url, req.username, data_dir=data_dir, passphrase=req.passphrase)
    except BaseException:
        signed.transport.close()
        raise
    return _online_session(replica, signed, req.server_url, device)


def resume_session(server_url: str, username: str, data_dir: Path, ctx: JobContext) -> StoreSession | None:
    """Start where the user left off, without a password and without the network: the replica opens from the
    keyring, and the stored refresh token is used by the first sync. None when nothing is remembered (or the
    replica needs a passphrase), so the caller shows the sign-in dialog."""
    device = account.device_id(data_dir)
    try:
        transport = account.stored_session(server_url, username, device)
        if transport is None:
            return None
        replica = open_account(server_url, username, data_dir=data_dir)
    except KeyringUnavailable:
        return None
    ctx.check()
    return StoreSession(replica, server_url=server_url, transport=transport,
                        engine=SyncEngine(replica, transport, device))  # fmt: skip


# ------------------------------------------------------------------ the demo
DEMO_SERVER_ID = "http://demo.lapor-desk.invalid"
DEMO_PASSPHRASE = (
    "lapor-desk-demo"  # the demo replica's key where no keyring exists (a copy of demo data only)
)


def open_demo_replica(data_dir: Path, username: str) -> Replica:
    """The demo's replica lives at a fixed place (the embedded hub's port changes every run). It is only a copy of
    the demo hub, so one that cannot be opened any more (its key was in a keyring that is gone) is started afresh."""
    path = data_dir / "demo" / username / "replica.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    passphrase = None if account.keyring_usable() else DEMO_PASSPHRASE
    try:
        return open_replica(path, resolve_key(DEMO_SERVER_ID, username, path, passphrase))
    except (ReplicaLocked, KeyringUnavailable):
        log.warning("demo replica could not be opened; starting a fresh one")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.with_name("replica.salt").unlink(missing_ok=True)
        return open_replica(path, resolve_key(DEMO_SERVER_ID, username, path, passphrase))


def start_demo(
    data_dir: Path, username: str, password: str, ctx: JobContext, *, start_hub: Callable[[str], Any]
) -> tuple[Any, StoreSession]:
    """Start the demo hub (``start_hub(database_url)``: the embedded hub, seeded on first use, kept in the data
    dir; the core never imports the hub itself), sign in, and pull everything. Returns (hub, session); the caller
    stops the hub when the app quits."""
    ctx.progress("hub")
    hub = start_hub(f"sqlite:///{data_dir / 'demo-hub.sqlite'}")
    try:
        ctx.progress("sign-in")
        device = account.device_id(data_dir)
        # The demo's session lasts while the app runs: its hub's address changes on every start.
        signed = account.sign_in(
            hub.url, username, password, device, allow_no_keyring=True, keep_session=False
        )
        session = _online_session(open_demo_replica(data_dir, username), signed, hub.url, device)
        ctx.progress("sync")
        session.run_once(progress=ctx.progress, cancel=ctx.cancel_event)
    except BaseException:
        hub.stop()
        raise
    return hub, session
