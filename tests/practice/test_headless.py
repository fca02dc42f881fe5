"""Practice headless on the virtual clock with the autoplayer, and its command line."""
import json

import pytest

from game.judge import Grade, windows_for
from game.paths import POSES_DIR, SONGS_DIR
from game.poselib import load_pose_library
from game.practice.headless import PracticeError, PracticeOptions, run_practice
from game.practice.plan import SectionError
from game.practice.stretch import StretchError
from game.songfolder import load_song
from main import main


@pytest.fixture(scope="module")
def song():
    return load_song(SONGS_DIR / "neon-heartbeat", load_pose_library(POSES_DIR))


@pytest.fixture(scope="module")
def chart(song):
    return song.member("jiwoo").charts["normal"]


def run(song, chart, jitter=0.0, seed=0, **options):
    return run_practice(song, chart, PracticeOptions(**options), windows_for(chart.difficulty), jitter, seed)


def all_perfect(result) -> bool:
    return result["judgements"]["perfect"] == result["cues"] > 0 and result["score"] == 1_000_000


@pytest.mark.parametrize("speed", [0.5, 0.6, 0.75, 0.9, 1.0])
def test_autoplay_is_all_perfect_at_every_speed(song, chart, speed):
    result = run(song, chart, speed=speed)
    assert all_perfect(result) and result["cues"] == len(chart.cues)
    # the window records a slowed whole-song play in the same words (game.practice.run.practice_terms)
    assert (result["speed"], result["mode"], result["section"]) == (speed, "speed", None)


def test_a_looped_section_is_all_perfect_pass_after_pass(song, chart):
    result = run(song, chart, speed=0.75, section="17:1-21:1", loops=3)
    assert all_perfect(result) and result["mode"] == "loop" and result["section"] == "17:1-21:1"
    assert [p["cues"] for p in result["passes"]] == [8, 8, 8] and result["cues"] == 24
    assert {r["at"] for r in result["per_cue"]} == {"17:1", "17:3", "18:1", "18:3", "19:1", "19:3", "20:1", "20:3"}


def test_one_move_in_a_loop(song, chart):
    result = run(song, chart, section="24:1", loops=2)
    assert all_perfect(result) and [r["pose"] for r in result["per_cue"]] == ["big_v", "big_v"]


@pytest.mark.parametrize("speed", [0.5, 1.0])
def test_step_mode_is_all_perfect_and_never_waits_for_the_autoplayer(song, chart, speed):
    result = run(song, chart, speed=speed, step=True)
    assert all_perfect(result) and result["mode"] == "step"
    assert all(r["waited_s"] == 0.0 for r in result["per_cue"])


def test_ramp_climbs_to_full_speed_and_is_all_perfect(song, chart):
    result = run(song, chart, section="17:1-25:1", ramp=True)
    assert all_perfect(result) and result["mode"] == "ramp"
    assert result["ramp"] == {"speeds": [0.6, 0.75, 0.9, 1.0], "mastered": True, "next_speed": 1.0}
    assert result["speed"] == 0.6 and result["speeds"] == [0.6, 0.75, 0.9, 1.0], "the starting speed, a number, and every pass's"


def test_every_pass_and_every_move_across_passes_are_in_the_json(song, chart):
    result = run(song, chart, jitter=300, seed=5, section="17:1-21:1", ramp=True, loops=5)
    passes = result["passes"]
    assert [p["pass"] for p in passes] == [1, 2, 3, 4, 5] and [p["speed"] for p in passes] == result["speeds"]
    assert [p["verdict"] for p in passes][-1] == "done" and all(p["verdict"] in ("up", "down", "same", "mastered", "done") for p in passes)
    for p, nxt in zip(passes, passes[1:]):  # the verdict says how the next pass's speed moved
        assert p["next_speed"] == nxt["speed"]
        assert {"up": nxt["speed"] > p["speed"], "down": nxt["speed"] < p["speed"]}.get(p["verdict"], nxt["speed"] == p["speed"])
    assert len({p["score"] for p in passes}) > 1, "the passes differ, and each says how"
    per_pass = {n: [r["grade"] for r in result["per_cue"] if r["pass"] == n] for n in range(1, 6)}
    assert [m["grades"] for m in result["moves"]] == [list(g) for g in zip(*per_pass.values())]
    assert [m["pose"] for m in result["moves"]] == [r["pose"] for r in result["per_cue"] if r["pass"] == 1]


def test_ramp_stays_slow_for_a_player_who_cannot_keep_up(song, chart):
    result = run(song, chart, jitter=450, seed=2, section="17:1-25:1", ramp=True, loops=4)
    assert not result["ramp"]["mastered"] and max(result["ramp"]["speeds"]) < 1.0


def shares(result) -> dict[str, float]:
    return {g.key: result["judgements"][g.key] / result["cues"] for g in Grade}


@pytest.mark.parametrize("options", [dict(speed=0.5), dict(speed=0.75), dict(step=True), dict(step=True, speed=0.6)])
def test_with_jitter_the_grades_spread_as_at_full_speed(song, chart, options):
    """Timing windows stay in real milliseconds: a human's errors grade the same when slowed."""
    for jitter in (120, 250):
        full = shares(run(song, chart, jitter=jitter, seed=5))
        slow = shares(run(song, chart, jitter=jitter, seed=5, **options))
        assert full["perfect"] < 1.0
        assert all(abs(full[k] - slow[k]) <= 0.06 for k in full), (full, slow)


@pytest.mark.parametrize("options, error, words", [
    (dict(speed=1.5), StretchError, "50% to 100%"), (dict(loops=0), PracticeError, "1 or more"),
    (dict(ramp=True, speed=0.75), PracticeError, "leave out --speed"), (dict(ramp=True, step=True), PracticeError, "do not go together"),
    (dict(section="60:1-61:1"), SectionError, "holds no move"),
])
def test_options_that_cannot_be_played_say_why(song, chart, options, error, words):
    with pytest.raises(error, match=words):
        run(song, chart, **options)


def play(capsys, *extra) -> tuple[int, str, str]:
    code = main(["play", "--song", "neon-heartbeat", "--member", "jiwoo", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_command_line_prints_the_usual_json_with_speed_section_and_mode(capsys):
    code, out, _ = play(capsys, "--headless", "--autoplay", "--speed", "0.75", "--section", "5:1-9:1", "--loops", "2")
    result = json.loads(out)
    assert code == 0 and all_perfect(result)
    assert (result["speed"], result["section"], result["mode"]) == (0.75, "5:1-9:1", "loop")
    assert set(result["speeds"]) == {0.75}
    assert {"score", "grade", "judgements", "worst_moves", "passes", "per_cue"} <= set(result)


@pytest.mark.parametrize("extra, words", [
    (["--headless", "--autoplay", "--speed", "2"], "50% to 100%"),
    (["--headless", "--autoplay", "--section", "9:9"], "beats from 1 to 4"),
    (["--headless", "--speed", "0.75"], "needs --autoplay"),
    (["--speed", "3"], "50% to 100%"),  # the window refuses it before it opens (it takes --speed 0.75: tests/scenes/test_practice.py)
])
def test_command_line_errors_are_one_clear_line(capsys, extra, words):
    code, out, err = play(capsys, *extra)
    assert code == 2 and out == "" and words in err and "Traceback" not in err
