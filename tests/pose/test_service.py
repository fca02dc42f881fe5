"""The pose service: loads off the render thread, says what is wrong with the model (file and
rebuild command), notices a stale model, retrains in a child process, opens live players.

The end-to-end tests train a real three-pose model once (about 15 s) and run the windowed app
in a child process, so that `'tensorflow' not in sys.modules` means what it says (other tests in
this process import TensorFlow to train)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from game.pose import service as ps
from game.pose.capture import CameraError

from tests.pose.conftest import DATA, ROOT
SQUATS = DATA / "mediapipe-reference" / "pose_squats.mp4"
TINY_POSES = ("big_v", "heart_arms", "hands_on_hips")


class FakeClassifier:
    labels = ["big_v", "none"]

    def __init__(self, stale: str | None = None):
        self.stale = stale

    def predict(self, features):
        return {"big_v": 0.1, "none": 0.9}


class FakeLandmarker:
    def process(self, image):
        return None

    def close(self):
        pass


def service(tmp_path: Path, load=lambda lib: FakeClassifier(), **kw) -> ps.PoseService:
    return ps.PoseService(tmp_path, load_classifier=load, make_landmarker=FakeLandmarker, **kw)


def test_loads_on_a_thread_and_reports_ready(tmp_path):
    def slow(lib):
        time.sleep(0.3)
        return FakeClassifier()

    svc = service(tmp_path, slow)
    started = time.perf_counter()
    svc.start()
    assert time.perf_counter() - started < 0.1, "start() must not wait for the models"
    assert svc.state == ps.LOADING and not svc.usable
    assert svc.wait(5)
    assert svc.state == ps.READY and svc.usable and svc.message is None
    assert svc.ready_s >= 0.3


def test_missing_model_names_the_file_and_the_rebuild_command(tmp_path):
    shutil.copy(ROOT / "models" / "poses" / "big_v.yaml", tmp_path)
    svc = ps.PoseService(tmp_path, make_landmarker=FakeLandmarker).start()
    assert svc.wait(30)
    assert svc.state == ps.ERROR and not svc.usable
    assert "classifier.tflite" in svc.message and "python main.py poses train" in svc.message
    assert str(tmp_path) in svc.message, "a library elsewhere: the command names it with --library"


def test_corrupt_model_is_an_error_not_a_crash(tmp_path):
    (tmp_path / "classifier.tflite").write_bytes(b"not a model at all")
    (tmp_path / "classifier.yaml").write_text("labels: [a, none]\nfeature_version: 1\n", encoding="utf-8")
    svc = ps.PoseService(tmp_path, make_landmarker=FakeLandmarker).start()
    assert svc.wait(30)
    assert svc.state == ps.ERROR
    assert "classifier.tflite" in svc.message and "python main.py poses train" in svc.message


def test_broken_mediapipe_is_an_error_with_what_to_do(tmp_path):
    def broken():
        raise ImportError("libGL.so.1: cannot open shared object file")

    svc = ps.PoseService(tmp_path, load_classifier=lambda lib: FakeClassifier(), make_landmarker=broken).start()
    assert svc.wait(5)
    assert svc.state == ps.ERROR and "libGL" in svc.message and "pip install" in svc.message


def test_stale_model_is_usable_and_says_so(tmp_path):
    svc = service(tmp_path, lambda lib: FakeClassifier(stale="the poses changed; retrain with: python main.py poses train"))
    svc.start().wait(5)
    assert svc.state == ps.STALE and svc.usable and svc.can_retrain
    assert "retrain" in svc.message


def _wait_retrain(svc: ps.PoseService, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while svc.retrain is not None and time.monotonic() < deadline:
        svc.poll()
        time.sleep(0.05)
    assert svc.retrain is None, "the training subprocess did not finish"
    svc.wait(30)


FAKE_TRAIN = textwrap.dedent("""
    import sys, time
    print("W0000 00:00:1 12 some_tensorflow_log.cc:1] noise", file=sys.stderr, flush=True)
    for i in range(0, 101, 25):
        sys.stderr.write(f"\\rtraining: {i:3d}%|\\u2588\\u2588      | {i // 25}/4 [00:01<00:01, acc=0.9]")
        sys.stderr.flush()
        time.sleep(0.05)
    print()
    print('{"model": "classifier.tflite", "seconds": 0.3}', flush=True)
    sys.exit(int(sys.argv[1]))
