"""Selection -> Markdown briefing (a pure function), and -> file (a safe write).

The document is CommonMark with GitHub tables, meant to read well in a terminal, on a
code-hosting site, in a Markdown editor and after conversion to HTML or PDF:

    # title · generated-at line · what was selected · contents
    ## Overview          proposals by sector across regions; trade by region and year
    ## <date> · <region> one section per meeting: people, place, summary, proposals by
                         sector, trade table, goods, source
    ## Proposals         proposals without their meeting's whole record (with its date,
                         region and source); "Other proposals" after meetings in full

Record text is untrusted: every piece of it goes through :func:`md_text` (inline) or
:func:`md_cell` (table cell), which escape Markdown and HTML metacharacters and fold line
breaks, so no record can create structure, HTML or links. Only http(s) URLs become links.
Output is deterministic: the same selection gives the same bytes except the generated-at line.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol

from msgspec import Struct, field

from .errors import NotWritable
from .model import NO_TRADE_QUOTED, Meeting, Proposal, TradeFigure, describe_status
from .regions import canonical_region, short_region
from .storage import atomic_write_bytes, check_export_target
from .taxonomy import sector_label
from .text import CONTROL_CHARS, listed, one_line, plural, unquoted

GENERATED_PREFIX = "_Generated "


class ExportOptions(Struct, frozen=True):
    """What to include. ``query`` is recorded in the header when the selection came from one
    (``regions``: the meetings of the regions it listed, in full, its other proposals too)."""

    title: str = "Cooperation briefing"
    query: str = ""
    regions: bool = False
    trade_tables: bool = True
    overview: bool = True
    sources: bool = True


DEFAULT_OPTIONS = ExportOptions()


class Selection(Struct, frozen=True):
    """Meetings exported in full, and proposals exported on their own (with their meeting)."""

    meetings: list[Meeting]
    proposals: list[tuple[Proposal, Meeting]]
    # the meetings the proposals were raised again at, by id: how a briefing names them
    # ("2025-10-20 Karankevich (Mordovia)"); an id not here is shown as it is
    names: dict[str, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.meetings and not self.proposals


class RecordSource(Protocol):
    """Where a selection's records come from (the search index, or a list of meetings)."""

    def meeting(self, meeting_id: str) -> Meeting | None: ...

    def proposal(self, proposal_id: str) -> tuple[Proposal, Meeting] | None: ...


class _Meetings:
    def __init__(self, meetings: Iterable[Meeting]) -> None:
        self.by_id = {m.id: m for m in meetings}
        self.proposals = {p.id: (p, m) for m in self.by_id.values() for p in m.proposals}

    def meeting(self, meeting_id: str) -> Meeting | None:
        return self.by_id.get(meeting_id)

    def proposal(self, proposal_id: str) -> tuple[Proposal, Meeting] | None:
        return self.proposals.get(proposal_id)


def select(meetings: Iterable[Meeting], keys: Iterable[tuple[str, str]]) -> Selection:
    """The records of ``meetings`` named by ``keys`` (see :func:`select_from`)."""
    return select_from(_Meetings(meetings), keys)


def select_from(source: RecordSource, keys: Iterable[tuple[str, str]]) -> Selection:
    """The records named by ``keys`` ((kind, id) pairs), in a stable order: meetings newest
    first; a proposal whose meeting is exported in full is not repeated on its own."""
    keys = list(dict.fromkeys(keys))
    chosen = [
        m for m in (source.meeting(rid) for kind, rid in keys if kind == "meeting") if m is not None
    ]
    chosen.sort(key=lambda m: (m.date, m.id), reverse=True)
    wanted = {m.id for m in chosen}
    alone = [
        found
        for found in (source.proposal(rid) for kind, rid in keys if kind == "proposal")
        if found is not None and found[1].id not in wanted
    ]
    alone.sort(key=lambda pm: (_neg_date(pm[1].date), pm[1].id, pm[0].id))
    later = {
        mid
        for p in [*(p for m in chosen for p in m.proposals), *(p for p, _m in alone)]
        for mid in p.raised_again
    }
    names = {mid: meeting_name(m) for mid in sorted(later) if (m := source.meeting(mid))}
    return Selection(chosen, alone, names)


