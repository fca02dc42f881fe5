"""Practice in the window, on the virtual clock: slowed play, a looped section with the ramp and its
count-in, step mode waiting for the pose, the practice panel, "Practise this move", window flags."""
from __future__ import annotations

import os
from argparse import Namespace

import pytest

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game.judge import Grade, Prediction, windows_for  # noqa: E402
from game.practice.run import PracticeSetup, bar_sections  # noqa: E402
from game.scenes.play import play_to  # noqa: E402
from game.scenes.shots import first_chart  # noqa: E402

FRAME = 1 / 60


def _key(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)


@pytest.fixture()
def sounds(app, monkeypatch):
    """The sound effects asked for, in order (the clicks of a count-in are "count")."""
    played: list[str] = []
    monkeypatch.setattr(app.audio, "sfx", lambda name, volume=1.0: played.append(name))
    return played


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KPOP_TRAINER_CACHE", str(tmp_path / "cache"))


def _start(app, setup: PracticeSetup, jitter_ms: float = 0.0, seed: int = 0):
    """The practice's loading screen, drawn once and run: returns the practice play scene."""
    from game.scenes.practice import PracticeLoadingScene, start_practice
    from game.scenes.practice_play import PracticePlayScene

    song, member, _ = first_chart(app)
    start_practice(app, song, member, "normal", setup, demo=True, virtual=True, jitter_ms=jitter_ms, seed=seed)
    loading = app.top
    assert isinstance(loading, PracticeLoadingScene)
    app.step(0.0)  # draws the screen
    app.step(0.0)  # renders (or takes the cached render) and starts
    assert isinstance(app.top, PracticePlayScene), getattr(loading, "error", None)
    assert loading.share == 1.0
    return app.top


def _run_until(app, scene, done, limit_s: float = 600.0) -> None:
    for _ in range(int(limit_s / FRAME)):
        if done():
            return
        app.step(FRAME)
    raise AssertionError("did not happen in time")


def test_slowed_song_scales_chart_times_but_not_the_windows_and_is_never_a_best(app) -> None:
    song, member, _ = first_chart(app)
    scene = _start(app, PracticeSetup(speed=0.75), jitter_ms=0.0)
    full = member.charts["normal"]
    assert scene.song.audio_path.suffix == ".flac" and scene.song.audio_path != song.audio_path
    assert scene.song.tempo.bpm == pytest.approx(song.tempo.bpm * 0.75)
    assert [c.time for c in scene.chart.cues] == pytest.approx([c.time / 0.75 for c in full.cues])
    beat = full.cues[5].beat
    assert scene.song.tempo.seconds_at(beat, scene.song.offset) == pytest.approx(scene.chart.cues[5].time)
    assert scene.windows == windows_for("normal", app.settings.timing_scale)  # real milliseconds
    play_to(scene, 10_000.0)
    results = app.top
    assert type(results).__name__ == "ResultsScene"
    assert scene.session.score.counts[Grade.PERFECT] == len(full.cues)
    assert not results.saved and not results.new_best
    assert app.storage.best(song.id, member.id, "normal") is None


def test_a_looped_section_counts_in_on_its_beats_and_the_ramp_steps_up_to_mastered(app, sounds) -> None:
    song, member, _ = first_chart(app)
    section = bar_sections(member.charts["normal"], song.tempo)[1]
    scene = _start(app, PracticeSetup(section=section, ramp=True))
    plan = scene.pass_plan
    beat_s = 60.0 / song.tempo.bpm / 0.6
    assert scene.run.speed == 0.6 and len(plan.clicks) == song.tempo.beats_per_bar
    assert [b - a for a, b in zip(plan.clicks, plan.clicks[1:])] == pytest.approx([beat_s] * 3)
    assert plan.clicks[-1] + beat_s == pytest.approx(plan.chart.cues[0].time - (plan.chart.cues[0].beat - section.start_beat) * beat_s)
    sounds.clear()
    play_to(scene, plan.chart.cues[0].time - 0.01)
    assert sounds.count("count") == 4, sounds
    speeds = []
    for _ in range(5):
        _run_until(app, scene, lambda: scene.between is not None)
        speeds.append(scene.between[1].speed)
        app.step(0.0, [_key(pygame.K_RETURN)])  # on at once
    assert speeds == [0.6, 0.75, 0.9, 1.0, 1.0]
    assert [d.verdict for d in scene.run.decisions] == ["up", "up", "up", "mastered", "same"]
    assert scene.audio_speed == 1.0 and scene.song.audio_path == song.audio_path  # 100% is the song itself


