"""The search index: Tantivy over the records, read the way the screen and the CLI need.

:mod:`coopbrowse.store.schema` says what a document holds and :mod:`coopbrowse.store.translate`
what a query means; this module writes documents (:meth:`SearchIndex.write`) and serves every
read: ranked hits with highlights (:meth:`SearchIndex.search`), a view's rows in any order a
page at a time (:meth:`SearchIndex.listing`), the regions' figures by aggregation
(:meth:`SearchIndex.regions`), a record's detail, and completion values. Nothing here parses
the database. Where the index lives and when it is rebuilt is
:mod:`coopbrowse.store.library`.

Thread safety: a Tantivy searcher is an immutable snapshot and may be used from any thread.
The memos here are keyed by the snapshot they came from and hold values nobody changes; a
:class:`Listing` keeps its own snapshot, so its rows stay consistent while the index changes.
"""

from __future__ import annotations

import contextlib
import threading
from array import array
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field

from .analysis import fold, spans
from .model import Meeting, Proposal, TradeFigure
from .query import And, Node, QueryError, parse
from .records import (
    AwaitedRecords,
    IndexCorrupt,
    MemoryRecords,
    Recent,
    Records,
    RecordsChanged,
)
from .regions import canonical_region, find_region, region_slug
from .schema import (
    FIELD_NAMES,
    Document,
    build_schema,
    documents,
    meeting_documents,
    meeting_fields,
    proposal_documents,
    proposal_fields,
    record_uid,
    register_tokenizers,
)
from .taxonomy import SECTORS, STATUSES
from .translate import (
    Compiler,
    Highlight,
    Vocabulary,
    correct,
    excluded_hint,
    highlight_of,
    joined_words_hint,
    operator_hint,
    ranked,
    region_hint,
    rewrite_regions,
)

if TYPE_CHECKING:
    import tantivy

PAGE = 100  # rows fetched with a view's first answer; the rest follow in the background
PLACES = 50  # rows whose places in the records are read at once (about a screenful)
_PLACE = ("uid", "muid", "pi")  # where a document's record is (see SearchIndex._place)

__all__ = ["IndexCorrupt", "SearchIndex"]  # IndexCorrupt is raised here, defined by records


# Results ------------------------------------------------------------------------------------


class Hit(Struct):
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
        field(default_factory=dict)
    )

    @property
    def spans(self) -> dict[str, list[tuple[int, int]]]:
        if callable(self._spans):
            self._spans = self._spans()
        return self._spans

    def to_dict(self) -> dict[str, Any]:
        """The hit as ``search --json`` prints it: a proposal's with the fields of its
        meeting it is searched by (``meeting``: what a span ``meeting.region`` is of)."""
        found = {
            "kind": self.kind,
            "id": self.id,
            "score": round(self.score, 4),
            "record": self.record.to_dict(),
            "spans": {k: [list(s) for s in v] for k, v in self.spans.items()},
        }
        if isinstance(self.record, Proposal):
            m = self.meeting.to_dict(with_proposals=False)
            found["meeting"] = {k: m[k] for k in ("id", "date", "region", "title", "participants")}
        return found


class SearchResult(Struct):
    """Ranked hits (best first), the total count, and how the query was understood."""

    query: str
    hits: list[Hit]
    total: int
    corrections: list[tuple[str, str]] = field(default_factory=list)
    # what the query may have meant: for no result, see _empty_hint; for some, an exclusion
    # that leaves nothing out (see caveat)
    hint: str = ""

    @property
    def fuzzy(self) -> bool:
        """True when nothing matched exactly and misspelt words were corrected."""
        return bool(self.corrections)


class Listing(Struct):
    """A view's rows for a query and an order: the count, and the rows' documents.

    The first :data:`PAGE` rows come with the answer; :meth:`complete` fetches the rest (call
    it off the UI thread). Rows are read through the listing's own snapshot.
    """

    view: str
    query: str
    sort: str
    total: int
    corrections: list[tuple[str, str]]
    _searcher: Any
    _query: Any
    _order: tuple[str | None, bool]
    _records: Records  # where its rows are read (as of its snapshot)
    _segments: array[int] = field(default_factory=lambda: array("H"))
    _docs: array[int] = field(default_factory=lambda: array("I"))
    hint: str = ""  # for no rows: what the query may have meant (see _empty_hint)
    # where the rows of the pages read lately are: (uid, muid, pi, nprops) by row, by page
    # (SearchIndex.row)
    _places: Recent[int, list[tuple[int, ...]]] = field(default_factory=lambda: Recent(16))

    @property
    def loaded(self) -> int:
        return len(self._docs)

    @property
    def complete_(self) -> bool:
        return len(self._docs) >= self.total

    def address(self, i: int) -> Any:
        import tantivy

        if 0 <= i < len(self._docs):
            return tantivy.DocAddress(self._segments[i], self._docs[i])
        return None

    def addresses(self) -> list[Any]:
        import tantivy

        return [tantivy.DocAddress(s, d) for s, d in zip(self._segments, self._docs, strict=True)]

    def _take(self, hits: list[tuple[Any, Any]]) -> None:
        segments, docs = array("H"), array("I")
        for _value, address in hits:
            segments.append(address.segment_ord)
            docs.append(address.doc)
        self._segments, self._docs = segments, docs
        self._places = Recent(16)

    def complete(self) -> None:
        """Fetch every row (one call into Tantivy: tens of milliseconds at 100,000)."""
        if not self.complete_:
            name, descending = self._order
            self._take(_run(self._searcher, self._query, self.total, name, descending)[0])


