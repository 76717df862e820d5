"""`coopbrowse import-article` and `coopbrowse init`: drafting from an article on the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from helpers import run_cli as run

from coopbrowse.store import Store

ARTICLE = """\
12 March 2024, 16:05
Lukashenko, Kaluga governor discuss buses and dairy
MINSK, 12 March (BelTA) - Belarusian President Aleksandr Lukashenko met with Governor of \
Russia's Kaluga Oblast Vladislav Shapsha in Minsk on 12 March, BelTA has learned.
The president suggested supplying MAZ buses and trolleybuses to the region.
In 2023 the trade reached about $420 million.
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "kaluga.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_the_draft_is_printed_and_nothing_saved_without_yes(capsys, article, db_path):
    code, out, err = run(capsys, "import-article", str(article))
    assert code == 0
    assert "Kaluga Oblast" in out and "Vladislav Shapsha" in out and "420" in out
    assert "add --yes to save" in err
    assert not db_path.exists()
    # what was not found, named as the app's form names it ("source.url" read as code)
    [missing] = [line for line in out.splitlines() if line.startswith("Not found")]
    assert "URL" in missing and "source." not in missing, missing


def test_a_draft_of_a_stored_meeting_says_so_before_yes(capsys, article, db_path):
    assert run(capsys, "import-article", str(article), "--yes")[0] == 0
    before = db_path.read_bytes()
    code, _out, err = run(capsys, "import-article", str(article))
    assert code == 0
    assert "already stored as 2024-03-12-kaluga" in err and "--yes --update" in err
    assert db_path.read_bytes() == before


def test_json_draft(capsys, article):
    code, out, _ = run(capsys, "import-article", str(article), "--json")
    assert code == 0
    draft = json.loads(out)
    assert set(draft) == {"meeting", "missing", "flags"}
    m = draft["meeting"]
    assert (m["id"], m["date"], m["region"], m["place"]) == (
        "2024-03-12-kaluga",
        "2024-03-12",
        "Kaluga Oblast",
        "Minsk",
    )
    assert [p["sector"] for p in m["proposals"]] == ["public-transport"]
    assert m["proposals"][0]["enterprises"] == ["MAZ"]
    assert m["source"] == {
        "outlet": "BelTA",
        "published": "2024-03-12",
        "published_inferred": False,
        "document": "kaluga.txt",
        "url": "",
        "headline": "Lukashenko, Kaluga governor discuss buses and dairy",
    }
    assert "source.url" in draft["missing"]


def test_yes_saves_and_a_second_time_skips_unless_update(capsys, article):
    code, _, err = run(capsys, "import-article", str(article), "--yes")
    assert code == 0
    assert "added 2024-03-12-kaluga: 1 proposal, 1 trade figure, to " in err
    # (no database before it: made, with the sample meetings, and said so, as docs/cli.md has it)
    assert "created " in err and "(with 5 bundled sample meetings)" in err
    code, out, _ = run(capsys, "show", "2024-03-12-kaluga", "--json")
    assert json.loads(out)["trade"][0]["usd_millions"] == 420.0
    code, _, err = run(capsys, "import-article", str(article), "--yes")
    assert code == 1
    assert "not saved: 2024-03-12-kaluga already exists" in err
    assert "created " not in err  # (there now)
    code, _, err = run(capsys, "import-article", str(article), "--yes", "--update")
    assert code == 0
    assert "updated 2024-03-12-kaluga" in err


def test_a_draft_without_a_date_is_not_saved(capsys, tmp_path, db_path):
    path = tmp_path / "undated.txt"
    path.write_text(ARTICLE.replace("12 March 2024, 16:05\n", "").replace("on 12 March", "")
                    .replace("MINSK, 12 March (BelTA) - ", ""), encoding="utf-8")  # fmt: skip
    Store.open(db_path)
    before = db_path.read_bytes()
    code, _, err = run(capsys, "import-article", str(path), "--yes")
    assert code == 2
    assert err.startswith("coopbrowse: error: ")
    assert "undated.txt: draft not saved: date: is required" in err
    assert err.count("\n") == 1
    assert db_path.read_bytes() == before
    code, _, err = run(capsys, "import-article", str(path))  # not --yes: no offer of it
    assert code == 0 and "add --yes" not in err
    assert "not saved: it cannot be saved as drafted (date: is required" in err
    assert "--published" in err
    code, out, _ = run(capsys, "import-article", str(path), "--json", "--published", "2024-03-13")
    m = json.loads(out)["meeting"]  # no day in the text: the page's date, flagged as inferred
    assert (m["date"], m["date_inferred"]) == ("2024-03-13", True)


