"""The draft: :func:`extract` runs the steps over an article and assembles the meeting."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from msgspec import Struct, field

from ..ids import draft_id
from ..model import Meeting
from ..regions import Region, find_region, fold
from ..text import one_line
from .dates import (
    DAY_RANGE_MONTH_YEAR,
    MONTH,
    MONTH_YEAR,
    MONTHS,
    YEAR,
    DayMonth,
    UrlDate,
    find_dates,
    url_date,
)
from .needs import may_match
from .officials import (
    held_in,
    named_officials,
    named_regional_heads,
    official_posts,
    post_held,
    regional_head_posts,
)
from .page import Article, Sentence, clean
from .people import (
    MEETING_VERB,
    NAME_WORD,
    Person,
    find_people,
    is_post,
    person_refs,
    region_in,
    region_mentions,
)
from .proposals import add_heading_proposals, find_proposals
from .trade import find_goods, find_trade, part_year_ends


class Draft(Struct):
    """A drafted meeting: the record (JSON shape), what is missing and how it was decided."""

    meeting: dict[str, Any]
    missing: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"meeting": self.meeting, "missing": self.missing, "flags": self.flags}

    def to_meeting(self) -> Meeting:
        """The validated meeting (raises ``ValidationError`` naming the first bad field)."""
        return Meeting.from_dict(self.meeting)

    def missing_shown(self) -> str:
        """What was not found, as a reader names it ("URL", not "source.url")."""
        return missing_shown(self.missing)


def missing_shown(missing: list[str]) -> str:
    """Missing fields as a reader names them (see :meth:`Draft.missing_shown`)."""
    return ", ".join(_MISSING_NAMES.get(name, name) for name in missing)


# The missing fields' names as the form labels them (the record's paths read as a program's)
_MISSING_NAMES = {
    "source.outlet": "outlet",
    "source.published": "publication date",
    "source.url": "URL",
    "source.headline": "headline",
    "source.document": "document",
}


def _publication(article: Article) -> tuple[str | None, bool, str]:
    """(date, inferred, how) of publication, from the page header or a dateline; a line of
    when it was updated only if no other gives one; else a line under the text that says it
    gives the date of publication ("Published: 05.12.2019")."""
    for lines in (
        [line for line in article.header if not _UPDATED.search(line)],
        article.header,
    ):
        for line in reversed(lines):
            for d in find_dates(line):
                full = d.full()
                if full:
                    return full, False, "the page's date line"
    for line in article.published_after:
        for d in find_dates(line):
            full = d.full()
            if full:
                return full, False, "the page's date line under the text"
    return None, False, ""


_UPDATED = re.compile(r"\b(?:updated|modified|edited|changed)\b", re.I)


_DATELINE = re.compile(
    rf"^([A-Z][A-Za-z’' -]{{1,30}}),\s+(\d{{1,2}}\s+{MONTH}|{MONTH}\s+\d{{1,2}})"
    r"(?:,?\s+(\d{4}))?"
    r"\s*(?:\(([^)]{1,40})\)\s*[-–—]?|\.?\s*/([^/]{1,20})/\.?"
    r"|(?:\.|\s[-–—])\s+([A-Z][\w-]*(?:\s[A-Z][\w-]*)?)\.(?=\s)|[-–—]|\.(?=\s+[A-Z]))"
)  # "MINSK, 1 April (BelTA) -", "KAZAN, March 28. /TASS/.", "MINSK, Nov 12 - Sputnik.",
#    "MINSK, 5 February 2026. Belarusian President ...", "MINSK, 1 April (BelTA) Belarusian ..."


# A date opening the first paragraph, perhaps after the outlet's name: "April 3, BPN.",
# "OREANDA-NEWS. February 08, 2013.", "12 May 2022 -".
_LEAD_DATE = re.compile(
    # (the days of a visit, "July 5-7, 2024, the speaker was on a visit ...": its first)
    rf"^(?:[A-Z][A-Z-]+\.\s+)?(?:\d{{1,2}}(?:[-–]\d{{1,2}})?\s+{MONTH}|"
    rf"{MONTH}\s+\d{{1,2}}(?:[-–]\d{{1,2}})?)(?:,?\s+\d{{4}})?"
    r"\s*(?:[,.]|[-–—])\s"
    # a city and the day in figures: "Ulyanovsk, 12.03.2024. The governor ..."
    r"|^[A-Z][A-Za-z-]+(?:\s[A-Z][A-Za-z-]+)?,\s+\d{1,2}\.\d{1,2}\.\d{4}\s*(?:[,.]|[-–—])\s"
)


def _mentioned_years(text: str) -> list[int]:
    """The years a text speaks of, leaving out those of plans ("by 2030", the end of
    "2024-2026"), which say nothing about when it was written ("by the end of 2023" is kept
    where nothing around it speaks of a plan)."""
    plain = _PLAN_YEAR.sub(_unless_reported, text)  # ("By 2030, we plan ...")
    plain = _PLANNED_FOR.sub(" ", plain)  # "supposed to be commissioned in 2022"
    plain = re.sub(r"\b(\d{4})\s*[-–—]\s*\d{4}\b", r"\1", plain)
    return [int(y) for y in YEAR.findall(plain)]


_PLAN_YEAR = re.compile(
    r"\b(?:by|until|till|through|to|before)\s+(?P<end>the\s+end\s+of\s+)?(?:the\s+year\s+)?"
    r"\d{4}\b",
    re.I,
)
# Words of a plan or an aim around "by the end of <year>"
_AIMED = re.compile(
    r"\b(?:will|shall|plan\w*|expect\w*|aim\w*|target\w*|goal|task|intend\w*|should|must|"
    r"going\s+to|to\s+(?:reach|increase|bring|raise|double|grow|achieve|exceed|hit))\b",
    re.I,
)
_AROUND = 150  # characters read on each side of "by the end of <year>" for a plan's words


def _unless_reported(m: re.Match[str]) -> str:
    """Blank a year that a plan runs to, but keep "by the end of 2023" where the sentence
    reports how things stood then ("Belarus took second place by the end of 2023"): a year
    that is over, not one aimed at."""
    if m.group("end"):
        text = m.string
        # the sentence around it, as far as _AROUND on each side
        back = max(0, m.start() - _AROUND)
        start = max(text.rfind(".", back, m.start()) + 1, back)
        stop = text.find(".", m.end(), m.end() + _AROUND)
        if not _AIMED.search(text, start, stop if stop >= 0 else m.end() + _AROUND):
            return m.group(0)
    return " "


# Years together: "2024-2026" (a plan's, mostly)
_YEAR_SPAN = re.compile(r"\b\d{4}\s*[-–—]\s*\d{4}\b")
# This year's months against "the same period of 2022"
_SAME_PERIOD_OF = re.compile(r"\bsame\s+period\s+(?:of|in)\s+(\d{4})\b", re.I)
# A year something is planned for: "is supposed to be commissioned in 2022", "will open in
# 2027", "is expected to reach $1 billion in 2026"
_PLANNED_FOR = re.compile(
    r"\b(?:(?:supposed|expected|planned|scheduled|due|slated|going)\s+to|will)\s+"
    # (words of its own sentence: a full stop only inside a number, "$1.5 billion")
    r"(?:[\w$,-]+(?:\.\d[\w,-]*)?\s+){0,5}?in\s+\d{4}\b",
    re.I,
)


_EARLY_MONTHS = 3  # a year's figures to late in it are still the latest ones till March


def _infer_year(article: Article, text: str, month: int = 0) -> tuple[int | None, str]:
    """A year for a date written without one, when nothing gives it directly, from the
    latest year the text speaks of: the year after it when that year's trade is reported as a
    finished figure, that year when only a part of it is ("the first eight months of 2023"),
    unless that part ends in or after the day's month (then the year after it, for a day
    early in the year, else none).
    A year named otherwise ("falling since 2012", "the 2017 championship", "between 2014 and
    2016") says only that the meeting is not earlier: no year is guessed from it."""
    years = _mentioned_years(text)
    against = [int(next(g for g in m.groups() if g)) for m in _LAST_YEAR_AGAINST.finditer(text)]
    if against and max(against) >= max(years, default=0):
        # "Last year trade grew by 10% compared to 2018": last year is the one after it
        # ("compared to 2018" is read as the year spoken of, not a plan's "to 2018")
        base = max(against)
        return base + 2, f"the text (last year is compared with {base})"
    if not years:
        return None, ""
    # (the years of a plan's span, "a roadmap for 2024-2026", say nothing of a finished year
    # named beside them: "In 2022, trade amounted to ...")
    outside = _mentioned_years(_YEAR_SPAN.sub(" ", text))
    latest = max(outside or years)
    if _spoken_of_as_finished(text, latest) or latest in _figure_years(text):
        return latest + 1, f"the text ({latest} is spoken of as a finished year)"
    if any(int(m.group(1)) == latest for m in _SAME_PERIOD_OF.finditer(text)):
        # "in January-May trade grew by 20% against the same period of 2022": this year's
        # months against those of the year before
        return latest + 1, f"the text (a part of the year is compared with that of {latest})"
    ends = part_year_ends(text)
    if latest in ends:
        if month and ends[latest] >= month:
            # that part was not over on the day: early in the next year it is the latest
            # figure ("January-November 2021" told on 5 March); later, the text is at odds
            if month <= _EARLY_MONTHS:
                return latest + 1, (
                    f"the text (a part of {latest} to month {ends[latest]} is reported, "
                    f"the day is early in the year after)"
                )
            return None, ""
        return latest, f"the text (a part of {latest} is reported)"
    if any(int(y) == latest for m in _CURRENT_YEAR.finditer(text) for y in m.groups() if y):
        return latest, f"the text ({latest} is spoken of as the current year)"
    return None, ""


# Last year's figure against an earlier year's: "last year trade grew by 10% compared to
# 2018", "exceeded $500 million last year, compared with $450 million in 2018", "up on 2018"
_LAST_YEAR_AGAINST = re.compile(
    r"\b(?:[Ll]ast|[Pp]ast|[Pp]revious)\s+year\b(?:[^.]|\.(?=\d)){0,120}?"
    r"\b(?:compared\s+(?:with|to)|against|over|up\s+on|down\s+on|than|versus|vs\.?)\s+"
    r"(?:(?:the\s+)?(?:same\s+period\s+of|level\s+of)\s+)?"
    r"(?:(?:US)?\$\s?[\d.,]+\s*(?:million|billion|mln|bn|m)?\s+)?(?:in\s+)?(\d{4})\b"
    # a year's figure, then last year's in the same sentence: "In 2018 trade was $450 million,
    # last year it reached $500 million"
    r"|\b(?:[Ii]n|[Ff]or)\s+(\d{4}),?\s+(?:[^.]|\.(?=\d)){0,80}?(?:\$|%|\bmillion\b|\bbillion\b)"
    r"(?:[^.]|\.(?=\d)){0,80}?\b[Ll]ast\s+year\b(?!\s*[(,]\s*\d)"
    r"(?:[^.]|\.(?=\d)){0,60}?(?:\$|%|\bmillion\b|\bbillion\b|\btimes\b)"
    # last year's figure, then an earlier year's: "Last year trade reached $300 million, in
    # 2022 it was $250 million", "up from $250 million in 2022"
    r"|\b[Ll]ast\s+year\b(?:[^.]|\.(?=\d)){0,80}?(?:\$|%|\bmillion\b|\bbillion\b)"
    r"(?:[^.]|\.(?=\d)){0,40}?(?:[,;]\s+(?:and\s+|while\s+|whereas\s+)?in\s+(\d{4}),?\s+"
    r"(?:it|trade|the\s+trade|turnover|the\s+turnover|the\s+figure)\s+(?:was|were|amounted|"
    r"stood|totall?ed|reached)\b|\bfrom\s+(?:US)?\$\s?[\d.,]+\s*(?:million|billion|mln|bn|m)?"
    r"\s+in\s+(\d{4})\b)"
)


# "2022 has been declared the Year of Historical Memory", "the current 2024", "this year, 2023",
# "at the beginning of 2016 the sides managed to...", "since the start of 2019"
_CURRENT_YEAR = re.compile(
    r"\b(\d{4})\s+(?:has\s+been|is)\s+(?:declared\s+)?the\s+year\s+of\b"
    r"|\bthe\s+current\s+(\d{4})\b|\bthis\s+year,?\s+(\d{4})\b"
    r"|\b(?:at|since|from)\s+the\s+(?:very\s+)?(?:beginning|start)\s+of\s+(\d{4})\b",
    re.I,
)


_FINISHED = re.compile(
    r"amounted|reached|totall?ed|was|were|exceeded|stood|approximated|approached|grew|rose|"
    r"increased|opened|topped|decreased|declined|fell|dropped|shrank|halved|doubled|"
    # ("In 2022, trade made up $300 million", "came to", "went up by 20%"; not "hit", which
    # may be a plan's: "in 2025 we will hit $1 billion")
    r"\bmade\s+up\b|\bcame\s+to\b|\bequall?ed\b|\bwent\s+(?:up|down)\b|"
    r"\bgrown\b|\brisen\b|\bfallen\b|"
    # ("In 2019, trade made $500 million", "constituted", "surpassed", "came close to")
    r"\bmade\s+(?=\$|USD\b|(?:about|almost|nearly|over|some|around|more\s+than)\s)|"
    r"\bconstituted\b|\bcomprised\b|\bsurpassed\b|\bcame\s+close\s+to\b|"
    # ("In 2023, Belarus supplied goods worth $300 million to the region": a sum traded; not
    # goods alone, "In 2023 we supplied tractors", told while the year may run)
    r"\b(?:supplied|exported|imported|shipped|sold|bought|purchased|delivered)\b"
    r"(?=[^.]{0,40}?(?:\$|\bUSD\b|\bmillion\b|\bbillion\b))"
)


# "It approached $570 million in 2013": a figure quoted for a year, the verb before it.
_FIGURE_THEN_YEAR = re.compile(
    r"\b(?:amounted|reached|totall?ed|exceeded|approached|topped|rose|grew|grown|increased|"
    r"decreased|declined|fell|dropped|made\s+up|came\s+to|stood|"
    # ("went up by 10% in 2023", "jumped", "surged", "climbed")
    r"went\s+(?:up|down)|jumped|surged|climbed|"
    # ("trade was $500 million in 2019", "made", "constituted", "surpassed"; not a goal's
    # "was to reach", which _figure_years leaves out)
    r"was|were|made|constituted|comprised|surpassed)\b(?:[^.]|\.(?=\d)){0,60}?"
    r"(?:\$|\bmillion\b|\bbillion\b|%|\bpercent\b|\btimes\b|\bby\s+(?:one\s+|a\s+)?half\b)(?:[^.]|\.(?=\d)){0,30}?"
    r"\b(?:in|for)\s+(\d{4})\b"
    # "last year (2021) trade grew", "the 2021 trade turnover was", "trade turnover of 2021
    # amounted to": the year of a figure, named otherwise
    r"|\b[Ll]ast\s+year\s*\(\s*(\d{4})\s*\)"
    # "last year, 2019, trade ...", "in the past year 2019", "2019 saw trade grow"
    r"|\b(?:[Ll]ast|[Pp]ast)\s+year,?\s+(\d{4})\b|\b(\d{4})\s+saw\b"
    r"|\b[Tt]he\s+(\d{4})\s+(?:trade|turnover|exports|imports)\b(?:\s+turnover)?\s+"
    r"(?:was|were|amounted|reached|totall?ed|exceeded|stood|grew|rose|increased|fell|decreased)\b"
    r"|\b(?:trade|turnover|exports|imports)\s+(?:of|in|for)\s+(\d{4})\s+"
    r"(?:was|were|amounted|reached|totall?ed|exceeded|stood|grew|rose|increased|fell|decreased)\b"
)


_AIM_REACH = 40  # characters read back from a figure's verb for words of an aim ("the goal was")


def _figure_years(text: str) -> set[int]:
    """The years figures are quoted for, leaving out a goal's ("the task was to reach $1
    billion in 2020", "the goal was $1 billion in 2020"): words of an aim in the figure's
    words or just before them, in its sentence."""
    years = set()
    for m in _FIGURE_THEN_YEAR.finditer(text):
        back = max(0, m.start() - _AIM_REACH)
        if _AIMED.search(text, text.rfind(".", back, m.start()) + 1 or back, m.end()):
            continue
        years.add(int(next(g for g in m.groups() if g)))
    return years


def _spoken_of_as_finished(text: str, year: int) -> bool:
    r"""Whether "in <year>" (or "for <year>") is followed, before the next full stop, by
    "amounted", "reached", "was" ...: the search
    rf"\b(?:in|for)\s+{year}\b[^.]*?(?:amounted|...)", which read on from every "in <year>"
    to the same next verb or stop (quadratic in a text of many), answered in one pass."""
    verb = stop = -1  # the first verb and the first full stop after the mention
    # ("In 2023, trade ...", "At the end of 2023, trade ...", "following the results of 2023")
    # ("During 2019, trade ...", "Over 2019, trade ..." opening a sentence: not "grew by 5%
    # over 2019", a comparison)
    for m in re.finditer(
        rf"\b(?:[Ii]n|[Ff]or|[Dd]uring|(?<![^.!?]\s)Over|(?:end|results|outcome)\s+of)"
        rf"\s+{year}\b",
        text,
    ):
        if verb < m.end():
            found = _FINISHED.search(text, m.end())
            if found is None:
                return False
            verb = found.start()
        if stop < m.end():
            stop = text.find(".", m.end())
            if stop < 0:
                stop = len(text)
        if verb < stop:
            return True
    return False


# The longest sentence the sentence-by-sentence steps read whole. The longest in the seed and
# held-out articles is 361 characters; a longer "sentence" is run-on text (a page that lost
# its full stops, a list), read in pieces of at most this length, cut at a space. This bounds
# the work of the steps that look at a whole sentence for each thing found in it.
MAX_SENTENCE = 2000


def _pieces(sentence: str) -> list[str]:
    """``sentence`` cut into pieces of at most MAX_SENTENCE characters, at the last space
    before the limit (or at the limit, in a "word" longer than that)."""
    pieces = []
    while len(sentence) > MAX_SENTENCE:
        cut = sentence.rfind(" ", MAX_SENTENCE // 2, MAX_SENTENCE + 1)
        if cut < 0:
            cut = MAX_SENTENCE
        pieces.append(sentence[:cut].rstrip())
        sentence = sentence[cut:].lstrip()
    return [*pieces, sentence] if sentence else pieces


def extract(
    text: str,
    *,
    document: str = "",
    published: str | None = None,
    url: str = "",
    site: str = "",
) -> Draft:
    """Draft a meeting from an article's text. ``published`` (YYYY-MM-DD) supplies the
    publication date when the text gives none; ``url`` is the page's address when the
    article was read from the web (else the first URL in the text is taken); ``site`` is
    the name the page gives its site (its metadata), the outlet when the text names none."""
    article = clean(text)
    flags: list[str] = []
    body = "\n".join(article.paragraphs)
    sentences = [
        Sentence(piece, i, "")
        for i, paragraph in enumerate(article.sentences)
        for s in paragraph  # split_sentences(article.paragraphs[i]), as cleaning found them
        for piece in (_pieces(s) if len(s) > MAX_SENTENCE else (s,))
    ]
    dateline = _DATELINE.match(article.paragraphs[0]) if article.paragraphs else None
    if dateline and sentences and sentences[0].text.startswith(dateline.group(0)):
        # the sentence itself, without "MINSK, 14 November 2025 (BelTA) -" (a proposal's
        # detail began with it); the dateline is read on its own
        rest = sentences[0].text[dateline.end() :].strip()
        if rest:
            sentences[0] = Sentence(rest, sentences[0].paragraph, sentences[0].speaker)
    pub, pub_inferred, pub_how = _publication(article)
    if not pub and dateline and dateline.group(3):  # "MINSK, 14 November 2025 (BelTA) -"
        pub = next((d.full() for d in find_dates(dateline.group(0)) if d.full()), None)
        pub_how = "the dateline"
    if published and not pub:
        pub, pub_inferred, pub_how = published, False, "given with the article"
    url = url or (article.urls[0] if article.urls else "")
    if article.date_line and (placed_by := _placeholder_site(url, article.date_line)):
        flags.append(
            f"date: the page's date line ({article.date_line}) is one {placed_by} puts on "
            "pages of any year; not used"
        )
        article.date_line = None
    outlet = _outlet(body, dateline, url) or one_line(site).strip() or _byline(article.header)
    in_url = url_date(url)
    if in_url.day and not in_url.stamp and not pub:  # "/2023/05/03/why-did-..."
        pub, pub_inferred, pub_how = in_url.day, False, "the date in the page's address"

    meeting_sentence = next(
        (s for s in sentences if may_match(MEETING_VERB, s.text) and MEETING_VERB.search(s.text)),
        None,
    )
    lead = meeting_sentence.text if meeting_sentence else (sentences[0].text if sentences else "")
    region = _region(article, body, lead)
    date, date_inferred, date_note = _date(
        article, sentences, meeting_sentence, dateline, pub, pub_how, flags, in_url
    )
    meeting_year = int(date[:4]) if date else (int(pub[:4]) if pub else None)
    host, guest, mentioned = _people(lead, body, region, article.headline, meeting_year)

    if dateline and not pub and date:  # the dateline's day is the publication day
        d = find_dates(dateline.group(0))
        if d:
            pub = d[0].resolve(int(dateline.group(3)) if dateline.group(3) else meeting_year or 0)
            # (a year the dateline lacks is the text's own when the meeting, dated with its
            # year, is that day: "MINSK, 14 November" over "met ... on 14 November 2025")
            pub_inferred = not dateline.group(3) and (pub != date or date_inferred)
            if pub and pub_inferred:
                flags.append(f"source.published: year {pub[:4]} inferred (dateline has none)")
    place = _place(sentences, meeting_sentence, dateline)

    _assign_speakers(sentences, host, guest, region)
    trade = find_trade(sentences, meeting_year, host, guest, outlet, region)
    exports, imports = find_goods(sentences)
    proposals = find_proposals(sentences, host, guest)
    if article.headings:  # "Construction" heading a paragraph: an area the report lists
        add_heading_proposals(proposals, article.headings, sentences, host, guest)

    title = article.headline
    if not title and host and guest:
        title = " ".join(f"{host.name.split()[-1]} meets {guest.title} {guest.name}".split())
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
        "participants": _participants(host, guest, mentioned),
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
        lines = "line" if article.dropped == 1 else "lines"
        flags.append(f"ignored {article.dropped} {lines} of page furniture or repeated text")
    return Draft(meeting, missing, flags)


_OUTLETS_BY_SITE = {
    "belta.by": "BelTA",
    "president.gov.by": "Press Service of the President of Belarus",
    "tass.com": "TASS",
    "sb.by": "SB Belarus Today",
}


# A page's byline after its date: "14.03.2024 | Press service of the Governor of the Omsk region"
_BYLINE = re.compile(
    r"^[^|•·]{4,40}?\s*[|•·]\s*((?:Press\s+(?:service|office|centre|center)|Information\s+"
    r"(?:service|department)|Official\s+(?:site|portal))\b[^|•·]{0,80}?)\s*$",
    re.I,
)


def _byline(header: list[str]) -> str:
    """The outlet a page's byline names, after its date, when nothing else names one."""
    for line in header:
        m = _BYLINE.match(line)
        if m:
            return m.group(1)
    return ""


# Dates a site's template puts on its pages, whatever day they were written: news.by's English
# pages of 2022-2025 show " date 2019-12-13" (tests/fixtures/real/README.md: nine such pages
# of the real reports, each of another day)
_PLACEHOLDER_DATES: dict[str, frozenset[str]] = {"news.by": frozenset({"2019-12-13"})}


def _site(url: str) -> str:
    """The site of an address, without "www." or "eng." ("news.by"), nor a port."""
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower()).split("/")[0]
    return re.sub(r"^(?:www|eng)\.", "", host.split(":")[0])


def _placeholder_site(url: str, date: str) -> str:
    """The site of ``url`` (or the site it is part of: "m.news.by") if it puts ``date`` on
    pages of any year; "" if not."""
    host = _site(url)
    return next(
        (
            site
            for site, dates in _PLACEHOLDER_DATES.items()
            if date in dates and (host == site or host.endswith("." + site))
        ),
        "",
    )


def _outlet(body: str, dateline: re.Match[str] | None, url: str) -> str:
    """The outlet: from the dateline ("(BelTA)", "/TASS/"), "BelTA has learned", the URL."""
    named = next((g for g in dateline.groups()[3:] if g), None) if dateline else None
    if named:
        return named.strip()
    m = re.search(r"\b([A-Z][A-Za-z]{2,15}) has learned\b", body) or re.search(
        r"\b(?:told|reports?|reported)\s+(BelTA|TASS|RIA Novosti|Interfax|Sputnik)\b", body
    )
    if m:
        return m.group(1)
    return _OUTLETS_BY_SITE.get(_site(url), "")


def _region(article: Article, body: str, lead: str) -> Region | None:
    """The region most spoken of (the headline counts thrice), and above all the one in
    the guest's title in the meeting sentence."""
    counts: dict[str, float] = {}
    by_name: dict[str, Region] = {}
    for weight, part in ((3.0, article.headline), (1.0, body)):
        for region, _ in region_mentions(part):
            counts[region.name] = counts.get(region.name, 0) + weight
            by_name[region.name] = region
    for person in find_people(lead, None):
        r = region_in(person.title)
        if r is not None and person.side != "belarus":
            counts[r.name] = counts.get(r.name, 0) + 10
            by_name[r.name] = r
    return by_name[max(counts, key=lambda k: counts[k])] if counts else None


# Titles the reports take for granted. Only the head of state: ministers change too often
# for a list shipped with the program to stay right.
_KNOWN_TITLES = {"Aleksandr Lukashenko": "President of Belarus"}

_HEADS_VERB = (
    r"(?:has\s+been\s+(?:heading|leading|governing|running|at\s+the\s+helm\s+of)|"
    r"heads|leads|governs|has\s+headed|has\s+led|has\s+governed|has\s+run|"
    r"arrived\s+(?:in\s+(?:\w+\s+){1,2})?(?:with|at\s+the\s+head\s+of)|"
    r"came\s+with|is\s+visiting|is\s+on\s+a\s+visit)\b"
)
# (the name as a sentence's subject, or anywhere set off by ", who": "Lukashenko met with
# Ivan Petrov, who has led the region since 2017")
_GUEST_SUBJECT = re.compile(
    rf"(?:(?:^|(?<=[.!?]\s))({NAME_WORD}\s+{NAME_WORD})(?:,\s+who)?|"
    rf"\b({NAME_WORD}\s+{NAME_WORD}),\s+who)\s+{_HEADS_VERB}",
    re.M,
)

_VISITING = re.compile(r"\b(?:visiting|visit|arrived|came)\b")

# A delegation or a body of Belarus's
_BELARUSIAN_SIDE = re.compile(
    r"\b(?:Belarus\w*|Byelorussia\w*|Belorussia\w*|Minsk|Brest|Vitebsk|Gomel|Grodno|Mogilev|"
    r"Executive\s+Committee)\b"
)

# "a delegation of Adygea headed by Khazret Sovmen": the delegation's head is the guest (named
# with a post, the post finds him; this is for the name alone)
_DELEGATION_HEAD = re.compile(
    r"\bdelegation\s+(?:of|from)\s+[^.;:!?]{1,60}?,?\s+(?:headed|led)\s+by\s+"
    rf"({NAME_WORD}\s+{NAME_WORD})\b"
)

# The head of a delegation of Belarus's: "the Belarusian delegation headed by Industry Minister
# Alexander Yefimov", "a Belarusian government delegation led by Ivan Petrov"
_BELARUSIAN_DELEGATION_HEAD = re.compile(
    r"\b(?:Belarusian|Belarus['’]s?)\s+(?:(?:government|business|official|parliamentary|"
    r"interdepartmental)\s+)?delegation,?\s+(?:headed|led)\s+by\s+"
    rf"((?:[A-Z][\w-]*\s+){{0,5}}({NAME_WORD}\s+{NAME_WORD}))\b(?!\s+[A-Z])"
)  # (the name: the last two of the capitalised words)
# A Belarusian post named without its holder's name: "the Belarusian Prime Minister", "the
# head of the Belarusian government"
_BELARUSIAN_POST = re.compile(
    r"\b(?:the\s+)?(?:Belarusian|Belarus['’]s?)\s+(Prime\s+Minister|Premier|Ambassador|"
    r"Deputy\s+Prime\s+Minister)\b(?!\s+[A-Z])"
    r"|\bthe\s+head\s+of\s+the\s+(Belarusian\s+government)\b"
)
# Someone quoted by name alone: "said Roman Golovchenko", "According to Sergei Rumas,"
_QUOTED_NAME = re.compile(
    rf"\b(?:said|noted|stressed|emphasi[sz]ed|added|[Aa]ccording\s+to)\s+({NAME_WORD})\s+"
    rf"({NAME_WORD})\b(?!\s+{NAME_WORD})"
    rf"|\b({NAME_WORD})\s+({NAME_WORD})\s+(?:said|noted|stressed|emphasi[sz]ed|added)\b"
)


# (someone else at the meeting: "Ivan Petrov also took part")
_TOOK_PART = r"(?:took\s+part|attended|participated|joined|was\s+present|accompanied)\b"
# The guest's post named without a name, and a name as the subject of the next sentence:
# "... the visit of the head of the region to Minsk. Ivan Petrov is an economist ..."
_POST_THEN_NAME = re.compile(
    r"\b(?:[Gg]overnor|[Hh]ead\s+of\s+(?:the\s+)?(?:region|republic|oblast|krai|territory|"
    r"[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?))\b[^.!?\n]{0,200}(?:[.!?]\s+"
    rf"({NAME_WORD}\s+{NAME_WORD})(?:['’]s)?\s+(?!(?:also\s+)?{_TOOK_PART})(?=[a-z])|"
    # "... met with the head of the region, who is visiting Minsk, Ivan Petrov."
    rf",\s+({NAME_WORD}\s+{NAME_WORD})(?=\s*[,.;]))"
)
# A name right after the meeting's verb: "Lukashenko met with Ivan Petrov in Minsk"
_MET_NAME = re.compile(
    r"\b(?:(?:met|meets|meeting|talks|talked|conversation|negotiations)\s+with|"
    r"received|receives|welcomed|hosted)\s+"
    rf"({NAME_WORD}\s+{NAME_WORD})\b(?!\s*{NAME_WORD})(?!['’])"
)


def _untitled_guest(
    lead: str, body: str, host: Person | None, everyone: list[Person], others: set[str]
) -> Person | None:
    """The guest named without a post: right after the meeting's verb in the meeting sentence,
    or as the subject of the sentence after one that names the guest's post alone."""
    titled = {p.name for p in everyone}
    for m in (_MET_NAME.search(lead), *_POST_THEN_NAME.finditer(body)):
        if m is None:
            continue
        name = m.group(1) or m.group(2)
        if (
            (host is None or name != host.name)
            and name not in titled
            and name not in others
            and not _PRESIDENT.fullmatch(name)
            and not find_region(name)
            and not is_post(name)
            and not _BELARUSIAN_SIDE.search(name)
            and not official_posts(name)  # (a Belarusian official named without a post)
        ):
            return Person(name, "", "russia")
    return None


def _post_title(post: str) -> str:
    """The title of a Belarusian post named without a name."""
    if post.lower().startswith("belarusian government"):
        return "Prime Minister of Belarus"
    return f"{' '.join(post.split()).replace('Premier', 'Prime Minister')} of Belarus"


# The President of Belarus in the spellings reports use (BelTA's, the older English one, the
# Belarusian Latin one): named without a title ("Today, Alexander Lukashenko has met with the
# governor of this Russian region"), he is the host when no titled Belarusian is found.
_PRESIDENT = re.compile(
    r"\b(?:Aleksandr|Alexander|Alexandr|Alyaksandr|Aliaksandr|Alaksandr)\s+"
    r"(?:Lukashenko|Lukashenka|Łukašenka|Lukašenka)\b"
)


# The first of two co-chairs named in full, the second the region's (see _people)
_CO_CHAIRED = re.compile(
    rf"\bco-?chaired\s+by\s+({NAME_WORD})\s+({NAME_WORD})\s+and\s+(?=[^.]*?\b(?:Governor|Head|"
    r"Oblast|Krai|Region|Republic|Territory)\b)"
)


# Someone named "at a meeting with" the other side: "This was stated today by Natalia
# Kochanova at a meeting with the delegation of the Legislative Assembly of Nizhny Novgorod
# Region" (the host, when no titled Belarusian is found and the name is no one's of the region)
_AT_A_MEETING = re.compile(
    rf"\b({NAME_WORD})\s+({NAME_WORD})\s+(?:at|during)\s+(?:a|the|his|her)\s+"
    r"(?:meeting|talks|negotiations)\s+with\b"
)


# ... the other side as the region's: named, or a body of Russia's ("the delegation of the
# Legislative Assembly of ...", "senators"), not Belarus's nor "the guests"
_REGIONS_SIDE = re.compile(
    r"\b(?:governor|legislative\s+assembly|duma|federation\s+council|senators?)\b", re.I
)


def _untitled_host(name: str, guest: Person | None, everyone: list[Person]) -> Person | None:
    """``name``, named without a post, as the host: unless it is the guest's, someone's of
    the region, a post or a region."""
    if (
        (guest is not None and name == guest.name)
        or any(p.side == "russia" and p.name == name for p in everyone)
        or is_post(name)
        or find_region(name)
    ):
        return None
    return Person(name, _KNOWN_TITLES.get(name, ""), "belarus")


# ... or opening the sentence, its speaker named after it with a post of no country: "At a
# meeting with Kaluga Region's Governor Anatoly Artamonov, Deputy Minister of Architecture and
# Construction Dmitry Semenkevich expressed great interest in ..."
_AT_A_MEETING_OPENS = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:At|During)\s+(?:a|the)\s+(?:meeting|talks|negotiations)\s+with\s+"
    r"([^,.;]{3,150}),\s+"
)


