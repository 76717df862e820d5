"""The search bar: its hint line, when it hands a query on, and what typing costs."""

from __future__ import annotations

import time

import pytest
from helpers import until
from textual.app import App, ComposeResult

from coopbrowse.tui.widgets.search_bar import QueryInput, SearchBar, hint_for


def test_the_hint_line_offers_values_but_says_nothing_of_a_range() -> None:
    def values(field: str) -> list[str]:
        return {"date": ["2023", "2024", "2025"], "region": ["penza", "samara"]}[field]

    assert hint_for("region:s", values) == "region: samara"
    assert hint_for("region:x", values) == "region: no value in the data starts so"
    assert hint_for("date:202", values) == "date: 2023, 2024, 2025"
    # a negated field leaves its values out, and says so
    assert hint_for("elevators -region:sam", values) == "not region: samara"
    for ranged in ("date:2024..", "trams date:2024..2025-06", "date:..2024"):
        assert hint_for(ranged, values) == ""  # the list's count says what matched


def test_a_day_of_a_month_with_meetings_is_a_date_typed_whole() -> None:
    """The date values offered are months: a whole day was told "no value in the data
    starts so", beside the meetings it found (a new user's query)."""

    def values(field: str) -> list[str]:
        return {"date": ["2023-03", "2023-04"], "person": ["lukashenko"]}[field]

    assert hint_for("person:lukashenko date:2023-04-03", values) == ""
    assert hint_for("date:2023-04", values) == ""
    assert hint_for("date:2023-0", values) == "date: 2023-03, 2023-04"
    assert hint_for("date:2024-05-01", values) == "date: no value in the data starts so"


def test_a_status_or_sector_no_record_has_is_named_as_one() -> None:
    """ "status:implemented" (a status no proposal had yet) was hinted "no value in the
    data starts so", as a slip is: a new user took it for a misspelling."""

    def values(field: str) -> list[str]:
        return {"status": ["proposed", "agreed"], "sector": ["elevators"]}[field]

    assert hint_for("status:impl", values) == "status: implemented (none in the data yet)"
    assert hint_for("status:stalled", values) == "status: stalled (none in the data yet)"
    assert hint_for("sector:film", values) == "sector: film (none in the data yet)"
    assert hint_for("status:zz", values) == "status: no value in the data starts so"


def test_a_value_typed_whole_has_no_hint() -> None:
    """Beside "region:samara OR sector:elevators" the line read "… match · sector:
    elevators", which a new user took for a filter of every result: the hint offers
    values to complete, and a value typed whole has none."""

    def values(field: str) -> list[str]:
        return {"region": ["samara", "saratov"], "sector": ["agriculture", "agriculture-food"]}[
            field
        ]

    assert hint_for("region:samara OR region:samara", values) == ""
    kinds = ["meeting", "proposal"]  # (a plural is taken: it was "no matching values")
    assert hint_for("type:meetings", lambda f: kinds) == hint_for("type:meeting", lambda f: kinds)
    assert hint_for("type:meetings", lambda f: kinds) == ""
    assert hint_for("-region:Samara", values) == ""
    assert hint_for("region:sa", values) == "region: samara, saratov"
    # whole, but a longer value starts the same: still offered
    assert hint_for("sector:agriculture", values) == "sector: agriculture, agriculture-food"


class BarApp(App[None]):
    """A search bar alone, recording the queries it hands on."""

    def __init__(self, debounce: float) -> None:
        super().__init__()
        self.debounce = debounce
        self.queries: list[tuple[float, str]] = []

    def compose(self) -> ComposeResult:
        yield SearchBar(lambda field: [], id="bar", debounce=self.debounce)

    def on_search_bar_query_changed(self, event: SearchBar.QueryChanged) -> None:
        self.queries.append((time.monotonic(), event.query))