def test_published_gives_the_year(capsys, tmp_path):
    path = tmp_path / "noyear.txt"
    path.write_text(ARTICLE.replace("12 March 2024, 16:05\n", ""), encoding="utf-8")
    code, out, _ = run(capsys, "import-article", str(path), "--json", "--published", "2022-03-13")
    draft = json.loads(out)
    assert draft["meeting"]["date"] == "2022-03-12"
    assert draft["meeting"]["date_inferred"] is True
    code, _, err = run(capsys, "import-article", str(path), "--published", "13.03.2022")
    assert code == 2
    assert "--published: expected a date YYYY-MM-DD" in err


def test_empty_stdin(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Stdin(b"  \n"))
    code, _, err = run(capsys, "import-article", "-")
    assert code == 2
    assert "<stdin>: the article is empty" in err


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", _Stdin(ARTICLE.encode()))
    code, out, _ = run(capsys, "import-article", "-", "--json")
    assert code == 0
    assert json.loads(out)["meeting"]["region"] == "Kaluga Oblast"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "missing.txt: no such file"),
        (b"", "missing.txt: article file is empty"),
        (b"   \n\n", "missing.txt: article file is empty (only white space)"),
        (b"caf\xe9 au lait", "missing.txt: article is not UTF-8 text (bad byte at offset 3)"),
        (b"PK\x03\x04\x00\x00", "missing.txt: article is not text (a NUL byte at offset 4"),
        ("Привет\x00".encode(), "article is not text (a NUL byte at offset 12"),  # bytes
    ],
)
def test_bad_article_files(capsys, tmp_path, content, message):
    path = tmp_path / "missing.txt"
    if content is not None:
        path.write_bytes(content)
    code, _, err = run(capsys, "import-article", str(path))
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_same_day_and_region_with_another_host_gets_its_own_id(capsys, tmp_path, article):
    other = tmp_path / "other.txt"
    text = ARTICLE.replace("President Aleksandr Lukashenko", "Prime Minister Roman Golovchenko")
    other.write_text(text, encoding="utf-8")
    assert run(capsys, "import-article", str(article), "--yes")[0] == 0
    code, _, err = run(capsys, "import-article", str(other), "--yes")
    assert code == 0
    assert "added 2024-03-12-kaluga-golovchenko" in err


def test_each_seed_article_imports_into_an_empty_database(capsys, tmp_path):
    seeds = Path(__file__).parent / "fixtures" / "seeds"  # (see its README)
    db = tmp_path / "empty.json"
    assert run(capsys, "--db", str(db), "init", "--empty")[0] == 0
    for path in sorted(seeds.glob("*.txt")):
        code, _, err = run(capsys, "--db", str(db), "import-article", str(path), "--yes")
        assert code == 0, err
        assert err.startswith("added "), err
    ids = [m.id for m in Store.open(db).meetings()]
    assert len(ids) == 5
    assert "2025-10-20-mordovia" in ids and "2025-10-20-mordovia-karankevich" in ids


def test_init(capsys, tmp_path):
    db = tmp_path / "new.json"
    code, _, err = run(capsys, "--db", str(db), "init", "--empty")
    assert code == 0 and "empty" in err
    assert Store.open(db).meetings() == []
    code, _, err = run(capsys, "--db", str(db), "init")
    assert code == 2 and "already exists" in err
    db2 = tmp_path / "sample.json"
    assert run(capsys, "--db", str(db2), "init")[0] == 0
    assert len(Store.open(db2).meetings()) == 5


def test_replacing_keeps_the_stored_id(capsys, tmp_path, article, db_path):
    """Updating the second meeting of a day (stored as <id>-<host>) replaces that one."""
    other = tmp_path / "other.txt"
    text = ARTICLE.replace("President Aleksandr Lukashenko", "Prime Minister Roman Golovchenko")
    other.write_text(text, encoding="utf-8")
    run(capsys, "import-article", str(article), "--yes")
    run(capsys, "import-article", str(other), "--yes")
    code, _, err = run(capsys, "import-article", str(other), "--yes", "--update")
    assert code == 0
    assert "updated 2024-03-12-kaluga-golovchenko" in err
    ids = sorted(m.id for m in Store.open(db_path).meetings())
    assert "2024-03-12-kaluga-2" not in ids
    assert {"2024-03-12-kaluga", "2024-03-12-kaluga-golovchenko"} <= set(ids)


