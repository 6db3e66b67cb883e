"""What every route of the hub shares: the engine, the session factory, the blob store, the sign-in guard and the
password pool. Its own module so that route modules (server/app.py, server/blob_routes.py) depend on it and not on
each other."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from server import auth
from server.blobs import BlobStore, default_root
from server.db import make_sessionmaker, read_snapshot
from server.sign_in_guard import GuardSettings, SignInGuard


class Hub:
    def __init__(self, engine: Engine, blobs_dir: Path | None = None) -> None:
        self.engine = engine
        self.sessions: sessionmaker[Session] = make_sessionmaker(engine)
        self.blobs = BlobStore(blobs_dir or default_root(engine))
        self.sign_in_guard = SignInGuard(engine, self.sessions, GuardSettings.from_env())
        self.passwords = auth.PasswordPool.from_env()

    def actor(self, authorization: str | None) -> auth.Actor:
        with read_snapshot(self.engine) as session:
            return auth.authenticate(session, authorization)
