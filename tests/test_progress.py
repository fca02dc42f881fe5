"""Progress: records from judgements, the streak, per-pose accuracy, weakest moves, the CSV."""
from __future__ import annotations

import csv
import datetime as dt

from game.chart import Chart, Cue
from game.judge import Grade, Judgement
from game.progress import (CSV_COLUMNS, CueResult, PlayRecord, cue_results, play_days, pose_accuracy, scores_by_song,
                           streak, weakest_moves, write_csv)

D = dt.date(2026, 3, 10)


def play(when: str, song: str = "s", score: int = 500, cues: tuple[CueResult, ...] = ()) -> PlayRecord:
    return PlayRecord(song, "ari", "normal", 1.0, "play", score, "B", 0.8, 10, when, cues)


def test_streak_counts_days_in_a_row_ending_today_or_yesterday():
    days = {D, D - dt.timedelta(1), D - dt.timedelta(2), D - dt.timedelta(5)}
    assert streak(days, D) == 3
    assert streak(days, D + dt.timedelta(1)) == 3  # today's practice may still come
    assert streak(days, D + dt.timedelta(2)) == 0
    assert streak(set(), D) == 0
    assert streak({D}, D) == 1


def test_play_days_are_the_players_local_days():
    records = [play("2026-03-09 23:59:00"), play("2026-03-10 00:01:00"), play("2026-03-10 12:00:00")]
    assert play_days(records) == {dt.date(2026, 3, 9), D}
    assert streak(play_days(records), D) == 2


def test_cue_results_come_from_the_judgements():
    cues = [Cue(index=i, beat=i, time=1.0 + i, pose=p, end_time=1.0 + i) for i, p in enumerate(("heart", "v"))]
    got = cue_results([Judgement(cues[0], Grade.GREAT, -0.0421), Judgement(cues[1], Grade.MISS, None)])
    assert got == (CueResult(0, 1.0, "heart", "great", -42.1, 1.0), CueResult(1, 2.0, "v", "miss", None, 1.0))


def cue(i: int, pose: str, grade: str, offset: float | None = 0.0) -> CueResult:
    return CueResult(i, float(i), pose, grade, offset)


def test_accuracy_per_pose_and_the_weakest_moves():
    a = play("2026-03-10 10:00:00", cues=(cue(0, "heart", "perfect"), cue(1, "v", "miss", None), cue(2, "point", "great")))
    b = play("2026-03-10 11:00:00", cues=(cue(0, "heart", "perfect"), cue(1, "v", "good"), cue(2, "once", "miss", None)))
    acc = {p.pose: p for p in pose_accuracy([a, b])}
    assert acc["heart"].accuracy == 1.0 and acc["v"].accuracy == 0.2 and (acc["v"].hits, acc["v"].total) == (1, 2)
    assert [p.pose for p in weakest_moves([a, b])] == ["v"]  # "once" was seen once: no trend; heart is perfect


def test_scores_by_song_in_time_order():
    got = scores_by_song([play("2026-03-10 10:00:00", "x", 9), play("2026-03-09 10:00:00", "x", 5), play("2026-03-09 11:00:00", "y", 7)])
    assert [s for _, s in got["x"]] == [5, 9] and [s for _, s in got["y"]] == [7]


def test_csv_has_one_row_per_cue_and_reads_back(tmp_path):
    a = play("2026-03-10 10:00:00", "노래", cues=(cue(0, "heart", "perfect", 12.5), cue(1, "v", "miss", None)))
    path = tmp_path / "p.csv"
    assert write_csv([a, play("2026-03-09 10:00:00")], path) == 3
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["pose"] == "" and rows[1]["song"] == "노래" and rows[1]["offset_ms"] == "12.5"
    assert rows[2]["cue_grade"] == "miss" and rows[2]["offset_ms"] == ""
