"""The article extractor: each step on small texts written for the test, then the seeds.

The seed articles are scored in full by ``tests/benchmarks/bench_extract.py``; here the
targets the issue sets as exact (date, region, people) are asserted, and every other rule is
shown on text that is not in the seeds, so that the rules are seen to generalise.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from extraction_score import score_reports

from coopbrowse.store.extract import (
    clean,
    extract,
    find_dates,
    find_enterprises,
    find_people,
    region_mentions,
    sector_matches,
    split_sentences,
)
from coopbrowse.store.extract.dates import MONTHS
from coopbrowse.store.ids import draft_id, renumber, unique_id
from coopbrowse.store.model import Meeting
from coopbrowse.store.taxonomy import SECTORS_BY_ID

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "fixtures" / "seeds"  # the seed articles (see its README)


def _article(*paragraphs: str, header: str = "") -> str:
    return (header + "\n" if header else "") + "\n".join(paragraphs)


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on 1 April", (1, 4, None)),
        ("20 October 2025", (20, 10, 2025)),
        ("on March 14, 2024", (14, 3, 2024)),
        ("Sept. 3", (3, 9, None)),
        ("2025-07-21", (21, 7, 2025)),
        ("05.06.2023", (5, 6, 2023)),
        ("12th March 2019", (12, 3, 2019)),
        ("on the 1st of April, 2020", (1, 4, 2020)),
        ("March 12th, 2019", (12, 3, 2019)),
        ("2019/03/12", (12, 3, 2019)),
        ("25/03/2019", (25, 3, 2019)),  # day first: 25 is no month
        ("03/25/2019", (25, 3, 2019)),  # month first: 25 is no month
        ("13-03-2019", (13, 3, 2019)),
        ("07/07/2021", (7, 7, 2021)),
    ],
)
def test_dates_in_the_forms_articles_use(text: str, expected: tuple) -> None:
    (d,) = find_dates(text)
    assert (d.day, d.month, d.year) == expected


@pytest.mark.parametrize("text", ["12/03/2019", "1/2/2020", "at 3/4 of capacity", "5-6-2020"])
def test_a_slashed_date_that_could_be_either_way_round_is_not_guessed(text: str) -> None:
    assert find_dates(text) == []


_KRASNODAR_ON_14_MARCH = (
    "Belarusian President Aleksandr Lukashenko met with Governor of Krasnodar Krai "
    "Veniamin Kondratyev in Minsk on 14 March, BelTA has learned."
)


@pytest.mark.parametrize(
    "header", ["15 March 2024, 11:20", "15th March 2024", "15/03/2024 11:20", "2024/03/15"]
)
def test_year_comes_from_the_publication_date_and_is_flagged(header: str) -> None:
    text = _article(_KRASNODAR_ON_14_MARCH, header=header)
    draft = extract(text)
    assert draft.meeting["date"] == "2024-03-14"
    assert draft.meeting["date_inferred"] is True
    assert any("2024" in f and "publication" in f for f in draft.flags)
    assert draft.meeting["source"]["published"] == "2024-03-15"


@pytest.mark.parametrize("header", ["14 March 2024, 11:20", "2024/03/14"])
def test_a_meeting_on_the_publications_own_day_is_dated_by_it_not_inferred(header: str) -> None:
    """A report of the day's meeting under its publication date ("20 October 2025, 11:20"
    over "met ... on 20 October") was marked "(year inferred)", as a meeting of days before
    is; the bundled meetings, and a date line, give that day as the date (a trial found
    the two disagreeing)."""
    text = _article(_KRASNODAR_ON_14_MARCH, header=header)
    draft = extract(text)
    assert draft.meeting["date"] == "2024-03-14"
    assert draft.meeting["date_inferred"] is False
    assert "publication" in draft.meeting["date_note"]


def test_a_december_meeting_reported_in_january_belongs_to_the_year_before() -> None:
    text = _article(
        "Prime Minister of Belarus Roman Golovchenko met with Governor of Tula Oblast "
        "Aleksei Dyumin on 28 December, the government press service said.",
        header="9 January 2024",
    )
    assert extract(text).meeting["date"] == "2023-12-28"


def test_a_date_written_in_full_is_not_inferred() -> None:
    text = (
        "Belarusian President Aleksandr Lukashenko met with Head of the Republic of Tatarstan "
        "Rustam Minnikhanov on 3 February 2025 in Minsk."
    )
    draft = extract(text)
    assert draft.meeting["date"] == "2025-02-03"
    assert draft.meeting["date_inferred"] is False


def test_a_date_line_gives_the_meeting_date() -> None:
    draft = extract(
        "date 2024-11-05\nBelarusian President Aleksandr Lukashenko met with Governor of "
        "Omsk Oblast Vitaly Khotsenko on 5 November."
    )
    assert draft.meeting["date"] == "2024-11-05"
    assert draft.meeting["date_inferred"] is False


def test_without_any_date_the_field_is_missing_not_invented() -> None:
    draft = extract(
        "Belarusian President Aleksandr Lukashenko met with Governor of Omsk Oblast Vitaly "
        "Khotsenko. They discussed cooperation in agriculture."
    )
    assert draft.meeting["date"] == ""
    assert "date" in draft.missing
    assert draft.meeting["id"].startswith("undated-")


_MET = (
    "Belarusian Prime Minister Roman Golovchenko met with Governor of Vologda Oblast Oleg"
    " Kuvshinnikov. The sides discussed supplies of tractors and buses to the region."
)


@pytest.mark.parametrize("line", ["Published: 05.12.2019", "Posted on 5 December 2019 by admin"])
def test_a_publication_line_under_the_text_dates_the_page(line: str) -> None:
    """Some sites print the page's date after the article; a line that says it is the date
    of publication gives it, as one over the text would."""
    draft = extract(f"Belarus and Vologda talk trade\n{_MET}\nShare this:\n{line}")
    assert draft.meeting["date"] == "2019-12-05"
    assert draft.meeting["date_inferred"] is True  # (the page's date, not the meeting's)


@pytest.mark.parametrize(
    "after",
    [
        "More news\n5 December 2019",  # (it does not say what it is)
        "More news\nGomel hosts Bryansk delegation\nPublished: 5 December 2019",
        "Related news\nMinsk hosts Kursk delegation\nPublished: 12.03.2018",
        "Comments\nPosted on 7 January 2020 at 10:15",
        "Share\nTwitter\nFacebook\nTelegram\nVK\nPrint\nPublished: 5 December 2019",  # far
    ],
)
def test_a_date_under_the_text_that_is_not_the_pages_is_not_taken(after: str) -> None:
    """A date in the list of other items after an article, or in its comments, is theirs,
    not the page's (a labelled one was taken: found in review)."""
    draft = extract(f"Belarus and Vologda talk trade\n{_MET}\n{after}")
    assert draft.meeting["date"] == ""


@pytest.mark.parametrize(("header", "day", "expected"), [
    ("December 2019", "5 December", "2019-12-05"),
    ("January 2020", "30 December", "2019-12-30"),  # reported the month after
    ("March 2020", "30 December", ""),  # too far apart to say
])  # fmt: skip
def test_a_month_and_year_over_the_text_give_the_year_of_a_day(
    header: str, day: str, expected: str
) -> None:
    text = _MET.replace("Kuvshinnikov.", f"Kuvshinnikov on {day}.")
    draft = extract(f"Belarus and Vologda talk trade\n{header}\n{text}")
    assert draft.meeting["date"] == expected


_TVER = (
    "Belarus and Tver talk trade\n5 March 2025\nMINSK, 5 March (BelTA) - Belarusian Industry"
    " Minister Viktor Karankevich met with Governor of Tver Oblast Igor Rudenya. "
)


@pytest.mark.parametrize(
    ("said", "stated_by"),
    [
        ("According to Viktor Karankevich, trade", "Viktor Karankevich"),  # a participant
        ("According to Rudenya, trade", "Igor Rudenya"),  # by surname
        ("According to Belstat, trade", "Belstat"),  # a body: as named
        # a body named in lower case (it was credited to a participant)
        ("According to the regional government, trade", "regional government"),
        # ... or by its name, in capitals (it was credited to the speaker before)
        ("According to the Belarusian Foreign Ministry, trade", "Belarusian Foreign Ministry"),
        (
            "According to the Ministry of Economy of Belarus, trade",
            "Ministry of Economy of Belarus",
        ),
        ("Trade", "BelTA (report text)"),
        # (a quotation before, said by the governor: not this sentence's word)
        ('"We are glad," Rudenya said. Trade', "BelTA (report text)"),
    ],
)
def test_a_figure_given_according_to_someone_is_stated_by_them(said: str, stated_by: str) -> None:
    """ "According to Viktor Karankevich, trade ... reached $412 million" was stated by the
    outlet's report text (found by a new user): "according to" took only "him" or "the"."""
    draft = extract(f"{_TVER}{said} between Belarus and the region reached $412 million in 2024.")
    assert [t["stated_by"] for t in draft.meeting["trade"]] == [stated_by]


@pytest.mark.parametrize("quote", ["“”", '""'])
def test_a_figure_inside_a_quotation_of_several_sentences_is_its_speakers(quote: str) -> None:
    """A quotation of three sentences, said by the governor after it: the figure of its
    middle sentence (no "said" in it) was the report's own. In a paragraph that says no one
    said it, it stays the report's."""
    start, end = quote
    said = (
        f"{start}Our trade is small, but it grows. Last year it came to about $180 million in"
        f" 2024. We expect more,{end} the governor said.\n\n"
    )
    draft = extract(f"{_TVER}\n\n{said}")
    assert [(t["usd_millions"], t["stated_by"]) for t in draft.meeting["trade"]] == [
        (180.0, "Igor Rudenya")
    ]
    # (the participant named by a word of their post, or after the verb: a review)
    for by in ("the minister said", "said the minister"):
        draft = extract(f"{_TVER}\n\n{said.replace('the governor said', by)}")
        assert [t["stated_by"] for t in draft.meeting["trade"]] == ["Viktor Karankevich"], by
    unsaid = said.replace(" the governor said", " the figures show")
    draft = extract(f"{_TVER}\n\n{unsaid}")
    assert [t["stated_by"] for t in draft.meeting["trade"]] == ["BelTA (report text)"]
    # (nor where someone who is no participant said it, or the marks do not pair up: a
    # review found both credited to a participant)
    for other in (
        said.replace("the governor said", "the Russian ambassador said"),
        said.replace("the governor said", "the ambassador said after he met the governor"),
        said.replace(end, ""),
    ):
        draft = extract(f"{_TVER}\n\n{other}")
        assert [t["stated_by"] for t in draft.meeting["trade"]] == ["BelTA (report text)"], other


def test_an_offer_whose_subject_is_belarus_is_the_belarusian_sides() -> None:
    """ "Belarus is also ready to supply tractors ..." after a sentence of the governor's was
    proposed by the governor (found by a new user): Belarus as the subject is its side's."""
    text = (
        f"{_TVER}Igor Rudenya said the region needs new buses. Belarus is also ready to supply"
        " tractors to the region's farms."
    )
    by = {p["title"]: p["proposed_by"] for p in extract(text).meeting["proposals"]}
    assert by["Supply tractors to the region's farms"] == "Viktor Karankevich", by


def test_agreeing_to_consider_something_is_not_agreeing_to_it() -> None:
    """ "The sides agreed to consider opening a service center" was drafted ``agreed``."""
    draft = extract(f"{_TVER}The sides agreed to consider opening a service center in Tver.")
    statuses = {p["status"] for p in draft.meeting["proposals"]}
    assert statuses == {"proposed"}
    draft = extract(f"{_TVER}The sides agreed to open a service center in Tver.")
    assert {p["status"] for p in draft.meeting["proposals"]} == {"agreed"}


# --- regions and people ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("Moscow Region", "Moscow Oblast"),
        ("Krasnodar Territory", "Krasnodar Krai"),
        ("Republic of Mordovia", "Republic of Mordovia"),
        ("Nizhny Novgorod Oblast", "Nizhny Novgorod Oblast"),
        ("Bashkortostan", "Republic of Bashkortostan"),
    ],
)
def test_region_spellings(spelling: str, canonical: str) -> None:
    (hit,) = region_mentions(f"cooperation with Russia's {spelling} is growing")
    assert hit[0].name == canonical


def test_the_longest_spelling_wins() -> None:
    names = [r.name for r, _ in region_mentions("residents of Moscow and Moscow Oblast")]
    assert names == ["Moscow", "Moscow Oblast"]


def test_people_with_their_titles_and_sides() -> None:
    people = find_people(
        "Belarusian Deputy Prime Minister Viktor Karankevich met with Governor of Russia's "
        "Nizhny Novgorod Region Gleb Nikitin in Minsk.",
        None,
    )
    assert [(p.name, p.title, p.side) for p in people] == [
        ("Viktor Karankevich", "Deputy Prime Minister of Belarus", "belarus"),
        ("Gleb Nikitin", "Governor of Nizhny Novgorod Oblast", "russia"),
    ]


def test_foreign_and_untitled_people_are_not_participants() -> None:
    draft = extract(
        "Belarusian President Aleksandr Lukashenko met with Governor of Omsk Oblast Vitaly "
        "Khotsenko on 5 November 2024. The story was raised by U.S. President Donald Trump. "
        "Lee Harvey Oswald lived in Minsk."
    )
    names = {p["name"] for p in draft.meeting["participants"]}
    assert names == {"Aleksandr Lukashenko", "Vitaly Khotsenko"}


def test_the_guest_can_be_the_subject_of_the_meeting_sentence() -> None:
    draft = extract(
        "Governor of Russia's Kaluga Oblast Vladislav Shapsha held talks with Belarusian "
        "Prime Minister Roman Golovchenko on 12 May 2023 in Minsk."
    )
    roles = {p["role"]: p["name"] for p in draft.meeting["participants"]}
    assert roles == {"host": "Roman Golovchenko", "guest": "Vladislav Shapsha"}
    assert draft.meeting["region"] == "Kaluga Oblast"
    assert draft.meeting["place"] == "Minsk"


# --- trade --------------------------------------------------------------------------------


def find_trade(*sentences: str, year: str = "2025-03-01") -> list[dict]:
    text = f"date {year}\n" + " ".join(sentences)
    return [
        {k: t[k] for k in ("period", "metric", "usd_millions", "qualifier", "change_pct")}
        for t in extract(text).meeting["trade"]
    ]


def test_a_figure_with_its_period_qualifier_and_change() -> None:
    assert find_trade("In 2024 the trade amounted to $152 million, up 10% over 2023.") == [
        {"period": "2024", "metric": "turnover", "usd_millions": 152.0, "qualifier": "",
         "change_pct": 10.0},
    ]  # fmt: skip


def test_billions_month_ranges_and_last_year() -> None:
    got = find_trade(
        "In January-August 2022 the trade turnover amounted to $420 million.",
        "Last year, trade exceeded $1.2 billion.",
    )
    assert got == [
        {"period": "2022-01..2022-08", "metric": "turnover", "usd_millions": 420.0,
         "qualifier": "", "change_pct": None},
        {"period": "2024", "metric": "turnover", "usd_millions": 1200.0,
         "qualifier": "exceeded", "change_pct": None},
    ]  # fmt: skip


def test_exports_and_imports_in_one_sentence() -> None:
    got = find_trade(
        "In 2024, Belarusian exports to the region reached almost $300 million, "
        "while imports stood at about $150 million."
    )
    assert [(t["metric"], t["usd_millions"], t["qualifier"]) for t in got] == [
        ("exports", 300.0, "almost"),
        ("imports", 150.0, "about"),
    ]


def test_a_change_without_a_value() -> None:
    got = find_trade(
        "Our trade is very solid.", "The growth was quite impressive last year - almost 10%."
    )
    assert got == [
        {"period": "2024", "metric": "turnover", "usd_millions": None, "qualifier": "almost",
         "change_pct": 10.0},
    ]  # fmt: skip


def test_investments_in_roubles_are_not_trade() -> None:
    assert (
        find_trade(
            "More than 200 projects with a total investment of RUB200 billion are under way."
        )
        == []
    )
    assert find_trade("A contract worth $50 million was signed for tractors in 2024.") == []


# --- goods and sectors ------------------------------------------------------------------


def test_goods_lists() -> None:
    draft = extract(
        "date 2025-03-01\nThe key exports were butter, cottage cheese, wood-fiber boards, and "
        "machinery and appliances for lifting, moving, or unloading. Imports were primarily "
        "insulated, copper and aluminum wire."
    )
    assert draft.meeting["exports"] == [
        "butter",
        "cottage cheese",
        "wood-fiber boards",
        "machinery and appliances for lifting, moving, unloading",
    ]
    assert draft.meeting["imports"] == ["insulated wire", "copper wire", "aluminum wire"]


@pytest.mark.parametrize(
    ("sentence", "sectors"),
    [
        ("We propose supplying lifts to the region.", {"elevators"}),
        ("Belarus is ready to supply tractors and combine harvesters.", {"agricultural-machinery"}),
        ("Cooperation with Belarusian State Medical University is possible.", set()),
        ("We suggest joint film production.", {"film"}),
        ("It is important to work on the patriotic education of young people.", {"culture-youth"}),
        ("We offer buses, trolleybuses and trams.", {"public-transport"}),
        ("The key task is to increase non-resource exports.", {"trade-finance"}),
        ("Let's develop IT and artificial intelligence together.", {"it-software"}),
        ("it is important", set()),
    ],
)
def test_sector_phrases(sentence: str, sectors: set[str]) -> None:
    assert {s for s, _, _, weak in sector_matches(sentence) if not weak} == sectors


def test_proposals_need_a_proposing_sentence() -> None:
    draft = extract(
        "date 2025-03-01\nA training center for users of Belarusian agricultural equipment was "
        "opened in 2022. The president proposed supplying elevator equipment to the region."
    )
    assert [p["sector"] for p in draft.meeting["proposals"]] == ["elevators"]
    (p,) = draft.meeting["proposals"]
    assert "elevator equipment" in p["title"]
    assert p["detail"].startswith("The president proposed supplying")


def test_enterprises_named_in_proposals() -> None:
    assert find_enterprises(
        "We have enterprises such as Integral, BelOMO and others that make chip equipment."
    ) == ["Integral", "BelOMO"]
    assert find_enterprises(
        "The collaboration of Belarus' MAZ and Russia's GRAZ factory is promising."
    ) == ["MAZ", "GRAZ"]
    assert "Gomselmash" in find_enterprises("Gomselmash is ready to supply harvesters.")
    # a joint venture named before what it is; a legal form after the name is part of it
    assert find_enterprises("The Volga Lift joint venture will assemble elevators.") == [
        "Volga Lift"
    ]
    assert find_enterprises("Our partner Uralkabel Ltd could make the cables.") == ["Uralkabel Ltd"]


# --- cleaning ---------------------------------------------------------------------------


def test_a_date_set_off_from_a_byline_is_the_pages_date_not_its_headline() -> None:
    """A regional government's page: its title, then "14.03.2024 | Press service of the
    Governor of the Omsk region" (it was taken for the headline, no date was read, and the
    outlet was not stated)."""
    text = (
        "Governor of Omsk Oblast held a working meeting with the delegation of Belarus\n"
        "14.03.2024 | Press service of the Governor of the Omsk region\n"
        "The Governor of the Omsk region Vitaly Khotsenko held a working meeting with the "
        "delegation of Belarus headed by Deputy Prime Minister Viktor Karankevich in Omsk.\n"
    )
    source = extract(text).meeting["source"]
    assert source["headline"].startswith("Governor of Omsk Oblast held a working meeting")
    assert source["published"] == "2024-03-14"
    # (and the byline, naming no outlet otherwise, is the outlet)
    assert source["outlet"] == "Press service of the Governor of the Omsk region"


def test_page_furniture_and_repeats_are_dropped() -> None:
    paragraph = (
        "Belarusian President Aleksandr Lukashenko met with Governor of Omsk Oblast Vitaly "
        "Khotsenko on 5 November 2024 in Minsk, BelTA has learned."
    )
    text = "\n".join(
        [
            "Home / News / Politics /",
            "All news",
            "5 November 2024, 14:10",
            "Lukashenko and Omsk governor discuss tractors and lifts",
            paragraph,
            "Follow us on Telegram",
            paragraph,
            "Read also: Belarus, Russia sign a roadmap",
            "Recent news",
        ]
    )
    article = clean(text)
    assert article.headline == "Lukashenko and Omsk governor discuss tractors and lifts"
    assert article.paragraphs == [paragraph]
    assert article.dropped >= 5
    draft = extract(text)
    assert draft.meeting["source"]["outlet"] == "BelTA"
    assert draft.meeting["source"]["published"] == "2024-11-05"


def test_a_page_cut_off_mid_sentence_keeps_its_last_line() -> None:
    """Retrieved pages often end mid-sentence: a long last line of running text is body,
    while a headline-like line at the end, or a long prose line before the end, is not."""
    lead = (
        "Belarusian President Aleksandr Lukashenko met with Governor of Omsk Oblast Vitaly "
        "Khotsenko on 5 November 2024 in Minsk, BelTA has learned."
    )
    cut = (
        "In January-May 2024, Belarus' major exports to Omsk Oblast were fiberglass, trucks, "
        "machines and devices for harvesting an"
    )
    assert clean(f"{lead}\n{cut}").paragraphs == [lead, cut]
    assert "fiberglass" in extract(f"{lead}\n{cut}").meeting["exports"]
    headline = (
        "Belarus And Russia's Omsk Oblast Discuss New Joint Projects In Industry, Farming And "
        "Transport Today"
    )
    assert len(headline.split()) >= 15
    assert clean(f"{lead}\n{headline}").paragraphs == [lead]
    assert clean(f"{lead}\n{cut}\nRead also").paragraphs == [lead]


def test_sentences_do_not_split_at_abbreviations() -> None:
    assert split_sentences("It was raised by U.S. President Trump. John F. Kennedy died.") == [
        "It was raised by U.S. President Trump.",
        "John F. Kennedy died.",
    ]


def test_a_sentence_may_start_with_a_few_signs_before_its_capital() -> None:
    """ "… on 5 November 2025. ␛[31m The sides discussed industrial cooperation." was one
    sentence, and a proposal's title ran across the break (found by a trial); a few signs
    before the capital ("— Also", "␛[31m The", "* Lifts") start a sentence, a small letter
    does not."""
    assert split_sentences("They met in Minsk. ␛[31m The sides talked.") == [
        "They met in Minsk.",
        "␛[31m The sides talked.",
    ]
    assert split_sentences("They met in Minsk. — Also lifts.") == [
        "They met in Minsk.",
        "— Also lifts.",
    ]
    assert split_sentences("They met in Minsk. — and talked.") == [
        "They met in Minsk. — and talked."
    ]


