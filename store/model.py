"""Typed records: Meeting, Proposal, Participant, TradeFigure, Source.

Records are plain ``msgspec.Struct`` classes (like every record type in the package: see
docs/architecture.md) built from JSON-shaped dicts by ``from_dict``, which validates every
field and raises :class:`ValidationError` naming the field's path
(``trade[0].usd_millions: expected a number``). ``to_dict`` gives back the JSON shape that
``coopbrowse list --json`` prints and the store keeps, so one format serves the bundled dataset,
the database, the CLI and imports.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

from msgspec import Struct, field

from .taxonomy import LEGACY_STATUSES, METRICS, ROLES, SECTOR_IDS, SIDES, STATUSES
from .text import cut


class ValidationError(ValueError):
    """A record does not have the expected shape; ``path`` names the offending field."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message

    def within(self, prefix: str) -> ValidationError:
        """The same error with ``prefix`` put in front of its path."""
        path = (
            f"{prefix}.{self.path}"
            if self.path and not self.path.startswith("[")
            else (f"{prefix}{self.path}")
        )
        return ValidationError(path, self.message)


_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,119}$")
_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")  # a change's time (history.now)


def _plain_data(value: Any, depth: int = 0) -> bool:
    """Whether ``value`` is what JSON holds, and not nested past reason (a change's old and
    new values: YAML may give a set, or a list that holds itself)."""
    if depth > 64:
        return False
    if value is None or isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, list):
        return all(_plain_data(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain_data(v, depth + 1) for k, v in value.items())
    return False


# What a meeting's record says where no trade figure was quoted (the app, exports)
NO_TRADE_QUOTED = "No trade figures were quoted in the source."

_PERIOD_RE = re.compile(r"^([0-9]{4})(-[0-9]{2})?(\.\.([0-9]{4})(-[0-9]{2})?)?$")


@functools.lru_cache(maxsize=1024)
def _period_year(period: str) -> int:
    """The last calendar year of a valid period (few distinct ones: cached for a large build)."""
    m = _PERIOD_RE.match(period)
    assert m is not None
    return int(m.group(4) or m.group(1))


@functools.lru_cache(maxsize=1024)
def _valid_period(period: str) -> bool:
    """``2024``, ``2025-03`` or a range of those with months 01-12, not running backwards."""
    m = _PERIOD_RE.match(period)
    if not m:
        return False
    months = [g for g in (m.group(2), m.group(5)) if g]
    if any(not 1 <= int(g[1:]) <= 12 for g in months):
        return False
    if m.group(3):
        start, end = period.split("..")
        return start <= end.ljust(len(start), "9")
    return True


def _path(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


# Lone surrogates are not text: they cannot be written as UTF-8 (nor shown).
_SURROGATE = re.compile("[\ud800-\udfff]")
# No figure of bilateral trade comes near a billion million dollars: beyond is a mistake.
_NUMBER_MAX = 1e9
USD_MAX = 1e7  # USD millions: ten trillion dollars
CHANGE_RANGE = (-100.0, 100_000.0)  # a change in percent cannot fall below -100 %


def _plain(number: float) -> str:
    return f"{number:,.0f}" if number == int(number) else f"{number:,}"


def _refuse_surrogates(where: str, value: str) -> None:
    if _SURROGATE.search(value):
        raise ValidationError(where, "holds a lone surrogate (not text)")


def date_problem(value: str) -> str | None:
    """What is wrong with ``value`` as a date ``YYYY-MM-DD`` (None: nothing). The one check
    of the store, the command line and the forms: "no such date" for 2025-02-30, "expected
    a date YYYY-MM-DD" for anything else (20250301 and 2025-W09-1 included)."""
    if not _ISO_DATE.fullmatch(value):
        return "expected a date YYYY-MM-DD"
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return "no such date"
    return None


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def _quoted(value: object, most: int = 80) -> str:
    """A value as an error quotes it, cut to ``most`` characters (a 100,000-character id made
    a "one-line" error of 100 KB)."""
    return cut(repr(value), most)


class _Reader:
    """Reads typed fields out of a dict, reporting errors with their path."""

    def __init__(self, data: Any, prefix: str = "") -> None:
        if not isinstance(data, dict):
            raise ValidationError(prefix, f"expected an object, got {kind_of(data)}")
        self.data = data
        self.prefix = prefix

    def where(self, name: str) -> str:
        return _path(self.prefix, name)

    def text(self, name: str, *, required: bool = False, choices: Any = None) -> str:
        value = self.data.get(name)
        if (
            type(value) is str
            and (not required or value.strip())
            and (choices is None or not value or value in choices)
            and (value.isascii() or not _SURROGATE.search(value))
        ):
            return value  # the common case, kept fast: 600,000 records are indexed
        if value is None:  # absent: "" (as fast: a list row reads a part of its record)
            if required:
                raise ValidationError(self.where(name), "is required")
            return ""
        if not isinstance(value, str):
            raise ValidationError(self.where(name), f"expected a string, got {kind_of(value)}")
        if required and not value.strip():
            raise ValidationError(self.where(name), "is required")
        if choices is not None and value and value not in choices:
            allowed = ", ".join(sorted(choices))
            raise ValidationError(
                self.where(name), f"unknown value {_quoted(value)} (one of: {allowed})"
            )
        _refuse_surrogates(self.where(name), value)
        return value

    def flag(self, name: str) -> bool:
        value = self.data.get(name, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise ValidationError(self.where(name), f"expected true or false, got {kind_of(value)}")
        return value

    def number(
        self, name: str, *, least: float = -_NUMBER_MAX, most: float = _NUMBER_MAX
    ) -> float | None:
        """A finite number from ``least`` to ``most`` (an amount: from 0), or None."""
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            # (a string as it was typed: "got 'lots'" in the form, not "got a string")
            got = _quoted(value) if isinstance(value, str) else kind_of(value)
            raise ValidationError(self.where(name), f"expected a number, got {got}")
        try:
            number = float(value)
        except OverflowError:  # an integer of hundreds of digits
            too_large = "expected a number, got one too large"
            raise ValidationError(self.where(name), too_large) from None
        if number != number or number in (float("inf"), float("-inf")):
            raise ValidationError(self.where(name), "expected a finite number")
        if not least <= number <= most:
            raise ValidationError(
                self.where(name),
                f"expected a number from {_plain(least)} to {_plain(most)}, got {_quoted(value)}",
            )
        return number + 0.0  # (-0.0 is 0: shown "-0%" otherwise)

    def date(self, name: str, *, required: bool = False) -> str | None:
        value = self.data.get(name)
        if value in (None, ""):
            if required:
                raise ValidationError(self.where(name), "is required (a date YYYY-MM-DD)")
            return None
        if not isinstance(value, str):
            raise ValidationError(self.where(name), f"expected a date string, got {kind_of(value)}")
        problem = date_problem(value)
        if problem:
            raise ValidationError(self.where(name), f"{problem}, got {_quoted(value)}")
        return value

    def strings(self, name: str) -> tuple[str, ...]:
        value = self.data.get(name)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise ValidationError(self.where(name), f"expected a list, got {kind_of(value)}")
        for i, item in enumerate(value):
            if not isinstance(item, str):
                raise ValidationError(
                    f"{self.where(name)}[{i}]", f"expected a string, got {kind_of(item)}"
                )
            if not item.isascii():
                _refuse_surrogates(f"{self.where(name)}[{i}]", item)
        return tuple(value)

    def items(self, name: str) -> list[tuple[str, Any]]:
        value = self.data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            raise ValidationError(self.where(name), f"expected a list, got {kind_of(value)}")
        where = self.where(name)
        return [(f"{where}[{i}]", item) for i, item in enumerate(value)]


_WEB_ADDRESS = re.compile(r"https?://\S+")  # (as a briefing links and `o` opens: lower case)


def web_addresses(record: dict[str, Any]) -> frozenset[str]:
    """The source and follow-up addresses a meeting's record holds."""
    source = record.get("source") or {}
    urls = {source.get("url")} if isinstance(source, dict) else set()
    for p in record.get("proposals") or ():
        for step in (p.get("follow_up") or ()) if isinstance(p, dict) else ():
            if isinstance(step, dict):
                urls.add(step.get("url"))
    return frozenset(u for u in urls if isinstance(u, str) and u)


def check_web_addresses(meeting: Meeting, stored: frozenset[str] = frozenset()) -> None:
    """Raise :class:`ValidationError` for a source or follow-up address that is not an
    http(s) one (``javascript:…``): what is imported or edited may only link to the web.
    (A database that holds one still opens: it is shown as text and never opened; an edit
    leaves the addresses already ``stored`` in the record as they are.)"""
    url = meeting.source.url
    if url and url not in stored and not _WEB_ADDRESS.fullmatch(url):
        raise ValidationError("source.url", f"expected an http(s) address, got {_quoted(url)}")
    for i, p in enumerate(meeting.proposals):
        for j, step in enumerate(p.follow_up):
            if step.url and step.url not in stored and not _WEB_ADDRESS.fullmatch(step.url):
                raise ValidationError(
                    f"proposals[{i}].follow_up[{j}].url",
                    f"expected an http(s) address, got {_quoted(step.url)}",
                )


def kind_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class Participant(Struct, forbid_unknown_fields=True):
    """A person at (or named in the report of) a meeting."""

    name: str
    title: str = ""
    side: str = ""
    role: str = "participant"

    @classmethod
    def from_dict(cls, data: Any, prefix: str = "") -> Participant:
        r = _Reader(data, prefix)
        return cls(
            name=r.text("name", required=True),
            title=r.text("title"),
            side=r.text("side", choices=SIDES),
            role=r.text("role", choices=ROLES) or "participant",
        )

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "side": self.side, "role": self.role}

    @property
    def tags(self) -> str:
        """``Belarus, host``: the side and role as shown beside the name ("" when neither)."""
        side = {"belarus": "Belarus", "russia": "Russia"}.get(self.side, "")
        role = self.role if self.role in ("host", "guest", "mentioned") else ""
        return ", ".join(t for t in (side, role) if t)


class TradeFigure(Struct, forbid_unknown_fields=True):
    """One trade figure as quoted: period, what it measures, value, qualifier, who said it."""

    period: str
    metric: str
    usd_millions: float | None = None
    qualifier: str = ""
    change_pct: float | None = None
    change_basis: str = ""
    stated_by: str = ""
    note: str = ""

    @classmethod
    def from_dict(cls, data: Any, prefix: str = "") -> TradeFigure:
        year = data.get("period") if isinstance(data, dict) else None
        if type(year) is int and 1000 <= year <= 9999:  # (YAML reads "period: 2024" so)
            data = {**data, "period": str(year)}
        r = _Reader(data, prefix)
        period = r.text("period", required=True)
        if not _valid_period(period):
            raise ValidationError(
                r.where("period"),
                f"expected a year or range like 2024 or 2025-01..2025-08, got {_quoted(period)}",
            )
        figure = cls(
            period=period,
            metric=r.text("metric", required=True, choices=METRICS),
            usd_millions=r.number("usd_millions", least=0.0, most=USD_MAX),
            qualifier=r.text("qualifier"),
            change_pct=r.number("change_pct", least=CHANGE_RANGE[0], most=CHANGE_RANGE[1]),
            change_basis=r.text("change_basis"),
            stated_by=r.text("stated_by"),
            note=r.text("note"),
        )
        if figure.usd_millions is None and figure.change_pct is None:
            raise ValidationError(prefix, "a trade figure needs usd_millions or change_pct")
        return figure

    @property
    def year(self) -> int:
        """The (last) calendar year the period falls in."""
        return _period_year(self.period)

    @property
    def full_year(self) -> bool:
        """True when the period is one whole calendar year."""
        return len(self.period) == 4 and self.period.isdecimal()

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "metric": self.metric,
            "usd_millions": self.usd_millions,
            "qualifier": self.qualifier,
            "change_pct": self.change_pct,
            "change_basis": self.change_basis,
            "stated_by": self.stated_by,
            "note": self.note,
        }


class Source(Struct, forbid_unknown_fields=True):
    """Where a meeting's facts come from."""

    outlet: str = ""
    published: str | None = None
    published_inferred: bool = False
    document: str = ""
    url: str = ""
    headline: str = ""

    @classmethod
    def from_dict(cls, data: Any, prefix: str = "") -> Source:
        r = _Reader(data, prefix)
        return cls(
            outlet=r.text("outlet"),
            published=r.date("published"),
            published_inferred=r.flag("published_inferred"),
            document=r.text("document"),
            url=r.text("url"),
            headline=r.text("headline"),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "published": self.published,
            "published_inferred": self.published_inferred,
            "document": self.document,
            "url": self.url,
            "headline": self.headline,
        }


class FollowUp(Struct, forbid_unknown_fields=True):
    """One change of a proposal's status after the meeting: when, to what, and why; or,
    ``confirms``, a note or a source on the status as it stood, which does not date it."""

    date: str
    status: str
    note: str = ""
    url: str = ""
    confirms: bool = False

    @classmethod
    def from_dict(cls, data: Any, prefix: str = "") -> FollowUp:
        r = _Reader(data, prefix)
        return cls(
            date=r.date("date", required=True) or "",
            status=_status(r, required=True),
            note=r.text("note"),
            url=r.text("url"),
            confirms=r.flag("confirms"),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "date": self.date,
            "status": self.status,
            "note": self.note,
            "url": self.url,
        }
        if self.confirms:  # (written only where it is: older records stay as they were)
            out["confirms"] = True
        return out


def _status(r: _Reader, *, required: bool = False) -> str:
    """A workflow status; a schema-1 status (``ongoing``) is read as its workflow status."""
    value = r.data.get("status")
    if isinstance(value, str) and value in LEGACY_STATUSES:
        return LEGACY_STATUSES[value]
    return r.text("status", required=required, choices=STATUSES) or "proposed"


class Proposal(Struct, forbid_unknown_fields=True):
    """One proposal or area of cooperation raised at a meeting, and what became of it."""

    id: str
    meeting_id: str
    sector: str
    title: str
    detail: str = ""
    proposed_by: str = ""
    enterprises: tuple[str, ...] = ()
    status: str = "proposed"
    quote: str = ""
    # the status was drafted from the article's wording, not set by a person
    status_from_article: bool = False
    follow_up: list[FollowUp] = field(default_factory=list)  # status changes, oldest first
    raised_again: tuple[str, ...] = ()  # ids of later meetings where it came up again

    @classmethod
    def from_dict(cls, data: Any, prefix: str = "", meeting_id: str | None = None) -> Proposal:
        r = _Reader(data, prefix)
        pid = _check_id(r, "id")
        mid = r.text("meeting_id") or (meeting_id or "")
        if meeting_id is not None and mid != meeting_id:
            raise ValidationError(
                r.where("meeting_id"), f"{mid!r} does not match its meeting {meeting_id!r}"
            )
        if not mid:
            raise ValidationError(r.where("meeting_id"), "is required")
        follow_up = data.get("follow_up")
        return cls(
            id=pid,
            meeting_id=mid,
            sector=r.text("sector", required=True, choices=SECTOR_IDS),
            title=r.text("title", required=True),
            detail=r.text("detail"),
            proposed_by=r.text("proposed_by"),
            enterprises=r.strings("enterprises"),
            status=_status(r),
            quote=r.text("quote"),
            status_from_article=r.flag("status_from_article"),
            follow_up=[FollowUp.from_dict(v, p) for p, v in r.items("follow_up")]
            if follow_up
            else [],
            raised_again=r.strings("raised_again"),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "meeting_id": self.meeting_id,
            "sector": self.sector,
            "title": self.title,
            "detail": self.detail,
            "proposed_by": self.proposed_by,
            "enterprises": list(self.enterprises),
            "status": self.status,
            "quote": self.quote,
            "status_from_article": self.status_from_article,
            "follow_up": [f.to_dict() for f in self.follow_up],
            "raised_again": list(self.raised_again),
        }

    @property
    def status_since(self) -> str:
        """The date of the latest status change ("" when it is the meeting's own): the first
        of the latest follow-ups that give the current status (those after it confirm it;
        a confirmation does not make a proposal younger), not counting those recorded as
        confirmations (a note on the status as it stood since the meeting: "proposed since
        2023-12-18, 1,085 days" became 950 days with a note dated 2024-05-01)."""
        since, confirmed = "", ""
        for step in reversed(self.follow_up):
            if step.status != self.status:
                # (set since by an edit, not a follow-up: as of the first step that has it)
                return since or confirmed or self.follow_up[-1].date
            if step.confirms:
                confirmed = step.date
            else:
                since = step.date
        return since


# Where a change to a record came from (see coopbrowse.store.history).
ORIGINS: dict[str, str] = {
    "edit": "edited in the app",
    "import --update": "replaced by coopbrowse import --update",
    "article": "replaced from an article",
    "follow-up": "follow-up of a proposal",
    "undo": "undo",
    "redo": "redo (an undo taken back)",
    "bundled update": "a newer bundled dataset",
    "delete": "deleted",
}


class Change(Struct):
    """One recorded change to a meeting (or its proposals): when, from where, and each
    changed field's old and new value (``{"path", "old", "new"}``; see
    :mod:`coopbrowse.store.history` for the paths)."""

    id: str
    meeting_id: str
    at: str
    origin: str
    changes: list[dict[str, Any]] = field(default_factory=list)
    undoes: str = ""  # the id of the change an undo reverted

    @classmethod
    def from_dict(cls, data: Any, prefix: str = "") -> Change:
        r = _Reader(data, prefix)
        changes = []
        for where, item in r.items("changes"):
            if not isinstance(item, dict) or not isinstance(item.get("path"), str):
                raise ValidationError(where, "expected an object with a path, old and new")
            extra = sorted(str(k) for k in item if k not in ("path", "old", "new"))
            if extra:  # (dropped without a word otherwise)
                raise ValidationError(
                    f"{where}.{extra[0]}", "no such field (a change has path, old, new)"
                )
            if not _plain_data(item.get("old")) or not _plain_data(item.get("new")):
                raise ValidationError(
                    where, "old and new must be JSON values (text, numbers, lists, objects)"
                )
            changes.append({"path": item["path"], "old": item.get("old"), "new": item.get("new")})
        change_id, at = r.text("id", required=True), r.text("at", required=True)
        if not _ID_RE.fullmatch(change_id):
            raise ValidationError(
                r.where("id"), f"expected letters, digits and '-', got {_quoted(change_id)}"
            )
        if not _STAMP.fullmatch(at):
            raise ValidationError(
                r.where("at"), f"expected a time like 2026-01-05T10:00:00Z, got {_quoted(at)}"
            )
        return cls(
            id=change_id,
            meeting_id=r.text("meeting_id", required=True),
            at=at,
            origin=r.text("origin", required=True, choices=ORIGINS),
            changes=changes,
            undoes=r.text("undoes"),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "meeting_id": self.meeting_id,
            "at": self.at,
            "origin": self.origin,
            "changes": self.changes,
            "undoes": self.undoes,
        }

    def touches(self, record_id: str) -> bool:
        """Whether this change concerns record ``record_id`` (the meeting, or a proposal)."""
        if record_id == self.meeting_id:
            return True
        prefix = f"proposals[{record_id}]"
        return any(c["path"].startswith(prefix) for c in self.changes) or any(
            c["path"] == "" and _has_proposal(c, record_id) for c in self.changes
        )

    def proposal_ids(self) -> set[str]:
        """Every proposal id this change names (added, removed, edited, or inside a whole
        meeting it records)."""
        out: set[str] = set()
        for c in self.changes:
            if c["path"].startswith("proposals["):
                out.add(c["path"][len("proposals[") :].partition("]")[0])
            elif c["path"] == "":
                for value in (c.get("old"), c.get("new")):
                    proposals = value.get("proposals") if isinstance(value, dict) else None
                    out.update(
                        p["id"]
                        for p in proposals or ()
                        if isinstance(p, dict) and isinstance(p.get("id"), str)
                    )
        return out


def _has_proposal(change: dict[str, Any], record_id: str) -> bool:
    for value in (change.get("old"), change.get("new")):
        proposals = value.get("proposals") if isinstance(value, dict) else None
        if any(isinstance(p, dict) and p.get("id") == record_id for p in proposals or ()):
            return True
    return False


def _check_id(r: _Reader, name: str) -> str:
    value = r.text(name, required=True)
    if not _ID_RE.fullmatch(value):  # fullmatch: "$" would let a trailing newline through
        raise ValidationError(
            r.where(name), f"expected lower-case letters, digits and '-', got {_quoted(value)}"
        )
    return value


class Meeting(Struct, forbid_unknown_fields=True):
    """A meeting between a Belarusian host and a Russian region's delegation."""

    id: str
    date: str
    region: str
    title: str
    date_inferred: bool = False
    date_note: str = ""
    place: str = ""
    place_note: str = ""
    summary: str = ""
    participants: list[Participant] = field(default_factory=list)
    trade: list[TradeFigure] = field(default_factory=list)
    exports: tuple[str, ...] = ()
    imports: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    source: Source = field(default_factory=Source)
    proposals: list[Proposal] = field(default_factory=list)
    # every recorded change, oldest first: kept in the database's history table, not in
    # the meeting's own record (``to_dict`` leaves it out unless asked)
    history: list[Change] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: Any, prefix: str = "") -> Meeting:
        r = _Reader(data, prefix)
        mid = _check_id(r, "id")
        meeting = cls(
            id=mid,
            date=r.date("date", required=True) or "",
            region=r.text("region", required=True),
            title=r.text("title", required=True),
            date_inferred=r.flag("date_inferred"),
            date_note=r.text("date_note"),
            place=r.text("place"),
            place_note=r.text("place_note"),
            summary=r.text("summary"),
            participants=[Participant.from_dict(v, p) for p, v in r.items("participants")],
            trade=[TradeFigure.from_dict(v, p) for p, v in r.items("trade")],
            exports=r.strings("exports"),
            imports=r.strings("imports"),
            notes=r.strings("notes"),
            # (absent is empty; a value of another kind, even 0 or [], is refused)
            source=Source.from_dict(data["source"], r.where("source"))
            if data.get("source") is not None
            else Source(),
            proposals=[Proposal.from_dict(v, p, meeting_id=mid) for p, v in r.items("proposals")],
            history=[Change.from_dict(v, p) for p, v in r.items("history")],
        )
        seen: set[str] = set()
        for i, proposal in enumerate(meeting.proposals):
            if proposal.id in seen:
                raise ValidationError(
                    r.where(f"proposals[{i}].id"), f"duplicate proposal id {proposal.id!r}"
                )
            seen.add(proposal.id)
        return meeting

    # Derived views used by the CLI and the interface -------------------------------------

    def _by_role(self, role: str) -> Participant | None:
        return next((p for p in self.participants if p.role == role), None)

    @property
    def host(self) -> Participant | None:
        """The Belarusian host."""
        return self._by_role("host")

    @property
    def host_surname(self) -> str:
        """The host's last name ("" when there is no named host): what tells apart two
        meetings of one region on one day."""
        words = self.host.name.split() if self.host else []
        return words[-1] if words else ""

    @property
    def guest(self) -> Participant | None:
        """The head of the Russian side."""
        return self._by_role("guest")

    def latest_trade(self) -> TradeFigure | None:
        """The most recent full-year turnover figure with a value, else any latest figure;
        of figures that disagree for that year, the largest (as the regions view takes it:
        the detail shows them all)."""
        valued = [t for t in self.trade if t.usd_millions is not None]
        turnover = [t for t in valued if t.metric == "turnover" and t.full_year]
        if turnover:  # (each period a year: "2024")
            return max(turnover, key=lambda t: (int(t.period), t.usd_millions or 0.0))
        if not valued:
            return None
        return max(
            valued,
            key=lambda t: (t.year, t.full_year, t.metric == "turnover", t.usd_millions or 0.0),
        )

    def summary_row(self) -> tuple[Any, ...]:
        """What a list row shows, as plain values (cached to paint a large list at once):
        ``(id, date, region, guest, host, n_proposals, trade period, trade USD m,
        trade qualifier, title)``."""
        t = self.latest_trade()
        return (
            self.id,
            self.date,
            self.region,
            self.guest.name if self.guest else "",
            self.host.name if self.host else "",
            len(self.proposals),
            t.period if t else "",
            t.usd_millions if t else None,
            t.qualifier if t else "",
            self.title,
        )

    def to_dict(self, *, with_proposals: bool = True, with_history: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "date": self.date,
            "date_inferred": self.date_inferred,
            "date_note": self.date_note,
            "place": self.place,
            "place_note": self.place_note,
            "region": self.region,
            "title": self.title,
            "summary": self.summary,
            "participants": [p.to_dict() for p in self.participants],
            "trade": [t.to_dict() for t in self.trade],
            "exports": list(self.exports),
            "imports": list(self.imports),
            "notes": list(self.notes),
            "source": self.source.to_dict(),
        }
        if with_proposals:
            data["proposals"] = [p.to_dict() for p in self.proposals]
        if with_history:
            data["history"] = [c.to_dict() for c in self.history]
        return data


