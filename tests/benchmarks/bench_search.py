"""Search as the app runs it, side by side with raw Tantivy and SQLite FTS5, in one run.

    python tests/benchmarks/bench_search.py [--meetings 100000] [--rounds 3] [--repeats 5]

Corpus: the realistic synthetic database (``coopbrowse.store.synth``: running text drawn by
Zipf's law from the 25,000 most frequent English words, generated names, towns and
enterprises; over 20,000 distinct terms), built once and kept in the work directory.

Each query is timed three ways on the same corpus:

coopbrowse  as the app runs it: the meetings view for the query in relevance order (the
            query parsed and translated, the first page of 50 rows read from the index, the
            exact total), and the highlights worked out for the page's cells
tantivy     the floor: Tantivy's own query parser on the same index and fields, top 50 and
            the exact count, nothing read
fts5        an SQLite FTS5 table of the same meetings (porter stemming, the same field
            weights through bm25), top 50 and ``count(*)``

Each round opens the index afresh: a query's first run there (its expansions, the region
list, the record cache all cold) is reported apart from its ``--repeats`` repeats. Four
misspelt queries (the flagged spelling fallback) are reported on their own. Figures are
ranges across rounds: this machine's speed varies from run to run.

Last line: ``search p95 <x> ms; tantivy p95 <y> ms; fts5 p95 <z> ms; ratio <x/y>`` (medians
of the rounds' repeat p95s).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import sqlite3
import time
from pathlib import Path

from common import WORK, corpus, median, ms, percentile, span

FIXED = [
    "elevator",
    "tractors",
    "lukashenko",
    "supply",
    "cement",
    "belmedpreparaty",
    "integral",
    "rehabilitation",
    "satellite",
    "gomselmash",
    "elevator samara",
    "joint production",
    "dairy samara",
    "karankevich pharmaceuticals",
    "bus fleet",
    "machine tool",
    '"joint lift production"',
    '"samara oblast"',
    '"elite seeds"',
    '"aleksandr lukashenko"',
    "pharma*",
    "elev*",
    "agri*",
    "region:penza",
    "sector:elevators",
    "person:lukashenko",
    "enterprise:maz",
    "year:2020",
    "date:2019-03..2021-07",
    "status:agreed",
    "region:samara sector:elevators",
    "elevator -samara",
    "buses OR trams",
    "(dairy OR meat) region:tula",
    "Moscow Region",
    "lift",
]
MISSPELT = ["elevatr", "pharmaceuticls", "tracktors", "karankevih"]


def queries(seed: int = 5) -> list[str]:
    """The fixed queries and 16 more drawn from the corpus's vocabulary: words of every
    frequency band, names, towns, enterprises, a word with a region."""
    from coopbrowse.store.synth import Vocabulary

    v = Vocabulary.realistic()
    rng = random.Random(seed)
    content = [w for w in v.words if len(w) > 3]
    out = list(FIXED)
    for lo, hi in ((200, 1000), (1000, 5000), (5000, 12000), (12000, 20000)):
        out += rng.sample(content[lo:hi], 2)
    out += [rng.choice(v.last).lower(), rng.choice(v.towns).lower()]
    out += [rng.choice(v.enterprises).split()[0].lower() for _ in range(2)]
    out += [f"{rng.choice(content[300:3000])} {r}" for r in ("penza", "samara")]
    out += [f'"{rng.choice(v.first)} {rng.choice(v.last)}"'.lower()]
    out += [f"{rng.choice(content[1000:8000])}*"[:6] + "*"]
    return out


# coopbrowse, as the app runs it --------------------------------------------------------------


def as_app(index, query: str) -> int:  # type: ignore[no-untyped-def]
    listing = index.listing("meetings", query, "relevance", page=50)
    marker = index.matcher(query)
    for i in range(min(50, listing.total)):
        _kind, _record, m, _n = index.row(listing, i)
        for text in (m.title, m.region, *(p.name for p in m.participants)):
            marker(text)
    return listing.total


# raw Tantivy ------------------------------------------------------------------------------


def raw_tantivy(tindex, searcher, query: str) -> int:  # type: ignore[no-untyped-def]
    import tantivy

    from coopbrowse.store.schema import SUB_WEIGHT, TIERS

    fields = [*TIERS, "sub"]
    boosts = {**TIERS, "sub": SUB_WEIGHT}
    parsed, _errors = tindex.parse_query_lenient(query, fields, field_boosts=boosts)
    meetings = tantivy.Query.term_query(tindex.schema, "kind", "meeting")
    q = tantivy.Query.boolean_query([(tantivy.Occur.Must, parsed), (tantivy.Occur.Must, meetings)])
    return searcher.search(q, 50, count=True).count


# SQLite FTS5 ------------------------------------------------------------------------------

_FTS_COLUMNS = ("title", "keytext", "body", "minor", "sub", "region", "sector", "people", "ent")
_WEIGHTS = (3.0, 2.0, 1.0, 0.5, 0.5, 0.0, 0.0, 0.0, 0.0)


def build_fts(db: Path, meetings) -> sqlite3.Connection:  # type: ignore[no-untyped-def]
    from coopbrowse.store.schema import meeting_fields, proposal_own_fields
    from coopbrowse.store.taxonomy import sector_label

    fresh = not db.exists()
    con = sqlite3.connect(db)
    if fresh:
        con.execute(
            f"CREATE VIRTUAL TABLE docs USING fts5({', '.join(_FTS_COLUMNS)}, "
            "day UNINDEXED, tokenize='porter unicode61 remove_diacritics 2')"
        )
        rows = []
        for m in meetings:
            tiers: dict[str, list[str]] = {"title": [], "key": [], "body": [], "minor": []}
            for _p, text, tier in meeting_fields(m):
                tiers[tier].append(text)
            sub = [t for p in m.proposals for _p, t, _tier in proposal_own_fields(p)]
            rows.append(
                (
                    *(" \n".join(tiers[t]) for t in ("title", "key", "body", "minor")),
                    " \n".join(sub),
                    m.region,
                    " ".join(f"{p.sector} {sector_label(p.sector)}" for p in m.proposals),
                    " ".join(
                        [q.name for q in m.participants] + [p.proposed_by for p in m.proposals]
                    ),
                    " ".join(e for p in m.proposals for e in p.enterprises),
                    m.date,
                )
            )
            if len(rows) >= 5000:
                con.executemany(f"INSERT INTO docs VALUES ({', '.join('?' * 10)})", rows)
                rows = []
        con.executemany(f"INSERT INTO docs VALUES ({', '.join('?' * 10)})", rows)
        con.commit()
    return con


_FIELD = {"region": "region", "sector": "sector", "person": "people", "enterprise": "ent"}


def to_fts(query: str) -> tuple[str, str, tuple[str, ...]]:
    """The same question for FTS5: ``(MATCH expression, extra SQL condition, parameters)``."""
    terms: list[str] = []
    extra, params = "", ()
    for token in re.findall(r'"[^"]*"|\(|\)|\S+', query):
        if token.startswith('"') or token in ("(", ")", "OR"):
            terms.append(token)
        elif token.startswith("-"):
            terms.append(f"NOT {token[1:]}")
        elif ":" in token:
            name, value = token.split(":", 1)
            if name in _FIELD:
                terms.append(f"{_FIELD[name]}:{value.replace('-', ' ')}")
            elif name == "year":
                extra, params = " AND substr(day, 1, 4) = ?", (value,)
            elif name == "date":
                lo, _, hi = value.partition("..")
                extra, params = " AND day >= ? AND day <= ?", (lo, hi + "-99")
        else:
            terms.append(token.rstrip("*") + ("*" if token.endswith("*") else ""))
    match = " ".join(terms).replace("( ", "(").replace(" )", ")")
    if match.startswith("NOT "):
        match = "cooperation " + match  # FTS5's NOT needs a left side
    return match or "cooperation", extra, params


def fts5(con: sqlite3.Connection, query: str) -> int:
    match, extra, params = to_fts(query)
    weights = ", ".join(str(w) for w in _WEIGHTS)
    try:
        con.execute(
            f"SELECT rowid FROM docs WHERE docs MATCH ?{extra} "
            f"ORDER BY bm25(docs, {weights}) LIMIT 50",
            (match, *params),
        ).fetchall()
        (count,) = con.execute(
            f"SELECT count(*) FROM docs WHERE docs MATCH ?{extra}", (match, *params)
        ).fetchone()
    except sqlite3.OperationalError:
        return -1
    return int(count)


# The run ----------------------------------------------------------------------------------


def timed(fn, *args) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    n = fn(*args)
    return time.perf_counter() - start, n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--work", type=Path, default=WORK)
    args = parser.parse_args()

    os.environ["COOPBROWSE_CACHE"] = str(args.work / "cache")
    from coopbrowse.store.library import Library, build

    db = corpus(args.meetings, args.work)
    library = Library._current(db)
    if library is None:
        start = time.perf_counter()
        library = build(db, searchable=lambda _partial: None)  # (staged, as the app builds it)
        print(f"index built in {time.perf_counter() - start:.1f} s (first open of this corpus)")
    assert library.stamp is not None
    directory = library.index.path
    assert directory is not None
    size = sum(f.stat().st_size for f in directory.iterdir() if f.is_file())
    print(
        f"corpus: {library.stamp.meetings:,} meetings, database {db.stat().st_size / 1e6:.0f} MB,"
        f" index {size / 1e6:.0f} MB ({size / db.stat().st_size:.2f} of the JSON,"
        f" {library.index.searcher().num_segments} segments)"
    )
    qs = queries()
    start = time.perf_counter()
    con = build_fts(args.work / f"fts5-{args.meetings}.sqlite", library.index.iter_meetings())
    print(f"fts5 table ready in {time.perf_counter() - start:.1f} s")
    terms = {t for q in qs for t in re.findall(r"\w+", q)}
    print(f"{len(qs)} queries ({len(terms)} distinct words), {len(MISSPELT)} misspelt")

    results: dict[str, list[float]] = {k: [] for k in ("first", "repeat", "tantivy", "fts5")}
    p95s: dict[str, list[float]] = {k: [] for k in ("first", "repeat", "tantivy", "fts5", "fuzzy")}
    p50s: dict[str, list[float]] = {k: [] for k in p95s}
    gc.collect()
    for round_ in range(args.rounds):
        reopened = Library._current(db)  # afresh: every memo cold
        assert reopened is not None
        index = reopened.index
        first = [ms(timed(as_app, index, q)[0]) for q in qs]
        repeat = [ms(timed(as_app, index, q)[0]) for _ in range(args.repeats) for q in qs]
        fuzzy = [ms(timed(as_app, index, q)[0]) for q in MISSPELT]
        searcher = index.searcher()
        raw = [
            ms(timed(raw_tantivy, index._index, searcher, q)[0])
            for _ in range(args.repeats)
            for q in qs
        ]
        fts = [ms(timed(fts5, con, q)[0]) for _ in range(args.repeats) for q in qs]
        for name, values in (
            ("first", first),
            ("repeat", repeat),
            ("tantivy", raw),
            ("fts5", fts),
            ("fuzzy", fuzzy),
        ):
            p95s[name].append(percentile(values, 95))
            p50s[name].append(percentile(values, 50))
        results["first"] += first
        print(
            f"round {round_ + 1}: coopbrowse first p95 {p95s['first'][-1]:.1f} ms, repeats "
            f"p50 {p50s['repeat'][-1]:.1f} / p95 {p95s['repeat'][-1]:.1f} ms; tantivy p95 "
            f"{p95s['tantivy'][-1]:.2f} ms; fts5 p95 {p95s['fts5'][-1]:.1f} ms"
        )
    print(f"ranges over {args.rounds} rounds (ms):")
    for name, label in (
        ("first", "coopbrowse, first run of each query"),
        ("repeat", "coopbrowse, repeats"),
        ("fuzzy", "coopbrowse, misspelt (corrected)"),
        ("tantivy", "raw tantivy (the floor)"),
        ("fts5", "sqlite fts5"),
    ):
        print(f"  {label:38} p50 {span(p50s[name]):>11}   p95 {span(p95s[name]):>11}")
    x, y, z = (median(p95s[k]) for k in ("repeat", "tantivy", "fts5"))
    print(f"search p95 {x:.1f} ms; tantivy p95 {y:.2f} ms; fts5 p95 {z:.1f} ms; ratio {x / y:.1f}")


if __name__ == "__main__":
    main()
