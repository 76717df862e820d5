"""Scoring the article extractor on the real reports of ``tests/fixtures/real/``.

Shared by ``tests/benchmarks/bench_extract.py`` (which prints the scores) and
``tests/test_extract_real.py`` (which keeps them from sliding back). A report's facts are
counted per field, as the analyst wrote them in its ``.expected.json``:

- ``date`` and ``region``: one each (none when the analyst could not tell);
- ``people``: the host and the guest, by name (folded) and role;
- ``trade``: each figure as (period, metric, USD millions; or the change when no value is
  quoted). A figure whose period the analyst could not read is not counted;
- ``sectors``: each sector raised; ``enterprises``: each name (folded);
- ``goods``: each export and import, matched loosely: a drafted item matches an expected one of
  the same direction when they share a content word ("tractor units and components" and
  "tractors"), one to one; an expected good named only in words that say nothing of it
  ("equipment", "products") matches a drafted one of the same words.

Recall is what share of these the draft found; precision what share of what it found was
expected. Trade precision is watched on its own: a wrong figure misleads more than a missing
one, and targets ("to reach $1bn") must not be drafted as figures.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coopbrowse.store.extract import extract
from coopbrowse.store.regions import fold

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
FIELDS = ("date", "region", "people", "trade", "sectors", "enterprises", "goods")

# Words that say nothing of what a good is ("products", "equipment") do not make a match.
_GENERIC = {
    "and", "of", "for", "the", "a", "products", "product", "goods", "equipment", "units",
    "unit", "parts", "components", "items", "other", "various", "materials", "kits",
}  # fmt: skip


@dataclass
class Case:
    """One real report: its text and the analyst's record."""

    name: str
    text: str
    expected: dict[str, Any]

    @property
    def heldout(self) -> bool:
        return bool(self.expected.get("split") == "heldout")


def real_cases(root: Path = REAL) -> list[Case]:
    return [
        Case(
            path.stem,
            path.read_text(encoding="utf-8"),
            json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8")),
        )
        for path in sorted(root.glob("*.txt"))
    ]


def _name(text: str) -> str:
    return fold(text).strip()


def _trade_item(t: dict[str, Any]) -> tuple[Any, ...]:
    value = t.get("usd_millions")
    if value is not None:
        value = round(float(value), 3)
    change = t.get("change_pct")
    return (t["period"], t["metric"], value, None if value is not None else change)


def expected_items(e: dict[str, Any]) -> dict[str, list[Any]]:
    """The facts of an ``.expected.json`` record, per field."""
    named = [role for role in ("host", "guest") if (e.get(role) or {}).get("name")]
    people = [(_name(e[role]["name"]), role) for role in named]
    return {
        "date": [e["date"]] if e.get("date") else [],
        "region": [e["region"]] if e.get("region") else [],
        "people": people,
        "trade": [_trade_item(t) for t in e.get("trade", []) if t.get("period")],
        "sectors": sorted(set(e.get("sectors", []))),
        "enterprises": sorted({_name(n) for n in e.get("enterprises", [])}),
        "goods": [("exports", g) for g in e.get("exports", [])]
        + [("imports", g) for g in e.get("imports", [])],
    }


def draft_items(meeting: dict[str, Any]) -> dict[str, list[Any]]:
    """The same facts of a drafted meeting."""
    people = [
        (_name(p["name"]), p["role"])
        for p in meeting.get("participants", [])
        if p.get("role") in ("host", "guest")
    ]
    goods = [("exports", g) for g in meeting.get("exports", [])]
    goods += [("imports", g) for g in meeting.get("imports", [])]
    return {
        "date": [meeting["date"]] if meeting.get("date") else [],
        "region": [meeting["region"]] if meeting.get("region") else [],
        "people": people,
        "trade": sorted(set(map(_trade_item, meeting.get("trade", []))), key=str),
        "sectors": sorted({p["sector"] for p in meeting.get("proposals", [])}),
        "enterprises": sorted(
            {_name(n) for p in meeting.get("proposals", []) for n in p.get("enterprises", [])}
        ),
        "goods": goods,
    }


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z]+", fold(text).lower())
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words} - _GENERIC


