"""Every pass of a practice and every move across the passes: what the results screen's Passes panel,
the recorded plays and the headless JSON all read, so the three agree.

Pure (core layer). A pass's score is the usual reducer (game.scoring) over that pass's judgements,
out of that pass's own cues, so a pass stopped halfway scores what it played of the section."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from game import scoring
from game.chart import Chart, Cue
from game.judge import Grade, Judgement, TimingWindows
from game.practice.ramp import good_share
from game.session import PlaySession

# What was decided after a pass: the ramp's "up" / "down" / "same" / "mastered", a loop without the
# ramp "again", the last of --loops N "done", a pass the player stopped halfway "stopped".
VERDICTS = ("up", "down", "same", "mastered", "again", "done", "stopped")


@dataclass(frozen=True)
class PassResult:
    """One pass of a section (or the one play of a slowed song / step mode): its speed, its grades,
    and what the practice decided after it (None for a practice without passes)."""

    number: int  # from 0
    speed: float  # 0.5..1.0
    judgements: tuple[Judgement, ...]
    cues: tuple[Cue, ...] = ()  # the pass's cues (default: the judged ones)
    waits: tuple[float, ...] = ()  # step mode: seconds the song waited per cue
    verdict: str | None = None
    next_speed: float | None = None

    @property
    def share(self) -> float:
        """Share of Perfect + Great among the pass's judged cues, 0..1 (what the ramp steps on)."""
        return good_share(j.grade for j in self.judgements)

    @property
    def score(self) -> scoring.ScoreState:
        cues = self.cues or tuple(j.cue for j in self.judgements)
        state = scoring.initial_for(cues)
        for j in self.judgements:
            state = scoring.apply(state, j)
        return state

    def as_dict(self) -> dict:
        """The pass as the headless JSON prints it (`pass` counts from 1, as the screen does)."""
        s = self.score
        out = {"pass": self.number + 1, "speed": self.speed, "cues": len(self.judgements),
               "judgements": {g.key: s.counts[g] for g in Grade}, "perfect_great_share": round(self.share, 4),
               "score": s.score, "accuracy": round(s.accuracy, 4)}
        if self.verdict is not None:
            out.update(verdict=self.verdict, next_speed=self.next_speed)
        if self.waits:
            out["waited_s_total"] = round(sum(self.waits), 3)
        return out


@dataclass(frozen=True)
class MoveAcross:
    """One move of the section and its grade in each pass (None: the pass ended before it)."""

    index: int  # the cue's place in the section, the same in every pass
    pose: str
    at: object  # the position as the chart writes it ("17:3" or a beat)
    grades: tuple[Grade | None, ...]

    @property
    def good(self) -> int:
        """Passes in which this move was Perfect or Great."""
        return sum(g in (Grade.PERFECT, Grade.GREAT) for g in self.grades)

    def as_dict(self) -> dict:
        return {"index": self.index, "pose": self.pose, "at": self.at,
                "grades": [None if g is None else g.key for g in self.grades], "perfect_great_passes": self.good}


def moves_across(passes: Sequence[PassResult]) -> list[MoveAcross]:
    """Per move of the section (by its index in the pass, in chart order), its grade pass by pass."""
    cues: dict[int, Cue] = {}
    for p in passes:
        for c in p.cues or tuple(j.cue for j in p.judgements):
            cues.setdefault(c.index, c)
    graded = [{j.cue.index: j.grade for j in p.judgements} for p in passes]
    return [MoveAcross(i, c.pose, c.at if c.at is not None else c.beat, tuple(g.get(i) for g in graded))
            for i, c in sorted(cues.items())]


def pass_session(chart: Chart, p: PassResult, windows: TimingWindows) -> PlaySession:
    """One pass as a PlaySession: its own cues (the judged ones for a pass without `cues`), its
    judgements, and exactly the score the Passes panel shows for it (`PassResult.score`)."""
    session = PlaySession(replace(chart, cues=p.cues or tuple(j.cue for j in p.judgements)), windows)
    session.score = p.score
    session.judgements = list(p.judgements)
    return session


@dataclass(frozen=True)
class Headline:
    """What a practice's results lead with: its best pass and its last.

    Not the passes reduced together: the combo multiplier would then count one long combo across
    passes that were each danced on their own, and a 10-pass practice came out lower (309k) than
    every one of its passes (312k-577k). A learner asks "how good was my best pass?" and "where am I
    now?": the best pass leads (with its speed, since a slow pass may be the best), the last is
    beside it, and the Passes panel shows every one."""

    best: PassResult  # the highest score among passes played to their end; on a tie the faster, then the later pass
    last: PassResult

    def as_dict(self) -> dict:
        """The headless JSON's top-level score fields: the best pass's, naming it, and the last pass's score."""
        s = self.best.score
        return {"score": s.score, "grade": s.grade_letter, "stars": s.stars, "accuracy": round(s.accuracy, 4),
                "max_combo": s.max_combo, "full_combo": s.full_combo, "best_pass": self.best.number + 1,
                "best_pass_speed": self.best.speed, "last_pass": self.last.number + 1, "last_pass_score": self.last.score.score}


def headline(passes: Sequence[PassResult]) -> Headline | None:
    """The best and the last of `passes` (None for none). A pass the player stopped halfway is the
    best only when every pass was stopped: half a section is not a pass to lead with, even on a tie."""
    if not passes:
        return None
    whole = [p for p in passes if p.verdict != "stopped"] or list(passes)
    best = max(whole, key=lambda p: (p.score.score, p.speed, p.number))
    return Headline(best, passes[-1])


def pass_at(passes: Sequence[PassResult], index: int) -> PassResult | None:
    """The pass whose judgement is number `index` of all the passes' judgements in order (as
    combined_session lists them); None when there are no passes or the index is past them."""
    for p in passes:
        if 0 <= index < len(p.judgements):
            return p
        index -= len(p.judgements)
    return None


def combined_session(chart: Chart, passes: Sequence[PassResult], windows: TimingWindows) -> PlaySession:
    """A PlaySession over every pass's judgements in order: the practice as a whole, for what walks
    every pass (cue by cue, the moves to practise, the headless JSON's `per_cue`, `judgements`).
    Its score is NOT the practice's headline (see Headline). Cue indices and times stay those of their pass."""
    judgements = [j for p in passes for j in p.judgements]
    session = PlaySession(replace(chart, cues=tuple(j.cue for j in judgements)), windows)
    for j in judgements:
        session.score = scoring.apply(session.score, j)
    session.judgements = judgements
    return session


def recorded_plays(session: PlaySession, practice=None) -> list[tuple[PlaySession, float]]:
    """What the progress screen keeps of a finished play, as (session, speed): one per pass of a
    practice that has passes (each at its own speed, so a ramp's 60% and 100% passes are told apart),
    else the play itself at the practice's speed (1.0 without a practice). A practice stopped before
    any move was judged keeps nothing: an empty play is not a play (it would count on the progress
    screen and read as a changed chart)."""
    passes = getattr(practice, "passes", None)
    if passes:
        return [(pass_session(session.chart, p, session.windows), p.speed) for p in passes if p.judgements]
    if practice is not None and not session.judgements:
        return []
    return [(session, getattr(practice, "speed", None) or 1.0)]
