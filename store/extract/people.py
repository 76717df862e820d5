"""People and regions: titled officials, their side, and the 89 federal subjects in text."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable

from msgspec import Struct

from ..regions import BELARUS_REGIONS, REGIONS, Region, find_region, fold
from .dates import MONTHS
from .needs import alternation
from .officials import official_posts, regional_head_posts

# A capitalised word with a lower-case letter after the first. Written as "a lower-case letter
# lies ahead" plus a possessive run of letters: the plain form, letters* lower letters*,
# backtracks over every split of a long run of letters (30 s for one 30 KB "word"); this one
# matches the same words and is linear.
NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž](?=[^\W\d_]*?[a-zß-öø-ÿā-ž])[^\W\d_]*+(?:[-'’][^\W\d_]+)?"


_NAME = re.compile(rf"(?=\b({NAME_WORD})\s+({NAME_WORD})\b)")  # overlapping matches
# A name's initials before a surname: "Yu.V. Trushchenko", "A. Lukashenko" ("St. Petersburg",
# "Mr. ", an abbreviation such as "U.S.", and initials before a post or a nationality are not;
# see _initials_read for what else)
_INITIALS = re.compile(
    r"\b(?!(?:St|Mr|Ms|Dr|Mt|No|Co|Jr|Sr)\.)(?!(?:U\.S|U\.N|U\.K|E\.U|R\.F|R\.B)\.)"
    r"([A-Z][a-z]?)\.(?:\s?[A-Z][a-z]?\.)?\s"
    r"(?=[A-Z][a-z]{2,})(?!(?:Ambassador|President|Governor|Minister|Prime|Deputy|Head|Chairman|"
    r"Chairwoman|Mayor|Secretary|Director|Senator|Speaker|Consul|Rais|Leader|Vice|Belarusian|"
    r"Russian|Belarus|Russia)\b)"
)
_CAPITALISED_BEFORE = re.compile(r"([A-Z][\w’'-]*)\s$")


def _initials_read(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each name's initials as a word of the same length ("Yu.V. " as "Yxxxx "),
    and where they are. Not after a capitalised word that is a name's: a middle initial
    ("Alexander G. Lukashenko") or a surname's ("Ivanov A.V."). Initials inside a body's name
    ("the P.M. Masherov University") are read too: :func:`find_people` drops a person whose
    title or surname runs over them."""
    spans: list[tuple[int, int]] = []

    def word(m: re.Match[str]) -> str:
        before = _CAPITALISED_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if before is not None:
            prev = before.group(1)
            # (after a post or a body's word, "Committee Yu.V. Trushchenko", "Governor A.
            # Chibis", they are a name's; after a first name or a surname, not)
            if not (
                fold(prev) in _NOT_NAMES
                or _POST_WORD.fullmatch(prev)
                or _POST_WORD_WHOLE.fullmatch(prev)
                or find_region(prev)
            ):
                return m.group(0)
        spans.append((m.start(), m.end()))
        return m.group(1)[0] + "x" * (len(m.group(0)) - 2) + " "

    return _INITIALS.sub(word, text), spans


_POSTS = (
    r"(?:Deputy\s+|First\s+Deputy\s+|Vice[\s-]|deputy\s+|first\s+deputy\s+|vice-)?(?:Prime\s+Minister|"
    r"President|Governor|Head|Chairman|Chairwoman|Chairperson|Chair|Speaker|Rais|Ambassador|Mayor|"
    r"Minister|Secretary|Director|Director\s+General|Chief|Rector|Senator|Deputy|Leader|Premier|"
    r"Plenipotentiary|Representative|Consul|CEO|PM|"
    # a member of a body ("member of the Federation Council"), never a member alone
    r"Member(?=\s+of\b)|member(?=\s+of\s+the\s+[A-Z])|"
    # in lower case only the posts that are never ordinary words before a name
    r"prime\s+minister|president|governor|head|chairman|chairwoman|mayor|minister|ambassador|"
    r"speaker|leader)"
)


