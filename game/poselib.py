"""The pose library: poses as data (models/poses/*.yaml), and the skeleton each one describes.

Directions are dancer-centric (see docs/poses.md): degrees from straight down, turning away
from the body on the limb's own side. Symmetric poses have equal numbers on both sides and a
mirror image swaps the sides, which keeps the dancer's left distinct from the right."""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from game.problems import Problem, ProblemsError, did_you_mean
from game.schema import ID, check
from game.yamlio import line_of, load_yaml

CLASSIFIER_META = "classifier.yaml"  # the trained model's metadata lives beside the poses; it is not a pose
LIMBS = ("left_upper_arm", "left_forearm", "right_upper_arm", "right_forearm",
         "left_thigh", "left_shin", "right_thigh", "right_shin")
SEGMENTS = ("torso", "head") + LIMBS
WORDS = {"down": 0.0, "up": 180.0, "out": 90.0, "in": -90.0, "up-out": 135.0, "down-out": 45.0,
         "up-in": -135.0, "down-in": -45.0}

# Segment lengths in torso lengths (hips-centre to shoulders-centre = 1), average adult.
PROPORTIONS = MappingProxyType({
    "shoulder_half": 0.36, "hip_half": 0.2, "neck": 0.28, "upper_arm": 0.58, "forearm": 0.52,
    "thigh": 0.86, "shin": 0.82, "head_radius": 0.2,
})

_ANGLE = {"oneOf": [{"type": "number", "minimum": -180, "maximum": 180}, {"enum": list(WORDS)}],
          "description": "a direction in degrees from -180 to 180, or one of " + ", ".join(WORDS)}
SCHEMA = {
    "type": "object",
    "required": ["id", "name", "limbs"],
    "additionalProperties": False,
    "properties": {
        "id": ID,
        "name": {"type": "string", "minLength": 1},
        "name_ko": {"type": "string"},
        "hint": {"type": "string"},
        "hint_ko": {"type": "string"},
        "mirror": {"type": "string"},
        "either_side": {"type": "boolean", "description": "true when the pose may be done on either side (left and right are the same move)"},
        "limbs": {"type": "object", "required": list(LIMBS), "additionalProperties": False,
                  "properties": {s: _ANGLE for s in SEGMENTS}},
        "examples": {"type": "array", "description": "landmark examples learned from photos (written by 'poses add')"},
    },
}


@dataclass(frozen=True)
class PoseDef:
    """One pose: its names and the direction of each body segment (degrees, dancer-centric)."""

    id: str
    name: str
    angles: Mapping[str, float]
    name_ko: str = ""
    hint: str = ""
    hint_ko: str = ""
    mirror: str | None = None
    either_side: bool = False  # the author says left and right are one move; otherwise the side is part of the pose
    examples: tuple = ()
    path: Path | None = None
    line: int | None = None

    def display_name(self, language: str = "en") -> str:
        return self.name_ko if language == "ko" and self.name_ko else self.name

    def display_hint(self, language: str = "en") -> str:
        return self.hint_ko if language == "ko" and self.hint_ko else self.hint


@dataclass(frozen=True)
class PoseLibrary:
    """All poses by id, plus the folder they came from."""

    poses: Mapping[str, PoseDef]
    folder: Path | None = None
    problems: tuple[Problem, ...] = field(default=())

    def __contains__(self, pose_id: object) -> bool:
        return pose_id in self.poses

    def __getitem__(self, pose_id: str) -> PoseDef:
        return self.poses[pose_id]

    def ids(self) -> list[str]:
        return sorted(self.poses)


def _angle(value: float | str) -> float:
    return WORDS[value] if isinstance(value, str) else float(value)


def parse_pose(data: object, path: Path) -> PoseDef:
    """Build a PoseDef from parsed YAML, or raise ProblemsError with every problem found."""
    problems = check(data, SCHEMA, path)
    if problems:
        raise ProblemsError(problems)
    assert isinstance(data, dict)
    angles = {"torso": 0.0, "head": None, **{k: _angle(v) for k, v in data["limbs"].items()}}
    if angles["head"] is None:
        angles["head"] = angles["torso"]
    expected_id = unicodedata.normalize("NFC", path.stem)  # macOS writes file names decomposed (NFD)
    if data["id"] != expected_id:
        raise ProblemsError([Problem(path, line_of(data, "id"),
                                     f"id '{data['id']}' does not match the file name; rename the file to {data['id']}.yaml or change the id")])
    return PoseDef(id=data["id"], name=data["name"], name_ko=data.get("name_ko", ""), hint=data.get("hint", ""),
                   hint_ko=data.get("hint_ko", ""),
                   mirror=data.get("mirror"), either_side=bool(data.get("either_side", False)),
                   angles=MappingProxyType(angles),
                   examples=tuple(data.get("examples", ())), path=path, line=line_of(data))


def pose_files(folder: Path) -> list[Path]:
    """The pose files of a library: every *.yaml except the classifier's metadata."""
    return sorted(p for p in Path(folder).glob("*.yaml") if p.name != CLASSIFIER_META)


