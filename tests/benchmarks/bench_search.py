"""Search latency at scale, side by side with SQLite FTS5 (bm25) on the same corpus.

    python tests/benchmarks/bench_search.py [--meetings 10000] [--repeat 5]

Builds the synthetic corpus (10,000 meetings, ~50,000 proposals by default), indexes it with
coopbrowse's engine and with an FTS5 table (porter stemming, diacritics removed, column
weights like ours), runs the same fixed mixed set of queries through both and prints latency
percentiles, build times and peak memory. Each engine answers with the top 50 hits and the
total count (what the browser shows).

The index build is timed as the app does it (two processes where the machine has two
processors, see ``SearchIndex.add_meetings``) and in one process; peak memory is measured on
the one-process build (tracemalloc cannot see a helper process). The last line is:

    search p95 <x> ms; fts5 p95 <y> ms; ratio <x/y>
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import time
import tracemalloc

from coopbrowse.store.analysis import stem, term
from coopbrowse.store.index import SearchIndex
from coopbrowse.store.synth import synth_meetings
from coopbrowse.store.taxonomy import sector_label

# (coopbrowse query, FTS5 MATCH expression or None, extra SQL condition, parameters)
QUERIES: list[tuple[str, str | None, str, tuple]] = [
    # words
    ("elevator", "elevator", "", ()),
    ("tractors", "tractors", "", ()),
    ("lukashenko", "lukashenko", "", ()),
    ("supply", "supply", "", ()),
    ("cement", "cement", "", ()),
    ("belmedpreparaty", "belmedpreparaty", "", ()),
    ("integral", "integral", "", ()),
    ("rehabilitation", "rehabilitation", "", ()),
    ("satellite", "satellite", "", ()),
    ("gomselmash", "gomselmash", "", ()),
    ("elevator tula", "elevator tula", "", ()),
    ("joint production", "joint production", "", ()),
    ("dairy samara", "dairy samara", "", ()),
    ("karankevich pharmaceuticals", "karankevich pharmaceuticals", "", ()),
    ("bus fleet", "bus fleet", "", ()),
    ("film belarusfilm", "film belarusfilm", "", ()),
    ("software ai", "software ai", "", ()),
    ("machine tool", "machine tool", "", ()),
    # phrases
    ('"joint lift production"', '"joint lift production"', "", ()),
    ('"tula oblast"', '"tula oblast"', "", ()),
    ('"service and logistics hub"', '"service and logistics hub"', "", ()),
    ('"elite seeds"', '"elite seeds"', "", ()),
    ('"aleksandr lukashenko"', '"aleksandr lukashenko"', "", ()),
    ('"concrete production"', '"concrete production"', "", ()),
    # prefixes
    ("pharma*", "pharma*", "", ()),
    ("elev*", "elev*", "", ()),
    ("semicon*", "semicon*", "", ()),
    ("trolley*", "trolley*", "", ()),
    ("mogilev*", "mogilev*", "", ()),
    ("agri*", "agri*", "", ()),
    # negations and OR
    ("elevator -tula", "elevator NOT tula", "", ()),
    ("film NOT exchange", "film NOT exchange", "", ()),
    ("tram OR trolleybus", "tram OR trolleybus", "", ()),
    ("(concrete OR cement) moscow", "(concrete OR cement) moscow", "", ()),
    ("satellite OR rocket", "satellite OR rocket", "", ()),
    ("dairy -meat -seeds", "dairy NOT meat NOT seeds", "", ()),
    # filters, alone and with words
    ("region:penza", None, "region = ?", ("Penza Oblast",)),
    ("region:samara", None, "region = ?", ("Samara Oblast",)),
    ("sector:elevators", None, "sector = ?", ("elevators",)),
    ("sector:film", None, "sector = ?", ("film",)),
    ("status:agreed", None, "status = ?", ("agreed",)),
    ("type:meeting", None, "kind = ?", ("meeting",)),
    ("year:2020", None, "date BETWEEN ? AND ?", ("2020-01-01", "2020-12-31")),
    ("date:2019-01..2019-06", None, "date BETWEEN ? AND ?", ("2019-01-01", "2019-06-30")),
    ("enterprise:maz", "enterprises:maz", "", ()),
    ("person:karankevich", "people:karankevich", "", ()),
    ("elevator region:tula", "elevator", "region = ?", ("Tula Oblast",)),
    ("supply sector:agricultural-machinery", "supply", "sector = ?", ("agricultural-machinery",)),
    ("joint year:2022", "joint", "date BETWEEN ? AND ?", ("2022-01-01", "2022-12-31")),
    (
        "enterprise:integral sector:microelectronics",
        "enterprises:integral",
        "sector = ?",
        ("microelectronics",),
    ),
    ("pharma* status:proposed", "pharma*", "status = ?", ("proposed",)),
    ("type:proposal bus", "bus", "kind = ?", ("proposal",)),
    # misspellings (our engine corrects them; FTS5 finds nothing for them)
    ("pharmaceuticls", "pharmaceuticls", "", ()),
    ("elevatr", "elevatr", "", ()),
    ("tractros", "tractros", "", ()),
    ("lukashenk", "lukashenk", "", ()),
]

LIMIT = 50


def build_fts(meetings) -> tuple[sqlite3.Connection, float]:
    """FTS5 for text, plus an ordinary indexed table for the filter columns (a fair setup:
    FTS5's UNINDEXED columns would make every filter a full scan)."""
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(title, body, people, enterprises, context, "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    conn.execute(
        "CREATE TABLE meta (rowid INTEGER PRIMARY KEY, kind TEXT, id TEXT, date TEXT, "
        "region TEXT, sector TEXT, status TEXT)"
    )
    texts, metas = [], []
    for m in meetings:
        people = " ".join(f"{p.name} {p.title}" for p in m.participants)
        body = " ".join([m.summary, m.place, *m.exports, *m.imports, *m.notes, m.source.outlet])
        metas.append((len(metas) + 1, "meeting", m.id, m.date, m.region, "", ""))
        texts.append((len(texts) + 1, m.title, body, people, "", m.region))
        for p in m.proposals:
            metas.append((len(metas) + 1, "proposal", p.id, m.date, m.region, p.sector, p.status))
            texts.append(
                (
                    len(texts) + 1,
                    p.title,
                    f"{p.detail} {p.quote} {sector_label(p.sector)}",
                    p.proposed_by,
                    " ".join(p.enterprises),
                    f"{m.region} {people}",
                )
            )
    start = time.perf_counter()
    conn.executemany(
        "INSERT INTO docs(rowid, title, body, people, enterprises, context) VALUES (?,?,?,?,?,?)",
        texts,
    )
    conn.executemany("INSERT INTO meta VALUES (?,?,?,?,?,?,?)", metas)
    for column in ("kind", "date", "region", "sector", "status"):
        conn.execute(f"CREATE INDEX meta_{column} ON meta({column})")
    conn.commit()
    return conn, time.perf_counter() - start


def run_fts(conn: sqlite3.Connection, match: str | None, cond: str, params: tuple) -> int:
    """Top LIMIT ids by bm25 (or newest first for filters alone) and the total count."""
    args: list = []
    if match is not None:
        source = "docs CROSS JOIN meta ON meta.rowid = docs.rowid"  # FTS drives the join
        where = ["docs MATCH ?"]
        args.append(match)
        order = "bm25(docs, 3.0, 1.0, 2.0, 2.0, 0.5)"
    else:
        source, where, order = "meta", [], "date DESC"
    if cond:
        where.append(cond)
        args.extend(params)
    clause = " AND ".join(where)
    try:
        top = conn.execute(
            f"SELECT meta.id FROM {source} WHERE {clause} ORDER BY {order} LIMIT {LIMIT}", args
        ).fetchall()
        total = conn.execute(f"SELECT count(*) FROM {source} WHERE {clause}", args).fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    return total if top is not None else 0


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    meetings = synth_meetings(args.meetings)
    n_props = sum(len(m.proposals) for m in meetings)
    print(
        f"corpus: {len(meetings)} meetings, {n_props} proposals; {len(QUERIES)} queries "
        f"x {args.repeat} runs; each answer = top {LIMIT} hits + total count"
    )

    def timed_build(**options) -> tuple[SearchIndex, float]:
        term.cache_clear()  # each build starts as cold as the first one in a session
        stem.cache_clear()
        gc.collect()
        start = time.perf_counter()
        built = SearchIndex.build(meetings, **options)
        return built, time.perf_counter() - start

    index, build_s = timed_build()
    processes = 2 if index.helped else 1  # a helper that failed left the work to one
    serial_s = timed_build(parallel=False)[1]
    state_start = time.perf_counter()
    state = index._state()
    import pickle

    blob = pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
    from coopbrowse.store.cache import no_gc

    load_start = time.perf_counter()
    with no_gc():
        pickle.loads(blob)
    cache_load_s = time.perf_counter() - load_start
    del state, blob
    _ = state_start

    tracemalloc.start()
    SearchIndex.build(meetings, parallel=False)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    conn, fts_build_s = build_fts(meetings)

    ours: list[float] = []
    theirs: list[float] = []
    rows = []
    for query, match, cond, params in QUERIES:
        q_ours, q_theirs = [], []
        total = fts_total = 0
        for _ in range(args.repeat):
            t = time.perf_counter()
            result = index.search(query, limit=LIMIT)
            q_ours.append((time.perf_counter() - t) * 1000)
            total = result.total
            t = time.perf_counter()
            fts_total = run_fts(conn, match, cond, params)
            q_theirs.append((time.perf_counter() - t) * 1000)
        ours += q_ours
        theirs += q_theirs
        rows.append((query, total, fts_total, max(q_ours), max(q_theirs)))

    print(f"{'query':44} {'hits':>7} {'fts5':>7} {'ours max ms':>11} {'fts5 max ms':>11}")
    for query, total, fts_total, a, b in rows:
        print(f"{query:44} {total:7d} {fts_total:7d} {a:11.2f} {b:11.2f}")
    print()
    print(
        f"index build: coopbrowse {build_s:.2f} s in {processes} process(es), "
        f"{serial_s:.2f} s in one (from cache {cache_load_s:.2f} s); fts5 {fts_build_s:.2f} s"
    )
    print(f"index peak memory (tracemalloc): coopbrowse {peak / 1e6:.0f} MB")
    p50, p95 = percentile(ours, 50), percentile(ours, 95)
    f50, f95 = percentile(theirs, 50), percentile(theirs, 95)
    print(
        f"latency: coopbrowse p50 {p50:.2f} ms p95 {p95:.2f} ms; "
        f"fts5 p50 {f50:.2f} ms p95 {f95:.2f} ms"
    )
    print(f"search p95 {p95:.2f} ms; fts5 p95 {f95:.2f} ms; ratio {p95 / f95:.2f}")


if __name__ == "__main__":
    main()