# How far before a name its title is looked for.
_TITLE_REACH = 120


_TITLE_BEFORE = re.compile(
    rf"((?:(?:the\s+)?(?:current\s+)?(?:Belarusian|Belarus['’]s?|Russian|Russia['’]s?|"
    # ("Agriculture and Food Minister": an "and" between capitals, cut off again by
    # _cut_title unless it joins a ministry's two fields)
    rf"[A-Z][\w.]*(?:\s+and(?=\s+[A-Z]))?)\s+)*(?:acting\s+|interim\s+)?{_POSTS}\b[^.;:“”\"]*?)\s*$"
)


# A word every post in _POSTS contains, and the characters a title cannot run across: a title
# is looked for (with _TITLE_BEFORE) only where one of these words follows the last of those
# characters before the name, which _TITLE_BEFORE needs anyway.
_POST_WORD = re.compile(
    r"Minister|President|Governor|Head|Chair|Speaker|Rais|Ambassador|Mayor|Secretary|"
    r"Director|Chief|Rector|Senator|Deputy|Leader|Premier|Plenipotentiary|Representative|"
    r"Consul|CEO|Member|member"
)
# Post words matched as whole words only (posts in lower case, "governor of Russia's Kaluga
# province", and "PM"), so that none begins inside another word ("ahead") or post word.
_POST_WORD_WHOLE = re.compile(
    r"\b(?:PM|minister|president|governor|head|chair|speaker|ambassador|mayor|leader)\b"
)
# A short name in quotes, as some outlets set off a region they do not recognise ("the
# leader of the "DPR" Denis Pushilin"): read without its quotes (the same length: offsets hold)
_QUOTED_SHORT = re.compile(r"[\"“«]([A-Z][A-Za-z]{1,5})[\"”»]")
_TITLE_STOPS = '.;:“”"'
_SAINT = re.compile(r"\bSt\.(?=\s*[A-Z])")


