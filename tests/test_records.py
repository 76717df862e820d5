"""Records are read from the database file by their byte spans, not from a copy in the index:
the spans are exact for any order of tables, a database not written compactly is read from a
compact copy until the next write, and spans that lie are found out and rebuilt over."""

from __future__ import annotations

import json
import os
from pathlib import Path

import orjson
import pytest

from coopbrowse.store import Store
from coopbrowse.store.library import Library, index_home
from coopbrowse.store.records import (
    CHANGE,
    COPY_FILE,
    MEETING,
    PROPOSAL,
    SPANS_FILE,
    FileRecords,
    IndexCorrupt,
    compute_spans,
    load_spans,
    save_spans,
)
from coopbrowse.store.schema import record_uid
from tests.test_cli import run

MID = "2025-04-01-penza"
PID = "2025-04-01-penza-p01"


def _index_dir(library: Library) -> Path:
    home = index_home(library.db_path)
    assert home is not None and library.stamp is not None
    return home / library.stamp.dir


def test_each_span_holds_its_record_whatever_the_order_of_the_tables(store: Store) -> None:
    store.follow_up(PID, status="agreed", date="2025-06-01")  # a history record
    stored = orjson.loads(store.path.read_bytes())
    # TinyDB keeps tables in the order they were first written: history may come first
    tables = {name: stored[name] for name in ("meta", "history", "meetings", "proposals")}
    raw = orjson.dumps(tables)
    spans = compute_spans(raw, tables)
    assert spans is not None
    expected = len(tables["meetings"]) + len(tables["proposals"]) + len(tables["history"])
    assert len(spans) == expected
    seen = {MEETING: 0, PROPOSAL: 0, CHANGE: 0}
    for m in tables["meetings"].values():
        group = spans.group(record_uid("meeting", m["id"]))
        docs = [
            orjson.loads(raw[spans.offsets[i] : spans.offsets[i] + spans.lengths[i]]) for i in group
        ]
        kinds = [spans.kinds[i] for i in group]
        # the meeting first, then its proposals in the table's order, then its changes
        assert docs[0] == m and kinds[0] == MEETING
        own = [p for p in tables["proposals"].values() if p["meeting_id"] == m["id"]]
        assert docs[1 : 1 + len(own)] == own and set(kinds[1 : 1 + len(own)]) <= {PROPOSAL}
        changes = [c for c in tables["history"].values() if c["meeting_id"] == m["id"]]
        assert docs[1 + len(own) :] == changes
        for k in kinds:
            seen[k] += 1
    assert seen == {MEETING: 5, PROPOSAL: len(tables["proposals"]), CHANGE: 1}


def test_bytes_not_in_the_compact_layout_have_no_spans(store: Store) -> None:
    tables = orjson.loads(store.path.read_bytes())
    assert compute_spans(json.dumps(tables).encode(), tables) is None
    assert compute_spans(orjson.dumps(tables, option=orjson.OPT_INDENT_2), tables) is None


def test_the_index_keeps_no_copy_of_a_compact_database(store: Store) -> None:
    library = Library.open(store.path)
    where = _index_dir(library)
    assert (where / SPANS_FILE).is_file() and not (where / COPY_FILE).exists()
    meeting = library.index.meeting(MID)
    assert meeting is not None and meeting == store.meeting(MID)
    # what the index holds is far smaller than the records it lists
    index_bytes = sum(f.stat().st_size for f in where.iterdir() if f.is_file())
    assert index_bytes < store.path.stat().st_size * 3  # five meetings: Tantivy's own files


def test_a_database_written_by_hand_is_read_from_a_copy_until_the_next_write(
    db_path: Path,
) -> None:
    Store.open(db_path)
    tables = json.loads(db_path.read_text())
    db_path.write_text(json.dumps(tables, indent=1))  # a text editor's layout
    library = Library.open(db_path)
    where = _index_dir(library)
    assert library.rebuilt and (where / COPY_FILE).is_file()
    penza = library.index.meeting(MID)
    assert penza is not None and penza.region == "Penza Oblast"
    Store(db_path).follow_up(PID, status="agreed", date="2025-06-01")  # written compactly
    assert library.refresh() and not (where / COPY_FILE).exists()
    found = library.index.proposal(PID)
    assert found is not None
    proposal, meeting = found
    assert proposal.status == "agreed" and meeting.id == MID
    assert [c.origin for c in meeting.history] == ["follow-up"]


