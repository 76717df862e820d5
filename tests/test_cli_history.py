"""`coopbrowse history`, `undo` and `follow-up`: output, exit statuses 0/1/2, one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import run_cli as run

from coopbrowse.store import Store, StoreError
from coopbrowse.store.model import Meeting

PID = "2025-04-01-penza-p01"
MID = "2025-04-01-penza"


def test_follow_up_history_and_undo_end_to_end(capsys, store: Store) -> None:
    code, out, _ = run(
        capsys,
        "follow-up", PID, "--status", "agreed", "--date", "2025-06-01",
        "--note", "Contract signed", "--url", "https://example.org/a",
    )  # fmt: skip
    assert code == 0
    assert f"{PID}.status: proposed → agreed" in out
    assert "+ follow-up 2025-06-01 agreed: Contract signed" in out
    proposal = store.proposal(PID)
    assert proposal is not None and proposal.status == "agreed"

    code, out, _ = run(capsys, "history", PID)
    assert code == 0 and "follow-up" in out and "Contract signed" in out
    code, out, _ = run(capsys, "history", PID, "--json")
    [change] = json.loads(out)
    assert change["origin"] == "follow-up" and change["meeting_id"] == MID
    paths = {c["path"] for c in change["changes"]}
    assert paths == {f"proposals[{PID}].status", f"proposals[{PID}].follow_up"}

    code, out, _ = run(capsys, "undo", PID)
    assert code == 0 and f"undid change {change['id']} of {PID}" in out
    proposal = store.proposal(PID)
    assert proposal is not None and proposal.status == "proposed" and proposal.follow_up == []
    code, _out, err = run(capsys, "undo", PID)
    assert code == 1 and "no recorded change to undo" in err
    code, out, _ = run(capsys, "history", PID)
    assert code == 0 and "(undone)" in out and out.index("undo") < out.index("follow-up")
    # times said as the app says them, in UTC ("2026-12-06 19:56:03 UTC")
    assert re.search(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC  undo", out, re.M), out

    # redo takes the undo back; the follow-up is in effect again, and no longer marked
    code, out, _ = run(capsys, "redo", PID)
    assert code == 0 and f"{PID}.status: proposed → agreed" in out
    assert store.proposal(PID).status == "agreed"
    code, _out, err = run(capsys, "redo", PID)
    assert code == 1 and "nothing to redo" in err
    code, out, _ = run(capsys, "history", PID)
    [head] = [line for line in out.splitlines() if re.search(r"UTC  follow-up  h-", line)]
    assert "(undone)" not in head, out
    code, _out, err = run(capsys, "redo", "no-such-id")
    assert code == 2 and "no meeting or proposal with id 'no-such-id'" in err


def test_a_meeting_deleted_again_by_redo_is_said_deleted_not_unknown(capsys, store) -> None:
    """After delete, undo, redo, `show` said the meeting was unknown and `redo` exited 2
    (a review): it was deleted, and undo brings it back."""
    assert run(capsys, "delete", MID, "--yes")[0] == 0
    assert run(capsys, "undo", MID)[0] == 0
    assert run(capsys, "redo", MID)[0] == 0
    code, _out, err = run(capsys, "show", MID)
    assert code == 2 and "deleted" in err and f"`coopbrowse undo {MID}` brings it back" in err
    code, _out, err = run(capsys, "redo", MID)
    assert code == 1 and "nothing to redo" in err, err


def test_a_meeting_removed_by_an_undo_is_said_to_come_back_by_redo(
    capsys, store, tmp_path: Path
) -> None:
    """A meeting added from an article, then undone (removed): show said `coopbrowse undo
    ID` brings it back, which found nothing to undo (a trial); it is `redo`."""
    article = tmp_path / "omsk.txt"
    article.write_text(
        "MINSK, 5 November 2024 (BelTA) - Belarusian President Aleksandr Lukashenko met with "
        "Governor of Omsk Oblast Vitaly Khotsenko on 5 November 2024. The president proposed "
        "supplying Belarusian elevator equipment to the region.\n",
        encoding="utf-8",
    )
    assert run(capsys, "import-article", str(article), "--yes")[0] == 0
    mid = "2024-11-05-omsk"
    assert run(capsys, "undo", mid)[0] == 0
    code, _out, err = run(capsys, "show", mid)
    assert code == 2 and f"`coopbrowse redo {mid}` brings it back" in err, err
    assert run(capsys, "redo", mid)[0] == 0
    assert store.meeting(mid) is not None


def test_history_of_a_record_without_changes_exits_1(capsys, store: Store) -> None:
    code, out, _ = run(capsys, "history", MID)
    assert code == 1 and "No recorded changes" in out
    code, out, _ = run(capsys, "history", MID, "--json")
    assert code == 1 and json.loads(out) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["history", "nope"], "no meeting or proposal with id 'nope'"),
        (["undo", "nope"], "no meeting or proposal with id 'nope'"),
        (["follow-up", "nope", "--status", "agreed"], "no proposal with id 'nope'"),
        # a meeting's id: its proposals' ids are said (found by a new user)
        (
            ["follow-up", "2025-04-01-penza", "--status", "agreed"],
            "'2025-04-01-penza' is a meeting; a follow-up is of one of its proposals "
            "(2025-04-01-penza-p01, 2025-04-01-penza-p02,",
        ),
        (["follow-up", PID, "--status", "finished"], "unknown value 'finished'"),
        (["follow-up", PID, "--status", "agreed", "--date", "tomorrow"], "--date: expected"),
        # the store's words: a day that is not (it said "expected YYYY-MM-DD"), and the
        # compact form Python reads but a record may not hold
        (["follow-up", PID, "--status", "agreed", "--date", "2025-02-30"], "--date: no such date"),
        (["follow-up", PID, "--status", "agreed", "--date", "20250301"], "--date: expected a"),
        (["follow-up", PID], "needs --status, --note, --url or --raised-at"),
        (["follow-up", PID, "--raised-at", "nowhere"], "no such meeting"),
        (["follow-up", "--list", "status:finished"], "bad query"),
    ],
)
def test_bad_input_is_exit_2_and_one_line(capsys, store: Store, argv, message) -> None:
    before = store.path.read_bytes()
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.startswith("coopbrowse: error:") and message in err and err.count("\n") == 1
    assert store.path.read_bytes() == before


def test_a_follow_up_that_changes_nothing_exits_1(capsys, store: Store) -> None:
    later = "2025-10-20-mordovia-karankevich"
    code, out, _ = run(capsys, "follow-up", PID, "--raised-at", later)
    assert code == 0 and f"→ {later}\n" in out  # (the id whole: it was cut)
    code, out, _ = run(capsys, "follow-up", PID, "--raised-at", later)
    assert code == 1 and "nothing changed" in out


def test_a_follow_up_that_is_only_a_note_keeps_the_status(capsys, store: Store) -> None:
    """``follow-up ID --note …`` was refused ("needs --status or --raised-at"): the note
    had to restate the status. A note or a source alone is recorded on the status as it
    is, as the app's dialog records it."""
    status = store.proposal(PID).status
    code, out, err = run(capsys, "follow-up", PID, "--note", "delivery delayed")
    assert "recorded a follow-up" in out
    assert code == 0, err
    found = Store.open(store.path).proposal(PID)
    assert found is not None and found.status == status
    assert found.follow_up[-1].note == "delivery delayed"
    assert found.follow_up[-1].status == status


