"""Editing, undo and follow-up in the browser, driven by keys with Pilot."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from helpers import FAST, first_follow_up, settle, until
from textual.events import Key
from textual.widgets import Checkbox, Input, Label, Static, TextArea

from coopbrowse.store import Store
from coopbrowse.store.model import Meeting
from coopbrowse.store.taxonomy import SECTORS
from coopbrowse.tui.app import CoopBrowseApp
from coopbrowse.tui.screens.export import ConfirmScreen
from coopbrowse.tui.screens.followup import FollowUpScreen
from coopbrowse.tui.screens.form import EditScreen, select_width, split_items
from coopbrowse.tui.screens.main import MainScreen
from coopbrowse.tui.widgets.choice import Choice
from coopbrowse.tui.widgets.record_table import RecordTable
from coopbrowse.tui.widgets.search_bar import SearchBar

SIZE = (140, 40)
PENZA = "2025-04-01-penza"


@pytest.fixture
def app(store: Store, tmp_path: Path) -> CoopBrowseApp:
    return CoopBrowseApp(store, state_path=tmp_path / "state.json", settings=FAST)


async def open_editor(pilot, app, key: str) -> EditScreen:
    """Highlight the record ``key`` in its view and press E."""
    await settle(pilot, app)
    main = app.screen
    assert isinstance(main, MainScreen)
    main.go_to(("proposal", key) if re.search(r"-p[0-9]+$", key) else ("meeting", key))
    await settle(pilot, app)
    await pilot.press("E")
    await settle(pilot, app)
    assert isinstance(app.screen, EditScreen)
    return app.screen


async def burst(pilot, app, *keys: str) -> None:
    """Keys as a terminal delivers a fast typist's (or a paste's) burst: all queued at
    once, none waiting for the one before to be handled."""
    for k in keys:
        app.post_message(Key(k, k if len(k) == 1 else None))
    await settle(pilot, app)


async def test_edit_adds_a_trade_figure_removes_another_and_undo_brings_it_back(
    app, store: Store
) -> None:
    before = store.meeting(PENZA)
    assert before is not None and len(before.trade) >= 1
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        # f6 jumps section by section to the trade figures; ctrl+n adds a row there, and a
        # burst of keys typed at once lands in the fields in order
        for _ in range(4):
            await pilot.press("f6")
        assert form._section_of(app.focused) == "trade"
        await pilot.press("ctrl+n")
        i = len(before.trade)
        assert app.focused is form.query_one(f"#tr-{i}-period", Input)
        await burst(pilot, app, "2", "0", "2", "6", "tab", "tab", "n", "e", "a", "r", "l", "y")
        await burst(pilot, app, "tab", "4", "2", "tab", "tab", "tab", "M", "i", "n", "s", "k")
        form.query_one("#tr-0-keep", Checkbox).value = False  # drop the first figure
        summary = form.query_one("#f-summary", TextArea)
        summary.text = "First line.\nSecond line."
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)

        after = store.meeting(PENZA)
        assert after is not None
        added = after.trade[-1]
        assert (added.period, added.qualifier, added.usd_millions, added.stated_by) == (
            "2026",
            "nearly",
            42.0,
            "Minsk",
        )
        assert after.trade[:-1] == before.trade[1:]
        assert after.summary == "First line.\nSecond line."
        [change] = store.history(PENZA)
        assert change.origin == "edit"
        assert {c["path"] for c in change.changes} == {"trade", "summary"}

        # u asks, then undoes; the detail's history shows both changes
        await pilot.press("u")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot, app)
        restored = store.meeting(PENZA)
        assert restored is not None and restored.to_dict() == before.to_dict()
        assert [c.origin for c in store.history(PENZA)] == ["edit", "undo"]
        # the notice says what came back ("Undone: X." said nothing of it)
        said = [str(n.message) for n in app._notifications]
        assert any(
            m.startswith(f"Undone: {PENZA} (") and m.endswith(", and 2 more).") for m in said
        ), said
        # in the place of the save's, which said the opposite ("… u undoes your edit.")
        assert not any(m.startswith(f"Saved {PENZA}") for m in said), said


async def test_u_on_a_change_a_later_one_built_on_says_so_without_asking(app, store: Store) -> None:
    """A new user undid a proposal added in an edit that also moved the meeting, after a
    later edit moved it again: the app asked "Undo …?" and, answered yes, refused. It now
    says at once which later change to undo first, and asks nothing."""
    meeting = store.meeting(PENZA)
    assert meeting is not None
    data = meeting.to_dict()
    data["proposals"].append({**data["proposals"][0], "id": f"{PENZA}-p99", "title": "New"})
    data["place"] = "Gomel"
    assert store.edit_meeting(Meeting.from_dict(data)) is not None
    moved = store.meeting(PENZA)
    assert moved is not None
    later = store.edit_meeting(Meeting.from_dict({**moved.to_dict(), "place": "Vitebsk"}))
    assert later is not None
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main = app.screen
        assert isinstance(main, MainScreen)
        main.go_to(("proposal", f"{PENZA}-p99"))
        await settle(pilot, app)
        await pilot.press("u")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)  # no question
        said = [str(n.message) for n in app._notifications]
        assert any(
            "place was changed since" in m
            and "undo the meeting's changes back to that one first" in m
            and later.at.replace("T", " ").removesuffix("Z") in m
            for m in said
        ), said
    after = store.meeting(PENZA)
    assert after is not None and after.place == "Vitebsk" and len(store.history(PENZA)) == 2


async def test_u_on_a_meeting_added_from_an_article_takes_it_away(app, store: Store) -> None:
    """A meeting saved from an article is a recorded change: u asks (saying where it came
    from) and removes it, and the list goes on without it."""
    from coopbrowse.store.ingest import prepare_draft, save_draft

    stored = store.meeting(PENZA)
    assert stored is not None
    data = {**stored.to_dict(), "id": "2025-05-02-penza", "date": "2025-05-02", "proposals": []}
    data["source"] = {**data["source"], "document": "penza-report.txt", "url": ""}
    added = prepare_draft(store, data)
    save_draft(store, added)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main = app.screen
        assert isinstance(main, MainScreen)
        main.go_to(("meeting", added.id))
        await settle(pilot, app)
        await pilot.press("u")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert "from an article" in question and "meeting added from penza-report.txt" in question
        await pilot.press("y")
        await settle(pilot, app)
        assert app.screen is main
        assert store.meeting(added.id) is None
        assert ("meeting", added.id) not in [r.key for r in main.rows]
        assert len(main.rows) == len(store.meetings())


async def test_the_heading_of_the_section_with_the_focus_is_marked(app) -> None:
    """After f6 the list on screen was not always the one with the focus: a new user ticked
    a trade figure's box taking it for a proposal's. The focused section's heading is
    marked, and only its."""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)

        def marked() -> list[str]:
            return [h.parent.id for h in form.query(".form-section.-here")]

        assert marked() == ["sec-meeting"]
        for _ in range(4):
            await pilot.press("f6")
        await pilot.pause()
        assert form._section_of(app.focused) == "trade" and marked() == ["sec-trade"]


async def test_a_proposals_fields_are_readable_at_72_columns(app) -> None:
    """At 72 columns a proposal's title showed about 16 characters and its enterprises "MAZ;
    GAZ G" beside a proposer 28 wide (found by a new user): the sector gives the title some
    room, and the proposer and enterprises share their line alike."""
    async with app.run_test(size=(72, 24)) as pilot:
        form = await open_editor(pilot, app, PENZA)
        await until(pilot, lambda: form.query("#pr-0-title"), "the first proposal")
        await pilot.pause()
        title = form.query_one("#pr-0-title", Input)
        by = form.query_one("#pr-0-by", Input)
        enterprises = form.query_one("#pr-0-enterprises", Input)
        assert title.size.width >= 20
        assert by.size.width >= 16 and abs(by.size.width - enterprises.size.width) <= 1


async def test_a_box_ticked_just_before_ctrl_s_is_saved_ticked(app, store: Store) -> None:
    """space (a binding: it runs once the key has gone up to the app) then ctrl+s (a
    priority key: run as it arrives) typed at once: the form was read before the box
    changed, and the figure meant to be dropped was kept."""
    before = store.meeting(PENZA)
    assert before is not None and len(before.trade) >= 2
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        form.query_one("#tr-0-keep", Checkbox).focus()
        await settle(pilot, app)
        await burst(pilot, app, "space", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "the form saved")
        await settle(pilot, app)
    after = store.meeting(PENZA)
    assert after is not None and after.trade == before.trade[1:]


@pytest.mark.parametrize(
    ("field", "value", "path"),
    [
        ("#tr-0-usd", "lots", "Trade figure 1, USD mln: expected a number, got 'lots'"),
        # (a source address that is not a web one: what a briefing would link to)
        ("#f-source-url", "javascript:alert(1)", "URL: expected an http(s) address"),
    ],
)
async def test_a_bad_field_is_named_and_focused_and_nothing_is_written(
    app, store, field: str, value: str, path: str
) -> None:
    before = store.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        form.query_one(field, Input).value = value
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, EditScreen)
        assert app.focused is form.query_one(field, Input)
        assert path in str(form.query_one("#review-error").render())
    assert store.path.read_bytes() == before


def test_errors_name_fields_as_the_form_labels_them() -> None:
    """The form said "trade[5].usd_millions" and "proposals[6].sector" (found by a new
    user); it says what its labels say, counting rows as they are on screen."""
    from coopbrowse.tui.screens.form import field_name

    assert field_name("trade[5].usd_millions", "tr-5-usd") == "Trade figure 6, USD mln"
    # a row dropped above: the record's sixth figure is the seventh row on screen
    assert field_name("trade[5].usd_millions", "tr-6-usd") == "Trade figure 7, USD mln"
    assert field_name("proposals[6].sector", None) == "Proposal 7, sector"
    assert field_name("proposals[0].proposed_by", "pr-0-by") == "Proposal 1, raised by"
    assert field_name("participants[1]", "pa-1-name") == "Participant 2"
    assert field_name("source.url") == "URL" and field_name("region") == "Region"
    assert field_name("something.new") == "something.new"  # (a path the form does not know)


async def test_a_lists_heading_says_how_many_rows_are_to_be_dropped(app, store) -> None:
    """Unticking a proposal left "Proposals (6)" as it was (found by a new user)."""
    meeting = store.meeting(PENZA)
    assert meeting is not None
    n = len(meeting.proposals)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        heading = form.query_one("#sec-proposals .form-section", Label)
        assert str(heading.render()) == f"Proposals ({n})"
        form.query_one("#pr-0-keep", Checkbox).value = False
        form.query_one("#pr-1-keep", Checkbox).value = False
        await pilot.pause()
        assert str(heading.render()) == f"Proposals ({n}, 2 to drop when saved)"
        form.query_one("#pr-1-keep", Checkbox).value = True
        await pilot.pause()
        assert str(heading.render()) == f"Proposals ({n}, 1 to drop when saved)"
        form.query_one("#pr-2-title", Input).focus()
        await pilot.press("ctrl+n")  # a row added: counted, the untick still said
        await settle(pilot, app)
        assert str(heading.render()) == f"Proposals ({n + 1}, 1 to drop when saved)"


async def test_saving_is_said_in_the_header_where_a_long_form_shows_it(
    app, store: Store, monkeypatch
) -> None:
    """The form sat still for 1.2 s while a 40 MB database was written: "Saving…" was
    under the form's last row, off screen (a new user's pass)."""
    import threading

    release = threading.Event()
    edit = Store.edit_meeting

    def slow(self, *args, **kwargs):
        release.wait(5)
        return edit(self, *args, **kwargs)

    monkeypatch.setattr(Store, "edit_meeting", slow)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        form.query_one("#f-place", Input).value = "Penza"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: form.sub_title.startswith("Saving"), "saving said")

        # and as a notice over the form (the header alone was missed, at 100,000 meetings
        # a save takes 7-13 s), gone once saved
        def saving_notices() -> list[str]:
            return [n.message for n in app._notifications if n.message.startswith("Saving")]

        assert saving_notices() == ["Saving: writing the database and its search index…"]
        # escape while it writes says so in that notice's place, gone with it (a toast of
        # its own stayed up beside "Saved …": a new user)
        app.post_message(Key("escape", None))  # (not pressed: Pilot would wait for the save)
        await until(
            pilot,
            lambda: saving_notices() == ["Saving… the form closes when it is saved."],
            "escape's notice in the saving one's place",
        )
        release.set()
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        assert saving_notices() == []


async def test_a_saving_notice_taken_away_at_once_is_not_left_behind(app) -> None:
    """(From a review) the notice was posted: taken away before the app had shown it, it was
    shown afterwards, and stood for ten minutes."""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        form._say_saving("Saving: writing the database and its search index…")
        form._drop_saving_notice()  # (as a save over at once does)
        await settle(pilot, app)
        assert not [n for n in app._notifications if n.message.startswith("Saving")]


async def test_an_error_goes_when_its_field_is_mended(app, store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        region = form.query_one("#f-region", Input)
        region.value = ""
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        error = form.query_one("#review-error")
        assert "Not saved: Region: is required" in str(error.render())
        form.query_one("#f-title", Input).value = "Another title"  # another field: it stays
        await pilot.pause()
        assert "Region" in str(error.render())
        region.value = "Penza Oblast"
        await pilot.pause()
        assert str(error.render()) == ""


async def test_a_region_that_is_no_known_one_is_questioned_once(app, store) -> None:
    """A slip in the region ("Samra Oblast") was saved without a word and became a region
    of its own in the regions view (found by a new user). The first ctrl+s names the region
    it is likely a slip for; a second saves the name as typed. The header keeps the
    database's path after a save refused (it lost it)."""
    from textual.widgets import Header

    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        region = form.query_one("#f-region", Input)
        region.value = "Samra Oblast"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, EditScreen)
        said = str(form.query_one("#review-error").render())
        assert "did you mean Samara Oblast?" in said and "ctrl+s again" in said
        assert form.focused is region
        assert form.query_one(Header).screen_sub_title == app.sub_title != ""
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
    assert store.meeting(PENZA).region == "Samra Oblast"