_NOT_NAMES = {
    w.lower()
    for w in [
        "Executive",
        "Committee",
        "Council",
        "Government",
        "Administration",
        "Department",
        # the last word of a body's name before its head's name ("Council of Deputies Elena
        # Pasyuta", "Committee on Social Issues Solomon Apoyan")
        "Deputies",
        "Issues",
        "Affairs",
        "Relations",
        "Policy",
        "House",
        "Representatives",
        "Duma",
        "Parliament",
        "Chamber",
        "Belarus",
        "Belarusian",
        "Byelorussia",  # (the older spellings)
        "Byelorussian",
        "Belorussia",
        "Belorussian",
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


MEETING_VERB = re.compile(
    r"\b(?:met|meets|meeting|talks|talked|received|receives|conversation|spoke)\s+with\b|"
    r"\bat\s+(?:a|the)\s+meeting\s+with\b|\bheld\s+talks\s+with\b|"
    r"\b(?:meeting|talks|negotiations)\s+(?:(?:was|were)\s+held\s+|took\s+place\s+)?between\b",
    re.I,
)


class Person(Struct):
    name: str
    title: str
    side: str  # belarus, russia, or "" (foreign, unknown)
    start: int = 0


# Belarus's own regions and their executive committees: "Chairman of the Vitebsk Oblast
# Executive Committee" is on the Belarusian side.
_BELARUSIAN_REGION = re.compile(
    rf"\b{BELARUS_REGIONS}\b|"
    r"\bexecutive\s+committee\b|"
    # the houses of Belarus's parliament ("Speaker of the Council of the Republic"; not "the
    # State Council of the Republic of Tatarstan")
    r"(?<!state\s)\bcouncil\s+of\s+the\s+republic\b(?!\s+of\s+(?!belarus))|"
    r"\bhouse\s+of\s+representatives\b|"
    # a Belarusian oblast's or city's council ("Chairman of the Mogilev Regional Council of
    # Deputies")
    r"\b(?:brest|vitebsk|gomel|homel|grodno|hrodna|minsk|mogilev|mahilyow|mahiliou)\s+"
    r"(?:regional|oblast|city|district)\s+(?:council|executive)\b|"
    # a Belarusian city's mayor ("Minsk Mayor Andrei Shorets", "the mayor of Brest")
    r"\b(?:minsk|brest|vitebsk|gomel|homel|grodno|hrodna|mogilev|mahilyow|mahiliou)\s+"
    r"(?:mayor|city\s+(?:mayor|head|council))\b|"
    r"\b(?:mayor|head)\s+of\s+(?:the\s+city\s+of\s+)?(?:minsk|brest|vitebsk|gomel|homel|grodno|"
    r"hrodna|mogilev|mahilyow|mahiliou)\b(?!\s+(?:oblast|region))",
    re.I,
)


_FOREIGN = re.compile(r"\b(?:u\.s|us|american|european|eu|chinese|ukrain\w*|uk|british)\b")


_RUSSIAN_ENVOY = re.compile(
    r"\b(?:ambassador|envoy|consul(?:\s+general)?)\s+of\s+(?:the\s+)?russia(?:n\s+federation)?\b|"
    r"\brussia(?:n|['’]s?)?\s+(?:ambassador|envoy|consul)\b|"
    # an envoy to Belarus is not Belarus's ("Russia's ambassador to Byelorussia")
    r"\b(?:ambassador|envoy)\s+(?:\w+\s+){0,3}?to\s+(?:the\s+republic\s+of\s+)?"
    r"(?:belarus|byelorussia|belorussia)\b"
)


def _side_of_post_before(text: str, at: int, region: Region | None, named_to: int) -> str:
    """The side of a post set off by a comma right before ``at`` (where a second post
    begins), read from the words after the last "and", "with" or "between" before it; not
    the post of a person named just before the comma (``named_to``: where the last one found
    ends): "At a meeting with Kaluga Region's Governor Anatoly Artamonov, Deputy Minister
    ... Dmitry Semenkevich" names two people."""
    if at < 0:
        return ""
    before = text[max(0, at - 160) : at].rstrip()
    if not before.endswith(",") or not text[max(named_to, 0) : at].strip(" ,"):
        return ""
    clause = re.split(r"\b(?:and|with|between)\s+", before[:-1])[-1]
    return _side_of(clause, region) if _POSTS_RE.search(clause) else ""


def _side_of(title: str, region: Region | None) -> str:
    folded = fold(title)
    if _FOREIGN.search(folded):
        return ""
    if _RUSSIAN_ENVOY.search(folded):  # "Ambassador of Russia to Belarus"
        return "russia"
    if (
        "belarus" in folded
        or "byelorussia" in folded  # (the older spellings)
        or "belorussia" in folded
        or _BELARUSIAN_REGION.search(folded)
    ):
        return "belarus"
    if (
        "russia" in folded
        or "governor" in folded
        # the houses of Russia's parliament ("member of the Federation Council")
        or "federation council" in folded
        or "council of the federation" in folded
        or "state duma" in folded
        or "regional government" in folded
        or region_in(title) is not None
    ):
        return "russia"
    if region is not None and fold(region.core) in folded:
        return "russia"
    if _MINISTER.match(folded):
        # "Prime Minister Roman Golovchenko met with Gleb Nikitin": Russia's regions have
        # governors and heads; a prime minister, minister or ambassador of no country or
        # region named is Belarus's
        return "belarus"
    return ""


_MINISTER = re.compile(
    r"^(?:the\s+)?(?:(?:first\s+)?deputy\s+)?(?:prime\s+minister|premier|minister|ambassador)\b"
    r"(?!.*\bof\b)"
)


def is_post(words: str) -> bool:
    """Whether two capitalised words are a post or a body, not a name ("Prime Minister",
    "Minsk Mayor")."""
    return any(fold(w).lower() in _NOT_NAMES for w in words.split()) or bool(
        _POST_WORD_WHOLE.search(words) or _POST_AS_WORD.search(words)
    )


_POST_AS_WORD = re.compile(rf"\b(?:{_POST_WORD.pattern})\b")  # ("Raisa" is a name)


def region_in(text: str) -> Region | None:
    hits = region_mentions(text)
    return hits[0][0] if hits else None


# The patterns _tidy_title applies to every title found (compiled once: a long text can have
# thousands of titled names).
_TITLE_ARTICLE = re.compile(r"^\s*(?:the\s+)?(?:current\s+|visiting\s+|then\s+)?", re.I)
_OF_RUSSIA = re.compile(r"\s+of\s+the\s+Russian\s+Federation\b")
_RUSSIAS = re.compile(r"\bRussia['’]s?\s+")
_BELARUS_TITLE = re.compile(r"(?:Belarusian|Belarus['’]s?)\s+(.+)$")
_TO_OF_FOR = re.compile(r"\b(?:to|of|for)\b")
_RUSSIAN = re.compile(r"^Russian\s+")


def _tidy_title(title: str, side: str) -> str:
    title = " ".join(_TITLE_ARTICLE.sub("", title).split())
    title = _OF_RUSSIA.sub("", title)
    title = _RUSSIAS.sub("", title).strip()
    if side == "belarus":
        m = _BELARUS_TITLE.match(title)
        if m and not _TO_OF_FOR.search(m.group(1)):
            title = f"{m.group(1)} of Belarus"
        elif m:
            title = f"Belarusian {m.group(1)}"
    title = _RUSSIAN.sub("", title) if side == "russia" else title
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


_BRACKETS = re.compile(r"\s*\([^)]*\)")

# A title after the name, set off by a comma or in brackets: "Sergei Morozov, Governor of
# Russia's Ulyanovsk Oblast", "Alexander Smekalin (Chairman of the regional Government)".
_TITLE_AFTER = re.compile(
    r"\s*(?:,|\()\s*((?:the\s+)?(?:current\s+)?(?:(?:Belarusian|Belarus['’]s?|Russian|Russia['’]s?)"
    rf"\s+)?{_POSTS}\b[^.;:“”\"(),]{{0,{_TITLE_REACH}}})"
)
_TITLE_AFTER_CUT = re.compile(
    r"\s+(?:and|who|which|said|says|noted|stressed|with|has|had|is|was|currently|now|visiting|"
    r"during|on\s+(?:a|his|her|the)\s+visit)\b"
)
_TITLE_CUT = re.compile(
    r"[,;]|\b(?:with|and|said|met|as|by|that|when|told|asked|thanked|invited|welcomed|"
    r"received|visited|called|instructed|has|have|had|is|was|were|will)\b|"
    # a Title-Case headline's verb ("Lukashenko Meets Omsk Governor Vitaly Khotsenko")
    r"\b(?:Meets|Met|Visits|Holds|Says|Tells|Receives|Invites|Urges|Thanks|Welcomes|"
    r"Discusses|Hosts)\b|"
    # a sentence's end ("… the EAEU. The president has instructed Belarusian Ambassador …")
    r"(?<=[a-z\d)A-Z][.!?])\s+(?=[A-Z])"
)
_POSTS_RE = re.compile(_POSTS)
_STOP = re.compile("[" + re.escape(_TITLE_STOPS) + "]")


# A capitalised word right after a pair, the run going on (not a day or month that follows
# a name: "met Ivan Petrov Monday")
_RUN_ON = re.compile(
    rf" (?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    rf"March|April|May|June|July|August|September|October|November|December)\b)"
    rf"({NAME_WORD})\b(?!['’])"
)
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ichna|yich|mich|ich)$")
# Capitalised words after a name that are not the rest of one: a headline's words, an
# agency ("Governor Dmitry Milyaev Meets", "... Milyaev BelTA reports")
_NOT_NAME_WORDS = frozenset((
    "meets", "met", "meet", "meeting", "visits", "visit", "visited", "says", "said", "holds",
    "held", "talks", "discusses", "discussed", "calls", "invites", "receives", "received",
    "signs", "signed", "urges", "wants", "hopes", "sees", "notes", "is", "are", "was", "has",
    "had", "have", "will", "to", "and", "of", "in", "on", "with", "for", "at", "the", "a",
    "an", "as", "about", "after", "from", "by", "this", "that", "news", "reports", "today",
    "tomorrow", "yesterday", "photo", "video",
))  # fmt: skip