# Someone named as no longer in the post, or in another: "the former governor", "Anatoly Lis,
# now Ambassador of Belarus to Kazakhstan", "Presidential envoy Vladimir Yakushev"
_NOT_NOW_BEFORE = re.compile(
    r"\b(?:former|ex-|late|then|envoy|plenipotentiary)\W+(?:\w+\W+){0,3}$", re.I
)
_NOT_NOW_AFTER = re.compile(
    r"^,?\s+(?:now|currently|formerly|the\s+former|who\s+(?:headed|was|led))\b", re.I
)


def _in_post_there(body: str, at: int, name: str) -> bool:
    """Whether the name at ``at`` is not told as someone's former or other post."""
    return not (
        _NOT_NOW_BEFORE.search(body[max(0, at - 40) : at])
        or _NOT_NOW_AFTER.match(body[at + len(name) : at + len(name) + 30])
    )


def _regional_head_named(
    body: str, host: Person | None, region: Region | None, year: int | None
) -> Person | None:
    """The head of the meeting's region then, of the list (``regional_heads.tsv``), named in
    full in the report, as the guest when no rule found one ("Alexander Beglov also
    discussed"), titled with that post (not a head of another region, nor of another time,
    nor "the former governor")."""
    if region is None:
        return None
    for at, name in named_regional_heads(body):
        if (host is not None and name == host.name) or not _in_post_there(body, at, name):
            continue
        posts = held_in([p for p in regional_head_posts(name) if p.region == region.name], year)
        if posts:
            held = [p for p in posts if not p.post.startswith("Acting")] or posts
            return Person(name, held[-1].post, "russia")
    return None


