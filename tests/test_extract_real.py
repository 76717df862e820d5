"""The extractor's rules written after reading real reports (``tests/fixtures/real/``).

Each general rule is shown on text written for the test, not copied from a report; the
last tests keep the scores on the real set from sliding back (the benchmark prints them in
full: ``tests/benchmarks/bench_extract.py``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from extraction_score import real_cases, score_real

from coopbrowse.store.extract import extract, find_people
from coopbrowse.store.extract.goods import named_goods
from coopbrowse.store.extract.trade import MAX_GOODS

FIXTURES = Path(__file__).parent / "fixtures"


def people(text: str) -> list[tuple[str, str, str]]:
    return [(p.name, p.title, p.side) for p in find_people(text, None)]


def host_and_guest(text: str) -> tuple[str, str]:
    roles = {p["role"]: p["name"] for p in extract(text).meeting["participants"]}
    return roles.get("host", ""), roles.get("guest", "")


def role_and_side(meeting: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Each drafted participant's name -> (role, side)."""
    return {p["name"]: (p["role"], p["side"]) for p in meeting["participants"]}


# --- people ----------------------------------------------------------------------------------


def test_a_title_set_off_by_a_comma_before_the_name() -> None:
    assert people(
        "The President of Belarus, Ivan Petrov, has held a meeting with the Governor of "
        "Russia's Omsk Oblast, Sergei Orlov."
    ) == [
        ("Ivan Petrov", "President of Belarus", "belarus"),
        ("Sergei Orlov", "Governor of Omsk Oblast", "russia"),
    ]


def test_a_title_does_not_run_back_over_the_name_before_it() -> None:
    """ "notes President Ivan Petrov on meeting the Governor of the Russian Omsk Region, Sergei
    Orlov": the governor's post begins after the President's name, not at "President"."""
    assert people(
        "Belarus is keen to help, notes President Ivan Petrov on meeting the Governor of the "
        "Russian Omsk Region, Sergei Orlov."
    ) == [
        ("Ivan Petrov", "President", ""),
        ("Sergei Orlov", "Governor of the Russian Omsk Oblast", "russia"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the words of a ministry are the post's, not a name ("Industry Alexander")
        (
            "Minister of Industry Alexander Yefimov said.",
            [("Alexander Yefimov", "Minister of Industry", "")],
        ),
        # a post with "and" inside it: one post ("Natural Resources" is no one)
        (
            "Belarus' Minister of Natural Resources and Environmental Protection Andrei Khudyk "
            "said.",
            [
                (
                    "Andrei Khudyk",
                    "Belarusian Minister of Natural Resources and Environmental Protection",
                    "belarus",
                )
            ],
        ),
        # name, patronymic, surname: the name and surname
        (
            "President Aleksandr Grigoryevich Lukashenko met Governor Oleg Kozhemyako.",
            [
                ("Aleksandr Lukashenko", "President", "belarus"),
                ("Oleg Kozhemyako", "Governor", "russia"),
            ],
        ),
        # a day after a name is no part of it
        ("He met Governor Ivan Petrov Monday.", [("Ivan Petrov", "Governor", "russia")]),
        # "and" between two people still ends the first one's part
        (
            "Governor Oleg Kozhemyako and Leonid Zayats met.",
            [("Oleg Kozhemyako", "Governor", "russia")],
        ),
        # what follows a name and is no part of one: an agency, a country, a headline's word
        (
            "Governor of Tula Oblast Dmitry Milyaev BelTA reports",
            [("Dmitry Milyaev", "Governor of Tula Oblast", "russia")],
        ),
        (
            "Deputy Prime Minister Viktor Karankevich Belarus is ready",
            [("Viktor Karankevich", "Deputy Prime Minister", "belarus")],
        ),
        ("Governor Alexei Dyumin Visits Minsk", [("Alexei Dyumin", "Governor", "russia")]),
        # a Title-Case headline's verb is no part of the next post
        (
            "President Alexander Lukashenko Meets Omsk Governor Vitaly Khotsenko",
            [
                ("Alexander Lukashenko", "President", "belarus"),
                ("Vitaly Khotsenko", "Omsk Oblast Governor", "russia"),
            ],
        ),
        # "acting" belongs to the post, after the name before it
        (
            "He met Ivan Petrov, acting Minister of Health Sergei Orlov.",
            [("Sergei Orlov", "Acting Minister of Health", "")],
        ),
    ],
)
def test_the_name_is_the_last_pair_of_a_run_of_capitals_after_a_post(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert people(text) == expected


def test_a_double_quote_typed_for_an_apostrophe_is_read_as_one() -> None:
    """A page that sets a possessive's apostrophe as a double quote ("Belarus" Minister",
    "the region"s plans"): the minister is still titled, and no quotation is opened."""
    text = (
        "Potato growing will be developed in Omsk Oblast, as agreed by Governor Sergei Orlov "
        'and Belarus" Minister of Agriculture and Food Ivan Petrov in Omsk. The region"s '
        "plans include buying Belarusian buses."
    )
    assert host_and_guest(text) == ("Ivan Petrov", "Sergei Orlov")
    assert "region’s plans" in extract(text).meeting["proposals"][-1]["detail"]


def test_the_sides_named_in_full_in_a_headline_and_by_surname_in_the_report() -> None:
    """A report whose only full names are in its long headline ("..., notes President
    Alexander Lukashenko on meeting the Governor of the Russian Sakhalin Region, Oleg
    Kozhemyako"), its text saying "Mr. Lukashenko" and "Mr. Kozhemyako": the host and guest
    are the headline's, in full."""
    text = (
        "Belarus keen to help Sakhalin, notes President Alexander Lukashenko on meeting the "
        "Governor of the Russian Sakhalin Region, Oleg Kozhemyako\n\n"
        "Belarus is interested in projects in Sakhalin. Mr. Lukashenko believes that 29 "
        "projects have been planned. He told Mr. Kozhemyako that Belarusian companies are "
        "ready to build roads in the region.\n\nMr. Lukashenko also spoke of buses."
    )
    assert host_and_guest(text) == ("Alexander Lukashenko", "Oleg Kozhemyako")
    # a headline's passing mention of the President is no host over the body's own
    passing = (
        "Omsk governor sends greetings to Alexander Lukashenko\n\nThe Belarusian delegation "
        "headed by Industry Minister Alexander Yefimov visited Omsk Oblast. Governor Vitaly "
        "Khotsenko said the sides will work on buses."
    )
    assert host_and_guest(passing) == ("Alexander Yefimov", "Vitaly Khotsenko")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He met with Sergei Orlov, Governor of Russia's Omsk Oblast, in Minsk.",
            ("Sergei Orlov", "Governor of Omsk Oblast", "russia"),
        ),
        (
            "The talks were led by Oleg Smirnov (Chairman of the regional Government) and others.",
            ("Oleg Smirnov", "Chairman of the regional Government", "russia"),
        ),
        (
            "Anna Kovaleva, Minister of Industry of Belarus, and a delegation arrived.",
            ("Anna Kovaleva", "Minister of Industry of Belarus", "belarus"),
        ),
        (
            "The minister told Sergei Orlov, governor of Russia's Omsk province currently "
            "visiting Minsk, that trade should grow.",
            ("Sergei Orlov", "Governor of Omsk Oblast", "russia"),
        ),
    ],
)
def test_a_title_after_the_name(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in people(text)


@pytest.mark.parametrize(
    ("text", "host"),
    [
        # the phrase after the comma is the next person's post and name
        ("On February 3, at a meeting with the Governor of Omsk Oblast Sergei Orlov, the "
         "President of Belarus Alexander Lukashenko outlined the prospects of cooperation.",
         "Alexander Lukashenko"),
        # or the subject of the sentence, named by the post alone
        ("During today's meeting with Omsk Oblast Governor Sergei Orlov, the President of "
         "Belarus noted the importance of joint work.", None),
        # a post named without a name, and the one quoted by name alone
        ("The Belarusian Prime Minister met with Governor of Omsk Oblast Sergei Orlov. Trade "
         "is growing. According to Ivan Petrov, Belarus can supply buses.", "Ivan Petrov"),
        # an ambassador of no country named is Belarus's
        ("The embassy reported on a meeting between Ambassador Ivan Petrov and a delegation "
         "of Omsk Oblast headed by Governor Sergei Orlov in Moscow.", "Ivan Petrov"),
    ],
)  # fmt: skip
def test_the_host_and_the_guest_by_their_posts(text: str, host: str | None) -> None:
    meeting = extract(text).meeting
    assert role_and_side(meeting)["Sergei Orlov"] == ("guest", "russia")
    titles = {p["name"]: p["title"] for p in meeting["participants"]}
    assert "Belarus" not in titles["Sergei Orlov"]  # (not the next person's post)
    if host:
        assert role_and_side(meeting)[host] == ("host", "belarus")


def test_posts_in_lower_case_and_pm() -> None:
    found = people(
        "The visit, headed by Belarus' PM Ivan Petrov, began with a meeting with the governor "
        "of the Oryol region Sergei Orlov."
    )
    assert ("Ivan Petrov", "PM of Belarus", "belarus") in found
    assert ("Sergei Orlov", "Governor of the Oryol Oblast", "russia") in found
    assert people("Ahead of the forum Sergei Orlov spoke.") == []  # "head" inside a word


@pytest.mark.parametrize(
    "spelling", ["Alexander Lukashenko", "Aleksandr Lukashenko", "Alaksandr Łukašenka"]
)
def test_the_president_named_without_a_title_is_the_host(spelling: str) -> None:
    host, guest = host_and_guest(
        f"Today {spelling} has met with Sergei Orlov, Governor of Russia's Omsk Oblast, in the "
        "Palace of Independence."
    )
    assert (host, guest) == (spelling, "Sergei Orlov")


@pytest.mark.parametrize(
    "sentence",
    [
        "On 7 September 2005, an agreement on cultural cooperation was signed in Minsk.",
        "The agreement on cultural cooperation was signed in 2005.",
    ],
)
def test_history_is_not_a_proposal(sentence: str) -> None:
    assert extract(f"{MEETING}\n{sentence}").meeting["proposals"] == []


@pytest.mark.parametrize(
    "second",
    [
        "Sergei Orlov has been heading this region since 2018.",
        "Sergei Orlov arrived in our country with a large delegation.",
    ],
)
def test_a_guest_named_as_the_subject_of_the_next_sentence(second: str) -> None:
    first = "Today Ivan Petrov, Prime Minister of Belarus, held talks with the Omsk governor."
    assert host_and_guest(f"{first} {second}") == ("Ivan Petrov", "Sergei Orlov")


@pytest.mark.parametrize(
    ("post", "name"),
    [
        ("Speaker of the Council of the Republic", "Natalya Kochanova"),
        ("Chairman of the House of Representatives", "Igor Sergeenko"),
    ],
)
def test_a_speaker_of_belarus_parliament_is_the_host(post: str, name: str) -> None:
    text = f"{post} {name} met with Governor of Omsk Oblast Ivan Petrov."
    people = extract(text).meeting["participants"]
    assert [(p["name"], p["role"]) for p in people] == [(name, "host"), ("Ivan Petrov", "guest")]


@pytest.mark.parametrize(
    "text",
    [
        "A delegation of Omsk Oblast headed by Ivan Petrov held talks in Minsk.",
        "The government delegation from Omsk Oblast, led by Ivan Petrov, visited Minsk.",
        "Ivan Petrov, who heads Omsk Oblast, met with Belarusian officials.",
    ],
)
def test_the_head_of_a_delegation_named_without_a_post_is_the_guest(text: str) -> None:
    people = extract(text).meeting["participants"]
    assert [(p["name"], p["role"]) for p in people] == [("Ivan Petrov", "guest")]


@pytest.mark.parametrize(
    "text",
    [
        "A delegation of Belarus headed by Prime Minister Roman Golovchenko visited Omsk.",
        "A delegation of Omsk Oblast headed by Minsk Mayor held talks.",  # a post
        "A delegation from Minsk headed by Ivan Petrov visited Omsk Oblast.",
        "A delegation of the Vitebsk Oblast Executive Committee headed by Ivan Petrov came.",
        "Roman Golovchenko, who heads the Belarusian government, met the Omsk delegation.",
    ],
)
def test_a_belarusian_delegation_or_a_post_is_no_guest(text: str) -> None:
    people = extract(text).meeting["participants"]
    assert not [p for p in people if p["side"] == "russia"]


def test_a_prime_minister_of_no_region_is_belarus_s() -> None:
    text = (
        "On 5 March 2024 Prime Minister Roman Golovchenko met with Gleb Nikitin, the governor "
        "of the Nizhny Novgorod region. Prime Minister of Tatarstan Alexei Pesoshin and "
        "Russia's ambassador to Belarus Alexander Blokhin took part."
    )
    people = role_and_side(extract(text).meeting)
    assert people["Roman Golovchenko"] == ("host", "belarus")
    assert people["Gleb Nikitin"] == ("guest", "russia")
    assert people["Alexei Pesoshin"][1] == "russia"
    assert people["Alexander Blokhin"][1] == "russia"


def test_sides_of_a_state_council_an_envoy_and_old_spellings() -> None:
    text = (
        "Natalya Kochanova, Speaker of the Council of the Republic, met with Chairman of the "
        "State Council of the Republic of Tatarstan Farid Mukhametshin in Minsk. Prime "
        "Minister of Byelorussia Gennady Novitsky and Ambassador of Russia to Belarus "
        "Alexander Blokhin took part."
    )
    people = role_and_side(extract(text).meeting)
    assert people["Natalya Kochanova"] == ("host", "belarus")
    assert people["Farid Mukhametshin"] == ("guest", "russia")
    assert people["Gennady Novitsky"][1] == "belarus"
    assert people["Alexander Blokhin"][1] == "russia"


def test_a_hard_wrapped_report_is_read_as_its_paragraphs() -> None:
    """Text copied from an old page or a mail, broken at 70 characters: each line alone
    would read as a headline and be left out."""
    text = (
        "Adygheiya's delegation returns home after visit to Byelorussia\n"
        "\n"
        "On July 31, 2003 the government delegation of Adygheiya returned to\n"
        "Maikop after a visit. The day before the delegation of Adygheiya headed\n"
        "by Khazret Sovmen has had talks with the President of Byelorussia. The\n"
        "Ambassador of Russia to Byelorussia Alexander Blokhin also took part in\n"
        "the meeting. Byelorussia could supply Adygheiya with upgraded tractors.\n"
    )
    meeting = extract(text).meeting
    assert meeting["region"] == "Republic of Adygea"  # (an older spelling)
    people = role_and_side(meeting)
    assert people["Khazret Sovmen"] == ("guest", "russia")
    assert people["Alexander Blokhin"] == ("mentioned", "russia")  # Russia's ambassador
    names = [p["name"] for p in meeting["participants"]]
    assert not any("Byelorussia" in n for n in names)  # (a place, not a name)
    assert meeting["exports"] == ["upgraded tractors"]


@pytest.mark.parametrize(
    "furniture",
    ["share\ntweet\nprint", "by Ivan Sidorov\nphoto: press service of the President"],
)
def test_lines_under_a_headline_are_not_joined_to_it(furniture: str) -> None:
    headline = "Lukashenko meets Governor of Omsk Oblast Sergei Orlov in Minsk today"
    text = f"{headline}\n{furniture}\n\n{MEETING}"
    assert extract(text).meeting["title"] == headline


def test_other_headlines_after_the_report_are_not_joined_into_it() -> None:
    text = (
        f"{MEETING}\nRelated news\n"
        "Belarus and the Omsk region will expand trade in agricultural machinery\n"
        "minsk tractor works opens an assembly plant in the region soon\n"
    )
    meeting = extract(text).meeting
    assert (meeting["proposals"], meeting["exports"]) == ([], [])


@pytest.mark.parametrize(
    "header",
    [
        "Published: 7 December 2021\nUpdated on 14 December 2021 at 12:00",
        "07.12.2021 | Views: 1234\nMost read\nLukashenko visits a plant in Gomel\n"
        "03.12.2021 | Views: 5678",
    ],
)
def test_the_pages_date_is_not_its_update_or_a_sidebars(header: str) -> None:
    assert extract(f"{header}\n{MEETING}").meeting["date"] == "2021-12-07"


def test_a_wrapped_line_full_of_names_goes_on_in_the_next() -> None:
    text = (
        "Omsk delegation visits Minsk\n\n"
        "On 5-6 December 2021 a delegation of Omsk Oblast headed by Ivan Petrov\n"
        "held talks with Prime Minister of Belarus Roman Golovchenko. Belarus could supply the\n"
        "region with trams and buses.\n"
    )
    meeting = extract(text).meeting
    assert (meeting["date"], meeting["region"]) == ("2021-12-05", "Omsk Oblast")
    assert [(p["name"], p["role"]) for p in meeting["participants"]] == [
        ("Roman Golovchenko", "host"),
        ("Ivan Petrov", "guest"),
    ]
    assert meeting["exports"] == ["trams", "buses"]  # (not "region")
    assert meeting["title"] == "Golovchenko meets Ivan Petrov"  # (no title: no gap for it)


def test_a_governor_named_like_a_region() -> None:
    draft = extract(
        "Belarusian President Ivan Petrov met with Governor of Russia's Stavropol Territory "
        "Vladimir Vladimirov on 8 November 2024. Vladimir Vladimirov thanked him."
    )
    assert draft.meeting["region"] == "Stavropol Krai"
    roles = {p["role"]: p["name"] for p in draft.meeting["participants"]}
    assert roles["guest"] == "Vladimir Vladimirov"


def test_a_title_ends_at_the_verb_before_it() -> None:
    found = people(
        "President Ivan Petrov told the visiting head of Russia's Omsk Oblast, Sergei Orlov, that"
    )
    assert ("Sergei Orlov", "Head of Omsk Oblast", "russia") in found


def test_a_title_does_not_run_back_past_the_sentence_or_its_verb() -> None:
    found = people(
        "Belarus is interested in the EAEU. The president has instructed Belarusian "
        "Ambassador to Russia Ivan Petrov to help."
    )
    assert ("Ivan Petrov", "Belarusian Ambassador to Russia", "belarus") in found


def test_a_speaker_line_before_a_quote_is_read() -> None:
    text = (
        "A working group on cooperation with the Omsk Oblast met today in Minsk.\n"
        "Ivan Petrov, Chairman of the State Committee of Belarus:\n"
        "We get a lot from there.\n"
        "Sergei Orlov, First Deputy Chairman of the Government of Omsk Oblast:\n"
        "Our trade keeps growing."
    )
    assert host_and_guest(text) == ("Ivan Petrov", "Sergei Orlov")


# --- dates -----------------------------------------------------------------------------------

MEETING = (
    "Ivan Petrov, Prime Minister of Belarus, held a meeting with Governor of Omsk Oblast "
    "Sergei Orlov."
)


def test_a_posted_line_dates_a_report_that_gives_no_day() -> None:
    draft = extract(f"Posted: 27.05.2024 12:34:00\n\nPetrov meets Orlov\n\n{MEETING}")
    assert draft.meeting["date"] == "2024-05-27"
    assert draft.meeting["source"]["published"] == "2024-05-27"


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("OREANDA-NEWS. February 08, 2013.", "2013-02-08"),
        ("12 May 2022 -", "2022-05-12"),
    ],
)
def test_a_date_opening_the_report(opening: str, expected: str) -> None:
    assert extract(f"{opening} {MEETING}").meeting["date"] == expected


