"""A database and its search index on disk: where the index lives, whether it describes the
database as it is, rebuilding it with progress, and keeping it current after every write.

The TinyDB file is the one source of truth; the index is derived and may be thrown away at
any time. It lives in the user's cache directory (``COOPBROWSE_CACHE`` overrides it; ``off``
keeps indexes in memory), one home per database::

    <cache>/index/<hash of the database's path>/
        stamp.json      which state of the database the index reflects (below)
        i-<token>/      the Tantivy index, and where each record is in the database file
                        (spans.bin; records.json: a compact copy of a database that was
                        not written by coopbrowse; see coopbrowse.store.records)

The stamp records the database file's size, modification time and inode, the generation the
store bumps on every write, the schema and dataset versions, and which directory holds the
index. When the file is unchanged the index is opened as it is and the JSON is not read.
Otherwise the index is rebuilt into a new directory, and the stamp switches to it. The app
builds a large database's index in two commits (meetings first, then proposals) and searches
the meetings in between (``searchable``, see :func:`build`); the stamp is written only when
all is indexed.

Writes made through :class:`coopbrowse.store.db.Store` update the index in the same
transaction (:func:`after_write`): the stamp is marked ``updating``, the changed meetings are
re-indexed, then the stamp moves to the new state of the file. A crash in between leaves a
stamp that matches nothing, so the next reader rebuilds. Nothing in the cache is trusted: a
stamp is parsed with bounds and checked field by field, an index that cannot be opened or
read is rebuilt, and no file here is ever executed or unpickled.
"""

from __future__ import annotations

import collections
import contextlib
import json
import os
import shutil
import sys
import threading
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from msgspec.structs import asdict, replace

from .errors import CorruptDatabase, DatabaseLocked, NotWritable, StoreError, no_database
from .index import IndexCorrupt, SearchIndex
from .records import (
    COPY_FILE,
    FROM_COPY,
    SPANS_FILE,
    FileRecords,
    LayoutMismatch,
    Records,
    Signature,
    Spans,
    compute_spans,
    load_spans,
    save_spans,
)
from .schema import INDEX_FORMAT, digest
from .storage import (
    SCHEMA_VERSION,
    WriteCancelled,
    atomic_write_bytes,
    child_command,
    child_env,
    collector_paused,
    json_messages,
    protect_database,
    read_file_bytes,
    read_regular,
    write_lock,
)

if TYPE_CHECKING:
    import subprocess

    from .db import Store, Stream
    from .model import Meeting

CACHE_ENV = "COOPBROWSE_CACHE"
STAMP = "stamp.json"
_STAMP_MAX = 64 * 1024
# A database file this large is indexed by a separate process when the app asks (keeps the
# app's memory and interpreter free); smaller ones are indexed in place.
SUBPROCESS_FROM = 4 * 1024 * 1024
# A database with this many meetings is indexed meetings first when the app asks: they can
# be searched while the proposals are indexed (at 100,000 meetings, about half-way).
STAGED_FROM = 20_000
PROPOSALS_PHASE = "Indexing the proposals of"  # what the second phase is called

REREADING = "The database changed meanwhile: reading it again"
SAVING = "Saving the index…"  # a commit, with nothing to count (seconds at 100,000 meetings)

Progress = Callable[[str, int, int], None]  # (what is happening, done, total)
Searchable = Callable[["Library"], None]  # hears of a library whose meetings can be searched
Builder = Callable[[Path, Progress, Searchable | None], None]  # builds the index, e.g. elsewhere


def _quiet(_what: str, _done: int, _total: int) -> None:
    pass


_CHANGED = object()  # the index moved on while it was being opened: open it again


class _ChangedMeanwhile(Exception):
    """The database file changed while it was being indexed (found as the meetings are
    committed, or as the proposals are indexed): build again."""


# Where ------------------------------------------------------------------------------------


def cache_root() -> Path | None:
    """Where indexes go, or None when they are kept in memory (``COOPBROWSE_CACHE=off``)."""
    env = os.environ.get(CACHE_ENV)
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "none") else Path(env)
    import platformdirs

    return platformdirs.user_cache_path("coopbrowse")


def index_home(db_path: Path) -> Path | None:
    """The directory of ``db_path``'s index (not created here)."""
    root = cache_root()
    if root is None:
        return None
    key = digest(str(_identity(db_path)), 12).hex()
    return root / "index" / key


def _identity(db_path: Path) -> Path:
    try:
        return db_path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: named as given
        return db_path.absolute()


