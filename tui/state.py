"""What the browser remembers between launches: view, query, history, sorts, selection.

Saved atomically as JSON (``coopbrowse locate`` prints where). A missing, unreadable, special
(a pipe, a device), oversized, malformed or wrongly shaped state file just means a fresh start:
the state is a convenience, never a reason not to launch. Saving never replaces what is not a
regular file (a pipe, a device, a symbolic link); it reports that instead.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from msgspec import Struct, field
from msgspec.structs import asdict

from coopbrowse.store.errors import StoreError
from coopbrowse.store.storage import atomic_write_bytes, parse_json_bytes, read_regular

HISTORY_SIZE = 50
# The most selected records kept across launches (about 2 MB written): a selection of more
# is not saved, and the next launch says so. A larger file was written, then refused as
# larger than STATE_LIMIT at the next launch, which lost the view, query and history too.
SELECTION_KEPT = 50_000
STATE_LIMIT = 8_000_000  # a state file is a few KB, or a selection's 2 MB; more is not ours
VIEWS = ("meetings", "proposals", "regions", "followup")


class UiState(Struct):
    view: str = "meetings"
    query: str = ""
    history: list[str] = field(default_factory=list)
    sorts: dict[str, int] = field(default_factory=dict)  # per view, browsing
    search_sorts: dict[str, int] = field(default_factory=dict)  # per view, 0 = relevance
    selection: list[tuple[str, str]] = field(default_factory=list)
    cursor: tuple[str, str] | None = None  # the highlighted row: (kind, id)
    # the size of a selection too large to save (SELECTION_KEPT), said at the next launch
    selection_dropped: int = 0

    @classmethod
    def load(cls, path: Path) -> UiState:
        """The state saved at ``path``; a fresh state whatever goes wrong (never raises: a
        FIFO or a device is not read, nor more than :data:`STATE_LIMIT` bytes, nor JSON
        nested deeper than 1,024)."""
        try:
            raw = read_regular(path, "state", STATE_LIMIT, StoreError)
            return cls._from(parse_json_bytes(path, raw, "state", StoreError))
        except Exception:  # any problem at all: start afresh
            return cls()

    @classmethod
    def _from(cls, data: Any) -> UiState:
        """A state from parsed JSON, keeping only the fields of the right type."""
        state = cls()
        if not isinstance(data, dict):
            return state
        if data.get("view") in VIEWS:
            state.view = data["view"]
        if isinstance(data.get("query"), str):
            state.query = data["query"]
        history = data.get("history")
        if isinstance(history, list):
            state.history = [h for h in history if isinstance(h, str)][-HISTORY_SIZE:]
        for name in ("sorts", "search_sorts"):
            sorts = data.get(name)
            if isinstance(sorts, dict):
                setattr(
                    state,
                    name,
                    {
                        k: v
                        for k, v in sorts.items()
                        if k in VIEWS and isinstance(v, int) and not isinstance(v, bool)
                    },
                )
        selection = data.get("selection")
        if isinstance(selection, list):
            state.selection = [
                (k, i)
                for k, i in (s for s in selection if isinstance(s, list) and len(s) == 2)
                if k in ("meeting", "proposal") and isinstance(i, str)
            ]
        cursor = data.get("cursor")
        if (
            isinstance(cursor, list)
            and len(cursor) == 2
            and cursor[0] in ("meeting", "proposal", "region")
            and isinstance(cursor[1], str)
        ):
            state.cursor = (cursor[0], cursor[1])
        dropped = data.get("selection_dropped")
        if isinstance(dropped, int) and not isinstance(dropped, bool) and dropped > 0:
            state.selection_dropped = dropped
        return state

    def save(self, path: Path) -> str | None:
        """Write the state; returns an error message instead of raising (a state file that
        is a pipe, a device or a symbolic link is not replaced: that is reported too)."""
        data = asdict(self)
        kept = len(self.selection) <= SELECTION_KEPT
        data["selection"] = [list(s) for s in self.selection] if kept else []
        data["selection_dropped"] = 0 if kept else len(self.selection)
        data["cursor"] = list(self.cursor) if self.cursor else None
        try:
            # (compact: a selection of 50,000 is 2 MB so, and three times that indented)
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            path.parent.mkdir(parents=True, exist_ok=True)
            # "replace": a lone surrogate (not text) becomes "?" rather than a crash
            atomic_write_bytes(path, text.encode("utf-8", "replace"))
        except (OSError, StoreError, ValueError, TypeError) as exc:
            return f"could not save the browser state: {exc}"
        return None

    def remember(self, query: str) -> None:
        """Add ``query`` to the history (most recent last, no duplicates)."""
        query = query.strip()
        if not query:
            return
        if query in self.history:
            self.history.remove(query)
        self.history.append(query)
        del self.history[:-HISTORY_SIZE]
