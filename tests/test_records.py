"""Records are read from the database file by their byte spans, not from a copy in the index:
the spans are exact for any order of tables, a database not written compactly is read from a
compact copy until the next write, and spans that lie are found out and rebuilt over."""

from __future__ import annotations

import json
import os
import re
from array import array
from pathlib import Path

import orjson
import pytest
from helpers import run_cli as run
from msgspec.structs import replace

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
    RecordsChanged,
    compute_spans,
    load_spans,
    save_spans,
)
from coopbrowse.store.schema import record_uid

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


def test_a_listing_made_before_a_refresh_still_gives_its_rows_ids(store: Store) -> None:
    library = Library.open(store.path)
    listing = library.index.listing("meetings", "", "newest")
    before = library.index.keys(listing)
    store.delete_meeting(before[0][1])
    library.refresh()
    # the listing reads the state it was made from, through the library's new index
    assert library.index.keys(listing) == before
    assert library.index.position(listing, before[0]) == 0
    assert library.index.key_at(listing, 0) == before[0]


def test_reading_over_a_database_written_in_place_is_a_change(store: Store) -> None:
    library = Library.open(store.path)
    listing = library.index.listing("proposals", "penza", "newest")
    records = listing._records
    muid = record_uid("meeting", MID)
    tables = json.loads(store.path.read_text())
    for doc in tables["meetings"].values():
        doc["title"] = "[" + doc["title"]
    store.path.write_text(json.dumps(tables))
    with pytest.raises(RecordsChanged):
        records.meeting(muid)
    with pytest.raises(RecordsChanged):
        records.row(muid, 1)


def test_a_database_written_over_in_place_is_a_change_not_a_damaged_index(
    store: Store,
) -> None:
    library = Library.open(store.path)
    listing = library.index.listing("proposals", "penza", "newest")
    tables = json.loads(store.path.read_text())
    for doc in tables["meetings"].values():
        doc["title"] = "[" + doc["title"]  # every record after the first moves
    store.path.write_text(json.dumps(tables))  # the same file, not a new one put in place
    with pytest.raises(RecordsChanged):
        library.index.keys(listing)
    with pytest.raises(RecordsChanged):
        library.index.meeting(MID)


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
    with pytest.raises(RecordsChanged, match="changed while it was read"):
        library.index.records.meeting(record_uid("meeting", MID))
    assert library.refresh()
    assert library.index.meeting(MID) == meeting


def test_a_read_begun_on_a_snapshot_ends_on_it_after_a_refresh(store: Store) -> None:
    library = Library.open(store.path)
    meetings = library.index.iter_meetings()
    first = next(meetings)
    last = min(store.meetings(), key=lambda m: m.date)  # listed last (newest first)
    store.delete_meeting(last.id)  # a write meanwhile, and the app catches up
    assert library.refresh()
    rest = list(meetings)  # read from the state the listing began on
    assert [first.id, *(m.id for m in rest)][-1] == last.id and len(rest) == 4
    assert library.index.meeting(last.id) is None


def test_the_index_and_its_records_open_as_one_state_while_another_process_writes(
    store: Store, monkeypatch
) -> None:
    from coopbrowse.store import library as library_module

    library = Library.open(store.path)
    meeting = store.meeting(MID)
    assert meeting is not None
    real = FileRecords.open.__func__  # type: ignore[attr-defined]
    writes: list[int] = []

    def open_then_another_write(cls, path, spans, sig=None):  # type: ignore[no-untyped-def]
        found = real(cls, path, spans, sig)
        if not writes:  # a write lands between opening the records and the index
            writes.append(1)
            Store(store.path).edit_meeting(replace(meeting, proposals=meeting.proposals[1:]))
        return found

    monkeypatch.setattr(library_module.FileRecords, "open", classmethod(open_then_another_write))
    store.follow_up(meeting.proposals[1].id, status="agreed", date="2025-06-01")
    assert library.refresh() and writes
    listing = library.index.listing("proposals", "")
    rows = [library.index.row(listing, i) for i in range(listing.loaded)]
    assert all(r is not None for r in rows)
    found = library.index.proposal(meeting.proposals[1].id)
    assert found is not None and found[1].proposals[0].id == meeting.proposals[1].id


