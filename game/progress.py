"""The player's progress: one record per real play, and what the progress screen and the CSV show.

Pure (no pygame, no SQL): game/storage.py keeps the records, game/scenes/progress.py draws them.
A record is built from the session's Judgement objects (grade, offset, share held per cue), so
per-pose accuracy uses the same points as the score (Grade.points × held)."""
from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from game.judge import Grade, Judgement

TIME_FORMAT = "%Y-%m-%d %H:%M:%S"  # local time, as the player lives it (a streak counts the player's days)
CSV_COLUMNS = ("played_at", "song", "member", "difficulty", "speed", "mode", "score", "grade", "accuracy",
               "cue", "cue_time_s", "pose", "cue_grade", "offset_ms", "held")
POINTS = {g.key: g.points for g in Grade}


@dataclass(frozen=True)
class CueResult:
    """How one cue went: its grade key ("perfect".."miss"), offset in ms (negative early; None when missed)."""

    index: int
    time: float  # s, song time of the cue
    pose: str
    grade: str
    offset_ms: float | None
    held: float = 1.0

    @property
    def points(self) -> float:
        return POINTS.get(self.grade, 0.0) * self.held


@dataclass(frozen=True)
class PlayRecord:
    """One real play of one chart (never the demo or autoplay: the caller decides, see results.py)."""

    song: str
    member: str
    difficulty: str
    speed: float  # 1.0 = full speed
    mode: str  # "play" (full speed, the only kind that can be a best), "speed" (whole song slowed), "loop", "step", "ramp"
    score: int
    grade: str  # the letter
    accuracy: float  # 0..1
    max_combo: int
    played_at: str  # TIME_FORMAT, local time
    cues: tuple[CueResult, ...] = ()
    play_id: int | None = field(default=None, compare=False)  # its row in the save file (names its replay file)
    pass_no: int | None = None  # a looped practice's pass, from 1 (None: a play without passes, or saved before v4)

    @property
    def when(self) -> dt.datetime:
        return dt.datetime.strptime(self.played_at, TIME_FORMAT)


def cue_results(judgements: Iterable[Judgement]) -> tuple[CueResult, ...]:
    """The per-cue grades and offsets of a play, from the judge's Judgement objects."""
    return tuple(CueResult(j.cue.index, round(j.cue.time, 4), j.cue.pose, j.grade.key,
                           None if j.offset is None else round(j.offset * 1000.0, 1), round(float(j.held), 4))
                 for j in judgements)


def record_of(session, song_id: str, speed: float = 1.0, mode: str = "play", when: dt.datetime | None = None,
              pass_no: int | None = None) -> PlayRecord:
    """A PlayRecord of a finished PlaySession (or anything with .chart, .score and .judgements);
    `pass_no` (from 1) for one pass of a looped practice."""
    s = session.score
    return PlayRecord(song_id, session.chart.member, session.chart.difficulty, float(speed), mode, int(s.score),
                      s.grade_letter, float(s.accuracy), int(s.max_combo),
                      (when or dt.datetime.now()).strftime(TIME_FORMAT), cue_results(session.judgements), pass_no=pass_no)


def streak(days: Iterable[dt.date], today: dt.date) -> int:
    """Days in a row with at least one play, ending today (or yesterday: today's practice may still
    come, as Duolingo keeps a streak alive until the day is over). 0 when the last play is older."""
    played = set(days)
    day = today if today in played else today - dt.timedelta(days=1)
    n = 0
    while day in played:
        n += 1
        day -= dt.timedelta(days=1)
    return n


def play_days(records: Iterable[PlayRecord]) -> set[dt.date]:
    return {r.when.date() for r in records}


def scores_by_song(records: Iterable[PlayRecord]) -> dict[str, list[tuple[dt.datetime, int]]]:
    """Song id -> [(when, score)] in time order, for the score-over-time plot."""
    out: dict[str, list[tuple[dt.datetime, int]]] = defaultdict(list)
    for r in sorted(records, key=lambda r: r.played_at):
        out[r.song].append((r.when, r.score))
    return dict(out)


@dataclass(frozen=True)
class PoseAccuracy:
    pose: str
    accuracy: float  # mean points (Grade.points × held), 0..1
    hits: int
    total: int


def pose_accuracy(records: Iterable[PlayRecord]) -> list[PoseAccuracy]:
    """Accuracy per pose over every recorded cue, best first."""
    by_pose: dict[str, list[CueResult]] = defaultdict(list)
    for r in records:
        for c in r.cues:
            by_pose[c.pose].append(c)
    stats = [PoseAccuracy(pose, sum(c.points for c in cs) / len(cs), sum(c.grade != "miss" for c in cs), len(cs))
             for pose, cs in by_pose.items()]
    return sorted(stats, key=lambda p: (-p.accuracy, p.pose))


def weakest_moves(records: Iterable[PlayRecord], n: int = 5, min_cues: int = 2) -> list[PoseAccuracy]:
    """The poses with the lowest accuracy (seen at least `min_cues` times, so one slip is no trend)."""
    stats = [p for p in pose_accuracy(records) if p.total >= min_cues and p.accuracy < 1.0]
    return sorted(stats, key=lambda p: (p.accuracy, p.pose))[:n]


def csv_rows(records: Sequence[PlayRecord]) -> list[dict]:
    """One row per cue of every play (a play without cues gets one row with empty cue columns)."""
    rows = []
    for r in sorted(records, key=lambda r: r.played_at):
        play = {"played_at": r.played_at, "song": r.song, "member": r.member, "difficulty": r.difficulty,
                "speed": r.speed, "mode": r.mode, "score": r.score, "grade": r.grade, "accuracy": round(r.accuracy, 4)}
        for c in r.cues or (None,):
            rows.append({**play, **({"cue": c.index, "cue_time_s": c.time, "pose": c.pose, "cue_grade": c.grade,
                                     "offset_ms": "" if c.offset_ms is None else c.offset_ms, "held": c.held}
                                    if c else {})})
    return rows


def write_csv(records: Sequence[PlayRecord], path: Path | str) -> int:
    """Write the plays as CSV (UTF-8 with a BOM so spreadsheet programs read Korean names); returns rows written.
    Raises OSError when the file cannot be written."""
    rows = csv_rows(records)
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def run_cli(csv_path: Path | None, today: dt.date | None = None) -> int:
    """`python main.py progress [--csv FILE]`: a JSON summary of the player's plays on stdout, and the
    plays as CSV when asked. Exit 2 with a message when the file cannot be written."""
    import json
    import sys

    from game.storage import Storage

    store = Storage()
    try:
        records = store.plays()
    finally:
        store.close()
    summary = {"plays": len(records), "days": len(play_days(records)),
               "streak": streak(play_days(records), today or dt.date.today()),
               "best_by_song": {song: max(s for _, s in scores) for song, scores in scores_by_song(records).items()},
               "weakest_moves": [{"pose": p.pose, "accuracy": round(p.accuracy, 4), "hits": p.hits, "total": p.total}
                                 for p in weakest_moves(records)]}
    if csv_path is not None:
        try:
            summary["csv_rows"] = write_csv(records, csv_path)
        except OSError as err:
            print(f"error: cannot write {csv_path}: {err.strerror or err}. Give a path in a folder you can write to.",
                  file=sys.stderr)
            return 2
        summary["csv"] = str(csv_path)
    print(json.dumps(summary, ensure_ascii=False))
    return 0
