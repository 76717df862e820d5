"""The index on disk: reopened without reading the database, kept current by writes, rebuilt
when it does not describe the database, never trusted blindly, and safe from many threads."""

from __future__ import annotations

import json
import os
import pickle
import threading
import time
from pathlib import Path

import pytest

from coopbrowse.store import Store, StoreError
from coopbrowse.store.index import SearchIndex
from coopbrowse.store.library import STAMP, Library, index_home, read_stamp
from coopbrowse.store.synth import build_database, synth_meetings


def _ids(library: Library, query: str) -> list[str]:
    return [h.id for h in library.index.search(query, limit=None).hits]


def test_an_unchanged_database_is_reopened_without_reading_it(db_path: Path, monkeypatch) -> None:
    first = Library.open(db_path)
    assert first.rebuilt and first.stamp is not None and first.stamp.meetings == 5
    expected = _ids(first, "elevator")

    def no_reading(self):  # the JSON must not be parsed
        raise AssertionError("the database was read")

    monkeypatch.setattr(Store, "load", no_reading)
    again = Library.open(db_path)
    assert not again.rebuilt
    assert _ids(again, "elevator") == expected


def test_a_write_through_the_store_updates_the_index_in_place(db_path: Path) -> None:
    library = Library.open(db_path)
    before = library.stamp
    assert before is not None
    extra = synth_meetings(1, seed=4)[0]
    extra.title = "Quuxly talks"
    Store.open(db_path).put_meetings([extra])
    stamp = read_stamp(index_home(db_path))
    assert stamp is not None and stamp.state == "ready"
    assert stamp.dir == before.dir and stamp.generation == before.generation + 1
    assert library.changed()
    assert library.refresh()
    assert _ids(library, "quuxly") == [extra.id]
    reopened = Library.open(db_path)
    assert not reopened.rebuilt and _ids(reopened, "quuxly") == [extra.id]
    Store.open(db_path).delete_meeting(extra.id)
    assert Library.open(db_path).index.search("quuxly", fuzzy=False).total == 0


def test_a_write_to_a_state_the_index_vouches_for_reads_the_file_once(
    db_path: Path, monkeypatch
) -> None:
    Library.open(db_path)  # validates every record while indexing them
    reads = []
    real = Store._read

    def counting(self):
        reads.append(1)
        return real(self)

    def no_loading(self):
        raise AssertionError("every record was built again")

    monkeypatch.setattr(Store, "_read", counting)
    monkeypatch.setattr(Store, "load", no_loading)
    extra = synth_meetings(1, seed=5)[0]
    Store.open(db_path).put_meetings([extra])
    assert len(reads) == 1  # opened, checked and written on one parse
    monkeypatch.undo()
    assert Store(db_path).meeting(extra.id) is not None


def test_a_state_the_index_does_not_vouch_for_is_validated_before_a_write(
    db_path: Path,
) -> None:
    Library.open(db_path)
    data = json.loads(db_path.read_text())
    next(iter(data["meetings"].values()))["date"] = "someday"  # a bad record, by hand
    db_path.write_text(json.dumps(data))
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="date"):
        Store.open(db_path).put_meetings(synth_meetings(1, seed=5))
    assert db_path.read_bytes() == before


def test_a_change_made_outside_the_store_rebuilds(db_path: Path) -> None:
    library = Library.open(db_path)
    data = json.loads(db_path.read_text())
    doc = next(iter(data["meetings"].values()))
    doc["title"] = "Hand edited zyzzyva"
    db_path.write_text(json.dumps(data))  # a text editor, an older coopbrowse, a sync tool
    assert library.refresh()
    assert [h.id for h in library.index.search("zyzzyva").hits] == [doc["id"]]
    assert not Library.open(db_path).rebuilt  # the rebuild was stamped


