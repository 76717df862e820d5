"""Change history, undo and follow-up in the store; the schema-1 -> 2 migration."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace as struct_replace

from coopbrowse.store import NothingToUndo, NotWritable, RecordChanged, Store, StoreError
from coopbrowse.store.history import describe, diff, revert
from coopbrowse.store.model import Change, Meeting
from coopbrowse.store.taxonomy import STATUSES

FIXTURES = Path(__file__).parent / "fixtures"
PENZA = "2025-04-01-penza"


def edited(meeting: Meeting, **fields: Any) -> Meeting:
    return Meeting.from_dict({**meeting.to_dict(), **fields})


def test_a_status_or_sector_change_is_told_as_the_app_names_them(store: Store) -> None:
    """The undo question said "status: in-progress → agreed", where the app says "in
    progress" (found by a new user): a status and a sector are told by their names."""
    before = store.meeting(PENZA)
    assert before is not None
    data = before.to_dict()
    data["proposals"][0]["status"] = "in-progress"
    data["proposals"][0]["sector"] = "construction"
    change = store.edit_meeting(Meeting.from_dict(data), expected=before.to_dict())
    assert change is not None
    lines = describe(change)
    pid = before.proposals[0].id
    assert f"{pid}.status: {before.proposals[0].status} → in progress" in lines, lines
    assert any(line.startswith(f"{pid}.sector: ") and line.endswith(" → Construction")
               for line in lines), lines  # fmt: skip


def test_a_changed_source_is_told_field_by_field(store: Store) -> None:
    """It said "source: … → …" (a re-import from another file: only the document differed)."""
    before = store.meeting(PENZA)
    assert before is not None
    data = before.to_dict()
    data["source"]["document"] = "penza-again.txt"
    change = store.edit_meeting(Meeting.from_dict(data), expected=before.to_dict())
    assert change is not None
    assert describe(change) == [f"source.document: {before.source.document} → penza-again.txt"]


def test_fields_are_told_by_names_a_reader_knows(store: Store) -> None:
    """Undo and History said "p03.status_from_article: yes → no" (a new user's trial)."""
    before = store.meeting(PENZA)
    assert before is not None
    data = before.to_dict()
    data["proposals"][0]["status_from_article"] = not before.proposals[0].status_from_article
    data["date_inferred"] = not before.date_inferred
    change = store.edit_meeting(Meeting.from_dict(data), expected=before.to_dict())
    assert change is not None
    lines = describe(change)
    pid = before.proposals[0].id
    assert any(line.startswith(f"{pid}.status from the article: ") for line in lines), lines
    assert any(line.startswith("year inferred: ") for line in lines), lines
    assert not any("_" in line.split(":")[0] for line in lines), lines


def test_a_proposals_history_says_its_meeting_was_deleted_and_restored(store: Store) -> None:
    """A proposal's history listed its meeting's deletion and restoring with no line under
    them."""
    pid = store.meeting(PENZA).proposals[0].id  # type: ignore[union-attr]
    store.delete_meeting(PENZA)
    store.undo(PENZA)
    lines = [describe(c, pid) for c in store.history(pid)]
    assert lines[-2:] == [["meeting deleted"], ["meeting restored"]], lines


def test_an_edit_is_recorded_and_undone(store: Store) -> None:
    before = store.meeting(PENZA)
    assert before is not None and before.history == []
    change = store.edit_meeting(edited(before, summary="Rewritten."), expected=before.to_dict())
    assert change is not None and change.origin == "edit"
    assert change.changes == [{"path": "summary", "old": before.summary, "new": "Rewritten."}]
    after = store.meeting(PENZA)
    assert after is not None and after.summary == "Rewritten."
    assert [c.id for c in after.history] == [change.id]
    assert describe(change) == [f"summary: {before.summary[:29]}… → Rewritten."]

    undo = store.undo(PENZA)
    assert undo.origin == "undo" and undo.undoes == change.id
    restored = store.meeting(PENZA)
    assert restored is not None and restored.to_dict() == before.to_dict()
    # the undo is a change of its own; nothing is left to undo after it
    assert [c.origin for c in store.history(PENZA)] == ["edit", "undo"]
    with pytest.raises(NothingToUndo, match="no recorded change to undo"):
        store.undo(PENZA)


