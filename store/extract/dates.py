"""Dates as articles write them: "20 October 2025", "12th of March", "March 28", ISO, dotted,
slashed."""

from __future__ import annotations

import datetime as dt
import re

from msgspec import Struct

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
# English pages of Belarusian sites often show their date in Russian: "24 марта 2020"
MONTHS.update(
    {
        name: i + 1
        for i, name in enumerate(
            (
                "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                "сентября", "октября", "ноября", "декабря",
            )
        )
    }
)  # fmt: skip


MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|"
    r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\.?"
)


DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+|\s*/\s*)(?:of\s+)?({MONTH})(?:,?\s+(\d{{4}}))?\b",
    re.I,
)  # "20 October 2025", "12th March 2019", "the 1st of April", a page's "12 /December 2014"


MONTH_DAY_YEAR = re.compile(
    rf"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I
)


# Days of a visit: "5-6 December 2021", "5 and 6 December", "December 5-6, 2021", "from 5 to 7
# December": the first day is the meeting's
_TO = r"\s*(?:-|–|—|to|and|through)\s*"
DAY_RANGE_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?{_TO}(?P<last>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH})"
    rf"(?:,?\s+(\d{{4}}))?\b",
    re.I,
)
MONTH_DAY_RANGE_YEAR = re.compile(
    rf"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?{_TO}\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"(?:,?\s+(\d{{4}}))?",
    re.I,
)


ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?:\b|(?=T\d))")  # "2021-12-07T10:00"


# A month and its year, no day: a page's "December 2019"
MONTH_YEAR = re.compile(rf"\b({MONTH})\s+((?:19|20)\d\d)\b", re.I)
DOTTED_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


# "2019/03/12", "2019.03.12"; "12/03/2019" or "12-03-2019" only when day and month cannot be
# mistaken (one of them above 12, or both the same): outlets write both day/month and month/day
SLASHED_YMD = re.compile(r"\b(\d{4})([/.])(\d{1,2})\2(\d{1,2})\b")
SLASHED_DMY = re.compile(r"\b(\d{1,2})([/-])(\d{1,2})\2(\d{4})\b")


DATE_LINE = re.compile(
    r"^\s*(date|published|publication\s+date)\s*[:\s]\s*(\d{4}-\d{2}-\d{2})\b\s*", re.I
)  # "date 2025-07-21" is the meeting's; "Published: 2025-04-03" the page's


YEAR = re.compile(r"\b(19[89]\d|20\d\d)\b")


class DayMonth(Struct, frozen=True):
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
    taken = bytearray(len(text))  # characters already read as part of a date

    def add(start: int, end: int, d: int, m: int, y: int | None) -> None:
        if taken.find(1, start, end) >= 0 or not (1 <= m <= 12 and 1 <= d <= 31):
            return
        taken[start:end] = b"\x01" * (end - start)
        found.append(DayMonth(d, m, y, start))

    for m in ISO_DATE.finditer(text):
        add(m.start(), m.end(), int(m.group(3)), int(m.group(2)), int(m.group(1)))
    for m in DOTTED_DATE.finditer(text):
        add(m.start(), m.end(), int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for m in SLASHED_YMD.finditer(text):
        add(m.start(), m.end(), int(m.group(4)), int(m.group(3)), int(m.group(1)))
    for m in SLASHED_DMY.finditer(text):
        a, b = int(m.group(1)), int(m.group(3))
        if a > 12 or a == b:  # day first
            add(m.start(), m.end(), a, b, int(m.group(4)))
        elif b > 12:  # month first
            add(m.start(), m.end(), b, a, int(m.group(4)))
    for m in DAY_RANGE_MONTH_YEAR.finditer(text):
        year = int(m.group(4)) if m.group(4) else None
        add(m.start(), m.end(), int(m.group(1)), MONTHS[m.group(3).lower().rstrip(".")], year)
    for m in MONTH_DAY_RANGE_YEAR.finditer(text):
        year = int(m.group(3)) if m.group(3) else None
        add(m.start(), m.end(), int(m.group(2)), MONTHS[m.group(1).lower().rstrip(".")], year)
    for m in DAY_MONTH_YEAR.finditer(text):
        month = MONTHS[m.group(2).lower().rstrip(".")]
        year = int(m.group(3)) if m.group(3) else None
        add(m.start(), m.end(), int(m.group(1)), month, year)
    for m in MONTH_DAY_YEAR.finditer(text):
        month = MONTHS[m.group(1).lower().rstrip(".")]
        year = int(m.group(3)) if m.group(3) else None
        add(m.start(), m.end(), int(m.group(2)), month, year)
    return sorted(found, key=lambda d: d.start)


def valid_iso(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


# A date in a page's address: "/2023/05/03/", "/2024-12-23/", "/20190312/", "/2016/october/", a slug
# ending in its year ("...-trade-156790-2024"), or a Unix time of publication
# ("...-vladimirom-1699440224", "/en/1427976975-alexander-...")
_URL_YMD = re.compile(r"(?<![\d])((?:19|20)\d\d)[/_-](\d{1,2})[/_-](\d{1,2})(?![\d])")
# written as one number, a segment of its own: "/20190312/1551234567.html" (RIA, Sputnik)
_URL_COMPACT_YMD = re.compile(r"/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=/)")
_URL_YEAR_MONTH = re.compile(rf"/((?:19|20)\d\d)/({MONTH}|\d{{1,2}})/", re.I)
_URL_SLUG_YEAR = re.compile(r"-\d{3,}-((?:19|20)\d\d)/?(?:$|[?#])")
_URL_EPOCH = re.compile(r"(?<![\w])(1\d{9})(?![\d])")
_EPOCH_FROM, _EPOCH_TO = 1_000_000_000, 2_100_000_000  # 2001 to 2036


class UrlDate(Struct, frozen=True):
    """What a page's address tells of when it was published: a day (ISO), or a year and
    perhaps a month; ``stamp`` when the day is read from a Unix time, which needs the text to
    agree with it before it is used."""

    day: str | None = None
    year: int | None = None
    month: int | None = None
    stamp: bool = False


def url_date(url: str) -> UrlDate:
    """The publication date a page's address gives, if any (see :class:`UrlDate`)."""
    path = re.sub(r"^[a-z]+://[^/]*", "", url.strip(), flags=re.I)
    if not path:
        return UrlDate()
    m = _URL_YMD.search(path) or _URL_COMPACT_YMD.search(path.split("?", 1)[0])
    if m:
        day = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        if valid_iso(day):
            return UrlDate(day, int(day[:4]), int(day[5:7]))
    m = _URL_YEAR_MONTH.search(path)
    if m:
        word = m.group(2).lower().rstrip(".")
        month = MONTHS.get(word) or (int(word) if word.isdigit() else 0)
        if 1 <= month <= 12:
            return UrlDate(None, int(m.group(1)), month)
    m = _URL_SLUG_YEAR.search(path)
    if m:
        return UrlDate(None, int(m.group(1)))
    for m in _URL_EPOCH.finditer(path):
        seconds = int(m.group(1))
        if _EPOCH_FROM <= seconds < _EPOCH_TO:
            when = dt.datetime.fromtimestamp(seconds, dt.UTC).date()
            return UrlDate(when.isoformat(), when.year, when.month, stamp=True)
    return UrlDate()