def meeting_name(m: Meeting) -> str:
    """A meeting told apart from another: ``2025-10-20 Karankevich (Mordovia)``."""
    return f"{m.date} {m.host_surname or '?'} ({short_region(m.region)})"


def _neg_date(date: str) -> tuple[int, ...]:
    return tuple(-int(part) for part in date.split("-"))


# Escaping ---------------------------------------------------------------------------------

# Only what CommonMark (with GitHub's tables and strikethrough) would read as syntax is
# escaped, so the text also reads well as plain text: "$130 million", "+10%" and
# "000_1e4dc.txt" stay as they are.
#   always:   \ ` * [ ] | ~          (escapes, code, emphasis, links, table cells, strikethrough)
#   "_":      unless inside a word    (intraword "_" never emphasises)
#   "<":      before a letter, "/", "!" or "?"  (a tag, a comment, an autolink)
#   "&":      when it spells an entity ("&amp;", "&#39;")
#   at the start of the text: "#", ">", "-", "+", "1." / "1)" (a heading, a quote, a list)
#   "http://", "https://", "ftp://", "www.": their ":" or "." (a bare web address)
# GitHub's parser (and markdown-it's linkify) read a bare address as a link up to a space or
# "<", from the page's raw text: the link took the "\" of an escape after it, and what the
# escape kept literal came out live ("http://x/\<img onerror=…>" became an <img> tag). An
# escaped ":" or "." is no address: nothing is read past what the escapes allow.
_ALWAYS = re.compile(r"([\\`*\[\]|~])")
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
_LEADING = re.compile(r"^(\s*)(?:([-+>#])|(\d+)([.)]))")
_ADDRESS = re.compile(r"(?:https?|ftp)(?=://)|www(?=\.)", re.I)


def _escape_inline(flat: str) -> str:
    escaped = _ALWAYS.sub(r"\\\1", flat)
    escaped = _UNDERSCORE.sub(r"\\_", escaped)
    escaped = _TAG.sub(r"\\<", escaped)
    escaped = _ADDRESS.sub(lambda m: f"{m.group(0)}\\", escaped)  # "http\://", "www\."
    return _ENTITY.sub(r"\\&", escaped)


def md_text(text: str) -> str:
    """Untrusted text as inline Markdown that renders literally, wherever a line of it
    starts: one line, and escaped only where CommonMark would read syntax, so it can start no
    block and make no emphasis, link, code or tag."""
    flat = " ".join(one_line(text).split())
    escaped = _escape_inline(flat)
    # a line starting like a heading, a quote or a list item would become one
    escaped = _LEADING.sub(
        lambda m: (
            m.group(1) + ("\\" + m.group(2) if m.group(2) else m.group(3) + "\\" + m.group(4))
        ),
        escaped,
    )
    if escaped.strip("-=_ ") == "" and escaped.strip():  # a rule or a heading underline
        return "".join("\\" + c if c in "-=" else c for c in escaped)
    return escaped


# a "#" not already escaped: after an even number of backslashes (none included)
_RAW_HASH = re.compile(r"(?<!\\)((?:\\\\)*)#")


def md_heading(text: str) -> str:
    """Untrusted text in a heading: escaped as :func:`md_text`, and every "#" too (a " #" at
    the end of a heading line is its closing sequence and would vanish)."""
    return _RAW_HASH.sub(r"\1\\#", md_text(text))


def md_inline(text: str) -> str:
    """Untrusted text as Markdown in the middle of a line (after a label, in a heading's
    text): escaped as :func:`md_text` is, but its start can begin no block, so "+10%" and
    "1." need no escape there."""
    return _escape_inline(" ".join(one_line(text).split()))


