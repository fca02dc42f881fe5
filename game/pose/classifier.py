"""The pose classifier at play time: the TFLite model run with LiteRT (never TensorFlow).

Loading fails with a ModelError that names the file and the command that rebuilds it; a model
trained on a different library (fingerprint mismatch) or feature version loads but says so in
`stale`, so the game can offer to retrain instead of silently judging with the wrong poses."""
from __future__ import annotations

import shlex
from pathlib import Path

import numpy as np
import yaml

from game.pose.features import EMBEDDING, FEATURE_SIZE, FEATURE_VERSION, LIMB_DIRECTIONS
from game.pose.library import EXAMPLES_FILE, META_FILE, MODEL_FILE, fingerprint, train_args


class ModelError(Exception):
    """The model is missing or unusable; str() names the file and the rebuild command."""


class NearestExamples:
    """A vote of the k taught examples nearest a pose embedding (features.EMBEDDING), as ML Kit's
    and MediaPipe's k-NN pose classifiers do: a handful of examples carries to other people better
    than a network fitted to them (the issue 7 anchor: 1-NN 78% on other people's photos where the
    network alone got 69%). Also says whether the frame is held within `within_deg` of one example
    on every arm and leg segment: by the rule the training set is built on (synth.POSE_WITHIN) such
    a body is that pose, not in-between motion. Pure numpy, microseconds for hundreds of examples."""

    def __init__(self, features: np.ndarray, labels: np.ndarray, n_classes: int, k: int, within_deg: float,
                 taught: np.ndarray | None = None):
        features = np.asarray(features, np.float32)  # (M, FEATURE_SIZE) of the taught examples
        self.embeddings = features[:, EMBEDDING]
        taught = np.ones(len(features), bool) if taught is None else np.asarray(taught, bool)
        # (T, 8, 2) limb unit vectors of the taught examples (not synthetic players: those are spread on purpose)
        self.directions = features[taught][:, LIMB_DIRECTIONS].reshape(int(taught.sum()), -1, 2)
        self.labels = np.asarray(labels, np.int64)  # (M,) index into the classifier's labels
        self._taught_labels = self.labels[taught]
        self._sq = (self.embeddings ** 2).sum(1)
        # with fewer examples of a pose than k, the others' examples would outvote it
        fewest = np.bincount(self.labels)[np.unique(self.labels)].min() if len(self.labels) else 1
        self.n_classes, self.k = n_classes, max(1, min(int(k), int(fewest)))
        self._rank_weight = 1.0 / np.arange(1, self.k + 1)  # the nearest counts most
        self._cos_within = float(np.cos(np.radians(within_deg)))

    def vote(self, features: np.ndarray) -> tuple[np.ndarray, bool]:
        """((n_classes,) share of the weighted vote of the k nearest examples, summing to 1;
        whether some example is within `within_deg` of the frame on every arm and leg segment).
        Within an example, the vote is all for the pose of the example nearest on its worst limb."""
        out = np.zeros(self.n_classes, np.float32)
        if len(self.directions):
            worst = (self.directions * features[LIMB_DIRECTIONS].reshape(1, -1, 2)).sum(-1).min(1)  # cos of worst limb
            best = int(worst.argmax())
            if worst[best] >= self._cos_within:
                out[self._taught_labels[best]] = 1.0
                return out, True
        q = features[EMBEDDING]
        d = self._sq - 2.0 * (self.embeddings @ q)  # + |q|^2, the same for every example
        near = np.argpartition(d, self.k - 1)[: self.k] if self.k < len(d) else np.arange(len(d))
        near = near[np.argsort(d[near])]
        np.add.at(out, self.labels[near], self._rank_weight[: len(near)])
        return out / out.sum(), False


