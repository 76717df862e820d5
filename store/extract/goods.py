"""Goods as reports offer and trade them, beyond "the key exports were ...":

- an offer or a delivery by one side: "Belarus could supply passenger, municipal and
  agricultural vehicles", "Belarusian companies supply pumps and engines to Ulyanovsk
  Oblast", "we are ready to supply the whole range of agricultural equipment";
- a noun of trade: "the supply of agricultural machinery, automobiles and road machinery",
  "deliveries of potash fertilisers";
- a purchase: "Kaluga Oblast purchased 33 Belkommunmash trolleybuses" (Belarusian exports),
  "Belarus purchased grain from the region", "we can buy buckwheat there" (imports);
- the passive: "electronics and chemicals are supplied to us" (imports), "a lot of tractors
  will be supplied to the region" (exports), "footwear, textiles and furniture are in great
  demand" (exports).

The side is Belarus's: what Belarus sells is ``exports``, what it buys ``imports``. Each
pattern reads one sentence, left to right, once: linear in the text.
"""

from __future__ import annotations

import functools
import re

from ..regions import BELARUS_REGIONS, find_region
from .gazetteer import belarusian_enterprise_names, enterprise_names
from .needs import alternation, may_match, may_match_somewhere

# Where a list of goods ends: a preposition that starts what follows it, a clause, or a
# comma before a verb phrase ("vehicles, assist in dairy production").
_LIST = (
    # "for" ends a list, but for "equipment for water treatment", which names a good
    r"(?P<list>(?:(?!(?<!equipment)(?<!machinery)(?<!machines)\sfor\b)"
    r"(?!\s(?:to|from|into|in|at|on|with|within|via|through|across|under|which|"
    r"that|so|because|if|when|while|but|by|it|is|are|was|were|will|can|has|have|last|next|"
    r"this|every|each|per|annually|yearly|there|here|and\s+(?:the|"
    r"it|they|we|he|she|to|also|is|are|will|its|their|buys?|purchases?|imports?|sells?|"
    r"supplies|exports?|gets?|receives?|plans?|intends?|wants?|hopes?|has|have|can|could|"
    r"would))\b)"
    r"(?!,\s+(?:which|who|while|but|so|as(?!\s+well\s+as\b)|and\s+(?:the|it|they|we|to|also))\b)"
    r"(?!,\s+(?:and\s+)?[a-z]+\s+(?:in|to|for|with|the|a|an|on|up)\b)"
    r"[^.;:!?“”\"()])+)"
)

_QUANTITY = (
    r"(?:(?:the\s+|a\s+)?(?:whole|full|wide|broad|entire)\s+range\s+of\s+|various\s+(?:types|kinds)\s+of\s+|"
    r"a\s+(?:lot|number|variety|(?:great|good)\s+deal)\s+of\s+|(?:lots|plenty)\s+of\s+|"
    r"large\s+volumes\s+of\s+|more\s+(?!than\b)|(?:the\s+)?most\s+\w+\s+|"
    # (a count of kinds is how many, not what: "more than 60 types of products", "many goods")
    r"(?:the\s+)?(?:latest|modern|new)\s+|(?:our|its|their)\s+|"
    r"\d[\d,]*\s+(?:(?:units|types|kinds|sorts|categories|items|names)\s+of\s+)?|"
    r"(?:many|numerous|several)\s+(?:(?:types|kinds|sorts)\s+of\s+)?|"
    # how many: "up to 100 buses", "more than 20 tractors"
    r"(?:up\s+to|more\s+than|over|about|around|nearly|almost|at\s+least)\s+(?=\d))*"
)

_BELARUS_SUBJECT = (
    r"(?:Belarus|Belarusian\s+(?:companies|enterprises|manufacturers|producers|plants|"
    r"side|business(?:es)?|exporters)|[Ww]e|[Oo]ur\s+(?:country|companies|enterprises|"
    r"manufacturers|producers|republic)|"
    # a Belarusian oblast's or city's makers: "Brest enterprises offer meat"
    r"(?:Brest|Vitebsk|Gomel|Grodno|Minsk|Mogilev)(?:\s+(?:Oblast|Region))?\s+(?:companies|"
    r"enterprises|manufacturers|producers|plants))"
)

_MODAL = (
    # "Belarus mainly purchases ...", "we traditionally supply ..."
    r"(?:\s+(?:mainly|mostly|largely|primarily|chiefly|already|currently|actively|"
    r"traditionally|still|regularly))?"
    r"(?:\s+(?:is|are|was|were))?(?:\s+also)?(?:\s+(?:ready|able|willing|prepared)\s+to|\s+could|"
    r"\s+can|\s+will|\s+would|\s+plans?\s+to|\s+intends?\s+to|\s+wants?\s+to|\s+continues?\s+to|"
    r"\s+(?:began|begun|started|starts?)\s+to)?"
    r"(?:\s+also)?"
)

# The words an offer begins with (its subject's first word: see _BELARUS_SUBJECT)
_OFFER_STARTS = re.compile(r"Belarus|We|we|Our|our|Brest|Vitebsk|Gomel|Grodno|Minsk|Mogilev")
_OFFER = re.compile(
    rf"\b{_BELARUS_SUBJECT}{_MODAL}\s+(?:supply|supplies|supplied|offer|offers|offered|deliver|"
    rf"delivers|delivered|export|exports|exported|sell|sells|sold|ship|ships|shipped|send|sends|"
    rf"sent)\s+"
    # (not to Belarus: "we are ready to offer Belarus our fish" is a region's "we")
    r"(?!(?:to\s+)?(?:Belarus|the\s+Belarusian\s+side)\b)"
    # "We deliver to your region a variety of machinery": the receiver before the goods;
    # "Belarus offers Karelia supplies of equipment": the goods after the supply
    rf"(?:to\s+(?:your|the|this|that)\s+region\s+|to\s+(?:you|them)\s+)?"
    # "Belarus supplies the republic with trucks": the receiver, then "with" the goods
    r"(?:(?:your|the|this|that)\s+(?:region|republic|oblast|krai|territory|market)\s+with\s+)?"
    # "Belarus can offer the region its dump trucks": the receiver, then whose goods
    rf"(?:(?:(?:your|the|this|that)\s+region|you|them)\s+(?=(?:its|our|their)\s))?"
    rf"(?:(?:[A-Z][\w-]+\s+)?(?:supplies|supply|deliveries|delivery)\s+of\s+)?"
    rf"{_QUANTITY}{_LIST}"
)

# "Belarus produces high quality foodstuffs": what Belarus makes, told its partner, is on offer
# (Belarus or its makers as the subject; "we produce" may be either side)
_PRODUCES = re.compile(
    r"\b(?:Belarus|Belarusian\s+(?:companies|enterprises|manufacturers|producers|plants))"
    r"(?:\s+(?:also|mainly|already))?\s+(?:produces?|manufactures?|makes)\s+"
    rf"{_QUANTITY}{_LIST}"
)

# Goods offered to Belarus, a few words of kind before them (read back from the good): "the
# governor offered Belarus fish and seafood", "offered Belarusian machine builders long-term
# supplies of steel"; not Belarus's own goods, or making them there ("offered Belarusian
# manufacturers the market of the region for their lifts", "offered Belarus joint production
# of buses")
_OFFERED_TO_BELARUS = (
    r"(?:offer(?:s|ed|ing)?|sell(?:s|ing)?|sold)\s+(?:to\s+)?(?:Belarus|the\s+Belarusian\s+side|"
    r"Belarusian\s+(?:[a-z][\w-]*\s+){0,2}(?:builders|enterprises|companies|plants|partners|"
    r"producers|manufacturers|processors|farms|consumers|refineries|mills))\s+"
    r"(?!(?:[\w-]+\s+){0,3}?(?:their|its|joint|the\s+market|sites)\b)(?:[\w-]+,?\s+){0,3}$"
)

_BELARUS_NEEDS = re.compile(
    r"\b(?:Belarus|[Ww]e|[Oo]ur\s+country|"
    # "the Belarusian Steel Works in Zhlobin is interested in long-term supplies of pig iron"
    r"Belarusian\s+(?:[A-Z][\w-]+\s+){1,3}(?:Works|Plant|Factory|Company)(?:\s+in\s+[A-Z][\w-]+)?)"
    r"\s+(?:\w+\s+){0,2}?(?:needs?|(?:is|are)\s+interested\s+in)\s+(?:to\s+(?:increase|expand|"
    r"boost|step\s+up|raise)\s+)?(?:the\s+)?(?:[\w-]+,?\s+){0,3}?$"
    rf"|\b{_OFFERED_TO_BELARUS}"
)
# The sentence's subject, a region's name ("The Novosibirsk region of Russia intends ...")
_SUBJECT_REGION = re.compile(
    r"\s*(?:The\s+)?((?:[A-Z][\w-]+\s+){1,3}(?:[Rr]egion|Oblast|Krai|Territory|Republic)?)"
    r"(?:\s+of\s+Russia)?\s+(?:\w+\s+){0,2}?(?:intends|plans|wants|is|has|would|will|seeks)\b"
)
# The region as the subject of an offer of supplies, its clause reaching the supply word: "The
# republic offered supplies of ...", "Komi is ready to increase supplies of ..."
_REGION_OFFERS = re.compile(
    r"(?:^|[.;]\s+|,\s+(?:and|while|but)\s+)(?P<who>[Tt]he\s+(?:region|republic|oblast|krai)|"
    r"(?:[A-Z][\w-]+\s+){0,2}(?:Oblast|Krai|Region|Territory)|[A-Z][\w-]+)"
    r"(?P<between>[^,.;]{0,40}?)\b(?:offer(?:s|ed)?|propos(?:es|ed)|(?:is|are|was)\s+"
    r"(?:ready|prepared|willing)\s+to\s+(?:offer|increase|expand|step\s+up|provide))\s+"
    r"(?:the\s+|to\s+\w+\s+)?$"
)


def _region_offers(before: str, supplied: str) -> bool:
    """Whether the region (named, or "the region") offers the supply ``before`` ends with
    (not Belarus, a Belarusian oblast or maker, nor a supply of Belarusian goods)."""
    m = _REGION_OFFERS.search(before)
    if m is None or "Belarus" in m.group("between") or supplied.startswith("Belarusian"):
        return False
    who = m.group("who")
    if re.match(r"[Tt]he\s", who):
        return True
    return find_region(who) is not None and not re.match(BELARUS_REGIONS, who)


