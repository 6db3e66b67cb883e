"""``lapor-desk sync``: one headless sync (scripts, scheduled tasks).

    lapor-desk sync --server URL --user NAME [--data-dir DIR] [--json] [--passphrase-env VAR] [--remember-password]

Credentials, in order: the session kept in the OS keyring (refresh token), the password remembered in the keyring,
``LAPOR_DESK_PASSWORD``, a prompt (only when stdin is a terminal). Where there is no usable keyring the replica key
comes from a passphrase read from the environment variable named by ``--passphrase-env``.
Errors print one line on stderr and exit with code 2 (never a traceback).
"""

from __future__ import annotations

import argparse
import getpass
import json
import math
import os
import sys
from typing import Any

from desktop import account, paths
from desktop.store.engine import open_account
from desktop.store.errors import KeyringUnavailable, ReplicaLocked, ReplicaTooNew, StoreError
from desktop.sync.engine import SyncEngine, SyncSummary
from desktop.sync.transport import (
    AuthError,
    NetworkError,
    RateLimited,
    ServiceUnavailable,
    Transport,
    TransportError,
    UpgradeRequired,
)

PASSWORD_ENV = "LAPOR_DESK_PASSWORD"
EXIT_ERROR = 2


class CliError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="lapor-desk sync", description="Sync this device's replica with LAPOR! Hub once.")
    p.add_argument("--server", required=True, help="hub URL, e.g. https://hub.example.go.id")
    p.add_argument("--user", required=True, help="username")
    p.add_argument("--data-dir", default=None, help="data directory (default: the platform's user data dir)")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--passphrase-env", metavar="VAR", default=None,
                   help="environment variable holding the replica passphrase (where there is no OS keyring)")  # fmt: skip
    p.add_argument("--remember-password", action="store_true", help="keep the password in the OS keyring")
    return p


def _password(server: str, user: str) -> str:
    stored = account.stored_password(server, user)
    if stored:
        return stored
    env = os.environ.get(PASSWORD_ENV)
    if env:
        return env
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"Password for {user} at {server}: ")
    raise CliError(f"no password: set {PASSWORD_ENV} or run once in a terminal")


def _connect(args: argparse.Namespace, device: str) -> Transport:
    """A signed-in transport: the kept session first, then a password."""
    server, user = args.server, args.user
    usable = account.keyring_usable()
    if usable:
        try:
            resumed = account.resume(server, user, device)
        except AuthError:
            resumed = None  # the kept session ended: sign in again
        if resumed is not None:
            return resumed.transport
    password = _password(server, user)
    signed = account.sign_in(server, user, password, device,
                             remember_password=args.remember_password and usable, allow_no_keyring=True)  # fmt: skip
    return signed.transport


def _message(exc: BaseException) -> str:
    if isinstance(exc, AuthError):
        if exc.code == "bad_credentials":
            return "sign-in failed: wrong username or password"
        return f"sign-in needed: {exc.detail}"
    if isinstance(exc, UpgradeRequired):
        return f"the hub needs a different LAPOR! Desk version: {exc.detail}"
    if isinstance(exc, NetworkError):
        return f"no connection: {exc.detail}"
    if isinstance(exc, RateLimited) and exc.code == "sign_in_locked":
        minutes = max(1, math.ceil((exc.retry_after if exc.retry_after is not None else 60.0) / 60.0))
        return f"sign-in refused: too many failed attempts, try again in {minutes} minute{'' if minutes == 1 else 's'}"
    if isinstance(exc, RateLimited | ServiceUnavailable):
        wait = f" (retry after {exc.retry_after:.0f} s)" if exc.retry_after is not None else ""
        return f"the hub is busy or unavailable{wait}: {exc.detail}"
    if isinstance(exc, TransportError):
        return f"sync failed ({exc.code}): {exc.detail}"
    if isinstance(exc, ReplicaLocked):
        return f"replica locked: {exc}"
    if isinstance(exc, ReplicaTooNew):
        return str(exc)
    if isinstance(exc, KeyringUnavailable):
        return "no usable OS keyring here: give the replica passphrase with --passphrase-env VAR"
    return str(exc)


def run(args: argparse.Namespace) -> SyncSummary:
    data_dir = args.data_dir
    device = paths.device_id(data_dir)
    passphrase = None
    if args.passphrase_env:
        passphrase = os.environ.get(args.passphrase_env)
        if not passphrase:
            raise CliError(f"the environment variable {args.passphrase_env} is empty or not set")
    replica = open_account(args.server, args.user, data_dir=data_dir, passphrase=passphrase)
    try:
        transport = _connect(args, device)
        try:
            if transport.user:
                replica.set_account(args.server, transport.user)
            return SyncEngine(replica, transport, device).run_once()
        finally:
            transport.close()
    finally:
        replica.close()


def _human(s: SyncSummary) -> str:
    parts = [f"pulled {s.pulled}", f"pushed {s.pushed}"]
    if s.conflicts:
        parts.append(f"{s.conflicts} conflict(s)")
    if s.rejected:
        parts.append(f"{s.rejected} rejected")
    kb = s.wire_bytes / 1024
    return f"Synced: {', '.join(parts)} in {s.seconds:.1f} s ({kb:.0f} KB on the wire)."


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        summary = run(args)
    except KeyboardInterrupt:
        print("lapor-desk sync: interrupted", file=sys.stderr)
        return 130
    except (CliError, StoreError, TransportError) as exc:
        print(f"lapor-desk sync: {_message(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"lapor-desk sync: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    out: dict[str, Any] = summary.as_dict()
    if args.json:
        print(json.dumps(out))
    else:
        print(_human(summary))
    return 0 if not summary.cancelled else EXIT_ERROR
