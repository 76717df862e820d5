"""Search: the query language, stemming and synonyms, ranking, highlights, errors, the CLI."""

from __future__ import annotations

import json
import math
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopbrowse.store.analysis import _TOKEN_RE, fold, words
from coopbrowse.store.dataset import Dataset
from coopbrowse.store.index import (
    _UNITS,
    K1,
    MEETING_WEIGHTS,
    PROPOSAL_WEIGHTS,
    B,
    SearchIndex,
    _context_texts,
    _decode,
    _meeting_texts,
    _proposal_texts,
    _units,
    meeting_fields,
    proposal_fields,
)
from coopbrowse.store.model import Meeting, Proposal
from coopbrowse.store.query import And, Filter, Not, Or, Phrase, QueryError, Word, parse
from coopbrowse.store.synth import synth_meetings
from coopbrowse.tui.cli import main


@pytest.fixture(scope="module")
def index(bundled: Dataset) -> SearchIndex:
    return SearchIndex.build(bundled.meetings)


def ids(index: SearchIndex, query: str, **kw) -> list[str]:
    return [h.id for h in index.search(query, limit=None, **kw).hits]


# Parsing ------------------------------------------------------------------------------


def test_parse_builds_the_expected_tree() -> None:
    assert parse("elevator samara") == And((Word("elevator"), Word("samara")))
    assert parse('"lift production"') == Phrase(("lift", "production"))
    assert parse("pharma*") == Word("pharma", prefix=True)
    assert parse("-film") == Not(Word("film"))
    assert parse("NOT film") == Not(Word("film"))
    assert parse("buses OR trams") == Or((Word("buses"), Word("trams")))
    assert parse("(buses OR trams) penza") == And(
        (Or((Word("buses"), Word("trams"))), Word("penza"))
    )
    assert parse("region:penza") == Filter("region", "penza")
    assert parse("date:2025-04..") == Filter("date", "2025-04..", "2025-04-01", "")
    assert parse("date:..2024") == Filter("date", "..2024", "", "2024-12-31")
    assert parse("year:2023..2024") == Filter("year", "2023..2024", "2023-01-01", "2024-12-31")
    assert parse("date:2025-02") == Filter("date", "2025-02", "2025-02-01", "2025-02-28")
    assert parse("type:proposals") == Filter("type", "proposal")
    assert parse("rolling-stock") == Phrase(("rolling", "stock"))
    assert parse("") == And(())


@pytest.mark.parametrize(
    ("query", "message", "column"),
    [
        ("region:", "'region:' needs a value", 8),
        ('"lift production', "unclosed quote", 1),
        ("date:2025-13-01..", "bad month 13", 11),
        ("date:2025-02-30", "bad day 30", 14),
        ("date:2025-06..2025-01", "runs backwards", 6),
        ("colour:red", "unknown field 'colour:'", 1),
        ("(buses OR trams", "unclosed '('", 1),
        ("buses)", "unmatched ')'", 6),
        ("buses OR", "OR needs a term", 7),
        ("OR buses", "expected a search term", 1),
        ("film -", "nothing to search for", 6),
        ("NOT", "NOT needs a term", 1),
        ("*", "'*' needs some letters", 1),
        ("ph*rma", "only allowed at the end", 3),
        ("status:maybe", "unknown status 'maybe'", 8),
        ("type:person", "type must be meeting or proposal", 6),
        ("year:25", "bad year", 6),
        ("()", "empty parentheses", 1),
    ],
)
def test_malformed_queries_say_what_and_where(query: str, message: str, column: int) -> None:
    with pytest.raises(QueryError) as info:
        parse(query)
    assert message in info.value.message
    assert str(info.value).endswith(f"(at column {column})")


def test_unknown_sector_is_an_error_from_the_engine(index: SearchIndex) -> None:
    with pytest.raises(QueryError, match="unknown sector 'spaceships'"):
        index.search("sector:spaceships")


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list('ab -"():*.OR NOT region:date:2025-13.. \\x1b[]')),
        max_size=40,
    )
    | st.text(max_size=40)
)
def test_parser_and_engine_raise_only_query_errors(text: str) -> None:
    index = _FUZZ_INDEX
    try:
        index.search(text, limit=5)
    except QueryError as exc:
        assert exc.message and 0 <= exc.position <= len(text)