def load_pose_library(folder: Path) -> PoseLibrary:
    """Load every *.yaml in folder. Broken files are skipped and reported in .problems."""
    folder = Path(folder)
    poses: dict[str, PoseDef] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return PoseLibrary({}, folder, (Problem(folder, None, "pose library folder not found"),))
    for path in pose_files(folder):
        try:
            pose = parse_pose(load_yaml(path), path)
        except ProblemsError as err:
            problems.extend(err.problems)
            continue
        poses[pose.id] = pose
    for pose in poses.values():
        if pose.mirror and pose.mirror not in poses:
            problems.append(Problem(pose.path, pose.line, f"mirror pose '{pose.mirror}' is not in the library{did_you_mean(pose.mirror, poses)}"))
        elif pose.mirror and pose.either_side:
            problems.append(Problem(pose.path, pose.line, f"a pose done on either side has no separate mirror pose: "
                                                          f"remove 'mirror: {pose.mirror}' or 'either_side: true'"))
    return PoseLibrary(MappingProxyType(poses), folder, tuple(problems))


def wrap_degrees(x):
    """An angle (or numpy array of angles) brought into [-180, 180)."""
    return (x + 180.0) % 360.0 - 180.0


def lerp_angle(a: float, b: float, t: float) -> float:
    """Part way from angle a to angle b, the short way round."""
    return a + wrap_degrees(b - a) * t


def mirror_angles(angles: Mapping[str, float]) -> dict[str, float]:
    """The mirror image of a pose: left and right swap, torso and head lean the other way."""
    out = {s.replace("left", "@").replace("right", "left").replace("@", "right"): float(v) for s, v in angles.items()}
    out["torso"], out["head"] = -float(angles.get("torso", 0.0)), -float(angles.get("head", 0.0))
    return out


def limb_distance(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Sum over the arm and leg segments of how far apart two poses are (degrees)."""
    return sum(abs(wrap_degrees(float(a[s]) - float(b[s]))) for s in LIMBS)


def direction(segment: str, degrees: float) -> tuple[float, float]:
    """Unit vector of a segment in card space: x to screen right, y down, mirrored view.

    Mirrored (selfie) view: the dancer's left side is on the screen's left, so 'outward' for
    a left limb is -x and for a right limb +x. The torso and head point up at 0 degrees."""
    rad = math.radians(degrees)
    if segment in ("torso", "head"):
        return (-math.sin(rad), -math.cos(rad))
    side = -1.0 if segment.startswith("left") else 1.0
    return (side * math.sin(rad), math.cos(rad))


def skeleton_points(angles: Mapping[str, float], proportions: Mapping[str, float] = PROPORTIONS) -> dict[str, tuple[float, float]]:
    """Joint positions in card space (hips centre at origin, unit = torso length, y down).

    Joint names follow MediaPipe: nose, left/right shoulder, elbow, wrist, hip, knee, ankle."""
    p = proportions
    tx, ty = direction("torso", angles.get("torso", 0.0))
    neck = (tx, ty)
    # shoulders and hips lie across the torso axis; the dancer's left is screen-left (mirrored)
    across = (ty, -tx)  # perpendicular pointing to screen-left when upright
    pts: dict[str, tuple[float, float]] = {
        "hip_centre": (0.0, 0.0), "shoulder_centre": neck,
        "left_hip": (across[0] * p["hip_half"], across[1] * p["hip_half"]),
        "right_hip": (-across[0] * p["hip_half"], -across[1] * p["hip_half"]),
        "left_shoulder": (neck[0] + across[0] * p["shoulder_half"], neck[1] + across[1] * p["shoulder_half"]),
        "right_shoulder": (neck[0] - across[0] * p["shoulder_half"], neck[1] - across[1] * p["shoulder_half"]),
    }
    hx, hy = direction("head", angles.get("head", angles.get("torso", 0.0)))
    pts["nose"] = (neck[0] + hx * p["neck"], neck[1] + hy * p["neck"])
    for side in ("left", "right"):
        chain = [(f"{side}_shoulder", f"{side}_elbow", f"{side}_upper_arm", "upper_arm"),
                 (f"{side}_elbow", f"{side}_wrist", f"{side}_forearm", "forearm"),
                 (f"{side}_hip", f"{side}_knee", f"{side}_thigh", "thigh"),
                 (f"{side}_knee", f"{side}_ankle", f"{side}_shin", "shin")]
        for start, end, segment, length in chain:
            dx, dy = direction(segment, angles[segment])
            sx, sy = pts[start]
            pts[end] = (sx + dx * p[length], sy + dy * p[length])
    return pts


BONES = (("left_shoulder", "right_shoulder"), ("left_hip", "right_hip"),
         ("left_shoulder", "left_hip"), ("right_shoulder", "right_hip"),
         ("left_shoulder", "left_elbow"), ("left_elbow", "left_wrist"),
         ("right_shoulder", "right_elbow"), ("right_elbow", "right_wrist"),
         ("left_hip", "left_knee"), ("left_knee", "left_ankle"),
         ("right_hip", "right_knee"), ("right_knee", "right_ankle"),
         ("shoulder_centre", "nose"))
