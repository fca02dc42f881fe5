"""game/yamlio.py: YAML read as the fan typed it (YAML 1.2 core), in any script, and never a hang."""
from __future__ import annotations

import time
import unicodedata
from pathlib import Path

import pytest

from game import yamlio
from game.problems import ProblemsError
from game.yamlio import load_yaml, plain_text

LOADERS = [yamlio._PyLoader] + ([yamlio._Loader] if yamlio._Loader is not yamlio._PyLoader else [])


@pytest.fixture(params=LOADERS, ids=lambda c: c.__name__)
def loader(request, monkeypatch):
    """Run each test with libyaml's parser and with the pure-Python one: they must agree."""
    monkeypatch.setattr(yamlio, "_Loader", request.param)


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return load_yaml(path)


@pytest.mark.parametrize("typed, meant", [
    ("1:1", "1:1"), ("2:2.5", "2:2.5"), ("1:30", "1:30"),        # YAML 1.1: 61, 122.5, 90
    ("on", "on"), ("off", "off"), ("yes", "yes"), ("No", "No"), ("y", "y"),  # YAML 1.1: booleans
    ("1_000", "1_000"), ("0b11", "0b11"), ("2024-05-01", "2024-05-01"),       # YAML 1.1: int, int, date
    ("true", True), ("False", False), ("null", None), ("~", None),
    ("12", 12), ("-3", -3), ("017", 17), ("0o17", 15), ("0x1F", 31),
    ("1.5", 1.5), ("1e3", 1000.0), (".5", 0.5), ('"1:1"', "1:1"), ("'on'", "on"),
])
def test_scalars_follow_yaml_12_core(tmp_path, loader, typed, meant):
    data = load_text(tmp_path, f"value: {typed}\nflow: {{value: {typed}}}\n")
    assert data["value"] == meant and type(data["value"]) is type(meant)
    assert data["flow"]["value"] == meant and type(data["flow"]["value"]) is type(meant)


def test_unquoted_values_keep_the_text_typed(tmp_path, loader):
    data = load_text(tmp_path, "a: 017\nb: '017'\nc: [on, \"on\", 1:1]\nd: {x: 1}\n")
    assert plain_text(data, "a") == "017" and plain_text(data, "b") is None and plain_text(data, "d") is None
    assert plain_text(data["c"], 0) == "on" and plain_text(data["c"], 1) is None and plain_text(data["c"], 2) == "1:1"


def test_text_is_nfc_whatever_system_wrote_it(tmp_path, loader):
    nfd = unicodedata.normalize("NFD", "지우")
    assert nfd != "지우"
    data = load_text(tmp_path, f"id: {nfd}\nkeys: {{{nfd}: 1}}\n")
    assert data["id"] == "지우" and "지우" in data["keys"]


@pytest.mark.parametrize("text, words", [
    ("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n"
                                                     for p, c in zip("abcdefgh", "bcdefghi")),
     ["refused", "too many aliases"]),
    ("a: &a [1, *a]\n", ["refused", "alias (*name) is used inside its own anchor"]),
    ("a: " + "[" * 200 + "]" * 200 + "\n", ["refused", "nested more than"]),
])
def test_alias_bombs_and_deep_nesting_are_refused_at_once(tmp_path, loader, text, words):
    start = time.perf_counter()
    with pytest.raises(ProblemsError) as err:
        load_text(tmp_path, text)
    assert time.perf_counter() - start < 5, "refused before expanding anything"  # generous: the machine is shared
    message = str(err.value)
    assert "x.yaml:1" in message or "x.yaml:" in message
    for word in words:
        assert word in message


def test_a_huge_file_is_refused_by_its_size_before_reading(tmp_path, loader):
    path = tmp_path / "huge.yaml"
    path.write_text("cues:\n" + "  - {beat: 1, pose: x}\n" * (yamlio.MAX_BYTES // 20 + 10), encoding="utf-8")
    with pytest.raises(ProblemsError) as err:
        load_yaml(path)
    assert "huge.yaml: the file is too large" in str(err.value) and "MB" in str(err.value)
    small = tmp_path / "small.yaml"
    small.write_text("a: 12345\n", encoding="utf-8")
    with pytest.raises(ProblemsError, match="too large"):
        load_yaml(small, max_bytes=5)


def test_aliases_within_limits_still_work(tmp_path, loader):
    data = load_text(tmp_path, "base: &b {pose: x, hold: 1}\ncues: [*b, *b]\n")
    assert data["cues"] == [{"pose": "x", "hold": 1}] * 2


def test_a_key_given_twice_is_an_error_naming_both_lines(tmp_path, loader):
    with pytest.raises(ProblemsError) as err:
        load_text(tmp_path, "cues:\n  - at: '1:1'\n    pose: big_v\n    pose: flex\n")
    assert "x.yaml:4:" in str(err.value) and "'pose' is given twice (first on line 3)" in str(err.value)
    merged = load_text(tmp_path, "base: &b {pose: x, hold: 1}\ncue: {<<: *b, hold: 2}\n")
    assert merged["cue"] == {"pose": "x", "hold": 2}, "a merge key's values may be overridden"
