"""game/schema.py: unquoted values read as the schema means them; numbers the game can use; ids."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.schema import ID_PATTERN, validate, yaml_reads_unquoted
from game.yamlio import load_yaml

SCHEMA = {
    "type": "object",
    "properties": {
        "title": {"type": "string"}, "id": {"type": "string"}, "gold": {"type": "boolean"},
        "start": {"type": "number"}, "at": {"type": ["string", "number"]},
        "items": {"type": "array", "items": {"type": "object", "properties": {"pose": {"type": "string"}}}},
    },
}


def run(tmp_path: Path, text: str):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    data = load_yaml(path)
    return data, validate(data, SCHEMA, path)


@pytest.mark.parametrize("text, key, meant", [
    ("title: 1999", "title", "1999"), ("title: 1.10", "title", "1.10"), ("id: true", "id", "true"),
    ("id: null", "id", "null"), ("at: 1:1", "at", "1:1"), ("at: 4", "at", 4), ("gold: true", "gold", True),
])
def test_unquoted_values_are_what_the_schema_means(tmp_path, text, key, meant):
    data, found = run(tmp_path, text + "\n")
    assert data[key] == meant and type(data[key]) is type(meant)
    assert not found.errors and not found.warnings


@pytest.mark.parametrize("text, line, meant", [
    ("title: x\nid: on\n", 2, "on"),
    ("items:\n  - {pose: no}\n", 2, "no"),
])
def test_yes_no_on_off_as_text_warn_with_the_line_and_the_quotes(tmp_path, text, line, meant):
    data, found = run(tmp_path, text)
    assert not found.errors
    (warning,) = found.warnings
    assert warning.line == line and warning.level == "warning"
    assert "on/off/yes/no" in warning.message and "true/false" in warning.message and f'"{meant}"' in warning.message


def test_yes_where_a_boolean_is_wanted_is_true_and_warns(tmp_path):
    data, found = run(tmp_path, "gold: yes\n")
    assert data["gold"] is True and not found.errors
    assert "write true" in found.warnings[0].message and found.warnings[0].line == 1


@pytest.mark.parametrize("text, words", [
    ("start: 1:30", ["f.yaml:1", "not a number here", "90", "1 min 30 s"]),
    ("start: .nan", ["f.yaml:1", ".nan is not a number the game can use"]),
    ("start: -.inf", ["f.yaml:1", "-.inf is not a number the game can use"]),
    ("at: .inf", ["f.yaml:1", "not a number the game can use"]),
])
def test_numbers_the_game_cannot_use_are_errors(tmp_path, text, words):
    _, found = run(tmp_path, text + "\n")
    message = str(found.errors[0])
    for word in words:
        assert word in message, message


def test_a_leading_zero_warns_that_other_tools_read_octal(tmp_path):
    data, found = run(tmp_path, "start: 010\n")
    assert data["start"] == 10 and "octal" in found.warnings[0].message


@pytest.mark.parametrize("text, reading", [
    ("no", "false"), ("ON", "true"), ("true", "true"), ("null", "nothing"), ("123", "the number 123"),
    ("1_30", "the number 130"), ("1e3", "the number 1000"), ("big_v", None), ("하트_팔", None), ("a-b", None),
])
def test_yaml_reads_unquoted(text, reading):
    result = yaml_reads_unquoted(text)
    assert (result is None) if reading is None else (result is not None and result.startswith(reading)), result


@pytest.mark.parametrize("value, ok", [
    ("ari", True), ("지우", True), ("big_v", True), ("jo-1", True), ("ärm", True), ("9lives", True),
    ("Ari", False), ("big v", False), ("_x", False), ("-x", False), ("a:b", False), ("", False),
])
def test_ids_in_any_script(value, ok):
    assert bool(re.search(ID_PATTERN, value)) is ok


def test_an_unquoted_colour_is_a_comment_and_the_message_says_so(tmp_path):
    data, found = run(tmp_path, "title: #ff5fa2\n")
    (error,) = found.errors  # one message, in the author's words (jsonschema's "None should be text" is not repeated)
    assert error.line == 1 and "has no value" in error.message and 'quotes, like "#ff5fa2"' in error.message
