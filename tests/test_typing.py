"""No key is lost: typed in a burst (as a terminal delivers typeahead) before the first
frame, while the database opens, while it is indexed in another process, and mid-query."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from helpers import FAST, indexed_long_list, main_screen, settle, until
from textual import events

from coopbrowse.store.synth import build_database
from coopbrowse.tui.app import CoopBrowseApp
from coopbrowse.tui.keyorder import keys_waiting
from coopbrowse.tui.widgets.record_table import RecordTable
from coopbrowse.tui.widgets.search_bar import SearchBar, hint_for

SIZE = (140, 40)
_NAMES = {"/": "slash", "\r": "enter", "\x1b": "escape", " ": "space"}


@pytest.fixture
def app(db_path: Path, tmp_path: Path) -> CoopBrowseApp:
    """The browser on the bundled database, with its delays near zero."""
    return CoopBrowseApp(db_path, state_path=tmp_path / "s.json", settings=FAST)


def burst(app: CoopBrowseApp, text: str) -> None:
    """Post every key of ``text`` at once, without waiting for any to be handled."""
    for ch in text:
        app.post_message(events.Key(_NAMES.get(ch, ch), None if ch in "\r\x1b" else ch))


def gated_build(monkeypatch: pytest.MonkeyPatch, total: int) -> threading.Event:
    """Index in a separate process that waits, once it says "Indexing 0 of ``total``", for
    the event returned to be set: keys typed meanwhile come while it runs."""
    from coopbrowse.store import library

    gate = threading.Event()
    real = library.build_in_subprocess

    def gated(db: Path, progress, searchable=None, started=None) -> None:
        progress("Indexing", 0, total)
        assert gate.wait(20)
        real(db, progress, searchable, started)

    monkeypatch.setattr(library, "SUBPROCESS_FROM", 0)  # indexed by a separate process
    monkeypatch.setattr(library, "build_in_subprocess", gated)
    return gate


def gated_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, meetings: int):
    """``(gate, app)``: the browser on a new database of ``meetings`` meetings, whose first
    build waits for ``gate`` (see :func:`gated_build`)."""
    gate = gated_build(monkeypatch, meetings)
    path = tmp_path / "big.json"
    build_database(path, meetings, seed=4)
    return gate, CoopBrowseApp(path, state_path=tmp_path / "s.json", settings=FAST)


async def typed_while_opening(pilot, app: CoopBrowseApp, gate: threading.Event, keys: str):
    """Type ``keys`` at once while the database opens, then let it open; its main screen."""
    main = main_screen(app)
    burst(app, keys)
    await pilot.pause(0.2)
    assert not main.loaded
    gate.set()
    await settle(pilot)
    return main


async def test_keys_typed_before_the_first_frame_reach_the_query(app: CoopBrowseApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "/elevator")  # before anything has been drawn or opened
        await settle(pilot)
        main = main_screen(app)
        assert main.query_one(SearchBar).value == "elevator"
        assert main.query_text == "elevator" and len(main.rows) == 4


@pytest.mark.parametrize(
    ("keys", "query", "cursor"), [("jj", "", 2), ("/lift\rjj", "lift", 2), ("jj/lift\r", "lift", 0)]
)
async def test_moves_typed_before_the_first_frame_are_made_in_their_list(
    tmp_path, keys: str, query: str, cursor: int
) -> None:
    """The usual launch (the index opened, and the first list read, before the first
    frame), keys typed at once, before the screen was mounted: the list took the moves on
    its no rows, and they were lost ("/lift", enter, "jj" left the cursor on the first
    result). They are made in the list they were typed for: the first, or the query's."""
    from coopbrowse.tui.listing import EarlyOpen
    from coopbrowse.tui.state import UiState

    path = indexed_long_list(tmp_path)
    early = EarlyOpen(path, UiState())
    assert early.done.wait(30)
    app = CoopBrowseApp(path, state_path=tmp_path / "s.json", settings=FAST, early=early)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, keys)  # (before the screen is mounted)
        await settle(pilot)
        main = main_screen(app)
        assert main.query_text == query and main.query_one(RecordTable).cursor == cursor


