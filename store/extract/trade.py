"""Trade figures (period, metric, value, qualifier, change) and the goods traded."""

from __future__ import annotations

import re
from typing import Any

from msgspec import Struct

from ..analysis import term
from ..regions import Region, find_region
from .dates import MONTH, MONTHS
from .goods import (
    GOODS_LEXICON,
    SAID_VERB,
    VAGUE_GOODS,
    is_good,
    made_by_belarusian,
    named_goods,
    offered_goods,
    shares_work_noun,
    spoken,
)
from .needs import may_match
from .page import Sentence
from .people import Person, region_mentions

USD_AMOUNT = re.compile(
    r"(?:US\s?\$|\$|USD\s?)\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|"
    # a decimal comma before a unit, as translations write it: "$1,2 billion"
    r"\d{1,3},\d{1,2}(?=\s*(?:million|billion|mln|bln|bn|mn)\b)|"
    r"\d{1,15}(?:\.\d+)?)(?![\d,])\s*"
    r"(million|billion|trillion|thousand|mln|bln|bn|mn|tn|m\b|b\b)?"
    r"|(?<![\d.,])(\d{1,3},\d{1,2}(?=\s*(?:million|billion|mln|bln|bn|mn)\b)|\d{1,15}(?:\.\d+)?)"
    r"\s*(million|billion|trillion|thousand|mln|bln|bn|mn)\s+"
    r"(?:(?:U\.?S\.?\s+)?dollars|USD\b)"  # "120 million US dollars", "120 mln USD"
    r"|\b(half\s+a|a\s+quarter\s+of\s+a|quarter\s+of\s+a|three\s+quarters\s+of\s+a|"
    r"(?:one|two|three)\s+and\s+a\s+half|a|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(million|billion)\s+(?:U\.?S\.?\s+)?dollars",  # "half a billion dollars"
    re.I,
)

# the millions after the billions: "$1 billion 200 million"
_AND_MILLIONS = re.compile(r"\s+(\d{1,3})\s+(?:million|mln|mn)\b", re.I)

_NUMBER_WORDS = {
    "half a": 0.5, "a quarter of a": 0.25, "quarter of a": 0.25, "three quarters of a": 0.75,
    "one and a half": 1.5, "two and a half": 2.5, "three and a half": 3.5, "a": 1, "one": 1,
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10,
}  # fmt: skip


_QUALIFIERS = (
    "slightly more than", "slightly less than", "slightly over", "a little over", "more than",
    "less than", "in excess of", "at least", "close to", "up to", "just over", "just under",
    "approximately", "approximated", "about", "around", "nearly", "almost", "over", "some",
    "roughly", "exceeded", "exceeding", "exceeds", "under", "below", "above", "estimated at",
    "approached", "approaching", "neared", "nearing", "exceed", "surpassed", "surpassing",
    "surpasses", "surpass", "topped",
)  # fmt: skip


_QUALIFIER_RE = re.compile(
    r"\b("
    + "|".join(re.escape(q) for q in sorted(_QUALIFIERS, key=len, reverse=True))
    + r")\s*(?:of\s+|at\s+|to\s+)?(?:the\s+)?$|"
    # or an adverb of degree before the verb: "almost reached $500 million", "nearly
    # amounted to" (not "the goods listed above reached": "above" is no degree there)
    + r"\b(almost|nearly|roughly|approximately|practically|virtually)\s+"
    + r"(?:reached|amounted\s+to|totall?ed|hit|stood\s+at|came\s+to)\s+$",
    re.I,
)


# "almost 10%", "15 percent": a qualifier and a number (groups 1 and 2 of _PERCENT)
_PCT = (
    r"(almost|nearly|about|approximately|over|more\s+than|some)?\s*(\d+(?:\.\d+)?)\s*"
    r"(?:%|per\s*cent|percent)"
)


# "the same period last year", "the same period of 2023": a part-year's base
_SAME_PERIOD = (
    r"the\s+same\s+period\s+(?:of\s+|in\s+)?(?:last\s+year|the\s+previous\s+year|\d{4}|"
    r"a\s+year\s+(?:earlier|ago))"
)


_CHANGE = re.compile(
    r"\b(up|upped\s+by|added|down|an?\s+increase\s+of|a\s+decrease\s+of|a\s+drop\s+of|a\s+decline\s+of|"
    r"a\s+rise\s+of|growth\s+of|increased\s+by|decreased\s+by|grew\s+by|fell\s+by|rose\s+by|"
    r"dropped\s+by|declined\s+by|(?:having\s+)?(?:grown|increased|risen|decreased|fallen)\s+by|"
    r"growth\s+(?:\w+\s+){0,4}?-?)\s*(?:by\s+)?"
    + _PCT
    + r"(?:\s+(over|compared\s+(?:to|with)|against|from|on|year-on-year)\s*"
    r"((?:the\s+)?(?:\d{4}|last\s+year|the\s+previous\s+year|a\s+year\s+earlier)|"
    + _SAME_PERIOD
    + r")?)?",
    re.I,
)


# _PCT searched for on its own. The digits are not taken to start inside a run of digits: a
# match from inside a run is also one from its start, which the search tries first, so this
# finds the same; without it a long run of digits is read to its end from each of its digits.
_PERCENT = re.compile(_PCT.replace(r"(\d+", r"((?<!\d)\d+", 1), re.I)


_GROWTH = re.compile(
    r"\b(?:growth|grew|increase[ds]?|rise|rose|up|upped|added|jumped|surged|decline[ds]?|"
    r"decrease[ds]?|fell|drop(?:ped)?|down|doubled|tripled|quadrupled|halved)\b",
    re.I,
)


_TRADE_WORDS = re.compile(
    r"\b(?:trade[ds]?|trading|turnover|exports?|imports?|exported|imported|figure)\b", re.I
)


_NEGATIVE = re.compile(
    r"\b(?:down|decrease|drop|decline|decreased|fell|fallen|dropped|declined|shrank|shrunk|"
    r"contracted)\b",
    re.I,
)


_MONTH_RANGE = re.compile(
    rf"\b(?:from\s+)?({MONTH})\s*(?:-|–|—|to|through|till|until)\s*({MONTH})"
    r"(?:\s+(?:of\s+)?(this\s+year|last\s+year|(\d{4})))?",
    re.I,
)


# One month, after "in": "In January 2024 alone, mutual trade amounted to $85 million" (not a
# day's date: "on 12 March 2024")
_ONE_MONTH = re.compile(
    rf"\b(?i:in)\s+({MONTH})\s+(?:(?:of\s+)?(this\s+year|last\s+year)|(\d{{4}}))\b"
)


_HALF = re.compile(
    r"\b(?:in\s+)?the\s+(first|second|third|fourth|first\s+(?:two|three)|(?:1st|2nd|3rd|4th))\s+"
    r"(half|quarters?)(?:\s+of\s+(this\s+year|last\s+year|(\d{4})))?",
    re.I,
)
# The months of a half or quarter ("the third quarter": July to September; "the first three
# quarters": January to September)
_PART_MONTHS = {
    ("first", "half"): (1, 6), ("second", "half"): (7, 12),
    ("first", "quarter"): (1, 3), ("second", "quarter"): (4, 6),
    ("third", "quarter"): (7, 9), ("fourth", "quarter"): (10, 12),
    ("first two", "quarters"): (1, 6), ("first three", "quarters"): (1, 9),
}  # fmt: skip
_ORDINALS = {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth"}


_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11,
}  # fmt: skip
# "for nine months of 2021", "over 4 months", "in the first five months of this year"
# how many months: "eight", "8" (a part of a year: one to eleven)
_MONTH_COUNT = r"(one|two|three|four|five|six|seven|eight|nine|ten|eleven|[1-9]|1[01])"
_MONTHS_OF = re.compile(
    rf"\b(?:the\s+)?(?:first\s+)?{_MONTH_COUNT}\s+months"
    r"(?:\s+of\s+(?:the\s+)?(this\s+year|last\s+year|year|(\d{4})))?",
    re.I,
)
_MONTHS_YEAR_NEXT = re.compile(r",?\s+(?:in|of)\s+((?:19|20)\d{2})\b(?!\s*(?:-|–|—|to)\s*\d)")
# "The turnover for eight months amounted to": months of the year told after the amount (not
# "stalled over the last two months, trade ...", nor "for six months in a row")
_MONTHS_FOR = re.compile(
    rf"\b(?:for|in|during)\s+(?:the\s+)?(?:first\s+)?{_MONTH_COUNT}\s+months\b"
    r"(?!\s+in\s+a\s+row)[^,;]{0,60}$",
    re.I,
)
# a percentage in words: "increased by almost four percent"
_PERCENT_UNITS = {w: n for w, n in _WORD_NUMBERS.items() if n < 10}
_PERCENT_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                 "seventy": 70, "eighty": 80, "ninety": 90}  # fmt: skip
_PERCENT_WORDS = {
    **_WORD_NUMBERS, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, **_PERCENT_TENS,
}  # fmt: skip
_PERCENT_IN_WORDS = re.compile(
    r"(?<![\w-])(?:("
    + "|".join(_PERCENT_TENS)
    + r")[-\s]("
    + "|".join(_PERCENT_UNITS)
    + r")|("
    + "|".join(_PERCENT_WORDS)
    + r"))(?=\s*(?:%|per\s*cent\b|percent\b))",
    re.I,
)  # ("forty-five per cent": 45, not "forty-5")


def _percent_in_figures(text: str) -> str:
    """``text`` with a percentage written in words in figures ("four percent": "4 percent"),
    as the patterns of changes read them (the same length or shorter: only the figures read
    from the text are kept, not where they were)."""
    if "per" not in text and "%" not in text:
        return text

    def figure(m: re.Match[str]) -> str:
        if m.group(3):
            return str(_PERCENT_WORDS[m.group(3).lower()])
        return str(_PERCENT_TENS[m.group(1).lower()] + _PERCENT_UNITS[m.group(2).lower()])

    return _PERCENT_IN_WORDS.sub(figure, text)


# "H1 2008", "in Q3 2024", "9M 2023"
_SHORT_PART = re.compile(r"\b(H1|H2|Q1|Q2|Q3|Q4|1H|2H|9M)(?:\s+(?:of\s+)?(\d{4}))?\b")
_SHORT_MONTHS = {
    "H1": (1, 6), "1H": (1, 6), "H2": (7, 12), "2H": (7, 12), "Q1": (1, 3), "Q2": (4, 6),
    "Q3": (7, 9), "Q4": (10, 12), "9M": (1, 9),
}  # fmt: skip


_TARGET = re.compile(
    r"\b(?:(?:to|can|could|should|will|may|might|must)\s+(?:\w+ly\s+)?(?:reach|achieve|hit|exceed|"
    r"restore|return)|(?:should|must|will|could|can|to)\s+(?:\w+\s+){0,2}?(?:increase|grow|rise)"
    r"\s+(?:\w+\s+){0,3}?to|strive\s+for|cherished|"
    r"target\w*|goal|aim\w*\s+(?:at|to)|"
    r"plan\w*\s+to|(?:bring|take|raise|boost)\s+(?:\w+\s+){1,4}?to|"
    r"increase\s+\w+(?:\s+\w+)?\s+to|"
    # (to double trade is a goal; trade that "has doubled" grew)
    r"doubl(?:e|es|ing)|be\s+doubled)\b",
    re.I,
)
# "to half a billion dollars by 2026" (in a report of 2024): where trade is to be, not is
_BY_YEAR = re.compile(
    r"\s*,?\s*(?:by|until|before)\s+(?:the\s+end\s+of\s+)?((?:19|20)\d\d)\b", re.I
)
# "$700 million (as in 2018)", "$1 billion, as it was in 2014", "$2 billion, the level of 2013"
_AS_IN_YEAR = re.compile(
    r"\s*[(,]?\s*(?:as\s+(?:it\s+was\s+)?in|the\s+level\s+of|(?:its|the)\s+level\s+in)\s+"
    r"((?:19|20)\d\d)\b",
    re.I,
)
# "grew 2.1 times over 2020 to reach $18 million": reached, not a goal
_ACHIEVED = re.compile(
    r"\b(?:grew|increased|rose|went\s+up|climbed|jumped|surged|doubled|tripled)\b"
    r"(?:[^.]|\.\d){0,60}$",
    re.I,
)
_PERIOD_WORDS = re.compile(
    r"\b(?:in|for|of|during|by)?\s*(\d{4})\b|\b(last|this|previous|past)\s+year\b", re.I
)


