"""The bundled dataset shipped in ``coopbrowse.data``: loading and validating it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .model import Meeting, ValidationError

DATASET_FILE = "meetings.json"


@dataclass(frozen=True)
class Dataset:
    """A validated collection of meetings, with the version it was published as."""

    version: str
    meetings: list[Meeting]


def parse_dataset(data: Any, name: str) -> Dataset:
    """Validate a dataset document ``{"dataset_version", "meetings": [...]}``."""
    if not isinstance(data, dict) or not isinstance(data.get("meetings"), list):
        raise InputError(name, 'wrong shape: expected {"meetings": [...]}')
    meetings: list[Meeting] = []
    seen: set[str] = set()
    for i, raw in enumerate(data["meetings"]):
        label = f"record {i + 1}"
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            label += f" ({raw['id']})"
        try:
            meeting = Meeting.from_dict(raw)
        except ValidationError as exc:
            raise InputError(name, f"{label}: {exc}") from None
        if meeting.id in seen:
            raise InputError(name, f"{label}: duplicate meeting id {meeting.id!r}")
        seen.add(meeting.id)
        meetings.append(meeting)
    return Dataset(version=str(data.get("dataset_version", "")), meetings=meetings)


def _bundled_file() -> Path:
    """The bundled dataset file. ``coopbrowse.data`` is a regular package (it has an
    ``__init__.py``), so its directory is known for installed and editable packages alike;
    this avoids importing importlib.resources on every launch."""
    import coopbrowse.data

    return Path(coopbrowse.data.__file__).with_name(DATASET_FILE)


def bundled_version() -> str:
    """The bundled dataset's version, read from the head of the file (cheap: every launch
    asks it, and only a newer version needs the whole dataset parsed)."""
    with _bundled_file().open("rb") as fh:
        head = fh.read(512).decode("utf-8", "replace")
    found = re.search(r'"dataset_version"\s*:\s*"([^"]*)"', head)
    return found.group(1) if found else load_bundled().version


def load_bundled() -> Dataset:
    """The dataset that ships with the package (read through importlib.resources)."""
    data = json.loads(_bundled_file().read_text(encoding="utf-8"))
    return parse_dataset(data, f"coopbrowse/data/{DATASET_FILE}")


def record_hash(record: dict[str, Any]) -> str:
    """A stable fingerprint of a record's JSON form (to tell user edits from bundled ones)."""
    import hashlib

    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