class RegionRow(Struct, frozen=True):
    """A region's figures in the regions view (for the meetings a query matched)."""

    name: str
    meetings: int
    # None: how many of its proposals a query matches is not known yet (they are still
    # being indexed: see regions)
    proposals: int | None
    latest: str  # date of its newest meeting
    turnover: dict[int, float]  # full-year turnover by year (largest)
    # each of those years' smallest figure, and whether any of its figures is qualified
    # ("nearly $134M"): the year's figures said as quoted, "~$130–134M"
    quoted: dict[int, tuple[float, bool]] = field(default_factory=dict)


class RegionDetail(Struct):
    name: str
    meetings: list[Meeting]  # the newest
    meeting_count: int
    proposal_count: int
    figures: list[tuple[TradeFigure, str, str]]  # (figure, meeting date, host) newest first
    figure_count: int
    sectors: dict[str, int] | None  # (None: its proposals are not indexed yet)


class Related(Struct, frozen=True):
    """Proposals of the same sector raised at other meetings, newest first."""

    shown: list[tuple[Proposal, Meeting]]
    total: int


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
    "followup": {  # proposals by what became of them
        "status": ("o_status", False),
        "oldest": ("o_since", False),
        "newest": ("o_since", True),
        "region": ("o_region", False),
    },
}
SCOPES = {"meetings": "meeting", "proposals": "proposal", "followup": "proposal"}


