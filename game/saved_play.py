"""A past play rebuilt from what was kept: its per-cue rows (SQLite), today's chart, and its skeleton
recording when the replay folder still has it. Pure (no pygame): game/scenes/past_plays.py draws it.

What was stored is the truth: each cue's grade, offset and share held come from the save file,
never from judging the recording again (the windows or the model may have changed since). The
recording only adds what the judge saw around each cue (the probability trace, the figure at the
best match, the top pose at the beat, why a miss missed) by running the same pure judge
(game.judge.judge_cue) over its frames; where that disagrees with the stored grade, the reason is
left out rather than contradict the grade on screen."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Sequence

import numpy as np

from game.chart import Chart, Cue
from game.judge import Grade, HitRule, Judgement, Prediction, TimingWindows, judge_cue
from game.pose.features import ANGLE_NAMES
from game.pose.recording import SkeletonRecording
from game.progress import CueResult, PlayRecord

SAME, CHANGED, NO_CHART = "same", "changed", "no_chart"
WHOLE_SONG_MODES = ("play", "speed")  # modes that play every cue of the chart once (the others may play a section)
TIME_TOLERANCE_S = 0.015  # a stored cue time (rounded to 0.1 ms) this close to the chart's, scaled by the speed, is the same cue


@dataclass(frozen=True)
class ChartMatch:
    """The play's cues, rebuilt in the play's own timeline (the recording's clock), and whether
    today's chart still is the chart that was danced: SAME, CHANGED or NO_CHART."""

    cues: tuple[Cue, ...]
    status: str
    cues_then: int
    cues_now: int
    ambiguous: bool = False  # a section whose moves occur more than once in the chart: which bars is not known


def match_chart(record: PlayRecord, chart: Chart | None) -> ChartMatch:
    """Pair the stored cues with today's chart. A whole-song play (WHOLE_SONG_MODES) matches when the
    chart has as many cues with the same pose ids, each at stored time × speed (within
    TIME_TOLERANCE_S); a section practice when a run of the chart's cues has the stored pose ids in
    order. Matched cues take the chart's beat, hold and gold; otherwise the cues are the stored rows
    alone (pose id and time; no beat, no hold)."""
    stored = record.cues
    now = len(chart.cues) if chart is not None else 0
    if chart is not None:
        run = _matching_run(record, chart)
        if run is not None:
            speed = record.speed if record.speed > 0 else 1.0
            cues = tuple(replace(c, index=s.index, time=s.time, end_time=s.time + (c.end_time - c.time) / speed)
                         for s, c in zip(stored, run))
            return ChartMatch(cues, SAME, len(stored), now, ambiguous=_runs(record, chart) > 1)
    cues = tuple(Cue(index=s.index, beat=0.0, time=s.time, pose=s.pose, end_time=s.time, at="—") for s in stored)
    return ChartMatch(cues, NO_CHART if chart is None else CHANGED, len(stored), now)


def _runs(record: PlayRecord, chart: Chart) -> int:
    """How many runs of the chart's cues have the stored pose ids in order (a whole-song play: 1)."""
    if record.mode in WHOLE_SONG_MODES:
        return 1
    poses, cues = [s.pose for s in record.cues], chart.cues
    return sum([c.pose for c in cues[k:k + len(poses)]] == poses for k in range(len(cues) - len(poses) + 1))


def _matching_run(record: PlayRecord, chart: Chart) -> Sequence[Cue] | None:
    stored, cues = record.cues, chart.cues
    poses = [s.pose for s in stored]
    whole = record.mode in WHOLE_SONG_MODES
    if not stored or (whole and len(cues) != len(stored)):
        return None
    for k in ([0] if whole else range(len(cues) - len(stored) + 1)):
        run = cues[k:k + len(stored)]
        if [c.pose for c in run] != poses:
            continue
        if not whole:
            return run
        if all(abs(s.time * record.speed - c.time) <= TIME_TOLERANCE_S for s, c in zip(stored, run)):
            return run
    return None


def predictions(recording: SkeletonRecording) -> list[Prediction]:
    """The recording's frames where a body was seen, as the judge's Predictions (capture time s,
    p(pose) for each recorded label, segment directions in degrees), in time order."""
    times, angles = recording.times, recording.angles.astype(np.float32)
    probs = {label: recording.probs(label) for label in recording.labels}
    seen = np.isfinite(recording.points[:, 0, 0]) | np.isfinite(angles).any(axis=1)
    out = []
    for k in np.flatnonzero(seen):
        named = {name: float(v) for name, v in zip(ANGLE_NAMES, angles[k]) if np.isfinite(v)}
        out.append(Prediction(float(times[k]), {label: float(p[k]) for label, p in probs.items()}, named or None))
    return out


def grade_of(key: str) -> Grade:
    """A stored grade key ("perfect".."miss"); an unknown one (a newer game's) reads as a miss."""
    return next((g for g in Grade if g.key == key), Grade.MISS)


def judgements(stored: Sequence[CueResult], cues: Sequence[Cue], recording: SkeletonRecording | None,
               windows: TimingWindows, rule: HitRule = HitRule(),
               targets: Mapping[str, Mapping[str, float]] | None = None) -> list[Judgement]:
    """One Judgement per stored cue (same order), its grade, offset (s) and held share as stored;
    with a recording, the detail the judge finds in its frames (see the module docstring)."""
    seen = predictions(recording) if recording is not None and len(recording) else []
    targets = targets or {}
    out = []
    for s, cue in zip(stored, cues):
        grade = grade_of(s.grade)
        base = Judgement(cue=cue, grade=grade, offset=None if s.offset_ms is None else s.offset_ms / 1000.0, held=s.held)
        if not seen:
            out.append(base)
            continue
        again = judge_cue(cue, seen, windows, rule, target=targets.get(cue.pose))
        detail = dict(peak_prob=again.peak_prob, seen=again.seen, trace=again.trace, player_angles=again.player_angles,
                      limb_error=again.limb_error)
        if again.grade is grade:
            detail.update(why=again.why, near_offset=again.near_offset, near_span=again.near_span)
        elif recording is not None:  # the figure at the stored moment, as the judge would have shown it
            at = recording.at(cue.time + (base.offset or 0.0))
            detail["player_angles"] = at.angles if at is not None and at.angles else None
            detail["limb_error"] = None
        out.append(replace(base, **detail))
    return out
