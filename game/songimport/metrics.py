"""Beat-tracking scores used by the benchmark and the tests (MIREX conventions, pure numpy)."""
from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

F_WINDOW_S = 0.070   # a detected beat within 70 ms of an annotated one is a hit (MIREX / mir_eval default)


def f_measure(reference: np.ndarray, estimated: np.ndarray, window: float = F_WINDOW_S) -> float:
    """Beat F-measure: 2PR/(P+R), each annotated beat matched to at most one detected beat.

    reference, estimated: 1-D arrays of seconds. The matching is a maximum bipartite matching
    (as in mir_eval.util.match_events), so two detections near one beat count once."""
    reference, estimated = np.asarray(reference, float), np.asarray(estimated, float)
    if reference.size == 0 and estimated.size == 0:
        return 1.0
    if reference.size == 0 or estimated.size == 0:
        return 0.0
    distance = np.abs(reference[:, None] - estimated[None, :])
    cost = np.where(distance <= window, 0.0, 1.0)
    rows, cols = linear_sum_assignment(cost)
    hits = int(np.sum(cost[rows, cols] == 0.0))
    precision, recall = hits / estimated.size, hits / reference.size
    return 0.0 if hits == 0 else 2 * precision * recall / (precision + recall)


def tempo_from_beats(beats: np.ndarray) -> float:
    """The song's tempo in BPM from beat times in seconds: 60 / median inter-beat interval."""
    return 60.0 / float(np.median(np.diff(np.asarray(beats, float))))


def tempo_ok(reference_bpm: float, estimated_bpm: float, tolerance: float = 0.04) -> bool:
    """Within `tolerance` (4%: the usual MIREX tempo accuracy) of the reference tempo."""
    return abs(estimated_bpm - reference_bpm) <= tolerance * reference_bpm