def _private_dir(path: Path) -> None:
    """Create ``path`` (and the parents it needs) for this user only; a directory that
    existed already keeps its mode, except ``path`` itself."""
    made = [path]
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        made.append(parent)
        parent = parent.parent
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    for directory in made:
        with contextlib.suppress(OSError):
            os.chmod(directory, 0o700)


def _private_files(directory: Path) -> None:
    """The index's files readable by this user only (Tantivy creates them as the umask
    says: they hold every record of the database)."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory):
            if entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.chmod(entry.path, 0o600)


def signature(db_path: Path) -> Signature | None:
    try:
        st = os.stat(db_path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


# The stamp --------------------------------------------------------------------------------


class Stamp(Struct, frozen=True):
    """Which state of which database an index reflects."""

    format: int
    db: str
    mtime_ns: int
    size: int
    ino: int
    generation: int
    schema_version: int
    dataset_version: str
    follow_bundled: bool
    dir: str
    meetings: int
    state: str  # "ready", or "updating" while a write is being applied
    # zlib.crc32 of the file's bytes as validated (-1: not known, a stamp written before it
    # was kept): what lets a write read it lazily (see store/lazy.py), not changed in place
    crc: int = -1

    @property
    def signature(self) -> Signature:
        return (self.mtime_ns, self.size, self.ino)

    def describes(self, db_path: Path, sig: Signature | None) -> bool:
        return (
            self.state == "ready"
            and self.format == INDEX_FORMAT
            and self.db == str(_identity(db_path))
            and sig is not None
            and self.signature == sig
        )


_STAMP_TYPES: dict[str, type | tuple[type, ...]] = {
    "format": int,
    "db": str,
    "mtime_ns": int,
    "size": int,
    "ino": int,
    "generation": int,
    "schema_version": int,
    "dataset_version": str,
    "follow_bundled": bool,
    "dir": str,
    "meetings": int,
    "state": str,
    "crc": int,
}


def read_stamp(home: Path) -> Stamp | None:
    """The stamp in ``home``, or None when there is none or it is not exactly a stamp."""
    try:
        raw = read_regular(home / STAMP, "index stamp", _STAMP_MAX, StoreError)
    except (OSError, StoreError):  # missing, a pipe, a device, too large...
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    if isinstance(data, dict) and "crc" not in data:
        data["crc"] = -1  # (a stamp of a version that did not keep it)
    if not isinstance(data, dict) or set(data) != set(_STAMP_TYPES):
        return None
    for key, kind in _STAMP_TYPES.items():
        value = data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            return None
    if not data["dir"].startswith("i-") or "/" in data["dir"] or "\\" in data["dir"]:
        return None
    return Stamp(**data)


def _write_stamp(home: Path, stamp: Stamp) -> None:
    atomic_write_bytes(home / STAMP, json.dumps(asdict(stamp)).encode(), mode=0o600)


# Opening ----------------------------------------------------------------------------------


class Library:
    """A database with a search index that describes it (see the module docstring).

    ``index`` answers every read; ``stamp`` says which state of the database it reflects
    (None when the index is kept in memory, or is still being built). ``note`` says why,
    when it is in memory. ``partial``: the meetings are indexed, their proposals not yet
    (a staged build under way; no write should be made meanwhile).
    """

    def __init__(
        self,
        db_path: Path,
        index: SearchIndex,
        stamp: Stamp | None,
        note: str = "",
        *,
        partial: bool = False,
        sig: Signature | None = None,
    ) -> None:
        self.db_path = db_path
        protect_database(db_path)  # (no export may be written over it)
        self.index = index
        self.stamp = stamp
        self.note = note
        self.partial = partial
        self.rebuilt = False  # whether opening had to (re)build the index
        self._signature = stamp.signature if stamp else (sig or signature(db_path))

    @classmethod
    def open(
        cls,
        db_path: Path,
        *,
        progress: Progress | None = None,
        create: bool = True,
        builder: Builder | None = None,
        searchable: Searchable | None = None,
    ) -> Library:
        """The database at ``db_path`` with a current index: opened as it is when the stamp
        matches, else rebuilt (``progress`` hears how far along it is; ``builder``, when
        given, builds in another way, e.g. in a separate process, and the result is opened;
        ``searchable``, when given, may hear of a partial library first: see :func:`build`).

        A missing database is created and seeded (``create``); a newer bundled dataset is
        merged in. Raises :class:`StoreError` for a database that cannot be used.
        """
        progress = progress or _quiet
        if not db_path.exists():
            if db_path.is_symlink():  # a loop says so; a dangling link is a missing file
                with contextlib.suppress(FileNotFoundError):
                    read_file_bytes(db_path)
            if not create:
                raise StoreError(db_path, no_database(db_path))
            from .db import Store

            Store.open(db_path)
        library = cls._current(db_path)
        if library is None:
            library = cls._rebuild(db_path, progress, builder, searchable)
        library._merge_bundled()
        return library

    @classmethod
    def open_current(cls, db_path: Path) -> Library | None:
        """The database at ``db_path`` if its index describes the file as it is now (the
        usual launch: the JSON is not parsed), else None (a new, changed or migrating
        database: :meth:`open` says how far along its indexing is). A newer bundled dataset
        is merged in, as by :meth:`open` (a write, rare: after an upgrade)."""
        if not db_path.is_file():
            return None
        library = cls._current(db_path)
        if library is not None:
            library._merge_bundled()
        return library

    @classmethod
    def _current(cls, db_path: Path) -> Library | None:
        """The library from the stamped index, if it describes the file as it is now."""
        for _attempt in range(3):
            found = cls._stamped(db_path)
            if found is not _CHANGED:
                return found if isinstance(found, Library) else None
        return None

    @classmethod
    def _stamped(cls, db_path: Path) -> Library | object | None:
        """:meth:`_current` once: ``_CHANGED`` when a writer moved the index on meanwhile."""
        home = index_home(db_path)
        if home is None:
            return None
        stamp = read_stamp(home)
        if stamp is None or not stamp.describes(db_path, signature(db_path)):
            return None
        if stamp.schema_version != SCHEMA_VERSION:
            # the database needs migrating first; or a stamp says it is newer than this
            # release reads: the database itself says so when it is read (a stamp is derived,
            # never trusted: a changed one refused a good database and blamed it)
            return None
        where = home / stamp.dir
        _claim(where)  # (before it is read: no sweep elsewhere removes it meanwhile)
        try:
            if read_stamp(home) != stamp:
                return _CHANGED  # (moved on before the claim: its directory may be gone)
            try:
                index = _held(SearchIndex.open(where))
            except IndexCorrupt:
                return None
            records = _open_records(where, db_path, stamp.signature)
            if records is None:
                return None
            index.reload(records)
            # A writer marks the stamp before it commits to the index: if the stamp is
            # still the one read, the commit just loaded is the one the records describe.
            if read_stamp(home) != stamp:
                return _CHANGED
            _sweep(home, keep=stamp.dir)  # (a build given up or beaten elsewhere left its own)
            return cls(db_path, index, stamp)
        finally:
            _release(where)

    @classmethod
    def _rebuild(
        cls,
        db_path: Path,
        progress: Progress,
        builder: Builder | None = None,
        searchable: Searchable | None = None,
    ) -> Library:
        home = index_home(db_path)
        if builder is not None and home is not None:
            builder(db_path, progress, searchable)
            found = cls._current(db_path)
            if found is not None:
                found.rebuilt = True
                return found
        found = build(db_path, progress, searchable)
        found.rebuilt = True
        return found

    def _merge_bundled(self) -> None:
        """Merge a newer bundled dataset (a write: the index follows it)."""
        from .dataset import bundled_version, version_key

        stamp = self.stamp
        if stamp is None or not stamp.follow_bundled:
            return
        if version_key(bundled_version()) <= version_key(stamp.dataset_version):
            return
        from .db import Store

        with contextlib.suppress(NotWritable, DatabaseLocked):
            Store.open(self.db_path)  # merges (and updates the index) where it can write
        self.refresh()

    # Keeping up -------------------------------------------------------------------------

    def changed(self) -> bool:
        """Whether the database file changed since the index was opened (one stat)."""
        return signature(self.db_path) != self._signature

    def refresh(
        self,
        progress: Progress | None = None,
        *,
        force: bool = False,
        cancelled: threading.Event | None = None,
    ) -> bool:
        """Catch up with a database changed by this or another process: reopen the index
        when the writer updated it, else rebuild it (``force``: rebuild, the index was found
        damaged). Returns whether anything changed."""
        if not self.changed() and not force:
            return False
        current = None if force else Library._current(self.db_path)
        if current is None and not force:  # a writer may be bringing the index up to date
            if not _wait_for_writer(self.db_path, progress or _quiet, cancelled):
                return False
            current = Library._current(self.db_path)
        if current is None:
            current = build(self.db_path, progress or _quiet)
        self.index = current.index  # its snapshot and records describe the same state
        self.stamp, self._signature, self.note = current.stamp, current._signature, current.note
        self.partial = current.partial
        return True

    @property
    def meeting_count(self) -> int:
        return self.stamp.meetings if self.stamp else self.index.meeting_total


WRITER_PATIENCE = 30.0  # seconds a catch-up waits for a writer still updating the index


def _wait_for_writer(
    db_path: Path, progress: Progress, cancelled: threading.Event | None = None
) -> bool:
    """Wait while another writer holds the database's write lock: it replaces the file,
    then updates the index under the lock, and what it leaves is current (rebuilding over
    it takes half a minute at 100,000 meetings). A writer that holds it longer than
    :data:`WRITER_PATIENCE` is not waited for (stopped, or stuck: the index is rebuilt),
    nor is a lock that cannot be taken (a read-only directory). False when ``cancelled``
    was set meanwhile (the app is closing)."""

    def waiting(_pid: int | None) -> None:
        progress("Waiting for another process to finish writing", 0, 0)

    try:
        with write_lock(db_path, timeout=WRITER_PATIENCE, waiting=waiting, cancelled=cancelled):
            pass
    except WriteCancelled:
        return False
    except StoreError:
        pass
    return True


def build(
    db_path: Path,
    progress: Progress = _quiet,
    searchable: Searchable | None = None,
    staged_from: int | None = None,
    building: Callable[[Path], None] | None = None,
) -> Library:
    """Read the whole database, index it into a new directory and switch the stamp to it.

    If the database changes while it is indexed, the build starts again (a few times at
    most). Where the cache cannot be written, the index is built in memory instead.

    ``searchable``: a database of ``staged_from`` (:data:`STAGED_FROM`) meetings or more is
    indexed in two commits, and ``searchable`` hears of a partial library in between, whose
    meetings and regions can be searched (its proposals are then indexed: ``progress`` says
    :data:`PROPOSALS_PHASE`). It reads the same records; the stamp waits for the whole.
    ``building``: hears of the directory the index is built in, as soon as it is made.
    """
    staged = STAGED_FROM if staged_from is None else staged_from
    with collector_paused():
        try:
            return _build(db_path, progress, searchable, staged, building, scan=True)
        except (LayoutMismatch, CorruptDatabase):
            # a record not where the scan found it: parse the file whole. Damage too: the
            # scan may have met a bad record before bad JSON further on, which a parse of
            # the whole finds first; the error is the one the whole parse gives
            return _build(db_path, progress, searchable, staged, building, scan=False)


def _build(
    db_path: Path,
    progress: Progress,
    searchable: Searchable | None,
    staged_from: int,
    building: Callable[[Path], None] | None = None,
    *,
    scan: bool,
) -> Library:
    from .db import Store  # (a launch that finds its index current never imports TinyDB)

    home = index_home(db_path)
    for attempt in range(3):
        progress("Reading the database" if not attempt else REREADING, 0, 0)
        read = Store(db_path).stream(scan=scan)
        if _needs_opening(read.meta):  # an older schema, or a newer bundled dataset to merge
            Store.open(db_path)
            read = Store(db_path).stream(scan=scan)
        sig, meta, total, meetings = read.signature, read.meta, read.count, read.meetings
        progress("Indexing", 0, total)

        def step(done: int, total: int = total) -> None:
            progress("Indexing", done, total)

        def saving() -> None:
            progress(SAVING, 0, 0)

        if home is None:
            index = SearchIndex.build(meetings, progress=step)
            return Library(db_path, index, None, "search index kept in memory (cache is off)")
        try:
            _private_dir(home)
            target = home / f"i-{os.urandom(6).hex()}"
            _private_dir(target)
            _claim(target)
            if building is not None:  # (where a build given up is to be cleared away)
                building(target)
        except OSError as exc:
            index = SearchIndex.build(meetings, progress=step)
            note = f"search index kept in memory: cannot write {home}: {exc.strerror or exc}"
            return Library(db_path, index, None, note)
        try:  # (the directory claimed while it is built; then by the index, while it lives)
            try:
                records: FileRecords | None = None
                locate: Callable[[], Records] | None = None
                if read.tables is None:  # found by a scan: where they are is worked out while
                    # the first commit runs (see SearchIndex.build)

                    def located(
                        find: Callable[[], Spans] | None = read.locate,
                        sig: Signature = sig,
                        target: Path = target,
                    ) -> Records:
                        # (what it needs, not the stream: that holds the file's bytes, freed
                        # once the meetings are read)
                        assert find is not None
                        found = _file_records(db_path, find(), sig, target)
                        if found is None:  # the file changed since it was read
                            raise _ChangedMeanwhile
                        return found

                    locate = located
                else:
                    records = _records_of(db_path, read, target)
                    if records is None:  # the file changed since it was read
                        shutil.rmtree(target, ignore_errors=True)
                        continue
                crc = zlib.crc32(read.payload)
                del read  # (the parsed tables: the meetings are read from them)
                staged = searchable is not None and total >= staged_from
                if not staged:
                    index = SearchIndex.build(
                        meetings,
                        target,
                        progress=step,
                        records=records,
                        locate=locate,
                        saving=saving,
                    )
                else:

                    def then(done: int, total: int = total, sig: Signature = sig) -> None:
                        progress(PROPOSALS_PHASE, done, total)
                        if signature(db_path) != sig:  # (a stat every 1,000 meetings)
                            raise _ChangedMeanwhile  # no use indexing the rest

                    def meetings_done(
                        index: SearchIndex, sig: Signature = sig, total: int = total
                    ) -> None:
                        progress(PROPOSALS_PHASE, 0, total)
                        if searchable is not None:
                            searchable(Library(db_path, index, None, partial=True, sig=sig))

                    index = SearchIndex.build(
                        meetings,
                        target,
                        progress=step,
                        records=records,
                        searchable=meetings_done,
                        proposals_progress=then,
                        locate=locate,
                        saving=saving,
                    )
            except _ChangedMeanwhile:
                shutil.rmtree(target, ignore_errors=True)
                continue
            except Exception:
                if target.is_dir():
                    shutil.rmtree(target, ignore_errors=True)
                    raise
                continue  # its directory was removed meanwhile (by a release without claims)
            except BaseException:
                shutil.rmtree(target, ignore_errors=True)
                raise
            progress(PROPOSALS_PHASE if staged else "Indexing", total, total)
            _private_files(target)
            stamp = _stamp(db_path, sig, meta, total, target.name, crc)
            if signature(db_path) == stamp.signature:
                try:
                    _write_stamp(home, stamp)
                except StoreError as exc:
                    return Library(
                        db_path, _held(index), None, f"search index kept in memory: {exc}"
                    )
                _sweep(home, keep=target.name)
                return Library(db_path, _held(index), stamp)
            shutil.rmtree(target, ignore_errors=True)  # changed while we read it: again
        finally:
            _release(target)
    raise DatabaseLocked(db_path, "the database kept changing while it was being indexed")


def _records_of(db_path: Path, read: Stream, target: Path) -> FileRecords | None:
    """Where the index in ``target`` reads the records of the database as ``read``: the
    database file itself when its records were found by a scan or it is in the compact
    layout coopbrowse writes, else a compact copy in ``target``; their spans are saved in
    ``target``. None when the file has changed since it was read."""
    import orjson

    if read.tables is None:  # found by a scan
        assert read.locate is not None
        return _file_records(db_path, read.locate(), read.signature, target)
    spans = compute_spans(read.payload, read.tables)
    if spans is not None:  # the compact layout coopbrowse writes
        return _file_records(db_path, spans, read.signature, target)
    # written by hand or by another tool: read from a compact copy
    copy = orjson.dumps(read.tables)
    atomic_write_bytes(target / COPY_FILE, copy, mode=0o600)
    spans = compute_spans(copy, read.tables, trusted=True)
    if spans is None:  # too large to address
        raise StoreError(db_path, "database is too large to index")
    spans.source, spans.copy_size, spans.copy_crc = FROM_COPY, len(copy), zlib.crc32(copy)
    st = os.stat(target / COPY_FILE)
    spans.copy_mtime_ns, spans.copy_ino = st.st_mtime_ns, st.st_ino
    records = FileRecords.open(target / COPY_FILE, spans)
    if records is not None:
        save_spans(target / SPANS_FILE, spans, read.signature)
    return records


def _file_records(db_path: Path, spans: Spans, sig: Signature, target: Path) -> FileRecords | None:
    """The records of the database file read in state ``sig``, where ``spans`` say (saved
    in ``target``); None when the file has changed since (a scan's, or the compact layout's
    found by a whole parse)."""
    records = FileRecords.open(db_path, spans, sig)
    if records is not None:
        save_spans(target / SPANS_FILE, spans, sig)
    return records


def _open_records(where: Path, db_path: Path, sig: Signature) -> FileRecords | None:
    """The records of the index in ``where`` for the database in state ``sig``, or None
    when its spans are missing, damaged or of another state."""
    spans = load_spans(where / SPANS_FILE, sig)
    if spans is None:
        return None
    if spans.source == FROM_COPY:
        return FileRecords.open(where / COPY_FILE, spans)
    return FileRecords.open(db_path, spans, sig)


def _needs_opening(meta: dict[str, Any]) -> bool:
    """Whether :meth:`Store.open` has work to do before the database can be indexed: a
    migration, or a newer bundled dataset to merge."""
    from .dataset import bundled_version, version_key

    if _int(meta.get("schema_version")) != SCHEMA_VERSION:
        return True
    newer = version_key(bundled_version()) > version_key(str(meta.get("dataset_version", "")))
    return bool(meta.get("follow_bundled", True)) and newer


IN_USE = ".in-use"  # an index directory's claim file (see _claim)
# this process's claims: directory -> [the claim file's descriptor, how many hold it]
_claims: dict[str, list[int]] = {}
_claims_lock = threading.Lock()
# seconds: a directory with no claim this young may be its maker's still (between its
# mkdir and its claim, or of an older release building); a claim file, between its creation
# and its lock (an instant)
_FRESH, _FRESH_CLAIM = 60.0, 5.0


def _claim(where: Path) -> None:
    """Mark the index directory ``where`` as in use by this process until as many
    :func:`_release` calls: a shared ``flock`` on its claim file, under which another
    process's sweep does not remove it (it removed one another process was building, whose
    build then failed with a traceback). Where ``flock`` does not exist or fails, nothing is
    claimed: the sweep's age rule and a build that starts again cover that."""
    try:
        import fcntl
    except ImportError:  # (Windows: no shared locks; its open files cannot be deleted anyway)
        return
    key = str(where)
    claim = where / IN_USE
    with _claims_lock:
        _drain_released()
        held = _claims.get(key)
        if held is not None:
            held[1] += 1
            return
        try:
            fd = os.open(claim, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError:
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)
        except OSError:
            os.close(fd)
            return
        _claims[key] = [fd, 1]


