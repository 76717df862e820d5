"""MeetingList: the table of meetings (date, region, counterpart, host, proposals, trade)."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from coopbrowse.store.model import Meeting

from ..render import MEETING_COLUMNS, meeting_cells


class MeetingList(DataTable[object]):
    """A keyboard-navigable list of meetings; posts ``Highlighted`` as the cursor moves."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="cursor-down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor-up"),
        Binding("g", "scroll_top", "First", show=False, id="first"),
        Binding("G", "scroll_bottom", "Last", show=False, id="last"),
    ]

    class Highlighted(Message):
        """The cursor moved to ``meeting`` (None when the list is empty)."""

        def __init__(self, meeting: Meeting | None) -> None:
            super().__init__()
            self.meeting = meeting

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._meetings: list[Meeting] = []

    def on_mount(self) -> None:
        for label in MEETING_COLUMNS:
            self.add_column(label, key=label)

    def set_meetings(self, meetings: list[Meeting]) -> None:
        """Show ``meetings`` (in the given order) and highlight the first."""
        self._meetings = list(meetings)
        self.clear()
        for m in self._meetings:
            self.add_row(*meeting_cells(m), key=m.id)
        self.post_message(self.Highlighted(self.current))

    @property
    def current(self) -> Meeting | None:
        """The highlighted meeting."""
        if not self._meetings or not 0 <= self.cursor_row < len(self._meetings):
            return None
        return self._meetings[self.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self.current))