_FUZZ_INDEX = SearchIndex.build(synth_meetings(30, seed=4))


# Matching -----------------------------------------------------------------------------


def test_all_plain_words_must_match(index: SearchIndex) -> None:
    hits = ids(index, "elevator samara")
    assert hits[0] == "2025-07-21-samara-p06"
    assert all("samara" in h for h in hits)


def test_sector_filter_returns_mordovia_penza_and_samara_elevators(index: SearchIndex) -> None:
    assert sorted(ids(index, "sector:elevators")) == sorted(
        [
            "2025-10-20-mordovia-lukashenko-p04",
            "2025-10-20-mordovia-karankevich-p06",
            "2025-04-01-penza-p03",
            "2025-07-21-samara-p06",
        ]
    )


def test_lift_and_elevator_find_each_other(index: SearchIndex) -> None:
    lift = ids(index, "lift", kind="proposal")
    assert "2025-10-20-mordovia-karankevich-p06" in lift  # "lift production"
    assert "2025-07-21-samara-p06" in lift  # "elevator equipment"
    assert set(ids(index, "elevators", kind="proposal")) == set(lift)


def test_stemming_plural_and_accents(index: SearchIndex) -> None:
    assert ids(index, "tram") == ids(index, "trams")
    assert ids(index, "ZDÚNOV") == ids(index, "zdunov") != []


def test_moscow_region_finds_moscow_oblast(index: SearchIndex) -> None:
    hits = ids(index, "Moscow Region")
    assert hits and hits[0].startswith("2023-12-18-moscow-oblast")
    assert ids(index, '"moscow region"') == hits


def test_phrase_needs_the_words_in_order(index: SearchIndex) -> None:
    assert "2025-10-20-mordovia-karankevich-p06" in ids(index, '"lift production"')
    assert ids(index, '"production lift"') == []


def test_prefix_negation_or_and_groups(index: SearchIndex) -> None:
    pharma = ids(index, "pharma*", kind="proposal")
    assert "2025-10-20-mordovia-lukashenko-p11" in pharma  # Promomed at Belmedpreparaty
    with_film = set(ids(index, "sector:film"))
    assert with_film and not set(ids(index, "sector:film -film")) & with_film
    assert ids(index, "sector:film NOT film") == ids(index, "sector:film -film")
    either = set(ids(index, "trolleybuses OR concrete"))
    assert either == set(ids(index, "trolleybuses")) | set(ids(index, "concrete"))
    grouped = ids(index, "(trolleybuses OR concrete) region:penza")
    assert grouped and all("penza" in h for h in grouped)


def test_field_filters(index: SearchIndex) -> None:
    assert set(ids(index, "region:penza")) == {
        h for h in ids(index, "") if h.startswith("2025-04-01-penza")
    }
    karankevich = ids(index, "person:karankevich")
    assert karankevich[0] == "2025-10-20-mordovia-karankevich"
    assert all("karankevich" in h for h in karankevich)
    assert ids(index, "enterprise:maz") == ["2025-04-01-penza-p02"]
    assert ids(index, "status:assigned") == ["2023-12-18-moscow-oblast-p07"]
    assert {h[:4] for h in ids(index, "year:2023")} == {"2023"}
    assert ids(index, "date:2025-04..2025-04") == ids(index, "region:penza")
    assert not {h[:10] for h in ids(index, "date:2025-04..")} & {"2023-12-18"}
    assert ids(index, "type:meeting") == [
        "2025-10-20-mordovia-lukashenko",
        "2025-10-20-mordovia-karankevich",
        "2025-07-21-samara",
        "2025-04-01-penza",
        "2023-12-18-moscow-oblast",
    ]


def test_misspelling_falls_back_to_a_flagged_correction(index: SearchIndex) -> None:
    result = index.search("pharmaceuticls", limit=None)
    assert result.fuzzy and result.corrections == [("pharmaceuticls", "pharmaceuticals")]
    assert "2025-10-20-mordovia-lukashenko-p11" in [h.id for h in result.hits]
    exact = index.search("pharmaceuticals", limit=None)
    assert not exact.fuzzy
    assert index.search("qqqqqqq").total == 0


