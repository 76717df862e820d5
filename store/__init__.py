"""coopbrowse's core: records, the TinyDB store, search and export. Never imports Textual."""

from __future__ import annotations

from importlib import metadata

from .db import SCHEMA_VERSION, Store, WriteReport, open_store
from .errors import CorruptDatabase, DatabaseLocked, InputError, NotWritable, StoreError
from .model import Meeting, Participant, Proposal, Source, TradeFigure, ValidationError

try:
    __version__ = metadata.version("coopbrowse")
except metadata.PackageNotFoundError:  # running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "SCHEMA_VERSION",
    "CorruptDatabase",
    "DatabaseLocked",
    "InputError",
    "Meeting",
    "NotWritable",
    "Participant",
    "Proposal",
    "Source",
    "Store",
    "StoreError",
    "TradeFigure",
    "ValidationError",
    "WriteReport",
    "__version__",
    "open_store",
]