def test_the_same_follow_up_twice_is_recorded_once(capsys, store: Store) -> None:
    step = ("--status", "agreed", "--date", "2025-11-02", "--note", "contract signed")
    assert run(capsys, "follow-up", PID, *step)[0] == 0
    before = store.path.read_bytes()
    code, out, _ = run(capsys, "follow-up", PID, *step)
    assert code == 1 and "nothing changed" in out
    assert store.path.read_bytes() == before
    found = Store.open(store.path).proposal(PID)
    assert found is not None and len(found.follow_up) == 1
    # the same status on another day is a confirmation of it: recorded
    later = ("--status", "agreed", "--date", "2025-12-01", "--note", "contract signed")
    assert run(capsys, "follow-up", PID, *later)[0] == 0
    found = Store.open(store.path).proposal(PID)
    assert found is not None and len(found.follow_up) == 2


def test_follow_up_list_counts_and_orders_by_status(capsys, store: Store) -> None:
    run(capsys, "follow-up", PID, "--status", "stalled", "--date", "2025-05-01")
    code, out, _ = run(capsys, "follow-up", "--list", "region:penza", "--json")
    assert code == 0
    report = json.loads(out)
    penza = [p for p in store.proposals() if p.meeting_id == MID]
    assert report["total"] == len(penza)
    assert report["by_status"]["stalled"] == 1
    assert sum(report["by_status"].values()) == len(penza)
    assert report["by_region"] == {"Penza Oblast": len(penza)}
    order = ["proposed", "agreed", "in-progress", "implemented", "stalled", "dropped"]
    ranks = [order.index(p["status"]) for p in report["proposals"]]
    assert ranks == sorted(ranks)
    stalled = next(p for p in report["proposals"] if p["id"] == PID)
    assert stalled["since"] == "2025-05-01" and stalled["age_days"] > 0

    code, out, _ = run(capsys, "follow-up", "--list", "status:stalled")
    assert code == 0 and PID in out and "stalled: 1" in out
    assert out.startswith("1 proposal  ·")  # one, not "1 proposals"
    code, out, _ = run(capsys, "follow-up", "--list", "status:dropped")
    assert code == 1 and "No proposals" in out


