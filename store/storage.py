"""Crash-safe storage for TinyDB, and an inter-process write lock.

TinyDB's own ``JSONStorage`` rewrites the file in place (seek, write, truncate), so a crash
mid-write can leave a corrupt database. :class:`AtomicJSONStorage` writes a temporary file in
the same directory, fsyncs it, then ``os.replace``s it over the old one: a reader (or a process
killed at any instant) sees either the old file or the new one, never half of either.

:func:`atomic_write_bytes` is the same primitive for any file (exports, state).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import CorruptDatabase, DatabaseLocked, NotWritable, StoreError

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def atomic_write_bytes(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` atomically: temp file, fsync, ``os.replace``, fsync dir.

    The file keeps the permissions of the one it replaces; a new file gets ``mode`` (default:
    what the umask allows). Raises :class:`NotWritable` (naming the file) if any step fails;
    in that case the previous content of ``path`` is untouched and no temporary file is left.
    """
    import tempfile

    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise NotWritable(path, f"cannot write here: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
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


def read_file_bytes(
    path: Path, what: str = "database", error: type[StoreError] = CorruptDatabase
) -> bytes:
    """The bytes of ``path``; every failure but a missing file is an ``error`` (one line
    naming the file: a directory, an unreadable or an empty file)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        article = "an" if what[:1] in "aeiou" else "a"
        raise error(path, f"is a directory, not {article} {what} file") from None
    except OSError as exc:
        raise error(path, f"cannot read {what}: {exc.strerror or exc}") from None
    if not raw.strip():
        raise error(path, f"{what} file is empty ({'only white space' if raw else '0 bytes'})")
    return raw


def content_digest(raw: bytes) -> str:
    """A short hash of a file's content (keys derived caches)."""
    import hashlib

    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def decode_utf8(
    path: Path, raw: bytes, what: str = "database", error: type[StoreError] = CorruptDatabase
) -> str:
    """``raw`` as text; bytes that are not UTF-8 are an ``error`` saying where."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(path, f"{what} is not UTF-8 text (bad byte at offset {exc.start})") from None


def parse_json_bytes(
    path: Path, raw: bytes, what: str = "database", error: type[StoreError] = CorruptDatabase
) -> Any:
    """Parse JSON, turning every failure into a one-line ``error`` (line and column).

    Parsed with orjson (a database of 400 MB in 2-3 s instead of 4-11 s), which also refuses
    what a record must never hold: invalid UTF-8 and lone surrogates, integers beyond 64
    bits, NaN and Infinity, nesting deeper than 1,024."""
    import orjson

    try:
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

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            data = read_json_file(self.path)
        except FileNotFoundError:
            return None
        return check_tables(self.path, data)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        import orjson

        option = orjson.OPT_INDENT_2 if self.indent else 0
        try:
            payload = orjson.dumps(data, option=option)
        except (orjson.JSONEncodeError, TypeError) as exc:
            raise NotWritable(self.path, f"a record cannot be written as JSON: {exc}") from None
        atomic_write_bytes(self.path, payload)

    def close(self) -> None:  # nothing is held open
        pass


@contextlib.contextmanager
def write_lock(path: Path, timeout: float = 10.0) -> Iterator[None]:
    """Hold an exclusive inter-process lock for writing ``path``.

    The lock is a ``<name>.lock`` file beside the database, locked with ``flock``. A second
    writer waits up to ``timeout`` seconds, then gets :class:`DatabaseLocked` naming the file
    and the pid that holds it. Readers need no lock: writes are atomic replaces.
    """
    lock_path = path.with_name(path.name + ".lock")
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise NotWritable(
            path, f"cannot create lock file {lock_path.name}: {exc.strerror}"
        ) from None
    try:
        if fcntl is not None:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        holder = _read_holder(fd)
                        raise DatabaseLocked(
                            path,
                            f"locked by another coopbrowse process{holder}; close it or try again",
                        ) from None
                    time.sleep(0.05)
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        if fcntl is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _read_holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""
