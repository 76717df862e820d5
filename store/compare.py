"""Comparing 2-4 meetings side by side: the one model behind ``coopbrowse compare`` and the
app's Compare screen (key ``c``), and its Markdown.

For each meeting: date, place, the hosts and guests with their titles. Then the sectors
raised, those shared by every meeting first, then those some share (with what each meeting
raised in them, and its status), then each meeting's own (marked); the trade figures per
period and metric, each with its qualifier and who stated it; and the proposals unique to
each meeting (of a sector no other compared meeting raised).
Record text stays untrusted: the Markdown escapes it (:func:`~coopbrowse.store.export.md_cell`),
the screen shows it as ``Text``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from msgspec import Struct, field

from .model import Meeting, Proposal, TradeFigure, describe_status, format_usd
from .regions import short_region
from .taxonomy import SECTORS_BY_ID, sector_label

MIN_MEETINGS, MAX_MEETINGS = 2, 4


class SectorRow(Struct):
    sector: str
    counts: list[int]  # proposals of the sector at each meeting

    @property
    def label(self) -> str:
        return sector_label(self.sector)

    @property
    def where(self) -> str:
        """``all``, ``2 of 3`` or ``only`` (one meeting)."""
        n = sum(1 for c in self.counts if c)
        if n == len(self.counts):
            return "all"
        return "only" if n == 1 else f"{n} of {len(self.counts)}"


class Comparison(Struct):
    meetings: list[Meeting]
    sectors: list[SectorRow] = field(default_factory=list)
    # (period, metric) -> the figures quoted at each meeting
    trade: list[tuple[tuple[str, str], list[list[TradeFigure]]]] = field(default_factory=list)
    unique: list[list[Proposal]] = field(default_factory=list)
    # sector -> each meeting's proposals of it (what a sector two or more raised holds)
    proposals: dict[str, list[list[Proposal]]] = field(default_factory=dict)

    @property
    def shared(self) -> list[SectorRow]:
        return [s for s in self.sectors if s.where == "all"]


def proposal_text(p: Proposal) -> str:
    """``Title (in progress since 2026-01-05)``: a proposal in a sector's cell."""
    return f"{p.title} ({describe_status(p, bracketed=True)})"


def label(m: Meeting) -> str:
    """A meeting told apart from another: ``2025-10-20 Karankevich (Mordovia)``."""
    host = m.host_surname or "?"
    return f"{m.date} {host} ({short_region(m.region)})"


def dated(m: Meeting) -> str:
    """A meeting's date, and whether its year was inferred (as its detail says it)."""
    return f"{m.date} (year inferred)" if m.date_inferred else m.date


def people(m: Meeting, role: str) -> list[str]:
    """``Name, title`` of each participant with ``role``."""
    return [f"{p.name}, {p.title}" if p.title else p.name for p in m.participants if p.role == role]


def figure_text(t: TradeFigure) -> str:
    """``almost $134M, +10% over 2023 — stated by X`` (the qualifier stays with its value:
    on the change when the figure has no value)."""
    parts = []
    if t.usd_millions is not None:
        parts.append(f"{t.qualifier} {format_usd(t.usd_millions)}".strip())
    if t.change_pct is not None:
        change = f"{t.change_pct:+g}%" + (f" {t.change_basis}" if t.change_basis else "")
        if t.usd_millions is None and t.qualifier:
            change = f"{t.qualifier} {change}"
        parts.append(change)
    text = ", ".join(parts)
    return f"{text} — {t.stated_by}" if t.stated_by else text


def compare(meetings: list[Meeting]) -> Comparison:
    """The comparison of ``meetings`` (2-4), in time from left to right, whatever the order
    given (the app's selection, the command line's ids: the same meetings make the same
    table and briefing)."""
    if not MIN_MEETINGS <= len(meetings) <= MAX_MEETINGS:
        raise ValueError(f"compare takes {MIN_MEETINGS} to {MAX_MEETINGS} meetings")
    meetings = sorted(meetings, key=lambda m: (m.date, m.host_surname, m.id))
    out = Comparison(meetings)
    order = list(SECTORS_BY_ID)
    sectors: dict[str, list[int]] = {}
    for i, m in enumerate(meetings):
        for p in m.proposals:
            sectors.setdefault(p.sector, [0] * len(meetings))[i] += 1
    rows = [SectorRow(s, c) for s, c in sectors.items()]

    def rank(row: SectorRow) -> tuple[int, int, int]:
        n = sum(1 for c in row.counts if c)
        first = next(i for i, c in enumerate(row.counts) if c)
        where = order.index(row.sector) if row.sector in order else len(order)
        return (-n, first if n == 1 else 0, where)

    out.sectors = sorted(rows, key=rank)
    keys = sorted({(t.period, t.metric) for m in meetings for t in m.trade})
    for key in keys:
        cells = [[t for t in m.trade if (t.period, t.metric) == key] for m in meetings]
        out.trade.append((key, cells))
    only = {row.sector for row in out.sectors if row.where == "only"}
    out.unique = [[p for p in m.proposals if p.sector in only] for m in meetings]
    out.proposals = {
        row.sector: [[p for p in m.proposals if p.sector == row.sector] for m in meetings]
        for row in out.sectors
    }
    return out


