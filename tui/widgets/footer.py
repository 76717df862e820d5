"""The footer: the keys of what has the focus, drawn as one line by one widget.

It shows what Textual's :class:`~textual.widgets.Footer` shows, in the same styles: each
shown binding of the focused chain (one entry per action, its first key), and the command
palette's key on the right. Textual's footer is a container of a widget per key (15 on the
list screen, half of that screen's widgets), and it throws away and mounts them all whenever
the screen's bindings may have changed: on every focus change. Mounting, styling and laying
out those keys was about 60 ms of the 200 ms the main screen takes to come up (measured in
process, 15 launches each way) and 15-25 ms of a frame at each rebuild. This widget is one
line of text: a change of keys is a repaint, and only when the keys shown differ.

The mouse works as on Textual's: a key under the pointer is highlighted and shows its
tooltip, pressing it presses the key, and the wheel brings keys cut off at the right edge of a
narrow screen into view (a key at a time).
"""

from __future__ import annotations

from typing import Any

from msgspec import Struct
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget


def typed_over(screen: Screen[Any], binding: Binding) -> bool:
    """Whether ``binding``'s key types a character into the focused text field instead (the
    footer showed "/ Search" while "/" went into the query)."""
    from textual.widgets import Input  # (the search bar's: imported at launch already)

    focused = screen.focused
    key = binding.key
    # (a TextArea by name: importing its module at launch would cost the first frame)
    text_field = isinstance(focused, Input) or any(
        c.__name__ == "TextArea" for c in type(focused).__mro__
    )
    return (
        text_field
        and not binding.priority
        and ((len(key) == 1 and key.isprintable()) or key in _CHARACTER_KEYS)
    )


MORE = " …"  # at the edge of a footer too narrow for all its keys

_CHARACTER_KEYS = frozenset((
    "slash", "question_mark", "space", "left_square_bracket", "right_square_bracket",
    "plus", "minus", "full_stop", "comma", "colon", "asterisk",
))  # fmt: skip


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
        if binding.show and not typed_over(screen, binding)
    )


def _binding_ids(screen: Screen[Any], name: str) -> tuple[str, ...]:
    ids = getattr(screen, name, ())
    return tuple(ids) if isinstance(ids, tuple | list) else ()


def footer_first(screen: Screen[Any]) -> tuple[str, ...]:
    """The ids of the bindings a screen wants shown before its others (its ``footer_first``:
    the keys of what it shows now, which a narrow footer would cut off)."""
    return _binding_ids(screen, "footer_first")


def footer_left_out(screen: Screen[Any]) -> tuple[str, ...]:
    """The ids of the bindings a screen's footer does not offer now (its
    ``footer_left_out``: keys for what it does not show; help still lists them)."""
    return _binding_ids(screen, "footer_left_out")


class FooterEntry(Struct, frozen=True):
    """One key as the footer shows it."""

    key: str  # what pressing it sends
    display: str  # how the key is written (after the user's keymap)
    description: str
    action: str
    enabled: bool
    tooltip: str