def test_an_undo_is_taken_back_by_redo_and_redo_is_undone_in_its_turn(store: Store) -> None:
    """u then u again said "no change to undo", the edit listed as undone with no way to
    bring it back (a trial). Redo takes back the latest undo not taken back, latest first;
    it is a change of its own, which undo takes back."""
    from coopbrowse.store.history import redoable, undone_of

    before = store.meeting(PENZA)
    assert before is not None
    first = store.edit_meeting(edited(before, summary="One."), expected=before.to_dict())
    one = store.meeting(PENZA)
    assert first is not None and one is not None
    second = store.edit_meeting(edited(one, place="Two"), expected=one.to_dict())
    two = store.meeting(PENZA)
    assert second is not None and two is not None
    with pytest.raises(NothingToUndo, match="nothing to redo \\(its latest change is no undo\\)"):
        store.redo(PENZA)
    store.undo(PENZA)
    store.undo(PENZA)
    assert store.meeting(PENZA).to_dict() == before.to_dict()
    # the latest undo first: the first edit comes back, then the second
    redo = store.redo(PENZA)
    assert redo.origin == "redo" and store.meeting(PENZA).to_dict() == one.to_dict()
    store.redo(PENZA)
    assert store.meeting(PENZA).to_dict() == two.to_dict()
    with pytest.raises(NothingToUndo, match="nothing to redo"):
        store.redo(PENZA)
    history = store.history(PENZA)
    assert [c.origin for c in history] == ["edit", "edit", "undo", "undo", "redo", "redo"]
    assert undone_of(history) == {c.id for c in history if c.origin == "undo"}
    # undo takes the last redo back (the second edit undone again), and redo it again
    store.undo(PENZA)
    assert store.meeting(PENZA).to_dict() == one.to_dict()
    assert second.id in undone_of(store.history(PENZA))
    store.redo(PENZA)
    assert store.meeting(PENZA).to_dict() == two.to_dict()
    assert undone_of(store.history(PENZA)).isdisjoint({first.id, second.id})
    # a change made after an undo: nothing to redo (it would be written over)
    store.undo(PENZA)
    now = store.meeting(PENZA)
    store.edit_meeting(edited(now, title="Three"), expected=now.to_dict())
    assert redoable(store.history(PENZA), PENZA) is None
    with pytest.raises(NothingToUndo, match="its latest change is no undo"):
        store.redo(PENZA)


def test_a_record_with_no_undo_has_nothing_to_redo(store: Store) -> None:
    with pytest.raises(NothingToUndo, match="no change of it was undone"):
        store.redo(PENZA)


def test_an_edit_that_changes_nothing_writes_nothing(store: Store) -> None:
    meeting = store.meeting(PENZA)
    assert meeting is not None
    mtime = store.path.stat().st_mtime_ns
    assert store.edit_meeting(meeting) is None
    assert store.path.stat().st_mtime_ns == mtime
    assert store.history(PENZA) == []


def test_an_edit_of_a_record_changed_elsewhere_is_refused(store: Store) -> None:
    opened = store.meeting(PENZA)
    assert opened is not None
    other = Store(store.path)  # another process edits it meanwhile
    other.edit_meeting(edited(opened, place="Minsk, Palace of Independence"))
    with pytest.raises(RecordChanged, match="changed elsewhere") as caught:
        store.edit_meeting(edited(opened, summary="Mine."), expected=opened.to_dict())
    assert caught.value.current["place"] == "Minsk, Palace of Independence"
    now = store.meeting(PENZA)
    assert now is not None and now.summary == opened.summary  # nothing overwritten


def test_adding_and_removing_a_proposal_and_a_trade_figure(store: Store) -> None:
    meeting = store.meeting(PENZA)
    assert meeting is not None
    data = meeting.to_dict()
    first = data["proposals"].pop(0)
    data["proposals"].append({**first, "id": f"{PENZA}-p99", "title": "A new proposal"})
    data["trade"].append({"period": "2026", "metric": "turnover", "usd_millions": 5.0})
    change = store.edit_meeting(Meeting.from_dict(data))
    assert change is not None
    paths = [c["path"] for c in change.changes]
    assert paths == [
        "trade",
        f"proposals[{first['id']}]",
        f"proposals[{PENZA}-p99]",
        "proposals#order",
    ]
    lines = describe(change)
    assert "+ trade: 2026 turnover" in lines
    assert f"- proposal: {first['title']}" in lines and "+ proposal: A new proposal" in lines
    assert "proposals reordered" not in lines  # one gone, one added: none moved
    store.undo(PENZA)
    again = store.meeting(PENZA)
    assert again is not None and again.to_dict() == meeting.to_dict()  # order included


