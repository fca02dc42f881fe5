"""Play: pose cards slide to the hit line on their beat; the session judges; the HUD shows what it decided.

Time comes from one clock read once per frame: the music (MusicClock) in the game, a virtual
clock in tests and benchmarks. The player is the camera (a LiveSource: PoseWorker over a Camera)
or, in the demo, the autoplayer. Camera frames are stamped on another thread with
`capture_time()`, which extrapolates the last clock reading instead of reading the clock."""
from __future__ import annotations

import math
import sys
import time
from argparse import Namespace
from typing import TYPE_CHECKING

import pygame

from game.autoplay import Autoplayer
from game.hints import hint, off_limbs
from game.chart import Chart, Cue, Member, Song
from game.cheers import Cheer, finish_key
from game.clock import MusicClock, VirtualClock
from game.judge import Grade, HitRule, Judgement, windows_for
from game.scenes.base import Scene
from game.session import PlaySession
from game.ui import camera_view, cards, draw, hud, skeleton, text, theme
from game.ui.coach_panel import CoachPanel
from game.ui.dancer import REST
from game.ui.strings import difficulty_label, grade_label, hint_text
from game.ui.widgets import instruction_bar

if TYPE_CHECKING:
    from game.app import App
    from game.pose.service import LiveSource

LEAD_IN = 3.0          # seconds of countdown before the music
END_HOLD = 1.2         # seconds after the last judgement before the finish banner
FINISH_SHOW = 2.2      # seconds the finish banner shows before the results
CARD = (132, 170)
TIMELINE = pygame.Rect(20, 452, 1240, 222)
GUIDE = pygame.Rect(20, 100, 340, 340)
CAMERA = pygame.Rect(376, 100, 884, 340)
FEEDBACK_W = 290       # the camera panel's right column: combo, judgement pop-up, cheers (never over the player)
PICTURE = pygame.Rect(CAMERA.x + 8, CAMERA.y + 46, CAMERA.w - 16 - FEEDBACK_W, CAMERA.h - 54)
FEEDBACK_X = CAMERA.right - FEEDBACK_W // 2 - 6  # the column's centre
HIT_X = 150
PASSED_S = 0.45        # how long a card lingers after its beat
MISS_SHOW = 1.8        # how long the red limbs and the hint stay up after a miss