def _continues_name(word: str, person_like: Callable[[str, str, int, int], bool]) -> bool:
    """Whether a capitalised word right after a pair may be the rest of a name (a surname
    after a patronymic, the name after the last word of a post): not an agency's name with
    capitals inside ("BelTA"), a place, a post or a headline's word."""
    if any(c.isupper() for c in word[1:]) or fold(word) in _NOT_NAME_WORDS:
        return False
    if is_post(word) or find_region(word) or fold(word) in ("belarus", "russia", "minsk"):
        return False
    return person_like(word, word, 0, 0)


# A title that ends on a word that needs more after it: what follows is still the title
_OPEN_TITLE = re.compile(r"\b(?:of|for|and|on|in|the|to)$")


# A ministry's portfolio of two fields, before its post: "Agriculture and Food Minister",
# "Industry and Trade Minister" (the "and" is the ministry's, not between two people)
_PORTFOLIO_AND = re.compile(
    r"\b(?:Agriculture|Industry|Trade|Economy|Finance|Education|Science|Culture|Sports?|"
    r"Tourism|Health|Transport|Communications?|Labou?r|Energy|Construction|Architecture|"
    r"Housing|Regulation|Taxes|Information|Resources)\s+and\s+(?=[A-Z])"
)


_MINISTER_AFTER = re.compile(r"\s+[A-Z][\w-]+\s+(?:Minister|Ministry)\b")