def format_usd(value: float | None) -> str:
    """``130.0`` -> ``$130M``; ``161.6`` -> ``$161.6M``; ``1200`` -> ``$1,200M``."""
    if value is None:
        return ""
    text = f"{value:,.1f}".removesuffix(".0")
    return f"${text}M"


_ABOVE = re.compile(
    r"\b(?:over|more\s+than|exceed\w*|above|in\s+excess\s+of|at\s+least|surpass\w*|topped)\b", re.I
)
_BELOW = re.compile(r"\b(?:under|below|less\s+than|up\s+to)\b", re.I)


def qualifier_mark(qualifier: str) -> str:
    """A figure's qualifier as one mark for a narrow cell: ``>`` for "exceeded", "more
    than"; ``<`` for "under", "less than"; ``~`` for the rest ("nearly", "about"); "" for
    none. (``~`` for "exceeded $300 million" read as about 300.)"""
    if not qualifier:
        return ""
    if _ABOVE.search(qualifier):
        return ">"
    if _BELOW.search(qualifier):
        return "<"
    return "~"


def describe_figure(t: TradeFigure) -> str:
    """A one-line plain description: ``nearly $134M turnover (2024), +3.7% over 2023``."""
    parts = []
    if t.usd_millions is not None:
        value = format_usd(t.usd_millions)
        parts.append(f"{t.qualifier} {value}".strip())
    parts.append(f"{t.metric} ({t.period})")
    text = " ".join(parts)
    if t.change_pct is not None:
        sign = "+" if t.change_pct >= 0 else ""
        change = f"{sign}{t.change_pct:g}%"
        if t.usd_millions is None and t.qualifier:
            change = f"{t.qualifier} {change}"
        text += f", {change}" + (f" {t.change_basis}" if t.change_basis else "")
    return text


