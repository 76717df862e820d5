"""The command line: list, show, locate, --version, --help, and its error handling."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import run_cli as run

from coopbrowse.store import Store, __version__
from coopbrowse.tui.cli import main

MEETING_FIELDS = {
    "id",
    "date",
    "place",
    "region",
    "title",
    "summary",
    "participants",
    "trade",
    "exports",
    "imports",
    "source",
    "proposals",
}
PROPOSAL_FIELDS = {
    "id",
    "meeting_id",
    "sector",
    "title",
    "detail",
    "proposed_by",
    "enterprises",
    "status",
}


def test_list_json_has_every_meeting_newest_first_with_the_documented_fields(
    capsys, bundled, store
):
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0
    meetings = json.loads(out)
    assert [m["id"] for m in meetings] == [
        m.id for m in sorted(bundled.meetings, key=lambda m: (m.date, m.id), reverse=True)
    ]
    for m in meetings:
        assert set(m) >= MEETING_FIELDS
        assert {"outlet", "published", "document", "url"} <= set(m["source"])
        for p in m["participants"]:
            assert {"name", "title", "side"} <= set(p)
        for t in m["trade"]:
            assert {
                "period",
                "metric",
                "usd_millions",
                "qualifier",
                "change_pct",
                "stated_by",
            } <= set(t)
        assert m["proposals"], m["id"]
        for p in m["proposals"]:
            assert set(p) >= PROPOSAL_FIELDS
            assert p["meeting_id"] == m["id"]


def test_list_table_shows_regions_and_people(capsys, store):
    code, out, _ = run(capsys, "list")
    assert code == 0
    for text in ("Penza Oblast", "Samara Oblast", "Moscow Oblast", "Zdunov", "Karankevich"):
        assert text in out


def test_a_long_list_is_printed_in_slices_that_read_as_one_table(capsys, monkeypatch, store):
    import coopbrowse.tui.cli as cli

    whole = json.loads(run(capsys, "list", "--json")[1])
    monkeypatch.setattr(cli, "LIST_CHUNK", 2)  # five meetings: three slices
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0 and json.loads(out) == whole
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert out.count("Russian side") == 1 and out.startswith("5 meetings")
    places = [out.index(m["id"]) for m in whole]  # every id whole, in order
    assert places == sorted(places)


def test_a_sliced_lists_ids_are_never_folded_over_two_lines(capsys, monkeypatch, store):
    """Piped, a list of more than 500 meetings (read in slices) gave its id column a
    share of the width, and a long id folded over two lines: no use to ``grep`` or ``cut``.
    Each id is whole on its row's first line."""
    from msgspec.structs import replace

    import coopbrowse.tui.cli as cli
    from coopbrowse.store.dataset import Dataset

    penza = store.meeting("2025-04-01-penza")
    long_id = "2025-04-02-north-ossetia-alania-melnichenko-2"  # (45 characters)
    figure = replace(penza.trade[0], usd_millions=521.8, qualifier="nearly")
    moved = replace(penza, id=long_id, date="2025-04-02", proposals=[], trade=[figure])
    store.merge_dataset(Dataset("", [moved]))
    monkeypatch.setattr(cli, "LIST_CHUNK", 2)  # six meetings: three slices
    code, out, _ = run(capsys, "list")
    assert code == 0
    rows = [line for line in out.splitlines() if re.match(r" \d{4}-\d\d-\d\d ", line)]
    ids = [line.split("│")[-1].strip() for line in rows]
    assert long_id in ids and len(ids) == 6, ids
    assert all(i in {m.id for m in store.meetings()} for i in ids)
    # and at 160 columns the latest trade figure is whole on its line too (a share of the
    # width wrapped "~$521.8M (2024)": 10,000 meetings came out as 16,095 lines)
    monkeypatch.setenv("COLUMNS", "160")
    code, out, _ = run(capsys, "list")
    figures = re.findall(r"~?\$[\d.,]+M \(\d{4}\)", out)
    assert len(figures) == sum(1 for m in store.meetings() if m.trade), out


def test_show_json_round_trips_one_meeting(capsys, store: Store):
    meeting = store.meetings()[-1]
    code, out, _ = run(capsys, "show", meeting.id, "--json")
    assert code == 0
    assert json.loads(out) == meeting.to_dict()


