"""The footer: Textual's, rebuilt only when the keys it shows change.

Textual's :class:`~textual.widgets.Footer` throws away and mounts all its keys (a dozen
widgets and their styles) whenever the screen's bindings may have changed: on every focus
change, every ``refresh_bindings()``. Moving through a form or along the list rarely
changes what the footer shows, and each rebuild cost the frame 15-25 ms on this machine.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


def shown_keys(screen: Screen[Any]) -> tuple[tuple[Any, ...], ...]:
    """What a footer on ``screen`` shows: each shown binding's key as displayed, its
    description and action, whether it is enabled, and its tooltip."""
    app = screen.app
    return tuple(
        (
            binding.key,
            app.get_key_display(binding),
            binding.description,
            binding.action,
            binding.group,
            enabled,
            tooltip,
        )
        for _node, binding, enabled, tooltip in screen.active_bindings.values()
        if binding.show
    )


class KeysFooter(Footer):
    """A :class:`~textual.widgets.Footer` that recomposes only when :func:`shown_keys`
    differs from what it last showed."""

    _shown: tuple[tuple[Any, ...], ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        # the same conditions as Footer's own: it recomposes only when all of them hold
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = shown_keys(screen)
            if shown == self._shown and self._bindings_ready:
                return
            self._shown = shown
        super().bindings_changed(screen)