def test_title_match_outranks_detail_match(index: SearchIndex) -> None:
    # "Promomed" is in the title of p11 and only in the detail/notes elsewhere.
    hits = ids(index, "promomed")
    assert hits[0] == "2025-10-20-mordovia-lukashenko-p11"


def test_score_is_bm25f_with_the_field_weights() -> None:
    # Worked by hand from the definition: weighted tf = sum of field weight x count, then BM25
    # with K1 and B over the documents' word counts.
    a = Meeting(id="a", date="2025-01-01", region="Tula Oblast", title="Cement cement plant")
    a.summary = "A cement deal"
    b = Meeting(id="b", date="2025-01-02", region="Penza Oblast", title="Bus depot")
    b.summary = "Cement for the depot and more words here"
    index = SearchIndex.build([a, b])
    lengths = {"a": 3 + 2 + 3, "b": 2 + 2 + 8}  # title, region, summary words
    tf = {
        "a": 2 * MEETING_WEIGHTS["title"] + 1 * MEETING_WEIGHTS["summary"],
        "b": 1 * MEETING_WEIGHTS["summary"],
    }
    avg = sum(lengths.values()) / 2
    idf = math.log(1 + (2 - 2 + 0.5) / (2 + 0.5))
    expected = {
        rid: idf * tf[rid] * (K1 + 1) / (tf[rid] + K1 * (1 - B + B * lengths[rid] / avg))
        for rid in "ab"
    }
    hits = index.search("cement").hits
    assert [h.id for h in hits] == ["a", "b"]
    for hit in hits:
        assert hit.score == pytest.approx(expected[hit.id], rel=1e-12)


def test_proposal_score_counts_half_weights_and_its_meetings_context() -> None:
    # "tula" is in the meeting's title and region, in one proposal's quote (weight 0.5) and,
    # through the meeting's context (weight 0.5), in both proposals.
    m = Meeting(id="m", date="2025-01-01", region="Tula Oblast", title="Talks in Tula")
    m.proposals = [
        Proposal("m-p01", "m", "elevators", "Lift works", detail="Build a plant", quote="Tula"),
        Proposal("m-p02", "m", "elevators", "Grain lifts"),
    ]
    index = SearchIndex.build([m])
    words = {"m": 3 + 2, "m-p01": 2 + 1 + 3 + 1 + 2, "m-p02": 2 + 1 + 2}  # incl. "Elevators"
    half = PROPOSAL_WEIGHTS["quote"]
    assert half == PROPOSAL_WEIGHTS["meeting"] == 0.5
    tf = {
        "m": MEETING_WEIGHTS["title"] + MEETING_WEIGHTS["region"],
        "m-p01": half + PROPOSAL_WEIGHTS["meeting"],
        "m-p02": PROPOSAL_WEIGHTS["meeting"],
    }
    avg = sum(words.values()) / 3
    idf = math.log(1 + (3 - 3 + 0.5) / (3 + 0.5))
    hits = index.search("tula").hits
    assert [h.id for h in hits] == ["m", "m-p01", "m-p02"]
    for hit in hits:
        t, n = tf[hit.id], words[hit.id]
        expected = idf * t * (K1 + 1) / (t + K1 * (1 - B + B * n / avg))
        assert hit.score == pytest.approx(expected, rel=1e-12)


def test_changing_a_record_in_place_then_reindexing_leaves_nothing_stale() -> None:
    m = synth_meetings(1, seed=3)[0]
    index = SearchIndex.build([m])
    old_year, old_names = m.date[:4], set(index.field_values("person"))
    m.date = "2031-05-05"
    for q in m.participants:
        q.name = "Zyx Qwerty"
    for p in m.proposals:
        p.proposed_by = "Zyx Qwerty"
    index.add_meetings([m])  # re-index the edited meeting
    assert ids(index, f"year:{old_year}") == []
    assert index.field_values("year") == ["2031"]
    assert index.field_values("person") == ["qwerty"] and old_names != {"qwerty"}


