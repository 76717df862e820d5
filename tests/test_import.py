"""`coopbrowse import FILE...`: JSON and YAML records, all or nothing, skip or --update,
--dry-run, and one-line errors naming the file, the record and the field."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from helpers import run_cli as run

from coopbrowse.store import Store
from coopbrowse.store.synth import synth_meetings
from coopbrowse.tui.cli import main

ERR = "coopbrowse: error: "


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def new_meetings(n: int, seed: int = 5) -> list[dict[str, Any]]:
    """Meetings that are not in the bundled data, as `list --json` prints them."""
    return [m.to_dict() for m in synth_meetings(n, seed=seed)]


def exported(capsys: pytest.CaptureFixture[str], *db: str) -> list[dict[str, Any]]:
    """The meetings of a database (a new one, with the bundled meetings, if missing)."""
    path = Path(db[-1]) if db else Path(os.environ["COOPBROWSE_DB"])
    if not path.exists():
        run(capsys, *db, "init")
    code, out, _ = run(capsys, *db, "list", "--json")
    assert code == 0
    return json.loads(out)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from tmp_path, so files are named as a user types them (``meetings.json``)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def assert_one_line_error(code: int, out: str, err: str, message: str) -> None:
    assert code == 2
    assert out == ""
    assert err == f"{ERR}{message}\n"


# Accepted shapes -----------------------------------------------------------------------


def test_imports_a_list_json_array_with_nested_proposals(capsys, here: Path, store: Store):
    records = new_meetings(2)
    write_json(here / "new.json", records)
    code, out, err = run(capsys, "import", "new.json")
    assert (code, err) == (0, "")
    assert out == "imported new.json: 2 added, 0 updated, 0 skipped\n"
    reopened = Store.open(store.path)
    for record in records:
        assert reopened.meeting(record["id"]).to_dict() == record
    assert len(reopened.meetings()) == 5 + 2


def test_a_region_that_is_no_known_one_is_imported_with_a_warning(capsys, here: Path, store: Store):
    """ "Samra Oblast" was imported without a word and became a region of its own (found by
    a new user): it is imported as written (a name the table lacks may be right), and a
    line on stderr names the region it is likely a slip for."""
    slip, odd, known = new_meetings(3)
    slip["region"], odd["region"], known["region"] = "Samra Oblast", "Atlantis", "Kursk"
    write_json(here / "new.json", [slip, odd, known])
    code, out, err = run(capsys, "import", "new.json")
    assert code == 0 and out == "imported new.json: 3 added, 0 updated, 0 skipped\n"
    lines = err.splitlines()
    assert len(lines) == 2, err
    assert lines[0].startswith("coopbrowse: warning: new.json: record 1 (")
    assert lines[0].endswith(
        'region "Samra Oblast" is no region we know: did you mean Samara Oblast?'
    )
    assert "record 2" in lines[1] and '"Atlantis" is none of the 89 federal subjects' in lines[1]
    assert Store.open(store.path).meeting(slip["id"]).region == "Samra Oblast"


def test_imports_the_dataset_shape_and_a_single_meeting_object(capsys, here: Path, store: Store):
    first, second = new_meetings(2)
    write_json(here / "dataset.json", {"dataset_version": "x", "meetings": [first]})
    write_json(here / "one.json", second)
    code, out, _ = run(capsys, "import", "dataset.json", "one.json")
    assert code == 0
    assert out.splitlines() == [
        "imported dataset.json: 1 added, 0 updated, 0 skipped",
        "imported one.json: 1 added, 0 updated, 0 skipped",
    ]
    assert store.meeting(first["id"]) and store.meeting(second["id"])


def test_proposals_without_meeting_id_belong_to_their_meeting(capsys, here: Path, store: Store):
    record = new_meetings(1)[0]
    for proposal in record["proposals"]:
        del proposal["meeting_id"]
    write_json(here / "bare.json", [record])
    assert run(capsys, "import", "bare.json")[0] == 0
    meeting = store.meeting(record["id"])
    assert len(meeting.proposals) == len(record["proposals"]) > 0
    assert {p.meeting_id for p in meeting.proposals} == {record["id"]}
    assert store.proposal(record["proposals"][0]["id"]).meeting_id == record["id"]


# Validation: the file, the record and the field ------------------------------------------


def test_a_bad_field_is_named_by_file_record_and_path(capsys, here: Path, store: Store):
    records = exported(capsys)
    assert records[2]["id"] == "2025-07-21-samara"
    records[2]["trade"] = [{"period": "2024", "metric": "turnover", "usd_millions": "a lot"}]
    write_json(here / "meetings.json", records)
    before = store.path.read_bytes()
    code, out, err = run(capsys, "import", "meetings.json")
    assert_one_line_error(
        code,
        out,
        err,
        "meetings.json: record 3 (2025-07-21-samara): trade[0].usd_millions: "
        "expected a number, got 'a lot'",
    )
    assert store.path.read_bytes() == before


@pytest.mark.parametrize(
    ("where", "path"),
    [("source", "source.url"), ("follow-up", "proposals[0].follow_up[0].url")],
)
def test_an_address_that_is_not_a_web_one_is_refused(
    capsys, here: Path, store: Store, where: str, path: str
):
    """``import`` took ``javascript:alert(1)`` as a source address (the follow-up form
    already refused ``ftp://``): a source or follow-up address must be http(s)."""
    records = exported(capsys)
    record = records[2]
    if where == "source":
        record["source"]["url"] = "javascript:alert(1)"
    else:
        record["proposals"][0]["follow_up"] = [
            {"date": "2025-09-01", "status": "agreed", "url": "javascript:alert(1)"}
        ]
    write_json(here / "meetings.json", [record])
    before = store.path.read_bytes()
    code, out, err = run(capsys, "import", "meetings.json", "--update")
    assert_one_line_error(
        code,
        out,
        err,
        f"meetings.json: record 1 (2025-07-21-samara): {path}: expected an http(s) address, "
        "got 'javascript:alert(1)'",
    )
    assert store.path.read_bytes() == before


def test_the_file_is_named_as_given(capsys, tmp_path: Path):
    path = write_json(tmp_path / "sub.json", [{"id": "2025-01-01-x", "region": "Penza Oblast"}])
    code, out, err = run(capsys, "import", str(path))
    assert_one_line_error(
        code, out, err, f"{path}: record 1 (2025-01-01-x): date: is required (a date YYYY-MM-DD)"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "notes.json",
            [
                {
                    "id": "2025-01-01-x",
                    "date": "2025-01-01",
                    "region": "R",
                    "title": "T",
                    "proposals": [
                        {"id": "p", "sector": "elevators", "title": "T", "meeting_id": "other"}
                    ],
                }
            ],
            "record 1 (2025-01-01-x): proposals[0].meeting_id: 'other' does not match its "
            "meeting '2025-01-01-x'",
        ),
        ("list.json", ["a string"], "record 1: expected an object, got a string"),
        # an empty value of the wrong kind was taken for an absent one, without a word
        (
            "source.json",
            [
                {
                    "id": "2025-01-01-x",
                    "date": "2025-01-01",
                    "region": "R",
                    "title": "T",
                    "source": [],
                }
            ],
            "record 1 (2025-01-01-x): source: expected an object, got a list",
        ),
        (
            "history.json",
            [
                {
                    "id": "2025-01-01-x",
                    "date": "2025-01-01",
                    "region": "R",
                    "title": "T",
                    "history": 0,
                }
            ],
            "record 1 (2025-01-01-x): history: expected a list, got a number",
        ),
        # a field no record has would be dropped without a word: named, at any depth
        (
            "typo.json",
            [
                {
                    "id": "2025-01-01-x",
                    "date": "2025-01-01",
                    "region": "R",
                    "title": "T",
                    "propsals": [{"sector": "elevators", "title": "Lifts"}],
                }
            ],
            "record 1 (2025-01-01-x): propsals: no such field (a meeting has date, "
            "date_inferred, date_note, exports, history, id, imports, notes, participants, "
            "place, place_note, proposals, region, source, summary, title, trade)",
        ),
        (  # a misspelt required field is named as written, not as the one missing
            "usd.json",
            [
                {
                    "id": "2025-01-01-x",
                    "date": "2025-01-01",
                    "region": "R",
                    "title": "T",
                    "trade": [{"period": "2024", "metric": "turnover", "usd_milions": 5}],
                }
            ],
            "record 1 (2025-01-01-x): trade[0].usd_milions: no such field (a trade figure has "
            "change_basis, change_pct, metric, note, period, qualifier, stated_by, "
            "usd_millions)",
        ),
        (  # a change's time and id are printed: escape codes there reached the terminal
            "hist.json",
            [
                {
                    "id": "2025-01-01-x",
                    "date": "2025-01-01",
                    "region": "R",
                    "title": "T",
                    "history": [
                        {
                            "id": "h-1",
                            "meeting_id": "2025-01-01-x",
                            "at": "\x1b[2Jnot a time",
                            "origin": "edit",
                            "changes": [{"path": "title", "old": "a", "new": "b"}],
                        }
                    ],
                }
            ],
            "record 1 (2025-01-01-x): history[0].at: expected a time like 2026-01-05T10:00:00Z, "
            "got '\\x1b[2Jnot a time'",
        ),
        (
            "nested.json",
            [
                {
                    "id": "2025-01-01-x",
                    "date": "2025-01-01",
                    "region": "R",
                    "title": "T",
                    "proposals": [
                        {
                            "id": "p",
                            "sector": "elevators",
                            "title": "T",
                            "follow_up": [
                                {"date": "2025-02-01", "status": "agreed", "comment": "signed"}
                            ],
                        }
                    ],
                }
            ],
            "record 1 (2025-01-01-x): proposals[0].follow_up[0].comment: no such field (a "
            "follow-up has confirms, date, note, status, url)",
        ),
        (
            "ids.json",
            [{"id": "Bad Id", "date": "2025-01-01", "region": "R", "title": "T"}],
            "record 1 (Bad Id): id: expected lower-case letters, digits and '-', got 'Bad Id'",
        ),
    ],
)
def test_record_errors(capsys, here: Path, name: str, content: Any, message: str):
    write_json(here / name, content)
    code, out, err = run(capsys, "import", name)
    assert_one_line_error(code, out, err, f"{name}: {message}")


