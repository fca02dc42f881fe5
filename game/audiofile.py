"""A song's audio file as the game will play it: read from the file's own header (codec, length),
refused when it has no sound, and converted once to Ogg Vorbis when pygame's mixer cannot play it.

The checker and the game both go through `playable_audio`, so what the checker accepts is what
the mixer plays. The codec comes from the file (libsndfile via soundfile), not its extension:
an MP3 renamed .ogg is an MP3. pygame 2.6's music player (SDL_mixer 2.x) plays the pairs in
MIXER_PLAYS (tested in tests/test_audiofile.py against the real mixer); anything else that
soundfile (or, when installed, ffmpeg through pydub) can decode is written once to
<user cache>/audio/<sha256 of the file>.ogg and played from there."""
from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np
import platformdirs

MAX_SECONDS = 60 * 60          # longer is not a song (a long practice mix is fine; converting it takes a while)
MIN_SECONDS = 1.0              # shorter than a beat at 60 BPM: nothing to dance to
SILENT_PEAK = 10 ** (-60 / 20)  # -60 dBFS: quieter than this everywhere is "no sound"
_BLOCK = 1 << 16

# (container, codec) -> file name endings the mixer accepts them under (it picks decoders by extension too).
_WAV = (".wav",)
MIXER_PLAYS: dict[tuple[str, str], tuple[str, ...]] = {
    **{(fmt, sub): _WAV for fmt in ("WAV", "WAVEX")
       for sub in ("PCM_U8", "PCM_16", "PCM_24", "PCM_32", "FLOAT", "DOUBLE", "ULAW", "ALAW")},
    ("OGG", "VORBIS"): (".ogg", ".oga"),
    **{("FLAC", sub): (".flac",) for sub in ("PCM_S8", "PCM_16", "PCM_24")},
    ("MP3", "MPEG_LAYER_III"): (".mp3",),
    **{("AIFF", sub): (".aif", ".aiff") for sub in ("PCM_16", "PCM_24")},
}


class AudioFileError(Exception):
    """The audio cannot be used; the message says why and what to do (the caller names the file)."""


@dataclass(frozen=True)
class PlayableAudio:
    """What the game plays: `path` (the file itself, or its converted copy), its length in seconds,
    and the codec it was read as ("OGG/OPUS")."""

    path: Path
    duration: float
    codec: str
    converted: bool = False
    silent: bool = False  # every sample below -60 dBFS: it plays, but nothing is heard

    def silence_note(self) -> str:
        return (f"it is silent ({self.duration:.1f} s with no sample above -60 dBFS): the song will play with no "
                "music; use the file with the music in it") if self.silent else ""


def cache_dir() -> Path:
    """Where converted audio lives (KPOP_TRAINER_CACHE overrides it, for tests)."""
    override = os.environ.get("KPOP_TRAINER_CACHE")
    return Path(override) if override else Path(platformdirs.user_cache_dir("kpop-dance-trainer", appauthor=False))


def mixer_can_play(path: Path, container: str, codec: str) -> bool:
    return Path(path).suffix.lower() in MIXER_PLAYS.get((container, codec), ())


def _peak(path: Path) -> float:
    """Loudest sample (0..1), reading block by block and stopping at the first clearly audible one,
    so a real song costs a few blocks and only a silent file is read to its end."""
    import soundfile

    peak = 0.0
    for block in soundfile.blocks(str(path), blocksize=_BLOCK, dtype="float32", always_2d=True):
        if block.size:
            peak = max(peak, float(np.abs(block).max()))
        if peak >= SILENT_PEAK:
            break
    return peak


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in 1 MiB blocks: the cache key of every derived audio file."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_ogg(target: Path, rate: int, blocks: Iterable[np.ndarray]) -> None:
    """Write (n, channels) float blocks as Vorbis, block by block (an hour of audio never sits in
    memory), atomically: a crash mid-way leaves no half file that a later load would trust."""
    import soundfile

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".ogg", dir=target.parent)
    os.close(fd)
    try:
        out = None
        for block in blocks:
            if out is None:
                out = soundfile.SoundFile(tmp, "w", rate, block.shape[1], format="OGG", subtype="VORBIS")
            out.write(block)
        if out is not None:
            out.close()
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _decode_with_ffmpeg(path: Path, why: str) -> tuple[np.ndarray, int]:
    """Decode what libsndfile cannot (AAC/M4A, WMA...) with pydub, which drives ffmpeg."""
    if shutil.which("ffmpeg") is None:
        raise AudioFileError(f"it cannot be read as audio ({why}); convert it to OGG Vorbis or WAV, or install ffmpeg")
    from pydub import AudioSegment  # imported here: it warns at import when ffmpeg is missing

    try:
        seg = AudioSegment.from_file(str(path))
    except Exception as exc:  # pydub raises CouldntDecodeError and OSErrors
        raise AudioFileError(f"it cannot be decoded ({exc}); convert it to OGG Vorbis or WAV") from None
    samples = np.array(seg.get_array_of_samples(), dtype=np.float32).reshape(-1, seg.channels)
    return samples / float(1 << (8 * seg.sample_width - 1)), seg.frame_rate


def playable_audio(path: Path) -> PlayableAudio:
    """The audio to play for `path`, converting it once when the mixer cannot play it.

    Raises AudioFileError when it cannot be read, has no sound (no samples, or under MIN_SECONDS),
    or is longer than MAX_SECONDS. A file of silence is measured (peak below -60 dBFS) and marked
    `silent`: it plays (test songs and click-less practice tracks are silent), and the checker warns."""
    import soundfile

    path = Path(path)
    try:
        info = soundfile.info(str(path))
        container, codec, frames, rate = info.format, info.subtype, info.frames, info.samplerate
        decoded = None
    except Exception as exc:  # soundfile raises LibsndfileError / RuntimeError for unknown formats
        samples, rate = _decode_with_ffmpeg(path, str(exc).replace(str(path), "").strip(" :'"))
        container, codec, frames, decoded = "FFMPEG", "", len(samples), samples
    label = f"{container}/{codec}".rstrip("/")
    duration = frames / rate if rate else 0.0
    if frames <= 0 or duration <= 0:
        raise AudioFileError(f"it has no sound in it ({label}, 0 samples); export the song again")
    if duration < MIN_SECONDS:
        raise AudioFileError(f"it holds only {duration:.2f} s of sound ({label}); export the whole song again")
    if duration > MAX_SECONDS:
        raise AudioFileError(f"it is {duration / 60:.0f} minutes long; the limit is {MAX_SECONDS // 60} minutes: cut it to the song")
    if decoded is None:
        try:
            peak = _peak(path)
        except Exception as exc:  # a header that reads and a body that does not
            raise AudioFileError(f"it cannot be decoded ({label}: {exc}); export it again as OGG Vorbis or WAV") from None
    else:
        peak = float(np.abs(decoded).max())
    silent = peak < SILENT_PEAK
    if decoded is None and mixer_can_play(path, container, codec):
        return PlayableAudio(path, duration, label, silent=silent)
    target = cache_dir() / "audio" / f"{file_sha256(path)}.ogg"
    if not target.is_file():
        blocks = ([decoded] if decoded is not None else
                  soundfile.blocks(str(path), blocksize=_BLOCK * 4, dtype="float32", always_2d=True))
        _write_ogg(target, rate, blocks)
    return PlayableAudio(target, duration, label, converted=True, silent=silent)
