"""Readable names and hints for a pose from its limb directions ("Left Arm Up" / "왼팔 위로"),
for poses taught from photos (`poses add`) when the author gives none.

Pure: directions are docs/poses.md degrees (0 down, 90 out to the limb's own side, 180 up,
negative across the body), keyed by game.poselib.LIMBS names."""
from __future__ import annotations

import re
from typing import Collection, Mapping, Sequence

# Eight directions, 45 degrees apart, from straight down turning out to the side and up.
SECTORS = ("down", "down-out", "out", "up-out", "up", "up-in", "in", "down-in")
_EN = {"down": "down", "down-out": "down and out", "out": "out to the side", "up-out": "up and out", "up": "straight up",
       "up-in": "up across your head", "in": "across your body", "down-in": "down across your body"}
_EN_SHORT = {"down": "Down", "down-out": "Low", "out": "Out", "up-out": "Up", "up": "Up", "up-in": "Over",
             "in": "Across", "down-in": "Across"}
_KO = {"down": "아래로", "down-out": "비스듬히 아래로", "out": "옆으로", "up-out": "비스듬히 위로", "up": "위로 쭉",
       "up-in": "머리 위로 넘겨", "in": "몸 앞으로 가로질러", "down-in": "몸 앞 아래로"}
_KO_SHORT = {"down": "아래", "down-out": "아래", "out": "옆으로", "up-out": "위로", "up": "위로", "up-in": "머리 위",
             "in": "가로질러", "down-in": "가로질러"}
_SIDE_EN = {"left": "Left", "right": "Right", "both": "Both"}
_SIDE_KO = {"left": "왼", "right": "오른", "both": "양"}
REST = ("down", "down-out")  # an arm or a leg hanging: not what makes the pose