def test_follow_up_list_takes_status_as_a_filter_and_refuses_what_records(
    capsys, store: Store
) -> None:
    """With --list, --status was ignored (every status listed) and so were --note, --date,
    --url and --raised-at, without a word: --status now narrows the list, the others are
    refused, and nothing is recorded."""
    run(capsys, "follow-up", PID, "--status", "stalled", "--date", "2025-05-01")
    code, out, _ = run(capsys, "follow-up", "--list", "--status", "stalled", "--json")
    report = json.loads(out)
    assert code == 0 and report["by_status"]["stalled"] == report["total"] == 1
    code, out, _ = run(capsys, "follow-up", "--list", "region:samara", "--status", "stalled")
    assert code == 1 and "No proposals" in out
    code, _out, err = run(capsys, "follow-up", "--list", "--status", "finished")
    assert code == 2 and err.startswith("coopbrowse: error: --status: unknown status 'finished'")
    before = [c.id for c in store.history(PID)]
    for option in ("--note", "--date", "--url", "--raised-at"):
        code, _out, err = run(capsys, "follow-up", "--list", option, "2025-06-01")
        assert code == 2 and f"{option} records a follow-up; it does not go with --list" in err
    assert [c.id for c in Store.open(store.path).history(PID)] == before


@pytest.mark.parametrize("width", ["40", "80"])
def test_follow_up_lists_counts_break_between_entries(
    capsys, store: Store, monkeypatch, width: str
) -> None:
    """At 80 columns "by region: …, Penza" / "Oblast 6" broke an entry in two (found by a
    new user); the counts' lines break between entries only."""
    monkeypatch.setenv("COLUMNS", width)
    code, out, _ = run(capsys, "follow-up", "--list", "--limit", "1")
    head = out.split("┏")[0] if "┏" in out else "\n".join(out.splitlines()[:10])
    lines = [line for line in head.splitlines() if line.strip()]
    assert code == 0 and all(len(line) <= int(width) for line in lines)
    text = "\n".join(lines)
    for entry in (
        r"Republic of Mordovia \d+",
        r"Moscow Oblast \d+",
        r"Samara Oblast \d+",
        r"Penza Oblast \d+",
        r"in progress: \d+",
        r"dropped: \d+",
        r"Agriculture and food \d+",
        r"Trade and finance \d+",
    ):
        assert re.search(entry, text), (entry, lines)  # (whole on one line)