@pytest.mark.parametrize(
    "written",
    [
        "On 5-6 December 2021 a delegation of the region visited Minsk.",
        "A delegation of the region visits Minsk on December 5-6, 2021.",
        "From 5 to 7 December 2021 the delegation was in Minsk.",
        "On 5 and 6 December 2021 the delegation was in Minsk.",
    ],
)
def test_a_visit_of_several_days_is_dated_by_its_first(written: str) -> None:
    text = f"{written} Governor of Omsk Oblast Ivan Petrov led it."
    assert extract(text).meeting["date"] == "2021-12-05"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("At the meeting on Monday (June 5, 2023) in Minsk they spoke of trade.", "2023-06-05"),
        ("The talks were held on Monday, 5 June 2023, in Minsk.", "2023-06-05"),
        # a day long before the page's date is not the meeting's (the date line is)
        ("The agreement was signed on 5 June 2021.", "2023-06-07"),
    ],
)
def test_a_day_written_in_full_beside_the_meeting_wins_over_the_pages_date_line(
    written: str, expected: str
) -> None:
    text = f"date 2023-06-07\n{MEETING} {written}"
    assert extract(text).meeting["date"] == expected


@pytest.mark.parametrize(
    "line",
    [
        "2021-12-07T10:00:00+03:00",  # a page's metadata, copied
        "7 December 2021 17:05 | Views: 1234",
        "Posted on 7 December 2021 by admin",
        "Source: BelTA, 07.12.2021",
        "7 /December 2021",  # a site's date widget
    ],
)
def test_the_pages_own_date_line_in_its_shapes(line: str) -> None:
    text = f"Menu\nAll news\nLukashenko meets the Omsk governor\n{line}\n{MEETING}"
    assert extract(text).meeting["date"] == "2021-12-07"


def test_a_date_beside_an_exchange_rate_is_a_rates_box_not_the_meetings() -> None:
    """A site's header box: "date 2019-12-13 3.42 RUB" on every page, whatever its day. The
    date is the box's; the meeting's is found in the text or left for the user."""
    boxed = f"date 2019-12-13 3.42 RUB\n3.33 USD\n{MEETING} They met on 5 June 2023."
    assert extract(boxed).meeting["date"] == "2023-06-05"
    assert extract(f"date 2019-12-13\n{MEETING}").meeting["date"] == "2019-12-13"  # a plain one
    # a number and a word of three capitals that is no currency: the date is the page's
    assert extract(f"date 2021-12-07 3 MIN READ\n{MEETING}").meeting["date"] == "2021-12-07"
    assert extract(f"date 2021-12-07 10 MSK\n{MEETING}").meeting["date"] == "2021-12-07"


def test_a_date_before_such_meetings_could_be_is_not_the_meetings() -> None:
    text = (
        "On March 19, 1946 a statesman died. On 25 November the President of Belarus met "
        "with Governor of Omsk Oblast Ivan Petrov. Trade reached $300 million in 2018."
    )
    assert extract(text).meeting["date"] == "2019-11-25"


@pytest.mark.parametrize("after", ["–", "."])  # "MINSK, 14 March 2026. Belarusian ..."
def test_a_day_written_in_full_in_the_dateline_is_not_inferred(after: str) -> None:
    draft = extract(
        f"MINSK, 14 March 2026{after} Belarusian Prime Minister Ivan Petrov met with Governor "
        "of Russia's Tula Oblast Sergei Orlov on 14 March. They discussed buses."
    )
    assert draft.meeting["date"] == "2026-03-14"
    assert draft.meeting["date_inferred"] is False
    assert not any("inferred" in flag for flag in draft.flags)


def test_an_opening_date_without_a_year_takes_it_from_a_quoted_figure() -> None:
    draft = extract(
        f"April 3, BPN. {MEETING} Trade approached $570 million in 2013, up 36% over 2012."
    )
    assert draft.meeting["date"] == "2014-04-03"
    assert draft.meeting["date_inferred"] is True


@pytest.mark.parametrize(
    ("context", "year"),
    [
        ("The results of the first eight months of 2023 are encouraging.", "2023"),
        ("Trade reached $162 million over the nine months 2008.", "2008"),
        ("Exports made $33.5 million in the first quarter of 2020.", "2020"),
        ("2022 has been declared the Year of Historical Memory in Belarus.", "2022"),
        # the start of a year as the time of the news: that year is the current one
        ("Last year trade fell by 20%. At the beginning of 2016 the sides made up leeway.", "2016"),
        ("Since the start of 2019 exports have grown.", "2019"),
        # a year something is planned for says nothing of when the report was written
        (
            "Exports made $33.5 million in January-September 2021. A service centre is "
            "supposed to be commissioned in 2022.",
            "2021",
        ),
        ("Trade grew 20% in 2022 and amounted to $300 million.", "2023"),  # a finished year
        ("After all, the trade turnover in 2014 decreased twice.", "2015"),  # a fall, too
        ("In 2023, trade amounted to $300 million.", "2024"),  # "In" opening the sentence
        # a plan's year opening a sentence says nothing of when the report was written
        ("In 2023, trade amounted to $300 million. By 2030 we plan to double it.", "2024"),
    ],
)
def test_a_day_without_a_year_takes_it_from_a_year_the_text_reports(
    context: str, year: str
) -> None:
    draft = extract(f"{MEETING.replace('Orlov.', 'Orlov on 2 December.')} {context}")
    assert draft.meeting["date"] == f"{year}-12-02"
    assert draft.meeting["date_inferred"] is True


@pytest.mark.parametrize(
    "context",
    [
        "Trade has been falling since 2012.",
        "They will build venues for the 2017 Youth World Championship.",
        "The standoff between 2014 and 2016 is over.",
    ],
)
def test_a_day_without_a_year_is_left_undated_when_nothing_tells_the_year(context: str) -> None:
    draft = extract(f"{MEETING.replace('Orlov.', 'Orlov on 2 June.')} {context}")
    assert draft.meeting["date"] == ""  # not the latest year named: that is only a bound
    assert draft.meeting["date_note"] == "The article says 2 June; nothing in it tells the year."
    assert any("2 June" in flag for flag in draft.flags)


def test_the_day_of_a_meeting_between_two_people_and_its_year_from_a_finished_one() -> None:
    draft = extract(
        "Belarus and the Orenburg region should work out new ways of cooperation. This was "
        "discussed at the March 23 meeting between President Alexander Lukashenko and Governor "
        "of Orenburg Oblast Yuri Berg. After all, the trade turnover in 2014 decreased twice."
    )
    assert draft.meeting["date"] == "2015-03-23"
    assert draft.meeting["date_inferred"] is True
    assert draft.meeting["region"] == "Orenburg Oblast"


def test_a_page_date_older_than_the_years_the_text_reports_is_not_used() -> None:
    text = f"date 2019-12-13 {MEETING}\nIn 2023 the trade turnover exceeded $500 million."
    draft = extract(text)
    assert draft.meeting["date"] != "2019-12-13"
    assert any("2019-12-13" in flag and "not used" in flag for flag in draft.flags)
    # one that fits the text is used as before
    fits = f"date 2024-02-07 {MEETING}\nIn 2023 the trade turnover exceeded $500 million."
    assert extract(fits).meeting["date"] == "2024-02-07"


def test_today_and_a_weekday_under_a_page_date() -> None:
    today = (
        "Posted: 05.06.2024 10:00\n\nPetrov and Orlov\n\nThe governor of Omsk Oblast Sergei "
        "Orlov and Belarusian Prime Minister Ivan Petrov discussed trade today."
    )
    assert extract(today).meeting["date"] == "2024-06-05"
    tuesday = today.replace("discussed trade today", "discussed trade on Tuesday")
    assert extract(tuesday).meeting["date"] == "2024-06-04"  # 5 June 2024 was a Wednesday
    yesterday = today.replace("discussed trade today", "discussed trade yesterday")
    assert extract(yesterday).meeting["date"] == "2024-06-04"
    undated = today.replace("Posted: 05.06.2024 10:00\n\n", "")
    assert extract(undated).meeting["date"] == ""  # no page date: nothing to count from


@pytest.mark.parametrize(
    "opening",
    [
        "The Russian city of Omsk has hosted the 8th meeting of the Belarus-Omsk Oblast "
        "working group, with Belarus' Deputy Prime Minister Ivan Petrov.",
        "Potato growing will be developed in Omsk Oblast, as agreed by Governor Sergei Orlov "
        "and Belarus' Minister of Agriculture Ivan Petrov in Omsk.",
    ],
)
def test_a_report_of_what_has_just_happened_is_of_its_pages_day(opening: str) -> None:
    """No day written, no meeting verb: a page-dated item that opens on what has just
    happened ("has hosted the meeting", "as agreed by") is the day's news; one that opens on
    a standing fact is not dated by its page."""
    page = "Posted: 24.03.2023 11:54:00\n\nBelarus, Omsk Oblast to deepen ties\n\n"
    meeting = extract(f"{page}{opening}\n\nThe sides discussed supplies of buses.").meeting
    assert (meeting["date"], meeting["date_inferred"]) == ("2023-03-24", True)
    for standing in (
        "The Russian city of Omsk is a partner of Belarus, says Minister Ivan Petrov.",
        # what has held for years, not what has just happened
        "Belarus and Omsk Oblast have signed more than 30 contracts in recent years.",
        "Enterprises of Belarus have held a leading place in the Omsk Oblast market for years.",
    ):
        assert extract(f"{page}{standing}\n\nBuses were discussed.").meeting["date"] == ""


# --- goods ------------------------------------------------------------------------------------


def goods(sentence: str) -> tuple[list[str], list[str]]:
    meeting = extract(f"{MEETING}\n{sentence}").meeting
    return meeting["exports"], meeting["imports"]


@pytest.mark.parametrize(
    ("sentence", "exports"),
    [
        # "and many more" is no good, and gives the item before it no noun to share
        (
            "We are expanding contacts in many areas, including supplies of agricultural "
            "machinery and equipment, woodworking, and many more.",
            ["agricultural machinery and equipment"],
        ),
        # a country in a list that runs on is no good
        (
            "In addition to the supply of heavy-duty equipment, Belarus is also ready to renew "
            "the region's bus fleet.",
            ["heavy-duty equipment"],
        ),
        # money on offer is no good; nor what the buses burn
        (
            "We can offer various modern buses running on gas and diesel. And we will offer "
            "mutually acceptable financial instruments.",
            ["buses"],
        ),
        # "since" is no kind of food
        ("Agriculture is another avenue, since food security is taking on new significance.", []),
    ],
)
def test_what_a_list_of_offers_holds_that_is_no_good(sentence: str, exports: list[str]) -> None:
    assert goods(sentence) == (exports, [])


@pytest.mark.parametrize(
    ("sentence", "exports"),
    [
        # the goods named after "namely" in an offer; "transport" last is a noun, so the
        # kinds before it share it ("passenger, freight, municipal transport")
        (
            "Our companies MAZ, MTZ and others are ready to provide a wide range of products, "
            "namely passenger, freight, municipal transport, road construction equipment, to "
            "Omsk Oblast.",
            [
                "passenger transport",
                "freight transport",
                "municipal transport",
                "road construction equipment",
            ],
        ),
        # Belarusian makers taking part in renewing the region's fleet: what they would sell
        (
            "The sides discussed the participation of Belarusian enterprises in the renewal of "
            "urban passenger transport, special road equipment, and elevator equipment in the "
            "region.",
            ["urban passenger transport", "special road equipment", "elevator equipment"],
        ),
    ],
)
def test_goods_named_after_namely_or_in_a_renewal(sentence: str, exports: list[str]) -> None:
    assert goods(sentence) == (exports, [])


def test_what_a_region_can_count_on_from_belarus_is_an_export() -> None:
    """ "The region can count on Belarusian technologies, ... as well as consumer goods":
    what Belarus would supply."""
    exports, imports = goods(
        "Omsk Oblast can count on Belarusian technologies, projects and engineering services, "
        "as well as consumer goods and tractors, for its programmes."
    )
    assert exports == ["consumer goods", "tractors"] and imports == []


def test_a_supply_that_opens_markets_in_belarus_is_an_import() -> None:
    """ "The continued supply of fish - this will create sales markets for Omsk enterprises and
    diversify the food market in Belarus": the region sells, Belarus buys."""
    assert goods(
        "The sides outlined the continued supply of aquatic biological resources - this will "
        "create additional sales markets for Omsk enterprises and diversify the food market "
        "in Belarus."
    ) == ([], ["aquatic biological resources"])
    assert goods("The sides discussed the supply of tractors to the region.") == (["tractors"], [])
    # Belarus supplying, a market named after: still an export
    assert goods(
        "Belarus is ready to increase the supply of tractors and trucks to the region, and Omsk "
        "producers are welcome on the Belarusian market."
    ) == (["tractors", "trucks"], [])


