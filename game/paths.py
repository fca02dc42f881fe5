"""Where things live: the game's own data beside the code, the player's data in their user folder.

In a checkout the shipped data sits at the project root (songs/, models/poses/, sounds/, assets/), where
fans and tools edit it. Installed with pip (pyproject.toml maps those folders into the package), the same
folders are under game/shipped/. DATA_ROOT is whichever of the two holds songs/."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
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


# --- the player's pose library ----------------------------------------------------------------------------
# Poses a player teaches (and the classifier retrained on them) live in their user folder, like their songs:
# an update replaces the shipped library (POSES_DIR) wholesale, so nothing the player taught may live there.
OFFERED_FILE = "shipped_poses.json"  # in the player's library: the shipped pose ids already copied into it


def user_poses_dir() -> Path:
    """The player's own pose library (user_data_dir()/poses): made on the first write, never touched by an update."""
    return user_data_dir() / "poses"


def _holds_poses(folder: Path) -> bool:
    """True when `folder` holds pose files (*.yaml besides the classifier's metadata) or its offered-poses record."""
    return folder.is_dir() and ((folder / OFFERED_FILE).is_file()
                                or any(p.name != "classifier.yaml" for p in folder.glob("*.yaml")))


def default_poses_dir() -> Path:
    """The pose library the game and tools use when no --library is given, worked out at call time: the
    player's (user_poses_dir()) once it holds poses, with the shipped poses new since it was made added to
    it (offer_shipped_poses); else the shipped one (POSES_DIR). Writing tools call player_poses_dir() instead."""
    player = user_poses_dir()
    if not _holds_poses(player):
        return POSES_DIR
    offer_shipped_poses(player)
    return player


def _shipped_ids() -> list[str]:
    return sorted(p.stem for p in POSES_DIR.glob("*.yaml") if p.name != "classifier.yaml")


def _read_offered(library: Path) -> set[str]:
    try:
        data = json.loads((library / OFFERED_FILE).read_text(encoding="utf-8"))
        return {str(i) for i in data.get("offered", [])} if isinstance(data, dict) else set()
    except (OSError, ValueError):
        return set()  # no record (a folder the player made) or a damaged one: offered again, never overwriting


def _write_offered(library: Path, ids: Iterable[str]) -> None:
    record = {"about": "shipped poses already copied into this library; one listed here that you delete or change "
                       "is never brought back or overwritten by an update", "offered": sorted(set(ids))}
    _replace(library / OFFERED_FILE, (json.dumps(record, indent=1) + "\n").encode())


def _replace(target: Path, data: bytes) -> None:
    """Write `target` whole or not at all (the game's loaders may offer shipped poses on two threads at once)."""
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def offer_shipped_poses(library: Path) -> list[str]:
    """Copy into the player's `library` each shipped pose never offered to it before (new in an update), so the
    shipped charts that use it load; the library's classifier then reports itself stale (its fingerprint no
    longer matches) and the title screen offers the retrain. A pose the player already has, changed or deleted
    after it was offered is left alone. Returns the ids added; a read-only folder adds none (no error)."""
    offered = _read_offered(library)
    new = [i for i in _shipped_ids() if i not in offered]
    if not new:
        return []
    added = []
    try:
        for pose in new:
            target = library / f"{pose}.yaml"
            if not target.exists():
                _replace(target, (POSES_DIR / f"{pose}.yaml").read_bytes())
                added.append(pose)
        _write_offered(library, offered | set(new))
    except OSError:
        pass  # offered again next time
    return added


def player_poses_dir(say: Callable[[str], None] | None = None) -> Path:
    """The library a tool writes into when no --library is given (poses add/train, chart from-video, the title
    screen's retrain): the player's, made on the first call as a copy of the whole shipped library (poses,
    classifier and its files), copied to a temporary folder and renamed so that a half copy never counts.
    `say(text)` is called once, when the copy is made, with where it is. Raises OSError (with the folder in
    the message) when the user folder cannot be written."""
    library = user_poses_dir()
    if _holds_poses(library):
        offer_shipped_poses(library)
        return library
    library.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".poses-", dir=library.parent))
    try:
        copy = staging / "poses"
        shutil.copytree(POSES_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", ".*"))
        _write_offered(copy, _shipped_ids())
        if library.is_dir() and not any(library.iterdir()):
            library.rmdir()  # an empty folder (made by hand) gives way to the copy
        try:
            copy.rename(library)
        except OSError:
            if not _holds_poses(library):  # not another process making the same copy a moment ago
                raise OSError(f"{library}: could not make your pose library there ({library} exists and is "
                              "not a pose library); move it away and try again") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if say is not None:
        say(f"Your poses are kept in {library}; game updates never change them "
            f"(to work on the shipped library instead, give --library {POSES_DIR})")
    return library
