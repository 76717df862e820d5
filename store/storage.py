"""Crash-safe storage for TinyDB, bounded reads of any file, and an inter-process write lock.

TinyDB's own ``JSONStorage`` rewrites the file in place (seek, write, truncate), so a crash
mid-write can leave a corrupt database. :class:`AtomicJSONStorage` writes a temporary file in
the same directory, fsyncs it, then ``os.replace``s it over the old one: a reader (or a process
killed at any instant) sees either the old file or the new one, never half of either.

:func:`atomic_write_bytes` is the same primitive for any file (exports, state). It never
replaces what is not a regular file (a pipe, a device, a directory, a symbolic link), and
removes the temporary files that a killed writer left for the same target.

:func:`read_regular` is the one way a file is read (database, state, import, article): it
never blocks on a pipe, never reads a device, and never reads more than a limit; every refusal
is a one-line error naming the file.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import os
import re
import stat
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .errors import CorruptDatabase, DatabaseLocked, NotWritable, StoreError

DATABASE_LIMIT = 4_000_000_000  # a database of 100,000 meetings is 400 MB
LEFTOVER_AGE = 3600.0  # seconds after which a temporary file is a leftover whoever wrote it
NAME_MAX = 255  # bytes in a file name, where the file system does not say

READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a pipe swapped in after the check does not block open
    | getattr(os, "O_NOCTTY", 0)  # a terminal never becomes the controlling one
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)

SCHEMA_VERSION = 2  # the layout of the database's tables (Store.open migrates older ones)


class WriteCancelled(DatabaseLocked):
    """A writer waiting for the lock was cancelled (see :func:`write_lock`); nothing written."""


# Reading -------------------------------------------------------------------------------------


_UNITS = ((1e9, "GB"), (1e6, "MB"), (1e3, "KB"))


def _a(word: str) -> str:
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in a few words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "a special file"


def _exact(count: int, unit: float) -> str | None:
    """``count`` in ``unit`` with the fewest decimals (up to 3) that are exact, if any."""
    for places in range(4):
        shown = f"{count / unit:.{places}f}"
        if round(float(shown) * unit) == count:
            return shown
    return None


def format_size(size: int) -> str:
    """One size, exactly, in the largest unit it fills: ``512 MB``, ``1.5 GB``, ``1,234
    bytes`` (when no unit says it exactly)."""
    for unit, name in _UNITS:
        if size >= unit:
            shown = _exact(size, unit)
            if shown is not None:
                return f"{shown} {name}"
            break
    return f"{size:,} bytes"


def format_sizes(size: int, limit: int) -> tuple[str, str]:
    """``size`` and ``limit`` (``size > limit``) for a message, in the same unit, the limit
    exact and the size never reading as the same number: ``("1.2 MB", "1 MB")``; in bytes
    when rounding would hide the difference: ``("1,000,001 bytes", "1,000,000 bytes")``."""
    for unit, name in _UNITS:
        if limit >= unit:
            cap = _exact(limit, unit)
            if cap is not None:
                for places in (1, 2):
                    shown = f"{size / unit:.{places}f}"
                    if float(shown) > float(cap):
                        return f"{shown} {name}", f"{cap} {name}"
            break
    return f"{size:,} bytes", f"{limit:,} bytes"


def _too_large(size: int, limit: int, what: str, too_large: str | None, *, more: bool) -> str:
    phrase = too_large or f"{what} file is too large"
    if more:  # only the first limit + 1 bytes were looked at
        return f"{phrase} (more than {format_size(limit)})"
    shown, cap = format_sizes(size, limit)
    return f"{phrase} ({shown}; at most {cap})"


def _os_problem(exc: OSError, what: str) -> str:
    if exc.errno == errno.ELOOP:
        return "is a symbolic link loop (too many levels of symbolic links)"
    return f"cannot read {what}: {exc.strerror or exc}"


def _check_regular(path: Path, mode: int, what: str, error: type[StoreError]) -> None:
    if stat.S_ISDIR(mode):
        raise error(path, f"is a directory, not {_a(what)} file")
    if not stat.S_ISREG(mode):
        raise error(path, f"is not a regular file but {_kind(mode)}")


@contextlib.contextmanager
def open_regular(
    path: Path | str,
    what: str = "database",
    limit: int | None = None,
    error: type[StoreError] = CorruptDatabase,
    *,
    too_large: str | None = None,
) -> Iterator[BinaryIO]:
    """Open ``path`` for reading if it is a regular file of at most ``limit`` bytes (default
    :data:`DATABASE_LIMIT`).

    Anything else is an ``error`` naming the file and saying what it is (a directory, a named
    pipe, a device, a socket, a symbolic link loop, too large, unreadable). The file is
    checked before it is opened (opening a device can do things) and the descriptor again
    after (the file may have been swapped); it is opened non-blocking, so a pipe never
    blocks. A missing file raises ``FileNotFoundError`` (callers decide what that means).
    ``too_large`` replaces ``"<what> file is too large"`` in the message.
    """
    path = Path(path)
    limit = DATABASE_LIMIT if limit is None else limit
    try:
        _check_regular(path, os.stat(path).st_mode, what, error)
        fh = open(os.open(path, READ_FLAGS), "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise error(path, _os_problem(exc, what)) from None
    with fh:
        info = os.fstat(fh.fileno())
        _check_regular(path, info.st_mode, what, error)
        if info.st_size > limit:
            raise error(path, _too_large(info.st_size, limit, what, too_large, more=False))
        yield fh


def read_regular(
    path: Path | str,
    what: str = "database",
    limit: int | None = None,
    error: type[StoreError] = CorruptDatabase,
    *,
    too_large: str | None = None,
) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes (see
    :func:`open_regular` for what is refused and how). Never reads more than ``limit + 1``
    bytes, even from a file that grows while it is read."""
    limit = DATABASE_LIMIT if limit is None else limit
    path = Path(path)
    with open_regular(path, what, limit, error, too_large=too_large) as fh:
        expected = min(os.fstat(fh.fileno()).st_size, limit)
        try:
            raw = fh.read(expected + 1)
            if len(raw) > expected:  # it grew: read on, in slices, up to the limit
                chunks = [raw]
                total = len(raw)
                while total <= limit:
                    chunk = fh.read(min(1 << 20, limit + 1 - total))
                    if not chunk:
                        break
                    chunks.append(chunk)
                    total += len(chunk)
                raw = b"".join(chunks)
        except OSError as exc:
            raise error(path, _os_problem(exc, what)) from None
    if len(raw) > limit:
        raise error(path, _too_large(len(raw), limit, what, too_large, more=True))
    return raw


