"""The libraries' native stderr goes to a log; the game's own messages stay on the terminal."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SCRIPT = """
import os, sys
from pathlib import Path
from game.quiet import quiet_libraries
quiet_libraries(Path(sys.argv[1]) if sys.argv[1] != "-" else None)
os.write(2, b"W0000 native library chatter\\n")          # what C++ code (absl, ALSA, TFLite) does
print("error: the game's own message", file=sys.stderr)  # the game's messages: Python's sys.stderr
import warnings; warnings.warn("a library's Python warning")
print("stdout " + os.environ.get("GLOG_minloglevel", "unset"))
"""


def run(log: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT, log], cwd=REPO, capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def test_native_stderr_goes_to_the_log_and_the_games_messages_to_the_terminal(tmp_path):
    log = tmp_path / "logs" / "libraries.log"
    done = run(str(log))
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == ["error: the game's own message"]
    assert done.stdout.splitlines() == ["stdout 2"]
    header, *chatter = log.read_text().splitlines()
    assert header.startswith("--- ") and chatter == ["W0000 native library chatter"]
    run(str(log))  # the next launch (or a child process) appends
    assert log.read_text().count("W0000 native library chatter") == 2


def test_without_a_log_file_the_chatter_is_dropped(tmp_path):
    done = run("-")
    assert done.stderr.splitlines() == ["error: the game's own message"]


def test_main_quiets_the_libraries_unless_verbose(tmp_path):
    """main.py's cli() points native stderr at user_data_dir()/logs/libraries.log; --verbose leaves it alone."""
    code = ("import os, sys; sys.argv = ['main.py', *sys.argv[1:]]; import main; "
            "main.main = lambda argv=None: os.write(2, b'native line\\n') and 0; sys.exit(main.cli())")

    def launch(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", code, *args], cwd=REPO, capture_output=True, text=True, timeout=60,
                              env={**os.environ, "KPOP_TRAINER_DATA": str(tmp_path)})

    quiet = launch("check", "songs")
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert (tmp_path / "logs" / "libraries.log").read_text().endswith("check songs\nnative line\n")
    (tmp_path / "logs" / "libraries.log").unlink()
    verbose = launch("--verbose", "check", "songs")
    assert verbose.stderr == "native line\n"
    assert not (tmp_path / "logs" / "libraries.log").exists()