@pytest.mark.parametrize("month", ["Jan.", "Mar.", "Apr.", "Jun.", "Jul.", "Sept.", "Dec."])
def test_a_month_written_short_with_a_point_keeps_its_date(month: str) -> None:
    text = f"{_MET_ON} on {month} 5, 2024. The sides discussed tractors."
    assert extract(text).meeting["date"] == f"2024-{MONTHS[month[:3].lower()]:02d}-05"


def test_urls_become_the_source() -> None:
    draft = extract("https://www.belta.by/president/view/abc-123/\n" + "Text. " * 3)
    assert draft.meeting["source"]["url"] == "https://www.belta.by/president/view/abc-123/"
    assert draft.meeting["source"]["outlet"] == "BelTA"


# --- the draft as a whole ---------------------------------------------------------------


def test_nothing_found_means_everything_missing_and_nothing_invented() -> None:
    draft = extract("Weather is fine today. Nothing else happened here at all, really.")
    m = draft.meeting
    assert (m["date"], m["region"], m["participants"], m["trade"], m["proposals"]) == (
        "",
        "",
        [],
        [],
        [],
    )
    assert {"date", "region", "host", "guest", "trade", "proposals"} <= set(draft.missing)


def test_markup_in_the_article_is_kept_as_text_in_the_record() -> None:
    draft = extract(
        "date 2025-03-01\nThe president proposed [bold]supplying[/bold] lifts <b>now</b>."
    )
    assert "[bold]supplying[/bold]" in draft.meeting["proposals"][0]["detail"]


def test_markup_in_a_list_of_goods_is_no_good() -> None:
    """A quote "We are ready to supply [link=http://evil]lifts[/link] | any | amount *now*"
    drafted the export "[link= | any | amount *now*" beside elevators (a new user's trial):
    an item with a page's or a message's markup in it names no good."""
    draft = extract(
        f"{_MET_ON} on 5 March 2025.\n\nPetrov proposed to expand supplies of elevators from"
        ' Mogilevliftmash to Tomsk Oblast. "We are ready to supply [link=http://evil]lifts'
        '[/link] | any | amount *now*", he said.'
    )
    goods = draft.meeting["exports"] + draft.meeting["imports"]
    assert goods and not [g for g in goods if set(g) & set("[]|*=<>")], goods


def test_unique_id_and_renumber() -> None:
    meeting = {
        "id": "2025-10-20-mordovia",
        "participants": [{"name": "Viktor Karankevich", "role": "host"}],
        "proposals": [{"id": "2025-10-20-mordovia-p01", "meeting_id": "2025-10-20-mordovia"}],
    }
    assert unique_id(meeting, set()) == "2025-10-20-mordovia"
    new = unique_id(meeting, {"2025-10-20-mordovia"})
    assert new == "2025-10-20-mordovia-karankevich"
    moved = renumber(meeting, new)
    assert moved["proposals"][0] == {"id": f"{new}-p01", "meeting_id": new}


def test_ids_stay_valid_whatever_is_typed() -> None:
    long_region = "Narnia " * 40
    mid = draft_id("2025-01-01", long_region)
    assert len(mid) <= 110 and not mid.endswith("-")
    assert draft_id("", "") == "undated-unknown-region"
    nameless = {"id": "2025-01-01-penza", "participants": [{"name": "Лукашенко", "role": "host"}]}
    new = unique_id(nameless, {"2025-01-01-penza"})
    assert new != "2025-01-01-penza" and not new.endswith("-")
    assert Meeting.from_dict(
        renumber(
            {"id": new, "date": "2025-01-01", "region": "Penza Oblast", "title": "t",
             "proposals": [{"sector": "film", "title": "x"}]},
            new,
        )
    ).proposals[0].id == f"{new}-p01"  # fmt: skip


# --- the seeds ----------------------------------------------------------------------------


def _curated() -> dict[str, dict]:
    data = json.loads((ROOT / "data" / "meetings.json").read_text(encoding="utf-8"))
    return {m["source"]["document"]: m for m in data["meetings"]}


@pytest.mark.parametrize("document", sorted(_curated()))
def test_seed_drafts_get_date_region_and_people_exactly(document: str) -> None:
    curated = _curated()[document]
    draft = extract((SEEDS / document).read_text(encoding="utf-8"), document=document)
    m = draft.meeting
    assert m["date"] == curated["date"]
    assert m["region"] == curated["region"]

    def people(meeting: dict) -> set[tuple[str, str]]:
        return {(p["name"], p["role"]) for p in meeting["participants"]}

    assert people(m) == people(curated)
    Meeting.from_dict(m)  # a draft of a seed is a valid record as it stands


HELDOUT = ROOT / "tests" / "fixtures" / "articles"


@pytest.mark.parametrize("path", sorted(HELDOUT.glob("*.txt")), ids=lambda p: p.name)
def test_heldout_drafts_get_date_region_people_and_place(path: Path) -> None:
    """Articles written apart from the rules (see tests/fixtures/articles/README.md)."""
    want = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    m = extract(path.read_text(encoding="utf-8")).meeting
    roles = {p["role"]: p["name"] for p in m["participants"] if p["role"] in ("host", "guest")}
    assert (m["date"], m["region"], m["place"]) == (want["date"], want["region"], want["place"])
    assert roles == {"host": want["host"]["name"], "guest": want["guest"]["name"]}
    if not want["date_year_in_text"]:  # a year found only by inference is flagged as such
        assert m["date_inferred"] is True


def test_a_lead_without_its_full_stop_is_still_the_body() -> None:
    draft = extract(
        "3 June 2025\nLukashenko and Tver governor discuss lifts\nBelarusian Prime Minister "
        "Aleksandr Turchin met with Governor of Tver Oblast Igor Rudenya in Minsk on 3 June, "
        "BelTA has learned"
    )
    m = draft.meeting
    assert m["title"] == "Lukashenko and Tver governor discuss lifts"
    assert (m["date"], m["region"]) == ("2025-06-03", "Tver Oblast")
    assert {p["name"] for p in m["participants"]} == {"Aleksandr Turchin", "Igor Rudenya"}


def test_links_in_the_text_are_not_the_source() -> None:
    draft = extract(
        "date 2025-03-01\nThe president proposed supplying lifts (see https://evil.example) "
        "and [link=https://evil.example/2]harvesters[/link] to the region."
    )
    assert draft.meeting["source"]["url"] == ""
    assert "source.url" in draft.missing


def test_escape_sequences_and_a_byte_order_mark_are_removed() -> None:
    draft = extract(
        "\ufeffLukashenko and Omsk governor discuss lifts today\n"
        "date 2025-03-01\nThe president proposed \x1b[31msupplying\x1b[0m lifts\x07 to Omsk."
    )
    m = draft.meeting
    assert m["title"] == "Lukashenko and Omsk governor discuss lifts today"
    detail = m["proposals"][0]["detail"]
    assert "\x1b" not in detail and "[31m" not in detail and "\x07" not in detail
    assert "supplying lifts" in detail


@pytest.mark.parametrize(
    ("written", "millions"),
    [
        ("$1,234.5 million", 1234.5),
        ("$1.2 billion", 1200.0),
        ("US$2bn", 2000.0),
        ("$3 trillion", 3_000_000.0),
        ("$45,000,000", 45.0),
        ("USD 450 million", 450.0),
    ],
)
def test_amounts(written: str, millions: float) -> None:
    (figure,) = find_trade(f"In 2024 the trade amounted to {written}.")
    assert figure["usd_millions"] == millions


def test_small_or_absurd_sums_are_not_trade_figures() -> None:
    assert find_trade("In 2024 the trade amounted to $500.") == []
    assert find_trade("In 2024 the trade amounted to $" + "9" * 400 + " million.") == []


def test_a_published_line_dates_the_page_not_the_meeting() -> None:
    draft = extract(
        "Published: 2025-04-03\nBelarusian President Aleksandr Lukashenko met with Governor "
        "of Penza Oblast Oleg Melnichenko on 1 April in Minsk."
    )
    assert draft.meeting["date"] == "2025-04-01"
    assert draft.meeting["source"]["published"] == "2025-04-03"


def test_a_datelines_year_is_inferred_unless_the_meeting_that_day_gives_it() -> None:
    """ "MINSK, 14 November (BelTA)" over "met ... on 14 November 2025": the page's year is
    the text's, not a guess (the review said "(inferred) ... dateline has none")."""
    lead = "MINSK, 14 November (BelTA) - Aleksandr Turchin met with Governor of Samara "
    given = extract(lead + "Oblast Vyacheslav Fedorishchev on 14 November 2025.")
    assert given.meeting["source"]["published"] == "2025-11-14"
    assert given.meeting["source"]["published_inferred"] is False
    assert not any("dateline has none" in flag for flag in given.flags)
    other_day = extract(lead + "Oblast Vyacheslav Fedorishchev on 12 November 2025.")
    assert other_day.meeting["source"]["published"] == "2025-11-14"
    assert other_day.meeting["source"]["published_inferred"] is True


def test_a_datelines_year_dates_the_page_and_so_a_meeting_told_by_day_and_month() -> None:
    """ "MINSK, 14 November 2025 (BelTA) - ... met ... on 13 November": the dateline is the
    page's date, whose year the meeting's day takes (a new user's article got no date at all,
    and could not be saved, where a dateline without the year got one)."""
    draft = extract(
        "MINSK, 14 November 2025 (BelTA) - Prime Minister of Belarus Aleksandr Turchin met "
        "with Governor of Omsk Oblast Vitaly Khotsenko in Minsk on 13 November to discuss "
        "trade. Trade reached $212 million in 2024, up 8% on the previous year."
    )
    assert draft.meeting["date"] == "2025-11-13"
    assert draft.meeting["source"]["published"] == "2025-11-14"
    assert draft.meeting["source"]["published_inferred"] is False
    assert "date" not in draft.missing and "source.published" not in draft.missing
    # a day later in the year than the dateline's is the year before
    late = extract(
        "MINSK, 3 January 2026 (BelTA) - Prime Minister of Belarus Aleksandr Turchin met "
        "with Governor of Omsk Oblast Vitaly Khotsenko in Minsk on 30 December."
    )
    assert late.meeting["date"] == "2025-12-30"


def test_an_impossible_date_line_is_ignored() -> None:
    draft = extract(
        "date 2025-13-45\nBelarusian President Aleksandr Lukashenko met with Governor of "
        "Penza Oblast Oleg Melnichenko on 1 April 2025 in Minsk."
    )
    assert draft.meeting["date"] == "2025-04-01"


def test_names_with_accents() -> None:
    (person,) = find_people("Belarusian President Aleksandr Lukašenko spoke.", None)
    assert person.name == "Aleksandr Lukašenko"


def test_bidi_controls_are_dropped() -> None:
    draft = extract("date 2025-03-01\nThe president proposed supplying lifts \u2066to\u2069 Omsk.")
    assert "\u2066" not in draft.meeting["proposals"][0]["detail"]


def test_institutions_with_an_of_tail_and_short_forms() -> None:
    assert find_enterprises(
        "He proposed wider use of the Development Bank of the Republic of Belarus and the "
        "Orsha Aircraft Repair Plant, and supplies of Minsk Tractor Works (MTZ) tractors."
    ) == [
        "Development Bank of the Republic of Belarus",
        "Orsha Aircraft Repair Plant",
        "Minsk Tractor Works",
    ]


def test_a_target_is_not_a_trade_figure() -> None:
    got = find_trade(
        '"Last year our trade topped $1.2 billion. We can reach $2 billion in a few years."'
    )
    assert [(t["period"], t["usd_millions"]) for t in got] == [("2024", 1200.0)]


@pytest.mark.parametrize(
    ("said", "basis"),
    [
        ("which is 9% more than in the same period last year", "the same period of 2024"),
        ("up 9% on the same period of 2024", "the same period of 2024"),
    ],
)
def test_a_part_years_change_over_the_same_period_is_kept(said: str, basis: str) -> None:
    """ "$156 million, which is 9% more than in the same period last year" drafted the figure
    without its change."""
    got = extract(
        f"{_TVER}In January-July 2025 the trade amounted to $156 million, {said}."
    ).meeting["trade"]
    assert [(t["period"], t["change_pct"], t["change_basis"]) for t in got] == [
        ("2025-01..2025-07", 9.0, f"compared to {basis}")
    ]


@pytest.mark.parametrize(
    "goal",
    [
        # the verb's object longer than two words
        "The sides intend to bring the bilateral trade turnover to $500 million.",
        "They agreed to raise mutual trade to $500 million.",
        # a year after the report's, with no verb of aiming
        "Trade should be half a billion dollars by 2026.",
        "The turnover of $500 million by the end of 2027 is realistic.",
    ],
)
def test_a_goal_is_not_drafted_as_a_figure(goal: str) -> None:
    got = find_trade(
        "The Prime Minister of Belarus met the Governor of Omsk Oblast on 1 March 2025.",
        f"Last year the trade amounted to $215 million. {goal}",
    )
    assert [(t["period"], t["usd_millions"]) for t in got] == [("2024", 215.0)]


def test_a_figure_reached_by_a_past_year_is_a_figure() -> None:
    got = find_trade(
        "The Prime Minister of Belarus met the Governor of Omsk Oblast on 1 March 2025.",
        "Trade grew to $180 million by 2023.",
    )
    assert [t["usd_millions"] for t in got] == [180.0]


def test_a_target_that_names_the_year_it_was_reached_is_that_years_figure() -> None:
    got = find_trade(
        '"Our target is obvious: we need to restore trade turnover to $700 million (as in 2018).'
        ' We could reach $1 billion later."'
    )
    assert [(t["period"], t["metric"], t["usd_millions"]) for t in got] == [
        ("2018", "turnover", 700.0)
    ]


@pytest.mark.parametrize(
    ("sentence", "sectors"),
    [
        ("Healthcare was another topic of the talks in Minsk.", {"healthcare"}),
        ("He proposed supplies of BelAZ dump trucks to the mines.", {"machinery-equipment"}),
        ("He proposed components for the shipyards of the city.", {"industrial-cooperation"}),
        ("They could launch joint educational programmes.", {"education"}),
        ("He suggested equipping grain elevators in the region.", {"agriculture-food"}),
        ("He suggested supplying lifts and elevators to the region.", {"elevators"}),
    ],
)
def test_more_sector_phrases(sentence: str, sectors: set[str]) -> None:
    draft = extract(f"date 2025-03-01\n{sentence}")
    assert {p["sector"] for p in draft.meeting["proposals"]} == sectors


def test_listed_enterprises_are_found_by_name_alone() -> None:
    assert find_enterprises("Amkodor is ready to supply loaders, and Belshina tyres.") == [
        "Amkodor",
        "Belshina",
    ]
    assert find_enterprises("Integrally, the amkodor idea is good.") == []  # whole names, exact


def test_a_name_before_what_the_enterprise_does_and_what_it_is() -> None:
    assert find_enterprises("And he said the Belarusnafta oil company could help.") == [
        "Belarusnafta"
    ]
    assert find_enterprises("Orders went to the Zorka textile factory and others.") == ["Zorka"]
    assert find_enterprises("A Russian oil company could join.") == []  # a nationality


def test_one_word_names_ending_in_what_they_are_and_posts_that_are_not_names() -> None:
    assert find_enterprises("The heads of Belteleradiocompany approved a plan.") == [
        "Belteleradiocompany"
    ]
    assert find_enterprises("Uralkali and Belarusbank signed it.") == ["Uralkali", "Belarusbank"]
    assert find_enterprises("Alexander Smekalin said joint projects went well.") == []
    assert find_enterprises("Dmitry Matusevich, Chairman of the State Property Committee:") == []


def _enterprises(text: str) -> dict[str, list[str]]:
    draft = extract(f"date 2025-03-01\n{text}")
    return {p["sector"]: p["enterprises"] for p in draft.meeting["proposals"]}


def test_an_invitation_proposes_and_names_its_enterprises() -> None:
    got = _enterprises(
        "“If you wish, take a look at the models at Minsk Automobile Plant, at Belkommunmash, "
        "including electric buses.”"
    )
    assert got == {"public-transport": ["Minsk Automobile Plant", "Belkommunmash"]}


def test_enterprises_named_before_a_proposal_of_their_paragraph_go_to_it() -> None:
    got = _enterprises(
        "Products of the Niva-Holding enterprise from Soligorsk are an excellent alternative. "
        "We are ready to supply elevators and service them in your region."
    )
    assert ["Niva-Holding"] in got.values()
    # not across paragraphs, and not a word in capitals that nothing marks as an enterprise
    got = _enterprises(
        "The Niva-Holding enterprise is in Soligorsk.\n\n\n"
        "The region is gearing up for the FIFA World Cup. "
        "We are ready to supply elevators to your region."
    )
    assert all(not names for names in got.values())


def test_a_sentence_just_after_a_proposal_lends_it_the_enterprises_it_names() -> None:
    got = _enterprises(
        "We are ready to supply elevators to your region.\n\n"
        "The heads of NPO Splav and the Tula Patron Plant will visit Minsk."
    )
    assert ["NPO Splav", "Tula Patron Plant"] in got.values()


def test_two_names_joined_by_and_are_two_unless_the_first_is_not_a_name_alone() -> None:
    assert find_enterprises("MAZ and Ufa Tram and Trolleybus Plant will make trams.") == [
        "MAZ",
        "Ufa Tram and Trolleybus Plant",
    ]
    assert find_enterprises("BelAZ and Sinara Group agreed.") == ["BelAZ", "Sinara Group"]
    assert find_enterprises("Udmurtia TV and Radio Broadcasting Company signed.") == [
        "Udmurtia TV and Radio Broadcasting Company"
    ]
    assert find_enterprises("The Institute of Mechanics and Power Engineering trains them.") == [
        "Institute of Mechanics and Power Engineering"
    ]


def test_bare_area_nouns_in_a_list_of_areas_are_sectors() -> None:
    draft = extract(
        "date 2025-03-01\nThe meeting focused on potential partnerships in the woodworking and "
        "pharmaceutical industries, construction and transport, the governor said."
    )
    assert {p["sector"] for p in draft.meeting["proposals"]} == {
        "industrial-cooperation",
        "pharmaceuticals",
        "construction",
        "transport-logistics",
    }
    # one noun is no list: "construction" alone may mean anything
    alone = extract("date 2025-03-01\nThey discussed cooperation in construction.")
    assert alone.meeting["proposals"] == []


# --- round of 2026-12-05: general wordings of news reports ----------------------------------


def _host_and_guest(text: str) -> tuple[str | None, str | None]:
    people = extract(text).meeting["participants"]
    roles = {p["role"]: p["name"] for p in people}
    return roles.get("host"), roles.get("guest")


@pytest.mark.parametrize(
    "text",
    [
        # the post in one sentence, the name as the next one's subject
        "Yesterday Ivan Petrov, Prime Minister of Belarus, met with the governor of Tomsk "
        "Oblast. Pavel Sidorov thanked him for the warm welcome.",
        "Ivan Petrov, Prime Minister of Belarus, welcomed the head of the region to Minsk. "
        "Pavel Sidorov is one of the youngest governors in Russia.",
        # the post, an aside, then the name
        "Ivan Petrov, Prime Minister of Belarus, met with the head of the region, who is on a "
        "working visit to Minsk, Pavel Sidorov.",
        # the name after the verb of the meeting, then who he is
        "Ivan Petrov, Prime Minister of Belarus, met with Pavel Sidorov, who has led Tomsk "
        "Oblast since 2019.",
        "Ivan Petrov, Prime Minister of Belarus, had talks with Pavel Sidorov in Minsk. The "
        "governor of Tomsk Oblast came with a large delegation.",
    ],
)
def test_a_guest_named_without_a_post_beside_the_name(text: str) -> None:
    assert _host_and_guest(text) == ("Ivan Petrov", "Pavel Sidorov")


@pytest.mark.parametrize(
    "text",
    [
        # another participant, not the guest
        "Ivan Petrov, Prime Minister of Belarus, met with the governor of Tomsk Oblast. Pavel "
        "Sidorov also took part in the talks.",
        # a Belarusian, set off by who he is
        "Ivan Petrov, Prime Minister of Belarus, met with Pavel Sidorov, who heads the "
        "Belarusian business delegation.",
    ],
)
def test_a_name_near_the_guests_post_that_is_not_the_guest(text: str) -> None:
    assert _host_and_guest(text) == ("Ivan Petrov", None)


def _figures(sentences: str) -> list[tuple]:
    text = (
        "15 August 2023\nIvan Petrov, Prime Minister of Belarus, met with Governor of Tomsk "
        f"Oblast Pavel Sidorov. {sentences}"
    )
    trade = extract(text).meeting["trade"]
    return [(f["period"], f["metric"], f["usd_millions"], f["change_pct"]) for f in trade]


def test_trade_that_has_doubled_grew_and_a_change_over_years_is_no_periods() -> None:
    # "doubled" is done, not aimed at ("to double trade" is a goal); the doubling over five
    # years is not 2022's change
    assert _figures(
        "Trade has almost doubled over the past five years and in 2022 reached $450 million."
    ) == [("2022", "turnover", 450.0, None)]
    assert _figures("We want to double trade to $900 million.") == []
    assert _figures("Trade should be doubled to $900 million.") == []
    assert _figures("Since 2016 trade has grown threefold, and in 2022 it grew by 10%.") == [
        ("2022", "turnover", None, 10.0)
    ]


def test_goods_sold_and_bought_in_two_clauses_are_exports_and_imports() -> None:
    assert _figures(
        "In 2022 Belarus sold goods worth $300 million to the region and bought goods worth "
        "$100 million."
    ) == [("2022", "exports", 300.0, None), ("2022", "imports", 100.0, None)]


@pytest.mark.parametrize(
    "before",
    [
        "2022 was a record year for our cooperation.",
        "The year 2022 turned out to be successful.",
        "Last year was not easy.",
    ],
)
def test_a_figure_takes_its_year_from_a_sentence_about_that_year(before: str) -> None:
    assert _figures(f"{before} Still, mutual trade reached half a billion dollars.") == [
        ("2022", "turnover", 500.0, None)
    ]


def test_a_level_told_as_today_s_is_not_the_period_spoken_of_before() -> None:
    assert _figures("In 2022 trade grew by 10%. Now it stands at $400 million.") == [
        ("2022", "turnover", None, 10.0)
    ]


_MET_ON = "Ivan Petrov, Prime Minister of Belarus, met with Tomsk Oblast Governor Pavel Sidorov"


