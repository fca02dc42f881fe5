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
    assert "ok    song good: 1 members, 1 charts, 2 cues" in capsys.readouterr().out


def test_check_lists_every_problem_with_file_and_line(tmp_path, capsys):
    poses = write_poses(tmp_path / "poses")
    write_song(tmp_path / "songs" / "good", GOOD)
    write_song(tmp_path / "songs" / "broken", BROKEN)
    assert main(["check", str(tmp_path / "songs"), "--poses", str(poses)]) == 1
    out = capsys.readouterr().out
    assert "broken/chart-ari.yaml:4: unknown key 'gol'; did you mean 'gold'?" in out
    assert "ok    song good" in out and "1 problem(s) found" in out
    (tmp_path / "songs" / "broken" / "chart-ari.yaml").write_text(BROKEN.replace(", gol: true", ""))
    assert main(["check", str(tmp_path / "songs" / "broken" / "chart-ari.yaml"), "--poses", str(poses)]) == 1
    out = capsys.readouterr().out
    assert "chart-ari.yaml:3: unknown pose 'arms_upp'; did you mean 'arms_up'?" in out
    assert "chart-ari.yaml:4: cues must be in time order" in out


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
