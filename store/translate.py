"""A parsed query (:mod:`coopbrowse.store.query`) as a Tantivy query, for one index snapshot.

The index holds words as written (folded); this module gives them their meaning:

- a word matches every indexed word with the same canonical term (stemming and synonyms of
  :mod:`coopbrowse.store.analysis`): ``lift`` finds ``elevators``;
- a prefix matches the indexed words that start with it, and their synonyms;
- a phrase matches those forms in order, within one field;
- ``Moscow Region`` finds Moscow Oblast (:func:`rewrite_regions`);
- filters (``region:``, ``sector:``, ``person:``, ``date:`` ...) narrow without scoring;
- fields are weighted by tier (title 3, key fields 2, body 1, minor 0.5), BM25 within each.

Three scopes: ``all`` (meetings on their own fields, and proposals), ``meeting`` (meetings,
with what was proposed at them: the meetings view) and ``proposal``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from msgspec import Struct, field

from .analysis import (
    WORD_RE,
    edit_distance,
    fold,
    latin_guesses,
    name_variants,
    stem_prefixes,
    term,
)
from .query import And, Filter, Node, Not, Or, Phrase, QueryError, Word, walk
from .regions import Region, find_region, region_slug, spelled_region
from .schema import SUB_WEIGHT, TIERS
from .taxonomy import SECTORS

EXPANSIONS_SCORED = 64  # prefix expansions ranked by BM25; more still match, unranked
EXPANSIONS_MAX = 2_000


class Vocabulary:
    """The indexed words of one searcher snapshot, and what they mean (memoised: the
    snapshot never changes)."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self._forms: dict[str, dict[str, list[str]]] = {}
        self._prefixed: dict[str, list[tuple[str, int]]] = {}

    def forms(self, canonical: str) -> dict[str, list[str]]:
        """Field -> the indexed words whose canonical term is ``canonical``."""
        found = self._forms.get(canonical)
        if found is None:
            found = {}
            for f in (*TIERS, "sub"):
                words: list[str] = []
                for prefix in stem_prefixes(canonical):
                    for word, _df in self.searcher.terms_with_prefix(f, prefix):
                        if term(str(word)) == canonical:
                            words.append(str(word))
                if words:
                    found[f] = sorted(set(words))
            self._forms[canonical] = found
        return found

    def prefixed(self, prefix: str, limit: int = EXPANSIONS_MAX) -> list[tuple[str, int]]:
        """Indexed words starting with ``prefix`` and their document counts, most frequent
        first (over every text field)."""
        found = self._prefixed.get(prefix)
        if found is None:
            counts: dict[str, int] = {}
            for f in (*TIERS, "sub"):
                for word, df in self.searcher.terms_with_prefix(f, prefix, limit=limit):
                    counts[str(word)] = counts.get(str(word), 0) + int(df)
            found = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            self._prefixed[prefix] = found
        return found

    def known(self, canonical: str) -> bool:
        return bool(self.forms(canonical))

    def nearest(self, word: str) -> str | None:
        """The indexed word closest to a misspelt ``word`` (1 edit up to 6 letters, 2
        beyond; ties to the more frequent), or None. Words with the same first two letters
        are tried first (most slips keep them), then the same first letter."""
        if len(word) < 4 or not word[0].isalnum():
            return None
        limit = 1 if len(word) <= 6 else 2
        for prefix in (word[:2], word[:1]):
            best: tuple[int, int, str] | None = None
            for candidate, df in self.prefixed(prefix, limit=100_000):
                if candidate == word:
                    return None  # a known word (its records were removed): nothing to fix
                if abs(len(candidate) - len(word)) > limit or (
                    len(prefix) == 1 and candidate[:2] == word[:2]
                ):
                    continue
                d = edit_distance(word, candidate, limit)
                if d <= limit:
                    key = (d, -df, candidate)
                    if best is None or key < best:
                        best = key
            if best is not None:
                return best[2]
        return None

    def expand(self, prefix: str) -> list[str]:
        """Canonical terms of the indexed words starting with ``prefix``, most frequent
        first (``elev*`` gives ``elevator``, which also means ``lift``)."""
        p = fold(prefix)
        if not p:
            return []
        out: dict[str, None] = {}
        for word, _df in self.prefixed(p):
            out.setdefault(term(word), None)
        return list(out)


