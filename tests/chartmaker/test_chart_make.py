"""`python main.py chart from-video`: the whole command on a real clip, and every error path."""
from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
import yaml

from chartkit import ROOT, data_path, drums, write_video
from main import main


def _run(capsys, *argv) -> tuple[int, dict | None, str]:
    code = main(["chart", "from-video", *map(str, argv)])
    out, err = capsys.readouterr()
    lines = [line for line in out.splitlines() if line.startswith("{")]
    return code, (json.loads(lines[-1]) if lines else None), err


@pytest.fixture
def library(tmp_path):
    """A copy of the shipped pose library: its classifier is never retrained by tests."""
    return shutil.copytree(ROOT / "models" / "poses", tmp_path / "poses")


@pytest.fixture
def drum_song(tmp_path, capsys):
    """A song made by `song new` from a drum track: (songs folder, song id)."""
    import soundfile
    mono, _ = drums(sample_rate=44100)
    wav = tmp_path / "drums.wav"
    soundfile.write(wav, mono, 44100)
    songs = tmp_path / "songs"
    assert main(["song", "new", str(wav), "--songs-dir", str(songs), "--id", "drums"]) == 0
    capsys.readouterr()
    return songs, "drums"


def test_real_clip_end_to_end(tmp_path, capsys, library, monkeypatch):
    monkeypatch.setenv("KPOP_TRAINER_CACHE", str(tmp_path / "cache"))  # the coach's skeleton is cached there
    video = data_path("videos", "musepose_dance.mp4")
    songs = tmp_path / "songs"
    assert main(["song", "new", str(video), "--songs-dir", str(songs), "--id", "muse"]) == 0
    capsys.readouterr()
    shipped = (ROOT / "models" / "poses" / "classifier.tflite").read_bytes()
    monkeypatch.setattr("game.chartmaker.make.EPOCHS", 8)  # the test checks the plumbing, the benchmark the quality
    code, summary, err = _run(capsys, video, "--song", "muse", "--member", "dancer", "--songs-dir", songs,
                              "--library", library)
    assert code == 0, err
    assert {"chart", "cues", "new_poses", "reused_poses", "lag_ms"} <= set(summary)
    assert abs(summary["lag_ms"]) <= 30  # the song was made from this very video
    assert summary["new_poses"] and summary["cues"] >= 4
    assert "charting musepose_dance.mp4" in err  # the progress bar
    doc = yaml.safe_load((songs / "muse" / "song.yaml").read_text(encoding="utf-8"))
    member = next(m for m in doc["members"] if m["id"] == "dancer")
    assert set(member["charts"]) == {"easy", "normal", "hard"}
    assert (songs / "muse" / "song.yaml").read_text(encoding="utf-8").startswith("# Imported from")
    new = yaml.safe_load((library / f"{summary['new_poses'][0]}.yaml").read_text(encoding="utf-8"))
    assert new["name"][0].isupper() and not new.get("either_side") and len(new["limbs"]) >= 8 and new["examples"]
    assert summary["new_poses"][0] in yaml.safe_load((library / "classifier.yaml").read_text())["labels"]
    assert (ROOT / "models" / "poses" / "classifier.tflite").read_bytes() == shipped
    from game.cli_play import find_chart
    from game.poselib import load_pose_library
    counts = [len(find_chart(songs, "muse", "dancer", d, load_pose_library(library)).cues) for d in ("easy", "normal", "hard")]
    assert counts[0] <= counts[1] <= counts[2] and counts[1] == summary["cues"]
    # the tracking pass also left the coach's skeleton, found from the video copied into the song folder
    from game.coachskeleton.cache import cache_path, find
    assert summary["coach_skeleton"] == str(cache_path(songs / "muse" / "video.mp4"))
    poses = find(songs / "muse" / "video.mp4")
    assert poses.landmarks.shape == (len(poses.times), 33, 4) and poses.times[-1] > 11.0
    assert poses.found >= 0.9 * len(poses.times) and np.all(np.diff(poses.times) > 0.05)
    assert "video_person" not in member  # one dancer: whoever the tracker follows
    assert "video" not in member and not (songs / "muse" / "video-dancer.mp4").exists()  # the song's own video is the coach
    assert main(["song", "coach-skeleton", "muse", "--songs-dir", str(songs)]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["members"][0]["computed"] is False


def test_the_dancer_chosen_is_recorded_for_the_member(tmp_path):
    from game.chartmaker.make import add_member, load_song_grid
    folder = tmp_path / "songs" / "s"
    folder.mkdir(parents=True)
    (folder / "song.yaml").write_text("# made by hand\ntitle: S\nartist: A\naudio: a.ogg\ntempo: {bpm: 120}\n"
                                      "video: group.mp4\nmembers: []\n", encoding="utf-8")
    add_member(load_song_grid(tmp_path / "songs", "s"), "jin", {"normal": "chart-jin.yaml"}, "Left")
    add_member(load_song_grid(tmp_path / "songs", "s"), "suga", {"normal": "chart-suga.yaml"}, "3")
    doc = yaml.safe_load((folder / "song.yaml").read_text(encoding="utf-8"))
    assert [m.get("video_person") for m in doc["members"]] == ["left", 3]
    add_member(load_song_grid(tmp_path / "songs", "s"), "jin", {"normal": "chart-jin.yaml"}, None)
    doc = yaml.safe_load((folder / "song.yaml").read_text(encoding="utf-8"))
    assert "video_person" not in doc["members"][0]  # charted again as whoever the tracker follows


def test_a_video_the_song_does_not_name_becomes_the_members_coach(tmp_path):
    """A song made from audio alone (or another video) gets this dance video as the member's coach,
    copied into the song folder, timed by the measured lag (video time = song time + lag)."""
    from game.chartmaker.make import _coach_video, add_member, load_song_grid
    folder = tmp_path / "songs" / "s"
    folder.mkdir(parents=True)
    (folder / "song.yaml").write_text("title: S\nartist: A\naudio: a.ogg\ntempo: {bpm: 120}\nmembers: []\n",
                                      encoding="utf-8")
    dance = write_video(tmp_path / "Dance Practice.MP4", 1.0)
    grid = load_song_grid(tmp_path / "songs", "s")
    coach = _coach_video(grid, "jin", dance, 0.25)
    assert coach == ("video-jin.mp4", -0.25)
    assert (folder / "video-jin.mp4").read_bytes() == dance.read_bytes()
    add_member(grid, "jin", {"normal": "chart-jin.yaml"}, None, coach)
    doc = yaml.safe_load((folder / "song.yaml").read_text(encoding="utf-8"))
    assert doc["members"][0]["video"] == "video-jin.mp4" and doc["members"][0]["video_offset"] == -0.25
    # charted again from the same video (or its copy in the folder): song.yaml is left as it is
    grid = load_song_grid(tmp_path / "songs", "s")
    assert _coach_video(grid, "jin", dance, 0.3) is None
    assert _coach_video(grid, "jin", folder / "video-jin.mp4", 0.3) is None
    # another member, another video: their own copy; a song-wide video with the same bytes is reused
    other = write_video(tmp_path / "other.mp4", 2.0)
    assert _coach_video(grid, "suga", other, 0.0)[0] == "video-suga.mp4"
    grid.document["video"] = "video-jin.mp4"
    assert _coach_video(grid, "rm", dance, 0.0) is None


def test_without_songs_dir_the_players_own_copy_is_charted(tmp_path, monkeypatch):
    """`song new` writes to the player's songs folder, so `chart from-video` looks there; a shipped song
    is copied there first, so no chart is written into the game's own folder (lost on an update)."""
    import game.paths
    from game.chartmaker.cli import players_songs_dir
    shipped = tmp_path / "shipped"
    (shipped / "demo").mkdir(parents=True)
    (shipped / "demo" / "song.yaml").write_text("title: Demo\n", encoding="utf-8")
    monkeypatch.setattr(game.paths, "SONGS_DIR", shipped)
    mine = game.paths.user_songs_dir()
    said: list[str] = []
    assert players_songs_dir("demo", say=said.append) == mine
    assert (mine / "demo" / "song.yaml").read_text(encoding="utf-8") == "title: Demo\n" and len(said) == 1
    assert "copied to" in said[0] and str(mine / "demo") in said[0]
    assert sorted(p.name for p in mine.iterdir()) == ["demo"]  # no half-made copy left beside it
    (mine / "demo" / "chart-jin.yaml").write_text("cues: []\n", encoding="utf-8")
    assert players_songs_dir("demo", say=said.append) == mine and len(said) == 1  # the player's copy from now on
    assert (mine / "demo" / "chart-jin.yaml").is_file() and not (shipped / "demo" / "chart-jin.yaml").exists()
    assert players_songs_dir("nope", say=said.append) == mine and len(said) == 1  # `song new` makes it there


def test_no_such_song(tmp_path, capsys, library):
    video = write_video(tmp_path / "v.mp4", 3.0)
    code, summary, err = _run(capsys, video, "--song", "nope", "--member", "a", "--songs-dir", tmp_path / "songs",
                              "--library", library)
    assert code == 1 and summary is None
    assert "song.yaml: no such song" in err and "song new" in err and "Traceback" not in err


def test_missing_and_undecodable_video(tmp_path, capsys, library, drum_song):
    songs, sid = drum_song
    code, _, err = _run(capsys, tmp_path / "gone.mp4", "--song", sid, "--member", "a", "--songs-dir", songs, "--library", library)
    assert code == 1 and "gone.mp4: no such video" in err
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"\x00not a video" * 100)
    code, _, err = _run(capsys, junk, "--song", sid, "--member", "a", "--songs-dir", songs, "--library", library)
    assert code == 1 and "junk.mp4" in err and "Traceback" not in err


