"""DetailPane: everything about the highlighted record, scrollable."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from coopbrowse.store.model import Meeting

from ..render import meeting_renderable


class DetailPane(VerticalScroll):
    """Shows one meeting in full (participants, proposals, trade, goods, source)."""

    can_focus = True

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(id="detail-body")

    def show_meeting(self, meeting: Meeting | None) -> None:
        body = self.query_one("#detail-body", Static)
        if meeting is None:
            body.update(Text("Nothing to show: the database has no meetings.", style="dim"))
        else:
            body.update(meeting_renderable(meeting))
        self.scroll_home(animate=False)
