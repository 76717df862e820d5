"""An input whose text does not lay the screen out and never holds a control character (its
own module: the search line needs it at launch, and tui/widgets/inputs.py brings in
Textual's TextArea, which the main screen does not)."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input

from coopbrowse.store.text import CONTROL_CHARS, one_line


class SteadyInput(Input):
    """An :class:`~textual.widgets.Input` whose text does not lay the screen out.

    Textual lays the whole screen out again whenever a widget's virtual size changes, and an
    input's is the width of its text: a layout at every key (7-10 ms at 120x40 with the list
    and a detail on screen; in a form of 16 proposals, hundreds of widgets). An input sized
    by its style needs none: a change of its text repaints it alone. (One sized by its
    content, ``width: auto``, is still laid out: Input does that itself.)"""

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=True)

    def replace(self, text: str, start: int, end: int) -> None:
        """(Typing and pasting insert through here: the text made safe first, so that the
        cursor lands after the stand-ins, not inside one.)"""
        super().replace(one_line(text) if CONTROL_CHARS.search(text) else text, start, end)

    def validate_value(self, value: str) -> str:
        """Control characters as stand-ins (``␛``), whatever sets the value (a paste, a
        query restored from the state file, the program): raw, the input would send them to
        the terminal."""
        return one_line(value) if CONTROL_CHARS.search(value) else value
