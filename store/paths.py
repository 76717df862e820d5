"""Where coopbrowse keeps its files: the database and the UI state.

Defaults come from platformdirs; ``--db`` or ``COOPBROWSE_DB`` override the database and
``COOPBROWSE_STATE`` the state file (tests point both at a temporary directory).
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType

APP_NAME = "coopbrowse"
DB_ENV = "COOPBROWSE_DB"
STATE_ENV = "COOPBROWSE_STATE"


def expand(path: str | os.PathLike[str]) -> Path:
    """``path`` with a leading ``~`` or ``~user`` expanded; a user with no home (no such
    user: ``~nosuchuser/x``) is a one-line error, not a traceback."""
    from .errors import StoreError

    try:
        return Path(path).expanduser()
    except RuntimeError:  # (Python: "Could not determine home directory.")
        raise StoreError(None, f"{os.fspath(path)}: no home directory for that ~user") from None


def default_db_path() -> Path:
    """The database used when neither ``--db`` nor ``COOPBROWSE_DB`` is given."""
    data: Path = _platformdirs().user_data_path(APP_NAME)
    return data / "coopbrowse.json"


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``--db`` wins over ``COOPBROWSE_DB``, which wins over the platform default."""
    if cli_value:
        return expand(cli_value)
    env = os.environ.get(DB_ENV)
    if env:
        return expand(env)
    return default_db_path()


def resolve_state_path(db_path: Path | None = None) -> Path:
    """The UI state file (last query, view, selection).

    ``COOPBROWSE_STATE`` wins; a database given explicitly keeps its state beside it
    (``<db>.state.json``) so two databases do not share a selection; otherwise the
    platform's state directory.
    """
    env = os.environ.get(STATE_ENV)
    if env:
        return expand(env)
    if db_path is not None and db_path != default_db_path():
        return db_path.with_name(db_path.name + ".state.json")
    state: Path = _platformdirs().user_state_path(APP_NAME)
    return state / "state.json"


def config_dir() -> Path:
    """The user's configuration directory for coopbrowse (the keymap lives there)."""
    config: Path = _platformdirs().user_config_path(APP_NAME)
    return config


def _platformdirs() -> ModuleType:
    """platformdirs, imported when a default location is needed (not on every launch)."""
    import platformdirs

    return platformdirs
