"""The content of a record's detail, as a list of blocks: Rich renderables and links.

The app's detail pane mounts each block (links become selectable lines, followed with
``enter``); ``coopbrowse show`` prints them. Matched search words are highlighted through a
``Marker`` (a function returning the spans to highlight in a text).

Untrusted record text only enters ``Text`` objects literally (never as markup), with control
characters made visible.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable

from msgspec import Struct
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from coopbrowse.store.index import RegionDetail, Related
from coopbrowse.store.model import (
    NO_TRADE_QUOTED,
    Change,
    Meeting,
    Proposal,
    TradeFigure,
    describe_status,
    format_usd,
    qualifier_mark,
)
from coopbrowse.store.regions import filter_value, short_region
from coopbrowse.store.taxonomy import STATUS_LABELS, sector_label
from coopbrowse.store.text import listed, one_line, plural, printable, unquoted

from .widgets.columns import Fit

Marker = Callable[[str], list[tuple[int, int]]] | None
HEADING = "bold"
LABEL = "dim"
MATCH = "bold reverse"
SECTOR = "bold cyan"


class Link(Struct, frozen=True):
    """A line in the detail that leads to another record: ``target`` is (kind, id)."""

    label: Text
    target: tuple[str, str]


Block = RenderableType | Link


def mark(text: str, hl: Marker = None, style: str = "", *, multiline: bool = True) -> Text:
    """Untrusted ``text`` as literal Text, matched words highlighted."""
    clean = printable if multiline else one_line
    out = Text(style=style)
    last = 0
    for start, end in sorted(hl(text) if hl else []):
        if start < last:
            continue
        out.append(clean(text[last:start]))
        out.append(clean(text[start:end]), style=MATCH)
        last = end
    out.append(clean(text[last:]))
    return out


def labelled(label: str, value: str | Text, hl: Marker = None) -> Text:
    text = Text(f"{label}: ", style=LABEL)
    text.append_text(value if isinstance(value, Text) else mark(value, hl))
    return text


def bullets(items: list[Text]) -> Table:
    """A bulleted list whose wrapped lines stay indented under their text."""
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row("•", item)
    return grid


def _lines(*parts: Text) -> Text:
    return Text("\n").join(p for p in parts if p)


# Trade ------------------------------------------------------------------------------------

_EIGHTHS = " ▏▎▍▌▋▊▉█"


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar of ``value`` out of ``maximum`` in ``width`` cells (eighth blocks)."""
    if maximum <= 0:
        return ""
    eighths = round(value / maximum * width * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


class _TradeTable:
    """A region's trade figures: with a "Meeting" column where the width allows it, else
    the meeting told under who stated each figure (beside the list at 160 columns the
    column was squeezed to one letter)."""

    WIDE = 72  # cells the table with its "Meeting" column needs

    def __init__(self, figures: list[TradeFigure], meeting_of: dict[int, str], outlet: str):
        self.figures, self.meeting_of, self.outlet = figures, meeting_of, outlet

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        column = options.max_width >= self.WIDE
        yield _trade_table(self.figures, self.meeting_of, self.outlet, column=column)


def trade_table(
    figures: Iterable[TradeFigure],
    *,
    meeting_of: dict[int, str] | None = None,
    outlet: str = "",
) -> Table | _TradeTable:
    """Trade figures as a table, oldest period first.

    Period, metric and value never wrap; "As quoted" carries the qualifier, the change and
    who stated it: the person, or the outlet (``outlet``) when the report names nobody. For
    a region, each figure says at which meeting it was quoted (never mixed in with who
    stated it): in a "Meeting" column where there is room, else on a line of its own.
    """
    if meeting_of is not None:
        return _TradeTable(list(figures), meeting_of, outlet)
    return _trade_table(figures, None, outlet, column=False)


def _trade_table(
    figures: Iterable[TradeFigure], meeting_of: dict[int, str] | None, outlet: str, *, column: bool
) -> Table:
    table = Table(box=None, pad_edge=False, show_edge=False, expand=False, header_style=HEADING)
    table.add_column("Period", no_wrap=True)
    table.add_column("Metric", no_wrap=True)
    table.add_column("USD m", justify="right", no_wrap=True)
    table.add_column("As quoted", overflow="fold", min_width=20, ratio=2)
    if meeting_of is not None and column:
        table.add_column("Meeting", style=LABEL, max_width=12, ratio=1)
    indexed = sorted(enumerate(figures), key=lambda it: (it[1].period, it[1].metric))
    for i, t in indexed:
        quoted = Text()
        if t.qualifier and t.usd_millions is not None:
            quoted.append(one_line(t.qualifier))
        if t.change_pct is not None:
            if quoted:
                quoted.append(", ")
            change = f"{t.change_pct:+g}%" + (f" {t.change_basis}" if t.change_basis else "")
            if t.qualifier and t.usd_millions is None:  # the qualifier is the change's
                change = f"{t.qualifier} {change}"
            quoted.append(one_line(change))
        if quoted:
            quoted.append("\n")
        quoted.append(f"stated by {one_line(stated_by(t, outlet))}", style=LABEL)
        if meeting_of is not None and not column:
            quoted.append(f"\nat {one_line(meeting_of.get(i, ''))}", style=LABEL)
        cells = [
            Text(one_line(t.period)),
            Text(one_line(t.metric)),
            Text("" if t.usd_millions is None else f"{t.usd_millions:,.1f}"),
            quoted,
        ]
        if meeting_of is not None and column:
            cells.append(Text(one_line(meeting_of.get(i, ""))))
        table.add_row(*cells)
    return table


def stated_by(t: TradeFigure, outlet: str = "") -> str:
    """Who stated a figure: the person, else the outlet, else "source not stated"."""
    return t.stated_by or outlet or "source not stated"


def trade_chart(figures: Iterable[TradeFigure], width: int = 16, outlet: str = "") -> Text:
    """Every valued figure as a bar, grouped by metric, oldest first: the trend at a glance.

    Each bar is labelled, on its own line, with its qualifier and who stated it; figures that
    disagree for one period make one bar over their range (``130–134``), with every source
    named. Lines never wrap (a label too long for the pane ends in an ellipsis), so no
    phrase is split.
    """
    valued = [t for t in figures if t.usd_millions is not None]
    if not valued:
        return Text("")
    top = max(t.usd_millions or 0 for t in valued)
    period_width = max(len(one_line(t.period)) for t in valued)
    out = Text(no_wrap=True, overflow="ellipsis")
    indent = " " * (period_width + 3)
    for metric in ("turnover", "exports", "imports"):
        periods: dict[str, list[TradeFigure]] = {}
        for t in sorted((t for t in valued if t.metric == metric), key=lambda t: t.period):
            periods.setdefault(t.period, []).append(t)
        if not periods:
            continue
        if out:
            out.append("\n")
        out.append(f"{metric.capitalize()}, USD millions", style=LABEL)
        colour = {"turnover": "green", "exports": "cyan", "imports": "magenta"}[metric]
        for period, group in periods.items():
            values = sorted({t.usd_millions or 0.0 for t in group})
            out.append("\n")
            out.append(f"  {one_line(period):<{period_width}} ", style=LABEL)
            drawn = bar(values[-1], top, width)
            out.append(drawn.ljust(width), style=colour)
            shown = "–".join(f"{v:,.1f}".removesuffix(".0") for v in (values[0], values[-1]))
            out.append(f" {shown if len(values) > 1 else shown.split('–')[0]}")
            for t in group:
                said = f"{t.qualifier} " if t.qualifier else ""
                value = f"{t.usd_millions:,.1f}".removesuffix(".0")
                label = f"{said}{value}: {stated_by(t, outlet)}"
                out.append(f"\n{indent}{one_line(label)}", style=LABEL)
    return out


def trade_cell(meeting: Meeting) -> str:
    """The latest trade figure as a compact cell: ``~$134M (2024)``."""
    t = meeting.latest_trade()
    if t is None:
        return ""
    mark_ = qualifier_mark(t.qualifier)  # (">$300M" for "exceeded", not "~")
    value = t.usd_millions or 0.0
    usd = f"${value:,.0f}M" if value >= 1000 else format_usd(value)  # "$1,119M": whole in 16
    return f"{mark_}{usd} ({short_period(t.period)})"


def short_period(period: str) -> str:
    """A period for a narrow cell: ``2024``; ``2025-03`` -> ``3/2025``; a range within a
    year ``2025-01..2025-08`` -> ``1–8/2025``; other ranges as they are."""
    m = re.fullmatch(r"(\d{4})-(\d{2})(?:\.\.(\d{4})-(\d{2}))?", period)
    if not m:
        return period
    year, start, end_year, end = m.groups()
    if end_year is None:
        return f"{int(start)}/{year}"
    if end_year == year:
        return f"{int(start)}–{int(end)}/{year}"
    return period


# Records ----------------------------------------------------------------------------------


def proposal_line(p: Proposal, hl: Marker = None) -> Text:
    """``• title  (enterprises; status)``."""
    line = Text("• ")
    line.append_text(mark(p.title, hl, multiline=False))
    extras = []
    if p.enterprises:
        extras.append(", ".join(p.enterprises))
    if p.status != "proposed" or p.status_from_article:
        extras.append(describe_status(p, bracketed=True))
    if extras:
        line.append("  (", style=LABEL)
        line.append_text(mark("; ".join(extras), hl, LABEL, multiline=False))
        line.append(")", style=LABEL)
    return line


def source_block(meeting: Meeting) -> RenderableType:
    """Where the facts come from; a long headline or URL wraps under its own start."""
    s = meeting.source
    published = (s.published or "not stated") + (" (inferred)" if s.published_inferred else "")
    fields = [("Outlet", s.outlet or "not stated"), ("Published", published)]
    fields += [
        (label, value)
        for label, value in (("Headline", s.headline), ("Document", s.document), ("URL", s.url))
        if value
    ]
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1, overflow="fold")  # a URL has no spaces to wrap at
    for label, value in fields:
        grid.add_row(Text(f"  {label}:", style=LABEL), mark(value, None))
    return Group(Text("Source", style=HEADING), grid)