class Highlight(Struct):
    """What to mark in a record's text: canonical terms, prefixes, filter words by kind."""

    terms: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    paths: dict[str, set[str]] = field(default_factory=dict)  # filter -> its words


def highlight_of(tree: Node, vocabulary: Vocabulary) -> Highlight:
    h = Highlight()
    for leaf, negated in walk(tree):
        if negated:
            continue
        if isinstance(leaf, Word):
            if leaf.prefix:
                h.prefixes.add(fold(leaf.text))
                h.terms.update(vocabulary.expand(leaf.text)[:EXPANSIONS_SCORED])
            else:
                h.terms.add(term(fold(leaf.text)))
        elif isinstance(leaf, Phrase) and leaf.scored:
            h.terms.update(term(fold(w)) for w in leaf.words)
        elif isinstance(leaf, Filter) and leaf.name in ("person", "enterprise", "region"):
            h.paths.setdefault(leaf.name, set()).update(WORD_RE.findall(fold(leaf.value)))
    return h


def ranked(tree: Node) -> bool:
    """Whether a query has words to rank by (else its results come newest first)."""
    return any(
        not negated and (isinstance(leaf, Word) or (isinstance(leaf, Phrase) and leaf.scored))
        for leaf, negated in walk(tree)
    )


def correct(
    tree: Node, vocabulary: Vocabulary, known_regions: Callable[[], list[str]] = list
) -> tuple[Node, list[tuple[str, str]]]:
    """``tree`` with each unknown (not excluded) word replaced by its nearest known word,
    and the corrections made; a ``region:`` value that names no region held
    (``known_regions``) by the nearest one, and a ``person:`` or ``enterprise:`` word that
    starts no indexed word by its nearest."""
    corrections: list[tuple[str, str]] = []

    def fix(node: Node) -> Node:
        if isinstance(node, Word) and not node.prefix:
            if vocabulary.known(term(fold(node.text))):
                return node
            better = None
            for guess in latin_guesses(fold(node.text)) or [fold(node.text)]:
                # ("Самара": samara; "Самарская": samar-, nearest samara)
                better = guess if vocabulary.known(term(guess)) else vocabulary.nearest(guess)
                if better is not None:
                    break
            if better is None:
                return node
            if (node.text, better) not in corrections:
                corrections.append((node.text, better))
            return Word(better)
        if isinstance(node, Filter) and node.name in ("region", "person", "enterprise"):
            value = _corrected_value(node, vocabulary, known_regions)
            if value is None:
                return node
            if (node.value, value) not in corrections:
                corrections.append((node.value, value))
            return Filter(node.name, value, node.start, node.end, node.pos)
        if isinstance(node, And):
            return And(tuple(fix(c) for c in node.children))
        if isinstance(node, Or):
            return Or(tuple(fix(c) for c in node.children))
        return node  # never "correct" what the user excluded

    return fix(tree), corrections


def _corrected_value(
    f: Filter, vocabulary: Vocabulary, known_regions: Callable[[], list[str]]
) -> str | None:
    """A misspelt filter value's nearest known one, or None (known, or nothing near)."""
    value = fold(f.value).strip()
    if f.name == "region":
        if not value or _named_region(value):
            return None  # a region (with no meetings, perhaps), not a slip: as typed
        known = known_regions()
        if matching_regions(known, value):
            return None
        guesses = latin_guesses(value)  # in Cyrillic: its Latin spellings, if a region's
        for guess in guesses:
            if find_region(guess):
                return guess
        for guess in guesses:  # ("Самарская": samar-, which starts Samara: samara)
            starts = matching_regions(known, guess)
            if len(starts) == 1 and (region := find_region(starts[0])) is not None:
                core: str = WORD_RE.findall(fold(region.core))[0]
                if find_region(core) is region:  # (not "moscow", the city, for Moscow Oblast)
                    return core
            if starts:
                return guess
        for typed in guesses or [value]:  # else the nearest region to one of them
            limit = 1 if len(typed) <= 6 else 2
            best: tuple[int, str] | None = None
            for name in known:
                region = find_region(name)
                # its slug ("moscow-oblast") or its core word ("samara"), as a filter names it
                for spelling in {
                    region_slug(name),
                    *WORD_RE.findall(fold(region.core if region else name)),
                }:
                    d = edit_distance(typed, spelling, limit)
                    if d <= limit and (best is None or (d, spelling) < best):
                        best = (d, spelling)
            if best is not None:
                return best[1]
        return None
    words = WORD_RE.findall(value)
    fixed = []
    for w in words:  # (a word that starts an indexed word is kept: it is a prefix)
        fixed.append(w if vocabulary.prefixed(w, limit=1) else (vocabulary.nearest(w) or w))
    return " ".join(fixed) if fixed != words else None


