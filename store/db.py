"""The TinyDB store: open or create, seed, schema version, safe writes, locking, merging.

Layout of the TinyDB file (one JSON document of tables):

``meta``       one document: ``schema_version``, ``dataset_version`` and ``bundled``
               (id -> fingerprint of each bundled meeting as it was last seeded)
``meetings``   one document per meeting, without its proposals
``proposals``  one document per proposal, with ``meeting_id``
``history``    one document per recorded change of a meeting or its proposals (schema 2;
               see :mod:`coopbrowse.store.history`): what changed, when, and from where

Every write runs as one transaction: take the inter-process lock, read the current file, apply
the change through TinyDB's table API with a write-back cache, write the result atomically
once. Two processes therefore never lose each other's writes, and a crash leaves the old file.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import re
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field
from msgspec.structs import replace as struct_replace
from tinydb import Query

from . import history as hist
from .dataset import Dataset, bundled_version, load_bundled, record_hash, version_key
from .errors import (
    CorruptDatabase,
    DatabaseLocked,
    NothingToUndo,
    NotWritable,
    RecordChanged,
    RecordConflict,
    StoreError,
)
from .ids import fresh_proposal_ids
from .lazy import LazyTables, StoredRecord
from .model import (
    Change,
    FollowUp,
    Meeting,
    Proposal,
    ValidationError,
    stored_meeting,
    stored_proposal,
    stored_reader,
)
from .records import (
    SHALLOW,
    LayoutMismatch,
    Signature,
    Spans,
    Table,
    parse_record,
    record_bytes,
    scan_tables,
    spans_of,
)
from .schema import newest_first
from .storage import (
    SCHEMA_VERSION,
    AtomicJSONStorage,
    ReadTables,
    check_tables,
    parse_json_bytes,
    protect_database,
    read_file_bytes,
    write_lock,
)
from .text import one_line

META, MEETINGS, PROPOSALS, HISTORY = "meta", "meetings", "proposals", "history"
# a meeting's id, first in its record as coopbrowse writes it (a JSON string without escapes:
# one with any is left to a whole parse)
_LEADING_ID = re.compile(rb'\{"id":"([^"\\]*)"')
# a proposal's meeting id, second in its record as coopbrowse writes it
_LEADING_OWNER = re.compile(rb'\{"id":"[^"\\]*","meeting_id":"([^"\\]*)"')


def _leading_all(
    pattern: re.Pattern[bytes], payload: bytes, starts: Iterable[int]
) -> list[str | None]:
    """The id ``pattern`` finds at the start of the record at each of ``starts`` (a JSON
    string with no escapes), or None (matched in one pass: a first open of 100,000 meetings
    reads 600,000)."""
    try:
        return [
            found[1].decode() if found else None
            for found in map(pattern.match, itertools.repeat(payload), starts)
        ]
    except UnicodeDecodeError:  # (not UTF-8: the record does not parse either)
        raise LayoutMismatch from None


class Stream(Struct):
    """The database as :meth:`Store.stream` reads it: its meetings one at a time, and the
    bytes and tables they come from (where each record is: :mod:`coopbrowse.store.records`)."""

    signature: Signature
    meta: dict[str, Any]
    count: int
    meetings: Iterator[Meeting]
    payload: bytes
    tables: dict[str, Any] | None  # as parsed whole (None: found by a scan)
    # where each record is in ``payload`` (found by a scan), worked out when called: a first
    # open does it while Tantivy commits the meetings (see SearchIndex.build)
    locate: Callable[[], Spans] | None = None


def _migrate_1(raw: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 -> 2: proposal statuses become the follow-up workflow's (``ongoing`` is
    ``in-progress``, ``assigned`` is ``agreed``, ``done`` is ``implemented``), every proposal
    gets an empty follow-up, and an empty history table is added. The fingerprints of
    bundled meetings the user never edited are renewed, so they still follow the dataset."""
    from .taxonomy import LEGACY_STATUSES

    meetings = raw.get(MEETINGS, {})
    proposals = raw.get(PROPOSALS, {})
    by_meeting: dict[Any, list[dict[str, Any]]] = {}
    for doc in proposals.values():
        if isinstance(doc, dict):
            by_meeting.setdefault(doc.get("meeting_id"), []).append(doc)
    meta = next(iter(raw.get(META, {}).values()), None)
    bundled = meta.get("bundled") if isinstance(meta, dict) else None
    old_hashes: dict[str, str] = {}
    if isinstance(bundled, dict):
        for doc in meetings.values():
            mid = doc.get("id") if isinstance(doc, dict) else None
            if isinstance(mid, str) and bundled.get(mid):
                record = {**doc, "proposals": list(by_meeting.get(mid, []))}
                old_hashes[mid] = record_hash(record)
    for doc in proposals.values():
        if not isinstance(doc, dict):
            continue
        status = doc.get("status")
        if isinstance(status, str) and status in LEGACY_STATUSES:
            doc["status"] = LEGACY_STATUSES[status]
        doc.setdefault("status_from_article", False)
        doc.setdefault("follow_up", [])
        doc.setdefault("raised_again", [])
    raw.setdefault(HISTORY, {})
    if isinstance(bundled, dict):
        for doc in meetings.values():
            mid = doc.get("id") if isinstance(doc, dict) else None
            if mid in old_hashes and old_hashes[mid] == bundled.get(mid):
                record = {**doc, "proposals": list(by_meeting.get(mid, []))}
                with contextlib.suppress(ValidationError):  # reported when it is read
                    bundled[mid] = record_hash(Meeting.from_dict(record).to_dict())
    return raw


# Forward migrations: MIGRATIONS[n] turns a schema-n document of tables into schema n+1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _migrate_1}


class _Unchanged(Exception):
    """Ends a transaction that has nothing to write (nothing is written)."""


class WriteReport(Struct):
    """What a write did, by meeting id."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # bundled updates not applied: user edited
    # put_meetings: the id of the meeting each updated or skipped one was found to be
    matched: dict[str, str] = field(default_factory=dict)


class _Snapshot(Struct):
    signature: Signature
    meetings: list[Meeting]
    by_id: dict[str, Meeting]
    proposals_by_id: dict[str, Proposal]
    meta: dict[str, Any]


if TYPE_CHECKING:
    from tinydb import TinyDB


def _open_batched(path: Path, read: dict[str, Any] | None = None) -> TinyDB:
    """TinyDB over the atomic storage with a write-back cache that writes only when flushed
    (so a transaction is one atomic write). ``read``: the file's document of tables, parsed
    already (by the caller, who checked that the file has not changed since). Imported here:
    reading needs no TinyDB."""
    from tinydb import TinyDB
    from tinydb.middlewares import CachingMiddleware

    class Batched(CachingMiddleware):
        WRITE_CACHE_SIZE = 1 << 62

    storage = Batched(AtomicJSONStorage)  # type: ignore[no-untyped-call]
    db = TinyDB(path, storage=storage)  # calls the middleware: it opens the file storage
    if read is not None:
        storage.cache = read
    return db


def _refuse_read_only(path: Path) -> None:
    """A database whose file has no write permission for anyone, or not for us, is never
    rewritten (an atomic replace would succeed anyway: it needs only the directory)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # missing: it is being created
    if not mode & 0o222:
        raise NotWritable(
            path, f"the database is read-only (mode {mode & 0o777:04o}); nothing was changed"
        )
    if not os.access(path, os.W_OK):  # (root may write anything: but not an immutable file)
        why = "not writable by this user" if os.geteuid() != 0 else "marked unchangeable"
        raise NotWritable(
            path,
            f"the database is read-only ({why}, though its mode is {mode & 0o777:04o}); "
            "nothing was changed",
        )


