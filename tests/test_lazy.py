"""A write to a database its index vouches for keeps the records it does not touch as their
bytes (store/lazy.py): such a record reads as the dict a parse makes, is written back as
it was, and the file, the catalog and the index come out as from a write that parsed it all."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopbrowse.store import Store
from coopbrowse.store.db import Catalog
from coopbrowse.store.lazy import StoredRecord, dump_tables, lazy_tables, record_size
from coopbrowse.store.library import Library
from coopbrowse.store.synth import build_database, synth_meetings

_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=12,
)
_records = st.dictionaries(
    st.sampled_from(["id", "meeting_id", "date", "name", "x"]) | st.text(max_size=6),
    _json,
    max_size=6,
)


def _stored(record: dict[str, Any]) -> StoredRecord:
    tables = lazy_tables(orjson.dumps({"meetings": {"1": record}}))
    assert tables is not None
    found = tables["meetings"]["1"]
    assert isinstance(found, StoredRecord)
    return found


@settings(max_examples=150, deadline=None)
@given(record=_records, key=st.sampled_from(["id", "meeting_id", "date", "absent"]))
def test_a_stored_record_reads_as_the_record_it_holds(record: dict[str, Any], key: str) -> None:
    def fresh() -> StoredRecord:
        return _stored(record)

    assert fresh().get(key, "dflt") == record.get(key, "dflt")
    assert (key in fresh()) == (key in record)
    if key in record:
        assert fresh()[key] == record[key]
    else:
        with pytest.raises(KeyError):
            fresh()[key]
    assert dict(fresh()) == record and {**fresh()} == record
    assert fresh() == record and (fresh() != record) is False
    assert list(fresh()) == list(record) and len(fresh()) == len(record)
    assert list(fresh().items()) == list(record.items())
    assert bool(fresh()) == bool(record)
    changed = fresh()
    changed.update({"new": 1})
    assert changed == {**record, "new": 1}
    # written back: untouched as its own bytes, changed as the record it now is
    assert orjson.loads(dump_tables({"t": {"1": fresh()}})) == {"t": {"1": record}}
    assert orjson.loads(dump_tables({"t": {"1": changed}})) == {"t": {"1": {**record, "new": 1}}}
    untouched = fresh()
    assert record_size(untouched) == len(orjson.dumps(record))
    assert not untouched.parsed  # (asking its size reads nothing)


def test_only_what_is_read_past_the_ids_is_parsed() -> None:
    record = {"id": "m1", "meeting_id": "m0", "title": "Talks", "trade": []}
    found = _stored(record)
    assert found["id"] == "m1" and found.get("meeting_id") == "m0"
    assert not found.parsed
    assert found["title"] == "Talks" and found.parsed


def test_an_untouched_record_is_written_back_as_its_own_bytes() -> None:
    """Spaced as another tool wrote it, escapes and all: what is not changed is not rewritten."""
    record = b'{ "id" : "a\\u00e9",\n "x": 1 }'
    payload = b'{"meta":{"1":{"schema_version":2}},"meetings":{"1":' + record + b"}}"
    tables = lazy_tables(payload)
    assert tables is not None and isinstance(tables["meetings"]["1"], StoredRecord)
    assert dump_tables(tables) == payload
    assert record_size(tables["meetings"]["1"]) == len(record)


@pytest.mark.parametrize(
    "payload",
    [b"[]", b'{"meta": 1}', b'{"meta": {"1": 2}', b"not json", b'{"meetings": {"1": [1]}}'],
)
def test_what_is_not_a_document_of_tables_is_left_to_the_whole_parse(payload: bytes) -> None:
    found = lazy_tables(payload)
    if payload.startswith(b'{"meetings"'):  # a record that is not an object: parsed as is
        assert found == {"meetings": {"1": [1]}}
    else:
        assert found is None


def test_the_catalog_reads_the_same_from_bytes_as_from_records() -> None:
    meetings = {
        "1": {
            "id": "m1",
            "date": "2024-01-02",
            "region": "Penza Oblast",
            "participants": [
                {"name": "A", "role": "host"},
                {"role": "host"},
                {"name": "B", "role": "guest"},
            ],
            "trade": [{}, {}],
        },
        "2": {"id": "m2", "participants": []},
        "3": {"id": "m3", "date": None, "trade": None},
        "4": {"id": "m4", "participants": [{"name": "C", "role": "host", "title": "x"}]},
    }
    proposals = {"1": {"id": "p1", "meeting_id": "m1"}, "2": {"id": "p2"}}
    tables = {"meetings": meetings, "proposals": proposals}
    lazy = lazy_tables(orjson.dumps(tables))
    assert lazy is not None
    parsed, read = Catalog(tables), Catalog(lazy)
    assert (read.ids, read.keys, read.trade, read.proposals) == (
        parsed.ids,
        parsed.keys,
        parsed.trade,
        parsed.proposals,
    )
    assert not any(doc.parsed for doc in lazy["meetings"].values())


def _normal(path: Path) -> dict[str, Any]:
    """The file's tables, less what differs between two runs of a write (the change's id
    and time)."""
    data = orjson.loads(path.read_bytes())
    for change in data.get("history", {}).values():
        change["id"], change["at"] = "h", "t"
        change["undoes"] = "u" if change.get("undoes") else ""
    return data


@pytest.fixture
def indexed(tmp_path: Path) -> tuple[Path, Path]:
    """A database its index vouches for (written lazily) and a copy of it without an index
    (written after a whole parse)."""
    path = tmp_path / "lazy" / "db.json"
    path.parent.mkdir()
    build_database(path, 40, seed=3)
    Library.open(path)
    plain = tmp_path / "plain" / "db.json"
    plain.parent.mkdir()
    shutil.copyfile(path, plain)
    return path, plain


def test_writes_to_a_vouched_file_come_out_as_from_a_whole_parse(
    indexed: tuple[Path, Path], monkeypatch
) -> None:
    path, plain = indexed
    written = _spy_on_writes(monkeypatch)
    first = Store(plain).meetings()[3]
    mid, pid = first.id, first.proposals[0].id
    extra = synth_meetings(1, seed=9)[0]
    for target in (path, plain):
        edited = Store.open(target).stored_meeting(mid)  # (read as the app reads it: apart)
        assert edited is not None
        edited.title = "Retitled [bold]"
        Store.open(target).edit_meeting(edited)
        Store.open(target).follow_up(pid, status="agreed", date="2026-01-05")
        Store.open(target).put_meetings([extra])
        Store.open(target).delete_meeting(extra.id)
        Store.open(target).undo(extra.id)
    # each write to the vouched file lazily, to the copy without an index after a parse
    assert written == [True] * 5 + [False] * 5
    assert _normal(path) == _normal(plain)


def _spy_on_writes(monkeypatch) -> list[bool]:
    """Whether each write's transaction went on the file's records kept as their bytes."""
    import coopbrowse.store.db as db_module
    from coopbrowse.store.lazy import LazyTables

    lazily: list[bool] = []
    real = db_module._open_batched

    def spied(path: Path, read: Any = None) -> Any:
        lazily.append(isinstance(read, LazyTables))
        return real(path, read)

    monkeypatch.setattr(db_module, "_open_batched", spied)
    return lazily


def test_the_index_reads_every_record_where_a_lazy_write_put_it(
    indexed: tuple[Path, Path], monkeypatch
) -> None:
    path, plain = indexed
    written = _spy_on_writes(monkeypatch)
    first, sixth = Store(plain).meetings()[0], Store(plain).meetings()[5]
    first.summary = "Moved further along the file " * 20
    Store.open(path).edit_meeting(first)
    Store.open(path).delete_meeting(sixth.id)
    assert written == [True, True]
    library = Library.open(path)
    assert not library.rebuilt  # kept up by the writes
    wanted = {m.id: m.to_dict() for m in Store(path).meetings()}
    read = {m.id: m.to_dict() for m in library.index.iter_meetings()}
    assert read == wanted


def test_a_meeting_is_shown_before_a_write_without_building_the_others(
    indexed: tuple[Path, Path], monkeypatch
) -> None:
    """What `delete` shows before it deletes (at 100,000 meetings: 20 s and 2 GB to build
    them all, where the file is read once for the delete anyway)."""
    path, plain = indexed
    wanted = Store.open(plain).meetings()[7]
    wanted.history = []

    def no_loading(self):
        raise AssertionError("every record was built")

    store = Store.open(path)
    monkeypatch.setattr(Store, "load", no_loading)
    assert store.stored_meeting(wanted.id) == wanted
    assert store.stored_meeting(wanted.proposals[0].id) is None
    store.delete_meeting(wanted.id)  # on the same read
    monkeypatch.undo()
    assert Store.open(path).meeting(wanted.id) is None
    # a store that has built its records answers from them
    other = Store.open(plain)
    other.meetings()
    assert other.stored_meeting(wanted.id) == wanted


def test_a_file_changed_in_place_is_not_vouched_for_and_its_damage_is_said(
    indexed: tuple[Path, Path],
) -> None:
    """A byte changed in place, the file's size and time kept (rsync --inplace -t, a disk
    error): the index's stamp still matched, the write kept the bad bytes and vouched for
    them. Its checksum no longer matches: the file is parsed whole, and the damage said."""
    import os

    from coopbrowse.store import CorruptDatabase

    path, _plain = indexed
    data = bytearray(path.read_bytes())
    at = data.index(b'"title":"') + len(b'"title":"')
    data[at] = 0xFF
    stat = path.stat()
    with path.open("r+b") as f:
        f.write(data)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    before = path.read_bytes()
    with pytest.raises(CorruptDatabase, match="not UTF-8") as info:
        Store.open(path).delete_meeting(Store(_plain).meetings()[-1].id)
    assert str(path) in str(info.value)
    assert path.read_bytes() == before


def test_a_record_that_does_not_parse_when_read_is_a_corrupt_database() -> None:
    from coopbrowse.store import CorruptDatabase

    tables = lazy_tables(b'{"meetings":{"1":{"id":"m1","title":"\xff"}}}', Path("db.json"))
    assert tables is not None
    record = tables["meetings"]["1"]
    assert record["id"] == "m1"
    with pytest.raises(CorruptDatabase, match=r"db.json.*record 'm1' is not valid JSON"):
        record["title"]


def test_a_write_that_finds_the_file_changed_under_the_lock_reads_it_lazily_again(
    indexed: tuple[Path, Path], monkeypatch
) -> None:
    """A write that waited for another's lock read the file whole on top of the read it
    held (3.2 GB at 100,000 meetings, where each alone takes 1.1 GB)."""
    path, plain = indexed
    first, second = Store(plain).meetings()[:2]
    waiting = Store.open(path)  # (read lazily, and kept for the write)
    written = _spy_on_writes(monkeypatch)
    Store.open(path).delete_meeting(first.id)  # another writer, meanwhile
    waiting.delete_meeting(second.id)
    assert written == [True, True]
    ids = {m.id for m in Store.open(path).meetings()}
    assert first.id not in ids and second.id not in ids and len(ids) == 38
    assert not Library.open(path).rebuilt


def test_a_write_to_a_file_changed_in_place_leaves_the_index_to_be_rebuilt(
    indexed: tuple[Path, Path],
) -> None:
    """A title changed in place, size and time kept, then a write: the write read the file
    whole (its checksum did not match) but stamped the index as describing the new file,
    whose changed title it never indexed: the search did not find it."""
    import os

    path, plain = indexed
    data = path.read_bytes()
    title = orjson.loads(data)["meetings"]["1"]["title"].encode()
    changed = title[:-1] + (b"Q" if title[-1:] != b"Q" else b"R")
    stat = path.stat()
    path.write_bytes(data.replace(title, changed, 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    Store.open(path).delete_meeting(Store(plain).meetings()[-1].id)
    library = Library.open(path)
    assert library.rebuilt
    found = library.index.search(f'"{changed.decode()}"', fuzzy=False)
    assert found.total >= 1
