"""The rows of the browser's list and the requests that fill them, read from the index.

Every read runs off the UI thread (in the screen's workers, or on :class:`EarlyOpen`'s
thread); a long list is read a screenful at a time. Nothing here imports Textual: the
command line starts :class:`EarlyOpen` first, and the index opens while Textual is imported.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from coopbrowse.store import library as libraries
from coopbrowse.store.errors import StoreError
from coopbrowse.store.library import Library, Progress, Searchable, index_home, stop_build

from .blocks import Marker
from .state import UiState
from .views import Key, Row, sort_choice, sort_regions

if TYPE_CHECKING:
    import subprocess

    from coopbrowse.store.index import Listing, RegionRow, SearchIndex

WARM_ROWS = 64  # rows read with a list's answer: a tall terminal's screenful
WIDTH_ROWS = 30  # the first rows, which the list's column widths are fitted to


class Rows(Sequence[Row | None]):
    """The rows of the current list, read from the index when first asked for (a row not
    loaded yet is None: a long list arrives a page first, the rest a moment later)."""

    def __init__(
        self,
        view: str,
        index: SearchIndex | None = None,
        listing: Listing | None = None,
        regions: list[RegionRow] | None = None,
    ) -> None:
        self.view = view
        self.source = index
        self.listing = listing
        self.regions = regions or []
        # the spellings used instead of the query's (nothing matched it as typed)
        self.corrections: list[tuple[str, str]] = listing.corrections if listing else []
        self._memo: OrderedDict[int, Row] = OrderedDict()
        self.error: Exception | None = None  # the last row that could not be read, unsaid
        self.failed: dict[int, str] = {}  # rows that could not be read: why (a few)
        self.said = False  # that some could not be read (the screen says it once)
        # the Follow-up view's counts: field -> [(value, count)]
        self.facets: dict[str, list[tuple[str, int]]] | None = None
        self.widest = 0  # the widest value of the column the list is sorted by (0: unknown)
        self.caveat = ""  # an exclusion of the query that leaves nothing out (index.caveat)

    def __len__(self) -> int:
        if self.listing is not None:
            return self.listing.total
        return len(self.regions)

    def __getitem__(self, i: int) -> Row | None:  # type: ignore[override]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        found = self._memo.get(i)
        if found is not None:
            return found
        try:
            row = self._read(i)
        except Exception as exc:  # drawn as a placeholder; the screen hears of it
            self.error = exc
            if len(self.failed) < 100:
                self.failed[i] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return None
        if row is not None:
            self._memo[i] = row
            if len(self._memo) > 2000:
                self._memo.popitem(last=False)
        return row

    def __iter__(self) -> Iterator[Row | None]:
        for i in range(len(self)):
            yield self[i]

    def _read(self, i: int) -> Row | None:
        if self.listing is None:
            region = self.regions[i]
            return Row(("region", region.name), region=region)
        assert self.source is not None
        found = self.source.row(self.listing, i)
        if found is None:
            return None
        kind, record, meeting, count = found
        if kind == "meeting":
            return Row(("meeting", meeting.id), meeting, proposals=count)
        return Row(("proposal", record.id), meeting, record)  # type: ignore[arg-type]

    @property
    def complete(self) -> bool:
        return self.listing is None or self.listing.complete_

    def warm(self, at: int = 0, around: int = WARM_ROWS) -> None:
        """Read the rows a screen around row ``at`` shows, now (in the worker that asked
        for them: drawing them then reads nothing from the database file)."""
        if self.listing is None:
            return
        for i in range(max(0, at - around // 2), min(self.listing.loaded, at + around)):
            self[i]


class Request(Struct):
    """What the list should show: a view of a query in an order (a ticket per request)."""

    ticket: int
    view: str
    query: str
    sort: str
    keep: Key | None  # the row the cursor should stay on (None: the top)
    clear_if_missing: bool = False  # a followed link: clear the query if it hides the row


Answer = tuple[Rows, Marker, int | None]  # a request's rows, highlights, cursor (None: not there)


def first_answer(
    index: SearchIndex, request: Request, warm: int = WARM_ROWS, *, proposals: bool = True
) -> Answer:
    """A request's first page of rows (off the UI thread; ``warm`` of them read now, the
    others as they are drawn): the rest follow. ``proposals``: whether the index has the
    proposals (not while a first build indexes them)."""
    if request.view == "regions":
        regions, corrections = index.regions_found(request.query, proposals=proposals)
        rows = Rows("regions", regions=sort_regions(regions, request.sort))
        rows.corrections = corrections
    else:
        listing = index.listing(request.view, request.query, request.sort)
        rows = Rows(request.view, index, listing)
        if request.view == "followup":
            from coopbrowse.store.followup import FACETS

            rows.facets = index.facets(request.query, FACETS, view="followup")
    rows.widest = widest_sorted(index, request.sort)
    rows.caveat = index.caveat(request.query) if len(rows) and request.query.strip() else ""
    hl = index.matcher(request.query) if request.query else None
    at = find_row(index, rows, request.keep, first_page=True)
    rows.warm(at or 0, warm)
    return rows, hl, at


def widest_sorted(index: SearchIndex, sort: str) -> int:
    """How wide the values of the column a list in order ``sort`` is sorted by can be: a
    list's first rows are all one region (or sector) and say nothing of the rest."""
    from coopbrowse.store.regions import short_region
    from coopbrowse.store.taxonomy import SECTORS

    if sort in ("region", "name"):
        return max((len(short_region(r)) for r in index.known_regions()), default=0)
    if sort == "sector":
        return max(len(s.label) for s in SECTORS)
    return 0


