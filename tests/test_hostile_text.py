"""Hostile record text, end to end: whatever a record holds (any Unicode, terminal escape
codes, Rich markup, Markdown and HTML, huge numbers), importing it either succeeds or fails
in one line, and then `show`, `search`, `export` and the app's screen print it literally:
no raw control character, no markup interpreted, no traceback, exit status 0, 1 or 2."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from helpers import FAST, settle
from helpers import run_cli as run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopbrowse.store import Store
from coopbrowse.store.dataset import load_bundled
from coopbrowse.tui.app import CoopBrowseApp
from coopbrowse.tui.cli import main

# What must never reach a terminal from data: C0 controls (but newline), DEL, C1 controls
# (ESC [ and CSI \x9b among them), bidi overrides.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
MARK = "[bold]MARK[/bold]"  # Rich markup that must show as typed

HOSTILE = st.sampled_from(
    [
        "\x1b]52;c;SGVsbG8=\x07",
        "\x1b[31mred\x1b[0m",
        "\x9b2J",
        "[@click=app.quit]quit[/]",
        "[bold red]x",
        "[/]",
        "<script>alert(1)</script>",
        "# heading\n- item\n| a | b |",
        "\u202eevil",
        "\u061c\u2060\ufeff\U000e0041 hidden",
        "line\r\nbreak",
        "\x00\x08\x7f",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=30), HOSTILE), max_size=3).map("".join)
AMOUNT = st.one_of(
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
)


def _template() -> dict[str, Any]:
    return load_bundled().meetings[0].to_dict()


TEMPLATE = _template()


def hostile_meeting(texts: list[str], amount: Any) -> dict[str, Any]:
    m = copy.deepcopy(TEMPLATE)
    m["id"] = "2030-01-01-hostile"
    m["date"] = "2030-01-01"
    m["title"] = f"{MARK} {texts[0]}"
    m["summary"] = texts[1]
    m["place"] = texts[2]
    m["participants"][0]["name"] = texts[3] or "Someone"
    m["source"]["url"] = "https://example.org/" + texts[4]
    m["source"]["outlet"] = texts[5]
    m["trade"] = [{"period": "2024", "metric": "turnover", "usd_millions": amount}]
    m["proposals"] = [copy.deepcopy(TEMPLATE["proposals"][0])]
    p = m["proposals"][0]
    p["id"], p["meeting_id"] = f"{m['id']}-p01", m["id"]
    p["title"], p["detail"], p["enterprises"] = texts[6] or "x", texts[7], [texts[8]]
    return m


def clean(code: int, out: str, err: str, allowed: tuple[int, ...] = (0, 2)) -> None:
    assert code in allowed, err
    assert "Traceback" not in err
    assert not RAW.search(out), repr(RAW.search(out))
    assert not RAW.search(err), repr(RAW.search(err))
    assert code == 0 or err.count("\n") == 1


def _dumps(meeting: dict[str, Any]) -> str:
    try:
        return json.dumps([meeting], ensure_ascii=False)
    except (ValueError, OverflowError):  # nothing a user could have written
        return "[]"


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts=st.lists(TEXT, min_size=9, max_size=9), amount=AMOUNT)
def test_hostile_records_through_the_command_line(
    capsys, tmp_path_factory, texts: list[str], amount: Any
) -> None:
    here = tmp_path_factory.mktemp("hostile")
    db = here / "db.json"
    Store.open(db)
    meeting = hostile_meeting(texts, amount)
    source = here / "in.json"
    source.write_text(_dumps(meeting), encoding="utf-8")
    code, out, err = run(capsys, "--db", str(db), "import", str(source))
    clean(code, out, err)
    if code != 0 or meeting["id"] not in {m.id for m in Store(db).meetings()}:
        return
    code, out, err = run(capsys, "--db", str(db), "show", meeting["id"])
    clean(code, out, err)
    assert MARK in out  # markup shown as typed
    code, out, err = run(capsys, "--db", str(db), "search", "MARK")
    clean(code, out, err, (0, 1))
    code, out, err = run(capsys, "--db", str(db), "show", meeting["id"], "--json")
    clean(code, out, err)
    assert json.loads(out)["title"] == meeting["title"]
    code, out, err = run(capsys, "--db", str(db), "export", "--ids", meeting["id"], "-o", "-")
    clean(code, out, err)
    # no tag and no heading of the record's: "<" before a tag name is always escaped
    assert re.search(r"(?<!\\)<script>", out) is None and "\n# heading" not in out


def imported(tmp_path: Path, texts: list[str]) -> tuple[Store, dict[str, Any]]:
    """A database holding the hostile meeting made of ``texts``, imported by the CLI."""
    db = tmp_path / "db.json"
    store = Store.open(db)
    meeting = hostile_meeting(texts, 12.5)
    source = tmp_path / "in.json"
    source.write_text(json.dumps([meeting]), encoding="utf-8")
    assert main(["--db", str(db), "import", str(source)]) == 0
    return store, meeting


async def test_hostile_record_on_the_app_screen(tmp_path: Path) -> None:
    texts = [
        "\x1b]52;c;SGVsbG8=\x07 [@click=app.quit]quit[/]",
        "\x9b2J summary",
        "[red]place",
        "Ivan \x1b[31mRed",
        "\x07",
        "<b>outlet</b>",
        "[bold]proposal[/bold] \u202eevil",
        "detail\r\nline",
        "[@click=app.bell]ent[/]",
    ]
    store, _meeting = imported(tmp_path, texts)
    app = CoopBrowseApp(store, state_path=tmp_path / "state.json", settings=FAST)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        screen = screen_text(app.export_screenshot())  # what the terminal shows
        assert app.is_running
        for shown in (MARK, "[@click=app.quit]quit[/]", "[red]place", "Ivan ␛[31mRed"):
            assert shown in screen, shown
        assert not RAW.search(screen)


async def test_a_hostile_region_name_in_the_no_results_hint(tmp_path: Path) -> None:
    """A query that finds nothing may be told which stored region it meant: the stored
    name, escape codes and all, reached the terminal in the list's message (a review)."""
    from coopbrowse.store.model import Meeting
    from coopbrowse.tui.screens.main import MainScreen
    from coopbrowse.tui.widgets.record_table import RecordTable

    store = Store.open(tmp_path / "db.json")
    data = {**TEMPLATE, "region": "Moscowgrad\x1b]0;pwned\x1b\\\x1b[2J"}
    data["proposals"] = []
    store.put_meetings([Meeting.from_dict(data)], update=True)
    app = CoopBrowseApp(store, state_path=tmp_path / "state.json", settings=FAST)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash")
        main_screen = app.screen
        assert isinstance(main_screen, MainScreen)
        main_screen.query_one("#search").input.value = "region:moscow"
        await settle(pilot, app)
        table = main_screen.query_one(RecordTable)
        assert table.row_count == 0 and "Moscowgrad" in table.empty_message
        screen = screen_text(app.export_screenshot())
        assert "Moscowgrad␛]0;pwned" in screen
        assert not RAW.search(screen)
        lines = "".join(s.text for y in range(8) for s in table.render_line(y))
        assert "Moscowgrad" in lines and not RAW.search(lines)


