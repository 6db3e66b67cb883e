"""Composing a session: sign in with a password, resume where the user left off (from the keyring, or offline with
the replica's passphrase alone), sign an open session in, or start the demo.

Built on :mod:`desktop.account` (the keyring and the hub's sign-in) and :func:`desktop.store.engine.open_account`
(the account's encrypted replica). Everything here may touch the network or open a replica: it runs on a
background lane, never on the GUI thread.
"""

from __future__ import annotations

import enum
import ipaddress
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desktop import account
from desktop.app.context import JobContext
from desktop.app.session import StoreSession
from desktop.paths import replica_path, salt_path, server_key
from desktop.store.engine import Replica, open_account, open_replica
from desktop.store.errors import KeyringUnavailable, ReplicaLocked
from desktop.store.keys import resolve_key
from desktop.sync.engine import SyncEngine
from desktop.sync.transport import NetworkError, Transport, TransportError

log = logging.getLogger(__name__)

SCHEMES = ("https://", "http://")  # the order an address typed without one is tried in


class ReplicaLock(enum.Enum):
    """What opens an account's replica on this computer."""

    KEYRING = "keyring"  # its key is (or will be made and kept) in the OS keyring
    PASSPHRASE = "passphrase"  # it exists, protected by a passphrase: "enter your passphrase"
    NEW_PASSPHRASE = "new_passphrase"  # not made yet, and no keyring: "choose a passphrase", and repeat it


class PassphraseNeeded(KeyringUnavailable):
    """The replica opens with a passphrase only; ``new``: it does not exist yet, so the user chooses one."""

    def __init__(self, new: bool) -> None:
        super().__init__("the replica needs a passphrase")
        self.new = new


class WrongAccount(RuntimeError):
    """Signing an open session in as another account than the one its replica belongs to."""


def replica_lock(server_url: str, username: str, data_dir: Path) -> ReplicaLock:
    """How this account's replica is opened here (a look at the disk and the keyring; no network)."""
    path = replica_path(server_url, username, data_dir)
    if path.exists() and salt_path(path).exists():
        return ReplicaLock.PASSPHRASE
    if account.keyring_usable():
        return ReplicaLock.KEYRING
    return ReplicaLock.PASSPHRASE if path.exists() else ReplicaLock.NEW_PASSPHRASE


def http_fallback_allowed(address: str) -> bool:
    """Whether an address typed without a scheme may be completed to plain http: loopback, ``localhost``, or a
    private, link-local address (an office LAN); never a public name or address."""
    host = urlsplit(f"//{address}").hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_private or ip.is_link_local


def complete_server_url(typed: str) -> str:
    """The hub's address with its scheme. One typed with ``http://`` or ``https://`` is kept as it is; else https
    is tried first (``GET /healthz``, no credentials), then http if https cannot be reached at all (refused, no
    TLS there). Raises the https attempt's NetworkError when neither answers."""
    address = typed.strip().rstrip("/")
    if address.lower().startswith(SCHEMES):
        return address
    first: NetworkError | None = None
    # Plain http is tried only on this machine or the office's own network: elsewhere the password would cross
    # the internet in clear, so an address out there must answer on https (or be typed with http:// on purpose).
    schemes = SCHEMES if http_fallback_allowed(address) else SCHEMES[:1]
    for scheme in schemes:
        url = f"{scheme}{address}"
        probe = Transport(url, "probe")
        try:
            probe.health()
            return url
        except NetworkError as exc:
            first = first or exc
        except TransportError:
            return url  # it answered, though not as a hub would: the sign-in there says what is wrong
        finally:
            probe.close()
    assert first is not None
    raise first


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
    """Sign in, open (or create) the account's replica, and return a session ready to sync. An address typed
    without a scheme is completed first (:func:`complete_server_url`); the session's ``server_url`` is the result.

    ``req`` has the fields of :class:`SignInRequest`. Raises the transport's errors (AuthError, NetworkError ...),
    PassphraseNeeded (before the password is sent: the dialog then asks for a passphrase and calls again with
    it), ReplicaLocked (wrong passphrase) and ReplicaTooNew."""
    device = account.device_id(data_dir)
    server_url = complete_server_url(req.server_url)
    ctx.check()
    lock = replica_lock(server_url, req.username, data_dir)
    if lock is not ReplicaLock.KEYRING and not req.passphrase:
        raise PassphraseNeeded(new=lock is ReplicaLock.NEW_PASSPHRASE)
    signed = account.sign_in(server_url, req.username, req.password, device,
                             allow_no_keyring=bool(req.passphrase), keep_session=bool(req.remember))  # fmt: skip
    try:
        ctx.check()
        replica = open_account(server_url, req.username, data_dir=data_dir, passphrase=req.passphrase)
    except BaseException:
        signed.transport.close()
        raise
    return _online_session(replica, signed, server_url, device)


