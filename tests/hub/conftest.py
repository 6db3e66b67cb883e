"""Real hubs in subprocesses on 127.0.0.1: SQLite always, PostgreSQL when LAPOR_TEST_PG answers."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from alembic.config import Config
from sqlalchemy import Engine

from desktop.testing.hub import run_hub
from server.migrate import alembic_config
from tests.hub.client import HubClient

PG_ADMIN = os.environ.get("LAPOR_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
SEED_COMPLAINTS = 800
OPEN = {"terdisposisi", "diproses", "ditindaklanjuti", "ditanggapi_pelapor", "ditunda"}


@contextmanager
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one hub, dropped afterwards."""
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL not available: {exc}")
    name = f"lapor_hub_test_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@contextmanager
def database(backend: str, tmp: Path) -> Iterator[str]:
    if backend == "postgres":
        with pg_database() as url:
            yield url
    else:
        yield f"sqlite:///{tmp / 'hub.db'}"


@contextmanager
def hub_for(backend: str, tmp: Path, env: dict[str, str] | None = None,
            complaints: int = SEED_COMPLAINTS, log_path: Path | None = None) -> Iterator[str]:
    with hub_db_for(backend, tmp, env, complaints, log_path) as (url, _db):
        yield url


@contextmanager
def hub_db_for(backend: str, tmp: Path, env: dict[str, str] | None = None, complaints: int = SEED_COMPLAINTS,
               log_path: Path | None = None) -> Iterator[tuple[str, str]]:
    """A hub of the test's own and its database URL, for a test that must reach under the API."""
    # Blobs next to the test's database, never in the working directory (PostgreSQL has no file to sit beside).
    env = {"LAPOR_HUB_BLOBS": str(tmp / "blobs"), **(env or {})}
    with database(backend, tmp) as db, run_hub(db, seed_complaints=complaints, env=env, log_path=log_path) as url:
        yield url, db


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session", params=BACKENDS)
def hub(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with hub_for(request.param, tmp_path_factory.mktemp(f"hub-{request.param}")) as url:
        yield url


@pytest.fixture(scope="session")
def sqlite_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with hub_for("sqlite", tmp_path_factory.mktemp("hub-sqlite-solo")) as url:
        yield url


@pytest.fixture()
def login(hub: str) -> Callable[..., HubClient]:
    def make(username: str, **kw: Any) -> HubClient:
        return HubClient(hub, username, **kw)

    return make


_clients: dict[tuple[str, str], HubClient] = {}


@pytest.fixture()
def user(hub: str) -> Callable[[str], HubClient]:
    """A signed-in client per (hub, username), kept for the session: its mirror is pulled incrementally."""

    def get(username: str) -> HubClient:
        key = (hub, username)
        if key not in _clients:
            _clients[key] = HubClient(hub, username, device_id=f"dev-{username}")
        return _clients[key]

    return get


class ComplaintPool:
    """Hands each test complaints nobody else touched, so tests sharing one hub stay independent."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, client: HubClient, status: str = "open", n: int = 1,
             where: Callable[[dict[str, Any]], bool] | None = None) -> list[dict[str, Any]]:
        client.pull()
        found = [c for c in client.of_type("complaint")
                 if c["id"] not in self.used and (c["status"] in OPEN if status == "open" else c["status"] == status)
                 and c["unit_id"] == client.user["unit_id"] and (where is None or where(c))]
        found.sort(key=lambda c: c["tracking_id"])
        if len(found) < n:
            pytest.skip(f"seed has too few {status} complaints for {client.user['username']}")
        picked = found[:n]
        self.used.update(c["id"] for c in picked)
        return picked


_pools: dict[str, ComplaintPool] = {}


@pytest.fixture()
def pool(hub: str) -> ComplaintPool:
    return _pools.setdefault(hub, ComplaintPool())


def migrate(engine: Engine, step: Callable[[Config, str], None], revision: str) -> None:
    """Run an Alembic `step` (command.upgrade or command.downgrade) to `revision` on the hub's database."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        step(cfg, revision)