def _validated(path: Path, signature: Signature, crc: int | None = None) -> bool:
    from .library import vouches

    return vouches(path, signature, crc)


EARLIEST_FOLLOW_UP = "1991-12-08"  # no Belarus–Russian-region meeting is older (the CIS)


def check_follow_up(date: str, url: str, meeting_date: str, today: str, latest: str = "") -> None:
    """A follow-up happens after its meeting, not after today (a meeting still to come can
    be followed up before it) and not before the proposal's ``latest`` follow-up (the steps,
    and the status, follow their dates), and its source is a web address (what a briefing
    links to). Raises StoreError naming the field."""
    if date > today:
        raise StoreError(None, f"date: {date} is in the future (today is {today})")
    if meeting_date and date < meeting_date <= today:
        raise StoreError(None, f"date: {date} is before the proposal's meeting ({meeting_date})")
    if date < EARLIEST_FOLLOW_UP:  # (a meeting still to come: not any date before it)
        raise StoreError(None, f"date: {date} is before {EARLIEST_FOLLOW_UP}, not a follow-up's")
    if date < latest:
        raise StoreError(
            None, f"date: {date} is before the latest follow-up ({latest}) of this proposal"
        )
    if url and not re.match(r"https?://\S+$", url):
        raise StoreError(None, f"url: expected an http(s) address, got {url!r}")


