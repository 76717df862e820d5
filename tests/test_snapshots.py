"""SVG snapshots of the main screens (pytest-textual-snapshot; Textual is pinned exactly).

Regenerate after an intended visual change with ``pytest tests/test_snapshots.py
--snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FAST, settle, until

from coopbrowse.store import Store
from coopbrowse.tui.app import CoopBrowseApp
from coopbrowse.tui.widgets.detail import DetailPane
from coopbrowse.tui.widgets.search_bar import SearchBar

pytestmark = pytest.mark.paints  # every frame rendered, as in a terminal

SIZE = (140, 42)


@pytest.fixture
def app(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CoopBrowseApp:
    monkeypatch.setenv("HOME", str(tmp_path))  # the header shows ~/coopbrowse.json
    return CoopBrowseApp(store, state_path=tmp_path / "state.json", settings=FAST)


async def _ready(pilot) -> None:
    await settle(pilot)


def _search(query: str):
    async def run(pilot) -> None:
        await _ready(pilot)
        await pilot.press("slash")
        pilot.app.screen.query_one(SearchBar).input.value = query
        await _ready(pilot)
        await pilot.press("escape")  # to the list: no blinking cursor in the picture
        await _ready(pilot)

    return run


def test_main_screen(snap_compare, app) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_ready)


def test_search_with_highlights(snap_compare, app) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_search("elevator samara"))


def test_meeting_detail_with_chart(snap_compare, app) -> None:
    async def run(pilot) -> None:
        await _ready(pilot)
        await pilot.press("j", "j", "j", "tab")  # Penza: figures over the years
        await _ready(pilot)
        detail = pilot.app.screen.query_one(DetailPane)

        def heading() -> int | None:  # (the detail is built in a worker: wait for Penza's)
            if detail.shown != ("meeting", "2025-04-01-penza"):
                return None
            plain = [getattr(b, "plain", "") for b in detail._blocks]
            return next((i for i, t in enumerate(plain) if "Trade figures" in t), None)

        await until(pilot, lambda: heading() is not None, "Penza's detail")
        y = detail.block_offset(heading() or 0)
        detail.scroll_to(y=y, animate=False, immediate=True)
        await until(pilot, lambda: detail.scroll_y == min(y, detail.max_scroll_y), "scrolled")
        await _ready(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_proposals_view(snap_compare, app) -> None:
    async def run(pilot) -> None:
        await _ready(pilot)
        await pilot.press("2", "space", "j", "space")
        await _ready(pilot)  # (the detail is built in a worker: waited for, not timed)

    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_help_screen(snap_compare, app) -> None:
    async def run(pilot) -> None:
        await _ready(pilot)
        await pilot.press("question_mark")
        await _ready(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def test_narrow_layout(snap_compare, app) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=_ready)


def test_export_dialog(snap_compare, app, monkeypatch) -> None:
    import datetime as dt

    monkeypatch.setattr(
        "coopbrowse.tui.screens.export._now",
        lambda: dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC),
    )
    # (the folder files go to is where the tests run: the same one in every picture)
    monkeypatch.setattr("coopbrowse.tui.screens.export._here", lambda: "~/briefings")

    async def run(pilot) -> None:
        await _ready(pilot)
        await pilot.press("space", "e")
        await _ready(pilot)
        path = pilot.app.screen.query_one("#export-path")
        path.value = "coopbrowse-briefing.md"  # the default carries today's date
        pilot.app.screen.query_one("#do-export").focus()  # no blinking cursor in the picture
        await _ready(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run)


def _edit_form(pilot_focus: str = "#f-date-inferred"):
    """The edit form of the Penza meeting (its trade figures in view at 160x50)."""

    async def run(pilot) -> None:
        await _ready(pilot)
        await pilot.press("j", "j", "j", "E")
        await _ready(pilot)
        for _ in range(600):  # every row of its lists mounted (they follow the first frame)
            if pilot.app.screen.complete:
                break
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        pilot.app.screen.query_one(pilot_focus).focus()  # a checkbox: no blinking cursor
        await pilot.pause(0.2)

    return run


def test_edit_form_80x24(snap_compare, app) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=_edit_form())


def test_edit_form_160x50(snap_compare, app) -> None:
    assert snap_compare(app, terminal_size=(160, 50), run_before=_edit_form("#tr-0-keep"))


def test_follow_up_view(snap_compare, app, monkeypatch) -> None:
    import datetime as dt

    import coopbrowse.store.followup

    monkeypatch.setattr(coopbrowse.store.followup, "today", lambda: dt.date(2026, 1, 1))

    async def run(pilot) -> None:
        await _ready(pilot)
        await pilot.press("4")
        await _ready(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run)


async def _compare(pilot) -> None:
    await _ready(pilot)
    await pilot.press("space", "space", "c")  # the two Mordovia meetings of 2025-10-20
    await _ready(pilot)


def test_compare_80x24(snap_compare, app) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=_compare)


def test_compare_160x50(snap_compare, app) -> None:
    assert snap_compare(app, terminal_size=(160, 50), run_before=_compare)


async def _facets(pilot) -> None:
    await _ready(pilot)
    await pilot.press("2")
    # the proposal's detail in place before the table covers it: one that arrives behind
    # the table is laid out (its scrollbar shown or not) only when the list screen is back
    await _ready(pilot)
    await pilot.press("F")
    await _ready(pilot)


def test_facets_80x24(snap_compare, app) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=_facets)


def test_facets_160x50(snap_compare, app) -> None:
    assert snap_compare(app, terminal_size=(160, 50), run_before=_facets)
