"""Headless screenshots of the progress and calibration screens, in English and Korean.

    SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy python -m game.scenes.progress_shots /tmp/screens

The framing-check shots run MediaPipe on ../shared/data videos and are left out when it is absent."""
from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game.app import App  # noqa: E402
from game.progress import CueResult, PlayRecord, TIME_FORMAT  # noqa: E402
from game.scenes.shots import first_chart, make_app, write_demo_song  # noqa: E402

SCENES = ("progress", "progress_empty", "tap_running", "tap_set", "tap_spread", "delay_no_camera", "delay_running",
          "settings_delay", "results_delay", "title")
VIDEO_SCENES = ("check_ready", "check_partial", "check_dark")
TODAY = dt.date(2026, 3, 20)


def seed_plays(app: App, plays: int = 14) -> None:
    """Real-looking plays over three weeks: two songs, scores rising, one pose that stays hard."""
    song, member, difficulty = first_chart(app)
    chart = member.charts[difficulty]
    other = next((e.song for e in app.entries if e.song and e.song.id != song.id), None)
    for k in range(plays):
        day = TODAY - dt.timedelta(days=(plays - 1 - k) * 2 if k < plays - 5 else plays - 1 - k)
        when = dt.datetime.combine(day, dt.time(19, 30)).strftime(TIME_FORMAT)
        cues = []
        for c in chart.cues[:24]:
            hard = c.pose == chart.cues[1].pose
            ok = (c.index * 7 + k * 3) % 10 < (3 + k // 3 if hard else 6 + k // 3)
            cues.append(CueResult(c.index, c.time, c.pose, ("great" if hard else "perfect") if ok else "miss",
                                  (35.0 - k * 2) if ok else None))
        score = 420_000 + k * 38_000 - (k % 3) * 15_000
        sid = other.id if other and k % 3 == 1 else song.id
        app.storage.record_play(PlayRecord(sid, member.id, difficulty, 1.0 if k % 4 else 0.75, "play" if k % 4 else "loop",
                                           score, "B", score / 1_000_000, 20, when, tuple(cues)))


@dataclass
class DelayedAutoLive:
    """The autoplayer seen through a camera whose picture is `delay` s late: a LiveSource with `seen`."""

    source: object
    delay: float
    latest: object = None
    error: str | None = None
    seen: list = field(default_factory=list)

    def predictions_until(self, t: float) -> list:
        got = [replace(p, t=p.t + self.delay) for p in self.source.predictions_until(t - self.delay)]
        self.seen.extend(got)
        return got

    def lost(self) -> bool:
        return False

    def stop(self) -> None:
        pass


def build(app: App, name: str):
    from game.scenes import calibration
    from game.scenes.camera_shots import fixed_service
    from game.scenes.progress import ProgressScene
    from game.scenes.settings import ROWS, SettingsScene
    from game.scenes.title import TitleScene
    from game.pose import service as ps

    app.reset_to(TitleScene(app))
    if name == "title":
        app.top.freeze_time = 0.0
        app.top.menu.focus = 1
        return app.top
    if name.startswith("progress"):
        if name == "progress":
            seed_plays(app)
        app.push(ProgressScene(app, today=TODAY))
        return app.top
    if name == "settings_delay":
        app.push(SettingsScene(app))
        app.top.list.focus = ROWS.index("camera_delay_ms")
        return app.top
    if name.startswith("tap"):
        app.push(calibration.TapCalibrationScene(app))
        scene = app.top
        scene.start = app.t
        spread = {"tap_running": 0.008, "tap_set": 0.008, "tap_spread": 0.060}[name]
        import random

        rng = random.Random(4)
        n = 7 if name == "tap_running" else 16
        scene.taps = [b + 0.042 + rng.gauss(0, spread) for b in scene.beats[2:2 + n]]
        if name != "tap_running":
            scene.finish()
        return scene
    if name.startswith("delay"):
        app.pose_service = fixed_service(ps.ERROR if name == "delay_no_camera" else ps.READY,
                                         "the pose model models/poses/classifier.tflite is missing: run python main.py poses train"
                                         if name == "delay_no_camera" else None)
        app.push(calibration.CameraDelayScene(app))
        scene = app.top
        if name == "delay_running":  # as it looks mid-way, a still frame standing in for the camera
            from game.scenes.camera_shots import DATA, StillLive, video_tracked_at

            video = DATA / "videos" / "romp_cardio_dance.mp4"
            scene.problem = None
            scene.live = StillLive(video_tracked_at(video, 30)) if video.exists() else None
            scene.clicked = 3
            scene.start = app.t - 3 * calibration.CLICK_PERIOD_S - 0.9
        return scene
    if name == "results_delay":
        return results_with_delay(app, 0.085)
    raise KeyError(name)


def results_with_delay(app: App, delay: float):
    """Results after a camera play whose picture came `delay` s late (the autoplayer through a lagging camera)."""
    from game.scenes.play import PlayScene, play_to
    from game.scenes.results import ResultsScene

    song, member, difficulty = first_chart(app)
    scene = PlayScene(app, song, member, difficulty, virtual=True, jitter_ms=40.0, seed=2)
    live = DelayedAutoLive(scene.source, delay)
    scene.attach_live(live)
    app.push(scene)
    play_to(scene, scene.session.end_time() + 0.1)
    app.replace(ResultsScene(app, scene))
    return app.top


def build_check(app: App, name: str):
    """The framing check before the first song, with a real frame through MediaPipe."""
    import numpy as np

    from game.scenes.camera_check import CameraCheckScene
    from game.scenes.camera_shots import DATA, SQUATS_VIDEO, StillLive, read_frame, tracked, video_tracked_at
    from game.scenes.title import TitleScene

    app.reset_to(TitleScene(app))
    song, member, difficulty = first_chart(app)
    if name == "check_ready":
        frame = video_tracked_at(DATA / "videos" / "romp_cardio_dance.mp4", 30)
    elif name == "check_partial":
        image = read_frame(SQUATS_VIDEO, 0)
        frame = tracked(np.ascontiguousarray(image[: image.shape[0] // 2]))
    else:
        frame = tracked((read_frame(SQUATS_VIDEO, 0) * 0.12).astype(np.uint8))
    scene = CameraCheckScene(app, song, member, difficulty)
    scene.pending = False
    scene.checking = (None, StillLive(frame))
    app.push(scene)
    return scene


def main(argv: list[str]) -> int:
    from game.scenes.camera_shots import DATA

    out = Path(argv[0]) if argv else Path("/tmp/screens")
    out.mkdir(parents=True, exist_ok=True)
    names = list(SCENES) + (list(VIDEO_SCENES) if DATA.exists() else [])
    for lang in ("en", "ko"):
        for name in names:
            with tempfile.TemporaryDirectory() as tmp:
                app = make_app(write_demo_song(Path(tmp) / "songs"), Path(tmp))
                app.update_settings(replace(app.settings, language=lang))
                (build_check if name in VIDEO_SCENES else build)(app, name)
                app.step(0.0)
                path = out / (f"{name}.png" if lang == "en" else f"{name}-ko.png")
                pygame.image.save(app.canvas, str(path))
                print(path)
                for scene in reversed(app.scenes):
                    scene.leave()
                app.storage.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