def test_follow_up_list_says_its_counts_and_lists_as_many_as_asked(capsys, store: Store) -> None:
    """It stopped at 500 rows with no way to more, and its text had the status counts alone
    where its help promised them per region and sector too (found by a new user)."""
    everything = len(store.proposals())
    code, out, _ = run(capsys, "follow-up", "--list", "--limit", "3")
    lines = out.splitlines()
    assert code == 0 and lines[1].startswith("by region: Republic of Mordovia ")
    assert lines[2].startswith("by sector: ") and "more" in lines[2]
    assert f"… and {everything - 3:,} more (--limit 0 lists them all)" in out
    code, out, _ = run(capsys, "follow-up", "--list", "--limit", "0", "--json")
    report = json.loads(out)
    assert report["total"] == report["shown"] == len(report["proposals"]) == everything
    code, out, _ = run(capsys, "follow-up", "--list", "--limit", "2", "--json")
    report = json.loads(out)
    assert (report["total"], report["shown"]) == (everything, 2)
    code, _out, err = run(capsys, "follow-up", "--list", "--limit", "-1")
    assert code == 2 and "--limit must be 0 (all) or more" in err


def test_list_json_leaves_history_out_unless_asked(capsys, store: Store, tmp_path: Path) -> None:
    run(capsys, "follow-up", PID, "--status", "agreed", "--date", "2025-06-01")
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0 and all("history" not in m for m in json.loads(out))
    code, out, _ = run(capsys, "list", "--json", "--history")
    meetings = json.loads(out)
    [penza] = [m for m in meetings if m["id"] == MID]
    assert [c["origin"] for c in penza["history"]] == ["follow-up"]
    # the round trip: imported into a new database, the history comes along and undoes
    exported = tmp_path / "all.json"
    exported.write_text(out)
    copy = tmp_path / "copy.json"
    assert run(capsys, "--db", str(copy), "init", "--empty")[0] == 0
    assert run(capsys, "--db", str(copy), "import", str(exported))[0] == 0
    code, out, _ = run(capsys, "--db", str(copy), "history", PID, "--json")
    assert code == 0 and [c["origin"] for c in json.loads(out)] == ["follow-up"]
    assert run(capsys, "--db", str(copy), "undo", PID)[0] == 0
    restored = Store(copy).proposal(PID)
    assert restored is not None and restored.status == "proposed"


def test_an_export_restored_over_the_bundled_meetings_records_no_change_of_its_own(
    capsys, store: Store, tmp_path: Path
) -> None:
    """Restored with `import --update` into a new database (which starts with the bundled
    meetings), an export's history was followed by an "import --update" of the same change:
    undo took the import back and left the follow-up listed as in effect (found by a reader
    of docs/cli.md, which says such a restore is exact)."""
    run(capsys, "follow-up", PID, "--status", "agreed", "--date", "2025-06-01", "--note", "x")
    exported = tmp_path / "all.json"
    exported.write_text(run(capsys, "list", "--json", "--history")[1])
    copy = tmp_path / "copy.json"
    assert run(capsys, "--db", str(copy), "import", "--update", str(exported))[0] == 0
    code, out, _ = run(capsys, "--db", str(copy), "history", PID, "--json")
    assert code == 0 and [c["origin"] for c in json.loads(out)] == ["follow-up"]
    code, out, _ = run(capsys, "--db", str(copy), "undo", PID)
    assert code == 0 and "agreed → proposed" in out
    restored = Store(copy).proposal(PID)
    assert restored is not None and restored.status == "proposed" and not restored.follow_up
    # a record changed there meanwhile is not what the export's history starts from: the
    # import is then a change of its own
    other = tmp_path / "other.json"
    assert run(capsys, "--db", str(other), "init")[0] == 0
    assert run(capsys, "--db", str(other), "follow-up", PID, "--status", "dropped")[0] == 0
    assert run(capsys, "--db", str(other), "import", "--update", str(exported))[0] == 0
    code, out, _ = run(capsys, "--db", str(other), "history", PID, "--json")
    assert "import --update" in [c["origin"] for c in json.loads(out)]


def test_the_history_of_a_deleted_meeting_is_listed(capsys, store: Store) -> None:
    store.delete_meeting(MID)
    code, out, _ = run(capsys, "history", MID)
    assert code == 0 and "deleted" in out and "meeting deleted" in out
    assert run(capsys, "undo", MID)[0] == 0
    assert store.meeting(MID) is not None