def _release(where: Path) -> None:
    """One :func:`_claim` of ``where`` given back; the last closes its claim file."""
    key = str(where)
    with _claims_lock:
        _drain_released()
        _give_back(key)


def _give_back(key: str) -> None:
    """(With the lock held.)"""
    held = _claims.get(key)
    if held is None:
        return
    held[1] -= 1
    if held[1] <= 0:
        del _claims[key]
        os.close(held[0])


# Claims given back by indexes gone: a finalizer only queues them (it may run inside the
# lock's block, when the collector runs there, and the lock is not reentrant: taking it
# there hung every later claim); the next claim, release or sweep gives them back.
_released: collections.deque[str] = collections.deque()


def _drain_released() -> None:
    """(With the lock held.)"""
    while _released:
        _give_back(_released.popleft())


def _held(index: SearchIndex) -> SearchIndex:
    """``index``, its directory claimed for as long as the object lives."""
    import weakref

    if index.path is not None:
        _claim(index.path)
        weakref.finalize(index, _released.append, str(index.path))
    return index


def _unused(where: Path) -> int | None:
    """A descriptor holding ``where``'s claim file locked for this process alone; None while
    another holds it (or this process: flock locks are an open file's, not a process's);
    -1 when it has no claim file that can be locked (a directory of an older release, one
    whose claim is not made yet, a file system without flock): the sweep then goes by age."""
    import errno

    try:
        import fcntl
    except ImportError:
        return -1
    try:
        fd = os.open(where / IN_USE, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return -1
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        return None if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES) else -1
    return fd


