"""Practice on the virtual clock: slower, a section in a loop, step by step, or with the tempo ramp.

`python main.py play ... --headless --autoplay` with `--speed`, `--section`, `--loops`, `--step`,
`--ramp` runs here and prints the usual JSON summary plus `speed` (a number, or "ramp"), `speeds` (per pass), `section`, `mode`, the passes
and the per-cue results. The window will drive the same pieces (plan, StepSession, ramp) from the
music clock; nothing here renders audio (the timeline is virtual)."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Sequence

from game import scoring
from game.autoplay import HOLD_S, NONE, Autoplayer
from game.chart import Chart, Song
from game.clock import VirtualClock
from game.headless import STEP_S, play_headless
from game.judge import Grade, HitRule, Judgement, Prediction, TimingWindows
from game.practice.plan import PracticePass, Section, parse_section, plan_pass, slowed, whole_song
from game.practice.ramp import RampRule, RampState, after_pass, good_share
from game.practice.step import StepSession
from game.practice.stretch import check_speed
from game.session import PlaySession, summary

DEFAULT_LOOPS = 3  # passes of a section when --loops is not given
RAMP_MAX_PASSES = 12  # a ramp that never masters the section stops here (headless has nobody to press Esc)
STEP_GIVE_UP_S = 10.0  # headless step mode skips a move the player has not matched after this long


class PracticeError(ValueError):
    """Options that do not go together, in words for the command line."""


@dataclass(frozen=True)
class PracticeOptions:
    speed: float | None = None  # None: 100% (or the ramp's first speed)
    section: str | None = None
    loops: int | None = None
    step: bool = False
    ramp: bool = False
    count_in_beats: int | None = None  # None: one bar

    @property
    def mode(self) -> str:
        return "step" if self.step else "ramp" if self.ramp else "loop" if self.section or self.loops else "play"

    def check(self) -> None:
        if self.speed is not None:
            check_speed(self.speed)
        if self.loops is not None and self.loops < 1:
            raise PracticeError(f"--loops {self.loops}: give 1 or more passes (headless play cannot loop until stopped)")
        if self.ramp and self.speed is not None:
            raise PracticeError("--ramp sets the speed itself (60% -> 75% -> 90% -> 100%); leave out --speed")
        if self.ramp and self.step:
            raise PracticeError("--ramp and --step do not go together: step mode waits for each move, so it has no tempo to ramp")


class StepAutoplayer:
    """The autoplayer in step mode: it dances to the song time the session reports, and while the
    song waits on a move it does that move as late as its error would have made it anyway, so
    its grades spread as at full speed."""

    def __init__(self, chart: Chart, session: StepSession, jitter_ms: float = 0.0, seed: int = 0):
        self.base = Autoplayer(chart, jitter_ms=jitter_ms, seed=seed)
        self.session = session
        self._frame = math.floor((chart.cues[0].time - 2.0 if chart.cues else 0.0) * self.base.fps)

    def pose_at(self, t: float) -> str:
        s = self.session
        if s.waiting_since is not None and s.current is not None:
            react = max(abs(self.base.errors[s.current.index]) - HOLD_S / 2, 0.0)
            return s.current.pose if t >= s.waiting_since + react else NONE
        return self.base.pose_at(s.song_time(t))

    def predictions_until(self, t: float) -> list[Prediction]:
        out = []
        while self._frame / self.base.fps <= t:
            ft = self._frame / self.base.fps
            out.append(Prediction(t=ft, probs={self.pose_at(ft): 1.0}, motion=1.0))
            self._frame += 1
        return out


def play_step(chart: Chart, windows: TimingWindows, jitter_ms: float = 0.0, seed: int = 0,
              rule: HitRule = HitRule(), give_up_s: float = STEP_GIVE_UP_S) -> StepSession:
    """Step mode on the virtual clock with the step autoplayer, until every move is matched or skipped."""
    session = StepSession(chart, windows, rule)
    player = StepAutoplayer(chart, session, jitter_ms, seed)
    clock = VirtualClock(start=chart.cues[0].time - 2.0 if chart.cues else 0.0, step=STEP_S)
    while not session.finished():
        now = clock.tick()
        session.feed(player.predictions_until(now))
        session.update(now)
        if session.waiting_since is not None and now - session.waiting_since > give_up_s:
            session.skip(now)
    return session


@dataclass(frozen=True)
class PassResult:
    number: int
    speed: float
    judgements: tuple[Judgement, ...]
    waits: tuple[float, ...] = ()  # step mode: seconds the song waited per cue

    def as_dict(self) -> dict:
        counts = {g.key: sum(j.grade is g for j in self.judgements) for g in Grade}
        out = {"pass": self.number + 1, "speed": self.speed, "cues": len(self.judgements), "judgements": counts,
               "perfect_great_share": round(good_share(j.grade for j in self.judgements), 4)}
        if self.waits:
            out["waited_s_total"] = round(sum(self.waits), 3)
        return out


def _run_pass(chart: Chart, windows: TimingWindows, step: bool, jitter_ms: float, seed: int) -> tuple[list[Judgement], list[float]]:
    if step:
        session = play_step(chart, windows, jitter_ms, seed)
        return session.judgements, [r.waited for r in session.results]
    played = play_headless(chart, Autoplayer(chart, jitter_ms=jitter_ms, seed=seed), windows)
    return played.judgements, []


def _passes(song: Song, chart: Chart, options: PracticeOptions, section: Section, windows: TimingWindows,
            jitter_ms: float, seed: int) -> tuple[list[PassResult], RampState | None]:
    rule = RampRule()
    state = RampState() if options.ramp else None
    total = options.loops or (RAMP_MAX_PASSES if options.ramp else DEFAULT_LOOPS)
    results: list[PassResult] = []
    start = 0.0
    for number in range(total):
        speed = state.speed(rule) if state else (options.speed or 1.0)
        planned: PracticePass = plan_pass(chart, song.tempo, song.offset, section, speed, start, number, options.count_in_beats)
        judgements, waits = _run_pass(planned.chart, windows, options.step, jitter_ms, seed + number)
        results.append(PassResult(number, speed, tuple(judgements), tuple(waits)))
        start = planned.end
        if state:
            state = after_pass(state, (j.grade for j in judgements), rule)
            if state.mastered and options.loops is None:
                break
    return results, state


def _combined(chart: Chart, judgements: Sequence[Judgement], windows: TimingWindows) -> PlaySession:
    """A PlaySession over every pass's cues, its score reduced from their judgements (for summary())."""
    session = PlaySession(replace(chart, cues=tuple(j.cue for j in judgements)), windows)
    for j in judgements:
        session.score = scoring.apply(session.score, j)
    session.judgements = list(judgements)
    return session


