"""`pip install .` / `pipx install .`: the wheel holds the code, the shipped data and the kpop-dance command,
and the installed game finds its data without the checkout."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SOURCES = ["pyproject.toml", "README.md", "requirements.txt", "requirements-train.txt", "main.py",
           "game", "songs", "models", "sounds", "assets"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build the wheel from a copy of the sources (a build leaves build/ and *.egg-info/ behind)."""
    pytest.importorskip("setuptools", minversion="64")
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy2
        copy(REPO / name, src / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if copy is shutil.copytree else {}))
    out = tmp_path_factory.mktemp("dist")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "--disable-pip-version-check", "-q", "-w", str(out), str(src)],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout + build.stderr
    (found,) = out.glob("kpop_dance_trainer-*.whl")
    return found


def shipped(folder: str) -> set[str]:
    return {p.relative_to(REPO).as_posix() for p in (REPO / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts}


def test_wheel_holds_the_code_the_data_and_the_entry_point(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        entry_points = next(z.read(n).decode() for n in names if n.endswith(".dist-info/entry_points.txt"))
        metadata = next(z.read(n).decode() for n in names if n.endswith(".dist-info/METADATA"))
    code = {p.relative_to(REPO).as_posix() for p in (REPO / "game").rglob("*.py")}
    assert code <= names, f"modules missing from the wheel (add the package to pyproject.toml): {sorted(code - names)}"
    assert "main.py" in names and "game/data/cheers.yaml" in names
    for folder in ("songs", "models", "sounds", "assets"):
        wanted = {f"game/shipped/{name}" for name in shipped(folder)
                  if folder != "models" or name.endswith((".yaml", ".tflite"))}
        assert wanted and wanted <= names, f"{folder}/ files missing from the wheel: {sorted(wanted - names)[:5]}"
    assert "kpop-dance = main:cli" in entry_points
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    for pin in ("mediapipe==0.10.21", "numpy==1.", "protobuf==4.", "pygame=="):
        assert any(pin in line for line in requires), pin
    opencv = {line.split("==")[1] for line in requires if "opencv" in line}
    assert len(opencv) == 1, f"the two OpenCV packages must share one version: {opencv}"
    assert any("tensorflow" in line and 'extra == "train"' in line for line in requires)
    assert not any("tensorflow" in line and "extra" not in line for line in requires), "the game must not need TensorFlow"


def test_installed_game_finds_its_songs_and_poses(wheel, tmp_path):
    """Unpacked as pip would install it (no checkout on the path), the game lists and checks its songs."""
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site), "KPOP_TRAINER_DATA": str(tmp_path / "data"), "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    probe = subprocess.run([sys.executable, "-c", "from game import audio, paths; from game.ui import text; "
                            "print(paths.SONGS_DIR, paths.POSES_DIR, text.FONT_DIR, audio.SOUNDS_DIR)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    songs_dir, poses_dir, fonts_dir, sounds_dir = map(Path, probe.stdout.split())
    assert songs_dir == site / "game" / "shipped" / "songs" and poses_dir == site / "game" / "shipped" / "models" / "poses"
    assert (fonts_dir / "NanumGothic.ttf").is_file() and (sounds_dir / "select.ogg").is_file(), probe.stdout
    check = subprocess.run([sys.executable, "-c", "import sys, main; sys.argv[0] = 'kpop-dance'; sys.exit(main.cli())",
                            "check", str(songs_dir)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    songs = sorted(p.name for p in (REPO / "songs").iterdir() if (p / "song.yaml").is_file())
    assert all(song in check.stdout for song in songs), check.stdout
