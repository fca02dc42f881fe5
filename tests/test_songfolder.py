"""game.songfolder: song.yaml, its audio, videos and charts read into a Song; the songs directory scanned."""
from pathlib import Path

import pytest

from songkit import GOOD_CHART, problems_of, write_song
from game.songfolder import load_song, scan_songs


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


def test_tempo_changes_and_stops_out_of_beat_order_are_named_with_their_line(tmp_path):
    """tempo_map is shared with chart make: the map is still built, the problems carry song.yaml's lines."""
    from game.songfolder import tempo_map
    from game.yamlio import load_yaml

    path = tmp_path / "song.yaml"
    path.write_text("bpm: 120\nchanges:\n  - {beat: 8, bpm: 140}\n  - {beat: 4, bpm: 100}\nstops:\n  - {beat: 2, seconds: 1}\n",
                    encoding="utf-8")
    problems: list = []
    tempo = tempo_map(load_yaml(path), path, problems)
    assert [str(p) for p in problems] == [f"{path}:4: tempo changes must be in beat order, each at a later beat than the one before"]
    assert tempo.bpm == 120 and len(tempo.changes) == 2 and tempo.seconds_at(2.0, 0.0) == 1.0


def test_a_song_is_found_by_its_id_in_any_normal_form_and_the_later_folder_wins(tmp_path):
    import unicodedata

    from game.songfolder import find_song_folder
    shipped, mine = tmp_path / "shipped", tmp_path / "mine"
    for root in (shipped, mine):
        (root / unicodedata.normalize("NFD", "봄날")).mkdir(parents=True)
    (shipped / "demo").mkdir()
    assert find_song_folder([shipped, mine], "봄날").parent == mine  # a player's copy replaces the shipped song
    assert find_song_folder([shipped, mine], "demo") == shipped / "demo"
    assert find_song_folder([shipped, mine], "nope") is None and find_song_folder(tmp_path / "gone", "demo") is None
