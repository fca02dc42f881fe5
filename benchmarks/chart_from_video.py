"""Chart a dance video, then dance it: does the chart fit the dancer? Prints one JSON object.

For each clip (default: the three dance clips in ../shared/data/videos), in a temporary songs
folder and a COPY of the pose library (the shipped classifier is never retrained):
1. `song new CLIP` (its own sound track; a clip with no steady beat gets --bpm 120 --offset 0),
   then `chart from-video CLIP` (game.chartmaker.make.make_chart, as the command runs it);
2. play the normal chart with the same clip as the camera (play_from_video, the path of
   `python main.py play --camera CLIP --headless`): self_hit_rate (target >= 0.90);
3. play it with every OTHER clip as the camera: other_hit_rate (target <= 0.20; only cues while
   the other clip lasts are counted);
4. moving_windows_with_cue: of the 2-second windows (from the first downbeat to the clip's end)
   in which the dancer moves (mean joint speed above MOVING torso lengths/s on a tenth of the frames),
   the share holding at least one cue of the hard chart (target 1.0) and of the normal chart;
5. speed: chart_seconds / video_seconds, and the tracking throughput (video seconds per second,
   1080p clips only) to estimate a 3-minute 1080p video: track + fixed (alignment, training).

    python benchmarks/chart_from_video.py [--videos CLIP ...]

Timings on this shared 2-core machine are noisy."""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

VIDEOS = ROOT.parent / "shared" / "data" / "videos"
CLIPS = ("musepose_dance.mp4", "romp_cardio_dance.mp4", "hybrik_taiji.mp4")
MOVING = 0.5  # torso lengths per second: a dancer moving, not swaying


def chart_clip(video: Path, songs: Path, lib: Path) -> dict:
    from game.chartmaker.make import make_chart
    from game.songimport.cli import import_song
    from game.songimport.decode import SongImportError
    sid = video.stem.replace("_", "-")
    try:
        import_song(video, songs, song_id=sid, show_progress=False)
    except SongImportError:
        import_song(video, songs, song_id=sid, bpm=120.0, offset=0.0, show_progress=False)
    t0 = time.perf_counter()
    summary = make_chart(video, songs, sid, "dancer", lib, show_progress=False)
    summary["wall_seconds"] = round(time.perf_counter() - t0, 1)
    summary["song"] = sid
    return summary


def play(songs: Path, sid: str, lib: Path, camera: Path, difficulty: str = "normal") -> tuple[list[bool], list]:
    from game.cli_play import find_chart
    from game.judge import windows_for
    from game.pose.headless_camera import play_from_video
    from game.poselib import load_pose_library
    chart = find_chart(songs, sid, "dancer", difficulty, load_pose_library(lib))
    session, _ = play_from_video(chart, camera, lib, windows_for(chart.difficulty))
    _LAST_DETAIL[:] = [{"time": round(c.time, 2), "pose": c.pose, "grade": j.grade.key,
                        "offset_ms": None if j.offset is None else round(j.offset * 1000)}
                       for c, j in zip(chart.cues, session.judgements)]
    return [j.grade.points > 0 for j in session.judgements], list(chart.cues)


_LAST_DETAIL: list = []


def coverage(video: Path, songs: Path, sid: str, lib: Path, difficulty: str) -> float | None:
    """Share of moving 2-second windows holding a cue (see the module docstring)."""
    from game.chartmaker.keyposes import joint_speed, track
    from game.cli_play import find_chart
    from game.poselib import load_pose_library
    chart = find_chart(songs, sid, "dancer", difficulty, load_pose_library(lib))
    times, marks = _tracked(video)
    speed = joint_speed(times, marks)
    import yaml
    offset = float(yaml.safe_load((songs / sid / "song.yaml").read_text())["offset"])
    cue_t = np.array([c.time for c in chart.cues])
    flags = []
    for start in np.arange(offset, times[-1] - 2.0 + 1e-6, 2.0):
        inside = (times >= start) & (times < start + 2.0)
        seen = speed[inside][np.isfinite(speed[inside])]
        if len(seen) and np.percentile(seen, 90) > MOVING:
            flags.append(bool(((cue_t >= start) & (cue_t < start + 2.0)).any()))
    return round(float(np.mean(flags)), 4) if flags else None


