"""`python main.py poses ...`: teach poses from photos, train, evaluate and classify.

main.py calls add_arguments(subparsers) and, for the 'poses' command, run(args). Every command
takes --library DIR (the model lives beside the poses); without it the commands that write (add, train)
use the player's own library (game.paths.player_poses_dir, made on the first write as a copy of the shipped
one) and the others read the default one (game.paths.default_poses_dir). Errors a user can cause print one clear line and return non-zero."""
from __future__ import annotations

import argparse
import json
import shlex
import sys
from pathlib import Path

import numpy as np

from game.paths import default_poses_dir, player_poses_dir, user_path, user_poses_dir
from game.pose.library import names_in_use, pose_id, train_args

IMAGE_EXT = {".jpg", ".jpeg", ".png", ".bmp", ".webp"}


def add_arguments(subparsers) -> argparse.ArgumentParser:
    """Add the 'poses' command and its subcommands to main.py's subparsers."""
    poses = subparsers.add_parser("poses", help="teach, train and test the pose classifier")
    sub = poses.add_subparsers(dest="poses_command", required=True)

    def common(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--library", type=user_path, default=None,
                       help=f"pose library folder; its model is written beside the poses (default: your own, "
                            f"{user_poses_dir()}, made from the shipped poses on the first change)")
        return p

    add = common(sub.add_parser("add", help="create or extend a pose from photos or video frames"))
    add.add_argument("name", help="pose name, e.g. point_up_left")
    add.add_argument("--image", type=user_path, action="append", default=[], help="a photo of the pose (repeatable)")
    add.add_argument("--video", type=user_path, help="a video showing the pose")
    add.add_argument("--at", type=float, action="append", default=[], help="seconds into --video where the pose is held (repeatable)")
    add.add_argument("--span", type=float, default=0.0,
                     help="take every frame within ±SPAN/2 seconds of each --at (e.g. 0.3), not just the nearest")
    add.add_argument("--either-side", action="store_true",
                     help="the pose may be done on either side (left and right are one move); without it the side counts")
    add.add_argument("--name", dest="display_name", help="name shown on the card (default: made from the limbs, e.g. 'Left Arm Up')")
    add.add_argument("--name-ko", dest="name_ko", help="Korean name shown on the card (default: made from the limbs)")
    add.add_argument("--hint", help="one line under the card saying how to do it (default: made from the limbs)")
    add.add_argument("--hint-ko", dest="hint_ko", help="the hint in Korean (default: made from the limbs)")
    tr = common(sub.add_parser("train", help="train the classifier on every pose in the library"))
    tr.add_argument("--epochs", type=int, default=40)
    tr.add_argument("--seed", type=int, default=0)
    ev = common(sub.add_parser("eval", help="accuracy on a folder of photos (one sub-folder per pose)"))
    ev.add_argument("--images", type=user_path, required=True, help="folder with one sub-folder of photos per pose")
    ev.add_argument("--png", type=user_path, help="where to save the confusion matrix (default: <images>/confusion.png)")
    cl = common(sub.add_parser("classify", help="print the pose found in each image (or video moment) as JSON"))
    cl.add_argument("images", type=user_path, nargs="*")
    cl.add_argument("--video", type=user_path, help="a video: classify the moments given with --at, as play sees them")
    cl.add_argument("--at", type=float, action="append", default=[], help="seconds into --video (repeatable)")
    wa = common(sub.add_parser("watch", help="what the game sees at each moment of a video: JSON lines and a contact sheet"))
    wa.add_argument("video", type=user_path)
    wa.add_argument("--from", dest="start", type=float, default=0.0, help="first moment, seconds into the video (default 0)")
    wa.add_argument("--to", dest="end", type=float, help="last moment, seconds (default: the end of the video)")
    wa.add_argument("--step", type=float, default=0.5, help="seconds between moments (default 0.5)")
    wa.add_argument("--png", type=user_path, help="where to write the contact sheet (default: <your data folder>/watch/<video name>-watch.png)")
    return poses


