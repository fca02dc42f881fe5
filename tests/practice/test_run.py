"""The window's practice controller: the slowed song's tempo map, passes on the stretched audio's
timeline, the ramp's decisions, the move to drill, and the command line's options."""
from argparse import Namespace

import pytest

from game.judge import Grade, Judgement
from game.practice.plan import SectionError, parse_section
from game.practice.run import PracticeRun, PracticeSetup, bar_sections, move_section, scaled_tempo, setup_from_args
from game.timing import Stop, TempoChange, TempoMap

from test_plan import OFFSET, TEMPO, make_chart

BUMPY = TempoMap(bpm=120, beats_per_bar=4, changes=(TempoChange(8, 90),), stops=(Stop(12, 0.4),))


@pytest.mark.parametrize("speed", [0.5, 0.6, 0.75, 0.9, 1.0])
@pytest.mark.parametrize("beat", [0, 3, 8, 11.5, 12, 12.5, 20])
def test_scaled_tempo_puts_every_beat_at_its_time_over_the_speed(speed, beat):
    slow = scaled_tempo(BUMPY, speed)
    assert slow.seconds_at(beat, OFFSET / speed) == pytest.approx(BUMPY.seconds_at(beat, OFFSET) / speed)
    assert slow.beat_at(BUMPY.seconds_at(beat, OFFSET) / speed, OFFSET / speed) == pytest.approx(beat)


def _judged(chart, grades):
    return [Judgement(cue=c, grade=g, offset=None if g is Grade.MISS else 0.0, held=1.0) for c, g in zip(chart.cues, grades)]


def test_a_pass_sits_on_the_stretched_audio_and_the_ramp_decides_each_next_speed():
    chart = make_chart()
    run = PracticeRun(song=type("S", (), {"tempo": TEMPO, "offset": OFFSET})(), chart=chart,
                      setup=PracticeSetup(section=parse_section("3:1-5:1", chart, TEMPO), ramp=True))
    plan = run.plan()
    assert run.speed == 0.6
    # the count-in's first click is bar 2's first beat (song 3.0 s), heard at 3.0 / 0.6 s in the stretched audio
    assert plan.start == pytest.approx(3.0 / 0.6) and plan.music_start == pytest.approx(plan.start)
    assert [c.time for c in plan.chart.cues] == pytest.approx([c.time / 0.6 for c in chart.cues if 8 <= c.beat < 16])
    good = [Grade.PERFECT] * 3
    assert run.finish_pass(_judged(plan.chart, good)).verdict == "up"
    assert run.speed == 0.75 and run.number == 1
    assert run.finish_pass(_judged(plan.chart, [Grade.MISS] * 3)).verdict == "down"
    for _ in range(4):  # back at 60%: 75, 90, 100, then a good pass at 100% masters it
        run.finish_pass(_judged(plan.chart, good))
    assert [d.verdict for d in run.decisions][-4:] == ["up", "up", "up", "mastered"] and run.speed == 1.0


def test_loops_end_after_n_passes():
    chart = make_chart()
    run = PracticeRun(song=type("S", (), {"tempo": TEMPO, "offset": OFFSET})(), chart=chart,
                      setup=PracticeSetup(speed=0.9, section=parse_section("2:1-4:1", chart, TEMPO), loops=2))
    assert run.finish_pass([]).verdict == "again" and not run.done
    assert run.finish_pass([]).verdict == "done" and run.done


def test_the_move_to_drill_is_where_it_went_worst():
    chart = make_chart(beats=(4, 6, 8, 12, 16, 17))
    chart = chart.__class__(chart.song_id, chart.member, chart.difficulty,
                            tuple(c.__class__(**{**c.__dict__, "pose": "wave" if c.index in (1, 4) else c.pose}) for c in chart.cues))
    grades = [Grade.PERFECT, Grade.GREAT, Grade.PERFECT, Grade.PERFECT, Grade.MISS, Grade.PERFECT]
    section = move_section(chart, TEMPO, "wave", _judged(chart, grades))
    assert section.only_cue == 4 and (section.start_beat, section.end_beat) == (16, 20)
    assert move_section(chart, TEMPO, "wave").only_cue == 1  # nothing judged: its first time
    with pytest.raises(SectionError):
        move_section(chart, TEMPO, "nope")


