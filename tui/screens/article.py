"""Adding a meeting from a news article: paste it (or give its path), review the draft, save.

:class:`ArticleScreen` takes the text; :func:`coopbrowse.store.extract.extract` drafts the
meeting; :class:`ReviewScreen` shows every field of the draft in a form, with what the
extractor could not find flagged, so the analyst corrects it before it is saved through
:func:`coopbrowse.store.ingest.save_draft` (the same function ``coopbrowse import-article
--yes`` uses). Article text is untrusted: it is shown through ``Text`` and ``Input`` values,
never as markup.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    ProgressBar,
    Select,
    Static,
    TextArea,
)

from coopbrowse.store import Store, StoreError
from coopbrowse.store.extract import Draft, extract
from coopbrowse.store.ids import draft_id
from coopbrowse.store.ingest import (
    MAX_ARTICLE_BYTES,
    prepare_draft,
    read_article_text,
    save_draft,
    stored_as,
)
from coopbrowse.store.model import Meeting, ValidationError
from coopbrowse.store.regions import REGIONS
from coopbrowse.store.storage import WriteCancelled
from coopbrowse.store.taxonomy import METRICS, SECTORS, STATUSES
from coopbrowse.store.text import one_line, printable

from ..blocks import plural
from .export import confirm, dialog_css

LOCK_PATIENCE = 120.0  # s a save waits for another writer's lock (escape gives up sooner)

# The two screens' styles live here, not in app.tcss: they are parsed when the screens are
# first shown, not at every launch (start-up time is measured, see bench_startup.py).
_CSS = (
    dialog_css("ArticleScreen", "#article-box")
    + """

#article-heading, .form-section {
    text-style: bold;
}

#article-box Input {
    border: none;
    height: 1;
    background: $boost;
    margin: 1 0;
}

#article-text {
    height: 1fr;
    min-height: 4;
}

#article-error, #review-error {
    height: auto;
}

#review-progress {
    display: none;
}

#article-buttons, #review-buttons {
    height: auto;
}

#article-buttons Button, #review-buttons Button {
    margin-right: 2;
}

#review-form {
    padding: 0 1;
}

#review-notes {
    height: auto;
    margin: 0 0 1 0;
}

.form-section {
    margin: 1 0 0 0;
    color: $accent;
}

.form-row, .trade-row, .proposal-row {
    height: 1;
}

.form-label {
    width: 18;
    color: $text-muted;
}

#review-form Input {
    border: none;
    height: 1;
    background: $boost;
    width: 1fr;
    padding: 0 1;
    margin-right: 1;
}

#review-form Input:focus {
    background: $accent 25%;
}

#review-form Input.missing {
    background: $warning 20%;
}

#review-form Checkbox {
    border: none;
    padding: 0;
    height: 1;
}

#review-form .keep {
    width: 6;
}

.keep-gap {
    width: 6;
}

#review-form .head {
    color: $text-muted;
    margin-right: 1;
}

#review-form Label.ptitle, #review-form Label.basis {
    width: 1fr;
}

#review-form Select {
    border: none;
    height: 1;
    margin-right: 1;
}

#review-form Select > SelectCurrent {
    border: none;
    height: 1;
    padding: 0 1;
}

#review-form .metric, #review-form .status {
    width: 13;
}

#review-form .sector {
    width: 26;
}

#review-form .period {
    width: 17;
}

#review-form .usd, #review-form .change {
    width: 9;
}

#review-form .qualifier {
    width: 16;
}

#review-form .by {
    width: 28;
}

.proposal-detail {
    height: auto;
    margin: 0 0 1 4;
}

/* An unticked box shows no X (the default dims it, which reads as ticked in some themes). */
#review-form Checkbox > .toggle--button {
    color: $panel;
}

