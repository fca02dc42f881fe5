"""Replay of one cue, opened from the results ("Practise these moves": V or a click on a move) and
from "Cue by cue" (R or Space): the player's recorded skeleton over the moment around the beat,
slowed and looping, beside the target card, with the limbs that are off drawn as tape, the
probability trace with a cursor at the moment shown, and the grade and why.

Honest about what it shows: the player's skeleton (no camera pictures unless the setting kept
them, and a line on screen says which), the demo dancer's angles for a demo play, or that
nothing was recorded. Time comes from the frame's dt only (game.replay.ReplayLoop)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pygame

from game.autoplay import Autoplayer
from game.hints import hint, off_limbs
from game.judge import Grade, Judgement
from game.pose.recording import RecordingError, SkeletonRecording, replay_folder, save_for_play
from game.replay import DEFAULT_SPEED, ReplayLoop, loop_for_cue, next_speed
from game.scenes.base import Scene
from game.scenes.cue_review import cue_where, draw_notes, header_line, offset_text, why_text
from game.ui import camera_view, cards, draw, skeleton, text, theme
from game.ui.cue_trace import draw_trace
from game.ui.dancer import REST
from game.ui.widgets import key_button
from game.ui.strings import grade_label, hint_text, limb_names

TARGET = pygame.Rect(40, 128, 230, 330)
STAGE = pygame.Rect(290, 106, 560, 400)
DETAIL = pygame.Rect(870, 106, 370, 400)
NOTE_Y = 526  # the line that says what was kept
TRACE = pygame.Rect(40, 556, 1200, 112)
KEY = pygame.K_v  # on the results screen: replay the worst move
SKELETON, PICTURES, DEMO, NOTHING = "skeleton", "pictures", "demo", "nothing"
DEMO_FPS = 30.0


class Replayable:
    """What a replay needs from a finished play: the recording and what kind it is (SKELETON,
    PICTURES, DEMO or NOTHING), and why there is none (a message) when that is so; `title` replaces
    "Nothing was recorded" when something was and is gone (a past play's)."""

    def __init__(self, recording: SkeletonRecording | None, kind: str, message: str | None = None,
                 title: str | None = None):
        self.recording, self.kind, self.message, self.title = recording, kind, message, title


def recording_of(play) -> Replayable:
    """The recording of a finished play scene: the camera's (made by the pose worker), the demo
    dancer's angles for a demo, or none when the camera stopped mid-song (the rest was the demo)."""
    live = getattr(play, "live", None)
    session = play.session
    recording = live.recording_for(session) if hasattr(live, "recording_for") else None
    if recording is not None:
        return Replayable(recording, PICTURES if recording.pictures_keep is not None else SKELETON)
    source = getattr(play, "source", None)
    if not getattr(play, "camera_play", False) and isinstance(source, Autoplayer) and source.chart is session.chart:
        return Replayable(demo_recording(source), DEMO)
    return Replayable(None, NOTHING, "replay_nothing_why" if getattr(play, "camera_play", False) else None)


def demo_recording(player: Autoplayer, fps: float = DEMO_FPS) -> SkeletonRecording:
    """The demo dancer's play as a recording of angles (no landmarks): the pose it held at each
    frame time (Autoplayer.pose_at, the same errors it played with), and between moves the last
    pose it showed, as the play screen's figure does."""
    cues = player.chart.cues
    recording = SkeletonRecording((), max_frames=10**7, source="demo")
    if not cues:
        return recording
    start, end = cues[0].time - 2.0, max(c.end_time for c in cues) + 2.0
    shown = dict(REST)
    for k in range(int(np.floor(start * fps)), int(np.ceil(end * fps)) + 1):
        pose = player.pose_at(k / fps)
        shown = dict(player.pose_angles.get(pose) or shown)
        recording.add_frame(k / fps, None, shown, {pose: 1.0})
    return recording


def save_replay(app, play_id: int, replayable: Replayable) -> str | None:
    """Save a camera play's recording beside the save file (game.pose.recording.save_for_play);
    returns why it could not be saved, or None. The demo's angles are never saved."""
    if replayable.recording is None or replayable.kind not in (SKELETON, PICTURES):
        return None
    try:
        save_for_play(replayable.recording, replay_folder(app.storage.path), play_id)
    except OSError as err:
        print(f"warning: the replay of this play could not be saved: {err}")
        return str(err)
    return None


def load_replayable(app, play_id: int) -> Replayable:
    """A saved play's recording (a later session, the progress screen); a missing or damaged file
    is NOTHING with the reason, never an exception."""
    from game.pose.recording import load_for_play

    try:
        recording = load_for_play(replay_folder(app.storage.path), play_id)
    except RecordingError as err:
        return Replayable(None, NOTHING, str(err))
    return Replayable(recording, PICTURES if recording.pictures else SKELETON)


def replayable_at(results, index: int) -> Replayable:
    """What replays judgement `index` of `results.session`: the recording of the pass that judged it
    (a looped practice's results: ResultsScene.replay_at), else the play's `replay`."""
    at = getattr(results, "replay_at", None)
    return at(index) if at is not None else getattr(results, "replay", None) or Replayable(None, NOTHING)


def worst_cue(judgements: list[Judgement], pose: str) -> int:
    """Index of the judgement to replay for a move: its first miss, else its lowest grade."""
    mine = [i for i, j in enumerate(judgements) if j.cue.pose == pose]
    return min(mine, key=lambda i: (judgements[i].grade.points, i), default=0)


def draw_replay_button(results, surface: pygame.Surface, box: pygame.Rect) -> None:
    """A "V Replay" button in the "Practise these moves" panel, left of the practise button."""
    from game.scenes.practice_moves import button_rect

    practise = button_rect(box)
    rect = pygame.Rect(practise.x - 190, practise.y, 176, practise.h)
    results.replay_rect = rect
    key_button(surface, rect, "V", results.tr("replay"), theme.CYAN)


def replay_from_results(results, event: pygame.event.Event) -> bool:
    """On the results: V (or the button) replays the worst move, a click on a move's card that move; True when used."""
    rects = getattr(results, "move_rects", [])
    button = getattr(results, "replay_rect", None)
    chosen = None
    if event.type == pygame.KEYDOWN and event.key == KEY and results.worst:
        chosen = results.worst[0].pose
    elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
        chosen = next((pose for pose, rect in rects if rect.collidepoint(event.pos)), None)
        if chosen is None and button is not None and button.collidepoint(event.pos) and results.worst:
            chosen = results.worst[0].pose
    if chosen is None or not results.session.judgements:
        return False
    results.app.audio.sfx("select")
    results.app.push(ReplayScene(results.app, results, worst_cue(results.session.judgements, chosen)))
    return True


class ReplayScene(Scene):
    def __init__(self, app, results, index: int = 0):
        """`results`: a ResultsScene (session, song, member, difficulty, replay: Replayable)."""
        super().__init__(app)
        self.results = results
        self.replayable: Replayable = replayable_at(results, index)
        self.judgements: list[Judgement] = list(results.session.judgements)
        self.speed = DEFAULT_SPEED
        self.playing = True
        self.elapsed = 0.0  # real seconds into the loop, advanced by update(dt) only
        self._pictures: dict[int, pygame.Surface] = {}
        self.select(index, quiet=True)

    # --- the moment shown -------------------------------------------------------------------
    def select(self, index: int, quiet: bool = False) -> None:
        new = max(0, min(index, len(self.judgements) - 1))
        if not quiet and new != getattr(self, "index", None):
            self.app.audio.sfx("move", 0.5)
        self.index = new
        replayable = replayable_at(self.results, new)  # a practice's cues: their own pass's recording
        if replayable is not self.replayable:
            self.replayable, self._pictures = replayable, {}
        self.elapsed = 0.0
        self.loop: ReplayLoop | None = None
        self._crop = None
        if self.judgements:
            j = self.judgements[new]
            self.loop = loop_for_cue(j.cue, self.results.session.windows, self.speed, j.offset)
            self._crop = self._stage_crop()

    @property
    def now(self) -> float:
        """The song time (s) on screen."""
        return self.loop.song_time(self.elapsed) if self.loop else 0.0

    def set_speed(self, step: int) -> None:
        if self.loop is None:
            return
        speed = next_speed(self.speed, step)
        if speed != self.speed:
            self.speed = speed
            self.loop, self.elapsed = self.loop.at_speed(speed, self.elapsed)
            self.app.audio.sfx("move", 0.5)

    def step_frame(self, step: int) -> None:
        """Paused: one recorded frame earlier or later (or 1/30 s without a recording)."""
        if self.loop is None:
            return
        self.playing = False
        t = self.now
        rec = self.replayable.recording
        times = rec.times if rec is not None else np.array([])
        if len(times):
            i = int(np.searchsorted(times, t + (1e-6 if step > 0 else -1e-6), "right" if step > 0 else "left"))
            t = float(times[min(max(i if step > 0 else i - 1, 0), len(times) - 1)])
        else:
            t += step / DEMO_FPS
        self.elapsed = self.loop.elapsed_for(t)

    def update(self, dt: float) -> None:
        if self.playing:
            self.elapsed += dt

    # --- input ------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_SPACE, pygame.K_r):
                self.playing = not self.playing
            elif event.key in (pygame.K_LEFT, pygame.K_RIGHT):
                self.select(self.index + (1 if event.key == pygame.K_RIGHT else -1))
            elif event.key in (pygame.K_UP, pygame.K_DOWN):
                self.set_speed(1 if event.key == pygame.K_UP else -1)
            elif event.key in (pygame.K_COMMA, pygame.K_PERIOD):
                self.step_frame(1 if event.key == pygame.K_PERIOD else -1)
            elif event.key in (pygame.K_ESCAPE, pygame.K_BACKSPACE, pygame.K_RETURN):
                self.back()
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and STAGE.collidepoint(event.pos):
            self.playing = not self.playing
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            self.back()

    def instructions(self) -> list[tuple[str, str]]:
        return [("Space", self.tr("replay_play_pause")), ("←/→", self.tr("cue_pick")), ("↑/↓", self.tr("replay_speed")),
                (",/.", self.tr("replay_step")), ("Esc", self.tr("back"))]

    # --- drawing ----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        r = self.results
        lang = self.app.language
        self.draw_background(surface, r.member.colour)
        self.draw_header(surface, self.tr("replay"), header_line(r, lang), r.member.colour)
        draw_notes(surface, r)
        if not self.judgements or self.loop is None:
            text.draw(surface, self.tr("no_cues_judged"), 22, (640, 360), theme.TEXT_DIM, "bold", "center")
            self.draw_instructions(surface)
            return
        j = self.judgements[self.index]
        pose = self.app.poses.poses.get(j.cue.pose)
        t = self.now
        at = self.replayable.recording.at(t) if self.replayable.recording is not None else None
        off = frozenset(off_limbs(pose.angles, at.angles)) if pose is not None and at is not None and at.angles else frozenset()
        text.draw(surface, self.tr("target"), 14, (TARGET.x, TARGET.y - 22), theme.TEXT_DIM, "bold")
        if pose is None:
            cards.missing_card(surface, j.cue.pose, TARGET)
        else:
            cards.draw_card(surface, pose, TARGET, r.member.colour, j.cue.gold, lang)
        self._draw_stage(surface, j, at, off, t)
        self._draw_detail(surface, j, pose, at, off)
        self._draw_note(surface)
        name = pose.display_name(lang) if pose else j.cue.pose
        draw_trace(surface, TRACE, self._traced(j), name, r.session.windows, r.session.rule, lang,
                   span=(self.loop.start, self.loop.end), cursor=t,
                   empty=self.tr("trace_not_kept") if getattr(r, "frames_gone", None) else None)
        self.draw_instructions(surface)

    def _traced(self, j: Judgement) -> Judgement:
        """The judgement with its trace taken from the recording over the whole replay span (the
        judge keeps a shorter one), when the recording has p(pose) for this cue's pose."""
        rec = self.replayable.recording
        if rec is None or j.cue.pose not in rec.labels or self.loop is None:
            return j
        trace = rec.trace(j.cue.pose, self.loop.start, self.loop.end)
        return replace(j, trace=trace) if trace else j

    def _draw_stage(self, surface: pygame.Surface, j: Judgement, at, off: frozenset, t: float) -> None:
        colour = self.results.member.colour
        kind = self.replayable.kind
        near_beat = abs(t - j.cue.time) <= 0.06 or j.cue.time <= t <= j.cue.end_time
        draw.panel(surface, STAGE, theme.PANEL, theme.GOLD if near_beat else theme.PANEL_EDGE, radius=18, alpha=235,
                   width=3 if near_beat else 2)
        inner = STAGE.inflate(-24, -80)
        inner.y = STAGE.y + 46
        if self.replayable.recording is None:
            reason = self.replayable.message
            message = self.tr(reason) if reason and reason.startswith("replay_") else reason
            camera_view.camera_icon(surface, (STAGE.centerx, STAGE.centery - 50), 30, theme.TEXT_FAINT, crossed=True)
            text.draw(surface, self.replayable.title or self.tr("replay_nothing"), 22, (STAGE.centerx, STAGE.centery + 6), theme.TEXT_DIM, "bold",
                      "midtop", max_width=STAGE.w - 40)
            if message:
                for n, line in enumerate(text.wrap(message.replace("/", "/ "), 15, STAGE.w - 60, max_lines=5)):
                    text.draw(surface, line.replace("/ ", "/"), 15, (STAGE.centerx, STAGE.centery + 44 + n * 20),
                              theme.TEXT_FAINT, anchor="midtop")
        elif at is None:
            text.draw(surface, self.tr("replay_not_seen"), 20, inner.center, theme.TEXT_FAINT, "bold", "center")
        elif at.points is not None and self._crop is not None:
            area = self._draw_picture(surface, at.frame, inner)
            camera_view.draw_player(surface, camera_view.crop_points(at.points, self._crop), area,
                                    self.app.settings.mirror, colour, off)
        else:
            figure = pygame.Rect(0, 0, min(inner.w, inner.h), inner.h)
            figure.center = inner.center
            skeleton.draw_angles(surface, at.angles, figure, theme.lerp(colour, theme.TEXT, 0.2), colour, 0.15, off=off)
        if self.replayable.recording is not None:
            label = self.tr("replay_demo_dancer" if kind == DEMO else "replay_you")
            draw.chip(surface, label, (STAGE.x + 16, STAGE.y + 14), theme.CYAN, 13, filled=False)
        chip = draw.chip(surface, f"{self.speed:g}×", (STAGE.right - 16, STAGE.y + 14), theme.GOLD, 14, "topright")
        if not self.playing:
            draw.chip(surface, self.tr("replay_paused"), (chip.x - 8, STAGE.y + 14), theme.TEXT, 13, "topright", filled=False)
        if near_beat:
            draw.chip(surface, self.tr("replay_beat"), (STAGE.centerx, STAGE.y + 14), theme.GOLD, 15, "midtop")
        rel = t - j.cue.time
        text.draw(surface, self.tr("replay_at", s=f"{rel:+.2f}"), 18, (STAGE.x + 18, STAGE.bottom - 16), theme.TEXT,
                  "bold", "bottomleft")
        bar = pygame.Rect(STAGE.centerx - 10, STAGE.bottom - 26, STAGE.right - 20 - STAGE.centerx, 8)
        pygame.draw.rect(surface, theme.PANEL_HI, bar, border_radius=4)
        beat_x = bar.x + round(bar.w * self.loop.share(j.cue.time))
        pygame.draw.rect(surface, theme.PINK, (bar.x, bar.y, round(bar.w * self.loop.share(t)), bar.h), border_radius=4)
        pygame.draw.line(surface, theme.GOLD, (beat_x, bar.y - 5), (beat_x, bar.bottom + 5), 3)

    def _stage_crop(self) -> camera_view.Crop | None:
        """One framing for the whole loop (the figure moves in a still frame, as the camera saw it):
        every body landmark seen in the span, with room around, in the stage's shape."""
        rec = self.replayable.recording
        if rec is None or self.loop is None or not rec.has_skeleton:
            return None
        frames = rec.frames_between(self.loop.start, self.loop.end)
        pts = rec.points[frames.start:frames.stop].astype(np.float32)
        seen = pts[np.isfinite(pts[:, :, 0]) & (pts[:, :, 3] >= camera_view.MIN_VISIBILITY)]
        if len(seen) < 8:
            return camera_view.FULL
        w, h = rec.size if rec.size != (0, 0) else (640, 480)
        box = np.zeros((33, 4), np.float32)  # the span's extremes as one "pose", framed as the play screen frames one
        box[:, 3] = 1.0
        box[:, 0] = np.linspace(seen[:, 0].min(), seen[:, 0].max(), 33)
        box[:, 1] = np.linspace(seen[:, 1].min(), seen[:, 1].max(), 33)
        inner = STAGE.inflate(-24, -80)
        return camera_view.follow_crop(box, (w, h), inner.size)

    def _draw_picture(self, surface: pygame.Surface, frame: int, inner: pygame.Rect) -> pygame.Rect:
        """The kept camera picture of this moment under the skeleton (when the setting kept one);
        returns where the crop of the frame goes on screen."""
        rec = self.replayable.recording
        w, h = rec.size if rec.size != (0, 0) else (640, 480)
        crop = self._crop or camera_view.FULL
        area = camera_view.fit_rect((round(crop[2] * w), round(crop[3] * h)), inner)
        data = rec.picture_near(frame) if rec.pictures else None
        if data is None:
            pygame.draw.rect(surface, (8, 5, 20), area, border_radius=8)
            return area
        if frame not in self._pictures:
            import cv2

            image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
            if image is None:
                return area
            ph, pw = image.shape[:2]
            x, y, cw, ch = camera_view.crop_pixels(crop, (pw, ph))
            self._pictures = {frame: camera_view.frame_surface(image[y:y + ch, x:x + cw], area.size, self.app.settings.mirror)}
        surface.blit(self._pictures[frame], area)
        return area

    def _draw_detail(self, surface: pygame.Surface, j: Judgement, pose, at, off: frozenset) -> None:
        lang = self.app.language
        draw.panel(surface, DETAIL, theme.PANEL, theme.PANEL_EDGE, radius=20, alpha=230)
        x, y, w = DETAIL.x + 22, DETAIL.y + 18, DETAIL.w - 44
        cue = j.cue
        text.draw(surface, cue_where(self.results, self.index, len(self.judgements), self.tr), 14, (x, y), theme.TEXT_DIM,
                  "bold", max_width=w)
        name = pose.display_name(lang) if pose else cue.pose
        text.draw(surface, name, 22, (x, y + 24), theme.TEXT, "bold", max_width=w)
        drawn = text.draw(surface, grade_label(j.grade, lang).upper(), 44, (x, y + 56), theme.grade_colour(j.grade), "display",
                          shadow=True)
        if j.offset is not None:
            text.draw(surface, offset_text(j, self.tr), 18, (drawn.right + 16, drawn.centery), theme.TEXT, "bold",
                      "midleft", max_width=DETAIL.right - drawn.right - 32)
        y = drawn.bottom + 10
        why = why_text(j, self.results.session.rule, lang)
        for line in text.wrap(why or "", 16, w, "bold", max_lines=3) if why else []:
            text.draw(surface, line, 16, (x, y), theme.RED, "bold")
            y += 21
        advice = hint_text(hint(pose.angles, j.player_angles), lang) if pose is not None and j.player_angles else None
        if advice is None and j.player_angles and pose is not None:
            advice = self.tr("limbs_close")
        if advice:
            y += 8
            text.draw(surface, self.tr("limb_hint"), 12, (x, y), theme.TEXT_DIM, "bold")
            for line in text.wrap(advice, 19, w, "bold", max_lines=2):
                y += 24
                text.draw(surface, line, 19, (x, y), theme.GOLD if j.grade is not Grade.MISS else theme.RED, "bold")
            y += 28
        if pose is not None and at is not None and at.angles:  # the limbs off at the moment on screen
            box = pygame.Rect(x - 6, max(y + 6, DETAIL.bottom - 96), w + 12, 82)
            draw.panel(surface, box, theme.PANEL_HI, None, radius=12, alpha=255)
            if off:
                limbs = limb_names(sorted(off, key=lambda s: -off_limbs(pose.angles, at.angles)[s]), self.app.language)
                message, colour = self.tr("replay_off_now", limbs=limbs), theme.WRONG
                draw.striped_line(surface, (box.x + 14, box.y + 16), (box.x + 52, box.y + 16), 8)
            else:
                message, colour = self.tr("replay_all_close"), theme.GREEN
            for n, line in enumerate(text.wrap(message, 16, box.w - 24, "bold", max_lines=2)):
                text.draw(surface, line, 16, (box.x + 12, box.y + 30 + n * 21), colour, "bold")

    def _draw_note(self, surface: pygame.Surface) -> None:
        """The honest line: what was kept of the player (said on every replay)."""
        kind = self.replayable.kind
        key = {SKELETON: "replay_skeleton_only", PICTURES: "replay_with_pictures", DEMO: "replay_demo"}.get(kind)
        saved_error = getattr(self.results, "replay_error", None)
        if key is None and not saved_error:
            return  # nothing kept: the stage already says so, once
        message = self.tr(key) if key else self.replayable.title or self.tr("replay_nothing")
        if saved_error:
            message += " · " + self.tr("replay_not_saved", error=saved_error)
        colour = theme.CYAN if kind in (SKELETON, PICTURES) else theme.GOLD
        camera_view.camera_icon(surface, (STAGE.x + 16, NOTE_Y + 2), 9, colour, crossed=kind != PICTURES)
        text.draw(surface, message, 16, (STAGE.x + 38, NOTE_Y + 2), colour, "bold", "midleft",
                  max_width=TRACE.right - STAGE.x - 40)
