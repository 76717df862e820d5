"""The app's writes to a large database run in a child process (the whole file is parsed for
a write, and the parser holds the interpreter that draws the screen): same results, same
errors, the lock's wait reported and cancellable, and the app catching up after."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from helpers import settle, until
from msgspec.structs import replace

from coopbrowse.store import Store
from coopbrowse.store.errors import DatabaseLocked, NothingToUndo, RecordChanged, StoreError
from coopbrowse.store.library import Library
from coopbrowse.store.storage import WriteCancelled, write_lock
from coopbrowse.store.writer import ChildStore, store_for_writing

MID = "2025-04-01-penza"
PID = "2025-04-01-penza-p01"


@pytest.fixture
def child(store: Store, monkeypatch) -> ChildStore:
    """Writes through a child process (as for a large file), for the bundled database."""
    import coopbrowse.store.writer as writer_module

    monkeypatch.setattr(writer_module, "CHILD_FROM", 0)
    found = store_for_writing(store.path)
    assert isinstance(found, ChildStore)
    return found


def test_a_small_database_is_written_in_process(store: Store) -> None:
    assert isinstance(store_for_writing(store.path), Store)


def test_each_write_gives_what_the_store_gives(child: ChildStore, store: Store) -> None:
    Library.open(store.path)  # indexed: the child keeps the index current
    change = child.follow_up(PID, status="agreed", date="2025-06-01", note="by a child")
    assert change is not None and change.origin == "follow-up"
    proposal = store.proposal(PID)
    assert proposal is not None and proposal.status == "agreed"
    assert proposal.follow_up[-1].note == "by a child"
    undone = child.undo(PID)
    assert undone.undoes == change.id
    assert store.proposal(PID).status == "proposed"  # type: ignore[union-attr]
    meeting = store.meeting(MID)
    assert meeting is not None
    edited = replace(meeting, place="Penza, by a child")
    assert child.edit_meeting(edited, expected=meeting.to_dict()) is not None
    assert store.meeting(MID).place == "Penza, by a child"  # type: ignore[union-attr]
    report = child.put_meetings([replace(meeting, place="again")], update=False)
    assert report.skipped == [MID] and not report.added
    assert child.delete_meeting(MID) is True
    assert child.delete_meeting(MID) is False
    library = Library.open(store.path)
    assert not library.rebuilt and library.index.meeting(MID) is None  # kept current


def test_the_stores_errors_come_back_as_they_are(child: ChildStore, store: Store) -> None:
    meeting = store.meeting(MID)
    assert meeting is not None
    stale = replace(meeting, place="stale").to_dict()
    with pytest.raises(RecordChanged) as caught:
        child.edit_meeting(replace(meeting, place="mine"), expected=stale)
    assert caught.value.record_id == MID and caught.value.current == meeting.to_dict()
    with pytest.raises(NothingToUndo, match="no recorded change"):
        child.undo(PID)
    assert store.meeting(MID) == meeting  # nothing written


def test_a_write_waiting_for_the_lock_says_so_and_can_be_cancelled(
    child: ChildStore, store: Store
) -> None:
    waited: list[int | None] = []
    child.lock_waiting = waited.append
    child.lock_timeout = 0.5
    with write_lock(store.path):
        with pytest.raises(DatabaseLocked, match="pid"):
            child.delete_meeting(MID)
        assert waited == [os.getpid()]
        child.lock_timeout = 60.0
        child.lock_cancelled = threading.Event()
        child.lock_waiting = lambda pid: child.lock_cancelled.set()  # type: ignore[union-attr]
        with pytest.raises(WriteCancelled):
            child.delete_meeting(MID)
    assert store.meeting(MID) is not None  # nothing was written


async def test_the_app_deletes_through_a_child_and_catches_up(
    child: ChildStore, store: Store, tmp_path: Path
) -> None:
    from coopbrowse.tui.app import CoopBrowseApp
    from coopbrowse.tui.screens.main import MainScreen

    app = CoopBrowseApp(store.path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        main = app.screen
        assert isinstance(main, MainScreen)
        first = main.rows[0].key
        assert main.library is not None and main.library.stamp is not None
        indexed = main.library.stamp.dir
        await pilot.press("D")
        await settle(pilot, app)
        await pilot.press("y")
        await until(pilot, lambda: store.meeting(first[1]) is None, "deleted by the child")
        await until(pilot, lambda: first not in [r.key for r in main.rows], "caught up")
        assert main.library.stamp is not None and main.library.stamp.dir == indexed  # no rebuild


def test_the_child_imports_nothing_from_the_current_directory(
    child: ChildStore, store: Store, tmp_path: Path, monkeypatch
) -> None:
    marker = tmp_path / "ran"
    work = tmp_path / "work"
    work.mkdir()
    (work / "json.py").write_text(f"open({str(marker)!r}, 'w').close()\nraise ImportError\n")
    monkeypatch.chdir(work)
    assert child.delete_meeting(MID) is True
    assert not marker.exists() and store.meeting(MID) is None


def test_a_database_path_that_starts_with_a_dash_reaches_the_child(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("-dash.json").write_bytes(store.path.read_bytes())
    assert ChildStore(Path("-dash.json")).delete_meeting(MID) is True
    assert Store(Path("-dash.json")).meeting(MID) is None


def _fake_child(monkeypatch, script: str) -> None:  # type: ignore[no-untyped-def]
    import sys

    import coopbrowse.store.writer as writer_module

    monkeypatch.setattr(
        writer_module, "child_command", lambda module, path: [sys.executable, "-c", script]
    )


def test_a_child_that_dies_before_reading_a_large_write_is_a_one_line_error(
    child: ChildStore, store: Store, monkeypatch
) -> None:
    _fake_child(monkeypatch, "import sys; sys.stderr.write('boom\\n'); sys.exit(3)")
    meeting = store.meeting(MID)
    assert meeting is not None
    big = replace(meeting, summary="x" * 300_000)  # more than a pipe holds
    with pytest.raises(StoreError, match="the write failed: boom"):
        child.edit_meeting(big, expected=meeting.to_dict())


def test_a_child_that_writes_much_to_stderr_does_not_stall(child: ChildStore, monkeypatch) -> None:
    script = (
        "import sys, json; sys.stdin.readline(); sys.stderr.write('w' * 300_000); "
        "print(json.dumps({'result': True}), flush=True)"
    )
    _fake_child(monkeypatch, script)
    assert child.delete_meeting(MID) is True


def test_a_child_that_stops_while_holding_the_lock_says_the_database_may_have_changed(
    child: ChildStore, monkeypatch
) -> None:
    script = (
        "import sys, json, os; sys.stdin.readline(); "
        "print(json.dumps({'held': True}), flush=True); os._exit(9)"
    )
    _fake_child(monkeypatch, script)
    with pytest.raises(StoreError, match="may have changed"):
        child.delete_meeting(MID)