def test_delete_asks_for_yes_deletes_and_undo_brings_it_back(capsys, store: Store) -> None:
    before = store.path.read_bytes()
    code, out, _ = run(capsys, "delete", MID)
    assert code == 1 and "would delete 2025-04-01-penza" in out and "--yes" in out
    assert store.path.read_bytes() == before  # nothing written without --yes
    code, out, _ = run(capsys, "delete", MID, "--yes")
    assert code == 0 and f"coopbrowse undo {MID}" in out
    assert store.meeting(MID) is None and store.proposal(PID) is None
    code, out, _ = run(capsys, "history", MID)
    assert code == 0 and "deleted" in out
    assert run(capsys, "undo", MID)[0] == 0
    assert store.meeting(MID) is not None and store.proposal(PID) is not None


def test_delete_says_what_it_would_delete_in_plain_english(capsys, store: Store) -> None:
    from coopbrowse.store.model import Meeting

    penza = store.meeting(MID)
    assert penza is not None
    data = penza.to_dict()
    store.edit_meeting(
        Meeting.from_dict({**data, "proposals": data["proposals"][:1], "trade": data["trade"][:1]})
    )
    code, out, _ = run(capsys, "delete", MID)
    assert code == 1 and "(1 proposal, 1 trade figure)" in out


@pytest.mark.parametrize(
    ("record", "message"),
    [(PID, f"it is a proposal of {MID}"), ("no-such-meeting", "no meeting with id")],
)
def test_delete_of_what_is_not_a_meeting_is_one_clear_error(
    capsys, store: Store, record: str, message: str
) -> None:
    before = store.path.read_bytes()
    code, _out, err = run(capsys, "delete", record, "--yes")
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert store.path.read_bytes() == before


def test_the_current_status_again_bare_changes_nothing_and_keeps_its_age(
    capsys, store: Store
) -> None:
    """``f`` then ctrl+s on an untouched follow-up form (or ``--status`` with the status the
    proposal has) wrote a step dated today: the proposal looked new ("since" today, age 0)
    and fell to the end of "longest unchanged first"."""
    proposal = store.proposal(PID)
    assert proposal is not None
    assert not proposal.status_from_article and not proposal.follow_up
    before = store.path.read_bytes()
    code, out, _ = run(capsys, "follow-up", PID, "--status", proposal.status)
    assert code == 1 and "nothing changed" in out
    assert store.path.read_bytes() == before
    store.follow_up(PID, status="agreed", date="2025-06-01")
    assert store.follow_up(PID, status="agreed") is None  # bare again: nothing
    noted = store.follow_up(PID, status="agreed", date="2025-09-01", note="still agreed")
    assert noted is not None  # a confirmation with a note is recorded...
    found = Store.open(store.path).proposal(PID)
    assert found is not None and len(found.follow_up) == 2
    assert found.status_since == "2025-06-01"  # ...and the status dates from its change
    store.follow_up(PID, status="stalled", date="2025-10-01")
    found = Store.open(store.path).proposal(PID)
    assert found is not None and found.status_since == "2025-10-01"


def test_the_status_the_article_gave_is_confirmed_by_the_same_status(store: Store) -> None:
    meeting = store.meeting(MID)
    assert meeting is not None
    proposal = next(p for p in meeting.proposals if p.id == PID)
    proposal.status_from_article = True
    store.put_meetings([meeting], update=True)
    assert store.proposal(PID).status_from_article  # type: ignore[union-attr]
    assert store.follow_up(PID, status=proposal.status, date="2025-06-01") is not None
    found = Store.open(store.path).proposal(PID)
    assert found is not None and not found.status_from_article and len(found.follow_up) == 1


def test_the_articles_status_confirmed_dates_from_the_meeting(store: Store) -> None:
    """``f`` then ctrl+s on a proposal whose status the article gave dated the status today:
    it looked new ("since" today, age 0) and fell to the end of "longest unchanged first"
    (a new user). Confirmed as it stands, it holds since the meeting."""
    meeting = store.meeting(MID)
    assert meeting is not None
    proposal = next(p for p in meeting.proposals if p.id == PID)
    proposal.status_from_article = True
    store.put_meetings([meeting], update=True)
    assert store.follow_up(PID, status=proposal.status) is not None
    found = Store.open(store.path).proposal(PID)
    assert found is not None and not found.status_from_article
    assert found.status_since == meeting.date
    # a new status is dated today unless told
    import datetime as dt

    store.follow_up(PID, status="agreed")
    found = Store.open(store.path).proposal(PID)
    assert found is not None and found.status_since == dt.date.today().isoformat()


