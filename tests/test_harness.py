"""The test harness's own promises (tests/conftest.py)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static


class Drawn(Widget):
    lines = 0
    fails = False

    def render_line(self, y: int) -> Strip:
        Drawn.lines += 1
        if Drawn.fails:
            raise RuntimeError("drawing fails")
        return Strip.blank(self.size.width)


class One(App[None]):
    BINDINGS = [("q", "quit", "")]

    def compose(self) -> ComposeResult:
        yield Drawn()


class Above(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Drawn()


class Below(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("under")


async def test_an_app_that_does_not_paint_every_frame_still_paints_its_last() -> None:
    """Frames in between are skipped; the last is drawn, so an error in drawing code still
    fails the test it happens in."""
    Drawn.lines, Drawn.fails = 0, False
    async with One().run_test(size=(20, 3)) as pilot:
        await pilot.press("x")
        assert Drawn.lines == 0  # (nothing painted so far)
    assert Drawn.lines == 3  # the last frame, every line
    Drawn.fails = True
    with pytest.raises(RuntimeError, match="drawing fails"):
        async with One().run_test(size=(20, 3)) as pilot:
            await pilot.press("x")


async def test_an_app_that_quits_or_a_screen_that_goes_is_painted_as_it_goes() -> None:
    Drawn.lines, Drawn.fails = 0, True
    with pytest.raises(RuntimeError, match="drawing fails"):
        async with One().run_test(size=(20, 3)) as pilot:
            await pilot.press("q")  # the app quits inside the test
    app = Below()
    with pytest.raises(RuntimeError, match="drawing fails"):
        async with app.run_test(size=(20, 3)) as pilot:
            await app.push_screen(Above())
            await pilot.pause()
            app.pop_screen()  # a screen opened and closed inside the test
            await pilot.pause()


@pytest.mark.paints
async def test_an_app_marked_paints_draws_every_frame() -> None:
    Drawn.lines, Drawn.fails = 0, False
    async with One().run_test(size=(20, 3)) as pilot:
        await pilot.press("x")
        assert Drawn.lines >= 3  # drawn as in a terminal, before the test ends
