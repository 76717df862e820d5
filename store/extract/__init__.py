"""Draft a meeting record from the text of a news report, offline and without a model.

``extract(text)`` reads a pasted article (site menus, share buttons, lists of other headlines
and repeated paragraphs included) and returns a :class:`Draft`: a meeting in the JSON shape
``Meeting.from_dict`` takes, the fields it could not find (``missing``) and how it decided
the less certain ones (``flags``: an inferred year, say). It never invents: a field it cannot
find stays empty and is listed as missing.

The reading is a pipeline of small, separately testable steps over plain rules:

1. :func:`clean` splits the page into header lines (dates, headline) and body paragraphs,
   dropping navigation junk and repeated paragraphs, and finds a ``date`` line and URLs;
2. sentences are split with care for "U.S." and initials, and each is given a speaker;
3. the meeting sentence ("X met with Y on 20 October") gives the date, the people and place;
4. money amounts become trade figures with period, metric, qualifier and change;
5. "the key exports were ..." style sentences give the goods;
6. sentences that propose something are matched against a sector lexicon (built on the
   taxonomy) to give proposals, with the enterprises they name.

The rules generalise the way these reports are written (BelTA's style and its peers); the
benchmark ``tests/benchmarks/bench_extract.py`` scores them against the curated dataset and
against held-out articles in ``tests/fixtures/articles/``.

Where things are: ``dates`` (date forms), ``page`` (cleaning a page, sentences), ``people``
(officials and regions), ``trade`` (figures and goods), ``proposals`` (sector lexicon, titles,
enterprises), ``draft`` (:func:`extract`, assembling the record), ``needs`` (the words a
pattern needs, so that it is not run over text that lacks them).

Drafting is linear in the size of the text, whatever its shape (a megabyte drafts in a few
seconds; ``tests/benchmarks/bench_draft_scale.py``): a step never searches again from every
match, or over all the text before it; a "sentence" longer than ``draft.MAX_SENTENCE`` is read
in pieces, and at most ``people.MAX_PEOPLE`` titled people, ``trade.MAX_FIGURES`` trade
figures and ``trade.MAX_GOODS`` goods are read from one text.
"""

from __future__ import annotations

from .dates import DayMonth, find_dates
from .draft import Draft, extract
from .page import Article, clean, split_sentences
from .people import Person, find_people, region_mentions
from .proposals import CUES, find_enterprises, sector_matches

__all__ = [
    "CUES",
    "Article",
    "DayMonth",
    "Draft",
    "Person",
    "clean",
    "extract",
    "find_dates",
    "find_enterprises",
    "find_people",
    "region_mentions",
    "sector_matches",
    "split_sentences",
]
