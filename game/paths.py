"""Where things live: the game's own data beside the code, the player's data in their user folder.

In a checkout the shipped data sits at the project root (songs/, models/poses/, sounds/, assets/), where
fans and tools edit it. Installed with pip (pyproject.toml maps those folders into the package), the same
folders are under game/shipped/. DATA_ROOT is whichever of the two holds songs/."""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import platformdirs

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent  # the checkout (or site-packages when installed)
INSTALLED_DATA = PACKAGE_DIR / "shipped"


def _data_root() -> Path:
    """The checkout's root when it has the data folders, else the installed copy under game/shipped/."""
    return REPO_ROOT if (REPO_ROOT / "songs").is_dir() or not INSTALLED_DATA.is_dir() else INSTALLED_DATA


DATA_ROOT = _data_root()
SONGS_DIR = DATA_ROOT / "songs"
MODELS_DIR = DATA_ROOT / "models"
POSES_DIR = MODELS_DIR / "poses"
SOUNDS_DIR = DATA_ROOT / "sounds"
ASSETS_DIR = DATA_ROOT / "assets"
MESSAGES_FILE = PACKAGE_DIR / "data" / "cheers.yaml"


def user_path(text: str) -> Path:
    """argparse type of every path on the command line: `~` expanded, as a shell does for an unquoted path
    (a quoted "~/Music/My Song.mp3" reaches the program with its `~`)."""
    return Path(text).expanduser()


def camera_arg(text: str) -> str:
    """argparse type of --camera: a webcam index as given ('0'), else a video path with `~` expanded (kept as
    text: the app and its settings hold the camera as text)."""
    return text if text.isdigit() else str(user_path(text))


def user_data_dir() -> Path:
    """The player's own folder (scores, settings, songs); KPOP_TRAINER_DATA overrides it for tests."""
    override = os.environ.get("KPOP_TRAINER_DATA")
    return Path(override) if override else Path(platformdirs.user_data_dir("kpop-dance-trainer", appauthor=False))


def user_songs_dir() -> Path:
    """The player's own songs (user_data_dir()/songs): always loaded, never touched by an update."""
    return user_data_dir() / "songs"


def song_dirs(extra: Path | Iterable[Path] | None = None) -> list[Path]:
    """Every folder of song folders the game loads (game.songfolder.song_folders lists the songs in them), in
    order: the shipped songs, the player's own (user_songs_dir()), then any given with --songs-dir.
    Later folders win when two hold a song with the same id (folder name), so a player's edited copy
    of a shipped song replaces it."""
    extras = [] if extra is None else [extra] if isinstance(extra, (str, Path)) else list(extra)
    folders: list[Path] = []
    for folder in (SONGS_DIR, user_songs_dir(), *map(Path, extras)):
        if folder.resolve() not in {f.resolve() for f in folders}:
            folders.append(folder)
    return folders