def test_a_command_that_printed_part_of_its_answer_is_not_answered_twice(
    store: Store, capsys
) -> None:
    library = Library.open(store.path)
    where = _index_dir(library)
    assert library.stamp is not None
    spans = load_spans(where / SPANS_FILE, library.stamp.signature)
    assert spans is not None
    oldest = min(store.meetings(), key=lambda m: m.date)  # listed last
    i = spans.group(record_uid("meeting", oldest.id)).start
    spans.lengths[i] -= 1  # its record cut short: found out only when it is read
    save_spans(where / SPANS_FILE, spans, library.stamp.signature)
    code, out, err = run(capsys, "list", "--json")
    assert code == 2 and "run the command again" in err
    code, out, err = run(capsys, "list", "--json")  # rebuilt: answered whole
    assert code == 0 and len(json.loads(out)) == 5


def test_spans_keep_an_inode_wider_than_64_bits(tmp_path: Path) -> None:
    spans = compute_spans(b'{"meetings":{}}', {"meetings": {}})
    assert spans is not None
    sig = (1_700_000_000_000_000_000, 12, (1 << 70) + 5)  # ReFS, some network mounts
    save_spans(tmp_path / SPANS_FILE, spans, sig)
    assert load_spans(tmp_path / SPANS_FILE, sig) is not None
    assert load_spans(tmp_path / SPANS_FILE, (sig[0], sig[1], 5)) is not None  # low bits
    assert load_spans(tmp_path / SPANS_FILE, (sig[0], sig[1], 6)) is None


def test_spans_whose_groups_do_not_cover_their_records_in_order_are_found_out(
    store: Store, tmp_path: Path
) -> None:
    """Ends that are not the records' are refused as the spans are loaded; a group's start
    after its end, or past the records, as the group is looked up (the spans are viewed as
    read, not checked through: a pass over them all cost every launch milliseconds)."""
    raw = store.path.read_bytes()
    tables = orjson.loads(raw)
    spans = compute_spans(raw, tables)
    assert spans is not None and len(spans.keys) == len(tables["meetings"]) > 3
    sig = (1, len(raw), 2)
    save_spans(tmp_path / SPANS_FILE, spans, sig)
    again = load_spans(tmp_path / SPANS_FILE, sig)
    assert again is not None and again.group(record_uid("meeting", MID)) == spans.group(
        record_uid("meeting", MID)
    )
    assert again.group(record_uid("meeting", "no-such-meeting")) == range(0)
    for damage in ("past the end", "not from the first", "backwards", "beyond the records"):
        bad = replace(spans, starts=array("I", spans.starts))
        if damage == "past the end":
            bad.starts[-1] += 1
        elif damage == "not from the first":
            bad.starts[0] = 1
        elif damage == "backwards":
            bad.starts[1], bad.starts[2] = bad.starts[2], bad.starts[1]
        else:
            bad.starts[1] = 1 << 31
        save_spans(tmp_path / SPANS_FILE, bad, sig)
        loaded = load_spans(tmp_path / SPANS_FILE, sig)
        if damage in ("past the end", "not from the first"):
            assert loaded is None, damage
            continue
        assert loaded is not None, damage
        assert loaded.group(bad.keys[3]) == spans.group(bad.keys[3])  # the others read on
        with pytest.raises(IndexCorrupt, match="out of order"):
            loaded.group(bad.keys[1])


def test_a_group_out_of_order_is_found_out_when_its_meeting_is_read(store: Store) -> None:
    ids = {record_uid("meeting", m.id): m.id for m in store.meetings()}
    second: list[str] = []

    def backwards(spans) -> None:  # type: ignore[no-untyped-def]
        spans.starts[1], spans.starts[2] = spans.starts[2], spans.starts[1]
        second.append(ids[spans.keys[1]])

    library = _crafted(store, backwards)
    with pytest.raises(IndexCorrupt, match=f"{re.escape(str(store.path))}.*out of order"):
        library.index.meeting(second[0])