# Several years together: "over 2018-2019", "in 2016–2018", "from 2015 to 2019" is read as
# a start and an end elsewhere ("from" is a comparison's base)
_YEAR_SPAN = re.compile(r"\b((?:19|20)\d{2})\s*(?:-|–|—|to|through)\s*((?:19|20)\d{2})\b")
_NOT_ITS_SPAN = re.compile(r"\b(?:since|than|from|against|compared\s+(?:to|with))\s*$")


# Patterns applied for every figure (compiled once: a long text has thousands of figures).
_NOT_ITS_YEAR = re.compile(
    r"\b(?:since|over|than|from|against|compared\s+(?:to|with)|(?:up|down)\s+on|"
    r"period(?:\s+(?:of|in))?)\s*$"
)  # ("compared to the same period of 2022", "5.4% down on 2013")
# A year whose level a figure is measured against: "101.6% of the last year's level"
_LEVEL_OF = re.compile(r"(?:['’]s?)?\s+(?:level|figure|volume)\b", re.I)
_THE_BEFORE = re.compile(r"\bthe\s*$")  # ("the 2011 level": a base; "In 2023 volume of …" not)
# ... and "the level of 2011", read before the year itself ("of" may be the period's own
# word: "the trade volume in 2012" is 2012's)
_LEVEL_BEFORE = re.compile(r"\b(?:level|figure|volume)\s+of(?:\s+the)?\s*$", re.I)
# A change told as a share of a year's level: "reached 101.6% of the last year's level" (+1.6%)
_PCT_OF_LEVEL = re.compile(
    r"\b(\d+(?:\.\d+)?)\s*(?:%|percent|per\s+cent)\s+of\s+(?:the\s+)?(?:(?:(last|previous|"
    r"past)\s+year|((?:19|20)\d\d))['’]?s?\s+(?:level|figure|volume)|(?:level|figure|volume)\s+"
    r"of\s+(?:(last|previous|past)\s+year|((?:19|20)\d\d)))\b",
    re.I,
)
# A sentence that goes on about the figure just told: "This is 5.4% down on 2013."
_GOES_ON = re.compile(
    r"\s*(?:this|that|it|the\s+figure|this\s+figure)\s+(?:is|was|represents|represented|"
    r"marks|marked|means)\s+(?:(?:about|almost|nearly|some|over|more\s+than|an?\s+"
    r"(?:increase|decrease|rise|drop|decline|growth)\s+of)\s+)?\d",
    re.I,
)  # (a number next: "It is planned to increase trade by 20%" is a goal, no change)
_UP_DOWN_ON = re.compile(
    r"\b(?:up|down)\s+on\s+((?:19|20)\d\d|last\s+year|the\s+previous\s+year)\b", re.I
)


def _pct_of_level(text: str, period: str) -> tuple[float, str] | None:
    """The change and its basis a share of a year's level tells: "101.6% of the last year's
    level" (of a figure of 2019) is +1.6% compared to 2018."""
    m = _PCT_OF_LEVEL.search(text)
    if m is None:
        return None
    share = float(m.group(1))
    if not 10 <= share <= 1000:
        return None
    stated = m.group(3) or m.group(5)
    base = stated or (str(int(period[:4]) - 1) if period[:4].isdigit() else "")
    if base and base == period[:4] and ".." not in period:
        return None  # (a year's figure against its own year: misread)
    return round(share - 100, 1), f"compared to {base}" if base else ""


# What may stand between an amount and its own period: "$120 million in January-June 2023"
_ATTACHED = re.compile(r"\s*(?:(?:in|for|during|over)\s+(?:the\s+)?)?", re.I)
# (and "shrank by 16% from the same period of the previous year to $280 million": the base)
_NOT_ITS_YEAR_WORD = re.compile(
    r"\b(?:over|than|from|against|(?:up|down)\s+on(?:\s+the)?)\s*$|"
    r"\b(?:over|than|from|against|compared\s+(?:to|with))\s+the\s+(?:same|corresponding)\s+"
    r"period(?:\s+(?:of|in))?(?:\s+the)?\s*$"
)  # ("in the same period last year it was $250 million" is that year's: no comparison)
_METRIC_WORD = re.compile(
    r"\b(exports?|exported|imports?|imported|trade|turnover|figure|supplies|shipments|"
    r"deliveries)\b",
    re.I,
)
_TO_FROM_BELARUS = re.compile(r"\b(?:to|from)\s+Belarus\b")
# Goods sent one way ("supplies", "shipments", "deliveries") are the trade of the side that
# sends them, when the text says whose they are: whose (before), "of Belarusian goods", or
# where to or from (after); "mutual supplies" are the turnover
_ONE_WAY = ("supplies", "shipments", "deliveries")
_ONE_WAY_WHOSE = re.compile(
    # (any case: "Mutual supplies", "Our supplies" open a sentence)
    r"(?:\b(?P<both>(?i:mutual|reciprocal|bilateral|two-way))|"
    r"\b(?P<ours>(?i:belarusian|belarus['’]s?|our|export))|"
    r"\b(?P<theirs>(?i:russian|region['’]s?|import))|"
    r"\b(?P<firm>(?i:company|enterprise|plant|holding|firm))['’]s?|"
    # someone named: a region ("Tula Oblast's"), or one company ("MTZ's", "Gomselmash")
    r"\b(?P<owner>(?!(?:The|These|Those|Its|Their|Such|All|Total|Annual|In|Last|Since)\b)"
    r"[A-Z][\w-]+(?:\s+(?:Oblast|Krai|Region|Territory))?)(?:['’]s?)?)\s+$"
)
_ONE_WAY_WHERE = re.compile(
    r"^\s+(?:of\s+(?P<of>Belarusian|Russian)\b[^.;]{0,40}?)?"
    r"(?:[^.;]{0,40}?\b(?P<way>to|from)\s+(?P<where>Belarus|Russia|the\s+region|"
    r"[A-Z][\w-]+(?:\s+(?:Oblast|Krai|Region|Territory))?))?"
)
_OWNER = re.compile(r"\b([A-Z][\w-]+)['’]s?\s+(?:\w+\s+)?$")
_SHARE = re.compile(r"\bshare\b")
_INVEST = re.compile(r"\binvest\w*\b", re.I)
_NOT_TRADE = re.compile(
    # ("contracts worth $5 million"; but "trade was worth $250 million")
    r"\binvest\w*|\bloan|\bcredit|\bcontracts?\b|(?<!\bwas\s)(?<!\bis\s)(?<!\bwere\s)"
    r"(?<!\bbe\s)(?<!\bgoods\s)(?<!\bproducts\s)\bworth\b|\bbalance\b|\bsurplus\b|"
    r"\bdeficit\b",
    re.I,
)
# A figure of other trade than Belarus's with the region, told before the amount: Belarus's
# with Russia as a whole ("trade between Belarus and Russia as a whole exceeded", "Belarus-
# Russia trade, which reached"), a region's or a country's foreign trade ("its foreign trade
# turnover was"), or a sum of years ("over the past ten years cumulative trade has exceeded";
# not "trade has doubled over the past five years and in 2022 reached")
_NOT_THEIRS = re.compile(
    r"\bbetween\s+Belarus\s+and\s+Russia\b(?!['’])|\b(?:Belarus(?:ian)?[-–]Russian?|"
    r"Russian?[-–]Belarus(?:ian)?)\s+trade\b(?!\s+(?:turnover\s+)?of\s+the\s+region)|"
    r"\bforeign\s+trade\b|\bcumulative\s+(?:trade|turnover|volume|exports|imports)\b",
    re.I,
)
# (a region's foreign trade with Belarus is the two sides': "the foreign trade turnover of
# Tula Oblast with Belarus", "mutual foreign trade", "one of the region's main foreign trade
# partners, with trade turnover reaching")
_WITH_BELARUS = re.compile(
    r"\b(?:Belarus|Belarusian|the\s+republic|mutual|bilateral|partners?)\b", re.I
)
# Where the clause of an amount begins: "..., while trade with Tula Oblast reached"
_CLAUSE_START = re.compile(r".*(?:;|,\s+(?:while|whereas|but|and)\b|\b(?:while|whereas)\b)", re.S)
# A part of a total, told by whose it is: "$412 million, of which Grodno Oblast accounted for
# $96 million", "China and Mongolia, which account for over $300 million of its trade" (not
# Belarus's own part: "Belarusian goods accounted for $500 million of the region's imports")
_PART_OF = re.compile(
    r"(?:^|[,;(]|\bof\s+which\b|\bwhich\b)([^,;()]*?)\baccount(?:s|ed|ing)?\s+for\s+"
    r"(?:\w+(?:\s+than)?\s+)?$",
    re.I,
)
_BELARUS_ITSELF = re.compile(r"\bBelarus(?:ian)?\b|\bthe\s+republic\b", re.I)
# A name in the words before "accounted for" ("China and Mongolia", "Grodno Oblast"); words
# capitalised only to start a sentence ("Exports accounted for") are none
_A_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")
_NO_NAME = {
    "In", "Of", "The", "This", "That", "These", "Its", "Their", "Our", "Exports", "Imports",
    "Export", "Import", "Trade", "Turnover", "Supplies", "Shipments", "Deliveries", "Russian",
    "Last", "Over", "During", "According", "At", "About", "Almost", "Some", "Nearly", "More",
    "Most", "And", "But", "While", "With", "For", "From", "Since", "By", "Goods",
    "Products", "Machinery", "Equipment", "Food", "Foodstuffs", "Agricultural",
}  # fmt: skip
# One Belarusian oblast's trade, a part of Belarus's: "trade between Vitebsk Oblast and Pskov
# Oblast", "the Grodno region's exports", "trade of Samara Oblast with Gomel Oblast"
_BY_OBLAST = (
    r"(?:the\s+)?(?:Brest|Vitebsk|Viciebsk|Gomel|Homel|Grodno|Hrodna|Minsk|Mogilev|Mogilyov|"
    r"Mahilyow)\s+(?:[Oo]blast|[Rr]egion)(?:\s+of\s+(?:the\s+Republic\s+of\s+)?Belarus)?"
)
_AN_OBLAST = re.compile(_BY_OBLAST)
_OBLASTS_TRADE = re.compile(
    rf"\b(?:[Tt]rade|[Tt]urnover)\s+(?:\w+\s+){{0,3}}?between\s+(?:[^,;]{{0,80}}?\band\s+)?"
    rf"{_BY_OBLAST}\b|"
    rf"\b{_BY_OBLAST}['’]s?\s+(?:\w+\s+){{0,2}}?(?:trade|turnover|exports?|imports?|share)\b|"
    rf"\b(?:[Tt]rade|[Tt]urnover|[Ee]xports?|[Ii]mports?)\s+(?:\w+\s+){{0,4}}?(?:of|with|to|from)\s+"
    rf"{_BY_OBLAST}\b"
)


