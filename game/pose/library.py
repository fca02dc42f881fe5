"""Pose library files for learning: loading (without the classifier's own metadata file), the
library fingerprint, the photo-example format, and teaching a pose from photos or video frames.

A learned example in a pose YAML is one item of `examples`:
    {source: <image file name or "video.mp4@12.5s">, size: [width, height],
     landmarks: [[x, y, z, visibility] * 33]}   # MediaPipe layout, normalised, rounded to 4 digits
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np
import yaml

from game.pose.features import limb_angles, mean_angles
from game.pose.landmarks import CachedPhotoLandmarker, LandmarkError, Landmarks
from game.pose.moments import Moment, better_moment, unsure_joints, video_moments
from game.paths import user_poses_dir
from game.poselib import (CLASSIFIER_META, LIMBS, PoseDef, limb_distance, mirror_angles, parse_pose, pose_files,
                          wrap_degrees)
from game.schema import yaml_reads_unquoted
from game.yamlio import load_yaml

MODEL_FILE = "classifier.tflite"
META_FILE = CLASSIFIER_META
EXAMPLES_FILE = "classifier_examples.npz"  # the taught examples' embeddings, for the nearest-example vote


def train_args(library: Path | None) -> list[str]:
    """Arguments after `python main.py` that retrain `library`: no --library for None (the default library,
    which a retrain makes the player's, see game.paths.player_poses_dir) or for the player's own library."""
    own = library is None or Path(library).resolve() == user_poses_dir().resolve()
    return ["poses", "train", *([] if own else ["--library", str(library)])]


DISPLAY_KEYS = ("name", "name_ko", "hint", "hint_ko")  # words on screen: training never reads them


def fingerprint(folder: Path) -> str:
    """Hash of the pose files' names and what training reads of them: a model trained on another
    library is stale; a pose renamed or given a (Korean) hint is not another library."""
    h = hashlib.sha256()
    for path in pose_files(folder):
        h.update(path.name.encode() + b"\0" + _training_bytes(path) + b"\0")
    return h.hexdigest()[:16]


def _training_bytes(path: Path) -> bytes:
    """The file without its display-only keys (the raw bytes when it does not parse)."""
    raw = path.read_bytes()
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError:
        return raw
    if not isinstance(data, dict):
        return raw
    kept = {k: v for k, v in data.items() if k not in DISPLAY_KEYS}
    return yaml.safe_dump(kept, sort_keys=True, allow_unicode=True).encode()


def example_arrays(pose: PoseDef) -> tuple[np.ndarray, np.ndarray]:
    """A pose's learned examples as ((k,33,4) landmarks, (k,2) image sizes); k may be 0."""
    pts, sizes = [], []
    for ex in pose.examples:
        try:
            arr = np.asarray(ex["landmarks"], dtype=np.float32).reshape(33, 4)
            w, h = (float(v) for v in ex["size"])
        except (KeyError, TypeError, ValueError):
            continue  # a hand-edited example we cannot read is skipped, not fatal
        pts.append(arr)
        sizes.append((w, h))
    if not pts:
        return np.zeros((0, 33, 4), np.float32), np.zeros((0, 2), np.float32)
    return np.stack(pts), np.asarray(sizes, np.float32)


def pose_id(name: str) -> str:
    """File/chart id for a pose name, in any script: 'Downward Dog' -> 'downward_dog', '하트 팔' -> '하트_팔'."""
    return re.sub(r"[\W_]+", "_", unicodedata.normalize("NFC", name).lower()).strip("_")


def card_angles(examples: Sequence[Landmarks], either_side: bool) -> dict[str, float]:
    """Mean limb angles of the examples: the pose's card. A side-specific pose's examples are
    averaged as they are; a pose done on either side has each example taken as is or mirrored,
    whichever agrees better with the first, so the card shows one side rather than a blur."""
    sets = [limb_angles(lm) for lm in examples]
    if not either_side:
        return mean_angles(sets)
    ref = sets[0]
    aligned = [a if limb_distance(a, ref) <= limb_distance(mirror_angles(a), ref) else mirror_angles(a) for a in sets]
    return mean_angles(aligned)


@dataclass(frozen=True)
class AddResult:
    """What happened to one photo or video frame given to `poses add`."""

    source: str
    found: bool
    message: str = ""
    warning: str = ""  # the example was taken, but a joint the pose depends on was a guess,
    # or it disagrees with the pose it was added to (see disagreeing_limbs)


FAR_DEGREES = 60.0  # a limb this far from the pose's card is another move, not another way of doing it


def existing_pose(library_dir: Path, name: str) -> PoseDef | None:
    """The pose `name` would be added to (`<library>/<id>.yaml`), or None when it is new.
    Raises ProblemsError/ValueError when that file does not load."""
    path = Path(library_dir) / f"{pose_id(name)}.yaml"
    return parse_pose(load_yaml(path), path) if path.is_file() else None


def names_in_use(library_dir: Path, but: str = "") -> set[str]:
    """The display names (English and Korean) of the library's poses other than the pose id `but`,
    read from each file's head (names come before the examples) so a large library reads fast."""
    names: set[str] = set()
    for path in sorted(Path(library_dir).glob("*.yaml")):
        if path.stem == but:
            continue
        try:
            head = path.read_text(encoding="utf-8").split("\nexamples:", 1)[0]
            data = yaml.safe_load(head)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict):
            names |= {str(data[k]) for k in ("name", "name_ko") if data.get(k)}
    return names


