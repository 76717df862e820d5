"""A write to a large database without building every record in memory.

A write reads the whole TinyDB file and writes it back whole, and most of it is records it
does not touch: an edit of one meeting at 100,000 meetings parsed 400 MB into 2.5 GB of
Python objects (4-8 s) to change a few of them. :func:`lazy_tables` reads such a file as
its tables of records, each meeting and proposal kept as its own bytes (msgspec's ``Raw``,
a view of the file's bytes: 0.5 GB and under a second) in a :class:`StoredRecord`. It
answers what TinyDB's queries and the store ask of every record, its ``id`` and
``meeting_id``, from those bytes, and turns into the record itself (parsed by orjson, as
a parse of the whole file would) the moment anything else reads it. :func:`dump_tables`
writes an untouched record back as the very bytes it came from.

Only a file known valid is read so: its search index vouches for this very state of it,
validated record by record when the index was built or by the writes since, and for these
very bytes (a checksum: not a file changed in place, its size and time kept), so a record
parsed later does not fail to parse (if it does, that is a CorruptDatabase naming it).
Anything else is parsed whole, as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import msgspec
import orjson

from .errors import CorruptDatabase
from .storage import ReadTables

LAZY_TABLES = ("meetings", "proposals")  # the ones with a record per meeting or proposal
_ABSENT: Any = object()  # (a field the record does not have)


class _Keys(msgspec.Struct):
    """What is read of every record as the file is read (the rest of it is skipped)."""

    id: Any = _ABSENT
    meeting_id: Any = _ABSENT


class _Who(msgspec.Struct):
    name: Any = ""  # (as ``get("name", "")`` reads it)
    role: Any = None


class _Glance(msgspec.Struct):
    """What the store's catalog reads of every meeting."""

    id: Any = None
    date: Any = None
    region: Any = None
    participants: list[_Who] = []
    trade: list[msgspec.Raw] | None = None


_read_keys = msgspec.json.Decoder(_Keys)
_read_glance = msgspec.json.Decoder(_Glance)
_read_tables = msgspec.json.Decoder(dict[str, dict[str, msgspec.Raw]])


class StoredRecord(dict[str, Any]):
    """A record of the file kept as its bytes until something reads more than its ``id``
    and ``meeting_id``; then the record itself (a dict), as a parse of the file makes it.

    Every way Python code reads a dict is answered so (``[]``, ``get``, ``in``, iteration,
    ``len``, ``dict(r)``, ``{**r}``, ``==``); what reads the dict's storage directly in C
    (an encoder) must ask :func:`record_json` instead."""

    __slots__ = ("_id", "_meeting_id", "_path", "_raw")

    def __init__(self, raw: msgspec.Raw, keys: _Keys, path: Path | None = None) -> None:
        super().__init__()
        self._raw: msgspec.Raw | None = raw
        self._id = keys.id
        self._meeting_id = keys.meeting_id
        self._path = path  # (the file it is of: named by an error)

    @property
    def parsed(self) -> bool:
        return self._raw is None

    def raw(self) -> bytes | None:
        """The record's bytes in the file, while it has not been parsed (None after)."""
        return None if self._raw is None else bytes(self._raw)

    def size(self) -> int | None:
        """How long the record is as written back untouched (None once parsed)."""
        return None if self._raw is None else len(memoryview(self._raw))

    def glance(self) -> _Glance | None:
        """The fields the catalog reads (None when they are not of the usual shape: the
        caller reads the record then)."""
        source = self._raw
        if source is None:
            return None
        try:
            return _read_glance.decode(source)
        except (msgspec.ValidationError, msgspec.DecodeError):
            return None

    def _parse(self) -> None:
        source = self._raw
        if source is not None:
            try:
                found = orjson.loads(memoryview(source))
            except orjson.JSONDecodeError as exc:  # (the file was validated: it changed since)
                raise CorruptDatabase(
                    self._path, f"record {self._id!r} is not valid JSON: {exc.msg}"
                ) from None
            dict.update(self, found)
            self._raw = None

    def _known(self, key: Any) -> Any:
        if key == "id":
            return self._id
        if key == "meeting_id":
            return self._meeting_id
        return _ABSENT

    def __getitem__(self, key: Any) -> Any:
        if self._raw is not None:
            found = self._known(key)
            if found is not _ABSENT:
                return found
            self._parse()
        return dict.__getitem__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        if self._raw is not None:
            found = self._known(key)
            if found is not _ABSENT:
                return found
            self._parse()
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        self._parse()
        return dict.__contains__(self, key)

    def __iter__(self) -> Iterator[str]:
        self._parse()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._parse()
        return dict.__len__(self)

    def __eq__(self, other: object) -> bool:
        self._parse()
        if isinstance(other, StoredRecord):
            other._parse()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # (as a dict's)

    def __repr__(self) -> str:
        self._parse()
        return dict.__repr__(self)

    def keys(self) -> Any:
        self._parse()
        return dict.keys(self)

    def values(self) -> Any:
        self._parse()
        return dict.values(self)

    def items(self) -> Any:
        self._parse()
        return dict.items(self)

    def copy(self) -> dict[str, Any]:
        self._parse()
        return dict(dict.items(self))

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._parse()
        dict.update(self, *args, **kwargs)

    def __setitem__(self, key: str, value: Any) -> None:
        self._parse()
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: str) -> None:
        self._parse()
        dict.__delitem__(self, key)

    def pop(self, key: str, *default: Any) -> Any:
        self._parse()
        return dict.pop(self, key, *default)

    def popitem(self) -> tuple[str, Any]:
        self._parse()
        return dict.popitem(self)

    def setdefault(self, key: str, default: Any = None) -> Any:
        self._parse()
        return dict.setdefault(self, key, default)

    def clear(self) -> None:
        self._raw = None
        dict.clear(self)

    def __or__(self, other: Any) -> Any:
        self._parse()
        return dict.__or__(self, other)

    def __ror__(self, other: Any) -> Any:
        self._parse()
        return dict.__ror__(self, other)

    def __ior__(self, other: Any) -> Any:
        self._parse()
        return dict.__ior__(self, other)

    def __reversed__(self) -> Iterator[str]:
        self._parse()
        return dict.__reversed__(self)

    def __reduce__(self) -> Any:  # (a copy or a pickle is of the record itself)
        self._parse()
        return (dict, (dict(dict.items(self)),))


