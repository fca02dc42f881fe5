"""The pose classifier at play time: the TFLite model run with LiteRT (never TensorFlow).

Loading fails with a ModelError that names the file and the command that rebuilds it; a model
trained on a different library (fingerprint mismatch) or feature version loads but says so in
`stale`, so the game can offer to retrain instead of silently judging with the wrong poses."""
from __future__ import annotations

import shlex
from pathlib import Path

import numpy as np
import yaml

from game.pose.features import FEATURE_SIZE, FEATURE_VERSION
from game.pose.library import META_FILE, MODEL_FILE, fingerprint, train_args



class ModelError(Exception):
    """The model is missing or unusable; str() names the file and the rebuild command."""


class PoseClassifier:
    """Pose probabilities for one feature vector, from a library's classifier.tflite."""

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

    def predict_array(self, features: np.ndarray) -> np.ndarray:
        """Probabilities in label order (the fast path: one invoke, no dict)."""
        self._buf[0] = features
        self._interp.set_tensor(self._in, self._buf)
        self._interp.invoke()
        return self._interp.get_tensor(self._out)[0]

    def predict(self, features: np.ndarray) -> dict[str, float]:
        """{label: probability} for one feature vector (labels include "none")."""
        return dict(zip(self.labels, (float(p) for p in self.predict_array(features))))

    def top(self, features: np.ndarray, k: int = 3) -> list[tuple[str, float]]:
        probs = self.predict_array(features)
        order = np.argsort(-probs)[:k]
        return [(self.labels[i], float(probs[i])) for i in order]