def disagreeing_limbs(pose: PoseDef, lm: Landmarks, far: float = FAR_DEGREES) -> list[tuple[str, float, float]]:
    """Limbs on which one example is more than `far` degrees from the pose's card (its written
    limbs, or the mean of its examples): [(limb, card degrees, example degrees)]. A pose done on
    either side is compared with the example or its mirror image, whichever is nearer."""
    seen = limb_angles(lm)
    if pose.either_side and limb_distance(mirror_angles(seen), pose.angles) < limb_distance(seen, pose.angles):
        seen = mirror_angles(seen)
    return [(s, float(pose.angles[s]), float(seen[s])) for s in LIMBS
            if s in pose.angles and abs(wrap_degrees(float(seen[s]) - float(pose.angles[s]))) > far]


def _disagreement(pose: PoseDef, source: str, lm: Landmarks) -> str:
    """A warning naming the limbs on which an example disagrees with its pose ('' when none)."""
    far = disagreeing_limbs(pose, lm)
    if not far:
        return ""
    limbs = ", ".join(f"{s.replace('_', ' ')} {seen:.0f}° (pose {card:.0f}°)" for s, card, seen in far)
    return (f"{source} is far from pose '{pose.id}' on {limbs}; if it is another move, "
            f"add it under a new name, e.g. {pose.id}_2")