def test_field_weights_must_be_whole_halves() -> None:
    assert _units({"title": 3.0, "quote": 0.5}) == {"title": 6, "quote": 1}
    with pytest.raises(ValueError, match="multiples of 1/2"):
        _units({"title": 3.0, "quote": 0.7})


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
def test_fast_word_split_matches_the_token_pattern(text: str) -> None:
    assert words(text) == _TOKEN_RE.findall(fold(text))


def test_hits_carry_spans_of_the_matched_words(index: SearchIndex) -> None:
    hit = index.search("lift", kind="proposal").hits[0]
    assert hit.id == "2025-10-20-mordovia-karankevich-p06"
    title = hit.record.title
    assert [title[a:b] for a, b in hit.spans["title"]] == ["lift"]
    samara = next(h for h in index.search("lift", limit=None).hits if h.id.endswith("samara-p06"))
    assert [samara.record.title[a:b] for a, b in samara.spans["title"]] == ["elevator"]
    pre = index.search("pharma*", kind="proposal").hits[0]
    assert any(pre.record.title[a:b].lower().startswith("pharma") for a, b in pre.spans["title"])


def test_field_values_for_completion(index: SearchIndex) -> None:
    assert index.field_values("region") == ["mordovia", "moscow-oblast", "penza", "samara"]
    assert "elevators" in index.field_values("sector")
    assert "karankevich" in index.field_values("person")
    assert "maz" in index.field_values("enterprise")
    assert index.field_values("year") == ["2025", "2023"]


def test_incremental_updates_without_rebuilding(bundled: Dataset) -> None:
    index = SearchIndex.build(bundled.meetings)
    extra = synth_meetings(3, seed=8)
    extra[0].title = "Zanzibarian hovercraft summit"
    index.add_meetings(extra)
    assert ids(index, "zanzibarian") == [extra[0].id]
    extra[0].title = "Renamed meeting"
    index.add_meetings([extra[0]])
    assert ids(index, "zanzibarian") == []
    assert extra[0].id in ids(index, "renamed")
    index.remove_meetings([extra[0].id])
    assert ids(index, "renamed") == []
    assert index.search("sector:elevators").total == 4 + sum(
        p.sector == "elevators" for m in extra[1:] for p in m.proposals
    )


def _answers(index: SearchIndex, queries: list[str]) -> list[list[tuple[str, float]]]:
    return [[(h.id, h.score) for h in index.search(q, limit=None).hits] for q in queries]


def test_an_index_grown_by_adds_and_removals_answers_like_a_fresh_one(bundled: Dataset) -> None:
    queries = [
        "elevator",
        "joint production",
        '"joint production"',
        "tula OR penza -dairy",
        "year:2020",
        "date:2019-03..2021-07",
        "person:lukashenko",
        "enterprise:maz",
        "region:samara supply",
        "pharma*",
    ]
    index = SearchIndex.build(bundled.meetings)
    _answers(index, queries)  # postings looked up before the additions below
    batches = [synth_meetings(5, seed=21), synth_meetings(40, seed=22), synth_meetings(2, seed=23)]
    for batch in batches:
        index.add_meetings(batch)
        _answers(index, queries)
    gone = [batches[1][3].id, batches[1][7].id, batches[0][0].id]
    index.remove_meetings(gone)
    edited = batches[1][10]
    edited.title, edited.date = "Elevator talks moved", "2019-05-05"
    index.add_meetings([edited])
    final = [m for m in [*bundled.meetings, *(m for b in batches for m in b)] if m.id not in gone]
    fresh = SearchIndex.build(final)
    assert _answers(index, queries) == _answers(fresh, queries)
    assert all(_answers(fresh, [q])[0] for q in queries)  # every query finds something
    for name in ("year", "date", "person", "enterprise", "region", "sector"):
        assert index.field_values(name) == fresh.field_values(name)


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 200)), max_size=40))
def test_pending_postings_add_up_a_docs_entries(steps: list[tuple[int, int]]) -> None:
    entries, expected, n = [], {}, 0
    for gap, units in steps:  # a doc is listed once per field with the term, in a row
        n += gap
        entries += (n, units)
        expected[n] = expected.get(n, 0) + units
    assert _decode(entries) == expected