def test_the_ids_of_listed_rows_are_read_from_the_records_and_checked(store: Store) -> None:
    library = Library.open(store.path)
    listing = library.index.listing("proposals", "penza", "newest")
    assert library.index.keys(listing) == [
        ("proposal", p.id)
        for p in store.meeting(MID).proposals  # type: ignore[union-attr]
    ]

    def swap(spans) -> None:  # type: ignore[no-untyped-def]
        first = spans.group(record_uid("meeting", MID)).start + 1
        for name in ("offsets", "lengths"):
            a = getattr(spans, name)
            a[first], a[first + 1] = a[first + 1], a[first]

    library = _crafted(store, swap)
    listing = library.index.listing("proposals", "penza", "newest")
    with pytest.raises(IndexCorrupt, match="another's place"):
        library.index.keys(listing)


def _crafted(store: Store, change) -> Library:  # type: ignore[no-untyped-def]
    """The library after ``change(spans)`` was made to its saved spans."""
    library = Library.open(store.path)
    where = _index_dir(library)
    assert library.stamp is not None
    spans = load_spans(where / SPANS_FILE, library.stamp.signature)
    assert spans is not None
    change(spans)
    save_spans(where / SPANS_FILE, spans, library.stamp.signature)
    again = Library.open(store.path)
    assert not again.rebuilt
    return again


def test_a_change_of_another_meeting_in_a_meetings_records_is_found_out(store: Store) -> None:
    store.follow_up(PID, status="agreed", date="2025-06-01")  # a change of Penza
    other = next(m.id for m in store.meetings() if m.id != MID)

    def move(spans) -> None:  # type: ignore[no-untyped-def]
        owner = [k for g, k in enumerate(spans.keys) for _ in range(*spans.starts[g : g + 2])]
        change = next(i for i in range(len(spans)) if spans.kinds[i] == CHANGE)
        owner[change] = record_uid("meeting", other)  # shown as the other's change
        order = sorted(range(len(spans)), key=lambda i: (owner[i], spans.kinds[i]))
        for name in ("offsets", "lengths", "kinds"):
            values = getattr(spans, name)
            code = "B" if name == "kinds" else "I"
            setattr(spans, name, array(code, [values[i] for i in order]))
        owner = [owner[i] for i in order]
        spans.keys = array("q", sorted(set(owner)))
        spans.starts = array("I", [*map(owner.index, spans.keys), len(owner)])

    library = _crafted(store, move)
    with pytest.raises(IndexCorrupt, match="another's place"):
        library.index.meeting(other)


def test_a_proposal_read_twice_or_out_of_order_is_found_out(store: Store) -> None:
    def repeat(spans) -> None:  # type: ignore[no-untyped-def]
        group = spans.group(record_uid("meeting", MID))
        spans.offsets[group.start + 2] = spans.offsets[group.start + 1]
        spans.lengths[group.start + 2] = spans.lengths[group.start + 1]

    library = _crafted(store, repeat)
    with pytest.raises(IndexCorrupt, match="another's place"):
        library.index.meeting(MID)

    def unknown_kind(spans) -> None:  # type: ignore[no-untyped-def]
        spans.kinds[spans.group(record_uid("meeting", MID)).start + 1] = 7

    library = _crafted(store, unknown_kind)
    with pytest.raises(IndexCorrupt, match="out of order"):
        library.index.meeting(MID)

    def one_less(spans) -> None:  # type: ignore[no-untyped-def]
        group = spans.group(record_uid("meeting", MID))
        spans.kinds[group.stop - 1] = CHANGE  # the last proposal passed off as a change

    library = _crafted(store, one_less)
    with pytest.raises(IndexCorrupt):
        library.index.meeting(MID)


