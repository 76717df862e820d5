"""Screens styled once as they open, not three times.

Textual styles every widget of a pushed screen as it mounts, then twice more, each time the
whole screen: when the first resize sets the screen's breakpoint class (``-narrow`` /
``-wide``), and when the screen resumes (a push asks for a refresh of its styles). For the
meeting form, hundreds of widgets, each pass cost about 0.2 s on this machine: most of the
time the form took to open. A :class:`StyledOnce` screen is born with its breakpoint class,
so that the resize changes none, and its first resume, which follows its mount directly,
keeps the styles it was just given. Later resumes (back from a screen on top) restyle as
Textual does.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual._context import NoActiveAppError
from textual.screen import Screen


def breakpoint_classes(screen: Screen[Any], width: int) -> dict[str, bool]:
    """The breakpoint classes Textual gives ``screen`` at ``width`` columns, each on or off
    (the largest breakpoint not above the width is on)."""
    found = screen.HORIZONTAL_BREAKPOINTS
    if found is None:
        found = screen.app.HORIZONTAL_BREAKPOINTS
    pairs = list(found or [])
    chosen = next((name for at, name in sorted(pairs, reverse=True) if width >= at), None)
    return {name: name == chosen for _at, name in pairs}


class StyledOnce(Screen[Any]):
    """A screen given its breakpoint class when it is made, and not restyled by its first
    resume (see the module's note). Put it before ``Screen`` among a screen's bases."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._first_resume = True
        try:
            width = self.app.size.width
        except NoActiveAppError:  # (made outside an app: the resize sets the class)
            return
        for name, wanted in breakpoint_classes(self, width).items():
            self.set_class(wanted, name, update=False)

    @on(events.ScreenResume)
    def _keep_first_styles(self, event: events.ScreenResume) -> None:
        # (runs before Screen's own handler, which restyles when asked to)
        if self._first_resume:
            self._first_resume = False
            event.refresh_styles = False
