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
    footer = app.screen.query_one(KeysFooter)
    return [str(k.description) for k in footer.query("FooterKey").exclude(".-command-palette")]


def expected_descriptions(app) -> list[str]:
    by_action: dict[str, str] = {}  # keys for one action are one entry, the first's words
    for _key, _display, description, action, *_rest in shown_keys(app.screen):
        by_action.setdefault(action, description)
    return list(by_action.values())


async def test_the_footer_follows_the_focus_and_is_not_rebuilt_for_nothing(
    app, monkeypatch
) -> None:
    composed = []
    compose = KeysFooter.compose

    def counting(self):
        composed.append(self)
        return compose(self)

    monkeypatch.setattr(KeysFooter, "compose", counting)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        on_list = footer_descriptions(app)
        assert "Open" in on_list and on_list == expected_descriptions(app)

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