def match_counts(index: SearchIndex, request: Request, rows: Rows) -> tuple[int, int] | None:
    """How many meetings and proposals the request's query matches (the line under the
    search bar; off the UI thread), or None: no query, or the list shows other spellings.
    The list's own total is one of the two."""
    from coopbrowse.store.index import SCOPES

    listing = rows.listing
    if not request.query or rows.corrections:
        return None
    own = SCOPES.get(request.view) if listing is not None else None
    meetings = listing.total if listing and own == "meeting" else None
    proposals = listing.total if listing and own == "proposal" else None
    if meetings is None:
        meetings = index.count(request.query, view="meetings")
    if proposals is None:
        proposals = index.count(request.query, view="proposals")
    return meetings, proposals


def find_row(index: SearchIndex, rows: Rows, keep: Key | None, *, first_page: bool) -> int | None:
    """Where the row ``keep`` is (0 for none asked; None when it is not listed, or not in
    the first page when only that is looked at)."""
    if keep is None:
        return 0
    if rows.listing is None:
        return next((i for i, r in enumerate(rows.regions) if ("region", r.name) == keep), None)
    if first_page:
        for i in range(rows.listing.loaded):
            if index.key_at(rows.listing, i) == keep:
                return i
        return None
    return index.position(rows.listing, keep)


def first_request(state: UiState) -> Request:
    """The first list: the view last shown, with the query last answered, in its order, on
    the row last highlighted. Ticket 1: the screen's first. (The last session's query is
    read here, not after the whole list: its first frame showed every meeting, then the
    query's.)"""
    query = state.query.strip()
    sorts = state.search_sorts if query else state.sorts
    _label, sort = sort_choice(state.view, sorts.get(state.view, 0), relevance=bool(query))
    return Request(1, state.view, query, sort, state.cursor)


_turns_lock = threading.Lock()
_turns = [0, 0.0]  # early opens running; the switch interval before the first of them


def _short_turns(change: int) -> None:
    """While an early open runs, the interpreter switches threads every 0.5 ms, not 5: the
    import of Textual holds the lock between the open's steps (each read of the index gives
    it up), and at 5 ms a turn the list missed the first frame one launch in two. The
    interval is given back when the last one is done."""
    with _turns_lock:
        if change > 0 and _turns[0] == 0:
            _turns[1] = sys.getswitchinterval()
            sys.setswitchinterval(min(_turns[1], 0.0005))
        _turns[0] += change
        if _turns[0] == 0:
            sys.setswitchinterval(_turns[1])