def run(args: argparse.Namespace) -> int:
    """Run one 'poses' subcommand; returns the exit status."""
    from game.pose.classifier import ModelError
    from game.pose.landmarks import LandmarkError
    from game.pose.train import TrainError  # TensorFlow itself is imported only when training starts
    from game.problems import ProblemsError
    commands = {"add": _add, "train": _train, "eval": _eval, "classify": _classify, "watch": _watch}
    try:
        if args.library is None:
            writes = args.poses_command in ("add", "train")
            args.library = player_poses_dir(say=lambda text: print(text, file=sys.stderr)) if writes else default_poses_dir()
        return commands[args.poses_command](args)
    except (LandmarkError, ModelError, ProblemsError, TrainError, ValueError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


def _add(args) -> int:
    from game.pose.library import add_pose_from_images, existing_pose
    if not args.image and not args.video:
        raise ValueError("give at least one --image PATH or --video PATH --at SECONDS")
    if args.video and not args.at:
        raise ValueError("--video needs --at SECONDS (the moment the pose is held)")
    from game.posenames import pose_labels
    given = {key: getattr(args, attr, None) for key, attr in (("name", "display_name"), ("name_ko", "name_ko"),
                                                          ("hint", "hint"), ("hint_ko", "hint_ko"))}
    before = existing_pose(args.library, args.name)
    taken = names_in_use(args.library, but=pose_id(args.name))
    if before is not None:
        had = (f"{len(before.examples)} example(s)" if before.examples else "hand-written limbs and no examples")
        print(f"note: pose '{before.id}' already exists ({before.path}, {had}); the new examples are added to it. "
              f"For a new pose, give another name, e.g. {before.id}_2", file=sys.stderr)
    results = add_pose_from_images(args.library, args.name, args.image, video=args.video, at=args.at or None,
                                   labels=lambda limbs, current: pose_labels(limbs, current, args.name, given, taken),
                                   span=args.span, either_side=True if args.either_side else None)
    found = sum(r.found for r in results)
    for r in results:
        print(f"{'ok' if r.found else 'skipped'}: {r.source}{'' if r.found else ' (' + r.message + ')'}")
        if r.warning:
            print(f"warning: {r.warning}", file=sys.stderr)
    if not found:
        print(f"error: no person found in any image; {pose_id(args.name)}.yaml was not written. "
              f"Use photos where the whole body is in view.", file=sys.stderr)
        return 1
    print(f"{args.library / (pose_id(args.name) + '.yaml')}: {found} example(s) added; "
          f"now run: python main.py {shlex.join(train_args(args.library))}")
    return 0



def _watch(args) -> int:
    from game.pose.watch import watch
    path = watch(args.video, args.library, args.start, args.end, args.step, args.png)
    print(f"contact sheet: {path}", file=sys.stderr)
    return 0


def _train(args) -> int:
    from game.pose.train import train
    meta = train(args.library, epochs=args.epochs, seed=args.seed)
    print(json.dumps({"model": str(args.library / "classifier.tflite"), "labels": meta["labels"],
                      "evaluation": meta["evaluation"], "seconds": meta["training_seconds"]}, ensure_ascii=False))
    return 0


def _load_classifier(args):
    from game.pose.classifier import PoseClassifier
    clf = PoseClassifier(args.library)
    if clf.stale:
        print(f"warning: {clf.stale}", file=sys.stderr)
    return clf


def _classify(args) -> int:
    from game.pose.features import features
    from game.pose.landmarks import CachedPhotoLandmarker, LandmarkError
    if not args.images and not args.video:
        raise ValueError("give images to classify, or --video PATH --at SECONDS")
    if args.video and not args.at:
        raise ValueError("--video needs --at SECONDS (the moment to classify)")
    clf = _load_classifier(args)
    if args.video:
        _classify_video(args, clf)
    marker = CachedPhotoLandmarker()
    status = 0
    for image in args.images:
        try:
            lm = marker.from_file(image)
        except LandmarkError as err:
            print(json.dumps({"image": str(image), "pose": None, "top": [], "error": str(err)}, ensure_ascii=False))
            print(f"error: {err}", file=sys.stderr)
            status = 1
            continue
        if lm is None:
            print(json.dumps({"image": str(image), "pose": "none", "top": [], "no_person": True}, ensure_ascii=False))
            continue
        top = clf.top(features(lm), 3)
        print(json.dumps({"image": str(image), "pose": top[0][0], "top": [[p, round(q, 4)] for p, q in top]}, ensure_ascii=False))
    return status


def _classify_video(args, clf) -> None:
    """One JSON line per --at: the pose play sees at the frame nearest that moment (tracking path)."""
    from game.pose.features import features
    from game.pose.moments import unsure_joints, video_moments
    for moment in video_moments(args.video, args.at, 0.0, classifier=clf):
        for t, lm in moment.taken():
            row = {"video": str(args.video), "at": moment.at, "t": round(t, 3)}
            if lm is None:
                print(json.dumps({**row, "pose": "none", "top": [], "no_person": True}, ensure_ascii=False))
                continue
            top = clf.top(features(lm), 3)
            print(json.dumps({**row, "pose": top[0][0], "top": [[p, round(q, 4)] for p, q in top],
                              "unsure_joints": unsure_joints(lm)}, ensure_ascii=False))


def _eval(args) -> int:
    from game.pose.features import features
    from game.pose.landmarks import CachedPhotoLandmarker, LandmarkError
    if not args.images.is_dir():
        raise ValueError(f"{args.images}: folder not found (it should hold one sub-folder of photos per pose)")
    clf = _load_classifier(args)
    marker = CachedPhotoLandmarker()
    labels = list(clf.labels)
    truths, preds, outside = [], [], {"photos": 0, "none": 0}
    no_person = 0
    for folder in sorted(p for p in args.images.iterdir() if p.is_dir()):
        truth = pose_id(folder.name)
        for photo in sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_EXT):
            try:
                lm = marker.from_file(photo)
            except LandmarkError:
                lm = None
            pred = clf.top(features(lm), 1)[0][0] if lm is not None else None
            no_person += lm is None
            if truth not in labels:  # a pose outside the library: how often do we abstain?
                outside["photos"] += 1
                outside["none"] += pred == "none"
                continue
            truths.append(truth)
            preds.append(pred)
    if not truths:
        raise ValueError(f"{args.images}: no photos of poses in the library {args.library} (sub-folder names must match pose ids: {', '.join(labels[:-1])})")
    cols = labels + ["(no person)"]
    matrix = np.zeros((len(labels) - 1, len(cols)), int)
    for t, p in zip(truths, preds):
        matrix[labels.index(t), cols.index(p if p is not None else "(no person)")] += 1
    per_pose = {}
    for i, lab in enumerate(labels[:-1]):
        tp, predicted, actual = matrix[i, i], matrix[:, i].sum(), matrix[i].sum()
        per_pose[lab] = {"precision": round(tp / predicted, 4) if predicted else None,
                         "recall": round(tp / actual, 4) if actual else None, "photos": int(actual)}
    png = args.png or args.images / "confusion.png"
    _confusion_png(matrix, labels[:-1], cols, png)
    print(json.dumps({
        "accuracy": round(float(np.trace(matrix[:, :len(labels) - 1]) / len(truths)), 4),
        "photos": len(truths), "per_pose": per_pose,
        "none_rate": round(float(np.mean([p == "none" for p in preds])), 4), "no_person": no_person,
        "outside_library": {**outside, "none_rate": round(outside["none"] / outside["photos"], 4) if outside["photos"] else None},
        "confusion": {"rows": labels[:-1], "columns": cols, "matrix": matrix.tolist()},
        "confusion_png": str(png)}, ensure_ascii=False))
    return 0


