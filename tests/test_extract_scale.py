"""Drafting huge and hostile articles: what the draft says, not how long it takes.

Drafting is kept linear in the size of the article (``tests/benchmarks/bench_draft_scale.py``
times it on a megabyte of many shapes). These tests check what that must not change:

- a real article followed by a megabyte of other text drafts exactly as it does alone;
- the cap on sentence length leaves real articles alone and keeps a figure in a run-on text;
- each step rewritten for speed finds what its plain form found (the plain forms are kept
  here as references, and compared on generated text);
- a pattern is only skipped (``needs.may_match``) when it cannot match;
- hostile inputs (a huge word, runs of capitals or digits) give a sane draft (the plain
  patterns backtracked for hours on some of them: such a regression shows as a hang);
- the caps on people, names and a proposal's detail keep the first ones, in order.
"""

from __future__ import annotations

import functools
import random
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coopbrowse.store.extract import (
    clean,
    extract,
    find_people,
    gazetteer,
    goods,
    needs,
    officials,
    page,
    people,
    proposals,
    split_sentences,
    trade,
)
from coopbrowse.store.extract import draft as draft_module
from coopbrowse.store.regions import REGIONS, fold

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt"))
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))  # (see its README)
FAST = settings(max_examples=150, deadline=None)

# Words that raise nothing: no sector, title, region, date, figure or meeting verb.
NEUTRAL = [
    "quiet",
    "river",
    "ran",
    "past",
    "old",
    "stone",
    "houses",
    "while",
    "children",
    "played",
    "near",
    "the",
    "bridge",
    "and",
    "birds",
    "sang",
    "in",
    "tall",
    "green",
    "trees",
    "under",
    "a",
    "pale",
    "sky",
    "as",
    "evening",
    "fell",
    "over",
    "the",
    "small",
    "town",
]


def _filler(size: int, sep: str, seed: int = 5) -> str:
    """``size`` characters of distinct sentences of neutral words (repeats would be dropped)."""
    rng = random.Random(seed)
    parts, n = [], 0
    while n < size:
        words = [rng.choice(NEUTRAL) for _ in range(rng.randint(8, 20))]
        sentence = " ".join(words).capitalize() + "."
        parts.append(sentence)
        n += len(sentence) + 1
    return sep.join(parts)


# --- a real article in a megabyte of other text ---------------------------------------------


@pytest.mark.parametrize(("name", "sep"), [("002.txt", "\n"), ("003.txt", " ")])
def test_a_real_article_in_a_megabyte_of_other_text_drafts_as_it_does_alone(
    name: str, sep: str
) -> None:
    article = (ROOT / "tests" / "fixtures" / "articles" / name).read_text(encoding="utf-8")
    text = article + "\n" + _filler(1_000_000, sep)  # many lines, or one line of sentences
    assert len(text) > 1_000_000
    alone, drowned = extract(article), extract(text)
    assert alone.meeting["trade"] and alone.meeting["proposals"] and alone.meeting["region"]
    assert drowned.meeting == alone.meeting
    assert drowned.missing == alone.missing
    assert drowned.flags == alone.flags


# --- the sentence-length cap ------------------------------------------------------------------


