"""What the search index holds: its Tantivy schema and the documents made from records.

This module is the one source of the searchable fields. :func:`meeting_fields` and
:func:`proposal_fields` list every field a search looks at, as ``(path, text, tier)``; the
index adds each text to the field of its tier, and highlighting walks the same lists to mark
the matched words of each path. Nothing else lists them.

Documents, one per record (and one per quoted full-year turnover figure):

``meeting``   the meeting's own fields, and its proposals' text in ``sub`` (weight
              :data:`SUB_WEIGHT`) so the meetings view can list a meeting for what was
              proposed at it
``proposal``  the proposal's fields plus its meeting's region, host and guest at the lowest
              weight
``turnover``  a region, a year and a value: what the regions view aggregates

Tantivy splits and folds the text (the ``fold`` tokenizer: words of letters and digits, lower
case, accents off); stemming and synonyms are applied to the query, not to the index.

Every list order is one integer fast field, so Tantivy sorts and no list is sorted in Python.
A document stores nothing: its record is found by its key (``uid``, ``muid``, ``pi``) and read
from the database file (:mod:`coopbrowse.store.records`), so the index holds no copy of it,
not even its id.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

try:  # hashlib's BLAKE2, without hashlib's import of OpenSSL (2 ms of every launch)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python without it
    from hashlib import blake2b

from .model import Meeting, Proposal
from .regions import canonical_region, filter_value, short_region
from .taxonomy import SECTORS, STATUSES, sector_label

if TYPE_CHECKING:
    import tantivy

# Bump when the schema or what goes into a document changes: older indexes are rebuilt.
# 14: a region under its own name, whatever the spelling ("Kursk", "Kursk Region")
# 15: a meeting's proposer facet is its proposals' proposers, not its participants
INDEX_FORMAT = 15

# Weight tiers: a field's text is searched in the tier's field with the tier's boost.
TIERS: dict[str, float] = {"title": 3.0, "key": 2.0, "body": 1.0, "minor": 0.5}
SUB_WEIGHT = 0.5  # a meeting's proposals' text, searched only when listing meetings
TEXT_FIELDS = (*TIERS, "sub")
FOLD = "fold"  # the tokenizer of all text (split, lower-case, accents off)

Field = tuple[str, str, str]  # (path, text, tier)


def meeting_fields(m: Meeting) -> list[Field]:
    """``(path, text, tier)`` for every searchable field of a meeting."""
    out: list[Field] = [
        ("title", m.title, "title"),
        ("region", m.region, "key"),
        ("place", m.place, "body"),
        ("summary", m.summary, "body"),
        ("source.outlet", m.source.outlet, "minor"),
        ("source.headline", m.source.headline, "minor"),
    ]
    for i, p in enumerate(m.participants):
        out.append((f"participants[{i}].name", p.name, "key"))
        out.append((f"participants[{i}].title", p.title, "key"))
    out += [(f"exports[{i}]", g, "body") for i, g in enumerate(m.exports)]
    out += [(f"imports[{i}]", g, "body") for i, g in enumerate(m.imports)]
    out += [(f"notes[{i}]", n, "minor") for i, n in enumerate(m.notes)]
    return [f for f in out if f[1]]


# A proposal's own searchable fields: (path, tier), in the order of _proposal_values, then
# its enterprises (``enterprises[i]``, key)
_PROPOSAL_OWN = (
    ("title", "title"),
    ("sector", "key"),
    ("detail", "body"),
    ("proposed_by", "key"),
    ("quote", "minor"),
)


def _proposal_values(p: Proposal) -> tuple[str, ...]:
    return (p.title, sector_label(p.sector), p.detail, p.proposed_by, p.quote)


def proposal_own_fields(p: Proposal) -> list[Field]:
    """A proposal's own searchable fields (what its meeting's ``sub`` field holds too)."""
    out: list[Field] = [
        (path, text, tier)
        for (path, tier), text in zip(_PROPOSAL_OWN, _proposal_values(p), strict=True)
        if text
    ]
    out += [(f"enterprises[{i}]", e, "key") for i, e in enumerate(p.enterprises) if e]
    return out


def proposal_fields(p: Proposal, m: Meeting) -> list[Field]:
    """A proposal's searchable fields, with its meeting's region, host and guest."""
    out = proposal_own_fields(p)
    if m.region:
        out.append(("meeting.region", m.region, "minor"))
    out += [
        (f"meeting.participants[{i}].name", q.name, "minor")
        for i, q in enumerate(m.participants)
        if q.role in ("host", "guest") and q.name
    ]
    return out


# Keys and sort keys --------------------------------------------------------------------------

_MAX_DAYS = (1 << 22) - 1  # day numbers (date.toordinal) fit in 22 bits
_LOW31 = (1 << 31) - 1


@functools.lru_cache(maxsize=1 << 17)  # (a first open asks for each meeting's a few times)
def meeting_uid(record_id: str) -> int:
    """``record_uid("meeting", record_id)``, remembered for the last 131,072 meetings: the
    spans, the meeting's documents and its proposals' ask for it in turn (some 20 MB)."""
    return record_uid("meeting", record_id)


def digest(text: str, size: int) -> bytes:
    """A BLAKE2b digest of ``size`` bytes of ``text`` (keys, not secrets)."""
    return blake2b(text.encode(), digest_size=size).digest()


def record_uid(kind: str, record_id: str) -> int:
    """A record's key as one signed 64-bit integer (a fast field, read in bulk; records are
    looked up by their indexed id); a meeting's is also the ``muid`` (indexed) of its
    proposals and trade figures."""
    return int.from_bytes(digest(f"{kind}:{record_id}", 8), "little", signed=True)


@functools.lru_cache(maxsize=65536)
def _days(date: str) -> int:
    try:
        return dt.date.fromisoformat(date).toordinal()
    except ValueError:
        return 0


def newest_first(m: Meeting) -> tuple[int, int]:
    """The order of "newest first" (descending): the date, then a stable tie-break (the
    same everywhere: the index, ``coopbrowse list`` and the store)."""
    return (_days(m.date), meeting_uid(m.id) & _LOW31)


def order_date(m: Meeting, rank: int) -> int:
    """Newest meeting first, then its proposals in order (descending): ``rank`` is 1023 for
    the meeting and ``1022 - i`` for its proposal ``i``."""
    days, tie = newest_first(m)
    return days << 41 | tie << 10 | rank


@functools.lru_cache(maxsize=4096)
def _name_code(name: str) -> int:
    """The first eight letters of ``name`` as a number in the same order (A-Z, others first,
    shorter first)."""
    code = 0
    folded = name.casefold()
    for i in range(8):
        c = folded[i] if i < len(folded) else ""
        digit = 0 if not c else (ord(c) - ord("a") + 2 if "a" <= c <= "z" else 1)
        code = code * 28 + digit
    return code


def order_region(m: Meeting) -> int:
    """By region A-Z (as lists name it), then newest first (ascending)."""
    return _name_code(short_region(canonical_region(m.region))) << 22 | (_MAX_DAYS - _days(m.date))


_SECTOR_RANK = {s.id: i for i, s in enumerate(sorted(SECTORS, key=lambda s: s.label.casefold()))}
_STATUS_RANK = {status: i for i, status in enumerate(STATUSES)}


def order_sector(p: Proposal, m: Meeting, i: int) -> int:
    """By sector A-Z, then newest first, then in the meeting's order (ascending)."""
    rank = _SECTOR_RANK.get(p.sector, 63)
    tie = meeting_uid(m.id) & ((1 << 25) - 1)
    return rank << 57 | (_MAX_DAYS - _days(m.date)) << 35 | tie << 10 | min(i, 1023)


