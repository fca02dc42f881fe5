"""The camera: stand-in videos read as players show them (rotation, timestamps, codecs, darkness,
an end), newest-frame-only reading, and a camera that goes away and comes back."""
import shlex
import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest
import soundfile as sf

from tests.pose.conftest import data_path
from tests.pose.media import numbered_frames, set_codec, set_frame_durations, set_rotation, write_clip
from game.pose.capture import (Camera, CameraError, DarkWatch, VideoFile, brightness, camera_video, open_capture,
                               parse_camera, video_frames)

def test_parse_camera():
    assert parse_camera(None) == 0 and parse_camera("2") == 2 and parse_camera("clip.mp4") == Path("clip.mp4")


def test_missing_video_and_webcam_say_what_to_do(tmp_path):
    with pytest.raises(CameraError, match="not found; check the path given to --camera"):
        open_capture(tmp_path / "nope.mp4")
    (tmp_path / "bad.mp4").write_bytes(b"nonsense")
    with pytest.raises(CameraError, match="cannot read video"):
        open_capture(tmp_path / "bad.mp4")
    with pytest.raises(CameraError, match="no webcam found at index 7.*--camera PATH"):
        open_capture(7)


def test_video_timestamps_map_to_the_right_frames():
    frames = list(video_frames(data_path("mediapipe-reference", "pose_squats.mp4")))
    assert len(frames) == 65  # 13 s at 5 fps
    assert [f.t for f in frames[:3]] == pytest.approx([0.0, 0.2, 0.4])
    assert frames[-1].t == pytest.approx(12.8)


# --- video files as players show them ---------------------------------------------------------

def _marked_upright(w: int = 64, h: int = 96) -> np.ndarray:
    """A portrait picture with a white block in its top-left corner: which way up is it?"""
    img = np.zeros((h, w, 3), np.uint8)
    img[:24, :20] = 255
    return img


@pytest.mark.parametrize("degrees, stored_as", [(90, cv2.ROTATE_90_COUNTERCLOCKWISE), (180, cv2.ROTATE_180),
                                                (270, cv2.ROTATE_90_CLOCKWISE)])
def test_a_rotation_tag_turns_frames_upright(tmp_path, degrees, stored_as):
    clip = write_clip(tmp_path / "phone.mp4", [cv2.rotate(_marked_upright(), stored_as)] * 3)
    set_rotation(clip, degrees)
    frames = list(video_frames(clip))
    assert len(frames) == 3
    for frame in frames:
        assert frame.image.shape[:2] == (96, 64)  # portrait, as shown by players
        assert frame.image[:20, :16].mean() > 200 and frame.image[-20:, -16:].mean() < 30  # block top-left


def test_an_untagged_video_is_left_as_it_is(tmp_path):
    clip = write_clip(tmp_path / "plain.mp4", [_marked_upright()] * 2)
    video = VideoFile(clip)
    assert video.rotation == 0 and video.read()[0][:20, :16].mean() > 200
    video.close()


def test_real_phone_video_reads_like_the_upright_original():
    phone = next(video_frames(data_path("bad-inputs", "video-rotation-tag", "phone_rotated.mp4"))).image
    upright = next(video_frames(data_path("mediapipe-reference", "pose_squats.mp4"))).image
    assert phone.shape == upright.shape
    assert np.abs(phone.astype(int) - upright).mean() < 5  # the same picture (re-encoded), the same way up


def test_variable_frame_rate_frames_keep_their_own_timestamps(tmp_path):
    clip = write_clip(tmp_path / "vfr.mp4", numbered_frames(8), fps=10)
    starts = set_frame_durations(clip, [0.1, 0.3, 0.05, 0.05, 0.2, 0.1, 0.1, 0.1])  # a phone slowing down and catching up
    frames = list(video_frames(clip))
    assert [f.t for f in frames] == pytest.approx(starts, abs=0.002)  # not index / fps
    assert [f.t for f in frames] != pytest.approx([i / 10 for i in range(8)], abs=0.01)
    assert [round(f.image.mean() / 20) for f in frames] == list(range(1, 9))  # each frame is the right frame


