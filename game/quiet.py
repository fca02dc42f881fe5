"""Keep the terminal for the game's own messages: the libraries' start-up chatter goes to a log file.

MediaPipe (absl/glog), LiteRT ("Created TensorFlow Lite XNNPACK delegate"), OpenCV, SDL/ALSA ("cannot
find card") and TensorFlow write from C/C++ straight to file descriptor 2, where no Python setting
reaches. So, unless --verbose: the log-level variables those libraries read are set before they are
imported, and descriptor 2 is pointed at a log file while Python's own sys.stderr (the game's messages,
tracebacks, progress bars) keeps writing to the terminal through a copy of the original descriptor.
Must run before any of those libraries is imported."""
from __future__ import annotations

import logging
import os
import sys
import time
import warnings
from pathlib import Path

# Read by the libraries when they load (values: their "errors only" level).
LIBRARY_ENV = {
    "GLOG_minloglevel": "2",          # MediaPipe's glog lines (I/W prefixed)
    "TF_CPP_MIN_LOG_LEVEL": "2",      # TensorFlow and TFLite C++ logging
    "OPENCV_LOG_LEVEL": "ERROR",      # OpenCV's [ WARN:0@...] lines
    "OPENCV_VIDEOIO_DEBUG": "0",
    "PYGAME_HIDE_SUPPORT_PROMPT": "1",  # "Hello from the pygame community" on stdout
}
LOG_LIMIT = 1_000_000


def quiet_libraries(log_file: Path | None) -> Path | None:
    """Silence third-party output for the rest of the process; returns the log file used (None: discarded).

    Python warnings are ignored too (the game reports its own problems as messages, never as warnings).
    Every launch appends to the log under a header line (the game's own child processes, such as a
    retrain, write to it at the same time), and a log past LOG_LIMIT bytes is moved to "<name>.1" first.
    Any error opening it sends the chatter to os.devnull."""
    for key, value in LIBRARY_ENV.items():
        os.environ.setdefault(key, value)
    warnings.simplefilter("ignore")
    for name in ("absl", "tensorflow", "mediapipe"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        sys.stderr.flush()
        terminal = os.dup(2)
    except (OSError, ValueError):
        return None  # no descriptor 2 to begin with (a detached process): nothing reaches a terminal anyway
    used: Path | None = None
    try:
        if log_file is None:
            raise OSError("no log file")
        log_file.parent.mkdir(parents=True, exist_ok=True)
        if log_file.is_file() and log_file.stat().st_size > LOG_LIMIT:
            os.replace(log_file, log_file.with_name(log_file.name + ".1"))
        target = os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.write(target, f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} pid {os.getpid()}: {' '.join(sys.argv)}\n".encode())
        used = log_file
    except OSError:
        target = os.open(os.devnull, os.O_WRONLY)
    os.dup2(target, 2)
    os.close(target)
    sys.stderr = os.fdopen(terminal, "w", buffering=1, encoding=getattr(sys.stderr, "encoding", None) or "utf-8",
                           errors="backslashreplace")
    return used