def status_date(p: Proposal, m: Meeting) -> str:
    """Since when a proposal has had its status: the follow-up that set it (not those that
    confirmed it since), else its meeting."""
    return p.status_since or m.date


def order_status(p: Proposal, m: Meeting, i: int) -> int:
    """By status in the workflow's order, then the longest unchanged first, then in the
    meeting's order (ascending; ties never left to the engine)."""
    rank = _STATUS_RANK.get(p.status, 63)
    return rank << 57 | order_since(p, m, i)


def order_since(p: Proposal, m: Meeting, i: int) -> int:
    """By the day the status was set, then the meeting, then the proposal's place in it."""
    tie = meeting_uid(m.id) & ((1 << 25) - 1)
    return _days(status_date(p, m)) << 35 | tie << 10 | min(i, 1023)


def order_count(count: int, m: Meeting) -> int:
    """``(count, date)`` as one integer (descending: most first, then newest)."""
    return min(count, 1 << 30) << 22 | _days(m.date)


def order_trade(m: Meeting) -> int:
    """``(latest trade value, date)`` as one integer (descending: largest first)."""
    t = m.latest_trade()
    value = t.usd_millions if t is not None and t.usd_millions is not None else -0.1
    tenths = round(min(max(value, -0.1), 9.0e8) * 10) + 1  # 0 when there is no figure
    return tenths << 22 | _days(m.date)