class Store:
    """A coopbrowse database at ``path``. Cheap to construct; ``open`` checks and seeds it."""

    def __init__(self, path: Path | str) -> None:
        path = Path(path)
        # Write through a symlink to its target (replacing the link would detach it). A link
        # that cannot be resolved (a loop) stays as given: opening it says what it is.
        try:
            self.path = path.resolve() if path.is_symlink() else path
        except (OSError, RuntimeError):  # RuntimeError: a loop, on Python < 3.13
            self.path = path
        protect_database(self.path)  # (no export may be written over it)
        self._snapshot: _Snapshot | None = None
        self._pending: tuple[Signature, Any] | None = None
        self.merge_report: WriteReport | None = None
        # what the current transaction changed, for the search index (see _transaction)
        self._removed: list[str] = []
        self._added: list[Meeting] = []
        # How a write waits for another writer's lock (the app shows it and can cancel):
        # ``lock_waiting(pid or None)`` is called once when the wait starts; setting
        # ``lock_cancelled`` ends it with WriteCancelled; ``lock_timeout`` caps it.
        self.lock_waiting: Callable[[int | None], None] | None = None
        self.lock_cancelled: threading.Event | None = None
        self.lock_timeout = 10.0
        self.lock_held: Callable[[], None] | None = None  # called once the lock is taken
        # an older database that cannot be rewritten (read-only) is migrated as it is read
        self._migrate_on_read = False

    # Opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        bundled: Dataset | None = None,
        seed: bool = True,
        checked: Store | None = None,
    ) -> Store:
        """Open the database, creating and seeding it from the bundled dataset if missing.
        ``checked``: what :meth:`preflight` gave for it (its read of the file is used again
        when the file is unchanged since).

        Raises :class:`CorruptDatabase` (file untouched) when it cannot be read,
        :class:`NotWritable` when it must be created where it cannot be.
        """
        store = cls(path)
        if checked is not None and checked.path == store.path:
            store = checked
        if store.path.is_dir():
            raise CorruptDatabase(store.path, "is a directory, not a database file")
        if not store.path.exists():
            if store.path.is_symlink():  # a loop (a dangling link was resolved above)
                read_file_bytes(store.path)  # raises CorruptDatabase saying what it is
            store._create(bundled if bundled is not None else load_bundled(), seed=seed)
        meta = store._check()
        if meta["schema_version"] < SCHEMA_VERSION:
            try:
                _refuse_read_only(store.path)
            except NotWritable:  # a read-only file is read as migrated, and left as it is
                store._migrate_on_read = True
                store._pending = store._read()
            else:  # (any other failure to write, a full disk, is said as it is)
                store._migrate()
        # Every record is validated before anything may write to the file, unless this
        # very state of the file was validated already: when its search index was built
        # from it (or kept up by the validated writes since), at 100,000 meetings a saving
        # of 25 s and 2 GB on every write.
        pending = store._pending
        if pending is None or not _validated(store.path, pending[0]):
            store.load()
        if seed and meta.get("follow_bundled", True):
            version = bundled.version if bundled is not None else bundled_version()
            if version_key(version) > version_key(str(meta.get("dataset_version", ""))):
                data = bundled if bundled is not None else load_bundled()
                # A read-only or busy database stays as it is; the merge is retried next time.
                with contextlib.suppress(NotWritable, DatabaseLocked):
                    store.merge_report = store.merge_dataset(data, lock_timeout=1.0)
                store.load()
        return store

    def _create(self, dataset: Dataset, *, seed: bool) -> None:
        """A new database, in an existing directory: only the platform's default place is
        created when missing (a mistyped ``--db`` must not look like a fresh, empty
        database)."""
        parent = self.path.parent
        if not parent.is_dir():
            from .paths import default_db_path

            if self.path != default_db_path():
                why = "is not a directory" if parent.exists() else "does not exist"
                raise NotWritable(self.path, f"cannot create the database: {parent} {why}")
            try:
                parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise NotWritable(parent, f"cannot create directory: {exc.strerror}") from None
        with self._transaction() as db:
            if db.storage.read():  # another process created it while we waited
                return
            db.table(META).insert(
                {
                    "schema_version": SCHEMA_VERSION,
                    "dataset_version": dataset.version if seed else "",
                    "follow_bundled": seed,
                    "bundled": {},
                    "generation": 0,
                }
            )
            if seed:
                self._merge_into(db, dataset, WriteReport())

    @staticmethod
    def refuse_read_only(path: Path | str) -> None:
        """Raise :class:`NotWritable` when the database file at ``path`` is read-only (what
        saving would find, said before an edit begins), reading nothing."""
        _refuse_read_only(Path(path))

    @classmethod
    def preflight(cls, path: Path | str) -> Store:
        """Say now what would stop a write to the database at ``path`` (a directory, a file
        that is not a database, a read-only file), writing nothing: :meth:`open` may write
        (a migration, a newer bundled dataset merged), which must wait until there is
        something to save. A missing database is no obstacle: it is made when saving.
        Returns the store that read it, for :meth:`open` (``checked``): at 100,000 meetings
        a parse of 6 s not made twice."""
        store = cls(path)
        if store.path.is_dir():
            raise CorruptDatabase(store.path, "is a directory, not a database file")
        if not store.path.exists():
            return store
        store._check()
        _refuse_read_only(store.path)
        return store

    def _check(self) -> dict[str, Any]:
        """Read the file (unless it is as last read) and validate its envelope; return the
        meta document."""
        if self._pending is None or self._pending[0] != self._signature():
            self._pending = self._read()
        return self._meta_of(self._pending[1])

    def _read(self) -> tuple[Signature, Any]:
        """``(signature, document of tables)`` of the file as it is now (the signature is
        the one of the bytes read: a file replaced while reading is read again). A file
        validated in this very state (its index vouches for it) is read with its meetings
        and proposals kept as their bytes until used (see :mod:`coopbrowse.store.lazy`):
        at 100,000 meetings, 0.6 GB and a second where a parse takes 2.5 GB and 4-8 s."""
        signature, data = self._read_payload()
        crc = zlib.crc32(data)  # (0.1 s at 400 MB)
        if not self._migrate_on_read and _validated(self.path, signature, crc):
            from .lazy import lazy_tables

            lazy = lazy_tables(data, self.path, crc)
            if lazy is not None:
                return signature, lazy
        tables = check_tables(self.path, parse_json_bytes(self.path, data))
        if self._migrate_on_read:
            tables = self._migrated(tables)
        return signature, ReadTables(tables, crc)

    def _read_payload(self) -> tuple[Signature, bytes]:
        """``(signature, the file's bytes)``, read in one state of the file."""
        for _attempt in range(5):
            signature = self._signature()
            try:
                data = read_file_bytes(self.path)
            except FileNotFoundError:
                raise CorruptDatabase(self.path, "database file has disappeared") from None
            if self._signature() == signature:
                break
        return signature, data

    def _meta_of(self, raw: dict[str, Any]) -> dict[str, Any]:
        metas = list(raw.get(META, {}).values())
        if not metas:
            known = {MEETINGS, PROPOSALS} & raw.keys()
            why = "no schema version recorded" if known else "no 'meta' table"
            raise CorruptDatabase(self.path, f"wrong shape: {why} (not a coopbrowse database?)")
        meta = metas[0]
        version = meta.get("schema_version") if isinstance(meta, dict) else None
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise CorruptDatabase(self.path, f"wrong shape: bad schema_version {version!r}")
        if version > SCHEMA_VERSION:
            raise CorruptDatabase(
                self.path,
                f"written by a newer coopbrowse (schema {version}; this version reads up to "
                f"{SCHEMA_VERSION}): upgrade coopbrowse",
            )
        bundled = meta.get("bundled", {})
        if not isinstance(bundled, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in bundled.items()
        ):
            raise CorruptDatabase(self.path, "wrong shape: meta.bundled is not a map of ids")
        for table in (MEETINGS, PROPOSALS, HISTORY):
            if not isinstance(raw.get(table, {}), dict):
                raise CorruptDatabase(self.path, f"wrong shape: table {table!r} is not an object")
        return dict(meta)

    def _migrate(self) -> None:
        _refuse_read_only(self.path)
        with write_lock(self.path):
            storage = AtomicJSONStorage(self.path)
            storage.write(self._migrated(storage.read() or {}))
        self._snapshot = None

    def _migrated(self, raw: dict[str, Any]) -> dict[str, Any]:
        """``raw`` (a document of tables) in the current schema."""
        version = self._meta_of(raw)["schema_version"]
        while version < SCHEMA_VERSION:
            raw = MIGRATIONS[version](raw)
            version += 1
            next(iter(raw[META].values()))["schema_version"] = version
        return raw

    # Reading ---------------------------------------------------------------------------

    def _signature(self) -> Signature:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            raise CorruptDatabase(self.path, "database file has disappeared") from None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def load(self) -> _Snapshot:
        """Read and validate the whole database (kept until the file changes)."""
        signature = self._signature()
        if self._snapshot is not None and self._snapshot.signature == signature:
            return self._snapshot
        return self._load(signature)

    def _load(self, signature: Signature) -> _Snapshot:
        pending, self._pending = self._pending, None
        signature, raw = (
            pending if pending is not None and pending[0] == signature else self._read()
        )
        if isinstance(raw, LazyTables):  # every record is built: faster from a whole parse
            raw = check_tables(self.path, parse_json_bytes(self.path, raw.payload))
        meta = self._meta_of(raw)
        meetings = list(self._records(raw))
        by_id = {m.id: m for m in meetings}
        proposals = {p.id: p for m in meetings for p in m.proposals}
        meetings.sort(key=newest_first, reverse=True)  # as lists show
        self._snapshot = _Snapshot(signature, meetings, by_id, proposals, meta)
        return self._snapshot

    def stream(self, *, scan: bool = True) -> Stream:
        """The database as it is now, one meeting at a time (each validated, with its
        proposals) without holding them all, with the bytes they come from and where each
        record is in them. What builds the search index. Raises :class:`CorruptDatabase` as
        :meth:`load` does, while iterating for a bad record.

        ``scan``: find the records in the bytes and parse them one by one (see
        :func:`~coopbrowse.store.records.scan_tables`), where the layout allows, and not the
        whole file at once. Iterating may then raise
        :class:`~coopbrowse.store.records.LayoutMismatch`: stream again with ``scan=False``."""
        signature, payload = self._read_payload()
        layout = scan_tables(payload) if scan else None
        if layout is not None:
            with contextlib.suppress(LayoutMismatch):
                return self._scanned(signature, payload, layout)
        raw = check_tables(self.path, parse_json_bytes(self.path, payload))
        meta = self._meta_of(raw)
        count = len(raw.get(MEETINGS, {}))
        return Stream(signature, meta, count, self._records(raw), payload, raw)

    def _scanned(self, signature: Signature, payload: bytes, layout: dict[str, Table]) -> Stream:
        """:meth:`stream` from records found by a scan: the meta and history tables are
        parsed now, a record at a time; the meetings as they are iterated, each with its
        proposals (grouped by the meeting id read at the start of each)."""

        def load(where: tuple[int, int, str | None]) -> Any:
            """The record at ``(start, stop)``, whose meeting id was read as ``owner``."""
            start, stop, owner = where
            doc = parse_record(payload, start, stop)
            if owner is not None and (not isinstance(doc, dict) or doc.get("meeting_id") != owner):
                raise LayoutMismatch  # (the meeting's id given twice, say)
            return doc

        def fast(where: tuple[int, int, str | None]) -> Any:
            """The proposal record at ``where``, read by msgspec when it is in the form
            coopbrowse writes, else parsed for from_dict (see model.stored_proposal)."""
            start, stop, owner = where
            found = stored_proposal(record_bytes(payload, start, stop))
            if found is not None and (owner is None or found.meeting_id == owner):
                return found
            return load(where)

        def parsed(table: Table) -> dict[str, Any]:
            zipped = zip(table.ids, table.starts, table.stops, strict=True)
            return {doc_id: load((start, stop, None)) for doc_id, start, stop in zipped}

        empty = Table()
        tables = {name: parsed(t) if name == META else {} for name, t in layout.items()}
        meta = self._meta_of(tables)
        for name, table in layout.items():
            if name not in (META, MEETINGS, PROPOSALS, HISTORY):
                parsed(table)  # not ours, but part of the file: it must parse
        changes = parsed(layout.get(HISTORY, empty))
        owners: dict[str, list[Any]] = {
            HISTORY: [
                d.get("meeting_id") if isinstance(d, dict) else None for d in changes.values()
            ],
            PROPOSALS: [],
            MEETINGS: [],
        }
        by_meeting: dict[Any, list[tuple[str, Any]]] = {}
        table = layout.get(PROPOSALS, empty)
        leading = _leading_all(_LEADING_OWNER, payload, table.starts)  # (second, as we write)
        for doc_id, start, stop, owner in zip(
            table.ids, table.starts, table.stops, leading, strict=True
        ):
            mid: Any = owner
            if owner is None:  # written otherwise: parsed now, and again with its meeting
                doc = load((start, stop, None))
                mid = doc.get("meeting_id") if isinstance(doc, dict) else None
            owners[PROPOSALS].append(mid)
            group = by_meeting.setdefault(mid if isinstance(mid, str) else None, [])
            group.append((doc_id, (start, stop, owner)))
        meetings = layout.get(MEETINGS, empty)
        ids = _leading_all(_LEADING_ID, payload, meetings.starts)  # (first, as we write it)
        if None in ids:  # (an id with an escape in it, say)
            raise LayoutMismatch
        owners[MEETINGS] = ids

        whole = memoryview(payload)
        meeting_of, proposal_of = stored_reader(Meeting), stored_reader(Proposal)

        def stored(group: list[tuple[str, Any]]) -> list[Proposal] | None:
            """A meeting's proposals, all in the form coopbrowse writes them, or None (each
            is then read as ``fast`` reads it): one call a meeting, not a few a record."""
            found: list[Proposal] = []
            for _doc_id, (start, stop, owner) in group:
                p = proposal_of(whole[start:stop]) if stop - start < SHALLOW else None
                if p is None or (owner is not None and p.meeting_id != owner):
                    return None
                found.append(p)
            return found

        def meeting_docs() -> Iterator[tuple[str, Any]]:
            ids = owners[MEETINGS]
            for n, doc_id in enumerate(meetings.ids):
                start, stop = meetings.starts[n], meetings.stops[n]
                if stop - start < SHALLOW:
                    found = meeting_of(whole[start:stop])
                else:
                    found = stored_meeting(record_bytes(payload, start, stop))
                if found is not None and found.id == ids[n]:
                    yield doc_id, found  # (read by msgspec: see model.stored_meeting)
                    continue
                doc = load((start, stop, None))
                if not isinstance(doc, dict) or doc.get("id") != ids[n]:
                    raise LayoutMismatch  # (the id given twice, say)
                yield doc_id, doc

        history = self._history({HISTORY: changes})
        records = self._assemble(meeting_docs(), by_meeting, history, fast, stored)
        locate = functools.partial(spans_of, layout, owners)
        return Stream(signature, meta, len(meetings), records, payload, None, locate)

    def _records(self, raw: dict[str, Any]) -> Iterator[Meeting]:
        """Every meeting of a document of tables, validated, with its proposals; every
        problem is a :class:`CorruptDatabase` naming the record."""
        by_meeting: dict[Any, list[tuple[str, Any]]] = {}
        for doc_id, doc in raw.get(PROPOSALS, {}).items():
            mid = doc.get("meeting_id") if isinstance(doc, dict) else None
            by_meeting.setdefault(mid if isinstance(mid, str) else None, []).append((doc_id, doc))
        return self._assemble(
            iter(raw.get(MEETINGS, {}).items()), by_meeting, self._history(raw), lambda doc: doc
        )

    def _assemble(
        self,
        meetings: Iterator[tuple[str, Any]],
        by_meeting: dict[Any, list[tuple[str, Any]]],
        changes: dict[str, list[Change]],
        load: Callable[[Any], Any],
        stored: Callable[[list[tuple[str, Any]]], list[Proposal] | None] | None = None,
    ) -> Iterator[Meeting]:
        """The meetings (``(TinyDB id, document)``), validated, each with its proposals
        (``by_meeting``: ``(TinyDB id, what ``load`` makes the document of)`` by meeting id)
        and its recorded changes; every problem is a :class:`CorruptDatabase` naming the
        record. ``stored``: a meeting's proposals read at once when they allow, else None."""
        seen_meetings: set[str] = set()
        seen_proposals: set[str] = set()

        def proposal(doc_id: str, where: Any) -> Proposal:
            doc = load(where)
            try:
                found = doc if isinstance(doc, Proposal) else Proposal.from_dict(doc)
            except ValidationError as exc:
                named = _named(doc)
                raise CorruptDatabase(
                    self.path, f"proposals record {doc_id}{named}: {exc}"
                ) from None
            return once(doc_id, found)

        def once(doc_id: str, found: Proposal) -> Proposal:
            if found.id in seen_proposals:
                raise CorruptDatabase(
                    self.path, f"proposals record {doc_id}: duplicate proposal id {found.id!r}"
                )
            seen_proposals.add(found.id)
            return found

        for doc_id, doc in meetings:
            try:
                meeting = doc if isinstance(doc, Meeting) else Meeting.from_dict(doc)
            except ValidationError as exc:
                named = _named(doc)  # (the record's own id, when it has one: not TinyDB's)
                raise CorruptDatabase(
                    self.path, f"meetings record {doc_id}{named}: {exc}"
                ) from None
            if meeting.id in seen_meetings:
                raise CorruptDatabase(
                    self.path, f"meetings record {doc_id}: duplicate meeting id {meeting.id!r}"
                )
            seen_meetings.add(meeting.id)
            group = by_meeting.pop(meeting.id, [])
            props = stored(group) if stored is not None else None
            if props is None:
                props = [proposal(i, d) for i, d in group]
            else:
                props = [once(pid, p) for p, (pid, _where) in zip(props, group, strict=True)]
            meeting.proposals = props
            meeting.history = changes.get(meeting.id, [])
            yield meeting
        for orphans in by_meeting.values():  # proposals of no meeting
            for doc_id, where in orphans:
                found = proposal(doc_id, where)
                raise CorruptDatabase(
                    self.path,
                    f"proposals record {doc_id}: meeting {found.meeting_id!r} does not exist",
                )

    def _history(self, raw: dict[str, Any]) -> dict[str, list[Change]]:
        """The history table by meeting id, each meeting's changes oldest first."""
        out: dict[str, list[Change]] = {}
        for change in self._changes(raw):
            out.setdefault(change.meeting_id, []).append(change)
        return out

    def history(self, record_id: str) -> list[Change]:
        """Every recorded change that concerns a meeting or proposal, oldest first (a
        deleted meeting's too)."""
        signature, raw = self._read()
        self._meta_of(raw)
        self._pending = (signature, raw)  # an undo that follows at once reuses the read
        return [c for c in self._changes(raw) if c.touches(record_id)]

    def _changes(self, raw: dict[str, Any]) -> list[Change]:
        """Every change in the history table, in the order recorded."""
        out = []
        for doc_id, doc in raw.get(HISTORY, {}).items():
            try:
                out.append(Change.from_dict(doc))
            except ValidationError as exc:
                raise CorruptDatabase(self.path, f"history record {doc_id}: {exc}") from None
        return out

    def meetings(self) -> list[Meeting]:
        """Every meeting with its proposals, newest first."""
        return self.load().meetings

    def meeting(self, meeting_id: str) -> Meeting | None:
        return self.load().by_id.get(meeting_id)

    def proposal(self, proposal_id: str) -> Proposal | None:
        return self.load().proposals_by_id.get(proposal_id)

    def proposals(self) -> list[Proposal]:
        """Every proposal, in meeting order (newest meeting first)."""
        return [p for m in self.meetings() for p in m.proposals]

    @property
    def meta(self) -> dict[str, Any]:
        """The meta document as loaded (schema and dataset versions, generation)."""
        return dict(self.load().meta)

    @property
    def signature(self) -> Signature:
        """The file's ``(mtime_ns, size, inode)`` as last loaded."""
        return self.load().signature

    @property
    def schema_version(self) -> int:
        return int(self.load().meta["schema_version"])

    @property
    def dataset_version(self) -> str:
        return str(self.load().meta.get("dataset_version", ""))

    # Writing ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self, lock_timeout: float | None = None) -> Iterator[TinyDB]:
        """Lock, read the current file, let the caller change it, write it atomically once.

        Every transaction bumps the database's ``generation``; then, still under the lock,
        the search index is brought up to date with what changed (see
        :func:`coopbrowse.store.library.after_write`).
        """
        _refuse_read_only(self.path)
        with write_lock(
            self.path,
            timeout=self.lock_timeout if lock_timeout is None else lock_timeout,
            waiting=self.lock_waiting,
            cancelled=self.lock_cancelled,
        ):
            if self.lock_held is not None:
                self.lock_held()
            before = self._signature() if self.path.exists() else None
            self._removed, self._added = [], []
            # the file as last read, if it has not changed since (a parse saved: 7 s at 100k),
            # else read again now (let go of the old read first: a write that waited for
            # another's lock held both, 3.2 GB at 100k), as its records' bytes if vouched for
            pending, self._pending = self._pending, None
            read = pending[1] if pending is not None and pending[0] == before else None
            if read is None and before is not None:
                pending = None
                read = self._read()[1]
            db = _open_batched(self.path, read)
            yield db
            meta_table = db.table(META)
            metas = meta_table.all()
            meta: dict[str, Any] = dict(metas[0]) if metas else {}
            if metas:
                generation = meta.get("generation", 0)
                meta["generation"] = generation + 1 if isinstance(generation, int) else 1
                meta_table.update({"generation": meta["generation"]}, doc_ids=[metas[0].doc_id])
            count = len(db.table(MEETINGS))
            db.storage.flush()  # type: ignore[attr-defined]  # the write-back cache's
            self._snapshot = None
            if before is not None and metas:
                from .library import after_write

                after = self._signature()
                tables = db.storage.cache  # type: ignore[attr-defined]  # what was written
                crc = db.storage.storage.crc  # type: ignore[attr-defined]  # of those bytes
                removed, added = self._removed, self._added
                was = read.crc if isinstance(read, ReadTables) else -1  # (of the bytes read)
                after_write(self, before, after, meta, count, removed, added, tables, crc, was)
            self._removed, self._added = [], []

    def put_meetings(
        self,
        meetings: Iterable[Meeting],
        *,
        update: bool = False,
        origin: str = "import --update",
        new_proposals: bool = False,
        record_added: bool = False,
    ) -> WriteReport:
        """Add meetings (with their proposals) in one atomic write.

        A meeting that already exists (same id, or same date, region and host) is skipped,
        or replaced when ``update`` is true; each replacement that changes something is
        recorded in the history as coming from ``origin``. History that comes with a meeting
        (``list --json --history``) is kept. Returns what happened to each. A proposal id
        that another meeting already uses raises :class:`RecordConflict`; nothing is written.
        ``new_proposals``: the proposals of a replacement are new ones (a fresh draft of the
        meeting), given ids the meeting has never had, not taken for edits of the old ones.
        ``record_added``: a meeting added (not replacing one) is recorded as a change from
        ``origin`` too (where it came from, and undo removes it); a bulk import is not.
        """
        incoming = list(meetings)
        try:
            with self._transaction() as db:
                raw = self._check_tables(db)
                report, to_remove, to_insert = _plan(
                    Catalog.of(self.path, raw), incoming, update, self.path
                )
                if not to_remove and not to_insert:
                    # every meeting skipped: the file is left as it is (a write bumped its
                    # generation, and the next command indexed the database again for it)
                    raise _Unchanged
                to_insert = self._with_history(
                    db, raw, report, to_insert, origin, new_proposals, record_added
                )
                self._apply(db, to_remove, to_insert)
        except _Unchanged:
            pass
        return report

    def _with_history(
        self,
        db: TinyDB,
        raw: dict[str, Any],
        report: WriteReport,
        meetings: list[Meeting],
        origin: str,
        new_proposals: bool = False,
        record_added: bool = False,
    ) -> list[Meeting]:
        """The meetings to insert, each with its whole history: what was recorded for it
        (or for the meeting it replaces), what it brings along, and the change it makes
        now, which is written to the history table (an addition only ``record_added``)."""
        updated = set(report.updated)
        replaced = {m.id: report.matched.get(m.id, m.id) for m in meetings if m.id in updated}
        nothing = not (replaced or record_added or any(m.history for m in meetings))
        if nothing and not raw.get(HISTORY):
            return meetings  # the common bulk import: nothing to record, nothing to carry
        stored = self._stored(raw, set(replaced.values()))
        histories = self._history(raw)
        known = {c.id for cs in histories.values() for c in cs}
        table = db.table(HISTORY)
        out: list[Meeting] = []
        recorded: list[Change] = []
        for m in meetings:
            old_id = replaced.get(m.id, m.id)
            past = histories.get(old_id, [])
            if old_id != m.id:  # replaced under another id: its history follows it
                table.update({"meeting_id": m.id}, Query().meeting_id == old_id)
                past = [struct_replace(c, meeting_id=m.id) for c in past]
            brought = [struct_replace(c, meeting_id=m.id) for c in m.history if c.id not in known]
            known.update(c.id for c in brought)
            entries = list(brought)
            if new_proposals and (m.id in replaced or past):
                # a fresh draft of a meeting stored now or before (deleted since): its
                # proposals take ids the meeting never had, and none inherits a history
                before = stored.get(old_id) or {"proposals": []}
                used = {p["id"] for p in before["proposals"]}.union(
                    *(c.proposal_ids() for c in past)
                )
                m = fresh_proposal_ids(m, {p.id for p in m.proposals} & used, used)
            if m.id in replaced:
                changes = hist.diff(stored.get(old_id), m.to_dict())
                if changes and not _explained(stored.get(old_id), m, brought):
                    entries.append(hist.entry(m.id, origin, changes))
            elif record_added:
                added = {k: v for k, v in m.to_dict().items() if k != "history"}
                entries.append(hist.entry(m.id, origin, hist.diff(None, added)))
            recorded += entries
            whole = sorted([*past, *entries], key=lambda c: c.at)
            out.append(struct_replace(m, history=whole))
        if recorded:
            table.insert_multiple(c.to_dict() for c in recorded)
        return out

    def _stored(self, raw: dict[str, Any], ids: set[str]) -> dict[str, dict[str, Any]]:
        """The stored meetings ``ids`` in ``to_dict`` form (proposals nested, no history),
        read from a document of tables in one pass."""
        found: dict[str, dict[str, Any]] = {}
        if not ids:
            return found
        for doc in raw.get(MEETINGS, {}).values():
            if isinstance(doc, dict) and doc.get("id") in ids:
                found[doc["id"]] = {**doc, "proposals": []}
        for doc in raw.get(PROPOSALS, {}).values():
            if isinstance(doc, dict) and doc.get("meeting_id") in found:
                found[doc["meeting_id"]]["proposals"].append(dict(doc))
        out = {}
        for mid, data in found.items():
            try:
                out[mid] = Meeting.from_dict(data).to_dict()
            except ValidationError as exc:
                raise CorruptDatabase(self.path, f"meeting {mid}: {exc}") from None
        return out

    # Editing, undo and follow-up -------------------------------------------------------

    def edit_meeting(
        self,
        meeting: Meeting,
        *,
        origin: str = "edit",
        expected: dict[str, Any] | None = None,
    ) -> Change | None:
        """Replace stored meeting ``meeting.id`` by ``meeting`` (its proposals included) in
        one atomic write, recording the change; None when nothing differs (nothing is
        written). ``expected``: the meeting as the editor read it (``to_dict``); when the
        stored one differs, :class:`RecordChanged` is raised and nothing is written."""
        try:
            with self._transaction() as db:
                raw = self._check_tables(db)
                current = self._stored(raw, {meeting.id}).get(meeting.id)
                if current is None:
                    raise StoreError(self.path, f"no meeting {meeting.id!r} (deleted meanwhile?)")
                if expected is not None and current != expected:
                    raise RecordChanged(self.path, meeting.id, current)
                kept = {p["id"] for p in current["proposals"]}
                used = kept.union(
                    *(c.proposal_ids() for c in self._history(raw).get(meeting.id, ()))
                )
                # a new proposal with the id of one removed before: an id of its own
                meeting = fresh_proposal_ids(meeting, used - kept, used)
                changes = hist.diff(current, meeting.to_dict())
                if not changes:
                    raise _Unchanged
                self._check_proposal_ids(raw, meeting)
                return self._record(db, raw, meeting.id, meeting, origin, changes)
        except _Unchanged:
            return None

    def _check_proposal_ids(self, raw: dict[str, Any], meeting: Meeting) -> None:
        owners = Catalog.of(self.path, raw).proposals
        for i, proposal in enumerate(meeting.proposals):
            owner = owners.get(proposal.id, meeting.id)
            if owner != meeting.id:
                raise RecordConflict(
                    self.path,
                    meeting.id,
                    f"proposals[{i}].id: {proposal.id!r} is already a proposal of meeting "
                    f"{owner!r}",
                )

    def _record(
        self,
        db: TinyDB,
        raw: dict[str, Any],
        old_id: str | None,
        meeting: Meeting | None,
        origin: str,
        changes: list[dict[str, Any]],
        undoes: str = "",
    ) -> Change:
        """Write ``meeting`` in place of stored meeting ``old_id`` (either may be None: an
        addition, a deletion) and record the change."""
        mid = meeting.id if meeting is not None else str(old_id)
        change = hist.entry(mid, origin, changes, undoes)
        table = db.table(HISTORY)
        past = self._history(raw).get(old_id or mid, [])
        if old_id is not None and old_id != mid:
            table.update({"meeting_id": mid}, Query().meeting_id == old_id)
            past = [struct_replace(c, meeting_id=mid) for c in past]
        table.insert(change.to_dict())
        insert = [struct_replace(meeting, history=[*past, change])] if meeting else []
        self._apply(db, [old_id] if old_id is not None else [], insert)
        return change

    def undo(self, record_id: str, *, only_delete: bool = False) -> Change:
        """Undo the latest change to a meeting or proposal that is neither an undo nor
        undone (a deleted meeting is restored), in one atomic write; the undo is recorded
        as a change of its own. Raises :class:`NothingToUndo`, or :class:`StoreError` when
        the record was changed since outside the history. ``only_delete``: only if that
        change is the meeting's deletion, and it is still deleted (else StoreError)."""
        return self._revert(record_id, "undo", only_delete=only_delete)

    def redo(self, record_id: str) -> Change:
        """Take back the latest undo of a meeting or proposal not redone yet, when nothing
        else has changed the record since, in one atomic write recorded as a ``redo``
        (which undo takes back in its turn). Raises :class:`NothingToUndo` (nothing to
        redo), or :class:`StoreError` when the record was changed outside the history."""
        return self._revert(record_id, "redo")

    def _revert(self, record_id: str, origin: str, *, only_delete: bool = False) -> Change:
        with self._transaction() as db:
            raw = self._check_tables(db)
            history = self._changes(raw)
            if origin == "redo":
                target = hist.redoable(history, record_id)
                if target is None:
                    latest = hist.undoable(history, record_id)
                    why = "its latest change is no undo" if latest else "no change of it was undone"
                    raise NothingToUndo(None, f"{record_id}: nothing to redo ({why})")
            else:
                target = hist.undoable(history, record_id)
                if target is None:
                    raise NothingToUndo(None, f"{record_id}: no recorded change to undo")
            mid = target.meeting_id
            current = self._stored(raw, {mid}).get(mid)
            # (a delete, or a redo that deleted the meeting again: it is gone still)
            if only_delete and (not hist.removes_meeting(target) or current is not None):
                raise StoreError(
                    None, f"{record_id} was brought back meanwhile; nothing was undone"
                )
            problem = hist.undo_problem(history, target, current, record_id)
            if problem is not None:
                raise StoreError(self.path, problem.replace("cannot undo", f"cannot {origin}", 1))
            before = hist.revert(current, target)
            try:
                restored = Meeting.from_dict(before) if before is not None else None
            except ValidationError as exc:
                raise StoreError(self.path, f"cannot {origin}: {exc}") from None
            if restored is not None:
                if restored.id != mid and restored.id in Catalog.of(self.path, raw).ids:
                    raise RecordConflict(
                        self.path, restored.id, "cannot be restored: that id is taken"
                    )
                self._check_proposal_ids(raw, restored)
            changes = hist.diff(current, restored.to_dict() if restored else None)
            return self._record(
                db, raw, mid if current is not None else None, restored, origin, changes, target.id
            )

    def follow_up(
        self,
        proposal_id: str,
        *,
        status: str | None = None,
        date: str | None = None,
        note: str = "",
        url: str = "",
        raised_again: str | None = None,
    ) -> Change | None:
        """Record what became of a proposal: a change of status (or a confirmation of the
        current one, with a note or a source, or of one taken from the article) on ``date``
        (today by default) with an optional note and source URL, and/or a later meeting
        where it was raised again. One atomic write, recorded as a ``follow-up`` change;
        None when nothing changed (the current status again, bare, changes nothing)."""
        import datetime as dt

        try:
            with self._transaction() as db:
                raw = self._check_tables(db)
                catalog = Catalog.of(self.path, raw)
                mid = catalog.proposals.get(proposal_id)
                if mid is None:
                    if proposal_id in catalog.ids:  # a meeting's id: say its proposals'
                        theirs = sorted(p for p, m in catalog.proposals.items() if m == proposal_id)
                        listed = ", ".join(theirs[:6]) + (", …" if len(theirs) > 6 else "")
                        raise StoreError(
                            None,
                            f"{proposal_id!r} is a meeting; a follow-up is of one of its "
                            f"proposals ({listed or 'it has none'})",
                        )
                    raise StoreError(None, f"no proposal with id {proposal_id!r}")
                current = self._stored(raw, {mid})[mid]
                new = {**current, "proposals": [dict(p) for p in current["proposals"]]}
                p = next(p for p in new["proposals"] if p["id"] == proposal_id)
                bare = not (note or url) and raised_again is None
                if status is None and (note or url):  # a note or a source on the status as is
                    status = p.get("status")
                today = dt.date.today().isoformat()
                if date is not None:  # a wrong date is said even where nothing would change
                    given = FollowUp.from_dict({"date": date, "status": p.get("status")})
                    check_follow_up(given.date, url, current["date"], today)
                if status == p.get("status") and bare and not p.get("status_from_article"):
                    raise _Unchanged  # (the status as it stands, confirmed already: nothing)
                if status is not None:
                    # the article's status confirmed as it stands: it holds since the
                    # meeting (or the latest step), not since today (it would look new);
                    # never later than today (a meeting still to come)
                    default = today
                    if status == p.get("status") and bare and current["date"]:
                        steps = [f.get("date", "") for f in p.get("follow_up", [])]
                        default = min(max([current["date"], *steps]), today)
                    step = FollowUp.from_dict(
                        {
                            "date": date or default,
                            "status": status,
                            "note": note,
                            "url": url,
                            # (a note or a source on the status as it stands: it does not
                            # date the status, unless the article's is being confirmed)
                            # (the article's too: with a note it holds as since the meeting)
                            "confirms": status == p.get("status") and not bare,
                        }
                    )
                    latest = max((f.get("date", "") for f in p.get("follow_up", [])), default="")
                    check_follow_up(step.date, step.url, current["date"], today, latest)
                    p["status"] = step.status
                    p["status_from_article"] = False
                    steps, this = p.get("follow_up", []), step.to_dict()

                    def said(f: dict[str, Any]) -> dict[str, Any]:
                        return {k: v for k, v in f.items() if k != "confirms"}

                    if not steps or said(steps[-1]) != said(this):  # (the same again: once)
                        p["follow_up"] = [*steps, this]
                if raised_again is not None:
                    if raised_again == mid or raised_again not in catalog.ids:
                        why = "its own meeting" if raised_again == mid else "no such meeting"
                        raise StoreError(None, f"raised again at {raised_again!r}: {why}")
                    later = self._stored(raw, {raised_again})[raised_again]["date"]
                    if later and current["date"] and later < current["date"]:
                        raise StoreError(
                            None,
                            f"raised again at {raised_again!r}: that meeting ({later}) is "
                            f"before this proposal's ({current['date']}); it must be a later one",
                        )
                    if raised_again not in p.get("raised_again", []):
                        p["raised_again"] = [*p.get("raised_again", []), raised_again]
                meeting = Meeting.from_dict(new)
                changes = hist.diff(current, meeting.to_dict())
                if not changes:
                    raise _Unchanged
                return self._record(db, raw, mid, meeting, "follow-up", changes)
        except _Unchanged:
            return None
        except ValidationError as exc:
            raise StoreError(None, str(exc)) from None

    def catalog(self) -> Catalog:
        """What is stored now, as :meth:`put_meetings` sees it (read from the file, no
        records built: what a check before a write needs)."""
        if self._pending is None or self._pending[0] != self._signature():
            self._pending = self._read()  # kept: a write that follows at once reuses it
        self._meta_of(self._pending[1])
        return Catalog.of(self.path, self._pending[1])

    def stored_meeting(self, meeting_id: str) -> Meeting | None:
        """Meeting ``meeting_id`` as stored now, with its proposals but not its history,
        read without building every other record (see :meth:`catalog`): what a command
        shows of a meeting before it changes it."""
        snapshot = self._snapshot
        if snapshot is not None and snapshot.signature == self._signature():
            found = snapshot.by_id.get(meeting_id)
            return None if found is None else struct_replace(found, history=[])
        if self._pending is None or self._pending[0] != self._signature():
            self._pending = self._read()  # kept: a write that follows at once reuses it
        self._meta_of(self._pending[1])
        data = self._stored(self._pending[1], {meeting_id}).get(meeting_id)
        return None if data is None else Meeting.from_dict(data)

    def release(self) -> None:
        """Let go of the file's contents kept for a write that did not follow."""
        self._pending = None

    def plan_meetings(
        self, meetings: Iterable[Meeting], *, update: bool = False, catalog: Catalog | None = None
    ) -> WriteReport:
        """What :meth:`put_meetings` would do with ``meetings`` now (or against ``catalog``),
        decided the same way, without writing anything (``--dry-run``). Raises the same
        :class:`RecordConflict`."""
        index = catalog.copy() if catalog is not None else self.catalog()
        report, _remove, _insert = _plan(index, list(meetings), update, self.path)
        return report

    def delete_meeting(self, meeting_id: str) -> bool:
        """Remove a meeting and its proposals; False if there was none."""
        try:
            with self._transaction() as db:
                raw = self._check_tables(db)
                current = self._stored(raw, {meeting_id}).get(meeting_id)
                if current is None:
                    raise _Unchanged
                change = hist.entry(meeting_id, "delete", hist.diff(current, None))
                db.table(HISTORY).insert(change.to_dict())
                self._apply(db, [meeting_id], [])
        except _Unchanged:
            return False
        return True

    def merge_dataset(self, dataset: Dataset, *, lock_timeout: float = 10.0) -> WriteReport:
        """Merge a newer bundled dataset without clobbering the user's own work.

        New bundled meetings are added; bundled meetings the user has not touched are
        replaced by their new version; ones the user edited are kept (reported in ``kept``);
        ones the user deleted stay deleted (``skipped``). The user's own meetings are never
        touched.
        """
        report = WriteReport()
        with self._transaction(lock_timeout) as db:
            self._check_tables(db)
            self._merge_into(db, dataset, report)
        return report

    def _merge_into(self, db: TinyDB, dataset: Dataset, report: WriteReport) -> None:
        meta_table = db.table(META)
        meta = meta_table.all()[0]
        bundled: dict[str, str] = dict(meta.get("bundled", {}))
        raw = db.storage.read() or {}
        index = Catalog(raw)
        to_insert: list[Meeting] = []
        to_remove: list[str] = []
        for meeting in dataset.meetings:
            new_hash = record_hash(meeting.to_dict())
            current = self._current_dict(db, meeting.id) if meeting.id in index.ids else None
            if current is None:
                if meeting.id in bundled:
                    report.skipped.append(meeting.id)  # the user deleted it
                    continue
                if index.find(meeting) is not None:
                    report.kept.append(meeting.id)  # the user has this meeting already
                    continue
                to_insert.append(meeting)
                report.added.append(meeting.id)
            elif record_hash(current) == new_hash:
                pass
            elif record_hash(current) == bundled.get(meeting.id):
                past = self._history(raw).get(meeting.id, [])
                changes = hist.diff(current, meeting.to_dict())
                change = hist.entry(meeting.id, "bundled update", changes)
                db.table(HISTORY).insert(change.to_dict())
                to_remove.append(meeting.id)
                to_insert.append(struct_replace(meeting, history=[*past, change]))
                report.updated.append(meeting.id)
            else:
                report.kept.append(meeting.id)  # the user edited it: theirs wins
                continue
            bundled[meeting.id] = new_hash
        self._apply(db, to_remove, to_insert)
        meta_table.update(
            {"bundled": bundled, "dataset_version": dataset.version}, doc_ids=[meta.doc_id]
        )

    # Transaction helpers ---------------------------------------------------------------

    def _check_tables(self, db: TinyDB) -> dict[str, Any]:
        """The document of tables a transaction is about to change, its envelope checked."""
        raw = db.storage.read()
        if raw is None:
            raise CorruptDatabase(self.path, "database file has disappeared")
        self._meta_of(raw)
        return raw

    @staticmethod
    def _current_dict(db: TinyDB, meeting_id: str) -> dict[str, Any] | None:
        doc = db.table(MEETINGS).get(Query().id == meeting_id)
        if doc is None:
            return None
        data = dict(doc)
        proposals = db.table(PROPOSALS).search(Query().meeting_id == meeting_id)
        data["proposals"] = [dict(p) for p in proposals]
        try:
            return Meeting.from_dict(data).to_dict()
        except ValidationError:
            return data

    def _apply(self, db: TinyDB, remove: list[str], insert: list[Meeting]) -> None:
        """Remove meetings (and their proposals) by id, then insert new ones: few table writes."""
        self._removed += remove
        self._added += insert
        if remove:
            gone = set(remove)
            db.table(MEETINGS).remove(Query().id.one_of(gone))
            db.table(PROPOSALS).remove(Query().meeting_id.one_of(gone))
        if insert:
            db.table(MEETINGS).insert_multiple(m.to_dict(with_proposals=False) for m in insert)
            db.table(PROPOSALS).insert_multiple(p.to_dict() for m in insert for p in m.proposals)


