"""The time left of a counted step, as the status line says it (tui/progress.py)."""

from __future__ import annotations

from coopbrowse.tui.progress import TimeLeft, say_left


def test_the_time_left_is_rounded_up_to_read_as_an_estimate() -> None:
    assert say_left(0.4) == say_left(4.9) == "a few seconds left"  # (not "5 s" till the end)
    assert say_left(5) == "about 5 s left"
    assert say_left(11) == "about 15 s left"
    assert say_left(15) == "about 15 s left"
    assert say_left(59.5) == "about 60 s left"
    assert say_left(60) == "about 1 min left"
    assert say_left(61) == "about 2 min left"


def clocked() -> tuple[list[float], TimeLeft]:
    now = [0.0]
    return now, TimeLeft(clock=lambda: now[0])


def test_the_rate_since_the_step_began_gives_the_time_left() -> None:
    now, left = clocked()
    assert left.update("Indexing", 1_000, 100_000) == ""  # the step begins
    now[0] = 1.0
    assert left.update("Indexing", 6_000, 100_000) == ""  # too soon to tell
    now[0] = 10.0
    # 49,000 in 10 s: 4,900 a second, 50,000 more take about 10.2 s
    assert left.update("Indexing", 50_000, 100_000) == "about 15 s left"
    now[0] = 20.0
    assert left.update("Indexing", 99_000, 100_000) == "a few seconds left"
    assert left.update("Indexing", 100_000, 100_000) == ""  # done: nothing left to say


def test_a_new_step_a_count_that_goes_back_or_no_count_starts_afresh() -> None:
    now, left = clocked()
    left.update("Indexing", 0, 1_000)
    now[0] = 5.0
    assert left.update("Indexing", 500, 1_000) == "about 5 s left"
    assert left.update("Reading", 0, 0) == ""  # an uncounted step
    now[0] = 10.0
    assert left.update("Indexing", 600, 1_000) == ""  # begins again here
    now[0] = 12.0
    assert left.update("Indexing", 800, 1_000) == "a few seconds left"
    assert left.update("Indexing", 100, 1_000) == ""  # went back: a new run of the step
    now[0] = 20.0
    assert left.update("Indexing", 900, 1_000) == "a few seconds left"  # 800 in 8 s
    assert left.update("Indexing", 950, 2_000) == ""  # another total: another step
