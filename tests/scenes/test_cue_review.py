"""Results -> cue by cue: open any cue with the keyboard or the mouse and see it."""
from __future__ import annotations

import numpy as np
import pygame

from game.judge import Grade
from game.scenes.cue_review import DETAIL, SEEN, STRIP, TARGET, CueReviewScene, offset_text
from game.scenes.results import TIMING_CHART
from game.scenes.shots import build_scene


def _key(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)


def _click(pos) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos)


def test_open_a_cue_move_between_cues_and_come_back(app, tmp_path) -> None:
    results = build_scene(app, "results", jitter_ms=250.0)
    judgements = results.session.judgements
    app.step(1 / 60, [_key(pygame.K_c)])
    review = app.top
    assert isinstance(review, CueReviewScene) and review.index == 0
    app.step(1 / 60, [_key(pygame.K_RIGHT), _key(pygame.K_RIGHT)])
    assert review.index == 2
    app.step(1 / 60, [_key(pygame.K_DOWN)])
    assert review.index == min(12, len(judgements) - 1)
    app.step(1 / 60, [_click((review.marker_x(len(judgements) - 1), STRIP.centery))])
    assert review.index == len(judgements) - 1
    app.step(1 / 60, [_key(pygame.K_LEFT), _key(pygame.K_HOME)])
    assert review.index == 0
    app.step(1 / 60, [_key(pygame.K_ESCAPE)])
    assert app.top is results


def test_a_click_on_the_timing_chart_opens_the_cue_nearest_in_time(app) -> None:
    results = build_scene(app, "results", jitter_ms=250.0)
    app.step(1 / 60, [_click((TIMING_CHART.right - 13, TIMING_CHART.centery))])
    assert isinstance(app.top, CueReviewScene) and app.top.index == len(results.session.judgements) - 1


def test_a_missed_cue_shows_its_card_what_was_seen_and_why(app, tmp_path) -> None:
    results = build_scene(app, "results", jitter_ms=600.0)
    judgements = results.session.judgements
    miss = next(i for i, j in enumerate(judgements) if j.grade is Grade.MISS)
    app.push(CueReviewScene(app, results, miss))
    app.step(0.0)
    pygame.image.save(app.canvas, str(tmp_path / "cue.png"))
    pixels = pygame.surfarray.array3d(app.canvas).astype(int)

    def busy(rect: pygame.Rect) -> float:  # spread of colours inside a region: 0 for an empty panel
        return float(pixels[rect.x:rect.right, rect.y:rect.bottom].std())
    assert busy(TARGET) > 20 and busy(DETAIL) > 15 and busy(STRIP) > 20
    red = np.array(pygame.Color(255, 86, 110)[:3])
    strip = pixels[STRIP.x:STRIP.right, STRIP.y:STRIP.bottom]
    assert (np.abs(strip - red).sum(-1) < 30).sum() > 50  # missed cues are red in the strip
    assert SEEN.w > 0 and offset_text(judgements[miss], app.top.tr) == "—"


def test_offsets_read_as_the_player_says_them(app) -> None:
    results = build_scene(app, "results", jitter_ms=250.0)
    j = next(j for j in results.session.judgements if j.offset)
    tr = results.tr
    assert offset_text(j, tr) == f"{abs(round(j.offset * 1000))} ms {'late' if j.offset > 0 else 'early'}"


def test_a_cue_with_a_limb_off_says_which_in_the_players_language(app) -> None:
    from dataclasses import replace

    from game.hints import hint
    from game.ui.strings import hint_text

    results = build_scene(app, "results", jitter_ms=250.0)
    j = results.session.judgements[0]
    pose = app.poses.poses[j.cue.pose]
    wrong = {**pose.angles, "left_upper_arm": pose.angles["left_upper_arm"] + 120.0}
    results.session.judgements[0] = replace(j, player_angles=wrong)
    review = CueReviewScene(app, results, 0)
    app.push(review)
    drawn = []
    from game.ui import text as text_mod
    original = text_mod.draw

    def recording(surface, s, *args, **kwargs):
        drawn.append(s)
        return original(surface, s, *args, **kwargs)

    text_mod.draw = recording
    try:
        app.step(0.0)
    finally:
        text_mod.draw = original
    expected = hint_text(hint(pose.angles, wrong), app.language)
    assert expected and any(len(line) > 8 and expected.startswith(line) for line in drawn if isinstance(line, str))


def test_a_miss_says_why_in_both_languages_and_the_trace_fills_the_bottom(app) -> None:
    from dataclasses import replace as dc_replace

    from game.scenes.cue_review import TRACE, why_text

    results = build_scene(app, "results", jitter_ms=600.0)
    rule = results.session.rule
    js = results.session.judgements
    miss = next(j for j in js if j.grade is Grade.MISS)
    hit = next(j for j in js if j.grade is not Grade.MISS)
    assert why_text(hit, rule, "en") is None
    en, ko = why_text(miss, rule, "en"), why_text(miss, rule, "ko")
    assert en and ko and en != ko
    brief = dc_replace(miss, why="too_brief", near_offset=0.0, near_span=0.0, peak_prob=1.0)
    assert why_text(brief, rule, "en") == "Seen at 100% for one frame only: hold the move a little longer"
    late = dc_replace(miss, why="too_late", near_offset=0.4)
    assert why_text(late, rule, "en") == "Seen 0.40 s after the beat: too late"
    app.push(CueReviewScene(app, results, js.index(miss)))
    app.step(0.0)
    pixels = pygame.surfarray.array3d(app.canvas).astype(int)
    assert float(pixels[TRACE.x:TRACE.right, TRACE.y:TRACE.bottom].std()) > 15
    cyan = np.array(pygame.Color(61, 225, 255)[:3])
    assert (np.abs(pixels[TRACE.x:TRACE.right, TRACE.y:TRACE.bottom] - cyan).sum(-1) < 30).sum() > 20  # the trace's dots
