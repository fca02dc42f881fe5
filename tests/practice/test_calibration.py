"""Calibration: audio offset from taps, camera delay from a play and from arm raises on clicks."""
import random

import pytest

from game.autoplay import Autoplayer
from game.chart import Chart, Cue
from game.judge import HitRule, Prediction, TimingWindows, judge
from game.practice.calibration import (ARMS_UP_POSE, camera_delay_from_clicks, camera_delay_from_play, delayed,
                                       tap_offset)

W = TimingWindows()
BEATS = [1.0 + 0.5 * k for k in range(32)]  # a 120 BPM click track


def taps(shift: float, spread: float, n: int = 24, seed: int = 1) -> list[float]:
    rng = random.Random(seed)
    return [b + shift + rng.gauss(0, spread) for b in BEATS[:n]]


def test_steady_taps_set_the_offset():
    s = tap_offset(taps(0.045, 0.010), BEATS)
    assert s.accepted and s.value == pytest.approx(0.045, abs=0.006) and s.samples == 24


def test_the_current_offset_is_kept_and_corrected():
    # the clock already subtracts 30 ms; taps still 20 ms late -> 50 ms
    assert tap_offset(taps(0.020, 0.005), BEATS, current_offset=0.030).value == pytest.approx(0.050, abs=0.004)


def test_unsteady_or_too_few_taps_are_not_accepted():
    loose = tap_offset(taps(0.0, 0.060), BEATS)
    assert not loose.accepted and "spread" in loose.reason
    few = tap_offset(taps(0.0, 0.005, n=5), BEATS)
    assert not few.accepted and "at least 8" in few.reason and few.value == 0.0


def tap_chart(n: int = 40) -> Chart:
    poses = ("heart", "point", "v")
    return Chart("song", "ari", "normal", tuple(Cue(index=i, beat=2 * i, time=5.0 + i, pose=poses[i % 3], end_time=5.0 + i)
                                                 for i in range(n)))


def autoplay_predictions(chart: Chart, jitter_ms: float, seed: int) -> list[Prediction]:
    return Autoplayer(chart, jitter_ms=jitter_ms, seed=seed).predictions_until(chart.cues[-1].time + 3.0)


@pytest.mark.parametrize("delay", [0.0, 0.08, 0.15, 0.25])
@pytest.mark.parametrize("seed", [1, 2])
def test_a_delayed_camera_is_found_after_a_song_within_20ms(delay, seed):
    """The camera test option: the autoplayer's frames stamped `delay` late, as a lagging camera would."""
    chart = tap_chart()
    frames = delayed(autoplay_predictions(chart, jitter_ms=40, seed=seed), delay)
    suggestion = camera_delay_from_play(judge(chart.cues, frames, W), frames)
    assert suggestion.accepted and suggestion.samples >= 30
    assert suggestion.value == pytest.approx(delay, abs=0.020)


def test_after_correcting_the_delay_the_next_suggestion_is_near_zero_change():
    chart = tap_chart()
    frames = delayed(autoplay_predictions(chart, 40, 3), 0.15)
    first = camera_delay_from_play(judge(chart.cues, frames, W), frames)
    corrected = delayed(frames, -first.value)  # what the judge sees once the delay is applied
    again = camera_delay_from_play(judge(chart.cues, corrected, W), corrected, current_delay=first.value)
    assert again.value == pytest.approx(0.15, abs=0.020)


def test_a_play_with_few_hits_suggests_nothing():
    chart = tap_chart(5)
    frames = autoplay_predictions(chart, 0, 1)
    s = camera_delay_from_play(judge(chart.cues, frames, W), frames)
    assert not s.accepted and "need 8" in s.reason


def arms_on_clicks(clicks, delay: float, spread: float, seed: int = 1, fps: float = 30.0) -> list[Prediction]:
    """A player raising both arms on each click (human error `spread`), lowering them 0.4 s later,
    seen by a camera whose frames are stamped `delay` late."""
    rng = random.Random(seed)
    ups = [(c + rng.gauss(0, spread), c + 0.4) for c in clicks]
    out = []
    for k in range(int((clicks[-1] + 2.0) * fps)):
        t = k / fps
        up = any(a <= t <= b for a, b in ups)
        out.append(Prediction(t=t + delay, probs={ARMS_UP_POSE if up else "none": 0.9}))
    return out


@pytest.mark.parametrize("delay", [0.0, 0.1, 0.2])
def test_arm_raises_on_clicks_measure_the_camera_delay_within_20ms(delay):
    clicks = [2.0 + 1.537 * k for k in range(10)]  # off the camera's frame grid, as a real click is
    s = camera_delay_from_clicks(clicks, arms_on_clicks(clicks, delay, 0.015))
    assert s.accepted and s.samples == 10 and s.value == pytest.approx(delay, abs=0.020)


def test_no_arm_raises_seen_suggests_nothing():
    clicks = [2.0 + 1.5 * k for k in range(10)]
    s = camera_delay_from_clicks(clicks, [Prediction(t=k / 30, probs={"none": 1.0}) for k in range(600)])
    assert not s.accepted and s.samples == 0


def test_the_hit_rule_is_the_judges():
    """A pose seen in single flickering frames is not a raise, as it is not a hit."""
    clicks = [2.0 + 1.5 * k for k in range(10)]
    flicker = [Prediction(t=k / 30, probs={ARMS_UP_POSE if k % 4 == 0 else "none": 0.9}) for k in range(600)]
    assert camera_delay_from_clicks(clicks, flicker, HitRule(stable_seconds=0.1)).samples == 0
