"""Frame time of the play screen and drift of the game clock, as one JSON object.

    SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy python benchmarks/frame_time.py [--song ID] [--member ID] [--difficulty D]

1. Plays a whole song headless with the autoplayer on a virtual clock, updating and drawing the
   play scene every frame, and reports the per-frame time (median, p95, max) in ms.
2. Replays the song's length through MusicClock against a simulated mixer whose position only
   moves every ~20 ms (with jitter), as pygame's does, on frames with jittery lengths, and reports
   how far the game clock is from the true audio position (ms)."""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # stdout carries only the JSON
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.clock import MusicClock  # noqa: E402
from game.paths import SONGS_DIR  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def frame_times(songs_dir: Path, song_id: str | None, member_id: str | None, difficulty: str | None) -> dict:
    from game.scenes.play import PlayScene
    from game.scenes.shots import make_app

    with tempfile.TemporaryDirectory() as tmp:
        app = make_app(songs_dir, Path(tmp))
        songs = [e.song for e in app.entries if e.song and (song_id is None or e.id == song_id)]
        if not songs:
            raise SystemExit(f"no playable song{' ' + song_id if song_id else ''} in {songs_dir}")
        song = songs[0]
        member = song.member(member_id) if member_id else song.members[0]
        diff = difficulty or member.default_difficulty()
        scene = PlayScene(app, song, member, diff, virtual=True)
        app.push(scene)
        times: list[float] = []
        while not scene.finished:
            start = time.perf_counter()
            app.step(1 / 60)
            times.append((time.perf_counter() - start) * 1000.0)
        app.storage.close()
    ms = times[10:] or times  # the first frames build caches
    return {"song": song.id, "member": member.id, "difficulty": diff, "frames": len(times),
            "frame_ms": {"median": round(statistics.median(ms), 3), "p95": round(percentile(ms, 0.95), 3),
                         "max": round(max(ms), 3), "mean": round(statistics.fmean(ms), 3)},
            "budget_ms_at_60fps": round(1000 / 60, 2), "duration_s": round(song.duration, 2)}


class SimulatedMixer:
    """pygame-like music position: it only advances when the mixer refills its buffer (~every 20 ms)."""

    def __init__(self, rng: random.Random, start_wall: float, step_ms: float = 20.0, jitter_ms: float = 4.0):
        self.rng, self.start, self.step, self.jitter = rng, start_wall, step_ms / 1000, jitter_ms / 1000
        self.next_update = start_wall
        self.reported: float | None = None
        self.wall = 0.0

    def position(self) -> float | None:
        if self.wall < self.start:
            return None
        while self.wall >= self.next_update:
            self.reported = self.next_update - self.start
            self.next_update += max(0.002, self.step + self.rng.uniform(-self.jitter, self.jitter))
        return self.reported


def clock_drift(duration: float, lead_in: float = 3.0, seed: int = 1) -> dict:
    rng = random.Random(seed)
    wall = [100.0]
    mixer = SimulatedMixer(rng, start_wall=wall[0] + lead_in)
    clock = MusicClock(mixer.position, audio_offset_s=0.0, lead_in_s=lead_in, wall=lambda: wall[0])
    drift_true, drift_mixer, steps = [], [], []
    last = None
    while wall[0] < mixer.start + duration:
        wall[0] += max(0.004, rng.gauss(1 / 60, 0.0015))  # frames are not perfectly even either
        mixer.wall = wall[0]
        now = clock.now()
        if wall[0] >= mixer.start:
            true = wall[0] - mixer.start
            drift_true.append((now - true) * 1000)
            if mixer.reported is not None:
                drift_mixer.append((now - mixer.reported) * 1000)
        if last is not None:
            steps.append(now - last)
        last = now
    abs_true = [abs(d) for d in drift_true]
    return {"frames": len(drift_true), "mixer_update_ms": 20, "mixer_jitter_ms": 4,
            "vs_true_audio_ms": {"mean": round(statistics.fmean(drift_true), 3), "median_abs": round(statistics.median(abs_true), 3),
                                 "p95_abs": round(percentile(abs_true, 0.95), 3), "max_abs": round(max(abs_true), 3)},
            "vs_reported_mixer_ms": {"median_abs": round(statistics.median(abs(d) for d in drift_mixer), 3),
                                     "max_abs": round(max(abs(d) for d in drift_mixer), 3)},
            "clock_never_runs_backwards": min(steps) >= 0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--songs-dir", type=Path, default=SONGS_DIR)
    parser.add_argument("--song")
    parser.add_argument("--member")
    parser.add_argument("--difficulty")
    args = parser.parse_args(argv)
    result = frame_times(args.songs_dir, args.song, args.member, args.difficulty)
    result["clock_drift"] = clock_drift(result["duration_s"])
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