def test_an_undo_a_later_change_built_on_names_that_change(store: Store) -> None:
    """A new user added a proposal and moved the meeting (edit A), moved it again (edit B),
    then undid the proposal: the app asked, and then refused ("place was changed since").
    The refusal names the later change to undo first; undone, the proposal's undo works."""
    meeting = store.meeting(PENZA)
    assert meeting is not None
    data = meeting.to_dict()
    first = data["proposals"][0]
    data["proposals"].append({**first, "id": f"{PENZA}-p99", "title": "A new proposal"})
    data["place"] = "Gomel"
    a = store.edit_meeting(Meeting.from_dict(data))
    assert a is not None
    moved = store.meeting(PENZA)
    assert moved is not None
    b = store.edit_meeting(edited(moved, place="Vitebsk"))
    c = store.follow_up(first["id"], status="agreed", note="unrelated to the place")
    assert b is not None and c is not None
    when = b.at.replace("T", " ").removesuffix("Z")
    with pytest.raises(StoreError) as err:
        store.undo(f"{PENZA}-p99")
    said = str(err.value)
    assert "place was changed since" in said
    assert f"by the change of {when} UTC ({b.id}) to {PENZA}; undo the meeting's changes" in said
    assert f"the change of {a.at.replace('T', ' ').removesuffix('Z')} UTC" in said
    still = store.meeting(PENZA)
    assert still is not None and still.place == "Vitebsk"  # (nothing undone)
    store.undo(PENZA)  # the follow-up (the meeting's latest change)
    store.undo(PENZA)  # edit B
    undone = store.undo(f"{PENZA}-p99")
    assert undone.undoes == a.id
    again = store.meeting(PENZA)
    assert again is not None and again.to_dict() == meeting.to_dict()


def test_an_undo_refused_names_the_change_of_the_field_that_drifted(store: Store) -> None:
    """Edit A adds a proposal and changes the place and the summary; B changes the place,
    C the summary. The proposal's undo is refused over the place, the first field that
    drifted: B is named, not C (the latest change to touch any of A's fields)."""
    meeting = store.meeting(PENZA)
    assert meeting is not None
    data = meeting.to_dict()
    data["proposals"].append({**data["proposals"][0], "id": f"{PENZA}-p99", "title": "New"})
    data.update(place="Gomel", summary="Rewritten.")
    assert store.edit_meeting(Meeting.from_dict(data)) is not None
    now = store.meeting(PENZA)
    assert now is not None
    b = store.edit_meeting(edited(now, place="Vitebsk"))
    now = store.meeting(PENZA)
    assert now is not None and b is not None
    c = store.edit_meeting(edited(now, summary="Rewritten again."))
    assert c is not None
    with pytest.raises(StoreError) as err:
        store.undo(f"{PENZA}-p99")
    said = str(err.value)
    assert "place was changed since" in said  # (A's fields are checked in their order)
    assert f"by the change of {b.at.replace('T', ' ').removesuffix('Z')} UTC ({b.id})" in said
    assert c.id not in said


def test_proposals_that_changed_places_are_said_to(store: Store) -> None:
    meeting = store.meeting(PENZA)
    assert meeting is not None and len(meeting.proposals) >= 2
    data = meeting.to_dict()
    data["proposals"][0], data["proposals"][1] = data["proposals"][1], data["proposals"][0]
    change = store.edit_meeting(Meeting.from_dict(data))
    assert change is not None and describe(change) == ["proposals reordered"]