@pytest.mark.parametrize(
    ("query", "row", "keys", "moved"),
    [
        ("lift", 2, "k", -1),
        ("lift", 2, "jj", 2),
        ("cooperation", 130, "jj", 2),
        ("lift", 2, "j ", 2),  # (space selects the row it is on and moves on)
        ("cooperation", 130, "j ", 2),
    ],
)
async def test_moves_typed_at_launch_are_made_in_the_restored_querys_list(
    tmp_path, query: str, row: int, keys: str, moved: int
) -> None:
    """The last session's query, restored on its row: its list comes after the first frame
    (all the meetings), and a "k" typed at launch was made in that first list, then undone
    when the query's came on the row it had been left on. A row beyond the query's first
    page: the moves wait for it (made from the top, they left it unvisited)."""
    from coopbrowse.store.index import PAGE
    from coopbrowse.store.library import Library
    from coopbrowse.tui.listing import EarlyOpen
    from coopbrowse.tui.state import UiState

    path = indexed_long_list(tmp_path)
    index = Library.open(path).index
    listing = index.listing("meetings", query, "relevance", page=PAGE * 2)
    assert listing.total > row and (row < PAGE) == (query == "lift")
    kept = index.key_at(listing, row)
    assert kept is not None
    state = tmp_path / "s.json"
    UiState(query=query, cursor=kept).save(state)
    early = EarlyOpen(path, UiState.load(state))
    assert early.done.wait(30)
    app = CoopBrowseApp(path, state_path=state, settings=FAST, early=early)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, keys)  # (before the screen is mounted)
        await settle(pilot)
        main = main_screen(app)
        assert main.query_text == query and main.query_one(RecordTable).cursor == row + moved
        if " " in keys:  # (an action put off follows the moves typed before it, in this list)
            assert list(main.selection) == [index.key_at(listing, row + 1)]


@pytest.mark.parametrize(
    ("keys", "view", "cursor"), [("jj/lift\r", "meetings", 0), ("2j", "proposals", 1)]
)
async def test_keys_typed_while_nothing_has_the_focus_go_to_the_list_in_order(
    app: CoopBrowseApp, keys: str, view: str, cursor: int
) -> None:
    """At launch nothing has the focus until the screen gives it: a key was handed to the
    screen itself, came back unheard and was sent on, behind the keys typed after it ("jj",
    "/lift", enter in a terminal: the moves were made in the query's list)."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        main.set_focus(None)  # (as at launch, before the screen gives the focus)
        await pilot.pause()
        burst(app, keys)
        await settle(pilot)
        assert main.view == view and main.query_one(RecordTable).cursor == cursor
        assert main.query_text == ("lift" if "lift" in keys else "")


async def test_a_query_typed_before_a_long_lists_first_frame_is_not_undone(
    tmp_path, monkeypatch
) -> None:
    """The rest of the first list is read after the first frame; a query typed before then
    has asked for another list, which is shown, and the first list's rest is not read."""
    from coopbrowse.store.index import Listing
    from coopbrowse.store.library import Library
    from coopbrowse.tui.listing import EarlyOpen
    from coopbrowse.tui.state import UiState

    path = indexed_long_list(tmp_path)
    index = Library.open(path).index
    region = index.row(index.listing("meetings", "", "date"), 0)[2].region
    query = f'region:"{region}"'
    expected = index.listing("meetings", query, "date").total
    assert 0 < expected < index.listing("meetings", "", "date").total
    early = EarlyOpen(path, UiState())  # as the command line starts it
    assert early.done.wait(30) and early.answer is not None
    first = early.answer[0].listing
    completed: list[Listing] = []
    complete = Listing.complete
    monkeypatch.setattr(Listing, "complete", lambda self: completed.append(self) or complete(self))
    app = CoopBrowseApp(path, state_path=tmp_path / "s.json", settings=FAST, early=early)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, f"/{query}\r")
        await settle(pilot)
        main = main_screen(app)
        assert main.query_text == query and len(main.rows) == expected
        assert main.rows.complete
        assert first not in completed  # (read for nothing, it was replaced)


async def test_a_bad_query_typed_before_a_long_lists_first_frame_leaves_it_whole(
    tmp_path,
) -> None:
    """The query fails and the first list stays: all of it, its rest read all the same
    (it was left a first page, the rest of its rows blank, until something else was asked)."""
    from coopbrowse.store.index import PAGE
    from coopbrowse.tui.listing import EarlyOpen
    from coopbrowse.tui.state import UiState

    path = indexed_long_list(tmp_path)
    early = EarlyOpen(path, UiState())
    assert early.done.wait(30) and early.answer is not None
    rows = early.answer[0]
    app = CoopBrowseApp(path, state_path=tmp_path / "s.json", settings=FAST, early=early)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, '/region:"Omsk\r')  # an unclosed quote
        await settle(pilot)
        main = main_screen(app)
        assert "the list is unchanged" in str(main.query_one("#search-status").render())
        assert main.rows is rows and main.rows.complete and len(rows) == PAGE + 60
        assert all(rows[i] is not None for i in range(len(rows)))