def screen_text(svg: str) -> str:
    """The text of a screenshot, line by line (spans of one line joined in order)."""
    import html

    lines: dict[int, list[str]] = {}
    for line, content in re.findall(r'clip-path="url\(#terminal-\d+-line-(\d+)\)">([^<]*)<', svg):
        lines.setdefault(int(line), []).append(html.unescape(content).replace("\xa0", " "))
    return "\n".join("".join(parts) for _n, parts in sorted(lines.items()))


async def test_hostile_record_in_the_meeting_form(tmp_path: Path) -> None:
    """The edit form put a record's text into its fields raw, and the fields sent it to the
    terminal: a clipboard write (OSC 52), a clear screen, text reversed. Every field shows
    stand-ins (``␛``), and a save with the fields untouched keeps the record as it was; a
    field edited keeps what it shows."""
    from textual.widgets import Input, TextArea

    from coopbrowse.store.model import Meeting
    from coopbrowse.tui.screens.form import EditScreen

    texts = [
        "\x1b]52;c;SGVsbG8=\x07 title",
        "\x9b2J summary\nline two",
        "Minsk \x1b[2J",
        "Ivan \x1b[31mRed",
        "x",
        "outlet \u202eevil",
        "proposal \x1b[31mred",
        "detail \x1b]8;;https://evil.example\x1b\\link",
        "Enterprise \u2066x",
    ]
    store, meeting = imported(tmp_path, texts)
    stored = store.meeting(meeting["id"])
    assert stored is not None
    app = CoopBrowseApp(store, state_path=tmp_path / "state.json", settings=FAST)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot, app)
        form = EditScreen(stored, store)
        await app.push_screen(form)
        await settle(pilot, app)
        shown = [w.value for w in form.query(Input)] + [a.text for a in form.query(TextArea)]
        assert not [s for s in shown if RAW.search(s.replace("\n", ""))]
        assert form.query_one("#f-title", Input).value.endswith("␛]52;c;SGVsbG8=␇ title")
        data, _where = form.collect()
        assert Meeting.from_dict(data).to_dict() == stored.to_dict()  # untouched: as stored
        place = form.query_one("#f-place", Input)
        place.focus()
        place.cursor_position = len(place.value)
        await pilot.press("end", "!")
        data, _where = form.collect()
        assert data["place"] == "Minsk ␛[2J!"  # edited: what it showed, and the key
        assert data["title"] == stored.title


