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
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # as game/quiet.py: the terminal is for the paths written

import pygame  # noqa: E402

from game.app import App  # noqa: E402
from game.progress import CueResult, PlayRecord, TIME_FORMAT  # noqa: E402
from game.scoring import GRADE_LETTERS  # noqa: E402
from game.scenes.shots import first_chart, make_app, write_demo_song  # noqa: E402

SCENES = ("progress", "progress_empty", "tap_running", "tap_set", "tap_spread", "delay_no_camera", "delay_running",
          "settings_delay", "results_delay", "title", "past_plays", "past_cues", "past_replay", "past_cues_gone",
          "past_replay_gone", "past_changed", "past_song_gone")
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
        speed = 1.0 if k % 4 else 0.75
        level = k * 14 // plays  # how far along the player is (0..13), whatever the number of plays
        for c in chart.cues:
            hard = c.pose == chart.cues[1].pose
            ok = (c.index * 7 + k * 3) % 10 < (3 + level // 3 if hard else 6 + level // 3)
            cues.append(CueResult(c.index, round(c.time / speed, 4), c.pose, ("great" if hard else "perfect") if ok else "miss",
                                  (35.0 - level * 2) if ok else None))
        accuracy = sum(c.points for c in cues) / len(cues)
        score = round(accuracy * 1_000_000) - (k % 3) * 15_000
        letter = next(letter for need, letter in GRADE_LETTERS[1:] if accuracy >= need)
        sid = other.id if other and k % 3 == 1 else song.id
        app.storage.record_play(PlayRecord(sid, member.id, difficulty, speed, "play" if k % 4 else "speed",
                                           score, letter, accuracy, 20, when, tuple(cues)))


def player_recording(app: App, record: PlayRecord):
    """A skeleton recording of a play as the camera would have kept it: the player in each cue's pose
    around its beat (a wrong left arm where the cue missed), standing at rest between moves."""
    import numpy as np

    from game.pose.landmarks import INDEX
    from game.pose.recording import SkeletonRecording
    from game.pose.synth import NEUTRAL
    from game.poselib import skeleton_points

    labels = ("none", *sorted({c.pose for c in record.cues}))
    rec = SkeletonRecording(labels)
    first, last = record.cues[0].time - 2.0, record.cues[-1].time + 2.0
    for k in range(int(first * 30), int(last * 30)):
        t = k / 30
        cue = min(record.cues, key=lambda c: abs(c.time - t))
        near = abs(t - cue.time) < 0.35
        angles = dict(app.poses.poses[cue.pose].angles) if near and cue.pose in app.poses.poses else dict(NEUTRAL)
        if near and cue.grade == "miss":
            angles["left_upper_arm"] = angles.get("left_upper_arm", 0.0) + 110.0
        points = np.zeros((33, 4), np.float32)
        points[:, 3] = 1.0
        for name, (x, y) in skeleton_points(angles).items():
            if name in INDEX:  # card space is mirrored (the dancer's left on screen left); the camera image is not
                points[INDEX[name], :2] = ((320.0 - x * 110.0) / 640, (250.0 + y * 110.0) / 480)
        points[~points[:, :2].any(axis=1), :2] = points[INDEX["nose"], :2]
        hit = near and cue.grade != "miss"
        rec.add_frame(t, points, angles, {cue.pose: 0.92 if hit else 0.2, "none": 0.08 if hit else 0.8}, size=(640, 480))
    return rec


def seed_past(app: App) -> list[PlayRecord]:
    """24 plays (the newest three with their skeleton saved), one of a chart since changed, one of a
    song since deleted, a practice at 75% and a play whose replay file is damaged; returns the plays
    as the save file has them."""
    from game.pose.recording import replay_folder, replay_path, save_for_play

    seed_plays(app, 24)
    song, member, difficulty = first_chart(app)
    chart = member.charts[difficulty]
    old = dt.datetime.combine(TODAY - dt.timedelta(days=60), dt.time(18, 0))
    changed = tuple(CueResult(c.index, c.time, c.pose, "good" if c.index % 3 else "miss", 180.0 if c.index % 3 else None)
                    for c in chart.cues[:-3])
    app.storage.record_play(PlayRecord(song.id, member.id, difficulty, 1.0, "play", 310_000, "D", 0.31, 4,
                                       old.strftime(TIME_FORMAT), changed))
    gone = changed[:12]
    app.storage.record_play(PlayRecord("summer-nights", "dami", "hard", 1.0, "play", 512_000, "C", 0.51, 6,
                                       (old - dt.timedelta(days=1)).strftime(TIME_FORMAT), gone))
    perfect = tuple(CueResult(c.index, c.time, c.pose, "perfect", 10.0) for c in chart.cues)
    app.storage.record_play(PlayRecord(song.id, member.id, difficulty, 0.75, "loop", 1_000_000, "S", 1.0, len(perfect),
                                       (old - dt.timedelta(days=2)).strftime(TIME_FORMAT), perfect))
    damaged = app.storage.record_play(PlayRecord(song.id, member.id, difficulty, 1.0, "play", 1_000_000, "S", 1.0,
                                                 len(perfect), (old - dt.timedelta(days=3)).strftime(TIME_FORMAT), perfect))
    records = app.storage.plays()
    for record in sorted(records, key=lambda r: r.play_id)[21:24]:
        save_for_play(player_recording(app, record), replay_folder(app.storage.path), record.play_id)
    replay_path(replay_folder(app.storage.path), damaged).write_bytes(b"cut short")  # shows DAMAGED
    return records


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
    if name.startswith("past"):
        return build_past(app, name)
    raise KeyError(name)


def build_past(app: App, name: str):
    """The recent plays list, and a play opened from it: kept, no longer kept, chart changed, song gone."""
    from game.judge import Grade
    from game.scenes.past_plays import PastPlaysScene
    from game.scenes.progress import ProgressScene
    from game.scenes.replay import ReplayScene

    seed_past(app)
    app.push(ProgressScene(app, today=TODAY))
    app.push(PastPlaysScene(app))
    scene = app.top
    if name == "past_plays":
        scene.list.focus = 1
        return scene
    ids = [r.play_id for r in scene.records]
    row = {"past_cues": 0, "past_replay": 0, "past_cues_gone": ids.index(1), "past_replay_gone": ids.index(1),
           "past_changed": ids.index(25), "past_song_gone": ids.index(26)}[name]
    scene.list.focus = row
    scene.open(row)
    review = app.top
    miss = next((i for i, j in enumerate(review.judgements) if j.grade is Grade.MISS), 0)
    review.select(miss)
    if "replay" in name:
        replay = ReplayScene(app, review.results, miss)
        app.push(replay)
        replay.update(replay.loop.elapsed_for(replay.judgements[miss].cue.time - 0.1))
    return app.top


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
    from game.scenes.shots import shot_args

    args = shot_args(argv, "game.scenes.progress_shots", __doc__, "/tmp/screens", SCENES + VIDEO_SCENES)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    names = [n for n in args.scenes if n not in VIDEO_SCENES or DATA.exists()]
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
