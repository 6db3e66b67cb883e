#!/usr/bin/env bash
# Runs every test: starts PostgreSQL when none answers on 127.0.0.1:5432, and runs Qt offscreen.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 PYTHON_KEYRING_BACKEND=desktop.testing.memory_keyring.MemoryKeyring
source scripts/ensure-postgres.sh
.venv/bin/ruff check .
.venv/bin/mypy
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