def test_show_text_has_participants_trade_and_source(capsys, store: Store):
    meeting = next(m for m in store.meetings() if m.trade)
    code, out, _ = run(capsys, "show", meeting.id)
    assert code == 0
    assert meeting.title in out.replace("\n", " ") or meeting.title[:30] in out
    assert meeting.host.name in out
    assert "Trade figures" in out
    assert meeting.source.document in out


def test_show_by_proposal_id_shows_its_meeting(capsys, store: Store):
    proposal = store.proposals()[0]
    code, out, _ = run(capsys, "show", proposal.id, "--json")
    assert code == 0
    assert json.loads(out)["id"] == proposal.meeting_id


def test_show_by_proposal_id_says_which_proposal_and_where_else_its_sector_came_up(
    capsys, store: Store
):
    """``show <proposal id>`` printed the meeting alone, the proposal asked for nowhere
    marked: now the proposal first (as the browser's detail shows it: sector, status, the
    proposals of its sector at other meetings), then the whole meeting."""
    proposal = next(p for p in store.proposals() if p.sector == "elevators")
    meeting = store.meeting(proposal.meeting_id)
    assert meeting is not None
    elsewhere = [
        p for p in store.proposals() if p.sector == "elevators" and p.meeting_id != meeting.id
    ]
    assert elsewhere  # (the bundled data raise elevators at several meetings)
    code, out, _ = run(capsys, "show", proposal.id)
    flat = " ".join(out.split())
    assert code == 0
    assert flat.startswith(proposal.title)
    assert "Sector: Elevators" in flat and "Also raised elsewhere" in flat
    assert all(p.title in flat for p in elsewhere[:3])
    proposal_part, meeting_part = flat.split("The whole meeting", 1)
    assert meeting.title in meeting_part and "Participants" in meeting_part
    assert "Participants" not in proposal_part


def test_show_unknown_id_is_a_one_line_error(capsys, store):
    code, out, err = run(capsys, "show", "no-such-meeting")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "no-such-meeting" in err


def test_locate_prints_the_database_and_state_paths(capsys, db_path: Path):
    code, out, _ = run(capsys, "locate")
    assert code == 0
    assert f"database: {db_path}" in out and "from $COOPBROWSE_DB" in out  # (conftest)
    assert "state:" in out
    assert not db_path.exists(), "locate must not create the database"
    assert "from --db" in run(capsys, "--db", "x.json", "locate")[1]


def test_locate_prints_where_the_index_is(capsys, store, monkeypatch) -> None:
    from coopbrowse.store.library import CACHE_ENV, Library, index_home

    home = index_home(store.path)
    assert home is not None
    out = run(capsys, "locate")[1]
    assert f"index:    {home}  (made at the next open;" in out
    Library.open(store.path)
    assert f"index:    {home}  (exists;" in run(capsys, "locate")[1]
    monkeypatch.setenv(CACHE_ENV, "off")
    assert "index:    kept in memory (the cache is off" in run(capsys, "locate")[1]


def test_arguments_that_are_not_utf8_are_a_one_line_error(capsys, store) -> None:
    word = b"x\xff".decode("utf-8", "surrogateescape")  # as Python decodes such argv
    for argv in (["show", word], ["export", "--title", word, "-o", "-"]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "" and err.count("\n") == 1 and "not UTF-8" in err


def test_the_browser_without_a_terminal_is_a_one_line_error(store) -> None:
    exe = Path(sys.executable).with_name("coopbrowse")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "coopbrowse.tui.cli"]
    ran = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30)
    assert ran.returncode == 2 and ran.stdout == ""
    assert ran.stderr.strip() == (
        "coopbrowse: error: the browser needs a terminal; in scripts use a command "
        "(coopbrowse --help)"
    )


def test_db_option_wins_over_environment(capsys, tmp_path: Path):
    other = tmp_path / "other.json"
    assert run(capsys, "--db", str(other), "init", "--empty")[0] == 0
    code, out, _ = run(capsys, "--db", str(other), "list", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "list", "--db", str(other), "--json")
    assert code == 0 and json.loads(out) == []


