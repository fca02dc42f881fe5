"""`python main.py check` and the headless `play` command, as an author and a tool would run them."""
import json
import subprocess
import sys

import pytest

from songkit import REPO, write_poses, write_song
from main import main

GOOD = "member: ari\ncues:\n  - {at: '1:1', pose: arms_up}\n  - {at: '2:1', pose: t_pose}\n"
BROKEN = "member: ari\ncues:\n  - {at: '1:1', pose: arms_upp}\n  - {at: '1:1', pose: t_pose, gol: true}\n"


def test_check_passes_a_good_song(tmp_path, capsys):
    poses = write_poses(tmp_path / "poses")
    folder = write_song(tmp_path / "songs" / "good", GOOD)
    assert main(["check", str(folder), "--poses", str(poses)]) == 0
    assert "ok    song good: 1 member, 1 chart, 2 cues" in capsys.readouterr().out


def test_check_lists_every_problem_with_file_and_line(tmp_path, capsys):
    poses = write_poses(tmp_path / "poses")
    write_song(tmp_path / "songs" / "good", GOOD)
    write_song(tmp_path / "songs" / "broken", BROKEN)
    assert main(["check", str(tmp_path / "songs"), "--poses", str(poses)]) == 1
    out = capsys.readouterr().out
    assert "broken/chart-ari.yaml:4: unknown key 'gol'; did you mean 'gold'?" in out
    assert "broken/chart-ari.yaml:3: unknown pose 'arms_upp'" in out, "a structure error does not hide the rest"
    assert "ok    song good" in out and "2 problem(s) found" in out
    assert "ok    song broken" not in out, "no ok line for a song whose chart has an error"
    (tmp_path / "songs" / "broken" / "chart-ari.yaml").write_text(BROKEN.replace(", gol: true", ""))
    assert main(["check", str(tmp_path / "songs" / "broken" / "chart-ari.yaml"), "--poses", str(poses)]) == 1
    out = capsys.readouterr().out
    assert "chart-ari.yaml:3: unknown pose 'arms_upp'; did you mean 'arms_up'?" in out
    assert "chart-ari.yaml:4: this cue and the cue on line 3 are both at beat 0" in out and "delete one" in out


def test_check_pose_files(tmp_path, capsys):
    poses = write_poses(tmp_path / "poses")
    (poses / "t_pose.yaml").write_text((poses / "t_pose.yaml").read_text().replace("left_shin: 0", "left_shin: sideways"))
    assert main(["check", str(poses / "t_pose.yaml"), str(poses / "arms_up.yaml")]) == 1
    out = capsys.readouterr().out
    assert "t_pose.yaml:11: 'limbs.left_shin': a direction in degrees" in out and "ok    pose arms_up" in out


def test_check_missing_path(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nope")]) == 1
    assert "no such file or folder" in capsys.readouterr().out


def run_main(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args], capture_output=True, text=True, timeout=120, cwd=REPO)


def test_headless_autoplay_prints_one_json_line(tmp_path):
    write_song(tmp_path / "good", GOOD)
    # the shipped pose library is used by play; the test chart only uses poses named in it
    (tmp_path / "good" / "chart-ari.yaml").write_text(GOOD.replace("arms_up", "big_v").replace("t_pose", "airplane"))
    result = run_main("--songs-dir", str(tmp_path), "play", "--song", "good", "--member", "ari", "--autoplay", "--headless")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["judgements"] == {"perfect": 2, "great": 0, "good": 0, "miss": 0} and line["score"] == 1_000_000
    assert [(c["index"], c["at"], c["pose"], c["grade"], c["offset_ms"]) for c in line["per_cue"]] == [
        (0, "1:1", "big_v", "perfect", 0.0), (1, "2:1", "airplane", "perfect", 0.0)]
    assert all(c["peak_prob"] > 0.6 and c["seen"] == c["pose"] and c["time"] >= 0 for c in line["per_cue"])