def test_published_does_not_override_the_page_date(capsys, article):
    code, out, _ = run(
        capsys, "import-article", str(article), "--json", "--published", "2020-01-01"
    )
    assert json.loads(out)["meeting"]["source"]["published"] == "2024-03-12"
    code, _, err = run(capsys, "import-article", str(article), "--published", "")
    assert code == 2 and "--published: expected a date YYYY-MM-DD" in err


def test_stdin_that_is_not_utf8_is_one_line_and_saves_nothing(capsys, monkeypatch, db_path):
    monkeypatch.setattr("sys.stdin", _Stdin(ARTICLE.encode() + b"\xff trailing"))
    code, _, err = run(capsys, "import-article", "-", "--yes")
    assert code == 2
    assert "<stdin>: article is not UTF-8 text" in err
    assert not db_path.exists()


def test_oversized_and_special_files(capsys, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * 250_000)
    code, _, err = run(capsys, "import-article", str(big))
    assert code == 2 and "big.txt: too large for an article (1.2 MB; at most 1 MB)" in err
    code, _, err = run(capsys, "import-article", "/dev/zero")
    assert code == 2 and "/dev/zero: is not a regular file" in err
    code, _, err = run(capsys, "import-article", str(tmp_path))
    assert code == 2 and "is a directory, not an article file" in err


def test_a_file_named_like_a_command(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("search").write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, "import-article", "search", "--json")
    assert code == 0
    assert json.loads(out)["meeting"]["region"] == "Kaluga Oblast"


def test_the_check_before_a_write_is_the_read_that_opens_it_unless_the_file_changed(
    capsys, db_path, monkeypatch
):
    """`import-article --yes` checks that the database can take a draft before reading the
    article; opening it to save then uses that parse when the file is as it was, and reads
    it again when not (at 100,000 meetings a parse is 6 s)."""
    import coopbrowse.store.db as db
    from coopbrowse.store import storage

    assert run(capsys, "init")[0] == 0
    parses: list[Path] = []
    real = storage.parse_json_bytes

    def counted(path, data):
        parses.append(path)
        return real(path, data)

    monkeypatch.setattr(db, "parse_json_bytes", counted)
    checked = Store.preflight(db_path)
    assert parses == [db_path]
    store = Store.open(db_path, checked=checked)
    assert parses == [db_path]  # not read again
    assert store is checked

    checked = Store.preflight(db_path)
    Store.open(db_path).delete_meeting(store.meetings()[0].id)  # another process, say
    parses.clear()
    store = Store.open(db_path, checked=checked)
    assert parses == [db_path]  # read again: the file changed since the check
    assert len(store.meetings()) == 4

    parses.clear()
    Store.open(db_path, checked=Store.preflight(db_path.with_name("other.json")))
    assert parses == [db_path]  # a check of another file is no use


def test_a_command_runs_with_the_collector_paused_and_leaves_it_as_it_was(
    capsys, article, monkeypatch
):
    import gc

    from coopbrowse.store import ingest

    seen: list[bool] = []
    real = ingest.save_draft

    def noted(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest, "save_draft", noted)
    assert gc.isenabled()
    assert run(capsys, "import-article", str(article), "--yes")[0] == 0
    assert seen == [False]
    assert gc.isenabled()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_in_a_terminal_reading_and_saving_say_so_on_stderr(article, db_path, monkeypatch):
    from coopbrowse.tui.cli import main

    err = _Terminal()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setenv("COLUMNS", "500")  # (the path on one line)
    assert main(["import-article", str(article), "--yes"]) == 0
    said = err.getvalue()
    assert f"Reading {db_path}…" in said
    assert f"Saving to {db_path} and updating its search index…" in said
    assert "added 2024-03-12-kaluga" in said


def test_not_in_a_terminal_stderr_has_only_the_result(capsys, article, db_path):
    code, _out, err = run(capsys, "import-article", str(article), "--yes")
    assert code == 0
    assert err == (  # (the database was new: said once, as a result, not progress)
        f"created {db_path} (with 5 bundled sample meetings)\n"
        f"added 2024-03-12-kaluga: 1 proposal, 1 trade figure, to {db_path}\n"
    )
