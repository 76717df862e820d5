"""Where each record is in the database file, so the index need not keep a copy of it.

The search index holds what a search needs (terms, sort keys, counts); a record itself is read
from the TinyDB file, the one source of truth: :class:`Spans` lists the byte span of every
meeting, proposal and recorded change in the file, grouped by meeting, and
:class:`FileRecords` reads a meeting's group with ``pread`` on a descriptor opened on the very
file the spans describe (a file replaced since by an atomic write is still the old one through
that descriptor, so a reader never mixes two states).

A first build finds the spans by a scan of the file's bytes (:func:`scan_tables`), which
takes any file whose tables and records are laid out as coopbrowse writes them (a meeting
opening on its id, unescaped; what follows may be spaced or escaped otherwise, and a
proposal whose meeting id is not second is parsed to group it); a write works them out
from the records it wrote, in the compact layout of coopbrowse's storage (orjson, no spaces). A
database the scan does not take (indented by hand, written by another tool) is copied once,
compactly, beside the index, and read from there. Spans are saved beside the index
(:func:`save_spans`) with the state of the file they describe, and never trusted blindly: a
span that lies outside the file, does not parse, or holds another record is
:class:`IndexCorrupt`, and the index is rebuilt; unless the file was written over in place
since it was opened (not replaced): that is :class:`RecordsChanged`, an outside change the
index catches up with.

Indexes built from meetings in memory (tests, ``COOPBROWSE_CACHE=off``) keep the meetings
themselves: :class:`MemoryRecords`.
"""

from __future__ import annotations

import functools
import io
import itertools
import os
import re
import stat
import struct
import sys
import threading
import weakref
import zlib
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import (
    TYPE_CHECKING,
    Any,
    Generic,
    Literal,
    NoReturn,
    Protocol,
    TypeAlias,
    TypeVar,
    cast,
)

from msgspec import Struct, field

from .errors import StoreError
from .model import Change, Meeting, Proposal, ValidationError
from .schema import meeting_uid, record_uid

MEETING, PROPOSAL, CHANGE = 0, 1, 2  # what a span holds
_TABLES = (("meetings", MEETING), ("proposals", PROPOSAL), ("history", CHANGE))
SPANS_FILE = "spans.bin"  # beside the index files
COPY_FILE = "records.json"  # the compact copy of a database not written compactly
_MAGIC = b"coopbrowse-spans5"  # (5: with the compact copy's CRC-32, time and inode)
# magic, the file state (mtime_ns, size, inode), count, source, the size of a copy, groups
_HEADER = struct.Struct("<17sqQQQBQQIqQ")
_U64 = (1 << 64) - 1  # an inode number wider than this is kept by its low bits
_ENTRY = 4 + 4 + 1  # offset, length, kind
_GROUP = 8 + 4  # its meeting's uid, where it starts
_SPANS_MAX = 1 << 31
_RECORD_MAX = 64 * 1024 * 1024  # one record is never this large
FROM_DATABASE, FROM_COPY = 0, 1
# what a list row shows of a meeting (its summary, notes, goods and source are left out)
_HEAD = ("id", "date", "region", "title", "participants", "trade")

Signature = tuple[int, int, int]  # (mtime_ns, size, inode) of the database file
if TYPE_CHECKING:  # a column of spans: built as an array, loaded as a view of what was read
    Column: TypeAlias = array[int] | memoryview


def _columns(groups: int, count: int) -> tuple[tuple[Literal["q", "I", "B"], int, int], ...]:
    """``(type code, width, length)`` of the spans' columns as saved: keys, starts,
    offsets, lengths, kinds."""
    return (
        ("q", 8, groups),
        ("I", 4, groups + 1),
        ("I", 4, count),
        ("I", 4, count),
        ("B", 1, count),
    )


class IndexCorrupt(StoreError):
    """The index holds something that is not a valid record; it must be rebuilt."""


class RecordsChanged(StoreError):
    """The database file changed since the records were opened (where it cannot be kept
    open): not damage; the index catches up with the file as after any outside change."""


