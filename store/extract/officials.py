"""Senior Belarusian officials and the heads of Russia's regions, whom a report may name
without their post ("Natalya Kochanova said", "Dmitry Krutoi and Alexander Beglov discussed
...").

A rule reads a post beside a name ("Ambassador Dmitry Krutoi"); a name alone needs a list.
The list is ``officials.tsv`` beside this file: Belarus's presidents, prime ministers and
their deputies, ministers and chairmen of state committees, heads of the Presidential
Administration, the chambers' chairs, ambassadors to Russia and the oblasts' and Minsk's
executive committee chairmen since 1994, each post with its years and the public page it
was sourced from (``docs/officials.md`` says how it was built and what it lacks). The heads
of Russia's regions (governors, heads of republics, mayors of Moscow) since about 2000 are
``regional_heads.tsv``, with the region each headed (``docs/regional_heads.md``). Read once,
when a text is first searched for names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources

from msgspec import Struct

from ..regions import fold


class Post(Struct, frozen=True):
    """One row of ``officials.tsv`` or ``regional_heads.tsv``: a person and one post held
    (and, a regional head's, the region)."""

    name: str
    aliases: tuple[str, ...]
    post: str
    start: int | None
    end: int | None
    source: str
    region: str = ""


def _year(text: str, where: str) -> int | None:
    if not text:
        return None
    if not re.fullmatch(r"(?:19|20)\d\d", text):
        raise ValueError(f"{where}: a year must be four digits, not {text!r}")
    return int(text)


def parse_officials(
    text: str, where: str = "officials.tsv", *, regions: bool = False
) -> list[Post]:
    """The rows of an officials file (after its header): six fields, or seven with the
    region (``regions``: ``regional_heads.tsv``); a malformed line is a ``ValueError`` naming
    it."""
    rows = []
    width = 7 if regions else 6
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#") or (number == 1 and line.startswith("name")):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != width or not fields[0] or not fields[2]:
            raise ValueError(f"{where}:{number}: expected {width} tab-separated fields")
        region = fields.pop(3) if regions else ""
        name, aliases, post, start, end, source = fields
        found = tuple(a.strip() for a in aliases.split("|") if a.strip())
        here = f"{where}:{number}"
        rows.append(Post(name, found, post, _year(start, here), _year(end, here), source, region))
    return rows


def _bundled(name: str, *, regions: bool = False) -> tuple[Post, ...]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return tuple(parse_officials(text, name, regions=regions))


@functools.cache
def officials() -> tuple[Post, ...]:
    """The bundled list (read once)."""
    return _bundled("officials.tsv")


@functools.cache
def regional_heads() -> tuple[Post, ...]:
    """The bundled list of Russia's regional heads (read once)."""
    return _bundled("regional_heads.tsv", regions=True)


def _key(name: str) -> str:
    return " ".join(fold(name).lower().split())


def _index(rows: tuple[Post, ...]) -> dict[str, tuple[Post, ...]]:
    """Each spelling of each name (folded), with the posts of the person it names."""
    posts: dict[str, list[Post]] = {}
    for post in rows:
        for spelling in {post.name, *post.aliases}:
            posts.setdefault(_key(spelling), []).append(post)
    return {key: tuple(found) for key, found in posts.items()}


@functools.cache
def _by_name() -> dict[str, tuple[Post, ...]]:
    return _index(officials())


@functools.cache
def _heads_by_name() -> dict[str, tuple[Post, ...]]:
    return _index(regional_heads())


def official_posts(name: str) -> tuple[Post, ...]:
    """The posts of the Belarusian official ``name`` (any listed spelling), or none."""
    return _by_name().get(_key(name), ())


def regional_head_posts(name: str) -> tuple[Post, ...]:
    """The posts of ``name`` as a head of a Russian region (any listed spelling), or none."""
    return _heads_by_name().get(_key(name), ())


def held_in(posts: Iterable[Post], year: int | None) -> list[Post]:
    """The posts held in ``year`` (all of them when it is not known)."""
    if year is None:
        return list(posts)
    return [
        p
        for p in posts
        if p.start is not None and p.start <= year and (p.end is None or year <= p.end)
    ]


def post_held(name: str, year: int | None = None) -> str:
    """The post the official ``name`` held in ``year`` (one the list dates to it), or the
    only post the list knows of when no year is given; "" when it cannot tell."""
    titles = {p.post for p in held_in(official_posts(name), year)}
    return titles.pop() if len(titles) == 1 else ""


# two capitalised words, each pair of them ("Ambassador Dmitry Krutoi": "Dmitry Krutoi" too)
_NAME_PAIR = re.compile(r"\b(?=([A-Z][\w’'-]+\s+[A-Z][\w’'-]+)\b)")


_POSSESSIVE = re.compile(r"['’]s?$")


def _named(text: str, known: dict[str, tuple[Post, ...]]) -> list[tuple[int, str]]:
    """(offset, name) of each name of ``known`` in ``text``, a possessive's too ("Artur
    Parfenchikov’s father": the name, without its "’s")."""
    found: list[tuple[int, str]] = []
    # the first words of the names known, folded: a pair whose first word (plain ASCII, as
    # folding leaves it but for case) is none of them is no name known, and is not folded
    # whole, twice (a megabyte of capitalised words has a pair at every word)
    firsts = {key.split(" ", 1)[0] for key in known}
    for m in _NAME_PAIR.finditer(text):
        name = m.group(1)
        first = name.split(None, 1)[0]
        if first.isascii() and first.lower() not in firsts:
            continue
        if _key(name) not in known:
            name = _POSSESSIVE.sub("", name)
            if _key(name) not in known:
                continue
        found.append((m.start(), name))
    return found


def named_officials(text: str) -> list[tuple[int, str]]:
    """(offset, name as written) of each listed official named in full in ``text``, in text
    order."""
    return _named(text, _by_name())


def named_regional_heads(text: str) -> list[tuple[int, str]]:
    """(offset, name as written) of each listed regional head named in full in ``text``."""
    return _named(text, _heads_by_name())