# Schema -------------------------------------------------------------------------------------

_RAW = {"tokenizer_name": "raw", "index_option": "basic", "fast": True}
_WORDS = {"tokenizer_name": FOLD, "index_option": "basic"}
# (name, kind, options): the schema as data, so an opened index can be checked against it.
_SPEC: tuple[tuple[str, str, dict[str, Any]], ...] = (
    *((n, "text", {"tokenizer_name": FOLD, "index_option": "position"}) for n in TEXT_FIELDS),
    *((n, "text", _RAW) for n in ("kind", "region", "sector", "status", "msector", "mstatus")),
    *((n, "text", _RAW) for n in ("pkey", "ekey")),  # completion values of person:, enterprise:
    ("pfull", "text", _RAW),  # a proposer's whole name: the facet (two Lukashenkos are two)
    *((n, "text", _WORDS) for n in ("person", "enterprise", "mperson", "menterprise")),
    ("id", "text", {"tokenizer_name": "raw", "index_option": "basic"}),  # looked up
    ("uid", "int", {"fast": True}),  # record_uid(kind, id): its record's key, read in bulk
    ("muid", "int", {"indexed": True, "fast": True}),  # its meeting's uid
    ("date", "int", {"indexed": True, "fast": True}),  # YYYYMMDD
    ("pi", "int", {"fast": True}),  # a proposal's place in its meeting
    ("nprops", "int", {"fast": True}),  # a meeting's number of proposals
    ("ntrade", "int", {"fast": True}),  # a meeting's number of trade figures
    ("year", "int", {"fast": True}),  # a turnover figure's
    ("usd", "float", {"fast": True}),
    ("approx", "int", {"fast": True}),  # 1: the figure is qualified ("nearly", "about")
    *((n, "int", {"fast": True}) for n in ("o_date", "o_region", "o_sector", "o_props", "o_trade")),
    ("o_status", "int", {"fast": True}),  # a proposal's status, then since when (follow-up)
    ("o_since", "int", {"fast": True}),  # the day its status was last set
)
FIELD_NAMES = frozenset(name for name, _kind, _options in _SPEC)


def build_schema() -> tantivy.Schema:
    import tantivy

    sb = tantivy.SchemaBuilder()
    add: dict[str, Any] = {
        "text": sb.add_text_field,
        "int": sb.add_integer_field,
        "float": sb.add_float_field,
        "bytes": sb.add_bytes_field,
    }
    for name, kind, options in _SPEC:
        add[kind](name, **options)
    return sb.build()


def register_tokenizers(index: tantivy.Index) -> None:
    """The analyzer the schema names (an index is opened or created with it)."""
    import tantivy

    fold = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(64))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )
    index.register_tokenizer(FOLD, fold)


# Documents ----------------------------------------------------------------------------------

# A document as the index is given it: each field's values (see SearchIndex.write).
Document = dict[str, list[Any]]


def _ymd(date: str) -> int:
    digits = date.replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


def _slug_last(name: str) -> str:
    words = name.split()
    return _slug(words[-1]) if words else ""


# (a first build of 100,000 meetings slugs 200,000 names and their last words: 100,000
# distinct names in the benchmark's corpus, a few thousand surnames)
@functools.lru_cache(maxsize=1 << 17)
def _slug(name: str) -> str:
    return filter_value(name)


def _texts(fields: list[Field], doc: Document) -> None:
    """Add each field's text to its tier in ``doc`` (one value per field: a phrase never
    runs from one field into the next)."""
    for _path, text, tier in fields:
        doc[tier].append(text)


def documents(m: Meeting) -> Iterator[Document]:
    """The documents of meeting ``m``: the meeting, each full-year turnover figure and each
    proposal."""
    own = [proposal_own_fields(p) for p in m.proposals]
    yield from meeting_documents(m, own)
    yield from proposal_documents(m, own)


