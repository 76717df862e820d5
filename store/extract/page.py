"""A pasted page made readable: junk lines, repeats and escape codes out; sentences split."""

from __future__ import annotations

import re

from msgspec import Struct, field

from ..regions import fold
from ..text import CONTROL_CHARS
from .dates import (
    DATE_LINE,
    DAY_MONTH_YEAR,
    DOTTED_DATE,
    ISO_DATE,
    MONTH_DAY_YEAR,
    MONTH_YEAR,
    SLASHED_DMY,
    SLASHED_YMD,
    valid_iso,
)


class Article(Struct):
    """A page split into what the extractor reads."""

    header: list[str]
    headline: str
    paragraphs: list[str]
    date_line: str | None = None
    urls: list[str] = field(default_factory=list)
    dropped: int = 0  # junk lines and repeated paragraphs left out
    # The sentences of each paragraph: what split_sentences gives for it (a paragraph is the
    # sentences of a line kept, joined with a space, and splits again just there).
    sentences: list[list[str]] = field(default_factory=list)
    # A short line heading a paragraph of the body ("Construction" between two paragraphs):
    # the paragraph's index and the heading
    headings: dict[int, str] = field(default_factory=dict)
    # Lines under the body that say when the page was published ("Published: 05.12.2019"):
    # the page's date where the header gives none
    published_after: list[str] = field(default_factory=list)


_JUNK = re.compile(
    r"^(?:follow us|share|subscribe|read (?:also|more)|recent news|related|tags?\b|all news|"
    r"written by|print|comments?|advertis|cookie|copyright|©|main\s*/|home\s*/|menu|search|"
    r"photo|video|source:?$|more news|latest news|top news|see also)",
    re.I,
)


# A line that says it gives the page's date: "Published: 05.12.2019", "Posted on 5 December"
_PUBLISHED_LABEL = re.compile(
    r"^\s*(?:published|posted|date\s+of\s+publication|publication\s+date)\b", re.I
)


# What follows an article that is not its own: other items, comments (their dates are theirs)
_OTHER_ITEMS_HEAD = (
    r"related|read\s+(?:also|more)|more\s+news|latest\s+news|top\s+news|see\s+also|"
    r"recent\s+news|most\s+(?:read|popular)|comments?\b"
)
_OTHER_ITEMS = re.compile(rf"^(?:{_OTHER_ITEMS_HEAD}|\d+\s+comments?\b)", re.I)
_PUBLISHED_REACH = 4  # lines under the last paragraph a "Published: ..." line may be


_SENTENCE_END = re.compile(r"[.!?…\"”’»)]\s*$")
_STOP_INSIDE = re.compile(r"[a-z)][.!?]\s+[A-Z]")


_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")


_SOURCE_LINE = re.compile(r"(?:(?:source|url|link|read\s+more)\s*:\s*)?(https?://\S+)", re.I)


_CONTROL = CONTROL_CHARS  # the same set the interface makes visible


_SPACES = re.compile(r"\s+")
_BROKEN_NUMBER = re.compile(r"(\d)\.\n(\d)")
_NON_WORDS = re.compile(r"\W+")


_REPORTING = re.compile(
    r"\b(?:met|meets)\s+with\b|\bheld\s+talks\b|\bhas\s+learned\b|\b(?:said|noted|stated|told)\b|"
    r"\b(?:a|the)\s+meeting\s+with\b"
)


def _words(line: str) -> int:
    return len(line.split())


_CAPITALISED = re.compile(r"(?<![\w’'-])[A-Z]")


def _running_text(line: str) -> bool:
    """Whether a line reads as prose: at most a third of its words capitalised."""
    return len(_CAPITALISED.findall(line)) * 3 <= _words(line)


_DATE_BAR = re.compile(r"^\s*([^|•·]{4,40}?)\s*[|•·]\s*\S")


