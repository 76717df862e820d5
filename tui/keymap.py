"""The user's own keys: a keymap file, binding id -> keys, applied with ``App.set_keymap``.

The file is TOML in the user's config directory (on Linux ``~/.config/coopbrowse/keymap.toml``;
``COOPBROWSE_KEYMAP`` names another; ``coopbrowse locate`` prints where)::

    # binding id = "key" or "key1,key2"
    edit = "ctrl+e"
    follow-up = "F2"

Every binding has an id (``docs/keys.md`` lists them). The file is read with ``tomllib`` (it
is data, never code). A file that cannot be read, is not TOML, names an unknown id, a key
that is not a string or no key Textual knows ("ctrl+nonsense"), or one a terminal sends as
another ("ctrl+i" is tab), gives a binding a key that another binding of the same screen or
widget, of a widget on that screen, or of the app answers to, or a character to a binding
heard before the text fields, gives one warning line naming the problems, and the app starts
with the default keys for what was wrong (the rest of the file still applies).
"""

from __future__ import annotations

import difflib
import functools
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

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


def key_shown(app: Any, binding_id: str, default: str) -> str:
    """The key of binding ``binding_id`` as the footer shows it: the first of the user's, if
    their keymap rebinds it (``app.keymap``), else ``default``."""
    keys = getattr(app, "keymap", {}).get(binding_id)
    if not keys:
        return default
    return str(app.get_key_display(Binding(keys.split(",")[0], binding_id)))


def with_key(app: Any, label: str, binding_id: str, default: str) -> str:
    """A button's label with the key that does the same: ``Save (ctrl+s)``, or the user's
    key where their keymap rebinds it (the buttons said the default keys after a rebinding,
    where the footer said the new ones: a new user's trial)."""
    from .screens.help import describe_keys  # (as the help writes keys: "ctrl+w", "esc")

    keys = getattr(app, "keymap", {}).get(binding_id)
    return f"{label} ({describe_keys(keys.split(',')[0]) if keys else default})"


def _named(key: str) -> str:
    """``key`` as Textual names it: modifiers and named keys in lower case ("F2" is f2,
    "Ctrl+Enter" ctrl+enter, and "Ctrl+O" ctrl+o, "Alt+A" alt+shift+a, as a terminal sends
    them), the modifiers in Textual's order (A-Z: "shift+ctrl+x" is ctrl+shift+x); a single
    character alone as written ("A" is shift+a), and shift with a letter alone that capital
    ("shift+x" is X: a terminal sends the letter)."""
    *mods, last = key.split("+")
    mods = [m.lower() for m in mods]
    if len(last) == 1 and not mods:
        return last
    if len(last) == 1 and last.isalpha() and mods == ["shift"]:
        return last.upper()
    if len(last) == 1 and last.isupper() and "alt" in mods and "shift" not in mods:
        mods.append("shift")  # (alt+A reaches Textual as alt+shift+a)
    return "+".join([*sorted(mods), last.lower()])


_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


@functools.cache
def _key_names() -> frozenset[str]:
    """Every key name Textual gives (``f2``, ``pageup``, ``question_mark``, ``slash`` ...)."""
    from textual.keys import KEY_ALIASES, KEY_NAME_REPLACEMENTS, Keys, _character_to_key

    names = {key.value.split("+")[-1] for key in Keys}
    names |= {_character_to_key(chr(code)) for code in range(32, 127)}
    return frozenset(names | set(KEY_NAME_REPLACEMENTS.values()) | set(KEY_ALIASES))


def _known_key(key: str) -> bool:
    """Whether ``key`` (as :func:`_named` gives it) is one a terminal can send."""
    *mods, last = key.split("+")
    if not last or any(m not in _MODIFIERS for m in mods) or len(set(mods)) < len(mods):
        return False
    if mods == ["shift"] and len(last) == 1:  # ("shift+1": the terminal sends "!")
        return False
    return len(last) == 1 or last in _key_names()