class PoseClassifier:
    """Pose probabilities for one feature vector, from a library's classifier.tflite, combined
    with a nearest-example vote when the library has taught examples (classifier_examples.npz):
    see `combine`."""

    def __init__(self, library_dir: Path):
        self.library_dir = Path(library_dir)
        model_path, meta_path = self.library_dir / MODEL_FILE, self.library_dir / META_FILE
        rebuild = shlex.join(["python", "main.py", *train_args(self.library_dir)])
        if not model_path.is_file() or not meta_path.is_file():
            missing = model_path if not model_path.is_file() else meta_path
            raise ModelError(f"{missing}: pose classifier not found; build it with: {rebuild}")
        try:
            self.meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
            self.labels: list[str] = list(self.meta["labels"])
        except (yaml.YAMLError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise ModelError(f"{meta_path}: classifier metadata is damaged ({exc}); rebuild it with: {rebuild}") from None
        try:
            from ai_edge_litert.interpreter import Interpreter
            self._interp = Interpreter(model_path=str(model_path), num_threads=1)
            self._interp.allocate_tensors()
            inp = self._interp.get_input_details()[0]
            if list(inp["shape"]) != [1, FEATURE_SIZE]:  # exported with a free batch size: fix it to one frame
                self._interp.resize_tensor_input(inp["index"], [1, int(inp["shape"][-1])])
                self._interp.allocate_tensors()
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"{model_path}: pose classifier is damaged ({exc}); rebuild it with: {rebuild}") from None
        inp, out = self._interp.get_input_details()[0], self._interp.get_output_details()[0]
        if tuple(inp["shape"]) != (1, FEATURE_SIZE) or out["shape"][-1] != len(self.labels):
            raise ModelError(f"{model_path}: model does not match this game's features or its labels; rebuild it with: {rebuild}")
        self._in, self._out = inp["index"], out["index"]
        self._buf = np.zeros((1, FEATURE_SIZE), np.float32)
        self.rebuild_command = rebuild
        self.nearest: NearestExamples | None = None
        self.vote_weight = 0.0
        examples = self.library_dir / EXAMPLES_FILE
        if examples.is_file():
            try:
                with np.load(examples) as z:
                    self.nearest = NearestExamples(z["features"], z["labels"], len(self.labels), int(z["k"]),
                                                   float(z["within_deg"]), z["taught"])
                    self.vote_weight = float(z["weight"])
            except (OSError, KeyError, ValueError) as exc:
                raise ModelError(f"{examples}: taught examples file is damaged ({exc}); rebuild it with: {rebuild}") from None

    @property
    def stale(self) -> str | None:
        """Why the model no longer fits its library (poses edited, new feature version), or None."""
        if self.meta.get("feature_version") != FEATURE_VERSION:
            return (f"{self.library_dir / MODEL_FILE} was trained with feature version {self.meta.get('feature_version')}, "
                    f"the game uses {FEATURE_VERSION}; retrain with: {self.rebuild_command}")
        if self.meta.get("library_fingerprint") != fingerprint(self.library_dir):
            return (f"the poses in {self.library_dir} changed since {self.library_dir / MODEL_FILE} was trained; "
                    f"retrain with: {self.rebuild_command}")
        return None

    def network(self, features: np.ndarray) -> np.ndarray:
        """The network's own probabilities in label order ("none" last)."""
        self._buf[0] = features
        self._interp.set_tensor(self._in, self._buf)
        self._interp.invoke()
        return self._interp.get_tensor(self._out)[0].copy()

    def predict_array(self, features: np.ndarray) -> np.ndarray:
        """Probabilities in label order (the fast path: no dict)."""
        probs = self.network(features)
        if self.nearest is None or self.vote_weight <= 0.0:
            return probs
        return combine(probs, *self.nearest.vote(features), self.vote_weight)

    def predict(self, features: np.ndarray) -> dict[str, float]:
        """{label: probability} for one feature vector (labels include "none")."""
        return dict(zip(self.labels, (float(p) for p in self.predict_array(features))))

    def top(self, features: np.ndarray, k: int = 3) -> list[tuple[str, float]]:
        probs = self.predict_array(features)
        order = np.argsort(-probs)[:k]
        return [(self.labels[i], float(probs[i])) for i in order]



def combine(net: np.ndarray, vote: np.ndarray, within: bool, weight: float) -> np.ndarray:
    """Network probabilities (labels, "none" last), a k-NN vote share over the same labels and
    whether the frame is within a taught example on every limb -> probabilities. A body held
    within an example is that pose by definition (no in-between motion): the vote decides alone.
    Otherwise "none" is the network's (the vote knows nothing of in-between motion) and the poses
    share the rest as (1 - weight) network + weight vote."""
    if within:
        return vote.astype(net.dtype)
    none = float(net[-1])
    poses = net[:-1] / max(float(net[:-1].sum()), 1e-6)
    out = np.empty_like(net)
    out[:-1] = (1.0 - none) * ((1.0 - weight) * poses + weight * vote[:-1])
    out[-1] = none
    return out