def run_practice(song: Song, chart: Chart, options: PracticeOptions, windows: TimingWindows,
                 jitter_ms: float = 0.0, seed: int = 0) -> dict:
    """Play the practice the options describe with the autoplayer; return the JSON summary.

    Raises PracticeError / SectionError / StretchError (all ValueError) for options that cannot be played."""
    options.check()
    looping = options.section is not None or options.loops is not None or options.ramp
    state = None
    if looping:
        section = parse_section(options.section, chart, song.tempo) if options.section else whole_song(chart, song.tempo, song.offset)
        passes, state = _passes(song, chart, options, section, windows, jitter_ms, seed)
    else:
        section = None
        speed = options.speed or 1.0
        judgements, waits = _run_pass(slowed(chart, speed), windows, options.step, jitter_ms, seed)
        passes = [PassResult(0, speed, tuple(judgements), tuple(waits))]
    everything = [j for p in passes for j in p.judgements]
    out = summary(_combined(chart, everything, windows), song.id)
    # per_cue runs over every pass in order: say which pass each entry is from, and how long step mode waited
    rows = [(p.number + 1, p.waits[i] if p.waits else None) for p in passes for i in range(len(p.judgements))]
    for entry, (number, waited) in zip(out["per_cue"], rows):
        entry["pass"] = number
        if waited is not None:
            entry["waited_s"] = waited
    out.update({
        # one speed for every pass, or "ramp" (a tempo ramp's passes ran at several: `speeds` says which)
        "speed": passes[0].speed if len({p.speed for p in passes}) == 1 else "ramp",
        "speeds": [p.speed for p in passes], "section": section.label if section else None, "mode": options.mode,
        "passes": [p.as_dict() for p in passes]})
    if state is not None:
        out["ramp"] = {"speeds": [p.speed for p in passes], "mastered": state.mastered, "next_speed": state.speed(RampRule())}
    return out
