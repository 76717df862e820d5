"""A disk cache of things derived from a database (the loaded records, the search index).

Entries are keyed by the database file's content hash, so a cache entry can never describe
another version of the data; a changed database simply misses. The cache is an optimisation
only: an unreadable, stale or corrupt entry is ignored and rebuilt, a cache directory that
cannot be written is skipped. It lives in ``_platformdirs().user_cache_path("coopbrowse")`` or
``COOPBROWSE_CACHE`` (set it to ``off`` to disable caching).

Entries are pickles written by this program into the user's own cache directory.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import StoreError
from .storage import atomic_write_bytes

CACHE_ENV = "COOPBROWSE_CACHE"
FORMAT = 6  # bump when a cached structure changes shape
KEEP = 3  # entries kept per kind


def cache_dir() -> Path | None:
    """Where cache entries go, or None when caching is off."""
    env = os.environ.get(CACHE_ENV)
    if env is not None:
        return None if env.strip().lower() in ("", "off", "0", "none") else Path(env)
    return _platformdirs().user_cache_path("coopbrowse")


def _entry(kind: str, key: str) -> Path | None:
    directory = cache_dir()
    if directory is None or not key:
        return None
    from . import __version__

    return directory / f"{kind}-v{FORMAT}-{__version__}-{key}.pickle"


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many long-lived objects.

    Loading tens of thousands of records triggers collection after collection over objects
    that will all survive; pausing it roughly halves load and build times.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(kind: str, key: str) -> Any | None:
    """The cached object for ``(kind, key)``, or None."""
    path = _entry(kind, key)
    if path is None:
        return None
    try:
        with open(path, "rb") as fh, no_gc():
            return pickle.load(fh)
    except Exception:  # a missing or damaged entry is only a miss
        return None


def exists(kind: str, key: str) -> bool:
    path = _entry(kind, key)
    return path is not None and path.is_file()


def save(kind: str, key: str, value: Any) -> None:
    """Store ``value`` for ``(kind, key)``; keep the newest few entries of ``kind``."""
    path = _entry(kind, key)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, StoreError, pickle.PicklingError, RecursionError):
        return
    with contextlib.suppress(OSError):
        entries = sorted(
            path.parent.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in entries[KEEP:]:
            old.unlink()


def _platformdirs():  # type: ignore[no-untyped-def]
    """platformdirs, imported when a default location is needed (not on every launch)."""
    import platformdirs

    return platformdirs