@pytest.mark.parametrize("command", [["list"], ["show", "x"], ["search", "x"], ["export"]])
def test_a_read_command_never_creates_a_database(capsys, tmp_path: Path, command) -> None:
    missing = tmp_path / "typo.json"
    code, out, err = run(capsys, "--db", str(missing), *command)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "coopbrowse init" in err and not missing.exists()
    code, _out, err = run(capsys, "--db", str(tmp_path / "no-such-dir" / "x.json"), "init")
    assert code == 2 and "does not exist" in err and not (tmp_path / "no-such-dir").exists()
    # in a folder that is not there, init would fail too: the message says so instead
    code, _out, err = run(capsys, "--db", str(tmp_path / "no-such-dir" / "x.json"), *command)
    assert code == 2 and "coopbrowse init" not in err
    assert f"no folder {tmp_path / 'no-such-dir'}" in err


def test_on_a_new_machine_a_read_command_says_to_run_init(
    capsys, tmp_path: Path, monkeypatch
) -> None:
    """The default database's folder is not there on a new machine, and the message said
    there was no folder to create one in, where init creates it (a docs audit)."""
    from coopbrowse.store.paths import default_db_path

    monkeypatch.delenv("COOPBROWSE_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "fresh" / "share"))
    assert not default_db_path().parent.exists()
    code, _out, err = run(capsys, "list")
    assert code == 2 and "create one with `coopbrowse init`" in err
    assert run(capsys, "init")[0] == 0 and default_db_path().is_file()


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "x\x1b]52;c;SGVsbG8=\x07\nsecond line"],
        ["list", "\x1b[31munexpected"],
        ["--db", "db\x1b]0;title\x07.json", "show", "x"],
    ],
)
def test_errors_quoting_what_was_typed_are_one_line_without_controls(
    capsys, argv, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_or_exit(capsys, *argv)
    assert code == 2 and out == ""
    last = err.strip().splitlines()[-1]
    assert re.match(r"coopbrowse( [a-z-]+)?: error: ", last) or last.startswith("usage")
    assert not any(c in err for c in "\x1b\x07")
    assert err.count("\n") == (2 if err.startswith("usage") else 1)


def test_an_import_error_naming_a_hostile_id_is_one_line(capsys, store, tmp_path) -> None:
    meeting = store.meetings()[0].to_dict()
    meeting["id"] = "bad\x1b[31mid\x07\n"
    path = tmp_path / "in.json"
    path.write_text(json.dumps([meeting]))
    code, _out, err = run(capsys, "import", str(path))
    assert code == 2 and err.count("\n") == 1 and "\x1b" not in err and "\x07" not in err
    assert "in.json" in err


def run_or_exit(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_corrupt_database_gives_exit_2_and_one_line(capsys, db_path: Path):
    db_path.write_text('{"meetings": ')
    code, out, err = run(capsys, "list")
    assert code == 2 and out == ""
    assert err.strip().startswith("coopbrowse: error:")
    assert str(db_path) in err and err.count("\n") == 1
    assert db_path.read_text() == '{"meetings": '


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"coopbrowse {__version__}"


@pytest.mark.parametrize("command", [[], ["list"], ["show"], ["locate"]])
def test_every_command_has_help(capsys, command):
    with pytest.raises(SystemExit) as info:
        main([*command, "--help"])
    assert info.value.code == 0
    assert "usage: coopbrowse" in capsys.readouterr().out


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_installed_script_runs_end_to_end(db_path: Path):
    """The console script itself (not just main()): a traceback must never reach the user."""
    db_path.write_bytes(b"\x00\x01 not a database")
    exe = Path(sys.executable).with_name("coopbrowse")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "coopbrowse.tui.cli"]
    bad = subprocess.run([*cmd, "list"], capture_output=True, text=True)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr and str(db_path) in bad.stderr
    db_path.unlink()
    assert subprocess.run([*cmd, "init"], capture_output=True).returncode == 0
    good = subprocess.run([*cmd, "list", "--json"], capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    assert len(json.loads(good.stdout)) == 5


def test_search_results_never_cut_an_id(bundled) -> None:
    """The ids are what `show` and `follow-up` take: at any width each is whole on one line
    (a Mordovia proposal's was cut to "…-karank…", then folded onto two lines, which a
    copy does not take whole), and the dates too; narrow, an id heads its title cell."""
    from rich.console import Console

    from coopbrowse.store.index import SearchIndex
    from coopbrowse.tui.render import NARROW_TABLE, hits_table

    result = SearchIndex.build(bundled.meetings).search("karankevich", limit=None)
    assert any(len(hit.id) > 30 for hit in result.hits)
    for width in (80, 100, NARROW_TABLE - 1, NARROW_TABLE, 160):
        console = Console(width=width, record=True, color_system=None)
        console.print(hits_table(result, width=width))
        lines = console.export_text().splitlines()
        assert all(len(line) <= width for line in lines), width
        for n, hit in enumerate(result.hits, 1):
            assert any(hit.id in line.split("│")[-2] for line in lines if "│" in line), hit.id
            first = next(line for line in lines if line.startswith(f"│ {n:>2} │"))
            assert hit.meeting.date in first, (width, first)  # its row's date, whole
        assert ("Score" in lines[2]) == (width >= NARROW_TABLE), width


def test_list_keeps_ids_and_dates_whole_at_80_columns(capsys, store, monkeypatch) -> None:
    """Piped, the width asked for (``COLUMNS``) is kept; narrow, the list keeps the date,
    region, proposals and id columns, each id and date whole."""
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _err = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert "Russian side" not in out and "Prop." in out
    for m in store.meetings():
        assert any(m.id in line and m.date in line for line in lines), m.id
    monkeypatch.delenv("COLUMNS")
    code, wide, _err = run(capsys, "list")  # piped with no width asked: room for all
    assert code == 0 and "Russian side" in wide


@pytest.mark.parametrize("width", [80, 100, 160])
def test_the_follow_up_list_keeps_ids_and_dates_whole(capsys, store, monkeypatch, width) -> None:
    """The id a follow-up list shows is what the next command takes: whole at any width,
    as its date; narrow, the sector goes, then the age and the region, and the title gives
    way."""
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, _err = run(capsys, "follow-up", "--list")
    assert code == 0
    lines = out.splitlines()
    assert all(len(line) <= width for line in lines)
    for m in store.meetings():  # (the longest bundled id is 35 characters)
        for p in m.proposals:
            assert any(p.id in line and m.date in line for line in lines), (width, p.id)
    assert ("Sector" in out) == (width >= 130)  # (what fits the bundled data's columns)
    assert ("Region" in out) == (width >= 100)


def test_a_narrow_follow_up_list_still_shows_each_id_whole(capsys, store, monkeypatch) -> None:
    """At 40 columns the ID column was squeezed to nothing (found by a trial): the status
    and the date go too, and the title gives way to the id."""
    monkeypatch.setenv("COLUMNS", "40")
    code, out, _err = run(capsys, "follow-up", "--list")
    assert code == 0 and all(len(line) <= 40 for line in out.splitlines())
    for p in store.proposals():
        assert any(p.id in line for line in out.splitlines()), p.id


def test_the_browser_launches_without_the_commands_parser(monkeypatch, tmp_path) -> None:
    """``coopbrowse`` and ``coopbrowse --db PATH`` open the browser without building the
    parser of every command; anything else is still read by it (and its errors)."""
    from coopbrowse.tui import cli

    launched: list[Path] = []
    monkeypatch.setattr(cli, "launch", lambda db: launched.append(db) or 0)
    build = cli.build_parser
    monkeypatch.setattr(cli, "build_parser", lambda: pytest.fail("the parser was built"))
    db = tmp_path / "mine.json"
    assert cli.main([]) == 0 and cli.main(["--db", str(db)]) == 0
    assert launched == [cli.resolve_db_path(None), db]
    monkeypatch.setattr(cli, "build_parser", build)
    with pytest.raises(SystemExit) as missing:
        cli.main(["--db"])  # no value: argparse's one-line error
    assert missing.value.code == 2
    assert cli.main(["--db", str(db), "locate"]) == 0 and len(launched) == 2


def test_an_unknown_long_option_is_an_error_not_a_query_word(capsys, store) -> None:
    """``-penza`` is a query word (not Penza); ``--out`` is a slip for ``--output``, said as
    such (it was read as words of the query, which then "selected nothing")."""
    with pytest.raises(SystemExit) as stopped:
        run(capsys, "export", "--out", "brief.md", "region:samara")
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert "coopbrowse export: error: no option --out (its options:" in err and "--output" in err
    assert "usage: coopbrowse export" in err  # the command's own usage
    code, out, _err = run(capsys, "search", "elevator", "-penza")
    assert code == 0 and "penza" not in out.lower()


def test_search_limit_0_is_all_as_for_follow_up(capsys, store) -> None:
    """``search --limit 0`` was an error where ``follow-up --list --limit 0`` is all (found
    by a new user): 0 is all for both; a negative limit is an error naming both readings."""
    code, out, _err = run(capsys, "search", "cooperation", "--json", "--limit", "1")
    assert code == 0
    total = json.loads(out)["total"]
    assert total > 1
    code, out, _err = run(capsys, "search", "cooperation", "--json", "--limit", "0")
    found = json.loads(out)
    assert code == 0 and found["total"] == total == len(found["hits"])
    code, out, err = run(capsys, "search", "cooperation", "--limit", "-1")
    assert code == 2 and err == "coopbrowse: error: --limit must be 0 (all) or more, not -1\n"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["list", "--bogus"], "coopbrowse list: error: no option --bogus (its options: --db,"),
        (["list", "extra"], "coopbrowse list: error: unexpected argument 'extra'"),
        (["show", "a", "b"], "coopbrowse show: error: unexpected argument 'b'"),
        (["history", "--jsn", "x"], "coopbrowse history: error: no option --jsn"),
    ],
)
def test_what_a_command_does_not_take_is_said_with_its_own_usage(
    capsys, store, argv: list[str], said: str
) -> None:
    """Not the top-level usage and "unrecognized arguments" (which command's?)."""
    with pytest.raises(SystemExit) as stopped:
        run(capsys, *argv)
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert said in err and f"usage: coopbrowse {argv[0]} " in err and len(err.splitlines()) <= 6


