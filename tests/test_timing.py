import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.timing import Stop, TempoChange, TempoMap, parse_position

# Golden table: 120 bpm, a stop of 1 s at beat 4, 60 bpm from beat 8, song offset 0.5 s.
GOLDEN = TempoMap(120, changes=(TempoChange(8, 60),), stops=(Stop(4, 1.0),))


@pytest.mark.parametrize("beat, seconds", [
    (0, 0.5), (1, 1.0), (4, 2.5),       # beat 4 plays, then the music holds for 1 s
    (4.5, 3.75), (8, 5.5),              # after the stop, still 120 bpm
    (9, 6.5), (10.5, 8.0),              # 60 bpm from beat 8
])
def test_golden_table(beat, seconds):
    assert GOLDEN.seconds_at(beat, offset=0.5) == pytest.approx(seconds)
    assert GOLDEN.beat_at(seconds, offset=0.5) == pytest.approx(beat)


def test_beat_holds_during_a_stop():
    assert GOLDEN.beat_at(3.0, offset=0.5) == 4
    assert GOLDEN.beat_at(3.49, offset=0.5) == 4


def test_offset_is_an_argument_not_state():
    assert GOLDEN.seconds_at(2) == pytest.approx(1.0)
    assert GOLDEN.seconds_at(2, offset=-0.25) == pytest.approx(0.75)


def test_bpm_range():
    assert GOLDEN.bpm_range() == (60, 120)


@pytest.mark.parametrize("text, beat", [("1:1", 0), ("1:3", 2), ("2:1", 4), ("3:2.5", 9.5), (6, 6), (2.5, 2.5)])
def test_positions(text, beat):
    assert parse_position(text, 4) == beat


@pytest.mark.parametrize("text", ["0:1", "1:5", "1:0", "x:1", "12", "", True])
def test_bad_positions_explain_themselves(text):
    with pytest.raises(ValueError, match="bar|position"):
        parse_position(text, 4)


@settings(max_examples=80, deadline=None)
@given(bpm=st.floats(20, 400), changes=st.lists(st.tuples(st.integers(1, 400), st.floats(20, 400)), max_size=6),
       stops=st.lists(st.tuples(st.integers(0, 400), st.floats(0.05, 30)), max_size=6),
       beats=st.lists(st.floats(0, 500), min_size=1, max_size=10))
def test_beat_at_undoes_seconds_at_with_any_changes_and_stops(bpm, changes, stops, beats):
    changes = {b: TempoChange(float(b), v) for b, v in changes}
    stops = {b: Stop(float(b), s) for b, s in stops}
    tempo = TempoMap(bpm=bpm, changes=tuple(changes[b] for b in sorted(changes)), stops=tuple(stops[b] for b in sorted(stops)))
    for beat in beats:
        seconds = tempo.seconds_at(beat, 0.5)
        assert tempo.beat_at(seconds, 0.5) == pytest.approx(beat, abs=1e-6)
        if beat in stops:  # a stop at this beat: the beat holds for the stop's length
            assert tempo.beat_at(seconds + stops[beat].seconds / 2, 0.5) == pytest.approx(beat)
    ordered = [tempo.seconds_at(b) for b in sorted(beats)]
    assert ordered == sorted(ordered)
