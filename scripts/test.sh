#!/usr/bin/env bash
# Set up (first run only; the tests need TensorFlow too, see requirements-dev.txt) and run the whole test
# suite. Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-dev.txt
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
exec .venv/bin/python -m pytest "$@"
