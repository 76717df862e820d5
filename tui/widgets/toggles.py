"""Checkboxes and radio buttons whose state is a mark, not only a colour.

Textual draws a checkbox's ``X`` and a radio button's ``●`` whether on or off, telling them
apart by colour alone: on a monochrome terminal, or to an eye that does not tell those
colours apart, every box looked ticked. These draw the mark only when on.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Checkbox, RadioButton


class Tick(Checkbox):
    """A checkbox whose state is a mark (✓ or blank), not only a colour."""

    def __init__(self, label: str, value: bool, **kwargs: Any) -> None:
        # Born with the class its value gives it (``-on``): added after, it restyled the
        # widget a second time (see tui/screens/styling.py)
        if value:
            classes = kwargs.get("classes")
            kwargs["classes"] = f"-on {classes}" if classes else "-on"
        super().__init__(label, value, **kwargs)

    @property
    def _button(self) -> Any:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super()._button


class Dot(RadioButton):
    """A radio button whose state is a mark (● or blank), not only a colour."""

    @property
    def _button(self) -> Any:
        self.BUTTON_INNER = "●" if self.value else " "
        return super()._button