async def test_keys_typed_while_opening_and_indexing_are_kept(tmp_path, monkeypatch) -> None:
    gate, app = gated_app(tmp_path, monkeypatch, 800)  # the build waits for the keys
    async with app.run_test(size=SIZE) as pilot:
        main = main_screen(app)
        burst(app, "2/lift")  # "2" needs the records: it is made once they are there
        await pilot.pause(0.2)
        assert not main.loaded and "Indexing" in str(main.query_one("#status").render())
        # while it opens: no order named yet, and a field's values not said to be none
        corner = str(main.query_one(RecordTable).border_subtitle)
        assert corner.startswith("s: next sort"), corner
        bar = main.query_one(SearchBar)
        assert hint_for("region:pen", bar.values) == ""
        burst(app, "s*")
        gate.set()
        await settle(pilot)
        assert main.library is not None and main.library.rebuilt
        assert main.view == "proposals"
        assert main.query_one(SearchBar).value == "lifts*"
        assert main.query_text == "lifts*" and len(main.rows) > 0


async def test_moves_after_a_query_submitted_while_indexing_are_made_in_its_list(
    tmp_path, monkeypatch
) -> None:
    """ "/tram", enter, "jjj" typed while the first open indexed: the query ran when the
    index was ready, but the three moves were lost, made in the list before it (found by a
    new user at 10,000 meetings). They are made in the query's list."""
    gate, app = gated_app(tmp_path, monkeypatch, 800)
    async with app.run_test(size=SIZE) as pilot:
        main = await typed_while_opening(pilot, app, gate, "/lift\rjjj")
        assert main.query_text == "lift" and len(main.rows) > 4
        assert main.query_one(RecordTable).cursor == 3
        moved = main.rows[3].key
    # and a view switch typed after the moves is made after them, in their order
    app = CoopBrowseApp(tmp_path / "big.json", state_path=tmp_path / "s2.json", settings=FAST)
    gate.clear()
    async with app.run_test(size=SIZE) as pilot:
        main = main_screen(app)
        burst(app, "/lift\rjjj2")
        await pilot.pause(0.2)
        gate.set()
        await settle(pilot)
        assert main.view == "proposals" and main.query_text == "lift"
        await pilot.press("1")
        await settle(pilot)
        assert main.rows[main.query_one(RecordTable).cursor].key == moved


async def test_a_query_typed_while_opening_that_fails_leaves_nothing_waiting(
    tmp_path, monkeypatch
) -> None:
    """A query submitted while the database opened, failing when it ran: the actions typed
    after it waited for its list for good ("s" did nothing any more)."""
    from coopbrowse.tui.screens import main as main_module

    gate = gated_build(monkeypatch, 300)
    answer = main_module.first_answer

    def failing(index, request, *args, **kwargs):
        if request.query == "lift":
            raise RuntimeError("the index broke")
        return answer(index, request, *args, **kwargs)

    monkeypatch.setattr(main_module, "first_answer", failing)
    path = tmp_path / "big.json"
    build_database(path, 300, seed=4)
    app = CoopBrowseApp(path, state_path=tmp_path / "s.json", settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        main = main_screen(app)
        burst(app, "/lift\r")
        await pilot.pause(0.2)
        gate.set()
        await settle(pilot)
        main.query_one(RecordTable).focus()
        await settle(pilot)
        before = main.sort_label
        await pilot.press("s")
        await settle(pilot)
        assert main.sort_label != before, before


async def test_moves_typed_while_the_list_loads_are_made_in_it(tmp_path) -> None:
    path = tmp_path / "big.json"
    build_database(path, 300, seed=5)
    app = CoopBrowseApp(path, state_path=tmp_path / "s.json", settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "jjj")  # the list is not there yet
        await settle(pilot)
        assert main_screen(app).query_one(RecordTable).cursor == 3


@pytest.mark.parametrize("keys", ["/sam\x1bq", "/samara\rq"])
async def test_leaving_the_search_bar_hands_the_next_keys_to_the_list(
    app: CoopBrowseApp, keys: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, keys)  # q right after escape or enter quits; it is not typed
        for _ in range(200):  # (q may wait for the query's rows: it acts on that list)
            if app.return_code is not None:
                break
            await asyncio.sleep(0.05)
    assert app.return_code == 0


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["ctrl+u", *"elevatr"], "elevatr"),  # the line emptied, then the new query
        ([*"elevx", "backspace", *"ator"], "elevator"),  # a slip corrected as typed
        ([*"lift", "home", "ctrl+k", *"penza"], "penza"),
    ],
)
async def test_editing_keys_typed_among_characters_apply_in_typing_order(
    app: CoopBrowseApp, keys: list[str], expected: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"tracktors", "enter")
        await settle(pilot)
        await pilot.press("escape")  # the list, the query cleared: its answer on the way
        burst(app, "/")
        for key in keys:  # at once, as a quick typist's keys arrive
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        main = main_screen(app)
        assert main is not None
        assert main.query_one(SearchBar).value == expected
        assert main.query_text == expected


