"""What the search index holds: its Tantivy schema and the documents made from records.

This module is the one source of the searchable fields. :func:`meeting_fields` and
:func:`proposal_fields` list every field a search looks at, as ``(path, text, tier)``; the
index adds each text to the field of its tier, and highlighting walks the same lists to mark
the matched words of each path. Nothing else lists them.

Documents, one per record (and one per trade figure):

``meeting``   the meeting's own fields, plus its proposals' text in ``sub`` (weight
              :data:`SUB_WEIGHT`) so the meetings view can list a meeting for what was
              proposed at it; ``rec`` stores the meeting as JSON without its proposals
``proposal``  the proposal's fields plus a little of its meeting (region, host and guest) at
              the lowest weight; ``rec`` stores the proposal as JSON
``trade``     one quoted trade figure, for the regions' turnover over the years

Text goes into the tier fields as canonical terms (:func:`coopbrowse.store.analysis.terms`:
folded, stemmed, synonyms merged), so the query side looks words up with the same function.
``words`` holds the surface words (folded, not stemmed) for prefix expansion and spelling
corrections.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .analysis import terms
from .model import Meeting, Proposal
from .regions import filter_value, short_region
from .taxonomy import SECTOR_IDS, sector_label

if TYPE_CHECKING:
    import tantivy

# Bump when the schema or what goes into a document changes: older indexes are rebuilt.
INDEX_FORMAT = 1

# Weight tiers: a field's text is searched in the tier's field with the tier's boost.
TIERS: dict[str, float] = {"title": 3.0, "key": 2.0, "body": 1.0, "minor": 0.5}
SUB_WEIGHT = 0.5  # a meeting's proposals' text, searched only when listing meetings
TEXT_FIELDS = (*TIERS, "sub")

KINDS = ("meeting", "proposal")
FOLD = "fold"  # the tokenizer of names and surface words (split, lower-case, accents off)
_MAX_KEY = 200  # longest raw value indexed as a whole (ids, regions); longer ones are cut

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


def proposal_own_fields(p: Proposal) -> list[Field]:
    """A proposal's own searchable fields (what its meeting's ``sub`` field holds too)."""
    out: list[Field] = [
        ("title", p.title, "title"),
        ("sector", sector_label(p.sector), "key"),
        ("detail", p.detail, "body"),
        ("proposed_by", p.proposed_by, "key"),
        ("quote", p.quote, "minor"),
    ]
    out += [(f"enterprises[{i}]", e, "key") for i, e in enumerate(p.enterprises)]
    return [f for f in out if f[1]]


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


# Sort keys ----------------------------------------------------------------------------------
# Each list order is one fast field that Tantivy sorts by, so no list is sorted in Python.


def _ymd(date: str) -> int:
    """``2025-04-01`` -> ``20250401`` (0 for anything else)."""
    digits = date.replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


def _cut(text: str) -> str:
    return text[:_MAX_KEY]


def order_date(m: Meeting, rank: int) -> str:
    """Newest meeting first, then its proposals in order (descending): ``rank`` is 999 for
    the meeting and ``998 - i`` for its proposal ``i``."""
    return f"{m.date} {_cut(m.id)} {rank:03d}"


def order_named(name: str, m: Meeting, tie: str) -> str:
    """By ``name`` A-Z, then newest first, then ``tie`` (ascending)."""
    return f"{_cut(name.casefold())}\t{99_999_999 - _ymd(m.date):08d}\t{_cut(tie)}"


def order_count(count: int, m: Meeting) -> int:
    """``(count, date)`` as one integer (descending: most first, then newest)."""
    return min(count, 9_999_999) * 100_000_000 + _ymd(m.date)


def order_trade(m: Meeting) -> int:
    """``(latest trade value, date)`` as one integer (descending: largest first)."""
    t = m.latest_trade()
    value = t.usd_millions if t is not None and t.usd_millions is not None else -0.1
    tenths = round(min(max(value, -0.1), 9.0e8) * 10) + 1  # 0 when there is no figure
    return tenths * 100_000_000 + _ymd(m.date)


# Schema -------------------------------------------------------------------------------------


# (name, kind, options): the schema as data, so an opened index can be checked against it.
_SPEC: tuple[tuple[str, str, dict[str, Any]], ...] = (
    *(
        (n, "text", {"tokenizer_name": "whitespace", "index_option": "position"})
        for n in TEXT_FIELDS
    ),
    ("words", "text", {"tokenizer_name": FOLD, "index_option": "basic"}),
    *(
        (n, "text", {"tokenizer_name": "raw", "index_option": "basic", "fast": True})
        for n in ("kind", "mid", "region", "sector", "status", "msector", "mstatus")
    ),
    ("id", "text", {"tokenizer_name": "raw", "index_option": "basic", "stored": True}),
    ("uid", "int", {"fast": True}),  # record_uid(kind, id): finds a row's place in a list
    # completion values of person: and enterprise:
    *(
        (n, "text", {"tokenizer_name": "raw", "index_option": "basic", "fast": True})
        for n in ("pkey", "ekey")
    ),
    *(
        (n, "text", {"tokenizer_name": FOLD, "index_option": "basic"})
        for n in ("person", "enterprise", "mperson", "menterprise")
    ),
    ("date", "int", {"indexed": True, "fast": True}),
    ("pi", "int", {"fast": True}),  # a proposal's place in its meeting
    ("nprops", "int", {"fast": True}),  # a meeting's number of proposals
    # trade docs: year, value (USD m) and whether it is a full-year turnover figure
    ("year", "int", {"indexed": True, "fast": True}),
    ("usd", "float", {"fast": True}),
    ("turnover", "int", {"indexed": True, "fast": True}),
    *(
        (n, "text", {"tokenizer_name": "raw", "index_option": "basic", "fast": True})
        for n in ("o_date", "o_region", "o_sector")
    ),
    *((n, "int", {"fast": True}) for n in ("o_props", "o_trade")),
    ("rec", "bytes", {"stored": True}),
)
FIELD_NAMES = frozenset(name for name, _kind, _options in _SPEC)


def build_schema() -> tantivy.Schema:
    import tantivy

    sb = tantivy.SchemaBuilder()
    add = {
        "text": sb.add_text_field,
        "int": sb.add_integer_field,
        "float": sb.add_float_field,
        "bytes": sb.add_bytes_field,
    }
    for name, kind, options in _SPEC:
        add[kind](name, **options)
    return sb.build()


def register_tokenizers(index: tantivy.Index) -> None:
    """The analyzers the schema names (an index is opened or created with them)."""
    import tantivy

    fold = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(100))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )
    index.register_tokenizer(FOLD, fold)


# Documents ----------------------------------------------------------------------------------


def _add_text(doc: tantivy.Document, fields: list[Field]) -> list[str]:
    """Add each field's terms to its tier; return the raw texts (for ``words``)."""
    for _path, text, tier in fields:
        doc.add_text(tier, " ".join(terms(text)))
    return [text for _path, text, _tier in fields]