_FINISHED_2023 = (
    "Trade went up by 10% in 2023.",
    "Trade jumped by 30% in 2023.",
    # a sum traded in a year named before it
    "In 2023, Belarus supplied goods worth $300 million to the region.",
    # last year's figure, then the year before's
    "Last year trade reached $300 million, in 2022 it was $250 million.",
    "Last year trade reached $300 million, up from $250 million in 2022.",
)


@pytest.mark.parametrize("figure", _FINISHED_2023)
def test_a_day_without_a_year_takes_the_year_after_a_finished_year_told_so(figure: str) -> None:
    draft = extract(f"{_MET_ON} in Minsk on 12 March. {figure}")
    assert draft.meeting["date"] == "2024-03-12"


@pytest.mark.parametrize(
    "said",
    [
        "In 2023 we supplied 40 tractors to the region.",  # goods alone: the year may run
        "Last year trade reached $300 million; we plan $400 million in 2025.",  # a plan's year
    ],
)
def test_a_year_that_may_not_be_over_gives_no_year(said: str) -> None:
    assert extract(f"{_MET_ON} in Minsk on 12 March. {said}").meeting["date"] == ""


def test_a_dateline_with_a_city_and_the_day_in_figures() -> None:
    assert extract(f"Tomsk, 12.03.2024. {_MET_ON}.").meeting["date"] == "2024-03-12"


def test_a_dateline_whose_outlet_is_not_followed_by_a_dash() -> None:
    """ "MINSK, 14 March 2026 (BelTA) RED ALERT - ..." gave no date ("nothing in it tells the
    year") and no outlet: the dash after the outlet is not always there."""
    text = (
        "MINSK, 14 March 2026 (BelTA) Belarusian Prime Minister Aleksandr Turchin met with "
        "Governor of Tula Oblast Dmitry Milyaev in Minsk on 14 March. Turchin proposed to "
        "supply Belarusian lifts to the region."
    )
    draft = extract(text)
    assert draft.meeting["date"] == "2026-03-14"
    assert draft.meeting["source"]["outlet"] == "BelTA"
    assert not draft.meeting["title"].startswith("(")


def _statuses(sentence: str) -> set[str]:
    text = f"{_MET_ON}. {sentence}"
    return {p["status"] for p in extract(text).meeting["proposals"]}


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("The sides agreed to set up a joint venture to assemble buses.", "agreed"),
        ("A bus assembly plant is being built in Tomsk with Belarusian partners.", "in-progress"),
        # a fresh proposal beside another place's project or a past agreement
        (
            "Belarus proposed to set up a joint venture to assemble buses, similar to the one "
            "under construction in Kazan.",
            "proposed",
        ),
        (
            "The governor suggested building a dairy plant; a similar project is being "
            "implemented in Omsk.",
            "proposed",
        ),
        (
            "The sides signed a roadmap last year; now they proposed to build a cement plant.",
            "proposed",
        ),
        # a clause of the place it goes to (a new user's trial); not a clause the status
        # stands in (a review)
        (
            "Karaev proposed to increase the deliveries of Belarusian elevators to Omsk, where"
            " an apartment building renovation programme is under way.",
            "proposed",
        ),
        ("The sides agreed on a project where MAZ will assemble buses in Tomsk.", "agreed"),
        (
            "Karaev proposed more deliveries of Belarusian elevators to Omsk - where a"
            " renovation programme is under way.",
            "proposed",
        ),
        (
            "Karaev proposed more deliveries of Belarusian elevators to Omsk, a city where a"
            " renovation programme is under way.",
            "proposed",
        ),
    ],
)
def test_a_proposal_s_status_is_told_in_its_own_clause(sentence: str, status: str) -> None:
    assert _statuses(sentence) == {status}


@pytest.mark.parametrize(
    "sentence",
    [
        "Omsk Oblast supplies oil products, polymer goods and grain to Belarus.",
        "The region exports timber and fertilizers to Belarus.",
        "Belarus sells tractors and buses to the region.",
        # (words that only start like a proposal's: "plant", "so-called", "which will")
        "Tomsk Oblast supplies oil products, plant protection agents and grain to Belarus.",
        "The region supplies oil, gas and so-called rare metals to Belarus.",
        "Belarus supplies tractors to the region, which will use them in farming.",
    ],
)
def test_what_a_side_sells_the_other_now_is_goods_not_a_proposal(sentence: str) -> None:
    """ "Omsk Oblast supplies oil products, polymer goods and grain to Belarus" was drafted
    as two proposals, of energy and of food, raised by the host (a new user's trial): it
    tells the goods traded. Proposed, it is a proposal still."""
    draft = extract(f"{_MET_ON}. {sentence}")
    assert draft.meeting["proposals"] == []
    assert draft.meeting["exports"] or draft.meeting["imports"]
    proposed = extract(
        f"{_MET_ON}. The governor proposed that Belarus supply tractors to the region."
    )
    assert [p["sector"] for p in proposed.meeting["proposals"]] == ["agricultural-machinery"]
    # the goods traded, each side's (the helper only asked for some)
    if sentence.startswith("Omsk"):
        assert draft.meeting["imports"] == ["oil products", "polymer goods", "grain"]


@pytest.mark.parametrize(
    ("sentence", "sector"),
    [
        # (a sale now, then a proposal or an agreement in the same sentence: a review)
        (
            "Russia supplies oil and gas to Belarus, and Petrov proposed to increase supplies of"
            " Belarusian trucks.",
            "automotive",
        ),
        (
            "MTZ already supplies tractors to the region, and the sides agreed to open a service"
            " centre.",
            "service-logistics",
        ),
        (
            "Sidorov suggested Belarus supplies more tractors to the region.",
            "agricultural-machinery",
        ),
        ("Petrov proposed MAZ supplies buses to the region.", "public-transport"),
    ],
)
def test_a_sale_told_beside_a_proposal_keeps_the_proposal(sentence: str, sector: str) -> None:
    draft = extract(f"{_MET_ON}. {sentence}")
    assert sector in {p["sector"] for p in draft.meeting["proposals"]}


@pytest.mark.parametrize(
    "more",
    [
        "He also suggested increasing the number of elevators supplied by Mogilevliftmash.",
        "In addition, he proposed to supply more elevators next year.",
        "He also proposed that the elevators be assembled with local components.",
    ],
)
def test_also_suggesting_more_of_the_proposal_just_made_carries_it_on(more: str) -> None:
    """ "He also ..." after a proposal of its sector is more of it, not a second one (a
    review of the rule that "also suggested" proposes something of its own)."""
    text = f"{_MET_ON} on 12 March 2024.\n\nPetrov proposed to expand supplies of elevators. {more}"
    assert [p["sector"] for p in extract(text).meeting["proposals"]] == ["elevators"]


def test_the_people_a_supply_goes_to_are_no_sector_of_its_own() -> None:
    """ "ready to supply Lida and Gomselmash harvesters, as well as MTZ tractors, to Voronezh
    farmers" drafted a second proposal "Cooperation in to Voronezh farmers" (agriculture and
    food), which took MTZ (a new user's trial). Farmers alone are still farming's."""
    text = (
        f"{_MET_ON} on 15 May 2024.\n\nPetrov said Belarus is ready to supply Gomselmash"
        " harvesters, as well as MTZ tractors, to Tomsk farmers."
    )
    proposals = extract(text).meeting["proposals"]
    assert [p["sector"] for p in proposals] == ["agricultural-machinery"]
    assert set(proposals[0]["enterprises"]) == {"Gomselmash", "MTZ"}
    alone = f"{_MET_ON} on 15 May 2024.\n\nPetrov proposed to support Tomsk farmers."
    assert [p["sector"] for p in extract(alone).meeting["proposals"]] == ["agriculture-food"]
    # (not "for": a fund for farmers is farming's, beside the tractors: a review)
    fund = (
        f"{_MET_ON} on 15 May 2024.\n\nPetrov proposed to create a joint fund for farmers and"
        " to supply MTZ tractors."
    )
    assert "agriculture-food" in {p["sector"] for p in extract(fund).meeting["proposals"]}


def test_a_sentence_that_also_suggests_something_is_a_proposal_of_its_own() -> None:
    """ "He also suggested expanding the supply of BelAZ mining dump trucks" was read as
    more of the proposal before it (MAZ's machinery), which got BelAZ, and the dump trucks
    were no proposal (a new user's trial)."""
    text = (
        f"{_MET_ON} on 12 March 2024.\n\nThe Prime Minister proposed to set up joint"
        " production of road-building machinery in the region with the participation of MAZ"
        " and Amkodor. He also suggested expanding the supply of BelAZ mining dump trucks to"
        " the region's quarries."
    )
    by_name = {tuple(p["enterprises"]): p["title"] for p in extract(text).meeting["proposals"]}
    assert ("BelAZ",) in by_name and "dump trucks" in by_name[("BelAZ",)]
    assert not any("BelAZ" in names for names in by_name if names != ("BelAZ",))
    assert any("MAZ" in names for names in by_name)


def test_our_goods_in_the_middle_of_the_host_s_long_quote_are_exports() -> None:
    text = (
        f"{_MET_ON} on 12 March 2024.\n"
        "“Trade is small. Our tractors and combines work in your fields, our buses carry your "
        "people. We can do more,” the Prime Minister said.\n"
        "Our tractors are not mentioned again outside his words."
    )
    draft = extract(text).meeting
    assert draft["exports"] == ["tractors", "combines", "buses"]


def test_within_quotes_follows_the_marks_over_sentences() -> None:
    from coopbrowse.store.extract.page import Sentence
    from coopbrowse.store.extract.trade import within_quotes

    said = ["“We have oil.", "Our trucks work here.", "We can do more,” he said.", "Then."]
    sentences = [Sentence(t, 0, "host") for t in said]
    sentences.append(Sentence('"A new one.', 1, "host"))  # an open quote ends its paragraph
    sentences.append(Sentence("Not in it.", 2, "host"))
    assert within_quotes(sentences) == [False, True, True, False, False, False]


def _goods(sentence: str) -> tuple[list[str], list[str]]:
    draft = extract(f"{_MET_ON} on 12 March 2024. {sentence}").meeting
    return draft["exports"], draft["imports"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The bulk of supplies from the region consists of ferrous metals and chemical "
            "products.",
            ([], ["ferrous metals", "chemical products"]),
        ),
        (
            "Deliveries from Belarus are mainly represented by trucks, tires and furniture.",
            (["trucks", "tires", "furniture"], []),
        ),
        (
            "Supplies to Belarus consist mainly of oil products and timber.",
            ([], ["oil products", "timber"]),
        ),
    ],
)
def test_supplies_from_or_to_a_side_head_a_list_of_goods(
    sentence: str, expected: tuple[list[str], list[str]]
) -> None:
    assert _goods(sentence) == expected


def test_a_plural_noun_before_and_ends_its_own_good() -> None:
    from coopbrowse.store.extract.trade import _split_goods

    assert _split_goods("ferrous metals and chemical products") == [
        "ferrous metals",
        "chemical products",
    ]
    # words before "and" that share the noun after it, or words after that both share
    assert _split_goods("metal and chemical products") == ["metal products", "chemical products"]
    assert _split_goods("machines and devices for lifting") == ["machines and devices for lifting"]


def _sectors(sentence: str) -> set[str]:
    return {p["sector"] for p in extract(f"{_MET_ON}. {sentence}").meeting["proposals"]}


@pytest.mark.parametrize(
    ("sentence", "sectors"),
    [
        ("We must step up cooperation in the industrial sphere.", {"industrial-cooperation"}),
        ("The governor proposed joint projects in the energy sector.", {"energy"}),
        ("Belarus is ready to work in your construction industry.", {"construction"}),
        # transport alone may be buses or freight: no sector from it
        ("One of them is a project in the transport sector.", set()),
    ],
)
def test_one_kind_before_sphere_sector_or_industry_names_its_sector(
    sentence: str, sectors: set[str]
) -> None:
    assert _sectors(sentence) == sectors


@pytest.mark.parametrize(
    ("sentence", "sectors"),
    [
        # growing trade, as an aim, is trade's own proposal
        ("The sides agreed to increase mutual trade.", {"trade-finance"}),
        ("They see a huge potential for boosting bilateral trade.", {"trade-finance"}),
        ("They discussed steps aimed at an increase in trade turnover.", {"trade-finance"}),
        ("We see opportunities primarily in trade cooperation.", {"trade-finance"}),
        ("We hope that your visit to Belarus will help balance trade.", {"trade-finance"}),
        (
            "They will do their best to restore the pre-crisis level of mutual trade.",
            {"trade-finance"},
        ),
        (
            "I believe that trade is one of the most promising areas of cooperation.",
            {"trade-finance"},
        ),
        # selling at a fair
        ("The programme of the visit will include a fair of Belarusian goods.", {"trade-finance"}),
        ("The official said that a fair will take place in Kursk soon.", {"trade-finance"}),
        ("Belarusian firms will take part in trade fairs in the region.", {"trade-finance"}),
        (
            "They agreed to hold a fair of Belarusian food producers in the spring.",
            {"trade-finance"},
        ),
        (
            "Producers will hold an exhibition of their goods in Tomsk in December.",
            {"trade-finance"},
        ),
        ("A Belarusian trade house will be opened in Tomsk next year.", {"trade-finance"}),
        (
            "They proposed to hold a business mission of Belarusian enterprises in Orenburg.",
            {"trade-finance"},
        ),
        ("The Belarusian side is interested in balanced trade.", {"trade-finance"}),
        (
            "The sides will seek to bring their trade back to the pre-crisis level.",
            {"trade-finance"},
        ),
        ("The regions have agreed to double their trade within two years.", {"trade-finance"}),
        # (nor a target with its figure, as most real reports' labels have it, nor a fact)
        ("The sides intend to raise their trade turnover to $1 billion by 2010.", set()),
        ("Trade turnover increased to $640 million last year.", set()),
        # (a fair deal, fair prices: the adjective)
        ("We want a fair deal and fair prices for our partners.", set()),
        # not trade as one kind of a diplomatic formula, nor its growth told as a fact
        ("Belarus is ready for expanding trade and economic cooperation.", set()),
        ("They will keep stepping up trade, economic and cultural links.", set()),
        ("Trade increased by 9% last year.", set()),
        ("The increase in trade turnover amounted to 12% in 2023.", set()),
        # nor trade as a word of another thing
        ("We must not raise trade barriers.", set()),
        ("They discussed an increase of trade union membership.", set()),
    ],
)
def test_growing_trade_as_an_aim_is_a_trade_proposal(sentence: str, sectors: set[str]) -> None:
    assert _sectors(sentence) == sectors


_LISTED_DIRECTIONS = (
    "The Governor of the Omsk region Ivan Petrov held a working meeting with the delegation "
    "of the Republic of Belarus headed by Deputy Prime Minister Pavel Sidorov.\n"
    "In the course of the meeting the parties discussed the following directions of "
    "cooperation:\n"
    "- organisation of the assembly of the tractors of the Minsk Tractor Works in Omsk;\n"
    "- deliveries of the passenger buses of MAZ for the renewal of the city transport;\n"
    "- the Omsk grain and fodder for the dairy farms of the Republic of Belarus.\n"
    "The delegation also visited the following places of the city:\n"
    "- the museum of the fine arts and the regional philharmonic hall;\n"
    "- the dairy plant of the region and the new bus station;\n"
)


def test_a_list_that_a_proposing_sentence_introduces_proposes_each_item() -> None:
    """A press release's list of "directions of cooperation", each item ending with ";" and
    without a verb of its own: the items are read (they were dropped as page furniture) and
    each proposes its sector; a list after an introduction that proposes nothing does not."""
    article = clean(_LISTED_DIRECTIONS)
    assert any("passenger buses of MAZ" in p for p in article.paragraphs)
    assert _sectors_of_text(_LISTED_DIRECTIONS) == {
        "agricultural-machinery",
        "industrial-cooperation",
        "public-transport",
        "agriculture-food",
    }
    # (the list ends at a paragraph that is no item)
    after = _LISTED_DIRECTIONS.replace(
        "- the Omsk grain",
        "The governor thanked the guests for the fruitful and open talks.\n- the Omsk grain",
    )
    assert "agriculture-food" not in _sectors_of_text(after)


@pytest.mark.parametrize(
    ("sentence", "sectors"),
    [
        # a request is a proposal
        ("The governor asked Belarus to help repair the municipal heating networks of the city.",
         {"housing-utilities"}),
        # a festival, towns twinned
        ("The governors agreed to hold a festival of Slavic songs in the border area.",
         {"culture-youth"}),
        ("The governors agreed to twin the towns of Zhlobin and Kurchatov.", {"culture-youth"}),
        # farm machines by name, car parts, an industrial zone (from set b's misses)
        ("The farms are interested in fertiliser spreaders and forage-harvesting equipment.",
         {"agricultural-machinery"}),
        ("Avtotor is interested in Belarusian suppliers of car components.", {"automotive"}),
        ("The agreement will include supplies of vehicles for the next five years.",
         {"automotive"}),
        ("The governor invited Belarusian investors to the industrial zone Zavolzhye.",
         {"industrial-cooperation"}),
        # combines, the machines, not the verb; an offer implied by praise of it
        ("Then you need combines, the President said.", {"agricultural-machinery"}),
        ("The new plan combines several ideas in one document.", set()),
        ("Our tractors are suitable for your fields.", {"agricultural-machinery"}),
        # (a wish told as history is none)
        ("In 2005 the region asked for buses, and they were delivered.", set()),
    ],
)  # fmt: skip
def test_requests_wishes_festivals_and_more_sectors_by_name(
    sentence: str, sectors: set[str]
) -> None:
    """From the reports challenge sets' misses."""
    assert _sectors(sentence) == sectors


def test_what_the_host_makes_or_names_alone_in_his_speech_is_on_offer() -> None:
    """From the reports challenge set c's misses: in the President's opening speech, "We
    make modern buses" and a fragment naming goods alone ("And lifts.") offer them, with no
    word of proposing; a long sentence of his that only praises proposes nothing."""
    text = (
        "Belarusian President Aleksandr Lukashenko met with Governor of Omsk Oblast Ivan Petrov "
        "in Minsk on 12 May 2023.\n"
        "\u201cYour city is growing, and it has a lot of old minibuses. We make modern buses, "
        "including electric ones. And lifts. Your region is famous for its oil and its "
        "wonderful people,\u201d Aleksandr Lukashenko said."
    )
    assert _sectors_of_text(text) == {"public-transport", "elevators"}


_TULA = (
    "Belarusian Prime Minister Roman Golovchenko met with Governor of Tula Oblast Ivan Petrov "
    "in Minsk on 12 May 2023.\n\n"
)


@pytest.mark.parametrize(
    ("text", "sectors", "exports", "imports"),
    [
        # a quote named at its end is its speaker's from its first sentence (the governor's
        # "we make" is no Belarusian offer)
        ("\u201cWe make excellent trucks at our plant in Tula. We are interested in your "
         "tractors,\u201d Ivan Petrov said.", {"agricultural-machinery"}, ["tractors"], []),
        # ... and "he said" under a paragraph naming him is his
        ("Ivan Petrov spoke about the region's economy.\n\n\u201cMetallurgy. Chemicals. "
         "Weapons. This is our industry,\u201d he said.", set(), [], []),
        # fragments that say no, ask, or have a verb offer nothing
        ("\u201cNot tractors. We already supply enough of them,\u201d Roman Golovchenko said.",
         set(), [], []),
        ("\u201cOil prices fell.\u201d That was the main problem of 2020, Roman Golovchenko "
         "said.", set(), [], []),
        # a reporter's question, sanctions targeted, a building, statistics, goods at a festival
        ("When asked to comment on the MAZ bus deliveries to the city, Ivan Petrov said the "
         "buses had worked well.", set(), ["buses"], []),
        ("Western sanctions targeted Belarusian potash fertilisers and oil products.", set(),
         ["potash fertilisers", "oil products"], []),
        ("The delegation will visit the Galleria Minsk trade centre and the National Library.",
         set(), [], []),
        ("Statistics agencies will improve trade statistics next year.", set(), [], []),
        # a list of places to visit proposes nothing
        ("The Tula delegation will visit the following enterprises during its stay in "
         "Belarus:\n- the Minsk Tractor Works, the flagship of Belarusian machine building;\n"
         "- the BelAZ plant in Zhodino, the maker of mining dump trucks;\n", set(), [], []),
        # Belarus's own goods stay exports: offered a market for them, needing markets, tyres
        # for its own trucks, from its own oblasts, to its own plant in the region
        ("The governor offered Belarusian manufacturers the market of the region for their "
         "lifts and buses.", {"elevators", "public-transport"}, ["lifts", "buses"], []),
        ("Gomel enterprises need new markets for glass and fertilisers in Russia.",
         {"chemicals"}, ["glass", "fertilisers"], []),
        ("Belarus will supply butter from the Grodno region and meat from the Mogilev region.",
         {"agriculture-food"}, ["butter", "meat"], []),
    ],
)  # fmt: skip
def test_the_review_of_the_rules_from_the_reports_challenge_sets(
    text: str, sectors: set[str], exports: list[str], imports: list[str]
) -> None:
    """A review of the rules written from the reports challenge sets found these wrong (a
    governor's words read as the host's, a reporter's question as a request, a building as a
    trade house, Belarus's own goods as bought); each is right now."""
    meeting = extract(_TULA + text).meeting
    got = {p["sector"] for p in meeting["proposals"]}
    assert (got, meeting["exports"], meeting["imports"]) == (sectors, exports, imports)


def test_sectors_raised_in_passing_in_the_middle_of_a_long_quote() -> None:
    text = (
        f"{_MET_ON} on 12 March 2024.\n"
        "“We have good relations. You have oil and timber. We are also ready to help you with "
        "housing construction. And our hospitals could treat your people. Think about it,” "
        "the Prime Minister said."
    )
    assert {"construction", "healthcare"} <= _sectors_of_text(text)


def _sectors_of_text(text: str) -> set[str]:
    return {p["sector"] for p in extract(text).meeting["proposals"]}


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # a dateline's "(BelTA) -" is no part of a title; "met ... to discuss X": X
        (
            "MINSK, 5 June (BelTA) - Belarusian Prime Minister Aleksandr Turchin met with Omsk"
            " Oblast Governor Vitaly Khotsenko to discuss industrial cooperation.",
            "Industrial cooperation",
        ),
        (
            "MINSK, 5 June (BelTA) – Belarus is ready to supply lifts to Omsk Oblast, the Prime"
            " Minister said.",
            "Supply lifts to Omsk Oblast",
        ),
    ],
)
def test_a_title_leaves_out_the_dateline_and_the_talk(text: str, title: str) -> None:
    assert [p["title"] for p in extract(text).meeting["proposals"]] == [title]


