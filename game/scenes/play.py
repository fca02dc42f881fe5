"""Play: pose cards slide to the hit line on their beat; the session judges; the HUD shows what it decided.

Time comes from one clock read once per frame: the music (MusicClock) in the game, a virtual
clock in tests and benchmarks. The player is the camera (a LiveSource: PoseWorker over a Camera)
or, in the demo, the autoplayer. Camera frames are stamped on another thread with
`capture_time()`, which extrapolates the last clock reading instead of reading the clock.

This scene holds the state (clock, session, sources, what is showing) and moves between scenes; the
screen's pieces draw what it hands them: game.ui.play_layout (regions, the static frame), guide_panel
(or coach_panel), camera_panel (the player), feedback_column (combo, judgements, cheers), card_lane."""
from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

import pygame

from game.autoplay import Autoplayer
from game.hints import hint, off_limbs
from game.chart import Chart, Cue, Member, Song
from game.cheers import Cheer
from game.clock import MusicClock, VirtualClock
from game.judge import Grade, HitRule, Judgement, windows_for
from game.scenes.base import Scene
from game.session import PlaySession
from game.ui import card_lane, draw, feedback_column, hud, play_layout, skeleton, theme
from game.ui.camera_panel import CameraPanel
from game.ui.coach_panel import CoachPanel
from game.ui.dancer import REST
from game.ui.guide_panel import draw_guide
from game.ui.play_layout import CAMERA, GUIDE, TIMELINE
from game.ui.strings import grade_label, hint_text

if TYPE_CHECKING:
    from game.app import App
    from game.pose.service import LiveSource

LEAD_IN = 3.0          # seconds of countdown before the music
END_HOLD = 1.2         # seconds after the last judgement before the finish banner
FINISH_SHOW = 2.2      # seconds the finish banner shows before the results
MISS_SHOW = 1.8        # how long the red limbs and the hint stay up after a miss


