"""Opening the replica: migrations, PRAGMAs, encryption at rest, keys."""

from __future__ import annotations

import secrets
from pathlib import Path

import keyring
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from keyring.backends import fail, null
from sqlalchemy import text

from desktop.paths import replica_path, salt_path
from desktop.store import keys
from desktop.store.engine import Replica, open_account, open_replica
from desktop.store.errors import KeyringUnavailable, ReplicaLocked, ReplicaTooNew
from desktop.store.models import Base
from tests.store.factory import load, reference, seeded


def test_migrations_from_empty_match_the_models(replica: Replica) -> None:
    with replica.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"include_object": lambda o, n, t, r, c: not (n or "").startswith("complaint_fts")}),
            Base.metadata,
        )
        conn.rollback()
    assert diff == []
    with replica.read() as conn:
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
    assert {"complaints", "notes", "outbox", "local_records", "sync_state", "complaint_fts", "alembic_version"} <= tables
    assert replica.sync_state()["cursor"] == 0


def test_pragmas(replica: Replica) -> None:
    with replica.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_write_rolls_back_on_error(replica: Replica) -> None:
    with pytest.raises(RuntimeError), replica.write() as conn:
        conn.execute(text("UPDATE sync_state SET cursor = 99"))
        raise RuntimeError("boom")
    assert replica.sync_state()["cursor"] == 0


def test_reopen_is_idempotent(tmp_path: Path, replica_key: str) -> None:
    open_replica(tmp_path / "r.db", replica_key).close()
    with open_replica(tmp_path / "r.db", replica_key) as r:
        assert r.sync_state()["id"] == 1


def test_raw_file_has_no_plaintext(tmp_path: Path, replica_key: str) -> None:
    path = tmp_path / "r.db"
    with open_replica(path, replica_key) as r:
        seeded(r, 30)
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("r.db"))
    assert len(raw) > 10_000
    for word in (b"Pelapor Nomor3", b"Marabahan", b"Infrastruktur", b"SQLite format", b"complaints"):
        assert word not in raw


def test_wrong_key_is_replica_locked(tmp_path: Path, replica_key: str) -> None:
    open_replica(tmp_path / "r.db", replica_key).close()
    with pytest.raises(ReplicaLocked):
        open_replica(tmp_path / "r.db", secrets.token_hex(32))


def test_plain_sqlite_file_is_replica_locked(tmp_path: Path) -> None:
    import sqlite3

    sqlite3.connect(tmp_path / "plain.db").execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(ReplicaLocked):
        open_replica(tmp_path / "plain.db", secrets.token_hex(32))


def test_newer_replica_refuses_to_open(tmp_path: Path, replica_key: str) -> None:
    with open_replica(tmp_path / "r.db", replica_key) as r, r.write() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    with pytest.raises(ReplicaTooNew, match="newer"):
        open_replica(tmp_path / "r.db", replica_key)


def test_keyring_key_is_made_once_and_reused(tmp_path: Path) -> None:
    with open_account("https://hub.example:8443", "admin1", data_dir=tmp_path) as r:
        load(r, reference())
    name = "replica-key:hub.example:8443:admin1"
    stored = keyring.get_password("lapor-desk", name)
    assert stored and len(stored) == 64
    with open_account("https://hub.example:8443/", "admin1", data_dir=tmp_path) as r:
        assert r.path == replica_path("https://hub.example:8443", "admin1", tmp_path)
        assert r.path.relative_to(tmp_path).parts == ("accounts", "hub.example_8443", "admin1", "replica.db")
    assert keyring.get_password("lapor-desk", name) == stored


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring], ids=["none", "switched-off"])
def test_no_keyring_raises_keyring_unavailable(tmp_path: Path, backend: type) -> None:
    # null forgets every write: treating it as a keyring would lose the replica key on the next start
    keyring.set_keyring(backend())
    with pytest.raises(KeyringUnavailable):
        open_account("https://hub.example", "admin1", data_dir=tmp_path)


def test_passphrase_replica(tmp_path: Path) -> None:
    keyring.set_keyring(fail.Keyring())
    with open_account("https://hub.example", "u", data_dir=tmp_path, passphrase="kopi susu 2026") as r:
        load(r, reference())
        path = r.path
    salt = salt_path(path)
    assert salt.exists() and "kopi" not in salt.read_text()
    with open_account("https://hub.example", "u", data_dir=tmp_path, passphrase="kopi susu 2026") as r:
        assert r.path == path
    with pytest.raises(ReplicaLocked):
        open_account("https://hub.example", "u", data_dir=tmp_path, passphrase="teh manis")
    with pytest.raises(KeyringUnavailable):
        open_account("https://hub.example", "u", data_dir=tmp_path)


def test_key_from_passphrase_is_deterministic() -> None:
    a = keys.key_from_passphrase("rahasia", b"0123456789abcdef")
    assert a == keys.key_from_passphrase("rahasia", b"0123456789abcdef")
    assert a != keys.key_from_passphrase("rahasia", b"fedcba9876543210")
    assert len(a) == 64


def test_upgrade_from_first_revision_keeps_data(tmp_path: Path, replica_key: str) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory

    from desktop.store import engine as store_engine

    path = tmp_path / "old.db"
    eng = store_engine._make_engine(path, replica_key)
    cfg = store_engine._alembic_config()
    with eng.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        if conn.in_transaction():
            conn.commit()
    with eng.begin() as conn:
        conn.execute(text("UPDATE sync_state SET cursor = 42, user_id = 'u1'"))
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
    eng.dispose()
    with open_replica(path, replica_key) as r:
        state = r.sync_state()
        assert (state["cursor"], state["user_id"], state["rebuilding"], state["bulk_load"]) == (42, "u1", 0, 0)
        with r.read() as conn:
            head = ScriptDirectory.from_config(cfg).get_current_head()
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
