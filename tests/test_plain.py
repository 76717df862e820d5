"""What the data says, said plainly: trade figures, meetings told apart, keys that go where
a user expects, and the browser coming back where it was left."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import FAST, settle
from rich.console import Console, Group

from coopbrowse.store import Store
from coopbrowse.store.model import Meeting, TradeFigure
from coopbrowse.tui.app import CoopBrowseApp
from coopbrowse.tui.blocks import (
    as_renderable,
    meeting_blocks,
    meeting_label,
    proposal_blocks,
    short_period,
    trade_cell,
    trade_chart,
    trade_table,
)
from coopbrowse.tui.screens.main import MainScreen
from coopbrowse.tui.widgets.footer import KeysFooter
from coopbrowse.tui.widgets.record_table import RecordTable
from coopbrowse.tui.widgets.search_bar import SearchBar

SAMARA = "2025-07-21-samara"
LUKASHENKO = "2025-10-20-mordovia-lukashenko"


def text_of(renderable, width: int = 70) -> str:
    console = Console(width=width, color_system=None, record=True)
    console.print(renderable)
    return console.export_text()


def test_a_meeting_without_figures_says_so(store: Store) -> None:
    samara = store.meeting(SAMARA)
    assert samara is not None and not samara.trade
    shown = text_of(as_renderable(meeting_blocks(samara)))
    assert "Trade figures" in shown and "No trade figures were quoted in the source." in shown


def test_disagreeing_figures_are_one_range_with_every_source(store: Store) -> None:
    meeting = store.meeting(LUKASHENKO)
    assert meeting is not None
    chart = text_of(trade_chart(meeting.trade, outlet=meeting.source.outlet), width=90)
    assert "130–134" in chart
    assert "slightly more than 130: Aleksandr Lukashenko" in chart
    assert "nearly 134: BelTA (report text)" in chart
    # no label wraps: each line of the chart is one line of the output, even when narrow
    chart_ = trade_chart(meeting.trade)
    narrow = text_of(Group(chart_), width=40)  # as the detail pane and `show` render it
    assert narrow.count("\n") == str(chart_).count("\n") + 1
    assert "…" in narrow


def test_stated_by_is_the_person_or_the_outlet_never_a_meeting_label() -> None:
    figure = TradeFigure("2024", "turnover", 100.0)
    meeting = Meeting("m", "2024-05-01", "Penza Oblast", "T", trade=[figure])
    meeting.source.outlet = "BelTA"
    shown = text_of(as_renderable(meeting_blocks(meeting)))
    assert "stated by BelTA" in shown and "100: BelTA" in shown


def test_a_meeting_without_a_place_says_why_once() -> None:
    """ "Place: not stated" then "Place note: not stated in the article" said it twice (found
    by a new user): without a place, its note stands in for it; with one, both are shown."""
    m = Meeting("m", "2024-05-01", "Penza Oblast", "T", place_note="not stated in the article")
    shown = text_of(as_renderable(meeting_blocks(m)))
    assert "Place: not stated in the article" in shown and "Place note" not in shown
    m.place, m.place_note = "Minsk", "the Palace of Independence, taken as Minsk"
    shown = text_of(as_renderable(meeting_blocks(m)))
    assert "Place: Minsk" in shown
    assert "Place note: the Palace of Independence, taken as Minsk" in shown
    assert "Place: not stated" in text_of(
        as_renderable(meeting_blocks(Meeting("n", "2024-05-01", "R", "T")))
    )
    # a note that says more than that is no place: shown as a note
    m = Meeting("o", "2024-05-01", "R", "T", place_note="inferred from the dateline")
    shown = text_of(as_renderable(meeting_blocks(m)))
    assert "Place: not stated" in shown and "Place note: inferred from the dateline" in shown


def test_trade_cells_stay_whole_in_their_column() -> None:
    big = Meeting(
        "m", "2018-05-01", "R", "T", trade=[TradeFigure("2018", "turnover", 1119.3, "about")]
    )
    part = Meeting(
        "n",
        "2025-09-01",
        "R",
        "T",
        trade=[TradeFigure("2025-01..2025-08", "turnover", 64.0, "approximately")],
    )
    assert trade_cell(big) == "~$1,119M (2018)"
    assert trade_cell(part) == "~$64M (1–8/2025)"
    assert all(len(trade_cell(m)) <= 16 for m in (big, part))
    assert short_period("2023..2024") == "2023..2024"


@pytest.mark.parametrize("width", [50, 58, 66, 72, 90, 120])
def test_a_regions_trade_table_says_each_figures_meeting_at_any_width(width: int) -> None:
    """Beside the list at 160 columns (a pane of about 60), the "Meeting" column was
    squeezed to one letter ("2", "L"): where it has no room, the meeting is told under who
    stated the figure instead, whole."""
    figures = [
        TradeFigure("2025-01..2025-08", "turnover", 64.0, "approximately", stated_by="BelTA"),
        TradeFigure("2024", "turnover", 130.0, "about", stated_by="Viktor Karankevich"),
    ]
    meeting_of = {0: "2025-10-20 Lukashenko", 1: "2025-10-20 Karankevich"}
    shown = text_of(trade_table(figures, meeting_of=meeting_of), width)
    flat = " ".join(shown.split())
    assert all(len(line.rstrip()) <= width for line in shown.splitlines())
    for label in meeting_of.values():
        date, host = label.split()
        assert date in flat and host in flat
    assert ("Meeting" in shown.splitlines()[0]) == (width >= 72)


def test_a_meetings_latest_trade_is_the_figure_the_regions_view_shows(store: Store) -> None:
    """Two figures quoted for one year (Lukashenko's "slightly more than $130 million",
    the report's "nearly $134 million"): the meetings list and the regions view show the
    same one, the largest, and the detail shows both."""
    from coopbrowse.store.index import SearchIndex

    meeting = store.meeting(LUKASHENKO)
    assert meeting is not None
    quoted = {
        t.usd_millions for t in meeting.trade if t.period == "2024" and t.metric == "turnover"
    }
    assert quoted == {130.0, 134.0}
    regions = {r.name: r for r in SearchIndex.build(store.meetings()).regions()}
    assert regions[meeting.region].turnover[2024] == 134.0
    assert trade_cell(meeting) == "~$134M (2024)"
    reordered = Meeting.from_dict({**meeting.to_dict(), "trade": meeting.to_dict()["trade"][::-1]})
    assert trade_cell(reordered) == "~$134M (2024)"  # not whichever was written first
    assert "130–134" in text_of(as_renderable(meeting_blocks(meeting)))


def test_same_day_meetings_are_told_apart(store: Store) -> None:
    meeting = store.meeting(LUKASHENKO)
    assert meeting is not None
    from coopbrowse.store.library import Library

    index = Library.open(store.path).index
    proposal = next(p for p in meeting.proposals if p.sector == "elevators")
    related = index.related(proposal, meeting)
    shown = text_of(as_renderable(proposal_blocks(proposal, meeting, related)), width=120)
    assert "Mordovia 2025-10-20 (Karankevich)" in shown  # which of the two


def test_proposals_elsewhere_are_counted_in_the_heading_not_listed_twice(
    store: Store,
) -> None:
    """The heading named every place listed under it (and "and 2227 more"), then the same
    places again, one a line (found by new users on 10,000 meetings and on five): it counts
    them, and the list names each once."""
    from coopbrowse.store.index import Related

    meeting = store.meeting(LUKASHENKO)
    assert meeting is not None
    proposal = next(p for p in meeting.proposals if p.sector == "elevators")
    others = [m for m in store.meetings() if m.id != meeting.id]
    shown = [(p, m) for m in others for p in m.proposals][:12]
    text = text_of(as_renderable(proposal_blocks(proposal, meeting, Related(shown, 2239))), 120)
    assert "Also raised elsewhere: 2,239 proposals, the 12 latest below" in text
    text = text_of(as_renderable(proposal_blocks(proposal, meeting, Related(shown[:1], 9))), 120)
    assert "Also raised elsewhere: 9 proposals, the latest below" in text
    few = [(p, m) for m in others[:2] for p in m.proposals[:1]]
    text = text_of(as_renderable(proposal_blocks(proposal, meeting, Related(few, 2))), 120)
    assert "Also raised elsewhere (2)" in text
    for _p, m in few:  # each place once: on its own line, with its proposal
        assert text.count(meeting_label(m)) == 1


# The app -------------------------------------------------------------------------------------


@pytest.fixture
def app(store: Store, tmp_path: Path) -> CoopBrowseApp:
    return CoopBrowseApp(store, state_path=tmp_path / "state.json", settings=FAST)


async def test_the_proposals_view_names_each_meeting(app) -> None:
    async with app.run_test(size=(220, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press("2")
        await settle(pilot, app)
        main = app.screen
        assert isinstance(main, MainScreen)
        table = main.query_one(RecordTable)
        heads = "".join(s.text for s in table.render_line(0))
        assert "Meeting" in heads
        rows = "\n".join("".join(s.text for s in table.render_line(y)) for y in range(1, 30))
        # two meetings of one day, each by its host beside the date (the day is not said
        # twice: it took the title's room)
        assert re.search(r"2025-10-20 +Lukashenko ", rows) and re.search(
            r"2025-10-20 +Karankevich ", rows
        )
        assert "Karankevich 10-20" not in rows


async def test_down_in_the_search_bar_goes_to_the_list_and_q_then_quits(app) -> None:
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash", *"samara")
        await settle(pilot, app)
        await pilot.press("down")
        await settle(pilot, app)
        main = app.screen
        assert isinstance(main, MainScreen)
        assert app.focused is main.query_one(RecordTable)
        assert main.query_one(SearchBar).value == "samara"
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_at_80_columns_the_footer_keeps_help_export_and_quit(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        footer = app.screen.query_one(KeysFooter)
        shown = " ".join(entry.description for entry in footer.visible_entries())
        assert "Help" in shown and "Export" in shown and "Quit" in shown


async def test_the_cursor_row_comes_back_on_relaunch(store: Store, tmp_path: Path) -> None:
    state_path = tmp_path / "state.json"
    app = CoopBrowseApp(store, state_path=state_path, settings=FAST)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press("j", "j", "j")
        await settle(pilot, app)
        main = app.screen
        assert isinstance(main, MainScreen)
        key = main.rows[main.query_one(RecordTable).cursor].key
        await pilot.press("q")
        await pilot.pause()
    assert json.loads(state_path.read_text())["cursor"] == list(key)
    again = CoopBrowseApp(Store.open(store.path), state_path=state_path, settings=FAST)
    async with again.run_test(size=(160, 50)) as pilot:
        await settle(pilot, again)
        main = again.screen
        assert isinstance(main, MainScreen)
        assert main.rows[main.query_one(RecordTable).cursor].key == key


def test_what_an_export_holds_is_said_in_plain_words(store: Store) -> None:
    """ "0 meetings in full, 1 proposal on its own (1 proposal in all)" (found by a new
    user): only what there is, said once."""
    from coopbrowse.store.export import select
    from coopbrowse.tui.screens.export import export_counts

    meetings = store.meetings()
    one = meetings[0].proposals[0]
    only_proposal = select(meetings, [("proposal", one.id)])
    assert export_counts(only_proposal) == "1 proposal on its own"
    two = select(meetings, [("meeting", meetings[1].id), ("meeting", meetings[2].id)])
    inside = len(meetings[1].proposals) + len(meetings[2].proposals)
    assert export_counts(two) == f"2 meetings in full ({inside} proposals)"
    both = select(meetings, [("meeting", meetings[1].id), ("proposal", one.id)])
    assert export_counts(both) == (
        f"1 meeting in full ({len(meetings[1].proposals)} proposals) and 1 proposal on its own"
    )
    # a proposal selected with its meeting is in the meeting's (the dialog said "the
    # selection (5 records)" and counted four)
    keys = [("meeting", meetings[1].id), ("proposal", one.id)]
    keys.append(("proposal", meetings[1].proposals[0].id))
    keys.append(("proposal", "no-such-meeting-p99"))  # (a selection kept from another day)
    assert export_counts(select(meetings, keys), keys) == (
        f"1 meeting in full ({len(meetings[1].proposals)} proposals) and 1 proposal on its "
        "own; 1 selected proposal's meeting is exported in full"
    )


def test_counts_in_an_export_have_thousands_separators() -> None:
    """The dialog said "4022 meetings in full (21154 proposals)" and the file "Selection:
    3101 meetings" where the CLI said "3,101" (found by a new user): one way everywhere."""
    from coopbrowse.store.export import Selection, to_markdown
    from coopbrowse.store.synth import synth_meetings
    from coopbrowse.tui.screens.export import export_counts

    meetings = synth_meetings(1_001, seed=3)
    sel = Selection(meetings, [])
    within = sum(len(m.proposals) for m in meetings)
    assert export_counts(sel) == f"1,001 meetings in full ({within:,} proposals)"
    head = to_markdown(sel, max_lines=6)
    assert f"Selection: 1,001 meetings, {within:,} proposals." in head


def test_the_export_dialog_says_which_folder_a_file_goes_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name without a folder is written where the app was started, which the dialog did
    not say (a new user wrote 13 MB into a checkout that way): "File (in ~/briefings)"."""
    from coopbrowse.tui.screens.export import _here

    home = tmp_path / "home"
    (home / "briefings").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(home / "briefings")
    assert _here() == "~/briefings"
    monkeypatch.chdir(home)
    assert _here() == "~"
    monkeypatch.chdir(tmp_path)
    assert _here() == str(tmp_path)


async def test_a_name_too_wide_for_its_initial_shows_the_surname(app) -> None:
    """At 80 columns hosts read "A. Lukashen…" in a 12-cell column (found by a new user):
    where the initial and surname do not fit, the surname alone does ("Lukashenko")."""
    from rich.style import Style

    from coopbrowse.tui.blocks import person_cell

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        table = app.screen.query_one(RecordTable)
        cell = person_cell("Aleksandr Lukashenko", None)

        def shown(width: int) -> str:
            segments = table._line([cell], [width], " ", Style())
            return "".join(s.text for s in segments)[2:].rstrip()

        assert shown(20) == "Aleksandr Lukashenko"
        assert shown(14) == "A. Lukashenko"
        assert shown(12) == "Lukashenko"
        assert shown(8) == "Lukashe…"


def test_a_status_from_the_article_is_not_bracketed_twice(store: Store) -> None:
    """A draft's proposal line read "(MTZ; proposed (from the article))" (a new user's
    import); inside the line's brackets it says "proposed, from the article"."""
    from coopbrowse.store.model import describe_status
    from coopbrowse.tui.blocks import proposal_line

    meeting = store.meeting("2025-04-01-penza")
    assert meeting is not None
    proposal = meeting.proposals[0]
    proposal.status, proposal.status_from_article = "proposed", True
    proposal.enterprises = ("MTZ",)
    line = proposal_line(proposal).plain
    assert line.endswith("  (MTZ; proposed, from the article)"), line
    assert describe_status(proposal) == "proposed (from the article)"  # (alone: bracketed)


def test_a_trade_cell_marks_which_way_its_figure_is_qualified() -> None:
    """ "exceeded $300 million" was shown as "~$300M", read as about 300 (a new user)."""
    from coopbrowse.store.model import qualifier_mark

    def cell(qualifier: str) -> str:
        figure = TradeFigure("2024", "turnover", 300.0, qualifier)
        return trade_cell(Meeting("m", "2024-05-01", "R", "T", trade=[figure]))

    assert cell("exceeded") == ">$300M (2024)" and cell("more than") == ">$300M (2024)"
    assert cell("under") == "<$300M (2024)" and cell("less than") == "<$300M (2024)"
    assert cell("nearly") == "~$300M (2024)" and cell("about") == "~$300M (2024)"
    assert cell("") == "$300M (2024)"
    assert qualifier_mark("slightly more than") == ">" and qualifier_mark("up to") == "<"