async def test_right_typed_right_behind_the_characters_accepts_the_completion(
    app: CoopBrowseApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "/reg")
        app.post_message(events.Key("right", None))
        await settle(pilot)
        main = main_screen(app)
        assert main is not None
        assert main.query_one(SearchBar).value == "region:"


@pytest.mark.parametrize("leave", ["tab", "down"])
async def test_keys_typed_behind_one_that_leaves_the_search_bar_go_where_it_went(
    app: CoopBrowseApp, leave: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "/lift")
        app.post_message(events.Key(leave, None))
        burst(app, "jj")  # the list's keys, not text
        await settle(pilot)
        main = main_screen(app)
        assert main is not None
        assert main.query_one(SearchBar).value == "lift"  # (it was "liftjj")
        assert app.focused is main.query_one(RecordTable)
        assert main.query_text == "lift" and len(main.rows) == 4
        # and they move in the list of the whole query, not of its first letter's ("l"),
        # which the query's own list then replaced
        assert main.query_one(RecordTable).cursor == 2


async def test_a_query_and_enter_pasted_at_once_run_the_query(app: CoopBrowseApp) -> None:
    # enter is the search bar's priority binding: the app ran it as it took it, before the
    # letters still waiting in the bar, which then reached the list as commands ("e"
    # opened the export dialog, "s" sorted)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        main = main_screen(app)
        burst(app, "region:penza\r")
        await settle(pilot)
        assert app.screen is main
        assert main.query_one(SearchBar).value == "region:penza"
        assert main.query_text == "region:penza" and len(main.rows) == 1
        assert isinstance(app.focused, RecordTable)
        assert main.state.sorts == {} and main.state.history == ["region:penza"]


@pytest.mark.parametrize(
    ("keys", "view", "cursor"),
    [
        ("2jj", "proposals", 2),  # the moves were made in the meetings, then the view switched
        ("j2j", "proposals", 1),  # a move before the switch is made in the list it was for
        ("3j", "regions", 1),
    ],
)
async def test_keys_typed_while_opening_keep_their_order_across_a_view_switch(
    tmp_path, monkeypatch, keys: str, view: str, cursor: int
) -> None:
    """ "2jj" typed as the app opened: the proposals came up on their first row. The view
    switch waited for the database, the moves did not, and were made in the meetings."""
    gate, app = gated_app(tmp_path, monkeypatch, 300)
    async with app.run_test(size=SIZE) as pilot:
        main = await typed_while_opening(pilot, app, gate, keys)
        assert main.view == view and main.query_one(RecordTable).cursor == cursor


async def test_q_behind_an_action_waiting_for_the_database_quits_at_once(
    tmp_path, monkeypatch
) -> None:
    """(A review of the fix above, which made the list keep every key behind such an action
    until the database opened or ten seconds passed: "2q" while opening did not quit.)"""
    gate, app = gated_app(tmp_path, monkeypatch, 300)
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "2q")
        await until(pilot, lambda: not app.is_running, "the app quit", timeout=3)
        assert app.return_code == 0
        gate.set()


