"""Engine and session factory for the hub: SQLite (file, the default) or PostgreSQL via psycopg 3."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_DB_URL = "sqlite:///lapor-hub.db"


def resolve_url(url: str | None = None) -> str:
    """The URL to use: the argument, else env `LAPOR_HUB_DB`, else a SQLite file in the working directory."""
    url = url or os.environ.get("LAPOR_HUB_DB") or DEFAULT_DB_URL
    # A bare postgresql:// would pick psycopg2, which we do not ship; psycopg 3 is the driver.
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def make_engine(url: str | None = None, **kw: Any) -> Engine:
    url = resolve_url(url)
    # JSON columns (payloads, event data) through orjson: the feed decodes hundreds of thousands of them per sync.
    kw.setdefault("json_serializer", json_dumps)
    kw.setdefault("json_deserializer", orjson.loads)
    # A database error's text would otherwise quote its parameters: note texts, usernames, token hashes.
    kw.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kw)
        _configure_sqlite(engine)
        return engine
    kw.setdefault("pool_size", 10)
    kw.setdefault("max_overflow", 40)
    kw.setdefault("pool_pre_ping", True)
    return create_engine(url, **kw)


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling issues a deferred BEGIN late; we take over so that every
    # transaction starts with BEGIN IMMEDIATE and writers never deadlock upgrading a read lock.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def read_snapshot(engine: Engine) -> Iterator[Session]:
    """A read-only session on one consistent snapshot (the change feed needs all its queries to agree).

    PostgreSQL: REPEATABLE READ, so every statement sees the same committed prefix of feed positions.
    SQLite: a deferred transaction, which in WAL mode reads one snapshot without blocking writers.
    """
    if is_sqlite(engine):
        conn = engine.connect().execution_options(sqlite_begin="DEFERRED")
    else:
        conn = engine.connect().execution_options(isolation_level="REPEATABLE READ")
    try:
        with Session(bind=conn) as session, session.begin():
            yield session
    finally:
        conn.close()
