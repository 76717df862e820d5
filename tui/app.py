"""The Textual app: global bindings and the screen stack. Kept thin; behaviour lives in screens."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from coopbrowse.store import Store, __version__

from .screens.main import MainScreen


class CoopBrowseApp(App[int]):
    """Browse meetings and proposals from a coopbrowse store."""

    CSS_PATH = "app.tcss"
    TITLE = "coopbrowse"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.sub_title = f"{store.path.name} · v{__version__}"

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.store))