def _plain(value):
    """LineDict/LineList -> dict/list so that yaml.safe_dump can write them back."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def add_pose_from_images(library_dir: Path, name: str, images: Iterable[Path] = (), video: Path | None = None,
                         at: Iterable[float] | float | None = None,
                         landmarker: CachedPhotoLandmarker | None = None,
                         labels: Callable[[Mapping[str, float], Mapping], Mapping[str, str]] | None = None, *,
                         span: float = 0.0, either_side: bool | None = None) -> list[AddResult]:
    """Create or extend `<library>/<id>.yaml` with the person found in each photo (still-image
    MediaPipe) and in the video at each `at` second: every frame within ±span/2 s of it, as play
    sees them (game.pose.moments: tracking MediaPipe run from the video's start). The card's
    `limbs` are the mean of the examples' angles, unless the file already had hand-written limbs
    and no examples. `labels(limbs, file so far)` gives display keys to write (names and hints,
    game.posenames.pose_labels). `either_side` True/False writes `either_side:`; None keeps what
    the file says (side-specific for a new pose). Returns one result per photo or video frame;
    the file is written only when at least one person was found."""
    library_dir = Path(library_dir)
    pid = pose_id(name)
    if not pid:
        raise ValueError(f"pose name '{name}' has no letters or digits; use a name like point_up_left")
    if yaml_reads_unquoted(pid):  # `pose: no` in a chart would mean false to YAML 1.1 tools
        raise ValueError(f"a chart could use the pose id '{pid}' only in quotes: YAML reads it as {yaml_reads_unquoted(pid)}; "
                         f"choose another name, like {pid}_pose")
    landmarker = landmarker or CachedPhotoLandmarker()
    results: list[AddResult] = []
    new: list[tuple[str, Landmarks]] = []
    for image in images:
        try:
            found = landmarker.from_file(Path(image))
        except LandmarkError as err:
            results.append(AddResult(str(image), False, str(err)))
            continue
        unsure = unsure_joints(found) if found is not None else []
        results.append(AddResult(str(image), found is not None, "" if found else f"{image}: no person found",
                                 f"{Path(image).name}: {', '.join(unsure)} hardly visible, so guessed; "
                                 f"a photo showing them would teach the pose better" if unsure else ""))
        if found is not None:
            new.append((Path(image).name, found))
    if video is not None:
        times = [at] if isinstance(at, (int, float)) else list(at or [])
        for moment in video_moments(Path(video), [float(t) for t in times], span):
            results += _moment_results(Path(video).name, moment, new)
    before = existing_pose(library_dir, name)
    if before is not None and new:
        examples = iter(new)
        results = [replace(r, warning="; ".join(w for w in (r.warning, _disagreement(before, *next(examples))) if w))
                   if r.found else r for r in results]  # found results and `new` are in the same order
    if new:
        write_examples(library_dir, name, new, either_side, labels)
    return results


def write_examples(library_dir: Path, name: str, new: Sequence[tuple[str, Landmarks]],
                   either_side: bool | None = None,
                   labels: Callable[[Mapping[str, float], Mapping], Mapping[str, str]] | None = None) -> Path:
    """Append examples ((source, Landmarks) pairs) to `<library>/<id>.yaml`, creating it, and
    recompute its card (see add_pose_from_images). Returns the file written."""
    pid = pose_id(name)
    path = Path(library_dir) / f"{pid}.yaml"
    data: dict = {"id": pid, "name": name.replace("_", " ").strip() or pid}
    if path.is_file():
        data = _plain(load_yaml(path)) or data
    old = [Landmarks.from_list(e["landmarks"], *e["size"]) for e in data.get("examples", [])
           if isinstance(e, dict) and "landmarks" in e and "size" in e]
    examples = list(data.get("examples", [])) + [
        {"source": src, "size": [lm.width, lm.height], "landmarks": lm.to_list(4)} for src, lm in new]
    if either_side is not None:
        data["either_side"] = bool(either_side)
    if old or "limbs" not in data:
        angles = card_angles(old + [lm for _, lm in new], bool(data.get("either_side", False)))
        data["limbs"] = {s: angles[s] for s in LIMBS + ("torso",)}
    if labels is not None:
        data.update(labels(data["limbs"], data))
        data = {**{k: data[k] for k in ("id", *DISPLAY_KEYS) if k in data}, **data}  # names first, as people write them
    data["examples"] = examples
    path.parent.mkdir(parents=True, exist_ok=True)
    head = {k: v for k, v in data.items() if k != "examples"}
    text = (yaml.safe_dump(head, sort_keys=False, allow_unicode=True, default_flow_style=False)
            + yaml.safe_dump({"examples": examples}, sort_keys=False, allow_unicode=True,
                             default_flow_style=None, width=4000))  # one landmark per line
    path.write_text(text, encoding="utf-8")
    parse_pose(load_yaml(path), path)  # what we wrote must load: fail here, not in the game
    return path


def _moment_results(video_name: str, moment: Moment, new: list[tuple[str, Landmarks]]) -> list[AddResult]:
    """One result per frame taken at a moment; found frames are appended to `new` as examples."""
    out = []
    for t, lm in moment.taken():
        label = f"{video_name}@{t:.2f}s"
        if lm is None:
            out.append(AddResult(label, False, f"{label}: no person found"))
            continue
        new.append((label, lm))
        unsure = unsure_joints(lm)
        warning = ""
        if unsure:
            better = better_moment(moment)
            warning = (f"{label}: {', '.join(unsure)} hardly visible, so guessed; "
                       + (f"try --at {better:.2f}, where every joint is seen" if better is not None
                          else "no moment within 1 s shows every joint: choose another moment"))
        out.append(AddResult(label, True, "", warning))
    return out
