"""Adding a meeting from an article in the app: `i`, the text, the review form, saving."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from helpers import FAST, keys_beside_a_waiting_worker, settle, until
from textual.widgets import Button, Checkbox, Input, Static, TextArea

from coopbrowse.store import Store
from coopbrowse.store.storage import write_lock
from coopbrowse.tui.app import CoopBrowseApp
from coopbrowse.tui.screens.article import ArticleScreen, ReviewScreen, split_sources
from coopbrowse.tui.screens.export import ConfirmScreen
from coopbrowse.tui.screens.main import MainScreen
from coopbrowse.tui.widgets.choice import Choice
from coopbrowse.tui.widgets.record_table import RecordTable

SIZE = (140, 40)

ARTICLE = """\
Home / News / Regions /
5 November 2024, 14:10
Lukashenko and Omsk governor discuss lifts and [bold]tractors[/bold]
MINSK, 5 November (BelTA) - Belarusian President Aleksandr Lukashenko met with Governor of \
Russia's Omsk Oblast Vitaly Khotsenko in Minsk on 5 November, BelTA has learned.
The president proposed supplying Belarusian elevator equipment to the region. He also \
suggested that Gomselmash supply combine harvesters to Omsk farmers.
In 2023 the trade amounted to $210 million, up 7% over 2022.
Follow us on Telegram
"""


@pytest.fixture
def app(store: Store, tmp_path: Path) -> CoopBrowseApp:
    return CoopBrowseApp(store, state_path=tmp_path / "state.json", settings=FAST)


async def draft_from_text(pilot, app, text: str) -> ReviewScreen:
    await settle(pilot, app)
    await pilot.press("i")
    assert isinstance(app.screen, ArticleScreen)
    app.screen.query_one("#article-text", TextArea).text = text
    await pilot.press("ctrl+s")
    # drafting runs in a worker, and the review form takes a moment to mount: wait for it
    # (one pause was not always enough on a loaded machine)
    for _ in range(600):
        if isinstance(app.screen, ReviewScreen) and app.screen.is_mounted:
            break
        await pilot.pause(0.05)
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


def person(screen: Any, role: str) -> str:
    """The name in the participant row with ``role``."""
    for row in screen.query("#sec-participants .list-row"):
        selects = [s for s in row.query(Choice) if s.id and s.id.endswith("-role")]
        if selects and selects[0].value == role:
            return row.query_one(".pname", Input).value
    return ""


def value(screen, wid: str) -> str:
    return screen.query_one(f"#{wid}", Input).value


async def test_pasted_article_is_drafted_reviewed_and_saved(app, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, ARTICLE)
        assert value(review, "f-date") == "2024-11-05"
        assert value(review, "f-region") == "Omsk Oblast"
        assert person(review, "host") == "Aleksandr Lukashenko"
        assert person(review, "guest") == "Vitaly Khotsenko"
        assert value(review, "tr-0-usd") == "210"
        sectors = [review.query_one(f"#pr-{i}-sector", Choice).value for i in range(2)]
        assert sectors == ["elevators", "agricultural-machinery"]
        # The analyst corrects a field, drops a proposal, and saves.
        review.query_one("#f-place", Input).value = "Minsk, Palace of Independence"
        review.query_one("#pr-1-keep", Checkbox).value = False
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        saved = store.meeting("2024-11-05-omsk")
        assert saved is not None
        assert saved.place == "Minsk, Palace of Independence"
        assert [p.sector for p in saved.proposals] == ["elevators"]
        assert saved.trade[0].change_pct == 7.0
        # The list shows it, highlighted, and search finds it at once.
        await settle(pilot, app)
        main = app.screen
        assert main.rows[main.query_one(RecordTable).cursor].key == ("meeting", saved.id)
        assert main.index is not None
        found = {(h.kind, h.id) for h in main.index.search("khotsenko").hits}
        assert ("meeting", saved.id) in found


async def test_a_drafts_bad_date_is_said_before_the_regions_question(app, store: Store) -> None:
    """As in the meeting form: a date that cannot be saved is said before the question on
    a region no table knows; a good draft with such a region is only asked about."""
    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, ARTICLE)
        review.query_one("#f-region", Input).value = "Atlantis"
        review.query_one("#f-date", Input).value = "2024-11-31"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        said = str(review.query_one("#review-error").render())
        assert "Date" in said and "Atlantis" not in said, said
        review.query_one("#f-date", Input).value = "2024-11-05"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        said = str(review.query_one("#review-error").render())
        assert "Atlantis" in said and "ctrl+s again" in said, said
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
    assert [m.region for m in store.meetings() if m.date == "2024-11-05"] == ["Atlantis"]


async def test_a_drafts_saved_notice_gives_way_to_the_undo_of_it(app, store: Store) -> None:
    """As an edit's: "Saved X." stayed above "Undone: X …" (a review); and U brings back
    the meeting the undo removed."""
    async with app.run_test(size=SIZE) as pilot:
        await draft_from_text(pilot, app, ARTICLE)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "saved")
        await settle(pilot, app)
        assert [n.message for n in app._notifications] == ["Saved 2024-11-05-omsk."]
        await pilot.press("u")
        await settle(pilot, app)
        await pilot.press("y")
        await settle(pilot, app)
        said = [n.message for n in app._notifications]
        assert len(said) == 1 and said[0].startswith("Undone: 2024-11-05-omsk"), said
        # the undo removed the meeting, said so, and U next brings it back (a trial: only
        # the command line could)
        assert said[0].endswith("U, pressed next, brings it back."), said
        assert store.meeting("2024-11-05-omsk") is None
        await pilot.press("U")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert app.screen.question.startswith("Bring back the meeting 2024-11-05-omsk")
        await pilot.press("y")
        await until(pilot, lambda: store.meeting("2024-11-05-omsk") is not None, "back")
        await settle(pilot, app)
        main = app.screen
        assert main.rows[main.query_one(RecordTable).cursor].key == ("meeting", "2024-11-05-omsk")


async def test_u_on_a_proposal_of_an_added_meeting_then_shift_u_brings_it_back(
    app, store: Store
) -> None:
    """In the proposals view the list went on to the meeting's other proposal, gone with
    it, and U found nothing to redo (a review): it goes on to another meeting's row. Another
    action (E, escape) forgets the meeting removed: U is about the row again."""
    async with app.run_test(size=SIZE) as pilot:
        await draft_from_text(pilot, app, ARTICLE)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "saved")
        await settle(pilot, app)
        main = app.screen
        proposals = [p.id for p in store.meeting("2024-11-05-omsk").proposals]
        assert len(proposals) == 2
        await pilot.press("2")
        await settle(pilot, app)
        main.go_to(("proposal", proposals[0]))
        await settle(pilot, app)
        for key in ("u", "y"):
            await pilot.press(key)
            await settle(pilot, app)
        assert store.meeting("2024-11-05-omsk") is None
        row = main.rows[main.query_one(RecordTable).cursor]
        assert row.meeting is not None and row.meeting.id != "2024-11-05-omsk"
        await pilot.press("U")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert app.screen.question.startswith("Bring back the meeting 2024-11-05-omsk")
        await pilot.press("n")  # (not now)
        await settle(pilot, app)
        await pilot.press("E")
        await settle(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
        await pilot.press("U")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        said = [n.message for n in app._notifications]
        assert said[-1].startswith("Nothing of ") and "to redo" in said[-1], said
    assert store.meeting("2024-11-05-omsk") is None


async def _status_says(pilot, status: Static, text: str) -> None:
    for _ in range(250):
        await pilot.pause(0.02)
        if text in str(status.render()):
            return
    raise AssertionError(f"never showed {text!r}: {status.render()}")


async def test_a_pasted_text_too_short_for_a_report_is_not_drafted(app) -> None:
    """ "hi" pasted into the box drafted an empty meeting to review, where the same text
    in a file (or a page) is refused: it says so, and keeps the box as it was."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        form = app.screen
        assert isinstance(form, ArticleScreen)
        form.query_one("#article-text", TextArea).text = "Lukashenko met the governor."
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is form
        said = str(form.query_one("#article-error", Static).render())
        assert "No article text" in said and "fewer than 15 words" in said
        assert form.query_one("#article-text", TextArea).text == "Lukashenko met the governor."