def test_a_kind_in_a_list_of_machines_is_titled_as_machines() -> None:
    """ "supplying our equipment, including passenger, road construction, quarry,
    agricultural and other types of machinery" drafted "Cooperation in quarry" and
    "Cooperation in agricultural" (found by a new user): a kind in a list of machines is
    titled with them."""
    text = (
        "MINSK, 5 June (BelTA) - Belarusian Prime Minister Aleksandr Turchin met with Omsk"
        " Oblast Governor Vitaly Khotsenko. Turchin proposed supplying our equipment to Omsk"
        " Oblast, including passenger, road construction, quarry, agricultural, fire-fighting,"
        " and other types of machinery."
    )
    titles = [p["title"] for p in extract(text).meeting["proposals"]]
    assert "Quarry machinery" in titles and "Agricultural machinery" in titles, titles
    assert not any(t in ("Cooperation in quarry", "Cooperation in agricultural") for t in titles)


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("The sides discussed joint production of municipal and road-building machinery.",
         "Joint production of municipal and road-building machinery"),
        ("Khotsenko proposed to set up a joint venture to produce seeds of sugar beet and "
         "sunflower.", "Set up a joint venture to produce seeds of sugar beet and sunflower"),
    ],
)  # fmt: skip
def test_things_joined_as_what_a_cue_is_of_stay_in_its_title(sentence: str, title: str) -> None:
    """ "joint production of municipal and road-building machinery" was titled "Joint
    production of municipal" (cut at the "and" before the other sector's words), and the
    joint venture for "seeds of sugar beet and sunflower" lost its sunflower."""
    text = (
        "MINSK, 5 June (BelTA) - Belarusian Prime Minister Aleksandr Turchin met with Omsk"
        f" Oblast Governor Vitaly Khotsenko. {sentence}"
    )
    proposals = extract(text).meeting["proposals"]
    assert title in [p["title"] for p in proposals if p["sector"] == "industrial-cooperation"]
    # (a deed of its own after "and" is not joined: "produce elevators and supply milk")
    deed = extract(
        text.replace(
            sentence,
            "Khotsenko proposed to set up a joint venture to "
            "produce elevators and supply milk powder.",
        )
    ).meeting
    assert "Set up a joint venture to produce elevators" in [
        p["title"] for p in deed["proposals"] if p["sector"] == "industrial-cooperation"
    ]
    # (two things that are parts of their own are still cut apart: "microelectronics and
    # lift production")
    parts = extract(
        "MINSK, 5 June (BelTA) - Turchin met with Omsk Oblast Governor Vitaly Khotsenko. They"
        " agreed to cooperate in microelectronics and lift production."
    ).meeting["proposals"]
    assert not any("microelectronics and lift" in p["title"] for p in parts), parts


def test_a_list_items_preposition_is_not_in_its_title() -> None:
    """ "We can help you with housing construction and with healthcare" titled the second
    "Cooperation in with healthcare"."""
    text = (
        "MINSK, 5 June (BelTA) - Belarusian Prime Minister Aleksandr Turchin met with Omsk"
        ' Oblast Governor Vitaly Khotsenko. "We can also help you with housing construction'
        ' and with healthcare," Turchin said.'
    )
    titles = {p["sector"]: p["title"] for p in extract(text).meeting["proposals"]}
    assert titles["healthcare"] == "Cooperation in healthcare"


def test_praise_before_kinds_of_goods_leaves_the_kinds() -> None:
    """ "Belarus produces all the essential industrial and agricultural goods" drafted "all
    the essential industrial" as a good (found by a new user)."""
    text = (
        "MINSK, 5 June (BelTA) - Belarusian Prime Minister Aleksandr Turchin met with Omsk"
        " Oblast Governor Vitaly Khotsenko. Turchin said Belarus is ready to supply all the"
        " essential industrial and agricultural goods to the region."
    )
    assert extract(text).meeting["exports"] == ["industrial goods", "agricultural goods"]


def test_goods_made_by_named_makers_leave_the_makers_out() -> None:
    """ "supplies of machinery made by MAZ, BelAZ and Amkodor" drafted the export "machinery
    made": the participle and the makers after it say who, not what."""
    text = (
        "MINSK, 5 June (BelTA) - Belarusian Prime Minister Aleksandr Turchin met with Omsk"
        " Oblast Governor Vitaly Khotsenko. Belarus supplies tractors and machinery made by"
        " MAZ, BelAZ, Gomselmash and Amkodor to the region."
    )
    assert extract(text).meeting["exports"] == ["tractors", "machinery"]
    for said in ("being built", "jointly produced", "newly assembled"):  # (found in review)
        assert extract(text.replace("made", said)).meeting["exports"] == ["tractors", "machinery"]


def test_goods_sold_to_the_region_named_first_leave_it_out() -> None:
    """ "Belarus sells the region dairy products, ..." drafted "region dairy products"
    (found by a new user)."""
    text = (
        "MINSK, 5 June (BelTA) - Belarusian Prime Minister Aleksandr Turchin met with Omsk"
        " Oblast Governor Vitaly Khotsenko. Belarus sells the region dairy products, furniture"
        " and fertilizers."
    )
    assert extract(text).meeting["exports"] == ["dairy products", "furniture", "fertilizers"]


def test_one_clause_about_two_sectors_titles_its_proposals_apart() -> None:
    """A reviewer saw "Service center of MTZ on its territory" twice, once per sector; the
    second now says its sector, and its first word is left as written (it may be a name)."""
    text = (
        "MINSK, 5 June (BelTA) - Belarusian Prime Minister Aleksandr Turchin met with Omsk"
        " Oblast Governor Vitaly Khotsenko. The governor said the region is ready to host a"
        " service center of MTZ on its territory."
    )
    proposals = extract(text).meeting["proposals"]
    titles = [(p["sector"], p["title"]) for p in proposals]
    assert len(titles) == 2 and len({t for _s, t in titles}) == 2, titles
    first, second = titles
    label = SECTORS_BY_ID[second[0]].label
    assert second[1] == f"{label}: {first[1]}"


def test_a_title_leaves_no_bracket_open_and_a_manner_is_not_a_field_of_cooperation() -> None:
    """From a new user's article: "supplying Belarusian tractors made by MTZ (Minsk Tractor
    Works) to Kursk Oblast farms, including on leasing terms" drafted the titles
    "Supplying Belarusian tractors made by MTZ (Minsk Tractor Works" and "Cooperation in
    on leasing terms"."""
    text = (
        "MINSK, 3 March 2025 - Prime Minister of Belarus Roman Golovchenko met with Governor"
        " of Kursk Oblast Alexander Khinshtein in Minsk. Golovchenko proposed supplying"
        " Belarusian tractors made by MTZ (Minsk Tractor Works) to Kursk Oblast farms,"
        " including on leasing terms."
    )
    titles = [p["title"] for p in extract(text).meeting["proposals"]]
    assert "Supplying Belarusian tractors made by MTZ" in titles, titles
    assert "Leasing terms" in titles and not any("Cooperation in on" in t for t in titles)
    assert all(t.count("(") == t.count(")") for t in titles), titles


@pytest.mark.parametrize(
    ("sentence", "imports"),
    [
        (
            "The governor said the region is ready to supply Belarus with agricultural"
            " products, namely grain and oilseeds.",
            ["agricultural products", "grain", "oilseeds"],
        ),
        # (no list read here: the goods the lexicon knows, on the region's side)
        (
            "The region is ready to provide agricultural products, namely grain.",
            ["agricultural products", "grain"],
        ),
    ],
)
def test_what_the_region_offers_namely_is_an_import(sentence: str, imports: list[str]) -> None:
    """ "the region is ready to provide …, namely grain" drafted grain as Belarus's export
    (and "namely grain" as an import): the region's offer is what Belarus would buy."""
    text = (
        "MINSK, 5 June (BelTA) - Belarusian Prime Minister Aleksandr Turchin met with Omsk"
        f" Oblast Governor Vitaly Khotsenko. {sentence}"
    )
    meeting = extract(text).meeting
    assert meeting["exports"] == []
    assert meeting["imports"] == imports


def met_in_minsk(body: str, year: int = 2025) -> str:
    """A report of a meeting in Minsk (Turchin and Samara's governor) whose body is
    ``body``: what the drafting rules below are tried on."""
    return (
        f"MINSK, 12 May {year} (BelTA) – Prime Minister of Belarus Aleksandr Turchin met with "
        f"Governor of Samara Oblast Vyacheslav Fedorishchev in Minsk.\n\n{body}"
    )


def test_joint_production_of_a_kind_of_machine_is_that_kinds_proposal_alone() -> None:
    """ "Joint production of buses with MAZ" was drafted twice, as industrial cooperation
    and as public transport ("Public transport: Joint production of buses with MAZ"): the
    joint production of a kind of machine is that kind's proposal."""
    draft = extract(met_in_minsk("Turchin suggested joint production of buses with MAZ."))
    proposals = draft.meeting["proposals"]
    assert [(p["sector"], p["title"]) for p in proposals] == [
        ("public-transport", "Joint production of buses with MAZ")
    ]
    assert proposals[0]["enterprises"] == ["MAZ"]
    # production cooperation by way of projects in a kind of machine: two areas
    both = extract(
        met_in_minsk(
            "Turchin proposed to intensify production cooperation, including by means of "
            "joint projects in agricultural machinery."
        )
    )
    assert {p["sector"] for p in both.meeting["proposals"]} == {
        "industrial-cooperation",
        "agricultural-machinery",
    }


def test_supplies_proposed_together_with_an_enterprise_are_a_proposal() -> None:
    """ "Expand supplies of Belarusian elevators to Samara Oblast together with
    Mogilevliftmash" was read as a sentence about goods ("supplies … with", as in "supplies
    us with machinery"): no proposal, and the enterprise went to the next one."""
    draft = extract(
        met_in_minsk(
            "Turchin proposed to expand supplies of Belarusian elevators to Samara Oblast "
            "together with Mogilevliftmash. He also suggested joint production of buses with MAZ."
        )
    )
    got = [(p["sector"], p["enterprises"]) for p in draft.meeting["proposals"]]
    assert got == [("elevators", ["Mogilevliftmash"]), ("public-transport", ["MAZ"])]
    assert "elevators" in draft.meeting["exports"]
    said = extract(met_in_minsk("The region supplies us with products of machine building."))
    assert said.meeting["proposals"] == []  # (what a region supplies: goods, as before)


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("In 2021 our bilateral trade almost reached $500 million.", "almost"),
        ("Trade nearly amounted to $500 million in 2021.", "nearly"),
        ("The mutual trade approached $500 million in 2021.", "approached"),
        ("In 2021 trade reached $500 million.", ""),
        ("In 2021 trade in the goods listed above reached $500 million.", ""),
    ],
)
def test_an_approximate_figure_keeps_its_qualifier_across_the_verb(
    sentence: str, qualifier: str
) -> None:
    """ "almost reached $500 million" was drafted as $500 million exactly (the qualifier
    before the verb was not seen), and so was "approached": an approximate figure read as
    exact misleads."""
    draft = extract(met_in_minsk(sentence, year=2022))
    got = [(t["period"], t["usd_millions"], t["qualifier"]) for t in draft.meeting["trade"]]
    assert got == [("2021", 500.0, qualifier)]


def test_a_supplied_items_title_is_the_item() -> None:
    """ "Belarus supplies tractors, dairy products and elevators to Omsk" titled its items
    "Cooperation in Belarus supplies tractors" and "Cooperation in elevators to Omsk"."""
    draft = extract(
        met_in_minsk("Belarus supplies tractors, dairy products and elevators to Omsk.")
    )
    titles = {p["sector"]: p["title"] for p in draft.meeting["proposals"]}
    assert titles["agricultural-machinery"] == "Cooperation in tractors"
    assert titles["elevators"] == "Cooperation in elevators"


@pytest.mark.parametrize(
    "sentence",
    [
        '"We would also like to work on education and housing construction," he added.',
        "The governor said they want to work together in education.",
    ],
)
def test_a_wish_to_work_in_an_area_proposes_it(sentence: str) -> None:
    """ "would also like" (a word between) and "want to" say what a side proposes, as
    "would like" did: such a sentence drafted nothing. Its title is the area."""
    draft = extract(met_in_minsk(sentence))
    titles = {p["sector"]: p["title"] for p in draft.meeting["proposals"]}
    assert titles["education"] == "Cooperation in education"


def test_a_list_of_areas_to_work_in_names_each() -> None:
    """In "work together in education, culture and construction" each bare area noun is
    an area (as after "cooperation in"): construction was missed, and culture's title ran
    on into it."""
    draft = extract(
        met_in_minsk('"We would like to work together in education, culture and construction."')
    )
    titles = {p["sector"]: p["title"] for p in draft.meeting["proposals"]}
    assert titles == {
        "education": "Cooperation in education",
        "culture-youth": "Cooperation in culture",
        "construction": "Cooperation in construction",
    }
    # (the work of something is not a list of areas: "construction" alone says nothing)
    draft = extract(
        met_in_minsk(
            "Turchin proposed to improve the work of the intergovernmental commission, "
            "culture and construction."
        )
    )
    assert "construction" not in {p["sector"] for p in draft.meeting["proposals"]}


def test_what_the_sides_discussed_together_has_no_proposer() -> None:
    """ "The sides also discussed cooperation in agriculture, and in education" was credited
    to the host, and titled "Cooperation in in education"."""
    draft = extract(
        met_in_minsk(
            "Turchin proposed supplies of MAZ buses. The sides also discussed cooperation in "
            "agriculture, and in education, where universities plan joint programmes."
        )
    )
    got = {p["sector"]: (p["title"], p["proposed_by"]) for p in draft.meeting["proposals"]}
    assert got["public-transport"][1] == "Aleksandr Turchin"
    assert got["agriculture-food"] == ("Cooperation in agriculture", "")
    assert got["education"] == ("Cooperation in education", "")


def test_two_names_joined_by_and_are_one_part_of_a_title() -> None:
    """ "suggested that KAMAZ and MAZ cooperate on components for heavy trucks and proposed
    that ..." was titled "That KAMAZ" (the sentence cut at each "and"), and MAZ, part of the
    letters of KAMAZ, was not taken for an enterprise of its own."""
    draft = extract(
        met_in_minsk(
            "Fedorishchev suggested that KAMAZ and MAZ cooperate on components for heavy "
            "trucks and proposed that Tatneft supply petrochemical feedstock to the Naftan "
            "refinery."
        )
    )
    by_sector = {p["sector"]: p for p in draft.meeting["proposals"]}
    trucks = by_sector["automotive"]
    assert trucks["title"] == "KAMAZ and MAZ cooperate on components for heavy trucks"
    assert trucks["enterprises"] == ["KAMAZ", "MAZ"]
    assert find_enterprises("Minsk Tractor Works and Minsk Tractor supply tractors.") == [
        "Minsk Tractor Works"
    ]  # (whole words of a name found are still that name)


def test_a_title_leaves_out_who_said_it() -> None:
    """ "Fedorishchev noted that Samara farmers plan to buy 300 Belarus tractors" was the
    title as it stood: who said it is the proposer, not part of what was proposed."""
    draft = extract(
        met_in_minsk(
            "Fedorishchev noted that Samara farmers plan to buy 300 Belarus tractors this year."
        )
    )
    [proposal] = draft.meeting["proposals"]
    assert proposal["title"] == "Samara farmers plan to buy 300 Belarus tractors this year"
    assert proposal["proposed_by"] == "Vyacheslav Fedorishchev"


def test_goods_are_not_read_from_a_web_address_nor_named_twice() -> None:
    """ "see http://evil.example/lifts" drafted lifts as an export, beside the elevators the
    sentence offered: an address says nothing of goods, and lifts are elevators."""
    draft = extract(
        met_in_minsk(
            "Turchin proposed to supply Belarusian elevators | see http://evil.example/lifts "
            "to Samara. Belarusian lifts are in demand in the region."
        )
    )
    assert draft.meeting["exports"] == ["elevators"]
    [proposal] = draft.meeting["proposals"]
    assert proposal["title"] == "Supply Belarusian elevators"  # (cut at the "|")


def test_the_building_of_vessels_is_not_the_construction_sector() -> None:
    """ "cooperation in shipbuilding and river transport, including the construction of
    passenger vessels" drafted a construction proposal."""
    draft = extract(
        met_in_minsk(
            "Fedorishchev suggested cooperation in river transport, including the "
            "construction of passenger vessels at the Samara shipyard."
        )
    )
    assert "construction" not in {p["sector"] for p in draft.meeting["proposals"]}
    housing = extract(met_in_minsk("Turchin proposed cooperation in the construction of housing."))
    assert "construction" in {p["sector"] for p in housing.meeting["proposals"]}


def test_their_after_and_is_of_what_came_before() -> None:
    """ "joint production of city buses and their components by MAZ" was titled "Their
    components by MAZ" (cut at "and")."""
    draft = extract(
        met_in_minsk(
            "Turchin proposed to set up joint production of city buses and their components by MAZ."
        )
    )
    titles = [p["title"] for p in draft.meeting["proposals"]]
    assert not any(t.startswith("Their") for t in titles)
    assert "Set up joint production of city buses and their components by MAZ" in titles


def test_the_rules_of_this_round_leave_alone_what_they_are_not_about() -> None:
    """A review of this round's rules found each too broad somewhere: lower-case words taken
    for a speaker, an achieved increase taken for a goal, the sides' speaker carried onto
    the quote after them, and roads for trucks taken for the building of a machine."""
    # a title: "a value added tax exemption" is not "<speaker> added"
    draft = extract(
        met_in_minsk(
            "The governor proposed a value added tax exemption for the joint assembly of tractors."
        )
    )
    assert draft.meeting["proposals"][0]["title"].startswith("A value added tax exemption")
    # an increase reached is a figure, not a goal
    got = find_trade(
        "The Prime Minister of Belarus met the Governor of Omsk Oblast on 1 March 2025.",
        "In 2024 the region managed to increase its trade with Belarus to $320 million.",
    )
    assert [(t["period"], t["usd_millions"]) for t in got] == [("2024", 320.0)]
    # the sides' sentence has no proposer; the quote after it is its speaker's
    draft = extract(
        met_in_minsk(
            "The sides discussed cooperation in agriculture. “We are ready to supply our "
            "tractors and our combines to the region,” Turchin said."
        )
    )
    by = {p["sector"]: p["proposed_by"] for p in draft.meeting["proposals"]}
    assert by["agriculture-food"] == "" and by["agricultural-machinery"] == "Aleksandr Turchin"
    # roads for trucks are construction
    draft = extract(
        met_in_minsk("Turchin proposed to work on the construction of roads for trucks in Samara.")
    )
    assert "construction" in {p["sector"] for p in draft.meeting["proposals"]}


def test_a_short_items_title_reads_as_a_title() -> None:
    """ "From microelectronics, unmanned harvesters and food …" titled its first item
    "Cooperation in From microelectronics", and an item that is cooperation already read
    "Cooperation in industrial cooperation"."""
    draft = extract(
        met_in_minsk(
            "From microelectronics, unmanned harvesters and dairy products – the parties "
            "are ready to work in these areas, Turchin proposed."
        )
    )
    titles = {p["sector"]: p["title"] for p in draft.meeting["proposals"]}
    assert titles["microelectronics"] == "Cooperation in microelectronics"
    draft = extract(
        met_in_minsk("Turchin proposed to expand cooperation, industrial cooperation first.")
    )
    titles = [p["title"] for p in draft.meeting["proposals"]]
    assert titles == ["Industrial cooperation first"]  # (not "Cooperation in industrial …")


def test_a_proposals_detail_leaves_out_the_dateline() -> None:
    """A proposal of the dateline's sentence had its detail begin "MINSK, 14 November 2025
    (BelTA) - ..." (a new user's draft); the date and outlet are read from the dateline
    still."""
    draft = extract(
        "MINSK, 14 November 2025 (BelTA) - Prime Minister of Belarus Aleksandr Turchin met "
        "with Governor of Omsk Oblast Vitaly Khotsenko in Minsk on 13 November to discuss "
        "industrial cooperation."
    )
    (proposal,) = draft.meeting["proposals"]
    assert proposal["detail"].startswith("Prime Minister of Belarus Aleksandr Turchin met")
    assert proposal["title"] == "Industrial cooperation"
    assert draft.meeting["date"] == "2025-11-13" and draft.meeting["source"]["outlet"] == "BelTA"
    assert draft.meeting["place"] == "Minsk"


def test_a_title_leaves_out_who_suggested_or_proposed_it() -> None:
    text = (
        "Belarusian Prime Minister Aleksandr Turchin met with Governor of Omsk Oblast Vitaly "
        "Khotsenko on 13 November 2025. Vitaly Khotsenko suggested joint production of dairy "
        "products. Aleksandr Turchin proposed joint production of tractors."
    )
    titles = [p["title"] for p in extract(text).meeting["proposals"]]
    assert titles and not [t for t in titles if "suggested" in t or "proposed" in t], titles
    assert "Joint production of dairy products" in titles


def test_a_request_to_take_part_is_a_proposal_and_taking_part_is_history() -> None:
    """ "asked Belarusian partners to take part in the construction of ..." was drafted as
    nothing (a new user's article); a past part taken is no proposal."""
    base = (
        "Belarusian Prime Minister Aleksandr Turchin met with Governor of Omsk Oblast Vitaly "
        "Khotsenko on 13 November 2025. "
    )
    asked = extract(
        base + "The governor asked Belarusian companies to take part in the construction of "
        "housing in Omsk."
    )
    assert [(p["sector"], p["title"]) for p in asked.meeting["proposals"]] == [
        ("construction", "The construction of housing in Omsk")
    ]
    done = extract(
        base + "Belarusian companies took part in the construction of housing in Omsk in 2010."
    )
    assert done.meeting["proposals"] == []


_BASHKORTOSTAN = (
    "Belarusian President Aleksandr Lukashenko met with Head of Bashkortostan Radiy Khabirov "
    "on 7 December 2021. "
)


def _figures_in_bashkortostan(
    text: str, fields: tuple[str, ...] = ("period", "usd_millions", "qualifier", "change_pct")
) -> list[tuple[Any, ...]]:
    trade = extract(_BASHKORTOSTAN + text).meeting["trade"]
    return [tuple(t[name] for name in fields) for t in trade]