@pytest.mark.parametrize("argv", [["--bogus"], ["--db", "x.json", "--bogus"]])
def test_an_option_no_command_takes_is_named_with_where_to_look(capsys, argv: list[str]) -> None:
    """``coopbrowse --bogus`` said "unrecognized arguments": now which option, the top
    level's own, and where a command's are listed."""
    with pytest.raises(SystemExit) as stopped:
        run(capsys, *argv)
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert "coopbrowse: error: no option --bogus (its options: --db, --help, --version;" in err
    assert "coopbrowse COMMAND --help" in err and "unrecognized" not in err


@pytest.mark.parametrize(
    "command", [["list", "--json"], ["list"], ["search", "cooperation"], ["show", "--json", "X"]]
)
def test_a_reader_that_stops_early_ends_the_command_quietly(
    tmp_path: Path, command: list[str]
) -> None:
    """``coopbrowse list | head -1`` exited with status 1 (Rich's exit), and ``coopbrowse
    list --json | head -1`` with 120 when the reader left after the last write (Python
    failing to flush the rest at its exit; the output is now flushed where that is caught):
    a reader that has read what it wanted is not an error. Here the reader is gone before
    the first byte, so every write finds it gone."""
    import os

    from coopbrowse.store.synth import synth_meetings

    db = tmp_path / "big.json"
    meetings = synth_meetings(300, seed=2)
    Store.open(db, seed=False).put_meetings(meetings)
    argv = [meetings[0].id if word == "X" else word for word in command]
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "coopbrowse.tui.cli", "--db", str(db), *argv],
            stdout=write,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
        )
    finally:
        os.close(write)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""