# Bad files: one line naming the file, exit 2, nothing written ----------------------------

BAD_FILES: dict[str, tuple[str, bytes | None, str]] = {
    "invalid json": (
        "bad.json",
        b'[{"id": "x",}]',
        "bad.json: data is not valid JSON: trailing comma is not allowed (line 1, column 12)",
    ),
    "truncated json": (
        "cut.json",
        b'[\n  {"id": "2025-01-01-x",\n',
        "cut.json: data is not valid JSON: unexpected end of data (line 3, column 1); "
        "the file looks truncated",
    ),
    "invalid yaml": (
        "bad.yaml",
        b"- id: 2025-01-01-x\n  title: [unclosed\n  region: Penza\n",
        "bad.yaml: data is not valid YAML: expected ',' or ']', but got ':' (line 3, column 9)",
    ),
    "yaml tab": (
        "tab.yml",
        b"- id: x\n\ttitle: T\n",
        "tab.yml: data is not valid YAML: found character '\\t' that cannot start any token "
        "(line 2, column 1)",
    ),
    "yaml control character": (
        "ctl.yaml",
        b"- id: x\n- title: a\x07b\n",
        "ctl.yaml: data is not valid YAML: special characters are not allowed #x0007 (line 2)",
    ),
    "yaml integer of 5,000 digits": (
        "big.yaml",
        b"- id: 2030-01-01-x\n  usd: 1" + b"0" * 5000 + b"\n",
        "big.yaml: data is not usable YAML: a number too long to read",
    ),
    "yaml integer of 400 digits": (
        "big400.yaml",
        b"id: 2030-01-01-x\ndate: 2030-01-01\nregion: Samara Oblast\ntitle: t\n"
        b"trade: [{period: '2024', metric: turnover, usd_millions: 1" + b"0" * 400 + b"}]\n",
        "big400.yaml: record 1 (2030-01-01-x): trade[0].usd_millions: expected a number, got "
        "one too large",
    ),
    "json lone surrogate": (
        "surrogate.json",
        b'{"id": "2030-01-01-x", "date": "2030-01-01", "region": "Samara Oblast", '
        b'"title": "ok", "summary": "caf\\ud800"}',
        "surrogate.json: record 1 (2030-01-01-x): summary: holds a lone surrogate (not text)",
    ),
    "yaml lone surrogate": (
        "surrogate.yaml",
        b'id: 2030-01-01-x\ndate: 2030-01-01\nregion: Samara Oblast\ntitle: "caf\\ud800"\n',
        "surrogate.yaml: record 1 (2030-01-01-x): title: holds a lone surrogate (not text)",
    ),
    "empty": ("empty.json", b"", "empty.json: data file is empty (0 bytes)"),
    "blank": ("blank.yaml", b"  \n\n", "blank.yaml: data file is empty (only white space)"),
    "not utf-8": (
        "latin1.json",
        b'[{"id": "caf\xe9"}]',
        "latin1.json: data is not UTF-8 text (bad byte at offset 12)",
    ),
    "yaml not utf-8": (
        "latin1.yaml",
        b"- id: caf\xe9\n",
        "latin1.yaml: data is not UTF-8 text (bad byte at offset 9)",
    ),
    "a string": (
        "str.json",
        b'"meetings"',
        'str.json: wrong shape: expected a list of meetings, {"meetings": [...]} or one '
        "meeting, got a string",
    ),
    "yaml comment only": (
        "none.yaml",
        b"# nothing here\n",
        'none.yaml: wrong shape: expected a list of meetings, {"meetings": [...]} or one '
        "meeting, got null",
    ),
    "an unknown object": (
        "obj.json",
        b'{"foo": 1}',
        'obj.json: wrong shape: expected a list of meetings, {"meetings": [...]} or one '
        "meeting, got an object without id, date, region or title",
    ),
    "meetings not a list": (
        "ds.json",
        b'{"meetings": {"a": 1}}',
        'ds.json: wrong shape: "meetings" must be a list, got an object',
    ),
    "proposals beside the meetings": (
        "split.json",
        b'{"dataset_version": "1", "meetings": [], "proposals": [{"id": "p"}]}',
        'split.json: wrong shape: "proposals" beside "meetings" would not be imported (a '
        'proposal goes in its meeting\'s "proposals" list)',
    ),
    "a meeting holding meetings": (
        "both.json",
        b'{"id": "2025-01-01-x", "date": "2025-01-01", "region": "R", "title": "T", '
        b'"meetings": []}',
        'both.json: wrong shape: a meeting (date, id, region, title) with "meetings" in it: '
        'give one meeting, or {"meetings": [...]}',
    ),
    "a database file": (
        "coopbrowse.json",
        b'{"meta": {"1": {"schema_version": 1}}, "meetings": {}}',
        'coopbrowse.json: wrong shape: "meetings" must be a list, got an object '
        "(a coopbrowse database? export it with `coopbrowse list --json`)",
    ),
    "unknown extension": (
        "notes.txt",
        b"[]",
        "notes.txt: unknown file type (extension '.txt'): expected .json, .yaml or .yml",
    ),
    "no extension": (
        "meetings",
        b"[]",
        "meetings: unknown file type (no extension): expected .json, .yaml or .yml",
    ),
    "missing": ("gone.json", None, "gone.json: no such file"),
}


