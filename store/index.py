"""The search index: Tantivy over the records, queried with coopbrowse's query language.

:mod:`coopbrowse.store.schema` says what a document holds; this module writes documents
(:meth:`SearchIndex.write`), translates a parsed query into a Tantivy query
(:class:`_Compiler`), and serves everything the screen and the CLI read: ranked hits with
highlights (:meth:`SearchIndex.search`), a view's rows in any order, a page at a time
(:meth:`SearchIndex.listing`), the regions' figures (:meth:`SearchIndex.regions`), a record's
detail, and completion values. Nothing here parses the database: the index stores what the
screen shows. Where the index lives and when it is rebuilt is :mod:`coopbrowse.store.library`.

Thread safety: a Tantivy searcher is an immutable snapshot and may be used from any thread;
the memos here hold only immutable values, keyed by the snapshot they came from.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .analysis import edit_distance, fold, spans, term
from .errors import StoreError
from .model import Meeting, Proposal, TradeFigure, ValidationError
from .query import And, Filter, Node, Not, Or, Phrase, QueryError, Word, parse, walk
from .regions import find_region
from .schema import (
    FIELD_NAMES,
    SUB_WEIGHT,
    TIERS,
    _cut,
    build_schema,
    documents,
    meeting_fields,
    proposal_fields,
    record_uid,
    register_tokenizers,
)
from .taxonomy import SECTORS, STATUSES

if TYPE_CHECKING:
    import tantivy

PAGE = 100  # rows fetched with a view's first answer; the rest follow in the background
EXPANSIONS_SCORED = 64  # prefix expansions ranked by BM25; more still match, unranked
EXPANSIONS_MAX = 2_000
_TOKEN_RE = re.compile(r"[^\W_]+", re.UNICODE)


class IndexCorrupt(StoreError):
    """The index holds something that is not a valid record; it must be rebuilt."""


# Results ------------------------------------------------------------------------------------


@dataclass
class Hit:
    """One result: a meeting or a proposal, its score, and the matched spans.

    ``spans`` maps a field path (``title``, ``detail``, ``participants[0].name``, ...) to the
    ``(start, end)`` offsets of matched words in that field's text; worked out on first use.
    """

    kind: str
    id: str
    score: float
    record: Meeting | Proposal
    meeting: Meeting
    _spans: Callable[[], dict[str, list[tuple[int, int]]]] | dict[str, list[tuple[int, int]]] = (
        field(default_factory=dict, repr=False)
    )

    @property
    def spans(self) -> dict[str, list[tuple[int, int]]]:
        if callable(self._spans):
            self._spans = self._spans()
        return self._spans

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "score": round(self.score, 4),
            "record": self.record.to_dict(),
            "spans": {k: [list(s) for s in v] for k, v in self.spans.items()},
        }


@dataclass
class SearchResult:
    """Ranked hits (best first), the total count, and how the query was understood."""

    query: str
    hits: list[Hit]
    total: int
    corrections: list[tuple[str, str]] = field(default_factory=list)

    @property
    def fuzzy(self) -> bool:
        """True when nothing matched exactly and misspelt words were corrected."""
        return bool(self.corrections)


@dataclass(frozen=True)
class Ref:
    """A row of a listing: a document of one searcher snapshot."""

    segment: int
    doc: int


@dataclass
class Listing:
    """A view's rows for a query and an order: the count, and the rows' documents.

    The first :data:`PAGE` rows come with the answer; :meth:`complete` fetches the rest (call
    it off the UI thread). Rows are read with :meth:`SearchIndex.row` through the listing's
    own snapshot, so a listing stays consistent while the index changes.
    """

    view: str
    query: str
    sort: str
    total: int
    corrections: list[tuple[str, str]]
    tree: Node | None
    _searcher: Any = field(repr=False)
    _query: Any = field(repr=False)
    _order: tuple[str | None, bool] = field(repr=False)
    _segments: array[int] = field(default_factory=lambda: array("H"), repr=False)
    _docs: array[int] = field(default_factory=lambda: array("I"), repr=False)

    @property
    def loaded(self) -> int:
        return len(self._docs)

    @property
    def complete_(self) -> bool:
        return len(self._docs) >= self.total

    def ref(self, i: int) -> Ref | None:
        if 0 <= i < len(self._docs):
            return Ref(self._segments[i], self._docs[i])
        return None

    def _take(self, hits: list[tuple[Any, Any]]) -> None:
        segments, docs = array("H"), array("I")
        for _value, address in hits:
            segments.append(address.segment_ord)
            docs.append(address.doc)
        self._segments, self._docs = segments, docs

    def complete(self) -> None:
        """Fetch every row (a single call into Tantivy; tens of milliseconds at 100,000)."""
        if self.complete_:
            return
        name, descending = self._order
        self._take(_run(self._searcher, self._query, self.total, name, descending, count=False)[0])

    def refs(self, start: int = 0, stop: int | None = None) -> list[Ref]:
        stop = len(self._docs) if stop is None else min(stop, len(self._docs))
        return [Ref(self._segments[i], self._docs[i]) for i in range(max(0, start), stop)]


@dataclass(frozen=True)
class RegionRow:
    """A region's figures in the regions view (for the meetings a query matched)."""

    name: str
    meetings: int
    proposals: int
    latest: str  # date of its newest meeting
    turnover: dict[int, float]  # full-year turnover by year (largest figure quoted)


@dataclass
class RegionDetail:
    name: str
    meetings: list[Meeting]  # the newest, without proposals
    meeting_count: int
    proposal_count: int
    figures: list[tuple[TradeFigure, str, str]]  # (figure, meeting date, host) newest first
    figure_count: int
    sectors: dict[str, int]


