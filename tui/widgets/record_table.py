"""RecordTable: a virtualised, keyboard-driven table that renders only the rows on screen.

Textual's DataTable builds every row up front (seconds for tens of thousands of rows); this
table asks for a row's cells only when that row is painted, so 60,000 rows cost no more than
20. The owner supplies the columns, the row count and a ``cells(index)`` callback; the table
handles the cursor, scrolling, the sticky header and selection marks.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from coopbrowse.store.text import printable

from ..keyorder import kept, send_keys
from ..listing import WIDTH_ROWS
from .columns import Column
from .typeahead import KeepsTypeahead

MARK_WIDTH = 2  # the selection mark column
OPTIONAL_MIN = 12  # an optional column narrower than this is hidden
FLEX_FLOOR = 6  # flexible columns shrink to this before fixed ones are cut


class RecordTable(KeepsTypeahead, ScrollView, can_focus=True):
    """Rows of records; ``Highlighted`` when the cursor moves, ``Activated`` on enter."""

    # s: keys kept for a list on its way go on after this at the latest, unless the owner
    # says it is still coming (still_coming)
    KEEP_AT_MOST = 10.0

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False, id="cursor-down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="cursor-up"),
        Binding("g,home", "first", "First", show=False, id="first"),
        Binding("G,end", "last", "Last", show=False, id="last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="page-up"),
        Binding("enter", "activate", "Open", id="open"),
    ]

    COMPONENT_CLASSES = {
        "record-table--header",
        "record-table--cursor",
        "record-table--marked",
    }

    DEFAULT_CSS = """
    RecordTable {
        background: $surface;
        overflow-x: hidden;
        /* said here: through the typeahead mixin ScrollView's own rules do not reach it, and
           without them the list never scrolled to a cursor below the first screenful */
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    RecordTable > .record-table--header {
        text-style: bold;
        background: $panel;
        color: $foreground;
    }
    RecordTable > .record-table--cursor {
        background: $primary 30%;
    }
    RecordTable:focus > .record-table--cursor {
        background: $accent 45%;
    }
    RecordTable > .record-table--marked {
        color: $warning;
        text-style: bold;
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor moved to row ``index`` (-1 when the table is empty)."""

        def __init__(self, table: RecordTable, index: int) -> None:
            super().__init__()
            self.table = table
            self.index = index

    class Activated(Message):
        """Enter was pressed on row ``index``."""

        def __init__(self, table: RecordTable, index: int) -> None:
            super().__init__()
            self.table = table
            self.index = index

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[Column] = []
        self.row_count = 0
        self._cells: Callable[[int], list[Text]] = lambda i: []
        self._marked: Callable[[int], bool] = lambda i: False
        self._cache: OrderedDict[tuple[int, int, bool, bool], Strip] = OrderedDict()
        # Each row's cells, asked for once: the first screenful is read for the columns'
        # widths and again to draw it, and a cursor move or a focus change redraws rows
        self._cell_memo: OrderedDict[int, list[Text]] = OrderedDict()
        self._widths_memo: tuple[int, list[Column], list[int]] | None = None
        # (full, short) content widths of each column over the first rows: where a column's
        # content is shorter than its width, the spare cells go to a column that is cut
        self._natural: list[tuple[int, int]] | None = None
        self.empty_message = "Nothing to show."
        # While the owner is still getting the first rows, moves are kept and made after.
        self.waiting = False
        self._moves: list[str] = []
        # While the owner gets another list (another view, a new query), the keys that reach
        # this one are kept and sent on once its rows are here: "2 j space" moves and
        # selects in the proposals, not in the meetings still on screen.
        self.keeping = False
        self._keys: list[events.Key] = []
        # The owner's, for a move kept while it waits: True when the owner took it (to make
        # it in its own order, behind actions of its own that wait too)
        self.defer_move: Callable[[str], bool] = lambda move: False
        # The owner's: True while what the kept keys wait for is still under way (a write
        # that takes longer than KEEP_AT_MOST at 100,000 meetings): they wait on for it
        self.still_coming: Callable[[], bool] = lambda: False
        self._give_up_timer: Timer | None = None
        # The owner's: hears how many keys are kept (the screen says they were taken)
        self.kept: Callable[[int], None] = lambda count: None

    # Data ----------------------------------------------------------------------------------

    def set_rows(
        self,
        columns: list[Column],
        count: int,
        cells: Callable[[int], list[Text]],
        marked: Callable[[int], bool] | None = None,
        *,
        cursor: int = 0,
        from_top: bool = False,
    ) -> None:
        """Show ``count`` rows; the cursor goes to ``cursor`` (clamped); ``from_top``: the
        rows of another list, shown from the top when the cursor fits the first page."""
        self.columns = columns
        self.row_count = count
        self._cells = cells
        self._natural = None
        self._widths_memo = None
        self._marked = marked or (lambda i: False)
        self.refresh_rows()
        self.virtual_size = Size(self.size.width, count + 1)
        self.cursor = max(0, min(cursor, count - 1)) if count else 0
        self.call_after_refresh(self.scroll_to_cursor, from_top)

    def scroll_to_cursor(self, from_top: bool = False) -> None:
        """Bring the cursor row into view (after a new row count has been laid out);
        ``from_top``: from the top when it fits in the first page (a query's list, its
        cursor on its second row, came where a long list had been scrolled down: it was
        scrolled just to the cursor, and its first row, the largest under its sort, hidden)."""
        if not self.row_count:
            return
        if from_top and self.cursor < self.page:
            self.scroll_to(y=0, animate=False)
        elif self.cursor < self.scroll_y:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= self.scroll_y + self.page:
            self.scroll_to(y=self.cursor - self.page + 1, animate=False)

    def notify_style_update(self) -> None:
        """Styles changed (focus moved, so the cursor's colour did; or the theme): rendered
        rows are stale."""
        super().notify_style_update()
        self._cache.clear()

    def refresh_rows(self) -> None:
        """Forget rendered rows (after the selection or highlights changed, or rows came)."""
        self._cache.clear()
        self._cell_memo.clear()
        self.refresh()

    @property
    def page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    # Cursor --------------------------------------------------------------------------------

    def watch_cursor(self, cursor: int) -> None:
        if self.row_count:
            if cursor < self.scroll_y:
                self.scroll_to(y=cursor, animate=False)
            elif cursor >= self.scroll_y + self.page:
                self.scroll_to(y=cursor - self.page + 1, animate=False)
        self._cache.clear()
        self.refresh()
        self.post_message(self.Highlighted(self, cursor if self.row_count else -1))

    def move_to(self, index: int) -> None:
        if self.row_count:
            self.cursor = max(0, min(index, self.row_count - 1))

    async def _on_key(self, event: events.Key) -> None:
        if self.keeping and self.screen is self.app.screen and self.screen.focused is self:
            event.stop()
            event.prevent_default()
            if not self._keys:  # (a list that never comes does not keep them for good)
                self._keep_timer(self.KEEP_AT_MOST)
            self._keys.append(event)
            self.kept(len(self._keys))
            return
        if kept(event):
            # kept for rows that came before the list got to it: on through the app as
            # typed, where its priority binding runs ("/", which the app did not run as it
            # handed the key here, did nothing and the "elev" after it ran the list's "e")
            event.stop()
            event.prevent_default()
            send_keys(self.app, [event])
            return
        await super()._on_key(event)

    @property
    def typed_ahead(self) -> bool:
        """Whether keys typed for a list on its way are kept (they act once it is here)."""
        return bool(self._keys or self._moves)

    @property
    def kept_keys(self) -> int:
        """How many keys typed for a list on its way are kept."""
        return len(self._keys)

    def _keep_timer(self, delay: float) -> None:
        if self._give_up_timer is not None:
            self._give_up_timer.stop()
        self._give_up_timer = self.set_timer(delay, self._give_up)

    def _give_up(self) -> None:
        self._give_up_timer = None
        if self.keeping and self._keys:
            if self.still_coming():
                self._keep_timer(self.KEEP_AT_MOST)
            else:
                self.stop_waiting()

    def _kept(self, move: str) -> bool:
        """Keep a move made before the first rows arrived (see :meth:`stop_waiting`), or
        behind an action of the owner's that waits (``defer_move``: "2jj" typed before the
        first list was shown, the view switch waited and the moves were made at once)."""
        if self.defer_move(move):
            return True
        if self.waiting:
            self._moves.append(move)
        return self.waiting

    def make_kept_moves(self) -> None:
        """Make the moves kept so far now, in the rows shown (with none yet, they go): they
        were typed for this list, and another is asked for ("jj" then "/lift", enter at
        launch moved in the query's list)."""
        moves, self._moves = self._moves, []
        if not self.row_count:
            return
        waiting, self.waiting = self.waiting, False
        try:
            for move in moves:
                getattr(self, f"action_{move}")()
        finally:
            self.waiting = waiting

    def take_moves(self) -> list[str]:
        """The moves kept so far, handed to the owner (made by it, in its own order)."""
        moves, self._moves = self._moves, []
        return moves

    def stop_waiting(self) -> None:
        """The rows are here: make the moves typed while the first were on their way, and
        send on the keys typed while these were (ahead of any typed since)."""
        self.waiting = self.keeping = False
        if self._give_up_timer is not None:  # (it would let go of keys kept for a later list)
            self._give_up_timer.stop()
            self._give_up_timer = None
        moves, self._moves = self._moves, []
        for move in moves:
            getattr(self, f"action_{move}")()
        keys, self._keys = self._keys, []
        if keys:
            send_keys(self.app, keys)

    def action_cursor_down(self) -> None:
        if not self._kept("cursor_down"):
            self.move_to(self.cursor + 1)

    def action_cursor_up(self) -> None:
        if not self._kept("cursor_up"):
            self.move_to(self.cursor - 1)

    def action_first(self) -> None:
        if not self._kept("first"):
            self.move_to(0)

    def action_last(self) -> None:
        if not self._kept("last"):
            self.move_to(self.row_count - 1)

    def action_page_down(self) -> None:
        if not self._kept("page_down"):
            self.move_to(self.cursor + self.page)

    def action_page_up(self) -> None:
        if not self._kept("page_up"):
            self.move_to(self.cursor - self.page)

    def action_activate(self) -> None:
        if self._kept("activate"):
            return
        if self.row_count:
            self.post_message(self.Activated(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_y) + event.y - 1
        if event.y >= 1 and 0 <= row < self.row_count:
            self.move_to(row)
            if event.chain > 1:
                self.action_activate()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.row_count + 1)
        self._cache.clear()
        self.call_after_refresh(self.scroll_to_cursor)  # (a shorter list: still in view)

    # Rendering -----------------------------------------------------------------------------

    def _widths(self, total: int) -> list[int]:
        """Column widths for ``total`` cells. Fixed columns get their width; flexible ones
        their minimum, then each covers the same fraction of the way to its ``ideal`` width;
        then optional columns (``min_width=0``) get up to their ideal, and all flexible
        columns share what is left by ratio. An optional column that would get fewer than
        ``OPTIONAL_MIN`` cells is hidden and its share goes to the others. When even the
        minimums do not fit, the widest flexible column gives up a cell at a time (down to
        ``FLEX_FLOOR``), then the others from the right (never below 3), so the last column
        ends with an ellipsis instead of being cut."""
        memo = self._widths_memo
        if memo is not None and memo[0] == total and memo[1] is self.columns:
            return memo[2]
        hidden: set[int] = set()
        widths = self._share(total, hidden)
        for i in reversed(range(len(self.columns))):
            c = self.columns[i]
            if c.width is None and c.min_width == 0 and widths[i] < OPTIONAL_MIN:
                hidden.add(i)
                widths = self._share(total, hidden)
        widths = self._fit(widths)
        self._widths_memo = (total, self.columns, widths)
        return widths

    SAMPLE = WIDTH_ROWS  # rows the widths are fitted to, at least: the first screen's are read

    def _content_widths(self) -> list[tuple[int, int]]:
        """``(full, short)`` width of each column's widest cell in the first rows (a Fit
        cell's short form counts as its short width), at least the column's label, and the
        widest value a column is known to hold in the list (:attr:`Column.widest`)."""
        if self._natural is None:
            natural = [(len(c.label), len(c.short or c.label)) for c in self.columns]
            for i in range(min(self.row_count, max(self.SAMPLE, self.page + 1))):
                for j, cell in enumerate(self._row_cells(i)[: len(natural)]):
                    short = getattr(cell, "short", None)
                    full_, short_ = natural[j]
                    width = cell.cell_len
                    small = short.cell_len if short is not None else width
                    natural[j] = (max(full_, width), max(short_, small))
            for j, column in enumerate(self.columns):
                if column.widest:
                    full_, short_ = natural[j]
                    natural[j] = (max(full_, column.widest), max(short_, column.widest))
            self._natural = natural
        return self._natural

    def _fit(self, widths: list[int]) -> list[int]:
        """Give the cells a column's content does not use to the columns whose content is
        cut: first so that each shows its short form ("V. Karankevich"), then its whole."""
        if not self.row_count:
            return widths
        natural = self._content_widths()
        widths = list(widths)
        slack = {
            i: widths[i] - full
            for i, (full, _short) in enumerate(natural)
            if widths[i] and widths[i] > full and not self.columns[i].keeps_width
        }
        pool = sum(slack.values())
        if not pool:
            return widths
        for tier in (1, 0):  # short forms first, then whole ones; the nearest first
            cut = [i for i, pair in enumerate(natural) if widths[i] and widths[i] < pair[tier]]
            for i in sorted(cut, key=lambda i: natural[i][tier] - widths[i]):
                want = natural[i][tier]
                if not pool:
                    break
                give = min(pool, want - widths[i])
                widths[i] += give
                pool -= give
                while give:  # taken from the columns with the most room to spare
                    donor = max(slack, key=slack.__getitem__)
                    take = min(give, slack[donor])
                    widths[donor] -= take
                    slack[donor] -= take
                    give -= take
        return widths

    def _share(self, total: int, hidden: set[int]) -> list[int]:
        columns = self.columns
        flexible = [i for i, c in enumerate(columns) if c.width is None and i not in hidden]
        widths = [0 if i in hidden else (c.width or c.min_width) for i, c in enumerate(columns)]
        spare = total - sum(widths) - MARK_WIDTH - (len(columns) - len(hidden) - 1) - 1
        if spare >= 0:
            # every column below its ideal covers the same fraction of the way there...
            required = [i for i in flexible if columns[i].min_width]
            short = {i: columns[i].ideal - widths[i] for i in required if columns[i].ideal}
            short = {i: gap for i, gap in short.items() if gap > 0}
            use = min(spare, sum(short.values()))
            for i, add in _apportion(use, short).items():
                widths[i] += add
            spare -= use
            for i in flexible:  # ...then optional columns get up to theirs...
                if not columns[i].min_width:
                    add = min(spare, columns[i].ideal)
                    widths[i] += add
                    spare -= add
            ratios = {i: columns[i].ratio for i in flexible}  # ...and all share the rest
            for i, add in _apportion(spare, ratios).items():
                widths[i] += add
            return widths
        excess = -spare
        while excess > 0:  # the widest flexible column gives a cell, down to FLEX_FLOOR
            can = [i for i in flexible if widths[i] > FLEX_FLOOR]
            if not can:
                break
            widest = max(reversed(can), key=widths.__getitem__)
            widths[widest] -= 1
            excess -= 1
        for i in reversed(range(len(widths))):  # then any column, from the right
            if excess <= 0:
                break
            give = min(excess, max(0, widths[i] - 3))
            widths[i] -= give
            excess -= give
        return widths

    def _row_cells(self, index: int) -> list[Text]:
        """Row ``index``'s cells from the owner, kept until the rows are refreshed (drawing
        copies them: they are never changed)."""
        cells = self._cell_memo.get(index)
        if cells is None:
            cells = self._cells(index)
            self._cell_memo[index] = cells
            if len(self._cell_memo) > 400:
                self._cell_memo.popitem(last=False)
        return cells

    def _line(self, cells: list[Text], widths: list[int], mark: str, style: Style) -> list[Segment]:
        line = Text(no_wrap=True)
        line.append(mark.ljust(MARK_WIDTH), style=style)  # the style is the mark's alone
        for cell, width, column in zip(cells, widths, self.columns, strict=False):
            if not width:  # a hidden optional column
                continue
            # a Fit cell: its short form when too wide, and that one's when it is too
            # ("Aleksandr Lukashenko", "A. Lukashenko", "Lukashenko")
            piece = cell
            while piece.cell_len > width and getattr(piece, "short", None) is not None:
                piece = piece.short  # type: ignore[attr-defined]
            piece = piece.copy()
            piece.no_wrap = True
            if column.justify == "right" and piece.cell_len < width:
                piece = Text(" " * (width - piece.cell_len)) + piece
            piece.truncate(width, overflow="ellipsis", pad=True)
            line.append_text(piece)
            line.append(" ")
        return list(line.render(self.app.console, end=""))

    def _empty_lines(self, width: int) -> list[Text]:
        """The empty list's message in lines of ``width`` cells, each after a space."""
        # (it may quote a query and stored names: their control characters are shown)
        text = Text(printable(self.empty_message), style="italic dim")
        lines = text.wrap(self.app.console, max(1, width - 1), no_wrap=False)
        return [Text(" ") + line for line in lines]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.visual_style.rich_style  # (kept until restyled: rich_style is worked
        widths = self._widths(width)  # out from every ancestor's styles each time asked)
        if y == 0:
            style = base + self.get_component_rich_style("record-table--header")
            cells = [c.heading() for c in self.columns]
            segments = self._line(cells, widths, "", style)
            # (the table's colours under the text's own: unstyled, a cell took the
            # terminal's, dark on a light theme's table)
            return Strip(segments).apply_style(style).adjust_cell_length(width, style)
        index = int(self.scroll_y) + y - 1
        if index >= self.row_count:
            if self.row_count == 0:  # the message, folded at words to the width
                lines = self._empty_lines(width)
                if y - 1 < len(lines):
                    segs = list(lines[y - 1].render(self.app.console, end=""))
                    return Strip(segs).apply_style(base).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        is_cursor = index == self.cursor
        marked = self._marked(index)
        key = (index, width, is_cursor, marked)
        strip = self._cache.get(key)
        if strip is None:
            mark_style = self.get_component_rich_style("record-table--marked", partial=True)
            segments = self._line(self._row_cells(index), widths, "●" if marked else "", mark_style)
            under = (
                base + self.get_component_rich_style("record-table--cursor") if is_cursor else base
            )
            strip = Strip(segments).apply_style(under).adjust_cell_length(width, under)
            self._cache[key] = strip
            if len(self._cache) > 400:
                self._cache.popitem(last=False)
        return strip


def _apportion(amount: int, weights: dict[int, int]) -> dict[int, int]:
    """``amount`` cells split in proportion to ``weights``, the rounding remainder to the
    largest fractions (so a column does not lose a cell when the total grows by one)."""
    total = sum(weights.values())
    if amount <= 0 or total <= 0:
        return {}
    out = {i: amount * w // total for i, w in weights.items()}
    left = amount - sum(out.values())
    by_fraction = sorted(weights, key=lambda i: -(amount * weights[i] % total))
    for i in by_fraction[:left]:
        out[i] += 1
    return out