_TRADE_NOUN = re.compile(
    r"\b(?:the\s+)?(?P<noun>supply|supplies|deliveries|delivery|sales?|shipments?|exports?|"
    r"imports?)\s+of\s+(?:Belarusian\s+)?"
    rf"{_QUANTITY}{_LIST}"
)

# The region's makers sending goods to Belarus: "Sakhalin fishermen supply pollock, salmon
# and crab to the Belarusian market"
_SENDS_TO_BELARUS = re.compile(
    r"(?P<subject>\b[A-Z][\w-]*(?:\s+[\w-]+){0,3}?)\s+(?:supply|supplies|deliver|delivers|sell|"
    rf"sells|ship|ships|send|sends)\s+{_QUANTITY}{_LIST}\s+to\s+(?:the\s+)?"
    r"(?:Belarusian\s+(?:market|enterprises|companies|consumers|plants|factories|buyers)|Belarus)\b"
)
_BELARUS_OWN = re.compile(
    r"\b(?:Belarus\w*|Brest|Vitebsk|Gomel|Grodno|Minsk|Mogilev|MAZ|MTZ|BelAZ|[Ww]e|[Oo]ur)\b"
)
_IN_EXCHANGE = re.compile(rf"\bin\s+exchange\s+for\s+{_QUANTITY}{_LIST}")
# A purchase: the subject says whose.
_PURCHASE = re.compile(
    r"(?P<subject>\b(?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+|\b[Ww]e|\b[Tt]he\s+region)"
    # (an aside between: "Belarus, in turn, imports coal from Kuzbass")
    r"(?:,\s+(?:in\s+turn|for\s+its\s+part|meanwhile|also|in\s+return),)?"
    rf"{_MODAL}\s+(?:purchases?|purchased|buys?|bought|imports?|imported)\s+{_QUANTITY}{_LIST}"
)

_NO_VERB = r"(?:(?!\b(?:are|is|were|was)\s)[^,.;:!?“”\"])"
# The passive, the list before the verb (the clause's words from its start).
_PASSIVE = re.compile(
    r"(?:^|[,;:]\s+(?:(?:while|whereas|but|and)\s+)?|\b(?:that|and|but|while)\s+)"
    # (a list holds no verb of its own: "furniture was delivered ..., while paper ... were")
    rf"(?P<list>{_NO_VERB}{{2,80}}(?:,\s*{_NO_VERB}{{2,60}}){{0,8}})\s+"
    r"(?:are|is|were|was|will\s+be|can\s+be|could\s+be|"
    # "20 tractors have already been handed over to farms in the region"
    r"(?:have|has|had)\s+(?:already\s+|also\s+)?been)"
    r"\s+(?:also\s+|already\s+)?(?P<how>in\s+(?:(?:great|high|good|big|strong|steady)\s+)?demand|"
    r"supplied|exported|delivered|sold|imported|shipped|handed\s+over|purchased|bought)\b"
    r"(?P<rest>[^.;,]{0,40})"
)

_IN_BELARUS = re.compile(
    r"\s+(?:in|among)\s+(?:Belarus|our\s+country|the\s+Republic\s+of\s+Belarus|"
    r"Belarusian\s+(?:consumers|enterprises|companies|buyers))\b"
)
_TO_US = re.compile(
    r"^\s+(?:to|into)\s+(?:us|Belarus|our\s+country|the\s+Republic\s+of\s+Belarus|"
    # ("polyethylene made in Tobolsk is supplied to Belarusian enterprises", "to Gomel Oblast";
    # not "to Belarusian dealers in the region")
    r"Belarusian\s+(?:[a-z][\w-]*\s+)?(?:enterprises|companies|plants|factories|producers|"
    rf"manufacturers|consumers|market|buyers|mills|refineries|processors)|{BELARUS_REGIONS})\b"
)
_FROM_BELARUS = re.compile(r"\bfrom\s+(?:Belarus|us|our\s+country|the\s+Republic\s+of\s+Belarus)\b")
_FROM_REGION = re.compile(r"\bfrom\s+(?:the\s+region|there|it)\b|\bfrom\s+(?!Belarus)[A-Z]")
_NAME_AFTER_FROM = re.compile(r"from\s+((?:[A-Z][\w-]*\s*){1,4})")


def _from_the_region(after: str) -> bool:
    """Whether ``after`` (what follows goods) says they come from the region: "from the
    region", "from Perm" — not "from Gomselmash", a Belarusian enterprise."""
    text = after.strip()
    if not _FROM_REGION.match(text):
        return False
    name = _NAME_AFTER_FROM.match(text)
    if name is None:
        return True
    words = name.group(1).split()
    ours = belarusian_enterprise_names()
    return not any(" ".join(words[:n]).lower() in ours for n in range(len(words), 0, -1))


# What is not a good: pronouns, quantities, vague words.
_NOT_GOODS = re.compile(
    r"^(?:it|them|this|that|these|those|everything|something|anything|all|more|much|many|"
    r"some|other|others|each|one|products?|goods|what|which|us|you|here|there|now|also|"
    r"(?:something|anything|nothing|everything)(?:\s+\w+){0,3}|"
    r"(?:the\s+)?regions?|the\s+market|services?|solutions?|opportunities|projects?|equipment|"
    r"technolog(?:y|ies)|expanding|growing|increasing|deliveries|supplies|exports|imports|"
    r"servicing|maintenance|training|support|students|specialists|experts|tourists|"
    r"delegations?|people|children|workers|teachers|doctors|builders|scientists|engineers|"
    r"researchers|staff|personnel|(?:much|many|and|so)\s+more|"
    # a share of something named before ("we buy part of it far away")
    r"part(?:\s+of\b.*)?|the\s+rest(?:\s+of\b.*)?|(?:a\s+)?shares?|"
    # a clause's opening words, read as the first of a list ("In turn, polypropylene ... are
    # supplied", "Last year, dairy products ... were delivered")
    r"in\s+turn|(?:last|this|next)\s+year|at\s+the\s+same\s+time|meanwhile|moreover|besides|"
    r"in\s+addition|in\s+return|today|recently|(?:in|since)\s+\d{4}|"
    # whom it goes to ("supplies the region's enterprises with components", "agricultural
    # enterprises")
    r"(?:[\w’'-]+\s+){0,2}(?:enterprises|companies|residents|consumers|customers|partners)|"
    # a country named in a list that runs on ("the supply of heavy-duty equipment, Belarus is
    # also ready ..."): no good
    r"Belarus|Russia|the\s+Russian\s+Federation|[$€£₽\d].*)$",
    re.I,
)
# Offers that are not goods: "financial programs", "comprehensive solutions".
# "construction of maintenance centers": work, not a good
_ACTIVITY = re.compile(
    r"^(?:the\s+)?(?:construction|creation|establishment|development|organi[sz]ation|opening|"
    r"building|modernization|modernisation|reconstruction|repair)\s+of\b",
    re.I,
)
_NOT_GOODS_HEAD = re.compile(
    r"\b(?:programs?|programmes?|solutions?|services?|support|assistance|help|expertise|"
    # money on offer is no good ("we will offer mutually acceptable financial instruments")
    r"(?:financial|financing|credit|leasing)\s+(?:instruments?|tools?|schemes?|mechanisms?)|"
    r"loans?|credits?|"
    r"experience|cooperation|projects?|technolog(?:y|ies)|opportunities|conditions|terms|"
    r"prices?|volumes?|amounts?|(?:commodity|product)\s+groups|positions|contracts?|"
    r"agreements?|ambassadors?)$",
    re.I,
)
SAID_VERB = r"(?:said|noted|stressed|added|says|emphasi[sz]ed|remarked|explained|stated|told)"
_SAID_AFTER = re.compile(rf",\s+(?:[\w’'-]+\s+){{1,4}}?{SAID_VERB}\b.*$")
# "..., and provide seeds, Lukashenko noted": the speaker is not a good
_SAID = re.compile(rf"\s{SAID_VERB}$", re.I)
_TRAILING = re.compile(
    # (and what a machine runs on, cut off by "on": "buses running [on gas]")
    r"\s+(?:running|powered|fuell?ed|operating|working|"
    r"somewhere|there|here|too|as\s+well|abroad|again|now|annually|necessary|needed|required|"
    r"(?:a|per|every|each)\s+(?:year|month))$"
    # who made it, cut off at "by": "machinery [jointly] made [by MAZ, BelAZ and Amkodor]"
    r"|(?:\s+(?:being|been|[a-z]+ly|home|hand))?\s+(?:made|produced|manufactured|built|"
    r"assembled)$"
    # what it is worth is no part of what it is: "food products worth 14.6 billion rubles"
    # what it replaces is no part of it: "buses instead of foreign ones"
    r"|\s+(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+.*$"
    r"|\s+(?:worth|valued\s+at|totall?ing|amounting\s+to)\s+(?:about\s+|over\s+|almost\s+|"
    r"nearly\s+|some\s+)?[$€£₽\d].*$"
    # how much it grew is no part of it either: "vegetable oils eightfold", "by 20%"
    r"|\s+(?:[a-z]+-?fold|twice|(?:by\s+)?[\d.,]+\s*(?:%|percent|times)|by\s+[a-z]+\s+times)$",
    re.I,
)
# A region named before a good, as whom it goes to: "offered Tula Oblast tractors" (a region's
# name, capitalised: not "cold region tyres" nor "Central Region Bank equipment")
_REGION_FIRST = re.compile(
    r"^((?:[A-Z][\w-]+\s+)?[A-Z][\w-]+\s+(?:Oblast|Krai|Region|Territory))\s+(?=\w)"
)
_LEADING = re.compile(
    # ("a great deal of", "plenty of": how much, not what)
    r"^(?:(?:a\s+)?(?:(?:wide|broad|whole|full)\s+)?(?:lot|number|variety|range)\s+of|"
    r"a\s+(?:great|good)\s+deal\s+of|(?:lots|plenty)\s+of|and|or|both|either|the|a|an|our|"
    r"its|their|also|"
    r"primarily|mainly|mostly|largely|chiefly|especially|including|enough|sufficient|"
    r"high-quality|high\s+quality|quality|such|modern|Belarusian|importing|imported|exported|"
    # praise, no kind ("reliable MTZ tractors", "comfortable low-floor buses")
    r"reliable|comfortable|energy-efficient|efficient|excellent|famous|well-known|renowned|"
    r"advanced|competitive|affordable|unique|latest|"
    r"\d[\d,.]*|units\s+of|various|various\s+types\s+of|types\s+of|"
    # a share, not a kind: "20 percent of its fish products"
    r"(?:percent|per\s+cent|%)\s+of(?:\s+(?:its|their|the))?|"
    r"(?:hundred|thousand|million|billion)s?(?:\s+of)?|"  # "7 million tyres"
    # how many: "over 300 buses", "more than 20 tractors"
    r"(?:over|more\s+than|about|around|nearly|almost|approximately|some|up\s+to|at\s+least)"
    r"(?=\s+\d)|"
    # "imported from Omsk Oblast primarily sulfur": where from, not what
    # ("Omsk Oblast imports from Belarus tractors": from whom, told before what)
    r"from\s+(?:the\s+region|there|Belarus|(?:[A-Z][\w-]+\s+)?[A-Z][\w-]+\s+"
    r"(?:Oblast|Krai|Region|Republic|Territory))|"
    # whom to, told before what: "Belarus sells [the] region dairy products" (and "offered
    # Tula Oblast tractors": see _REGION_FIRST)
    r"region(?=\s+\w+)|"
    # the trading that brings it, told before it: "offers the region supplies of equipment"
    r"(?:supplies|supply|deliveries|delivery|shipments?|sales?|purchases?)\s+of(?=\s+\w+))\s+",
    re.I,
)


