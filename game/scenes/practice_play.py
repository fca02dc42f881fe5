"""The running practice: PlayScene on the slowed song, playing passes of a section (loop, ramp), the
slowed song once, or waiting at each move (step mode).

The play scene is PlayScene on the slowed song (game.practice.run.slowed_song: tempo, offset and
length scaled, the stretched audio), so its clock, cards, beat lines and judge need no change;
this module adds the passes, the count-in clicks, step mode and the hand-off to the results
(`finish_practice`). What it draws over the play screen is game/scenes/practice_hud.py."""
from __future__ import annotations

import math
import time
from types import SimpleNamespace
from typing import TYPE_CHECKING

import pygame

from game.chart import Chart, Member, Song
from game.judge import HitRule
from game.practice.passes import PassResult
from game.practice.run import PracticeRun, practice_terms, section_only, slowed_song
from game.practice.step_play import StepPlaySession
from game.practice.stretch import StretchError
from game.scenes.play import LEAD_IN, PlayScene
from game.scenes.practice import Cancelled, render_audio, start_practice
from game.scenes.practice_hud import STEP_BANNER, draw_practice
from game.pose.recording import room_for_next
from game.scenes.replay import NOTHING, Replayable, recording_of
from game.session import PlaySession
from game.ui.feedback_column import CountIn

if TYPE_CHECKING:
    from game.app import App

BETWEEN_S = 3.5  # seconds the panel between passes stays up (Enter goes on at once)
PRE_ROLL_S = 0.6  # seconds of quiet ("Ready?") before a pass's first count-in click