async def test_a_key_after_a_pause_searches_at_once_and_a_burst_searches_once() -> None:
    app = BarApp(debounce=0.5)
    async with app.run_test() as pilot:
        await pilot.pause()
        start = time.monotonic()
        await pilot.press("t")  # after a pause: no waiting for the debounce
        await pilot.pause()
        assert [q for _t, q in app.queries] == ["t"]
        assert app.queries[0][0] - start < 0.5
        await pilot.press(*"rams")  # at once after it: one search, once the keys pause
        assert [q for _t, q in app.queries] == ["t"]
        assert app.query_one(SearchBar).pending
        await until(pilot, lambda: len(app.queries) == 2, "the burst searched")
        assert [q for _t, q in app.queries] == ["t", "trams"]
        assert not app.query_one(SearchBar).pending


async def test_typing_a_query_repaints_the_input_without_a_layout(monkeypatch) -> None:
    layouts = []
    refresh = QueryInput.refresh

    def recording(self, *regions, **flags):
        layouts.append(flags.get("layout", False))
        return refresh(self, *regions, **flags)

    monkeypatch.setattr(QueryInput, "refresh", recording)
    app = BarApp(debounce=0.01)
    async with app.run_test() as pilot:
        await pilot.pause()
        layouts.clear()
        await pilot.press(*"elevators")
        await pilot.pause()
        assert app.query_one(QueryInput).value == "elevators"
        assert layouts and not any(layouts)


async def test_a_debounce_that_fired_before_a_newer_key_does_not_send_its_older_value() -> None:
    app = BarApp(debounce=0.5)
    async with app.run_test() as pilot:
        await pilot.pause()
        bar = app.query_one(SearchBar)
        await pilot.press("t")  # sent at once
        await pilot.press("r")  # within the debounce: waits
        stale = bar._timer_ticket
        await pilot.pause(1.1)  # its timer fires ("tr"), and a debounce passes
        await pilot.press("a")  # after that pause: sent at once
        bar._fired(stale, "tr")  # a callback of the old timer, queued before it was stopped
        await pilot.pause()
        assert [q for _t, q in app.queries] == ["t", "tr", "tra"]


async def test_an_errors_end_is_shown_whole_beside_many_values() -> None:
    """Beside the 88 regions "region:" lists, its error was cut at "… — the list is": the
    two lines wrap at spaces, and the values were cut by a count of characters."""
    from textual.widgets import Static

    regions = [f"region-number-{i:02d}-{'x' * (i % 7)}" for i in range(88)]

    class Many(App[None]):
        def compose(self) -> ComposeResult:
            yield SearchBar(lambda field: regions, id="bar")

    message = "✗ bad query: region: needs a value (at column 8) — the list is unchanged"
    for width in (80, 100, 120):
        app = Many()
        async with app.run_test(size=(width, 24)) as pilot:
            bar = app.query_one(SearchBar)
            bar.input.value = "region:"
            await pilot.pause()
            bar.show_error(message)
            await pilot.pause()
            status = bar.query_one("#search-status", Static)
            lines = ["".join(seg.text for seg in status.render_line(y)).rstrip() for y in range(2)]
            shown = " ".join(lines)
            assert shown.endswith("the list is unchanged"), (width, lines)
            assert shown.startswith("region: region-number-00") and "…" in shown


@pytest.mark.parametrize("width", [60, 80, 100, 160])
async def test_the_empty_search_line_shows_whole_examples_at_any_width(width: int) -> None:
    """At 80 and 100 columns the examples were cut at the edge, the line ending in "-film ·"
    or "region:penza ·": the line holds as many whole examples as fit."""
    from coopbrowse.tui.widgets.search_bar import EXAMPLES

    class Bar(App[None]):
        def compose(self) -> ComposeResult:
            yield SearchBar(lambda field: [])

    app = Bar()
    async with app.run_test(size=(width, 10)) as pilot:
        await pilot.pause()
        line = app.query_one(QueryInput)
        shown = str(line.placeholder)
        assert shown.startswith(f"/ to search: {EXAMPLES[0]}")
        n = shown.count(" · ") + 1  # the examples shown, each whole
        assert shown == "/ to search: " + " · ".join(EXAMPLES[:n])
        room = line.content_region.width
        assert len(shown) <= room
        assert n == len(EXAMPLES) or len(f"{shown} · {EXAMPLES[n]}") > room  # as many as fit