# A share of a year's level told right after the amount: "$376.4 million, or 95% of the
# 2011 level", "(101.6% of last year's)"
_LEVEL_NEXT = re.compile(
    r"\s*(?:(?:in|for|during)\s+(?:the\s+)?[\w-]+(?:\s+(?:19|20)\d\d)?\s*)?[,(]?\s*"
    r"(?:or|and|that\s+is|i\.e\.)?\s*\d",
    re.I,
)


def _part_of_others(lead: str) -> bool:
    """Whether the amount ``lead`` ends at is another party's part of a total: "of which
    Grodno Oblast accounted for", "China and Mongolia, which account for" (a Belarusian
    oblast, or a name that is no Russian region); not a kind of trade's part ("of which
    exports accounted for"), nor Belarus's ("Trade with Belarus, which accounted for")."""
    part = _PART_OF.search(lead)
    if part is None:
        return False
    who = re.sub(r"^\s*(?:of\s+)?which\b", "", part.group(1)).strip()
    if not who:  # ("…, which account for": what "which" stands for, before it)
        who = lead[max(0, part.start() - 60) : part.start()]
    if _BELARUS_ITSELF.search(who):
        return False
    if _AN_OBLAST.search(who):
        return True
    return any(n not in _NO_NAME and not find_region(n) for n in _A_NAME.findall(who))


def _not_theirs(lead: str) -> bool:
    """Whether the amount the ``lead`` ends at is of other trade than the meeting's, read in
    its own clause (Belarus's with Russia as a whole, a region's foreign trade with the
    world, a sum of years, one Belarusian oblast's, a part of a total)."""
    start = _CLAUSE_START.match(lead)
    clause = lead[start.end() :] if start else lead
    if _part_of_others(lead[-160:]):
        return True
    if _OBLASTS_TRADE.search(clause):
        return True
    m = _NOT_THEIRS.search(clause)
    if m is None:
        return False
    if m.group().lower().startswith("foreign"):
        return not _WITH_BELARUS.search(clause)
    return True


_CLAUSE_END = re.compile(r"\b(?:while|whereas)\b|;")
# Two periods told as one: "for 2019 and (for) the nine months of 2020"
_JOINED = re.compile(r"\s*(?:and|plus)(?:\s+(?:for|in|over|during))?(?:\s+the)?\s*", re.I)
# An amount a figure moved by, not where it stands: "increased by $20 million to $120 million"
_CHANGE_BY = re.compile(
    r"\b(?:increased|increase|grew|grown|growth|rose|risen|decreased|decrease|declined|"
    r"decline|fell|fallen|dropped|drop|went\s+(?:up|down)|up|down)\s+by\s+"
    r"(?:almost\s+|nearly\s+|about\s+|over\s+|some\s+|more\s+than\s+|around\s+)?$",
    re.I,
)
_BASE_WORD = re.compile(r"\b(?:over|than|compared|against|from|since|versus)\b", re.I)
_MARK = re.compile(r"\s*(?:mark|threshold|milestone)\b", re.I)
# "from $100 million to $120 million": the first is a base (before, and after, an amount)
_FROM_BASE = re.compile(
    r"\bfrom\s+(?:(?:almost|nearly|about|around|over|more\s+than|some)\s+)?$", re.I
)
_TO_AMOUNT = re.compile(
    r"\s*to\s+(?:(?:almost|nearly|about|around|over|more\s+than)\s+)?", re.I
)  # (all that stands between the two: "from $100 million in 2019 to ..." is two figures)
# after a change, what it is compared with ("compared to the same period of 2022")
_COMPARED = (
    r"(?:(?:year-on-year|(?:compared\s+(?:with|to)|from)\s+(?:the\s+)?"
    r"(?:(?:same|corresponding)\s+period\s+(?:of|in)\s+)?"
    r"(?:\d{4}|last\s+year|the\s+previous\s+year|a\s+year\s+earlier))\s+)?"
)
# after a change, the words that lead to the amount it came to
_AND_REACHED = (
    r"(?:to|and\s+(?:reached|amounted\s+to|totall?ed|stood\s+at|exceeded))\s+"
    r"(?:(?:total|reach|stand\s+at|amount\s+to)\s+)?"
    r"(?:(?:almost|nearly|about|around|over|more\s+than|some)\s+)?$"
)
# before an amount: the change that led to it ("grew by 47% to total almost $23 million")
_CHANGE_TO = re.compile(
    r"\b(grew|increased|rose|went\s+up|jumped|surged|climbed|fell|decreased|dropped|declined|"
    r"went\s+down|shrank|shrunk|contracted)\s+(?:by\s+)?"
    r"(?:(?:almost|nearly|about|around|over|more\s+than)\s+)?"
    r"(\d+(?:\.\d+)?)\s*(?:%|percent|per\s+cent)\s+"
    # ("grew by 25% compared with 2022 and exceeded $250 million")
    rf"{_COMPARED}"
    rf"{_AND_REACHED}",
    re.I,
)
# a change as a multiple: "1.5 times", "1.5-fold", "twice", "threefold" (the factor: the
# number, or the word's in _MULTIPLES)
_FACTOR = (
    r"(?:(\d+(?:\.\d+)?)(?:\s+times|\s*-?\s*fold)|"
    r"(twice|two-?fold|three-?fold|four-?fold|five-?fold))"
)
_MULTIPLES = {"twice": 2.0, "twofold": 2.0, "two-fold": 2.0, "threefold": 3.0,
              "three-fold": 3.0, "fourfold": 4.0, "four-fold": 4.0, "fivefold": 5.0,
              "five-fold": 5.0, "doubled": 2.0, "tripled": 3.0, "quadrupled": 4.0}  # fmt: skip
# the same before an amount: "increased 1.5 times and reached $250 million", "grew 1.5-fold
# to $120 million", "doubled to $120 million"
_TIMES_TO = re.compile(
    r"\b(?:(grew|increased|rose|went\s+up|jumped|fell|decreased|dropped|declined|went\s+down)"
    rf"\s+(?:by\s+)?{_FACTOR}|(doubled|tripled|quadrupled))\s+{_COMPARED}{_AND_REACHED}",
    re.I,
)


def _factor(number: str | None, word: str | None) -> float:
    """The factor of a change written as a multiple (groups of _FACTOR, or "doubled")."""
    return float(number) if number else _MULTIPLES[(word or "").lower()]


# what may come between an amount and its comparison: its period ("in 2022, 20% more")
_MORE_THAN_AFTER = re.compile(r"(?:\s+(?:in|for|during)\s+(?:19|20)\d\d)?", re.I)
# after an amount, its change told as a comparison: "$120 million, 20 percent more than in
# 2022" (groups: qualifier, number, direction, basis)
_MORE_THAN = re.compile(
    r"[,\s]*(?:(?:which\s+is|that\s+is|or)\s+)?"
    + _PCT
    + r"\s+(more|higher|up|less|lower|down)\s+(?:than|on|from)\s+(?:in\s+)?"
    r"(\d{4}|last\s+year|the\s+previous\s+year|a\s+year\s+earlier|the\s+year\s+before|"
    + _SAME_PERIOD
    + r")\b",
    re.I,
)
# before an amount: the word it is the value of, in brackets after it
_BRACKETED = re.compile(r"([\w-]+)\s*\(\s*(?:(?:about|over|almost|some)\s+)?$")
# after an amount: what it is the value of, when that is one good and not the trade
_ONE_GOOD = re.compile(r"\s+worth\s+of\s+(?!(?:goods|products|trade|exports|imports)\b)", re.I)


# Goods sold or bought for a sum: "Belarus supplied goods worth $300 million to the region",
# "the region bought Belarusian products worth $300 million", "$200 million worth of goods"
_GOODS_WORTH = re.compile(
    r"\b(?:goods|products|commodities|merchandise)\s+(?:\w+\s+){0,2}?worth\s+"
    r"(?:(?:about|almost|nearly|over|more\s+than|some|around|approximately)\s+)?$",
    re.I,
)
_WORTH_REACH = 200  # characters "goods ... worth about" may take before its amount
_WORTH_OF_GOODS = re.compile(
    r"\s*worth\s+of\s+(?:\w+\s+)?(?:goods|products|commodities|merchandise)\b", re.I
)
_SOLD = re.compile(
    r"\b(?:supplied|supplies|shipped|ships|sold|sells|delivered|delivers|exported|exports)\b",
    re.I,
)
_BOUGHT = re.compile(
    r"\b(?:bought|buys|purchased|purchases|imported|imports|received|receives|acquired)\b",
    re.I,
)
_BELARUS_SIDE = re.compile(
    r"\bBelarus(?:ian\s+(?:enterprises|companies|producers|manufacturers|exporters|side))?\b"
    r"|\bour\s+(?:country|republic|enterprises|companies)\b"
)
_TO_BELARUS = re.compile(r"\b(?:to|into)\s+(?:the\s+Republic\s+of\s+)?Belarus\b")
_FROM_BELARUS = re.compile(r"\bfrom\s+(?:the\s+Republic\s+of\s+)?Belarus\b")
_BELARUSIAN_GOODS = re.compile(
    r"\bBelarusian(?:-made)?\s+(?:goods|products|commodities|merchandise)\b"
)


def _goods_traded(text: str, lead: str, tail: str) -> str | None:
    """Belarus's exports or imports, when the amount ending ``lead`` is the value of goods
    sold or bought ("goods worth $300 million", "$300 million worth of goods") and the
    sentence tells who sold them to whom; None otherwise (the metric is not guessed)."""
    # (read from the lead's last _WORTH_REACH characters: the words before an amount are read
    # for each amount in a sentence, and a whole lead each time made a sentence of many
    # amounts quadratic)
    if not (
        _GOODS_WORTH.search(lead, max(0, len(lead) - _WORTH_REACH)) or _WORTH_OF_GOODS.match(tail)
    ):
        return None
    sold, bought = _SOLD.search(text), _BOUGHT.search(text)
    if sold and bought:
        # "Belarus sold goods worth $300 million to the region and bought goods worth $100
        # million": each sum is the value of its clause's verb, the subject the sentence's
        verbs = [*_SOLD.finditer(lead), *_BOUGHT.finditer(lead)]
        if not verbs:
            return None
        own = max(verbs, key=lambda v: v.start())
        selling = own.re is _SOLD
        where = lead[own.end() :] + tail
        if _TO_BELARUS.search(where) or _FROM_BELARUS.search(where):
            return None
        before = text[: min(sold.start(), bought.start())]
        return _by_subject(before, selling)
    if not (sold or bought):
        return None  # no verb of selling or buying
    verb = sold or bought
    assert verb is not None
    selling = verb is sold
    # (in the verb's own clause: not "..., while Kursk's exports to Belarus amounted to")
    ends = _CLAUSE_END.search(text, verb.end())
    clause_end = ends.start() if ends else len(text)
    if _TO_BELARUS.search(text, verb.end(), clause_end):  # "supplied ... to Belarus": the
        return "imports" if selling else None  # region sells
    if _FROM_BELARUS.search(text, verb.end(), clause_end):  # "bought ... from Belarus"
        return "exports" if not selling else None
    if _BELARUSIAN_GOODS.search(text):  # "bought Belarusian products worth ..."
        return None if selling and not _BELARUS_SIDE.search(text, 0, verb.start()) else "exports"
    return _by_subject(text[: verb.start()], selling)