def _screen_rows() -> int:
    """How many rows to read for the first frame: as many as the terminal the app draws on
    has lines, and at least the rows the list's column widths are measured over
    (:data:`WARM_ROWS` when the terminal's size is unknown)."""
    stderr = sys.__stderr__  # (where Textual draws)
    try:
        lines = 0 if stderr is None else os.get_terminal_size(stderr.fileno()).lines
    except (OSError, ValueError):
        lines = 0
    return max(lines, WIDTH_ROWS) if lines else WARM_ROWS


class EarlyOpen:
    """The database opened, and the first list read, on a thread of its own.

    The command line starts it before Textual is imported (the app is given it), so on the
    usual launch, where the index describes the database as it is, the list is ready for
    the first frame. When it is not ready in time, or the database is new, changed or
    damaged, the screen's open worker takes over (and says how far along it is); nothing
    here reports errors.

    A large database with no current index starts being indexed here, by the child process
    that the open worker then listens to (:meth:`build`): half a second sooner than the
    worker could start it, after the first frame.
    """

    def __init__(self, db_path: Path, state: UiState) -> None:
        self.db_path = db_path
        self.state = state
        self.request = first_request(state)
        self.done = threading.Event()
        self.library: Library | None = None
        self.answer: Answer | None = None
        self.counts: tuple[int, int] | None = None  # the query's matches (with a query)
        self._child: subprocess.Popen[bytes] | None = None
        self._child_lock = threading.Lock()
        self._closed = False
        _short_turns(+1)
        try:
            threading.Thread(target=self._run, name="coopbrowse-open", daemon=True).start()
        except BaseException:  # (no thread: nothing will give the turns back)
            _short_turns(-1)
            raise

    def _run(self) -> None:
        try:
            self.library = Library.open_current(self.db_path)
            if self.library is None:
                self._start_build()
            else:
                # the rows the terminal shows, no more: this thread holds up the first
                # frame while it holds the interpreter's lock
                answer = first_answer(self.library.index, self.request, _screen_rows())
                # (the line under the search bar comes with the list: one frame for both)
                self.counts = match_counts(self.library.index, self.request, answer[0])
                self.answer = answer
        except Exception:  # the open worker opens it again and says what is wrong
            self.answer = None
        finally:
            _short_turns(-1)
            self.done.set()

    def ready(self) -> tuple[Library, Answer] | None:
        """The library and the first answer, if both are there now (never waits)."""
        if self.done.is_set() and self.library is not None and self.answer is not None:
            return self.library, self.answer
        return None

    def _start_build(self) -> None:
        """Start indexing a large database (as the open worker would: see its builder)."""
        try:
            size = self.db_path.stat().st_size
        except OSError:
            return
        if size < libraries.SUBPROCESS_FROM or index_home(self.db_path) is None:
            return
        with self._child_lock:
            if not self._closed:
                self._child = libraries.start_build(self.db_path)

    @property
    def building(self) -> bool:
        """Whether the child started here is waiting to be taken up (:meth:`build`)."""
        return self._child is not None

    def build(self, db_path: Path, progress: Progress, searchable: Searchable | None) -> None:
        """A builder for :meth:`Library.open`: relays the child started here when there is
        one (see :func:`~coopbrowse.store.library.build_in_subprocess`), else starts one;
        none once closed (the app is going)."""
        with self._child_lock:
            child, self._child = self._child, None
            if self._closed:
                raise StoreError(db_path, "not indexed: coopbrowse is closing")
        libraries.build_in_subprocess(db_path, progress, searchable, started=child)

    def close(self) -> None:
        """Stop the child started here if no one took it (the index was found current
        meanwhile, or the app is closing): nothing is left running."""
        with self._child_lock:
            child, self._child, self._closed = self._child, None, True
        if child is not None:
            stop_build(self.db_path, child)
