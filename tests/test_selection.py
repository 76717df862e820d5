"""The selection and the trail of followed links, without an app."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from coopbrowse.tui.selection import Place, Selection, Trail

M1, M2, P1 = ("meeting", "m1"), ("meeting", "m2"), ("proposal", "p1")


def test_toggling_adds_then_removes_and_keeps_the_order_selected() -> None:
    s = Selection().toggled(M2).toggled(P1).toggled(M1)
    assert s.keys() == [M2, P1, M1]
    assert s.toggled(P1).keys() == [M2, M1]
    assert s.keys() == [M2, P1, M1]  # a change gives a new selection; this one stays
    assert s != s.toggled(P1) and s == Selection([M2, P1, M1])


def test_a_group_is_selected_whole_then_unselected_whole() -> None:
    s = Selection([P1])
    both = s.toggled_all([M1, M2])
    assert both.keys() == [P1, M1, M2]
    assert both.toggled_all([M1, M2]).keys() == [P1]
    partly = Selection([M1]).toggled_all([M1, M2])  # not all in: all added
    assert partly.keys() == [M1, M2]
    assert Selection([M1]).toggled_all([]) == Selection([M1])


def test_counts_and_how_the_status_line_says_it() -> None:
    assert Selection().describe() == "nothing selected"
    assert Selection([M1]).describe() == "selected: 1 meeting"
    assert Selection([M1, M2, P1]).describe() == "selected: 2 meetings, 1 proposal"
    many = Selection(("proposal", str(i)) for i in range(1500))
    assert many.counts() == (0, 1500)
    assert many.describe() == "selected: 1,500 proposals"


@given(st.lists(st.sampled_from([M1, M2, P1, ("proposal", "p2")]), max_size=12))
def test_toggling_twice_gives_back_the_same_set(keys: list[tuple[str, str]]) -> None:
    s = Selection()
    for k in keys:
        s = s.toggled(k)
    for k in keys:
        assert (k in s) == (keys.count(k) % 2 == 1)
    assert set(s.with_all(keys)) == set(keys)


def test_the_trail_returns_places_last_first_and_keeps_the_latest() -> None:
    trail = Trail(limit=3)
    assert trail.pop() is None
    for n in range(5):
        trail.push(Place("meetings", f"q{n}", None))
    assert len(trail) == 3
    assert [trail.pop().query for _ in range(3)] == ["q4", "q3", "q2"]  # type: ignore[union-attr]
    assert trail.pop() is None