def _run(
    searcher: Any,
    query: Any,
    limit: int,
    order: str | None = None,
    descending: bool = True,
    *,
    count: bool = False,
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

MEETING_THREADS = 2  # indexing threads for the meetings of a staged build (see build)


class SearchIndex:
    """A Tantivy index of meetings and proposals (on disk, or in memory when ``path`` is None)."""

    def __init__(
        self, index: tantivy.Index, path: Path | None = None, records: Records | None = None
    ) -> None:
        self._index = index
        # where records are read: the database file (set by the library), or meetings kept
        # in memory for an index built from them
        self.records: Records = records if records is not None else MemoryRecords()
        self.path = path
        self.schema = index.schema
        self._write_lock = threading.Lock()
        self._snapshot = 0  # bumped on every reload: memos are per snapshot
        self._memo: dict[tuple[Any, ...], Any] = {}
        self._vocabulary: tuple[int, Vocabulary] | None = None
        self._searcher: tuple[int, Any, Records] | None = None
        # the latest snapshots with their records (a read begun on one ends on it)
        self._views: deque[tuple[int, Any, Records]] = deque(maxlen=4)
        self._view_lock = threading.Lock()
        self._meetings: Recent[tuple[int, int], Meeting] = Recent(2048)

    # Opening and building ----------------------------------------------------------------

    @classmethod
    def create(cls, path: Path | None = None, records: Records | None = None) -> SearchIndex:
        """A new, empty index in directory ``path`` (which must exist and be empty)."""
        import tantivy

        index = tantivy.Index(build_schema(), path=str(path) if path else None, reuse=False)
        register_tokenizers(index)
        index.config_reader(reload_policy="manual")
        return cls(index, path, records)

    @classmethod
    def open(cls, path: Path) -> SearchIndex:
        """The index in directory ``path``; :class:`IndexCorrupt` if it cannot be used."""
        import tantivy

        try:
            _only_regular_files(path)
            if not tantivy.Index.exists(str(path)):
                raise IndexCorrupt(path, "no search index here")
            _check_schema(path)
            index = tantivy.Index.open(str(path))
            register_tokenizers(index)
            index.config_reader(reload_policy="manual")
            found = cls(index, path)
            found.searcher()
        except IndexCorrupt:
            raise
        except BaseException as exc:  # Tantivy raises ValueError, or panics on damaged files
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            raise IndexCorrupt(path, f"unreadable search index ({_short(exc)})") from None
        return found

    @classmethod
    def build(
        cls,
        meetings: Iterable[Meeting],
        path: Path | None = None,
        *,
        progress: Callable[[int], None] | None = None,
        records: Records | None = None,
        searchable: Callable[[SearchIndex], None] | None = None,
        proposals_progress: Callable[[int], None] | None = None,
        locate: Callable[[], Records] | None = None,
        saving: Callable[[], None] | None = None,
    ) -> SearchIndex:
        """The index of ``meetings`` (in memory unless ``path`` is given), reading records
        from ``records`` (by default, the meetings themselves, kept in memory).

        ``locate``: instead of ``records``, what gives them, called while the (first) commit
        runs: Tantivy lets go of the interpreter meanwhile, and working out where 600,000
        records are in the file takes this thread a second or more. What it raises ends
        the build. ``saving``: hears that a commit begins (each of them; seconds at 100,000
        meetings, with nothing else to report).

        ``searchable``: build in two commits, and call it with the index in between. The
        meetings (with their proposals' text) and the turnover figures come first, so the
        meetings and regions views can be searched while the proposals are indexed
        (``proposals_progress`` hears how many meetings' proposals are done). Only for an
        index that reads its records from the database file."""
        index = cls.create(path, AwaitedRecords() if locate is not None else records)

        def located() -> None:
            nonlocal locate
            assert locate is not None
            index.records, locate = locate(), None  # (what it holds is needed no more)

        beside = located if locate is not None else None
        if searchable is None:
            index.write(
                add=meetings, progress=progress, bulk=True, beside_commit=beside, saving=saving
            )
            return index
        if locate is None and (records is None or isinstance(records, MemoryRecords)):
            raise ValueError("a staged build reads its records from the database file")
        kept: list[Meeting] = []
        # (the meetings with two indexing threads: their documents are few for the text
        # Tantivy indexes, so its one thread kept the Python thread waiting)
        index.write(
            add=meetings,
            progress=progress,
            bulk=True,
            make=meeting_documents,
            kept=kept,
            threads=MEETING_THREADS,
            beside_commit=beside,
            saving=saving,
        )
        searchable(index)
        index.write(
            add=kept,
            progress=proposals_progress,
            bulk=True,
            make=proposal_documents,
            saving=saving,
        )
        return index

    def searcher(self) -> Any:
        """The current snapshot (one object until the next reload: memos hang off it)."""
        return self._view()[0]

    def _view(self) -> tuple[Any, Records]:
        """The current snapshot and the records as of it."""
        with self._view_lock:
            current = self._searcher
            if current is None or current[0] != self._snapshot:
                current = (self._snapshot, self._index.searcher(), self.records)
                self._searcher = current
                self._views.append(current)
            return current[1], current[2]

    def _records_of(self, searcher: Any) -> tuple[int, Records]:
        """``(snapshot, records)`` that go with ``searcher``: a read begun on a snapshot
        reads the records of that state of the file, even after a reload."""
        with self._view_lock:
            for snapshot, known, records in reversed(self._views):
                if known is searcher:
                    return snapshot, records
        _searcher, records = self._view()  # a snapshot long gone: the latest
        return self._snapshot, records

    def reload(self, records: Records | None = None) -> None:
        """See the latest commit (made here or by another process), and read records from
        ``records`` from now on when given (the database file as the commit describes it)."""
        with self._view_lock:
            self._index.reload()
            if records is not None:
                self.records = records
            self._snapshot += 1
            self._memo = {}

    def _vocab(self, searcher: Any) -> Vocabulary:
        current = self._vocabulary
        if current is not None and current[1].searcher is searcher:
            return current[1]
        found = Vocabulary(searcher)
        self._vocabulary = (self._snapshot, found)
        return found

    # Writing -----------------------------------------------------------------------------

    def write(
        self,
        *,
        remove: Iterable[str] = (),
        add: Iterable[Meeting] = (),
        progress: Callable[[int], None] | None = None,
        bulk: bool = False,
        make: Callable[[Meeting], Iterable[Document]] = documents,
        kept: list[Meeting] | None = None,
        threads: int = 1,
        beside_commit: Callable[[], None] | None = None,
        saving: Callable[[], None] | None = None,
    ) -> None:
        """Remove meetings (and their proposals) by id and (re-)index ``add``, in one commit.
        ``make``: the documents of a meeting (by default all of them); ``kept``: a list
        that gets each meeting added; ``threads``: Tantivy's indexing threads (a bulk write
        makes a segment each); ``beside_commit``: work for this thread while the commit
        runs on another (Tantivy lets go of the interpreter meanwhile); what it raises
        fails the write, as the commit's own error does, but the commit is made (a build's
        caller discards the index then); ``saving``: hears that the commit begins.

        ``progress`` hears how many meetings are done, every 1,000. Nothing is visible
        until the commit; a failure rolls the writer back. An index that keeps its records
        in memory keeps these meetings; one that reads the database file is given the file's
        new spans by the library.
        """
        # A first build is one segment (one thread, a heap that holds it at 100,000
        # meetings): the terms and dictionaries are then kept once, not once a segment (a
        # tenth of the index), and a Python thread making the documents keeps one indexing
        # thread busy on two cores. The heap is a ceiling: Tantivy takes pages as it fills.
        from orjson import dumps

        heap = 1_000_000_000 if bulk else 32_000_000
        memory = self.records if isinstance(self.records, MemoryRecords) else None
        remove, added = list(remove), ([] if kept is None else kept)
        with self._write_lock:
            writer = self._index.writer(heap_size=heap, num_threads=threads)
            try:
                for mid in remove:
                    writer.delete_documents_by_term("muid", record_uid("meeting", mid))
                for n, m in enumerate(add, 1):
                    if not bulk:
                        writer.delete_documents_by_term("muid", record_uid("meeting", m.id))
                    for doc in make(m):
                        # (as JSON, parsed by Tantivy: a third less of the Python thread's
                        # time than making a tantivy.Document of the dict and adding that)
                        writer.add_json(dumps(doc).decode())
                    if memory is not None or kept is not None:
                        added.append(m)
                    if progress is not None and n % 1000 == 0:
                        progress(n)
                if saving is not None:
                    saving()
                if beside_commit is None:
                    writer.commit()
                else:
                    _commit_beside(writer, beside_commit)
                writer.wait_merging_threads()
            except BaseException:
                with contextlib.suppress(BaseException):  # the first error is the one to report
                    writer.rollback()
                raise
            if memory is not None:
                memory.remove(remove)
                memory.put(added)
        self.reload()

    def add_meetings(self, meetings: Iterable[Meeting]) -> None:
        """Index (or re-index) meetings and their proposals."""
        self.write(add=meetings)

    def remove_meetings(self, meeting_ids: Iterable[str]) -> None:
        self.write(remove=meeting_ids)

    # Searching ---------------------------------------------------------------------------

    def _answer(
        self,
        searcher: Any,
        query: str | Node,
        scope: str,
        kind: str | None,
        fuzzy: bool,
        *,
        page: int = 0,
        order: Callable[[Node], tuple[str | None, bool]] = lambda tree: (None, True),
    ) -> tuple[Node, Any, list[tuple[str, str]], int, list[tuple[Any, Any]]]:
        """``(tree, compiled query, corrections, total, first page)``: one search for the
        count and the first ``page`` hits (in the ``order`` the tree asks for), and the
        spelling fallback when nothing matched."""
        text = query if isinstance(query, str) else ""
        tree = rewrite_regions(parse(query) if isinstance(query, str) else query)
        vocabulary = self._vocab(searcher)
        compiler = Compiler(
            self.schema,
            vocabulary,
            scope,
            kind=kind,
            query=text,
            known_regions=lambda: self.known_regions(searcher),
        )
        compiled = compiler.compile(tree)
        hits, total = _run(searcher, compiled, page or 1, *order(tree), count=True)
        if not total and fuzzy:
            fixed, corrections = correct(tree, vocabulary, lambda: self.known_regions(searcher))
            if corrections:
                fixed_query = compiler.compile(fixed)
                fixed_hits, fixed_total = _run(
                    searcher, fixed_query, page or 1, *order(fixed), count=True
                )
                if fixed_total:
                    return fixed, fixed_query, corrections, fixed_total, fixed_hits
        return tree, compiled, [], total, hits if page else []

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

        def order(tree: Node) -> tuple[str | None, bool]:
            return (None, True) if ranked(tree) else ("o_date", True)

        tree, compiled, corrections, total, found = self._answer(
            searcher, query, "all", kind, fuzzy, page=limit or 0, order=order
        )
        by_score = ranked(tree)
        if limit is None and total:
            found = _run(searcher, compiled, total, *order(tree))[0]
        highlight = highlight_of(tree, self._vocab(searcher))
        hits = []
        for value, address in found:
            kind_, record, meeting = self._record(searcher, address)
            score = float(value) if by_score else 0.0
            hits.append(
                Hit(
                    kind_,
                    record.id,
                    score,
                    record,
                    meeting,
                    _lazy_spans(record, meeting, highlight),
                )
            )
        hint = self._caveat(searcher, tree) if total else self._empty_hint(searcher, tree, text)
        return SearchResult(text, hits, total, corrections, hint)

    def caveat(self, query: str) -> str:
        """For a query that found something: an exclusion in it that leaves nothing out, as
        nothing here has what it names ("-region:samra"; see excluded_hint), or ""."""
        try:
            tree = rewrite_regions(parse(query))
        except QueryError:
            return ""
        return self._caveat(self.searcher(), tree)

    def _caveat(self, searcher: Any, tree: Node) -> str:
        def finds(leaf: Node) -> bool:  # (the leaf searched for itself, anywhere)
            try:
                return self._answer(searcher, leaf, "all", None, False)[3] > 0
            except QueryError:
                return True  # (nothing to say of it)

        vocabulary = self._vocab(searcher)
        return excluded_hint(tree, finds, vocabulary, lambda: self.known_regions(searcher))

    def _empty_hint(self, searcher: Any, tree: Node, text: str) -> str:
        """For a query that found nothing, what it may have meant: a region named otherwise
        (region_hint), a joined word that finds nothing alone (joined_words_hint), or an
        operator in lower case (operator_hint)."""

        def finds(word: str) -> bool:
            try:
                return self._answer(searcher, word, "all", None, False)[3] > 0
            except QueryError:
                return True  # (nothing to say of it)

        return (
            region_hint(tree, self.known_regions(searcher))
            or joined_words_hint(text, finds)
            or operator_hint(text)
        )

    def count(self, query: str | Node, *, view: str) -> int:
        """How many rows ``view`` lists for ``query``."""
        return self._answer(self.searcher(), query, SCOPES[view], None, False)[3]

    def listing(
        self, view: str, query: str | Node = "", sort: str = "relevance", *, page: int = PAGE
    ) -> Listing:
        """The rows of ``view`` (meetings or proposals) for ``query`` in order ``sort``
        (``relevance`` or one of :data:`SORTS`), with the first ``page`` rows loaded.
        Raises :class:`QueryError` for a malformed query."""
        searcher, records = self._view()
        text = query if isinstance(query, str) else ""
        fuzzy = bool(text.strip()) if isinstance(query, str) else True

        def order(tree: Node) -> tuple[str | None, bool]:
            if sort == "relevance" and ranked(tree):
                return (None, True)
            return SORTS[view].get(sort) or next(iter(SORTS[view].values()))

        tree, compiled, corrections, total, hits = self._answer(
            searcher, query, SCOPES[view], None, fuzzy, page=page, order=order
        )
        listing = Listing(
            view, text, sort, total, corrections, searcher, compiled, order(tree), records
        )
        if not total:
            listing.hint = self._empty_hint(searcher, tree, text)
        listing._take(hits)
        return listing

    def row(self, listing: Listing, i: int) -> tuple[str, Meeting | Proposal, Meeting, int] | None:
        """Row ``i`` of ``listing`` as ``(kind, record, meeting, proposal count)`` (what the
        row shows: a meeting without its summary, notes, goods and proposals, and only its
        latest trade figure; a proposal without its detail), or None while it is not loaded
        yet. :meth:`meeting` and :meth:`proposal` give whole records."""
        if not 0 <= i < listing.loaded:
            return None
        # where its record is, read with the rest of its page of PLACES rows (four calls
        # into Tantivy a page, not four a row)
        page = i // PLACES
        places = listing._places.get(page)
        if places is None:
            rows = range(page * PLACES, min(listing.loaded, (page + 1) * PLACES))
            addresses = [listing.address(r) for r in rows]
            places = self._places(listing._searcher, addresses, (*_PLACE, "nprops"))
            listing._places.put(page, places)
        uid, muid, pi, n = places[i - page * PLACES]
        proposal_row = uid != muid
        found = listing._records.row(muid, pi if proposal_row else None)
        if found is None:
            raise IndexCorrupt(self.path, "a listed record is not in the database")
        meeting, proposal = found
        if proposal_row:
            if proposal is None or record_uid("proposal", proposal.id) != uid:
                raise IndexCorrupt(self.path, "a listed proposal out of place")
            return "proposal", proposal, meeting, 0
        return "meeting", meeting, meeting, max(n, 0)

    def keys(self, listing: Listing) -> list[tuple[str, str]]:
        """Every row's ``(kind, id)`` (loads the whole listing; seconds at 500,000)."""
        listing.complete()
        kind = SCOPES[listing.view]
        return [
            (kind, self._id(listing._searcher, a, listing._records)) for a in listing.addresses()
        ]

    def key_at(self, listing: Listing, i: int) -> tuple[str, str] | None:
        address = listing.address(i)
        if address is None:
            return None
        return (SCOPES[listing.view], self._id(listing._searcher, address, listing._records))

    def position(self, listing: Listing, key: tuple[str, str]) -> int | None:
        """Where the row of ``key`` is in ``listing`` (loads the whole listing)."""
        kind, rid = key
        if kind != SCOPES.get(listing.view):
            return None
        listing.complete()
        wanted = record_uid(kind, rid)
        addresses = listing.addresses()
        uids = listing._searcher.fast_field_values("uid", addresses)
        for i, uid in enumerate(uids):
            if uid == wanted and self._id(listing._searcher, addresses[i], listing._records) == rid:
                return i
        return None

    def matcher(self, query: str | Node) -> Callable[[str], list[tuple[int, int]]]:
        """A function giving the spans of ``query``'s matched words in any text (for
        highlighting a record's fields the way the search matched them). Texts repeat on
        a screen (regions, names): each is worked out once."""
        tree = rewrite_regions(parse(query) if isinstance(query, str) else query)
        h = highlight_of(tree, self._vocab(self.searcher()))
        words = set().union(*h.paths.values()) if h.paths else set()
        if not (h.terms or h.prefixes or words):
            return lambda text: []
        terms_, prefixes = h.terms, tuple(h.prefixes | words)
        memo: dict[str, list[tuple[int, int]]] = {}

        def spans_of(text: str) -> list[tuple[int, int]]:
            found = memo.get(text)
            if found is None:
                found = [
                    (start, end)
                    for start, end, t in spans(text)
                    if t in terms_ or (prefixes and fold(text[start:end]).startswith(prefixes))
                ]
                if len(memo) < 10_000:
                    memo[text] = found
            return found

        return spans_of

    # Records -----------------------------------------------------------------------------

    def _id(self, searcher: Any, address: Any, records: Records | None = None) -> str:
        """The id of the record of document ``address``, read from the record (the index
        keeps no copy of it) and checked against the document's key. ``records``: those
        that go with ``searcher`` when known (a listing's, which may predate this index)."""
        uid, muid, pi = self._place(searcher, address)
        kind = "meeting" if uid == muid else "proposal"
        known = None
        if records is None:
            snapshot, records = self._records_of(searcher)
            known = self._meetings.get((snapshot, muid))  # read whole a moment ago
        if known is not None:
            rid = known.id if kind == "meeting" else _proposal_id(known, pi)
        else:
            rid = records.record_id(muid, None if kind == "meeting" else pi)
        if rid is not None and record_uid(kind, rid) == uid:
            return rid
        if records.changed():
            raise RecordsChanged(self.path, "the database changed while it was read")
        if rid is None:
            raise IndexCorrupt(self.path, "a listed record is not in the database")
        raise IndexCorrupt(self.path, f"{kind} {rid!r} found in another's place")

    def _place(self, searcher: Any, address: Any) -> tuple[int, int, int]:
        """``(uid, its meeting's uid, place in the meeting)`` of document ``address`` (a
        meeting's uid is its meeting's)."""
        uid, muid, pi = self._places(searcher, [address], _PLACE)[0]
        return uid, muid, pi

    def _places(
        self, searcher: Any, addresses: list[Any], names: tuple[str, ...]
    ) -> list[tuple[int, ...]]:
        """The integer fast fields ``names`` of each document of ``addresses`` (0 where
        one has none), one call into Tantivy a field."""
        try:
            columns = [searcher.fast_field_values(name, addresses) for name in names]
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            raise IndexCorrupt(self.path, f"unreadable document ({_short(exc)})") from None
        return [
            tuple(v if isinstance(v, int) else 0 for v in values)
            for values in zip(*columns, strict=True)
        ]

    def _meeting_of(self, searcher: Any, muid: int) -> Meeting | None:
        """Meeting ``muid`` with its proposals and history, read from the records that go
        with ``searcher`` (the latest thousands are kept: a detail is shown again and again
        while browsing)."""
        snapshot, records = self._records_of(searcher)
        key = (snapshot, muid)
        found = self._meetings.get(key)
        if found is not None:
            return found
        meeting = records.meeting(muid)
        if meeting is not None:
            self._meetings.put(key, meeting)
        return meeting

    def _unpack(self, searcher: Any, address: Any) -> Meeting:
        """The meeting of meeting document ``address`` (with its proposals)."""
        muid = self._place(searcher, address)[1]
        meeting = self._meeting_of(searcher, muid)
        if meeting is None:
            raise IndexCorrupt(self.path, "a listed meeting is not in the database")
        n = searcher.fast_field_values("nprops", [address])[0]
        if n is not None and n != len(meeting.proposals):
            raise IndexCorrupt(self.path, f"meeting {meeting.id!r} read with other proposals")
        return meeting

    def _record(self, searcher: Any, address: Any) -> tuple[str, Meeting | Proposal, Meeting]:
        """The record of document ``address``: ``(kind, record, its meeting)``."""
        uid, muid, pi = self._place(searcher, address)
        found = self._meeting_of(searcher, muid)
        if found is None:
            raise IndexCorrupt(self.path, "a listed record is not in the database")
        if uid == muid:
            return "meeting", found, found
        if not 0 <= pi < len(found.proposals):
            raise IndexCorrupt(self.path, "a proposal without its meeting")
        proposal = found.proposals[pi]
        if record_uid("proposal", proposal.id) != uid:
            raise IndexCorrupt(self.path, f"proposal {proposal.id!r} out of place")
        return "proposal", proposal, found

    def _find(self, searcher: Any, kind: str, rid: str) -> Any:
        """The document of record ``(kind, rid)``, or None."""
        import tantivy

        T, Occur = tantivy.Query, tantivy.Occur
        q = T.boolean_query(
            [
                (Occur.Must, T.term_query(self.schema, "id", rid)),
                (Occur.Must, T.term_query(self.schema, "kind", kind)),
            ]
        )
        for _score, address in searcher.search(q, 4, count=False).hits:
            if self._id(searcher, address) == rid:
                return address
        return None

    def meeting(self, meeting_id: str, searcher: Any = None) -> Meeting | None:
        """A meeting with its proposals, or None."""
        searcher = searcher or self.searcher()
        address = self._find(searcher, "meeting", meeting_id)
        return None if address is None else self._unpack(searcher, address)

    def proposal(self, proposal_id: str) -> tuple[Proposal, Meeting] | None:
        """A proposal and its meeting, or None."""
        searcher = self.searcher()
        address = self._find(searcher, "proposal", proposal_id)
        if address is None:  # (not indexed yet, while a first build indexes the proposals:
            return self._proposal_by_name(searcher, proposal_id)  # found through its name)
        _kind, record, meeting = self._record(searcher, address)
        assert isinstance(record, Proposal)
        return record, meeting

    def _proposal_by_name(self, searcher: Any, proposal_id: str) -> tuple[Proposal, Meeting] | None:
        """The proposal ``proposal_id`` in the meeting its id names (``<meeting id>-pNN``,
        see :mod:`~coopbrowse.store.ids`), or None."""
        meeting_id, sep, _n = proposal_id.rpartition("-p")
        meeting = self.meeting(meeting_id, searcher) if sep and meeting_id else None
        found = (
            next((p for p in meeting.proposals if p.id == proposal_id), None) if meeting else None
        )
        return (found, meeting) if found is not None and meeting is not None else None

    def exists(self, keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which of ``keys`` name a record in the index."""
        searcher = self.searcher()
        return {
            (k, i)
            for k, i in keys
            if k in ("meeting", "proposal") and self._find(searcher, k, i) is not None
        }

    def iter_meetings(self) -> Iterator[Meeting]:
        """Every meeting with its proposals, newest first."""
        import tantivy

        searcher = self.searcher()
        q = tantivy.Query.term_query(self.schema, "kind", "meeting")
        total = _run(searcher, q, 1, count=True)[1]
        if total:
            for _value, address in _run(searcher, q, total, "o_date", True)[0]:
                yield self._unpack(searcher, address)

    @property
    def meeting_total(self) -> int:
        import tantivy

        q = tantivy.Query.term_query(self.schema, "kind", "meeting")
        return _run(self.searcher(), q, 1, count=True)[1]

    def related(self, proposal: Proposal, meeting: Meeting, limit: int = 12) -> Related:
        """Proposals of ``proposal``'s sector from other meetings, newest first."""
        import tantivy

        T, Occur = tantivy.Query, tantivy.Occur
        q = T.boolean_query(
            [
                (Occur.Must, T.term_query(self.schema, "kind", "proposal")),
                (Occur.Must, T.term_query(self.schema, "sector", proposal.sector)),
                (
                    Occur.MustNot,
                    T.term_query(self.schema, "muid", record_uid("meeting", meeting.id)),
                ),
            ]
        )
        searcher = self.searcher()
        hits, total = _run(searcher, q, limit, "o_date", True, count=True)
        shown = []
        for _value, address in hits:
            _kind, record, other = self._record(searcher, address)
            assert isinstance(record, Proposal)
            shown.append((record, other))
        return Related(shown, total)

    # Regions -----------------------------------------------------------------------------

    def regions(self, query: str | Node = "", *, proposals: bool = True) -> list[RegionRow]:
        """Each region with meetings or proposals matching ``query``: counts, newest meeting,
        turnover by year (every quoted full-year turnover figure of the region, the largest
        per year). A region's meetings and proposals are those the meetings and proposals
        views list for ``query``, so a region where only proposals match ("-elevator",
        "type:proposal") is listed with no meetings. While ``proposals`` is False (not
        indexed yet) a region's proposals are all of its meetings' with no query, and not
        known (None) with one: counting its matching meetings' whole was read as a count of
        matches, six times too many."""
        return self.regions_found(query, proposals=proposals, fuzzy=False)[0]

    def regions_found(
        self, query: str | Node = "", *, proposals: bool = True, fuzzy: bool = True
    ) -> tuple[list[RegionRow], list[tuple[str, str]]]:
        """:meth:`regions`, and the spellings used instead: when no meeting matches, misspelt
        words are corrected as the other views correct them (``fuzzy``)."""
        searcher = self.searcher()
        tree, compiled, fixed, total, _hits = self._answer(searcher, query, "meeting", None, fuzzy)
        newest: dict[str, Any] = {"d": {"max": {"field": "date"}}}
        with_props = {**newest, "n": {"sum": {"field": "nprops"}}}
        agg = {"r": {"terms": {"field": "region", "size": 100_000}, "aggs": with_props}}
        in_meetings = _buckets(searcher.aggregate(compiled, agg), "r") if total else []
        in_proposals: list[dict[str, Any]] | None = None  # (None: each meeting's own count)
        if proposals and tree != And():
            _t, matches, _c, found, _h = self._answer(searcher, tree, "proposal", None, False)
            by_region = {"r": {"terms": {"field": "region", "size": 100_000}, "aggs": newest}}
            in_proposals = _buckets(searcher.aggregate(matches, by_region), "r") if found else []
        if not in_meetings and not in_proposals:
            return [], fixed
        turnover, quoted = self._turnover(searcher)

        def row(name: str, meetings: int, props: int | None, latest: str) -> RegionRow:
            return RegionRow(
                name, meetings, props, latest, turnover.get(name, {}), quoted.get(name, {})
            )

        matched = {str(b.get("key", "")): b for b in in_proposals or []}
        rows = []
        unknown = not proposals and tree != And()  # (see regions)
        for b in in_meetings:
            name = str(b.get("key", ""))
            props: int | None = int(b.get("n", {}).get("value") or 0)
            if in_proposals is not None:
                props = int(matched.pop(name, {}).get("doc_count", 0))
            elif unknown:
                props = None
            latest = _date_of(b.get("d", {}).get("value"))
            rows.append(row(name, int(b.get("doc_count", 0)), props, latest))
        for name, b in matched.items():  # (proposals matched where no meeting did)
            latest = _date_of(b.get("d", {}).get("value"))
            rows.append(row(name, 0, int(b.get("doc_count", 0)), latest))
        return rows, fixed

    def aggregate(
        self, query: str | Node, aggregations: dict[str, Any], *, view: str
    ) -> tuple[int, Any, list[tuple[str, str]]]:
        """``(rows of view for query, Tantivy's aggregation result, the spellings used
        instead)`` (empty when none): the rows the list shows, with its corrections
        ("pharmaceuticls" counted none where the list showed the pharmaceuticals)."""
        searcher = self.searcher()
        fuzzy = bool(query.strip()) if isinstance(query, str) else True
        _tree, compiled, fixed, total, _hits = self._answer(
            searcher, query, SCOPES[view], None, fuzzy
        )
        return total, (searcher.aggregate(compiled, aggregations) if total else {}), fixed

    def facets(
        self, query: str | Node, fields: Iterable[str], *, view: str = "proposals"
    ) -> dict[str, list[tuple[str, int]]]:
        """How many of ``view``'s rows for ``query`` have each value of each of ``fields``
        (``status``, ``sector``, ``region``: keyword fields), most first, then A-Z."""
        searcher = self.searcher()
        _tree, compiled, _c, total, _hits = self._answer(searcher, query, SCOPES[view], None, False)
        out: dict[str, list[tuple[str, int]]] = {name: [] for name in fields}
        if not total:
            return out
        agg = {name: {"terms": {"field": name, "size": 10_000}} for name in out}
        found = searcher.aggregate(compiled, agg)
        for name in out:
            counts = [
                (str(b.get("key", "")), int(b.get("doc_count", 0))) for b in _buckets(found, name)
            ]
            out[name] = sorted(counts, key=lambda kv: (-kv[1], kv[0]))
        return out

    def _turnover(
        self, searcher: Any
    ) -> tuple[dict[str, dict[int, float]], dict[str, dict[int, tuple[float, bool]]]]:
        """Region -> year -> the largest full-year turnover figure quoted for it; and
        region -> year -> (the smallest, whether any is qualified)."""
        key = ("turnover", self._snapshot)
        found = self._memo.get(key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        import tantivy

        q = tantivy.Query.term_query(self.schema, "kind", "turnover")
        agg = {
            "r": {
                "terms": {"field": "region", "size": 10_000},
                "aggs": {
                    "y": {
                        "terms": {"field": "year", "size": 200, "order": {"_key": "desc"}},
                        "aggs": {
                            "v": {"max": {"field": "usd"}},
                            "lo": {"min": {"field": "usd"}},
                            "q": {"max": {"field": "approx"}},
                        },
                    }
                },
            }
        }
        out: dict[str, dict[int, float]] = {}
        quoted: dict[str, dict[int, tuple[float, bool]]] = {}
        for b in _buckets(searcher.aggregate(q, agg), "r"):
            years: dict[int, float] = {}
            spans: dict[int, tuple[float, bool]] = {}
            for y in _buckets(b, "y"):
                value = y.get("v", {}).get("value")
                if _is_number(y.get("key")) and _is_number(value):
                    years[int(y["key"])] = float(value)
                    low = y.get("lo", {}).get("value")
                    low = float(low) if _is_number(low) else float(value)
                    spans[int(y["key"])] = (low, bool(y.get("q", {}).get("value")))
            out[str(b.get("key", ""))] = dict(sorted(years.items()))
            quoted[str(b.get("key", ""))] = spans
        self._memo[key] = (out, quoted)
        return out, quoted

    def region_detail(self, region: str, shown: int = 12, figures: int = 30) -> RegionDetail:
        """A region's newest meetings, its most recent trade figures and sectors raised."""
        import tantivy

        T, Occur = tantivy.Query, tantivy.Occur
        searcher = self.searcher()

        def of(kind: str) -> Any:
            return T.boolean_query(
                [
                    (Occur.Must, T.term_query(self.schema, "kind", kind)),
                    (
                        Occur.Must,
                        T.term_query(self.schema, "region", canonical_region(region)[:200]),
                    ),
                ]
            )

        hits, n_meetings = _run(searcher, of("meeting"), shown, "o_date", True, count=True)
        meetings = [self._unpack(searcher, a) for _v, a in hits]
        # (counted on the meetings: right while a first build still indexes the proposals)
        totals = searcher.aggregate(
            of("meeting"), {"n": {"sum": {"field": "ntrade"}}, "p": {"sum": {"field": "nprops"}}}
        )
        n_figures = int((totals.get("n") or {}).get("value") or 0)
        n_props = int((totals.get("p") or {}).get("value") or 0)
        # The most recent figures are quoted at the newest meetings: read those until enough.
        rows: list[tuple[TradeFigure, str, str]] = []
        newest = _run(searcher, of("meeting"), n_meetings, "o_date", True)[0] if figures else []
        for _v, address in newest:
            if len(rows) >= figures * 2:
                break
            m = self._unpack(searcher, address)
            host = m.host.name if m.host else ""
            rows += [(t, m.date, host) for t in m.trade]
        rows.sort(key=lambda r: (r[0].period, r[1]), reverse=True)
        agg = searcher.aggregate(
            of("proposal"), {"s": {"terms": {"field": "sector", "size": 1000}}}
        )
        sectors: dict[str, int] | None = {
            str(b.get("key")): int(b.get("doc_count", 0)) for b in _buckets(agg, "s")
        }
        if n_props and not sectors:  # (a first build's proposals still on their way)
            sectors = None
        return RegionDetail(
            region, meetings, n_meetings, n_props, rows[:figures], n_figures, sectors
        )

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
        try:
            agg = searcher.aggregate(q, {"t": {"terms": {"field": name, "size": 60_000}}})
            out = [(b.get("key"), int(b.get("doc_count", 0))) for b in _buckets(agg, "t")]
        except ValueError:  # more values than an aggregation takes: the term dictionary's
            out = [(k, n) for k, n in searcher.terms_with_prefix(name, "", limit=1_000_000)]
        self._memo[key] = out
        return out

    def known_regions(self, searcher: Any = None) -> list[str]:
        searcher = searcher or self.searcher()
        return sorted(str(k) for k, _n in self._terms(searcher, "region", "meeting"))

    def field_values(self, name: str) -> list[str]:
        """The values a field filter can take in this collection (for completion)."""
        searcher = self.searcher()
        if name == "region":
            out = set()
            for region in self.known_regions(searcher):
                known = find_region(region)
                out.add(known.key if known else region_slug(region))
            return sorted(out)
        # (sectors and statuses as the meetings list their proposals': the same values,
        # known while a first build still indexes the proposals)
        if name == "sector":
            present = {str(k) for k, _n in self._terms(searcher, "msector", "meeting")}
            return [s.id for s in SECTORS if s.id in present]
        if name == "status":
            present = {str(k) for k, _n in self._terms(searcher, "mstatus", "meeting")}
            return [s for s in STATUSES if s in present]
        if name == "type":
            return ["meeting", "proposal"]
        dates = sorted(
            (int(k) for k, _n in self._terms(searcher, "date", "meeting") if _is_number(k)),
            reverse=True,
        )
        if name == "year":
            return list(dict.fromkeys(f"{d // 10_000:04d}" for d in dates if d))
        if name == "date":
            return list(
                dict.fromkeys(f"{d // 10_000:04d}-{d // 100 % 100:02d}" for d in dates if d)
            )
        if name in ("person", "enterprise"):
            # the most named first: "person:kar" completes to the host of hundreds of
            # meetings, not to the first of a dozen rarer names in the alphabet
            field = "pkey" if name == "person" else "ekey"
            counts = {str(k): n for k, n in self._terms(searcher, field) if k}
            return sorted(counts, key=lambda k: (-counts[k], k))
        raise KeyError(name)


def _lazy_spans(
    record: Meeting | Proposal, meeting: Meeting, h: Highlight
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


# Helpers ------------------------------------------------------------------------------------


def _commit_beside(writer: Any, work: Callable[[], None]) -> None:
    """Commit ``writer`` on a thread of its own while this one does ``work``; once both
    are done, the error of ``work`` is raised, else the commit's."""
    failed: list[BaseException] = []

    def commit() -> None:
        try:
            writer.commit()
        except BaseException as exc:  # (handed to the thread that waits for it)
            failed.append(exc)

    committing = threading.Thread(target=commit, name="coopbrowse-commit", daemon=True)
    committing.start()
    try:
        work()
    finally:
        committing.join()
    if failed:
        raise failed[0]


def _only_regular_files(path: Path) -> None:
    """An index directory holds files only: a pipe put in place of one (``meta.json``)
    would keep the open waiting for ever, a device or a link would be read for whatever it
    is. Anything else makes it an index to rebuild."""
    import os

    try:
        with os.scandir(path) as entries:
            odd = next((e.name for e in entries if not e.is_file(follow_symlinks=False)), None)
    except OSError as exc:
        raise IndexCorrupt(path, f"unreadable search index ({exc.strerror or exc})") from None
    if odd is not None:
        raise IndexCorrupt(path, f"search index holding what is not a file ({odd!r})")


def _check_schema(path: Path) -> None:
    """The index's own record of its fields (``meta.json``) must be this schema's."""
    import json

    try:
        with open(path / "meta.json", "rb") as fh:
            raw = fh.read(1024 * 1024 + 1)
        meta = json.loads(raw.decode("utf-8"))
        names = {f["name"] for f in meta["schema"]}
    except (OSError, ValueError, KeyError, TypeError, RecursionError, UnicodeDecodeError):
        raise IndexCorrupt(path, "search index without a readable schema") from None
    if names != FIELD_NAMES:
        raise IndexCorrupt(path, "search index of another format")


def _proposal_id(meeting: Meeting, pi: int) -> str | None:
    return meeting.proposals[pi].id if 0 <= pi < len(meeting.proposals) else None


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def buckets(found: Any, name: str) -> list[dict[str, Any]]:
    """The buckets of aggregation ``name`` in an aggregation result."""
    return _buckets(found, name)


def _buckets(found: Any, name: str) -> list[dict[str, Any]]:
    if not isinstance(found, dict):
        return []
    part = found.get(name)
    buckets = part.get("buckets") if isinstance(part, dict) else None
    return [b for b in buckets if isinstance(b, dict)] if isinstance(buckets, list) else []


def _date_of(value: Any) -> str:
    if not _is_number(value) or value <= 0:
        return ""
    n = int(value)
    return f"{n // 10_000:04d}-{n // 100 % 100:02d}-{n % 100:02d}"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
