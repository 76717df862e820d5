"""The views of the browser (meetings, proposals, regions, follow-up): columns, cells, sorts.

Kept free of widgets so that what a view shows is plain testable code. The rows themselves
come from the search index (:meth:`coopbrowse.store.index.SearchIndex.listing` for meetings
and proposals, :meth:`~coopbrowse.store.index.SearchIndex.regions` for regions): a list of
100,000 meetings is read a screenful at a time, never held whole.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from msgspec import Struct
from msgspec.structs import replace
from rich.text import Text

from coopbrowse.store.index import RegionRow
from coopbrowse.store.model import Meeting, Proposal, format_usd
from coopbrowse.store.regions import short_region
from coopbrowse.store.taxonomy import STATUS_LABELS, sector_label

from .blocks import Marker, mark, meeting_cell, person, person_cell, trade_cell
from .widgets.columns import Column, Fit

Key = tuple[str, str]  # ("meeting", id), ("proposal", id) or ("region", name)


class Row(Struct):
    """One list row: a meeting (without its proposals; ``proposals`` counts them), a
    proposal with its meeting, or a region's figures."""

    key: Key
    meeting: Meeting | None = None
    proposal: Proposal | None = None
    region: RegionRow | None = None
    proposals: int = 0

    @property
    def date(self) -> str:
        if self.meeting is not None:
            return self.meeting.date
        return self.region.latest if self.region else ""


class View(Struct, frozen=True):
    id: str
    title: str
    key: str  # the number key that opens it
    columns: list[Column]
    sorts: list[tuple[str, str]]  # (label, sort id)
    cells: Callable[[Row, Marker], list[Text]]

    def columns_for(self, sort: str, widest: int = 0) -> list[Column]:
        """The columns of a list in order ``sort``: the column it is sorted by is fitted to
        ``widest``, the widest value it can hold (known from the index), not to its first
        rows, which are all one region or sector; unknown (0), it keeps the width its share
        gives it."""
        return _sorted_columns(self.id, sort, widest)


# the column each sort orders the rows by (where its values vary in width)
_SORTED_BY = {"region": "Region", "name": "Region", "sector": "Sector"}


@functools.cache  # (one list a view and sort: the table keeps its widths while it is the same)
def _sorted_columns(view: str, sort: str, widest: int) -> list[Column]:
    label = _SORTED_BY.get(sort)
    fitted = {"widest": widest} if widest else {"keeps_width": True}
    return [replace(c, **fitted) if c.label == label else c for c in VIEWS[view].columns]


def _meeting_cells(row: Row, hl: Marker) -> list[Text]:
    m = row.meeting
    assert m is not None
    return [
        Text(m.date),
        mark(short_region(m.region), hl, multiline=False),
        person_cell(person(m, "guest"), hl),
        person_cell(person(m, "host"), hl),
        Text(str(row.proposals)),
        Text(trade_cell(m)),
        mark(m.title, hl, multiline=False),
    ]


def placeholder_cells(view: str) -> list[Text]:
    """A row still being read (shown for a moment while a long list loads)."""
    return [Text("…", style="dim") for _ in VIEWS[view].columns]


def _proposal_cells(row: Row, hl: Marker) -> list[Text]:
    p, m = row.proposal, row.meeting
    assert p is not None and m is not None
    return [
        mark(sector_label(p.sector), hl, "cyan", multiline=False),
        mark(short_region(m.region), hl, multiline=False),
        Text(m.date),
        mark(meeting_cell(m), hl, multiline=False),
        _proposer(p, m, hl),
        mark(p.title, hl, multiline=False),
    ]


def _proposer(p: Proposal, m: Meeting, hl: Marker) -> Text:
    """The proposer, shortened like the meetings list's names when it is a participant."""
    if any(q.name == p.proposed_by for q in m.participants):
        return person_cell(p.proposed_by, hl)
    return mark(p.proposed_by, hl, multiline=False)


STATUS_STYLES = {
    "proposed": "",
    "agreed": "cyan",
    "in-progress": "yellow",
    "implemented": "green",
    "stalled": "red",
    "dropped": "dim",
}


