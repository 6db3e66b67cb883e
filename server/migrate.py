"""Alembic run programmatically; the scripts live inside the package so an installed hub migrates itself."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, insert, select

from server.models import FeedCounter

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine: Engine) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with engine.begin() as conn:
        # The one counter row must exist before the first write takes a position.
        if conn.execute(select(FeedCounter.id)).first() is None:
            conn.execute(insert(FeedCounter).values(id=1, value=0))