_TRACKS: dict = {}


def _tracked(video: Path):
    from game.chartmaker.keyposes import track
    from game.chartmaker.make import TRACK_EVERY_S
    if video not in _TRACKS:
        t0 = time.perf_counter()
        _TRACKS[video] = (*track(video, None, TRACK_EVERY_S), time.perf_counter() - t0)
    return _TRACKS[video][:2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--videos", type=Path, nargs="+", default=[VIDEOS / c for c in CLIPS])
    args = ap.parse_args()
    missing = [str(v) for v in args.videos if not v.is_file()]
    if missing:
        print(json.dumps({"error": f"not found: {', '.join(missing)} (the shared test data sits beside the repository)"}))
        return 1
    from game.pose.capture import VideoFile
    out: dict = {"clips": []}
    with tempfile.TemporaryDirectory() as tmp:
        songs = Path(tmp) / "songs"
        self_hits, other_hits, cover_hard, cover_normal = [], [], [], []
        for video in args.videos:
            lib = Path(tmp) / f"lib-{video.stem}"
            shutil.copytree(ROOT / "models" / "poses", lib)
            made = chart_clip(video, songs, lib)
            hits, _ = play(songs, made["song"], lib, video)
            detail = list(_LAST_DETAIL)
            self_hits += hits
            others = {}
            for other in args.videos:
                if other == video:
                    continue
                opened = VideoFile(other)
                length = opened.duration or 0.0
                opened.close()
                o_hits, cues = play(songs, made["song"], lib, other)
                counted = [h for h, c in zip(o_hits, cues) if c.time <= length - 0.5]
                other_hits += counted
                others[other.name] = {"cues": len(counted), "hit_rate": round(float(np.mean(counted)), 4) if counted else None}
            hard = coverage(video, songs, made["song"], lib, "hard")
            normal = coverage(video, songs, made["song"], lib, "normal")
            cover_hard += [hard] if hard is not None else []
            cover_normal += [normal] if normal is not None else []
            opened = VideoFile(video)
            first = opened.read()
            size = None if first is None else (first[0].shape[1], first[0].shape[0])
            opened.close()
            out["clips"].append({"clip": video.name, "size": size, "summary": made,
                                 "self_hit_rate": round(float(np.mean(hits)), 4) if hits else None, "self_cues": detail,
                                 "others": others, "moving_windows_with_cue": {"hard": hard, "normal": normal},
                                 "track_seconds": round(_TRACKS[video][2], 1)})
        out["self_hit_rate"] = round(float(np.mean(self_hits)), 4) if self_hits else None
        out["other_hit_rate"] = round(float(np.mean(other_hits)), 4) if other_hits else None
        out["self_cues"], out["other_cues"] = len(self_hits), len(other_hits)
        out["moving_windows_with_cue"] = {"hard": min(cover_hard, default=None), "normal": min(cover_normal, default=None)}
        ratios = [c["summary"]["wall_seconds"] / c["summary"]["video_seconds"] for c in out["clips"]]
        out["chart_seconds_per_video_second"] = round(max(ratios), 3)
        big = [c for c in out["clips"] if c["size"] and max(c["size"]) >= 1920] or out["clips"]
        per_s = sum(c["track_seconds"] for c in big) / sum(c["summary"]["video_seconds"] for c in big)
        fixed = max(c["summary"]["wall_seconds"] - c["track_seconds"] for c in out["clips"])
        out["estimate_3min_1080p_seconds"] = round(180 * per_s + fixed * 1.5, 1)
        out["estimate_note"] = ("tracking time per video second of the 1080p clips x 180 s, plus the largest non-tracking "
                                "time (alignment, key poses, training) x 1.5 for a longer song's audio and more poses")
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
