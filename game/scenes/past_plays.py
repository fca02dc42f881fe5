"""Recent plays, opened from the Progress screen: every real play, newest first, and for a chosen one
its cue-by-cue view (game/scenes/cue_review.py) and the replay of any cue (game/scenes/replay.py).

Those two scenes read a results screen; `open_play` gives them a `SavedResults` with the same
attributes, rebuilt from the save file (game/saved_play.py). Honest about what is gone: a song
no longer in songs/, a chart changed since the play, a skeleton no longer kept (the replay folder
keeps the newest KEEP_PLAYS) are named on the list and on the cue view, never a traceback."""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from types import SimpleNamespace

import pygame

from game import saved_play
from game.chart import Member
from game.judge import Grade, HitRule, Judgement, TimingWindows, windows_for
from game.pose.recording import KEEP_PLAYS, looks_whole, replay_folder, replay_path
from game.progress import PlayRecord
from game.scenes.base import Scene
from game.scenes.replay import NOTHING, Replayable, load_replayable
from game.ui import draw, text, theme
from game.ui.strings import count, difficulty_label, grade_label, tr
from game.ui.widgets import FocusList, scrollbar

LIST = pygame.Rect(40, 128, 1188, 522)
ROW_H = 60
COUNT_X = (590, 655, 720, 785)  # centres of the Perfect / Great / Good / Miss columns
SCORE_RIGHT = 1010
KEPT_X = 1044
# What a play left behind. Each is a key of game/ui/strings.py: KEY is its chip on the list, KEY_note
# the sentence on the list's bar and on the cue view.
SONG_GONE, CHART_GONE, CHART_CHANGED = "past_song_gone", "past_chart_gone", "past_chart_changed"
REPLAY_KEPT, SKELETON_GONE, NEVER_SAVED, DAMAGED = "past_replay_kept", "past_skeleton_gone", "past_no_replay", "past_damaged"
STATUS_COLOURS = {SONG_GONE: theme.RED, CHART_GONE: theme.RED, CHART_CHANGED: theme.GOLD, REPLAY_KEPT: theme.CYAN,
                  SKELETON_GONE: theme.TEXT_DIM, NEVER_SAVED: theme.TEXT_DIM, DAMAGED: theme.RED}


@dataclass
class SavedResults:
    """What CueReviewScene and ReplayScene read from a results screen, for a play of the save file."""

    record: PlayRecord
    song: object  # the Song, or a stand-in with its id as title when the song is gone
    member: Member
    difficulty: str
    session: SimpleNamespace  # judgements, windows, rule (as PlaySession has them)
    replay: Replayable
    notes: tuple[tuple[str, theme.Colour], ...] = ()  # what is no longer as it was, in the player's words
    when: str = ""  # "2026-03-20 19:30", said in the header
    frames_gone: str | None = None  # why nothing is known of the camera frames (no recording), else None
    replay_error: str | None = field(default=None)

    def pass_at(self, index: int) -> SimpleNamespace | None:
        """The practice pass this play was (number from 0, speed), as the live results name it; None
        for a play without passes or one saved before pass numbers were kept."""
        n = self.record.pass_no
        return SimpleNamespace(number=n - 1, speed=self.record.speed) if n else None


def kept_status(app, record: PlayRecord, newer: int) -> str:
    """REPLAY_KEPT when its recording is in the replay folder (DAMAGED when the file is not a whole
    replay); else SKELETON_GONE when `newer` (plays saved after it) pushed it out of the newest
    KEEP_PLAYS, NEVER_SAVED when none was saved."""
    path = replay_path(replay_folder(app.storage.path), record.play_id) if record.play_id is not None else None
    if path is not None and path.exists():
        return REPLAY_KEPT if looks_whole(path) else DAMAGED
    return SKELETON_GONE if newer >= KEEP_PLAYS else NEVER_SAVED


def find_chart(app, record: PlayRecord):
    """(song, member, chart) of a record in today's songs; None for what is no longer there."""
    song = next((e.song for e in app.entries if e.id == record.song and e.song is not None), None)
    member = next((m for m in song.members if m.id == record.member), None) if song else None
    chart = member.charts.get(record.difficulty) if member else None
    return song, member, chart


def chart_status(app, record: PlayRecord) -> tuple[str | None, saved_play.ChartMatch]:
    """SONG_GONE, CHART_GONE, CHART_CHANGED or None (the chart danced is the chart today), and the match."""
    song, member, chart = find_chart(app, record)
    match = saved_play.match_chart(record, chart)
    if song is None:
        return SONG_GONE, match
    if chart is None:
        return CHART_GONE, match
    return (CHART_CHANGED if match.status == saved_play.CHANGED else None), match