def describe_status(p: Proposal, *, bracketed: bool = False) -> str:
    """A proposal's status in words: ``in progress since 2026-01-05``, ``proposed (from the
    article)`` while it is the extractor's guess (``bracketed``, for a line that puts it in
    brackets already: ``proposed, from the article``)."""
    from .taxonomy import STATUS_LABELS

    text = STATUS_LABELS.get(p.status, p.status)
    if p.status_from_article:
        return f"{text}, from the article" if bracketed else f"{text} (from the article)"
    if p.status_since:
        return f"{text} since {p.status_since}"
    return text


# Reading stored records fast ----------------------------------------------------------------
#
# A first open of 100,000 meetings reads 600,000 records. Those in the form coopbrowse writes
# them are decoded by msgspec straight into the classes above (in C, its types checked there),
# then checked here for what a type does not say (required text, ids, dates, choices, ranges).
# Anything else (null for an absent value, a schema-1 status, a year as a number, a field the
# classes do not have: they forbid unknown fields to msgspec, any value from_dict would
# refuse) is left to from_dict, which reads what it can and names what it cannot: a record
# comes out the same either way (tests/test_model.py holds the two side by side).


def _filled(text: str) -> bool:
    return bool(text) and not text.isspace()


@functools.lru_cache(maxsize=4096)  # (a first open checks 200,000 dates: few are distinct)
def _date_ok(value: str) -> bool:
    return bool(value) and date_problem(value) is None


