#!/usr/bin/env bash
# Set up (the first run takes a few minutes and shows its progress; later runs skip it) and start the game.
# Arguments go to main.py. TensorFlow is not installed here: the game installs it the first time a pose is
# trained (python main.py poses train, or R on the title screen).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
exec .venv/bin/python main.py "$@"
