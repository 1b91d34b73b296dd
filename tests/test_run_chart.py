"""The run-chart rules of Perla, Provost & Murray (BMJ Qual Saf 2011) on worked examples
built from the paper's definitions: shift (6+ on one side, a point on the median neither
breaks nor adds), trend (5+ up or down, equal neighbours counted once), too few or too many
runs (their table, from 10 points off the median), astronomical point; and the plain
"too few rounds" verdict."""

from __future__ import annotations

from math import comb

import pytest

from kitchen.debrief.run_chart import (
    RUNS_TABLE,
    count_runs,
    find_astronomical,
    find_shifts,
    find_trends,
    run_chart,
)


def chart(values, **kw):
    return run_chart("service.score", "Score", list(range(1, len(values) + 1)), values, **kw)


def rules(c):
    return [s.rule for s in c.signals]


# --- shift ---------------------------------------------------------------------------------


def test_six_in_a_row_on_one_side_is_a_shift_five_is_not():
    # median 6: six below, then six above -> two shifts
    c = chart([3, 4, 3, 4, 3, 4, 8, 9, 8, 9, 8, 9])
    assert c.median == 6
    assert [s.points for s in c.signals if s.rule == "shift"] == [
        (0, 1, 2, 3, 4, 5),
        (6, 7, 8, 9, 10, 11),
    ]
    assert find_shifts([3, 4, 3, 4, 3, 8, 9, 8, 9, 8], 6) == []  # five and five


def test_a_point_on_the_median_neither_breaks_a_shift_nor_adds_to_it():
    # median 5 (the 7th of 13): five below, one on the median, one more below = a shift of 6
    values = [1, 2, 1, 2, 1, 5, 1, 9, 9, 8, 9, 8, 9]
    c = chart(values)
    assert c.median == 5
    shifts = [s.points for s in c.signals if s.rule == "shift"]
    assert shifts[0] == (0, 1, 2, 3, 4, 6), "the point on the median is skipped, not a break"
    # four below, the median, one below: five, not six (the median point does not add)
    values = [1, 2, 1, 2, 5, 1, 9, 9, 8, 9, 8, 9, 5]
    c = chart(values)
    assert c.median == 5
    assert [s.points for s in c.signals if s.rule == "shift"] == [(6, 7, 8, 9, 10, 11)]


# --- trend ---------------------------------------------------------------------------------


def test_five_going_up_or_down_is_a_trend_four_is_not():
    assert find_trends([1, 2, 3, 4, 5]) == [(0, 1, 2, 3, 4)]
    assert find_trends([9, 7, 5, 3, 1, 2]) == [(0, 1, 2, 3, 4)]
    assert find_trends([1, 2, 3, 4, 2, 3]) == []


def test_equal_neighbours_count_once():
    # 3, 4, 4, 5, 6, 7: the repeated 4 is skipped, leaving a trend of five points
    assert find_trends([3, 4, 4, 5, 6, 7]) == [(0, 1, 3, 4, 5)]
    # 3, 4, 4, 5, 6: only four points count -> no trend
    assert find_trends([3, 4, 4, 5, 6]) == []
    c = chart([3, 4, 4, 5, 6, 7])
    assert rules(c) == ["trend"]
    assert "5 points in a row going up (rounds 1, 2, 4, 5, 6)" in c.signals[0].text


def test_a_turning_point_belongs_to_both_stretches():
    assert find_trends([1, 2, 3, 4, 5, 4, 3, 2, 1]) == [(0, 1, 2, 3, 4), (4, 5, 6, 7, 8)]


# --- runs ----------------------------------------------------------------------------------


def test_runs_are_counted_without_the_points_on_the_median():
    assert count_runs([1, 9, 5, 9, 1], 5) == 3  # below, above, (on: skipped), above, below
    assert count_runs([1, 5, 1, 9], 5) == 2


def test_too_many_runs_by_the_table():
    c = chart([1, 9] * 5)  # 10 points off the median, 10 runs: more than 9
    assert (c.useful, c.runs) == (10, 10)
    assert "runs" in rules(c)
    assert "Too many runs: 10 runs with 10 points off the median (between 3 and 9" in c.verdict


def test_too_few_runs_by_the_table():
    c = chart([1, 2, 1, 2, 1, 8, 9, 8, 9, 8])  # two runs of five: no shift, too few runs
    assert c.runs == 2
    assert rules(c) == ["runs"]
    assert c.signals[0].text.startswith("Too few runs: 2 runs with 10 points")


def test_an_ordinary_number_of_runs_signals_nothing():
    c = chart([5, 8, 7, 4, 6, 9, 8, 3, 4, 7])
    assert c.runs == 6
    assert c.signals == []
    assert "consistent with chance" in c.verdict


def test_the_runs_rule_needs_ten_points_off_the_median():
    c = chart([1, 9, 1, 9, 1, 9, 1, 9, 5])  # 8 points off the median
    assert "runs" not in rules(c)
    assert any(
        n.startswith("Runs: needs 10 points off the median; there are 8") for n in c.not_applied
    )


def test_the_table_is_close_to_swed_and_eisenhart():
    """Each row is within one run of the exact 2.5 % tails of the runs distribution for an
    even split above and below the median (Swed & Eisenhart 1943)."""

    def tails(n):
        m, k = n // 2, n - n // 2
        total = comb(n, m)
        p = {}
        for r in range(2, n + 1):
            h = r // 2
            if r % 2 == 0:
                p[r] = 2 * comb(m - 1, h - 1) * comb(k - 1, h - 1) / total
            else:
                p[r] = (
                    comb(m - 1, h) * comb(k - 1, h - 1) + comb(m - 1, h - 1) * comb(k - 1, h)
                ) / total
        low = max(r for r in range(2, n + 2) if sum(v for x, v in p.items() if x < r) <= 0.025)
        high = min(r for r in range(1, n + 1) if sum(v for x, v in p.items() if x > r) <= 0.025)
        return low, high

    for n, (low, high) in RUNS_TABLE.items():
        exact = tails(n)
        assert max(abs(low - exact[0]), abs(high - exact[1])) <= 1, (n, (low, high), exact)


# --- astronomical point --------------------------------------------------------------------


def test_an_astronomical_point_is_flagged_for_the_facilitator_to_judge():
    values = [10, 12, 11, 13, 12, 11, 60]
    assert find_astronomical(values) == [6]
    c = chart(values)
    assert "astronomical" in rules(c)
    assert "round 7 (60) is far from all the others" in c.verdict
    assert find_astronomical([10, 12, 11, 13, 12, 11, 14]) == []
    assert find_astronomical([10, 10, 10, 10, 10, 60]) == [], "others equal: a judgement call"


# --- too few rounds ------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 4])
def test_too_few_rounds_to_call_anything_is_said_plainly(n):
    c = chart([10 * k for k in range(n)])
    assert c.too_few
    assert c.signals == []
    assert f"{n} round" in c.verdict
    assert "too few to call anything" in c.verdict
    assert "A trend needs 5 rounds, a shift 6, the runs rule 10 off the median" in c.verdict


def test_rounds_where_the_measure_is_na_are_left_off():
    c = run_chart("x.y", "X", [1, 2, 3], [1.0, None, 3.0])
    assert c.rounds == [1, 3]
    assert run_chart("x.y", "X", [1], [None]).verdict == "X: no round has measured it yet."


def test_five_rounds_apply_the_trend_but_say_which_rules_wait():
    c = chart([1, 2, 3, 4, 5])
    assert rules(c) == ["trend"]
    assert "Shift: needs 6 rounds; there are 5." in c.not_applied