async def test_a_field_that_cannot_be_saved_is_said_before_the_regions_question(app, store) -> None:
    """A bad date and a region no table knows: the first ctrl+s asked only about the
    region, and the date was refused once that was answered (a trial). The bad date is
    said first; once mended, the region is asked about."""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        date = form.query_one("#f-date", Input)
        date.value = "2025-02-30"
        form.query_one("#f-region", Input).value = "Atlantis"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        said = str(form.query_one("#review-error").render())
        assert "Date" in said and "2025-02-30" in said and "Atlantis" not in said, said
        assert form.focused is date
        date.value = "2025-02-28"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        said = str(form.query_one("#review-error").render())
        assert "Atlantis" in said and "ctrl+s again" in said, said
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
    saved = store.meeting(PENZA)
    assert saved is not None and (saved.date, saved.region) == ("2025-02-28", "Atlantis")


async def test_a_bad_web_address_is_said_before_the_regions_question(app, store) -> None:
    """As a bad date: the region was asked about first, the address refused after (a
    review)."""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        form.query_one("#f-source-url", Input).value = "javascript:alert(1)"
        form.query_one("#f-region", Input).value = "Atlantis"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        said = str(form.query_one("#review-error").render())
        assert "URL" in said and "Atlantis" not in said, said


async def test_a_known_spelling_of_a_region_saves_at_once(app, store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        form.query_one("#f-region", Input).value = "Penza Region"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
    assert store.meeting(PENZA).region == "Penza Region"


async def test_an_address_stored_before_addresses_were_checked_does_not_block_an_edit(
    store: Store, tmp_path: Path
) -> None:
    """A meeting holding a follow-up address that is not a web one (stored before imports
    checked them; the form cannot edit it) refused every edit of its meeting: an address
    already stored is left as it is, a new one is still checked."""
    from coopbrowse.store.model import FollowUp

    meeting = store.meeting(PENZA)
    assert meeting is not None
    meeting.proposals[0].follow_up = [FollowUp("2025-05-01", "agreed", url="javascript:alert(1)")]
    store.put_meetings([meeting], update=True)
    app = CoopBrowseApp(Store.open(store.path), state_path=tmp_path / "s.json", settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        form.query_one("#f-title", Input).value = "A new title"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert not isinstance(app.screen, EditScreen)
    saved = Store.open(store.path).meeting(PENZA)
    assert saved is not None and saved.title == "A new title"
    assert saved.proposals[0].follow_up[0].url == "javascript:alert(1)"


async def test_a_proposal_added_with_ctrl_n_is_in_view_whole(app) -> None:
    """ctrl+n in a long list of proposals scrolled to the new row's first line only: its
    proposer, enterprises and detail stayed under the footer (found by a new user)."""
    async with app.run_test(size=(110, 32)) as pilot:
        form = await open_editor(pilot, app, "2025-07-21-samara")
        for _ in range(5):
            await pilot.press("f6")
        assert form._section_of(app.focused) == "proposals"
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        title = app.focused
        assert isinstance(title, Input) and title.id and title.id.endswith("-title")
        detail = form.query_one(f"#{title.id.replace('-title', '-detail')}", Input)
        shown = form.query_one("#review-form").region
        for widget in (title, detail):
            assert shown.contains_region(widget.region), (widget.id, widget.region, shown)


async def test_a_new_proposals_sector_is_chosen_not_assumed(app, store) -> None:
    """A proposal added with ctrl+n has no sector until one is chosen ("Industrial
    cooperation", the first of the list, was filled in unasked): saving it without one
    names the sector and goes to it, and writes nothing; once chosen, it is saved."""
    before = store.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        for _ in range(5):
            await pilot.press("f6")
        assert form._section_of(app.focused) == "proposals"
        await pilot.press("ctrl+n", *"Grain dryers")
        await settle(pilot, app)
        title = app.focused
        assert isinstance(title, Input) and title.value == "Grain dryers"
        sector = form.query_one(f"#{title.id.replace('-title', '-sector')}", Choice)
        assert sector.value == "" and sector.label == "choose a sector"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, EditScreen) and app.focused is sector
        assert "sector" in str(form.query_one("#review-error").render())
        assert store.path.read_bytes() == before
        await pilot.press("right")  # the first sector
        await settle(pilot, app)
        # the error goes once the field it names is edited (a dropdown too)
        assert str(form.query_one("#review-error").render()).strip() == ""
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
    saved = store.meeting(PENZA)
    assert saved is not None
    added = [p for p in saved.proposals if p.title == "Grain dryers"]
    assert (
        len(added) == 1 and added[0].sector == min(SECTORS, key=lambda s: s.label.casefold()).id
    )  # (A-Z)


async def test_an_edit_of_a_meeting_changed_elsewhere_asks_before_overwriting(
    app, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        meeting = store.meeting(PENZA)
        assert meeting is not None
        other = Meeting.from_dict({**meeting.to_dict(), "title": "Changed elsewhere"})
        Store(store.path).edit_meeting(other)  # another process, meanwhile: the same field
        form.query_one("#f-title", Input).value = "My title"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        # the question says what the other change was, as its history would
        question = app.screen.question
        assert "title: Lukashenko and Melnichenko" in question and "→ Changed elsewhere" in question
        assert "My title" not in question  # (this form's change is not said)
        assert "keeping the rest of that change" in question  # (what saving over it does)
        now = store.meeting(PENZA)
        assert now is not None and now.title == "Changed elsewhere"  # nothing overwritten yet
        # one message at a time: the question, not "Not saved" beside it
        assert not [n for n in app._notifications if "Not saved" in n.message]
        assert not str(form.query_one("#review-error").render())
        await pilot.press("n")  # kept: the form says how to edit the current version
        await settle(pilot, app)
        assert app.screen is form
        assert "changed elsewhere" in str(form.query_one("#review-error").render())
        await save_over_the_clash(pilot, app)  # asked again
        saved = store.meeting(PENZA)
        assert saved is not None and saved.title == "My title"
        # the other process's change is in the history, undoable
        assert [c.origin for c in store.history(PENZA)] == ["edit", "edit"]


async def save_over_the_clash(pilot, app) -> None:
    """ctrl+s on a form whose meeting changed elsewhere: asked, answered yes, saved (back
    on the list)."""
    await pilot.press("ctrl+s")
    await settle(pilot, app)
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("y")
    await settle(pilot, app)
    assert isinstance(app.screen, MainScreen)


async def test_saving_over_a_clash_keeps_the_rest_of_the_change_elsewhere(
    app, store: Store
) -> None:
    """The summary edited here and elsewhere, and a follow-up recorded elsewhere on a
    proposal the form did not touch: saving over the clash undid the follow-up too, all
    or nothing (a new user's pass). The form's summary wins; the follow-up stays."""
    pid = f"{PENZA}-p03"
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        meeting = store.meeting(PENZA)
        assert meeting is not None
        elsewhere = Store(store.path)
        elsewhere.edit_meeting(Meeting.from_dict({**meeting.to_dict(), "summary": "CLI summary"}))
        elsewhere.follow_up(pid, status="stalled", date="2025-05-01", note="cli note")
        form.query_one("#f-summary", TextArea).text = "My summary"
        await save_over_the_clash(pilot, app)
    saved = store.meeting(PENZA)
    assert saved is not None and saved.summary == "My summary"
    [p03] = [p for p in saved.proposals if p.id == pid]
    assert p03.status == "stalled" and [f.note for f in p03.follow_up] == ["cli note"]
    assert [p.id for p in saved.proposals] == [p.id for p in meeting.proposals]


async def test_an_edit_and_a_change_elsewhere_to_other_fields_are_both_kept(
    app, store: Store
) -> None:
    """The form's save overwrote a follow-up recorded meanwhile by another process (found
    by a new user): the edit touched the title, the other change a proposal's status. Now
    the edit is saved on top of it, without a question, and the notice says so."""
    pid = f"{PENZA}-p03"
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        Store(store.path).follow_up(pid, status="agreed", date="2025-05-01", note="signed")
        form.query_one("#f-title", Input).value = "My title"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)  # no question
        saved = store.meeting(PENZA)
        assert saved is not None and saved.title == "My title"
        proposal = next(p for p in saved.proposals if p.id == pid)
        assert proposal.status == "agreed" and proposal.follow_up[-1].note == "signed"
        said = [n.message for n in app._notifications]
        assert any("on top of a change made elsewhere" in m and "agreed" in m for m in said), said
        # the history: the follow-up, then this edit, which alone u undoes
        assert [c.origin for c in store.history(PENZA)] == ["follow-up", "edit"]
        store.undo(PENZA)
        back = store.meeting(PENZA)
        assert back is not None and back.title != "My title"
        assert next(p for p in back.proposals if p.id == pid).status == "agreed"


async def test_an_edit_that_removes_a_proposal_changed_elsewhere_asks(app, store: Store) -> None:
    pid = f"{PENZA}-p06"
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        Store(store.path).follow_up(pid, status="agreed", date="2025-05-01")
        last = next(i for i, p in enumerate(form.state["proposals"]) if p["id"] == pid)
        form.query_one(f"#pr-{last}-keep", Checkbox).value = False
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)  # removed here, changed there: asked
        assert f"{pid}.status" in app.screen.question


