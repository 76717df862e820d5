"""What the benchmarks share: the realistic corpus, statistics, a real pseudo-terminal, a
minimal Textual app to compare with, and readers of coopbrowse's screen (list title, search
bar, status line) for the benchmarks that drive the app as a user would.

Benchmarks are scripts (not part of the test run); they need the ``bench`` extra
(``pip install -e '.[bench]'``; wordfreq for the corpus, pyte to read the screen) and should
run against an installed package (``pip install .``: an editable install adds ~20 ms to every
import). The corpus and its index are kept in ``--work`` (default
``~/.cache/coopbrowse-bench``) so that repeated runs do not rebuild them.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import sys
import termios
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coopbrowse.store.index import SearchIndex

WORK = Path(os.environ.get("COOPBROWSE_BENCH", Path.home() / ".cache" / "coopbrowse-bench"))


def corpus(meetings: int, work: Path = WORK) -> Path:
    """The realistic synthetic database of ``meetings`` meetings (built once, then kept)."""
    from coopbrowse.store.synth import Vocabulary, build_database

    work.mkdir(parents=True, exist_ok=True)
    path = work / f"corpus-{meetings}.json"
    if not path.exists():
        print(f"building the {meetings:,}-meeting corpus (once) ...", file=sys.stderr)
        partial = path.with_suffix(".partial.json")
        partial.unlink(missing_ok=True)
        build_database(partial, meetings, vocabulary=Vocabulary.realistic())
        partial.replace(path)
    return path


def ms(seconds: float) -> float:
    return seconds * 1000.0


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def span(values: Sequence[float], fmt: str = "{:.1f}") -> str:
    """``a–b`` (the range across runs), or the one value."""
    if not values:
        return "n/a"
    lo, hi = fmt.format(min(values)), fmt.format(max(values))
    return lo if lo == hi else f"{lo}–{hi}"


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


# A real pseudo-terminal ---------------------------------------------------------------------


class Terminal:
    """A program running in a pty, its screen kept by a VT emulator (pyte)."""

    def __init__(
        self, argv: list[str], env: dict[str, str], cols: int = 120, rows: int = 40
    ) -> None:
        import pyte

        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child
            os.execvpe(argv[0], argv, env)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.argv = argv
        self.reads = 0  # how many times output was read (the screen may have changed)

    def pump(self, timeout: float) -> bool:
        """Read what the program wrote within ``timeout``; False when it has exited."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            return False
        if not data:
            return False
        self.stream.feed(data)
        self.reads += 1
        return True

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_until(self, condition: Callable[[], bool], what: str, timeout: float = 60.0) -> float:
        """Seconds (from now) until ``condition()`` holds (asked at once, then after every
        read of the screen: a condition on the screen can only turn when the program writes);
        ``what`` names it in the error when it does not within ``timeout``.

        (Asking only after a read keeps this process off the CPU the program needs: asked
        every 20 ms, the screen's text rebuilt each time, the harness took a third of a core
        of this 2-core machine during a first open.)"""
        start = time.perf_counter()
        asked = -1
        while True:
            if asked != self.reads:
                asked = self.reads
                if condition():
                    return time.perf_counter() - start
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(f"{self.argv[0]}: never showed {what}")
            if not self.pump(min(left, 0.02)):
                raise RuntimeError(f"{self.argv[0]} exited before showing {what}")

    def wait_for(self, pattern: str | re.Pattern[str], timeout: float = 60.0) -> float:
        """Seconds (from now) until ``pattern`` is on the screen."""
        regex = re.compile(re.escape(pattern)) if isinstance(pattern, str) else pattern

        def found() -> bool:
            return bool(regex.search(self.text()))

        return self.wait_until(found, repr(regex.pattern), timeout)

    def idle(self, seconds: float) -> None:
        """Keep reading the screen for ``seconds`` (a program whose output is not read
        blocks once the pty's buffer is full)."""
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            if not self.pump(min(left, 0.02)):
                return

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def rss_mb(self) -> float:
        """Resident memory of the program (and nothing it started), in MB."""
        with open(f"/proc/{self.pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        """Kill the program and whatever it started (pty.fork made it a session and group
        leader: an index build it runs in a helper process goes with it)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        os.close(self.fd)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def bench_env(work: Path, **extra: str) -> dict[str, str]:
    """The environment a benchmarked ``coopbrowse`` runs in (its own cache and state)."""
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="120", LINES="40")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # or nothing is compiled and every start pays
    env.update(COOPBROWSE_CACHE=str(work / "cache"), COOPBROWSE_STATE=str(work / "state.json"))
    env.update(extra)
    return env


def coopbrowse_exe() -> str:
    import shutil

    return shutil.which("coopbrowse") or str(Path(sys.executable).with_name("coopbrowse"))


# A minimal Textual app, the anchor of the start-up benchmarks --------------------------------

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
MINIMAL_MARKER = "row 9"  # its last row: the screen is painted