def test_a_poor_pass_slows_the_ramp_down(app) -> None:
    song, member, _ = first_chart(app)
    section = bar_sections(member.charts["normal"], song.tempo)[1]
    scene = _start(app, PracticeSetup(section=section, ramp=True))
    _run_until(app, scene, lambda: scene.between is not None)  # the demo dancer: up to 75%
    app.step(0.0, [_key(pygame.K_RETURN)])
    scene.source = type("Nobody", (), {"predictions_until": staticmethod(lambda t: [])})()
    _run_until(app, scene, lambda: scene.between is not None)
    decision = scene.between[1]
    assert (decision.speed, decision.share, decision.verdict, decision.next_speed) == (0.75, 0.0, "down", 0.6)


def test_loops_end_at_the_results_and_a_pause_can_stop_the_practice(app) -> None:
    song, member, _ = first_chart(app)
    section = bar_sections(member.charts["normal"], song.tempo)[0]
    scene = _start(app, PracticeSetup(speed=0.9, section=section, loops=2))
    _run_until(app, scene, lambda: scene.between is not None and scene.between[1].verdict == "done")
    assert len(scene.run.decisions) == 2
    app.step(0.0, [_key(pygame.K_RETURN)])
    assert type(app.top).__name__ == "ResultsScene" and not app.top.saved
    scene = _start(app, PracticeSetup(speed=0.9, section=section))  # until stopped
    play_to(scene, scene.chart.cues[0].time)
    app.step(FRAME, [_key(pygame.K_ESCAPE)])
    assert app.top.ITEMS == ("resume", "restart", "stop_practice", "quit_song")
    app.top.choose("stop_practice")
    assert type(app.top).__name__ == "ResultsScene"


def test_step_mode_waits_for_the_pose_and_skip_moves_on(app) -> None:
    from game.practice.step_play import StepPlaySession

    scene = _start(app, PracticeSetup(speed=0.75, step=True))
    assert isinstance(scene.session, StepPlaySession)
    first = scene.chart.cues[0]
    scene.source = type("Nobody", (), {"predictions_until": staticmethod(lambda t: [Prediction(t=t, probs={"none": 1.0})])})()
    _run_until(app, scene, lambda: scene.session.step.waiting_since is not None)
    frozen = scene.session.step.song_time(scene.now)
    for _ in range(120):  # two seconds: the song stands still on the move
        app.step(FRAME)
    assert scene.session.step.song_time(scene.now) == pytest.approx(frozen)
    assert scene.target_cue(scene.now) is first and scene.current_miss(frozen)[0], "the off limbs lead the player"
    app.step(FRAME, [_key(pygame.K_s)])
    assert scene.session.judgements[0].grade is Grade.MISS and scene.session.step.waiting_since is None
    assert scene.target_cue(scene.now) is scene.chart.cues[1]


def test_step_mode_with_the_demo_dancer_finishes_all_perfect(app) -> None:
    scene = _start(app, PracticeSetup(step=True))
    _run_until(app, scene, lambda: scene.finished)
    assert scene.session.score.counts[Grade.PERFECT] == len(scene.chart.cues)
    assert type(app.top).__name__ == "ResultsScene"


def test_resume_counts_in_three_beats_before_the_music(app, sounds) -> None:
    from game.scenes.pause import ResumeCountIn
    from game.scenes.shots import build_scene

    play = build_scene(app, "play", t=6.0)
    app.step(FRAME, [_key(pygame.K_ESCAPE)])
    paused_at, beat_s = play.now, 60.0 / play.song.tempo.bpm
    sounds.clear()
    app.step(FRAME, [_key(pygame.K_ESCAPE)])  # resume: 6.0 s is on a beat, so "3" clicks at once
    count_in = app.top
    assert isinstance(count_in, ResumeCountIn) and count_in.beats_left() == 3 and sounds == ["select", "count"]
    steps = 1
    while app.top is count_in:
        app.step(FRAME)
        steps += 1
    assert sounds.count("count") == 3
    assert steps * FRAME == pytest.approx(3 * beat_s, abs=2 * FRAME)
    assert app.top is play and play.now == pytest.approx(paused_at, abs=1e-9), "the song stood still during the count-in"


