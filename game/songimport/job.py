"""One song import running on a worker thread, for a screen that keeps drawing meanwhile.

The screen starts an ImportJob and reads `fraction`, `stage`, `result` and `error` once per frame;
the worker writes them (single assignments: no lock needed for a reader that only shows them).
The import itself is game.songimport.cli.import_song; with a dance video, the video is checked
before the minutes of analysis (so a bad one is said at once) and copied into the new song
folder afterwards as the song's reference `video` (song.yaml's `video`, `video_offset: 0`: the
song and the video are taken to start together, which holds when the song came from that video)."""
from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from game.songimport.cli import STAGES
from game.songimport.decode import SongImportError

VIDEO_STAGE = "video"  # after the import's own stages: copying the dance video in
VIDEO_SHARE = 0.05     # of the bar, when there is a video to copy


@dataclass(frozen=True)
class ImportFailure:
    """Why an import failed: `reason` (SongImportError's, or 'video_missing', 'video_bad',
    'video_copy'), the file it is about, its figures, and the English message of the command line."""

    reason: str
    file: Path
    fields: dict
    message: str


def stage_at(fraction: float) -> str:
    """The import stage (a key of STAGES) under way at `fraction` (0..1) of the bar; stages fill it in order."""
    total = sum(STAGES.values())
    reached = 0.0
    for stage, share in STAGES.items():
        reached += share / total
        if fraction < reached - 1e-9:
            return stage
    return list(STAGES)[-1]


class ImportJob:
    """Import `source` (audio, or a video's sound track) into `songs_dir` on a daemon thread, then
    copy `video` (optional) into the new folder. `run` is import_song (tests pass a stand-in)."""

    def __init__(self, source: Path, songs_dir: Path, video: Path | None = None,
                 run: Callable[..., dict] | None = None):
        from game.songimport.cli import import_song

        self.source, self.songs_dir, self.video = Path(source), Path(songs_dir), video and Path(video)
        self._run = run or import_song
        self.fraction = 0.0
        self.stage = list(STAGES)[0]
        self.result: dict | None = None  # import_song's summary (plus 'video' when one was copied)
        self.error: ImportFailure | None = None
        self._thread = threading.Thread(target=self._work, name="song-import", daemon=True)
        self._thread.start()

    @property
    def done(self) -> bool:
        return self.result is not None or self.error is not None

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the import ends (tests, tools); returns whether it did."""
        self._thread.join(timeout)
        return self.done

    def _progress(self, fraction: float) -> None:
        share = 1.0 - (VIDEO_SHARE if self.video else 0.0)
        self.stage = stage_at(fraction)
        self.fraction = max(self.fraction, min(fraction, 1.0) * share)

    def _work(self) -> None:
        try:
            if self.video is not None:
                check_video(self.video)
            summary = self._run(self.source, self.songs_dir, show_progress=False, progress=self._progress)
            if self.video is not None:
                self.stage = VIDEO_STAGE
                summary["video"] = add_video(Path(summary["folder"]), self.video).name
        except SongImportError as err:
            file = self.source if err.reason not in ("write", "video_copy") else self.songs_dir
            self.error = ImportFailure(err.reason, Path(err.fields.pop("file", file)), err.fields, str(err))
            return
        except Exception as exc:  # a bug, not a player's mistake: said on screen rather than a frozen bar
            self.error = ImportFailure("", self.source, {}, f"{self.source}: the import failed ({exc!r})")
            return
        self.fraction = 1.0
        self.result = summary


def check_video(video: Path) -> None:
    """Raise SongImportError ('video_missing' or 'video_bad', naming the file) unless `video` opens
    and its first frame decodes with the reader the coach uses (game.pose.capture.VideoFile)."""
    from game.pose.capture import CameraError, VideoFile

    if not video.is_file():
        raise SongImportError(f"{video}: no such video; check the path, or leave the video out", "video_missing",
                              file=video)
    try:
        VideoFile(video).close()
    except CameraError as exc:
        raise SongImportError(str(exc), "video_bad", file=video) from None


def add_video(folder: Path, video: Path) -> Path:
    """Copy `video` into the song `folder` as video<ext> and name it in song.yaml as the song's
    reference video. On failure the new song folder is removed (nothing half-made is left) and
    SongImportError('video_copy') is raised."""
    from game.songfolder import SONG_FILE

    target = folder / f"video{video.suffix.lower()}"
    try:
        shutil.copyfile(video, target)
        with open(folder / SONG_FILE, "a", encoding="utf-8") as song_yaml:
            song_yaml.write(f"# the dance video, copied from {video.name}; video_offset: the song time (s) of its first frame\n"
                            f"video: {target.name}\nvideo_offset: 0.0\n")
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise SongImportError(f"{video}: cannot copy the video into {folder} ({exc.strerror or exc}); check there is "
                              "space, then try again", "video_copy", file=video, error=exc.strerror or str(exc)) from None
    return target
