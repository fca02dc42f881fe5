"""Practice on the virtual clock: slower, a section in a loop, step by step, or with the tempo ramp.

`python main.py play ... --headless --autoplay` with `--speed`, `--section`, `--loops`, `--step`,
`--ramp` runs here and prints the usual JSON summary plus `speed` (the first pass's speed, a number), `speeds` (per pass), `section`, `mode`, the passes
and the per-cue results. The window will drive the same pieces (plan, StepSession, ramp) from the
music clock; nothing here renders audio (the timeline is virtual)."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Sequence

from game.autoplay import HOLD_S, NONE, Autoplayer
from game.chart import Chart, Song
from game.clock import VirtualClock
from game.headless import STEP_S, play_headless
from game.judge import HitRule, Judgement, Prediction, TimingWindows
from game.practice.passes import PassResult, combined_session, headline, moves_across
from game.practice.plan import PracticePass, slowed
from game.practice.run import PracticeRun, PracticeSetup, practice_terms, section_only, setup_from_args
from game.practice.step import StepSession
from game.practice.stretch import check_speed
from game.session import summary

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

    def setup(self, chart: Chart, song: Song) -> PracticeSetup:
        """The practice as the window would set it up (game.practice.run.setup_from_args), with --loops
        defaulting to DEFAULT_LOOPS passes except for a ramp, which runs until mastered (headless has
        nobody to stop it; RAMP_MAX_PASSES at most)."""
        setup = setup_from_args(self, chart, song.tempo)
        if setup.looping and setup.loops is None and not setup.ramp:
            setup = replace(setup, loops=DEFAULT_LOOPS)
        return setup

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


def _run_pass(chart: Chart, windows: TimingWindows, step: bool, jitter_ms: float, seed: int) -> tuple[list[Judgement], list[float]]:
    if step:
        session = play_step(chart, windows, jitter_ms, seed)
        return session.judgements, [r.waited for r in session.results]
    played = play_headless(chart, Autoplayer(chart, jitter_ms=jitter_ms, seed=seed), windows)
    return played.judgements, []


def _passes(run: PracticeRun, windows: TimingWindows, count_in_beats: int | None, jitter_ms: float,
            seed: int) -> list[PassResult]:
    """Pass after pass of the run's section until its loops are played (or the ramp masters it)."""
    limit = run.setup.loops or RAMP_MAX_PASSES
    while run.number < limit:
        planned: PracticePass = run.plan(count_in_beats)
        judgements, waits = _run_pass(planned.chart, windows, run.setup.step, jitter_ms, seed + run.number)
        result = run.finish_pass(judgements, waits)
        if run.done or (result.verdict == "mastered" and run.setup.loops is None):
            break
    return run.decisions


def run_practice(song: Song, chart: Chart, options: PracticeOptions, windows: TimingWindows,
                 jitter_ms: float = 0.0, seed: int = 0) -> dict:
    """Play the practice the options describe with the autoplayer; return the JSON summary.

    mode, speed and section are named by game.practice.run.practice_terms, as the window records them.
    The top-level score, grade, stars, accuracy, max_combo and full_combo are the best pass's
    (game.practice.passes.Headline, as the results screen shows); cues, judgements, per_cue and
    worst_moves cover every pass.
    Raises PracticeError / SectionError / StretchError (all ValueError) for options that cannot be played."""
    options.check()
    setup = options.setup(chart, song)
    run = PracticeRun(song, chart, setup)
    if setup.looping:
        passes = _passes(run, windows, options.count_in_beats, jitter_ms, seed)
    else:
        judgements, waits = _run_pass(section_only(slowed(chart, setup.speed), setup.section), windows, setup.step, jitter_ms, seed)
        passes = [PassResult(0, setup.speed, tuple(judgements), (), tuple(waits))]
    out = summary(combined_session(chart, passes, windows), song.id)
    out.update(headline(passes).as_dict())  # the score the results screen leads with: the best pass (and the last)
    # per_cue runs over every pass in order: say which pass each entry is from, and how long step mode waited
    rows = [(p.number + 1, p.waits[i] if p.waits else None) for p in passes for i in range(len(p.judgements))]
    for entry, (number, waited) in zip(out["per_cue"], rows):
        entry["pass"] = number
        if waited is not None:
            entry["waited_s"] = waited
    out.update(practice_terms(setup, [p.speed for p in passes]))
    out["passes"] = [p.as_dict() for p in passes]
    if setup.looping:
        out["moves"] = [m.as_dict() for m in moves_across(passes)]
    if run.ramp is not None:
        out["ramp"] = {"speeds": [p.speed for p in passes], "mastered": run.ramp.mastered, "next_speed": run.speed}
    return out
