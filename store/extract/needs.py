"""Which words a pattern needs: a pattern is not run over text that lacks all of them.

The extractor runs some dozens of patterns over every sentence, most of them case-insensitive,
which the regular-expression engine tries at every position of the text. Most sentences
contain none of the words a given pattern is built around ("exports", "$", "with"), and
looking for a word (``str.__contains__``) is far quicker than running the pattern.
:func:`needed_words` reads from a compiled pattern a set of literal words one of which every
match contains; :func:`may_match` answers False only when the text has none of them, so a
pattern guarded by it finds exactly what it found before.
"""

from __future__ import annotations

import re
import re._constants as _sre  # type: ignore[import-not-found]  # the stdlib's own parser
import re._parser as _sre_parser  # type: ignore[import-not-found]
from collections.abc import Iterable, Mapping
from typing import Any

# Lower-cases the characters that a case-insensitive pattern takes for ASCII letters, and
# nothing else, so offsets and every other character stay as they are: "K" (Kelvin sign)
# and "İ" lower-case to "k" and "i", and the pattern engine also takes "ı" for "i" and "ſ"
# for "s". A case-insensitive pattern's (lower-case) words are looked for in this copy.
ASCII_CASE = str.maketrans(
    {**{chr(c): chr(c + 32) for c in range(65, 91)}, "\u0130": "i", "\u0131": "i",
     "\u017f": "s", "\u212a": "k"}
)  # fmt: skip


# pattern -> (its words, sorted; whether it is case-insensitive), or None: no words
_NEEDS: dict[re.Pattern[str], tuple[tuple[str, ...], bool] | None] = {}
_UNREAD: Any = object()


def needed_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Words one of which every match of ``pattern`` contains (lower-case when the pattern
    is case-insensitive), or None when none can be read (then the pattern always runs)."""
    need = _need(pattern)
    return frozenset(need[0]) if need else None


def _need(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], bool] | None:
    try:
        return _NEEDS[pattern]
    except KeyError:
        pass
    icase = bool(pattern.flags & re.I)
    try:
        words = _needs(list(_sre_parser.parse(pattern.pattern, pattern.flags)), icase)
    except Exception:  # a Python whose parser differs: no words, the pattern always runs
        words = None
    need = _NEEDS[pattern] = (tuple(sorted(words)), icase) if words else None
    return need


_last: tuple[str, str] = ("", "")  # (text, lowered): the patterns are asked in turn of one text


def lowered(text: str) -> str:
    """``text.translate(ASCII_CASE)``, kept for the text asked about last."""
    global _last
    last = _last  # one read: another thread may replace it meanwhile
    if last[0] is text:
        return last[1]
    low = text.translate(ASCII_CASE)
    _last = (text, low)
    return low


# Below this length a pattern is run at once: looking for its words would cost as much.
_SHORT = 48


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False only when ``text`` lacks every word the pattern needs (it cannot match)."""
    if len(text) < _SHORT:
        return True
    need = _NEEDS.get(pattern, _UNREAD)
    if need is _UNREAD:
        need = _need(pattern)
    if need is None:
        return True
    words, icase = need
    haystack = lowered(text) if icase else text
    return any(word in haystack for word in words)