@pytest.mark.parametrize("args, message", [
    (("--song", "nope", "--member", "x"), "unknown song 'nope'"),
    (("--song", "good", "--member", "zed"), "song 'good' has no member 'zed'. Members: ari"),
    (("--song", "good", "--member", "ari", "--difficulty", "hard"), "no 'hard' chart"),
])
def test_headless_unknown_choices_list_what_exists(tmp_path, args, message):
    write_song(tmp_path / "good", GOOD.replace("arms_up", "big_v").replace("t_pose", "airplane"))
    result = run_main("--songs-dir", str(tmp_path), "play", *args, "--autoplay", "--headless")
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_check_a_file_that_is_not_yaml(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("hello")
    assert main(["check", str(tmp_path / "notes.txt")]) == 1
    assert "notes.txt: not a YAML file" in capsys.readouterr().out


def test_warnings_are_shown_and_do_not_fail_the_check(tmp_path, capsys):
    poses = write_poses(tmp_path / "poses")
    folder = write_song(tmp_path / "songs" / "plain", GOOD.replace("'1:1'", "1:1").replace("arms_up}", "arms_up, gold: yes}"))
    assert main(["check", str(folder), "--poses", str(poses)]) == 0
    out = capsys.readouterr().out
    assert "warning " in out and "chart-ari.yaml:3: 'cues[0].gold': yes is read as true" in out
    assert out.strip().endswith("all good, 1 warning(s)")


def test_a_silent_audio_file_is_a_warning_and_an_empty_one_an_error(tmp_path, capsys):
    import numpy as np
    import soundfile

    poses = write_poses(tmp_path / "poses")
    folder = write_song(tmp_path / "songs" / "quiet", GOOD)
    soundfile.write(str(folder / "audio.wav"), np.zeros(8000 * 20, dtype=np.float32), 8000)
    assert main(["check", str(folder), "--poses", str(poses)]) == 0
    assert "song.yaml:3: audio 'audio.wav': it is silent" in capsys.readouterr().out
    soundfile.write(str(folder / "audio.wav"), np.zeros(0, dtype=np.float32), 8000)
    assert main(["check", str(folder), "--poses", str(poses)]) == 1
    assert "song.yaml:3: audio 'audio.wav' cannot be used: it has no sound in it" in capsys.readouterr().out


BAD = REPO.parent / "shared" / "data" / "bad-inputs"


@pytest.mark.skipif(not BAD.is_dir(), reason="../shared/data/bad-inputs not present (the fixtures above build each kind)")
@pytest.mark.parametrize("folder, status, words", [
    ("yaml-bar-beat-unquoted/sexagesimal", 0, ["ok    song sexagesimal: 1 member, 1 chart, 4 cues"]),
    ("yaml-plain-words/norway", 0, ["song.yaml:8: 'members[0].id': on", "true/false", '"on"']),
    ("yaml-plain-words/norway-pose", 1, ["chart-ari.yaml:3: unknown pose 'no'", "chart-ari.yaml:3: 'cues[0].pose': no"]),
    ("yaml-alias-bomb", 1, ["chart-ari.yaml:6: refused", "too many aliases"]),
    ("same-beat-twice/same-beat", 1, ["chart-ari.yaml:5:", "line 4", "delete one"]),
    ("hold-past-end/long-hold", 1, ["chart-ari.yaml:4:", "ends at 37.00 s", "audio ends at 20.00 s"]),
    ("empty-audio/empty-audio", 1, ["song.yaml:3: audio 'audio.wav' cannot be used: it has no sound"]),
    ("audio-mixer-cannot-play/songs", 0, ["ok    song mp3-named-ogg", "converted once for the mixer"]),
])
def test_the_handed_bad_inputs(tmp_path, monkeypatch, folder, status, words):
    monkeypatch.setenv("KPOP_TRAINER_CACHE", str(tmp_path))
    result = run_main("check", str(BAD / folder))
    assert result.returncode == status, result.stdout
    for word in words:
        assert word in result.stdout, result.stdout


def test_pose_file_warnings_are_shown(tmp_path, capsys):
    poses = write_poses(tmp_path / "poses")
    path = poses / "t_pose.yaml"
    path.write_text(path.read_text().replace("hint: test pose", "hint: yes"))
    assert main(["check", str(path)]) == 0
    assert "t_pose.yaml:4: 'hint': yes is read as the text 'yes'" in capsys.readouterr().out


def test_headless_play_loads_only_the_song_asked_for(tmp_path):
    """A broken song beside it (an alias bomb, a song whose audio is unreadable) is not even read."""
    write_song(tmp_path / "good", GOOD.replace("arms_up", "big_v").replace("t_pose", "airplane"))
    write_song(tmp_path / "other", "x: &a [*a]\n")
    (tmp_path / "other" / "audio.wav").write_bytes(b"not audio")
    result = run_main("--songs-dir", str(tmp_path), "play", "--song", "good", "--member", "ari", "--autoplay", "--headless")
    assert result.returncode == 0 and json.loads(result.stdout.strip().splitlines()[-1])["score"] == 1_000_000, result.stderr
    result = run_main("--songs-dir", str(tmp_path), "play", "--song", "other", "--member", "ari", "--autoplay", "--headless")
    assert result.returncode == 2 and "chart-ari.yaml:1: refused" in result.stderr and "Traceback" not in result.stderr


def test_check_names_the_line_of_a_reference_video_missing_or_unplayable(tmp_path, capsys):
    from tests.pose.media import numbered_frames, write_clip

    poses = write_poses(tmp_path / "poses")
    folder = write_song(tmp_path / "songs" / "coach", GOOD, song_extra="video: dance.mp4")
    write_clip(folder / "dance.mp4", numbered_frames(5))
    assert main(["check", str(folder), "--poses", str(poses)]) == 0, capsys.readouterr().out
    capsys.readouterr()
    (folder / "dance.mp4").write_bytes(b"\x00" * 2000)  # a copy cut short, or not a video at all
    assert main(["check", str(folder), "--poses", str(poses)]) == 1
    out = capsys.readouterr().out
    assert "song.yaml:7: video 'dance.mp4' cannot be played: cannot read video" in out
    (folder / "dance.mp4").unlink()
    assert main(["check", str(folder), "--poses", str(poses)]) == 1
    assert "song.yaml:7: video 'dance.mp4' not found next to song.yaml" in capsys.readouterr().out


def test_check_names_a_members_own_video_at_its_line(tmp_path, capsys):
    poses = write_poses(tmp_path / "poses")
    folder = write_song(tmp_path / "songs" / "coach", GOOD)
    yaml_path = folder / "song.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("    chart: chart-ari.yaml\n",
                                                       "    chart: chart-ari.yaml\n    video: ari-fancam.mp4\n"))
    assert main(["check", str(folder), "--poses", str(poses)]) == 1
    assert "song.yaml:14: video 'ari-fancam.mp4' not found next to song.yaml" in capsys.readouterr().out


