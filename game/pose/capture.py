"""The camera: a webcam index or a video file that stands in for one.

Frames are read on a worker thread and only the newest is kept (a stale frame is worth nothing
to a rhythm game); each is stamped with its capture time on the game clock. A video file is read
as players show it (upright, each frame at its own timestamp), and its timestamps are the song
time, in the window and headless alike."""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import cv2
import numpy as np

# FFmpeg inside OpenCV prints every decoder complaint ("Missing Sequence Header" per frame of an AV1 file);
# the game says what is wrong in one sentence instead. Read once, when OpenCV first opens a video.
os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", "-8")

LOST_AFTER_S = 1.0  # no new frame for this long = the camera has gone


class CameraError(Exception):
    """The camera cannot be used; str() says what to do."""


@dataclass(frozen=True)
class Frame:
    image: np.ndarray  # BGR, as the camera sees it (not mirrored)
    t: float  # capture time, song seconds
    index: int


def parse_camera(value: str | int | None) -> int | Path:
    """'0' or 0 -> webcam index 0; anything else is a video file path."""
    if value is None:
        return 0
    if isinstance(value, int) or str(value).isdigit():
        return int(value)
    return Path(value).expanduser()


# Codec names for the FOURCC codes OpenCV reports, so a player reads "AV1", not "AV01".
CODEC_NAMES = {"av01": "AV1", "hev1": "H.265/HEVC", "hvc1": "H.265/HEVC", "hevc": "H.265/HEVC",
               "vp09": "VP9", "vp90": "VP9", "vp08": "VP8", "vp80": "VP8", "avc1": "H.264", "h264": "H.264",
               "mp4v": "MPEG-4 Part 2", "fmp4": "MPEG-4 Part 2", "xvid": "MPEG-4 Part 2 (Xvid)",
               "mjpg": "Motion JPEG", "apcn": "ProRes", "apch": "ProRes"}
# Turning a frame upright by its rotation tag (degrees clockwise, as FFmpeg and every player read it).
_TURNS = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
DARK_BELOW = 40.0  # mean luma (0-255) under which a picture counts as too dark; MediaPipe loses people near 10
LIGHT_ABOVE = 50.0  # ... and over which it counts as lit again (hysteresis: the message doesn't flicker)


def quoted(path: Path | str) -> str:
    """A path in single quotes for a shell command the player copies (spaces, Hangul, quotes survive)."""
    return "'" + str(path).replace("'", "'\\''") + "'"


def convert_command(path: Path) -> str:
    """The ffmpeg command, run in the video's folder, that turns any video into H.264 MP4 (8-bit 4:2:0),
    which OpenCV reads everywhere. File names only: short enough to read on the camera screen."""
    path = Path(path)
    return f"ffmpeg -i {quoted(path.name)} -c:v libx264 -pix_fmt yuv420p {quoted(path.stem + '-h264.mp4')}"


VIDEO_SUFFIXES = {".mp4", ".mov", ".m4v", ".mkv", ".webm", ".avi", ".3gp", ".mpg", ".mpeg", ".wmv", ".flv"}
STILL_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".heic", ".tif", ".tiff"}
MIN_CAMERA_S = 1.0  # a "camera" video shorter than this is no dance: a photo (1 frame) or a clip cut by mistake
NOT_A_VIDEO = "Give a video of the dance (such as an MP4)"


