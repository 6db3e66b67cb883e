#!/usr/bin/env bash
# Installs the Debian packages Qt, a virtual display, venv and PostgreSQL need, only those that are missing.
# As root it runs apt-get; otherwise it prints the exact command and stops.
set -euo pipefail
pkgs=(python3-venv libgl1 libegl1 libglib2.0-0 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
      xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
      libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 binutils postgresql)
command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system, skipping apt packages" >&2; exit 0; }
missing=()
for p in "${pkgs[@]}"; do
  # python3-venv is only needed when the interpreter in use cannot make a venv by itself
  if [[ $p == python3-venv ]] && ${PYTHON:-python3} -c 'import ensurepip' >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
cmd="apt-get install -y --no-install-recommends --no-upgrade ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  echo "system-deps: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $cmd -qq
else
  echo "system-deps: these Debian packages are missing: ${missing[*]}" >&2
  echo "system-deps: run as root:  apt-get update && $cmd" >&2
  exit 1
fi