def _groups(classes: Sequence[type], within: Mapping[type, Sequence[type]]) -> list[list[type]]:
    """The sets of classes whose bindings answer to keys at the same moment: the app's with
    each screen or widget, and with a screen and each widget of it (``within``: a screen's
    widgets with bindings of their own, which hear a key before the screen while focused)."""
    from textual.app import App

    app_classes = [cls for cls in classes if issubclass(cls, App)]
    groups = [[cls] if cls in app_classes else [*app_classes, cls] for cls in classes]
    for screen, widgets in within.items():
        groups += [[*app_classes, screen, widget] for widget in widgets]
    return groups


def _clash_pairs(
    group: Sequence[type], keymap: Mapping[str, str]
) -> Iterator[tuple[str, str, str]]:
    """``(key, binding, another binding on that key)`` in ``group`` once ``keymap`` is applied
    (bindings named by id, or action)."""
    from textual.app import App

    owners: dict[str, list[str]] = {}  # key -> the bindings on it
    # (the app's own and Textual's: ctrl+q quits from anywhere, so a dialog's cancel put on
    # it was never heard, and said nothing)
    # (heard first only where a priority binding: ctrl+c, Textual's help_quit, is not)
    textuals = [b for b in App.BINDINGS if isinstance(b, Binding) and b.priority]
    bindings = [(item, False) for c in group for item in getattr(c, "BINDINGS", [])] + [
        (b, True)
        for c in group
        if isinstance(c, type) and issubclass(c, App) and c is not App
        for b in textuals
    ]
    for item, textual in bindings:
        b = item if isinstance(item, Binding) else Binding(*item)
        name = f"Textual's own {b.action}" if textual else (b.id or b.action)
        for key in bound_keys(b, keymap).split(","):
            names = owners.setdefault(_named(key.strip()), [])
            if name not in names:
                names.append(name)
    for key, names in owners.items():
        for name in names:
            for other in names:
                if other != name and _PARTNER.get(other) != name:
                    yield key, name, other


def clashes(
    classes: Sequence[type],
    keymap: Mapping[str, str],
    within: Mapping[type, Sequence[type]] | None = None,
) -> dict[str, tuple[str, str]]:
    """The rebound ids whose key another binding of the same class (screen or widget), of
    the app (whose keys every screen also answers to), or of a widget of the screen
    (``within``) also answers to once ``keymap`` is applied, where the default keys did not
    share a key: id -> (the key, the other binding)."""
    groups = _groups(classes, within or {})
    # (two bindings that share a key by default are meant to: one of them is heard there)
    usual = {(name, other) for group in groups for _k, name, other in _clash_pairs(group, {})}
    found: dict[str, tuple[str, str]] = {}
    for group in groups:
        for key, name, other in _clash_pairs(group, keymap):
            if name in keymap and name not in found and (name, other) not in usual:
                found[name] = (key, other)
    return found


# What a terminal sends for these keys is another key's code: bound, they never arrive
_SENT_AS = {
    "ctrl+h": "backspace",
    "ctrl+i": "tab",
    "ctrl+m": "enter",
    "ctrl+left_square_bracket": "escape",
}


@functools.cache
def _typed_names() -> frozenset[str]:
    """The names of the keys that type a character ("j", "slash", "space")."""
    from textual.keys import _character_to_key

    return frozenset(_character_to_key(chr(code)) for code in range(32, 127))


def _heard_first(classes: Sequence[type], keymap: Mapping[str, str]) -> dict[str, str]:
    """Rebound priority bindings (heard before the focused widget) given a key that types a
    character: id -> that key. It would be taken from every text field of the screen (the
    search bar, the form's fields), as ``/`` is not (the search binding types it there)."""
    found: dict[str, str] = {}
    for item in (item for c in classes for item in getattr(c, "BINDINGS", [])):
        name = item.id if isinstance(item, Binding) and item.priority else None
        if name is None or name not in keymap:
            continue
        usual = {_named(k.strip()) for k in item.key.split(",")}
        for key in keymap[name].split(","):
            if key not in usual and (len(key) == 1 or key in _typed_names()):
                found[name] = key
                break
    return found


