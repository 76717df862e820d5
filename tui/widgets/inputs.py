"""Text fields whose editing keys run in typing order.

Textual inserts a typed character the moment its input handles the key, but runs the binding
of any other key (backspace, left, home, ctrl+u) only once that key has bubbled up to the
app, after the input has already handled the keys queued behind it. Keys that arrive
together (a fast typist, a paste without bracketed paste, ``tmux send-keys``) then come out
of order or lost: "x", backspace, "1" gave "x" (the "1" went in, then backspace took it
away). These fields run a key's binding as they handle the key, like a character.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input, TextArea

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


class OrderedTextArea(TextArea):
    """A :class:`~textual.widgets.TextArea` whose editing keys run in typing order."""

    async def _on_key(self, event: events.Key) -> None:
        if not await _ordered(self, event):
            await super()._on_key(event)