@dataclass(frozen=True)
class Related:
    """Proposals of the same sector raised at other meetings, newest first."""

    shown: list[tuple[Proposal, Meeting]]
    total: int


# Sorts --------------------------------------------------------------------------------------

# view -> sort id -> (fast field, descending); "relevance" ranks by score.
SORTS: dict[str, dict[str, tuple[str | None, bool]]] = {
    "meetings": {
        "newest": ("o_date", True),
        "oldest": ("o_date", False),
        "region": ("o_region", False),
        "proposals": ("o_props", True),
        "trade": ("o_trade", True),
    },
    "proposals": {
        "newest": ("o_date", True),
        "sector": ("o_sector", False),
        "region": ("o_region", False),
    },
}
_SCOPE = {"meetings": "meeting", "proposals": "proposal"}


def _run(
    searcher: Any, query: Any, limit: int, order: str | None, descending: bool, *, count: bool
) -> tuple[list[tuple[Any, Any]], int]:
    import tantivy

    limit = max(1, limit)
    if order is None:
        result = searcher.search(query, limit, count=count)
    else:
        direction = tantivy.Order.Desc if descending else tantivy.Order.Asc
        result = searcher.search(query, limit, count=count, order_by_field=order, order=direction)
    return result.hits, (result.count if count else 0)


# The index ----------------------------------------------------------------------------------


