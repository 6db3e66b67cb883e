"""`python -m desktop.ui.screenshots DIR` on a small demo hub: four PNGs, no Qt warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
TOLERATED = ("This plugin does not support propagateSizeHints()",)


def test_screenshots_module(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
        "PYTHON_KEYRING_BACKEND": "desktop.testing.memory_keyring.MemoryKeyring",
    }
    out = tmp_path / "shots"
    done = subprocess.run(
        [sys.executable, "-m", "desktop.ui.screenshots", str(out), "--complaints", "120",
         "--data-dir", str(tmp_path / "data")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    noise = [
        line for line in done.stderr.splitlines()
        if line.strip() and " INFO " not in line and not any(t in line for t in TOLERATED)
    ]  # fmt: skip
    assert noise == []
    for name in ("queue-detail.png", "outbox.png", "search.png", "english.png"):
        image = QImage(str(out / name))
        assert not image.isNull() and image.width() == 1600, name
