"""A column of a :class:`~coopbrowse.tui.widgets.record_table.RecordTable`: plain data, free
of Textual, so the views that declare their columns (:mod:`coopbrowse.tui.views`) can be
imported before Textual is."""

from __future__ import annotations

from msgspec import Struct
from rich.text import Text


class Column(Struct, frozen=True):
    """A column: fixed ``width`` or, with ``width=None``, a share of the space left."""

    label: str
    width: int | None = None
    justify: str = "left"
    min_width: int = 8  # 0: optional, hidden when it would be too narrow to read
    ratio: int = 1  # share of the spare width among flexible columns
    ideal: int = 0  # a flexible column's comfortable width, reached before others grow
    # A column sized for every value it can hold (a status), or the one a list is sorted
    # by: the room its first rows leave unused stays with it, as the rows further down may
    # need it
    keeps_width: bool = False
    # the widest value the column holds in this list, when known (the one a list is sorted
    # by: its first rows are all one region): fitted to that, not to the first rows
    widest: int = 0
    # the heading where the column is narrower than ``label`` ("Belarusian ho…" at 80
    # columns, over names that fitted)
    short: str = ""

    def heading(self) -> Text:
        """The column's heading: ``label``, or ``short`` where it does not fit."""
        return Fit(Text(self.label), Text(self.short)) if self.short else Text(self.label)


class Fit(Text):
    """A cell with a shorter form for a column too narrow for it (lists pick one)."""

    __slots__ = ("short",)

    def __init__(self, full: Text, short: Text) -> None:
        super().__init__(style=full.style, no_wrap=True)
        self.append_text(full)
        self.short = short
