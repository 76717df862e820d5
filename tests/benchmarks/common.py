"""What the benchmarks share: the realistic corpus, statistics, and a real pseudo-terminal.

Benchmarks are scripts (not part of the test run); they need the ``bench`` extra
(``pip install -e '.[bench]'``; wordfreq for the corpus, pyte to read the screen) and should
run against an installed package (``pip install .``: an editable install adds ~20 ms to every
import). The corpus and its index are kept in ``--work`` (default
``~/.cache/coopbrowse-bench``) so that repeated runs do not rebuild them.
"""

from __future__ import annotations

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
import time
from collections.abc import Sequence
from pathlib import Path

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
    lo, hi = min(values), max(values)
    return fmt.format(lo) if lo == hi else f"{fmt.format(lo)}–{fmt.format(hi)}"


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
        return True

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, pattern: str | re.Pattern[str], timeout: float = 60.0) -> float:
        """Seconds (from now) until ``pattern`` is on the screen."""
        start = time.perf_counter()
        regex = re.compile(re.escape(pattern)) if isinstance(pattern, str) else pattern
        while True:
            if regex.search(self.text()):
                return time.perf_counter() - start
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(f"{self.argv[0]}: never showed {regex.pattern!r}")
            if not self.pump(min(left, 0.02)):
                raise RuntimeError(f"{self.argv[0]} exited before showing {regex.pattern!r}")

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
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


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