async def test_a_merge_overtaken_by_a_clash_does_not_claim_to_keep_what_it_lost(
    app, store: Store, monkeypatch
) -> None:
    """A review found the notice saying "on top of a change made elsewhere" after a merged
    save met a second, clashing change and the analyst chose to overwrite both."""
    pid = f"{PENZA}-p03"
    merged = EditScreen._merged

    def then_a_clash(self, current):
        found = merged(self, current)
        now = store.meeting(PENZA)
        assert now is not None
        Store(store.path).edit_meeting(Meeting.from_dict({**now.to_dict(), "title": "Theirs"}))
        return found

    monkeypatch.setattr(EditScreen, "_merged", then_a_clash)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        Store(store.path).follow_up(pid, status="agreed", date="2025-05-01")
        form.query_one("#f-title", Input).value = "Mine"
        await save_over_the_clash(pilot, app)  # the title clashes now
        saved = store.meeting(PENZA)
        assert saved is not None and saved.title == "Mine"
        said = [n.message for n in app._notifications if n.message.startswith("Saved")]
        assert said and not any("on top of" in m for m in said), said


async def test_proposals_added_here_and_elsewhere_keep_ids_of_their_own(app, store: Store) -> None:
    """Both windows numbered their new proposal -p07; overwriting turned the other's into
    this one under its id (a review). The form now numbers after the ids stored meanwhile,
    and saving over the other change keeps its proposal beside this one."""
    from coopbrowse.store.model import Proposal

    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        now = store.meeting(PENZA)
        assert now is not None
        theirs = Proposal(f"{PENZA}-p07", PENZA, "film", "Theirs")
        now.proposals.append(theirs)
        Store(store.path).edit_meeting(now)
        form.query_one("#pr-2-title", Input).focus()
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        row = len(now.proposals) - 1  # (the form's own rows: its new one is the seventh)
        form.query_one(f"#pr-{row}-title", Input).value = "Mine"
        form.query_one(f"#pr-{row}-sector", Choice).value = "film"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)  # both added: asked
        await pilot.press("y")
        await settle(pilot, app)
        saved = store.meeting(PENZA)
        assert saved is not None
        mine = [p for p in saved.proposals if p.title == "Mine"]
        assert len(mine) == 1 and mine[0].id != theirs.id
        assert [p.title for p in saved.proposals if p.id == theirs.id] == ["Theirs"]
        changes = [c["path"] for c in store.history(PENZA)[-1].changes]
        assert f"proposals[{mine[0].id}]" in changes  # this edit: its own proposal added
        assert not any(c.startswith(f"proposals[{theirs.id}]") for c in changes)


async def test_u_then_shift_u_takes_the_undo_back(app, store: Store) -> None:
    """An edit undone by a slip of u y could not be brought back: u again said "No
    recorded change … to undo", though the history listed the edit (a trial). u now says
    that U takes the undo back, and U does, after asking."""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        form.query_one("#f-place", Input).value = "Odintsovo"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        await pilot.press("u")
        await settle(pilot, app)
        await pilot.press("y")
        await settle(pilot, app)
        assert store.meeting(PENZA).place != "Odintsovo"
        await pilot.press("u")
        await settle(pilot, app)
        said = [str(n.message) for n in app._notifications]
        assert said[-1].endswith("U takes back the last undo."), said
        await pilot.press("U")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.question)
        assert question.startswith("Take back the undo of ") and "Odintsovo" in question
        await pilot.press("y")
        await settle(pilot, app)
        assert store.meeting(PENZA).place == "Odintsovo"
        said = [str(n.message) for n in app._notifications]
        assert said[-1].startswith(f"Redone: {PENZA} (place:"), said
        assert not any("to undo" in m for m in said), said  # (gone: it says otherwise now)
        await pilot.press("U")
        await settle(pilot, app)
        said = [str(n.message) for n in app._notifications]
        assert said[-1] == (
            f"Nothing of {PENZA} to redo: its latest change is no undo (u undoes it)."
        ), said
    assert [c.origin for c in store.history(PENZA)] == ["edit", "undo", "redo"]


async def test_the_saved_notice_says_where_u_undoes_the_edit(app, store: Store) -> None:
    """Opened from a proposal's row, an edit of the meeting's title was said to be undone
    by u, which there undoes that proposal's last change (a review)."""
    pid = f"{PENZA}-p03"
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, pid)
        form.query_one("#f-title", Input).value = "A title"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        said = [n.message for n in app._notifications if n.message.startswith("Saved")]
        assert said[-1].endswith("u on the meeting undoes your edit."), said
        form = await open_editor(pilot, app, pid)
        i = next(i for i, p in enumerate(form.state["proposals"]) if p["id"] == pid)
        form.query_one(f"#pr-{i}-title", Input).value = "Its own title"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        said = [n.message for n in app._notifications if n.message.startswith("Saved")]
        assert said[-1].endswith(". u undoes your edit."), said


async def test_the_saved_notice_after_keys_typed_meanwhile_says_where_u_undoes_it(
    app, store: Store, monkeypatch
) -> None:
    """Keys typed as the form closes act on the list once it is read again after the save,
    after the notice: "u undoes your edit" would then be about the row they moved to (a
    new user's ``u`` found nothing to undo there). Said so, the notice names the meeting."""
    import threading

    from textual import events

    from coopbrowse.store.library import Library

    release = threading.Event()
    real = Library.refresh

    def held(self, *args, **kwargs):
        assert release.wait(20)
        return real(self, *args, **kwargs)

    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        form.query_one("#f-title", Input).value = "A title"
        monkeypatch.setattr(Library, "refresh", held)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is not form, "the form closed")
        app.post_message(events.Key("j", "j"))  # (typed while the list is read again)
        await pilot.pause(0.1)
        release.set()
        await settle(pilot, app)
        said = [n.message for n in app._notifications if n.message.startswith("Saved")]
        assert said == [f"Saved {PENZA}. u on the meeting undoes your edit."], said


def test_the_question_about_a_change_elsewhere_names_a_few_of_its_fields(store: Store) -> None:
    meeting = store.meeting(PENZA)
    assert meeting is not None
    form = EditScreen(meeting, store)
    changed = {**meeting.to_dict(), "place": "Penza", "title": "New", "summary": "New"}
    changed |= {"place_note": "x", "date_note": "y", "notes": ["z"]}
    said = form._what_changed(changed, shown=4)
    lines = said.splitlines()
    assert lines[0] == ":" and len(lines) == 6 and lines[-1] == "  … and 2 more"
    assert "  place: Minsk → Penza" in lines
    assert form._what_changed(meeting.to_dict()) == ". "  # (nothing told apart)
    assert form._what_changed(None) == ". "  # (a child process that could not say)


async def test_proposals_are_added_and_edited_on_a_proposal_row(app, store: Store) -> None:
    pid = f"{PENZA}-p03"
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, pid)
        i = next(i for i, p in enumerate(form.state["proposals"]) if p["id"] == pid)
        assert app.focused is form.query_one(f"#pr-{i}-title", Input)  # E on a proposal
        form.query_one(f"#pr-{i}-enterprises", Input).value = "MAZ, BelAZ; Gomselmash"
        # the last proposal (p06) is dropped in the same edit: the new one does not take
        # its id (its history and any link to it stay its own)
        last = next(i for i, p in enumerate(form.state["proposals"]) if p["id"] == f"{PENZA}-p06")
        form.query_one(f"#pr-{last}-keep", Checkbox).value = False
        await pilot.press("ctrl+n")
        new = len(form.state["proposals"]) - 2  # the last is the next spare row
        await burst(pilot, app, *"Grain elevators")
        form.query_one(f"#pr-{new}-sector", Choice).value = "elevators"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        meeting = store.meeting(PENZA)
        assert meeting is not None
        edited = next(p for p in meeting.proposals if p.id == pid)
        assert edited.enterprises == ("MAZ", "BelAZ", "Gomselmash")
        added = meeting.proposals[-1]
        assert (added.title, added.sector, added.id) == (
            "Grain elevators",
            "elevators",
            f"{PENZA}-p07",
        )
        assert f"{PENZA}-p06" not in {p.id for p in meeting.proposals}


async def test_follow_up_by_keyboard_with_a_note_and_the_follow_up_view(app, store) -> None:
    pid = f"{PENZA}-p01"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("4")
        await settle(pilot, app)
        main = app.screen
        assert isinstance(main, MainScreen) and main.view == "followup"
        facets = str(main.query_one("#facet-line").render())
        assert "proposed" in facets and "in progress" in facets
        main.go_to(("proposal", pid))
        await settle(pilot, app)
        main.view = "followup"
        main.refresh_rows(("proposal", pid))
        await settle(pilot, app)
        await pilot.press("f")
        await settle(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, FollowUpScreen)
        dialog.query_one("#fu-status", Choice).value = "stalled"
        dialog.query_one("#fu-date", Input).value = "2026-02-01"
        dialog.query_one("#fu-note", Input).focus()
        await burst(pilot, app, *"Funding [bold]frozen")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        proposal = store.proposal(pid)
        assert proposal is not None and proposal.status == "stalled"
        assert [(f.date, f.note) for f in proposal.follow_up] == [
            ("2026-02-01", "Funding [bold]frozen")
        ]
        assert [c.origin for c in store.history(pid)] == ["follow-up"]
        # the view lists it under stalled, after the open statuses
        table = main.query_one(RecordTable)
        keys = [main.rows[i].key for i in range(len(main.rows))]
        assert keys.index(("proposal", pid)) == len(keys) - 1
        assert main.rows[table.cursor].key == ("proposal", pid)


async def test_a_proposal_raised_again_in_another_region_can_be_linked(app, store) -> None:
    """ "Did elevators come up anywhere else?": the dialog offered only later meetings of
    the proposal's own region ("No later meeting in this region raised this sector." for
    Penza's elevators), where the CLI's --raised-at takes any. It offers later meetings
    anywhere that raised the sector, the region's own first."""
    penza = store.meeting(PENZA)
    assert penza is not None
    pid = next(p.id for p in penza.proposals if p.sector == "elevators")
    async with app.run_test(size=SIZE) as pilot:
        dialog = await follow_up_dialog(pilot, app, pid)
        later = dialog.query_one("#fu-later", Choice)
        offered = [value for _label, value in later.choices]
        assert offered[:2] == ["", "2025-07-21-samara"]  # (oldest first)
        assert sorted(offered[2:]) == [
            "2025-10-20-mordovia-karankevich",
            "2025-10-20-mordovia-lukashenko",
        ]
        later.value = "2025-07-21-samara"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
    proposal = store.proposal(pid)
    assert proposal is not None and list(proposal.raised_again) == ["2025-07-21-samara"]


