"""The footer shows the keys of what has the focus, and is rebuilt only when they change."""

from __future__ import annotations

import pytest
from helpers import FAST, settle

from coopbrowse.store import Store
from coopbrowse.tui.app import CoopBrowseApp
from coopbrowse.tui.widgets.footer import KeysFooter, shown_keys


@pytest.fixture
def app(store: Store, tmp_path) -> CoopBrowseApp:
    return CoopBrowseApp(store, state_path=tmp_path / "state.json", settings=FAST)


def footer_descriptions(app) -> list[str]:
    return [entry.description for entry in app.screen.query_one(KeysFooter).entries]


def expected_descriptions(app) -> list[str]:
    by_action: dict[str, str] = {}  # keys for one action are one entry, the first's words
    for _key, _display, description, action, *_rest in shown_keys(app.screen):
        by_action.setdefault(action, description)
    return list(by_action.values())


async def test_the_footer_follows_the_focus_and_is_not_rebuilt_for_nothing(
    app, monkeypatch
) -> None:
    composed = []  # each time the footer worked out its keys afresh
    entries = KeysFooter._entries

    def counting(self, screen):
        composed.append(self)
        return entries(self, screen)

    monkeypatch.setattr(KeysFooter, "_entries", counting)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        on_list = footer_descriptions(app)
        assert on_list[:2] == ["Open", "Edit"]  # (the view's own keys first)
        assert sorted(on_list) == sorted(expected_descriptions(app))

        composed.clear()
        await pilot.press("j", "j", "j", "k")  # the cursor moves: the same keys apply
        await settle(pilot, app)
        assert composed == []
        assert footer_descriptions(app) == on_list

        await pilot.press("slash")  # the search bar has keys of its own
        await settle(pilot, app)
        in_search = footer_descriptions(app)
        assert "Search and go to the list" in in_search and "Open" not in in_search
        assert in_search == expected_descriptions(app)

        await pilot.press("down")  # back to the list, and its keys
        await settle(pilot, app)
        assert footer_descriptions(app) == on_list

        await pilot.press("E")  # the meeting form: a footer of its own
        await settle(pilot, app)
        assert "Save" in " ".join(footer_descriptions(app))
        composed.clear()
        changes, before = 0, shown_keys(app.screen)
        for _ in range(6):  # field to field: rebuilt only when the keys differ
            await pilot.press("tab")
            await settle(pilot, app)
            now = shown_keys(app.screen)
            changes += now != before
            before = now
            assert footer_descriptions(app) == expected_descriptions(app)
        assert len(composed) == changes < 6


async def test_pressing_a_key_in_the_footer_with_the_mouse_presses_it(app) -> None:
    """The footer is one line, not a widget per key: a click lands on the key drawn under
    the pointer, as it did on Textual's footer, and the command palette's on the right."""
    from textual.command import CommandPalette

    from coopbrowse.tui.screens.help import HelpScreen

    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        footer = app.screen.query_one(KeysFooter)
        line = footer.render().plain
        x = line.index(" Help ") + 2  # on the word, not the key
        assert footer._entry_at(x).action == "app.help"
        await pilot.hover(KeysFooter, offset=(x, 0))
        assert footer._hover is not None and footer._hover.description == "Help"
        await pilot.click(KeysFooter, offset=(x, 0))
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot, app)

        x = footer.render().plain.rindex("Commands")
        assert footer.render().plain.rstrip().endswith("^p Commands")
        await pilot.click(KeysFooter, offset=(x, 0))
        await settle(pilot, app)
        assert isinstance(app.screen, CommandPalette)


async def test_at_any_width_the_footer_is_one_line_and_the_palette_key_stays(app) -> None:
    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot, app)
        footer = app.screen.query_one(KeysFooter)
        line = footer.render()
        assert line.cell_len == 60 and "\n" not in line.plain
        assert line.plain.rstrip().endswith("^p Commands")
        shown = footer.visible_entries()
        assert 0 < len(shown) < len(footer.entries) + 1  # the rest are cut, not wrapped
        assert footer.palette in shown


