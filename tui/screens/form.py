"""The meeting form: every field of a meeting and its proposals, editable, in one screen.

One form serves two uses: reviewing a meeting drafted from an article before it is first
saved (:class:`coopbrowse.tui.screens.article.ReviewScreen`) and editing a stored meeting
(:class:`EditScreen`, key ``E``). It shows the meeting's fields, then its participants, goods,
notes, source, trade figures and proposals; rows are added with ``ctrl+n`` in the section the
focus is in and dropped by unticking their box (``✓`` kept, blank dropped), ``f6`` /
``shift+f6`` jump between sections. Saving validates the whole meeting (the field at fault is
named and focused) and writes in a worker, waiting for another writer's lock with a message
that escape cancels; the screen never freezes. Record text is untrusted: it only ever reaches
the screen as widget values and ``Text``, never as markup. A long list's first rows come
with the form and the rest are mounted just after, a few at a time (:class:`ListSection`),
so the form shows in about half a second whatever the meeting's size.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.notifications import Notification, Notify
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Header,
    Input,
    Label,
    ProgressBar,
    Static,
    TextArea,
)

from coopbrowse.store import Store, StoreError
from coopbrowse.store.errors import RecordChanged
from coopbrowse.store.model import (
    Meeting,
    ValidationError,
    check_web_addresses,
    web_addresses,
)
from coopbrowse.store.regions import REGIONS, region_problem
from coopbrowse.store.storage import WriteCancelled
from coopbrowse.store.taxonomy import METRICS, ROLES, SECTORS, SIDES, STATUS_LABELS
from coopbrowse.store.text import one_line, printable

from ..keymap import with_key
from ..keyorder import after_keys_of, bindings_for, send_keys
from ..widgets.choice import Choice
from ..widgets.footer import KeysFooter
from ..widgets.inputs import OrderedInput, Shown, ShownTextArea
from ..widgets.toggles import Tick
from .export import confirm
from .opening import KeepsEarlyKeys
from .styling import StyledOnce

LOCK_PATIENCE = 120.0  # s a save waits for another writer's lock (escape gives up sooner)

# The list sections: state key -> (heading, what ctrl+n adds)
LISTS = {
    "participants": ("Participants", "participant"),
    "trade": ("Trade figures", "trade figure"),
    "proposals": ("Proposals", "proposal"),
}
SECTIONS = ("meeting", "participants", "goods", "source", "trade", "proposals")

# a new proposal's sector is chosen, not assumed (saving one without asks for it)
# A-Z, as a letter typed on the dropdown steps through them: in the taxonomy's order the
# arrows went elsewhere ("Automotive…" then left to "Public transport"), and a new user saved
# the wrong sector
_SECTOR_CHOICES = [
    ("choose a sector", ""),
    *((s.label, s.id) for s in sorted(SECTORS, key=lambda s: s.label.casefold())),
]
_STATUS_CHOICES = [(label, status) for status, label in STATUS_LABELS.items()]
_METRIC_CHOICES = [(k, k) for k in METRICS]
_SIDE_CHOICES = [("—", ""), *((label, side) for side, label in SIDES.items())]
_ROLE_CHOICES = [(role, role) for role in ROLES]


def select_width(choices: list[tuple[str, str]]) -> int:
    """A dropdown wide enough for its longest label (plus padding and the arrow)."""
    return max(len(label) for label, _value in choices) + 5


def split_items(text: str, kept: list[str] | tuple[str, ...] = ()) -> list[str]:
    """Goods or enterprises typed one per line, or separated by commas or semicolons: each
    is an item. A line that is one of the ``kept`` items as it was (a stored item may hold a
    comma: "machinery for lifting, loading") stays whole."""
    out: list[str] = []
    for line in re.split(r"[\n;]", text):
        line = line.strip()
        if line in kept:
            out.append(line)
        else:
            out += [v.strip() for v in line.split(",") if v.strip()]
    return out


def _as_edited(text: str, shown: str, value: Any, read: Callable[[str], Any]) -> Any:
    """``value`` as it is stored while its widget still shows ``shown``, the text it was
    given; else what ``read`` makes of the text. A stored item holding ";" or a line break
    (or a summary with spaces around it) went through the widgets split: an untouched
    form saved a changed record."""
    return value if text == shown else read(text)


def split_lines(text: str) -> list[str]:
    """One item per line (notes, which may hold commas)."""
    return [v.strip() for v in text.splitlines() if v.strip()]


def number(text: str) -> float | str | None:
    """A number typed in a field; the text back when it is not one (validation reports it)."""
    text = text.strip().replace(",", "").removeprefix("$").removesuffix("%").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text


def _shown(value: float | None) -> str:
    """A number as typed back: every digit kept (``12345.67``, not ``12345.7``)."""
    return "" if value is None else str(value).removesuffix(".0")


def _blank(key: str, item: dict[str, Any]) -> bool:
    """A row added (or offered) but never filled in: left out when saving."""
    if key == "participants":
        return not (item["name"] or item["title"])
    if key == "trade":
        filled = ("period", "usd_millions", "change_pct", "qualifier", "stated_by", "note")
        return not any(item.get(k) not in (None, "") for k in filled)
    return not (item["title"] or item["detail"] or item["enterprises"])


class Field(OrderedInput):
    """A form field. Tabbing into it puts the cursor at its end: a selection of all it holds
    would be replaced by the next key typed ("Minsk" lost to " (Palace of Independence)").

    A record's control characters (an escape sequence, a bidi override) show as stand-ins
    (``␛[31m``): raw, the field would send them to the terminal. Saved, the field gives the
    value as stored while what it shows is unchanged (:attr:`stored_value`)."""

    def __init__(self, value: str | None = None, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("select_on_focus", False)
        self._stored = Shown(value or "", newlines=False)
        super().__init__(self._stored.shown, *args, **kwargs)

    @property
    def stored_value(self) -> str:
        """The record's value: as stored while the field shows it unchanged, else as typed."""
        return self._stored.given(self.value)


# What the form calls a record's fields (a ValidationError names them by their path)
_FIELD_NAMES = {
    "date": "Date",
    "date_inferred": "Year inferred",
    "date_note": "Date note",
    "place": "Place",
    "place_note": "Place note",
    "region": "Region",
    "title": "Title",
    "summary": "Summary",
    "id": "Id",
    "exports": "Exports",
    "imports": "Imports",
    "notes": "Notes",
    "source.outlet": "Outlet",
    "source.published": "Published",
    "source.url": "URL",
    "source.headline": "Headline",
    "source.document": "Document",
}
_ROW_NAMES = {  # a row's name, and its fields' (as their headings and placeholders say)
    "participants": ("Participant", {}),
    "trade": (
        "Trade figure",
        {"usd_millions": "USD mln", "change_pct": "change %", "change_basis": "change over"},
    ),
    "proposals": ("Proposal", {"proposed_by": "raised by"}),
}
_ROW_PATH = re.compile(r"(participants|trade|proposals)\[(\d+)\](?:\.(\w+))?(.*)")


def field_name(path: str, wid: str | None = None) -> str:
    """The form's name for the field at ``path`` ("Trade figure 6, USD mln" for
    ``trade[5].usd_millions``), counting rows as the form shows them (``wid``: the id of
    the field's widget, whose row number is the row on screen)."""
    m = _ROW_PATH.fullmatch(path)
    if m is None:
        return _FIELD_NAMES.get(path, path)
    noun, names = _ROW_NAMES[m[1]]
    on_screen = re.match(r"[a-z]+-(\d+)-", wid or "")
    row = f"{noun} {int(on_screen[1] if on_screen else m[2]) + 1}"
    if not m[3]:
        return row
    return f"{row}, {names.get(m[3], m[3].replace('_', ' '))}{m[4]}"


WidgetType = TypeVar("WidgetType", bound=Widget)


def _given(value: str | None, was: str | None) -> bool:
    """Whether a field holds other than the record's value (spaces around either aside: a
    place stored as "Minsk " is not given by hand as the form opens)."""
    return (value or "").strip() != (was or "").strip()


# A field given by hand, and what tells how the article gave it: (the field, its note's
# widget, a mark's widget)
_NOTED: dict[str, tuple[str, str, str | None]] = {
    "f-date": ("date", "f-date-note", "f-date-inferred"),
    "f-place": ("place", "f-place-note", None),
}

EAGER_ROWS = 4  # a list's rows mounted with the form; the rest follow a few at a time
# (the lists below the meeting's own fields, out of sight when the form opens: their first
# row, for f6 to land in)
LATER_EAGER_ROWS = 1
BATCH_ROWS = 2  # rows mounted at a time after the first frame (keys are handled between)


class ListSection(Vertical):
    """A list of the form (participants, trade figures, proposals): its heading, a row per
    item, and a button that adds one (the form mounts a new row before it).

    A long list would keep the screen from showing for a second or more (each row is a
    dozen widgets): its first rows come with the form and the rest are mounted after the
    first frame, a few at a time. Until then a row's item is what the form holds for it
    (:meth:`MeetingForm.sync` reads only the rows that are there)."""

    def __init__(self, form: MeetingForm, key: str, eager: int = EAGER_ROWS) -> None:
        super().__init__(id=f"sec-{key}", classes="form-block")
        self.form = form
        self.key = key
        self.eager = eager
        self.later: list[int] = []  # rows still to mount, in order
        self.complete = asyncio.Event()  # every row is mounted

    def compose(self) -> ComposeResult:
        title, what = LISTS[self.key]
        items = self.form.state[self.key]
        shown = self.form.shown[self.key]  # the rest: the spare row, hidden until ctrl+n
        yield Label(f"{title} ({shown})", classes="form-section")
        if not shown:
            yield Static(f"None yet. ctrl+n adds a {what}.", classes="dim list-empty")
        if self.key == "trade":
            heads = self.form.trade_heads()
            heads.display = bool(shown)  # (shown with the first row ctrl+n adds)
            yield heads
        for i, item in enumerate(items):
            if i >= self.eager:
                self.later.append(i)
            else:
                yield from self.form.wrapped_row(self.key, i, item, spare=i == shown)
        label = with_key(self.app, f"+ Add a {what}", "form-add-row", "ctrl+n")
        yield Button(label, id=f"add-{self.key}", classes="add-row")

    def on_mount(self) -> None:
        if self.later:
            self.call_after_refresh(self.mount_rest)
        else:
            self.complete.set()

    async def mount_rest(self, batch: int = BATCH_ROWS) -> None:
        """Mount the rows still to come, ``batch`` at a time (all at once: 0); returns
        when every row is mounted."""
        items, shown = self.form.state[self.key], self.form.shown[self.key]
        while self.later:
            take = self.later if batch <= 0 else self.later[:batch]
            self.later = self.later[len(take) :]
            widgets = [
                w
                for i in take
                for w in self.form.wrapped_row(self.key, i, items[i], spare=i == shown)
            ]
            await self.mount_all(widgets, before=f"#add-{self.key}")
        if not self.later:
            self.complete.set()
        await self.complete.wait()


class MeetingForm(KeepsEarlyKeys, StyledOnce, Screen[str | None]):
    """Every field of a meeting, editable; ``ctrl+s`` validates and saves it. Subclasses
    say how it is saved (:meth:`_check` runs in a worker) and what the heading says."""

    CSS_PATH = "form.tcss"
    # below 100 columns a proposal's sector takes less room, so that its title has some
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    # The first field is focused once the form is drawn, and the keys typed until then go
    # into it (KeepsEarlyKeys): nothing may take the focus (and the keys) before
    AUTO_FOCUS = ""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form-save", priority=True),
        Binding("escape", "cancel", "Discard", id="form-cancel"),
        # The app's `q` would quit and lose the edits: here it asks, like escape.
        Binding("q", "cancel", "Discard", show=False, id="form-quit"),
        Binding("ctrl+n", "add_row", "Add a row", id="form-add-row", priority=True),
        # priority: the focus moves as the key arrives, so what is typed right after a tab
        # goes to the next field (not, as a burst of keys would, to this one)
        Binding("tab", "next_field", show=False, id="form-next-field", priority=True),
        Binding("shift+tab", "previous_field", show=False, id="form-previous-field", priority=True),
        Binding(
            "f6,ctrl+down", "section(1)", "Next section", id="form-next-section", priority=True
        ),
        Binding(
            "shift+f6,ctrl+up",
            "section(-1)",
            "Previous section",
            show=False,
            id="form-previous-section",
            priority=True,
        ),
        # (the app's f1 too, shown: `?` is typed into a field here)
        Binding("f1", "app.help", "Help", id="form-help"),
    ]

    heading = "Meeting"
    discard_question = "Discard your changes?"

    def help_sections(self) -> list[tuple[str, object]]:
        return [
            (
                "The meeting form (tab moves between fields; untick a row's ✓ to drop it)",
                MeetingForm,
            ),
            ("In a dropdown (sector, status, role…)", Choice),
        ]

    def __init__(self, meeting: dict[str, Any], store: Store) -> None:
        super().__init__()
        self.store = store
        self.original = meeting
        self._region_as_typed = ""  # a region said to be no known one, to be saved as typed
        self.state: dict[str, Any] = {
            **meeting,
            "participants": [dict(p, _keep=True) for p in meeting["participants"]],
            "trade": [dict(t, _keep=True) for t in meeting["trade"]],
            "proposals": [dict(p, _keep=True) for p in meeting["proposals"]],
        }
        # rows shown in each list; each list ends in a hidden spare row that ctrl+n shows
        self.shown = {key: len(self.state[key]) for key in LISTS}
        for key in LISTS:
            self.state[key].append(self.blank(key))
        self._cancel = threading.Event()  # set to stop waiting for the lock
        self._waiting = False  # whether the save waits for another writer's lock
        self._holding = False  # whether keys typed now are kept (see keeps_key)
        self._saving_notice: Notification | None = None  # (see _busy)
        self.kept_keys: list[events.Key] = []  # typed while saving, for what comes next
        self.missing: set[str] = set()  # field paths the draft could not fill
        self.focus_on: str | None = None  # a widget id to focus first
        # notes cleared as their field was given by hand: id → (what it showed, placeholder)
        self._cleared: dict[str, tuple[str, str]] = {}

    # The form ---------------------------------------------------------------------------

    def notes(self) -> list[str]:
        """Lines shown above the form (what the draft could not find, and the like)."""
        return []

    def _field(self, label: str, value: Any, wid: str, **kw: Any) -> Horizontal:
        path = wid.removeprefix("f-").replace("-", ".")
        text = "" if value is None else str(value)
        field = Field(value=text, id=wid, **kw)
        if path in self.missing and not text:
            field.add_class("missing", update=False)  # (not mounted yet: styled when it is)
            field.placeholder = "not found in the article"
        return Horizontal(Label(label, classes="form-label"), field, classes="form-row")

    def _area(self, label: str, text: str, wid: str, hint: str, height: int = 3) -> Horizontal:
        area = ShownTextArea(text, id=wid, soft_wrap=True, tab_behavior="focus", classes="area")
        area.styles.height = height
        area.tooltip = "one item per line (goods may also be separated by commas)"
        return Horizontal(
            Vertical(Label(label, classes="form-label"), Label(hint, classes="form-hint")),
            area,
            classes="form-area",
        )

    def id_field(self) -> ComposeResult:
        yield Horizontal(
            Label("Id", classes="form-label"),
            Label(one_line(self.state["id"]), id="f-id-shown"),
            classes="form-row",
        )

    def compose(self) -> ComposeResult:
        m = self.state
        src = m["source"]
        yield Header()
        # Not focusable: the focus goes to the first field at once, and passing through the
        # scroll container first restyled all its hundreds of widgets twice (0.5 s)
        with VerticalScroll(id="review-form", can_focus=False):
            yield Static(Text(self.heading, style="bold"), id="form-heading")
            notes = self.notes()
            if notes:
                yield Static(Text(printable("\n".join(notes)), style="yellow"), id="review-notes")
            with Vertical(id="sec-meeting", classes="form-block"):
                yield Label("Meeting", classes="form-section")
                yield self._field("Date", m["date"], "f-date", placeholder="YYYY-MM-DD")
                yield Horizontal(
                    Label("", classes="form-label"),
                    Tick("year inferred", m["date_inferred"], id="f-date-inferred"),
                    classes="form-row",
                )
                yield self._field("Date note", m["date_note"], "f-date-note")
                yield self._field(
                    "Region",
                    m["region"],
                    "f-region",
                    suggester=SuggestFromList([r.name for r in REGIONS], case_sensitive=False),
                )
                yield self._field("Place", m["place"], "f-place")
                yield self._field("Place note", m["place_note"], "f-place-note")
                yield self._field("Title", m["title"], "f-title")
                yield self._area("Summary", m["summary"], "f-summary", "several lines", 4)
                yield from self.id_field()
            yield ListSection(self, "participants")
            with Vertical(id="sec-goods", classes="form-block"):
                yield Label("Goods and notes", classes="form-section")
                hint = "one per line"
                yield self._area("Exports", "\n".join(m["exports"]), "f-exports", hint)
                yield self._area("Imports", "\n".join(m["imports"]), "f-imports", hint)
                yield self._area("Notes", "\n".join(m["notes"]), "f-notes", "one per line")
            with Vertical(id="sec-source", classes="form-block"):
                yield Label("Source", classes="form-section")
                yield self._field("Outlet", src["outlet"], "f-source-outlet")
                yield self._field(
                    "Published", src["published"], "f-source-published", placeholder="YYYY-MM-DD"
                )
                yield self._field("URL", src["url"], "f-source-url")
                yield self._field("Headline", src["headline"], "f-source-headline")
                yield self._field("Document", src["document"], "f-source-document")
            yield ListSection(self, "trade", LATER_EAGER_ROWS)
            yield ListSection(self, "proposals", max(LATER_EAGER_ROWS, self.focus_row + 1))
            yield Static("", id="review-error", markup=False)
            yield ProgressBar(total=None, show_eta=False, id="review-progress")
            with Horizontal(id="review-buttons"):
                save = with_key(self.app, "Save", "form-save", "ctrl+s")
                yield Button(save, id="review-save", variant="primary")
                yield Button(
                    with_key(self.app, "Discard", "form-cancel", "esc"), id="review-cancel"
                )
        yield KeysFooter()

    @property
    def focus_row(self) -> int:
        """The proposal row that gets the focus first (-1: none)."""
        found = re.fullmatch(r"pr-(\d+)-\w+", self.focus_on or "")
        return int(found.group(1)) if found else -1

    @property
    def complete(self) -> bool:
        """Whether every row of every list is mounted."""
        return all(section.complete.is_set() for section in self.query(ListSection))

    def _row_shown(self, prefix: str, i: int) -> bool:
        wid = f"{prefix}-{i}-keep"
        return wid in self._ids if self._ids is not None else bool(self.query(f"#{wid}"))

    def on_mount(self) -> None:
        target = self.query(f"#{self.focus_on}") if self.focus_on else None
        widget = target.first() if target else self.query_one("#f-date", Input)
        if target and isinstance(widget, Input):
            # the record it opened on shows from its start: at its end, a title longer than
            # its field read as damaged ("elarusian elevator equipment"; a trial at 80x24);
            # keys typed ahead go at its end still (see _release)
            widget.cursor_position = 0
        self.focus_first(widget)  # with the keys typed before the form was there

    def _release(self, widget: Widget) -> None:
        if self.early_keys and isinstance(widget, Input):
            widget.cursor_position = len(widget.value)  # (typed on, as before: at the end)
        super()._release(widget)
        if self.focus_on:
            self.call_after_refresh(
                self.query_one("#review-form", VerticalScroll).scroll_to_widget, widget, top=True
            )
            self.run_worker(self._on_top_when_complete(widget), group="on-top")

    async def _on_top_when_complete(self, widget: Widget) -> None:
        """Once every row is mounted, the row the form opened on goes to the top again: the
        rows after it were still to come, so it had stayed at the bottom edge, its lines
        below cut off (unless the focus has moved on meanwhile)."""
        for section in self.query(ListSection):
            await section.complete.wait()
        if self.focused is widget:
            self.call_after_refresh(
                self.query_one("#review-form", VerticalScroll).scroll_to_widget, widget, top=True
            )

    def row(self, key: str, i: int, item: dict[str, Any]) -> ComposeResult:
        """The widgets of item ``i`` of list ``key``."""
        keep = Tick("", item["_keep"], id=f"{key[:2]}-{i}-keep", classes="keep")
        keep.tooltip = "✓ kept; untick to drop it when saving"
        if key == "participants":
            name = Field(item["name"], id=f"pa-{i}-name", classes="pname", placeholder="name")
            if not item["name"] and item["role"] in self.missing:
                name.add_class("missing", update=False)
                name.placeholder = f"{item['role']}: not found"
            yield Horizontal(
                keep,
                name,
                Field(item["title"], id=f"pa-{i}-title", classes="ptitle", placeholder="title"),
                self._select(_SIDE_CHOICES, item["side"], f"pa-{i}-side"),
                self._select(_ROLE_CHOICES, item["role"], f"pa-{i}-role"),
                classes="list-row",
            )
        elif key == "trade":
            yield Horizontal(
                keep,
                Field(item["period"], id=f"tr-{i}-period", classes="period", placeholder="2024"),
                self._select(_METRIC_CHOICES, item["metric"], f"tr-{i}-metric"),
                Field(
                    item["qualifier"], id=f"tr-{i}-qualifier", classes="qualifier",
                    placeholder="qualifier",
                ),
                Field(
                    _shown(item["usd_millions"]), id=f"tr-{i}-usd", classes="usd",
                    placeholder="USD m",
                ),
                Field(
                    _shown(item["change_pct"]), id=f"tr-{i}-change", classes="change",
                    placeholder="change %",
                ),
                classes="list-row",
            )  # fmt: skip
            # (the second line: what the first leaves no room for at 80 columns)
            yield Horizontal(
                Field(
                    item["change_basis"],
                    id=f"tr-{i}-basis",
                    classes="basis",
                    placeholder="change over …",
                ),
                Field(item["stated_by"], id=f"tr-{i}-by", classes="by", placeholder="stated by"),
                Field(item["note"], id=f"tr-{i}-note", classes="note", placeholder="note"),
                classes="list-row indented",
            )
        else:
            guess = Tick("from the article", item.get("status_from_article", False))
            guess.id = f"pr-{i}-guess"
            guess.tooltip = "the status is the extractor's guess; untick to confirm it"
            # the title keeps room on the first line at 80 columns: whether the status is the
            # article's guess goes with it on the second
            yield Horizontal(
                keep,
                self._select(_SECTOR_CHOICES, item["sector"], f"pr-{i}-sector", "sector"),
                Field(item["title"], id=f"pr-{i}-title", classes="ptitle", placeholder="title"),
                self._select(_STATUS_CHOICES, item["status"], f"pr-{i}-status"),
                classes="list-row",
            )
            yield Horizontal(
                Field(item["proposed_by"], id=f"pr-{i}-by", classes="by", placeholder="raised by"),
                Field(
                    "; ".join(item["enterprises"]),
                    id=f"pr-{i}-enterprises",
                    classes="enterprises",
                    placeholder="enterprises, separated by commas or ;",
                ),
                guess,
                classes="list-row indented",
            )
            # (alone on its line: no row around it, one widget fewer a proposal)
            yield Field(item["detail"], id=f"pr-{i}-detail", classes="detail", placeholder="detail")

    @staticmethod
    def trade_heads() -> Horizontal:
        """What each box of a trade figure's first line holds, above them: a filled box
        shows only its value ("130": of what?), its placeholder gone. One line, each name
        as wide as its box."""
        metric = Label("Metric", classes="col-head")
        metric.styles.width = select_width(_METRIC_CHOICES)
        return Horizontal(
            Label("", classes="keep col-head"),
            Label("Period", classes="period col-head"),
            metric,
            Label("Qualifier", classes="qualifier col-head"),
            Label("USD mln", classes="usd col-head"),
            Label("Change %", classes="change col-head"),
            classes="list-row col-heads",
        )

    @staticmethod
    def _select(choices: list[tuple[str, str]], value: str, wid: str, classes: str = "") -> Choice:
        widget = Choice(choices, value, id=wid, classes=classes)
        widget.styles.width = select_width(choices)
        return widget

    # Reading the form back --------------------------------------------------------------

    # While :meth:`sync` reads the form, its widgets by id, found in one walk: a query per
    # field walked the whole form each time (hundreds of widgets, a dozen fields a row), and
    # reading a long form back took a tenth of a second
    _ids: dict[str, Widget] | None = None

    def _widget(self, wid: str, kind: type[WidgetType]) -> WidgetType:
        found = self._ids.get(wid) if self._ids is not None else None
        if isinstance(found, kind):
            return found
        return self.query_one(f"#{wid}", kind)

    def _value(self, wid: str) -> str:
        field = self._widget(wid, Input)
        return (field.stored_value if isinstance(field, Field) else field.value).strip()

    def _text(self, wid: str) -> str:
        area = self._widget(wid, TextArea)
        return area.stored_text if isinstance(area, ShownTextArea) else area.text

    def _checked(self, wid: str) -> bool:
        return self._widget(wid, Checkbox).value

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        wid = event.checkbox.id or ""
        key = {"pa": "participants", "tr": "trade", "pr": "proposals"}.get(wid[:2])
        if key is not None and wid.endswith("-keep"):
            self._count(key)

    def _count(self, key: str) -> None:
        """A list's heading: how many rows, and how many of them untick to drop ("Proposals
        (7)" stayed as it was while rows were unticked)."""
        title, _what = LISTS[key]
        section = self.query_one(f"#sec-{key}", ListSection)
        dropped = sum(1 for tick in section.query(".keep").results(Checkbox) if not tick.value)
        said = f"{self.shown[key]}, {dropped} to drop when saved" if dropped else self.shown[key]
        section.query_one(".form-section", Label).update(f"{title} ({said})")

    def _chosen(self, wid: str) -> str:
        return self._widget(wid, Choice).value

    def sync(self) -> None:
        """Read every widget back into :attr:`state` (before a list is recomposed, and
        before saving)."""
        self._ids = {w.id: w for w in self.walk_children(Widget) if w.id is not None}
        try:
            self._sync()
        finally:
            self._ids = None

    def _sync(self) -> None:
        m = self.state
        for name in ("date", "region", "place", "title"):
            m[name] = self._value(f"f-{name}")
        m["date_note"] = self._value("f-date-note")
        m["place_note"] = self._value("f-place-note")
        was = self.original
        m["summary"] = _as_edited(
            self._text("f-summary"), was["summary"], was["summary"], str.strip
        )
        m["date_inferred"] = self._checked("f-date-inferred")
        for name in ("exports", "imports"):
            m[name] = _as_edited(
                self._text(f"f-{name}"),
                "\n".join(was[name]),
                list(was[name]),
                partial(split_items, kept=was[name]),
            )
        m["notes"] = _as_edited(
            self._text("f-notes"), "\n".join(was["notes"]), list(was["notes"]), split_lines
        )
        m["source"] = dict(m["source"])
        for name in ("outlet", "published", "url", "headline", "document"):
            m["source"][name] = self._value(f"f-source-{name}")
        m["source"]["published"] = m["source"]["published"] or None
        for i, p in enumerate(m["participants"]):
            if not self._row_shown("pa", i):
                continue  # not mounted yet: as it was
            p.update(
                _keep=self._checked(f"pa-{i}-keep"),
                name=self._value(f"pa-{i}-name"),
                title=self._value(f"pa-{i}-title"),
                side=self._chosen(f"pa-{i}-side"),
                role=self._chosen(f"pa-{i}-role"),
            )
        for i, t in enumerate(m["trade"]):
            if not self._row_shown("tr", i):
                continue  # not mounted yet: as it was
            t.update(
                _keep=self._checked(f"tr-{i}-keep"),
                period=self._value(f"tr-{i}-period"),
                metric=self._chosen(f"tr-{i}-metric"),
                qualifier=self._value(f"tr-{i}-qualifier"),
                usd_millions=number(self._value(f"tr-{i}-usd")),
                change_pct=number(self._value(f"tr-{i}-change")),
                change_basis=self._value(f"tr-{i}-basis"),
                stated_by=self._value(f"tr-{i}-by"),
                note=self._value(f"tr-{i}-note"),
            )
        for i, p in enumerate(m["proposals"]):
            if not self._row_shown("pr", i):
                continue  # not mounted yet: as it was
            status = self._chosen(f"pr-{i}-status")
            guessed = self._checked(f"pr-{i}-guess") and status == p["status"]
            p.update(
                _keep=self._checked(f"pr-{i}-keep"),
                sector=self._chosen(f"pr-{i}-sector"),
                title=self._value(f"pr-{i}-title"),
                status=status,
                status_from_article=guessed,  # a status a person chose is not a guess
                proposed_by=self._value(f"pr-{i}-by"),
                enterprises=_as_edited(
                    self._value(f"pr-{i}-enterprises"),
                    "; ".join(p["enterprises"]).strip(),
                    p["enterprises"],
                    partial(split_items, kept=p["enterprises"]),
                ),
                detail=self._value(f"pr-{i}-detail"),
            )

    def collect(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The meeting as edited (dropped rows left out), and which widget holds each
        field path (for errors)."""
        self.sync()
        out = {k: v for k, v in self.state.items() if k not in LISTS}
        was = self.original
        # a date or place given by hand: the word on how it was found (or missed: "not
        # stated in the article") no longer applies; a note changed here stays. (The form
        # clears them as the field is typed: _notes_follow. Here only what it has not seen;
        # a note or tick put back after it cleared them is the user's, and kept.)
        cleared = self._cleared
        if _given(out["date"], was["date"]):
            if out["date_note"] == was["date_note"] and "f-date-note" not in cleared:
                out["date_note"] = ""
            if out["date_inferred"] == was["date_inferred"] and "f-date-inferred" not in cleared:
                out["date_inferred"] = False
        if (
            _given(out["place"], was["place"])
            and out["place_note"] == was["place_note"]
            and "f-place-note" not in cleared
        ):
            out["place_note"] = ""
        where = {
            name: f"f-{name.replace('_', '-')}"
            for name in ("date", "region", "place", "title", "date_note", "place_note")
        }
        where.update({"summary": "f-summary", "exports": "f-exports", "imports": "f-imports"})
        where["notes"] = "f-notes"
        for name in ("outlet", "published", "url", "headline", "document"):
            where[f"source.{name}"] = f"f-source-{name}"
        fields = {
            "participants": ("pa", {"name": "name", "title": "title"}, "name"),
            "trade": (
                "tr",
                {
                    "period": "period",
                    "usd_millions": "usd",
                    "change_pct": "change",
                    "qualifier": "qualifier",
                    "metric": "metric",
                },
                "usd",
            ),
            "proposals": ("pr", {"title": "title", "sector": "sector"}, "title"),
        }
        for key, (prefix, paths, whole) in fields.items():
            kept: list[dict[str, Any]] = []
            for i, item in enumerate(self.state[key]):
                if not item["_keep"] or _blank(key, item):
                    continue
                n = len(kept)
                for name, wid in paths.items():
                    where[f"{key}[{n}].{name}"] = f"{prefix}-{i}-{wid}"
                where[f"{key}[{n}]"] = f"{prefix}-{i}-{whole}"
                kept.append({k: v for k, v in item.items() if k != "_keep"})
            out[key] = kept
        return out, where

    # Adding rows and moving between sections ---------------------------------------------

    def _section_of(self, widget: Widget | None) -> str | None:
        while widget is not None:
            if widget.id and widget.id.startswith("sec-"):
                return widget.id.removeprefix("sec-")
            parent = widget.parent
            widget = parent if isinstance(parent, Widget) else None
        return None

    async def action_add_row(self, key: str | None = None) -> None:
        """Add an empty row to the list the focus is in (participants, trade, proposals)."""
        key = key or self._section_of(self.focused)
        if key not in LISTS:
            self.notify(
                "ctrl+n adds a row in Participants, Trade figures or Proposals: "
                "move there first (f6 jumps between sections).",
                timeout=4,
            )
            return
        section = self.query_one(f"#sec-{key}", ListSection)
        await section.mount_rest(batch=0)  # the rows still to come go before the new one
        spare = section.query(".spare")
        if not spare:  # ctrl+n pressed again before the next spare row was mounted
            await self._add_spare(key)
            spare = section.query(".spare")
        i = int(getattr(spare.first(), "row_index", 0))
        for widget in section.query(f".row-{i}"):  # shown and focused at once: no key
            widget.remove_class("spare")  # typed next is lost
            widget.display = True
        for empty in section.query(".list-empty"):
            empty.display = False
        for heads in section.query(".col-heads"):
            heads.display = True
        self.shown[key] += 1
        self._count(key)
        first = {"participants": "name", "trade": "period", "proposals": "title"}[key]
        widget = self.query_one(f"#{key[:2]}-{i}-{first}")
        self.set_focus(widget)
        # once the row shown is laid out (now it has no place yet, and nothing scrolled):
        # the whole row in view, its last line too (a proposal's detail, under the footer
        # when only its first line was scrolled to), then its first
        scroll = self.query_one("#review-form", VerticalScroll)
        last = list(section.query(f".row-{i}"))[-1]

        def show_row() -> None:
            scroll.scroll_to_widget(last, animate=False, immediate=True)
            scroll.scroll_to_widget(widget, animate=False, immediate=True)

        self.call_after_refresh(show_row)
        if not section.query(".spare"):
            self.call_later(self._add_spare, key)

    async def _add_spare(self, key: str) -> None:
        """Mount the next (hidden) spare row of list ``key``, before its button."""
        section = self.query_one(f"#sec-{key}", ListSection)
        if section.query(".spare"):
            return
        items = self.state[key]
        items.append(self.blank(key))
        i = len(items) - 1
        await section.mount_all(
            self.wrapped_row(key, i, items[i], spare=True), before=f"#add-{key}"
        )

    def wrapped_row(self, key: str, i: int, item: dict[str, Any], *, spare: bool) -> list[Widget]:
        """The row's widgets, named by its index; a spare row is hidden."""
        widgets = list(self.row(key, i, item))
        for widget in widgets:
            # not mounted yet: no restyle now (each would restyle its row's subtree)
            widget.add_class(f"row-{i}", update=False)
            widget.row_index = i  # type: ignore[attr-defined]
            if spare:
                widget.add_class("spare", update=False)
                widget.display = False
        return widgets

    def blank(self, key: str) -> dict[str, Any]:
        """A new, empty item of list ``key``."""
        if key == "participants":
            return {"name": "", "title": "", "side": "", "role": "participant", "_keep": True}
        if key == "trade":
            return {
                "period": "",
                "metric": "turnover",
                "usd_millions": None,
                "qualifier": "",
                "change_pct": None,
                "change_basis": "",
                "stated_by": "",
                "note": "",
                "_keep": True,
            }
        return {
            "id": "",
            "meeting_id": self.state["id"],
            "sector": "",
            "title": "",
            "detail": "",
            "proposed_by": "",
            "enterprises": [],
            "status": "proposed",
            "quote": "",
            "status_from_article": False,
            "follow_up": [],
            "raised_again": [],
            "_keep": True,
        }

    _here: str | None = None  # the section the focus is in (its heading is marked)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the heading of the section the focus is in: after f6, the list on screen
        was not always the one with the focus (a box ticked in the trade figures was taken
        for a proposal's; found by a new user). Only the two headings are restyled."""
        here = self._section_of(event.widget)
        if here == self._here:
            return
        for key, on in ((self._here, False), (here, True)):
            if key is not None:
                for heading in self.query(f"#sec-{key} > .form-section"):
                    heading.set_class(on, "-here")
        self._here = here

    def action_section(self, step: int) -> None:
        """Move the focus to the first field of the next (or previous) section."""
        here = self._section_of(self.focused) or SECTIONS[0]
        at = SECTIONS.index(here) if here in SECTIONS else 0
        target = SECTIONS[(at + step) % len(SECTIONS)]
        section = self.query_one(f"#sec-{target}")
        focusable = [w for w in section.query("*") if w.focusable]
        if focusable:
            self.set_focus(focusable[0])  # now: a second f6 at once moves on from here
        # (at once: scrolled with an animation, the screen still showed the section left
        # while the keys typed next went into the one reached, off screen)
        form = self.query_one("#review-form", VerticalScroll)
        form.scroll_to_widget(section, top=True, animate=False, immediate=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "review-save":
            self.action_save()
        elif button == "review-cancel":
            self.action_cancel()
        elif button.startswith("add-"):
            self.run_worker(self.action_add_row(button.removeprefix("add-")))

    # Saving -----------------------------------------------------------------------------

    def show_error(self, message: str, wid: str | None = None) -> None:
        self.query_one("#review-error", Static).update(Text(one_line(message), style="red"))
        self.notify(one_line(message), severity="error", markup=False)  # seen on any size
        self._blamed = wid
        if wid and self.query(f"#{wid}"):
            widget: Widget = self.query_one(f"#{wid}")
            widget.focus()
            self.query_one("#review-form", VerticalScroll).scroll_to_widget(widget)
        else:
            self.query_one("#review-form", VerticalScroll).scroll_end(animate=False)

    _blamed: str | None = None  # the field the error under the form names

    def on_input_changed(self, event: Input.Changed) -> None:
        self._mended(event.input)
        if event.input.id in _NOTED:
            self._notes_follow(event.input.id)

    def _notes_follow(self, wid: str) -> None:
        """A date or place given by hand: the note on how the article gave it (or missed it:
        "not stated in the article"), and the date's year-inferred mark, no longer apply.
        They are cleared in the form as the field is typed (they had stayed on screen and
        gone silently on saving); the field put back as it was brings them back. A note the
        user has changed meanwhile is left as it is."""
        name, note_id, tick_id = _NOTED[wid]
        was, cleared = self.original, self._cleared
        given = _given(self._widget(wid, Field).stored_value, was[name])
        note = self._widget(note_id, Field)
        if given and note_id not in cleared:
            if note.value and note.stored_value == was[f"{name}_note"]:
                cleared[note_id] = (note.value, note.placeholder)
                note.placeholder = f"cleared: the {name} was given by hand"
                note.value = ""
        elif not given and note_id in cleared:
            shown, placeholder = cleared.pop(note_id)
            note.placeholder = placeholder
            if not note.value:  # (not a note typed meanwhile)
                note.value = shown
        if tick_id is None:
            return
        tick = self._widget(tick_id, Checkbox)
        if given and tick_id not in cleared and tick.value and was["date_inferred"]:
            cleared[tick_id] = ("", "")
            tick.value = False
        elif not given and tick_id in cleared:
            del cleared[tick_id]
            tick.value = True

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._mended(event.text_area)

    def on_choice_changed(self, event: Choice.Changed) -> None:
        self._mended(event.choice)

    def _mended(self, field: Widget) -> None:
        """The field an error named was edited: the error no longer stands under the form
        ("Region: is required" beside the region just filled in)."""
        if self._blamed is not None and field.id == self._blamed and not self.saving:
            self._blamed = None
            self.query_one("#review-error", Static).update("")

    def action_save(self) -> None:
        """Check the meeting and save it. Reading and writing the database (400 MB at
        100,000 meetings) run in a worker; the form says what is happening meanwhile, and
        another ctrl+s or escape waits for the answer."""
        if self.saving:
            self.notify("Already saving…", timeout=2)
            return
        self._holding = True  # (the keys typed from now on: see keeps_key)
        # ctrl+s overtakes the keys typed just before it (they wait in the focused field's
        # queue, or go up from it to their binding: space ticking a box): the form is read
        # once they are all handled.
        field = self.focused
        if field is not None and field is not self:
            after_keys_of(field, self._save_now)
        else:
            self._save_now()

    def keeps_key(self, event: events.Key) -> bool:
        """(Called by the app for each key typed while this form is the screen.) While the
        form saves, a key typed is kept, not typed into a field the form is about to close
        with: once saved, the kept keys go to the screen that comes next (``j`` moves in the
        list, ``/`` searches); when the save fails, they go back into the form. The form's
        save and escape keys still act at once (escape gives up waiting for a lock)."""
        if not self._holding:
            return False
        ids = {binding.id for binding in bindings_for(self, event.key)}
        if ids & {"form-save", "form-cancel"}:  # (not q: a letter typed ahead, kept)
            return False
        self.kept_keys.append(event)
        return True

    def _give_back_keys(self) -> None:
        """Send the keys kept meanwhile on: into the form when the save did not happen, to
        the screen under it once the form has closed."""
        self._holding = False
        keys, self.kept_keys = self.kept_keys, []
        send_keys(self.app, keys)

    def _saved_as(self, saved: str) -> None:
        """Saved: close the form, and the keys kept meanwhile go to the screen under it."""
        self.dismiss(saved)
        self._give_back_keys()

    def _save_now(self) -> None:
        if self.saving or not self.is_attached:
            return
        data, where = self.collect()
        region = str(data.get("region") or "")
        problem = region_problem(region)
        if problem and region not in (self._region_as_typed, self.original.get("region")):
            # a slip ("Samra Oblast") would be a region of its own in every list and count:
            # said once; ctrl+s again saves it as typed (a name the table lacks, say). A
            # field that cannot be saved at all is said first ("2025-02-30" came only after
            # the region was answered: a trial)
            try:
                self._valid(data)  # (one record: checked here in a moment)
            except ValidationError as exc:
                self._not_saved(*self._refusal(exc, where))
                return
            self._region_as_typed = region
            self._not_saved(f"Not saved: Region: {problem} (ctrl+s again saves it as typed)",
                            "f-region")  # fmt: skip
            return
        self._busy("Checking against the database…")
        self._check(data, where)

    def _check(self, data: dict[str, Any], where: dict[str, str]) -> object:
        """Check and save ``data`` (a worker of the subclass's)."""
        raise NotImplementedError

    def _valid(self, data: dict[str, Any]) -> Meeting:
        """``data`` as a meeting, checked as its save checks it; ``ValidationError`` names
        its first bad field."""
        meeting = Meeting.from_dict(data)
        check_web_addresses(meeting, web_addresses(self.original))
        return meeting

    def invalid(self, exc: ValidationError, where: dict[str, str]) -> None:
        """(From a worker) the save stops at a bad field: name it as the form labels it,
        and focus it."""
        self.app.call_from_thread(self._not_saved, *self._refusal(exc, where))

    @staticmethod
    def _refusal(exc: ValidationError, where: dict[str, str]) -> tuple[str, str | None]:
        """What the form says of a bad field, as it labels it, and the field's id."""
        wid = where.get(exc.path) or where.get(re.sub(r"\.[^.]*$", "", exc.path))
        said = f"{field_name(exc.path, wid)}: {exc.message}" if exc.path else exc.message
        return f"Not saved: {said}", wid

    def write(self, save: Callable[[Store], str | None]) -> None:
        """(In a worker) the one atomic write ``save(store)`` (which returns the saved
        meeting's id, or None when it said why not), and the search index with it. While
        another process holds the database's lock, the form says whose, and escape gives
        up."""
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
            saved = save(self.store)
        except WriteCancelled:
            call(self._not_saved, "Not saved: cancelled while waiting for the lock.")
            return
        except RecordChanged as exc:
            call(self._changed_elsewhere, exc)
            return
        except StoreError as exc:
            call(self._not_saved, f"Not saved: {exc}")
            return
        finally:
            self._waiting = False
        if saved is not None:
            call(self._saved_as, saved)

    def _changed_elsewhere(self, exc: RecordChanged) -> None:
        raise NotImplementedError

    @property
    def saving(self) -> bool:
        return self.query_one("#review-progress", ProgressBar).display

    def _busy(self, what: str) -> None:
        self._holding = True
        self.query_one("#review-error", Static).update(Text(what))
        self.query_one("#review-progress", ProgressBar).display = True
        self.query_one("#review-save", Button).disabled = True
        # in the header too: the line under the form is off screen in a long one (a new
        # user saw the form sit still for 1.2 s with no word of saving); and as a notice
        # over the form, where the eye is (at 100,000 meetings a save takes 7-13 s, and the
        # header alone was missed)
        self.sub_title = one_line(what)
        self._say_saving(what)

    def _say_saving(self, what: str) -> None:
        """The notice over the form while it saves (one at a time; it goes with the save)."""
        self._drop_saving_notice()
        self._saving_notice = Notification(one_line(what), timeout=600)
        # (shown at once, as the app's handler of Notify does: posted, a drop that came first
        # found nothing to take away, and the notice stood for ten minutes)
        self.app._on_notify(Notify(self._saving_notice))

    def _drop_saving_notice(self) -> None:
        if self._saving_notice is not None:
            self.app._unnotify(self._saving_notice)
            self._saving_notice = None

    def on_unmount(self) -> None:
        self._drop_saving_notice()  # (saved: the form closes; the list says "Saved")

    def _idle(self) -> None:
        """Not saving (any more). The keys kept meanwhile stay kept: the save was given up
        (:meth:`_not_saved` gives them back) or waits for an answer to a question."""
        self._holding = False
        self.query_one("#review-progress", ProgressBar).display = False
        self.query_one("#review-save", Button).disabled = False
        self.sub_title = None  # (the app's again: the database's path)
        self._drop_saving_notice()

    def _not_saved(self, message: str, wid: str | None = None) -> None:
        self._idle()
        self.show_error(message, wid)
        self._give_back_keys()

    def unsaved_work(self) -> str:
        """What quitting now would lose ("" for nothing): see CoopBrowseApp.action_quit.
        (While the form saves, keys wait for it to close: ctrl+q then quits as on the list.)"""
        return self.unsaved_what

    unsaved_what = "the changes in this form are not saved"

    def action_cancel(self) -> None:
        if self.saving:
            if self._waiting:  # nothing written yet: give up waiting for the lock
                self._cancel.set()
                return
            # the write is under way: it finishes (or fails) on its own (said in the place
            # of the saving notice, which goes with the form: a toast of its own stayed up
            # beside "Saved …")
            self._say_saving("Saving… the form closes when it is saved.")
            return
        confirm(self, self.discard_question, lambda: self.dismiss(None), yes="Discard (y)")


class EditScreen(MeetingForm):
    """Edit a stored meeting (``E``). When the meeting was changed elsewhere since the form
    opened, the edit is saved on top of that change if they touch different fields (a
    proposal's status there, the title here); if they touch the same, the analyst is asked.
    Every saved edit is recorded in the meeting's history (``u`` undoes it)."""

    discard_question = "Discard your edits?"
    unsaved_what = "your edits are not saved"

    def __init__(self, meeting: Meeting, store: Store, focus_proposal: str | None = None) -> None:
        super().__init__(meeting.to_dict(), store)
        self.kept_elsewhere: list[str] = []  # the change elsewhere a save was merged with
        self.taken_elsewhere: set[str] = set()  # proposal ids the meeting has now, elsewhere
        self.saved: tuple[dict[str, Any], Meeting] | None = None  # (stored before, the edit)
        self.heading = f"Edit meeting {one_line(meeting.id)}"
        if focus_proposal is not None:
            at = next((i for i, p in enumerate(meeting.proposals) if p.id == focus_proposal), None)
            self.focus_on = f"pr-{at}-title" if at is not None else None

    def unsaved_work(self) -> str:
        return "" if self._unchanged() else super().unsaved_work()

    def action_cancel(self) -> None:
        """Escape on a form with nothing changed closes it without asking."""
        if not self.saving and self._unchanged():
            self.dismiss(None)
            return
        super().action_cancel()

    def _unchanged(self) -> bool:
        try:
            data, _where = self.collect()
            return bool(Meeting.from_dict(data).to_dict() == self.original)
        except ValidationError:
            return False  # something was typed that is not valid: a change

    def collect(self) -> tuple[dict[str, Any], dict[str, str]]:
        data, where = super().collect()
        # a proposal dropped in this edit keeps its id to itself (the store also keeps
        # those of proposals dropped before)
        taken = {p["id"] for p in [*data["proposals"], *self.original["proposals"]] if p["id"]}
        taken |= self.taken_elsewhere  # (a proposal added meanwhile elsewhere: not its id)
        n = 1
        for p in data["proposals"]:  # a new proposal: the next free number of the meeting
            if not p["id"]:
                while f"{data['id']}-p{n:02d}" in taken:
                    n += 1
                p["id"] = f"{data['id']}-p{n:02d}"
                taken.add(p["id"])
        return data, where

    @work(thread=True, exclusive=True, group="save")
    def _check(self, data: dict[str, Any], where: dict[str, str]) -> None:
        try:
            meeting = self._valid(data)
        except ValidationError as exc:
            self.invalid(exc, where)
            return
        self._save(meeting, self.original)

    def edit_touches(self, record_id: str) -> bool:
        """Whether the edit saved changed record ``record_id`` (so that ``u`` on its row
        undoes the edit, not an older change of that record)."""
        from coopbrowse.store import history as hist

        if self.saved is None:
            return False
        before, meeting = self.saved
        change = hist.entry(meeting.id, "edit", hist.diff(before, meeting.to_dict()))
        return change.touches(record_id)

    def _save(self, meeting: Meeting, expected: dict[str, Any]) -> None:
        self.saved = (expected, meeting)  # (what the history will record: read once saved)

        def save(store: Store) -> str | None:
            from coopbrowse.store.writer import store_for_writing

            # migrated and checked, as it is now (a large file: by a child process, so that
            # the screen keeps taking keys while the whole file is read and written)
            writer = store_for_writing(store.path, like=store)  # (its lock settings: write)
            change = writer.edit_meeting(meeting, expected=expected)
            if change is None:
                self.app.call_from_thread(self.notify, "Nothing changed: nothing was written.")
                return ""  # closes the form, and nothing is reported saved
            return meeting.id

        self.write(save)

    def _changed_elsewhere(self, exc: RecordChanged) -> None:
        self._idle()
        self.query_one("#review-error", Static).update("")  # (not "Saving…" beside the question)
        meeting_id = exc.record_id
        self.kept_elsewhere = []  # (what an earlier try merged with: not kept if this asks)
        current = exc.current if isinstance(exc.current, dict) else {}
        self.taken_elsewhere = {str(p.get("id")) for p in current.get("proposals") or ()}
        merged = self._merged(exc.current)
        if merged is not None:  # different fields: the edit goes on top of the other change
            self.kept_elsewhere = self._elsewhere(exc.current)
            self._busy("Saving (with the change made elsewhere)…")
            # (after the save worker that asked has ended: a new one now would cancel it)
            self.call_later(self._overwrite, merged, exc.current)
            return

        def overwrite() -> None:
            from coopbrowse.store import history as hist

            data, where = self.collect()
            try:
                mine = Meeting.from_dict(data).to_dict()
                # the edit's fields as edited, the rest of the change elsewhere kept
                over = hist.apply_over(current, self.original, mine) if current else mine
                meeting = Meeting.from_dict(over)
                check_web_addresses(meeting, web_addresses(self.original) | web_addresses(current))
            except ValidationError as error:
                said = f"{field_name(error.path, where.get(error.path))}: {error.message}"
                self._not_saved(
                    f"Not saved: {said if error.path else error}", where.get(error.path)
                )
                return
            self._busy("Saving…")
            self._overwrite(meeting, exc.current)

        def kept() -> None:  # (said once the question is answered no: not beside it)
            self.show_error(
                f"Not saved: {meeting_id} was changed elsewhere since this form opened. "
                "Escape and E again edits the current version."
            )
            self._give_back_keys()

        confirm(
            self,
            f"{meeting_id} was changed elsewhere (another window or process) since you "
            f"opened it{self._what_changed(exc.current)}Save your version of what you "
            "changed over it, keeping the rest of that change? (It stays in the history: u "
            "can bring it back.)",
            overwrite,
            yes="Overwrite (y)",
            otherwise=kept,
        )

    def _merged(self, current: Any) -> Meeting | None:
        """The meeting as stored now (``current``) with this form's edits made to it, when
        the two changes touch different fields; else None (or when the form's values are
        not valid: the save that follows says why)."""
        from coopbrowse.store import history as hist

        if not isinstance(current, dict):
            return None
        try:
            data, _where = self.collect()
            mine = Meeting.from_dict(data).to_dict()
        except ValidationError:
            return None
        edits = hist.diff(self.original, mine)
        forward = [{"path": c["path"], "old": c["new"], "new": c["old"]} for c in edits]
        try:  # (undoing the reverse of the edits applies them, where nothing else changed)
            merged = hist.revert(current, hist.entry(self.original["id"], "edit", forward))
            meeting = Meeting.from_dict(merged)
            check_web_addresses(meeting, web_addresses(self.original) | web_addresses(current))
        except (hist.Drifted, ValidationError):
            return None
        return meeting

    def _elsewhere(self, current: Any) -> list[str]:
        """The change made elsewhere, as the history says it (a line a field)."""
        from coopbrowse.store import history as hist

        if not isinstance(current, dict):
            return []
        return hist.describe(
            hist.entry(self.original["id"], "edit", hist.diff(self.original, current))
        )

    def _what_changed(self, current: Any, shown: int = 5) -> str:
        """What the change made elsewhere changed, as the history says it: ``":\n  title:
        … → …\n"`` (``shown`` lines at most), or ``". "`` when it cannot be told."""
        lines = self._elsewhere(current)
        if not lines:
            return ". "
        said = [f"  {line}" for line in lines[:shown]]
        if len(lines) > shown:
            said.append(f"  … and {len(lines) - shown} more")
        return ":\n" + "\n".join(said) + "\n"

    @work(thread=True, exclusive=True, group="save")
    def _overwrite(self, meeting: Meeting, current: Any) -> None:
        self._save(meeting, current)