def _is_dateish(line: str) -> bool:
    """A line that is a date (and maybe a weekday, a time, a word like "Flag"), no more; or a
    date set off from a byline ("14.03.2024 | Press service of the Governor")."""
    byline = _DATE_BAR.match(line)
    if byline and _is_dateish(byline.group(1)):
        return True
    rest = DAY_MONTH_YEAR.sub(" ", line)
    rest = MONTH_DAY_YEAR.sub(" ", rest)
    rest = ISO_DATE.sub(" ", rest)
    rest = DOTTED_DATE.sub(" ", rest)  # "04.09.2025 18:42"
    rest = SLASHED_YMD.sub(" ", SLASHED_DMY.sub(" ", rest))  # "25/03/2019 14:30"
    rest = MONTH_YEAR.sub(" ", rest)  # a page's "December 2019"
    rest = re.sub(
        r"\b\d{1,2}:\d{2}(?::\d{2})?\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
        # "Posted: 27.05.2024 12:34:00", "Date of publication: 12 November 2022"
        r"^\s*(?:posted|published|updated|created|date(?:\s+of\s+(?:publication|issue))?)\b",
        " ",
        rest,
        flags=re.I,
    )
    if rest == line:
        return False
    left = re.sub(r"[^\w]+", " ", rest)
    if _words(left) <= 1:
        return True
    # "7 December 2021 17:05 | Views: 1234", "Posted on 7 December 2021 by admin", "Source:
    # BelTA, 07.12.2021": the page's own words about the item, and a name
    left = _PAGE_META.sub(" ", left)
    if len(line) <= 80 and _words(left) <= 1:
        return True
    return _furniture_with_date(line)


# The parts of a page's line of furniture: "Belarus News | 15.03.2024", "Home / News / 15 March"
_SEPARATOR = re.compile(r"\s+[|/·•—–]\s+|\s*[|·•]\s*")
# Who wrote it, beside the date: "By Ivan Petrov", "Author: Ivan Petrov", "March 15, 2024 by ..."
_BYLINE_PART = re.compile(
    r"^(?:(?:by|author|authors|written\s+by|text)\s*:?\s+)(?:[A-Z][\w.'’-]*\s*){1,3}$", re.I
)
_BYLINE_AFTER = re.compile(r"\s+by\s+(?:[A-Z][\w.'’-]*\s*){1,3}$")
_MENU_WORD = re.compile(r"^(?:[A-Z][\w'’&-]*|and|of|the|&)$")


def _furniture_with_date(line: str) -> bool:
    """A line of the page's own furniture with a date in it: the date beside a byline
    ("By Ivan Petrov | March 15, 2024", "March 15, 2024 by Ivan Petrov") or beside a
    section's or a menu's few capitalised words ("Belarus News | 15.03.2024", "Home / News /
    Politics / 15 March 2024"); not a headline that ends in a date."""
    if len(line) > 100:
        return False
    byline = _BYLINE_AFTER.search(line)
    if byline and _is_dateish(line[: byline.start()]):
        return True
    parts = [p for p in _SEPARATOR.split(line) if p.strip()]
    if len(parts) < 2:
        return False
    dated = [p for p in parts if _is_dateish(p)]
    if len(dated) != 1:
        return False
    for part in parts:
        if part is dated[0] or _BYLINE_PART.match(part.strip()):
            continue
        words = part.split()
        if len(words) > 3 or not all(_MENU_WORD.match(w) for w in words):
            return False
    return True


_PAGE_META = re.compile(
    r"\b(?:views?|comments?|reads?|source|by|on|at|posted|published|updated|created|date|"
    r"time|min|minutes?|print|share|admin|editor|author|\d+)\b",
    re.I,
)


# A heading over a paragraph: a few words, capitalised, no figures or stops ("Construction",
# "Agriculture and food industry")
_HEADING = re.compile(r"[A-Z][a-z-]+(?:,?\s+(?:and\s+)?[A-Za-z][a-z-]+){0,3}")


# The words a sentence cannot end with: a line ending in one goes on in the next
_OPEN_END = re.compile(
    r"\b(?:to|of|the|a|an|and|or|in|with|for|by|on|at|from|as|that|which|than|its|their|"
    r"his|her|our|this|these|between|into|about|under|over)$",
    re.I,
)


def _unwrap(lines: list[str]) -> list[str]:
    """Join the lines of a hard-wrapped paragraph (text copied from an old page, a mail or a
    PDF, broken at 70 characters or so), which would otherwise each read as a headline or a
    menu: a long line that ends mid-sentence goes on in the next when that one starts in
    lower case (and is no byline, photo credit or menu word), or when both read as running
    text and the first ends in a word no sentence ends with. Nothing is joined once a list
    of other headlines begins after the body ("Related news"). Each line is looked at once
    (the joined paragraph is kept as its parts)."""
    out: list[list[str]] = []  # each: the parts of one line as it will be read
    last = ""  # the last physical line of out[-1]
    body_seen = ended = False
    for raw in lines:
        line = raw.strip()
        if line and out and last and not ended and _goes_on(last, line):
            out[-1].append(line)
            last = line
            continue
        out.append([raw])
        last = line
        if line:
            if body_seen and _END_OF_ARTICLE.match(line):
                ended = True
            body_seen = body_seen or (bool(_SENTENCE_END.search(line)) and _words(line) >= 6)
    return [parts[0] if len(parts) == 1 else " ".join(p.strip() for p in parts) for parts in out]