class Compiler:
    """A parsed query as a Tantivy query for ``scope`` (see the module docstring).
    ``known_regions`` gives the regions the index holds (for ``region:``)."""

    def __init__(
        self,
        schema: Any,
        vocabulary: Vocabulary,
        scope: str,
        *,
        kind: str | None = None,
        query: str = "",
        known_regions: Callable[[], list[str]] = list,
    ) -> None:
        import tantivy

        self.t = tantivy
        self.schema = schema
        self.vocabulary = vocabulary
        self.scope = scope
        self.kind = kind
        self.query = query
        self.known_regions = known_regions
        self.weights = dict(TIERS)
        if scope == "meeting":
            self.weights["sub"] = SUB_WEIGHT

    def compile(self, tree: Node) -> Any:
        T, Occur = self.t.Query, self.t.Occur
        kinds = {"all": ("meeting", "proposal"), "meeting": ("meeting",), "proposal": ("proposal",)}
        wanted = kinds[self.scope]
        if self.kind:
            wanted = (self.kind,) if self.kind in wanted else ()
        restriction = (
            T.term_set_query(self.schema, "kind", list(wanted)) if wanted else T.empty_query()
        )
        return T.boolean_query(
            [(Occur.Must, self._node(tree)), (Occur.Must, T.const_score_query(restriction, 0.0))]
        )

    def _node(self, node: Node) -> Any:
        T, Occur = self.t.Query, self.t.Occur
        if isinstance(node, And):
            if not node.children:
                return self._everything()
            positives = [self._node(c) for c in node.children if not isinstance(c, Not)]
            negatives = [self._node(c.child) for c in node.children if isinstance(c, Not)]
            clauses = [(Occur.Must, q) for q in positives or [self._everything()]]
            clauses += [(Occur.MustNot, q) for q in negatives]
            return clauses[0][1] if len(clauses) == 1 else T.boolean_query(clauses)
        if isinstance(node, Or):
            return T.boolean_query([(Occur.Should, self._node(c)) for c in node.children])
        if isinstance(node, Not):
            return T.boolean_query(
                [(Occur.Must, self._everything()), (Occur.MustNot, self._node(node.child))]
            )
        if isinstance(node, Word):
            return self._prefix(node.text) if node.prefix else self._term(term(fold(node.text)))
        if isinstance(node, Phrase):
            return self._phrase(node)
        if isinstance(node, Filter):
            return self.t.Query.const_score_query(self._filter(node), 0.0)
        raise TypeError(node)  # pragma: no cover

    def _everything(self) -> Any:
        return self.t.Query.const_score_query(self.t.Query.all_query(), 0.0)

    def _term(self, canonical: str) -> Any:
        """Every indexed form of ``canonical``, in each field with its weight."""
        T, Occur = self.t.Query, self.t.Occur
        forms = self.vocabulary.forms(canonical)
        clauses = []
        for f, weight in self.weights.items():
            for word in forms.get(f, ()):
                q = T.term_query(self.schema, f, word)
                clauses.append((Occur.Should, T.boost_query(q, weight)))
        if not clauses:
            return T.empty_query()
        return clauses[0][1] if len(clauses) == 1 else T.boolean_query(clauses)

    def _prefix(self, prefix: str) -> Any:
        T, Occur = self.t.Query, self.t.Occur
        canonical = self.vocabulary.expand(prefix)
        if not canonical:
            return T.empty_query()
        clauses = [(Occur.Should, self._term(t)) for t in canonical[:EXPANSIONS_SCORED]]
        rest = canonical[EXPANSIONS_SCORED:]
        if rest:  # matched, not ranked: the words themselves, in every field
            words = [w for w, _df in self.vocabulary.prefixed(fold(prefix)) if term(w) in rest]
            for f in self.weights:
                unranked = T.term_set_query(self.schema, f, words)
                clauses.append((Occur.Should, T.const_score_query(unranked, 0.0)))
        return T.boolean_query(clauses)

    def _phrase(self, node: Phrase) -> Any:
        T, Occur = self.t.Query, self.t.Occur
        canonical = [term(fold(w)) for w in node.words]
        if len(canonical) == 1:
            q = self._term(canonical[0])
            return q if node.scored else T.const_score_query(q, 0.0)
        clauses = []
        for f, weight in self.weights.items():
            words = [self.vocabulary.forms(t).get(f, []) for t in canonical]
            if not all(words):
                continue
            if all(len(ws) == 1 for ws in words):  # one form each: a plain phrase
                q = T.phrase_query(self.schema, f, [ws[0] for ws in words])
            else:  # each position any of its forms
                pattern: list[str | tuple[int, str]] = [
                    "(" + "|".join(re.escape(w) for w in ws) + ")" for ws in words
                ]
                q = T.regex_phrase_query(self.schema, f, pattern)
            clauses.append((Occur.Should, T.boost_query(q, weight)))
        q = T.boolean_query(clauses) if clauses else T.empty_query()
        return q if node.scored else T.const_score_query(q, 0.0)

    def _fields(self, name: str) -> list[str]:
        """The fields a filter looks at in this scope."""
        union = {"sector": "msector", "status": "mstatus", "enterprise": "menterprise"}
        if self.scope == "meeting":
            if name == "person":
                return ["person", "mperson"]
            if name in union:
                return [union[name]]
        return [name]

    def _filter(self, f: Filter) -> Any:
        T = self.t.Query
        name, value = f.name, fold(f.value)
        if name == "type":
            return T.term_query(self.schema, "kind", f.value)
        if name == "status":
            return self._any(self._fields("status"), [f.value])
        if name in ("date", "year"):
            lo = int(f.start.replace("-", "")) if f.start else None
            hi = int(f.end.replace("-", "")) if f.end else None
            return T.range_query(self.schema, "date", self.t.FieldType.Integer, lo, hi)
        if name == "sector":
            ids = resolve_sector(f.value)
            if not ids:
                near = nearest_sector(f.value)
                # the sector meant, or else every sector (400 characters: the app cuts them
                # at the width of its bar, and a slip needs only the one meant)
                said = (
                    f": did you mean sector:{near}?"
                    if near
                    else f" (sectors: {', '.join(s.id for s in SECTORS)})"
                )
                raise QueryError(f"unknown sector '{f.value}'{said}", f.pos, self.query)
            return self._any(self._fields("sector"), ids)
        if name == "region":
            regions = matching_regions(self.known_regions(), value)
            return self._any(["region"], regions) if regions else T.empty_query()
        # person / enterprise: every word of the value starts a word of one name
        words = WORD_RE.findall(value)
        if not words:
            return T.empty_query()
        per_word = []
        for w in words:
            # (a name's other spellings too, whole: person:lukashenko finds "Łukašenka")
            pattern = "|".join([re.escape(w) + ".*", *map(re.escape, name_variants(w))])
            options = [T.regex_query(self.schema, fld, pattern) for fld in self._fields(name)]
            per_word.append(self._either(options))
        return per_word[0] if len(per_word) == 1 else self._all(per_word)

    def _any(self, fields: list[str], values: list[str]) -> Any:
        queries = [self.t.Query.term_set_query(self.schema, f, values) for f in fields]
        return self._either(queries)

    def _either(self, queries: list[Any]) -> Any:
        Occur = self.t.Occur
        if len(queries) == 1:
            return queries[0]
        return self.t.Query.boolean_query([(Occur.Should, q) for q in queries])

    def _all(self, queries: list[Any]) -> Any:
        return self.t.Query.boolean_query([(self.t.Occur.Must, q) for q in queries])


