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
