#!/usr/bin/env bash
# Builds the one-folder desk bundle into build/dist/lapor-desk, then runs it once with --smoke --demo and fails when
# it does not exit 0 or prints anything unexpected on stderr (a missing module shows up here, not at a user's desk).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
$PY scripts/build_translations.py >/dev/null
$PY -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/work build/lapor-desk.spec
bundle=build/dist/lapor-desk/lapor-desk
smoke_dir=$(mktemp -d)
trap 'rm -rf "$smoke_dir"' EXIT
err="$smoke_dir/stderr"
if ! QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring \
  "$bundle" --smoke --demo --data-dir "$smoke_dir/data" 2>"$err"; then
  echo "build: the bundle's smoke start failed:" >&2
  cat "$err" >&2
  exit 1
fi
# Known harmless lines: the offscreen plugin's size-hint notice and the hub's own INFO log lines.
unexpected=$(grep -v -e 'propagateSizeHints' -e ' INFO ' "$err" || true)
if [[ -n "$unexpected" ]]; then
  echo "build: the bundle printed unexpected output:" >&2
  echo "$unexpected" >&2
  exit 1
fi
du -sh build/dist/lapor-desk
echo "build: ok"