def test_practice_panel_on_member_select(app) -> None:
    from game.scenes.practice import PracticeLoadingScene
    from game.scenes.practice_setup import PracticeSetupScene
    from game.scenes.shots import build_scene

    select = build_scene(app, "member_select")
    app.step(FRAME, [_key(pygame.K_p)])
    panel = app.top
    assert isinstance(panel, PracticeSetupScene)
    setup = panel.setup()
    assert setup.ramp and setup.section is not None and setup.section.label == "whole song"  # the default
    panel.menu.focus = 2  # section: the second four bars
    app.step(FRAME, [_key(pygame.K_RIGHT), _key(pygame.K_RIGHT)])
    assert panel.setup().section == panel.sections[1]
    panel.menu.focus = 0
    app.step(FRAME, [_key(pygame.K_RIGHT)])  # mode: loop
    panel.menu.focus = 1
    app.step(FRAME, [_key(pygame.K_LEFT)])  # speed: slower
    setup = panel.setup()
    assert (setup.mode, setup.speed, setup.ramp) == ("loop", 0.6, False)
    panel.menu.focus = 3
    app.step(0.0, [_key(pygame.K_RETURN)])
    assert isinstance(app.top, PracticeLoadingScene) and app.scenes[-2] is select


def test_results_practise_this_move_loops_the_worst_move_with_the_ramp(app) -> None:
    from game.scenes.practice import PracticeLoadingScene
    from game.scenes.shots import build_scene

    results = build_scene(app, "results", jitter_ms=250.0, seed=4)
    assert results.worst
    app.step(0.0, [_key(pygame.K_l)])
    loading = app.top
    assert isinstance(loading, PracticeLoadingScene)
    setup = loading.setup
    assert setup.ramp and setup.section.only_cue is not None
    cue = loading.member.charts[loading.difficulty].cues[setup.section.only_cue]
    assert cue.pose == results.worst[0].pose


def test_window_flags_start_the_practice(app, capsys) -> None:
    from game.practice.cli import refuse_windowed
    from game.scenes.practice import PracticeLoadingScene, start_from_args

    assert not refuse_windowed(Namespace(speed=0.75, section=None, loops=None, step=False, ramp=False))
    assert refuse_windowed(Namespace(speed=1.5, section=None, loops=None, step=False, ramp=False))
    assert "0.5 to 1" in capsys.readouterr().err
    song, member, _ = first_chart(app)
    chart = member.charts["normal"]
    plain = Namespace(speed=None, section=None, loops=None, step=False, ramp=False, autoplay=True)
    assert not start_from_args(app, plain, song, member, chart)
    bad = Namespace(speed=None, section="99:1-100:1", loops=None, step=False, ramp=False, autoplay=True)
    assert start_from_args(app, bad, song, member, chart) and "holds no move" in app.notice
    good = Namespace(speed=0.75, section="3:1-5:1", loops=2, step=False, ramp=False, autoplay=True)
    assert start_from_args(app, good, song, member, chart)
    setup = app.top.setup
    assert isinstance(app.top, PracticeLoadingScene)
    assert (setup.speed, setup.loops, setup.mode, setup.section.start_beat) == (0.75, 2, "loop", 8.0)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_practice_screens_draw(app, language, tmp_path) -> None:
    from dataclasses import replace

    from songkit import drawn_share

    app.settings = replace(app.settings, language=language)
    song, member, _ = first_chart(app)
    scene = _start(app, PracticeSetup(section=bar_sections(member.charts["normal"], song.tempo)[1], ramp=True))
    play_to(scene, scene.pass_plan.clicks[1] + 0.05)
    app.step(0.0)
    before = app.canvas.copy()
    _run_until(app, scene, lambda: scene.between is not None)
    app.step(0.0)
    pygame.image.save(app.canvas, str(tmp_path / "between.png"))
    assert drawn_share(app.canvas, before) > 0.2, "the panel between passes covers the play screen"