_UNSTATED = re.compile(r"(?:not\s+(?:stated|given|named|said|known)|unknown|none)\b", re.I)


def meeting_blocks(meeting: Meeting, hl: Marker = None) -> list[Block]:
    """Everything about one meeting."""
    blocks: list[Block] = [mark(meeting.title, hl, HEADING)]
    date = meeting.date + (" (year inferred)" if meeting.date_inferred else "")
    unstated = not meeting.place and bool(_UNSTATED.match(meeting.place_note))
    header = [
        labelled("Date", date),
        labelled("Region", meeting.region, hl),
        # (no place, and a note that only says so: said once, in the note's words)
        labelled("Place", meeting.place or (meeting.place_note if unstated else "not stated"), hl),
    ]
    if meeting.date_note:
        header.append(labelled("Date note", meeting.date_note))
    if meeting.place_note and not unstated:
        header.append(labelled("Place note", meeting.place_note))
    blocks.append(_lines(*header))

    if meeting.participants:
        people = []
        for p in meeting.participants:
            line = mark(p.name, hl)
            if p.title:
                line.append(", ")
                line.append_text(mark(p.title, hl, "italic"))
            if p.tags:
                line.append(f"  ({p.tags})", style=LABEL)
            people.append(line)
        blocks.append(Group(Text("Participants", style=HEADING), bullets(people)))

    if meeting.summary:
        blocks.append(_lines(Text("Summary", style=HEADING), mark(meeting.summary, hl)))

    if meeting.proposals:
        blocks.append(Text(f"Proposals ({len(meeting.proposals)}), by sector", style=HEADING))
        by_sector: dict[str, list[Proposal]] = defaultdict(list)
        for proposal in meeting.proposals:
            by_sector[proposal.sector].append(proposal)
        for sector, items in by_sector.items():
            blocks.append(Text(sector_label(sector), style=SECTOR))
            for proposal in items:
                blocks.append(Link(proposal_line(proposal, hl), ("proposal", proposal.id)))

    blocks.append(Text("Trade figures", style=HEADING))
    if meeting.trade:
        blocks.append(trade_table(meeting.trade, outlet=meeting.source.outlet))
        chart = trade_chart(meeting.trade, outlet=meeting.source.outlet)
        if chart:
            blocks.append(chart)
    else:
        blocks.append(Text(NO_TRADE_QUOTED, style=LABEL))

    goods = []
    if meeting.exports:
        goods.append(labelled("Belarusian exports", listed(meeting.exports), hl))
    if meeting.imports:
        goods.append(labelled("Imports to Belarus", listed(meeting.imports), hl))
    if goods:
        blocks.append(_lines(*goods))

    if meeting.notes:
        notes = [mark(note, hl) for note in meeting.notes]
        blocks.append(Group(Text("Notes", style=HEADING), bullets(notes)))

    blocks.append(source_block(meeting))
    blocks += history_blocks(meeting.history)
    return blocks