def _sweep(home: Path, keep: str) -> None:
    """Remove index directories other than ``keep`` that no process uses: claimed by none,
    and not made (nor claimed) in the last minute (best effort: what is left is removed by a
    later sweep)."""
    now = time.time()
    with _claims_lock:
        _drain_released()  # (this process's indexes gone: their directories free)
    with contextlib.suppress(OSError):
        for entry in home.iterdir():
            if not (entry.name.startswith("i-") and entry.name != keep and entry.is_dir()):
                continue
            fd = _unused(entry)
            if fd is None:
                continue  # another process (or this one) builds or reads it
            try:
                # ("made" by its directory's time, or by its claim file's: one created an
                # instant before its maker locks it is locked by this sweep meanwhile)
                if fd >= 0:
                    young = now - os.fstat(fd).st_mtime < _FRESH_CLAIM
                else:
                    young = now - entry.stat().st_mtime < _FRESH
                if young:
                    continue
                shutil.rmtree(entry, ignore_errors=True)
            finally:
                if fd >= 0:
                    os.close(fd)


def _stamp(
    db_path: Path,
    sig: Signature,
    meta: dict[str, Any],
    meetings: int,
    where: str,
    crc: int = -1,
) -> Stamp:
    """The stamp of an index in ``where`` describing the file with ``sig`` and ``meta``
    (``crc``: of its bytes)."""
    return Stamp(
        format=INDEX_FORMAT,
        db=str(_identity(db_path)),
        mtime_ns=sig[0],
        size=sig[1],
        ino=sig[2],
        generation=_int(meta.get("generation")),
        schema_version=_int(meta.get("schema_version")),
        dataset_version=str(meta.get("dataset_version", "")),
        follow_bundled=bool(meta.get("follow_bundled", True)),
        dir=where,
        meetings=meetings,
        state="ready",
        crc=crc,
    )


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