async def test_a_pasted_text_too_long_says_the_limit(app) -> None:
    """ "too long for an article (1,202,019 characters)" left a new user guessing how much
    to cut: the message gives the most it takes."""
    from coopbrowse.store.ingest import MAX_ARTICLE_BYTES

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        form = app.screen
        assert isinstance(form, ArticleScreen)
        form.query_one("#article-text", TextArea).text = ARTICLE + "word " * 200_001
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is form
        said = str(form.query_one("#article-error", Static).render())
        assert f"where the most is {MAX_ARTICLE_BYTES:,}" in said


async def test_a_pasted_text_with_no_paragraph_of_prose_is_not_drafted(app) -> None:
    """Lines with words but no sentence (a password file, a list) drafted an empty meeting."""
    from test_pages import LINES_NO_PROSE

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        form = app.screen
        assert isinstance(form, ArticleScreen)
        form.query_one("#article-text", TextArea).text = LINES_NO_PROSE
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: not form.busy)
        assert app.screen is form
        said = str(form.query_one("#article-error", Static).render())
        assert said == "No article text: no line of it reads as a paragraph."
        assert form.query_one("#article-text", TextArea).text == LINES_NO_PROSE


async def test_saving_waits_for_the_lock_in_a_worker_and_escape_gives_up(
    app, store: Store, monkeypatch
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, ARTICLE)
        status = review.query_one("#review-error", Static)
        # another writer holds the database
        with write_lock(store.path), keys_beside_a_waiting_worker(monkeypatch):
            await pilot.press("ctrl+s")
            await _status_says(
                pilot, status, f"Waiting for the database's lock (held by pid {os.getpid()})"
            )
            assert review.saving and review.query_one("#review-save", Button).disabled
            await pilot.press("ctrl+s")  # not started twice
            await pilot.press("escape")  # gives up waiting: nothing was written
            await _status_says(pilot, status, "Not saved: cancelled while waiting for the lock")
            assert app.screen is review and not review.saving
            assert store.meeting("2024-11-05-omsk") is None
            await pilot.press("ctrl+s")  # and again, while the lock is still held
            await _status_says(pilot, status, "Waiting for the database's lock")
        await settle(pilot, app)  # the lock is free: the save goes through
        assert isinstance(app.screen, MainScreen)
        assert store.meeting("2024-11-05-omsk") is not None


