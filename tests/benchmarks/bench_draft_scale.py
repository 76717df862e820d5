"""Drafting speed on huge and hostile articles: ``extract`` on 1 MB of text in many shapes.

    python tests/benchmarks/bench_draft_scale.py [--size-kb 1024] [--runs 3] [--shapes a,b]

Articles are capped at 1 MB (``MAX_ARTICLE_BYTES`` in ``store/ingest.py``), and drafting one
must stay linear in its size whatever it holds: a quadratic step turns 100 KB into 15 s. Each
shape below is generated (seeded) at the given size and drafted ``--runs`` times; the table
gives the range of times across runs (this machine's speed varies from run to run):

sentences-one-line   real report sentences, each made unique, on one line with no newline
paragraphs           the same in paragraphs of one to five sentences
capitalised-words    Capitalised Words Drawn From A Small Vocabulary, no punctuation at all
lower-words          the same words in lower case
short-lines          many short lines, each a sentence of six to nine words (the body)
giant-word           a lead sentence, then one "word" of letters with no space to the end
hyphenated-word      a lead sentence, then one word of capitalised parts joined by hyphens
dollar-figures       a trade sentence, then "$1.2 billion" repeated
trade-sentences      trade figures ("$317.4 million in 2021, up 12%") in unique sentences
regions-titles       officials with titles and regions ("Governor of Penza Oblast ...")
region-names         region names, repeated, in one run
punctuation          punctuation, quotes and dashes, nearly no words
capital-letters      "A A A A ...": one-letter capitalised words
digits               a sentence with a percentage and one run of digits to the end

Then the slowest shape is drafted at a quarter, half and all of the size, to show the time
growing linearly (the ratio to the quarter size should be about 2 and 4, not 4 and 16).

Last line: ``draft 1 MB worst <x> s (target 3 s)``: the median time of the slowest shape.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from coopbrowse.store.extract import extract
from coopbrowse.store.regions import REGIONS

ROOT = Path(__file__).resolve().parents[2]
VOCABULARY = [
    "the",
    "president",
    "proposed",
    "supplying",
    "elevator",
    "equipment",
    "to",
    "the",
    "region",
    "and",
    "Gomselmash",
    "combine",
    "harvesters",
    "in",
    "2023",
    "trade",
    "amounted",
    "to",
    "million",
]
LEAD = (
    "MINSK, 20 October (BelTA) - Belarusian President Aleksandr Lukashenko met with Governor "
    "of Penza Oblast Oleg Melnichenko in Minsk on 20 October, BelTA has learned. "
)


def _sentences() -> list[str]:
    """Sentences of the held-out articles (invented reports shipped with the tests)."""
    out = []
    for path in sorted((ROOT / "tests" / "fixtures" / "articles").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            out += [s for s in re.split(r"(?<=[.!?])\s+", line.strip()) if len(s.split()) >= 6]
    return out


def _fill(size: int, make: Callable[[], str], sep: str = " ") -> str:
    parts, n = [], 0
    while n < size:
        part = make()
        parts.append(part)
        n += len(part) + len(sep)
    return sep.join(parts)[:size]


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def shapes(size: int, seed: int = 1) -> dict[str, Callable[[], str]]:
    """Each shape's generator for ``size`` characters."""
    rng = random.Random(seed)
    sentences = _sentences()
    words = " ".join(sentences).split()

    def unique_sentence() -> str:  # a page does not repeat itself: repeats are dropped
        w = rng.choice(sentences).split()
        w.insert(rng.randrange(len(w)), rng.choice(words))
        return " ".join(w)

    def paragraph() -> str:
        return " ".join(unique_sentence() for _ in range(rng.randint(1, 5)))

    def trade() -> str:
        return (
            f"In {rng.randint(1995, 2030)} trade reached ${rng.randint(1, 999)}."
            f"{rng.randint(0, 9)} million, up {rng.randint(1, 99)}% from "
            f"${rng.randint(1, 999)} million a year earlier."
        )

    def official() -> str:
        names = ["Oleg Melnichenko", "Rustam Minnikhanov", "Artem Zdunov", "Ivan Petrov"]
        posts = ["Governor of", "Head of the Republic of", "Deputy Prime Minister of"]
        return (
            f"{rng.choice(posts)} {rng.choice(REGIONS).name} {rng.choice(names)} met with "
            f"Belarusian President Aleksandr Lukashenko in {rng.choice(REGIONS).core} on "
            f"{rng.randint(1, 28)} October."
        )

    return {
        "sentences-one-line": lambda: _fill(size, unique_sentence),
        "paragraphs": lambda: _fill(size, paragraph, "\n"),
        "capitalised-words": lambda: _fill(size, lambda: rng.choice(VOCABULARY).capitalize()),
        "lower-words": lambda: _fill(size, lambda: rng.choice(VOCABULARY)),
        "short-lines": lambda: _fill(
            size, lambda: " ".join(rng.choice(words) for _ in range(rng.randint(6, 9))) + ".", "\n"
        ),
        "giant-word": lambda: LEAD + _repeat("Abcdefghij", size - len(LEAD)),
        "hyphenated-word": lambda: LEAD + _repeat("Ab-", size - len(LEAD)),
        "dollar-figures": lambda: LEAD + _repeat("$1.2 billion ", size - len(LEAD)),
        "trade-sentences": lambda: _fill(size, trade),
        "regions-titles": lambda: _fill(size, official),
        "region-names": lambda: _repeat(
            "Penza Oblast, Tatarstan, Mordovia Republic, Nizhny Novgorod Region ", size
        ),
        "punctuation": lambda: _repeat("!?.,;:\"“”()—–-'’ ", size),
        "capital-letters": lambda: _repeat("A ", size),
        "digits": lambda: LEAD + "Exports grew by 5% to " + _repeat("1234567890", size - 200),
        # goods by name: a different one in every clause (each is compared with those found
        # before it), and one long sentence of nothing else
        "many-goods": lambda: _fill(
            size, lambda: f"{rng.choice(VOCABULARY)} {rng.choice(VOCABULARY)} tractors supplied"
        ),
        "goods-words": lambda: _repeat(
            "we supply tractors trucks buses milk oil gas timber ", size
        ),
        # hard-wrapped lines that all join into one (each looked at once, not again and again)
        "wrapped-lines": lambda: (
            "Headline of the report\n"
            + _repeat(
                "the delegation of the region discussed cooperation with the partners\n", size
            )
        ),
        # a run of the words of the diplomatic formula that never reaches its noun (each
        # start would read to the end of the run)
        "formula-words": lambda: _fill(
            size,
            lambda: (
                f"Cooperation in science and culture {rng.randint(0, 10**9)}: "
                + "trade, " * 300
                + "trade."
            ),
        ),
        "wrapped-open-ends": lambda: (
            "Headline of the report\n"
            + _repeat("the delegation of the region grew in many ways and also in the\n", size)
        ),
    }


def timed(text: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        extract(text)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-kb", type=int, default=1024)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shapes", default="", help="comma-separated names (default: all)")
    args = parser.parse_args()
    size = args.size_kb * 1024
    makers = shapes(size)
    names = args.shapes.split(",") if args.shapes else list(makers)
    print(f"extract on {args.size_kb} KB, {args.runs} runs each (min–max s)")
    medians: dict[str, float] = {}
    for name in names:
        times = timed(makers[name](), args.runs)
        medians[name] = statistics.median(times)
        print(f"  {name:<20} {min(times):6.2f}–{max(times):.2f}", flush=True)
    worst = max(medians, key=lambda n: medians[n])
    print(f"growth of the slowest shape, {worst} (median s, ratio to a quarter of the size)")
    base = None
    for fraction in (4, 2, 1):
        part = size // fraction
        t = statistics.median(timed(shapes(part)[worst](), args.runs))
        base = base or t
        print(f"  {part // 1024:>5} KB  {t:6.2f}  x{t / base:.1f}", flush=True)
    print(f"draft {args.size_kb / 1024:g} MB worst {medians[worst]:.2f} s (target 3 s)")


if __name__ == "__main__":
    main()