async def test_keys_after_select_all_and_space_are_not_held(app: CoopBrowseApp) -> None:
    """ "a" (select all) then space: the space waited for the selection, and with it the
    list kept every later key for ten seconds: "j" did not move, "q" did not quit."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        table = main.query_one(RecordTable)
        burst(app, "a ")
        await settle(pilot)
        at = table.cursor
        burst(app, "j")
        await until(pilot, lambda: table.cursor == at + 1, "the move made", timeout=3)
        burst(app, "q")
        await until(pilot, lambda: not app.is_running, "the app quit", timeout=3)


async def test_keys_typed_behind_a_view_switch_act_in_the_new_view(app: CoopBrowseApp) -> None:
    # the proposals are read in a worker: "j" and space came to the meetings still on
    # screen, and selected a meeting under the proposals' title
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        burst(app, "2j ")
        await settle(pilot)
        assert main.view == "proposals"
        second = main.rows[1]
        assert second is not None and second.key[0] == "proposal"
        assert list(main.selection) == [second.key]


@pytest.mark.parametrize(
    ("keys", "view", "cursor", "query"),
    [
        ("2j/", "proposals", 1, ""),  # "/" after keys the list keeps waits behind them
        ("1212j", "proposals", 1, ""),  # views switched fast: the move in the last one
    ],
)
async def test_keys_behind_view_switches_keep_their_order(
    app: CoopBrowseApp, keys: str, view: str, cursor: int, query: str
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        burst(app, keys)
        await settle(pilot)
        assert main.view == view and main.query_one(RecordTable).cursor == cursor
        assert main.query_one(SearchBar).value == query  # (the "j" was typed there)


async def test_a_move_after_returning_to_a_view_is_not_undone(app: CoopBrowseApp) -> None:
    # the view comes back on its remembered row with its first page; the whole list, read
    # after, put the cursor back there over the "j" typed meanwhile
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        for keys in ("2", "j", "1"):
            burst(app, keys)
            await settle(pilot)
        burst(app, "2j")
        await settle(pilot)
        assert main.view == "proposals" and main.query_one(RecordTable).cursor == 2


async def test_a_key_typed_before_a_deferred_one_goes_first(app: CoopBrowseApp) -> None:
    # escape (a priority key of the dialog) waited behind "j" in the list's queue; "j",
    # sent on to the counts that F opened, was then put behind escape: it moved the list
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        burst(app, "Fj\x1b")
        await settle(pilot)
        assert app.screen is main and main.query_one(RecordTable).cursor == 0


async def test_keys_after_a_submitted_query_do_not_join_it(app: CoopBrowseApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        burst(app, "region:penza\rj/")
        await settle(pilot)
        main = main_screen(app)
        assert main.query_one(SearchBar).value == "region:penza"


async def test_a_long_build_says_about_how_long_is_left(tmp_path, monkeypatch) -> None:
    import threading

    from coopbrowse.store import library
    from coopbrowse.tui.progress import TimeLeft

    now = [100.0]  # the screen's clock: the build reports at 0 s and 8 s into it
    reported, gate = threading.Event(), threading.Event()
    real = library.build_in_subprocess

    def gated(db: Path, progress, searchable=None, started=None) -> None:
        progress("Indexing", 0, 800)
        now[0] += 8.0
        progress("Indexing", 400, 800)  # 50 a second: 400 more take 8 s
        reported.set()
        assert gate.wait(20)
        real(db, progress, searchable, started)

    monkeypatch.setattr(library, "SUBPROCESS_FROM", 0)  # indexed by a separate process
    monkeypatch.setattr(library, "build_in_subprocess", gated)
    monkeypatch.setattr(
        "coopbrowse.tui.screens.main.TimeLeft", lambda: TimeLeft(clock=lambda: now[0])
    )
    path = tmp_path / "big.json"
    build_database(path, 800, seed=4)
    app = CoopBrowseApp(path, state_path=tmp_path / "s.json", settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        main = main_screen(app)
        await until(pilot, reported.is_set, "the build's second report")
        await pilot.pause()
        status = str(main.query_one("#status").render())
        assert "Indexing 400 of 800 meetings… about 10 s left" in status
        gate.set()
        await settle(pilot)
        assert main.loaded and "left" not in str(main.query_one("#status").render())


def _staged(tmp_path: Path, monkeypatch, *, between=None, after=None):
    """``(gate, app)``: the browser on a new database of 300 meetings, its first build
    staged and held between its two commits until ``gate`` is set. ``between(searchable,
    partial)`` runs once the meetings are shown; ``after()`` once the gate opens (e.g. to
    fail)."""
    import threading

    from coopbrowse.store import library

    gate = threading.Event()  # the proposals wait: the meetings are searchable meanwhile
    real = library.build

    def gated(db: Path, progress, searchable=None, staged_from=None):
        def hold(partial) -> None:
            searchable(partial)
            if between is not None:
                between(searchable, partial)
            assert gate.wait(20)
            if after is not None:
                after()

        return real(db, progress, hold if searchable else None, staged_from)

    monkeypatch.setattr(library, "STAGED_FROM", 100)
    monkeypatch.setattr(library, "build", gated)
    path = tmp_path / "big.json"
    build_database(path, 300, seed=4)
    return gate, CoopBrowseApp(path, state_path=tmp_path / "s.json", settings=FAST)


async def _meetings_listed(pilot, main) -> None:
    await until(pilot, lambda: len(main.rows) == 300, "the meetings listed")


async def test_the_meetings_are_browsed_while_the_proposals_are_indexed(
    tmp_path, monkeypatch
) -> None:
    import threading

    again = threading.Event()
    partials = []

    def announce_again(searchable, partial) -> None:
        assert again.wait(20)  # as a build started again announces its new index
        partials.append(type(partial)(partial.db_path, partial.index, None, partial=True))
        searchable(partials[-1])

    gate, app = _staged(tmp_path, monkeypatch, between=announce_again)
    async with app.run_test(size=SIZE) as pilot:
        main = main_screen(app)
        try:
            await _meetings_listed(pilot, main)
            assert main.library.partial and main.busy
            first = main.library
            again.set()
            await until(pilot, lambda: main.library is not first, "the newer partial index")
            assert main.library is partials[0] and main.library.partial
            await until(pilot, lambda: len(main.rows) == 300, "the meetings listed again")
            status = str(main.query_one("#status").render())
            assert status.startswith("Indexing the proposals of 0 of 300 meetings")
            burst(app, "/lift\r")
            await until(pilot, lambda: main.query_text == "lift", "the query answered")
            found = len(main.rows)
            assert found > 0 and main.rows.view == "meetings"
            hint = str(main.query_one("#search-status").render())
            assert hint.endswith("meetings match; the proposals are still being indexed")
            burst(app, "E")  # no write while the index is half made
            await until(pilot, lambda: bool(app._notifications), "a word about editing")
            said = [n.message for n in app._notifications]
            assert said == [
                "Editing opens once the proposals are indexed (the line under "
                "the list says how far along)."
            ]
            assert app.screen is main
            burst(app, "2")
            await until(pilot, lambda: main.rows.view == "proposals", "the proposals view")
            table = main.query_one(RecordTable)
            assert len(main.rows) == 0 and "still being indexed" in table.empty_message
            assert table.border_title == "2 Proposals (still being indexed)"
            shown = [table.render_line(y).text.strip() for y in range(1, 8)]
            assert len([line for line in shown if line]) > 1  # folded to the list's width
            assert " ".join(line for line in shown if line) == table.empty_message
        finally:
            again.set()
            gate.set()
        await settle(pilot)
        assert not main.library.partial and main.library.stamp is not None
        assert main.view == "proposals" and main.query_text == "lift" and len(main.rows) > 0
        assert main.query_one(RecordTable).border_title.startswith("2 Proposals · ")
        assert "nothing selected" in str(main.query_one("#status").render())
        burst(app, "1")
        await settle(pilot)
        assert len(main.rows) == found  # the same meetings, found the same way


async def test_moves_typed_while_the_list_is_read_again_are_made_in_it(
    tmp_path, monkeypatch
) -> None:
    """After an outside change (or when the whole index replaces the meetings' one) the
    list is read again on its row: a move typed meanwhile is made in the new list, not
    undone by its cursor."""
    import threading

    from coopbrowse.tui.screens import main as main_module

    real = main_module.first_answer
    armed, release = threading.Event(), threading.Event()

    def held(index, request, **kwargs):
        if armed.is_set():
            armed.clear()
            assert release.wait(20)
        return real(index, request, **kwargs)

    monkeypatch.setattr(main_module, "first_answer", held)
    path = tmp_path / "db.json"
    build_database(path, 300, seed=5)
    app = CoopBrowseApp(path, state_path=tmp_path / "s.json", settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        table = main.query_one(RecordTable)
        burst(app, "jj")
        await settle(pilot)
        assert table.cursor == 2
        armed.set()
        try:
            main._catch_up(main._current_key())  # (nothing changed: the list is read again)
            await until(pilot, lambda: not armed.is_set(), "the list read again")
            burst(app, "jjj")
            await pilot.pause(0.1)
        finally:
            release.set()
        await settle(pilot)
        assert table.cursor == 5


async def test_a_query_on_its_way_when_all_is_indexed_is_the_one_answered(
    tmp_path, monkeypatch
) -> None:
    import threading

    from coopbrowse.tui.screens import main as main_module

    gate, app = _staged(tmp_path, monkeypatch)
    started, release = threading.Event(), threading.Event()
    real = main_module.first_answer

    def slow(index, request, **kwargs):
        if request.query == "lift":
            started.set()
            assert release.wait(20)
        return real(index, request, **kwargs)

    monkeypatch.setattr(main_module, "first_answer", slow)
    async with app.run_test(size=SIZE) as pilot:
        main = main_screen(app)
        try:
            await _meetings_listed(pilot, main)
            burst(app, "/lift")
            await until(pilot, started.is_set, "the query on its way")
            gate.set()  # all is indexed while the query is answered
            await until(pilot, lambda: not main.library.partial, "the whole index")
        finally:
            release.set()
            gate.set()
        await settle(pilot)
        assert main.query_one(SearchBar).value == "lift" and main.query_text == "lift"
        assert 0 < len(main.rows) < 300


async def test_what_needs_the_proposals_waits_for_them_and_says_so(tmp_path, monkeypatch) -> None:
    gate, app = _staged(tmp_path, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        main = main_screen(app)
        try:
            await _meetings_listed(pilot, main)
            meeting = main.index.meeting(main.rows[0].key[1])
            proposal = meeting.proposals[0].id
            main.go_to(("proposal", proposal))  # a link followed from a meeting's detail
            burst(app, "4F")  # the follow-up view, then its counts
            await until(pilot, lambda: main.rows.view == "followup", "the follow-up view")
            await until(pilot, lambda: len(app._notifications) == 2, "two notices")
            said = [n.message for n in app._notifications]
            assert said[0].startswith("Links to proposals work once the proposals are indexed")
            assert said[1].startswith("Their counts show once the proposals are indexed")
            assert app.screen is main and not main.query_one("#facet-line").display
            assert main.index.proposal(proposal)[0].id == proposal  # (found all the same)
        finally:
            gate.set()
        await settle(pilot)
        assert main.query_one("#facet-line").display and len(main.rows) > 0


async def test_a_build_failing_after_the_meetings_are_shown_leaves_them(
    tmp_path, monkeypatch
) -> None:
    from coopbrowse.store.errors import StoreError

    def fail() -> None:
        raise StoreError(tmp_path / "big.json", "indexing failed: no space left on device")

    gate, app = _staged(tmp_path, monkeypatch, after=fail)
    async with app.run_test(size=SIZE) as pilot:
        main = main_screen(app)
        try:
            await _meetings_listed(pilot, main)
        finally:
            gate.set()
        await until(pilot, lambda: bool(app._notifications), "the error said")
        assert app.return_code is None and app.screen is main  # the app goes on
        said = list(app._notifications)[-1].message
        assert "no space left on device" in said and "started again" in said
        assert str(main.query_one("#status").render()).endswith(
            "✗ proposals not indexed: restart to index them"
        )
        burst(app, "/lift\r")
        await settle(pilot)  # (nothing under way now: the screen settles)
        assert main.query_text == "lift" and 0 < len(main.rows) < 300
        hint = str(main.query_one("#search-status").render())
        assert hint.endswith("meetings match; the proposals are not indexed")
        burst(app, "E")  # still no writes: the index has no proposals
        await until(pilot, lambda: len(app._notifications) == 2, "a word about editing")
        said = list(app._notifications)[-1].message
        assert (
            said
            == "Editing opens once the proposals are indexed (restart coopbrowse to index them)."
        )
        burst(app, "2")
        await settle(pilot)
        table = main.query_one(RecordTable)
        assert table.border_title == "2 Proposals (not indexed)"
        assert "could not be indexed; restart coopbrowse" in table.empty_message
        # a change made elsewhere is caught up with, rebuilding the index whole
        from coopbrowse.store import Store
        from coopbrowse.store.synth import synth_meetings

        Store.open(tmp_path / "big.json").put_meetings(synth_meetings(1, seed=99))
        main._poll()
        await settle(pilot)
        assert not main.library.partial and len(main.rows) > 0
        assert main.query_one(RecordTable).border_title.startswith("2 Proposals · ")


async def test_view_switches_typed_while_opening_each_get_their_own_moves(
    tmp_path, monkeypatch
) -> None:
    """ "2jj3j1jjj" typed while the database opened: every move was made in the last view
    (the views' lists were asked for one after another, and the moves made in whichever
    came last; a keyboard pass in a terminal). Each view's moves are made in its list."""
    gate, app = gated_app(tmp_path, monkeypatch, 300)
    async with app.run_test(size=SIZE) as pilot:
        main = await typed_while_opening(pilot, app, gate, "2jj3j1jjj")
        table = main.query_one(RecordTable)
        assert (main.view, table.cursor) == ("meetings", 3)
        for key, view, cursor in (("2", "proposals", 2), ("3", "regions", 1)):
            await pilot.press(key)
            await settle(pilot)
            assert (main.view, table.cursor) == (view, cursor)


async def test_queries_submitted_one_after_another_while_opening_each_run(
    tmp_path, monkeypatch
) -> None:
    """ "/lift", enter, space, "/samara", enter typed while opening: only the last query
    ran, and the space selected a row of its list, not of the first's."""
    gate, app = gated_app(tmp_path, monkeypatch, 300)
    async with app.run_test(size=SIZE) as pilot:
        main = await typed_while_opening(pilot, app, gate, "/lift\r /samara\r")
        assert main.query_text == "samara"
        index = main.index
        assert index is not None
        [(kind, selected)] = main.selection.keys()  # one row, of the first query's list
        lift = {h.id for h in index.search("lift", limit=None, kind="meeting").hits}
        samara = {h.id for h in index.search("samara", limit=None, kind="meeting").hits}
        assert kind == "meeting" and selected in lift - samara
        assert main.state.history[-2:] == ["lift", "samara"]


async def test_a_file_name_typed_with_e_while_opening_goes_into_the_dialog(
    tmp_path, monkeypatch
) -> None:
    """ "ebrief" typed while opening: "brief" was run as the list's keys (i opened the
    article dialog, e another export dialog: three dialogs stacked). It is the file name."""
    from coopbrowse.tui.screens.export import ExportScreen

    gate, app = gated_app(tmp_path, monkeypatch, 300)
    async with app.run_test(size=SIZE) as pilot:
        main = await typed_while_opening(pilot, app, gate, "ebrief")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen), "the dialog")
        await settle(pilot)
        assert app.screen.query_one("#export-path").value == "brief"
        assert [type(s).__name__ for s in app.screen_stack] == ["MainScreen", "ExportScreen"]
        burst(app, "\x1bj")
        await settle(pilot)
        assert app.screen is main and main.query_one(RecordTable).cursor == 1