class SearchIndex:
    """A Tantivy index of meetings and proposals (on disk, or in memory when ``path`` is None)."""

    def __init__(self, index: tantivy.Index, path: Path | None = None) -> None:
        self._index = index
        self.path = path
        self.schema = index.schema
        self._write_lock = threading.Lock()
        self._snapshot = 0  # bumped on every reload: memos are per snapshot
        self._memo: dict[tuple[Any, ...], Any] = {}
        self._heads: OrderedDict[tuple[int, str], Meeting] = OrderedDict()
        self._heads_lock = threading.Lock()

    # Opening and building ----------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | None = None) -> SearchIndex:
        """A new, empty index in directory ``path`` (which must exist and be empty)."""
        import tantivy

        index = tantivy.Index(build_schema(), path=str(path) if path else None, reuse=False)
        register_tokenizers(index)
        index.config_reader(reload_policy="manual")
        return cls(index, path)

    @classmethod
    def open(cls, path: Path) -> SearchIndex:
        """The index in directory ``path``; :class:`IndexCorrupt` if it cannot be used."""
        import tantivy

        try:
            if not tantivy.Index.exists(str(path)):
                raise IndexCorrupt(path, "no search index here")
            index = tantivy.Index.open(str(path))
            register_tokenizers(index)
            index.config_reader(reload_policy="manual")
            found = cls(index, path)
            found._check_schema()
            found.searcher()
        except IndexCorrupt:
            raise
        except BaseException as exc:  # Tantivy raises ValueError, or a panic on damaged files
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            raise IndexCorrupt(path, f"unreadable search index ({_short(exc)})") from None
        return found

    def _check_schema(self) -> None:
        """The index's own record of its fields (``meta.json``) must be this schema's."""
        assert self.path is not None
        try:
            meta = json.loads((self.path / "meta.json").read_text(encoding="utf-8"))
            names = {f["name"] for f in meta["schema"]}
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            raise IndexCorrupt(self.path, "search index without a readable schema") from None
        if names != FIELD_NAMES:
            raise IndexCorrupt(self.path, "search index of another format")

    @classmethod
    def build(
        cls,
        meetings: Iterable[Meeting],
        path: Path | None = None,
        *,
        progress: Callable[[int], None] | None = None,
    ) -> SearchIndex:
        """The index of ``meetings`` (in memory unless ``path`` is given)."""
        index = cls.create(path)
        index.write(add=meetings, progress=progress, bulk=True)
        return index

    def searcher(self) -> Any:
        return self._index.searcher()

    def reload(self) -> None:
        """See the latest commit (made here or by another process)."""
        self._index.reload()
        self._snapshot += 1
        self._memo = {}

    # Writing -----------------------------------------------------------------------------

    def write(
        self,
        *,
        remove: Iterable[str] = (),
        add: Iterable[Meeting] = (),
        progress: Callable[[int], None] | None = None,
        bulk: bool = False,
    ) -> None:
        """Remove meetings (and their proposals) by id and (re-)index ``add``, in one commit.

        ``progress`` is called with the number of meetings indexed so far, every 1,000.
        Nothing is visible until the commit; a failure rolls the writer back.
        """
        heap, threads = (256_000_000, 0) if bulk else (32_000_000, 1)
        with self._write_lock:
            writer = self._index.writer(heap_size=heap, num_threads=threads)
            try:
                for mid in remove:
                    writer.delete_documents_by_term("mid", _cut(mid))
                for n, m in enumerate(add, 1):
                    if not bulk:
                        writer.delete_documents_by_term("mid", _cut(m.id))
                    for doc in documents(m):
                        writer.add_document(doc)
                    if progress is not None and n % 1000 == 0:
                        progress(n)
                writer.commit()
                writer.wait_merging_threads()
            except BaseException:
                with contextlib.suppress(BaseException):  # the first error is the one to report
                    writer.rollback()
                raise
        self.reload()

    def add_meetings(self, meetings: Iterable[Meeting]) -> None:
        """Index (or re-index) meetings and their proposals."""
        self.write(add=meetings)

    def remove_meetings(self, meeting_ids: Iterable[str]) -> None:
        self.write(remove=meeting_ids)

    # Searching (the CLI's ranked hits) ---------------------------------------------------

    def search(
        self,
        query: str | Node,
        *,
        limit: int | None = 50,
        kind: str | None = None,
        fuzzy: bool = True,
    ) -> SearchResult:
        """Meetings and proposals matching ``query``, best first (newest first when the
        query only filters). Raises :class:`QueryError` for a malformed query."""
        text = query if isinstance(query, str) else ""
        searcher = self.searcher()
        tree, compiled, corrections, total = self._answer(searcher, query, "all", kind, fuzzy)
        order = (None, True) if _ranked(tree) else ("o_date", True)
        wanted = total if limit is None else min(limit, total)
        hits_raw = _run(searcher, compiled, wanted, *order, count=False)[0] if wanted else []
        highlight = self._highlight(searcher, tree)
        hits = []
        for value, address in hits_raw:
            kind_, record, meeting = self._full(searcher, address)
            score = float(value) if order[0] is None else 0.0
            spans_of = _lazy_spans(record, meeting, highlight)
            hits.append(Hit(kind_, record.id, score, record, meeting, spans_of))
        return SearchResult(text, hits, total, corrections)

    def count(self, query: str | Node, *, view: str) -> int:
        """How many rows ``view`` lists for ``query``."""
        searcher = self.searcher()
        return self._answer(searcher, query, _SCOPE[view], None, False)[3]

    def _answer(
        self, searcher: Any, query: str | Node, scope: str, kind: str | None, fuzzy: bool
    ) -> tuple[Node, Any, list[tuple[str, str]], int]:
        """``(tree, compiled query, corrections, total)``, with the spelling fallback."""
        text = query if isinstance(query, str) else ""
        tree = rewrite_regions(parse(query) if isinstance(query, str) else query)
        compiler = _Compiler(self, searcher, scope, kind, text)
        compiled = compiler.compile(tree)
        total = _run(searcher, compiled, 1, None, True, count=True)[1]
        corrections: list[tuple[str, str]] = []
        if not total and fuzzy:
            fixed, corrections = self._correct(searcher, tree, compiler)
            if corrections:
                fixed_query = compiler.compile(fixed)
                fixed_total = _run(searcher, fixed_query, 1, None, True, count=True)[1]
                if fixed_total:
                    return fixed, fixed_query, corrections, fixed_total
                corrections = []
        return tree, compiled, corrections, total

    # Views -------------------------------------------------------------------------------

    def listing(
        self, view: str, query: str | Node = "", sort: str = "relevance", *, page: int = PAGE
    ) -> Listing:
        """The rows of ``view`` (meetings or proposals) for ``query`` in order ``sort``
        (``relevance`` or one of :data:`SORTS`), with the first ``page`` rows loaded.
        Raises :class:`QueryError` for a malformed query."""
        searcher = self.searcher()
        text = query if isinstance(query, str) else ""
        empty = not text.strip() if isinstance(query, str) else False
        tree, compiled, corrections, total = self._answer(
            searcher, query, _SCOPE[view], None, not empty
        )
        if sort == "relevance" and _ranked(tree):
            order: tuple[str | None, bool] = (None, True)
        else:
            order = SORTS[view].get(sort, SORTS[view]["newest"])
        listing = Listing(
            view, text, sort, total, corrections, None if empty else tree, searcher, compiled, order
        )
        if total:
            listing._take(_run(searcher, compiled, min(page, total), *order, count=False)[0])
        return listing

    def row(self, listing: Listing, i: int) -> tuple[str, Meeting | Proposal, Meeting] | None:
        """Row ``i`` of ``listing`` as ``(kind, record, meeting)`` (meetings without their
        proposals; see :meth:`proposal_count`), or None while it is not loaded yet."""
        ref = listing.ref(i)
        if ref is None:
            return None
        return self._light(listing._searcher, ref)

    def keys(self, listing: Listing) -> list[tuple[str, str]]:
        """Every row's ``(kind, id)`` (loads the whole listing; a few seconds at 500,000)."""
        listing.complete()
        kind = _SCOPE[listing.view]
        return [(kind, self._id(listing._searcher, ref)) for ref in listing.refs()]

    def key_at(self, listing: Listing, i: int) -> tuple[str, str] | None:
        ref = listing.ref(i)
        return None if ref is None else (_SCOPE[listing.view], self._id(listing._searcher, ref))

    def _id(self, searcher: Any, ref: Any) -> str:
        found = self._doc(searcher, ref).get_first("id")
        if not isinstance(found, str):
            raise IndexCorrupt(self.path, "a document without an id")
        return found

    def position(self, listing: Listing, key: tuple[str, str]) -> int | None:
        """Where the row of ``key`` is in ``listing`` (loads the whole listing)."""
        import tantivy

        kind, rid = key
        if kind != _SCOPE.get(listing.view):
            return None
        listing.complete()
        wanted = record_uid(kind, rid)
        addresses = [tantivy.DocAddress(r.segment, r.doc) for r in listing.refs()]
        uids = listing._searcher.fast_field_values("uid", addresses)
        for i, uid in enumerate(uids):
            if uid == wanted and self._id(listing._searcher, listing.refs(i, i + 1)[0]) == rid:
                return i
        return None

    def matcher(self, query: str | Node) -> Callable[[str], list[tuple[int, int]]]:
        """A function giving the spans of ``query``'s matched words in any text (for
        highlighting a record's fields the way the search matched them)."""
        tree = rewrite_regions(parse(query) if isinstance(query, str) else query)
        h = self._highlight(self.searcher(), tree)
        words = set().union(*h.paths.values()) if h.paths else set()
        if not (h.terms or h.prefixes or words):
            return lambda text: []
        terms_, prefixes = h.terms, tuple(h.prefixes | words)

        def spans_of(text: str) -> list[tuple[int, int]]:
            out = []
            for start, end, t in spans(text):
                if t in terms_ or (prefixes and fold(text[start:end]).startswith(prefixes)):
                    out.append((start, end))
            return out

        return spans_of

    # Records -----------------------------------------------------------------------------

    def _doc(self, searcher: Any, ref: Any) -> Any:
        import tantivy

        address = ref if isinstance(ref, tantivy.DocAddress) else tantivy.DocAddress(*_pair(ref))
        try:
            return searcher.doc(address)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            raise IndexCorrupt(self.path, f"unreadable document ({_short(exc)})") from None

    def _rec(self, searcher: Any, ref: Any) -> dict[str, Any]:
        doc = self._doc(searcher, ref)
        found = doc.get_first("rec")
        try:
            data = json.loads(bytes(found).decode("utf-8")) if found is not None else None
        except (ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            raise IndexCorrupt(self.path, "a document without a valid record")
        return data

    def _light(self, searcher: Any, ref: Any) -> tuple[str, Meeting | Proposal, Meeting]:
        """A row's record, its meeting without proposals (from a memo)."""
        rec = self._rec(searcher, ref)
        if "m" in rec:
            meeting = self._meeting_of(rec)
            return "meeting", meeting, meeting
        proposal = _valid(Proposal.from_dict, rec, self.path)
        head = self.meeting_head(proposal.meeting_id, searcher)
        if head is None:
            raise IndexCorrupt(self.path, f"proposal {proposal.id!r} without its meeting")
        return "proposal", proposal, head

    def _full(self, searcher: Any, ref: Any) -> tuple[str, Meeting | Proposal, Meeting]:
        kind, record, head = self._light(searcher, ref)
        meeting = self.meeting(head.id, searcher) or head
        if isinstance(record, Meeting):
            return kind, meeting, meeting
        return kind, record, meeting

    def _meeting_of(self, rec: dict[str, Any]) -> Meeting:
        meeting = _valid(Meeting.from_dict, rec.get("m"), self.path)
        n = rec.get("n")
        meeting.proposals = []
        object.__setattr__(meeting, "_count", n if isinstance(n, int) else 0)
        return meeting

    def _find(self, searcher: Any, kind: str, rid: str, limit: int = 1) -> list[Any]:
        import tantivy

        q = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "kind", kind)),
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "id", _cut(rid))),
            ]
        )
        return [address for _score, address in searcher.search(q, limit, count=False).hits]

    def meeting_head(self, meeting_id: str, searcher: Any = None) -> Meeting | None:
        """A meeting without its proposals (memoised per snapshot)."""
        key = (self._snapshot, meeting_id)
        with self._heads_lock:
            found = self._heads.get(key)
            if found is not None:
                self._heads.move_to_end(key)
                return found
        searcher = searcher or self.searcher()
        addresses = self._find(searcher, "meeting", meeting_id)
        if not addresses:
            return None
        head = self._meeting_of(self._rec(searcher, addresses[0]))
        with self._heads_lock:
            self._heads[key] = head
            while len(self._heads) > 4096:
                self._heads.popitem(last=False)
        return head

    def meeting(self, meeting_id: str, searcher: Any = None) -> Meeting | None:
        """A meeting with its proposals, or None."""
        import tantivy

        searcher = searcher or self.searcher()
        addresses = self._find(searcher, "meeting", meeting_id)
        if not addresses:
            return None
        meeting = self._meeting_of(self._rec(searcher, addresses[0]))
        q = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "kind", "proposal")),
                (
                    tantivy.Occur.Must,
                    tantivy.Query.term_query(self.schema, "mid", _cut(meeting.id)),
                ),
            ]
        )
        count = getattr(meeting, "_count", 0)
        hits = _run(searcher, q, max(count, 1), "pi", False, count=False)[0] if count else []
        meeting.proposals = [
            _valid(Proposal.from_dict, self._rec(searcher, address), self.path)
            for _value, address in hits
        ]
        return meeting

    def proposal(self, proposal_id: str) -> tuple[Proposal, Meeting] | None:
        """A proposal and its meeting (with all its proposals), or None."""
        searcher = self.searcher()
        addresses = self._find(searcher, "proposal", proposal_id)
        if not addresses:
            return None
        proposal = _valid(Proposal.from_dict, self._rec(searcher, addresses[0]), self.path)
        meeting = self.meeting(proposal.meeting_id, searcher)
        if meeting is None:
            raise IndexCorrupt(self.path, f"proposal {proposal.id!r} without its meeting")
        return proposal, meeting

    def proposal_count(self, meeting: Meeting) -> int:
        """How many proposals a meeting has (a row's meeting carries only the count)."""
        return len(meeting.proposals) or getattr(meeting, "_count", 0)

    def exists(self, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which of ``keys`` name a record in the index."""
        searcher = self.searcher()
        return {
            (k, i) for k, i in keys if k in ("meeting", "proposal") and self._find(searcher, k, i)
        }

    def iter_meetings(self, searcher: Any = None) -> Iterator[Meeting]:
        """Every meeting with its proposals, newest first (one ordered pass: a meeting's
        proposals follow it in the ``o_date`` order)."""
        import tantivy

        searcher = searcher or self.searcher()
        q = tantivy.Query.term_set_query(self.schema, "kind", ["meeting", "proposal"])
        total = _run(searcher, q, 1, None, True, count=True)[1]
        if not total:
            return
        current: Meeting | None = None
        for _value, address in _run(searcher, q, total, "o_date", True, count=False)[0]:
            rec = self._rec(searcher, address)
            if "m" in rec:
                if current is not None:
                    yield current
                current = self._meeting_of(rec)
            else:
                proposal = _valid(Proposal.from_dict, rec, self.path)
                if current is None or proposal.meeting_id != current.id:
                    raise IndexCorrupt(self.path, f"proposal {proposal.id!r} out of place")
                current.proposals.append(proposal)
        if current is not None:
            yield current

    @property
    def meeting_total(self) -> int:
        import tantivy

        q = tantivy.Query.term_query(self.schema, "kind", "meeting")
        return _run(self.searcher(), q, 1, None, True, count=True)[1]

    def related(self, proposal: Proposal, meeting: Meeting, limit: int = 12) -> Related:
        """Proposals of ``proposal``'s sector from other meetings, newest first."""
        import tantivy

        T = tantivy.Query
        q = T.boolean_query(
            [
                (tantivy.Occur.Must, T.term_query(self.schema, "kind", "proposal")),
                (tantivy.Occur.Must, T.term_query(self.schema, "sector", proposal.sector)),
                (tantivy.Occur.MustNot, T.term_query(self.schema, "mid", _cut(meeting.id))),
            ]
        )
        searcher = self.searcher()
        hits, total = _run(searcher, q, limit, "o_date", True, count=True)
        shown = []
        for _value, address in hits:
            _kind, record, head = self._light(searcher, address)
            assert isinstance(record, Proposal)
            shown.append((record, head))
        return Related(shown, total)

    # Regions -----------------------------------------------------------------------------

    def regions(self, query: str | Node = "") -> list[RegionRow]:
        """Each region with meetings matching ``query``: counts, newest meeting, turnover by
        year (every quoted full-year turnover figure of the region, the largest per year)."""
        searcher = self.searcher()
        _tree, compiled, _c, total = self._answer(searcher, query, "meeting", None, False)
        if not total:
            return []
        agg = {
            "r": {
                "terms": {"field": "region", "size": 100_000},
                "aggs": {"d": {"max": {"field": "date"}}, "n": {"sum": {"field": "nprops"}}},
            }
        }
        buckets = _buckets(searcher.aggregate(compiled, agg), "r")
        turnover = self._turnover(searcher)
        rows = []
        for b in buckets:
            name = str(b.get("key", ""))
            count = int(b.get("doc_count", 0))
            latest = _date_of(b.get("d", {}).get("value"))
            props = int(b.get("n", {}).get("value") or 0)
            rows.append(RegionRow(name, count, props, latest, turnover.get(name, {})))
        return rows

    def _turnover(self, searcher: Any) -> dict[str, dict[int, float]]:
        key = ("turnover", self._snapshot)
        found = self._memo.get(key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        import tantivy

        q = tantivy.Query.term_query(self.schema, "turnover", 1)
        agg = {
            "r": {
                "terms": {"field": "region", "size": 100_000},
                "aggs": {
                    "y": {
                        "terms": {"field": "year", "size": 10_000},
                        "aggs": {"v": {"max": {"field": "usd"}}},
                    }
                },
            }
        }
        out: dict[str, dict[int, float]] = {}
        for b in _buckets(searcher.aggregate(q, agg), "r"):
            years: dict[int, float] = {}
            for y in _buckets(b, "y"):
                value = y.get("v", {}).get("value")
                if isinstance(y.get("key"), int | float) and isinstance(value, int | float):
                    years[int(y["key"])] = float(value)
            out[str(b.get("key", ""))] = dict(sorted(years.items()))
        self._memo[key] = out
        return out

    def region_detail(self, region: str, shown: int = 12, figures: int = 30) -> RegionDetail:
        """A region's newest meetings, trade figures and sectors raised."""
        import tantivy

        T, Occur = tantivy.Query, tantivy.Occur
        searcher = self.searcher()

        def of(kind: str) -> Any:
            return T.boolean_query(
                [
                    (Occur.Must, T.term_query(self.schema, "kind", kind)),
                    (Occur.Must, T.term_query(self.schema, "region", _cut(region))),
                ]
            )

        hits, n_meetings = _run(searcher, of("meeting"), shown, "o_date", True, count=True)
        meetings = [self._meeting_of(self._rec(searcher, a)) for _v, a in hits]
        n_props = _run(searcher, of("proposal"), 1, None, True, count=True)[1]
        trade_hits, n_figures = _run(searcher, of("trade"), figures, "o_date", True, count=True)
        rows = []
        for _v, address in trade_hits:
            rec = self._rec(searcher, address)
            figure = _valid(TradeFigure.from_dict, rec.get("figure"), self.path)
            rows.append((figure, str(rec.get("date", "")), str(rec.get("host", ""))))
        agg = searcher.aggregate(
            of("proposal"), {"s": {"terms": {"field": "sector", "size": 1000}}}
        )
        sectors = {str(b.get("key")): int(b.get("doc_count", 0)) for b in _buckets(agg, "s")}
        return RegionDetail(region, meetings, n_meetings, n_props, rows, n_figures, sectors)

    # Completion --------------------------------------------------------------------------

    def _terms(self, searcher: Any, name: str, kind: str | None = None) -> list[tuple[Any, int]]:
        """Distinct values of fast field ``name`` among live docs, with their counts."""
        import tantivy

        key = ("terms", self._snapshot, name, kind)
        found = self._memo.get(key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        q = (
            tantivy.Query.term_query(self.schema, "kind", kind)
            if kind
            else tantivy.Query.all_query()
        )
        agg = searcher.aggregate(q, {"t": {"terms": {"field": name, "size": 1_000_000}}})
        out = [(b.get("key"), int(b.get("doc_count", 0))) for b in _buckets(agg, "t")]
        self._memo[key] = out
        return out

    def known_regions(self, searcher: Any = None) -> list[str]:
        searcher = searcher or self.searcher()
        return sorted(str(k) for k, _n in self._terms(searcher, "region", "meeting"))

    def field_values(self, name: str) -> list[str]:
        """The values a field filter can take in this collection (for completion)."""
        from .regions import _slug

        searcher = self.searcher()
        if name == "region":
            out = set()
            for region in self.known_regions(searcher):
                known = find_region(region)
                out.add(known.key if known else _slug(region))
            return sorted(out)
        if name == "sector":
            present = {str(k) for k, _n in self._terms(searcher, "sector", "proposal")}
            return [s.id for s in SECTORS if s.id in present]
        if name == "status":
            present = {str(k) for k, _n in self._terms(searcher, "status", "proposal")}
            return [s for s in STATUSES if s in present]
        if name == "type":
            return ["meeting", "proposal"]
        dates = sorted(
            (int(k) for k, _n in self._terms(searcher, "date", "meeting") if _is_int(k)),
            reverse=True,
        )
        if name == "year":
            return list(dict.fromkeys(f"{d // 10_000:04d}" for d in dates if d))
        if name == "date":
            return list(
                dict.fromkeys(f"{d // 10_000:04d}-{d // 100 % 100:02d}" for d in dates if d)
            )
        if name == "person":
            return sorted({str(k) for k, _n in self._terms(searcher, "pkey") if k})
        if name == "enterprise":
            return sorted({str(k) for k, _n in self._terms(searcher, "ekey") if k})
        raise KeyError(name)

    # Corrections and highlights ----------------------------------------------------------

    def _expand(self, searcher: Any, prefix: str) -> list[str]:
        """Terms of the indexed words starting with ``prefix``, most frequent first."""
        p = fold(prefix)
        key = ("expand", self._snapshot, p)
        found = self._memo.get(key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        if not p:
            return []
        freq: dict[str, int] = {}
        for word, df in searcher.terms_with_prefix("words", p, limit=EXPANSIONS_MAX):
            t = term(str(word))
            freq[t] = max(freq.get(t, 0), int(df))
        canonical = term(p)
        if canonical not in freq and self._df(searcher, canonical):
            freq[canonical] = self._df(searcher, canonical)
        out = sorted(freq, key=lambda t: (-freq[t], t))
        self._memo[key] = out
        return out

    def _df(self, searcher: Any, t: str, scope: str = "all") -> int:
        fields = [*TIERS, "sub"] if scope == "meeting" else list(TIERS)
        return sum(int(searcher.doc_freq(f, t)) for f in fields)

    def _correct(
        self, searcher: Any, tree: Node, compiler: _Compiler
    ) -> tuple[Node, list[tuple[str, str]]]:
        corrections: list[tuple[str, str]] = []

        def fix(node: Node) -> Node:
            if isinstance(node, Word) and not node.prefix:
                if self._df(searcher, term(fold(node.text)), compiler.scope):
                    return node
                better = self._nearest(searcher, fold(node.text))
                if better is None:
                    return node
                if (node.text, better) not in corrections:
                    corrections.append((node.text, better))
                return Word(better)
            if isinstance(node, And):
                return And(tuple(fix(c) for c in node.children))
            if isinstance(node, Or):
                return Or(tuple(fix(c) for c in node.children))
            return node  # never "correct" what the user excluded

        return fix(tree), corrections

    def _nearest(self, searcher: Any, word: str) -> str | None:
        if len(word) < 4 or not word[0].isalnum():
            return None
        limit = 1 if len(word) <= 6 else 2
        best: tuple[int, int, str] | None = None
        for candidate, df in searcher.terms_with_prefix("words", word[0]):
            candidate = str(candidate)
            if candidate == word:
                return None  # a known word (its records were removed): nothing to correct
            if abs(len(candidate) - len(word)) > limit:
                continue
            d = edit_distance(word, candidate, limit)
            if d <= limit:
                key = (d, -int(df), candidate)
                if best is None or key < best:
                    best = key
        return best[2] if best else None

    def _highlight(self, searcher: Any, tree: Node) -> _Highlight:
        h = _Highlight()
        for leaf, negated in walk(tree):
            if negated:
                continue
            if isinstance(leaf, Word):
                if leaf.prefix:
                    h.prefixes.add(fold(leaf.text))
                    h.terms.update(self._expand(searcher, leaf.text))  # "elev*" marks "lift"
                else:
                    h.terms.add(term(fold(leaf.text)))
            elif isinstance(leaf, Phrase) and leaf.scored:
                h.terms.update(term(fold(w)) for w in leaf.words)
            elif isinstance(leaf, Filter) and leaf.name in ("person", "enterprise", "region"):
                h.paths.setdefault(leaf.name, set()).update(_TOKEN_RE.findall(fold(leaf.value)))
        return h


@dataclass
class _Highlight:
    terms: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    paths: dict[str, set[str]] = field(default_factory=dict)  # filter -> its words


def _lazy_spans(
    record: Meeting | Proposal, meeting: Meeting, h: _Highlight
) -> Callable[[], dict[str, list[tuple[int, int]]]]:
    def compute() -> dict[str, list[tuple[int, int]]]:
        fields = (
            proposal_fields(record, meeting)
            if isinstance(record, Proposal)
            else meeting_fields(meeting)
        )
        out: dict[str, list[tuple[int, int]]] = {}
        for path, text, _tier in fields:
            filter_words: set[str] = set()
            if path == "proposed_by" or path.endswith("].name"):
                filter_words = h.paths.get("person", set())
            elif path.startswith("enterprises["):
                filter_words = h.paths.get("enterprise", set())
            elif path in ("region", "meeting.region"):
                filter_words = h.paths.get("region", set())
            found = []
            for start, end, t in spans(text):
                word = fold(text[start:end])
                if (
                    t in h.terms
                    or any(word.startswith(p) for p in h.prefixes)
                    or any(word.startswith(w) for w in filter_words)
                ):
                    found.append((start, end))
            if found:
                out[path] = found
        return out

    return compute


# Query translation --------------------------------------------------------------------------


class _Compiler:
    """A parsed query as a Tantivy query, for one scope: ``all`` (meetings on their own
    fields, and proposals), ``meeting`` (meetings, with what was proposed at them) or
    ``proposal``. Filters never change the ranking (constant score 0)."""

    def __init__(
        self, index: SearchIndex, searcher: Any, scope: str, kind: str | None, query: str
    ) -> None:
        import tantivy

        self.t = tantivy
        self.index = index
        self.schema = index.schema
        self.searcher = searcher
        self.scope = scope
        self.kind = kind
        self.query = query
        fields = list(TIERS.items())
        if scope == "meeting":
            fields.append(("sub", SUB_WEIGHT))
        self.fields = fields

    def compile(self, tree: Node) -> Any:
        T, Occur = self.t.Query, self.t.Occur
        body = self._node(tree)
        kinds = {"all": ("meeting", "proposal"), "meeting": ("meeting",), "proposal": ("proposal",)}
        wanted = (self.kind,) if self.kind else kinds[self.scope]
        if self.kind and self.kind not in kinds[self.scope]:
            wanted = ()
        restriction = (
            T.term_set_query(self.schema, "kind", list(wanted)) if wanted else T.empty_query()
        )
        return T.boolean_query(
            [(Occur.Must, body), (Occur.Must, T.const_score_query(restriction, 0.0))]
        )

    # nodes

    def _node(self, node: Node) -> Any:
        T, Occur = self.t.Query, self.t.Occur
        if isinstance(node, And):
            if not node.children:
                return T.const_score_query(T.all_query(), 0.0)
            positives = [self._node(c) for c in node.children if not isinstance(c, Not)]
            negatives = [self._node(c.child) for c in node.children if isinstance(c, Not)]
            if not positives:
                positives = [T.const_score_query(T.all_query(), 0.0)]
            clauses = [(Occur.Must, q) for q in positives] + [(Occur.MustNot, q) for q in negatives]
            return clauses[0][1] if len(clauses) == 1 else T.boolean_query(clauses)
        if isinstance(node, Or):
            return T.boolean_query([(Occur.Should, self._node(c)) for c in node.children])
        if isinstance(node, Not):
            return T.boolean_query(
                [
                    (Occur.Must, T.const_score_query(T.all_query(), 0.0)),
                    (Occur.MustNot, self._node(node.child)),
                ]
            )
        if isinstance(node, Word):
            if node.prefix:
                return self._prefix(node.text)
            return self._terms([term(fold(node.text))])
        if isinstance(node, Phrase):
            return self._phrase(node)
        if isinstance(node, Filter):
            return T.const_score_query(self._filter(node), 0.0)
        raise TypeError(node)  # pragma: no cover

    def _term(self, t: str) -> Any:
        T, Occur = self.t.Query, self.t.Occur
        return T.boolean_query(
            [
                (Occur.Should, T.boost_query(T.term_query(self.schema, f, t), w))
                for f, w in self.fields
            ]
        )

    def _terms(self, terms_: list[str]) -> Any:
        T, Occur = self.t.Query, self.t.Occur
        if len(terms_) == 1:
            return self._term(terms_[0])
        return T.boolean_query([(Occur.Should, self._term(t)) for t in terms_])

    def _prefix(self, prefix: str) -> Any:
        T, Occur = self.t.Query, self.t.Occur
        expanded = self.index._expand(self.searcher, prefix)
        if not expanded:
            return T.empty_query()
        scored, rest = expanded[:EXPANSIONS_SCORED], expanded[EXPANSIONS_SCORED:]
        clauses = [(Occur.Should, self._term(t)) for t in scored]
        if rest:
            for f, _w in self.fields:
                clauses.append(
                    (Occur.Should, T.const_score_query(T.term_set_query(self.schema, f, rest), 0.0))
                )
        return T.boolean_query(clauses)

    def _phrase(self, node: Phrase) -> Any:
        T, Occur = self.t.Query, self.t.Occur
        words = [term(fold(w)) for w in node.words]
        if len(words) == 1:
            q = self._term(words[0])
        else:
            q = T.boolean_query(
                [
                    (Occur.Should, T.boost_query(T.phrase_query(self.schema, f, words), w))
                    for f, w in self.fields
                ]
            )
        return q if node.scored else T.const_score_query(q, 0.0)

    def _field(self, name: str) -> list[str]:
        """The fields a filter looks at in this scope."""
        union = {
            "sector": "msector",
            "status": "mstatus",
            "person": "mperson",
            "enterprise": "menterprise",
        }
        if self.scope == "meeting" and name in union:
            return [name, union[name]] if name in ("person",) else [union[name]]
        return [name]

    def _filter(self, f: Filter) -> Any:
        T, Occur = self.t.Query, self.t.Occur
        name, value = f.name, fold(f.value)
        if name == "type":
            return T.term_query(self.schema, "kind", f.value)
        if name == "status":
            return self._any(self._field("status"), [f.value])
        if name in ("date", "year"):
            lo = int(f.start.replace("-", "")) if f.start else None
            hi = int(f.end.replace("-", "")) if f.end else None
            return T.range_query(self.schema, "date", self.t.FieldType.Integer, lo, hi)
        if name == "sector":
            ids = resolve_sector(f.value)
            if not ids:
                known = ", ".join(s.id for s in SECTORS)
                raise QueryError(
                    f"unknown sector '{f.value}' (sectors: {known})", f.pos, self.query
                )
            return self._any(self._field("sector"), ids)
        if name == "region":
            regions = _matching_regions(self.index.known_regions(self.searcher), value)
            if not regions:
                return T.empty_query()
            return self._any(["region"], [_cut(r) for r in regions])
        # person / enterprise: every word of the value starts a word of one name
        words = _TOKEN_RE.findall(value)
        if not words:
            return T.empty_query()
        fields = self._field(name)
        per_word = []
        for w in words:
            pattern = re.escape(w) + ".*"
            options = [T.regex_query(self.schema, fld, pattern) for fld in fields]
            per_word.append(
                options[0]
                if len(options) == 1
                else T.boolean_query([(Occur.Should, q) for q in options])
            )
        return (
            per_word[0]
            if len(per_word) == 1
            else T.boolean_query([(Occur.Must, q) for q in per_word])
        )

    def _any(self, fields: list[str], values: list[str]) -> Any:
        T, Occur = self.t.Query, self.t.Occur
        queries = [T.term_set_query(self.schema, fld, values) for fld in fields]
        return (
            queries[0]
            if len(queries) == 1
            else T.boolean_query([(Occur.Should, q) for q in queries])
        )


# Helpers ------------------------------------------------------------------------------------


def _ranked(tree: Node) -> bool:
    """Whether a query has words to rank by (else its results come newest first)."""
    return any(
        not negated and (isinstance(leaf, Word) or (isinstance(leaf, Phrase) and leaf.scored))
        for leaf, negated in walk(tree)
    )


def _valid(make: Callable[..., Any], data: Any, path: Path | None) -> Any:
    try:
        return make(data)
    except (ValidationError, TypeError, ValueError, RecursionError) as exc:
        raise IndexCorrupt(path, f"a stored record is not valid ({_short(exc)})") from None


def _pair(ref: Any) -> tuple[int, int]:
    return (ref.segment, ref.doc)


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def _buckets(found: Any, name: str) -> list[dict[str, Any]]:
    if not isinstance(found, dict):
        return []
    part = found.get(name)
    buckets = part.get("buckets") if isinstance(part, dict) else None
    return [b for b in buckets if isinstance(b, dict)] if isinstance(buckets, list) else []


def _date_of(value: Any) -> str:
    if not isinstance(value, int | float) or value <= 0:
        return ""
    n = int(value)
    return f"{n // 10_000:04d}-{n // 100 % 100:02d}-{n % 100:02d}"


def _is_int(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _matching_regions(known: list[str], value: str) -> list[str]:
    """The indexed regions a ``region:`` value names: the region it spells exactly, else
    every region whose slug is the value or has a word starting with it."""
    from .regions import _slug

    region = find_region(value) or find_region(value.replace("-", " "))
    if region is not None and region.name in known:
        return [region.name]
    out = []
    slug = _slug(value)
    for name in known:
        if region is not None and region.name == name:
            out.append(name)
            continue
        if _slug(name) == slug or any(w.startswith(value) for w in _TOKEN_RE.findall(fold(name))):
            out.append(name)
    return out


def _region_phrase(words: tuple[str, ...]) -> Node | None:
    """``Moscow Region`` -> (``"moscow oblast"`` OR ``"moscow region"``); None if no region."""
    region = find_region(" ".join(words))
    if region is None:
        return None
    canonical = tuple(_TOKEN_RE.findall(fold(region.name)))
    if canonical == tuple(fold(w) for w in words):
        return None
    original = Phrase(words, scored=False) if len(words) > 1 else Word(words[0])
    return Or((Phrase(canonical) if len(canonical) > 1 else Word(canonical[0]), original))


def rewrite_regions(node: Node) -> Node:
    """Let every spelling of a region find the others (``Moscow Region`` finds Moscow Oblast)."""
    if isinstance(node, Phrase):
        return _region_phrase(node.words) or node
    if isinstance(node, Not):
        return Not(rewrite_regions(node.child))
    if isinstance(node, Or):
        return Or(tuple(rewrite_regions(c) for c in node.children))
    if not isinstance(node, And):
        return node
    children = [rewrite_regions(c) for c in node.children]
    out: list[Node] = []
    i = 0
    while i < len(children):
        replaced = False
        for size in (4, 3, 2):
            window = children[i : i + size]
            if len(window) == size and all(isinstance(c, Word) and not c.prefix for c in window):
                found = _region_phrase(tuple(c.text for c in window))  # type: ignore[union-attr]
                if found is not None:
                    out.append(found)
                    i += size
                    replaced = True
                    break
        if not replaced:
            out.append(children[i])
            i += 1
    return And(tuple(out)) if len(out) != 1 else out[0]


_FILLER = {"and", "the", "of", "in", "for", "to"}


def resolve_sector(value: str) -> list[str]:
    """Sector ids a filter value names: an id or a prefix of one, the label or a prefix of it,
    a word of the label or of the sector's terms (3+ letters), or a synonym."""
    v = " ".join(_TOKEN_RE.findall(fold(value)))
    if not v:
        return []
    slug = v.replace(" ", "-")
    if any(s.id == slug for s in SECTORS):
        return [slug]
    wanted = term(v)
    out = []
    for s in SECTORS:
        label = " ".join(_TOKEN_RE.findall(fold(s.label)))
        words = set(_TOKEN_RE.findall(fold(f"{s.id} {s.label} {' '.join(s.terms)}"))) - _FILLER
        if (
            (len(v) >= 2 and (s.id.startswith(slug) or label.startswith(v)))
            or (len(v) >= 3 and v not in _FILLER and any(w.startswith(v) for w in words))
            or wanted in {term(w) for w in words}
        ):
            out.append(s.id)
    return out
