"""The user's own keys: a keymap file, binding id -> keys, applied with ``App.set_keymap``.

The file is TOML in the user's config directory (on Linux ``~/.config/coopbrowse/keymap.toml``;
``COOPBROWSE_KEYMAP`` names another; ``coopbrowse locate`` prints where)::

    # binding id = "key" or "key1,key2"
    edit = "ctrl+e"
    follow-up = "F2"

Every binding has an id (``docs/keys.md`` lists them). The file is read with ``tomllib`` (it
is data, never code). A file that cannot be read, is not TOML, or names an unknown id or a
key that is not a string gives one warning line, and the app starts with the default keys
for what was wrong (the rest of the file still applies).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from textual.binding import Binding

from coopbrowse.store.errors import StoreError
from coopbrowse.store.storage import read_regular

KEYMAP_ENV = "COOPBROWSE_KEYMAP"
KEYMAP_LIMIT = 64_000  # bytes: a keymap is a few lines
_KEY_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+-,")


def keymap_path() -> Path:
    """Where the keymap file is (it need not exist)."""
    env = os.environ.get(KEYMAP_ENV)
    if env:
        return Path(env).expanduser()
    from coopbrowse.store.paths import config_dir

    return config_dir() / "keymap.toml"


def bound_keys(binding: Binding, keymap: Mapping[str, str] | None) -> str:
    """The keys ``binding`` answers to: the user's from ``keymap`` (binding id -> keys), if
    it rebinds it, else its own."""
    if keymap and binding.id:
        return keymap.get(binding.id, binding.key)
    return binding.key


def _named(key: str) -> str:
    """``key`` as Textual names it: modifiers and named keys in lower case ("F2" is f2,
    "Ctrl+Enter" ctrl+enter); a single character as written ("A" is shift+a)."""
    *mods, last = key.split("+")
    return "+".join([*(m.lower() for m in mods), last if len(last) == 1 else last.lower()])


def load_keymap(path: Path, known: set[str]) -> tuple[dict[str, str], str | None]:
    """``(keymap, warning)``: the valid entries of the file at ``path`` (none when it does
    not exist) and one line saying what was wrong, if anything."""
    if not path.exists() and not path.is_symlink():
        return {}, None
    import tomllib  # (only when there is a keymap: most launches have none)

    try:
        raw = read_regular(path, "keymap", KEYMAP_LIMIT, StoreError)
        data = tomllib.loads(raw.decode("utf-8"))
    except (StoreError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, f"keymap {path}: {_short(exc)}; using the default keys"
    keymap: dict[str, str] = {}
    bad: list[str] = []
    for name, keys in data.items():
        if name not in known:
            bad.append(f"unknown binding id {name!r}")
        elif not isinstance(keys, str) or not keys.strip() or set(keys) - _KEY_CHARS:
            bad.append(f'{name}: expected keys like "ctrl+e" or "a,b", got {keys!r}')
        else:
            keymap[name] = ",".join(_named(key) for key in keys.replace(" ", "").split(","))
    if bad:
        more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
        return keymap, f"keymap {path}: {bad[0]}{more}; default keys kept for those"
    return keymap, None


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def binding_ids(classes: list[type]) -> dict[str, str]:
    """Every binding id of ``classes``, with its description (what docs/keys.md lists)."""
    from textual.binding import Binding

    out: dict[str, str] = {}
    for cls in classes:
        for b in getattr(cls, "BINDINGS", []):
            if isinstance(b, Binding) and b.id:
                out.setdefault(b.id, b.description or b.action)
    return out