# After a write ----------------------------------------------------------------------------


def vouches(db_path: Path, sig: Signature, crc: int | None = None) -> bool:
    """Whether the database's index describes exactly the state ``sig`` of the file: every
    record in it was then validated (by the build, or by the writes kept up since); with
    ``crc``, the CRC-32 of the file's bytes, that they are the very bytes validated (a file
    changed in place, keeping its size and time, is not)."""
    home = index_home(db_path)
    stamp = read_stamp(home) if home is not None else None
    if stamp is None or not stamp.describes(db_path, sig):
        return False
    return crc is None or (stamp.crc >= 0 and stamp.crc == crc)


def after_write(
    store: Store,
    before: Signature,
    after: Signature,
    meta: dict[str, Any],
    meetings: int,
    removed: Sequence[str],
    added: Sequence[Meeting],
    tables: dict[str, Any] | None = None,
    crc: int = -1,
    read_crc: int = -1,
) -> None:
    """Apply a write to the database's index, if the index described the database just
    before it (the store calls this under its write lock, after the file is replaced, with
    the ``tables`` it wrote in the compact layout: where each record now is; ``crc`` of the
    bytes written, ``read_crc`` of those the write read: the ones the index describes).

    The database has already changed: nothing here may fail the write. An index that
    cannot be updated is left marked ``updating``, so the next reader rebuilds it.
    """
    home = index_home(store.path)
    if home is None:
        return
    stamp = read_stamp(home)
    if stamp is None or not stamp.describes(store.path, before):
        return
    if tables is None:
        return
    if stamp.crc >= 0 and read_crc != stamp.crc:
        # the file the write read was not the one indexed (changed in place, its size and
        # time kept): the index is not updated as if it were, and is rebuilt by the next
        # reader (what was changed so was never indexed)
        with contextlib.suppress(StoreError):
            _write_stamp(home, replace(stamp, state="updating"))
        return
    try:
        _write_stamp(home, replace(stamp, state="updating"))
        index = _held(SearchIndex.open(home / stamp.dir))
        index.write(remove=removed, add=added)
        spans = compute_spans(b"", tables, trusted=True)
        assert spans is not None
        save_spans(home / stamp.dir / SPANS_FILE, spans, after)
        with contextlib.suppress(OSError):  # the file is compact now (a reader keeps its copy)
            (home / stamp.dir / COPY_FILE).unlink()
        _private_files(home / stamp.dir)
        _write_stamp(home, _stamp(store.path, after, meta, meetings, stamp.dir, crc))
    except BaseException as exc:  # a Tantivy panic included: the write itself succeeded
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        return