# Spans --------------------------------------------------------------------------------------


class Spans(Struct):
    """Byte spans of records in groups, one a meeting, sorted by the meeting's uid; within a
    group: the meeting, its proposals in order, then its recorded changes oldest first.

    ``keys`` are the groups' meeting uids and ``starts`` where each group's entries begin
    (one more: the number of entries), so a uid is kept once, not once a record."""

    keys: Column = field(default_factory=lambda: array("q"))
    starts: Column = field(default_factory=lambda: array("I", [0]))
    offsets: Column = field(default_factory=lambda: array("I"))
    lengths: Column = field(default_factory=lambda: array("I"))
    kinds: Column = field(default_factory=lambda: array("B"))
    source: int = FROM_DATABASE
    copy_size: int = 0  # the size of the compact copy the spans are in (FROM_COPY)
    copy_crc: int = 0  # and the CRC-32 of its bytes, checked when it is opened as changed:
    copy_mtime_ns: int = 0  # since it was written, as its time and inode say
    copy_ino: int = 0

    def __len__(self) -> int:
        return len(self.offsets)

    def group(self, muid: int) -> range:
        """The entries of meeting ``muid`` (empty when it has none)."""
        k = bisect_left(self.keys, muid)
        if k == len(self.keys) or self.keys[k] != muid:
            return range(0)
        start, stop = self.starts[k], self.starts[k + 1]
        if not start <= stop <= len(self.kinds):  # (checked here, not all when loaded)
            raise IndexCorrupt(None, "record spans out of order")
        return range(start, stop)


class LayoutMismatch(Exception):
    """A record does not parse where :func:`scan_tables` found it: the file is not laid out
    as the scan took it (or is not valid JSON). Read the file whole instead."""