def test_a_copy_of_another_size_than_its_spans_is_not_used(db_path: Path) -> None:
    Store.open(db_path)
    db_path.write_text(json.dumps(json.loads(db_path.read_text()), indent=1))
    library = Library.open(db_path)
    copy = _index_dir(library) / COPY_FILE
    copy.write_bytes(copy.read_bytes() + b" ")
    again = Library.open(db_path)
    assert again.rebuilt and again.index.meeting(MID) is not None


def test_a_copy_changed_at_its_size_is_not_shown_as_the_database(db_path: Path) -> None:
    """A name in the compact copy changed letter for letter (the size kept) was listed,
    shown and exported as the database's, which never held it (found by a hostile-input
    trial): the copy's CRC-32 is checked when it is opened, and a changed copy rebuilt."""
    Store.open(db_path)
    db_path.write_text(json.dumps(json.loads(db_path.read_text()), indent=1))
    library = Library.open(db_path)
    copy = _index_dir(library) / COPY_FILE
    text = copy.read_bytes()
    assert b"Oleg Melnichenko" in text
    copy.write_bytes(text.replace(b"Oleg Melnichenko", b"OLEG HACKEDCHNKO"))
    again = Library.open(db_path)
    assert again.rebuilt
    penza = again.index.meeting(MID)
    assert penza is not None
    assert "Oleg Melnichenko" in {p.name for p in penza.participants}
    assert b"HACKED" not in (_index_dir(again) / COPY_FILE).read_bytes()


def test_a_copy_unchanged_since_it_was_written_is_not_read_whole_to_be_opened(
    db_path: Path, monkeypatch
) -> None:
    """(From a review) its CRC-32 was worked out on every open: 0.15 s for a copy of 400 MB
    warm, seconds cold, on every command. Only a copy whose time or inode changed is."""
    from coopbrowse.store import records as records_module

    Store.open(db_path)
    db_path.write_text(json.dumps(json.loads(db_path.read_text()), indent=1))
    Library.open(db_path)

    def read_whole(fd: int) -> int:
        raise AssertionError("the copy was read whole")

    monkeypatch.setattr(records_module, "_crc32", read_whole)
    again = Library.open(db_path)
    assert not again.rebuilt and again.index.meeting(MID) is not None


def test_a_meetings_proposal_rows_read_its_meeting_once_without_its_long_text(
    store: Store, monkeypatch
) -> None:
    library = Library.open(store.path)
    records = library.index.records
    assert isinstance(records, FileRecords)
    reads: list[int] = []
    real = FileRecords._read
    monkeypatch.setattr(FileRecords, "_read", lambda self, i: reads.append(i) or real(self, i))
    listing = library.index.listing("proposals", "region:penza", "newest")
    rows = [library.index.row(listing, i) for i in range(listing.total)]
    assert len(rows) == 6 and len(reads) == 7  # the meeting once, then each proposal
    meeting = rows[0][2]
    assert meeting.id == MID and meeting.title and not meeting.summary  # what a row shows


def test_a_spans_header_that_claims_more_than_the_file_holds_costs_nothing(
    store: Store, tmp_path: Path
) -> None:
    """Its counts are read before the file's size is known to match them: a damaged count
    that claims gigabytes is refused before any buffer is made for it."""
    import tracemalloc

    raw = store.path.read_bytes()
    spans = compute_spans(raw, orjson.loads(raw))
    assert spans is not None
    sig = (1, len(raw), 2)
    save_spans(tmp_path / SPANS_FILE, spans, sig)
    whole = bytearray((tmp_path / SPANS_FILE).read_bytes())
    count_at = 17 + 8 * 3  # after the magic and the file state
    groups = len(spans.keys)
    huge = (2**31 - 4 - groups * 12) // 9  # within the format's limit, far past the file
    whole[count_at : count_at + 8] = huge.to_bytes(8, "little")
    (tmp_path / SPANS_FILE).write_bytes(bytes(whole))
    tracemalloc.start()
    try:
        assert load_spans(tmp_path / SPANS_FILE, sig) is None
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000
