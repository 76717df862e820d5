"""The moment between a key that opens a screen and the screen, whose record is read in a
worker: a line says what is opening, and the keys typed meanwhile are kept for the screen.

Without it those keys went to the list still under the focus (a space typed for the form
selected the row; ``e`` opened the export dialog). :meth:`OpeningScreen.hand_over` puts the
screen that was on its way in this one's place; the screen (a :class:`KeepsEarlyKeys`) keeps
every key that comes before it has given its first field the focus (it takes a moment to
mount), then types them all into that field, in the order they were typed.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from ..keyorder import send_keys, to_screen


class KeepsEarlyKeys(Widget):
    """For a screen (``class Form(KeepsEarlyKeys, Screen[...])``): keep the keys reaching it
    before its first field has the focus.

    The screen calls :meth:`focus_first` (instead of focusing a widget in ``on_mount``) with
    the widget that should take the keys, and sets ``AUTO_FOCUS = ""`` so that nothing else
    takes them first.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.early_keys: list[events.Key] = []
        self._keys_ready = False
        self._ready_at = 0.0

    @property
    def keys_ready(self) -> bool:
        """Whether the first field has the focus and keys go straight to it."""
        return self._keys_ready

    def focus_first(self, widget: Widget) -> None:
        """Once this screen is drawn: focus ``widget`` and type the keys kept so far into
        it (in one step: a key arriving meanwhile is kept too, so none overtakes them)."""
        self.call_after_refresh(self._release, widget)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Until the first field has the focus, this screen's keys are kept, not run: a tab
        or ctrl+s typed ahead runs in its turn, after the keys typed before it."""
        return self._keys_ready

    def action_next_field(self) -> None:
        self.screen.focus_next()

    def action_previous_field(self) -> None:
        self.screen.focus_previous()

    def keep_key(self, key: events.Key) -> None:
        """A key typed for this screen before it was there (see :class:`OpeningScreen`)."""
        if self._keys_ready:
            send_keys(self.app, [key])
        else:
            self.early_keys.append(key)

    def _release(self, widget: Widget) -> None:
        if self.screen.focused is None:  # (not if a click has put it somewhere)
            self.screen.set_focus(widget)
        self._keys_ready = True
        self.screen.refresh_bindings()  # (its keys are live now: the footer shows them)
        self._ready_at = Message().time  # (on the clock of the keys' own times)
        keys, self.early_keys = self.early_keys, []
        keys.sort(key=lambda k: k.time)
        send_keys(self.app, keys)  # through the app: its priority bindings (ctrl+s, tab) apply

    def on_key(self, event: events.Key) -> None:
        if not self._keys_ready:
            event.stop()
            event.prevent_default()
            self.early_keys.append(event)
        elif event.time < self._ready_at and (
            not getattr(event, "retyped", False) or (to_screen(event) and self.screen.focused)
        ):
            # typed before the focus was given, and come after: on through the app (once),
            # where the field and this screen's keys take it now. That is a key handed to
            # this screen itself while nothing had the focus (sent on already or not), or
            # one that bubbled up from a field focused early (its binding was refused
            # then). A key sent on once that bubbles up from the field is not sent back.
            event.stop()
            event.prevent_default()
            send_keys(self.app, [event])


class TakesKeysTypedWithIt(Widget):
    """For a dialog that focuses its field as it mounts (``class Dialog(ModalScreen[...],
    TakesKeysTypedWithIt)``: after the screen class, whose styles a widget takes from its
    first base): the keys typed with the key that opened it ("e" and a file name, at once)
    reached it before that field had the focus, and were handed to the dialog itself, where
    nothing took them: they go on to its ``FIRST_FIELD``."""

    FIRST_FIELD = ""  # the field those keys are for (its selector), focused if none is

    def on_key(self, event: events.Key) -> None:
        if not to_screen(event):
            return
        if self.screen.focused is None and self.FIRST_FIELD:
            fields = self.query(self.FIRST_FIELD)
            if fields:  # (before it mounts: a key typed with its key is for its field)
                self.screen.set_focus(fields.first(), scroll_visible=False)
        if self.screen.focused is not None:  # (sent on there: never back here, to loop)
            event.stop()
            event.prevent_default()
            send_keys(self.app, [event])


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
        self._next: Screen[Any] | None = None  # the screen handed over to
        self._done = False  # handed over (or given up)

    def compose(self) -> ComposeResult:
        yield Static(f"Opening {self.what}…", markup=False)

    def on_key(self, event: events.Key) -> None:
        """Keep the key for the screen on its way (once it is there, send it on)."""
        event.stop()
        event.prevent_default()
        if not self._done or self.app.screen is self:
            # (kept; and once the screen handed over to has closed, this one is on its way
            # out: the keys typed behind that screen's last ("u y jj": the j's, sent on by
            # the question's buttons) go on once this one has gone, never back to it, which
            # would loop; they were lost)
            self.keys.append(event)
        elif isinstance(self._next, KeepsEarlyKeys):
            self._next.keep_key(event)
        else:
            send_keys(self.app, [event])

    def on_screen_resume(self) -> None:
        """Shown again after its work is done: it has nothing left to say."""
        if self._done and self.app.screen is self:
            self._leave()

    def _leave(self) -> None:
        """Go, and send on the keys that reached it after the screen it handed over to."""
        if self.app.screen is self:
            self.app.pop_screen()
        keys, self.keys = self.keys, []
        send_keys(self.app, keys)

    def hand_over(self, screen: Screen[Any], callback: Any = None) -> None:
        """Show ``screen`` over this one (``callback``: its result's, as for
        ``push_screen``) with the keys kept meanwhile; this one goes when it closes. Call it
        through this screen's queue (``call_later``): the keys on their way here are kept
        first."""
        self._done = True
        self._next = screen
        # it stays under the screen until that closes: under a dialog it would still be seen
        # saying "Opening …"
        self.query_one(Static).display = False
        if isinstance(screen, KeepsEarlyKeys):
            screen.early_keys = self.keys + screen.early_keys
        else:
            send_keys(self.app, self.keys)
        self.keys = []

        def closed(result: Any) -> None:
            if self.app.screen is self:
                self._leave()
            if callback is not None:
                callback(result)

        self.app.push_screen(screen, closed)

    def give_up(self) -> None:
        """Nothing is coming (the record is gone): close, and let the keys go where the
        focus is."""
        app = self.app
        self._done = True
        if app.screen is self:
            app.pop_screen()
        send_keys(app, self.keys)
        self.keys = []
