"""MainScreen: the search bar, the list of the current view and the detail pane.

It owns the browsing state (view, query, sort, selection) and wires the widgets together;
what a view shows lives in :mod:`coopbrowse.tui.views`, what a detail shows in
:mod:`coopbrowse.tui.blocks`, and every read goes to the search index
(:mod:`coopbrowse.store.index`) through a :class:`~coopbrowse.store.library.Library`.

Nothing slow runs on the UI thread. An index that describes the database is opened, and the
first list read, on a thread started before Textual is imported
(:class:`~coopbrowse.tui.listing.EarlyOpen`), so that the first frame shows the list. Opening
(and, the first time, indexing) the database otherwise, each search, loading a long list and
catching up with changes made by other processes run in workers (the rows and requests are
in :mod:`coopbrowse.tui.listing`); their answers carry a ticket, and an answer to anything
but the latest request is dropped. Keys typed meanwhile are handled at once: the search bar
and the list exist from the first frame, and a query typed while the database opens runs as
soon as it is open.
"""

from __future__ import annotations

import asyncio
import functools
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from msgspec import Struct
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.notifications import Notification, Notify
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Static

from coopbrowse.store.errors import StoreError
from coopbrowse.store.text import cut, one_line, quoted

from ..blocks import Block, Marker, meeting_blocks, plural, proposal_blocks, region_blocks
from ..keyorder import after_keys_of, bindings_for, keys_waiting, send_keys
from ..listing import (
    Answer,
    EarlyOpen,
    Request,
    Rows,
    find_row,
    first_answer,
    match_counts,
)
from ..progress import TimeLeft
from ..selection import Place, Selection, Trail
from ..state import UiState
from ..views import VIEWS, Key, Row, View, placeholder_cells, sort_choice, sort_count
from ..widgets.detail import DetailPane
from ..widgets.footer import KeysFooter
from ..widgets.record_table import RecordTable
from ..widgets.search_bar import QueryInput, SearchBar
from .styling import StyledOnce

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel
    from textual.widget import Widget
    from textual.widgets import ProgressBar

    from coopbrowse.store.index import SearchIndex
    from coopbrowse.store.library import Library

    from .opening import OpeningScreen

KEYS_FOR_A_SCREEN = 2.0  # s: keys kept for a screen whose key has not reached its action
SAY_SELECTING = 2_000  # rows from which selecting all listed says so while it reads them
NARROW = 130  # below this many columns the detail goes under the list (both fit beside)
_MOVE = ""  # (in the actions put off while the database opens: a move of the list)
_KEYS = "-keys"  # (and there: the keys typed after an action that opens a screen, for it)
_NEVER_KEPT = frozenset({"ctrl+q", "ctrl+c"})  # (quitting waits for nothing)
# Keys that move the focus (out of the list): the keys behind them are not the list's.
_MOVES_THE_FOCUS = frozenset({"slash", "tab", "shift+tab", "enter", "escape"})
# The actions that open a screen (a dialog, a form, a question): put off, the keys typed
# after them are that screen's ("ebrief" typed at launch: "brief" is the file name).
_OPENS_A_SCREEN = frozenset(
    {"export", "add_article", "edit", "undo", "redo", "delete", "follow_up", "compare", "facets"}
)


class Settings(Struct, frozen=True):
    """Delays of the browser (tests set them near zero)."""

    debounce: float = 0.03  # after the last key before a query runs
    save_delay: float = 1.0  # state is saved this long after the last change
    poll: float = 2.0  # how often the database file is checked for outside changes
    detail_delay: float = 0.3  # the detail waits this long after the last key typed


def _while_open(method: Callable[..., None]) -> Callable[..., None]:
    """For what a worker hands back to the screen: nothing once the app is closing (its
    widgets are going, and another pane's children can go before the list: an answer
    arriving then found none and failed the worker)."""

    @functools.wraps(method)
    def guarded(self: MainScreen, *args: Any) -> None:
        if self.app.is_running and self.is_attached and self.query(RecordTable):
            method(self, *args)

    return guarded


def _outside_change(before: int, after: int) -> str:
    """What another process's change did, said ("3 meetings added"; an edit keeps the count)."""
    if after > before:
        n = after - before
        what = f"{n} meeting{'s' if n != 1 else ''} added"
    elif after < before:
        n = before - after
        what = f"{n} meeting{'s' if n != 1 else ''} removed"
    else:
        what = "records edited"
    return f"The database was changed by another process ({what}): the list is read again."