def _cut_title(title: str) -> str:
    """The end of ``title`` after the last word that ends a title ("with", "said", a comma):
    over an "and" inside a post ("Minister of Natural Resources and Environmental
    Protection") when what follows it names no post, or when it joins a ministry's two
    fields ("Agriculture and Food Minister")."""
    cuts = list(_TITLE_CUT.finditer(title))
    while cuts:
        cut = cuts.pop()
        rest = title[cut.end() :].strip()
        word = title.rfind(" ", 0, cut.start() - 1) + 1  # (the word before the "and")
        if (
            cut.group() == "and"
            and _PORTFOLIO_AND.match(title, word)
            # (not after a whole post, "Minister of Health and Tula Governor ...")
            and not _POSTS_RE.search(title, 0, word)
            and _MINISTER_AFTER.match(title, cut.end())
        ):
            continue

        if _POSTS_RE.search(rest) or cut.group() != "and":
            return rest
    return title.strip()


class _Backwards:
    """The text reversed (made when first needed), to find the last of some characters before
    a place with one search instead of a search per character."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._reversed: str | None = None

    def last_stop(self, start: int, end: int) -> int:
        """The offset of the last _TITLE_STOPS character in text[start:end], or -1."""
        if self._reversed is None:
            self._reversed = self.text[::-1]
        n = len(self.text)
        m = _STOP.search(self._reversed, n - end, n - start)
        return n - 1 - m.start() if m else -1


# Titled people read from one text at most. A report names a handful of officials; a text
# with hundreds of "titled names" (a page of capitalised words) is not one meeting's report,
# and reading each title costs tens of microseconds: the first ones are kept.
MAX_PEOPLE = 200


def find_people(text: str, region: Region | None) -> list[Person]:
    """Titled people in ``text`` ("Governor of Russia's Penza Oblast Oleg Melnichenko"), in
    text order; at most MAX_PEOPLE of them."""
    people: list[Person] = []
    written = text  # (names are taken from it: initials stand for a word below)
    if "." in text:
        # "Deputy Chairman Yu.V. Trushchenko": the initials read as a first name, of the same
        # length (offsets hold); the name is then the text as written
        text, initials = _initials_read(text)
    else:
        initials = []
    if '"' in text or "“" in text or "«" in text:
        text = _QUOTED_SHORT.sub(lambda m: f" {m.group(1)} ", text)
    if "St." in text:  # "Governor of St. Petersburg ...": a title runs on over its full stop
        text = _SAINT.sub("St ", text)  # (the same length: offsets hold)
    # Characters inside a region's name (offsets of the folded text, as they always were): a
    # mask answers "does this pair overlap a region" at once, where comparing with every
    # region made a text full of region names quadratic.
    spans = _region_spans(text)
    in_region = bytearray(max([len(text), *(start + n for _, start, n in spans)]) + 1)
    for _, start, length in spans:
        in_region[start : start + length] = b"\x01" * length
    backwards = _Backwards(text)
    # Where the post words are, found once: no two can overlap (none begins with a capital
    # found inside another), so these are the ones a search of any stretch of text finds.
    posts = sorted(
        (m.start(), m.end())
        for pattern in (_POST_WORD, _POST_WORD_WHOLE)
        for m in pattern.finditer(text)
    )
    post_starts = [start for start, _ in posts]

    def post_between(start: int, end: int) -> bool:  # _POST_WORD.search(text, start, end)
        i = bisect.bisect_left(post_starts, start)
        return i < len(posts) and posts[i][1] <= end

    def person_like(first: str, last: str, at: int, end: int) -> bool:
        """Whether the capitalised pair at ``at`` can be a person's name."""
        if fold(first) in _NOT_NAMES or fold(last) in _NOT_NAMES:
            return False
        if first.endswith(("'s", "’s", "'", "’")) or in_region.find(1, at, end) >= 0:
            return False  # "Russia's Nizhny", "Novgorod Region": not a person
        return not (
            find_region(f"{first} {last}")
            or (find_region(first) and fold(first) not in _ALSO_FIRST_NAMES)
            or find_region(last)
        )

    named_to = 0  # where the last person found ends: no title runs back over a name
    for m in _NAME.finditer(text):
        at = m.start()
        first, last = m.group(1), m.group(2)
        end = at + len(first) + 1 + len(last)
        if at < named_to:  # the second half of a name found ("Yefimov said")
            continue
        run = _RUN_ON.match(text, end)
        if run and _continues_name(run.group(1), person_like):
            if not _PATRONYMIC.search(last):
                # the end of a title, not a name: "Minister of Industry Alexander Yefimov",
                # "... and Environmental Protection Andrei Khudyk" (the name is the last pair)
                continue
            # "Aleksandr Grigoryevich Lukashenko": the name and surname, over the patronymic
            last, end = run.group(1), run.end()
        # ("notes President Alexander Lukashenko on meeting the Governor of the Russian
        # Sakhalin Region, Oleg Kozhemyako": the governor's post starts after the President)
        reach = max(0, at - _TITLE_REACH, named_to if named_to <= at else 0)
        titled_before = post_between(reach, at) and post_between(
            max(reach, backwards.last_stop(reach, at) + 1), at
        )  # a post named after the last full stop or quote
        after = _TITLE_AFTER.match(text, end)
        if not titled_before and after is None:
            continue
        if not person_like(first, last, at, end):
            continue
        # The post right before the name ("Governor of Khabarovsk Krai Dmitry Demeshin"),
        # else one set off right after it ("told Sergei Orlov, governor of Omsk Oblast").
        # After a name that has its post, the phrase after a comma is the next person's
        # ("Demeshin, the President of Belarus Alexander Lukashenko outlined") or the
        # sentence's subject ("Governor Alexander Gusev, the President of Belarus noted").
        title = ""
        read = [(at + len(first), end)]  # (where the name's surname and title were read)
        if titled_before:
            tm = _TITLE_BEFORE.search(text[reach:at])
            if tm:
                read.append((reach + tm.start(1), at))
                title = _BRACKETS.sub("", tm.group(1))  # "Rais (head) of Tatarstan"
                # "the Governor of Altai Krai, Viktor Tomenko": the comma sets the name off
                title = _cut_title(title.rstrip(", "))
        if after and not _POSTS_RE.search(title):
            read.append((after.start(1), after.end(1)))
            title = _TITLE_AFTER_CUT.split(after.group(1))[0].strip()
            base = after.start(1)
            if any(  # another person's post and name: not this one's
                person_like(n.group(1), n.group(2), base + n.start(), base + n.end())
                for n in _NAME.finditer(after.group(1), 0, len(title))
            ):
                title = ""
        if not _POSTS_RE.search(title) or _OPEN_TITLE.search(title):
            continue  # (no post; or a post that runs on into the pair: "Minister of" Industry)
        if initials and any(lo <= a < hi for a, _b in initials for lo, hi in read):
            continue  # initials read as a word inside a title or a surname: not a name
        side = _side_of(title, region)
        if not side and titled_before and title:
            # "Deputy Chairman of the Cabinet of Ministers of Russia's Chuvashia Republic,
            # Agriculture Minister Sergei Artamonov": a first post, set off by a comma, says
            # whose the second is
            side = _side_of_post_before(text, text.rfind(title, reach, at), region, named_to)
        if not side and official_posts(f"{first} {last}"):
            side = "belarus"  # ("Deputy Minister of Industry X": a Belarusian official's post)
        elif not side and regional_head_posts(f"{first} {last}"):
            side = "russia"  # (a head of one of Russia's regions, titled with no region)
        if initials and first != written[at : at + len(first)]:
            first = written[at : at + len(first)]  # ("Yu.V.", as written)
        people.append(Person(f"{first} {last}", _tidy_title(title, side), side, m.start()))
        named_to = end
        if len(people) >= MAX_PEOPLE:
            break
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
        _REGION_RE = re.compile(r"\b" + _trie_pattern(list(_REGION_BY_SPELLING)) + r"\b")
    return _REGION_RE


