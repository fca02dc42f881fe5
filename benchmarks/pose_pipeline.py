"""The live pose pipeline while a song plays, as one JSON object.

    python benchmarks/pose_pipeline.py [--seconds 25] [--video PATH] [--library DIR] [--coach VIDEO]

A real video (default: ../shared/data/videos/group-exercise.avi, three people) is turned into
a 640x480, 30 fps webcam stand-in and played by the Camera thread in real time, while the
play screen runs at 60 fps with the PoseWorker judging from it (SDL dummy drivers, music on
the wall clock). Reports the play screen's frame time, how many camera frames the pipeline
processed per second and dropped, capture-to-judgement latency (the song time at which the
judge took each prediction, on the pose worker as in the game, minus the song time its frame was
captured) with its parts (the frame waiting for the worker, the worker's processing), the same
to the drawn frame that shows it, and the share of frames showing "others in view" (the
OthersWatch runs too, as in the game). With --coach VIDEO (e.g. a 1080p dance video) the member
has that reference video, so the play screen also shows the coach, decoded on its worker, and the
figures add how many coach frames were shown and dropped. The coach's skeleton is drawn over it
(worked out first, and cached, when it is not yet: game.coachskeleton), and `coach.skeleton_ms`
is what drawing it adds to a frame (`--no-coach-skeleton` leaves it off)."""
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

import cv2  # noqa: E402

from game.paths import POSES_DIR  # noqa: E402


DEFAULT_VIDEO = ROOT.parent / "shared" / "data" / "videos" / "group-exercise.avi"


def webcam_stand_in(video: Path, out: Path, size=(640, 480), fps: float = 30.0) -> Path:
    """Resample `video` to `fps` (repeating frames) at a webcam's resolution."""
    cap = cv2.VideoCapture(str(video))
    src_fps = cap.get(cv2.CAP_PROP_FPS) or fps
    writer = cv2.VideoWriter(str(out), cv2.VideoWriter_fourcc(*"MJPG"), fps, size)
    t, frame_t, ok, image = 0.0, 0.0, *cap.read()
    while ok:
        while t < frame_t + 1 / src_fps:
            writer.write(cv2.resize(image, size))
            t += 1 / fps
        frame_t += 1 / src_fps
        ok, image = cap.read()
    writer.release()
    cap.release()
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))], 2)


FIND_FRAMES = 200  # the first processed frames are compared with plain MediaPipe


def found_vs_plain(found: list[tuple[bytes, bool]]) -> dict:
    """How often the tracker found the player in the frames it processed, and how often plain
    MediaPipe (tracking mode, the same frames in the same order, full size) finds someone."""
    import numpy as np

    from game.pose.landmarks import VideoLandmarker

    with VideoLandmarker() as plain:
        theirs = sum(plain.process(cv2.imdecode(np.frombuffer(jpg, np.uint8), cv2.IMREAD_COLOR)) is not None
                     for jpg, _ in found)
    return {"frames": len(found), "tracker": sum(ok for _, ok in found), "plain_mediapipe": theirs}


