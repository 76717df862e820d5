"""Making untrusted record text safe to show: control characters become visible.

Record text may contain terminal escape sequences (``\\x1b[31m``), carriage returns or other
control characters. Shown raw they would restyle or rewrite the terminal; :func:`printable`
replaces each with a visible stand-in so the text shows literally. Rich markup is a separate
concern: the interface builds ``rich.text.Text`` objects (never markup strings) from records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Control characters, and the invisible format characters that reorder, join or hide text
# (zero-width, bidirectional marks and overrides, word joiner, byte order mark, interlinear
# annotation, tags): shown as stand-ins in the interface, dropped from article text by the
# extractor.
CONTROL_CHARS = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    r"\U000e0000-\U000e007f"
    r"\ud800-\udfff]"  # and lone surrogates (bytes of a command line that were not UTF-8)
)
_CONTROL = CONTROL_CHARS


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: \x1b -> ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def printable(text: str, *, newlines: bool = True) -> str:
    """``text`` with control characters made visible; newlines and tabs kept if ``newlines``."""
    if not newlines:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub(_visible, text)


def one_line(text: str) -> str:
    """``printable`` with line breaks and tabs folded to spaces (for table cells)."""
    return printable(text, newlines=False)


def plural(count: int, noun: str) -> str:
    """``1 meeting``, ``2 meetings``, ``39,981 results``."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def listed(items: Sequence[str]) -> str:
    """Items of a list on one line: ``a, b, c``; ``a; b, c; d`` where an item has a comma
    of its own ("machinery and appliances for lifting, moving, loading or unloading" read
    as three goods among the others)."""
    return ("; " if any("," in item for item in items) else ", ").join(items)


def cut(text: str, most: int) -> str:
    """``text`` cut to ``most`` characters, the last an ellipsis where it was cut."""
    return text if len(text) <= most else text[: most - 1] + "…"


# A quotation's enclosing marks, opening -> closing ("“...”", "«...»", German „...“)
_QUOTE_PAIRS = {"“": "”", "„": "“", "«": "»", '"': '"', "‘": "’", "'": "'", "‚": "‘"}


def unquoted(text: str) -> str:
    """``text`` without the one pair of quotation marks that encloses it, if it has one (a
    quote recorded as ``“…”`` was shown as ``““…””``)."""
    stripped = text.strip()
    opening = stripped[:1]
    close = _QUOTE_PAIRS.get(opening)
    if close is None or len(stripped) < 2 or not stripped.endswith(close):
        return text
    inner = stripped[1:-1]
    if opening == close:  # ("…": not two quotes, "a" and "b")
        return text if close in inner else inner.strip()
    depth = 0  # (quotes within it: «Поставки ОАО «МАЗ»»)
    for char in inner:
        depth += (char == opening) - (char == close)
        if depth < 0:  # (its first quote closed before the end: two, “a” and “b”)
            return text
    return inner.strip() if depth == 0 else text


def quoted(query: str) -> str:
    """A query in quotation marks, as the app and the CLI name it, unless it is one quoted
    phrase already (“"joint venture"” read as a typo)."""
    if len(query) > 1 and query[0] == query[-1] == '"' and '"' not in query[1:-1]:
        return query
    return f"“{query}”"
