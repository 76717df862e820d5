"""HelpScreen: every key, generated from the live bindings (never a hand-written list)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keymap import bound_keys
from ..widgets.footer import KeysFooter

if TYPE_CHECKING:
    from rich.console import Group


def describe_keys(keys: str) -> str:
    """``right_square_bracket,n`` -> ``] / n``."""
    names = {
        "right_square_bracket": "]",
        "left_square_bracket": "[",
        "question_mark": "?",
        "slash": "/",
        "space": "space",
        "escape": "esc",
        "shift+tab": "shift+tab",
    }
    return " / ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))


def with_textuals_keys(action: str, keys: str) -> str:
    """``keys`` (comma-separated) and the keys Textual's own App binds to ``action``, heard
    everywhere: ctrl+q quits too."""
    taken = keys.split(",")
    extra = [
        x.key
        for x in App.BINDINGS
        if isinstance(x, Binding) and x.action == action and x.key not in taken
    ]
    return ",".join([keys, *extra])


def binding_rows(
    nodes: Iterable[tuple[str, DOMNode | type]], keymap: Mapping[str, str] | None = None
) -> list[tuple[str, str, str]]:
    """(where, keys, description) for every described binding of ``nodes``, in order;
    ``keymap`` (binding id -> keys, the user's) gives the keys of those rebound."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for where, node in nodes:
        bindings = getattr(node if isinstance(node, type) else type(node), "BINDINGS", [])
        for b in bindings:
            if not isinstance(b, Binding) or not b.description:
                continue
            # the browser's own "app.help" is the app's "help": listed once
            app_action = b.action.startswith("app.")
            key = ("", b.action.removeprefix("app.")) if app_action else (where, b.action)
            if key in seen:
                continue
            seen.update({key, ("", b.action)})
            keys = bound_keys(b, keymap)
            if isinstance(node, App) or (isinstance(node, type) and issubclass(node, App)):
                keys = with_textuals_keys(b.action, keys)
            rows.append((where, describe_keys(keys), b.description))
    return rows


class HelpScreen(ModalScreen[None]):
    """Keys of the app, the list, the detail pane and the search bar."""

    CSS_PATH = "help.tcss"

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="close-help"),
        Binding("j,down", "scroll(1)", "Scroll down", show=False, id="help-down"),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False, id="help-up"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="help-page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="help-page-up"),
        Binding("g,home", "edge(0)", "Top", show=False, id="help-top"),
        Binding("G,end", "edge(1)", "Bottom", show=False, id="help-bottom"),
    ]

    def action_scroll(self, lines: int) -> None:
        # at once, not after the next frame: keys typed fast each scroll their line
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + lines, animate=False, immediate=True)

    def action_page(self, pages: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        step = max(1, body.scrollable_content_region.height - 1)
        body.scroll_to(y=body.scroll_y + pages * step, animate=False, immediate=True)

    def action_edge(self, end: int) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.scroll_to(y=body.max_scroll_y if end else 0, animate=False, immediate=True)

    def __init__(self, sections: list[tuple[str, DOMNode | type]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        from rich.console import Group

        # a heading, then a table of its keys, a section at a time: a heading in the keys'
        # column ("Reviewing a drafted meeting (tab moves between fields; …)") made that
        # column as wide as itself, and cut what each key does to "Disca"
        parts: list[Text | Table] = []
        table: Table | None = None
        current = None
        keymap = getattr(self.app, "keymap", None)  # (the browser's: the user's keys)
        for where, keys, description in binding_rows(self.sections, keymap):
            if where != current or table is None:
                if current is not None:
                    parts.append(Text(""))
                parts.append(Text(where, style="bold underline"))
                table = Table(box=None, expand=False, show_header=False, pad_edge=False)
                table.add_column("keys", style="bold cyan", no_wrap=True, min_width=22)
                table.add_column("does", min_width=30)
                parts.append(table)
                current = where
            table.add_row(Text(keys), Text(description))
        from ..widgets.search_bar import SearchBar

        with VerticalScroll(id="help-body"):
            yield Static(Text("coopbrowse keys", style="bold"), id="help-title")
            yield Static(Group(*parts))
            # (the query language where there is a search bar: not in a dialog's own help)
            if any(where is SearchBar for _name, where in self.sections):
                yield Static(Text("Searching", style="bold underline"), id="help-search-title")
                yield Static(search_help())
            yield Static(
                Text(
                    "Every action is also in the command palette (ctrl+p). The query language "
                    "in full: docs/search.md in the source.",
                    style="dim",
                ),
                id="help-end",
            )
        yield KeysFooter()


# What the search bar takes, by example (as the README's table), then its fields
_SEARCH_EXAMPLES = (
    ("elevator samara", "both words (a proposal also matches its meeting's region, people)"),
    ('"lift production"', "the words together; lift also finds elevator"),
    ("pharma*", "words that start so"),
    ("sector:elevators -region:samara", "elevator proposals anywhere but Samara"),
    ("(trams OR trolleybuses) date:2024..", "either word, in meetings since 2024"),
)


def search_help() -> Group:
    """The search bar's language in a few lines: examples, then every field."""
    from rich.console import Group

    from coopbrowse.store.query import FIELDS

    examples, fields = (
        Table(box=None, expand=False, show_header=False, pad_edge=False) for _ in range(2)
    )
    for table, width in ((examples, 22), (fields, 12)):
        table.add_column("type", style="bold cyan", no_wrap=True, min_width=width)
        table.add_column("finds", min_width=30)
    for typed, finds in _SEARCH_EXAMPLES:
        examples.add_row(Text(typed), Text(finds))
    for name, what in FIELDS.items():
        fields.add_row(Text(f"{name}:"), Text(what))
    return Group(examples, Text(""), fields)