def _by_subject(before: str, selling: bool) -> str | None:
    """Belarus's exports or imports by who sells or buys: Belarus or the region, named
    ``before`` the verb."""
    ours = list(_BELARUS_SIDE.finditer(before))
    theirs = region_mentions(before)
    if ours and not theirs:
        return "exports" if selling else "imports"
    if theirs and not ours:
        return "imports" if selling else "exports"
    return None


class _Period(Struct):
    text: str  # "2024", "2025-01..2025-08"
    start: int
    end: int


def part_year_ends(text: str) -> dict[int, int]:
    """The years of which a text reports only a part ("the first quarter of 2020", "nine
    months 2008", "January-September 2024", "H1 2008"): a report written while that year ran;
    each with the last month of the latest part of it reported (0 where the months are not
    told: "nine months 2008")."""
    ends: dict[int, int] = {}
    for p in _periods(text, None):
        start, _sep, end = p.text.partition("..")
        if end and start[:4] == end[:4] and (start[5:], end[5:]) != ("01", "12"):
            year = int(start[:4])
            ends[year] = max(ends.get(year, 0), int(end[5:7]))
    for m in _MONTHS_YEAR.finditer(text):
        ends.setdefault(int(m.group(1)), 0)
    return ends


# "over the nine months 2008": the months and their year without "of"
_MONTHS_YEAR = re.compile(r"\bmonths,?\s+((?:19|20)\d{2})\b", re.I)


def _periods(clause: str, year: int | None) -> list[_Period]:
    """Period expressions in a clause, resolved against the meeting's year."""
    found: list[_Period] = []
    taken = bytearray(len(clause) + 1)  # characters of the month ranges and halves found

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
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in _ONE_MONTH.finditer(clause):
        if taken[m.start(1)]:
            continue
        y = year_of(m.group(2), m.group(3))
        if y is None:
            continue
        month = MONTHS[m.group(1).lower().rstrip(".")]
        found.append(_Period(f"{y}-{month:02d}", m.start(), m.end()))
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in _HALF.finditer(clause):
        y = year_of(m.group(3), m.group(4))
        if y is None:
            continue
        which = " ".join(m.group(1).lower().split())
        part = _PART_MONTHS.get((_ORDINALS.get(which, which), m.group(2).lower()))
        if part is None:  # ("the third half", "the first quarters")
            continue
        months = part
        found.append(_Period(f"{y}-{months[0]:02d}..{y}-{months[1]:02d}", m.start(), m.end()))
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in _MONTHS_OF.finditer(clause):
        word = m.group(2) if m.group(2) and m.group(2).lower() != "year" else None
        y = year_of(word, m.group(3))
        later = None if m.group(2) else _MONTHS_YEAR_NEXT.match(clause, m.end())
        if later:  # "for eight months in 2019": the year told right after them
            y = int(later.group(1))
            taken[later.start(1) : later.end(1)] = b"\x01" * 4
        if y is None:
            continue
        count = m.group(1).lower()
        last = _WORD_NUMBERS.get(count) or int(count)
        found.append(_Period(f"{y}-01..{y}-{last:02d}", m.start(), m.end()))
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in _SHORT_PART.finditer(clause):
        y = year_of(None, m.group(2))
        if y is None:
            continue
        a, b = _SHORT_MONTHS[m.group(1)]
        found.append(_Period(f"{y}-{a:02d}..{y}-{b:02d}", m.start(), m.end()))
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in _YEAR_SPAN.finditer(clause):
        a, b = int(m.group(1)), int(m.group(2))
        before = clause[max(0, m.start() - 20) : m.start()].lower()
        if a < b <= a + 10 and not _NOT_ITS_SPAN.search(before):
            # "over 2018-2019 trade totalled ...": the years together, not the last of them
            found.append(_Period(f"{a}..{b}", m.start(), m.end()))
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in _PERIOD_WORDS.finditer(clause):
        if taken[m.start(1 if m.group(1) else 2)]:
            continue
        before = clause[max(0, m.start() - 60) : m.start()].lower()  # ("compared with ")
        level = _LEVEL_OF.match(clause, m.end())
        at = m.start(1 if m.group(1) else 2)
        if (
            level and (level.group().startswith(("'", "’")) or _THE_BEFORE.search(before))
        ) or _LEVEL_BEFORE.search(clause, max(0, at - 40), at):
            # "of the last year's level", "of the 2011 level", "the level of 2011": the base
            # of a change (not "In 2023 volume of trade reached …")
            continue
        if m.group(1):
            if _NOT_ITS_YEAR.search(before):
                continue  # "since 2020", "over 2023": not the figure's own period
            y = int(m.group(1))
            if not 1990 <= y <= 2100:
                continue
            found.append(_Period(str(y), m.start(), m.end()))
        else:
            if _NOT_ITS_YEAR_WORD.search(before) or year is None:
                continue
            word = m.group(2).lower()
            found.append(
                _Period(
                    str(year - 1 if word in ("last", "previous", "past") else year),
                    m.start(),
                    m.end(),
                )
            )
    return sorted(found, key=lambda p: p.start)


# "compared with the recent one billion dollars", "against": the figure is the other side of
# a comparison ("more than" is a qualifier, not this)
_COMPARED_WITH = re.compile(
    r"\b(?:compared\s+(?:with|to)|against|versus|vs\.?)\s+(?:the\s+)?(?:\w+\s+)?$", re.I
)
# "We once had a trade turnover of more than $5 billion": a past the sentence does not date
_SOME_TIME_AGO = re.compile(
    r"\b(?:once|ever|at\s+one\s+time|in\s+the\s+past|used\s+to|years\s+ago|record|peak)\b",
    re.I,
)
# A sentence about a year as a whole, before one with a figure and no period: "2022 was a
# record year for us. Trade reached $500 million."
_YEAR_SUBJECT = re.compile(
    r"(?:^|\b[Tt]he\s+(?:past\s+)?year\s+|\b[Ll]ast\s+year,?\s+)(?:(?:19|20)\d\d,?\s+)?"
    r"(?:was|became|turned\s+out|saw|proved|brought)\b|^(?:19|20)\d\d\s+(?:was|became|"
    r"turned\s+out|saw|proved|brought)\b"
)
# A level told in the present tense: today's, not the period spoken of before
_NOW = re.compile(r"\b(?:stands?\s+at|now|currently|at\s+present|today|presently)\b", re.I)
_APPROXIMATE = {"about", "around", "approximately", "roughly", "some", "close to"}
_BACK_REFERENCE = re.compile(
    r"\b(?:that|this|the\s+same)\s+(?:year|time|period)\b|\bduring\s+(?:this|that)\b", re.I
)


# Where a sentence of changes splits into clauses, each with its own figure.
_CHANGE_CLAUSES = re.compile(r"[;:]|,?\s+\b(?:while|whereas|and|but)\b|,\s+(?=[a-z]+\s)")
# "grew 2.1 times", "decreased twice", "doubled": a change as a multiple
_TIMES = re.compile(
    r"\b(grew|increased|rose|went\s+up|jumped|decreased|fell|dropped|declined|went\s+down|"
    rf"shrank|reduced)\s+(?:by\s+)?{_FACTOR}(?![\w-])|\b(doubled|tripled|quadrupled|halved)\b|"
    # "it fell by one half in 2014": halved
    r"\b(?:fell|decreased|dropped|declined|shrank|went\s+down)\s+by\s+(?:one\s+|a\s+)?(half)\b",
    re.I,
)


# A change over several years is no one period's: "trade has doubled over the past five
# years", "has grown threefold since 2015", "in ten years"
_OVER_YEARS = re.compile(
    r"\b(?:over|in|for|during|within)\s+(?:the\s+)?(?:(?:past|last|previous|recent)\s+)?"
    r"(?:\w+\s+)?(?:years|decades?)\b|\bsince\s+(?:19|20)\d\d\b",
    re.I,
)


def _changes(text: str) -> list[tuple[str, str, float]]:
    """(clause, qualifier, change in %) for each change a sentence reports without a sum:
    "up almost 10%", "grew 2.1 times" (+110%), "decreased twice" (-50%)."""
    out: list[tuple[str, str, float]] = []
    for clause in _CHANGE_CLAUSES.split(text):
        if not clause or not _GROWTH.search(clause) or _OVER_YEARS.search(clause):
            continue
        pm = _PERCENT.search(clause) if may_match(_PERCENT, clause) else None
        if pm:
            value = float(pm.group(2))
            if _NEGATIVE.search(clause):
                value = -value
            out.append((clause, (pm.group(1) or "").strip(), value))
            continue
        tm = _TIMES.search(clause)
        if tm is None:
            continue
        word = "halved" if tm.group(5) else (tm.group(4) or tm.group(3) or "").lower()
        if word == "halved":
            out.append((clause, "", -50.0))
            continue
        factor = _factor(tm.group(2), word)
        verb = (tm.group(1) or "").lower()
        falling = bool(_NEGATIVE.search(verb)) or verb in ("shrank", "reduced", "went down")
        change = -(1 - 1 / factor) * 100 if falling else (factor - 1) * 100
        out.append((clause, "", round(change, 1)))
    return out


def _specific(periods: list[_Period]) -> _Period:
    """The period a figure is for, of several in its sentence: a part of a year before a
    whole year ("This year we started well: over 4 months we added 150%"), else the first."""
    return next((p for p in periods if ".." in p.text), periods[0])


def _metric(text: str) -> str | None:
    """The metric named last in ``text`` (the words leading up to an amount), from Belarus's
    side: "Tatarstan's exports to Belarus" and "imports from Belarus" are turned round."""
    best: tuple[int, str] | None = None
    for m in _METRIC_WORD.finditer(text):
        word = m.group(1).lower()
        metric = (
            "exports"
            if word.startswith("export")
            else ("imports" if word.startswith("import") else "turnover")
        )
        if word in _ONE_WAY:
            if best is not None:
                continue  # ("trade, including supplies of food, reached": the trade's)
            one_way = _one_way_metric(text, m.start(), m.end())
            if one_way is None:
                continue  # (whose is not said, or one company's: "MTZ's supplies")
            best = (m.start(), one_way)
            continue
        if metric != "turnover" and _russian_side(text, m.start(), m.end()):
            metric = "imports" if metric == "exports" else "exports"
        best = (m.start(), metric)
    return best[1] if best else None


def _russian_side(text: str, start: int, end: int) -> bool:
    """True when the exports or imports at start..end are the Russian region's."""
    before = text[max(0, start - 40) : start]
    after = text[end : end + 20]
    way = _TO_FROM_BELARUS.search(after)
    if way:
        # exports "to Belarus" and imports "from Belarus" are the region's; "exports from
        # Belarus" and "imports to Belarus" Belarus's own
        exports = text[start:end].lower().startswith("export")
        return exports == way.group().lower().startswith("to")
    owner = _OWNER.search(before)
    return bool(owner and owner.group(1) not in ("Belarus",) and find_region(owner.group(1)))


