"""The shipped songs, charts, poses and sounds: valid, playable to all Perfect, and as the issue asks."""
import pytest

from game.autoplay import Autoplayer
from game.headless import play_headless
from game.judge import Grade, windows_for
from game.paths import POSES_DIR, SONGS_DIR, SOUNDS_DIR
from game.poselib import load_pose_library
from game.songfolder import scan_songs

POSES = load_pose_library(POSES_DIR)
ENTRIES = scan_songs(SONGS_DIR, POSES)
CHARTS = [(e.song, m, c) for e in ENTRIES if e.song for m in e.song.members for c in m.charts.values()]


def test_pose_library_is_complete_and_valid():
    assert not POSES.problems and len(POSES.poses) >= 12
    mirrored = [p for p in POSES.poses.values() if p.mirror]
    assert mirrored and all(POSES[p.mirror].mirror == p.id for p in mirrored)
    assert all(p.name_ko and p.hint and p.hint_ko for p in POSES.poses.values())


def test_every_song_loads():
    assert len(ENTRIES) >= 3
    assert all(e.song for e in ENTRIES), [str(p) for e in ENTRIES for p in e.problems]


def test_songs_are_varied_as_demo_content_must_be():
    songs = [e.song for e in ENTRIES]
    assert all(60 <= s.duration <= 120 and len(s.members) >= 2 for s in songs)
    assert len({s.tempo.bpm for s in songs}) == len(songs)
    assert any(s.tempo.changes for s in songs)


@pytest.mark.parametrize("song, member, chart", CHARTS, ids=[f"{s.id}-{m.id}-{c.difficulty}" for s, m, c in CHARTS])
def test_every_chart_plays_to_all_perfect_under_autoplay(song, member, chart):
    assert len(chart.cues) >= 30
    assert {c.pose for c in chart.cues} <= set(POSES.poses)
    score = play_headless(chart, Autoplayer(chart), windows_for(chart.difficulty)).score
    assert score.counts[Grade.PERFECT] == len(chart.cues) and score.score == 1_000_000


@pytest.mark.parametrize("name", ["perfect", "great", "good", "miss", "combo", "full_combo", "count", "go"])
def test_sound_effects_exist(name):
    assert (SOUNDS_DIR / f"{name}.ogg").stat().st_size > 1000