@pytest.mark.parametrize("path", ARTICLES + SEEDS, ids=lambda p: p.name)
def test_the_sentence_cap_changes_no_real_article(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = path.read_text(encoding="utf-8")
    capped = extract(text)
    longest = max(len(s) for p in clean(text).paragraphs for s in split_sentences(p))
    assert longest < draft_module.MAX_SENTENCE / 4
    monkeypatch.setattr(draft_module, "MAX_SENTENCE", 10**9)
    assert extract(text).to_dict() == capped.to_dict()


def test_a_trade_figure_in_a_run_on_paragraph_is_kept() -> None:
    clauses = _filler(6_000, ", ", seed=9).replace(".", "")
    middle = len(clauses) // 2
    run_on = (
        clauses[:middle]
        + ", trade between Belarus and the Republic of Tatarstan in 2024 amounted to "
        "$450 million, " + clauses[middle:] + "."
    )
    assert len(run_on) > 2 * draft_module.MAX_SENTENCE
    text = (
        "MINSK, 3 March 2025 (BelTA) - Belarusian President Aleksandr Lukashenko met with Head "
        "of the Republic of Tatarstan Rustam Minnikhanov in Minsk on 3 March 2025.\n" + run_on
    )
    figures = {
        (t["period"], t["metric"], t["usd_millions"]) for t in extract(text).meeting["trade"]
    }
    assert ("2024", "turnover", 450.0) in figures


def test_long_sentences_are_cut_into_pieces_at_spaces() -> None:
    cap = draft_module.MAX_SENTENCE
    sentence = _filler(5 * cap, " ", seed=3)
    pieces = draft_module._pieces(sentence)
    assert len(pieces) > 4 and all(0 < len(p) <= cap for p in pieces)
    assert " ".join(pieces).split() == sentence.split()  # nothing lost, words whole
    word = "x" * (2 * cap + 10)
    assert draft_module._pieces(word) == ["x" * cap, "x" * cap, "x" * 10]
    assert draft_module._pieces("short one.") == ["short one."]


# --- hostile inputs -------------------------------------------------------------------------

LEAD = (
    "MINSK, 20 October (BelTA) - Belarusian President Aleksandr Lukashenko met with Governor "
    "of Penza Oblast Oleg Melnichenko in Minsk on 20 October, BelTA has learned. "
)


@pytest.mark.parametrize(
    "tail",
    [
        "Abcdefghij" * 20_000,  # one huge capitalised word
        "Ab-" * 50_000,  # one huge hyphenated word, a capital after each hyphen
        "ABCDEFGHIJ" * 20_000 + "1",  # a run of capitals that is not a word of its own
        "A " * 100_000,  # one-letter capitalised words
        "1234567890" * 20_000 + " percent",  # a run of digits before a percentage
        "“ " * 100_000,  # opening quotes that never close
        "A. B. C. " * 20_000,  # initials: no sentence ends
    ],
    ids=["word", "hyphenated", "capitals", "letters", "digits", "quotes", "initials"],
)
def test_hostile_text_after_the_lead_adds_nothing(tail: str) -> None:
    draft = extract(LEAD + tail)
    meeting = draft.meeting
    assert meeting["date"] == "" or meeting["date"].endswith("-10-20")
    assert meeting["region"] == "Penza Oblast"
    assert [p["name"] for p in meeting["participants"]] == [
        "Aleksandr Lukashenko",
        "Oleg Melnichenko",
    ]
    assert meeting["trade"] == [] and meeting["proposals"] == []


def test_a_huge_line_with_no_spaces_is_no_article() -> None:
    draft = extract("Abcdefghij" * 100_000)
    assert draft.meeting["participants"] == [] and "date" in draft.missing


# --- the rewritten patterns find what the plain ones found -----------------------------------

PLAIN_NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*[a-zß-öø-ÿā-ž][^\W\d_]*(?:[-'’][^\W\d_]+)?"
PLAIN_NAME = re.compile(rf"(?=\b({PLAIN_NAME_WORD})\s+({PLAIN_NAME_WORD})\b)")
PLAIN_CAPS = re.compile(r"\b([A-Z][A-Za-z]*[A-Z][A-Za-z]*)\b")
PLAIN_PERCENT = re.compile(trade._PCT, re.I)
PLAIN_ORG_BEFORE_KIND = re.compile(
    r"\b([A-Z][\w’'&-]+(?:[- ][A-Z][\w’'&-]+)?)\s+(?:company|group(?:\s+of\s+companies)?|factory|"
    r"plant|holding|enterprise|concern|production\s+facilities|works)\b"
)


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, tuple]]:
    return [(m.start(), m.groups()) for m in pattern.finditer(text)]


def _texts(alphabet: str, *words: str, size: int = 60) -> st.SearchStrategy[str]:
    pieces = st.sampled_from([*alphabet, *words])
    return st.lists(pieces, max_size=size).map("".join)


@FAST
@given(_texts("AaBbZzÉéßĀā -'’_1\n.x", " met", " Smith", "Governor "))
def test_name_words_as_the_plain_pattern_read_them(text: str) -> None:
    assert _matches(people._NAME, text) == _matches(PLAIN_NAME, text)


@FAST
@given(_texts("AaBbZzé1_ -", "MAZ", "BelOMO", "(", ")"))
def test_capitalised_short_forms_as_the_plain_pattern_read_them(text: str) -> None:
    assert _matches(proposals._CAPS_WORD, text) == _matches(PLAIN_CAPS, text)


@FAST
@given(_texts("Ab-’'& 1", " company", " group of companies", " works", "Xy"))
def test_names_before_company_as_the_plain_pattern_read_them(text: str) -> None:
    assert _matches(proposals._ORG_BEFORE_KIND, text) == _matches(PLAIN_ORG_BEFORE_KIND, text)


@FAST
@given(_texts("0123456789. %", "about ", "per cent", "percent", "over "))
def test_percentages_as_the_plain_pattern_reads_them(text: str) -> None:
    plain, new = PLAIN_PERCENT.search(text), trade._PERCENT.search(text)
    assert (plain and (plain.span(), plain.groups())) == (new and (new.span(), new.groups()))


# The passive goods pattern was anchored on its verb alone ("supplied"); now on the verb with
# its auxiliary ("were supplied"), which every match of the pattern holds.
PLAIN_PASSIVE_VERB = re.compile(
    r"\b(?:demand|supplied|exported|delivered|sold|imported|shipped|handed\s+over|purchased|"
    r"bought)\b"
)


_PASSIVE_CLAUSE = st.tuples(
    st.sampled_from(["", ", ", "; ", " and ", " that ", " while ", "x"]),
    st.sampled_from(["tractors", "milk, butter and cheese", "x", "tractors were", ""]),
    st.sampled_from(
        [
            " are",
            " were",
            " will be",
            " can be",
            " have already been",
            " has",
            " is also",
            " was",
            " be",
            "",
        ]
    ),
    st.sampled_from([" also", " already", ""]),
    st.sampled_from(
        [
            " supplied",
            " in great demand",
            " in demand",
            " handed over",
            " bought",
            " sold",
            " demand",
            "",
        ]
    ),
    st.sampled_from(["", " to Belarus", " by the region", "."]),
).map("".join)


@FAST
@given(st.lists(_PASSIVE_CLAUSE, max_size=6).map("".join))
def test_passive_goods_as_the_verb_alone_anchored_them(text: str) -> None:
    """Within the stretch each search reads (600 characters before its word; six clauses
    are at most about 520) the two anchorings find the same. Past it each is a bounded
    reading of a run of clauses, and they may cut a list of goods at different places: a
    random text of 30 clauses, one sentence of 1,700 characters, found one such cut."""

    def found(anchor: re.Pattern[str]) -> list[tuple[int, tuple]]:
        return [(m.start(), m.groups()) for m in goods._anchored(goods._PASSIVE, anchor, text, 600)]

    assert found(goods._PASSIVE_VERB) == found(PLAIN_PASSIVE_VERB)


@FAST
@given(
    _texts("x ,.", " goods", " of", " worth", " about", " Belarus", " sold", " bought", size=80),
    st.sampled_from(
        [
            "",
            "goods worth ",
            "products of the region worth more than ",
            "worth ",
            "goods sold there worth about ",
            "goods  worth ",
        ]
    ),
    st.sampled_from(["", " worth of goods", " to Belarus"]),
)
def test_goods_worth_is_read_near_its_amount_as_in_the_whole_lead(
    words: str, ending: str, tail: str
) -> None:
    """_goods_traded reads "goods worth" from the end of the words before an amount, not
    all of them (once per amount made a sentence of many amounts quadratic)."""
    lead = f"{words} {ending}"
    text = f"{lead}$5 million{tail}"
    near = trade._goods_traded(text, lead, tail)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(trade, "_WORTH_REACH", len(lead) + 1)
        assert near == trade._goods_traded(text, lead, tail)


@functools.cache
def _flat_region_pattern() -> re.Pattern[str]:
    """The regions as one flat alternation, longest spelling first (the pattern before)."""
    people._region_re()
    spellings = sorted(people._REGION_BY_SPELLING, key=len, reverse=True)
    return re.compile(
        r"\b(?:"
        + "|".join(r"[\s-]+".join(re.escape(w) for w in k.split()) for k in spellings)
        + r")\b"
    )


def _plain_region_spans(text: str) -> list[tuple[str, int, int]]:
    flat = _flat_region_pattern()
    folded = fold(text)
    return [
        (people._REGION_BY_SPELLING[people._spelling_key(m.group())].name, m.start(), len(m[0]))
        for m in flat.finditer(folded)
        # the one rule on top of the pattern: "Vladimir Vladimirov" is a man, not a region
        if not (
            m.group() in people._ALSO_FIRST_NAMES and people._SURNAME_NEXT.match(folded, m.end())
        )
    ]


@FAST
@given(
    _texts(
        " ",
        "On 7 May 2005, ",
        "In 2019 ",
        " an agreement was signed",
        " signed in 2010",
        " remains the legal basis",
        " was achieved thanks to",
        " accounts for a large share of",
        " we already have great experience of cooperation",
        " we maintain close ties",
        " and propose",
        ".",
        "x",
        size=12,
    )
)
def test_a_past_event_is_told_by_any_pattern_as_by_their_alternation(text: str) -> None:
    flat = re.compile("|".join(p.pattern for p in proposals._NOT_PROPOSAL), re.I)
    padded = text + " " * 50  # (past may_match's length below which patterns always run)
    for t in (text, padded):
        assert proposals._not_proposal(t) == (
            bool(flat.search(t))
            or (bool(proposals._STANDING_TIES.search(t)) and not proposals._PROPOSES.search(t))
        )


_GOODS_WORDS = sorted({*goods.GOODS_NOUNS, *goods.GOODS_LEXICON})
# (with the words that begin with another: "oil" and "oil products", "machine" and "machinery")
_NESTED = [w for w in _GOODS_WORDS if any(v != w and v.startswith(w) for v in _GOODS_WORDS)]


@FAST
@given(st.data())
def test_words_as_a_prefix_tree_match_as_the_flat_list_longest_first(data: st.DataObject) -> None:
    short = data.draw(st.lists(st.sampled_from(_NESTED), min_size=1, max_size=5))
    longer = [w for w in _GOODS_WORDS if any(w.startswith(v) for v in short)]
    words = [*longer, *data.draw(st.lists(st.sampled_from(_GOODS_WORDS), max_size=20))]
    parts = st.tuples(
        st.sampled_from(words),
        st.sampled_from(["", "s", "-", "ery", " parts", "’s", " products"]),
        st.sampled_from([" ", ", ", "", " and ", " plant "]),
    )
    text = "".join(w + end + sep for w, end, sep in data.draw(st.lists(parts, max_size=12)))
    flat = "(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + ")"
    tree = "(?:" + needs.alternation(words) + ")"
    # (around it, what the goods patterns put there: words before it, a word end, a look ahead)
    around = r"\b((?:[a-z][a-z-]*\s+){{0,2}}?(?P<noun>{}))\b(?!\s+(?:plant|parts)\b)(?![-’'])"
    assert _matches(re.compile(around.format(tree)), text) == _matches(
        re.compile(around.format(flat)), text
    )
    assert _matches(re.compile(tree, re.I), text.upper()) == _matches(
        re.compile(flat, re.I), text.upper()
    )


