"""What the browser remembers between launches: view, query, history, sorts, selection.

Saved atomically as JSON (``coopbrowse locate`` prints where). A missing or unreadable state
file just means a fresh start: the state is a convenience, never a reason not to launch.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from coopbrowse.store.errors import StoreError
from coopbrowse.store.storage import atomic_write_bytes

HISTORY_SIZE = 50


@dataclass
class UiState:
    view: str = "meetings"
    query: str = ""
    history: list[str] = field(default_factory=list)
    sorts: dict[str, int] = field(default_factory=dict)  # per view, browsing
    search_sorts: dict[str, int] = field(default_factory=dict)  # per view, 0 = relevance
    selection: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> UiState:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        state = cls()
        if data.get("view") in ("meetings", "proposals", "regions"):
            state.view = data["view"]
        if isinstance(data.get("query"), str):
            state.query = data["query"]
        history = data.get("history")
        if isinstance(history, list):
            state.history = [h for h in history if isinstance(h, str)][-HISTORY_SIZE:]
        for name in ("sorts", "search_sorts"):
            sorts = data.get(name)
            if isinstance(sorts, dict):
                setattr(state, name, {k: v for k, v in sorts.items() if isinstance(v, int)})
        selection = data.get("selection")
        if isinstance(selection, list):
            state.selection = [
                (k, i)
                for k, i in (s for s in selection if isinstance(s, list) and len(s) == 2)
                if k in ("meeting", "proposal") and isinstance(i, str)
            ]
        return state

    def save(self, path: Path) -> str | None:
        """Write the state; returns an error message instead of raising."""
        data = asdict(self)
        data["selection"] = [list(s) for s in self.selection]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, json.dumps(data, ensure_ascii=False, indent=1).encode())
        except (OSError, StoreError) as exc:
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
