"""DetailPane: everything about the highlighted record, with links to related records.

The pane shows a list of blocks (see :mod:`coopbrowse.tui.blocks`). Links (a meeting's
proposals, a proposal's meeting, the same sector elsewhere) are lines that the link cursor
moves over with ``]``/``[`` (or ``n``/``p``); ``enter`` follows the selected one.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from ..blocks import Block, Link
from .typeahead import KeepsTypeahead


class LinkLine(Static):
    """One followable line of the detail."""

    def __init__(self, link: Link) -> None:
        super().__init__(link.label, markup=False)
        self.link = link


class DetailPane(KeepsTypeahead, VerticalScroll, can_focus=True):
    """Scrollable detail of one record."""

    BINDINGS = [
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="detail-down"),
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="detail-up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="detail-top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="detail-bottom"),
        Binding("right_square_bracket,n", "next_link", "Next link", id="next-link"),
        Binding("left_square_bracket,p", "previous_link", "Previous link", id="previous-link"),
        Binding("enter", "follow", "Follow link", id="follow-link"),
    ]

    class Follow(Message):
        """The user asked to open ``target`` ((kind, id))."""

        def __init__(self, target: tuple[str, str]) -> None:
            super().__init__()
            self.target = target

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.link_index = -1
        self.shown: tuple[str, str] | None = None

    @property
    def links(self) -> list[LinkLine]:
        return list(self.query(LinkLine))

    def show(self, key: tuple[str, str] | None, blocks: list[Block], empty: str = "") -> None:
        """Replace the content with ``blocks`` (or the ``empty`` message)."""
        self.shown = key
        self.link_index = -1
        with self.app.batch_update():
            self.remove_children()
            if not blocks:
                self.mount(Static(Text(empty or "Nothing selected.", style="italic dim")))
            widgets = []
            for i, block in enumerate(blocks):
                if isinstance(block, Link):
                    widgets.append(LinkLine(block))
                else:
                    widget = Static(block, markup=False, classes="detail-block")
                    widget.set_class(i > 0, "spaced")
                    widgets.append(widget)
            self.mount_all(widgets)
            self.scroll_home(animate=False)

    def _select(self, index: int) -> None:
        links = self.links
        if not links:
            self.app.bell()
            return
        index %= len(links)
        for i, line in enumerate(links):
            line.set_class(i == index, "-selected")
        self.link_index = index
        self.scroll_to_widget(links[index], animate=False)

    def select_first_link(self) -> bool:
        if self.links:
            self._select(0)
            return True
        return False

    def action_next_link(self) -> None:
        self._select(self.link_index + 1)

    def action_previous_link(self) -> None:
        self._select(self.link_index - 1 if self.link_index >= 0 else -1)

    def action_follow(self) -> None:
        links = self.links
        if not links:
            self.app.bell()
            return
        if self.link_index < 0:
            self._select(0)
            return
        self.post_message(self.Follow(links[self.link_index].link.target))