_SPELLINGS = [n for r in REGIONS for n in (r.name, r.core, *r.aliases)]


@FAST
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_SPELLINGS),
            st.sampled_from(["", "s", "skaya", "'s", " Oblast", " Region", "-", " Republic"]),
            st.sampled_from([" ", ", ", "-", "", "\n", " and "]),
            st.booleans(),
        ),
        max_size=8,
    )
)
def test_regions_as_the_flat_pattern_finds_them(parts: list[tuple[str, str, str, bool]]) -> None:
    text = "".join(
        (name.replace(" ", "-") if dashed else name) + suffix + sep
        for name, suffix, sep, dashed in parts
    )
    spans = [(r.name, start, n) for r, start, n in people._region_spans(text)]
    assert spans == _plain_region_spans(text)


def _plain_quote(sentence: str) -> str:
    m = re.search(r"[“\"]([^”\"]{12,})[”\"]", sentence)
    return m.group(1).strip().rstrip(",") if m else ""


@FAST
@given(_texts('“”"ab ,', "word ", "quoted text here"))
def test_quotes_as_the_plain_pattern_finds_them(sentence: str) -> None:
    assert proposals._quote(sentence) == _plain_quote(sentence)


def _plain_trim_lead(clause: str) -> str:
    while True:
        m = re.match(r"^" + proposals._LEAD_PHRASES.pattern, clause, re.I)
        if m and len(clause[m.end() :].split()) >= 3:
            clause = clause[m.end() :]
            continue
        first, _, rest = clause.partition(" ")
        if first.lower() in proposals._LEAD_WORDS and len(rest.split()) >= 3:
            clause = rest
            continue
        return clause


