"""SearchBar: the query input, its history, completions and the error/hint line under it.

Typing posts ``SearchBar.Typing`` at once and ``SearchBar.QueryChanged`` at once too when
the last query went out at least the debounce (a setting) ago, else once the keys pause for
that long: a key typed after a pause is searched without waiting, a burst of keys runs one
search at its end. The screen runs the query off the UI thread. ``up``/``down``
recall earlier queries; field names and values are suggested inline from what the database
holds (``→`` accepts); a bad query's error shows in the hint line while the list keeps the
last good results.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.suggester import Suggester
from textual.timer import Timer
from textual.widgets import Input, Static

from coopbrowse.store.taxonomy import SECTORS, STATUSES
from coopbrowse.store.text import one_line

from ..keyorder import defer_key, send_keys
from .steady import SteadyInput
from .typeahead import run_binding_now

DEBOUNCE_S = 0.03  # the default pause after the last key
_LAST_TOKEN = re.compile(r'(?:^|[\s(])(-?)([A-Za-z]*)(?::("?)([^\s()"]*))?$')


class QuerySuggester(Suggester):
    """Completes field names (``reg`` -> ``region:``) and values (``region:pe`` -> ``penza``)."""

    def __init__(self, values: Callable[[str], list[str]]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.values = values

    async def get_suggestion(self, value: str) -> str | None:
        return complete(value, self.values)


def complete(value: str, values: Callable[[str], list[str]]) -> str | None:
    """The completed query for ``value``, or None."""
    from coopbrowse.store.query import FIELDS  # on first keystroke, not at start-up

    m = _LAST_TOKEN.search(value)
    if not m:
        return None
    _neg, name, quote, partial = m.groups()
    if partial is None:  # still typing a word: maybe a field name
        if len(name) < 2:
            return None
        for field in FIELDS:
            if field.startswith(name.lower()) and field != name.lower():
                return value + field[len(name) :] + ":"
        return None
    field = name.lower()
    if field not in FIELDS or quote:
        return None
    try:
        candidates = values(field)
    except KeyError:
        return None
    low = partial.lower()
    for candidate in candidates:
        if candidate.lower().startswith(low) and candidate.lower() != low:
            return value + candidate[len(partial) :]
    return None


NO_VALUES = ": no value in the data starts so"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def hint_for(value: str, values: Callable[[str], list[str]]) -> str:
    """When the cursor is on ``field:``, the values it can take (for the hint line)."""
    from coopbrowse.store.query import FIELDS

    m = _LAST_TOKEN.search(value)
    if not m or m.group(4) is None:
        return ""
    field = m.group(2).lower()
    if field not in FIELDS:
        return ""
    if ".." in m.group(4):
        return ""  # a range ("date:2024..", "date:2024..2025-06"): not one of the values
    try:
        known = values(field)
    except KeyError:
        return ""
    if field == "date" and _DAY.fullmatch(m.group(4)) and m.group(4)[:7] in known:
        # a day of a month that has meetings: a value typed whole (the values listed are
        # months; "date:2023-04-03" was told no value starts so, beside its 33 meetings)
        return ""
    candidates = [c for c in known if c.lower().startswith(m.group(4).lower())]
    if field == "type" and m.group(4).lower().removesuffix("s") in known:
        return ""  # ("type:meetings", a plural the query takes, is a value typed whole)
    if [c.lower() for c in candidates] == [m.group(4).lower()]:
        # typed whole, and nothing else starts so: nothing to choose ("… match · sector:
        # elevators" beside "region:samara OR sector:elevators" read as a filter of all)
        return ""
    label = f"not {field}" if m.group(1) else field  # "-region:samara" leaves Samara out
    if not candidates:
        # a status or sector no record has yet is a value all the same: "status:implemented"
        # was told "no value in the data starts so", which reads as a slip of the finger
        unused = [c for c in _VOCABULARY.get(field, ()) if c.startswith(m.group(4).lower())]
        if unused:
            return f"{label}: {', '.join(unused[:12])} (none in the data yet)"
        return f"{label}{NO_VALUES}"
    shown = ", ".join(candidates[:12]) + (" …" if len(candidates) > 12 else "")
    return f"{label}: {shown}"


# the values a field takes whether or not a record has them
_VOCABULARY = {"status": tuple(STATUSES), "sector": tuple(s.id for s in SECTORS)}


# What the empty search line shows, as many as its width holds whole
EXAMPLES = (
    "elevator samara", '"lift production"', "pharma*", "-film", "region:penza",
    "sector:elevators", "date:2025-04..",
)  # fmt: skip


def examples_line(key: str, width: int) -> str:
    """``"<key> to search: "`` and the examples that fit in ``width`` cells, whole (cut at the
    edge, the line ended in "… -film ·")."""
    line = f"{key} to search: {EXAMPLES[0]}"
    for example in EXAMPLES[1:]:
        longer = f"{line} · {example}"
        if cell_len(longer) > width:
            break
        line = longer
    return line


class QueryInput(SteadyInput):
    """The query's input line (a change of its text repaints it alone: :class:`SteadyInput`)."""

    # escape only leaves it: escape and a letter typed at once, read as Alt and the letter,
    # are the two keys here (see keyorder._escape_and_key)
    ESCAPE_LEAVES = True

    def on_resize(self, event: events.Resize) -> None:
        bar = self.parent
        if isinstance(bar, SearchBar):
            self.placeholder = examples_line(bar.search_key(), self.content_region.width)

    async def _on_key(self, event: events.Key) -> None:
        app = self.app
        if self.screen is not app.screen or self.screen.focused is not self:
            # A key queued here behind one that moved the focus (tab, down, enter, escape)
            # or opened a screen: it was typed for where the focus is now ("/elev" then
            # tab and "jj" moves the list's cursor; it does not type "jj").
            event.stop()
            event.prevent_default()
            bar = self.parent
            if isinstance(bar, SearchBar):
                bar.flush()  # the query typed before runs first: the keys move in its list
                # (sent once the bar has handed the query on and the screen has it)
                defer_key(app, event, bar, self.screen)
            else:
                send_keys(app, [event])
            return
        # Textual inserts a typed character here at once, but runs a key's binding (ctrl+u,
        # backspace, up) only once the key has bubbled up to the app: "ctrl+u" then
        # "elevator", typed together, emptied the line after "elevator" went in. A binding
        # runs here, in typing order, like a character.
        if not event.is_printable and await run_binding_now(self, event):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    def action_cursor_right(self, select: bool = False) -> None:
        # The completion is worked out in a worker after each change: a "right" typed right
        # behind the characters would find none yet. Work it out now.
        suggester = self.suggester
        pending = not select and not self._suggestion and self.cursor_at_end and self.value
        if pending and isinstance(suggester, QuerySuggester):
            self._suggestion = complete(self.value, suggester.values) or ""
        super().action_cursor_right(select)