# Regions and sectors ------------------------------------------------------------------------


def _named_region(value: str) -> Region | None:
    """The region a ``region:`` value names: ``penza-obl`` too, the filter of a stored
    "Penza Obl." (a value in Cyrillic is read in Latin letters as a slip is, and flagged)."""
    if not value.isascii():
        return find_region(value)
    return spelled_region(value) or spelled_region(value.replace("-", " "))


def matching_regions(known: list[str], value: str) -> list[str]:
    """The indexed regions a ``region:`` value names. A value that spells a region finds it
    under every spelling stored that names it, abbreviated too ("Penza Obl." for ``penza``),
    and never another region (``moscow`` is the city: not Moscow Oblast, nor "Moscow Obl.");
    one that spells none finds each region it starts (``mosc``)."""
    region = _named_region(value)
    if region is not None:
        return [name for name in known if spelled_region(name) is region]
    slug = region_slug(value)
    return [
        name
        for name in known
        if region_slug(name) == slug
        or any(w.startswith(value) for w in WORD_RE.findall(fold(name)))
    ]


def _has_or(node: Node) -> bool:
    if isinstance(node, Or):
        return True
    if isinstance(node, And):
        return any(_has_or(child) for child in node.children)
    return isinstance(node, Not) and _has_or(node.child)


