"""The app draws its title before the songs and poses have loaded, and loads them behind it."""
from __future__ import annotations

import threading
from pathlib import Path

import pygame
import pytest

from songkit import write_poses, write_song

CHART = "member: ari\ncues:\n  - {beat: 4, pose: arms_up}\n  - {beat: 8, pose: t_pose}\n"


@pytest.fixture
def folders(tmp_path: Path):
    write_song(tmp_path / "shipped" / "first-song", CHART)
    write_song(tmp_path / "own" / "own-song", CHART)
    return tmp_path / "shipped", tmp_path / "own", write_poses(tmp_path / "poses")


def make(folders, tmp_path, background: bool):
    from game.app import App
    from game.audio import Audio
    from game.storage import Storage

    shipped, own, poses = folders
    pygame.display.init()
    if pygame.display.get_surface() is None:
        pygame.display.set_mode((1, 1))
    return App(songs_dir=own, song_dirs=[shipped, own], window=False, storage=Storage(tmp_path / "save.db"),
               audio=Audio(enabled=False), library=poses, background=background)


def test_title_is_drawn_before_the_songs_load_and_picks_its_demo_after(folders, tmp_path, monkeypatch):
    from game import poselib
    from game.scenes.title import TitleScene

    gate = threading.Event()
    real_load = poselib.load_pose_library

    def slow_load(folder):
        gate.wait(10)  # the pose library (and so the songs after it) take as long as the test says
        return real_load(folder)

    monkeypatch.setattr(poselib, "load_pose_library", slow_load)
    app = make(folders, tmp_path, background=True)
    app.push(TitleScene(app))
    app.step(0.0)  # the first frame: nothing waits for the songs
    assert not app.content_ready and app.top.demo is None
    app.start_background()
    app.step(1 / 60)
    assert not app.content_ready
    gate.set()
    app._loader.join(10)
    assert app.content_ready
    app.step(1 / 60)
    assert app.top.demo is not None and app.top.demo[0].id == "first-song"
    assert [e.id for e in app.entries] == ["first-song", "own-song"]
    app.storage.close()  # not app.close(): pygame.quit() would spoil the fonts other tests have cached


def test_asking_for_songs_while_loading_waits_for_them(folders, tmp_path):
    app = make(folders, tmp_path, background=True)
    app.start_background()
    assert [e.id for e in app.entries] == ["first-song", "own-song"]  # joins the loader
    assert "arms_up" in app.poses
    app.storage.close()  # not app.close(): pygame.quit() would spoil the fonts other tests have cached


def test_without_background_everything_is_loaded_at_once(folders, tmp_path):
    app = make(folders, tmp_path, background=False)
    assert app.content_ready and len(app.entries) == 2
    app.rescan()
    assert [e.id for e in app.entries] == ["first-song", "own-song"]
    app.storage.close()  # not app.close(): pygame.quit() would spoil the fonts other tests have cached


def test_the_title_module_path_stays_light(tmp_path):
    """What the title's first frame imports (main.py, game.app, the logo) must not pull in the chart,
    pose or schema code: on a busy machine each costs tenths of a second before the title shows."""
    import os
    import subprocess
    import sys

    code = ("import sys, main; main.build_parser(tools=False); import game.app, game.ui.logo; "
            "heavy = ('game.chart', 'game.chartfile', 'game.songfolder', 'game.poselib', 'game.schema', 'jsonschema', 'yaml', "
            "'cv2', 'mediapipe', 'tensorflow', 'game.pose.library', 'game.scenes.title'); "
            "print('heavy:', *[m for m in heavy if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent,
                          env={**os.environ, "KPOP_TRAINER_DATA": str(tmp_path)}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "heavy:", f"imported before the first frame: {done.stdout.splitlines()[-1]}"