class SearchBar(Vertical):
    """The query input and its status line."""

    BINDINGS = [
        Binding("up", "history(-1)", "Earlier query", show=False, id="history-back"),
        Binding(
            "down", "history(1)", "Later query (or the list)", show=False, id="history-forward"
        ),
        # priority: the keys typed after enter go to the list it moves to
        # (ctrl+j: an enter typed before the app had the terminal, which the terminal
        # turned into a newline: "/tractor", enter, "jjj" at launch became "tractorjjj")
        Binding("enter,ctrl+j", "submit", "Search and go to the list", id="submit", priority=True),
    ]

    class Typing(Message):
        """The query was edited; a ``QueryChanged`` follows after the debounce."""

    class QueryChanged(Message):
        """The query settled on ``query`` (after the debounce, or on enter)."""

        def __init__(self, query: str, submitted: bool = False) -> None:
            super().__init__()
            self.query = query
            self.submitted = submitted

    def __init__(
        self,
        values: Callable[[str], list[str]],
        *,
        id: str | None = None,
        debounce: float = DEBOUNCE_S,
    ) -> None:
        super().__init__(id=id)
        self.values = values
        self.debounce = debounce
        self._quiet: list[str] = []  # values set without a search following
        self._status_lines = -1  # the hint's height when last laid out (unknown yet)
        self._history: list[str] = []
        self._history_pos: int | None = None  # None: not recalling (editing the draft)
        self._draft = ""
        self._timer: Timer | None = None
        self._timer_ticket = 0  # bumped when the debounce is stopped or replaced
        self._sent_at = 0.0  # when the last QueryChanged was posted (monotonic)
        self._set_by_program: list[str] = []  # values set by the program, not yet seen
        self._seen = ""  # the input's value at its last change the bar has handled
        self._handed = ""  # the query last handed on (or set quietly: the caller ran it)

    def compose(self) -> ComposeResult:
        yield QueryInput(
            placeholder=examples_line(self.search_key(), 1_000),
            suggester=QuerySuggester(self.values),
            id="search-input",
            select_on_focus=False,
        )
        yield Static(id="search-status", markup=False)

    def search_key(self) -> str:
        """The key that starts a search: ``/`` unless the user's keymap rebinds it."""
        from ..keymap import key_shown

        return key_shown(self.app, "search", "/")

    @property
    def history(self) -> list[str]:
        """Earlier queries, oldest first. Setting it (after a query is remembered) starts
        recalling afresh from the newest."""
        return self._history

    @history.setter
    def history(self, queries: list[str]) -> None:
        self._history = queries
        self._history_pos = None
        self._draft = ""

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def value(self) -> str:
        return self.input.value

    @property
    def pending(self) -> bool:
        """Whether a query is waiting for the debounce."""
        return self._timer is not None

    def set_value(self, value: str, *, quiet: bool = False) -> None:
        """Set the query from the program: not an edit (a recall keeps its place in the
        history); the search follows after the debounce, as for typing, unless ``quiet``
        (the caller runs it)."""
        if value != self.input.value:
            self._set_by_program.append(value)
            if quiet:
                self._quiet.append(value)
                self._handed = value
            self.input.value = value
        self.input.cursor_position = len(value)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self.input.value:
            return  # a change the input has moved on from: its latest is on its way
        self._seen = event.value
        pending = self._set_by_program  # several recalls can be set before they are seen
        if event.value in pending:
            del pending[: pending.index(event.value) + 1]
        else:  # typed: an edit ends recalling
            pending.clear()
            self._history_pos = None
        if event.value in self._quiet:
            del self._quiet[: self._quiet.index(event.value) + 1]
            return
        self._quiet.clear()
        self.show_hint("")
        self._stop_timer()
        self.post_message(self.Typing())
        if time.monotonic() - self._sent_at >= self.debounce:
            self._settled(event.value)  # after a pause: no reason to wait
        else:  # within a burst: the search waits for the keys to pause
            ticket = self._timer_ticket
            self._timer = self.set_timer(self.debounce, lambda: self._fired(ticket, event.value))

    def _stop_timer(self) -> None:
        """Stop the debounce. A timer that has fired already may have its callback queued
        (stopping cannot take it back): the ticket tells it that it is stale."""
        self._timer_ticket += 1
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def flush(self) -> None:
        """Hand on the query now: one waiting for the debounce, or one typed whose change
        the bar has not seen yet (keys queued in the input come before its changes)."""
        value = self.input.value
        if value != self._seen:
            self._quiet.append(value)  # its change, still on its way, goes now
        if self._timer is not None or value != self._handed:
            self._stop_timer()
            self._settled(value)

    def _fired(self, ticket: int, value: str) -> None:
        if ticket == self._timer_ticket:  # else an older value: a newer one went or waits
            self._settled(value)

    def _settled(self, value: str) -> None:
        self._timer = None
        self._handed = value
        self._sent_at = time.monotonic()
        self.post_message(self.QueryChanged(value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        """Run the query now and hand the keys to the list (the screen moves the focus)."""
        self._stop_timer()
        self.post_message(self.QueryChanged(self.input.value, submitted=True))
        # The focus moves now, and the screen hears of the query a moment later: the moves
        # typed behind enter reach the list first, and were made in the list being left
        # ("lift", enter, "jj": the cursor stayed on the first result). Told now, it keeps
        # them for the list on its way.
        coming = getattr(self.screen, "list_coming", None)
        if coming is not None:
            coming(self.input.value)
        self.screen.focus_next()

    def action_history(self, step: int) -> None:
        """Recall an earlier (``-1``) or later (``1``) query. What was being typed is kept
        and comes back after the most recent query, as in a shell."""
        if self._history_pos is None:
            if step > 0:  # nothing later than what is being typed: down goes to the list
                self.action_submit()
                return
            if not self.history:
                self.app.bell()
                return
            self._draft = self.input.value
            pos = len(self.history)
            if pos > 1 and self.history[-1] == self._draft.strip():
                pos -= 1  # (the query in the bar is the latest: up goes to the one before)
        else:
            pos = self._history_pos
        pos = max(0, min(len(self.history), pos + step))
        recalled = pos < len(self.history)
        self._history_pos = pos if recalled else None
        value = self.history[pos] if recalled else self._draft
        if value != self.input.value:
            self._set_by_program.append(value)  # not an edit: keeps the place in the history
            self.input.value = value
        self.input.cursor_position = len(value)

    def show_error(self, message: str) -> None:
        """Show a query error (and, while a field value is being typed, its candidates:
        ``region:`` is an error until a region follows, and lists them)."""
        self._status(message, error=True)

    def show_hint(
        self, message: str, *, corrected: bool = False, found: bool = False, caveat: str = ""
    ) -> None:
        """Show ``message`` (and, while a field value is being typed, its candidates, unless
        the value was ``corrected`` to one that has some, or ``found`` records as it is);
        a ``caveat`` on what was found after it, as a warning."""
        if caveat:
            message = f"{message.rstrip('.')}. {caveat}" if message else caveat
        self._status(message, error=False, corrected=corrected or found)
        self.set_class(bool(caveat), "-caveat")

    def _status(self, message: str, *, error: bool, corrected: bool = False) -> None:
        self.set_class(error, "-error")
        self.remove_class("-caveat")
        candidates = hint_for(self.value, self.values)
        if (error or corrected) and candidates.endswith(NO_VALUES):
            # beside the error ("bad month 13") "no value starts so" is noise; beside the
            # correction ("samra → samara") or the records a spelling found
            # ("region:mordoviya": 2 meetings) it is wrong
            candidates = ""
        status = self.query_one("#search-status", Static)
        width = max(1, status.content_region.width or self.size.width)
        message = one_line(message)
        parts = (candidates, message) if error else (message, candidates)  # what to type first
        text = Text(one_line("  ·  ".join(part for part in parts if part)))
        if error and candidates:
            # what to type first, then the error, whole: the candidates give way to it, as
            # the two lines wrap it (at spaces: counted in characters, the end of the error
            # was cut off)
            room = 2 * width - len(message) - 6
            while room > 0 and len(text.wrap(self.app.console, width)) > 2:
                cut = candidates[: max(0, room - 1)].rstrip(" ,…") + "…"
                text = Text(one_line(f"{cut}  ·  {message}"))
                room -= max(4, width // 8)
        if error and not candidates and " — " in message:
            # "✗ <what is wrong> — the list still shows …": the end says what the list
            # answers, and stays whole; a long error gives way to it (at 70 columns an
            # unknown field's list of fields pushed it off the two lines)
            head, tail = message.rsplit(" — ", 1)
            at = head.rfind(" (at column ")  # (kept too: where in the query it is)
            head, where = (head[:at], head[at:]) if at >= 0 else (head, "")
            room = 2 * width - len(tail) - len(where) - 4
            while room > 8 and len(text.wrap(self.app.console, width)) > 2:
                head = head[: room - 1].rstrip(" ,(…") + "…"
                text = Text(f"{head}{where} — {tail}")
                room -= max(4, width // 8)
        # Lay the screen out again only when the hint changes its height (one line or two):
        # a layout costs tens of milliseconds with a long detail on screen, at every key.
        lines = min(2, max(1, -(-text.cell_len // width)))  # (empty, it keeps its line)
        status.update(text, layout=lines != self._status_lines)
        self._status_lines = lines