async def test_a_database_broken_by_hand_meanwhile_is_not_saved_into(app, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, ARTICLE)
        data = json.loads(store.path.read_text())
        next(iter(data["meetings"].values()))["participants"] = ["oops"]
        store.path.write_text(json.dumps(data))
        broken = store.path.read_bytes()
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.is_running and app.screen is review
        status = str(review.query_one("#review-error", Static).render())
        assert "Not saved" in status and str(store.path) in status
        assert store.path.read_bytes() == broken


async def test_an_article_file_path_is_read(app, store: Store, tmp_path: Path) -> None:
    path = tmp_path / "omsk.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        app.screen.query_one("#article-path", Input).value = str(path)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.draft.meeting["source"]["document"] == "omsk.txt"


UNDATED = (
    "Belarus, Tatarstan discuss lift assembly\n\n"
    "KAZAN, 3 March - Belarusian Industry Minister Aleksandr Yefimov held talks with Rais of "
    "the Republic of Tatarstan Rustam Minnikhanov in Kazan on 3 March.\n\n"
    "Trade between Belarus and Tatarstan totaled $1.6 billion last year, down 3% from the "
    "year before. Belarusian exports exceeded $540 million.\n\n"
    "The minister suggested that Mogilevliftmash and a Kazan partner set up a lift assembly "
    "plant in Tatarstan with a capacity of 1,000 lifts a year.\n"
)


@pytest.mark.parametrize("given", ["text", "file"])
async def test_an_undated_article_is_dated_as_with_published(
    app, tmp_path: Path, given: str
) -> None:
    """A report that gives no year drafted no date and none of its trade figures ("last
    year" has none), and the app had no way to say when it was published, where the CLI has
    --published (a new user's trial). The dialog takes a publication date."""
    path = tmp_path / "tatarstan.txt"
    path.write_text(UNDATED, encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        dialog = app.screen
        if given == "text":
            dialog.query_one("#article-text", TextArea).text = UNDATED
        else:
            dialog.query_one("#article-path", Input).value = str(path)
        published = dialog.query_one("#article-published", Input)
        published.value = "2026-13-03"  # a bad date: said, nothing drafted
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and app.focused is published
        assert "Published: " in str(dialog.query_one("#article-error", Static).render())
        published.value = "2026-03-04"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review")
        meeting = app.screen.draft.meeting
        assert meeting["date"] == "2026-03-03"
        assert [(t["period"], t["metric"], t["usd_millions"]) for t in meeting["trade"]] == [
            ("2025", "turnover", 1600.0),
            ("2025", "exports", 540.0),
        ]


async def test_an_article_pasted_into_the_path_line_goes_into_the_text_box(
    app, tmp_path: Path
) -> None:
    """The path line has the focus when the form opens: an article pasted there kept only
    its first line, and enter read its words as file names. It goes to the text box, whole;
    a path a line, pasted, are several paths."""
    from textual.events import Paste
    from textual.widgets import TextArea

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        await settle(pilot, app)
        line = app.screen.query_one("#article-path", Input)
        assert app.focused is line
        pasted = "x" * 300 + "\n" + ARTICLE  # (a first line too long for a file's name)
        line.post_message(Paste(pasted))
        await settle(pilot, app)
        area = app.screen.query_one("#article-text", TextArea)
        assert area.text == pasted and line.value == "" and app.focused is area
        area.text = ""
        line.focus()
        await settle(pilot, app)
        a, b = tmp_path / "a.html", tmp_path / "my articles" / "b.txt"
        b.parent.mkdir()
        a.write_text("x"), b.write_text("x")
        line.post_message(Paste(f"{a}\r\n{b}\r\n"))  # (a path with a space: quoted)
        await settle(pilot, app)
        assert split_sources(line.value) == [str(a), str(b)]
        line.value = ""
        line.post_message(Paste("\nhttps://example.org/a.html\n"))  # one, after a blank line
        await settle(pilot, app)
        assert line.value == "https://example.org/a.html"
        await pilot.press("ctrl+a", "ctrl+k")  # (cleared) and the article, drafted
        area.text = ARTICLE
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, ReviewScreen)