@pytest.mark.parametrize("width", [72, 110])
async def test_a_key_cut_off_at_the_edge_is_left_out_whole_and_an_ellipsis_says_so(
    app, width: int
) -> None:
    """At 110 columns the footer ended "i Add from article  u ▏": a key without its words
    (found by a new user). Only whole keys are drawn; " …" before the palette's rule says
    there are more (the wheel brings them in view)."""
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot, app)
        footer = app.screen.query_one(KeysFooter)
        line = footer.render().plain
        keys = [e for e in footer.visible_entries() if e is not footer.palette]
        assert footer.entries[-1] not in keys  # (cut at this width)
        for entry in keys:
            assert f" {entry.display} {entry.description} " in line, entry.display
        assert line[: line.index("▏")].rstrip().endswith(f"{keys[-1].description}  …")


async def test_at_every_width_some_key_is_drawn_and_the_wheel_stops_at_the_last(app) -> None:
    """At 21-22 columns the first key, which fitted, made way for " …" and no key was drawn;
    the wheel could scroll past the last key, leaving " …" alone (found in review)."""
    from textual.events import MouseScrollDown

    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot, app)
        footer = app.screen.query_one(KeysFooter)
        for width in range(8, 160):
            keys = [span for span in footer._place(width) if span[2] is not footer.palette]
            assert keys, width
            whole = [end - start == sum(map(len, footer._cells(e))) for start, end, e in keys]
            assert all(whole) or len(keys) == 1, width
        for _ in range(len(footer.entries) + 3):
            footer.post_message(MouseScrollDown(footer, 5, 0, 0, 1, 0, False, False, False))
            await settle(pilot, app)
        shown = footer.visible_entries()
        assert footer.entries[-1] in shown and len(shown) > 1  # (not " …" alone)
        await pilot.resize_terminal(24, 24)  # one key at a time: the wheel stops at the last
        await settle(pilot, app)
        for _ in range(len(footer.entries) + 3):
            footer.post_message(MouseScrollDown(footer, 5, 0, 0, 1, 0, False, False, False))
            await settle(pilot, app)
        assert footer._first == len(footer.entries) - 1
        assert footer.entries[-1] in footer.visible_entries()


async def test_hover_changes_the_background_only_and_goes_with_the_keys(app) -> None:
    """As on Textual's footer: the key under the pointer gets the hover's background, its
    words keep their colours; a tooltip shown goes when the keys change or the pointer
    leaves; the palette key's rule and last cell are part of it."""
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        footer = app.screen.query_one(KeysFooter)

        def style_at(word: str):
            line = footer.render()
            return line.get_style_at_offset(app.console, line.plain.index(word))

        before = style_at("Help")
        await pilot.hover(KeysFooter, offset=(footer.render().plain.index("Help"), 0))
        hovered = style_at("Help")
        assert hovered.color == before.color and hovered.bgcolor != before.bgcolor

        edge = footer.render().plain.index("▏")
        assert footer._entry_at(edge) is footer.palette
        assert footer._entry_at(footer.size.width - 1) is footer.palette
        await pilot.hover(KeysFooter, offset=(edge, 0))
        assert footer.tooltip  # the palette's: "Commands" or its tooltip
        await pilot.press("slash")  # other keys: the tooltip of the old ones goes
        await settle(pilot, app)
        assert footer.tooltip is None and footer._hover is None