async def test_the_proposals_own_region_is_offered_first(app, store) -> None:
    """A later meeting of the proposal's region comes before the others, though they are
    older."""
    moscow = store.meeting("2023-12-18-moscow-oblast")
    assert moscow is not None
    pid = next(p.id for p in moscow.proposals if p.sector == "industrial-cooperation")
    again = moscow.to_dict()
    again.update(id="2026-01-15-moscow-oblast", date="2026-01-15", date_note="", source={})
    again["proposals"] = [
        {**p, "id": f"2026-01-15-moscow-oblast-p{i:02d}", "meeting_id": "2026-01-15-moscow-oblast",
         "follow_up": [], "raised_again": []}
        for i, p in enumerate(again["proposals"], 1)
    ]  # fmt: skip
    store.put_meetings([Meeting.from_dict(again)])
    async with app.run_test(size=SIZE) as pilot:
        dialog = await follow_up_dialog(pilot, app, pid)
        offered = [value for _label, value in dialog.query_one("#fu-later", Choice).choices]
        assert offered[:3] == ["", "2026-01-15-moscow-oblast", "2025-04-01-penza"]
        await pilot.press("escape")
        await settle(pilot, app)


async def test_any_later_meeting_is_offered_after_those_of_the_sector(app, store) -> None:
    """For Penza's buses the dialog offered nothing ("No later meeting raised this sector")
    where the command line takes any later meeting (a new user's trial): the later
    meetings of the sector come first, then the others; the links made already are said."""
    penza = store.meeting("2025-04-01-penza")
    assert penza is not None
    buses = next(p for p in penza.proposals if p.sector == "public-transport")
    async with app.run_test(size=SIZE) as pilot:
        dialog = await follow_up_dialog(pilot, app, buses.id)
        offered = [value for _label, value in dialog.query_one("#fu-later", Choice).choices]
        later = {m.id for m in store.meetings() if m.date > penza.date}
        assert set(offered[1:]) == later and offered[0] == ""
        await pilot.press("escape")
        await settle(pilot, app)
    store.follow_up(buses.id, raised_again="2025-10-20-mordovia-karankevich", note="again")
    again = CoopBrowseApp(store, state_path=app.state_path, settings=FAST)
    async with again.run_test(size=SIZE) as pilot:
        dialog = await follow_up_dialog(pilot, again, buses.id)
        said = " ".join(str(w.render()) for w in dialog.query(Static))
        assert "Raised again at already: 2025-10-20-mordovia-karankevich" in said
        offered = [value for _label, value in dialog.query_one("#fu-later", Choice).choices]
        assert "2025-10-20-mordovia-karankevich" not in offered
        await pilot.press("escape")
        await settle(pilot, again)


async def test_a_detail_of_several_lines_keeps_its_line_breaks_when_edited(app, store) -> None:
    """A proposal's detail of several lines (imported so) showed on one line, its breaks
    as spaces, and an edit of one word saved it so: the breaks show as ↵ and are saved as
    line breaks again."""
    penza = store.meeting(PENZA)
    assert penza is not None
    data = penza.to_dict()
    data["proposals"][0]["detail"] = "> starts with quote\n# then heading\n- list"
    store.edit_meeting(Meeting.from_dict(data))
    pid = data["proposals"][0]["id"]
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, pid)
        detail = form.query_one("#pr-0-detail", Input)
        assert detail.value == "> starts with quote↵# then heading↵- list"
        detail.focus()
        await pilot.press("end", *" item")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
    saved = store.proposal(pid)
    assert saved is not None
    assert saved.detail == "> starts with quote\n# then heading\n- list item"


def statuses_from_article(store: Store) -> None:
    """Mark every proposal's status as the article's (not yet confirmed by a person)."""
    meetings = store.meetings()
    for m in meetings:
        for p in m.proposals:
            p.status_from_article = True
    store.put_meetings(meetings, update=True)


async def test_the_follow_up_dialogs_buttons_come_into_view_in_a_small_terminal(app) -> None:
    """At 70x20 the dialog's Save and Cancel were below the screen's edge, and tabbing to
    them did not bring them in (a new user's trial): the dialog scrolls."""
    from textual.widgets import Button

    async with app.run_test(size=(70, 20)) as pilot:
        await first_follow_up(pilot, app)
        save = app.screen.query_one("#fu-save", Button)
        while app.focused is not save:
            await pilot.press("tab")
            await settle(pilot, app)
        screen = app.screen.region
        # (scrolled to once the focus is there, after a refresh: waited for)
        await until(pilot, lambda: screen.contains_region(save.region), "Save in view")


async def test_ctrl_q_over_work_not_saved_asks_before_quitting(app, store) -> None:
    """ctrl+q (Textual's quit, heard everywhere) closed the app at once from a follow-up
    with a note typed, and the note was lost (a new user's trial): it asks, and "n" goes
    back to the dialog as it was; ctrl+q again, or "y", quits. Nothing typed: it quits."""
    async with app.run_test(size=SIZE) as pilot:
        dialog = await first_follow_up(pilot, app)
        note = dialog.query_one("#fu-note", Input)
        note.value = "contract signed in Minsk"
        await pilot.press("ctrl+q")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen) and app.is_running
        assert "Quit coopbrowse? This follow-up is not saved." in app.screen.question
        await pilot.press("n")
        await settle(pilot, app)
        assert app.screen is dialog and note.value == "contract signed in Minsk"
        await pilot.press("ctrl+q")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("ctrl+q")  # (asked: again is yes)
        await settle(pilot, app)
        assert not app.is_running
    again = CoopBrowseApp(store, state_path=app.state_path, settings=FAST)
    async with again.run_test(size=SIZE) as pilot:
        await first_follow_up(pilot, again)
        await pilot.press("ctrl+q")  # (nothing entered: nothing to lose)
        await settle(pilot, again)
        assert not again.is_running
    assert not store.proposal(dialog.proposal.id).follow_up  # type: ignore[union-attr]


async def test_ctrl_q_in_the_edit_form_asks_only_over_edits(app, store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        form.query_one("#f-title", Input).value = "A title of my own"
        await pilot.press("ctrl+q")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Quit coopbrowse? Your edits are not saved."
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is form and app.is_running
        form.query_one("#f-title", Input).value = store.meeting(PENZA).title  # type: ignore[union-attr]
        await pilot.press("ctrl+q")
        await settle(pilot, app)
        assert not app.is_running


async def test_the_articles_status_confirmed_in_the_dialog_keeps_its_age(app, store) -> None:
    """``f`` then ctrl+s, untouched, on a proposal whose status the article gave: the
    status was dated today (age 0 d) and fell to the end of "longest unchanged first"."""
    statuses_from_article(store)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await first_follow_up(pilot, app)
        pid = dialog.proposal.id
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not store.proposal(pid).status_from_article, "confirmed")
        await settle(pilot, app)
    found = store.proposal(pid)
    assert found is not None and found.status_since == store.meeting(found.meeting_id).date


async def test_a_date_typed_in_the_follow_up_dialog_is_the_one_recorded(app, store) -> None:
    """Today typed in again (as shown) was taken for the date left alone, and the meeting's
    date recorded in its place (a review): a date the user typed is the one kept."""
    import datetime as dt

    statuses_from_article(store)
    today = dt.date.today().isoformat()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await first_follow_up(pilot, app)
        pid = dialog.proposal.id
        date = dialog.query_one("#fu-date", Input)
        date.value = ""
        await pilot.pause()
        date.value = today
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not store.proposal(pid).status_from_article, "confirmed")
        await settle(pilot, app)
    assert store.proposal(pid).status_since == today


async def test_the_follow_up_dialog_shows_the_date_it_saves(app, store) -> None:
    """The article's status confirmed as it stands holds since the meeting: the dialog
    showed today and saved the meeting's date (found by a new user). It shows the meeting's
    date, today once another status is chosen, and that is what is saved."""
    import datetime as dt

    statuses_from_article(store)
    today = dt.date.today().isoformat()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await first_follow_up(pilot, app)
        pid, held = dialog.proposal.id, dialog.proposal.status
        meeting_date = dialog.meeting.date
        date = dialog.query_one("#fu-date", Input)
        assert date.value == meeting_date
        status = dialog.query_one("#fu-status", Choice)
        other = next(v for _label, v in status.choices if v and v != held)
        status.value = other
        await pilot.pause()
        assert date.value == today
        status.value = held
        await pilot.pause()
        assert date.value == meeting_date
        # stepped there and back in one burst (the date set by the dialog, heard late, was
        # taken for a date typed, and stopped following the status)
        status.focus()
        await burst(pilot, app, "right", "left")
        assert (status.value, date.value) == (held, meeting_date)
        await burst(pilot, app, "right")
        assert status.value != held and date.value == today
        await burst(pilot, app, "left")
        assert (status.value, date.value) == (held, meeting_date)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not store.proposal(pid).status_from_article, "confirmed")
        await settle(pilot, app)
    assert store.proposal(pid).status_since == meeting_date


async def test_a_follow_up_date_that_is_not_a_date_is_refused_in_the_dialog(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        dialog = await first_follow_up(pilot, app)
        dialog.query_one("#fu-date", Input).value = "yesterday"
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FollowUpScreen)
        assert "expected a date" in str(dialog.query_one("#fu-error").render())
        dialog.query_one("#fu-date", Input).value = "2025-02-30"  # the store's words
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, FollowUpScreen)
        said = str(dialog.query_one("#fu-error").render())
        assert said == "Since: no such date, not '2025-02-30'"


async def test_a_date_refused_in_the_follow_up_dialog_is_replaced_by_what_is_typed(
    app, store: Store
) -> None:
    """After "date: … is before the proposal's meeting" the date was left unselected in
    its focused field, so the next date typed ran on ("2025-01-012025-11-15"), and the
    message said "date:" where the dialog says "Since" (found by a new user)."""
    async with app.run_test(size=SIZE) as pilot:
        dialog = await first_follow_up(pilot, app)
        date = dialog.query_one("#fu-date", Input)
        date.focus()
        date.value = "2001-01-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = str(dialog.query_one("#fu-error").render())
        assert said.startswith("Since: 2001-01-01 is before the proposal's meeting"), said
        await pilot.press(*"2025-11-15")
        assert date.value == "2025-11-15"
        dialog.query_one("#fu-url", Input).value = "javascript:x"
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = str(dialog.query_one("#fu-error").render())
        assert said.startswith("Source URL: expected an http(s) address"), said
        assert app.focused is dialog.query_one("#fu-url", Input)
        await pilot.press("tab")  # (another field edited: the error still stands)
        dialog.query_one("#fu-note", Input).value = "a note"
        await pilot.pause()
        assert str(dialog.query_one("#fu-error").render()).startswith("Source URL")
        dialog.query_one("#fu-url", Input).value = "https://example.org/mou"
        await pilot.pause()  # the field it named, mended: the error goes
        assert str(dialog.query_one("#fu-error").render()) == ""


