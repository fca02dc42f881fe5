import random

import pytest

from game.clock import ManualClock, MusicClock, VirtualClock


class FakeMixer:
    """Music position that only moves every ~20 ms, like pygame's mixer; None before play."""

    def __init__(self):
        self.wall = 0.0
        self.started_at = None
        self.reported = None
        self.rng = random.Random(1)
        self.next_update = 0.0

    def position(self):
        if self.started_at is None:
            return None
        if self.wall >= self.next_update:
            self.reported = self.wall - self.started_at
            self.next_update = self.wall + self.rng.uniform(0.01, 0.03)
        return self.reported


def test_manual_and_virtual():
    m = ManualClock(1.5)
    m.set(2.0)
    v = VirtualClock(start=-1.0, step=0.5)
    v.tick()
    assert (m.now(), v.now()) == (2.0, -0.5)


def test_music_clock_counts_in_then_follows_the_music_smoothly():
    mixer = FakeMixer()
    clock = MusicClock(mixer.position, audio_offset_s=0.0, lead_in_s=2.0, wall=lambda: mixer.wall)
    assert clock.now() == pytest.approx(-2.0)
    readings, errors = [], []
    for frame in range(60 * 62):  # 62 s at 60 fps; the music starts at wall 2.0
        mixer.wall = frame / 60
        if mixer.started_at is None and mixer.wall >= 2.0:
            mixer.started_at = mixer.wall
        readings.append(clock.now())
        if mixer.started_at is not None:
            errors.append(readings[-1] - (mixer.wall - mixer.started_at))
    assert all(b >= a for a, b in zip(readings, readings[1:]))  # never backwards
    assert max(abs(e) for e in errors[120:]) < 0.004  # within 4 ms of the true music position
    steps = [b - a for a, b in zip(readings[200:], readings[201:])]
    assert max(steps) - min(steps) < 0.01  # smooth frame to frame despite the 10-30 ms mixer updates


def test_audio_offset_shifts_song_time():
    clock = MusicClock(lambda: 10.0, audio_offset_s=0.05, wall=lambda: 0.0)
    assert clock.now() == pytest.approx(9.95)


def test_pause_freezes_time():
    wall = [0.0]
    clock = MusicClock(lambda: None, lead_in_s=1.0, wall=lambda: wall[0])
    clock.pause()
    wall[0] = 5.0
    assert clock.now() == pytest.approx(-1.0)
    clock.resume()
    wall[0] = 5.5
    assert clock.now() == pytest.approx(-0.5)