class MainScreen(StyledOnce, Screen[None]):
    """Browse, search and select meetings and proposals."""

    # What the analyst has selected: set a new Selection and watch_selection redraws the
    # marks and the status line and saves the state (one place, not one per action).
    selection: var[Selection] = var(Selection, init=False)
    # The view asked for, and what the list shows: its rows, their query and sort. Each
    # watcher brings the titles and the status line up to date (once per batch of changes).
    view: var[str] = var("meetings", init=False)
    rows: var[Rows] = var(lambda: Rows("meetings"), init=False, always_update=True)
    query_text: var[str] = var("", init=False)
    sort_label: var[str] = var("", init=False)

    # Narrower than NARROW columns, the detail goes under the list (tui/app.tcss)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-wide")]

    # The view keys are left out of the footer: the status line under the list shows them.
    # Help, quit and export come first, so a footer of 80 columns still shows them.
    BINDINGS = [
        Binding("question_mark", "app.help", "Help", id="main-help"),
        Binding("q", "app.quit", "Quit", id="main-quit"),
        Binding("e", "export", "Export", id="export"),
        Binding("1", "view('meetings')", "Meetings view", show=False, id="view-meetings"),
        Binding("2", "view('proposals')", "Proposals view", show=False, id="view-proposals"),
        Binding("3", "view('regions')", "Regions view", show=False, id="view-regions"),
        Binding("4", "view('followup')", "Follow-up view", show=False, id="view-followup"),
        # priority: handled as the key arrives, so the keys typed after it go where it sent
        # the focus (not to the list the focus was on a moment before)
        Binding("slash", "search", "Search", id="search", priority=True),
        Binding(
            "escape",
            "back",
            "Back to the list / clear search",
            show=False,
            id="back",
            priority=True,
        ),
        Binding("space", "toggle_selection", "Select", id="toggle-selection"),
        Binding("a", "select_all", "Select listed", show=False, id="select-all"),
        Binding("A", "clear_selection", "Clear selection", show=False, id="clear-selection"),
        Binding("s", "cycle_sort", "Sort", id="cycle-sort"),
        Binding("o", "open_source", "Open source", show=False, id="open-source"),
        Binding("i", "add_article", "Add from article", id="add-article"),
        Binding("E", "edit", "Edit", id="edit"),
        Binding("u", "undo", "Undo", id="undo"),
        Binding("U", "redo", "Redo (take back an undo)", show=False, id="redo"),
        Binding("D", "delete", "Delete meeting", show=False, id="delete"),
        Binding("f", "follow_up", "Follow up", id="follow-up"),
        Binding("c", "compare", "Compare", id="compare"),
        Binding("F", "facets", "Counts by field", id="facets"),
        Binding(
            "backspace", "go_back", "Back to where a link was followed", show=False, id="go-back"
        ),
    ]

    def __init__(
        self,
        db_path: Path,
        state: UiState,
        settings: Settings | None = None,
        early: EarlyOpen | None = None,
    ) -> None:
        """``early``: the open already started for ``db_path`` and ``state`` (the command
        line starts it before Textual is imported); one is started otherwise."""
        super().__init__()
        self.db_path = db_path
        self.state = state
        self.settings = settings or Settings()
        self.library: Library | None = None
        self.closing = threading.Event()  # set as the screen goes: workers waiting give up
        self.set_reactive(MainScreen.view, state.view)
        self.hl: Marker = None
        self.set_reactive(MainScreen.rows, Rows(state.view))
        self._titles_due = False
        self.corrections: list[tuple[str, str]] = []
        self.set_reactive(
            MainScreen.selection, Selection((kind, rid) for kind, rid in state.selection)
        )
        if early is None or early.db_path != db_path or early.state is not state:
            if early is not None:
                early.close()  # (its index build, if it started one: not this one's)
            early = EarlyOpen(db_path, state)  # (one started for another: not this list)
        self._early = early
        self._ticket = self._early.request.ticket
        self._pending: Request | None = None
        self._asked = ""  # the query of the latest list request (shown or on its way)
        self._notices: dict[str, Notification] = {}  # (see notify_in_place)
        self._unreadable_said = ""  # what was said of rows that could not be read
        self._region_keys: dict[str, list[Key]] = {}  # a region's meetings space selected
        self._bad_query = ""  # the latest query the index found wrong (not recalled)
        # What is under way: opening, catching up, the list's latest request (a request a
        # newer one supersedes may never answer: only the latest is waited for).
        self._opening = True
        self._unindexed = ""  # what the status line says when indexing the proposals failed
        self._catching_up = False
        self._catchup_ticket = 0
        # the meeting deleted last and the row the list then moved to: u there, before any
        # move, brings the meeting back (not the latest change of the row's own record)
        self._deleted: tuple[Key, Key | None] | None = None
        # a meeting an undo removed (an added one), and the row the list went on to: U
        # there, before any move, brings it back (as u does after D)
        self._undone_away: tuple[Key, Key | None] | None = None
        # what a write of the user's says once the list after it is on screen (_list_here):
        # (as a rule, when keys were typed meanwhile: they act on that list, so "u, pressed
        # next" would not hold; the notice's timeout, None for the usual one)
        self._write_notice: tuple[str, str, float | None] | None = None
        self._list_shown: tuple[str, str, str] | None = None  # (view, query, sort) on screen
        # when another process changed the database: the row the cursor was on, how many rows
        # were listed, and the rows after it (order), where it goes if its row is gone (see
        # _row_after); for that reading of the list only
        self._rows_after: tuple[Key | None, int, dict[Key, int]] | None = None
        self._holding_keys = False  # (see _hold_keys)
        self._own_writes = 0  # writes of the user's under way (see _poll)
        self._release_owed = False  # (see _release_keys)
        self._answered = 0  # the ticket of the latest request that has been answered
        self.idle = asyncio.Event()  # set when nothing is pending (tests wait on it)
        self._detail_pending: int | None = None
        self._detail_timer: Timer | None = None
        self._detail_ticket = 0
        self._time_left = TimeLeft()  # of the counted step the status line shows
        self._status_shown: tuple[str, int, int] = ("", 0, 0)  # (what, done, total)
        self._typed_at = 0.0  # when a key last reached the search bar (monotonic)
        self._save_timer: Timer | None = None
        self._trail = Trail()  # where links were followed from
        self._view_rows: dict[str, Key] = {}  # the row last highlighted in each view
        self._placed = 0  # where the first page of the current list put the cursor
        self._first_list = True
        self._deferred: list[tuple[str, tuple[Any, ...]]] = []  # actions put off while opening
        self._deferred_pending = True
        self._after_query = False  # the actions after a restored query wait for its list
        self._submitted_later = []  # queries submitted and put off (see list_coming)
        self._replay_after: int | None = None  # the request whose list the replay waits for
        self._article_text = ""  # pasted for a draft that was discarded: offered again (i)
        self._article_sources: list[str] = []  # paths and URLs of drafts discarded: again

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchBar(self._field_values, id="search", debounce=self.settings.debounce)
        yield Static(id="facet-line", markup=False)
        with Container(id="panes"):
            table = RecordTable(id="list")
            # its first rows are on their way: moves typed before they come (before the
            # screen is even mounted, at launch) are kept for them, not made on no rows
            table.waiting = True
            yield table
            yield DetailPane(id="detail")
        with Horizontal(id="status-line"):  # (its progress bar is mounted when first needed)
            yield Static(id="status", markup=False)
        yield KeysFooter()

    # Setup -------------------------------------------------------------------------------

    @property
    def index(self) -> SearchIndex | None:
        return self.library.index if self.library is not None else None

    @property
    def loaded(self) -> bool:
        return self.library is not None

    def _defer(self, action: str, *args: Any) -> bool:
        """While the database opens, an action that needs it waits for it (in the order
        the keys came): True when ``action`` was put off. The list's moves kept meanwhile
        take their place among these actions (:meth:`_defer_move`): "2jj" typed as the app
        opened moved in the meetings, then showed the proposals."""
        if self.loaded and not self._deferred_pending:
            if action in _OPENS_A_SCREEN and self._screen_keys is not None:
                self.call_later(self._send_screen_keys)  # (once the action has opened it)
            return False
        table = self.query_one(RecordTable)
        self._deferred.extend((_MOVE, (move,)) for move in table.take_moves())
        self._deferred.append((action, args))
        if action == "view" and not self.loaded:  # (heard, and said: nothing showed it)
            view = VIEWS[args[0]]
            table.empty_message = (
                f"Opening the database… then the {view.title} ({self._view_key(view)})."
            )
            table.refresh()
        if action in _OPENS_A_SCREEN and self._screen_keys is not None:
            self._deferred.append((_KEYS, ()))  # (the keys kept for it: see keeps_key)
        return True

    def keeps_key(self, event: events.Key) -> bool:
        """(Called by the app for each key typed while this is the screen, as it takes
        them: before the list has handled the keys typed before.) Behind a key whose action
        opens a screen, a key is kept for that screen, as typed: not the list's, nor this
        screen's ("ebrief" at launch, or "aebrief" while all were selected, opened three
        dialogs, "brief" run as keys of the list). They go to it once it opens (see _defer,
        _replay), or, should it not, on as typed."""
        if self._screen_keys is not None:
            if event.time == self._opener_at or event.key in _NEVER_KEPT:
                return False  # (that key, sent on again: its turn; or ctrl+q)
            self._screen_keys.append(event)
            return True
        if self._opens_a_screen(event.key):
            self._screen_keys, self._opener_at = [], event.time
            self.set_timer(KEYS_FOR_A_SCREEN, self._screen_keys_unclaimed)
        return False

    def _screen_keys_unclaimed(self) -> None:
        """The keys kept for a screen whose key has not come to its action by now (and was
        not put off behind the database): on as typed, not kept for good."""
        if self._screen_keys is not None and not any(a == _KEYS for a, _ in self._deferred):
            self._send_screen_keys()

    def _opens_a_screen(self, key: str) -> bool:
        """Whether ``key``, where the focus is, runs an action that opens a screen and that
        will be put off (while the database opens, or behind "a" still reading all the
        rows). Not when a key before it, still waiting, may move the focus ("/quiz" types
        its "u"), nor where the list holds the keys typed (they come through again, in
        their order, and are judged then)."""
        # (nothing focused yet, at launch: the list, which the app then gives the key)
        focused = self.focused or self.key_target
        if focused is None or isinstance(focused, Input):  # (typed into the query)
            return False
        if getattr(focused, "keeping", False) is True:
            return False
        waiting = [k.key for k in keys_waiting(focused)]
        if any(k in _MOVES_THE_FOCUS for k in waiting):
            return False
        puts_off = not self.loaded or self._deferred_pending
        if not puts_off and "select_all" not in map(self._action_of, waiting):
            return False
        return self._action_of(key) in _OPENS_A_SCREEN

    def _action_of(self, key: str) -> str:
        """The action ``key`` runs where the focus is ("" for none)."""
        found = bindings_for(self, key)
        return found[0].action if found else ""

    def _send_screen_keys(self) -> None:
        """The keys kept for a screen on its way, to it (it is open now)."""
        keys, self._screen_keys = self._screen_keys, None
        if keys:
            send_keys(self.app, keys)

    def _defer_move(self, move: str) -> bool:
        """(The list's, for a move it keeps while its rows are on their way.) Behind an
        action put off, the move is put off too, after it: True when it was."""
        if not self._deferred:
            return False
        self._deferred.append((_MOVE, (move,)))
        return True

    def _replay(self) -> None:
        """Run the actions put off while the database opened, in the order typed (where the
        focus is now stays: the keys typed after them went there). One that asks for a
        list (a view, a query, a sort) is run, and the rest wait for that list: each view
        switch's moves are made in its own list ("2jj3j" at launch made all three in the
        regions)."""
        self._deferred_pending = False
        deferred, self._deferred = self._deferred, []
        focused = self.focused
        table = self.query_one(RecordTable)
        for at, (action, args) in enumerate(deferred):
            ticket = self._ticket
            if action == _MOVE:  # (a move of the list typed before the next action)
                getattr(table, f"action_{args[0]}")()
            elif action == _KEYS:  # (for the screen the action before them opened)
                self._send_screen_keys()
            else:
                getattr(self, f"action_{action}")(*args)
            if self._ticket != ticket and at + 1 < len(deferred):
                self._deferred = deferred[at + 1 :] + self._deferred
                self._deferred_pending = True
                self._replay_after = self._ticket  # (see _list_here, _failed)
                self._replay_focus = focused
                return
        focused = self._replay_focus or focused
        self._replay_focus = None
        self._send_screen_keys()  # (any kept for a screen that did not open: to this one)
        if focused is not None and deferred and self.app.screen is self:
            self.set_focus(focused)

    _replay_focus: Widget | None = None  # where the focus was when a paused replay began
    _submitted_later: list[str]  # queries submitted and put off, not yet heard (list_coming)
    _screen_keys: list[events.Key] | None = None  # kept for a screen on its way (keeps_key)
    _opener_at = 0.0  # when the key whose screen they are kept for was typed
    _submitting = False  # a query submitted that the screen has not heard of yet
    _selecting = False  # the status line says a selection of all listed is being read

    def _replay_waits_for(self, request: Request) -> bool:
        """Whether a replay paused for ``request``'s list (or a later one) goes on now."""
        if self._replay_after is None or request.ticket < self._replay_after:
            return False
        self._replay_after = None
        return True

    def action_run_query(self, query: str) -> None:
        """(Put off while opening) a query submitted: shown in the bar, recalled, run."""
        bar = self.query_one(SearchBar)
        if bar.value != query:
            bar.set_value(query, quiet=True)
        self.remember_query()
        self.run_search(query)

    def on_unmount(self) -> None:
        self.closing.set()
        self._early.close()  # (an index build no one listens to yet: nothing left running)

    def on_mount(self) -> None:
        self.query_one(SearchBar).history = list(self.state.history)
        table = self.query_one(RecordTable)
        table.defer_move = self._defer_move
        # (what keys kept after a write wait for: the write, then the list read after it)
        table.still_coming = lambda: self._own_writes > 0 or self._catching_up
        table.kept = self._keys_kept
        view = VIEWS[self.view]
        table.border_title = f"{self._view_key(view)} {view.title}"
        self.set_focus(table)
        self.set_interval(self.settings.poll, self._poll)
        early = self._early.ready()
        if early is not None:  # the list is in the first frame
            self._library_ready(*early)
            return
        table.empty_message = "Opening the database…"
        table.set_rows(view.columns, 0, lambda i: [])
        table.waiting = True
        self.query_one(DetailPane).show(None, [], f"Opening {self.db_path}…")
        self._status_progress("Opening the database…", 0, 0)
        self.open_library()

    @work(thread=True, exclusive=True, group="open")
    def open_library(self) -> None:
        """Open the database and its index (indexing it first when needed)."""
        from coopbrowse.store.library import SUBPROCESS_FROM, Library

        def progress(what: str, done: int, total: int) -> None:
            self.app.call_from_thread(self._status_progress, what, done, total)

        def searchable(library: Library) -> None:  # a large database's meetings, indexed
            self.app.call_from_thread(self._library_searchable, library)

        self._early.done.wait()
        early = self._early.ready()
        if early is not None:
            self.app.call_from_thread(self._library_ready, *early)
            return
        try:
            created = not self.db_path.exists() and not self.db_path.is_symlink()
            size = self.db_path.stat().st_size if self.db_path.is_file() else 0
            # (in a child process, started by the early open when it found no index)
            child = size >= SUBPROCESS_FROM or self._early.building
            builder = self._early.build if child else None
            try:
                library = Library.open(
                    self.db_path, progress=progress, builder=builder, searchable=searchable
                )
            finally:
                self._early.close()  # (its child, if the index was found current meanwhile)
            if created:  # say so: a new database where the user expected theirs is news
                from ..app import home_relative

                library.note = (  # (the path on a line of its own: it is not cut inside)
                    "Created a new database with the bundled sample meetings:\n"
                    f"{home_relative(self.db_path)}" + (f"\n{library.note}" if library.note else "")
                )
        except Exception as exc:
            failure = (
                exc
                if isinstance(exc, StoreError)  # (else a defect: still one line)
                else StoreError(self.db_path, f"cannot open: {type(exc).__name__}: {exc}")
            )
            self.app.call_from_thread(self._open_failed, failure)
            return
        self.app.call_from_thread(self._library_ready, library)

    def _open_failed(self, exc: StoreError) -> None:
        """Opening failed: the app ends with the error, unless the meetings are shown
        already (indexing the proposals failed): then they stay, and the error is said."""
        if self.library is None:
            self._load_failed(exc)
            return
        self.notify(
            f"✗ {one_line(str(exc))}\nThe meetings can still be searched; the proposals are"
            " indexed when coopbrowse is started again.",
            severity="error",
            timeout=30,
            markup=False,
        )
        # (no longer indexing: the screen may settle, and poll)
        self._unindexed = "✗ proposals not indexed: restart to index them"
        self._status_progress("", 0, 0)

    def _load_failed(self, exc: StoreError) -> None:
        self.app.load_error = exc  # type: ignore[attr-defined]
        self.app.exit(return_code=2)

    @_while_open
    def _library_searchable(self, library: Library) -> None:
        """The meetings of a database being indexed can be searched: the list shows them
        while the proposals are indexed (the status line says how far along). A build that
        starts again (the file changed meanwhile) announces its new index: it replaces the
        old one, which read the file as it was."""
        if self.library is None:
            self._library_ready(library)
        elif self._indexing:
            self.library = library
            self._reread(self._current_key())

    def _library_ready(self, library: Library, first: Answer | None = None) -> None:
        """The database is open; ``first``: the first list, already read."""
        if self.library is not None:  # (its meetings shown already: now all is indexed)
            self._all_indexed(library)
            return
        self.library = library
        self._opening = False
        if self.selection:  # (restored: records may have been deleted since)
            self._check_selection(library)
        if library.note:
            shown = "\n".join(one_line(line) for line in library.note.splitlines())
            self.notify(shown, severity="warning", markup=False)
        if not self._indexing:  # (else the build's next step says how far along it is)
            self._status_progress("", 0, 0)
        self.refresh_bindings()
        # The list paints first (on the row highlighted when the browser was last closed);
        # a restored (or already typed) query runs after it.
        request = self._early.request
        counts = self._early.counts
        self._early.answer = None  # (its rows stay only as long as the list shows them)
        if first is None or request.ticket != self._ticket:
            # (the index built first: the last session's query is still the first list
            # asked for, unless another was asked for meanwhile; it showed every meeting
            # first, a trial with the index removed)
            query = request.query if request.ticket == self._ticket else ""
            self._request(query=query, keep=self.state.cursor)
            return
        self.idle.clear()
        relevance = bool(request.query)  # (the last session's query, read with the list)
        label, _sort = sort_choice(
            request.view, self._sorts(relevance).get(request.view, 0), relevance=relevance
        )
        label = _ranked(request.view, request.sort, request.query, label)
        if request.query:
            self._asked = request.query  # (what the list is read again for after a write)
            bar = self.query_one(SearchBar)
            if not bar.value:
                bar.set_value(request.query, quiet=True)
        rows, hl, cursor = first
        done = rows.complete and not (request.keep and cursor is None)
        self._show(request, rows, hl, label, cursor, done, counts)
        if not done and self.app.screen is self:  # the rest once this frame is drawn
            self.call_after_refresh(self._complete_if_current, request, first, label)
        elif not done:  # (a screen on top, which could close before its next frame)
            self._complete(request, first, label)

    def _all_indexed(self, library: Library) -> None:
        """The whole index replaces the meetings' (a staged build is over): the list is
        read again on the row highlighted, the proposals views now list what they hold."""
        self.library = library
        if self.selection:
            self._check_selection(library)
        if library.note:
            self.notify(one_line(library.note), severity="warning", markup=False)
        self._status_progress("", 0, 0)
        self.refresh_bindings()
        self._reread(self._current_key())

    def _reread(self, keep: Key | None) -> None:
        """Read the list again (from a new index, or after a write) on row ``keep``; the
        keys that reach the list meanwhile wait for it (a move is made in the new list, not
        undone by its cursor)."""
        self.query_one(RecordTable).keeping = not self._first_list
        self._request(query=self._asked, keep=keep)

    def _complete_if_current(self, request: Request, answer: Answer, label: str) -> None:
        if request.ticket == self._ticket:  # (not when a key typed meanwhile asked for another)
            self._complete(request, answer, label)

    def _field_values(self, field: str) -> list[str]:
        if self._no_proposals and field == "enterprise":  # (known from the proposals alone)
            raise KeyError(field)  # no values offered: not "no matching values"
        if self.index is None:  # (still opening: the values are not known yet, not none)
            raise KeyError(field)
        return self.index.field_values(field)

    # Busy and idle -------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        """Whether anything the screen waits for is under way."""
        return (
            self._opening or self._indexing or self._catching_up or self._answered != self._ticket
        )

    def _settled(self) -> None:
        """Set :attr:`idle` when nothing is under way or waiting for its debounce."""
        if self.busy or self.query_one(SearchBar).pending or self._detail_pending is not None:
            self.idle.clear()
        else:
            self.idle.set()

    def _keys_kept(self, count: int) -> None:
        """Keys typed while a write is saved wait for the list after it: the status line
        says they were taken (at 100,000 meetings a delete takes 10 s, and a new user would
        have typed them again)."""
        what, done, total = self._status_shown
        if what:
            self._status_progress(what, done, total)

    @_while_open
    def _status_progress(self, what: str, done: int, total: int) -> None:
        """Say what is happening under the list (an empty ``what``: nothing), and how many
        keys typed meanwhile wait for it."""
        self._status_shown = (what, done, total)
        bar = self._progress_bar()
        if not what:
            if bar is not None:
                bar.display = False
            self._update_titles()
            return
        if bar is None:  # (the usual launch shows no progress: not in its first frame)
            from textual.widgets import ProgressBar

            bar = ProgressBar(id="progress", show_eta=False)
            self.query_one("#status-line").mount(bar)
        bar.display = True
        bar.update(total=total or None, progress=done)
        detail = f"{what} {done:,} of {total:,} meetings…" if total else what
        left = self._time_left.update(what, done, total)
        if left:
            detail = f"{detail} {left}"
        kept = self.query_one(RecordTable).kept_keys
        if kept and (self._own_writes > 0 or self._catching_up):  # (what they wait for)
            detail = f"{detail} · {plural(kept, 'key')} typed meanwhile wait for it"
        self.query_one("#status", Static).update(Text(detail), layout=False)

    def _view_key(self, view: View) -> str:
        """The key that shows ``view``: the user's, if their keymap rebinds it."""
        from ..keymap import key_shown

        return key_shown(self.app, f"view-{view.id}", view.key)

    def _key(self, binding_id: str, default: str) -> str:
        """The key of ``binding_id`` as the user's keymap has it (what messages name)."""
        from ..keymap import key_shown

        return key_shown(self.app, binding_id, default)

    def _progress_bar(self) -> ProgressBar | None:
        """The status line's progress bar, once something slow has needed it (imported
        then: the usual launch does without it)."""
        found = self.query("#progress")
        if not found:
            return None
        from textual.widgets import ProgressBar

        return found.first(ProgressBar)

    # Rows --------------------------------------------------------------------------------

    def refresh_rows(self, keep: Key | None = None) -> None:
        """Show the current view, query and sort again; keep the cursor on ``keep``."""
        if keep is None:
            keep = self._current_key()
        self._request(query=self._asked, keep=keep)  # (the query last asked for)

    def _request(self, *, query: str, keep: Key | None, clear_if_missing: bool = False) -> None:
        if self.library is None:
            return
        self._asked = query  # (a request made before this one's answer asks for it too)
        self._ticket += 1
        relevance = bool(query.strip())
        position = self._sorts(relevance).get(self.view, 0)
        label, sort = sort_choice(self.view, position, relevance=relevance)
        request = Request(self._ticket, self.view, query.strip(), sort, keep, clear_if_missing)
        table = self.query_one(RecordTable)
        if keep is None:  # a new list from its top: moves typed meanwhile are made in it
            table.waiting = True
        if keep is None or self.view != self.rows.view:  # another list: keys typed
            table.keeping = not self._first_list  # meanwhile act in it (until then, _defer)
        self.idle.clear()
        self._compute(request, label)

    @work(thread=True, exclusive=True, group="list")
    def _compute(self, request: Request, label: str) -> None:
        """Run a request on the index (a worker): the first page, then the rest."""
        index = self.index
        assert index is not None
        try:
            answer = first_answer(index, request, proposals=not self._no_proposals)
            # the counts under the search bar come with the first page: one frame for both
            counts = match_counts(index, request, answer[0])
        except Exception as exc:
            self._report(request, exc)
            return
        rows, hl, cursor = answer
        label = _ranked(request.view, request.sort, request.query, label)
        self.app.call_from_thread(self._show, request, rows, hl, label, cursor, False, counts)
        self._rest(index, request, answer, label)

    @work(thread=True, exclusive=True, group="list")
    def _complete(self, request: Request, answer: Answer, label: str) -> None:
        """The rest of a list whose first page is on screen (a worker). Started after the
        first frame: reading every row's place (100,000 of them at the largest) holds the
        interpreter, and the first frame was drawn beside it, 30-60 ms later."""
        assert self.index is not None
        self._rest(self.index, request, answer, label)

    def _rest(self, index: SearchIndex, request: Request, answer: Answer, label: str) -> None:
        """Load the rest of the rows (a worker), then show them all."""
        rows, hl, cursor = answer
        try:
            # (a list of regions is whole from the start: a region it left out is not there)
            if rows.listing is not None and (
                not rows.complete or (request.keep and cursor is None)
            ):
                rows.listing.complete()
                cursor = find_row(index, rows, request.keep, first_page=False)
        except Exception as exc:
            self._report(request, exc)
            return
        self.app.call_from_thread(self._show, request, rows, hl, label, cursor, True)

    @work(thread=True, group="rest")
    def _complete_rows(self, rows: Rows) -> None:
        """Read the rest of ``rows``, the list kept when a newer request failed (a query
        typed while its first page was shown; a worker), and draw it again."""
        assert rows.listing is not None
        try:
            rows.listing.complete()
        except Exception:  # (the failed request has said what is wrong)
            return
        self.app.call_from_thread(self._rows_completed, rows)

    @_while_open
    def _rows_completed(self, rows: Rows) -> None:
        if rows is self.rows:
            self.query_one(RecordTable).refresh_rows()

    def _report(self, request: Request, exc: Exception) -> None:
        """Say why a request failed (from a worker)."""
        from coopbrowse.store.query import QueryError

        if isinstance(exc, QueryError):
            # (the query the list answers is no longer in the bar: said, or its "4 results"
            # read as the bad query's)
            shown = self.query_text
            still = (
                f"the list still shows {quoted(cut(shown, 40))}"
                if shown
                else "the list is unchanged"
            )
            message = f"✗ {exc} — {still}"
            self.app.call_from_thread(self._not_recalled, request.query)
        else:  # a damaged index is rebuilt; anything else is reported
            message = self._trouble(exc)
        self.app.call_from_thread(self._failed, request, message)

    def _not_recalled(self, query: str) -> None:
        """A query found wrong (``sector:nonsense``) leaves the history, and is not put in
        it when enter comes after the error."""
        self._bad_query = query
        if query in self.state.history:
            self.state.history.remove(query)
            self.query_one(SearchBar).history = list(self.state.history)

    def _trouble(self, exc: Exception) -> str:
        """What to say about a failed read (from a worker); a damaged index is rebuilt."""
        from coopbrowse.store.index import IndexCorrupt

        if isinstance(exc, IndexCorrupt):
            self.app.call_from_thread(self._rebuild)
            return f"✗ {exc}: rebuilding the search index"
        if isinstance(exc, StoreError):
            return f"✗ {exc}"
        return f"✗ could not read the search index: {type(exc).__name__}: {exc}"

    def _rebuild(self) -> None:
        # (once: a rebuild asked already, or one that failed, the database itself damaged,
        # is not asked again by each row or detail that meets the damage)
        if self.library is not None and self.library.stamp is not None:
            self.library.stamp = None  # no longer trusted: the next catch-up rebuilds
            self._catch_up(self._current_key(), force=True)

    @_while_open
    def _failed(self, request: Request, message: str) -> None:
        if request.ticket != self._ticket:
            return
        if self._list_shown is None and request.query and self._first_list:
            # the last session's query, asked for first, failed with no list shown yet:
            # the whole list, then the query again after it, which says what is wrong
            self._request(query="", keep=request.keep)
            return
        self._asked = self.query_text  # (the list kept is the one asked again after a change)
        self._answered = request.ticket
        self._settled()
        self.query_one(SearchBar).show_error(message)
        if not self.rows.complete:  # the list kept is a first page: its rest is still to read
            self._complete_rows(self.rows)
        if not self._first_list:
            self.query_one(RecordTable).stop_waiting()
            self._holding_keys = self._release_owed = False
        if self._after_query or self._replay_waits_for(request):
            # (the query typed while opening was wrong: what came after it still runs, and
            # nothing more waits for it)
            self._after_query = False
            self._replay()
        if self._first_list:
            self._first_list = False
            self.call_after_refresh(self._after_first_list)

    @_while_open
    def _show(
        self,
        request: Request,
        rows: Rows,
        hl: Marker,
        label: str,
        cursor: int | None,
        final: bool,
        counts: tuple[int, int] | None = None,
    ) -> None:
        """Show a request's rows (the first page, then again when all are loaded) and,
        with the first page, how many meetings and proposals match."""
        if request.ticket != self._ticket:
            return
        if final and request.keep and cursor is None and request.clear_if_missing and request.query:
            self.query_one(SearchBar).set_value("", quiet=True)
            self.query_text = ""
            self._request(query="", keep=request.keep)
            return
        table = self.query_one(RecordTable)
        same = rows is self.rows
        self.rows, self.hl, self.sort_label = rows, hl, label
        self.query_text = request.query
        self._show_facets(rows)
        self.corrections = rows.corrections
        view = VIEWS[rows.view]
        if self._no_proposals and rows.view in ("proposals", "followup"):
            meetings, regions = VIEWS["meetings"], VIEWS["regions"]
            state = (
                "are still being indexed (the line below says how far along); they are listed"
                " here when it is done."
                if self._indexing
                else "could not be indexed; restart coopbrowse to index them."
            )
            table.empty_message = (
                f"The proposals {state} Meetings ({self._view_key(meetings)}) and regions"
                f" ({self._view_key(regions)}) can be searched now."
            )
        elif (
            self.query_text
            and (kind := only_kind(self.query_text))
            and ((kind == "proposal") != (rows.view in ("proposals", "followup")))
        ):  # ("type:proposal elevator" in the meetings view: its proposals are in theirs)
            other = VIEWS["proposals" if kind == "proposal" else "meetings"]
            table.empty_message = (
                f"{quoted(self.query_text)} lists only {kind}s: {self._view_key(other)} shows"
                f" them in the {other.title} view."
            )
        elif self.query_text and rows.listing is not None and rows.listing.hint:
            shown = quoted(self.query_text)
            table.empty_message = f"No results for {shown}. {rows.listing.hint}"
        elif self.query_text:
            advice = (  # (words to drop or cut short, or only filters: another value)
                "Try another value or another view."
                if filters_only(self.query_text)
                else "Try fewer words, a prefix* or another view."
            )
            table.empty_message = f"No results for {quoted(self.query_text)}. {advice}"
        else:
            table.empty_message = "The database has no meetings yet."
        if same:
            # the row kept, found now that all rows are read; unless the cursor was moved
            # since the first page (a key typed meanwhile is not undone)
            if cursor is not None and request.keep is not None and table.cursor == self._placed:
                table.move_to(cursor)
            elif (
                final
                and cursor is None
                and request.keep is not None
                and table.cursor == self._placed
                and self._rows_after is not None
            ):  # (its row gone, below the first page: now that every row is read)
                table.move_to(self._row_after(rows, table.cursor, request.keep))
            table.refresh_rows()
            # (the moves and keys kept for the row below the first page: see beyond)
            self._list_here(request, only_if_kept=True)
        else:
            listed = (rows.view, request.query, request.sort)
            if cursor is not None:
                target = cursor
            elif request.keep is not None and listed == self._list_shown:
                # the same list read again without the row it was on (deleted by another
                # process): the cursor goes to the first row after it still there, as after a
                # delete here (it jumped to the top, where a key typed next, E, acted); else
                # it stays at its place
                target = self._row_after(rows, table.cursor, request.keep)
            else:
                target = 0
            columns = view.columns_for(request.sort, rows.widest)
            # (another list: shown from the top when its cursor fits the first page; the
            # same one read again keeps its scroll)
            table.set_rows(
                columns,
                len(rows),
                self._cells,
                self._is_marked,
                cursor=target,
                from_top=listed != self._list_shown,
            )
            self._list_shown = listed
            self._placed = table.cursor
            # (the row to keep not in the first page: the moves typed meanwhile wait for it,
            # or they were made from the top and the row was then not gone back to)
            beyond = request.keep is not None and cursor is None and not final
            if not beyond:
                self._list_here(request)
        bar = self.query_one(SearchBar)
        if request.query and not (final and counts is None and not self.corrections):
            self._describe(request.query, counts)
        elif not request.query and not bar.value:
            bar.show_hint("")  # a query the program cleared (a link followed): its counts go
        if final:
            self._rows_after = None  # (for this reading only: a later one is not moved by it)
            self._answered = request.ticket
            if self._release_owed:  # (a hold given up while this list was on its way)
                self._release_owed = False
                table.stop_waiting()
            self._settled()
            if self._first_list:
                self._first_list = False
                self.call_after_refresh(self._after_first_list)

    def _list_here(self, request: Request, *, only_if_kept: bool = False) -> None:
        """``request``'s list is on screen: the moves and keys the list kept for it are made
        (a hold ends with its list; ``only_if_kept``: only if it kept some), and the actions
        typed after a query put off until its list (typed while opening, or restored) run."""
        table = self.query_one(RecordTable)
        if self._write_notice is not None:
            # a write's notice, once the list after it is here and before the keys typed
            # while it was saved act on it: said otherwise when there are some ("u, pressed
            # next" would not hold: they move on from the row)
            plain, ahead, timeout = self._write_notice
            self._write_notice = None
            said = ahead if table.typed_ahead else plain
            if table.typed_ahead:  # (they move on: u and U are about their row)
                self._deleted = self._undone_away = None
            # (in the place of the last write's: "Saved … u undoes your edit." stayed above
            # "Undone: …", saying the opposite; a trial)
            self.notify_in_place("write", said, timeout=timeout)
        # (not while a query submitted is still to be asked for: this list was asked for
        # before it, a save's say, and the moves typed behind the enter are for the query's:
        # "lift", enter, "jj" behind a save were made in the list being left)
        stale = self._submitting and table.waiting
        if (
            not self._first_list
            and not stale
            and (table.waiting or table.keeping or not only_if_kept)
        ):
            table.stop_waiting()
            self._holding_keys = self._release_owed = False
        if (self._after_query and request.query) or self._replay_waits_for(request):
            self._after_query = False
            self._replay()

    def _show_facets(self, rows: Rows) -> None:
        """The Follow-up view's counts per status, region and sector, above its list."""
        line = self.query_one("#facet-line", Static)
        line.display = rows.view == "followup" and not self._no_proposals
        if rows.facets is None:
            return
        from coopbrowse.store.followup import status_counts
        from coopbrowse.store.regions import short_region
        from coopbrowse.store.taxonomy import STATUS_LABELS, sector_label

        text = Text()
        for status, n in status_counts(rows.facets):
            text.append(f"{STATUS_LABELS[status]} ", style="bold" if n else "dim")
            text.append(f"{n:,}  ", style="" if n else "dim")

        def most(pairs: list[tuple[str, int]], name: Callable[[str], str]) -> str:
            """The four with most, and how many others (F counts them all)."""
            said = ", ".join(f"{name(value)} {n:,}" for value, n in pairs[:4])
            return said + (f" and {len(pairs) - 4:,} more" if len(pairs) > 4 else "")

        regions = most(rows.facets.get("region", []), short_region)
        sectors = most(rows.facets.get("sector", []), sector_label)
        details = "  ·  ".join(
            f"{name}: {one_line(values)}"
            for name, values in (("regions", regions), ("sectors", sectors))
            if values
        )
        if details:
            text.append("\n" + details, style="dim")
        line.update(text)

    def _after_first_list(self) -> None:
        """Once the first list is on screen: the keys pressed meanwhile, then the query
        typed (or restored) meanwhile."""
        if self.state.selection_dropped:  # too large to save: said, not lost unawares
            from ..state import SELECTION_KEPT

            self.notify(
                f"The selection of {self.state.selection_dropped:,} records was not kept from "
                f"your last session: at most {SELECTION_KEPT:,} are.",
                severity="warning",
                timeout=15,
            )
            self.state.selection_dropped = 0  # (said once)
        if self.selection:  # kept from the last session: said, lest it be exported unawares
            from ..keymap import key_shown

            self.notify(
                f"Still {self.selection.describe()} from your last session "
                f"({key_shown(self.app, 'clear-selection', 'A')} clears it).",
                timeout=8,
            )
        bar = self.query_one(SearchBar)
        typed = bar.value
        submitted = [args[0] for action, args in self._deferred if action == "run_query"]
        if submitted:
            # Queries submitted while the database opened run in their turn among the
            # actions put off, each followed by what was typed after it, in its list
            # ("/tram", enter, "jjj"; "/lift", enter, space, "/samara", enter). One typed
            # after them and not submitted runs last.
            if typed.strip() and typed != submitted[-1]:
                self._deferred.append(("run_query", (typed,)))
            if self._answered == self._ticket:
                self.query_one(RecordTable).stop_waiting()
            self._replay()
            return
        query = typed or self.state.query
        # The moves typed meanwhile are made now, in this list; but not when another is
        # asked for already ("/lift", enter, "jj" at launch), nor when the last session's
        # query is to be shown on its row (a "k" typed at launch was made in this list,
        # then undone): that list's rows end the wait. So with the actions put off: they
        # follow the moves typed before them, in the restored query's list
        restoring = bool(query.strip()) and not typed
        if restoring and self._asked == query.strip() and self._answered == self._ticket:
            # the last session's query, read with the first list: its rows are here
            if not bar.value:
                bar.set_value(query, quiet=True)
            self.query_one(RecordTable).stop_waiting()
            self._replay()
            return
        if self._answered == self._ticket and not restoring:
            self.query_one(RecordTable).stop_waiting()
        if restoring:
            self._after_query = True  # (its list replays them: see _show, _failed)
        else:
            self._replay()
        if query.strip():
            if not bar.value:
                bar.set_value(query, quiet=True)
            if typed:
                if self._asked.strip() != query.strip():  # (not the list shown already: it
                    self.run_search(query)  # would come again, the moves made in it undone)
            else:  # the last session's query, on its last row
                self._request(query=query, keep=self.state.cursor)

    def _describe(self, query: str, counts: tuple[int, int] | None) -> None:
        """The line under the search bar: the spellings used instead, or the counts (read
        with the list, or else now in a worker)."""
        bar = self.query_one(SearchBar)
        if self.corrections:
            fixed = ", ".join(f"{a} → {b}" for a, b in self.corrections)
            said = f"No exact matches; showing results for: {fixed}"
            bar.show_hint(said, corrected=True, caveat=self.rows.caveat)
        elif counts is not None:
            bar.show_hint(self._matches(*counts), found=any(counts), caveat=self.rows.caveat)
        else:
            self._count_matches(self._ticket, query)

    @work(thread=True, exclusive=True, group="count")
    def _count_matches(self, ticket: int, query: str) -> None:
        """How many meetings and proposals match, for the line under the search bar."""
        index = self.index
        if index is None:
            return
        try:
            meetings = index.count(query, view="meetings")
            proposals = index.count(query, view="proposals")
        except Exception:  # the list's own request reports what went wrong
            return
        self.app.call_from_thread(self._show_counts, ticket, meetings, proposals)

    @_while_open
    def _show_counts(self, ticket: int, meetings: int, proposals: int) -> None:
        if ticket == self._ticket:
            self.query_one(SearchBar).show_hint(
                self._matches(meetings, proposals),
                found=bool(meetings or proposals),
                caveat=self.rows.caveat,
            )

    def _matches(self, meetings: int, proposals: int) -> str:
        """What the counts under the search bar say (the proposals are not counted while
        they are being indexed)."""
        if not self._no_proposals:
            return describe_matches(meetings, proposals)
        said = describe_matches(meetings, 0) or "No meetings match"
        return f"{said}; the proposals are {self._proposals_state}"

    def _cells(self, index: int) -> list[Text]:
        row = self.rows[index]
        if row is None:
            if self.rows.error is not None:  # (not read, not on its way: said, after drawing)
                self.call_later(self._unreadable_rows, self.rows)
            return placeholder_cells(self.rows.view)
        return VIEWS[self.rows.view].cells(row, self.hl)

    def _unreadable_rows(self, rows: Rows) -> None:
        """Rows of the list that could not be read (drawn as placeholders, and the detail
        said "Loading…" for ever): said once a list, and a damaged index rebuilt once (a
        rebuild that fails, the database itself damaged, says so)."""
        from coopbrowse.store.index import IndexCorrupt

        exc, rows.error = rows.error, None
        if exc is None or rows.said:
            return
        rows.said = True
        if isinstance(exc, IndexCorrupt) and self.library is not None and self.library.stamp:
            message = f"✗ {exc}: rebuilding the search index"
            self._rebuild()
        else:
            message = f"✗ cannot read a row of the list: {exc}"
        if message != self._unreadable_said:  # (each list that meets it: said once)
            self._unreadable_said = message
            self.notify(one_line(message), severity="error", markup=False)

    def _is_marked(self, index: int) -> bool:
        row = self.rows[index] if index < len(self.rows) else None
        if row is None:
            return False
        if row.region is not None:  # marked while the meetings space selected are (it was
            # never marked, and a space that moved on selected the next region unseen)
            keys = self._region_keys.get(row.region.name) or []
            return bool(keys) and all(key in self.selection for key in keys)
        return row.key in self.selection

    def on_resize(self) -> None:
        self._update_titles()  # the status line names the views, or keys them when narrow

    def _update_titles(self) -> None:
        view = VIEWS[self.rows.view]
        table = self.query_one(RecordTable)
        count = len(self.rows)
        if self.library is None:  # ("(0)" read as an empty database for a first minute)
            title = f"{view.title} (opening…)"
        elif self._no_proposals and view.id in ("proposals", "followup"):
            title = f"{view.title} ({self._proposals_state})"
        elif self.query_text:
            title = f"{view.title} · {plural(count, 'result')}"
        else:
            title = f"{view.title} ({count:,})"
        table.border_title = f"{self._view_key(view)} {title}"
        loading = "" if self.rows.complete else " · loading…"
        # (no order yet while the database opens: the corner waits for one)
        sort = f"sorted by {self.sort_label} · " if self.sort_label else ""
        table.border_subtitle = f"{sort}{self._key('cycle-sort', 's')}: next sort{loading}"
        selected = self.selection.describe()
        views = " ".join(
            f"{self._view_key(v)} {v.title}" + ("◂" if v.id == self.view else "")
            for v in VIEWS.values()
        )
        bar = self._progress_bar()
        if bar is None or not bar.display:
            # one line of fixed size: a repaint, not a layout of the whole screen
            status = self.query_one("#status", Static)
            tail = f" · {selected}" + (f" · {self._unindexed}" if self._unindexed else "")
            # the line's width, not the text's: the progress bar beside it may just have gone
            room = (self.query_one("#status-line").size.width or self.size.width) - 2
            if len(views) + len(tail) > room:  # narrow: the views by their keys alone
                views = " ".join(
                    self._view_key(v) + ("◂" if v.id == self.view else "") for v in VIEWS.values()
                )
            status.update(Text(views + tail), layout=False)

    def _row_after(self, rows: Rows, was: int, keep: Key) -> int:
        """Where the cursor goes in ``rows`` when its row ``keep`` (at ``was``) is gone after
        another process's change: the first of the rows that came after it still listed (the
        rows gone before it move it up: as many as went), else ``was``."""
        fallback = min(was, max(len(rows) - 1, 0))
        if self._rows_after is None or self._rows_after[0] != keep:
            return fallback
        _key, listed, after = self._rows_after
        gone = max(0, listed - len(rows))
        best: tuple[int, int] | None = None  # (order after the old row, index now)
        for i in range(max(0, was - gone), min(len(rows), was + 1)):
            row = rows[i]  # (a row not read yet is None: the list's whole answer reads them)
            order = after.get(row.key) if row is not None else None
            if order is not None and (best is None or order < best[0]):
                best = (order, i)
        return best[1] if best is not None else fallback

    def _current_key(self) -> Key | None:
        row = self._current()
        return row.key if row is not None else None

    def _current(self) -> Row | None:
        cursor = self.query_one(RecordTable).cursor
        return self.rows[cursor] if 0 <= cursor < len(self.rows) else None

    # Detail ------------------------------------------------------------------------------

    def on_record_table_highlighted(self, event: RecordTable.Highlighted) -> None:
        if self._deleted is not None and not self.busy and self._current_key() != self._deleted[1]:
            self._deleted = None  # (moved on: u undoes the highlighted record's change)
        away = self._undone_away
        if away is not None and not self.busy and self._current_key() != away[1]:
            self._undone_away = None  # (and U takes back the highlighted record's undo)
        # Draw the detail after the list has been painted, once per frame: the list never
        # waits for it, and holding j over 10,000 rows does not build 10,000 details. While
        # a query is being typed, the detail waits for a pause in the typing: the list and
        # its count follow every key, the detail the query the user stopped at.
        first = self._detail_pending is None
        self._detail_pending = event.index
        stopped = self._detail_timer is not None
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self._detail_timer = None
        typing = time.monotonic() - self._typed_at
        delay = self.settings.detail_delay
        if typing < delay:
            self._detail_timer = self.set_timer(delay - typing, self._flush_detail)
        elif (first or stopped) and self.is_current:  # (a stopped timer's flush: this one's)
            # (under another screen: when this one is back on top, see on_screen_resume)
            self.call_after_refresh(self._flush_detail)

    def _flush_detail(self) -> None:
        self._detail_timer = None
        index, self._detail_pending = self._detail_pending, None
        if index is not None:
            self.show_detail(index)
        self._settled()

    def show_detail(self, index: int) -> None:
        """Show the detail of row ``index``: the record is read and its blocks built in a
        worker, then mounted here."""
        detail = self.query_one(DetailPane)
        if self.index is None:
            return
        row = self.rows[index] if 0 <= index < len(self.rows) else None
        self._detail_ticket += 1
        if row is None:
            detail.border_title = "Detail"
            why = self.rows.failed.get(index)
            said = f"Cannot show this record: {why}" if why else "Loading…"
            detail.show(None, [], "Nothing to show here." if not len(self.rows) else said)
            return
        self._build_detail(self._detail_ticket, self.index, row)

    @work(thread=True, exclusive=True, group="detail")
    def _build_detail(self, ticket: int, index: SearchIndex, row: Row) -> None:
        from coopbrowse.store.export import meeting_name
        from coopbrowse.store.index import IndexCorrupt

        blocks: list[Block] = []
        title, message = "Detail", ""
        try:
            if row.proposal is not None:
                found = index.proposal(row.proposal.id)
                if found is None:
                    raise LookupError(row.proposal.id)
                proposal, meeting = found
                related = index.related(proposal, meeting)
                names = {
                    mid: meeting_name(later)
                    for mid in proposal.raised_again
                    if (later := index.meeting(mid)) is not None
                }
                blocks = proposal_blocks(proposal, meeting, related, self.hl, names)
                title = "Proposal"
            elif row.meeting is not None:
                meeting_ = index.meeting(row.meeting.id)
                if meeting_ is None:
                    raise LookupError(row.meeting.id)
                blocks, title = meeting_blocks(meeting_, self.hl), "Meeting"
            else:
                assert row.region is not None
                regional = index.region_detail(row.region.name)
                matched = (
                    (row.region.meetings, row.region.proposals) if self.query_text.strip() else None
                )
                blocks, title = region_blocks(regional, self.hl, matched), "Region"
        except LookupError:
            message = "This record is no longer in the database."
        except Exception as exc:  # a damaged index: say so, rebuild
            if isinstance(exc, IndexCorrupt):
                self.app.call_from_thread(self._rebuild)
            message = f"Cannot show this record: {exc}"
        self.app.call_from_thread(self._put_detail, ticket, row.key, title, blocks, message)

    @_while_open
    def _put_detail(
        self, ticket: int, key: Key, title: str, blocks: list[Block], message: str
    ) -> None:
        if ticket != self._detail_ticket:
            return  # another row was highlighted meanwhile
        detail = self.query_one(DetailPane)
        detail.border_title = title
        detail.show(key if blocks else None, blocks, message)

    def on_record_table_activated(self, event: RecordTable.Activated) -> None:
        detail = self.query_one(DetailPane)
        self.set_focus(detail)
        detail.select_first_link()

    def on_detail_pane_follow(self, event: DetailPane.Follow) -> None:
        self.go_to(event.target)

    def go_to(self, target: Key) -> None:
        """Show ``target`` in its view, clearing the search if it hides it (backspace
        returns to where you were)."""
        kind, _rid = target
        if kind == "proposal" and self._still_indexing("Links to proposals work"):
            return
        self._trail.push(Place(self.view, self.query_text, self._current_key()))
        self.view = "proposals" if kind == "proposal" else "meetings"
        self._request(query=self.query_text, keep=target, clear_if_missing=True)
        self.set_focus(self.query_one(RecordTable))

    # Searching ---------------------------------------------------------------------------

    def on_search_bar_query_changed(self, event: SearchBar.QueryChanged) -> None:
        if event.submitted:
            self._submitting = False
        if event.submitted and event.query in self._submitted_later:
            # put off as it was submitted (list_coming): it runs in its turn
            self._submitted_later.remove(event.query)
            if not self.loaded:
                self.run_search(event.query)  # (which says so)
        else:
            self.run_search(event.query)
        if event.submitted:
            self.remember_query()
            if self.focused is None:
                # (the bar has handed the focus to the list as it submitted; heard later, a
                # "/" typed since had the query that followed typed into the list)
                self.set_focus(self.query_one(RecordTable))
        self._settled()

    def list_coming(self, query: str) -> None:
        """The search bar submits ``query`` (see SearchBar.action_submit): its list is on its
        way, and moves typed behind the enter are made in it; those typed before it, in the
        list they were typed for."""
        if not self.loaded or (self._deferred_pending and self._deferred):
            # submitted while the database opens, or behind actions still put off (in the
            # lists still coming): it runs in its turn among them (see _after_first_list,
            # _replay), the moves typed before it first, those after it behind it
            self._defer("run_query", query)
            self._submitted_later.append(query)
            return
        self._submitting = True  # (until the screen hears of it: see action_back)
        table = self.query_one(RecordTable)
        table.make_kept_moves()
        if self.loaded and (query.strip() or self.query_text):  # (as run_search asks)
            table.waiting = True

    def on_search_bar_typing(self, event: SearchBar.Typing) -> None:
        self._typed_at = time.monotonic()
        self.idle.clear()

    def remember_query(self) -> None:
        """Put the current query in the history (on enter, or when leaving the search bar;
        not every keystroke)."""
        from coopbrowse.store.query import QueryError, parse

        bar = self.query_one(SearchBar)
        try:
            parse(bar.value)
        except QueryError:
            return  # a malformed query is not one to recall (its error is on the screen)
        if bar.value.strip() == self._bad_query:
            return  # (found wrong when it ran: an unknown sector, a bad range)
        self.state.remember(bar.value)
        bar.history = list(self.state.history)

    def run_search(self, query: str) -> None:
        if not self.loaded:
            self.query_one(SearchBar).show_hint("Opening the database… the search runs when ready.")
            return
        if not query.strip():
            self.query_one(SearchBar).show_hint("")
            if self.query_text:
                self._request(query="", keep=None)
            return
        self._request(query=query, keep=None)
        self._save_soon()

    # Actions -----------------------------------------------------------------------------

    def action_view(self, view: str) -> None:
        if self._defer("view", view):
            return
        if view != self.view:
            here = self._current_key()
            if here is not None:
                self._view_rows[self.view] = here
            self.view = view  # (watch_view saves it)
            # the row last highlighted in that view, or its top; for the query last asked
            # (escape and 4 typed together listed the search escape had just cleared)
            self._request(query=self._asked, keep=self._view_rows.get(view))
        self.set_focus(self.query_one(RecordTable))

    def action_go_back(self) -> None:
        """Return to the view, query and row from before the last followed link."""
        if self._defer("go_back"):
            return
        place = self._trail.pop()
        if place is None:
            self.notify_in_place("back", "Nothing to go back to.", timeout=2)
            return
        view, query, key = place.view, place.query, place.key
        self.view = view
        bar = self.query_one(SearchBar)
        if query != bar.value:
            bar.set_value(query, quiet=True)
        self._request(query=query, keep=key)
        self.set_focus(self.query_one(RecordTable))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the search bar "/" is a character of the query: not offered as "Search" (the
        footer showed "/ Search" while "/" went into the query)."""
        return not (action == "search" and isinstance(self.focused, QueryInput))

    def action_search(self) -> None:
        """Focus the search bar with its query selected: what is typed next is a new query,
        and End, Home or left keeps the old one to edit (as a browser's address bar).
        Where it has the focus already, "/" is typed."""
        bar = self.query_one(SearchBar)
        if self.focused is bar.input:  # (as of now: has_focus follows a message later)
            selection = bar.input.selection
            if selection.is_empty:
                bar.input.insert_text_at_cursor("/")
            else:  # (typed over the query "/" selected, as any other character)
                bar.input.replace("/", *selection)
            return
        self.set_focus(bar.input)
        bar.input.select_all()

    def action_back(self, *, heard: bool = False) -> None:
        table = self.query_one(RecordTable)
        bar = self.query_one(SearchBar)
        if self._submitting and not heard:
            # a query submitted just before ("/samara", enter and escape typed together) is
            # heard first: cleared before, it came after, the list filtered by a query the
            # bar no longer showed
            after_keys_of(bar, lambda: self.action_back(heard=True))
            return
        # (where the focus is as of now: has_focus follows a message later, and an escape
        # typed right behind enter found the list not yet "focused")
        if self.focused is bar.input:
            self.remember_query()
        if self.focused is table and (self.query_text or bar.value):
            bar.set_value("", quiet=True)
            bar.show_hint("")
            if self.loaded:  # all of them again, the highlighted record still highlighted
                self._request(query="", keep=self._current_key())
                table.waiting = True  # (a move typed behind escape is made in that list)
        self.set_focus(table)

    def _keys_of(self, row: Row) -> list[Key]:
        return [row.key]

    def action_toggle_selection(self) -> None:
        if self._defer("toggle_selection"):
            return
        row = self._current()
        if row is None:
            self.app.bell()
            return
        if row.region is not None:
            self._select_region(row.region.name, self.query_text)
            return
        self.selection = self.selection.toggled(row.key)
        self.query_one(RecordTable).action_cursor_down()

    @work(thread=True, group="select")
    def _select_region(self, region: str, query: str) -> None:
        """Select (or, when all are selected, unselect) a region's listed meetings."""
        from coopbrowse.store.regions import filter_value

        index = self.index
        assert index is not None
        scoped = f"region:{filter_value(region)}" + (f" ({query})" if query else "")
        try:
            keys = index.keys(index.listing("meetings", scoped, "newest"))
        except Exception as exc:
            self.app.call_from_thread(self.notify, Text(self._trouble(exc)), severity="error")
            return
        self.app.call_from_thread(self._toggle_keys, keys, True, region)

    @_while_open
    def _toggle_keys(self, keys: list[Key], move: bool, region: str = "") -> None:
        if region:  # (its row is marked while these are selected)
            self._region_keys[region] = keys
        self.selection = self.selection.toggled_all(keys)
        if move:
            self.query_one(RecordTable).action_cursor_down()

    def action_select_all(self) -> None:
        if self._defer("select_all"):
            return
        # what is pressed next waits for the whole selection ("a e" opened the export
        # dialog on a selection still being read at 44,537 rows, and wrote one proposal)
        self._deferred_pending = True
        if len(self.rows) >= SAY_SELECTING:  # (10,000 rows: a second and more to read)
            self._status_progress(f"Selecting the {len(self.rows):,} listed…", 0, 0)
            self._selecting = True
        self._select_all(self.rows)

    @work(thread=True, group="select")
    def _select_all(self, rows: Rows) -> None:
        index = self.index
        assert index is not None
        try:
            if rows.listing is not None:
                keys = index.keys(rows.listing)
            else:
                keys = index.keys(index.listing("meetings", self.query_text, "newest"))
        except Exception as exc:
            self.app.call_from_thread(self.notify, Text(self._trouble(exc)), severity="error")
            self.app.call_from_thread(self._selected_all, None)  # (what waited runs all the same)
            return
        self.app.call_from_thread(self._selected_all, keys)

    @_while_open
    def _selected_all(self, keys: list[Key] | None) -> None:
        # (said by the status line under the list: a note over it hid the count)
        if keys is not None:  # (None: it could not be read, and said so)
            self.selection = self.selection.with_all(keys)
        if self._selecting:
            self._selecting = False
            self._status_progress("", 0, 0)  # (the count selected, said as ever)
        self._replay()

    def action_clear_selection(self) -> None:
        if self._defer("clear_selection"):
            return
        self.selection = Selection()

    def watch_selection(self) -> None:
        """The selection changed: the list's marks, the status line, the saved state."""
        self.state.selection = self.selection.keys()
        self._save_soon()
        if self.is_mounted:
            self.query_one(RecordTable).refresh_rows()
            self._titles_soon()

    # Each view's own keys come first in the footer (at 100 columns "f Follow up" was cut off
    # in the Follow-up view): ids of BINDINGS, in order
    _FOOTER_FIRST: ClassVar[dict[str, tuple[str, ...]]] = {
        "meetings": ("edit",),  # (at 100 columns the default order cut it off)
        "proposals": ("follow-up", "edit"),
        "regions": ("compare",),  # (a region row's meetings, side by side)
        "followup": ("follow-up", "edit", "undo"),
    }

    @property
    def key_target(self) -> RecordTable | None:
        """The list, which takes the keys typed before it is given the focus (see
        KeepsKeyOrder.on_event); None before it is mounted."""
        found = self.query(RecordTable)
        return found.first() if found else None

    @property
    def footer_first(self) -> tuple[str, ...]:
        """The ids of the bindings the footer shows first in the current view."""
        return self._FOOTER_FIRST.get(self.view, ())

    # Keys for records that a view's rows are not: a region row is no meeting to edit,
    # undo or follow up (each said so when pressed; the footer offered them)
    _FOOTER_LEFT_OUT: ClassVar[dict[str, tuple[str, ...]]] = {
        "regions": ("edit", "undo", "follow-up"),
    }

    @property
    def footer_left_out(self) -> tuple[str, ...]:
        """The ids of the bindings the footer leaves out in the current view."""
        return self._FOOTER_LEFT_OUT.get(self.view, ())

    def watch_view(self) -> None:
        self._titles_soon()
        self._save_soon()
        self.refresh_bindings()  # (the footer's order follows the view)

    def watch_rows(self) -> None:
        self._titles_soon()

    def watch_query_text(self) -> None:
        self._titles_soon()

    def watch_sort_label(self) -> None:
        self._titles_soon()

    def _titles_soon(self) -> None:
        """Update the titles once, after the changes being made now. Also while the screen
        mounts (``is_mounted`` is not true yet): the first list may be shown from
        ``on_mount``, and its titles must follow."""
        if not self._titles_due and self.is_running:
            self._titles_due = True
            self.call_next(self._titles_now)

    def _titles_now(self) -> None:
        self._titles_due = False  # whatever happens: a later change must schedule again
        if self.query(RecordTable):  # (none while the app closes)
            self._update_titles()

    def _sorts(self, relevance: bool) -> dict[str, int]:
        """Each view's chosen sort: one set while browsing and another while searching
        (where order 0 is relevance), so neither shifts the other."""
        return self.state.search_sorts if relevance else self.state.sorts

    def notify_in_place(
        self,
        kind: str,
        message: str,
        *,
        timeout: float | None = None,
        severity: SeverityLevel = "information",
        title: str = "",
    ) -> None:
        """A notice that takes the place of the last one of its ``kind`` if still shown: s
        pressed three times showed three "Sorted by …" toasts over the detail, of which
        only the last held (a new user). ``timeout``: the app's, unless given."""
        before = self._notices.get(kind)
        if before is not None:
            # (as Textual's own toasts remove themselves when they time out)
            self.app._unnotify(before, refresh=False)
        if timeout is None:
            timeout = self.app.NOTIFICATION_TIMEOUT
        notice = Notification(message, title=title, severity=severity, timeout=timeout)
        self._notices[kind] = notice
        self.app.post_message(Notify(notice))

    def action_cycle_sort(self) -> None:
        if self._defer("cycle_sort"):
            return
        query = self._asked.strip()  # (the query last asked for: see action_view)
        relevance = bool(query)
        count = sort_count(self.view, relevance=relevance)
        sorts = self._sorts(relevance)
        was = sorts.get(self.view, 0)
        sorts[self.view] = (was + 1) % count
        if relevance and was == 0 and self.view != "regions" and not _has_words(query):
            # filters alone rank nothing: "relevance" is the view's first order already, and
            # s went to that order under its own name, the list unchanged (a new user)
            sorts[self.view] = 2 % count
        label, sort = sort_choice(self.view, sorts[self.view], relevance=relevance)
        label = _ranked(self.view, sort, query, label)
        # the new order from its top: kept on the row highlighted, it opened in its middle
        # and looked unsorted (found by a new user)
        self._request(query=query, keep=None)
        self._save_soon()
        self.notify_in_place("sort", f"Sorted by {label}", timeout=2)

    def action_open_source(self) -> None:
        if self._defer("open_source"):
            return
        row = self._current()
        meeting = None
        if row is not None and row.meeting is not None and self.index is not None:
            meeting = self.index.meeting(row.meeting.id)  # a row holds only part of it
        elif row is not None and row.region is not None and self.index is not None:
            detail = self.index.region_detail(row.region.name, shown=1, figures=0)
            meeting = detail.meetings[0] if detail.meetings else None
        if meeting is None:
            self.app.bell()
            return
        url = meeting.source.url
        if url.startswith(("http://", "https://")):
            if self.app.is_web:  # served: the user's own browser opens it
                self.app.open_url(url)
                self._say_opening(url)
            else:
                self._find_browser(url)
        elif url:  # (stored before imports checked addresses: shown, never opened)
            self.notify(
                one_line(f"Not opened: the source's address is not a web address ({url})."),
                severity="warning",
                markup=False,
            )
        else:
            where = meeting.source.document or meeting.source.outlet or "unknown"
            self.notify(
                one_line(f"No web address recorded for this source ({where})."),
                severity="warning",
                markup=False,
            )

    @work(thread=True, exclusive=True, group="open-url")
    def _find_browser(self, url: str) -> None:
        """Open ``url`` in this machine's web browser, in a worker (looking for one may
        start programs, and opening one may wait for it). On a server over ssh there is
        none, and saying "Opening" would be untrue; a browser that runs in the terminal
        (w3m, lynx) would fight the app for it: neither is used."""
        browser = graphical_browser()
        opened = False
        if browser is not None:
            try:
                opened = bool(browser.open(url))
            except OSError:
                opened = False
        if opened:
            self.app.call_from_thread(self._say_opening, url)
        else:
            self.app.call_from_thread(self._no_browser, url)

    @_while_open
    def _say_opening(self, url: str) -> None:
        self.notify(one_line(f"Opening {url}"), markup=False)

    @_while_open
    def _no_browser(self, url: str) -> None:
        self.app.copy_to_clipboard(url)  # (OSC 52: where the terminal allows it)
        self.notify(
            one_line(
                f"No web browser found here; the address (copied, if the terminal allows): {url}"
            ),
            severity="warning",
            markup=False,
        )

    def action_export(self) -> None:
        """Open the export dialog for the selection, or offer the row or the whole list."""
        if self._defer("export"):
            return
        from .export import Choice, ExportScreen

        choices: list[Choice] = []
        if self.selection:  # (first: what was chosen; the row and the list offered after it,
            # where a search made since the selection was the user's mind: a new user's trial)
            label = f"the selection ({plural(len(self.selection), 'record')})"
            choices.append(Choice(label, self.selection.keys(), "selection", selected=True))
        row = self._current()
        if row is not None:
            name = row.region.name if row.region else ""
            name = name or (row.proposal.title if row.proposal else "")
            name = name or (row.meeting.title if row.meeting else "")
            kind = row.key[0]
            if row.region is not None:
                choices.append(
                    Choice(
                        f"the highlighted {kind}",
                        None,
                        name,
                        _region_query(row.region.name, self.query_text),
                    )
                )
            else:
                choices.append(Choice(f"the highlighted {kind}", [row.key], name or row.key[1]))
        if len(self.rows):
            noun = "proposals" if self.view == "followup" else VIEWS[self.view].title.lower()
            what = f"everything listed ({len(self.rows):,} {noun})"
            if len(self.rows) == 1:  # ("1 meetings")
                what = f"everything listed (1 {noun.removesuffix('s')})"
            choices.append(
                Choice(what, None, self.query_text or self.view, self.query_text, view=self.view)
            )
        if not choices:
            self.notify("Nothing to export: the list is empty.", severity="warning")
            return

        def done(path: str | None) -> None:
            if path:
                self.notify(
                    one_line(f"Exported to {Path(path).resolve()}"), title="Export", markup=False
                )

        assert self.index is not None
        self.app.push_screen(ExportScreen(self.index, choices), done)

    def action_add_article(self) -> None:
        """Draft meetings from articles (pasted text, or paths and URLs), review each draft
        in turn, save."""
        self._undone_away = None  # (another write: see _own_write_begins)
        if self._defer("add_article"):
            return
        if self._still_indexing("Adding from an article opens"):
            return
        from coopbrowse.store import Store

        from .article import ArticleScreen, Drafted, ReviewScreen

        queue: list[Any] = []
        sources: list[str] = []  # (each queued draft's path or URL)
        discarded: list[str] = []
        total = 0

        pasted = ""

        def drafted(result: Drafted | None) -> None:
            nonlocal total, pasted
            if result is None:  # closed: with nothing in its box, or its text discarded
                self._article_text = ""
                self._article_sources = []
                return
            pasted = result.text
            for failure in result.failures:
                self.notify(one_line(failure), title="Not read", severity="error", markup=False)
            queue.extend(result.drafts)
            sources.extend(result.sources)  # (one per draft)
            total = len(queue)
            review_next()

        def review_next() -> None:
            if queue:
                position = (total - len(queue) + 1, total)
                review = ReviewScreen(queue.pop(0), Store(self.db_path), position=position)
                self.app.push_screen(review, saved)
            elif not pasted:  # the paths and URLs whose drafts were discarded: again (i)
                self._article_sources = discarded

        def saved(meeting_id: str | None) -> None:
            source = sources.pop(0) if sources else ""
            if meeting_id:
                self.records_changed([meeting_id])
                message = one_line(f"Saved {meeting_id}.")  # (a write's: see _list_here)
                self.notify_in_place("write", message, title="Add from article")
                if pasted:  # (a draft from paths leaves the text kept from before)
                    self._article_text = ""
            elif pasted:  # discarded: the text pasted is back in the box next time (i)
                self._article_text = pasted
            elif source:  # (a URL had to be typed again: a trial)
                discarded.append(source)
            review_next()

        screen = ArticleScreen(self._article_text, self.db_path, self._article_sources)
        self.app.push_screen(screen, drafted)

    # Editing, undo and follow-up ---------------------------------------------------------

    @property
    def _no_proposals(self) -> bool:
        """Whether the index lacks the proposals: a staged build's meetings alone, its
        proposals still being indexed (:attr:`_indexing`) or that failed."""
        return self.library is not None and self.library.partial

    @property
    def _proposals_state(self) -> str:
        """What the titles and counts say of proposals the index lacks."""
        return "still being indexed" if self._indexing else "not indexed"

    @property
    def _indexing(self) -> bool:
        """Whether the proposals are being indexed now (the meetings searchable meanwhile)."""
        return self._no_proposals and not self._unindexed

    def _still_indexing(self, what: str) -> bool:
        """While the proposals of a large database are being indexed (or after that
        failed), nothing is written (a write would start the indexing again): say so."""
        if not self._no_proposals:
            return False
        self.app.bell()
        how = (
            "the line under the list says how far along"
            if self._indexing
            else "restart coopbrowse to index them"
        )
        said = f"{what} once the proposals are indexed ({how})."
        self.notify_in_place(f"indexing: {what}", said, timeout=4)  # (each thing that waits)
        return True

    def _record_row(self, what: str) -> Row | None:
        """The highlighted meeting or proposal row (a bell and a word when there is none)."""
        row = self._current()
        if row is None or row.region is not None:
            self.app.bell()
            self.notify_in_place(
                "highlight", f"{what}: highlight a meeting or a proposal first.", timeout=3
            )
            return None
        return row

    def action_edit(self) -> None:
        """Edit the highlighted meeting (on a proposal: its meeting, at that proposal)."""
        self._undone_away = None  # (another write: see _own_write_begins)
        if self._defer("edit"):
            return
        if self._still_indexing("Editing opens"):
            return
        row = self._record_row(f"{self._key('edit', 'E')} edits a record")
        if row is not None:
            self._open_editor(row.key, self._opening_screen("the meeting form"))

    def _opening_screen(self, what: str) -> OpeningScreen:
        """Say that ``what`` is opening, and keep the keys typed until it is there."""
        from .opening import OpeningScreen

        opening = OpeningScreen(what)
        self.app.push_screen(opening)
        return opening

    @work(thread=True, exclusive=True, group="edit")
    def _open_editor(self, key: Key, opening: OpeningScreen) -> None:
        found = None if self._read_only() else self._whole(key)
        if found is None:
            self.app.call_from_thread(opening.call_later, opening.give_up)
        else:
            self.app.call_from_thread(self._push_editor, *found, opening)

    def _read_only(self) -> bool:
        """(In a worker) whether the database is read-only, said now: a form would find it
        only when saving what was typed into it."""
        from coopbrowse.store import Store

        try:
            Store.refuse_read_only(self.db_path)
        except StoreError as exc:
            self.app.call_from_thread(
                self.notify, f"✗ {one_line(str(exc))}", severity="error", markup=False
            )
            return True
        return False

    def _whole(self, key: Key) -> tuple[Any, str | None] | None:
        """(In a worker) the whole meeting of a row's record, and the proposal's id."""
        index = self.index
        assert index is not None
        kind, rid = key
        try:
            if kind == "proposal":
                found = index.proposal(rid)
                meeting, pid = (found[1], rid) if found else (None, None)
            else:
                meeting, pid = index.meeting(rid), None
        except Exception as exc:
            self.app.call_from_thread(self.notify, Text(self._trouble(exc)), severity="error")
            return None
        if meeting is None:
            self.app.call_from_thread(
                self.notify, "This record is no longer in the database.", severity="warning"
            )
            return None
        return meeting, pid

    def _push_editor(self, meeting: Any, pid: str | None, opening: OpeningScreen) -> None:
        from coopbrowse.store import Store

        from .form import EditScreen

        key: Key = ("proposal", pid) if pid else ("meeting", meeting.id)

        form = EditScreen(meeting, Store(self.db_path), pid)

        def saved(meeting_id: str | None) -> None:
            if not meeting_id:
                self._release_keys()
            else:
                kept = form.kept_elsewhere
                also = (
                    f", on top of a change made elsewhere ({'; '.join(kept[:2])}"
                    f"{f'; {len(kept) - 2} more' if len(kept) > 2 else ''})"
                    if kept
                    else ""
                )
                # (on a proposal the edit left alone, u would undo that proposal's last change)
                u = self._key("undo", "u")
                undo = (
                    u if key[0] == "meeting" or form.edit_touches(key[1]) else f"{u} on the meeting"
                )
                message = f"Saved {meeting_id}{also}. {undo} undoes your edit."
                # (keys typed as the form closed move on from it: u on it undoes it)
                ahead = f"Saved {meeting_id}{also}. {u} on the meeting undoes your edit."
                self._write_notice = (one_line(message), one_line(ahead), 8 if kept else None)
                self._catch_up(key, hold=True)

        self._hold_keys()  # (the keys typed as the form closes wait for the list)
        # after the keys already on their way to the opening screen: it keeps them all
        opening.call_later(opening.hand_over, form, saved)

    def action_undo(self) -> None:
        """Undo the latest change to the highlighted record, after asking."""
        if self._defer("undo"):
            return
        if self._still_indexing("Undo works"):
            return
        # The question comes after a worker has read the record: the keys typed meanwhile
        # ("u y", "u y jj" in a burst) are kept for it (the y was lost, and the j's moved
        # the list behind the question)
        if self._deleted is not None and self._deleted[1] == self._current_key():
            opening = self._opening_screen("the undo question")
            self._prepare_restore(self._deleted[0], self._current_key(), opening)
            return
        row = self._record_row(f"{self._key('undo', 'u')} undoes a change")
        if row is not None:  # (the row to stay on should the undo remove its meeting)
            opening = self._opening_screen("the undo question")
            self._prepare_undo(row.key, opening, neighbour=self._neighbour())

    def action_redo(self) -> None:
        """Take back the latest undo of the highlighted record, after asking."""
        if self._defer("redo"):
            return
        if self._still_indexing("Redo works"):
            return
        away = self._undone_away
        if away is not None and away[1] == self._current_key():
            self._undone_away = None  # (just after an undo removed a meeting: bring it back)
            meeting, opening = away[0], self._opening_screen("the redo question")
            self._ask_bring_back(
                meeting,
                opening,
                "removed by the undo just now",
                lambda: self._write_undo(meeting, redo=True),
            )
            return
        row = self._record_row(f"{self._key('redo', 'U')} takes back an undo")
        if row is not None:  # (the row to stay on should the redo delete its meeting again)
            opening = self._opening_screen("the redo question")
            self._prepare_undo(row.key, opening, redo=True, neighbour=self._neighbour())

    @work(thread=True, exclusive=True, group="edit")
    def _prepare_restore(self, deleted: Key, current: Key | None, opening: OpeningScreen) -> None:
        index = self.index
        try:
            back = index is not None and deleted in index.exists([deleted])
        except Exception as exc:  # (a damaged index: said, and rebuilt)
            self.app.call_from_thread(opening.call_later, opening.give_up)
            self.app.call_from_thread(self.notify, Text(self._trouble(exc)), severity="error")
            return
        self.app.call_from_thread(self._restore_or_undo, deleted, back, current, opening)

    def _restore_or_undo(
        self, deleted: Key, back: bool, current: Key | None, opening: OpeningScreen
    ) -> None:
        if not back:
            self._ask_restore(deleted, opening)
            return
        self._deleted = None  # (brought back meanwhile, elsewhere: u is about the row again)
        if current is not None:
            self._prepare_undo(current, opening)
        else:
            opening.call_later(opening.give_up)

    def _ask_restore(self, key: Key, opening: OpeningScreen) -> None:
        """``u`` just after ``D``: bring the deleted meeting back, after asking."""

        def restore() -> None:
            self._deleted = None
            self._write_restore(key)

        self._ask_bring_back(key, opening, "deleted just now", restore)

    @work(thread=True, exclusive=True, group="edit")
    def _prepare_undo(
        self, key: Key, opening: OpeningScreen, *, redo: bool = False, neighbour: Key | None = None
    ) -> None:
        """(A worker) the change ``u`` (or ``U``: ``redo``) would revert, read with the
        record, then the question; or why there is none."""
        from coopbrowse.store.history import redoable, undo_problem, undoable

        found = self._whole(key)
        pick = redoable if redo else undoable
        change = None if found is None else pick(found[0].history, key[1])
        # (said before asking: a change a later one built on cannot be undone first)
        problem = (
            None
            if found is None or change is None
            else undo_problem(found[0].history, change, found[0].to_dict(), key[1])
        )
        if change is None or problem is not None:
            self.app.call_from_thread(opening.call_later, opening.give_up)
            if problem is not None:
                if redo:
                    problem = problem.replace("cannot undo", "cannot redo", 1)
                self.app.call_from_thread(
                    self.notify,
                    one_line(
                        f"{problem[0].upper()}{problem[1:]} ({self._key('undo', 'u')} "
                        "on the meeting undoes its latest change)."
                    ),
                    severity="warning",
                    markup=False,
                )
            elif found is not None:  # (in the write's notice's place: the next one's too)
                said = self._nothing_to_revert(key, found[0].history, redo)
                self.app.call_from_thread(self.notify_in_place, "write", said)
            return
        self.app.call_from_thread(self._ask_undo, key, change, opening, redo, neighbour)

    def _nothing_to_revert(self, key: Key, history: list[Any], redo: bool) -> str:
        """Why ``u`` (or ``U``) has nothing to do on ``key``, and what the other key does
        (the latest change undone, ``u`` again said only "no change to undo": the history
        showed the edit, undone, with no way to bring it back; a trial)."""
        from coopbrowse.store.history import redoable, undoable

        if redo:
            said = f"Nothing of {key[1]} to redo: "
            if undoable(history, key[1]) is None:
                return one_line(said + "no change of it was undone.")
            return one_line(
                said + f"its latest change is no undo ({self._key('undo', 'u')} undoes it)."
            )
        said = f"No recorded change of {key[1]} to undo."
        if redoable(history, key[1]) is not None:
            said += f" {self._key('redo', 'U')} takes back the last undo."
        return one_line(said)

    def _ask_undo(
        self,
        key: Key,
        change: Any,
        opening: OpeningScreen,
        redo: bool = False,
        neighbour: Key | None = None,
    ) -> None:
        from coopbrowse.store.history import brings_meeting, describe, shown_time, taken_back

        from ..blocks import ORIGIN_LABELS
        from .export import confirm

        # all it reverts, not only what concerns this record (a redo: what the undo took
        # back comes back, its lines read the other way)
        lines = describe(taken_back(change) if redo else change)
        shown = "\n".join(f"  {line}" for line in lines[:8])
        more = f"\n  … and {len(lines) - 8} more" if len(lines) > 8 else ""
        when = shown_time(change.at)
        act: Callable[[], object] = lambda: self._write_undo(key, redo=redo)  # noqa: E731
        button = "Redo (y)" if redo else "Undo (y)"
        if redo and brings_meeting(change):
            # the undo brought a deleted meeting back: redone, it is deleted again, and u
            # brings it back as after D (it said "bringing back: meeting deleted", and u
            # then found nothing to undo; a review)
            meeting = ("meeting", change.meeting_id)
            question = (
                f"Delete the meeting {change.meeting_id} again (taking back the undo of {when}"
                f" that brought it back)? It is kept in the history: "
                f"{self._key('undo', 'u')}, pressed next, brings it back."
            )
            act, button = lambda: self._write_delete(meeting, neighbour, redo=True), "Delete (y)"
        elif redo:
            question = f"Take back the undo of {when} to {key[1]}, bringing back:\n{shown}{more}"
        else:
            origin = ORIGIN_LABELS.get(change.origin, change.origin)
            question = f"Undo the latest change to {key[1]} ({origin}, {when})?\n{shown}{more}"
            if brings_meeting(change):
                # an added meeting: undone, it goes, and U, pressed next, brings it back
                # (only the command line could: a trial)
                question = question.replace(
                    "?\n", f", removing the meeting {change.meeting_id} and its proposals?\n", 1
                )
                removing = (change.meeting_id, neighbour)
                act = lambda: self._write_undo(key, removing=removing)  # noqa: E731
        self._hold_keys()  # (from the answer on: see _hold_keys)
        confirm(self, question, act, button, otherwise=self._release_keys, opening=opening)

    @work(thread=True, exclusive=True, group="write")
    def _write_undo(
        self, key: Key, *, redo: bool = False, removing: tuple[str, Key | None] | None = None
    ) -> None:
        """Undo (or ``redo``) the latest change of ``key``; ``removing``: the meeting the
        undo removes, and the row the list goes on to (U there brings it back)."""
        from coopbrowse.store.history import describe

        def what(change: Any) -> str:
            """What the undo put back, in short: "(place: Vitebsk → Gomel, and 2 more)"."""
            lines = describe(change, width=20)
            more = f", and {len(lines) - 1} more" if len(lines) > 1 else ""
            return f" ({lines[0]}{more})" if lines else ""

        if redo:
            self._write(key, lambda store: store.redo(key[1]), "Redone", detail=what)
        elif removing is not None:
            meeting, neighbour = ("meeting", removing[0]), removing[1]

            def undo(store: Any) -> Any:
                change = store.undo(key[1])
                self.app.call_from_thread(setattr, self, "_undone_away", (meeting, neighbour))
                return change

            self._write(
                key,
                undo,
                "Undone",
                keep=neighbour,
                then=f"{self._key('redo', 'U')}, pressed next, brings it back",
                ahead=f"`coopbrowse redo {removing[0]}` brings it back",
                detail=what,
            )
        else:
            self._write(key, lambda store: store.undo(key[1]), "Undone", detail=what)

    def _ask_bring_back(
        self, meeting: Key, opening: OpeningScreen, how: str, back: Callable[[], object]
    ) -> None:
        """Ask to bring back ``meeting``, gone ``how`` ("deleted just now": ``u`` after ``D``;
        "removed by the undo just now": ``U`` after an undo of an added meeting); ``back``
        on yes."""
        from .export import confirm

        self._hold_keys()
        confirm(
            self,
            f"Bring back the meeting {one_line(meeting[1])}, {how}, with its proposals?",
            back,
            "Bring back (y)",
            otherwise=self._release_keys,
            opening=opening,
        )

    @work(thread=True, exclusive=True, group="write")
    def _write_restore(self, key: Key) -> None:
        # (only if its delete is still the change to undo: brought back elsewhere while the
        # question was open, an undo would take back the change before it)
        self._write(key, lambda store: store.undo(key[1], only_delete=True), "Brought back")

    def action_delete(self) -> None:
        """Delete the highlighted meeting with its proposals, after asking (a recorded
        change: ``coopbrowse undo ID`` brings it back)."""
        if self._defer("delete"):
            return
        if self._still_indexing("Deleting works"):
            return
        row = self._current()
        if row is None or row.meeting is None or row.proposal is not None:
            self.app.bell()
            self.notify(
                f"{self._key('delete', 'D')} deletes a meeting: highlight one in the meetings "
                f"view ({self._view_key(VIEWS['meetings'])}).",
                timeout=3,
            )
            return
        # (the keys typed while the record is read are kept for the question: "D y")
        opening = self._opening_screen("the delete question")
        self._prepare_delete(row.key, self._neighbour(), opening)

    def _neighbour(self) -> Key | None:
        """Where the list stays when the highlighted meeting goes: on the next row (the one
        before, at the end) of another meeting (in the proposals views, its other proposals
        go with it: U then found nothing on the row the list went on to; a review)."""
        at = self.query_one(RecordTable).cursor
        here = self._current()
        gone = here.meeting.id if here is not None and here.meeting is not None else None
        rows, near = len(self.rows), _NEIGHBOURS_LOOKED_AT
        for i in [*range(at + 1, min(rows, at + near)), *range(at - 1, max(-1, at - near), -1)]:
            row = self.rows[i]
            if row is not None and (row.meeting is None or row.meeting.id != gone):
                return row.key
        return None

    @work(thread=True, exclusive=True, group="edit")
    def _prepare_delete(self, key: Key, neighbour: Key | None, opening: OpeningScreen) -> None:
        found = None if self._read_only() else self._whole(key)  # (said before asking)
        if found is None:
            self.app.call_from_thread(opening.call_later, opening.give_up)
        else:
            self.app.call_from_thread(self._ask_delete, key, found[0], neighbour, opening)

    def _ask_delete(
        self, key: Key, meeting: Any, neighbour: Key | None, opening: OpeningScreen
    ) -> None:
        from ..blocks import plural
        from .export import confirm

        question = (
            f"Delete the meeting {meeting.id}: {one_line(meeting.title)} "
            f"({plural(len(meeting.proposals), 'proposal')}, "
            f"{plural(len(meeting.trade), 'trade figure')})? It is kept in the history: "
            f"{self._key('undo', 'u')}, pressed next, brings it back; later, "
            f"`coopbrowse undo {meeting.id}` does."
        )
        self._hold_keys()
        confirm(
            self,
            question,
            lambda: self._write_delete(key, neighbour),
            "Delete (y)",
            otherwise=self._release_keys,
            opening=opening,
        )

    @work(thread=True, exclusive=True, group="write")
    def _write_delete(self, key: Key, neighbour: Key | None, *, redo: bool = False) -> None:
        """Delete the meeting ``key`` (``redo``: by taking back the undo that restored it)."""

        def delete(store: Any) -> bool | None:
            if redo:
                store.redo(key[1])
            elif not store.delete_meeting(key[1]):
                return None
            self.app.call_from_thread(self._unselect, key[1])
            self.app.call_from_thread(setattr, self, "_deleted", (key, neighbour))
            return True

        self._write(
            key,
            delete,
            "Deleted",
            keep=neighbour,
            then=f"{self._key('undo', 'u')}, pressed next, brings it back",
            # (the keys typed while it was saved move on from it: u is about their row)
            ahead=f"`coopbrowse undo {key[1]}` brings it back",
        )

    def _unselect(self, meeting_id: str) -> None:
        """A deleted meeting (and its proposals) is no longer selected."""
        selection = self.selection.without_meeting(meeting_id)
        if selection != self.selection:
            self.selection = selection

    def _write(
        self,
        key: Key,
        change: Any,
        done: str,
        *,
        keep: Key | None = None,
        then: str = "",
        ahead: str = "",
        detail: Callable[[Any], str] | None = None,
    ) -> None:
        """(In a worker) one write through the store, saying on the status line while it
        waits for another writer's lock; then the list catches up on ``key`` (or on
        ``keep``, when the write removes ``key``), and ``done`` is said (with ``then``: what
        may follow; ``ahead`` instead when keys were typed meanwhile: see _list_here;
        ``detail``: what the change was, told after the record's id)."""
        from coopbrowse.store.writer import store_for_writing

        call = self.app.call_from_thread

        waited = threading.Event()

        def waiting(pid: int | None) -> None:
            holder = f"held by pid {pid}" if pid else "held by another process"
            call(self._status_progress, f"Waiting for the database's lock ({holder})…", 0, 0)
            waited.set()

        def held() -> None:  # (the wait is over: it said so until the write was done)
            if waited.is_set():
                call(self._status_progress, "Saving…", 0, 0)

        call(self._own_write_begins)  # (before the file changes: a poll meanwhile knows)
        call(self._status_progress, "Saving…", 0, 0)
        try:
            store = store_for_writing(self.db_path)  # a large file: written by a child
            store.lock_waiting, store.lock_held = waiting, held
            store.lock_timeout = 120.0
            result = change(store)
        except StoreError as exc:
            call(self._status_progress, "", 0, 0)
            call(self._own_write_over, None)
            call(self.notify_in_place, "write", f"✗ {one_line(str(exc))}", severity="error")
            return
        call(self._status_progress, "", 0, 0)
        if result is None:
            call(self._own_write_over, None)
            call(self.notify_in_place, "write", "Nothing changed.", timeout=3)
            return
        said = f"{done}: {key[1]}{detail(result) if detail else ''}."
        call(
            self._own_write_over,
            keep or key,
            (
                one_line(f"{said} {then}." if then else said),
                one_line(f"{said} {ahead}." if ahead else said),
                None,
            ),
        )

    def action_follow_up(self) -> None:
        """Record what became of the highlighted proposal: a new status with its date, a
        note and a source, or a later meeting where it was raised again."""
        self._undone_away = None  # (another write: see _own_write_begins)
        if self._defer("follow_up"):
            return
        if self._still_indexing("Follow-up opens"):
            return
        row = self._current()
        if row is None or row.proposal is None:
            self.app.bell()
            self.notify(
                f"{self._key('follow-up', 'f')} follows up a proposal: highlight one (views "
                f"{self._view_key(VIEWS['proposals'])} and {self._view_key(VIEWS['followup'])}).",
                timeout=3,
            )
            return
        self._open_follow_up(row.key, self._opening_screen("the follow-up"))

    @work(thread=True, exclusive=True, group="edit")
    def _open_follow_up(self, key: Key, opening: OpeningScreen) -> None:
        from coopbrowse.store.regions import filter_value

        index = self.index
        assert index is not None
        found = None if self._read_only() else self._whole(key)
        if found is None:
            self.app.call_from_thread(opening.call_later, opening.give_up)
            return
        meeting = found[0]
        proposal = next(p for p in meeting.proposals if p.id == key[1])
        # later meetings that raised the sector: the region's own first, then anywhere else
        # ("did elevators come up anywhere else?": the CLI's --raised-at takes any meeting)
        later = f"sector:{proposal.sector}" + (f" date:{meeting.date}.." if meeting.date else "")
        candidates: list[Any] = []
        seen = {meeting.id}
        after = f"date:{meeting.date}.." if meeting.date else ""
        try:
            # (then any later meeting, as --raised-at takes: a proposal raised again under
            # another sector's heading was offered nothing; a new user's trial)
            queries = [f"region:{filter_value(meeting.region)} {later}", later]
            for query in [*queries, *([after] if after else [])]:
                listing = index.listing("meetings", query, "oldest", page=40)
                for i in range(min(listing.total, 40)):
                    row = index.row(listing, i)
                    if row is not None and row[2].id not in seen:
                        seen.add(row[2].id)
                        candidates.append(row[2])
        except Exception:  # suggestions are a help, not a must
            candidates = []
        self.app.call_from_thread(self._push_follow_up, key, proposal, meeting, candidates, opening)

    def _push_follow_up(
        self,
        key: Key,
        proposal: Any,
        meeting: Any,
        candidates: list[Any],
        opening: OpeningScreen,
    ) -> None:
        from .followup import FollowUpScreen

        def chosen(answer: dict[str, Any] | None) -> None:
            if answer:
                self._write_follow_up(key, answer)
            else:
                self._release_keys()

        self._hold_keys()  # (the keys typed as the dialog closes wait for the list)

        opening.call_later(opening.hand_over, FollowUpScreen(proposal, meeting, candidates), chosen)

    @work(thread=True, exclusive=True, group="write")
    def _write_follow_up(self, key: Key, answer: dict[str, Any]) -> None:
        self._write(key, lambda store: store.follow_up(key[1], **answer), "Follow-up recorded")

    # Comparing and counting ----------------------------------------------------------------

    def action_compare(self) -> None:
        """On a region row, the region's newest meetings (the row under the cursor says what
        is meant, whatever is selected); elsewhere the selected meetings (2-4; a selected
        proposal stands for its meeting)."""
        if self._defer("compare"):
            return
        from coopbrowse.store.compare import MAX_MEETINGS

        row = self._current()
        region = row.region.name if row is not None and row.region is not None else None
        if not self.selection and region is None:
            compare, select = self._key("compare", "c"), self._key("toggle-selection", "space")
            self.notify(
                f"{compare} compares 2 to {MAX_MEETINGS} meetings: select them with {select} "
                f"(or press {compare} on a region).",
                timeout=4,
            )
            return
        meetings_selected = self.selection.counts()[0]
        if region is None and meetings_selected > MAX_MEETINGS:
            # (at once: reading 100,000 selected meetings to count them took a minute)
            self._compare_refused(f"{meetings_selected:,} meetings are selected")
            return
        keys = [] if region is not None else self.selection.keys()
        # (the keys typed while the meetings are read are for the comparison: "c jj", "c e")
        opening = self._opening_screen("the comparison")
        self._gather_comparison(keys, region, self.query_text, opening)

    @work(thread=True, exclusive=True, group="compare")
    def _gather_comparison(
        self, keys: list[Key], region: str | None, query: str, opening: OpeningScreen
    ) -> None:
        from coopbrowse.store.compare import MAX_MEETINGS, MIN_MEETINGS, compare

        index = self.index
        assert index is not None
        call = self.app.call_from_thread
        note = ""
        too_many = False
        try:
            if keys:
                ids: dict[str, None] = {}
                for kind, rid in keys:
                    found = index.proposal(rid) if kind == "proposal" else None
                    ids[found[1].id if found else rid] = None
                    if len(ids) > MAX_MEETINGS:
                        break  # (too many already: the rest are not read)
                too_many = len(ids) > MAX_MEETINGS
                meetings = [] if too_many else [m for m in map(index.meeting, ids) if m]
                # a selected proposal stands for its meeting: said, or the count surprises
                chosen = {rid for kind, rid in keys if kind == "meeting"}
                through = sum(1 for m in meetings if m.id not in chosen)
                if through and chosen:
                    note = f"{through} of them for the selected proposals"
                elif through:
                    note = "the meetings of the selected proposals"
            else:
                assert region is not None
                listing = index.listing("meetings", _region_query(region, query), "newest")
                rows = [index.row(listing, i) for i in range(min(listing.total, MAX_MEETINGS))]
                meetings = [m for m in (index.meeting(r[2].id) for r in rows if r) if m]
                if listing.total > MAX_MEETINGS:
                    # (under a search: of the region's meetings that match it, not of all)
                    where = "matching the search here" if query.strip() else "in this region"
                    note = f"the {MAX_MEETINGS} newest of {listing.total:,} {where}"
        except Exception as exc:
            call(opening.call_later, opening.give_up)
            call(self.notify, Text(self._trouble(exc)), severity="error")
            return
        if too_many or not MIN_MEETINGS <= len(meetings) <= MAX_MEETINGS:
            call(opening.call_later, opening.give_up)
            counted = plural(len(meetings), "meeting")
            if too_many:
                what = f"the selection stands for more than {MAX_MEETINGS} meetings"
            elif region is not None:
                what = f"this region has {counted} listed"  # (the row, not the selection)
            elif any(kind == "proposal" for kind, _rid in keys):
                # ("1 meeting is selected" said of one proposal selected: a new user)
                what = f"the selection stands for {counted}"
            else:
                what = f"{counted} {'is' if len(meetings) == 1 else 'are'} selected"
            call(self._compare_refused, what)
            return
        try:  # (in time, left to right: compare orders them, selected in any order)
            comparison = compare(meetings)
        except Exception as exc:  # (said, and the opening screen goes: never left up)
            call(opening.call_later, opening.give_up)
            call(self.notify, Text(self._trouble(exc)), severity="error")
            return
        call(self._push_compare, comparison, note, opening)

    def _compare_refused(self, what: str) -> None:
        """c's refusal: how many meetings it compares, and ``what`` the selection (or the
        region's row) holds."""
        from coopbrowse.store.compare import MAX_MEETINGS, MIN_MEETINGS

        self.notify(
            f"{self._key('compare', 'c')} compares {MIN_MEETINGS} to {MAX_MEETINGS} meetings; "
            f"{what}.",
            severity="warning",
        )

    def _push_compare(self, comparison: Any, note: str, opening: OpeningScreen) -> None:
        from .compare import CompareScreen

        opening.call_later(opening.hand_over, CompareScreen(comparison, note))

    def on_screen_resume(self) -> None:
        if self._detail_pending is not None and self._detail_timer is None:
            # A flush asked for "after the refresh" while another screen was on top went
            # to that screen (Textual runs such callbacks on the screen current when it
            # gets to them) and, the screen closed, never ran: the detail stayed as it was,
            # and with one still pending no later move asked for another.
            self.call_after_refresh(self._flush_detail)

    def action_facets(self) -> None:
        """Counts by a field for the current view and query; enter filters to a value."""
        if self._defer("facets"):
            return
        if self.view in ("proposals", "followup") and self._still_indexing("Their counts show"):
            return
        from .facets import FacetScreen

        assert self.index is not None
        first = {"meetings": "region", "proposals": "sector", "regions": "year"}
        field = first.get(self.view, "status")

        def chosen(flt: str | None) -> None:
            if flt:
                query = f"{self.query_text} {flt}".strip()
                bar = self.query_one(SearchBar)
                bar.set_value(query, quiet=True)
                self.run_search(query)
                self.remember_query()
                self.set_focus(self.query_one(RecordTable))

        self.app.push_screen(FacetScreen(self.index, self.view, self.query_text, field), chosen)

    def records_changed(self, meeting_ids: list[str]) -> None:
        """Meetings were added or replaced: catch up, show the first one."""
        self.view = "meetings"
        self.query_one(SearchBar).set_value("", quiet=True)
        self.query_text = self._asked = ""
        self._catch_up(("meeting", meeting_ids[0]), hold=True)
        self._save_soon()

    # Outside changes -------------------------------------------------------------------

    def _poll(self) -> None:
        """Every few seconds: has another process changed the database? (a stat). Not
        while a write of the user's is under way (:meth:`_write`, counted from before the
        file changes until its catch-up starts): that write's catch-up follows it, and one
        of the poll's own, seeing the file changed midway, read the list again with the
        keys typed meanwhile, which the write's then undid."""
        if self._own_writes > 0:
            return
        if self.library is not None and not self.busy and self.library.changed():
            # (said when it cannot be the user's own write: a form or dialog on top may be
            # saving)
            ours = self.app.screen is not self
            self._catch_up(self._current_key(), outside=not ours)

    def _own_write_begins(self) -> None:
        self._own_writes += 1  # (on the UI thread, as its end is counted)
        # (another write: U is about the highlighted record again; the undo that removes a
        # meeting sets it once begun; a second u y on the next row left it, and U then
        # brought back the meeting removed first; a review)
        self._undone_away = None

    def _own_write_over(
        self, keep: Key | None, notice: tuple[str, str, float | None] | None = None
    ) -> None:
        """A write of the user's made (the list catches up on ``keep``, and ``notice`` is
        said once it is on screen: see :meth:`_list_here`) or not (None: the keys held for
        it act on the list as it is)."""
        self._own_writes -= 1
        if keep is None:
            self._release_keys()
        else:
            self._write_notice = notice
            self._catch_up(keep, hold=True)

    def _hold_keys(self) -> None:
        """A write of the user's is on its way, and the list is read again after it: the
        keys that reach the list meanwhile wait for it (``jjj`` typed just after a save moves
        on from the record saved; its cursor put back on that record undid the moves)."""
        self._holding_keys = True
        self.query_one(RecordTable).keeping = not self._first_list

    def _release_keys(self) -> None:
        """The write did not happen: the keys held for the list act on it as it is (unless
        a list is on its way anyway: they wait for that one, as they would have)."""
        if not self._holding_keys:
            return
        self._holding_keys = False
        if self.busy:  # (the list on its way lets them go once all of it is here)
            self._release_owed = True
        else:
            self.query_one(RecordTable).stop_waiting()

    def _catch_up(
        self, keep: Key | None, force: bool = False, *, hold: bool = False, outside: bool = False
    ) -> None:
        """Bring the index up to the database (a worker), then show the list again with
        ``keep`` highlighted; ``hold``: after a write of the user's (see :meth:`_hold_keys`).
        The latest call wins: an earlier one still running (a thread cannot be stopped)
        finishes without touching the screen."""
        if self.library is None:
            return
        if hold:
            self._hold_keys()
        self._catchup_ticket += 1
        self._catching_up = True  # at once: the poll starts no other meanwhile
        self._settled()
        self._run_catch_up(self._catchup_ticket, keep, force, outside)

    @work(thread=True, exclusive=True, group="catch-up")
    def _run_catch_up(self, ticket: int, keep: Key | None, force: bool, outside: bool) -> None:
        library = self.library
        assert library is not None  # (never unset once opened)

        def progress(what: str, done: int, total: int) -> None:
            self.app.call_from_thread(self._status_progress, what, done, total)

        changed = False
        gone: set[Key] = set()
        before = library.meeting_count
        try:
            changed = library.refresh(progress, force=force, cancelled=self.closing)
            selected = list(self.selection)  # (a value: a new one is set for each change)
            # records selected that the change took away: looked up one by one, so for a
            # change of another process's (the app's own deletes unselect what they take),
            # or a selection small enough to look over at once (44,000 keys took 3.4 s)
            # (a small one after every catch-up: one superseded may have seen a change)
            small = len(selected) <= SELECTION_CHECKED
            if selected and not library.partial and (small or (outside and changed)):
                gone = set(selected) - library.index.exists(selected)
        except Exception as exc:  # the database is as it was; say what went wrong
            self.app.call_from_thread(
                self.notify, f"✗ {one_line(str(exc))}", severity="error", markup=False
            )
        told = _outside_change(before, library.meeting_count) if outside and changed else ""
        self.app.call_from_thread(self._caught_up, ticket, keep, told, gone)

    @_while_open
    def _caught_up(
        self, ticket: int, keep: Key | None, outside: str = "", gone: set[Key] | None = None
    ) -> None:
        """``outside``: what another process changed, said (the list changing under the user,
        the row they were on gone, with no word, was a mystery). ``gone``: selected records
        no longer in the database, unselected (an export of them wrote an empty briefing and
        said it was done)."""
        if ticket != self._catchup_ticket:
            return
        if outside:
            self.notify(outside, markup=False)
        if gone:
            self._unselect_gone(gone)
        if not self._no_proposals:
            self._unindexed = ""  # (rebuilt whole after a change: the proposals are there)
        self._status_progress("", 0, 0)
        self._catching_up = False
        if outside:  # (the row on may be gone: the rows after it say where to go)
            at = self.query_one(RecordTable).cursor
            following = (self.rows[i] for i in range(at + 1, min(at + 101, len(self.rows))))
            self._rows_after = (
                keep,
                len(self.rows),
                {r.key: n for n, r in enumerate(following) if r is not None},
            )
        self._reread(keep)

    @work(thread=True, exclusive=True, group="selection-check")
    def _check_selection(self, library: Library) -> None:
        """(A worker) take out of the selection what the database no longer holds: one
        restored from the last session may name records deleted since."""
        selected = list(self.selection)
        if not selected or len(selected) > SELECTION_CHECKED or library.partial:
            return
        gone = set(selected) - library.index.exists(selected)
        if gone:
            self.app.call_from_thread(self._unselect_gone, gone)

    @_while_open
    def _unselect_gone(self, gone: set[Key]) -> None:
        gone = {key for key in gone if key in self.selection}
        if not gone:
            return
        self.selection = self.selection.without(gone)
        self.notify(
            f"{plural(len(gone), 'selected record')} no longer in the database: "
            "taken out of the selection.",
            markup=False,
        )

    # State -------------------------------------------------------------------------------

    def _save_soon(self) -> None:
        """Save the state a moment after a change (so a closed terminal loses nothing)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(self.settings.save_delay, self.save_state)

    def save_state(self) -> str | None:
        self.state.view = self.view
        typed = self.query_one(SearchBar).value.strip()
        # a query found wrong is not the next launch's: it opened with its error showing; the
        # one the list answers is (and the cursor saved is on that list)
        typed = self.query_text if typed and typed == self._bad_query else typed
        self.state.query = typed if self.loaded else self.state.query
        self.state.selection = self.selection.keys()
        if self.loaded:
            self.state.cursor = self._current_key()
        return self.state.save(self.app.state_path)  # type: ignore[attr-defined]


SELECTION_CHECKED = 5_000  # keys of a selection looked up after the user's own write


def _region_query(region: str, query: str) -> str:
    from coopbrowse.store.regions import filter_value

    return f"region:{filter_value(region)}" + (f" ({query})" if query else "")


def only_kind(query: str) -> str | None:
    """The kind of record (``meeting``, ``proposal``) a query keeps to with ``type:``, or
    None (no such filter, or one under OR or NOT, or a malformed query)."""
    from coopbrowse.store.query import And, Filter, QueryError, parse

    try:
        tree = parse(query)
    except QueryError:
        return None
    parts, kinds = [tree], set()
    while parts:
        part = parts.pop()
        if isinstance(part, And):
            parts += part.children
        elif isinstance(part, Filter) and part.name == "type":
            kinds.add(part.value)
    return kinds.pop() if len(kinds) == 1 else None


def filters_only(query: str) -> bool:
    """Whether a query is only ``field:value`` filters (no words to drop or cut short)."""
    from coopbrowse.store.query import Filter, QueryError, parse, walk

    try:
        leaves = [leaf for leaf, _negated in walk(parse(query))]
    except QueryError:
        return False
    return bool(leaves) and all(isinstance(leaf, Filter) for leaf in leaves)


def describe_matches(meetings: int, proposals: int) -> str:
    """``3 meetings and 4 proposals match`` (meetings: those listed, for what they or their
    proposals say)."""
    parts = [plural(n, word) for n, word in ((meetings, "meeting"), (proposals, "proposal")) if n]
    if not parts:
        return ""
    one = meetings + proposals == 1
    return f"{' and '.join(parts)} match{'es' if one else ''}"


# Browsers that run in the terminal: opened from the app, they would fight it for the screen
_TERMINAL_BROWSERS = frozenset(("www-browser", "links", "links2", "elinks", "lynx", "w3m"))


def graphical_browser() -> Any:
    """This machine's web browser (:mod:`webbrowser`'s choice), or None: none found, or one
    that runs in the terminal."""
    import os
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return None
    command = str(getattr(browser, "name", "") or "").split()
    if command and os.path.basename(command[0]) in _TERMINAL_BROWSERS:
        return None
    return browser


# rows looked at on each side for one of another meeting (a meeting's proposals are a few
# dozen at most; each row looked at may be read from the index)
_NEIGHBOURS_LOOKED_AT = 200
_UNRANKED = "{} (no words to rank by)"  # filters alone: listed in the view's first order


def _ranked(view: str, sort: str, query: str, label: str) -> str:
    """A list's sort label: filters alone ("region:samara") have nothing to rank by, and
    are listed in the view's first order."""
    if sort == "relevance" and not _has_words(query):
        return _UNRANKED.format(sort_choice(view, 0, relevance=False)[0])
    return label


def _has_words(query: str) -> bool:
    """Whether ``query`` has words to rank by (a malformed one: as if it had)."""
    from coopbrowse.store.query import QueryError, parse
    from coopbrowse.store.translate import ranked

    try:
        return ranked(parse(query))
    except QueryError:
        return True
