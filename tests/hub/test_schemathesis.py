"""schemathesis against a real hub on SQLite and on PostgreSQL (issue 9, item 12): with the published schema as
tight as the edge validation, a bounded run finds no server error and no conformance failure.

The run is bounded (examples per operation) and seeded, so CI sees the same requests every time;
LAPOR_SCHEMATHESIS_SEED and LAPOR_SCHEMATHESIS_EXAMPLES widen an exploratory run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hub.client import HubClient
from tests.hub.conftest import BACKENDS, hub_for

CONFIG = Path(__file__).with_name("schemathesis.toml")
SEED = os.environ.get("LAPOR_SCHEMATHESIS_SEED", "20261203")
EXAMPLES = os.environ.get("LAPOR_SCHEMATHESIS_EXAMPLES", "40")


@pytest.mark.parametrize("backend", BACKENDS)
def test_schemathesis_finds_no_server_error_and_no_conformance_failure(backend: str, tmp_path: Path) -> None:
    log = tmp_path / "hub.log"
    with hub_for(backend, tmp_path, complaints=40, log_path=log) as url:
        token = HubClient(url, "admin.pupr", device_id="schemathesis").http.headers["Authorization"]
        st = Path(sys.executable).with_name("st")
        run = subprocess.run(
            [str(st), "--config-file", str(CONFIG), "run", f"{url}/openapi.json", "--checks", "all",
             "--header", f"Authorization: {token}", "--header", "X-Lapor-Protocol: 1",
             "--max-examples", EXAMPLES, "--seed", SEED, "--workers", "1", "--generation-database", "none",
             "--request-timeout", "30", "--no-color"],
            cwd=tmp_path, capture_output=True, text=True, timeout=900)
    report = run.stdout[-12000:] + run.stderr[-3000:]
    assert run.returncode == 0, report
    assert "internal error" not in log.read_text(errors="replace"), report
