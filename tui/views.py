"""The three views of the browser (meetings, proposals, regions): their rows, columns, sorts.

Kept free of widgets so that what a view lists, in which order, is plain testable code. Rows
come either from the whole store or from a search result (then a meeting is listed when it or
any of its proposals matched, in the order of its best hit).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text

from coopbrowse.store.model import Meeting, Proposal, format_usd
from coopbrowse.store.taxonomy import sector_label

from .blocks import Marker, mark, person, person_cell, short_region, trade_cell
from .widgets.record_table import Column

if TYPE_CHECKING:
    from coopbrowse.store.index import SearchResult

Key = tuple[str, str]  # ("meeting", id), ("proposal", id) or ("region", name)


@dataclass(slots=True)
class Row:
    key: Key
    meeting: Meeting | None = None
    proposal: Proposal | None = None
    region: str = ""
    meetings: Sequence[Meeting] = ()  # a region's meetings
    # a region row's figures, worked out once (a region can have hundreds of meetings)
    _latest: str | None = field(default=None, repr=False, compare=False)
    _summary: list[Text] | None = field(default=None, repr=False, compare=False)

    @property
    def date(self) -> str:
        if self.meeting is not None:
            return self.meeting.date
        if self._latest is None:
            self._latest = max((m.date for m in self.meetings), default="")
        return self._latest


# A sort key and whether it runs descending. A sort with several keys is done as stable
# passes (least significant first), so directions can differ without a comparison in Python.
SortKey = tuple[Callable[[Row], object], bool]


@dataclass(frozen=True)
class View:
    id: str
    title: str
    key: str  # the number key that opens it
    columns: list[Column]
    sorts: list[tuple[str, tuple[SortKey, ...]]]  # (label, keys, most significant first)
    cells: Callable[[Row, Marker], list[Text]]


def _meeting_cells(row: Row, hl: Marker) -> list[Text]:
    m = row.meeting
    assert m is not None
    return [
        Text(m.date),
        mark(short_region(m.region), hl, multiline=False),
        person_cell(person(m, "guest"), hl),
        person_cell(person(m, "host"), hl),
        Text(str(len(m.proposals))),
        Text(trade_cell(m)),
        mark(m.title, hl, multiline=False),
    ]


def preview_cells(row: tuple) -> list[Text]:
    """A meetings-list row from :meth:`Meeting.summary_row` (shown while records load)."""
    _id, date, region, guest, host, n_props, period, usd, qualifier, title = row
    trade = ""
    if usd is not None:
        trade = f"{'~' if qualifier else ''}{format_usd(usd)} ({period})"
    return [
        Text(date),
        mark(short_region(region), None, multiline=False),
        person_cell(guest, None),
        person_cell(host, None),
        Text(str(n_props)),
        Text(trade),
        mark(title, None, multiline=False),
    ]


def _proposal_cells(row: Row, hl: Marker) -> list[Text]:
    p, m = row.proposal, row.meeting
    assert p is not None and m is not None
    return [
        mark(sector_label(p.sector), hl, "cyan", multiline=False),
        mark(short_region(m.region), hl, multiline=False),
        Text(m.date),
        _proposer(p, m, hl),
        mark(p.title, hl, multiline=False),
    ]


def _proposer(p: Proposal, m: Meeting, hl: Marker) -> Text:
    """The proposer, shortened like the meetings list's names when it is a participant."""
    if any(q.name == p.proposed_by for q in m.participants):
        return person_cell(p.proposed_by, hl)
    return mark(p.proposed_by, hl, multiline=False)


def _region_cells(row: Row, hl: Marker) -> list[Text]:
    if row._summary is None:
        row._summary = _region_summary(row)
    return [mark(short_region(row.region), hl, multiline=False), *row._summary]


def _region_summary(row: Row) -> list[Text]:
    """A region row's cells after its name: counts, latest meeting, turnover by year."""
    figures = [
        t
        for m in row.meetings
        for t in m.trade
        if t.metric == "turnover" and t.full_year and t.usd_millions is not None
    ]
    by_year: dict[str, float] = {}
    for t in figures:
        by_year[t.period] = max(by_year.get(t.period, 0.0), t.usd_millions or 0.0)
    spark = sparkline([by_year[y] for y in sorted(by_year)])
    years = f"{min(by_year)}–{max(by_year)}" if len(by_year) > 1 else "".join(by_year)
    # the same figure the meetings list shows for the region's newest meeting that has one
    newest = max((m for m in row.meetings if m.latest_trade()), key=lambda m: m.date, default=None)
    latest = trade_cell(newest) if newest else ""
    return [
        Text(str(len(row.meetings))),
        Text(str(sum(len(m.proposals) for m in row.meetings))),
        Text(row.date),
        Text(f"{spark} {years}".strip(), style="green"),
        Text(latest),
    ]


_SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """A one-line chart of ``values`` (empty for none)."""
    if not values:
        return ""
    top = max(values) or 1.0
    return "".join(_SPARKS[min(7, int(v / top * 7.999))] for v in values)


def _row_id(row: Row) -> str:
    return row.key[1]


def _latest_value(row: Row) -> float:
    t = row.meeting.latest_trade() if row.meeting else None
    return t.usd_millions or 0.0 if t else -1.0


VIEWS: dict[str, View] = {
    "meetings": View(
        "meetings",
        "Meetings",
        "1",
        [
            Column("Date", 10),
            Column("Region", None, min_width=13, ratio=2, ideal=16),  # "Moscow Oblast"
            Column("Russian side", None, min_width=14, ratio=2, ideal=20),  # "V. Karankevich"
            Column("Belarusian host", None, min_width=14, ratio=2, ideal=20),
            Column("Prop.", 5, "right"),
            Column("Latest trade", 16),
            Column("Title", None, min_width=0, ratio=3, ideal=40),
        ],
        [
            ("newest first", ((lambda r: (r.date, r.key[1]), True),)),
            ("oldest first", ((lambda r: (r.date, r.key[1]), False),)),
            ("region", ((lambda r: (short_region(r.meeting.region), r.date), False),)),
            ("most proposals", ((lambda r: (len(r.meeting.proposals), r.date), True),)),
            ("largest trade", ((lambda r: (_latest_value(r), r.date), True),)),
        ],
        _meeting_cells,
    ),
    "proposals": View(
        "proposals",
        "Proposals",
        "2",
        [
            Column("Sector", None, min_width=12, ratio=2, ideal=22),
            Column("Region", None, min_width=10, ideal=16),
            Column("Date", 10),
            Column("Proposer", None, min_width=14, ratio=2, ideal=16),  # "V. Karankevich"
            Column("Title", None, min_width=20, ratio=5, ideal=40),
        ],
        [
            ("newest first", ((lambda r: (r.date, r.meeting.id), True), (_row_id, False))),
            (
                "sector",
                (
                    (lambda r: sector_label(r.proposal.sector), False),
                    (lambda r: r.date, True),
                    (_row_id, False),
                ),
            ),
            (
                "region",
                (
                    (lambda r: short_region(r.meeting.region), False),
                    (lambda r: r.date, True),
                    (_row_id, False),
                ),
            ),
        ],
        _proposal_cells,
    ),
    "regions": View(
        "regions",
        "Regions",
        "3",
        [
            Column("Region", None, min_width=12, ideal=20),
            Column("Meet.", 5, "right"),
            Column("Prop.", 5, "right"),
            Column("Latest", 10),
            Column("Turnover by year", 20),
            Column("Latest turnover", 15),
        ],
        [
            ("most meetings", ((lambda r: (len(r.meetings), r.date), True),)),
            ("name", ((lambda r: short_region(r.region), False),)),
            ("latest meeting", ((lambda r: r.date, True),)),
        ],
        _region_cells,
    ),
}


def build_rows(view: str, meetings: list[Meeting], result: SearchResult | None = None) -> list[Row]:
    """The rows of ``view``: everything, or what ``result`` matched, best first."""
    if view == "meetings":
        if result is None:
            return [Row(("meeting", m.id), m) for m in meetings]
        seen: dict[str, Row] = {}
        for hit in result.hits:
            if hit.meeting.id not in seen:
                seen[hit.meeting.id] = Row(("meeting", hit.meeting.id), hit.meeting)
        return list(seen.values())
    if view == "proposals":
        if result is None:
            return [Row(("proposal", p.id), m, p) for m in meetings for p in m.proposals]
        return [
            Row(("proposal", h.id), h.meeting, h.record)  # type: ignore[arg-type]
            for h in result.hits
            if h.kind == "proposal"
        ]
    pool = meetings if result is None else [r.meeting for r in build_rows("meetings", [], result)]
    regions: dict[str, list[Meeting]] = {}
    for m in pool:
        if m is not None:
            regions.setdefault(m.region, []).append(m)
    rows = [Row(("region", name), region=name, meetings=ms) for name, ms in regions.items()]
    if result is None:
        rows.sort(key=lambda r: (len(r.meetings), r.date), reverse=True)
    return rows


def sort_rows(view: str, rows: list[Row], sort: int, *, relevance: bool) -> tuple[list[Row], str]:
    """``rows`` in sort order ``sort``; with a query, order 0 is relevance (as given)."""
    sorts = VIEWS[view].sorts
    if relevance:
        if sort % (len(sorts) + 1) == 0:
            return rows, "relevance"
        sort = sort % (len(sorts) + 1) - 1
    label, keys = sorts[sort % len(sorts)]
    ordered = list(rows)
    for key, descending in reversed(keys):  # stable passes, least significant first
        ordered.sort(key=key, reverse=descending)
    return ordered, label


def sort_count(view: str, *, relevance: bool) -> int:
    return len(VIEWS[view].sorts) + (1 if relevance else 0)
