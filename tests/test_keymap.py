"""The user's keymap file: rebinding by binding id, and a bad file never stops the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import FAST, settle

from coopbrowse.store import Store
from coopbrowse.tui.app import CoopBrowseApp, all_binding_classes
from coopbrowse.tui.keymap import KEYMAP_ENV, binding_ids, load_keymap
from coopbrowse.tui.screens.form import EditScreen
from coopbrowse.tui.screens.main import MainScreen
from coopbrowse.tui.widgets.record_table import RecordTable

KNOWN = set(binding_ids(all_binding_classes()))


def test_every_binding_has_an_id_and_ids_are_unique() -> None:
    from textual.binding import Binding

    ids = [
        b.id
        for cls in all_binding_classes()
        for b in getattr(cls, "BINDINGS", [])
        if isinstance(b, Binding)
    ]
    assert all(ids) and len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("text", "keymap", "warning"),
    [
        ('edit = "ctrl+e"\n', {"edit": "ctrl+e"}, None),
        # named keys in any case, as Textual names them; a letter as written
        (
            'follow-up = "F2,f"\nedit = "Ctrl+Enter,E"\n',
            {"follow-up": "f2,f", "edit": "ctrl+enter,E"},
            None,
        ),
        # a letter after a modifier as a terminal sends it: Ctrl+O was kept as ctrl+O, which
        # no key sends, and the action had no key at all
        ('add-article = "Ctrl+O,ALT+x,alt+X"\n', {"add-article": "ctrl+o,alt+x,alt+shift+x"}, None),
        # shift with a letter alone is that capital (the terminal sends "X", never
        # shift+x); modifiers in Textual's order, whatever order they are written in
        (
            'export = "Shift+X,shift+ctrl+x,Ctrl+Alt+c"\n',
            {"export": "X,ctrl+shift+x,alt+ctrl+c"},
            None,
        ),
        ('export = "shift+1"\n', {}, "export: no key called 'shift+1'"),
        ('export = "ctrl+ctrl+x"\n', {}, "export: no key called 'ctrl+ctrl+x'"),
        # quit and help have two ids (the app's, the browser's): one rebinds both
        ('quit = "x"\n', {"quit": "x", "main-quit": "x"}, None),
        (  # (and help closes on it: see test_help_rebound_closes_on_its_new_key…)
            'main-help = "f2"\n',
            {"help": "f2", "main-help": "f2", "close-help": "escape,q,f2"},
            None,
        ),
        ('edit = "ctrl+e"\nnope = "x"\n', {"edit": "ctrl+e"}, "unknown binding id 'nope'"),
        ('edti = "ctrl+e"\n', {}, "unknown binding id 'edti' (did you mean edit?)"),
        ('cycle-sort = "."\n', {}, "or \"full_stop\", got '.'"),
        ("edit = 3\n", {}, "edit: expected keys"),
        ('edit = "ctrl+e; rm -rf"\n', {}, "edit: expected keys"),
        ("edit = \n", {}, "Invalid value"),
        ('search = "ctrl+nonsense"\n', {}, "search: no key called 'ctrl+nonsense'"),
        ('search = "hyper+f13,cmd+s"\n', {}, "search: no key called 'cmd+s'"),
        ('search = "question_mark,slash"\n', {"search": "question_mark,slash"}, None),
        # more than eight problems: eight named, the rest counted
        (
            "".join(f'no{i} = "x"\n' for i in range(10)),
            {},
            "unknown binding id 'no7'; and 2 more; default keys kept",
        ),
        # every problem named (the fourth too), on one line
        (
            'a = "x"\nb = "y"\nsearch = "ctrl+nonsense"\nedit = 5\n',
            {},
            "unknown binding id 'a'; unknown binding id 'b'; search: no key called "
            "'ctrl+nonsense'; edit: expected keys",
        ),
        ("", {}, None),
        # (from a hostile-input trial: each raised a traceback at launch) a kilobyte of
        # nested brackets, and a number longer than Python converts
        pytest.param("x = " + "[" * 500 + "]" * 500 + "\n", {}, "nested too deeply", id="deep"),
        pytest.param("edit = " + "9" * 5000 + "\n", {}, "Exceeds the limit", id="long-number"),
    ],
)
def test_load_keymap(tmp_path: Path, text: str, keymap, warning) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text(text)
    got, said = load_keymap(path, KNOWN)
    assert got == keymap
    if warning is None:
        assert said is None
    else:
        assert said is not None and warning in said and str(path) in said
        assert "\n" not in said


def test_a_key_another_binding_of_the_screen_has_is_refused_and_every_problem_named(
    tmp_path: Path,
) -> None:
    classes = all_binding_classes()
    path = tmp_path / "keymap.toml"
    path.write_text('view-meetings = "2"\nbogus = "x"\nsearch = "ctrl+nonsense"\nedit = "f2"\n')
    got, said = load_keymap(path, KNOWN, classes)
    assert got == {"edit": "f2"}  # the rest keep their default keys
    assert said is not None and "\n" not in said
    assert "view-meetings: '2' is already view-proposals's key" in said
    assert "unknown binding id 'bogus'" in said and "no key called 'ctrl+nonsense'" in said
    # a refused entry's binding back on its default key clashes in turn with the other
    path.write_text('view-meetings = "2"\nview-proposals = "3"\n')
    got, said = load_keymap(path, KNOWN, classes)
    assert got == {} and said is not None and "view-meetings" in said
    assert "view-proposals" in said
    # the app's keys are every screen's too: edit on ctrl+p would hide the command palette
    path.write_text('edit = "ctrl+p"\n')
    got, said = load_keymap(path, KNOWN, classes)
    assert got == {} and said is not None and "'ctrl+p' is already command-palette's key" in said
    # two bindings swapping their keys clash with nothing
    path.write_text('view-meetings = "2"\nview-proposals = "1"\n')
    assert load_keymap(path, KNOWN, classes) == (
        {"view-meetings": "2", "view-proposals": "1"},
        None,
    )


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        # keys whose code a terminal sends for another: the footer showed ^i Export, and
        # ctrl+i moved the focus (it arrives as tab), so export had no key at all
        ('export = "ctrl+i"\n', "export: a terminal sends 'ctrl+i' as tab"),
        ('export = "F2,ctrl+m"\n', "export: a terminal sends 'ctrl+m' as enter"),
        ('facets = "ctrl+h"\n', "facets: a terminal sends 'ctrl+h' as backspace"),
        # a key of a widget of the screen: export on j was never heard in the list
        ('export = "j"\n', "export: 'j' is already cursor-down's key"),
        ('edit = "n"\n', "edit: 'n' is already next-link's key"),
        ('detail-down = "e"\n', "detail-down: 'e' is already export's key"),
        # Textual's own quit on ctrl+q is heard first, everywhere: a dialog's cancel there
        # quit the app (a new user's trial)
        (
            'follow-up-cancel = "ctrl+q"\n',
            "follow-up-cancel: 'ctrl+q' is already Textual's own quit's key",
        ),
        # a binding heard before the fields, on a character: search = "j" took j from the
        # search bar (it typed "/" there) and from the list
        ('search = "j"\n', "search: 'j' would be taken from what is typed in a field"),
        ('form-add-row = "a"\n', "form-add-row: 'a' would be taken from what is typed"),
    ],
)
def test_a_key_that_would_never_reach_its_binding_is_refused(
    tmp_path: Path, text: str, warning: str
) -> None:
    from coopbrowse.tui.app import widgets_within

    path = tmp_path / "keymap.toml"
    path.write_text(text)
    got, said = load_keymap(path, KNOWN, all_binding_classes(), widgets_within())
    assert got == {} and said is not None and warning in said


def test_keys_that_reach_their_binding_are_kept(tmp_path: Path) -> None:
    from coopbrowse.tui.app import widgets_within

    path = tmp_path / "keymap.toml"
    # a key the list's binding and another widget's share is no clash (one has the focus);
    # the search on a control key; the bindings on keys nothing else has
    # (and ctrl+c: Textual's help_quit on it is no priority binding, and is not heard first)
    path.write_text(
        'cursor-down = "x"\nsearch = "ctrl+f,slash"\nexport = "ctrl+x"\nexport-copy = "ctrl+c"\n'
    )
    got, said = load_keymap(path, KNOWN, all_binding_classes(), widgets_within())
    assert said is None
    assert got == {
        "cursor-down": "x",
        "search": "ctrl+f,slash",
        "export": "ctrl+x",
        "export-copy": "ctrl+c",
    }


def test_help_rebound_closes_on_its_new_key_and_not_its_old(tmp_path: Path) -> None:
    from coopbrowse.tui.app import widgets_within

    path = tmp_path / "keymap.toml"
    path.write_text('help = "f2"\n')
    got, said = load_keymap(path, KNOWN, all_binding_classes(), widgets_within())
    assert said is None and got["close-help"] == "escape,q,f2"
    path.write_text('help = "f2"\nclose-help = "x"\n')  # the user's own, kept
    got, said = load_keymap(path, KNOWN, all_binding_classes(), widgets_within())
    assert said is None and got["close-help"] == "x"


def test_a_keymap_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """As Windows Notepad saves it: it was "Invalid statement (at line 1, column 1)"."""
    path = tmp_path / "keymap.toml"
    path.write_bytes(b'\xef\xbb\xbfedit = "ctrl+e"\n')
    assert load_keymap(path, KNOWN) == ({"edit": "ctrl+e"}, None)


def test_a_keymap_that_is_not_a_file_is_a_warning(tmp_path: Path, monkeypatch) -> None:
    got, said = load_keymap(tmp_path, KNOWN)  # a directory
    assert got == {} and said is not None and "default keys" in said
    assert said.count(str(tmp_path)) == 1  # (it was said twice: "keymap X: X: is a …")
    # the default file missing is no keymap; one named on purpose missing is a mistake
    missing = tmp_path / "nope.toml"
    monkeypatch.delenv(KEYMAP_ENV, raising=False)
    assert load_keymap(missing, KNOWN) == ({}, None)
    monkeypatch.setenv(KEYMAP_ENV, str(missing))
    got, said = load_keymap(missing, KNOWN)
    assert said == f"keymap {missing} ({KEYMAP_ENV}): no such file; using the default keys"


def test_quit_rebound_is_no_clash_with_the_browsers_quit(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('quit = "x"\n')
    got, said = load_keymap(path, KNOWN, all_binding_classes())
    assert got == {"quit": "x", "main-quit": "x"} and said is None
    # a key the app's binding cannot take (h is the counts table's) refuses both, said of
    # the id written: main-help kept h, and the warning named help
    path.write_text('main-help = "h"\n')
    got, said = load_keymap(path, KNOWN, all_binding_classes())
    assert got == {} and said is not None and "main-help: 'h' is already" in said
    assert "; help:" not in said and ": help:" not in said


def app_with_keymap(
    store: Store, tmp_path: Path, monkeypatch, text: str | None
) -> tuple[CoopBrowseApp, Path]:
    """An app whose keymap file (named by the environment) holds ``text`` (None: the file
    named does not exist)."""
    keymap = tmp_path / "keymap.toml"
    if text is not None:
        keymap.write_text(text)
    monkeypatch.setenv(KEYMAP_ENV, str(keymap))
    return CoopBrowseApp(store, state_path=tmp_path / "state.json", settings=FAST), keymap


@pytest.mark.parametrize(
    ("text", "old", "new", "screen"),
    [
        ('edit = "ctrl+e"\n', "E", "ctrl+e", "edit"),
        # kept as shift+x, shown in the footer, and X did nothing: the terminal sends X
        ('export = "Shift+X"\n', "e", "X", "export"),
    ],
)
async def test_a_rebound_key_works_and_the_old_one_is_free(
    store: Store, tmp_path: Path, monkeypatch, text: str, old: str, new: str, screen: str
) -> None:
    from coopbrowse.tui.screens.export import ExportScreen

    opens = {"edit": EditScreen, "export": ExportScreen}[screen]
    app, _keymap = app_with_keymap(store, tmp_path, monkeypatch, text)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press(old)
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)  # the old key no longer opens it
        await pilot.press(new)
        await settle(pilot, app)
        assert isinstance(app.screen, opens)


async def test_what_a_key_needs_is_said_with_the_users_key(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    """With compare rebound to C, pressing it with nothing selected said "c compares 2
    to 4 meetings: select them with space", and c did nothing."""
    app, _keymap = app_with_keymap(
        store, tmp_path, monkeypatch, 'compare = "C"\ntoggle-selection = "x"\n'
    )
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press("C")
        await settle(pilot, app)
        said = [str(n.message) for n in app._notifications]
        assert any(m.startswith("C compares 2 to 4 meetings: select them with x") for m in said)
        assert not any(m.startswith("c compares") for m in said)