async def test_e_u_and_f_on_a_region_row_say_what_they_need(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("3")
        await settle(pilot, app)
        for key in ("E", "u", "f"):
            await pilot.press(key)
            await settle(pilot, app)
            assert isinstance(app.screen, MainScreen)


async def test_the_form_changes_nothing_it_was_not_told_to(app, store: Store) -> None:
    """Every bundled meeting, opened in the form and read back untouched, is the same
    record: no field, item, number or flag is altered by going through the widgets."""
    meetings = store.meetings()
    first = meetings[0].to_dict()
    odd = Meeting.from_dict(
        {
            **first,
            "exports": ["machinery for lifting, loading", "tyres"],
            "trade": [{"period": "2024", "metric": "turnover", "usd_millions": 12345.67}],
        }
    )
    # items holding what the widgets split on (imported so; found by an adversarial
    # probe: an untouched form split them and saved the record as edited)
    odder = Meeting.from_dict(
        {
            **first,
            "summary": "  spaced  ",
            "exports": ["lifts; cranes", "two\nlines"],
            "imports": ["a, b; c"],
            "notes": ["line1\n===\n# H1", "second"],
            "proposals": [
                {**first["proposals"][0], "enterprises": ["MAZ; BelAZ", "x\ny"]},
                *first["proposals"][1:],
            ],
        }
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for meeting in [*meetings, odd, odder]:
            form = EditScreen(meeting, store)
            await app.push_screen(form)
            await pilot.pause()
            data, _where = form.collect()
            assert Meeting.from_dict(data).to_dict() == meeting.to_dict(), meeting.id
            app.pop_screen()
            await pilot.pause()


async def test_opening_the_form_styles_each_of_its_widgets_about_once(
    app, store: Store, monkeypatch
) -> None:
    """Textual restyled the whole form when its breakpoint class was set and again when it
    resumed, and each field and tick once more when its value gave it a class: most of the
    time a long form took to open. Now nearly every widget is styled once."""
    from textual.css.stylesheet import Stylesheet

    meeting = store.meetings()[0]
    assert len(meeting.proposals) >= 10  # a long form: hundreds of widgets
    styled: Counter[int] = Counter()
    apply = Stylesheet.apply

    def counting(self, node, *args, **kwargs):
        styled[id(node)] += 1
        return apply(self, node, *args, **kwargs)

    async with app.run_test(size=(90, 40)) as pilot:  # (narrow: a breakpoint class of its own)
        await settle(pilot, app)
        monkeypatch.setattr(Stylesheet, "apply", counting)
        form = EditScreen(meeting, store)
        await app.push_screen(form)
        await until(pilot, lambda: form.complete and form.keys_ready, "the whole form")
        await settle(pilot, app)
        monkeypatch.setattr(Stylesheet, "apply", apply)
        assert form.has_class("-narrow")
        nodes = list(form.walk_children(with_self=True))
        assert len(nodes) > 300
        times = Counter(styled[id(node)] for node in nodes)
        assert times[0] == 0  # every widget was styled
        assert times[1] >= 0.95 * len(nodes), times  # (before: 100 of 365; most 3 or 4 times)


async def test_a_trade_figures_boxes_are_named_above_them(app, store: Store) -> None:
    """A filled box shows only its value ("130"), its placeholder gone: the list says above
    it what each box of the first line holds, each name over its box."""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        heads = form.query_one("#sec-trade .col-heads")
        names = {str(label.render()).strip(): label for label in heads.query(".col-head")}
        assert list(names) == ["", "Period", "Metric", "Qualifier", "USD mln", "Change %"]
        for name, box in [
            ("Period", "#tr-0-period"),
            ("Metric", "#tr-0-metric"),
            ("Qualifier", "#tr-0-qualifier"),
            ("USD mln", "#tr-0-usd"),
            ("Change %", "#tr-0-change"),
        ]:
            label, field = names[name].region, form.query_one(box).region
            assert (label.x, label.width) == (field.x, field.width), name
            assert label.y < field.y


async def test_the_names_of_the_trade_boxes_come_with_the_first_row(app, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, "2025-07-21-samara")  # no trade figure
        heads = form.query_one("#sec-trade .col-heads")
        assert not heads.display
        form.query_one("#add-trade").focus()
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        assert heads.display and app.focused is form.query_one("#tr-0-period")
        names = {str(label.render()).strip(): label for label in heads.query(".col-head")}
        usd = form.query_one("#tr-0-usd").region
        assert (names["USD mln"].region.x, names["USD mln"].region.width) == (usd.x, usd.width)


def test_form_helpers() -> None:
    assert split_items("metal products, chemical fertilizers") == [
        "metal products",
        "chemical fertilizers",
    ]
    assert split_items("tractors\nbuses; trams\n\n") == ["tractors", "buses", "trams"]
    # an item as it was stored stays whole, commas and all; what is typed is split
    kept = ["machinery for lifting, loading"]
    assert split_items("machinery for lifting, loading\nbuses, trams", kept) == [
        "machinery for lifting, loading",
        "buses",
        "trams",
    ]
    assert split_items("Belshina, OJSC; MAZ, BelAZ", ["Belshina, OJSC"]) == [
        "Belshina, OJSC",
        "MAZ",
        "BelAZ",
    ]
    # a dropdown is as wide as its longest label and its arrow
    assert select_width([("in progress", "in-progress"), ("agreed", "agreed")]) == 16


async def test_an_untouched_form_closes_without_asking_and_saves_nothing(app, store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_editor(pilot, app, "2025-04-01-penza")
        await pilot.press("escape")  # nothing changed: no "Discard your edits?"
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("E")
        await settle(pilot, app)
        assert isinstance(app.screen, EditScreen)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        messages = [str(n.message) for n in app._notifications]
        assert "Nothing changed: nothing was written." in messages
        assert not any(m.startswith("Saved") for m in messages)
    assert Store.open(store.path).history("2025-04-01-penza") == []


async def test_tabbing_into_a_field_does_not_select_what_it_holds(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, "2025-04-01-penza")
        place = form.query_one("#f-place", Input)
        before = place.value
        form.set_focus(None)
        await pilot.pause()
        place.focus()
        await pilot.pause()
        await pilot.press("!")
        assert place.value == before + "!"
        await pilot.press("escape")  # changed now: asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)


MORDOVIA = "2025-10-20-mordovia-lukashenko"  # the bundled meeting with the most proposals


async def test_a_row_added_at_the_end_of_a_long_list_is_scrolled_into_view(app) -> None:
    """ctrl+n on the proposals of the longest meeting: the new row is below the screen; it
    is scrolled to, so what is typed next is seen going in (it went into a field off screen)."""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, MORDOVIA)
        for _ in range(5):  # to the proposals, section by section
            await pilot.press("f6")
        assert form._section_of(app.focused) == "proposals"
        await pilot.press("ctrl+n")
        await settle(pilot, app)
        new = app.focused
        assert isinstance(new, Input) and new.id and new.id.endswith("-title") and not new.value
        scroll = form.query_one("#review-form")
        assert scroll.scroll_y > 0
        assert scroll.region.contains_region(new.region), (scroll.region, new.region)


async def test_typing_in_a_field_lays_nothing_out(app, monkeypatch) -> None:
    """A field's width is set by its style: its text growing changes only what it shows.
    Textual laid the whole form out at every key (an input's virtual size is its text's
    width), hundreds of widgets in a long form; now each key repaints the field alone."""
    from textual._compositor import Compositor

    reflows = []
    reflow = Compositor.reflow

    def counting(self, *args, **kwargs):
        reflows.append(self)
        return reflow(self, *args, **kwargs)

    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, MORDOVIA)
        await until(pilot, lambda: form.complete, "the whole form")
        title = form.query_one("#f-title", Input)
        title.focus()
        await settle(pilot, app)
        before = title.value
        monkeypatch.setattr(Compositor, "reflow", counting)
        await pilot.press(*" (and a long tail that scrolls the field)")
        await settle(pilot, app)
        assert title.value == before + " (and a long tail that scrolls the field)"
        assert reflows == []
        assert title.cursor_position == len(title.value)


async def _complete(pilot, form: EditScreen) -> None:
    await until(pilot, lambda: form.complete, "the form's rows all arrived")


async def test_a_long_form_shows_its_first_rows_at_once_and_the_rest_follow(
    app, store: Store
) -> None:
    """The participants' first rows come with the form, and the first row of each list
    below the fold (trade figures, proposals: f6 lands in it); the rest follow."""
    from coopbrowse.tui.screens.form import BATCH_ROWS, EAGER_ROWS, LATER_EAGER_ROWS, ListSection

    meeting = store.meeting(MORDOVIA)
    assert meeting is not None and len(meeting.proposals) > EAGER_ROWS + 2 * BATCH_ROWS
    assert len(meeting.participants) <= EAGER_ROWS and len(meeting.trade) > LATER_EAGER_ROWS
    n = len(meeting.proposals)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        form = EditScreen(meeting, store)
        await app.push_screen(form)
        section = form.query_one("#sec-proposals", ListSection)
        assert form.query(f"#pa-{len(meeting.participants) - 1}-keep")
        for prefix in ("tr", "pr"):
            assert form.query(f"#{prefix}-{LATER_EAGER_ROWS - 1}-keep"), prefix
            assert not form.query(f"#{prefix}-{LATER_EAGER_ROWS}-keep"), prefix
        assert not form.complete
        for ch in " (x)":  # typed while the rest of the rows are mounted: none lost
            app.post_message(Key("space" if ch == " " else ch, ch))
        data, _where = form.collect()  # rows not there yet are read as they were
        assert Meeting.from_dict(data).to_dict() == meeting.to_dict()
        await _complete(pilot, form)
        titles = [w.id for w in section.query("Input.ptitle")]
        assert titles == [f"pr-{i}-title" for i in range(n + 1)]  # in order, the spare last
        assert form.query_one("#f-date", Input).value == meeting.date + " (x)"
        assert form.query_one(f"#pr-{n - 1}-title", Input).select_on_focus is False


async def test_ctrl_n_while_rows_are_still_coming_adds_after_all_of_them(app, store: Store) -> None:
    meeting = store.meeting(MORDOVIA)
    assert meeting is not None
    n = len(meeting.proposals)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        form = EditScreen(meeting, store)
        await app.push_screen(form)
        form.query_one("#pr-0-title", Input).focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert form.complete
        assert app.focused is form.query_one(f"#pr-{n}-title", Input)
        await pilot.press(*"Grain dryers")
        data, _where = form.collect()
        assert [p["title"] for p in data["proposals"]] == [
            *(p.title for p in meeting.proposals),
            "Grain dryers",
        ]


async def test_editing_a_proposal_far_down_the_list_focuses_it_at_once(app, store: Store) -> None:
    meeting = store.meeting(MORDOVIA)
    assert meeting is not None
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        form = EditScreen(meeting, store, focus_proposal=meeting.proposals[12].id)
        await app.push_screen(form)
        await pilot.pause()
        assert app.focused is form.query_one("#pr-12-title", Input)


async def test_a_long_title_the_form_opens_on_shows_from_its_start(app, store: Store) -> None:
    """E on a proposal at 80 columns: its title field showed the title's end, its first
    letters cut off ("elarusian elevator equipment"), read as damaged data (a trial)."""
    meeting = store.meeting(PENZA)
    assert meeting is not None
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        form = EditScreen(meeting, store, focus_proposal=meeting.proposals[0].id)
        await app.push_screen(form)
        await settle(pilot, app)
        title = form.query_one("#pr-0-title", Input)
        assert app.focused is title and len(title.value) > title.content_size.width
        assert title.scroll_x == 0 and title.cursor_position == 0


async def test_keys_typed_with_e_on_a_proposal_go_at_the_end_of_its_title(
    app, store: Store
) -> None:
    """The title shown from its start, "E X Y" in one burst put "XY" before it (a review):
    keys typed ahead go where they went, at its end."""
    meeting = store.meeting(PENZA)
    assert meeting is not None
    pid = meeting.proposals[0].id
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        screen_of_main = app.screen
        assert isinstance(screen_of_main, MainScreen)
        screen_of_main.go_to(("proposal", pid))
        await settle(pilot, app)
        for k in ("E", "X", "Y"):
            app.post_message(Key(k, k))
        want = meeting.proposals[0].title + "XY"

        def typed() -> bool:  # (the form, then its row, mounted)
            found = app.screen.query("#pr-0-title") if isinstance(app.screen, EditScreen) else []
            return bool(found) and found.first(Input).value == want

        await until(pilot, typed, "the keys at the end of the title")


async def test_keys_typed_while_the_form_opens_go_into_it(app, store: Store) -> None:
    from coopbrowse.tui.screens.opening import OpeningScreen

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main = app.screen
        assert isinstance(main, MainScreen)
        main.go_to(("meeting", PENZA))
        await settle(pilot, app)
        # E, then keys at once: the record is read in a worker, the keys come meanwhile
        app.post_message(Key("E", "E"))
        for ch in " (e)":  # for the list these would select the row and open the export
            app.post_message(Key("space" if ch == " " else ch, ch))
        await pilot.pause()
        assert isinstance(app.screen, OpeningScreen | EditScreen)
        await until(
            pilot,
            lambda: isinstance(app.screen, EditScreen) and app.screen.is_mounted,
            "the form is there",
        )
        form = app.screen
        assert isinstance(form, EditScreen)
        await settle(pilot, app)
        date = form.query_one("#f-date", Input)
        await until(pilot, lambda: date.value == "2025-04-01 (e)", "the keys in the date")
        assert not main.selection and app.screen is form


async def test_a_key_handed_to_the_form_before_its_field_had_the_focus_reaches_the_field(
    app, store: Store
) -> None:
    """The race behind a lost key: the app handed keys to the form itself (nothing had the
    focus yet), and the form gave its field the focus before it got to them."""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        field = form.query_one("#f-date", Input)
        assert app.focused is field and form.keys_ready
        for ch, handed in (("x", True), ("y", False)):
            key = Key(ch, ch)
            key.time = form._ready_at - 0.01  # typed before the field had the focus
            key.retyped = True  # sent on by the list, which E had left behind
            key.to_screen = handed  # as the app marks a key it gives the screen itself
            form._forward_event(key)  # (as the app hands a key on)
        await settle(pilot, app)
        # x goes on into the field; y stands for a key that bubbled up from the field,
        # which is not sent back to it
        await until(pilot, lambda: field.value.endswith("x"), "x in the field")
        assert field.value == "2025-04-01x"


async def test_keys_typed_while_a_follow_up_opens_go_into_it(app, store: Store) -> None:
    from coopbrowse.tui.screens.opening import OpeningScreen

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("2")
        await settle(pilot, app)
        app.post_message(Key("f", "f"))
        for key in ("right", "tab", "tab", "x"):  # the status steps on; x goes into the note
            app.post_message(Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        assert isinstance(app.screen, OpeningScreen | FollowUpScreen)
        await until(
            pilot,
            lambda: isinstance(app.screen, FollowUpScreen) and app.screen.is_mounted,
            "the follow-up is there",
        )
        dialog = app.screen
        assert isinstance(dialog, FollowUpScreen)
        note = dialog.query_one("#fu-note", Input)
        await until(pilot, lambda: note.value == "x", "x in the note")
        assert dialog.query_one("#fu-status", Choice).value != dialog.proposal.status
        # the opening's line is no longer seen under the dialog
        under = [s for s in app.screen_stack if isinstance(s, OpeningScreen)]
        assert all(not s.query_one(Static).display for s in under)


async def test_a_record_gone_meanwhile_closes_the_opening_and_keeps_the_keys(
    app, store: Store, monkeypatch
) -> None:
    from coopbrowse.tui.screens.opening import OpeningScreen

    monkeypatch.setattr(MainScreen, "_whole", lambda self, key: None)  # deleted elsewhere
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main = app.screen
        assert isinstance(main, MainScreen)
        table = main.query_one(RecordTable)
        app.post_message(Key("E", "E"))
        app.post_message(Key("j", "j"))  # meant for the form: it goes where the focus is
        await settle(pilot, app)
        await until(pilot, lambda: table.cursor == 1, "j moving the list's cursor")
        await settle(pilot, app)  # (and no form opened late)
        assert app.screen is main and not isinstance(app.screen, OpeningScreen)


async def test_keys_typed_one_by_one_while_the_form_mounts_all_arrive(app, store: Store) -> None:
    import asyncio

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main = app.screen
        assert isinstance(main, MainScreen)
        app.post_message(Key("E", "E"))
        for ch in "abcdefgh":  # a key every 50 ms: before, while and after the form mounts
            await asyncio.sleep(0.05)
            app.post_message(Key(ch, ch))
        await until(
            pilot,
            lambda: isinstance(app.screen, EditScreen) and app.screen.complete,
            "the form is there with all its rows",
        )
        await settle(pilot, app)
        form = app.screen
        assert isinstance(form, EditScreen)
        date = form.query_one("#f-date", Input)
        await until(pilot, lambda: date.value.endswith("h"), "the last key in the date")
        assert date.value.endswith("abcdefgh")


async def test_keys_typed_with_c_go_to_the_comparison(app, store: Store, monkeypatch) -> None:
    """ "c jj" and "c e" typed at once moved the list behind the comparison and opened the
    list's export (the comparison is made in a worker; found by a keyboard pass): the keys
    typed while it is made are kept for it, and the list stays where it was. "c E" opens no
    form under it (E is no key of the comparison's)."""
    import threading

    from coopbrowse.store import compare as compare_module
    from coopbrowse.tui.screens.compare import CompareScreen
    from coopbrowse.tui.screens.export import SaveAsScreen
    from coopbrowse.tui.screens.opening import OpeningScreen

    gate = threading.Event()
    compare = compare_module.compare

    def slow(meetings):  # (the comparison slower than the keys behind its c)
        assert gate.wait(30)
        return compare(meetings)

    monkeypatch.setattr(compare_module, "compare", slow)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        main = app.screen
        assert isinstance(main, MainScreen)
        table = main.query_one(RecordTable)
        await pilot.press("space", "j", "space", "k")
        await settle(pilot, app)
        before = table.cursor
        for key in "cjjE":
            app.post_message(Key(key, key))
        await until(pilot, lambda: isinstance(app.screen, OpeningScreen), "the opening")
        gate.set()
        await until(pilot, lambda: isinstance(app.screen, CompareScreen), "the comparison")
        await settle(pilot, app)
        assert table.cursor == before  # the j's were the comparison's
        assert not any(isinstance(s, EditScreen) for s in app.screen_stack)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is main, "the list")
        assert not any(isinstance(s, OpeningScreen | CompareScreen) for s in app.screen_stack)
        for key in "ce":  # (no gate now: whenever it comes, e is the comparison's export)
            app.post_message(Key(key, key))
        await until(pilot, lambda: isinstance(app.screen, SaveAsScreen), "its export")
        assert isinstance(app.screen_stack[-2], CompareScreen)
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is main, "the list")
        await pilot.press("j")
        assert table.cursor == before + 1  # keys work (none loops through a leftover screen)


