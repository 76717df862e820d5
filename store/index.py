"""The search index: ranked (BM25F), field-aware, stemmed, with synonyms, filters and highlights.

Every meeting and every proposal is a document. A document is a list of fields, each with a
weight (a title match outranks a detail match); a proposal also carries a little of its
meeting's context (region, people) so ``elevator samara`` finds the Samara elevator proposal.

The index is built once per session (:meth:`SearchIndex.build`) and updated incrementally
(:meth:`add_meetings`, :meth:`remove_meetings`) when records change; queries never rebuild it.
Building appends postings to per-term lists that become dicts when a term is first searched
(:meth:`SearchIndex._post`, :func:`_decode`); a large build is shared with a forked helper
process where two processors are available (:class:`_Helper`).
"""

from __future__ import annotations

import bisect
import contextlib
import gc
import hashlib
import heapq
import math
import os
import pickle
import re
import select
import signal
import time
from array import array
from collections import _count_elements, defaultdict  # type: ignore[attr-defined]
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import accumulate, islice, repeat
from operator import add, mul, sub
from pathlib import Path
from typing import Any

from . import cache
from .analysis import _TOKEN_RE, edit_distance, fold, spans, term, words
from .db import CACHE_FROM, Store
from .model import Meeting, Proposal
from .query import And, Filter, Node, Not, Or, Phrase, QueryError, Word, parse, walk
from .regions import find_region
from .taxonomy import SECTORS, STATUSES, sector_label

K1, B = 1.2, 0.75
_TIE = 1e-10  # display-order tie-break per rank (at most ~1e-5 for 100,000 docs)

# Field weights, in halves: a weighted term frequency is then a whole number of "half-weights"
# (a title word counts 6, a detail word 2), which packs with its doc number into one int while
# the index is built (see ``SearchIndex._add``).
MEETING_WEIGHTS = {
    "title": 3.0,
    "region": 2.5,
    "participants": 2.0,
    "place": 1.5,
    "summary": 1.0,
    "goods": 1.0,
    "notes": 0.5,
    "source": 0.5,
}
PROPOSAL_WEIGHTS = {
    "title": 3.0,
    "sector": 2.0,
    "enterprises": 2.0,
    "proposed_by": 1.5,
    "detail": 1.0,
    "quote": 0.5,
    "meeting": 0.5,
}
UNITS = 2  # weights are whole multiples of 1 / UNITS


def _units(weights: dict[str, float]) -> dict[str, int]:
    out = {group: round(w * UNITS) for group, w in weights.items()}
    if any(u < 1 or u != w * UNITS for u, w in zip(out.values(), weights.values(), strict=True)):
        raise ValueError(f"field weights must be positive multiples of 1/{UNITS}: {weights}")
    return out


_UNITS = {"meeting": _units(MEETING_WEIGHTS), "proposal": _units(PROPOSAL_WEIGHTS)}
_SEP = bytes(8)  # term id 0 between fields: a phrase never spans two fields
# A field text as the index takes it: its term ids as bytes, its distinct term ids and their
# frequencies times the field's weight in halves, and its number of words (lists of those
# when several fields are put together).
_Piece = tuple[Any, list[int], list[int], int]


@dataclass(slots=True)
class _Doc:
    kind: str  # "meeting" or "proposal"
    id: str
    meeting: Meeting
    proposal: Proposal | None
    alive: bool = True
    people: tuple[str, ...] = ()  # as indexed, so removal does not depend on later edits
    enterprises: tuple[str, ...] = ()
    date: str = ""  # the meeting's date as indexed
    children: range = range(0)  # a meeting's proposal docs (they follow it)

    @property
    def record(self) -> Meeting | Proposal:
        return self.proposal if self.proposal is not None else self.meeting


_GONE = Meeting(id="removed", date="1970-01-01", region="", title="")


def meeting_fields(m: Meeting) -> list[tuple[str, str, str]]:
    """``(path, text, weight group)`` for every searchable field of a meeting."""
    out = [
        ("title", m.title, "title"),
        ("region", m.region, "region"),
        ("place", m.place, "place"),
        ("summary", m.summary, "summary"),
        ("source.outlet", m.source.outlet, "source"),
        ("source.headline", m.source.headline, "source"),
    ]
    for i, p in enumerate(m.participants):
        out.append((f"participants[{i}].name", p.name, "participants"))
        out.append((f"participants[{i}].title", p.title, "participants"))
    out += [(f"exports[{i}]", g, "goods") for i, g in enumerate(m.exports)]
    out += [(f"imports[{i}]", g, "goods") for i, g in enumerate(m.imports)]
    out += [(f"notes[{i}]", n, "notes") for i, n in enumerate(m.notes)]
    return [f for f in out if f[1]]


def proposal_fields(p: Proposal, m: Meeting) -> list[tuple[str, str, str]]:
    """``(path, text, weight group)`` for a proposal, with a little of its meeting's context
    (the same for all of the meeting's proposals)."""
    out = [
        ("title", p.title, "title"),
        ("sector", sector_label(p.sector), "sector"),
        ("detail", p.detail, "detail"),
        ("proposed_by", p.proposed_by, "proposed_by"),
        ("quote", p.quote, "quote"),
    ]
    out += [(f"enterprises[{i}]", e, "enterprises") for i, e in enumerate(p.enterprises)]
    out.append(("meeting.region", m.region, "meeting"))
    out += [
        (f"meeting.participants[{i}].name", q.name, "meeting")
        for i, q in enumerate(m.participants)
        if q.role in ("host", "guest")
    ]
    return [f for f in out if f[1]]


# The same fields as texts and weights in halves, made fast for building the index (empty
# texts are included: they add nothing). A test checks they agree with the two above.
_M = _UNITS["meeting"]
_P = _UNITS["proposal"]
_MEETING_HEAD = (_M["title"], _M["region"], _M["place"], _M["summary"], _M["source"], _M["source"])
_PROPOSAL_HEAD = (_P["title"], _P["sector"], _P["detail"], _P["proposed_by"], _P["quote"])


