"""Importing meeting records from JSON and YAML files, all or nothing.

A file holds what ``coopbrowse list --json`` prints (an array of meetings, proposals nested),
the bundled dataset's ``{"meetings": [...]}``, or one meeting object; ``.yaml``/``.yml`` files
hold the same shapes in YAML (PyYAML is the optional extra ``coopbrowse[yaml]``). The type is
the file's extension: ``.json``, ``.yaml`` or ``.yml``, nothing is sniffed.

Every record of every file is read and validated before the database is touched; the first
problem is one :class:`InputError` naming the file (as given), the record and the field:
``meetings.json: record 3 (2025-07-21-samara): trade[0].usd_millions: expected a number``.
The records are then written by :meth:`Store.put_meetings` in one atomic write (or planned by
:meth:`Store.plan_meetings` for a dry run), which skips or replaces meetings that exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from .dataset import parse_meetings, record_label
from .errors import InputError, RecordConflict
from .ids import renumber, unique_id
from .model import Meeting, check_web_addresses, kind_of
from .storage import decode_utf8, format_size, format_sizes, parse_json_bytes, read_file_bytes

if TYPE_CHECKING:
    from .db import Catalog, Store, WriteReport

FORMATS = {".json": "JSON", ".yaml": "YAML", ".yml": "YAML"}
YAML_MISSING = "reading YAML needs PyYAML: pip install 'coopbrowse[yaml]'"
MEETING_KEYS = frozenset({"id", "date", "region", "title"})  # what makes an object a meeting
_WHAT = "data"  # how read/parse errors name a file's content: "data is not valid JSON: ..."
IMPORT_LIMIT = 512_000_000  # bytes in one import file (the JSON of 100,000 meetings is 400 MB)


class Record(Struct, frozen=True):
    """A validated meeting and where it came from: the file as given, its record label."""

    meeting: Meeting
    file: str
    label: str


def load_records(paths: Iterable[str | Path]) -> list[Record]:
    """Read and validate every record of every file; the first problem raises InputError.

    Meeting ids and proposal ids must be unique across all the files.
    """
    seen: dict[tuple[str, str], str] = {}
    records: list[Record] = []
    for given in paths:
        path = Path(given)
        raws = read_raw_records(path)
        meetings = parse_meetings(raws, str(path), seen)
        records += [
            Record(m, str(path), record_label(i, raw))
            for i, (m, raw) in enumerate(zip(meetings, raws, strict=True))
        ]
    return records


def read_raw_records(path: Path) -> list[Any]:
    """The records of one file as plain JSON values (not yet validated). The type comes
    from the extension, checked before anything is read; the file must be a regular file of
    at most :data:`IMPORT_LIMIT` bytes (a pipe, a device or a directory is an InputError)."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        suffix = f"extension {path.suffix!r}" if path.suffix else "no extension"
        raise InputError(path, f"unknown file type ({suffix}): expected .json, .yaml or .yml")
    try:
        raw = read_file_bytes(path, _WHAT, InputError, limit=IMPORT_LIMIT)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    # a byte order mark, as some Windows editors save UTF-8, is no part of the data
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if kind == "JSON":
        try:
            data = parse_json_bytes(path, raw, _WHAT, InputError)
        except InputError as exc:
            if "surrogate" not in exc.problem:
                raise
            data = _with_surrogates(raw, exc)
    else:
        data = _parse_yaml(path, raw)
    return _records_of(path, data)


def _with_surrogates(raw: bytes, error: InputError) -> Any:
    """JSON that spells a lone surrogate (``"\\ud800"``), read by the standard library,
    which keeps it: the record check then names the field that holds it (else ``error``)."""
    import json

    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise error from None