def _one_way_metric(text: str, start: int, end: int) -> str | None:
    """The metric of goods sent one way (supplies, shipments, deliveries at start..end), from
    Belarus's side: "Belarusian supplies", "supplies from Belarus", "of Belarusian goods to
    the region" are exports; "Russian supplies", "the region's", "from Tula Oblast", "to
    Belarus" imports; "mutual supplies" the turnover. None where the text does not say whose
    they are, or says they are someone else's ("MTZ's supplies", "to Kazakhstan")."""
    whose = _ONE_WAY_WHOSE.search(text[max(0, start - 30) : start])
    where = _ONE_WAY_WHERE.match(text[end : end + 90])
    if whose and whose.group("both"):
        return "turnover"
    if whose and (
        whose.group("firm") or (whose.group("owner") and not find_region(whose.group("owner")))
    ):
        return None  # one company's, not the two sides' trade
    if where and where.group("way"):
        place = where.group("where")
        belarus = place == "Belarus"
        # (Russia as a whole is no region: "supplies to Russia" are Belarus's total)
        regional = place == "the region" or bool(find_region(place))
        if belarus or regional:
            sent_here = (where.group("way") == "to") == belarus  # to Belarus / from the region
            return "imports" if sent_here else "exports"
        if where.group("way") == "to":
            return None  # ("the region's supplies to Kazakhstan": a third country's trade)
    if whose and whose.group("ours"):
        return "exports"
    if (whose and whose.group("theirs")) or (where and where.group("of") == "Russian"):
        return "imports"
    if whose and whose.group("owner"):
        return "imports"  # (a region's, as above)
    if where and where.group("of") == "Belarusian":
        return "exports"
    return None


def _usd_millions(number: str, unit: str | None) -> float | None:
    """The amount in millions of dollars; None for a bare sum under a million (``$500``),
    which is not a trade figure."""
    unit = (unit or "").lower()
    if re.fullmatch(r"\d{1,3},\d{1,2}", number):  # "1,2 billion": a decimal comma
        number = number.replace(",", ".")
    elif unit in ("million", "mln", "mn") and re.fullmatch(r"[1-9]\d{0,2}\.\d\d0", number):
        # "$2.650 million": a point that groups thousands, as translations from Russian
        # write it ($2,650 million); English gives no decimals to a trailing zero
        number = number.replace(".", "")
    value = float(number.replace(",", ""))
    if unit in ("trillion", "tn"):
        return round(value * 1_000_000, 3)
    if unit in ("billion", "bln", "bn", "b"):
        return round(value * 1000, 3)
    if unit in ("million", "mln", "mn", "m"):
        return value
    if unit == "thousand":  # "$250 thousand": a fraction of a million, as the records keep it
        return round(value / 1000, 3)
    return round(value / 1_000_000, 3) if value >= 1_000_000 else None


def _compared_to(base: str, period: str) -> str:
    """The basis of a change "more than <base>": "compared to 2022", or "compared to the same
    period of 2023" for a part-year's ("the same period last year": the year before the
    figure's)."""
    stated = re.search(r"\d{4}", base)
    before = str(int(period[:4]) - 1) if period[:4].isdigit() else ""
    year = stated.group(0) if stated else before
    if not year:
        return ""
    return (
        f"compared to the same period of {year}" if "same period" in base else f"compared to {year}"
    )


# A draft reads at most this many trade figures, the first ones: a report quotes a few (the
# most in the real reports is 6), a page of thousands is a table, and each figure read is
# compared with the others when they are merged
MAX_FIGURES = 60


def find_trade(
    sentences: list[Sentence],
    year: int | None,
    host: Person | None,
    guest: Person | None,
    outlet: str,
    region: Region | None = None,
) -> list[dict[str, Any]]:
    """The Belarus-region trade figures of a report; ``region``: the meeting's (a figure
    of a sentence that names only other regions is theirs: "trade with Pskov Region
    amounted to $6 million", in a report of a meeting with Buryatia)."""
    figures: list[dict[str, Any]] = []
    prev_metric: str | None = None
    prev_trade_paragraph = -1
    prev_period = ""  # "In 2024, trade ... $450 million. Exports reached $300 million."
    in_quotes = quoted_sentences(sentences, host, guest)
    for idx, s in enumerate(sentences):
        if len(figures) >= MAX_FIGURES:
            break  # (a table of figures, not a report)
        text = _percent_in_figures(s.text)
        # (may_match: the pattern's words are looked for first; most sentences have none)
        amounts = list(USD_AMOUNT.finditer(text)) if may_match(USD_AMOUNT, text) else []
        same_paragraph = bool(idx) and sentences[idx - 1].paragraph == s.paragraph
        prev_text = sentences[idx - 1].text if same_paragraph else ""
        if not amounts:
            # "The growth was quite impressive last year - almost 10%."; "imports increased
            # by 35%, while Belarusian exports dropped by 20%": each change in its clause
            if (
                _GROWTH.search(text)
                and (_speaks_of_trade(text) or _speaks_of_trade(prev_text))
                and not _SHARE.search(text)
            ):
                periods = _periods(text, year)
                basis = ""
                if (
                    not periods
                    and prev_period
                    and prev_text
                    and prev_trade_paragraph == s.paragraph
                    and _GOES_ON.match(text)
                ):
                    # "Trade stood at $432.9 million in 2014. This is 5.4% down on 2013.":
                    # the change of the figure just told (merged with it below)
                    periods = [_Period(prev_period, 0, 0)]
                    on = _UP_DOWN_ON.search(text)
                    basis = _compared_to(on.group(1).lower(), prev_period) if on else ""
                if periods:
                    period = _specific(periods).text
                    stated = _stated_by(s, host, guest, outlet, idx in in_quotes)
                    for clause, approx, pct in _changes(text):
                        found = _metric(clause) or _metric(text[: text.find(clause)])
                        found = found or _metric(prev_text) or "turnover"
                        # ("was high in 2013, but it fell by 50% in 2014": the change's own;
                        # not a base, "30% up over the high-record 2022")
                        own = [
                            p
                            for p in _periods(clause, year)
                            if not _BASE_WORD.search(clause, 0, p.start)
                        ]
                        when = _specific(own).text if own else period
                        figures.append(_figure(when, found, None, approx, pct, basis, stated))
            continue
        if region is not None and _of_other_regions(text, region):
            continue
        has_trade = _speaks_of_trade(text) or any(
            _goods_traded(text, text[: m.start()], text[m.end() :]) for m in amounts
        )
        context_trade = has_trade or _speaks_of_trade(prev_text)
        if not context_trade and s.paragraph != prev_trade_paragraph:
            continue
        if not has_trade and _INVEST.search(text):
            continue
        sentence_period: str | None = None
        sentence_metric: str | None = None
        stated_by = _stated_by(s, host, guest, outlet, idx in in_quotes)
        first_of_sentence = len(figures)
        moved_from: str | None = None  # the period of a base just skipped ("from $200m to")
        for n, m in enumerate(amounts):
            lead_from = amounts[n - 1].end() if n else 0
            tail_to = amounts[n + 1].start() if n + 1 < len(amounts) else len(text)
            lead = text[lead_from : m.start()]
            tail = text[m.end() : tail_to]
            if _NOT_TRADE.search(lead):
                continue
            if _not_theirs(lead):
                # (its period may be the next figure's: "In 2018 trade between Belarus and
                # Russia reached $35 billion, while trade with Tula Oblast reached $500 million")
                skipped = _periods(lead, year)
                sentence_period = sentence_period or (skipped[-1].text if skipped else None)
                continue
            if _CHANGE_BY.search(lead[-60:]):
                # "In 2019 trade increased by $20 million to $120 million": how much it
                # moved, not where it stands (the period before it is the next amount's)
                skipped = _periods(lead, year)
                sentence_period = sentence_period or (skipped[-1].text if skipped else None)
                sentence_metric = sentence_metric or _metric(lead)
                continue
            if (
                n + 1 < len(amounts)
                and _FROM_BASE.search(lead[-40:])
                and _TO_AMOUNT.fullmatch(tail)
            ):
                # "grew by 20% from $100 million to $120 million": where it stood before,
                # not a figure of the period told (that is the next amount's)
                # (its own metric and year, not an earlier figure's of the sentence)
                skipped = _periods(lead, year)
                sentence_period = skipped[-1].text if skipped else sentence_period
                sentence_metric = _metric(lead) or sentence_metric
                moved_from = sentence_period  # (the next amount's, over a year after it)
                continue
            if _MARK.match(tail) and len(figures) > first_of_sentence:
                # "came to $47.8 million, exceeding the $47 million mark": a threshold the
                # figure just told passed, not a figure of its own
                continue
            if _ONE_GOOD.match(tail):  # "$2.35 million worth of malt": one good's value
                continue
            item = _BRACKETED.search(lead)  # "fiberglass ($5.6 million)": one good's value
            if item and not _TRADE_WORDS.fullmatch(item.group(1)):
                continue
            if _COMPARED_WITH.search(lead):  # "compared with the recent $1 billion": a base
                continue
            target = _TARGET.search(lead)  # "we can reach $2 billion": a goal, not a figure
            by_year = _BY_YEAR.match(tail)
            if by_year and year is not None and int(by_year.group(1)) > year:
                continue  # "... to $1 billion by 2026", said in 2024: a goal
            was_in = None
            if target and not _ACHIEVED.search(lead[: target.start()]):
                # "restore trade to $700 million (as in 2018)": the goal is a past figure
                was_in = _AS_IN_YEAR.match(tail)
                if was_in is None:
                    continue
            if m.group(1):
                amount = _usd_millions(m.group(1), m.group(2))
            elif m.group(3):
                amount = _usd_millions(m.group(3), m.group(4))
            else:
                words = re.sub(r"\s+", " ", m.group(5).lower())
                amount = _usd_millions(str(_NUMBER_WORDS[words]), m.group(6))
            if amount is None:
                continue
            more = _AND_MILLIONS.match(text, m.end())
            if more and (m.group(2) or m.group(4) or m.group(6) or "").lower() in (
                "billion",
                "bln",
                "bn",
            ):  # "$1 billion 200 million" (as translations write $1.2 billion)
                amount = round(amount + float(more.group(1)), 3)
            qm = _QUALIFIER_RE.search(lead)
            qualifier = (qm.group(1) or qm.group(2)).lower() if qm else ""
            metric = (
                _goods_traded(text, lead, tail)
                or _metric(lead)
                or sentence_metric
                or (prev_metric if not has_trade else None)
                or "turnover"
            )
            lead_periods = _periods(lead, year)
            tail_clause = _CLAUSE_END.split(tail, 1)[0]
            change = _CHANGE.search(tail_clause)
            more_than = None if change else _MORE_THAN.search(tail_clause, 0, 160)
            if more_than and not _MORE_THAN_AFTER.fullmatch(tail_clause[: more_than.start()]):
                more_than = None  # (only a period may come between: "in 2022, 20% more")
            compared = change or more_than  # (its year is the base, not the period)
            tail_for_period = tail_clause[: compared.start()] if compared else tail_clause
            tail_periods = _periods(tail_for_period, year)
            if was_in is not None:
                period = was_in.group(1)
            elif tail_periods and _ATTACHED.fullmatch(tail_for_period[: tail_periods[0].start]):
                # "$200 million in 2022 and $250 million in 2023": the period right after
                # an amount is its own (the one before it is the amount's before)
                period = tail_periods[0].text
                months = _MONTHS_FOR.search(lead)
                if len(period) == 4 and months:
                    # "for eight months amounted to $65 million in 2019": those of 2019
                    count = _WORD_NUMBERS.get(months.group(1).lower()) or int(months.group(1))
                    period = f"{period}-01..{period}-{count:02d}"
            elif lead_periods:
                period = lead_periods[-1].text
                if len(lead_periods) > 1 and _JOINED.fullmatch(
                    lead, lead_periods[-2].end, lead_periods[-1].start
                ):
                    # "for 2019 and 9 months of 2020 amounted to": both, from the first's start
                    # to the last's end
                    first = lead_periods[-2].text.split("..")[0]
                    last = period.split("..")[-1]
                    if first[:4] < last[:4]:  # (whole years as "2018..2019", as a span)
                        if len(first) > 4 or len(last) > 4:
                            first = first if len(first) > 4 else f"{first}-01"
                            last = last if len(last) > 4 else f"{last}-12"
                        period = f"{first}..{last}"
            elif moved_from:  # "in 2022 went from $200 million to $240 million, and in 2023"
                period = moved_from
            elif tail_periods:
                period = tail_periods[0].text
            else:
                # (the period spoken of in this paragraph or the one just before it: "In
                # January-September 2021 ... exports amounted to $4.7 million. ¶ Belarus
                # imported ... Merchandise import amounted to $18.4 million.")
                carried = prev_period if 0 <= s.paragraph - prev_trade_paragraph <= 1 else ""
                if _SOME_TIME_AGO.search(lead):
                    carried = ""  # "we once had ...": not the period spoken of before
                elif _NOW.search(lead):
                    carried = ""  # "Trade is now about $400 million": where it stands today
                elif (
                    not (sentence_period or carried)
                    and prev_text
                    and (
                        _speaks_of_trade(prev_text)
                        or _BACK_REFERENCE.search(lead)
                        or _YEAR_SUBJECT.search(prev_text)
                    )
                ):
                    # "Over 4 months trade grew by 150%. During this time, we have traded for
                    # $200m.": the period of the sentence before, if it spoke of trade or this
                    # one points back to it
                    earlier = _periods(prev_text, year)
                    carried = _specific(earlier).text if earlier else ""
                period = sentence_period or carried
            moved_from = None
            if not period:
                continue
            change_pct = None
            basis = ""
            # "grew by 10% and exceeded $300 million, exports fell by 5%": the change that
            # led to the amount is its own, not the next clause's
            led = _CHANGE_TO.search(lead) or _TIMES_TO.search(lead)
            if change and change.start() < 40 and not led:
                change_pct = float(change.group(3))
                if _NEGATIVE.search(change.group(1)):
                    change_pct = -change_pct
                if change.group(4) and change.group(5) and "same period" in change.group(5):
                    basis = _compared_to(re.sub(r"\s+", " ", change.group(5)).lower(), period)
                elif change.group(4) and change.group(5):
                    basis = f"{change.group(4)} {change.group(5)}".lower()
                    basis = re.sub(r"\s+", " ", basis)
                    if "last year" in basis and year:
                        basis = basis.replace("last year", str(year - 1))
            elif more_than and not led:  # "$120 million, 20% more than in 2022"
                change_pct = float(more_than.group(2))
                if more_than.group(3).lower() in ("less", "lower", "down"):
                    change_pct = -change_pct
                base = re.sub(r"\s+", " ", more_than.group(4)).lower()
                basis = _compared_to(base, period)
            before = _CHANGE_TO.search(lead) if change_pct is None else None
            if before:  # "surged by 47% to total almost $23 million"
                change_pct = float(before.group(2))
                if _NEGATIVE.search(before.group(1)):
                    change_pct = -change_pct
            times = _TIMES_TO.search(lead) if change_pct is None else None
            if times:  # "increased 1.5 times and reached $250 million": +50%
                factor = _factor(times.group(2), times.group(3) or times.group(4))
                falling = bool(_NEGATIVE.search(times.group(1) or ""))
                if factor > 1:
                    change_pct = round(
                        -(1 - 1 / factor) * 100 if falling else (factor - 1) * 100, 1
                    )
            if change_pct is None:
                # "reached 101.6% of the last year's level and made up $376.4 million"
                begins = _CLAUSE_START.match(lead)
                its_clause = lead[begins.end() :] if begins else lead
                level = _pct_of_level(its_clause[-120:], period)
                if level is None and _LEVEL_NEXT.match(tail_clause):
                    level = _pct_of_level(tail_clause[:80], period)
                if level:
                    change_pct, basis = level
            figures.append(_figure(period, metric, amount, qualifier, change_pct, basis, stated_by))
            sentence_period, sentence_metric = period, metric
        # "Although we have about 6% growth in our exports, the balance is still $60 million":
        # a change in a clause of its own, with no sum, for the period spoken of
        period = sentence_period or (prev_period if s.paragraph == prev_trade_paragraph else "")
        if period and _GROWTH.search(text):
            used = {abs(f["change_pct"]) for f in figures[first_of_sentence:] if f["change_pct"]}
            for clause, approx, pct in _changes(text):
                found = _metric(clause)
                if found and abs(pct) not in used and not USD_AMOUNT.search(clause):
                    figures.append(_figure(period, found, None, approx, pct, "", stated_by))
        prev_metric = sentence_metric or prev_metric
        prev_period = sentence_period or prev_period
        prev_trade_paragraph = s.paragraph
    # "we added 150% over 4 months ... we have traded for $200m": one figure, value and change
    valued = {
        (f["period"], f["metric"]): f
        for f in figures
        if f["usd_millions"] is not None and f["change_pct"] is None
    }
    merged = []
    for f in figures:
        twin = valued.get((f["period"], f["metric"])) if f["usd_millions"] is None else None
        if twin is not None and twin["change_pct"] is None:
            twin["change_pct"], twin["change_basis"] = f["change_pct"], f["change_basis"]
            continue
        merged.append(f)
    # "around $110 million [in January-November it amounted to $108 million]": the rounded
    # figure says again what the exact one says
    exact = [
        f for f in merged if f["usd_millions"] is not None and f["qualifier"] not in _APPROXIMATE
    ]
    figures = [
        f
        for f in merged
        if not (
            f["usd_millions"] is not None
            and f["qualifier"] in _APPROXIMATE
            and any(
                e["period"] == f["period"]
                and e["metric"] == f["metric"]
                and abs(e["usd_millions"] - f["usd_millions"]) <= 0.05 * f["usd_millions"]
                for e in exact
            )
        )
    ]
    out: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for f in figures:
        if year is not None and f["period"] == str(year):
            # the meeting's own year as a whole: the report was written while it ran ("This
            # year we have an increase of 8%"), so the figure is for months that are not said
            continue
        key = (f["period"], f["metric"], f["usd_millions"], f["change_pct"], f["qualifier"])
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out[:MAX_FIGURES]