@pytest.mark.parametrize(
    ("sentence", "exports", "imports"),
    [
        (
            "Belarus could supply passenger, municipal and agricultural vehicles, help in "
            "farming, and provide seeds.",
            ["passenger vehicles", "municipal vehicles", "agricultural vehicles", "seeds"],
            [],
        ),
        (
            "Belarusian companies supply pumps, engines and power units to the region.",
            ["pumps", "engines", "power units"],
            [],
        ),
        (
            "We are ready to supply the whole range of road machinery, which is in demand.",
            ["road machinery"],
            [],
        ),
        (
            "He spoke of the supply of tractors, buses and municipal vehicles.",
            ["tractors", "buses", "municipal vehicles"],
            [],
        ),
        ("Omsk Oblast purchased 40 Belarusian trolleybuses in 2023.", ["trolleybuses"], []),
        ("Belarus purchased grain and sunflower oil from the region.", [],
         ["grain", "sunflower oil"]),
        ("Plastics, paper and medicines are supplied to us.", [],
         ["Plastics", "paper", "medicines"]),
        ("A lot of combines will be supplied to the region soon.", ["combines"], []),
        ("Belarus sends machinery and household chemicals to the city.",
         ["machinery", "household chemicals"], []),
        ("The region also bought 28 Belarusian dump trucks last year.", ["dump trucks"], []),
        ("We get a lot of raw materials from there.", [], ["raw materials"]),
        ("Belarus could supply buses, help with farming, and provide seeds, Petrov noted.",
         ["buses", "seeds"], []),
        ("We are ready to provide you with the most advanced agricultural machines.",
         ["agricultural machines"], []),
        ("Belarus is ready to meet the region's need in trucks, quarry machines and elevators.",
         ["trucks", "quarry machines", "elevators"], []),
        ("The oblast supplies Belarus with such resources as oil and mineral fertilisers.",
         [], ["oil", "mineral fertilisers"]),
        ("Belarus is ready to offer equipment for water treatment and waste sorting.",
         ["water treatment equipment", "waste sorting equipment"], []),
        ("Our footwear, textiles and furniture are in great demand there.",
         ["footwear", "textiles", "furniture"], []),
        (
            "Belarus is ready to offer modern automotive, agricultural and utility machinery.",
            ["automotive machinery", "agricultural machinery", "utility machinery"],
            [],
        ),
        ("Belarus mainly purchases hydrocarbon raw materials from this Russian region.",
         [], ["hydrocarbon raw materials"]),
        ("Belarus is ready to continue supplying Russia with oil extraction equipment, "
         "President Lukashenko said, BelTA has learned.",
         ["oil extraction equipment"], []),
        ("The governor suggested considering the purchasing of Belarusian building materials.",
         ["building materials"], []),
        # what follows the goods ("with ...") is not part of them
        ("The region also bought 28 BelAZ dump trucks with a payload of 130 tonnes last year.",
         ["BelAZ dump trucks"], []),
        # the receiver between the verb and the goods; "goods necessary" names no good
        ("We deliver to your region a variety of machinery, importing goods necessary for "
         "our businesses.", ["machinery"], []),
        ("Belarus has expressed interest in gas turbine units from Tyumen Oblast.",
         [], ["gas turbine units"]),
        ("Belarus is interested in buying grain from the region.", [], ["grain"]),
        ("Belarus is interested in the import of ferrous metals from the region.",
         [], ["ferrous metals"]),
        # goods named after "Belarus-made goods such as"
        ("In the city there are shops that sell Belarus-made goods such as food, footwear "
         "and knitwear.", ["food", "footwear", "knitwear"], []),
        # bought in Belarus by a city of the region; "much more" is no good
        ("Petrozavodsk buys tires, food and much more in Belarus.", ["tires", "food"], []),
        # a supply from Belarus is an export, whoever is interested in it
        ("The region is interested in the supply of dairy products from Belarus.",
         ["dairy products"], []),
        ("Belarus offers Karelia supplies of machinery and food.", ["machinery", "food"], []),
        ("Mogilevliftmash can fully meet the demand of Tomsk Oblast for elevator equipment.",
         ["elevator equipment"], []),
        # building something is work, not a good
        ("The key area is the supply of farm machines, construction of maintenance centers.",
         ["farm machines"], []),
        ("One pillar of cooperation is the export of Belarusian agricultural raw materials, "
         "including malt.", ["agricultural raw materials", "malt"], []),
        # each good's value in brackets does not break the list
        ("Belarus' major exports to the region were fiberglass ($5.6 million), trucks "
         "($2.2 million) and tyres.", ["fiberglass", "trucks", "tyres"], []),
        # a list ends at "there" and at the next verb of trade; the same subject buying
        ("Belarus sells mainly machinery, food and chemicals there, and buys oil products "
         "and metals.", ["machinery", "food", "chemicals"], ["oil products", "metals"]),
        # what Belarus needs and would buy there (the analyst's reading of 015)
        ("If we need good buckwheat, that is where we can buy it.", [], ["buckwheat"]),
    ],
)  # fmt: skip
def test_goods_offered_delivered_bought_and_in_demand(
    sentence: str, exports: list[str], imports: list[str]
) -> None:
    assert goods(sentence) == (exports, imports)


@pytest.mark.parametrize(
    "sentence",
    [
        "Belarus is ready to offer individual financial programs and comprehensive solutions.",
        "Belarus is ready to provide servicing for the machines.",
        "We can supply MAZ, Amkodor and Gomselmash.",  # who, not what
        "Belarusian exports to the region are expanding.",
        "Belarus is interested in expanding cooperation with the region.",
        "Belarus has shown interest in joint production from the start.",
        "We will send our students to study here.",
        "Belarus exported $2.35 million worth of malt.",  # (the amount is not a good)
        # a word pointing at a good named elsewhere says nothing of its kind
        "We continue to sell our unique equipment in your region.",
        "We are ready to supply such equipment.",
    ],
)
def test_what_is_not_a_good_is_left_out(sentence: str) -> None:
    assert goods(sentence) == ([], [])


@pytest.mark.parametrize(
    ("sentence", "exports", "imports"),
    [
        # the region's side selling to Belarus
        ("Bryansk exports grain, meat and timber to Belarus.", [], ["grain", "meat", "timber"]),
        ("The region's enterprises supply timber and coal to Belarus.", [], ["timber", "coal"]),
        # Belarus wanting to sell is not Belarus buying
        ("Our enterprises are interested in supplying tractors and buses to the region.",
         ["tractors", "buses"], []),
        # "from" a month or a Belarusian city is not from the region
        ("Belarus supplied 500 tractors from January to September.", ["tractors"], []),
        ("Belarus imports timber from Perm Oblast.", [], ["timber"]),
        # verbs, numbers and quantities are no kinds of goods
        ("The Minsk plant ships tractors to the region.", ["tractors"], []),
        ("Belarus plans to lease tractors and renew trolleybuses for the region.",
         ["tractors", "trolleybuses"], []),
        ("Gomel supplied five trolleybuses to the region.", ["trolleybuses"], []),
    ],
)  # fmt: skip
def test_the_side_of_a_good_named_and_its_words(
    sentence: str, exports: list[str], imports: list[str]
) -> None:
    assert named_goods(sentence) == (exports, imports)


@pytest.mark.parametrize(
    "sentence",
    [
        "The new agreement lifts restrictions on supplies.",  # a verb
        "The sides agreed to iron out problems with supplies.",
        "They visited a productive dairy farm where cows give milk.",  # no trade
        "The region produced 2 million tonnes of grain this year.",  # production, not trade
        "We will cut greenhouse gas emissions in the supply chain.",
        # what is dug up in the region is a resource, not a good traded
        "More exploration of copper will need supplies.",
    ],
)
def test_words_of_goods_in_other_senses(sentence: str) -> None:
    assert named_goods(sentence) == ([], [])


def test_a_catalogue_of_goods_is_cut_at_sixty() -> None:
    text = MEETING + " " + " ".join(f"We supply kind{i} tractors." for i in range(200))
    meeting = extract(text).meeting
    assert len(meeting["exports"]) + len(meeting["imports"]) == MAX_GOODS == 60
    assert meeting["exports"][:2] == ["kind0 tractors", "kind1 tractors"]  # (the first ones)


@pytest.mark.parametrize(
    "sentence",
    [
        "From 1 January to 30 September 2021, trade amounted to $500 million.",
        "From 1 to 30 September, trade grew by 20%.",
        "From 1 January 2022, the new tariffs will apply.",  # (after the page's date)
    ],
)
def test_a_period_from_a_day_is_not_the_meetings_date(sentence: str) -> None:
    text = f"Published: 2021-10-20\n{MEETING} {sentence}"
    assert extract(text).meeting["date"] == "2021-10-20"


@pytest.mark.parametrize(
    ("sentence", "exports", "imports"),
    [
        # a list after "including", whatever verb comes before it
        ("The plant is ready to provide the vehicles it produces, including trams, "
         "trolleybuses and electric buses.", ["trams", "trolleybuses", "electric buses"], []),
        # the words of kind before a good are kept; a verb before them is not
        ("Belarus could assemble tractors and heavy-duty mining equipment in the region.",
         ["tractors", "heavy-duty mining equipment"], []),
        # what Belarus is interested in is what it would buy
        ("Our country is mainly interested in ferrous metals, timber and fertilisers.",
         [], ["ferrous metals", "timber", "fertilisers"]),
        # the region's side, in the Belarusian side's words
        ("Our colleagues have supplied steel pipes for the power plant.", [], ["steel pipes"]),
        # a kind of products or materials is a good; a word of trading is no kind of one
        ("Belarus purchases hydrocarbon raw materials and shipbuilding equipment from the "
         "region.", [], ["hydrocarbon raw materials", "shipbuilding equipment"]),
        ("We supply enough tractors and dairy products to the region.",
         ["tractors", "dairy products"], []),
        # the region selling, a word set off between it and its verb
        ("Buryatia, in turn, supplies paper and cardboard, wood products, beverages and "
         "confectionery to Belarus.", [], ["paper", "cardboard", "wood", "beverages",
                                          "confectionery"]),
        ("Tula Oblast, for its part, supplies metals and chemicals.", [], ["metals", "chemicals"]),
        # from a Belarusian enterprise is from Belarus; from a place of the region, from it
        ("They discussed the supply of agricultural machinery from Gomselmash to farms in the "
         "region.", ["agricultural machinery"], []),
        ("They discussed the supply of grain from Tula.", [], ["grain"]),
        # the region's imports from Belarus, in Belarusian words: Belarus's exports
        ("The main share of imports from our republic is plastic products and furniture.",
         ["plastic products", "furniture"], []),
    ],
)  # fmt: skip
def test_goods_named_in_a_sentence_about_trade_by_the_lexicon(
    sentence: str, exports: list[str], imports: list[str]
) -> None:
    assert goods(sentence) == (exports, imports)


@pytest.mark.parametrize(
    "sentence",
    [
        # no word of trade: the grain is a harvest, not a good traded
        "The governor recalled the grain harvest of his youth.",
        # a good's word inside the name of an activity or a plant
        "The region needs experts in oil extraction and in gas turbine design.",
        "Belarus is ready to build milk processing plants.",
        # too vague alone
        "The supply of modern equipment and the machines was discussed.",
        "We supply our products and Belarusian goods to the region.",
        # work on a good, or the goods in use, is a service, not a good sold
        "Minsk firms offer repair services for the trolleybus fleet of the city.",
        "The plant can offer tram modernization and bus maintenance to the region.",
    ],
)
def test_words_of_goods_that_name_no_good_traded(sentence: str) -> None:
    assert goods(sentence) == ([], [])


def test_a_belarusian_made_good_named_is_an_export() -> None:
    assert goods(
        "In the fields the Belarusian tractors are driving, and Belarusian buses run."
    ) == (
        ["tractors", "buses"],
        [],
    )
    # appliances in a list of Belarusian goods people know
    assert goods(
        "Shoppers in the region know Belarusian cheese, furniture and appliances well."
    ) == (["cheese", "furniture", "appliances"], [])
    # the kinds of Belarusian machinery named after a colon
    assert goods(
        "Farmers there have long used Belarusian machinery: combines, loaders and dump trucks."
    ) == (["combines", "loaders", "dump trucks"], [])
    # who makes them is not what is sold
    assert goods("Belarusian machinery manufacturers and Belarusian companies met.") == ([], [])


def test_goods_the_belarusian_side_calls_ours_are_exports() -> None:
    said = "“Our heavy-duty trucks have proven themselves in Russia,” the President said."
    assert goods(said) == (["heavy-duty trucks"], [])
    # in the report's own words "our" is not a side; makers are not what is sold
    assert goods("Our heavy-duty trucks have proven themselves in Russia.") == ([], [])
    assert goods("“Our machinery manufacturers are ready,” the President said.") == ([], [])


def test_kinds_named_before_a_good_share_its_noun() -> None:
    # a run of kinds ("passenger", "utilities", adjectives) takes the noun of the good after
    # it; goods named alone ("trucks", "milk") and goods after it keep their own
    assert goods(
        "The agenda includes the lineup of Belarusian passenger, utilities, agricultural "
        "and cargo machinery, elevators."
    ) == (
        ["passenger machinery", "utilities machinery", "agricultural machinery",
         "cargo machinery", "elevators"],
        [],
    )  # fmt: skip
    assert goods("Belarus could supply trucks, milk, meat and dairy products.") == (
        ["trucks", "milk", "meat", "dairy products"],
        [],
    )
    # a clause after "Belarusian ..." is not a list of its kinds
    assert goods("Belarusian companies are a platform for promoting joint products.") == ([], [])


def test_who_makes_a_good_is_not_part_of_it() -> None:
    # "of the leading Belarusian enterprises - MAZ, MTZ" names makers; "as well as" goes on
    assert goods(
        "Belarus is ready to offer the most modern automotive and utility machinery of the "
        "leading Belarusian enterprises - MAZ, MTZ, Gomselmash, as well as lift equipment "
        "from Mogilevliftmash."
    ) == (["automotive machinery", "utility machinery", "lift equipment"], [])


def test_something_got_and_equipment_for_an_aim_are_not_goods() -> None:
    assert goods("And if we get something good from outside, we will be glad.") == ([], [])
    assert goods(
        "We can supply a full range of equipment for effective operation of this sector."
    ) == ([], [])
    # what equipment is for, when it is a kind of work, still names it
    assert goods("We can supply equipment for water purification.") == (
        ["water purification equipment"],
        [],
    )


def test_the_same_good_named_again_is_kept_once() -> None:
    exported, _ = goods(
        "Major exports to the region include trolleybuses and furniture. The region purchased "
        "33 Belkommunmash trolleybuses."
    )
    assert exported == ["trolleybuses", "furniture"]


# --- trade figures ------------------------------------------------------------------------------


