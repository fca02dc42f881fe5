"""Recent plays, from the Progress screen: the list (keyboard and mouse), a play opened to its cue
view and replays with its recording, without it, with its chart changed, and with its song gone."""
from __future__ import annotations

import datetime as dt

import pygame

from game.pose.recording import KEEP_PLAYS, replay_folder, replay_path, save_for_play
from game.progress import TIME_FORMAT, CueResult, PlayRecord
from game.scenes import past_plays as pp
from game.scenes.cue_review import CueReviewScene
from game.scenes.progress import PLAYS_BUTTON, ProgressScene
from game.scenes.progress_shots import player_recording
from game.scenes.replay import NOTHING, SKELETON, ReplayScene
from game.scenes.shots import first_chart
from game.scenes.title import TitleScene
from game.ui.strings import tr


def _key(key: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)


def _click(pos, button: int = 1) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button)


def _play(app, k: int, song: str | None = None, cues: tuple[CueResult, ...] | None = None, score: int = 700_000) -> PlayRecord:
    """A real play of the demo chart, k days before 2026-03-20 (a miss on every third cue)."""
    s, member, difficulty = first_chart(app)
    chart = member.charts[difficulty]
    when = dt.datetime(2026, 3, 20, 19, 30) - dt.timedelta(days=k)
    cues = cues if cues is not None else tuple(
        CueResult(c.index, c.time, c.pose, "miss" if c.index % 3 == 1 else "perfect", None if c.index % 3 == 1 else 20.0)
        for c in chart.cues)
    record = PlayRecord(song or s.id, member.id, difficulty, 1.0, "play", score, "B", 0.7, 5, when.strftime(TIME_FORMAT), cues)
    play_id = app.storage.record_play(record)
    return next(r for r in app.storage.plays() if r.play_id == play_id)


def _open_list(app) -> pp.PastPlaysScene:
    app.reset_to(TitleScene(app))
    app.push(ProgressScene(app))
    app.step(1 / 60, [_key(pygame.K_p)])
    assert isinstance(app.top, pp.PastPlaysScene)
    return app.top


def test_the_list_shows_every_play_newest_first_and_moves_with_keys_and_mouse(app, said) -> None:
    for k, score in ((3, 610_000), (1, 820_000), (2, 700_000)):
        _play(app, k, score=score)
    scene = _open_list(app)
    assert [r.score for r in scene.records] == [820_000, 700_000, 610_000]
    app.step(0.0)
    assert "820,000" in said and any("2026-03-19 19:30" in s for s in said), "date and score on each row"
    assert ("Enter", tr("past_open", app.language)) in scene.instructions()
    app.step(0.0, [_key(pygame.K_DOWN), _key(pygame.K_DOWN), _key(pygame.K_DOWN)])
    assert scene.list.focus == 2
    app.step(0.0, [_key(pygame.K_UP)])
    assert scene.list.focus == 1
    app.step(0.0, [pygame.event.Event(pygame.MOUSEMOTION, pos=scene.list.rect(0).center, rel=(0, 0), buttons=(0, 0, 0))])
    assert scene.list.focus == 0
    app.step(0.0, [_click(scene.list.rect(2).center)])
    review = app.top
    assert isinstance(review, CueReviewScene) and review.results.record.score == 610_000
    app.step(0.0, [_key(pygame.K_ESCAPE)])
    assert app.top is scene and scene.list.focus == 2
    app.step(0.0, [_key(pygame.K_UP), _key(pygame.K_RETURN)])
    assert isinstance(app.top, CueReviewScene) and app.top.results.record.score == 700_000
    app.step(0.0, [_key(pygame.K_ESCAPE), _key(pygame.K_ESCAPE)])
    assert isinstance(app.top, ProgressScene)
    app.step(0.0, [_click(PLAYS_BUTTON.center)])
    assert isinstance(app.top, pp.PastPlaysScene), "the button opens the list too"


def test_a_long_list_scrolls_to_keep_the_focus_in_view(app) -> None:
    for k in range(14):
        _play(app, k)
    scene = _open_list(app)
    app.step(0.0, [_key(pygame.K_PAGEDOWN), _key(pygame.K_PAGEDOWN), _key(pygame.K_PAGEDOWN)])
    assert scene.list.focus == 13 and 13 in scene.list.visible() and scene.list.scroll > 0