@pytest.mark.parametrize("fourcc, name", [("av01", "AV1"), ("vp09", "VP9")])
def test_a_video_without_a_decoder_names_file_codec_and_conversion(tmp_path, fourcc, name):
    folder = tmp_path / "my clips"
    folder.mkdir()
    clip = write_clip(folder / "댄스 it's.mp4", numbered_frames(4))
    set_codec(clip, fourcc)
    with pytest.raises(CameraError) as err:
        list(video_frames(clip))
    message = str(err.value)
    assert str(clip) in message and name in message and "ffmpeg -i " in message
    command = shlex.split(message.split("with: ")[1])  # a shell reads the quoted names back, spaces and quote and all
    assert command[:3] == ["ffmpeg", "-i", clip.name] and command[-1] == "댄스 it's-h264.mp4"


def test_real_av1_video_is_refused_with_its_codec():
    with pytest.raises(CameraError, match=r"av1\.mp4.*AV1.*ffmpeg -i 'av1\.mp4' -c:v libx264"):
        VideoFile(data_path("bad-inputs", "video-no-decoder", "av1.mp4"))


def test_a_truncated_video_ends_where_its_data_ends(tmp_path):
    rng = np.random.default_rng(0)
    clip = write_clip(tmp_path / "full.avi", [rng.integers(0, 255, (120, 160, 3), np.uint8) for _ in range(20)],
                      fps=10, fourcc="MJPG")
    cut = tmp_path / "cut.avi"
    cut.write_bytes(clip.read_bytes()[: clip.stat().st_size // 2])  # a copy that stopped half way
    video = VideoFile(cut)
    frames = list(video_frames(video))
    assert 3 <= len(frames) < 20 and video.ended_at == pytest.approx(frames[-1].t + 0.1, abs=0.01)
    assert video.duration == pytest.approx(2.0)  # the header still promises the whole clip


def test_a_truncated_mp4_without_its_index_is_a_clear_error(tmp_path):
    clip = write_clip(tmp_path / "clip.mp4", numbered_frames(20))
    clip.write_bytes(clip.read_bytes()[: clip.stat().st_size * 6 // 10])  # the index ('moov') was at the end
    with pytest.raises(CameraError, match="damaged or incomplete.*ffmpeg -i"):
        VideoFile(clip)


def test_brightness_and_dark_hysteresis():
    assert brightness(np.zeros((40, 40, 3), np.uint8)) == 0.0
    assert brightness(np.full((40, 40, 3), 200, np.uint8)) == pytest.approx(200, abs=1)
    watch = DarkWatch()
    levels = [120, 30, 45, 45, 55, 45]  # dark below 40; lit again only above 50
    assert [watch.update(np.full((16, 16, 3), v, np.uint8)) for v in levels] == [False, True, True, True, False, False]


def test_real_dark_room_video_is_dark():
    frame = next(video_frames(data_path("bad-inputs", "video-dark-room", "dark_0.03.mp4"))).image
    assert DarkWatch().update(frame)


class SongClock:
    """A song clock the test moves by hand (the play scene's capture_time)."""

    def __init__(self, t: float):
        self.t = t
        self.lock = threading.Lock()

    def __call__(self) -> float:
        with self.lock:
            return self.t


def _wait_for(predicate, seconds: float = 3.0):
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        time.sleep(0.01)
    return predicate()


def test_a_video_camera_follows_the_song_clock_and_ends_without_looping(tmp_path, monkeypatch):
    monkeypatch.setattr("game.pose.capture.LOST_AFTER_S", 0.2)
    clip = write_clip(tmp_path / "short.mp4", numbered_frames(10), fps=10)  # 1 s
    clock = SongClock(-3.0)  # the count-in
    cam = Camera(clip, clock=clock).start()
    try:
        assert _wait_for(lambda: cam.frames_read == 1)
        time.sleep(0.4)  # the song has not started: only the first frame, as a preview; not lost
        first = cam.latest()
        assert first.t == 0.0 and cam.frames_read == 1 and not cam.lost()
        clock.t = 0.35
        assert _wait_for(lambda: cam.frames_read == 4)
        time.sleep(0.1)
        assert cam.frames_read == 4 and cam.latest().t == pytest.approx(0.3, abs=0.01)  # frames up to the song's now
        clock.t = 5.0
        assert _wait_for(lambda: cam.ended_at is not None)
        assert cam.ended_at == pytest.approx(1.0, abs=0.01) and cam.frames_read == 10  # no loop back to the start
        time.sleep(0.4)
        assert not cam.lost() and cam.frames_read == 10  # ended, not unplugged
    finally:
        cam.stop()


class FlakyCapture:
    """A fake webcam that delivers `frames` frames, then fails (unplugged)."""

    def __init__(self, frames: int):
        self.left = frames

    def read(self):
        time.sleep(0.005)
        if self.left <= 0:
            return False, None
        self.left -= 1
        return True, np.zeros((4, 4, 3), np.uint8)

    def get(self, prop):
        return 0.0

    def set(self, *a):
        return True

    def release(self):
        pass


def test_camera_keeps_only_the_newest_frame_and_comes_back_after_unplugging(monkeypatch):
    opens = []

    def opener(source):
        opens.append(time.monotonic())
        if len(opens) == 2:
            raise CameraError("still unplugged")
        return FlakyCapture(40)

    monkeypatch.setattr("game.pose.capture.LOST_AFTER_S", 0.2)
    clock = iter(range(10_000))
    cam = Camera(0, clock=lambda: next(clock), opener=opener).start()
    try:
        time.sleep(0.1)
        first = cam.latest()
        assert first is not None and cam.latest() is None  # each frame is handed out once
        deadline = time.monotonic() + 3
        while not cam.lost() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert cam.lost()  # unplugged: the play scene pauses
        deadline = time.monotonic() + 5
        while cam.lost() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not cam.lost() and len(opens) >= 3  # plugged back in: frames flow again
        newest = cam.latest()
        assert newest.index > first.index and cam.frames_dropped > 0
    finally:
        cam.stop()


def test_a_photo_or_a_clip_under_a_second_is_refused_as_the_camera(tmp_path):
    photo = tmp_path / "pose.jpg"
    cv2.imwrite(str(photo), numbered_frames(1)[0])
    with pytest.raises(CameraError, match=r"pose\.jpg' is a still picture.*video of the dance.*leave out --camera"):
        open_capture(photo)
    one = write_clip(tmp_path / "one.avi", numbered_frames(1), fourcc="MJPG")  # a video of a single frame
    with pytest.raises(CameraError, match=r"one\.avi' is a still picture"):
        camera_video(one)
    short = write_clip(tmp_path / "short.mp4", numbered_frames(5))  # 0.5 s at 10 fps
    with pytest.raises(CameraError, match=r"short\.mp4' lasts only 0\.50 s \(5 frames\).*leave out --camera"):
        camera_video(short)
    camera_video(write_clip(tmp_path / "ok.mp4", numbered_frames(12))).close()  # 1.2 s: a (short) dance
    VideoFile(photo).close()  # other tools (poses add --video) still read it
    copy = tmp_path / "pose.dat"  # a photo whatever its name
    copy.write_bytes(photo.read_bytes())
    with pytest.raises(CameraError, match=r"pose\.dat. is a still picture"):
        camera_video(copy)


def test_a_file_with_no_picture_is_not_sent_to_ffmpeg(tmp_path):
    notes = tmp_path / "README.md"
    notes.write_text("# not a video\n")
    with pytest.raises(CameraError) as err:
        open_capture(notes)
    assert "README.md': it is not a video file" in str(err.value) and "ffmpeg" not in str(err.value)
    sound = tmp_path / "song.wav"
    sf.write(str(sound), np.zeros(8000, np.float32), 8000)
    with pytest.raises(CameraError) as err:
        open_capture(sound)
    assert "song.wav' is a sound file: it has no picture" in str(err.value) and "ffmpeg" not in str(err.value)


def test_parse_camera_expands_the_home_folder():
    assert parse_camera("~/clip.mp4") == Path.home() / "clip.mp4"