_SEPARATOR = " "  # between the words of a spelling key; matched as [\s-]+


def _trie_pattern(keys: list[str]) -> str:
    """An alternation of ``keys`` (words matched with any run of spaces or hyphens between
    them) as a prefix tree (see needs.alternation): tried as four hundred spellings one after
    another, finding regions was the slowest scan of a long article."""
    return alternation(keys, {_SEPARATOR: r"[\s-]+"})


def _spelling_key(folded: str) -> str:
    return " ".join(folded.replace("-", " ").split())


def region_mentions(text: str) -> list[tuple[Region, int]]:
    """(region, offset) for each mention of a federal subject in ``text``, longest spelling
    first and without overlaps, in text order."""
    return [(region, start) for region, start, _ in _region_spans(text)]


@functools.lru_cache(maxsize=8)
def _region_spans(text: str) -> tuple[tuple[Region, int, int], ...]:
    """(region, offset, length) of each mention, offsets in the folded text. Cached: the
    draft asks for the regions of the same body (and of the same titles) more than once."""
    pattern = _region_re()
    folded = fold(text)
    return tuple(
        (_REGION_BY_SPELLING[_spelling_key(m.group())], m.start(), m.end() - m.start())
        for m in pattern.finditer(folded)
        if not (m.group() in _ALSO_FIRST_NAMES and _SURNAME_NEXT.match(folded, m.end()))
    )


# Regions whose bare name is also a man's first name: "Vladimir Vladimirov" is a governor (of
# Stavropol), not Vladimir Oblast. Followed by another name, the word is the person's.
_ALSO_FIRST_NAMES = {"vladimir"}
_SURNAME_NEXT = re.compile(
    r"\s+(?!(?:oblast|region|krai|territory|province|governor|government|administration))"
    r"[a-z][a-z'-]+"
)


def person_refs(person: Person | None, role: str, region: Region | None = None) -> list[str]:
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
