"""Keys the app sends on (kept for a screen that was opening, queued behind a key that
moved the focus) keep their place among the keys typed after them."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.events import Key
from textual.widgets import Input

from coopbrowse.tui.keyorder import KeepsKeyOrder, send_keys


class Line(KeepsKeyOrder, App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="line")


class Plain(App[None]):  # no gate: what every key sent on met before
    def compose(self) -> ComposeResult:
        yield Input(id="line")


def typed(text: str) -> list[Key]:
    return [Key(ch, ch) for ch in text]


async def run(app: App[None], later: str, sent: str, after: str = "") -> str:
    """Post ``later`` (typed last, already in the app's queue), then send ``sent`` on (typed
    first), then post ``after``; what the line holds once all are in."""
    async with app.run_test() as pilot:
        await pilot.pause()
        for key in typed(later):
            app.post_message(key)
        send_keys(app, typed(sent))
        for key in typed(after):
            app.post_message(key)
        await pilot.pause(0.1)
        return app.query_one("#line", Input).value


async def test_a_key_waiting_in_the_queue_follows_the_keys_sent_on_ahead_of_it() -> None:
    assert await run(Line(), later="g", sent="def") == "defg"


async def test_keys_typed_while_they_are_held_keep_their_own_order() -> None:
    assert await run(Line(), later="gh", sent="def", after="ij") == "defghij"


async def test_without_the_gate_the_waiting_key_overtakes() -> None:
    # what the gate is for: the same keys through an app without it come out of order
    assert await run(Plain(), later="g", sent="def") == "gdef"


async def test_keys_sent_on_while_others_are_held_go_first() -> None:
    async with Line().run_test() as pilot:
        app = pilot.app
        await pilot.pause()
        app.post_message(Key("x", "x"))
        send_keys(app, typed("ab"))
        send_keys(app, typed("cd"))  # sent before the first have come through
        await pilot.pause(0.1)
        assert app.query_one("#line", Input).value == "abcdx"
        app.post_message(Key("y", "y"))  # nothing on its way: straight in
        await pilot.pause(0.05)
        assert app.query_one("#line", Input).value == "abcdxy"
        assert not app.key_order.busy


async def test_a_key_lost_on_its_way_does_not_hold_the_rest_for_good() -> None:
    async with Line().run_test() as pilot:
        app = pilot.app
        await pilot.pause()
        app.key_order.PATIENCE = 0.05
        app.key_order._sent.append(Key("a", "a"))  # sent on, and lost on its way
        app.post_message(Key("b", "b"))
        await pilot.pause(0.01)
        assert app.query_one("#line", Input).value == ""  # held behind the lost one
        await pilot.pause(0.2)  # past the patience: what was held goes on
        assert app.query_one("#line", Input).value == "b"
        assert not app.key_order.busy


async def test_a_key_sent_on_again_keeps_its_place_before_the_keys_sent_after_it() -> None:
    """ "/elev" sent on together (kept while a form saved): the list kept "/" until its rows
    came and sent it on again, behind "elev", still on their way; "e" then ran as a command
    of the list. A key sent on waits for every key typed before it that is still on its way."""
    async with Line().run_test() as pilot:
        app = pilot.app
        await pilot.pause()
        d, e, f = typed("def")
        send_keys(app, [e, f])  # on their way
        send_keys(app, [d])  # typed before them, sent on after them
        await pilot.pause(0.1)
        assert app.query_one("#line", Input).value == "def"
        assert not app.key_order.busy


class TwoFields(App[None]):
    def compose(self) -> ComposeResult:
        from coopbrowse.tui.widgets.inputs import OrderedInput

        yield OrderedInput(id="first")
        yield OrderedInput(id="second")

    CSS = "OrderedInput { width: 20; }"


async def test_a_field_left_shows_the_start_of_its_text_and_back_in_it_the_cursor() -> None:
    """A field typed past its width and left showed the end of its text ("embly of
    Mogilevliftmash elevators"): a form reviewed field by field read as cut off."""
    async with TwoFields().run_test() as pilot:
        field = pilot.app.query_one("#first", Input)
        field.focus()
        await pilot.pause()
        await pilot.press(*"assembly of Mogilevliftmash elevators in Penza")
        await pilot.pause()
        assert field.scroll_offset.x > 0  # (typing: the cursor at the end, in view)
        await pilot.press("tab")
        await pilot.pause()
        assert field.scroll_offset.x == 0
        assert field.cursor_position == len(field.value)  # (where it was)
        await pilot.press("shift+tab")
        await pilot.pause()
        assert field.scroll_offset.x > 0  # the cursor in view again
