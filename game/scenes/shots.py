"""Headless screenshots of every scene: tests assert on them, people look at them.

    SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy python -m game.scenes.shots /tmp/screens [--songs-dir DIR] [--verbose]

Without --songs-dir it uses songs/ when a song there plays, else writes a demo song to a temp folder."""
from __future__ import annotations

import argparse
import math
import os
import struct
import sys
import tempfile
import wave
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # as game/quiet.py: the terminal is for the paths written

import pygame  # noqa: E402

from game.app import App  # noqa: E402
from game.poselib import pose_files  # noqa: E402
from game.audio import Audio  # noqa: E402
from game.paths import SONGS_DIR, default_poses_dir  # noqa: E402
from game.storage import Storage  # noqa: E402

SCENES = ("title", "song_select", "song_select_new", "add_song", "member_select", "play", "play_countdown", "pause",
          "results", "cue_review", "replay", "practice_results", "settings")


def write_demo_song(folder: Path, bpm: float = 120.0, seconds: float = 40.0, broken: bool = True) -> Path:
    """A small song (click track, two members, gold moves, holds) and, optionally, a broken one beside it."""
    poses = [p.stem for p in pose_files(default_poses_dir())] or ["heart_arms"]
    song = folder / "demo-beat"
    song.mkdir(parents=True, exist_ok=True)
    rate = 22050
    frames = bytearray()
    beat_s = 60.0 / bpm
    for i in range(int(seconds * rate)):
        t = i / rate
        since = (t - 0.5) % beat_s if t >= 0.5 else 1.0
        v = math.sin(2 * math.pi * 880 * t) * math.exp(-since * 40) * 0.5 if since < 0.1 else 0.0
        frames += struct.pack("<h", int(v * 32767))
    with wave.open(str(song / "audio.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))
    (song / "song.yaml").write_text(
        "title: Demo Beat\nartist: Test Studio\naudio: audio.wav\noffset: 0.5\n"
        f"tempo:\n  bpm: {bpm}\n  changes:\n    - {{beat: 48, bpm: {bpm + 12}}}\npreview: {{start: 4.0, length: 8.0}}\n"
        "members:\n"
        '  - {id: jiwoo, name: Jiwoo, name_ko: 지우, colour: "#ff5fa2", part: Main dancer - the chorus hearts, '
        "charts: {easy: chart-jiwoo-easy.yaml, normal: chart-jiwoo.yaml}}\n"
        '  - {id: minho, name: Minho, name_ko: 민호, colour: "#4fc3ff", part: Rap line - points and lunges, chart: chart-minho.yaml}\n',
        encoding="utf-8")
    beats = int((seconds - 2.0) / beat_s) - 8
    for name, member, step, shift in (("chart-jiwoo.yaml", "jiwoo", 2, 0), ("chart-jiwoo-easy.yaml", "jiwoo", 4, 0),
                                      ("chart-minho.yaml", "minho", 2, 3)):
        lines = [f"member: {member}", f"difficulty: {'easy' if 'easy' in name else 'normal'}", "cues:"]
        for k, b in enumerate(range(4, beats, step)):
            extra = ", gold: true" if k % 7 == 6 else ""
            extra += ", hold: 1" if k % 5 == 4 and step >= 2 else ""
            lines.append(f"  - {{beat: {b}, pose: {poses[(k + shift) % len(poses)]}{extra}}}")
        (song / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    if broken:
        bad = folder / "broken-song"
        bad.mkdir(exist_ok=True)
        (bad / "song.yaml").write_text("title: Broken Song\nartist: Nobody\naudio: missing.ogg\ntempo: {bpm: 100}\n"
                                       'members:\n  - {id: a, name: A, colour: "#ffffff", chart: chart-a.yaml}\n',
                                       encoding="utf-8")
    return folder


def write_uncharted_song(folder: Path, title: str = "Neon Night") -> Path:
    """A song as `song new` (or Add a song) leaves it: audio and tempo, no member chart yet (NO CHART YET)."""
    song = folder / "neon-night"
    song.mkdir(parents=True, exist_ok=True)
    rate = 22050
    with wave.open(str(song / "audio.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"\0\0" * rate * 2)
    (song / "song.yaml").write_text(f"title: {title}\nartist: New Artist\naudio: audio.wav\noffset: 0.0\n"
                                    "tempo: {bpm: 124}\nmembers: []\n", encoding="utf-8")
    return song


def make_app(songs_dir: Path, data_dir: Path) -> App:
    """An app with no window and no sound device, saving into data_dir."""
    pygame.display.init()
    if pygame.display.get_surface() is None:
        pygame.display.set_mode((1, 1))
    return App(songs_dir=songs_dir, window=False, storage=Storage(data_dir / "test.sqlite3"), audio=Audio(enabled=False))


def first_chart(app: App):
    for entry in app.entries:
        if entry.song:
            for member in entry.song.members:
                if member.charts:
                    return entry.song, member, next(iter(member.charts))
    raise LookupError("no playable song in " + str(app.songs_dir))


def build_scene(app: App, name: str, t: float | None = None, jitter_ms: float = 0.0, seed: int = 3):
    """Put `name` on top of the app's stack in a representative state, and return it."""
    from game.scenes.member_select import MemberSelectScene
    from game.scenes.pause import PauseScene
    from game.scenes.play import PlayScene, play_to
    from game.scenes.results import ResultsScene
    from game.scenes.settings import SettingsScene
    from game.scenes.song_select import SongSelectScene
    from game.scenes.title import TitleScene

    app.reset_to(TitleScene(app))
    if name == "title":
        scene = app.top
        scene.freeze_time = t if t is not None else scene.demo[0].preview_start + 1.3 if scene.demo else 0.0
        return scene
    if name == "settings":
        app.push(SettingsScene(app))
        return app.top
    if name == "add_song":
        from game.scenes.add_song import AddSongScene

        app.push(SongSelectScene(app))
        app.push(AddSongScene(app, songs_dir=Path(app.storage.path).parent / "added-songs"))
        return app.top
    if name == "song_select_new":  # a song just added, waiting for its first chart, focused in the list
        from game.songfolder import load_entry

        scene = SongSelectScene(app)
        app.push(scene)
        entry = load_entry(write_uncharted_song(Path(app.storage.path).parent / "uncharted-songs"), app.poses)
        scene.entries.append(entry)
        scene.list.count = len(scene.entries)
        scene.list.focus = len(scene.entries) - 1
        scene.moved = True
        app.step(0.5)
        return scene
    song, member, difficulty = first_chart(app)
    app.push(SongSelectScene(app))
    if name == "song_select":
        app.step(0.5)  # long enough on the first song for its preview to start
        return app.top
    app.push(MemberSelectScene(app, song))
    if name == "member_select":
        return app.top
    if name == "practice_results":
        return practice_results(app, song, member, difficulty, jitter_ms, seed)
    scene = PlayScene(app, song, member, difficulty, virtual=True, jitter_ms=jitter_ms, seed=seed)
    app.push(scene)
    chart = member.charts[difficulty]
    if name == "play_countdown":
        play_to(scene, -1.6 if t is None else t)
        return scene
    if t is None:  # just after the 12th judgement: pop-up, stamps and combo all showing
        while len(scene.session.judgements) < min(12, len(chart.cues)) and not scene.finished:
            play_to(scene, scene.now + 1 / 60)
        play_to(scene, scene.now + 0.12)
    else:
        play_to(scene, t)
    if name == "play":
        return scene
    if name == "pause":
        app.push(PauseScene(app, scene))
        return app.top
    if name in ("results", "cue_review", "replay"):
        play_to(scene, scene.session.end_time() + 0.1)
        app.replace(ResultsScene(app, scene))
        if name == "results":
            return app.top
        from game.judge import Grade
        from game.scenes.cue_review import CueReviewScene

        results = app.top  # the first miss (else the first cue): why it missed, its trace
        first_miss = next((i for i, j in enumerate(results.session.judgements) if j.grade is Grade.MISS), 0)
        app.push(CueReviewScene(app, results, first_miss))
        if name == "replay":  # the demo's replay of that miss, a little before its beat
            from game.scenes.replay import ReplayScene

            replay = ReplayScene(app, results, first_miss)
            app.push(replay)
            replay.update(replay.loop.elapsed_for(replay.judgements[first_miss].cue.time - 0.15))
        return app.top
    raise KeyError(f"unknown scene '{name}'; choose from {', '.join(SCENES)}")


def practice_results(app: App, song, member, difficulty: str, jitter_ms: float, seed: int, passes: int = 5):
    """The results after `passes` passes of the chart's second four bars with the tempo ramp, danced by the
    demo player with `jitter_ms` of timing spread (so passes differ), on the virtual clock."""
    from game.practice.run import PracticeSetup, bar_sections
    from game.scenes.practice import start_practice
    from game.scenes.results import ResultsScene

    sections = bar_sections(member.charts[difficulty], song.tempo)
    setup = PracticeSetup(section=sections[min(1, len(sections) - 1)], ramp=True, loops=passes)
    start_practice(app, song, member, difficulty, setup, demo=True, virtual=True, jitter_ms=jitter_ms, seed=seed)
    app.step(0.0)  # the loading screen draws once,
    app.step(0.0)  # then slows the music (or takes it from the cache) and starts the practice
    scene = app.top
    while not isinstance(app.top, ResultsScene):
        if scene.between is not None:  # the panel between passes: on at once
            scene.next_pass()
        else:
            scene.update(1 / 60)
    return app.top


def render_scene_png(name: str, path: Path | str, app: App | None = None, **kw) -> pygame.Surface:
    """Render one scene headless and save it as a PNG; returns the canvas."""
    own = app is None
    tmp = None
    if own:
        tmp = tempfile.TemporaryDirectory()
        songs = _default_songs(Path(tmp.name))
        app = make_app(songs, Path(tmp.name))
    build_scene(app, name, **kw)
    app.step(0.0)
    surface = app.canvas.copy()
    pygame.image.save(surface, str(path))
    if own:
        app.storage.close()
        tmp.cleanup()
    return surface


def _default_songs(tmp: Path) -> Path:
    from game.poselib import load_pose_library
    from game.songfolder import scan_songs

    if any(e.song for e in scan_songs(SONGS_DIR, load_pose_library(default_poses_dir()))):
        return SONGS_DIR
    return write_demo_song(tmp / "songs")


JITTER_MS = {"play": 150.0, "pause": 150.0, "results": 150.0, "cue_review": 600.0, "replay": 600.0,
             "practice_results": 150.0}  # the demo player's timing spread


def quiet_unless_verbose(argv: list[str]) -> list[str]:
    """As the game does (main.cli): the libraries' chatter (LiteRT's "Feedback manager", OpenCV's
    camera warnings) goes to the game's log, not the terminal, unless --verbose. Returns argv without it."""
    if "--verbose" not in argv:
        from game.paths import user_data_dir
        from game.quiet import quiet_libraries

        quiet_libraries(user_data_dir() / "logs" / "libraries.log")
    return [a for a in argv if a != "--verbose"]


def shot_args(argv: list[str], module: str, doc: str, default_out: str, scenes: tuple[str, ...],
              songs_dir: bool = False) -> argparse.Namespace:
    """The screenshot tools' command line: OUT folder, --only NAME..., --verbose (and --songs-dir DIR
    where the tool reads songs); --help prints the tool's docstring. Exits 2 with a message on a bad argument."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}", description=doc.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", type=Path, default=Path(default_out),
                        help=f"folder for the PNGs (NAME.png in English, NAME-ko.png in Korean; default {default_out})")
    parser.add_argument("--only", nargs="+", metavar="NAME", choices=scenes,
                        help="render only these screens: " + ", ".join(scenes))
    if songs_dir:
        parser.add_argument("--songs-dir", type=Path, help="songs to show (default: songs/ when a song there plays, "
                                                           "else a demo song in a temp folder)")
    parser.add_argument("--verbose", action="store_true", help="show the libraries' log lines in the terminal")
    args = parser.parse_args(argv)
    quiet_unless_verbose(["--verbose"] if args.verbose else [])
    args.scenes = tuple(args.only or scenes)
    return args


def main(argv: list[str]) -> int:
    args = shot_args(argv, "game.scenes.shots", __doc__, "/tmp/screens", SCENES, songs_dir=True)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        songs = args.songs_dir or _default_songs(Path(tmp))
        app = make_app(songs, Path(tmp))
        for lang in ("en", "ko"):
            app.settings = replace(app.settings, language=lang)
            for name in args.scenes:
                path = out / (f"{name}.png" if lang == "en" else f"{name}-ko.png")
                render_scene_png(name, path, app, jitter_ms=JITTER_MS.get(name, 0.0))
                print(path)
        app.storage.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
