"""What became of proposals: the follow-up report behind ``coopbrowse follow-up --list`` and
the app's Follow-up view.

Proposals come in the workflow's order of status (proposed, agreed, in progress, implemented,
stalled, dropped), the longest unchanged first within each; the age of a status is the days
since its latest follow-up, or since the meeting when it has none. Counts per status, region
and sector are Tantivy aggregations over the same query.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from .model import Meeting, Proposal
from .regions import short_region
from .schema import status_date
from .taxonomy import STATUS_LABELS, STATUSES, sector_label

if TYPE_CHECKING:
    from .index import SearchIndex

FACETS = ("status", "region", "sector")


def today() -> dt.date:
    """The day ages are counted to (one place, so a test can fix it)."""
    return dt.date.today()


def age_days(proposal: Proposal, meeting: Meeting, on: dt.date | None = None) -> int | None:
    """Days since the proposal's status was set (None for a date that cannot be read)."""
    try:
        since = dt.date.fromisoformat(status_date(proposal, meeting))
    except ValueError:
        return None
    return ((on or today()) - since).days


class FollowUpRow(Struct):
    proposal: Proposal
    meeting: Meeting
    age: int | None

    def cells(self) -> tuple[str, str, str, str, str, str, str]:
        """``(status, since, age, region, sector, title, id)`` as plain text."""
        p, m = self.proposal, self.meeting
        status = STATUS_LABELS.get(p.status, p.status) + (" (?)" if p.status_from_article else "")
        return (
            status,
            status_date(p, m),
            "" if self.age is None else f"{self.age:,} d",
            short_region(m.region),
            sector_label(p.sector),
            p.title,
            p.id,
        )

    def to_dict(self) -> dict[str, Any]:
        p, m = self.proposal, self.meeting
        return {
            "id": p.id,
            "meeting_id": m.id,
            "meeting_date": m.date,
            "region": m.region,
            "sector": p.sector,
            "title": p.title,
            "status": p.status,
            "status_from_article": p.status_from_article,
            "since": status_date(p, m),
            "age_days": self.age,
        }


class FollowUpReport(Struct):
    query: str
    total: int
    by_status: list[tuple[str, int]] = field(default_factory=list)
    by_region: list[tuple[str, int]] = field(default_factory=list)
    by_sector: list[tuple[str, int]] = field(default_factory=list)
    rows: list[FollowUpRow] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "by_status": dict(self.by_status),
            "by_region": dict(self.by_region),
            "by_sector": dict(self.by_sector),
            "proposals": [r.to_dict() for r in self.rows],
        }


def status_counts(facets: dict[str, list[tuple[str, int]]]) -> list[tuple[str, int]]:
    """Counts per status in the workflow's order (every status, zero included)."""
    found = dict(facets.get("status", []))
    return [(status, found.get(status, 0)) for status in STATUSES]


def follow_up_report(
    index: SearchIndex, query: str = "", *, limit: int | None = 500, today: dt.date | None = None
) -> FollowUpReport:
    """The proposals ``query`` selects, by status and age, with their counts (at most
    ``limit`` rows; every count is of all of them). Raises QueryError for a bad query."""
    listing = index.listing("followup", query, "status")
    facets = index.facets(query, FACETS, view="followup")
    report = FollowUpReport(
        query,
        listing.total,
        status_counts(facets),
        facets["region"],
        [(sector_label(s), n) for s, n in facets["sector"]],
    )
    wanted = listing.total if limit is None else min(limit, listing.total)
    if wanted > listing.loaded:
        listing.complete()
    for i in range(wanted):
        row = index.row(listing, i)
        if row is None:
            break
        _kind, proposal, meeting, _n = row
        assert isinstance(proposal, Proposal)
        report.rows.append(FollowUpRow(proposal, meeting, age_days(proposal, meeting, today)))
    return report
