"""A practice in the window: what the player chose, the pass being played, and the ramp's decisions.

Pure (core layer): the play scene asks it for each pass and tells it each pass's judgements.
Every time here is on the *stretched audio's* timeline (seconds into the audio rendered at the
pass's speed), so the play scene's music clock, its cards and its judge all read one clock; a
pass is plan.plan_pass with its start put where the count-in's first click sits in that audio.
Timing windows are not touched: they stay in real milliseconds at every speed."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Sequence

from game.chart import Chart, Member, Song
from game.judge import Judgement
from game.practice.plan import PracticePass, Section, SectionError, parse_section, plan_pass, slowed, whole_song
from game.practice.passes import PassResult
from game.practice.ramp import RampRule, RampState, after_pass
from game.practice.stretch import check_speed
from game.timing import Stop, TempoChange, TempoMap

SPEED_STEPS = (1.0, 0.9, 0.75, 0.6, 0.5)  # the choices on screen (any 0.5-1.0 from the command line)


@dataclass(frozen=True)
class PracticeSetup:
    """What the player asked for. `section` None: the whole song once (speed and step only)."""

    speed: float = 1.0
    section: Section | None = None
    loops: int | None = None  # passes of the section; None: until the player stops it
    step: bool = False
    ramp: bool = False

    @property
    def mode(self) -> str:
        """Recorded with the play and printed by the headless run (never "play": only a full-speed
        play of the song is a best): "step", "ramp", "loop" (passes of a section), or "speed" (the
        whole song once, slowed)."""
        return "step" if self.step else "ramp" if self.ramp else "loop" if self.section else "speed"

    @property
    def looping(self) -> bool:
        """Passes of a section (step mode plays its moves once, waiting at each)."""
        return self.section is not None and not self.step

    def check(self) -> "PracticeSetup":
        check_speed(self.speed)
        if self.loops is not None and self.loops < 1:
            raise SectionError(f"--loops {self.loops}: give 1 or more passes, or leave it out to loop until you stop")
        if self.ramp and self.step:
            raise SectionError("--ramp and --step do not go together: step mode waits for each move, so it has no tempo to ramp")
        return self


def setup_from_args(args, chart: Chart, tempo: TempoMap) -> PracticeSetup:
    """The command line's practice options as a setup (raises SectionError / StretchError in words).

    --ramp or --loops without --section loop the whole chart; --ramp takes no --speed (it starts at 60%)."""
    ramp, step = bool(getattr(args, "ramp", False)), bool(getattr(args, "step", False))
    loops = getattr(args, "loops", None)
    text = getattr(args, "section", None)
    if text:
        section = parse_section(text, chart, tempo)
    elif ramp or loops:
        section = whole_song(chart, tempo, 0.0)
    else:
        section = None
    speed = getattr(args, "speed", None)
    if ramp and speed is not None:
        raise SectionError("--ramp sets the speed itself (60% -> 75% -> 90% -> 100%); leave out --speed")
    return PracticeSetup(speed=1.0 if speed is None else float(speed), section=section, loops=loops, step=step,
                         ramp=ramp).check()


def move_section(chart: Chart, tempo: TempoMap, pose: str, judgements: Sequence[Judgement] = ()) -> Section:
    """The one move to drill from "Practise these moves": the first cue of `pose` the player missed
    (or did worst), else its first cue; looped over the bars it spans. Raises SectionError."""
    mine = [j for j in judgements if j.cue.pose == pose]
    if mine:
        worst = min(mine, key=lambda j: (j.grade.points * j.held, j.cue.index))
        beat = worst.cue.beat
    else:
        cue = next((c for c in chart.cues if c.pose == pose), None)
        if cue is None:
            raise SectionError(f"no move '{pose}' in {chart.song_id}/{chart.member}")
        beat = cue.beat
    bar = tempo.beats_per_bar
    return parse_section(f"{int(beat // bar) + 1}:{beat % bar + 1:g}", chart, tempo)


def bar_sections(chart: Chart, tempo: TempoMap, bars: int = 4) -> list[Section]:
    """The chart cut into sections of `bars` bars that hold moves (the setup screen's choices)."""
    if not chart.cues:
        return []
    per = tempo.beats_per_bar * bars
    out = []
    start = chart.cues[0].beat // per * per
    end = max(c.beat + c.hold_beats for c in chart.cues)
    while start <= end:
        bar0 = int(start // tempo.beats_per_bar) + 1
        s = Section(start, start + per, f"{bar0}:1-{bar0 + bars}:1")
        if any(s.holds(c) for c in chart.cues):
            out.append(s)
        start += per
    return out


def section_only(chart: Chart, section: Section | None) -> Chart:
    """The chart's moves inside `section` (all of them for None), numbered from 0: step mode over a section."""
    if section is None:
        return chart
    kept = [c for c in chart.cues if section.holds(c)]
    return replace(chart, cues=tuple(replace(c, index=i) for i, c in enumerate(kept)))


def scaled_tempo(tempo: TempoMap, speed: float) -> TempoMap:
    """The tempo map of the audio played at `speed`: every BPM times the speed, every stop longer."""
    return replace(tempo, bpm=tempo.bpm * speed, changes=tuple(TempoChange(c.beat, c.bpm * speed) for c in tempo.changes),
                   stops=tuple(Stop(s.beat, s.seconds / speed) for s in tempo.stops))


def slowed_song(song: Song, member: Member, difficulty: str, speed: float, audio_path) -> tuple[Song, Member]:
    """The song as heard at `speed` (its stretched audio, tempo, offset and length scaled) and the member
    with that chart slowed, so the play scene draws beats, bars and cards on the slowed timeline."""
    chart = slowed(member.charts[difficulty], speed)
    slow_member = replace(member, charts={**member.charts, difficulty: chart})
    slow = replace(song, audio_path=audio_path, tempo=scaled_tempo(song.tempo, speed), offset=song.offset / speed,
                   duration=song.duration / speed, members=tuple(slow_member if m.id == member.id else m for m in song.members))
    return slow, slow_member


@dataclass
class PracticeRun:
    """The passes of one practice: which to play next at what speed, and the ramp over them."""

    song: Song
    chart: Chart  # at full speed, as loaded
    setup: PracticeSetup
    rule: RampRule = RampRule()
    ramp: RampState | None = None
    decisions: list[PassResult] = field(default_factory=list)  # every pass played, with what came after it
    planned: PracticePass | None = None  # the pass being played

    def __post_init__(self) -> None:
        if self.setup.ramp and self.ramp is None:
            self.ramp = RampState()

    @property
    def number(self) -> int:
        """The pass being played (from 0)."""
        return len(self.decisions)

    @property
    def speed(self) -> float:
        return self.ramp.speed(self.rule) if self.ramp is not None else self.setup.speed

    def plan(self, count_in_beats: int | None = None) -> PracticePass:
        """The next pass on the stretched audio's timeline at `speed` (its count-in's first click at
        `start`; before 0 s when the section begins the song: the music then starts at 0)."""
        if not self.setup.looping:
            raise SectionError("a practice without a section is one play of the slowed song, not passes")
        tempo, offset, section = self.song.tempo, self.song.offset, self.setup.section
        count = tempo.beats_per_bar if count_in_beats is None else count_in_beats
        t0 = tempo.seconds_at(section.start_beat - count, offset)
        self.planned = plan_pass(self.chart, tempo, offset, section, self.speed, t0 / self.speed, self.number, count)
        return self.planned

    def finish_pass(self, judgements: Sequence[Judgement], waits: Sequence[float] = ()) -> PassResult:
        """Record a pass's judgements; the ramp (if on) picks the next speed."""
        grades = [j.grade for j in judgements]
        speed = self.speed
        if self.ramp is not None:
            before = self.ramp
            self.ramp = after_pass(before, grades, self.rule)
            nxt = self.ramp.speed(self.rule)
            verdict = ("mastered" if self.ramp.mastered and not before.mastered else
                       "up" if nxt > speed else "down" if nxt < speed else "same")
        else:
            nxt, verdict = speed, "again"
        if self.setup.loops is not None and self.number + 1 >= self.setup.loops:
            verdict = "done"
        return self._keep(speed, judgements, waits, verdict, nxt)

    def stop_pass(self, judgements: Sequence[Judgement]) -> PassResult | None:
        """The player stopped halfway through a pass: keep what it judged (no ramp step), or None if nothing."""
        return self._keep(self.speed, judgements, (), "stopped", self.speed) if judgements else None

    def _keep(self, speed: float, judgements: Sequence[Judgement], waits: Sequence[float], verdict: str,
              nxt: float) -> PassResult:
        cues = self.planned.chart.cues if self.planned is not None else ()
        result = PassResult(self.number, speed, tuple(judgements), tuple(cues), tuple(waits), verdict, nxt)
        self.decisions.append(result)
        return result

    @property
    def done(self) -> bool:
        return bool(self.decisions) and self.decisions[-1].verdict == "done"


def practice_terms(setup: PracticeSetup, speeds: Sequence[float]) -> dict:
    """How a practice is named wherever it is recorded or printed: the one place that decides, used by
    the window (its recorded plays, game.scenes.practice_play) and the headless JSON (game.practice.headless).

    `speeds`: each pass's speed in order (one entry for a play without passes). Returns
    {"mode": PracticeSetup.mode, "speed": the first pass's speed (always a number: a ramp's starting
    speed; `mode` says it ramped), "speeds": per pass, "section": the section's label or None for the whole song once}."""
    speeds = [float(s) for s in speeds] or [setup.speed]
    return {"mode": setup.mode, "speed": speeds[0], "speeds": speeds,
            "section": setup.section.label if setup.section is not None else None}