def _official_named(
    body: str, guest: Person | None, everyone: list[Person], year: int | None
) -> Person | None:
    """The first Belarusian official of the list (``officials.tsv``) in office in the
    meeting's year, named in full without a post ("Natalya Kochanova said"), as the host when
    no rule found one: not the guest, nor one of the region's, nor "the former minister"."""
    for at, name in named_officials(body):
        if (guest is not None and name == guest.name) or any(
            p.name == name and p.side == "russia" for p in everyone
        ):
            continue
        if not _in_post_there(body, at, name):
            continue
        if held_in(official_posts(name), year):
            return Person(name, post_held(name, year), "belarus")
    return None


def _host_at_a_meeting(body: str, guest: Person | None, everyone: list[Person]) -> Person | None:
    """The host by :data:`_AT_A_MEETING` or :data:`_AT_A_MEETING_OPENS`, when no other rule
    found one."""
    if not may_match(_AT_A_MEETING, body) and not may_match(_AT_A_MEETING_OPENS, body):
        return None
    for met in _AT_A_MEETING.finditer(body):
        whom = re.split(r"(?<=[.!?])\s", body[met.end() : met.end() + 120])[0]
        if re.match(r"\s+(?:the\s+)?(?:Belarus|guests\b)", whom):
            continue
        if not (region_in(whom) or _REGIONS_SIDE.search(whom)):
            continue
        host = _untitled_host(f"{met.group(1)} {met.group(2)}", guest, everyone)
        if host is not None:
            return host
    for met in _AT_A_MEETING_OPENS.finditer(body):
        whom = met.group(1)
        if not (region_in(whom) or _REGIONS_SIDE.search(whom)) or "Belarus" in whom:
            continue
        speaker = next(
            (
                p
                for p in everyone
                if met.end() <= p.start <= met.end() + 100
                and not re.search(r"[,.;:]", body[met.end() : p.start])
            ),
            None,
        )
        # (titled, and with no side of its own: one of the region's is no host)
        if (
            speaker is not None
            and speaker.title
            and not speaker.side
            and (guest is None or speaker.name != guest.name)
        ):
            return Person(speaker.name, speaker.title, "belarus")
    return None