def test_the_build_indexes_exactly_the_searchable_fields(bundled: Dataset) -> None:
    def fast(texts_units: tuple[list[str], list[int]]) -> list[tuple[str, int]]:
        return [(t, u) for t, u in zip(*texts_units, strict=True) if t]

    for m in [*bundled.meetings, *synth_meetings(30, seed=5)]:
        units = _UNITS["meeting"]
        assert fast(_meeting_texts(m)) == [(t, units[g]) for _, t, g in meeting_fields(m)]
        units = _UNITS["proposal"]
        for p in m.proposals:
            both = fast(_proposal_texts(p)) + fast(_context_texts(m))
            assert both == [(t, units[g]) for _, t, g in proposal_fields(p, m)]


def _same_index(a: SearchIndex, b: SearchIndex, *, vocabulary: bool = True) -> None:
    """Two indexes of the same meetings, built the same way or not, hold the same (``a``
    may know more words, which match nothing, if ``vocabulary`` is False)."""
    if vocabulary:
        assert a.term_ids == b.term_ids and a.word_ids == b.word_ids and a.surface == b.surface
    assert all(a._plist(t) == b._plist(t) for t in a.term_ids)
    assert a.seqs == b.seqs and a.lengths == b.lengths and a.total_length == b.total_length
    assert (a.date_keys, a.date_docs) == (b.date_keys, b.date_docs)
    assert [(d.kind, d.id) for d in a.docs] == [(d.kind, d.id) for d in b.docs]
    assert a.by_key == b.by_key and a.alive_count == b.alive_count
    for name in ("kinds", "regions", "sectors", "statuses", "people", "enterprises"):
        table_a, table_b = getattr(a, name), getattr(b, name)
        assert {k: v for k, v in table_a.items() if v} == {k: v for k, v in table_b.items() if v}
    assert (a.person_names, a.enterprise_names) == (b.person_names, b.enterprise_names)


@pytest.fixture(scope="module")
def corpus() -> list[Meeting]:
    return synth_meetings(60, seed=13)


def test_two_processes_build_the_same_index_as_one(corpus: list[Meeting]) -> None:
    one = SearchIndex.build(corpus, parallel=False)
    two = SearchIndex.build(corpus, parallel=True)
    _same_index(one, two)
    assert len(one.docs) > 300
    assert two.helped and not one.helped


def test_a_helper_that_fails_or_hangs_is_replaced(corpus: list[Meeting], monkeypatch) -> None:
    import time

    from coopbrowse.store import index as index_module

    def broken(self, meetings, n):
        raise RuntimeError("helper failed")

    monkeypatch.setattr(SearchIndex, "_texts_of", broken)
    replaced = SearchIndex.build(corpus, parallel=True)
    _same_index(SearchIndex.build(corpus, parallel=False), replaced)
    assert not replaced.helped

    monkeypatch.setattr(SearchIndex, "_texts_of", lambda self, meetings, n: time.sleep(60))
    helper = index_module._Helper.start(SearchIndex(), corpus, 0)
    assert helper is not None
    started = time.monotonic()
    assert helper.result(timeout=0.5) is None
    assert time.monotonic() - started < 10


def test_clashing_term_ids_fall_back_to_one_process(corpus: list[Meeting], monkeypatch) -> None:
    import zlib

    from coopbrowse.store import index as index_module

    def tiny_hash(t: str, salt: int = 0) -> int:  # a few hundred ids: clashes are certain
        return 1 + zlib.crc32(f"{salt}|{t}".encode()) % 700

    merged = []
    merge = SearchIndex._merge_texts

    def spy(self, found):
        merged.append((found is not None, merge(self, found)))
        return merged[-1][1]

    monkeypatch.setattr(index_module, "_term_hash", tiny_hash)
    monkeypatch.setattr(SearchIndex, "_merge_texts", spy)
    one = SearchIndex.build(corpus, parallel=False)
    assert len(set(one.term_ids.values())) == len(one.term_ids) > 300  # probed apart
    two = SearchIndex.build(corpus, parallel=True)
    assert merged == [(True, False)]  # the helper's ids clashed with ours: its part was redone
    assert _answers(two, ["elevator", '"joint production"', "pharma*"]) == _answers(
        one, ["elevator", '"joint production"', "pharma*"]
    )