def test_spans_of_another_state_of_the_file_are_not_used(store: Store) -> None:
    library = Library.open(store.path)
    where = _index_dir(library)
    assert library.stamp is not None
    sig = library.stamp.signature
    whole = (where / SPANS_FILE).read_bytes()
    assert load_spans(where / SPANS_FILE, sig) is not None
    assert load_spans(where / SPANS_FILE, (sig[0] + 1, sig[1], sig[2])) is None
    for damage in (b"", b"coopbrowse-spans1", whole[:-1], whole + b"\0"):
        where = _index_dir(Library.open(store.path))
        (where / SPANS_FILE).write_bytes(damage)
        assert load_spans(where / SPANS_FILE, sig) is None
        again = Library.open(store.path)
        assert again.rebuilt and again.index.meeting(MID) is not None


def test_spans_that_point_elsewhere_are_found_out_and_rebuilt(store: Store, capsys) -> None:
    library = Library.open(store.path)
    where = _index_dir(library)
    assert library.stamp is not None
    spans = load_spans(where / SPANS_FILE, library.stamp.signature)
    assert spans is not None
    # two meetings' spans swapped: each reads as a valid meeting, but the wrong one
    a = spans.group(record_uid("meeting", MID)).start
    b = next(i for i in range(len(spans)) if spans.kinds[i] == MEETING and i != a)
    spans.offsets[a], spans.offsets[b] = spans.offsets[b], spans.offsets[a]
    spans.lengths[a], spans.lengths[b] = spans.lengths[b], spans.lengths[a]
    save_spans(where / SPANS_FILE, spans, library.stamp.signature)
    code, out, err = run(capsys, "show", MID, "--json")
    assert code == 0 and json.loads(out)["id"] == MID
    assert "rebuilding the search index" in err and "another's place" in err
    assert not Library.open(store.path).rebuilt  # the rebuild was stamped


def test_a_reader_keeps_reading_the_file_it_opened_while_another_process_replaces_it(
    store: Store,
) -> None:
    library = Library.open(store.path)
    listing = library.index.listing("meetings", "penza")
    old = library.index.row(listing, 0)
    assert old is not None and old[1].id == MID
    tables = json.loads(store.path.read_text())
    for doc in tables["meetings"].values():
        doc["title"] = "Replaced " + doc["title"]
    replacement = store.path.with_suffix(".new")
    replacement.write_text(json.dumps(tables))
    os.replace(replacement, store.path)  # as an atomic writer does
    # rows of the listing made before still come from the state it was made in
    again = library.index.row(listing, 0)
    assert again is not None and again[1].title == old[1].title
    assert library.refresh()
    fresh = library.index.listing("meetings", "penza")
    row = library.index.row(fresh, 0)
    assert row is not None and row[1].title.startswith("Replaced ")


def test_where_a_file_cannot_be_kept_open_each_read_opens_it_and_checks_its_state(
    store: Store, monkeypatch
) -> None:
    monkeypatch.setattr(FileRecords, "_KEEP_OPEN", False)
    library = Library.open(store.path)
    assert isinstance(library.index.records, FileRecords)
    assert library.index.records._fd is None  # nothing held open between reads
    meeting = library.index.meeting(MID)
    assert meeting is not None and meeting == store.meeting(MID)
    tables = json.loads(store.path.read_text())
    replacement = store.path.with_suffix(".new")
    replacement.write_text(json.dumps(tables))
    os.replace(replacement, store.path)
    with pytest.raises(IndexCorrupt, match="changed since it was indexed"):
        library.index.records.meeting(record_uid("meeting", MID))
    assert library.refresh()
    assert library.index.meeting(MID) == meeting
