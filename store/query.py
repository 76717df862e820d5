"""The query language: parse a query string into a typed tree, or a clear :class:`QueryError`.

Syntax (case-insensitive words; operators in capitals)::

    elevator samara            every word must match (in any field)
    "lift production"          a phrase: the words in this order
    pharma*                    a prefix
    -film   NOT film           exclude
    buses OR trams             either; binds looser than the implicit AND
    (buses OR trams) penza     grouping
    region:penza  sector:elevators  person:karankevich  enterprise:maz  status:proposed
    year:2025  year:2023..2024  date:2025-01-01..2025-06-30  date:2025-04..  date:..2024
    type:meeting  type:proposal

Every malformed query raises :class:`QueryError` with the position (0-based character offset)
of the problem; nothing else escapes :func:`parse`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from msgspec import Struct, field

from .analysis import WORD_RE

FIELDS: dict[str, str] = {
    "region": "the Russian region (penza, mordovia, moscow-oblast, ...)",
    "sector": "a proposal's sector (elevators, pharmaceuticals, ...)",
    "person": "a participant or proposer (karankevich, zdunov, ...)",
    "enterprise": "an enterprise or institution named in a proposal (maz, naftan, ...)",
    "status": "a proposal's status (proposed, agreed, in-progress, implemented, stalled, dropped)",
    "year": "the meeting's year (2025, or a range 2023..2025)",
    "date": "the meeting's date or a range (2025-04..2025-06, 2025-01-01.., ..2024)",
    "type": "meeting or proposal",
}
TYPES = {
    "meeting": "meeting",
    "meetings": "meeting",
    "proposal": "proposal",
    "proposals": "proposal",
}


class QueryError(ValueError):
    """A malformed query: ``message`` says what is wrong, ``position`` where (0-based)."""

    def __init__(self, message: str, position: int, query: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.position = max(0, position)
        self.query = query

    def __str__(self) -> str:
        return f"{self.message} (at column {self.position + 1})"

    def caret(self) -> str:
        """The query with a caret under the problem, two lines."""
        return f"{self.query}\n{' ' * self.position}^"


# The tree ---------------------------------------------------------------------------------


class Word(Struct, frozen=True):
    text: str
    prefix: bool = False


class Phrase(Struct, frozen=True):
    words: tuple[str, ...]
    # an alternative spelling added by the engine: it widens the match but is not scored
    scored: bool = True


class Filter(Struct, frozen=True):
    name: str
    value: str
    # date and year filters carry an inclusive ISO date range ("" = open end)
    start: str = ""
    end: str = ""
    pos: int = 0


class Not(Struct, frozen=True):
    child: Node


class And(Struct, frozen=True):
    children: tuple[Node, ...] = field(default_factory=tuple)


class Or(Struct, frozen=True):
    children: tuple[Node, ...]


Node = Word | Phrase | Filter | Not | And | Or


def walk(node: Node, *, negated: bool = False) -> Iterator[tuple[Node, bool]]:
    """Yield ``(leaf, negated)`` for every leaf of the tree."""
    if isinstance(node, Not):
        yield from walk(node.child, negated=not negated)
    elif isinstance(node, And | Or):
        for child in node.children:
            yield from walk(child, negated=negated)
    else:
        yield node, negated


# Lexing -----------------------------------------------------------------------------------


class _Tok(Struct, frozen=True):
    kind: str  # word, phrase, field, lparen, rparen, or, and, not, minus
    text: str
    pos: int
    value: str = ""  # for field tokens: the raw value
    value_pos: int = 0
    quoted: bool = False


_FIELD_RE = re.compile(r"([A-Za-z]+):")
_BREAK = set(' \t\r\n()"')


def _lex(query: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
            continue
        if c == "(":
            toks.append(_Tok("lparen", c, i))
            i += 1
            continue
        if c == ")":
            toks.append(_Tok("rparen", c, i))
            i += 1
            continue
        if c == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QueryError('unclosed quote: add the closing "', i, query)
            toks.append(_Tok("phrase", query[i + 1 : end], i))
            i = end + 1
            continue
        if (
            c == "-"
            and i + 1 < n
            and not query[i + 1].isspace()
            and (not toks or toks[-1].kind != "word" or query[i - 1].isspace())
        ):
            toks.append(_Tok("minus", c, i))
            i += 1
            continue
        m = _FIELD_RE.match(query, i)
        if m:
            name = m.group(1).lower()
            if name not in FIELDS:
                known = ", ".join(FIELDS)
                raise QueryError(f"unknown field '{m.group(1)}:' (fields: {known})", i, query)
            j = m.end()
            if j < n and query[j] == '"':
                end = query.find('"', j + 1)
                if end < 0:
                    raise QueryError('unclosed quote: add the closing "', j, query)
                toks.append(_Tok("field", name, i, query[j + 1 : end], j, quoted=True))
                i = end + 1
                continue
            k = j
            while k < n and query[k] not in _BREAK:
                k += 1
            value = query[j:k]
            if not value:
                raise QueryError(f"'{name}:' needs a value, e.g. {_example(name)}", j, query)
            toks.append(_Tok("field", name, i, value, j))
            i = k
            continue
        k = i
        while k < n and query[k] not in _BREAK:
            k += 1
        word = query[i:k]
        if word == "OR":
            toks.append(_Tok("or", word, i))
        elif word == "AND":
            toks.append(_Tok("and", word, i))
        elif word == "NOT":
            toks.append(_Tok("not", word, i))
        else:
            toks.append(_Tok("word", word, i))
        i = k
    return toks


def _example(name: str) -> str:
    return {
        "region": "region:penza",
        "sector": "sector:elevators",
        "person": "person:karankevich",
        "enterprise": "enterprise:maz",
        "status": "status:proposed",
        "year": "year:2025",
        "date": "date:2025-01..2025-06",
        "type": "type:proposal",
    }[name]


# Parsing ----------------------------------------------------------------------------------


MAX_DEPTH = 50  # parentheses and NOTs around a term: a query is not written deeper


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.toks = _lex(query)
        self.i = 0
        self.depth = 0  # parentheses and NOTs open around the term being read

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def error(self, message: str, pos: int) -> QueryError:
        return QueryError(message, pos, self.query)

    def parse(self) -> Node:
        if not self.toks:
            return And(())
        node = self.parse_or()
        tok = self.peek()
        if tok is not None:
            assert tok.kind == "rparen"
            raise self.error("unmatched ')': no '(' before it", tok.pos)
        return node

    def parse_or(self) -> Node:
        children = [self.parse_and()]
        while (tok := self.peek()) is not None and tok.kind == "or":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in ("or", "rparen", "and"):
                raise self.error("OR needs a term on both sides", tok.pos)
            children.append(self.parse_and())
        return children[0] if len(children) == 1 else Or(tuple(children))

    def parse_and(self) -> Node:
        children: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind not in ("or", "rparen"):
            if tok.kind == "and":
                self.take()
                nxt = self.peek()
                if not children or nxt is None or nxt.kind in ("or", "rparen", "and"):
                    raise self.error("AND needs a term on both sides", tok.pos)
                continue
            children.append(self.parse_unary())
        if not children:
            tok = self.peek()
            pos = tok.pos if tok else len(self.query)
            if tok is not None and tok.kind == "rparen":
                raise self.error("unmatched ')': no '(' before it", pos)
            raise self.error("expected a search term here", pos)
        return children[0] if len(children) == 1 else And(tuple(children))

    def parse_unary(self) -> Node:
        tok = self.take()
        if tok.kind in ("not", "minus", "lparen"):
            self.depth += 1
            if self.depth > MAX_DEPTH:  # (deeper, the parser ran out of stack: said as such)
                raise self.error(f"nested too deeply: at most {MAX_DEPTH} levels", tok.pos)
            try:
                return self._unary(tok)
            finally:
                self.depth -= 1
        return self._unary(tok)

    def _unary(self, tok: _Tok) -> Node:
        if tok.kind in ("not", "minus"):
            nxt = self.peek()
            if nxt is None or nxt.kind in ("or", "and", "rparen"):
                what = "NOT" if tok.kind == "not" else "'-'"
                raise self.error(f"{what} needs a term to exclude after it", tok.pos)
            return Not(self.parse_unary())
        if tok.kind == "lparen":
            nxt = self.peek()
            if nxt is None:
                raise self.error("unclosed '(': add a ')'", tok.pos)
            if nxt.kind == "rparen":
                raise self.error("empty parentheses", tok.pos)
            node = self.parse_or()
            close = self.peek()
            if close is None or close.kind != "rparen":
                raise self.error("unclosed '(': add a ')'", tok.pos)
            self.take()
            return node
        if tok.kind == "phrase":
            words = tuple(_words(tok.text))
            if not words:
                raise self.error("empty phrase: put words between the quotes", tok.pos)
            if "*" in tok.text:  # ("lift prod*" found nothing, and said nothing)
                raise self.error(
                    "a phrase in quotes takes whole words: put a word with '*' outside them "
                    '("lift" prod*)',
                    tok.pos + tok.text.index("*") + 1,
                )
            return Phrase(words) if len(words) > 1 else Word(words[0])
        if tok.kind == "field":
            return _field(tok, self.query)
        if tok.kind == "word":
            return self.word(tok)
        raise self.error(f"unexpected '{tok.text}'", tok.pos)  # pragma: no cover

    def word(self, tok: _Tok) -> Node:
        text = tok.text
        prefix = text.endswith("*")
        core = text.rstrip("*")
        if "*" in core:
            raise self.error("'*' is only allowed at the end of a word", tok.pos + core.index("*"))
        words = _words(core)
        if not words:
            if prefix:
                raise self.error("'*' needs some letters before it, e.g. pharma*", tok.pos)
            raise self.error(f"nothing to search for in '{text}'", tok.pos)
        if len(words) == 1:
            return Word(words[0], prefix=prefix)
        # "rolling-stock" or "R&D": the parts in order
        if prefix:
            return And((Phrase(tuple(words[:-1])), Word(words[-1], prefix=True)))
        return Phrase(tuple(words))


def _words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def _field(tok: _Tok, query: str) -> Node:
    name, value, pos = tok.text, tok.value.strip(), tok.value_pos
    if not value:
        raise QueryError(f"'{name}:' needs a value, e.g. {_example(name)}", pos, query)
    starts = value.endswith("*")  # (region:pen*, as pharma*: the values that start so)
    if "*" in value:
        core = value.rstrip("*")
        if "*" in core:
            raise QueryError(
                "'*' is only allowed at the end of a value", pos + core.index("*"), query
            )
        if name in ("date", "year"):
            raise QueryError(
                f"'{name}:' takes no '*': give a range, e.g. {_example(name)}", pos, query
            )
        if not _words(core):
            raise QueryError(
                f"'*' needs some letters before it, e.g. {_example(name)[:-2]}*", pos, query
            )
        value = core  # (region, sector, person, enterprise: a value is a start already)
    if name == "type":
        kinds = sorted({k for t, k in TYPES.items() if t.startswith(value.lower())})
        kind = TYPES.get(value.lower()) or (kinds[0] if starts and len(kinds) == 1 else None)
        if kind is None:
            shown = f"{value}*" if starts else value
            raise QueryError(f"type must be meeting or proposal, not '{shown}'", pos, query)
        return Filter("type", kind, pos=pos)
    if name == "date":
        start, end = _date_range(value, pos, query)
        return Filter("date", value, start, end, pos=pos)
    if name == "year":
        start, end = _year_range(value, pos, query)
        return Filter("year", value, start, end, pos=pos)
    if name == "status":
        from .taxonomy import LEGACY_STATUSES, STATUSES

        status = value.lower().replace(" ", "-")
        status = LEGACY_STATUSES.get(status, status)
        if starts and status not in STATUSES:
            begun = [s for s in STATUSES if s.startswith(status)]
            if len(begun) > 1:
                raise QueryError(
                    f"status:{value}* could be {' or '.join(begun)}: give more of it", pos, query
                )
            status = begun[0] if begun else status
        if status not in STATUSES:
            shown = f"{value}*" if starts else value
            raise QueryError(
                f"unknown status '{shown}' (one of: {', '.join(STATUSES)})", pos, query
            )
        return Filter("status", status, pos=pos)
    if not _words(value):
        raise QueryError(f"'{name}:' needs letters or digits, not '{value}'", pos, query)
    return Filter(name, value, pos=pos)


_PART_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$")


def _date_part(text: str, pos: int, query: str, *, end: bool) -> str:
    m = _PART_RE.match(text)
    if not m:
        raise QueryError(f"bad date '{text}': use YYYY, YYYY-MM or YYYY-MM-DD", pos, query)
    year = int(m.group(1))
    if year < 1:
        raise QueryError(f"bad year in '{text}': years start at 0001", pos, query)
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if month is not None and not 1 <= month <= 12:
        col = pos + len(m.group(1)) + 1
        raise QueryError(f"bad month {month:02d} in '{text}': months run 01 to 12", col, query)
    if month is None:
        month = 12 if end else 1
    last = calendar.monthrange(year, month)[1]
    if day is not None and not 1 <= day <= last:
        col = pos + len(text) - len(m.group(3))
        raise QueryError(f"bad day {day:02d} in '{text}': that month has {last} days", col, query)
    if day is None:
        day = last if end else 1
    return dt.date(year, month, day).isoformat()


def _date_range(value: str, pos: int, query: str) -> tuple[str, str]:
    if ".." in value:
        left, _, right = value.partition("..")
        if not left and not right:
            raise QueryError("a date range needs at least one end, e.g. 2025-04..", pos, query)
        start = _date_part(left, pos, query, end=False) if left else ""
        end_pos = pos + len(left) + 2
        end = _date_part(right, end_pos, query, end=True) if right else ""
        if start and end and start > end:
            raise QueryError(f"date range runs backwards: {start} is after {end}", pos, query)
        return start, end
    return _date_part(value, pos, query, end=False), _date_part(value, pos, query, end=True)


def _year_range(value: str, pos: int, query: str) -> tuple[str, str]:
    parts = value.split("..") if ".." in value else [value, value]
    if len(parts) != 2 or not all(p == "" or re.fullmatch(r"[0-9]{4}", p) for p in parts):
        raise QueryError(f"bad year '{value}': use 2025 or 2023..2025", pos, query)
    if parts == ["", ""]:
        raise QueryError("a year range needs at least one end, e.g. 2023..", pos, query)
    start = f"{parts[0]}-01-01" if parts[0] else ""
    end = f"{parts[1]}-12-31" if parts[1] else ""
    if start and end and start > end:
        raise QueryError(f"year range runs backwards: {value}", pos, query)
    return start, end


def parse(query: str) -> Node:
    """Parse ``query`` into a tree; raises :class:`QueryError` (and nothing else) if malformed."""
    try:
        return _Parser(query).parse()
    except QueryError:
        raise
    except (ValueError, IndexError, RecursionError, OverflowError) as exc:  # pragma: no cover
        raise QueryError(f"cannot read this query: {exc}", 0, query) from None
