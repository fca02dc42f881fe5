"""Song select's "Add a song" while it works: does the screen keep drawing? Prints JSON.

    python benchmarks/add_song.py [SOURCE] [--seconds 180]

Imports SOURCE (default: a generated drum track of --seconds) through the Add a song screen,
headless, stepping the app at 60 fps as the game loop does while the import runs on its worker
thread, and reports the import's wall time and the frame times of the screen meanwhile (median,
95th percentile, worst), with the share of frames over 50 ms. The first import in a process
includes librosa's JIT compilation (numba), which is when the worker holds the interpreter
longest. Timings on the shared 2-core machine vary with its load."""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # stdout carries only the JSON
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import soundfile  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", nargs="?", type=Path, help="audio or video file (default: a generated drum track)")
    parser.add_argument("--seconds", type=float, default=180.0, help="length of the generated track")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KPOP_TRAINER_DATA"] = str(Path(tmp) / "data")
        from game.paths import user_songs_dir
        from game.scenes.add_song import AddSongScene
        from game.scenes.shots import make_app
        from game.scenes.song_select import SongSelectScene
        from game.songimport.synth import drum_track, grid_times

        source = args.source
        if source is None:
            beats = grid_times([(124.0, int((args.seconds - 2.0) * 124 / 60))], 0.6)
            mono = drum_track(beats, seconds=args.seconds, sample_rate=44100)
            source = Path(tmp) / "drums.wav"
            soundfile.write(source, np.stack([mono, mono], axis=1), 44100)
        user_songs_dir().mkdir(parents=True)
        app = make_app(user_songs_dir(), Path(tmp))
        app.push(SongSelectScene(app))
        scene = AddSongScene(app, on_added=app.top.added)
        app.push(scene)
        scene.inputs["audio"].value = str(source)
        scene.start()
        job = scene.job
        if job is None:
            print(json.dumps({"error": scene.errors}))
            return
        clock = pygame.time.Clock()
        frames: list[float] = []
        started = time.perf_counter()
        last = started
        while not job.done:
            clock.tick(60)
            app.step(1 / 60)
            now = time.perf_counter()
            frames.append((now - last) * 1000)
            last = now
        seconds = time.perf_counter() - started
        app.step(1 / 60)
        ms = np.array(frames[1:] or [0.0])
        print(json.dumps({
            "source": str(args.source or f"generated drums, {args.seconds:g} s"), "import_s": round(seconds, 2),
            "error": job.error.message if job.error else None, "song": job.result and job.result["song"],
            "selected": getattr(app.top.entry, "id", None) if isinstance(app.top, SongSelectScene) else None,
            "frames": len(frames), "frame_ms_median": round(float(np.median(ms)), 1),
            "frame_ms_p95": round(float(np.percentile(ms, 95)), 1), "frame_ms_max": round(float(ms.max()), 1),
            "share_over_50ms": round(float(np.mean(ms > 50)), 3)}))
        app.storage.close()


if __name__ == "__main__":
    main()