async def _until(pilot, condition, timeout: float = 30.0) -> None:
    """Wait (on the app's clock, not a fixed sleep) until ``condition()`` holds."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the condition never held")


async def test_several_paths_and_urls_queue_their_drafts_for_review(
    app, store: Store, tmp_path: Path
) -> None:
    from test_pages import PAGE
    from webserver import Page, serve

    path = tmp_path / "omsk file.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with serve({"/kursk": Page(PAGE.encode())}) as base:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("i")
            sources = f"'{path}' {base}/kursk {base}/gone"
            app.screen.query_one("#article-path", Input).value = sources
            await pilot.press("enter")
            await _until(pilot, lambda: isinstance(app.screen, ReviewScreen))
            await settle(pilot, app)  # (its fields mounted)
            first = app.screen
            assert "(1 of 2)" in first.heading
            assert value(first, "f-region") == "Omsk Oblast"
            failures = [n.message for n in app._notifications]
            assert failures == [f"{base}/gone: the server answered HTTP 404 Not Found"]
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: app.screen is not first)
            await settle(pilot, app)
            second = app.screen
            assert isinstance(second, ReviewScreen)
            assert "(2 of 2)" in second.heading
            assert value(second, "f-region") == "Kursk Oblast"
            assert second.draft.meeting["source"]["url"].startswith("https://eng.belta.by/")
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: isinstance(app.screen, MainScreen))
            await settle(pilot, app)
    ids = {m.id for m in Store.open(store.path).meetings()}
    assert {"2024-11-05-omsk", "2024-07-16-kursk"} <= ids


async def test_the_paths_and_urls_of_drafts_discarded_are_offered_again(
    app, store: Store, tmp_path: Path
) -> None:
    """A draft from a URL discarded, i showed an empty box: the URL had to be typed again,
    where a pasted text comes back (a trial). The sources whose drafts were discarded are
    in the box next time (quoted as typed); those saved are not."""
    from test_pages import PAGE
    from webserver import Page, serve

    path = tmp_path / "omsk file.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with serve({"/kursk": Page(PAGE.encode())}) as base:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("i")
            app.screen.query_one("#article-path", Input).value = f"'{path}' {base}/kursk"
            await pilot.press("enter")
            await _until(pilot, lambda: isinstance(app.screen, ReviewScreen))
            await settle(pilot, app)
            first = app.screen
            await pilot.press("escape", "y")  # the file's draft discarded
            await _until(pilot, lambda: app.screen is not first)
            await settle(pilot, app)
            assert isinstance(app.screen, ReviewScreen)
            await pilot.press("ctrl+s")  # the page's saved
            await _until(pilot, lambda: isinstance(app.screen, MainScreen))
            await settle(pilot, app)
            await pilot.press("i")
            await settle(pilot, app)
            again = app.screen.query_one("#article-path", Input).value
            assert again == f"'{path}'", again
            await pilot.press("enter")  # as given: the file read again
            await _until(pilot, lambda: isinstance(app.screen, ReviewScreen))
            assert app.screen.draft.meeting["source"]["document"] == "omsk file.txt"


async def test_a_url_pasted_into_the_text_box_is_fetched(app, store: Store) -> None:
    from test_pages import PAGE
    from webserver import Page, serve

    with serve({"/kursk": Page(PAGE.encode())}) as base:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot, app)
            await pilot.press("i")
            app.screen.query_one("#article-text", TextArea).text = f"  {base}/kursk\n"
            await pilot.press("ctrl+s")
            await _until(pilot, lambda: isinstance(app.screen, ReviewScreen))
            await settle(pilot, app)
            assert value(app.screen, "f-region") == "Kursk Oblast"
            assert "(1 of" not in app.screen.heading  # one article: no count


async def fetch_in_the_dialog(pilot, app, url: str) -> None:
    """Give ``url`` (or several sources) to the article dialog, and wait until a fetch is
    under way."""
    from coopbrowse.store import pages

    await settle(pilot, app)
    await pilot.press("i")
    app.screen.query_one("#article-path", Input).value = url
    await pilot.press("enter")
    await _until(pilot, lambda: bool(pages._FETCHES))


async def test_escape_stops_a_fetch_under_way_at_once(app) -> None:
    """Escape closed the dialog but its worker waited on a server sending its headers a
    byte a second; quitting then left a blank terminal until the server let go (found by an
    adversarial probe). The fetch stops, and its worker ends, at once; the dialog stays with
    the address given (a spinner had hidden it, and escape took the address with it), and
    a second escape closes it."""
    import time

    from webserver import Page, serve

    from coopbrowse.store import pages

    with serve({"/slow": Page(header_trickle=0.05)}) as base:
        async with app.run_test(size=SIZE) as pilot:
            await fetch_in_the_dialog(pilot, app, f"{base}/slow")
            assert pages._FETCHES  # (a cancelled thread worker is "finished" while it waits)
            dialog = app.screen
            # what it reads, and how to stop it, in the dialog still shown, a bar moving
            said = str(dialog.query_one("#article-error", Static).render())
            assert said == f"Fetching {base}/slow…  esc stops"
            assert dialog.query_one("#article-working").display
            assert dialog.query_one("#article-path", Input).disabled
            started = time.monotonic()
            await pilot.press("escape")
            await _until(pilot, lambda: not pages._FETCHES)
            assert time.monotonic() - started < 5
            assert app.screen is dialog and not dialog.busy
            path = dialog.query_one("#article-path", Input)
            assert path.value == f"{base}/slow" and not path.disabled and app.focused is path
            said = str(dialog.query_one("#article-error", Static).render())
            assert said.startswith("Stopped: no draft was kept.")
            assert not dialog.query_one("#article-working").display
            await pilot.press("escape")
            await settle(pilot, app)
            assert isinstance(app.screen, MainScreen)


async def test_escape_while_several_are_read_keeps_those_drafted_for_review(
    app, tmp_path: Path
) -> None:
    """Escape during the fetch of the second of three articles threw the first one's draft
    away with the rest ("no draft was kept"), to be fetched again. It stops the reading, and
    the drafts made go on to be reviewed; the articles not read are named."""
    from webserver import Page, serve

    from coopbrowse.store import pages

    path = tmp_path / "omsk.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    with serve({"/slow": Page(header_trickle=0.05)}) as base:
        async with app.run_test(size=SIZE) as pilot:
            await fetch_in_the_dialog(pilot, app, f"{path} {base}/slow {base}/later")
            await pilot.press("escape")
            await _until(pilot, lambda: isinstance(app.screen, ReviewScreen))
            await settle(pilot, app)
            assert not pages._FETCHES
            review = app.screen
            assert value(review, "f-region") == "Omsk Oblast"
            assert "(1 of" not in review.heading  # the one draft: nothing queued after it
            said = [n.message for n in app._notifications]
            assert said == [f"Stopped before 2 articles: {base}/slow, {base}/later"]


async def test_quitting_stops_a_fetch_under_way(app) -> None:
    """Textual waits for its worker threads as it ends: a fetch waiting on a slow server
    held a blank terminal until the server let go (found by a review)."""
    from webserver import Page, serve

    from coopbrowse.store import pages

    with serve({"/slow": Page(header_trickle=0.05)}) as base:
        async with app.run_test(size=SIZE) as pilot:
            await fetch_in_the_dialog(pilot, app, f"{base}/slow")
            fetches = list(pages._FETCHES)
            app.exit()
            assert [f.why for f in fetches] == ["stopped"]


async def test_standard_input_and_a_path_with_pasted_text_are_refused_in_place(
    app, tmp_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        screen = app.screen
        error = screen.query_one("#article-error", Static)
        screen.query_one("#article-path", Input).value = "-"
        await pilot.press("enter")
        await pilot.pause()
        assert "Standard input (-) cannot be read here" in str(error.render())
        assert not screen.busy  # nothing is waiting on the terminal's own input
        screen.query_one("#article-path", Input).value = str(tmp_path / "a.txt")
        screen.query_one("#article-text", TextArea).text = ARTICLE
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not both" in str(error.render())
        assert isinstance(app.screen, ArticleScreen)
        # a quote left open is said as such (each path was said to be missing, in pieces)
        screen.query_one("#article-text", TextArea).text = ""
        path = screen.query_one("#article-path", Input)
        path.value = f'"{tmp_path}/my article.txt" "{tmp_path}/omsk.txt'
        await pilot.press("enter")
        await pilot.pause()
        said = str(error.render())
        assert said.startswith("Paths: a quote opened before ") and "omsk.txt" in said, said
        assert "no such file" not in said and app.focused is path and not screen.busy


def test_paths_are_split_as_a_shell_would_an_apostrophe_kept() -> None:
    assert split_sources('"a b.txt" c.txt') == ["a b.txt", "c.txt"]
    assert split_sources("'a b.txt' c.txt") == ["a b.txt", "c.txt"]
    # (an apostrophe in a name: read with double quotes alone)
    line = 'Lukashenko\'s.txt "my visit.txt"'
    assert split_sources(line) == ["Lukashenko's.txt", "my visit.txt"]
    # (two: shlex read them as one quoted name, "Lukashenkos.txt Putins.txt": a review)
    assert split_sources("Lukashenko's.txt Putin's.txt") == ["Lukashenko's.txt", "Putin's.txt"]
    with pytest.raises(ValueError, match="is not closed"):
        split_sources('"a b.txt" "c.txt')


async def test_a_bad_path_or_no_text_is_an_error_in_place(app, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        screen = app.screen
        await pilot.press("ctrl+s")
        error = screen.query_one("#article-error", Static)
        assert "paste" in str(error.render())
        screen.query_one("#article-path", Input).value = str(tmp_path / "nope.txt")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert "nope.txt: no such file" in str(error.render())
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_a_path_with_a_space_not_found_says_to_quote_it(app, tmp_path: Path) -> None:
    """ "/tmp/my article.txt" typed as it is was read as two paths, and the error named two
    files that do not exist without a word on how to give one (found by a new user)."""
    (tmp_path / "my article.txt").write_text(ARTICLE, encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        screen = app.screen
        screen.query_one("#article-path", Input).value = str(tmp_path / "my article.txt")
        await pilot.press("enter")
        error = screen.query_one("#article-error", Static)
        await until(pilot, lambda: "no such file" in str(error.render()), "the error")
        said = str(error.render())
        assert said.endswith('(a path with spaces goes in quotes: "my article.txt")'), said
        # quoted already (and still not found): no advice to quote it
        path = screen.query_one("#article-path", Input)
        path.value = f'"{tmp_path / "no article.txt"}" {tmp_path / "nope.txt"}'
        await pilot.press("enter")
        await until(pilot, lambda: "no article.txt" in str(error.render()), "the new error")
        assert "in quotes" not in str(error.render())
        assert "several separated by spaces, a path with spaces in quotes" in str(
            screen.query_one("#article-path-hint", Static).render()
        )


async def test_missing_fields_are_flagged_and_block_saving(app, store: Store) -> None:
    before = store.path.read_bytes()
    text = (
        "Belarusian President Aleksandr Lukashenko met with Governor of Omsk Oblast Vitaly "
        "Khotsenko. The president proposed supplying lifts."
    )
    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, text)
        assert "date" in review.draft.missing
        assert review.query_one("#f-date", Input).has_class("missing")
        notes = str(review.query_one("#review-notes", Static).render())
        assert "Not found in the article: date" in notes
        # named as a reader names them, not by the record's paths ("source.url": a trial)
        assert "URL" in notes and "source." not in notes, notes
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, ReviewScreen)
        error = str(review.query_one("#review-error", Static).render())
        assert "Not saved: Date: is required" in error
        assert app.focused is review.query_one("#f-date", Input)
        assert store.path.read_bytes() == before  # nothing written
        # Filling the date in makes it savable.
        review.query_one("#f-date", Input).value = "2024-11-05"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        assert store.meeting("2024-11-05-omsk") is not None


async def test_the_id_shown_follows_the_date_and_region_typed(app, store: Store) -> None:
    """The review form showed "undated-omsk" beside a date typed by hand, and saved
    "2024-03-14-omsk" (found by a new user): the id shown follows the date and the region
    until it is typed by hand; then it is kept."""
    text = (
        "Belarusian President Aleksandr Lukashenko met with Governor of Omsk Oblast Vitaly "
        "Khotsenko. The president proposed supplying lifts to the region."
    )
    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, text)
        shown = review.query_one("#f-id", Input)
        assert shown.value == "undated-omsk"
        review.query_one("#f-date", Input).value = "2024-03-14"
        await pilot.pause()
        assert shown.value == "2024-03-14-omsk"
        review.query_one("#f-region", Input).value = "Tomsk Oblast"
        await pilot.pause()
        assert shown.value == "2024-03-14-tomsk"
        review.query_one("#f-date", Input).value = "2024-02-30"  # no such day: undated
        await pilot.pause()
        assert shown.value == "undated-tomsk"
        shown.value = "my-own-id"  # typed by hand: kept
        review.query_one("#f-date", Input).value = "2024-03-15"
        await pilot.pause()
        assert shown.value == "my-own-id"
        shown.value = "undated-tomsk"
        review.query_one("#f-date", Input).value = "2024-03-14"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "saved")
    assert store.meeting("2024-03-14-tomsk") is not None


async def test_a_date_given_by_hand_drops_the_drafts_note_on_how_it_was_found(
    app, store: Store, tmp_path: Path
) -> None:
    """The draft said "the article says 14 March; nothing in it tells the year": once the
    analyst types the date, that note (and the year-inferred mark) no longer apply and are
    not saved; a note the analyst wrote is kept."""
    text = (
        "Belarusian President Aleksandr Lukashenko met with Governor of Omsk Oblast Vitaly "
        "Khotsenko on 14 March. The president proposed supplying lifts to the region."
    )
    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, text)
        drafted = review.query_one("#f-date-note", Input).value
        assert "14 March" in drafted
        review.query_one("#f-date", Input).value = "2024-03-14"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "saved")
        saved = store.meeting("2024-03-14-omsk")
        assert saved is not None
        assert (saved.date_note, saved.date_inferred) == ("", False)
    # a note of the analyst's own stays
    app = CoopBrowseApp(store, state_path=tmp_path / "again.json", settings=FAST)
    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, text.replace("Omsk", "Tomsk"))
        review.query_one("#f-date", Input).value = "2024-03-15"
        review.query_one("#f-date-note", Input).value = "From the ministry's site"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "saved")
        saved = store.meeting("2024-03-15-tomsk")
        assert saved is not None and saved.date_note == "From the ministry's site"


async def test_a_bad_number_names_the_field(app, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, ARTICLE)
        review.query_one("#tr-0-usd", Input).value = "lots"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        error = str(review.query_one("#review-error", Static).render())
        assert "Trade figure 1, USD mln: expected a number" in error
        assert app.focused is review.query_one("#tr-0-usd", Input)
        assert store.meeting("2024-11-05-omsk") is None


async def test_a_meeting_already_stored_asks_before_replacing(app, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, ARTICLE)
        notes = review.query_one("#review-notes", Static)
        assert "Already stored" not in str(notes.render())  # (a new meeting)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        review = await draft_from_text(pilot, app, ARTICLE)
        # the form says at once that the meeting is stored, before anything is saved
        notes = review.query_one("#review-notes", Static)
        await until(pilot, lambda: "Already stored as" in str(notes.render()), "the note")
        assert "2024-11-05-omsk" in str(notes.render())
        review.query_one("#f-title", Input).value = "Second version"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, ReviewScreen)
        assert store.meeting("2024-11-05-omsk").title != "Second version"
        # (a new user saw "Checking against the database…" stay under the form after no)
        assert str(review.query_one("#review-error", Static).render()) == ""
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        await pilot.press("y")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        assert store.meeting("2024-11-05-omsk").title == "Second version"


async def test_same_day_same_region_other_host_gets_its_own_id(app, store: Store) -> None:
    other = ARTICLE.replace("Belarusian President Aleksandr Lukashenko",
                            "Belarusian Prime Minister Roman Golovchenko")  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        await draft_from_text(pilot, app, ARTICLE)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        await draft_from_text(pilot, app, other)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
    assert store.meeting("2024-11-05-omsk").host.name == "Aleksandr Lukashenko"
    second = store.meeting("2024-11-05-omsk-golovchenko")
    assert second is not None
    assert second.proposals[0].id == "2024-11-05-omsk-golovchenko-p01"


async def test_discarding_asks_and_writes_nothing(app, store: Store) -> None:
    before = store.path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await draft_from_text(pilot, app, ARTICLE)
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot, app)
        assert isinstance(app.screen, MainScreen)
        # the text pasted for the discarded draft is back in the box when i opens again
        await pilot.press("i")
        await settle(pilot, app)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.query_one("#article-text", TextArea).text == ARTICLE
        # discarded there too, it is gone for good: the next i opens an empty box
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot, app)
        await pilot.press("i")
        await settle(pilot, app)
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.query_one("#article-text", TextArea).text == ""
    assert store.path.read_bytes() == before


async def test_a_path_given_beside_the_text_kept_from_before_is_read(
    app, store: Store, tmp_path: Path
) -> None:
    """The text of a discarded draft comes back in the box; a path typed beside it was
    refused ("not both: clear one of them") with no quick way to clear the box (found by a
    new user). Untouched, that text gives way to the path, and is offered again after."""
    path = tmp_path / "omsk.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    kept = ARTICLE.replace("Omsk", "Tomsk")
    async with app.run_test(size=SIZE) as pilot:
        await draft_from_text(pilot, app, kept)
        await pilot.press("escape", "y")  # discarded: its text kept for the next i
        await settle(pilot, app)
        await pilot.press("i")
        await settle(pilot, app)
        assert app.screen.query_one("#article-text", TextArea).text == kept
        app.screen.query_one("#article-path", Input).value = str(path)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReviewScreen), "the review")
        assert app.screen.draft.meeting["source"]["document"] == "omsk.txt"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "saved")
        await pilot.press("i")
        await settle(pilot, app)
        assert app.screen.query_one("#article-text", TextArea).text == kept
        # edited, it is the user's: both given, they are asked to clear one
        app.screen.query_one("#article-text", TextArea).text = kept + " More."
        app.screen.query_one("#article-path", Input).value = str(path)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, ArticleScreen)
        assert "not both" in str(app.screen.query_one("#article-error", Static).render())


MARKUP_ARTICLE = (
    "date 2024-11-05\nBelarusian President Aleksandr Lukashenko met with Governor of Omsk "
    "Oblast Vitaly Khotsenko. Belarusian Ambassador [/] to [link=x Russia Dmitry Krutoi was "
    "there. The president proposed supplying [bold]lifts[/bold] and [/] trams to the region."
)


async def test_article_text_is_shown_literally(app) -> None:
    """Markup in the article (even broken markup) is text in every widget of the form."""
    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, MARKUP_ARTICLE)
        people = [w.value for w in review.query("#sec-participants Input")]
        assert any("[/] to [link=x Russia" in v for v in people)
        details = [w.value for w in review.query("Input.detail")]
        assert any("[bold]lifts[/bold] and [/] trams" in d for d in details)


async def test_q_in_the_review_form_asks_instead_of_quitting(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, ARTICLE)
        review.query_one("#f-date-inferred", Checkbox).focus()
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert app.screen is review
        assert app.is_running


async def test_help_in_the_review_form_lists_the_forms_keys(app) -> None:
    from coopbrowse.tui.screens.help import HelpScreen, binding_rows

    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, ARTICLE)
        review.query_one("#f-date", Input).focus()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {(keys, does) for _where, keys, does in binding_rows(app.screen.sections)}
        assert ("ctrl+s", "Save") in described and ("esc", "Discard") in described
        assert not any(does in ("Quit", "Meetings", "Search") for _k, does in described)
        # how a row is dropped (no key does it) is said in the section's heading
        assert any("untick a row" in title for title, _owner in app.screen.sections)
        await pilot.press("escape")
        assert app.screen is review


@pytest.mark.parametrize(("opens", "key"), [("i", "f1"), ("2f", "f1"), ("F", "question_mark")])
async def test_help_opens_over_the_dialogs_too(app, opens: str, key: str) -> None:
    """f1 did nothing in the article form, a dialog over the browser that the app's help
    keys do not reach (a docs audit); nor in the follow-up dialog or the counts table."""
    from coopbrowse.tui.screens.help import HelpScreen, binding_rows

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        for press in opens:
            await pilot.press(press)
            await settle(pilot, app)
        dialog = app.screen
        assert not isinstance(dialog, MainScreen)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {does for _where, _keys, does in binding_rows(app.screen.sections)}
        assert "Quit" not in described  # this dialog's keys
        # nor the search bar's language, which has nothing to do here
        assert not app.screen.query("#help-search-title")
        await pilot.press("escape")
        assert app.screen is dialog


async def test_a_date_in_words_is_blamed_on_the_date(app, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, ARTICLE)
        review.query_one("#f-date", Input).value = "12 March 2025"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        error = str(review.query_one("#review-error", Static).render())
        assert "Date: expected a date YYYY-MM-DD, got '12 March 2025'" in error
        assert app.focused is review.query_one("#f-date", Input)
        review.query_one("#f-date", Input).value = "2025-03-12"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert store.meeting("2025-03-12-omsk") is not None


async def test_escape_with_pasted_text_asks_first(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        app.screen.query_one("#article-text", TextArea).text = ARTICLE
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("escape")
        await pilot.press("y")
        assert isinstance(app.screen, MainScreen)


async def test_a_store_conflict_on_save_is_an_error_in_place(app, store: Store) -> None:
    """A proposal id already used by another meeting: said in the form, nothing crashes."""
    from coopbrowse.store.model import Meeting

    odd = Meeting.from_dict({
        "id": "odd", "date": "2020-01-01", "region": "Tver Oblast", "title": "Odd",
        "proposals": [{"id": "2024-11-05-omsk-p01", "sector": "film", "title": "x"}],
    })  # fmt: skip
    store.put_meetings([odd])
    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, ARTICLE)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is review
        error = str(review.query_one("#review-error", Static).render())
        assert "Not saved:" in error and "2024-11-05-omsk-p01" in error


async def test_enter_on_a_confirmation_does_not_confirm(app, store: Store) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await draft_from_text(pilot, app, ARTICLE)
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen)


async def test_what_the_path_line_takes_is_said_whole_on_a_narrow_screen(app) -> None:
    # it was the line's placeholder, cut at 80 columns before "enter drafts them"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        await settle(pilot, app)
        assert isinstance(app.screen, ArticleScreen)
        hint = app.screen.query_one("#article-path-hint", Static)
        drawn = " ".join(
            "".join(s.text for s in hint.render_line(y)).strip() for y in range(hint.size.height)
        )
        assert "http(s) URL" in drawn and "(enter drafts them):" in drawn


async def test_a_large_databases_draft_is_checked_and_saved_by_a_child(
    app, store: Store, monkeypatch
) -> None:
    """For a large file the review form's duplicate check and its save run in a child
    process (the whole file is read for each), with the same outcome: a stored meeting
    is named before saving, and a new one is saved."""
    import coopbrowse.store.writer as writer_module

    monkeypatch.setattr(writer_module, "CHILD_FROM", 0)
    runs: list[str] = []
    real_run = writer_module.ChildStore._run
    monkeypatch.setattr(
        writer_module.ChildStore,
        "_run",
        lambda self, request: runs.append(request["op"]) or real_run(self, request),
    )
    async with app.run_test(size=SIZE) as pilot:
        review = await draft_from_text(pilot, app, ARTICLE)
        await until(pilot, lambda: "check_draft" in runs, "checked by a child")
        review.query_one("#f-place", Input).value = "Minsk, by a child"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MainScreen), "saved")
        await settle(pilot, app)
    saved = store.meeting("2024-11-05-omsk")
    assert saved is not None and saved.place == "Minsk, by a child"
    assert runs.count("check_draft") == 2 and runs[-1] == "put_meetings"
    # recorded as the meeting's addition, as a save in the app's own process is
    assert [c.origin for c in store.history("2024-11-05-omsk")] == ["article"]


def test_the_childs_draft_check_is_the_stores(store: Store, monkeypatch) -> None:
    import coopbrowse.store.writer as writer_module
    from coopbrowse.store.extract import extract
    from coopbrowse.store.model import ValidationError

    monkeypatch.setattr(writer_module, "CHILD_FROM", 0)
    child = writer_module.store_for_writing(store.path)
    assert isinstance(child, writer_module.ChildStore)
    stored = store.meeting("2025-04-01-penza")
    assert stored is not None
    again = {**stored.to_dict(), "id": "another-id", "proposals": []}
    for data in (extract(ARTICLE).meeting, again):
        mine = writer_module.check_draft(Store.open(store.path), data)
        theirs = writer_module.check_draft(child, data)
        assert theirs == mine
    assert writer_module.check_draft(child, again).stored == stored.id
    with pytest.raises(ValidationError) as caught:
        writer_module.check_draft(child, {**again, "date": "someday"})
    assert caught.value.path == "date"


async def test_the_review_forms_help_says_what_each_key_does_whole(app) -> None:
    """The review form's help cut what its keys do to "Disca", "Previ" at 120 columns: its
    heading ("Reviewing a drafted meeting (tab moves between fields; …)") stood in the keys'
    column and made it as wide as itself. Each section's heading is a line of its own."""
    from rich.console import Console

    from coopbrowse.tui.screens.help import HelpScreen

    async with app.run_test(size=(120, 36)) as pilot:
        await draft_from_text(pilot, app, ARTICLE)
        await pilot.press("f1")
        await settle(pilot, app)
        assert isinstance(app.screen, HelpScreen)
        [table] = [s for s in app.screen.query(Static) if s.id is None]
        console = Console(width=table.content_region.width, record=True, file=io.StringIO())
        console.print(table.content)
        lines = console.export_text().splitlines()
        for does in ("Save", "Discard", "Add a row", "Next section", "Previous section"):
            assert any(line.rstrip().endswith(does) for line in lines), (does, lines)
        assert lines[0].startswith("Reviewing a drafted meeting")


async def test_the_line_with_the_focus_looks_it(app) -> None:
    """The path line has no border: with the focus it looked like the date line without
    it, while the text box's bars looked focused, and a new user typed into the wrong
    place. The focused line has a colour of its own."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        await settle(pilot, app)
        path = app.screen.query_one("#article-path", Input)
        published = app.screen.query_one("#article-published", Input)
        assert app.focused is path
        focused, other = path.styles.background, published.styles.background
        assert focused != other
        published.focus()
        await settle(pilot, app)
        assert published.styles.background == focused and path.styles.background == other