# A sentence without one of these has none of the patterns (a cheap test first).
_CUE_WORDS = (
    "suppl", "offer", "deliver", "export", "sell", "sold", "ship", "sale", "purchas", "buy",
    "bought", "import", "demand", "send", "sent", "get", "receiv", "obtain", "provid", "need",
    "equip", "interest", "such as", "including", " like ", "produc", "manufactur", "make",
    "handed over", " on belarusian ",
)  # fmt: skip


_SHORT_NAME = re.compile(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*")  # one word, a capital inside
# What equipment is for, when that is an aim rather than a kind of work ("for effective
# operation of", "for the needs of"), or cut off at a preposition
_AIM = re.compile(
    r"\b(?:operation|functioning|needs?|development|modernization|modernisation)\b|"
    r"\b(?:of|for|to|in|the)$"
)
_EQUIPMENT_FOR = re.compile(r"\b(equipment|machinery|machines)\s+for\s+(.+)$")
# "machinery of the leading Belarusian enterprises - MAZ, MTZ, Gomselmash": who makes it
_MAKERS = re.compile(
    r"\s+(?:of|from|by)\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,3}(?:enterprises|companies|"
    r"manufacturers|producers|plants|factories|holdings)|"
    # one enterprise by name: "tractors from the Minsk Tractor Plant"
    r"(?:[A-Z][\w-]*\s+){1,3}(?:Plant|Works|Factory|Company|Holding))\b"
    r"(?:\s*[-–—:]\s*[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*(?:,\s*[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)*)?"
)


# A clause whose subject is the region's side (its offers are not Belarus's exports).
_REGION_SIDE = r"\b(?:the\s+region|Oblast|Krai|Territory|Republic|governor)\b"
_RUSSIAN_SUBJECT = re.compile(_REGION_SIDE + r"[^,.;]*$")


# A kind of work, joined by "and" to the equipment for another: the equipment's noun is its
# too ("water treatment and wastewater disposal equipment": no "water treatment" sold alone;
# not "water treatment and agricultural machinery", nor "food processing and dairy products")
_WORK = (
    r"(?:treatment|disposal|purification|processing|cleaning|sorting|recycling|irrigation|"
    r"drying|handling)"
)
_KIND_OF_WORK = re.compile(rf"\s{_WORK}$", re.I)
_FOR_WORK = re.compile(
    rf"\s{_WORK}\s+(?:equipment|machinery|machines|plants|lines|systems|units|facilities|"
    r"complexes|installations|stations)$",
    re.I,
)


def shares_work_noun(kind: str, good: str) -> bool:
    """Whether ``kind`` ("water treatment") is a kind of work that shares the noun of
    ``good``, the equipment for another ("wastewater disposal equipment")."""
    return bool(_KIND_OF_WORK.search(kind) and _FOR_WORK.search(good))


# (compiled once: a call of re.sub with a pattern's text looks it up each time, and a list
# of goods is read for every offer of a long text)
_AS_WELL_AS = re.compile(r",?\s+as\s+well\s+as\s+")
_NAMELY_IN_LIST = re.compile(r"(?:^|,)\s*namely\s+")


def _items(text: str, split: object) -> list[str]:
    """The goods of a captured list: split as trade lists are, tidied, vague ones left out."""
    out = []
    # (each only where its words are: see needs.py)
    if may_match(_MAKERS, text):
        text = _MAKERS.sub("", text)
    # (the speaker after the list: "timber and fish, the governor said")
    if may_match(_SAID_AFTER, text):
        text = _SAID_AFTER.sub("", text)
    if may_match(_AS_WELL_AS, text):
        text = _AS_WELL_AS.sub(", ", text)
    # "agricultural products, namely grain": the goods named, not the word that names them
    if may_match(_NAMELY_IN_LIST, text):
        text = _NAMELY_IN_LIST.sub(", ", text)
    text = text.lstrip(", ")
    purpose = _EQUIPMENT_FOR.search(text)
    if purpose and _AIM.search(purpose.group(2)):
        return []  # "equipment for effective operation of this sector": an aim, not a kind
    if purpose:  # "equipment for water purification and sorting": what it is for names it
        kind = purpose.group(1)
        parts = list(split(purpose.group(2)))  # type: ignore[operator]
        if len(parts) == 1:
            parts = parts[0].split(" and ")
        items = [
            f"{i.strip()} {kind}" for i in parts if i.strip() and not _NOT_GOODS.match(i.strip())
        ]
    else:
        items = list(split(text))  # type: ignore[operator]
    if len(items) == 1 and " and " in items[0]:  # "grain and sunflower oil"
        items = items[0].split(" and ")
        if len(items) == 2 and shares_work_noun(items[0], items[1]):
            items[0] = f"{items[0]} {items[1].split()[-1]}"  # (its noun too)
    for item in items:
        good = _good_of(item)
        if good is not None:
            out.append(good)
    return out


@functools.lru_cache(maxsize=4096)
def _good_of(item: str) -> str | None:
    """An item of a list of goods, tidied; None when it names no good. (A function of the
    item alone: a page that names the same goods again and again reads each once.)"""
    # (and a dash an aside opens or closes: "the export of oil products - by ...")
    item = _TRAILING.sub("", item.strip(" ,").rstrip(" -–—").strip())
    while True:
        tidy = _LEADING.sub("", item)
        first = _REGION_FIRST.match(tidy)
        if first and find_region(first.group(1)):
            tidy = tidy[first.end() :]
        if tidy == item:
            break
        item = tidy
    words = item.split()
    if len(words) == 1 and item.lower() in _INDUSTRIES:
        return None  # "woodworking", "engineering": a branch of industry, no good alone
    if _MARKUP.search(item):
        return None  # "[link= | any | amount *now*": a page's or a message's markup, no good
    if not words or len(words) > 6 or _SAID.search(item) or not is_good(item):
        return None  # (not a good: "MAZ, MTZ and Gomselmash" are who, not what)
    if item[0].isupper() and not item.isupper() and find_region(item):
        return None  # a place, not a good
    if _SHORT_NAME.fullmatch(item):
        return None  # "BelTA", "MAZ": who, not what
    if _FROM_WHOM.match(item):
        return None  # "products that we could purchase from you": from whom, not what
    if (
        len(words) > 1
        and words[-1].lower() in VAGUE_GOODS
        and all(w.lower() in _POINTING for w in words[:-1])
    ):
        return None  # "our unique equipment", "such vehicles": what kind is not said
    return item


_MARKUP = re.compile(r"[\[\]{}|*=<>#_~^`\\]")


_FROM_WHOM = re.compile(
    r"(?:from|to|with|by|for)\s+(?:you|us|them|him|her|it|the\s+region|Belarus|Russia)\b", re.I
)


# The word each pattern turns on, found first: a pattern is tried only just before one, so
# that a sentence is read once whatever its shape (a page of capitalised words, say).
_OFFER_VERB = re.compile(
    r"\b(?:suppl(?:y|ies|ied)|offer(?:s|ed)?|deliver(?:s|ed)?|export(?:s|ed)?|sell|sells|sold|"
    r"ship(?:s|ped)?|sends?|sent)\b"
)
# Belarus or its makers as the ones supplied: "supply Belarus with grain", "provide Belarusian
# enterprises with timber" (whoever supplies them, Belarus buys)
_TO_BELARUS_SIDE = (
    r"(?:Belarus|us|our\s+(?:country|republic|enterprises|companies|plants)|"
    r"Belarusian\s+(?:enterprises|companies|plants|factories|producers|manufacturers|partners|"
    rf"consumers|market)|{BELARUS_REGIONS})"
)
# "Belarus could supply vehicles, help with farming, and provide seeds": a further offer in
# the sentence of one, its subject left out.
_MORE_OFFER = re.compile(
    # (not "... and supply Belarus with valves": Belarus the one supplied)
    rf",?\s+(?:and\s+)?(?:supply|offer|provide|deliver|sell)\s+(?!{_TO_BELARUS_SIDE}\s+with\b)"
    rf"{_QUANTITY}{_LIST}"
)
# "ready to provide you with the most advanced agricultural machines", "meet the region's
# need in trucks and elevators": Belarus offering
_PROVIDE_WITH = re.compile(
    rf"\b(?:(?:provid(?:e|ing)|suppl(?:y|ying)|equip(?:ping)?)\s+"
    # (not "supply Belarus with grain": Belarus is the one supplied, see _SUPPLIES_BELARUS)
    rf"(?:you|them|the\s+region|its\s+\w+|your\s+\w+|(?!Belarus)[A-Z]\w+)\s+"
    rf"with|meet\s+(?:the\s+)?(?:region['’]s\s+|its\s+|their\s+|your\s+)?(?:needs?|demand)\s+"
    rf"(?:of\s+(?:the\s+)?(?:region|[A-Z][\w-]+(?:\s+[A-Z][\w-]+){{0,2}})\s+)?"
    rf"(?:in|for))\s+{_QUANTITY}{_LIST}"
)
# "The Saratov oblast supplies Belarus with such resources as oil, ...": the region selling
_SUPPLIES_BELARUS = re.compile(
    rf"\b(?:suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing))\s+{_TO_BELARUS_SIDE}\s+with\s+"
    rf"(?:such\s+(?:resources|goods|products|items)\s+as\s+)?{_QUANTITY}{_LIST}"
)
# "Belarus has expressed interest in gas turbine units from Tyumen Oblast": what Belarus
# would buy there
_INTEREST_FROM = re.compile(
    rf"\b{_BELARUS_SUBJECT}\s+(?:(?:is|are|was|has|have|had)\s+)?(?:also\s+)?"
    rf"(?:(?:expressed|shown|showed)\s+(?:an?\s+|great\s+|keen\s+|its\s+)?interest|"
    rf"(?:is|are|was|were)\s+(?:also\s+)?interested)\s+in\s+(?:buying\s+|purchasing\s+|"
    rf"importing\s+|(?:the\s+)?(?:imports?|purchases?|suppl(?:y|ies))\s+of\s+)?"
    rf"{_QUANTITY}{_LIST}\s+from\s+(?:the\s+region|there|[A-Z])"
)
# "We get a lot of raw materials from there": what Belarus receives from the region.
# ("Belarusian enterprises receive coal from the region", "our plants get metal from there")
_RECEIVE = re.compile(
    rf"\b{_BELARUS_SUBJECT}\s+(?:also\s+)?(?:get|gets|receive|receives|obtain|obtains)\s+"
    rf"{_QUANTITY}{_LIST}\s+from\b"
)
# "the possibility of purchasing Belarusian building materials": the region buying them
_BUY_BELARUSIAN = re.compile(
    rf"\b(?:purchas(?:e|es|ed|ing)|buy(?:s|ing)?|bought)\s+(?:of\s+)?Belarusian\s+{_LIST}"
)
_TRADE_NOUN_WORD = re.compile(
    r"\b(?:supply|supplies|deliver(?:y|ies)|sales?|shipments?|exports?|imports?)\s+of\b"
)
_PRODUCE_VERB = re.compile(r"\b(?:produces?|manufactures?|makes)\b")
_PURCHASE_VERB = re.compile(r"\b(?:purchase[sd]?|buys?|bought|import(?:s|ed)?)\b")
# (the verb with its auxiliary, as _PASSIVE has it: "supplied" alone is in every other
# sentence of a report, and each would have _PASSIVE read the 600 characters before it)
_PASSIVE_VERB = re.compile(
    r"\b(?:are|is|were|was|be|been)\s+(?:also\s+|already\s+)?(?:in\s+(?:[a-z]+\s+)?demand|"
    r"supplied|exported|delivered|sold|imported|shipped|handed\s+over|purchased|bought)\b"
)
_REACH = 300  # characters a match may run past its word (a list of goods is shorter)


def _anchored(
    pattern: re.Pattern[str],
    anchor: re.Pattern[str],
    text: str,
    back: int,
    starts: re.Pattern[str] | None = None,
) -> list[re.Match[str]]:
    """The matches of ``pattern`` that reach an ``anchor`` word, looked for from at most
    ``back`` characters before each: each stretch of text is read a bounded number of times.
    ``starts``: words one of which every match of ``pattern`` begins with; the pattern is
    looked for from the first of them, and not at all where none comes before the anchor
    (else each anchor's search read on to its reach past the anchor, in vain)."""
    found: list[re.Match[str]] = []
    done = 0  # where the last match ended
    # where the first of ``starts`` at or after ``begin`` is (len(text): none); ``begin`` only
    # grows, so each stretch is searched for them once
    first = -1
    for a in anchor.finditer(text):
        if a.start() < done:
            continue
        begin = max(done, a.start() - back)
        if starts is not None:
            if first < begin:
                word = starts.search(text, begin)
                first = word.start() if word else len(text)
            if first > a.start():
                continue  # (no match can begin at or before the anchor)
            begin = first
        m = pattern.search(text, begin, a.end() + _REACH)
        if m is not None and m.start() <= a.start():
            found.append(m)
            done = m.end()
    return found


# Goods by name (the head nouns of what Belarus and the regions trade), for "Belarusian
# tractors are driving in the fields": a Belarusian-made good named is one Belarus sells there.
GOODS_NOUNS = (
    "tractors", "trucks", "dump trucks", "buses", "trolleybuses", "trams", "combines",
    "harvesters", "machinery", "machines", "vehicles", "cars", "elevators", "lifts",
    "fertilisers", "fertilizers", "potash", "tyres", "tires", "dairy products", "milk", "butter",
    "cheese", "meat", "food", "foodstuffs", "furniture", "footwear", "textiles", "clothing",
    "medicines", "drugs", "spare parts", "parts", "components", "knock-down kits", "kits",
    "cement", "glass", "timber", "paper", "seeds", "goods", "products", "equipment",
    "machinery", "elevators", "appliances",
)  # fmt: skip
_GOODS_NOUN = r"(?:" + alternation(GOODS_NOUNS) + r")"
# "Our heavy-duty trucks have proven themselves", said by the Belarusian side: its goods
_NOT_AFTER_GOODS = (
    r"(?!\s+(?:manufacturers|makers|producers|plants?|enterprises|companies|industry|"
    r"specialists|sector|market|brands?)\b)"
)
# "Belarus-made goods such as food, footwear and knitwear": the goods named after it
_BELARUSIAN_SUCH_AS = re.compile(
    r"\bBelarus(?:ian|-made|ian-made)\s+(?:goods|products|produce|machinery|equipment|vehicles|"
    r"machines|foodstuffs|food\s+products|appliances)\s*,?\s+(?:such\s+as|"
    rf"including|like)\s+{_LIST}"
)
# "our companies MAZ, MTZ ... are ready to provide a wide range of products, namely
# passenger, freight, municipal transport": the goods named after "namely" in an offer
_NAMELY = re.compile(
    r"\b(?:products|goods|equipment|machinery|vehicles|machines)\s*,?\s+namely\s+" + _LIST
)
# "The region can count on Belarusian technologies, equipment, machinery ... as well as
# consumer goods": what Belarus would supply
_COUNT_ON = re.compile(r"\b(?:count|rely|depend)\s+on\s+Belarusian\s+" + _LIST)
_BELARUS_MARKET = re.compile(
    # what the supply will do, set off after it: "- this will create ... markets", ", which
    # will open ..."
    r"\s*[-–—,]?\s*(?:this|it|which)\s+will\s+[^.;]*?\b(?:creat|open|diversif|"
    r"expand|widen|fill)\w*\s+[^.;]*?(?:markets?\s+(?:in|of)\s+Belarus\b|Belarusian\s+market\b|"
    r"sales\s+markets?\s+for\s+(?!Belarus)[A-Z][\w-]*\s+(?:enterprises|companies|producers)\b)"
)
_RUSSIAN_OFFER = re.compile(_REGION_SIDE, re.I)  # (anywhere before, in any case)
_OFFER_WORD = re.compile(r"\b(?:provid\w*|suppl\w*|offer\w*|deliver\w*|sell\w*)\b")
# Belarusian makers taking part in renewing the region's fleet or equipment: "the
# participation of Belarusian enterprises in the renewal of urban passenger transport, special
# road equipment, and elevator equipment in the region"
_RENEWAL = re.compile(
    r"\b(?:participation|take\s+part|taking\s+part|participate|involvement)\s+of\s+"
    r"Belarusian\s+(?:enterprises|companies|manufacturers|producers)\s+in\s+(?:the\s+)?"
    r"(?:renewal|renewing|modernization|modernisation|upgrade|upgrading|replacement)\s+of\s+"
    r"(?:the\s+)?(?:region['’]s\s+)?" + _LIST
)
# "familiar with Belarusian equipment: farm machines, trucks": the kinds named after a colon
_BELARUSIAN_COLON = re.compile(
    r"\bBelarus(?:ian|-made|ian-made)\s+(?:goods|products|produce|equipment|machinery|"
    rf"vehicles|machines):\s+{_LIST}"
)


# An item that is not a noun phrase: it starts with a preposition ("for enterprises of the
# region"), names a place's own ("Buryatia's partner countries"), or runs into the verb of
# the next clause ("Grodno Azot began", "pasteboard soared")
_NOT_A_THING = re.compile(
    r"^(?:for|to|with|by|in|on|at|of|about|into|from|through|via)(?:\s|$)|"
    # a pronoun or an adverb opens no good, in a speech's loose words ("we buy it somewhere
    # far away", "as much as you want", "almost all of it", "right away")
    r"^(?:it|them|we|us|you|they|he|she|him|me|as\s+much|almost|right\s+away|directly|"
    r"including|then|consume|train|"
    # a clause's words, not a thing: "without intermediaries", "according to the regional
    # administration", "which earlier", "use the port of ...", "restore flax", "exceeds 80%"
    r"without|according|which|who|whose|use|uses|restore|mostly|exceeds?|every|each)\b(?!-)|"
    r"^(?:small|big|large|proposed|a\s+lot|lot|(?:[\w-]+\s+){0,2}batch(?:es)?|"
    # a number in words: "a hundred, two hundred a year"
    r"(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few)\s+)?"
    r"(?:hundreds?|thousands?|dozens?))$|"
    # ("localise something in Belarus")
    r"\s(?:something|anything|everything|nothing)$|"
    r"\s(?:then|now|anyway|directly|somewhere)$|"
    # what points at a good named before it ("fish products, including ready-made ones")
    r"\bones$|"
    # a clause, not a thing: "(offer the market a full line and) replace what used to be"
    r"\b(?:what|whatever)\b|^market\s|"
    r"\b[A-Z][\w-]*['’]s\s|"
    r"\s(?:began|begun|soared|rose|grew|fell|dropped|increased|decreased|doubled|tripled|"
    r"amounted|reached|exceeded|totalled|totaled|was|were|is|are|has|have|had|stopped|ceased|"
    r"ended|started)$"
)


def is_good(item: str) -> bool:
    """Whether an item of a goods list names a good (not "expanding", "services", MAZ)."""
    return not (
        _NOT_GOODS.match(item)
        or _NOT_GOODS_HEAD.search(item)
        or _ACTIVITY.match(item)
        or _NOT_A_THING.search(item)
        or item.lower() in enterprise_names()
    )


def _made_in_belarus(text: str, split: object) -> list[str]:
    """The goods of "Belarusian ..." that are named goods (not the words of a clause a
    comma after it)."""
    return [item for item in _items(text, split) if _ENDS_IN_GOOD.search(item.lower())]


# A sentence in someone's words: quoted, or told as said
_SPOKEN = re.compile(
    r"[“”\"«»]|\b(?:said|says|noted|stressed|remarked|added|emphasi[sz]ed|told|according\s+to)\b"
)


def spoken(sentence: str) -> bool:
    """Whether ``sentence`` gives someone's words (not the report's own)."""
    return bool(_SPOKEN.search(sentence))


def offered_goods(
    sentence: str, split: object, *, belarus_speaking: bool = False
) -> tuple[list[str], list[str]]:
    """(exports, imports) named in one sentence by an offer, a delivery, a purchase or the
    passive; ``split`` splits a captured list into items (trade's list splitter).
    ``belarus_speaking``: the sentence is the Belarusian side's words ("our trucks")."""
    exports: list[str] = []
    imports: list[str] = []
    lower = sentence.lower()
    if belarus_speaking and "our " in lower:
        for m in _OURS.finditer(sentence):
            exports += _made_in_belarus(m.group(1), split)
    if belarus_speaking:
        # what Belarus's side says it makes is on offer: "We make modern buses", "Our
        # Mogilevliftmash makes lifts" (not what is made together: "certain joint equipment")
        # (not what it makes for itself: "We produce enough milk for ourselves")
        for m in _WE_MAKE.finditer(sentence) if not SELF_SUFFICIENT.search(sentence) else ():
            exports += [g for g in _made_in_belarus(m.group(1), split) if "joint" not in g]
    if ":" in sentence and "belarus" in lower:  # "familiar with Belarusian equipment: ..."
        for m in _BELARUSIAN_COLON.finditer(sentence):
            exports += _items(m.group("list"), split)
    if not any(w in lower for w in _CUE_WORDS):
        if "belarus" in lower:  # "Belarusian tractors are driving in the fields"
            for m in _MADE_IN_BELARUS.finditer(sentence):
                if not sentence.startswith(":", m.end()):  # (the heading of a list)
                    exports += _made_in_belarus(m.group(1), split)
        return exports, imports
    offers = _anchored(_OFFER, _OFFER_VERB, sentence, 100, _OFFER_STARTS)
    for m in offers:
        exports += _items(m.group("list"), split)
    if offers:
        for m in _MORE_OFFER.finditer(sentence, offers[0].end()):
            exports += _items(m.group("list"), split)
    if " from" in sentence:
        for m in _RECEIVE.finditer(sentence):
            imports += _items(m.group("list"), split)
        if "interest" in lower:
            for m in _INTEREST_FROM.finditer(sentence):
                imports += _items(m.group("list"), split)
    if " with" in sentence or "need" in sentence or "demand" in sentence:
        for m in _PROVIDE_WITH.finditer(sentence):
            before = sentence[max(0, m.start() - 60) : m.start()]
            if _RUSSIAN_SUBJECT.search(before):
                continue
            exports += _items(m.group("list"), split)
        for m in _SUPPLIES_BELARUS.finditer(sentence):
            imports += _items(m.group("list"), split)
    for m in _MADE_IN_BELARUS.finditer(sentence):
        if not sentence.startswith(":", m.end()):  # (the heading of a list)
            exports += _made_in_belarus(m.group(1), split)
    if "Belarus" in sentence:
        for m in _anchored(_PRODUCES, _PRODUCE_VERB, sentence, 80):
            exports += _items(m.group("list"), split)
    if " such as " in sentence or " including " in sentence or " like " in sentence:
        for m in _BELARUSIAN_SUCH_AS.finditer(sentence):
            exports += _items(m.group("list"), split)
    if "Belarusian" in sentence:
        for m in _BUY_BELARUSIAN.finditer(sentence):
            exports += _items(m.group("list"), split)
        for m in _RENEWAL.finditer(sentence):
            exports += _items(m.group("list"), split)
        if " on Belarusian " in sentence:
            for m in _COUNT_ON.finditer(sentence):
                exports += _items(m.group("list"), split)
    if " namely " in sentence and _OFFER_WORD.search(sentence):
        for m in _NAMELY.finditer(sentence):
            before = sentence[: m.start()]
            # (Belarus named as the one supplied, "supply Belarus with …", is no offer of its)
            if _RUSSIAN_OFFER.search(before) and not re.search(
                r"\b(?:[Oo]ur|Belarusian)\b|\bBelarus\b(?!\s+with\b)", before
            ):
                continue  # (the region's offer, not Belarus's)
            exports += _items(m.group("list"), split)
    for m in _anchored(_TRADE_NOUN, _TRADE_NOUN_WORD, sentence, 10):
        noun = m.group("noun")
        after = sentence[m.end() : m.end() + 40]
        before = sentence[max(0, m.start() - 40) : m.start()]
        importing = bool(_TO_US.match(after) or _from_the_region(after)) or _bought_by_belarus(
            sentence[m.end() : m.end() + 80]
        )
        # ("the supplies of antibiotics to the Belarusian medical institutions": where they go,
        # inside the list the pattern read)
        importing = importing or bool(_TO_BELARUSIAN_INSIDE.search(m.group("list")))
        # "the supply of aquatic biological resources - this will create sales markets for
        # Kamchatka enterprises and diversify the food market in Belarus": sold to Belarus
        importing = importing or (
            not _BELARUS_FIRST.match(sentence) and bool(_BELARUS_MARKET.match(sentence, m.end()))
        )
        if re.search(r"\b(?:from|by)\s+(?:the\s+)?(?:region|Russian)", before):
            importing = True
        # the region's offer: "The republic offered supplies of omul", "Komi is ready to
        # increase supplies of timber"
        supplied = sentence[m.start() : m.end()].split(" of ", 1)[-1]
        if not noun.startswith("import") and _region_offers(sentence[: m.start()], supplied):
            importing = True
        # "Belarus needs to increase the supply of raw fish": a supply Belarus needs it buys
        # (not its own goods, nor a supply to somewhere else: "the supply of its tractors to
        # the Russian market")
        if (
            _BELARUS_NEEDS.search(sentence, max(0, m.start() - 100), m.start())
            and not re.match(r"\s*(?:its|our|Belarusian)\b", m.group("list"))
            and not re.search(r"\b(?:its|our|Belarusian)\b", sentence[m.start() : m.start("list")])
            and not re.match(r"\s*to\s+(?!Belarus\b|us\b|our\s+country\b)", after)
        ):
            importing = True
        if noun.startswith("import"):  # "the import of X" is Belarus's
            importing = not re.match(r"\s*(?:from|to)\s+Belarus\b", after)
            # ... unless the region is the sentence's subject, who imports it ("The
            # Novosibirsk region intends to develop cooperation with Belarus in such areas as
            # the import of elevators")
            whose = _SUBJECT_REGION.match(sentence)
            between = sentence[whose.end() : m.start()] if whose else ""
            if (
                whose
                and find_region(whose.group(1))
                and "Belarus" not in whose.group(1)
                # (not a second clause of Belarus's: "..., and Belarus is interested in the
                # import of timber")
                and not re.search(r",\s+(?:and|but)\b|\b(?:while|whereas)\b|;", between)
            ):
                importing = False
        elif noun.startswith("export"):  # Belarus's, unless said otherwise
            importing = bool(_TO_US.match(after) or _from_the_region(after)) or _bought_by_belarus(
                after
            )
        (imports if importing else exports).extend(_items(m.group("list"), split))
    if " to Belarus" in sentence or " to the Belarusian " in sentence:
        for m in _SENDS_TO_BELARUS.finditer(sentence):
            # (not Belarus's own makers: "The Belarusian side supplies tractors to Belarusian
            # enterprises in the region", "Gomel enterprises supply glass to the market")
            if not _BELARUS_OWN.search(m.group("subject")):
                imports += _items(m.group("list"), split)
    if " in exchange for " in sentence and offers:
        # "Belarus will deliver 100 tractors ... in exchange for coal": what it gets back
        for m in _IN_EXCHANGE.finditer(sentence, offers[0].end()):
            imports += _items(m.group("list"), split)
    for m in _anchored(_PURCHASE, _PURCHASE_VERB, sentence, 100):
        subject = m.group("subject")
        if re.search(r"['’]s?$", subject):
            continue  # "Belarus' imports from the region are ...": whose imports, a noun
        rest = sentence[m.end() : m.end() + 40]
        # (a region of Belarus buys for Belarus: "Minsk Region imports plastic, linoleum")
        # (buying "from Perm" is Belarus buying; "from MAZ", a Belarusian maker, is not)
        belarus_buys = bool(
            re.match(rf"(?:Belarus|[Ww]e|{BELARUS_REGIONS})\b", subject)
        ) or _from_the_region(rest)
        in_belarus = re.match(r"\s+(?:and\s+much\s+more\s+)?(?:in|from)\s+Belarus\b", rest)
        if belarus_buys and not _FROM_BELARUS.match(rest.strip()):
            imports += _items(m.group("list"), split)
        elif find_region(subject) or re.fullmatch(r"[Tt]he\s+region", subject) or in_belarus:
            exports += _items(m.group("list"), split)
    for m in _anchored(_PASSIVE, _PASSIVE_VERB, sentence, 600):
        how, rest = m.group("how"), m.group("rest")
        how = " ".join(how.split())
        if how in ("purchased", "bought"):
            # bought from the region ("paper and cardboard were purchased from the region"),
            # or by it ("... were bought by the region's farms"); else not said whose
            if _from_the_region(rest):
                imports += _items(m.group("list"), split)
            elif re.match(r"\s+(?:by|for)\s+(?:the\s+region|[A-Z])", rest):
                exports += _items(m.group("list"), split)
            continue
        if how == "imported" or _TO_US.match(rest):
            imports += _items(m.group("list"), split)
        elif "demand" in how or how in (
            "supplied",
            "exported",
            "delivered",
            "sold",
            "shipped",
            "handed over",
        ):
            items = _items(m.group("list"), split)
            if how == "in demand":
                # ("Engineering products will be in demand in the region"; with no word of how
                # great the demand, only goods by name: "They are in demand" says nothing)
                items = [i for i in items if _ENDS_IN_GOOD.search(i.lower())]
            if how != "imported" and re.match(r"^\s+from\s+(?:the\s+region|[A-Z])", rest):
                imports += items
            elif "demand" in how and _IN_BELARUS.match(rest):
                imports += items  # ("Russian oil products are in demand in Belarus")
            else:
                exports += items
    return exports, imports


# The goods of trade by name, for a good named in a sentence about trade whatever its shape
# ("the famous dump trucks of BelAZ will help", "trams, buses and electric buses",
# "interested in ferrous metals, wood and other minerals"): the head nouns of what Belarus
# sells to and buys from Russia's regions, by the chapters of the Harmonized System that
# make up that trade (machinery and vehicles, food and farming, chemicals and fertilisers,
# metals, wood, textiles, building materials, fuels). Words, not names of enterprises, and
# not the answers of any report.
GOODS_LEXICON = (
    # vehicles and machines
    "tractors", "trucks", "dump trucks", "lorries", "buses", "electric buses", "minibuses",
    "trolleybuses", "trams", "cars", "passenger cars", "vehicles", "special vehicles",
    "municipal vehicles", "utility vehicles", "fire engines", "ambulances", "trailers",
    "semi-trailers", "combines", "combine harvesters", "harvesters", "forage harvesters",
    "mowers", "seeders", "sprayers", "loaders", "excavators", "bulldozers", "graders",
    "cranes", "road rollers", "elevators", "lifts", "escalators", "machine tools",
    "engines", "motors", "pumps", "compressors", "turbines", "gearboxes", "bearings",
    "axles", "tyres", "tires", "wheels", "spare parts", "components", "locomotives",
    "wagons", "railcars", "carriages", "aircraft", "helicopters", "drones", "vessels", "boats",
    "agricultural machinery", "farm machinery", "road machinery", "mining machinery",
    "balers", "ploughs", "plows", "cultivators", "planters", "seed drills", "rakes", "tedders",
    "machinery", "machines", "equipment", "appliances", "household appliances",
    "refrigerators", "fridges", "freezers", "washing machines", "cookers", "stoves",
    "televisions", "tv sets", "electronics", "microelectronics", "optics",
    "devices", "sensors", "meters", "cables", "wire", "transformers", "batteries",
    "computers", "software", "robots", "tractor", "truck", "bus", "trolleybus", "tram",
    "elevator", "combine harvester", "excavator", "locomotive",
    # a kind of products, materials or goods ("dairy products", "raw materials", "consumer
    # goods"; alone, too vague)
    "products", "materials", "goods", "raw materials",
    # food and farming
    "food", "foodstuffs", "food products", "dairy products", "milk", "powdered milk",
    "butter", "cheese", "cheeses", "yoghurt", "meat", "beef", "pork", "poultry", "chicken",
    "sausages", "fish", "seafood", "cod", "haddock", "pollock", "salmon", "herring", "crab",
    "crabs", "shrimp", "grain", "wheat", "barley", "rye", "oats", "corn", "maize",
    "buckwheat", "rice", "flour", "sugar", "confectionery", "sweets", "chocolate",
    "vegetables", "potatoes", "fruit", "fruits", "apples", "grapes", "berries", "seeds",
    "seed potatoes", "sunflower oil", "vegetable oil", "rapeseed", "feed", "fodder",
    "compound feed",
    "livestock", "cattle", "pigs", "breeding herd", "breeding stock", "heifers", "eggs",
    "beverages", "beer", "juice", "tea", "salt", "yogurts", "yoghurts", "ice cream", "kefir",
    "whey", "milk powder", "cottage cheese", "sour cream", "condensed milk",
    # chemicals, fertilisers, medicines
    "fertilisers", "fertilizers", "potash", "potash fertilisers", "nitrogen fertilisers",
    "chemicals", "plastics", "polymers", "polypropylene", "polyethylene", "methanol",
    "caustic soda", "soda ash", "rubber", "synthetic rubber", "paints", "varnishes", "detergents",
    "cosmetics", "medicines", "drugs", "pharmaceuticals", "vaccines", "medical equipment",
    "medical devices", "test systems",
    # fuels, metals, wood, materials
    "oil", "crude oil", "petroleum products", "oil products", "fuel", "diesel", "gasoline",
    "petrol", "gas", "natural gas", "liquefied gas", "coal", "coke", "electricity",
    "metals", "ferrous metals", "non-ferrous metals", "steel", "rolled metal", "rolled steel",
    "iron", "aluminium", "aluminum", "copper", "nickel", "titanium", "pipes", "steel pipes",
    "metal structures", "metal products", "hardware", "ore", "iron ore", "minerals",
    "timber", "wood", "lumber", "sawn timber", "plywood", "wood pulp", "pulp", "paper",
    "cardboard", "furniture", "cement", "bricks", "glass", "ceramics", "tiles",
    "building materials", "construction materials", "insulation",
    # textiles and consumer goods
    "textiles", "fabrics", "flax", "linen", "wool", "cotton", "yarn", "knitwear",
    "clothing", "clothes", "garments", "footwear", "shoes", "leather", "toys", "glassware",
    "porcelain", "jewellery", "watches",
)  # fmt: skip

# (the words as a prefix tree, see needs.alternation: the same matches as the flat list sorted
# longest first, several times quicker to look for at every word of a sentence)
_LEXICON_NOUN = r"(?:" + alternation(GOODS_LEXICON) + r")"
# (any good named above or in the lexicon: "Belarusian mowers", "Belarus-made loaders and
# excavators")
_MADE_NOUN = r"(?:" + alternation({*GOODS_NOUNS, *GOODS_LEXICON}) + r")"
# A word of kind before a good: not a word of a clause ("Belarusian plants with coal",
# "Belarusian enterprises buy timber": who, then what they do)
_KIND = (
    r"(?!(?:with|in|for|to|from|of|on|at|by|and|or|are|is|was|were|have|has|had|will|can|"
    r"could|buy|buys|bought|sell|sells|sold|supply|supplies|supplied|need|needs|use|uses|"
    r"enterprises|companies|plants|factories|manufacturers|producers|makers|side|partners|"
    r"business\w*|exporters|firms|specialists|people|farmers|builders|"
    # (who gets them, and the verb: "the Belarusian market receives rolled metal")
    r"markets?|receives?|received|gets?|got|imports?|imported|exports?|exported|purchases?|"
    r"purchased|consumers|customers|economy|delegation|regions?)\b)[a-z][\w-]*"
)
# (kinds of it before the good: "Belarusian passenger, utilities, agricultural and cargo
# machinery, elevators"; further goods after it)
_GOODS_RUN = (
    rf"((?:(?:{_KIND}\s+)?{_KIND}"
    rf"(?:,\s+(?:and\s+)?|\s+and\s+)){{0,6}}(?:{_KIND}\s+){{0,2}}?{_MADE_NOUN}"
    rf"(?:,\s+(?:and\s+)?(?:{_KIND}\s+){{0,2}}?{_MADE_NOUN})*)\b"
    rf"{_NOT_AFTER_GOODS}"
)
_MADE_IN_BELARUS = re.compile(rf"\bBelarus(?:ian|-made|ian-made)\s+{_GOODS_RUN}")
_ENDS_IN_GOOD = re.compile(rf"\b{_MADE_NOUN}$")
# ("our ..." in the Belarusian side's words: the goods of the lexicon, "our cheese and butter")
_OURS = re.compile(rf"\b[Oo]ur\s+{_GOODS_RUN}")
# Belarus's side telling what it makes (its words: the Belarusian host's): "We make modern
# buses", "Our Mogilevliftmash makes lifts as good as anybody's" (goods, and their sectors:
# proposals.py)
WE_MAKE = (
    r"\b(?:[Ww]e|[Oo]ur\s+[A-Z][\w-]+)\s+(?:also\s+|already\s+)?(?:make|makes|produce|produces|"
    r"manufacture|manufactures)\b"
)
# ... not what it makes for itself: "We make nitrogen fertilisers ourselves", "enough milk"
SELF_SUFFICIENT = re.compile(
    r"\b(?:ourselves|enough|together\s+with|most\s+of\s+our|our\s+own)\b", re.I
)
_WE_MAKE = re.compile(rf"{WE_MAKE}\s+{_GOODS_RUN}")
# A good named: up to two words of kind before its noun ("heavy-duty mining equipment")
_NAMED = re.compile(
    rf"\b((?:[a-z][a-z-]*\s+){{0,2}}?(?P<noun>{_LEXICON_NOUN}))\b"
    r"(?!\s+(?:manufacturers|makers|producers|plants?|factory|factories|enterprises|"
    r"companies|industry|industries|specialists|sector|market|brands?|production|"
    r"plant|complex|cluster|centers?|centres?|sphere|fields?|area|holding|mills?|company|"
    r"corporation|refinery|refining|processing|storage|stores?|prices?|wells?|deposits?|"
    r"extraction|wealth|sector|production|industry|workers|growers|farmers|turbines?|"
    r"pipelines?|supplies|deliveries|exports|imports|trade|emissions|networks?|distribution|"
    r"processors|"
    # a good's word naming another machine: "diesel generator sets", "gas engines"
    r"generators?|generator|gensets?|engines?|motors?|"
    # work on a good, or the goods in use, is no good sold: "tram modernization services",
    # "the overhaul of the tram fleet"
    r"modernization|modernisation|overhaul|repairs?|maintenance|servicing|services|fleets?|"
    # a verb, not a good: "the agreement lifts restrictions", "iron out problems"
    r"the|a|an|restrictions|sanctions|barriers|out|up)\b)"
    r"(?![-’'])"
)
# A kind word that says nothing of the good ("the famous trucks", "such machinery")
_VAGUE_KIND = frozenset((
    "the", "a", "an", "our", "your", "their", "its", "his", "her", "this", "that", "these",
    "those", "such", "famous", "unique", "other", "all", "any", "some", "many", "more", "most",
    "much", "new", "modern", "latest", "quality", "high-quality", "good", "best", "own", "various",
    "different", "whole", "entire", "of", "and", "or", "in", "on", "for", "with", "to",
    "from", "by", "at", "as", "is", "are", "was", "were", "be", "been", "we", "you", "they",
    "it", "also", "including", "especially", "primarily", "mainly", "mostly", "like", "than",
    "which", "what", "about", "since", "because", "while", "namely", "into", "producing", "produce",
    "produces", "produced",
    "supply", "supplying", "supplies", "supplied", "buy", "buying", "bought", "sell",
    "selling", "sold", "need", "needs", "needed", "import", "imported", "imports", "export",
    "exported", "exports", "deliver", "delivered", "deliveries", "purchase", "purchased",
    "provide", "providing", "offer", "offers", "offered", "range", "lot", "number", "kinds",
    "types", "volume", "volumes", "certain", "specific", "domestic", "foreign", "imported",
    "similar", "same", "necessary", "required", "huge", "large", "big", "small", "key",
    "main", "major", "basic", "traditional", "well-known", "famous", "renowned", "excellent",
    "reliable", "affordable", "cheap", "expensive", "competitive", "advanced", "upgraded",
    "not", "no", "only", "just", "even", "very", "well", "there", "here", "then", "now",
    "make", "makes", "manufacture", "manufactures", "assemble", "assembles", "build", "builds",
    "repair", "service", "maintain", "use", "uses", "get", "receive", "grow", "grows", "sale",
    "lease", "renew", "replace", "modernise", "modernize", "upgrade", "operate", "run",
    "test", "show", "present", "display", "launch", "start", "open", "create", "put", "give",
    "gives", "take", "bring", "keep", "help", "let", "make", "one", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens", "hundred", "hundreds",
    "thousand", "thousands", "million", "millions", "billion", "cubic", "square", "meters",
    "metres", "tonnes", "tons", "litres", "liters", "units", "pieces", "batch", "batches",
    "buys", "sells", "needs", "wants", "want", "include", "includes", "contain", "contains",
    "has", "have", "had", "will", "would", "can", "could", "should", "may", "must", "see",
    "sees", "send", "sends", "ship", "ships", "require", "requires", "offering", "region",
    "regions", "oblast", "krai", "republic", "country", "countries", "city", "side", "sides",
    "president", "governor", "company", "companies", "enterprises", "plant", "plants",
    "factory", "factories", "who", "whose", "where", "when", "so", "if", "but", "because",
    "joint", "local", "regional", "russian", "belarusian", "both", "increase", "expand",
    "boost", "develop", "reduce", "promote", "raise", "double", "export-oriented",
    "peculiar", "particular", "innovative", "consume", "consumes", "process", "processes",
    "lack", "lacks", "eat", "eats", "restore", "restores", "revive", "revives", "localise",
    "localize",
))  # fmt: skip
# Words of kind that end in -ing or -ed and still say what a good is
_KIND_VERBAL = frozenset((
    "mining", "building", "road-building", "processing", "lifting", "loading", "sewing",
    "washing", "harvesting", "refrigerating", "cooling", "heating", "lighting", "welding",
    "cutting", "drilling", "breeding", "engineering", "rolled", "canned", "frozen", "dried",
    "powdered", "condensed", "liquefied", "refined", "tracked", "wheeled", "specialised",
    "specialized", "articulated", "treated", "knitted", "shipbuilding", "machine-building",
    "woodworking", "metalworking", "packaging", "printing", "fishing", "farming",
    "firefighting", "fire-fighting", "air-conditioning",
))  # fmt: skip
# Branches of industry named in a list of goods: no good alone
_INDUSTRIES = frozenset((
    "woodworking", "metalworking", "engineering", "shipbuilding", "machine-building",
    "mining", "farming", "processing", "manufacturing", "construction", "agriculture",
))  # fmt: skip
# A word of trading is no kind of good ("purchases hydrocarbon raw materials")
_TRADE_VERB = re.compile(
    r"(?:suppl\w*|deliver\w*|export\w*|import\w*|sell\w*|sold|ship(?:s|ped|ping)?|"
    r"purchas\w*|buy\w*|bought|offer\w*|provid\w*|needs?|demand\w*|produc(?:e|es|ed|ing)|"
    r"manufactur\w*|assembl\w*|procur\w*|enough|"
    # (getting and sending: "the market receives rolled metal" is no kind of metal)
    r"receiv\w*|gets?|got|obtain\w*|sends?|sent)$"
)
# Words that point at a good named elsewhere, or praise it, saying nothing of its kind
_POINTING = frozenset((
    "such", "unique", "this", "that", "these", "those", "our", "your", "its", "their", "the",
    "other", "same", "similar", "famous", "renowned", "well-known", "specific", "peculiar",
    "certain", "particular", "innovative", "new", "various", "different", "some",
))  # fmt: skip
# A good too vague on its own (what kind of equipment?)
VAGUE_GOODS = frozenset((
    "equipment", "machinery", "machines", "vehicles", "devices", "instruments", "appliances",
    "components", "goods", "products", "food", "fuel", "feed", "hardware", "software",
))  # fmt: skip


def _kind_and_noun(found: str, noun: str, before: str) -> str | None:
    """The good of a lexicon match: its noun and the words of kind right before it ("the
    famous dump trucks" → "dump trucks"; "assemble tractors" → "tractors"); None for a good
    too vague alone, or a word cut out of another ("Mogilevliftmash's lifts")."""
    words = found.split()
    if before in ("’", "'", "-"):
        words = words[1:]
    noun_words = len(noun.split())
    kinds = words[: len(words) - noun_words]
    kept: list[str] = []
    for word in reversed(kinds):
        w = word.lower()
        if (
            w in _VAGUE_KIND
            or _TRADE_VERB.match(w)
            or (w.endswith(("ing", "ed")) and w not in _KIND_VERBAL)
        ):
            break
        if w in ("and", "or") or len(w) < 3:
            break
        kept.insert(0, word)
    item = " ".join([*kept, *words[len(words) - noun_words :]])
    if item.lower() in VAGUE_GOODS:
        return None
    return item


# The sentence is about trade in goods (not "grain harvest" or "oil prices" in passing)
_TRADE_CUE = re.compile(
    r"\b(?:suppl|deliver|export|import|sell|sold|ship|purchas|buy|bought|offer|provid|"
    r"demand|need|interest|market|trade|procure|lease|leasing|assembl|"
    # ("the region sends coal and timber to Belarus")
    r"sends?\b|sent\b|"
    # "Belarusian food products are very popular there, in particular meat and cheese"
    r"popular)",
    re.I,
)
# Belarus buying: what comes from the region, or what Belarus wants there
_BELARUS_BUYS = re.compile(
    rf"\b(?:(?:we|Belarus|Belarusians?|[Oo]ur\s+(?:country|republic|enterprises|companies)|"
    rf"{BELARUS_REGIONS})(?:['’]s)?"
    # (an aside between: "Belarus in turn is ready to buy Komi timber")
    r"(?:,?\s+(?:in\s+turn|for\s+its\s+part|in\s+return),?)?\s+"
    r"(?:\w+\s+){0,4}?(?:buy|buys|bought|purchas\w*|import\w*|interested|interest|need|needs)|"
    # what Belarus's makers use up, it buys: "Our plants consume nickel and copper" (not
    # "our factories need tractors": a governor's too)
    r"[Oo]ur\s+(?:plants|factories|mills|refineries)\s+(?:\w+\s+){0,2}?consume|"
    # a Belarusian maker or its oblast's buyers, buying: "the Belarusian Steel Works in Zhlobin
    # is interested in", "Brest fish processors buy" (not "Gomel enterprises need markets")
    r"(?:Belarusian\s+(?:[A-Z][\w-]+\s+){1,3}(?:Works|Plant|Factory|Company)|"
    r"(?:Brest|Vitebsk|Gomel|Grodno|Minsk|Mogilev)\s+(?:[a-z][\w-]*\s+){0,2}(?:processors|"
    r"enterprises|companies|plants|producers|farms|factories|mills))\s+"
    r"(?:\w+\s+){0,4}?(?:buy|buys|bought|purchas\w*|import\w*|interested)|"
    rf"\b{_OFFERED_TO_BELARUS}|"
    r"(?:[Ww]e|Belarus)\s+(?:\w+\s+){0,3}?(?:get|receive|obtain)\w*|"
    rf"(?:suppl(?:y|ies|ied|ying)|provid(?:e|es|ed|ing))\s+{_TO_BELARUS_SIDE}\s+with\b|"
    # "our colleagues have supplied pipes": the region's side, in Belarusian words
    # (their subject: not "we help our partners and ship tractors")
    r"\b(?:colleagues|partners|friends)\s+(?:(?:have|has|had|also|already|regularly|will|can|"
    r"could)\s+){0,2}(?:suppl|deliver|sen[dt]|ship)\w*)"
)
# "from the region", "from Perm Oblast" (not "from Minsk", "from January")
_FROM_THE_REGION = re.compile(
    r"^[^.;]{0,40}?\b(?:from|(?:supplied|delivered|shipped|sold|exported|made|produced)\s+by)\s+"
    r"(?:the\s+(?:region|republic|oblast|krai)\b|there\b|you\b|"
    # (not a region of Belarus: "dairy products from Mogilev Oblast" are Belarus's)
    r"(?:the\s+)?(?!(?:Brest|Vitebsk|Gomel|Homel|Grodno|Hrodna|Minsk|Mogilev|Mahilyow)\b)"
    r"(?:[A-Z][\w-]+\s+)?[A-Z][\w-]+\s+(?:Oblast|Krai|Region|"
    r"Republic|Territory|oblast|krai|region|territory)\b)"
)  # ("from the region", "supplied by the region": from there)
_AND_BUYS = re.compile(
    r"\band\s+(?:also\s+)?(?:buys|purchases|imports)\b"
    # (through the list it buys: "and imports cars, glass and chemical products"; not past
    # the clause: ", while the region sells ...")
    r"(?:(?!,\s+(?:while|but|which|whereas|and\s+(?:the|it|they|we|also|is|are|was|were|"
    r"has|have|its|their)\b))[^;])*$"
)
_BELARUS_FIRST = re.compile(r"\s*(?:Belarus|We|Our\s+country|The\s+Belarusian\s+side)\b")
_TO_BELARUS = re.compile(  # ("... steel and metal products to Belarusian plants": Belarus buys;
    # "to our republic" is whoever speaks: a Russian head's quote too)
    r"^[^.;]{0,40}?\bto\s+(?:Belarus|us|our\s+country|the\s+Republic\s+of\s+Belarus|"
    r"(?:the\s+)?Belarusian\s+(?:(?:[a-z][\w-]*\s+){0,2}?(?:enterprises|companies|plants|"
    r"factories|producers|manufacturers)|partners|consumers|"
    # "to the Belarusian Railway", "to Belarusian retail chains", "to the Belarusian medical
    # institutions" (not "to Belarusian dealers in the region": Belarus's own sellers)
    r"(?:[a-z][\w-]*\s+){0,2}?(?:Railway|railways?|chains|institutions|hospitals|clinics|"
    r"refineries|mills|farms|builders|customers|buyers|processors|market)))\b"
)
# "pipes for the construction of gas networks in Belarus", "cable products for the Belarusian
# construction and energy objects": what Belarus would buy, for its own use
_FOR_BELARUS = re.compile(
    r"^[^.;]{0,20}?\bfor\s+(?:the\s+)?(?:Belarusian\s+|(?:[\w-]+\s+){1,6}?in\s+(?:Belarus\b|"
    # ("crushed stone for the road construction in the Vitebsk region")
    r"(?:the\s+)?(?:Brest|Vitebsk|Gomel|Grodno|Minsk|Mogilev)\s+(?:[Rr]egion|[Oo]blast)\b))"
)
# "... diesel engines to the Minsk Automobile Plant (MAZ)": to a Belarusian maker by name
_TO_NAMED = re.compile(
    r"^[^.;]{0,40}?\bto\s+(?:the\s+)?((?:[A-Z][\w-]*\s*){1,4})"
    r"(?=[.,;(]|$|(?:and|in|for|plant|works|company)\b)"
)


_TO_BELARUSIAN_INSIDE = re.compile(
    r"\bto\s+(?:the\s+)?(?:Belarus\b|Belarusian\s+(?!dealers\b|dealer\s+network))"
)


_NEEDS_SUPPLY_OF = re.compile(
    r"(?:s|\s+in)?\s+(?:to\s+(?:increase|expand|boost)\s+)?(?:the\s+)?(?:[\w-]+,?\s+){0,3}?"
    r"(?:suppl(?:y|ies)|deliver(?:y|ies))\s+of\s+[\w\s,-]*$"
)


def _bought_by_belarus(after: str) -> bool:
    """Whether the words after goods send them to a Belarusian buyer (named by what it is, or
    by name), or for use in Belarus."""
    if " to " not in after and " for " not in after:
        return False  # (each of the three needs one of the two: read for every good named)
    return bool(_TO_BELARUS.match(after) or _FOR_BELARUS.match(after)) or _to_belarusian_maker(
        after
    )


def _to_belarusian_maker(after: str) -> bool:
    """Whether the words after a good send it to a Belarusian enterprise named (gazetteer)."""
    m = _TO_NAMED.match(after)
    if m is None:
        return False
    words = m.group(1).split()
    ours = belarusian_enterprise_names()
    return any(" ".join(words[:n]).lower() in ours for n in range(len(words), 0, -1))


_SELLING = re.compile(
    # ("interested in programs to renew the fleet of buses": Belarus would sell them)
    r"\b(?:suppl|deliver|export|sell|ship|offer|provid|renew|updat|upgrad)\w*|\bfleets?\b",
    re.I,
)
# The region's side selling: "the region's enterprises supply", "Bryansk exports"
_REGION_SUBJECT = re.compile(
    r"(?:\b[Tt]he\s+(?:region|republic)|\b([A-Z][\w-]+(?:\s+(?:Oblast|Krai|Region|"
    r"Republic|Territory))?))(?:['’]s?\s+(?:\w+\s+){0,2}?)?"
    # "Buryatia, in turn, supplies paper": a word set off between the region and its verb
    r"(?:,\s+(?:in\s+turn|for\s+its\s+part|in\s+return|in\s+exchange),)?"
    # "the region is ready to supply grain", "Omsk Oblast could also export timber"
    rf"{_MODAL}\s+(?:also\s+)?"
    r"(?:exports?|supplies|supply|supplied|sells?|sold|ships?|shipped|delivers?|delivered|"
    r"provides?|provided|offers?|offered)\s+"
    r"[^.;]*$"
)


# What is dug up or lies in the ground: "increase the extraction of minerals", "reserves of
# coal" (a resource, not a good traded)
_RESOURCE_OF = re.compile(
    r"\b(?:extraction|extracting|mining|exploration|reserves|deposits)\s+of\s+(?:the\s+)?$",
    re.I,
)


def _region_sells(before: str) -> bool:
    """Whether the clause before a good has the region's side selling it."""
    m = _REGION_SUBJECT.search(before)
    return m is not None and (m.group(1) is None or find_region(m.group(1)) is not None)


_SPACE = re.compile(r"\s+")
# A run of capitalised words, read as a maker's name ("MAZ", "Minsk Tractor Works")
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}")


