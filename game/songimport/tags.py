"""Title and artist from a file's tags (ID3, MP4 atoms, Vorbis comments, FLAC, ...) via mutagen."""
from __future__ import annotations

from pathlib import Path


def read_tags(path: Path) -> dict[str, str]:
    """{'title': ..., 'artist': ...} for the tags the file has (either may be missing; never raises).

    mutagen's "easy" interface maps every format's own keys (TIT2/TPE1, ©nam/©ART, TITLE/ARTIST)
    onto the same names."""
    import mutagen

    try:
        tagged = mutagen.File(str(path), easy=True)
    except Exception:  # mutagen raises many kinds for files it cannot parse; tags are optional
        return {}
    if tagged is None or not tagged.tags:
        return {}
    found = {}
    for key in ("title", "artist"):
        values = tagged.tags.get(key) or []
        text = str(values[0]).strip() if values else ""
        if text:
            found[key] = text
    return found
