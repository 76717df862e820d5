"""Text analysis for search: folding, tokens, a light stemmer, synonyms.

A word goes through: accent and case folding (``Zdúnov`` -> ``zdunov``), a light English
stemmer (``elevators`` -> ``elevator``, ``companies`` -> ``company``), then a synonym table
that maps words meaning the same thing to one canonical term (``lift`` -> ``elevator``).

The index holds the folded words as written (Tantivy splits and folds them, in Rust, the
way :func:`words` does); a query word is expanded to every indexed word with the same
canonical term (:func:`stem_prefixes` says where to look), so ``lift``, ``lifts`` and
``elevators`` find each other. Highlighting compares canonical terms in Python.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

# a word: letters and digits (the one definition of a word, for every module)
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# ASCII letters and digits to lower case, everything else to a space: ``words`` of ASCII text
# in one C-level translate and split (three times faster than the regex on the corpus).
_ASCII_WORDS = bytes(
    ord(chr(c).lower()) if chr(c).isalnum() and c < 128 else 32 for c in range(256)
)

# Groups of words (after stemming) that search treats as one. The first is canonical.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("elevator", "lift"),
    (
        "pharma",
        "pharmaceutical",
        "pharmaceutic",
        "pharmacology",
        "pharmacological",
        "pharmacy",
        "pharmaceut",
    ),
    ("film", "cinema", "cinematography", "movie", "movies", "filmmaker"),
    ("agriculture", "agricultural", "agro", "agrarian"),
    ("railcar", "wagon", "carriage"),
    ("chip", "microchip", "semiconductor"),
    ("medicine", "drug", "medication"),
    ("aircraft", "airplane", "aeroplane"),
    ("utility", "communal"),
    ("tram", "tramway"),
)
# Spellings of one name (the head of state's, as Belarusian and other transliterations write
# it): synonyms to search, and to ``person:`` (see :func:`name_variants`)
NAME_GROUPS: tuple[tuple[str, ...], ...] = (
    ("lukashenko", "lukashenka", "lukasenka", "lukasenko"),
    ("aleksandr", "alexander", "alexandr", "alyaksandr", "aliaksandr", "alaksandr"),
)
SYNONYM_GROUPS += NAME_GROUPS

_NO_STEM = {"is", "was", "has", "gas", "bus", "its", "this", "us", "as", "less", "news", "series"}


# Latin letters that no decomposition takes apart, as the search index's folding (Tantivy's,
# after Lucene's) writes them: "Łukašenka" is found as written, and as "lukasenka"
UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i",
     "ħ": "h", "ŀ": "l", "ŧ": "t"}
)  # fmt: skip


def fold(text: str) -> str:
    """Case- and accent-insensitive form of ``text`` (same length not guaranteed)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.casefold().translate(UNDECOMPOSED)


# Cyrillic as Latin letters (BGN/PCGN, simplified; after fold, й is и and ё is е), so that a
# word typed in Russian or Belarusian can be corrected to the English records' spelling
# ("Самара": samara). Not a transliteration standard: a guess that spelling correction ends.
_LATIN = str.maketrans(
    {
        **dict(zip("абвгдезиклмнопрстуфыэіў", "abvgdeziklmnoprstufyeiu", strict=True)),
        "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
        "ю": "yu", "я": "ya", "ъ": "", "ь": "",
    }
)  # fmt: skip
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# a Russian adjective's ending, as a region is named ("Самарская [область]": samar-;
# "Омская": omsk, its "sk" the name's own)
_ADJECTIVE_END = re.compile(r"(t?sk)(?:aya|oy|iy|ii|ogo|oi|om|ikh)$")


def in_latin(text: str) -> str:
    """``text`` folded, its Cyrillic in Latin letters as :func:`latin_guesses` reads it."""
    return fold(text).translate(_LATIN)


def latin_guesses(word: str) -> list[str]:
    """For a folded word in Cyrillic: its Latin spelling, then that without an adjective's
    ending (keeping its "sk", then without it), each of four letters or more; [] for any
    other word."""
    if not _CYRILLIC.search(word):
        return []
    latin = word.translate(_LATIN)
    guesses = [latin]
    end = _ADJECTIVE_END.search(latin)
    if end is not None:
        for stem in (latin[: end.start()] + end.group(1), latin[: end.start()]):
            if len(stem) >= 4 and stem not in guesses:
                guesses.append(stem)
    return guesses


def words(text: str) -> list[str]:
    """The folded words of ``text`` in order: what ``WORD_RE`` finds in ``fold(text)``."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
    return WORD_RE.findall(fold(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix stripper: plurals and -ing/-ed; keeps short words as they are."""
    w = word
    if len(w) <= 3 or w in _NO_STEM or w.isdigit():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses") or w.endswith(("xes", "ches", "shes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
        if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    elif len(w) > 5 and w.endswith("ed") and not w.endswith("eed"):
        w = w[:-2]
        if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    if len(w) > 3 and w.endswith("e") and not w.endswith("ee"):
        w = w[:-1]
    return w


_SYNONYMS: dict[str, str] = {}
for _group in SYNONYM_GROUPS:
    for _word in _group:
        _SYNONYMS[stem(_word)] = stem(_group[0])
stem.cache_clear()


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """The canonical index term of one (folded) word. A synonym stands for a word's noun,
    not its verb: "lifts" is an elevator, "lifted" and "lifting" (sanctions, a ban) are
    not."""
    s = stem(word)
    canonical = _SYNONYMS.get(s)
    if canonical is None or (len(word) > 5 and word.endswith(("ed", "ing"))):
        return s
    return canonical


def stem_prefixes(canonical: str) -> list[str]:
    """Where the words whose :func:`term` is ``canonical`` are in a sorted vocabulary: every
    such word starts with one of these prefixes (a stem, or a stem without the ``y`` that
    ``-ies`` became), so a prefix scan finds them all and :func:`term` then picks them."""
    out = []
    for s in _STEMS_OF.get(canonical, (canonical,)):
        out.append(s[:-1] if s.endswith("y") and len(s) > 1 else s)
    return sorted(set(out))


_STEMS_OF: dict[str, tuple[str, ...]] = {}
for _stem, _canonical in _SYNONYMS.items():
    _STEMS_OF[_canonical] = (*_STEMS_OF.get(_canonical, (_canonical,)), _stem)
_STEMS_OF = {k: tuple(dict.fromkeys(v)) for k, v in _STEMS_OF.items()}


def name_variants(word: str) -> list[str]:
    """The other spellings of a name's word (folded, whole words; :data:`NAME_GROUPS`), or
    none: what ``person:lukashenko`` finds besides the words it starts ("Łukašenka")."""
    group = next((g for g in NAME_GROUPS if word in g), ())
    return [w for w in group if w != word]


def terms(text: str) -> list[str]:
    """The canonical terms of ``text``, in order."""
    return [term(w) for w in words(text)]


def spans(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, term)`` for every word of ``text``, offsets into ``text`` itself."""
    for m in WORD_RE.finditer(text):
        yield m.start(), m.end(), term(fold(m.group()))


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edit distance, two letters swapped counting as one edit ("cabels" is one from
    "cables", "enegry" from "energy": a typist's commonest slip, which Levenshtein counts
    as two), giving up (returning ``limit + 1``) once it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []  # (the row before the previous: for a swap)
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        best = i
        for j, cb in enumerate(b, 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and ca != cb:
                value = min(value, before[j - 2] + 1)
            current.append(value)
            best = min(best, value)
        if best > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]
