"""Rich renderables for records, shared by ``coopbrowse show`` and the app's detail pane.

Record text is untrusted: it only ever enters a ``rich.text.Text`` through ``Text(...)`` or
``Text.append`` (never parsed as markup) after :func:`coopbrowse.store.text.printable` has made
control characters visible.
"""

from __future__ import annotations

from collections import defaultdict

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from coopbrowse.store.index import Hit, SearchResult, meeting_fields, proposal_fields
from coopbrowse.store.model import Meeting, Proposal, TradeFigure, describe_figure, format_usd
from coopbrowse.store.taxonomy import sector_label
from coopbrowse.store.text import one_line, printable

HEADING = "bold"
LABEL = "dim"


def safe(text: str, style: str = "") -> Text:
    """A Text of untrusted ``text``: literal, with control characters made visible."""
    return Text(printable(text), style=style)


def cell(text: str, style: str = "") -> Text:
    """A single-line Text for a table cell."""
    return Text(one_line(text), style=style, no_wrap=True, overflow="ellipsis")


def wrapping(text: str, style: str = "") -> Text:
    """A table cell that may wrap onto several lines."""
    return Text(one_line(text), style=style)


def person(meeting: Meeting, role: str) -> str:
    """The name of the meeting's host or guest ('' if unknown)."""
    p = meeting.host if role == "host" else meeting.guest
    return p.name if p else ""


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


def trade_cell(meeting: Meeting) -> str:
    """The latest trade figure as a compact cell: ``~$134M (2024)``."""
    t = meeting.latest_trade()
    if t is None:
        return ""
    mark = "" if not t.qualifier or t.qualifier in ("exactly",) else "~"
    return f"{mark}{format_usd(t.usd_millions)} ({t.period})"


def _line(label: str, value: str | Text) -> Text:
    text = Text(f"{label}: ", style=LABEL)
    text.append_text(value if isinstance(value, Text) else safe(value))
    return text


