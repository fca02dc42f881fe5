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
    """Every problem of a song: those that stop it loading, or those that leave a chart out."""
    try:
        song = load_song(folder, poses)
    except ProblemsError as err:
        return [str(p) for p in err.problems]
    assert song.chart_problems, "a problem was expected"
    assert all(not m.charts for m in song.members if m.problems), "a broken chart is left out"
    return [str(p) for p in song.chart_problems + song.warnings]


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
    ("preview: {start: -3}", "song.yaml:7: 'preview.start' must be 0 or more (seconds); it is -3"),
])
def test_song_problems(tmp_path, poses, extra, expected):
    found = problems_of(write_song(tmp_path / "s", GOOD_CHART, song_extra=extra), poses)
    assert any(expected in p for p in found), found


def test_impossible_tempo_and_missing_audio(tmp_path, poses):
    folder = write_song(tmp_path / "s", GOOD_CHART, bpm=0)
    (folder / "audio.wav").unlink()
    found = problems_of(folder, poses)
    assert any("song.yaml:6: 'tempo.bpm' must be from 20 to 400 (beats per minute); it is 0" in p for p in found), found
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


def test_plain_words_as_ids_are_read_as_typed_and_the_line_says_to_quote(tmp_path, poses):
    folder = write_song(tmp_path / "norway", "member: on\ncues:\n  - {at: '1:1', pose: arms_up}\n")
    song_yaml = folder / "song.yaml"
    song_yaml.write_text(song_yaml.read_text().replace("id: ari", "id: on").replace("chart-ari", "chart-on"))
    (folder / "chart-ari.yaml").rename(folder / "chart-on.yaml")
    song = load_song(folder, poses)
    assert song.member("on").charts["normal"].member == "on"
    warnings = [str(w) for w in song.warnings]
    assert any("song.yaml:9: 'members[0].id': on" in w and "true/false" in w and '"on"' in w for w in warnings), warnings
    assert any("chart-on.yaml:1: 'member': on" in w for w in warnings), warnings


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


def test_every_problem_of_a_song_in_one_run(tmp_path, poses):
    """A broken song.yaml (tempo) and a structure error in a chart hide nothing else."""
    chart = "member: ari\ncues:\n  - {at: '1:1', pose: arms_upp, gol: true}\n  - {at: '1:3', pose: nope}\n  - {beat: 2, pose: t_pose}\n"
    found = problems_of(write_song(tmp_path / "s", chart, bpm=0), poses)
    assert any("song.yaml:6: 'tempo.bpm' must be from 20 to 400 (beats per minute); it is 0" in p for p in found), found
    assert any("chart-ari.yaml:3: unknown key 'gol'" in p for p in found), found
    assert any("chart-ari.yaml:4: unknown pose 'nope'" in p for p in found), found
    assert any("chart-ari.yaml:5: this cue and the cue on line 4 are both at beat 2" in p for p in found), found


@pytest.mark.parametrize("extra, words", [
    ("preview: {start: .nan}", ["song.yaml:7", "not a number the game can use"]),
    ("preview: {start: 1:30}", ["song.yaml:7", "write the number of seconds", "90"]),
])
def test_numbers_the_game_cannot_use(tmp_path, poses, extra, words):
    found = problems_of(write_song(tmp_path / "s", GOOD_CHART, song_extra=extra), poses)
    assert any(all(w in p for w in words) for p in found), found


def test_offset_nan_is_refused(tmp_path, poses):
    folder = write_song(tmp_path / "s", GOOD_CHART)
    (folder / "song.yaml").write_text((folder / "song.yaml").read_text().replace("offset: 1.0", "offset: .nan"))
    assert any("song.yaml:4: 'offset': .nan is not a number" in p for p in problems_of(folder, poses))


def test_a_chart_longer_than_the_limit_is_refused_naming_the_file(tmp_path, poses, monkeypatch):
    import game.chart as chart_module

    monkeypatch.setattr(chart_module, "MAX_CUES", 2)
    (problem,) = problems_of(write_song(tmp_path / "s", GOOD_CHART), poses)
    assert "chart-ari.yaml:2: 3 cues; a chart may have at most 2" in problem


