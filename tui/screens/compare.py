"""CompareScreen (key ``c``): 2-4 meetings side by side, and their Markdown.

The comparison itself is :mod:`coopbrowse.store.compare` (the same as ``coopbrowse
compare``); this screen shows it as one table, a column per meeting (its heading held over the
rows as they scroll), and writes it as Markdown (``e``, asking where:
:class:`~.export.SaveAsScreen`) or copies it (``ctrl+y``).
Record text is shown as ``Text``, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from coopbrowse.store import __version__
from coopbrowse.store.compare import Comparison, to_markdown
from coopbrowse.store.regions import short_region
from coopbrowse.store.text import one_line

from ..render import ComparisonTable
from ..widgets.footer import KeysFooter
from .styling import StyledOnce

if TYPE_CHECKING:
    from coopbrowse.store.model import Meeting


class CompareScreen(StyledOnce, Screen[None]):
    """The comparison of 2-4 meetings."""

    CSS_PATH = "compare.tcss"

    BINDINGS = [
        Binding("escape,q", "close", "Back", id="compare-close"),
        Binding("e", "export", "Export Markdown", id="compare-export"),
        Binding("ctrl+y", "copy", "Copy Markdown", id="compare-copy"),
        Binding("j,down", "scroll_down", "Scroll", show=False, id="compare-down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="compare-up"),
    ]

    def help_sections(self) -> list[tuple[str, object]]:
        return [("Comparing meetings", type(self))]

    def __init__(self, comparison: Comparison, note: str = "") -> None:
        super().__init__()
        self.comparison = comparison
        self.note = note

    def compose(self) -> ComposeResult:
        yield Header()
        heading = f"Comparing {len(self.comparison.meetings)} meetings"
        if self.note:
            heading += f" · {self.note}"
        yield Static(Text(one_line(heading), style="bold"), id="compare-heading")
        # which meeting each column is stays in view over the rows as they scroll
        yield Static(ComparisonTable(self.comparison, "head"), id="compare-head")
        with VerticalScroll(id="compare-body"):
            yield Static(ComparisonTable(self.comparison, "rows"), id="compare-table")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#compare-body").focus()
        self.call_after_refresh(self._fit_heading)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_heading)

    def _fit_heading(self) -> None:
        """Hold the heading over the rows where it leaves them room (a third of the screen's
        height at most: four meetings' heading at 50x12 left the rows one line); else the
        table scrolls whole."""
        head = self.query_one("#compare-head", Static)
        rows = self.query_one("#compare-table", Static)
        console = self.app.console
        width = rows.content_region.width or self.size.width
        options = console.options.update(width=width, height=None)
        tall = len(console.render_lines(ComparisonTable(self.comparison, "head"), options))
        held = tall * 3 <= self.size.height
        if held != head.display:
            head.display = held
            rows.update(ComparisonTable(self.comparison, "rows" if held else "all"))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:  # (at once: keys typed fast each scroll a line)
        body = self.query_one("#compare-body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + 1, animate=False, immediate=True)

    def action_scroll_up(self) -> None:
        body = self.query_one("#compare-body", VerticalScroll)
        body.scroll_to(y=body.scroll_y - 1, animate=False, immediate=True)

    def _markdown(self) -> str:
        return to_markdown(self.comparison, version=__version__)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self._markdown())
        self.notify("Copied the comparison as Markdown.")

    def action_export(self) -> None:
        """Ask where (a name made of the meetings' regions, in the current directory), then
        write the comparison there in a worker."""
        from coopbrowse.store.export import default_filename

        from .export import SaveAsScreen

        names = compare_label(self.comparison.meetings)

        def chosen(answer: tuple[Path, bool] | None) -> None:
            if answer is not None:  # (written: a failure was said in the dialog)
                self.notify(one_line(f"Exported to {answer[0].resolve()}"), markup=False)

        def write(path: Path, force: bool) -> None:  # (in the dialog's worker)
            from coopbrowse.store.export import write_markdown

            write_markdown(path, self._markdown(), force=force)

        title = f"Export the comparison of {len(self.comparison.meetings)} meetings"
        default = default_filename(f"compare {names}")
        self.app.push_screen(SaveAsScreen(title, default, write), chosen)


# the longest label a file name keeps whole (see default_filename)
LABEL_ROOM = 50


def compare_label(meetings: Sequence[Meeting]) -> str:
    """What a comparison's file is named after: each meeting's region, date and host, what
    they share said once ("mordovia 2025-10-20 lukashenko karankevich": cut to fit, the
    region and date said for each had left the second host out). Where that is too long for
    a file name, the dates go, then the hosts: every meeting keeps its place in it (three
    meetings' name had left the third out)."""
    parts = [(short_region(m.region), m.date, m.host_surname) for m in meetings]
    label = ""
    for kept in ((0, 1, 2), (0, 2), (0,)):
        shared = [i for i in kept if len({p[i] for p in parts}) == 1]
        each = [" ".join(p[i] for i in kept if i not in shared and p[i]) for p in parts]
        label = " ".join([*(parts[0][i] for i in shared), *each]) if parts else ""
        if len(label) <= LABEL_ROOM:
            break
    return label