def matched(field_name: str, got: list[Any], want: list[Any]) -> list[tuple[Any, Any]]:
    """(drafted, expected) pairs that match, each item used once."""
    if field_name != "goods":
        left = Counter(want)
        pairs = []
        for item in got:
            if left[item] > 0:
                left[item] -= 1
                pairs.append((item, item))
        return pairs
    free = list(want)
    pairs = []
    for direction, good in got:
        stems = _stems(good)
        for i, (w_direction, w_good) in enumerate(free):
            if w_direction != direction:
                continue
            # (a good named only in words that say nothing of it, "equipment", matches the
            # same words: no draft could match it otherwise)
            if stems & _stems(w_good) or (not _stems(w_good) and _same_words(good, w_good)):
                pairs.append(((direction, good), free.pop(i)))
                break
    return pairs


def _same_words(a: str, b: str) -> bool:
    def words(text: str) -> list[str]:
        return [
            w[:-1] if w.endswith("s") and len(w) > 3 else w
            for w in re.findall(r"[a-z]+", fold(text).lower())
        ]

    return words(a) == words(b)


@dataclass
class Scores:
    """True positives, found and expected counts per field; misses and extras kept for
    reading."""

    tp: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    expected: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, got: dict[str, list[Any]], want: dict[str, list[Any]]) -> None:
        for f in FIELDS:
            pairs = matched(f, got[f], want[f])
            self.tp[f] += len(pairs)
            self.found[f] += len(got[f])
            self.expected[f] += len(want[f])
            hit_got = [p[0] for p in pairs]
            hit_want = [p[1] for p in pairs]
            missed = [w for w in want[f] if w not in hit_want]
            extra = [g for g in got[f] if g not in hit_got]
            if missed:
                self.misses.append(f"{name} {f}: missed {missed}")
            if extra:
                self.misses.append(f"{name} {f}: extra  {extra}")

    def precision(self, f: str | None = None) -> float:
        tp = self.tp[f] if f else sum(self.tp.values())
        found = self.found[f] if f else sum(self.found.values())
        return tp / found if found else 1.0

    def recall(self, f: str | None = None) -> float:
        tp = self.tp[f] if f else sum(self.tp.values())
        expected = self.expected[f] if f else sum(self.expected.values())
        return tp / expected if expected else 1.0

    def table(self) -> str:
        lines = [f"{'field':<12} {'precision':>9} {'recall':>7}   (right/found/expected)"]
        for f in FIELDS:
            lines.append(
                f"{f:<12} {self.precision(f):9.2f} {self.recall(f):7.2f}   "
                f"({self.tp[f]}/{self.found[f]}/{self.expected[f]})"
            )
        lines.append(f"{'all':<12} {self.precision():9.2f} {self.recall():7.2f}")
        return "\n".join(lines)


def score_real(cases: list[Case]) -> Scores:
    """Draft every case, with its page's address as ``import-article URL`` gives it (the
    labels read a year from it where the text has none), and score the drafts."""
    scores = Scores()
    for case in cases:
        url = case.expected.get("url") or ""
        draft = extract(case.text, document=f"{case.name}.txt", url=url)
        scores.add(case.name, draft_items(draft.meeting), expected_items(case.expected))
    return scores


def score_reports(path: Path) -> dict[str, tuple[int, int, int]]:
    """A challenge set of invented whole reports (``tests/fixtures/reports_challenge_*.json``,
    see their ``.md``): (right, drafted, expected) for sectors, goods and enterprises. Goods
    match as in the real reports (a shared content word, same direction), against any of an
    expected good's spellings; enterprises by folded name."""
    totals = {f: [0, 0, 0] for f in ("sectors", "goods", "enterprises")}
    for item in json.loads(path.read_text(encoding="utf-8")):
        meeting = extract(item["text"]).meeting
        got = {p["sector"] for p in meeting["proposals"]}
        want = set(item["sectors"])
        _add(totals["sectors"], len(got & want), len(got), len(want))
        names = {_name(n) for p in meeting["proposals"] for n in p.get("enterprises", [])}
        wanted = {_name(n) for n in item["enterprises"]}
        _add(totals["enterprises"], len(names & wanted), len(names), len(wanted))
        for side in ("exports", "imports"):
            free = [list(spellings) for spellings in item[side]]
            right = 0
            for good in meeting[side]:
                stems = _stems(good)
                for i, spellings in enumerate(free):
                    if any(
                        stems & _stems(s) or (not _stems(s) and _same_words(good, s))
                        for s in spellings
                    ):
                        free.pop(i)
                        right += 1
                        break
            _add(totals["goods"], right, len(meeting[side]), len(item[side]))
    return {f: (t[0], t[1], t[2]) for f, t in totals.items()}


def _add(total: list[int], right: int, drafted: int, expected: int) -> None:
    total[0] += right
    total[1] += drafted
    total[2] += expected
