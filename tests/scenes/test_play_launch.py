"""`python main.py play --song S --member M` in the window: straight into the song, even while the
song list is still loading on its thread (a launch is quicker than the scan)."""
from __future__ import annotations

import threading
from argparse import Namespace
from pathlib import Path

from game import songscan
from game.app import App
from game.audio import Audio
from game.scenes.play import PlayScene
from game.scenes.play_launch import start_play_from_args
from game.scenes.shots import first_chart, make_app
from game.storage import Storage


def test_a_launch_straight_into_a_song_waits_for_the_song_list(demo_songs: Path, tmp_path: Path, monkeypatch):
    probe = make_app(demo_songs, tmp_path / "probe")
    song, member_def, _ = first_chart(probe)
    song_id, member = song.id, member_def.id
    probe.storage.close()
    gate = threading.Event()
    real_work = songscan.SongScanner._work

    def held_back(self):  # the scan starts only after the launch has asked for the song
        gate.wait(10)
        real_work(self)

    monkeypatch.setattr(songscan.SongScanner, "_work", held_back)
    app = App(songs_dir=demo_songs, window=False, storage=Storage(tmp_path / "s.sqlite3"), audio=Audio(enabled=False),
              background=True)
    app.has_window = True  # as in the window: the song list fills in on its threads, nothing waits for it
    try:
        app.start_background()
        assert not app.scanner.done
        threading.Timer(0.3, gate.set).start()
        start_play_from_args(app, Namespace(song=song_id, member=member, difficulty=None, autoplay=True,
                                            autoplay_jitter=0.0, seed=0))
        assert isinstance(app.top, PlayScene), f"the launch did not reach the song: {app.notice!r}"
        assert app.top.song.id == song_id
    finally:
        gate.set()
        while app.scenes:
            app.scenes.pop().leave()
        app.storage.close()
