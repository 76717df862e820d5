"""Export speed: 1,000 meetings of the synthetic database to Markdown.

    python tests/benchmarks/bench_export.py [--meetings 1000] [--runs 5]

Times building the document (the pure function) and writing it atomically, median of runs.
Last line: ``export <n> meetings <x> s (render <r> s, write <w> s), <kb> KB``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from coopbrowse.store.export import select, to_markdown, write_markdown
from coopbrowse.store.synth import synth_meetings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    meetings = synth_meetings(args.meetings, seed=3)
    keys = [("meeting", m.id) for m in meetings]
    renders, writes = [], []
    size = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            start = time.perf_counter()
            text = to_markdown(select(meetings, keys))
            renders.append(time.perf_counter() - start)
            start = time.perf_counter()
            write_markdown(Path(tmp) / f"out{i}.md", text)
            writes.append(time.perf_counter() - start)
            size = len(text.encode())
    r, w = statistics.median(renders), statistics.median(writes)
    print(
        f"export {args.meetings} meetings {r + w:.3f} s (render {r:.3f} s, write {w:.3f} s), "
        f"{size // 1024} KB"
    )


if __name__ == "__main__":
    main()