def test_a_huge_chart_is_refused_by_its_size(tmp_path, poses, monkeypatch):
    import game.chart as chart_module

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


def nfd(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFD", text)


def test_names_in_hangul_written_by_any_system_match(tmp_path):
    """Folder, audio and chart file names written decomposed (macOS), ids NFC in the YAML (or NFD):
    all match, and a pose and a member named in Hangul are valid."""
    from songkit import POSE_TEMPLATE
    from game.poselib import load_pose_library

    library = tmp_path / "poses"
    library.mkdir()
    (library / f"{nfd('하트')}.yaml").write_text(POSE_TEMPLATE.format(id="하트", name="Heart", left=90, right=90), encoding="utf-8")
    poses = load_pose_library(library)
    assert "하트" in poses and not poses.problems
    folder = write_song(tmp_path / nfd("별빛"), f"member: {nfd('지우')}\ncues:\n  - {{at: '1:1', pose: 하트}}\n  - {{beat: 2, pose: {nfd('하트')}}}\n")
    (folder / "audio.wav").rename(folder / nfd("노래.wav"))
    (folder / "chart-ari.yaml").rename(folder / nfd("차트.yaml"))
    text = (folder / "song.yaml").read_text().replace("audio.wav", "노래.wav").replace("chart-ari.yaml", "차트.yaml")
    (folder / "song.yaml").write_text(text.replace("id: ari", "id: 지우"))
    song = load_song(folder, poses)
    assert song.id == "별빛" and [c.pose for c in song.member("지우").charts["normal"].cues] == ["하트", "하트"]
    assert {e.id for e in scan_songs(tmp_path, poses)} == {"poses", "별빛"}


def test_file_names_differing_only_in_case_are_found(tmp_path, poses):
    folder = write_song(tmp_path / "s", GOOD_CHART)
    (folder / "audio.wav").rename(folder / "Audio.WAV")
    assert load_song(folder, poses).audio_path.name == "Audio.WAV"


def test_cues_on_screen_are_found_by_bisection(tmp_path, poses):
    chart = load_song(write_song(tmp_path / "s", GOOD_CHART), poses).member("ari").charts["normal"]  # 1.0, 2.0-2.5 (hold), 3.0
    between = lambda a, b: [c.time for c in chart.cues_between(a, b)]
    assert between(0.0, 0.9) == [] and between(0.0, 1.0) == [1.0] and between(1.01, 2.0) == [2.0]
    assert between(2.4, 2.9) == [2.0] and between(2.6, 9.0) == [3.0] and between(9.0, 10.0) == []
    assert chart.next_cue(0.0).time == 1.0 and chart.next_cue(2.5).time == 2.0 and chart.next_cue(2.51).time == 3.0
    assert chart.next_cue(3.01) is None


@pytest.mark.parametrize("old, new, words", [
    ("title: Test Song", "title: " + "La" * 150, ["song.yaml:1: 'title': 300 characters; at most 200"]),
    ("title: Test Song", "title: ''", ["song.yaml:1: 'title': is empty"]),
])
def test_text_the_screen_draws_is_bounded(tmp_path, poses, old, new, words):
    folder = write_song(tmp_path / "s", GOOD_CHART)
    (folder / "song.yaml").write_text((folder / "song.yaml").read_text().replace(old, new))
    found = problems_of(folder, poses)
    assert all(any(w in p for p in found) for w in words), found


# --- reference videos (the coach): song.yaml's `video` and `video_offset` --------------------------
def _with_member_video(folder: Path, keys: str) -> None:
    path = folder / "song.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    chart: chart-ari.yaml\n",
                                                             f"    chart: chart-ari.yaml\n{keys}"), encoding="utf-8")


