"""Keys typed ahead: a key handled after the focus has moved on still does what it meant.

Textual hands each key to the widget that has the focus when the key arrives, and resolves
that widget's bindings (and its screen's) when the widget gets to it. Typed fast enough (a
burst when the app is busy, or typeahead at start-up) "2/lift" sends "2" to the list and
moves the focus to the search bar before the list handles "2"; by then the search bar would
take "2" as text and the screen's "show the proposals" never runs. Widgets that can hand the
focus on use :class:`KeepsTypeahead`: a key that reaches them once they have lost the focus
runs the binding it would have run when it was typed (theirs, their screen's or the app's).
A key that reaches them after a key before it opened another screen ("E" then the first
words for the form) goes to that screen.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widget import Widget

from ..keyorder import follows_keys_on_their_way, send_keys


class KeepsTypeahead(Widget):
    """Resolve a key against this widget's own chain when it arrives after the focus left;
    hand it to the screen on top when a key before it opened one."""

    async def _on_key(self, event: events.Key) -> None:
        app = self.app
        if follows_keys_on_their_way(app, event):
            # handed here before keys typed ahead of it came back through the app ("/"
            # kept by the list, sent on again as its rows came): it follows them, and goes
            # where they lead ("/elev": "e" ran the list's export)
            event.stop()
            event.prevent_default()
            send_keys(app, [event])
            return
        if self.screen is not app.screen:
            # ``E`` then text, typed together: the text was meant for the form that E
            # opened (or for the screen that says it is opening), not for this list
            event.stop()
            event.prevent_default()
            # through the app, as if typed now: its priority bindings (ctrl+s) apply
            send_keys(app, [event])
            return
        # The binding runs now, not once the key has bubbled up to the app: the keys
        # queued behind it then find the screen or the focus it opened
        if await self._run_binding(event):
            event.stop()
            event.prevent_default()

    async def _run_binding(self, event: events.Key) -> bool:
        return await run_binding_now(self, event)


async def run_binding_now(widget: Widget, event: events.Key) -> bool:
    """Run the binding of ``event``'s key that ``widget``'s chain (the widget, its
    ancestors, its screen, the app) would run, now rather than once the key has bubbled up
    to the app, so that keys queued behind it see what it did; False if none applies.
    Priority bindings are left alone: the app ran them before the key was handed on."""
    app = widget.app
    keymap = getattr(app, "_keymap", None)  # the user's keymap (set_keymap)
    for node in widget.ancestors_with_self:
        bindings = node._bindings
        if keymap:  # (on a copy: Textual applies it to the copies it makes, as here)
            bindings = bindings.copy()
            bindings.apply_keymap(keymap)
        for binding in bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority and await app.run_action(binding.action, node):
                return True
        if isinstance(node, Screen) and node.is_modal:
            break  # as Textual's own: a dialog's keys never reach the app's (q quits)
    return False