# The President by surname alone (not "Lukashenko's", a possessive: "Lukashenko's press
# service" says who spoke for him)
_PRESIDENT_SURNAME = re.compile(r"\b(Lukashenko|Lukashenka|Łukašenka|Lukašenka)\b(?!['’])")
# The President by post alone
_PRESIDENT_POST = re.compile(
    r"\b(?:[Tt]he\s+(?:President\s+of\s+(?:the\s+Republic\s+of\s+)?Belarus|Belarusian\s+"
    r"(?:President|leader)|[Hh]ead\s+of\s+[Ss]tate)|Belarus['’]s?\s+President)\b"
)
# ... or once, as the subject of the meeting sentence: "Lukashenko met with the governor"
_PRESIDENT_MEETS = re.compile(
    r"\b(Lukashenko|Lukashenka|Łukašenka|Lukašenka)\s+(?:has\s+|had\s+)?(?:met|meets|held|holds|"
    r"received|receives|hosted|hosts)\b"
)
# A regional head by post and surname alone: "Governor Travnikov and Ambassador Gryzlov"
_POST_SURNAME = re.compile(r"\b(Governor|Mayor)\s+([A-Z][a-z]{2,})\b(?!\s+[A-Z])(?!['’-])")


def _search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, not run over a text that lacks every word it needs (the
    fallbacks for a host or guest each read the whole body, a megabyte at worst)."""
    return pattern.search(text) if may_match(pattern, text) else None


def _people(
    lead: str, body: str, region: Region | None, headline: str = "", year: int | None = None
) -> tuple[Person | None, Person | None, list[Person]]:
    """The host and guest (from the meeting sentence first), and officials mentioned;
    ``year``: the meeting's, when known (who held a post then)."""
    host: Person | None = None
    guest: Person | None = None
    for person in find_people(lead, region):
        if person.side == "belarus" and host is None:
            host = person
        elif person.side == "russia" and guest is None:
            guest = person
    everyone = find_people(body, region)
    not_guest: set[str] = set()
    if host is None:  # "Aleksandr Lukashenko met with ...": a name everyone knows, no title
        m = re.match(rf"({NAME_WORD})\s+({NAME_WORD})\s+(?:met|meets|held|received)\b", lead)
        if m and guest is not None and f"{m.group(1)} {m.group(2)}" != guest.name:
            name = f"{m.group(1)} {m.group(2)}"
            host = Person(name, _KNOWN_TITLES.get(name, ""), "belarus")
    if host is None and (chairs := _search(_CO_CHAIRED, body)):
        # "The meeting is co-chaired by Vladimir Kukharev and Ulyanovsk Oblast Governor
        # Alexei Russkikh": the co-chair beside the region's is Belarus's (the other one
        # named with a post of the region's side, and no "respectively" to sort them)
        clause = re.split(r"[.;]", body[chairs.end() :], maxsplit=1)[0]
        other = find_people(clause, region)
        if (
            other
            and other[0].side == "russia"
            and other[0].start < 80
            and "respectively" not in clause
        ):
            host = _untitled_host(f"{chairs.group(1)} {chairs.group(2)}", guest, everyone)
    if host is None:
        m = _search(_PRESIDENT, body)
        if m:
            host = Person(m.group(), "President of Belarus", "belarus")
    if host is None and (head := _search(_BELARUSIAN_DELEGATION_HEAD, body)):
        # "the Belarusian delegation headed by Industry Minister Alexander Yefimov": its head,
        # named with a post of no country, is the host
        titled = [p for p in everyone if head.start(1) <= p.start < head.end()]
        if titled and titled[0].side != "russia":
            host = Person(titled[0].name, titled[0].title, "belarus")
        elif not is_post(head.group(2)) and not find_region(head.group(2)):
            host = Person(head.group(2), "", "belarus")
    if host is None and (post := _search(_BELARUSIAN_POST, body)):
        # "The Belarusian Prime Minister notes ... According to Sergei Rumas, ...": the post
        # named without a name, and someone quoted by name alone, not the guest
        for m in _QUOTED_NAME.finditer(body):
            name = " ".join(g for g in m.groups() if g)
            if (
                (guest is None or name != guest.name)
                and not find_region(name)
                and not is_post(name)
                and name not in {p.name for p in everyone}
            ):
                host = Person(name, _post_title(post.group(1)), "belarus")
                break
    if guest is None:
        # "... talks with the governor of Orel Region. Andrei Klychkov has been heading this
        # region since 2018": the guest named as the subject of the next sentence
        m = _search(_GUEST_SUBJECT, body)
        name = (m.group(1) or m.group(2)) if m else ""
        # "X, who heads the Belarusian government": the Belarusian side
        heads = body[m.end() : m.end() + 60].split(",")[0].split(".")[0] if m else ""
        # ("Andrey Chibis is visiting Belarus": where the guest came, not whose he is)
        visiting = m is not None and bool(_VISITING.search(m.group(0)))
        belarusian = bool(_BELARUSIAN_SIDE.search(heads)) and not visiting
        if m is None:
            m = _search(_DELEGATION_HEAD, body)
            name = m.group(1) if m else ""
            # "a delegation of Belarus headed by ...", "a delegation from Minsk ..."
            belarusian = m is not None and bool(
                _BELARUSIAN_SIDE.search(body, m.start(), m.start(1))
            )
        if belarusian:
            not_guest.add(name)  # ("met with Ivan Petrov, who heads the Belarusian ...")
        if (
            name
            and not belarusian
            and (host is None or name != host.name)
            and not find_region(name)
            and not is_post(name)  # "headed by Prime Minister Roman Golovchenko"
        ):
            guest = Person(name, "", "russia")
    if host is None or guest is None:
        for person in everyone:
            if person.side == "belarus" and host is None:
                host = person
            elif (
                person.side == "russia"
                and guest is None
                and (region is None or region_in(person.title) in (None, region))
            ):
                guest = person
    if host is None:
        host = _host_at_a_meeting(body, guest, everyone)
    if (host is None or guest is None) and headline:
        # a long headline that is the report's lead ("..., notes President Alexander
        # Lukashenko on meeting the Governor of the Russian Sakhalin Region, Oleg
        # Kozhemyako"), the body naming them by surname alone: titled people there, once
        # the body has had its say (and the President by name only when the body speaks of
        # him by surname: a headline's passing mention is no host)
        for person in find_people(headline, region):
            if person.side == "belarus" and host is None:
                host = person
            elif (
                person.side == "russia"
                and guest is None
                and (host is None or person.name != host.name)
                and (region is None or region_in(person.title) in (None, region))
            ):
                guest = person
        named = _PRESIDENT.search(headline)
        if host is None and named and _search(_PRESIDENT_SURNAME, body):
            host = Person(named.group(), "President of Belarus", "belarus")
    if guest is None:
        guest = _untitled_guest(lead, body, host, everyone, not_guest)
    # Last, when no one named in full holds the place: by surname alone
    if host is None:
        # "Lukashenko immediately declared ... Lukashenko emphasized": by surname alone, again
        # and again (a passing mention is no host)
        said = _PRESIDENT_SURNAME.findall(body) if may_match(_PRESIDENT_SURNAME, body) else []
        subject = _PRESIDENT_MEETS.search(lead)  # "Lukashenko met with the governor ..."
        # or once beside his post: the name in the headline ("Lukashenko: we try to build
        # ..." over "the President of Belarus noted ..."), or in the report ("he was received
        # by the head of state ... Lukashenko said")
        named_above = (
            _PRESIDENT_SURNAME.findall(f"{headline}\n{body}")
            if _search(_PRESIDENT_POST, body)
            else []
        )
        said = said or named_above
        if len(said) >= 2 or subject or named_above:
            host = Person(
                subject.group(1) if subject else said[0], "President of Belarus", "belarus"
            )
    if guest is None:
        # "Governor Travnikov": a region's head by post and surname alone (not the surname of
        # someone named in full: a Belarusian governor, or a guest already found)
        surnames = {p.name.split()[-1] for p in (host, *everyone) if p and p.name.split()}
        for m in _POST_SURNAME.finditer(body) if may_match(_POST_SURNAME, body) else ():
            surname = m.group(2)
            if not (find_region(surname) or is_post(surname) or surname in surnames):
                title = m.group(1).capitalize()
                if region is not None:
                    title = f"{title} of {region.name}"
                guest = Person(surname, title, "russia")
                break
    # Last of all, someone of the lists named in full without a post: a Belarusian official
    # in office that year as the host, the head of the meeting's region then as the guest
    if host is None:
        host = _official_named(body, guest, everyone, year)
    if guest is None:
        guest = _regional_head_named(body, host, region, year)
    if host is not None and guest is not None and guest.name == host.name:
        # one person on both sides ("... Alexander Seleznev, who arrived in Ufa at the head
        # of the official delegation of Byelorussia": the host, and by that the head of a
        # delegation): the host, as titled; the guest not found
        guest = None
    mentioned: list[Person] = []
    known = {p.name for p in (host, guest) if p}
    for person in everyone:
        if person.side and person.name not in known:
            known.add(person.name)
            mentioned.append(person)
    return host, guest, mentioned


