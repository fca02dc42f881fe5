#!/usr/bin/env bash
# Set up the project on a fresh machine: system libraries (Debian/Ubuntu, when run as root),
# a virtualenv in .venv, and the Python packages of the requirements file given ($1).
set -euo pipefail
cd "$(dirname "$0")/.."
REQUIREMENTS=${1:-requirements.txt}
PY=${PYTHON:-python3.11}

need=()
ldconfig -p 2>/dev/null | grep -q "libGL.so.1" || need+=(libgl1)             # OpenCV
ldconfig -p 2>/dev/null | grep -q "libglib-2.0.so.0" || need+=(libglib2.0-0)  # OpenCV
command -v "$PY" >/dev/null 2>&1 || need+=(python3.11)
"$PY" -c "import ensurepip, venv" >/dev/null 2>&1 || need+=(python3.11-venv)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Please install these system packages first: ${need[*]}" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