def needed_sets(pattern: re.Pattern[str]) -> list[frozenset[str]]:
    """Every set of words (as needed_words reads them) of which each match of ``pattern``
    contains one: the pattern's parts one after another each need theirs, so a text that
    lacks all of any one set cannot match. needed_words is the most selective of them."""
    try:
        items = list(_sre_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # (see _need)
        return []
    return _options(items, bool(pattern.flags & re.I))


# pattern -> (its branches' sets of words, as needed_branches gives them; case-insensitive)
_BRANCHES: dict[re.Pattern[str], tuple[list[list[tuple[str, ...]]], bool]] = {}


def needed_branches(pattern: re.Pattern[str]) -> list[list[frozenset[str]]]:
    """For a pattern that is one alternation (with parts before or after it): for each branch,
    the sets of words one of each of which a match through that branch contains (the
    branch's own and the parts' around it, see needed_sets). A text that lacks, for every
    branch, some whole set cannot match. Without an alternation: [needed_sets(pattern)]."""
    try:
        items = list(_sre_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # (see _need)
        return [[]]
    icase = bool(pattern.flags & re.I)
    while len(items) == 1 and items[0][0] is _sre.SUBPATTERN and items[0][1][1:3] == (0, 0):
        items = list(items[0][1][3])  # (the whole pattern in a group)
    at = [i for i, (op, arg) in enumerate(items) if _branch_of(op, arg) is not None]
    if len(at) != 1:
        return [_options(items, icase)]
    i = at[0]
    around = _options(items[:i] + items[i + 1 :], icase)
    branches = _branch_of(*items[i]) or []
    return [around + _options(list(b), icase) for b in branches]


def _branch_of(op: Any, arg: Any) -> list[Any] | None:
    """The branches of an alternation, or of a group holding only one; else None."""
    if op is _sre.BRANCH:
        return list(arg[1])
    if op is _sre.SUBPATTERN and not arg[1] and not arg[2]:
        inner = list(arg[3])
        if len(inner) == 1 and inner[0][0] is _sre.BRANCH:
            return list(inner[0][1][1])
    return None


def may_match_somewhere(pattern: re.Pattern[str], text: str) -> bool:
    """False only when ``text`` lacks, for each branch of ``pattern``, every word of one of
    the sets it needs (see needed_branches): a finer test than may_match, for short texts
    such as the words before each good of a list."""
    got = _BRANCHES.get(pattern)
    if got is None:
        branches = [[tuple(sorted(s)) for s in b] for b in needed_branches(pattern)]
        got = _BRANCHES[pattern] = (branches, bool(pattern.flags & re.I))
    branches, icase = got
    haystack = lowered(text) if icase else text
    return any(all(any(w in haystack for w in words) for words in b) for b in branches)


def _score(words: frozenset[str]) -> int:
    """How selective a set of words is: its shortest word's length; a word with a character
    other than a letter ("$", "%") counts as longer, such characters being rarer in text."""
    return min(len(w) + (3 if not w.isalpha() else 0) for w in words)


def _needs(items: list[tuple[Any, Any]], icase: bool) -> frozenset[str] | None:
    """For a parsed sequence: the most selective set of words one of which it must contain."""
    options = _options(items, icase)
    # (of equally selective sets, the one of fewer words: "dollars" before "million" or "billion")
    return max(options, key=lambda o: (_score(o), -len(o))) if options else None


def _options(items: list[tuple[Any, Any]], icase: bool) -> list[frozenset[str]]:
    """For a parsed sequence: the sets of words one of each of which it must contain."""
    options: list[frozenset[str]] = []
    run = ""
    for op, arg in items:
        if op is _sre.LITERAL and not (icase and _cased_beyond_ascii(arg)):
            run += chr(arg).lower() if icase else chr(arg)
            continue
        if run:
            options.append(frozenset([run]))
            run = ""
        found: frozenset[str] | None = None
        if op is _sre.SUBPATTERN and not arg[1] and not arg[2]:  # (group, +flags, -flags, p)
            found = _needs(list(arg[3]), icase)
        elif op is _sre.ATOMIC_GROUP:
            found = _needs(list(arg), icase)
        elif op is _sre.BRANCH:
            branches = [_needs(list(b), icase) for b in arg[1]]
            if all(branches):
                found = frozenset().union(*branches)  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and arg[0] >= 1:
            found = _needs(list(arg[2]), icase)
        if found:
            options.append(found)
    if run:
        options.append(frozenset([run]))
    return options


def _cased_beyond_ascii(code: int) -> bool:
    """A letter outside ASCII that has case: a case-insensitive pattern matches it in other
    forms that ASCII_CASE does not produce, so it is not read as part of a word."""
    char = chr(code)
    return code > 127 and char.lower() != char.upper()


def prefix_tree(words: Iterable[str]) -> dict[str, Any]:
    """``words`` as nested dicts of their characters; ``""`` marks where a word ends."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return tree


def alternation(words: Iterable[str], written: Mapping[str, str] | None = None) -> str:
    r"""An alternation of ``words`` written as a prefix tree: at each place in a text the
    pattern tries a handful of next characters rather than hundreds of words one after
    another. It matches exactly what the flat alternation sorted longest first matches: the
    words that can match at one place are each a prefix of the next (they part at a
    character, and the text has one there), and a longer one is always tried before the
    shorter one it extends, so a pattern around it backs off to the shorter one as it did.
    ``written``: a pattern for a character other than itself (people's " " is ``[\s-]+``)."""
    tree = prefix_tree(words)
    written = written or {}

    def char_pattern(char: str) -> str:
        return written.get(char) or re.escape(char)

    def pattern(node: dict[str, Any]) -> str:
        branches = []
        for char, child in node.items():
            if not char:
                continue
            head = char_pattern(char)
            while len(child) == 1 and "" not in child:  # a chain: one literal run, no group
                ((char, child),) = child.items()
                head += char_pattern(char)
            branches.append(head + pattern(child))
        if not branches:
            return ""
        if "" in node:
            branches.append("")  # the shorter word, tried after every longer one
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(tree)


def words_finder(words: list[str]) -> re.Pattern[str]:
    """A pattern whose ``findall`` gives, at each place in a text, the longest of ``words``
    that starts there (so every word present is one found or is inside one found)."""
    return re.compile("(?=(" + alternation(words) + "))")
