"""MainScreen: the search bar, the list of the current view and the detail pane.

It owns the browsing state (view, query, sort, selection) and wires the widgets together;
what a view lists lives in :mod:`coopbrowse.tui.views`, what a detail shows in
:mod:`coopbrowse.tui.blocks`, and searching in :mod:`coopbrowse.store.index`.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from coopbrowse.store import Store, StoreError
from coopbrowse.store.cache import no_gc
from coopbrowse.store.db import CACHE_FROM
from coopbrowse.store.model import Meeting, Proposal

from ..blocks import Marker, meeting_blocks, proposal_blocks, region_blocks
from ..state import UiState
from ..views import VIEWS, Key, Row, build_rows, preview_cells, sort_count, sort_rows
from ..widgets.detail import DetailPane
from ..widgets.record_table import RecordTable
from ..widgets.search_bar import SearchBar

if TYPE_CHECKING:  # the search engine is imported when the index loads, after first paint
    from coopbrowse.store.index import SearchIndex, SearchResult
    from coopbrowse.store.query import QueryError

NARROW = 130  # below this many columns the detail goes under the list (both fit beside)
INDEX_DELAY_S = 0.25  # after the first frame
SAVE_DELAY_S = 1.0  # state is saved this long after the last change


_frozen = False


def _freeze_once(meetings: int) -> None:
    """For a large database, once per process: move what is alive now (the records, the
    index) out of the collector's way, so full passes do not walk hundreds of thousands of
    long-lived objects (a pause of half a second while sorting or scrolling). Young garbage
    is collected first, since frozen objects are never collected."""
    global _frozen
    if _frozen or meetings < CACHE_FROM:
        return
    _frozen = True
    gc.collect(1)
    gc.freeze()


class _Loading(Exception):
    """An action needed the records before they finished loading."""


class MainScreen(Screen[None]):
    """Browse, search and select meetings and proposals."""

    BINDINGS = [
        Binding("1", "view('meetings')", "Meetings", id="view-meetings"),
        Binding("2", "view('proposals')", "Proposals", id="view-proposals"),
        Binding("3", "view('regions')", "Regions", id="view-regions"),
        Binding("slash", "search", "Search", id="search"),
        Binding("escape", "back", "Back to the list / clear search", show=False, id="back"),
        Binding("space", "toggle_selection", "Select", id="toggle-selection"),
        Binding("a", "select_all", "Select listed", show=False, id="select-all"),
        Binding("A", "clear_selection", "Clear selection", show=False, id="clear-selection"),
        Binding("s", "cycle_sort", "Sort", id="cycle-sort"),
        Binding("o", "open_source", "Open source", show=False, id="open-source"),
        Binding("e", "export", "Export", id="export"),
        Binding("i", "add_article", "Add from article", id="add-article"),
        Binding(
            "backspace", "go_back", "Back to where a link was followed", show=False, id="go-back"
        ),
    ]

    def __init__(
        self,
        store: Store | None,
        state: UiState,
        db_path: Path | None = None,
        preview: list[tuple] | None = None,
    ) -> None:
        super().__init__()
        self._store = store
        self.db_path = db_path
        self.preview = preview
        self.state = state
        self.view = state.view
        self.query_text = ""
        self.result: SearchResult | None = None
        self.hl: Marker = None
        self.rows: list[Row] = []
        # (view, sort, relevance) -> (meetings, result, rows, sort label, unsorted rows)
        self._rows_cache: dict[tuple[str, int, bool], tuple] = {}
        self.sort_label = ""
        self.selection: dict[Key, None] = {}
        self.index: SearchIndex | None = None
        self._by_sector: dict[str, list[tuple[Proposal, Meeting]]] = {}
        self._detail_pending: int | None = None
        self._save_timer: Timer | None = None
        self._trail: list[tuple[str, str, Key | None]] = []  # where links were followed from
        self._keep_after_search: Key | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchBar(self._field_values, id="search")
        with Container(id="panes"):
            yield RecordTable(id="list")
            yield DetailPane(id="detail")
        yield Static(id="status", markup=False)
        yield Footer()

    # Setup -------------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        if self._store is None:
            raise _Loading()
        return self._store

    @property
    def loaded(self) -> bool:
        return self._store is not None

    _NEED_RECORDS = frozenset(
        {
            "view",
            "toggle_selection",
            "select_all",
            "clear_selection",
            "cycle_sort",
            "open_source",
            "add_article",
        }
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the records load (the preview is on screen) record actions are disabled."""
        return self.loaded or action not in self._NEED_RECORDS

    def on_mount(self) -> None:
        self._layout(self.app.size.width)
        self.query_one(SearchBar).history = list(self.state.history)
        if self._store is None:
            self._show_preview()
            self.call_after_refresh(lambda: self.set_timer(0.05, self.load_store))
        else:
            self._start()
        self.query_one(RecordTable).focus()

    def _show_preview(self) -> None:
        rows = self.preview or []
        table = self.query_one(RecordTable)
        table.empty_message = "Loading…"
        table.set_rows(VIEWS["meetings"].columns, len(rows), lambda i: preview_cells(rows[i]))
        table.border_title = f"1 Meetings ({len(rows)})"
        table.border_subtitle = "loading records…"
        self.query_one(DetailPane).show(None, [], "Loading records…")

    @work(thread=True, exclusive=True, group="load")
    def load_store(self) -> None:
        """Open the database off the UI thread (the preview is on screen meanwhile)."""
        try:
            store = Store.open(self.db_path)  # type: ignore[arg-type]
            store.meetings()
        except StoreError as exc:
            self.app.call_from_thread(self._load_failed, exc)
            return
        self.app.call_from_thread(self._store_loaded, store)

    def _load_failed(self, exc: StoreError) -> None:
        self.app.load_error = exc  # type: ignore[attr-defined]
        self.app.exit(return_code=2)

    def _store_loaded(self, store: Store) -> None:
        gc.freeze()  # long-lived records: keep the collector from walking them again
        self._store = store
        self.app.store = store  # type: ignore[attr-defined]
        self._start()
        self.refresh_bindings()

    def _start(self) -> None:
        meetings = self.store.meetings()
        snapshot = self.store.load()  # one lookup table, not a file check per saved key
        known = {"meeting": snapshot.by_id, "proposal": snapshot.proposals_by_id}
        self.selection = {
            (kind, rid): None for kind, rid in self.state.selection if rid in known[kind]
        }
        bar = self.query_one(SearchBar)
        self.query_one(RecordTable).empty_message = (
            "The database has no meetings yet." if not meetings else "Nothing matches."
        )
        if self.state.query:
            bar.set_value(self.state.query)
        keep = None
        table = self.query_one(RecordTable)
        if self.preview and 0 <= table.cursor < len(self.preview):
            keep = ("meeting", self.preview[table.cursor][0])
        self.refresh_rows(keep=keep)
        # Load the index once the first frame is on screen (it is not needed to paint, and a
        # thread holding the interpreter lock would delay the paint).
        self.call_after_refresh(lambda: self.set_timer(INDEX_DELAY_S, self.build_index))

    @work(thread=True, exclusive=True, group="index")
    def build_index(self) -> None:
        """Load or build the search index off the UI thread; then run the pending query."""
        from coopbrowse.store.index import SearchIndex

        index = SearchIndex.for_store(self.store)
        self.app.call_from_thread(self._index_ready, index)

    def _index_ready(self, index: SearchIndex) -> None:
        self.index = index
        _freeze_once(len(self.store.meetings()))
        query = self.query_one(SearchBar).value  # restored, or typed while indexing
        if query.strip():
            self.run_search(query)

    def _field_values(self, field: str) -> list[str]:
        return self.index.field_values(field) if self.index else []

    def on_resize(self) -> None:
        self._layout(self.app.size.width)

    def _layout(self, width: int) -> None:
        self.set_class(width < NARROW, "-narrow")

    # Rows --------------------------------------------------------------------------------

    def refresh_rows(self, keep: Key | None = None) -> None:
        """Rebuild the list for the current view, query and sort; keep the cursor on ``keep``."""
        table = self.query_one(RecordTable)
        if keep is None and self.rows and 0 <= table.cursor < len(self.rows):
            keep = self.rows[table.cursor].key
        relevance = self._relevance()
        sort = self._sorts(relevance).get(self.view, 0)
        self.rows, self.sort_label = self._sorted_rows(sort, relevance)
        view = VIEWS[self.view]
        cursor = next((i for i, r in enumerate(self.rows) if r.key == keep), 0)
        table.empty_message = (
            f"No results for “{self.query_text}”. Try fewer words, a prefix* or another view."
            if self.query_text and self.result is not None
            else "The database has no meetings yet."
        )
        table.set_rows(view.columns, len(self.rows), self._cells, self._is_marked, cursor=cursor)
        self._update_titles()

    def _sorted_rows(self, sort: int, relevance: bool) -> tuple[list[Row], str]:
        """The current view's rows in sort order ``sort``, remembered per view and sort for
        the records and search result they came from: switching views or sorts back and
        forth over 50,000 proposals does not build or sort them again."""
        meetings, result = self.store.meetings(), self.result
        key = (self.view, sort, relevance)
        cached = self._rows_cache.get(key)
        if cached is not None and cached[0] is meetings and cached[1] is result:
            return cached[2], cached[3]
        built = next(
            (
                c[4]
                for (view, *_rest), c in self._rows_cache.items()
                if view == self.view and c[0] is meetings and c[1] is result
            ),
            None,
        )
        with no_gc():  # tens of thousands of rows, all kept: no collection passes over them
            if built is None:
                built = build_rows(self.view, meetings, result)
            rows, label = sort_rows(self.view, built, sort, relevance=relevance)
        stale = [
            k for k, c in self._rows_cache.items() if c[0] is not meetings or c[1] is not result
        ]
        for k in stale:
            del self._rows_cache[k]
        self._rows_cache[key] = (meetings, result, rows, label, built)
        return rows, label

    def _cells(self, index: int):  # type: ignore[no-untyped-def]
        return VIEWS[self.view].cells(self.rows[index], self.hl)

    def _is_marked(self, index: int) -> bool:
        row = self.rows[index]
        if row.key[0] == "region":
            return bool(row.meetings) and all(
                ("meeting", m.id) in self.selection for m in row.meetings
            )
        return row.key in self.selection

    def _update_titles(self) -> None:
        view = VIEWS[self.view]
        table = self.query_one(RecordTable)
        count = len(self.rows)
        if self.query_text and self.result is not None:
            title = f"{view.title} · {count} result{'s' if count != 1 else ''}"
        else:
            title = f"{view.title} ({count})"
        table.border_title = f"{view.key} {title}"
        table.border_subtitle = f"sorted by {self.sort_label} · s: next sort"
        meetings = sum(1 for k in self.selection if k[0] == "meeting")
        proposals = len(self.selection) - meetings
        parts = [
            f"{n} {what}{'' if n == 1 else 's'}"
            for n, what in ((meetings, "meeting"), (proposals, "proposal"))
            if n
        ]
        selected = f"selected: {', '.join(parts)}" if parts else "nothing selected"
        views = " ".join(
            f"{v.key} {v.title}" + ("◂" if v.id == self.view else "") for v in VIEWS.values()
        )
        self.query_one("#status", Static).update(f"{views} · {selected}")
        self.app.sub_title = f"{len(self.selection)} selected" if self.selection else ""

    # Detail ------------------------------------------------------------------------------

    def on_record_table_highlighted(self, event: RecordTable.Highlighted) -> None:
        # Draw the detail after the list has been painted, once per frame: the list never
        # waits for it, and holding j over 10,000 rows does not build 10,000 details.
        first = self._detail_pending is None
        self._detail_pending = event.index
        if first:
            self.call_after_refresh(self._flush_detail)

    def _flush_detail(self) -> None:
        index, self._detail_pending = self._detail_pending, None
        if index is not None:
            self.show_detail(index)

    def show_detail(self, index: int) -> None:
        if not self.loaded:
            return
        detail = self.query_one(DetailPane)
        if not 0 <= index < len(self.rows):
            detail.border_title = "Detail"
            detail.show(None, [], "Nothing to show here.")
            return
        row = self.rows[index]
        if row.proposal is not None and row.meeting is not None:
            related = self.by_sector().get(row.proposal.sector, [])
            blocks = proposal_blocks(row.proposal, row.meeting, related, self.hl)
            detail.border_title = "Proposal"
        elif row.meeting is not None:
            blocks = meeting_blocks(row.meeting, self.hl)
            detail.border_title = "Meeting"
        else:
            blocks = region_blocks(row.region, row.meetings, self.hl)
            detail.border_title = "Region"
        detail.show(row.key, blocks)

    def by_sector(self) -> dict[str, list[tuple[Proposal, Meeting]]]:
        """Every proposal with its meeting, by sector (built on first use)."""
        if not self._by_sector:
            by_sector: dict[str, list[tuple[Proposal, Meeting]]] = defaultdict(list)
            with no_gc():
                for m in self.store.meetings():
                    for p in m.proposals:
                        by_sector[p.sector].append((p, m))
            self._by_sector = by_sector
        return self._by_sector

    def on_record_table_activated(self, event: RecordTable.Activated) -> None:
        detail = self.query_one(DetailPane)
        detail.focus()
        detail.select_first_link()

    def on_detail_pane_follow(self, event: DetailPane.Follow) -> None:
        self.go_to(event.target)

    def go_to(self, target: Key) -> None:
        """Show ``target`` in its view, clearing the search if it hides it (backspace
        returns to where you were)."""
        current = self._current()
        self._trail.append((self.view, self.query_text, current.key if current else None))
        del self._trail[:-50]
        kind, _rid = target
        self.view = "proposals" if kind == "proposal" else "meetings"
        self.refresh_rows(keep=target)
        if not any(r.key == target for r in self.rows) and self.query_text:
            self.query_one(SearchBar).set_value("")
            self._apply_query("", None)
            self.refresh_rows(keep=target)
        self.query_one(RecordTable).focus()

    # Searching ---------------------------------------------------------------------------

    def on_search_bar_query_changed(self, event: SearchBar.QueryChanged) -> None:
        self.run_search(event.query)
        if event.submitted:
            self.remember_query()
            self.query_one(RecordTable).focus()

    def remember_query(self) -> None:
        """Put the current query in the history (on enter, or when leaving the search bar;
        not every keystroke)."""
        bar = self.query_one(SearchBar)
        self.state.remember(bar.value)
        bar.history = list(self.state.history)

    def run_search(self, query: str) -> None:
        if not self.loaded:
            self.query_one(SearchBar).show_hint("Loading records… the search runs when ready.")
            return
        if not query.strip():
            if self.query_text or self.result is not None:
                self._apply_query("", None)
                self.refresh_rows()
            self.query_one(SearchBar).show_hint("")
            return
        if self.index is None:
            self.query_one(SearchBar).show_hint("Indexing… the search runs when it is ready.")
            return
        self._search(query)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        from coopbrowse.store.query import QueryError

        assert self.index is not None
        try:
            result = self.index.search(query, limit=None)
            hl = self.index.matcher(query)
        except QueryError as exc:
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._search_failed, exc)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._search_done, query, result, hl)

    def _search_failed(self, exc: QueryError) -> None:
        self.query_one(SearchBar).show_error(f"✗ {exc} — showing the last good results")

    def _search_done(self, query: str, result: SearchResult, hl: Marker) -> None:
        bar = self.query_one(SearchBar)
        if result.fuzzy:
            fixed = ", ".join(f"{a} → {b}" for a, b in result.corrections)
            bar.show_hint(f"No exact matches; showing results for: {fixed}")
        else:
            bar.show_hint(describe_matches(result))
        self._apply_query(query, result, hl)
        keep, self._keep_after_search = self._keep_after_search, None
        self.refresh_rows(keep=keep or ("", ""))  # a new result list starts at its best match
        self._save_soon()

    def _apply_query(self, query: str, result: SearchResult | None, hl: Marker = None) -> None:
        self.query_text = query.strip()
        self.result = result
        self.hl = hl

    # Actions -----------------------------------------------------------------------------

    def action_view(self, view: str) -> None:
        if view != self.view:
            self.view = view
            self.refresh_rows(keep=("", ""))  # start at the top of the other view
            self._save_soon()
        self.query_one(RecordTable).focus()

    def action_go_back(self) -> None:
        """Return to the view, query and row from before the last followed link."""
        if not self._trail:
            self.notify("Nothing to go back to.", timeout=2)
            return
        view, query, key = self._trail.pop()
        self.view = view
        bar = self.query_one(SearchBar)
        if query != self.query_text:
            bar.set_value(query)
            if query:
                self._keep_after_search = key
                self.run_search(query)
                return
            self._apply_query("", None)
        self.refresh_rows(keep=key)
        self.query_one(RecordTable).focus()

    def action_search(self) -> None:
        # Focus now, not on the next tick: keys typed right after "/" belong to the query.
        self.set_focus(self.query_one(SearchBar).input)

    def action_back(self) -> None:
        table = self.query_one(RecordTable)
        if self.query_one(SearchBar).input.has_focus:
            self.remember_query()
        if table.has_focus and self.query_text:
            self.query_one(SearchBar).set_value("")
            self.run_search("")
        table.focus()

    def _current(self) -> Row | None:
        cursor = self.query_one(RecordTable).cursor
        return self.rows[cursor] if 0 <= cursor < len(self.rows) else None

    def _keys_of(self, row: Row) -> list[Key]:
        if row.key[0] == "region":
            return [("meeting", m.id) for m in row.meetings]
        return [row.key]

    def action_toggle_selection(self) -> None:
        row = self._current()
        if row is None:
            self.app.bell()
            return
        keys = self._keys_of(row)
        if all(k in self.selection for k in keys):
            for k in keys:
                self.selection.pop(k, None)
        else:
            for k in keys:
                self.selection[k] = None
        self._selection_changed()
        self.query_one(RecordTable).action_cursor_down()

    def action_select_all(self) -> None:
        for row in self.rows:
            for k in self._keys_of(row):
                self.selection[k] = None
        self._selection_changed()
        self.notify(f"Selected everything listed: {len(self.rows)} rows.")

    def action_clear_selection(self) -> None:
        self.selection.clear()
        self._selection_changed()

    def _selection_changed(self) -> None:
        self._save_soon()
        self.state.selection = list(self.selection)
        self.query_one(RecordTable).refresh_rows()
        self._update_titles()

    def _relevance(self) -> bool:
        """Whether the list shows search results (which can be ordered by relevance)."""
        return self.result is not None and bool(self.query_text)

    def _sorts(self, relevance: bool) -> dict[str, int]:
        """Each view's chosen sort: one set while browsing and another while searching
        (where order 0 is relevance), so neither shifts the other."""
        return self.state.search_sorts if relevance else self.state.sorts

    def action_cycle_sort(self) -> None:
        relevance = self._relevance()
        count = sort_count(self.view, relevance=relevance)
        sorts = self._sorts(relevance)
        sorts[self.view] = (sorts.get(self.view, 0) + 1) % count
        self.refresh_rows()
        self._save_soon()
        self.notify(f"Sorted by {self.sort_label}", timeout=2)

    def action_open_source(self) -> None:
        row = self._current()
        meeting = row.meeting if row else None
        if meeting is None and row is not None and row.meetings:
            meeting = row.meetings[0]
        if meeting is None:
            self.app.bell()
            return
        url = meeting.source.url
        if url.startswith(("http://", "https://")):
            import webbrowser

            webbrowser.open(url)
            self.notify(f"Opening {url}", markup=False)
        else:
            where = meeting.source.document or meeting.source.outlet or "unknown"
            self.notify(
                f"No web address recorded for this source ({where}).",
                severity="warning",
                markup=False,
            )

    def action_export(self) -> None:
        """Open the export dialog for the selection, or offer the row or the whole list."""
        from .export import Choice, ExportScreen

        choices: list[Choice] = []
        if self.selection:
            n = len(self.selection)
            label = f"the selection ({n} record{'' if n == 1 else 's'})"
            choices.append(Choice(label, list(self.selection), "selection"))
        else:
            row = self._current()
            if row is not None:
                name = row.region or (row.proposal.title if row.proposal else "")
                name = name or (row.meeting.title if row.meeting else "")
                choices.append(
                    Choice(f"the highlighted {row.key[0]}", self._keys_of(row), name or row.key[1])
                )
            listed = [k for r in self.rows for k in self._keys_of(r)]
            if listed:
                what = f"everything listed ({len(self.rows)} {VIEWS[self.view].title.lower()})"
                choices.append(Choice(what, listed, self.query_text or self.view, self.query_text))
        if not choices:
            self.notify("Nothing to export: the list is empty.", severity="warning")
            return

        def done(path: str | None) -> None:
            if path:
                self.notify(f"Exported to {path}", title="Export")

        self.app.push_screen(ExportScreen(self.store.meetings(), choices), done)

    def action_add_article(self) -> None:
        """Draft a meeting from an article (a path or pasted text), review it, save it."""
        from .article import ArticleScreen, ReviewScreen

        def drafted(draft) -> None:  # type: ignore[no-untyped-def]
            if draft is not None:
                self.app.push_screen(ReviewScreen(draft, self.store), saved)

        def saved(meeting_id: str | None) -> None:
            if meeting_id:
                self.records_changed([meeting_id])
                self.notify(f"Saved {meeting_id}.", title="Add from article", markup=False)

        self.app.push_screen(ArticleScreen(), drafted)

    def records_changed(self, meeting_ids: list[str]) -> None:
        """Meetings were added or replaced: update the index, the lists, and show the first."""
        self._by_sector = {}
        if self.index is not None:
            self.index.remove_meetings(meeting_ids)
            fresh = [m for m in (self.store.meeting(i) for i in meeting_ids) if m is not None]
            self.index.add_meetings(fresh)
        if self.view != "meetings":
            self.view = "meetings"
        self._apply_query("", None)
        self.query_one(SearchBar).set_value("")
        self.refresh_rows(keep=("meeting", meeting_ids[0]))
        self._save_soon()

    def _save_soon(self) -> None:
        """Save the state a moment after a change (so a closed terminal loses nothing)."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY_S, self.save_state)

    def save_state(self) -> str | None:
        self.state.view = self.view
        self.state.query = self.query_text
        self.state.selection = list(self.selection)
        return self.state.save(self.app.state_path)  # type: ignore[attr-defined]


def describe_matches(result: SearchResult) -> str:
    """``3 meetings and 4 proposals match``, and how many more meetings the meetings view
    lists (those of matching proposals), so that its count adds up."""
    meetings = sum(h.kind == "meeting" for h in result.hits)
    proposals = len(result.hits) - meetings
    parts = [
        f"{n} {word}{'' if n == 1 else 's'}"
        for n, word in ((meetings, "meeting"), (proposals, "proposal"))
        if n
    ]
    if not parts:
        return ""
    text = f"{' and '.join(parts)} match{'es' if len(result.hits) == 1 else ''}"
    more = len({h.meeting.id for h in result.hits}) - meetings
    if more:
        of = "this proposal" if proposals == 1 else "these proposals"
        text += f" (+{more} meeting{'' if more == 1 else 's'} of {of})"
    return text