def unreadable(path: Path, codec: str | None) -> str:
    """Why OpenCV cannot read `path` (codec: what OpenCV named it, None when it could not open it), and the way out.
    FFmpeg (PyAV) looks inside: the ffmpeg re-encode is offered only for a picture in a codec OpenCV has no
    decoder for; a sound file, a text file or a photo is said to be what it is."""
    try:
        import av

        with av.open(str(path)) as container:
            pictures, sounds = container.streams.video, container.streams.audio
            picture = pictures[0].codec_context.name if pictures else None
        if not pictures and not sounds:
            raise ValueError("no streams")  # an MP4 cut before its index opens with none
    except Exception:  # noqa: BLE001  (FFmpeg cannot read it at all: not a media file, or cut short)
        if Path(path).suffix.lower() not in VIDEO_SUFFIXES:
            return f"cannot read '{path}': it is not a video file. {NOT_A_VIDEO}."
        return (f"cannot read video '{path}': it is damaged or incomplete (a copy cut short), or not a video file. "
                f"Use a whole copy in a common format such as MP4; to convert one, in its folder: {convert_command(path)}")
    if picture is None:
        return f"'{path}' is a sound file: it has no picture. {NOT_A_VIDEO}."
    name = codec or CODEC_NAMES.get(picture.lower(), picture)
    return (f"cannot decode video '{path}': its codec, {name}, has no decoder here (or the file is damaged). "
            f"Convert it to H.264 in its folder with: {convert_command(path)}")


def codec_of(cap: cv2.VideoCapture) -> str:
    """The video codec as a person names it ("AV1" for av01; an unknown FOURCC as it is), from OpenCV's FOURCC."""
    code = int(cap.get(cv2.CAP_PROP_FOURCC) or 0)
    fourcc = code.to_bytes(4, "little").decode("ascii", "replace").strip("\x00 ") if code > 0 else ""
    if not fourcc:
        return "unknown codec"
    name = CODEC_NAMES.get(fourcc.lower())
    return name or fourcc


def brightness(image: np.ndarray) -> float:
    """Mean luma of a BGR picture, 0 (black) to 255 (white), on every 8th pixel (cheap, every frame)."""
    small = np.ascontiguousarray(image[::8, ::8])
    return float(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY).mean()) if small.ndim == 3 else float(small.mean())


class DarkWatch:
    """Is the picture too dark to see anyone? Entered below DARK_BELOW, left above LIGHT_ABOVE."""

    def __init__(self) -> None:
        self.dark = False
        self.level = 255.0

    def update(self, image: np.ndarray) -> bool:
        self.level = brightness(image)
        self.dark = self.level < (LIGHT_ABOVE if self.dark else DARK_BELOW)
        return self.dark