@FAST
@given(
    st.lists(
        st.sampled_from(["we", "can", "That", "the president", "touched on", "lifts", " ", "x"]),
        max_size=14,
    ).map(" ".join)
)
def test_lead_words_are_trimmed_as_before(clause: str) -> None:
    assert proposals._trim_lead(clause) == _plain_trim_lead(clause)


def _plain_split(paragraph: str) -> list[str]:
    parts, pos = [], 0
    for m in page._SPLIT.finditer(paragraph):
        piece = paragraph[pos : m.start()].rstrip()
        if page._ABBREVIATIONS.search(piece.rstrip('"”’»')):
            continue
        parts.append(paragraph[pos : m.end()].strip())
        pos = m.end()
    parts.append(paragraph[pos:].strip())
    return [p for p in parts if p]


@FAST
@given(st.lists(st.sampled_from(["U.S.", "Mr.", "A.", "Sept.", "etc.", "approx.", "Trade.",
                                 "2024.", "“Yes.”", "said!", "x", "The", "(See"]), max_size=20)
       .map(" ".join))  # fmt: skip
def test_sentences_split_as_before(paragraph: str) -> None:
    assert split_sentences(paragraph) == _plain_split(paragraph)


@FAST
@given(st.lists(st.sampled_from(["Ab.", "Cd!", "U.S.", "A.", "said.", "The end.", "x"]),
                max_size=30).map(" ".join),
       st.integers(1, 3))  # fmt: skip
