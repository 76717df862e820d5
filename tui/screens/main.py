"""MainScreen: the meetings list beside the detail of the highlighted meeting."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header

from coopbrowse.store import Store

from ..widgets.detail import DetailPane
from ..widgets.meeting_list import MeetingList


class MainScreen(Screen[None]):
    """List and detail panes."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            yield MeetingList(id="meetings")
            yield DetailPane(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        meetings = self.store.meetings()
        table = self.query_one(MeetingList)
        table.border_title = f"Meetings ({len(meetings)})"
        self.query_one(DetailPane).border_title = "Detail"
        table.set_meetings(meetings)
        table.focus()

    def on_meeting_list_highlighted(self, event: MeetingList.Highlighted) -> None:
        self.query_one(DetailPane).show_meeting(event.meeting)