def test_check_words_tabs_ranges_and_lists_problems_by_line(tmp_path, capsys):
    poses = write_poses(tmp_path / "poses")
    chart = ("member: ari\ncues:\n  - {at: '1:1', pose: arms_upp}\n  - {at: '2:1', pose: t_pose, hold: -2}\n"
             "  - {at: '3:1', pose: arms_up, gol: true}\n  - {at: '4:1', pose: t_posee}\n")
    folder = write_song(tmp_path / "songs" / "mixed", chart)
    assert main(["check", str(folder), "--poses", str(poses)]) == 1
    out = capsys.readouterr().out
    assert "'cues[1].hold' must be more than 0 (beats); it is -2" in out and "out of range" not in out
    lines = [int(row.split("chart-ari.yaml:")[1].split(":")[0]) for row in out.splitlines() if "chart-ari.yaml:" in row]
    assert lines == sorted(lines) and len(lines) >= 4, out
    (folder / "chart-ari.yaml").write_text("member: ari\ncues:\n\t- {at: '1:1', pose: arms_up}\n")
    assert main(["check", str(folder), "--poses", str(poses)]) == 1
    out = capsys.readouterr().out
    assert "chart-ari.yaml:3:" in out and "tab" in out and "use spaces" in out


def two_member_song(folder, jiwoo_chart: str):
    """The test song with a second member, jiwoo, whose chart is `jiwoo_chart`."""
    write_song(folder, GOOD.replace("arms_up", "big_v").replace("t_pose", "airplane"))
    song = folder / "song.yaml"
    song.write_text(song.read_text() + '  - id: jiwoo\n    name: Jiwoo\n    colour: "#5fa2ff"\n    chart: chart-jiwoo.yaml\n')
    (folder / "chart-jiwoo.yaml").write_text(jiwoo_chart)
    return folder


def test_one_broken_chart_leaves_the_other_members_playable(tmp_path, capsys):
    from game.poselib import load_pose_library
    from game.songfolder import load_entry

    folder = two_member_song(tmp_path / "mysong", "member: jiwoo\ncues:\n  - {at: '1:1', pose: big_vv}\n")
    entry = load_entry(folder, load_pose_library(REPO / "models" / "poses"))
    assert entry.song is not None, entry.problems
    jiwoo = entry.song.member("jiwoo")
    assert not jiwoo.charts and "chart-jiwoo.yaml:3: unknown pose 'big_vv'" in str(jiwoo.problems[0])
    assert main(["--songs-dir", str(tmp_path), "play", "--song", "mysong", "--member", "ari", "--autoplay",
                 "--headless"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["judgements"]["perfect"] == 2
    assert main(["--songs-dir", str(tmp_path), "play", "--song", "mysong", "--member", "jiwoo", "--autoplay",
                 "--headless"]) == 2
    err = capsys.readouterr().err
    assert "member 'jiwoo' of 'mysong' cannot be played (the other members can: ari)" in err and "big_vv" in err
    assert main(["check", str(folder)]) == 1, "the checker still reports the broken chart"
    out = capsys.readouterr().out
    assert "chart-jiwoo.yaml:3: unknown pose 'big_vv'" in out and "ok    song mysong" not in out
