"""The search bar's hint line, without an app."""

from __future__ import annotations

from coopbrowse.tui.widgets.search_bar import hint_for


def test_the_hint_line_offers_values_but_says_nothing_of_a_range() -> None:
    def values(field: str) -> list[str]:
        return {"date": ["2023", "2024", "2025"], "region": ["penza", "samara"]}[field]

    assert hint_for("region:s", values) == "region: samara"
    assert hint_for("region:x", values) == "region: no matching values"
    assert hint_for("date:202", values) == "date: 2023, 2024, 2025"
    for ranged in ("date:2024..", "trams date:2024..2025-06", "date:..2024"):
        assert hint_for(ranged, values) == ""  # the list's count says what matched
