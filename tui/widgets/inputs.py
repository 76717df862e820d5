"""Text fields whose editing keys run in typing order.

Textual inserts a typed character the moment its input handles the key, but runs the binding
of any other key (backspace, left, home, ctrl+u) only once that key has bubbled up to the
app, after the input has already handled the keys queued behind it. Keys that arrive
together (a fast typist, a paste without bracketed paste, ``tmux send-keys``) then come out
of order or lost: "x", backspace, "1" gave "x" (the "1" went in, then backspace took it
away). These fields run a key's binding as they handle the key, like a character.
"""

from __future__ import annotations

import re
from typing import Any

from textual import events
from textual.geometry import Region
from textual.widgets import Input, TextArea

from coopbrowse.store.text import CONTROL_CHARS, printable

from ..keyorder import send_keys
from .steady import SteadyInput
from .typeahead import run_binding_now


async def _ordered(widget: Input | TextArea, event: events.Key) -> bool:
    """Handle ``event`` ahead of the widget's own handling; True when it is done.

    A key queued here behind one that opened a screen on top ("escape" asking "Discard?")
    was typed for that screen: it goes there, not to this field or its screen's bindings
    (two escapes would stack two questions). Otherwise a key's binding runs now."""
    app = widget.app
    if widget.screen is not app.screen:
        event.stop()
        event.prevent_default()
        send_keys(app, [event])
        return True
    if not event.is_printable and await run_binding_now(widget, event):
        event.stop()
        event.prevent_default()
        return True
    return False


class OrderedInput(SteadyInput):
    """An :class:`~textual.widgets.Input` whose editing keys run in typing order (and whose
    text does not lay the screen out: :class:`SteadyInput`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Born valid: Input's first value marks it ``-valid``, and a class added to a widget
        # made inside a running app restyles it then, mounted or not (2 ms a field: most of
        # the cost of building a long form). With the class already there, nothing changes.
        # (only a field that nothing validates: one with validators or a type finds out)
        if not kwargs.get("validators") and kwargs.get("type", "text") == "text":
            classes = kwargs.get("classes")
            kwargs["classes"] = f"-valid {classes}" if classes else "-valid"
        super().__init__(*args, **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        if not await _ordered(self, event):
            await super()._on_key(event)

    def _on_blur(self, event: events.Blur) -> None:
        # Left, it shows the start of its text, as before it was edited: it showed the end
        # ("embly of Mogilevliftmash elevators in Penza"), and a form reviewed field by
        # field read as cut off at the front. (The cursor stays where it was.)
        super()._on_blur(event)
        self.scroll_to(x=0, animate=False, force=True, immediate=True)

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        # back in it, the cursor is in view again
        self.scroll_to_region(
            Region(self._cursor_offset, 0, width=1, height=1), force=True, animate=False
        )


class OrderedTextArea(TextArea):
    """A :class:`~textual.widgets.TextArea` whose editing keys run in typing order."""

    async def _on_key(self, event: events.Key) -> None:
        if not await _ordered(self, event):
            await super()._on_key(event)


class Shown:
    """Text from a record or a file as a widget shows it: its control characters (an
    escape sequence, a bidi override) as stand-ins (``␛[31m``), which raw would reach the
    terminal; :meth:`given` is the text as given while what shows of it is unchanged, else
    as edited."""

    def __init__(self, text: str, *, newlines: bool = True) -> None:
        self.text = text
        text = text.replace("\r\n", "\n")  # (shows, and is saved once edited, as one)
        # one line: a line break shows as ↵, and is saved as a line break again once edited
        # (folded to a space, a proposal's detail of several lines lost its breaks to an
        # edit of one word); only in a text that had line breaks (elsewhere a ↵ is a ↵)
        self.breaks = not newlines and "\n" in text
        if not newlines:
            text = text.replace("\n", LINE_BREAK).replace("\t", " ")
        self.shown = printable(text)

    def given(self, now: str) -> str:
        if now == self.shown:
            return self.text
        return now.replace(LINE_BREAK, "\n") if self.breaks else now


LINE_BREAK = "↵"  # a line break in a one-line field


class ShownTextArea(OrderedTextArea):
    """A text box for text read from a record or a file (see :class:`Shown`)."""

    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        self._given = Shown(text)
        super().__init__(self._given.shown, *args, **kwargs)

    @property
    def stored_text(self) -> str:
        return self._given.given(self.text)


def without_controls(text: str) -> str:
    """``text`` without its control characters (line breaks and tabs kept: a terminal
    pastes a line break as a carriage return, which is one too): what a box of pasted text
    shows, which raw would reach the terminal."""
    return CONTROL_CHARS.sub("", _LINE_BREAKS.sub("\n", text))


# what ends a line in pasted text: carriage returns (as terminals paste), Word's manual line
# break (\v), form feeds, NEL, the Unicode line and paragraph separators
_LINE_BREAKS = re.compile("\r\n|[\r\v\f\x85\u2028\u2029]")


class PastedTextArea(OrderedTextArea):
    """A text box for pasted text (an article): control characters, given or pasted, are
    dropped (drafting drops them too), as raw they would reach the terminal."""

    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(without_controls(text), *args, **kwargs)

    def insert(self, text: str, *args: Any, **kwargs: Any) -> Any:
        return super().insert(without_controls(text), *args, **kwargs)

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        if self.read_only:
            return
        if result := self._replace_via_keyboard(without_controls(event.text), *self.selection):
            self.move_cursor(result.end_location)
            self.focus()