def _json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def record_uid(kind: str, record_id: str) -> int:
    """A record's key as one signed 64-bit integer (a fast field, read in bulk)."""
    digest = hashlib.blake2b(f"{kind}:{record_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def _slug_last(name: str) -> str:
    words = name.split()
    return filter_value(words[-1]) if words else ""


def _record_doc(kind: str, rid: str, m: Meeting, region: str, date: int) -> tantivy.Document:
    """A new document for record ``rid`` of meeting ``m``: its keys and filters."""
    import tantivy

    doc = tantivy.Document()
    doc.add_text("kind", kind)
    doc.add_text("id", _cut(rid))
    doc.add_integer("uid", record_uid(kind, rid))
    doc.add_text("mid", _cut(m.id))
    doc.add_text("region", region)
    doc.add_integer("date", date)
    return doc


def documents(m: Meeting) -> Iterator[tantivy.Document]:
    """The documents of meeting ``m``: the meeting, each proposal, each trade figure."""
    import tantivy

    date = _ymd(m.date)
    region = _cut(m.region)
    short = short_region(m.region)
    doc = _record_doc("meeting", m.id, m, region, date)
    raw = _add_text(doc, meeting_fields(m))
    names = [q.name for q in m.participants if q.name]
    for name in names:
        doc.add_text("person", name)
        doc.add_text("pkey", _cut(_slug_last(name)))
    for p in m.proposals:
        for _path, text, _tier in proposal_own_fields(p):
            doc.add_text("sub", " ".join(terms(text)))
            raw.append(text)
        doc.add_text("msector", p.sector)
        doc.add_text("mstatus", p.status)
        if p.proposed_by:
            doc.add_text("mperson", p.proposed_by)
        for e in p.enterprises:
            doc.add_text("menterprise", e)
    doc.add_text("words", "\n".join(raw))
    doc.add_integer("nprops", len(m.proposals))
    doc.add_text("o_date", order_date(m, 999))
    doc.add_text("o_region", order_named(short, m, m.id))
    doc.add_integer("o_props", order_count(len(m.proposals), m))
    doc.add_integer("o_trade", order_trade(m))
    doc.add_bytes("rec", _json({"m": m.to_dict(with_proposals=False), "n": len(m.proposals)}))
    yield doc

    for i, p in enumerate(m.proposals):
        doc = _record_doc("proposal", p.id, m, region, date)
        doc.add_integer("pi", i)
        doc.add_text("sector", p.sector if p.sector in SECTOR_IDS else _cut(p.sector))
        doc.add_text("status", _cut(p.status))
        _add_text(doc, proposal_fields(p, m))
        if p.proposed_by:
            doc.add_text("person", p.proposed_by)
            doc.add_text("pkey", _cut(_slug_last(p.proposed_by)))
        for e in p.enterprises:
            doc.add_text("enterprise", e)
            doc.add_text("ekey", _cut(filter_value(e)))
        doc.add_text("o_date", order_date(m, 998 - min(i, 998)))
        doc.add_text("o_region", order_named(short, m, p.id))
        doc.add_text("o_sector", order_named(sector_label(p.sector), m, p.id))
        doc.add_bytes("rec", _json(p.to_dict()))
        yield doc

    host = m.host.name if m.host else ""
    for t in m.trade:
        doc = tantivy.Document()
        doc.add_text("kind", "trade")
        doc.add_text("mid", _cut(m.id))
        doc.add_text("region", region)
        doc.add_integer("date", date)
        doc.add_integer("year", t.year)
        if t.usd_millions is not None:
            doc.add_float("usd", t.usd_millions)
        full_turnover = t.metric == "turnover" and t.full_year and t.usd_millions is not None
        doc.add_integer("turnover", 1 if full_turnover else 0)
        doc.add_bytes(
            "rec", _json({"figure": t.to_dict(), "date": m.date, "host": host, "meeting": m.id})
        )
        yield doc
