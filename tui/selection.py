"""What the analyst has selected, and where followed links came from: plain objects, no
widgets, so they are tested without an app.

A :class:`Selection` is immutable: each change gives a new one, which is what lets the
browser hold it in a reactive attribute and redraw (the list's marks, the status line) in
one watcher whenever it changes. Keys are ``(kind, record id)``, kind ``meeting`` or
``proposal``, kept in the order they were selected (an export follows it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from msgspec import Struct, field

from .views import Key


class Selection:
    """An ordered set of selected records."""

    __slots__ = ("_keys",)

    def __init__(self, keys: Iterable[Key] = ()) -> None:
        self._keys: dict[Key, None] = dict.fromkeys(keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __iter__(self) -> Iterator[Key]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Selection) and list(self._keys) == list(other._keys)

    def __hash__(self) -> int:  # pragma: no cover - not used as a key; equality is by content
        return hash(tuple(self._keys))

    def __repr__(self) -> str:
        return f"Selection({list(self._keys)!r})"

    def toggled(self, key: Key) -> Selection:
        """With ``key`` added, or taken out if it was in."""
        keys = dict(self._keys)
        if key in keys:
            del keys[key]
        else:
            keys[key] = None
        return Selection(keys)

    def toggled_all(self, keys: Iterable[Key]) -> Selection:
        """All of ``keys`` taken out if every one is in, else all of them added (a region's
        meetings: space selects them, space again unselects them)."""
        wanted = list(keys)
        if wanted and all(k in self._keys for k in wanted):
            drop = set(wanted)
            return Selection(k for k in self._keys if k not in drop)
        return self.with_all(wanted)

    def with_all(self, keys: Iterable[Key]) -> Selection:
        """``keys`` added (those already in keep their place)."""
        merged = dict(self._keys)
        merged.update(dict.fromkeys(keys))
        return Selection(merged)

    def without(self, keys: Iterable[Key]) -> Selection:
        """With ``keys`` taken out (records gone from the database)."""
        drop = set(keys)
        return Selection(k for k in self._keys if k not in drop)

    def without_meeting(self, meeting_id: str) -> Selection:
        """With meeting ``meeting_id`` and its proposals taken out (it was deleted)."""
        prefix = f"{meeting_id}-p"
        return Selection(
            (kind, rid)
            for kind, rid in self._keys
            if not (rid == meeting_id if kind == "meeting" else rid.startswith(prefix))
        )

    def counts(self) -> tuple[int, int]:
        """(meetings, proposals) selected."""
        meetings = sum(1 for kind, _ in self._keys if kind == "meeting")
        return meetings, len(self._keys) - meetings

    def describe(self) -> str:
        """``selected: 2 meetings, 1 proposal``, or ``nothing selected``."""
        parts = [
            f"{n:,} {what}{'' if n == 1 else 's'}"
            for n, what in zip(self.counts(), ("meeting", "proposal"), strict=True)
            if n
        ]
        return f"selected: {', '.join(parts)}" if parts else "nothing selected"

    def keys(self) -> list[Key]:
        return list(self._keys)


class Place(Struct):
    """Where the browser was: a view, a query and the highlighted record."""

    view: str
    query: str
    key: Key | None


class Trail(Struct):
    """The places links were followed from (backspace returns to the last); at most
    ``limit`` are kept, the oldest dropped first."""

    limit: int = 50
    places: list[Place] = field(default_factory=list)

    def push(self, place: Place) -> None:
        self.places.append(place)
        del self.places[: -self.limit]

    def pop(self) -> Place | None:
        return self.places.pop() if self.places else None

    def __len__(self) -> int:
        return len(self.places)