class LazyTables(ReadTables):
    """A document of tables read by :func:`lazy_tables`, with the bytes it was read from
    (what a read of every record parses whole, as is faster then)."""

    def __init__(self, tables: dict[str, dict[str, Any]], payload: bytes, crc: int) -> None:
        super().__init__(tables, crc)
        self.payload = payload


def lazy_tables(payload: bytes, path: Path | None = None, crc: int = -1) -> LazyTables | None:
    """The document of tables in ``payload`` (the file at ``path``) with its meetings and
    proposals as :class:`StoredRecord`s (every other table parsed; ``crc``: the bytes'
    CRC-32); None when ``payload`` is not a JSON object of tables of records (the caller
    parses it whole, to say what is wrong)."""
    try:
        tables = _read_tables.decode(payload)
        out: dict[str, dict[str, Any]] = {}
        for name, docs in tables.items():
            lazy = name in LAZY_TABLES
            table: dict[str, Any] = {}
            for doc_id, raw in docs.items():
                view = memoryview(raw)
                if lazy and view[:1].tobytes() == b"{":
                    table[doc_id] = StoredRecord(raw, _read_keys.decode(raw), path)
                else:
                    table[doc_id] = orjson.loads(view)
            out[name] = table
    except (msgspec.DecodeError, msgspec.ValidationError, orjson.JSONDecodeError):
        return None
    return LazyTables(out, payload, crc)


def record_json(value: Any) -> Any:
    """orjson's ``default`` for what it is given as a subclass (``dump_tables``): a
    record untouched as its own bytes, anything else as the builtin it extends."""
    if isinstance(value, StoredRecord):
        raw = value.raw()
        return orjson.Fragment(raw) if raw is not None else dict(dict.items(value))
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list | tuple):
        return list(value)
    if isinstance(value, str):
        return str.__str__(value)  # (its value: an enum's ``str`` would be its name)
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    raise TypeError(f"Type is not JSON serializable: {type(value).__name__}")


def dump_tables(tables: Mapping[str, Any], option: int = 0) -> bytes:
    """``tables`` as JSON (orjson), each untouched :class:`StoredRecord` as its bytes."""
    return orjson.dumps(
        tables, default=record_json, option=option | orjson.OPT_PASSTHROUGH_SUBCLASS
    )


def record_size(doc: Any) -> int:
    """How long ``doc`` is in what :func:`dump_tables` writes."""
    if isinstance(doc, StoredRecord):
        size = doc.size()
        if size is not None:
            return size
    return len(orjson.dumps(doc, default=record_json))  # (a subclass as its value: the same)