def test_a_confirmation_is_never_dated_in_the_future_nor_before_a_step(store: Store) -> None:
    """Dated from the meeting, a confirmation of a meeting still to come was refused as in
    the future; one of a proposal with steps went before them (a review). It is dated from
    the meeting or its latest step, and today at the latest."""
    import datetime as dt

    today = dt.date.today()
    meeting = store.meeting(MID)
    assert meeting is not None
    data = meeting.to_dict()
    data["id"], data["date"] = "2999-01-01-penza", (today + dt.timedelta(days=3)).isoformat()
    for i, p in enumerate(data["proposals"]):
        p["id"], p["meeting_id"], p["status_from_article"] = (
            f"2999-01-01-penza-q{i}",
            data["id"],
            True,
        )
    data["proposals"][1]["follow_up"] = [{"date": today.isoformat(), "status": "agreed"}]
    data["proposals"][1]["status"] = "agreed"
    store.put_meetings([Meeting.from_dict(data)])
    first = data["proposals"][0]
    assert store.follow_up(first["id"], status=first["status"]) is not None
    assert store.proposal(first["id"]).status_since == today.isoformat()  # type: ignore[union-attr]
    store.follow_up(data["proposals"][1]["id"], status="agreed")
    steps = store.proposal(data["proposals"][1]["id"]).follow_up  # type: ignore[union-attr]
    assert [f.date for f in steps] == sorted(f.date for f in steps)
    # before the meeting is allowed for a meeting to come, but not any date at all (a probe)
    with pytest.raises(StoreError, match="0001-01-01 is before 1991-12-08"):
        store.follow_up(data["proposals"][2]["id"], status="dropped", date="0001-01-01")


def test_a_proposals_follow_up_reads_plainly_in_its_detail(capsys, store: Store) -> None:
    """The detail wrapped a step's source address to the margin, and said "raised again at
    1 later meeting(s):" above the line that names it (of the same day, too) (a new user).
    The address is under its step; each meeting it was raised at again is named once."""
    pid = "2025-04-01-penza-p01"
    url = "https://www.example.org/news/" + "x" * 40
    store.follow_up(pid, status="agreed", date="2025-06-01", note="Memo signed", url=url)
    store.follow_up(pid, raised_again="2025-10-20-mordovia-karankevich")
    code, out, _err = run(capsys, "show", pid)
    assert code == 0
    lines = out.splitlines()
    step = next(i for i, line in enumerate(lines) if "Memo signed" in line)
    assert lines[step + 1].strip() == url and lines[step + 1].startswith("    ")
    assert "later meeting" not in out
    assert out.count("Raised again at") == 1


def test_history_shows_as_much_of_a_value_as_the_terminal_has_room_for(
    capsys, store: Store, monkeypatch
) -> None:
    """A new title was cut at 30 characters ("KAMAZ–MAZ cooperation on heav…") in any
    terminal: each value now has its share of the line."""
    meeting = store.meeting(MID)
    assert meeting is not None
    title = "Joint assembly of Mogilevliftmash elevators in Penza, with local parts"
    store.edit_meeting(Meeting.from_dict({**meeting.to_dict(), "title": title}))
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "history", MID)
    assert code == 0 and title not in out  # (30 characters a value: cut)
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run(capsys, "history", MID)
    assert code == 0 and f"→ {title}" in out
    # a follow-up's note is one value, not old and new: it has the room of both (it was cut
    # at 40 characters in any terminal, where the history is where to read it in full)
    note = "Contract signed in Minsk after a second round of talks on prices"
    store.follow_up(f"{MID}-p01", status="agreed", note=note)
    code, out, _ = run(capsys, "history", MID)
    assert code == 0 and f"agreed: {note}" in out
    # (a meeting's history says whose follow-up it is, as its status lines do; a
    # proposal's own, not)
    assert f"+ follow-up of {MID}-p01 " in out
    code, out, _ = run(capsys, "history", f"{MID}-p01")
    assert code == 0 and "+ follow-up 20" in out and "follow-up of" not in out