# Building in a separate process -----------------------------------------------------------


def build_in_subprocess(
    db_path: Path,
    progress: Progress,
    searchable: Searchable | None = None,
    started: subprocess.Popen[bytes] | None = None,
) -> None:
    """Build the index of ``db_path`` in a child process (``python -m
    coopbrowse.store.library``), relaying its progress, and (``searchable``) the moment its
    meetings can be searched: the partial index is opened here meanwhile, as :func:`build`
    would hand it over. Raises :class:`StoreError` with the child's one-line error.
    ``started``: the child, already started by :func:`start_build` (with ``searchable``)."""
    child = started if started is not None else start_build(db_path, staged=searchable is not None)
    with child:
        assert child.stdout is not None
        error, done, where = "", False, None
        try:
            for message in json_messages(child.stdout):
                if "error" in message:
                    error = str(message["error"])
                elif message.get("done") is True:
                    done = True
                    break
                elif "building" in message:
                    where = _index_dir(db_path, message.get("building"))
                elif "searchable" in message and searchable is not None:
                    partial = _partial(db_path, message)
                    if partial is not None:
                        searchable(partial)
                elif {"what", "done", "total"} <= message.keys():
                    progress(str(message["what"]), _int(message["done"]), _int(message["total"]))
        except BaseException:  # (the app closing, say): the child stops now, not when it is done
            stop_build(db_path, child, where)
            raise
        code = child.wait()
    if not done:
        raise StoreError(None, error or f"indexing failed (exit status {code})")