def _confusion_png(matrix: np.ndarray, rows: list[str], cols: list[str], path: Path) -> None:
    """Draw the confusion matrix (true pose down, predicted across) with cv2."""
    import cv2
    cell, left, top = 44, 190, 190
    h, w = top + cell * len(rows) + 10, left + cell * len(cols) + 10
    img = np.full((h, w, 3), 255, np.uint8)
    peak = max(int(matrix.max()), 1)
    for i, row in enumerate(matrix):
        cv2.putText(img, rows[i][:22], (5, top + i * cell + 28), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 0), 1, cv2.LINE_AA)
        for j, v in enumerate(row):
            shade = int(255 - 200 * v / peak)
            colour = (shade, shade, 255) if i != j else (shade, 255, shade)
            x, y = left + j * cell, top + i * cell
            cv2.rectangle(img, (x, y), (x + cell - 2, y + cell - 2), colour, -1)
            cv2.putText(img, str(v), (x + 8, y + 28), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 0), 1, cv2.LINE_AA)
    for j, col in enumerate(cols):
        label = np.full((cell, top - 10, 3), 255, np.uint8)
        cv2.putText(label, col[:22], (4, 28), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 0), 1, cv2.LINE_AA)
        rotated = cv2.rotate(label, cv2.ROTATE_90_COUNTERCLOCKWISE)
        img[5:5 + rotated.shape[0], left + j * cell:left + j * cell + cell] = rotated
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    if not cv2.imwrite(str(path), img):
        raise OSError(f"{path}: could not write the confusion matrix PNG")