def md_code(text: str) -> str:
    """Untrusted text as an inline code span, on one line (a query as typed): fenced by
    more backticks than any run of them inside, so that nothing in it is read as Markdown
    or HTML, and its control characters as stand-ins."""
    flat = " ".join(one_line(text).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def md_cell(text: str) -> str:
    """Untrusted text for a GitHub table cell (pipes and line breaks can't split the row; a
    cell holds only inline text, so its start needs no escape: "+10%" stays "+10%")."""
    return _escape_inline(" ".join(one_line(text).split())) or " "


def md_link(label: str, url: str) -> str:
    r"""A link only for an http(s) URL; anything else stays escaped text. A link labelled
    with its own address is an autolink, ``<https://…>``: it reads cleanly as plain text too
    (the label escaped read ``https\://…``)."""
    # (fullmatch: "$" let a final newline through, and "<url\n>" opened a blockquote)
    if re.fullmatch(r"https?://[^\s<>\"'`]+", url) and not CONTROL_CHARS.search(url):
        if label == url:  # (no space, "<" or ">" in it: nothing can end the autolink early)
            return f"<{url}>"
        safe_url = (  # (what could end the link or escape its end, percent-encoded)
            url.replace("\\", "%5C")
            .replace("(", "%28")
            .replace(")", "%29")
            .replace("[", "%5B")
            .replace("]", "%5D")
        )
        return f"[{md_text(label)}]({safe_url})"
    return md_text(url)


def slug(heading: str, seen: dict[str, int]) -> str:
    """GitHub's anchor for a heading's rendered text, made unique within the document."""
    text = unicodedata.normalize("NFKC", heading).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    base = text.replace(" ", "-")
    count = seen.get(base, 0)
    seen[base] = count + 1
    return base if count == 0 else f"{base}-{count}"


def _plain(md: str) -> str:
    """The rendered text of our own inline Markdown (escapes removed)."""
    return re.sub(r"\\(.)", r"\1", md)


# The document -----------------------------------------------------------------------------


def _figure_row(t: TradeFigure, extra: list[str] = ()) -> str:  # type: ignore[assignment]
    change = ""
    if t.change_pct is not None:
        change = f"{t.change_pct:+g}%" + (f" {t.change_basis}" if t.change_basis else "")
    value = "" if t.usd_millions is None else f"{t.usd_millions:,.1f}"
    # a qualifier qualifies the value it was said of: the change when there is no value
    qualifier = t.qualifier if value else ""
    if t.qualifier and not value:
        change = f"{t.qualifier} {change}".strip()
    cells = [
        md_cell(t.period),
        md_cell(t.metric),
        value or " ",
        md_cell(qualifier),
        md_cell(change),
        md_cell(t.stated_by),
        *extra,
    ]
    return "| " + " | ".join(cells) + " |"


_TRADE_HEAD = ["Period", "Metric", "USD m", "Qualifier", "Change", "Stated by"]


def _table(
    head: list[str], rows: list[str], right: frozenset[str] = frozenset({"USD m"})
) -> list[str]:
    align = ["---:" if h in right else "---" for h in head]
    return ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |", *rows]


def _people(meeting: Meeting) -> list[str]:
    lines = []
    for p in meeting.participants:
        tags = p.tags
        title = f", {md_inline(p.title)}" if p.title else ""
        lines.append(f"  - {md_text(p.name)}{title}" + (f" ({tags})" if tags else ""))
    return lines


_SENTENCE_END = re.compile(r"[.!?…:;)\]\"”’»]\s*$")


def _proposal_item(p: Proposal, names: dict[str, str]) -> str:
    parts = [f"**{md_text(p.title)}**"]
    if p.detail:
        # (a detail that ends mid-sentence is ended, or the facts would read as its words)
        end = "" if _SENTENCE_END.search(p.detail) else "."
        parts.append(f"— {md_inline(p.detail)}{end}")
    facts = []
    if p.enterprises:
        facts.append("Enterprises: " + ", ".join(md_inline(e) for e in p.enterprises))
    facts.append(f"Status: {md_inline(describe_status(p))}")
    if p.proposed_by:
        facts.append(f"Proposed by: {md_inline(p.proposed_by)}")
    line = "- " + " ".join(parts) + " " + "; ".join(facts) + "."
    quoted = [_quoted(p)] if p.quote else []
    return "\n".join([line, *(f"  - {item}" for item in [*quoted, *_follow_up_lines(p, names)])])


def _quoted(p: Proposal) -> str:
    """The report's own words for a proposal, as the detail shows them: ``Quoted: “…”``."""
    return f"**Quoted:** “{md_inline(unquoted(p.quote))}”"


def _follow_up_lines(p: Proposal, names: dict[str, str]) -> list[str]:
    """What became of a proposal, one line per status change, escaped: ``Follow-up
    2026-01-05: agreed — a note (<url>)``; then where it was raised again."""
    from .taxonomy import STATUS_LABELS

    lines = []
    for step in p.follow_up:
        status = md_inline(STATUS_LABELS.get(step.status, step.status))
        line = f"**Follow-up {step.date}:** {status}"
        if step.note:
            line += f" — {md_inline(step.note)}"
        if step.url:  # (a link, as a meeting's source is; an address of another kind, text)
            line += f" ({md_link(step.url, step.url)})"
        lines.append(line)
    if p.raised_again:
        lines.append(
            "**Raised again at:** "
            + ", ".join(
                f"{md_inline(names[m])} ({md_inline(m)})" if m in names else md_inline(m)
                for m in p.raised_again
            )
        )
    return lines


def _source_line(m: Meeting) -> str:
    return "Source: " + source_text(m) + "."


def source_text(m: Meeting) -> str:
    """Where a meeting's facts come from, as Markdown: outlet, date, headline, document and
    link, each one that is recorded (the briefing's and the comparison's source lines)."""
    s = m.source
    bits = [md_inline(s.outlet)] if s.outlet else []
    if s.published:
        bits.append(s.published + (" (inferred)" if s.published_inferred else ""))
    if s.headline:
        bits.append(f"“{md_inline(unquoted(s.headline))}”")
    if s.document:
        bits.append(f"document {md_inline(s.document)}")
    if s.url:
        bits.append(md_link(s.url, s.url))
    # what is not recorded, said once ("outlet not stated, publication date not stated, ..."
    # before each source said little else)
    missing = [
        what
        for what, there in (("outlet", s.outlet), ("publication date", s.published))
        if not there
    ]
    if missing:
        unstated = " and ".join(missing) + " not stated"
        return f"{', '.join(bits)} ({unstated})" if bits else unstated[:1].upper() + unstated[1:]
    return ", ".join(bits)


def _paragraphs(text: str) -> list[str]:
    """The paragraphs of a text typed with line breaks (each line one, blank lines none).
    Only a line feed breaks a line (``splitlines`` broke at a lone carriage return, a form
    feed and the like too, which the app shows as stand-ins, ␍)."""
    return [line for line in re.split(r"\r?\n", text or "") if line.strip()]


def _meeting_heading(m: Meeting) -> str:
    host = f" · {md_heading(m.host_surname)}" if m.host_surname else ""
    return f"{m.date} · {md_heading(m.region) or 'region not stated'}{host}"


def _meeting_section(m: Meeting, opts: ExportOptions, names: dict[str, str]) -> list[str]:
    out = [f"## {_meeting_heading(m)}", "", f"**{md_text(m.title)}**", ""]
    date = m.date + (" (year inferred: " + md_inline(m.date_note) + ")" if m.date_inferred else "")
    out.append(f"- **Date:** {date}")
    out.append(f"- **Place:** {md_inline(m.place) if m.place else 'not stated'}")
    if m.participants:
        out.append("- **Participants:**")
        out.extend(_people(m))
    out.append("")
    for paragraph in _paragraphs(m.summary):  # each its own, as written
        out += [md_text(paragraph), ""]
    if m.proposals:
        out += [f"### Proposals ({len(m.proposals)})", ""]
        by_sector: dict[str, list[Proposal]] = defaultdict(list)
        for p in m.proposals:
            by_sector[p.sector].append(p)
        for sector, items in by_sector.items():
            out.append(f"**{md_inline(sector_label(sector))}**")
            out.append("")
            out.extend(_proposal_item(p, names) for p in items)
            out.append("")
    if opts.trade_tables:
        out += ["### Trade figures", ""]
        if not m.trade:  # (said, as the app says it: "none quoted" is not "left out")
            out += [NO_TRADE_QUOTED, ""]
        else:
            ordered = sorted(m.trade, key=lambda t: (t.period, t.metric))
            rows = [_figure_row(t, [md_cell(t.note)]) for t in ordered]
            out += _table([*_TRADE_HEAD, "Note"], rows)
            out.append("")
    if m.exports or m.imports:
        out += ["### Goods", ""]
        if m.exports:
            out.append("- **Belarusian exports:** " + listed([md_inline(g) for g in m.exports]))
        if m.imports:
            out.append("- **Imports to Belarus:** " + listed([md_inline(g) for g in m.imports]))
        out.append("")
    if m.notes:
        out += ["### Notes", ""]
        out.extend(f"- {md_text(n)}" for n in m.notes)
        out.append("")
    if opts.sources:
        out += [_source_line(m), ""]
    return out


WHERE_REGIONS = 12  # regions named in a sector's "Where (when)" cell, the most first
WHEN_MONTHS = 4  # months named for a region; more are said as a span


def _where_when(by_region: dict[str, list[str]]) -> str:
    """``Penza Oblast (2025-04); Samara Oblast (2025-07)``: where a sector came up and when.
    A large selection's cell held every region and month (89 regions, dozens of months
    each, for one sector): at most :data:`WHERE_REGIONS` regions, those with the most
    proposals, and past :data:`WHEN_MONTHS` months a span ("2019-03 to 2025-10, 14 months")."""
    regions = sorted(by_region, key=lambda r: (-len(by_region[r]), r))[:WHERE_REGIONS]
    parts = []
    for region in sorted(regions):
        months = sorted(set(by_region[region]))
        when = (
            ", ".join(months)
            if len(months) <= WHEN_MONTHS
            else f"{months[0]} to {months[-1]}, {len(months)} months"
        )
        parts.append(f"{md_inline(region)} ({when})")
    more = len(by_region) - len(regions)
    return "; ".join(parts) + (f"; and {more:,} more regions" if more else "")


def _overview(sel: Selection) -> list[str]:
    out = ["## Overview", ""]
    pairs = [(p, m) for m in sel.meetings for p in m.proposals] + list(sel.proposals)
    if pairs:
        out += ["### Proposals by sector across regions", ""]
        sectors: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for p, m in pairs:
            # (a region's spellings are one region, as in the regions view)
            sectors[p.sector][canonical_region(m.region)].append(m.date[:7])
        rows = []
        for sector in sorted(
            sectors, key=lambda s: (-sum(map(len, sectors[s].values())), sector_label(s))
        ):
            where = _where_when(sectors[sector])
            count = sum(len(d) for d in sectors[sector].values())
            rows.append(
                f"| {md_cell(sector_label(sector))} | {len(sectors[sector])} | {count} | {where} |"
            )
        out += _table(
            ["Sector", "Regions", "Proposals", "Where (when)"],
            rows,
            right=frozenset({"Regions", "Proposals"}),
        )
        out.append("")
    figures = [(t, m) for m in sel.meetings for t in m.trade]
    if figures:
        out += ["### Trade by region and year", ""]
        figures.sort(
            key=lambda tm: (canonical_region(tm[1].region), tm[0].period, tm[0].metric, tm[1].date)
        )
        rows = [
            _figure_row(t, [md_cell(f"{m.date}, {m.host.name if m.host else ''}")])
            for t, m in figures
        ]
        out += _table(
            ["Region", *_TRADE_HEAD, "Meeting"],
            [
                f"| {md_cell(canonical_region(m.region))} " + row
                for (t, m), row in zip(figures, rows, strict=True)
            ],
        )
        out.append("")
    return out


def _alone_heading(sel: Selection) -> str:
    """The heading of the proposals exported without their meeting's whole record (a list
    of proposals exported with nothing selected was headed "Proposals selected on their
    own")."""
    return "Other proposals" if sel.meetings else "Proposals"


def _alone_section(sel: Selection, opts: ExportOptions) -> list[str]:
    out = [f"## {_alone_heading(sel)}", ""]
    for p, m in sel.proposals:
        out.append(f"### {md_heading(p.title) or 'Untitled proposal'}")
        out.append("")
        date = f"{m.date} (year inferred)" if m.date_inferred else m.date  # (as in full)
        out.append(f"- **Meeting:** {date}, {md_inline(m.region)} — {md_inline(m.title)}")
        out.append(f"- **Sector:** {md_inline(sector_label(p.sector))}")
        if p.enterprises:
            out.append("- **Enterprises:** " + ", ".join(md_inline(e) for e in p.enterprises))
        out.append(f"- **Status:** {md_inline(describe_status(p))}")
        if p.proposed_by:
            out.append(f"- **Proposed by:** {md_inline(p.proposed_by)}")
        if p.quote:
            out.append(f"- {_quoted(p)}")
        out += [f"- {step}" for step in _follow_up_lines(p, sel.names)]
        out.append("")
        if p.detail:
            out += [md_text(p.detail), ""]
        if opts.sources:
            out += [_source_line(m), ""]
    return out


def _selection_said(sel: Selection, sources: bool = True) -> str:
    """What a briefing holds, in a few words: its meetings (with their proposals) and the
    proposals exported without their meeting's whole record (a list of proposals exported
    with nothing selected was "0 meetings, 11 proposals (11 selected on their own)")."""
    within = sum(len(m.proposals) for m in sel.meetings)
    meetings = f"{plural(len(sel.meetings), 'meeting')}, {plural(within, 'proposal')}"
    alone = plural(len(sel.proposals), "proposal")
    if not sel.proposals:
        return meetings
    if not sel.meetings:
        with_them = "date, region and source" if sources else "date and region"
        return f"{alone} (each with its meeting's {with_them})"
    return f"{meetings}, and {alone} of other meetings"


def _document(
    sel: Selection, opts: ExportOptions, now: dt.datetime | None, version: str
) -> tuple[list[str], list[tuple[str, Callable[[], list[str]]]]]:
    """A briefing's opening lines (title, when, what was selected) and its sections, each
    a heading and what renders its lines (rendered when asked: see :func:`to_markdown`)."""
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%d %H:%M UTC")
    what = _selection_said(sel, opts.sources)
    out = [f"# {md_heading(opts.title)}", ""]
    out.append(f"{GENERATED_PREFIX}{stamp} by coopbrowse{' ' + version if version else ''}._")
    out.append("")
    selected = f"Selection: {what}"
    if opts.query and opts.regions:  # (not only what the query matched: said so)
        selected += f", the meetings in full of the regions the query {md_code(opts.query)} lists"
    elif opts.query:
        selected += f", from the query {md_code(opts.query)}"
    out += [selected + ".", ""]
    sections: list[tuple[str, Callable[[], list[str]]]] = []
    if opts.overview and not sel.empty:
        sections.append(("Overview", lambda: _overview(sel)))
    for m in sel.meetings:
        sections.append(
            (_meeting_heading(m), functools.partial(_meeting_section, m, opts, sel.names))
        )
    if sel.proposals:
        sections.append((_alone_heading(sel), lambda: _alone_section(sel, opts)))
    return out, sections


def _contents(
    title: str, sections: list[tuple[str, Callable[[], list[str]]]], most: int | None = None
) -> list[str]:
    """The table of contents, a link to each section's heading (to the first ``most``:
    a preview of 100,000 meetings shows a screenful of them)."""
    if not sections:
        return ["Nothing was selected.", ""]
    # (anchors are numbered in the document's order: the title's and this heading's
    # first: a briefing titled "Proposals" linked its proposals to the title)
    seen: dict[str, int] = {}
    slug(_plain(md_heading(title)), seen)
    slug("Contents", seen)
    out = ["## Contents", ""]
    out += [f"- [{heading}](#{slug(_plain(heading), seen)})" for heading, _body in sections[:most]]
    return [*out, ""]


def to_markdown(
    sel: Selection,
    opts: ExportOptions = DEFAULT_OPTIONS,
    *,
    now: dt.datetime | None = None,
    version: str = "",
    max_lines: int | None = None,
    progress: Callable[[int, int], object] | None = None,
    every: int = 500,
) -> str:
    """The briefing for ``sel``; byte-identical for the same input but the generated-at line.

    With ``max_lines``, only the document's first lines are rendered (a preview: a large
    selection's sections are not rendered past them). ``progress`` and ``every``: see
    :func:`markdown_chunks`, which gives the same document a section at a time.
    """
    if max_lines is None:
        return "".join(
            markdown_chunks(sel, opts, now=now, version=version, progress=progress, every=every)
        )
    out, sections = _document(sel, opts, now, version)
    out += _contents(opts.title, sections, max_lines)[: max(0, max_lines - len(out))]
    for _heading, body in sections:
        if len(out) >= max_lines:
            break
        out += body()
    return "\n".join(out[:max_lines]).rstrip("\n") + "\n"


def markdown_chunks(
    sel: Selection,
    opts: ExportOptions = DEFAULT_OPTIONS,
    *,
    now: dt.datetime | None = None,
    version: str = "",
    progress: Callable[[int, int], object] | None = None,
    every: int = 500,
) -> Iterator[str]:
    """The briefing for ``sel`` a section at a time, to be written as it is rendered: a
    briefing of 100,000 meetings is 300 MB of text, and its lines, held all at once, were
    gigabytes. Joined, the chunks are :func:`to_markdown`'s document (it ends in one line
    break). ``progress(done, total)`` hears every ``every`` sections how far the rendering
    is (most of a minute for 100,000 meetings); an exception it raises stops it there."""
    out, sections = _document(sel, opts, now, version)
    held = ""  # the line breaks the text so far ends in: the document ends in one
    pieces = itertools.chain(
        [[*out, *_contents(opts.title, sections)]],
        (
            _progressed(body, done, len(sections), progress, every)
            for done, (_heading, body) in enumerate(sections)
        ),
    )
    first = True
    for lines in pieces:
        if not lines:
            continue
        text = "\n".join(lines) if first else "\n" + "\n".join(lines)
        first = False
        kept = text.rstrip("\n")
        if kept:
            yield held + kept
            held = text[len(kept) :]
        else:
            held += text
    yield "\n"


def _progressed(
    body: Callable[[], list[str]],
    done: int,
    total: int,
    progress: Callable[[int, int], object] | None,
    every: int,
) -> list[str]:
    if progress is not None and done and done % every == 0:
        progress(done, total)
    return body()


def write_markdown(path: Path, text: str | Iterable[str], *, force: bool = False) -> None:
    """Write ``text`` (or its chunks, as they come: :func:`markdown_chunks`) to ``path``
    atomically; an existing file is kept unless ``force``, and what is not a regular file
    (a directory, a pipe, a device, a symbolic link) never. An exception while the chunks
    come leaves ``path`` as it was."""
    path = Path(path)
    check_export_target(path, force)
    if not path.parent.exists():
        raise NotWritable(path.parent, "directory does not exist")
    if isinstance(text, str):
        atomic_write_bytes(path, text.encode("utf-8"))
    else:
        atomic_write_bytes(path, (chunk.encode("utf-8") for chunk in text))


def default_filename(label: str, today: dt.date | None = None) -> str:
    """``coopbrowse-<date>-<slug>.md`` for a selection described by ``label``."""
    day = (today or dt.date.today()).isoformat()
    # letters as the search folds them ("Łódź": lodz), Cyrillic in Latin ones ("Самара":
    # samara); any other character parts words ("Belarus–Mordovia": belarus-mordovia)
    from .analysis import in_latin

    plain = in_latin(label).encode("ascii", "replace").decode()
    words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    if len(words) > 60:  # cut between words, not inside one ("…-2025-07-2")
        cut = words[:61].rsplit("-", 1)[0]
        # nor inside a date ("…-2025-04" reads as a month): before it
        if re.match(r"-\d\d\b", words[len(cut) :]):
            cut = re.sub(r"-\d{4}(?:-\d\d)?$", "", cut)
        words = cut
    return f"coopbrowse-{day}-{words.rstrip('-') or 'briefing'}.md"