def test_a_part_years_base_in_the_previous_year_is_not_its_period() -> None:
    """ "in January-September 2021 the bilateral trade shrank by 16% from the same period of
    the previous year to $280 million" was drafted as $280 million in 2020 (a new user's
    real report): the base's year is not the figure's, and shrinking is a fall."""
    assert _figures_in_bashkortostan(
        "In January-September 2021 the bilateral trade shrank by 16% from the same period "
        "of the previous year to $280 million."
    ) == [("2021-01..2021-09", 280.0, "", -16.0)]
    # a change against "the corresponding period of the previous year", no period of its
    # own: not dated to the year before
    # (no period of its own: nothing drafted, rather than a figure of the year before)
    text = "Exports rose by 20 percent compared to the corresponding period of the previous year."
    assert _figures_in_bashkortostan(text) == []
    # a part-year's figure told beside that period a year before, with no comparison word:
    # each its own
    assert _figures_in_bashkortostan(
        "In the first nine months, trade amounted to $300 million, and in the same period "
        "last year it was $250 million."
    ) == [("2021-01..2021-09", 300.0, "", None), ("2020", 250.0, "", None)]


def test_where_a_figure_moved_from_is_not_a_figure_of_the_period() -> None:
    assert _figures_in_bashkortostan(
        "In 2020 the trade grew by 20% from $100 million to $120 million."
    ) == [("2020", 120.0, "", None)]
    # each with a year of its own: two figures
    assert _figures_in_bashkortostan(
        "Trade grew from $100 million in 2019 to $120 million in 2020."
    ) == [
        ("2019", 100.0, "", None),
        ("2020", 120.0, "", None),
    ]


def test_surpassing_and_exceeding_qualify_a_figure_and_a_mark_passed_is_no_figure() -> None:
    assert _figures_in_bashkortostan("In 2020 the trade volume surpassed $1.1 billion.") == [
        ("2020", 1100.0, "surpassed", None)
    ]
    assert _figures_in_bashkortostan(
        "In January-October 2020 the trade increased to exceed $9 billion."
    ) == [("2020-01..2020-10", 9000.0, "exceed", None)]
    assert _figures_in_bashkortostan(
        "In 2020 trade came to $47.8 million, exceeding the $47 million mark."
    ) == [("2020", 47.8, "", None)]
    assert _figures_in_bashkortostan("In 2020 trade exceeded the $500 million mark.") == [
        ("2020", 500.0, "exceeded", None)
    ]


def test_months_told_apart_from_their_year_are_that_years() -> None:
    """ "The turnover for eight months amounted to almost $65 million in 2019" was drafted
    as the whole of 2019."""
    assert _figures_in_bashkortostan(
        "The turnover for eight months amounted to almost $65 million in 2019."
    ) == [("2019-01..2019-08", 65.0, "almost", None)]
    assert _figures_in_bashkortostan("For eight months in 2019 trade amounted to $65 million.") == [
        ("2019-01..2019-08", 65.0, "", None)
    ]


def test_a_figure_of_one_month_is_that_months() -> None:
    """ "In January 2024 alone, mutual trade amounted to $85 million" was dropped (a new
    user's trial): it is the figure of that month. A day's date is no period ("on 12 March
    2024" beside a year's figure)."""
    assert _figures_in_bashkortostan(
        "In January 2024 alone, mutual trade amounted to $85 million."
    ) == [("2024-01", 85.0, "", None)]
    assert _figures_in_bashkortostan(
        "On 12 March 2024 the governor said trade reached $1.2 billion in 2023."
    ) == [("2023", 1200.0, "", None)]


def test_a_day_just_after_the_pages_date_is_that_years() -> None:
    """ "on 3 February" under a page dated 2025-02-01 was drafted as 3 February 2024, a year
    before the page (a saved page of a real report); a day well after it still is the year
    before's ("on 28 December" under 10 January)."""
    meeting = (
        "Belarusian President Aleksandr Lukashenko met with Governor of Khabarovsk Krai "
        "Dmitry Demeshin on {}."
    )
    early = extract("Published: 2025-02-01\n" + meeting.format("3 February"))
    assert early.meeting["date"] == "2025-02-03"
    late = extract("Published: 2025-01-10\n" + meeting.format("28 December"))
    assert late.meeting["date"] == "2024-12-28"


def test_space_as_room_is_not_the_space_sector() -> None:
    """ "there is much space for further cooperation" was drafted as a space and aviation
    proposal of the governor's (a real report)."""
    base = (
        "Belarusian President Aleksandr Lukashenko met with Governor of Kurgan Oblast Alexei "
        "Kokorin on 13 October 2016. "
    )
    assert _sectors_of_text(base + "There is much space for further cooperation.") == set()
    assert "space-aviation" not in _sectors_of_text(
        base + "We propose to develop the common economic space and cooperate in agriculture."
    )
    assert "space-aviation" in _sectors_of_text(
        base + "We could cooperate in the space industry and in satellites."
    )


def test_goods_we_began_to_buy_are_imports_each_whole() -> None:
    """ "We began to buy more sunflower oil, copper wire, and bearings" (Lukashenko, of the
    region's goods) was drafted as Belarusian exports, with "copper wire" in two."""
    draft = extract(
        "Belarusian President Aleksandr Lukashenko met with Governor of Samara Oblast Dmitry "
        "Azarov on 5 August 2022. We began to buy more sunflower oil, copper wire, and bearings."
    )
    assert draft.meeting["imports"] == ["sunflower oil", "copper wire", "bearings"]
    assert draft.meeting["exports"] == []
    # "from you" is whom they are bought from, no good
    more = extract(
        "Belarusian President Aleksandr Lukashenko met with Governor of Samara Oblast Dmitry "
        "Azarov on 5 August 2022. This is not a complete list of products that we could "
        "purchase from you."
    )
    assert more.meeting["imports"] == [] and more.meeting["exports"] == []


def test_a_fall_by_half_is_a_change_of_its_own_year_and_dates_the_meeting() -> None:
    """ "the bilateral trade was rather high in 2013, but it fell by one half in 2014": a
    real report's meeting "on 23 March" got no year, and no figure was drafted. The fall is
    2014's (not 2013's), -50%, and 2014 is a finished year."""
    draft = extract(
        "Belarusian President Aleksandr Lukashenko met with Governor of Orenburg Oblast Yuri "
        "Berg on 23 March. The bilateral trade was rather high in 2013, but it fell by one "
        "half in 2014."
    )
    assert draft.meeting["date"] == "2015-03-23"
    assert [(t["period"], t["change_pct"]) for t in draft.meeting["trade"]] == [("2014", -50.0)]
    # a base in the change's clause is not its period ("30% up over the high-record 2022")
    assert [
        t["period"]
        for t in extract(
            "Belarusian President Aleksandr Lukashenko met with Governor of Stavropol Krai "
            "Vladimir Vladimirov on 6 November 2023. The trade results of the first eight months "
            "of 2023 are encouraging: 30% up over the high-record 2022."
        ).meeting["trade"]
    ] == ["2023-01..2023-08"]


def test_a_percentage_in_words_is_a_change() -> None:
    """ "was close to $700m and increased by almost four percent" was drafted without its
    change (a real report)."""
    assert _figures_in_bashkortostan(
        "In 2020 the trade was close to $700m and increased by almost four percent."
    ) == [("2020", 700.0, "close to", 4.0)]
    assert _figures_in_bashkortostan("In 2020 exports grew by twenty per cent.") == [
        ("2020", None, "", 20.0)
    ]


def test_supply_chains_told_of_propose_nothing() -> None:
    """ "the favorable location of Moscow Oblast, which makes the region a kind of logistics
    hub and a central point for regional supply chains" was drafted as a logistics proposal
    (a real report): "supply chains" is no offer to supply."""
    base = (
        "Belarusian President Aleksandr Lukashenko met with Governor of Moscow Oblast Andrei "
        "Vorobyov on 18 December 2023. "
    )
    told = (
        "Such a robust trade is largely attributed to the favorable location of Moscow "
        "Oblast, which makes the region a kind of logistics hub and a central point for "
        "regional supply chains."
    )
    assert _sectors_of_text(base + told) == set()
    assert _sectors_of_text(base + "We could supply buses to the region.") == {"public-transport"}


def _trade_of(text: str) -> list[tuple[Any, ...]]:
    return _figures_in_bashkortostan(text, ("period", "metric", "usd_millions", "change_pct"))


def test_the_rules_of_this_round_stay_within_their_cases() -> None:
    """What a review of the round's rules tried: each rule kept to what it was made for."""
    # a figure moved "from ... to ..." keeps its own metric and year, not an earlier one's
    assert _trade_of(
        "In 2023 the region's exports to Belarus went from $80 million to $95 million, and "
        "Belarusian exports went from $200 million to $240 million."
    ) == [("2023", "imports", 95.0, None), ("2023", "exports", 240.0, None)]
    assert _trade_of(
        "In 2019 Belarusian exports went from $200 million to $240 million, and in 2020 "
        "imports went from $80 million to $95 million."
    ) == [("2019", "exports", 240.0, None), ("2020", "imports", 95.0, None)]
    # a figure at a level is a figure ("mark" is a threshold passed; "level" is where it is)
    assert _trade_of(
        "In 2020 Belarusian exports to the region amounted to $300 million, while imports "
        "remained at the $120 million level."
    ) == [("2020", "exports", 300.0, None), ("2020", "imports", 120.0, None)]
    # months not told as the figure's own period
    assert _trade_of(
        "Although exports stalled over the last two months, trade amounted to $300 million in 2020."
    ) == [("2020", "turnover", 300.0, None)]
    assert _trade_of(
        "Trade has grown for six months in a row and exceeded $300 million in 2020."
    ) == [("2020", "turnover", 300.0, None)]
    # a percentage in words of two words
    assert _trade_of("In 2020 trade grew by forty-five per cent.") == [
        ("2020", "turnover", None, 45.0)
    ]
    assert _trade_of("In 2020 trade grew by thirty two percent.") == [
        ("2020", "turnover", None, 32.0)
    ]


def test_the_rules_of_this_round_leave_dates_and_proposals_alone_elsewhere() -> None:
    meeting = (
        "Belarusian President Aleksandr Lukashenko met with Governor of Omsk Oblast Vitaly "
        "Khotsenko on {}. "
    )
    # a plant built in months, a year in another sentence: no part of that year reported
    assert (
        extract(
            meeting.format("23 June") + "The dairy plant was built in three months. A new one "
            "is planned for 2026."
        ).meeting["date"]
        == ""
    )
    # "half-built" is no fall by half
    assert (
        extract(meeting.format("23 March") + "The new elevator was half-built in 2024.").meeting[
            "date"
        ]
        == ""
    )
    # "on 3 January" under a page of 30 December: the next January
    assert (
        extract("Published: 2025-12-30\n" + meeting.format("3 January")).meeting["date"]
        == "2026-01-03"
    )
    # being asked a question proposes nothing
    for text in (
        "When asked about the elevator, the governor said the construction was nearly complete.",
        "The governor was asked whether the dairy plant would open this year.",
    ):
        assert extract(meeting.format("23 June 2024") + text).meeting["proposals"] == []


@pytest.mark.parametrize(
    ("where", "place"),
    [
        ("in Omsk", "Omsk"),  # a city that gives its oblast its name
        ("in Krasnodar", "Krasnodar"),  # ... or its krai
        ("in St Petersburg", "St Petersburg"),  # a federal city
        ("in Minsk", "Minsk"),
        ("in Tatarstan", ""),  # a republic: no city
        ("in Sakhalin", ""),  # an island and an oblast, no city of that name
    ],
)
def test_a_city_named_like_its_region_is_the_place(where: str, place: str) -> None:
    """ "met with ... in Omsk on 14 March 2024" left the place empty: Omsk names a region too
    (found trying a press release in a fresh install)."""
    text = (
        "Belarusian Deputy Prime Minister Viktor Karankevich met with the Governor of Omsk "
        f"Oblast Vitaly Khotsenko {where} on 14 March 2024."
    )
    assert extract(text).meeting["place"] == place


def test_a_post_set_off_by_a_comma_says_whose_the_next_post_is() -> None:
    """ "... and Deputy Chairman of the Cabinet of Ministers of Russia's Chuvashia Republic,
    Agriculture Minister Sergei Artamonov" (tuning report 147): the first post makes him the
    region's, so the guest; not where the comma follows another person's name ("At a meeting
    with Kaluga Region's Governor Anatoly Artamonov, Deputy Minister of Architecture and
    Construction Dmitry Semenkevich": tuning report 168's Belarusian host)."""
    chuvashia = (
        "Cooperation was discussed at a meeting of Belarusian Agriculture and Food Minister "
        "Anatoly Linevich and Deputy Chairman of the Cabinet of Ministers of Russia's Chuvashia "
        "Republic, Agriculture Minister Sergei Artamonov, the ministry told BelTA."
    )
    sides = {p.name: p.side for p in find_people(chuvashia, None)}
    assert sides == {"Anatoly Linevich": "belarus", "Sergei Artamonov": "russia"}
    kaluga = (
        "At a meeting with Kaluga Region's Governor Anatoly Artamonov, Deputy Minister of "
        "Architecture and Construction Dmitry Semenkevich expressed great interest."
    )
    assert {p.name: p.side for p in find_people(kaluga, None)}["Dmitry Semenkevich"] != "russia"


def test_a_country_or_a_possessive_is_no_place_of_the_meeting() -> None:
    """ "Penza Oblast holds a special place in Belarus' relations ..., Lukashenko said as he
    met with ..." gave the place "Belarus" (a real report)."""
    said = (
        "Penza Oblast holds a special place in Belarus' relations with Russian regions, "
        "Belarusian President Aleksandr Lukashenko said as he met with Penza Oblast Governor "
        "Oleg Melnichenko on 31 March 2022."
    )
    assert extract(said).meeting["place"] == ""
    met = (
        "Belarusian President Aleksandr Lukashenko met with Penza Oblast Governor Oleg "
        "Melnichenko in Russia, in Moscow, on 31 March 2022."
    )
    assert extract(met).meeting["place"] == "Moscow"


# --- round of 2026-12-06: from the tuning reports of the ninth batch ------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # parts for a machine: the parts are the good, not the machines they are for
        (
            "Components and aggregates for heavy BelAZ trucks, MTZ tractors, and other "
            "Belarusian agricultural machines are assembled in the region.",
            ([], []),
        ),
        ("The region produces many parts for Belarusian cars.", ([], [])),
        ("Belarus supplies spare parts for tractors to the region.", (["spare parts"], [])),
        # ... and no further: what follows the machines, another clause, work to be done
        (
            "The region buys components for MTZ tractors and also milk powder and cheese from "
            "Belarus.",
            (["components", "milk powder", "cheese"], []),
        ),
        (
            "Tomsk enterprises supply components for MAZ trucks, and Belarus supplies buses and "
            "elevators to the region.",
            (["buses", "elevators"], []),
        ),
        (
            "Belarus will supply components for the assembly of buses to the region.",
            (["components", "buses"], []),
        ),
        # how much is no part of a good, and "your goods" names none
        ("At the same time we buy a great deal of your goods.", ([], [])),
        (
            "Belarus buys a great deal of grain and plenty of timber from the region.",
            ([], ["grain", "timber"]),
        ),
        # "in demand" with no word of how great: goods by name only
        (
            "Engineering products will be in demand in the region. They are in demand.",
            (["Engineering products"], []),
        ),
        # in demand in Belarus: Belarus buys
        ("Russian oil products are in demand in Belarus.", ([], ["Russian oil products"])),
    ],
)
def test_parts_for_a_machine_how_much_and_plain_demand(
    sentence: str, expected: tuple[list[str], list[str]]
) -> None:
    assert _goods(sentence) == expected


def test_whose_and_a_governments_body_are_no_enterprises() -> None:
    got = _enterprises(
        "“Our holding company Belstankoinstrument may be very much interested in tight "
        "cooperation with this emerging machine tool cluster,” the President said."
    )
    assert got == {"machine-tools": ["Belstankoinstrument"]}
    got = _enterprises(
        "An agreement on industrial cooperation was signed between the 558th Aircraft Repair "
        "Plant and the Department of Sport and Tourism of Brest Regional Executive Committee."
    )
    assert got == {"industrial-cooperation": ["558th Aircraft Repair Plant"]}


def test_a_plans_title_in_the_diplomatic_formula_names_no_sector() -> None:
    plan = (
        "The governors signed the plan of cooperation in trade, economy, science and a "
        "humanitarian sphere for 2013 between Smolensk region and Mogilev region."
    )
    assert _sectors(plan) == set()
    # areas the sides said they would work on still are
    assert _sectors("The sides agreed to develop cooperation in science and culture.") == {
        "science-technology",
        "culture-youth",
    }


def test_a_member_of_russias_parliament_is_the_regions_and_a_speaker_at_a_meeting_hosts() -> None:
    senator = (
        "Chairman of the Council of the Republic Natalia Kochanova met today with senators "
        "from Krasnodar Region.\n\nVladimir Beketov, member of the Federation Council "
        "Committee on Science, Education and Culture:\n\n“Engineering products will be in "
        "demand in our region.”"
    )
    assert _host_and_guest(senator) == ("Natalia Kochanova", "Vladimir Beketov")
    said = (
        "Parliamentarians should speak up louder. This was stated today by Natalia Kochanova "
        "at a meeting with the delegation of the Legislative Assembly of Nizhny Novgorod "
        "Region. The region is interested in cooperation in agriculture."
    )
    assert _host_and_guest(said)[0] == "Natalia Kochanova"
    # someone of the region "at a meeting with" is not the host
    theirs = (
        "Governor of Tomsk Oblast Pavel Sidorov spoke about it at a meeting with the "
        "Belarusian delegation. Pavel Sidorov at a meeting with the delegation proposed joint "
        "projects in agriculture."
    )
    assert _host_and_guest(theirs)[0] != "Pavel Sidorov"
    # nor is one meeting "the guests", nor one named where a titled Belarusian is
    guests = (
        "A Belarusian delegation visited Smolensk on 12 March 2024. Vasily Anokhin at a "
        "meeting with the guests noted the importance of agriculture."
    )
    assert _host_and_guest(guests)[0] is None
    titled = (
        "A delegation of Tomsk Oblast arrived in Minsk on 12 March 2024. Vladimir Mazur at a "
        "meeting with the governor of Tomsk Oblast spoke about agriculture. Deputy Prime "
        "Minister of Belarus Viktor Karankevich noted the importance of cooperation."
    )
    assert _host_and_guest(titled)[0] == "Viktor Karankevich"


@pytest.mark.parametrize(
    ("sentence", "sectors"),
    [
        (
            "Research and educational institutions of the two regions will develop cooperation.",
            {"science-technology", "education"},
        ),
        (
            "Belarusian farmers are ready to help their colleagues in the region.",
            {"agriculture-food"},
        ),
        # (not as those who receive something, nor a market's name)
        (
            "Medical and educational institutions of Tomsk will receive Belarusian buses.",
            {"public-transport"},
        ),
        ("Farmers' markets of Tomsk will be interested in Belarusian trams.", {"public-transport"}),
        # experience the sides already have is no proposal
        (
            "We already have considerable experience of cooperation in mechanical engineering, "
            "agriculture, and other branches.",
            set(),
        ),
    ],
)
def test_educational_institutions_and_farmers_name_their_sectors(
    sentence: str, sectors: set[str]
) -> None:
    assert _sectors(sentence) == sectors


# --- round of 2026-12-06: from the tuning reports of the tenth batch ------------------------


def test_a_day_written_beside_a_page_date_is_the_meetings() -> None:
    """ "On July 8, ..." under a page dated 7 July 2025 was given the page's date; a day
    written is the meeting's, in the page's year (the page's own day, or none written, is
    still the page's date)."""
    text = (
        "date 2025-07-07 The second day of the exhibition was busy. On July 8, the Belarusian "
        "Deputy Prime Minister held a meeting with the governor of Sverdlovsk Oblast."
    )
    assert extract(text).meeting["date"] == "2025-07-08"
    same = text.replace("On July 8", "On July 7")
    assert extract(same).meeting["date"] == "2025-07-07"
    none = text.replace("On July 8, the", "The")
    assert extract(none).meeting["date"] == "2025-07-07"
    # a day far from the page's date is no reason to doubt the page (a site's placeholder
    # date is told by the years the text speaks of)
    far = text.replace("On July 8", "On 8 March")
    assert extract(far).meeting["date"] == "2025-07-07"


def test_a_date_a_site_puts_on_pages_of_any_year_is_not_the_meetings() -> None:
    """news.by's English pages show " date 2019-12-13" over reports of 2022-2025: read from
    that site, the line dates nothing (the draft asks for the date and says why); the same
    line from another site, and news.by's other dates, still date the meeting."""
    text = (
        "date 2019-12-13 The working week of the President of Belarus began with talks with "
        "the governor of Orel Region. Belarusian President Aleksandr Lukashenko met with "
        "Governor Andrei Klychkov at the Palace of Independence."
    )
    news_by = "https://news.by/eng/news/ekonomika/prezident_belarusi_gubernatoru"
    draft = extract(text, url=news_by)
    assert draft.meeting["date"] == ""
    assert "date" in draft.missing
    assert any("2019-12-13" in flag and "news.by" in flag for flag in draft.flags)
    for same_site in ("HTTPS://NEWS.BY/eng/x", "https://news.by:443/x", "https://m.news.by/x"):
        assert extract(text, url=same_site).meeting["date"] == "", same_site
    assert extract(text, url="https://www.sb.by/en/talks.html").meeting["date"] == "2019-12-13"
    assert extract(text, url="https://fakenews.by/x").meeting["date"] == "2019-12-13"
    assert extract(text).meeting["date"] == "2019-12-13"  # (no address: no site to know)
    later = text.replace("2019-12-13", "2025-07-14")
    assert extract(later, url=news_by).meeting["date"] == "2025-07-14"


def test_the_day_a_meeting_was_held_is_not_the_datelines() -> None:
    text = (
        "07 February 2024, 14:30\n\nMINSK, 7 February (BelTA) - Belarus and Russia's Kamchatka "
        "Territory outlined priorities for cooperation at the second meeting of the working "
        "group on cooperation held in Minsk on 6 February, BelTA has learned.\n\nThe meeting "
        "was attended by Belarusian Minister of Trade Aleksei Bogdanov."
    )
    assert extract(text).meeting["date"] == "2024-02-06"