def _participants(
    host: Person | None, guest: Person | None, mentioned: list[Person]
) -> list[dict[str, Any]]:
    out = []
    if host:
        out.append({"name": host.name, "title": host.title, "side": "belarus", "role": "host"})
    if guest:
        out.append({"name": guest.name, "title": guest.title, "side": "russia", "role": "guest"})
    out += [
        {"name": p.name, "title": p.title, "side": p.side, "role": "mentioned"} for p in mentioned
    ]
    return out


def _date(
    article: Article,
    sentences: list[Sentence],
    meeting_sentence: Sentence | None,
    dateline: re.Match[str] | None,
    pub: str | None,
    pub_how: str,
    flags: list[str],
    in_url: UrlDate | None = None,
) -> tuple[str | None, bool, str]:
    """(date, inferred, note): a ``date`` line, else "on <day> <month>" in the meeting
    sentence, the dateline, or the opening sentences; a missing year from the publication
    date or the text."""
    candidates = []
    if meeting_sentence:
        text = meeting_sentence.text
        candidates += [d for d in find_dates(text) if _after_on(text, d.start)] or find_dates(text)
    # "The talks took place on 5 December", "On 5 December he was received by ...": the
    # meeting's day told in a sentence of its own, further on
    for s in sentences:
        if (
            s is not meeting_sentence
            and may_match(_HELD_ON, s.text)
            and _HELD_ON.search(s.text)
            and not _EARLIER_ONE.search(s.text)  # ("the first meeting was held on ...")
        ):
            candidates += [d for d in find_dates(s.text) if _after_on(s.text, d.start)]
    if dateline:
        candidates += find_dates(dateline.group(0))
    elif article.paragraphs and (lead_date := _LEAD_DATE.match(article.paragraphs[0])):
        candidates += find_dates(lead_date.group(0))
    # (the days told of the meeting itself: a day of the opening sentences may be another
    # event's, "the agreements reached on 8 July at the Forum")
    own_days = list(candidates)
    opening = sentences[:3]
    at = next((i for i, s in enumerate(sentences) if s is meeting_sentence), len(sentences))
    if at + 1 < len(sentences):
        opening.append(sentences[at + 1])  # "... met ... At the meeting on Monday (June 5)"
    for s in opening:
        candidates += [d for d in find_dates(s.text) if _after_on(s.text, d.start)]
    if article.date_line:
        # "At the meeting on Monday (June 5, 2023)" under a page dated two days later: the
        # day written in full is the meeting's, the date line the page's
        line = dt.date.fromisoformat(article.date_line)
        for d in candidates:
            iso = d.full()
            if iso and 0 < (line - dt.date.fromisoformat(iso)).days <= _REPORTED_WITHIN:
                return iso, False, f"Written in full in the article (the page is dated {line})."
        later = [
            y
            for y in _mentioned_years("\n".join(article.paragraphs))
            if y > int(article.date_line[:4])
        ]
        if not later:
            # "The talks were held on 8 July" under a page dated 7 July 2025: the day the
            # text gives the meeting, in the page's year (the page may be dated a little
            # before or after it)
            for d in own_days:
                if d.year:
                    continue
                for page_year in (line.year, line.year - 1, line.year + 1):
                    iso = d.resolve(page_year)
                    if iso is None:
                        continue
                    days = (line - dt.date.fromisoformat(iso)).days
                    if days == 0:
                        break  # the page's own day: as the date line says
                    if -_AHEAD_OF_PAGE <= days <= _REPORTED_WITHIN:
                        flags.append(f"date: year {page_year} from the page's date line ({line})")
                        note = (
                            f"The article gives only the day and month; year {page_year} from the "
                            f"page's date line ({line})."
                        )
                        return iso, True, note
                break  # (the first day written is the one that counts)
            return article.date_line, False, "From the article's date line."
        # A page date older than years the report speaks of is a site's placeholder
        flags.append(
            f"date: the page's date line ({article.date_line}) is older than {max(later)}, "
            "which the text speaks of; not used"
        )
    # (not a date from before such meetings could be: "On March 19, 1946 ... died", a page's
    # "this day in history")
    candidates = [
        d
        for d in candidates
        if not d.year or (d.year >= FIRST_YEAR and not (pub and (d.full() or "") > pub))
    ]  # (nor one after the page was published: "from 1 January 2022 the tariffs apply")
    written: DayMonth | None = candidates[0] if candidates else None
    if written is None:
        body = "\n".join(article.paragraphs)
        said = meeting_sentence.text if meeting_sentence else body
        weekday = _WEEKDAY.search(said)
        if weekday is None:  # "The talks took place on Thursday", a sentence of its own
            weekday = next(
                (
                    w
                    for s in sentences
                    if s is not meeting_sentence
                    and may_match(_HELD_ON, s.text)
                    and _HELD_ON.search(s.text)
                    and not _EARLIER_ONE.search(s.text)
                    and (w := _WEEKDAY.search(s.text))
                ),
                None,
            )
        # "met on Tuesday", under the page's date: that week's Tuesday (not "on Friday last
        # week", which may be the week before)
        if pub and weekday and not _SOME_DAYS_AGO.search(said):
            p = dt.date.fromisoformat(pub)
            name = weekday.group(1) or weekday.group(2)
            wanted = _WEEKDAYS.index(name.lower())
            day = (p - dt.timedelta(days=(p.weekday() - wanted) % 7)).isoformat()
            flags.append(f"date: {name} before the page's date {pub}: {day}")
            return day, True, f"The article says {weekday.group(0)}; the page is dated {pub}."
        if pub and _YESTERDAY.search(said):  # "met yesterday", under the page's date
            day = (dt.date.fromisoformat(pub) - dt.timedelta(days=1)).isoformat()
            flags.append(f"date: yesterday, before the page's date {pub}: {day}")
            return day, True, f"The article says yesterday; the page is dated {pub}."
        if pub and _SOME_DAYS_AGO.search(said):
            # "met last week", "the other day": some day before the page's, not it
            flags.append(f"date: the meeting is told as some days before the page's date {pub}")
            return None, False, f"The article says the meeting was earlier than the page ({pub})."
        just = any(
            (
                _JUST_HAPPENED.search(s.text)
                or (_TOLD_DONE.search(s.text) and not _OTHER_TIME.search(s.text))
            )
            and not _FOR_YEARS.search(s.text)
            for s in sentences[:2]
        )
        if pub and (meeting_sentence is not None or just or _TODAY.search(body)):
            # a page that reports the day's meeting ("discussed it today")
            flags.append(f"date: the article gives none; the page's date {pub} is used")
            return pub, True, f"The article gives no date; the page's date ({pub_how}) is used."
        return None, False, ""
    if written.year:
        return written.full(), False, "Written in full in the article."
    # "MINSK, 14 March 2026 - ... met on 14 March": the same day is written in full elsewhere
    full = next(
        (
            d
            for d in candidates
            if d.year and (d.day, d.month) == (written.day, written.month) and d.full()
        ),
        None,
    )
    if full is not None:
        return full.full(), False, "Written in full in the article."
    if pub:
        p = dt.date.fromisoformat(pub)
        year: int | None = p.year - 1 if (written.month, written.day) > (p.month, p.day) else p.year
        for ahead in (p.year, p.year + 1):
            # "on 3 February" under a page dated 1 February: that February (a meeting
            # announced, or a page's date set early), not one a year before it; "on 3
            # January" under 30 December: the next January
            soon = written.resolve(ahead)
            if soon and 0 < (dt.date.fromisoformat(soon) - p).days <= _AHEAD_OF_PAGE:
                year = ahead
        how = f"the publication date ({pub}, {pub_how})"
    elif in_url and in_url.year and (url_year := _year_from_url(written, in_url)):
        year, how = url_year, "the page's address"
    elif header_year := _year_from_header(article, written):
        year, how = header_year, "the page's month and year"
    else:
        body = "\n".join(article.paragraphs)
        year, how = _infer_year(article, body, written.month)
        by_weekday = _year_of_weekday(body, written, year)
        if by_weekday:
            year, how = by_weekday
    if not year:
        said = f"{written.day} {calendar.month_name[written.month]}"
        flags.append(f"date: the article says {said} but nothing in it tells the year")
        return None, False, f"The article says {said}; nothing in it tells the year."
    if pub and written.resolve(year) == pub:
        # the publication's own day: its date is the meeting's, as a date line's is (a
        # same-day report was marked "(year inferred)", where the bundled meetings are not)
        return (
            pub,
            False,
            f"The article gives the day and month; the year is its publication's ({pub}).",
        )
    flags.append(f"date: year {year} inferred from {how}")
    note = f"The article gives only the day and month; year {year} from {how}."
    return written.resolve(year), True, note