def meeting_documents(m: Meeting, own: list[list[Field]] | None = None) -> Iterator[Document]:
    """The meeting's document and one per full-year turnover figure: all that the meetings
    and regions views read (a first build of a large database indexes these first).
    ``own``: each proposal's own fields, when already listed.

    Documents are plain dicts (field -> values), which the index hands to Tantivy as JSON
    (see :meth:`SearchIndex.write`)."""
    date = _ymd(m.date)
    region = canonical_region(m.region)[:200]  # (its spellings are one region)
    muid = meeting_uid(m.id)
    names = [q.name for q in m.participants if q.name]
    # (the proposals' values in one pass: a first build makes 100,000 of these)
    sectors: list[str] = []
    statuses: list[str] = []
    people: list[str] = []
    enterprises: list[str] = []
    sub: list[str] = []  # each proposal's own texts, as proposal_own_fields lists them
    for p in m.proposals:
        sectors.append(p.sector[:200])
        statuses.append(p.status[:200])
        if p.proposed_by:
            people.append(p.proposed_by)
        enterprises += p.enterprises
        if own is None:
            sub += _proposal_values(p)
            sub += p.enterprises
    if own is None:
        sub = [text for text in sub if text]
    else:
        sub = [text for fields in own for _path, text, _tier in fields]
    doc: Document = {
        "kind": ["meeting"],
        "id": [m.id],
        "uid": [muid],
        "muid": [muid],
        "region": [region],
        "date": [date],
        "title": [],
        "key": [],
        "body": [],
        "minor": [],
        "sub": sub,
        "person": names,
        "pkey": [_slug_last(n)[:200] for n in names],
        # (the proposer facet counts a meeting under each of its proposals' proposers, as
        # its sectors and statuses: its participants' names counted guests and envoys)
        "pfull": list(dict.fromkeys(_slug(n)[:200] for n in people)),
        "msector": sectors,
        "mstatus": statuses,
        "mperson": people,
        "menterprise": enterprises,
        "nprops": [len(m.proposals)],
        "ntrade": [len(m.trade)],
        "o_date": [order_date(m, 1023)],
        "o_region": [order_region(m)],
        "o_props": [order_count(len(m.proposals), m)],
        "o_trade": [order_trade(m)],
    }
    _texts(meeting_fields(m), doc)
    yield doc

    for t in m.trade:
        if t.metric == "turnover" and t.full_year and t.usd_millions is not None:
            yield {
                "kind": ["turnover"],
                "muid": [muid],
                "region": [region],
                "year": [t.year],
                "usd": [float(t.usd_millions)],
                "approx": [1 if t.qualifier else 0],
            }


def proposal_documents(m: Meeting, own: list[list[Field]] | None = None) -> Iterator[Document]:
    """A document for each of the meeting's proposals (what the proposals and follow-up
    views list). ``own``: each proposal's own fields, when already listed."""
    date = _ymd(m.date)
    region = canonical_region(m.region)[:200]  # (its spellings are one region)
    muid = meeting_uid(m.id)
    context = [m.region] if m.region else []
    context += [q.name for q in m.participants if q.role in ("host", "guest") and q.name]
    o_region = order_region(m)
    for i, p in enumerate(m.proposals):
        doc: Document = {
            "kind": ["proposal"],
            "id": [p.id],
            "uid": [record_uid("proposal", p.id)],
            "muid": [muid],
            "region": [region],
            "date": [date],
            "pi": [i],
            "sector": [p.sector[:200]],
            "status": [p.status[:200]],
            "title": [],
            "key": [],
            "body": [],
            "minor": [],
            "person": [p.proposed_by] if p.proposed_by else [],
            "pkey": [_slug_last(p.proposed_by)[:200]] if p.proposed_by else [],
            "pfull": [_slug(p.proposed_by)[:200]] if p.proposed_by else [],
            "enterprise": list(p.enterprises),
            "ekey": [_slug(e)[:200] for e in p.enterprises],
            "o_date": [order_date(m, 1022 - min(i, 1022))],
            "o_region": [o_region],
            "o_sector": [order_sector(p, m, i)],
            "o_status": [order_status(p, m, i)],
            "o_since": [order_since(p, m, i)],
        }
        _texts(own[i] if own is not None else proposal_own_fields(p), doc)
        doc["minor"] += context
        yield doc
