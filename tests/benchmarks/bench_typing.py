"""Typing queries into the search bar in a real terminal: last key to settled screen, lost keys.

    python tests/benchmarks/bench_typing.py [--meetings 100000] [--runs 2]

coopbrowse runs in a pseudo-terminal (120x40) on the realistic synthetic corpus (built once
and kept in the work directory) with an index cache of its own in a temporary directory, so
the first launch indexes the database in the background. Once it is searchable (the list
titled ``1 Meetings (100,000)`` with its rows, no progress under it), ``/`` focuses the
search bar and ten queries are typed one key every 120 ms, as a quick typist would: words,
two words, a phrase, a filter, a prefix, a misspelling (corrected by the app), a filter with
a word. Every prefix runs as a search while the next key arrives; the app must drop the
stale answers and show the last one. After each query ``ctrl+u`` empties the bar and the
unfiltered list comes back before the next query.

Each query is timed from its last key until the screen has settled on it: the search input
shows the whole query (the completion the app suggests after it is not counted), the list
title shows the query's count (``1 Meetings · 308 results``) and the line under the bar says
what matched (``308 meetings and 201 proposals match``, or the spelling the app used
instead). The expected counts and hints are computed beforehand from the same index through
the store API. A query whose previous prefix already gives the same screen is marked ``=``:
its time may read near zero because the right answer was already showing. While typing, the
echo of each key (its character appearing in the input) is timed too.

Lost keys: the characters of a query missing or garbled in the input once settled (an edit
distance); a query that does not settle within 15 s counts as lost (at least one key) and is
timed as 15 s.

Run 1 types in the launch that built the index, once it is searchable; every further run is a
fresh launch on the ready index (no UI state kept from earlier launches). Prints each query's
times, each run's p50/p95, ranges across runs, and last:

    typing p50 <a> ms p95 <b> ms; lost keys <n>

(medians of the runs' p50s and p95s, a run's p95 being its slowest of ten queries; lost keys
summed over the runs).
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import (
    WORK,
    Expected,
    Terminal,
    bench_env,
    browsing_title,
    corpus,
    expected,
    has_title,
    launch,
    median,
    ms,
    open_index,
    percentile,
    ready,
    search_text,
    searched,
    span,
)

QUERIES = [
    "elevator",
    "tractors samara",
    '"aleksandr lukashenko"',
    "region:samara",
    "elev*",
    "tracktors",
    "dairy region:tula",
    "machine tool",
    "bus fleet",
    "sector:elevators supply",
]
GAP = 0.12  # seconds between keys
SETTLE = 15.0  # seconds a query may take to settle before it counts as lost
CLEAR = "\x15"  # ctrl+u: the input deletes everything left of the cursor


def expectations(db: Path, cache: Path) -> tuple[dict[str, Expected], set[str]]:
    """Each query's settled screen, and the queries whose previous prefix shows the same."""
    from coopbrowse.store.query import QueryError

    index = open_index(db, cache)
    out = {q: expected(index, q) for q in QUERIES}
    same = set()
    for q in QUERIES:
        try:
            if expected(index, q[:-1]) == out[q]:
                same.add(q)
        except QueryError:  # an unclosed quote: an error, not this screen
            pass
    return out, same


