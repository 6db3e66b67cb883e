"""Opening the encrypted replica: SQLCipher engine, PRAGMAs, transactions, migrations.

- ``journal_mode=WAL``, ``synchronous=FULL`` (power cuts are common), ``foreign_keys=ON``, ``busy_timeout``.
- Every transaction begins ``BEGIN IMMEDIATE`` unless the connection asked to read (``Replica.read()`` →
  deferred ``BEGIN``): a writer holds the write lock from its first statement, so two writers never deadlock.
  Inside the process writers are also serialised by a lock (one writer at a time).
- Alembic migrations run at open; a replica whose revision this app does not know → :class:`ReplicaTooNew`.
- A wrong key → :class:`ReplicaLocked`.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, exc, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import QueuePool

from desktop.store.errors import ReplicaLocked, ReplicaTooNew, StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 15_000


def now_iso() -> str:
    """UTC now as ISO-8601 with ``Z`` (the protocol's time format)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def _is_locked_error(err: BaseException) -> bool:
    msg = str(err).lower()
    return "not a database" in msg or "encrypted" in msg


class Replica:
    """One account's replica. Thread-safe: each thread checks out its own connection from the pool."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._write_lock = threading.RLock()
        self._user_id: str | None = None

    # ------------------------------------------------------------ transactions
    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A deferred (read) transaction: a consistent snapshot that never blocks the writer (WAL)."""
        with self.engine.connect() as conn:
            conn.execution_options(lapor_read=True)
            with conn.begin():
                yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A ``BEGIN IMMEDIATE`` transaction, committed on success, rolled back on any exception."""
        with self._write_lock, self.engine.begin() as conn:
            yield conn

    # ------------------------------------------------------------ sync_state
    def sync_state(self) -> dict[str, Any]:
        with self.read() as conn:
            row = conn.execute(text("SELECT * FROM sync_state WHERE id = 1")).mappings().one()
            return dict(row)

    @property
    def user_id(self) -> str | None:
        if self._user_id is None:
            self._user_id = self.sync_state().get("user_id")
        return self._user_id

    def set_account(self, server_url: str, user: dict[str, Any]) -> None:
        """Remember whose replica this is (called after sign-in)."""
        import json

        with self.write() as conn:
            conn.execute(
                text(
                    "UPDATE sync_state SET server_url = :s, user_id = :u, username = :n, user = :j WHERE id = 1"
                ),
                {"s": server_url, "u": user.get("id"), "n": user.get("username"), "j": json.dumps(user)},
            )
        self._user_id = user.get("id")

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Replica:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _make_engine(path: Path, key_hex: str) -> Engine:
    if len(key_hex) != 64 or any(c not in "0123456789abcdefABCDEF" for c in key_hex):
        raise ValueError("the replica key must be 32 bytes in hex")
    url = URL.create("sqlite+pysqlcipher", password=f"x'{key_hex}'", database=str(path))
    engine = create_engine(
        url,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=8,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported as ReplicaLocked, not on stderr
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA temp_store = MEMORY")
        cur.execute("PRAGMA cache_size = -64000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("lapor_read"):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _migrate(engine: Engine) -> None:
    cfg = _alembic_config()
    script = ScriptDirectory.from_config(cfg)
    known = {rev.revision for rev in script.walk_revisions()}
    heads = set(script.get_heads())
    with engine.connect() as conn:
        conn.execution_options(lapor_read=True)
        current = set(MigrationContext.configure(conn).get_current_heads())
        conn.rollback()
    unknown = current - known
    if unknown:
        raise ReplicaTooNew(
            f"this replica was written by a newer LAPOR! Desk (schema {', '.join(sorted(unknown))}); "
            "please update the app"
        )
    if current == heads:
        return
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        if conn.in_transaction():
            conn.commit()


def open_replica(path: str | os.PathLike[str], key_hex: str, *, create: bool = True) -> Replica:
    """Open (and migrate) the replica at ``path`` with a 64-hex-digit key."""
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(f"no replica at {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = _make_engine(path, key_hex)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            conn.rollback()
        _migrate(engine)
    except exc.DatabaseError as err:
        engine.dispose()
        if _is_locked_error(err):
            raise ReplicaLocked(
                "the replica cannot be opened: wrong key or passphrase, or the file is not a LAPOR! Desk replica"
            ) from None
        raise StoreError(f"the replica cannot be opened: {err.orig}") from None
    except BaseException:
        engine.dispose()
        raise
    return Replica(path, engine)


def open_account(
    server_url: str,
    username: str,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    passphrase: str | None = None,
) -> Replica:
    """Open the replica of one account (key from the OS keyring, or from ``passphrase``).
    Raises KeyringUnavailable (ask for a passphrase), ReplicaLocked, ReplicaTooNew."""
    from desktop.paths import replica_path
    from desktop.store.keys import resolve_key

    path = replica_path(server_url, username, data_dir)
    key = resolve_key(server_url, username, path, passphrase)
    return open_replica(path, key)
