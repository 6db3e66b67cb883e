"""A real LAPOR! Hub in a subprocess on 127.0.0.1, for tests and benchmarks.

    with run_hub("sqlite:///" + str(tmp_path / "hub.db"), seed_complaints=50) as url:
        ...  # url = "http://127.0.0.1:PORT"; users staf.pupr / admin.pupr / kepala.pupr / koordinator, password demo
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as resp:
            return bool(json.load(resp).get("status") == "ok")
    except OSError:
        return False


def seed_hub(db_url: str, *, complaints: int = 200, password: str = "demo", seed: int = 1,
             env: Mapping[str, str] | None = None) -> None:
    subprocess.run([sys.executable, "-m", "server", "seed", "--db", db_url, "--complaints", str(complaints),
                    "--password", password, "--seed", str(seed)],
                   cwd=REPO, env={**os.environ, **(env or {})}, check=True, capture_output=True)


@contextmanager
def run_hub(db_url: str, *, seed_complaints: int | None = 200, env: Mapping[str, str] | None = None,
            password: str = "demo", seed: int = 1, startup_timeout: float = 60.0,
            log_path: Path | None = None) -> Iterator[str]:
    """Seed (unless seed_complaints is None), serve, yield the base URL, then stop the hub. The hub's output goes to
    `log_path` when given (a test reads what the hub logged), else to a file that is dropped afterwards."""
    full_env = {**os.environ, **(env or {})}
    if seed_complaints is not None:
        seed_hub(db_url, complaints=seed_complaints, password=password, seed=seed, env=env)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # A file, not a pipe: nobody drains a pipe during the test and a full one would block the hub.
    with open(log_path, "w+b") if log_path is not None else tempfile.TemporaryFile() as log:
        proc = subprocess.Popen([sys.executable, "-m", "server", "serve", "--db", db_url, "--host", "127.0.0.1",
                                 "--port", str(port)], cwd=REPO, env=full_env, stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + startup_timeout
            while not _healthy(url):
                if proc.poll() is not None:
                    log.seek(0)
                    err = log.read().decode(errors="replace")
                    raise RuntimeError(f"hub exited with {proc.returncode}: {err[-2000:]}")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"hub at {url} did not become healthy")
                time.sleep(0.05)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
