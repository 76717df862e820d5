"""A one-line dropdown for forms: the chosen label and an arrow; a menu of choices on demand.

Textual's ``Select`` mounts six widgets (its list among them) for every dropdown, open or
not: the meeting form, with a few dozen dropdowns, took seconds to open. :class:`Choice` is
one widget; its list is built only when it is opened (:class:`ChoiceMenu`, a small modal
screen under the dropdown). Keys: ``enter``, ``space``, ``↓`` or ``↑`` open the list, ``←`` /
``→`` step through the choices in place, and a letter jumps to the next choice that starts
with it. Labels are text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .typeahead import KeepsTypeahead

ARROW = " ▼"


class ChoiceMenu(ModalScreen[str | None]):
    """The choices of a :class:`Choice`, under it; ``enter`` or a click picks one, ``escape``
    (or a click elsewhere) keeps what was chosen."""

    DEFAULT_CSS = """
    ChoiceMenu {
        background: transparent;
        align: left top;
    }
    ChoiceMenu > OptionList {
        width: auto;
        min-width: 12;
        max-height: 14;
        border: tall $accent;
        background: $surface;
        padding: 0;
    }
    """

    BINDINGS = [Binding("escape", "dismiss_menu", "Keep", show=False, id="choice-keep")]

    def __init__(self, choices: Sequence[tuple[str, str]], value: str, at: tuple[int, int]):
        super().__init__()
        self.choices = list(choices)
        self.value = value
        self.at = at

    def compose(self) -> ComposeResult:
        options = [Option(Text(label), id=str(i)) for i, (label, _v) in enumerate(self.choices)]
        yield OptionList(*options)

    def on_mount(self) -> None:
        menu = self.query_one(OptionList)
        x, y = self.at
        # below the dropdown when the list fits there, else as low as it fits; as far right
        # as it fits (its border and a scrollbar included)
        height = min(len(self.choices), 12) + 2
        width = max(cell_len(label) for label, _v in self.choices) + 4
        menu.styles.max_width = self.size.width
        y = max(0, min(y, self.size.height - height))
        x = max(0, min(x, self.size.width - width))
        menu.styles.offset = (x, y)
        values = [v for _label, v in self.choices]
        menu.highlighted = values.index(self.value) if self.value in values else 0
        menu.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index][1])

    def on_click(self, event: events.Click) -> None:
        if event.widget is self:  # outside the list
            self.dismiss(None)

    def action_dismiss_menu(self) -> None:
        self.dismiss(None)


class Choice(KeepsTypeahead, can_focus=True):
    """A dropdown of ``(label, value)`` choices with one always chosen."""

    DEFAULT_CSS = """
    Choice {
        height: 1;
        width: auto;
        padding: 0 1;
        background: $boost;
        color: $foreground;
    }
    Choice:focus {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """

    BINDINGS = [
        Binding("enter,space,down,up", "open", "Choose", show=False, id="choice-open"),
        Binding("right", "step(1)", "Next choice", show=False, id="choice-next"),
        Binding("left", "step(-1)", "Previous choice", show=False, id="choice-previous"),
    ]

    value: reactive[str] = reactive("", init=False)

    class Changed(Message):
        """The chosen value changed (by the user or by setting :attr:`Choice.value`)."""

        def __init__(self, choice: Choice, value: str) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> Choice:
            return self.choice

    def __init__(
        self,
        choices: Sequence[tuple[str, str]],
        value: str | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        if not choices:
            raise ValueError("a Choice needs at least one choice")
        self.choices = list(choices)
        self._values = [v for _label, v in self.choices]
        self.set_reactive(Choice.value, value if value in self._values else self._values[0])

    @property
    def label(self) -> str:
        """The chosen choice's label."""
        return self.choices[self._values.index(self.value)][0]

    def validate_value(self, value: str) -> str:
        if value not in self._values:
            raise ValueError(f"{value!r} is not one of the choices")
        return value

    def watch_value(self, value: str) -> None:
        self.post_message(self.Changed(self, value))

    def render(self) -> Text:
        # a label too long for the width is cut, not the arrow that says this is a dropdown
        room = self.content_size.width - cell_len(ARROW)
        label = Text(self.label, no_wrap=True)
        if 0 < room < label.cell_len:
            label.truncate(room, overflow="ellipsis")
        return label + ARROW

    def get_content_width(self, container: object, viewport: object) -> int:
        return max(cell_len(label) for label, _v in self.choices) + cell_len(ARROW)

    def action_open(self) -> None:
        region = self.region
        self.app.push_screen(
            ChoiceMenu(self.choices, self.value, (region.x, region.y + 1)), self._picked
        )

    def _picked(self, value: str | None) -> None:
        if value is not None:
            self.value = value
        self.focus()

    def action_step(self, step: int) -> None:
        i = self._values.index(self.value)
        self.value = self._values[(i + step) % len(self._values)]

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.focus()
        self.action_open()

    def on_key(self, event: events.Key) -> None:
        """A letter or digit jumps to the next choice whose label starts with it."""
        char = event.character
        if not char or not char.isalnum() or len(char) != 1:
            return
        n = len(self.choices)
        start = self._values.index(self.value)
        for k in range(1, n + 1):
            label, value = self.choices[(start + k) % n]
            if label.casefold().startswith(char.casefold()):
                self.value = value
                event.stop()
                event.prevent_default()
                return
