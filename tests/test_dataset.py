"""The bundled dataset: every seed meeting, its proposals and figures, traceable to its article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coopbrowse.store.dataset import Dataset
from coopbrowse.store.taxonomy import SECTOR_IDS

SEEDS = Path(__file__).parent / "fixtures" / "seeds"  # the seed articles (see its README)
SHARED_SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

EXPECTED = {
    # id: (date, date inferred, region, host, guest, seed document)
    "2025-10-20-mordovia-lukashenko": (
        "2025-10-20",
        False,
        "Republic of Mordovia",
        "Aleksandr Lukashenko",
        "Artem Zdunov",
        "000_1e4dc6bee2e912fa.txt",
    ),
    "2025-10-20-mordovia-karankevich": (
        "2025-10-20",
        True,
        "Republic of Mordovia",
        "Viktor Karankevich",
        "Artem Zdunov",
        "001_eba9144f5ff76a17.txt",
    ),
    "2025-04-01-penza": (
        "2025-04-01",
        True,
        "Penza Oblast",
        "Aleksandr Lukashenko",
        "Oleg Melnichenko",
        "002_fa6fb66a2d1c038c.txt",
    ),
    "2023-12-18-moscow-oblast": (
        "2023-12-18",
        True,  # (its year from a publication date a day later, as drafting flags it)
        "Moscow Oblast",
        "Aleksandr Lukashenko",
        "Andrei Vorobyov",
        "003_75b9b970db9b1250.txt",
    ),
    "2025-07-21-samara": (
        "2025-07-21",
        False,
        "Samara Oblast",
        "Aleksandr Lukashenko",
        "Vyacheslav Fedorishchev",
        "004_ca1ade26893ad6fd.txt",
    ),
}


def _by_id(bundled: Dataset):
    return {m.id: m for m in bundled.meetings}


def test_every_seed_meeting_is_present_with_its_people_and_source(bundled: Dataset) -> None:
    meetings = _by_id(bundled)
    assert set(meetings) == set(EXPECTED)
    for mid, (date, inferred, region, host, guest, document) in EXPECTED.items():
        m = meetings[mid]
        assert (m.date, m.date_inferred, m.region) == (date, inferred, region), mid
        assert m.host.name == host and m.host.side == "belarus"
        assert m.guest.name == guest and m.guest.side == "russia"
        assert m.source.document == document
        assert m.title and m.summary
        if inferred:
            assert m.date_note, f"{mid}: an inferred date must say how it was inferred"


def test_each_bundled_date_is_marked_inferred_as_drafting_its_article_marks_it(
    bundled: Dataset,
) -> None:
    """Moscow Oblast's year, taken from its article's date a day later, was given as
    certain, where a draft of the same article says "(year inferred)" (a trial): each
    bundled meeting's date agrees with the draft of its seed article."""
    from coopbrowse.store.extract import extract

    for m in bundled.meetings:
        draft = extract((SEEDS / m.source.document).read_text(encoding="utf-8")).meeting
        assert (draft["date"], draft["date_inferred"]) == (m.date, m.date_inferred), m.id


def test_same_day_mordovia_meetings_have_different_hosts(bundled: Dataset) -> None:
    same_day = [m for m in bundled.meetings if m.date == "2025-10-20"]
    assert len(same_day) == 2
    assert {m.host.name for m in same_day} == {"Aleksandr Lukashenko", "Viktor Karankevich"}
    assert {m.guest.name for m in same_day} == {"Artem Zdunov"}


def test_moscow_oblast_meeting_was_published_the_day_after(bundled: Dataset) -> None:
    m = _by_id(bundled)["2023-12-18-moscow-oblast"]
    assert m.source.published == "2023-12-19"


def test_proposals_are_many_and_well_formed(bundled: Dataset) -> None:
    proposals = [p for m in bundled.meetings for p in m.proposals]
    assert len(proposals) >= 40
    assert len({p.id for p in proposals}) == len(proposals)
    for p in proposals:
        assert p.sector in SECTOR_IDS
        assert p.title and len(p.title) <= 70
        assert p.detail
    for m in bundled.meetings:
        assert len(m.proposals) >= 5, m.id


