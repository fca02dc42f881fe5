"""Decode a song's sound from any audio or video file, normalise its loudness, write audio.ogg.

Decoding goes through PyAV, whose wheels carry FFmpeg's own libraries: every codec FFmpeg
reads (mp3, AAC/m4a, FLAC, WAV, Ogg Vorbis, Opus, the sound track of mp4/mkv/webm/mov) works
without an `ffmpeg` program on the PATH, which pydub would need. Loudness is EBU R128 /
ITU-R BS.1770-4 through pyloudnorm; OGG Vorbis is written by soundfile (libsndfile), which
pygame's mixer plays.

The timeline is the source's: nothing is trimmed, and when the sound track starts after the
file's first frame (common in videos) silence is put in front, so a time in the source is the
same time in the song.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

MIN_SECONDS = 10.0            # shorter than this is no song to dance to (and too short to find a tempo)
SILENCE_DBFS = -60.0          # a whole file quieter than this (RMS) is silent
TARGET_LUFS = -14.0           # integrated loudness of the written song (the level streaming services play pop at)
OGG_BLOCK = 32768             # frames per write to the OGG encoder
PEAK_CEILING_DBFS = -1.0      # never raise a song so far that its sample peak passes this


class SongImportError(Exception):
    """A source file that cannot become a song; str() names the file and what to do.

    `reason` says which case it is ('missing', 'unreadable', 'no_sound', 'codec', 'empty',
    'too_short', 'silent', 'no_beat', 'write', or '' for the command line's own options) and
    `fields` its figures, so a screen can say it in the player's language."""

    def __init__(self, message: str, reason: str = "", **fields: object):
        super().__init__(message)
        self.reason = reason
        self.fields = fields


@dataclass(frozen=True)
class DecodedAudio:
    """A decoded sound track: `samples` (frames, channels) float32 in [-1, 1] at `sample_rate` Hz,
    starting at second 0 of the source."""

    samples: np.ndarray
    sample_rate: int

    @property
    def duration(self) -> float:
        """Length in seconds."""
        return self.samples.shape[0] / self.sample_rate

    def mono(self) -> np.ndarray:
        """(frames,) float32 average of the channels."""
        return self.samples.mean(axis=1).astype(np.float32)


def decode(path: Path, progress: Callable[[float], None] | None = None) -> DecodedAudio:
    """Decode the first sound track of `path` (audio or video) to float32, at most two channels.

    `progress(fraction)` is called as decoding advances. Raises SongImportError when the file is
    missing, unreadable, has no sound track, or is shorter than MIN_SECONDS or silent."""
    import av  # imported here: the game itself never needs it

    path = Path(path)
    if not path.is_file():
        raise SongImportError(f"{path}: no such file; give the path of an audio or video file", "missing")
    try:
        container = av.open(str(path))
    except (av.FFmpegError, OSError, UnicodeDecodeError) as exc:
        raise SongImportError(f"{path}: cannot read this file ({_reason(exc)}); "
                              "convert it to mp3, m4a, flac, wav or ogg and try again", "unreadable") from None
    with container:
        if not container.streams.audio:
            kinds = ", ".join(sorted({s.type for s in container.streams})) or "nothing"
            raise SongImportError(f"{path}: no sound track (the file holds {kinds}); "
                                  "give the song's audio file or a video that has its music", "no_sound")
        stream = container.streams.audio[0]
        start = _timeline_start(container, stream)
        total = float(container.duration / av.time_base) if container.duration else None
        rate = stream.codec_context.sample_rate or 44100
        layout = "mono" if (stream.codec_context.channels or 2) == 1 else "stereo"
        resampler = av.AudioResampler(format="flt", layout=layout, rate=rate)
        chunks: list[np.ndarray] = []
        first_pts: float | None = None
        try:
            for frame in container.decode(stream):
                if first_pts is None and frame.pts is not None and frame.time_base is not None:
                    first_pts = float(frame.pts * frame.time_base)
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1, 1 if layout == "mono" else 2))
                if progress and total and frame.time is not None:
                    progress(min(frame.time / total, 1.0))
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1, 1 if layout == "mono" else 2))
        except av.FFmpegError as exc:
            if not chunks:
                raise SongImportError(f"{path}: cannot decode its sound ({_reason(exc)}, codec "
                                      f"'{stream.codec_context.name}'); convert it to mp3, m4a, flac or wav", "codec",
                                      codec=stream.codec_context.name) from None
            # a damaged tail: keep what decoded (players do the same)
    if not chunks:
        raise SongImportError(f"{path}: the sound track is empty; give a file with music in it", "empty")
    samples = np.concatenate(chunks).astype(np.float32)
    lead = max((first_pts if first_pts is not None else start) - start, 0.0)
    if lead > 0:  # sound starts after the file does: keep the file's timeline
        samples = np.concatenate([np.zeros((round(lead * rate), samples.shape[1]), np.float32), samples])
    audio = DecodedAudio(samples=samples, sample_rate=rate)
    _check_usable(audio, path)
    return audio


