from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from songkit import write_song
from game.chart import load_song, scan_songs
from game.problems import ProblemsError

GOOD_CHART = """\
member: ari
cues:
  - {at: "1:1", pose: arms_up}
  - {at: "1:3", pose: t_pose, hold: 1}
  - {beat: 4, pose: point_left, gold: true}
"""


def problems_of(folder: Path, poses) -> list[str]:
    with pytest.raises(ProblemsError) as err:
        load_song(folder, poses)
    return [str(p) for p in err.value.problems]


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


@pytest.mark.parametrize("extra, expected", [
    ("preview: {start: 3, lenght: 4}", "song.yaml:7: unknown key 'lenght'; did you mean 'length'?"),
    ("preview: {start: -3}", "song.yaml:7: 'preview.start': -3 is out of range"),
])
def test_song_problems(tmp_path, poses, extra, expected):
    found = problems_of(write_song(tmp_path / "s", GOOD_CHART, song_extra=extra), poses)
    assert any(expected in p for p in found), found


def test_impossible_tempo_and_missing_audio(tmp_path, poses):
    folder = write_song(tmp_path / "s", GOOD_CHART, bpm=0)
    (folder / "audio.wav").unlink()
    found = problems_of(folder, poses)
    assert any("song.yaml:6: 'tempo.bpm': 0 is out of range" in p for p in found), found
    folder = write_song(tmp_path / "t", GOOD_CHART)
    (folder / "audio.wav").unlink()
    assert any("song.yaml:3: audio file 'audio.wav' not found" in p for p in problems_of(folder, poses))


def test_unreadable_audio(tmp_path, poses):
    folder = write_song(tmp_path / "s", GOOD_CHART)
    (folder / "audio.wav").write_bytes(b"not audio at all")
    assert any("audio 'audio.wav' cannot be used: it cannot be read as audio" in p for p in problems_of(folder, poses))


def test_scan_marks_broken_songs_without_raising(tmp_path, poses):
    write_song(tmp_path / "good", GOOD_CHART)
    write_song(tmp_path / "bad", "member: ari\ncues:\n  - {at: '1:1', pose: nope}\n")
    (tmp_path / "empty").mkdir()
    entries = {e.id: e for e in scan_songs(tmp_path, poses)}
    assert entries["good"].song is not None and not entries["good"].problems
    assert entries["bad"].song is None and "unknown pose 'nope'" in str(entries["bad"].problems[0])
    assert entries["empty"].song is None and "no song.yaml" in str(entries["empty"].problems[0])


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
        cues = song.member("ari").charts["normal"].cues
        assert all(b.time > a.end_time for a, b in zip(cues, cues[1:]))