def card_speed(chart: Chart) -> float:
    """Pixels per second: fast enough that close cues don't overlap, slow enough to read."""
    gaps = sorted(b.time - a.time for a, b in zip(chart.cues, chart.cues[1:]))
    if not gaps:
        return 320.0
    tight = gaps[max(0, len(gaps) // 10 - 1)]
    return max(240.0, min(700.0, (CARD[0] + 12) / max(tight, 1e-3)))


class PlayScene(Scene):
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
        self._shown: tuple | None = None  # (tracked frame, its picture, where it goes, the crop it shows)
        self._crop: tuple[camera_view.Crop, float] | None = None  # the zoom on the player, and its frame's time
        self._dark = None  # a DarkWatch on the camera picture (made with the first frame: cv2 loads with the camera)
        self._dark_of = None  # the tracked frame it last measured
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
        self.speed = card_speed(self.chart)
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
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 3) and self.pause_button().collidepoint(event.pos):
            self.open_pause()

    def pause_button(self) -> pygame.Rect:
        return pygame.Rect(CAMERA.right - 54, CAMERA.bottom - 46, 40, 34)

    def instructions(self) -> list[tuple[str, str]]:
        return [("Esc/P", self.tr("pause")), ("F11", self.tr("fullscreen"))]

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
        for n in (3, 2, 1):
            if before < -n <= now:
                self.app.audio.sfx("count")
        if before < 0 <= now:
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
    def _build_static(self, size: tuple[int, int]) -> pygame.Surface:
        """Everything that never changes during the song, drawn once."""
        s = pygame.Surface(size)
        s.blit(draw.background(size, self.member.colour), (0, 0))
        draw.panel(s, GUIDE, theme.PANEL, theme.PANEL_EDGE, radius=18, alpha=225)
        draw.panel(s, CAMERA, (12, 8, 26), theme.PANEL_EDGE, radius=18, alpha=240)
        for gx in range(CAMERA.x + 40, CAMERA.right, 40):
            pygame.draw.line(s, (26, 20, 48), (gx, CAMERA.y + 8), (gx, CAMERA.bottom - 8))
        for gy in range(CAMERA.y + 40, CAMERA.bottom, 40):
            pygame.draw.line(s, (26, 20, 48), (CAMERA.x + 8, gy), (CAMERA.right - 8, gy))
        draw.panel(s, TIMELINE, theme.PANEL, theme.PANEL_EDGE, radius=18, alpha=200)
        lang = self.app.language
        text.draw(s, self.tr("target"), 14, (GUIDE.x + 18, GUIDE.y + 14), theme.TEXT_DIM, "bold")
        you = draw.chip(s, self.tr("you"), (CAMERA.x + 16, CAMERA.y + 14), self.member.colour, 13)
        if self.live is not None:
            name = getattr(self.live, "description", "")
            if name.startswith("webcam ") and name[7:].isdigit():  # the pose service's English name for it
                name = self.tr("webcam_n", n=int(name[7:]))
            name = text.fit(name, 13, 260, "bold")  # room for "others in view" beside it
            draw.chip(s, f"● {self.tr('camera_chip')}" + (f" · {name}" if name else ""), (you.right + 8, CAMERA.y + 14),
                      theme.GREEN, 13, filled=False)
        else:
            draw.chip(s, self.tr("autoplay"), (you.right + 8, CAMERA.y + 14), theme.GOLD, 13, filled=False)
            if self.demo_reason:
                hud.demo_reason_lines(s, self.demo_reason, pygame.Rect(CAMERA.x + 16, CAMERA.bottom - 74, 290, 62))
            else:
                for i, line in enumerate(reversed(text.wrap(self.tr("demo_mode"), 14, 290, max_lines=2))):
                    text.draw(s, line, 14, (CAMERA.x + 16, CAMERA.bottom - 28 - 18 * i), theme.TEXT_FAINT)
        chip = draw.chip(s, self.member.display_name(lang), (20, 28), self.member.colour, 16)
        diff = theme.DIFFICULTY_COLOURS.get(self.difficulty, theme.CYAN)
        draw.chip(s, difficulty_label(self.difficulty, lang).upper(), (chip.right + 8, 28), diff, 13, "topleft", filled=False)
        text.draw(s, f"{self.song.title}  ·  {self.song.artist}", 20, (20, 62), theme.TEXT, "bold", max_width=560)
        instruction_bar(s, self.instructions(),
                        f"{self.song.title} — {self.member.display_name(lang)} · {difficulty_label(self.difficulty, lang)}")
        pb = self.pause_button()
        draw.panel(s, pb, theme.PANEL_HI, theme.PANEL_EDGE, radius=8, alpha=255)
        pygame.draw.rect(s, theme.TEXT_DIM, (pb.x + 13, pb.y + 9, 5, 16))
        pygame.draw.rect(s, theme.TEXT_DIM, (pb.x + 22, pb.y + 9, 5, 16))
        return s.convert() if pygame.display.get_surface() else s

    def draw(self, surface: pygame.Surface) -> None:
        if self.static is None or self.static.get_size() != surface.get_size():
            self.static = self._build_static(surface.get_size())
        surface.blit(self.static, (0, 0))
        now = self.now
        beat = self.song.tempo.beat_at(now, self.song.offset) if now >= 0 else -1.0
        pulse = hud.beat_strength(beat)
        colour = self.member.colour
        hud.progress_bar(surface, pygame.Rect(20, 10, 1240, 8), now / max(self.song.duration, 1e-6), colour, self.gold_marks)
        hud.beat_dots(surface, (640, 54), beat, self.song.tempo.beats_per_bar, colour)
        hud.score_panel(surface, pygame.Rect(1010, 26, 250, 64), int(self.shown_score), self.tr("score").upper())
        if self.coach is not None:
            self.coach.draw(surface, self, now)
        else:
            self._draw_guide(surface, now)
        self._draw_camera(surface, now, pulse)
        self._draw_timeline(surface, now, beat, pulse)

    def target_cue(self, now: float) -> Cue | None:
        return self.chart.next_cue(now - 0.15)

    def _draw_guide(self, surface: pygame.Surface, now: float) -> None:
        cue = self.target_cue(now)
        if cue is None:
            text.draw(surface, "♪", 80, GUIDE.center, theme.TEXT_FAINT, "bold", "center")
            return
        pose = self.app.poses.poses.get(cue.pose)
        gold = cue.gold
        col = theme.GOLD if gold else self.member.colour
        if gold:
            draw.neon_frame(surface, GUIDE, theme.GOLD, 18, 3)
            draw.chip(surface, self.tr("gold_move"), (GUIDE.right - 16, GUIDE.y + 12), theme.GOLD, 12, "topright")
        fig = pygame.Rect(GUIDE.x + 40, GUIDE.y + 36, GUIDE.w - 80, 210)
        if pose is None:
            cards.missing_card(surface, cue.pose, fig)
            return
        surface.blit(skeleton.figure(pose.angles, fig.size, theme.lerp(col, theme.TEXT, 0.3), col, 0.15), fig.topleft)
        lang = self.app.language
        text.draw(surface, pose.display_name(lang), 24, (GUIDE.centerx, fig.bottom + 6), theme.TEXT, "display", "midtop",
                  max_width=GUIDE.w - 30)
        y = fig.bottom + 38
        for line in text.wrap(pose.display_hint(lang), 14, GUIDE.w - 36, max_lines=2):
            text.draw(surface, line, 14, (GUIDE.centerx, y), theme.TEXT_DIM, anchor="midtop")
            y += 18
        until = cue.time - now
        ring = (GUIDE.right - 34, GUIDE.y + 58) if not gold else (GUIDE.right - 34, GUIDE.y + 66)
        frac = max(0.0, min(1.0, 1 - until / 2.0))
        pygame.draw.circle(surface, theme.PANEL_HI, ring, 20, 4)
        if frac > 0:
            pygame.draw.arc(surface, col, (ring[0] - 20, ring[1] - 20, 40, 40), math.pi / 2, math.pi / 2 + frac * 2 * math.pi, 4)
        if until > 0:
            text.draw(surface, f"{until:.1f}", 13, ring, theme.TEXT, "bold", "center")
        elif cue.is_hold and now < cue.end_time:
            text.draw(surface, self.tr("hold"), 11, ring, theme.GOLD, "bold", "center", max_width=36)

    def _draw_camera(self, surface: pygame.Surface, now: float, pulse: float) -> None:
        """The player (their video, or the demo's figure) on the left; what the game says about
        them in the column on the right, where it never covers their body or the chips."""
        colour = self.member.colour
        cue = self.target_cue(now)
        if cue is not None and cue.gold and abs(cue.time - now) < 1.0:
            draw.neon_frame(surface, CAMERA, theme.GOLD, 18, 3)
        off, tip = self.current_miss(now)
        tip_text = hint_text(tip, self.app.language)
        if self.live is not None:
            self._draw_video(surface, off, tip_text)
        else:
            centre = (PICTURE.right - 150, CAMERA.y + 190)  # right of the notes at the bottom left
            pygame.draw.circle(surface, theme.scale(colour, 0.18 + 0.25 * pulse), centre, int(130 + 10 * pulse), 2)
            pygame.draw.ellipse(surface, theme.scale(colour, 0.22), (centre[0] - 90, CAMERA.bottom - 40, 180, 22))
            fig = pygame.Rect(centre[0] - 150, CAMERA.y + 24, 300, 300)
            skeleton.draw_angles(surface, self.player_angles, fig, theme.lerp(colour, theme.TEXT, 0.2), colour, 0.15, off=off)
        combo = self.session.score.combo
        bump = max(0.0, 1 - (now - self.combo_bump_at) / 0.15)
        if now >= 0.6 or combo:  # the countdown has the column until GO! is over
            hud.combo_panel(surface, (FEEDBACK_X, CAMERA.y + 70), combo, self.session.score.multiplier, colour,
                            self.tr("combo").upper(), bump)
        if self.popup and not self.popup.draw(surface, (FEEDBACK_X, CAMERA.y + 170), now):
            self.popup = None
        if tip_text and self.live is None:  # left of the figure, clear of the reason for the demo
            hud.hint_chip(surface, tip_text, (CAMERA.x + 160, CAMERA.y + 150), 290)
        if self.cheer:
            born, cheer = self.cheer
            age = now - born
            if age > 2.6:
                self.cheer = None
            else:
                hud.cheer_toast(surface, cheer.text(self.app.language), (FEEDBACK_X, CAMERA.bottom - 52),
                                FEEDBACK_W - 20, age)
        if now < 0.6:  # beside the picture: the player needs to see themselves step in
            hud.countdown(surface, (FEEDBACK_X, CAMERA.centery + 20), -now, colour, self.tr("go"))
            if now < -3.0:
                text.draw(surface, self.tr("ready"), 44, (PICTURE.centerx, CAMERA.centery), theme.TEXT, "display", "center",
                          shadow=True)
        if self.finish_at is not None:
            key = finish_key(self.session.score)  # only real achievements: a song of misses is not a clear
            grow = min(1.0, (now - self.finish_at) / 0.25)
            colour = {"full_combo": theme.GOLD, "clear": theme.TEXT}.get(key, theme.TEXT_DIM)
            text.draw(surface, self.tr(f"finish_{key}"), int(40 + 40 * grow), (CAMERA.centerx, CAMERA.centery), colour,
                      "display", "center", shadow=True)

    def video_rect(self) -> pygame.Rect:
        """Where the camera picture goes: the zoom on the player (or the whole frame), its own shape, as big as fits."""
        size = (640, 480)
        if self.tracked is not None:
            h, w = self.tracked.frame.image.shape[:2]
            crop = self._crop[0] if self._crop else camera_view.FULL
            size = camera_view.crop_pixels(crop, (w, h))[2:]
        return camera_view.fit_rect(size, PICTURE)

    def _follow(self, tracked) -> camera_view.Crop:
        """Ease the zoom toward the player in this frame (on frame timestamps); returns it in whole pixels."""
        h, w = tracked.frame.image.shape[:2]
        points = tracked.landmarks.points if tracked.landmarks is not None else None
        target = camera_view.follow_crop(points, (w, h), PICTURE.size)
        if self._crop is None:
            self._crop = (target, tracked.frame.t)
        elif tracked.frame.t != self._crop[1]:
            self._crop = (camera_view.ease_crop(self._crop[0], target, tracked.frame.t - self._crop[1]), tracked.frame.t)
        x, y, cw, ch = camera_view.crop_pixels(self._crop[0], (w, h))
        return (x / w, y / h, cw / w, ch / h)

    def _draw_video(self, surface: pygame.Surface, off: frozenset[str], tip: str | None) -> None:
        """The mirrored camera picture, zoomed on the player, their skeleton over it, and what to do to be seen."""
        tracked = self.tracked
        if tracked is None:
            camera_view.no_signal(surface, camera_view.fit_rect((640, 480), PICTURE), self.tr("camera_starting"))
            return
        if self._shown is None or self._shown[0] is not tracked:
            crop = self._follow(tracked)
            h, w = tracked.frame.image.shape[:2]
            x, y, cw, ch = camera_view.crop_pixels(crop, (w, h))
            area = self.video_rect()
            picture = camera_view.frame_surface(tracked.frame.image[y:y + ch, x:x + cw], area.size, self.app.settings.mirror)
            self._shown = (tracked, picture, area, crop)
        _, picture, area, crop = self._shown
        surface.blit(picture, area)
        pygame.draw.rect(surface, theme.PANEL_EDGE, area.inflate(4, 4), 2, border_radius=6)
        if tracked.landmarks is not None:
            camera_view.draw_player(surface, camera_view.crop_points(tracked.landmarks.points, crop), area,
                                    self.app.settings.mirror, self.member.colour, off)
        if tracked.others:  # a state, not a request: a chip, not a banner
            draw.chip(surface, self.tr("others_in_view"), (CAMERA.right - 16, CAMERA.y + 14), theme.CYAN, 13, "topright",
                      filled=False)
        prompts = []
        ended_at = getattr(self.live, "camera_ended_at", None)
        if ended_at is not None and self.now >= ended_at:  # a video file, over before the song: say so, don't loop it
            prompts.append((self.tr("video_ended").format(t=ended_at), theme.GOLD, "!"))
        elif tracked.status == "nobody" and self._picture_dark(tracked):
            prompts.append((self.tr("too_dark"), theme.GOLD, "!"))
        elif tracked.status == "nobody":
            prompts.append((self.tr("step_in"), theme.GOLD, "!"))
        elif tracked.status == "partial":
            prompts.append((self.tr("step_back"), theme.GOLD, "back"))
        if tip:  # at the top of the picture, off the legs; the prompts to be seen keep the bottom
            camera_view.prompt(surface, tip, area, theme.WRONG, "x", top=True)
        bottom = area.copy()  # a prompt stays inside the picture (it wraps rather than overflows)
        for message, colour, icon in prompts:
            box = camera_view.prompt(surface, message, bottom, colour, icon)
            bottom.h = box.y - bottom.y + 6

    def _picture_dark(self, tracked) -> bool:
        """Measured on each new frame (with hysteresis), so "step in" is not said to someone standing in the dark."""
        if self._dark is None:
            from game.pose.capture import DarkWatch
            self._dark = DarkWatch()
        if self._dark_of is not tracked:
            self._dark_of = tracked
            self._dark.update(tracked.frame.image)
        return self._dark.dark

    def _draw_timeline(self, surface: pygame.Surface, now: float, beat: float, pulse: float) -> None:
        colour = self.member.colour
        cy = TIMELINE.centery + 4
        horizon = (TIMELINE.right - HIT_X) / self.speed + 0.2
        clip = surface.get_clip()
        surface.set_clip(TIMELINE.inflate(-4, -4))
        tempo, offset = self.song.tempo, self.song.offset
        first = max(0, math.floor(tempo.beat_at(max(now - PASSED_S, 0.0), offset)))
        last = math.ceil(tempo.beat_at(max(now + horizon, 0.0), offset))
        for b in range(first, last + 1):
            x = HIT_X + (tempo.seconds_at(b, offset) - now) * self.speed
            bar = b % tempo.beats_per_bar == 0
            pygame.draw.line(surface, theme.PANEL_EDGE if bar else (44, 36, 80), (x, TIMELINE.bottom - (26 if bar else 14)),
                             (x, TIMELINE.bottom - 6), 2 if bar else 1)
            if bar:
                text.draw(surface, str(b // tempo.beats_per_bar + 1), 11, (x + 4, TIMELINE.bottom - 24), theme.TEXT_FAINT)
        zone = pygame.Rect(0, 0, CARD[0] + 16, CARD[1] + 16)
        zone.center = (HIT_X, cy)
        pygame.draw.rect(surface, theme.scale(colour, 0.2 + 0.4 * pulse), zone, 3, border_radius=16)
        pygame.draw.line(surface, theme.lerp(colour, theme.TEXT, 0.4 * pulse), (HIT_X, TIMELINE.y + 6), (HIT_X, TIMELINE.bottom - 6), 2)
        visible = self.chart.cues_between(now - PASSED_S, now + horizon)
        for cue in visible:  # hold tails behind the cards
            if cue.is_hold:
                x0 = HIT_X + max(cue.time - now, 0.0) * self.speed
                x1 = HIT_X + (cue.end_time - now) * self.speed
                if x1 > x0:
                    tail = pygame.Rect(int(x0), cy - 9, int(x1 - x0), 18)
                    pygame.draw.rect(surface, theme.scale(theme.GOLD if cue.gold else colour, 0.7), tail, border_radius=9)
                    pygame.draw.rect(surface, theme.GOLD if cue.gold else colour, tail, 2, border_radius=9)
        for cue in reversed(visible):  # the nearest card drawn last, on top
            x = HIT_X + (cue.time - now) * self.speed
            rect = pygame.Rect(0, 0, *CARD)
            past = now - cue.time
            if cue.is_hold and cue.time <= now <= cue.end_time:
                x, past = HIT_X, 0.0
            elif past > 0 and self.judged.get(cue.index) is not None and self.judged[cue.index].grade.builds_combo:
                x = HIT_X  # a hit card fades where it was hit, centred in the zone (sliding on, it showed the zone offset behind it)
            rect.center = (int(x), cy)
            alpha = 255 if past <= 0 else int(255 * max(0.0, 1 - past / PASSED_S))
            if alpha <= 0:
                continue
            pose = self.app.poses.poses.get(cue.pose)
            at_line = abs(x - HIT_X) < CARD[0] * 0.5
            if pose is None:
                cards.missing_card(surface, cue.pose, rect)
            else:
                cards.draw_card(surface, pose, rect, colour, cue.gold, self.app.language, glow=at_line, alpha=alpha)
            j = self.judged.get(cue.index)
            if j is not None:
                draw.chip(surface, grade_label(j.grade, self.app.language).upper(), (rect.centerx, rect.y - 4), theme.grade_colour(j.grade), 12, "midtop")
        surface.set_clip(clip)
        text.draw(surface, self.tr("next").upper(), 12, (HIT_X + CARD[0] // 2 + 18, TIMELINE.y + 8), theme.TEXT_FAINT, "bold")


def play_to(scene: PlayScene, t: float, step: float = 1 / 60) -> None:
    """Advance a virtual-clock play scene to song time t without drawing (tests, screenshots)."""
    while scene.now < t - 1e-9 and not scene.finished:
        scene.update(min(step, t - scene.now))


def play_again(app: "App", play: PlayScene) -> None:
    """Restart or retry: the same song the same way (the camera again, or the demo again), replacing the top scene."""
    if hasattr(play, "again"):  # a practice starts its own way (game.scenes.practice)
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


def start_play_from_args(app: "App", args: Namespace) -> None:
    """`python main.py play --song ID --member NAME` in a window: straight into that song
    (from the camera, or as the demo with --autoplay)."""
    from game.cli_play import ChoiceError, find_chart
    from game.scenes.camera_check import begin_play
    from game.scenes.member_select import MemberSelectScene
    from game.scenes.song_select import SongSelectScene

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
    from game.scenes.practice import start_from_args

    if start_from_args(app, args, song, member, chart):
        return
    begin_play(app, song, member, chart.difficulty, demo=bool(getattr(args, "autoplay", False)),
               jitter_ms=getattr(args, "autoplay_jitter", 0.0) or 0.0, seed=getattr(args, "seed", 0) or 0)


def _loaded_song(app, song_id: str, timeout_s: float = 60.0):
    """The song `song_id` from the app's song list, waiting for the background scan to take it in
    (a launch straight into a song comes before the scan has finished); None if it never does."""
    def find():
        return next((e.song for e in app.entries if e.song and e.id == song_id), None)

    song = find()
    if song is None:
        app.scanner.wait(timeout_s)
        song = find()
    return song

