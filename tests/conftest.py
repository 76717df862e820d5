"""Shared fixtures: every test gets its own database and state file under tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import quiet

from coopbrowse.store import Store
from coopbrowse.store.dataset import load_bundled


@pytest.fixture(autouse=True)
def isolated_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the database and state at tmp_path; never touch the user's real files."""
    db = tmp_path / "coopbrowse.json"
    monkeypatch.setenv("COOPBROWSE_DB", str(db))
    monkeypatch.setenv("COOPBROWSE_STATE", str(tmp_path / "state.json"))
    monkeypatch.setenv("COOPBROWSE_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    return db


@pytest.fixture(autouse=True)
def waits_on_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pilot waits until the app's messages are handled, not for the CPU to look idle
    (see helpers.quiet)."""
    import textual.app
    import textual.pilot

    monkeypatch.setattr(textual.app, "wait_for_idle", quiet)
    monkeypatch.setattr(textual.pilot, "wait_for_idle", quiet)


@pytest.fixture
def db_path(isolated_paths: Path) -> Path:
    return isolated_paths


@pytest.fixture
def store(db_path: Path) -> Store:
    """A database freshly seeded from the bundled dataset."""
    return Store.open(db_path)


@pytest.fixture(scope="session")
def bundled():
    return load_bundled()