def test_a_removed_proposals_id_is_never_given_to_a_new_one(store: Store) -> None:
    """Its history (follow-ups, the removal) and links to it stay its own: a proposal added
    later gets the next number after every one the meeting has had."""
    meeting = store.meeting(PENZA)
    assert meeting is not None
    data = meeting.to_dict()
    last = data["proposals"].pop()  # the highest number: the one a reuse would take
    store.follow_up(last["id"], status="agreed", date="2025-05-01")
    data = store.meeting(PENZA).to_dict()  # type: ignore[union-attr]
    data["proposals"] = [p for p in data["proposals"] if p["id"] != last["id"]]
    store.edit_meeting(Meeting.from_dict(data))
    # a new proposal numbered as an editor would (the next free number): given its own
    data["proposals"].append({**last, "id": last["id"], "title": "Brand new", "follow_up": []})
    change = store.edit_meeting(Meeting.from_dict(data))
    assert change is not None
    after = store.meeting(PENZA)
    assert after is not None
    new = after.proposals[-1]
    assert new.title == "Brand new" and new.id != last["id"]
    number = int(last["id"].rsplit("-p", 1)[1])
    assert new.id == f"{PENZA}-p{number + 1:02d}"
    assert [c["path"] for c in change.changes] == [f"proposals[{new.id}]", "proposals#order"]
    # the old id's history is the follow-up and the removal, nothing of the new one
    lines = [line for c in store.history(last["id"]) for line in describe(c, last["id"])]
    assert not any("Brand new" in line for line in lines)


def test_a_draft_that_replaces_a_meeting_brings_new_proposals(store: Store) -> None:
    """Replacing a stored meeting with a fresh draft of it (import-article --update, the
    app's "Replace"): the draft's proposals are new ones, not edits of the stored ones, so
    a status set on a stored proposal is not handed to whatever draft proposal has its
    number."""
    from coopbrowse.store.ingest import prepare_draft, save_draft

    stored = store.meeting(PENZA)
    assert stored is not None
    first = stored.proposals[0]
    store.follow_up(first.id, status="agreed", date="2025-05-01")
    draft = stored.to_dict()
    draft["proposals"] = [
        {**p, "id": "", "status": "proposed", "follow_up": []} for p in draft["proposals"][:2]
    ]
    meeting = prepare_draft(store, draft)
    assert save_draft(store, meeting, update=True) == ("updated", PENZA)
    after = store.meeting(PENZA)
    assert after is not None
    old_ids = {p.id for p in stored.proposals}
    assert not {p.id for p in after.proposals} & old_ids
    assert all(p.status == "proposed" for p in after.proposals)
    [change] = [c for c in store.history(PENZA) if c.origin == "article"]
    lines = describe(change)
    assert f"- proposal: {first.title}" in lines
    assert lines.count(f"+ proposal: {first.title}") == 1


def test_a_draft_of_a_deleted_meeting_brings_proposals_of_its_own(store: Store) -> None:
    from coopbrowse.store.ingest import prepare_draft, save_draft

    stored = store.meeting(PENZA)
    assert stored is not None
    store.follow_up(stored.proposals[0].id, status="agreed", date="2025-05-01")
    assert store.delete_meeting(PENZA)
    draft = stored.to_dict()
    draft["proposals"] = [
        {**p, "id": "", "status": "proposed", "follow_up": []} for p in draft["proposals"][:2]
    ]
    assert save_draft(store, prepare_draft(store, draft))[0] == "added"
    again = store.meeting(PENZA)
    assert again is not None
    assert not {p.id for p in again.proposals} & {p.id for p in stored.proposals}


def test_a_meeting_added_from_an_article_is_recorded_and_undone(store: Store) -> None:
    """A meeting drafted from an article and saved had no history: where it came from was
    not said, and undo had nothing to take back (found by a new user). Its addition is a
    change, from the article; undoing it removes the meeting; a bulk import records none."""
    from coopbrowse.store.ingest import prepare_draft, save_draft

    stored = store.meeting(PENZA)
    assert stored is not None
    draft = {**stored.to_dict(), "id": "2025-05-02-penza", "date": "2025-05-02", "proposals": []}
    draft["source"] = {**draft["source"], "document": "penza-report.txt", "url": ""}
    meeting = prepare_draft(store, draft)
    assert save_draft(store, meeting) == ("added", meeting.id)
    [change] = store.history(meeting.id)
    assert change.origin == "article"
    assert describe(change) == ["meeting added from penza-report.txt"]
    store.undo(meeting.id)
    assert store.meeting(meeting.id) is None
    assert [c.origin for c in store.history(meeting.id)] == ["article", "undo"]
    # (an import of many records none: a bulk import's history would double its size)
    again = struct_replace(meeting, id="2025-05-03-penza", date="2025-05-03", proposals=[])
    store.put_meetings([again])
    assert store.history(again.id) == []


