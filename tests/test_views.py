"""What the list views draw from a record (tui/views.py)."""

from __future__ import annotations

import os

from coopbrowse.tui.views import NO_FIGURE, year_sparkline


def test_a_year_without_a_figure_is_a_gap_in_the_chart() -> None:
    chart, span = year_sparkline({2014: 100.0, 2016: 200.0, 2019: 400.0})
    assert span == "2014–2019"
    assert len(chart) == 6  # one mark a year, 2014 to 2019
    assert [i for i, c in enumerate(chart) if c == NO_FIGURE] == [1, 3, 4]  # 2015, 17, 18
    assert chart[-1] == "█" and chart[0] < chart[2] < chart[-1]


def test_the_chart_covers_the_latest_ten_years_and_says_which() -> None:
    by_year = {year: float(year - 2000) for year in range(2005, 2025)}
    chart, span = year_sparkline(by_year)
    assert span == "2015–2024" and len(chart) == 10 and NO_FIGURE not in chart
    assert year_sparkline({2024: 5.0}) == ("█", "2024")
    assert year_sparkline({}) == ("", "")


def test_the_regions_latest_turnover_reads_as_its_figures_were_quoted(bundled) -> None:
    """Mordovia's 2024 turnover was quoted as "slightly more than $130 million", "nearly
    $134 million" and "about $130 million": the regions view said a bare "$134M (2024)", a
    firm figure (found by a new user). It says the range and that they are approximate;
    Penza's one plain figure stays as it was."""
    from coopbrowse.store.index import SearchIndex
    from coopbrowse.tui.views import VIEWS, Row

    index = SearchIndex.build(bundled.meetings)
    cells = {
        r.name: VIEWS["regions"].cells(Row(key=("region", r.name), region=r), None)
        for r in index.regions()
    }
    latest = {name: str(c[-1]) for name, c in cells.items()}
    assert latest["Republic of Mordovia"] == "~$130–134M (2024)"
    assert latest["Penza Oblast"] == "$152M (2024)"


def test_a_region_with_no_turnover_says_so_with_a_dash() -> None:
    """Its chart and latest cells were blank, as if not filled in yet (found by a new user)."""
    from coopbrowse.store.index import RegionRow
    from coopbrowse.tui.views import NO_TURNOVER, VIEWS, Row

    r = RegionRow("Samara Oblast", 1, 10, "2025-07-21", {}, {})
    cells = [str(c) for c in VIEWS["regions"].cells(Row(key=("region", r.name), region=r), None)]
    assert cells[-2:] == [NO_TURNOVER, NO_TURNOVER] == ["—", "—"]


def test_a_wide_range_of_turnover_fits_its_column_with_its_year() -> None:
    """ "~$89.1–867.2M (2024)" was cut at its year in the 18-cell column (found by a new
    user at 80x24): a range of tens of millions is said in whole millions."""
    from coopbrowse.store.index import RegionRow
    from coopbrowse.tui.views import VIEWS, Row

    def latest(low: float, high: float) -> str:
        r = RegionRow("Penza Oblast", 3, 9, "2025-04-01", {2024: high}, {2024: (low, False)})
        cells = VIEWS["regions"].cells(Row(key=("region", r.name), region=r), None)
        return str(cells[-1])

    assert latest(89.1, 867.2) == "~$89–867M (2024)" and len(latest(89.1, 867.2)) <= 18
    assert latest(130.0, 134.0) == "~$130–134M (2024)"
    assert latest(133.6, 134.2) == "~$133.6–134.2M (2024)"  # (whole, they would be one)
    assert latest(1.2, 3.4) == "~$1.2–3.4M (2024)"


def test_a_regions_detail_says_when_no_trade_figure_was_quoted(bundled) -> None:
    """Samara's detail had no "Trade over the years" at all, where a meeting's says none
    were quoted; Penza's has its figures."""
    from rich.console import Console

    from coopbrowse.store.index import SearchIndex
    from coopbrowse.tui.blocks import region_blocks

    index = SearchIndex.build(bundled.meetings)

    def shown(region: str) -> str:
        console = Console(width=100, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
        for block in region_blocks(index.region_detail(region)):
            console.print(getattr(block, "label", block))
        return console.export_text()

    samara, penza = shown("Samara Oblast"), shown("Penza Oblast")
    assert "Trade over the years" in samara and "No trade figures were quoted" in samara
    assert "Trade over the years" in penza and "No trade figures were quoted" not in penza


def test_a_regions_matched_proposals_not_known_yet_are_said_so(bundled) -> None:
    """While a first build indexes the proposals, a region row's matched proposals are not
    known: its cell is "…" and its detail says why, not a count (every proposal of its
    matching meetings was shown as matching, six times too many)."""
    from rich.console import Console

    from coopbrowse.store.index import SearchIndex
    from coopbrowse.tui.blocks import region_blocks
    from coopbrowse.tui.views import VIEWS, Row

    index = SearchIndex.build(bundled.meetings)
    [row] = [r for r in index.regions("elevator", proposals=False) if r.name == "Penza Oblast"]
    assert row.proposals is None and row.meetings >= 1
    cells = VIEWS["regions"].cells(Row(key=("region", row.name), region=row), None)
    assert [str(c) for c in cells[1:3]] == [str(row.meetings), "…"]
    console = Console(width=120, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    for block in region_blocks(index.region_detail(row.name), None, (row.meetings, None)):
        console.print(getattr(block, "label", block))
    said = console.export_text()
    assert f"the search matches {row.meetings} of the meetings (the proposals are still" in said


def test_a_heading_too_wide_for_its_column_has_a_short_form() -> None:
    """At 80 columns the hosts' heading read "Belarusian ho…" over names that fitted."""
    from coopbrowse.tui.views import VIEWS

    [host] = [c for c in VIEWS["meetings"].columns if c.label == "Belarusian host"]
    assert host.min_width >= len(host.short) and host.min_width < len(host.label)
    heading = host.heading()
    assert heading.plain == "Belarusian host" and heading.short.plain == host.short


def test_regions_sort_by_their_latest_turnover_those_without_one_last() -> None:
    """The regions view's fourth order: the figure its last column shows, the largest
    first (the latest year's, not the largest of any year); a region with none quoted
    comes after all that have one, by most meetings."""
    from coopbrowse.store.index import RegionRow
    from coopbrowse.tui.views import VIEWS, sort_regions

    def row(name: str, meetings: int, turnover: dict[int, float]) -> RegionRow:
        return RegionRow(name, meetings, 0, "2025-01-01", turnover)

    rows = [
        row("Penza Oblast", 1, {2024: 152.0}),
        row("Samara Oblast", 3, {}),
        row("Moscow Oblast", 2, {2018: 1119.0, 2023: 90.0}),  # large once, small lately
        row("Republic of Mordovia", 2, {2023: 120.0, 2024: 134.0}),
        row("Tula Oblast", 1, {}),
    ]
    assert ("largest latest turnover", "turnover") in VIEWS["regions"].sorts
    names = [r.name for r in sort_regions(rows, "turnover")]
    assert names == [
        "Penza Oblast",
        "Republic of Mordovia",
        "Moscow Oblast",
        "Samara Oblast",
        "Tula Oblast",
    ]