@pytest.mark.parametrize(
    ("meeting", "sector", "enterprises"),
    [
        ("2025-04-01-penza", "automotive", {"MAZ", "GRAZ"}),
        ("2025-04-01-penza", "elevators", {"Mogilevliftmash"}),
        ("2025-10-20-mordovia-lukashenko", "cable-electrical", {"Naftan", "Leader-Compound"}),
        ("2025-10-20-mordovia-lukashenko", "pharmaceuticals", {"Promomed", "Belmedpreparaty"}),
        ("2025-07-21-samara", "microelectronics", {"Integral", "BelOMO"}),
    ],
)
def test_named_enterprises_are_on_their_proposals(bundled, meeting, sector, enterprises) -> None:
    found = {
        e for p in _by_id(bundled)[meeting].proposals if p.sector == sector for e in p.enterprises
    }
    assert enterprises <= found


def test_elevators_were_raised_in_mordovia_penza_and_samara(bundled: Dataset) -> None:
    regions = {m.region for m in bundled.meetings for p in m.proposals if p.sector == "elevators"}
    assert regions == {"Republic of Mordovia", "Penza Oblast", "Samara Oblast"}


def _figures(bundled, mid):
    return {
        (t.period, t.metric, t.usd_millions, t.qualifier, t.change_pct)
        for t in _by_id(bundled)[mid].trade
    }


def test_mordovia_2024_figures_keep_both_values_and_qualifiers(bundled: Dataset) -> None:
    lukashenko = _figures(bundled, "2025-10-20-mordovia-lukashenko")
    assert ("2024", "turnover", 130.0, "slightly more than", None) in lukashenko
    assert ("2024", "turnover", 134.0, "nearly", None) in lukashenko
    assert ("2023", "turnover", 161.6, "", None) in lukashenko
    assert ("2024", "exports", 39.0, "nearly", 3.7) in lukashenko
    assert ("2025-01..2025-08", "turnover", 64.0, "approximately", None) in lukashenko
    karankevich = _figures(bundled, "2025-10-20-mordovia-karankevich")
    assert ("2024", "turnover", 130.0, "about", None) in karankevich


def test_penza_figures_over_the_years(bundled: Dataset) -> None:
    penza = _figures(bundled, "2025-04-01-penza")
    assert ("2020", "turnover", 82.0, "approximated", None) in penza
    assert ("2021", "turnover", 103.0, "exceeded", None) in penza
    assert ("2024", "turnover", 152.0, "", 10.0) in penza
    assert ("2024", "exports", 91.0, "exceeded", None) in penza
    stated = {t.stated_by for t in _by_id(bundled)["2025-04-01-penza"].trade}
    assert "Aleksandr Lukashenko" in stated


def test_goods_are_recorded(bundled: Dataset) -> None:
    m = _by_id(bundled)["2025-10-20-mordovia-lukashenko"]
    assert any("ethylene polymers" in g for g in m.exports)
    assert any("cable" in g or "wire" in g for g in m.imports)
    assert any("butter" in g for g in _by_id(bundled)["2025-04-01-penza"].exports)


def test_every_name_and_figure_is_traceable_to_its_article(bundled: Dataset) -> None:
    def norm(text: str) -> str:
        return re.sub(r"\s+", " ", text.replace("’", "'")).casefold()

    for m in bundled.meetings:
        article = norm((SEEDS / m.source.document).read_text(encoding="utf-8"))
        for person in m.participants:
            assert person.name.split()[-1].casefold() in article, (m.id, person.name)
        for p in m.proposals:
            for enterprise in p.enterprises:
                core = enterprise.casefold().replace("mordovia ", "mordovian ")
                assert core in article or enterprise.casefold() in article, (p.id, enterprise)
        for t in m.trade:
            if t.usd_millions is not None:
                assert f"{t.usd_millions:g}" in article, (m.id, t)
            if t.change_pct is not None:
                assert f"{t.change_pct:g}%" in article, (m.id, t)


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="the shared seed articles are not here")
def test_the_seed_articles_kept_here_are_the_shared_ones() -> None:
    """The tests read copies of the five seed articles (so that a checkout alone, CI's,
    runs them); beside the shared originals, they are the same bytes."""
    shared = {p.name: p.read_bytes() for p in SHARED_SEEDS.glob("*.txt")}
    kept = {p.name: p.read_bytes() for p in SEEDS.glob("*.txt")}
    assert kept == shared
