"""Rich renderables for the command line and the app's tables: cells, rows, search hits.

Record text is untrusted: it only ever enters a ``rich.text.Text`` through ``Text(...)`` or
``Text.append`` (never parsed as markup) after :func:`coopbrowse.store.text.printable` has made
control characters visible.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from coopbrowse.store.compare import Comparison
from coopbrowse.store.index import Hit, SearchResult, meeting_fields, proposal_fields
from coopbrowse.store.model import Meeting, Proposal
from coopbrowse.store.taxonomy import sector_label
from coopbrowse.store.text import one_line

from .blocks import LABEL, as_renderable, mark, meeting_blocks, person, trade_cell


def cell(text: str, style: str = "") -> Text:
    """A single-line Text for a table cell."""
    return Text(one_line(text), style=style, no_wrap=True, overflow="ellipsis")


def wrapping(text: str, style: str = "") -> Text:
    """A table cell that may wrap onto several lines."""
    return Text(one_line(text), style=style)


MEETING_COLUMNS = ("Date", "Region", "Russian side", "Belarusian host", "Prop.", "Latest trade")


def meeting_cells(m: Meeting, *, wrap: bool = False) -> tuple[Text, ...]:
    """One meeting as the cells of ``MEETING_COLUMNS`` (shared by the CLI and the app)."""
    text = wrapping if wrap else cell
    return (
        cell(m.date),
        text(m.region),
        text(person(m, "guest")),
        text(person(m, "host")),
        cell(str(len(m.proposals))),
        text(trade_cell(m)),
    )


def meeting_renderable(meeting: Meeting) -> RenderableType:
    """Everything about one meeting, for printing."""
    return as_renderable(meeting_blocks(meeting))


def highlighted(text: str, spans: list[tuple[int, int]] | None, style: str = "") -> Text:
    """Untrusted ``text`` on one line with the matched ``spans`` (offsets into it) marked."""
    return mark(text, (lambda _t: spans or []) if spans else None, style, multiline=False)


def snippet(text: str, spans: list[tuple[int, int]], width: int = 60) -> Text:
    """A window of ``text`` around its first matched span, highlighted."""
    first = min(spans)[0]
    start = max(0, first - width // 3)
    if start:
        start = text.rfind(" ", 0, start) + 1
    end = min(len(text), start + width)
    window = [(a - start, b - start) for a, b in spans if a >= start and b <= end]
    out = Text("…" if start else "")
    out.append_text(highlighted(text[start:end], window))
    if end < len(text):
        out.append("…")
    return out


def best_snippet(hit: Hit) -> Text:
    """Where a hit matched, outside its title: the first matched field, as a snippet."""
    for path, found in hit.spans.items():
        if path in ("title", "sector", "region", "meeting.region"):
            continue  # already in the row
        text = field_text(hit, path)
        if text:
            return Text(f"{path}: ", style=LABEL) + snippet(text, found)
    return Text("")


def field_text(hit: Hit, path: str) -> str:
    """The text of a search field path (as the index names them) of a hit."""
    for fpath, text, _group in hit_fields(hit):
        if fpath == path:
            return text
    return ""


def hit_fields(hit: Hit) -> list[tuple[str, str, str]]:
    if isinstance(hit.record, Proposal):
        return proposal_fields(hit.record, hit.meeting)
    return meeting_fields(hit.meeting)


# Below this width a search hit's id heads its title cell, and `list` keeps its few first
# columns: the ids and dates whole, the rest readable.
NARROW_TABLE = 130


def hits_table(result: SearchResult, width: int | None = None) -> Table:
    """Ranked hits with their matches highlighted. Narrower than :data:`NARROW_TABLE`
    (``width``: the console's), each id is the first line of its hit's title cell, whole
    on one line where a column of its own would fold it or squeeze the rest to nothing;
    the kind and score columns are left out (a proposal's id ends in ``-pNN``, and its
    sector leads its title)."""
    shown = len(result.hits)
    title = f"{result.total:,} result{'s' if result.total != 1 else ''}"
    if shown < result.total:
        title += f" (showing {shown:,})"
    table = Table(title=title, title_justify="left", expand=False)
    if width is not None and width < NARROW_TABLE:
        return _narrow_hits(table, result)
    # a query of filters only ranks nothing (every score 0): no column of zeros then
    scored = any(hit.score for hit in result.hits)
    longest = max((len(hit.id) for hit in result.hits), default=2)
    columns = ("#", "Kind", "Date", "Region", "Title / match", "Score", "ID")
    for name in columns if scored else tuple(c for c in columns if c != "Score"):
        # an id is never cut (it is what `show` and `follow-up` take): a narrow table folds
        # it onto a second line, whole
        table.add_column(
            name,
            justify="right" if name in ("#", "Score") else "left",
            overflow="fold" if name == "ID" else "ellipsis",
            no_wrap=name in ("ID", "Date"),
            min_width={"ID": longest, "Date": 10}.get(name),
            max_width=22 if name == "Region" else None,
        )
    for i, hit in enumerate(result.hits, 1):
        table.add_row(
            str(i),
            hit.kind,
            cell(hit.meeting.date),
            _hit_region(hit),
            _hit_body(hit),
            *([f"{hit.score:.2f}"] if scored else []),
            Text(one_line(hit.id), style="dim", overflow="fold"),
        )
    return table


def _narrow_hits(table: Table, result: SearchResult) -> Table:
    table.add_column("#", justify="right")
    table.add_column("Date", no_wrap=True, min_width=10)
    table.add_column("Region", overflow="ellipsis", max_width=16)
    table.add_column("ID / title / match", overflow="fold")
    for i, hit in enumerate(result.hits, 1):
        body = Text(one_line(hit.id), style="dim")
        body.append("\n")
        body.append_text(_hit_body(hit))
        table.add_row(str(i), cell(hit.meeting.date), _hit_region(hit), body)
    return table


def _hit_region(hit: Hit) -> Text:
    return highlighted(
        hit.meeting.region, hit.spans.get("region") or hit.spans.get("meeting.region")
    )


def _hit_body(hit: Hit) -> Text:
    """A hit's title (a proposal's led by its sector) and its best snippet under it."""
    body = highlighted(hit.record.title, hit.spans.get("title"))
    if isinstance(hit.record, Proposal):
        body = Text(f"[{sector_label(hit.record.sector)}] ", style="cyan") + body
    more = best_snippet(hit)
    if more:
        body.append("\n")
        body.append_text(more)
    return body


def trade_label(period: str, metric: str, *, narrow: bool = False) -> str:
    """A comparison's row label for the figures of ``metric`` in ``period`` (``narrow``: a
    range may wrap after its "..")."""
    label = f"{metric.capitalize()} {one_line(period)}"
    return label.replace("..", ".. ") if narrow else label


class ComparisonTable:
    """Meetings in columns (``coopbrowse compare`` and the Compare screen), laid out for the
    width it is drawn at: where the meetings' columns would be narrower than a name with
    its comma ("Karankevich,": broken in two), the row labels wrap onto two lines to give
    them the room."""

    LABEL_WIDE, LABEL_NARROW = 18, 10
    ROOMY = 16  # a meeting's column narrower than this gets the room of the narrow labels

    def __init__(self, comparison: Comparison, part: str = "all") -> None:
        self.comparison = comparison
        self.part = part  # "all"; or "head" or "rows": the table cut under its heading

    def label_width(self, width: int) -> int:
        """The labels' column width for a table ``width`` cells wide (narrow, no narrower
        than a label's longest word: a period "2025-01..2025-08" was cut short)."""
        n = len(self.comparison.meetings)
        # each column's two cells of padding and a rule, and the rule at the left edge
        room = width - 1 - 3 * (n + 1) - self.LABEL_WIDE
        if room >= n * self.ROOMY:
            return self.LABEL_WIDE
        labels = (trade_label(*key, narrow=True) for key, _figures in self.comparison.trade)
        words = [cell_len(word) for label in labels for word in label.split()]
        return min(self.LABEL_WIDE, max([self.LABEL_NARROW, *words]))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = comparison_table(self.comparison, self.label_width(options.max_width))
        if self.part == "all":
            yield table
            return
        # the whole table drawn at this width and cut under the heading's rule (box
        # HEAVY_HEAD's "┡"), so that the two parts' columns line up at the same width: the
        # Compare screen keeps the heading (which meeting each column is) over the rows
        # (as tall as the table: a widget draws this at its own height, which is the
        # table's less the part cut off, and would lose as many of its last lines)
        lines = console.render_lines(table, options.update(height=None), pad=False)
        rule = next(
            (n for n, line in enumerate(lines) if "".join(s.text for s in line).startswith("┡")),
            -1,
        )
        for line in lines[: rule + 1] if self.part == "head" else lines[rule + 1 :]:
            yield from line
            yield Segment.line()