def resume_session(server_url: str, username: str, data_dir: Path, ctx: JobContext) -> StoreSession | None:
    """Start where the user left off, without a password and without the network: the replica opens from the
    keyring, and the stored refresh token is used by the first sync. Raises PassphraseNeeded when the replica
    opens with a passphrase (the caller asks for it alone, then calls :func:`open_offline`). None when nothing is
    remembered (or the replica is not made yet), so the caller shows the sign-in dialog."""
    lock = replica_lock(server_url, username, data_dir)
    if lock is ReplicaLock.PASSPHRASE:
        raise PassphraseNeeded(new=False)
    if lock is ReplicaLock.NEW_PASSPHRASE:
        return None  # nothing to open offline yet
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


def open_offline(
    server_url: str, username: str, data_dir: Path, passphrase: str, ctx: JobContext
) -> StoreSession:
    """Open the account's replica with its passphrase alone, without the network (on every computer, keyring or
    not). A refresh token kept in a keyring signs the first sync in; without one the session is not signed in
    (``signed_in`` False): its first pass waits for the hub to answer, then raises NotSignedIn, and
    :func:`sign_in_session` signs it in. Raises ReplicaLocked (wrong passphrase), ReplicaTooNew."""
    device = account.device_id(data_dir)
    replica = open_account(server_url, username, data_dir=data_dir, passphrase=passphrase)
    transport = None
    if account.keyring_usable():
        try:
            transport = account.stored_session(server_url, username, device)
        except KeyringUnavailable:
            transport = None
    try:
        ctx.check()
    except BaseException:
        replica.close()
        raise
    engine = SyncEngine(replica, transport, device) if transport is not None else None
    return StoreSession(replica, server_url=server_url, transport=transport, engine=engine)


def sign_in_session(session: StoreSession, req: Any, data_dir: Path, ctx: JobContext) -> StoreSession:
    """Sign an open session in to its hub (opened offline, or its refresh token no longer accepted) without
    reopening the replica: the signed-in transport and a sync engine are attached to the same session. The
    refresh token goes to the keyring with "remember me" where one exists, else it lives in memory only.

    ``req`` has the fields of :class:`SignInRequest` (its server and username are the session's). Raises the
    transport's errors (AuthError, NetworkError ...) and WrongAccount."""
    server_url = session.server_url
    if server_url is None:
        raise WrongAccount("this session has no hub")
    if server_key(req.server_url) != server_key(server_url):
        raise WrongAccount("another hub than this session's")
    device = account.device_id(data_dir)
    signed = account.sign_in(server_url, req.username, req.password, device,
                             allow_no_keyring=True, keep_session=bool(req.remember))  # fmt: skip
    try:
        owner = session.replica.user_id
        if owner is not None and signed.user.get("id") != owner:
            raise WrongAccount("another account than this replica's")
        ctx.check()
    except BaseException:
        signed.transport.close()
        raise
    session.replica.set_account(server_url, signed.user)
    session.attach(signed.transport, SyncEngine(session.replica, signed.transport, device), signed.user)
    return session


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
