"""game.chart: the chart model's lookups (loading is tested in test_chartfile.py and test_songfolder.py)."""
from game.chart import Chart, Cue


def test_cues_on_screen_are_found_by_bisection():
    cues = (Cue(0, 0.0, 1.0, "arms_up", end_time=1.0), Cue(1, 2.0, 2.0, "t_pose", hold_beats=1.0, end_time=2.5),
            Cue(2, 4.0, 3.0, "point_left", end_time=3.0))
    chart = Chart("s", "ari", "normal", cues)
    between = lambda a, b: [c.time for c in chart.cues_between(a, b)]
    assert between(0.0, 0.9) == [] and between(0.0, 1.0) == [1.0] and between(1.01, 2.0) == [2.0]
    assert between(2.4, 2.9) == [2.0] and between(2.6, 9.0) == [3.0] and between(9.0, 10.0) == []
    assert chart.next_cue(0.0).time == 1.0 and chart.next_cue(2.5).time == 2.0 and chart.next_cue(2.51).time == 3.0
    assert chart.next_cue(3.01) is None