def test_a_play_with_its_recording_opens_its_cue_view_and_replays_its_skeleton(app, said) -> None:
    record = _play(app, 0)
    save_for_play(player_recording(app, record), replay_folder(app.storage.path), record.play_id)
    scene = _open_list(app)
    app.step(0.0)
    assert scene._status[0][2] == pp.REPLAY_KEPT and tr("past_replay_kept_note", app.language) in said
    app.step(0.0, [_key(pygame.K_RETURN)])
    review = app.top
    results = review.results
    assert results.replay.kind == SKELETON and results.frames_gone is None and results.notes == ()
    assert [j.grade.key for j in review.judgements] == [c.grade for c in record.cues], "the grades as stored"
    assert review.judgements[1].trace and review.judgements[1].seen is not None, "the recording's frames around the cue"
    said.clear()
    app.step(0.0, [_key(pygame.K_RIGHT), _key(pygame.K_r)])
    replay = app.top
    assert isinstance(replay, ReplayScene) and replay.index == 1 and replay.replayable.recording is not None
    app.step(0.5)
    assert tr("replay_skeleton_only", app.language) in said
    assert scene.records[0].play_id == record.play_id


def test_a_play_older_than_the_kept_recordings_says_its_skeleton_is_gone(app, said) -> None:
    old = _play(app, 40)
    for k in range(KEEP_PLAYS):
        _play(app, k)
    never = _play(app, 41)  # saved last (the newest id), with no recording: never had one
    scene = _open_list(app)
    rows = {r.play_id: i for i, r in enumerate(scene.records)}
    assert scene._status[rows[old.play_id]][2] == pp.SKELETON_GONE and scene._status[rows[never.play_id]][2] == pp.NEVER_SAVED
    scene.list.focus = rows[old.play_id]
    app.step(0.0, [_key(pygame.K_RETURN)])
    review = app.top
    gone = tr("past_skeleton_gone_note", app.language, keep=KEEP_PLAYS)
    assert review.results.frames_gone == gone and review.results.replay.kind == NOTHING
    assert [j.grade.key for j in review.judgements] == [c.grade for c in old.cues], "the cue view works from the grades"
    said.clear()
    app.step(0.0)
    assert gone in " ".join(said) and tr("best_match", app.language) not in said, "no probability is made up"
    assert " ".join(said).count(gone.split(" (")[0]) == 1, "said once: in the picture, not again on top and in the trace"
    app.step(0.0, [_key(pygame.K_r)])
    said.clear()
    app.step(0.1)
    assert tr("past_skeleton_gone_title", app.language) in said and tr("replay_nothing", app.language) not in said


def test_a_damaged_recording_says_so_and_the_grades_stay(app, said) -> None:
    record = _play(app, 0)
    replay_path(replay_folder(app.storage.path), record.play_id).parent.mkdir(parents=True, exist_ok=True)
    replay_path(replay_folder(app.storage.path), record.play_id).write_bytes(b"not a replay")
    scene = _open_list(app)
    app.step(0.0, [_key(pygame.K_RETURN)])
    results = app.top.results
    assert results.replay.kind == NOTHING and "damaged" in results.replay.message
    assert results.frames_gone == tr("past_damaged_note", app.language)
    assert scene._status[0][2] == pp.DAMAGED, "the list says DAMAGED (the file is not a whole replay), not REPLAY"
    app.step(0.0, [_key(pygame.K_r)])
    said.clear()
    app.step(0.1)
    assert isinstance(app.top, ReplayScene)
    title = tr("past_damaged_title", app.language)
    assert sum(s.count(title) for s in said) == 1, "the replay says the skeleton cannot be read once"


def test_each_row_spaces_its_columns_and_says_speed_and_mode_in_words(app, said) -> None:
    record = _play(app, 0, score=1_000_000)
    from dataclasses import replace
    slow = replace(record, speed=0.75, mode="speed")
    assert pp.mode_text(record, "en") == "Full play" and pp.mode_text(slow, "en") == "Practice: whole song · Speed 75%"
    assert pp.mode_text(slow, "ko") == "연습: 곡 전체 · 속도 75%"
    scene = _open_list(app)
    from game.ui import text
    score_left = pp.SCORE_RIGHT - 34 - text.font(24, "display").size("1,000,000")[0]
    assert score_left - (pp.COUNT_X[-1] + text.font(22, "display").size("999")[0] / 2) >= 24, "MISS apart from the score"
    sub_right = scene.list.rect(0).x + 28 + max(text.font(14).size(f"2026-03-20 19:30 · {pp.mode_text(replace(slow, mode=m), lang)}")[0]
                                                for m in ("speed", "loop", "ramp", "step") for lang in ("en", "ko"))
    assert sub_right <= pp.COUNT_X[0] - 40, "the date, mode and speed fit before the counts"


def test_a_chart_changed_since_the_play_says_so_and_shows_the_play_as_danced(app, said) -> None:
    _, member, difficulty = first_chart(app)
    chart = member.charts[difficulty]
    cues = tuple(CueResult(c.index, c.time, c.pose, "good", 200.0) for c in chart.cues[:-2])
    record = _play(app, 0, cues=cues)
    scene = _open_list(app)
    assert scene._status[0][0] == pp.CHART_CHANGED
    app.step(0.0, [_key(pygame.K_RETURN)])
    review = app.top
    note = tr("past_chart_changed_note", app.language, then=len(cues), now=len(chart.cues))
    assert review.results.notes[0][0] == note and len(review.judgements) == len(record.cues)
    said.clear()
    app.step(0.0, [_key(pygame.K_END)])
    assert note in said and review.index == len(cues) - 1


