#!/usr/bin/env python3
"""Synthesise the demo songs and the sound effects. Deterministic: numpy only, fixed seeds.

    python tools/make_audio.py           # write songs/<id>/audio.ogg and sounds/*.ogg
    python tools/make_audio.py --check   # exit 0 when the files on disk match what would be made

The music's beat grid comes from each song's own song.yaml (offset, tempo, changes, stops),
with the rule of docs/charts.md, so the beats you hear are the beats the charts use. Each
song's form, chords and sound live in ARRANGEMENTS below; bar numbers in the charts follow
the same form (it is repeated in a comment at the top of each song.yaml).

--check compares decoded audio, not file bytes (an OGG encoder may change between
versions): the channel count, the duration, and a coarse fingerprint (loudness per half
second) of the decoded samples against freshly synthesised ones.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import soundfile as sf
import yaml

ROOT = Path(__file__).resolve().parent.parent
SR = 44100
TAIL = 2.5                 # seconds of ring-out after the last bar
SONG_COMPRESSION = 0.6    # soundfile's OGG compression_level: 0 best quality, 1 smallest file
SFX_COMPRESSION = 0.4
PEAK = 0.89                # normalise to about -1 dBFS

# --------------------------------------------------------------------------------------
# The songs' arrangements. Sections are (name, bars); a trailing digit only tells repeats
# apart ("verse2" plays like "verse"). One chord per bar, cycling through the section's list.

ARRANGEMENTS = {
    "neon-heartbeat": {
        "seed": 11, "key": "A", "scale": "minor", "lead": "pulse", "bass": "octaves",
        "sections": [("intro", 4), ("verse", 8), ("pre", 4), ("chorus", 8), ("verse2", 4),
                     ("chorus2", 8), ("bridge", 4), ("chorus3", 8), ("outro", 2)],
        "chords": {"intro": "Am F C G", "verse": "Am F C G", "pre": "Dm Em F G",
                   "chorus": "F G Em Am", "bridge": "Dm Am Dm E", "outro": "Am"},
    },
    "moonlight-promise": {
        "seed": 23, "key": "F", "scale": "major", "lead": "soft", "bass": "roots",
        "sections": [("intro", 2), ("verse", 8), ("chorus", 8), ("verse2", 4), ("chorus2", 8),
                     ("bridge", 4), ("chorus3", 4), ("outro", 2)],
        "chords": {"intro": "F C", "verse": "F C Dm Bb", "chorus": "Bb C Am Dm",
                   "bridge": "Gm Am Bb C", "outro": "F"},
    },
    "starlight-rush": {
        "seed": 37, "key": "E", "scale": "minor", "lead": "saw", "bass": "offbeat",
        "sections": [("intro", 4), ("verse", 8), ("pre", 4), ("chorus", 8), ("verse2", 4),
                     ("chorus2", 8), ("bridge", 4), ("chorus3", 8), ("outro", 2)],
        "chords": {"intro": "Em C G D", "verse": "Em C G D", "pre": "Am Bm C D",
                   "chorus": "C D Bm Em", "bridge": "Am Em Am B", "outro": "Em"},
        "silent_beats": [(159, 160)],   # the stop in song.yaml: nothing plays on bar 40 beat 4
    },
}

SCALES = {"major": (0, 2, 4, 5, 7, 9, 11), "minor": (0, 2, 3, 5, 7, 8, 10)}
NOTE = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}


def midi_hz(note: float) -> float:
    return 440.0 * 2 ** ((note - 69) / 12)


def chord_notes(name: str) -> list[int]:
    """'Am' -> [57, 60, 64]: a root-position triad from the octave of A3."""
    root = NOTE[name[0]] + (-1 if "b" in name[1:2] else 1 if "#" in name[1:2] else 0)
    minor = name.endswith("m")
    return [57 + (root - 9) % 12 + i for i in (0, 3 if minor else 4, 7)]


# --------------------------------------------------------------------------------------
# The beat grid, exactly as docs/charts.md defines it.

class BeatGrid:
    def __init__(self, song: dict):
        tempo = song["tempo"]
        self.offset = float(song.get("offset", 0.0))
        self.beats_per_bar = int(tempo.get("beats_per_bar", 4))
        self.segments = [(0.0, float(tempo["bpm"]))] + [
            (float(c["beat"]), float(c["bpm"])) for c in tempo.get("changes") or []]
        self.stops = [(float(s["beat"]), float(s["seconds"])) for s in tempo.get("stops") or []]

    def time(self, beat: float) -> float:
        """Seconds into the audio at which this beat plays."""
        if beat < 0:
            return self.offset + beat * 60.0 / self.segments[0][1]
        t = self.offset
        for i, (start, bpm) in enumerate(self.segments):
            end = self.segments[i + 1][0] if i + 1 < len(self.segments) else float("inf")
            if beat <= start:
                break
            t += (min(beat, end) - start) * 60.0 / bpm
        return t + sum(seconds for b, seconds in self.stops if b < beat)


# --------------------------------------------------------------------------------------
# Building blocks: envelopes, oscillators, filters.

def adsr(seconds: float, a=0.005, d=0.1, s=0.7, r=0.1) -> np.ndarray:
    """Attack-decay-sustain for `seconds`, then an exponential release of about r seconds."""
    t = np.arange(max(1, int(seconds * SR))) / SR
    on = np.where(t < a, t / max(a, 1e-6), s + (1 - s) * np.exp(-(t - a) / max(d, 1e-4)))
    rel = on[-1] * np.exp(-np.arange(int(r * SR)) / (SR * max(r, 1e-4) / 5))
    return np.concatenate([on, rel])


def decay(seconds: float, tau: float) -> np.ndarray:
    return np.exp(-np.arange(int(seconds * SR)) / (SR * tau))


def osc(freq, n: int, shape: str = "sine") -> np.ndarray:
    """An oscillator; freq is a number or an array of n per-sample frequencies."""
    phase = np.cumsum(np.broadcast_to(np.asarray(freq, dtype=float), (n,))) / SR
    p = phase % 1.0
    if shape == "sine":
        return np.sin(2 * np.pi * phase)
    if shape == "saw":
        return 2 * p - 1
    if shape == "square":
        return np.where(p < 0.5, 1.0, -1.0)
    if shape == "pulse":
        return np.where(p < 0.25, 1.0, -0.33)
    if shape == "tri":
        return 4 * np.abs(p - 0.5) - 1
    raise ValueError(shape)


def _response(n: int, cutoff: float, order: int) -> tuple[np.ndarray, np.ndarray]:
    f = np.fft.rfftfreq(n, 1 / SR)
    return f, 1 / np.sqrt(1 + (f / cutoff) ** (2 * order))


def lowpass(x: np.ndarray, cutoff: float, order: int = 2) -> np.ndarray:
    """Zero-phase Butterworth-shaped low-pass, applied in the frequency domain."""
    _, h = _response(len(x), cutoff, order)
    return np.fft.irfft(np.fft.rfft(x) * h, len(x))


def highpass(x: np.ndarray, cutoff: float, order: int = 2) -> np.ndarray:
    _, h = _response(len(x), cutoff, order)
    return np.fft.irfft(np.fft.rfft(x) * np.sqrt(np.maximum(0.0, 1 - h ** 2)), len(x))


def noise(seconds: float, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-1, 1, int(seconds * SR))


# --------------------------------------------------------------------------------------
# Drum voices (one fixed sample each, like a drum machine).

def kick() -> np.ndarray:
    t = np.arange(int(0.4 * SR)) / SR
    body = osc(45 + 110 * np.exp(-t / 0.03), len(t)) * np.exp(-t / 0.13)
    click = noise(0.4, 1) * np.exp(-t / 0.002) * 0.4
    return body + click


def snare() -> np.ndarray:
    t = np.arange(int(0.3 * SR)) / SR
    tone = osc(190 * (1 + 0.3 * np.exp(-t / 0.01)), len(t)) * np.exp(-t / 0.05) * 0.6
    return tone + highpass(noise(0.3, 2), 1800) * np.exp(-t / 0.08)


def clap() -> np.ndarray:
    t = np.arange(int(0.35 * SR)) / SR
    bursts = sum(np.exp(-np.clip(t - d, 0, None) / 0.004) * (t >= d) for d in (0.0, 0.011, 0.023))
    env = np.maximum(bursts, 0.7 * np.exp(-np.clip(t - 0.023, 0, None) / 0.09) * (t >= 0.023))
    return lowpass(highpass(noise(0.35, 3), 900), 5000) * env


def hat(open_: bool = False) -> np.ndarray:
    length, tau = (0.45, 0.16) if open_ else (0.08, 0.025)
    return highpass(noise(length, 4 + open_), 7000) * decay(length, tau)


def crash() -> np.ndarray:
    return highpass(noise(2.0, 6), 3500) * decay(2.0, 0.6)


def rim() -> np.ndarray:
    t = np.arange(int(0.06 * SR)) / SR
    return (osc(1700, len(t), "tri") + 0.5 * osc(820, len(t))) * np.exp(-t / 0.012)


DRUMS = {"kick": kick(), "snare": snare(), "clap": clap(), "hat": hat(), "ohat": hat(True),
         "crash": crash(), "rim": rim()}
DRUM_GAIN = {"kick": 0.8, "snare": 0.45, "clap": 0.5, "hat": 0.16, "ohat": 0.12, "crash": 0.16,
             "rim": 0.3}
DRUM_PAN = {"hat": 0.3, "ohat": 0.3, "crash": -0.2, "rim": -0.2}


# --------------------------------------------------------------------------------------
# Pitched voices: a mono or (2, n) stereo array for a note that sounds `seconds` long.

def bass(note: int, seconds: float) -> np.ndarray:
    env = adsr(seconds, a=0.003, d=0.12, s=0.6, r=0.04)
    f = midi_hz(note)
    x = 0.7 * osc(f, len(env), "saw") + 0.6 * osc(f / 2, len(env), "sine")
    return lowpass(x, 700) * env


def pad(notes: list[int], seconds: float) -> np.ndarray:
    env = adsr(seconds, a=0.2, d=0.5, s=0.8, r=0.5)
    sides = []
    for detune in (0.996, 1.004):
        x = sum(osc(midi_hz(n) * detune, len(env), "saw") for n in notes)
        sides.append(lowpass(x, 1800) * env / len(notes))
    return np.array(sides)


def pluck(note: int, seconds: float) -> np.ndarray:
    env = adsr(seconds, a=0.002, d=0.09, s=0.0, r=0.05)
    return lowpass(osc(midi_hz(note), len(env), "square"), 3000) * env


def lead(note: int, shape: str, seconds: float) -> np.ndarray:
    env = adsr(seconds, a=0.01, d=0.25, s=0.75, r=0.12)
    t = np.arange(len(env)) / SR
    vibrato = 1 + 0.004 * np.sin(2 * np.pi * 5.5 * t) * np.clip((t - 0.15) / 0.2, 0, 1)
    f = midi_hz(note) * vibrato
    if shape == "soft":
        x = osc(f, len(env), "tri") + 0.3 * osc(2 * f, len(env), "sine")
    elif shape == "saw":
        x = 0.5 * (osc(f, len(env), "saw") + osc(f * 1.005, len(env), "saw"))
    else:
        x = osc(f, len(env), "pulse")
    return lowpass(x, 3500) * env


def bell(note: float, seconds: float) -> np.ndarray:
    """For sound effects: a sine with a bright inharmonic partial."""
    t = np.arange(int(seconds * SR)) / SR
    f = midi_hz(note)
    x = osc(f, len(t)) * np.exp(-t / (seconds / 3)) + 0.35 * osc(f * 2.76, len(t)) * np.exp(-t / (seconds / 8))
    return x * np.clip(t / 0.002, 0, 1)


# --------------------------------------------------------------------------------------
# The sequencer: notes in beats, placed in seconds through the song's beat grid.

class Mixer:
    """A stereo buffer that voices are added into at a time in seconds."""

    def __init__(self, seconds: float):
        self.buf = np.zeros((2, int(seconds * SR)))

    def add(self, at: float, sound: np.ndarray, gain: float = 1.0, pan: float = 0.0) -> None:
        if sound.ndim == 1:
            sound = np.array([sound * (1 - pan) ** 0.5, sound * (1 + pan) ** 0.5]) / 2 ** 0.5
        i = int(round(at * SR))
        n = min(sound.shape[1], self.buf.shape[1] - i)
        if n > 0:
            self.buf[:, i:i + n] += gain * sound[:, :n]


class Sequencer:
    """Adds voices at beats; the grid turns beats into seconds (tempo changes and stops)."""

    def __init__(self, grid: BeatGrid, seconds: float, silent=()):
        self.grid = grid
        self.silent = list(silent)
        self.drums, self.music = Mixer(seconds), Mixer(seconds)
        self.kicks: list[float] = []

    def _muted(self, beat: float) -> bool:
        return any(a <= beat < b for a, b in self.silent)

    def _span(self, beat: float, beats: float) -> float:
        """Seconds a note lasts, cut short where a silent range begins."""
        end = beat + beats
        for a, _ in self.silent:
            if beat < a < end:
                end = a
        return self.grid.time(end) - self.grid.time(beat)

    def drum(self, beat: float, name: str, gain: float = 1.0) -> None:
        if self._muted(beat):
            return
        self.drums.add(self.grid.time(beat), DRUMS[name], DRUM_GAIN[name] * gain, DRUM_PAN.get(name, 0.0))
        if name == "kick":
            self.kicks.append(self.grid.time(beat))

    def note(self, beat: float, beats: float, voice, *args, gain: float = 1.0, pan: float = 0.0) -> None:
        if not self._muted(beat):
            self.music.add(self.grid.time(beat), voice(*args, self._span(beat, beats)), gain, pan)

    def mixdown(self) -> np.ndarray:
        duck = np.ones(self.music.buf.shape[1])       # side-chain pumping under the kick
        curve = 1 - 0.45 * np.exp(-np.arange(int(0.25 * SR)) / (0.07 * SR))
        for t in self.kicks:
            i = int(t * SR)
            n = min(len(curve), len(duck) - i)
            duck[i:i + n] = np.minimum(duck[i:i + n], curve[:n])
        return self.drums.buf + self.music.buf * duck


# --------------------------------------------------------------------------------------
# Writing the parts of one song.

RHYTHMS = [  # (beat in bar, length in beats)
    [(0, 1), (1, 0.5), (1.5, 0.5), (2, 1), (3, 1)],
    [(0, 0.5), (0.5, 0.5), (1, 1), (2, 1.5), (3.5, 0.5)],
    [(0, 1.5), (1.5, 0.5), (2, 0.5), (2.5, 1.5)],
    [(0.5, 0.5), (1, 0.5), (1.5, 1), (2.5, 0.5), (3, 1)],
    [(0, 2), (2, 1), (3, 1)],
]


def motif(rng: np.random.Generator, bars: int, busy: bool) -> list[tuple[float, float, int]]:
    """A short melody: (beat, beats, scale degree) over `bars` bars, a random walk in the scale."""
    notes, degree = [], int(rng.integers(2, 6))
    for bar in range(bars):
        rhythm = RHYTHMS[int(rng.integers(0, 4 if busy else 5))] if busy or bar % 2 == 0 else RHYTHMS[4]
        for beat, length in rhythm:
            degree = int(np.clip(degree + rng.choice([-2, -1, -1, 0, 1, 1, 2]), 0, 9))
            notes.append((bar * 4 + beat, length, degree))
    return notes


def melody_note(degree: int, chord: list[int], key: int, scale, strong: bool) -> int:
    """The scale degree as a MIDI note around C5; on strong beats moved to the nearest chord tone."""
    def pitch(d: int) -> int:
        return 60 + key + scale[d % 7] + 12 * (d // 7)
    if strong:
        for step in (0, -1, 1, -2, 2):
            if pitch(degree + step) % 12 in {n % 12 for n in chord}:
                return pitch(degree + step)
    return pitch(degree)


def section_parts(seq: Sequencer, arr: dict, kind: str, first_bar: int, bars: int, tunes: dict) -> None:
    bpb = seq.grid.beats_per_bar
    key, scale = NOTE[arr["key"]], SCALES[arr["scale"]]
    chords = arr["chords"][kind].split()
    for i in range(bars):
        b0 = (first_bar + i) * bpb
        last = i == bars - 1
        chord = chord_notes(chords[i % len(chords)])
        root = chord[0] - 24 if chord[0] - 24 >= 33 else chord[0] - 12

        # drums
        if kind == "intro":
            for k in range(4):
                seq.drum(b0 + k, "rim" if last else "hat", 1.0 if last else 0.8)
            if i >= bars // 2:
                seq.drum(b0, "kick", 0.8)
        elif kind in ("verse", "pre", "chorus"):
            kicks = (0, 1.5, 2) if kind == "verse" else (0, 1, 2, 3)
            for k in kicks:
                seq.drum(b0 + k, "kick")
            for k in (1, 3):
                seq.drum(b0 + k, "clap")
            step = 0.25 if kind == "pre" else 0.5
            for k in np.arange(0, 4, step):
                seq.drum(b0 + k, "hat", 1.0 if k % 1 == 0 else 0.7)
            if kind == "chorus":
                for k in (0.5, 1.5, 2.5, 3.5):
                    seq.drum(b0 + k, "ohat")
            if i == 0 and kind == "chorus":
                seq.drum(b0, "crash")
            if kind == "pre" and last:
                for k in np.arange(0, 4, 0.25):
                    seq.drum(b0 + k, "snare", 0.3 + 0.7 * k / 4)
        elif kind == "bridge":
            seq.drum(b0, "kick")
            seq.drum(b0 + 2, "snare")
            for k in range(4):
                seq.drum(b0 + k, "hat", 0.6)
            if last:
                for k in np.arange(2, 4, 0.25):
                    seq.drum(b0 + k, "snare", 0.4 + 0.3 * (k - 2))
        elif kind == "outro" and i == 0:
            seq.drum(b0, "kick")
            seq.drum(b0, "crash")

        # bass
        if kind in ("verse", "pre", "chorus") or (kind == "bridge" and i >= bars // 2):
            style = arr["bass"]
            if style == "octaves":
                for k in np.arange(0, 4, 0.5):
                    seq.note(b0 + k, 0.45, bass, root + (12 if k % 1 else 0), gain=0.5)
            elif style == "offbeat":
                for k in np.arange(0, 4, 0.5):
                    seq.note(b0 + k, 0.4, bass, root, gain=0.55 if k % 1 else 0.35)
            else:
                for k, n in ((0, root), (1.5, root), (2, root + 7), (3, root + 12)):
                    seq.note(b0 + k, 1.4 if k == 0 else 0.9, bass, n, gain=0.5)
        elif kind == "outro" and i == 0:
            seq.note(b0, 6, bass, root, gain=0.5)

        # chords: a pad, and a plucked arpeggio outside the bridge
        pad_gain = 0.2 if kind in ("chorus", "bridge", "outro") else 0.14
        seq.note(b0, 4 * bars if kind == "outro" else 4, pad, chord + [chord[0] + 12], gain=pad_gain)
        if kind in ("intro", "verse", "pre", "chorus"):
            arp = [chord[0], chord[1], chord[2], chord[0] + 12] * 2
            for k, n in enumerate(arp):
                seq.note(b0 + k * 0.5, 0.5, pluck, n + 12, gain=0.09, pan=-0.35)

    # the lead melody: a tune per kind of section, repeated in two-bar phrases
    if kind in tunes:
        tune, octave, gain = tunes[kind]
        for i in range(bars):
            chord = chord_notes(chords[i % len(chords)])
            for beat, length, degree in tune:
                if int(beat // 4) != i % 2:
                    continue
                if kind == "chorus" and i % 4 == 3 and beat % 4 >= 2:
                    degree = 0 if beat % 4 == 2 else degree     # phrase ending on the tonic
                n = melody_note(degree, chord, key, scale, beat % 1 == 0) + 12 * octave
                b = (first_bar + i) * bpb + beat % 4
                seq.note(b, length * 0.95, lead, n, arr["lead"], gain=gain, pan=0.15)
                if kind == "chorus":
                    seq.note(b, length * 0.95, lead, n - 12, arr["lead"], gain=gain * 0.4, pan=-0.15)
    if kind == "outro":
        seq.note(first_bar * bpb, 6, lead, 60 + key, arr["lead"], gain=0.12)


def render_song(song: dict, arr: dict) -> np.ndarray:
    grid = BeatGrid(song)
    total_bars = sum(bars for _, bars in arr["sections"])
    seconds = grid.time(total_bars * grid.beats_per_bar) + TAIL
    seq = Sequencer(grid, seconds, arr.get("silent_beats", ()))
    rng = np.random.default_rng(arr["seed"])
    tunes = {"verse": (motif(rng, 2, busy=False), -1, 0.2), "pre": (motif(rng, 2, busy=True), 0, 0.16),
             "chorus": (motif(rng, 2, busy=True), 0, 0.2), "bridge": (motif(rng, 2, busy=False), 0, 0.15)}
    bar = 0
    for name, bars in arr["sections"]:
        section_parts(seq, arr, name.rstrip("0123456789"), bar, bars, tunes)
        bar += bars
    return normalise(seq.mixdown())


# --------------------------------------------------------------------------------------
# Sound effects: short, each with its own shape. MIDI note numbers; 72 = C5.

def arpeggio(notes, step: float, length: float, gain_step: float = 0.0) -> np.ndarray:
    out = np.zeros(int((step * (len(notes) - 1) + length) * SR))
    for i, n in enumerate(notes):
        x = bell(n, length) * (1 + gain_step * i)
        j = int(i * step * SR)
        out[j:j + len(x)] += x
    return out


def blip(note: float, seconds: float, shape: str = "tri") -> np.ndarray:
    env = adsr(seconds, a=0.002, d=seconds / 3, s=0.0, r=0.02)
    return lowpass(osc(midi_hz(note), len(env), shape), 5000) * env


def sfx_miss() -> np.ndarray:
    t = np.arange(int(0.35 * SR)) / SR
    f = 220 * np.exp(-t * 2.2)
    return lowpass(osc(f, len(t), "square"), 1200) * np.exp(-t / 0.12) * np.clip(t / 0.005, 0, 1)


def sfx_full_combo() -> np.ndarray:
    rise = arpeggio([72, 76, 79, 84, 88], 0.07, 0.5)
    chord = sum(lead(n, "soft", 1.2) for n in (72, 76, 79, 84)) / 3
    out = np.zeros(len(rise) + len(chord))
    out[:len(rise)] += rise
    j = int(0.35 * SR)
    out[j:j + len(chord)] += chord
    return out


def layer(*sounds: np.ndarray) -> np.ndarray:
    """Sounds played together from the same instant (lengths may differ)."""
    out = np.zeros(max(len(x) for x in sounds))
    for x in sounds:
        out[:len(x)] += x
    return out


def sfx_count() -> np.ndarray:
    return layer(rim(), 0.5 * blip(84, 0.08, "sine"))


def sfx_go() -> np.ndarray:
    return layer(0.6 * rim(), *(0.5 * blip(n, 0.45, "tri") for n in (79, 83, 86)))


def concat(*parts, gap: float = 0.0) -> np.ndarray:
    pad_ = np.zeros(int(gap * SR))
    return np.concatenate([np.concatenate([p, pad_]) for p in parts])


SOUNDS = {
    "perfect": lambda: arpeggio([84, 88, 91, 96], 0.045, 0.35),
    "great": lambda: arpeggio([81, 88], 0.06, 0.3),
    "good": lambda: bell(79, 0.3),
    "miss": sfx_miss,
    "combo": lambda: arpeggio([79, 83, 86, 91, 95, 98], 0.04, 0.3, gain_step=0.1),
    "full_combo": sfx_full_combo,
    "count": sfx_count,
    "go": sfx_go,
    "move": lambda: blip(88, 0.045),
    "select": lambda: concat(blip(83, 0.06), blip(90, 0.12)),
    "back": lambda: concat(blip(86, 0.06), blip(79, 0.12)),
}


def fade_out(x: np.ndarray, seconds: float = 0.015) -> np.ndarray:
    """End on silence, without a click."""
    n = min(len(x), int(seconds * SR))
    x = x.copy()
    x[len(x) - n:] *= np.linspace(1, 0, n)
    return x


def normalise(x: np.ndarray, peak: float = PEAK) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    return x * (peak / max(np.max(np.abs(x)), 1e-9))


# --------------------------------------------------------------------------------------
# Targets, writing and checking.

def targets() -> list[tuple[Path, Callable[[], np.ndarray], float]]:
    """(output file, function making its samples, compression level) for everything we make."""
    out = []
    for song_id, arr in ARRANGEMENTS.items():
        folder = ROOT / "songs" / song_id
        song = yaml.safe_load((folder / "song.yaml").read_text(encoding="utf-8"))
        out.append((folder / song.get("audio", "audio.ogg"),
                    lambda song=song, arr=arr: render_song(song, arr), SONG_COMPRESSION))
    for name, make in SOUNDS.items():
        out.append((ROOT / "sounds" / f"{name}.ogg",
                    lambda make=make, name=name: normalise(fade_out(make()), 0.5 if name == "miss" else 0.7), SFX_COMPRESSION))
    return out


def as_frames(x: np.ndarray) -> np.ndarray:
    """(n,) or (2, n) to what soundfile writes: (n,) or (n, 2)."""
    return x.T if x.ndim == 2 else x


def fingerprint(frames: np.ndarray, block: int) -> np.ndarray:
    """Loudness (RMS over all channels) of each block of samples: coarse, codec-proof."""
    mono = frames.reshape(len(frames), -1)
    n = len(mono) // block
    return np.sqrt(np.mean(mono[:n * block].reshape(n, -1) ** 2, axis=1))


def check(path: Path, frames: np.ndarray) -> str | None:
    """None when the file decodes to audio like `frames`, else what differs."""
    if not path.exists():
        return "missing"
    data, rate = sf.read(path, always_2d=False)
    if rate != SR or data.ndim != frames.ndim:
        return f"format differs ({rate} Hz, {data.ndim}-d)"
    if abs(len(data) - len(frames)) > SR * 0.05:
        return f"duration {len(data) / SR:.2f} s, expected {len(frames) / SR:.2f} s"
    block = max(256, min(SR // 2, len(frames) // 8))   # half seconds, or eighths of a short sound
    a, b = fingerprint(data, block), fingerprint(frames, block)
    n = min(len(a), len(b))
    worst = float(np.max(np.abs(a[:n] - b[:n]) / (0.01 + b[:n]))) if n else 0.0
    return None if worst < 0.25 else f"content differs (loudness off by {worst:.0%} somewhere)"


def write_ogg(path: Path, frames: np.ndarray, compression: float) -> None:
    """OGG Vorbis, written in blocks: libsndfile can crash on one large Vorbis write."""
    channels = 1 if frames.ndim == 1 else frames.shape[1]
    with sf.SoundFile(path, "w", SR, channels, subtype="VORBIS", format="OGG",
                      compression_level=compression) as f:
        for i in range(0, len(frames), SR):
            f.write(frames[i:i + SR].astype(np.float32))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="verify the files instead of writing them")
    args = parser.parse_args(argv)
    failures = 0
    for path, make, compression in targets():
        frames = as_frames(make())
        rel = path.relative_to(ROOT)
        if args.check:
            problem = check(path, frames)
            failures += problem is not None
            print(f"{rel}: {'ok' if problem is None else problem}")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_ogg(path, frames, compression)
        print(f"{rel}: {len(frames) / SR:.2f} s, {path.stat().st_size / 1024:.0f} KiB")
    if args.check and failures:
        print(f"{failures} file(s) out of date: run python tools/make_audio.py", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
