"""ExportScreen: export the selection (or the highlighted row, or everything listed) to Markdown.

The dialog shows what will be exported, a destination prefilled with
``coopbrowse-<date>-<slug>.md`` in the current directory, options and a preview. Overwriting
asks first; a path that cannot be written shows its error here and loses nothing. The
document itself comes from :func:`coopbrowse.store.export.to_markdown`, the same function
``coopbrowse export`` uses.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct
from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, RadioSet, Static
from textual.widgets.input import Selection as TextSelection
from textual.worker import get_current_worker

from coopbrowse.store import StoreError, __version__
from coopbrowse.store.export import (
    ExportOptions,
    Selection,
    default_filename,
    markdown_chunks,
    select_from,
    to_markdown,
    write_markdown,
)
from coopbrowse.store.paths import expand
from coopbrowse.store.storage import check_export_target
from coopbrowse.store.text import one_line, plural, printable

from ..keymap import with_key
from ..keyorder import after_keys_of, bindings_for, send_keys
from ..widgets.footer import KeysFooter
from ..widgets.inputs import OrderedInput
from ..widgets.toggles import Dot, Dots, Tick
from ..widgets.typeahead import run_binding_now
from .opening import TakesKeysTypedWithIt

if TYPE_CHECKING:
    from coopbrowse.store.index import SearchIndex
    from coopbrowse.store.model import Meeting, Proposal

    from .opening import OpeningScreen


PREVIEW_LINES = 60


def _now() -> dt.datetime:
    """The generated-at time (a function, so tests can fix it)."""
    return dt.datetime.now(dt.UTC)


def _here() -> str:
    """The folder a file name without one is written in, shortened with ``~``."""
    here = Path.cwd()
    try:
        return f"~/{here.relative_to(Path.home())}" if here != Path.home() else "~"
    except ValueError:
        return str(here)


class Choice(Struct, frozen=True):
    """One thing the dialog can export: a label and the (kind, id) keys, or (``keys`` None)
    what ``view`` lists for ``query``, worked out when it is chosen."""

    label: str
    keys: list[tuple[str, str]] | None
    slug: str
    query: str = ""  # the query that listed these records, when it did
    view: str = "meetings"
    selected: bool = False  # the user's selection (offered first, with the others after it)


def export_counts(sel: Selection, keys: list[tuple[str, str]] | None = None) -> str:
    """What an export holds, in words: "2 meetings in full (23 proposals)", "1 proposal on
    its own", "2 meetings in full (23 proposals) and 1 proposal on its own" (not "0 meetings
    in full, 1 proposal on its own (1 proposal in all)"). With the ``keys`` selected, the
    proposals selected with their meeting are said too: "the selection (5 records)" was
    followed by four."""
    parts = []
    if sel.meetings:
        within = sum(len(m.proposals) for m in sel.meetings)
        meetings = plural(len(sel.meetings), "meeting")
        parts.append(f"{meetings} in full ({plural(within, 'proposal')})")
    if sel.proposals:
        own = "its" if len(sel.proposals) == 1 else "their"
        parts.append(f"{plural(len(sel.proposals), 'proposal')} on {own} own")
    said = " and ".join(parts) or "nothing"
    within_meetings = {p.id for m in sel.meetings for p in m.proposals}
    inside = sum(1 for kind, rid in keys or () if kind == "proposal" and rid in within_meetings)
    if inside and sel.meetings:  # ("1 selected proposal's meeting is exported in full")
        whose = "proposal's meeting is" if inside == 1 else "proposals' meetings are"
        said += f"; {inside:,} selected {whose} exported in full"
    return said


def _gone(sel: Selection, choice: Choice) -> str:
    """What to say when none of the records chosen is in the database any more (deleted by
    another process since they were listed or selected), or a query matches none now; ""
    when some are."""
    if sel.meetings or sel.proposals:
        return ""
    if choice.keys is None:
        return "nothing matches it in the database now"
    return "none of these records is in the database now (deleted by another process?)"


def _rendering(
    stop: Callable[[], bool] | None, said: Callable[[str], object] | None
) -> Callable[[int, int], None]:
    """What hears how far a briefing's rendering is: it says so, and gives up (GivenUp)
    once ``stop()`` holds."""

    def rendering(done: int, total: int) -> None:
        if stop is not None and stop():
            raise GivenUp
        if said is not None:
            said(f"rendering {done:,} of {total:,} sections…")

    return rendering


class GivenUp(Exception):
    """A selection no longer wanted while it was being read (the dialog closed, a newer
    preview began, or escape came before the export was written)."""


class _Watched:
    """The index as a record source that gives up between records once ``stop()`` holds,
    and says every few hundred records how many it has read (``said(done)``): reading a
    selection of 40,000 meetings takes seconds, which the dialog tells as it goes, and
    which a closed dialog should not go on spending."""

    EVERY = 500

    def __init__(
        self,
        index: SearchIndex,
        stop: Callable[[], bool],
        said: Callable[[int], object] | None = None,
    ) -> None:
        self.index, self.stop, self.said = index, stop, said
        self.done = 0

    def _next(self) -> None:
        if self.stop():
            raise GivenUp
        self.done += 1
        if self.said is not None and self.done % self.EVERY == 0:
            self.said(self.done)

    def meeting(self, meeting_id: str) -> Meeting | None:
        self._next()
        return self.index.meeting(meeting_id)

    def proposal(self, proposal_id: str) -> tuple[Proposal, Meeting] | None:
        self._next()
        return self.index.proposal(proposal_id)


class AnswerButton(Button):
    """A question's button. A key it gets once the focus has left it, or once the question
    has closed, was typed for where the focus is now, and goes there: the keys behind the
    answer ("u y jj": the j's) to the list under the question (they were lost with it), and
    an enter behind a tab to the button the tab went to (it pressed the one it left, Delete,
    as a review found)."""

    async def _on_key(self, event: events.Key) -> None:
        if self.screen is not self.app.screen or self.screen.focused is not self:
            event.stop()
            event.prevent_default()
            send_keys(self.app, [event])
            return
        # its binding runs now, not once the key has bubbled up: the keys queued behind it
        # find the question answered, or the focus moved
        if await run_binding_now(self, event):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question."""

    CSS_PATH = "export.tcss"

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm-no"),
    ]

    def __init__(self, question: str, yes: str = "Overwrite (y)") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(_indented(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                # (the keys as the user's keymap has them: "Undo (y)" was said after y moved)
                yes = self.yes.removesuffix(" (y)")
                if yes != self.yes:
                    yes = with_key(self.app, yes, "confirm-yes", "y")
                yield AnswerButton(yes, id="confirm-yes", variant="warning")
                yield AnswerButton(with_key(self.app, "Cancel", "confirm-no", "n"), id="confirm-no")
        yield KeysFooter()  # this dialog's keys, not those of the screen under it

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()  # enter never confirms by accident

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def _indented(question: str) -> Group:
    """``question``'s lines, each indented line wrapping under its own start (an undo's
    "  proposals[…].title: …" went on at the dialog's left edge)."""
    lines = []
    for line in printable(question).split("\n"):
        text = line.lstrip(" ")
        lines.append(Padding(Text(text), (0, 0, 0, len(line) - len(text))))
    return Group(*lines)


def confirm(
    screen: Screen[Any],
    question: str,
    then: Callable[[], object],
    yes: str = "Overwrite (y)",
    otherwise: Callable[[], object] | None = None,
    opening: OpeningScreen | None = None,
) -> None:
    """Ask ``question``; run ``then`` only on yes (cancel has the focus), ``otherwise``
    on no. ``opening``: the screen that kept the keys typed while the question was on its
    way (they go to the question)."""

    def answered(ok: bool | None) -> None:
        if ok:
            then()
        elif otherwise is not None:
            otherwise()

    question_screen = ConfirmScreen(question, yes=yes)
    if opening is not None:
        opening.call_later(opening.hand_over, question_screen, answered)
    else:
        screen.app.push_screen(question_screen, answered)


def target_problem(path: Path) -> str | None:
    """Why ``path`` cannot take a document, said before anything is asked or written (a
    directory, a pipe, a device, a symbolic link, a folder that does not exist, a name no
    file can have); None when it can."""
    try:
        check_export_target(path, force=True)
    except StoreError as exc:
        return str(exc)
    except (ValueError, OSError) as exc:  # "embedded null byte", a name too long
        return f"{path}: not a usable file name ({exc})"
    try:
        if not path.parent.is_dir():
            return f"{path.parent}: directory does not exist"
    except OSError as exc:
        return f"{path}: not a usable file name ({exc})"
    return None


def take_target(
    dialog: SaveAsScreen | ExportScreen, raw: str, then: Callable[[Path, bool], object]
) -> None:
    """The path typed in a dialog, checked: an empty name or a path that cannot take a
    document is said in the dialog; an existing file asks first. ``then(path, overwrite)``
    runs once the path is good. The file system is asked in a worker (a path on a slow or
    hung mount never freezes the screen); only the latest check is acted on."""
    if not raw.strip():
        dialog.refuse("Give a file name.")
        return
    try:
        given = expand(raw.strip())
    except StoreError as exc:  # (~nosuchuser: no home to expand)
        dialog.refuse(f"Not written: {exc}")
        return
    dialog.target_ticket += 1
    ticket = dialog.target_ticket

    def answered(path: Path, problem: str | None, exists: bool) -> None:
        if ticket != dialog.target_ticket or not dialog.is_attached:
            return  # a newer path was given, or the dialog is gone
        dialog.show_error("")
        if problem:
            dialog.refuse(f"Not written: {problem}")
        elif exists:

            def overwrite() -> None:
                dialog.keep_keys_from_now()  # (typed after "y": for what comes once written)
                then(path, True)

            confirm(dialog, f"{path} exists. Overwrite it?", overwrite)
            dialog.send_kept_keys()  # (typed after enter: "y" answers the question)
        else:
            then(path, False)

    def check() -> None:
        path = given
        # a name without an extension is a Markdown file's ("lifts": lifts.md), unless it
        # names a directory (said to be one, as before)
        try:
            directory = given.is_dir()
        except OSError:  # (a name too long to ask about: said as such below)
            directory = False
        if not given.suffix and not raw.strip().endswith((".", "/")) and not directory:
            path = given.with_name(given.name + ".md")
        problem = target_problem(path)
        try:
            exists = problem is None and path.exists()
        except OSError as exc:
            problem, exists = f"{path}: not a usable file name ({exc})", False
        dialog.app.call_from_thread(answered, path, problem, exists)

    dialog.show_note("Checking the path…")
    dialog.run_worker(check, thread=True, group="target", name="check the path")


class KeepsKeysTypedAfter(Widget):
    """For a dialog that closes once what it was asked to do is done (``class
    Dialog(ModalScreen[...], KeepsKeysTypedAfter)``): the keys typed after the key that asks
    for it ("final", enter, "jj") are kept, not typed into the file name while the path is
    checked and the file written (``finaljj.md``). They go where they were meant for: to
    the screen under the dialog once it closes, to a question it asks (a file that exists),
    back into the dialog when it stays with an error. Its ``ACTS_AT_ONCE`` keys (escape)
    are not kept."""

    ACTS_AT_ONCE: frozenset[str] = frozenset()  # binding ids
    ERROR_ID = ""  # the line the dialog says its errors and notes on ("#export-error")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kept_keys: list[events.Key] = []
        self._keeping = False
        self.path_refused = False  # an error said of the path, until the path is edited
        self.replayed_edits = 0  # edits of the path by keys typed ahead, still to come

    def show_error(self, message: str) -> None:
        if not self.is_attached:  # (closed while a worker read the records)
            return
        self.query_one(self.ERROR_ID, Static).update(Text(printable(message), style="bold red"))
        self.path_refused = True

    def show_note(self, message: str) -> None:
        self.query_one(self.ERROR_ID, Static).update(Text(printable(message), style="dim"))
        self.path_refused = False

    def keep_keys_from_now(self) -> None:
        self._keeping = True

    def keeps_key(self, event: events.Key) -> bool:
        """(Called by the app for each key typed while this dialog is the screen, in the
        order they were typed.)"""
        if not self._keeping:
            if event.key == "enter" and isinstance(self.screen.focused, Input):
                # the field will submit, which asks for the dialog's work: the keys after
                # it wait (the field takes the enter later, from its own queue, and the
                # keys typed after it would reach the field before it is read)
                self._keeping = True
            return False
        ids = {binding.id for binding in bindings_for(self.screen, event.key)}
        if ids & self.ACTS_AT_ONCE:
            return False
        self.kept_keys.append(event)
        return True

    def send_kept_keys(self) -> None:
        """The keys kept on to whatever is on top now: call it after closing the dialog,
        asking a question or saying an error."""
        self._keeping = False
        keys, self.kept_keys = self.kept_keys, []
        send_keys(self.app, keys)

    def refuse(self, message: str) -> None:
        """Say why the file is not written; the keys kept go back into the dialog, which
        stays (not on an error of something else: a preview's). The error goes at the next
        edit of the path, unless keys typed ahead are to edit it now: then it stays, or it
        would go before it was seen ("/", enter, "x": no word of why nothing was written)."""
        self.show_error(message)
        # (the edits the keys typed ahead make are not the user's after seeing it: counted,
        # and passed over; a timer on them went wrong on a slow machine, a review found)
        self.replayed_edits = sum(
            1 for k in self.kept_keys if k.is_printable or k.key in ("backspace", "delete")
        )
        if self.replayed_edits:  # (and, should one of them change nothing, a second later)
            self.set_timer(1.0, self._replayed)
        self.send_kept_keys()

    def _replayed(self) -> None:
        self.replayed_edits = 0

    def path_edit_clears(self) -> bool:
        """Whether an edit of the path takes away the error said of it (see refuse)."""
        if self.replayed_edits:
            self.replayed_edits -= 1
            return False
        return self.path_refused

    def close_with(self, result: Any) -> None:
        """Dismiss the dialog, the keys kept going to the screen under it."""
        self.dismiss(result)  # type: ignore[attr-defined]
        self.send_kept_keys()


class SaveAsScreen(
    ModalScreen[tuple[Path, bool] | None], KeepsKeysTypedAfter, TakesKeysTypedWithIt
):
    """Where to write a document: a path prefilled with ``default``, checked before it is
    taken (a directory, a pipe or a device is refused here, an existing file asks first).
    ``write(path, overwrite)``, when given, writes it from here (in a worker): a failure is
    said in the dialog, which stays with the path typed. Dismisses with ``(path,
    overwrite)`` (written, when ``write`` was given), or None when cancelled."""

    CSS_PATH = "export.tcss"
    FIRST_FIELD = "#save-as-path"  # ("e" and a file name typed at once: the name lands here)
    ACTS_AT_ONCE = frozenset({"save-as-cancel"})
    ERROR_ID = "#save-as-error"

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="save-as-cancel")]

    def __init__(
        self, title: str, default: str, write: Callable[[Path, bool], object] | None = None
    ) -> None:
        super().__init__()
        self.title_text = title
        self.default = default
        self.write = write
        self.writing = False  # (while written, the dialog stays: its answer is to come)
        self.target_ticket = 0  # the latest path check (take_target)

    def compose(self) -> ComposeResult:
        with Vertical(id="save-as-box"):
            yield Label(Text(printable(self.title_text)), id="export-title")
            # (where a name without a folder goes, as the export dialog says)
            yield Label(
                Text(f"File (in {one_line(_here())}; enter writes it)", overflow="ellipsis"),
                id="save-as-label",
            )
            yield OrderedInput(self.default, id="save-as-path")
            yield Static(id="save-as-error")
            with Horizontal(id="export-buttons"):
                yield Button("Write (enter)", id="save-as-write", variant="primary")
                yield Button(
                    with_key(self.app, "Cancel", "save-as-cancel", "esc"), id="save-as-cancel"
                )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#save-as-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_write()

    def on_input_changed(self, event: Input.Changed) -> None:
        if self.path_edit_clears():  # (what was said of the path before is not of this one)
            self.show_note("")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save-as-write":
            self.action_write()
        else:
            self.action_cancel()

    def action_write(self) -> None:
        if self.writing:
            return
        self.keep_keys_from_now()
        raw = self.query_one("#save-as-path", Input).value
        if self.write is None:
            take_target(self, raw, lambda path, force: self.close_with((path, force)))
        else:
            take_target(self, raw, self._write_here)

    def _write_here(self, path: Path, force: bool) -> None:
        self.writing = True
        self.show_note("Writing…")
        self._written(path, force)

    @work(thread=True, exclusive=True, group="save-as")
    def _written(self, path: Path, force: bool) -> None:
        assert self.write is not None
        try:
            self.write(path, force)
        except StoreError as exc:  # (a path that passed the check, and still would not take it)
            self.app.call_from_thread(self._not_written, f"Not written: {exc}")
            return
        self.app.call_from_thread(self.close_with, (path, force))

    def _not_written(self, message: str) -> None:
        self.writing = False
        self.refuse(message)

    def action_cancel(self) -> None:
        if self.writing:  # (escape would leave a write with no word of how it went)
            self.app.bell()
            return
        self.target_ticket += 1  # (a path still being checked is not written to)
        self.close_with(None)