def trade(*sentences: str) -> list[tuple]:
    text = "date 2024-06-05\n" + MEETING + "\n" + " ".join(sentences)
    return [
        (t["period"], t["metric"], t["usd_millions"], t["change_pct"])
        for t in extract(text).meeting["trade"]
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("For nine months of 2023, the trade turnover amounted to $280 million.",
         ("2023-01..2023-09", "turnover", 280.0, None)),
        ("In H1 2023, trade amounted to $90 million.",
         ("2023-01..2023-06", "turnover", 90.0, None)),
        ("In the first five months of this year trade reached $75 million.",
         ("2024-01..2024-05", "turnover", 75.0, None)),
        ("In 2023 trade reached half a billion dollars.", ("2023", "turnover", 500.0, None)),
        ("In 2023, our trade rose 2.1 times over 2022 to reach $18 million.",
         ("2023", "turnover", 18.0, None)),
        ("In Q1 2024 the trade upped by almost 30% over the same period last year.",
         ("2024-01..2024-03", "turnover", None, 30.0)),
        # amounts in words beyond "half a billion"
        ("In 2023 trade reached a quarter of a billion dollars.",
         ("2023", "turnover", 250.0, None)),
        ("In 2023 trade came to one and a half billion dollars.",
         ("2023", "turnover", 1500.0, None)),
        # the year a change is compared with is not the figure's
        ("Trade in 2023 grew by 25% compared with 2022 and exceeded $250 million.",
         ("2023", "turnover", 250.0, 25.0)),
        # "over the past year", and a change as a multiple before the amount
        ("Over the past year, trade turnover increased 1.5 times and reached $250 million.",
         ("2023", "turnover", 250.0, 50.0)),
        # "U.S. dollars", thousands of dollars (a fraction of a million), "having grown by"
        ("In 2023 trade reached 250 million U.S. dollars.", ("2023", "turnover", 250.0, None)),
        ("In 2023 trade amounted to $250 thousand.", ("2023", "turnover", 0.25, None)),
        ("In 2023 trade amounted to $250 million, having fallen by 15%.",
         ("2023", "turnover", 250.0, -15.0)),
        # "goods worth" too
        ("In 2023, Belarus exported goods worth $180 million to the region.",
         ("2023", "exports", 180.0, None)),
        # "was worth" is the trade's value ("contracts worth" are not trade)
        ("Trade in 2023 was worth $250 million, compared with $200 million in 2022.",
         ("2023", "turnover", 250.0, None)),
    ],
)  # fmt: skip
def test_part_year_periods_words_and_figures_reached(sentence: str, expected: tuple) -> None:
    assert trade(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a part of a year right after the amount is its own period too
        ("Trade amounted to $250 million in 2022 and reached $120 million in January-June "
         "2023.", [("2022", "turnover", 250.0, None),
                   ("2023-01..2023-06", "turnover", 120.0, None)]),
        # BelTA's way of comparing; a multiple compared with a year
        ("In 2023 trade grew by 20% compared to the same period of 2022 and reached "
         "$200 million.", [("2023", "turnover", 200.0, 20.0)]),
        ("In 2023 trade decreased by 1.5 times compared with 2022 and reached $200 million.",
         [("2023", "turnover", 200.0, -33.3)]),
        # the change that led to the amount, not the next clause's (which is a figure of
        # its own, a change without a sum)
        ("In 2023 trade grew by 10% and exceeded $300 million, exports fell by 5%.",
         [("2023", "turnover", 300.0, 10.0), ("2023", "exports", None, -5.0)]),
    ],
)  # fmt: skip
def test_a_figures_period_and_change_among_others(sentence: str, expected: list) -> None:
    assert trade(sentence) == expected


def test_another_regions_figure_is_not_the_meetings() -> None:
    assert trade(
        "In the first half of 2023 Belarus' trade with Pskov Oblast amounted to $6 million.",
        "Trade with Omsk Oblast reached $80 million in 2023.",
    ) == [("2023", "turnover", 80.0, None)]


def test_the_period_of_the_paragraph_before_carries_on() -> None:
    assert trade(
        "In January-September 2023 trade totaled $23.1 million. Exports amounted to $4.7 "
        "million.\n\nBelarus imported fish and wool. Imports amounted to $18.4 million.",
    ) == [
        ("2023-01..2023-09", "turnover", 23.1, None),
        ("2023-01..2023-09", "exports", 4.7, None),
        ("2023-01..2023-09", "imports", 18.4, None),
    ]


def test_a_change_without_a_sum_beside_a_sum_that_is_no_figure() -> None:
    """A change in a clause of its own takes the period spoken of; the balance beside it
    is no figure, and a change already given to a sum is not counted again."""
    assert trade(
        "For nine months of 2023, the trade turnover amounted to $280 million and decreased "
        "by 16%.",
        "Although we have about 6% growth in our exports to the region, the balance is "
        "still about $60 million.",
    ) == [
        ("2023-01..2023-09", "turnover", 280.0, -16.0),
        ("2023-01..2023-09", "exports", None, 6.0),
    ]
    # with no period spoken of, a change is not dated by guess
    assert trade("We have about 6% growth in exports, but the balance is $60 million.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Trade amounted to $200 million in 2022 and $250 million in 2023.",
        "The trade turnover has grown from $200 million in 2022 to $250 million in 2023.",
        "In 2022 trade was $200 million, and in 2023 it reached $250 million.",
    ],
)
def test_each_amount_takes_the_period_right_after_it(sentence: str) -> None:
    assert trade(sentence) == [
        ("2022", "turnover", 200.0, None),
        ("2023", "turnover", 250.0, None),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "We should strive for the cherished billion dollars in trade.",
        "Trade should increase to $1 billion and become balanced.",
        "We can easily achieve a billion dollars in trade turnover.",
        "We need to restore trade turnover to $700 million.",
        "In 2023 trade grew, but the balance is still about $60 million.",
    ],
)
def test_targets_and_balances_are_not_figures(sentence: str) -> None:
    assert trade(sentence) == []


def test_a_period_stated_in_the_sentence_before() -> None:
    assert trade(
        "This year trade started well: over 4 months we added almost 150 percent to the "
        "corresponding period last year.",
        "During this time, we have traded for $200m.",
    ) == [("2024-01..2024-04", "turnover", 200.0, 150.0)]  # value and change, one figure
    # a year in a sentence that is not about trade is not taken for the figure's
    assert (
        trade("The governor first came to Minsk in 2019.", "Trade amounted to $300 million.") == []
    )


def test_the_meetings_own_year_as_a_whole_is_not_a_period() -> None:
    # a report of a meeting in June 2024: "this year" is the months so far, which it does
    # not name; last year's figure and a part of this year that is named are kept
    assert trade(
        "Last year our trade grew by 13%. This year we have an increase of 8%.",
    ) == [("2023", "turnover", None, 13.0)]
    assert trade("In 2024 trade grew by 8%.") == []
    assert trade("Over the first four months of 2024 trade grew by 8%.") == [
        ("2024-01..2024-04", "turnover", None, 8.0)
    ]


def test_the_value_of_each_good_in_a_list_is_not_the_trade() -> None:
    assert (
        trade(
            "Belarus' major exports to the region in 2023 were fiberglass ($5.6 million) and "
            "trucks ($2.2 million)."
        )
        == []
    )
    assert trade("In 2023 the turnover ($61.9 million) fell.") == [("2023", "turnover", 61.9, None)]


def test_the_value_of_one_good_is_not_the_trade() -> None:
    # "$2.35 million worth of malt" is one good's; the change after it is the trade's
    assert trade(
        "In H1 2024 Belarus exported $2.35 million worth of malt to the region.",
        "Last year, the trade between the parties surged by 47% to total almost $23 million.",
        "In the first half of the year, growth was almost 30%.",
    ) == [("2023", "turnover", 23.0, 47.0), ("2024-01..2024-06", "turnover", None, 30.0)]
    assert trade("Belarus exported $300 million worth of goods to the region in 2023.") == [
        ("2023", "exports", 300.0, None)
    ]


def test_changes_without_a_sum_each_in_its_clause_and_as_multiples() -> None:
    assert trade(
        "In H1 2024, the trade grew by almost 23%: imports increased by 35%, while Belarusian "
        "exports dropped by 20%."
    ) == [
        ("2024-01..2024-06", "turnover", None, 23.0),
        ("2024-01..2024-06", "imports", None, 35.0),
        ("2024-01..2024-06", "exports", None, -20.0),
    ]
    assert trade("After all, the trade turnover in 2023 decreased twice.") == [
        ("2023", "turnover", None, -50.0)
    ]
    assert trade("In 2023 our trade grew 2.1 times.") == [("2023", "turnover", None, 110.0)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a multiple as "-fold", in words, or as a verb, on its own or leading to the amount
        ("In 2023 our trade grew 1.5-fold.", ("2023", "turnover", None, 50.0)),
        ("In 2023 trade increased 1.5-fold to $120 million.", ("2023", "turnover", 120.0, 50.0)),
        ("In 2023 trade increased twofold to $120 million.", ("2023", "turnover", 120.0, 100.0)),
        ("In 2023 trade doubled to $120 million.", ("2023", "turnover", 120.0, 100.0)),
        ("In 2023 trade fell threefold to $40 million.", ("2023", "turnover", 40.0, -66.7)),
        ("In 2023 our trade with the region quadrupled.", ("2023", "turnover", None, 300.0)),
        # a change after the amount, told as a comparison with a year
        (
            "In 2023 trade was $120 million, 20 percent more than in 2022.",
            ("2023", "turnover", 120.0, 20.0),
        ),
        (
            "In 2023 trade was $120 million, 5% less than in 2022.",
            ("2023", "turnover", 120.0, -5.0),
        ),
        (
            "Trade reached $620 million in 2022, 20% more than in 2021.",
            ("2022", "turnover", 620.0, 20.0),
        ),
    ],
)
def test_a_change_as_a_multiple_or_a_comparison(sentence: str, expected: tuple) -> None:
    assert trade(sentence) == [expected]


def test_the_year_a_change_is_compared_with_is_not_the_figures_period() -> None:
    # (it was read as the figure's: $120 million in 2022)
    assert trade("Trade turnover was $120 million, 20 percent more than in 2022.") == []
    got = extract(f"date 2024-06-05\n{MEETING}\nIn 2023 trade was $120 million, 20 percent more "
                  "than in 2022.").meeting["trade"]  # fmt: skip
    assert got[0]["change_basis"] == "compared to 2022"
    # "than last year": the year before the figure's, not the report's last year
    got = extract(f"date 2024-06-05\n{MEETING}\nIn 2022 trade amounted to $620 million, which "
                  "is 20% less than last year.").meeting["trade"]  # fmt: skip
    assert (got[0]["period"], got[0]["change_basis"]) == ("2022", "compared to 2021")


def test_a_comparison_base_a_past_peak_and_a_rounded_repeat_are_not_figures() -> None:
    assert trade("In 2023 trade fell. It is compared with the recent one billion dollars.") == []
    assert trade(
        "In 2023 trade increased by 26% to exceed $4.1 billion.",
        "We once had a trade turnover of more than $5 billion.",
    ) == [("2023", "turnover", 4100.0, None)]
    assert trade(
        "The trade is around $110 million [in January-May 2024, it amounted to $108 million]."
    ) == [("2024-01..2024-05", "turnover", 108.0, None)]
    # "more than" is a qualifier, not a comparison
    assert trade("In 2023 trade amounted to more than $300 million.") == [
        ("2023", "turnover", 300.0, None)
    ]


def test_a_number_broken_across_lines_is_one_number() -> None:
    assert trade("In 2023, trade amounted to $6.\n2 million.") == [("2023", "turnover", 6.2, None)]


# --- sectors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "sectors"),
    [
        ("We propose the construction of a new sports arena in the city.", {"construction"}),
        ("Belarus is ready to help with road infrastructure.", {"construction"}),
        ("We could supply forage harvesters and balers.", {"agricultural-machinery"}),
        ("We are interested in production cooperation and joint assembly of buses.",
         {"industrial-cooperation", "public-transport"}),
        ("Belarus offers servicing for all the machines it sells.", {"service-logistics"}),
        ("We can buy buckwheat and grain there.", {"agriculture-food"}),
        ("We discussed the supply of engineering products.", {"machinery-equipment"}),
        ("We could supply road construction machinery.", {"machinery-equipment"}),
        ("Belarus could supply utilities machinery to the region.", {"machinery-equipment"}),
        # a kind named in a list before the machine is the cue
        ("We could supply utility, fire-fighting and quarry machinery.", {"machinery-equipment"}),
        ("We offer passenger and agricultural vehicles.",
         {"public-transport", "agricultural-machinery"}),
        ("We propose to expand humanitarian cooperation.", {"culture-youth"}),
        ("The region could supply petroleum products.", {"energy"}),
        ("Belarusnafta could assist in oil production and refining.", {"energy"}),
        ("We are ready to supply automatic boilers that burn peat.", {"energy"}),
        ("Our companies are linked with the region's plants by manufacturing cooperation "
         "schemes.", {"industrial-cooperation"}),
        ("Belarus will keep supplying oilfield and drilling equipment.",
         {"machinery-equipment"}),
        ("We are ready to cooperate in the nuclear industry.", {"energy"}),
        ("We are ready to build housing in the region.", {"construction"}),
        ("We propose to develop the digital economy together.", {"it-software"}),
        ("We propose to supply passenger cars.", {"automotive"}),
        ("The governor proposed to increase supplies of Belarusian milk.", {"agriculture-food"}),
    ],
)  # fmt: skip
def test_sector_phrases_met_in_real_reports(sentence: str, sectors: set[str]) -> None:
    proposals = extract(f"{MEETING}\n{sentence}").meeting["proposals"]
    assert {p["sector"] for p in proposals} == sectors


@pytest.mark.parametrize(
    ("sentence", "sectors"),
    [
        # each item of a list of goods is its own: buses do not swallow trucks
        ("Belarus is ready to supply buses, trucks, quarry machines and elevators.",
         {"public-transport", "automotive", "machinery-equipment", "elevators"}),
        # one item: the bus maker's name, the financing of the tractors, add nothing
        ("We could supply MAZ buses to the region.", {"public-transport"}),
        ("We offer tractors on preferential leasing terms.", {"agricultural-machinery"}),
        ("We could supply agricultural machinery to the region.", {"agricultural-machinery"}),
    ],
)  # fmt: skip
def test_a_sector_subsumes_another_only_in_the_same_item(sentence: str, sectors: set[str]) -> None:
    proposals = extract(f"{MEETING}\n{sentence}").meeting["proposals"]
    assert {p["sector"] for p in proposals} == sectors


@pytest.mark.parametrize(
    ("sentence", "sector", "title"),
    [
        # a list item's opening words are not what it names
        ("We are ready to cooperate in agriculture and also fertilizers.", "chemicals",
         "Cooperation in fertilizers"),
        # the part of a contrast that names this sector
        ("We can offer both construction services but machinery.", "machinery-equipment",
         "Cooperation in machinery"),
        # a title cut short does not end on a word that leads nowhere
        ("We propose to make the most of the joint industrial cooperation projects already "
         "carried out in the fields of", "industrial-cooperation",
         "Make the most of the joint industrial cooperation projects already carried out in "
         "the fields"),
        # a title says what was discussed, not that it was
        ("The parties also discussed education and youth exchanges.", "education",
         "Cooperation in education"),
        ("The sides discussed the supply of Belarusian buses to the region.",
         "public-transport", "Supply of Belarusian buses to the region"),
        # the part of a list with this sector's words, whatever parts come before it
        ("We discussed projects from microelectronics, unmanned harvesters and food to "
         "veterinary drugs and new seeds – the plans for the years ahead.", "agriculture-food",
         "Food to veterinary drugs"),
        # a kind of machine that ends a long title, in a list naming the machines after it
        ("Belarus could supply passenger, municipal and agricultural vehicles to the region.",
         "public-transport", "Belarus could supply passenger vehicles"),
        # a long title keeps the words of its sector: it starts where their phrase does
        ("One of the most traditional and promising areas of cooperation between Belarus and "
         "the region for many years now is the supply of Belarusian elevators.", "elevators",
         "The supply of Belarusian elevators"),
        ("The governor said that in the coming years the region is planning to carry out a "
         "large-scale programme to renew the entire fleet of utility and road vehicles and "
         "invites Belarusian enterprises to take part.", "machinery-equipment",
         "Renew the entire fleet of utility and road vehicles"),  # (the invitation: its own)
        # a kind's machines are named in its own list, not in the phrase after it
        ("The President proposed joint work in healthcare, and the supply of equipment to the "
         "regional hospitals.", "healthcare", "Joint work in healthcare"),
        ("We propose cooperation in education, and the purchase of new machines for the "
         "region.", "education", "Cooperation in education"),
        # a list item that names its machines is not given them twice
        ("We are ready to supply buses, quarry machines, trucks and other machinery to the region.",
         "machinery-equipment", "Cooperation in quarry machines"),
    ],
)  # fmt: skip
def test_titles_read_as_titles(sentence: str, sector: str, title: str) -> None:
    proposals = extract(f"{MEETING}\n{sentence}").meeting["proposals"]
    assert title in [p["title"] for p in proposals if p["sector"] == sector]


