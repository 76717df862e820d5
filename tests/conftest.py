"""Shared fixtures: every test gets its own database and state file under tmp_path."""

from __future__ import annotations

import contextlib
import os
import weakref
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import quiet

from coopbrowse.store import Store
from coopbrowse.store.dataset import load_bundled


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto``: a worker more than the cores. The app tests wait (on a pty, a lock, a
    child process, a timer) often enough that a third worker fills a 2-core machine: the
    suite took 62 s with three workers against 65-71 s with two.
    ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still decides when set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) + 1


@pytest.fixture(autouse=True)
def isolated_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the database and state at tmp_path; never touch the user's real files."""
    db = tmp_path / "coopbrowse.json"
    monkeypatch.setenv("COOPBROWSE_DB", str(db))
    monkeypatch.setenv("COOPBROWSE_STATE", str(tmp_path / "state.json"))
    monkeypatch.setenv("COOPBROWSE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    return db


@pytest.fixture(autouse=True)
def no_inherited_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """No COLUMNS or LINES, unless a test sets them. A library of the test process (GNU
    readline, once loaded) puts COLUMNS=80 and LINES=24 into the environment that child
    processes inherit, the xdist workers among them, though not into the main process's
    ``os.environ``: the CLI, piped, then laid its tables out 80 wide, as it does when a user
    asks for a width with COLUMNS."""
    for name in ("COLUMNS", "LINES"):
        monkeypatch.delenv(name, raising=False)
        os.unsetenv(name)


@pytest.fixture(autouse=True)
def waits_on_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot waits until the app's messages are handled, not for the CPU to look idle
    (see helpers.quiet)."""
    import textual.app
    import textual.pilot

    monkeypatch.setattr(textual.app, "wait_for_idle", quiet)
    monkeypatch.setattr(textual.pilot, "wait_for_idle", quiet)


@pytest.fixture(autouse=True, scope="session")
def css_parsed_once() -> Iterator[None]:
    """Each app under test parses the same stylesheets (Textual keeps what it parsed per
    app): they are parsed once for the session, for the same text and variables. Parsing
    is a function of those; an app still gets every rule, and any error, as parsed."""
    from textual.css.model import RuleSet
    from textual.css.stylesheet import Stylesheet

    parse_rules = Stylesheet._parse_rules
    parsed: dict[tuple[Any, ...], list[RuleSet]] = {}
    # each stylesheet's variables as a key (held weakly: an app's goes with it)
    variables: weakref.WeakKeyDictionary[
        Stylesheet, tuple[dict[str, str], frozenset[tuple[str, str]]]
    ] = weakref.WeakKeyDictionary()

    def parsed_once(
        self: Stylesheet,
        css: str,
        read_from: Any,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        known = variables.get(self)
        if known is None or known[0] is not self._variables:
            known = variables[self] = (self._variables, frozenset(self._variables.items()))
        key = (css, read_from, is_default_rules, tie_breaker, scope, known[1])
        rules = parsed.get(key)
        if rules is None:
            rules = parsed[key] = parse_rules(
                self, css, read_from, is_default_rules, tie_breaker, scope
            )
        return rules

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Stylesheet, "_parse_rules", parsed_once)
        yield


@pytest.fixture(autouse=True)
def no_animations(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scrolling jumps instead of gliding (as with TEXTUAL_ANIMATIONS=none): a key that
    scrolls (f6 to the next section of a form) is handled at once, where Pilot waited out
    each animation, idle."""
    import textual.constants

    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")


@pytest.fixture(autouse=True)
def paints_the_last_frame(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """An app under test paints only its last frame, unless the test is marked ``paints``.

    Run headless, Textual still renders every frame (every widget's lines, styled and
    cropped) and then throws the frame away: half the CPU time of the app tests. A test of
    behaviour asserts on the widgets' state, and of what they draw through their own
    ``render``/``render_line``; so the frames in between are skipped, and a screen is
    rendered in full as it leaves (popped, or the app quitting) and as the test leaves it:
    drawing code runs in every test, on each screen's last state, and an error in it fails
    the test. A test of painting itself (snapshots, what is drawn when, how often) is marked
    ``paints`` and renders every frame, as in a terminal.
    """
    if request.node.get_closest_marker("paints"):
        return
    from textual.app import App
    from textual.screen import Screen

    refresh = Screen._compositor_refresh

    def skip_the_frame(screen: Screen[Any]) -> None:
        app = screen.app
        if screen is not app.screen or app.is_inline:
            refresh(screen)  # (a screen below: only marks what the top must repaint)
            return
        screen._compositor._dirty_regions.clear()
        screen._dirty_widgets.clear()
        app._update_mouse_over(screen)

    def paint(app: App[Any]) -> None:
        """Render the top screen in full, as a terminal would show it now."""
        if app.is_running and app.screen_stack:
            app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)

    run_test, pop_screen, exit_app = App.run_test, App.pop_screen, App.exit

    @contextlib.asynccontextmanager
    async def run_test_painting_last(
        app: App[Any], *args: Any, **kwargs: Any
    ) -> AsyncIterator[Any]:
        async with run_test(app, *args, **kwargs) as pilot:
            yield pilot
            paint(app)

    def pop_screen_painted(app: App[Any]) -> Any:
        paint(app)  # a screen's last frame, before it goes
        return pop_screen(app)

    def exit_painted(app: App[Any], *args: Any, **kwargs: Any) -> None:
        paint(app)  # the last frame of an app that quits
        exit_app(app, *args, **kwargs)

    monkeypatch.setattr(Screen, "_compositor_refresh", skip_the_frame)
    monkeypatch.setattr(App, "run_test", run_test_painting_last)
    monkeypatch.setattr(App, "pop_screen", pop_screen_painted)
    monkeypatch.setattr(App, "exit", exit_painted)


@pytest.fixture
def db_path(isolated_paths: Path) -> Path:
    return isolated_paths


@pytest.fixture
def store(db_path: Path) -> Store:
    """A database freshly seeded from the bundled dataset."""
    return Store.open(db_path)


@pytest.fixture(scope="session")
def bundled():
    return load_bundled()


def pytest_collection_finish(session: pytest.Session) -> None:
    """The collector runs less often in the test process: what is loaded by now (Textual,
    the package, the collected tests) is frozen out of its passes, and a pass over the
    young objects starts every 50,000 new ones, not 700 (the app's own setting is alike:
    tui/app.py, COLLECTOR). An app under test makes tens of thousands of objects a form,
    and each pass walked them all: a quarter of the CPU time of the form tests. Full passes
    stay frequent (every tenth), so that the apps and files of earlier tests go with them:
    with them ten times rarer, dead apps and open files piled up in a worker."""
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 5, 2)