def test_a_camera_judged_on_its_worker_feeds_each_pass_and_step_mode(app) -> None:
    """The pose worker hands frames to the session it was given: each pass gets the new one."""
    import math

    class Camera:  # a LiveSource whose worker judges: the autoplayer's frames, handed in by take()
        def __init__(self, dancer):
            self.dancer, self.session, self.clock, self.error = dancer, None, None, None
            self.latest = None

        def judge_on_worker(self, session, clock):
            self.session, self.clock = session, clock

        def predictions_until(self, t):
            if t == math.inf:
                return []
            frames = self.dancer.predictions_until(t)
            self.session.take(frames, t)
            return frames

        def lost(self):
            return False

        def stop(self):
            pass

    song, member, _ = first_chart(app)
    section = bar_sections(member.charts["normal"], song.tempo)[1]
    scene = _start(app, PracticeSetup(section=section, loops=2, speed=0.9))
    scene.attach_live(Camera(scene._autoplayer()))
    _run_until(app, scene, lambda: scene.between is not None)
    app.step(0.0, [_key(pygame.K_RETURN)])
    assert scene.live.session is scene.session
    scene.live.dancer = scene._autoplayer()
    scene.live.dancer.predictions_until(scene.now)
    _run_until(app, scene, lambda: scene.between is not None)
    assert [d.share for d in scene.run.decisions] == [1.0, 1.0]
    app.step(0.0, [_key(pygame.K_RETURN)])  # every pass played: the results
    assert type(app.top).__name__ == "ResultsScene" and app.top.practising and not app.top.new_best
    assert app.storage.best(song.id, member.id, "normal") is None, "a practice from the camera is never a best"
    records = app.storage.plays(song.id)  # but it is the player's: each pass kept for the progress screen
    assert [(r.speed, r.mode, len(r.cues)) for r in records] == [(0.9, "loop", len(scene.chart.cues))] * 2


def _headless(song, chart, **options):
    from game.practice.headless import PracticeOptions, run_practice

    return run_practice(song, chart, PracticeOptions(**options), windows_for(chart.difficulty))


def _terms(result) -> tuple:
    return result["mode"], result["speed"], result["speeds"], result["section"]


def test_the_results_of_a_loop_show_every_pass_and_agree_with_the_headless_json(app) -> None:
    song, member, _ = first_chart(app)
    chart = member.charts["normal"]
    section = bar_sections(chart, song.tempo)[1]
    scene = _start(app, PracticeSetup(section=section, ramp=True, loops=5))
    _play_passes(app, scene)
    results = app.top
    headless = _headless(song, chart, section=section.label, ramp=True, loops=5)
    practice = scene.practice
    assert (practice.mode, practice.speed, practice.speeds, practice.section) == _terms(headless)
    assert [(p.speed, p.verdict) for p in results.passes] == [(0.6, "up"), (0.75, "up"), (0.9, "up"), (1.0, "mastered"), (1.0, "done")]
    assert [p.as_dict() for p in results.passes] == headless["passes"]
    assert results.show_passes and results.score.score == headless["score"] == 1_000_000
    assert len(results.session.judgements) == headless["cues"] == 5 * len(results.passes[0].cues)
    # every pass keeps its own recording (the demo dancer's, here): a cue replays with its own pass
    assert [r.kind for r in results.replays] == ["demo"] * 5
    assert len({id(r.recording) for r in results.replays}) == 5


def test_the_headline_is_the_best_pass_in_the_window_and_the_headless_json(app) -> None:
    """Not the passes reduced together (lower than every pass): the best pass, and the last beside it."""
    song, member, _ = first_chart(app)
    chart = member.charts["normal"]
    section = bar_sections(chart, song.tempo)[1]
    scene = _start(app, PracticeSetup(section=section, speed=0.9, loops=4), jitter_ms=150.0, seed=3)
    _play_passes(app, scene)
    results = app.top
    from game.practice.headless import PracticeOptions, run_practice

    headless = run_practice(song, chart, PracticeOptions(section=section.label, speed=0.9, loops=4),
                            windows_for("normal"), jitter_ms=150.0, seed=3)
    assert [p.as_dict() for p in results.passes] == headless["passes"]  # the same demo dancer, pass by pass
    scores = [p.score.score for p in results.passes]
    assert len(set(scores)) > 1, "the passes differ"
    assert results.score.score == max(scores) > results.session.score.score
    assert results.headline.last is results.passes[-1]
    json_scores = [p["score"] for p in headless["passes"]]
    assert headless["score"] == max(json_scores) and headless["last_pass_score"] == json_scores[-1]
    assert json_scores[headless["best_pass"] - 1] == headless["score"]


