"""Counts by the values of a field: the frequency table of the app's ``F`` key and of
``coopbrowse facets``.

For the rows a view lists for a query (every row when there is none): how many have each
value of a field (sector, region, status, proposer, year), their share and a bar, most
first; each value comes with the filter that narrows the list to it (``sector:elevators``).
The counting is Tantivy aggregations over the index's keyword and integer fields: at 500,000
proposals a table takes milliseconds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from .analysis import NAME_GROUPS
from .regions import canonical_region, filter_value, short_region
from .taxonomy import STATUS_LABELS, STATUSES, sector_label

if TYPE_CHECKING:
    from .index import SearchIndex

FACET_FIELDS = ("sector", "region", "status", "proposer", "year")
# the index field counted for each facet, by the kind of record listed
_FIELDS = {
    "proposals": {"sector": "sector", "region": "region", "status": "status", "proposer": "pfull"},
    "meetings": {"sector": "msector", "region": "region", "status": "mstatus", "proposer": "pfull"},
}
_NOUNS = {"proposals": "proposals", "meetings": "meetings"}
NOT_STATED = "(not stated)"  # the row of the proposals that have no value of a field


class FacetRow(Struct):
    value: str
    label: str
    count: int
    share: float
    filter: str  # the query filter that selects the rows with this value

    def bar(self, width: int, top: float = 1.0) -> str:
        """The share as a bar of ``width`` cells for the ``top`` share (the largest)."""
        from .text import one_line

        cells = round(self.share / (top or 1.0) * width * 8)
        full, rest = divmod(cells, 8)
        return one_line("█" * full + (" ▏▎▍▌▋▊▉"[rest] if rest else ""))


class FacetCounts(Struct):
    facet: str
    view: str
    query: str
    total: int
    rows: list[FacetRow] = field(default_factory=list)
    # the spellings counted instead, where the query's own found nothing (as the list)
    corrections: list[tuple[str, str]] = field(default_factory=list)

    @property
    def top(self) -> float:
        return max((r.share for r in self.rows), default=1.0)

    @property
    def title(self) -> str:
        noun = _NOUNS.get(self.view, self.view)
        scope = f" matching {self.query}" if self.query else ""
        if self.corrections:  # ("pharmaceuticls" counted as the list reads it)
            scope += f" (as {', '.join(fixed for _was, fixed in self.corrections)})"
        return f"{self.total:,} {noun}{scope}, by {self.facet}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.facet,
            "view": self.view,
            "query": self.query,
            "total": self.total,
            "corrections": [list(c) for c in self.corrections],
            "values": [
                {"value": r.value, "label": r.label, "count": r.count, "share": r.share,
                 "filter": r.filter}
                for r in self.rows
            ],
        }  # fmt: skip


def _label(name: str, value: str) -> tuple[str, str]:
    """(label, filter) of a facet value."""
    if name == "sector":
        return sector_label(value), f"sector:{value}"
    if name == "region":
        return short_region(value), f"region:{filter_value(value)}"
    if name == "status":
        return STATUS_LABELS.get(value, value), f"status:{value}"
    if name == "proposer":
        return value.replace("-", " ").title(), f"person:{value}"
    return value, f"year:{value}"


def _one_spelling(slug: str) -> str:
    """A person's name (as the index keeps it, "alexander-lukashenko") with each word in the
    first spelling of its group (:data:`NAME_GROUPS`): one key for all its spellings."""
    return "-".join(
        next((g[0] for g in NAME_GROUPS if word in g), word) for word in slug.split("-")
    )


def facet_counts(
    index: SearchIndex, name: str, query: str = "", *, view: str = "proposals"
) -> FacetCounts:
    """How many of ``view``'s rows for ``query`` have each value of facet ``name``.
    Raises QueryError for a bad query, ValueError for an unknown facet."""
    from .index import buckets

    if name not in FACET_FIELDS:
        raise ValueError(f"unknown field {name!r} (one of: {', '.join(FACET_FIELDS)})")
    kind = "meetings" if view in ("meetings", "regions") else "proposals"
    if name == "year":
        spec = {"f": {"histogram": {"field": "date", "interval": 10000, "min_doc_count": 1}}}
    else:
        spec = {"f": {"terms": {"field": _FIELDS[kind][name], "size": 100_000}}}
    total, found, corrections = index.aggregate(
        query, spec, view="proposals" if kind == "proposals" else "meetings"
    )
    counts: list[tuple[str, int]] = []
    for b in buckets(found, "f"):
        key, n = b.get("key"), int(b.get("doc_count", 0))
        if not n or key is None:
            continue
        if name == "year":
            year = int(float(key)) // 10000
            if year <= 0:
                continue
            key = str(year)
        counts.append((str(key), n))
    # One row a region: its spellings as stored ("Samara Oblast", "Samara region", which its
    # filter finds alike) are counted together, under the region's own name. Names no list
    # knows stay apart, as written.
    # So does a person under the spellings of a name ("Alexander Lukashenko" from a drafted
    # report beside the dataset's "Aleksandr Lukashenko"), whom person: finds alike: under
    # the spelling most of their records have.
    merged: dict[str, tuple[str, int, str, str]] = {}
    for value, n in sorted(counts, key=lambda c: -c[1]):
        if name == "region":
            key = canonical_region(value)
        elif name == "proposer" and kind == "proposals":
            # (a proposal has one proposer: the counts add up; a meeting with proposals
            # under both spellings would be counted under each, and person: also finds its
            # guests, so meetings keep a row a spelling)
            key = _one_spelling(value)
        else:
            key = value
        if key in merged:
            first, before, text, flt = merged[key]
            merged[key] = (first, before + n, text, flt)
        else:
            # (a person under the spelling counted most, read first)
            merged[key] = (value, n, *_label(name, value if name == "proposer" else key))
    labelled = list(merged.values())
    # the most first; ties A-Z as the labels read ("Tatarstan" is the Republic of Tatarstan),
    # statuses in their order of work (proposed, agreed, in progress, ...) as everywhere else
    order = list(STATUSES) if name == "status" else []

    def tie(value: str, text: str) -> tuple[int, str]:
        return (order.index(value) if value in order else len(order), text.casefold())

    labelled.sort(
        key=lambda r: (-r[1], *tie(r[0], r[2])) if name != "year" else (-int(r[0]), 0, "")
    )
    out = FacetCounts(name, kind, query, total, corrections=list(corrections))
    for value, n, text, flt in labelled:
        out.rows.append(FacetRow(value, text, n, n / total if total else 0.0, flt))
    unstated = total - sum(n for _v, n, _t, _f in labelled)
    if kind == "proposals" and name != "year" and unstated > 0:
        # a proposal has one value of each or none (no proposer named): those without one
        # are counted too, so the shares add up; no filter selects them
        out.rows.append(FacetRow("", NOT_STATED, unstated, unstated / total, ""))
    return out