def test_a_ministrys_two_fields_are_one_post_a_mayor_of_minsk_and_a_co_chair_host() -> None:
    minister = (
        "Cooperation was discussed during a videoconference meeting of Belarusian Agriculture "
        "and Food Minister Anatoly Linevich and Governor of Chuvashia Oleg Nikolayev."
    )
    people = extract(minister).meeting["participants"]
    host = next(p for p in people if p["role"] == "host")
    assert (host["name"], host["title"]) == (
        "Anatoly Linevich",
        "Agriculture and Food Minister of Belarus",
    )
    # (an "and" between two people still parts them)
    from coopbrowse.store.extract.people import find_people

    titles = {
        p.name: p.title for p in find_people("Ivan Petrov and Food Minister Oleg Sidorov.", None)
    }
    assert titles == {"Oleg Sidorov": "Food Minister"}
    mayor = (
        "One of the central events will be a meeting between Minsk Mayor Andrei Shorets and "
        "St. Petersburg Governor Georgy Poltavchenko."
    )
    assert _host_and_guest(mayor) == ("Andrei Shorets", "Georgy Poltavchenko")
    chaired = (
        "Minsk is hosting a meeting of the working group on cooperation with Ulyanovsk Oblast "
        "on 6 October 2023. The meeting is co-chaired by Vladimir Kukharev and Ulyanovsk "
        "Oblast Governor Alexei Russkikh. In other news, Belarusian President Aleksandr "
        "Lukashenko said the harvest was good."
    )
    assert _host_and_guest(chaired) == ("Vladimir Kukharev", "Alexei Russkikh")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a supply Belarus needs it buys; "both" is no part of a good
        (
            "We know that Belarus needs to increase the supply of raw fish, both white fish "
            "and salmon.",
            ([], ["raw fish", "white fish", "salmon"]),
        ),
        # "ones" points at a good named before
        (
            "Companies in the Russian region are ready to supply Belarus with fish products, "
            "including ready-made ones.",
            ([], ["fish products"]),
        ),
        # the region as the sentence's subject imports: Belarus sells
        (
            "The Novosibirsk region of Russia intends to develop cooperation with Belarus in "
            "such areas as the import of elevators, tires for heavy equipment, and food.",
            (["elevators", "tires", "food"], []),
        ),
        # (the import of a good with no subject of the region's is still Belarus's)
        ("The sides discussed the import of grain from the region.", ([], ["grain"])),
    ],
)
def test_a_supply_belarus_needs_and_a_regions_import(
    sentence: str, expected: tuple[list[str], list[str]]
) -> None:
    assert _goods(sentence) == expected


def test_cooperation_the_sides_maintain_is_no_proposal() -> None:
    kept = (
        "“We maintain comprehensive cooperation not only in social spheres but also in "
        "education, healthcare, and culture,” he said."
    )
    assert _sectors(kept) == set()
    assert _sectors("We propose cooperation in education and healthcare.") == {
        "education",
        "healthcare",
    }


# --- from a review of the tenth batch's rules, and the eleventh batch's tuning reports ------


@pytest.mark.parametrize(
    "text",
    [
        # a day of another event in the sentences after the meeting's
        "date 2025-07-20\n\nTula Oblast Governor Alexei Dyumin met with Belarusian Prime "
        "Minister Roman Golovchenko in Minsk. The sides discussed implementing the agreements "
        "reached on 8 July at the Forum of Regions.",
        "date 2025-07-07\n\nTula Oblast Governor Alexei Dyumin met with Belarusian Prime "
        "Minister Roman Golovchenko in Minsk today. They discussed the Forum of Regions, which "
        "will open on 10 July in Nizhny Novgorod.",
        # an earlier meeting held on a day
        "date 2025-05-20\n\nTomsk Oblast Governor Ivan Petrov met with Belarusian Prime "
        "Minister Roman Golovchenko. The second meeting, held in Minsk on 5 May, resulted in "
        "a roadmap.",
    ],
)
def test_another_events_day_is_not_the_meetings(text: str) -> None:
    assert extract(text).meeting["date"] == text[5:15]


def test_a_session_held_on_a_day_in_passing_is_not_the_meetings() -> None:
    text = (
        "MINSK, 20 May 2025 (BelTA) - Tomsk Oblast Governor Ivan Petrov met with Belarusian "
        "Prime Minister Roman Golovchenko today. The sides reviewed the agreements signed at "
        "the session of the intergovernmental commission held in Kazan on 12 May."
    )
    assert extract(text).meeting["date"] == "2025-05-20"


def test_co_chairs_and_posts_sorted_by_side_not_by_order() -> None:
    # the second co-chair Belarus's: the rule does not apply
    belarus_second = (
        "The meeting on 5 May 2024 is co-chaired by Alexei Russkikh and Vladimir Kukharev, "
        "Head of the Mogilev Oblast Executive Committee."
    )
    assert _host_and_guest(belarus_second)[0] != "Alexei Russkikh"
    # a whole post before "and" is not a ministry's two fields
    from coopbrowse.store.extract.people import find_people

    [dyumin] = find_people(
        "The talks were held between the Belarusian Minister of Health and Tula Governor "
        "Alexei Dyumin.",
        None,
    )
    assert dyumin.side == "russia"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Belarus's own goods to another market are no supply it needs
        (
            "Belarus needs to increase the supply of its tractors to the Russian market.",
            (["tractors"], []),
        ),
        (
            "Our country needs to expand the supply of trucks and buses to Russian regions.",
            (["trucks", "buses"], []),
        ),
        # a second clause of Belarus's buying
        (
            "The Tomsk region has a developed timber industry, and Belarus is interested in the "
            "import of timber.",
            ([], ["timber"]),
        ),
    ],
)
def test_belarus_selling_or_buying_in_a_clause_of_its_own(
    sentence: str, expected: tuple[list[str], list[str]]
) -> None:
    assert _goods(sentence) == expected


def test_cooperation_maintained_then_proposed_is_a_proposal() -> None:
    assert _sectors(
        "We maintain close ties with Belarus and propose to expand cooperation in agriculture "
        "and education."
    ) == {"agriculture-food", "education"}


def test_a_visits_days_heading_the_report_and_a_regional_council_of_belarus() -> None:
    text = (
        "July 5-7, 2024, Chairman of the Legislative Assembly of the Omsk Region Alexander "
        "Artemov was on a working visit to the Mogilev Region of the Republic of Belarus. As "
        "part of the trip, a meeting was held between the Speaker of Parliament and the "
        "Chairman of the Mogilev Regional Council of Deputies, Alexander Goroshkin. On 25 "
        "March 2024 the governor took part in a meeting with Alexander Lukashenko."
    )
    draft = extract(text).meeting
    assert draft["date"] == "2024-07-05"
    assert _host_and_guest(text) == ("Alexander Goroshkin", "Alexander Artemov")


def test_the_host_is_never_the_guest_too() -> None:
    """A machine-translated report drafted the Belarusian minister as both sides: the host by
    his title, the guest as the head of a delegation."""
    text = (
        "30 June 2009, 17:59\n\nPresident RB Ivan Sidorov has met with Byelorussian Minister "
        "of architecture and building\n\nOn June 30 President RB Ivan Sidorov has held a "
        "meeting with Minister of architecture and building of Republic of Belarus Petr Orlov, "
        "who arrived in Ufa at the head of official delegation of Byelorussia to discuss the "
        "issues of cooperation with Bashkortostan.\n"
    )
    host, guest = _host_and_guest(text)
    assert host == "Petr Orlov"
    assert guest != host


def test_a_name_given_by_its_initials_is_a_name() -> None:
    """ "the Deputy Chairman of Minsk Executive Committee Yu.V. Trushchenko" (a Russian city's
    English page) named no one: initials are a first name, kept as written."""
    from coopbrowse.store.extract.people import find_people

    text = (
        "On April 06, 2021, an online meeting of representatives of the Murmansk city "
        "administration with the Deputy Chairman of Minsk Executive Committee Yu.V. "
        "Trushchenko took place. Governor of Murmansk Oblast A. Chibis joined it."
    )
    people = {p.name: p.side for p in find_people(text, None)}
    assert people == {"Yu.V. Trushchenko": "belarus", "A. Chibis": "russia"}
    # (not "St." before a city's name, nor an abbreviation before a post)
    beglov = find_people("Governor of St. Petersburg Alexander Beglov met him.", None)
    assert [(p.name, p.title) for p in beglov] == [
        ("Alexander Beglov", "Governor of Saint Petersburg")
    ]
    # initials read as a word never run a title over an abbreviation, make a name of a
    # body's, nor leave a middle or a surname's initials as a name (from a review)
    for text in (
        "The Russian Ambassador to the U.S. Anatoly Antonov took part.",
        "Head of the R.F. Government Office Dmitry Grigorenko attended.",
        "Rector of the P.M. Masherov Vitebsk State University Yevgeny Ivanov met him.",
        "Director General of the S.M. Kirov Plant Ivan Petrov attended.",
        "Governor of Tula Oblast Alexei G. Dyumin arrived in Minsk.",
    ):
        assert all("xx" not in p.name + p.title for p in find_people(text, None)), text
        assert not any(
            p.name.endswith(("Masherov Vitebsk", "G. Dyumin")) for p in find_people(text, None)
        )
    krutoi = find_people(
        "The Governor of Omsk Oblast said the region has a plan B. Belarusian Ambassador "
        "Dmitry Krutoi agreed.",
        None,
    )
    assert [(p.name, p.title) for p in krutoi] == [("Dmitry Krutoi", "Ambassador of Belarus")]


# --- round of 2026-12-06 (sixteenth session): dates of reports told as done -----------------


_DONE_REST = " The sides discussed supplies of tractors and joint production of buses."


@pytest.mark.parametrize(
    "lead",
    [
        "Governor of Tula Oblast Ivan Petrov was received by Belarus President Alexander "
        "Lukashenko.",
        "A delegation of Tula Oblast led by Governor Ivan Petrov is visiting Minsk. Belarus "
        "President Alexander Lukashenko received the guests.",
        "Belarus Prime Minister Roman Golovchenko and Governor of Tula Oblast Ivan Petrov signed "
        "a roadmap in Minsk.",
        "The Tula Oblast delegation headed by Governor Ivan Petrov visited Minsk.",
    ],
)
def test_a_meeting_told_as_done_under_a_page_date_is_that_days(lead: str) -> None:
    """A report that tells the meeting as done ("was received by", "received the guests",
    "X and Y signed", "discussed") and gives no day of its own is the page's day's news, as
    a report saying "met with" is."""
    text = f"Belarus and Tula Oblast to boost cooperation\n15 March 2019\n{lead}{_DONE_REST}\n"
    meeting = extract(text).meeting
    assert meeting["date"] == "2019-03-15"
    assert "page's date" in meeting["date_note"]


@pytest.mark.parametrize(
    "body",
    [
        "Governor Ivan Petrov will pay a visit to Minsk next week. Supplies of tractors will be "
        "discussed.",
        "The document is to be signed during the visit of Governor Ivan Petrov to Minsk.",
        "Belarus and Tula Oblast are carrying out the roadmap signed during the Forum of Regions. "
        "Belarus supplies tractors to the region.",
        "What do the agreements that Belarus and Russian regions signed give the economy?",
        "Last year Belarus and Tula Oblast signed a roadmap. Now they are carrying it out.",
        "The sides discussed the roadmap last autumn in Tula. Since then trade has grown.",
        "The roadmap of Belarus and Tula Oblast has not yet been signed.",
        "Alexander Lukashenko signed a decree on support for exporters to Tula Oblast.",
    ],
)
def test_what_was_done_another_day_or_is_to_come_is_not_the_pages_day(body: str) -> None:
    """(From a review) an announcement, a report of an older agreement, an analysis, a
    negation or a decree is no news of a meeting on the page's day."""
    text = f"Belarus and Tula Oblast: cooperation\n15 March 2019\n{body}\n"
    assert not extract(text).meeting["date"]


def test_a_meeting_to_come_or_told_with_a_year_is_not_the_pages_day() -> None:
    to_come = (
        "Belarus and Tula Oblast to boost cooperation\n15 March 2019\nBelarus President "
        "Alexander Lukashenko will meet with Governor of Tula Oblast Ivan Petrov. They will "
        "discuss tractors.\n"
    )
    assert not extract(to_come).meeting["date"]
    # (what was signed in another year is no news of the page's day)
    earlier = (
        "Belarus and Tula Oblast to boost cooperation\n15 March 2019\nThe roadmap Belarus and "
        "Tula Oblast signed in 2015 is being carried out. Belarus will supply tractors to the "
        "region.\n"
    )
    assert not extract(earlier).meeting["date"]


@pytest.mark.parametrize(
    ("sentence", "goods"),
    [
        ("Belarus offers the region supplies of tractors and dairy products.",
         ["tractors", "dairy products"]),
        ("Belarus offered Tula Oblast tractors and harvesters.", ["tractors", "harvesters"]),
        ("Belarus offers Tula Oblast supplies of buses, food and cooperation in farming.",
         ["buses", "food"]),
        ("Belarus is interested in supplying them with tractors, spare parts as well.",
         ["tractors", "spare parts"]),
        ("Belarus could supply buses as well.", ["buses"]),
        ("Belarus supplies Tula Oblast enterprises with components.", ["components"]),
        ("Belarus supplies agricultural enterprises with tractors.", ["tractors"]),
        # (from a review) a region's name in capitals only, and a region's indeed
        ("Belarus could supply cold region tyres.", ["cold region tyres"]),
        ("Belarus could supply Central Region Bank equipment.", ["Central Region Bank equipment"]),
    ],
)  # fmt: skip
def test_a_goods_recipient_and_the_words_of_trading_are_no_part_of_it(
    sentence: str, goods: list[str]
) -> None:
    """ "offers Tula Oblast supplies of equipment" drafted the good "Tula Oblast supplies of
    equipment", and "spare parts as well" kept "as well": whom to, the trading that brings
    it and a closing "as well" are not what is traded."""
    text = (
        "Alexander Lukashenko met with Governor of Tula Oblast Ivan Petrov in Minsk on 5 March "
        f"2020. {sentence}"
    )
    assert extract(text).meeting["exports"] == goods


def test_the_speaker_after_at_a_meeting_with_the_regions_head_is_the_host() -> None:
    """ "At a meeting with Kaluga Region's Governor Anatoly Artamonov, Deputy Minister of
    Architecture and Construction Dmitry Semenkevich expressed ...": the speaker, named with
    a post of no country, meets the region's head for Belarus."""
    lead = "At a meeting with Kaluga Region's Governor Anatoly Artamonov, "
    rest = " said Belarus is ready to supply buses."

    def sides(text: str) -> list[tuple[str, str]]:
        people = extract(text).meeting["participants"]
        return [(p["name"], p["role"]) for p in people if p["role"] != "mentioned"]

    host = sides(f"{lead}Deputy Minister of Architecture and Construction Dmitry Semenkevich{rest}")
    assert host == [("Dmitry Semenkevich", "host"), ("Anatoly Artamonov", "guest")]
    # not one of the region's or Russia's, nor after a meeting with Belarus's side
    for text in (
        f"{lead}Deputy Governor Ivan Petrov{rest}",
        f"{lead}Russian Deputy Minister of Industry Viktor Yevtukhov{rest}",
        "At a meeting with the Belarusian delegation, Minister of Industry Pyotr Ivanov said "
        "Kaluga Region is ready to buy buses.",
    ):
        assert all(role != "host" for _name, role in sides(text)), text


def test_a_preposition_opening_the_sentence_and_the_army_are_no_part_of_an_enterprise() -> None:
    """ "At the Krasnoye Sormovo Plant, ..." drafted the enterprise "At the Krasnoye Sormovo
    Plant", and "the Belarusian Armed Forces" one called "Armed"."""
    assert find_enterprises("At the Krasnoye Sormovo Plant, the guests saw ships.") == [
        "Krasnoye Sormovo Plant"
    ]
    assert find_enterprises("From Gomselmash, harvesters will come.") == ["Gomselmash"]
    assert find_enterprises("They discussed the readiness of the Belarusian Armed Forces.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "They discussed concrete forms of cooperation in detail.",
        "The sides agreed on concrete ways to work together.",
        "We set concrete goals and concrete targets for next year.",
    ],
)
def test_concrete_meaning_specific_is_no_building_material(sentence: str) -> None:
    """ "they discussed concrete forms of cooperation" was drafted as a construction
    proposal; the material is: "supply concrete and cement"."""
    assert not any(s == "construction" for s, *_ in sector_matches(sentence))
    material = sector_matches("Belarus could supply concrete to the region.")
    assert [s for s, *_ in material] == ["construction"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The protocol provides for industrial collaboration between the two regions.",
        "He proposed to continue cooperation in the field of industrial production.",
        "The sides are interested in cooperation in the manufacturing industry.",
        "We are prepared to investigate wood processing and the production sector.",
    ],
)
def test_industrial_cooperation_by_the_name_of_its_field(sentence: str) -> None:
    """ "industrial collaboration", "industrial production", "the manufacturing industry",
    "wood processing" name the field of industrial cooperation."""
    assert "industrial-cooperation" in {s for s, *_ in sector_matches(sentence)}


def test_mechanical_engineering_is_machine_building() -> None:
    """Machine building is the automotive sector's ("Automotive and machine building" in
    store/taxonomy.py), and "mechanical engineering" is its other name: "import substitution
    in mechanical engineering" was drafted as machinery and equipment."""
    for sentence in (
        "Belarus offers its expertise in mechanical engineering.",
        "Cooperation in machine building is promising.",
    ):
        sectors = {s for s, *_ in sector_matches(sentence)}
        assert "automotive" in sectors and "machinery-equipment" not in sectors, sentence
    # (what it makes is machinery: "mechanical engineering products", "engineering goods")
    for sentence in (
        "Belarus supplies mechanical engineering products to the region.",
        "Belarus exports engineering goods.",
    ):
        assert {s for s, *_ in sector_matches(sentence)} == {"machinery-equipment"}, sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "He proposed to continue business development and an increase in export volumes.",
        "Our task is to strengthen these ties and increase our presence in the market of the "
        "region.",
        "The sides see reserves for further growth of trade turnover.",
    ],
)
def test_growing_exports_or_a_market_presence_is_a_trade_aim(sentence: str) -> None:
    assert "trade-finance" in {s for s, *_ in sector_matches(sentence)}
    # (exports of a good named are that good's: "an increase in exports of tractors")
    tractors = {s for s, *_ in sector_matches("We agreed on an increase in exports of tractors.")}
    assert "trade-finance" not in tractors


@pytest.mark.parametrize(
    "sentence",
    [
        "During the meeting, the parties discussed prospects for further cooperation and issues "
        "of implementing joint projects.",
        "The commission will be a working body in charge of joint projects.",
    ],
)
def test_joint_projects_of_no_kind_are_no_sector(sentence: str) -> None:
    """ "joint projects" said of nothing in particular named industrial cooperation; the
    labels give it no sector (joint production, ventures and assembly still name it)."""
    text = (
        "Alexander Lukashenko met with Governor of Tula Oblast Ivan Petrov in Minsk on 5 March "
        f"2020. {sentence}"
    )
    assert extract(text).meeting["proposals"] == []
    venture = {s for s, *_ in sector_matches("We propose a joint venture in the region.")}
    assert "industrial-cooperation" in venture


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 8 thousand enterprises of Belarus and Russia are connected by production "
        "cooperation.",
        "Active cooperation ties were established in the field of transport.",
        "Additionally, a joint venture producing hydraulic equipment operates in Belarus.",
        "We have about 1,000 joint ventures and we are working in tourism and construction.",
        "We mainly cooperate in manufacturing industry, agriculture and building industry.",
        "Roman Golovchenko visited the automobile plant, where he was shown a line of vehicles.",
    ],
)
def test_ties_told_as_they_stand_are_no_proposal(sentence: str) -> None:
    text = (
        "Alexander Lukashenko met with Governor of Tula Oblast Ivan Petrov in Minsk on 5 March "
        f"2020. {sentence}"
    )
    assert extract(text).meeting["proposals"] == []


def test_ties_that_stand_then_a_proposal_is_a_proposal() -> None:
    text = (
        "Alexander Lukashenko met with Governor of Tula Oblast Ivan Petrov in Minsk on 5 March "
        "2020. We mainly cooperate in agriculture, and we propose to set up joint production "
        "of buses."
    )
    assert extract(text).meeting["proposals"]


@pytest.mark.parametrize(
    ("sentence", "metric"),
    [
        ("In 2022 Belarusian supplies to the region amounted to $300 million.", "exports"),
        ("In 2022 deliveries from the region reached $300 million.", "imports"),
        ("In 2022 supplies from Tula Oblast amounted to $300 million.", "imports"),
        ("In 2022 Tula Oblast's shipments to Belarus totalled $300 million.", "imports"),
        ("In 2022 mutual supplies amounted to $300 million.", "turnover"),
    ],
)
def test_goods_sent_one_way_are_that_sides_exports(sentence: str, metric: str) -> None:
    """ "Belarusian supplies ... amounted to" is an export figure ("Sineokoy's shipments ...
    amounted to 1.5 billion dollars" was drafted as the turnover), "from the region" an
    import; "mutual supplies" are trade both ways."""
    text = (
        "Alexander Lukashenko met with Governor of Tula Oblast Ivan Petrov in Minsk on 5 March "
        f"2023. {sentence}"
    )
    trade = extract(text).meeting["trade"]
    assert [(t["period"], t["metric"], t["usd_millions"]) for t in trade] == [
        ("2022", metric, 300.0)
    ]


def test_the_worth_of_a_deal_for_supplies_is_no_trade_figure() -> None:
    text = (
        "Alexander Lukashenko met with Governor of Tula Oblast Ivan Petrov in Minsk on 5 March "
        "2023. They signed contracts for supplies of tractors worth $5 million."
    )
    assert extract(text).meeting["trade"] == []


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        # (from a review of the rule for goods sent one way)
        ("Imports from the region amounted to $150 million in 2022.", [("imports", 150.0)]),
        ("Trade turnover, including supplies of food, reached $500 million in 2022.",
         [("turnover", 500.0)]),
        ("Supplies from Belarus amounted to $300 million in 2022.", [("exports", 300.0)]),
        ("Supplies of Russian gas to Belarus amounted to $2 billion in 2022.",
         [("imports", 2000.0)]),
        ("Supplies of Belarusian goods to the region amounted to $300 million in 2022.",
         [("exports", 300.0)]),
        ("Trade reached $500 million in 2022, and supplies of Belarusian goods $300 million.",
         [("turnover", 500.0), ("exports", 300.0)]),
        # someone else's: a third country's, Belarus's with Russia as a whole, one company's
        ("The region's supplies to Kazakhstan amounted to $500 million in 2022.", []),
        ("Supplies of Belarusian goods to Russia amounted to $23 billion in 2022.", []),
        ("MTZ's supplies to the region amounted to $20 million in 2022.", []),
        # (a sentence's first word in capitals: "Mutual", "Our")
        ("Mutual supplies amounted to $450 million in 2022.", [("turnover", 450.0)]),
        ("Our supplies to the region reached $300 million in 2022.", [("exports", 300.0)]),
        ("Gomselmash shipments to the region reached $15 million in 2022.", []),
    ],
)  # fmt: skip
def test_whose_goods_sent_one_way_are(sentence: str, figures: list[tuple[str, float]]) -> None:
    text = (
        "Alexander Lukashenko met with Governor of Tula Oblast Ivan Petrov in Minsk on 5 March "
        f"2023. {sentence}"
    )
    trade = extract(text).meeting["trade"]
    assert [(t["metric"], t["usd_millions"]) for t in trade] == figures