def _follow_up_cells(row: Row, hl: Marker) -> list[Text]:
    """Status (``?`` while it is the article's guess), since when, how long, and the
    proposal."""
    from coopbrowse.store.followup import age_days
    from coopbrowse.store.schema import status_date

    p, m = row.proposal, row.meeting
    assert p is not None and m is not None
    status = Text(STATUS_LABELS.get(p.status, p.status), style=STATUS_STYLES.get(p.status, ""))
    if p.status_from_article:
        status.append(" ?", style="dim")
    age = age_days(p, m)
    return [
        status,
        Text(status_date(p, m)),
        Text("" if age is None else f"{age:,} d"),
        mark(short_region(m.region), hl, multiline=False),
        mark(sector_label(p.sector), hl, "cyan", multiline=False),
        mark(p.title, hl, multiline=False),
    ]


def _as_quoted(r: RegionRow, year: int) -> str:
    """A year's turnover as its figures were quoted: ``$152M``; ``~$134M`` when one is
    qualified ("nearly"); ``~$130–134M`` when sources give different figures."""
    high = r.turnover[year]
    low, qualified = r.quoted.get(year, (high, False))
    text = format_usd(high)
    if low < high:
        if low >= 10 and round(low) < round(high):  # (a range in whole millions: with
            low, high = round(low), round(high)  # tenths, "~$89.1–867.2M (2024)" lost its year)
        text = f"{format_usd(low).removesuffix('M')}–{format_usd(high).removeprefix('$')}"
    return ("~" if qualified or low < high else "") + text


def _region_cells(row: Row, hl: Marker) -> list[Text]:
    r = row.region
    assert r is not None
    spark, span = year_sparkline(r.turnover)
    years = list(r.turnover)
    none = Text(NO_TURNOVER, style="dim")  # (an empty cell read as one not filled in yet)
    return [
        mark(short_region(r.name), hl, multiline=False),
        Text(str(r.meetings)),
        Text("…", style="dim") if r.proposals is None else Text(str(r.proposals)),
        Text(r.latest),
        # (the chart alone where the column has no room for its years too: at 80 columns)
        Fit(Text(f"{spark} {span}", style="green"), Text(spark, style="green")) if years else none,
        Text(f"{_as_quoted(r, years[-1])} ({years[-1]})") if years else none,
    ]


NO_TURNOVER = "—"  # a region with no full-year turnover quoted


_SPARKS = "▁▂▃▄▅▆▇█"


SPARK_YEARS = 10  # the years a region's row charts: the latest ten (the column's room)
NO_FIGURE = "·"  # a year with no figure: a gap, not a bar of the next year's


def sparkline(values: list[float | None]) -> str:
    """A one-line chart of ``values`` (empty for none; :data:`NO_FIGURE` for a None)."""
    known = [v for v in values if v is not None]
    if not known:
        return ""
    top = max(known) or 1.0
    return "".join(
        NO_FIGURE if v is None else _SPARKS[min(7, int(v / top * 7.999))] for v in values
    )


def year_sparkline(by_year: dict[int, float], years: int = SPARK_YEARS) -> tuple[str, str]:
    """``(chart, span)`` of a figure a year: one mark a calendar year over the latest
    ``years`` up to the latest with a figure, a year without one shown as a gap, and the span
    the chart covers ("2015–2024")."""
    if not by_year:
        return "", ""
    last = max(by_year)
    first = max(min(by_year), last - years + 1)
    chart = sparkline([by_year.get(year) for year in range(first, last + 1)])
    return chart, f"{first}–{last}" if first != last else str(last)