def run(video: Path, library: Path, seconds: float, size: tuple[int, int] = (640, 480), coach: Path | None = None,
        coach_skeleton: bool = True) -> dict:
    import pygame

    from game.app import App
    from game.pose.service import PoseService
    from game.scenes.play import PlayScene
    from game.storage import Storage

    skeleton_s = None
    if coach is not None and coach_skeleton:
        from game.coachskeleton.cache import find
        from game.coachskeleton.compute import compute
        if find(coach) is None:  # before the run, as the member screen does: never beside play's MediaPipe
            started = time.perf_counter()
            compute(coach)
            skeleton_s = round(time.perf_counter() - started, 1)
    with tempfile.TemporaryDirectory() as tmp:
        stand_in = webcam_stand_in(video, Path(tmp) / "webcam.avi", size)
        service = PoseService(library).start()
        service.wait(120)
        if not service.usable:
            raise SystemExit(f"pose pipeline not ready: {service.message}")
        app = App(window=True, storage=Storage(Path(tmp) / "save.db"), pose_service=service, library=library)
        from dataclasses import replace as replace_settings
        app.settings = replace_settings(app.settings, coach_skeleton=coach_skeleton)
        app.scanner.wait(60)  # with a window the song list loads in the background
        song = next(e.song for e in app.entries if e.song)
        member = song.members[0]
        if coach is not None:
            from dataclasses import replace

            from game.chart import VideoRef

            from game.scenes.play import LEAD_IN

            # from the countdown on: a short clip plays over the whole run rather than its end
            member = replace(member, video=VideoRef(coach.name, coach, -LEAD_IN))
        scene = PlayScene(app, song, member, next(iter(member.charts)))
        app.push(scene)
        skeleton_ms: list[float] = []  # per drawn frame with a coach frame: drawing the coach's skeleton
        if scene.coach is not None:
            draw_skeleton = scene.coach._draw_skeleton

            def timed_skeleton(*args):
                t0 = time.perf_counter()
                draw_skeleton(*args)
                skeleton_ms.append((time.perf_counter() - t0) * 1000)

            scene.coach._draw_skeleton = timed_skeleton
        live = service.open_live(str(stand_in), scene.capture_time)
        scene.attach_live(live)
        latencies: list[float] = []  # capture -> judged on the worker
        drawn: list[float] = []  # capture -> handed to the drawn frame
        waits: list[float] = []  # capture -> the worker starts on the frame
        processing: list[float] = []  # the worker's time on a frame (MediaPipe, features, classifier)
        take, judge, process = live.predictions_until, scene.session.take, live.worker._tracker.process

        def timed_take(t: float) -> list:
            got = take(t)
            drawn.extend((scene.now - p.t) * 1000 for p in got)
            return got

        def timed_judge(predictions: list, now: float) -> None:
            latencies.extend((now - p.t) * 1000 for p in predictions)
            judge(predictions, now)

        found: list[tuple[bytes, bool]] = []  # each processed frame (JPEG) and whether the tracker found the player

        def timed_process(frame):
            waits.append((scene.capture_time() - frame.t) * 1000)
            tracked = process(frame)
            processing.append(tracked.process_ms)
            if len(found) < FIND_FRAMES:
                found.append((cv2.imencode(".jpg", frame.image)[1].tobytes(), tracked.landmarks is not None))
            return tracked

        live.predictions_until = timed_take
        scene.session.take = timed_judge
        live.worker._tracker.process = timed_process
        frame_ms: list[float] = []
        coach_shown: list[bool] = []  # per drawn frame: a coach frame was on screen
        others: list[bool] = []  # per drawn frame with the player found: "others in view" shown?
        start = time.perf_counter()
        next_frame = start
        while time.perf_counter() - start < seconds:
            t0 = time.perf_counter()
            app.step(1 / 60, pygame.event.get())
            app.present()
            frame_ms.append((time.perf_counter() - t0) * 1000)
            if scene.coach is not None:
                coach_shown.append(scene.coach.frame_rect is not None)
            if live.latest is not None and live.latest.landmarks is not None:
                others.append(live.latest.others)
            next_frame += 1 / 60
            time.sleep(max(0.0, next_frame - time.perf_counter()))
        elapsed = time.perf_counter() - start
        coach_video = scene.coach.video if scene.coach is not None else None
        coach_figures = None if coach_video is None else {
            "video": coach.name, "drawn_frames_with_coach": sum(coach_shown),
            "decoded_frames_dropped": coach_video.dropped, "seeks": coach_video.seeks,
            "error": scene.coach.error, "skeleton_on": coach_skeleton,
            "skeleton_ms": {"median": pct(skeleton_ms, 50), "p95": pct(skeleton_ms, 95), "frames": len(skeleton_ms)}
            if skeleton_ms else None, "skeleton_computed_first_s": skeleton_s}
        if coach is not None and coach_video is None:
            coach_figures = {"video": coach.name, "error": scene.coach.error}
        camera = live.worker.camera
        processed = camera.frames_read - camera.frames_dropped
        live.stop()
        service.close()
        return {"video": video.name, "camera": f"{size[0]}x{size[1]} @ 30 fps stand-in", "seconds": round(elapsed, 1),
                "play_frame_ms": {"median": pct(frame_ms, 50), "p95": pct(frame_ms, 95), "max": pct(frame_ms, 100)},
                "frames_drawn_per_s": round(len(frame_ms) / elapsed, 1),
                "camera_frames_per_s": round(camera.frames_read / elapsed, 1),
                "pipeline_frames_per_s": round(processed / elapsed, 1),
                "camera_frames_dropped": camera.frames_dropped,
                "capture_to_judgement_ms": {"median": pct(latencies, 50), "p95": pct(latencies, 95), "count": len(latencies)},
                "frame_waits_for_worker_ms": {"median": pct(waits, 50), "p95": pct(waits, 95)},
                "worker_process_ms": {"median": pct(processing, 50), "p95": pct(processing, 95)},
                "capture_to_drawn_frame_ms": {"median": pct(drawn, 50), "p95": pct(drawn, 95)},
                "others_in_view_shown": round(sum(others) / max(len(others), 1), 3),
                "player_found": found_vs_plain(found),
                "coach": coach_figures,
                "tensorflow_imported": "tensorflow" in sys.modules}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--video", type=Path, default=DEFAULT_VIDEO)
    parser.add_argument("--library", type=Path, default=POSES_DIR)
    parser.add_argument("--seconds", type=float, default=25.0)
    parser.add_argument("--size", default="640x480", help="the webcam stand-in's resolution, WxH (e.g. 1920x1080)")
    parser.add_argument("--coach", type=Path, default=None,
                        help="a reference dance video shown as the coach while the song plays (e.g. 1920x1080)")
    parser.add_argument("--no-coach-skeleton", action="store_true", help="the coach video without its skeleton")
    args = parser.parse_args()
    if args.coach is not None and not args.coach.is_file():
        raise SystemExit(f"{args.coach} not found: give the coach video's path with --coach")
    if not args.video.is_file():
        raise SystemExit(f"{args.video} not found: give a video with --video (the shared test data is absent)")
    size = tuple(int(v) for v in args.size.lower().split("x"))
    print(json.dumps(run(args.video, args.library, args.seconds, size, args.coach, not args.no_coach_skeleton)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