def test_a_loop_stopped_halfway_keeps_the_passes_played_and_what_the_last_one_judged(app) -> None:
    song, member, _ = first_chart(app)
    section = bar_sections(member.charts["normal"], song.tempo)[1]
    scene = _start(app, PracticeSetup(speed=0.75, section=section))  # until stopped
    _run_until(app, scene, lambda: scene.between is not None)
    app.step(0.0, [_key(pygame.K_RETURN)])
    _run_until(app, scene, lambda: len(scene.session.judgements) == 2)
    scene.finish_practice()  # what "Stop practising" in the pause menu does
    results = app.top
    assert [(p.number, p.speed, p.verdict, len(p.judgements)) for p in results.passes] == [
        (0, 0.75, "again", len(scene.pass_plan.chart.cues)), (1, 0.75, "stopped", 2)]
    assert len(results.session.judgements) == len(scene.pass_plan.chart.cues) + 2
    assert scene.practice.mode == "loop" and scene.practice.speed == 0.75


def test_a_slowed_song_is_named_as_the_headless_run_names_it(app) -> None:
    song, member, _ = first_chart(app)
    scene = _start(app, PracticeSetup(speed=0.75))
    headless = _headless(song, member.charts["normal"], speed=0.75)
    practice = scene.practice
    assert (practice.mode, practice.speed, practice.speeds, practice.section) == _terms(headless) == ("speed", 0.75, [0.75], None)
    play_to(scene, 10_000.0)
    assert app.top.passes == [] and not app.top.show_passes, "one play: the usual grade counts and timing chart"


class _Worker:
    """A pose worker stand-in under the game's own LivePlayer: the demo dancer's frames, each judged
    by the session it was handed (on_prediction) and kept by the recording it was handed (on_tracked),
    with landmarks that say which pass they were seen in (every x and y = `mark()`)."""

    def __init__(self, dancer, mark):
        self.dancer, self.mark = dancer, mark
        self.on_prediction = self.on_tracked = None
        self.latest = None
        self.camera = type("Camera", (), {"lost": staticmethod(lambda: False)})()

    def predictions_until(self, t):
        import math

        import numpy as np

        if t == math.inf:
            return []
        frames = self.dancer.predictions_until(t)
        for p in frames:
            self.on_prediction(p)
            points = np.full((33, 4), 1.0)
            points[:, :2] = self.mark()
            self.on_tracked.__self__.add_frame(p.t, points, None, p.probs)  # as LivePlayer's recording.add does
        return frames

    def stop(self):
        pass


def _play_passes(app, scene) -> None:
    """Every pass to the results (the panel between passes skipped), a camera's dancer starting anew
    with each pass as the demo's does."""
    while type(app.top).__name__ != "ResultsScene":
        if scene.between is not None:
            scene.next_pass()
            if not scene.finished and scene.live is not None:
                scene.live.worker.dancer = scene._autoplayer()
                scene.live.worker.dancer.predictions_until(scene.now)
        else:
            scene.update(FRAME)


def _live(dancer, mark, labels=()):
    from game.pose.service import LivePlayer

    return LivePlayer(_Worker(dancer, mark), None, "test camera", labels=tuple(labels))