def test_cleaning_keeps_each_paragraphs_sentences(text: str, copies: int) -> None:
    article = clean("\n".join([text] * copies))  # repeated lines: sentences dropped
    assert article.sentences == [split_sentences(p) for p in article.paragraphs]


@FAST
@given(_texts("on \t\nx", "on", " 5 May", "salon "))
def test_a_date_after_on(text: str) -> None:
    for at in range(len(text) + 1):
        expected = bool(re.search(r"\bon\s*$", text[:at]))
        assert draft_module._after_on(text, at) == expected


@FAST
@given(_texts(" .", "in 2024", "for 2024", "was", "grew", "in 2023", "x"))
def test_a_finished_year_as_the_plain_pattern_finds_it(text: str) -> None:
    plain = re.search(
        r"\b(?:in|for)\s+2024\b[^.]*?(?:amounted|reached|totall?ed|was|were|exceeded|"
        r"stood|approximated|approached|grew|rose|increased|opened|topped)",
        text,
    )
    assert draft_module._spoken_of_as_finished(text, 2024) == bool(plain)


def _plain_in_proper_name(sentence: str, start: int, end: int) -> bool:
    before = sentence[:start].rstrip()
    after = sentence[end:].lstrip()
    prev_cap = bool(re.search(r"\b[A-Z][\w-]*$", before)) and not re.search(
        r"(?:^|[.!?:;“\"]\s*)[A-Z][\w-]*$", before
    )
    next_cap = bool(re.match(r"(?:of\s+|and\s+)?[A-Z]", after))
    return prev_cap or next_cap


@FAST
@given(_texts("Aa -.:“\t", "State ", "of ", "and ", "Medical "), st.integers(0, 60))
def test_proper_names_are_told_as_before(sentence: str, start: int) -> None:
    start = min(start, len(sentence))
    around = proposals._Around(sentence)
    for end in range(start, min(len(sentence), start + 8) + 1):
        assert proposals._in_proper_name(around, start, end) == _plain_in_proper_name(
            sentence, start, end
        )
    expected = bool(re.search(r"[.!?“\"]\s*$", sentence[:start]))
    assert around.ends_with(start, '.!?“"') == expected


# --- skipping a pattern only when it cannot match --------------------------------------------

GUARDED = [
    goods._MAKERS,
    goods._SAID_AFTER,
    goods._AS_WELL_AS,
    goods._NAMELY_IN_LIST,
    trade.USD_AMOUNT,
    trade._TRADE_WORDS,
    trade._PERCENT,
    trade._GOODS_LIST,
    trade._QUOTED,
    proposals._GOODS_SENTENCE,
    people.MEETING_VERB,
    draft_module._CO_CHAIRED,
    draft_module._PRESIDENT,
    draft_module._BELARUSIAN_DELEGATION_HEAD,
    draft_module._BELARUSIAN_POST,
    draft_module._GUEST_SUBJECT,
    draft_module._DELEGATION_HEAD,
    draft_module._PRESIDENT_POST,
    draft_module._PRESIDENT_SURNAME,
    draft_module._POST_SURNAME,
    draft_module._AT_A_MEETING,
    draft_module._AT_A_MEETING_OPENS,
    *proposals._NOT_PROPOSAL,
    goods._RESOURCE_OF,
    goods._KNOW_HOW,
    goods._FUELLING,
    goods._BELARUS_BUYS,
    goods._AND_BUYS,
    goods._REGION_SUBJECT,
    *proposals._ORG_PATTERNS,
    *(cue.pattern for cue in proposals.CUES),
]