class PlayScene(Scene):
    """One play of `member`'s `difficulty` chart of `song`: from the camera (`live`) or as the demo,
    on the music's clock or, with `virtual`, a clock the caller advances (tests, screenshots)."""

    audio_speed = 1.0  # the song's speed (a practice plays it slower): the coach video follows it
    def __init__(self, app: "App", song: Song, member: Member, difficulty: str, virtual: bool = False,
                 jitter_ms: float = 0.0, seed: int = 0, live: "LiveSource | None" = None, demo_reason: str | None = None):
        super().__init__(app)
        self.song, self.member, self.difficulty = song, member, difficulty
        self.chart: Chart = member.charts[difficulty]
        self.virtual = virtual
        self.jitter_ms, self.seed = jitter_ms, seed
        self.windows = windows_for(difficulty, app.settings.timing_scale)
        best = app.storage.best(song.id, member.id, difficulty)
        self.previous_best = best.score if best else None
        # the demo never beats the player's best: the best is the session's only while the camera plays
        self.session = PlaySession(self.chart, self.windows, HitRule(), app.messages, None,
                                   targets={pid: pose.angles for pid, pose in app.poses.poses.items()})
        self.source: Autoplayer | LiveSource = self._autoplayer()
        self.live: LiveSource | None = None
        self.camera_play = False  # played from the camera (a retry opens the camera again)
        self.demo_reason = demo_reason  # why this is the demo (no model, ...); None: the player chose it
        self.tracked = None  # the latest TrackedFrame from the camera
        self.camera_panel = CameraPanel()  # the player's picture (its zoom and the frame last converted)
        self._time_ref = (-LEAD_IN, time.perf_counter(), False)  # (song time, wall, running) for capture_time
        self.miss_feedback: tuple[float, frozenset[str], str | None] | None = None
        self.clock: VirtualClock | MusicClock | None = VirtualClock(start=-LEAD_IN, step=0.0) if virtual else None
        self.now = -LEAD_IN
        self.music_at = 0.0  # where in the track the music starts (song time); a practice pass starts later
        self.music_started = False
        self.judged: dict[int, Judgement] = {}
        self.popup: hud.Popup | None = None
        self.cheer: tuple[float, Cheer] | None = None
        self.finish_at: float | None = None
        self.finished = False
        self.shown_score = 0.0
        self.combo_bump_at = -10.0
        self.player_angles: dict[str, float] = dict(REST)
        self.player_target = dict(REST)
        self.speed = card_lane.card_speed(self.chart)  # pixels per second
        self.static: pygame.Surface | None = None
        self.gold_marks = [(c.time / max(song.duration, 1e-6), c.gold) for c in self.chart.cues if c.gold]
        # the member's reference video in place of the guide skeleton (None: no video, screen unchanged)
        self.coach = CoachPanel.open(member.video, app.settings.coach_mirror, GUIDE)
        if live is not None:
            self.attach_live(live)

    # --- the camera ------------------------------------------------------------------------------
    def attach_live(self, live: "LiveSource") -> None:
        """The camera is the player from now on (the autoplayer steps aside)."""
        self.live = live
        if hasattr(live, "judge_on_worker"):
            live.judge_on_worker(self.session, self.capture_time)
        self.camera_play = True
        self.source = live
        self.session.previous_best = self.previous_best
        self.demo_reason = None
        self.static = None

    @property
    def real_play(self) -> bool:
        """The camera played the whole song: only such a play is saved and celebrated (never the demo)."""
        return self.live is not None

    def _autoplayer(self) -> Autoplayer:
        """The demo dancer for this chart, dancing the library's poses."""
        angles = {pid: p.angles for pid, p in self.app.poses.poses.items()}
        return Autoplayer(self.chart, jitter_ms=self.jitter_ms, seed=self.seed, pose_angles=angles)

    def capture_time(self) -> float:
        """Song time now, for frames stamped on the camera thread (MusicClock is not thread-safe)."""
        now, wall, running = self._time_ref
        return now + (time.perf_counter() - wall) if running else now

    def _freeze_time(self) -> None:
        self._time_ref = (self.now, time.perf_counter(), False)

    def _drop_live(self, reason: str) -> None:
        """The pose worker died: carry on as the demo and say why (never a traceback)."""
        live, self.live = self.live, None
        if live is not None:
            live.stop()
        self.source = self._autoplayer()
        self.session.previous_best = None  # the demo finishes the song: not the player's play
        self.source.predictions_until(self.now)  # the past is past: start from now
        self.demo_reason = reason
        self.static = None

    # --- lifecycle -----------------------------------------------------------------------------
    def enter(self) -> None:
        if not self.virtual and not self.music_started:
            self.app.audio.load(self.song.audio_path, self.song.duration)

    def leave(self) -> None:
        self.app.audio.stop(200)
        if self.coach is not None:
            self.coach.close()
        if self.live is not None:
            self.live.stop()
            self.live = None

    def restart(self) -> None:
        play_again(self.app, self)

    def open_pause(self) -> None:
        if self.finished or self.finish_at is not None:
            return
        from game.scenes.pause import PauseScene

        self._halt()
        self.app.audio.sfx("back", 0.6)
        self.app.push(PauseScene(self.app, self))

    def open_camera_lost(self) -> None:
        """The camera stopped sending frames: stop the song until it is back (CameraLostScene watches)."""
        from game.scenes.camera_lost import CameraLostScene

        self._halt()
        self.app.audio.sfx("miss", 0.6)
        self.app.push(CameraLostScene(self.app, self))

    def _halt(self) -> None:
        self.app.audio.pause()
        if isinstance(self.clock, MusicClock):
            self.clock.pause()
        self._freeze_time()

    def resume(self) -> None:
        self.app.audio.resume()
        if isinstance(self.clock, MusicClock):
            self.clock.resume()
        self._time_ref = (self.now, time.perf_counter(), not self.virtual)

    # --- input -------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_ESCAPE, pygame.K_p, pygame.K_PAUSE):
            self.open_pause()
        elif event.type == pygame.WINDOWFOCUSLOST:
            self.open_pause()
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 3) and play_layout.PAUSE_BUTTON.collidepoint(event.pos):
            self.open_pause()

    def instructions(self) -> list[tuple[str, str]]:
        return [("Esc/P", self.tr("pause")), ("F11", self.tr("fullscreen"))]

    def count_in(self) -> feedback_column.CountIn:
        """The one count-in (clicks and GO!, song time s) this scene clicks and draws: 3, 2, 1 before
        the song; a practice pass counts its own (game.scenes.practice_play)."""
        return feedback_column.PLAY_COUNT_IN

    # --- time and events -----------------------------------------------------------------------
    def read_clock(self, dt: float) -> float:
        if self.clock is None:
            offset_s = self.app.settings.audio_offset_ms / 1000.0
            self.clock = MusicClock(self.app.audio.position, offset_s, -self.now)
        if isinstance(self.clock, VirtualClock):
            self.clock.t += dt
        now = self.clock.now()
        if not self.virtual and not self.music_started and now >= self.music_at - self.app.settings.audio_offset_ms / 1000.0:
            self.app.audio.play(self.music_at)
            self.music_started = True
        return now

    def update(self, dt: float) -> None:
        if self.live is not None:
            if getattr(self.live, "error", None):
                self._drop_live(self.live.error)
            elif self.live.lost() and self.finish_at is None and not self.finished:
                self.open_camera_lost()
                return
            else:
                self.tracked = self.live.latest
        before = self.now
        self.now = now = self.read_clock(dt)
        self._time_ref = (now, time.perf_counter(), not self.virtual)
        count_in = self.count_in()
        for click in count_in.clicks:
            if before < click <= now:
                self.app.audio.sfx("count")
        if before < count_in.go_at <= now:
            self.app.audio.sfx("go")
        predictions = self.source.predictions_until(now)
        self.session.feed(predictions)
        self._follow_player(predictions, dt)
        for event in self.session.update(now):
            if isinstance(event, Judgement):
                self._on_judgement(event, now)
            elif isinstance(event, Cheer):
                self.cheer = (now, event)
                self.app.audio.sfx("full_combo" if event.key in ("full_combo", "personal_best") else "combo", 0.8)
        target = self.session.score.score
        self.shown_score += (target - self.shown_score) * min(1.0, dt * 10) if dt else 0.0
        if dt == 0 or abs(target - self.shown_score) < 1:
            self.shown_score = target
        self._check_finish(now)

    def _on_judgement(self, j: Judgement, now: float) -> None:
        self.judged[j.cue.index] = j
        detail = hud.offset_text(j.offset, self.app.language)
        if j.cue.is_hold and j.grade is not Grade.MISS:
            detail = (detail + " · " if detail else "") + self.tr("held", n=round(j.held * 100))
        label = grade_label(j.grade, self.app.language)
        self.popup = hud.Popup(now, label, theme.grade_colour(j.grade), detail)
        if j.grade.builds_combo:
            self.combo_bump_at = now
        else:
            self.miss_feedback = (now, *self._what_was_off(j))
        self.app.audio.sfx(j.grade.key, 0.7)

    def _what_was_off(self, j: Judgement) -> tuple[frozenset[str], str | None]:
        """The limbs that were off at the beat and one instruction for the worst (Dance Central, with the reason)."""
        pose = self.app.poses.poses.get(j.cue.pose)
        if pose is None or not j.player_angles:
            return frozenset(), None
        return frozenset(off_limbs(pose.angles, j.player_angles)), hint(pose.angles, j.player_angles)

    def current_miss(self, now: float) -> tuple[frozenset[str], str | None]:
        if self.miss_feedback is None or not 0 <= now - self.miss_feedback[0] <= MISS_SHOW:
            return frozenset(), None
        return self.miss_feedback[1], self.miss_feedback[2]

    def _follow_player(self, predictions: list, dt: float) -> None:
        """The player's figure: the latest confident pose (or measured angles), eased so it moves, not jumps."""
        for p in reversed(predictions):
            if p.angles:
                self.player_target = dict(p.angles)
                break
            pose, prob = max(p.probs.items(), key=lambda kv: kv[1], default=("none", 0.0))
            if prob >= 0.5 and pose in self.app.poses:
                self.player_target = dict(self.app.poses[pose].angles)
                break
        k = 1.0 - math.exp(-dt / 0.06) if dt > 0 else 1.0
        self.player_angles = skeleton.blend_angles(self.player_angles, self.player_target, k)

    def _check_finish(self, now: float) -> None:
        if not self.session.finished(now) or self.finished:
            return
        last = max(j.cue.end_time for j in self.session.judgements) if self.session.judgements else 0.0
        if self.finish_at is None and now >= max(last + END_HOLD, self.session.end_time()):
            self.finish_at = now
            self.app.audio.sfx("full_combo" if self.session.score.full_combo else "go")
        if self.finish_at is not None and now >= self.finish_at + FINISH_SHOW:
            self.finished = True
            from game.scenes.results import ResultsScene

            self.app.replace(ResultsScene(self.app, self))

    # --- drawing -------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        if self.static is None or self.static.get_size() != surface.get_size():
            camera = getattr(self.live, "description", "") if self.live is not None else None
            self.static = play_layout.static_frame(surface.get_size(), self.song, self.member, self.difficulty,
                                                   self.app.language, self.instructions(), camera, self.demo_reason)
        surface.blit(self.static, (0, 0))
        now = self.now
        beat = self.song.tempo.beat_at(now, self.song.offset) if now >= 0 else -1.0
        pulse = hud.beat_strength(beat)
        colour, lang = self.member.colour, self.app.language
        hud.progress_bar(surface, play_layout.PROGRESS, now / max(self.song.duration, 1e-6), colour, self.gold_marks)
        hud.beat_dots(surface, (640, 54), beat, self.song.tempo.beats_per_bar, colour)
        hud.score_panel(surface, play_layout.SCORE, int(self.shown_score), self.tr("score").upper())
        if self.coach is not None:
            self.coach.draw(surface, self, now)
        else:
            cue = self.target_cue(now)
            pose = self.app.poses.poses.get(cue.pose) if cue is not None else None
            draw_guide(surface, GUIDE, cue, pose, now, colour, lang)
        self._draw_camera(surface, now, pulse)
        card_lane.draw_lane(surface, TIMELINE, now, pulse, chart=self.chart, song=self.song, speed=self.speed,
                            judged=self.judged, poses=self.app.poses.poses, colour=colour, language=lang)

    def target_cue(self, now: float) -> Cue | None:
        return self.chart.next_cue(now - 0.15)

    def tip_from(self) -> int | None:
        """The highest y (px) a miss's instruction may start at over the camera picture (None: its top):
        a practice's banner over the picture keeps its place (game.scenes.practice_play)."""
        return None

    def _draw_camera(self, surface: pygame.Surface, now: float, pulse: float) -> None:
        """The player (their video, or the demo's figure) on the left; what the game says about
        them in the column on the right, where it never covers their body or the chips."""
        colour, lang = self.member.colour, self.app.language
        cue = self.target_cue(now)
        if cue is not None and cue.gold and abs(cue.time - now) < 1.0:
            draw.neon_frame(surface, CAMERA, theme.GOLD, 18, 3)
        off, tip = self.current_miss(now)
        tip_text = hint_text(tip, lang)
        if self.live is not None:
            ended_at = getattr(self.live, "camera_ended_at", None)
            self.camera_panel.draw_video(surface, self.tracked, mirror=self.app.settings.mirror, colour=colour, off=off,
                                         tip=tip_text, language=lang, tip_from=self.tip_from(),
                                         video_ended_at=ended_at if ended_at is not None and now >= ended_at else None)
        else:
            self.camera_panel.draw_demo(surface, self.player_angles, colour, pulse, off, tip_text)
        count_in = self.count_in()
        self.popup, self.cheer = feedback_column.draw_column(surface, now, score=self.session.score, bump_at=self.combo_bump_at,
                                                             colour=colour, popup=self.popup, cheer=self.cheer, language=lang,
                                                             count_in=count_in)
        if self.app.top is self:  # paused, the pause menu or its resume count-in has the screen: one count at a time
            feedback_column.draw_countdown(surface, now, colour, lang, count_in)
        if self.finish_at is not None:
            feedback_column.draw_finish(surface, now, self.finish_at, self.session.score, lang)


def play_to(scene: PlayScene, t: float, step: float = 1 / 60) -> None:
    """Advance a virtual-clock play scene to song time t without drawing (tests, screenshots)."""
    while scene.now < t - 1e-9 and not scene.finished:
        scene.update(min(step, t - scene.now))


def play_again(app: "App", play: PlayScene) -> None:
    """Restart or retry: the same song the same way (the camera again, or the demo again), replacing the top scene."""
    if hasattr(play, "again"):  # a practice starts its own way (game.scenes.practice_play)
        play.again()
    elif play.camera_play:
        from game.scenes.camera_check import begin_play

        begin_play(app, play.song, play.member, play.difficulty, replace=True)
    else:
        app.replace(PlayScene(app, play.song, play.member, play.difficulty, play.virtual, play.jitter_ms, play.seed,
                              demo_reason=play.demo_reason))


def quit_to_song_list(app: "App") -> None:
    """From an overlay over the play scene (pause, camera lost): close both, then back to the song list."""
    from game.scenes.song_select import SongSelectScene

    app.pop()  # the overlay
    app.pop()  # play (stops the camera)
    while app.top is not None and not isinstance(app.top, SongSelectScene) and len(app.scenes) > 1:
        app.pop()