#review-form Checkbox.-on > .toggle--button {
    color: $text-success;
}
"""
)


class ArticleScreen(ModalScreen[Draft | None]):
    """Ask for an article: a file path, or the text pasted into the box."""

    DEFAULT_CSS = _CSS
    SCOPED_CSS = False

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="article-cancel"),
        Binding("q", "cancel", "Cancel", show=False, id="article-quit"),
        Binding("ctrl+s", "draft", "Draft the meeting", id="article-draft", priority=True),
    ]

    def help_sections(self) -> list[tuple[str, object]]:
        return [("Adding a meeting from an article", type(self))]

    def compose(self) -> ComposeResult:
        with Vertical(id="article-box"):
            yield Label("Add a meeting from a news article", id="article-heading")
            yield Input(placeholder="Path to a text file (enter drafts it)", id="article-path")
            yield Label("…or paste the article's text here (ctrl+s drafts it):")
            yield TextArea(id="article-text", soft_wrap=True)
            yield Static("", id="article-error", markup=False)
            with Horizontal(id="article-buttons"):
                yield Button("Draft (ctrl+s)", id="article-draft", variant="primary")
                yield Button("Cancel (esc)", id="article-cancel")

    def on_mount(self) -> None:
        self.query_one("#article-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_draft()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "article-draft":
            self.action_draft()
        else:
            self.dismiss(None)

    def show_error(self, message: str) -> None:
        self.query_one("#article-error", Static).update(Text(one_line(message), style="red"))

    def action_draft(self) -> None:
        path_text = self.query_one("#article-path", Input).value.strip()
        text = self.query_one("#article-text", TextArea).text
        document = ""
        if path_text:
            path = Path(path_text).expanduser()
            try:
                text = read_article_text(path)
            except StoreError as exc:
                self.show_error(str(exc))
                return
            document = path.name
        if not text.strip():
            self.show_error("Give a file path or paste the article's text first.")
            return
        if len(text) > MAX_ARTICLE_BYTES:
            self.show_error(
                f"The pasted text is too long for an article ({len(text):,} characters)."
            )
            return
        self.query_one("#article-error", Static).update(Text("Reading the article…"))
        self.query_one("#article-box").loading = True
        self._extract(text, document)

    @work(thread=True, exclusive=True, group="extract")
    def _extract(self, text: str, document: str) -> None:
        """Draft off the UI thread: a long page takes a moment."""
        try:
            draft = extract(text, document=document)
        except Exception as exc:  # a bug must not take the analyst's session down with it
            self.app.call_from_thread(self._failed, f"Could not draft the meeting: {exc!r}")
            return
        self.app.call_from_thread(self.dismiss, draft)

    def _failed(self, message: str) -> None:
        self.query_one("#article-box").loading = False
        self.show_error(message)

    def action_cancel(self) -> None:
        """Close; pasted text is not thrown away without asking."""
        if not self.query_one("#article-text", TextArea).text.strip():
            self.dismiss(None)
            return

        confirm(self, "Discard the pasted text?", lambda: self.dismiss(None), yes="Discard (y)")


def _list(values: list[str]) -> str:
    return "; ".join(values)


def _unlist(text: str) -> list[str]:
    return [v.strip() for v in re.split(r";", text) if v.strip()]


def _number(text: str) -> float | str | None:
    """A number typed in a field; the text back when it is not one (validation reports it)."""
    text = text.strip().replace(",", "").removeprefix("$").removesuffix("%").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text


_TRADE_HEADS = (
    ("keep", "keep"),
    ("period", "period"),
    ("metric", "metric"),
    ("qualifier", "qualifier"),
    ("USD m", "usd"),
    ("change %", "change"),
    ("change basis", "basis"),
)
_PROPOSAL_HEADS = (
    ("keep", "keep"),
    ("sector", "sector"),
    ("title", "ptitle"),
    ("status", "status"),
)


def _section(
    title: str, count: int, heads: tuple[tuple[str, str], ...], row_class: str
) -> ComposeResult:
    """A list's heading with its count, then its column heads (or "none found")."""
    yield Label(f"{title} ({count})", classes="form-section")
    if not count:
        yield Static("None found in the article.", classes="dim")
    else:
        yield Horizontal(
            *(Label(text, classes=f"head {cls}") for text, cls in heads), classes=row_class
        )