@pytest.mark.parametrize("pattern", GUARDED, ids=lambda p: p.pattern[:40])
def test_a_pattern_is_skipped_only_where_it_cannot_match(pattern: re.Pattern[str]) -> None:
    words = sorted(needs.needed_words(pattern) or ())
    rng = random.Random(pattern.pattern)
    vocabulary = [*words, *(w.upper() for w in words), *(w.title() for w in words), "$5",
                  "Belarus", "1.2", "million", "said", "The", "with", "of", "x", "20%"]  # fmt: skip
    for _ in range(150):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 30))) * 2
        if pattern.search(text):
            assert needs.may_match(pattern, text), text


def test_a_pattern_is_skipped_where_its_words_are_missing() -> None:
    text = _filler(400, " ")
    assert not any(needs.may_match(p, text) for p in GUARDED)


def test_every_sector_cue_has_words_to_look_for() -> None:
    assert all(needs.needed_words(cue.pattern) for cue in proposals.CUES)


def test_the_case_table_covers_what_a_case_insensitive_letter_matches() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for m in re.finditer(letter, every, re.I):
            assert m.group().translate(needs.ASCII_CASE) == letter, hex(ord(m.group()))


def test_post_words_cannot_overlap() -> None:
    """find_people finds the post words once, not per window: exact only if no post word
    can begin inside another (or two begin at one place)."""
    words = people._POST_WORD.pattern.split("|")
    for a in words:
        for b in words:
            assert a == b or not (a.startswith(b) or b.startswith(a))
            for i in range(1, len(a)):
                assert not (b.startswith(a[i:]) or a[i:].startswith(b)), (a, b)
    # the others are whole words: none can begin inside a word, nor overlap another
    whole = people._POST_WORD_WHOLE.pattern
    assert whole.startswith(r"\b(?:") and whole.endswith(r")\b")
    for text in ("ahead of the PMs", "chairman", "the governorship"):
        assert not people._POST_WORD_WHOLE.search(text)


# --- the caps keep the first ones -----------------------------------------------------------


