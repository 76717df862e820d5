"""DetailPane: everything about the highlighted record, with links to related records.

The pane shows a list of blocks (see :mod:`coopbrowse.tui.blocks`). Links (a meeting's
proposals, a proposal's meeting, the same sector elsewhere) are lines that the link cursor
moves over with ``]``/``[`` (or ``n``/``p``); ``enter`` follows the selected one.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual
from textual.widgets import Static

from ..blocks import Block, Link
from .typeahead import KeepsTypeahead


class RenderedOnce(RichVisual):
    """A record's detail, drawn once for each width and style it is shown at.

    Textual draws a Rich renderable to learn its height (at every layout of the screen:
    several while the browser opens or a list arrives), then again to paint it. A record's
    tables and chart are most of what opening the browser and moving along the list cost,
    so the lines drawn for its height are the ones painted."""

    def __init__(self, widget: Static, renderable: RenderableType) -> None:
        super().__init__(widget, renderable)
        self._drawn: dict[tuple[int, object], list[Strip]] = {}

    @property
    def renderable(self) -> RenderableType:
        """What is drawn (a Rich renderable)."""
        return self._renderable

    def __rich__(self) -> RenderableType:
        return self._renderable

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        key = (width, style.rich_style)
        strips = self._drawn.get(key)
        if strips is None:
            if len(self._drawn) > 4:  # (a few widths and styles: resizing, focus)
                self._drawn.clear()
            strips = self._drawn[key] = super().render_strips(width, None, style, options)
        return strips if height is None else strips[:height]

    def get_height(self, rules: RulesMap, width: int) -> int:
        widget = self._widget
        options = RenderOptions(widget._get_style, rules)
        return len(self.render_strips(width, None, widget.visual_style, options))


class DetailPane(KeepsTypeahead, VerticalScroll, can_focus=True):
    """Scrollable detail of one record, drawn as one widget: a record's blocks (tables,
    charts, paragraphs, links) are one renderable, so showing another record is one update,
    not dozens of widgets mounted, styled and laid out (what typing a query waited for)."""

    COMPONENT_CLASSES = {"detail-pane--link", "detail-pane--link-selected"}

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
        self._shows = 0  # records shown so far (a place kept is put back only for its own)
        self._blocks: list[Block] = []
        self._empty = ""

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        """The selected link's colours are the theme's, set when the record was drawn:
        drawn again once the new theme's styles are in place."""
        if self._blocks and self.link_index >= 0:
            self.call_after_refresh(self._draw, layout=False)

    # At once, not after the next frame: Textual's own scroll from the target of the frame
    # before, so a burst of keys (a held down arrow) scrolled one line however many came
    def _scroll_by(self, lines: float) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()  # (nothing to scroll: the key goes on, as Textual's would)
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True)

    def action_scroll_down(self) -> None:
        self._scroll_by(1)

    def action_scroll_up(self) -> None:
        self._scroll_by(-1)

    def action_page_down(self) -> None:
        self._scroll_by(max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._scroll_by(-max(1, self.scrollable_content_region.height - 1))

    def action_scroll_home(self) -> None:
        self._scroll_by(-self.scroll_y)

    def action_scroll_end(self) -> None:
        self._scroll_by(self.max_scroll_y - self.scroll_y)

    @property
    def links(self) -> list[Link]:
        return [b for b in self._blocks if isinstance(b, Link)]

    def show(self, key: tuple[str, str] | None, blocks: list[Block], empty: str = "") -> None:
        """Replace the content with ``blocks`` (or the ``empty`` message). The same record
        shown again (read again after a save, or a change elsewhere) keeps its place: the
        keys that scrolled it meanwhile are not undone."""
        again = key is not None and key == self.shown
        self.shown = key
        self.link_index = -1
        self._blocks, self._empty = list(blocks), empty
        self._draw(layout=True)
        self._shows += 1
        if again:
            y, this = self.scroll_y, self._shows

            def back() -> None:  # (unless another record was shown meanwhile)
                if self._shows == this:
                    self.scroll_to(y=y, animate=False)

            self.call_after_refresh(back)
        else:
            self.scroll_home(animate=False)

    def _parts(self, upto: int | None = None) -> list[RenderableType]:
        """The renderables drawn, one per block (a blank line before each block but the
        first that is not a link; a link indented, the selected one marked), up to block
        ``upto``."""
        if not self._blocks:
            return [Text(self._empty or "Nothing selected.", style="italic dim")]
        parts: list[RenderableType] = []
        n = 0
        for i, block in enumerate(self._blocks[:upto]):
            if isinstance(block, Link):
                part = "detail-pane--link-selected" if n == self.link_index else "detail-pane--link"
                label = Text(block.label) if isinstance(block.label, str) else block.label.copy()
                label.stylize(self.get_component_rich_style(part, partial=True))
                parts.append(Padding(label, (0, 0, 0, 2)))  # wrapped lines indented too
                n += 1
            else:
                if i > 0:
                    parts.append(Text(""))
                parts.append(block)
        return parts

    def _draw(self, *, layout: bool) -> None:
        body = self.query_one("#detail-body", Static)
        body.update(RenderedOnce(body, Group(*self._parts())), layout=layout)

    def block_offset(self, index: int) -> int:
        """The line block ``index`` starts on (at the pane's width)."""
        width = max(1, self.scrollable_content_region.width)
        console = self.app.console
        before = self._parts(index)
        if index < len(self._blocks) and not isinstance(self._blocks[index], Link) and index:
            before.append(Text(""))
        lines = console.render_lines(Group(*before), console.options.update_width(width), pad=False)
        return len(lines)

    def _select(self, index: int) -> None:
        links = self.links
        if not links:
            self.app.bell()
            return
        self.link_index = index % len(links)
        self._draw(layout=False)  # the same lines, one marked
        at = [i for i, b in enumerate(self._blocks) if isinstance(b, Link)][self.link_index]
        y = self.block_offset(at)
        height = self.scrollable_content_region.height
        if y < self.scroll_y:
            self.scroll_to(y=y, animate=False)
        elif y >= self.scroll_y + height - 1:  # into view, with a line of what follows
            self.scroll_to(y=y - height + 2, animate=False)

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
        self.post_message(self.Follow(links[self.link_index].target))