def test_a_wrong_date_is_said_even_when_the_status_would_not_change(store: Store) -> None:
    """``--status in-progress --date 2027-01-01`` on a proposal already in progress said
    "nothing changed" (exit 1): the date was never looked at (a new user)."""
    meeting = store.meeting(PENZA)
    assert meeting is not None
    pid = meeting.proposals[0].id
    store.follow_up(pid, status="in-progress", date="2025-06-01")
    before = store.path.read_bytes()
    with pytest.raises(StoreError, match="2999-01-01 is in the future"):
        store.follow_up(pid, status="in-progress", date="2999-01-01")
    with pytest.raises(StoreError, match="before the proposal's meeting"):
        store.follow_up(pid, status="in-progress", date="2001-01-01")
    assert store.follow_up(pid, status="in-progress", date="2025-06-02") is None  # (as is)
    assert store.path.read_bytes() == before


def test_a_follow_up_dated_before_the_latest_one_is_refused(store: Store) -> None:
    """Entered after "agreed" of 2025-06-01, "stalled" of 2025-05-01 was appended after it:
    the status said stalled since May while its steps read June then May (a probe)."""
    pid = "2025-04-01-penza-p02"
    store.follow_up(pid, status="agreed", date="2025-06-01")
    before = store.path.read_bytes()
    with pytest.raises(
        StoreError, match=r"2025-05-01 is before the latest follow-up \(2025-06-01\)"
    ):
        store.follow_up(pid, status="stalled", date="2025-05-01")
    assert store.path.read_bytes() == before
    assert store.follow_up(pid, status="stalled", date="2025-06-01") is not None  # (same day)


def test_follow_up_changes_status_with_date_note_and_source(store: Store) -> None:
    meeting = store.meeting(PENZA)
    assert meeting is not None
    pid = meeting.proposals[0].id
    later = "2025-10-20-mordovia-lukashenko"
    change = store.follow_up(
        pid,
        status="agreed",
        date="2025-06-01",
        note="Contract signed",
        url="https://example.org/news",
        raised_again=later,
    )
    assert change is not None and change.origin == "follow-up"
    proposal = store.proposal(pid)
    assert proposal is not None
    assert proposal.status == "agreed" and not proposal.status_from_article
    assert [(f.date, f.status, f.note, f.url) for f in proposal.follow_up] == [
        ("2025-06-01", "agreed", "Contract signed", "https://example.org/news")
    ]
    assert proposal.raised_again == (later,)
    assert [c.origin for c in store.history(pid)] == ["follow-up"]
    # a change to another proposal is not this one's history
    store.follow_up(meeting.proposals[1].id, status="stalled", date="2025-07-01")
    assert [c.origin for c in store.history(pid)] == ["follow-up"]
    assert len(store.history(PENZA)) == 2
    # undo of the proposal reverts its own latest change, leaving the other one's
    store.undo(pid)
    back = store.proposal(pid)
    other = store.proposal(meeting.proposals[1].id)
    assert back is not None and back.to_dict() == meeting.proposals[0].to_dict()
    assert other is not None and other.status == "stalled"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"status": "finished"}, "unknown value 'finished'"),
        ({"status": "agreed", "date": "2025-13-01"}, "no such date, got '2025-13-01'"),
        ({"raised_again": "no-such-meeting"}, "no such meeting"),
        ({"raised_again": PENZA}, "its own meeting"),
        # an earlier meeting is not where it was raised again
        ({"raised_again": "2023-12-18-moscow-oblast"}, "it must be a later one"),
        # a follow-up is after its meeting and not after today; its source is a web address
        ({"status": "stalled", "date": "2999-01-01"}, "2999-01-01 is in the future"),
        ({"status": "agreed", "date": "2024-01-01"}, "before the proposal's meeting"),
        ({"status": "agreed", "date": "2025-05-01", "url": "ftp://x"}, "expected an http"),
        ({"status": "agreed", "date": "2025-05-01", "url": "www.example.com/x"}, "http"),
    ],
)
def test_a_bad_follow_up_is_one_clear_error(store: Store, options: Any, message: str) -> None:
    pid = f"{PENZA}-p01"
    before = store.path.read_bytes()
    with pytest.raises(StoreError, match=message):
        store.follow_up(pid, **options)
    assert store.path.read_bytes() == before


def test_a_deleted_meeting_is_restored_by_undo(store: Store) -> None:
    meeting = store.meeting(PENZA)
    assert meeting is not None
    assert store.delete_meeting(PENZA)
    assert store.meeting(PENZA) is None
    assert [c.origin for c in store.history(PENZA)] == ["delete"]
    store.undo(PENZA)
    restored = store.meeting(PENZA)
    assert restored is not None and restored.to_dict() == meeting.to_dict()