def _participant_ok(p: Participant) -> bool:
    return _filled(p.name) and (not p.side or p.side in SIDES) and p.role in ROLES


_LEAST_CHANGE, _MOST_CHANGE = CHANGE_RANGE


def _figure_ok(t: TradeFigure) -> bool:
    usd, change = t.usd_millions, t.change_pct
    if not (
        _filled(t.period)
        and _valid_period(t.period)
        and t.metric in METRICS
        and (usd is not None or change is not None)
        and (usd is None or 0.0 <= usd <= USD_MAX)  # (NaN fails too)
        and (change is None or _LEAST_CHANGE <= change <= _MOST_CHANGE)
    ):
        return False
    if usd is not None:
        t.usd_millions = usd + 0.0  # (-0.0 is 0, as from_dict reads it)
    if change is not None:
        t.change_pct = change + 0.0
    return True


def _follow_up_ok(f: FollowUp) -> bool:
    return _date_ok(f.date) and f.status in STATUSES


def _proposal_ok(p: Proposal) -> bool:
    title = p.title
    return (
        _ID_RE.fullmatch(p.id) is not None
        and bool(p.meeting_id)
        and p.sector in SECTOR_IDS
        and bool(title)
        and not title.isspace()
        and p.status in STATUSES
        and (not p.follow_up or all(map(_follow_up_ok, p.follow_up)))
    )


