"""Does `chart from-video` tell a video of the song from a video of other music? Prints one JSON object.

Matching pairs: each dance clip in ../shared/data/videos with a sound track, against a song made from it by
`song new` (game.songimport.cli.import_song, in a temporary folder): the clip's own sound, the sound degraded
as a phone records it (benchmarks/beats.py: low-passed at 3 kHz, noise at 10 dB SNR), started 3 s into the
song, started 3 s before it, and degraded and started 2 s in. Non-matching pairs: each clip (clean and
degraded) against songs made from each file of ../shared/data/music. For each: the peak and the next best
lag's (game.chartmaker.align), and whether align.matches() takes it for the song.

    python benchmarks/align.py"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402

from beats import degraded  # noqa: E402
from game.chartmaker.align import MIN_PEAK, MIN_RATIO, SURE_PEAK, align, matches  # noqa: E402
from game.songimport.cli import import_song  # noqa: E402
from game.songimport.decode import decode  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
CLIPS = ("musepose_dance.mp4", "romp_cardio_dance.mp4", "hybrik_taiji.mp4")


def song_audio(source: Path, songs: Path):
    """The audio of a song made from `source` by `song new` (decoded), as chart from-video reads it."""
    summary = import_song(source, songs, show_progress=False)
    return decode(Path(summary["folder"]) / "audio.ogg")


def row(audio, samples: np.ndarray, rate: int, **names) -> dict:
    found = align(audio.mono(), audio.sample_rate, samples, rate)
    return {**names, "peak": round(found.confidence, 3), "next_best": round(found.runner_up, 3),
            "ratio": round(found.confidence / max(found.runner_up, 1e-6), 2), "lag_s": round(found.lag, 3),
            "matches": matches(found)}


def main() -> int:
    clips = [DATA / "videos" / c for c in CLIPS if (DATA / "videos" / c).is_file()]
    music = sorted(p for p in (DATA / "music").glob("*") if p.suffix in (".wav", ".ogg", ".mp3"))
    if not clips:
        print(json.dumps({"skipped": f"no clips in {DATA / 'videos'} (the shared data is absent)"}))
        return 0
    same, other = [], []
    with tempfile.TemporaryDirectory() as tmp:
        songs = Path(tmp)
        made = {p.name: song_audio(p, songs) for p in clips + music}
        for clip in clips:
            sound = decode(clip)
            mono, rate = sound.mono(), sound.sample_rate
            for how, y in (("clean", mono), ("phone", degraded(mono, rate)), ("starts 3 s into the song", mono[3 * rate:]),
                           ("starts 3 s before the song", np.concatenate([np.zeros(3 * rate, np.float32), mono])),
                           ("phone, 2 s into the song", degraded(mono[2 * rate:], rate))):
                same.append(row(made[clip.name], y, rate, video=clip.name, sound=how))
            for track in music + [c for c in clips if c != clip]:
                for how, y in (("clean", mono), ("phone", degraded(mono, rate))):
                    other.append(row(made[track.name], y, rate, video=clip.name, song=track.name, sound=how))
    out = {"rule": {"min_peak": MIN_PEAK, "min_ratio": MIN_RATIO, "sure_peak": SURE_PEAK},
           "matching": {"pairs": len(same), "taken": sum(r["matches"] for r in same),
                        "lowest_peak": min(r["peak"] for r in same), "lowest_ratio": min(r["ratio"] for r in same)},
           "not_matching": {"pairs": len(other), "taken": sum(r["matches"] for r in other),
                            "highest_peak": max(r["peak"] for r in other),
                            "highest_ratio_with_peak_over_min": max([r["ratio"] for r in other if r["peak"] >= MIN_PEAK], default=None),
                            "highest_peak_with_ratio_over_min": max([r["peak"] for r in other if r["ratio"] >= MIN_RATIO], default=None)},
           "pairs": same + other}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