async def test_a_file_name_typed_with_e_before_anything_has_the_focus_goes_into_the_dialog(
    app: CoopBrowseApp,
) -> None:
    """The same typed before the first frame, in a terminal: nothing had the focus yet, so
    "e" was not seen as opening a dialog, and "brief" ran as the list's keys."""
    from coopbrowse.tui.screens.export import ExportScreen

    async with app.run_test(size=SIZE) as pilot:
        main = main_screen(app)
        await settle(pilot)
        main.set_focus(None)
        main._deferred_pending = True  # (the first list's replay still to come)
        burst(app, "ebrief")
        await pilot.pause(0.1)
        main._replay()
        await until(pilot, lambda: isinstance(app.screen, ExportScreen), "the dialog")
        await settle(pilot)
        assert app.screen.query_one("#export-path").value == "brief"
        assert [type(s).__name__ for s in app.screen_stack] == ["MainScreen", "ExportScreen"]


async def test_a_view_switch_typed_while_opening_is_said_at_once(tmp_path, monkeypatch) -> None:
    """ "2" typed during a first indexing: nothing showed it was heard until the index was
    built (a keyboard pass). The list says which view comes next."""
    gate, app = gated_app(tmp_path, monkeypatch, 300)
    async with app.run_test(size=SIZE) as pilot:
        main = main_screen(app)
        burst(app, "2")
        await pilot.pause(0.2)
        assert not main.loaded
        table = main.query_one(RecordTable)
        assert table.empty_message == "Opening the database… then the Proposals (2)."
        gate.set()
        await settle(pilot)
        assert main.view == "proposals"


async def test_keys_kept_by_the_list_as_its_rows_come_keep_their_meaning(
    app: CoopBrowseApp,
) -> None:
    """ "/elev" typed as a reload's rows came: "/" was handed to the list while it kept the
    keys typed for the rows on their way, the rows came before the list got to it, and the
    list then handled it as a key of its own: "/" (the screen's priority binding, run by
    the app only as it takes a key) did nothing, and the list ran "e" (the export dialog
    opened). Found as a CI failure of the keys kept while a form saved."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        table = main.query_one(RecordTable)
        assert app.focused is table
        table.keeping = True  # rows on their way
        table.call_later(asyncio.sleep, 0.2)  # the list busy a moment: "/" waits for it
        burst(app, "/")
        await asyncio.sleep(0.05)  # (not a pilot's pause: that waits for the list too)
        assert [key.key for key in keys_waiting(table)] == ["slash"]
        table.stop_waiting()  # the rows come before the list gets to it
        burst(app, "elev")
        await settle(pilot)
        assert app.screen is main
        bar = main.query_one(SearchBar)
        assert bar.value == "elev" and app.focused is bar.input