def _of_other_regions(text: str, region: Region) -> bool:
    """Whether ``text`` names Russian regions, none of them ``region``."""
    named = {r.name for r, _ in region_mentions(text)}
    return bool(named) and region.name not in named


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


_QUOTE_MARK = re.compile('[“”"]')
_QUOTED = re.compile(r"\b(?:according to (?:him|the|[A-Z])|said|noted|stated|told|added)\b", re.I)
_SAID = re.compile(rf"\b{SAID_VERB}\b")


# Words of a post that name no one ("Governor of Tver Oblast": governor, not Tver or Oblast)
_NOT_A_POST = {
    "oblast", "region", "republic", "krai", "belarus", "russia", "russian", "belarusian",
    "federation", "city", "district", "executive", "committee",
}  # fmt: skip


def quoted_sentences(
    sentences: list[Sentence], host: Person | None = None, guest: Person | None = None
) -> set[int]:
    """The sentences (by index) of a quotation of several, where its paragraph says that a
    participant said it: ``"Our trade is small. Last year it came to about $180 million.
    This year we expect more," the head of state said.`` The middle one says neither "said"
    nor who, and its figure was the report's own. Not a paragraph whose quotation marks do
    not pair up (a mark left open, inches: ``24" monitors``), nor one whose words are said
    by someone who is no participant ("the Russian ambassador said")."""
    found: set[int] = set()
    names = [p.name.split()[-1] for p in (host, guest) if p is not None and p.name]
    # (and the words of their posts: "the minister said" of the Industry Minister)
    posts = {
        w
        for p in (host, guest)
        if p is not None
        for w in re.findall(r"[A-Za-z]{4,}", p.title)
        if w.lower() not in _NOT_A_POST
    }
    who = (
        r"(?:he|she|(?:the\s+)?(?:head\s+of\s+state|president|prime\s+minister|premier|PM|"
        r"governor|head\s+of\s+the\s+(?:region|republic))"
        + "".join(f"|{re.escape(n)}" for n in sorted({*names, *posts}))
        + ")"
    )
    # (the one who said it next to the verb: not "the ambassador said after he met ...")
    by_them = re.compile(
        rf"\b{who}\b(?:\W+[\w’'-]+){{0,3}}?\W+{SAID_VERB}\b|"
        rf"\b{SAID_VERB}\s+(?:the\s+)?{who}\b",
        re.I,
    )
    paragraph, inside, said, even = -1, False, False, True
    run: list[int] = []  # (the current paragraph's sentences in a quotation)

    def close() -> None:
        if said and even and not inside:
            found.update(run)

    for i, s in enumerate(sentences):
        if s.paragraph != paragraph:
            close()
            paragraph, inside, said, even, run = s.paragraph, False, False, True, []
        began_inside = inside
        told, inside, even = _outside_quotes(s.text, inside, even)
        if began_inside or inside:  # (the quotation goes on into it, or past it)
            run.append(i)
        said = said or bool(_SAID.search(told) and by_them.search(told))
    close()
    return found


def _outside_quotes(text: str, inside: bool, even: bool) -> tuple[str, bool, bool]:
    """(the words of ``text`` outside quotation marks: who said it; whether a quotation is
    open at its end; whether its marks still pair up), given whether one was open at its
    start and the marks paired up before it. Read from mark to mark, not a character at a
    time (a character loop over a megabyte took a quarter of a second)."""
    outside: list[str] = []
    pos = 0
    for mark in _QUOTE_MARK.finditer(text):
        if not inside:
            outside.append(text[pos : mark.start()])
        pos = mark.end()
        ch = mark.group()
        if ch == "“":
            even = even and not inside  # (one opened in another: they do not pair)
            inside = True
        elif ch == "”":
            even = even and inside
            inside = False
        else:
            inside = not inside
    if not inside:
        outside.append(text[pos:])
    return "".join(outside), inside, even


# Goods sent one way told as a total: "Belarusian supplies to the region amounted to $300
# million" (not the worth of a deal: "contracts for supplies worth $5 million")
_ONE_WAY_TOTAL = re.compile(
    r"\b(?:supplies|shipments|deliveries)\b(?:\s+[\w’'-]+){0,8}?\s+(?:amounted\s+to|reached|"
    r"totall?ed|stood\s+at|exceeded|came\s+to)\b",
    re.I,
)


def _speaks_of_trade(text: str) -> bool:
    """Whether ``text`` names trade, turnover, exports, imports or a figure, or a total of
    goods sent one way that says whose they are."""
    if may_match(_TRADE_WORDS, text) and _TRADE_WORDS.search(text):
        return True
    total = _ONE_WAY_TOTAL.search(text)
    return (
        total is not None
        and _one_way_metric(text, total.start(), total.start() + len(total.group().split()[0]))
        is not None
    )


# "According to Viktor Karankevich, trade ...": who is named (a participant by surname)
_ACCORDING_TO = re.compile(
    r"\b(?i:according)\s+to\s+(?:(?P<who>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})|"
    # a body, named in lower case: "according to the regional government"
    r"the\s+(?P<body>(?:[a-z][\w-]*\s+){0,3}(?:government|administration|ministry|"
    r"authorities|customs|statistics\s+(?:office|service|committee)|press\s+service)|"
    # ... or by its name: "according to the Belarusian Foreign Ministry", "the Ministry of
    # Economy", "the National Statistical Committee" (a figure it gives was credited to the
    # speaker of the sentence before)
    r"(?P<named>(?:[A-Z][\w-]*\s+){0,3}(?:Government|Administration|Ministry|Committee|"
    r"Service|Office|Agency|Embassy|Customs|Bank)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}){0,2})))\b"
)