class Catalog:
    """Existing meetings by id and by (date, region, host), the meeting each proposal id
    belongs to, and how many trade figures each meeting has: read once per transaction
    from its document of tables, without building the records."""

    def __init__(self, tables: dict[str, Any]) -> None:
        self.ids: set[str] = set()
        self.keys: dict[tuple[str, str, str], str] = {}
        self.trade: dict[str, int] = {}
        for doc in tables.get(MEETINGS, {}).values():
            seen = doc.glance() if isinstance(doc, StoredRecord) else None
            if seen is not None:  # (read from its bytes: the record is not built)
                hosts = [p.name for p in seen.participants if p.role == "host"]
                mid = str(seen.id)
                self._note(mid, str(seen.date), str(seen.region), hosts)
                self.trade[mid] = len(seen.trade) if seen.trade is not None else 0
                continue
            hosts = [
                p.get("name", "") for p in doc.get("participants", []) if p.get("role") == "host"
            ]
            mid = str(doc.get("id"))
            self._note(mid, str(doc.get("date")), str(doc.get("region")), hosts)
            trade = doc.get("trade")
            self.trade[mid] = len(trade) if isinstance(trade, list) else 0
        self.proposals: dict[str, str] = {
            str(doc.get("id")): str(doc.get("meeting_id"))
            for doc in tables.get(PROPOSALS, {}).values()
        }

    @classmethod
    def of(cls, path: Path, tables: dict[str, Any]) -> Catalog:
        """The catalog of a file's tables; records of the wrong shape are a CorruptDatabase
        (the file has not been validated record by record when this is read)."""
        try:
            return cls(tables)
        except (AttributeError, TypeError, ValueError):
            raise CorruptDatabase(
                path, "wrong shape: a meeting or proposal record is not an object of fields"
            ) from None

    def copy(self) -> Catalog:
        """A copy that a plan can note its meetings in (the proposals are only read)."""
        other = Catalog({})
        other.ids, other.keys = set(self.ids), dict(self.keys)
        other.trade, other.proposals = self.trade, self.proposals
        return other

    def same(self, meeting: Meeting) -> str | None:
        """The id of a stored meeting on the same date in the same region with the same
        host, if any (whatever its id)."""
        if meeting.host is None:
            return None
        return self.keys.get((meeting.date, meeting.region, meeting.host.name))

    def sizes(self, meeting_id: str) -> tuple[int, int]:
        """``(proposals, trade figures)`` of a stored meeting."""
        proposals = sum(1 for mid in self.proposals.values() if mid == meeting_id)
        return proposals, self.trade.get(meeting_id, 0)

    def _note(self, mid: str, date: str, region: str, hosts: list[str]) -> None:
        self.ids.add(mid)
        for host in hosts:
            self.keys.setdefault((date, region, host), mid)

    def add(self, meeting: Meeting) -> None:
        hosts = [meeting.host.name] if meeting.host else []
        self._note(meeting.id, meeting.date, meeting.region, hosts)

    def find(self, meeting: Meeting) -> str | None:
        """The id of a stored meeting that is the same as ``meeting`` (the same id, or the
        same date, region and host), if any."""
        if meeting.id in self.ids:
            return meeting.id
        return self.same(meeting)