def proposal_blocks(
    proposal: Proposal,
    meeting: Meeting,
    related: Related | None = None,
    hl: Marker = None,
    names: dict[str, str] | None = None,
) -> list[Block]:
    """One proposal, its meeting, and the proposals of the same sector raised elsewhere
    (``names``: how to name the meetings it was raised again at, by id)."""
    blocks: list[Block] = [mark(proposal.title, hl, HEADING)]
    info = [
        labelled("Sector", sector_label(proposal.sector), hl),
        labelled("Status", describe_status(proposal)),
    ]
    if proposal.proposed_by:
        info.append(labelled("Proposed by", proposal.proposed_by, hl))
    if proposal.enterprises:
        info.append(labelled("Enterprises", ", ".join(proposal.enterprises), hl))
    blocks.append(_lines(*info))
    if proposal.detail:
        blocks.append(mark(proposal.detail, hl))
    if proposal.quote:
        quote = Text("“", style="italic")
        quote.append_text(mark(unquoted(proposal.quote), hl, "italic"))
        quote.append("”")
        blocks.append(quote)
    if proposal.follow_up or proposal.raised_again:
        blocks.append(follow_up_block(proposal))
        for mid in proposal.raised_again:
            name = (names or {}).get(mid, mid)
            blocks.append(Link(Text(f"Raised again at {one_line(name)}"), ("meeting", mid)))

    blocks.append(Text("Meeting", style=HEADING))
    label = Text(f"{meeting.date} · ")
    label.append_text(mark(meeting.region, hl, multiline=False))
    label.append(" · ")
    label.append_text(mark(meeting.title, hl, multiline=False))
    blocks.append(Link(label, ("meeting", meeting.id)))

    if related is not None and related.shown:
        # (a count, not the places: they are listed under it, each with its proposal)
        n = len(related.shown)
        if related.total > n:
            latest = f"the {n} latest" if n > 1 else "the latest"
            heading = f"Also raised elsewhere: {related.total:,} proposals, {latest} below"
        else:
            heading = f"Also raised elsewhere ({n})"
        blocks.append(Text(heading, style=HEADING))
        for p, m in related.shown:
            line = Text(f"{one_line(meeting_label(m))} · ", style=LABEL)
            line.append_text(mark(p.title, hl, multiline=False))
            blocks.append(Link(line, ("proposal", p.id)))
        if related.total > len(related.shown):
            blocks.append(
                Text(
                    f"… {related.total - len(related.shown)} more: search sector:{proposal.sector}",
                    style=LABEL,
                )
            )
    same = [p for p in meeting.proposals if p.sector == proposal.sector and p.id != proposal.id]
    if same:
        blocks.append(Text("Same sector, same meeting", style=HEADING))
        for p in same:
            blocks.append(Link(proposal_line(p, hl), ("proposal", p.id)))
    blocks.append(source_block(meeting))
    blocks += history_blocks(meeting.history, proposal.id)
    return blocks


