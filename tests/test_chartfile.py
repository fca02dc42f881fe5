"""game.chartfile: one chart file read into timed cues, every problem with its file and line.

Charts are loaded the way the game loads them, through their song folder (songkit.write_song)."""
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from songkit import GOOD_CHART, problems_of, write_song
from game.problems import ProblemsError
from game.songfolder import load_song, scan_songs


def test_loads_and_converts_beats_to_seconds_once(tmp_path, poses):
    song = load_song(write_song(tmp_path / "s", GOOD_CHART), poses)
    chart = song.member("ari").charts["normal"]
    assert [c.time for c in chart.cues] == pytest.approx([1.0, 2.0, 3.0])
    assert chart.cues[1].end_time == pytest.approx(2.5) and chart.cues[1].is_hold
    assert chart.cues[2].gold and chart.cues[0].line == 3
    assert song.duration == pytest.approx(20.0) and song.id == "s"


@pytest.mark.parametrize("chart, expected", [
    ("member: ari\ncues:\n  - {at: '1:1', pose: arm_up}\n", ["chart-ari.yaml:3: unknown pose 'arm_up'; did you mean 'arms_up'?"]),
    ("member: ari\ncues:\n  - {at: '1:1', pose: arms_up, gol: true}\n", ["chart-ari.yaml:3: unknown key 'gol'; did you mean 'gold'?"]),
    ("member: ari\ncues:\n  - {at: '1:3', pose: arms_up}\n  - {at: '1:1', pose: t_pose}\n", ["chart-ari.yaml:4: cues must be in time order"]),
    ("member: ari\ncues:\n  - {at: '1:1', pose: arms_up, hold: 2}\n  - {at: '1:2', pose: t_pose}\n", ["chart-ari.yaml:4: beat 1 overlaps the hold of the cue on line 3"]),
    ("member: ari\ncues:\n  - {at: '1:1', pose: arms_up}\n  - {beat: 0.25, pose: t_pose}\n", ["chart-ari.yaml:4: beat 0.25 is too close"]),
    ("member: ari\ncues:\n  - {at: '99:1', pose: arms_up}\n", ["chart-ari.yaml:3: beat 392 plays at 197.00 s, outside the audio"]),
    ("member: ari\ncues:\n  - {at: '1:1', beat: 2, pose: arms_up}\n", ["chart-ari.yaml:3: give the cue's position with either"]),
    ("member: ari\ncues:\n  - {at: '1:9', pose: arms_up}\n", ["chart-ari.yaml:3: '1:9': bars count from 1 and beats from 1 to 4"]),
    ("member: bo\ncues:\n  - {at: '1:1', pose: arms_up}\n", ["chart-ari.yaml:1: this chart says member 'bo'"]),
    ("member: ari\ncues:\n  - {at: '1:1', pose: arms_up\n", ["chart-ari.yaml:4: not valid YAML"]),
    ("member: ari\ncues: []\n", ["chart-ari.yaml:2: 'cues': needs at least 1 item(s)"]),
])
def test_chart_problems_name_file_line_and_fix(tmp_path, poses, chart, expected):
    found = problems_of(write_song(tmp_path / "s", chart), poses)
    for want in expected:
        assert any(want in p for p in found), (want, found)


cue = st.fixed_dictionaries({"beat": st.floats(0, 30, allow_nan=False), "pose": st.sampled_from(["arms_up", "t_pose", "zzz"])},
                            optional={"hold": st.one_of(st.floats(-1, 4, allow_nan=False), st.text(max_size=3)),
                                      "gold": st.one_of(st.booleans(), st.integers()),
                                      "at": st.text(max_size=6)})
charts = st.fixed_dictionaries({"member": st.sampled_from(["ari", "bo", 3]), "cues": st.lists(cue, max_size=6)},
                               optional={"difficulty": st.text(max_size=6), "extra": st.integers()})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chart=st.one_of(charts, st.text(max_size=40)))
def test_parser_never_crashes_and_every_problem_has_a_place(tmp_path, poses, chart):
    """Whatever an author writes, the loader either loads it or names file and line."""
    text = chart if isinstance(chart, str) else yaml.safe_dump(chart)
    folder = write_song(tmp_path / "h", text)
    try:
        song = load_song(folder, poses)
    except ProblemsError as err:
        assert err.problems and all(p.path.name in ("chart-ari.yaml", "song.yaml") for p in err.problems)
        assert all(p.line for p in err.problems if p.path.name == "chart-ari.yaml")
    else:
        ari = song.member("ari")
        if ari.problems:  # the broken chart is left out; the reasons name their place
            assert not ari.charts and all(p.line for p in ari.problems if p.path.name == "chart-ari.yaml")
            return
        cues = ari.charts["normal"].cues
        assert all(b.time > a.end_time for a, b in zip(cues, cues[1:]))


# --- the kinds of bad input in issue 9, each built here as a fixture ------------------------------

def loaded_chart(folder: Path, poses, member: str = "ari"):
    return load_song(folder, poses).member(member).charts["normal"]