def read_file_bytes(
    path: Path,
    what: str = "database",
    error: type[StoreError] = CorruptDatabase,
    *,
    limit: int | None = None,
    too_large: str | None = None,
) -> bytes:
    """The bytes of ``path`` (see :func:`read_regular`; ``limit`` defaults to
    :data:`DATABASE_LIMIT`); a file with nothing but white space is an ``error`` too. A
    missing file raises ``FileNotFoundError``."""
    raw = read_regular(path, what, limit, error, too_large=too_large)
    if not raw.strip():
        raise error(path, f"{what} file is empty ({'only white space' if raw else '0 bytes'})")
    return raw


# Writing -------------------------------------------------------------------------------------


def _refusal(path: Path, mode: int) -> str:
    """Why a write will not replace ``path`` (of mode ``mode``, from ``lstat``)."""
    refuse = "refusing to write over it"
    if not stat.S_ISLNK(mode):
        return f"is {_kind(mode)}, not a regular file; {refuse}"
    try:
        target = os.stat(path).st_mode
    except FileNotFoundError:
        return f"is a dangling symbolic link; {refuse}"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"is a symbolic link loop; {refuse}"
        return f"is a symbolic link; {refuse}"
    if stat.S_ISREG(target):
        return f"is a symbolic link; {refuse} (give the file it points to)"
    return f"is a symbolic link to {_kind(target)}; {refuse}"