async def test_q_on_a_dropdown_of_the_follow_up_does_not_quit(app, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("2")
        await settle(pilot, app)
        await pilot.press("f")
        await until(
            pilot,
            lambda: isinstance(app.screen, FollowUpScreen) and app.focused is not None,
            "the follow-up has the focus",
        )
        assert isinstance(app.focused, Choice)
        await pilot.press("q", "question_mark")
        assert isinstance(app.screen, FollowUpScreen) and app.return_code is None


async def test_at_80_columns_a_proposals_title_and_a_trade_period_have_room(app, store) -> None:
    """The meeting form at 80x24: each proposal's title field is wide enough to read and type
    in, a long sector is cut before its dropdown's arrow, a period range shows whole."""
    async with app.run_test(size=(80, 24)) as pilot:
        form = await open_editor(pilot, app, PENZA)
        await until(pilot, lambda: form.complete, "every row mounted")
        title = form.query_one("#pr-0-title", Input)
        assert title.size.width >= 20
        sector = form.query_one("#pr-0-sector", Choice)
        sector.value = "automotive"  # "Automotive and machine building", the longest label
        await pilot.pause()
        shown = "".join(seg.text for seg in sector.render_line(0))
        assert shown.rstrip().endswith("▼") and "…" in shown
        period = form.query_one("#tr-0-period", Input)
        period.value = "2025-01..2025-08"
        await pilot.pause()
        assert period.content_region.width >= len("2025-01..2025-08")


async def test_at_70_columns_every_field_focused_is_on_screen(app, store) -> None:
    """A narrow terminal (70x24): a trade figure's first line is wider than the form, so the
    form scrolls sideways to the field that has the focus: nothing is typed into a box the
    user cannot see (the change % box, right of the edge, took a 7 unseen)."""
    async with app.run_test(size=(70, 24)) as pilot:
        form = await open_editor(pilot, app, PENZA)
        await until(pilot, lambda: form.complete, "every row mounted")
        scroll = form.query_one("#review-form")
        while not (app.focused and str(app.focused.id).startswith("tr-0-")):
            await pilot.press("f6")  # (the next section)
            await settle(pilot, app)
        seen = []
        for _ in range(12):  # along the first figure's boxes and back
            box = app.focused
            assert box is not None
            shown = box.region
            assert scroll.region.contains_region(shown), box.id
            assert app.screen.get_widget_at(shown.x + 1, shown.y)[0] is box, box.id
            seen.append(box.id)
            await pilot.press("tab" if len(seen) < 7 else "shift+tab")
            await settle(pilot, app)
        assert "tr-0-change" in seen and "tr-0-basis" in seen
        # and no box anywhere in the form runs past its right edge
        edge = scroll.region.right
        boxes = list(form.query("#review-form Input, #review-form Choice, #review-form Checkbox"))
        assert len(boxes) > 50
        assert [b.id for b in boxes if b.region.right > edge] == []
        form.query_one("#tr-0-change", Input).focus()
        await settle(pilot, app)
        await pilot.press("7")
        await settle(pilot, app)
        box = form.query_one("#tr-0-change", Input)
        assert "7" in box.value
        assert app.screen.get_widget_at(box.region.x + 1, box.region.y)[0] is box


async def test_e_on_a_proposal_far_down_shows_its_rows_whole(app, store) -> None:
    """``E`` on a meeting's eighth proposal: the form opened with that proposal at its
    bottom edge, the lines under its first cut off (the rows after it were still being
    mounted when it was scrolled to). Once every row is there, it is at the top."""
    async with app.run_test(size=(110, 32)) as pilot:
        form = await open_editor(pilot, app, f"{MORDOVIA}-p08")
        await until(pilot, lambda: form.complete, "every row mounted")
        await settle(pilot, app)
        scroll = form.query_one("#review-form")
        assert app.focused is not None and str(app.focused.id).startswith("pr-7-")
        for wid in ("pr-7-sector", "pr-7-by", "pr-7-detail"):
            assert scroll.region.contains_region(form.query_one(f"#{wid}").region), wid


async def test_editing_keys_typed_in_a_burst_keep_their_order(app, store) -> None:
    """Keys that arrive together (a paste without bracketed paste, tmux send-keys): a field's
    editing keys (backspace, left, home) run in typing order with the characters around
    them. Textual runs such a key's binding only once the key has bubbled up to the app:
    "x", backspace, "1" gave "x"."""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        place = form.query_one("#f-place", Input)
        place.focus()
        await pilot.pause()
        place.value, place.cursor_position = "Minsk", 5
        await burst(pilot, app, "x", "backspace", "1")
        assert place.value == "Minsk1"
        await burst(pilot, app, "left", "left", "backspace", "2", "home", "3")
        assert place.value == "3Min2k1"
        summary = form.query_one("#f-summary", TextArea)
        summary.focus()
        await pilot.pause()
        summary.text = "abc"
        summary.move_cursor((0, 3))
        await burst(pilot, app, "x", "backspace", "backspace", "y")
        assert summary.text == "aby"


async def follow_up_dialog(pilot, app, pid: str) -> FollowUpScreen:
    """Press f on proposal ``pid``; the dialog it opens."""
    await open_follow_up(pilot, app, pid)
    dialog = app.screen
    assert isinstance(dialog, FollowUpScreen)
    return dialog


async def open_follow_up(pilot, app, pid: str) -> MainScreen:
    """Highlight proposal ``pid`` and press f; the main screen under the dialog."""
    await settle(pilot, app)
    main = app.screen
    assert isinstance(main, MainScreen)
    main.go_to(("proposal", pid))
    await settle(pilot, app)
    await pilot.press("f")
    await settle(pilot, app)
    return main


async def test_escape_in_the_follow_up_asks_only_when_something_was_entered(app, store) -> None:
    pid = f"{PENZA}-p01"
    before = store.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        main = await open_follow_up(pilot, app, pid)
        assert isinstance(app.screen, FollowUpScreen)
        await pilot.press("escape")  # nothing entered: closes at once
        await settle(pilot, app)
        assert app.screen is main
        await pilot.press("f")
        await settle(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, FollowUpScreen)
        dialog.query_one("#fu-note", Input).value = "MoU signed in May"
        await pilot.press("escape")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: back to the dialog, the note still there
        await settle(pilot, app)
        assert app.screen is dialog
        assert dialog.query_one("#fu-note", Input).value == "MoU signed in May"
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("y")
        await settle(pilot, app)
        assert app.screen is main
    assert store.path.read_bytes() == before


async def test_keys_behind_one_that_opened_a_question_go_to_the_question(app, store) -> None:
    """Keys "x", escape, escape typed together in a field: the first escape asks "Discard?",
    the second answers it (no), not a second question stacked on the first."""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        place = form.query_one("#f-place", Input)
        place.focus()
        await pilot.pause()
        await burst(pilot, app, "x", "escape", "escape")
        await settle(pilot, app)
        assert app.screen is form
        assert not [s for s in app.screen_stack if isinstance(s, ConfirmScreen)]
        await burst(pilot, app, "escape", "y")  # asked again: yes discards
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
    assert store.meeting(PENZA).place == "Minsk"  # type: ignore[union-attr]


async def test_a_follow_up_the_store_would_refuse_keeps_the_dialog_open(app, store) -> None:
    pid = f"{PENZA}-p01"
    before = store.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await follow_up_dialog(pilot, app, pid)
        dialog.query_one("#fu-note", Input).value = "Funding frozen"
        dialog.query_one("#fu-url", Input).value = "www.example.com/x"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is dialog  # not closed: the note is not lost
        assert "http(s)" in str(dialog.query_one("#fu-error").render())
        assert app.focused is dialog.query_one("#fu-url", Input)
        dialog.query_one("#fu-date", Input).value = "2999-01-01"
        dialog.query_one("#fu-url", Input).value = "https://example.com/x"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is dialog and "future" in str(dialog.query_one("#fu-error").render())
    assert store.path.read_bytes() == before


async def test_a_refused_follow_up_typed_with_ctrl_s_still_says_why(app, store) -> None:
    """A URL typed and ctrl+s at once: the error was said, then wiped by the changes of the
    keys typed before ctrl+s, heard after it; nothing was saved and nothing said (a new
    user's pass)."""
    pid = f"{PENZA}-p01"
    before = store.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await follow_up_dialog(pilot, app, pid)
        dialog.query_one("#fu-url", Input).focus()
        await settle(pilot, app)
        await burst(pilot, app, *"javascript", "ctrl+s")
        assert app.screen is dialog
        assert dialog.query_one("#fu-url", Input).value == "javascript"
        assert "Source URL" in str(dialog.query_one("#fu-error").render())
        await burst(pilot, app, "h")  # an edit of the field named: the error goes
        assert str(dialog.query_one("#fu-error").render()) == ""
    assert store.path.read_bytes() == before


async def test_a_follow_up_dated_before_the_latest_keeps_the_dialog_open(app, store) -> None:
    """A date before the proposal's latest follow-up was refused only by the store: the
    dialog closed, and the status and note typed were lost behind a notice."""
    pid = f"{PENZA}-p01"
    store.follow_up(pid, status="in-progress", date="2025-06-01")
    before = store.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        dialog = await follow_up_dialog(pilot, app, pid)
        dialog.query_one("#fu-date", Input).value = "2025-05-01"
        dialog.query_one("#fu-note", Input).value = "talks frozen"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is dialog
        said = str(dialog.query_one("#fu-error").render())
        assert (
            said == "Since: 2025-05-01 is before the latest follow-up (2025-06-01) of this proposal"
        )
        assert app.focused is dialog.query_one("#fu-date", Input)
        assert dialog.query_one("#fu-note", Input).value == "talks frozen"
    assert store.path.read_bytes() == before


async def test_e_f_and_d_on_a_read_only_database_say_so_before_any_form(app, store) -> None:
    """A form on a read-only database opened as usual and said so only when saving what
    was typed into it."""
    store.path.chmod(0o444)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            main = app.screen
            assert isinstance(main, MainScreen)
            main.go_to(("meeting", PENZA))
            await settle(pilot, app)
            await pilot.press("E")
            await settle(pilot, app)
            assert app.screen is main  # no form
            said = [str(n.message) for n in app._notifications]
            assert any("read-only" in m and str(store.path) in m for m in said), said
            await pilot.press("2")
            await settle(pilot, app)
            await pilot.press("f")
            await settle(pilot, app)
            assert app.screen is main  # no follow-up dialog either
            await pilot.press("1")
            await settle(pilot, app)
            await pilot.press("D")
            await settle(pilot, app)
            assert app.screen is main  # no "Delete …?" asked, to be refused after
            await pilot.press("i")  # a draft can be read, not saved: said before drafting
            await settle(pilot, app)
            said = str(app.screen.query_one("#article-note").render())
            assert "read-only" in said and said.endswith("a draft can be made and read, not saved.")
    finally:
        store.path.chmod(0o644)


async def _until_saving_waits(pilot, form: EditScreen) -> None:
    status = form.query_one("#review-error", Static)
    await until(
        pilot, lambda: "Waiting for the database's lock" in str(status.render()), "lock wait"
    )


async def test_keys_typed_while_the_form_saves_go_to_the_list_it_closes_onto(
    app, store: Store, monkeypatch
) -> None:
    """A key typed while the edit was being saved went into the field the form then closed
    with, and was lost. It is kept, and goes to the screen under the form once saved:
    ``/elev`` typed during the save searches the list."""
    from helpers import keys_beside_a_waiting_worker

    from coopbrowse.store.storage import write_lock

    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        title = form.query_one("#f-title", Input)
        title.focus()
        title.value = "A new title"
        await pilot.pause()
        with write_lock(store.path), keys_beside_a_waiting_worker(monkeypatch):
            await pilot.press("ctrl+s")
            await _until_saving_waits(pilot, form)
            await pilot.press("slash", "e", "l", "e", "v")
            assert title.value == "A new title"  # not typed into the form
            assert app.screen is form
        await settle(pilot, app)  # the lock is free: saved, and the keys go on
        main = app.screen
        assert isinstance(main, MainScreen)
        assert store.meeting(PENZA).title == "A new title"
        bar = main.query_one(SearchBar).input
        assert bar.value == "elev" and app.focused is bar


async def test_keys_typed_while_a_save_is_given_up_go_back_into_the_form(
    app, store: Store, monkeypatch
) -> None:
    """Escape gives up waiting for the lock: the form stays, and the keys typed meanwhile
    are typed into its field after all, in their order."""
    from helpers import keys_beside_a_waiting_worker

    from coopbrowse.store.storage import write_lock

    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        title = form.query_one("#f-title", Input)
        title.focus()
        title.value = "Title"
        title.cursor_position = len(title.value)
        await pilot.pause()
        with write_lock(store.path), keys_beside_a_waiting_worker(monkeypatch):
            await pilot.press("ctrl+s")
            await _until_saving_waits(pilot, form)
            await pilot.press("space", "o", "n", "e")
            assert title.value == "Title"
            await pilot.press("escape")  # (escape still acts at once: it gives up waiting)
            await until(pilot, lambda: not form.saving, "the save given up")
            await until(pilot, lambda: title.value == "Title one", "the keys typed into it")
        assert app.screen is form and app.focused is title
        assert store.meeting(PENZA).title != "Title one"


def row_after(main: MainScreen, key: tuple[str, str]) -> tuple[str, str]:
    """The key of the row after ``key`` in the list as it is now."""
    keys = [main.rows[i].key for i in range(len(main.rows))]
    return keys[keys.index(key) + 1]


async def test_moves_typed_just_after_a_save_are_made_from_the_record_saved(app, store) -> None:
    """``jj`` typed as ctrl+s saved an edit moved the list's cursor while the list was read
    again, and then the cursor was put back on the meeting saved: the moves were lost. They
    wait for the list, and are made from the meeting saved."""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        main = app.screen_stack[0]
        after = row_after(main, ("meeting", PENZA))
        title = form.query_one("#f-title", Input)
        title.focus()
        title.value = "A new title"
        await pilot.pause()
        await burst(pilot, app, "ctrl+s", "j")
        await settle(pilot, app)
        assert app.screen is main and store.meeting(PENZA).title == "A new title"
        table = main.query_one(RecordTable)
        assert main.rows[table.cursor].key == after


async def test_a_search_and_moves_typed_behind_a_save_are_all_made(app, store) -> None:
    """ctrl+s, a search and moves typed in one burst: the save and the search were made,
    but the moves were lost, the cursor left on the first result (found by a new user)."""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        main = app.screen_stack[0]
        title = form.query_one("#f-title", Input)
        title.focus()
        title.value = "A new title"
        await pilot.pause()
        await burst(pilot, app, "ctrl+s", "slash", *"lift", "enter", "j", "j")
        await settle(pilot, app)
        assert app.screen is main and store.meeting(PENZA).title == "A new title"
        table = main.query_one(RecordTable)
        assert main.query_text == "lift" and len(main.rows) >= 3
        assert table.cursor == 2 and table.has_focus
        # and with no save before them: the moves are made in the new query's list
        await burst(pilot, app, "slash", *"elevator", "enter", "j")
        await settle(pilot, app)
        assert main.query_text == "elevator" and len(main.rows) >= 2
        assert table.cursor == 1 and table.has_focus


async def saved_new_title(pilot, app) -> tuple[MainScreen, RecordTable]:
    """Penza's title edited and saved: the list it is back on, and its table."""
    form = await open_editor(pilot, app, PENZA)
    form.query_one("#f-title", Input).value = "A new title"
    await pilot.press("ctrl+s")
    await settle(pilot, app)
    main = app.screen
    assert isinstance(main, MainScreen)
    return main, main.query_one(RecordTable)


async def test_moves_typed_just_after_an_undo_are_made_from_the_record_undone(
    app, store, monkeypatch
) -> None:
    """The same after ``u`` and ``y``: the list read again after the undo kept its cursor
    on the record undone, over the moves typed while it was written."""
    import time

    undo = Store.undo

    def slow_undo(self, *args, **kwargs):  # (a write that takes a moment, as a large one)
        time.sleep(0.3)
        return undo(self, *args, **kwargs)

    monkeypatch.setattr(Store, "undo", slow_undo)
    async with app.run_test(size=SIZE) as pilot:
        main, table = await saved_new_title(pilot, app)
        after = row_after(main, ("meeting", PENZA))
        assert main.rows[table.cursor].key == ("meeting", PENZA)
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await burst(pilot, app, "y", "j")  # (j as the question closes and as it is written)
        await settle(pilot, app)
        assert store.meeting(PENZA).title != "A new title"
        assert main.rows[table.cursor].key == after


async def test_an_answer_typed_with_u_in_one_burst_answers_the_question(app, store) -> None:
    """docs/keys.md promises "u y jj": in one burst the y was lost (the question opens after
    a worker reads the record), the question stayed open, and the j's moved the list behind
    it (found by a new user). The keys typed meanwhile go to the question, then the list."""
    async with app.run_test(size=SIZE) as pilot:
        main, table = await saved_new_title(pilot, app)
        keys = [main.rows[i].key for i in range(len(main.rows))]
        after = keys[keys.index(("meeting", PENZA)) - 2]
        await burst(pilot, app, "u", "y", "k", "k")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        assert store.meeting(PENZA).title != "A new title"
        assert main.rows[table.cursor].key == after
        # and a u with nothing to undo says so, and the keys after it act on the list
        before = main.rows[table.cursor].key
        await burst(pilot, app, "u", "k")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        assert main.rows[table.cursor].key != before
        assert any("No recorded change" in n.message for n in app._notifications)


async def test_moves_after_a_save_wait_for_the_list_even_when_it_was_read_meanwhile(
    app, store
) -> None:
    """The list read again while the form was open (the poll, after another window's
    write) ended the form's hold on the list's keys: the moves typed as the save went
    through were undone by the list read after it. The list read after a write holds them
    again."""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        main = app.screen_stack[0]
        table = main.query_one(RecordTable)
        after = row_after(main, ("meeting", PENZA))
        main._catch_up(main._current_key())  # (as the poll does)
        await settle(pilot, app)
        assert not table.keeping
        title = form.query_one("#f-title", Input)
        title.focus()
        title.value = "A new title"
        await pilot.pause()
        await burst(pilot, app, "ctrl+s", "j")
        await settle(pilot, app)
        assert app.screen is main and store.meeting(PENZA).title == "A new title"
        assert main.rows[table.cursor].key == after


async def test_q_typed_while_saving_is_kept_like_any_letter(app, store, monkeypatch) -> None:
    """With a tick or a dropdown focused, q (the form's other discard key) typed while the
    edit was saved ran the form's cancel: "/quiz" searched "uiz", and during a wait for the
    lock q gave the save up. Only ctrl+s and escape act on a saving form."""
    from helpers import keys_beside_a_waiting_worker

    from coopbrowse.store.storage import write_lock

    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        form.query_one("#f-title", Input).value = "A new title"
        form.query_one("#f-date-inferred").focus()  # (a tick: q is no letter to it)
        await pilot.pause()
        with write_lock(store.path), keys_beside_a_waiting_worker(monkeypatch):
            await pilot.press("ctrl+s")
            await _until_saving_waits(pilot, form)
            await pilot.press("slash", "q", "u", "i", "z")
            assert form.saving
        await settle(pilot, app)
        main = app.screen
        assert isinstance(main, MainScreen) and store.meeting(PENZA).title == "A new title"
        assert main.query_one(SearchBar).input.value == "quiz"


def test_the_sector_dropdown_is_in_a_to_z_order_as_its_letters_step() -> None:
    """A letter steps to the next sector starting with it; the arrows step to the next one
    in the list: the two agree only when the list is A-Z (a new user, on "Automotive and
    machine building" by "a", pressed left for "Agriculture and food" and got "Public
    transport")."""
    from coopbrowse.tui.screens.form import _SECTOR_CHOICES

    labels = [label for label, _value in _SECTOR_CHOICES[1:]]
    assert labels == sorted(labels, key=str.casefold)
    assert {value for _label, value in _SECTOR_CHOICES[1:]} == {s.id for s in SECTORS}


async def test_a_place_or_date_given_by_hand_drops_the_note_on_how_it_was_missed(
    app, store: Store
) -> None:
    """Samara's place note says "not stated in the article": a new user typed the place,
    saved, and the detail showed both. A note left as it was goes with the field changed
    by hand (the date's, with its year-inferred mark, too); a note changed here stays."""
    samara = "2025-07-21-samara"
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, samara)
        form.query_one("#f-place", Input).value = "Samara, the regional government"
        form.query_one("#f-date", Input).value = "2025-07-22"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        saved = store.meeting("2025-07-22-samara") or store.meeting(samara)
        assert saved is not None and saved.place == "Samara, the regional government"
        assert (saved.place_note, saved.date_note, saved.date_inferred) == ("", "", False)
        moscow = "2023-12-18-moscow-oblast"
        form = await open_editor(pilot, app, moscow)
        form.query_one("#f-place", Input).value = "Moscow"
        form.query_one("#f-place-note", Input).value = "from the photo caption"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        kept = store.meeting(moscow)
        assert kept is not None and (kept.place, kept.place_note) == (
            "Moscow",
            "from the photo caption",
        )
        assert kept.date_note.startswith("The text says 'on 18 December'")  # (date untouched)
        inferred = "2025-10-20-mordovia-karankevich"  # (its year was inferred)
        form = await open_editor(pilot, app, inferred)
        form.query_one("#f-date", Input).value = "2025-10-21"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        redated = store.meeting(inferred) or store.meeting("2025-10-21-mordovia-karankevich")
        assert redated is not None and redated.date == "2025-10-21"
        assert (redated.date_note, redated.date_inferred) == ("", False)