# What follows an article, not part of it
_END_OF_ARTICLE = re.compile(rf"^(?:{_OTHER_ITEMS_HEAD}|tags?\b)", re.I)
# An exchange rate ("3.42 RUB", "3,63 EUR"): a site's rates box, and the date beside it its own
_RATE = re.compile(r"\d+[.,]\d+\s+(?:RUB|USD|EUR|BYN|BYR|CNY|UAH|KZT|PLN|GBP)\b")
# A short line under a headline that is no part of a sentence: "by Ivan Sidorov", "photo: ..."
_BYLINE = re.compile(r"^(?:by(?:\s+\S+){1,3}$|(?:photo|photos|source|author|video)\b)", re.I)


def _goes_on(last: str, line: str) -> bool:
    """Whether ``line`` goes on the sentence a wrapped line ``last`` broke off."""
    if (
        len(last) < 45
        or _words(last) < 7
        or _SENTENCE_END.search(last)
        or last.endswith(":")
        or DATE_LINE.match(line)
        or _SOURCE_LINE.fullmatch(line)
        or _JUNK.match(line)
        or _BYLINE.match(line)
    ):
        return False
    if line[0].islower():
        if _words(line) < 4 and not _SENTENCE_END.search(line):
            return False  # "share", "tweet": a menu word, not the end of a sentence
    elif not (_OPEN_END.search(last) and _running_text(last) and _running_text(line)):
        return False
    return not _is_dateish(line)


# A double quote where a possessive's apostrophe belongs: after a letter and before "s " or
# "t " ("region"s plans", "don"t"), or after a country before a post ("Belarus" Minister of
# Agriculture"): a page's typography, not a quotation
_QUOTE_APOSTROPHE = re.compile(
    r"(?<=[a-z])\"(?=[st]\b)|(?:(?<=[^\"“]\bBelarus)|(?<=[^\"“]\bRussia))\"(?=\s+(?:Minister|Prime|President|"
    r"Deputy|First|Ambassador|Governor|Head|Chairman|delegation|side|government|leader)\b)"
)