def comparison_table(c: Comparison, label_width: int = ComparisonTable.LABEL_WIDE) -> Table:
    """Meetings in columns: people, the sectors raised (shared first, then each meeting's
    own, marked), trade figures per period with qualifier and who stated each, and the
    proposals unique to each; the row labels at most ``label_width`` wide."""
    from coopbrowse.store.compare import dated, figure_text, label, people, proposal_text

    table = Table(show_lines=True, expand=True, header_style="bold")
    table.add_column("", style="bold", max_width=label_width)
    narrow = label_width < ComparisonTable.LABEL_WIDE
    for m in c.meetings:
        table.add_column(Text(one_line(label(m))), overflow="fold", ratio=1)

    def lines(items: list[str], style: str = "") -> Text:
        return Text("\n".join(one_line(i) for i in items) or "—", style=style)

    if any(m.date_inferred for m in c.meetings):  # (the heading has the date, not this)
        table.add_row("Date", *(lines([dated(m)]) for m in c.meetings))
    table.add_row("Place", *(lines([m.place or "not stated"]) for m in c.meetings))
    table.add_row("Belarusian side", *(lines(people(m, "host")) for m in c.meetings))
    table.add_row("Russian side", *(lines(people(m, "guest")) for m in c.meetings))
    table.add_row("Title", *(lines([m.title], "italic") for m in c.meetings))
    table.add_row(
        "Proposals",
        *(Text(str(len(m.proposals)) if m.proposals else "none", "" if m.proposals else "dim")
          for m in c.meetings),
    )  # fmt: skip
    # A row per sector (shared by all first, then by some, then each meeting's own), as the
    # Markdown has it: one cell per meeting listing its sectors in its own order could not
    # be read across ("Agriculture and food" beside "Pharmaceuticals" on one line)
    for s in c.sectors:
        style = {"all": "bold", "only": "cyan"}.get(s.where, "")
        mark = {"all": "shared", "only": "only here"}.get(s.where, s.where)
        if s.where == "only":  # (its proposals are in the "Only here" row)
            table.add_row(
                Text(one_line(s.label), style=style),
                *(Text(f"{n} ({mark})", style=style) if n else Text("—", "dim") for n in s.counts),
            )
            continue
        # a sector two or more raised: what each raised in it, and where it stands
        table.add_row(
            Text(f"{one_line(s.label)} ({mark})", style=style),
            *(lines([f"• {proposal_text(p)}" for p in ps]) if ps else Text("—", "dim")
              for ps in c.proposals[s.sector]),
        )  # fmt: skip
    # (the proposals of the sectors only one meeting raised next to those sectors' rows:
    # the trade figures between them read as the same thing said twice, apart)
    table.add_row(
        "Only here",
        *(lines([f"• {p.title}" for p in ps]) if ps else Text("—", "dim") for ps in c.unique),
    )
    for (period, metric), figures in c.trade:
        table.add_row(
            trade_label(period, metric, narrow=narrow),
            *(lines([figure_text(t) for t in f]) for f in figures),
        )
    if not c.trade:
        table.add_row("Trade figures", *(Text("none quoted", "dim") for _m in c.meetings))
    return table