@pytest.mark.parametrize(
    "command", [["list"], ["show", "2025-04-01-penza"], ["search", "elevator"], ["history", "x"]]
)
def test_piped_output_has_no_padding_at_the_ends_of_its_lines(
    capsys, store: Store, monkeypatch, command: list[str]
) -> None:
    """Piped, a title was padded with spaces to the table's width and a wrapped summary
    kept the space it wrapped at: grep and diff saw them."""
    monkeypatch.delenv("COLUMNS", raising=False)
    if command[0] == "history":
        store.follow_up("2025-04-01-penza-p01", status="agreed", date="2025-06-01")
        command = ["history", "2025-04-01-penza"]
    code, out, _err = run(capsys, *command)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) >= 3 and lines[0].strip()
    assert [line for line in lines if line != line.rstrip()] == []
    if command[0] == "show":  # the summary still wraps where it did, on a word
        summary = lines[lines.index("Summary") + 1 :]
        assert len(summary[0]) > 100 and summary[1]


def test_import_article_exits_as_its_help_says_for_a_draft_that_cannot_be_saved(
    capsys, tmp_path: Path, store: Store
) -> None:
    """Its help said 2 for a draft that cannot be saved, where it exits 0 unless asked to
    save (--yes), as docs/extraction.md says: the help now says so too."""
    article = tmp_path / "a.txt"
    article.write_text(  # (no date: a draft that cannot be saved as it stands)
        "The sides discussed cooperation in general terms and agreed to meet again soon to "
        "talk about trade.\n",
        encoding="utf-8",
    )
    before = store.path.read_bytes()
    assert run(capsys, "import-article", str(article))[0] == 0
    code, _out, err = run(capsys, "import-article", str(article), "--yes")
    assert code == 2 and "date: is required" in err
    assert store.path.read_bytes() == before
    with pytest.raises(SystemExit):
        run(capsys, "import-article", "--help")
    said = " ".join(capsys.readouterr().out.split())
    assert "with --yes, also 2 for a draft that cannot be saved as it stands" in said