def minimal_app(work: Path) -> list[str]:
    """The command that runs the minimal app (a header, an input, a ten-row DataTable)."""
    script = work / "minimal.py"
    script.write_text(MINIMAL)
    return [sys.executable, str(script)]


# Reading coopbrowse's screen (see tui/screens/main.py) ---------------------------------------

PLACEHOLDER = "/ to search:"  # the empty search bar
SEARCH_ROW = 1  # the search input, under the one-line header; its hint line under it
_DATE_ROW = re.compile(r"│[^│]{0,3}\d{4}-\d{2}-\d{2} ")


def browsing_title(meetings: int) -> str:
    """The meetings list's title while nothing is searched: ``1 Meetings (100,000)``."""
    return f"1 Meetings ({meetings:,})"


def results_title(results: int) -> str:
    """The meetings list's title while searching: ``1 Meetings · 308 results``."""
    from coopbrowse.tui.blocks import plural

    return f"1 Meetings · {plural(results, 'result')} "


def has_title(term: Terminal, title: str) -> bool:
    """Whether the list's border shows ``title`` (and not a longer number starting so)."""
    return any(line.startswith(f"╭─ {title}") for line in term.screen.display)


def search_text(term: Terminal) -> str:
    """The query shown in the search input, without the completion suggested after it (drawn
    in another colour) or the cursor; '' while the placeholder shows."""
    line = term.screen.buffer[SEARCH_ROW]
    shown = term.screen.display[SEARCH_ROW][2:]  # after the bar's margin and padding
    if shown.startswith(PLACEHOLDER) or not shown.strip():
        return ""
    style = line[2]._replace(data="")
    out = []
    for x in range(2, term.screen.columns):
        char = line[x]
        if char._replace(data="") != style:
            break
        out.append(char.data)
    return "".join(out).rstrip()


def search_hint(term: Terminal) -> str:
    """The line under the search input (match counts, corrections, errors)."""
    return term.screen.display[SEARCH_ROW + 1].strip()


def status_line(term: Terminal) -> str:
    """The line under the panes: progress while opening or indexing, else views and
    selection."""
    return term.screen.display[term.screen.lines - 2].strip()


def first_row_shown(term: Terminal) -> bool:
    """Whether the list shows a row under its column headings (a meeting's date)."""
    lines = term.screen.display
    for y, line in enumerate(lines[:-1]):
        if "Date" in line and "Region" in line:
            return bool(_DATE_ROW.match(lines[y + 1]))
    return False


def listed(term: Terminal, meetings: int) -> bool:
    """Whether coopbrowse shows its list: titled with all ``meetings``, its first row drawn."""
    return has_title(term, browsing_title(meetings)) and first_row_shown(term)


def ready(term: Terminal, meetings: int) -> bool:
    """Whether coopbrowse is searchable: its list shown (:func:`listed`) and no progress
    under it (opening and indexing are over)."""
    return listed(term, meetings) and "nothing selected" in status_line(term)


@dataclass(frozen=True)
class Expected:
    """What coopbrowse's screen shows once a query has settled."""

    results: int  # in the list title
    hint: str  # the line under the search bar starts with it


def expected(index: SearchIndex, query: str) -> Expected:
    """The title count and hint the app shows for ``query`` (as MainScreen works them out:
    the meetings in relevance order, spelling corrected when nothing matches)."""
    from coopbrowse.tui.screens.main import describe_matches

    listing = index.listing("meetings", query, "relevance")
    if listing.corrections:
        fixed = ", ".join(f"{a} → {b}" for a, b in listing.corrections)
        return Expected(listing.total, f"No exact matches; showing results for: {fixed}")
    meetings = index.count(query, view="meetings")
    proposals = index.count(query, view="proposals")
    return Expected(listing.total, describe_matches(meetings, proposals))


def open_index(db: Path, cache: Path) -> SearchIndex:
    """The index coopbrowse built for ``db`` in the cache directory ``cache``."""
    os.environ["COOPBROWSE_CACHE"] = str(cache)
    from coopbrowse.store.library import Library

    library = Library._current(db)
    assert library is not None, f"no current index of {db} in {cache}"
    return library.index


def hint_says(hint: str, message: str) -> bool:
    """Whether the hint line is ``message`` (field values may follow it after a dot)."""
    return hint == message or hint.startswith(message + "  ·  ")


def searched(term: Terminal, query: str, want: Expected) -> bool:
    """Whether coopbrowse's screen has settled on ``query``: the input shows it whole, the
    list title its count, the hint what matched."""
    return (
        search_text(term) == query
        and has_title(term, results_title(want.results))
        and hint_says(search_hint(term), want.hint)
    )


def launch(db: Path, env: dict[str, str], state: Path | None = None) -> Terminal:
    """coopbrowse on ``db`` in a pty; ``state``: a UI state file, removed first (no query
    or selection restored from an earlier launch)."""
    if state is not None:
        state.unlink(missing_ok=True)
        env = dict(env, COOPBROWSE_STATE=str(state))
    return Terminal([coopbrowse_exe(), "--db", str(db)], env)