def test_enterprises_with_their_legal_form_and_no_acronyms_of_things() -> None:
    offer = "Belarus is ready to supply machine tools to NPO Splav and OAO Planar, and DNA kits."
    text = f"{MEETING}\n{offer}"
    (proposal,) = extract(text).meeting["proposals"]
    assert proposal["enterprises"] == ["NPO Splav", "OAO Planar"]


def test_cooperation_under_way_is_an_area_of_cooperation() -> None:
    text = (
        f"{MEETING}\nThere are two assembly plants producing Belarusian equipment in your "
        "region: harvesters by Gomselmash and tractors of Minsk Tractor Works."
    )
    proposals = extract(text).meeting["proposals"]
    assert {p["sector"] for p in proposals} >= {"agricultural-machinery"}
    assert {"Gomselmash", "Minsk Tractor Works"} <= {e for p in proposals for e in p["enterprises"]}


def test_a_humanitarian_foundation_is_not_a_proposal() -> None:
    text = f"{MEETING}\nThis cooperation has a solid historical and humanitarian foundation."
    assert extract(text).meeting["proposals"] == []


def test_a_city_is_not_an_enterprise() -> None:
    text = f"{MEETING}\nMinsk's proposal is to supply tractors made by Gomselmash to Moscow."
    (proposal,) = extract(text).meeting["proposals"]
    assert proposal["enterprises"] == ["Gomselmash"]


def test_an_enterprise_goes_to_the_proposals_of_its_own_clause() -> None:
    text = (
        f"{MEETING}\nPetrov proposed expanding the assembly of MTZ tractors at a plant in the "
        "region and supplying Belarusian elevators for housing renovation."
    )
    by_sector = {p["sector"]: p["enterprises"] for p in extract(text).meeting["proposals"]}
    assert by_sector["elevators"] == [] and by_sector["agricultural-machinery"] == ["MTZ"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Belarus is ready to supply tractors; the Belagro expo showed Gomselmash harvesters.",
        "The Working Group proposed to supply Gomselmash harvesters to the region.",
    ],
)
def test_an_exhibition_or_a_working_group_is_not_an_enterprise(sentence: str) -> None:
    proposals = extract(f"{MEETING}\n{sentence}").meeting["proposals"]
    assert {e for p in proposals for e in p["enterprises"]} == {"Gomselmash"}


def test_a_surname_that_looks_like_an_enterprise_is_a_person() -> None:
    text = (
        f"{MEETING}\nWe are ready to supply electric buses to the region, Deputy Prime "
        "Minister Vladimir Semashko said, and V. Semashko named Gomselmash and Belkommunmash."
    )
    (proposal,) = extract(text).meeting["proposals"]
    assert proposal["enterprises"] == ["Gomselmash", "Belkommunmash"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The sides agreed to expand trade, economic, scientific and cultural cooperation.",
        "The governor thanked him for boosting trade, economic and cultural links.",
        "The plan covers trade-economic, scientific-technical and cultural cooperation.",
        "They discussed the economic, scientific and cultural relations of the two sides.",
    ],
)
def test_the_diplomatic_formula_names_no_sector(sentence: str) -> None:
    sectors = {p["sector"] for p in extract(f"{MEETING}\n{sentence}").meeting["proposals"]}
    assert not sectors & {"science-technology", "culture-youth"}


def test_science_and_culture_proposed_outside_the_formula_are_sectors() -> None:
    text = (
        f"{MEETING}\nThe governor proposed joint research in science and a festival of culture "
        "in the region, to strengthen trade, economic and cultural ties."
    )
    sectors = {p["sector"] for p in extract(text).meeting["proposals"]}
    assert {"science-technology", "culture-youth"} <= sectors


def test_what_is_not_a_noun_phrase_is_not_a_good() -> None:
    from coopbrowse.store.extract.goods import is_good

    for item in [
        "for enterprises of Chelyabinsk Oblast",  # a purpose
        "Buryatia's partner countries",  # a place's own
        "Grodno Azot began",  # the next clause's verb
        "pasteboard soared",
    ]:
        assert not is_good(item), item
    assert is_good("potash fertilizers") and is_good("machinery for lifting")


def test_a_vague_kind_of_goods_is_not_a_good() -> None:
    text = (
        f"{MEETING}\nBelarus imported from Omsk Oblast primarily sulfur, fish, peculiar "
        "goods, wool and tomatoes."
    )
    imports = extract(text).meeting["imports"]
    assert {"sulfur", "fish", "wool", "tomatoes"} <= set(imports)
    assert "peculiar goods" not in imports


def test_the_president_by_surname_alone_and_a_governor_by_post_and_surname() -> None:
    text = (
        "Lukashenko decided to expand into the Siberian market\n"
        "Lukashenko told Governor Travnikov and Ambassador Gryzlov that Belarus is ready to "
        "supply buses to Novosibirsk Oblast. Lukashenko stressed the importance of the region."
    )
    people = {p["role"]: (p["name"], p["title"]) for p in extract(text).meeting["participants"]}
    assert people["host"] == ("Lukashenko", "President of Belarus")
    assert people["guest"] == ("Travnikov", "Governor of Novosibirsk Oblast")


def test_the_presidents_surname_as_a_possessive_is_no_host() -> None:
    text = (
        "Governor of Omsk Oblast Sergei Orlov visited Minsk. According to Lukashenko's press "
        "service, the sides discussed supplies of tractors. Lukashenko's aide was there."
    )
    roles = {p["role"] for p in extract(text).meeting["participants"]}
    assert "host" not in roles


def test_people_named_in_full_come_before_a_surname_alone() -> None:
    """The surname rules are the last resort: a Belarusian named in full is the host, a
    governor named in full is the guest once (not again by "Governor <surname>"), and a
    Belarusian governor's surname is not the region's guest."""

    def people(text: str) -> list[tuple[str, str]]:
        return [(p["name"], p["role"]) for p in extract(text).meeting["participants"]]

    lead = "MINSK, 5 March 2025 (BelTA) - "
    found = people(
        f"{lead}Belarus and Kursk Oblast agreed to expand cooperation in agriculture.\n"
        "Prime Minister of Belarus Roman Golovchenko noted that the tasks set by Lukashenko "
        "and Putin are being fulfilled. Governor of Kursk Oblast Alexander Khinshtein thanked "
        "the Belarusian side. The agreements reached by Lukashenko are being implemented."
    )
    assert found[:2] == [("Roman Golovchenko", "host"), ("Alexander Khinshtein", "guest")]
    found = people(
        f"{lead}A delegation of Kursk Oblast is visiting Minsk.\nGovernor of Kursk Oblast "
        "Alexander Khinshtein said the region is interested in Belarusian tractors. Governor "
        "Khinshtein also noted that trade grew."
    )
    assert found == [("Alexander Khinshtein", "guest")]
    found = people(
        f"{lead}A delegation of Kursk Oblast held talks in Brest.\nBrest Oblast Governor Pyotr "
        "Parkhomchik welcomed the guests. Governor Parkhomchik said the region is ready to "
        "supply milk. Deputy Governor of Kursk Oblast Ivan Petrov thanked the hosts."
    )
    assert found[:2] == [("Pyotr Parkhomchik", "host"), ("Ivan Petrov", "guest")]


def test_a_guest_visiting_belarus_is_the_regions() -> None:
    text = (
        "Negotiations with the Governor of Murmansk Oblast\n"
        "Andrey Chibis is visiting Belarus for the third time as head of the region, Aleksandr "
        "Lukashenko noted. Belarus is ready to supply buses to the region."
    )
    guests = [p["name"] for p in extract(text).meeting["participants"] if p["role"] == "guest"]
    assert guests == ["Andrey Chibis"]


def test_a_bodys_last_word_is_not_the_first_name_of_its_head() -> None:
    text = (
        "Chairperson of the Grodno Oblast Council of Deputies Elena Pasyuta met with Deputy "
        "Chairman of the Nizhny Novgorod Oblast Legislative Assembly Committee on Social "
        "Issues Solomon Apoyan."
    )
    people = {p["role"]: p["name"] for p in extract(text).meeting["participants"]}
    assert people["host"] == "Elena Pasyuta" and people["guest"] == "Solomon Apoyan"


def test_a_belarusian_region_buying_is_belarus_importing() -> None:
    text = (
        "The governors of Minsk Region and Vladimir Oblast signed an agreement. The main "
        "export items are meat products and tractor parts. Minsk Region imports plastic, "
        "linoleum and construction wood products."
    )
    meeting = extract(text).meeting
    assert any("linoleum" in g for g in meeting["imports"])
    assert not any("wood" in g or "linoleum" in g for g in meeting["exports"])


def test_a_range_of_goods_is_the_goods() -> None:
    assert goods("Our country buys a broad range of chemicals from the region.") == (
        [],
        ["chemicals"],
    )
    assert goods("Belarus sells a wide range of products there.") == ([], [])


def test_a_kind_of_a_vague_good_named_before_is_another_good() -> None:
    text = (
        "Belarus supplies machinery to the region. Belarus is ready to supply forestry and "
        "road machinery."
    )
    assert goods(text) == (["machinery", "forestry machinery", "road machinery"], [])


def test_what_belarus_produces_is_on_offer() -> None:
    assert goods("Besides, Belarus produces high quality furniture and knitwear.") == (
        ["furniture", "knitwear"],
        [],
    )
    assert goods("The mines need haulers, and Belarus produces such trucks.") == (["trucks"], [])


def test_a_short_last_line_cut_off_after_a_whole_sentence_is_read() -> None:
    text = (
        f"{MEETING}\nThe governor thanked the hosts for the warm welcome in Minsk.\n"
        "The region also buys Belarusian buses. The governor then"
    )
    assert extract(text).meeting["exports"] == ["buses"]


def test_a_count_of_kinds_is_not_a_good() -> None:
    text = (
        f"{MEETING}\nOmsk Oblast imports nearly 200 commodity groups from Belarus. Almost the "
        "same amount is exported from Omsk Oblast. The region purchases Belarusian trucks."
    )
    meeting = extract(text).meeting
    goods = [*meeting["exports"], *meeting["imports"]]
    assert "trucks" in meeting["exports"]
    assert not any("groups" in g or "amount" in g for g in goods), goods


@pytest.mark.parametrize(
    ("sentence", "sector"),
    [
        (
            "The governor invited Belarusian firms to the special economic zone of the region.",
            "industrial-cooperation",
        ),
        (
            "The agreement proposes the mutual exchange of technologies between the regions.",
            "science-technology",
        ),
    ],
)
def test_an_economic_zone_and_an_exchange_of_technologies(sentence: str, sector: str) -> None:
    sectors = {p["sector"] for p in extract(f"{MEETING}\n{sentence}").meeting["proposals"]}
    assert sector in sectors


@pytest.mark.parametrize(
    "sentence",
    [
        'Alexander Lukashenko met with the leader of the "DPR" Denis Pushilin.',
        "Alexander Lukashenko met with the head of the “DPR” Denis Pushilin.",
        "Alexander Lukashenko met with the leader of the DPR Denis Pushilin.",
    ],
)
def test_a_leader_and_a_region_set_off_in_quotes(sentence: str) -> None:
    meeting = extract(f"On September 19, {sentence}").meeting
    guests = [(p["name"], p["title"]) for p in meeting["participants"] if p["role"] == "guest"]
    assert meeting["region"] == "Donetsk People's Republic"
    assert len(guests) == 1 and guests[0][0] == "Denis Pushilin"
    assert guests[0][1].endswith("of the Donetsk People's Republic")


def test_what_a_good_is_worth_is_no_part_of_it() -> None:
    text = (
        f"{MEETING}\nContracts were signed for the supply of Belarusian food products worth "
        "14.6 billion Russian rubles."
    )
    exports = extract(text).meeting["exports"]
    assert "food products" in exports
    assert not any("worth" in g or "14" in g for g in exports), exports


def test_the_words_before_what_a_company_is_are_not_its_name() -> None:
    text = f"{MEETING}\nThe Belarusian company Amkodor offers its road-building machinery."
    (proposal,) = extract(text).meeting["proposals"]
    assert proposal["enterprises"] == ["Amkodor"]  # (not "The Belarusian")


def test_agricultural_named_before_another_kind_of_machinery() -> None:
    text = f"{MEETING}\nBelarus is ready to supply agricultural and heavy mining machinery."
    sectors = {p["sector"] for p in extract(text).meeting["proposals"]}
    assert "agricultural-machinery" in sectors
    # (agricultural products are still food)
    text = f"{MEETING}\nBelarus is ready to supply agricultural products, machinery and equipment."
    sectors = {p["sector"] for p in extract(text).meeting["proposals"]}
    assert "agricultural-machinery" not in sectors and "agriculture-food" in sectors


def test_financial_programs_offered_are_trade_finance() -> None:
    text = f"{MEETING}\nBelarus can offer the region tailored financial schemes for its goods."
    sectors = {p["sector"] for p in extract(text).meeting["proposals"]}
    assert sectors == {"trade-finance"}


def test_special_machinery_is_machinery() -> None:
    for sentence in (
        "The governor said the region plans to buy specialized vehicles in Belarus.",
        "Belarus intends to supply special and agricultural machinery to the region.",
    ):
        sectors = {p["sector"] for p in extract(f"{MEETING}\n{sentence}").meeting["proposals"]}
        assert "machinery-equipment" in sectors, sentence


def test_concrete_as_specific_is_not_the_building_material() -> None:
    def sectors(sentence: str) -> set[str]:
        return {p["sector"] for p in extract(f"{MEETING}\n{sentence}").meeting["proposals"]}

    assert "construction" not in sectors(
        "We are ready to work out concrete agreements and move in concrete directions."
    )
    assert "construction" in sectors("The region is ready to supply concrete to Belarusian sites.")


def test_trade_told_as_a_figure_or_a_target_is_not_a_proposal() -> None:
    # (an aim to grow it is one: tests/test_extract.py, growing trade as an aim; a target
    # with its figure is not, as most real reports' labels have it: 001, 002, 005, 114, 153)
    for sentence in (
        "Mutual trade and the trade turnover grew by 12% this year.",
        "We should increase mutual trade to $1 billion this year.",
        "Trade turnover reached $520 million, up 7%.",
    ):
        assert extract(f"{MEETING}\n{sentence}").meeting["proposals"] == [], sentence


# --- round of 2026-12-04 (evening) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "exports", "imports"),
    [
        # whoever supplies Belarus or its makers with a good, Belarus buys it
        (
            "The region is ready to supply Belarus with wheat and rapeseed.",
            [],
            ["wheat", "rapeseed"],
        ),
        ("The governor said they could provide Belarusian plants with coal.", [], ["coal"]),
        # the region as the subject, with a modal before its verb
        ("The region is ready to supply barley and oats.", [], ["barley", "oats"]),
        ("Omsk Oblast could also export flax to Belarus.", [], ["flax"]),
        # from whom, told before what: "imports from Belarus tractors"
        ("Omsk Oblast imports from Belarus buses and elevators.", ["buses", "elevators"], []),
        # Belarus supplying the region is still Belarus's export
        ("Belarus is ready to supply the region with seeders.", ["seeders"], []),
    ],
)
def test_the_side_that_supplies_whoever_names_it(
    sentence: str, exports: list[str], imports: list[str]
) -> None:
    assert goods(sentence) == (exports, imports)


def sectors_of(sentence: str) -> set[str]:
    return {p["sector"] for p in extract(f"{MEETING}\n{sentence}").meeting["proposals"]}


def test_chemistry_is_the_chemical_sector() -> None:
    """ "We are interested in Belarus' know-how in electronics and chemistry": chemistry,
    as chemicals, is the chemical sector."""
    assert "chemicals" in sectors_of(
        "We are interested in Belarus' know-how in electronics and chemistry."
    )


