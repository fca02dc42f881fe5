"""`python main.py song new SOURCE`: the folder it writes, the JSON line it prints, its errors."""
from __future__ import annotations

import json

import numpy as np
import pytest
import soundfile
import yaml

from audiokit import drums, write_video
from game.checker import check_paths
from game.songfolder import NO_CHART_YET, load_song, scan_songs
from game.songimport.song_writer import song_id
from main import main


def _run(capsys, *argv: str) -> tuple[int, dict | None, str]:
    code = main(["song", "new", *map(str, argv)])
    out, err = capsys.readouterr()
    lines = [line for line in out.splitlines() if line.startswith("{")]
    return code, (json.loads(lines[-1]) if lines else None), err


def test_new_song_folder_passes_the_checker(tmp_path, capsys, drum_wav, poses):
    source, truth = drum_wav
    songs = tmp_path / "songs"
    code, summary, err = _run(capsys, source, "--songs-dir", songs)
    assert code == 0, err
    assert {"song", "folder", "bpm", "offset", "beats_per_bar", "beats", "downbeats"} <= set(summary)
    folder = songs / summary["song"]
    assert summary["song"] == "drums" and summary["folder"] == str(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["audio.ogg", "song.yaml"]
    assert abs(summary["bpm"] - 120) < 0.5 and abs(summary["offset"] - 0.7) < 0.03
    assert summary["downbeats"][0] == summary["offset"] and len(summary["beats"]) >= len(truth) - 1
    problems, checked = check_paths([folder], poses)
    assert problems == [] and NO_CHART_YET in checked[0]
    song = load_song(folder, poses)
    assert song.tempo.bpm == summary["bpm"] and song.offset == summary["offset"]
    assert abs(song.duration - 20.0) < 0.05  # no trimming: the source's timeline
    assert 0 <= song.preview_start < song.duration
    entry = scan_songs(songs, poses)[0]
    assert entry.song is None and entry.problems[0].message == NO_CHART_YET
    assert "Importing" not in err and "%" in err  # the progress bar went to stderr


def test_tags_name_the_song_and_options_override_them(tmp_path, capsys):
    from mutagen.oggvorbis import OggVorbis

    mono, _ = drums(bpm=128, seconds=16.0, sample_rate=44100)
    source = tmp_path / "track01.ogg"
    soundfile.write(source, mono, 44100, format="OGG", subtype="VORBIS")
    tagged = OggVorbis(source)
    tagged["title"], tagged["artist"] = "Starlight Rush", "NOVA9"
    tagged.save()
    songs = tmp_path / "songs"
    code, summary, _ = _run(capsys, source, "--songs-dir", songs)
    assert code == 0 and summary["song"] == "starlight-rush"
    data = yaml.safe_load((songs / "starlight-rush" / "song.yaml").read_text(encoding="utf-8"))
    assert (data["title"], data["artist"], data["audio"]) == ("Starlight Rush", "NOVA9", "audio.ogg")
    code, summary, _ = _run(capsys, source, "--songs-dir", songs)
    assert summary["song"] == "starlight-rush-2"  # never overwrites another song
    code, summary, _ = _run(capsys, source, "--songs-dir", songs, "--id", "mine", "--title", "Mine", "--artist", "Me",
                            "--bpm", "128", "--offset", "0.7")
    data = yaml.safe_load((songs / "mine" / "song.yaml").read_text(encoding="utf-8"))
    assert (data["title"], data["artist"], data["tempo"]["bpm"]) == ("Mine", "Me", 128.0)
    assert data["offset"] == pytest.approx(0.7, abs=1e-3)


def test_video_sound_track_becomes_the_song(tmp_path, capsys):
    mono, _ = drums(bpm=110, seconds=14.0, sample_rate=44100)
    video = write_video(tmp_path / "dance_practice.mp4", 14.0, mono)
    code, summary, err = _run(capsys, video, "--songs-dir", tmp_path / "songs")
    assert code == 0, err
    assert abs(summary["bpm"] - 110) < 0.5 and abs(summary["offset"] - 0.7) < 0.05
    # a readable title from the file name, and the video kept as the song's reference dance video
    assert summary["title"] == "Dance Practice" and summary["song"] == "dance-practice"
    folder = tmp_path / "songs" / "dance-practice"
    data = yaml.safe_load((folder / "song.yaml").read_text(encoding="utf-8"))
    assert summary["video"] == data["video"] == "video.mp4" and data["video_offset"] == 0.0
    assert (folder / "video.mp4").read_bytes() == video.read_bytes()


@pytest.mark.parametrize("stem, title", [("musepose_dance", "Musepose Dance"), ("my-song  v2", "My Song V2"),
                                         ("BTS_Dynamite", "BTS Dynamite"), ("별빛_러시", "별빛 러시"), ("___", "___")])
def test_a_title_from_a_file_name(stem, title):
    from game.songimport.song_writer import title_from_file_name

    assert title_from_file_name(stem) == title


@pytest.mark.parametrize("case, words", [
    ("missing", "no such file"),
    ("no-sound", "no sound track"),
    ("tone", "no steady beat found; if it is a song, give its tempo"),
    ("bad-id", "--id 'Bad Id!' has the wrong form"),
    ("taken-id", "already exists; choose another --id"),
    ("bpm", "--bpm 900 is out of range"),
    ("negative-offset", "--offset -1 is negative"),
    ("late-offset", "is past the end of the sound"),
])
def test_errors_are_one_clear_line_and_leave_nothing_behind(tmp_path, capsys, drum_wav, case, words):
    songs = tmp_path / "songs"
    source, _ = drum_wav
    extra: list[str] = []
    if case == "missing":
        source = tmp_path / "nope.mp3"
    elif case == "no-sound":
        source = write_video(tmp_path / "silent-film.mp4", 12.0)
    elif case == "tone":
        source = tmp_path / "tone.wav"
        soundfile.write(source, (0.3 * np.sin(np.arange(44100 * 15) / 20)).astype(np.float32), 44100)
    elif case == "bad-id":
        extra = ["--id", "Bad Id!"]
    elif case == "taken-id":
        (songs / "taken").mkdir(parents=True)
        extra = ["--id", "taken"]
    elif case == "bpm":
        extra = ["--bpm", "900"]
    elif case == "negative-offset":
        extra = ["--offset", "-1"]
    elif case == "late-offset":
        extra = ["--offset", "99"]
    code, summary, err = _run(capsys, source, "--songs-dir", songs, *extra)
    assert code == 1 and summary is None
    last = err.strip().splitlines()[-1]
    assert last.startswith("error: ") and words in last and "Traceback" not in err
    assert str(source) in last or "taken" in last
    leftovers = sorted(p.name for p in songs.iterdir()) if songs.exists() else []
    assert leftovers == (["taken"] if case == "taken-id" else [])


@pytest.mark.parametrize("text, expected", [
    ("Starlight Rush", "starlight-rush"), ("Café  del Mar!", "cafe-del-mar"), ("별빛 러시", "별빛-러시"), ("!!!", "song"),
    ("track_01 (Remix)", "track-01-remix"),
])
def test_song_id_from_a_title(text, expected):
    assert song_id(text) == expected


def test_progress_is_reported_to_a_screen(tmp_path, drum_wav):
    from game.songimport.cli import import_song

    seen: list[float] = []
    summary = import_song(drum_wav[0], tmp_path / "songs", show_progress=False, progress=seen.append)
    assert summary["song"] == "drums"
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 5
