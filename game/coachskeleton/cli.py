"""`python main.py song coach-skeleton SONG [--member M] [--force]`: work out the coach's skeleton
of a song's dance video now (a tqdm bar on stderr, one JSON line on stdout), instead of in the
game's member screen. Members sharing a video and a dancer are worked out once."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.paths import user_path


def add_arguments(song_commands) -> None:
    """Add 'coach-skeleton' to the `song` command's subparsers (game.songimport.cli)."""
    cmd = song_commands.add_parser(
        "coach-skeleton", help="work out the dancer's skeleton drawn over the coach video (once per video and dancer)",
        description="Follow each member's dancer through the song's dance video (song.yaml `video`, and "
                    "`video_person` for a group video) and keep the landmarks in the cache folder, so the play "
                    "screen can draw the coach's skeleton (Settings: Coach skeleton).")
    cmd.add_argument("song", help="song id (the song's folder name)")
    cmd.add_argument("--member", help="only this member (default: every member with a video)")
    cmd.add_argument("--songs-dir", type=user_path, default=argparse.SUPPRESS, help="another songs folder to look in")
    cmd.add_argument("--force", action="store_true", help="work it out again even when it is cached")


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from game.coachskeleton.cache import CoachSkeletonError, cache_path, find
    from game.coachskeleton.compute import ComputeError, compute, duration

    try:
        song = _song(args.song, getattr(args, "songs_dir", None))
        members = [m for m in song.members if args.member in (None, m.id)]
        if args.member and not members:
            raise ComputeError(f"song '{song.id}' has no member '{args.member}'; its members: "
                               f"{', '.join(m.id for m in song.members) or 'none yet'}")
        with_video = [m for m in members if m.video is not None]
        if not with_video:
            raise ComputeError(f"{song.folder / 'song.yaml'}: no dance video for "
                               f"{'member ' + args.member if args.member else 'this song'}; add `video:` (docs/charts.md)")
        done: dict[tuple, dict] = {}
        rows = []
        for member in with_video:
            ref = member.video
            if ref.path is None:
                raise ComputeError(f"{song.folder / 'song.yaml'}:{ref.line}: video '{ref.name}' not found next to song.yaml")
            key = (ref.path.resolve(), ref.person)
            if key not in done:
                cached = False
                try:
                    cached = not args.force and find(ref.path, ref.person) is not None
                except CoachSkeletonError as err:
                    print(f"note: {err}", file=sys.stderr)
                if not cached:
                    total = round(duration(ref.path), 1) or None
                    with tqdm(total=total, desc=f"coach skeleton {ref.name}" + (f" ({ref.person})" if ref.person else ""),
                              unit="s", file=sys.stderr, bar_format="{desc}: {percentage:3.0f}%|{bar}| {elapsed}") as bar:
                        compute(ref.path, ref.person, progress=lambda t: bar.update(max(round(t, 1) - bar.n, 0)))
                        bar.update(max((bar.total or 0) - bar.n, 0))
                done[key] = {"video": ref.name, "person": ref.person, "cache": str(cache_path(ref.path, ref.person)),
                             "computed": not cached}
            rows.append({"member": member.id, **done[key]})
    except (ComputeError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(json.dumps({"song": song.id, "members": rows}, ensure_ascii=False))
    return 0


def _song(song_id: str, songs_dir: Path | None):
    """The loaded song `song_id` from the game's song folders (and songs_dir). Raises ComputeError."""
    from game.coachskeleton.compute import ComputeError
    from game.paths import default_poses_dir, song_dirs
    from game.poselib import load_pose_library
    from game.problems import ProblemsError
    from game.songfolder import find_song_folder, load_song

    folder = find_song_folder(song_dirs(songs_dir), song_id)
    if folder is None:
        raise ComputeError(f"no song '{song_id}' in {', '.join(str(d) for d in song_dirs(songs_dir))}; "
                           "give the song's folder name (python main.py --help lists where songs live)")
    try:
        return load_song(folder, load_pose_library(default_poses_dir()))
    except ProblemsError as err:
        raise ComputeError(f"{folder}: the song does not load; run python main.py check {folder}\n  "
                           + "\n  ".join(str(p) for p in err.problems if p.is_error)) from None