def lost(typed: str, shown: str) -> int:
    """Characters of ``typed`` missing or garbled in ``shown`` (extra ones count too)."""
    ops = difflib.SequenceMatcher(None, typed, shown, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")


@dataclass
class Typed:
    """One query typed: seconds from its last key to the settled screen (None: never),
    the keys' echo times (None: not shown before the next key) and the keys lost."""

    settle: float | None
    echoes: list[float | None]
    lost: int
    screen: str = ""  # what the top of the screen showed, when it never settled


def type_query(term: Terminal, query: str, want: Expected, meetings: int) -> Typed:
    """Type ``query`` one key every ``GAP`` seconds, wait for it to settle, then clear it."""
    echoes: list[float | None] = []
    settle: float | None = None
    for i, key in enumerate(query):
        sent = time.perf_counter()
        term.type(key)
        echo = None
        last = i == len(query) - 1
        deadline = sent + (SETTLE if last else GAP)
        while (now := time.perf_counter()) < deadline:
            if echo is None and search_text(term) == query[: i + 1]:
                echo = now - sent
            if last and searched(term, query, want):
                settle = now - sent
                break
            if not term.pump(min(deadline - now, 0.02)):
                raise RuntimeError("coopbrowse exited while a query was typed")
        echoes.append(echo)
    shown = search_text(term)
    result = Typed(settle, echoes, lost(query, shown))
    if settle is None:
        result.lost = max(1, result.lost)
        result.screen = "\n".join(line.rstrip() for line in term.screen.display[:4])
    clear(term, meetings)
    return result


def clear(term: Terminal, meetings: int) -> None:
    """Empty the search bar and wait for the unfiltered list (twice, if a key got lost)."""
    for attempt in range(2):
        term.type(CLEAR)
        try:
            term.wait_until(
                lambda: search_text(term) == "" and has_title(term, browsing_title(meetings)),
                "the cleared search",
                timeout=SETTLE,
            )
            break
        except TimeoutError:
            if attempt:
                raise
    term.idle(0.5)  # a pause between queries, as a user would make


def one_run(term: Terminal, want: dict[str, Expected], meetings: int) -> list[Typed]:
    term.type("/")
    term.idle(0.3)
    return [type_query(term, q, want[q], meetings) for q in QUERIES]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--work", type=Path, default=WORK, help="where the corpus is kept")
    args = parser.parse_args()

    db = corpus(args.meetings, args.work)
    tmp = Path(tempfile.mkdtemp(prefix="coopbrowse-typing-"))
    env = bench_env(tmp)  # an index cache of its own: the first launch indexes
    state = tmp / "state.json"
    runs: list[list[Typed]] = []
    try:
        with launch(db, env, state) as term:
            took = term.wait_until(lambda: ready(term, args.meetings), "the index", 900)
            print(
                f"{args.meetings:,} meetings ({db.stat().st_size / 1e6:.0f} MB): first launch "
                f"indexed and searchable in {took:.1f} s"
            )
            want, same = expectations(db, tmp / "cache")
            runs.append(one_run(term, want, args.meetings))
        for _ in range(args.runs - 1):
            with launch(db, env, state) as term:
                term.wait_until(lambda: ready(term, args.meetings), "the list", 120)
                term.idle(1.0)  # the detail pane and the first poll, before typing
                runs.append(one_run(term, want, args.meetings))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report(runs, want, same)


def report(runs: list[list[Typed]], want: dict[str, Expected], same: set[str]) -> None:
    heads = "".join(f"  {f'run {r + 1}':>6}   " for r in range(len(runs)))
    print(f"one key every {GAP * 1000:.0f} ms; last key to settled screen (ms), lost keys:")
    print(f"  {'query':26} {'results':>8}{heads}")
    for i, q in enumerate(QUERIES):
        cells = ""
        for run in runs:
            t = run[i]
            figure = f"{ms(t.settle):6.0f}" if t.settle is not None else "  never"
            cells += f"  {figure}{f' -{t.lost}' if t.lost else '':3}"  # -n: n keys lost
        mark = "=" if q in same else " "
        print(f"  {q:26}{mark}{want[q].results:>8}{cells}")
    for r, run in enumerate(runs):
        for q, t in zip(QUERIES, run, strict=True):
            if t.settle is None:
                print(f"run {r + 1}: {q!r} never settled; the screen showed:\n{t.screen}")
    if same:
        print("= its previous prefix already shows the same count and hint")
    p50s, p95s, echo95s, lost_total = [], [], [], 0
    for r, run in enumerate(runs):
        times = [ms(t.settle if t.settle is not None else SETTLE) for t in run]
        echoes = [e for t in run for e in t.echoes]
        late = sum(e is None for e in echoes)
        shown = [ms(e) for e in echoes if e is not None]
        p50s.append(percentile(times, 50))
        p95s.append(percentile(times, 95))
        echo95s.append(percentile(shown, 95))
        lost_keys = sum(t.lost for t in run)
        lost_total += lost_keys
        what = "the launch that indexed" if r == 0 else "a fresh launch"
        print(
            f"run {r + 1} ({what}): settle p50 {p50s[-1]:.0f} / p95 {p95s[-1]:.0f} ms; key echo "
            f"p95 {echo95s[-1]:.0f} ms, {late} of {len(echoes)} keys not shown before the "
            f"next; lost keys {lost_keys}"
        )
    print(
        f"ranges over {len(runs)} runs: settle p50 {span(p50s, '{:.0f}')} ms, "
        f"p95 {span(p95s, '{:.0f}')} ms; key echo p95 {span(echo95s, '{:.0f}')} ms"
    )
    print(f"typing p50 {median(p50s):.0f} ms p95 {median(p95s):.0f} ms; lost keys {lost_total}")


if __name__ == "__main__":
    main()