def _meeting_ok(m: Meeting) -> bool:
    published = m.source.published
    return (
        _ID_RE.fullmatch(m.id) is not None
        and _date_ok(m.date)
        and _filled(m.region)
        and _filled(m.title)
        and (published is None or _date_ok(published))
        and not m.proposals  # (kept in a table of their own: a record that holds some, or
        and not m.history  # its history, is read by from_dict, which checks every part)
        and all(map(_participant_ok, m.participants))
        and (not m.trade or all(map(_figure_ok, m.trade)))
    )


def stored_meeting(raw: bytes | memoryview) -> Meeting | None:
    """The meeting record ``raw`` (its JSON, without its proposals) as ``Meeting.from_dict``
    reads it, when it is in the form coopbrowse writes; None when from_dict must read it."""
    found: Meeting | None = stored_reader(Meeting)(raw)
    return found


def stored_proposal(raw: bytes | memoryview) -> Proposal | None:
    """The proposal record ``raw`` as ``Proposal.from_dict`` reads it (see
    :func:`stored_meeting`)."""
    found: Proposal | None = stored_reader(Proposal)(raw)
    return found


@functools.cache
def stored_reader(kind: type[Meeting] | type[Proposal]) -> Callable[[bytes | memoryview], Any]:
    """:func:`stored_meeting` or :func:`stored_proposal` as one call with what it needs at
    hand (a first open of 100,000 meetings makes 600,000 of them)."""
    import msgspec

    decode = msgspec.json.Decoder(kind).decode
    ok: Callable[[Any], bool] = _meeting_ok if kind is Meeting else _proposal_ok
    failed = (msgspec.DecodeError, RecursionError)

    def read(raw: bytes | memoryview) -> Any:
        try:
            record = decode(raw)
        except failed:
            return None
        return record if ok(record) else None

    return read