class VideoFile:
    """A video file read the way players show it.

    - Turned upright by the rotation in its metadata (a phone stores portrait video sideways plus a
      tag). OpenCV 4.11's FFmpeg backend reads the tag (CAP_PROP_ORIENTATION_META) but leaves
      CAP_PROP_ORIENTATION_AUTO off, so it is switched on here, or the frame turned by hand where a
      backend can't.
    - Each frame at its own presentation timestamp (CAP_PROP_POS_MSEC), seconds from the first frame:
      phones record at a variable frame rate, so index / fps drifts.
    - The first frame is decoded on opening: a file whose codec has no decoder here (AV1 on most
      machines) is a CameraError naming the codec and the ffmpeg command that converts it.

    Raises CameraError (missing file, not a video, no decoder)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise CameraError(f"video file '{self.path}' not found; check the path given to --camera")
        cap = cv2.VideoCapture(str(self.path))
        if not cap.isOpened():
            cap.release()
            raise CameraError(unreadable(self.path, None))
        self._cap = cap
        self.codec = codec_of(cap)
        self.fps = float(cap.get(cv2.CAP_PROP_FPS) or 0.0) or 30.0  # nominal: only for the length and the last frame
        frames = float(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0.0)
        self.frame_count: int | None = int(frames) if frames > 0 else None  # from the header: may be missing
        self.duration: float | None = frames / self.fps if frames > 0 else None
        self.rotation = int(round(cap.get(cv2.CAP_PROP_ORIENTATION_META) or 0.0)) % 360
        auto = self.rotation != 0 and bool(cap.set(cv2.CAP_PROP_ORIENTATION_AUTO, 1)) and \
            cap.get(cv2.CAP_PROP_ORIENTATION_AUTO) == 1
        self._turn = None if auto else _TURNS.get(self.rotation)
        self._first_ms: float | None = None
        self._last_t: float | None = None
        self._gap = 1.0 / self.fps
        self.frames_read = 0
        self.ended_at: float | None = None  # set when the last frame has been read: its time + its duration
        first = self._decode()
        if first is None:
            self.close()
            raise CameraError(unreadable(self.path, self.codec))
        self._pending: tuple[np.ndarray, float] | None = first

    def _decode(self) -> tuple[np.ndarray, float] | None:
        ok, image = self._cap.read()
        if not ok or image is None:
            return None
        if self._turn is not None:
            image = cv2.rotate(image, self._turn)
        ms = float(self._cap.get(cv2.CAP_PROP_POS_MSEC) or 0.0)
        if self._first_ms is None:
            self._first_ms = ms
        t = (ms - self._first_ms) / 1000.0
        if self._last_t is not None:
            if t <= self._last_t:  # no timestamp (some AVIs): one nominal frame after the last
                t = self._last_t + 1.0 / self.fps
            self._gap = t - self._last_t
        self._last_t = t
        return image, t

    def read(self) -> tuple[np.ndarray, float] | None:
        """The next frame (BGR, upright) and its time in seconds from the first frame; None at the end."""
        if self._pending is not None:
            item, self._pending = self._pending, None
        else:
            item = self._decode() if self.ended_at is None else None
            if item is None:
                if self.ended_at is None and self._last_t is not None:
                    self.ended_at = round(self._last_t + self._gap, 3)
                return None
        self.frames_read += 1
        return item

    def frame_at(self, seconds: float) -> np.ndarray | None:
        """The frame shown at `seconds` into the video (upright), or None past its end."""
        self._cap.set(cv2.CAP_PROP_POS_MSEC, seconds * 1000.0)
        self._pending, self._last_t = None, None
        item = self._decode()
        return None if item is None else item[0]

    def describe(self) -> dict:
        """What the headless JSON says about the video."""
        return {"codec": self.codec, "rotation": self.rotation, "fps": round(self.fps, 3),
                "duration_s": None if self.duration is None else round(self.duration, 3)}

    def close(self) -> None:
        self._cap.release()


def open_capture(source: int | Path) -> "cv2.VideoCapture | VideoFile":
    """Open a webcam (cv2.VideoCapture) or a video file (VideoFile), or raise CameraError naming it and the way out."""
    if isinstance(source, Path):
        return camera_video(source)
    cap = cv2.VideoCapture(source)
    if not cap.isOpened():
        cap.release()
        raise CameraError(f"no webcam found at index {source}. Plug one in, try another index with --camera 1, "
                          f"or use a video file with --camera PATH")
    return cap


def camera_video(path: Path) -> VideoFile:
    """A video file standing in for the webcam (play, in the window or headless). Besides VideoFile's errors, refuses
    a still picture (a photo, or a video of one frame) and a clip under MIN_CAMERA_S: with it a whole song would
    be judged a Miss. Raises CameraError naming the file and the way out."""
    video = VideoFile(path)
    frames, seconds = video.frame_count, video.duration
    if frames is None:  # no count in the header (a photo read by FFmpeg's image reader, some AVIs): read up to 1 s
        probe, item = VideoFile(path), None
        while probe.frames_read < 2 or item[1] < MIN_CAMERA_S:
            if (item := probe.read()) is None:
                frames, seconds = probe.frames_read, probe.ended_at
                break
        probe.close()
    webcam = "or leave out --camera to dance in front of the webcam"
    if Path(path).suffix.lower() in STILL_SUFFIXES or frames == 1:
        video.close()
        raise CameraError(f"'{path}' is a still picture, not a video: a song needs someone dancing. "
                          f"{NOT_A_VIDEO}, {webcam}.")
    if seconds is not None and seconds < MIN_CAMERA_S:
        video.close()
        raise CameraError(f"the video '{path}' lasts only {seconds:.2f} s ({frames} frames): too short to dance to. "
                          f"{NOT_A_VIDEO}, {webcam}.")
    return video


def video_frames(path: Path | VideoFile, start: float = 0.0) -> Iterator[Frame]:
    """Every frame of a video, upright, at its own timestamp (+ start): the headless camera.
    Raises CameraError when the file can't be opened or decoded."""
    video = path if isinstance(path, VideoFile) else VideoFile(Path(path))
    index = 0
    try:
        while (item := video.read()) is not None:
            yield Frame(image=item[0], t=start + item[1], index=index)
            index += 1
    finally:
        video.close()


