"""Practice passes: speed scaling, sections of bars or one move, count-ins, on a golden tempo map."""
import pytest
from hypothesis import given, settings, strategies as st

from game.chart import Chart, Cue
from game.practice.plan import SectionError, parse_section, plan_pass, slowed, whole_song
from game.timing import Stop, TempoChange, TempoMap

TEMPO = TempoMap(bpm=120, beats_per_bar=4)  # a beat is 0.5 s
OFFSET = 1.0


def make_chart(beats=(4, 6, 8, 12, 16, 17), tempo=TEMPO, offset=OFFSET, hold_at=None) -> Chart:
    cues = []
    for i, b in enumerate(beats):
        hold = 2.0 if b == hold_at else 0.0
        cues.append(Cue(index=i, beat=b, time=tempo.seconds_at(b, offset), pose=f"p{i}", hold_beats=hold,
                        end_time=tempo.seconds_at(b + hold, offset)))
    return Chart("song", "ari", "normal", tuple(cues))


def test_slowed_scales_every_time_by_one_over_the_speed():
    c = make_chart(hold_at=8)
    s = slowed(c, 0.75)
    assert [q.time for q in s.cues] == pytest.approx([q.time / 0.75 for q in c.cues])
    assert s.cues[2].end_time == pytest.approx(c.cues[2].end_time / 0.75)
    assert [q.pose for q in s.cues] == [q.pose for q in c.cues]
    with pytest.raises(SectionError):
        slowed(c, 0)


def test_section_of_bars_keeps_its_moves_and_excludes_the_end():
    section = parse_section("2:1-4:1", make_chart(), TEMPO)  # bars 2 and 3 = beats 4 to 12
    assert (section.start_beat, section.end_beat) == (4, 12)
    assert [c.beat for c in make_chart().cues if section.holds(c)] == [4, 6, 8]


def test_golden_pass_with_count_in_at_half_speed():
    p = plan_pass(make_chart(), TEMPO, OFFSET, parse_section("2:1-4:1", make_chart(), TEMPO), speed=0.5, start=10.0)
    # count-in: the four beats of bar 1 (song 1.0, 1.5, 2.0, 2.5 s), each 1 s apart at half speed
    assert p.clicks == pytest.approx((10.0, 11.0, 12.0, 13.0))
    assert [c.time for c in p.chart.cues] == pytest.approx([14.0, 16.0, 18.0])
    assert [c.index for c in p.chart.cues] == [0, 1, 2]
    assert p.music_start == 10.0 and p.music_from_song == 1.0  # the bar before the section plays under the clicks
    assert p.song_time(14.0) == pytest.approx(3.0)
    assert p.end == pytest.approx(max(10.0 + (TEMPO.seconds_at(12, OFFSET) - 1.0) / 0.5, 18.0 + 1.0))


def test_count_in_before_the_audio_starts_waits_for_the_music():
    p = plan_pass(make_chart(), TEMPO, OFFSET, parse_section("1:1-2:1", make_chart(beats=(0, 2)), TEMPO), 1.0, 0.0)
    # bar 0 would start at song -1.0 s: the clicks still sound, the music joins at 0 s
    assert p.clicks == pytest.approx((0.0, 0.5, 1.0, 1.5))
    assert p.music_from_song == 0.0 and p.music_start == pytest.approx(1.0)


def test_no_count_in_and_tempo_changes_follow_the_song():
    tempo = TempoMap(bpm=120, beats_per_bar=4, changes=(TempoChange(8, 60),), stops=(Stop(10, 0.5),))
    c = make_chart(beats=(8, 9, 11), tempo=tempo, offset=0.0)
    p = plan_pass(c, tempo, 0.0, parse_section("3:1-4:1", c, tempo), speed=0.5, start=0.0, count_in_beats=0)
    assert p.clicks == ()
    assert [q.time for q in p.chart.cues] == pytest.approx([0.0, 2.0, 6.0 + 1.0])  # 1 s beats, the stop lasts 1 s too


def test_one_move_is_looped_over_its_own_bars():
    c = make_chart(hold_at=6)
    section = parse_section("2:3", c, TEMPO)  # the move on beat 6 holds to beat 8: bar 2 only
    assert (section.start_beat, section.end_beat, section.only_cue) == (4, 8, 1)
    p = plan_pass(c, TEMPO, OFFSET, section, 1.0, 0.0)
    assert [q.pose for q in p.chart.cues] == ["p1"]


@pytest.mark.parametrize("text, words", [
    ("4:1-2:1", "end must come after"), ("9:1-10:1", "holds no move"), ("2:5-3:1", "beats from 1 to 4"),
    ("two-three", "like 5:1-9:1"), ("2:2", "no move starts there"),
])
def test_bad_sections_say_what_to_type(text, words):
    with pytest.raises(SectionError, match=words):
        parse_section(text, make_chart(), TEMPO)


def test_whole_song_runs_from_the_first_bar_to_the_last_move():
    section = whole_song(make_chart(beats=(5, 17), hold_at=17), TEMPO, OFFSET)
    assert section.start_beat == 4 and section.end_beat == pytest.approx(19, abs=1e-3)


@settings(max_examples=60, deadline=None)
@given(bpm=st.floats(60, 200), change_bar=st.integers(2, 12), new_bpm=st.floats(60, 200), first_bar=st.integers(1, 10),
       bars=st.integers(1, 4), speed=st.floats(0.5, 1.0), start=st.floats(0, 100), count=st.integers(0, 8))
def test_a_pass_maps_back_to_the_song_exactly(bpm, change_bar, new_bpm, first_bar, bars, speed, start, count):
    """Whatever the tempo map and speed: every cue of the pass is heard at its own song time, in order,
    the count-in precedes the first cue, and the pass ends after the music and the last cue."""
    tempo = TempoMap(bpm=bpm, beats_per_bar=4, changes=(TempoChange((change_bar - 1) * 4.0, new_bpm),))
    c = make_chart(beats=tuple(range(0, 60, 3)), tempo=tempo, offset=0.5)
    section = parse_section(f"{first_bar}:1-{first_bar + bars}:1", c, tempo) if any(
        (first_bar - 1) * 4 <= q.beat < (first_bar + bars - 1) * 4 for q in c.cues) else None
    if section is None:
        return
    p = plan_pass(c, tempo, 0.5, section, speed, start, count_in_beats=count)
    originals = [q for q in c.cues if section.holds(q)]
    assert [p.song_time(q.time) for q in p.chart.cues] == pytest.approx([q.time for q in originals])
    times = [q.time for q in p.chart.cues]
    assert times == sorted(times) and len(p.clicks) == count
    assert all(a < b for a, b in zip(p.clicks, p.clicks[1:])) and all(t < times[0] + 1e-9 for t in p.clicks)
    assert p.start == pytest.approx(p.clicks[0] if p.clicks else start) and p.end > times[-1]