def note(key: str, record: PlayRecord, match: saved_play.ChartMatch, language: str) -> str:
    """The sentence of a status key, with the play's names filled in."""
    return tr(key + "_note", language, song=record.song, member=record.member, keep=KEEP_PLAYS,
              difficulty=difficulty_label(record.difficulty, language), then=match.cues_then, now=match.cues_now)


def open_play(app, record: PlayRecord, newer: int) -> SavedResults:
    """The play rebuilt for the cue view and the replays (`newer`: plays saved after it)."""
    lang = app.language
    song, member, _ = find_chart(app, record)
    status, match = chart_status(app, record)
    notes = [(note(status, record, match, lang), STATUS_COLOURS[status])] if status else []
    kept = kept_status(app, record, newer)
    replay = load_replayable(app, record.play_id) if kept in (REPLAY_KEPT, DAMAGED) else None
    frames_gone = None
    if replay is None or replay.recording is None:
        kept = DAMAGED if replay is not None else kept
        frames_gone = note(kept, record, match, lang)  # said once, where the skeleton would be (not in `notes`)
        replay = Replayable(None, NOTHING, replay.message if replay is not None else tr(kept + "_why", lang, keep=KEEP_PLAYS),
                            title=tr(kept + "_title", lang))
    windows = windows_for(record.difficulty, app.settings.timing_scale)
    rule = HitRule()
    targets = {c.pose: app.poses.poses[c.pose].angles for c in match.cues if c.pose in app.poses.poses}
    judged = saved_play.judgements(record.cues, match.cues, replay.recording, windows, rule, targets)
    shown_song = song or SimpleNamespace(id=record.song, title=record.song)
    shown_member = member or Member(record.member, record.member, theme.VIOLET, {})
    return SavedResults(record, shown_song, shown_member, record.difficulty, _session(judged, windows, rule), replay,
                        tuple(notes), record.played_at[:16], frames_gone)


def _session(judged: list[Judgement], windows: TimingWindows, rule: HitRule) -> SimpleNamespace:
    return SimpleNamespace(judgements=judged, windows=windows, rule=rule)


