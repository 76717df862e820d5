"""FacetScreen (key ``F``): how many listed rows have each value of a field.

For the current view and query: value, count, share and a bar, most first
(:mod:`coopbrowse.store.facets`, the same as ``coopbrowse facets``). ``←`` / ``→`` switch
between sector, region, status, proposer and year; ``enter`` narrows the list to the value
(its filter is added to the search).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coopbrowse.store.facets import FACET_FIELDS, FacetCounts, facet_counts
from coopbrowse.store.text import one_line

from ..widgets.footer import KeysFooter

if TYPE_CHECKING:
    from coopbrowse.store.index import SearchIndex

BAR = 24
SHOWN = 200  # values listed at most (the most first): the CLI lists all


class FacetScreen(ModalScreen[str | None]):
    """A frequency table; dismisses with the filter of the chosen value (or None)."""

    CSS_PATH = "facets.tcss"

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="facets-close"),
        # (a dialog over the browser: the app's help keys do not reach it)
        Binding("question_mark,f1", "app.help", "Help", show=False, id="facets-help"),
        Binding("right,l", "field(1)", "Next field", id="facets-next"),
        Binding("left,h", "field(-1)", "Previous field", id="facets-previous"),
        Binding("j", "move('cursor_down')", "Down", show=False, id="facets-down"),
        Binding("k", "move('cursor_up')", "Up", show=False, id="facets-up"),
        Binding("g", "move('first')", "First", show=False, id="facets-first"),
        Binding("G", "move('last')", "Last", show=False, id="facets-last"),
    ]

    def action_move(self, how: str) -> None:
        """The list's own moves, on the keys of the browser's list (j, k, g, G)."""
        getattr(self.query_one(OptionList), f"action_{how}")()

    def help_sections(self) -> list[tuple[str, object]]:
        return [("Counts by a field", type(self))]

    def __init__(self, index: SearchIndex, view: str, query: str, field: str) -> None:
        super().__init__()
        self.index = index
        self.view = view
        self.query_text = query
        self.field = field
        self.counts: FacetCounts | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="facets-box"):
            yield Static(id="facets-title")
            yield Static(id="facets-fields")
            yield OptionList(id="facets-list")
            yield Static(
                Text("enter: show only these · ←/→: another field · esc: close", "dim"),
                id="facets-hint",
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._count(self.field)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_field(self, step: int) -> None:
        at = FACET_FIELDS.index(self.field)
        self.field = FACET_FIELDS[(at + step) % len(FACET_FIELDS)]
        self._count(self.field)

    def _count(self, name: str) -> None:
        fields = Text()
        for f in FACET_FIELDS:
            fields.append(f" {f} ", style="reverse bold" if f == name else "dim")
        self.query_one("#facets-fields", Static).update(fields)
        self.query_one("#facets-title", Static).update(Text("Counting…", "dim"))
        self._work(name)

    @work(thread=True, exclusive=True, group="facets")
    def _work(self, name: str) -> None:
        try:
            counts = facet_counts(self.index, name, self.query_text, view=self.view)
        except Exception as exc:  # a bad query was reported by the list already
            self.app.call_from_thread(
                self.query_one("#facets-title", Static).update,
                Text(f"✗ {one_line(str(exc))}", "red"),
            )
            return
        self.app.call_from_thread(self._show, counts)

    def _show(self, counts: FacetCounts) -> None:
        if counts.facet != self.field:
            return
        self.counts = counts
        self.query_one("#facets-title", Static).update(Text(one_line(counts.title), "bold"))
        listing = self.query_one(OptionList)
        room = (listing.size.width or 70) - 4  # a line fits the box: label, counts, bar
        width = min(max((len(r.label) for r in counts.rows), default=10), max(10, room // 2))
        bar_width = max(4, min(BAR, room - width - 15))
        options = []
        # (the most first, and "not stated" wherever it falls: it has a row of its own)
        kept = [(i, r) for i, r in enumerate(counts.rows) if i < SHOWN or not r.filter]
        for i, r in kept:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{one_line(r.label)[:width]:<{width}} ")
            line.append(f"{r.count:>7,} ", style="bold")
            line.append(f"{r.share:>5.0%} ", style="dim")
            line.append(r.bar(bar_width, counts.top), style="cyan")
            # (two names may share a filter; "not stated" has none to add)
            options.append(Option(line, id=str(i), disabled=not r.filter))
        if len(counts.rows) > len(kept):  # (9,433 proposers at 10,000 meetings took 3 s)
            more = len(counts.rows) - len(kept)
            title = f"{counts.title}: the {SHOWN} most, of {len(counts.rows):,}"
            self.query_one("#facets-title", Static).update(Text(one_line(title), "bold"))
            note = f"… and {more:,} more, each as many or fewer (coopbrowse facets lists all)"
            options.append(Option(Text(note, "dim"), disabled=True))
        listing.clear_options()
        listing.add_options(options or [Option(Text("Nothing listed.", "dim"), disabled=True)])
        listing.highlighted = 0 if options else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and self.counts is not None:
            self.dismiss(self.counts.rows[int(event.option.id)].filter)
