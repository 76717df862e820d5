"""The app launches on the store, shows the meetings and the highlighted meeting's detail."""

from __future__ import annotations

from rich.console import Console

from coopbrowse.store import Store
from coopbrowse.tui.app import CoopBrowseApp
from coopbrowse.tui.widgets.detail import DetailPane
from coopbrowse.tui.widgets.meeting_list import MeetingList


def _plain(renderable) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


async def test_app_lists_every_meeting_and_shows_the_first(store: Store) -> None:
    app = CoopBrowseApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(MeetingList)
        assert table.row_count == len(store.meetings())
        assert table.current.id == store.meetings()[0].id
        detail = app.screen.query_one("#detail-body")
        assert store.meetings()[0].title[:40] in _plain(detail.content)


async def test_moving_the_cursor_updates_the_detail(store: Store) -> None:
    app = CoopBrowseApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        second = store.meetings()[1]
        assert app.screen.query_one(MeetingList).current.id == second.id
        body = app.screen.query_one(DetailPane).query_one("#detail-body")
        assert second.region in _plain(body.content)


async def test_q_quits(store: Store) -> None:
    app = CoopBrowseApp(store)
    async with app.run_test() as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (0, None)
    assert not app.is_running


async def test_record_text_is_shown_literally(store: Store) -> None:
    meeting = store.meetings()[0]
    meeting.title = "[bold red]Not bold[/] \x1b[31mred?"
    meeting.participants[0].name = "[link=http://evil]click[/link]"
    store.put_meetings([meeting], update=True)
    app = CoopBrowseApp(Store.open(store.path))
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#detail-body")
        text = _plain(body.content)
        assert "[bold red]Not bold[/]" in text
        assert "\x1b" not in text and "␛[31mred?" in text
        assert "[link=http://evil]click[/link]" in text