def follow_up_block(proposal: Proposal) -> Text:
    """``Follow-up``: each change of status, oldest first, with its note and source."""
    lines = [Text("Follow-up", style=HEADING)]
    for step in proposal.follow_up:
        line = Text(f"  {step.date}  ", style=LABEL)
        line.append(one_line(STATUS_LABELS.get(step.status, step.status)), style="bold")
        if step.note:
            line.append("  ")
            line.append(printable(step.note))
        lines.append(line)
        if step.url:  # (its own line, under the step: a long address wrapped to the margin)
            lines.append(Text(f"    {one_line(step.url)}", style=LABEL))
    # (the meetings it was raised again at follow, each a link: "Raised again at ...")
    return _lines(*lines)


HISTORY_SHOWN = 12  # changes shown in a detail (the CLI's `history` has them all)


def history_blocks(changes: list[Change], record_id: str | None = None) -> list[Block]:
    """``History``: the changes that concern the record, latest first, each with a compact
    diff; nothing when there are none."""
    from coopbrowse.store.history import describe, shown_time, undone_of

    mine = [c for c in changes if record_id is None or c.touches(record_id)]
    if not mine:
        return []
    undone = undone_of(mine)
    parts: list[RenderableType] = [Text(f"History ({plural(len(mine), 'change')})", HEADING)]
    for change in reversed(mine[-HISTORY_SHOWN:]):
        head = Text(f"  {one_line(shown_time(change.at))}  ", style=LABEL)
        head.append(ORIGIN_LABELS.get(change.origin, change.origin), style="bold")
        if change.id in undone:
            head.append("  (undone)", style=LABEL)
        parts.append(head)
        for line in describe(change, record_id):  # (a long one wraps under its own start)
            parts.append(Padding(Text(one_line(line)), (0, 0, 0, 4)))
    if len(mine) > HISTORY_SHOWN:
        parts.append(Text(f"  … {len(mine) - HISTORY_SHOWN} older: coopbrowse history ID", LABEL))
    return [Group(*parts)]