def _meeting_texts(m: Meeting) -> tuple[list[str], list[int]]:
    texts = [m.title, m.region, m.place, m.summary, m.source.outlet, m.source.headline]
    for q in m.participants:
        texts += (q.name, q.title)
    texts += m.exports
    texts += m.imports
    texts += m.notes
    units = [*_MEETING_HEAD]
    units += repeat(_M["participants"], 2 * len(m.participants))
    units += repeat(_M["goods"], len(m.exports) + len(m.imports))
    units += repeat(_M["notes"], len(m.notes))
    return texts, units


def _proposal_texts(p: Proposal) -> tuple[list[str], list[int]]:
    """A proposal's own fields (the meeting's context is :func:`_context_texts`)."""
    texts = [p.title, sector_label(p.sector), p.detail, p.proposed_by, p.quote, *p.enterprises]
    units = [*_PROPOSAL_HEAD]
    units += repeat(_P["enterprises"], len(p.enterprises))
    return texts, units


def _context_texts(m: Meeting) -> tuple[list[str], list[int]]:
    texts = [m.region, *(q.name for q in m.participants if q.role in ("host", "guest"))]
    return texts, [_P["meeting"]] * len(texts)


@dataclass
class Hit:
    """One result: a meeting or a proposal, its score, and the matched spans.

    ``spans`` maps a field path (``title``, ``detail``, ``participants[0].name``, ...) to the
    ``(start, end)`` offsets of matched words in that field's text. They are worked out on
    first access, so a long result list costs nothing for the rows never shown.
    """

    kind: str
    id: str
    score: float
    record: Meeting | Proposal
    meeting: Meeting
    _spans: Callable[[], dict[str, list[tuple[int, int]]]] | dict[str, list[tuple[int, int]]] = (
        field(default_factory=dict, repr=False)
    )

    @property
    def spans(self) -> dict[str, list[tuple[int, int]]]:
        if callable(self._spans):
            self._spans = self._spans()
        return self._spans

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "score": round(self.score, 4),
            "record": self.record.to_dict(),
            "spans": {k: [list(s) for s in v] for k, v in self.spans.items()},
        }


@dataclass
class SearchResult:
    """Ranked hits (best first), the total count, and how the query was understood."""

    query: str
    hits: list[Hit]
    total: int
    corrections: list[tuple[str, str]] = field(default_factory=list)

    @property
    def fuzzy(self) -> bool:
        """True when nothing matched exactly and misspelt words were corrected."""
        return bool(self.corrections)


@dataclass
class _Highlight:
    terms: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    paths: dict[str, set[str]] = field(default_factory=dict)  # filter -> whole-field paths


def _decode(pending: Any) -> dict[int, int]:
    """Pending postings (see SearchIndex._post) as doc -> weighted frequency. A doc is listed
    once for each of its fields with the term, and those entries are in a row (docs are
    added in order): they are added up with prefix sums, all in C-level passes."""
    docs, units = pending[0::2], pending[1::2]
    out = dict(zip(docs, units, strict=True))
    if len(out) == len(docs):
        return out
    last = dict(zip(docs, range(len(docs)), strict=True))  # each doc's last entry, docs in order
    ends = list(map(add, last.values(), repeat(1)))
    sums = [0, *accumulate(units)]  # sums[i]: the units of entries before i
    totals = map(sub, map(sums.__getitem__, ends), map(sums.__getitem__, [0, *ends[:-1]]))
    return dict(zip(last, totals, strict=True))


def _term_hash(t: str, salt: int = 0) -> int:
    """A term's id: 64 bits of its hash (never 0, the field separator). Every process gives
    a term the same id, so two processes can index parts of a collection (see _Helper)."""
    data = t.encode() if not salt else f"{salt}\0{t}".encode()
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little") or 1


PARALLEL_FROM = 2_000  # meetings added at once before a helper process shares the work
# The share of the meetings' text the helper indexes: this process also files every record.
_HELPER_SHARE = 0.5
_CGROUP_CPU = "/sys/fs/cgroup/cpu.max"  # "<quota> <period>" or "max <period>" (cgroup v2)


