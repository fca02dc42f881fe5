"""The training extra (TensorFlow), installed the first time a pose is trained.

The game itself never needs TensorFlow (it runs the classifier with LiteRT), and TensorFlow is most
of a 2.5 GB environment, so neither scripts/play.sh nor `pip install kpop-dance-trainer` installs it.
`python main.py poses train` (and the title screen's retrain, which runs that command) calls
ensure_training_extra() first: it installs requirements-train.txt in a checkout, or the package's
"train" extra when installed with pip/pipx, with pip's own progress on the terminal."""
from __future__ import annotations

import importlib.metadata
import importlib.util
import subprocess
import sys
from collections.abc import Callable

from game.paths import REPO_ROOT

DISTRIBUTION = "kpop-dance-trainer"
TRAIN_REQUIREMENTS = REPO_ROOT / "requirements-train.txt"
GAME_REQUIREMENTS = REPO_ROOT / "requirements.txt"


class ExtraMissing(Exception):
    """TensorFlow is not installed and could not be installed; the message says what to run."""


def install_arguments() -> list[str]:
    """pip arguments that install the training extra: the requirements file in a checkout (with the
    game's pins as constraints, so nothing the game uses moves), else the installed package's "train"
    extra, pinned as its metadata says. Raises ExtraMissing when neither is there."""
    if TRAIN_REQUIREMENTS.is_file():
        constraints = ["-c", str(GAME_REQUIREMENTS)] if GAME_REQUIREMENTS.is_file() else []
        return ["-r", str(TRAIN_REQUIREMENTS), *constraints]
    try:
        requires = importlib.metadata.requires(DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError:
        requires = []
    train = [r.split(";")[0].strip() for r in requires if ";" in r and 'extra == "train"' in r.split(";", 1)[1]]
    if not train:
        raise ExtraMissing("TensorFlow is needed to train poses; install it with: "
                           f"python -m pip install '{DISTRIBUTION}[train]'")
    return train


def manual_command() -> str:
    """The command a player can run by hand (quoted for a shell)."""
    args = install_arguments()
    return " ".join([f'"{sys.executable}"', "-m", "pip", "install", *(f'"{a}"' if " " in a else a for a in args)])


def reinstall_game_command() -> str:
    """The command that reinstalls the game's own packages (MediaPipe, LiteRT): the requirements
    file in a checkout, else the installed package itself."""
    if GAME_REQUIREMENTS.is_file():
        return f'"{sys.executable}" -m pip install -r "{GAME_REQUIREMENTS}"'
    return f'"{sys.executable}" -m pip install --force-reinstall {DISTRIBUTION}'


def ensure_training_extra(have: Callable[[str], bool] | None = None,
                          run: Callable[[list[str]], int] | None = None) -> bool:
    """Make sure TensorFlow can be imported, installing the training extra when it is missing.
    Returns True when it installed something. Raises ExtraMissing (with the command to run by hand)
    when pip fails. `have` and `run` are injectable for tests (default: importlib and subprocess)."""
    have = have or (lambda name: importlib.util.find_spec(name) is not None)
    if have("tensorflow"):
        return False
    args = install_arguments()
    print("Teaching poses needs TensorFlow, which the game itself does not use. Installing it now, once "
          "(about 250 MB to download; a few minutes)...", flush=True)
    command = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", *args]
    # pip's messages go to the terminal even when the libraries' stderr is kept in a log (game.quiet)
    code = (run or (lambda cmd: subprocess.call(cmd, stdout=sys.stdout, stderr=sys.stderr)))(command)
    importlib.invalidate_caches()
    if code != 0 or not have("tensorflow"):
        raise ExtraMissing(f"could not install TensorFlow (pip exit {code}; its messages are above). "
                           f"Check the network connection, then run: {manual_command()}")
    print("TensorFlow installed; training starts.", flush=True)
    return True