def region_hint(tree: Node, known: list[str]) -> str:
    """For a query that found nothing: a ``region:`` value that names no region with
    meetings here, and how to name those it starts, if any ("region:moscow is Moscow, the
    city: no meetings here. Did you mean region:moscow-oblast (Moscow Oblast)?";
    "region:tula is Tula Oblast: no meetings here."); "" when there is nothing to say."""
    for leaf, negated in walk(tree):
        if not isinstance(leaf, Filter) or leaf.name != "region" or negated:
            continue
        if matching_regions(known, leaf.value):
            continue
        start = fold(leaf.value)
        near = list(
            dict.fromkeys(
                (spelled.name if spelled else name)
                for name in known
                if any(w.startswith(start) for w in WORD_RE.findall(fold(name)))
                for spelled in [spelled_region(name)]
            )
        )
        region = find_region(leaf.value) or find_region(leaf.value.replace("-", " "))
        if not near:  # ("No results. Try another value" said nothing of why: a new user)
            if _has_or(tree):
                continue  # (one of several: "(region:tula OR region:samara) spaceships")
            if region is not None:
                return f"region:{leaf.value} is {region.name}: no meetings here."
            return f"region:{leaf.value} names no region with meetings here."
        what = f"{region.name}: no meetings here" if region else "no region"
        named = ", ".join(f"region:{region_slug(name)} ({name})" for name in near[:3])
        return f"region:{leaf.value} is {what}. Did you mean {named}?"
    return ""


def excluded_hint(
    tree: Node,
    finds: Callable[[Node], bool],
    vocabulary: Vocabulary,
    known_regions: Callable[[], list[str]],
) -> str:
    """An exclusion that leaves nothing out because nothing here has what it names: most
    often a slip ("sector:elevators -region:samra" listed Samara's proposals with no word
    said, where the same slip included would have been corrected). ``finds``: whether a
    leaf, searched for itself, finds any record (so a name's other spellings count, as
    ``person:`` finds them). A ``region:``, ``person:`` or ``enterprise:`` value that finds
    nothing is said whether or not something near is found (not a region with no meetings
    here: ``-region:tula`` is as meant); a word, only when one near it is (a word in no
    record at all, "-tourism", is as likely meant). "" when there is nothing to say."""
    for leaf, negated in walk(tree):
        if not negated:
            continue
        if isinstance(leaf, Filter) and leaf.name in ("region", "person", "enterprise"):
            if leaf.name == "region" and _named_region(fold(leaf.value).strip()):
                continue  # (a region, perhaps with no meetings here: as meant)
            if finds(leaf):
                continue
            kind = "called" if leaf.name == "region" else "named"
            better = _corrected_value(leaf, vocabulary, known_regions)
            said = (
                f"“-{leaf.name}:{leaf.value}” leaves nothing out: no {leaf.name} here is"
                f" {kind} {leaf.value}."
            )
            return said + (f" Did you mean -{leaf.name}:{better}?" if better else "")
        if isinstance(leaf, Word) and not leaf.prefix:
            better = vocabulary.nearest(fold(leaf.text))
            if better is not None and not finds(leaf):
                return (
                    f"“-{leaf.text}” leaves nothing out: no record has that word."
                    f" Did you mean -{better}?"
                )
    return ""


_OPERATORS = {  # ("and" in lower case is a word too, but every word must match anyway)
    "or": "for either of two words, write OR in capitals",
    "not": "to leave a word out, write NOT in capitals, or -penza",
}


def operator_hint(text: str) -> str:
    """For a query that found nothing: an operator written in lower case ("elevator not
    penza") is searched as a word, and only the capitals are the operator."""
    unquoted = re.sub(r'"[^"]*"?', " ", text)
    for token in re.findall(r"[^\s()]+", unquoted):
        if token in _OPERATORS:
            return f"“{token}” was searched as a word; {_OPERATORS[token]}."
    return ""


