"""Meeting and proposal ids: how a drafted meeting is named, and kept unique.

Ids are lower-case letters, digits and ``-`` (at most 120 characters, see ``store/model.py``).
A drafted meeting is ``<date>-<region key>`` (``2025-04-01-penza``); a second meeting of the
same day and region gets its host's surname (``2025-10-20-mordovia-karankevich``); its
proposals are ``<meeting id>-p01``, ``-p02``, ... A proposal added later takes the next number
after every one the meeting has had (:func:`fresh_proposal_ids`): a removed proposal's id is
never given to another.
"""

from __future__ import annotations

import re
from typing import Any

from msgspec.structs import replace as struct_replace

from .model import Meeting
from .regions import find_region, fold

MAX_MEETING_ID = 110  # leaves room for "-p999" within the 120 characters an id may have


def slug(text: str) -> str:
    """``text`` as id characters: ``"Nizhny Novgorod"`` -> ``nizhny-novgorod``."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _fit(mid: str) -> str:
    return mid[:MAX_MEETING_ID].rstrip("-")


def draft_id(date: str, region: str) -> str:
    """The id of a drafted meeting: ``<date>-<region key>`` (``undated``/``unknown-region``
    when either is not known)."""
    found = find_region(region) if region else None
    key = found.key if found else slug(region)
    return _fit(f"{date or 'undated'}-{key or 'unknown-region'}")


def unique_id(meeting: dict[str, Any], taken: set[str]) -> str:
    """``meeting``'s id, or with the host's surname (else a number) appended when another
    meeting has it."""
    mid = _fit(str(meeting.get("id", "")))
    if mid not in taken:
        return mid
    host = next((p for p in meeting.get("participants", []) if p.get("role") == "host"), None)
    surname = slug(host["name"].split()[-1]) if host and host.get("name", "").split() else ""
    if surname:
        candidate = _fit(f"{mid[: MAX_MEETING_ID - len(surname) - 1]}-{surname}")
        if candidate not in taken:
            return candidate
    n = 2
    while f"{mid[: MAX_MEETING_ID - 4]}-{n}" in taken:
        n += 1
    return f"{mid[: MAX_MEETING_ID - 4]}-{n}"


def renumber(meeting: dict[str, Any], new_id: str) -> dict[str, Any]:
    """``meeting`` under ``new_id``, its proposals' ids following."""
    out = dict(meeting, id=new_id)
    out["proposals"] = [
        dict(p, id=f"{new_id}-p{i:02d}", meeting_id=new_id)
        for i, p in enumerate(meeting.get("proposals", []), 1)
    ]
    return out


_PROPOSAL_NUMBER = re.compile(r"-p(\d+)$")


def fresh_proposal_ids(meeting: Meeting, reassign: set[str], used: set[str]) -> Meeting:
    """``meeting`` with each proposal whose id is in ``reassign`` given the next number
    after every one in ``used`` and in the meeting: an id, once a proposal's, is never
    another's (its history and the links to it stay its own)."""
    if not any(p.id in reassign for p in meeting.proposals):
        return meeting
    numbers = [
        int(m.group(1))
        for pid in (*used, *(p.id for p in meeting.proposals if p.id not in reassign))
        if (m := _PROPOSAL_NUMBER.search(pid))
    ]
    n = max(numbers, default=0)
    proposals = []
    for p in meeting.proposals:
        if p.id in reassign:
            n += 1
            p = struct_replace(p, id=f"{meeting.id}-p{n:02d}")
        proposals.append(p)
    return struct_replace(meeting, proposals=proposals)
