"""Problems a user can cause (bad YAML, unknown pose, ...), each naming file, line and remedy."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a user's file; str() is what the player or author reads.

    A warning is something the game reads as meant but other tools (or a later edit) may not;
    it never stops a song from loading."""

    path: Path
    line: int | None
    message: str
    level: str = "error"  # or "warning"

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}"


def in_file_order(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Problems sorted by file, then line (a problem with no line first in its file), as an
    author fixes them top to bottom; the order found is kept within a line."""
    return tuple(sorted(problems, key=lambda p: (str(p.path), p.line or 0)))


class ProblemsError(Exception):
    """Raised when a file cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = in_file_order(problems)  # errors, and any warnings found on the way
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'; did you mean 'x'?' when a close match exists, else ''."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