def mode_text(record: PlayRecord, language: str, match: saved_play.ChartMatch | None = None,
              beats_per_bar: int | None = None) -> str:
    """"Full play", "Practice: loop · Bars 9–12 · pass 2 · Speed 75%": how the play was danced, the
    bars its moves span (a section practice whose chart still matches, its moves found once in it:
    from the first and last move's beat and the song's `beats_per_bar`), which pass it was (when saved with its number), and its speed when not 100%."""
    mode = tr(f"past_mode_{record.mode}", language) if record.mode in ("play", "speed", "loop", "ramp", "step") \
        else record.mode
    parts = [mode]
    if (match is not None and match.status == saved_play.SAME and not match.ambiguous and match.cues and beats_per_bar
            and record.mode not in saved_play.WHOLE_SONG_MODES):
        a, b = (int(match.cues[k].beat // beats_per_bar) + 1 for k in (0, -1))
        parts.append(tr("bar_one", language, a=a) if a == b else tr("bars_range", language, a=a, b=b))
    if record.pass_no:
        parts.append(tr("past_pass", language, n=record.pass_no))
    pct = round(record.speed * 100)
    if pct != 100:
        parts.append(tr("past_speed", language, pct=pct))
    return " · ".join(parts)


class PastPlaysScene(Scene):
    """The list: ↑/↓ (or hover, wheel) moves, Enter (or a click) opens the cue view of a play."""

    def __init__(self, app, records: list[PlayRecord] | None = None):
        super().__init__(app)
        records = app.storage.plays() if records is None else records
        self.records = sorted(records, key=lambda r: (r.played_at, r.play_id or 0), reverse=True)
        self.list = FocusList(len(self.records), LIST, ROW_H, gap=6)
        ids = sorted((r.play_id or 0 for r in self.records), reverse=True)
        self._newer = [bisect.bisect_left([-k for k in ids], -(r.play_id or 0)) for r in self.records]
        self._status = [(*chart_status(app, r), kept_status(app, r, self._newer[i])) for i, r in enumerate(self.records)]

    def newer(self, i: int) -> int:
        """How many plays were saved after row i's (a later id: the replay folder keeps the newest ids)."""
        return self._newer[i]

    def handle(self, event: pygame.event.Event) -> None:
        result = self.list.handle(event)
        if result and result[0] == "focus":
            self.app.audio.sfx("move", 0.5)
        elif result and result[0] == "activate":
            self.open(result[1])
        elif not result:
            super().handle(event)

    def open(self, i: int) -> None:
        """The cue-by-cue view of row i (R there replays a cue)."""
        from game.scenes.cue_review import CueReviewScene

        self.app.audio.sfx("select")
        self.app.push(CueReviewScene(self.app, open_play(self.app, self.records[i], self.newer(i))))

    def instructions(self) -> list[tuple[str, str]]:
        return [("↑/↓", self.tr("move")), ("Enter", self.tr("past_open")), ("Esc", self.tr("back"))]

    # --- drawing ----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        self.draw_background(surface, theme.VIOLET)
        self.draw_header(surface, self.tr("past_plays"), self.tr("past_plays_sub", keep=KEEP_PLAYS,
                                                                   plays=count("n_plays", len(self.records), self.app.language)),
                         theme.VIOLET)
        if not self.records:
            text.draw(surface, self.tr("progress_empty"), 20, (640, 360), theme.TEXT_DIM, "bold", "center", max_width=1100)
            self.draw_instructions(surface)
            return
        y = LIST.y - 22
        for x, grade in zip(COUNT_X, Grade):
            text.draw(surface, grade_label(grade, self.app.language).upper(), 12, (x, y), theme.grade_colour(grade), "bold",
                      "midtop", max_width=68)
        text.draw(surface, self.tr("score").upper(), 12, (SCORE_RIGHT, y), theme.TEXT_DIM, "bold", "topright")
        for i in self.list.visible():
            self._draw_row(surface, i)
        scrollbar(surface, self.list, LIST.right + 6)
        chart, match, kept = self._status[self.list.focus]
        self.draw_instructions(surface, note(chart or kept, self.records[self.list.focus], match, self.app.language))

    def _draw_row(self, surface: pygame.Surface, i: int) -> None:
        r = self.records[i]
        lang = self.app.language
        rect = self.list.rect(i)
        focused = i == self.list.focus
        song, member, _ = find_chart(self.app, r)
        colour = member.colour if member else theme.VIOLET
        draw.panel(surface, rect, theme.lerp(theme.PANEL_HI, colour, 0.18) if focused else theme.PANEL,
                   colour if focused else theme.PANEL_EDGE, radius=14, alpha=235, width=3 if focused else 1)
        pygame.draw.rect(surface, colour, (rect.x + 10, rect.y + 12, 5, rect.h - 24), border_radius=3)
        x = rect.x + 28
        title = song.title if song else r.song
        drawn = text.draw(surface, title, 19, (x, rect.y + 8), theme.TEXT if song else theme.TEXT_DIM, "bold", max_width=330)
        who = f"{member.display_name(lang) if member else r.member} · {difficulty_label(r.difficulty, lang)}"
        text.draw(surface, who, 15, (drawn.right + 12, drawn.bottom - 2), theme.TEXT_DIM, "bold", "bottomleft",
                  max_width=COUNT_X[0] - 40 - drawn.right - 12)
        text.draw(surface, f"{r.played_at[:16]} · {mode_text(r, lang, self._status[i][1], song.tempo.beats_per_bar if song else None)}", 14, (x, rect.y + 34), theme.TEXT_FAINT,
                  max_width=COUNT_X[0] - 40 - x)
        counts = Counter(c.grade for c in r.cues)
        for cx, grade in zip(COUNT_X, Grade):
            n = counts.get(grade.key, 0)
            text.draw(surface, str(n), 22, (cx, rect.centery), theme.grade_colour(grade) if n else theme.TEXT_FAINT, "display",
                      "center")
        text.draw(surface, f"{r.score:,}", 24, (SCORE_RIGHT - 34, rect.centery), theme.TEXT, "display", "midright")
        text.draw(surface, r.grade, 24, (SCORE_RIGHT, rect.centery), theme.LETTER_COLOURS.get(r.grade, theme.TEXT), "display",
                  "midright")
        chart, _, kept = self._status[i]
        keys = [s for s in (chart, kept) if s]
        for k, key in enumerate(keys):
            y = rect.centery + (k - len(keys) / 2) * 26 + 1
            draw.chip(surface, self.tr(key), (KEPT_X, round(y)), STATUS_COLOURS[key], 12, filled=key == REPLAY_KEPT)
