"""The bundled dataset shipped in ``coopbrowse.data``: loading and validating it."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from msgspec import Struct

from .errors import InputError
from .model import Meeting, ValidationError, check_web_addresses
from .storage import open_regular, read_regular
from .text import cut

DATASET_FILE = "meetings.json"
DATASET_LIMIT = 256_000_000  # the bundled dataset is a few hundred KB


class Dataset(Struct, frozen=True):
    """A validated collection of meetings, with the version it was published as."""

    version: str
    meetings: list[Meeting]


def parse_dataset(data: Any, name: str) -> Dataset:
    """Validate a dataset document ``{"dataset_version", "meetings": [...]}``."""
    if not isinstance(data, dict) or not isinstance(data.get("meetings"), list):
        raise InputError(name, 'wrong shape: expected {"meetings": [...]}')
    meetings = parse_meetings(data["meetings"], name)
    return Dataset(version=str(data.get("dataset_version", "")), meetings=meetings)


def record_label(index: int, raw: Any) -> str:
    """How an error names the ``index``-th record of a file: ``record 3 (2025-07-21-samara)``."""
    label = f"record {index + 1}"
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        label += f" ({cut(raw['id'], 80)})"  # (an id of 100,000 characters: an error of 100 KB)
    return label


@functools.cache
def _known(cls: type) -> tuple[frozenset[str], dict[str, type]]:
    """A record kind's fields, and the kind each of its lists or objects holds."""
    import msgspec

    from .model import Change, FollowUp, Participant, Proposal, Source, TradeFigure

    inner: dict[type, dict[str, type]] = {
        Meeting: {
            "participants": Participant,
            "trade": TradeFigure,
            "source": Source,
            "proposals": Proposal,
            "history": Change,
        },
        Proposal: {"follow_up": FollowUp},
    }
    return frozenset(f.name for f in msgspec.structs.fields(cls)), inner.get(cls, {})


_NAMES = {"FollowUp": "follow-up", "TradeFigure": "trade figure"}  # (as errors name them)


def check_known_fields(raw: Any, cls: type = Meeting, where: str = "") -> None:
    """A field no coopbrowse record has (a misspelt "propsals", a list of proposals beside
    their meetings) would be dropped without a word: it is an error naming it."""
    if not isinstance(raw, dict):
        return
    names, inner = _known(cls)
    for key, value in raw.items():
        path = f"{where}.{key}" if where else str(key)
        if key not in names:
            known = ", ".join(sorted(names))
            what = _NAMES.get(cls.__name__, cls.__name__.lower())
            raise ValidationError(path, f"no such field (a {what} has {known})")
        kind = inner.get(key)
        if kind is None:
            continue
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for j, item in items:
            check_known_fields(item, kind, path if j is None else f"{path}[{j}]")


def parse_meetings(
    records: list[Any], name: str, seen: dict[tuple[str, str], str] | None = None
) -> list[Meeting]:
    """Validate meeting records read from the file ``name``.

    The first bad one raises :class:`InputError` naming the file, the record and the field:
    ``meetings.json: record 3 (2025-07-21-samara): trade[0].usd_millions: expected a number``.
    Meeting ids and proposal ids must each be unique; ``seen`` (``(kind, id)`` -> where it
    was read) carries them across the files of one import.
    """
    seen = {} if seen is None else seen
    meetings: list[Meeting] = []
    for i, raw in enumerate(records):
        label = record_label(i, raw)
        try:
            # (first: a misspelt "usd_milions" is named as written, not as "usd_millions"
            # missing)
            check_known_fields(raw)
            meeting = Meeting.from_dict(raw)
            check_web_addresses(meeting)
        except ValidationError as exc:
            raise InputError(name, f"{label}: {exc}") from None
        keys = [("meeting", meeting.id, "")]
        keys += [
            ("proposal", p.id, f"proposals[{j}].id: ") for j, p in enumerate(meeting.proposals)
        ]
        for kind, rid, field in keys:
            if (kind, rid) in seen:
                also = seen[kind, rid]
                raise InputError(name, f"{label}: {field}duplicate {kind} id {rid!r} (also {also})")
            seen[kind, rid] = f"{name} {label}"
        meetings.append(meeting)
    return meetings


def _bundled_file() -> Path:
    """The bundled dataset file. ``coopbrowse.data`` is a regular package (it has an
    ``__init__.py``), so its directory is known for installed and editable packages alike;
    this avoids importing importlib.resources on every launch."""
    import coopbrowse.data

    return Path(coopbrowse.data.__file__).with_name(DATASET_FILE)


def version_key(version: str) -> tuple[int, ...]:
    """A dataset version (``2025.1-2``) as numbers to compare (a part that is not one: -1)."""
    parts = []
    for part in version.replace("-", ".").split("."):
        # (ASCII digits, and few: "²" is a digit int() refuses, and Python converts no more
        # than 4,300 digits: a stored version of 5,000 raised a traceback)
        number = part.isascii() and part.isdigit() and len(part) <= 18
        parts.append(int(part) if number else -1)
    return tuple(parts)


def bundled_version() -> str:
    """The bundled dataset's version, read from the head of the file (cheap: every launch
    asks it, and only a newer version needs the whole dataset parsed)."""
    with open_regular(_bundled_file(), "dataset", DATASET_LIMIT, InputError) as fh:
        head = fh.read(512).decode("utf-8", "replace")
    found = re.search(r'"dataset_version"\s*:\s*"([^"]*)"', head)
    return found.group(1) if found else load_bundled().version


def load_bundled() -> Dataset:
    """The dataset that ships with the package. A damaged install (the file missing, not a
    regular file, not UTF-8 JSON) is an InputError naming the file."""
    path = _bundled_file()
    name = f"coopbrowse/data/{DATASET_FILE}"
    try:
        data = json.loads(read_regular(path, "dataset", DATASET_LIMIT, InputError))
    except FileNotFoundError:
        raise InputError(path, "bundled dataset is missing (reinstall coopbrowse)") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(path, f"bundled dataset is not valid JSON: {exc}") from None
    return parse_dataset(data, name)


def record_hash(record: dict[str, Any]) -> str:
    """A stable fingerprint of a record's JSON form (to tell user edits from bundled ones)."""
    import hashlib

    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