def trade_table(figures: list[TradeFigure]) -> Table:
    """The trade figures of a meeting as a table, oldest period first."""
    table = Table(box=None, pad_edge=False, show_edge=False, expand=False, header_style=HEADING)
    for name, justify in (
        ("Period", "left"),
        ("Metric", "left"),
        ("USD m", "right"),
        ("Qualifier", "left"),
        ("Change", "right"),
        ("Stated by", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for t in sorted(figures, key=lambda f: (f.period, f.metric)):
        change = ""
        if t.change_pct is not None:
            change = f"{t.change_pct:+g}%" + (f" {t.change_basis}" if t.change_basis else "")
        table.add_row(
            cell(t.period),
            cell(t.metric),
            cell("" if t.usd_millions is None else f"{t.usd_millions:,.1f}"),
            cell(t.qualifier),
            cell(change),
            cell(t.stated_by),
        )
    return table


def meeting_renderable(meeting: Meeting) -> RenderableType:
    """Everything about one meeting, for a terminal."""
    parts: list[RenderableType] = []
    parts.append(safe(meeting.title, HEADING))
    date = meeting.date + (" (year inferred)" if meeting.date_inferred else "")
    header = Text()
    header.append_text(_line("Date", date))
    header.append("\n")
    header.append_text(_line("Region", meeting.region))
    header.append("\n")
    place = meeting.place or "not stated"
    header.append_text(_line("Place", place))
    if meeting.date_note:
        header.append("\n")
        header.append_text(_line("Date note", meeting.date_note))
    parts.append(header)

    if meeting.participants:
        people = Text("Participants", style=HEADING)
        for p in meeting.participants:
            people.append("\n  • ")
            people.append_text(safe(p.name))
            if p.title:
                people.append(", ")
                people.append_text(safe(p.title, "italic"))
            tag = {"host": "host", "guest": "guest", "mentioned": "mentioned"}.get(p.role)
            if tag:
                people.append(f"  [{tag}]", style=LABEL)
        parts.append(people)

    if meeting.summary:
        parts.append(Group(Text("Summary", style=HEADING), safe(meeting.summary)))

    if meeting.proposals:
        by_sector: dict[str, list[Proposal]] = defaultdict(list)
        for p in meeting.proposals:
            by_sector[p.sector].append(p)
        block = Text(f"Proposals ({len(meeting.proposals)})", style=HEADING)
        for sector, items in by_sector.items():
            block.append("\n")
            block.append(sector_label(sector), style="bold cyan")
            for p in items:
                block.append("\n  • ")
                block.append_text(safe(p.title))
                extras = []
                if p.enterprises:
                    extras.append(", ".join(p.enterprises))
                if p.status != "proposed":
                    extras.append(p.status)
                if extras:
                    block.append("  (", style=LABEL)
                    block.append_text(safe("; ".join(extras), LABEL))
                    block.append(")", style=LABEL)
        parts.append(block)

    if meeting.trade:
        parts.append(Group(Text("Trade figures", style=HEADING), trade_table(meeting.trade)))

    goods = Text()
    if meeting.exports:
        goods.append_text(_line("Belarusian exports", ", ".join(meeting.exports)))
    if meeting.imports:
        if goods:
            goods.append("\n")
        goods.append_text(_line("Imports to Belarus", ", ".join(meeting.imports)))
    if goods:
        parts.append(goods)

    if meeting.notes:
        notes = Text("Notes", style=HEADING)
        for note in meeting.notes:
            notes.append("\n  • ")
            notes.append_text(safe(note))
        parts.append(notes)

    parts.append(source_text(meeting))
    return Group(*_spaced(parts))


def source_text(meeting: Meeting) -> Text:
    """The source of a meeting's facts, one block."""
    s = meeting.source
    text = Text("Source", style=HEADING)
    bits = [
        ("Outlet", s.outlet or "not stated"),
        (
            "Published",
            (s.published or "not stated") + (" (inferred)" if s.published_inferred else ""),
        ),
    ]
    if s.headline:
        bits.append(("Headline", s.headline))
    if s.document:
        bits.append(("Document", s.document))
    if s.url:
        bits.append(("URL", s.url))
    for label, value in bits:
        text.append("\n  ")
        text.append_text(_line(label, value))
    return text


def proposal_renderable(proposal: Proposal, meeting: Meeting | None) -> RenderableType:
    """One proposal with its meeting's context."""
    parts: list[RenderableType] = [safe(proposal.title, HEADING)]
    info = Text()
    info.append_text(_line("Sector", sector_label(proposal.sector)))
    info.append("\n")
    info.append_text(_line("Status", proposal.status))
    if proposal.proposed_by:
        info.append("\n")
        info.append_text(_line("Proposed by", proposal.proposed_by))
    if proposal.enterprises:
        info.append("\n")
        info.append_text(_line("Enterprises", ", ".join(proposal.enterprises)))
    parts.append(info)
    if proposal.detail:
        parts.append(safe(proposal.detail))
    if proposal.quote:
        parts.append(safe(f"“{proposal.quote}”", "italic"))
    if meeting is not None:
        ctx = Text("Meeting", style=HEADING)
        ctx.append("\n  ")
        ctx.append_text(safe(f"{meeting.date} · {meeting.region} · {meeting.title}"))
        parts.append(ctx)
        parts.append(source_text(meeting))
    return Group(*_spaced(parts))


def figure_line(t: TradeFigure) -> Text:
    return safe(describe_figure(t))


HIGHLIGHT = "bold reverse"


def highlighted(text: str, spans: list[tuple[int, int]] | None, style: str = "") -> Text:
    """Untrusted ``text`` with the matched ``spans`` (offsets into ``text``) highlighted."""
    out = Text(style=style, no_wrap=False)
    last = 0
    for start, end in sorted(spans or []):
        if start < last:
            continue
        out.append(one_line(text[last:start]))
        out.append(one_line(text[start:end]), style=HIGHLIGHT)
        last = end
    out.append(one_line(text[last:]))
    return out


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


def hits_table(result: SearchResult) -> Table:
    """Ranked hits with their matches highlighted."""
    shown = len(result.hits)
    title = f"{result.total} result{'s' if result.total != 1 else ''}"
    if shown < result.total:
        title += f" (showing {shown})"
    table = Table(title=title, title_justify="left", expand=False)
    for name in ("#", "Kind", "Date", "Region", "Title / match", "Score", "ID"):
        table.add_column(name, justify="right" if name in ("#", "Score") else "left")
    for i, hit in enumerate(result.hits, 1):
        body = highlighted(hit.record.title, hit.spans.get("title"))
        if isinstance(hit.record, Proposal):
            body = Text(f"[{sector_label(hit.record.sector)}] ", style="cyan") + body
        more = best_snippet(hit)
        if more:
            body.append("\n")
            body.append_text(more)
        table.add_row(
            str(i),
            hit.kind,
            cell(hit.meeting.date),
            highlighted(
                hit.meeting.region, hit.spans.get("region") or hit.spans.get("meeting.region")
            ),
            body,
            f"{hit.score:.2f}",
            cell(hit.id, "dim"),
        )
    return table


def _spaced(parts: list[RenderableType]) -> list[RenderableType]:
    out: list[RenderableType] = []
    for i, part in enumerate(parts):
        if i:
            out.append(Text(""))
        out.append(part)
    return out
