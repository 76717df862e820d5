"""Synthetic meetings at scale, for tests and benchmarks. Deterministic for a given ``seed``.

Two vocabularies:

``compact`` (the default of :func:`synth_meetings`, for tests): the 89 regions, the sector
taxonomy and the enterprises and people named in the seed articles; a few hundred words.

``realistic`` (the default of the command, for benchmarks): the same frame, with running text
drawn from the 25,000 most frequent English words in the proportions English uses them
(``wordfreq``'s ranking, sampled by Zipf's law, 1/rank), people from generated Russian and
Belarusian first names and surnames (about 8,000 surnames), towns (about 2,000 generated
names) and enterprises (about 3,000: "<Town> <product> Plant", "<Stem>mash", acronyms). A
100,000-meeting database holds well over 20,000 distinct terms, most of them rare, as real
reports do. It needs the ``bench`` extra (``pip install '.[bench]'`` in a checkout).

    python -m coopbrowse.store.synth --meetings 100000 --db /tmp/big.json

gives 100,000 meetings with about 500,000 proposals (``--proposals`` sets the average).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import random
import sys
from collections.abc import Sequence
from pathlib import Path

from .dataset import Dataset
from .db import Store
from .errors import StoreError
from .model import Meeting, Participant, Proposal, Source, TradeFigure
from .regions import REGIONS, Region
from .taxonomy import SECTORS

BELARUS_HOSTS = (
    ("Aleksandr Lukashenko", "President of Belarus"),
    ("Viktor Karankevich", "Deputy Prime Minister of Belarus"),
    ("Aleksandr Turchin", "Prime Minister of Belarus"),
    ("Natalya Kochanova", "Chairperson of the Council of the Republic"),
    ("Igor Sergeyenko", "Chairman of the House of Representatives"),
    ("Dmitry Krutoi", "Belarusian Ambassador to Russia"),
    ("Maxim Ryzhenkov", "Minister of Foreign Affairs of Belarus"),
    ("Yuri Shuleiko", "Deputy Prime Minister of Belarus"),
)
FIRST_NAMES = (
    "Artem",
    "Oleg",
    "Andrei",
    "Vyacheslav",
    "Aleksei",
    "Dmitry",
    "Sergei",
    "Igor",
    "Roman",
    "Vladimir",
    "Mikhail",
    "Yevgeny",
    "Gleb",
    "Konstantin",
    "Pavel",
    "Radiy",
    "Anatoly",
)
LAST_NAMES = (
    "Zdunov",
    "Melnichenko",
    "Vorobyov",
    "Fedorishchev",
    "Nikitin",
    "Artamonov",
    "Kuyvashev",
    "Mishustin",
    "Levchenko",
    "Travnikov",
    "Shaposhnikov",
    "Khabirov",
    "Minnikhanov",
    "Sobyanin",
    "Beglov",
    "Kondratyev",
    "Kobyakov",
    "Gusev",
    "Drozdenko",
    "Mokhov",
)
ENTERPRISES = {
    "elevators": ("Mogilevliftmash", "Mogilev Lift Plant"),
    "agricultural-machinery": ("MTZ", "Gomselmash", "Lidagroprommash", "Bobruiskagromash"),
    "agriculture-food": ("Savushkin Product", "Belarusian dairy plants", "Grodno Azot"),
    "pharmaceuticals": ("Belmedpreparaty", "Promomed", "Borisov Plant of Medical Preparations"),
    "healthcare": ("Republican Scientific and Practical Centre", "Belarusian health resorts"),
    "microelectronics": ("Integral", "BelOMO", "Planar", "Peleng"),
    "cable-electrical": ("Leader-Compound", "Naftan", "Belcable"),
    "rolling-stock": ("Stadler Minsk", "Osipovichi Railcar Plant", "Belkommunmash"),
    "public-transport": ("MAZ", "Belkommunmash", "Neman"),
    "automotive": ("MAZ", "GRAZ", "BelAZ", "MZKT", "KAMAZ"),
    "machinery-equipment": ("Amkodor", "BelAZ", "MZKT"),
    "machine-tools": ("Stankogomel", "MZOR", "Vitebsk machine-tool plant"),
    "space-aviation": ("Integral", "BelOMO", "Peleng", "Orsha Aircraft Repair Plant"),
    "it-software": ("High Technologies Park", "Belarusian State University of Informatics"),
    "science-technology": ("National Academy of Sciences of Belarus",),
    "construction": ("Belarusian Cement Company", "Architecture and Construction Ministry"),
    "housing-utilities": ("Belkommunmash", "Amkodor"),
    "service-logistics": ("Belarusian dealer centres",),
    "trade-finance": ("Development Bank of Belarus", "Belagroprombank"),
    "film": ("Belarusfilm",),
    "education": ("Belarusian State Medical University", "Mordovian State University"),
    "culture-youth": ("Belarusian Republican Youth Union",),
    "industrial-cooperation": ("MAZ", "Naftan", "Belshina", "BMZ"),
}
TITLES = {
    "elevators": ("Supply of elevator equipment", "Joint lift production", "Modernise old lifts"),
    "agricultural-machinery": (
        "Supply of tractors and harvesters",
        "Train agricultural machinery operators",
        "Leasing of farm machinery",
    ),
    "agriculture-food": ("Supply of dairy products", "Elite seeds and premixes", "Meat processing"),
    "pharmaceuticals": ("Joint drug production", "Train pharmaceutical specialists"),
    "healthcare": ("Rehabilitation at Belarusian resorts", "Medical equipment certification"),
    "microelectronics": ("Joint chip production", "Semiconductor equipment supplies"),
    "cable-electrical": (
        "Cable and wire products",
        "Insulation materials from Belarusian raw materials",
    ),
    "rolling-stock": ("Railcar manufacturing", "Tram and rolling stock supplies"),
    "public-transport": (
        "Renew the bus fleet",
        "Trolleybus and tram supplies",
        "Gas-powered buses",
    ),
    "automotive": ("Truck assembly cooperation", "Vehicle component parts"),
    "machinery-equipment": ("Road-building machinery", "Fire-fighting and quarry machinery"),
    "machine-tools": ("Joint machine-tool building",),
    "space-aviation": ("Satellite components", "Aircraft repair base", "Rocket engineering ties"),
    "it-software": ("Joint software and AI", "Train IT specialists"),
    "science-technology": ("Roadmap of scientific cooperation", "Joint R&D centre"),
    "construction": ("Concrete production", "Dry building mixes from Belarusian cement"),
    "housing-utilities": ("Utility equipment supplies", "Housing and utilities modernisation"),
    "service-logistics": ("Service and logistics hub", "Dealer centre and spare parts"),
    "trade-finance": ("Flexible financing for supplies", "Joint sales on foreign markets"),
    "film": ("Joint film production", "Exchange of film crews"),
    "education": ("Inter-university cooperation", "Student exchanges"),
    "culture-youth": ("Youth exchanges", "Sister-city ties", "Joint cultural events"),
    "industrial-cooperation": ("Joint import-substituting ventures", "New production chains"),
}
GOODS_OUT = (
    "butter",
    "cheeses",
    "ethylene polymers",
    "tractors",
    "trucks",
    "wood-fiber boards",
    "non-alloy steel rods",
    "washing machines",
    "plastic containers",
    "meat",
    "milk powder",
    "tyres",
    "furniture",
    "elevators",
    "fertilizers",
)
GOODS_IN = (
    "insulated wires",
    "cables",
    "aluminum wire",
    "copper wire",
    "semiconductors",
    "rolled metal",
    "lighting equipment",
    "chemicals",
    "vehicle parts",
    "grain",
)
QUALIFIERS = ("", "about", "nearly", "slightly more than", "exceeded", "approximately", "almost")


class Vocabulary:
    """Where synthetic text comes from: running words, people, towns and enterprises."""

    def __init__(
        self,
        words: Sequence[str] = (),
        first: Sequence[str] = FIRST_NAMES,
        last: Sequence[str] = LAST_NAMES,
        towns: Sequence[str] = (),
        enterprises: Sequence[str] = (),
    ) -> None:
        self.words = list(words)
        # Zipf's law: the word of rank r is drawn with weight 1/r
        self._cum = list(itertools.accumulate(1.0 / r for r in range(1, len(self.words) + 1)))
        self.first, self.last = list(first), list(last)
        self.towns, self.enterprises = list(towns), list(enterprises)

    def text(self, rng: random.Random, n: int) -> str:
        """``n`` running words (none for the compact vocabulary)."""
        if not self.words:
            return ""
        top = self._cum[-1]
        cum, words = self._cum, self.words
        return " ".join(words[bisect.bisect(cum, rng.random() * top)] for _ in range(n))

    def person(self, rng: random.Random) -> str:
        return f"{rng.choice(self.first)} {rng.choice(self.last)}"

    @classmethod
    def realistic(cls, seed: int = 7) -> Vocabulary:
        """Real English word frequencies (``wordfreq``) and generated proper names."""
        try:
            import wordfreq  # type: ignore[import-not-found,import-untyped,unused-ignore]
        except ImportError:
            raise StoreError(
                None,
                "the realistic vocabulary needs wordfreq: pip install '.[bench]' in a "
                "checkout of coopbrowse (or pip install wordfreq)",
            ) from None
        words = [w for w in wordfreq.top_n_list("en", 26_000) if w.isalpha()][:25_000]
        rng = random.Random(seed)
        syllables = (
            "ba",
            "be",
            "bo",
            "vla",
            "vo",
            "go",
            "gra",
            "da",
            "de",
            "do",
            "zhu",
            "za",
            "ka",
            "ko",
            "kra",
            "la",
            "le",
            "lo",
            "ma",
            "me",
            "mi",
            "mo",
            "na",
            "ne",
            "no",
            "pa",
            "pe",
            "po",
            "ra",
            "re",
            "ro",
            "sa",
            "se",
            "so",
            "sta",
            "ta",
            "te",
            "to",
            "tu",
            "fe",
            "kha",
            "tse",
            "cha",
            "she",
            "shu",
            "ya",
            "yu",
            "ve",
            "vi",
            "ni",
        )
        endings = ("ov", "ev", "in", "enko", "sky", "ich", "uk", "ovich", "kin", "yonok", "ets")
        last = {
            _cap("".join(rng.choices(syllables, k=rng.randint(1, 3))) + rng.choice(endings))
            for _ in range(12_000)
        }
        first = {_cap("".join(rng.choices(syllables, k=rng.randint(2, 3)))) for _ in range(600)}
        places = ("sk", "grad", "ovo", "evo", "insk", "ino", "polye", "gorsk", "ich", "any")
        towns = {
            _cap("".join(rng.choices(syllables, k=rng.randint(1, 3))) + rng.choice(places))
            for _ in range(2_500)
        }
        products = (
            "Tractor",
            "Lift",
            "Cable",
            "Glass",
            "Dairy",
            "Machine-Tool",
            "Bus",
            "Fertiliser",
            "Pharmaceutical",
            "Tyre",
            "Cement",
            "Instrument",
            "Meat",
        )
        town_list = sorted(towns)
        enterprises: set[str] = set()
        while len(enterprises) < 3_000:
            form = rng.random()
            if form < 0.5:
                enterprises.add(f"{rng.choice(town_list)} {rng.choice(products)} Plant")
            elif form < 0.8:
                enterprises.add(_cap(rng.choice(syllables) + rng.choice(syllables)) + "mash")
            else:
                enterprises.add("".join(rng.choices("ABGKMNPSTVZ", k=rng.randint(3, 4))))
        return cls(words, sorted(first), sorted(last), town_list, sorted(enterprises))


COMPACT = Vocabulary()


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _guest_title(region: Region) -> str:
    if region.kind == "republic":
        return f"Head of the {region.name}"
    if region.kind == "city":
        return f"Mayor of {region.name}"
    return f"Governor of {region.name}"


# the sectors synthetic titles are written for (a sector added to the taxonomy later does not
# change what a seed generates)
_SYNTH_SECTORS = [s for s in SECTORS if s.id in TITLES]


def synth_meeting(
    rng: random.Random, n: int, proposals: int, vocabulary: Vocabulary = COMPACT
) -> Meeting:
    """One plausible meeting (``n`` makes its id unique)."""
    v = vocabulary
    region = rng.choice(REGIONS)
    date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(0, 4000))
    host_name, host_title = rng.choice(BELARUS_HOSTS)
    guest = v.person(rng)
    mid = f"{date.isoformat()}-{region.key}-{n:06d}"
    participants = [
        Participant(host_name, host_title, "belarus", "host"),
        Participant(guest, _guest_title(region), "russia", "guest"),
    ]
    trade = []
    base = rng.uniform(20, 900)
    for year in range(date.year - rng.randint(0, 3), date.year):
        base *= rng.uniform(0.85, 1.25)
        trade.append(
            TradeFigure(
                period=str(year),
                metric="turnover",
                usd_millions=round(base, 1),
                qualifier=rng.choice(QUALIFIERS),
                change_pct=round(rng.uniform(-15, 25), 1) if rng.random() < 0.4 else None,
                change_basis=f"over {year - 1}",
                stated_by=host_name,
            )
        )
    if trade and rng.random() < 0.5:
        trade.append(
            TradeFigure(
                period=trade[-1].period,
                metric="exports",
                usd_millions=round((trade[-1].usd_millions or 0) * rng.uniform(0.3, 0.8), 1),
                qualifier=rng.choice(QUALIFIERS),
                stated_by="BelTA (report text)",
            )
        )
    props = []
    count = max(0, round(rng.gauss(proposals, 1.5)))
    for i in range(count):
        sector = rng.choice(_SYNTH_SECTORS).id
        title = rng.choice(TITLES[sector])
        names = rng.sample(ENTERPRISES[sector], k=min(len(ENTERPRISES[sector]), rng.randint(0, 2)))
        if v.enterprises and rng.random() < 0.6:
            names = [*names[:1], rng.choice(v.enterprises)]
        if v.words and rng.random() < 0.5:
            title = f"{title} {v.text(rng, rng.randint(1, 3))}"
        detail = f"{host_name.split()[-1]} proposed {title.lower()} with {region.name}" + (
            f", involving {' and '.join(names)}." if names else "."
        )
        if v.words:
            town = f" in {rng.choice(v.towns)}" if rng.random() < 0.3 else ""
            detail += f" {_cap(v.text(rng, rng.randint(10, 30)))}{town}."
        props.append(
            Proposal(
                id=f"{mid}-p{i + 1:02d}",
                meeting_id=mid,
                sector=sector,
                title=title,
                detail=detail,
                proposed_by=rng.choice((host_name, guest)),
                enterprises=tuple(names),
                status=rng.choice(("proposed",) * 6 + ("in-progress", "agreed", "stalled")),
            )
        )
    sectors = sorted({p.sector for p in props})
    return Meeting(
        id=mid,
        date=date.isoformat(),
        region=region.name,
        title=f"{host_name.split()[-1]} meets {guest.split()[-1]} of {region.name}",
        place=rng.choice(("Minsk", "Minsk", "Moscow", "", region.core)),
        summary=(
            f"{host_title} {host_name} and {guest} discussed cooperation between Belarus "
            f"and {region.name}"
            + (f": {', '.join(sectors[:4])}." if sectors else ".")
            + (f" {_cap(v.text(rng, rng.randint(20, 50)))}." if v.words else "")
        ),
        participants=participants,
        trade=trade,
        exports=tuple(rng.sample(GOODS_OUT, k=rng.randint(0, 4))),
        imports=tuple(rng.sample(GOODS_IN, k=rng.randint(0, 3))),
        source=Source(
            outlet=rng.choice(("BelTA", "")),
            published=date.isoformat(),
            document=f"synthetic-{n:06d}",
        ),
        proposals=props,
    )


def synth_meetings(
    count: int, *, proposals: int = 5, seed: int = 1, vocabulary: Vocabulary = COMPACT
) -> list[Meeting]:
    """``count`` meetings averaging ``proposals`` proposals each."""
    rng = random.Random(seed)
    out: list[Meeting] = []
    keys: set[tuple[str, str, str]] = set()
    n = 0
    while len(out) < count:  # the store treats same date, region and host as one meeting
        meeting = synth_meeting(rng, n, proposals, vocabulary)
        n += 1
        key = (meeting.date, meeting.region, meeting.host.name if meeting.host else "")
        if key not in keys:
            keys.add(key)
            out.append(meeting)
    return out


def build_database(
    path: Path,
    count: int,
    *,
    proposals: int = 5,
    seed: int = 1,
    vocabulary: Vocabulary = COMPACT,
) -> Store:
    """Create a database at ``path`` (which must not exist) holding synthetic meetings only."""
    store = Store.open(path, bundled=Dataset("", []), seed=False)
    meetings = synth_meetings(count, proposals=proposals, seed=seed, vocabulary=vocabulary)
    store.put_meetings(meetings)
    return store


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m coopbrowse.store.synth",
        description="Write a database of realistic synthetic meetings (for benchmarks).",
    )
    parser.add_argument("--meetings", type=int, default=10_000, help="how many (default 10000)")
    parser.add_argument("--proposals", type=int, default=5, help="average proposals per meeting")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--db", required=True, metavar="PATH", help="database file to create")
    parser.add_argument("--force", action="store_true", help="replace PATH if it exists")
    parser.add_argument(
        "--compact",
        action="store_true",
        help="the compact vocabulary of the tests (default: realistic, needs wordfreq)",
    )
    args = parser.parse_args(argv)
    path = Path(args.db)
    if path.exists():
        if not args.force:
            print(f"synth: error: {path}: exists; use --force to replace it", file=sys.stderr)
            return 2
        path.unlink()
    try:
        vocabulary = COMPACT if args.compact else Vocabulary.realistic()
        store = build_database(
            path, args.meetings, proposals=args.proposals, seed=args.seed, vocabulary=vocabulary
        )
    except StoreError as exc:
        print(f"synth: error: {exc}", file=sys.stderr)
        return 2
    meetings = store.meetings()
    n_props = sum(len(m.proposals) for m in meetings)
    print(f"wrote {path}: {len(meetings)} meetings, {n_props} proposals")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