def check_replaceable(path: Path | str) -> None:
    """Raise :class:`NotWritable` if ``path`` exists and is not a regular file: a write must
    never replace a pipe, a device, a socket, a directory or a symbolic link (even a link to
    a regular file: replacing it would detach the link). A missing file is fine."""
    path = Path(path)
    try:
        mode = os.lstat(path).st_mode
    except OSError:  # missing, or a path the write itself will report
        return
    if not stat.S_ISREG(mode):
        raise NotWritable(path, _refusal(path, mode))


# The files of the databases this process has opened (the database, its lock, its state),
# which no export may overwrite, whatever ``force`` says: path -> what it is
_OURS: dict[str, str] = {}
_OURS_LOCK = threading.Lock()


def protect_database(db_path: Path) -> None:
    """Keep exports off ``db_path`` and the files that go with it (its lock and the app's
    state file): ``coopbrowse export -o <the database> --force`` wrote a briefing over it."""
    from .paths import resolve_state_path

    files = {
        db_path: "the database",
        db_path.with_name(db_path.name + ".lock"): "the database's lock file",
        resolve_state_path(db_path): "the database's state file",
    }
    with _OURS_LOCK:
        for file, what in files.items():
            _OURS[os.path.realpath(file)] = what


def _ours(path: Path) -> str | None:
    """What ``path`` is, if it is one of the files :func:`protect_database` keeps."""
    real = os.path.realpath(path)
    with _OURS_LOCK:
        ours = dict(_OURS)
    if real in ours:
        return ours[real]
    for file, what in ours.items():  # (the same file by another name: a hard link)
        with contextlib.suppress(OSError):
            if os.path.samefile(file, path):
                return what
    return None