class Camera:
    """A live camera on a thread. `latest()` returns the newest frame once; older ones are dropped.

    A webcam frame is stamped with the game clock when it is read. A video file stands in for a
    webcam in step with the song: its frame at video time v is handed out when the game clock
    reaches song time v, stamped v, exactly as the headless run times it (so a clip scores the
    same in the window as headless, and waits while the song is paused). Its first frame is shown
    at once, during the count-in. A video that ends does not loop: `ended_at` says when it ended
    (song seconds) and the song carries on without a player."""

    def __init__(self, source: int | Path, clock: Callable[[], float], opener: Callable = open_capture):
        self.source = source
        self._clock = clock
        self._opener = opener
        self._lock = threading.Lock()
        self._latest: Frame | None = None
        self._last_frame_wall = time.monotonic()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: str | None = None
        self.frames_read = 0
        self.frames_dropped = 0
        self.ended_at: float | None = None  # a video file: the song time its last frame ended

    def start(self) -> "Camera":
        cap = self._opener(self.source)  # raises CameraError before any thread starts
        run = self._run_video if isinstance(cap, VideoFile) else self._run
        self._thread = threading.Thread(target=run, args=(cap,), name="camera", daemon=True)
        self._thread.start()
        return self

    def _publish(self, image: np.ndarray, t: float) -> None:
        frame = Frame(image=image, t=t, index=self.frames_read)
        with self._lock:
            if self._latest is not None:
                self.frames_dropped += 1
            self._latest = frame
            self._last_frame_wall = time.monotonic()
        self.frames_read += 1

    def _run(self, cap) -> None:
        """A webcam: read as fast as it delivers; reopen it when it goes away."""
        while not self._stop.is_set():
            ok, image = cap.read()
            if not ok:
                cap.release()
                cap = self._reopen()
                if cap is None:
                    return
                continue
            self._publish(image, self._clock())
        cap.release()

    def _run_video(self, video: VideoFile) -> None:
        """A video file: each frame when the song reaches its timestamp; stop at its end."""
        try:
            while not self._stop.is_set():
                item = video.read()
                if item is None:
                    self.ended_at = video.ended_at if video.ended_at is not None else 0.0
                    return
                image, t = item
                while self.frames_read and not self._stop.is_set() and self._clock() < t:
                    self._last_frame_wall = time.monotonic()  # waiting for the song is not a lost camera
                    self._stop.wait(0.004)
                self._publish(image, t)
        finally:
            video.close()

    def _reopen(self):
        """The camera went away: try to get it back every half second until stopped."""
        while not self._stop.wait(0.5):
            try:
                return self._opener(self.source)
            except CameraError as err:
                self.error = str(err)
        return None

    def latest(self) -> Frame | None:
        """The newest frame not yet taken, or None."""
        with self._lock:
            frame, self._latest = self._latest, None
        return frame

    def lost(self) -> bool:
        """True when no frame has arrived for LOST_AFTER_S: the play scene pauses and says so.
        A video that has ended is not lost (see `ended_at`)."""
        return self.ended_at is None and time.monotonic() - self._last_frame_wall > LOST_AFTER_S

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(timeout=2.0)