class ReviewScreen(Screen[str | None]):
    """Every field of a drafted meeting, editable; ``ctrl+s`` validates and saves it."""

    DEFAULT_CSS = _CSS
    SCOPED_CSS = False

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="review-save", priority=True),
        Binding("escape", "cancel", "Discard", id="review-cancel"),
        # The app's `q` would quit and lose the draft: here it asks, like escape.
        Binding("q", "cancel", "Discard", show=False, id="review-quit"),
    ]

    def help_sections(self) -> list[tuple[str, object]]:
        return [("Reviewing a drafted meeting (tab moves between fields)", type(self))]

    def __init__(self, draft: Draft, store: Store) -> None:
        super().__init__()
        self.draft = draft
        self.store = store
        self._cancel = threading.Event()  # set to stop waiting for the lock
        self._waiting = False  # whether the save waits for another writer's lock
        self.meeting: dict[str, Any] = draft.meeting
        self.people = {
            role: next((p for p in self.meeting["participants"] if p["role"] == role), None)
            for role in ("host", "guest")
        }

    # The form ---------------------------------------------------------------------------

    def _field(self, label: str, value: Any, wid: str, **kw: Any) -> Horizontal:
        missing = wid.removeprefix("f-").replace("-", ".") in self.draft.missing
        text = "" if value is None else str(value)
        field = Input(value=text, id=wid, **kw)
        if missing and not text:
            field.add_class("missing")
            field.placeholder = "not found in the article"
        return Horizontal(Label(label, classes="form-label"), field, classes="form-row")

    def compose(self) -> ComposeResult:
        m = self.meeting
        src = m["source"]
        yield Header()
        notes: list[str] = []
        if self.draft.missing:
            notes.append("Not found in the article: " + ", ".join(self.draft.missing) + ".")
        notes += [f"Note: {flag}." for flag in self.draft.flags]
        with VerticalScroll(id="review-form"):
            yield Static(
                Text(printable("\n".join(notes) or "Every field was found."), style="yellow"),
                id="review-notes",
            )
            yield Label("Meeting", classes="form-section")
            yield self._field("Date", m["date"], "f-date", placeholder="YYYY-MM-DD")
            yield Horizontal(
                Label("", classes="form-label"),
                Checkbox("year inferred", m["date_inferred"], id="f-date-inferred"),
                classes="form-row",
            )
            yield self._field(
                "Region",
                m["region"],
                "f-region",
                suggester=SuggestFromList([r.name for r in REGIONS], case_sensitive=False),
            )
            yield self._field("Place", m["place"], "f-place")
            yield self._field("Title", m["title"], "f-title")
            yield self._field("Summary", m["summary"], "f-summary")
            yield self._field("Id", m["id"], "f-id")
            for role, what in (("host", "Belarusian host"), ("guest", "Russian guest")):
                person = self.people[role] or {}
                yield self._field(f"{what}", person.get("name", ""), f"f-{role}")
                yield self._field("  title", person.get("title", ""), f"f-{role}-title")
            others = [p for p in m["participants"] if p["role"] not in ("host", "guest")]
            for i, person in enumerate(others):
                yield Horizontal(
                    Label("Mentioned", classes="form-label"),
                    Checkbox(
                        Text(one_line(f"{person['name']}, {person['title']}")),
                        True,
                        id=f"m-{i}-keep",
                    ),
                    classes="form-row",
                )
            yield self._field(
                "Exports",
                _list(m["exports"]),
                "f-exports",
                placeholder="goods; separated; by semicolons",
            )
            yield self._field("Imports", _list(m["imports"]), "f-imports")
            yield Label("Source", classes="form-section")
            yield self._field("Outlet", src["outlet"], "f-source-outlet")
            yield self._field(
                "Published", src["published"], "f-source-published", placeholder="YYYY-MM-DD"
            )
            yield self._field("URL", src["url"], "f-source-url")
            yield self._field("Headline", src["headline"], "f-source-headline")
            yield from _section("Trade figures", len(m["trade"]), _TRADE_HEADS, "trade-row")
            for i, t in enumerate(m["trade"]):
                yield from self._trade_row(i, t)
            yield from _section("Proposals", len(m["proposals"]), _PROPOSAL_HEADS, "proposal-row")
            for i, p in enumerate(m["proposals"]):
                yield from self._proposal_rows(i, p)
            yield Static("", id="review-error", markup=False)
            yield ProgressBar(total=None, show_eta=False, id="review-progress")
            with Horizontal(id="review-buttons"):
                yield Button("Save (ctrl+s)", id="review-save", variant="primary")
                yield Button("Discard (esc)", id="review-cancel")
        yield Footer()

    def _trade_row(self, i: int, t: dict[str, Any]) -> ComposeResult:
        yield Horizontal(
            Checkbox("", True, id=f"t-{i}-keep", classes="keep", tooltip="keep this figure"),
            Input(t["period"], id=f"t-{i}-period", classes="period", tooltip="period"),
            Select(
                [(k, k) for k in METRICS],
                value=t["metric"],
                allow_blank=False,
                id=f"t-{i}-metric",
                classes="metric",
            ),
            Input(
                t["qualifier"], id=f"t-{i}-qualifier", classes="qualifier", placeholder="qualifier"
            ),
            Input(
                "" if t["usd_millions"] is None else f"{t['usd_millions']:g}",
                id=f"t-{i}-usd",
                classes="usd",
                placeholder="USD m",
            ),
            Input(
                "" if t["change_pct"] is None else f"{t['change_pct']:g}",
                id=f"t-{i}-change",
                classes="change",
                placeholder="change %",
            ),
            Input(t["change_basis"], id=f"t-{i}-basis", classes="basis", placeholder="over …"),
            classes="trade-row",
        )

    def _proposal_rows(self, i: int, p: dict[str, Any]) -> ComposeResult:
        yield Horizontal(
            Checkbox("", True, id=f"p-{i}-keep", classes="keep", tooltip="keep this proposal"),
            Select(
                [(s.label, s.id) for s in SECTORS],
                value=p["sector"],
                allow_blank=False,
                id=f"p-{i}-sector",
                classes="sector",
            ),
            Input(p["title"], id=f"p-{i}-title", classes="ptitle"),
            Select(
                [(k, k) for k in STATUSES],
                value=p["status"],
                allow_blank=False,
                id=f"p-{i}-status",
                classes="status",
            ),
            classes="proposal-row",
        )
        yield Horizontal(
            Label("", classes="keep-gap"),
            Input(p["proposed_by"], id=f"p-{i}-by", classes="by", placeholder="raised by"),
            Input(
                _list(p["enterprises"]),
                id=f"p-{i}-enterprises",
                classes="enterprises",
                placeholder="enterprises; separated; by semicolons",
            ),
            classes="proposal-row",
        )
        yield Static(Text(printable(p["detail"]), style="dim"), classes="proposal-detail")

    # Reading the form back --------------------------------------------------------------

    def _value(self, wid: str) -> str:
        return self.query_one(f"#{wid}", Input).value.strip()

    def _checked(self, wid: str) -> bool:
        return self.query_one(f"#{wid}", Checkbox).value

    def collect(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The meeting as edited, and which widget holds each field path (for errors)."""
        m = self.meeting
        where: dict[str, str] = {}
        out: dict[str, Any] = dict(m)
        for name in ("date", "region", "place", "title", "summary", "id"):
            out[name] = self._value(f"f-{name}")
            where[name] = f"f-{name}"
        if out["id"] == m["id"]:  # not edited by hand: it follows the date and region
            dated = re.fullmatch(r"\d{4}-\d{2}-\d{2}", out["date"])
            out["id"] = draft_id(out["date"] if dated else "", out["region"])
        out["date_inferred"] = self._checked("f-date-inferred")
        out["exports"] = _unlist(self._value("f-exports"))
        out["imports"] = _unlist(self._value("f-imports"))
        out["source"] = dict(m["source"])
        for name in ("outlet", "published", "url", "headline"):
            out["source"][name] = self._value(f"f-source-{name}")
            where[f"source.{name}"] = f"f-source-{name}"
        out["source"]["published"] = out["source"]["published"] or None
        participants = []
        sides = {"host": "belarus", "guest": "russia"}
        for role in ("host", "guest"):
            name = self._value(f"f-{role}")
            if name:
                where[f"participants[{len(participants)}].name"] = f"f-{role}"
                participants.append(
                    {
                        "name": name,
                        "title": self._value(f"f-{role}-title"),
                        "side": sides[role],
                        "role": role,
                    }
                )
        others = [p for p in m["participants"] if p["role"] not in ("host", "guest")]
        participants += [p for i, p in enumerate(others) if self._checked(f"m-{i}-keep")]
        out["participants"] = participants
        trade = []
        for i, t in enumerate(m["trade"]):
            if not self._checked(f"t-{i}-keep"):
                continue
            n = len(trade)
            for field, wid in (
                ("period", "period"),
                ("usd_millions", "usd"),
                ("change_pct", "change"),
                ("qualifier", "qualifier"),
            ):
                where[f"trade[{n}].{field}"] = f"t-{i}-{wid}"
            where[f"trade[{n}]"] = f"t-{i}-usd"
            trade.append(dict(
                t,
                period=self._value(f"t-{i}-period"),
                metric=self.query_one(f"#t-{i}-metric", Select).value,
                qualifier=self._value(f"t-{i}-qualifier"),
                usd_millions=_number(self._value(f"t-{i}-usd")),
                change_pct=_number(self._value(f"t-{i}-change")),
                change_basis=self._value(f"t-{i}-basis"),
            ))  # fmt: skip
        out["trade"] = trade
        proposals = []
        for i, p in enumerate(m["proposals"]):
            if not self._checked(f"p-{i}-keep"):
                continue
            n = len(proposals)
            where[f"proposals[{n}].title"] = f"p-{i}-title"
            proposals.append(dict(
                p,
                sector=self.query_one(f"#p-{i}-sector", Select).value,
                title=self._value(f"p-{i}-title"),
                status=self.query_one(f"#p-{i}-status", Select).value,
                proposed_by=self._value(f"p-{i}-by"),
                enterprises=_unlist(self._value(f"p-{i}-enterprises")),
            ))  # fmt: skip
        out["proposals"] = proposals
        return out, where

    # Saving -----------------------------------------------------------------------------

    def show_error(self, message: str, wid: str | None = None) -> None:
        self.query_one("#review-error", Static).update(Text(one_line(message), style="red"))
        self.notify(one_line(message), severity="error", markup=False)  # seen on any size
        if wid:
            widget: Widget = self.query_one(f"#{wid}")
            widget.focus()
            self.query_one("#review-form", VerticalScroll).scroll_to_widget(widget)
        else:
            self.query_one("#review-form", VerticalScroll).scroll_end(animate=False)

    def action_save(self) -> None:
        """Check the draft and save it. Reading and writing the database (400 MB at
        100,000 meetings) run in a worker; the form says what is happening meanwhile, and
        another ctrl+s or escape waits for the answer."""
        if self.saving:
            self.notify("Already saving…", timeout=2)
            return
        data, where = self.collect()
        self._busy("Checking the draft against the database…")
        self._check(data, where)

    @work(thread=True, exclusive=True, group="save")
    def _check(self, data: dict[str, Any], where: dict[str, str]) -> None:
        call = self.app.call_from_thread
        try:
            # Opened (so validated, unless its index vouches for it) each time: it may
            # have changed since the form was opened, even by hand.
            self.store = Store.open(self.store.path)
            catalog = self.store.catalog()
            meeting = prepare_draft(self.store, data, catalog)
            existing = stored_as(self.store, meeting, catalog)
        except ValidationError as exc:
            self.store.release()
            wid = where.get(exc.path) or where.get(re.sub(r"\.[^.]*$", "", exc.path))
            call(self._not_saved, f"Not saved: {exc}", wid)
            return
        except StoreError as exc:
            self.store.release()
            call(self._not_saved, f"Not saved: {exc}")
            return
        if not existing:
            self._write(meeting, update=False)
            return
        proposals, trade = catalog.sizes(existing)
        self.store.release()  # the analyst may take a while to answer
        question = (
            f"{existing} ({plural(proposals, 'proposal')}, {plural(trade, 'trade figure')}) "
            "is already stored: the same id, or the same date, region and host. Replace it "
            "with this draft?"
        )
        call(self._ask_replace, question, meeting)

    def _ask_replace(self, question: str, meeting: Meeting) -> None:
        self._idle()

        def replace() -> None:
            self._busy("Saving…")
            self._save(meeting, update=True)

        confirm(self, question, replace, yes="Replace (y)")

    @work(thread=True, exclusive=True, group="save")
    def _save(self, meeting: Meeting, *, update: bool) -> None:
        self._write(meeting, update=update)

    def _write(self, meeting: Meeting, *, update: bool) -> None:
        """(In a worker) the one atomic write, and the search index with it. While another
        process holds the database's lock, the form says whose, and escape gives up."""
        call = self.app.call_from_thread
        call(self._busy, "Saving: writing the database and its search index…")
        self._cancel = threading.Event()

        def waiting(pid: int | None) -> None:
            holder = f"held by pid {pid}" if pid else "held by another process"
            call(self._busy, f"Waiting for the database's lock ({holder})… escape cancels.")
            self._waiting = True

        def held() -> None:  # from here on the write runs to its end: escape cannot stop it
            if self._waiting:
                self._waiting = False
                call(self._busy, "Saving: writing the database and its search index…")

        self.store.lock_waiting, self.store.lock_cancelled = waiting, self._cancel
        self.store.lock_held, self.store.lock_timeout = held, LOCK_PATIENCE
        try:
            action, mid = save_draft(self.store, meeting, update=update)
        except WriteCancelled:
            call(self._not_saved, "Not saved: cancelled while waiting for the lock.")
            return
        except StoreError as exc:
            call(self._not_saved, f"Not saved: {exc}")
            return
        finally:
            self._waiting = False
        if action == "skipped":  # stored meanwhile, by another process
            call(self._not_saved, f"Not saved: {mid} is already stored.")
            return
        call(self.dismiss, mid)

    @property
    def saving(self) -> bool:
        return self.query_one("#review-progress", ProgressBar).display

    def _busy(self, what: str) -> None:
        self.query_one("#review-error", Static).update(Text(what))
        self.query_one("#review-progress", ProgressBar).display = True
        self.query_one("#review-save", Button).disabled = True

    def _idle(self) -> None:
        self.query_one("#review-progress", ProgressBar).display = False
        self.query_one("#review-save", Button).disabled = False

    def _not_saved(self, message: str, wid: str | None = None) -> None:
        self._idle()
        self.show_error(message, wid)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "review-save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        if self.saving:
            if self._waiting:  # nothing written yet: give up waiting for the lock
                self._cancel.set()
                return
            # the write is under way: it finishes (or fails) on its own
            self.notify("Saving… the draft closes when it is saved.", timeout=3)
            return
        confirm(self, "Discard this draft?", lambda: self.dismiss(None), yes="Discard (y)")