def test_bar_beat_means_the_same_quoted_or_not(tmp_path, poses):
    """YAML 1.1 reads `at: 1:1` as the base-60 number 61 (a minute late); here it is bar 1 beat 1."""
    quoted = 'member: ari\ncues:\n  - at: "1:1"\n    pose: arms_up\n  - {at: "2:2.5", pose: t_pose}\n  - {at: "3:1", pose: arms_up}\n'
    bare = quoted.replace('"', "")
    want = [c.time for c in loaded_chart(write_song(tmp_path / "q", quoted), poses).cues]
    chart = loaded_chart(write_song(tmp_path / "b", bare), poses)
    assert [c.time for c in chart.cues] == want == pytest.approx([1.0, 3.75, 5.0])
    assert [c.beat for c in chart.cues] == [0, 5.5, 8]


@pytest.mark.parametrize("at, words", [("5", ['"5:1" is bar 5', "'beat: 5'"]), ("2.5", ["bar 2.5 or beat 2.5", "'beat: 2.5'"])])
def test_a_bare_number_in_at_is_ambiguous_and_says_both_ways(tmp_path, poses, at, words):
    (problem,) = problems_of(write_song(tmp_path / "s", f"member: ari\ncues:\n  - {{at: {at}, pose: arms_up}}\n"), poses)
    assert "chart-ari.yaml:3:" in problem and all(w in problem for w in words), problem


def test_a_pose_named_no_is_the_word_no(tmp_path, poses):
    found = problems_of(write_song(tmp_path / "s", "member: ari\ncues:\n  - {at: '2:1', pose: no}\n"), poses)
    assert any("chart-ari.yaml:3: unknown pose 'no'" in p for p in found), found
    assert any("chart-ari.yaml:3: 'cues[0].pose': no" in p and "quotes" in p for p in found), found


def test_two_cues_on_one_beat_name_both_lines_and_what_to_do(tmp_path, poses):
    chart = "member: ari\ncues:\n  - {at: '2:1', pose: arms_up}\n  - {at: '3:1', pose: t_pose}\n  - {beat: 8, pose: t_pose}\n"
    (problem,) = [p for p in problems_of(write_song(tmp_path / "s", chart), poses)]
    assert problem.startswith(str(tmp_path / "s" / "chart-ari.yaml") + ":5:")
    assert "line 4" in problem and "beat 8" in problem and "delete one" in problem and "move it" in problem


def test_a_hold_past_the_end_names_its_end_and_the_audio_length(tmp_path, poses):
    chart = "member: ari\ncues:\n  - {at: '2:1', pose: arms_up}\n  - {at: '3:1', pose: t_pose, hold: 64}\n"
    (problem,) = problems_of(write_song(tmp_path / "s", chart, seconds=20.0), poses)
    assert "chart-ari.yaml:4:" in problem and "ends at 37.00 s" in problem and "audio ends at 20.00 s" in problem
    assert "at most 30 beats" in problem


def test_a_chart_longer_than_the_limit_is_refused_naming_the_file(tmp_path, poses, monkeypatch):
    import game.chartfile as chart_module

    monkeypatch.setattr(chart_module, "MAX_CUES", 2)
    (problem,) = problems_of(write_song(tmp_path / "s", GOOD_CHART), poses)
    assert "chart-ari.yaml:2: 3 cues; a chart may have at most 2" in problem


def test_a_huge_chart_is_refused_by_its_size(tmp_path, poses, monkeypatch):
    import game.chartfile as chart_module

    monkeypatch.setattr(chart_module, "CHART_MAX_BYTES", 40)
    (problem,) = problems_of(write_song(tmp_path / "s", GOOD_CHART), poses)
    assert "chart-ari.yaml: the file is too large" in problem


def test_an_alias_bomb_chart_is_refused_and_the_other_songs_load(tmp_path, poses):
    bomb = "x_a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"x_{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n" for p, c in zip("abcdefg", "bcdefgh")) + "cues: [*h, *h, *h]\nmember: ari\n"
    write_song(tmp_path / "bomb", bomb)
    write_song(tmp_path / "good", GOOD_CHART)
    entries = {e.id: e for e in scan_songs(tmp_path, poses)}
    assert entries["good"].song is not None
    assert "chart-ari.yaml:6: refused" in str(entries["bomb"].problems[0]) and "aliases" in str(entries["bomb"].problems[0])


def test_a_chart_without_a_tempo_keeps_beats_as_its_times(tmp_path, poses):
    """load_chart alone (no song tempo yet, no audio length): cues are checked, times are not."""
    from game.chartfile import load_chart

    path = tmp_path / "chart.yaml"
    path.write_text(GOOD_CHART, encoding="utf-8")
    chart = load_chart(path, "s", "ari", "normal", None, 1.0, None, poses)
    assert [(c.beat, c.time, c.end_time) for c in chart.cues] == [(0, 0, 0), (2, 2, 3), (4, 4, 4)]
    assert chart.path == path and chart.member == "ari" and not chart.warnings
    path.write_text(GOOD_CHART.replace("arms_up", "arm_up"), encoding="utf-8")
    with pytest.raises(ProblemsError, match=r"chart.yaml:3: unknown pose 'arm_up'"):
        load_chart(path, "s", "ari", "normal", None, 1.0, None, poses)