def test_import_update_is_recorded_and_history_round_trips(store: Store, tmp_path: Path) -> None:
    meeting = store.meeting(PENZA)
    assert meeting is not None
    report = store.put_meetings([edited(meeting, place="Penza")], update=True)
    assert report.updated == [PENZA]
    [change] = store.history(PENZA)
    assert change.origin == "import --update" and change.changes[0]["path"] == "place"
    # the same record again: nothing changed, nothing recorded
    store.put_meetings([edited(meeting, place="Penza")], update=True)
    assert len(store.history(PENZA)) == 1

    stored = store.meeting(PENZA)
    assert stored is not None
    exported = stored.to_dict(with_history=True)
    assert "history" not in stored.to_dict()  # list --json leaves it out
    copy = Store.open(tmp_path / "copy.json", seed=False)
    copy.put_meetings([Meeting.from_dict(json.loads(json.dumps(exported)))])
    again = copy.meeting(PENZA)
    assert again is not None and [c.to_dict() for c in again.history] == [change.to_dict()]
    # and the change can be undone there too
    copy.undo(PENZA)
    undone = copy.meeting(PENZA)
    assert undone is not None and undone.place == meeting.place


def test_an_undo_of_a_record_changed_outside_the_history_is_refused() -> None:
    meeting = Meeting("m-1", "2025-01-01", "Penza Oblast", "A meeting", summary="new").to_dict()
    change = Change(
        "h-1", "m-1", "2025-01-01T00:00:00Z", "edit", diff({**meeting, "summary": "old"}, meeting)
    )
    assert revert(meeting, change) == {**meeting, "summary": "old"}
    with pytest.raises(ValueError, match="summary was changed since"):
        revert({**meeting, "summary": "someone else's"}, change)


def test_migration_of_a_schema_1_database_keeps_every_record(tmp_path: Path) -> None:
    """A database written by release 0.1.0 (schema 1): two meetings of the user's (one
    synthetic, one bundled meeting they edited) and four untouched bundled ones."""
    path = tmp_path / "db.json"
    shutil.copy(FIXTURES / "schema1" / "db.json", path)
    old = json.loads(path.read_text())
    old_statuses = sorted(p["status"] for p in old["proposals"].values())
    old_ids = sorted(m["id"] for m in old["meetings"].values())

    store = Store.open(path)
    assert store.schema_version == 2
    assert sorted(m.id for m in store.meetings()) == old_ids
    assert store.merge_report is not None
    updated = set(store.merge_report.updated)
    # the statuses mapped to the workflow's (but those of a bundled meeting the newer
    # bundled dataset changed: they are the dataset's now)
    legacy = {"ongoing": "in-progress", "assigned": "agreed", "done": "implemented"}
    assert sorted(p.status for p in store.proposals() if p.meeting_id not in updated) == sorted(
        legacy.get(p["status"], p["status"])
        for p in old["proposals"].values()
        if p["meeting_id"] not in updated
    )
    assert old_statuses
    # each meeting's history starts empty; a bundled one the newer bundled dataset changed
    # (and only such a one) has that change recorded
    for m in store.meetings():
        assert [c.origin for c in m.history] == (["bundled update"] if m.id in updated else [])
    assert all(p.follow_up == [] and not p.status_from_article for p in store.proposals())
    # the user's edit is kept; the untouched bundled meetings still follow the dataset
    penza = store.meeting(PENZA)
    assert penza is not None and penza.summary == "My own summary of the Penza meeting."
    assert store.merge_report is not None and store.merge_report.kept == [PENZA]
    raw = json.loads(path.read_text())
    assert sorted(c["meeting_id"] for c in raw["history"].values()) == sorted(updated)
    assert set(raw["meta"]["1"]["bundled"]) == set(old["meta"]["1"]["bundled"])


