"""A past play rebuilt from the save file: stored cues paired with today's chart (same, changed, gone),
the stored grades kept as they were, and the recording adding only what the judge saw."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from game.chart import Chart, Cue
from game.judge import Grade, TimingWindows
from game.pose.recording import SkeletonRecording
from game.progress import CueResult, PlayRecord
from game.saved_play import CHANGED, NO_CHART, SAME, grade_of, judgements, match_chart, predictions

CHART = Chart("song", "ari", "normal", tuple(Cue(i, 4.0 + 2 * i, 2.0 + i, p, hold_beats=1.0 if i == 2 else 0.0,
                                                 end_time=2.0 + i + (0.5 if i == 2 else 0.0), at=f"{i + 1}:1")
                                             for i, p in enumerate(("heart", "v", "point", "heart"))))


def _record(cues: tuple[CueResult, ...], speed: float = 1.0, mode: str = "play") -> PlayRecord:
    return PlayRecord("song", "ari", "normal", speed, mode, 500_000, "C", 0.5, 2, "2026-03-10 10:00:00", cues, 7)


def _stored(chart: Chart = CHART, speed: float = 1.0, grades=("perfect", "miss", "great", "good")) -> tuple[CueResult, ...]:
    return tuple(CueResult(c.index, round(c.time / speed, 4), c.pose, g, None if g == "miss" else 40.0)
                 for c, g in zip(chart.cues, grades))


def test_a_play_of_todays_chart_takes_its_beats_and_holds_in_the_plays_own_timeline() -> None:
    match = match_chart(_record(_stored(speed=0.5), 0.5, "speed"), CHART)
    assert match.status == SAME and (match.cues_then, match.cues_now) == (4, 4)
    hold = match.cues[2]
    assert hold.time == pytest.approx(8.0) and hold.end_time == pytest.approx(9.0) and hold.is_hold and hold.at == "3:1"


def test_a_chart_changed_since_the_play_is_said_and_the_stored_cues_are_shown() -> None:
    fewer = replace(CHART, cues=CHART.cues[:3])
    other_pose = replace(CHART, cues=(*CHART.cues[:3], replace(CHART.cues[3], pose="flex")))
    retimed = replace(CHART, cues=(*CHART.cues[:3], replace(CHART.cues[3], time=9.0, end_time=9.0)))
    for chart in (fewer, other_pose, retimed):
        match = match_chart(_record(_stored()), chart)
        assert match.status == CHANGED and [c.pose for c in match.cues] == ["heart", "v", "point", "heart"]
        assert match.cues[3].time == 5.0 and not match.cues[2].is_hold and match.cues[0].at == "—"
    assert match_chart(_record(_stored()), None).status == NO_CHART


def test_a_section_practice_matches_a_run_of_the_chart() -> None:
    section = tuple(CueResult(i, 10.0 + 3 * i, p, "perfect", 0.0) for i, p in enumerate(("v", "point")))
    match = match_chart(_record(section, 0.75, "loop"), CHART)
    assert match.status == SAME and match.cues[1].is_hold and match.cues[1].index == 1 and match.cues[1].time == 13.0
    assert match_chart(_record(section[::-1], 0.75, "loop"), CHART).status == CHANGED


def test_without_a_recording_the_stored_grades_are_all_there_is() -> None:
    stored = _stored()
    js = judgements(stored, match_chart(_record(stored), CHART).cues, None, TimingWindows())
    assert [j.grade for j in js] == [Grade.PERFECT, Grade.MISS, Grade.GREAT, Grade.GOOD]
    assert js[0].offset == pytest.approx(0.040) and js[1].offset is None
    assert all(j.trace == () and j.seen is None and j.why is None for j in js)
    assert grade_of("superb") is Grade.MISS


def _recording(cues, hit: set[int]) -> SkeletonRecording:
    rec = SkeletonRecording(("none", "heart", "v", "point"))
    for k in range(0, 30 * 9):
        t = k / 30
        cue = min(cues, key=lambda c: abs(c.time - t))
        on = cue.index in hit and abs(t - cue.time) < 0.3
        rec.add_frame(t, np.full((33, 4), 0.5, np.float32), {"torso": 0.0, "left_upper_arm": 10.0 * cue.index},
                      {cue.pose: 0.9 if on else 0.1, "none": 0.1 if on else 0.9})
    return rec


def test_a_recording_adds_what_the_judge_saw_but_never_changes_a_stored_grade() -> None:
    stored = _stored(grades=("perfect", "miss", "perfect", "perfect"))
    cues = match_chart(_record(stored), CHART).cues
    rec = _recording(cues, hit={0, 3})  # cue 2 was a Perfect then, and is not in this recording
    assert len(predictions(rec)) == len(rec)
    js = judgements(stored, cues, rec, TimingWindows())
    assert [j.grade for j in js] == [Grade.PERFECT, Grade.MISS, Grade.PERFECT, Grade.PERFECT]
    assert js[0].trace and js[0].peak_prob == pytest.approx(0.9, abs=0.01) and js[0].seen == "heart"
    assert js[1].why == "never_reached" and js[1].seen == "none", "a stored miss the frames agree with says why"
    assert js[2].why is None and js[2].player_angles is not None, "frames that disagree give no reason against the grade"
    assert js[2].player_angles["left_upper_arm"] == pytest.approx(20.0)
