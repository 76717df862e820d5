"""The moment between a key that opens a screen and the screen, whose record is read in a
worker: a line says what is opening, and the keys typed meanwhile are kept for the screen.

Without it those keys went to the list still under the focus (a space typed for the form
selected the row; ``e`` opened the export dialog). :meth:`OpeningScreen.hand_over` replaces
this screen by the one that was on its way and types the kept keys into it, in order.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


class OpeningScreen(ModalScreen[None]):
    """``what`` is opening (say it in a few words: "the meeting form")."""

    DEFAULT_CSS = """
    OpeningScreen {
        background: transparent;
        align: center bottom;
    }
    OpeningScreen > Static {
        width: auto;
        height: 1;
        margin-bottom: 2;
        padding: 0 1;
        background: $panel;
    }
    """

    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what
        self.keys: list[events.Key] = []
        self._done = False  # handed over (or given up)

    def compose(self) -> ComposeResult:
        yield Static(f"Opening {self.what}…", markup=False)

    def on_key(self, event: events.Key) -> None:
        """Keep the key for the screen on its way (once it is there, send it on)."""
        event.stop()
        event.prevent_default()
        if self._done:
            self.app.post_message(events.Key(event.key, event.character))
        else:
            self.keys.append(event)

    def hand_over(self, screen: Screen[Any], callback: Any = None) -> None:
        """Show ``screen`` in this one's place (``callback``: its result's, as for
        ``push_screen``) and type the keys kept meanwhile into it. Call it through this
        screen's queue (``call_later``), so that the keys already on their way here are
        kept first."""
        # pushed from the app's own queue: the result's callback must not wait on this
        # screen, which is gone by then
        self.app.call_next(self._swap, screen, callback)

    def _swap(self, screen: Screen[Any], callback: Any) -> None:
        app = self.app
        self._done = True
        if app.screen is self:
            app.pop_screen()
        app.push_screen(screen, callback)
        keys = [events.Key(k.key, k.character) for k in self.keys]
        if keys:  # once the screen is mounted and has given its first field the focus
            screen.call_after_refresh(lambda: [app.post_message(k) for k in keys])

    def give_up(self) -> None:
        """Nothing is coming (the record is gone): close, and let the keys go where the
        focus is."""
        app = self.app
        self._done = True
        if app.screen is self:
            app.pop_screen()
        for k in self.keys:
            app.post_message(events.Key(k.key, k.character))