def test_a_read_only_schema_1_database_is_read_as_migrated_and_left_as_it_is(
    tmp_path: Path,
) -> None:
    """An archived 0.1.0 database, made read-only, could not even be listed ("the database
    is read-only; nothing was changed"): it is read as migrated, and its file is untouched."""
    path = tmp_path / "db.json"
    shutil.copy(FIXTURES / "schema1" / "db.json", path)
    path.chmod(0o444)
    before = path.read_bytes()
    store = Store.open(path)
    assert store.schema_version == 2
    assert {p.status for p in store.proposals()} <= set(STATUSES)
    assert all(m.history == [] for m in store.meetings())
    assert "ongoing" in before.decode() and store.meeting(PENZA) is not None
    meeting = store.meeting(PENZA)
    assert meeting is not None
    with pytest.raises(NotWritable, match="read-only"):
        store.edit_meeting(Meeting.from_dict({**meeting.to_dict(), "summary": "new"}))
    assert path.read_bytes() == before


# Random edits and undos -----------------------------------------------------------------------

EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("summary"), st.text(max_size=12)),
        st.tuples(st.just("place"), st.sampled_from(["Minsk", "Penza", ""])),
        st.tuples(st.just("add trade"), st.integers(1, 999)),
        st.tuples(st.just("drop trade"), st.integers(0, 5)),
        st.tuples(st.just("status"), st.sampled_from(["agreed", "stalled", "implemented"])),
        st.tuples(st.just("add proposal"), st.integers(0, 99)),
        st.tuples(st.just("drop proposal"), st.integers(0, 20)),
    ),
    min_size=1,
    max_size=6,
)


def _apply(store: Store, meeting: Meeting, edit: tuple[str, Any]) -> None:
    kind, value = edit
    data = meeting.to_dict()
    if kind == "summary":
        data["summary"] = "".join(
            ch for ch in value if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF
        )
    elif kind == "place":
        data["place"] = value
    elif kind == "add trade":
        data["trade"].append({"period": "2026", "metric": "exports", "usd_millions": value})
    elif kind == "drop trade" and data["trade"]:
        data["trade"].pop(value % len(data["trade"]))
    elif kind == "status" and data["proposals"]:
        store.follow_up(data["proposals"][0]["id"], status=value, date="2026-01-01")
        return
    elif kind == "add proposal":
        taken = {p["id"] for p in data["proposals"]}
        pid = f"{meeting.id}-x{value}"
        if pid not in taken:
            data["proposals"].insert(
                value % (len(data["proposals"]) + 1),
                {"id": pid, "meeting_id": meeting.id, "sector": "elevators", "title": f"x{value}"},
            )
    elif kind == "drop proposal" and data["proposals"]:
        data["proposals"].pop(value % len(data["proposals"]))
    store.edit_meeting(Meeting.from_dict(data))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=EDITS, data=st.data())
def test_n_undos_give_back_the_record_n_changes_ago(edits: list[Any], data: Any) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(__file__).parent / "fixtures" / "schema1" / "db.json"
        path = Path(tmp) / "db.json"
        shutil.copy(source, path)
        store = Store.open(path)
        states: list[dict[str, Any]] = []
        for edit in edits:
            current = store.meeting(PENZA)
            assert current is not None
            before = current.to_dict()
            _apply(store, current, edit)
            after = store.meeting(PENZA)
            assert after is not None
            if after.to_dict() != before:
                states.append(before)
        n = data.draw(st.integers(0, len(states)), label="undos")
        for _ in range(n):
            store.undo(PENZA)
        final = store.meeting(PENZA)
        assert final is not None
        latest = after.to_dict() if edits else None
        expected = states[len(states) - n] if n else latest
        assert final.to_dict() == expected
        if n == len(states):
            with pytest.raises(NothingToUndo):
                store.undo(PENZA)


def test_a_long_text_changed_at_its_end_shows_where_it_differs() -> None:
    from coopbrowse.store.history import _change

    old = "Lukashenko invites Samara Oblast to cooperate in machine building"
    shown = _change(old, old + " and more")
    assert shown == "…machine building → …machine building and more"
    # short values are shown whole
    assert _change("2024", "2025") == "2024 → 2025"


@pytest.mark.parametrize(
    "old",
    [
        "Talks (see www.belta.by/president/view/lukashenko-meets-tula-governor-123456-2024)",
        "Belarus and Tula Oblast discuss [link=https://evil]click[/link]",
    ],
)
def test_a_change_after_a_long_unbroken_word_is_shown(old: str) -> None:
    """Cut from the start of the word before the difference, a web address longer than the
    excerpt left the difference out: "…www.belta.by/president/view/l… → …www.belta.by/
    president/view/l…" (found by a new user). The excerpt starts inside such a word."""
    from coopbrowse.store.history import _change

    new = old.replace("2024", "2025") if "2024" in old else old + " v2"
    before, after = _change(old, new).split(" → ")
    assert before != after
    assert before.rstrip("…").endswith(old[-6:]) and after.rstrip("…").endswith(new[-6:])