def test_at_most_max_people_are_read_the_first_ones() -> None:
    names = [
        "".join(chr(97 + i // 26**k % 26) for k in range(3)).title() + "ov" for i in range(400)
    ]
    text = " ".join(f"Governor of Penza Oblast Ivan {name} spoke." for name in names)
    found = find_people(text, None)
    assert len(found) == people.MAX_PEOPLE
    assert [p.start for p in found] == sorted(p.start for p in found)
    assert found[0].name.startswith("Ivan")


def test_at_most_max_figures_trade_figures_are_read_the_first_ones() -> None:
    figures = [(2000 + i % 30, 100 + i) for i in range(200)]
    text = " ".join(
        f"In {y} trade between Belarus and Penza Oblast amounted to ${v} million."
        for y, v in figures
    )
    found = extract(text).meeting["trade"]
    assert len(found) == trade.MAX_FIGURES
    assert [(int(f["period"]), f["usd_millions"]) for f in found] == figures[: trade.MAX_FIGURES]


def test_a_proposal_detail_stops_growing() -> None:
    sentences = [
        f"We propose supplying elevators to the {word} district, the president said."
        for word in (f"{a}{b}" for a in NEUTRAL for b in NEUTRAL)
    ][:400]
    text = LEAD + "\n" + " ".join(sentences)
    (proposal,) = [p for p in extract(text).meeting["proposals"] if p["sector"] == "elevators"]
    assert proposals._MAX_DETAIL <= len(proposal["detail"]) < proposals._MAX_DETAIL + 200
    assert proposal["detail"].startswith(sentences[0])


def test_years_are_still_read_in_a_huge_text() -> None:
    # _infer_year reads every year in the text: one amid hundreds of kilobytes counts
    text = (
        "Lukashenko met with Governor of Penza Oblast Oleg Melnichenko on 20 October.\n"
        + _filler(200_000, "\n")
        + "\nTrade in 2023 amounted to $10 million.\n"
        + _filler(200_000, "\n", seed=6)
    )
    assert extract(text).meeting["date"] == "2024-10-20"


# --- more steps rewritten for speed, and their plain forms -----------------------------------


def _plain_outside_quotes(text: str, inside: bool, even: bool) -> tuple[str, bool, bool]:
    outside = []
    for ch in text:
        if ch == "“":
            even = even and not inside
            inside = True
        elif ch == "”":
            even = even and inside
            inside = False
        elif ch == '"':
            inside = not inside
        elif not inside:
            outside.append(ch)
    return "".join(outside), inside, even


@FAST
@given(_texts('“”"«» ax.', " he said", "Trade"), st.booleans(), st.booleans())
def test_words_outside_quotes_as_read_a_character_at_a_time(
    text: str, inside: bool, even: bool
) -> None:
    assert trade._outside_quotes(text, inside, even) == _plain_outside_quotes(text, inside, even)


@FAST
@given(st.lists(_texts('“”"«»x .,!?(', "word", size=12), max_size=6), st.integers(0, 2))
def test_quotes_are_read_only_in_sentences_with_quote_marks(
    texts: list[str], paragraphs: int
) -> None:
    sentences = [page.Sentence(t, i % (paragraphs + 1), "") for i, t in enumerate(texts)]
    plain: list[bool] = []
    open_in = None
    for s in sentences:
        if open_in != s.paragraph:
            open_in = None
        plain.append(open_in is not None)
        opened = [m.start() for m in trade._OPENING.finditer(s.text)]
        closed = [m.start() for m in trade._CLOSING.finditer(s.text)]
        if opened and (not closed or max(opened) > max(closed)):
            open_in = s.paragraph
        elif closed and (not opened or max(closed) > max(opened)):
            open_in = None
    assert trade.within_quotes(sentences) == plain


_FORMULA_PART = st.tuples(
    st.sampled_from(["trade", "economic", "Scientific", "cultural", "x", "plan of cooperation in"]),
    st.sampled_from([", ", " and ", " ", ", and ", "-", " cooperation ", " ties. ", "  "]),
).map("".join)


@FAST
@given(st.lists(_FORMULA_PART, max_size=14).map("".join))
def test_a_formula_is_read_only_where_it_ends_as_everywhere(text: str) -> None:
    found = [("science-technology", i, i + 3, False) for i in range(0, len(text), 4)]
    found += [("culture-youth", i, i + 9, False) for i in range(1, len(text), 7)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(proposals, "_FORMULA_END", re.compile(""))  # (always found)
        plain = proposals._outside_formulas(text, found)
    assert proposals._outside_formulas(text, found) == plain


def _plain_known_enterprises(text: str) -> list[tuple[int, str]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gazetteer, "_first_words", lambda: gazetteer._WORD)
        return gazetteer.known_enterprises(text)


_ENTERPRISE_FORMS = sorted(gazetteer._matcher()[1])[::20]  # (names, aliases, capitals)


@FAST
@given(_texts("Aa5_ -é.", *_ENTERPRISE_FORMS, " plant", "xMAZ", "_MAZ", "MAZ", size=20))
def test_enterprises_found_from_their_first_words_as_from_every_word(text: str) -> None:
    assert gazetteer.known_enterprises(text) == _plain_known_enterprises(text)


_OFFER_CLAUSE = st.tuples(
    st.sampled_from(["", ". ", ", ", " x ", " answer "]),
    st.sampled_from(
        ["Belarus", "Belarusian companies", "We", "we", "Our country", "our enterprises",
         "Brest Oblast plants", "Minsk producers", "Gomel", "They", ""]
    ),
    st.sampled_from(["", " is ready to", " can", " also", " x"]),
    st.sampled_from([" supply", " supplies", " offered", " sells", " buys", ""]),
    st.sampled_from(["", " the region with", " to Belarus", " Belarus"]),
    st.sampled_from([" tractors", ", milk", " tractors, milk and buses", " x", ""]),
).map("".join)  # fmt: skip


@FAST
@given(st.lists(_OFFER_CLAUSE, max_size=8).map("".join))
def test_offers_are_looked_for_from_their_first_words_as_from_anywhere(text: str) -> None:
    assert all(goods._OFFER_STARTS.match(text, m.start()) for m in goods._OFFER.finditer(text))

    def found(starts: re.Pattern[str] | None) -> list[tuple[int, tuple]]:
        return [
            (m.start(), m.groups())
            for m in goods._anchored(goods._OFFER, goods._OFFER_VERB, text, 100, starts)
        ]

    assert found(goods._OFFER_STARTS) == found(None)


@FAST
@given(
    st.lists(
        st.sampled_from(
            ["The region", "Omsk Oblast", "main export", "exports were", "supplies", "sold",
             "Us", "us with", "together with", "buys", "large volumes of", "a wide range of",
             "buy a range of", "grain", "to Belarus", "to the region", "proposed", ",", "and",
             ", and", ".", "x"]
        ),
        max_size=10,
    ).map(" ".join)
)  # fmt: skip
@example("Omsk Oblast supplies oil products and grain to Belarus")
def test_a_goods_sentence_is_told_by_any_branch_as_by_their_alternation(text: str) -> None:
    for start in ("", "Omsk Oblast supplies ", "The region exports grain, "):
        assert proposals._goods_sentence(start + text) == bool(
            proposals._GOODS_SENTENCE.search(start + text)
        )
    for t in (text, text + " " * 50):  # (past may_match's length below which patterns run)
        assert proposals._goods_sentence(t) == bool(proposals._GOODS_SENTENCE.search(t))


@pytest.mark.parametrize("pattern", GUARDED, ids=lambda p: p.pattern[:40])
def test_each_set_of_needed_words_is_in_every_match(pattern: re.Pattern[str]) -> None:
    """needs.needed_sets: every match holds a word of each set (the cues are run only where
    the sentence has one of each)."""
    sets = needs.needed_sets(pattern)
    words = sorted({w for s in sets for w in s})
    rng = random.Random(pattern.pattern)
    vocabulary = [*words, *(w.upper() for w in words), *(w.title() for w in words), "$5",
                  "Belarus", "1.2", "million", "said", "The", "with", "of", "x", "20%",
                  "and", "the", "in", "to", "of the"]  # fmt: skip
    icase = bool(pattern.flags & re.I)
    for _ in range(300):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 30)))
        for m in pattern.finditer(text):
            held = m.group().translate(needs.ASCII_CASE) if icase else m.group()
            assert all(any(w in held for w in s) for s in sets), (m.group(), sets)