def _timeline_start(container, stream) -> float:
    """Second 0 of the file: the earliest start of any stream (a video's picture may start first)."""
    starts = []
    for s in container.streams:
        if s.start_time is not None and s.time_base is not None:
            starts.append(float(s.start_time * s.time_base))
    return min(starts) if starts else 0.0


def _reason(exc: Exception) -> str:
    text = str(exc).split(": '", 1)[0]
    return text.strip() or type(exc).__name__


def _check_usable(audio: DecodedAudio, path: Path) -> None:
    if audio.duration < MIN_SECONDS:
        raise SongImportError(f"{path}: only {audio.duration:.1f} s of sound; a song needs at least "
                              f"{MIN_SECONDS:g} s (give the whole song, not a clip)", "too_short",
                              seconds=f"{audio.duration:.1f}", minimum=f"{MIN_SECONDS:g}")
    rms = float(np.sqrt(np.mean(np.square(audio.samples, dtype=np.float64))))
    if rms <= 10 ** (SILENCE_DBFS / 20):
        raise SongImportError(f"{path}: the sound track is silent; give the file that has the music "
                              "(a muted video has no song in it)", "silent")


def normalise_loudness(audio: DecodedAudio, target_lufs: float = TARGET_LUFS) -> tuple[DecodedAudio, float]:
    """The audio at `target_lufs` integrated loudness (EBU R128), and the gain applied in dB.

    A gain that would push the sample peak above PEAK_CEILING_DBFS is lowered to stop there
    (no limiter: a quiet, dynamic song stays a little under the target rather than distorting)."""
    import pyloudnorm

    meter = pyloudnorm.Meter(audio.sample_rate)  # BS.1770-4 K-weighting, 400 ms gated blocks
    loudness = meter.integrated_loudness(audio.samples.astype(np.float64))
    if not np.isfinite(loudness):  # all blocks gated out: too quiet to measure, leave it
        return audio, 0.0
    gain_db = target_lufs - loudness
    peak = float(np.max(np.abs(audio.samples)))
    if peak > 0:
        gain_db = min(gain_db, PEAK_CEILING_DBFS - 20 * np.log10(peak))
    gain = np.float32(10 ** (gain_db / 20))
    return DecodedAudio(samples=audio.samples * gain, sample_rate=audio.sample_rate), float(gain_db)


def write_ogg(audio: DecodedAudio, path: Path) -> Path:
    """Write `audio` as OGG Vorbis (libsndfile's default quality) that pygame's mixer plays; returns `path`."""
    import soundfile

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.ogg")
    samples = np.clip(audio.samples, -1.0, 1.0)
    # in blocks: libsndfile 1.2's Vorbis encoder crashes the process on one multi-minute write
    with soundfile.SoundFile(str(tmp), "w", audio.sample_rate, samples.shape[1], format="OGG", subtype="VORBIS") as out:
        for start in range(0, samples.shape[0], OGG_BLOCK):
            out.write(samples[start:start + OGG_BLOCK])
    tmp.replace(path)
    return path
