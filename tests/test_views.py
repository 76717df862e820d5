"""What the list views draw from a record (tui/views.py)."""

from __future__ import annotations

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