def test_nobody_in_the_video(tmp_path, capsys, library, drum_song):
    songs, sid = drum_song
    mono, _ = drums(sample_rate=44100)
    video = write_video(tmp_path / "empty.mp4", 6.0, mono[: 6 * 44100])
    code, _, err = _run(capsys, video, "--song", sid, "--member", "a", "--songs-dir", songs, "--library", library)
    assert code == 1 and "empty.mp4: nobody found in the video" in err
    assert yaml.safe_load((songs / sid / "song.yaml").read_text())["members"] == []  # nothing written


def test_bad_member_id(tmp_path, capsys, library, drum_song):
    songs, sid = drum_song
    video = write_video(tmp_path / "v.mp4", 3.0)
    code, _, err = _run(capsys, video, "--song", sid, "--member", "Bad Name", "--songs-dir", songs, "--library", library)
    assert code == 1 and "--member 'Bad Name'" in err


def test_person_choice_names_the_dancers_seen():
    from game.chartmaker.dancers import PersonError, choose
    dancers = [(0.05, 0.2), (0.4, 0.55), (0.75, 0.9)]
    assert choose(dancers, "left")[0] == 0.0 and choose(dancers, "right")[1] > 0.9
    lo, hi = choose(dancers, "centre")
    assert lo < 0.4 and hi > 0.55 and lo > 0.2 and hi < 0.75
    assert choose(dancers, "2") == (lo, hi)
    with pytest.raises(PersonError, match="3 dancer"):
        choose(dancers, "4")
    with pytest.raises(PersonError):
        choose([], "left")


def test_lag_is_zero_when_the_video_has_no_sound(tmp_path, drum_song):
    from game.chartmaker.make import video_lag
    songs, sid = drum_song
    video = write_video(tmp_path / "silent.mp4", 3.0)
    lag, how = video_lag(video, songs / sid / "audio.ogg")
    assert lag == 0.0 and how.startswith("assumed 0") and "no sound track" in how


def test_lag_of_a_video_starting_before_its_song(tmp_path, drum_song):
    from game.chartmaker.make import video_lag
    songs, sid = drum_song
    mono, _ = drums(sample_rate=44100)
    video = write_video(tmp_path / "late.mp4", 22.0, mono, audio_start=0.8)
    lag, how = video_lag(video, songs / sid / "audio.ogg")
    assert abs(lag - 0.8) <= 0.02, how