ORIGIN_LABELS = {
    "edit": "edited",
    "import --update": "import --update",
    "article": "from an article",
    "follow-up": "follow-up",
    "undo": "undo",
    "redo": "redo",
    "bundled update": "bundled update",
    "delete": "deleted",
}


def region_blocks(
    region: RegionDetail, hl: Marker = None, matched: tuple[int, int | None] | None = None
) -> list[Block]:
    """A region's meetings, its trade over the years and the sectors raised there.
    ``matched``: how many of its meetings and proposals a search matched (its row's counts,
    said beside the region's own: "1 meeting, 10 proposals" under a row of 1 and 1 read as a
    contradiction; proposals None: not known while they are being indexed)."""
    blocks: list[Block] = [mark(region.name, hl, HEADING)]
    counts = (
        f"{plural(region.meeting_count, 'meeting')}, {plural(region.proposal_count, 'proposal')}"
    )
    if matched is not None and matched[1] is None:
        counts += (
            f"; the search matches {matched[0]:,} of the meetings (the proposals are still"
            " being indexed)"
        )
    elif matched is not None:
        counts += f"; the search matches {matched[0]:,} and {matched[1]:,} of them"
    blocks.append(Text(counts, style=LABEL))
    blocks.append(Text("Meetings, newest first", style=HEADING))
    for m in region.meetings:
        line = Text(f"{m.date} · ")
        host = m.host.name if m.host else "?"
        line.append_text(mark(f"{host} – {m.title}", hl, multiline=False))
        blocks.append(Link(line, ("meeting", m.id)))
    if region.meeting_count > len(region.meetings):
        blocks.append(
            Text(
                f"… {region.meeting_count - len(region.meetings)} more in the meetings view "
                f"(region:{one_line(region_filter(region.name))})",
                style=LABEL,
            )
        )
    if region.figures:
        shown = sorted(region.figures, key=lambda f: (f[0].period, f[1]))
        figures = [t for t, _date, _host in shown]
        meeting_of = {
            i: f"{date} {host.split()[-1] if host and host.split() else ''}".strip()
            for i, (_t, date, host) in enumerate(shown)
        }
        blocks.append(Text("Trade over the years", style=HEADING))
        if region.figure_count > len(region.figures):
            blocks.append(
                Text(
                    f"The {len(region.figures)} most recent of {region.figure_count} figures "
                    "quoted; each meeting has all of its own.",
                    style=LABEL,
                )
            )
        blocks.append(trade_chart(figures))
        blocks.append(trade_table(figures, meeting_of=meeting_of))
    else:  # (said, as a meeting's detail says it: the section was simply missing)
        blocks.append(Text("Trade over the years", style=HEADING))
        blocks.append(Text("No trade figures were quoted at its meetings.", style=LABEL))
    if region.sectors is None:
        lines = [Text("Sectors raised", style=HEADING)]
        lines.append(Text("  shown once the proposals are indexed", style=LABEL))
        blocks.append(_lines(*lines))
    elif region.sectors:
        lines = [Text("Sectors raised", style=HEADING)]
        for sector, count in sorted(region.sectors.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(Text(f"  {one_line(sector_label(sector))}: {count}"))
        blocks.append(_lines(*lines))
    return blocks


def meeting_label(m: Meeting) -> str:
    """A meeting told apart from others on its day: ``Mordovia 2025-10-20 (Karankevich)``."""
    host = m.host_surname
    return f"{short_region(m.region)} {m.date}" + (f" ({host})" if host else "")


def meeting_cell(m: Meeting) -> str:
    """The Proposals view's Meeting column: its host, ``Karankevich`` (beside the Date
    column, that tells two meetings of one day apart; the day again took the title's room)."""
    return m.host_surname or "?"


def person(meeting: Meeting | None, role: str) -> str:
    """The name of a meeting's host or guest ('' if unknown)."""
    if meeting is None:
        return ""
    p = meeting.host if role == "host" else meeting.guest
    return p.name if p else ""


def region_filter(region: str) -> str:
    """The ``region:`` filter value naming exactly ``region``."""
    return filter_value(region)


_HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "sir", "jr", "sr", "ii", "iii", "iv"}