def test_bar_sections_hold_moves_only():
    assert [s.label for s in bar_sections(make_chart(beats=(4, 6, 40)), TEMPO, bars=2)] == ["1:1-3:1", "11:1-13:1"]


@pytest.mark.parametrize("options, words", [
    (dict(ramp=True, speed=0.75), "leave out --speed"),
    (dict(ramp=True, step=True), "do not go together"),
    (dict(loops=0), "1 or more"),
    (dict(speed=0.3), "50% to 100%"),
    (dict(section="30:1-31:1"), "holds no move"),
])
def test_command_line_options_that_cannot_be_played_say_why(options, words):
    args = Namespace(**{"speed": None, "section": None, "loops": None, "step": False, "ramp": False, **options})
    with pytest.raises(ValueError, match=words):
        setup_from_args(args, make_chart(), TEMPO)


def test_command_line_options_make_the_setup():
    args = Namespace(speed=None, section=None, loops=None, step=False, ramp=True)
    setup = setup_from_args(args, make_chart(), TEMPO)
    assert setup.mode == "ramp" and setup.section.label == "whole song"
    step = setup_from_args(Namespace(speed=0.5, section="2:1-4:1", loops=None, step=True, ramp=False), make_chart(), TEMPO)
    assert step.mode == "step" and not step.looping and step.section.start_beat == 4


@pytest.mark.parametrize("setup, speeds, expected", [
    (PracticeSetup(speed=0.75), [0.75], ("speed", 0.75, None)),  # the whole song once, slowed
    (PracticeSetup(speed=0.75, step=True), [0.75], ("step", 0.75, None)),
    (PracticeSetup(speed=0.9, section=parse_section("2:1-4:1", make_chart(), TEMPO), loops=2), [0.9, 0.9], ("loop", 0.9, "2:1-4:1")),
    (PracticeSetup(section=parse_section("2:1-4:1", make_chart(), TEMPO), ramp=True), [0.6, 0.75, 0.6], ("ramp", 0.6, "2:1-4:1")),
    (PracticeSetup(section=parse_section("2:1-4:1", make_chart(), TEMPO), ramp=True), [0.6], ("ramp", 0.6, "2:1-4:1")),
])
def test_practice_terms_name_every_practice_one_way(setup, speeds, expected):
    from game.practice.run import practice_terms

    terms = practice_terms(setup, speeds)
    assert (terms["mode"], terms["speed"], terms["section"]) == expected and terms["speeds"] == speeds
    assert terms["mode"] != "play", "only a full-speed play of the song is a best"


def test_a_pass_stopped_halfway_is_kept_without_a_ramp_step():
    chart = make_chart()
    run = PracticeRun(song=type("S", (), {"tempo": TEMPO, "offset": OFFSET})(), chart=chart,
                      setup=PracticeSetup(section=parse_section("3:1-5:1", chart, TEMPO), ramp=True))
    plan = run.plan()
    first = run.finish_pass(_judged(plan.chart, [Grade.PERFECT] * 3))
    assert (first.number, first.speed, first.verdict, first.next_speed, len(first.cues)) == (0, 0.6, "up", 0.75, 2)
    plan = run.plan()
    assert run.stop_pass([]) is None and len(run.decisions) == 1, "a pass stopped before any move is not a pass"
    stopped = run.stop_pass(_judged(plan.chart, [Grade.MISS]))
    assert (stopped.number, stopped.speed, stopped.verdict, len(stopped.judgements), len(stopped.cues)) == (1, 0.75, "stopped", 1, 2)
    assert run.speed == 0.75 and run.ramp.passes == 1