def test_each_pass_from_the_camera_keeps_its_own_skeleton_for_its_replays_and_recent_plays(app) -> None:
    from game.scenes.cue_review import CueReviewScene
    from game.scenes.replay import ReplayScene, load_replayable

    song, member, _ = first_chart(app)
    section = bar_sections(member.charts["normal"], song.tempo)[1]
    scene = _start(app, PracticeSetup(section=section, loops=3, speed=0.9))
    scene.attach_live(_live(scene._autoplayer(), lambda: 0.1 * (scene.run.number + 1)))
    _play_passes(app, scene)
    results = app.top
    assert [r.kind for r in results.replays] == ["skeleton"] * 3
    n = len(results.passes[0].judgements)
    for k in range(3):  # "Cue by cue" → R on the pass's second cue: that pass's skeleton at that cue
        review = CueReviewScene(app, results, k * n + 1)
        app.push(review)
        review.handle(_key(pygame.K_r))
        replay = app.top
        assert isinstance(replay, ReplayScene) and replay.replayable is results.replays[k]
        cue = replay.judgements[replay.index].cue
        assert results.pass_at(replay.index) is results.passes[k]
        at = replay.replayable.recording.at(cue.time)
        assert at is not None and at.points[0, 0] == pytest.approx(0.1 * (k + 1), abs=1e-3)
        app.pop()
        app.pop()
    records = app.storage.plays(song.id)  # one record per pass, each with its own replay file (Recent plays)
    assert len(records) == 3
    marks = [float(load_replayable(app, r.play_id).recording.points[0, 0, 0]) for r in sorted(records, key=lambda r: r.play_id)]
    assert marks == pytest.approx([0.1, 0.2, 0.3], abs=1e-3)


def test_the_passes_recordings_share_one_cap_and_the_oldest_are_let_go(app, monkeypatch) -> None:
    import functools

    from game.pose import recording
    from game.scenes import practice_play

    song, member, _ = first_chart(app)
    section = bar_sections(member.charts["normal"], song.tempo)[1]
    scene = _start(app, PracticeSetup(section=section, loops=4, speed=0.9))
    cap = 700  # frames: about two passes of this section at 60 fps (the demo dancer's rate)
    monkeypatch.setattr(practice_play, "room_for_next", functools.partial(recording.room_for_next, max_frames=cap))
    scene.attach_live(_live(scene._autoplayer(), lambda: 0.5))
    scene.live.budget = (cap, recording.PICTURE_BYTES)  # as the scene sets it before each later pass
    _play_passes(app, scene)
    replays = app.top.replays
    kept = [r.recording for r in replays if r.recording is not None]
    assert sum(len(r) for r in kept) <= cap and len(kept) >= 1
    assert replays[-1].recording is not None, "the newest pass is always kept"
    gone = [r for r in replays if r.recording is None]
    assert gone and all(r.message == "replay_pass_let_go" for r in gone) and replays[0] in gone


def test_step_mode_records_on_its_waiting_clock_so_a_replay_shows_the_late_match(app) -> None:
    """Step mode judges on game time (the song stands still while it waits); the camera's frames are
    stamped on that same clock, so a cue matched long after its beat replays at the match."""
    from game.autoplay import NONE
    from game.judge import Prediction
    from game.scenes.replay import ReplayScene

    song, member, _ = first_chart(app)
    section = bar_sections(member.charts["normal"], song.tempo)[1]
    scene = _start(app, PracticeSetup(step=True, section=section))
    first = scene.chart.cues[0]
    late = {"from": first.time + 2.0}  # game time the player finally does the first move

    class Dancer:  # nobody in the pose until `late`, then each move as the song asks for it
        t = first.time - 2.0

        def predictions_until(self, t):
            out = []
            while self.t <= t:
                cue = scene.session.step.current
                pose = cue.pose if cue is not None and self.t >= late["from"] else NONE
                out.append(Prediction(t=self.t, probs={pose: 1.0}, motion=1.0))
                self.t += 1 / 30
            return out

    scene.attach_live(_live(Dancer(), lambda: 0.3, labels=(*app.poses.poses, NONE)))
    while not scene.finished:
        scene.update(FRAME)
        if scene.session.step.current is not None and scene.now > late["from"] + 0.5:
            late["from"] = scene.now  # every later move: done as soon as it is asked for
    results = app.top
    j = results.session.judgements[0]
    assert j.offset == pytest.approx(2.0, abs=0.1), "matched about 2 s after the beat (the song waited)"
    replay = ReplayScene(app, results, 0)
    match = j.cue.time + j.offset
    assert replay.loop.start < j.cue.time and replay.loop.end > match  # the beat and the match are both shown
    rec = replay.replayable.recording
    assert rec.probs(j.cue.pose)[rec.frames_between(match - 0.01, match + 0.01)].max() == 1.0
    assert rec.probs(j.cue.pose)[rec.frames_between(j.cue.time - 0.5, j.cue.time)].max() == 0.0