@pytest.mark.parametrize(
    "stamp",
    [
        b"",
        b"not json",
        b"[1, 2]",
        b'{"format": 1}',
        b"\x80\x04\x95" + pickle.dumps({"format": 1}),
        json.dumps({"dir": "../../etc"}).encode(),
        b"[" * 100_000,
        b" " * 200_000,
    ],
)
def test_a_damaged_stamp_is_rebuilt_over(db_path: Path, stamp: bytes) -> None:
    Library.open(db_path)
    home = index_home(db_path)
    assert home is not None
    (home / STAMP).write_bytes(stamp)
    library = Library.open(db_path)
    assert library.rebuilt and _ids(library, "elevator")


def test_a_stamp_with_a_hostile_directory_is_refused(db_path: Path) -> None:
    Library.open(db_path)
    home = index_home(db_path)
    data = json.loads((home / STAMP).read_text())
    for bad in ("../x", "i-../../x", "/tmp/i-x", "x"):
        data["dir"] = bad
        (home / STAMP).write_text(json.dumps(data))
        assert read_stamp(home) is None


def test_damaged_index_files_are_rebuilt_over(db_path: Path) -> None:
    first = Library.open(db_path)
    assert first.stamp is not None
    directory = index_home(db_path) / first.stamp.dir
    for f in directory.iterdir():
        if f.is_file() and f.name != ".tantivy-meta.lock":
            f.write_bytes(b"\x00garbage" * 10)
    library = Library.open(db_path)
    assert library.rebuilt and _ids(library, "elevator")


@pytest.mark.parametrize("name", ["meta.json", ".managed.json", "a segment"])
@pytest.mark.parametrize("kind", ["fifo", "link", "directory"])
def test_what_is_not_a_file_in_the_index_is_rebuilt_over_not_waited_on(
    db_path: Path, tmp_path: Path, name: str, kind: str
) -> None:
    """A pipe put in place of ``meta.json`` (or any file of the index) kept every command
    waiting for ever on its open. Anything but a file in the index makes it one to rebuild."""
    import threading

    first = Library.open(db_path)
    assert first.stamp is not None
    directory = index_home(db_path) / first.stamp.dir
    if name == "a segment":
        name = next(f.name for f in directory.iterdir() if f.suffix == ".store")
    (directory / name).unlink(missing_ok=True)
    if kind == "fifo":
        os.mkfifo(directory / name)
    elif kind == "link":
        (directory / name).symlink_to(tmp_path / "elsewhere")
        (tmp_path / "elsewhere").write_bytes(b"{}")
    else:
        (directory / name).mkdir()
    opened: list[Library] = []
    worker = threading.Thread(target=lambda: opened.append(Library.open(db_path)), daemon=True)
    worker.start()
    worker.join(30)
    if worker.is_alive():  # (let the stuck open go: a writer on the pipe ends it)
        with open(directory / name, "wb"):
            pass
        raise AssertionError("the open waited on a pipe")
    assert opened and opened[0].rebuilt and _ids(opened[0], "elevator")


