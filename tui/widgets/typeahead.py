"""Keys typed ahead: a key handled after the focus has moved on still does what it meant.

Textual hands each key to the widget that has the focus when the key arrives, and resolves
that widget's bindings (and its screen's) when the widget gets to it. Typed fast enough (a
burst when the app is busy, or typeahead at start-up) "2/lift" sends "2" to the list and
moves the focus to the search bar before the list handles "2"; by then the search bar would
take "2" as text and the screen's "show the proposals" never runs. Widgets that can hand the
focus on use :class:`KeepsTypeahead`: a key that reaches them once they have lost the focus
runs the binding it would have run when it was typed (theirs, their screen's or the app's).
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget


class KeepsTypeahead(Widget):
    """Resolve a key against this widget's own chain when it arrives after the focus left."""

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused  # (has_focus follows a moment later)
        if focused is not None and focused is not self and await self._run_binding(event):
            event.stop()
            event.prevent_default()

    async def _run_binding(self, event: events.Key) -> bool:
        for node in self.ancestors_with_self:
            for binding in node._bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.app.run_action(binding.action, node):
                    return True
        return False
