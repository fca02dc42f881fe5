#!/usr/bin/env bash
# Set up the project: system libraries (Debian/Ubuntu, installed when run as root), a virtualenv in .venv,
# and the Python packages of the requirements file given ($1, default requirements.txt).
#
# Runs in a blink when nothing changed: a stamp in .venv holds the hash of the requirements file (with the
# files it includes) and of this script, and set-up is skipped entirely while it matches.
set -euo pipefail
cd "$(dirname "$0")/.."
REQUIREMENTS=${1:-requirements.txt}
PY=${PYTHON:-python3.11}
STAMP=".venv/.setup-$(basename "$REQUIREMENTS").sha256"

say() { printf '%s\n' "$*" >&2; }

# The requirements file and every file it includes with "-r", each once.
requirement_files() {
  local file=$1 included
  printf '%s\n' "$file"
  while read -r included; do
    requirement_files "$(dirname "$file")/$included"
  done < <(sed -n 's/^[[:space:]]*-r[[:space:]]*//p' "$file")
}

[ -f "$REQUIREMENTS" ] || { say "setup: no requirements file '$REQUIREMENTS'"; exit 2; }
mapfile -t FILES < <(requirement_files "$REQUIREMENTS" | sort -u)
WANTED=$(cat "${FILES[@]}" scripts/setup.sh | sha256sum | cut -d' ' -f1)
if [ -x .venv/bin/python ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANTED" ]; then
  exit 0  # set up already, and nothing changed since
fi

# --- system packages ------------------------------------------------------------------------------
# The library cache is read once into a variable: piping `ldconfig -p` into `grep -q` under pipefail
# fails at random (grep exits at the first match, ldconfig dies of SIGPIPE). ldconfig lives in /sbin,
# which is not on an ordinary user's PATH; the library folders are looked at too.
LIBS=$( { ldconfig -p || /sbin/ldconfig -p || /usr/sbin/ldconfig -p; } 2>/dev/null || true)
have_lib() {
  grep -qF "$1" <<<"$LIBS" && return 0
  compgen -G "/usr/lib/*/$1*" >/dev/null || compgen -G "/lib/*/$1*" >/dev/null || compgen -G "/usr/lib64/$1*" >/dev/null
}
need=()
have_lib libGL.so.1 || need+=(libgl1)              # OpenCV (pulled in by MediaPipe) loads it
have_lib libglib-2.0.so.0 || need+=(libglib2.0-0)  # OpenCV
command -v "$PY" >/dev/null 2>&1 || need+=(python3.11)
if ! command -v "$PY" >/dev/null 2>&1 || ! "$PY" -c "import ensurepip, venv" >/dev/null 2>&1; then
  need+=(python3.11-venv)
fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing system packages: ${need[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  elif ! command -v "$PY" >/dev/null 2>&1 || ! "$PY" -c "import ensurepip, venv" >/dev/null 2>&1; then
    say "The game needs Python 3.11 with venv. Install it first, e.g.: sudo apt-get install ${need[*]}"
    say "(or set PYTHON=/path/to/python3.11)"
    exit 1
  else  # only libraries missing: the game starts without them (songs play as the demo); say how to add them
    say "Note: pose recognition needs system libraries that seem to be missing: ${need[*]}"
    say "      install them with: sudo apt-get install ${need[*]}   (the game starts anyway)"
  fi
fi

# --- the virtualenv and its packages --------------------------------------------------------------
if [ ! -x .venv/bin/python ]; then
  say "First-time set-up: creating a Python environment in .venv"
  "$PY" -m venv .venv
  FIRST=1
fi
if [ -n "${FIRST:-}" ] || [ ! -f "$STAMP" ]; then
  say "Installing the Python packages of $REQUIREMENTS into .venv: a few minutes the first time"
  say "(later launches skip this until the requirements change)"
else
  say "The requirements changed: updating .venv from $REQUIREMENTS"
fi
if ! .venv/bin/python -m pip install --disable-pip-version-check --progress-bar on -r "$REQUIREMENTS"; then
  say "setup: pip could not install $REQUIREMENTS (see above). Check the network connection and run this again."
  exit 1
fi
printf '%s\n' "$WANTED" >"$STAMP"
say "Set-up done."