VIEWS: dict[str, View] = {
    "meetings": View(
        "meetings",
        "Meetings",
        "1",
        [
            Column("Date", 10),
            Column("Region", None, min_width=13, ratio=2, ideal=16),  # "Moscow Oblast"
            Column("Russian side", None, min_width=14, ratio=2, ideal=20),  # "V. Karankevich"
            Column("Belarusian host", None, min_width=14, ratio=2, ideal=20, short="Belarus host"),
            Column("Prop.", 5, "right"),
            Column("Latest trade", 16),  # whole: "~$1,119M (2018)", "~$64M (1–8/2025)"
            Column("Title", None, min_width=0, ratio=3, ideal=40),
        ],
        [
            ("newest first", "newest"),
            ("oldest first", "oldest"),
            ("region", "region"),
            ("most proposals", "proposals"),
            ("largest trade", "trade"),
        ],
        _meeting_cells,
    ),
    "proposals": View(
        "proposals",
        "Proposals",
        "2",
        [
            Column("Sector", None, min_width=12, ratio=2, ideal=20),
            Column("Region", None, min_width=10, ideal=16),
            Column("Date", 10),
            Column("Meeting", None, min_width=10, ideal=12),  # "Karankevich" (its host)
            # (optional: below about 110 columns the title needs the room more; the detail
            # says who proposed it)
            Column("Proposer", None, min_width=0, ratio=2, ideal=16),  # "V. Karankevich"
            Column("Title", None, min_width=20, ratio=5, ideal=30),
        ],
        [("newest first", "newest"), ("sector", "sector"), ("region", "region")],
        _proposal_cells,
    ),
    "regions": View(
        "regions",
        "Regions",
        "3",
        [
            # (the row's name: "Moscow Oblast" whole before the chart gets any room; at 70
            # columns both were cut, and the chart kept its 20)
            Column("Region", None, min_width=13, ideal=16),
            Column("Meet.", 5, "right"),
            Column("Prop.", 5, "right"),
            Column("Latest", 10),
            Column("Turnover by year", None, min_width=0, ideal=20),
            Column("Latest turnover", 18),  # "~$130–134M (2024)"; wider ranges are cut
        ],
        [
            ("most meetings", "meetings"),
            ("name", "name"),
            ("latest meeting", "latest"),
            ("largest latest turnover", "turnover"),  # the last column's figure
        ],
        _region_cells,
    ),
    "followup": View(
        "followup",
        "Follow-up",
        "4",
        [
            Column("Status", 11, keeps_width=True),  # "in progress", "implemented"
            Column("Since", 10),
            Column("Age", 8, "right"),
            Column("Region", None, min_width=10, ideal=16),
            Column("Sector", None, min_width=12, ratio=2, ideal=22),
            Column("Title", None, min_width=20, ratio=5, ideal=40),
        ],
        [
            ("status, longest unchanged first", "status"),
            ("longest unchanged", "oldest"),
            ("recently changed", "newest"),
            ("region", "region"),
        ],
        _follow_up_cells,
    ),
}


def sort_regions(rows: list[RegionRow], sort: str) -> list[RegionRow]:
    """Region rows in the regions view's order ``sort`` (ties: most meetings, then name)."""
    ordered = sorted(rows, key=lambda r: short_region(r.name))
    ordered.sort(key=lambda r: (r.meetings, r.latest), reverse=True)
    if sort == "name":
        ordered.sort(key=lambda r: short_region(r.name).casefold())
    elif sort == "latest":
        ordered.sort(key=lambda r: r.latest, reverse=True)
    elif sort == "turnover":  # (regions with no full-year turnover quoted last)
        ordered.sort(key=_latest_turnover, reverse=True)
    return ordered


def _latest_turnover(row: RegionRow) -> float:
    """The turnover of a region's latest year with one, as its row shows it (-1: none)."""
    return row.turnover[max(row.turnover)] if row.turnover else -1.0


def sort_choice(view: str, position: int, *, relevance: bool) -> tuple[str, str]:
    """``(label, sort id)`` of sort number ``position``; with a query, 0 is relevance."""
    sorts = VIEWS[view].sorts
    if relevance and view != "regions":
        position %= len(sorts) + 1
        if position == 0:
            return "relevance", "relevance"
        return sorts[position - 1]
    return sorts[position % len(sorts)]


def sort_count(view: str, *, relevance: bool) -> int:
    return len(VIEWS[view].sorts) + (1 if relevance and view != "regions" else 0)
