"""Where things live: the game's own data beside the code, the player's data in their user folder."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

REPO_ROOT = Path(__file__).resolve().parent.parent
SONGS_DIR = REPO_ROOT / "songs"
MODELS_DIR = REPO_ROOT / "models"
POSES_DIR = MODELS_DIR / "poses"
SOUNDS_DIR = REPO_ROOT / "sounds"
ASSETS_DIR = REPO_ROOT / "assets"
MESSAGES_FILE = REPO_ROOT / "game" / "data" / "cheers.yaml"


def user_data_dir() -> Path:
    """The player's own folder (scores, settings); KPOP_TRAINER_DATA overrides it for tests."""
    override = os.environ.get("KPOP_TRAINER_DATA")
    return Path(override) if override else Path(platformdirs.user_data_dir("kpop-dance-trainer", appauthor=False))


def user_songs_dir() -> Path:
    """The player's own songs (user_data_dir()/songs): always loaded, never touched by an update."""
    return user_data_dir() / "songs"
