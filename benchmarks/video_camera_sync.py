"""Does a video camera score the same in the window as headless? Prints one JSON line.

    SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy python benchmarks/video_camera_sync.py \
        --songs-dir ../shared/data/bad-inputs/video-rotation-tag/songs --song squat-song --member ari \
        --library ../shared/data/bad-inputs/video-rotation-tag/lib-squat \
        --camera ../shared/data/mediapipe-reference/pose_squats.mp4

The headless run reads every frame on a virtual clock; the window run is the real app (no
display, no sound device) in real time, the video paced by the song clock. Before the video was
paced by the song it started during the 3-2-1 count-in, about 3 s ahead: a clip that scored A
headless scored D in the window. Timing is real time on a shared machine: the window run can drop
frames when the machine is busy, so quote the grades with that in mind."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def headless(args) -> dict:
    from game.cli_play import find_chart
    from game.judge import windows_for
    from game.pose.headless_camera import play_from_video
    from game.poselib import load_pose_library
    from game.session import summary

    chart = find_chart(args.songs_dir, args.song, args.member, None, load_pose_library(args.library))
    session, stats = play_from_video(chart, args.camera, args.library, windows_for(chart.difficulty))
    return {**summary(session, args.song), "frames": stats["frames"]}


def window(args, db: Path) -> dict:
    from game.app import App
    from game.pose.service import PoseService
    from game.scenes.camera_check import begin_play
    from game.scenes.title import TitleScene
    from game.session import summary
    from game.storage import Storage

    app = App(songs_dir=args.songs_dir, storage=Storage(db), pose_service=PoseService(args.library).start(),
              camera=str(args.camera), library=args.library)
    app.push(TitleScene(app))
    app.pose_service.wait(60)
    entry = next(e for e in app.entries if e.song and e.id == args.song)
    member = entry.song.member(args.member)
    begin_play(app, entry.song, member, member.default_difficulty())
    play, last = None, time.perf_counter()
    deadline = last + entry.song.duration + 60
    while time.perf_counter() < deadline:
        now = time.perf_counter()
        app.step(now - last)
        last = now
        if type(app.top).__name__ == "PlayScene":
            play = app.top
        elif type(app.top).__name__ == "ResultsScene":
            break
        time.sleep(1 / 120)
    out = summary(play.session, args.song) if play else {"error": f"no play scene ({type(app.top).__name__})"}
    app.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--songs-dir", type=Path, required=True)
    parser.add_argument("--song", required=True)
    parser.add_argument("--member", required=True)
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--camera", type=Path, required=True)
    args = parser.parse_args()
    import tempfile

    keys = ("grade", "score", "judgements")
    with tempfile.TemporaryDirectory() as tmp:
        first = headless(args)
        second = window(args, Path(tmp) / "save.sqlite3")
    print(json.dumps({"headless": {k: first.get(k) for k in keys}, "window": {k: second.get(k) for k in keys},
                      "video": args.camera.name}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