def load_keymap(
    path: Path,
    known: set[str],
    classes: Sequence[type] = (),
    within: Mapping[type, Sequence[type]] | None = None,
) -> tuple[dict[str, str], str | None]:
    """``(keymap, warning)``: the valid entries of the file at ``path`` (none when it does
    not exist) and one line saying what was wrong, if anything. With ``classes`` (those
    whose bindings it rebinds; ``within``: each screen's widgets with bindings), an entry
    giving a binding another one's key is wrong too, and so is a character for a binding
    heard before the text fields."""
    if not path.exists() and not path.is_symlink():
        if os.environ.get(KEYMAP_ENV):  # named on purpose: its absence is a mistake to say
            return {}, f"keymap {path} ({KEYMAP_ENV}): no such file; using the default keys"
        return {}, None
    import tomllib  # (only when there is a keymap: most launches have none)

    try:
        raw = read_regular(path, "keymap", KEYMAP_LIMIT, StoreError)
        data = tomllib.loads(raw.decode("utf-8-sig"))  # (with a byte order mark: Notepad's)
    except (StoreError, ValueError) as exc:  # (bad UTF-8 and TOML too: ValueErrors)
        return {}, f"keymap {path}: {_short(exc)}; using the default keys"
    except RecursionError:  # ("x = [[[[…": tomllib recurses per level, a kilobyte deep)
        return {}, f"keymap {path}: nested too deeply; using the default keys"
    keymap: dict[str, str] = {}
    bad: list[str] = []
    for name, keys in data.items():
        if name not in known:
            near = difflib.get_close_matches(name, sorted(known), n=1)
            also = f" (did you mean {near[0]}?)" if near else ""
            bad.append(f"unknown binding id {name!r}{also}")
        elif not isinstance(keys, str) or not keys.strip() or set(keys) - _KEY_CHARS:
            bad.append(f'{name}: expected keys like "ctrl+e", "a,b" or "full_stop", got {keys!r}')
        else:
            named = [_named(key) for key in keys.replace(" ", "").split(",")]
            unknown = [key for key in named if not _known_key(key)]
            sent = [key for key in named if key in _SENT_AS]
            if unknown:
                bad.append(f"{name}: no key called {unknown[0]!r}")
            elif sent:
                bad.append(f"{name}: a terminal sends {sent[0]!r} as {_SENT_AS[sent[0]]}")
            else:
                keymap[name] = ",".join(named)
    written = set(keymap)  # (what the user wrote: a refusal names it)
    for first, second in SAME_ACTION:  # rebinding one of these rebinds the other with it
        if (first in keymap) != (second in keymap):
            keys = keymap.get(first) or keymap[second]
            keymap[first] = keymap[second] = keys
    # a refused entry puts its binding back on its default key, which may clash in turn; a
    # pair goes back together, the refusal said of the id written
    for name, key in _heard_first(classes, keymap).items():
        del keymap[name]
        bad.append(f"{name}: {key!r} would be taken from what is typed in a field")
    while found := clashes(classes, keymap, within):
        for name, (key, other) in found.items():
            if name not in keymap:  # (its partner's refusal took it)
                continue
            twin = _PARTNER.get(name)
            del keymap[name]
            if twin is not None:
                keymap.pop(twin, None)
            said = name if name in written or twin not in written else twin
            bad.append(f"{said}: {key!r} is already {other}'s key")
    if "help" in keymap and "close-help" not in keymap:  # (help closes on its own keys)
        keymap["close-help"] = ",".join(dict.fromkeys(["escape", "q", *keymap["help"].split(",")]))
        if clashes(classes, keymap, within).get("close-help"):
            del keymap["close-help"]
    if bad:  # (all of a few problems: one fixed, the next launch would name another)
        shown = "; ".join(problem[:80] for problem in bad[:SHOWN_PROBLEMS])
        more = f"; and {len(bad) - SHOWN_PROBLEMS} more" if len(bad) > SHOWN_PROBLEMS else ""
        return keymap, f"keymap {path}: {shown}{more}; default keys kept for those"
    return keymap, None


# Ids of one action: the app's own (every screen), and the browser's (which puts it first
# in the footer)
SAME_ACTION = (("quit", "main-quit"), ("help", "main-help"))
_PARTNER = {a: b for pair in SAME_ACTION for a, b in (pair, pair[::-1])}  # id -> the other
SHOWN_PROBLEMS = 8  # a keymap's problems named in its warning (more: counted)


def _short(exc: BaseException) -> str:
    if isinstance(exc, StoreError) and exc.problem:  # (its message names the file again)
        return exc.problem.splitlines()[0][:160]
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