class KeysFooter(Widget):
    """The keys of the focused chain on one line, the command palette's at the right."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "footer-key--key",
        "footer-key--description",
        "footer-key--hover",
        "footer-key--palette-edge",
    }
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer-key--hover {
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        .footer-key--palette-edge {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: tuple[tuple[Any, ...], ...] | None = None
        self.entries: list[FooterEntry] = []  # left to right, the palette's not among them
        self.palette: FooterEntry | None = None
        self._hover: FooterEntry | None = None
        self._first = 0  # the first entry shown (the wheel moves it on a narrow screen)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        """The screen's bindings may have changed: repaint if the keys to show did."""
        if not (self.is_attached and screen is self.screen):
            return
        shown = (*shown_keys(screen), footer_first(screen), footer_left_out(screen))
        if shown == self._shown:
            return
        self._shown = shown
        self.entries, self.palette = self._entries(screen)
        self._hover, self._first = None, 0
        self.tooltip = None
        self.refresh()

    def _entries(self, screen: Screen[Any]) -> tuple[list[FooterEntry], FooterEntry | None]:
        app = screen.app
        by_action: dict[str, FooterEntry] = {}  # an action's first key stands for all
        chain: dict[int, int] = {}  # each node's place, where the focus is first
        place: dict[tuple[int, str], int] = {}  # each binding's in its class's BINDINGS

        first, left_out = footer_first(screen), footer_left_out(screen)

        def order(item: tuple[Any, ...]) -> tuple[int, int, int]:
            node, binding = item[0], item[1]
            if id(node) not in chain:
                chain[id(node)] = len(chain)
                for i, b in enumerate(getattr(type(node), "BINDINGS", [])):
                    if isinstance(b, Binding) and b.id:
                        place.setdefault((id(node), b.id), i)
            if binding.id in first:  # (the screen's keys for what it shows now, first)
                return chain[id(node)], 0, first.index(binding.id)
            return chain[id(node)], 1, place.get((id(node), binding.id or ""), 1 << 20)

        def entry(binding: Binding, enabled: bool, tooltip: str) -> FooterEntry:
            display = app.get_key_display(binding)
            return FooterEntry(
                binding.key, display, binding.description, binding.action, enabled, tooltip
            )

        # (in each node's own order: a key the user's keymap rebound keeps its place)
        for _node, binding, enabled, tooltip in sorted(screen.active_bindings.values(), key=order):
            if binding.id in left_out:
                continue
            if binding.show and binding.action not in by_action and not typed_over(screen, binding):
                by_action[binding.action] = entry(binding, enabled, tooltip)
        palette = None
        if app.ENABLE_COMMAND_PALETTE:
            found = screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                palette = entry(binding, enabled, binding.tooltip or binding.description)
        return list(by_action.values()), palette

    def visible_entries(self) -> list[FooterEntry]:
        """The entries drawn, whole or in part, at the footer's width."""
        return [entry for _start, _end, entry in self._place(self.size.width)]

    @staticmethod
    def _cells(entry: FooterEntry, compact: bool = False) -> tuple[str, str]:
        """The key's cells and the description's (the palette's key is drawn compact, as
        Textual draws it)."""
        if compact:
            return entry.display, f" {entry.description}" if entry.description else ""
        return f" {entry.display} ", f"{entry.description} " if entry.description else ""

    def _place(self, width: int) -> list[tuple[int, int, FooterEntry]]:
        """Where each entry drawn at ``width`` is: (first cell, end, entry), left to right;
        the palette's key last, at the right edge after a one-cell rule."""
        palette = 0
        if self.palette is not None:
            palette = 2 + sum(cell_len(part) for part in self._cells(self.palette, True))
            if palette > width:
                palette = 0
        room = width - palette
        spans: list[tuple[int, int, FooterEntry]] = []
        x = 0
        # whole keys only ("u" cut from its words said nothing): those that do not fit make
        # way for a "…" (MORE) at the edge, and the wheel brings them into view
        entries = self.entries[self._first :]
        for entry in entries:
            end = x + sum(cell_len(part) for part in self._cells(entry))
            if end > room:
                kept = spans
                while kept and kept[-1][1] > room - len(MORE):
                    kept = kept[:-1]
                # (room for one key but not for " …" too: that key, whole; none at all: as
                # much of the first as fits)
                spans = kept or spans[:1] or [(0, room, entry)]
                break
            spans.append((x, end, entry))
            x = end
        if palette and self.palette is not None:
            spans.append((room, width, self.palette))  # (its rule and last cell are its own)
        return spans

    def _cut(self, width: int) -> bool:
        """Whether the last entry is cut off (or not drawn) at ``width``."""
        spans = [span for span in self._place(width) if span[2] is not self.palette]
        if not spans or spans[-1][2] is not self.entries[-1]:
            return bool(self.entries)
        start, end, entry = spans[-1]
        return end - start < sum(cell_len(part) for part in self._cells(entry))

    def _entry_text(self, entry: FooterEntry, base: Style, compact: bool = False) -> Text:
        key, description = self._cells(entry, compact)
        description_style = self.get_component_rich_style("footer-key--description")
        if entry is self._hover:
            # the hover's background under the words, their colours their own (as Textual's
            # key under the pointer: its description's background is blended over it)
            description_style = Style.from_color(description_style.color)
        text = Text.assemble(
            (key, self.get_component_rich_style("footer-key--key")),
            (description, description_style),
        )
        if not entry.enabled:
            text.stylize(Style(dim=True))
        text.stylize_before(self._under(entry, base))
        return text

    def _under(self, entry: FooterEntry, base: Style) -> Style:
        """The style under ``entry``'s cells: the footer's, or the hover's."""
        if entry is self._hover:
            return base + self.get_component_rich_style("footer-key--hover")
        return base

    def render(self) -> Text:
        width = self.size.width
        base = self.rich_style
        spans = self._place(width)
        line = Text(no_wrap=True, overflow="crop", end="")
        room = width
        for start, _end, entry in spans:
            if entry is self.palette:
                room = start
                break
            line.append_text(self._entry_text(entry, base))
        if self._cut(width) and line.cell_len + len(MORE) <= room:
            line.append(MORE, base + self.get_component_rich_style("footer-key--description"))
        line.truncate(room, overflow="crop", pad=True)
        if room < width and self.palette is not None:
            under = self._under(self.palette, base)
            line.append("▏", under + self.get_component_rich_style("footer-key--palette-edge"))
            line.append_text(self._entry_text(self.palette, base, compact=True))
            line.append(" ", under)
        return line

    def _entry_at(self, x: int) -> FooterEntry | None:
        for start, end, entry in self._place(self.size.width):
            if start <= x < end:
                return entry
        return None

    def on_mouse_move(self, event: events.MouseMove) -> None:
        entry = self._entry_at(event.x)
        if entry is not self._hover:
            self._hover = entry
            self.tooltip = entry.tooltip if entry is not None and entry.tooltip else None
            self.styles.pointer = "default" if entry is None else "pointer"
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        self.tooltip = None
        if self._hover is not None:
            self._hover = None
            self.styles.pointer = "default"
            self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        """The keys cut off at the right come into view, a key at a time."""
        if self._cut(self.size.width) and self._first < len(self.entries) - 1:
            event.stop()
            self._first += 1
            self._hover = None
            self.refresh()

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        if self._first:
            event.stop()
            self._first -= 1
            self._hover = None
            self.refresh()

    def on_mouse_down(self, event: events.MouseDown) -> None:
        entry = self._entry_at(event.x)
        if entry is None:
            return
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()
