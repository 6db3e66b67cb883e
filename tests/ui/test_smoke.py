"""`lapor-desk --smoke` in a subprocess: starts, paints the main window, exits 0, with no Qt warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOLERATED = ("This plugin does not support propagateSizeHints()",)


def run_smoke(tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
        "PYTHON_KEYRING_BACKEND": "desktop.testing.memory_keyring.MemoryKeyring",
    }
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--smoke", "--data-dir", str(tmp_path / "data"), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )


def qt_complaints(stderr: str) -> list[str]:
    return [
        line
        for line in stderr.splitlines()
        if line.strip() and " INFO " not in line and not any(t in line for t in TOLERATED)
    ]


def test_smoke_on_an_empty_replica(tmp_path: Path) -> None:
    done = run_smoke(tmp_path)
    assert done.returncode == 0, done.stderr
    assert qt_complaints(done.stderr) == []
    assert (tmp_path / "data" / "desk.ini").exists()
    assert not list((tmp_path / "data").glob("smoke-*")), "the throw-away replica is removed"


def test_smoke_in_english(tmp_path: Path) -> None:
    done = run_smoke(tmp_path, "--lang", "en")
    assert done.returncode == 0, done.stderr


def test_smoke_with_the_demo_hub(tmp_path: Path) -> None:
    done = run_smoke(tmp_path, "--demo")
    assert done.returncode == 0, done.stderr
    assert qt_complaints(done.stderr) == []
    assert (tmp_path / "data" / "demo-hub.sqlite").exists()
    assert not (tmp_path / "data" / "crash.log").exists()  # an empty crash log is removed on a clean exit