def test_a_deleted_song_and_an_unknown_pose_are_named_never_a_traceback(app, said) -> None:
    cues = (CueResult(0, 2.0, "mystery_pose", "miss", None), CueResult(1, 3.0, "heart_arms", "perfect", 0.0))
    _play(app, 0, song="gone-song", cues=cues)
    scene = _open_list(app)
    app.step(0.0)
    assert "gone-song" in said and scene._status[0][0] == pp.SONG_GONE
    assert tr("past_song_gone_note", app.language, song="gone-song") in said
    app.step(0.0, [_key(pygame.K_RETURN)])
    review = app.top
    assert review.results.song.title == "gone-song"
    said.clear()
    app.step(0.0)
    assert tr("past_song_gone_note", app.language, song="gone-song") in said
    assert any("mystery_pose" in s for s in said), "the missing pose is named on its card"
    app.step(0.0, [_key(pygame.K_r)])
    app.step(0.2, [_key(pygame.K_RIGHT)])
    assert isinstance(app.top, ReplayScene) and app.top.index == 1


def test_the_progress_screen_has_no_list_before_the_first_play(app) -> None:
    app.reset_to(TitleScene(app))
    app.push(ProgressScene(app))
    app.step(1 / 60, [_key(pygame.K_p)])
    assert isinstance(app.top, ProgressScene) and ("P", tr("past_plays", app.language)) not in app.top.instructions()


def test_every_status_has_its_words_in_both_languages() -> None:
    from game.ui.strings import STRINGS

    made = [k for k in (pp.SONG_GONE, pp.CHART_GONE, pp.CHART_CHANGED, pp.REPLAY_KEPT, pp.SKELETON_GONE, pp.NEVER_SAVED)]
    made += [f"{k}_note" for k in pp.STATUS_COLOURS] + [f"{k}_title" for k in (pp.SKELETON_GONE, pp.NEVER_SAVED, pp.DAMAGED)]
    made += [f"{k}_why" for k in (pp.SKELETON_GONE, pp.NEVER_SAVED)] + [f"past_mode_{m}" for m in ("play", "speed", "loop", "ramp", "step")]
    made += [pp.DAMAGED]
    assert [k for k in made if k not in STRINGS] == []


def test_a_practice_pass_says_its_bars_and_pass_and_its_cues_read_in_song_time(app, said) -> None:
    """Two passes of one section at 60%: each row names its bars and pass number (not two identical
    rows), the cue view says "pass 2 · 60%" as the live screen does, and a cue's time is the song's
    own (the chart's), not the slowed pass's clock."""
    from dataclasses import replace

    from game.scenes.cue_review import cue_where

    s, member, difficulty = first_chart(app)
    chart = member.charts[difficulty]
    run = [c for c in chart.cues if len({d.pose for d in chart.cues[c.index:c.index + 3]}) == 3]
    k = next(c.index for c in run if sum([d.pose for d in chart.cues[j:j + 3]] == [e.pose for e in chart.cues[c.index:c.index + 3]]
                                          for j in range(len(chart.cues) - 2)) == 1)
    section = chart.cues[k:k + 3]
    cues = tuple(CueResult(i, round(2.0 + (c.time - section[0].time) / 0.6, 4), c.pose, "miss", None)
                 for i, c in enumerate(section))  # the pass's own clock: 2 s count-in, then slowed
    base = PlayRecord(s.id, member.id, difficulty, 0.6, "loop", 0, "D", 0.0, 0, "2026-03-20 19:30:00", cues)
    for n in (1, 2):
        app.storage.record_play(replace(base, pass_no=n, played_at=f"2026-03-20 19:3{n}:00"))
    scene = _open_list(app)
    per_bar = s.tempo.beats_per_bar
    bars = (int(section[0].beat // per_bar) + 1, int(section[-1].beat // per_bar) + 1)
    words = [pp.mode_text(r, "en", scene._status[i][1], per_bar) for i, r in enumerate(scene.records)]
    where = tr("bar_one", "en", a=bars[0]) if bars[0] == bars[1] else tr("bars_range", "en", a=bars[0], b=bars[1])
    assert words == [f"Practice: loop · {where} · pass 2 · Speed 60%", f"Practice: loop · {where} · pass 1 · Speed 60%"]
    app.step(0.0, [_key(pygame.K_RETURN)])
    results = app.top.results
    line = cue_where(results, 1, 3, lambda key, **f: tr(key, "en", **f))
    assert line.endswith(f"{section[1].time:.2f} s · pass 2 · 60%") and str(section[1].at) in line
