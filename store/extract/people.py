"""People and regions: titled officials, their side, and the 89 federal subjects in text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..regions import REGIONS, Region, find_region, fold
from .dates import MONTHS

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
        "Executive",
        "Committee",
        "Council",
        "Government",
        "Administration",
        "Department",
        "House",
        "Representatives",
        "Duma",
        "Parliament",
        "Chamber",
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


# Belarus's own regions and their executive committees: "Chairman of the Vitebsk Oblast
# Executive Committee" is on the Belarusian side.
_BELARUSIAN_REGION = re.compile(
    r"\b(?:brest|vitebsk|gomel|homiel|grodno|hrodna|minsk|mogilev|mahilyow)\s+(?:oblast|region)\b|"
    r"\bexecutive\s+committee\b"
)


def _side_of(title: str, region: Region | None) -> str:
    folded = fold(title)
    if re.search(r"\b(?:u\.s|us|american|european|eu|chinese|ukrain\w*|uk|british)\b", folded):
        return ""
    if "belarus" in folded or _BELARUSIAN_REGION.search(folded):
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