def start_build(db_path: Path, *, staged: bool = True) -> subprocess.Popen[bytes]:
    """The child process that builds the index of ``db_path`` (see
    :func:`build_in_subprocess`, which relays what it says); ``staged``: meetings first,
    announced when they can be searched. An app starts it as early as it knows there is no
    current index, before its own first frame."""
    import subprocess

    cmd = child_command("coopbrowse.store.library", db_path)
    if staged:
        cmd += ["--announce", f"--staged-from={STAGED_FROM}"]
    return subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=child_env(),
    )


def stop_build(db_path: Path, child: subprocess.Popen[bytes], where: Path | None = None) -> None:
    """Stop a building child now (not when it is done), and remove the index it was building
    (``where``, else the one it said it was building) unless it finished and stamped it."""
    child.kill()
    child.wait()
    if child.stdout is not None:
        for message in json_messages(child.stdout):  # (what it said before it was stopped)
            if "building" in message:
                where = _index_dir(db_path, message.get("building"))
        child.stdout.close()
    home = index_home(db_path)
    stamp = read_stamp(home) if home is not None else None
    if where is not None and (stamp is None or stamp.dir != where.name):
        shutil.rmtree(where, ignore_errors=True)  # half-built (not one it finished)


def _index_dir(db_path: Path, name: Any) -> Path | None:
    """The index directory ``name`` (as a child names it) in ``db_path``'s home, or None."""
    home = index_home(db_path)
    if home is None or not isinstance(name, str) or not name.startswith("i-") or "/" in name:
        return None
    return home / name