_AHEAD_OF_PAGE = 7  # days a meeting may come after the page's date and be that year's


def _year_from_header(article: Article, written: DayMonth) -> int | None:
    """The year of a day written without one, from a month and year over the text ("December
    2019"): that month's year, or the year before it for a day late in the month before."""
    for line in article.header:
        for m in MONTH_YEAR.finditer(line):
            month, year = MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2))
            if month == written.month:
                return year
            if month == written.month % 12 + 1:  # (reported the month after the day)
                return year - 1 if month == 1 else year
    return None


def _year_from_url(written: DayMonth, in_url: UrlDate) -> int | None:
    """The year of a day written without one, from the page's address: the year of the
    publication date it gives (the year before, for a day later in the year than it), or of
    its month, or its year alone. A Unix time ("...-1699440224") is used only when the day
    written falls in the month before it (a report is published soon after the meeting):
    an address's long number may be something else."""
    if in_url.day:
        p = dt.date.fromisoformat(in_url.day)
        year = p.year - 1 if (written.month, written.day) > (p.month, p.day + 1) else p.year
        day = written.resolve(year)
        if in_url.stamp and not (
            day and -1 <= (p - dt.date.fromisoformat(day)).days <= _REPORTED_WITHIN
        ):
            return None
        return year
    if in_url.month:
        return in_url.year - 1 if in_url.year and written.month > in_url.month else in_url.year
    return in_url.year