def joined_words_hint(text: str, finds: Callable[[str], bool]) -> str:
    """For a query that found nothing: a word joined to another by punctuation
    ("elevator/samara", "Penza-Samara") is searched as the phrase of its words, like
    "agro-industrial"; when that word alone finds nothing (``finds``), say so, and how to
    find the words anywhere ("" when no such word is to blame). Not a word excluded, a
    filter's value, a date or an abbreviation ("2025-04-05", "u.s.")."""
    unquoted = re.sub(r'"[^"]*"?', " ", text)
    after_not = False
    for token in re.findall(r"[^\s()]+", unquoted):
        excluded, after_not = after_not, token == "NOT"
        token = token.strip("[]{}.,;:!?'’~*")
        if excluded or token.startswith("-") or ":" in token:
            continue  # (excluded, or a filter's value)
        words = WORD_RE.findall(token)
        if len(words) < 2 or any(len(w) < 2 or w.isdigit() for w in words):
            continue
        if not finds(token):
            return (
                f'{token} is searched as the phrase "{" ".join(words)}" (those words together); '
                f"{' '.join(words)} finds them anywhere."
            )
    return ""


def _region_phrase(words: tuple[str, ...]) -> Node | None:
    """``Moscow Region`` -> (``"moscow oblast"`` OR ``"moscow region"``); None if no region."""
    region = find_region(" ".join(words))
    if region is None:
        return None
    canonical = tuple(WORD_RE.findall(fold(region.name)))
    if canonical == tuple(fold(w) for w in words):
        return None
    original = Phrase(words, scored=False) if len(words) > 1 else Word(words[0])
    return Or((Phrase(canonical) if len(canonical) > 1 else Word(canonical[0]), original))


def rewrite_regions(node: Node) -> Node:
    """Let every spelling of a region find the others (``Moscow Region`` finds Moscow Oblast)."""
    if isinstance(node, Phrase):
        return _region_phrase(node.words) or node
    if isinstance(node, Not):
        return Not(rewrite_regions(node.child))
    if isinstance(node, Or):
        return Or(tuple(rewrite_regions(c) for c in node.children))
    if not isinstance(node, And):
        return node
    children = [rewrite_regions(c) for c in node.children]
    out: list[Node] = []
    i = 0
    while i < len(children):
        replaced = False
        for size in (4, 3, 2):
            window = children[i : i + size]
            if len(window) == size and all(isinstance(c, Word) and not c.prefix for c in window):
                found = _region_phrase(tuple(c.text for c in window))  # type: ignore[union-attr]
                if found is not None:
                    out.append(found)
                    i += size
                    replaced = True
                    break
        if not replaced:
            out.append(children[i])
            i += 1
    return And(tuple(out)) if len(out) != 1 else out[0]


_FILLER = {"and", "the", "of", "in", "for", "to"}


def nearest_sector(value: str) -> str | None:
    """The sector a misspelt ``sector:`` value most likely meant ("elevatrs": elevators): the
    one an id, or a word of its label or terms, is nearest to (one edit up to six letters,
    two beyond), or None."""
    v = "-".join(WORD_RE.findall(fold(value)))
    if len(v) < 3:
        return None
    limit = 1 if len(v) <= 6 else 2
    best: tuple[int, int, str] | None = None
    for n, s in enumerate(SECTORS):
        words = set(WORD_RE.findall(fold(f"{s.label} {' '.join(s.terms)}"))) - _FILLER
        for spelling in (s.id, *words):
            d = edit_distance(v, spelling, limit)
            if d <= limit and (best is None or (d, n) < best[:2]):
                best = (d, n, s.id)
    return best[2] if best else None


def resolve_sector(value: str) -> list[str]:
    """Sector ids a filter value names: an id or a prefix of one, the label or a prefix of it,
    a word of the label or of the sector's terms (3+ letters), or a synonym."""
    v = " ".join(WORD_RE.findall(fold(value)))
    if not v:
        return []
    slug = v.replace(" ", "-")
    if any(s.id == slug for s in SECTORS):
        return [slug]
    wanted = term(v)
    out = []
    for s in SECTORS:
        label = " ".join(WORD_RE.findall(fold(s.label)))
        words = set(WORD_RE.findall(fold(f"{s.id} {s.label} {' '.join(s.terms)}"))) - _FILLER
        if (
            (len(v) >= 2 and (s.id.startswith(slug) or label.startswith(v)))
            or (len(v) >= 3 and v not in _FILLER and any(w.startswith(v) for w in words))
            or wanted in {term(w) for w in words}
        ):
            out.append(s.id)
    return out
