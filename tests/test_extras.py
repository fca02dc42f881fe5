"""The training extra (TensorFlow) is installed the first time a pose is trained."""
from __future__ import annotations

import importlib.metadata
import sys

import pytest

from game import extras


def test_in_a_checkout_the_requirements_file_is_installed_with_the_games_pins():
    args = extras.install_arguments()
    assert args[:2] == ["-r", str(extras.TRAIN_REQUIREMENTS)]
    assert args[2:] == ["-c", str(extras.GAME_REQUIREMENTS)]
    assert "tensorflow" in extras.TRAIN_REQUIREMENTS.read_text()


def test_installed_the_packages_train_extra_is_installed(tmp_path, monkeypatch):
    monkeypatch.setattr(extras, "TRAIN_REQUIREMENTS", tmp_path / "absent.txt")
    monkeypatch.setattr(importlib.metadata, "requires", lambda name: [
        "pygame==2.6.1", 'tensorflow-cpu==2.19.1; extra == "train"', 'pytest; extra == "dev"'])
    assert extras.install_arguments() == ["tensorflow-cpu==2.19.1"]


def test_nothing_to_install_from_says_what_to_run(tmp_path, monkeypatch):
    monkeypatch.setattr(extras, "TRAIN_REQUIREMENTS", tmp_path / "absent.txt")

    def missing(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "requires", missing)
    with pytest.raises(extras.ExtraMissing, match=r"pip install 'kpop-dance-trainer\[train\]'"):
        extras.install_arguments()


def test_installs_once_when_tensorflow_is_missing(capsys):
    installed: list[list[str]] = []
    state = {"tf": False}

    def run(command):
        installed.append(command)
        state["tf"] = True
        return 0

    assert extras.ensure_training_extra(have=lambda name: state["tf"], run=run) is True
    assert installed == [[sys.executable, "-m", "pip", "install", "--disable-pip-version-check",
                          *extras.install_arguments()]]
    assert "Installing it now" in capsys.readouterr().out
    assert extras.ensure_training_extra(have=lambda name: state["tf"], run=run) is False
    assert len(installed) == 1


def test_a_failed_install_names_the_command_to_run():
    with pytest.raises(extras.ExtraMissing, match="pip exit 1.*-m pip install -r"):
        extras.ensure_training_extra(have=lambda name: False, run=lambda command: 1)


def test_training_reports_a_failed_install_as_a_train_error(monkeypatch):
    from game.pose import train

    def fail():
        raise extras.ExtraMissing("could not install TensorFlow")

    monkeypatch.setattr(extras, "ensure_training_extra", fail)
    with pytest.raises(train.TrainError, match="could not install TensorFlow"):
        train._import_tf()


def test_the_reinstall_command_names_the_checkout_requirements_or_the_installed_package(monkeypatch, tmp_path):
    from game import extras

    assert str(extras.GAME_REQUIREMENTS) in extras.reinstall_game_command()
    monkeypatch.setattr(extras, "GAME_REQUIREMENTS", tmp_path / "absent.txt")
    assert extras.reinstall_game_command().endswith(f"--force-reinstall {extras.DISTRIBUTION}")