@pytest.mark.parametrize("case", BAD_FILES.keys())
def test_bad_files_are_one_line_errors_and_write_nothing(
    capsys, here: Path, store: Store, case: str
):
    name, content, message = BAD_FILES[case]
    if content is not None:
        (here / name).write_bytes(content)
    before = store.path.read_bytes()
    code, out, err = run(capsys, "import", name)
    assert_one_line_error(code, out, err, message)
    assert store.path.read_bytes() == before


def test_a_directory_is_an_error(capsys, here: Path):
    (here / "records.json").mkdir()
    code, out, err = run(capsys, "import", "records.json")
    assert_one_line_error(code, out, err, "records.json: is a directory, not a data file")


def test_an_unreadable_file_is_an_error(capsys, here: Path, monkeypatch: pytest.MonkeyPatch):
    path = write_json(here / "secret.json", new_meetings(1))
    path.chmod(0)
    real = os.open

    def os_open(file, flags, *args, **kwargs):  # root reads a mode-0 file: refuse as a user would
        if os.path.basename(file) == "secret.json":
            raise PermissionError(13, "Permission denied")
        return real(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", os_open)
    code, out, err = run(capsys, "import", "secret.json")
    assert_one_line_error(code, out, err, "secret.json: cannot read data: Permission denied")


def test_bad_files_do_not_create_a_missing_database(capsys, here: Path, db_path: Path):
    (here / "bad.json").write_text("[1, 2")
    assert run(capsys, "import", "bad.json")[0] == 2
    assert not db_path.exists()


# All or nothing across files --------------------------------------------------------------


def test_a_bad_second_file_leaves_the_database_byte_identical(capsys, here: Path, store: Store):
    good = new_meetings(2)
    bad = new_meetings(2, seed=6)
    bad[1]["participants"][0]["role"] = "emperor"
    write_json(here / "a.json", good)
    write_json(here / "b.json", bad)
    before = store.path.read_bytes()
    code, out, err = run(capsys, "import", "a.json", "b.json")
    assert_one_line_error(
        code,
        out,
        err,
        f"b.json: record 2 ({bad[1]['id']}): participants[0].role: unknown value 'emperor' "
        "(one of: guest, host, mentioned, participant)",
    )
    assert store.path.read_bytes() == before
    assert Store.open(store.path).meeting(good[0]["id"]) is None


def test_the_same_meeting_id_in_two_files_is_an_error(capsys, here: Path, store: Store):
    record = new_meetings(1)[0]
    write_json(here / "a.json", [record])
    write_json(here / "b.json", [*new_meetings(1, seed=9), record])
    before = store.path.read_bytes()
    code, out, err = run(capsys, "import", "a.json", "b.json")
    mid = record["id"]
    assert_one_line_error(
        code,
        out,
        err,
        f"b.json: record 2 ({mid}): duplicate meeting id '{mid}' (also a.json record 1 ({mid}))",
    )
    assert store.path.read_bytes() == before


def test_the_same_proposal_id_in_two_meetings_is_an_error(capsys, here: Path):
    first, second = new_meetings(2)
    second["proposals"][1]["id"] = first["proposals"][0]["id"]
    write_json(here / "a.json", [first])
    write_json(here / "b.json", [second])
    code, out, err = run(capsys, "import", "a.json", "b.json")
    pid = first["proposals"][0]["id"]
    assert_one_line_error(
        code,
        out,
        err,
        f"b.json: record 1 ({second['id']}): proposals[1].id: duplicate proposal id '{pid}' "
        f"(also a.json record 1 ({first['id']}))",
    )


def test_a_proposal_id_of_another_stored_meeting_is_an_error(capsys, here: Path, store: Store):
    """Writing it would leave a database that no longer opens."""
    copy_of = copy.deepcopy(exported(capsys)[0])
    original = copy_of["id"]
    copy_of.update(id="2026-01-01-copy", date="2026-01-01")
    for proposal in copy_of["proposals"]:
        del proposal["meeting_id"]
    write_json(here / "copy.json", [copy_of])
    before = store.path.read_bytes()
    code, out, err = run(capsys, "import", "copy.json")
    pid = copy_of["proposals"][0]["id"]
    assert_one_line_error(
        code,
        out,
        err,
        f"copy.json: record 1 (2026-01-01-copy): proposals[0].id: '{pid}' is already a "
        f"proposal of meeting '{original}'",
    )
    assert store.path.read_bytes() == before
    assert run(capsys, "import", "--dry-run", "copy.json")[0] == 2


# Existing meetings: skipped, or replaced with --update ------------------------------------


def test_an_import_that_skips_everything_leaves_the_file_as_it_is(capsys, here, store):
    """Every meeting skipped, the file was still written (its generation bumped), and the
    next command indexed the database again for nothing (a probe)."""
    write_json(here / "again.json", exported(capsys))
    before = store.path.read_bytes()
    code, out, _ = run(capsys, "import", "again.json")
    # (exit status 1: nothing to do, as the README says of a search that finds nothing; a
    # new user's `import` of an export found it 0)
    assert code == 1 and "0 added, 0 updated, 5 skipped" in out
    assert store.path.read_bytes() == before
    assert run(capsys, "import", "--dry-run", "again.json")[0] == 1
    assert run(capsys, "import", "--dry-run", "--update", "again.json")[0] == 0


def test_an_existing_id_is_skipped_and_reported(capsys, here: Path, store: Store):
    records = exported(capsys)
    records[1]["title"] = "A new title"
    fresh = new_meetings(1)
    write_json(here / "meetings.json", [records[1], *fresh])
    code, out, _ = run(capsys, "import", "meetings.json")
    mid = records[1]["id"]
    assert code == 0
    assert out.splitlines() == [
        "imported meetings.json: 1 added, 0 updated, 1 skipped",
        f"  skipped {mid}: already exists as {mid}",
        "use --update to replace meetings that already exist",
    ]
    assert store.meeting(mid).title != "A new title"
    assert store.meeting(fresh[0]["id"]) is not None


def test_a_file_of_no_meetings_says_so(capsys, here: Path, store: Store) -> None:
    """``[]`` (or ``{"meetings": []}``) printed nothing and exited 1 (a review's find): it
    says the file holds no meetings, beside what the other files did."""
    write_json(here / "empty.json", [])
    write_json(here / "none.json", {"meetings": []})
    before = store.path.read_bytes()
    code, out, _ = run(capsys, "import", "empty.json", "none.json")
    assert code == 1
    assert out.splitlines() == ["empty.json: no meetings in it", "none.json: no meetings in it"]
    assert store.path.read_bytes() == before


def test_same_date_region_and_host_is_the_same_meeting(capsys, here: Path, store: Store):
    twin = copy.deepcopy(exported(capsys)[3])
    original = twin["id"]
    twin["id"] = "penza-again"
    twin["proposals"] = []
    write_json(here / "twin.json", twin)
    code, out, _ = run(capsys, "import", "twin.json")
    assert code == 1  # (nothing done)
    assert out.splitlines()[:2] == [
        "imported twin.json: 0 added, 0 updated, 1 skipped",
        f"  skipped penza-again: already exists as {original} (same date, region and host)",
    ]
    assert store.meeting("penza-again") is None

    code, out, _ = run(capsys, "import", "--update", "twin.json")
    assert out.splitlines() == ["imported twin.json: 0 added, 1 updated, 0 skipped"]
    assert store.meeting(original) is None
    assert store.meeting("penza-again").proposals == []


def test_a_twin_within_one_import_is_skipped_as_such(capsys, here: Path, store: Store):
    first = new_meetings(1)[0]
    twin = copy.deepcopy(first)
    twin["id"] = "the-same-again"
    twin["proposals"] = []
    write_json(here / "a.json", [first, twin])
    code, out, _ = run(capsys, "import", "a.json")
    assert code == 0
    assert out.splitlines() == [
        "imported a.json: 1 added, 0 updated, 1 skipped",
        f"  skipped the-same-again: same meeting as {first['id']} (same date, region and "
        "host), earlier in this import",
    ]


def test_update_replaces_existing_meetings_and_their_proposals(capsys, here: Path, store: Store):
    records = exported(capsys)
    records[0]["title"] = "Corrected"
    records[0]["proposals"] = records[0]["proposals"][:1]
    dropped = [p["id"] for p in exported(capsys)[0]["proposals"][1:]]
    write_json(here / "fix.json", records[:1])
    code, out, _ = run(capsys, "import", "--update", "fix.json")
    assert (code, out) == (0, "imported fix.json: 0 added, 1 updated, 0 skipped\n")
    reopened = Store.open(store.path)
    assert reopened.meeting(records[0]["id"]).title == "Corrected"
    assert len(reopened.meeting(records[0]["id"]).proposals) == 1
    assert dropped and all(reopened.proposal(pid) is None for pid in dropped)


# --dry-run --------------------------------------------------------------------------------


def test_dry_run_lists_every_change_and_writes_nothing(capsys, here: Path, store: Store):
    records = exported(capsys)
    changed, same = copy.deepcopy(records[0]), records[1]
    changed["title"] = "Changed"
    fresh = new_meetings(1)[0]
    write_json(here / "a.json", [changed, same, fresh])
    before = store.path.read_bytes()
    mtime = store.path.stat().st_mtime_ns

    code, out, _ = run(capsys, "import", "--dry-run", "a.json")
    assert code == 0
    assert out.splitlines() == [
        "would import a.json: 1 added, 0 updated, 2 skipped",
        f"  skip {changed['id']}: already exists as {changed['id']}",
        f"  skip {same['id']}: already exists as {same['id']}",
        f"  add {fresh['id']}",
        "use --update to replace meetings that already exist",
        "dry run: nothing was written",
    ]
    code, out, _ = run(capsys, "import", "--dry-run", "--update", "a.json")
    assert out.splitlines()[:4] == [
        "would import a.json: 1 added, 2 updated, 0 skipped",
        f"  update {changed['id']}",
        f"  update {same['id']}",
        f"  add {fresh['id']}",
    ]
    assert store.path.read_bytes() == before
    assert store.path.stat().st_mtime_ns == mtime

    code, out, _ = run(capsys, "import", "--update", "a.json")
    assert out.splitlines() == ["imported a.json: 1 added, 2 updated, 0 skipped"]
    assert store.path.read_bytes() != before


def test_plan_meetings_decides_like_put_meetings(store: Store):
    current = store.meetings()
    twin = copy.deepcopy(current[3])
    twin.id, twin.proposals = "twin", []
    batch = [current[0], twin, *synth_meetings(2, seed=4)]
    before = store.path.read_bytes()
    skip_plan = store.plan_meetings(batch)
    update_plan = store.plan_meetings(batch, update=True)
    assert store.path.read_bytes() == before
    assert skip_plan.skipped == [current[0].id, "twin"] and len(skip_plan.added) == 2
    assert update_plan.updated == [current[0].id, "twin"]
    assert update_plan.matched == {current[0].id: current[0].id, "twin": current[3].id}
    assert store.put_meetings(batch, update=True) == update_plan
    assert store.path.read_bytes() != before


def test_dry_run_does_not_create_a_missing_database(capsys, here: Path, db_path: Path):
    write_json(here / "a.json", [*new_meetings(1), exported(capsys, "--db", "other.json")[0]])
    assert not db_path.exists()
    code, out, _ = run(capsys, "import", "--dry-run", "a.json")
    assert code == 0
    assert out.splitlines()[0] == "would import a.json: 1 added, 0 updated, 1 skipped"
    assert not db_path.exists()


# --json -----------------------------------------------------------------------------------


def test_json_report_lists_added_updated_and_skipped(capsys, here: Path, store: Store):
    records = exported(capsys)
    fresh = new_meetings(1)[0]
    write_json(here / "a.json", [records[0], fresh])
    code, out, _ = run(capsys, "import", "--json", "a.json")
    assert code == 0
    mid = records[0]["id"]
    assert json.loads(out) == {
        "dry_run": False,
        "update": False,
        "files": ["a.json"],
        "added": [{"id": fresh["id"], "file": "a.json"}],
        "updated": [],
        "skipped": [
            {"id": mid, "file": "a.json", "existing": mid, "why": f"already exists as {mid}"}
        ],
    }
    report = json.loads(run(capsys, "import", "--json", "--update", "--dry-run", "a.json")[1])
    assert report["dry_run"] and [u["id"] for u in report["updated"]] == [mid, fresh["id"]]


# Round trip -------------------------------------------------------------------------------


def test_list_json_round_trips_through_import(capsys, here: Path, store: Store):
    """Export a database that has the user's own and edited meetings; import it into another
    database (seeded with the bundled meetings, which --update replaces): the same meetings."""
    edited = store.meetings()[2]
    edited.summary = "my own notes"
    store.put_meetings([edited, *synth_meetings(3, seed=21)], update=True)
    (here / "x.json").write_text(run(capsys, "list", "--json")[1])

    code, out, _ = run(capsys, "--db", "other.json", "import", "--update", "x.json")
    assert (code, out) == (0, "imported x.json: 3 added, 5 updated, 0 skipped\n")
    assert exported(capsys, "--db", "other.json") == exported(capsys)
    assert Store.open(here / "other.json").meeting(edited.id).summary == "my own notes"


def test_meetings_of_ones_own_round_trip_without_update(capsys, here: Path, tmp_path: Path):
    mine = new_meetings(3, seed=8)
    write_json(here / "mine.json", mine)
    assert run(capsys, "--db", "a.json", "import", "mine.json")[0] == 0
    (here / "x.json").write_text(run(capsys, "--db", "a.json", "list", "--json")[1])
    code, out, _ = run(capsys, "--db", "b.json", "import", "x.json")
    assert code == 0
    assert out.splitlines()[0] == "imported x.json: 3 added, 0 updated, 5 skipped"
    assert exported(capsys, "--db", "b.json") == exported(capsys, "--db", "a.json")


# YAML -------------------------------------------------------------------------------------

NATURAL_YAML = """\
# A meeting written by hand: dates unquoted, proposals without meeting_id.
id: 2026-02-03-omsk
date: 2026-02-03
region: Omsk Oblast
title: Karankevich meets the Omsk delegation
participants:
  - {name: Viktor Karankevich, side: belarus, role: host}
trade:
  - period: 2025  # (unquoted: YAML reads a number, taken as the year)
    metric: turnover
    usd_millions: 212.5
    qualifier: about
source:
  outlet: BelTA
  published: 2026-02-04
proposals:
  - id: 2026-02-03-omsk-p01
    sector: elevators
    title: Elevators for Omsk housing
"""


def test_natural_yaml_with_unquoted_dates_imports(capsys, here: Path, store: Store):
    (here / "omsk.yaml").write_text(NATURAL_YAML)
    code, out, _ = run(capsys, "import", "omsk.yaml")
    assert (code, out) == (0, "imported omsk.yaml: 1 added, 0 updated, 0 skipped\n")
    meeting = Store.open(store.path).meeting("2026-02-03-omsk")
    assert meeting.date == "2026-02-03" and meeting.source.published == "2026-02-04"
    assert meeting.trade[0].usd_millions == 212.5 and meeting.trade[0].period == "2025"
    assert meeting.proposals[0].meeting_id == "2026-02-03-omsk"


def test_a_byte_order_mark_is_no_part_of_the_data(capsys, here: Path, store: Store):
    """A file saved as "UTF-8 with BOM" (some Windows editors) was refused as not JSON."""
    meeting = {"id": "2026-02-03-omsk", "date": "2026-02-03", "region": "Omsk", "title": "T"}
    (here / "bom.json").write_text(json.dumps([meeting]), encoding="utf-8-sig")
    (here / "bom.yaml").write_text(NATURAL_YAML.replace("omsk", "tomsk"), encoding="utf-8-sig")
    code, out, _ = run(capsys, "import", "bom.json", "bom.yaml")
    assert code == 0 and out.count(": 1 added") == 2


def test_a_huge_value_in_an_error_is_cut_short(capsys, here: Path, store: Store):
    """An id of 100,000 characters made a "one-line" error of 200 KB: it was said twice."""
    meeting = {"id": "a" * 100_000, "date": "2026-02-03", "region": "Omsk", "title": "T"}
    (here / "long.json").write_text(json.dumps([meeting]))
    code, _out, err = run(capsys, "import", "long.json")
    assert code == 2 and err.count("\n") == 1 and len(err) < 400
    assert "id: expected lower-case letters, digits and '-', got 'aaaa" in err


def test_yaml_list_and_dataset_shapes_round_trip(capsys, here: Path, store: Store):
    import yaml

    first, second = new_meetings(2)
    (here / "list.yml").write_text(yaml.safe_dump([first], allow_unicode=True))
    (here / "set.yaml").write_text(yaml.safe_dump({"meetings": [second]}, allow_unicode=True))
    code, out, _ = run(capsys, "import", "list.yml", "set.yaml")
    assert code == 0, out
    assert store.meeting(first["id"]).to_dict() == first
    assert store.meeting(second["id"]).to_dict() == second


def test_a_yaml_date_time_is_a_field_error(capsys, here: Path):
    (here / "t.yaml").write_text(
        NATURAL_YAML.replace("date: 2026-02-03", "date: 2026-02-03 10:30:00")
    )
    code, out, err = run(capsys, "import", "t.yaml")
    assert_one_line_error(
        code,
        out,
        err,
        "t.yaml: record 1 (2026-02-03-omsk): date: expected a date YYYY-MM-DD, "
        "got '2026-02-03T10:30:00'",
    )


def test_yaml_without_pyyaml_says_how_to_install_it(
    capsys, here: Path, store: Store, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setitem(sys.modules, "yaml", None)  # `import yaml` now raises ImportError
    (here / "x.yaml").write_text(NATURAL_YAML)
    before = store.path.read_bytes()
    code, out, err = run(capsys, "import", "x.yaml")
    assert_one_line_error(
        code, out, err, "x.yaml: reading YAML needs PyYAML: pip install 'coopbrowse[yaml]'"
    )
    assert store.path.read_bytes() == before
    write_json(here / "ok.json", new_meetings(1))
    assert run(capsys, "import", "ok.json")[0] == 0, "JSON needs no PyYAML"


ALIASES = (
    "its aliases (*name) repeat more text than a meeting needs (4 times the file's); "
    "write the values out"
)


def test_a_yaml_alias_bomb_is_cheap(capsys, here: Path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines += ["id: 2026-01-01-x", "date: 2026-01-01", "region: R", "title: T", "notes: *a9"]
    (here / "bomb.yaml").write_text("\n".join(lines) + "\n")
    started = time.perf_counter()
    code, out, err = run(capsys, "import", "bomb.yaml")
    assert time.perf_counter() - started < 5
    assert_one_line_error(code, out, err, "bomb.yaml: data is not usable YAML: " + ALIASES)


def test_yaml_aliases_that_would_fill_the_database_are_refused(capsys, here: Path, store):
    """A 100 KB value repeated by 50 aliases imported as 5 MB of notes (a 1 MB file as
    700 MB of database): the values an alias repeats are copies once stored. A file whose
    values, aliases written out, come to more than four times its size is refused; an alias
    or two, as a person writes them, are fine."""
    big = "A" * 100_000
    refs = ", ".join(["*s"] * 50)
    (here / "amp.yaml").write_text(
        f'big: &s "{big}"\nid: 2026-01-01-x\ndate: 2026-01-01\nregion: Penza Oblast\n'
        f"title: T\nnotes: [{refs}]\n"
    )
    before = store.path.read_bytes()
    code, out, err = run(capsys, "import", "amp.yaml")
    assert_one_line_error(code, out, err, "amp.yaml: data is not usable YAML: " + ALIASES)
    assert store.path.read_bytes() == before
    (here / "fine.yaml").write_text(
        "id: 2026-01-02-x\ndate: 2026-01-02\nregion: Penza Oblast\ntitle: T\n"
        "notes: [&n 'said twice', *n]\n"
    )
    assert run(capsys, "import", "fine.yaml")[0] == 0
    assert store.meeting("2026-01-02-x").notes == ("said twice", "said twice")


# The command itself -----------------------------------------------------------------------


def test_import_help_says_which_files_it_reads(capsys):
    with pytest.raises(SystemExit) as info:
        main(["import", "--help"])
    assert info.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "usage: coopbrowse import" in text
    for words in (".json", ".yaml/.yml", "--update", "--dry-run", "coopbrowse[yaml]"):
        assert words in text


def test_import_needs_a_file(capsys):
    with pytest.raises(SystemExit) as info:
        main(["import"])
    assert info.value.code == 2


def test_installed_script_reports_a_bad_file_without_traceback(here: Path):
    (here / "bad.json").write_text('[{"id": 1}]')
    exe = Path(sys.executable).with_name("coopbrowse")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "coopbrowse.tui.cli"]
    result = subprocess.run(
        [*cmd, "--db", "db.json", "import", "bad.json"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert (
        result.stderr
        == "coopbrowse: error: bad.json: record 1: id: expected a string, got a number\n"
    )
    assert not (here / "db.json").exists()
