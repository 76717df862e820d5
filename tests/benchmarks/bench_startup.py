"""Time from launch to first paint, side by side with a minimal Textual app.

    python tests/benchmarks/bench_startup.py [--runs 5] [--meetings 10000]

Each program runs in a real pseudo-terminal (120x40) as a user would start it; the clock
stops when the screen shows its data (coopbrowse: the list titled "1 Meetings (N)", N with
thousands separators, and its first row; the minimal app: the last of its ten table rows).
Runs: the bundled dataset, the realistic synthetic database of 10,000 meetings (built once
and kept in the work directory; the first launch indexes it into a cache of this run's own,
as a user's first launch would, and is not counted), and a minimal Textual app with a
header, an input and a ten-row DataTable. Each launch starts with no UI state. Then, on the
10k database, times view switches and a sort (key press until the new list is on screen:
its whole title with its count, or for the sort the "sorted by" line under it). Prints the
median of ``--runs`` launches each and the last line:

    startup <a> s bundled, <b> s at 10k; minimal textual <c> s; ratios <a/c> <b/c>
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from common import (
    MINIMAL_MARKER,
    WORK,
    Terminal,
    bench_env,
    corpus,
    has_title,
    launch,
    listed,
    minimal_app,
    open_index,
    ready,
)

Step = tuple[str, Callable[[Terminal], bool], str]


def steps(meetings: int, proposals: int, regions: int) -> list[Step]:
    """Key presses after launching on the 10k database, and the screen each brings up
    (whole list titles with their counts: "Proposals (5)" is also a heading in a meeting's
    detail; the sort's label under the list, set when the sorted rows are shown)."""

    def title(text: str) -> Callable[[Terminal], bool]:
        return lambda term: has_title(term, text)

    def sorted_by(label: str) -> Callable[[Terminal], bool]:
        return lambda term: f"sorted by {label} ·" in term.text()

    return [
        ("2", title(f"2 Proposals ({proposals:,})"), "to the proposals (first time)"),
        ("s", sorted_by("sector"), "sort the proposals"),
        ("1", title(f"1 Meetings ({meetings:,})"), "back to the meetings"),
        ("2", title(f"2 Proposals ({proposals:,})"), "to the proposals again"),
        ("3", title(f"3 Regions ({regions:,})"), "to the regions"),
    ]


def time_launch(db: Path, meetings: int, env: dict[str, str], state: Path) -> float:
    """Seconds from launching coopbrowse on ``db`` until its list and first row show."""
    with launch(db, env, state) as term:
        return term.wait_until(lambda: listed(term, meetings), "the list", 60)


def time_minimal(argv: list[str], env: dict[str, str]) -> float:
    with Terminal(argv, env) as term:
        return term.wait_for(MINIMAL_MARKER, 60)


def time_steps(
    db: Path, meetings: int, env: dict[str, str], state: Path, keys: list[Step]
) -> list[float]:
    """Launch coopbrowse on ``db``, wait until it is searchable, then time each of ``keys``:
    seconds from the key press until its screen shows. Each launch starts from a fresh UI
    state (on the meetings, default sorts)."""
    with launch(db, env, state) as term:
        term.wait_until(lambda: ready(term, meetings), "the list", 60)
        term.idle(0.5)
        out = []
        for key, shown, label in keys:
            term.type(key)
            out.append(term.wait_until(partial(shown, term), label, 30))
            term.idle(0.5)
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=WORK, help="where the corpus is kept")
    args = parser.parse_args()

    from coopbrowse.store.dataset import load_bundled

    tmp = Path(tempfile.mkdtemp(prefix="coopbrowse-bench-"))
    try:
        env = bench_env(tmp)
        state = tmp / "state.json"
        small, small_n = tmp / "bundled.json", len(load_bundled().meetings)
        big, big_n = corpus(args.meetings, args.work), args.meetings
        minimal = minimal_app(tmp)

        # Warm the OS file cache and coopbrowse's own caches once, as a second launch would
        # see (the first launch on each database creates it or indexes it).
        for db, n in ((small, small_n), (big, big_n)):
            with launch(db, env, state) as term:
                term.wait_until(partial(ready, term, n), "the indexed list", 900)
        time_minimal(minimal, env)

        index = open_index(big, tmp / "cache")
        keys = steps(big_n, index.listing("proposals").total, len(index.regions()))
        del index

        times: list[list[float]] = [[], [], []]
        for _ in range(args.runs):  # interleaved, so a busy moment of the machine hits all three
            times[0].append(time_launch(small, small_n, env, state))
            times[1].append(time_launch(big, big_n, env, state))
            times[2].append(time_minimal(minimal, env))
        steps_state = tmp / "steps-state.json"
        timed = [time_steps(big, big_n, env, steps_state, keys) for _ in range(3)]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"at {args.meetings} meetings, key press to screen (median of 3 launches):")
    for i, (key, _shown, label) in enumerate(keys):
        print(f"  {key}  {label:32} {statistics.median(t[i] for t in timed) * 1000:5.0f} ms")
    a, b, c = (statistics.median(t) for t in times)
    print(f"median of {args.runs} interleaved launches each, 120x40 pty, caches warm")
    print(
        f"startup {a:.2f} s bundled, {b:.2f} s at {args.meetings // 1000}k; "
        f"minimal textual {c:.2f} s; ratios {a / c:.2f} {b / c:.2f}"
    )


if __name__ == "__main__":
    main()
