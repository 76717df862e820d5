"""A first build finds the records in the file's bytes and parses them one at a time, not the
whole file at once: it reads exactly what a whole parse gives, and where the bytes are not as
the scan took them (a layout it does not know, a record cut where a nested object has
numeric keys, JSON that does not parse), the file is parsed whole and nothing changes for
the user: the same records, or the same one-line error."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest

from coopbrowse.store import Store
from coopbrowse.store.errors import CorruptDatabase
from coopbrowse.store.library import Library
from coopbrowse.store.records import LayoutMismatch, compute_spans, scan_tables, spans_of

MID = "2025-04-01-penza"
PID = "2025-04-01-penza-p01"


def _tables(store: Store) -> dict[str, dict[str, object]]:
    store.follow_up(PID, status="agreed", date="2025-06-01")  # a history record
    stored: dict[str, dict[str, object]] = orjson.loads(store.path.read_bytes())
    return stored


@pytest.mark.parametrize(
    "order",
    [("meta", "meetings", "proposals", "history"), ("history", "meta", "proposals", "meetings")],
)
def test_a_scan_finds_every_record_a_whole_parse_gives(
    store: Store, order: tuple[str, ...]
) -> None:
    stored = _tables(store)
    tables = {name: stored[name] for name in order} | {"_default": {"1": {"x": 1}}, "empty": {}}
    raw = orjson.dumps(tables)
    found = scan_tables(raw)
    assert found is not None and list(found) == list(tables)
    for name, table in found.items():
        docs = {
            i: orjson.loads(raw[start:stop])
            for i, start, stop in zip(table.ids, table.starts, table.stops, strict=True)
        }
        assert docs == tables[name] and list(docs) == list(tables[name])
    # the spans it gives are the spans a whole parse gives
    owners = {
        name: [d.get("id" if name == "meetings" else "meeting_id") for d in tables[name].values()]
        for name in ("meetings", "proposals", "history")
    }
    by_scan, by_parse = spans_of(found, owners), compute_spans(raw, tables)
    assert by_parse is not None
    for column in ("keys", "starts", "offsets", "lengths", "kinds"):
        assert list(getattr(by_scan, column)) == list(getattr(by_parse, column)), column


def _laid_out(tables: dict[str, object], how: str) -> bytes:
    raw = orjson.dumps(tables)
    if how == "indented":
        return orjson.dumps(tables, option=orjson.OPT_INDENT_2)
    if how == "spaced":
        return json.dumps(tables).encode()
    if how == "name key":
        return raw.replace(b'"meetings":{"1":', b'"meetings":{"one":', 1)
    if how == "leading zero":
        return raw.replace(b'"meetings":{"1":', b'"meetings":{"01":', 1)
    if how == "not an object":
        return raw.replace(b'"meta":{"1":{', b'"meta":{"1":[{', 1).replace(
            b'}},"meetings"', b'}]},"meetings"', 1
        )
    if how == "id twice":
        return raw.replace(b'"meetings":{"1":', b'"meetings":{"2":', 1)
    if how == "truncated":
        return raw[:-2]
    if how == "trailing text":
        return raw + b"x"
    if how == "a list":
        return b"[" + raw + b"]"
    raise AssertionError(how)


@pytest.mark.parametrize(
    "how",
    [
        "indented",
        "spaced",
        "name key",
        "leading zero",
        "not an object",
        "id twice",
        "truncated",
        "trailing text",
        "a list",
    ],
)
def test_a_layout_the_scan_does_not_know_is_left_to_a_whole_parse(store: Store, how: str) -> None:
    raw = _laid_out(orjson.loads(store.path.read_bytes()), how)
    assert scan_tables(raw) is None


def test_white_space_after_the_document_is_allowed(store: Store) -> None:
    assert scan_tables(store.path.read_bytes() + b"\n\t ") is not None


def _meetings(stream_of: Store, *, scan: bool) -> list[object]:
    read = stream_of.stream(scan=scan)
    return [m.to_dict(with_history=True) for m in read.meetings]


def test_a_stream_by_scan_gives_what_a_whole_parse_gives(store: Store) -> None:
    _tables(store)
    read = store.stream()
    assert read.locate is not None and read.tables is None  # found by the scan
    whole = store.stream(scan=False)
    assert whole.tables is not None and whole.locate is None
    assert (read.meta, read.count) == (whole.meta, whole.count)
    assert _meetings(store, scan=True) == _meetings(store, scan=False)
    assert any(m["history"] for m in _meetings(store, scan=True))  # (dicts: with history)


def _with_extra(db_path: Path, extra: bytes) -> None:
    """Give the Penza meeting a field the model does not know (kept by a whole parse)."""
    raw = db_path.read_bytes()
    head = b'{"id":"' + MID.encode() + b'"'
    assert raw.count(head) == 1
    db_path.write_bytes(raw.replace(head, head + b',"extra":' + extra))


def test_a_meeting_cut_by_the_scan_is_read_whole_and_indexed(store: Store) -> None:
    # a nested object with numeric keys holds what lies between two records
    _with_extra(store.path, b'{"a":{},"57":{"id":"x"}}')
    read = Store(store.path).stream()
    assert read.locate is not None
    with pytest.raises(LayoutMismatch):
        list(read.meetings)
    library = Library.open(store.path)  # the first build: parsed whole instead
    assert library.rebuilt
    penza = library.index.meeting(MID)
    assert penza is not None and penza.region == "Penza Oblast"
    assert library.index.count("region:penza", view="meetings") == 1


def test_json_that_does_not_parse_inside_a_meeting_gives_the_whole_parse_error(
    store: Store,
) -> None:
    _with_extra(store.path, b"{nope}")
    assert scan_tables(store.path.read_bytes()) is not None  # found: the record is cut later
    with pytest.raises(CorruptDatabase) as whole:
        Store(store.path).stream(scan=False)
    with pytest.raises(CorruptDatabase) as built:
        Library.open(store.path)
    assert str(built.value) == str(whole.value)
    assert "is not valid JSON" in str(built.value) and str(store.path) in str(built.value)


def test_json_that_does_not_parse_inside_a_proposal_gives_the_whole_parse_error(
    store: Store,
) -> None:
    raw = store.path.read_bytes()
    head = b'{"id":"' + PID.encode() + b'"'
    assert raw.count(head) == 1
    store.path.write_bytes(raw.replace(head, head + b',"x":tru'))
    with pytest.raises(CorruptDatabase) as whole:
        Store(store.path).stream(scan=False)
    with pytest.raises(CorruptDatabase) as built:
        Store(store.path).stream()  # proposals are read before a meeting is handed on
    assert str(built.value) == str(whole.value) and "is not valid JSON" in str(built.value)


def test_a_meeting_given_its_id_twice_is_read_as_a_whole_parse_reads_it(store: Store) -> None:
    # the scan takes the id that comes first; a whole parse keeps the last, so Penza's
    # proposals have no meeting
    _with_extra(store.path, b'1,"id":"2025-04-01-penza-again"')
    read = Store(store.path).stream()
    with pytest.raises(LayoutMismatch):
        list(read.meetings)
    with pytest.raises(CorruptDatabase) as whole:
        list(Store(store.path).stream(scan=False).meetings)
    with pytest.raises(CorruptDatabase) as built:
        Library.open(store.path)
    assert str(built.value) == str(whole.value) and "does not exist" in str(built.value)


def _proposal_with(db_path: Path, old: bytes, new: bytes) -> None:
    raw = db_path.read_bytes()
    assert raw.count(old) == 1
    db_path.write_bytes(raw.replace(old, new))


def test_a_proposal_given_its_meeting_twice_is_read_as_a_whole_parse_reads_it(
    store: Store,
) -> None:
    # grouped by the meeting id read second in the record; a whole parse keeps the last one
    other = "2025-07-21-samara"
    assert store.meeting(other) is not None
    _proposal_with(
        store.path,
        b'{"id":"' + PID.encode() + b'","meeting_id":"' + MID.encode() + b'"',
        b'{"id":"'
        + PID.encode()
        + b'","meeting_id":"'
        + MID.encode()
        + b'","meeting_id":"'
        + other.encode()
        + b'"',
    )
    read = Store(store.path).stream()
    assert read.locate is not None
    with pytest.raises(LayoutMismatch):
        list(read.meetings)
    whole = {
        m.id: [p.id for p in m.proposals] for m in Store(store.path).stream(scan=False).meetings
    }
    assert PID in whole[other] and PID not in whole[MID]
    found = Library.open(store.path).index.proposal(PID)
    assert found is not None and found[1].id == other


def test_a_proposal_written_in_another_order_is_found_with_its_meeting(store: Store) -> None:
    _proposal_with(
        store.path,
        b'{"id":"' + PID.encode() + b'","meeting_id":"' + MID.encode() + b'"',
        b'{"meeting_id":"' + MID.encode() + b'","id":"' + PID.encode() + b'"',
    )
    read = Store(store.path).stream()
    assert read.locate is not None  # the scan took it: the record was parsed to group it
    assert _meetings(store, scan=True) == _meetings(store, scan=False)
    found = Library.open(store.path).index.proposal(PID)
    assert found is not None and found[1].id == MID


def test_a_proposal_left_to_from_dict_among_stored_ones_is_read_as_a_whole_parse_reads_it(
    store: Store,
) -> None:
    # a meeting's proposals are read at once when all are as coopbrowse writes them; one
    # that is not (null for an absent value) has its meeting's read one by one, in order
    raw = store.path.read_bytes()
    start = raw.index(b'{"id":"' + PID.encode() + b'"')
    tail = b'"follow_up":[],"raised_again":[]}'
    at = raw.index(tail, start)
    store.path.write_bytes(
        raw[:at] + b'"follow_up":null,"raised_again":[]}' + raw[at + len(tail) :]
    )
    assert Store(store.path).stream().locate is not None  # found by the scan
    scanned = _meetings(store, scan=True)
    assert scanned == _meetings(store, scan=False)
    penza = next(m for m in scanned if isinstance(m, dict) and m["id"] == MID)
    ids = [p["id"] for p in penza["proposals"]]
    assert ids[0] == PID and ids == sorted(ids) and len(ids) > 1


def test_a_proposal_id_given_twice_is_the_error_a_whole_parse_gives(store: Store) -> None:
    second = PID.removesuffix("01") + "02"
    _proposal_with(
        store.path, b'{"id":"' + second.encode() + b'"', b'{"id":"' + PID.encode() + b'"'
    )
    errors = []
    for scan in (True, False):
        with pytest.raises(CorruptDatabase) as caught:
            _meetings(store, scan=scan)
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
    assert f"duplicate proposal id {PID!r}" in errors[0] and str(store.path) in errors[0]


def test_a_record_nested_deeper_than_a_whole_parse_allows_is_refused_as_it_refuses_it(
    store: Store,
) -> None:
    # orjson refuses nesting deeper than 1,024; a record parsed alone is two levels up
    deep = b"[" * 1023 + b"]" * 1023
    raw = store.path.read_bytes()
    store.path.write_bytes(raw[:-1] + b',"zz":{"1":{"a":' + deep + b"}}}")
    with pytest.raises(CorruptDatabase) as whole:
        Store(store.path).stream(scan=False)
    assert "nested too deeply" in str(whole.value)
    with pytest.raises(CorruptDatabase) as built:
        Library.open(store.path)
    assert str(built.value) == str(whole.value)


def test_a_bad_record_before_bad_json_gives_the_error_a_whole_parse_gives(store: Store) -> None:
    # the scan meets the bad date first; a parse of the whole meets the bad JSON first
    raw = store.path.read_bytes()
    raw = raw.replace(b'"date":"2025-10-20"', b'"date":"XX2025-10-20"', 1)
    head = b'{"id":"2023-12-18-moscow-oblast",'
    assert raw.count(head) == 1
    store.path.write_bytes(raw.replace(head, head + b",", 1))
    with pytest.raises(CorruptDatabase) as whole:
        Store(store.path).stream(scan=False)
    with pytest.raises(CorruptDatabase) as built:
        Library.open(store.path)
    assert str(built.value) == str(whole.value) and "is not valid JSON" in str(built.value)