async def test_the_wheel_brings_keys_cut_off_at_the_edge_into_view(app) -> None:
    from textual.events import MouseScrollDown, MouseScrollUp

    async def wheel(footer, kind) -> None:
        footer.post_message(kind(footer, 5, 0, 0, 1, 0, False, False, False))
        await settle(pilot, app)

    async with app.run_test(size=(60, 24)) as pilot:
        await settle(pilot, app)
        footer = app.screen.query_one(KeysFooter)
        first = footer.visible_entries()
        assert footer.entries[-1] not in first  # cut off at 60 columns
        for _ in range(len(footer.entries)):
            await wheel(footer, MouseScrollDown)
        shown = footer.visible_entries()
        assert footer.entries[-1] in shown and footer.entries[0] not in shown
        assert footer.palette in shown  # still at the right edge
        for _ in range(len(footer.entries)):
            await wheel(footer, MouseScrollUp)
        assert footer.visible_entries() == first


async def test_a_dialog_shows_its_own_keys_in_the_footer(app) -> None:
    """Over the list, a dialog's footer says what its keys do (the list's "q Quit",
    "e Export" were shown under "Delete this meeting?"); closed, the list's come back."""
    from coopbrowse.tui.screens.export import ConfirmScreen
    from coopbrowse.tui.screens.help import HelpScreen

    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot, app)
        on_list = footer_descriptions(app)
        await pilot.press("D")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        assert footer_descriptions(app) == ["Yes", "No"]
        await pilot.press("n")
        await settle(pilot, app)
        await pilot.press("question_mark")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        assert footer_descriptions(app) == ["Close help"]
        await pilot.press("escape")
        await settle(pilot, app)
        assert footer_descriptions(app) == on_list
        await pilot.press("i")  # adding from an article
        await settle(pilot, app)
        assert "Cancel" in footer_descriptions(app) and "Quit" not in footer_descriptions(app)


async def test_a_key_that_types_into_the_focused_field_is_not_offered(app) -> None:
    """In the search bar the footer offered "/ Search", while "/" went into the query
    (found by a new user): a character key is not shown where it types; back in the list,
    it is."""
    from coopbrowse.tui.widgets.footer import KeysFooter

    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot, app)
        footer = app.screen.query_one(KeysFooter)
        assert any(e.display == "/" for e in footer.visible_entries())
        await pilot.press("slash")
        await settle(pilot, app)
        shown = [e.display for e in footer.visible_entries()]
        assert "/" not in shown and "?" not in shown and shown  # (ctrl keys and esc stay)
        await pilot.press("escape")
        await settle(pilot, app)
        assert any(e.display == "/" for e in footer.visible_entries())


async def test_a_views_own_keys_come_first_where_a_narrow_footer_cuts_the_rest(app) -> None:
    """At 100 columns the footer ended at "i Add from article" in every view: "f Follow up"
    was cut off in the Follow-up view, whose rows it is for, and "E Edit" everywhere."""
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        footer = app.screen.query_one(KeysFooter)

        def visible() -> list[str]:
            return [e.description for e in footer.visible_entries() if e is not footer.palette]

        assert visible()[:2] == ["Open", "Edit"]  # the meetings view
        assert "Follow up" not in visible()
        await pilot.press("4")
        await settle(pilot, app)
        assert visible()[:4] == ["Open", "Follow up", "Edit", "Undo"]
        assert sorted(footer_descriptions(app)) == sorted(expected_descriptions(app))
        await pilot.press("2")
        await settle(pilot, app)
        assert visible()[:3] == ["Open", "Follow up", "Edit"]
        await pilot.press("3")
        await settle(pilot, app)
        assert visible()[:2] == ["Open", "Compare"]
        # (a region row is no record to edit, undo or follow up: not offered there)
        left_out = {"Edit", "Undo", "Follow up"}
        assert left_out <= set(expected_descriptions(app))
        assert sorted(footer_descriptions(app)) == sorted(
            set(expected_descriptions(app)) - left_out
        )
        await pilot.press("1")
        await settle(pilot, app)
        assert visible()[:2] == ["Open", "Edit"] and "Follow up" not in visible()
        assert sorted(footer_descriptions(app)) == sorted(expected_descriptions(app))