async def test_a_note_that_goes_with_a_field_given_by_hand_is_cleared_on_screen(
    app, store: Store
) -> None:
    """A new user retyped Penza's date and place: the form still showed the date note, the
    year-inferred tick and the place note, and saving dropped them without a word. They are
    cleared in the form as the field is typed, and come back when it is typed back."""
    before = store.meeting(PENZA)
    assert before is not None and before.date_note and before.place_note
    assert before.date_inferred
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        date_note = form.query_one("#f-date-note", Input)
        place_note = form.query_one("#f-place-note", Input)
        inferred = form.query_one("#f-date-inferred", Checkbox)
        form.query_one("#f-place", Input).focus()
        await pilot.press("end", "ctrl+u", *"Brest")
        assert place_note.value == ""
        assert "given by hand" in str(place_note.placeholder)
        assert date_note.value == before.date_note and inferred.value  # (the date untouched)
        await pilot.press("ctrl+u", *before.place)  # typed back as it was: the note returns
        assert place_note.value == before.place_note
        await pilot.press("ctrl+u", *"Brest")
        form.query_one("#f-date", Input).focus()
        await pilot.press("end", "backspace", "2")
        assert (date_note.value, inferred.value) == ("", False)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
    saved = store.meeting("2025-04-02-penza") or store.meeting(PENZA)
    assert saved is not None and (saved.date, saved.place) == ("2025-04-02", "Brest")
    assert (saved.date_note, saved.place_note, saved.date_inferred) == ("", "", False)


