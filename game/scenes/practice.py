"""Practice in the window: the loading screen that slows the music, and the play scene that loops a
section (with the tempo ramp), plays the slowed song, or waits at each move (step mode).

The play scene is PlayScene on the slowed song (game.practice.run.slowed_song: tempo, offset and
length scaled, the stretched audio), so its clock, cards, beat lines and judge need no change;
this module adds the passes, the count-in clicks, the panel between passes and step mode.
Practice plays from the camera are recorded for the progress screen (with their speed and mode)
but are never the player's best; the demo's never count at all (`real_play` needs the camera)."""
from __future__ import annotations

import math
import time
from dataclasses import replace
from types import SimpleNamespace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pygame

from game.chart import Chart, Member, Song
from game.judge import Grade, HitRule
from game.practice.plan import SectionError
from game.practice.passes import PassResult
from game.practice.run import PracticeRun, PracticeSetup, practice_terms, section_only, setup_from_args, slowed_song
from game.practice.step_play import StepPlaySession
from game.practice.stretch import StretchError, render
from game.scenes.base import Scene
from game.scenes.camera_check import CameraCheckScene, demo_reason
from game.scenes.play import LEAD_IN, PlayScene
from game.session import PlaySession
from game.ui import draw, hud, text, theme
from game.ui.play_layout import CAMERA

if TYPE_CHECKING:
    from game.app import App

BETWEEN_S = 3.5  # seconds the panel between passes stays up (Enter goes on at once)
PRE_ROLL_S = 0.6  # seconds of quiet before a pass's first count-in click


class Cancelled(Exception):
    """The player pressed Esc while the music was being slowed."""


def speed_text(speed: float) -> str:
    return f"{round(speed * 100)}%"