def test_an_item_whose_details_change_is_one_line_saying_what_changed() -> None:
    from coopbrowse.store.history import _items

    before = [{"name": "Dmitry Krutoi", "title": "Governor", "role": "guest"}]
    after = [{"name": "Dmitry Krutoi", "title": "Governor of Omsk Oblast", "role": "guest"}]
    assert _items("participants", before, after) == [
        "~ participants: Dmitry Krutoi: title Governor → Governor of Omsk Oblast"
    ]
    assert _items("participants", before, []) == ["- participants: Dmitry Krutoi"]


def test_a_meeting_still_to_come_can_be_followed_up_before_it() -> None:
    from coopbrowse.store.db import check_follow_up

    check_follow_up("2026-12-03", "", "2026-12-23", "2026-12-03")  # planned, not yet held
    with pytest.raises(StoreError, match="before the proposal's meeting"):
        check_follow_up("2026-11-01", "", "2026-11-20", "2026-12-03")


def test_bringing_back_a_deleted_meeting_undoes_nothing_else(store: Store) -> None:
    """The app's "bring back" after D: if the meeting was brought back elsewhere while the
    question was open, an undo took back the change before the delete (a follow-up). Only
    the delete is undone, and only while the meeting is deleted."""
    pid = "2025-04-01-penza-p01"
    store.follow_up(pid, status="implemented")
    store.delete_meeting("2025-04-01-penza")
    store.undo("2025-04-01-penza")  # (elsewhere, meanwhile)
    with pytest.raises(StoreError, match="brought back meanwhile; nothing was undone"):
        store.undo("2025-04-01-penza", only_delete=True)
    assert store.proposal(pid).status == "implemented"
    store.delete_meeting("2025-04-01-penza")
    assert store.undo("2025-04-01-penza", only_delete=True).origin == "undo"
    assert store.meeting("2025-04-01-penza") is not None


def test_a_long_change_in_the_history_wraps_under_its_own_start(store: Store) -> None:
    """At 160 columns a follow-up's note in a meeting's history wrapped to the margin."""
    from rich.console import Console

    from coopbrowse.tui.blocks import meeting_blocks

    note = "contract signed in Minsk after a long round of talks on prices, " * 3
    store.follow_up(f"{PENZA}-p01", status="agreed", note=note.strip())
    meeting = store.meeting(PENZA)
    assert meeting is not None
    console = Console(width=60, record=True, file=open(os.devnull, "w"))  # noqa: SIM115
    for block in meeting_blocks(meeting):
        if not hasattr(block, "target"):  # (links aside)
            console.print(block)
    lines = console.export_text().splitlines()
    start = next(i for i, line in enumerate(lines) if "contract signed" in line)
    wrapped = lines[start + 1 : start + 4]
    assert wrapped and all(line.startswith("    ") and line.strip() for line in wrapped), wrapped


def test_an_edit_made_over_a_change_elsewhere_wins_its_own_fields_only() -> None:
    from coopbrowse.store import history as hist

    original = {
        "id": "m",
        "title": "T",
        "summary": "S",
        "proposals": [{"id": "p1", "title": "A"}, {"id": "p2", "title": "B"}],
    }
    # elsewhere: the summary, p1 removed, p2's title, p3 added
    current = {
        "id": "m",
        "title": "T",
        "summary": "S elsewhere",
        "proposals": [{"id": "p2", "title": "B elsewhere"}, {"id": "p3", "title": "C"}],
    }
    # here: the summary, p1's title (removed elsewhere), p4 added
    mine = {
        "id": "m",
        "title": "T",
        "summary": "S here",
        "proposals": [
            {"id": "p1", "title": "A here"},
            {"id": "p2", "title": "B"},
            {"id": "p4", "title": "D"},
        ],
    }
    over = hist.apply_over(current, original, mine)
    assert over["summary"] == "S here"  # the edit's field: its own
    assert over["proposals"] == [
        {"id": "p1", "title": "A here"},  # changed here, removed there: the edit's
        {"id": "p2", "title": "B elsewhere"},  # untouched here: the change elsewhere's
        {"id": "p4", "title": "D"},
        {"id": "p3", "title": "C"},  # added there: kept, after the edit's order
    ]