# Markdown ------------------------------------------------------------------------------------


def to_markdown(c: Comparison, *, version: str, now: dt.datetime | None = None) -> str:
    """The comparison as one Markdown table (a column per meeting) plus notes: the
    proposals unique to each meeting and the sources."""
    from .export import GENERATED_PREFIX, md_cell, md_heading, md_inline, md_text, source_text

    when = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    heads = [label(m) for m in c.meetings]
    lines = [
        "# Comparison: " + md_heading(" · ".join(heads)),
        "",
        f"{GENERATED_PREFIX}{when} by coopbrowse {version}._",
        "",
        "| | " + " | ".join(md_cell(h) for h in heads) + " |",
        "|---|" + "---|" * len(heads),
    ]

    def row(name: str, cells: list[str]) -> None:
        lines.append(f"| **{name}** | " + " | ".join(cells) + " |")

    def joined(items: list[str]) -> str:
        return "; ".join(md_cell(i) for i in items) or " "

    row("Date", [md_cell(dated(m)) for m in c.meetings])
    row("Region", [md_cell(m.region) for m in c.meetings])
    row("Place", [md_cell(m.place or "not stated") for m in c.meetings])
    row("Belarusian side", [joined(people(m, "host")) for m in c.meetings])
    row("Russian side", [joined(people(m, "guest")) for m in c.meetings])
    row("Title", [md_cell(m.title) for m in c.meetings])  # (as the screen's table has it)
    row("Proposals", [str(len(m.proposals)) for m in c.meetings])
    for s in c.sectors:
        mark = {"all": "shared", "only": "only here"}.get(s.where, s.where)
        if s.where == "only":  # (its proposals are listed under "Only at")
            row(
                f"Sector: {md_inline(s.label)}", [(f"{n} ({mark})" if n else "—") for n in s.counts]
            )
            continue
        # a sector two or more raised: what each raised in it, and where it stands
        row(
            f"Sector: {md_inline(s.label)} ({mark})",
            [joined([proposal_text(p) for p in ps]) if ps else "—" for ps in c.proposals[s.sector]],
        )
    for (period, metric), quoted in c.trade:
        row(
            f"{md_inline(metric.capitalize())} {md_inline(period)}",
            [joined([figure_text(t) for t in figures]) if figures else "—" for figures in quoted],
        )
    if not c.trade:
        row("Trade figures", ["none quoted"] * len(c.meetings))
    lines.append("")
    for m, proposals in zip(c.meetings, c.unique, strict=True):
        if not proposals:
            continue
        lines += [f"## Only at {md_heading(label(m))}", ""]
        for p in proposals:
            lines.append(f"- **{md_inline(p.title)}** ({md_inline(sector_label(p.sector))})")
        lines.append("")
    lines += ["## Sources", ""]
    for m in c.meetings:
        lines.append(f"- {md_text(label(m))}: {source_text(m)}")
    return "\n".join(lines) + "\n"


def to_dict(c: Comparison) -> dict[str, Any]:
    return {
        "meetings": [
            {
                "id": m.id,
                "label": label(m),
                "date": m.date,
                "region": m.region,
                "place": m.place,
                "hosts": people(m, "host"),
                "guests": people(m, "guest"),
                "proposals": len(m.proposals),
            }
            for m in c.meetings
        ],
        "sectors": [
            {
                "sector": s.sector,
                "label": s.label,
                "where": s.where,
                "counts": s.counts,
                "proposals": [[p.id for p in ps] for ps in c.proposals.get(s.sector, [])],
            }
            for s in c.sectors
        ],
        "trade": [
            {
                "period": period,
                "metric": metric,
                "figures": [[t.to_dict() for t in f] for f in cells],
            }
            for (period, metric), cells in c.trade
        ],
        "unique": [[p.id for p in ps] for ps in c.unique],
    }