def test_a_song_video_is_every_members_unless_they_have_their_own(tmp_path, poses):
    folder = write_song(tmp_path / "s", "member: ari\ncues:\n  - {at: '1:1', pose: arms_up}\n",
                        song_extra="video: Dance.mp4")
    (folder / "dance.mp4").write_bytes(b"not checked here")  # found as any system wrote the name
    song = load_song(folder, poses)
    assert song.video.name == "Dance.mp4" and song.video.path == folder / "dance.mp4" and song.video.offset == 0.0
    assert song.video.line == 7 and song.members[0].video == song.video
    _with_member_video(folder, "    video_offset: -1.25\n")
    song = load_song(folder, poses)
    assert song.members[0].video.path == song.video.path and song.members[0].video.offset == -1.25
    assert song.video.offset == 0.0, "a member's offset re-times the song's video for that member only"
    _with_member_video(folder, "    video: ari-cam.mp4\n")
    member = load_song(folder, poses).members[0]
    assert member.video.name == "ari-cam.mp4" and member.video.path is None and member.video.offset == -1.25
    assert member.video.line == 14


def test_a_song_without_a_video_has_none_and_a_missing_one_still_plays(tmp_path, poses):
    folder = write_song(tmp_path / "s", "member: ari\ncues:\n  - {at: '1:1', pose: arms_up}\n")
    assert load_song(folder, poses).video is None and load_song(folder, poses).members[0].video is None
    folder = write_song(tmp_path / "t", "member: ari\ncues:\n  - {at: '1:1', pose: arms_up}\n",
                        song_extra="video: gone.mp4")
    song = load_song(folder, poses)  # the coach is a help, not the song: `check` names the missing file
    assert song.video.path is None and song.members


@pytest.mark.parametrize("extra, words", [
    ("video_offset: ten", "'video_offset': 'ten' should be a number"),
    ("video: ''", "'video': is empty"),
    ("video_offset: 4000", "'video_offset' must be from -3600 to 3600 (seconds); it is 4000"),
    ("vidoe: a.mp4", "unknown key 'vidoe'; did you mean 'video'?"),
])
def test_video_keys_are_checked_with_their_line(tmp_path, poses, extra, words):
    folder = write_song(tmp_path / "s", "member: ari\ncues:\n  - {at: '1:1', pose: arms_up}\n", song_extra=extra)
    assert any(words in p and "song.yaml:7: " in p for p in problems_of(folder, poses)), problems_of(folder, poses)


def test_a_just_imported_song_is_listed_as_uncharted_not_broken(tmp_path, poses):
    folder = write_song(tmp_path / "songs" / "new", "member: ari\ncues:\n  - {at: '1:1', pose: arms_up}\n")
    text = (folder / "song.yaml").read_text(encoding="utf-8")
    (folder / "song.yaml").write_text(text.split("members:")[0] + "members: []\n", encoding="utf-8")
    entry, = scan_songs(tmp_path / "songs", poses)
    assert entry.song is None and entry.uncharted is not None and entry.uncharted.title == "Test Song"
    assert "no chart yet" in entry.problems[0].message


def test_a_song_still_being_imported_is_not_listed(tmp_path, poses):
    write_song(tmp_path / "songs" / "done", "member: ari\ncues:\n  - {at: '1:1', pose: arms_up}\n")
    (tmp_path / "songs" / ".neon-night.importing").mkdir()  # `song new` builds here, then renames
    assert [e.id for e in scan_songs(tmp_path / "songs", poses)] == ["done"]


def test_a_members_dancer_in_the_video_is_read_and_checked(tmp_path, poses):
    folder = write_song(tmp_path / "s", "member: ari\ncues:\n  - {at: '1:1', pose: arms_up}\n",
                        song_extra="video: group.mp4")
    _with_member_video(folder, "    video_offset: 0.5\n    video_person: Left\n")
    member = load_song(folder, poses).members[0]
    assert member.video.name == "group.mp4" and member.video.person == "left" and member.video.offset == 0.5
    folder = write_song(tmp_path / "t", "member: ari\ncues:\n  - {at: '1:1', pose: arms_up}\n", song_extra="video: g.mp4")
    _with_member_video(folder, "    video_person: 2\n")
    assert load_song(folder, poses).members[0].video.person == "2"
    for bad in ("behind", "0", "true"):
        folder = write_song(tmp_path / bad, "member: ari\ncues:\n  - {at: '1:1', pose: arms_up}\n", song_extra="video: g.mp4")
        _with_member_video(folder, f"    video_person: {bad}\n")
        found = problems_of(folder, poses)
        assert any("video_person" in p and "song.yaml:" in p for p in found), found