def _records_of(path: Path, data: Any) -> list[Any]:
    """The list of records in any of the accepted shapes; anything else is a wrong shape."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict) and "meetings" in data:
        if isinstance(data["meetings"], list):
            _only_meetings_hold_records(path, data)
            return data["meetings"]
        hint = " (a coopbrowse database? export it with `coopbrowse list --json`)"
        raise InputError(
            path,
            f'wrong shape: "meetings" must be a list, got {kind_of(data["meetings"])}'
            + (hint if "meta" in data else ""),
        )
    if isinstance(data, dict) and MEETING_KEYS & data.keys():
        return [data]
    got = "an object without id, date, region or title" if isinstance(data, dict) else kind_of(data)
    raise InputError(
        path,
        f'wrong shape: expected a list of meetings, {{"meetings": [...]}} or one meeting, '
        f"got {got}",
    )


def _only_meetings_hold_records(path: Path, data: dict[str, Any]) -> None:
    """Beside "meetings", a file may say what it is ("dataset_version": ...), but a list or
    object there would not be imported: "proposals": [...] beside the meetings was dropped
    without a word. It is an error naming it."""
    named = sorted(MEETING_KEYS & data.keys())
    if named:  # (a meeting holding "meetings": the outer one was dropped without a word)
        raise InputError(
            path,
            f'wrong shape: a meeting ({", ".join(named)}) with "meetings" in it: give one '
            'meeting, or {"meetings": [...]}',
        )
    for key, value in data.items():
        if key != "meetings" and isinstance(value, list | dict):
            where = (
                'a proposal goes in its meeting\'s "proposals" list'
                if key == "proposals"
                else 'only "meetings" holds records'
            )
            raise InputError(
                path, f'wrong shape: "{key}" beside "meetings" would not be imported ({where})'
            )


def _parse_yaml(path: Path, raw: bytes) -> Any:
    """``yaml.safe_load`` with one-line errors that give the line; PyYAML imported here."""
    try:
        import yaml  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise InputError(path, YAML_MISSING) from None
    text = decode_utf8(path, raw, _WHAT, InputError)
    try:
        data = yaml.safe_load(text)
        if _expanded_size(data) > max(YAML_GROWTH * len(raw), YAML_FLOOR):
            raise InputError(
                path,
                f"{_WHAT} is not usable YAML: its aliases (*name) repeat more text than a "
                f"meeting needs ({YAML_GROWTH} times the file's); write the values out",
            )
        return _plain(data)
    except RecursionError:
        raise InputError(path, f"{_WHAT} is not usable YAML: nested too deeply") from None
    except ValueError as exc:  # Python's own limits: an integer of more than 4,300 digits
        if "digits" not in str(exc):
            raise
        raise InputError(path, f"{_WHAT} is not usable YAML: a number too long to read") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        problem = exc.problem or exc.context or "syntax error"
        raise InputError(path, f"{_WHAT} is not valid YAML: {problem}{where}") from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line = text.count("\n", 0, exc.position) + 1
        raise InputError(
            path, f"{_WHAT} is not valid YAML: {exc.reason} #x{exc.character:04x} (line {line})"
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(path, f"{_WHAT} is not valid YAML: {' '.join(str(exc).split())}") from None


# YAML's aliases (``*name``) repeat a node wherever they stand: stored, each is a copy, and a
# megabyte of YAML could make a database of gigabytes. What a file's values come to, aliases
# written out, may be this many times its size (or YAML_FLOOR characters)
YAML_GROWTH = 4
YAML_FLOOR = 1_000_000


def _expanded_size(data: Any) -> int:
    """About how many characters ``data`` holds with every alias written out (a shared
    node counted wherever it stands; one that contains itself, once)."""
    sizes: dict[int, int] = {}

    def size(value: Any) -> int:
        if isinstance(value, str):
            return len(value)
        if not isinstance(value, list | dict):
            return 8
        key = id(value)
        if key in sizes:
            return sizes[key]
        sizes[key] = 0  # (while it is counted: a node inside itself adds nothing)
        items = value if isinstance(value, list) else [*value.keys(), *value.values()]
        sizes[key] = 2 + sum(size(item) for item in items)
        return sizes[key]

    return size(data)


def _plain(data: Any) -> Any:
    """YAML's values as JSON's: dates and times become ISO strings (``date: 2025-07-21`` is
    read as a date). Each shared (aliased) node is converted once, so an alias bomb costs
    no more than its text, and a node that contains itself stays finite."""
    done: dict[int, Any] = {}

    def walk(value: Any) -> Any:
        if isinstance(value, dt.date):  # a datetime is a date too
            return value.isoformat()
        if not isinstance(value, list | dict):
            return value
        if id(value) in done:
            return done[id(value)]
        if isinstance(value, list):
            items: list[Any] = []
            done[id(value)] = items
            items.extend(walk(v) for v in value)
            return items
        mapping: dict[Any, Any] = {}
        done[id(value)] = mapping
        mapping.update((walk(k), walk(v)) for k, v in value.items())
        return mapping

    return walk(data)


class ImportResult(Struct, dict=True):  # (dict: the sets __post_init__ keeps)
    """What an import did (or, for a dry run, would do), by record."""

    records: list[Record]
    report: WriteReport
    dry_run: bool
    update: bool

    def __post_init__(self) -> None:
        self._added = set(self.report.added)
        self._updated = set(self.report.updated)

    def outcome(self, record: Record) -> tuple[str, str]:
        """``(action, why)`` for a record: ``added``/``updated``/``skipped`` and, for the
        last two, which meeting it matched and how."""
        mid = record.meeting.id
        if mid in self._added:
            return "added", ""
        existing = self.report.matched.get(mid, mid)
        how = "" if existing == mid else " (same date, region and host)"
        if mid in self._updated:
            return "updated", f"replaces {existing}{how}" if how else ""
        if existing in self._added:
            return "skipped", f"same meeting as {existing}{how}, earlier in this import"
        return "skipped", f"already exists as {existing}{how}"

    def files(self) -> list[str]:
        """The files in the order given (each once)."""
        return list(dict.fromkeys(r.file for r in self.records))

    def lines(self) -> list[str]:
        """The report as text: a summary line per file, then what happened to each record
        (a dry run lists every record; a real import lists the skipped ones)."""
        verb = "would import" if self.dry_run else "imported"
        lines: list[str] = []
        for name in self.files():
            outcomes = [(r, *self.outcome(r)) for r in self.records if r.file == name]
            counts = {a: sum(1 for _r, b, _w in outcomes if b == a) for a in _ACTIONS}
            lines.append(
                f"{verb} {name}: {counts['added']} added, {counts['updated']} updated, "
                f"{counts['skipped']} skipped"
            )
            for record, action, why in outcomes:
                if self.dry_run or action == "skipped":
                    shown = _DRY_VERBS[action] if self.dry_run else action
                    lines.append(f"  {shown} {record.meeting.id}" + (f": {why}" if why else ""))
        if not self.update and any(self.outcome(r)[1].startswith("already") for r in self.records):
            lines.append("use --update to replace meetings that already exist")
        if self.dry_run:
            lines.append("dry run: nothing was written")
        return lines

    def to_dict(self) -> dict[str, Any]:
        """The report for scripts: ``{dry_run, update, files, added, updated, skipped}``, each
        list holding ``{id, file}`` plus, for updated and skipped, ``existing`` and ``why``."""
        data: dict[str, Any] = {
            "dry_run": self.dry_run,
            "update": self.update,
            "files": self.files(),
            **{action: [] for action in _ACTIONS},
        }
        for record in self.records:
            action, why = self.outcome(record)
            entry: dict[str, Any] = {"id": record.meeting.id, "file": record.file}
            if action != "added":
                entry["existing"] = self.report.matched.get(record.meeting.id, record.meeting.id)
                entry["why"] = why
            data[action].append(entry)
        return data


_ACTIONS = ("added", "updated", "skipped")
_DRY_VERBS = {"added": "add", "updated": "update", "skipped": "skip"}


def import_records(
    store: Store, records: list[Record], *, update: bool = False, dry_run: bool = False
) -> ImportResult:
    """Write validated records in one atomic write (or, with ``dry_run``, only plan it).

    A record whose proposal id belongs to another stored meeting is an InputError naming
    its file and record; nothing is written then.
    """
    meetings = [r.meeting for r in records]
    try:
        if dry_run:
            report = store.plan_meetings(meetings, update=update)
        else:
            report = store.put_meetings(meetings, update=update)
    except RecordConflict as exc:
        record = next(r for r in records if r.meeting.id == exc.meeting_id)
        raise InputError(record.file, f"{record.label}: {exc.detail}") from None
    return ImportResult(records, report, dry_run=dry_run, update=update)


# Articles ------------------------------------------------------------------------------------

MAX_ARTICLE_BYTES = 1_000_000  # news reports are 5-50 KB; more is not an article


def read_article_text(path: Path) -> str:
    """The text of an article file. A missing, special (a directory, a device, a pipe, a
    symbolic link loop), unreadable, empty, oversized or non-UTF-8 file is an InputError
    naming the file; at most ``MAX_ARTICLE_BYTES + 1`` bytes are read, and a pipe never
    blocks."""
    try:
        raw = read_file_bytes(
            path,
            "article",
            InputError,
            limit=MAX_ARTICLE_BYTES,
            too_large="too large for an article",
        )
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    return decode_article(path, raw)


def decode_article(name: Path | str, raw: bytes) -> str:
    """Article bytes (a file's, or standard input's: read ``MAX_ARTICLE_BYTES + 1`` of them)
    as text, or a one-line InputError."""
    if len(raw) > MAX_ARTICLE_BYTES:
        raise InputError(name, _too_large(len(raw)))
    text = decode_utf8(Path(name), raw, "article", InputError)
    if not text.strip():
        raise InputError(name, "the article is empty")
    if b"\x00" in raw:  # (valid UTF-8, but no report holds a NUL: an image, an archive)
        at = raw.index(b"\x00")  # (in bytes, as the UTF-8 check counts)
        raise InputError(name, f"article is not text (a NUL byte at offset {at}: a binary file?)")
    return text


def _too_large(size: int) -> str:
    """The message for ``size`` bytes; ``MAX_ARTICLE_BYTES + 1`` is what a capped read of a
    larger input returns, so it reads as "more than"."""
    limit = MAX_ARTICLE_BYTES
    if size == limit + 1:
        return f"too large for an article (more than {format_size(limit)})"
    shown, cap = format_sizes(size, limit)
    return f"too large for an article ({shown}; at most {cap})"


def prepare_draft(store: Store, data: dict[str, Any], catalog: Catalog | None = None) -> Meeting:
    """A drafted (and perhaps edited) meeting made ready to save, with its proposals numbered
    under its id. A stored meeting with the same date, region and host is the same meeting:
    the draft takes its id (so replacing it keeps every reference to it). Otherwise an id that
    another meeting has is made unique with the host's surname. Raises ``ValidationError``
    naming the first bad field. ``catalog``: what is stored (read from ``store`` if not
    given; no record is built either way)."""
    data = renumber(data, str(data.get("id") or ""))
    meeting = Meeting.from_dict(data)
    check_web_addresses(meeting)  # (a draft's URL is the page it came from; an edit may not)
    stored = catalog if catalog is not None else store.catalog()
    same = stored.same(meeting)
    if same is not None:
        if same != meeting.id:
            meeting = Meeting.from_dict(renumber(data, same))
        return meeting
    if meeting.id in stored.ids:
        meeting = Meeting.from_dict(renumber(data, unique_id(data, stored.ids)))
    return meeting


def stored_as(store: Store, meeting: Meeting, catalog: Catalog | None = None) -> str | None:
    """The id of the stored meeting a prepared draft would replace, if any."""
    report = store.plan_meetings([meeting], catalog=catalog)
    return report.matched.get(meeting.id, meeting.id) if report.skipped else None


def save_draft(store: Store, meeting: Meeting, *, update: bool = False) -> tuple[str, str]:
    """Write a prepared draft in one atomic write: ``("added" | "updated", id)``, or
    ``("skipped", stored id)`` when it is already stored and ``update`` is false. The same
    path for ``coopbrowse import-article --yes`` and the app's review form."""
    report = store.put_meetings(
        [meeting], update=update, origin="article", new_proposals=True, record_added=True
    )
    if report.skipped:
        return "skipped", report.matched.get(meeting.id, meeting.id)
    return ("updated" if report.updated else "added"), meeting.id