def _stated_by(
    s: Sentence, host: Person | None, guest: Person | None, outlet: str, in_quote: bool = False
) -> str:
    """Who gave the figures of ``s``: someone or a body it names ("according to ..."), its
    speaker when it says so ("said") or is ``in_quote`` (a sentence of a quotation said by
    someone its paragraph names), else the report."""
    named = may_match(_ACCORDING_TO, s.text) and _ACCORDING_TO.search(s.text)
    if named and (named.group("body") or named.group("named")):
        # ("the regional government"; "the Belarusian Foreign Ministry")
        return re.sub(r"\s+", " ", named.group("body") or named.group("named")).strip()
    if named:
        who = named.group("who")
        for person in (host, guest):
            if person and person.name and person.name.split()[-1] in who.split():
                return person.name
        return who  # (someone else, or a body: "According to Belstat")
    quoted = in_quote or (may_match(_QUOTED, s.text) and _QUOTED.search(s.text))
    if not quoted:
        return f"{outlet} (report text)" if outlet else "report text"
    person = guest if s.speaker == "guest" else host
    return person.name if person else ""


_GOODS_VERB = (
    r"(?:(?:are|were|is|was)\s+dominated\s+by|"
    # "is made up of", "are mainly represented by", "are based on", "are led by", "consist
    # mainly of"
    r"(?:are|were|is|was)\s+(?:(?:mainly|mostly|largely|primarily|chiefly)\s+)?"
    r"(?:made\s+up\s+of|represented\s+by|based\s+on|composed\s+of|formed\s+by|led\s+by)|"
    r"consist(?:s|ed)?\s+(?:(?:mainly|mostly|largely|primarily|chiefly)\s+)?of|"
    r"were|are|was|is|included|include|consisted\s+of)"
)


_GOODS_LIST = re.compile(
    r"(?:(?P<exp>(?:key|main|major|principal|primary|top)\s+exports?|exports?|"
    # "supplies to the region consist of ...", "deliveries from the region are ..."
    r"(?:supplies|deliveries|shipments)(?=\s+to\b))\s+(?:items\s+)?"
    rf"(?:(?:to|from)\s+(?:the\s+)?[\w ]{{1,30}}?\s+)?{_GOODS_VERB}|"
    r"(?P<imp>(?:key|main|major|principal|primary|top)\s+imports?|imports?|"
    # "the main goods imported from the region are"
    r"(?:goods|products|commodities)\s+(?:imported|purchased|bought)(?=\s+from)|"
    r"(?:supplies|deliveries|shipments)(?=\s+from\b))\s+"
    rf"(?:(?:to|from)\s+(?:the\s+)?[\w ]{{1,30}}?\s+)?{_GOODS_VERB}|"
    r"(?P<sup>(?:Belarus|Belarusian\s+\w+)\s+(?:supplies|supplied|sells|ships)\s+"
    r"[A-Z][\w’' ]*?\s+with)|"
    r"(?P<buy>(?:Belarus|Belarusian\s+\w+|it)\s+(?:purchases?|buys?|imports?)(?:\s+from\s+Belarus)?))"
    r"\s+(?:primarily|mainly|mostly|chiefly|largely)?\s*(?:large\s+volumes\s+of|a\s+wide\s+range\s+"
    r"of|such\s+goods\s+as)?\s*"
    r"(?P<list>(?:(?!\bwhile\b|,\s+and\s+(?:buys|imports|exports|sells|purchases|it|the)\b"
    r"|,\s+(?:imports|exports)\b)"  # ("exports consist of ..., imports of ...")
    r"[^.;”\"])+)",
    re.I,
)


_VALUE_IN_BRACKETS = re.compile(
    r"\s*\((?:about\s+|over\s+|almost\s+)?(?:US)?\$\s?[\d.,]+\s*(?:million|billion|thousand|"
    r"mln|bn|m|k)?\)"
)


_CUT_OFF = re.compile(r"(?:\s+(?:a|an|the|and|or|of|for|in|to|with|as))+$", re.I)


# (compiled once: a call of re.sub with a pattern's text looks it up each time)
_WHERE_TO = re.compile(
    r"\s+(?:to|from|in)\s+(?:the\s+)?(?:(?:Russian\s+)?region|[A-Z]\w+(?:\s+Oblast)?)\b.*$"
)
_ITEM_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+and\s+(?=[\w-]+\s*$)")
_FOLLOWED_BY = re.compile(r"^followed\s+by\s+")
_ING_PART = re.compile(r"(?:or\s+|and\s+)?\w+ing")
_FOR_ING = re.compile(r"\bfor\b.*ing$")
_OXFORD = re.compile(r",\s*(?:and|or)\s+[^,]*$")


def _split_goods(text: str) -> list[str]:
    text = _WHERE_TO.sub("", text).strip()  # where to or from, or bought: "timber in the region"
    text = _CUT_OFF.sub("", text)  # "devices for harvesting an" (the page ends there)
    parts = [p.strip() for p in _ITEM_SPLIT.split(text)]
    items: list[str] = []
    for part in parts:
        part = _FOLLOWED_BY.sub("", part)  # "led by tractors, followed by trucks"
        if not part or _AND_SO_ON.fullmatch(part):  # ("..., and many more": no good, and
            continue  # no noun for the item before it to share)
        joins = _ING_PART.fullmatch(part) and _FOR_ING.search(
            items[-1] if items else ""
        )  # "appliances for lifting, moving, or unloading" is one item
        if items and (joins or part in ("etc",)):
            items[-1] = f"{items[-1]}, {part}"
            continue
        items.append(part)
    # "trucks, furniture and metal structures": no comma before the last "and"
    oxford = _OXFORD.search(text)
    joined: set[str] = set()  # (the first of the two an "and" joins: "copper and aluminum wire")
    if len(items) > 1 and not oxford and " and " in items[-1]:
        last = items.pop()
        items += last.split(" and ", 1)
        joined.add(items[-2])
    # "ferrous metals and chemical products": a plural noun before "and" ends its own good
    # (where words share the noun after "and", the one before is no plural: "metal and
    # chemical products"; nor where words after the last noun may be both's: "machines and
    # devices for lifting")
    items = [
        part
        for item in items
        for part in (
            _PLURAL_AND.split(item, 1)
            if " and " in item and not _SHARED_TAIL.search(item)
            else [item]
        )
    ]
    return [i for i in _shared_noun(items, joined) if i and len(i) < 120]


_AND_SO_ON = re.compile(
    r"(?:(?:and|or)\s+)?(?:(?:so|many|much|a\s+lot)\s+)?more|(?:many\s+)?others?|"
    r"the\s+like|so\s+on|(?:and\s+)?so\s+forth|etc\.?",
    re.I,
)
_SHARED_TAIL = re.compile(r"\band\b.*\s(?:for|of|with|from|made)\s")
_PLURAL_AND = re.compile(
    r"(?<=[a-z]{3}[a-rt-z]s)\s+and\s+(?=\S+\s)|"
    # (or a good named in one word that is no kind: "timber and wood products", "medical
    # equipment and medical consumables")
    r"(?:"
    + "|".join(
        rf"(?<=\b{w})"
        for w in ("timber", "meat", "milk", "grain", "paper", "coal", "furniture", "equipment",
                  "machinery", "fish", "sugar")
    )
    + r")\s+and\s+(?=\S+\s)"
)  # fmt: skip


# Words that say what kind of machine or good ("passenger", "utility"): an item of one of
# these before a named good shares its noun
_ATTRIBUTIVE = re.compile(
    r"(?:al|ive|ic|ary|ing|ion|ian|ern)$|^(?:passenger|cargo|freight|utility|utilities|"
    r"municipal|communal|road|mining|construction|forestry|farm|dairy|lift|quarry|"
    r"harvesting|transport|special|public|rail|air|sea|river|electric|diesel)$"
)


# Goods named in one word that does not end in "s": "milk, meat and dairy products" are three
_MASS_GOODS = frozenset((
    "milk", "meat", "grain", "sugar", "cheese", "butter", "potash", "cement", "glass",
    "timber", "paper", "food", "oil", "beef", "pork", "fish", "flax", "wood", "coal", "gas",
    "salt", "flour", "furniture", "footwear", "clothing", "buckwheat", "equipment",
    "machinery", "fruit",
))  # fmt: skip


def _attributive(item: str, *, listed: bool = False) -> bool:
    """Whether ``item`` is a kind of the good after it ("passenger" machinery); ``listed``:
    an item of its own between commas, where a good of the lexicon is a good ("copper,
    ferrous metal products": copper, not copper products)."""
    words = item.split()
    if len(words) == 1:  # "copper" in "copper and aluminum wire", not "trucks" or "milk"
        if item.lower() in _MASS_GOODS or (listed and item.lower() in _LEXICON_WORDS):
            return False
        if listed:  # (a noun of its own between commas: "omul, venison and pine nuts")
            return bool(_ATTRIBUTIVE.search(item)) or item.endswith("ed")
        return not item.endswith("s") or bool(_ATTRIBUTIVE.search(item))
    # ("municipal transport" names a good: "transport" last is a noun, not a kind)
    return (
        len(words) == 2
        and words[1].lower() != "transport"
        and all(_ATTRIBUTIVE.search(w) for w in words)
    )


# (one-word goods of the lexicon, and raw materials named alone: "helium, nickel and ...")
_LEXICON_WORDS = frozenset(
    w
    for w in (
        *GOODS_LEXICON,
        "helium", "ammonia", "sulphur", "sulfur", "apatite", "phosphates", "methanol",
        "caprolactam", "polyethylene", "polypropylene", "diamonds", "zinc", "lead", "tin",
    )
    if " " not in w and not w.endswith("s")
)  # fmt: skip


_PRAISE = re.compile(
    r"^(?:(?:all|the|a|an|our|its|their|essential|main|basic|various|other|such|"
    r"necessary|high-quality|quality|modern)\s+)+(?=\S+(?:al|ic|ive|ary)\b)",
    re.I,
)