def test_a_run_of_kinds_before_industries_names_their_sectors() -> None:
    assert sectors_of(
        "The sides see shared interests in the manufacturing, agricultural and transport "
        "industries."
    ) == {"industrial-cooperation", "agriculture-food", "transport-logistics"}
    assert sectors_of("Belarus is interested in the construction and energy sectors there.") == {
        "construction",
        "energy",
    }
    # a kind's word whole ("machine-building" is not building), and not the formula
    assert "construction" not in sectors_of(
        "We propose to cooperate in the machine-building and chemical industries."
    )
    assert (
        sectors_of("The sides agreed to develop the trade, economic and cultural spheres.") == set()
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the weekday fits 2025 first, counting from the latest year the text speaks of (2023)
        (
            "The governor of Omsk Oblast will meet Belarusian officials on Tuesday, "
            "October 14. They signed a roadmap in 2023.",
            "2025-10-14",
        ),
        # "by the end of 2023" reporting how things stood is a year the text speaks of
        (
            "A working group of Omsk Oblast is to be received on Monday, September 23. By the "
            "end of 2023 Belarus was among the region's main partners.",
            "2024-09-23",
        ),
        # the day, then its weekday in brackets
        ("Ivan Petrov met Sergei Orlov on 9 March (Sunday). Trade fell in 2024.", "2025-03-09"),
    ],
)
def test_a_weekday_written_with_the_day_tells_its_year(text: str, expected: str) -> None:
    assert extract(text).meeting["date"] == expected


def test_a_weekday_that_fits_no_year_near_the_text_tells_nothing() -> None:
    # 14 October is a Tuesday in 2025, not in 2022-2024: no year is made up
    text = "Ivan Petrov met Sergei Orlov on Tuesday, October 14. The plan of 2022 was signed."
    assert extract(text).meeting["date"] == ""


def test_a_year_whose_end_or_results_are_reported_is_over() -> None:
    text = f"{MEETING} They met on 5 March. At the end of 2022, trade amounted to $100 million."
    assert extract(text).meeting["date"] == "2023-03-05"
    # and a year a plan runs to tells nothing of when the report was written
    text = f"{MEETING} They met on 5 March. Trade should reach $1 billion by the end of 2026."
    assert extract(text).meeting["date"] == ""


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        # a year's figure, named in other ways than "in 2021, trade amounted to"
        ("Last year (2021) exports grew by a fifth.", "2022-03-05"),
        ("The 2021 trade turnover was $90 million.", "2022-03-05"),
        ("The trade turnover of 2021 amounted to $90 million.", "2022-03-05"),
        ("Trade grew 1.5 times in 2021.", "2022-03-05"),
        ("Trade has grown by 12% in 2021.", "2022-03-05"),
        ("In 2021, trade made up $90 million.", "2022-03-05"),
        ("In 2021, trade came to $90 million.", "2022-03-05"),
        ("In 2021, trade went up by 20%.", "2022-03-05"),
        ("In 2021, trade has grown by 20%.", "2022-03-05"),
        # this year's months against the same period of the year before
        (
            "In January-May trade grew by 20% compared to the same period of 2021. They met "
            "again on 5 June.",
            "2022-06-05",
        ),
        # not the year of a part of it ("quarter of 2021 exports")
        ("In the first half of 2021 exports grew by 20%. They met on 5 August.", "2021-08-05"),
        # a part of a year that ends in or after the day's month: the report is the next year's
        ("In January-November 2021, trade reached $90 million.", "2022-03-05"),
        ("In the first quarter of 2021 exports grew by 20%.", "2022-03-05"),
        # later in the year, such a part says nothing of the year
        ("In January-September 2021, trade grew. They met again on 5 June.", ""),
    ],
)
def test_more_ways_a_finished_or_running_year_is_told(said: str, expected: str) -> None:
    text = f"{MEETING} They met on 5 March. {said}"
    if "5 August" in said or "5 June" in said:  # (the day is in "said")
        text = f"{MEETING} {said}"
    assert extract(text).meeting["date"] == expected


def test_a_date_of_publication_line_is_the_pages_date() -> None:
    draft = extract(f"Date of publication: 12 November 2022\n\n{MEETING}")
    assert draft.meeting["source"]["published"] == "2022-11-12"


@pytest.mark.parametrize(
    ("sentence", "exports"),
    [
        ("Over 40 trolleybuses have already been handed over to the city.", ["trolleybuses"]),
        (
            "Some 15 harvesters from the Gomel Harvester Plant have been shipped to farms.",
            ["harvesters"],
        ),
        ("More than 200 elevators has been delivered to the region since 2019.", ["elevators"]),
    ],
)
def test_goods_that_have_been_handed_over_or_shipped(sentence: str, exports: list[str]) -> None:
    assert goods(sentence) == (exports, [])


def test_a_good_named_with_a_belarusian_makers_name_is_an_export() -> None:
    # whatever the sentence says of it: a Belarusian make is a Belarusian good
    assert goods("Farms of the region run 400 MTZ tractors and Amkodor loaders.") == (
        ["MTZ tractors", "Amkodor loaders"],
        [],
    )
    # the good right after the name, not one further on
    exports = goods("The harvesters of Gomselmash and tractors of MTZ were assembled there.")[0]
    assert not any("Gomselmash" in g for g in exports)
    # nor the same good again, named with its maker
    assert goods("Belarus supplies trolleybuses. Belkommunmash trolleybuses run there.") == (
        ["trolleybuses"],
        [],
    )


@pytest.mark.parametrize(
    ("sentence", "exports"),
    [
        # the kinds after "Belarusian machinery such as" (not only after "goods such as")
        (
            "The region uses Belarusian equipment such as seeders and balers.",
            ["seeders", "balers"],
        ),
        # the receiver, then whose goods: "offer the region its ..."
        ("Belarus can offer the region its mowers and sprayers.", ["mowers", "sprayers"]),
        # "is dominated by", as "are dominated by"
        ("The structure of exports is dominated by cheese and butter.", ["cheese", "butter"]),
    ],
)
def test_more_shapes_of_a_list_of_exports(sentence: str, exports: list[str]) -> None:
    assert goods(sentence) == (exports, [])


@pytest.mark.parametrize(
    ("sentence", "exports"),
    [
        ("The governor praised Belarusian cheese and sausages.", ["cheese", "sausages"]),
        ("Belarus-made loaders and excavators work in the quarries.", ["loaders", "excavators"]),
        ("People there know and love Belarusian knitwear.", ["knitwear"]),
    ],
)
def test_any_good_of_the_lexicon_named_as_belarusian(sentence: str, exports: list[str]) -> None:
    assert goods(sentence) == (exports, [])


def test_who_then_what_they_do_is_no_kind_of_good() -> None:
    # "Belarusian enterprises buy timber": the buyers, not "enterprises buy timber"; where
    # they buy it is no part of the good
    assert goods("Belarusian enterprises buy timber in the region.") == ([], ["timber"])


@pytest.mark.parametrize(
    ("sentence", "sector"),
    [
        ("Twinning agreements between ten districts are to be signed.", "culture-youth"),
        ("The sides discussed opening a Belarusian trading house in Omsk.", "trade-finance"),
        ("Belarus is ready to take part in the gasification of rural areas.", "energy"),
    ],
)
def test_twinning_a_trading_house_and_gasification(sentence: str, sector: str) -> None:
    assert sector in sectors_of(sentence)


def test_a_figure_for_several_years_together_is_not_the_last_years() -> None:
    text = f"{MEETING} They met on 5 June 2020. Over 2017-2019 trade totalled $240 million."
    draft = extract(text)
    assert [(t["period"], t["usd_millions"]) for t in draft.meeting["trade"]] == [
        ("2017..2019", 240.0)
    ]
    draft.to_meeting()  # a valid period


@pytest.mark.parametrize(
    ("said", "period"),
    [
        ("Trade for 2018 and 9 months of 2019 amounted to $110 million.", "2018-01..2019-09"),
        ("In 2017 and 2018 trade amounted to $110 million.", "2017..2018"),
    ],
)
def test_a_figure_for_two_periods_told_as_one(said: str, period: str) -> None:
    draft = extract(f"{MEETING} They met on 5 June 2020. {said}")
    assert [(t["period"], t["usd_millions"]) for t in draft.meeting["trade"]] == [(period, 110.0)]
    draft.to_meeting()


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("In 2019 trade increased by $20 million to $140 million.", [("2019", "turnover", 140.0)]),
        (
            "In 2019 exports went up by $5 million and amounted to $90 million.",
            [("2019", "exports", 90.0)],
        ),
        ("In 2019 trade grew by almost $20 million.", []),
    ],
)
def test_how_much_a_figure_moved_is_not_a_figure(
    said: str, expected: list[tuple[Any, ...]]
) -> None:
    trade = extract(f"{MEETING} They met on 5 June 2020. {said}").meeting["trade"]
    assert [(t["period"], t["metric"], t["usd_millions"]) for t in trade] == expected


def test_an_amount_with_the_currency_after_it() -> None:
    text = f"{MEETING} They met on 5 June 2020. In 2019 the turnover reached 120 mln USD."
    trade = extract(text).meeting["trade"]
    assert [(t["period"], t["usd_millions"]) for t in trade] == [("2019", 120.0)]


def test_the_presidents_surname_as_the_subject_of_the_meeting_or_in_the_headline() -> None:
    assert host_and_guest("Lukashenko met with Governor of Omsk Oblast Sergei Orlov.") == (
        "Lukashenko",
        "Sergei Orlov",
    )
    text = (
        "Lukashenko: the regions are the basis of our union\n\n"
        "At today's meeting with Governor of Omsk Oblast Sergei Orlov, the President of "
        "Belarus spoke of the importance of the regions for the two countries."
    )
    assert host_and_guest(text) == ("Lukashenko", "Sergei Orlov")
    # the surname in a headline alone, and no President in the report, is no host
    text = (
        "Lukashenko's plans for the regions\n\n"
        "The governor of Omsk Oblast Sergei Orlov met the Minsk City Council delegation today."
    )
    assert host_and_guest(text)[0] == ""


def test_tourism_is_no_sector() -> None:
    # the taxonomy has no sector for it, and it is not culture (medical tourism is healthcare)
    assert sectors_of("We propose to develop tourism between our regions.") == set()
    assert sectors_of("The sides discussed cooperation in culture, sports and tourism.") == {
        "culture-youth"
    }
    assert "healthcare" in sectors_of("We are ready to develop medical tourism together.")


@pytest.mark.parametrize(
    "when", ["last week", "the other day", "a few days ago", "on Friday last week"]
)
def test_a_meeting_some_days_before_the_page_is_not_dated_by_it(when: str) -> None:
    text = f"Posted: 10.12.2022\n\nIvan Petrov met with Governor of Omsk Oblast Oleg Ivin {when}."
    assert extract(text).meeting["date"] == ""


def test_goods_supplied_to_the_republic_of_belarus_are_imports() -> None:
    assert goods("The Vektor company supplies vaccines to the Republic of Belarus.") == (
        [],
        ["vaccines"],
    )


def test_a_town_in_sk_is_not_an_enterprise() -> None:
    # "-zavod-", "-neft-" make an enterprise's word, but not a town's name ending in "-sk"
    text = f"{MEETING}\nNeftekamsk and Petrozavodsk are ready to develop joint ventures."
    names = {e for p in extract(text).meeting["proposals"] for e in p["enterprises"]}
    assert names == set()


def test_partners_as_the_object_are_not_the_ones_selling() -> None:
    # "we help our partners and ship ...": we ship; "our partners have supplied ...": they do
    assert goods("We help our partners and ship our seeders and mowers there.") == (
        ["seeders", "mowers"],
        [],
    )
    assert goods("Our partners have already supplied turbines.") == ([], ["turbines"])


def test_goods_supplied_by_the_region_are_imports() -> None:
    assert goods("The cotton and yarn supplied by the region are of interest for Belarus.") == (
        [],
        ["cotton", "yarn"],
    )


def test_engineering_and_timber_processing_in_a_list_of_areas() -> None:
    assert sectors_of(
        "Among the main areas of cooperation are timber processing, engineering and farming."
    ) == {"industrial-cooperation", "machinery-equipment", "agriculture-food"}
    # civil engineering is building
    assert sectors_of("We propose cooperation in civil engineering and agriculture.") == {
        "construction",
        "agriculture-food",
    }


@pytest.mark.parametrize(
    ("sentence", "exports", "imports"),
    [
        # goods said to be popular there, named after "in particular"
        (
            "Belarusian goods are very popular there, in particular cheese and confectionery.",
            ["cheese", "confectionery"],
            [],
        ),
        # how much a supply grew is no part of the good
        ("We increased the supply of vegetable oils eightfold.", ["vegetable oils"], []),
        # Belarus interested in renewing a fleet would sell, not buy, its vehicles
        ("Belarus is interested in programs to renew the region's fleet of trams.", ["trams"], []),
    ],
)
def test_popular_goods_growth_and_a_fleet_renewed(
    sentence: str, exports: list[str], imports: list[str]
) -> None:
    assert goods(sentence) == (exports, imports)


def test_goods_from_a_region_of_belarus_are_belarus_s_and_dairy_kinds() -> None:
    assert goods(
        "We can supply more food to the region, first of all cheese from Brest Oblast."
    ) == (
        ["food", "cheese"],
        [],
    )
    assert goods("Belarus is ready to supply kefir, yogurts and ice cream there.") == (
        ["kefir", "yogurts", "ice cream"],
        [],
    )


def test_how_many_and_how_often_are_no_part_of_a_good() -> None:
    # "7 million tyres a year", and the next clause ("and plans to buy") is not a good
    assert goods(
        "Belarus produces 7 million tyres a year and plans to buy rubber from the region."
    ) == (
        ["tyres"],
        ["rubber"],
    )


def test_an_adverb_before_a_list_of_areas_and_health() -> None:
    assert sectors_of("The sides hope to cooperate further in education, culture and health.") == {
        "education",
        "culture-youth",
        "healthcare",
    }


def test_a_page_date_in_russian() -> None:
    draft = extract(f"Petrov meets Orlov\n\n24 марта 2020\n\n{MEETING}")
    assert draft.meeting["source"]["published"] == "2020-03-24"


def test_the_presidents_surname_once_beside_his_post_in_the_report() -> None:
    text = (
        "Governor of Omsk Oblast Sergei Orlov is on a visit to Belarus. Today he was received "
        "by the head of state. Lukashenko said the region is an important partner."
    )
    assert host_and_guest(text) == ("Lukashenko", "Sergei Orlov")


def test_a_plans_span_does_not_hide_a_finished_year() -> None:
    text = (
        f"{MEETING} They met on 5 June. The sides will sign a roadmap for 2024-2026. In 2022, "
        "trade amounted to $300 million."
    )
    assert extract(text).meeting["date"] == "2023-06-05"
    # a span alone tells no year
    text = f"{MEETING} They met on 5 June. The sides will sign a roadmap for 2024-2026."
    assert extract(text).meeting["date"] == ""
    # a plan's year is read in its own sentence, not in the next ("will sign ... 2024-2026.
    # In 2022, ...")
    text = f"{MEETING} They met on 5 June. We will meet again. In 2022, trade grew by 20%."
    assert extract(text).meeting["date"] == "2023-06-05"


@pytest.mark.parametrize(
    "sentence",
    [
        "Belarus is ready to supply fire engines and road sweepers to the region.",
        "Belarus can supply forestry equipment to the timber companies of the region.",
    ],
)
def test_municipal_and_forestry_machines_are_machinery(sentence: str) -> None:
    assert sectors_of(sentence) == {"machinery-equipment"}


@pytest.mark.parametrize(
    ("sentence", "sector"),
    [
        (
            "They also talked about establishing twin-city relations between their towns.",
            "culture-youth",
        ),
        ("The Belarusian side offered to build frame-panel houses in the region.", "construction"),
        (
            "We should increase the exports of the woodworking industry to the region.",
            "industrial-cooperation",
        ),
    ],
)
def test_twin_cities_houses_built_and_woodworking(sentence: str, sector: str) -> None:
    assert sectors_of(sentence) == {sector}


