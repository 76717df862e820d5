"""How long a counted step (indexing 100,000 meetings) has left, said in words.

The status line under the list shows what is under way and how far along it is; for a step
that takes tens of seconds it also says about how long is left, at the rate seen since the
step began. Nothing is said until the rate can be told (a couple of seconds in), and the
figure is rounded, so that it reads as the estimate it is and does not flicker.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

SETTLES_AFTER = 2.0  # seconds of a step before its rate is trusted


def say_left(seconds: float) -> str:
    """``about 15 s left``, ``about 2 min left``: rounded up, to 5 s under a minute; under 5 s,
    ``a few seconds left`` (a short step said "about 5 s left" from a third of the way to its
    end, as if it stood still)."""
    if seconds < 5:
        return "a few seconds left"
    if seconds < 60:
        return f"about {max(5, 5 * math.ceil(seconds / 5))} s left"
    return f"about {math.ceil(seconds / 60)} min left"


class TimeLeft:
    """The time left of the step under way, from its progress reports.

    ``update(what, done, total)`` is given each report and answers the words to show (empty
    while it cannot tell). A step is known by ``what``; a new ``what``, a count that goes
    back or an uncounted step (``total`` 0) starts afresh."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._step: tuple[str, int, float, int] | None = None  # what, total, since, done then

    def update(self, what: str, done: int, total: int) -> str:
        now = self._clock()
        step = self._step
        if total <= 0:
            self._step = None
            return ""
        if step is None or step[0] != what or step[1] != total or done < step[3]:
            self._step = (what, total, now, done)
            return ""
        _what, _total, since, done_then = step
        elapsed = now - since
        if elapsed < SETTLES_AFTER or done <= done_then or done >= total:
            return ""
        rate = (done - done_then) / elapsed
        return say_left((total - done) / rate)
