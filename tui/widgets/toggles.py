"""Checkboxes and radio buttons whose state is a mark, not only a colour.

Textual draws a checkbox's ``X`` and a radio button's ``●`` whether on or off, telling them
apart by colour alone: on a monochrome terminal, or to an eye that does not tell those
colours apart, every box looked ticked. These draw the mark only when on. And in a set of
radio buttons the arrows choose, as in any other program's, not only move a highlight.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.widgets import Checkbox, RadioButton, RadioSet


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


class Dots(RadioSet, inherit_bindings=False):
    """Radio buttons where ``↑``/``↓`` choose the next or previous option (Textual's only
    moved a highlight: a user who arrowed to "everything listed" and exported got the
    highlighted row). ``enter`` is left to the dialog (it does what the dialog does on
    enter); ``space`` still chooses. :attr:`chosen` is the option on now, whatever messages
    are still on their way."""

    BINDINGS = [
        Binding("down,right", "next_button", "Next option", show=False, id="dots-next"),
        Binding("space", "toggle_button", "Choose", show=False, id="dots-choose"),
        Binding("up,left", "previous_button", "Previous option", show=False, id="dots-previous"),
    ]

    def action_next_button(self) -> None:
        super().action_next_button()
        self._choose()

    def action_previous_button(self) -> None:
        super().action_previous_button()
        self._choose()

    def _choose(self) -> None:
        if self._selected is None:
            return
        button = self._nodes[self._selected]
        if not isinstance(button, RadioButton) or button.value:
            return
        # all at once, here: the set's own way (it turns the one that was on off when it
        # hears of this one) left two on after two quick arrows, and :attr:`chosen` must
        # say at once which is on
        with self.prevent(RadioButton.Changed):
            for other in self._nodes:
                if isinstance(other, RadioButton) and other is not button and other.value:
                    other.value = False
            button.value = True
        self._pressed_button = button
        self.post_message(self.Changed(self, button))

    @property
    def chosen(self) -> int:
        """The index of the option that is on (-1: none), as the buttons hold it now."""
        buttons = [b for b in self._nodes if isinstance(b, RadioButton)]
        return next((i for i, b in enumerate(buttons) if b.value), -1)