SHORT = 32  # lines: below, the export dialog is laid out compact


class ExportScreen(ModalScreen[str | None], KeepsKeysTypedAfter, TakesKeysTypedWithIt):
    """Export dialog; dismisses with the written path (or None when cancelled)."""

    CSS_PATH = "export.tcss"
    FIRST_FIELD = "#export-path"
    ACTS_AT_ONCE = frozenset({"export-cancel"})
    ERROR_ID = "#export-error"
    # the file name is focused as it opens (on_mount); Textual's first focusable, the
    # choice, scrolled the dialog to itself on the way, hiding its heading in 24 lines
    AUTO_FOCUS = ""
    # in a short terminal (24 lines) the dialog takes the whole height and its buttons one
    # line each: the preview showed two lines, and the buttons only their top edges
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT, "-tall")]

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export-cancel"),
        # priority: the path input would otherwise take ctrl+e (end of line)
        Binding("ctrl+e", "export", "Export", id="export-write", priority=True),
        Binding("ctrl+y", "copy", "Copy Markdown", id="export-copy", priority=True),
        # (as in the file name: enter on the choice of what to export writes it too)
        Binding("enter", "export", "Export", show=False, id="export-enter"),
        # from the file name, the title or a box: what to export (the choice takes its own)
        Binding("down", "choose(1)", "Next choice", show=False, id="export-next-choice"),
        Binding("up", "choose(-1)", "Previous choice", show=False, id="export-previous-choice"),
    ]

    def __init__(self, index: SearchIndex, choices: list[Choice]) -> None:
        super().__init__()
        self.index = index
        self.choices = choices
        self.choice = choices[0]
        self._selections: dict[int, Selection] = {}
        self._ticket = 0
        self.target_ticket = 0  # the latest path check (take_target)
        self.ready = False  # the preview of the current choice and options is shown
        self.writing = False  # a write is on its way (rendered, then written, in a worker)
        self._cancelled = threading.Event()  # escape while writing: write nothing more
        self.closed = False  # escape came: nothing asked for before it is done any more

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label("Export to Markdown", id="export-title")
            if len(self.choices) > 1:
                selected = self.choices[0].selected
                said = "Export" if selected else "Nothing is selected. Export"
                yield Static(f"{said} (↑/↓ choose):", classes="export-note")
                with Dots(id="export-what"):
                    for i, choice in enumerate(self.choices):
                        yield Dot(choice.label, value=i == 0, id=f"what-{i}")
            yield Static(id="export-counts")
            # The file name first: it has the focus, and a name typed at once lands in it.
            # Below the title, a new user typed a title into it (and nearly wrote a file
            # named so). (Where a name without a folder goes: the folder the app was
            # started in.)
            yield Label(
                Text(f"File (in {one_line(_here())})", overflow="ellipsis"), id="export-file-label"
            )
            yield OrderedInput(id="export-path")
            yield Label("Title")
            yield OrderedInput(id="export-doc-title")
            with Horizontal(id="export-options"):
                yield Tick("Trade tables", True, id="opt-trade")
                # (short: the three fit on one line at 70 columns)
                overview = Tick("Overview", True, id="opt-overview")
                overview.tooltip = "proposals by sector across regions; trade by region and year"
                yield overview
                yield Tick("Sources", True, id="opt-sources")
            yield Static(id="export-error")
            with VerticalScroll(id="export-preview"):
                yield Static(id="export-preview-text", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button(
                    with_key(self.app, "Export", "export-write", "ctrl+e"),
                    id="do-export",
                    variant="primary",
                )
                # (short: the three fit a 72-column terminal; "Copy Markdown (ctrl+y)" cut
                # the Cancel button off at the edge)
                copy = Button(with_key(self.app, "Copy", "export-copy", "ctrl+y"), id="do-copy")
                copy.tooltip = "Copy the Markdown to the clipboard"
                yield copy
                yield Button(with_key(self.app, "Cancel", "export-cancel", "esc"), id="do-cancel")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).value = default_filename(self.choice.slug)
        self.query_one("#export-doc-title", Input).value = self._default_title()
        self.refresh_preview()
        # the file name first, whatever there is to choose (the arrows choose from there): a
        # name typed at once lands in it, with a choice or without
        self.query_one("#export-path", Input).focus(scroll_visible=False)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if event.widget.id == "export-path":  # (as it opens, and back in it: all selected,
            self.call_after_refresh(self._name_from_its_start)  # as Textual does, from its start)

    def _name_from_its_start(self) -> None:
        """The file name, all of it selected (a name typed replaces it), shown from its
        start: at 80 columns it showed its end ("-07-lukashenko-and-zdunov-…md"; a trial)."""
        path = self.query_one("#export-path", Input)
        if self.focused is path and path.selection == TextSelection(0, len(path.value)):
            path.selection = TextSelection(len(path.value), 0)

    def on_unmount(self) -> None:
        # the records read for the choices go with the dialog (a selection of 100,000
        # meetings is gigabytes: they stayed held after the dialog closed)
        self._selections.clear()

    # What and how -----------------------------------------------------------------------

    def selection(
        self,
        choice: Choice,
        stop: Callable[[], bool] | None = None,
        said: Callable[[str], object] | None = None,
    ) -> Selection:
        """The records of ``choice`` (read from the index; call it off the UI thread);
        :class:`GivenUp` as soon as ``stop()`` holds. ``said`` hears how far the reading of
        a large selection is ("Reading the records: 1,500 of 44,000…")."""
        key = self.choices.index(choice)
        found = self._selections.get(key)
        if found is None:
            keys = choice.keys
            if keys is None:
                view = choice.view if choice.view in ("proposals", "followup") else "meetings"
                order = "status" if view == "followup" else "newest"
                keys = self.index.keys(self.index.listing(view, choice.query, order))
            total = len(keys)

            def read(done: int) -> None:
                if said is not None:
                    said(f"Reading the records: {done:,} of {total:,}…")

            source = self.index if stop is None else _Watched(self.index, stop, read)
            found = self._selections[key] = select_from(source, keys)
        return found

    def _default_title(self) -> str:
        query = self.choice.query
        return "Cooperation briefing" + (f": {query}" if query else "")

    def options(self) -> ExportOptions:
        query = self.choice.query
        typed = self.query_one("#export-doc-title", Input).value.strip()
        return ExportOptions(
            title=typed or self._default_title(),
            query=query,
            regions=self.choice.keys is None and self.choice.view == "regions",
            trade_tables=self.query_one("#opt-trade", Checkbox).value,
            overview=self.query_one("#opt-overview", Checkbox).value,
            sources=self.query_one("#opt-sources", Checkbox).value,
        )

    def markdown(
        self,
        choice: Choice,
        options: ExportOptions,
        max_lines: int | None = None,
        stop: Callable[[], bool] | None = None,
        said: Callable[[str], object] | None = None,
    ) -> str:
        """The briefing of ``choice``; ``stop`` and ``said`` as for :meth:`selection`, for
        its rendering too."""
        return to_markdown(
            self.selection(choice, stop, said),
            options,
            now=_now(),
            version=__version__,
            max_lines=max_lines,
            progress=_rendering(stop, said),
        )

    def markdown_chunks(
        self,
        choice: Choice,
        options: ExportOptions,
        stop: Callable[[], bool] | None = None,
        said: Callable[[str], object] | None = None,
    ) -> Iterator[str]:
        """The same briefing a section at a time, rendered as the chunks are taken (to be
        written as they come: :func:`coopbrowse.store.export.markdown_chunks`)."""
        return markdown_chunks(
            self.selection(choice, stop, said),
            options,
            now=_now(),
            version=__version__,
            progress=_rendering(stop, said),
        )

    def refresh_preview(self) -> None:
        """Show what the current choice exports: counts and the first lines (worked out
        in a worker: a selection of thousands of meetings is not rendered to preview it)."""
        self._ticket += 1
        self.ready = False
        self.query_one("#export-counts", Static).update(Text("Preparing the preview…", "dim"))
        # (the preview shown is the choice's before until then: dimmed, not passed off as this
        # one's; at 100,000 meetings "everything listed" takes half a minute to read)
        self.query_one("#export-preview").add_class("-stale")
        self._preview(self._ticket, self.choice, self.options())

    @work(thread=True, exclusive=True, group="preview")
    def _preview(self, ticket: int, choice: Choice, options: ExportOptions) -> None:
        worker = get_current_worker()

        def stop() -> bool:  # (a newer preview cancels this one; closing, all of them)
            return worker.is_cancelled or ticket != self._ticket or not self.is_attached

        def said(what: str) -> None:
            self.app.call_from_thread(self._show_reading, ticket, what)

        try:
            sel = self.selection(choice, stop, said)
            shown = self.markdown(choice, options, max_lines=PREVIEW_LINES + 1)
        except GivenUp:
            return
        except StoreError as exc:
            self.app.call_from_thread(self.show_error, f"Cannot read the records: {exc}")
            return
        counts = f"{choice.label}: {_gone(sel, choice) or export_counts(sel, choice.keys)}"
        lines = shown.splitlines()
        text = "\n".join(lines[:PREVIEW_LINES])
        if len(lines) > PREVIEW_LINES:
            text += f"\n… (the first {PREVIEW_LINES} lines)"
        self.app.call_from_thread(self._show_preview, ticket, counts, text)

    def _show_reading(self, ticket: int, what: str) -> None:
        if ticket == self._ticket and self.is_attached:
            self.query_one("#export-counts", Static).update(Text(what, "dim"))

    def _show_preview(self, ticket: int, counts: str, text: str) -> None:
        if ticket != self._ticket or not self.is_attached:  # (a newer one; or closed meanwhile)
            return
        self.query_one("#export-counts", Static).update(Text(printable(counts)))
        self.query_one("#export-preview-text", Static).update(Text(printable(text)))
        self.query_one("#export-preview").remove_class("-stale")
        self.ready = True

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "export-doc-title":  # (the preview shows the title)
            self.refresh_preview()
        elif event.input.id == "export-path" and self.path_edit_clears():
            # (what was said of the path before is not of this one: "Not written: /proc/x.md"
            # stayed over a path typed since, as if of it)
            self.show_note("")

    def _chosen(self) -> Choice:
        """What is to be exported, as the radio buttons say now: ``ctrl+e`` typed right
        after an arrow comes before the set's message that the choice changed."""
        what = self.query("#export-what")
        chosen = what.first(Dots).chosen if what else -1
        if 0 <= chosen < len(self.choices) and self.choices[chosen] is not self.choice:
            self._choice_changed(self.choices[chosen])
        return self.choice

    def action_choose(self, step: int) -> None:
        """Choose the next (``step`` 1) or previous (-1) thing to export, from wherever the
        focus is; nothing when there is nothing to choose."""
        what = self.query("#export-what")
        if not what:
            return
        dots = what.first(Dots)
        dots.action_next_button() if step > 0 else dots.action_previous_button()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        if event.radio_set.pressed_index >= 0:
            self._choice_changed(self.choices[event.radio_set.pressed_index])

    def _choice_changed(self, choice: Choice) -> None:
        if choice is self.choice:
            return
        was, named = self._default_title(), default_filename(self.choice.slug)
        self.choice = choice
        title = self.query_one("#export-doc-title", Input)
        if title.value == was:  # (not one typed: it follows what is exported)
            title.value = self._default_title()
        path = self.query_one("#export-path", Input)
        if path.value == named:  # (nor a name typed or edited: "coopbrowse-…-final.md")
            path.value = default_filename(self.choice.slug)
            if self.focused is path:  # (still all of it to be replaced, seen from its start)
                path.selection = TextSelection(len(path.value), 0)
        self.refresh_preview()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self.refresh_preview()

    # Doing it ----------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "do-export":
            self.action_export()
        elif event.button.id == "do-copy":
            self.action_copy()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def _after_typed(self, then: Callable[[], object]) -> None:
        """Run ``then`` once the keys typed before this one are handled: ctrl+e and ctrl+y
        overtake them (priority keys), and an arrow typed just before that chooses what is
        exported, or a letter that ends the file name, is still on its way."""
        focused = self.focused
        if focused is None or focused is self:
            then()
        else:
            after_keys_of(focused, then)

    def action_export(self) -> None:
        self.keep_keys_from_now()
        self._after_typed(self._export_now)

    def _export_now(self) -> None:
        if self.closed or not self.is_attached:
            return
        self._chosen()
        raw = self.query_one("#export-path", Input).value
        take_target(self, raw, lambda path, force: self._write(path, force=force))

    def _write(self, path: Path, *, force: bool) -> None:
        self.query_one("#export-error", Static).update(Text("Writing…", style="dim"))
        self.writing = True
        self._cancelled.clear()
        self._write_in_worker(path, force, self.choice, self.options())

    @work(thread=True, exclusive=True, group="write")
    def _write_in_worker(
        self, path: Path, force: bool, choice: Choice, options: ExportOptions
    ) -> None:
        app = self.app
        try:
            # (the long part, for a large selection, given up when escape comes: reading the
            # records, then rendering the briefing a section at a time into the file, which
            # is put in place only once it is whole)
            try:
                sel = self.selection(choice, self._cancelled.is_set, self._said_writing)
                if gone := _gone(sel, choice):  # (not an empty briefing said to be written)
                    raise StoreError(None, gone)
                chunks = self.markdown_chunks(
                    choice, options, stop=self._cancelled.is_set, said=self._said_writing
                )
                if self._cancelled.is_set():
                    raise GivenUp
                write_markdown(path, chunks, force=force)
            except GivenUp:  # escape came first: nothing written
                app.call_from_thread(app.notify, "Export cancelled: nothing was written.")
                return
        except StoreError as exc:
            if self._cancelled.is_set():
                app.call_from_thread(
                    app.notify, one_line(f"Not written: {exc}"), severity="error", markup=False
                )
            else:
                app.call_from_thread(self.refuse, f"Not written: {exc}")
            return
        finally:
            app.call_from_thread(setattr, self, "writing", False)
        if self._cancelled.is_set():  # (escape came while the file was being written)
            said = f"Exported to {path.resolve()} (it was being written when escape came)."
            app.call_from_thread(app.notify, one_line(said), markup=False)
        else:
            app.call_from_thread(self.close_with, str(path))

    def _said_writing(self, what: str) -> None:
        """(From the export's worker) how far the reading of a large selection is."""

        def show() -> None:
            if self.writing and self.is_attached:
                self.query_one("#export-error", Static).update(Text(f"Writing… {what}", "dim"))

        self.app.call_from_thread(show)

    def action_copy(self) -> None:
        self._after_typed(self._copy_now)

    def _copy_now(self) -> None:
        if not self.closed and self.is_attached:
            self._copy(self._chosen(), self.options())

    @work(thread=True, exclusive=True, group="write")
    def _copy(self, choice: Choice, options: ExportOptions) -> None:
        try:
            if gone := _gone(self.selection(choice), choice):
                self.app.call_from_thread(self.show_error, f"Nothing copied: {gone}")
                return
            text = self.markdown(choice, options)
        except StoreError as exc:
            self.app.call_from_thread(self.show_error, f"Cannot read the records: {exc}")
            return
        self.app.call_from_thread(self._copied, text)

    def _copied(self, text: str) -> None:
        self.app.copy_to_clipboard(text)
        self.app.notify("Markdown copied to the clipboard (where the terminal supports it).")

    def action_cancel(self) -> None:
        """Close the dialog; a write on its way stops before the file is written (or, when
        it is being written already, says so when it is)."""
        if self.writing:
            self._cancelled.set()
        self.closed = True  # (an export or copy asked for just before is not made)
        self.target_ticket += 1  # (nor is a path still being checked written to)
        self.close_with(None)
