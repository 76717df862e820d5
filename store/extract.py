"""Draft a meeting record from the text of a news report, offline and without a model.

``extract(text)`` reads a pasted article (site menus, share buttons, lists of other headlines
and repeated paragraphs included) and returns a :class:`Draft`: a meeting in the JSON shape
``Meeting.from_dict`` takes, the fields it could not find (``missing``) and how it decided
the less certain ones (``flags``: an inferred year, say). It never invents: a field it cannot
find stays empty and is listed as missing.

The reading is a pipeline of small, separately testable steps over plain rules:

1. :func:`clean` splits the page into header lines (dates, headline) and body paragraphs,
   dropping navigation junk and repeated paragraphs, and finds a ``date`` line and URLs;
2. sentences are split with care for "U.S." and initials, and each is given a speaker;
3. the meeting sentence ("X met with Y on 20 October") gives the date, the people and place;
4. money amounts become trade figures with period, metric, qualifier and change;
5. "the key exports were ..." style sentences give the goods;
6. sentences that propose something are matched against a sector lexicon (built on the
   taxonomy) to give proposals, with the enterprises they name.

The rules generalise the way these reports are written (BelTA's style and its peers); the
benchmark ``tests/benchmarks/bench_extract.py`` scores them against the curated dataset.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .ids import draft_id
from .model import Meeting
from .regions import REGIONS, Region, find_region, fold
from .taxonomy import SECTORS_BY_ID
from .text import CONTROL_CHARS

# --------------------------------------------------------------------------------------------
# Dates

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        )
    )
    for name in names
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH})(?:,?\s+(\d{{4}}))?\b", re.I)
_MONTH_DAY_YEAR = re.compile(
    rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I
)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DOTTED_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_DATE_LINE = re.compile(
    r"^\s*(date|published|publication\s+date)\s*[:\s]\s*(\d{4}-\d{2}-\d{2})\b\s*", re.I
)  # "date 2025-07-21" is the meeting's; "Published: 2025-04-03" the page's
_YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")


@dataclass(frozen=True)
class DayMonth:
    """A date as written: day and month, and the year when the text gives it."""

    day: int
    month: int
    year: int | None
    start: int = 0

    def resolve(self, year: int) -> str | None:
        try:
            return dt.date(year, self.month, self.day).isoformat()
        except ValueError:
            return None

    def full(self) -> str | None:
        return self.resolve(self.year) if self.year else None


def find_dates(text: str) -> list[DayMonth]:
    """Every date written in ``text`` ("20 October 2025", "1 April", "July 21", ISO, dotted),
    in order of appearance."""
    found: list[DayMonth] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, d: int, m: int, y: int | None) -> None:
        if any(s < end and start < e for s, e in taken) or not (1 <= m <= 12 and 1 <= d <= 31):
            return
        taken.append((start, end))
        found.append(DayMonth(d, m, y, start))

    for m in _ISO_DATE.finditer(text):
        add(m.start(), m.end(), int(m.group(3)), int(m.group(2)), int(m.group(1)))
    for m in _DOTTED_DATE.finditer(text):
        add(m.start(), m.end(), int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for m in _DAY_MONTH_YEAR.finditer(text):
        month = MONTHS[m.group(2).lower().rstrip(".")]
        year = int(m.group(3)) if m.group(3) else None
        add(m.start(), m.end(), int(m.group(1)), month, year)
    for m in _MONTH_DAY_YEAR.finditer(text):
        month = MONTHS[m.group(1).lower().rstrip(".")]
        year = int(m.group(3)) if m.group(3) else None
        add(m.start(), m.end(), int(m.group(2)), month, year)
    return sorted(found, key=lambda d: d.start)


# --------------------------------------------------------------------------------------------
# Cleaning the page


@dataclass
class Article:
    """A page split into what the extractor reads."""

    header: list[str]
    headline: str
    paragraphs: list[str]
    date_line: str | None = None
    urls: list[str] = field(default_factory=list)
    dropped: int = 0  # junk lines and repeated paragraphs left out


_JUNK = re.compile(
    r"^(?:follow us|share|subscribe|read (?:also|more)|recent news|related|tags?\b|all news|"
    r"written by|print|comments?|advertis|cookie|copyright|©|main\s*/|home\s*/|menu|search|"
    r"photo|video|source:?$|more news|latest news|top news|see also)",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…\"”’»)]\s*$")
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_SOURCE_LINE = re.compile(r"(?:(?:source|url|link|read\s+more)\s*:\s*)?(https?://\S+)", re.I)
_CONTROL = CONTROL_CHARS  # the same set the interface makes visible


def _words(line: str) -> int:
    return len(line.split())


def _is_dateish(line: str) -> bool:
    """A line that is a date (and maybe a weekday, a time, a word like "Flag"), no more."""
    rest = _DAY_MONTH_YEAR.sub(" ", line)
    rest = _MONTH_DAY_YEAR.sub(" ", rest)
    rest = _ISO_DATE.sub(" ", rest)
    rest = re.sub(
        r"\b\d{1,2}:\d{2}\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", " ", rest, flags=re.I
    )
    return rest != line and _words(re.sub(r"[^\w]+", " ", rest)) <= 1


def _valid_iso(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def clean(text: str) -> Article:
    """Split a pasted page into header, headline and body paragraphs, dropping junk."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _ANSI.sub("", text.lstrip("\ufeff"))  # terminal escape sequences, a byte-order mark
    text = _CONTROL.sub(" ", text)
    urls: list[str] = []
    header: list[str] = []
    headline = ""
    paragraphs: list[str] = []
    date_line: str | None = None
    seen_sentences: set[str] = set()
    dropped = 0
    for raw in text.split("\n"):
        line = re.sub(r"\s+", " ", raw).strip()
        if not line:
            continue
        m = _DATE_LINE.match(line)
        if m:
            line = line[m.end() :].strip()
            if _valid_iso(m.group(2)):
                if m.group(1).lower() == "date":
                    date_line = m.group(2)
                else:
                    header.append(m.group(2))
            else:
                dropped += 1  # "date 2025-13-45": not a date
            if not line:
                continue
        source = _SOURCE_LINE.fullmatch(line)
        if source:  # the page's own address: a line of its own, not a link in the text
            urls.append(source.group(1))
            continue
        is_sentence = (bool(_SENTENCE_END.search(line)) and _words(line) >= 6) or (
            _words(line) >= 15  # a lead paragraph that lost its full stop is still body
        )
        if not paragraphs and not is_sentence:
            if _is_dateish(line):
                header.append(line)
            elif _words(line) >= 5 and not _JUNK.match(line):
                headline = line  # the last title-like line before the body
            else:
                dropped += 1
            continue
        if not is_sentence:
            # After the body has begun, short unpunctuated lines are menus, share buttons
            # or other headlines.
            dropped += 1
            continue
        if _JUNK.match(line):
            dropped += 1
            continue
        # Drop sentences already seen (pages repeat paragraphs, whole or in part).
        kept = []
        for sentence in split_sentences(line):
            key = fold(re.sub(r"\W+", " ", sentence)).strip()
            if key in seen_sentences and len(key) > 20:
                continue
            seen_sentences.add(key)
            kept.append(sentence)
        if not kept:
            dropped += 1
            continue
        paragraphs.append(" ".join(kept))
    return Article(header, headline, paragraphs, date_line, urls, dropped)


# --------------------------------------------------------------------------------------------
# Sentences

_ABBREVIATIONS = re.compile(
    r"(?:\b(?:U\.S|U\.K|Mr|Mrs|Ms|Dr|St|No|Jr|Sr|Gen|Gov|Prof|vs|etc|e\.g|i\.e|Inc|Ltd|Co|"
    r"approx|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.|\b[A-Z]\.)$"
)
_SPLIT = re.compile(r"(?<=[.!?…])[\"”’»]?\s+(?=[\"“‘«(\[]?[A-Z0-9])")


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph; "U.S. President", "John F. Kennedy" and "etc." don't split."""
    parts: list[str] = []
    pos = 0
    for m in _SPLIT.finditer(paragraph):
        piece = paragraph[pos : m.start()].rstrip()
        head = paragraph[pos : m.end()]
        if _ABBREVIATIONS.search(piece.rstrip('"”’»')):
            continue
        parts.append(head.strip())
        pos = m.end()
    parts.append(paragraph[pos:].strip())
    return [p for p in parts if p]