def clean(text: str) -> Article:
    """Split a pasted page into header, headline and body paragraphs, dropping junk."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _ANSI.sub("", text.lstrip("\ufeff"))  # terminal escape sequences, a byte-order mark
    text = _CONTROL.sub(" ", text)
    # a number broken across lines at its decimal point ("$6.\n2 million"): one number
    text = _BROKEN_NUMBER.sub(r"\1.\2", text)
    if '"' in text:  # a double quote typed for an apostrophe: "Belarus" Minister", "region"s"
        text = _QUOTE_APOSTROPHE.sub("’", text)
    urls: list[str] = []
    header: list[str] = []
    headline = ""
    paragraphs: list[str] = []
    sentences: list[list[str]] = []
    date_line: str | None = None
    seen_sentences: set[str] = set()
    sidebar = False  # past a list of other items, before the body
    dropped = 0
    kept_at = previous_at = -1  # the last line kept as a paragraph, the last line read
    prev = -1
    heading, heading_at = "", -1  # a short line right under a paragraph, and where
    headings: dict[int, str] = {}
    published_after: list[str] = []
    past_article = False  # past the body, into other items (related news, comments)
    lines = _unwrap(text.split("\n"))
    last = max((i for i, raw in enumerate(lines) if raw.strip()), default=-1)
    for at, raw in enumerate(lines):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            continue
        m = DATE_LINE.match(line)
        if m:
            line = line[m.end() :].strip()
            if _RATE.match(line):  # "date 2019-12-13 3.42 RUB": a site's exchange-rate box
                dropped += 1
                continue
            if valid_iso(m.group(2)):
                if m.group(1).lower() == "date":
                    date_line = m.group(2)
                else:
                    header.append(m.group(2))
            else:
                dropped += 1  # "date 2025-13-45": not a date
            if not line:
                continue
        follows_body = bool(paragraphs) and kept_at == previous_at
        prev, previous_at = previous_at, at
        source = _SOURCE_LINE.fullmatch(line)
        if source:  # the page's own address: a line of its own, not a link in the text
            urls.append(source.group(1))
            continue
        is_sentence = (
            (bool(_SENTENCE_END.search(line)) and _words(line) >= 6)
            or (
                # an item of a list the body goes on with ("the parties discussed the following
                # directions of cooperation:" then "- deliveries of MAZ buses for the city;")
                follows_body and line.endswith((";", ",")) and _words(line) >= 5
            )
            or (
                # "Dmitry Matusevich, Chairman of the State Property Committee:" introduces a quote
                line.endswith(":") and _words(line) >= 5
            )
            or (
                # a lead paragraph that lost its full stop is still body; a long headline is not
                _words(line) >= 25 or (_words(line) >= 12 and bool(_REPORTING.search(line)))
            )
            or (
                # the page's last line, cut off where the page was (most retrieved pages end
                # mid-sentence): long, and in running text, not a headline's capitals
                at == last
                and bool(paragraphs)
                and _running_text(line)
                # (or shorter, when a whole sentence ends before the cut: "Apart from that,
                # Belarus produces foodstuffs. He expressed")
                and (
                    _words(line) >= 15
                    or (
                        _words(line) >= 8
                        # (or right under a paragraph of the body, not under a list of
                        # other items: "In 2015 the trade ... totaled $202.2 m")
                        and (bool(_STOP_INSIDE.search(line)) or follows_body)
                    )
                )
            )
        )
        if not paragraphs and not is_sentence:
            if _END_OF_ARTICLE.match(line):
                sidebar = True  # "Most read", "Related news": other items' dates follow
            if _is_dateish(line):
                if not sidebar:
                    header.append(line)
            elif _words(line) >= 5 and not _JUNK.match(line):
                headline = line  # the last title-like line before the body
            else:
                dropped += 1
            continue
        if not is_sentence:
            # After the body has begun, short unpunctuated lines are menus, share buttons
            # or other headlines; one right under a paragraph and over the next may head it
            # ("Construction", a key area the report goes on to tell of)
            if _OTHER_ITEMS.match(line):
                past_article = True  # ("Related news", comments: their dates are theirs)
            elif follows_body and _HEADING.fullmatch(line):
                heading, heading_at = line, at
            elif (
                not past_article
                and at - kept_at <= _PUBLISHED_REACH
                and _PUBLISHED_LABEL.match(line)
                and _is_dateish(line)
            ):
                published_after.append(line)  # (it says what it is: the page's date)
            dropped += 1
            continue
        if _JUNK.match(line):
            dropped += 1
            continue
        # Drop sentences already seen (pages repeat paragraphs, whole or in part).
        kept = []
        for sentence in split_sentences(line):
            key = fold(_NON_WORDS.sub(" ", sentence)).strip()
            if key in seen_sentences and len(key) > 20:
                continue
            seen_sentences.add(key)
            kept.append(sentence)
        if not kept:
            dropped += 1
            continue
        paragraphs.append(" ".join(kept))
        sentences.append(kept)
        if heading and heading_at == prev:  # (the one line between two paragraphs)
            headings[len(paragraphs) - 1] = heading
        kept_at = at
    return Article(
        header, headline, paragraphs, date_line, urls, dropped, sentences, headings, published_after
    )


_ABBREVIATIONS = re.compile(
    r"(?:\b(?:U\.S|U\.K|Mr|Mrs|Ms|Dr|St|No|Jr|Sr|Gen|Gov|Prof|vs|etc|e\.g|i\.e|Inc|Ltd|Co|"
    r"approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|\b[A-Z]\.)$"
)


# (a sentence may open with a few signs before its capital: a quote mark, a bracket, a dash
# and its space, "␛[31m" left of a terminal's colour code)
_SPLIT = re.compile(r"(?<=[.!?…])[\"”’»]?\s+(?=(?:[^\w\s]{1,3}\s?)?[A-Z0-9])")


# The longest text _ABBREVIATIONS can match ("approx." and the character before it), with room.
_ABBREVIATION_REACH = 16


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of a paragraph; "U.S. President", "John F. Kennedy" and "etc." don't split."""
    parts: list[str] = []
    pos = 0
    for m in _SPLIT.finditer(paragraph):
        # The text before a break ends with its full stop (the break's look-behind), so only
        # its last few characters can be an abbreviation: look there, not at the whole text
        # since the last break (which grows with every "A. B. C." that does not split).
        if _ABBREVIATIONS.search(paragraph, max(pos, m.start() - _ABBREVIATION_REACH), m.start()):
            continue
        parts.append(paragraph[pos : m.end()].strip())
        pos = m.end()
    parts.append(paragraph[pos:].strip())
    return [p for p in parts if p]


class Taken:
    """Which characters of a text a longer match has claimed (linear, not pairwise)."""

    def __init__(self, size: int) -> None:
        self.mask = bytearray(size)

    def claim(self, start: int, end: int) -> bool:
        """Claim start..end unless part of it is taken; True when claimed."""
        if self.mask.find(1, start, end) >= 0:
            return False
        self.mask[start:end] = b"\x01" * (end - start)
        return True


class Sentence(Struct):
    text: str
    paragraph: int
    speaker: str  # "host", "guest", or "both" (the sides together)
