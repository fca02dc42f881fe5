"""One chart file (a member's moves for one difficulty): YAML -> a Chart of timed Cues, checked with file:line problems.

Beats become seconds here, once, through game.timing, with the song's tempo and offset passed in."""
from __future__ import annotations

from pathlib import Path

from game.chart import DIFFICULTIES, Chart, Cue
from game.poselib import PoseLibrary
from game.problems import Problem, ProblemsError, did_you_mean
from game.schema import validate
from game.timing import TempoMap, parse_position
from game.yamlio import line_of, load_yaml

MIN_CUE_GAP_S = 0.25
MAX_CUES = 10_000  # a ten-minute song at four moves a second has 2,400
CHART_MAX_BYTES, CHART_MAX_NODES = 2_000_000, 250_000  # a 10,000-cue chart: ~400 kB, ~40,000 values

CHART_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["member", "cues"],
    "properties": {
        "member": {"type": "string"},
        "difficulty": {"enum": list(DIFFICULTIES)},
        "cues": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["pose"],
            "properties": {
                "at": {"type": ["string", "number"]}, "beat": {"type": "number", "minimum": 0, "unit": "beats"},
                "pose": {"type": "string"}, "hold": {"type": "number", "exclusiveMinimum": 0, "unit": "beats"},
                "gold": {"type": "boolean"}}}},
    },
}


def _bar_beat(beat: float, beats_per_bar: int) -> str:
    return f"\"{int(beat // beats_per_bar) + 1}:{beat % beats_per_bar + 1:g}\""


def load_chart(path: Path, song_id: str, member_id: str, difficulty: str, tempo: TempoMap | None, offset: float,
               duration: float | None, poses: PoseLibrary) -> Chart:
    """Parse and check one chart file; raise ProblemsError listing every problem with its line.

    Times are checked only when `tempo` (and `duration`, seconds of audio) are known. Every cue
    is checked, including after a broken one. Warnings travel on the Chart (or in the error)."""
    data = load_yaml(path, CHART_MAX_BYTES, CHART_MAX_NODES)
    cues = data.get("cues") if isinstance(data, dict) else None
    if isinstance(cues, list) and len(cues) > MAX_CUES:  # before any per-cue work
        raise ProblemsError([Problem(path, line_of(data, "cues"), f"{len(cues):,} cues; a chart may have at most "
                                                                  f"{MAX_CUES:,}: split it by difficulty")])
    found = validate(data, CHART_SCHEMA, path)
    problems: list[Problem] = list(found.errors)
    if not isinstance(data, dict):
        raise ProblemsError(problems + found.warnings)
    broken_cues = {p[1] for p in found.bad_paths if len(p) > 1 and p[0] == "cues"}
    broken_keys = {p[0] for p in found.bad_paths if p}
    if "member" not in broken_keys and "member" in data and data["member"] != member_id:
        problems.append(Problem(path, line_of(data, "member"),
                                f"this chart says member '{data['member']}' but song.yaml uses it for '{member_id}'; make them match"))
    if "difficulty" in data and "difficulty" not in broken_keys and data["difficulty"] != difficulty:
        problems.append(Problem(path, line_of(data, "difficulty"),
                                f"this chart says difficulty '{data['difficulty']}' but song.yaml lists it as '{difficulty}'"))
    items = data.get("cues") if isinstance(data.get("cues"), list) else []
    beats_per_bar = tempo.beats_per_bar if tempo else 4
    cues: list[Cue] = []
    for i, item in enumerate(items):
        line = line_of(items, i)
        if i in broken_cues or not isinstance(item, dict):
            continue
        if ("at" in item) == ("beat" in item):
            problems.append(Problem(path, line, "give the cue's position with either 'at: \"bar:beat\"' or 'beat: N' (exactly one)"))
            continue
        if isinstance(item.get("at"), (int, float)) and not isinstance(item.get("at"), bool):
            at = item["at"]
            problems.append(Problem(path, line, f"'at: {at:g}' is a bare number, which could mean bar {at:g} or beat {at:g}: "
                                                f"write \"bar:beat\" in quotes (\"{int(at) if at == int(at) else at:g}:1\" is bar "
                                                f"{at:g}, beat 1), or 'beat: {at:g}' for beat {at:g} counted from 0"))
            continue
        try:
            beat = parse_position(item.get("at", item.get("beat")), beats_per_bar)
        except ValueError as exc:
            problems.append(Problem(path, line, str(exc)))
            continue
        if item["pose"] not in poses:
            problems.append(Problem(path, line_of(item, "pose"),
                                    f"unknown pose '{item['pose']}'{did_you_mean(item['pose'], poses.ids())} (poses live in {poses.folder}; add one or fix the name)"))
        hold = float(item.get("hold", 0.0))
        time = tempo.seconds_at(beat, offset) if tempo else beat
        end = tempo.seconds_at(beat + hold, offset) if tempo else beat + hold
        if duration is not None and (time < 0 or time > duration):
            problems.append(Problem(path, line, f"beat {beat:g} plays at {time:.2f} s, outside the audio (0 to {duration:.2f} s); move it or fix the song's offset"))
        elif duration is not None and tempo and end > duration:
            room = tempo.beat_at(duration, offset) - beat
            problems.append(Problem(path, line, f"the hold of {hold:g} beats ends at {end:.2f} s (beat {beat + hold:g}), after the audio "
                                                f"ends at {duration:.2f} s; shorten the hold to at most {max(room, 0):.4g} beats"))
        if cues:
            previous = cues[-1]
            if beat == previous.beat:
                problems.append(Problem(path, line, f"this cue and the cue on line {previous.line} are both at beat {beat:g} "
                                                    f"({_bar_beat(beat, beats_per_bar)}); one beat has one move: delete one of them, or move it to another beat"))
            elif beat < previous.beat:
                problems.append(Problem(path, line, f"cues must be in time order: beat {beat:g} comes before beat {previous.beat:g} "
                                                    f"on line {previous.line}; move this cue up to its place"))
            elif tempo and time < previous.end_time + MIN_CUE_GAP_S:
                why = "overlaps the hold of" if previous.is_hold else "is too close to"
                problems.append(Problem(path, line, f"beat {beat:g} {why} the cue on line {previous.line}; leave at least {MIN_CUE_GAP_S:g} s after it"))
        cues.append(Cue(index=len(cues), beat=beat, time=time, pose=item["pose"], hold_beats=hold, end_time=end,
                        gold=bool(item.get("gold", False)), line=line, at=item.get("at", item.get("beat"))))
    if problems:
        raise ProblemsError(problems + found.warnings)
    return Chart(song_id=song_id, member=member_id, difficulty=difficulty, cues=tuple(cues), path=path,
                 warnings=tuple(found.warnings))