# --------------------------------------------------------------------------------------------
# People

_NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*[a-zß-öø-ÿā-ž][^\W\d_]*(?:[-'’][^\W\d_]+)?"
_NAME = re.compile(rf"(?=\b({_NAME_WORD})\s+({_NAME_WORD})\b)")  # overlapping matches
_POSTS = (
    r"(?:Deputy\s+|First\s+Deputy\s+|Vice\s+)?(?:Prime\s+Minister|President|Governor|Head|"
    r"Chairman|Chairwoman|Chairperson|Chair|Speaker|Rais|Ambassador|Mayor|Minister|Secretary|Director|"
    r"Director\s+General|Chief|Rector|Senator|Deputy|Leader|Premier|Plenipotentiary|"
    r"Representative|Consul|CEO)"
)
_TITLE_BEFORE = re.compile(
    rf"((?:(?:the\s+)?(?:current\s+)?(?:Belarusian|Belarus['’]s?|Russian|Russia['’]s?|"
    rf"[A-Z][\w.]*)\s+)*{_POSTS}\b[^.;:“”\"]*?)\s*$"
)
_NOT_NAMES = {
    w.lower()
    for w in [
        "Belarus",
        "Belarusian",
        "Russia",
        "Russian",
        "Federation",
        "Republic",
        "Oblast",
        "Krai",
        "Region",
        "Minsk",
        "Moscow",
        "President",
        "Governor",
        "Head",
        "Prime",
        "Minister",
        "Deputy",
        "State",
        "Union",
        "Day",
        "Week",
        "National",
        "Academy",
        "Sciences",
        "University",
        "Soviet",
        "The",
        "In",
        "On",
        "At",
        "According",
        "This",
        "That",
        "Of",
        "And",
        "Ambassador",
        "Chairman",
        "Council",
        "Assembly",
        "Ministry",
        "Center",
        "Centre",
        "Institute",
        "Works",
        "Group",
        "Company",
    ]
} | set(MONTHS)
_MEETING_VERB = re.compile(
    r"\b(?:met|meets|meeting|talks|talked|received|receives|conversation|spoke)\s+with\b|"
    r"\bat\s+(?:a|the)\s+meeting\s+with\b|\bheld\s+talks\s+with\b",
    re.I,
)


@dataclass
class Person:
    name: str
    title: str
    side: str  # belarus, russia, or "" (foreign, unknown)
    start: int = 0


def _side_of(title: str, region: Region | None) -> str:
    folded = fold(title)
    if re.search(r"\b(?:u\.s|us|american|european|eu|chinese|ukrain\w*|uk|british)\b", folded):
        return ""
    if "belarus" in folded:
        return "belarus"
    if "russia" in folded or "governor" in folded or _region_in(title) is not None:
        return "russia"
    if region is not None and fold(region.core) in folded:
        return "russia"
    return ""


def _region_in(text: str) -> Region | None:
    hits = region_mentions(text)
    return hits[0][0] if hits else None


def _tidy_title(title: str, side: str) -> str:
    title = re.sub(r"^\s*(?:the\s+)?(?:current\s+)?", "", title, flags=re.I).strip()
    title = re.sub(r"\s+of\s+the\s+Russian\s+Federation\b", "", title)
    title = re.sub(r"\bRussia['’]s?\s+", "", title).strip()
    if side == "belarus":
        m = re.match(r"(?:Belarusian|Belarus['’]s?)\s+(.+)$", title)
        if m and not re.search(r"\b(?:to|of|for)\b", m.group(1)):
            title = f"{m.group(1)} of Belarus"
        elif m:
            title = f"Belarusian {m.group(1)}"
    title = re.sub(r"^Russian\s+", "", title) if side == "russia" else title
    spans = _region_spans(title)
    if len(spans) == 1 and fold(title) == title.lower():  # offsets of folded text hold
        region, start, length = spans[0]
        kept = title[start : start + length]
        if not kept.lower().startswith("republic of") and region.kind == "republic":
            name = region.name  # "Head of Tatarstan" -> "Head of the Republic of Tatarstan"
            title = title[:start] + name + title[start + length :]
            title = re.sub(r"\bof\s+the\s+Republic\s+of\b", "of the Republic of", title)
            title = re.sub(r"\bof\s+Republic\s+of\b", "of the Republic of", title)
        else:
            title = title[:start] + region.name + title[start + length :]
    return title[:1].upper() + title[1:]


def find_people(text: str, region: Region | None) -> list[Person]:
    """Titled people in ``text`` ("Governor of Russia's Penza Oblast Oleg Melnichenko")."""
    people: list[Person] = []
    regions = [(start, start + length) for _, start, length in _region_spans(text)]
    for m in _NAME.finditer(text):
        first, last = m.group(1), m.group(2)
        if fold(first) in _NOT_NAMES or fold(last) in _NOT_NAMES:
            continue
        end = m.start() + len(first) + 1 + len(last)
        if re.search(r"['’]s?$", first) or any(s < end and m.start() < e for s, e in regions):
            continue  # "Russia's Nizhny", "Novgorod Region": not a person
        if find_region(f"{first} {last}") or find_region(first) or find_region(last):
            continue
        before = text[max(0, m.start() - 120) : m.start()]
        tm = _TITLE_BEFORE.search(before)
        if not tm:
            continue
        title = re.sub(r"\s*\([^)]*\)", "", tm.group(1))  # "Rais (head) of Tatarstan"
        title = re.split(r"[,;]|\b(?:with|and|said|met|as|by|that|when)\b", title)[-1]
        title = title.strip()
        if not re.search(_POSTS, title):
            continue
        side = _side_of(title, region)
        people.append(Person(f"{first} {last}", _tidy_title(title, side), side, m.start()))
    return people


# --------------------------------------------------------------------------------------------
# Regions

_REGION_RE: re.Pattern[str] | None = None
_REGION_BY_SPELLING: dict[str, Region] = {}


def _region_re() -> re.Pattern[str]:
    """One pattern for every spelling of every region, longest first, so that at each place
    in a text the longest spelling wins ("Moscow Oblast" over "Moscow") in a single scan."""
    global _REGION_RE
    if _REGION_RE is None:
        for region in REGIONS:
            names = {region.name, *region.aliases}
            if region.core not in ("Moscow", "Altai"):
                names.add(region.core)
            for name in names:
                _REGION_BY_SPELLING.setdefault(_spelling_key(fold(name)), region)
        spellings = sorted(_REGION_BY_SPELLING, key=len, reverse=True)
        alternatives = [r"[\s-]+".join(re.escape(w) for w in k.split()) for k in spellings]
        _REGION_RE = re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")
    return _REGION_RE


def _spelling_key(folded: str) -> str:
    return " ".join(folded.replace("-", " ").split())


def region_mentions(text: str) -> list[tuple[Region, int]]:
    """(region, offset) for each mention of a federal subject in ``text``, longest spelling
    first and without overlaps, in text order."""
    return [(region, start) for region, start, _ in _region_spans(text)]


def _region_spans(text: str) -> list[tuple[Region, int, int]]:
    pattern = _region_re()
    return [
        (_REGION_BY_SPELLING[_spelling_key(m.group())], m.start(), m.end() - m.start())
        for m in pattern.finditer(fold(text))
    ]


class _Taken:
    """Which characters of a text a longer match has claimed (linear, not pairwise)."""

    def __init__(self, size: int) -> None:
        self.mask = bytearray(size)

    def claim(self, start: int, end: int) -> bool:
        """Claim start..end unless part of it is taken; True when claimed."""
        if any(self.mask[start:end]):
            return False
        self.mask[start:end] = b"\x01" * (end - start)
        return True


# --------------------------------------------------------------------------------------------
# Trade figures

_AMOUNT = re.compile(
    r"(?:US\s?\$|\$|USD\s?)\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,15}(?:\.\d+)?)(?![\d,])\s*"
    r"(million|billion|trillion|mln|bln|bn|tn|m\b|b\b)?"
    r"|(?<![\d.,])(\d{1,15}(?:\.\d+)?)\s*(million|billion|trillion)\s+(?:US\s+)?dollars",
    re.I,
)
_QUALIFIERS = (
    "slightly more than", "slightly less than", "slightly over", "a little over", "more than",
    "less than", "in excess of", "at least", "close to", "up to", "just over", "just under",
    "approximately", "approximated", "about", "around", "nearly", "almost", "over", "some",
    "roughly", "exceeded", "exceeding", "exceeds", "under", "below", "above", "estimated at",
)  # fmt: skip
_QUALIFIER_RE = re.compile(
    r"\b("
    + "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True))
    + r")\s*(?:of\s+|at\s+|to\s+)?$",
    re.I,
)
_CHANGE = re.compile(
    r"\b(up|down|an?\s+increase\s+of|a\s+decrease\s+of|a\s+drop\s+of|a\s+decline\s+of|"
    r"a\s+rise\s+of|growth\s+of|increased\s+by|decreased\s+by|grew\s+by|fell\s+by|rose\s+by|"
    r"dropped\s+by|declined\s+by|growth\s+(?:\w+\s+){0,4}?-?)\s*(?:by\s+)?"
    r"(almost|nearly|about|approximately|over|more\s+than|some)?\s*(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)"
    r"(?:\s+(over|compared\s+(?:to|with)|against|from|on|year-on-year)\s*((?:the\s+)?(?:\d{4}|last\s+year|the\s+previous\s+year|a\s+year\s+earlier))?)?",
    re.I,
)
_PERCENT = re.compile(
    r"(almost|nearly|about|approximately|over|more\s+than|some)?\s*(\d+(?:\.\d+)?)\s*(?:%|per\s*cent|percent)",
    re.I,
)
_GROWTH = re.compile(
    r"\b(?:growth|grew|increase[ds]?|rise|rose|up|decline[ds]?|decrease[ds]?|"
    r"fell|drop(?:ped)?|down)\b",
    re.I,
)
_TRADE_WORDS = re.compile(r"\b(?:trade|turnover|exports?|imports?|figure)\b", re.I)
_NEGATIVE = re.compile(r"\b(?:down|decrease|drop|decline|decreased|fell|dropped|declined)\b", re.I)
_MONTH_RANGE = re.compile(
    rf"\b(?:from\s+)?({_MONTH})\s*(?:-|–|—|to|through|till|until)\s*({_MONTH})"
    r"(?:\s+(?:of\s+)?(this\s+year|last\s+year|(\d{4})))?",
    re.I,
)
_HALF = re.compile(
    r"\b(?:in\s+)?the\s+(first|second)\s+(half|quarter)(?:\s+of\s+(this\s+year|last\s+year|(\d{4})))?",
    re.I,
)
_PERIOD_WORDS = re.compile(
    r"\b(?:in|for|of|during|by)?\s*(\d{4})\b|\b(last|this|previous)\s+year\b", re.I
)


@dataclass
class _Period:
    text: str  # "2024", "2025-01..2025-08"
    start: int
    end: int


def _periods(clause: str, year: int | None) -> list[_Period]:
    """Period expressions in a clause, resolved against the meeting's year."""
    found: list[_Period] = []
    taken: list[tuple[int, int]] = []

    def year_of(word: str | None, digits: str | None) -> int | None:
        if digits:
            return int(digits)
        if word and year:
            return year - 1 if word.lower().startswith("last") else year
        return year

    for m in _MONTH_RANGE.finditer(clause):
        y = year_of(m.group(3), m.group(4))
        if y is None:
            continue
        a, b = MONTHS[m.group(1).lower().rstrip(".")], MONTHS[m.group(2).lower().rstrip(".")]
        if a < b:
            found.append(_Period(f"{y}-{a:02d}..{y}-{b:02d}", m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in _HALF.finditer(clause):
        y = year_of(m.group(3), m.group(4))
        if y is None:
            continue
        n = 1 if m.group(1).lower() == "first" else 2
        months = (1, 6) if n == 1 else (7, 12)
        if m.group(2).lower() == "quarter":
            months = (1, 3) if n == 1 else (4, 6)
        found.append(_Period(f"{y}-{months[0]:02d}..{y}-{months[1]:02d}", m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for m in _PERIOD_WORDS.finditer(clause):
        if any(s <= m.start(1 if m.group(1) else 2) < e for s, e in taken):
            continue
        before = clause[max(0, m.start() - 12) : m.start()].lower()
        if m.group(1):
            if re.search(r"\b(?:since|over|than|from|against|compared\s+(?:to|with))\s*$", before):
                continue  # "since 2020", "over 2023": not the figure's own period
            y = int(m.group(1))
            if not 1990 <= y <= 2100:
                continue
            found.append(_Period(str(y), m.start(), m.end()))
        else:
            if re.search(r"\b(?:over|than|from|against)\s*$", before) or year is None:
                continue
            word = m.group(2).lower()
            found.append(
                _Period(str(year - 1 if word in ("last", "previous") else year), m.start(), m.end())
            )
    return sorted(found, key=lambda p: p.start)


def _metric(text: str) -> str | None:
    """The metric named last in ``text`` (the words leading up to an amount), from Belarus's
    side: "Tatarstan's exports to Belarus" and "imports from Belarus" are turned round."""
    best: tuple[int, str] | None = None
    for m in re.finditer(r"\b(exports?|imports?|trade|turnover|figure|supplies)\b", text, re.I):
        word = m.group(1).lower()
        metric = (
            "exports"
            if word.startswith("export")
            else ("imports" if word.startswith("import") else "turnover")
        )
        if metric != "turnover" and _russian_side(text, m.start(), m.end()):
            metric = "imports" if metric == "exports" else "exports"
        best = (m.start(), metric)
    return best[1] if best else None


def _russian_side(text: str, start: int, end: int) -> bool:
    """True when the exports or imports at start..end are the Russian region's."""
    before = text[max(0, start - 40) : start]
    after = text[end : end + 20]
    if re.search(r"\b(?:to|from)\s+Belarus\b", after):
        return True
    owner = re.search(r"\b([A-Z][\w-]+)['’]s?\s+(?:\w+\s+)?$", before)
    return bool(owner and owner.group(1) not in ("Belarus",) and find_region(owner.group(1)))


def _usd_millions(number: str, unit: str | None) -> float | None:
    """The amount in millions of dollars; None for a bare sum under a million (``$500``),
    which is not a trade figure."""
    value = float(number.replace(",", ""))
    unit = (unit or "").lower()
    if unit in ("trillion", "tn"):
        return round(value * 1_000_000, 3)
    if unit in ("billion", "bln", "bn", "b"):
        return round(value * 1000, 3)
    if unit in ("million", "mln", "m"):
        return value
    return round(value / 1_000_000, 3) if value >= 1_000_000 else None


# --------------------------------------------------------------------------------------------
# Sectors


@dataclass(frozen=True)
class Cue:
    sector: str
    pattern: re.Pattern[str]
    weak: bool = False  # counts only where nothing more specific is said nearby


def _cue(sector: str, *phrases: str, weak: bool = False, case: bool = False) -> list[Cue]:
    return [
        Cue(sector, re.compile(rf"(?<![\w-]){p}(?![\w])", 0 if case else re.I), weak)
        for p in phrases
    ]


# Phrases per sector. Longer phrases win over shorter ones that overlap them ("agricultural
# machinery" is not agriculture; "patriotic education" is youth work, not education).
CUES: list[Cue] = [
    *_cue(
        "elevators",
        r"elevators?",
        r"lifts",
        r"lift[- ](?:production|equipment|industry|"
        r"manufactur\w*|building|construction|making)",
        r"\w*liftmash",
    ),
    *_cue(
        "agricultural-machinery",
        r"agricultural\s+(?:machinery|equipment|machines)",
        r"farm\s+(?:machinery|equipment|machines)",
        r"tractors?",
        r"MTZ",
        r"(?:combine\s+)?harvesters?",
        r"agricultural\s+and\s+\w+\s+(?:machinery|equipment)",
    ),
    *_cue(
        "agriculture-food",
        r"agriculture",
        r"agricultural\s+(?:sector|products|goods|"
        r"cooperation|raw\s+materials|production|complex|enterprises)",
        r"agro-industrial(?:\s+complex)?",
        r"agrarian",
        r"food(?:\s+products|stuffs?)?",
        r"dairy",
        r"meat",
        r"(?:elite\s+)?seeds",
        r"fodder",
        r"fertili[sz]ers?",
        r"farming",
        r"livestock",
        r"grain",
        r"crop\w*",
    ),
    *_cue("pharmaceuticals", r"pharma\w*", r"drugs", r"medicines", r"medicinal"),
    *_cue(
        "healthcare",
        r"medical\s+(?:services|care|equipment|tourism|products|centres?|"
        r"centers?)",
        r"healthcare",
        r"health\s+care",
        r"rehabilitation",
        r"health\s+resorts?",
        r"sanatori(?:um|a|ums)",
        r"hospitals?",
        r"medicine",
    ),
    *_cue(
        "microelectronics",
        r"micro-?electronics",
        r"semiconductors?",
        r"(?:micro)?chips?",
        r"electronics",
        r"electronic\s+(?:industry|components)",
    ),
    *_cue(
        "cable-electrical",
        r"cables?",
        r"wires?",
        r"insulation\s+materials?",
        r"lighting(?:\s+industry)?",
        r"electrical\s+(?:engineering|equipment|products)",
        r"cable\s+and\s+wire\s+products",
    ),
    *_cue(
        "rolling-stock",
        r"railcars?",
        r"rolling\s+stock",
        r"(?:railway\s+)?wagons",
        r"locomotives?",
        r"railway\s+(?:equipment|carriages|cars)",
        r"railcar\s+manufacturing",
    ),
    *_cue(
        "public-transport",
        r"(?:trolley)?bus(?:es)?",
        r"trams?",
        r"public\s+transport",
        r"passenger\s+(?:transport|vehicles)",
        r"urban\s+transport",
    ),
    *_cue(
        "automotive",
        r"trucks?",
        r"(?:vehicle\s+)?component\s+parts(?:\s+for\s+"
        r"passenger\s+vehicles)?",
        r"vehicle\s+components",
        r"automotive",
        r"automobiles?",
        r"car\s+(?:industry|manufacturing|plants?)",
        r"machine-building",
        r"machine\s+building",
        r"auto\s+components",
        r"(?:MAZ|KAMAZ|GAZ)",
    ),
    *_cue(
        "machinery-equipment",
        r"machinery",
        r"quarry",
        r"fire-fighting",
        r"road-building\s+machinery",
        r"municipal\s+(?:machinery|equipment|vehicles)",
    ),
    *_cue("machinery-equipment", r"equipment", weak=True),
    *_cue("machine-tools", r"machine[- ]tools?(?:\s+building|\s+industry)?"),
    *_cue(
        "space-aviation",
        r"(?<!Soviet )(?<!outer )space(?:\s+(?:industry|development|exploration))?",
        r"rocket\w*",
        r"rocket\s+science",
        r"aircraft(?:\s+(?:building|construction|industry|"
        r"manufacturing))?",
        r"satellites?",
        r"aviation",
        r"aerospace",
        r"helicopters?",
    ),
    *_cue(
        "it-software",
        r"information\s+technolog(?:y|ies)",
        r"software(?:\s+products)?",
        r"artificial\s+intelligence",
        r"digitali[sz]ation",
        r"IT",
        r"AI",
        case=True,
    ),
    *_cue(
        "science-technology",
        r"science",
        r"scientific(?:\s+and\s+technical)?",
        r"research(?:\s+and\s+development)?",
        r"R&D",
        r"academy\s+of\s+sciences",
        r"technoparks?",
        r"scientific\s+and\s+technical\s+(?:cooperation|activities|complex\w*)",
    ),
    *_cue(
        "construction",
        r"concrete",
        r"cement",
        r"dry\s+(?:building\s+)?mix(?:es|tures)",
        r"builders",
        r"building\s+materials",
        r"construction\s+(?:projects?|services|"
        r"materials|industry|sector|companies|works|complex)",
        r"housing\s+construction",
        r"road\s+construction\s+projects",
    ),
    *_cue(
        "housing-utilities",
        r"housing\s+and\s+(?:utilities|communal\s+services)",
        r"(?:public\s+)?utilities(?:\s+sector)?",
        r"communal\s+services",
    ),
    *_cue(
        "service-logistics",
        r"dealer(?:ship|s)?(?:\s+cent(?:er|re)s?)?",
        r"maintenance",
        r"spare\s+parts",
        r"warranty",
        r"after-sales",
        r"service\s+cent(?:er|re)s?",
        r"logistics\s+(?:hub|cent(?:er|re)s?)",
        r"service\s+and\s+logistics",
    ),
    *_cue(
        "trade-finance",
        r"financial\s+instruments",
        r"financing(?:\s+mechanisms)?",
        r"leasing",
        r"joint\s+sales",
        r"sales\s+on\s+foreign\s+markets",
        r"non-resource\s+exports",
        r"mutual\s+trade",
        r"trade\s+turnover",
        r"credit\s+lines?",
    ),
    *_cue("film", r"films?", r"film\s+production", r"cinema\w*", r"filmmakers?", r"movies?"),
    *_cue(
        "education", r"inter-university", r"universit(?:y|ies)", r"students", r"training", weak=True
    ),
    *_cue("education", r"education(?:al)?\s+(?:cooperation|exchanges?|ties)", r"education"),
    *_cue(
        "culture-youth",
        r"humanitarian",
        r"youth",
        r"young\s+(?:generation|people)",
        r"younger\s+generation",
        r"culture",
        r"cultural",
        r"sister[- ]cit(?:y|ies)(?:\s+ties)?",
        r"patriotic\s+education",
        r"education\s+of\s+(?:the\s+)?young(?:er)?\s+(?:people|"
        r"generation)",
        r"art",
        r"tourism",
    ),
    *_cue(
        "industrial-cooperation",
        r"industrial\s+co-?operation",
        r"joint\s+ventures?",
        r"joint\s+enterprises",
        r"joint\s+production",
        r"production\s+chains",
        r"cooperation\s+(?:chains|ties)",
        r"import\s+substitution",
        r"import-substituting",
        r"co-?production",
        r"industrial\s+partnership",
        r"production\s+cooperation",
    ),
    *_cue("industrial-cooperation", r"joint\s+projects", weak=True),
]

# Where one of these is found, the sector on the right adds nothing in the same sentence.
# Financing offered with a product ("tractors on preferential leasing") serves that product.
_SUBSUMES = {
    "agricultural-machinery": {"agriculture-food", "machinery-equipment", "trade-finance"},
    "pharmaceuticals": {"healthcare"},
    "elevators": {"machinery-equipment", "trade-finance"},
    "automotive": {"machinery-equipment", "trade-finance"},
    "public-transport": {"machinery-equipment", "automotive", "trade-finance"},
    "rolling-stock": {"machinery-equipment", "trade-finance"},
    "machine-tools": {"machinery-equipment"},
}
# Machinery in general adds nothing to a paragraph about a kind of machine.
_MACHINES = {"agricultural-machinery", "elevators", "automotive", "public-transport",
             "rolling-stock", "machine-tools"}  # fmt: skip
# Sentences that report the past or a standing fact, not a proposal.
_NOT_PROPOSAL = re.compile(
    r"\b(?:signed|held|opened|established|founded|took\s+place)\s+(?:in|on)\s+(?:\d{4}|\d{1,2}\s)|"
    r"\bremains?\s+the\s+(?:legal\s+)?basis\b",
    re.I,
)

# A sentence proposes something when it says so: "proposed", "ready to", "we can", ...
_PROPOSAL_CUE = re.compile(
    r"\b(?:propos\w*|suggest\w*|offer\w*|ready|readiness|willing|eager|keen|interest\w*|"
    r"invit\w*|could|can|should|must|need\w*|would\s+like|let['’]?s|let\s+us|promising|"
    r"prospect\w*|areas?|priorit\w*|opportunit\w*|possibilit\w*|idea|important|importance|"
    r"attention|cooperat\w*|collaborat\w*|partner\w*|develop|developing|development|"
    r"establish|establishing|expand\w*|increase|increasing|supply|supplying|supplies|joint|"
    r"together|focus\w*|plans?|demand|touched|discuss\w*|explor\w*|instruct\w*|agree\w*|"
    r"will|step\s+up|boost\w*|strengthen\w*|deepen\w*|set\s+up|organi[sz]\w*|launch\w*|"
    r"consider\w*|worth|first|second|third|fourth|fifth|next)\b",
    re.I,
)
_GOODS_SENTENCE = re.compile(
    r"\b(?:key|main|major|principal|primary|top)\s+(?:export|import)|"
    r"\b(?:exports?|imports?)\s+(?:were|are|was|included|include|consisted)\b|"
    r"\b(?:supplies|supplied|sells|sold|ships)\s+[A-Z][\w’' ]*?\s+with\b|"
    r"\b(?:purchase|purchases|purchased|buy|buys|bought|import)\s+(?:large\s+volumes\s+of|"
    r"a\s+(?:wide\s+)?range\s+of)\b",
    re.I,
)
_STATUS = (
    ("assigned", re.compile(r"\b(?:instructed|tasked|charged|ordered)\b", re.I)),
    ("agreed", re.compile(r"\b(?:agreed|signed|reached\s+an\s+agreement)\b", re.I)),
    ("ongoing", re.compile(r"\b(?:already|existing|continue\w*|expanding|has\s+built|"
                           r"are\s+(?:being\s+)?implemented|were\s+implemented|traditional|"
                           r"successfully)\b", re.I)),
)  # fmt: skip


def sector_matches(sentence: str) -> list[tuple[str, int, int, bool]]:
    """(sector, start, end, weak) for each sector phrase in ``sentence``: longest first,
    without overlaps, skipping words that are part of a proper name ("State Medical
    University")."""
    candidates: list[tuple[int, int, Cue]] = []
    for cue in CUES:
        for m in cue.pattern.finditer(sentence):
            candidates.append((m.start(), m.end(), cue))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken = _Taken(len(sentence))
    out: list[tuple[str, int, int, bool]] = []
    for start, end, cue in candidates:
        if not taken.claim(start, end):
            continue
        word = sentence[start:end]
        in_name = (
            word[:1].isupper()
            and bool(cue.pattern.flags & re.I)
            and start > 0
            and not re.search(r"[.!?“\"]\s*$", sentence[:start])
            and not word.isupper()
            and "liftmash" not in word.lower()
        )
        if in_name and _in_proper_name(sentence, start, end):
            continue
        out.append((cue.sector, start, end, cue.weak))
    return sorted(out, key=lambda o: o[1])


def _in_proper_name(sentence: str, start: int, end: int) -> bool:
    """True when the capitalised words at start..end sit inside a run of capitalised words
    (an institution's name), not at the start of a sentence or a quote."""
    before = sentence[:start].rstrip()
    after = sentence[end:].lstrip()
    prev_cap = bool(re.search(r"\b[A-Z][\w-]*$", before)) and not re.search(
        r"(?:^|[.!?:;“\"]\s*)[A-Z][\w-]*$", before
    )
    next_cap = bool(re.match(r"(?:of\s+|and\s+)?[A-Z]", after))
    return prev_cap or next_cap


# --------------------------------------------------------------------------------------------
# Enterprises

_ORG_SUFFIX = (
    r"University|Works|Plant|Factory|Ministry|Academy\s+of\s+Sciences|Institute|Holding|"
    r"Group|Bank|Corporation|Association|Company|Concern|Agency|Committee|Combine"
)
_ORG_NAME = re.compile(rf"\b((?:(?:[A-Z][\w’'&-]*|of|and|the|for)\s+){{0,6}}?(?:{_ORG_SUFFIX}))\b")
_ORG_BEFORE_KIND = re.compile(
    r"\b([A-Z][\w’'&-]+(?:[- ][A-Z][\w’'&-]+)?)\s+(?:company|group(?:\s+of\s+companies)?|factory|"
    r"plant|holding|enterprise|concern|production\s+facilities|works)\b"
)
_ORG_AFTER_COUNTRY = re.compile(
    r"\b(?:Belarus|Russia)['’]s?\s+([A-Z][\w’'&-]+(?:\s+[A-Z][\w’'&-]+)?)"
)
_ORG_LIST = re.compile(
    r"\b(?:enterprises|companies|plants|factories|manufacturers)\s+(?:such\s+as|like|including)\s+"
    r"((?:[A-Z][\w’'&-]+(?:\s+[A-Z][\w’'&-]+)?(?:,\s*|\s+and\s+))+(?:others|[A-Z][\w’'&-]+))"
)
_ORG_WORD = re.compile(
    r"\b([A-Z][a-z]*(?:mash|prom|stroy|neft|khim|energo|avto|agro|med|pharm|zavod|kali|"
    r"tekh)[a-z]*)\b"
)
_NOT_ORGS = {
    "belta", "tass", "usa", "eaeu", "cis", "eu", "it", "ai", "rub", "usd", "r&d", "the",
    "belarus", "russia", "union state", "soviet union", "russian federation",
    "belarusian", "soviet",
}  # fmt: skip


def find_enterprises(sentence: str) -> list[str]:
    """Enterprises and institutions named in a sentence, in order, without duplicates."""
    found: list[tuple[int, str]] = []
    for m in _ORG_NAME.finditer(sentence):
        name = re.sub(r"^(?:the|of|and|for)\s+", "", m.group(1)).strip()
        name = re.sub(r"^(?:The)\s+", "", name)
        if len(name.split()) >= 2 or re.match(r"[A-Z]{2,}", name):
            found.append((m.start(1), name))
    for pattern in (_ORG_BEFORE_KIND, _ORG_AFTER_COUNTRY):
        for m in pattern.finditer(sentence):
            found.append((m.start(1), m.group(1)))
    for m in _ORG_LIST.finditer(sentence):
        for part in re.finditer(r"[^,]+?(?=,|\s+and\s+|$)", m.group(1)):
            name = re.sub(r"^\s*(?:and\s+)?", "", part.group())
            if name and name != "others":
                found.append((m.start(1) + part.start(), name.strip()))
    for m in _ORG_WORD.finditer(sentence):
        found.append((m.start(1), m.group(1)))
    for m in re.finditer(r"\b([A-Z][A-Za-z]*[A-Z][A-Za-z]*)\b", sentence):  # MAZ, BelOMO
        if (len(m.group(1)) >= 3 and m.group(1).upper() == m.group(1)) or re.match(
            r"[A-Z][a-z]+[A-Z]{2,}", m.group(1)
        ):
            found.append((m.start(1), m.group(1)))
    names: list[str] = []
    for _, name in sorted(found):
        name = name.strip(" ,.’'")
        owner = re.match(r"([A-Z]\w+)['’]s?\s+(?=[A-Z])", name)
        if owner and (owner.group(1) in ("Belarus", "Russia") or find_region(owner.group(1))):
            name = name[owner.end() :]
        folded = fold(name)
        if folded in _NOT_ORGS or find_region(name) or len(name) < 2:
            continue
        if any(fold(n) == folded or folded in fold(n) for n in names):
            continue
        names = [n for n in names if fold(n) not in folded] + [name]
    return names


# --------------------------------------------------------------------------------------------
# The draft


@dataclass
class Draft:
    """A drafted meeting: the record (JSON shape), what is missing and how it was decided."""

    meeting: dict[str, Any]
    missing: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"meeting": self.meeting, "missing": self.missing, "flags": self.flags}

    def to_meeting(self) -> Meeting:
        """The validated meeting (raises ``ValidationError`` naming the first bad field)."""
        return Meeting.from_dict(self.meeting)


@dataclass
class _Sentence:
    text: str
    paragraph: int
    speaker: str  # "host", "guest"


def _publication(article: Article) -> tuple[str | None, bool, str]:
    """(date, inferred, how) of publication, from the page header or a dateline."""
    for line in reversed(article.header):
        for d in find_dates(line):
            full = d.full()
            if full:
                return full, False, "the page's date line"
    return None, False, ""


_DATELINE = re.compile(
    rf"^([A-Z][A-Za-z’' -]{{1,30}}),\s+(\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})"
    r"(?:,?\s+(\d{4}))?"
    r"\s*(?:\(([^)]{1,40})\)\s*[-–—]|\.?\s*/([^/]{1,20})/\.?|[-–—])"
)  # "MINSK, 1 April (BelTA) -", "KAZAN, March 28. /TASS/."


def _infer_year(article: Article, text: str) -> tuple[int | None, str]:
    """A year for a date written without one, when nothing gives it directly: the latest year
    the text speaks of, plus one when that year's trade is reported as a finished figure."""
    years = [int(y) for y in _YEAR.findall(text)]
    if not years:
        return None, ""
    latest = max(years)
    finished = re.search(
        rf"\b(?:in|for)\s+{latest}\b[^.]*?(?:amounted|reached|totall?ed|was|were|exceeded|"
        rf"stood|approximated|grew|increased|opened)",
        text,
    )
    if finished:
        return latest + 1, f"the text ({latest} is spoken of as a finished year)"
    return latest, "the text (the latest year it mentions)"


def extract(text: str, *, document: str = "", published: str | None = None) -> Draft:
    """Draft a meeting from an article's text. ``published`` (YYYY-MM-DD) supplies the
    publication date when the text gives none."""
    article = clean(text)
    flags: list[str] = []
    body = "\n".join(article.paragraphs)

    # Source -----------------------------------------------------------------------------
    pub, pub_inferred, pub_how = _publication(article)
    if published and not pub:
        pub, pub_inferred, pub_how = published, False, "given with the article"
    outlet = ""
    dateline = _DATELINE.match(article.paragraphs[0]) if article.paragraphs else None
    if dateline and (dateline.group(4) or dateline.group(5)):
        outlet = (dateline.group(4) or dateline.group(5)).strip()
    if not outlet:
        m = re.search(r"\b([A-Z][A-Za-z]{2,15}) has learned\b", body) or re.search(
            r"\b(?:told|reports?|reported)\s+(BelTA|TASS|RIA Novosti|Interfax|Sputnik)\b", body
        )
        outlet = m.group(1) if m else ""
    url = article.urls[0] if article.urls else ""
    if not outlet and url:
        host = re.sub(r"^https?://(?:www\.|eng\.)?", "", url).split("/")[0]
        outlet = {
            "belta.by": "BelTA",
            "president.gov.by": "Press Service of the President of Belarus",
            "tass.com": "TASS",
            "sb.by": "SB. Belarus Today",
        }.get(host, "")

    # Sentences with their speakers -----------------------------------------------------
    sentences: list[_Sentence] = []
    for i, paragraph in enumerate(article.paragraphs):
        for s in split_sentences(paragraph):
            sentences.append(_Sentence(s, i, ""))

    # Region ---------------------------------------------------------------------------
    counts: dict[str, float] = {}
    by_name: dict[str, Region] = {}
    for weight, part in ((3.0, article.headline), (1.0, body)):
        for region, _ in region_mentions(part):
            counts[region.name] = counts.get(region.name, 0) + weight
            by_name[region.name] = region

    # The meeting sentence -------------------------------------------------------------
    meeting_sentence = next((s for s in sentences if _MEETING_VERB.search(s.text)), None)
    lead = meeting_sentence.text if meeting_sentence else (sentences[0].text if sentences else "")
    people_in_lead = find_people(lead, None)
    guest_region = None
    for person in people_in_lead:
        r = _region_in(person.title)
        if r is not None and person.side != "belarus":
            guest_region = r
            counts[r.name] = counts.get(r.name, 0) + 10
            by_name[r.name] = r
    region = by_name[max(counts, key=lambda k: counts[k])] if counts else None

    host: Person | None = None
    guest: Person | None = None
    for person in find_people(lead, region):
        if person.side == "belarus" and host is None:
            host = person
        elif person.side == "russia" and guest is None:
            guest = person
    if host is None or guest is None:
        for person in find_people(body, region):
            if person.side == "belarus" and host is None:
                host = person
            elif (
                person.side == "russia"
                and guest is None
                and (region is None or _region_in(person.title) in (None, region))
            ):
                guest = person
    if guest_region is None and guest is not None:
        guest_region = _region_in(guest.title)
    mentioned: list[Person] = []
    known = {p.name for p in (host, guest) if p}
    for person in find_people(body, region):
        if person.side and person.name not in known:
            known.add(person.name)
            mentioned.append(person)

    # Date -------------------------------------------------------------------------------
    date: str | None = None
    date_inferred = False
    date_note = ""
    written: DayMonth | None = None
    if article.date_line:
        date, date_note = article.date_line, "From the article's date line."
    else:
        candidates = []
        if meeting_sentence:
            candidates += [
                d
                for d in find_dates(meeting_sentence.text)
                if re.search(r"\bon\s*$", meeting_sentence.text[: d.start])
            ] or find_dates(meeting_sentence.text)
        if dateline:
            candidates += find_dates(dateline.group(0))
        for s in sentences[:3]:
            candidates += [
                d for d in find_dates(s.text) if re.search(r"\bon\s*$", s.text[: d.start])
            ]
        written = candidates[0] if candidates else None
        if written and written.year:
            date = written.full()
            date_note = "Written in full in the article."
        elif written:
            year, how = None, ""
            if pub:
                p = dt.date.fromisoformat(pub)
                year = p.year - 1 if (written.month, written.day) > (p.month, p.day) else p.year
                how = f"the publication date ({pub}, {pub_how})"
            else:
                year, how = _infer_year(article, body)
            if year:
                date = written.resolve(year)
                date_inferred = True
                date_note = f"The article gives only the day and month; year {year} from {how}."
                flags.append(f"date: year {year} inferred from {how}")
    meeting_year = int(date[:4]) if date else (int(pub[:4]) if pub else None)
    if dateline and not pub and date:
        d = find_dates(dateline.group(0))
        if d:
            pub = d[0].resolve(int(dateline.group(3)) if dateline.group(3) else meeting_year or 0)
            pub_inferred = not dateline.group(3)
            if pub and pub_inferred:
                flags.append(f"source.published: year {pub[:4]} inferred (dateline has none)")

    # Place ------------------------------------------------------------------------------
    place = ""
    if meeting_sentence:
        m = re.search(
            r"\bin\s+([A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)\b(?!\s+(?:Oblast|Krai|Region))",
            meeting_sentence.text,
        )
        if (m and find_region(m.group(1)) is None) or (m and m.group(1) in ("Minsk", "Moscow")):
            place = m.group(1) if m else ""
    if not place and dateline:
        place = dateline.group(1).strip().title()

    # Speakers ---------------------------------------------------------------------------
    host_refs = _refs(host, "host")
    guest_refs = _refs(guest, "guest", region)
    last_speaker, last_paragraph = "host", -1
    for s in sentences:
        if s.paragraph != last_paragraph:
            last_speaker, last_paragraph = "host", s.paragraph
        found = []
        folded = fold(s.text)
        for ref in host_refs:
            m = re.search(ref, folded)
            if m:
                found.append((m.start(), "host"))
        for ref in guest_refs:
            m = re.search(ref, folded)
            if m:
                found.append((m.start(), "guest"))
        if found:
            last_speaker = min(found)[1]
        s.speaker = last_speaker

    # Trade ------------------------------------------------------------------------------
    trade = _trade(sentences, meeting_year, host, guest, outlet)

    # Goods ------------------------------------------------------------------------------
    exports, imports = _goods(sentences)

    # Proposals --------------------------------------------------------------------------
    proposals = _proposals(sentences, host, guest)

    # Assemble ---------------------------------------------------------------------------
    participants = []
    if host:
        participants.append(
            {"name": host.name, "title": host.title, "side": "belarus", "role": "host"}
        )
    if guest:
        participants.append(
            {"name": guest.name, "title": guest.title, "side": "russia", "role": "guest"}
        )
    for person in mentioned:
        participants.append(
            {"name": person.name, "title": person.title, "side": person.side, "role": "mentioned"}
        )
    title = article.headline
    if not title and host and guest:
        title = f"{host.name.split()[-1]} meets {guest.title} {guest.name}"
    mid = _meeting_id(date, region)
    for i, p in enumerate(proposals, 1):
        p["id"] = f"{mid}-p{i:02d}"
        p["meeting_id"] = mid
    meeting = {
        "id": mid,
        "date": date or "",
        "date_inferred": date_inferred,
        "date_note": date_note,
        "place": place,
        "place_note": "" if place else "not stated in the article",
        "region": region.name if region else "",
        "title": title,
        "summary": _DATELINE.sub("", lead).strip() if dateline else lead,
        "participants": participants,
        "trade": trade,
        "exports": exports,
        "imports": imports,
        "notes": [],
        "source": {
            "outlet": outlet,
            "published": pub,
            "published_inferred": pub_inferred,
            "document": document,
            "url": url,
            "headline": article.headline,
        },
        "proposals": proposals,
    }
    missing = [
        name
        for name, value in (
            ("date", date),
            ("region", region),
            ("host", host),
            ("guest", guest),
            ("place", place),
            ("title", title),
            ("trade", trade),
            ("exports", exports),
            ("imports", imports),
            ("proposals", proposals),
            ("source.outlet", outlet),
            ("source.published", pub),
            ("source.url", url),
            ("source.headline", article.headline),
        )
        if not value
    ]
    if article.dropped:
        flags.append(f"ignored {article.dropped} lines of page furniture or repeated text")
    return Draft(meeting, missing, flags)


def _meeting_id(date: str | None, region: Region | None) -> str:
    return draft_id(date or "", region.name if region else "")


def _refs(person: Person | None, role: str, region: Region | None = None) -> list[str]:
    """Folded patterns by which the text refers to the host or the guest."""
    refs: list[str] = []
    if person:
        refs.append(rf"\b{re.escape(fold(person.name.split()[-1]))}\b")
        core = re.sub(r"\s+of\s+.*$", "", fold(person.title)).replace("belarusian ", "")
        if core and core not in ("head", "chairman", "leader"):
            refs.append(rf"\bthe\s+{re.escape(core)}\b")
    if role == "host":
        refs += [
            r"\bthe\s+head\s+of\s+state\b",
            r"\bthe\s+belarusian\s+(?:leader|side|president)\b",
            r"\bthe\s+president\b",
        ]
    else:
        refs += [
            r"\bthe\s+governor\b",
            r"\bthe\s+head\s+of\s+the\s+region\b",
            r"\bthe\s+russian\s+(?:side|guest)\b",
        ]
        if region:
            refs.append(
                rf"\bthe\s+head\s+of\s+(?:the\s+republic\s+of\s+)?{re.escape(fold(region.core))}\b"
            )
    return refs


def _trade(
    sentences: list[_Sentence],
    year: int | None,
    host: Person | None,
    guest: Person | None,
    outlet: str,
) -> list[dict[str, Any]]:
    figures: list[dict[str, Any]] = []
    prev_metric: str | None = None
    prev_trade_paragraph = -1
    prev_period = ""  # "In 2024, trade ... $450 million. Exports reached $300 million."
    for idx, s in enumerate(sentences):
        text = s.text
        amounts = list(_AMOUNT.finditer(text))
        has_trade = bool(_TRADE_WORDS.search(text))
        prev_text = (
            sentences[idx - 1].text if idx and sentences[idx - 1].paragraph == s.paragraph else ""
        )
        context_trade = has_trade or bool(_TRADE_WORDS.search(prev_text))
        stated_by = _stated_by(s, host, guest, outlet)
        if not amounts:
            # "The growth was quite impressive last year - almost 10%."
            pm = _PERCENT.search(text)
            if pm and _GROWTH.search(text) and context_trade and not re.search(r"\bshare\b", text):
                periods = _periods(text, year)
                if periods:
                    metric = _metric(text) or _metric(prev_text) or "turnover"
                    value = float(pm.group(2))
                    if _NEGATIVE.search(text):
                        value = -value
                    figures.append(
                        _figure(
                            periods[0].text,
                            metric,
                            None,
                            (pm.group(1) or "").strip(),
                            value,
                            "",
                            stated_by,
                        )
                    )
            continue
        if not context_trade and s.paragraph != prev_trade_paragraph:
            continue
        if re.search(r"\binvest\w*\b", text, re.I) and not has_trade:
            continue
        sentence_period: str | None = None
        sentence_metric: str | None = None
        for n, m in enumerate(amounts):
            lead_from = amounts[n - 1].end() if n else 0
            tail_to = amounts[n + 1].start() if n + 1 < len(amounts) else len(text)
            lead = text[lead_from : m.start()]
            tail = text[m.end() : tail_to]
            if re.search(r"\binvest\w*|\bloan|\bcredit|\bcontracts?\b|\bworth\b", lead, re.I):
                continue
            if m.group(1):
                value = _usd_millions(m.group(1), m.group(2))
            else:
                value = _usd_millions(m.group(3), m.group(4))
            if value is None:
                continue
            qm = _QUALIFIER_RE.search(lead)
            qualifier = qm.group(1).lower() if qm else ""
            metric = (
                _metric(lead)
                or sentence_metric
                or (prev_metric if not has_trade else None)
                or "turnover"
            )
            lead_periods = _periods(lead, year)
            tail_clause = re.split(r"\b(?:while|whereas)\b|;", tail)[0]
            change = _CHANGE.search(tail_clause)
            tail_for_period = tail_clause[: change.start()] if change else tail_clause
            tail_periods = _periods(tail_for_period, year)
            if lead_periods:
                period = lead_periods[-1].text
            elif tail_periods:
                period = tail_periods[0].text
            else:
                carried = prev_period if s.paragraph == prev_trade_paragraph else ""
                period = sentence_period or carried
            if not period:
                continue
            change_pct = None
            basis = ""
            if change and change.start() < 40:
                change_pct = float(change.group(3))
                if _NEGATIVE.search(change.group(1)):
                    change_pct = -change_pct
                if change.group(4) and change.group(5):
                    basis = f"{change.group(4)} {change.group(5)}".lower()
                    basis = re.sub(r"\s+", " ", basis)
                    if "last year" in basis and year:
                        basis = basis.replace("last year", str(year - 1))
            figures.append(_figure(period, metric, value, qualifier, change_pct, basis, stated_by))
            sentence_period, sentence_metric = period, metric
        prev_metric = sentence_metric or prev_metric
        prev_period = sentence_period or prev_period
        prev_trade_paragraph = s.paragraph
    out: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for f in figures:
        key = (f["period"], f["metric"], f["usd_millions"], f["change_pct"], f["qualifier"])
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _figure(
    period: str,
    metric: str,
    value: float | None,
    qualifier: str,
    change: float | None,
    basis: str,
    stated_by: str,
) -> dict[str, Any]:
    return {
        "period": period,
        "metric": metric,
        "usd_millions": value,
        "qualifier": qualifier,
        "change_pct": change,
        "change_basis": basis,
        "stated_by": stated_by,
        "note": "",
    }


def _stated_by(s: _Sentence, host: Person | None, guest: Person | None, outlet: str) -> str:
    quoted = re.search(
        r"\b(?:according to (?:him|the|[A-Z])|said|noted|stated|told|added)\b", s.text, re.I
    )
    if not quoted:
        return f"{outlet} (report text)" if outlet else "report text"
    person = guest if s.speaker == "guest" else host
    return person.name if person else ""


_GOODS_VERB = r"(?:(?:are|were)\s+dominated\s+by|were|are|was|is|included|include|consisted\s+of)"
_GOODS_LIST = re.compile(
    r"(?:(?P<exp>(?:key|main|major|principal|primary|top)\s+exports?|exports?)\s+(?:items\s+)?"
    rf"(?:(?:to|from)\s+(?:the\s+)?[\w ]{{1,30}}?\s+)?{_GOODS_VERB}|"
    r"(?P<imp>(?:key|main|major|principal|primary|top)\s+imports?|imports?)\s+"
    rf"(?:(?:to|from)\s+(?:the\s+)?[\w ]{{1,30}}?\s+)?{_GOODS_VERB}|"
    r"(?P<sup>(?:Belarus|Belarusian\s+\w+)\s+(?:supplies|supplied|sells|ships)\s+"
    r"[A-Z][\w’' ]*?\s+with)|"
    r"(?P<buy>(?:Belarus|Belarusian\s+\w+|it)\s+(?:purchases?|buys?|imports?)(?:\s+from\s+Belarus)?))"
    r"\s+(?:primarily|mainly|mostly|chiefly|largely)?\s*(?:large\s+volumes\s+of|a\s+wide\s+range\s+"
    r"of|such\s+goods\s+as)?\s*"
    r"(?P<list>(?:(?!\bwhile\b|,\s+and\s+(?:buys|imports|exports|sells|purchases|it|the)\b)"
    r"[^.;”\"])+)",
    re.I,
)


def _split_goods(text: str) -> list[str]:
    text = re.sub(
        r"\s+(?:to|from)\s+(?:the\s+)?(?:Russian\s+region|[A-Z]\w+(?:\s+Oblast)?)\b.*$", "", text
    ).strip()
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+(?=[\w-]+\s*$)", text)]
    items: list[str] = []
    for part in parts:
        if not part:
            continue
        joins = re.fullmatch(r"(?:or\s+|and\s+)?\w+ing", part) and re.search(
            r"\bfor\b.*ing$", items[-1] if items else ""
        )  # "appliances for lifting, moving, or unloading" is one item
        if items and (joins or part in ("etc",)):
            items[-1] = f"{items[-1]}, {part}"
            continue
        items.append(part)
    # "trucks, furniture and metal structures": no comma before the last "and"
    oxford = re.search(r",\s*(?:and|or)\s+[^,]*$", text)
    if len(items) > 1 and not oxford and " and " in items[-1]:
        last = items.pop()
        items += last.split(" and ", 1)
    # "insulated, copper and aluminum wire": the last noun belongs to every adjective
    if len(items) > 1 and all(len(i.split()) == 1 and not i.endswith("s") for i in items[:-1]):
        tail = items[-1].split()
        if len(tail) >= 2:
            noun = tail[-1]
            head = " ".join(tail[:-1])
            adjectives = [*items[:-1], *re.split(r"\s+and\s+", head)]
            items = [f"{a} {noun}" for a in adjectives]
    return [i for i in items if i and len(i) < 120]


def _goods(sentences: list[_Sentence]) -> tuple[list[str], list[str]]:
    exports: list[str] = []
    imports: list[str] = []
    for s in sentences:
        for m in _GOODS_LIST.finditer(s.text):
            items = _split_goods(m.group("list"))
            importing = bool(m.group("imp") or m.group("buy"))
            head = m.group(0)[: m.start("list") - m.start()]
            if re.search(r"\b(?:to|from)\s+Belarus\b", head) or _russian_side(
                s.text, m.start(), m.start() + 1
            ):
                importing = not importing  # "Tatarstan's exports to Belarus are ..."
            target = imports if importing else exports
            for item in items:
                if item.lower() not in (i.lower() for i in target):
                    target.append(item)
    return exports, imports


def _sectors_of(
    found: list[tuple[str, int, int, bool]], paragraph_sectors: set[str]
) -> list[tuple[str, int, int]]:
    """The sectors a sentence raises: weak cues only where nothing specific is said in the
    sentence or its paragraph, and no sector another one in the sentence subsumes."""
    strong = {sector for sector, _, _, weak in found if not weak}
    sectors: list[tuple[str, int, int]] = []
    for sector, start, end, weak in found:
        if weak and (strong or paragraph_sectors):
            continue
        if any(sector in _SUBSUMES.get(o, ()) for o in strong):
            continue
        if sector == "machinery-equipment" and paragraph_sectors & _MACHINES:
            continue
        if sector not in (x[0] for x in sectors):
            sectors.append((sector, start, end))
    return sectors


def _proposals(
    sentences: list[_Sentence], host: Person | None, guest: Person | None
) -> list[dict[str, Any]]:
    """One proposal per sector raised in a sentence that proposes something; the sentences
    that carry on the same idea add to it rather than start another."""
    matched: list[list[tuple[str, int, int, bool]]] = []
    in_paragraph: dict[int, set[str]] = {}
    for s in sentences:
        skip = bool(_AMOUNT.search(s.text)) or bool(_GOODS_SENTENCE.search(s.text))
        found = [] if skip else sector_matches(s.text)
        matched.append(found)
        in_paragraph.setdefault(s.paragraph, set()).update(x[0] for x in found if not x[3])
    proposals: list[dict[str, Any]] = []
    recent: dict[str, dict[str, Any]] = {}  # sector -> proposal, while the idea runs on
    last: dict[str, Any] | None = None
    for s, found in zip(sentences, matched, strict=True):
        sectors = _sectors_of(found, in_paragraph[s.paragraph])
        enterprises = find_enterprises(s.text)
        by = (guest if s.speaker == "guest" else host) or Person("", "", "")
        if not sectors or not _PROPOSAL_CUE.search(s.text) or _NOT_PROPOSAL.search(s.text):
            # A sentence that goes on about the proposal before it ("We have enterprises such
            # as Integral, BelOMO ...") lends it the enterprises it names.
            if enterprises and last is not None and s.paragraph - last["_paragraph"] <= 1:
                target = next((recent[x[0]] for x in sectors if x[0] in recent), None)
                if target is None and not sectors and s.paragraph == last["_paragraph"]:
                    target = last
                if target is not None:
                    target["enterprises"] += [
                        e for e in enterprises if e not in target["enterprises"]
                    ]
            continue
        if not set(recent) & {x[0] for x in sectors}:
            recent = {}
        status = next((name for name, rx in _STATUS if rx.search(s.text)), "proposed")
        for sector, start, end in sectors:
            spans = [(a, b) for x, a, b in sectors if x != sector]
            p = recent.get(sector)
            if p and s.paragraph - p["_paragraph"] <= 1 and p["proposed_by"] == by.name:
                if s.text not in p["detail"]:
                    p["detail"] += " " + s.text
                p["enterprises"] += [e for e in enterprises if e not in p["enterprises"]]
            else:
                p = {
                    "id": "",
                    "meeting_id": "",
                    "sector": sector,
                    "title": _title(s.text, start, end, sector, spans),
                    "detail": s.text,
                    "proposed_by": by.name,
                    "enterprises": list(enterprises),
                    "status": status,
                    "quote": _quote(s.text),
                }
                proposals.append(p)
                recent[sector] = p
            p["_paragraph"] = s.paragraph
            last = p
    for p in proposals:
        p.pop("_paragraph", None)
    return proposals


def _quote(sentence: str) -> str:
    m = re.search(r"[“\"]([^”\"]{12,})[”\"]", sentence)
    return m.group(1).strip().rstrip(",") if m else ""


_LEAD_PHRASES = re.compile(
    r"^(?:first\s+and\s+foremost|the\s+head\s+of\s+state|the\s+president|the\s+belarusian\s+(?:side|leader)|"
    r"the\s+parties|would\s+like\s+to|paid\s+particular\s+attention\s+to|touched\s+(?:up)?on)\s+",
    re.I,
)
_LEAD_WORDS = set(
    [
        "that",
        "then",
        "also",
        "so",
        "therefore",
        "now",
        "here",
        "first",
        "firstly",
        "second",
        "secondly",
        "third",
        "thirdly",
        "i",
        "he",
        "she",
        "we",
        "you",
        "they",
        "it",
        "this",
        "there",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "need",
        "needs",
        "can",
        "could",
        "should",
        "will",
        "must",
        "be",
        "being",
        "been",
        "believe",
        "think",
        "know",
        "noted",
        "said",
        "mentioned",
        "suggested",
        "proposed",
        "named",
        "called",
        "highlighted",
        "emphasized",
        "emphasised",
        "to",
    ]
)


def _trim_lead(clause: str) -> str:
    """Drop the subject and verbs that open a clause ("we can also ..."), keeping 3 words."""
    while True:
        m = _LEAD_PHRASES.match(clause)
        if m and len(clause[m.end() :].split()) >= 3:
            clause = clause[m.end() :]
            continue
        first, _, rest = clause.partition(" ")
        if first.lower() in _LEAD_WORDS and len(rest.split()) >= 3:
            clause = rest
            continue
        return clause


def _title(
    sentence: str, start: int, end: int, sector: str, others: Sequence[tuple[int, int]] = ()
) -> str:
    """A short title: the clause the sector's phrase sits in (the part of it about this
    sector when the clause names others too), or "Cooperation in <item>" for a list item."""
    left = max(sentence.rfind(c, 0, start) for c in ',;:“”"(—–')
    right_candidates = [i for i in (sentence.find(c, end) for c in ',;:“”")—–.') if i >= 0]
    right = min(right_candidates) if right_candidates else len(sentence)
    if any(left < a and b <= right for a, b in others):
        # "microelectronics and lift production": the part with this sector's words
        for m in re.finditer(r"\s+(?:and|or)\s+", sentence[left + 1 : right]):
            at = left + 1 + m.start()
            if at < start:
                left = left + m.end()
            elif at >= end:
                right = at
                break
    clause = sentence[left + 1 : right].strip()
    clause = re.sub(
        r"^(?:and|or|but|as well as|such as|including|in particular|which is|that is|namely)\s+",
        "",
        clause,
        flags=re.I,
    )
    if len(clause.split()) <= 3:
        item = clause or sentence[start:end]
        clause = f"Cooperation in {item}"
    else:
        cue = re.search(
            r"\b(?:propos\w+|suggest\w+|offer\w*|ready to|interested in|"
            r"called for|focus\w* on|importance of)\s+",
            clause,
            re.I,
        )
        if cue and cue.end() < start - (left + 1):
            clause = clause[cue.end() :]
        clause = _trim_lead(clause)
    if len(clause) > 100:  # cut at a word; the whole sentence is in the detail
        clause = clause[:100].rsplit(" ", 1)[0]
    clause = clause.strip(" .,")
    return (clause[:1].upper() + clause[1:]) or SECTORS_BY_ID[sector].label
