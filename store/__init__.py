"""coopbrowse's core: records, the TinyDB store, search and export. Never imports Textual."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    CorruptDatabase,
    DatabaseLocked,
    InputError,
    NothingToUndo,
    NotWritable,
    RecordChanged,
    RecordConflict,
    StoreError,
)
from .model import Meeting, Participant, Proposal, Source, TradeFigure, ValidationError
from .storage import SCHEMA_VERSION

if TYPE_CHECKING:
    from .db import Store, WriteReport
else:

    def __getattr__(name: str) -> Any:
        """``Store`` and ``WriteReport``, imported when first asked for: the browser's
        launch, when its index is current, reads the database without them (and TinyDB)."""
        if name in ("Store", "WriteReport"):
            from . import db

            return getattr(db, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__version__ = "0.2.0"  # the single source: pyproject.toml reads it from here

__all__ = [
    "SCHEMA_VERSION",
    "CorruptDatabase",
    "DatabaseLocked",
    "InputError",
    "Meeting",
    "NotWritable",
    "NothingToUndo",
    "Participant",
    "Proposal",
    "RecordChanged",
    "RecordConflict",
    "Source",
    "Store",
    "StoreError",
    "TradeFigure",
    "ValidationError",
    "WriteReport",
    "__version__",
]