def sector(degrees: float) -> str:
    """The nearest of SECTORS for a direction in degrees (any range; -180 and 180 are both up)."""
    d = (degrees + 180.0) % 360.0 - 180.0
    if d >= 0:
        return SECTORS[min(4, int((d + 22.5) // 45))]
    return ("down", "down-in", "in", "up-in", "up")[min(4, int((-d + 22.5) // 45))]


def _limb(limbs: Mapping[str, float], side: str, upper: str, lower: str) -> tuple[str, str]:
    return sector(limbs.get(f"{side}_{upper}", 0.0)), sector(limbs.get(f"{side}_{lower}", 0.0))


def _arm_shape(up: str, fore: str) -> str:
    """straight (one direction), hip (hand on the hip), bent-up (elbow out, hand up) or bent."""
    if fore == up or (fore in REST and up in REST):
        return "straight"
    if up in REST and fore in ("down-in", "in"):
        return "hip"
    if up in ("down-out", "out", "up-out") and fore in ("up", "up-out", "up-in"):
        return "bent-up"
    return "bent"


def _arm_en(side: str, up: str, fore: str) -> str:
    both = side == "both"
    shape = _arm_shape(up, fore)
    if shape == "hip":
        return "hands on your hips" if both else f"{side} hand on your hip"
    arm = "both arms" if both else f"{side} arm"
    if shape == "straight":
        return f"{arm} {_EN[up]}"
    if shape == "bent-up":
        return f"{'elbows' if both else side + ' elbow'} {_EN[up]}, {'hands' if both else 'hand'} up"
    return f"{arm} {_EN[up]}, {'forearms' if both else 'forearm'} {_EN[fore]}"


def _arm_ko(side: str, up: str, fore: str) -> str:
    shape = _arm_shape(up, fore)
    if shape == "hip":
        return "양손은 허리에" if side == "both" else f"{_SIDE_KO[side]}손은 허리에"
    arm = f"{_SIDE_KO[side]}팔"
    if shape == "straight":
        return f"{arm}은 {_KO[up]}"
    if shape == "bent-up":
        return f"{'양 팔꿈치' if side == 'both' else _SIDE_KO[side] + '쪽 팔꿈치'}는 {_KO[up]}, 손은 위로"
    return f"{arm}은 {_KO[up]}, 아래팔은 {_KO[fore]}"


def _arm_name(side: str, up: str, fore: str) -> tuple[str, str]:
    """A short name for one arm (or both): "Left Arm Up", "Left Hand Up" (elbow bent, hand up; "Over" when it
    crosses over the head), "Left Hand on Hip"."""
    shape = _arm_shape(up, fore)
    both = side == "both"
    if shape == "hip":
        return ("Hands on Hips", "허리에 손") if both else (f"{_SIDE_EN[side]} Hand on Hip", f"{_SIDE_KO[side]}손 허리에")
    if shape == "bent-up":  # the hand over the head (forearm crossing in) or up beside it
        en, ko = ("Over", "머리 위") if fore == "up-in" else ("Up", "위로")
        return (f"Hands {en}", f"양손 {ko}") if both else (f"{_SIDE_EN[side]} Hand {en}", f"{_SIDE_KO[side]}손 {ko}")
    key = up if up not in REST else fore
    who, who_ko = ("Arms" if both else f"{_SIDE_EN[side]} Arm"), f"{_SIDE_KO[side]}팔"
    return f"{who} {_EN_SHORT[key]}", f"{who_ko} {_KO_SHORT[key]}"


def _arm_rank(up: str, fore: str) -> int:
    """How much an arm sets a pose apart (higher first in its name): raised or across the body
    over out to the side, over a hand on the hip or an arm hanging low."""
    shape = _arm_shape(up, fore)
    if shape == "bent-up" or (shape != "hip" and (up in ("up-out", "up", "up-in", "in", "down-in") or fore in ("up", "up-in"))):
        return 2
    return 1 if shape == "hip" or up == "out" else 0


def _leg(thigh: str) -> str:
    """wide (stepped out to the side), kick (out high), knee (raised in front or up) or down."""
    if thigh in ("down-out", "down-in"):
        return "wide"
    if thigh in ("out", "in"):
        return "kick"
    return "knee" if thigh in ("up-out", "up", "up-in") else "down"


# Per kind of leg move: (hint, Korean hint, name, Korean name); {s}/{S}/{k}: side, Side, Korean side.
_LEGS_BOTH = {"wide": ("feet wide apart", "다리는 넓게 벌리고", "Wide Stance", "넓은 자세"),
              "kick": ("legs out to the sides", "양다리를 옆으로 들고", "Split", "다리 벌리기"),
              "knee": ("knees raised", "양 무릎을 들고", "Knees Up", "무릎 들기")}
_LEGS_ONE = {"wide": ("{s} leg out to the side", "{k}다리는 옆으로", "{S} Step", "{k}쪽 스텝"),
             "kick": ("{s} leg kicked out to the side", "{k}다리는 옆으로 차고", "{S} Kick", "{k}발 차기"),
             "knee": ("{s} knee raised", "{k}쪽 무릎을 들고", "{S} Knee Up", "{k}쪽 무릎 들기")}


def _leg_words(side: str, thigh: str) -> tuple[str, str, str, str]:
    """(hint, Korean hint, name, Korean name) for one leg (or both) moved from standing."""
    if side == "both":
        return _LEGS_BOTH[_leg(thigh)]
    return tuple(w.format(s=side, S=_SIDE_EN[side], k=_SIDE_KO[side]) for w in _LEGS_ONE[_leg(thigh)])  # type: ignore[return-value]


def _pairs(limbs: Mapping[str, float], upper: str, lower: str) -> list[tuple[str, str, str]]:
    """(side, upper sector, lower sector) per side, merged into "both" when the sides match."""
    left, right = _limb(limbs, "left", upper, lower), _limb(limbs, "right", upper, lower)
    if left == right:
        return [("both", *left)]
    return [("left", *left), ("right", *right)]


NEUTRAL = ("Neutral Stance", "기본 자세")
# Longest name that fits a lane card (two lines of 16 px bold in 120 px, game/ui/card_lane.CARD) and the
# target panel (one line of 22 px display type in 310 px, game/ui/guide_panel, coach_panel) for the words made here;
# tests/test_posenames.py measures every name this module can make with the game's fonts.
NAME_CHARS = {"en": 28, "ko": 17}
Name = tuple[str, str]  # (English, Korean)


def _fits(name: Name) -> bool:
    return len(name[0]) <= NAME_CHARS["en"] and len(name[1]) <= NAME_CHARS["ko"]


def _join(parts: Sequence[Name]) -> Name:
    """Parts as one name; a later one-arm part said short when the whole is too long ("Left on Hip")."""
    name = ", ".join(p[0] for p in parts), ", ".join(p[1] for p in parts)
    if _fits(name):
        return name
    later = [re.sub(r"^(Left|Right) (Arm|Hand) ", r"\1 ", p[0]) for p in parts[1:]]
    return ", ".join([parts[0][0], *later]), name[1]


def name_parts(limbs: Mapping[str, float]) -> list[Name]:
    """What sets the pose apart from standing with arms down, most distinctive first: a moved leg
    (rarer in choreography), then raised or crossing arms, then arms out, hands on hips."""
    arms = _pairs(limbs, "upper_arm", "forearm")
    legs = _pairs(limbs, "thigh", "shin")
    moved_legs = [g for g in legs if _leg(g[1]) != "down"]
    if len(moved_legs) == 2 and all(_leg(g[1]) == "wide" for g in moved_legs):  # both feet out: a stance
        bent = [g[0] for g in moved_legs if g[2] != g[1]]
        side = bent[0] if len(bent) == 1 else None
        ranked = [(3, (f"{_SIDE_EN[side]} Lunge", f"{_SIDE_KO[side]}쪽 런지") if side else ("Wide Stance", "넓은 자세"))]
    else:
        ranked = [(3, _leg_words(side, thigh)[2:]) for side, thigh, _ in moved_legs]
    moved = [a for a in arms if _arm_shape(a[1], a[2]) != "straight" or a[1] not in REST]
    named = [(_arm_rank(a[1], a[2]), _arm_name(*a)) for a in moved]
    if len(moved) == 2 and named[0][1][0].split(" ", 1)[1] == named[1][1][0].split(" ", 1)[1]:
        named = [(named[0][0], _arm_name("both", *moved[0][1:]))]  # the same move on both sides: "Arms Up"
    ranked += named
    return [name for _, name in sorted(ranked, key=lambda r: -r[0])]  # stable: left before right on a tie


def name_choices(limbs: Mapping[str, float]) -> list[Name]:
    """Names for the pose, best first, each short enough for a card (NAME_CHARS): the two most
    distinctive parts, or the first alone; then the first with each other part, then all three,
    to tell it from a pose already named so (see unique_name)."""
    parts = name_parts(limbs) or [NEUTRAL]
    first = _join(parts[:2]) if _fits(_join(parts[:2])) else parts[0]
    more = [_join([parts[0], p]) for p in parts[1:]] + [_join(parts[:3])]
    out = [first]
    for name in more:
        if _fits(name) and name not in out:
            out.append(name)
    return out


def unique_name(limbs: Mapping[str, float], taken: Collection[str] = ()) -> Name:
    """The first of name_choices whose English and Korean names no other pose uses (`taken`: the
    names, both languages, in the library); failing that the first with a letter: "Left Arm Up B"."""
    choices = name_choices(limbs)
    for en, ko in choices:
        if en not in taken and ko not in taken:
            return en, ko
    en, ko = next((c for c in choices + (name_parts(limbs) or [NEUTRAL])[:1] if _fits((c[0] + " B", c[1] + " B"))))
    for letter in "BCDEFGHIJKLMNOPQRSTUVWXYZ":
        if f"{en} {letter}" not in taken and f"{ko} {letter}" not in taken:
            return f"{en} {letter}", f"{ko} {letter}"
    return en, ko


def describe(limbs: Mapping[str, float], taken: Collection[str] = ()) -> dict[str, str]:
    """A name and a one-line hint in English and Korean: {"name", "name_ko", "hint", "hint_ko"}.

    The name (unique_name: distinct from `taken`, the library's names) says what sets the pose
    apart from standing with arms down; the hint says where every arm and any moved leg goes."""
    arms = _pairs(limbs, "upper_arm", "forearm")
    legs = _pairs(limbs, "thigh", "shin")
    moved_legs = [g for g in legs if _leg(g[1]) != "down"]
    words = [_leg_words(side, thigh) for side, thigh, _ in moved_legs]
    leg_hint, leg_hint_ko = [w[0] for w in words], [w[1] for w in words]
    if len(moved_legs) == 2 and all(_leg(g[1]) == "wide" for g in moved_legs):  # both feet out: a stance
        bent = [g[0] for g in moved_legs if g[2] != g[1]]
        side = bent[0] if len(bent) == 1 else None
        leg_hint = ["feet wide apart" + (f", {side} knee bent" if side else "")]
        leg_hint_ko = ["다리는 넓게 벌리고" + (f", {_SIDE_KO[side]}쪽 무릎을 굽혀요" if side else "")]
    hint = [_arm_en(*a) for a in arms] + leg_hint
    hint_ko = [_arm_ko(*a) for a in arms] + leg_hint_ko
    if not moved_legs:
        hint.append("feet under your hips")
        hint_ko.append("발은 골반 아래에")
    text = ", ".join(hint)
    name, name_ko = unique_name(limbs, taken)
    return {"name": name, "name_ko": name_ko, "hint": text[:1].upper() + text[1:], "hint_ko": ", ".join(hint_ko)}


def looks_like_a_name(typed: str) -> bool:
    """Whether what the author typed as the pose name is already a display name ("Warrior Two"),
    not an id (point_up_left)."""
    return any(c.isupper() or c == " " for c in typed) or any(not c.isascii() for c in typed)


def pose_labels(limbs: Mapping[str, float], current: Mapping[str, object], typed: str,
                given: Mapping[str, str | None], taken: Collection[str] = ()) -> dict[str, str]:
    """The display keys to write into a pose file: what the author gave (--name, --name-ko,
    --hint, --hint-ko) always; otherwise words derived from the limbs (a name no pose in `taken`
    has), but only where the file has none of its own (a display name typed as the pose's name is kept)."""
    derived = describe(limbs, taken)
    default_name = typed.replace("_", " ").strip()
    out: dict[str, str] = {}
    for key in ("name", "name_ko", "hint", "hint_ko"):
        value = given.get(key)
        if value:
            out[key] = value
        elif key == "name":
            if not looks_like_a_name(typed) and current.get("name") in (None, "", default_name):
                out[key] = derived[key]
        elif not current.get(key):
            out[key] = derived[key]
    return out
