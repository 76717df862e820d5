"""coopbrowse's core: records, the TinyDB store, search and export. Never imports Textual."""

from __future__ import annotations

from .db import SCHEMA_VERSION, Store, WriteReport
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