class PracticePlayScene(PlayScene):
    """PlayScene on the slowed song: one play (speed), passes of a section (loop, ramp), or step mode."""

    def __init__(self, app: "App", song: Song, member: Member, difficulty: str, run: PracticeRun, audio_path,
                 virtual: bool = False, jitter_ms: float = 0.0, seed: int = 0, live=None, demo_reason: str | None = None):
        self.run = run
        self.full = (song, member)
        self.audio_speed = run.speed
        slow, slow_member = slowed_song(song, member, difficulty, run.speed, audio_path)
        super().__init__(app, slow, slow_member, difficulty, virtual, jitter_ms, seed, None, demo_reason)
        self.previous_best = None  # practice never beats (or shows) a best
        self.mode = run.setup.mode
        self.pass_plan = None
        self.between: tuple[float, PassResult] | None = None  # (app time, the decision) while the panel is up
        self.step_clock = -LEAD_IN
        self.pass_replays: list[Replayable] = []  # each pass's recording, in pass order (as run.decisions)
        if run.setup.step:
            self._begin_step()
        elif run.setup.looping:
            self._begin_pass()
        if live is not None:
            self.attach_live(live)

    @property
    def practice(self) -> SimpleNamespace:
        """What the results show and record: mode, speed and section as game.practice.run.practice_terms
        names them (the headless JSON's words), every pass played and each pass's recording (`replays`,
        in the same order). A play with `practice` is kept for the progress screen (one record per
        pass, at its own speed, with its own replay) but never saved as a best."""
        passes = list(self.run.decisions)
        speeds = [p.speed for p in passes] or [self.audio_speed]
        return SimpleNamespace(**practice_terms(self.run.setup, speeds), passes=passes, replays=list(self.pass_replays))

    def again(self) -> None:
        """Retry from the results: the same practice from its first pass."""
        song, member = self.full
        setup = self.run.setup
        if self.camera_play:
            start_practice(self.app, song, member, self.difficulty, setup, replace=True)
        else:
            start_practice(self.app, song, member, self.difficulty, setup, demo=True, replace=True,
                           jitter_ms=self.jitter_ms, seed=self.seed, virtual=self.virtual)

    # --- passes ------------------------------------------------------------------------------
    def _begin_pass(self) -> None:
        """Set up the next pass: its cues, a fresh session, the clock a moment before its count-in."""
        plan = self.run.plan()
        self.pass_plan = plan
        self.chart = plan.chart
        self.session = PlaySession(plan.chart, self.windows, HitRule(), self.app.messages, None)
        self.judged = {}
        self.popup = self.cheer = self.miss_feedback = None
        self.finish_at, self.between = None, None
        self.static = None  # the instruction bar loses the panel's keys
        self.now = plan.start - PRE_ROLL_S
        self.music_at = max(plan.music_start, 0.0)
        self.music_started = False
        self.clock = None if not self.virtual else self._virtual_clock(self.now)
        self._freeze_time()
        if self.live is None:
            self.source = self._autoplayer()
            self.source.predictions_until(self.now)  # the demo dancer starts from here
        else:
            self.live.predictions_until(math.inf)  # frames of the last pass and the panel are not this pass's
            if hasattr(self.live, "budget"):
                self.live.budget = self._room_for_a_pass()
            if hasattr(self.live, "judge_on_worker"):
                self.live.judge_on_worker(self.session, self.capture_time)  # the worker judges this pass's session

    def _autoplayer(self):
        """The demo dancer; in a loop each pass draws its own timing errors (seed + pass, as the headless run)."""
        from game.autoplay import Autoplayer

        angles = {pid: p.angles for pid, p in self.app.poses.poses.items()}
        return Autoplayer(self.chart, jitter_ms=self.jitter_ms, seed=self.seed + self.run.number, pose_angles=angles)

    def _virtual_clock(self, start: float):
        from game.clock import VirtualClock

        return VirtualClock(start=start, step=0.0)

    def _keep_replay(self) -> None:
        """The pass just decided keeps its own recording (the camera's, or the demo dancer's), so its
        cues replay with what the player did in that pass, not in the last one."""
        self.pass_replays.append(recording_of(self))
        self._room_for_a_pass()

    def _room_for_a_pass(self) -> tuple[int, int]:
        """All the passes' recordings together stay under one cap (game.pose.recording.MAX_FRAMES):
        the oldest passes' recordings are let go (their replay says so) to leave room for a pass as
        long as the last. Returns the (frames, picture bytes) left for the next pass's recording."""
        kept = [(i, r.recording) for i, r in enumerate(self.pass_replays) if r.recording is not None]
        last = len(kept[-1][1]) if kept else 0
        drop, frames, picture_bytes = room_for_next([rec for _, rec in kept], last)
        for i, _ in kept[:drop]:
            self.pass_replays[i] = Replayable(None, NOTHING, "replay_pass_let_go")
        return frames, picture_bytes

    def _end_pass(self) -> None:
        decision = self.run.finish_pass(self.session.judgements)
        self._keep_replay()
        self.app.audio.stop(300)
        self.between = (self.app.t, decision)
        self.static = None  # the instruction bar lists the panel's keys (Enter: next pass)
        self.app.audio.sfx("full_combo" if decision.verdict in ("up", "mastered") else "go", 0.7)

    def next_pass(self) -> None:
        """After the panel: on to the next pass (the music slowed anew if the ramp changed the speed)."""
        if self.between is None:
            return
        decision = self.between[1]
        if decision.verdict == "done":
            self.finish_practice()
            return
        if abs(self.run.speed - self.audio_speed) > 1e-9:
            try:
                path = render_audio(self.full[0], self.run.speed, self._show_render)
            except (StretchError, Cancelled):
                self.finish_practice()
                return
            self.audio_speed = self.run.speed
            self.song, self.member = slowed_song(*self.full, self.difficulty, self.run.speed, path)
            self.static = None
            if not self.virtual:
                self.app.audio.load(self.song.audio_path, self.song.duration)
        self._begin_pass()

    def _show_render(self, share: float) -> None:
        self.render_share = share
        if self.app.has_window:
            pygame.event.pump()
            self.app.draw()
            self.app.present()

    def finish_practice(self) -> None:
        """The player stopped (or every pass is played): the results of every pass (`practice.passes`),
        a pass stopped halfway included with what it judged, each with its own recording
        (`practice.replays`). `session` stays the last pass's (the camera delay suggestion reads it)."""
        from game.scenes.results import ResultsScene

        if self.pass_plan is not None and self.between is None and not self.finished:
            if self.run.stop_pass(self.session.judgements) is not None:
                self._keep_replay()
        self.finished = True
        self.app.audio.stop(200)
        self.app.replace(ResultsScene(self.app, self))

    # --- step mode ---------------------------------------------------------------------------
    def _begin_step(self) -> None:
        """Step mode over the slowed chart (only the section's moves when one was chosen)."""
        self.chart = section_only(self.chart, self.run.setup.section)
        self.session = StepPlaySession(self.chart, self.windows, HitRule(), settle_s=0.0 if self.virtual else 0.05)
        if self.live is None:
            self.source = StepAutoplayerHook(self.chart, self.session, self.jitter_ms, self.seed)

    def read_clock(self, dt: float) -> float:
        if not isinstance(self.session, StepPlaySession):
            return super().read_clock(dt)
        # step mode: game time runs on the frame clock; the music follows the session (paused while it waits)
        self.step_clock += dt
        song_t = self.session.step.song_time(self.step_clock)
        if not self.virtual:
            waiting = self.session.step.waiting_since is not None
            if not self.music_started and song_t >= 0:
                self.app.audio.play(0.0)
                self.music_started = True
            elif self.music_started and waiting and not self.app.audio.paused:
                self.app.audio.pause()
            elif self.music_started and not waiting and self.app.audio.paused:
                self.app.audio.resume()
        return self.step_clock

    def _lead_the_wait(self) -> None:
        """While the song waits, the limbs still off the pose glow red with one instruction, refreshed
        every frame from the player's figure (as after a miss), so the hints lead them into it."""
        from game.hints import hint, off_limbs

        step = self.session.step
        cue = step.current
        pose = self.app.poses.poses.get(cue.pose) if cue is not None and step.waiting_since is not None else None
        if pose is not None:
            player = self.player_target
            self.miss_feedback = (step.song_time(self.now), frozenset(off_limbs(pose.angles, player)), hint(pose.angles, player))

    def resume(self) -> None:
        if isinstance(self.session, StepPlaySession):
            self.app.audio.resume()
            self._time_ref = (self.now, time.perf_counter(), not self.virtual)
            return
        super().resume()

    def tip_from(self) -> int | None:
        """While step mode waits, its banner has the top of the picture: the instruction goes below it."""
        if isinstance(self.session, StepPlaySession) and self.session.step.waiting_since is not None:
            return STEP_BANNER.bottom + 6
        return None

    def target_cue(self, now: float):
        if isinstance(self.session, StepPlaySession):
            return self.session.step.current
        return super().target_cue(now)

    # --- frame -------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if self.between is not None and event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_SPACE):
            self.next_pass()
            return
        if (isinstance(self.session, StepPlaySession) and event.type == pygame.KEYDOWN
                and event.key in (pygame.K_s, pygame.K_TAB)):
            self.session.skip(self.now)
            return
        super().handle(event)

    def instructions(self) -> list[tuple[str, str]]:
        keys = super().instructions()
        if self.between is not None:
            keys.insert(0, ("Enter", self.tr("next_pass")))
        if self.run.setup.step:
            keys.insert(0, ("S", self.tr("skip_move")))
        return keys

    def update(self, dt: float) -> None:
        if self.between is not None:
            if self.app.t - self.between[0] >= BETWEEN_S:
                self.next_pass()
            return
        super().update(dt)
        if isinstance(self.session, StepPlaySession):
            self._lead_the_wait()
        plan = self.pass_plan
        if plan is None or self.finished:
            return
        if self.now >= plan.end and self.session.finished(self.now):
            self._end_pass()

    def count_in(self) -> CountIn:
        """A pass counts in its bar on the slowed song's own beats (the play screen's 3-2-1 steps
        aside: one count-in), GO! on the section's first beat; step mode and a slowed song once count as the play does."""
        plan = self.pass_plan
        if plan is None or not plan.clicks:
            return super().count_in()
        gap = (plan.clicks[-1] - plan.clicks[0]) / max(len(plan.clicks) - 1, 1) if len(plan.clicks) > 1 else 60.0 / self.song.tempo.bpm
        return CountIn(plan.clicks, plan.clicks[-1] + gap)

    def _check_finish(self, now: float) -> None:
        if self.pass_plan is None:
            super()._check_finish(now)

    def draw(self, surface: pygame.Surface) -> None:
        if isinstance(self.session, StepPlaySession):  # cards and beats stand still while the music waits
            game_now = self.now
            self.now = self.session.step.song_time(game_now)
            try:
                super().draw(surface)
            finally:
                self.now = game_now
        else:
            super().draw(surface)
        draw_practice(surface, self)


class StepAutoplayerHook:
    """The demo dancer in step mode (game.practice.headless.StepAutoplayer on the window's session)."""

    def __init__(self, chart: Chart, session: StepPlaySession, jitter_ms: float, seed: int):
        from game.practice.headless import StepAutoplayer

        self.player = StepAutoplayer(chart, session.step, jitter_ms, seed)

    def predictions_until(self, t: float):
        return self.player.predictions_until(t)