@pytest.mark.parametrize(
    "argv",
    [["--db", "~nosuchuser/db.json", "list"], ["import-article", "~nosuchuser/x.txt"]],
)
def test_a_home_of_no_user_is_one_line(capsys, argv) -> None:
    """``~nosuchuser/…`` was a traceback (Python cannot expand it): one line, exit 2."""
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert err.startswith("coopbrowse: error: ~nosuchuser/")
    assert err.endswith(": no home directory for that ~user\n")


def test_type_takes_the_plural_as_the_query_language_does(capsys, store) -> None:
    """`--type meetings` was refused, where `type:meetings` in a query is taken."""
    singular = run(capsys, "search", "elevator", "--type", "meeting", "--json")
    plural = run(capsys, "search", "elevator", "--type", "Meetings", "--json")
    assert singular[0] == plural[0] == 0 and singular[1] == plural[1]
    assert {r["kind"] for r in json.loads(plural[1])["hits"]} == {"meeting"}
    code, _out, err = run(capsys, "export", "elevator", "--type", "proposals", "-o", "-")
    assert code == 0, err
    with pytest.raises(SystemExit) as stopped:
        main(["search", "elevator", "--type", "records"])
    assert stopped.value.code == 2 and "invalid choice: 'records'" in capsys.readouterr().err


def test_an_exclusion_that_leaves_nothing_out_is_warned_of(capsys, store, tmp_path) -> None:
    """``-region:samra`` (a slip) excludes nothing: search says so above its results (and
    in its JSON), export on stderr beside what it wrote, which has Samara's records in."""
    query = "sector:elevators -region:samra"
    said = "“-region:samra” leaves nothing out: no region here is called samra."
    code, out, _err = run(capsys, "search", query)
    assert code == 0 and out.startswith(said) and "Did you mean -region:samara?" in out
    code, out, _err = run(capsys, "search", query, "--json")
    assert json.loads(out)["hint"].startswith(said)
    code, out, _err = run(capsys, "search", "sector:elevators -region:samara", "--json")
    assert json.loads(out)["hint"] == ""
    brief = tmp_path / "brief.md"
    code, _out, err = run(capsys, "export", "-o", str(brief), query)
    assert code == 0 and err.startswith(f"coopbrowse: warning: {said}")
    assert "Samara" in brief.read_text(encoding="utf-8")


def test_a_search_titles_its_counts_with_thousands_separators(store) -> None:
    """ "21561 results (showing 3)", where every other count says "21,783" (found by a new
    user at 100k)."""
    from coopbrowse.store.index import SearchResult
    from coopbrowse.store.library import Library
    from coopbrowse.tui.render import hits_table

    hits = Library.open(store.path).index.search("elevator", limit=2).hits  # (real ones)
    table = hits_table(SearchResult("elevator", hits, 21561))
    assert str(table.title) == "21,561 results (showing 2)"
