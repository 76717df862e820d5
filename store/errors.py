"""Errors the store raises. Each renders as one line that names the file and the problem."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base class: something the user must be told about in one line (exit status 2)."""

    def __init__(self, path: Path | str | None, problem: str) -> None:
        self.path = Path(path) if path is not None else None
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path is not None else problem)


class CorruptDatabase(StoreError):
    """The database file exists but cannot be used; it is left exactly as it was."""


class DatabaseLocked(StoreError):
    """Another process holds the write lock for longer than we are willing to wait."""


class NotWritable(StoreError):
    """The file or its directory cannot be written; nothing was changed."""


class InputError(StoreError):
    """An input file (import, dataset) is malformed."""


class RecordConflict(StoreError):
    """A record would clash with another one in the database; nothing was written.

    ``meeting_id`` is the incoming meeting and ``detail`` the clash with its field's path
    (``proposals[0].id: ...``), so that an import can name the file and record it came from.
    """

    def __init__(self, path: Path | str | None, meeting_id: str, detail: str) -> None:
        super().__init__(path, f"meeting {meeting_id!r}: {detail}")
        self.meeting_id = meeting_id
        self.detail = detail


class RecordChanged(StoreError):
    """The record was changed (by another process, or another window) since it was read
    for an edit; nothing was written. ``current`` is the record as it is now."""

    def __init__(self, path: Path | str | None, record_id: str, current: object) -> None:
        super().__init__(
            path, f"{record_id} was changed elsewhere since it was opened; nothing was written"
        )
        self.record_id = record_id
        self.current = current


class NothingToUndo(StoreError):
    """A record has no recorded change left to undo."""


def no_database(db_path: Path) -> str:
    """What to do about a database that is not there: create it, where that can be done."""
    from .paths import default_db_path

    folder = db_path.parent
    if not folder.is_dir() and db_path != default_db_path():  # (init makes only the default's)
        return f"no database here, and no folder {folder} to create one in"
    return "no database here (create one with `coopbrowse init`)"
