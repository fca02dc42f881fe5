"""Write an imported song's folder: song.yaml (the format of docs/charts.md) beside audio.ogg."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from game.songfolder import SONG_FILE
from game.timing import TempoMap

AUDIO_FILE = "audio.ogg"


def song_id(text: str) -> str:
    """A folder name the game accepts as a song id (game.schema.ID_PATTERN: lower-case letters of
    any script, digits, - and _) from a title or file name: "Starlight Rush" -> "starlight-rush",
    "별빛 러시" -> "별빛-러시". Accents on Latin letters are dropped ("Café" -> "cafe"); text with
    nothing usable gives "song"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    slug = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", text).lower()).strip("-")
    return slug[:48].strip("-") or "song"


def title_from_file_name(stem: str) -> str:
    """A readable title from a file name with no title tag: "musepose_dance" -> "Musepose Dance",
    "my-song.v2" -> "My Song.v2". Names already in mixed case ("BTS_Dynamite") keep their capitals."""
    words = re.sub(r"[_\s]+|(?<=\w)-(?=\w)", " ", stem).split()
    if stem == stem.lower():
        words = [w[:1].upper() + w[1:] for w in words]
    return " ".join(words) or stem


def free_folder(songs_dir: Path, wanted: str) -> Path:
    """songs_dir/wanted, or wanted-2, wanted-3, ... when that folder is taken."""
    folder, n = songs_dir / wanted, 2
    while folder.exists():
        folder, n = songs_dir / f"{wanted}-{n}", n + 1
    return folder


def song_document(title: str, artist: str, tempo: TempoMap, offset: float,
                  preview: tuple[float, float]) -> dict:
    """song.yaml's content (no members yet: the chart comes next)."""
    tempo_doc: dict = {"bpm": tempo.bpm, "beats_per_bar": tempo.beats_per_bar}
    if tempo.changes:
        tempo_doc["changes"] = [{"beat": c.beat, "bpm": c.bpm} for c in tempo.changes]
    return {"title": title, "artist": artist, "audio": AUDIO_FILE, "offset": offset, "tempo": tempo_doc,
            "preview": {"start": preview[0], "length": preview[1]}, "members": []}


def write_song_yaml(folder: Path, document: dict, source: Path) -> Path:
    """Write folder/song.yaml with a header saying where it came from and how to correct it."""
    header = (f"# Imported from {source.name} by `python main.py song new`.\n"
              "# offset = the first downbeat (seconds into audio.ogg, the source's own timeline);\n"
              "# if cues feel early or late, correct offset and tempo here, then run `python main.py check`.\n")
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, default_flow_style=False)
    path = Path(folder) / SONG_FILE
    path.write_text(header + body, encoding="utf-8")
    return path