class Table:
    """Where a table's records are in the bytes :func:`scan_tables` read: record ``n`` has
    TinyDB id ``ids[n]`` and is ``payload[starts[n]:stops[n]]``."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.starts: array[int] = array("I")
        self.stops: array[int] = array("I")

    def __len__(self) -> int:
        return len(self.ids)


# A table begins with its name; its records are objects keyed by TinyDB's ids (decimal, as
# TinyDB writes them). Between two records: '},"id":{'; after a table's last record: '}}'
# and then the next table's name or the end of the document. (Compiled when first used:
# a launch whose index is current never scans.)
_TABLE_HEAD = rb'"([A-Za-z_][A-Za-z0-9_]*)":\{'
_FIRST_KEY = rb'"(0|[1-9][0-9]{0,17})":(?=\{)'
_NEXT = rb'\},"(0|[1-9][0-9]{0,17})":(?=\{)|\}\}(?=,"[A-Za-z_][A-Za-z0-9_]*":\{|\}[ \t\r\n]*\Z)'
_SPACE = rb"[ \t\r\n]*\Z"


def scan_tables(payload: bytes) -> dict[str, Table] | None:
    """Where every record of a TinyDB document of tables is in ``payload``, found without
    parsing it (parsing 400 MB whole builds gigabytes of objects at once); None when the
    bytes are not laid out as coopbrowse writes them (spaces between tables or records,
    keys that are not TinyDB's, a record that is not an object, an id given twice).

    The scan trusts nothing it cannot check later: a quote in a JSON string is escaped, so
    the patterns between records cannot lie inside a string of a valid file, but they can
    lie inside a record (a nested object with numeric keys). A record cut there does not
    parse, because no proper prefix of a JSON value is itself a value; so whoever parses
    every record where the scan found it (:func:`parse_record`), and gets objects, has
    checked the whole file and read exactly what a parse of the whole would give. A record
    that does not parse is :class:`LayoutMismatch`: read the file whole."""
    if len(payload) >= 1 << 32 or payload[:1] != b"{":
        return None
    table_head, first_key, next_, space = map(re.compile, (_TABLE_HEAD, _FIRST_KEY, _NEXT, _SPACE))
    tables: dict[str, Table] = {}
    pos = 1
    while True:
        head = table_head.match(payload, pos)
        if head is None or head[1].decode() in tables:
            return None
        table = tables[head[1].decode()] = Table()
        pos = head.end()
        if payload[pos : pos + 1] == b"}":  # an empty table
            pos += 1
        else:
            key = first_key.match(payload, pos)
            if key is None:
                return None
            ids, starts, stops = table.ids, table.starts, table.stops
            ids.append(key[1].decode())
            starts.append(key.end())
            seen = {ids[0]}  # (an id given twice ends the scan there, not at the table's end)
            for found in next_.finditer(payload, key.end()):
                stops.append(found.start() + 1)
                if found[1] is None:  # the table's end
                    pos = found.end()
                    break
                doc_id = found[1].decode()
                if doc_id in seen:
                    return None
                seen.add(doc_id)
                ids.append(doc_id)
                starts.append(found.end())
            else:
                return None
        if payload[pos : pos + 1] == b",":
            pos += 1
            continue
        if payload[pos : pos + 1] == b"}" and space.match(payload, pos + 1):
            return tables
        return None


# orjson refuses JSON nested deeper than this; a record lies two levels down in the file
_DEPTH = 1024 - 2
SHALLOW = 2 * _DEPTH  # a record shorter than this cannot be nested that deep (see record_bytes)


def parse_record(payload: bytes, start: int, stop: int) -> Any:
    """The record :func:`scan_tables` found at ``payload[start:stop]``, parsed as a parse of
    the whole file would read it; :class:`LayoutMismatch` when it does not parse there, or
    when it might be nested too deeply for the whole file to parse (what a record alone,
    two levels up, would pass: decided by a parse of the whole)."""
    import orjson

    try:
        return orjson.loads(record_bytes(payload, start, stop))
    except orjson.JSONDecodeError:
        raise LayoutMismatch from None


def record_bytes(payload: bytes, start: int, stop: int) -> memoryview:
    """The bytes of the record at ``payload[start:stop]``; :class:`LayoutMismatch` when it
    might be nested too deeply for the whole file to parse (see :func:`parse_record`)."""
    if stop - start >= SHALLOW and (  # (as deep needs as many brackets, and their ends)
        payload.count(b"{", start, stop) + payload.count(b"[", start, stop) >= _DEPTH
    ):
        raise LayoutMismatch
    return memoryview(payload)[start:stop]


def spans_of(tables: Mapping[str, Table], owners: Mapping[str, Sequence[Any]]) -> Spans:
    """The spans of the records :func:`scan_tables` found, given each record's meeting id
    (``owners``, table by table: a meeting's own id, else its ``meeting_id``)."""
    starts: list[int] = []
    lengths: list[int] = []
    kinds: list[int] = []
    owned: list[Any] = []
    for name, kind in _TABLES:
        table = tables.get(name)
        if table is None or not len(table):
            continue
        starts += table.starts
        lengths += map(int.__sub__, table.stops, table.starts)
        kinds += [kind] * len(table)
        owned += owners[name]
    return _grouped(starts, lengths, kinds, owned)


def compute_spans(
    payload: bytes, tables: Mapping[str, Any], *, trusted: bool = False
) -> Spans | None:
    """The spans of ``tables`` in ``payload``, the bytes they were parsed from; None when the
    bytes are not the compact layout (``trusted``: they were just written that way)."""
    import orjson

    from .lazy import dump_tables, record_size

    if not trusted and dump_tables(tables) != payload:
        return None
    if len(payload) >= 1 << 32:
        return None
    dumps = orjson.dumps
    found: dict[int, tuple[list[int], list[int], list[Any]]] = {}  # kind -> its table's
    pos = 1  # past "{"
    for t, (name, docs) in enumerate(tables.items()):
        pos += (1 if t else 0) + len(dumps(name)) + 2  # [","] "name":{
        keys = list(map(len, map(dumps, docs.keys())))
        sizes = list(map(record_size, docs.values()))  # (an untouched record: its bytes)
        steps = [k + 1 + s + 1 for k, s in zip(keys, sizes, strict=True)]  # "k":DOC,
        begins = [pos + b for b in itertools.accumulate(steps, initial=0)][:-1]
        kind = dict(_TABLES).get(name)
        if kind is not None:
            field_ = "id" if kind == MEETING else "meeting_id"
            found[kind] = (
                [b + k + 1 for b, k in zip(begins, keys, strict=True)],
                sizes,
                [d.get(field_) if isinstance(d, dict) else None for d in docs.values()],
            )
        pos += sum(steps) - (1 if steps else 0) + 1  # the last "," is the table's "}"
    starts: list[int] = []
    lengths: list[int] = []
    kinds: list[int] = []
    owners: list[Any] = []
    for kind in (MEETING, PROPOSAL, CHANGE):  # in a meeting's group, in this order
        if kind in found:
            starts += found[kind][0]
            lengths += found[kind][1]
            kinds += [kind] * len(found[kind][1])
            owners += found[kind][2]
    return _grouped(starts, lengths, kinds, owners)


def _grouped(starts: list[int], lengths: list[int], kinds: list[int], owners: list[Any]) -> Spans:
    """Spans from each record's start, length, kind and meeting id (kinds in group order:
    meetings, then proposals, then changes)."""
    uid_of: dict[str, int] = {}
    keys_: list[int] = []
    for owner in owners:
        if not isinstance(owner, str):
            keys_.append(0)
            continue
        uid = uid_of.get(owner)
        if uid is None:
            uid = uid_of[owner] = meeting_uid(owner)
        keys_.append(uid)
    order = sorted(range(len(keys_)), key=keys_.__getitem__)  # stable: kinds in order
    groups, begins_at = array("q"), array("I")
    for n, i in enumerate(order):
        if not groups or groups[-1] != keys_[i]:
            groups.append(keys_[i])
            begins_at.append(n)
    begins_at.append(len(order))
    return Spans(
        groups,
        begins_at,
        array("I", [starts[i] for i in order]),
        array("I", [lengths[i] for i in order]),
        array("B", [kinds[i] for i in order]),
    )


def save_spans(path: Path, spans: Spans, sig: Signature) -> None:
    """Write ``spans`` describing the file state ``sig`` (atomically, private)."""
    from .storage import atomic_write_bytes

    mtime_ns, size, ino = sig
    header = _HEADER.pack(
        _MAGIC,
        mtime_ns,
        size,
        ino & _U64,
        len(spans),
        spans.source,
        spans.copy_size,
        len(spans.keys),
        spans.copy_crc,
        spans.copy_mtime_ns,
        spans.copy_ino & _U64,
    )
    parts = [spans.keys, spans.starts, spans.offsets, spans.lengths, spans.kinds]
    if sys.byteorder != "little":
        codes = (code for code, _width, _n in _columns(0, 0))
        swapped = [array(code, a) for code, a in zip(codes, parts, strict=True)]
        for a in swapped:
            a.byteswap()
        parts = list(swapped)
    atomic_write_bytes(path, header + b"".join(a.tobytes() for a in parts), mode=0o600)


def load_spans(path: Path, sig: Signature) -> Spans | None:
    """The spans saved in ``path`` if they describe the file state ``sig``, else None."""
    from .storage import open_regular

    try:
        with open_regular(path, "index spans", _SPANS_MAX, StoreError) as fh:
            head = fh.read(_HEADER.size)
            if len(head) < _HEADER.size:
                return None
            (
                magic,
                mtime_ns,
                size,
                ino,
                count,
                source,
                copy_size,
                groups,
                copy_crc,
                copy_mtime_ns,
                copy_ino,
            ) = _HEADER.unpack(head)
            if magic != _MAGIC or (mtime_ns, size, ino) != (sig[0], sig[1], sig[2] & _U64):
                return None
            total = count * _ENTRY + groups * _GROUP + 4
            if source not in (FROM_DATABASE, FROM_COPY) or total > _SPANS_MAX:
                return None
            if os.fstat(fh.fileno()).st_size != _HEADER.size + total:
                return None  # (before the buffer: a damaged count must not cost gigabytes)
            raw = bytearray(total)
            if cast("io.BufferedReader", fh).readinto(raw) != total:  # (opened "rb")
                return None
    except (OSError, StoreError, MemoryError):
        return None
    # Viewed in place where the layout is the machine's (copying several megabytes, and a
    # pass over the groups, cost the first frame 9 ms): the groups' order is checked as
    # each is looked up (Spans.group), here only their ends.
    columns: list[Column] = []
    pos = 0
    for code, width, n in _columns(groups, count):
        if sys.byteorder == "little" and array(code).itemsize == width:
            columns.append(memoryview(raw)[pos : pos + n * width].cast(code))
        else:
            a = array(code)
            a.frombytes(raw[pos : pos + n * width])
            if sys.byteorder != "little":
                a.byteswap()
            columns.append(a)
        pos += n * width
    keys, starts, offsets, lengths, kinds = columns
    if starts[0] != 0 or starts[-1] != count:
        return None
    return Spans(
        keys,
        starts,
        offsets,
        lengths,
        kinds,
        source=source,
        copy_size=copy_size,
        copy_crc=copy_crc,
        copy_mtime_ns=copy_mtime_ns,
        copy_ino=copy_ino,
    )


# Reading records ----------------------------------------------------------------------------


class Records(Protocol):
    """Where an index reads the records it lists."""

    def meeting(self, muid: int) -> Meeting | None:
        """The meeting with its proposals and history."""

    def row(self, muid: int, pi: int | None) -> tuple[Meeting, Proposal | None] | None:
        """The meeting (its proposals not needed) and its proposal ``pi``."""

    def record_id(self, muid: int, pi: int | None) -> str | None:
        """The id of meeting ``muid`` (``pi`` None) or of its proposal ``pi``."""

    def changed(self) -> bool:
        """Whether the records' file changed since they were opened (what was read from it
        no longer matching the index is then not damage)."""


class AwaitedRecords:
    """The records of an index being built, before they are given (see SearchIndex.build):
    nothing is read from them meanwhile."""

    def _not_yet(self) -> NoReturn:
        raise RuntimeError("the index's records are not given yet")

    def meeting(self, muid: int) -> Meeting | None:
        self._not_yet()

    def row(self, muid: int, pi: int | None) -> tuple[Meeting, Proposal | None] | None:
        self._not_yet()

    def record_id(self, muid: int, pi: int | None) -> str | None:
        self._not_yet()

    def changed(self) -> bool:
        return False


class MemoryRecords:
    """Records kept as meetings in memory (an index built from meetings)."""

    def __init__(self) -> None:
        self._by_uid: dict[int, Meeting] = {}
        self._lock = threading.Lock()

    def put(self, meetings: Iterable[Meeting]) -> None:
        with self._lock:
            for m in meetings:
                self._by_uid[record_uid("meeting", m.id)] = m

    def remove(self, meeting_ids: Iterable[str]) -> None:
        with self._lock:
            for mid in meeting_ids:
                self._by_uid.pop(record_uid("meeting", mid), None)

    def meeting(self, muid: int) -> Meeting | None:
        return self._by_uid.get(muid)

    def row(self, muid: int, pi: int | None) -> tuple[Meeting, Proposal | None] | None:
        m = self._by_uid.get(muid)
        if m is None:
            return None
        if pi is None:
            return m, None
        return (m, m.proposals[pi]) if 0 <= pi < len(m.proposals) else None

    def record_id(self, muid: int, pi: int | None) -> str | None:
        found = self.row(muid, pi)
        if found is None:
            return None
        return found[0].id if found[1] is None else found[1].id

    def changed(self) -> bool:
        return False


K = TypeVar("K")
V = TypeVar("V")
R = TypeVar("R")


class Recent(Generic[K, V]):
    """The ``size`` values used last, by key, for threads to share (the one used longest ago
    goes first)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)


def _checked(read: Callable[..., R]) -> Callable[..., R]:
    """``read``, whose finding of damage is put down to the file when the file changed in
    place since it was opened (written over by hand or by another tool, not replaced)."""

    @functools.wraps(read)
    def checked(self: FileRecords, *args: Any) -> R:
        try:
            return read(self, *args)
        except IndexCorrupt as exc:
            if self.changed():
                raise RecordsChanged(self.where, "the database changed while it was read") from None
            if exc.path is None:  # (found by the spans, which do not know their file)
                raise IndexCorrupt(self.where, exc.problem) from None
            raise

    return checked


def _crc32(fd: int) -> int:
    """The CRC-32 of the whole file open as ``fd`` (read from its start, a megabyte at a
    time)."""
    crc, offset = 0, 0
    while chunk := os.pread(fd, 1 << 20, offset):
        crc = zlib.crc32(chunk, crc)
        offset += len(chunk)
    return crc


class FileRecords:
    """Records read from a file by their spans, through a descriptor kept open on the very
    file the spans describe (where the system cannot read at an offset without moving a shared
    position, or keeps a file from being replaced while it is open, the file is opened for
    each read instead and checked against ``sig``)."""

    _KEEP_OPEN = hasattr(os, "pread")

    def __init__(self, fd: int | None, spans: Spans, where: Path, sig: Signature) -> None:
        self._fd = fd
        self.spans = spans
        self.where = where
        self._sig = sig
        self._heads: Recent[int, Meeting] = Recent(512)  # (the file never changes)
        if fd is not None:
            weakref.finalize(self, os.close, fd)

    @classmethod
    def open(cls, path: Path, spans: Spans, sig: Signature | None = None) -> FileRecords | None:
        """Records of regular file ``path`` if it is still in state ``sig`` (None otherwise;
        a copy, read without ``sig``, must have the size its spans were made for)."""
        fd = _open_state(path, sig)
        if fd is None:
            return None
        st = os.fstat(fd)
        state = (st.st_mtime_ns, st.st_size, st.st_ino)
        if spans.source == FROM_COPY and (
            st.st_size != spans.copy_size
            or (
                # (read whole only when its time or inode say it changed since it was written:
                # a copy of 400 MB took 0.15 s warm, seconds cold, on every command)
                (st.st_mtime_ns, st.st_ino & _U64) != (spans.copy_mtime_ns, spans.copy_ino)
                and _crc32(fd) != spans.copy_crc
            )
        ):
            # (a copy changed since it was made, whatever its size: what it holds would be
            # shown and exported as the database's)
            os.close(fd)
            return None
        if not cls._KEEP_OPEN:
            os.close(fd)
            return cls(None, spans, path, state)
        return cls(fd, spans, path, state)

    def changed(self) -> bool:
        if self._fd is None:  # opened for each read and checked then
            return False
        try:
            st = os.fstat(self._fd)
        except OSError:
            return True
        return (st.st_mtime_ns, st.st_size, st.st_ino) != self._sig

    def _bytes(self, offset: int, length: int) -> bytes:
        if self._fd is not None:
            return os.pread(self._fd, length, offset)
        fd = _open_state(self.where, self._sig)
        if fd is None:
            raise RecordsChanged(self.where, "the database changed while it was read")
        try:
            os.lseek(fd, offset, os.SEEK_SET)
            return os.read(fd, length)
        finally:
            os.close(fd)

    def _read(self, i: int) -> Any:
        import orjson

        offset, length = self.spans.offsets[i], self.spans.lengths[i]
        if offset + length > self._sig[1] or length > _RECORD_MAX:
            raise IndexCorrupt(self.where, "a record span outside the file")
        try:
            data = orjson.loads(self._bytes(offset, length))
        except (OSError, orjson.JSONDecodeError) as exc:
            raise IndexCorrupt(self.where, f"a record span that is not a record ({exc})") from None
        if not isinstance(data, dict):
            raise IndexCorrupt(self.where, "a record span that is not a record")
        return data

    def _meeting_doc(
        self, muid: int, group: range, keys: tuple[str, ...] | None = None
    ) -> Meeting | None:
        """The meeting record at the head of ``group`` (only ``keys`` of it, when given),
        without its proposals and history (kept in their own tables)."""
        if not group or self.spans.kinds[group.start] != MEETING:
            return None
        data = self._read(group.start)
        if keys is not None:
            data = {key: data[key] for key in keys if key in data}
        m: Meeting = _valid(Meeting.from_dict, data, self.where)
        m.proposals, m.history = [], []
        if record_uid("meeting", m.id) != muid:
            raise IndexCorrupt(self.where, f"meeting {m.id!r} found in another's place")
        return m

    @_checked
    def meeting(self, muid: int) -> Meeting | None:
        group = self.spans.group(muid)
        m = self._meeting_doc(muid, group)
        if m is None:
            return None
        kinds = self.spans.kinds
        seen: set[str] = set()
        for i in group[1:]:
            kind = kinds[i]
            if kind == PROPOSAL and not m.history:
                p: Proposal = _valid(Proposal.from_dict, self._read(i), self.where)
                if p.meeting_id != m.id or p.id in seen:
                    raise IndexCorrupt(self.where, f"proposal {p.id!r} found in another's place")
                seen.add(p.id)
                m.proposals.append(p)
            elif kind == CHANGE:
                change: Change = _valid(Change.from_dict, self._read(i), self.where)
                if change.meeting_id != m.id:
                    raise IndexCorrupt(self.where, f"change {change.id!r} found in another's place")
                m.history.append(change)
            else:  # another kind, or a proposal after the changes: not what was written
                raise IndexCorrupt(self.where, f"the records of meeting {m.id!r} are out of order")
        return m

    def _head(self, muid: int, group: range) -> Meeting | None:
        """What a list row shows of meeting ``muid`` (no summary, notes or goods), kept for
        the rows that follow: a meeting's proposals are often listed one after another."""
        found = self._heads.get(muid)
        if found is not None:
            return found
        m = self._meeting_doc(muid, group, _HEAD)
        if m is not None:
            self._heads.put(muid, m)
        return m

    @_checked
    def row(self, muid: int, pi: int | None) -> tuple[Meeting, Proposal | None] | None:
        group = self.spans.group(muid)
        m = self._head(muid, group)
        if m is None or pi is None:
            return None if m is None else (m, None)
        i = group.start + 1 + pi
        if not (pi >= 0 and i < group.stop and self.spans.kinds[i] == PROPOSAL):
            return None
        p = _valid(Proposal.from_dict, self._read(i), self.where)
        return m, p

    @_checked
    def record_id(self, muid: int, pi: int | None) -> str | None:
        """Read from the record itself, not built into one (a page of ids costs a few reads
        of a few hundred bytes)."""
        group = self.spans.group(muid)
        i = group.start if pi is None else group.start + 1 + pi
        want = MEETING if pi is None else PROPOSAL
        if not group or self.spans.kinds[group.start] != MEETING:
            return None
        if (pi is not None and pi < 0) or i >= group.stop:
            return None
        if self.spans.kinds[i] != want:
            return None
        found = self._read(i).get("id")
        if not isinstance(found, str):
            raise IndexCorrupt(self.where, "a stored record without an id")
        return found


def _open_state(path: Path, sig: Signature | None) -> int | None:
    """A descriptor on regular file ``path`` if it is in state ``sig`` (any state when
    None), opened so that nothing blocks (a pipe swapped in) or becomes a terminal."""
    from .storage import READ_FLAGS

    try:
        fd = os.open(path, READ_FLAGS)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
    except OSError:
        os.close(fd)
        return None
    state = (st.st_mtime_ns, st.st_size, st.st_ino)
    if not stat.S_ISREG(st.st_mode) or (sig is not None and state != tuple(sig)):
        os.close(fd)
        return None
    return fd


def _valid(make: Any, data: Any, where: Path | None) -> Any:
    try:
        return make(data)
    except (ValidationError, TypeError, ValueError, RecursionError) as exc:
        text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise IndexCorrupt(where, f"a stored record is not valid ({text[:160]})") from None
