"""Train the pose classifier with TensorFlow/Keras and export it for LiteRT.

The only module that imports TensorFlow, and only inside train(): the game never loads it.
A small MLP on the shared features; the feature function stays in numpy and is shared with
the game (tests check the game's features and the model's input are the same function)."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np
import yaml
from tqdm import tqdm

from game.pose.dataset import NONE, build_training_set, vote_references
from game.pose.features import FEATURE_VERSION
from game.pose.synth import POSE_WITHIN
from game.pose.library import EXAMPLES_FILE, META_FILE, MODEL_FILE, fingerprint
from game.poselib import load_pose_library


# wide enough to draw the tight boundary between a pose and the in-between motion around it
HIDDEN = (256, 128)
DROPOUT = 0.15
NONE_WEIGHT = 1.5  # loss weight of "none" against one pose ...
VOTE_K = 3         # nearest taught examples that vote (classifier.NearestExamples)
VOTE_WEIGHT = 0.6  # their share of the pose probabilities, against the network's
NONE_SHARE = 0.5   # ... or, when larger, this share of the poses written as angles together: their synthetic
                   # renders are spread by design, and "none" must hold the border around each of them


class TrainError(Exception):
    """A user-facing reason the library cannot be trained (empty, broken files)."""


def _import_tf():
    from game.extras import ExtraMissing, ensure_training_extra

    try:
        ensure_training_extra()  # the game is installed without TensorFlow: the first training installs it
    except ExtraMissing as err:
        raise TrainError(str(err)) from None
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import tensorflow as tf  # noqa: PLC0415  (lazy on purpose: the game never imports TF)
    tf.get_logger().setLevel("ERROR")
    return tf


def _build_model(tf, n_features: int, n_classes: int):
    keras = tf.keras
    return keras.Sequential([
        keras.layers.Input((n_features,), name="features"),
        keras.layers.GaussianNoise(0.02),
        keras.layers.Dense(HIDDEN[0], activation="relu"),
        keras.layers.Dropout(DROPOUT),
        keras.layers.Dense(HIDDEN[1], activation="relu"),
        keras.layers.Dropout(DROPOUT),
        keras.layers.Dense(n_classes, activation="softmax", name="probs"),
    ])


def _to_tflite(tf, model) -> bytes:
    """Keras model -> TFLite bytes (the converter's export chatter is kept off the terminal)."""
    import contextlib
    import io
    with contextlib.redirect_stdout(io.StringIO()):
        return tf.lite.TFLiteConverter.from_keras_model(model).convert()


class _Progress:
    """Keras callback -> tqdm bar over epochs (training shows progress)."""

    def __init__(self, tf, epochs: int, quiet: bool):
        base = tf.keras.callbacks.Callback

        class Cb(base):
            def on_train_begin(cb, logs=None):
                cb.bar = tqdm(total=epochs, desc="training", unit="epoch", disable=quiet)

            def on_epoch_end(cb, epoch, logs=None):
                cb.bar.set_postfix(loss=f"{(logs or {}).get('loss', 0):.3f}", acc=f"{(logs or {}).get('accuracy', 0):.3f}")
                cb.bar.update(1)

            def on_train_end(cb, logs=None):
                cb.bar.close()

        self.callback = Cb()


STEPS = ("examples", "validation", "tensorflow", "epochs", "saving")


def _step(name: str, what: str, quiet: bool) -> None:
    """One line per training step ("step 2/5 (validation): ..."): the title screen's progress bar
    reads them (game.pose.service.Retrain), a person reads them in the terminal."""
    if not quiet:
        print(f"step {STEPS.index(name) + 1}/{len(STEPS)} ({name}): {what}", file=sys.stderr, flush=True)


def train(library_dir: Path, *, epochs: int = 60, per_pose: int = 800, seed: int = 0, quiet: bool = False,
          threads: int = 2) -> dict:
    """Train on every pose in `library_dir`, write classifier.tflite and classifier.yaml beside
    the poses, and return the metadata written."""
    library_dir = Path(library_dir)
    library = load_pose_library(library_dir)
    if library.problems:
        raise TrainError("\n".join(str(p) for p in library.problems) + "\nfix these pose files, then train again")
    if not library.poses:
        raise TrainError(f"{library_dir}: no pose files (*.yaml); add one with: python main.py poses add NAME --image PATH")
    started = time.perf_counter()
    _step("examples", f"building training examples for {len(library.poses)} poses", quiet)
    data = build_training_set(library, seed=seed, per_pose=per_pose)
    _step("validation", "building validation examples", quiet)
    val = build_training_set(library, seed=seed + 1000, per_pose=max(100, per_pose // 4))
    _step("tensorflow", "loading TensorFlow", quiet)
    tf = _import_tf()
    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)
    tf.keras.utils.set_random_seed(seed)
    model = _build_model(tf, data.x.shape[1], len(data.labels))
    model.compile(optimizer=tf.keras.optimizers.Adam(2e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    counts = np.bincount(data.y, minlength=len(data.labels)).astype(float)
    weights = {i: float(counts.sum() / (len(counts) * max(c, 1.0))) for i, c in enumerate(counts)}
    written = sum(1 for pose in library.poses.values() if not len(pose.examples))
    weights[len(counts) - 1] *= max(NONE_WEIGHT, NONE_SHARE * written)
    _step("epochs", f"training for {epochs} epochs", quiet)
    model.fit(data.x, data.y, epochs=epochs, batch_size=128, shuffle=True, verbose=0, class_weight=weights,
              callbacks=[_Progress(tf, epochs, quiet).callback])
    _step("saving", "checking and saving the model", quiet)
    tflite = _to_tflite(tf, model)
    meta = {
        "labels": data.labels,
        "feature_version": FEATURE_VERSION,
        "feature_size": int(data.x.shape[1]),
        "library_fingerprint": fingerprint(library_dir),
        "trained_on": {"poses": len(library.poses), "samples": int(len(data.x)),
                       "photo_examples": int(len(data.real_x)), "epochs": epochs, "seed": seed,
                       "both_sides": sorted(p for p, b in data.mirrored.items() if b),
                       "arms_varied": sorted(p for p, b in data.arms_free.items() if b)},
        "evaluation": _evaluate(model, data, val),
        "training_seconds": round(time.perf_counter() - started, 1),
    }
    (library_dir / MODEL_FILE).write_bytes(tflite)
    refs, ref_labels, taught = vote_references(library, seed)
    if len(refs):
        with open(library_dir / EXAMPLES_FILE, "wb") as fh:
            np.savez(fh, features=refs, labels=ref_labels, taught=taught, k=VOTE_K, weight=VOTE_WEIGHT, within_deg=POSE_WITHIN)
        meta["trained_on"]["vote"] = {"examples": int(len(refs)), "k": VOTE_K, "weight": VOTE_WEIGHT}
    else:
        (library_dir / EXAMPLES_FILE).unlink(missing_ok=True)  # a written-only library: the network alone
    (library_dir / META_FILE).write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")
    return meta


def _evaluate(model, data, val) -> dict:
    """Accuracy on the photo examples themselves, on fresh augmentations (another seed), and how
    often fresh "none" material (neutral stance, in-between motion) is called "none"."""
    out: dict = {}
    none = len(data.labels) - 1
    if len(data.real_x):
        out["photo_examples_accuracy"] = round(float(np.mean(model.predict(data.real_x, verbose=0).argmax(1) == data.real_y)), 4)
    pred = model.predict(val.x, verbose=0).argmax(1)
    poses = val.y != none
    out["validation_accuracy"] = round(float(np.mean(pred[poses] == val.y[poses])), 4) if poses.any() else None
    out["none_recall"] = round(float(np.mean(pred[~poses] == none)), 4) if (~poses).any() else None
    assert data.labels[-1] == NONE
    return out