def test_a_crafted_pickle_in_the_cache_never_runs(db_path: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    Library.open(db_path)
    home = index_home(db_path)
    blob = pickle.dumps(Payload())
    (home / STAMP).write_bytes(blob)
    for entry in home.rglob("*"):
        if entry.is_file():
            entry.write_bytes(blob)
    library = Library.open(db_path)
    assert _ids(library, "elevator") and not marker.exists()


def test_an_index_of_another_database_is_not_used(tmp_path: Path, monkeypatch) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    build_database(a, 3, seed=1)
    build_database(b, 3, seed=2)
    Library.open(a)
    Library.open(b)
    home_a, home_b = index_home(a), index_home(b)
    assert home_a != home_b
    (home_b / STAMP).write_bytes((home_a / STAMP).read_bytes())  # a's stamp in b's place
    library = Library.open(b)
    assert library.rebuilt
    assert {h.id for h in library.index.search("type:meeting", limit=None).hits} == {
        m.id for m in Store.open(b).meetings()
    }


def test_the_cache_is_private(db_path: Path) -> None:
    library = Library.open(db_path)
    home = index_home(db_path)
    assert library.stamp is not None
    root = home.parent.parent  # COOPBROWSE_CACHE, made by us (see conftest)
    for path in (root, home.parent, home, home / library.stamp.dir):
        assert os.stat(path).st_mode & 0o077 == 0, path
    files = [home / STAMP, *(home / library.stamp.dir).iterdir()]
    Store.open(db_path).put_meetings(synth_meetings(1, seed=9))  # written in place
    files += list((home / library.stamp.dir).iterdir())
    for path in files:
        if path.is_file():
            assert os.stat(path).st_mode & 0o077 == 0, path


def test_without_a_cache_the_index_is_kept_in_memory(db_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COOPBROWSE_CACHE", "off")
    library = Library.open(db_path)
    assert library.stamp is None and "memory" in library.note
    assert _ids(library, "elevator")


def test_an_unwritable_cache_keeps_the_index_in_memory(
    db_path: Path, tmp_path, monkeypatch
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("COOPBROWSE_CACHE", str(blocker))
    library = Library.open(db_path)
    assert library.stamp is None and "cannot write" in library.note
    assert _ids(library, "elevator")


def test_the_subprocess_build_gives_the_same_index(tmp_path: Path) -> None:
    from coopbrowse.store.library import build_in_subprocess

    path = tmp_path / "sub.json"
    build_database(path, 40, seed=6)
    seen: list[tuple[str, int, int]] = []
    library = Library.open(path, progress=lambda *a: seen.append(a), builder=build_in_subprocess)
    assert library.rebuilt and library.stamp is not None and library.stamp.meetings == 40
    assert seen and seen[-1][0] == "Indexing" and seen[-1][1] == seen[-1][2] == 40
    fresh = type(library.index).build(Store.open(path).meetings())
    for q in ["elevator", "year:2020", "pharma*", "person:lukashenko"]:
        assert set(_ids(library, q)) == {h.id for h in fresh.search(q, limit=None).hits}


PROPOSAL = "2024-05-30-karelia-000022-p01"  # (a proposal of the staged database below)


def _meeting_ids(index: SearchIndex, query: str) -> list[str]:
    return sorted(rid for _kind, rid in index.keys(index.listing("meetings", query, page=10_000)))


def _check_partial(library: Library, path: Path, *, here: bool) -> dict[str, object]:
    """What a partial library answers while its proposals are being indexed (``here``: by
    this thread, which waits meanwhile; a child goes on, and may be done by now)."""
    index = library.index
    assert library.partial and library.stamp is None
    if here:
        assert read_stamp(index_home(path)) is None  # nothing says the index is current yet
    return {
        "meetings": index.meeting_total,
        "found": _meeting_ids(index, "lift*"),
        "regions": index.regions(),
        "proposals": index.count("", view="proposals"),
        "in regions": [index.region_detail(r.name).proposal_count for r in index.regions()],
        "sectors": {index.region_detail(r.name).sectors is None for r in index.regions()},
        "values": {f: index.field_values(f) for f in ("sector", "status")},
        "a proposal": index.proposal(PROPOSAL),  # (through its name: not indexed yet)
        "not one": index.proposal(PROPOSAL + "9"),
    }


@pytest.mark.parametrize("where", ["here", "child"])
def test_a_staged_build_can_search_the_meetings_before_the_proposals(
    tmp_path: Path, monkeypatch, where: str
) -> None:
    from coopbrowse.store import library as lib

    path = tmp_path / "staged.json"
    build_database(path, 60, seed=8)
    full = SearchIndex.build(Store.open(path).meetings())
    seen: list[tuple[str, int, int]] = []
    heard: list[dict[str, object]] = []
    monkeypatch.setattr(lib, "STAGED_FROM", 50)
    builder = lib.build_in_subprocess if where == "child" else None
    library = Library.open(
        path,
        progress=lambda *a: seen.append(a),
        builder=builder,
        searchable=lambda partial: heard.append(
            _check_partial(partial, path, here=where == "here")
        ),
    )
    assert len(heard) == 1
    partial = heard[0]
    assert partial["meetings"] == 60
    # (a child goes on meanwhile, and may have committed its proposals before this process
    # opened what it announced: only this thread's build is sure to be between the two)
    assert partial["proposals"] == 0 or where == "child"
    wanted = _meeting_ids(full, "lift*")
    assert wanted and partial["found"] == wanted  # a meeting is found for its proposals' text
    assert partial["regions"] == full.regions()
    counts = [full.region_detail(r.name).proposal_count for r in full.regions()]
    assert partial["in regions"] == counts and sum(counts) > 0
    assert partial["sectors"] == {True} or where == "child"  # not known yet, not "none"
    assert all(full.region_detail(r.name).sectors for r in full.regions())
    assert partial["values"] == {f: full.field_values(f) for f in ("sector", "status")}
    assert partial["a proposal"] == full.proposal(PROPOSAL) and partial["not one"] is None
    assert not library.partial and library.stamp is not None and library.stamp.meetings == 60
    assert library.index.count("", view="proposals") == full.count("", view="proposals") > 0
    phases = [what for what, _done, _total in seen]
    assert phases.index("Indexing") < phases.index(lib.PROPOSALS_PHASE)
    assert seen[-1] == (lib.PROPOSALS_PHASE, 60, 60)


def test_a_staged_build_starts_again_when_the_file_changes_under_it(tmp_path: Path) -> None:
    """A write made while the proposals are indexed: the build stops at its next check
    (every 1,000 meetings), not at the end, reads the file again and announces the new
    meetings; the library is of the file as written."""
    from coopbrowse.store import library as lib

    path = tmp_path / "changing.json"
    build_database(path, 1_500, seed=8)
    extra = synth_meetings(1, seed=4)[0]
    extra.title = "Quuxly talks"
    seen: list[tuple[str, int, int]] = []
    heard: list[int] = []

    def searchable(partial: Library) -> None:
        heard.append(partial.index.meeting_total)
        if len(heard) == 1:  # another process writes, as the proposals are being indexed
            Store.open(path).put_meetings([extra])

    library = lib.build(path, lambda *a: seen.append(a), searchable, staged_from=1)
    assert heard == [1_500, 1_501]
    phases = [(what, done) for what, done, _total in seen]
    restart = phases.index((lib.REREADING, 0))
    assert (lib.PROPOSALS_PHASE, 1_000) in phases[:restart]  # it stopped at its first check,
    assert (lib.PROPOSALS_PHASE, 1_500) not in phases[:restart]  # not once all were indexed
    assert library.stamp is not None and library.stamp.meetings == 1_501
    assert _ids(library, "quuxly") == [extra.id]


def test_a_file_changed_while_its_meetings_are_indexed_is_read_again(tmp_path: Path) -> None:
    """Where each record is in the file is worked out as the index commits: a write made
    meanwhile is found then (the file is no longer the one scanned), and the build reads the
    file again; the library is of the file as written, its records readable."""
    from coopbrowse.store import library as lib

    path = tmp_path / "changing.json"
    build_database(path, 40, seed=8)
    extra = synth_meetings(1, seed=4)[0]
    extra.title = "Quuxly talks"
    seen: list[tuple[str, int, int]] = []

    def progress(what: str, done: int, total: int) -> None:
        seen.append((what, done, total))
        if (what, done) == ("Indexing", 0) and len(seen) < 3:  # the first reading only
            Store.open(path).put_meetings([extra])

    library = lib.build(path, progress)
    said = [what for what, _done, _total in seen]
    # found as the meetings commit, when where each record is in the file is worked out
    assert lib.REREADING in said and said.index(lib.SAVING) < said.index(lib.REREADING)
    assert library.stamp is not None and library.stamp.meetings == 41
    assert _ids(library, "quuxly") == [extra.id]
    assert library.index.meeting(extra.id) is not None  # read from the file by its span
    home = index_home(path)
    assert [p.name for p in home.iterdir() if p.name.startswith("i-")] == [library.stamp.dir]


def test_work_beside_a_commit_runs_once_and_its_failure_fails_the_write(tmp_path: Path) -> None:
    """(A build whose work beside its commit fails discards the index: the commit itself is
    made meanwhile, and is not undone.)"""

    def broken() -> None:
        raise OSError("no room")

    (tmp_path / "a").mkdir()
    with pytest.raises(OSError, match="no room"):
        SearchIndex.create(tmp_path / "a").write(
            add=synth_meetings(3, seed=2), bulk=True, beside_commit=broken
        )
    (tmp_path / "b").mkdir()
    index = SearchIndex.create(tmp_path / "b")
    done: list[int] = []
    index.write(
        add=synth_meetings(3, seed=2), bulk=True, beside_commit=lambda: done.append(len(done))
    )
    assert done == [0] and index.meeting_total == 3


def test_a_build_says_when_it_saves_the_index(tmp_path: Path) -> None:
    """The commits take seconds at 100,000 meetings with nothing to count: the bar sat at
    100% with no word for them. Each is said as it begins: the meetings', before they can be
    searched, and the proposals'."""
    from coopbrowse.store import library as lib

    path = tmp_path / "saving.json"
    build_database(path, 30, seed=8)
    seen: list[str] = []
    phases: list[str] = []
    lib.build(path, lambda what, *_: seen.append(what), lambda _l: phases.append("searchable"))
    assert seen.count(lib.SAVING) == 1 and seen.index(lib.SAVING) == len(seen) - 2
    assert seen[-1] == "Indexing" and not phases  # (30 meetings: one commit)
    seen.clear()
    lib.build(path, lambda what, *_: seen.append(what), lambda _l: seen.append("searchable"), 1)
    first = seen.index(lib.SAVING)
    assert seen[first + 1 : first + 3] == [lib.PROPOSALS_PHASE, "searchable"]
    assert seen.count(lib.SAVING) == 2 and seen[-2:] == [lib.SAVING, lib.PROPOSALS_PHASE]


def test_a_small_database_is_built_in_one_commit(tmp_path: Path) -> None:
    path = tmp_path / "small.json"
    build_database(path, 30, seed=8)
    heard: list[Library] = []
    library = Library.open(path, searchable=heard.append)  # (STAGED_FROM: 20,000 meetings)
    assert heard == [] and library.stamp is not None and not library.partial


def test_a_subprocess_build_given_up_stops_the_child_at_once(tmp_path: Path, monkeypatch) -> None:
    """The app closing while its child indexes (its progress callback raises): the child is
    killed, not waited for until it has indexed everything or torn its objects down."""
    import signal
    import subprocess

    from coopbrowse.store.library import build_in_subprocess

    children: list[subprocess.Popen[bytes]] = []
    real = subprocess.Popen

    def recorded(*args, **kwargs):
        children.append(real(*args, **kwargs))
        return children[-1]

    def closing(*_args) -> None:
        raise RuntimeError("App is not running")

    monkeypatch.setattr(subprocess, "Popen", recorded)
    larger = tmp_path / "larger.json"  # (its build takes a while: given up in it)
    build_database(larger, 1_500, seed=6)
    with pytest.raises(RuntimeError):
        build_in_subprocess(larger, closing)
    assert len(children) == 1 and children[0].returncode == -signal.SIGKILL

    # given up once its meetings were announced: what it had built goes too, unless it
    # had finished meanwhile (its stamp names it: a whole index, kept)
    from coopbrowse.store import library as lib

    monkeypatch.setattr(lib, "STAGED_FROM", 10)
    heard: list[Path] = []

    def closing_later(what: str, done: int, total: int) -> None:
        if heard:
            raise RuntimeError("App is not running")

    with pytest.raises(RuntimeError):
        build_in_subprocess(larger, closing_later, lambda partial: heard.append(partial.index.path))
    stamp = read_stamp(index_home(larger))
    assert len(heard) == 1
    if stamp is None:  # (nearly always)
        assert not heard[0].exists()
    else:
        assert stamp.dir == heard[0].name and heard[0].exists()


def test_a_failing_subprocess_build_is_a_one_line_error(tmp_path: Path) -> None:
    from coopbrowse.store.errors import StoreError
    from coopbrowse.store.library import build_in_subprocess

    path = tmp_path / "broken.json"
    path.write_text('{"meetings": ')
    with pytest.raises(StoreError) as caught:
        build_in_subprocess(path, lambda *a: None)
    assert str(path) in str(caught.value) and "\n" not in str(caught.value)


def test_the_child_that_indexes_for_the_app_gives_way_to_it(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """The background build lowers its own priority before it starts (a search typed in the
    app meanwhile gets the CPU first), and still builds the whole index."""
    from coopbrowse.store import library as lib

    path = tmp_path / "bg.json"
    build_database(path, 12, seed=3)
    niceness: list[int] = []
    monkeypatch.setattr(os, "nice", lambda n: niceness.append(n) or n)

    def leave(code: int) -> None:
        raise SystemExit(code)

    def building(*args: object, **kwargs: object) -> object:  # (what the build saw first)
        assert niceness == [lib.BACKGROUND_NICENESS]
        return real(*args, **kwargs)

    real = lib.build
    monkeypatch.setattr(lib, "build", building)
    monkeypatch.setattr(os, "_exit", leave)
    with pytest.raises(SystemExit) as left:
        lib.main(["--db", str(path), "--announce"])
    assert left.value.code == 0 and niceness == [lib.BACKGROUND_NICENESS]
    assert json.loads(capsys.readouterr().out.splitlines()[-1]) == {"done": True}
    assert read_stamp(index_home(path)) is not None


def test_a_system_without_niceness_still_builds_in_the_background(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    from coopbrowse.store import library as lib

    def refused(_n: int) -> int:
        raise PermissionError("not allowed")

    path = tmp_path / "bg.json"
    build_database(path, 5, seed=3)
    monkeypatch.setattr(os, "nice", refused)
    monkeypatch.setattr(os, "_exit", lambda code: (_ for _ in ()).throw(SystemExit(code)))
    with pytest.raises(SystemExit) as left:
        lib.main(["--db", str(path)])
    assert left.value.code == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1]) == {"done": True}


def test_many_threads_get_the_single_thread_answers(tmp_path: Path) -> None:
    path = tmp_path / "threads.json"
    build_database(path, 300, seed=11)
    index = Library.open(path).index
    queries = [
        "elevator",
        "joint production",
        '"joint production"',
        "tula OR penza -dairy",
        "year:2020",
        "date:2019-03..2021-07",
        "person:lukashenko",
        "enterprise:maz",
        "region:samara supply",
        "pharma*",
        "elevatr",
        "sector:film NOT film",
    ]
    expected = {
        q: [(h.id, round(h.score, 6)) for h in index.search(q, limit=20).hits] for q in queries
    }
    listings = {q: index.listing("proposals", q, "relevance") for q in queries}
    totals = {q: listing.total for q, listing in listings.items()}
    wrong: list[str] = []

    def worker(seed: int) -> None:
        for round_ in range(4):
            for q in queries[seed % 3 :: 2]:
                got = [(h.id, round(h.score, 6)) for h in index.search(q, limit=20).hits]
                if got != expected[q]:
                    wrong.append(q)
                if index.listing("proposals", q, "relevance").total != totals[q]:
                    wrong.append(f"listing {q}")
            del round_

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []


def test_a_reader_catching_up_during_a_write_waits_for_it_instead_of_rebuilding(
    db_path: Path, monkeypatch
) -> None:
    """The poll of an open app can see the new file while its writer is still updating the
    index (seconds at 100,000 meetings): it waits for the writer's lock, then takes the
    index the writer left, instead of rebuilding everything."""
    import coopbrowse.store.library as library_module
    from coopbrowse.store.index import SearchIndex

    library = Library.open(db_path)
    first_dir = library.stamp.dir if library.stamp else None
    replaced, go_on = threading.Event(), threading.Event()
    real_write = SearchIndex.write

    def slow_write(self, **kwargs):  # type: ignore[no-untyped-def]
        replaced.set()  # the file is replaced; the index is being updated
        go_on.wait(10)
        return real_write(self, **kwargs)

    monkeypatch.setattr(SearchIndex, "write", slow_write)
    builds: list[int] = []
    real_build = library_module.build
    monkeypatch.setattr(
        library_module, "build", lambda *a, **k: (builds.append(1), real_build(*a, **k))[1]
    )
    penza = Store(db_path).meeting("2025-04-01-penza")
    assert penza is not None
    writer = threading.Thread(target=lambda: Store(db_path).delete_meeting(penza.id))
    writer.start()
    assert replaced.wait(10) and library.changed()
    threading.Timer(0.3, go_on.set).start()
    assert library.refresh()  # waits for the writer, then takes what it left
    writer.join(10)
    assert builds == [] and library.stamp is not None and library.stamp.dir == first_dir
    assert library.index.meeting(penza.id) is None and library.stamp.meetings == 4


def test_a_writer_that_holds_the_lock_too_long_is_not_waited_for_and_closing_stops_the_wait(
    db_path: Path, monkeypatch
) -> None:
    import coopbrowse.store.library as library_module
    from coopbrowse.store.storage import write_lock

    library = Library.open(db_path)
    data = json.loads(db_path.read_text())
    next(iter(data["meetings"].values()))["title"] = "Changed by a stuck writer"
    monkeypatch.setattr(library_module, "WRITER_PATIENCE", 0.3)
    holding, release = threading.Event(), threading.Event()

    def stuck_writer() -> None:  # replaced the file, then stopped (ctrl+z) under the lock
        with write_lock(db_path):
            db_path.write_text(json.dumps(data))
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=stuck_writer)
    thread.start()
    assert holding.wait(10)
    closing = threading.Event()
    closing.set()
    assert library.refresh(cancelled=closing) is False  # the app is closing: no rebuild
    assert library.refresh()  # waited 0.3 s, then rebuilt without it
    assert [h.id for h in library.index.search("stuck").hits]
    release.set()
    thread.join(10)


def test_a_sweep_leaves_an_index_directory_another_process_uses(db_path: Path) -> None:
    """Two commands opening one database at once crashed with a traceback, one time in
    four: the first to finish its build swept away every other index directory, the one
    the other process was still building included (found by a hostile-input trial). A
    directory in use is claimed; a sweep leaves it, and removes it once it is not."""
    import subprocess
    import sys

    from coopbrowse.store.library import IN_USE, _sweep

    library = Library.open(db_path)
    home = index_home(db_path)
    assert home is not None and library.stamp is not None
    elsewhere = home / "i-elsewhere"
    elsewhere.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path\n"
            "from coopbrowse.store.library import _claim\n"
            "_claim(Path(sys.argv[1])); print('held', flush=True); time.sleep(30)\n",
            str(elsewhere),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
        assert (elsewhere / IN_USE).exists()
        _sweep(home, keep=library.stamp.dir)
        assert elsewhere.is_dir()  # in use there
    finally:
        holder.kill()
        holder.wait()
    _sweep(home, keep=library.stamp.dir)
    assert elsewhere.is_dir()  # claimed a moment ago: its maker may be about to lock it
    old = time.time() - 120
    os.utime(elsewhere / IN_USE, (old, old))
    _sweep(home, keep=library.stamp.dir)
    assert not elsewhere.exists()  # its process gone, nothing holds it
    assert (home / library.stamp.dir).is_dir()


def test_where_flock_fails_an_unclaimed_directory_goes_by_its_age(
    db_path: Path, monkeypatch
) -> None:
    """(From a review) on a file system without flock every lock failed and was taken for
    "in use elsewhere": each build's directory was kept for good. A lock that cannot be
    taken for another reason than being held leaves the directory to the age rule."""
    import errno
    import fcntl

    from coopbrowse.store.library import _sweep

    library = Library.open(db_path)
    home = index_home(db_path)
    assert home is not None and library.stamp is not None
    stale, fresh = home / "i-stale", home / "i-fresh"
    stale.mkdir()
    fresh.mkdir()
    old = time.time() - 120
    os.utime(stale, (old, old))

    def no_locks(fd, operation):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    _sweep(home, keep=library.stamp.dir)
    assert not stale.exists() and fresh.is_dir()
    assert (home / library.stamp.dir).is_dir()


def test_a_claim_is_given_back_when_its_index_goes(db_path: Path) -> None:
    """(From a review) claims were never given back: 86 claim files stayed open in one test
    process. An index holds its directory's claim while it lives."""
    import gc

    from coopbrowse.store import library as library_module

    library = Library.open(db_path)
    assert library.stamp is not None
    where = str(index_home(db_path) / library.stamp.dir)
    assert library_module._claims[where][1] >= 1
    again = Library.open(db_path)  # (the same directory: held twice)
    del library, again
    gc.collect()
    library_module._sweep(index_home(db_path), keep="")  # (given back at the next sweep)
    assert where not in library_module._claims


def test_an_index_collected_while_a_claim_is_made_does_not_hang(db_path: Path) -> None:
    """(From a review) an index's finalizer took the claims' lock to give its claim back;
    run by the collector inside that lock's block (a claim being made allocates), it waited
    on itself, and every later claim hung. It only queues the claim now."""
    import gc
    import threading

    from coopbrowse.store import library as library_module

    library = Library.open(db_path)
    cycle: list[object] = [library.index]
    cycle.append(cycle)  # (collected by the cycle collector, not at once)
    del library
    done = threading.Event()

    def collect_inside_the_lock() -> None:
        with library_module._claims_lock:
            cycle.clear()
            gc.collect()  # (the finalizer runs here, the lock held)
        done.set()

    worker = threading.Thread(target=collect_inside_the_lock, daemon=True)
    worker.start()
    assert done.wait(10), "the finalizer waited on the lock held around it"


def test_a_build_whose_directory_is_removed_meanwhile_starts_again(db_path: Path) -> None:
    """(Where a sweep elsewhere cannot see a claim: a release before claims.) The build
    failed with Tantivy's error; it starts again in a new directory."""
    import shutil

    from coopbrowse.store.library import build

    Library.open(db_path)
    made: list[Path] = []

    def removed_at_once(target: Path) -> None:
        made.append(target)
        if len(made) == 1:
            shutil.rmtree(target)

    library = build(db_path, building=removed_at_once)
    assert len(made) == 2 and library.stamp is not None
    assert library.stamp.dir == made[1].name
    assert _ids(library, "elevator")


def test_a_stamp_that_says_a_newer_schema_is_rebuilt_not_blamed_on_the_database(
    db_path: Path,
) -> None:
    """A stamp changed to say schema 99 made every command refuse the database ("written by
    a newer coopbrowse ... upgrade coopbrowse"), though the database itself says schema 2
    (found by a hostile-input trial): the stamp is derived, and the index is rebuilt."""
    first = Library.open(db_path)
    home = index_home(db_path)
    assert home is not None and first.stamp is not None
    stamp = json.loads((home / STAMP).read_text())
    stamp["schema_version"] = 99
    (home / STAMP).write_text(json.dumps(stamp))
    again = Library.open(db_path)
    assert again.rebuilt and _ids(again, "elevator") == _ids(first, "elevator")
    assert read_stamp(home) is not None and read_stamp(home).schema_version == 2
