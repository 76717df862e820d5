"""Adding meetings from news articles: paste one, or give paths or URLs; review each draft, save.

:class:`ArticleScreen` takes the text, or reads files and saved pages and fetches URLs
(:func:`coopbrowse.store.pages.read_article`); :func:`coopbrowse.store.extract.extract` drafts
each meeting; :class:`ReviewScreen` shows every field of the draft in a form, with what the
extractor could not find flagged, so the analyst corrects it before it is saved through
:func:`coopbrowse.store.ingest.save_draft` (the same function ``coopbrowse import-article
--yes`` uses). Article text is untrusted: it is shown through ``Text`` and ``Input`` values,
never as markup.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from msgspec import Struct, field
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Static, TextArea
from textual.worker import get_current_worker

from coopbrowse.store import Store, StoreError
from coopbrowse.store.extract import Draft, extract
from coopbrowse.store.ids import draft_id
from coopbrowse.store.ingest import MAX_ARTICLE_BYTES, save_draft
from coopbrowse.store.model import Meeting, ValidationError, check_web_addresses, date_problem
from coopbrowse.store.pages import (
    MIN_WORDS,
    display_url,
    is_url,
    read_article,
    stop_fetches,
)
from coopbrowse.store.text import one_line, printable

from ..blocks import plural
from ..keymap import key_shown, with_key
from ..widgets.footer import KeysFooter
from ..widgets.inputs import OrderedInput, PastedTextArea
from .export import confirm
from .form import MeetingForm
from .opening import TakesKeysTypedWithIt

# Each screen's styles are in the .tcss file beside it (CSS_PATH), parsed when the screen is
# first shown, not at every launch (start-up time is measured, see bench_startup.py).


class SourcesInput(OrderedInput):
    """The line of paths and URLs. A paste of several lines is read here: a path or URL a
    line are several sources (quoted, as the line is read back shell-like); anything else is
    an article, and goes into the text box below, whole (a line keeps only a paste's first
    line, and an article's words were then read as file names)."""

    def _on_paste(self, event: events.Paste) -> None:
        if "\n" not in event.text and "\r" not in event.text:
            return  # (Input's own)
        event.stop()
        event.prevent_default()  # (not Input's too, which keeps the first line)
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if not lines:
            return
        if all(_is_source(line) for line in lines):
            self._type(" ".join(shlex.quote(line) for line in lines))
        elif len(lines) == 1:
            self._type(lines[0])  # (checked when the form is sent, as if typed)
        else:  # an article
            area = self.screen.query_one("#article-text", TextArea)
            area.insert(event.text)
            area.focus()

    def _type(self, text: str) -> None:
        """``text`` typed over the selection, or after what is on the line (a space
        between)."""
        selection = self.selection
        if not selection.is_empty:
            self.replace(text, *selection)
            return
        before = self.value[: self.cursor_position]
        self.insert_text_at_cursor((" " if before and not before.endswith(" ") else "") + text)


def _is_source(line: str) -> bool:
    """Whether a pasted line is an http(s) URL or the path of an existing file."""
    if is_url(line):
        return True
    try:  # (an article's line is no path: too long a name, a NUL, a nonsense name)
        return Path(line).expanduser().exists()
    except (OSError, ValueError, RuntimeError):  # (RuntimeError: "~nosuchuser/…")
        return False


class Drafted(Struct):
    """What the article form gives back: a draft per article read, and each source that
    could not be read with its one-line reason."""

    drafts: list[Draft] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    text: str = ""  # the pasted text the draft came from ("" for files and URLs)
    sources: list[str] = field(default_factory=list)  # each draft's path or URL ("": pasted)


def split_sources(line: str) -> list[str]:
    """The paths and URLs in the form's first box: separated by spaces, quoted (shell-like)
    when a path has spaces. A line shlex cannot read for an apostrophe (``Lukashenko's
    visit.txt``) is read with double quotes alone; a double quote left open raises
    ValueError saying so (each path was said to be missing, in pieces)."""
    # (apostrophes in names and no single-quoted path: "Lukashenko's.txt Putin's.txt" was
    # read by shlex as one quoted name, "Lukashenkos.txt Putins.txt")
    in_words = re.search(r"\w'\w", line) and not re.search(r"(?:^|\s)'", line)
    if not in_words:
        try:
            return shlex.split(line)
        except ValueError:
            pass
    lexer = shlex.shlex(line, posix=True)
    lexer.whitespace_split, lexer.quotes, lexer.escape = True, '"', ""
    try:
        return list(lexer)
    except ValueError:
        after = line[line.rfind('"') + 1 :].strip()
        after = after if len(after) <= 40 else "…" + after[-39:]  # (its end names the file)
        raise ValueError(
            f'a quote opened before {after!r} is not closed: put a " after the path'
        ) from None


class ArticleScreen(ModalScreen[Drafted | None], TakesKeysTypedWithIt):
    """Ask for articles: file paths or URLs (several queue their drafts), or the text
    pasted into the box."""

    FIRST_FIELD = "#article-path"

    CSS_PATH = "article.tcss"

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="article-cancel"),
        Binding("q", "cancel", "Cancel", show=False, id="article-quit"),
        Binding("ctrl+s", "draft", "Draft the meeting", id="article-draft", priority=True),
        # (a dialog over the browser: the app's help keys do not reach it; "?" is typed)
        Binding("f1", "app.help", "Help", id="article-help"),
    ]

    def help_sections(self) -> list[tuple[str, object]]:
        return [("Adding a meeting from an article", type(self))]

    def __init__(
        self, text: str = "", db_path: Path | None = None, sources: Sequence[str] = ()
    ) -> None:
        super().__init__()
        self.text = text  # pasted before and not saved (its draft was discarded)
        self.sources = list(sources)  # paths and URLs whose drafts were discarded: again
        self.db_path = db_path  # where a draft would be saved (said at once if it cannot be)
        self._working = False  # an article is being read, fetched or drafted
        # what the reading under way has drafted so far, and the sources it was given
        self._reading: tuple[Drafted, list[str]] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="article-box"):
            yield Label("Add a meeting from a news article", id="article-heading")
            # (what the line takes is said above it: a placeholder is cut on a narrow screen)
            yield Static(
                "A text or .html file, or an http(s) URL; several separated by spaces, "
                "a path with spaces in quotes (enter drafts them):",
                id="article-path-hint",
                markup=False,
            )
            yield SourcesInput(
                shlex.join(self.sources), placeholder="path or URL", id="article-path"
            )
            yield Label("…or paste the article's text here (ctrl+s drafts it):")
            yield PastedTextArea(self.text, id="article-text", soft_wrap=True)
            with Horizontal(id="article-published-row"):
                # (as import-article --published: "last year" and a day without its year
                # need one, and a report that gives none drafted no trade figures)
                yield Label("Published (YYYY-MM-DD), if the article has none: ")
                yield Input(placeholder="optional", id="article-published")
            note = Static("", id="article-note", markup=False)  # (read-only: said at once)
            note.display = False  # (no line taken from the text box until there is one)
            yield note
            yield Static("", id="article-error", markup=False)
            working = ProgressBar(total=None, show_eta=False, id="article-working")
            working.display = False  # (shown while an article is read or fetched)
            yield working
            with Horizontal(id="article-buttons"):
                draft = with_key(self.app, "Draft", "article-draft", "ctrl+s")
                yield Button(draft, id="article-draft", variant="primary")
                yield Button(
                    with_key(self.app, "Cancel", "article-cancel", "esc"), id="article-cancel"
                )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#article-path", Input).focus()
        if self.db_path is not None:
            self._check_writable(self.db_path)

    @work(thread=True, exclusive=True, group="writable")
    def _check_writable(self, db_path: Path) -> None:
        """Say at once that no draft can be saved (a read-only database), not only once an
        article has been drafted and reviewed."""
        try:
            Store.refuse_read_only(db_path)
        except StoreError as exc:
            said = f"✗ {one_line(str(exc))}: a draft can be made and read, not saved."
            self.app.call_from_thread(self._say_read_only, said)

    def _say_read_only(self, message: str) -> None:
        if self.is_attached:
            note = self.query_one("#article-note", Static)
            note.update(Text(message, style="red"))
            note.display = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_draft()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "article-draft":
            self.action_draft()
        else:
            self.action_cancel()

    def show_error(self, message: str) -> None:
        self.query_one("#article-error", Static).update(Text(one_line(message), style="red"))

    def show_progress(self, message: str) -> None:
        if self._working:  # (not a line of a worker cancelled meanwhile)
            stop = key_shown(self.app, "article-cancel", "esc")
            said = Text(one_line(message))
            said.append(f"  {stop} stops", style="dim")
            self.query_one("#article-error", Static).update(said)

    @property
    def busy(self) -> bool:
        return self._working

    def _work(self, working: bool) -> None:
        """While an article is read (a URL fetched, a long text drafted) the dialog stays, its
        fields held as they are, and a bar moves under the line saying what it reads (a
        spinner over the whole box hid what it was doing, and that escape stops it)."""
        self._working = working
        self.query_one("#article-working").display = working
        path = self.query_one("#article-path", Input)
        text = self.query_one("#article-text", TextArea)
        published = self.query_one("#article-published", Input)
        for widget in (path, text, published, self.query_one("#article-draft")):
            widget.disabled = working
        if not working:  # (back where the article was given: a path or URL, or its text)
            (path if path.value.strip() or not text.text.strip() else text).focus()

    def action_draft(self) -> None:
        if self.busy:
            return
        try:
            sources = split_sources(self.query_one("#article-path", Input).value.strip())
        except ValueError as exc:
            self.show_error(f"Paths: {exc}.")
            self.query_one("#article-path", Input).focus()
            return
        text = self.query_one("#article-text", TextArea).text
        if not sources and text.strip() and all(is_url(w) for w in text.split()):
            sources, text = text.split(), ""  # URLs pasted into the text box: fetch them
        if not sources and not text.strip():
            self.show_error("Give a file path or URL, or paste the article's text first.")
            return
        published = self.query_one("#article-published", Input).value.strip() or None
        if published is not None and (problem := date_problem(published)):
            self.show_error(f"Published: {problem}, not {published!r}.")
            self.query_one("#article-published", Input).focus()
            return
        if "-" in sources:
            self.show_error(
                "Standard input (-) cannot be read here: give a file path or URL, or paste the "
                "text."
            )
            return
        if sources and text.strip() and text == self.text:
            text = ""  # the text kept from a discarded draft, untouched: the paths come first
        if sources and text.strip():
            self.show_error("Give paths or URLs, or paste a text, not both: clear one of them.")
            return
        if not sources and len(text) > MAX_ARTICLE_BYTES:
            self.show_error(
                f"The pasted text is too long for an article: {len(text):,} characters, "
                f"where the most is {MAX_ARTICLE_BYTES:,} (a news report is 5,000 to 50,000)."
            )
            return
        if not sources and len(text.split()) < MIN_WORDS:  # (as a file or a page would be)
            self.show_error(
                f"No article text: paste the whole report (this has fewer than {MIN_WORDS} words)."
            )
            return
        self._work(True)
        self.show_progress("Reading the article…")
        self._reading = None  # (set by the worker as it starts)
        self._extract(sources, text, published)

    @work(thread=True, exclusive=True, group="extract")
    def _extract(self, sources: list[str], text: str, published: str | None = None) -> None:
        """Read (fetching URLs) and draft off the UI thread, one source after another,
        saying which; a failure is kept and the rest go on. ``published``: the date the
        user gives the articles, over a page's own (as ``import-article --published``)."""
        worker = get_current_worker()
        call = self.app.call_from_thread
        result = Drafted()
        self._reading = (result, sources)  # (escape keeps the drafts made by then)
        try:
            if not sources:
                draft = extract(text, published=published)
                if not draft.meeting["summary"]:  # (as for a file: see pages.ArticleText)
                    call(self._failed, "No article text: no line of it reads as a paragraph.")
                    return
                result.sources.append("")  # (first: a draft is read with its source)
                result.drafts.append(draft)
                result.text = text
            for n, source in enumerate(sources, 1):
                if worker.is_cancelled:
                    return
                verb = "Fetching" if is_url(source) else "Reading"
                of = f" ({n} of {len(sources)})" if len(sources) > 1 else ""
                call(self.show_progress, f"{verb} {display_url(source)}{of}…")
                try:
                    drafted = read_article(source).draft(published)
                    result.sources.append(source)  # (first: see _drafted_by_now)
                    result.drafts.append(drafted)
                except StoreError as exc:
                    result.failures.append(str(exc))
                except Exception as exc:  # a bug on one odd page must not lose the others
                    result.failures.append(f"{source}: could not read it ({exc!r})")
        except Exception as exc:  # a bug must not take the analyst's session down with it
            if not worker.is_cancelled:  # (escape said so already)
                call(self._failed, f"Could not draft the meeting: {exc!r}")
            return
        if worker.is_cancelled:
            return
        if not result.drafts:
            said = "; ".join(result.failures)
            if len(sources) > 1 and not any(is_url(s) or " " in s for s in sources):
                # ("/tmp/my article.txt" is read as two paths: say how it is one)
                said += ' (a path with spaces goes in quotes: "my article.txt")'
            call(self._failed, said)
            return
        call(self._done, result)

    def _done(self, result: Drafted) -> None:
        """The drafts, for review: unless escape has closed the dialog with those made by
        then (a dismiss pops whatever screen is on top: the first review)."""
        if self._working and self.is_attached and self.app.screen is self:
            self._working = False
            self.dismiss(result)

    def _drafted_by_now(self) -> Drafted | None:
        """The drafts made so far by the reading under way (None when none is), with the
        sources it did not get to named as not read."""
        if self._reading is None:
            return None
        result, sources = self._reading
        drafts, failures = list(result.drafts), list(result.failures)  # (the thread goes on)
        if not drafts:
            return None
        left = sources[len(drafts) + len(failures) :]
        if left:
            shown = ", ".join(display_url(s) for s in left)
            failures.append(f"Stopped before {plural(len(left), 'article')}: {shown}")
        return Drafted(drafts, failures, sources=list(result.sources[: len(drafts)]))

    def _failed(self, message: str) -> None:
        if self.is_attached and self._working:  # (not once escape stopped it, or closed)
            self._work(False)
            self.show_error(message)

    def unsaved_work(self) -> str:
        """What quitting now would lose ("" for nothing): see CoopBrowseApp.action_quit."""
        if self.query_one("#article-text", TextArea).text.strip():
            return "the pasted text is not drafted"
        return ""

    def action_cancel(self) -> None:
        """Stop the reading under way (a fetch: at once, not when its server lets go), the
        paths and text kept; else close. Pasted text is not thrown away without asking.
        Articles already drafted when several are read are not thrown away either: they go
        on to be reviewed, and the ones not read are named."""
        if self.busy:
            self.workers.cancel_group(self, "extract")
            stop_fetches()
            kept = self._drafted_by_now()
            if kept is not None:
                self._working = False  # (the worker's own dismiss, on its way, is not made)
                self.dismiss(kept)
                return
            self._work(False)
            close = key_shown(self.app, "article-cancel", "esc")
            said = Text(f"Stopped: no draft was kept. {close} closes this.", style="yellow")
            self.query_one("#article-error", Static).update(said)
            return
        if not self.query_one("#article-text", TextArea).text.strip():
            self.dismiss(None)
            return

        confirm(self, "Discard the pasted text?", lambda: self.dismiss(None), yes="Discard (y)")