""")


def test_retrain_runs_in_a_child_process_and_reloads(tmp_path):
    loads = []

    def load(lib):
        loads.append(lib)
        return FakeClassifier(stale="changed" if len(loads) == 1 else None)

    svc = service(tmp_path, load, train_command=[sys.executable, "-c", FAKE_TRAIN, "0"])
    svc.start().wait(5)
    assert svc.state == ps.STALE
    assert svc.start_retrain() and not svc.start_retrain(), "one training at a time"
    seen = set()
    deadline = time.monotonic() + 20
    while svc.retrain is not None and time.monotonic() < deadline:
        seen.add(svc.retrain.last_line)
        svc.poll()
        time.sleep(0.01)
    svc.wait(5)
    assert svc.state == ps.READY and len(loads) == 2, "the new model was loaded"
    assert "retrained" in svc.retrain_result
    assert not any("tensorflow_log" in line or "\u2588" in line for line in seen), "log noise and bar glyphs are hidden"


def test_failed_retrain_keeps_the_old_model_and_says_why(tmp_path):
    svc = service(tmp_path, lambda lib: FakeClassifier(stale="changed"),
                  train_command=[sys.executable, "-c", FAKE_TRAIN, "3"])
    svc.start().wait(5)
    svc.start_retrain()
    _wait_retrain(svc, 20)
    assert svc.state == ps.STALE and svc.usable
    assert "training failed (exit 3)" in svc.retrain_result and "seconds" in svc.retrain_result


def test_retrain_progress_line_is_cleaned(tmp_path):
    job = ps.Retrain.__new__(ps.Retrain)
    job.last_line, job.progress, job.step, job.epochs = "", None, None, None
    job._take("training:  45%|████▌     | 18/40 [00:09<00:11, 2.0epoch/s, acc=0.962]")
    assert job.progress == pytest.approx(0.45)
    assert job.last_line == "training: 45% 18/40 [00:09<00:11, 2.0epoch/s, acc=0.962]"
    job._take("I0000 00:00:1795344541.877633 9413 mlir_graph_optimization_pass.cc:425] MLIR V1")
    assert job.last_line.startswith("training")


def test_retrain_progress_counts_the_steps_before_the_epochs(tmp_path):
    """Minutes of building examples and loading TensorFlow show as progress, not 'starting…'."""
    from game.pose.train import STEPS
    from game.ui.pose_status import retrain_text

    job = ps.Retrain.__new__(ps.Retrain)
    job.last_line, job.progress, job.step, job.epochs = "", None, None, None
    assert retrain_text(job, "en").startswith("Starting")
    job._take(f"step 1/{len(STEPS)} (examples): building training examples for 16 poses")
    assert job.progress == 0 and job.step == (1, 5, "examples")
    assert retrain_text(job, "ko") == "5단계 중 1단계: 학습 예시를 만드는 중"
    job._take("step 4/5 (epochs): training for 40 epochs")
    job._take("training:  50%|█████     | 20/40 [00:09<00:11, 2.0epoch/s, acc=0.962]")
    assert job.progress == pytest.approx((3 + 0.5) / 5) and job.epochs == (20, 40)
    assert retrain_text(job, "en") == "Step 4 of 5: training the model  ·  epoch 20 of 40"


@pytest.mark.parametrize("message, korean", [
    ("/g/models/poses/classifier.tflite: pose classifier not found; build it with: python main.py poses train",
     "/g/models/poses/classifier.tflite: 포즈 모델 파일이 없어요; 다시 만들려면: python main.py poses train"),
    ("the poses in /lib changed since /lib/classifier.tflite was trained; retrain with: python main.py poses train --library /lib",
     "모델 학습 후 포즈 파일이 바뀌었어요; 다시 만들려면: python main.py poses train --library /lib"),
    ("something new went wrong", "something new went wrong"),
])
def test_model_messages_in_korean_keep_the_file_and_the_command(message, korean):
    from game.ui.pose_status import model_detail

    assert model_detail(message, "ko") == korean and model_detail(message, "en") == message


def test_no_webcam_raises_a_camera_error_that_says_what_to_do(tmp_path):
    svc = service(tmp_path)
    svc.start().wait(5)
    with pytest.raises(CameraError, match="index 9"):
        svc.open_live(9, lambda: 0.0)
    with pytest.raises(CameraError, match="not found"):
        svc.open_live(str(tmp_path / "nope.mp4"), lambda: 0.0)


def test_live_player_from_a_video_gives_frames_and_returns_its_landmarker(tmp_path):
    if not SQUATS.exists():
        pytest.skip(f"{SQUATS} not found: the shared test data (../shared/data) is absent")
    made = []

    def make():
        made.append(FakeLandmarker())
        return made[-1]

    svc = ps.PoseService(tmp_path, load_classifier=lambda lib: FakeClassifier(), make_landmarker=make).start()
    svc.wait(5)
    player = svc.open_live(str(SQUATS), lambda: 1.5)
    try:
        deadline = time.monotonic() + 10
        while player.latest is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert player.latest is not None and player.latest.status == "nobody"  # the fake landmarker sees no one
        t = player.latest.frame.t  # a video's frame carries its own time, shown once the song clock reaches it
        assert t <= 1.5 and round(t / 0.2, 6) == round(t / 0.2), "never ahead of the game clock; on the video's frames"
        assert player.description == "pose_squats.mp4" and not player.lost()
    finally:
        player.stop()
    again = svc.open_live(str(SQUATS), lambda: 0.0)
    again.stop()
    assert len(made) == 1, "the warmed-up landmarker is reused by the next song"


# --- end to end: a real model, the real windowed app in a child process ------------------------

@pytest.fixture(scope="module")
def tiny_library(tmp_path_factory) -> Path:
    lib = tmp_path_factory.mktemp("tiny-poses")
    for pose in TINY_POSES:
        shutil.copy(ROOT / "models" / "poses" / f"{pose}.yaml", lib)
    run = subprocess.run([sys.executable, "main.py", "poses", "train", "--library", str(lib), "--epochs", "2"],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    return lib


def test_real_model_loads_then_goes_stale_and_retrains(tiny_library, tmp_path):
    lib = tmp_path / "lib"
    shutil.copytree(tiny_library, lib)
    svc = ps.PoseService(lib, make_landmarker=FakeLandmarker).start()
    assert svc.wait(60) and svc.state == ps.READY, svc.message
    assert set(svc.classifier.labels) == {*TINY_POSES, "none"}
    pose = lib / "big_v.yaml"
    renamed = pose.read_text(encoding="utf-8").replace("Big V", "Big V!")
    pose.write_text(renamed, encoding="utf-8")
    renamed_only = ps.PoseService(lib, make_landmarker=FakeLandmarker).start()
    assert renamed_only.wait(60) and renamed_only.state == ps.READY, "a new name alone is not a new library"
    pose.write_text(renamed.replace("left_upper_arm: 145", "left_upper_arm: 120"), encoding="utf-8")
    svc = ps.PoseService(lib, make_landmarker=FakeLandmarker,
                         train_command=ps.PoseService(lib).default_train_command() + ["--epochs", "2"]).start()
    svc.wait(60)
    assert svc.state == ps.STALE and "changed" in svc.message and "python main.py poses train" in svc.message
    assert svc.start_retrain()
    _wait_retrain(svc, 240)
    assert svc.state == ps.READY, (svc.message, svc.retrain_result)


APP_SCRIPT = textwrap.dedent("""
    import json, os, sys, time
    from pathlib import Path
    import pygame
    from game.app import App
    from game.pose.service import PoseService
    from game.scenes.camera_check import begin_play
    from game.scenes.title import TitleScene

    library, video, songs, db = sys.argv[1:5]
    from game.storage import Storage
    app = App(songs_dir=Path(songs), storage=Storage(Path(db)), pose_service=PoseService(Path(library)).start(),
              camera=video)
    app.push(TitleScene(app))
    app.step(1 / 60)
    title_state = app.pose_service.state
    app.pose_service.wait(60)
    entry = next(e for e in app.entries if e.song)
    member = entry.song.members[0]
    begin_play(app, entry.song, member, next(iter(member.charts)))
    tracked = None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        app.step(1 / 60)
        top = app.top
        if getattr(top, "checking", None):  # the framing check before the first song: the player presses Enter
            top.start_song()
            continue
        if getattr(top, "tracked", None) is not None and top.tracked.landmarks is not None and top.now > 0.5:
            tracked = top.tracked
            break
        time.sleep(1 / 60)
    scene = app.top
    out = {"title_state": title_state, "state": app.pose_service.state, "scene": type(scene).__name__,
           "live": getattr(scene, "live", None) is not None, "tracked": tracked is not None,
           "status": tracked.status if tracked else None,
           "tensorflow": "tensorflow" in sys.modules}
    app.close()
    print("RESULT " + json.dumps(out))