@pytest.mark.parametrize("text", ["this is [not toml", None])
async def test_a_bad_keymap_warns_and_the_app_starts_with_default_keys(
    store: Store, tmp_path: Path, monkeypatch, text: str | None
) -> None:
    """None: the file the environment names does not exist (the app said nothing)."""
    app, keymap = app_with_keymap(store, tmp_path, monkeypatch, text)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        messages = [n.message for n in app._notifications]
        assert any(str(keymap) in m and "default keys" in m for m in messages)
        await pilot.press("E")
        await settle(pilot, app)
        assert isinstance(app.screen, EditScreen)


async def test_quit_rebound_moves_the_browsers_quit_too(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    """quit = "x" left the footer saying q, and q still quit."""
    from coopbrowse.tui.widgets.footer import KeysFooter

    app, _keymap = app_with_keymap(store, tmp_path, monkeypatch, 'quit = "x"\n')
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        quit_ = next(e for e in app.screen.query_one(KeysFooter).entries if e.description == "Quit")
        assert quit_.display == "x"
        await pilot.press("q")
        await settle(pilot, app)
        assert app.is_running and isinstance(app.screen, MainScreen)
        await pilot.press("x")
        await pilot.pause()
        assert not app.is_running


async def test_help_the_palette_and_the_footer_say_a_rebound_key(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    """Rebound, a key is shown as the user's everywhere, and keeps its place in the footer
    (Textual puts a rebound binding last, where a narrow footer cuts it off)."""
    from coopbrowse.tui.screens.help import HelpScreen, binding_rows
    from coopbrowse.tui.widgets.footer import KeysFooter

    app, _keymap = app_with_keymap(store, tmp_path, monkeypatch, 'edit = "ctrl+e"\n')
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        entries = app.screen.query_one(KeysFooter).entries
        words = [e.description for e in entries]
        edit = next(e for e in entries if e.description == "Edit")
        assert edit.display == "^e"
        assert words[:2] == ["Open", "Edit"]  # its own place: the meetings view's first
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["Edit"] == "Key: ctrl+e"
        await pilot.press("question_mark")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        rows = binding_rows(app.screen.sections, app.keymap)
        assert ("Browsing", "ctrl+e", "Edit") in rows
        # Textual's own ctrl+q quits too, from anywhere: help says so (it listed q alone)
        assert ("Anywhere", "q / ctrl+q", "Quit") in rows


async def test_the_search_bars_hint_names_the_rebound_search_key(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    from coopbrowse.tui.widgets.search_bar import QueryInput

    app, _keymap = app_with_keymap(store, tmp_path, monkeypatch, 'search = "ctrl+f"\n')
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        hint = str(app.screen.query_one(QueryInput).placeholder)
        assert hint.startswith("^f to search:"), hint
        await pilot.press("ctrl+f", "s", "a", "m", "a", "r", "a")
        await settle(pilot, app)
        assert app.screen.query_one(QueryInput).value == "samara"


async def test_the_lists_corner_names_the_rebound_sort_key(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    """The footer and help said "S Sort", the list's corner still "s: next sort"."""
    from coopbrowse.tui.widgets.record_table import RecordTable

    app, _keymap = app_with_keymap(store, tmp_path, monkeypatch, 'cycle-sort = "S"\n')
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        table = app.screen.query_one(RecordTable)
        assert str(table.border_subtitle).endswith(" · S: next sort"), table.border_subtitle
        await pilot.press("3")
        await settle(pilot, app)
        assert str(table.border_subtitle).endswith(" · S: next sort"), table.border_subtitle


async def test_the_search_bars_hint_says_slash_by_default(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    from coopbrowse.tui.widgets.search_bar import QueryInput

    app, _keymap = app_with_keymap(store, tmp_path, monkeypatch, 'edit = "ctrl+e"\n')
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        assert str(app.screen.query_one(QueryInput).placeholder).startswith("/ to search:")


async def test_the_view_line_and_the_lists_title_name_the_rebound_view_keys(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    text = 'view-meetings = "2"\nview-proposals = "1"\n'  # swapped
    app, _keymap = app_with_keymap(store, tmp_path, monkeypatch, text)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        main = app.screen
        assert isinstance(main, MainScreen)
        status = str(main.query_one("#status").render())
        assert "2 Meetings" in status and "1 Proposals" in status
        assert str(main.query_one(RecordTable).border_title).startswith("2 Meetings")
        await pilot.press("1")
        await settle(pilot, app)
        assert main.view == "proposals"


async def test_a_dialogs_buttons_say_the_rebound_keys(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    """The follow-up dialog's footer said ^w Save and its button "Save (ctrl+s)", where
    ctrl+s did nothing any more (a new user's trial): the buttons say the user's keys, and
    the default ones where not rebound."""
    from helpers import first_follow_up
    from textual.widgets import Button

    from coopbrowse.tui.screens.export import ConfirmScreen

    text = 'follow-up-save = "ctrl+w"\nconfirm-yes = "Y"\n'
    app, _keymap = app_with_keymap(store, tmp_path, monkeypatch, text)
    async with app.run_test(size=(160, 50)) as pilot:
        dialog = await first_follow_up(pilot, app)
        labels = {b.id: str(b.label) for b in dialog.query(Button)}
        assert labels == {"fu-save": "Save (ctrl+w)", "fu-cancel": "Cancel (esc)"}
        dialog.query_one("#fu-note").value = "a note"  # type: ignore[attr-defined]
        await pilot.press("escape")  # (a note typed: it asks)
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        labels = {b.id: str(b.label) for b in app.screen.query(Button)}
        assert labels == {"confirm-yes": "Discard (Y)", "confirm-no": "Cancel (n)"}