@pytest.mark.parametrize(
    "sentence",
    [
        "We propose to set up an assembly plant in the region, similar to the joint venture that "
        "operates in Minsk.",
        "A Belarusian trading house operates in the region, and we would like to open a service "
        "centre for MTZ tractors.",
        "We have about 50 joint ventures, and we need to create new ones in machine building.",
        "We mainly cooperate in agriculture, but we are interested in cooperation in "
        "pharmaceuticals.",
        "The governor visited the BelAZ plant and suggested supplying mining trucks to the "
        "region's quarries.",
        "We are connected by strong ties in agriculture and would like to purchase Belarusian "
        "breeding cattle.",
    ],
)
def test_ties_that_stand_beside_a_proposal_keep_it(sentence: str) -> None:
    """(From a review) a word of proposing anywhere in the sentence keeps its proposal."""
    text = (
        "Alexander Lukashenko met with Governor of Tula Oblast Ivan Petrov in Minsk on 5 March "
        f"2020. {sentence}"
    )
    assert extract(text).meeting["proposals"]


@pytest.mark.parametrize(
    ("sentence", "sectors"),
    [
        ("Belarus supplies mechanical engineering equipment.", {"machinery-equipment"}),
        ("Products of mechanical engineering are exported.", {"machinery-equipment"}),
        ("We develop agricultural mechanical engineering.", {"agricultural-machinery"}),
        ("The food production sector is interested.", {"agriculture-food"}),
        ("Industrial production in the region grew by 5%.", set()),
        ("We propose an increase in export volumes of dairy products.", {"agriculture-food"}),
    ],
)
def test_a_fields_name_inside_anothers_is_that_ones(sentence: str, sectors: set[str]) -> None:
    """(From a review) what mechanical engineering makes, a kind's production sector, the
    region's industrial output told as a fact and exports of a good named are not machine
    building, industrial cooperation or a trade aim."""
    assert {s for s, *_ in sector_matches(sentence)} == sectors


# --- the list of Belarusian officials (store/extract/officials.tsv) --------------------------


def test_the_officials_list_reads_and_says_which_post_in_which_year() -> None:
    from coopbrowse.store.extract.officials import (
        named_officials,
        officials,
        parse_officials,
        post_held,
    )

    rows = officials()
    assert len(rows) >= 200 and all(r.source.startswith("http") for r in rows)
    # any listed spelling; the post of the year asked, none where the list cannot tell
    assert post_held("Natalia Kochanova", 2023) == "Chairperson of the Council of the Republic"
    assert post_held("Dmitry Krutoy", 2023) == "Ambassador of Belarus to Russia"
    assert post_held("Dmitry Krutoi") == ""  # (several posts and no year)
    assert post_held("Ivan Petrov", 2023) == ""
    # named in full, also right after a post ("Ambassador Dmitry Krutoi")
    text = "Ambassador Dmitry Krutoi and Governor Alexander Beglov met. Natalya Kochanova spoke."
    assert [name for _at, name in named_officials(text)] == ["Dmitry Krutoi", "Natalya Kochanova"]
    header = "name\taliases\tpost\tfrom\tto\tsource\n"
    with pytest.raises(ValueError, match=r"x\.tsv:2: expected 6 tab-separated fields"):
        parse_officials(header + "Ivan Petrov\t\tMinister\t2001\n", "x.tsv")
    with pytest.raises(ValueError, match=r"x\.tsv:2: a year must be four digits"):
        parse_officials(header + "Ivan Petrov\t\tMinister\t21\t\thttps://x\n", "x.tsv")


def test_a_belarusian_official_named_without_a_post_is_the_host() -> None:
    """ "Natalya Kochanova said" (the Chairperson of the Council of the Republic, named
    without her post) drafted no host; "Dmitry Krutoy and Alexander Beglov also discussed"
    neither. The list of officials says they are Belarus's."""

    def sides(text: str) -> list[tuple[str, str]]:
        people = extract(text).meeting["participants"]
        return [(p["name"], p["role"]) for p in people if p["role"] != "mentioned"]

    kochanova = (
        "The Voronezh Oblast delegation headed by Governor Alexander Gusev visited Minsk. "
        "\u201cWe know you as good and reliable friends,\u201d Natalya Kochanova said."
    )
    assert sides(kochanova) == [("Natalya Kochanova", "host"), ("Alexander Gusev", "guest")]
    # (one of the region's, or no official, is no host)
    assert ("Ivan Sidorov", "host") not in sides(
        kochanova.replace("Natalya Kochanova", "Ivan Sidorov")
    )


# --- goods: from an independent challenge set (tests/fixtures/goods_challenge.json) ---------


@pytest.mark.parametrize(
    ("sentence", "exports", "imports"),
    [
        ("The region's enterprises supply Gomel Oblast with rice, wine and fruit.",
         [], ["rice", "wine", "fruit"]),
        ("In turn, polypropylene and polyethylene made in Tobolsk are supplied to Belarusian "
         "enterprises.", [], ["polypropylene", "polyethylene"]),
        ("Paper, cardboard and nitrogen fertilizers were purchased from the region.",
         [], ["Paper", "cardboard", "nitrogen fertilizers"]),
        ("Belarus, in turn, imports coal from the region.", [], ["coal"]),
        # (the aside before a want: "ready to buy" is then five words on, as "in turn" was
        # not allowed for, and the goods went to the exports)
        ("He said that Belarus in turn is ready to buy Tula timber and coal.",
         [], ["timber", "coal"]),
        ("Belarus, for its part, is interested in timber.", [], ["timber"]),
        # (offered to Belarus by a region's "we": not Belarus's own offer)
        ("\u201cWe are ready to offer Belarus our fish,\u201d the governor said.", [], ["fish"]),
        # (a verb of using is no kind of the good)
        ("\u201cOur plants consume nickel and copper, and we want to buy more,\u201d "
         "Lukashenko said.", [], ["nickel", "copper"]),
        # (the whole list bought, not its first item: a new user's article)
        ("Belarus mainly exports tractors and furniture to Tula Oblast and imports cars, glass "
         "and chemical products from it.",
         ["tractors", "furniture"], ["cars", "glass", "chemical products"]),
    ],
)  # fmt: skip
def test_goods_bought_from_the_region_in_more_shapes(
    sentence: str, exports: list[str], imports: list[str]
) -> None:
    """A Belarusian oblast supplied ("supply Gomel Oblast with"), goods "supplied to
    Belarusian enterprises", "purchased from the region", and "Belarus, in turn, imports":
    Belarus buys them (they were drafted as exports, or not at all)."""
    text = (
        "Belarusian Prime Minister Roman Golovchenko met with Governor of Tula Oblast Ivan "
        f"Petrov in Minsk on 12 May 2023. {sentence}"
    )
    meeting = extract(text).meeting
    assert (meeting["exports"], meeting["imports"]) == (exports, imports)


@pytest.mark.parametrize(
    ("sentence", "exports", "imports"),
    [
        ("Uralvagonzavod was ready to supply freight railcars to the Belarusian Railway.",
         [], ["freight railcars"]),
        ("The firm offered supplies of antibiotics to the Belarusian medical institutions.",
         [], ["antibiotics"]),
        ("A Kolchugino plant proposed to supply cable products for the Belarusian energy "
         "objects.", [], ["cable products"]),
        ("The plant offered to supply pipes for the construction of gas networks in Belarus.",
         [], ["pipes"]),
        ("The Yaroslavl Motor Plant will increase supplies of diesel engines to the Minsk "
         "Automobile Plant.", [], ["diesel engines"]),
        ("The governor in turn offered Belarus fish and seafood from local companies.",
         [], ["fish", "seafood"]),
        ("The ambassador expressed Belarus's interest in Dagestani fruit and grapes.",
         [], ["fruit", "grapes"]),
        ("He said Belarus was ready to increase purchases of rolled steel from the plant.",
         [], ["rolled steel"]),
        ("They discussed the supplies of liquefied gas from the Orenburg region to Belarus.",
         [], ["liquefied gas"]),
        ("The region's enterprises are ready to supply polypropylene to the Belarusian chemical "
         "plants, the governor said.", [], ["polypropylene"]),
        ("The region's fishermen could supply cod and shrimp directly to Belarusian retail "
         "chains.", [], ["cod", "shrimp"]),
        ("They discussed the supplies of antibiotics and vaccines to the Belarusian medical "
         "institutions.", [], ["antibiotics", "vaccines"]),
        ("They discussed the supplies of crushed stone for the road construction in the Vitebsk "
         "region.", [], ["crushed stone"]),
        ("We know that Belarus needs to increase the supply of raw fish and salmon.",
         [], ["raw fish", "salmon"]),
        ("\u201cWe need stable, long-term supplies of crude oil,\u201d the Prime Minister said.",
         [], ["crude oil"]),
        ("The Belarusian Steel Works in Zhlobin is interested in long-term supplies of pig iron.",
         [], ["pig iron"]),
        ("The governor offered Belarusian machine builders long-term supplies of steel.",
         [], ["steel"]),
        ("The governor proposed that Brest fish processors buy Caspian fish.",
         [], ["fish"]),
        # (the region interested in supplies of Belarusian goods buys them from Belarus)
        ("\u201cWe are interested in supplies of Belarusian passenger elevators,\u201d the "
         "governor said.", ["passenger elevators"], []),
        # (Belarus's own sellers, and Belarus the seller: still exports)
        ("MAZ will supply buses to Belarusian dealers in the region.", ["buses"], []),
        ("Belarus offered the region tractors for its farms.", ["tractors"], []),
    ],
)  # fmt: skip
def test_goods_sent_to_belarusian_buyers_are_what_belarus_buys(
    sentence: str, exports: list[str], imports: list[str]
) -> None:
    """From the reports challenge set b's misses: goods the region's makers send to a
    Belarusian buyer named by what it is (the railway, hospitals, energy sites, a maker by
    name), for use in Belarus, or offer "Belarus"; Belarus's interest in a region's goods."""
    text = (
        "Belarusian Prime Minister Roman Golovchenko met with Governor of Tula Oblast Ivan "
        f"Petrov in Minsk on 12 May 2023. {sentence}"
    )
    meeting = extract(text).meeting
    assert (meeting["exports"], meeting["imports"]) == (exports, imports)


def test_what_belarus_says_it_makes_is_on_offer() -> None:
    """From the reports challenge set c's misses: in the President's words, "We make modern
    buses" and "Our Mogilevliftmash makes lifts" offer them; not what is made together."""
    text = (
        "Belarusian President Aleksandr Lukashenko met with Governor of Omsk Oblast Ivan Petrov "
        "in Minsk on 12 May 2023.\n"
        "\u201cYour city is growing. We make modern buses, including electric ones. Our "
        "Mogilevliftmash makes lifts as good as anybody's. We already produce certain joint "
        "equipment at your plant,\u201d Aleksandr Lukashenko said."
    )
    meeting = extract(text).meeting
    assert meeting["exports"] == ["buses", "lifts"]


@pytest.mark.parametrize(
    ("sentence", "exports", "imports"),
    [
        # a governor's "our industry needs": Belarus's goods, sold to the region
        ("\u201cOur industry needs tractors and buses,\u201d the Tula governor said.",
         ["tractors", "buses"], []),
        ("\u201cOur factories need tractors and buses from Belarus,\u201d Ivan Petrov said.",
         ["tractors", "buses"], []),
        # goods whose first word is a clause's word elsewhere ("use", "process")
        ("Belarus could supply process equipment and use-ready modular houses.",
         ["process equipment", "use-ready modular houses"], []),
        # the receiver before "with" is no good: "supplies the republic with trucks"
        ("Belarus supplies the republic with trucks and tyres.", ["trucks", "tyres"], []),
    ],
)  # fmt: skip
def test_goods_the_no_goods_rules_leave_as_they_were(
    sentence: str, exports: list[str], imports: list[str]
) -> None:
    """A review of the rules that keep a clause's words out of the goods: they take no
    good, nor a governor's "our factories need" for Belarus buying."""
    text = (
        "Belarusian Prime Minister Roman Golovchenko met with Governor of Tula Oblast Ivan "
        f"Petrov in Minsk on 12 May 2023. {sentence}"
    )
    meeting = extract(text).meeting
    assert (meeting["exports"], meeting["imports"]) == (exports, imports)


@pytest.mark.parametrize(
    "sentence",
    [
        "\u201cWhy do you buy it somewhere far away?\u201d the President asked.",
        "\u201cWe will supply as much as you want,\u201d he said.",
        "\u201cYou buy almost all of it abroad,\u201d Lukashenko said.",
        "The region is ready to buy right away, the governor said.",
        "Belarus will supply a first trial batch next month.",
        "\u201cWe can supply a hundred, two hundred a year, on credit,\u201d he said.",
        "\u201cToday we buy part of it far away,\u201d the governor said.",
        "\u201cLet us make these things together, localise something in Belarus,\u201d he said.",
        "Belarus is ready to send its builders and scientists to the region.",
        "\u201cWe want to buy directly, without intermediaries,\u201d Lukashenko said.",
        "Belarus is ready to supply more, according to the regional administration.",
        "\u201cWe could supply and use the port of Novorossiysk,\u201d he said.",
        "The region buys from Belarus a share that exceeds 80%.",
        "Belarus offered a long-term contract, and the region could buy through it.",
        "\u201cTogether we can offer the market a full line and replace what used to be "
        "bought abroad,\u201d he said.",
    ],
)
def test_a_speechs_loose_words_are_no_goods(sentence: str) -> None:
    """From the reports challenge set c's extras: a pronoun or an adverb in a speech ("it
    somewhere far away", "as much as you want", "right away"), "a trial batch", a number in
    words ("two hundred"), a share ("part of it"), "something", people sent (builders,
    scientists), a clause's words ("without intermediaries", "according to ...", "use the
    port", "exceeds 80%") and a contract name no good."""
    text = (
        "Belarusian Prime Minister Roman Golovchenko met with Governor of Tula Oblast Ivan "
        f"Petrov in Minsk on 12 May 2023. {sentence}"
    )
    meeting = extract(text).meeting
    assert (meeting["exports"], meeting["imports"]) == ([], [])


def test_a_list_of_goods_shares_a_noun_only_with_its_kinds() -> None:
    """ "copper, ferrous metal products" are copper and ferrous metal products (not "copper
    products"); "dairy and meat products" are dairy products and meat products; "copper and
    aluminum wire" is still copper wire and aluminum wire."""
    from coopbrowse.store.extract.trade import _split_goods

    assert _split_goods("copper, ferrous metal products and railway wheels") == [
        "copper",
        "ferrous metal products",
        "railway wheels",
    ]
    assert _split_goods("dairy and meat products") == ["dairy products", "meat products"]
    assert _split_goods("insulated, copper and aluminum wire") == [
        "insulated wire",
        "copper wire",
        "aluminum wire",
    ]
    assert _split_goods("milk, meat and dairy products") == ["milk", "meat", "dairy products"]


def test_a_kind_of_work_joined_to_a_good_of_one_shares_its_noun() -> None:
    """ "water treatment and wastewater disposal equipment" drafted "water treatment" (no
    good: a kind of work) beside "wastewater disposal equipment"; both are equipment, alone
    or in a list. A kind of work with no good after it is left as written, and two goods
    joined by "and" keep their own nouns."""
    lead = (
        "Belarusian Prime Minister Roman Golovchenko met with the governor of Karelia Artur "
        "Parfenchikov in Minsk on 5 May 2023. "
    )

    def exports(sentence: str) -> list[str]:
        return extract(lead + sentence).meeting["exports"]

    assert exports(
        "Belarus is ready to supply water treatment and wastewater disposal machinery."
    ) == ["water treatment machinery", "wastewater disposal machinery"]
    assert exports("Belarus offers tractors, grain drying and seed cleaning equipment.") == [
        "tractors",
        "grain drying equipment",
        "seed cleaning equipment",
    ]
    assert exports("Belarus is ready to supply water treatment, dump trucks and milk.") == [
        "water treatment",
        "dump trucks",
        "milk",
    ]
    assert exports("Belarus offers grain and sunflower oil.") == ["grain", "sunflower oil"]
    # only equipment for another kind of work lends its noun (a review's finds)
    assert exports("Belarus offers water treatment and agricultural machinery.") == [
        "water treatment",
        "agricultural machinery",
    ]
    assert exports("Belarus offers food processing and dairy products.") == [
        "food processing",
        "dairy products",
    ]
    assert exports("Belarus supplies tractors, water treatment and building materials.") == [
        "tractors",
        "water treatment",
        "building materials",
    ]


def test_student_exchanges_are_an_education_proposal_with_their_universities() -> None:
    """Found by a new user: "The sides also agreed to expand student exchanges between Kazan
    Federal University and the Belarusian State University" drafted no proposal, and lent
    its universities to the proposal before it (housing construction)."""
    text = (
        "Lukashenko meets Tatarstan head Minnikhanov\n\n"
        "MINSK, 14 November 2025 - Belarusian President Aleksandr Lukashenko met with the Head "
        "of the Republic of Tatarstan Rustam Minnikhanov in Minsk on 14 November.\n\n"
        "Minnikhanov invited Belarusian builders to take part in housing construction in "
        "Kazan.\n\nThe sides also agreed to expand student exchanges between Kazan Federal "
        "University and the Belarusian State University."
    )
    proposals = {p["sector"]: p for p in extract(text).meeting["proposals"]}
    assert set(proposals) == {"construction", "education"}
    assert proposals["construction"]["enterprises"] == []
    assert proposals["education"]["enterprises"] == [
        "Kazan Federal University",
        "Belarusian State University",
    ]
    assert proposals["education"]["status"] == "agreed"
    for said in ("academic exchange programmes", "exchanges of students"):
        other = text.replace("student exchanges", said)
        assert "education" in {p["sector"] for p in extract(other).meeting["proposals"]}
    # (a review's finds: no education where the exchange is of youth, or of delegations)
    for said, sectors in (
        ("youth and student exchanges", {"construction", "culture-youth"}),
        (
            "exchanges of teachers' delegations to share experience in agriculture",
            {"construction", "agriculture-food"},
        ),
    ):
        other = text.replace(
            "student exchanges between Kazan Federal University and the Belarusian State "
            "University",
            said,
        )
        assert {p["sector"] for p in extract(other).meeting["proposals"]} == sectors, said


def test_the_goods_challenge_set_scores_no_lower_than_when_these_rules_were_written() -> None:
    """150 excerpts written by a helper who had not read the extractor nor the real reports
    (tests/fixtures/goods_challenge.md), each good with its acceptable spellings: a floor a
    little under the scores measured when the rules were last changed (0.88 and 0.87)."""
    import re as _re

    from coopbrowse.store.regions import fold

    def norm(text: str) -> str:
        return " ".join(_re.findall(r"[a-z0-9]+", fold(text).lower()))

    challenge = ROOT / "tests" / "fixtures" / "goods_challenge.json"
    items = json.loads(challenge.read_text(encoding="utf-8"))
    assert len(items) >= 150
    right = drafted = expected = 0
    for item in items:
        meeting = extract(item["text"]).meeting
        for side in ("exports", "imports"):
            got = [norm(g) for g in meeting[side]]
            drafted += len(got)
            expected += len(item[side])
            for spellings in item[side]:
                hit = next((g for g in got if g in {norm(s) for s in spellings}), None)
                if hit is not None:
                    got.remove(hit)
                    right += 1
    assert right / drafted >= 0.86 and right / expected >= 0.85, (right, drafted, expected)


@pytest.mark.parametrize(
    ("sentence", "exports", "imports"),
    [
        ("Buryatia wants Belarusian buses. The republic offered supplies of omul, venison and "
         "pine nuts.", ["buses"], ["omul", "venison", "pine nuts"]),
        ("Komi is ready to increase supplies of timber and wood products, paper and cardboard "
         "to Belarus.", [], ["timber", "wood products", "paper", "cardboard"]),
        ("Khakassia supplies Belarus with coal, while Brest enterprises offer meat and "
         "furniture.", ["meat", "furniture"], ["coal"]),
        ("Belarus offered the region reliable MTZ tractors and comfortable low-floor MAZ buses.",
         ["MTZ tractors", "low-floor MAZ buses"], []),
        ("Belarus will deliver 100 tractors to the republic in exchange for coal.",
         ["tractors"], ["coal"]),
        ("Penza enterprises want Belarusian lifts, and supply Belarus with bicycles.",
         ["lifts"], ["bicycles"]),
    ],
)  # fmt: skip
def test_whose_offer_and_what_comes_back(
    sentence: str, exports: list[str], imports: list[str]
) -> None:
    """The region's offer of supplies is Belarus's import, a Belarusian oblast's makers'
    offer its export; praise is no kind of a good; what comes "in exchange for" a delivery
    comes back; "and supply Belarus with" drafted the good "supply Belarus"."""
    text = (
        "Belarusian Prime Minister Roman Golovchenko met with Governor of Tula Oblast Ivan "
        f"Petrov in Minsk on 12 May 2023. {sentence}"
    )
    meeting = extract(text).meeting
    assert (meeting["exports"], meeting["imports"]) == (exports, imports)


def test_the_regional_heads_list_reads_and_names_the_guest() -> None:
    """ "Dmitry Krutoy and Alexander Beglov also discussed ...": the list of Russia's regional
    heads knows Beglov as St. Petersburg's governor, the guest of a St. Petersburg meeting
    (a head of another region is not)."""
    from coopbrowse.store.extract.officials import parse_officials, regional_head_posts

    assert {p.region for p in regional_head_posts("Aleksandr Beglov")} == {"Saint Petersburg"}
    header = "name\taliases\tpost\tregion\tfrom\tto\tsource\n"
    with pytest.raises(ValueError, match=r"h\.tsv:2: expected 7 tab-separated fields"):
        parse_officials(
            header + "Ivan Petrov\t\tGovernor\t2001\t\thttps://x\n", "h.tsv", regions=True
        )

    def sides(text: str) -> list[tuple[str, str, str]]:
        people = extract(text).meeting["participants"]
        return [(p["name"], p["role"], p["title"]) for p in people if p["role"] != "mentioned"]

    text = (
        "St. Petersburg Days will be held in Minsk. The Belarusian ambassador expects the "
        "largest delegation from Saint Petersburg. Dmitry Krutoy and Alexander Beglov also "
        "discussed the opening of a consulate general on the Neva."
    )
    assert sides(text)[1] == ("Alexander Beglov", "guest", "Governor of Saint Petersburg")
    other = text.replace("Alexander Beglov", "Alexander Gusev")  # (Voronezh Oblast's governor)
    assert all(role != "guest" for _n, role, _t in sides(other))
    # a possessive names the head too ("Artur Parfenchikov’s father comes from Zhlobin": the
    # list's names were matched with the "’s", and the guest of a real report was missed)
    karelia = (
        "Aleksandr Lukashenko met with a delegation of the Republic of Karelia in Minsk. Artur "
        "Parfenchikov’s father comes from Zhlobin."
    )
    assert ("Artur Parfenchikov", "guest", "Head of the Republic of Karelia") in sides(karelia)