@pytest.mark.parametrize("setup", ["step", "loop"])
def test_a_practice_stopped_before_its_first_move_is_not_a_play(app, setup) -> None:
    """Nothing judged: nothing saved (Progress does not count it), and the results say it was stopped, not "all Perfect"."""
    song, member, _ = first_chart(app)
    section = bar_sections(member.charts["normal"], song.tempo)[0]
    scene = _start(app, PracticeSetup(speed=0.75, step=True) if setup == "step" else PracticeSetup(speed=0.75, section=section))
    scene.attach_live(_live(scene._autoplayer(), lambda: 0.5))
    play_to(scene, scene.chart.cues[0].time - 0.5)
    assert not scene.session.judgements
    app.step(FRAME, [_key(pygame.K_ESCAPE)])
    app.top.choose("stop_practice")
    results = app.top
    assert type(results).__name__ == "ResultsScene" and results.empty and not results.saved
    assert app.storage.plays(song.id) == [], "an empty play is not recorded"
    assert results.moves_reached == 0
    results.draw(app.canvas)  # draws the "stopped before the first move" line, not the praise


def test_step_mode_stopped_halfway_counts_its_combo_out_of_the_moves_reached(app) -> None:
    scene = _start(app, PracticeSetup(speed=0.75, step=True))
    _run_until(app, scene, lambda: len(scene.session.judgements) == 3)
    scene.finish_practice()
    results = app.top
    assert not results.empty and results.moves_reached == 3 < len(scene.chart.cues)
    assert results.score.max_combo == 3


def test_the_instruction_bar_lists_the_between_panels_keys(app, monkeypatch) -> None:
    from game.ui import play_layout

    bars: list[list] = []
    real = play_layout.static_frame
    monkeypatch.setattr(play_layout, "static_frame", lambda size, *a: bars.append(a[4]) or real(size, *a))
    song, member, _ = first_chart(app)
    scene = _start(app, PracticeSetup(speed=0.9, section=bar_sections(member.charts["normal"], song.tempo)[0]))
    scene.draw(app.canvas)
    assert ("Enter", scene.tr("next_pass")) not in bars[-1]
    _run_until(app, scene, lambda: scene.between is not None)
    scene.draw(app.canvas)
    assert ("Enter", scene.tr("next_pass")) in bars[-1], "the bar says what the panel says"
    app.step(0.0, [_key(pygame.K_RETURN)])
    scene.draw(app.canvas)
    assert ("Enter", scene.tr("next_pass")) not in bars[-1]


def test_a_pass_has_one_count_in_on_its_beats_in_the_feedback_column(app, sounds, monkeypatch) -> None:
    """The section that opens the song starts its pass before song time 0: the play's own 3-2-1 must not
    count too. One count (4, 3, 2, 1, GO! on the slowed beats), drawn beside the picture, never over it."""
    from game.ui import hud
    from game.ui.play_layout import FEEDBACK_X, PICTURE

    song, member, _ = first_chart(app)
    scene = _start(app, PracticeSetup(section=bar_sections(member.charts["normal"], song.tempo)[0], ramp=True))
    plan, count_in = scene.pass_plan, scene.count_in()
    assert plan.start < 0 and count_in.clicks == plan.clicks
    assert count_in.go_at == pytest.approx(plan.clicks[-1] + 60.0 / song.tempo.bpm / 0.6)
    drawn: list[tuple] = []
    monkeypatch.setattr(hud, "countdown", lambda surface, centre, label, *a: drawn.append((centre, label)))
    sounds.clear()
    shown = []
    while scene.now < count_in.over_at + 0.1:
        app.step(FRAME)
        drawn.clear()
        scene.draw(app.canvas)
        shown += [label for _, label in drawn if not shown or shown[-1] != label]
        assert all(centre[0] == FEEDBACK_X and not PICTURE.collidepoint(centre) for centre, _ in drawn)
        assert len(drawn) <= 1
    assert shown == ["4", "3", "2", "1", scene.tr("go")]
    assert sounds.count("count") == 4 and sounds.count("go") == 1, sounds


