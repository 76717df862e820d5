"""Time from launch to first paint, side by side with a minimal Textual app.

    python tests/benchmarks/bench_startup.py [--runs 5] [--meetings 10000]

Each program runs in a real pseudo-terminal (120x40) as a user would start it; the clock
stops when the screen shows its data (coopbrowse: the list titled "Meetings (N)" with its
rows; the minimal app: the last of its ten table rows). Runs: the bundled dataset, the
synthetic database of 10,000 meetings (built first if missing; the first launch after
building fills the records/index cache, as a user's first launch would, and is not counted),
and a minimal Textual app with a header, an input and a ten-row DataTable. Then, on the 10k
database, times view switches and a sort (key press until the new list is on screen). Prints
the median of ``--runs`` launches each and the last line:

    startup <a> s bundled, <b> s at 10k; minimal textual <c> s; ratios <a/c> <b/c>
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import textwrap
import time
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\x1b\][^\x07]*\x07")

MINIMAL = textwrap.dedent(
    """
    from textual.app import App
    from textual.widgets import DataTable, Header, Input

    class Minimal(App):
        def compose(self):
            yield Header()
            yield Input(placeholder="search")
            yield DataTable()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("id", "name", "value")
            for i in range(10):
                table.add_row(str(i), f"row {i}", str(i * 10))

    Minimal().run()
    """
)


def time_to_text(argv: list[str], marker: str, env: dict[str, str], timeout: float = 60) -> float:
    """Seconds from spawning ``argv`` in a pty until ``marker`` is on its screen."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = ""
    try:
        while True:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(f"{argv!r} never showed {marker!r}")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536).decode("utf-8", "replace")
            except OSError:
                raise RuntimeError(f"{argv!r} exited before showing {marker!r}") from None
            seen = (seen + chunk)[-200_000:]
            if marker in ANSI.sub("", seen):
                return time.perf_counter() - start
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def steps(meetings: int, proposals: int, regions: int) -> list[tuple[str, str, str]]:
    """Key presses after launching on the 10k database, and the list title each brings up
    (whole titles with their counts: "Proposals (5)" is also a heading in a meeting's detail)."""
    return [
        ("2", f"2 Proposals ({proposals})", "to the proposals (first time)"),
        ("s", "Sorted by sector", "sort the proposals"),
        ("1", f"1 Meetings ({meetings})", "back to the meetings"),
        ("2", f"2 Proposals ({proposals})", "to the proposals again"),
        ("3", f"3 Regions ({regions})", "to the regions"),
    ]


def time_steps(
    argv: list[str], marker: str, env: dict[str, str], keys: list[tuple[str, str, str]]
) -> list[float]:
    """Launch ``argv``, wait for ``marker`` and for the index to load, then time each of
    ``keys``: seconds from the key press until its text is on screen. Each launch starts
    from a fresh UI state (on the meetings, default sorts)."""
    state = Path(env["COOPBROWSE_STATE"]).with_name("steps-state.json")
    state.unlink(missing_ok=True)
    env = dict(env, COOPBROWSE_STATE=str(state))
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = ""

    def wait(text: str, start: float, timeout: float = 30) -> float:
        nonlocal seen
        while True:
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{argv!r} never showed {text!r}")
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                seen = (seen + os.read(fd, 65536).decode("utf-8", "replace"))[-200_000:]
                if text in ANSI.sub("", seen):
                    return time.perf_counter() - start

    try:
        wait(marker, time.perf_counter())
        time.sleep(3.0)  # the search index loads after the first frame
        out = []
        for key, text, _label in keys:
            seen = ""
            start = time.perf_counter()
            os.write(fd, key.encode())
            out.append(wait(text, start))
            time.sleep(0.5)
        return out
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--meetings", type=int, default=10_000)
    args = parser.parse_args()

    exe = shutil.which("coopbrowse") or str(Path(sys.executable).with_name("coopbrowse"))
    work = Path(tempfile.mkdtemp(prefix="coopbrowse-bench-"))
    env = dict(
        os.environ,
        TERM="xterm-256color",
        COLUMNS="120",
        LINES="40",
        COOPBROWSE_CACHE=str(work / "cache"),
        COOPBROWSE_STATE=str(work / "state.json"),
    )
    small = work / "bundled.json"
    big = work / "big.json"
    from coopbrowse.store.synth import build_database

    store = build_database(big, args.meetings)
    big_meetings = store.meetings()
    keys = steps(
        len(big_meetings),
        sum(len(m.proposals) for m in big_meetings),
        len({m.region for m in big_meetings}),
    )
    del store, big_meetings
    minimal = work / "minimal.py"
    minimal.write_text(MINIMAL)

    # Warm the OS file cache and coopbrowse's own caches once, as a second launch would see.
    time_to_text([exe, "--db", str(small)], "Meetings (5)", env)
    time_to_text([exe, "--db", str(big)], f"Meetings ({args.meetings})", env)
    time_to_text([sys.executable, str(minimal)], "row 9", env)

    programs = [
        ([exe, "--db", str(small)], "Meetings (5)"),
        ([exe, "--db", str(big)], f"Meetings ({args.meetings})"),
        ([sys.executable, str(minimal)], "row 9"),
    ]
    times: list[list[float]] = [[], [], []]
    for _ in range(args.runs):  # interleaved, so a busy moment of the machine hits all three
        for i, (argv, marker) in enumerate(programs):
            times[i].append(time_to_text(argv, marker, env))
    timed = [time_steps(programs[1][0], programs[1][1], env, keys) for _ in range(3)]
    print(f"at {args.meetings} meetings, key press to screen (median of 3 launches):")
    for i, (key, _text, label) in enumerate(keys):
        print(f"  {key}  {label:32} {statistics.median(t[i] for t in timed) * 1000:5.0f} ms")
    a, b, c = (statistics.median(t) for t in times)
    print(f"median of {args.runs} interleaved launches each, 120x40 pty, caches warm")
    print(
        f"startup {a:.2f} s bundled, {b:.2f} s at 10k; minimal textual {c:.2f} s; "
        f"ratios {a / c:.2f} {b / c:.2f}"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
