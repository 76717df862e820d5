"""The Textual app: global keys, the command palette, the state file. Behaviour lives in screens."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from coopbrowse.store import StoreError, __version__
from coopbrowse.store.paths import resolve_state_path
from coopbrowse.store.text import one_line

from .keyorder import KeepsKeyOrder
from .listing import EarlyOpen
from .screens.main import MainScreen, Settings
from .state import UiState
from .widgets.detail import DetailPane
from .widgets.record_table import RecordTable
from .widgets.search_bar import SearchBar

if TYPE_CHECKING:
    from coopbrowse.store import Store


class CoopBrowseApp(KeepsKeyOrder, App[int]):
    """Browse meetings and proposals from a coopbrowse store."""

    CSS_PATH = "app.tcss"
    TITLE = "coopbrowse"
    BINDINGS = [
        # shown in the footer by the browser's own bindings, first, so 80 columns keep them
        Binding("q", "quit", "Quit", show=False, id="quit"),
        Binding("question_mark,f1", "help", "Help", show=False, id="help"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="command-palette"),
        Binding("tab", "focus_next", "Next pane", show=False, id="next-pane"),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False, id="previous-pane"),
    ]

    def __init__(
        self,
        db: Path | Store,
        *,
        state_path: Path | None = None,
        settings: Settings | None = None,
        early: EarlyOpen | None = None,
    ) -> None:
        """Browse the database at ``db`` (a path, or an open Store's). An index that
        describes it is opened while the app starts (``early``: started already, with the
        UI state read from ``state_path``), so the first frame shows the list; otherwise
        the database is opened, and indexed, behind a first frame that says so."""
        super().__init__()
        self.db_path = Path(db) if isinstance(db, str | os.PathLike) else db.path
        self.settings = settings or Settings()
        self.state_path = state_path or resolve_state_path(self.db_path)
        self.ui_state = early.state if early is not None else UiState.load(self.state_path)
        self._early = early
        self.load_error: StoreError | None = None  # re-raised by the CLI after exit
        self.keymap: dict[str, str] = {}  # binding id -> keys, from the user's keymap file
        self.collect_after_first_frame = False  # (the command line's launch: see cli.launch)
        self.keymap_warning = self._apply_keymap()
        self._asking_quit: Screen[Any] | None = None  # the question before quitting, if asked

    def _apply_keymap(self) -> str | None:
        """The user's keymap file, applied; a one-line warning when it had problems (the
        default keys stay for what was wrong)."""
        from .keymap import KEYMAP_ENV, binding_ids, keymap_path, load_keymap

        path = keymap_path()
        if not path.exists() and not path.is_symlink() and not os.environ.get(KEYMAP_ENV):
            return None  # (no screen module is imported for nothing at start-up)
        classes = all_binding_classes()
        keymap, warning = load_keymap(path, set(binding_ids(classes)), classes, widgets_within())
        if keymap:
            self.set_keymap(keymap)
            self.keymap = keymap  # (help and the palette say the keys as rebound)
        return warning

    def on_mount(self) -> None:
        if self.collect_after_first_frame:
            self.call_after_refresh(_collect_from_now_on)
        if self.keymap_warning:
            # (long enough to read a few problems; `coopbrowse locate` names the file)
            self.notify(one_line(self.keymap_warning), severity="warning", markup=False, timeout=30)

    def get_default_screen(self) -> Screen:
        """The browser is the first screen (no empty default screen is mounted first)."""
        self.title = f"coopbrowse {__version__}"
        self.sub_title = home_relative(self.db_path)
        return MainScreen(self.db_path, self.ui_state, self.settings, self._early)

    @property
    def main(self) -> MainScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)

    def help_sections(self) -> list[tuple[str, object]]:
        """The places whose keys the help lists, from their live bindings: a screen with
        keys of its own (the article and review forms) lists those."""
        own = getattr(self.screen, "help_sections", None)
        if callable(own):
            return own()
        return [
            ("Anywhere", self),
            ("Browsing", MainScreen),
            ("In the list", RecordTable),
            ("In the detail pane", DetailPane),
            ("In the search bar", SearchBar),
        ]

    def action_help(self) -> None:
        from .screens.help import HelpScreen  # (when asked for: not at every launch)

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sections()))  # type: ignore[arg-type]

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """End the app; a fetch under way stops first. Textual waits for its worker threads
        as it ends: one waiting on a slow server held a blank terminal until it let go."""
        pages = sys.modules.get("coopbrowse.store.pages")
        if pages is not None:  # (imported only if an article was ever read)
            pages.stop_fetches()
        super().exit(*args, **kwargs)

    async def action_quit(self) -> None:
        """Quit, the browser's state saved. Where a form or dialog holds work not saved, ask
        first: ctrl+q (Textual's quit, heard everywhere) closed the app at once from a
        follow-up with a note typed, and it was lost (a new user's trial)."""
        asking = self._asking_quit
        if asking is None or asking is not self.screen:  # (asked already: ctrl+q again quits)
            for screen in reversed(self.screen_stack):
                unsaved = getattr(screen, "unsaved_work", None)
                lost = unsaved() if callable(unsaved) else ""
                if lost:
                    from .screens.export import ConfirmScreen

                    def answered(quit_: bool | None) -> None:
                        self._asking_quit = None
                        if quit_:
                            self._quit_now()

                    said = f"Quit coopbrowse? {lost[0].upper()}{lost[1:]}."
                    self._asking_quit = ConfirmScreen(said, yes="Quit (y)")
                    self.push_screen(self._asking_quit, answered)
                    return
        self._quit_now()

    def _quit_now(self) -> None:
        main = self.main
        if main is not None:
            error = main.save_state()
            if error:
                self.exit(0, message=one_line(f"coopbrowse: warning: {error}"))
                return
        self.exit(0)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every described key binding is also a palette command."""
        from .keymap import bound_keys
        from .screens.help import describe_keys, with_textuals_keys

        own = {b.id: b for b in self.BINDINGS if isinstance(b, Binding)}

        def keys(binding_id: str) -> str:
            binding = own[binding_id]
            return describe_keys(
                with_textuals_keys(binding.action, bound_keys(binding, self.keymap))
            )

        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                continue  # (Textual's keys panel: the help says them, and esc left it open)
            if command.title == "Quit":  # (ours: the state saved, work not saved asked of)
                command = command._replace(help=f"Key: {keys('quit')}")
            yield command
        main = self.main
        targets: list[tuple[object, type]] = [(self, type(self))]
        if main is not None:
            targets.insert(0, (main, MainScreen))
        seen = {"quit", "help", "command_palette", "focus_next", "focus_previous"}
        seen |= {"app.quit", "app.help"}
        for node, cls in targets:
            for b in getattr(cls, "BINDINGS", []):
                if not isinstance(b, Binding) or not b.description or b.action in seen:
                    continue
                seen.add(b.action)
                yield SystemCommand(
                    b.description,
                    f"Key: {describe_keys(bound_keys(b, self.keymap))}",
                    partial(node.run_action, b.action),  # type: ignore[attr-defined]
                )
        yield SystemCommand("Help", f"Key: {keys('help')}", self.action_help)


# The collector after the first frame: a pass over the young objects every 20,000 new ones
# (Python's: 700), over the middle generation every fifth, over all every second of those.
COLLECTOR = (20_000, 5, 2)


def _collect_from_now_on() -> None:
    """After the first frame: what the start made lives as long as the app, and is kept
    out of the collector's full passes (one of them, over every module's objects, cost
    45 ms of a frame); from now on garbage is collected. (The start's own garbage, a few
    thousand objects of its 50,000, is frozen with it: a collection now would cost the
    45 ms it saves.)

    The collector runs less often than Python's default (``COLLECTOR``): a form of a few
    hundred widgets makes tens of thousands of objects, and at 700 its passes were 40% of
    the time it took to open. Full passes stay frequent enough that the garbage of closed
    forms goes: opening and closing a form 30 times, the process grew 129 to 140 MB (at
    Python's setting 106 to 116 MB; with full passes ten times rarer, 141 to 226 MB and
    growing)."""
    import gc

    from coopbrowse.store.storage import enable_collector

    gc.freeze()
    gc.set_threshold(*COLLECTOR)
    enable_collector()  # (a read that paused it turns it back on when done)


def widgets_within() -> dict[type, list[type]]:
    """Each screen's widgets with bindings of their own: focused, they hear a key before the
    screen, so a key rebound on one must not be the other's (see keymap.clashes)."""
    from .screens.export import ExportScreen
    from .screens.followup import FollowUpScreen
    from .screens.form import MeetingForm
    from .widgets.choice import Choice, ChoiceMenu
    from .widgets.toggles import Dots

    return {
        MainScreen: [RecordTable, DetailPane, SearchBar],
        MeetingForm: [Choice, ChoiceMenu],
        FollowUpScreen: [Choice, ChoiceMenu],
        ExportScreen: [Dots],
    }


def all_binding_classes() -> list[type]:
    """Every class whose bindings a keymap can rebind (and docs/keys.md lists)."""
    from .screens.article import ArticleScreen
    from .screens.compare import CompareScreen
    from .screens.export import ConfirmScreen, ExportScreen, SaveAsScreen
    from .screens.facets import FacetScreen
    from .screens.followup import FollowUpScreen
    from .screens.form import MeetingForm
    from .screens.help import HelpScreen
    from .widgets.choice import Choice, ChoiceMenu
    from .widgets.toggles import Dots

    return [
        CoopBrowseApp,
        MainScreen,
        RecordTable,
        DetailPane,
        SearchBar,
        ArticleScreen,
        MeetingForm,
        FollowUpScreen,
        CompareScreen,
        FacetScreen,
        ExportScreen,
        SaveAsScreen,
        ConfirmScreen,
        HelpScreen,
        Choice,
        ChoiceMenu,
        Dots,
    ]


def home_relative(path: Path) -> str:
    """``~/…`` for a path under the home directory (the header shows the database)."""
    from coopbrowse.store.text import one_line

    try:
        full = path.expanduser().absolute()
        home = Path.home()
        shown = f"~/{full.relative_to(home)}" if full.is_relative_to(home) else str(full)
    except (OSError, RuntimeError, ValueError):
        shown = str(path)
    return one_line(shown)