# A weekday written with the day: "on Monday, September 23", "Monday (23 September)",
# "23 September (Monday)"
_WEEKDAY_NAME = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?:\s*,\s*|\s*\(\s*|\s+)"
    r"|\(\s*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*\)"
)
_YEARS_AFTER = 2  # a weekday is looked for in the latest year the text speaks of and these after


def _year_of_weekday(body: str, written: DayMonth, inferred: int | None) -> tuple[int, str] | None:
    """The year of a day written without one, from the weekday written with it ("on Monday,
    September 23"): the first year, from the latest the text speaks of (or the one inferred
    from it), in which that day falls on that weekday. None without a weekday beside the day
    or a year to count from."""
    wanted = None
    for m in _WEEKDAY_NAME.finditer(body):
        if m.group(1):  # the weekday, then the day
            near = [d for d in find_dates(body[m.end() : m.end() + 20]) if d.start == 0]
        else:  # the day, then the weekday in brackets
            near = [d for d in find_dates(body[max(0, m.start() - 20) : m.start()])]
            near = near[-1:]
        if any((d.day, d.month) == (written.day, written.month) and not d.year for d in near):
            wanted = _WEEKDAYS.index((m.group(1) or m.group(2)).lower())
            break
    if wanted is None:
        return None
    years = _mentioned_years(body)
    start = inferred or (max(years) if years else None)
    if start is None:
        return None
    for year in range(start, start + _YEARS_AFTER + 1):
        day = written.resolve(year)
        if day and dt.date.fromisoformat(day).weekday() == wanted:
            return year, f"the weekday written with it (the text speaks of {start})"
    return None


# A sentence that says when the meeting was
_HELD_ON = re.compile(
    r"\b(?:meeting|talks|negotiations)\s+(?:\w+\s+){0,6}?(?:took\s+place|was\s+held|were\s+held)\b"
    r"|\b(?:was|were)\s+received\s+by\b"
    # "at the second meeting of the working group ... held in Minsk on 6 February" (under a
    # dateline of the 7th: the day it was held, not the day it was reported; not a forum's,
    # a commission's or an exhibition's day named in passing)
    r"|\b(?:at|during)\s+the\s+(?:[\w-]+\s+){0,2}?(?:meeting|talks|negotiations|session)\b"
    r"(?:(?!forum|commission|exhibition|fair|conference)[^.;]){0,150}?\bheld\s+"
    r"(?:in\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+)?on\b",
    re.I,
)


_EARLIER_ONE = re.compile(
    r"\b(?:first|previous|last|earlier|ago|since|back\s+in|once|next|will|to\s+be)\b", re.I
)


