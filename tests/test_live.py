"""The open app follows the database: a change made by another process shows up in its
lists and searches without a restart, whether that process kept the index current or not."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FAST, main_screen, settle

from coopbrowse.store.synth import synth_meetings
from coopbrowse.tui.app import CoopBrowseApp
from coopbrowse.tui.widgets.search_bar import SearchBar

SIZE = (140, 40)


async def _wait_for(pilot, condition, seconds: float = 20.0) -> None:
    for _ in range(int(seconds / 0.1)):
        await settle(pilot)
        if condition():
            return
        await pilot.pause(0.1)
    raise AssertionError("the app never caught up")


async def test_a_cli_import_shows_up_in_the_open_app(db_path: Path, tmp_path) -> None:
    meeting = synth_meetings(1, seed=12)[0]
    meeting.title = "Zanzibarian hovercraft talks"
    incoming = tmp_path / "new.json"
    incoming.write_text(json.dumps([meeting.to_dict()]))
    app = CoopBrowseApp(db_path, state_path=tmp_path / "s.json", settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        assert len(main.rows) == 5 and main.library is not None
        before = main.library.stamp
        env = dict(os.environ, COOPBROWSE_DB=str(db_path))
        done = subprocess.run(
            [sys.executable, "-m", "coopbrowse.tui.cli", "import", str(incoming)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        await _wait_for(pilot, lambda: len(main.rows) == 6)
        said = [str(n.message) for n in app._notifications]
        # (what was changed is said: "the list is read again" alone left the user guessing)
        assert (
            "The database was changed by another process (1 meeting added): the list is read "
            "again." in said
        )
        after = main.library.stamp
        assert before is not None and after is not None
        assert after.dir == before.dir and after.generation == before.generation + 1  # in place
        main.query_one(SearchBar).set_value("zanzibarian")
        await _wait_for(pilot, lambda: main.query_text == "zanzibarian")
        assert [r.key for r in main.rows] == [("meeting", meeting.id)]


async def test_a_hand_edit_is_picked_up_by_a_rebuild(db_path: Path, tmp_path) -> None:
    app = CoopBrowseApp(db_path, state_path=tmp_path / "s.json", settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        data = json.loads(db_path.read_text())
        doc = next(iter(data["meetings"].values()))
        doc["title"] = "Quokka summit"
        db_path.write_text(json.dumps(data))  # not through coopbrowse: the index is stale
        main.query_one(SearchBar).set_value("quokka")
        await _wait_for(pilot, lambda: len(main.rows) == 1 and main.query_text == "quokka")
        assert main.rows[0].key == ("meeting", doc["id"])


async def test_a_saved_draft_is_shown_after_a_search_and_a_change_after_a_bad_query(
    db_path: Path, tmp_path
) -> None:
    """The list read again after a change asks for the query of the list shown: none once a
    draft is saved (the search cleared, the new meeting highlighted), the last good one
    after a malformed query (whose error leaves the list as it was)."""
    from coopbrowse.store import Store
    from coopbrowse.tui.widgets.record_table import RecordTable

    app = CoopBrowseApp(db_path, state_path=tmp_path / "state.json", settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main = main_screen(app)
        await pilot.press("slash", *"samara", "enter")
        await settle(pilot, app)
        await pilot.press("slash", "ctrl+u", *'"unclosed', "enter")  # the list stays
        await settle(pilot, app)
        samara = len(main.rows)
        other = Store.open(db_path)  # another process renames a Samara meeting
        renamed = next(m for m in other.meetings() if "samara" in m.region.lower())
        renamed.title = "Zzyzx renamed"
        other.put_meetings([renamed], update=True)
        main._poll()
        await settle(pilot, app)
        titles = [main.rows[i].meeting.title for i in range(len(main.rows))]
        assert len(main.rows) == samara and "Zzyzx renamed" in titles
        mordovia = next(m for m in other.meetings() if "mordovia" in m.region.lower())
        main.records_changed([mordovia.id])  # as a draft saved from i does
        await settle(pilot, app)
        assert main.query_one(SearchBar).value == main.query_text == ""
        assert len(main.rows) == len(other.meetings())
        assert main.rows[main.query_one(RecordTable).cursor].key == ("meeting", mordovia.id)


async def test_only_a_change_that_cannot_be_the_users_own_is_said(db_path: Path, tmp_path) -> None:
    """A write of the user's is counted from before the file changes to its catch-up: the
    poll leaves a file changed meanwhile to that catch-up (its own, reading the list again
    midway, moved the list under the keys typed meanwhile, which the write's catch-up then
    undid), and nothing is said of another process; what changes after it is said."""
    import asyncio

    from coopbrowse.store import Store

    def another_process(n: int) -> None:
        meeting = synth_meetings(1, seed=20 + n)[0]
        Store.open(db_path).put_meetings([meeting])

    def said() -> list[str]:
        return [str(n.message) for n in app._notifications if "another process" in str(n.message)]

    app = CoopBrowseApp(db_path, state_path=tmp_path / "s.json", settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        main._own_writes += 1  # (as a write of the user's does, from its start)
        another_process(1)
        await asyncio.sleep(FAST.poll * 3)  # (polls come and go)
        await settle(pilot)
        assert len(main.rows) == 5 and said() == []
        main._own_write_over(main._current_key())  # (the write made: its catch-up)
        await _wait_for(pilot, lambda: len(main.rows) == 6)
        assert said() == []
        another_process(2)  # (what changes next is not ours)
        await _wait_for(pilot, lambda: len(main.rows) == 7)
        assert len(said()) == 1


async def test_selected_records_deleted_by_another_process_are_unselected(
    db_path: Path, tmp_path
) -> None:
    """A new user selected two proposals, deleted their meeting from the CLI, and `e` wrote
    an empty briefing ("Nothing was selected.") and said it was exported. The catch-up takes
    them out of the selection, and says so."""
    from coopbrowse.store import Store
    from coopbrowse.tui.selection import Selection

    app = CoopBrowseApp(db_path, state_path=tmp_path / "s.json", settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        store = Store.open(db_path)
        doomed, kept = store.meetings()[0], store.meetings()[1]
        chosen = [("proposal", p.id) for p in doomed.proposals[:2]]
        main.selection = Selection([*chosen, ("meeting", kept.id)])
        await settle(pilot)
        store.delete_meeting(doomed.id)  # (as another process: the app did not write it)
        await _wait_for(pilot, lambda: list(main.selection) == [("meeting", kept.id)])
        said = [str(n.message) for n in app._notifications]
        assert "2 selected records no longer in the database: taken out of the selection." in said
        assert (
            "The database was changed by another process (1 meeting removed): the list is read "
            "again." in said
        )


async def test_the_row_deleted_by_another_process_leaves_the_cursor_in_its_place(
    db_path: Path, tmp_path
) -> None:
    """The highlighted meeting deleted from the CLI, the cursor jumped to the list's top,
    and E then edited a meeting never highlighted (found by a new user at 100k); it stays in
    its place, on the meeting after, as after D in the app."""
    from coopbrowse.store import Store
    from coopbrowse.tui.widgets.record_table import RecordTable

    app = CoopBrowseApp(db_path, state_path=tmp_path / "s.json", settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await pilot.press("j", "j", "j")
        await settle(pilot)
        table = main.query_one(RecordTable)
        assert table.cursor == 3
        doomed = main._current_key()
        row = main.rows[4]
        assert row is not None
        after = row.key
        Store.open(db_path).delete_meeting(doomed[1])  # (as another process)
        await _wait_for(pilot, lambda: len(main.rows) == 4)
        await settle(pilot)
        assert table.cursor == 3 and main._current_key() == after


@pytest.mark.parametrize("start", [1, 150])
async def test_rows_deleted_around_the_cursor_leave_it_on_the_first_row_after_them(
    db_path: Path, tmp_path, start: int
) -> None:
    """In the proposals view, a meeting deleted by another process took its proposals around
    the cursor (some before it): the cursor kept its row number, on a row far from where it
    was (a trial); it goes to the first row that came after it, below the first page too
    (from a review: there the rows were not read yet when it was placed)."""
    from coopbrowse.store import Store
    from coopbrowse.store.synth import synth_meetings
    from coopbrowse.tui.widgets.record_table import RecordTable

    Store.open(db_path).put_meetings(synth_meetings(80, seed=5))
    app = CoopBrowseApp(db_path, state_path=tmp_path / "s.json", settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await pilot.press("2")
        await settle(pilot)
        await _wait_for(pilot, lambda: main.rows.complete)
        table = main.query_one(RecordTable)
        rows = [main.rows[i] for i in range(len(main.rows))]
        mid = [r.meeting.id if r is not None and r.meeting else "" for r in rows]
        # a row amid its meeting's proposals, with another meeting's after them
        at = next(
            i
            for i in range(start, len(rows) - 1)
            if mid[i - 1] == mid[i] == mid[i + 1] and any(m != mid[i] for m in mid[i + 1 :])
        )
        doomed = mid[at]
        after = next(
            r.key for r, m in zip(rows[at + 1 :], mid[at + 1 :], strict=True) if r and m != doomed
        )
        table.move_to(at)
        await settle(pilot)
        assert table.cursor == at
        Store.open(db_path).delete_meeting(doomed)  # (as another process)
        await _wait_for(pilot, lambda: len(main.rows) == len(rows) - mid.count(doomed))
        await _wait_for(pilot, lambda: main.rows.complete)
        await settle(pilot)
        assert main._current_key() == after


async def test_an_export_of_records_all_gone_writes_nothing_and_says_why(
    db_path: Path, tmp_path
) -> None:
    """Records deleted between the listing and the export (none of them found): no empty
    briefing written and called done; the dialog stays, saying why."""
    from textual.widgets import Static

    from coopbrowse.tui.screens.export import Choice, ExportScreen

    app = CoopBrowseApp(db_path, state_path=tmp_path / "s.json", settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        assert main.index is not None
        gone = [("proposal", "2020-01-01-nowhere-p1"), ("meeting", "2020-01-01-nowhere")]
        dialog = ExportScreen(main.index, [Choice("the selection (2 records)", gone, "selection")])
        await app.push_screen(dialog)
        await settle(pilot)
        counts = str(dialog.query_one("#export-counts", Static).render())
        assert "none of these records is in the database now" in counts
        target = tmp_path / "brief.md"
        dialog.query_one("#export-path").value = str(target)
        await pilot.press("ctrl+e")
        await settle(pilot)
        assert not target.exists()
        assert app.screen is dialog
        said = str(dialog.query_one("#export-error", Static).render())
        assert "Not written: none of these records is in the database now" in said
        await pilot.press("escape")
        await settle(pilot, app)
        # a query that matches nothing now is not said to be records deleted
        query = Choice("everything listed", None, "x", "zzzqqq-nothing")
        dialog = ExportScreen(main.index, [query])
        await app.push_screen(dialog)
        await settle(pilot, app)
        counts = str(dialog.query_one("#export-counts", Static).render())
        assert "nothing matches it in the database now" in counts


async def test_a_selection_restored_with_records_deleted_since_is_trimmed(
    db_path: Path, tmp_path
) -> None:
    """The selection is kept between sessions; a meeting deleted meanwhile (from the CLI)
    was still selected at the next launch, until some later change."""
    from coopbrowse.store import Store
    from coopbrowse.tui.selection import Selection

    state = tmp_path / "s.json"
    store = Store.open(db_path)
    doomed, kept = store.meetings()[0], store.meetings()[1]
    app = CoopBrowseApp(db_path, state_path=state, settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        main.selection = Selection([("meeting", doomed.id), ("meeting", kept.id)])
        await settle(pilot)
        main.save_state()
    store.delete_meeting(doomed.id)
    app = CoopBrowseApp(db_path, state_path=state, settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await _wait_for(pilot, lambda: list(main.selection) == [("meeting", kept.id)])
        said = [str(n.message) for n in app._notifications]
        assert "1 selected record no longer in the database: taken out of the selection." in said
