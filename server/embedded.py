"""The hub inside the desk's process, for `lapor-desk --demo`: seeded on first use, served on a free port."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from dataclasses import dataclass

import uvicorn
from sqlalchemy import Engine, func, select

from server.app import create_app
from server.db import make_engine
from server.migrate import upgrade
from server.models import Complaint, Unit


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as resp:
                if json.load(resp).get("status") == "ok":
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"hub at {url} did not become healthy")
        time.sleep(0.05)


@dataclass
class EmbeddedHub:
    url: str
    engine: Engine
    _server: uvicorn.Server
    _thread: threading.Thread

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)
        self.engine.dispose()


def start_embedded_hub(db_url: str, *, seed_complaints: int = 2000, host: str = "127.0.0.1",
                       password: str = "demo", region: str | None = None) -> EmbeddedHub:
    engine = make_engine(db_url)
    upgrade(engine)
    with engine.connect() as conn:
        empty = conn.execute(select(Unit.id).where(Unit.kind == "pemda")).first() is None
        empty = empty or conn.execute(select(func.count()).select_from(Complaint)).scalar_one() == 0
    if empty:
        from server.seed import seed

        seed(engine, complaints=seed_complaints, region=region, password=password)
    port = free_port(host)
    config = uvicorn.Config(create_app(engine=engine), host=host, port=port, log_level="warning",
                            access_log=False)
    server = uvicorn.Server(config)
    # uvicorn installs signal handlers only on the main thread, so the desk keeps its own.
    thread = threading.Thread(target=server.run, name="lapor-hub", daemon=True)
    thread.start()
    hub = EmbeddedHub(f"http://{host}:{port}", engine, server, thread)
    wait_healthy(hub.url)
    return hub