# Belarus and Russia's regions as they are: a meeting between them is of 1991 or later
FIRST_YEAR = 1991
_ON = re.compile(
    r"\b(?:[Oo]n|[Ff]rom)(?:\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"\s*[,(]?)?(?:\s+the)?\s*$"
)  # "on 5 June", "from 5 to 7 June", "on Monday (June 5, 2023)", "on Tuesday, 6 June", "on the
#    7th of February"
_REPORTED_WITHIN = 31  # days: a report's page is dated at most this long after the meeting
_YESTERDAY = re.compile(r"\byesterday\b", re.I)
_SOME_DAYS_AGO = re.compile(
    r"\b(?:last\s+(?:week|month)|the\s+other\s+day|(?:a\s+few|several|two|three)\s+days\s+ago|"
    r"earlier\s+this\s+(?:week|month))\b",
    re.I,
)
_TODAY = re.compile(r"\b(?:today|this\s+morning|this\s+afternoon)\b", re.I)
# A report opening on what has just happened ("Barnaul has hosted the 8th meeting of the
# commission", "..., as agreed by Governor X and Minister Y in Yuzhno-Sakhalinsk"): news of
# the page's day
_JUST_HAPPENED = re.compile(
    r"\b(?:has|have)\s+(?:just\s+)?(?:hosted|held|opened|signed)\s+(?:(?:a|an|the|its|their)\s+)?"
    r"(?:[\w-]+\s+){0,4}?(?:meeting|talks|session|negotiations|forum|visit|conference|"
    r"agreement|memorandum|protocol|plan|roadmap)\b|"
    r"\b(?:has|have)\s+(?:just\s+)?(?:met|agreed\s+(?:to|on))\b|"
    r"\bas\s+agreed\s+(?:by|between)\b",
    re.I,
)
# ... or told as done by the two sides, in the opening and with no year to date it otherwise:
# "The Governor was received by the President", "... received the guests", "Prime Minister X
# and Governor Y discussed cooperation in Minsk", "the sides signed a roadmap" (not "will be
# discussed", "is to be signed", "has not yet been signed", "Lukashenko signed a decree")
_TOLD_DONE = re.compile(
    r"\b(?:was|were)\s+received\s+by\b|"
    r"\breceived\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:delegation|guests?|governor|head)\b|"
    # (the second of the two named, in capitals: not "the agreements that Belarus and Russian
    # regions signed", "Belarus and Tula Oblast are carrying out the roadmap signed ...")
    r"(?:\band(?:\s+(?-i:[A-Z][\w'’.-]*|of|the)){1,10}\s+|"
    r"\b(?:the\s+)?(?:sides|parties|delegations)\s+(?:also\s+)?)"
    r"(?:discussed|signed|outlined|exchanged\s+views)\b|"
    # a delegation's or a head's visit told as done: "The Voronezh Oblast delegation headed
    # by Governor Alexander Gusev visited Minsk"
    r"\b(?:delegation|governor|head|mayor)\b[^.,;]{0,80}?\b(?:visited|arrived\s+in)\b",
    re.I,
)
# ... at another time than the page's: "last year", "during his previous visit", "next week"
_OTHER_TIME = re.compile(
    r"\b(?:last|next|previous\w*|earlier|ago|will|to\s+be|not|never|yet|had|before|once|first|"
    r"times|repeatedly|(?:19|20)\d\d|January|February|March|April|May|June|July|August|"
    r"September|October|November|December|spring|summer|autumn|fall|winter)\b",
    re.I,
)
# ... but not what has held for years: "have signed more than 30 contracts in recent years"
_FOR_YEARS = re.compile(
    r"\b(?:in\s+recent\s+years|over\s+the\s+(?:years|past)|for\s+(?:years|decades)|since\s+\d{4}|"
    r"(?:more|over)\s+than\s+\d+)\b",
    re.I,
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = re.compile(
    r"\bon\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    # "Thursday's meeting between ...", "Monday's talks"
    r"|\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)['’]s\s+"
    r"(?:meeting|talks|negotiations)\b",
    re.I,
)


def _after_on(text: str, at: int) -> bool:
    r"""Whether ``text[:at]`` ends with the word "on" and spaces ("On 5-6 December"), or "from"
    before the days of one month ("from 5 to 7 December", not "from 1 January to 30
    September", a period of trade), read back from ``at`` rather than searched for in all
    the text before each date."""
    m = _ON.search(text, max(0, at - 24), at)
    if m is None:
        return False
    if m.group(0)[:2].lower() == "on":
        return True
    days = DAY_RANGE_MONTH_YEAR.match(text, at)  # a visit's days, a week at most
    return days is not None and 0 < int(days.group("last")) - int(days.group(1)) <= 7


_ARRIVING = re.compile(r"\b(?:is|are|arrived|visit|came|comes)\b")


_IN_CITY = re.compile(
    r"\b(?:in|to)\s+([A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)\b(?!\s+(?:Oblast|Krai|Region))"
    r"(?!['’])"  # (not a possessive: "a special place in Belarus' relations")
)
_COUNTRIES = frozenset({"Belarus", "Russia"})  # no city: "in Belarus" says no place
# Regions named after no city of that name ("in Sakhalin", "in Altai", "in Sverdlovsk" of old)
_NO_SUCH_CITY = frozenset(
    {
        "Amur",
        "Leningrad",
        "Sakhalin",
        "Sverdlovsk",
        "Altai",
        "Kamchatka",
        "Primorsky",
        "Zabaykalsky",
    }
)


def _a_city(name: str) -> bool:
    """Whether "in <name>" names a city: not a region of that name only ("in Tatarstan"),
    but a city that gives an oblast or krai its name ("in Omsk", "in Krasnodar"), and the
    federal cities ("in Saint Petersburg")."""
    region = find_region(name)
    return (
        region is None
        or name in ("Minsk", "Moscow")
        or (region.kind in ("oblast", "krai", "city") and region.core not in _NO_SUCH_CITY)
    )


def _place(
    sentences: list[Sentence], meeting_sentence: Sentence | None, dateline: re.Match[str] | None
) -> str:
    """The city of the meeting: "in Minsk" in the meeting sentence (or "is in Minsk", "visit
    to Minsk" in the next one), else the dateline's city."""
    if meeting_sentence:
        at = sentences.index(meeting_sentence)
        following = sentences[at + 1 : at + 2]
        texts = [meeting_sentence.text] + [
            s.text for s in following if s.paragraph == meeting_sentence.paragraph
        ]
        for n, text in enumerate(texts):
            arriving = bool(n) and bool(_ARRIVING.search(text))
            for m in _IN_CITY.finditer(text):
                if n and not arriving:
                    break
                if m.group(0).startswith("to") and not n:
                    continue
                if m.group(1) in _COUNTRIES:
                    continue
                if _a_city(m.group(1)):
                    return m.group(1)
    return dateline.group(1).strip().title() if dateline else ""


# A sentence whose subject is Belarus or its side ("In turn, Belarus is ready to ...")
_BELARUS_SUBJECT = re.compile(
    r"^(?:(?:In\s+turn|Also|At\s+the\s+same\s+time|For\s+its\s+part|Meanwhile),?\s+)?"
    r"(?:Belarus|the\s+Belarusian\s+side|Belarusian\s+(?:enterprises|companies|producers|"
    r"manufacturers))\b(?!['’])",
    re.I,
)


_BOTH_SUBJECT = re.compile(
    r"^(?:(?:In\s+turn|Also|At\s+the\s+same\s+time|Meanwhile|In\s+addition),?\s+)?"
    r"(?:the|both)\s+(?:two\s+)?(?:sides|parties|delegations)\b",
    re.I,
)


_PRONOUN_SAID = re.compile(
    r"\b(?:he|she)\s+(?:said|added|noted|stressed|emphasi[sz]ed|remarked|continued)\b", re.I
)


def _assign_speakers(
    sentences: list[Sentence], host: Person | None, guest: Person | None, region: Region | None
) -> None:
    """Give each sentence a speaker: whoever it names first (by name or role), else the
    speaker of the sentence before in its paragraph, else the host; "both" when the sides
    together are its subject."""
    # One search per sentence: the leftmost reference, the guest's first where both begin at
    # one place (as the smallest (offset, role) was taken when each was searched for alone).
    refs = re.compile(
        "(?P<guest>" + "|".join(person_refs(guest, "guest", region)) + ")|"
        "(?P<host>" + "|".join(person_refs(host, "host")) + ")"
    )
    # where a paragraph names its speaker only after its first sentences ("“We make trucks.
    # We want your tractors,” Ivan Petrov said."), they are that speaker's words
    found = [refs.search(fold(s.text)) for s in sentences]
    first_in_paragraph: dict[int, str] = {}
    for s, m in zip(sentences, found, strict=True):
        if m and s.paragraph not in first_in_paragraph:
            first_in_paragraph[s.paragraph] = "guest" if m.group("guest") is not None else "host"
    # ... and a paragraph that names no one but "he said" is the last one named's
    pronoun_said = {s.paragraph for s in sentences if _PRONOUN_SAID.search(s.text)}
    last_speaker, last_paragraph = "host", -1
    for s, m in zip(sentences, found, strict=True):
        if s.paragraph != last_paragraph:
            carried = last_speaker if s.paragraph in pronoun_said else "host"
            last_speaker = first_in_paragraph.get(s.paragraph, carried)
            last_paragraph = s.paragraph
        if m:
            last_speaker = "guest" if m.group("guest") is not None else "host"
        elif _BELARUS_SUBJECT.match(s.text):
            # "Belarus is also ready to supply tractors": the Belarusian side's word, not
            # that of the governor quoted the sentence before
            last_speaker = "host"
        elif _BOTH_SUBJECT.match(s.text):
            # "The sides also discussed cooperation in agriculture": neither proposed it
            # alone (it was credited to the host). This sentence only: a quote after it is
            # still its speaker's ("... our tractors," he said)
            s.speaker = "both"
            continue
        s.speaker = last_speaker


def _meeting_id(date: str | None, region: Region | None) -> str:
    return draft_id(date or "", region.name if region else "")