class _Helper:
    """A forked process indexing the text of some meetings (see SearchIndex.add_meetings).

    It works on a copy of the parent's memory, so nothing is sent to it; it sends back what
    it indexed, pickled, through a pipe, and exits. Whatever goes wrong (no fork, a crash,
    a timeout, a bad reply), the parent gets None and indexes that part itself.
    """

    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd

    @staticmethod
    def available() -> bool:
        """Whether this system can fork and this program may use two processors (its CPU
        affinity and, in a container, its cgroup's CPU quota)."""
        if not hasattr(os, "fork") or not hasattr(os, "sched_getaffinity"):
            return False
        try:
            if len(os.sched_getaffinity(0)) < 2:
                return False
        except OSError:
            return False
        try:
            quota, period = Path(_CGROUP_CPU).read_text().split()[:2]
            return quota == "max" or int(quota) >= 2 * int(period)
        except (OSError, ValueError):
            return True  # no quota that can be read: the affinity decides

    @classmethod
    def start(cls, index: SearchIndex, meetings: list[Meeting], n: int) -> _Helper | None:
        try:
            read, write = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return None
        if pid == 0:  # the helper: never returns
            code = 1
            try:
                os.close(read)
                gc.disable()
                _leave_parent_signals()
                data = pickle.dumps(index._texts_of(meetings, n), pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        return cls(pid, read)

    def abandon(self) -> None:
        """Stop the helper and reap it (the parent gave up on the work)."""
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        self._finish()

    def _finish(self) -> int:
        """Close the pipe and reap the helper; its exit status (0 if it was reaped for us)."""
        with contextlib.suppress(OSError):
            os.close(self.fd)
        try:
            return os.waitpid(self.pid, 0)[1]
        except ChildProcessError:  # SIGCHLD ignored: the system reaped it
            return 0

    def result(self, timeout: float) -> dict[str, Any] | None:
        """The helper's work, or None; the helper is gone when this returns. A reply cut
        short (a helper killed while writing) does not unpickle, so it is None too."""
        chunks: list[bytes] = []
        deadline = time.monotonic() + timeout
        poller = select.poll()
        poller.register(self.fd, select.POLLIN)
        try:
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or not poller.poll(left * 1000):
                    chunks = []
                    os.kill(self.pid, signal.SIGKILL)
                    break
                chunk = os.read(self.fd, 1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            status = self._finish()
        if status != 0 or not chunks:
            return None
        try:
            found = pickle.loads(b"".join(chunks))
        except Exception:
            return None
        return found if isinstance(found, dict) else None


def _leave_parent_signals() -> None:
    """In a helper: forget the parent's signal handling (an app's handlers for a resized or
    suspended terminal, and its event loop's wake-up descriptor) so none of it runs here."""
    with contextlib.suppress(ValueError, OSError):
        signal.set_wakeup_fd(-1)
    for name in ("SIGWINCH", "SIGTSTP", "SIGCONT", "SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(ValueError, OSError):
                signal.signal(number, signal.SIG_DFL)


class SearchIndex:
    """An in-memory inverted index over meetings and proposals."""

    def __init__(self) -> None:
        self.docs: list[_Doc] = []
        self.by_key: dict[str, dict[str, int]] = {"meeting": {}, "proposal": {}}  # kind, id
        # term id -> doc -> weighted term frequency, in halves (see MEETING_WEIGHTS); docs
        # added since a term was last looked up wait in _pending (see _postings)
        self.postings: dict[int, dict[int, int]] = {}
        # (doc, frequency, doc, frequency, ...): a list while appending, then an array
        self._pending: defaultdict[int, Any] = defaultdict(list)
        self.lengths: array[float] = array("d")
        self.total_length = 0.0
        self.alive_count = 0
        # A term's id is a 64-bit hash of it (see _term_hash), the same in every process.
        self.term_ids: dict[str, int] = {}
        self.id_terms: dict[int, str] = {}
        self.word_ids: dict[str, int] = {}  # folded word -> its term's id
        # Analysed field texts (see _pieces) by weight in halves (many texts repeat: names,
        # sectors, a meeting's context in each of its proposals).
        self._analysed: dict[int, dict[str, _Piece]] = {
            u: {} for units in _UNITS.values() for u in units.values()
        }
        self._name_words: dict[str, tuple[str, ...]] = {}
        self.seqs: list[bytes] = []
        self.surface: dict[str, str] = {}  # folded word -> term (prefixes, corrections)
        self._surface_sorted: list[str] | None = None
        self.kinds: dict[str, set[int]] = {"meeting": set(), "proposal": set()}
        self.regions: dict[str, set[int]] = {}
        self.sectors: dict[str, set[int]] = {}
        self.statuses: dict[str, set[int]] = {}
        self.people: dict[str, set[int]] = {}
        self.person_names: dict[str, int] = {}
        self.enterprises: dict[str, set[int]] = {}
        self.enterprise_names: dict[str, int] = {}
        # docs by the date of their meeting: dates ascending, then doc numbers (two columns)
        self.date_keys: list[str] = []
        self.date_docs: list[int] = []
        self._scores: dict[str, dict[int, float]] = {}
        self._order: list[int] | None = None
        self.helped = False  # whether a helper process indexed part of the last addition

    # Building ----------------------------------------------------------------------------

    @classmethod
    def build(cls, meetings: Iterable[Meeting], *, parallel: bool | None = None) -> SearchIndex:
        """The index of ``meetings`` (see :meth:`add_meetings` for ``parallel``)."""
        index = cls()
        with cache.no_gc():
            index.add_meetings(meetings, parallel=parallel)
            index._forget_analysed()  # before the collector sees it again
        return index

    @classmethod
    def for_store(cls, store: Store) -> SearchIndex:
        """The index of ``store``'s records: loaded from the disk cache when the database's
        content is unchanged since it was built, else built (and cached)."""
        meetings = store.meetings()
        if len(meetings) < CACHE_FROM:
            return cls.build(meetings)
        state = cache.load("index", store.digest)
        if isinstance(state, dict):
            try:
                with cache.no_gc():
                    return cls._from_state(state, store)
            except (KeyError, IndexError, TypeError, ValueError):
                pass
        index = cls.build(meetings)
        cache.save("index", store.digest, index._state())
        return index

    _TRANSIENT = ("docs", "_analysed", "_scores", "_surface_sorted", "helped")

    def _state(self) -> dict[str, Any]:
        """Everything but the records themselves (they come from the store on load)."""
        self._display_order()
        state = {k: v for k, v in self.__dict__.items() if k not in self._TRANSIENT}
        state["docs"] = [
            (d.kind, d.id, d.meeting.id, d.alive, d.people, d.enterprises, d.children)
            for d in self.docs
        ]
        return state

    @classmethod
    def _from_state(cls, state: dict[str, Any], store: Store) -> SearchIndex:
        index = cls()
        saved = state.pop("docs")
        index.__dict__.update(state)
        docs = []
        snapshot = store.load()
        meetings, proposals = snapshot.by_id, snapshot.proposals_by_id
        for kind, rid, mid, alive, people, enterprises, children in saved:
            meeting = meetings.get(mid) if alive else None
            proposal = proposals.get(rid) if alive and kind == "proposal" else None
            if alive and (meeting is None or (kind == "proposal" and proposal is None)):
                raise KeyError(rid)  # the cache does not describe this database
            meeting = meeting or _GONE
            doc = _Doc(kind, rid, meeting, proposal, alive, people, enterprises, meeting.date)
            doc.children = children
            docs.append(doc)
        index.docs = docs
        return index

    def add_meetings(self, meetings: Iterable[Meeting], *, parallel: bool | None = None) -> None:
        """Index (or re-index) meetings and their proposals.

        Many meetings (``PARALLEL_FROM``) are indexed by two processes where the system
        can fork and the program may use two processors: a helper indexes the text of the
        later meetings while this process files every record and indexes the rest; then
        the helper's postings are appended to ours. ``parallel`` forces it on or off.

        If adding fails part way, nothing of it stays (meetings being re-indexed are out of
        the index then: their old versions are removed first).
        """
        meetings = list(meetings)
        known = self.by_key["meeting"]
        self.remove_meetings(m.id for m in meetings if m.id in known)
        start = len(self.docs)
        if parallel is None:
            parallel = len(meetings) >= PARALLEL_FROM and _Helper.available()
        split, later, helper = len(meetings), 0, None
        if parallel and len(meetings) >= 2:
            split = max(1, round(len(meetings) * (1 - _HELPER_SHARE)))
            later = start + sum(1 + len(m.proposals) for m in meetings[:split])
            helper = _Helper.start(self, meetings[split:], later)
        began, before = time.monotonic(), (self.alive_count, self.total_length)
        self.helped = False
        try:
            self._register(meetings)
            self._index_texts(meetings[:split], start)
            self._compact()
            if split < len(meetings):
                if helper is not None:
                    # While the helper finishes: drop the memo of analysed texts and collect
                    # what this build made (the collector would walk it all on its next pass).
                    self._forget_analysed()
                    gc.collect(0)
                # the helper has as much to do: give it ample time before doing its part here
                patience = 30 + 10 * (time.monotonic() - began)
                found, helper = helper.result(patience) if helper else None, None
                self.helped = self._merge_texts(found)
                if not self.helped:
                    self._index_texts(meetings[split:], later)
                    self._compact()
        except BaseException:
            if helper is not None:
                helper.abandon()
            self._roll_back(start, *before)
            raise
        finally:
            self._changed()

    def _roll_back(self, start: int, alive_count: int, total_length: float) -> None:
        """Forget docs ``start`` and later, filed or indexed in part when adding them failed,
        so the index is as it was before (words new to it are kept: they match nothing)."""
        gone = set(range(start, len(self.docs)))
        for doc in self.docs[start:]:
            self.by_key[doc.kind].pop(doc.id, None)
        for table in (self.kinds, self.regions, self.sectors, self.statuses):
            for docs in table.values():
                docs.difference_update(gone)
        for table, names, field_name in (
            (self.people, self.person_names, "people"),
            (self.enterprises, self.enterprise_names, "enterprises"),
        ):
            if any(not gone.isdisjoint(docs) for docs in table.values()):  # names noted
                for doc in self.docs[start:]:
                    for value in getattr(doc, field_name):
                        if names.get(value, 0) > 1:
                            names[value] -= 1
                        else:
                            names.pop(value, None)
            for docs in table.values():
                docs.difference_update(gone)
        kept = [i for i, n in enumerate(self.date_docs) if n < start]
        self.date_keys = [self.date_keys[i] for i in kept]
        self.date_docs = [self.date_docs[i] for i in kept]
        for tid, entries in self._pending.items():
            if entries and entries[-2] >= start:  # entries are (doc, frequency) pairs
                cut = bisect.bisect_left(entries[0::2], start)
                self._pending[tid] = entries[: 2 * cut]
        del self.docs[start:], self.seqs[start:], self.lengths[start:]
        self.alive_count, self.total_length = alive_count, total_length

    def _register(self, meetings: list[Meeting]) -> None:
        """File new meetings and their proposals as docs: numbers, kinds, filters, dates."""
        docs, start = self.docs, len(self.docs)
        by_meeting, by_proposal = self.by_key["meeting"], self.by_key["proposal"]
        sectors, statuses = self.sectors, self.statuses
        new_dates: list[str] = []  # of each new doc
        people: defaultdict[str, list[int]] = defaultdict(list)  # name -> its new docs
        enterprises: defaultdict[str, list[int]] = defaultdict(list)
        for m in meetings:
            first = n = len(docs)
            names = tuple(q.name for q in m.participants if q.name)
            parent = _Doc("meeting", m.id, m, None, True, names, (), m.date)
            docs.append(parent)
            by_meeting[m.id] = n
            for name in names:
                people[name].append(n)
            for p in m.proposals:
                n += 1
                proposer = (p.proposed_by,) if p.proposed_by else ()
                named = tuple(p.enterprises)
                docs.append(_Doc("proposal", p.id, m, p, True, proposer, named, m.date))
                by_proposal[p.id] = n
                sectors.setdefault(p.sector, set()).add(n)
                statuses.setdefault(p.status, set()).add(n)
                if proposer:
                    people[p.proposed_by].append(n)
                for name in named:
                    enterprises[name].append(n)
            own = range(first, n + 1)
            parent.children = own[1:]
            self.kinds["meeting"].add(first)
            self.kinds["proposal"].update(parent.children)
            new_dates += repeat(m.date, len(own))
            region = self.regions.get(m.region)
            if region is None:
                self.regions[m.region] = set(own)
            else:
                region.update(own)
        self.alive_count += len(docs) - start
        self._note_names(self.people, self.person_names, people)
        self._note_names(self.enterprises, self.enterprise_names, enterprises)
        self._note_dates(new_dates, start)

    def _index_texts(self, meetings: list[Meeting], n: int) -> None:
        """Index the text of ``meetings``, whose docs are numbered from ``n`` (their texts
        must be indexed in that order, after all earlier docs')."""
        for m in meetings:
            self._post(n, self._pieces(*_meeting_texts(m)))
            n += 1
            context = self._pieces(*_context_texts(m))
            for p in m.proposals:
                self._post(n, self._pieces(*_proposal_texts(p), context))
                n += 1

    def _compact(self) -> None:
        """Pending postings as arrays of 32-bit ints: half the memory, nothing for the
        garbage collector to walk, quick to pickle (lists are quicker to append to)."""
        pending = self._pending
        for tid, entries in pending.items():
            if type(entries) is list:
                pending[tid] = array("I", entries)

    def _texts_of(self, meetings: list[Meeting], n: int) -> dict[str, Any]:
        """In a helper process: index the text of ``meetings`` (docs from ``n``) and return
        what that added, for :meth:`_merge_texts` in the parent."""
        words, terms = len(self.word_ids), len(self.term_ids)
        # the parent's own are kept, not freed: freeing would copy their shared pages
        self._parents = (self._pending, self.seqs, self.lengths)
        self._pending = defaultdict(list)
        self.seqs, self.lengths, self.total_length = [], array("d"), 0.0
        self._index_texts(meetings, n)
        self._compact()
        return {
            "pending": dict(self._pending),
            "seqs": self.seqs,
            "lengths": self.lengths,
            "total_length": self.total_length,
            "words": list(islice(self.word_ids.items(), words, None)),
            "terms": list(islice(self.term_ids.items(), terms, None)),
        }

    def _merge_texts(self, found: dict[str, Any] | None) -> bool:
        """Append what a helper indexed (see :meth:`_texts_of`); False, changing nothing, if
        there is nothing or a term's id clashes with ours (then the caller does its part)."""
        if found is None:
            return False
        terms = found["terms"]
        for t, tid in terms:
            mine = self.term_ids.get(t)
            clash = mine != tid if mine is not None else self.id_terms.get(tid, t) != t
            if clash:
                return False
        for t, tid in terms:
            self.term_ids[t] = tid
            self.id_terms[tid] = t
        for w, tid in found["words"]:
            if w not in self.word_ids:
                self.word_ids[w] = tid
                self.surface[w] = self.id_terms[tid]
        self._surface_sorted = None
        pending = self._pending
        for tid, entries in found["pending"].items():
            mine = pending.get(tid)
            if mine is None:
                pending[tid] = entries
            else:
                mine += entries  # the helper's docs come after ours
        self.seqs += found["seqs"]
        self.lengths += found["lengths"]
        self.total_length += found["total_length"]
        return True

    def _note_dates(self, dates: list[str], start: int) -> None:
        """Place new docs ``start, start + 1, ...`` of ``dates`` in the date columns (their
        numbers are above all others, so among equal dates they go last)."""
        keys, docs = self.date_keys, self.date_docs
        if len(dates) <= 64:
            for n, date in enumerate(dates, start):
                i = bisect.bisect_right(keys, date)
                keys.insert(i, date)
                docs.insert(i, n)
            return
        keys += dates
        docs += range(start, start + len(dates))
        order = sorted(range(len(keys)), key=keys.__getitem__)  # stable: docs stay ascending
        self.date_keys = list(map(keys.__getitem__, order))
        self.date_docs = list(map(docs.__getitem__, order))

    def remove_meetings(self, meeting_ids: Iterable[str]) -> None:
        """Drop meetings and their proposals from the index."""
        changed = False
        for mid in list(meeting_ids):
            n = self.by_key["meeting"].get(mid)
            if n is None:
                continue
            self._remove(n)
            for pn in self.docs[n].children:
                self._remove(pn)
            changed = True
        if changed:
            self._changed()

    def _changed(self) -> None:
        self._scores.clear()
        self._surface_sorted = None
        self._order = None

    def _display_order(self) -> list[int]:
        """Tie-break rank of each doc: newest meeting first, then its proposals in order."""
        if self._order is None:
            docs = self.docs
            ranked = sorted(range(len(docs)), key=lambda n: docs[n].id)
            ranked.sort(key=lambda n: docs[n].kind != "meeting")
            # stable, so ids stay ascending within a meeting
            ranked.sort(key=lambda n: (docs[n].meeting.date, docs[n].meeting.id), reverse=True)
            order = [0] * len(docs)
            for rank, n in enumerate(ranked):
                order[n] = rank
            self._order = order
        return self._order

    def _pieces(self, texts: list[str], units: list[int], more: _Piece | None = None) -> _Piece:
        """What field ``texts`` of weights ``units`` (in halves) add to a document: their
        term ids as bytes (each field followed by a separator), the term ids of each field
        with their weighted frequency (a term of two fields is listed twice) and the number
        of words. ``more`` is appended (a meeting's context, worked out once for all of its
        proposals)."""
        parts: list[bytes] = []
        tids: list[int] = []
        weighted: list[int] = []
        length = 0
        analysed = self._analysed
        for text, u in zip(texts, units, strict=True):
            memo = analysed[u]
            piece = memo.get(text)
            if piece is None:
                piece = memo[text] = self._analyse(text, u)
            parts.append(piece[0])
            tids += piece[1]
            weighted += piece[2]
            length += piece[3]
        if more is not None:
            parts += more[0]
            tids += more[1]
            weighted += more[2]
            length += more[3]
        return parts, tids, weighted, length

    def _forget_analysed(self) -> None:
        """Drop the memo of analysed texts (it only speeds up building)."""
        for memo in self._analysed.values():
            memo.clear()

    def _post(self, n: int, pieces: _Piece) -> None:
        """Index the text of doc ``n``. Its postings are appended to per-term lists (``n``
        and the term's weighted frequency, once per field with the term: appending is far
        cheaper than growing per-term dicts, and both are ints Python already has) and
        become dicts when the term is first looked up (:meth:`_postings`)."""
        parts, tids, weighted, length = pieces
        pending = self._pending
        for tid, u in zip(tids, weighted, strict=True):
            entries = pending[tid]
            entries.append(n)
            entries.append(u)
        self.seqs.append(b"".join(parts))
        self.lengths.append(float(length))
        self.total_length += length

    def _analyse(self, text: str, units: int) -> _Piece:
        """``text`` as a field piece (see :meth:`_pieces`); memoised, as many texts repeat."""
        found = words(text)
        word_ids = self.word_ids
        try:
            ids = list(map(word_ids.__getitem__, found))
        except KeyError:  # new words (rarely, once the vocabulary is known)
            for w in set(found).difference(word_ids):
                word_ids[w] = self._term_id(w)
            ids = list(map(word_ids.__getitem__, found))
        if len(self._analysed[units]) > 100_000:
            self._analysed[units].clear()
        tf: dict[int, int] = {}
        _count_elements(tf, ids)
        return (
            array("Q", ids).tobytes() + _SEP,
            list(tf),
            list(map(mul, tf.values(), repeat(units))),
            len(ids),
        )

    def _postings(self, tid: int) -> dict[int, int] | None:
        """The postings of term id ``tid`` (doc -> weighted frequency in halves), with the
        docs added since they were last looked up merged in (in one C-level pass)."""
        pending = self._pending.pop(tid, None)
        plist = self.postings.get(tid)
        if pending:
            new = _decode(pending)
            if plist is None:
                plist = self.postings[tid] = new
            else:
                plist.update(new)
        return plist

    def _plist(self, t: str, default: Any = None) -> Any:
        """The postings (doc -> weighted term frequency in halves) of term ``t``."""
        tid = self.term_ids.get(t)
        found = self._postings(tid) if tid is not None else None
        return found if found is not None else ({} if default is None else default)

    def _term_id(self, word: str) -> int:
        """Register a new folded word; return the id of its term."""
        t = term(word)
        self.surface[word] = t
        self._surface_sorted = None
        tid = self.term_ids.get(t)
        if tid is None:
            tid, salt = _term_hash(t), 0
            while tid in self.id_terms:  # two terms with one hash: never seen, but possible
                salt += 1
                tid = _term_hash(t, salt)
            self.term_ids[t] = tid
            self.id_terms[tid] = t
        return tid

    def _note_names(
        self, table: dict[str, set[int]], names: dict[str, int], docs_of: dict[str, list[int]]
    ) -> None:
        """Record new docs naming people or enterprises: each name's count, and the docs by
        each word of the name (what ``person:`` and ``enterprise:`` look up)."""
        words_of = self._name_words
        for value, docs in docs_of.items():
            names[value] = names.get(value, 0) + len(docs)
            found = words_of.get(value)
            if found is None:
                found = words_of[value] = tuple(set(words(value)))
            for w in found:
                known = table.get(w)
                if known is None:
                    table[w] = set(docs)
                else:
                    known.update(docs)

    def _remove(self, n: int) -> None:
        doc = self.docs[n]
        if not doc.alive:
            return
        doc.alive = False
        del self.by_key[doc.kind][doc.id]
        indexed = array("Q")
        indexed.frombytes(self.seqs[n])
        for tid in set(indexed):
            plist = self._postings(tid) if tid else None
            if plist is not None:
                plist.pop(n, None)
        self.seqs[n] = b""
        self.total_length -= self.lengths[n]
        self.alive_count -= 1
        for table in (
            self.kinds,
            self.regions,
            self.sectors,
            self.statuses,
            self.people,
            self.enterprises,
        ):
            for docs in table.values():
                docs.discard(n)
        for names, values in (
            (self.person_names, doc.people),  # as counted when indexed
            (self.enterprise_names, doc.enterprises),
        ):
            for value in values:
                if value in names:
                    names[value] -= 1
                    if names[value] <= 0:
                        del names[value]
        keys, docs = self.date_keys, self.date_docs
        lo, hi = bisect.bisect_left(keys, doc.date), bisect.bisect_right(keys, doc.date)
        i = bisect.bisect_left(docs, n, lo, hi)  # docs ascend among equal dates
        if i < hi and docs[i] == n:
            del keys[i], docs[i]

    # Completion candidates ---------------------------------------------------------------

    def field_values(self, name: str) -> list[str]:
        """The values a field filter can take in this collection (for completion)."""
        if name == "region":
            out = set()
            for region, docs in self.regions.items():
                if docs:
                    known = find_region(region)
                    out.add(known.key if known else _slug(region))
            return sorted(out)
        if name == "sector":
            return [s.id for s in SECTORS if self.sectors.get(s.id)]
        if name == "status":
            return [s for s in STATUSES if self.statuses.get(s)]
        if name == "type":
            return ["meeting", "proposal"]
        if name == "year":
            return sorted({d[:4] for d in self.date_keys}, reverse=True)
        if name == "date":
            return sorted({d[:7] for d in self.date_keys}, reverse=True)
        if name == "person":
            return sorted({_slug(v.split()[-1]) for v in self.person_names})
        if name == "enterprise":
            return sorted({_slug(v) for v in self.enterprise_names})
        raise KeyError(name)

    # Searching ---------------------------------------------------------------------------

    def search(
        self,
        query: str | Node,
        *,
        limit: int | None = 50,
        kind: str | None = None,
        fuzzy: bool = True,
    ) -> SearchResult:
        """Run ``query``; raises :class:`QueryError` if it is malformed."""
        text = query if isinstance(query, str) else ""
        tree = rewrite_regions(parse(query) if isinstance(query, str) else query)
        docs = self._eval(tree, text)
        if kind is not None:
            docs = docs & self.kinds[kind]
        corrections: list[tuple[str, str]] = []
        if not docs and fuzzy:
            fixed, corrections = self._correct(tree)
            if corrections:
                tree = fixed
                docs = self._eval(tree, text)
                if kind is not None:
                    docs = docs & self.kinds[kind]
                if not docs:
                    corrections = []
        ranked = self._rank(tree, docs, limit)
        highlight = self._highlight(tree)
        hits = []
        for n, score in ranked:
            doc = self.docs[n]
            spans = partial(self._spans, n, highlight)
            hits.append(Hit(doc.kind, doc.id, score, doc.record, doc.meeting, spans))
        return SearchResult(text, hits, len(docs), corrections)

    def _all(self) -> set[int]:
        return self.kinds["meeting"] | self.kinds["proposal"]

    def _eval(self, node: Node, query: str) -> set[int]:
        if isinstance(node, And):
            if not node.children:
                return self._all()
            positives = [c for c in node.children if not isinstance(c, Not)]
            negatives = [c.child for c in node.children if isinstance(c, Not)]
            if positives:
                sets = sorted((self._eval(c, query) for c in positives), key=len)
                result = set(sets[0])
                for other in sets[1:]:
                    result &= other
                    if not result:
                        break
            else:
                result = self._all()
            for neg in negatives:
                if not result:
                    break
                result -= self._eval(neg, query)
            return result
        if isinstance(node, Or):
            result = set()
            for child in node.children:
                result |= self._eval(child, query)
            return result
        if isinstance(node, Not):
            return self._all() - self._eval(node.child, query)
        if isinstance(node, Word):
            if node.prefix:
                result = set()
                for t in self._expand(node.text):
                    result.update(self._plist(t, ()))
                return result
            return set(self._plist(term(fold(node.text)), ()))
        if isinstance(node, Phrase):
            return self._phrase(node)
        if isinstance(node, Filter):
            return self._filter(node, query)
        raise TypeError(node)  # pragma: no cover

    def _expand(self, prefix: str) -> list[str]:
        """Terms of every indexed word starting with ``prefix`` (at most 500)."""
        if self._surface_sorted is None:
            self._surface_sorted = sorted(self.surface)
        p = fold(prefix)
        words = self._surface_sorted
        i = bisect.bisect_left(words, p)
        out: set[str] = set()
        while i < len(words) and words[i].startswith(p) and len(out) < 500:
            out.add(self.surface[words[i]])
            i += 1
        canonical = term(p)
        if canonical in self.term_ids:
            out.add(canonical)
        return sorted(out)

    def _phrase(self, node: Phrase) -> set[int]:
        terms = [term(fold(w)) for w in node.words]
        ids = [self.term_ids.get(t) for t in terms]
        if any(i is None for i in ids):
            return set()
        lists = sorted((self._plist(t, {}) for t in terms), key=len)
        candidates = set(lists[0])
        for other in lists[1:]:
            candidates &= other.keys()
        pattern = array("Q", ids).tobytes()  # type: ignore[arg-type]
        out = set()
        for n in candidates:
            seq = self.seqs[n]
            i = seq.find(pattern)
            while i >= 0 and i % 8:
                i = seq.find(pattern, i + 1)
            if i >= 0:
                out.add(n)
        return out

    def _filter(self, f: Filter, query: str) -> set[int]:
        name, value = f.name, fold(f.value)
        if name == "type":
            return set(self.kinds[f.value])
        if name == "status":
            return set(self.statuses.get(f.value, ()))
        if name in ("date", "year"):
            keys, numbers = self.date_keys, self.date_docs
            lo = bisect.bisect_left(keys, f.start) if f.start else 0
            hi = bisect.bisect_right(keys, f.end) if f.end else len(keys)
            return set(numbers[lo:hi])
        if name == "sector":
            ids = resolve_sector(f.value)
            if not ids:
                known = ", ".join(s.id for s in SECTORS)
                raise QueryError(f"unknown sector '{f.value}' (sectors: {known})", f.pos, query)
            out: set[int] = set()
            for sid in ids:
                out |= self.sectors.get(sid, set())
            return out
        if name == "region":
            out = set()
            for region in self._matching_regions(value):
                out |= self.regions[region]
            return out
        table = self.people if name == "person" else self.enterprises
        words = _TOKEN_RE.findall(value)
        result: set[int] | None = None
        for w in words:
            docs = set(table.get(w, ()))
            if not docs:  # a prefix of a name: "karank", "mogilev"
                for key, found in table.items():
                    if key.startswith(w):
                        docs |= found
            result = docs if result is None else result & docs
        return result or set()

    def _matching_regions(self, value: str) -> list[str]:
        known = find_region(value) or find_region(value.replace("-", " "))
        if known is not None and self.regions.get(known.name):
            return [known.name]  # a region named exactly: not others it is a prefix of
        out = []
        for region, docs in self.regions.items():
            if not docs:
                continue
            if known is not None and known.name == region:
                out.append(region)
                continue
            folded = fold(region)
            slug = _slug(region)
            words = _TOKEN_RE.findall(folded)
            if slug == _slug(value) or any(w.startswith(value) for w in words):
                out.append(region)
        return out

    # Ranking -----------------------------------------------------------------------------

    def _positive_terms(self, tree: Node) -> list[str]:
        out: list[str] = []
        for leaf, negated in walk(tree):
            if negated:
                continue
            if isinstance(leaf, Word):
                out.extend(self._expand(leaf.text) if leaf.prefix else [term(fold(leaf.text))])
            elif isinstance(leaf, Phrase) and leaf.scored:
                out.extend(term(fold(w)) for w in leaf.words)
        return list(dict.fromkeys(out))

    def _term_scores(self, t: str) -> dict[int, float]:
        cached = self._scores.get(t)
        if cached is not None:
            return cached
        plist = self._plist(t, {})
        n_docs = max(self.alive_count, 1)
        df = len(plist)
        idf = math.log(1 + (n_docs - df + 0.5) / (df + 0.5))
        avg = self.total_length / n_docs or 1.0
        lengths = self.lengths
        # BM25 of tf = u / UNITS (postings hold weighted frequencies in halves), with the
        # 1 / UNITS factored out of the fraction.
        k1 = K1
        gain = idf * (k1 + 1)
        norm = k1 * (1 - B) * UNITS
        slope = k1 * B / avg * UNITS
        scores = {n: gain * u / (u + norm + slope * lengths[n]) for n, u in plist.items()}
        self._scores[t] = scores
        return scores

    def _rank(self, tree: Node, docs: set[int], limit: int | None) -> list[tuple[int, float]]:
        """Docs by score (best first), ties in display order; C-level loops throughout."""
        order = self._display_order()
        docs_list = list(docs)
        terms = self._positive_terms(tree)
        if not terms:
            if limit is not None and limit < len(docs_list):
                best = heapq.nsmallest(limit, docs_list, key=order.__getitem__)
            else:
                best = sorted(docs_list, key=order.__getitem__)
            return [(n, 0.0) for n in best]
        tables = [self._term_scores(t) for t in terms]
        scores = list(map(tables[0].get, docs_list, repeat(0.0)))
        for table in tables[1:]:
            scores = list(map(add, scores, map(table.get, docs_list, repeat(0.0))))
        # one float key: the score, less a tie-break far below any real score difference
        keys = list(map(sub, scores, map(mul, map(order.__getitem__, docs_list), repeat(_TIE))))
        positions = range(len(docs_list))
        if limit is not None and limit < len(docs_list):
            best_pos = heapq.nlargest(limit, positions, key=keys.__getitem__)
        else:
            best_pos = sorted(positions, key=keys.__getitem__, reverse=True)
        return [(docs_list[i], scores[i]) for i in best_pos]

    # Corrections and highlights ----------------------------------------------------------

    def _correct(self, tree: Node) -> tuple[Node, list[tuple[str, str]]]:
        corrections: list[tuple[str, str]] = []

        def fix(node: Node) -> Node:
            if isinstance(node, Word) and not node.prefix:
                if self._plist(term(fold(node.text))):
                    return node
                better = self._nearest(fold(node.text))
                if better is None:
                    return node
                if (node.text, better) not in corrections:
                    corrections.append((node.text, better))
                return Word(better)
            if isinstance(node, And):
                return And(tuple(fix(c) for c in node.children))
            if isinstance(node, Or):
                return Or(tuple(fix(c) for c in node.children))
            if isinstance(node, Not):
                return node  # never "correct" what the user excluded
            return node

        return fix(tree), corrections

    def _nearest(self, word: str) -> str | None:
        if len(word) < 4:
            return None
        limit = 1 if len(word) <= 6 else 2
        best: tuple[int, int, str] | None = None
        for candidate, t in self.surface.items():
            if candidate[0] != word[0] or abs(len(candidate) - len(word)) > limit:
                continue
            d = edit_distance(word, candidate, limit)
            if d <= limit:
                df = len(self._plist(t, ()))
                key = (d, -df, candidate)
                if best is None or key < best:
                    best = key
        return best[2] if best else None

    def matcher(self, query: str | Node) -> Callable[[str], list[tuple[int, int]]]:
        """A function giving the spans of ``query``'s matched words in any text (for
        highlighting a record's fields the way the search matched them)."""
        tree = rewrite_regions(parse(query) if isinstance(query, str) else query)
        h = self._highlight(tree)
        words = set().union(*h.paths.values()) if h.paths else set()
        if not (h.terms or h.prefixes or words):
            return lambda text: []
        terms, prefixes = h.terms, tuple(h.prefixes | words)

        def spans_of(text: str) -> list[tuple[int, int]]:
            out = []
            for start, end, t in spans(text):
                if t in terms or (prefixes and fold(text[start:end]).startswith(prefixes)):
                    out.append((start, end))
            return out

        return spans_of

    def _highlight(self, tree: Node) -> _Highlight:
        h = _Highlight()
        for leaf, negated in walk(tree):
            if negated:
                continue
            if isinstance(leaf, Word):
                if leaf.prefix:
                    h.prefixes.add(fold(leaf.text))
                    h.terms.update(self._expand(leaf.text))  # "elev*" also marks "lift"
                else:
                    h.terms.add(term(fold(leaf.text)))
            elif isinstance(leaf, Phrase) and leaf.scored:
                h.terms.update(term(fold(w)) for w in leaf.words)
            elif isinstance(leaf, Filter) and leaf.name in ("person", "enterprise", "region"):
                h.paths.setdefault(leaf.name, set()).update(_TOKEN_RE.findall(fold(leaf.value)))
        return h

    def _spans(self, n: int, h: _Highlight) -> dict[str, list[tuple[int, int]]]:
        doc = self.docs[n]
        fields = (
            proposal_fields(doc.proposal, doc.meeting)
            if doc.proposal
            else meeting_fields(doc.meeting)
        )
        out: dict[str, list[tuple[int, int]]] = {}
        for path, text, group in fields:
            filter_words = set()
            if group in ("participants", "proposed_by") or path.endswith("].name"):
                filter_words = h.paths.get("person", set())
            elif group == "enterprises":
                filter_words = h.paths.get("enterprise", set())
            elif group in ("region", "meeting") and path.endswith("region"):
                filter_words = h.paths.get("region", set())
            found = []
            for start, end, t in spans(text):
                word = fold(text[start:end])
                if (
                    t in h.terms
                    or any(word.startswith(p) for p in h.prefixes)
                    or any(word.startswith(w) for w in filter_words)
                ):
                    found.append((start, end))
            if found:
                out[path] = found
        return out


def _region_phrase(words: tuple[str, ...]) -> Node | None:
    """``Moscow Region`` -> (``"moscow oblast"`` OR ``"moscow region"``); None if no region."""
    region = find_region(" ".join(words))
    if region is None:
        return None
    canonical = tuple(_TOKEN_RE.findall(fold(region.name)))
    if canonical == tuple(fold(w) for w in words):
        return None
    original = Phrase(words, scored=False) if len(words) > 1 else Word(words[0])
    return Or((Phrase(canonical) if len(canonical) > 1 else Word(canonical[0]), original))


def rewrite_regions(node: Node) -> Node:
    """Let every spelling of a region find the others (``Moscow Region`` finds Moscow Oblast)."""
    if isinstance(node, Phrase):
        return _region_phrase(node.words) or node
    if isinstance(node, Not):
        return Not(rewrite_regions(node.child))
    if isinstance(node, Or):
        return Or(tuple(rewrite_regions(c) for c in node.children))
    if not isinstance(node, And):
        return node
    children = [rewrite_regions(c) for c in node.children]
    out: list[Node] = []
    i = 0
    while i < len(children):
        replaced = False
        for size in (4, 3, 2):
            window = children[i : i + size]
            if len(window) == size and all(isinstance(c, Word) and not c.prefix for c in window):
                found = _region_phrase(tuple(c.text for c in window))  # type: ignore[union-attr]
                if found is not None:
                    out.append(found)
                    i += size
                    replaced = True
                    break
        if not replaced:
            out.append(children[i])
            i += 1
    return And(tuple(out)) if len(out) != 1 else out[0]


_FILLER = {"and", "the", "of", "in", "for", "to"}


def resolve_sector(value: str) -> list[str]:
    """Sector ids a filter value names: an id or a prefix of one, the label or a prefix of it,
    a word of the label or of the sector's terms (3+ letters), or a synonym."""
    v = " ".join(_TOKEN_RE.findall(fold(value)))
    if not v:
        return []
    slug = v.replace(" ", "-")
    if any(s.id == slug for s in SECTORS):
        return [slug]
    wanted = term(v)
    out = []
    for s in SECTORS:
        label = " ".join(_TOKEN_RE.findall(fold(s.label)))
        words = set(_TOKEN_RE.findall(fold(f"{s.id} {s.label} {' '.join(s.terms)}"))) - _FILLER
        if (
            (len(v) >= 2 and (s.id.startswith(slug) or label.startswith(v)))
            or (len(v) >= 3 and v not in _FILLER and any(w.startswith(v) for w in words))
            or wanted in {term(w) for w in words}
        ):
            out.append(s.id)
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
