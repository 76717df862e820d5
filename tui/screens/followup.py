"""FollowUpScreen: record what became of a proposal (key ``f``).

A new status with the date it changed (today unless told; the status the article gave,
confirmed as it stands with the date left as shown, holds since the meeting), a note and a
source URL, both optional; and, optionally, a later meeting where the proposal was raised
again, chosen from later meetings where the same sector came up (the region's own first).
Dismisses with the
arguments of :meth:`coopbrowse.store.db.Store.follow_up`, which the main screen writes in a
worker (the write, and every status change, is a history entry).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from coopbrowse.store import StoreError
from coopbrowse.store.db import check_follow_up
from coopbrowse.store.model import Meeting, Proposal, describe_status
from coopbrowse.store.regions import short_region
from coopbrowse.store.taxonomy import STATUS_LABELS, sector_label
from coopbrowse.store.text import one_line

from ..keymap import with_key
from ..widgets.choice import Choice
from ..widgets.footer import KeysFooter
from ..widgets.inputs import OrderedInput
from .form import select_width
from .opening import KeepsEarlyKeys


class FollowUpScreen(KeepsEarlyKeys, ModalScreen[dict[str, Any] | None]):
    """Ask for a proposal's new status, date, note, source and later meeting."""

    CSS_PATH = "followup.tcss"

    AUTO_FOCUS = ""  # the first field is focused once drawn, with the keys typed before

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="follow-up-save", priority=True),
        Binding("escape", "cancel", "Cancel", id="follow-up-cancel"),
        # (a dialog over the browser: the app's help keys do not reach it; "?" is typed)
        Binding("f1", "app.help", "Help", id="follow-up-help"),
        # priority, as in the meeting form: what is typed right after a tab goes to the
        # next field (not, in a burst of keys, to this one)
        Binding("tab", "next_field", show=False, id="follow-up-next-field", priority=True),
        Binding(
            "shift+tab",
            "previous_field",
            show=False,
            id="follow-up-previous-field",
            priority=True,
        ),
    ]

    def help_sections(self) -> list[tuple[str, object]]:
        return [("Following up a proposal", type(self)), ("In a dropdown", Choice)]

    def __init__(self, proposal: Proposal, meeting: Meeting, candidates: list[Meeting]) -> None:
        super().__init__()
        self.proposal = proposal
        self.meeting = meeting
        self.candidates = [m for m in candidates if m.id not in proposal.raised_again]

    def compose(self) -> ComposeResult:
        p, m = self.proposal, self.meeting
        statuses = [(label, status) for status, label in STATUS_LABELS.items()]
        later = [("— not raised again —", "")] + [
            (one_line(f"{c.date} · {short_region(c.region)} · {c.title}")[:70], c.id)
            for c in self.candidates
        ]
        with Vertical(id="follow-up-box"):
            yield Static(Text(f"Follow up: {one_line(p.title)}", style="bold"))
            yield Static(
                Text(
                    f"{sector_label(p.sector)} · {m.date} · {one_line(short_region(m.region))}"
                    f" · now {describe_status(p)}",
                    style="dim",
                )
            )
            with Horizontal(classes="fu-row"):
                yield Label("New status", classes="fu-label")
                status = Choice(statuses, p.status, id="fu-status")
                status.styles.width = select_width(statuses)
                yield status
            with Horizontal(classes="fu-row"):
                yield Label("Since", classes="fu-label")
                self._shown_date = self._default_date(p.status)
                yield OrderedInput(self._shown_date, id="fu-date", placeholder="YYYY-MM-DD")
            with Horizontal(classes="fu-row"):
                yield Label("Note", classes="fu-label")
                yield OrderedInput(id="fu-note", placeholder="what happened (optional)")
            with Horizontal(classes="fu-row"):
                yield Label("Source URL", classes="fu-label")
                yield OrderedInput(id="fu-url", placeholder="https://… (optional)")
            with Horizontal(classes="fu-row"):
                yield Label("Raised again at", classes="fu-label")
                yield Choice(later, "", id="fu-later")
            if not self.candidates:
                yield Static(Text("No later meeting to choose.", style="dim"))
            if p.raised_again:  # (the links made before: the list offers the others)
                linked = ", ".join(p.raised_again)
                yield Static(Text(one_line(f"Raised again at already: {linked}"), style="dim"))
            yield Static("", id="fu-error", markup=False)
            with Horizontal(id="fu-buttons"):
                save = with_key(self.app, "Save", "follow-up-save", "ctrl+s")
                yield Button(save, id="fu-save", variant="primary")
                yield Button(
                    with_key(self.app, "Cancel", "follow-up-cancel", "esc"), id="fu-cancel"
                )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.focus_first(self.query_one("#fu-status", Choice))  # with the keys typed before

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "fu-save":
            self.action_save()
        else:
            self.action_cancel()

    def _entered(self) -> tuple[str, ...]:
        """What the dialog holds (to tell whether anything was entered)."""
        return (
            self.query_one("#fu-status", Choice).value,
            self.query_one("#fu-date", Input).value.strip(),
            self.query_one("#fu-note", Input).value.strip(),
            self.query_one("#fu-url", Input).value.strip(),
            self.query_one("#fu-later", Choice).value,
        )

    def unsaved_work(self) -> str:
        """What quitting now would lose ("" for nothing): see CoopBrowseApp.action_quit."""
        untouched = (self.proposal.status, self._default_date(self.proposal.status), "", "", "")
        return "" if self._entered() == untouched else "this follow-up is not saved"

    def action_cancel(self) -> None:
        """Escape closes the dialog at once when nothing was entered; otherwise it asks
        (as the meeting form does): a note typed is not lost to one key."""
        if not self.unsaved_work():
            self.dismiss(None)
            return
        from .export import confirm

        confirm(
            self,
            "Discard this follow-up?",
            lambda: self.dismiss(None),
            yes="Discard (y)",
        )

    _blamed: tuple[str, str] | None = None  # the field the error names, and what it held

    _shown_date = ""  # the date the dialog shows unless told (see _default_date)
    _date_edited = False  # whether the date was changed (typed again as it was, too)

    def _default_date(self, status: str) -> str:
        """The date a follow-up to ``status`` is saved with unless told: today; but the
        status the article gave, confirmed as it stands, holds since the meeting (the dialog
        showed today and saved the meeting's date)."""
        if self.proposal.status_from_article and status == self.proposal.status:
            return self.meeting.date
        return dt.date.today().isoformat()

    def on_choice_changed(self, event: Choice.Changed) -> None:
        """Another status chosen: the date shown follows it, unless it was typed."""
        date = self.query_one("#fu-date", Input)
        # (as it is now, not as heard: a date typed with the choice may not be heard yet)
        if event.choice.id != "fu-status" or self._date_edited or date.value != self._shown_date:
            return
        self._shown_date = self._default_date(event.value)
        with date.prevent(Input.Changed):  # (not an edit: heard late, it was taken for one)
            date.value = self._shown_date

    def on_input_changed(self, event: Input.Changed) -> None:
        """The field the error named was edited: the error no longer stands (as in the
        meeting form). (A change made before the error, heard after it, is not an edit.)"""
        if event.input.id == "fu-date" and event.value != self._shown_date:
            self._date_edited = True
        blamed = self._blamed
        # (the field as it is now: a change of a key typed before ctrl+s is heard after the
        # error, and what it held then is not what the error was about)
        if (
            blamed is not None
            and f"#{event.input.id}" == blamed[0]
            and (event.input.value != blamed[1])
        ):
            self._blamed = None
            self.query_one("#fu-error", Static).update("")

    def _blame(self, field: str, message: str) -> None:
        """Say what is wrong under the dialog, and select the field's text, so that what
        is typed next replaces it (focused already, it was not selected: a date typed
        after a refused one ran on, "2025-01-012025-11-15")."""
        self.query_one("#fu-error", Static).update(Text(one_line(message), style="red"))
        entry = self.query_one(field, Input)
        self._blamed = (field, entry.value)
        entry.focus()
        entry.select_all()

    def action_save(self) -> None:
        from coopbrowse.store.model import date_problem

        date = self.query_one("#fu-date", Input).value.strip()
        problem = date_problem(date)
        if problem:
            self._blame("#fu-date", f"Since: {problem}, not {one_line(date)!r}")
            return
        url = self.query_one("#fu-url", Input).value.strip()
        try:  # what the store would refuse is said here, the dialog kept as typed
            latest = max((f.date for f in self.proposal.follow_up), default="")
            check_follow_up(date, url, self.meeting.date, dt.date.today().isoformat(), latest)
        except StoreError as exc:
            # (the store names its fields "date" and "url": the dialog's labels are these)
            field, label = "#fu-date", "Since"
            if str(exc).startswith("url"):
                field, label = "#fu-url", "Source URL"
            self._blame(field, f"{label}: {str(exc).split(': ', 1)[-1]}")
            return
        later = self.query_one("#fu-later", Choice).value
        status = self.query_one("#fu-status", Choice).value
        note = self.query_one("#fu-note", Input).value.strip()
        if (
            (status, note, url, later) == (self.proposal.status, "", "", "")
            and not self._date_edited
            and self.proposal.status_from_article
        ):
            date = ""  # (the article's status confirmed: the store dates it from the meeting)
        self.dismiss(
            {
                "status": status,
                "date": date or None,
                "note": note,
                "url": url,
                "raised_again": later or None,
            }
        )