def _shared_noun(items: list[str], joined: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """ "insulated, copper and aluminum wire", "passenger, utilities, agricultural and cargo
    machinery, elevators": the noun of the first named good after a run of kinds belongs to
    each of them."""
    out: list[str] = []
    kinds: list[str] = []
    for at, item in enumerate(items):
        # (a word joined by "and" to the last item is a kind of its noun where both are goods
        # of the lexicon, "copper and aluminum wire"; not "cardboard and nitrogen fertilizers"
        # nor "venison and pine nuts")
        following = items[at + 1].split()[0].lower() if at + 1 < len(items) else ""
        listed = not (
            item in joined and item.lower() in _LEXICON_WORDS and following in _LEXICON_WORDS
        )
        # ("all the essential industrial and agricultural goods": the kinds, not the praise)
        item = _PRAISE.sub("", item) or item
        pair = re.fullmatch(r"(\S+)\s+and\s+(\S+)\s+(\S.*)", item)
        # ("automotive and utility machinery"; "dairy and meat products", a good's word as a
        # kind before a noun after a kind)
        if (
            pair
            and _attributive(pair[1])
            and (_attributive(pair[2]) or pair[2].lower() in _MASS_GOODS)
        ):
            kinds.append(pair[1])
            item = f"{pair[2]} {pair[3]}"
        words = item.split()
        if _attributive(item, listed=listed) or (
            item in joined and at + 1 < len(items) and shares_work_noun(item, items[at + 1])
        ):
            kinds.append(item)
            continue
        if kinds and len(words) >= 2:
            noun, head = words[-1], " ".join(words[:-1])
            out += [f"{k} {noun}" for k in [*kinds, *re.split(r"\s+and\s+", head)]]
        else:
            out += [*kinds, item]
        kinds = []
    return out + kinds


def _same_good(a: str, b: str) -> bool:
    """Whether two goods (lower case) name the same thing: one ends with the other
    ("belkommunmash trolleybuses", "trolleybuses"); not when the shorter is too vague to
    say what it is ("agricultural machinery" after "machinery" says more)."""
    if a in VAGUE_GOODS or b in VAGUE_GOODS:
        return False
    return a.endswith(" " + b) or b.endswith(" " + a) or _synonyms(a, b)


def _synonyms(a: str, b: str) -> bool:
    """Whether two one-word goods are the same thing by the search's synonyms ("lifts",
    "elevators")."""
    return " " not in a and " " not in b and term(a) == term(b)


def _covered(item: str, known: set[str]) -> bool:
    """Whether a good named by the lexicon is one found already: the same, or its words all
    in one ("dump trucks" found, "trucks" named; "copper" in "copper and aluminum wire";
    "electric buses" after "buses" is another)."""
    words = set(item.split())
    return item in known or any(words <= set(k.split()) or _synonyms(item, k) for k in known)


# A draft names at most this many goods: a report names a dozen or two, a page of hundreds is
# a catalogue (and each good found is compared with those found before it)
MAX_GOODS = 60


# Whose a good is, said just before it: "your grain" (in the Belarusian side's words), "the
# region's pharmaceuticals", "Omsk Oblast's timber", "Russian oil products"; a word or two of
# kind may come between ("your high-quality timber"), not what it is for ("the region's
# demand for tractors")
_THEIR = re.compile(
    r"(?:\b(?P<your>[Yy]our)|\bthe\s+region['’]s|\b[A-Z][a-z]+(?:\s+(?:Oblast|Krai|Region|"
    r"Republic|Territory))?['’]s|\bRussian)\s+(?P<between>(?:[a-z][\w-]*\s+){0,2})$"
)
_NOT_A_KIND = re.compile(
    r"\b(?:for|of|in|to|with|on|from|and|or|demand|needs?|markets?|enterprises|companies|"
    r"farms|plants|fleet|side|partners|residents|people|region|territory|use|supplies|"
    r"exports|imports|purchases|deliveries|orders?|request|interest)\b"
)


def _theirs(text: str, item: str, belarus_speaking: bool) -> bool:
    """Whether ``item``, as first named in ``text``, is said to be the region's: "your
    grain" where the Belarusian side speaks, "the region's", "<Region>'s", "Russian"."""
    at = text.find(item)
    if at < 0:
        return False
    m = _THEIR.search(text, max(0, at - 60), at)
    if m is None or _NOT_A_KIND.search(m.group("between")):
        return False
    if m.group("your"):
        return belarus_speaking
    owner = re.split(r"['’]", m.group(0))[0].strip()
    # (a region's name, not a maker's: "Gomselmash's combines" are Belarusian)
    return owner in ("Russian", "the region") or find_region(owner) is not None


# Goods carried through the region to others, not sold to it: "redirect Belarusian exports,
# primarily potash fertilizers, to your ports", "the transit of Belarusian goods", "shipped
# through Russian ports" (the port is the way, not the buyer)
_TRANSIT = re.compile(
    r"\b(?:transit(?!ion)\w*|trans-?shipment)\b|"
    # (not "redirect exports to Russia": to its ports, or through them)
    r"\b(?:through|via)\s+(?:the\s+|your\s+|its\s+|our\s+|Russian\s+)?(?:[\w-]+\s+)?"
    r"(?:sea\s+)?ports?\b|\bto\s+(?:your|Russian)\s+(?:sea\s+)?ports\b",
    re.I,
)


_OPENING = re.compile(r"[“«]|(?:^|(?<=[\s(]))\"(?=\w)")
_CLOSING = re.compile(r"[”»]|(?<=[\w.,!?])\"")
_QUOTE_CHARS = '“«”»"'  # (one of which every match of the two holds)


def within_quotes(sentences: list[Sentence]) -> list[bool]:
    """For each sentence, whether it lies inside a quotation opened in an earlier sentence of
    its paragraph and not yet closed (the middle of a long quote has no quote marks of its
    own: “We have oil. Our tractors work in your fields. ...,” he said)."""
    out: list[bool] = []
    open_in: int | None = None  # the paragraph of the quotation still open
    for s in sentences:
        if open_in != s.paragraph:
            open_in = None
        out.append(open_in is not None)
        # (a sentence with no quote mark, most of them, has nothing to read)
        marks = any(c in s.text for c in _QUOTE_CHARS)
        opened = [m.start() for m in _OPENING.finditer(s.text)] if marks else []
        closed = [m.start() for m in _CLOSING.finditer(s.text)] if marks else []
        if opened and (not closed or max(opened) > max(closed)):
            open_in = s.paragraph  # a quote opened and not closed in this sentence
        elif closed and (not opened or max(closed) > max(opened)):
            open_in = None
    return out


_WEB_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
# Parts for a machine: the goods are the parts, not the machines they are for ("components
# and aggregates for heavy BelAZ trucks, MTZ tractors and other machines are assembled there",
# "the region produces many parts for Belarusian cars"): the machines named after "for" (a
# few words each, a list of them) are read as no good. Not what follows them ("parts for
# tractors and also milk powder"), nor a clause of its own (", and Belarus supplies buses"),
# nor "parts for the assembly of buses" (what the parts are for is work, not a machine).
_MACHINE = (
    r"(?:trucks|tractors|cars|buses|trolleybuses|trams|vehicles|machines|machinery|combines|"
    r"harvesters|locomotives|wagons|elevators|lifts|engines|aircraft|ships|vessels|equipment)"
)
_FILLER = (
    r"(?:(?!(?:supplies|supply|supplied|sells?|sold|buys?|bought|imports?|exports?|will|is|are|"
    r"was|were|has|have|can|could|would|should|also|as|of|assembly|assembling|production|"
    r"producing|manufacture|manufacturing|and|from|to)\b)[\w’'-]+\s+)"
)
_PARTS_FOR = re.compile(
    r"\b(?:parts|components|aggregates|assemblies|kits|spares|tires|tyres)"
    r"(?:\s+and\s+(?:[\w-]+\s+){0,2}?(?:parts|components|aggregates|assemblies|units|kits))?"
    rf"\s+(for\s+{_FILLER}{{0,4}}?{_MACHINE}"
    rf"(?:,?\s+(?:and\s+)?(?:other\s+)?{_FILLER}{{0,3}}?{_MACHINE})*)\b",
    re.I,
)


def _parts_for_masked(text: str) -> str:
    """``text`` with what parts are for blanked (see _PARTS_FOR); positions kept."""
    if "for" not in text:
        return text
    return _PARTS_FOR.sub(
        lambda m: m.group(0)[: m.start(1) - m.start()] + " " * len(m.group(1)), text
    )


def find_goods(sentences: list[Sentence]) -> tuple[list[str], list[str]]:
    exports: list[str] = []
    imports: list[str] = []
    known_exports: set[str] = set()  # lower-cased, beside each list: linear however long
    known_imports: set[str] = set()
    inside = within_quotes(sentences)
    for s, quoted in zip(sentences, inside, strict=True):
        if len(exports) + len(imports) >= MAX_GOODS:
            break
        # "our trucks", in the host's words (a sentence inside a long quote is his words too)
        # (a web address says nothing of goods: "see http://evil.example/lifts" drafted lifts)
        text = _parts_for_masked(_WEB_ADDRESS.sub(lambda m: " " * len(m.group(0)), s.text))
        ours = s.speaker == "host" and (quoted or spoken(text))
        offered, bought = offered_goods(text, _split_goods, belarus_speaking=ours)
        offered, bought = _sides_by_owner(text, offered, bought, s.speaker != "guest")
        transit = may_match(_TRANSIT, text) and bool(_TRANSIT.search(text))
        if transit:
            offered = []  # (Belarus's goods carried on to others, not sold to the region)
        for found, target, known in (
            (offered, exports, known_exports),
            (bought, imports, known_imports),
        ):
            for item in found:
                # "Belkommunmash trolleybuses" after "trolleybuses": the same good again
                key = item.lower()
                if key not in known and not any(_same_good(key, k) for k in known):
                    target.append(item)
                    known.add(key)
        if may_match(_GOODS_LIST, text):
            _listed_goods(text, exports, imports, known_exports, known_imports)
        # then the goods named in it that no pattern caught, by the lexicon (and those named
        # with a Belarusian maker's name, in a sentence of any kind)
        named = named_goods(text, MAX_GOODS - len(exports) - len(imports))
        made = [
            g
            for g in made_by_belarusian(text)
            if not any(_same_good(g.lower(), k) for k in known_exports)
        ]  # ("Belkommunmash trolleybuses" after "trolleybuses": the same good again)
        named = _sides_by_owner(text, [*made, *named[0]], named[1], s.speaker != "guest")
        if transit:
            named = ([], named[1])
        for found, target, known in (
            (named[0], exports, known_exports),
            (named[1], imports, known_imports),
        ):
            for item in found:
                key = item.lower()
                if not _covered(key, known_exports | known_imports):
                    target.append(item)
                    known.add(key)
    return exports[:MAX_GOODS], imports[: max(0, MAX_GOODS - len(exports))]


def _sides_by_owner(
    text: str, exports: list[str], imports: list[str], belarus_speaking: bool
) -> tuple[list[str], list[str]]:
    """Goods found as Belarus's exports that the sentence says are the region's ("we are
    interested in your oil products", "a market for the region's pharmaceuticals"), and the
    goods after them in the same list ("your coal and metal"), moved to its imports; "your"
    is left out of a good's name."""
    moved: list[str] = []
    kept: list[str] = []
    last_end = -1
    for item in exports:
        at = text.find(item)
        follows = (
            moved
            and at > last_end >= 0
            and re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)", text[last_end:at]) is not None
        )
        if follows or _theirs(text, item, belarus_speaking):
            moved.append(item)
            last_end = at + len(item)
        else:
            kept.append(item)
    bare = [re.sub(r"^[Yy]our\s+", "", g) for g in [*moved, *imports]]
    return kept, list(dict.fromkeys(bare))


def _listed_goods(
    sentence: str,
    exports: list[str],
    imports: list[str],
    known_exports: set[str],
    known_imports: set[str],
) -> None:
    """The goods of a list of exports or imports ("the key exports were ...") in one
    sentence, added to those found so far."""
    # "fiberglass ($5.6 million), trucks ($2.2 million)": each good's value is not a
    # break in the list
    text = _VALUE_IN_BRACKETS.sub("", sentence) if "(" in sentence else sentence
    for m in _GOODS_LIST.finditer(text):
        items = _split_goods(m.group("list"))
        importing = bool(m.group("imp") or m.group("buy"))
        head = m.group(0)[: m.start("list") - m.start()]
        # ("imports from our republic": the region's, of Belarusian goods, in Belarus's words)
        if re.search(
            r"\b(?:to|from)\s+(?:Belarus|our\s+(?:republic|country))\b", head
        ) or _russian_side(text, m.start(), m.start() + 1):
            importing = not importing  # "Tatarstan's exports to Belarus are ..."
        target, known = (imports, known_imports) if importing else (exports, known_exports)
        found = known_exports | known_imports
        for item in items:
            key = item.lower()
            # (not "grain and oil from the region" again, once "grain" and "oil" are in)
            words = set(key.split())
            if (
                is_good(item)
                and key not in known
                and not any(set(k.split()) <= words for k in found)
            ):
                target.append(item)
                known.add(key)