@pytest.mark.parametrize(
    ("told", "expected"),
    [
        ("Trade grows. We like it. The talks took place on 5 December in Minsk.", "2022-12-05"),
        ("Trade grows. We like it. On 5 December he was received by the minister.", "2022-12-05"),
        # not an earlier meeting's day
        ("Trade grows. We like it. The first meeting was held on 5 June 2019.", "2022-12-10"),
    ],
)
def test_the_meetings_day_told_further_on(told: str, expected: str) -> None:
    text = f"Posted: 10.12.2022\n\nIvan Petrov met with Governor of Omsk Oblast Oleg Ivin. {told}"
    assert extract(text).meeting["date"] == expected


@pytest.mark.parametrize(
    ("sentence", "exports"),
    [
        ("The region plans to purchase up to 100 trolleybuses.", ["trolleybuses"]),
        ("Belarus is ready to supply more than 20 harvesters.", ["harvesters"]),
        ("The region could use Belarusian balers and seed drills.", ["balers", "seed drills"]),
    ],
)
def test_how_many_before_a_good_and_farm_implements(sentence: str, exports: list[str]) -> None:
    assert goods(sentence) == (exports, [])


def test_everything_needed_and_what_a_good_replaces_are_no_goods() -> None:
    assert goods("Belarus is ready to supply everything you need for the harvest.") == ([], [])
    assert goods("He suggested that the region buy Belarusian trams instead of foreign ones.") == (
        ["trams"],
        [],
    )


def test_the_head_of_a_belarusian_delegation_is_the_host() -> None:
    text = (
        "The Belarusian delegation headed by Industry Minister Oleg Ivanov met with Governor of "
        "Omsk Oblast Sergei Orlov."
    )
    assert host_and_guest(text) == ("Oleg Ivanov", "Sergei Orlov")
    text = "A Belarusian government delegation led by Ivan Petrov met Governor Sergei Orlov."
    assert host_and_guest(text)[0] == "Ivan Petrov"


def test_a_title_runs_on_over_st_and_a_vice_governor() -> None:
    assert people("He met with Governor of St. Petersburg Ivan Sidorov.") == [
        ("Ivan Sidorov", "Governor of Saint Petersburg", "russia")
    ]
    assert people("He met with Vice-Governor of St. Petersburg Ivan Sidorov.") == [
        ("Ivan Sidorov", "Vice-Governor of Saint Petersburg", "russia")
    ]


def test_our_goods_in_the_belarusian_sides_words_read_the_whole_lexicon() -> None:
    text = f"{MEETING}\n“Our cheese and sausages are known in your region,” Ivan Petrov said."
    assert extract(text).meeting["exports"] == ["cheese", "sausages"]


def test_a_run_of_kinds_of_potential_is_no_science_or_culture() -> None:
    assert "science-technology" not in sectors_of(
        "We should make greater use of the industrial, scientific, technological and human "
        "potential of our regions."
    )
    assert "science-technology" in sectors_of("We propose joint research with your universities.")


def test_the_maker_named_after_a_good_is_no_part_of_it() -> None:
    assert goods("Belarus supplies trucks of the Minsk Automobile Plant and buses there.") == (
        ["trucks", "buses"],
        [],
    )


@pytest.mark.parametrize(
    "said",
    [
        # a figure with "was", "made", "constituted", "surpassed" for a year: the year is over
        "Trade turnover was $90 million in 2021.",
        "In 2021, trade between Belarus and the region made $90 million.",
        "In 2021 the bilateral trade constituted $90 million.",
        "Trade turnover surpassed $90 million in 2021.",
        "In 2021, trade came close to $90 million.",
        # "during" and a sentence opening "Over" give the year as "in" does
        "During 2021 the trade grew by 10%.",
        "Over 2021, trade amounted to $90 million.",
    ],
)
def test_a_finished_year_told_with_was_made_during_or_over(said: str) -> None:
    assert extract(f"{MEETING} They met on 5 March. {said}").meeting["date"] == "2022-03-05"


@pytest.mark.parametrize(
    "said",
    [
        "The task was to reach $90 million in 2021.",  # a goal, not a figure
        "The goal was $90 million in 2021.",
        "Exports grew by 10% over 2021.",  # a comparison's base
    ],
)
def test_a_goals_year_or_a_comparisons_base_is_not_a_finished_year(said: str) -> None:
    assert extract(f"{MEETING} They met on 5 March. {said}").meeting["date"] == ""


KURSK = (
    "MOSCOW, 16 March (BelTA) - Belarusian Ambassador to Russia Dmitry Krutoi held talks with "
    "Kursk Oblast Governor Roman Starovoit on 15 March."
)


@pytest.mark.parametrize(
    ("url", "date"),
    [
        (
            "https://eng.belta.by/economics/view/kursk-invites-manufacturers-156790-2024",
            "2024-03-15",
        ),
        ("http://law.by/news/news/2016/march/21671/", "2016-03-15"),
        ("https://www.example.com/2023/03/16/kursk-invites-manufacturers/", "2023-03-15"),
        ("https://en.example.ru/en/1812371/2022-03-16/kursk-invites", "2022-03-15"),
        # one number for the day, a segment of its own (RIA, Sputnik), not part of an id
        ("https://sputnik.example/20210316/kursk-invites-1047.html", "2021-03-15"),
        ("https://www.example.com/news/202103161/kursk-invites/", ""),
        ("https://www.example.com/news/20210316.html", ""),  # (an id, as likely)
        # a Unix time of publication, the day after the meeting
        ("https://president.gov.by/en/events/vstreca-s-gubernatorom-1710604800", "2024-03-15"),
        # a long number that is no time near the day written tells nothing
        ("https://president.gov.by/en/events/vstreca-s-gubernatorom-1690604800", ""),
        ("https://president.gov.by/en/events/meeting-with-governor-11466", ""),
    ],
)
def test_the_year_of_a_day_from_a_date_in_the_pages_address(url: str, date: str) -> None:
    draft = extract(KURSK, url=url)
    assert draft.meeting["date"] == date
    if date:
        assert draft.meeting["date_inferred"] is True
        assert any("address" in flag for flag in draft.flags)
    # the page's own address on a line of the text serves as well
    assert extract(f"{KURSK}\nSource: {url}").meeting["date"] == date


def test_a_full_date_in_the_address_dates_a_report_of_the_days_meeting() -> None:
    text = (
        "Belarusian Prime Minister Roman Golovchenko met with Governor of Kirov Oblast "
        "Alexander Sokolov."
    )
    draft = extract(text, url="https://www.example.com/2023/05/03/golovchenko-meets-sokolov/")
    assert draft.meeting["source"]["published"] == "2023-05-03"
    assert draft.meeting["date"] == "2023-05-03"
    # a date the page gives itself wins over the address's
    dated = extract(f"4 May 2023\n\n{text}", url="https://www.example.com/2023/05/03/x/")
    assert dated.meeting["source"]["published"] == "2023-05-04"


@pytest.mark.parametrize(
    "line",
    [
        "By Ivan Petrov | March 15, 2024",
        "15 March 2024 | Author: Ivan Petrov",
        "March 15, 2024 by Ivan Petrov",
        "Belarus News | 15.03.2024",
        "Home / News / Politics / 15 March 2024",
        "2024.03.15",  # the year first, with dots
    ],
)
def test_the_pages_date_beside_a_byline_or_its_sections_name(line: str) -> None:
    for text in (
        f"{line}\n\nPetrov and Orlov talk trade\n\n{MEETING}",
        f"Petrov and Orlov talk trade\n\n{line}\n\n{MEETING}",
    ):
        draft = extract(text)
        assert draft.meeting["source"]["published"] == "2024-03-15"
        assert draft.meeting["date"] == "2024-03-15"


@pytest.mark.parametrize(
    "line",
    [
        "Lukashenko meets Kirov governor 15.03.2024",  # a headline that ends in a date
        "Belarus, Russia discuss trade | 15.03.2024",  # another item's headline
    ],
)
def test_a_headline_with_a_date_is_not_the_pages_date_line(line: str) -> None:
    assert extract(f"{line}\n\n{MEETING}").meeting["source"]["published"] is None


def test_a_short_last_line_cut_off_right_under_the_body_is_read() -> None:
    page = (
        f"{MEETING} The sides discussed supplies of machinery.\n\n"
        "In 2023 the trade between Belarus and Omsk Oblast totaled $202.2 m"
    )
    trade = extract(page).meeting["trade"]
    assert [(t["period"], t["usd_millions"]) for t in trade] == [("2023", 202.2)]
    # under a list of other items it is one more of them, not the report's
    listed = (
        f"{MEETING} The sides discussed supplies of machinery.\n\nRelated news\n\n"
        "Minsk\n\nIn 2023 the trade between Belarus and Omsk Oblast totaled $202.2 m"
    )
    assert extract(listed).meeting["trade"] == []


@pytest.mark.parametrize(
    ("said", "metric"),
    [
        ("Belarus supplied goods worth $300 million to Omsk Oblast in 2023.", "exports"),
        ("Belarus shipped $300 million worth of goods to the region in 2023.", "exports"),
        ("In 2023 Omsk Oblast purchased Belarusian products worth $300 million.", "exports"),
        ("Omsk Oblast supplied products worth $300 million to Belarus in 2023.", "imports"),
        ("In 2023 Belarus bought goods worth $300 million from Omsk Oblast.", "imports"),
    ],
)
def test_goods_sold_or_bought_for_a_sum_are_exports_or_imports(said: str, metric: str) -> None:
    trade = extract(f"{MEETING} {said}").meeting["trade"]
    assert [(t["period"], t["metric"], t["usd_millions"]) for t in trade] == [
        ("2023", metric, 300.0)
    ]


@pytest.mark.parametrize(
    "said",
    [
        "Belarus supplied 300 buses worth $30 million to Omsk Oblast in 2023.",  # one good
        "In 2023 Belarusian companies received orders worth $30 million.",  # orders
        "Belarus plans to supply goods worth $300 million to the region in 2025.",  # a plan
    ],
)
def test_a_sum_of_one_good_an_order_or_a_plan_is_no_figure(said: str) -> None:
    assert extract(f"{MEETING} {said}").meeting["trade"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Belarus offers the region supplies of equipment and food.",
        # (beside another sector, where a bare "equipment" counts for nothing)
        "We propose to expand the supply of Belarusian equipment and joint ventures.",
        "The sides discussed deliveries of equipment and cooperation in education.",
    ],
)
def test_equipment_as_what_is_supplied_is_machinery(sentence: str) -> None:
    assert "machinery-equipment" in sectors_of(sentence)


def test_equipment_for_something_alone_is_still_weak() -> None:
    sectors = sectors_of("We propose the supply of equipment for hospitals and clinics.")
    assert "machinery-equipment" not in sectors


@pytest.mark.parametrize(
    "sentence",
    [
        "We propose to expand supplies of construction and finishing materials.",
        "Belarus is ready to offer building, roofing and finishing materials.",
        "The region is interested in Belarusian finishing materials.",
    ],
)
def test_building_materials_named_in_a_run_of_kinds(sentence: str) -> None:
    assert "construction" in sectors_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The region is a good place for a joint manufacturing base with Belarusian plants.",
        "We propose promoting joint products to the markets of Siberia.",
        "We propose joint development of new types of machines.",
        "Joint work on component production is especially important now.",
        "We are interested in the production of components for our plants.",
    ],
)
def test_making_things_together_is_industrial_cooperation(sentence: str) -> None:
    assert "industrial-cooperation" in sectors_of(sentence)


def test_joint_development_leaves_the_kind_of_component_to_its_own_cue() -> None:
    sectors = sectors_of("This includes joint development of new types of automotive components.")
    assert {"industrial-cooperation", "automotive"} <= sectors
    # joint development of anything else is no industry
    assert "industrial-cooperation" not in sectors_of("We propose joint development of tourism.")


@pytest.mark.parametrize(
    ("sentence", "imports"),
    [
        # "your" in the Belarusian side's words: the region's goods, which Belarus would buy
        ("We would like to purchase more of your metal products.", ["metal products"]),
        (
            "We are interested in your oil products and fertilizers.",
            ["oil products", "fertilizers"],
        ),
        ("We are ready to buy your grain and timber.", ["grain", "timber"]),
        # the region's, a region's by name, Russian
        ("Belarus could become a market for the region's pharmaceuticals.", ["pharmaceuticals"]),
        ("Belarus is a market for Omsk Oblast's pharmaceuticals.", ["pharmaceuticals"]),
        ("Trade is dominated by Belarusian machinery and Russian oil products.", ["oil products"]),
    ],
)
def test_goods_said_to_be_the_regions_are_belarus_imports(
    sentence: str, imports: list[str]
) -> None:
    exports, found = goods(sentence)
    assert found == imports
    assert not set(exports) & set(imports)


@pytest.mark.parametrize(
    "sentence",
    [
        "We will meet the region's demand for tractors and trucks.",  # what it needs
        "The region is interested in Gomselmash's combines.",  # a Belarusian maker's
        "We are ready to supply tractors to your farms.",
    ],
)
def test_a_possessive_that_is_not_the_goods_owner_changes_nothing(sentence: str) -> None:
    assert goods(sentence)[1] == []


@pytest.mark.parametrize(
    ("sentence", "exports", "imports"),
    [
        (
            "The bulk of Belarusian exports is made up of trucks, tractors and milk products.",
            ["trucks", "tractors", "milk products"],
            [],
        ),
        (
            "Belarusian exports are mainly represented by trucks, buses and cheese.",
            ["trucks", "buses", "cheese"],
            [],
        ),
        (
            "Imports from the region are based on metal products and timber.",
            [],
            ["metal products", "timber"],
        ),
        (
            "The main goods imported from the region are rolled metal and coal.",
            [],
            ["rolled metal", "coal"],
        ),
        (
            "Belarusian exports to the region are led by tractors, followed by trucks and cheese.",
            ["tractors", "trucks", "cheese"],
            [],
        ),
        (
            "Exports consist mainly of machinery, food and furniture, imports of metals and "
            "chemicals.",
            ["machinery", "food", "furniture"],
            ["metals", "chemicals"],
        ),
    ],
)
def test_more_ways_a_list_of_exports_or_imports_is_told(
    sentence: str, exports: list[str], imports: list[str]
) -> None:
    assert goods(sentence) == (exports, imports)


@pytest.mark.parametrize(
    "said",
    [
        # last year compared with a year named: last year is the one after it
        "Last year trade grew by 10% compared to 2020.",
        "Last year the trade turnover increased by 10% over 2020 to $500 million.",
        "Trade exceeded $500 million last year, compared with $450 million in 2020.",
        "The trade turnover in the past year was $500 million, 10% up on 2020.",
        # a year's figure and last year's in one sentence: two years
        "In 2020 trade was $450 million, last year it reached $500 million.",
        # a finished year named beside "last year" or as the subject
        "Last year, 2021, trade amounted to $500 million.",
        "In the past year 2021, trade grew by 10%.",
        "2021 saw trade grow by 10%.",
    ],
)
def test_last_year_against_a_year_named_or_named_beside_it(said: str) -> None:
    draft = extract(f"{MEETING} They met on 5 March. {said}")
    assert draft.meeting["date"] == "2022-03-05"
    last_year = [t["period"] for t in draft.meeting["trade"] if t["usd_millions"] == 500.0]
    assert last_year in ([], ["2021"])  # a figure of last year is 2021's, not 2020's


def test_the_sides_seeing_potential_in_an_area_raise_it() -> None:
    assert "chemicals" in sectors_of("We see great potential in the chemical industry.")
    assert "metals" in sectors_of("The governor sees significant potential in metallurgy.")
    # a region that has potential is praised, not offered anything
    assert sectors_of("The region has a great potential in the chemical industry.") == set()


def test_producing_jointly_is_industrial_cooperation_beside_the_goods_own_sector() -> None:
    assert {"chemicals", "industrial-cooperation"} <= sectors_of(
        "We could jointly produce fertilizers in your region."
    )
    assert {"agricultural-machinery", "industrial-cooperation"} <= sectors_of(
        "We could make tractors together in the region."
    )


def test_energy_efficient_housing_is_building_not_energy() -> None:
    sectors = sectors_of("Belarus offers to build an energy-efficient housing estate.")
    assert sectors == {"construction"}
    assert "energy" in sectors_of("We propose cooperation in energy with the region.")


