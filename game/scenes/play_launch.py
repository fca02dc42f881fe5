"""`python main.py play --song ID --member NAME` in the window: straight into that song (from the
camera, or as the demo with --autoplay; a practice with --speed, --section, --loops, --step, --ramp),
with the song list and the member list under it so that Esc goes back the way a player came."""
from __future__ import annotations

import sys
from argparse import Namespace
from typing import TYPE_CHECKING

from game.chart import Song
from game.cli_play import ChoiceError, find_chart
from game.scenes.camera_check import begin_play
from game.scenes.member_select import MemberSelectScene
from game.scenes.practice import start_from_args
from game.scenes.song_select import SongSelectScene

if TYPE_CHECKING:
    from game.app import App


def start_play_from_args(app: "App", args: Namespace) -> None:
    """`python main.py play --song ID --member NAME` in a window: straight into that song
    (from the camera, or as the demo with --autoplay). A bad choice is a notice on the title, never a traceback."""
    try:
        chart = find_chart(app.song_dirs, args.song, args.member, getattr(args, "difficulty", None), app.poses)
    except ChoiceError as err:
        app.notice = str(err).splitlines()[0]
        print(f"error: {err}")
        return
    song = _loaded_song(app, chart.song_id)
    if song is None:  # the song list failed to take it in (it loads on a thread): say so, stay on the title
        app.notice = f"'{chart.song_id}' could not be loaded: python main.py check"
        print(f"error: song '{chart.song_id}' could not be loaded; run: python main.py check", file=sys.stderr)
        return
    member = song.member(chart.member)
    app.push(SongSelectScene(app, song.id))
    app.push(MemberSelectScene(app, song))
    if start_from_args(app, args, song, member, chart):
        return
    begin_play(app, song, member, chart.difficulty, demo=bool(getattr(args, "autoplay", False)),
               jitter_ms=getattr(args, "autoplay_jitter", 0.0) or 0.0, seed=getattr(args, "seed", 0) or 0)


def _loaded_song(app: "App", song_id: str, timeout_s: float = 60.0) -> Song | None:
    """The song `song_id` from the app's song list, waiting for the background scan to take it in
    (a launch straight into a song comes before the scan has finished); None if it never does."""
    def find():
        return next((e.song for e in app.entries if e.song and e.id == song_id), None)

    song = find()
    if song is None:
        app.scanner.wait(timeout_s)
        song = find()
    return song

