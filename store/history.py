"""Change history of records: what changed between two states of a meeting, and the way back.

A change is recorded as a list of ``{"path", "old", "new"}`` between the meeting's JSON form
(``Meeting.to_dict()``, proposals nested) before and after a write. Paths:

``summary``, ``trade``, ``source``, …     a meeting field (a list or object as a whole)
``proposals[ID]``                          a proposal added (old null) or removed (new null)
``proposals[ID].status``, …                a field of a proposal that stays
``proposals#order``                        the order of the proposal ids, when it changed
``""`` (empty)                             the whole record: a meeting replaced under another
                                           id, deleted (new null) or restored (old null)

:func:`revert` applies a change backwards to the record as it is now, after checking that
each changed value still is what the change left (else :class:`Drifted`: something changed
it since, outside the history). Undo takes the latest change of a record that is neither an
undo nor undone already; so n undos give back the record as it was n changes ago.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from typing import Any

from .model import Change
from .taxonomy import SECTOR_IDS, STATUS_LABELS, sector_label
from .text import cut

ORDER = "proposals#order"
_SKIP = ("proposals", "history")
# How a list of objects is named, item by item, in a compact diff.
_ITEM_NAMES: dict[str, Callable[[dict[str, Any]], str]] = {
    "participants": lambda v: v.get("name", ""),
    "trade": lambda v: f"{v.get('period', '')} {v.get('metric', '')}".strip(),
}


class Drifted(ValueError):
    """The record no longer holds what the change to revert left in it (``path``: the
    change's path that drifted)."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.path = path


def now() -> str:
    """The current time as recorded in a change: UTC, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_id() -> str:
    return "h-" + os.urandom(6).hex()


def diff(old: dict[str, Any] | None, new: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The changes that turn meeting ``old`` into ``new`` (both in ``to_dict`` form, without
    history); [] when they are the same."""
    if old is None or new is None or old.get("id") != new.get("id"):
        return [] if old == new else [{"path": "", "old": old, "new": new}]
    out: list[dict[str, Any]] = []
    for key in dict.fromkeys([*old, *new]):
        if key in _SKIP or key == "id":
            continue
        if old.get(key) != new.get(key):
            out.append({"path": key, "old": old.get(key), "new": new.get(key)})
    before = {p["id"]: p for p in old.get("proposals") or ()}
    after = {p["id"]: p for p in new.get("proposals") or ()}
    for pid, p in before.items():
        if pid not in after:
            out.append({"path": f"proposals[{pid}]", "old": p, "new": None})
    for pid, p in before.items():
        q = after.get(pid)
        if q is None:
            continue
        for key in dict.fromkeys([*p, *q]):
            if p.get(key) != q.get(key):
                path = f"proposals[{pid}].{key}"
                out.append({"path": path, "old": p.get(key), "new": q.get(key)})
    for pid, q in after.items():
        if pid not in before:
            out.append({"path": f"proposals[{pid}]", "old": None, "new": q})
    if list(before) != list(after):
        out.append({"path": ORDER, "old": list(before), "new": list(after)})
    return out


def _split(path: str) -> tuple[str, str]:
    """``proposals[ID].field`` -> ``(ID, field)``; ``proposals[ID]`` -> ``(ID, "")``."""
    inner = path[len("proposals[") :]
    pid, _, rest = inner.partition("]")
    return pid, rest.removeprefix(".")


def revert(current: dict[str, Any] | None, change: Change) -> dict[str, Any] | None:
    """The record ``current`` with ``change`` undone (None: the record did not exist before
    it). Raises :class:`Drifted` when ``current`` no longer holds what the change left."""
    whole = [c for c in change.changes if c["path"] == ""]
    if whole:
        if current != whole[0]["new"]:
            raise Drifted("the record was changed since")
        old: dict[str, Any] | None = whole[0]["old"]
        return old
    if current is None:
        raise Drifted("the record no longer exists")
    record = dict(current)
    proposals = {p["id"]: dict(p) for p in record.get("proposals") or ()}
    order: list[str] | None = None
    for c in change.changes:
        if c["path"] == ORDER:
            if list(proposals) != c["new"]:
                raise Drifted("the record's proposals were changed since", ORDER)
            order = c["old"]
    for c in change.changes:
        path, old, new = c["path"], c["old"], c["new"]
        if path == ORDER:
            continue
        if path.startswith("proposals["):
            pid, key = _split(path)
            if not key:
                if proposals.get(pid) != new:
                    raise Drifted(f"proposal {pid} was changed since", path)
                if old is None:
                    del proposals[pid]
                else:
                    proposals[pid] = dict(old)
            else:
                if pid not in proposals or proposals[pid].get(key) != new:
                    raise Drifted(f"proposal {pid} was changed since", path)
                proposals[pid][key] = old
        else:
            if record.get(path) != new:
                raise Drifted(f"{path} was changed since", path)
            record[path] = old
    if order is not None:
        if sorted(order) != sorted(proposals):
            raise Drifted("the record's proposals were changed since", ORDER)
        record["proposals"] = [proposals[pid] for pid in order]
    else:
        record["proposals"] = list(proposals.values())
    return record


def apply_over(
    current: dict[str, Any], original: dict[str, Any], mine: dict[str, Any]
) -> dict[str, Any]:
    """Meeting ``current`` with the edits that made ``mine`` of ``original`` made to it, over
    whatever it holds now where they touch it: an edit saved over a change made elsewhere,
    whose own fields the edit wins and whose other fields are kept (a proposal's follow-up
    recorded elsewhere stays when the edit was to the summary). A proposal the edit changed
    and the change elsewhere removed is the edit's."""
    record = dict(current)
    proposals = {p["id"]: dict(p) for p in record.get("proposals") or ()}
    mine_proposals = {p["id"]: p for p in mine.get("proposals") or ()}
    order: list[str] | None = None
    for c in diff(original, mine):
        path, new = c["path"], c["new"]
        if path == ORDER:
            order = list(new)
        elif path.startswith("proposals["):
            pid, key = _split(path)
            if not key:
                if new is None:
                    proposals.pop(pid, None)
                else:
                    proposals[pid] = dict(new)
            elif pid in proposals:
                proposals[pid][key] = new
            elif pid in mine_proposals:
                proposals[pid] = dict(mine_proposals[pid])
        else:
            record[path] = new
    if order is not None:  # (the edit's order; proposals added elsewhere after them)
        ids = [pid for pid in order if pid in proposals]
        ids += [pid for pid in proposals if pid not in ids]
    else:
        ids = list(proposals)
    record["proposals"] = [proposals[pid] for pid in ids]
    return record


def _standing(entries: list[Change]) -> list[Change]:
    """The changes an undo may revert: neither an undo nor undone."""
    undone = {c.undoes for c in entries if c.undoes}
    return [c for c in entries if c.origin != "undo" and c.id not in undone]


def redoable(history: Iterable[Change], record_id: str) -> Change | None:
    """The undo that redo reverts for ``record_id``: the latest undo that concerns it and
    is not redone, when nothing but undos and redos came after it (a change made since
    would be written over)."""
    mine = [c for c in history if c.touches(record_id)]
    reverted = {c.undoes for c in mine if c.undoes}
    for change in reversed(mine):
        if change.origin == "redo" or (change.origin == "undo" and change.id in reverted):
            continue  # (redone: the undo before it is next)
        return change if change.origin == "undo" else None
    return None


def removes_meeting(change: Change) -> bool:
    """Whether ``change`` takes its meeting away (a delete; an undo of an addition; a redo
    of a restore)."""
    return any(c["path"] == "" and c["new"] is None for c in change.changes)


def brings_meeting(change: Change) -> bool:
    """Whether ``change`` brings its meeting in (added from an article, restored)."""
    return any(c["path"] == "" and c["old"] is None for c in change.changes)


def taken_back(undo: Change) -> Change:
    """What redoing ``undo`` will change (its changes read the other way), to describe."""
    changes = [{"path": c["path"], "old": c["new"], "new": c["old"]} for c in undo.changes]
    return Change(undo.id, undo.meeting_id, undo.at, "redo", changes, undo.undoes)


def undone_of(history: Iterable[Change]) -> set[str]:
    """The ids of the changes not in effect: undone, and not redone (an undo redone is
    itself undone; a change is reverted at most once)."""
    entries = list(history)
    reverter = {c.undoes: c.id for c in entries if c.undoes}

    def in_effect(change_id: str) -> bool:
        chain = 0  # (how many reverts stand over it, one over the other)
        while change_id in reverter:
            change_id = reverter[change_id]
            chain += 1
        return chain % 2 == 0

    return {c.id for c in entries if not in_effect(c.id)}


def undoable(history: Iterable[Change], record_id: str) -> Change | None:
    """The change that undo reverts for ``record_id``: the latest one that concerns it and
    is neither an undo nor undone."""
    for change in reversed(_standing(list(history))):
        if change.touches(record_id):
            return change
    return None


def shown_time(at: str) -> str:
    """A change's time as shown: "2026-12-06 19:56:03 UTC"."""
    return f"{at.replace('T', ' ').removesuffix('Z')} UTC"


def _overlap(a: str, b: str) -> bool:
    """Whether two paths of a change name the same field, or one a part of the other ("" is
    the whole record; "proposals[p3]" holds "proposals[p3].status")."""
    return a == b or "" in (a, b) or a.startswith(b + ".") or b.startswith(a + ".")


def undo_problem(
    history: Iterable[Change], change: Change, current: dict[str, Any] | None, record_id: str
) -> str | None:
    """Why ``change`` cannot be undone on ``current``, the record as it is now (None: it
    can): what no longer holds and, when a later recorded change made it so, which one, to
    be undone first (a proposal's undo reverts an edit of its meeting that a later edit of
    the meeting built on)."""
    try:
        revert(current, change)
    except Drifted as exc:
        why = f"cannot undo the change of {shown_time(change.at)} to {record_id}: {exc}"
        drifted = exc.path
    else:
        return None
    entries = list(history)
    standing = {c.id for c in _standing(entries)}
    # (what drifted: a field, a proposal; or, for a whole record or the proposals' order,
    # any of the change's paths)
    paths = [drifted] if drifted not in ("", ORDER) else [c["path"] for c in change.changes]
    at = next((i for i, c in enumerate(entries) if c.id == change.id), len(entries))
    later = [c for c in entries[at + 1 :] if c.id in standing and c.meeting_id == change.meeting_id]
    blocking = next(
        (
            c
            for c in reversed(later)
            if any(_overlap(a, b["path"]) for a in paths for b in c.changes)
        ),
        None,
    )
    if blocking is None:
        return why
    # (undo takes a meeting's changes latest first: those after it go back before it)
    return (
        f"{why}, by the change of {shown_time(blocking.at)} ({blocking.id}) to "
        f"{blocking.meeting_id}; undo the meeting's changes back to that one first"
    )


def entry(meeting_id: str, origin: str, changes: list[dict[str, Any]], undoes: str = "") -> Change:
    return Change(new_id(), meeting_id, now(), origin, changes, undoes)


# Showing a change ----------------------------------------------------------------------------


def _short(value: Any, width: int = 60) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "(empty)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value == int(value):
        value = int(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = ", ".join(value)
    elif isinstance(value, dict):
        text = value.get("title") or value.get("name") or value.get("id") or "…"
    else:
        text = str(value)
    text = " ".join(text.split())
    return cut(text, width)


def _change(old: Any, new: Any, width: int = 30) -> str:
    """``old → new``, each cut to ``width``; two texts that differ past that width are cut
    around where they differ ("…Oblast to a fair → …Oblast to a forum"), not both to the
    same first words."""
    a, b = _short(old, 10**6), _short(new, 10**6)
    if a == b or (len(a) <= width and len(b) <= width) or "(empty)" in (a, b):
        return f"{_short(old, width)} → {_short(new, width)}"
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end = 0  # what they end with alike, after where they differ
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    differ = start
    start = max(0, start - 12)  # a few words before the difference, to place it
    if start:
        word = a.rfind(" ", 0, start) + 1  # (from a word's start, unless that word is so
        if differ - word <= width - 12:  # long that the difference would be cut off: a URL)
            start = word

    def part(text: str) -> str:
        cut = text[start : len(text) - end + 12] if end > 12 else text[start:]
        shown = _short(cut, width)
        if start:
            shown = "…" + shown
        if end > 12 and not shown.endswith("…"):
            shown += "…"
        return shown

    return f"{part(a)} → {part(b)}"


def _items(key: str, old: Any, new: Any) -> list[str] | None:
    """``+ item`` / ``- item`` lines for a list of objects (participants, trade figures), or
    None when the value is not one."""
    name = _ITEM_NAMES.get(key)
    if name is None or not isinstance(old or [], list) or not isinstance(new or [], list):
        return None
    before, after = list(old or []), list(new or [])
    gone = [v for v in before if v not in after]
    came = [v for v in after if v not in before]
    lines: list[str] = []
    for v in gone:
        # the same item with other details ("Dmitry Krutoi" with another title): what changed
        same = next((w for w in came if name(w) == name(v) and isinstance(v, dict)), None)
        if same is None or not isinstance(same, dict):
            lines.append(f"- {key}: {_short(name(v))}")
            continue
        came.remove(same)
        fields = [f for f in dict.fromkeys([*v, *same]) if v.get(f) != same.get(f)]
        details = "; ".join(f"{f} {_change(v.get(f), same.get(f), 24)}" for f in fields)
        lines.append(f"~ {key}: {_short(name(v), 30)}: {details}")
    lines += [f"+ {key}: {_short(name(v))}" for v in came]
    return lines


def _named(key: str, value: Any) -> Any:
    """A proposal's status or sector as lists name it; any other value as it is."""
    if not isinstance(value, str):
        return value
    if key == "status":
        return STATUS_LABELS.get(value, value)
    if key == "sector":
        return sector_label(value) if value in SECTOR_IDS else value
    return value


# Fields told by a name a reader knows, not the record's key ("status_from_article")
_FIELD_NAMES = {
    "status_from_article": "status from the article",
    "date_inferred": "year inferred",
    "date_note": "date note",
    "place_note": "place note",
    "proposed_by": "proposed by",
    "raised_again": "raised again",
    "published_inferred": "publication year inferred",
}


def _field(key: str) -> str:
    return _FIELD_NAMES.get(key, key)


def describe(change: Change, record_id: str | None = None, width: int = 30) -> list[str]:
    """The change as short plain lines, one per changed field: ``summary: old → new``,
    ``+ proposal: title``; only what concerns ``record_id`` when it is a proposal. ``width``:
    how much of an old or new value is shown (the detail's narrow pane: 30; a terminal's
    line, more)."""
    lines: list[str] = []
    for c in change.changes:
        path, old, new = c["path"], c["old"], c["new"]
        mine = path.startswith(f"proposals[{record_id}]") or path == ""  # (its meeting's
        if record_id and record_id != change.meeting_id and not mine:  # deletion too)
            continue
        if path == ORDER:
            # (recorded whenever the list of ids differs; said only when the proposals kept
            # changed places, not for one added or removed, which has a line of its own)
            kept = [pid for pid in old or () if pid in (new or ())]
            if kept != [pid for pid in new or () if pid in (old or ())]:
                lines.append("proposals reordered")
        elif path == "":
            if new is None:
                lines.append("meeting deleted")
            elif old is None and change.origin == "undo":
                lines.append("meeting restored")
            elif old is None:  # (added: from an article, the document or page it came from)
                source = new.get("source") or {}
                named = source.get("document") or source.get("url") or ""
                lines.append(f"meeting added from {_short(named)}" if named else "meeting added")
            else:
                lines.append(f"meeting replaced: {old.get('id')} → {new.get('id')}")
        elif path.startswith("proposals["):
            pid, key = _split(path)
            if not key:
                sign, value = ("+", new) if old is None else ("-", old)
                lines.append(f"{sign} proposal: {_short(value)}")
            elif key == "follow_up":
                for sign, steps, others in (("-", old, new), ("+", new, old)):
                    for f in steps or []:
                        if f in (others or []):
                            continue
                        # (a note is one value, not old → new: the room of both)
                        room = max(40, 2 * width)
                        note = f": {_short(f.get('note'), room)}" if f.get("note") else ""
                        said = _named("status", f.get("status"))
                        # (of which proposal, in a meeting's history: its status lines say)
                        of = "" if record_id == pid else f" of {pid}"
                        lines.append(f"{sign} follow-up{of} {f.get('date')} {said}{note}")
            else:  # (a status or sector as the app names it: "in progress", not "in-progress")
                said = _change(_named(key, old), _named(key, new), width)
                lines.append(f"{pid}.{_field(key)}: {said}")
        else:
            items = _items(path, old, new)
            if items:
                lines += items
            elif isinstance(old, dict) and isinstance(new, dict):  # (the source: its fields)
                for key in dict.fromkeys([*old, *new]):
                    if old.get(key) != new.get(key):
                        said = _change(old.get(key), new.get(key), width)
                        lines.append(f"{path}.{_field(key)}: {said}")
            else:
                lines.append(f"{_field(path)}: {_change(old, new, width)}")
    return lines
