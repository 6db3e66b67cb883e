"""Compile resources/translations/*.ts into .qm files next to them with Qt's lrelease (shipped with PySide6)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lrelease() -> str:
    exe = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    if exe is None:
        raise SystemExit("pyside6-lrelease not found: install the project first (make install)")
    return exe


def main() -> int:
    sources = sorted((ROOT / "resources" / "translations").glob("*.ts"))
    for ts in sources:
        subprocess.run([lrelease(), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    print(f"translations: {len(sources)} compiled")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
