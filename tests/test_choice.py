"""The forms' one-line dropdown: keys, its list, what it reports, and text kept as text."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, OptionList

from coopbrowse.tui.widgets.choice import Choice, ChoiceMenu

CHOICES = [("proposed", "proposed"), ("agreed", "agreed"), ("[bold]x[/]", "odd"), ("dropped", "d")]


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.changes: list[str] = []

    def compose(self) -> ComposeResult:
        yield Choice(CHOICES, "agreed", id="c")
        yield Input(id="after")

    def on_choice_changed(self, event: Choice.Changed) -> None:
        self.changes.append(event.value)


async def test_keys_step_jump_open_and_pick() -> None:
    app = Host()
    async with app.run_test() as pilot:
        choice = app.query_one(Choice)
        choice.focus()
        await pilot.press("right")
        assert choice.value == "odd" and choice.label == "[bold]x[/]"
        await pilot.press("left", "left")
        assert choice.value == "proposed"
        await pilot.press("d")  # the next choice whose label starts with d
        assert choice.value == "d"
        await pilot.press("enter")
        assert isinstance(app.screen, ChoiceMenu)
        menu = app.screen.query_one(OptionList)
        assert menu.highlighted == 3  # the list opens on what is chosen
        await pilot.press("up", "up", "enter")
        assert not isinstance(app.screen, ChoiceMenu)
        assert choice.value == "agreed" and app.focused is choice
        await pilot.press("space", "up", "escape")  # escape keeps what was chosen
        assert choice.value == "agreed" and not isinstance(app.screen, ChoiceMenu)
        await pilot.press("tab")
        assert app.focused is app.query_one("#after")
        assert app.changes == ["odd", "agreed", "proposed", "d", "agreed"]


async def test_a_click_opens_the_list_and_a_click_elsewhere_closes_it() -> None:
    app = Host()
    async with app.run_test() as pilot:
        await pilot.click(Choice)
        assert isinstance(app.screen, ChoiceMenu)
        await pilot.click(offset=(70, 20))
        assert not isinstance(app.screen, ChoiceMenu)
        assert app.query_one(Choice).value == "agreed"


async def test_labels_are_text_not_markup() -> None:
    app = Host()
    async with app.run_test() as pilot:
        choice = app.query_one(Choice)
        choice.value = "odd"
        await pilot.pause()
        assert "[bold]x[/] ▼" in str(choice.render())


def test_a_value_that_is_not_a_choice_is_refused() -> None:
    choice = Choice(CHOICES, "unknown")
    assert choice.value == "proposed"  # an unknown stored value shows the first choice
    with pytest.raises(ValueError):
        choice.value = "nonsense"
    with pytest.raises(ValueError):
        Choice([])


class RightEdge(App[None]):
    CSS = "Choice { dock: right; width: 8; }"

    def compose(self) -> ComposeResult:
        long = [("a rather long label for a narrow dropdown", "a"), ("b", "b")]
        yield Choice(long, "b")


async def test_the_list_stays_on_screen_at_the_right_edge() -> None:
    app = RightEdge()
    async with app.run_test(size=(40, 12)) as pilot:
        app.query_one(Choice).focus()
        await pilot.press("enter")
        await pilot.pause()
        menu = app.screen.query_one(OptionList)
        assert menu.region.right <= 40 and menu.region.x >= 0