def made_by_belarusian(sentence: str) -> list[str]:
    """Goods named with a Belarusian maker's name before them ("500 BelAZ dump trucks", "MTZ
    tractors", "Amkodor loaders"): Belarusian goods, so Belarus's exports, whatever the
    sentence says of them ("the region's farms operate MTZ tractors")."""
    ours = belarusian_enterprise_names()
    found: list[str] = []
    for m in _CAPITALISED_RUN.finditer(sentence):
        words = m.group().split()
        for n in range(len(words), 0, -1):  # the longest name that ends the run
            name = " ".join(words[-n:])
            if name.lower() in ours and not name.startswith("Belarus"):
                space = _SPACE.match(sentence, m.end())
                good = _NAMED.match(sentence, space.end()) if space else None
                # (the good right after the name: not "Gomselmash and tractors")
                if good and _kind_and_noun(good.group(1), good.group("noun"), "") == good.group(1):
                    found.append(f"{name} {good.group(1)}")
                break
    return found


# "bearing fruit", "yielded fruit": a figure of speech
_BEARING = re.compile(r"\b(?:bear\w*|bore|borne|yield\w*|brought|bring\w*)\s+(?:\w+\s+)?$", re.I)
# Know-how shared, not goods sold: "share the experience of growing beef and dairy cattle"
# (the good is in the same phrase: no verb of selling between)
_KNOW_HOW = re.compile(
    r"\b(?:experience|expertise|know-how|technolog(?:y|ies))\s+(?:of|in)\s+"
    r"(?:(?!suppl|sell|sale|export|deliver|buy|purchas)[\w-]+\s+){0,3}$",
    re.I,
)


