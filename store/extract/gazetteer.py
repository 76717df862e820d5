"""Enterprises the reports name without saying what they are ("Amkodor is ready to supply").

A rule can find "X company", "X plant" or "enterprises such as X, Y"; a bare name needs a
list. The list is ``enterprises.tsv`` beside this file: about 290 Belarusian enterprises,
holdings, universities and institutes and 120 Russian ones, each with the public page it was
sourced from (``docs/gazetteer.md`` says how it was built and how to add to it). It is data,
not a model: read once, when a text is first searched for names.

A name is matched as written, or in capitals ("BelAZ", "BELAZ"). A name marked ambiguous
(its kind ends in ``?``: "Integral", "Zenit", "Neman", words or clubs as well as enterprises)
is taken only where the sentence calls it an enterprise ("the Integral holding") or lists it
next to another known enterprise ("Integral, Peleng and BelOMO").
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from msgspec import Struct


class Enterprise(Struct, frozen=True):
    """One row of ``enterprises.tsv``."""

    name: str
    aliases: tuple[str, ...]
    country: str  # BY or RU
    kind: str
    source: str

    @property
    def ambiguous(self) -> bool:
        return self.kind.endswith("?")


def parse_gazetteer(text: str, where: str = "enterprises.tsv") -> list[Enterprise]:
    """The rows of a gazetteer file; a malformed line is a ``ValueError`` naming it."""
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5 or not fields[0].strip():
            raise ValueError(f"{where}:{number}: expected 5 tab-separated fields")
        name, aliases, country, kind, source = (f.strip() for f in fields)
        if country not in ("BY", "RU"):
            raise ValueError(f"{where}:{number}: country must be BY or RU, not {country!r}")
        found = tuple(a.strip() for a in aliases.split(";") if a.strip())
        rows.append(Enterprise(name, found, country, kind, source))
    return rows


@functools.cache
def gazetteer() -> tuple[Enterprise, ...]:
    """The bundled gazetteer (read once)."""
    text = resources.files(__package__).joinpath("enterprises.tsv").read_text(encoding="utf-8")
    return tuple(parse_gazetteer(text))


@functools.cache
def _matcher() -> tuple[dict[str, list[str]], dict[str, bool]]:
    """Every name and alias (and its capitals) by its first word, longest first, and whether
    each is ambiguous. (A dictionary of first words, not one pattern of 800 alternatives:
    the text is read once, a word at a time.)"""
    forms: dict[str, bool] = {}
    for e in gazetteer():
        for form in (e.name, *e.aliases):
            for variant in (form, form.upper()):
                forms[variant] = forms.get(variant, True) and e.ambiguous
    by_first: dict[str, list[str]] = {}
    for form in sorted(forms, key=len, reverse=True):
        by_first.setdefault(_WORD.match(form).group(), []).append(form)  # type: ignore[union-attr]
    return by_first, forms


_WORD = re.compile(r"[^\W_]+")
_NAME_CHAR = re.compile(r"[\w-]")


@functools.cache
def _first_words() -> re.Pattern[str]:
    """The words of a text (as _WORD finds them) that begin with a character some name's first
    word begins with: the others start no name, and are not read one at a time."""
    firsts = "".join(sorted({word[0] for word in _matcher()[0]}))
    # (the character first, so the engine looks for it; then none of _WORD's just before it)
    return re.compile(rf"[{re.escape(firsts)}](?<![^\W_][{re.escape(firsts)}])[^\W_]*")


@functools.cache
def enterprise_names() -> frozenset[str]:
    """Every name and alias, lower-cased (what is not a good, say)."""
    return frozenset(f.lower() for f in _matcher()[1])


@functools.cache
def belarusian_enterprise_names() -> frozenset[str]:
    """The names and aliases of the Belarusian ones, lower-cased ("from Gomselmash" is
    from Belarus, not from the region)."""
    return frozenset(
        name.lower() for e in gazetteer() if e.country == "BY" for name in (e.name, *e.aliases)
    )


# A word that says the name next to it is an enterprise.
_CUE = re.compile(
    r"\b(?:plant|works|factory|company|companies|enterprises?|holding|concern|association|"
    r"corporation|group|JSC|OJSC|OAO|PJSC|CJSC|LLC|manufacturer|producer|maker)\b",
    re.I,
)
_NEAR = 40  # characters either side where a cue or another enterprise vouches for a name


def known_enterprises(text: str) -> list[tuple[int, str]]:
    """(offset, name) of each listed enterprise named in ``text``; an ambiguous name only
    beside an enterprise word or another listed enterprise."""
    by_first, forms = _matcher()
    hits: list[tuple[int, str]] = []
    done = 0
    for w in _first_words().finditer(text):
        at = w.start()
        candidates = by_first.get(w.group())
        if at < done or not candidates or (at and _NAME_CHAR.match(text, at - 1)):
            continue
        for form in candidates:  # longest first
            end = at + len(form)
            if text.startswith(form, at) and not _NAME_CHAR.match(text, end):
                hits.append((at, form))
                done = end
                break
    sure = [at for at, name in hits if not forms[name]]
    out = []
    for at, name in hits:
        if forms[name]:
            window = text[max(0, at - _NEAR) : at + len(name) + _NEAR]
            beside = any(abs(other - at) <= _NEAR + len(name) for other in sure)
            if not (_CUE.search(window) or beside):
                continue
        out.append((at, name))
    return out