def test_show_of_a_deleted_meeting_or_its_proposal_says_undo_brings_it_back(
    capsys, store: Store
) -> None:
    """`show` on a deleted meeting said only "no meeting or proposal with id …" (found by a
    new user): it says when it was deleted, and how to bring it back."""
    proposal = store.meeting(MID).proposals[0].id  # type: ignore[union-attr]
    code, _out, _err = run(capsys, "delete", MID, "--yes")
    assert code == 0
    for rid in (MID, proposal):
        code, _out, err = run(capsys, "show", rid)
        assert code == 2
        assert f"no meeting or proposal with id {rid!r}: deleted " in err
        assert f"UTC (`coopbrowse undo {MID}` brings it back)" in err
    code, _out, err = run(capsys, "show", "2099-01-01-nowhere")
    assert code == 2 and "deleted" not in err and "(see `coopbrowse list`)" in err


def test_show_of_an_unknown_id_in_a_large_database_reads_no_history(
    capsys, store: Store, monkeypatch
) -> None:
    """At 100,000 meetings reading the history takes seconds and gigabytes, for what may be
    a typo: the error says how to ask instead."""
    from coopbrowse.store import db, writer

    monkeypatch.setattr(writer, "CHILD_FROM", 0)  # (this database counts as large)
    monkeypatch.setattr(db.Store, "history", lambda self, rid: pytest.fail("history read"))
    code, _out, _err = run(capsys, "delete", MID, "--yes")
    assert code == 0
    code, _out, err = run(capsys, "show", MID)
    assert code == 2 and "`coopbrowse history ID` tells whether it was deleted" in err


def test_a_note_on_the_status_as_it_stands_does_not_make_it_younger(capsys, store) -> None:
    """A note-only follow-up on a proposal proposed at its meeting re-dated the status to
    the note's day ("proposed since 2023-12-18, 1,085 d" became 950 d; with no date, 0 d):
    a new user's trial. It is recorded as a confirmation and does not date the status; a
    change of status after it does, and a note after that does not again."""
    pid = "2023-12-18-moscow-oblast-p02"
    before = store.proposal(pid)
    assert before is not None and before.status == "proposed" and before.status_since == ""
    code, _out, err = run(capsys, "follow-up", pid, "--date", "2024-05-01", "--note", "n")
    assert code == 0, err
    noted = Store.open(store.path).proposal(pid)
    assert noted is not None and noted.status_since == "" and noted.follow_up[-1].confirms
    step = ("--status", "agreed", "--date", "2024-06-01")
    assert run(capsys, "follow-up", pid, *step)[0] == 0
    agreed = Store.open(store.path).proposal(pid)
    assert agreed is not None and agreed.status_since == "2024-06-01"
    assert not agreed.follow_up[-1].confirms
    code, _out, err = run(capsys, "follow-up", pid, "--note", "undated: today")
    assert code == 0, err
    noted = Store.open(store.path).proposal(pid)
    assert noted is not None and noted.status_since == "2024-06-01"
    # (the record keeps what was said: a confirmation is marked so in its follow-up)
    code, out, _err = run(capsys, "show", pid, "--json")
    [mine] = [q for q in json.loads(out)["proposals"] if q["id"] == pid]
    steps = mine["follow_up"]
    assert [s.get("confirms", False) for s in steps] == [True, False, True]


def test_a_note_on_the_articles_status_does_not_date_it_either(capsys, store) -> None:
    """A note on a status taken from the article (every drafted proposal's) dated it to the
    note's day, where the app's dialog dated it to the meeting (a review): a confirmation."""
    meetings = store.meetings()
    for m in meetings:
        for p in m.proposals:
            p.status_from_article = True
    store.put_meetings(meetings, update=True)
    pid = "2023-12-18-moscow-oblast-p02"
    code, _out, err = run(capsys, "follow-up", pid, "--date", "2026-03-01", "--note", "seen")
    assert code == 0, err
    found = Store.open(store.path).proposal(pid)
    assert found is not None and found.status_since == "" and not found.status_from_article


def test_the_confirmation_keeps_an_id_whole_at_80_columns(capsys, store, monkeypatch) -> None:
    later = "2025-10-20-mordovia-karankevich"  # (31 characters: cut to 30 at 80 columns)
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "follow-up", PID, "--raised-at", later)
    assert code == 0 and f"→ {later}\n" in out