@pytest.mark.parametrize(
    ("said", "metric", "change"),
    [
        ("In 2021 trade doubled.", "turnover", 100.0),
        ("In 2021 Belarusian exports to the region tripled.", "exports", 200.0),
        ("In 2021 trade halved.", "turnover", -50.0),
    ],
)
def test_a_year_whose_trade_doubled_tripled_or_halved(
    said: str, metric: str, change: float
) -> None:
    trade = extract(f"{MEETING} They met on 5 March 2022. {said}").meeting["trade"]
    assert [(t["period"], t["metric"], t["usd_millions"], t["change_pct"]) for t in trade] == [
        ("2021", metric, None, change)
    ]


@pytest.mark.parametrize(
    "said",
    [
        "Trade has doubled over five years.",  # no period
        "Trade doubled since 2015.",  # a bound, not a period
        "We must double trade by 2025.",  # an aim
    ],
)
def test_doubling_with_no_period_or_as_an_aim_is_no_figure(said: str) -> None:
    assert extract(f"{MEETING} They met on 5 March 2022. {said}").meeting["trade"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Thursday's meeting between Belarusian Prime Minister Ivan Petrov and Governor of Omsk "
        "Oblast Sergei Orlov focused on trade.",
        f"{MEETING} The talks took place on Thursday.",
    ],
)
def test_a_weekday_of_the_meeting_told_otherwise_under_a_page_date(text: str) -> None:
    draft = extract(f"Posted: 15.03.2024 10:00\n\nPetrov and Orlov talk trade\n\n{text}")
    assert draft.meeting["date"] == "2024-03-14"  # the Thursday before the Friday page


def test_an_earlier_meetings_weekday_is_not_this_ones() -> None:
    text = f"{MEETING} The first meeting was held on Monday a year ago."
    draft = extract(f"Posted: 15.03.2024 10:00\n\nPetrov and Orlov talk trade\n\n{text}")
    assert draft.meeting["date"] == "2024-03-15"


def test_a_day_written_as_the_7th_of_february_in_the_meeting_sentence() -> None:
    text = (
        "Governor of Omsk Oblast Sergei Orlov was received by Belarusian Prime Minister Ivan "
        "Petrov on the 7th of February, 2024. In 2018 the first agreement was signed on 5 May."
    )
    assert extract(text).meeting["date"] == "2024-02-07"


def test_buying_from_a_belarusian_maker_is_belarus_selling() -> None:
    assert goods("The governor said the region plans to purchase 50 buses from MAZ.") == (
        ["buses"],
        [],
    )
    # from the region it is Belarus buying, as before
    assert goods("Belarusian enterprises buy metal from the region.") == ([], ["metal"])


@pytest.mark.parametrize(
    ("amount", "millions"),
    [
        ("$500mn", 500.0),
        ("$500 mn", 500.0),
        ("$1,2 billion", 1200.0),  # a decimal comma, as translations write it
        ("1,25 billion dollars", 1250.0),
        ("$12,5 million", 12.5),
        ("$1 billion 200 million", 1200.0),
        ("$1,200 million", 1200.0),  # a thousands comma, as before
        ("$1,250,000", 1.25),
        # a point grouping thousands, as translations write it (real report 101): English
        # gives a trailing zero no decimal place; other decimals stay decimals
        ("$2.650 million", 2650.0),
        ("$2.65 million", 2.65),
        ("$1.255 million", 1.255),
        ("$2.650 billion", 2650.0),
        ("$0.750 million", 0.75),  # (a group of thousands never starts with a zero)
    ],
)
def test_amounts_in_mn_with_a_decimal_comma_or_billions_and_millions(
    amount: str, millions: float
) -> None:
    text = f"{MEETING} They met on 5 March 2022. In 2021 trade amounted to {amount}."
    trade = extract(text).meeting["trade"]
    assert [(t["period"], t["usd_millions"]) for t in trade] == [("2021", millions)]


@pytest.mark.parametrize(
    ("said", "period"),
    [
        ("In the third quarter of 2021 trade amounted to $100 million.", "2021-07..2021-09"),
        ("In the 4th quarter of 2021 trade amounted to $100 million.", "2021-10..2021-12"),
        ("In the first three quarters of 2021 trade amounted to $100 million.", "2021-01..2021-09"),
        ("In the second quarter of 2021 trade amounted to $100 million.", "2021-04..2021-06"),
    ],
)
def test_the_third_and_fourth_quarters_and_the_first_three(said: str, period: str) -> None:
    trade = extract(f"{MEETING} They met on 5 March 2022. {said}").meeting["trade"]
    assert [(t["period"], t["usd_millions"]) for t in trade] == [(period, 100.0)]


def test_a_goods_word_naming_another_machine_is_not_that_good() -> None:
    exports, imports = goods(
        "Belarus organized a joint assembly of diesel generator sets and supplies gas engines."
    )
    assert "diesel" not in exports + imports
    assert "gas" not in exports + imports
    assert goods("Belarus could supply diesel engines and tractor engines to the region.") == (
        ["diesel engines", "tractor engines"],
        [],
    )


def test_a_dash_closing_an_aside_is_no_part_of_a_good() -> None:
    exports, _ = goods(
        "We should replace what we used to sell - mostly the export of oil products - by "
        "supplies of machinery."
    )
    assert "oil products" in exports
    assert not any(g.endswith("-") for g in exports)


@pytest.mark.parametrize(
    "sentence",
    [
        "It is important to redirect Belarusian exports, primarily potash fertilizers, to your "
        "ports.",
        "The transit of Belarusian oil products through the region will grow.",
        "Belarusian potash fertilizers are shipped through the port of Murmansk.",
    ],
)
def test_goods_carried_through_the_regions_ports_are_not_sold_to_it(sentence: str) -> None:
    assert goods(sentence) == ([], [])


def test_goods_sold_to_ports_or_redirected_to_the_region_still_are() -> None:
    assert goods("Belarus supplies cranes and loaders to the ports of the region.") == (
        ["cranes", "loaders"],
        [],
    )
    assert goods("Belarus is ready to redirect its exports of trucks to Russian regions.") == (
        ["trucks"],
        [],
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Our meetings are bearing fruit: Belarusian exports to the region are growing.",
        "The trade has brought its first fruits of cooperation to the region.",
        "We are ready to share the experience of growing beef and dairy cattle with the region.",
        "Belarus will share its expertise in potato growing with the region's farms.",
    ],
)
def test_a_figure_of_speech_or_know_how_names_no_good(sentence: str) -> None:
    assert goods(sentence) == ([], [])


def test_goods_beside_know_how_or_fruit_sold_are_still_goods() -> None:
    assert goods("Belarus is ready to supply fruit and vegetables to the region.") == (
        ["fruit", "vegetables"],
        [],
    )
    assert goods("Belarus has experience in the supply of tractors to the region.") == (
        ["tractors"],
        [],
    )


def test_the_formula_with_a_lost_word_before_a_hyphen_is_still_the_formula() -> None:
    sentence = (
        "The parties discussed the protocol to implement the agreement on trade, -technical and "
        "cultural cooperation."
    )
    assert "culture-youth" not in sectors_of(sentence)
    assert "culture-youth" in sectors_of(
        "We propose to step up cultural cooperation and exchanges."
    )


def test_a_run_of_kinds_of_activity_a_region_enjoys_is_praise() -> None:
    assert "culture-youth" not in sectors_of(
        "This developed territory enjoys a high level of business, cultural and public "
        "activity, and is a promising partner of Belarus."
    )


@pytest.mark.parametrize(
    ("sentence", "sector"),
    [
        (
            "We propose the construction of maintenance centers for Belarusian machinery.",
            "service-logistics",
        ),
        (
            "Belarusian specialists could take part in the construction of a nuclear power plant.",
            "energy",
        ),
    ],
)
def test_building_another_sectors_site_is_that_sector_not_construction(
    sentence: str, sector: str
) -> None:
    sectors = sectors_of(sentence)
    assert sector in sectors
    assert "construction" not in sectors


def test_building_housing_and_schools_is_still_construction() -> None:
    assert "construction" in sectors_of(
        "Belarus is ready to take part in the construction of housing and schools in the region."
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The increase was achieved thanks to the supply of Belarusian food products and "
        "scientific cooperation.",
        "Growth has been driven mainly by supplies of agricultural machinery to the region.",
        "Our joint energy projects account for a significant share of mutual trade.",
    ],
)
def test_what_past_trade_owed_to_or_what_makes_it_up_is_no_proposal(sentence: str) -> None:
    assert sectors_of(sentence) == set()


def test_people_sent_to_study_is_education_beside_other_sectors() -> None:
    assert {"agriculture-food", "education"} <= sectors_of(
        "We have agreed that we will send our students to study here, and to build a dairy farm."
    )
    assert "education" in sectors_of(
        "We propose that your young people come to study at Belarusian universities and build "
        "dairy farms together."
    )


def test_agricultural_engineering_is_farm_machinery_not_machinery_in_general() -> None:
    sectors = sectors_of(
        "They discussed partnership in the automotive industry, agricultural engineering and "
        "electronics."
    )
    assert "agricultural-machinery" in sectors
    assert "machinery-equipment" not in sectors


def test_whose_imports_is_a_noun_not_a_purchase() -> None:
    assert goods(
        "Belarus' imports from the region are dominated by metal products and timber."
    ) == (
        [],
        ["metal products", "timber"],
    )


def test_a_verb_of_getting_is_no_kind_of_the_good_after_it() -> None:
    assert goods("The Belarusian market receives rolled metal and coal from Omsk Oblast.") == (
        [],
        ["rolled metal", "coal"],
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The region sends coal and timber to Belarus.", ([], ["coal", "timber"])),
        ("Belarus sends tractors and trucks to the region.", (["tractors", "trucks"], [])),
        ("Belarusian enterprises receive coal and metal from the region.", ([], ["coal", "metal"])),
    ],
)
def test_goods_sent_or_received_by_belarusian_enterprises(
    sentence: str, expected: tuple[list[str], list[str]]
) -> None:
    assert goods(sentence) == expected


HEADED = (
    "Petrov outlines key areas with Omsk Oblast\n\n"
    f"{MEETING} He outlined the key areas where the sides cooperate and could do more.\n"
    "Construction\n"
    "This area has traditionally been a leader in the relations between Belarus and the region.\n"
    "Politics\n"
    "All\n"
    "Other news of the day is listed in this part of the page\n"
)


def test_a_heading_over_a_paragraph_names_an_area_of_the_meeting() -> None:
    from coopbrowse.store.extract import clean

    assert clean(HEADED).headings == {1: "Construction"}  # not the menu's "Politics"
    sectors = {p["sector"] for p in extract(HEADED).meeting["proposals"]}
    assert "construction" in sectors


def test_a_short_line_not_between_two_paragraphs_heads_nothing() -> None:
    from coopbrowse.store.extract import clean

    text = HEADED.replace("Construction\n", "").replace("Politics\n", "Construction\n")
    assert clean(text).headings == {}


# --- the real set ----------------------------------------------------------------------------


def test_the_real_reports_score_no_lower_than_when_these_rules_were_written() -> None:
    """Floors a little under the scores measured when the rules were last changed: a change
    that makes the drafts of real reports worse fails here (the exact figures are the
    benchmark's)."""
    cases = real_cases()
    assert len(cases) >= 30
    everything = score_real(cases)
    held = score_real([c for c in cases if c.heldout])
    # (the tenth batch, 2026-12-06, brought weaker pages: all 0.82, set aside 0.70)
    assert everything.recall() >= 0.81
    assert held.recall() >= 0.69
    # (the eleventh batch's news.by page dates a part-year figure by the site's placeholder
    # date, 2019: 54 of 57 right)
    # (0.92 since each report is drafted with its address, 2026-12-06: a page dated by its
    # address gives "last year" a year, and two figures of 101 are misread: "$2.650 million"
    # written for 2,650 million, and "Sineokoy's" (Belarus's) shipments as the turnover, a
    # name no rule can tell from one company's)
    assert everything.precision("trade") >= 0.92
    # (0.91 with the tenth and eleventh batches, 0.90 with the twelfth: more pages name no
    # one, or only by post, and more meetings are of cities' officials)
    assert everything.recall("people") >= 0.89


def test_a_title_cut_short_says_so() -> None:
    """ "... assemble tractors at the Yaroslavl Motor" read as the whole title (a new user):
    a title cut to its 100 characters ends in an ellipsis; a whole one does not."""
    long = (
        "The governor proposed that Belarusian companies together with local partners in the "
        "region assemble modern tractors at the Yaroslavl Motor Plant from next year."
    )
    [title] = [p["title"] for p in extract(f"{MEETING}\n{long}").meeting["proposals"]]
    assert title.endswith("…") and len(title) <= 101, title
    assert title.startswith("Belarusian companies together with local partners")
    short = "The governor proposed that Belarusian partners assemble tractors in the region."
    [title] = [p["title"] for p in extract(f"{MEETING}\n{short}").meeting["proposals"]]
    assert not title.endswith("…"), title


def test_goods_supplied_to_belarusian_plants_are_bought_by_belarus() -> None:
    """ "Milyaev proposed supplying Tula steel and metal products to Belarusian plants"
    drafted them as Belarus's exports (a new user): sent to Belarusian enterprises or plants,
    as to Belarus, they are its imports."""
    text = (
        "MINSK, 3 December 2026 (BelTA) - Prime Minister of Belarus Aleksandr Turchin met with"
        " Tula Oblast Governor Dmitry Milyaev.\nDmitry Milyaev proposed supplying Tula steel"
        " and metal products to Belarusian plants."
    )
    meeting = extract(text).meeting
    assert meeting["imports"] == ["steel", "metal products"] and meeting["exports"] == []


def test_goods_supplied_to_our_republic_in_a_russian_quote_stay_belarus_exports() -> None:
    """ "to our republic" is whoever speaks: in a Russian head's quote, his (a review)."""
    from coopbrowse.store.extract.goods import named_goods

    quote = (
        "“Belarusian tractors and combines are supplied to our republic,” Rustam Minnikhanov said."
    )
    assert named_goods(quote) == (["tractors", "combines"], [])


# A good drafted is a noun phrase: never a word of a clause alone, a number in words, a
# preposition or a pronoun (real 057 and 131 once drafted "to" and "in" as goods)
_NO_GOOD = re.compile(
    r"(?:to|in|on|at|of|for|by|from|through|via|with|it|them|this|that|something|part|share|"
    r"mostly|which|who|one|two|hundred|thousand|dozen)|"
    r"(?:according|without|which|use|restore|exceeds?)\b.*",
    re.I,
)


def test_no_draft_names_a_word_of_a_clause_as_a_good() -> None:
    """Over the tuning reports, the invented articles and the reports challenge sets (not
    the set-aside third, whose drafts are only scored), every good drafted is a thing."""
    texts = [c.text for c in real_cases() if not c.heldout]
    texts += [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("articles/*.txt"))]
    for name in ("a", "b", "c"):
        path = FIXTURES / f"reports_challenge_{name}.json"
        texts += [item["text"] for item in json.loads(path.read_text(encoding="utf-8"))]
    assert len(texts) > 300
    bad = [
        good
        for text in texts
        for side in ("exports", "imports")
        for good in extract(text).meeting[side]
        if _NO_GOOD.fullmatch(good)
    ]
    assert bad == []


def test_a_title_is_not_cut_at_a_comma_or_point_within_a_number() -> None:
    """ "... with a capacity of 1,000 lifts a year" was titled "... with a capacity of 1"
    (a new user's article): a thousands comma is no clause's end, nor a decimal point."""
    text = (
        f"{MEETING} They met on 5 March 2022. The minister proposed to build a lift assembly "
        "plant in the region with a capacity of 1,000 lifts a year. He also suggested "
        "supplying 2.5 thousand tractors to the region's farms."
    )
    titles = [p["title"] for p in extract(text).meeting["proposals"]]
    assert any("a capacity of 1,000 lifts a year" in t for t in titles), titles
    assert not any(t.endswith((" 1", " 2")) for t in titles), titles