async def test_a_mark_or_note_put_back_after_the_form_cleared_it_is_kept(app, store: Store) -> None:
    """The form clears the year-inferred tick and the date note as the date is typed; ticked
    again, or the same note typed again, they are the user's and saved so (saving had
    dropped them again, as equal to the record's)."""
    before = store.meeting(PENZA)
    assert before is not None and before.date_inferred and before.date_note
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        form.query_one("#f-date", Input).focus()
        await pilot.press("end", "backspace", "2")
        inferred = form.query_one("#f-date-inferred", Checkbox)
        note = form.query_one("#f-date-note", Input)
        assert (inferred.value, note.value) == (False, "")
        inferred.value = True
        note.value = before.date_note
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
    saved = store.meeting("2025-04-02-penza") or store.meeting(PENZA)
    assert saved is not None and saved.date == "2025-04-02"
    assert (saved.date_inferred, saved.date_note) == (True, before.date_note)


async def test_a_place_stored_with_spaces_around_it_is_not_taken_as_typed(
    app, store: Store
) -> None:
    """A place stored as "Minsk " showed its note cleared ("given by hand") as the form
    opened, nothing typed."""
    before = store.meeting(PENZA)
    assert before is not None and before.place_note
    store.edit_meeting(Meeting.from_dict({**before.to_dict(), "place": before.place + " "}))
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        assert form.query_one("#f-place-note", Input).value == before.place_note


async def test_a_note_typed_after_its_field_is_kept(app, store: Store) -> None:
    """A note the user types after giving the place by hand is theirs: saved as typed,
    and not put back to the article's when the place is typed back."""
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        form.query_one("#f-place", Input).focus()
        await pilot.press("end", "ctrl+u", *"Brest")
        form.query_one("#f-place-note", Input).focus()
        await pilot.press(*"by phone")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    saved = store.meeting(PENZA)
    assert saved is not None and (saved.place, saved.place_note) == ("Brest", "by phone")


async def test_the_section_reached_is_on_screen_at_once(app, monkeypatch) -> None:
    """ctrl+up pressed quickly: the screen still glided towards the section left while the
    keys typed next went into the one reached, off screen (a new user's text landed in a
    proposal's proposer). The form jumps, animations on or off."""
    import textual.constants

    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "full")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_editor(pilot, app, PENZA)
        await until(pilot, lambda: form.query("#pr-0-title"), "the proposals")
        scroller = form.query_one("#review-form")
        form.action_section(-1)  # from the first section: the last (the proposals)
        assert form._section_of(app.focused) == "proposals"
        assert scroller.scroll_y == scroller.scroll_target_y > 0