def test_two_processes_only_where_they_can_help(monkeypatch, tmp_path) -> None:
    from coopbrowse.store import index as index_module

    monkeypatch.setattr(index_module.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert not index_module._Helper.available()
    monkeypatch.setattr(index_module.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    quota = tmp_path / "cpu.max"
    monkeypatch.setattr(index_module, "_CGROUP_CPU", str(quota))
    can_fork = hasattr(index_module.os, "fork")
    assert index_module._Helper.available() == can_fork  # no quota file: the affinity decides
    for text, enough in (
        ("max 100000", True),
        ("200000 100000", True),
        ("50000 100000", False),
        ("garbled", True),  # unreadable: the affinity decides
    ):
        quota.write_text(text + "\n")
        assert index_module._Helper.available() == (can_fork and enough), text


@pytest.mark.parametrize("parallel", [False, True])
@pytest.mark.parametrize("bad_at", [3, 50])  # in this process's part, or the helper's
def test_a_failed_addition_leaves_the_index_as_it_was(
    corpus: list[Meeting], parallel: bool, bad_at: int, monkeypatch
) -> None:
    import copy

    from coopbrowse.store import index as index_module

    abandoned = []
    abandon = index_module._Helper.abandon
    monkeypatch.setattr(
        index_module._Helper, "abandon", lambda self: (abandoned.append(self.pid), abandon(self))
    )
    base, more = corpus[:10], copy.deepcopy(corpus[10:])
    more[bad_at - 10 if bad_at >= 10 else 0].notes = [None]  # type: ignore[list-item]
    index = SearchIndex.build(base, parallel=False)
    with pytest.raises(AttributeError):
        index.add_meetings(more, parallel=parallel)
    _same_index(index, SearchIndex.build(base, parallel=False), vocabulary=False)
    assert len(abandoned) == (parallel and bad_at == 3)  # only if this process failed first
    for pid in abandoned:  # a helper given up on is gone, not left waiting
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    good = [m for m in more if None not in m.notes]
    index.add_meetings(good, parallel=parallel)
    fresh = SearchIndex.build([*base, *good], parallel=False)
    queries = ["elevator", '"joint production"', "year:2020", "person:lukashenko", "pharma*"]
    assert _answers(index, queries) == _answers(fresh, queries)
    for name in ("year", "person", "enterprise", "region"):
        assert index.field_values(name) == fresh.field_values(name)


def test_a_helper_reaped_by_the_system_still_counts(corpus: list[Meeting]) -> None:
    import signal

    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped at once
    try:
        two = SearchIndex.build(corpus, parallel=True)
    finally:
        signal.signal(signal.SIGCHLD, before)
    _same_index(SearchIndex.build(corpus, parallel=False), two)


# Command line -------------------------------------------------------------------------


def test_cli_search_table_and_exit_statuses(capsys) -> None:
    assert main(["search", "elevator", "samara"]) == 0
    out = capsys.readouterr().out
    assert "2025-07-21-samara-p06" in out and "2 results" in out
    assert main(["search", "qqqqqqqq"]) == 1
    assert "No results" in capsys.readouterr().out
    assert main(["search", "region:"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "needs a value" in err and "column 8" in err


def test_cli_search_json(capsys) -> None:
    assert main(["search", "lift", "--json", "--limit", "2", "--type", "proposal"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 4 and len(data["hits"]) == 2
    hit = data["hits"][0]
    assert set(hit) == {"kind", "id", "score", "record", "spans"}
    assert hit["kind"] == "proposal" and hit["record"]["id"] == hit["id"]
    start, end = hit["spans"]["title"][0]
    assert hit["record"]["title"][start:end].lower() in ("lift", "elevator")


def test_cli_search_reports_a_correction(capsys) -> None:
    assert main(["search", "pharmaceuticls"]) == 0
    assert "pharmaceuticls → pharmaceuticals" in capsys.readouterr().out


# The on-disk cache ---------------------------------------------------------------------


def test_index_and_records_are_cached_by_database_content(tmp_path) -> None:
    from coopbrowse.store import Store
    from coopbrowse.store.db import CACHE_FROM
    from coopbrowse.store.synth import build_database

    path = tmp_path / "big.json"
    build_database(path, CACHE_FROM, seed=2)
    first = SearchIndex.for_store(Store.open(path))
    entries = sorted(p.name.split("-")[0] for p in (tmp_path / "cache").iterdir())
    assert entries == ["index", "preview", "records"]
    again = SearchIndex.for_store(Store.open(path))  # from the cache
    for query in ("elevator", "sector:film -exchange", '"tula oblast"', "pharma*", "year:2020"):
        assert [h.id for h in again.search(query, limit=None).hits] == [
            h.id for h in first.search(query, limit=None).hits
        ]
    # A changed database misses the cache instead of reading stale entries.
    store = Store.open(path)
    extra = synth_meetings(1, seed=77)[0]
    extra.title = "Quuxly unique title"
    store.put_meetings([extra])
    assert [h.id for h in SearchIndex.for_store(Store.open(path)).search("quuxly").hits] == [
        extra.id
    ]


def test_a_damaged_cache_entry_is_ignored(tmp_path) -> None:
    from coopbrowse.store import Store
    from coopbrowse.store.db import CACHE_FROM
    from coopbrowse.store.synth import build_database

    path = tmp_path / "big.json"
    build_database(path, CACHE_FROM, seed=3)
    expected = [h.id for h in SearchIndex.for_store(Store.open(path)).search("elevator").hits]
    for entry in (tmp_path / "cache").iterdir():
        entry.write_bytes(b"not a pickle")
    store = Store.open(path)
    assert len(store.meetings()) == CACHE_FROM
    assert [h.id for h in SearchIndex.for_store(store).search("elevator").hits] == expected


def test_cli_query_words_may_start_with_a_dash(capsys) -> None:
    assert main(["search", "elevators", "-penza", "--json", "--type", "proposal"]) == 0
    ids_ = [h["id"] for h in json.loads(capsys.readouterr().out)["hits"]]
    assert ids_ and not any("penza" in i for i in ids_)
    assert main(["search", "-penza", "--limit", "1"]) == 0
    capsys.readouterr()


def test_region_alias_does_not_score_or_mark_its_generic_word(index: SearchIndex) -> None:
    for hit in index.search("Moscow Region", limit=None).hits:
        for path, spans_ in hit.spans.items():
            from coopbrowse.store.index import meeting_fields, proposal_fields

            fields = (
                proposal_fields(hit.record, hit.meeting)
                if hit.kind == "proposal"
                else meeting_fields(hit.meeting)
            )
            text = dict((p, t) for p, t, _g in fields)[path]
            assert all(text[a:b].lower() != "region" for a, b in spans_), (hit.id, path)


def test_sector_values_resolve_strictly(index: SearchIndex) -> None:
    assert (
        index.search('sector:"public transport"').total
        == index.search("sector:public-transport").total
        > 0
    )
    for bad in ("and", "s", "zzz"):
        with pytest.raises(QueryError, match="unknown sector"):
            index.search(f"sector:{bad}")


def test_prefix_highlights_synonyms_it_matched(index: SearchIndex) -> None:
    hit = next(
        h
        for h in index.search("elev*", limit=None).hits
        if h.id == "2025-10-20-mordovia-karankevich-p06"
    )
    assert [hit.record.title[a:b] for a, b in hit.spans["title"]] == ["lift"]


def test_json_output_escapes_terminal_control_characters(capsys, store) -> None:
    meeting = store.meetings()[0]
    meeting.title = "evil \x9b31m \u202e title"
    store.put_meetings([meeting], update=True)
    assert main(["show", meeting.id, "--json"]) == 0
    out = capsys.readouterr().out
    assert "\x9b" not in out and "\u202e" not in out
    assert json.loads(out)["title"] == "evil \x9b31m \u202e title"