def short_person(name: str) -> str:
    """A person's name with the first name as an initial ("A. Lukashenko"), for a list column
    too narrow for the whole name (lists show the whole name when it fits). Anything not
    shaped like "First [Middle] Last" is kept: one word, initials, honorifics and suffixes
    ("Mr Lukashenko", "Ivan Petrov Jr"), lower-case words ("Belarusian side")."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return name
    if any(w.lower().rstrip(".") in _HONORIFICS for w in words):
        return name
    return f"{words[0][0]}. {words[-1]}"


def person_cell(name: str, hl: Marker) -> Text:
    """A name cell: the whole name, or "A. Lukashenko" where the column is narrower, or
    "Lukashenko" where that is too wide ("A. Lukashen…" cut the name that mattered)."""
    full = mark(name, hl, multiline=False)
    short = short_person(name)
    if short == name:
        return full
    surname = name.split()[-1]
    shorter = mark(short, hl, multiline=False)
    if surname != short:
        shorter = Fit(shorter, mark(surname, hl, multiline=False))
    return Fit(full, shorter)


def as_renderable(blocks: list[Block]) -> RenderableType:
    """Blocks for printing (``coopbrowse show``): links as plain lines, a blank line between
    sections."""
    parts: list[RenderableType] = []
    for block in blocks:
        if isinstance(block, Link):
            line = Text("  ")
            line.append_text(block.label)
            parts.append(line)
        else:
            if parts:
                parts.append(Text(""))
            parts.append(block)
    return Group(*parts)