async def test_an_article_pasted_with_control_characters_shows_none(tmp_path: Path) -> None:
    """Pasted into the article box, a page's escape codes reached the terminal: they are
    dropped (drafting drops them too)."""
    from textual.events import Paste
    from textual.widgets import TextArea

    store = Store.open(tmp_path / "db.json")
    app = CoopBrowseApp(store, state_path=tmp_path / "state.json", settings=FAST)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("i")
        await settle(pilot, app)
        area = app.screen.query_one("#article-text", TextArea)
        area.focus()
        await pilot.pause()
        area.post_message(Paste("Lukashenko met \x1b[2Jthe governor\r\nof Omsk \u202eOblast."))
        await settle(pilot, app)
        assert area.text == "Lukashenko met [2Jthe governor\nof Omsk Oblast."
        # a terminal pastes a line break as a carriage return: a line break still
        area.clear()
        area.post_message(Paste("Headline\rFirst paragraph.\r\rSecond."))
        await settle(pilot, app)
        assert area.text == "Headline\nFirst paragraph.\n\nSecond."
        # and the other ways a line ends (Word's manual break, NEL, the Unicode separators)
        area.clear()
        area.post_message(Paste("governor.\vPenza\x85Oblast\u2028and\u2029Minsk\fend"))
        await settle(pilot, app)
        assert area.text == "governor.\nPenza\nOblast\nand\nMinsk\nend"


async def test_a_crafted_state_file_puts_no_control_character_on_the_screen(
    tmp_path: Path,
) -> None:
    """The last query and the query history come back from the state file, which anyone
    can write: they went into the search bar raw (a clipboard write, a clear screen). They
    show as stand-ins, restored or recalled."""
    from coopbrowse.tui.widgets.search_bar import SearchBar

    store = Store.open(tmp_path / "db.json")
    state = tmp_path / "state.json"
    state.write_text(
        json.dumps(
            {
                "query": "evil \x1b]52;c;U1RBVEU=\x07 \x1b[2J [@click=app.quit]Q",
                "history": ["hist \x1b]52;c;SElTVA==\x07 \u202eRTL", "evil"],
            }
        ),
        encoding="utf-8",
    )
    app = CoopBrowseApp(store, state_path=state, settings=FAST)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        bar = app.screen.query_one(SearchBar).input
        assert bar.value == "evil ␛]52;c;U1RBVEU=␇ ␛[2J [@click=app.quit]Q"
        assert not RAW.search(screen_text(app.export_screenshot()))
        bar.focus()
        await pilot.press("ctrl+u", "up", "up")
        await settle(pilot, app)
        assert not RAW.search(bar.value) and "hist ␛]52" in bar.value, bar.value
        assert not RAW.search(screen_text(app.export_screenshot()))
        assert app.is_running


def test_a_text_box_keeps_a_records_line_breaks_as_line_breaks() -> None:
    """A summary written with \\r\\n line ends showed a stand-in (␍) at each, saved
    with the text once a word of it was edited."""
    from coopbrowse.tui.widgets.inputs import Shown

    shown = Shown("first line\r\nsecond \x1b[31m")
    assert shown.shown == "first line\nsecond ␛[31m"
    assert shown.given(shown.shown) == "first line\r\nsecond \x1b[31m"  # untouched: as stored
    assert shown.given("first line\nsecond, edited") == "first line\nsecond, edited"


def test_a_one_line_field_shows_line_breaks_as_arrows_and_keeps_a_literal_arrow() -> None:
    """A one-line field shows a record's line break as ↵ and saves it as a line break once
    edited; in a text without line breaks a ↵ is the character, kept as typed."""
    from coopbrowse.tui.widgets.inputs import Shown

    lines = Shown("a\r\nb\tc\x1b[31m", newlines=False)
    assert lines.shown == "a↵b c␛[31m"
    assert lines.given(lines.shown) == "a\r\nb\tc\x1b[31m"  # untouched: as stored
    assert lines.given(lines.shown + "!") == "a\nb c␛[31m!"
    arrow = Shown("Press ↵ to confirm", newlines=False)
    assert arrow.given(arrow.shown + "!") == "Press ↵ to confirm!"


async def test_a_paste_with_an_invisible_character_leaves_the_cursor_after_it(
    tmp_path: Path,
) -> None:
    """Pasted into the search bar, "Penza\u200e" became "Penza<U+200E>" with the cursor
    after "Penza<": the next keys went inside the stand-in ("Penza< oblU+200E>")."""
    from textual.events import Paste

    from coopbrowse.tui.widgets.search_bar import SearchBar

    store = Store.open(tmp_path / "db.json")
    app = CoopBrowseApp(store, state_path=tmp_path / "state.json", settings=FAST)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app)
        await pilot.press("slash")
        bar = app.screen.query_one(SearchBar).input
        bar.post_message(Paste("Penza\u200e"))
        await pilot.pause()
        await pilot.press("space", "o", "b", "l")
        await pilot.pause()
        assert bar.value == "Penza<U+200E> obl"
