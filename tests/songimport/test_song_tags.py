"""Title and artist come from the file's own tags when it has them."""
from __future__ import annotations

import numpy as np
import soundfile

from audiokit import write_video
from game.songimport.tags import read_tags


def test_vorbis_comments(tmp_path):
    from mutagen.oggvorbis import OggVorbis

    path = tmp_path / "song.ogg"
    soundfile.write(path, np.zeros((44100, 2), np.float32), 44100, format="OGG", subtype="VORBIS")
    tagged = OggVorbis(path)
    tagged["title"], tagged["artist"] = "별빛 러시", "NOVA9"
    tagged.save()
    assert read_tags(path) == {"title": "별빛 러시", "artist": "NOVA9"}


def test_flac_with_title_only(tmp_path):
    from mutagen.flac import FLAC

    path = tmp_path / "song.flac"
    soundfile.write(path, np.zeros((44100, 2), np.float32), 44100, format="FLAC")
    tagged = FLAC(path)
    tagged["title"] = "  Moonlight  "
    tagged.save()
    assert read_tags(path) == {"title": "Moonlight"}


def test_mp4_tags(tmp_path):
    from mutagen.mp4 import MP4

    path = write_video(tmp_path / "clip.mp4", 2.0, np.zeros(44100 * 2, np.float32))
    tagged = MP4(path)
    tagged["\xa9nam"], tagged["\xa9ART"] = ["Dance practice"], ["LUMINA"]
    tagged.save()
    assert read_tags(path) == {"title": "Dance practice", "artist": "LUMINA"}


def test_untagged_and_unreadable_files_give_nothing(tmp_path):
    wav = tmp_path / "plain.wav"
    soundfile.write(wav, np.zeros(4410, np.float32), 44100)
    junk = tmp_path / "junk.mp3"
    junk.write_bytes(b"\x00" * 100)
    assert read_tags(wav) == {}
    assert read_tags(junk) == {}
