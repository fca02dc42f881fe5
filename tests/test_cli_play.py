"""`play --headless` choices: ids in any case, options that would be ignored, messages that read well."""
import json

import pytest

from main import main
from songkit import write_song

GOOD = "member: ari\ncues:\n  - {at: '1:1', pose: big_v}\n  - {at: '2:1', pose: airplane}\n"


@pytest.fixture()
def songs(tmp_path):
    write_song(tmp_path / "neon-heartbeat", GOOD)
    return tmp_path


def play(songs, *args: str) -> int:
    return main(["--songs-dir", str(songs), "play", *args, "--headless"])


def test_ids_are_taken_in_any_case_when_unambiguous(songs, capsys):
    assert play(songs, "--song", "Neon-Heartbeat", "--member", "Ari", "--autoplay") == 0
    line = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert line["judgements"]["perfect"] == 2 and (line["song"], line["member"]) == ("neon-heartbeat", "ari")


def test_a_suggestion_is_not_followed_by_a_second_full_stop(songs, capsys):
    assert play(songs, "--song", "neon-heartbeet", "--member", "ari", "--autoplay") == 2
    err = capsys.readouterr().err
    assert "did you mean 'neon-heartbeat'? Songs in" in err and "?." not in err
    assert play(songs, "--song", "neon-heartbeat", "--member", "aru", "--autoplay") == 2
    err = capsys.readouterr().err
    assert "did you mean 'ari'? Members: ari" in err and "?." not in err
    assert play(songs, "--song", "neon-heartbeat", "--member", "zed", "--autoplay") == 2
    assert "has no member 'zed'. Members: ari" in capsys.readouterr().err


def test_options_that_would_be_ignored_are_refused(songs, capsys):
    assert play(songs, "--song", "neon-heartbeat", "--member", "ari", "--autoplay", "--camera", "clip.mp4") == 2
    assert "--autoplay and --camera clip.mp4 both give a player" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        play(songs, "--song", "neon-heartbeat", "--member", "ari", "--autoplay", "--autoplay-jitter", "-50")
    assert "cannot be negative" in capsys.readouterr().err


def test_headless_json_keeps_hangul_and_a_closed_pipe_is_quiet(tmp_path):
    import subprocess
    import sys

    from songkit import REPO

    folder = write_song(tmp_path / "노래", GOOD)
    command = [sys.executable, str(REPO / "main.py"), "--songs-dir", str(tmp_path), "play", "--song", "노래",
               "--member", "ari", "--autoplay", "--headless"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0 and '"노래"' in done.stdout and "\\u" not in done.stdout, done.stdout
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
    reader.stdout.close()  # like `| head -c 0`: nobody reads what is printed
    err = reader.stderr.read().decode()
    assert reader.wait(timeout=120) == 0 and "Traceback" not in err and "BrokenPipe" not in err, err
    assert folder.is_dir()


def test_a_photo_as_the_camera_is_refused_before_the_song(songs, tmp_path, capsys):
    import cv2
    import numpy as np

    photo = tmp_path / "pose.jpg"
    cv2.imwrite(str(photo), np.full((64, 96, 3), 128, np.uint8))
    assert play(songs, "--song", "neon-heartbeat", "--member", "ari", "--camera", str(photo)) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and f"'{photo}' is a still picture" in captured.err and "leave out --camera" in captured.err


def test_headless_practice_from_a_camera_is_a_usage_error(songs, capsys):
    assert play(songs, "--song", "neon-heartbeat", "--member", "ari", "--speed", "0.75", "--camera", "clip.mp4") == 2
    assert "headless practice needs --autoplay" in capsys.readouterr().err
