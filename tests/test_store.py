"""The TinyDB store: first run, reopen, atomic writes, locking, corrupt files, merging."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers import lock_held_elsewhere

from coopbrowse.store import (
    SCHEMA_VERSION,
    CorruptDatabase,
    DatabaseLocked,
    NotWritable,
    Store,
)
from coopbrowse.store.dataset import Dataset
from coopbrowse.store.storage import atomic_write_bytes, write_lock
from coopbrowse.store.synth import synth_meetings


def test_first_run_creates_and_seeds_from_bundled(db_path: Path, bundled: Dataset) -> None:
    assert not db_path.exists()
    store = Store.open(db_path)
    assert db_path.exists()
    assert {m.id for m in store.meetings()} == {m.id for m in bundled.meetings}
    assert store.schema_version == SCHEMA_VERSION
    assert store.dataset_version == bundled.version
    raw = json.loads(db_path.read_text())
    assert set(raw) >= {"meta", "meetings", "proposals"}
    assert next(iter(raw["meta"].values()))["schema_version"] == SCHEMA_VERSION


def test_first_run_creates_the_default_place(tmp_path: Path) -> None:
    from coopbrowse.store.paths import default_db_path

    path = default_db_path()  # under XDG_DATA_HOME, in tmp_path (see conftest)
    assert tmp_path in path.parents and not path.parent.exists()
    Store.open(path)
    assert path.exists()


def test_a_database_elsewhere_is_never_created_with_its_directory(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "db.json"
    with pytest.raises(NotWritable, match="does not exist"):
        Store.open(path)
    assert not (tmp_path / "a").exists()


def test_a_read_only_database_is_never_rewritten(store: Store, db_path: Path) -> None:
    from coopbrowse.store.synth import synth_meetings

    db_path.chmod(0o444)
    before = db_path.read_bytes(), db_path.stat().st_ino
    with pytest.raises(NotWritable, match="read-only"):
        Store.open(db_path).put_meetings(synth_meetings(1, seed=3))
    assert (db_path.read_bytes(), db_path.stat().st_ino) == before


@pytest.mark.parametrize(("euid", "why"), [(1000, "not writable by this user"),
                                            (0, "marked unchangeable")])  # fmt: skip
def test_a_database_we_may_not_write_does_not_blame_its_mode(
    store: Store, db_path: Path, monkeypatch, euid: int, why: str
) -> None:
    """A file with mode 0644 that this user may not write (another's; or immutable,
    chattr +i, even for root) was said to be "read-only (mode 0644)", a writable mode."""
    from coopbrowse.store import db as db_module
    from coopbrowse.store.synth import synth_meetings

    before = db_path.read_bytes()
    real_access = os.access
    monkeypatch.setattr(
        db_module.os,
        "access",
        lambda p, m, *a, **k: False if Path(p) == db_path else real_access(p, m, *a, **k),
    )
    monkeypatch.setattr(db_module.os, "geteuid", lambda: euid)
    with pytest.raises(NotWritable) as info:
        Store.open(db_path).put_meetings(synth_meetings(1, seed=3))
    mode = f"{db_path.stat().st_mode & 0o777:04o}"  # (0644, or as the umask has it)
    assert f"the database is read-only ({why}, though its mode is {mode})" in str(info.value)
    assert db_path.read_bytes() == before


def test_reopen_does_not_rewrite_or_duplicate(store: Store, db_path: Path) -> None:
    before = db_path.read_bytes()
    mtime = db_path.stat().st_mtime_ns
    again = Store.open(db_path)
    assert db_path.read_bytes() == before
    assert db_path.stat().st_mtime_ns == mtime
    assert len(again.meetings()) == len(store.meetings())


def test_meetings_are_newest_first_with_proposals_attached(store: Store) -> None:
    dates = [m.date for m in store.meetings()]
    assert dates == sorted(dates, reverse=True)
    for meeting in store.meetings():
        assert all(p.meeting_id == meeting.id for p in meeting.proposals)
    assert len(store.proposals()) == sum(len(m.proposals) for m in store.meetings())


def test_put_meetings_adds_skips_and_updates(store: Store) -> None:
    new = synth_meetings(3, seed=7)
    report = store.put_meetings(new)
    assert report.added == [m.id for m in new]
    again = store.put_meetings(new)
    assert again.skipped == [m.id for m in new] and not again.added
    changed = new[0]
    changed.title = "A corrected title"
    updated = store.put_meetings([changed], update=True)
    assert updated.updated == [changed.id]
    reopened = Store.open(store.path)
    assert reopened.meeting(changed.id).title == "A corrected title"
    assert len(reopened.meeting(changed.id).proposals) == len(changed.proposals)


def test_same_date_region_and_host_is_the_same_meeting(store: Store) -> None:
    original = store.meetings()[0]
    twin = synth_meetings(1, seed=3)[0]
    twin.id = "a-different-id"
    twin.date, twin.region, twin.participants = (
        original.date,
        original.region,
        original.participants,
    )
    twin.proposals = []
    report = store.put_meetings([twin])
    assert report.skipped == ["a-different-id"]
    assert store.meeting("a-different-id") is None


def test_delete_meeting_removes_its_proposals(store: Store) -> None:
    victim = store.meetings()[0]
    pid = victim.proposals[0].id
    assert store.delete_meeting(victim.id)
    assert store.meeting(victim.id) is None
    assert store.proposal(pid) is None
    assert not store.delete_meeting(victim.id)


# Merging a newer bundled dataset -------------------------------------------------------


def _dataset(version: str, meetings) -> Dataset:
    return Dataset(version, list(meetings))


def test_newer_bundled_dataset_merges_without_clobbering_user_work(db_path: Path) -> None:
    a, b, c, d = synth_meetings(4, seed=11)
    Store.open(db_path, bundled=_dataset("1", [a, b, c]))
    store = Store(db_path)
    # The user edits b, deletes c and adds their own meeting.
    edited_b = store.meeting(b.id)
    edited_b.summary = "my own notes"
    store.put_meetings([edited_b], update=True)
    store.delete_meeting(c.id)
    mine = synth_meetings(1, seed=99)[0]
    store.put_meetings([mine])

    # Version 2 of the bundled data changes a and b, still has c, and adds d.
    a2 = synth_meetings(1, seed=11)[0]
    a2.title = "a, revised by the dataset"
    b2 = Store.open(db_path, seed=False).meeting(b.id)
    b2.summary = "the dataset's new summary"
    merged = Store.open(db_path, bundled=_dataset("2", [a2, b2, c, d]))

    report = merged.merge_report
    assert report is not None
    assert report.updated == [a.id]
    assert report.kept == [b.id]
    assert report.skipped == [c.id]
    assert report.added == [d.id]
    assert merged.meeting(a.id).title == "a, revised by the dataset"
    assert merged.meeting(b.id).summary == "my own notes"
    assert merged.meeting(c.id) is None
    assert merged.meeting(d.id) is not None
    assert merged.meeting(mine.id) is not None
    assert merged.dataset_version == "2"
    # Opening again with the same dataset changes nothing.
    before = db_path.read_bytes()
    Store.open(db_path, bundled=_dataset("2", [a2, b2, c, d]))
    assert db_path.read_bytes() == before


def test_synthetic_database_does_not_pull_in_bundled_data(tmp_path: Path) -> None:
    from coopbrowse.store.synth import build_database

    path = tmp_path / "big.json"
    build_database(path, 20, seed=5)
    store = Store.open(path)  # the normal open path, with the real bundled dataset
    assert len(store.meetings()) == 20
    assert all(m.source.document.startswith("synthetic-") for m in store.meetings())


# Atomic writes -------------------------------------------------------------------------


def test_atomic_write_leaves_old_file_when_replace_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.json"
    target.write_bytes(b"old content")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(NotWritable, match="No space left"):
        atomic_write_bytes(target, b"new content")
    assert target.read_bytes() == b"old content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.json"]


def test_write_into_unwritable_directory_is_a_clear_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(NotWritable, match="cannot"):
            Store.open(locked / "db.json")
    finally:
        locked.chmod(0o700)


def test_database_path_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(NotWritable, match="not-a-dir"):
        Store.open(blocker / "db.json")


WRITER = textwrap.dedent(
    """
    import sys
    from coopbrowse.store import Store
    from coopbrowse.store.synth import synth_meetings
    store = Store(sys.argv[1])
    batch = synth_meetings(300, seed=1)
    print("ready", flush=True)
    i = 0
    while True:
        for m in batch:
            m.title = f"rewrite {i}"
        store.put_meetings(batch, update=True)
        i += 1
    """
)


def test_database_survives_a_writer_killed_mid_write(db_path: Path) -> None:
    Store.open(db_path)
    for attempt in range(6):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path), str(attempt)],
            stdout=subprocess.PIPE,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(0.15 + 0.13 * attempt)  # land somewhere inside a write
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        store = Store.open(db_path)  # parses and validates every record
        titles = {m.title for m in store.meetings() if m.title.startswith("rewrite")}
        assert len(titles) <= 1, "a write was applied partially"
    leftovers = [p.name for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]
    # A killed writer may leave its temp file; it is never mistaken for the database.
    assert all(name.startswith(f".{db_path.name}.") for name in leftovers)


CONCURRENT = textwrap.dedent(
    """
    import sys
    from coopbrowse.store import Store
    from coopbrowse.store.synth import synth_meetings
    store = Store(sys.argv[1])
    seed = int(sys.argv[2])
    for i, m in enumerate(synth_meetings(25, seed=seed)):
        m.id = f"w{seed}-{i:03d}"
        m.date = f"20{10 + seed}-01-{1 + i % 28:02d}"
        for j, p in enumerate(m.proposals):
            p.id, p.meeting_id = f"{m.id}-p{j:02d}", m.id
        store.put_meetings([m])
    """
)


def test_concurrent_writers_do_not_lose_each_others_writes(store: Store, db_path: Path) -> None:
    procs = [
        subprocess.Popen([sys.executable, "-c", CONCURRENT, str(db_path), str(seed)])
        for seed in (1, 2, 3)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    ids = {m.id for m in Store.open(db_path).meetings()}
    for seed in (1, 2, 3):
        assert {f"w{seed}-{i:03d}" for i in range(25)} <= ids


def test_second_writer_is_refused_with_a_clear_message(store: Store, db_path: Path) -> None:
    with lock_held_elsewhere(db_path) as holder:
        with pytest.raises(DatabaseLocked) as info, write_lock(db_path, timeout=0.3):
            pass
        message = str(info.value)
        assert str(db_path) in message
        assert f"pid {holder.pid}" in message


# Corrupt databases ---------------------------------------------------------------------


def _valid_bytes(db_path: Path) -> bytes:
    Store.open(db_path)
    data = db_path.read_bytes()
    db_path.unlink()
    return data


CORRUPTIONS = {
    "truncated": (lambda good: good[: len(good) // 2], "not valid JSON.*truncated"),
    "not json": (lambda good: b"this is not json at all", "not valid JSON"),
    "empty": (lambda good: b"", "empty"),
    "binary": (lambda good: b"\xff\xfe\x00garbage", "not UTF-8"),
    "json list": (lambda good: b"[1, 2, 3]", "wrong shape"),
    "no meta table": (lambda good: b'{"meetings": {}}', "no schema version"),
    "foreign tinydb": (lambda good: b'{"_default": {"1": {"a": 1}}}', "no 'meta' table"),
    "newer schema": (
        lambda good: re.sub(rb'"schema_version": ?[0-9]+', b'"schema_version": 99', good),
        "newer coopbrowse.*schema 99",
    ),
    "bad record": (
        lambda good: re.sub(rb'"date": ?"20', b'"date": "not-a-date-20', good, count=1),
        # named by its own id too: TinyDB's record number is no name a user knows
        r"meetings record \d+ \('2025-\d\d-\d\d-[a-z-]+'\): date: expected a date",
    ),
}


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_corrupt_database_is_reported_and_left_untouched(db_path: Path, kind: str) -> None:
    make, pattern = CORRUPTIONS[kind]
    damaged = make(_valid_bytes(db_path))
    db_path.write_bytes(damaged)
    with pytest.raises(CorruptDatabase, match=pattern) as info:
        Store.open(db_path).meetings()
    message = str(info.value)
    assert str(db_path) in message and "\n" not in message
    assert db_path.read_bytes() == damaged


def test_directory_in_place_of_database(tmp_path: Path) -> None:
    (tmp_path / "db.json").mkdir()
    with pytest.raises(CorruptDatabase, match="is a directory"):
        Store.open(tmp_path / "db.json")


def test_store_imports_without_textual() -> None:
    code = (
        "import sys, coopbrowse.store, coopbrowse.store.db, coopbrowse.store.synth, "
        "coopbrowse.store.regions, coopbrowse.store.text, coopbrowse.store.ingest, "
        "coopbrowse.store.extract, coopbrowse.store.ids\n"
        "assert 'textual' not in sys.modules, 'store imported textual'\n"
        "assert 'yaml' not in sys.modules, 'PyYAML imported before a YAML file was read'\n"
        "print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_corrupt_record_is_never_merged_over(db_path: Path) -> None:
    """A newer bundled dataset must not be merged into a file with a bad record."""
    Store.open(db_path)
    raw = json.loads(db_path.read_text())
    next(iter(raw["meta"].values()))["dataset_version"] = "0"
    next(iter(raw["meetings"].values()))["participants"] = "not a list"
    db_path.write_text(json.dumps(raw))
    before = db_path.read_bytes()
    with pytest.raises(CorruptDatabase, match="participants: expected a list"):
        Store.open(db_path)
    assert db_path.read_bytes() == before


def test_deeply_nested_json_is_a_clear_error(db_path: Path) -> None:
    db_path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(CorruptDatabase, match="nested too deeply"):
        Store.open(db_path)


def test_writes_go_through_a_symlink_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    Store.open(target)
    link = tmp_path / "link.json"
    link.symlink_to(target)
    store = Store.open(link)
    store.delete_meeting(store.meetings()[0].id)
    assert link.is_symlink()
    assert len(Store.open(target).meetings()) == 4


def test_bad_trade_periods_are_rejected() -> None:
    from coopbrowse.store.model import TradeFigure, ValidationError

    for period in ("2025-13", "2025..2024", "２０２５"):
        with pytest.raises(ValidationError, match="period"):
            TradeFigure.from_dict({"period": period, "metric": "turnover", "usd_millions": 1})
    assert (
        TradeFigure.from_dict(
            {"period": "2025-01..2025-08", "metric": "exports", "usd_millions": 1}
        ).year
        == 2025
    )


def test_the_collector_is_paused_while_a_database_is_parsed_and_runs_again_after() -> None:
    """Parsing a whole database creates millions of objects the cyclic collector would walk
    again and again while holding the interpreter (the screen froze for seconds on each save
    at 100,000 meetings); it is paused, by nested threads too, and always comes back."""
    import gc
    import threading

    from coopbrowse.store.storage import collector_paused, parse_json_bytes

    assert gc.isenabled()
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with collector_paused():
            inside.set()
            leave.wait(10)

    worker = threading.Thread(target=other)
    with collector_paused():
        assert not gc.isenabled()
        worker.start()
        assert inside.wait(10)
    assert not gc.isenabled()  # the other thread is still parsing
    leave.set()
    worker.join(10)
    assert gc.isenabled()
    assert parse_json_bytes(Path("x.json"), b'{"a": [1, 2]}') == {"a": [1, 2]}
    with pytest.raises(CorruptDatabase):
        parse_json_bytes(Path("x.json"), b'{"a": [1, 2]')
    assert gc.isenabled()