def test_resuming_a_pass_counts_in_once(app, monkeypatch) -> None:
    from game.ui import hud

    song, member, _ = first_chart(app)
    scene = _start(app, PracticeSetup(section=bar_sections(member.charts["normal"], song.tempo)[0], speed=0.75))
    play_to(scene, scene.pass_plan.clicks[1] + 0.01)
    app.step(FRAME, [_key(pygame.K_ESCAPE)])
    app.step(FRAME, [_key(pygame.K_ESCAPE)])  # resume in the count-in: it goes on, no second count
    assert app.top is scene
    play_to(scene, scene.chart.cues[1].time)
    app.step(FRAME, [_key(pygame.K_ESCAPE)])
    app.step(FRAME, [_key(pygame.K_ESCAPE)])
    assert type(app.top).__name__ == "ResumeCountIn"
    drawn: list[str] = []
    monkeypatch.setattr(hud, "countdown", lambda surface, centre, label, *a: drawn.append(label))
    app.draw()
    assert drawn == ["3"], "the resume count-in alone"


def test_step_modes_banner_keeps_the_top_of_the_picture_and_the_instruction_goes_below(app, monkeypatch) -> None:
    import numpy as np

    from game.pose.capture import Frame
    from game.pose.tracker import TrackedFrame
    from game.scenes.practice_hud import STEP_BANNER
    from game.ui import camera_view

    scene = _start(app, PracticeSetup(speed=0.75, step=True))
    scene.source = type("Nobody", (), {"predictions_until": staticmethod(lambda t: [Prediction(t=t, probs={"none": 1.0})])})()
    _run_until(app, scene, lambda: scene.session.step.waiting_since is not None)
    app.step(FRAME)
    assert scene.current_miss(scene.session.step.song_time(scene.now))[1], "an instruction to show"
    scene.live = type("Live", (), {"description": "test.mp4", "camera_ended_at": None, "stop": lambda self: None})()
    scene.tracked = TrackedFrame(Frame(np.full((640, 360, 3), 110, np.uint8), 0.0, 0), None, "ok", None, 5.0)  # a portrait video
    tips: list[pygame.Rect] = []
    real = camera_view.prompt
    monkeypatch.setattr(camera_view, "prompt", lambda s, m, area, *a, **k: tips.append(real(s, m, area, *a, **k)) if k.get("top") else real(s, m, area, *a, **k))
    scene.draw(app.canvas)
    scene.live = None
    assert tips and not tips[0].colliderect(STEP_BANNER) and tips[0].y > STEP_BANNER.bottom
    assert tips[0].w > 360 * 0.5, "as wide as the picture area, not the narrow video"


def test_a_video_as_the_camera_practises_as_the_demo_and_says_why(app, monkeypatch, messages_to) -> None:
    """A video's dancer moves at the video's own speed: a slowed, looped or step practice cannot follow it
    (the headless run refuses it). The panel says so before Start; the practice is the demo, with the reason."""
    from game.pose import service as pose_service
    from game.scenes.practice import practice_scene_or_check, video_cannot_follow
    from game.scenes.practice_setup import PracticeSetupScene
    from game.practice.run import PracticeRun

    song, member, _ = first_chart(app)
    section = bar_sections(member.charts["normal"], song.tempo)[0]
    app.camera = "/videos/dance.mp4"
    assert all(video_cannot_follow(app, s) for s in (PracticeSetup(speed=0.75), PracticeSetup(step=True, speed=1.0),
                                                       PracticeSetup(section=section, ramp=True)))
    assert not video_cannot_follow(app, PracticeSetup(speed=1.0)), "the song once at full speed follows the video"
    monkeypatch.setattr(app.pose_service, "state", pose_service.READY)
    run = PracticeRun(song, member.charts["normal"], PracticeSetup(section=section, ramp=True))
    scene = practice_scene_or_check(app, song, member, "normal", run, song.audio_path, virtual=True)
    assert scene.live is None and scene.demo_reason == scene.tr("practice_video_camera")
    from game.ui import text

    said = messages_to(text, "draw")
    panel = PracticeSetupScene(app, song, member, "normal")
    panel.draw(app.canvas)
    assert any(line in scene.tr("practice_video_warning") for line in said if len(line) > 10)
    app.camera = None
    said.clear()
    panel.draw(app.canvas)
    assert not any(line in scene.tr("practice_video_warning") for line in said if len(line) > 10)