def _explained(old: dict[str, Any] | None, new: Meeting, brought: list[Change]) -> bool:
    """Whether the history a replacing meeting brings (``list --json --history``) is what
    turned the stored record ``old`` into it: undone from the newest back, it gives ``old``.
    Such an import restores an export, and records no change of its own (it would stand
    before the brought changes, and its undo would leave them marked in effect)."""
    if not brought or old is None:
        return False
    state: dict[str, Any] | None = new.to_dict()
    try:
        for change in reversed(sorted(brought, key=lambda c: c.at)):
            state = hist.revert(state, change)
    except hist.Drifted:
        return False
    return state is not None and not hist.diff(old, state)


def _plan(
    index: Catalog, incoming: list[Meeting], update: bool, path: Path
) -> tuple[WriteReport, list[str], list[Meeting]]:
    """Decide what a write of ``incoming`` does: ``(report, ids to remove, to insert)``.

    One decision for :meth:`Store.put_meetings` and :meth:`Store.plan_meetings`. Raises
    :class:`RecordConflict` when a proposal id to insert belongs to a meeting that stays.
    """
    report = WriteReport()
    to_insert: list[Meeting] = []
    to_remove: list[str] = []
    batch: set[str] = set()
    for meeting in incoming:
        existing = index.find(meeting)
        if existing is not None:
            report.matched[meeting.id] = existing
        if existing in batch:  # the same meeting twice in one write: first wins
            report.skipped.append(meeting.id)
            continue
        batch.add(meeting.id)
        if existing is None:
            to_insert.append(meeting)
            report.added.append(meeting.id)
        elif update:
            to_remove.append(existing)
            to_insert.append(meeting)
            report.updated.append(meeting.id)
        else:
            report.skipped.append(meeting.id)
        index.add(meeting)
    gone = set(to_remove)
    owners = {pid: mid for pid, mid in index.proposals.items() if mid not in gone}
    for meeting in to_insert:
        for i, proposal in enumerate(meeting.proposals):
            owner = owners.setdefault(proposal.id, meeting.id)
            if owner != meeting.id:
                raise RecordConflict(
                    path,
                    meeting.id,
                    f"proposals[{i}].id: {proposal.id!r} is already a proposal of meeting "
                    f"{owner!r}",
                )
    return report, to_remove, to_insert


__all__ = ["SCHEMA_VERSION", "Catalog", "Store", "StoreError", "WriteReport"]


def _named(doc: Any) -> str:
    """`` (id '…')`` for a stored record that has a readable id, else ``""``."""
    rid = doc.get("id") if isinstance(doc, dict) else None
    if isinstance(rid, str) and rid.strip() and len(rid) <= 120:
        return f" ({one_line(rid)!r})"
    return ""