def _partial(db_path: Path, message: dict[str, Any]) -> Library | None:
    """The partial library a building child announced (its meetings committed), or None
    when it cannot be opened or no longer describes the file (the whole comes later)."""
    where, sig = _index_dir(db_path, message.get("searchable")), message.get("signature")
    if where is None:
        return None
    if not (isinstance(sig, list) and len(sig) == 3 and all(_int(v) == v for v in sig)):
        return None
    state: Signature = (sig[0], sig[1], sig[2])
    try:
        index = _held(SearchIndex.open(where))
        records = _open_records(where, db_path, state)
    except (IndexCorrupt, StoreError, OSError):
        return None
    if records is None or signature(db_path) != state:
        return None
    index.reload(records)
    return Library(db_path, index, None, partial=True, sig=state)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m coopbrowse.store.library --db PATH [--announce]``: build the index of a
    database, printing progress as JSON lines (what the app's background build reads);
    ``--announce``: stage a large build and say when its meetings can be searched."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m coopbrowse.store.library")
    parser.add_argument("--db", required=True, metavar="PATH")
    parser.add_argument("--announce", action="store_true")
    parser.add_argument("--staged-from", type=int, default=STAGED_FROM, metavar="MEETINGS")
    args = parser.parse_args(argv)
    _in_background()
    last = [0.0]

    def report(what: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done in (0, total) or now - last[0] >= 0.1:
            last[0] = now
            print(json.dumps({"what": what, "done": done, "total": total}), flush=True)

    def started(target: Path) -> None:
        print(json.dumps({"building": target.name}), flush=True)

    def announce(library: Library) -> None:
        where = library.index.path
        assert where is not None
        message = {"searchable": where.name, "signature": list(library._signature or ())}
        print(json.dumps(message), flush=True)

    code = 0
    try:
        build(Path(args.db), report, announce if args.announce else None, args.staged_from, started)
        print(json.dumps({"done": True}), flush=True)
    except StoreError as exc:
        code = _say({"error": str(exc)})
    except Exception as exc:  # (a defect, a full disk, no memory: still one line for the app)
        error = StoreError(Path(args.db), f"indexing failed: {type(exc).__name__}: {exc}")
        code = _say({"error": str(error)})
    # The index and its stamp are on disk (or nothing is, after an error): leave without
    # tearing down millions of objects (seconds the app would otherwise wait for).
    with contextlib.suppress(OSError):
        sys.stdout.flush()
    os._exit(code)


BACKGROUND_NICENESS = 10  # how far the child that indexes for the app steps back


def _in_background() -> None:
    """Give way to the app: the child indexes on every core it gets, and the app it works
    for (a search typed meanwhile, a key, a frame) comes first when both want the CPU. A
    no-op where the system has no niceness (Windows) or refuses it."""
    nice = getattr(os, "nice", None)
    if nice is not None:
        with contextlib.suppress(OSError):
            nice(BACKGROUND_NICENESS)


def _say(message: dict[str, str]) -> int:
    """Print ``message`` for the app (which may be gone: then to no one); exit status 2."""
    with contextlib.suppress(OSError):
        print(json.dumps(message), flush=True)
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