""")


def test_windowed_app_plays_from_a_video_camera_without_tensorflow(tiny_library, tmp_path):
    if not SQUATS.exists():
        pytest.skip(f"{SQUATS} not found: the shared test data (../shared/data) is absent")
    from game.scenes.shots import write_demo_song

    songs = write_demo_song(tmp_path / "songs", broken=False)
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    run = subprocess.run([sys.executable, "-c", APP_SCRIPT, str(tiny_library), str(SQUATS), str(songs),
                          str(tmp_path / "save.sqlite3")], cwd=ROOT, capture_output=True, text=True, timeout=180, env=env)
    lines = [line for line in run.stdout.splitlines() if line.startswith("RESULT ")]
    assert run.returncode == 0 and lines, run.stderr[-3000:]
    result = json.loads(lines[-1][len("RESULT "):])
    assert result["title_state"] == "loading", "the title is up before the models have loaded"
    assert result["state"] == "ready"
    assert result["scene"] == "PlayScene" and result["live"], result
    assert result["tracked"] and result["status"] in ("ok", "partial"), result
    assert result["tensorflow"] is False, "the game process must never import TensorFlow"


def test_the_camera_delay_is_taken_off_every_frames_capture_time(tmp_path):
    """A camera whose picture arrives 120 ms late shows the player as they were 120 ms ago: frames
    are stamped that much earlier, so the judge, the pose worker and the HUD all see the same times."""
    made = []

    class FakeCamera:
        def __init__(self, source, clock):
            self.clock = clock
            made.append(self)

        def start(self):
            return self

        def latest(self):
            return None

        def lost(self):
            return False

        def stop(self):
            pass

    svc = service(tmp_path)
    svc.start().wait(5)
    live = svc.open_live(0, lambda: 10.0, camera_factory=FakeCamera, delay=0.120)
    plain = svc.open_live(0, lambda: 10.0, camera_factory=FakeCamera)
    try:
        assert made[0].clock() == pytest.approx(9.88) and made[1].clock() == 10.0
    finally:
        live.stop()
        plain.stop()