# --- trade: from an independent challenge set (tests/fixtures/trade_challenge.json) ---------


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        ("Trade with the region was $720 million in 2012. He added that trade between Belarus "
         "and Russia as a whole exceeded $43 billion in 2012.", [("turnover", 720.0, None)]),
        ("In 2012 trade with Belarus grew to $432 million; the region's foreign trade turnover "
         "exceeded $7 billion.", [("turnover", 432.0, None)]),
        ("In 2012 trade totalled USD 231.6 mln. Over ten years cumulative trade exceeded "
         "$1.7 billion.", [("turnover", 231.6, None)]),
        ("In 2012 Moscow accounted for a fifth of Belarus-Russia trade, which reached "
         "$50 billion.", []),
        ("In 2012 exports from Belarus grew by 4.2%.", [("exports", None, 4.2)]),
        ("In 2012 Belarus supplied goods worth $210.7 million to the region, while the "
         "region's exports to Belarus amounted to $94.2 million.",
         [("exports", 210.7, None), ("imports", 94.2, None)]),
        # (the region's own foreign trade with Belarus is theirs and Belarus's)
        ("The region's foreign trade turnover with the Republic of Belarus made US$ 33.5 "
         "million in 2012.", [("turnover", 33.5, None)]),
    ],
)  # fmt: skip
def test_whose_trade_a_figure_is(
    sentence: str, figures: list[tuple[str, float | None, float | None]]
) -> None:
    """Belarus's trade with Russia as a whole, a region's foreign trade and a sum of years
    are no figure of the meeting's; "exports from Belarus" are Belarus's (they were drafted
    as imports); a sale's destination is read in its own clause."""
    text = (
        "Belarusian Prime Minister Mikhail Myasnikovich met with Governor of Kursk Oblast "
        f"Alexander Mikhailov in Minsk on 12 May 2013. {sentence}"
    )
    trade = extract(text).meeting["trade"]
    assert [(t["metric"], t["usd_millions"], t["change_pct"]) for t in trade] == figures


@pytest.mark.parametrize(
    ("sentence", "figures"),
    [
        # a part of a total is no figure of its own
        ("Belarus' trade with Kursk Oblast in 2012 amounted to $412 million, of which Grodno "
         "Oblast accounted for $96 million.", [("2012", 412.0, None, "")]),
        ("Belarus' trade with Kursk Oblast in 2012 stood at $9.85 million. Kursk Oblast trades "
         "mainly with China and Mongolia, which account for over $300 million of its foreign "
         "trade.", [("2012", 9.85, None, "")]),
        # (Belarus's own part of the region's trade is Belarus's)
        ("In 2012 Belarusian goods accounted for $500 million of the region's imports.",
         [("2012", 500.0, None, "")]),
        # one Belarusian oblast's trade with the region is a part of Belarus's
        ("In 2012 trade between Kursk Oblast and Belarus reached $1.2 billion. Trade between "
         "Kursk Oblast and Gomel Oblast amounted to $85 million.", [("2012", 1200.0, None, "")]),
        ("In 2012 trade with Belarus reached $1.2 billion, while the Vitebsk region's trade "
         "with Kursk grew to $40 million.", [("2012", 1200.0, None, "")]),
        ("In 2012 the trade between Vitebsk Oblast of Belarus and Kursk Oblast of Russia went "
         "up four times to reach $50 million.", []),
        # (an oblast named as the speaker is not the trade's)
        ("Trade with Belarus reached $1.2 billion in 2012, the Governor of Grodno Oblast said.",
         [("2012", 1200.0, None, "")]),
        # a change told in the next sentence is the figure's, and its base year no period
        ("Trade between Belarus and Kursk Oblast stood at $432.9 million in 2012. This is 5.4% "
         "down on 2011.", [("2012", 432.9, -5.4, "compared to 2011")]),
        ("Trade stood at $432.9 million in 2012. It was 3% up on the previous year.",
         [("2012", 432.9, 3.0, "compared to 2011")]),
        # a share of a year's level is a change, and that year no period
        ("In January-October 2012 trade with Kursk Oblast reached 101.6% of the last year's "
         "level and made up $376.4 million.",
         [("2012-01..2012-10", 376.4, 1.6, "compared to 2011")]),
        ("Trade made up $376.4 million in 2012, or 95% of the 2011 level.",
         [("2012", 376.4, -5.0, "compared to 2011")]),
        ("In 2012 trade reached 101.6% of the level of 2011 and made up $376.4 million.",
         [("2012", 376.4, 1.6, "compared to 2011")]),
        # (from a review: what these rules must leave) a kind of trade's part, the region's
        # part of Belarus's trade, Belarus's own; a goal after a figure; a share of a level in
        # another clause; an oblast named beside no trade of its own
        ("In 2012 trade between Belarus and Kursk Oblast amounted to $412 million, of which "
         "exports accounted for $300 million.",
         [("2012", 412.0, None, ""), ("2012", 300.0, None, "")]),
        ("Trade amounted to $412 million in 2012. Of this, exports accounted for $300 million.",
         [("2012", 412.0, None, ""), ("2012", 300.0, None, "")]),
        ("In 2012 Kursk Oblast accounted for $412 million of Belarus's trade with Russia.",
         [("2012", 412.0, None, "")]),
        ("Trade with Belarus, which accounted for $412 million in 2012, keeps growing.",
         [("2012", 412.0, None, "")]),
        ("Trade between Belarus and Kursk Oblast stood at $432.9 million in 2012. It is planned "
         "to increase trade by 20%.", [("2012", 432.9, None, "")]),
        ("In 2012 exports reached 101.6% of the last year's level, while imports made up "
         "$376.4 million.", [("2012", 376.4, None, "")]),
        ("In 2012 trade made up $376.4 million, and exports reached 101.6% of the last year's "
         "level.", [("2012", 376.4, None, "")]),
        ("Following the agreement between Kursk Oblast and the Minsk region, trade with Belarus "
         "reached $412 million in 2012.", [("2012", 412.0, None, "")]),
        ("In 2012 volume of trade reached $300 million.", [("2012", 300.0, None, "")]),
        ("The trade volume in 2012 reached $300 million.", [("2012", 300.0, None, "")]),
        ("The trade figure for 2012 was $300 million.", [("2012", 300.0, None, "")]),
    ],
)  # fmt: skip
def test_a_part_an_oblasts_share_and_a_change_told_after_a_figure(
    sentence: str, figures: list[tuple[str, float | None, float | None, str]]
) -> None:
    """(From the trade challenge set) a part of a total ("of which Grodno Oblast accounted
    for") and other countries' trade had been drafted as figures of their own; "This is
    5.4% down on 2013" as a figure of 2013; "101.6% of the last year's level" dated the
    figure to the year before."""
    text = (
        "Belarusian Prime Minister Mikhail Myasnikovich met with Governor of Kursk Oblast "
        f"Alexander Mikhailov in Minsk on 12 May 2013. {sentence}"
    )
    trade = extract(text).meeting["trade"]
    got = [(t["period"], t["usd_millions"], t["change_pct"], t["change_basis"]) for t in trade]
    assert got == figures


def test_the_trade_challenge_set_scores_no_lower_than_when_these_rules_were_written() -> None:
    """120 excerpts written by a helper who had not read the extractor nor the real reports
    (tests/fixtures/trade_challenge.md): floors under the scores measured when the rules
    were last changed (precision 1.00, recall 0.965)."""
    challenge = ROOT / "tests" / "fixtures" / "trade_challenge.json"
    items = json.loads(challenge.read_text(encoding="utf-8"))
    assert len(items) >= 120

    def key(t: dict[str, Any]) -> tuple[Any, ...]:
        value = t["usd_millions"]
        change = t["change_pct"] if value is None else None
        return (t["period"], t["metric"], value and round(float(value), 3), change)

    right = drafted = expected = 0
    for item in items:
        got = [key(t) for t in extract(item["text"]).meeting["trade"]]
        drafted += len(got)
        expected += len(item["trade"])
        for figure in item["trade"]:
            if key(figure) in got:
                got.remove(key(figure))
                right += 1
    assert right / drafted >= 0.99 and right / expected >= 0.96, (right, drafted, expected)


@pytest.mark.parametrize(
    "sentence",
    [
        "The President noted that Belarus is ready to increase supplies of tractors to the region.",
        "Minsk Oblast offered supplies of tractors.",
        "MAZ is ready to expand supplies of tractors to the region.",
        "The governor proposed supplies of Belarusian tractors.",
        "Tractors are supplied to Belarusian dealers in the region.",
    ],
)
def test_a_supply_offered_by_belarus_or_of_its_goods_is_its_export(sentence: str) -> None:
    """(From a review) the region's offer of supplies is only the region's: any capitalised
    subject, a Belarusian oblast or maker, or a supply of Belarusian goods had been read as
    the region's; and Belarusian dealers are not Belarus buying."""
    text = (
        "Alexander Lukashenko met with Governor of Tula Oblast Dmitry Milyaev in Minsk on "
        f"5 March 2025. {sentence}"
    )
    meeting = extract(text).meeting
    assert [g.lower() for g in meeting["exports"]] == ["tractors"] and meeting["imports"] == []


@pytest.mark.parametrize(
    "body",
    [
        # (a host already named: an official mentioned by name is no host)
        "Lukashenko met with Governor of Kaluga Oblast Vladislav Shapsha in Minsk on 5 March "
        "2023. Anatoly Lis, now Ambassador of Belarus to Kazakhstan, was also present.",
        # (not in office that year: Andreichenko chaired the House until 2024)
        "Vladimir Andreichenko met with a delegation of Kaluga Oblast on 5 March 2025.",
        # (the former governor, an envoy, a head of another time)
        "The Belarusian Prime Minister met with a delegation of Tyumen Oblast on 5 March 2020. "
        "Presidential envoy Vladimir Yakushev also took part.",
        "The Minsk City Executive Committee hosted a delegation of Saint Petersburg on 5 March "
        "2023. Valentina Matviyenko, who headed the city in 2003-2011, was remembered.",
    ],
)
def test_who_the_lists_name_must_hold_the_post_then(body: str) -> None:
    """(From a review) someone of the lists of officials and regional heads is the host or
    the guest only when no rule found one, in office in the meeting's year, and not told as
    former or now in another post."""
    people = {p["name"]: p["role"] for p in extract(body).meeting["participants"]}
    for name in ("Anatoly Lis", "Vladimir Andreichenko", "Vladimir Yakushev"):
        assert people.get(name) not in ("host", "guest")
    assert people.get("Valentina Matviyenko") != "guest"
    if "Lukashenko met" in body:
        assert people.get("Lukashenko") == "host"


# --- sectors: from an independent challenge set (tests/fixtures/sectors_challenge.json) -----


@pytest.mark.parametrize(
    ("sentence", "sector"),
    [
        ("Kovtun, in turn, offered to supply Barents Sea fish to Belarus.", "agriculture-food"),
        ("The governor expressed interest in Belarusian pedigree cattle.", "agriculture-food"),
        ("He also offered vaccines produced by Kirov biopharmaceutical plants.",
         "pharmaceuticals"),
        ("Pasler proposed supplying liquefied gas from the Orenburg plant.", "energy"),
        ("He proposed supplies of aluminium from the Sayanogorsk smelter.", "metals"),
    ],
)  # fmt: skip
def test_the_trade_in_fish_vaccines_gas_and_aluminium_names_its_sector(
    sentence: str, sector: str
) -> None:
    assert sector in {s for s, *_ in sector_matches(sentence)}


def test_the_sectors_challenge_set_scores_no_lower_than_when_these_rules_were_written() -> None:
    """150 excerpts written by a helper who had not read the extractor nor the real reports
    (tests/fixtures/sectors_challenge.md): floors under the scores measured when the rules
    were last changed (precision 0.87, recall 0.89)."""
    challenge = ROOT / "tests" / "fixtures" / "sectors_challenge.json"
    items = json.loads(challenge.read_text(encoding="utf-8"))
    assert len(items) >= 150
    right = drafted = expected = 0
    for item in items:
        got = {p["sector"] for p in extract(item["text"]).meeting["proposals"]}
        right += len(got & set(item["sectors"]))
        drafted += len(got)
        expected += len(set(item["sectors"]))
    assert right / drafted >= 0.85 and right / expected >= 0.87, (right, drafted, expected)


# --- whole reports: two independent challenge sets (tests/fixtures/reports_challenge_*.md) ---

# (precision, recall) floors: a little under the scores when the rules were last changed
_REPORTS_FLOORS = {
    "a": {"sectors": (0.76, 0.78), "goods": (0.72, 0.68), "enterprises": (0.83, 0.82)},
    "b": {"sectors": (0.74, 0.91), "goods": (0.67, 0.76), "enterprises": (0.76, 0.77)},
    "c": {"sectors": (0.82, 0.70), "goods": (0.69, 0.58), "enterprises": (0.83, 0.71)},
}


@pytest.mark.parametrize("which", sorted(_REPORTS_FLOORS))
def test_the_reports_challenge_sets_score_no_lower_than_when_these_rules_were_written(
    which: str,
) -> None:
    """60 invented whole reports in each set, written by helpers who had read neither the
    extractor nor the real reports: sectors, goods and enterprises keep their precision and
    recall (each set's misses were read for rules after it was written: see their .md)."""
    scores = score_reports(ROOT / "tests" / "fixtures" / f"reports_challenge_{which}.json")
    for field_name, (precision, recall) in _REPORTS_FLOORS[which].items():
        right, drafted, expected = scores[field_name]
        assert right / drafted >= precision and right / expected >= recall, (field_name, scores)


def test_machine_builders_build_nothing_and_freight_wagons_are_rolling_stock() -> None:
    builders = {
        s for s, *_ in sector_matches("He offered rolled steel to Belarusian machine builders.")
    }
    assert "construction" not in builders
    wagons = {s for s, *_ in sector_matches("They proposed to jointly produce freight wagons.")}
    assert "transport-logistics" not in wagons
    # (builders and freight as such keep their sectors)
    assert "construction" in {s for s, *_ in sector_matches("We invite Belarusian builders.")}
    assert "transport-logistics" in {s for s, *_ in sector_matches("Freight via Murmansk grew.")}


@pytest.mark.parametrize(
    "sentence",
    [
        # (from a review: the region's figure beside another trade, read in its own clause)
        "In 2018 the foreign trade turnover of Tula Oblast with Belarus reached $500 million.",
        "In 2018 Belarus was one of the region's main foreign trade partners, with trade "
        "turnover reaching $500 million.",
        "In 2018 trade between Belarus and Russia reached $35 billion, while trade with Tula "
        "Oblast reached $500 million.",
        "Speaking about cumulative effects of the Union State, he said trade with the region "
        "reached $500 million in 2018.",
    ],
)
def test_the_regions_figure_beside_other_trade_is_kept(sentence: str) -> None:
    text = (
        "Belarusian Prime Minister Roman Golovchenko met with Governor of Tula Oblast Alexei "
        f"Dyumin in Minsk on 12 May 2019. {sentence}"
    )
    trade = extract(text).meeting["trade"]
    assert [(t["period"], t["metric"], t["usd_millions"]) for t in trade] == [
        ("2018", "turnover", 500.0)
    ]


@pytest.mark.parametrize(
    "body",
    [
        "The Tula Oblast delegation had visited Minsk in March.",
        "The governor has repeatedly visited Belarus.",
    ],
)
def test_a_visit_of_another_time_is_not_the_pages_day(body: str) -> None:
    text = f"Belarus and Tula Oblast to boost cooperation\n15 March 2019\n{body}\n"
    assert not extract(text).meeting["date"]


@pytest.mark.parametrize(
    "sentence",
    [
        "He gave a copper-bottomed guarantee.",
        "A trading house will open in Nickel.",
        "There will be no sugar-coated promises.",
        "He felt like a fish out of water.",
        "The yard builds liquefied gas carriers.",
    ],
)
def test_a_goods_word_used_otherwise_names_no_sector(sentence: str) -> None:
    sectors = {s for s, *_ in sector_matches(sentence)}
    assert not sectors & {"metals", "agriculture-food", "energy"}


@pytest.mark.parametrize(
    ("sentence", "exports", "imports"),
    [
        ("Khabarovsk Krai can supply Belarus with timber and fish, the governor said.",
         [], ["timber", "fish"]),
        ("Belarusian furniture was delivered to the region, while paper and cardboard were "
         "purchased from the region.", ["furniture"], ["paper", "cardboard"]),
        ("Sakhalin fishermen supply pollock, salmon and crab to the Belarusian market.",
         [], ["pollock", "salmon", "crab"]),
    ],
)  # fmt: skip
def test_goods_sent_to_belarus_by_the_region_in_more_shapes(
    sentence: str, exports: list[str], imports: list[str]
) -> None:
    """The speaker after a list ("..., the governor said") is no part of its last item, a
    passive list after "while" is read whole, and the region's makers supplying the
    Belarusian market sell to Belarus."""
    text = (
        "Belarusian Prime Minister Roman Golovchenko met with Governor of Tula Oblast Ivan "
        f"Petrov in Minsk on 12 May 2023. {sentence}"
    )
    meeting = extract(text).meeting
    assert (meeting["exports"], meeting["imports"]) == (exports, imports)


@pytest.mark.parametrize(
    ("sentence", "sector"),
    [
        ("Kuyvashev proposed that Belarus buy suburban electric trains.", "rolling-stock"),
        ("He proposed modernising the republic's water supply, sewerage and heating networks.",
         "housing-utilities"),
        ("Kokov proposed joint projects in horticulture.", "agriculture-food"),
        ("Minsk Tractor Works could set up an assembly line at your site.",
         "industrial-cooperation"),
        ("We are ready to set up the production of our equipment in Penza.",
         "industrial-cooperation"),
        ("Azarov agreed that the sides should expand mutual supplies.", "trade-finance"),
        ("They discussed exchanges of children's creative groups.", "culture-youth"),
        ("He proposed a logistics route for Belarusian goods through Far Eastern ports.",
         "transport-logistics"),
        ("Shapsha proposed to develop nuclear technology research.", "energy"),
    ],
)  # fmt: skip
def test_more_fields_by_their_names(sentence: str, sector: str) -> None:
    """From the sectors challenge set's misses."""
    assert sector in {s for s, *_ in sector_matches(sentence)}


@pytest.mark.parametrize(
    ("sentence", "not_sector"),
    [
        # (from a review of the last cues)
        ("They proposed production of automotive components.", "industrial-cooperation"),
        ("MAZ launched the production of buses in the region back in 2010.",
         "industrial-cooperation"),
        ("The sides managed to increase mutual supplies by 15% last year.", "trade-finance"),
        ("Tourists can reach the region by sea and by air.", "transport-logistics"),
        ("They discussed resuming passenger trains between Minsk and Tula.", "rolling-stock"),
        ("They use nuclear technologies in medicine.", "energy"),
        ("The governor visited the assembly shop of the Minsk Automobile Plant.",
         "industrial-cooperation"),
        ("The creative teams of the IT companies met.", "culture-youth"),
    ],
)  # fmt: skip
def test_the_fields_names_do_not_fire_on_their_other_senses(sentence: str, not_sector: str) -> None:
    assert not_sector not in {s for s, *_ in sector_matches(sentence)}


def test_belarus_own_makers_supplying_the_belarusian_market_are_no_import() -> None:
    text = (
        "Belarusian Prime Minister Roman Golovchenko met with Governor of Tula Oblast Ivan "
        "Petrov in Minsk on 12 May 2023. Gomel enterprises supply glass and cement to the "
        "Belarusian market. Kaliningrad supplies 20 percent of its fish products to Belarus."
    )
    meeting = extract(text).meeting
    assert "glass" not in meeting["imports"] and "fish products" in meeting["imports"]


@pytest.mark.parametrize(
    ("sentence", "sectors", "not_sectors"),
    [
        # (from the fresh real report 195) "avenues" head a list of areas like "areas"; the
        # partner named between commas does not end it; forestry is the timber industry's
        # (woodworking, as the labels count it) and a town's water its utilities
        ("He outlined promising avenues for mutually beneficial co-operation, with Karelia, "
         "such as agribusiness and forestry, as well as water provision.",
         {"agriculture-food", "industrial-cooperation", "housing-utilities"}, set()),
        ("The sides discussed cooperation in agribusiness, forestry and water supply.",
         {"agriculture-food", "industrial-cooperation", "housing-utilities"}, set()),
        # (forestry or water named outside a list of areas names no sector; forestry machinery
        # is machinery)
        ("The forest industry of the territory and the gold mining also develop actively.",
         set(), {"industrial-cooperation"}),
        ("The governor asked Belarus to supply forestry machinery.", {"machinery-equipment"},
         {"industrial-cooperation"}),
        ("Water supply in the town was restored after the storm.", set(),
         {"housing-utilities"}),
    ],
)  # fmt: skip
def test_areas_named_as_avenues_and_the_farm_forest_and_water_words(
    sentence: str, sectors: set[str], not_sectors: set[str]
) -> None:
    text = (
        "MINSK, 5 May 2021. Belarus President Aleksandr Lukashenko met with Head of the "
        f"Republic of Karelia Artur Parfenchikov. {sentence}"
    )
    found = {p["sector"] for p in extract(text).meeting["proposals"]}
    assert sectors <= found and not (not_sectors & found), found


@pytest.mark.parametrize(
    ("sentence", "exports"),
    [
        # a count of kinds heading a list says how many, not what: the list names the goods
        ("Belarusian enterprises supply over 100 kinds of products to Kursk: tractors, buses "
         "and elevators.", ["tractors", "buses", "elevators"]),
        ("Belarus supplies many goods to the region (tractors, buses and elevators).",
         ["tractors", "buses", "elevators"]),
        # (a count of the goods themselves leaves the goods)
        ("Belarus supplies 500 tractors to the region.", ["tractors"]),
        ("Belarus supplies many tractors to the region.", ["tractors"]),
    ],
)  # fmt: skip
def test_a_count_of_kinds_of_goods_is_no_good(sentence: str, exports: list[str]) -> None:
    text = (
        "Belarusian Prime Minister Roman Golovchenko met with Governor of Tula Oblast Ivan "
        f"Petrov in Minsk on 12 May 2023. {sentence}"
    )
    assert extract(text).meeting["exports"] == exports