def section_text(run_or_setup, chart: Chart, beats_per_bar: int, app: "App") -> str:
    """The section in the player's words: "Bars 5–8", "Heart arms · bar 5", or "Whole song"."""
    setup = getattr(run_or_setup, "setup", run_or_setup)
    section, lang = setup.section, app.language
    if section is None or section.label == "whole song":
        return app_tr(app, "whole_song")
    if section.only_cue is not None:
        cue = chart.cues[section.only_cue]
        pose = app.poses.poses.get(cue.pose)
        return app_tr(app, "move_at", pose=pose.display_name(lang) if pose else cue.pose, bar=int(cue.beat // beats_per_bar) + 1)
    a = int(section.start_beat // beats_per_bar) + 1
    b = int(-(-section.end_beat // beats_per_bar))
    return app_tr(app, "bars_range", a=a, b=b)


def app_tr(app: "App", key: str, **fields) -> str:
    from game.ui.strings import tr

    return tr(key, app.language, **fields)


def render_audio(song: Song, speed: float, show: Callable[[float], None]) -> Path:
    """The song's audio at `speed`, rendered (or taken from the cache) while the screen keeps drawing.

    python-stretch holds the GIL, so a thread would freeze the window: the render runs in chunks
    and `show(share)` draws a frame between them. Raises StretchError (in words) or Cancelled."""
    return render(song.audio_path, speed, progress=show)


class PracticeLoadingScene(Scene):
    """"Slowing the music to 75%…" with a progress bar; then the practice starts (camera check or demo)."""

    def __init__(self, app: "App", song: Song, member: Member, difficulty: str, setup: PracticeSetup,
                 demo: bool = False, jitter_ms: float = 0.0, seed: int = 0, virtual: bool = False):
        super().__init__(app)
        self.virtual = virtual  # tests and screenshots: the practice runs on a virtual clock
        self.song, self.member, self.difficulty, self.setup = song, member, difficulty, setup
        self.run = PracticeRun(song, member.charts[difficulty], setup)
        self.demo, self.jitter_ms, self.seed = demo, jitter_ms, seed
        self.share = 0.0
        self.error: str | None = None
        self.drawn = False  # one frame of the screen before the render blocks

    def update(self, dt: float) -> None:
        if self.error is not None or not self.drawn:
            return
        try:
            path = render_audio(self.song, self.run.speed, self._show)
        except StretchError as err:
            self.error = str(err)
            self.app.audio.sfx("miss", 0.5)
            return
        except Cancelled:
            self.app.pop()
            return
        self.app.replace(practice_scene_or_check(self.app, self.song, self.member, self.difficulty, self.run, path,
                                                 self.demo, self.jitter_ms, self.seed, self.virtual))

    def _show(self, share: float) -> None:
        """Between chunks: the bar moves, Esc cancels, the window stays alive."""
        self.share = share
        if not self.app.has_window:
            return
        for event in pygame.event.get():
            if event.type == pygame.QUIT or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE):
                raise Cancelled
        self.app.draw()
        self.app.present()

    def draw(self, surface: pygame.Surface) -> None:
        self.drawn = True
        self.draw_background(surface, self.member.colour)
        self.draw_header(surface, self.tr("practice_title"), f"{self.song.title} — {self.member.display_name(self.app.language)}",
                         self.member.colour)
        box = pygame.Rect(240, 220, 800, 250)
        draw.panel(surface, box, theme.PANEL, theme.PANEL_EDGE, radius=20, alpha=235)
        if self.error:
            lines = text.wrap(self.tr("practice_failed", error=self.error), 18, box.w - 60, max_lines=6)
            text.draw_lines(surface, lines, 18, (box.centerx, box.y + 40), theme.GOLD, anchor="midtop")
        else:
            text.draw(surface, self.tr("practice_loading", speed=speed_text(self.run.speed)), 26, (box.centerx, box.y + 40),
                      theme.TEXT, "display", "midtop", max_width=box.w - 40)
            hud.progress_bar(surface, pygame.Rect(box.x + 60, box.y + 120, box.w - 120, 14), self.share, self.member.colour)
            text.draw(surface, f"{self.share * 100:.0f}%", 20, (box.centerx, box.y + 150), theme.TEXT_DIM, "bold", "midtop")
            text.draw(surface, self.tr("practice_loading_note"), 15, (box.centerx, box.bottom - 40), theme.TEXT_FAINT,
                      anchor="midtop", max_width=box.w - 40)
        mode = self.tr(f"mode_{self.setup.mode}")
        section = section_text(self.setup, self.member.charts[self.difficulty], self.song.tempo.beats_per_bar, self.app)
        text.draw(surface, f"{mode} · {section}", 18, (640, box.bottom + 24), theme.TEXT_DIM, "bold", "midtop")
        self.draw_instructions(surface)


def practice_scene_or_check(app: "App", song: Song, member: Member, difficulty: str, run: PracticeRun, path,
                            demo: bool = False, jitter_ms: float = 0.0, seed: int = 0, virtual: bool = False) -> Scene:
    """The practice from the camera when pose recognition can judge it, else as the demo (as begin_play)."""
    from game.pose import service as pose_service

    def make(**options) -> "PracticePlayScene":
        return PracticePlayScene(app, song, member, difficulty, run, path, virtual=virtual, **options)

    state = app.pose_service.state
    if demo or state == pose_service.OFF:
        return make(jitter_ms=jitter_ms, seed=seed)
    if state == pose_service.ERROR:
        return make(demo_reason=demo_reason(app.pose_service.message, app.language))
    return PracticeCameraCheck(app, song, member, difficulty, make)


class PracticeCameraCheck(CameraCheckScene):
    """The camera check, leading to the practice instead of the song."""

    def __init__(self, app: "App", song: Song, member: Member, difficulty: str, make: Callable[..., PlayScene]):
        super().__init__(app, song, member, difficulty)
        self.make = make

    def new_play(self, **options) -> PlayScene:
        return self.make(**options)


def start_practice(app: "App", song: Song, member: Member, difficulty: str, setup: PracticeSetup, *, demo: bool = False,
                   replace: bool = False, jitter_ms: float = 0.0, seed: int = 0, virtual: bool = False) -> None:
    scene = PracticeLoadingScene(app, song, member, difficulty, setup, demo, jitter_ms, seed, virtual)
    (app.replace if replace else app.push)(scene)


def start_from_args(app: "App", args, song: Song, member: Member, chart: Chart) -> bool:
    """`python main.py play ... --speed 0.75 / --section / --loops / --step / --ramp` in the window.
    Returns False when no practice option was given (a plain play)."""
    from game.practice.cli import requested

    if not requested(args):
        return False
    try:
        setup = setup_from_args(args, chart, song.tempo)
    except (SectionError, StretchError) as err:
        app.notice = str(err)
        print(f"error: {err}")
        return True
    start_practice(app, song, member, chart.difficulty, setup, demo=bool(getattr(args, "autoplay", False)),
                   jitter_ms=getattr(args, "autoplay_jitter", 0.0) or 0.0, seed=getattr(args, "seed", 0) or 0)
    return True


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
        if run.setup.step:
            self._begin_step()
        elif run.setup.looping:
            self._begin_pass()
        if live is not None:
            self.attach_live(live)

    @property
    def practice(self) -> SimpleNamespace:
        """What the results show and record: mode, speed and section as game.practice.run.practice_terms
        names them (the headless JSON's words), and every pass played. A play with `practice` is kept
        for the progress screen (one record per pass, at its own speed) but never saved as a best."""
        passes = list(self.run.decisions)
        speeds = [p.speed for p in passes] or [self.audio_speed]
        return SimpleNamespace(**practice_terms(self.run.setup, speeds), passes=passes)

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

    def _end_pass(self) -> None:
        decision = self.run.finish_pass(self.session.judgements)
        self.app.audio.stop(300)
        self.between = (self.app.t, decision)
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
        a pass stopped halfway included with what it judged. `session` stays the last pass's (its
        recording and camera delay belong to it); the results add the passes up."""
        from game.scenes.results import ResultsScene

        if self.pass_plan is not None and self.between is None and not self.finished:
            self.run.stop_pass(self.session.judgements)
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
        before = self.now
        super().update(dt)
        if isinstance(self.session, StepPlaySession):
            self._lead_the_wait()
        plan = self.pass_plan
        if plan is None or self.finished:
            return
        for click in plan.clicks:
            if before < click <= self.now:
                self.app.audio.sfx("count")
        if self.now >= plan.end and self.session.finished(self.now):
            self._end_pass()

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
        self._draw_practice(surface)

    def _draw_practice(self, surface: pygame.Surface) -> None:
        """The practice chip (mode, speed, pass), the count-in, step mode's wait, the panel between passes."""
        colour = self.member.colour
        label = self.tr("practice_chip", speed=speed_text(self.audio_speed))
        parts = [label, self.tr(f"mode_{self.run.setup.mode}")]
        if self.pass_plan is not None:
            n = self.run.number + (1 if self.between is None else 0)  # the panel speaks of the pass just played
            total = self.run.setup.loops
            parts.append(self.tr("pass_of", n=min(n, total), total=total) if total else self.tr("pass_n", n=n))
            parts.append(section_text(self.run, self.full[1].charts[self.difficulty], self.song.tempo.beats_per_bar, self.app))
        draw.chip(surface, " · ".join(parts), (640, 72), theme.GOLD, 13, "midtop")
        plan = self.pass_plan
        if plan is not None and self.between is None and plan.clicks:
            gap = (plan.clicks[-1] - plan.clicks[0]) / max(len(plan.clicks) - 1, 1)
            if plan.start - PRE_ROLL_S <= self.now < plan.clicks[-1] + gap:  # 4, 3, 2, 1 on the clicks
                done = sum(c <= self.now for c in plan.clicks)
                text.draw(surface, self.tr("count_in").upper(), 16, (CAMERA.centerx - 140, CAMERA.y + 60), theme.TEXT_DIM,
                          "bold", "center")
                text.draw(surface, str(len(plan.clicks) - done + 1) if done else "…", 110,
                          (CAMERA.centerx - 140, CAMERA.centery + 10), colour, "display", "center", shadow=True)
        if isinstance(self.session, StepPlaySession) and self.session.step.waiting_since is not None:
            box = pygame.Rect(CAMERA.x + 16, CAMERA.y + 48, 520, 36)
            draw.panel(surface, box, theme.PANEL_HI, theme.GOLD, radius=18, alpha=235, width=2)
            text.draw(surface, self.tr("step_waiting"), 17, box.center, theme.GOLD, "bold", "center", max_width=box.w - 20)
        if self.between is not None:
            self._draw_between(surface, self.between[1])

    def _draw_between(self, surface: pygame.Surface, d: PassResult) -> None:
        draw.dim(surface, 150)
        box = pygame.Rect(640 - 300, 170, 600, 320)
        draw.glow(surface, box, self.member.colour, 24, 16)
        draw.panel(surface, box, theme.PANEL, self.member.colour, radius=24, alpha=250, width=3)
        text.draw(surface, self.tr("pass_n", n=d.number + 1), 40, (640, box.y + 26), theme.TEXT, "display", "midtop", shadow=True)
        text.draw(surface, f"{speed_text(d.speed)} · {self.tr('pass_share', share=round(d.share * 100))}", 22,
                  (640, box.y + 88), theme.TEXT_DIM, "bold", "midtop")
        counts = {g: sum(j.grade is g for j in self.session.judgements) for g in Grade}
        x = 640 - 2 * 130 + 65
        for g in Grade:
            text.draw(surface, str(counts[g]), 30, (x, box.y + 140), theme.grade_colour(g), "display", "midtop")
            from game.ui.strings import grade_label

            text.draw(surface, grade_label(g, self.app.language), 13, (x, box.y + 178), theme.TEXT_DIM, "bold", "midtop")
            x += 130
        colour = {"up": theme.GREEN, "mastered": theme.GOLD, "down": theme.PINK}.get(d.verdict, theme.TEXT)
        text.draw(surface, self.tr(f"verdict_{d.verdict}", speed=speed_text(d.next_speed)), 28, (640, box.y + 214), colour,
                  "display", "midtop", max_width=box.w - 40)
        if self.run.ramp is not None:
            rule = self.run.rule
            text.draw(surface, self.tr("mode_ramp_help", up=round(rule.up_at * 100), down=round(rule.down_below * 100)), 13,
                      (640, box.bottom - 34), theme.TEXT_FAINT, anchor="midtop", max_width=box.w - 40)
        cap = draw.keycap(surface, "Enter", (box.right - 190, box.y + 30), 13)
        text.draw(surface, self.tr("next_pass"), 14, (cap.right + 6, cap.centery), theme.TEXT_DIM, anchor="midleft")
        share = getattr(self, "render_share", None)
        if share is not None and share < 1.0:
            hud.progress_bar(surface, pygame.Rect(box.x + 60, box.bottom - 12, box.w - 120, 8), share, self.member.colour)


class StepAutoplayerHook:
    """The demo dancer in step mode (game.practice.headless.StepAutoplayer on the window's session)."""

    def __init__(self, chart: Chart, session: StepPlaySession, jitter_ms: float, seed: int):
        from game.practice.headless import StepAutoplayer

        self.player = StepAutoplayer(chart, session.step, jitter_ms, seed)

    def predictions_until(self, t: float):
        return self.player.predictions_until(t)