def _following_id(date: str, region: str) -> str:
    """A drafted meeting's id for the date and region in its form (undated while the date
    is not one)."""
    dated = re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) and not date_problem(date)
    return draft_id(date if dated else "", region)


class ReviewScreen(MeetingForm):
    """A drafted meeting in the meeting form, with what the extractor could not find
    flagged, so the analyst corrects it before it is first saved (through the same
    :func:`~coopbrowse.store.ingest.save_draft` as ``import-article --yes``)."""

    discard_question = "Discard this draft?"
    unsaved_what = "this draft is not saved"
    heading = "Review the drafted meeting"

    def help_sections(self) -> list[tuple[str, object]]:
        return [
            (
                "Reviewing a drafted meeting (tab moves between fields; untick a row's ✓ to "
                "drop it)",
                MeetingForm,
            )
        ]

    def __init__(self, draft: Draft, store: Store, *, position: tuple[int, int] = (1, 1)) -> None:
        if position[1] > 1:
            self.heading = f"Review the drafted meeting ({position[0]} of {position[1]})"
        meeting = complete_meeting(draft.meeting)
        roles = {p["role"] for p in meeting["participants"]}
        # the host and the guest always have a row: empty (and flagged) when not found
        for role, side in (("guest", "russia"), ("host", "belarus")):
            if role not in roles:
                blank = {"name": "", "title": "", "side": side, "role": role}
                meeting["participants"].insert(0, blank)
        super().__init__(meeting, store)
        self.draft = draft
        self.missing = set(draft.missing)
        self._auto_id = meeting["id"]  # the id the form gave (it follows the date and region)

    def notes(self) -> list[str]:
        notes: list[str] = []
        if self.draft.missing:
            notes.append(f"Not found in the article: {self.draft.missing_shown()}.")
        notes += [f"Note: {flag}." for flag in self.draft.flags]
        return notes or ["Every field was found."]

    def on_mount(self) -> None:
        super().on_mount()
        self._check_stored()

    @work(thread=True, exclusive=True, group="stored")
    def _check_stored(self) -> None:
        """Say at once (not only when saving) that the meeting is already stored."""
        from coopbrowse.store.writer import ChildStore, check_draft, in_child

        try:  # a large file: read by a child process
            reader = ChildStore(self.store.path) if in_child(self.store.path) else self.store
            stored = check_draft(reader, self.draft.meeting).stored
        except (StoreError, ValidationError, OSError):
            return  # (not saveable as it stands, or no database yet: saving says so)
        if stored:
            self.app.call_from_thread(self._say_stored, stored)

    def _say_stored(self, stored: str) -> None:
        notes = self.query("#review-notes")
        if notes:
            lines = [*self.notes(), already_stored(stored)]
            notes.first(Static).update(Text(printable("\n".join(lines)), style="yellow"))

    def id_field(self) -> ComposeResult:
        yield self._field("Id", self.state["id"], "f-id")

    def on_input_changed(self, event: Input.Changed) -> None:
        """A date or region typed: the id shown follows them, as saving would make it ("undated-
        kaluga" stood beside the date typed, and "2025-11-05-kaluga" was saved), unless the
        id was typed by hand."""
        super().on_input_changed(event)
        if event.input.id not in ("f-date", "f-region"):
            return
        shown = self.query_one("#f-id", Input)
        if shown.value != self._auto_id:
            return  # (typed by hand: kept)
        self._auto_id = _following_id(self._value("f-date"), self._value("f-region"))
        shown.value = self._auto_id

    def collect(self) -> tuple[dict[str, Any], dict[str, str]]:
        data, where = super().collect()
        data["id"] = self._value("f-id")
        where["id"] = "f-id"
        if data["id"] in (self.original["id"], self._auto_id):  # not by hand: it follows them
            data["id"] = _following_id(data["date"], data["region"])
        return data, where

    def _valid(self, data: dict[str, Any]) -> Meeting:
        from coopbrowse.store.ids import renumber

        meeting = Meeting.from_dict(renumber(data, str(data.get("id") or "")))  # (as saved)
        check_web_addresses(meeting)  # (as prepare_draft does)
        return meeting

    @work(thread=True, exclusive=True, group="save")
    def _check(self, data: dict[str, Any], where: dict[str, str]) -> None:
        call = self.app.call_from_thread
        from coopbrowse.store.writer import ChildStore, check_draft, store_for_writing

        try:
            # Opened (so validated, unless its index vouches for it) each time: it may
            # have changed since the form was opened, even by hand. A large file is read
            # by a child process (the screen keeps taking keys meanwhile).
            writer = store_for_writing(self.store.path)
            if not isinstance(writer, ChildStore):
                self.store = writer
            found = check_draft(writer, data)
        except ValidationError as exc:
            self.store.release()
            self.invalid(exc, where)
            return
        except StoreError as exc:
            self.store.release()
            call(self._not_saved, f"Not saved: {exc}")
            return
        meeting, existing = found.meeting, found.stored
        if not existing:
            self.write(lambda store: self._saved(store, meeting, update=False))
            return
        proposals, trade = found.sizes[0], found.sizes[1]
        self.store.release()  # the analyst may take a while to answer
        question = (
            f"{existing} ({plural(proposals, 'proposal')}, {plural(trade, 'trade figure')}) "
            "is already stored: the same id, or the same date, region and host. Replace it "
            "with this draft? Its proposals come in as new ones: statuses and follow-ups set "
            "on the stored ones are not carried over. (The replaced version stays in its "
            "history: u brings it back.)"
        )
        call(self._ask_replace, question, meeting)

    def _saved(self, store: Store, meeting: Meeting, *, update: bool) -> str | None:
        from coopbrowse.store.writer import in_child, store_for_writing

        # a large file: written by a child process (a small one: the store checked just now)
        writer = store_for_writing(store.path, like=store) if in_child(store.path) else store
        action, mid = save_draft(writer, meeting, update=update)  # type: ignore[arg-type]
        if action == "skipped":  # stored meanwhile, by another process
            self.app.call_from_thread(self._not_saved, f"Not saved: {mid} is already stored.")
            return None
        return mid

    def _ask_replace(self, question: str, meeting: Meeting) -> None:
        self._idle()
        # (not "Checking against the database…" beside the question, nor after a no)
        self.query_one("#review-error", Static).update("")

        def replace() -> None:
            self._busy("Saving…")
            self._replace(meeting)

        confirm(self, question, replace, yes="Replace (y)", otherwise=self._give_back_keys)

    @work(thread=True, exclusive=True, group="save")
    def _replace(self, meeting: Meeting) -> None:
        self.write(lambda store: self._saved(store, meeting, update=True))


def already_stored(stored: str) -> str:
    """What a draft of a stored meeting says about it, before anything is saved."""
    return (
        f"Already stored as {stored} (the same id, or the same date, region and host): "
        "saving asks before replacing it."
    )


def complete_meeting(data: dict[str, Any]) -> dict[str, Any]:
    """A meeting dict (a draft's) with every field the form shows, defaults filled in."""
    from coopbrowse.store.model import Participant, Proposal, Source, TradeFigure

    blank = Meeting("x", "", "", "").to_dict()
    out = {**blank, **data}
    out["source"] = {**Source().to_dict(), **(data.get("source") or {})}
    out["participants"] = [
        {**Participant("").to_dict(), **p} for p in data.get("participants") or []
    ]
    out["trade"] = [{**TradeFigure("", "").to_dict(), **t} for t in data.get("trade") or []]
    out["proposals"] = [
        {**Proposal("", "", "", "").to_dict(), **p} for p in data.get("proposals") or []
    ]
    return out
