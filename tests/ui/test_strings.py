"""Every word the player reads exists in English and Korean (game/ui/strings.py), and no screen
types English straight into a drawing call."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from game.chart import DIFFICULTIES
from game.hints import ACTIONS
from game.judge import Grade
from game.poselib import LIMBS
from game.pose.train import STEPS
from game.scenes.settings import ROWS, TIMING
from game.ui.strings import STRINGS, count, difficulty_label, grade_label, hint_text, limb_names, tr

ROOT = Path(__file__).resolve().parents[2]
SCREEN_FILES = sorted([*(ROOT / "game" / "scenes").glob("*.py"), *(ROOT / "game" / "ui").glob("*.py")])
NOT_SCREENS = {"strings.py", "shots.py", "camera_shots.py"}  # the table itself; screenshot tools
# Calls that put text on screen, by the name called (text.draw, draw.chip, self.tr is not one).
DRAWING = {"draw", "draw_lines", "chip", "button", "prompt", "hint_chip", "cheer_toast", "no_signal", "Popup",
           "instruction_bar", "countdown", "wrap", "fit", "render", "_pill", "_panel", "TextInput", "missing_card"}
# Words that read the same to every player: units, key caps, the brand, a language's own name.
SAME_IN_EVERY_LANGUAGE = {"BPM", "ms", "Esc", "Enter", "Shift", "F11", "F5", "POP", "DANCE", "TRAINER", "English",
                          "MP4", "AVI", "MOV", "Ctrl"}
WORD = re.compile(r"[A-Za-z]{2,}")
CODE_WORD = re.compile(r"[a-z_]+")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_has_both_languages_with_the_same_fields(key):
    en, ko = STRINGS[key]
    assert en.strip() and ko.strip(), f"{key}: a language is missing"
    assert _fields(en) == _fields(ko), f"{key}: the two languages fill different fields"


def _literal_words(node: ast.AST) -> list[str]:
    """English words in a string literal or in the literal parts of an f-string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if CODE_WORD.fullmatch(node.value):  # an anchor, a font weight, an icon name: never shown
            return []
        return [w for w in WORD.findall(node.value) if w not in SAME_IN_EVERY_LANGUAGE]
    if isinstance(node, ast.JoinedStr):
        return [w for part in node.values for w in _literal_words(part)]
    if isinstance(node, ast.BinOp):
        return _literal_words(node.left) + _literal_words(node.right)
    if isinstance(node, ast.IfExp):  # "Saved" if language == "en" else "저장"
        return _literal_words(node.body) + _literal_words(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [w for v in node.values for w in _literal_words(v)]
    return []


def _called(node: ast.Call) -> str:
    f = node.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def english_on_screen(source: str) -> list[tuple[int, str]]:
    """(line, words) for each drawing call given English text, and each key hint labelled in English."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _called(node) in DRAWING:
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                words = _literal_words(arg)
                if words:
                    found.append((node.lineno, " ".join(words)))
        if isinstance(node, ast.FunctionDef) and node.name == "instructions":
            for t in ast.walk(node):
                if isinstance(t, ast.Tuple) and len(t.elts) == 2 and _literal_words(t.elts[1]):
                    found.append((t.lineno, " ".join(_literal_words(t.elts[1]))))
    return found


@pytest.mark.parametrize("path", [p for p in SCREEN_FILES if p.name not in NOT_SCREENS], ids=lambda p: p.name)
def test_no_screen_draws_english_typed_into_the_code(path):
    found = english_on_screen(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: put these in game/ui/strings.py: {found}"


def test_the_scan_finds_english_in_drawing_calls():
    assert english_on_screen('text.draw(s, "GOLD MOVE", 12, (0, 0))') == [(1, "GOLD MOVE")]
    assert english_on_screen('draw.chip(s, f"{n} moves", (0, 0), c)') == [(1, "moves")]
    assert english_on_screen('def instructions(self):\n    return [("F11", "Fullscreen")]') == [(2, "Fullscreen")]
    assert english_on_screen('text.draw(s, self.tr("gold_move"), 12, (0, 0))') == []
    assert english_on_screen('text.draw(s, f"{bpm} BPM · {n} ms", 12, (0, 0), anchor="midtop")') == []
    assert english_on_screen('button(s, rect, "Play", True)') == [(1, "Play")]
    assert english_on_screen('hud.countdown(s, c, t, col, go="GO!")') == [(1, "GO")]
    assert english_on_screen('text.draw(s, "Saved" if en else "저장", 12, (0, 0))') == [(1, "Saved")]


def _keys_asked_for() -> set[str]:
    keys = set()
    for path in (ROOT / "game").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            f = node.func if isinstance(node, ast.Call) else None
            asks = (isinstance(f, ast.Name) and f.id in ("tr", "count")) or (isinstance(f, ast.Attribute) and f.attr == "tr")
            if asks and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    keys.add(first.value)
    return keys


def test_every_key_the_code_asks_for_exists():
    asked = _keys_asked_for()
    assert len(asked) > 80, "the scan sees the code's tr() calls"
    assert sorted(asked - set(STRINGS)) == []


def test_keys_made_from_data_exist():
    """Keys built from names (settings rows, difficulties, grades, hint actions and limbs, training steps)."""
    made = [f"set_{row}" for row in ROWS] + [f"set_{row}_help" for row in ROWS] + [name for _, name in TIMING]
    made += [f"diff_{d}" for d in DIFFICULTIES] + [f"grade_{g.name.lower()}" for g in Grade]
    made += [f"hint_{a}" for a in ACTIONS] + [f"limb_{limb}" for limb in LIMBS] + [f"train_{s}" for s in STEPS]
    made += [f"part_{limb}" for limb in LIMBS]
    assert [k for k in made if k not in STRINGS] == []


def test_counts_agree_in_number():
    assert count("n_members", 1) == "1 member" and count("n_members", 2) == "2 members"
    assert count("n_members", 1, "ko") == "멤버 1명" and count("n_songs", 0) == "0 songs"
    assert tr("held", "ko", n=80) == "80% 유지"


def test_labels_in_korean():
    assert difficulty_label("hard", "ko") == "어려움" and difficulty_label("expert", "ko") == "expert"
    assert grade_label(Grade.PERFECT, "ko") == "퍼펙트" and grade_label("miss") == "Miss"
    assert hint_text(("raise", "left_upper_arm"), "ko") == "왼팔을 올리세요" and hint_text(None) is None


def test_limbs_in_a_list_carry_no_particle():
    """In a sentence a Korean limb takes 을/를 ("왼팔을 올리세요"); in a list it takes none."""
    assert limb_names(["right_forearm", "left_forearm", "left_upper_arm"], "ko") == "오른쪽 아래팔, 왼쪽 아래팔, 왼팔"
    assert limb_names(["left_thigh"], "en") == "left leg"
    for limb in LIMBS:
        assert not limb_names([limb], "ko").endswith(("을", "를")) and tr(f"limb_{limb}", "ko").endswith(("을", "를"))
    said = tr("replay_off_now", "ko", limbs=limb_names(["right_forearm", "left_upper_arm"], "ko"))
    assert said == "지금 어긋난 곳: 오른쪽 아래팔, 왼팔"


def test_the_progress_header_says_one_play_and_one_day():
    one = tr("progress_sub", plays=count("n_plays", 1), days=count("n_days_practised", 1))
    assert one == "1 play · 1 day practised"
    assert tr("progress_sub", "ko", plays=count("n_plays", 3, "ko"), days=count("n_days_practised", 2, "ko")) \
        == "플레이 3회 · 연습한 날 2일"
