#!/usr/bin/env bash
# Set up (first run only takes long) and start the game. Arguments go to main.py.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-train.txt   # the game, plus TensorFlow for teaching new poses
exec .venv/bin/python main.py "$@"
