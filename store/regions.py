"""The 89 federal subjects of Russia, with the spellings news articles use.

Each :class:`Region` has a canonical ``name`` (what records store: "Penza Oblast",
"Republic of Mordovia"), a ``core`` word ("Penza", "Mordovia") and ``aliases`` generated from
its kind ("Penza Region", "Mordovia Republic", ...) plus any irregular ones. :func:`find_region`
maps any of them, case- and accent-insensitively, to the canonical region; search and the
article extractor use it.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from msgspec import Struct

from .analysis import UNDECOMPOSED, edit_distance, latin_guesses


class Region(Struct, frozen=True):
    name: str
    core: str
    kind: str  # republic, krai, oblast, city, autonomous-oblast, autonomous-okrug
    aliases: tuple[str, ...]

    @property
    def key(self) -> str:
        """A short lower-case slug for filters: ``penza``, ``mordovia``, ``moscow-oblast``."""
        return (
            region_slug(self.core) if self.core not in _AMBIGUOUS_CORES else region_slug(self.name)
        )


_REPUBLICS = {
    "Adygea": ("Adygeya", "Adyghe Republic", "Adygheya", "Adygheiya", "Adygeia"),
    "Altai Republic": ("Gorno-Altai Republic", "Altai Republic"),
    "Bashkortostan": ("Bashkiria", "Bashkir Republic", "Bashkiriya"),
    "Buryatia": ("Buryat Republic", "Buryatiya"),
    "Chechnya": ("Chechen Republic",),
    "Chuvashia": ("Chuvash Republic", "Chuvashiya"),
    "Crimea": ("Crimean Republic",),
    "Dagestan": ("Daghestan",),
    "Donetsk People's Republic": ("DPR", "Donetsk Republic"),
    "Ingushetia": ("Ingush Republic", "Ingushetiya"),
    "Kabardino-Balkaria": ("Kabardino-Balkar Republic",),
    "Kalmykia": ("Kalmyk Republic", "Kalmykiya"),
    "Karachay-Cherkessia": ("Karachay-Cherkess Republic", "Karachayevo-Cherkessia"),
    "Karelia": ("Karelian Republic", "Kareliya"),
    "Khakassia": ("Khakas Republic", "Khakasia"),
    "Komi": ("Komi Republic",),
    "Luhansk People's Republic": ("LPR", "Lugansk People's Republic", "Luhansk Republic"),
    "Mari El": ("Mari El Republic",),
    "Mordovia": ("Mordovian Republic", "Mordovia Republic", "Mordoviya"),
    "North Ossetia–Alania": ("North Ossetia", "North Ossetia-Alania", "Alania"),
    "Sakha (Yakutia)": ("Yakutia", "Sakha", "Sakha Republic", "Yakutiya"),
    "Tatarstan": ("Tatar Republic",),
    "Tuva": ("Tyva", "Tuvan Republic"),
    "Udmurtia": ("Udmurt Republic", "Udmurtiya"),
}
_KRAIS = {
    "Altai": ("Altai Territory",),
    "Kamchatka": ("Kamchatka Territory",),
    "Khabarovsk": ("Khabarovsk Territory",),
    "Krasnodar": ("Krasnodar Territory", "Kuban"),
    "Krasnoyarsk": ("Krasnoyarsk Territory",),
    "Perm": ("Perm Territory", "Prikamye"),
    "Primorsky": ("Primorye", "Primorsky Territory", "Primorye Territory"),
    "Stavropol": ("Stavropol Territory",),
    "Zabaykalsky": ("Zabaikalsky", "Trans-Baikal", "Transbaikal", "Zabaykalye"),
}
_OBLASTS = {
    "Amur": (),
    "Arkhangelsk": (),
    "Astrakhan": (),
    "Belgorod": (),
    "Bryansk": (),
    "Chelyabinsk": (),
    "Irkutsk": (),
    "Ivanovo": (),
    "Kaliningrad": (),
    "Kaluga": (),
    "Kemerovo": ("Kuzbass",),
    "Kherson": (),
    "Kirov": (),
    "Kostroma": (),
    "Kurgan": (),
    "Kursk": (),
    "Leningrad": (),
    "Lipetsk": (),
    "Magadan": (),
    "Moscow": ("Podmoskovye",),
    "Murmansk": (),
    "Nizhny Novgorod": ("Nizhegorodskaya",),
    "Novgorod": (),
    "Novosibirsk": (),
    "Omsk": (),
    "Orenburg": (),
    "Oryol": ("Orel", "Oryol"),
    "Penza": (),
    "Pskov": (),
    "Rostov": (),
    "Ryazan": (),
    "Sakhalin": (),
    "Samara": (),
    "Saratov": (),
    "Smolensk": (),
    "Sverdlovsk": (),
    "Tambov": (),
    "Tomsk": (),
    "Tula": (),
    "Tver": (),
    "Tyumen": (),
    "Ulyanovsk": (),
    "Vladimir": (),
    "Volgograd": (),
    "Vologda": (),
    "Voronezh": (),
    "Yaroslavl": (),
    "Zaporozhye": ("Zaporizhzhia",),
}
_CITIES = {
    "Moscow": ("City of Moscow", "Moscow City"),
    "Saint Petersburg": (
        "St. Petersburg",
        "St Petersburg",
        "Petersburg",
        "City of Saint Petersburg",
    ),
    "Sevastopol": ("City of Sevastopol",),
}
_OKRUGS = {
    "Chukotka": ("Chukotka Autonomous Okrug", "Chukotka Autonomous District"),
    "Khanty-Mansi": ("Khanty-Mansi Autonomous Okrug", "Yugra", "Khanty-Mansiysk Autonomous Okrug"),
    "Nenets": ("Nenets Autonomous Okrug", "Nenets Autonomous District"),
    "Yamalo-Nenets": (
        "Yamalo-Nenets Autonomous Okrug",
        "Yamal",
        "Yamalo-Nenets Autonomous District",
    ),
}
# Cores shared by two subjects (the city and the oblast of Moscow; the Altai republic/krai).
_AMBIGUOUS_CORES = {"Moscow", "Altai"}


def region_slug(text: str) -> str:
    return _slug_folded(fold(text))


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _slug_folded(folded: str) -> str:
    return _NOT_SLUG.sub("-", folded).strip("-")


# Belarus's own regions, by their centres' names in the spellings reports use ("Minsk Region",
# "Gomel Oblast"): the Belarusian side, not a Russian region (a pattern, for the extractor)
BELARUS_REGIONS = (
    r"(?:Brest|Vitebsk|Gomel|Homel|Homiel|Grodno|Hrodna|Minsk|Mogilev|Mahilyow)\s+(?:Oblast|Region)"
)


def fold(text: str) -> str:
    """Lower-case, accent-free, typographic dashes and apostrophes made plain."""
    if text.isascii():  # nothing to decompose, strip or replace: the common case, at C speed
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    # Drop combining marks with one C-level pass (a per-character generator made folding a
    # long article the slowest step of drafting it).
    marks = {ord(c): None for c in set(text) if unicodedata.combining(c)}
    if marks:
        text = text.translate(marks)
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
    return text.casefold().translate(UNDECOMPOSED)


def _build() -> tuple[Region, ...]:
    regions: list[Region] = []
    for core, extra in _REPUBLICS.items():
        if "Republic" in core:
            name = core
            aliases = extra
        else:
            name = f"Republic of {core}"
            aliases = (core, f"{core} Republic", *extra)
        regions.append(Region(name, core, "republic", aliases))
    for core, extra in _KRAIS.items():
        regions.append(
            Region(f"{core} Krai", core, "krai", (f"{core} Region", f"{core} Kray", *extra))
        )
    for core, extra in _OBLASTS.items():
        regions.append(
            Region(
                f"{core} Oblast",
                core,
                "oblast",
                (f"{core} Region", f"{core} Province", f"{core}skaya Oblast", *extra),
            )
        )
    for core, extra in _CITIES.items():
        regions.append(Region(core, core, "city", extra))
    regions.append(
        Region(
            "Jewish Autonomous Oblast",
            "Jewish",
            "autonomous-oblast",
            ("Jewish Autonomous Region", "Birobidzhan"),
        )
    )
    for core, extra in _OKRUGS.items():
        regions.append(Region(extra[0], core, "autonomous-okrug", (core, *extra[1:])))
    return tuple(regions)


REGIONS: tuple[Region, ...] = _build()
assert len(REGIONS) == 89, len(REGIONS)

_LOOKUP: dict[str, Region] = {}
for _region in REGIONS:
    for _spelling in (_region.name, *_region.aliases):
        _LOOKUP.setdefault(fold(_spelling), _region)
    # A bare core word means the region unless it is ambiguous (Moscow = the city).
    if _region.core not in _AMBIGUOUS_CORES:
        _LOOKUP.setdefault(fold(_region.core), _region)

BY_NAME: dict[str, Region] = {r.name: r for r in REGIONS}


def find_region(text: str) -> Region | None:
    """The region a spelling names ("Moscow Region", "mordovia", "Krasnodar Krai"), or None."""
    return _LOOKUP.get(fold(text).strip())


# abbreviations a stored region name may carry ("Penza Obl.", "Krasnodar Kr.")
_ABBREVIATED = {"obl": "oblast", "reg": "region", "resp": "republic", "rep": "republic",
                "kr": "krai", "aobl": "autonomous oblast"}  # fmt: skip


_KIND_WORD = re.compile(r"\s+(?:oblast|region|krai|territory|republic)$")
_SECOND_NAME = re.compile(r"\s+[-–—]\s+\S.*$")  # "Kemerovo Oblast – Kuzbass"


def spelled_region(name: str) -> Region | None:
    """The region a stored name spells ("Penza Obl.", "Kemerovo Oblast – Kuzbass", "Orel
    Region", "Khanty Mansi", "Курская область"); None if none."""
    found = find_region(name)
    if found is not None:
        return found
    words = [w.strip(".").lower() for w in name.replace(",", " ").split()]
    written = " ".join(_ABBREVIATED.get(w, w) for w in words if w)
    if not written:
        return None
    tried = [written, _SECOND_NAME.sub("", written)]  # (an official double name's first)
    tried += [t.replace("-", " ") for t in tried] + [t.replace(" ", "-") for t in tried]
    tried += [_KIND_WORD.sub("", t) for t in tried]  # (an alias with its kind: "Orel Region")
    tried += [f"{t[12:]} republic" for t in tried if t.startswith("republic of ")]  # "of Altai"
    if not written.isascii():  # (in Cyrillic: its words' Latin spellings)
        tried += [guess for word in written.split() for guess in latin_guesses(word)]
    for spelling in dict.fromkeys(tried):
        found = find_region(spelling)
        if found is not None:
            return found
    return None


def near_region(text: str) -> Region | None:
    """The region a name that spells none is likely a slip for: one whose spelling is an
    edit away (two, for a name of more than six letters), the nearest; None if none is."""
    typed = fold(text).strip()
    limit = 1 if len(typed) <= 6 else 2
    best: tuple[int, str, Region] | None = None
    for spelling, region in _LOOKUP.items():
        d = edit_distance(typed, spelling, limit)
        if d <= limit and (best is None or (d, spelling) < best[:2]):
            best = (d, spelling, region)
    return best[2] if best is not None else None


def region_problem(text: str) -> str | None:
    """Why a meeting's region may be a slip ("Samra Oblast"), in a few words; None for a
    spelling of one of the 89 federal subjects (or no region at all)."""
    if not text.strip() or spelled_region(text) is not None:
        return None
    core = fold(text).strip()
    if core.title() in _AMBIGUOUS_CORES:  # ("Altai": the krai or the republic)
        named = " or ".join(r.name for r in REGIONS if core in fold(r.name).split())
        return f'"{text.strip()}" names two regions: {named}?'
    near = near_region(text)
    if near is not None:
        return f'"{text.strip()}" is no region we know: did you mean {near.name}?'
    return f'"{text.strip()}" is none of the 89 federal subjects of Russia as we know them'


@functools.lru_cache(maxsize=4096)
def canonical_region(text: str) -> str:
    """The region's own name when ``text`` is a known spelling of it ("Samara region",
    "Kursk", "Penza Obl." -> "Samara Oblast", ...), else ``text`` as it is: what the index,
    its regions view and counts group a region's spellings under."""
    found = spelled_region(text)
    return found.name if found is not None else text


def filter_value(name: str) -> str:
    """The ``region:`` filter value that names exactly the region called ``name``: its key
    when it is one of the federal subjects, else a slug of the name."""
    folded = fold(name)  # (once: a first build of 100,000 meetings asks for 400,000 names')
    known = _LOOKUP.get(folded.strip())  # (as find_region looks it up)
    if known is not None:
        return known.key
    return _slug_folded(folded) or "none"


def short_region(region: str) -> str:
    """A region's name as lists show it: "Samara", "Mordovia", "Krasnodar"; the kind is kept
    where the name alone would be ambiguous ("Moscow Oblast" beside the city of Moscow) or
    odd ("Jewish Autonomous Oblast")."""
    for suffix in (" Oblast", " Krai"):
        core = region.removesuffix(suffix)
        if core != region:
            if core in _AMBIGUOUS_CORES or core.endswith(" Autonomous"):
                return region
            return core
    return region.removeprefix("Republic of ")


def spellings() -> dict[str, Region]:
    """Every known spelling (folded) -> region; longest first is the caller's business."""
    return dict(_LOOKUP)
