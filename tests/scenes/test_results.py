"""Only real plays count, only real achievements are celebrated: the demo is never saved as the
player's best, a first play scoring 0 is no "NEW PERSONAL BEST!", a song of misses is no "CLEAR!"."""
from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.autoplay import Autoplayer  # noqa: E402
from game.cheers import Cheer, finish_key  # noqa: E402
from game.judge import Prediction  # noqa: E402
from game.scenes.shots import first_chart  # noqa: E402
from tests.scenes.test_camera_screens import _camera_play  # noqa: E402


class DancingCamera(Autoplayer):
    """A LiveSource whose player does every move on its beat (or, with still=True, none)."""

    latest = None
    description = "test video"
    error = None
    camera_ended_at = None
    still = False

    def predictions_until(self, t: float) -> list[Prediction]:
        made = super().predictions_until(t)
        return [Prediction(p.t, {"none": 1.0}) for p in made] if self.still else made

    def lost(self) -> bool:
        return False

    def stop(self) -> None:
        pass


def _play(app, live=None):
    """Play the demo song to the results (from `live` as the camera, or as the demo); (play, results, cheers)."""
    scene = _camera_play(app, live)
    cheers, banner = [], None
    original = scene.session.update

    def spy(now):
        events = original(now)
        cheers.extend(e.key for e in events if isinstance(e, Cheer))
        return events

    scene.session.update = spy
    while not scene.finished:
        scene.update(1 / 60)
        if scene.finish_at is not None and banner is None:
            banner = finish_key(scene.session.score)
    return scene, app.top, cheers, banner


def _camera(app, still: bool = False) -> DancingCamera:
    song, member, difficulty = first_chart(app)
    cam = DancingCamera(member.charts[difficulty])
    cam.still = still
    return cam


def test_the_demo_is_never_saved_as_the_players_best(app):
    play, results, _, _ = _play(app)
    assert play.session.score.score == 1_000_000  # the autoplayer is perfect
    assert not results.new_best and app.storage.best(play.song.id, play.member.id, play.difficulty) is None


def test_a_real_play_is_saved_and_celebrated(app):
    play, results, _, banner = _play(app, _camera(app))
    best = app.storage.best(play.song.id, play.member.id, play.difficulty)
    assert results.new_best and best is not None and best.score == play.session.score.score == 1_000_000
    assert banner == "full_combo"


def test_a_first_play_scoring_nothing_is_no_personal_best_and_no_clear(app):
    play, results, cheers, banner = _play(app, _camera(app, still=True))
    assert play.session.score.score == 0
    assert not results.new_best and banner == "finish" and "personal_best" not in cheers
    assert app.storage.best(play.song.id, play.member.id, play.difficulty).plays == 1  # the play is counted


def test_a_demo_after_a_real_play_does_not_beat_it_or_cheer_a_best(app):
    song, member, difficulty = first_chart(app)
    app.storage.record(song.id, member.id, difficulty, 300_000, "D", 0.3, 3)
    play, results, cheers, _ = _play(app)
    assert "personal_best" not in cheers and not results.new_best
    assert app.storage.best(song.id, member.id, difficulty).score == 300_000
    _, results, cheers, _ = _play(app, _camera(app))
    assert "personal_best" in cheers and results.new_best  # the player's own better play is