def check_export_target(path: Path | str, force: bool = False) -> None:
    """Refuse an export target before anything is written: a directory (give a file name),
    anything else that is not a regular file (a pipe, a device, a socket, a symbolic link,
    dangling or not: even with ``force``), the database and its files (even with ``force``),
    and an existing file unless ``force``. One :class:`NotWritable` line naming the file."""
    path = Path(path)
    ours = _ours(path)
    if ours is not None:
        raise NotWritable(path, f"is {ours}; export to another file")
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise NotWritable(path, f"cannot write: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise NotWritable(path, "is a directory; give a file name")
    if not stat.S_ISREG(mode):
        raise NotWritable(path, _refusal(path, mode))
    if _a_database(path):
        raise NotWritable(path, "is a coopbrowse database; export to another file")
    if not force:
        raise NotWritable(path, "exists; choose another name or overwrite it (--force)")


def _a_database(path: Path) -> bool:
    """Whether the file at ``path`` is a coopbrowse database (another than the one open: the
    user's default one, a copy), which an export must not replace, whatever ``force`` says:
    ``export -o ~/.local/share/coopbrowse/coopbrowse.json --force`` replaced it. A JSON
    object holding the store's metadata key and its meetings' table, in any order or
    layout (a copy saved with its keys sorted puts the metadata last)."""
    import mmap

    try:
        with open(path, "rb") as fh:
            if not fh.read(64).lstrip().startswith(b"{"):
                return False
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
                return data.find(b'"schema_version"') >= 0 and data.find(b'"meetings"') >= 0
    except (OSError, ValueError):  # (unreadable; an empty file cannot be mapped)
        return False


def _name_max(directory: Path) -> int:
    try:
        return int(os.pathconf(directory, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return NAME_MAX


def _temp_prefix(directory: Path, name: str) -> str:
    """The start of the temporary files' names for the target ``name``:
    ``.<name>.`` (then ``<pid>.<random>.tmp``), or, for a name too long to take that,
    ``.cb-<hash of the name>.``."""
    prefix = f".{name}."
    longest = f"{prefix}{'9' * 10}.{'0' * 8}.tmp"  # the largest pid Linux can give
    if len(os.fsencode(longest)) <= _name_max(directory):
        return prefix
    import hashlib

    return f".cb-{hashlib.blake2b(os.fsencode(name), digest_size=8).hexdigest()}."


def _pid_alive(pid: int) -> bool | None:
    """Whether process ``pid`` exists (None: cannot tell here)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would send CTRL_C_EVENT there
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, another user's
        return True
    except OSError:
        return None
    return True


def remove_leftovers(path: Path | str, max_age: float | None = None) -> list[str]:
    """Remove the temporary files that writers of ``path`` were killed before renaming:
    regular files beside it named ``<prefix><pid>.<8 hex>.tmp`` whose writer is no longer
    running or that are older than ``max_age`` seconds (default :data:`LEFTOVER_AGE`), and
    old-style ``.<name>.<8 chars>.tmp`` older than that. Nothing else is touched. Returns
    the names removed; never raises (one directory scan, filtered by prefix)."""
    path = Path(path)
    max_age = LEFTOVER_AGE if max_age is None else max_age
    directory = path.parent if str(path.parent) else Path(".")
    prefix = _temp_prefix(directory, path.name)
    ours = re.compile(re.escape(prefix) + r"(\d{1,10})\.[0-9a-f]{8}\.tmp")
    old = re.compile(re.escape(f".{path.name}.") + r"[a-z0-9_]{8}\.tmp")
    removed: list[str] = []
    now = time.time()
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                name = entry.name
                if not name.startswith(prefix) or not name.endswith(".tmp"):
                    continue
                found = ours.fullmatch(name)
                if found is None and old.fullmatch(name) is None:
                    continue
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if not stat.S_ISREG(info.st_mode):
                    continue
                stale = now - info.st_mtime > max_age
                if found is not None and not stale:
                    pid = int(found.group(1))
                    stale = pid != os.getpid() and _pid_alive(pid) is False
                if stale:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed.append(name)
    except OSError:
        pass
    return removed


def _create_temp(directory: Path, name: str) -> tuple[int, str]:
    """A new temporary file for the target ``name`` in ``directory``: ``(fd, its path)``."""
    prefix = _temp_prefix(directory, name)
    flags = (
        os.O_WRONLY
        | os.O_CREAT
        | os.O_EXCL
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_BINARY", 0)
    )
    for _attempt in range(100):
        tmp = os.path.join(directory, f"{prefix}{os.getpid()}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name")


def atomic_write_bytes(
    path: Path, data: bytes | Iterable[bytes], *, mode: int | None = None
) -> None:
    """Write ``data`` (or its chunks, written as they come) to ``path`` atomically: temp
    file, fsync, ``os.replace``, fsync dir.

    The file keeps the permissions of the one it replaces; a new file gets ``mode`` (default:
    what the umask allows). Raises :class:`NotWritable` (naming the file) if any step fails,
    or if ``path`` exists and is not a regular file (see :func:`check_replaceable`); in that
    case the previous content of ``path`` is untouched and no temporary file is left. The
    temporary file is ``.<name>.<pid>.<random>.tmp`` (shorter for a long name); ones that
    killed writers left for the same ``path`` are removed first (:func:`remove_leftovers`).
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    check_replaceable(path)
    remove_leftovers(path)
    try:
        fd, tmp_name = _create_temp(directory, path.name)
    except OSError as exc:
        why = exc.strerror or str(exc)
        if exc.errno == errno.ENOENT and directory.is_dir():  # (/proc: "no such file")
            why = f"{directory} takes no new files"
        raise NotWritable(path, f"cannot write here: {why}") from None
    try:
        with os.fdopen(fd, "wb") as tmp:
            if isinstance(data, bytes):
                tmp.write(data)
            else:
                for chunk in data:
                    tmp.write(chunk)
            tmp.flush()
            os.fsync(tmp.fileno())
        try:  # keep the permissions of the file we replace
            new_mode = os.stat(path).st_mode & 0o7777
        except OSError:
            new_mode = mode if mode is not None else 0o666 & ~_umask()
        with contextlib.suppress(OSError):
            os.chmod(tmp_name, new_mode)
        os.replace(tmp_name, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise NotWritable(path, f"cannot write: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(directory)


def _umask() -> int:
    """The process's umask, read without changing it (setting it, even briefly, would race
    with other threads creating files); 0o022 where it cannot be read."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable (best effort: not every platform can open a directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def decode_utf8(
    path: Path, raw: bytes, what: str = "database", error: type[StoreError] = CorruptDatabase
) -> str:
    """``raw`` as text; bytes that are not UTF-8 are an ``error`` saying where."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(path, f"{what} is not UTF-8 text (bad byte at offset {exc.start})") from None


_paused = 0  # how many threads are in collector_paused
_paused_lock = threading.Lock()
_was_enabled = True


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while a whole database is read or indexed.

    Parsing creates millions of objects that all live on: the collector would walk them
    again and again (400 MB of JSON parsed in 8-11 s with it, 2-5 s without), holding the
    interpreter all the while. None of them form cycles. Threads may nest: the collector
    runs again when the last one leaves."""
    global _paused, _was_enabled
    with _paused_lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()


def enable_collector() -> None:
    """Turn the collector on; while a read has it paused, once the last such read is done
    (:func:`collector_paused`)."""
    global _was_enabled
    with _paused_lock:
        if _paused:
            _was_enabled = True
        else:
            gc.enable()


def parse_json_bytes(
    path: Path, raw: bytes, what: str = "database", error: type[StoreError] = CorruptDatabase
) -> Any:
    """Parse JSON, turning every failure into a one-line ``error`` (line and column).

    Parsed with orjson (a database of 400 MB in 2-3 s instead of 4-11 s), which also refuses
    what a record must never hold: invalid UTF-8 and lone surrogates, integers beyond 64
    bits, NaN and Infinity, nesting deeper than 1,024."""
    import orjson

    try:
        with collector_paused():
            return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if "UTF-8" in exc.msg or "utf-8" in exc.msg:
            decode_utf8(path, raw, what, error)  # names the offset of a bad byte
            if "surrogate" in exc.msg:
                raise error(path, f"{what} holds a lone surrogate (not text)") from None
        low = exc.msg.lower()
        if "recursion" in low or "depth limit" in low:
            raise error(path, f"{what} is not usable JSON: nested too deeply") from None
        truncated = exc.pos >= len(raw.rstrip()) or "end of data" in low or "unterminated" in low
        hint = "; the file looks truncated" if truncated else ""
        message = exc.msg.rstrip(".")
        raise error(
            path,
            f"{what} is not valid JSON: {message} (line {exc.lineno}, column {exc.colno}){hint}",
        ) from None


def read_json_file(path: Path, what: str = "database") -> Any:
    """Read and parse a JSON file (see :func:`read_file_bytes`, :func:`parse_json_bytes`)."""
    return parse_json_bytes(path, read_file_bytes(path, what), what)


def check_tables(path: Path, data: Any) -> dict[str, dict[str, Any]]:
    """``data`` if it has the shape of a TinyDB document of tables, else CorruptDatabase."""
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise CorruptDatabase(
            path, "wrong shape: expected a JSON object of tables (not a coopbrowse database?)"
        )
    return data


class ReadTables(dict[str, dict[str, Any]]):
    """A document of tables as read from a file, with the CRC-32 of the bytes it was read
    from (what the search index's stamp vouches for: see library.vouches)."""

    def __init__(self, tables: dict[str, dict[str, Any]], crc: int) -> None:
        super().__init__(tables)
        self.crc = crc


class AtomicJSONStorage:
    """A TinyDB storage (TinyDB's storage protocol: read, write, close) that never leaves a
    half-written file.

    ``read`` returns ``None`` for a missing file (TinyDB then starts empty) and raises
    :class:`CorruptDatabase` for anything it cannot parse, so a damaged file is never
    mistaken for an empty database and overwritten.
    """

    def __init__(self, path: str | Path, indent: int | None = None) -> None:
        self.path = Path(path)
        self.indent = indent
        self.crc = -1  # zlib.crc32 of what it last wrote (the index's stamp keeps it)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            data = read_json_file(self.path)
        except FileNotFoundError:
            return None
        return check_tables(self.path, data)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        import orjson

        from .lazy import dump_tables

        option = orjson.OPT_INDENT_2 if self.indent else 0
        try:
            payload = dump_tables(data, option)
            self.crc = zlib.crc32(payload)
        except (orjson.JSONEncodeError, TypeError) as exc:
            raise NotWritable(self.path, f"a record cannot be written as JSON: {exc}") from None
        atomic_write_bytes(self.path, payload)

    def close(self) -> None:  # nothing is held open
        pass


def json_messages(lines: Iterable[str | bytes]) -> Iterator[dict[str, Any]]:
    """The JSON objects among ``lines`` (a child process's stdout), skipping anything else:
    how the app hears from the processes that index and write for it."""
    for line in lines:
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if isinstance(message, dict):
            yield message


def child_command(module: str, db_path: Path) -> list[str]:
    """``python -P -m MODULE --db=PATH``: the same interpreter as the app, importing nothing
    from the current directory (``-P``: a ``json.py`` or a checkout there is never run), and
    a path that may start with ``-``."""
    return [sys.executable, "-P", "-m", module, f"--db={db_path}"]


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# Locking -------------------------------------------------------------------------------------


@contextlib.contextmanager
def write_lock(
    path: Path,
    timeout: float = 10.0,
    *,
    waiting: Callable[[int | None], None] | None = None,
    cancelled: threading.Event | None = None,
) -> Iterator[None]:
    """Hold an exclusive inter-process lock for writing ``path``.

    The lock is a ``<name>.lock`` file beside the database, locked with the ``filelock``
    package (``flock`` on POSIX, ``msvcrt`` on Windows); the holder writes its pid in it. A
    second writer waits up to ``timeout`` seconds, then gets :class:`DatabaseLocked` naming
    the file, and the holder's pid when that process is alive. ``waiting(pid or None)`` is
    called once when the wait starts; setting ``cancelled`` ends the wait at once with
    :class:`WriteCancelled`. A lock file this call created is removed on release when the
    database does not exist then (a failed ``init``). Readers need no lock: writes are
    atomic replaces.
    """
    from filelock import FileLock, Timeout

    path = Path(path)
    lock_path = path.with_name(path.name + ".lock")
    created = not os.path.lexists(lock_path)
    # Read before the first attempt: filelock < 4 truncates the file when it opens it.
    first_holder = _read_holder(lock_path)
    deadline = time.monotonic() + timeout
    told = False
    lock = FileLock(lock_path)
    while True:
        if cancelled is not None and cancelled.is_set():
            raise WriteCancelled(
                path, "cancelled while waiting for another process to finish writing"
            )
        try:
            lock.acquire(blocking=False)
        except Timeout:
            pass
        except OSError as exc:
            raise NotWritable(
                path, f"cannot create lock file {lock_path.name}: {exc.strerror or exc}"
            ) from None
        else:
            if os.path.exists(lock_path):
                break
            lock.release()  # its holder removed it on release: lock the file that is there now
            continue
        holder = _read_holder(lock_path) or first_holder
        if time.monotonic() >= deadline:
            raise DatabaseLocked(path, _locked_message(holder))
        if not told and waiting is not None:
            told = True
            waiting(holder)
        if cancelled is not None:
            cancelled.wait(0.05)
        else:
            time.sleep(0.05)
    try:
        _write_holder(lock_path, str(os.getpid()).encode())
        yield
    finally:
        _write_holder(lock_path, b"")
        if created and not os.path.exists(path):
            with contextlib.suppress(OSError):
                os.unlink(lock_path)
        lock.release()


def _locked_message(holder: int | None) -> str:
    if holder is None:
        return "locked by another process; close it or try again"
    if holder == os.getpid():
        return f"locked by another write of this process (pid {holder}); try again"
    return f"locked by another process (pid {holder}); close it or try again"


def _read_holder(lock_path: Path) -> int | None:
    """The pid written in the lock file, if that process is alive."""
    try:
        fd = os.open(lock_path, READ_FLAGS | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        text = os.read(fd, 32).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    finally:
        os.close(fd)
    if not text.isdigit() or len(text) > 10:
        return None
    pid = int(text)
    return pid if _pid_alive(pid) else None


def _write_holder(lock_path: Path, content: bytes) -> None:
    """Replace the lock file's content (best effort: only a regular file, never created)."""
    flags = (
        os.O_WRONLY
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        fd = os.open(lock_path, flags)
    except OSError:
        return
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            os.ftruncate(fd, 0)
            if content:
                os.write(fd, content)
    except OSError:
        pass
    finally:
        os.close(fd)
