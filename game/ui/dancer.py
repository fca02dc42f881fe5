"""A figure that dances a chart: it moves into each cue's pose just before the beat (attract mode, guides)."""
from __future__ import annotations

import bisect
from typing import Mapping, Sequence

from game.chart import Cue
from game.poselib import LIMBS, PoseLibrary
from game.ui.skeleton import blend_angles, ease

REST: Mapping[str, float] = {"torso": 0.0, "head": 0.0, "left_upper_arm": 12.0, "left_forearm": 6.0,
                             "right_upper_arm": 12.0, "right_forearm": 6.0, "left_thigh": 6.0, "left_shin": 0.0,
                             "right_thigh": 6.0, "right_shin": 0.0}


def angles_of(poses: PoseLibrary, pose_id: str) -> Mapping[str, float]:
    return poses.poses[pose_id].angles if pose_id in poses else REST


def dancer_angles(cues: Sequence[Cue], poses: PoseLibrary, t: float) -> dict[str, float]:
    """Angles at song time t: hold each pose, then ease into the next one over up to 0.3 s before its beat."""
    if not cues:
        return dict(REST)
    times = [c.time for c in cues]
    k = bisect.bisect_right(times, t)  # cues[k] is the next cue to reach
    prev = angles_of(poses, cues[k - 1].pose) if k > 0 else REST
    if k >= len(cues):
        return dict(prev)
    cue = cues[k]
    free_from = cues[k - 1].end_time if k > 0 else cue.time - 1.0
    move = max(0.08, min(0.3, 0.6 * (cue.time - free_from)))
    if t < cue.time - move:
        return dict(prev)
    return blend_angles(prev, angles_of(poses, cue.pose), ease((t - (cue.time - move)) / move))


__all__ = ["REST", "LIMBS", "angles_of", "dancer_angles"]