_FUELLING = re.compile(
    r"\b(?:running|runs?|operating|operates?|powered|fuell?ed|working|works?)\s+(?:on|by|with)\s+"
    r"(?:[\w-]+\s+(?:and|or)\s+)?$"
)


def named_goods(sentence: str, limit: int = 60) -> tuple[list[str], list[str]]:
    """(exports, imports): the goods named in a sentence about trade, by the lexicon, with
    the side read from what comes before and after each (Belarus buying, or from the region:
    imports; else exports, what these reports mostly offer); at most ``limit`` of them."""
    if not _TRADE_CUE.search(sentence):
        return [], []
    exports: list[str] = []
    imports: list[str] = []
    # the patterns read before each good that can match somewhere in the sentence (read for
    # every good named, they were most of the time spent on a long list of goods)
    # (each branch of Belarus buying needs words of its own: "supply ... with", "we ... buy";
    # a sentence of goods supplied has "supply" and no "with")
    resource, know_how, fuelling, belarus_buys, and_buys, region_sells = (
        may_match(_RESOURCE_OF, sentence),
        may_match(_KNOW_HOW, sentence),
        may_match(_FUELLING, sentence),
        may_match_somewhere(_BELARUS_BUYS, sentence),
        may_match(_AND_BUYS, sentence),
        may_match(_REGION_SUBJECT, sentence),
    )
    for m in _NAMED.finditer(sentence):
        if len(exports) + len(imports) >= limit:
            break  # (a catalogue, not a report: see trade.MAX_GOODS)
        item = _kind_and_noun(
            m.group(1), m.group("noun"), sentence[max(0, m.start() - 1) : m.start()]
        )
        if item is None:
            continue
        start = m.end(1) - len(item)  # (the kind words left out are the clause's)
        before = sentence[max(0, start - 120) : start]
        if resource and _RESOURCE_OF.search(before):
            continue  # "the extraction of minerals": what the region digs up, not trade
        if m.group("noun").lower() in ("fruit", "fruits") and (
            _BEARING.search(before) or sentence.startswith(" of", m.end())
        ):
            continue  # "our meetings are bearing fruit", "the fruits of cooperation"
        if know_how and _KNOW_HOW.search(before):
            continue  # "share the experience of growing beef cattle": know-how, not goods
        if fuelling and _FUELLING.search(before):
            continue  # "buses running on gas and diesel": what they burn, not a good sold
        after = sentence[m.end() : m.end() + 80]
        cue = (
            max(_BELARUS_BUYS.finditer(before), key=lambda c: c.start(), default=None)
            # (the words before this good: those of one branch at least, or no match)
            if belarus_buys and may_match_somewhere(_BELARUS_BUYS, before)
            else None
        )
        # "interested in supplying tractors": what Belarus wants to sell
        buys = cue is not None and not _SELLING.search(before, cue.end())
        # ("Belarus needs to increase the supply of raw fish": what it needs supplied)
        buys = buys or bool(
            cue is not None
            and cue.group().endswith(("need", "needs", "interested", "interest"))
            and _NEEDS_SUPPLY_OF.match(before, cue.end())
        )
        buys = buys or bool(_FROM_THE_REGION.match(after))
        # "Bryansk exports grain to Belarus", "the region's enterprises supply timber"
        buys = buys or _bought_by_belarus(after) or (region_sells and _region_sells(before))
        # "Belarus sells machinery there, and buys oil products": the same subject buying
        buys = buys or bool(
            and_buys and _AND_BUYS.search(before) and _BELARUS_FIRST.match(sentence)
        )
        (imports if buys else exports).append(item)
    return exports, imports