@FAST
@given(
    st.lists(
        st.sampled_from(
            [w for cue in proposals.CUES[::3] for s in needs.needed_sets(cue.pattern) for w in s]
            + ["the", "of", "and", ",", "Trade", "houses", "x"]
        ),
        max_size=20,
    ).map(" ".join)
)
def test_the_cues_picked_are_every_cue_that_matches(text: str) -> None:
    text += " " * 50
    picked = {id(c) for c in proposals._cues_for(text)}
    assert all(id(c) in picked for c in proposals.CUES if c.pattern.search(text))


@pytest.mark.parametrize(
    "pattern", [*GUARDED, goods._BELARUS_BUYS, goods._OFFER], ids=lambda p: p.pattern[:40]
)
def test_a_pattern_is_skipped_by_its_branches_only_where_it_cannot_match(
    pattern: re.Pattern[str],
) -> None:
    """needs.may_match_somewhere: a text that matches has every set of one branch's words."""
    words = sorted({w for b in needs.needed_branches(pattern) for s in b for w in s})
    rng = random.Random(pattern.pattern)
    vocabulary = [*words, *(w.upper() for w in words), *(w.title() for w in words), "$5",
                  "Belarus", "1.2", "million", "said", "The", "with", "of", "x", "20%",
                  "and", "the", "in", "to", "of the", "we", "Our", "plants"]  # fmt: skip
    for _ in range(300):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 30)))
        if pattern.search(text):
            assert needs.may_match_somewhere(pattern, text), text


def _plain_named(text: str, known: dict) -> list[tuple[int, str]]:
    found = []
    for m in officials._NAME_PAIR.finditer(text):
        name = m.group(1)
        if officials._key(name) not in known:
            name = officials._POSSESSIVE.sub("", name)
            if officials._key(name) not in known:
                continue
        found.append((m.start(), name))
    return found


_OFFICIAL_NAMES = sorted(
    {p.name for p in (*officials.regional_heads(), *officials.officials()) if p.name}
)[::15]


@FAST
@given(
    st.lists(
        st.sampled_from(
            [*_OFFICIAL_NAMES, "’s", "'s", " ", ", ", "Ivan", "Petrov", "Ölga", "Anna", "x"]
        ),
        max_size=12,
    ).map(" ".join)
)
def test_officials_are_found_from_their_first_words_as_from_every_pair(text: str) -> None:
    for known in (officials._by_name(), officials._heads_by_name()):
        assert officials._named(text, known) == _plain_named(text, known)
