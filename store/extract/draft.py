"""The draft: :func:`extract` runs the steps over an article and assembles the meeting."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..ids import draft_id
from ..model import Meeting
from ..regions import Region, find_region, fold
from .dates import _MONTH, _YEAR, DayMonth, find_dates
from .page import Article, _Sentence, clean, split_sentences
from .people import _MEETING_VERB, Person, _refs, _region_in, find_people, region_mentions
from .proposals import _proposals
from .trade import _goods, _trade


@dataclass
class Draft:
    """A drafted meeting: the record (JSON shape), what is missing and how it was decided."""

    meeting: dict[str, Any]
    missing: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"meeting": self.meeting, "missing": self.missing, "flags": self.flags}

    def to_meeting(self) -> Meeting:
        """The validated meeting (raises ``ValidationError`` naming the first bad field)."""
        return Meeting.from_dict(self.meeting)


def _publication(article: Article) -> tuple[str | None, bool, str]:
    """(date, inferred, how) of publication, from the page header or a dateline."""
    for line in reversed(article.header):
        for d in find_dates(line):
            full = d.full()
            if full:
                return full, False, "the page's date line"
    return None, False, ""


_DATELINE = re.compile(
    rf"^([A-Z][A-Za-z’' -]{{1,30}}),\s+(\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}})"
    r"(?:,?\s+(\d{4}))?"
    r"\s*(?:\(([^)]{1,40})\)\s*[-–—]|\.?\s*/([^/]{1,20})/\.?|[-–—])"
)  # "MINSK, 1 April (BelTA) -", "KAZAN, March 28. /TASS/."


def _infer_year(article: Article, text: str) -> tuple[int | None, str]:
    """A year for a date written without one, when nothing gives it directly: the latest year
    the text speaks of, plus one when that year's trade is reported as a finished figure."""
    years = [int(y) for y in _YEAR.findall(text)]
    if not years:
        return None, ""
    latest = max(years)
    finished = re.search(
        rf"\b(?:in|for)\s+{latest}\b[^.]*?(?:amounted|reached|totall?ed|was|were|exceeded|"
        rf"stood|approximated|grew|increased|opened)",
        text,
    )
    if finished:
        return latest + 1, f"the text ({latest} is spoken of as a finished year)"
    return latest, "the text (the latest year it mentions)"


def extract(text: str, *, document: str = "", published: str | None = None) -> Draft:
    """Draft a meeting from an article's text. ``published`` (YYYY-MM-DD) supplies the
    publication date when the text gives none."""
    article = clean(text)
    flags: list[str] = []
    body = "\n".join(article.paragraphs)

    # Source -----------------------------------------------------------------------------
    pub, pub_inferred, pub_how = _publication(article)
    if published and not pub:
        pub, pub_inferred, pub_how = published, False, "given with the article"
    outlet = ""
    dateline = _DATELINE.match(article.paragraphs[0]) if article.paragraphs else None
    if dateline and (dateline.group(4) or dateline.group(5)):
        outlet = (dateline.group(4) or dateline.group(5)).strip()
    if not outlet:
        m = re.search(r"\b([A-Z][A-Za-z]{2,15}) has learned\b", body) or re.search(
            r"\b(?:told|reports?|reported)\s+(BelTA|TASS|RIA Novosti|Interfax|Sputnik)\b", body
        )
        outlet = m.group(1) if m else ""
    url = article.urls[0] if article.urls else ""
    if not outlet and url:
        host = re.sub(r"^https?://(?:www\.|eng\.)?", "", url).split("/")[0]
        outlet = {
            "belta.by": "BelTA",
            "president.gov.by": "Press Service of the President of Belarus",
            "tass.com": "TASS",
            "sb.by": "SB. Belarus Today",
        }.get(host, "")

    # Sentences with their speakers -----------------------------------------------------
    sentences: list[_Sentence] = []
    for i, paragraph in enumerate(article.paragraphs):
        for s in split_sentences(paragraph):
            sentences.append(_Sentence(s, i, ""))

    # Region ---------------------------------------------------------------------------
    counts: dict[str, float] = {}
    by_name: dict[str, Region] = {}
    for weight, part in ((3.0, article.headline), (1.0, body)):
        for region, _ in region_mentions(part):
            counts[region.name] = counts.get(region.name, 0) + weight
            by_name[region.name] = region

    # The meeting sentence -------------------------------------------------------------
    meeting_sentence = next((s for s in sentences if _MEETING_VERB.search(s.text)), None)
    lead = meeting_sentence.text if meeting_sentence else (sentences[0].text if sentences else "")
    people_in_lead = find_people(lead, None)
    guest_region = None
    for person in people_in_lead:
        r = _region_in(person.title)
        if r is not None and person.side != "belarus":
            guest_region = r
            counts[r.name] = counts.get(r.name, 0) + 10
            by_name[r.name] = r
    region = by_name[max(counts, key=lambda k: counts[k])] if counts else None

    host: Person | None = None
    guest: Person | None = None
    for person in find_people(lead, region):
        if person.side == "belarus" and host is None:
            host = person
        elif person.side == "russia" and guest is None:
            guest = person
    if host is None or guest is None:
        for person in find_people(body, region):
            if person.side == "belarus" and host is None:
                host = person
            elif (
                person.side == "russia"
                and guest is None
                and (region is None or _region_in(person.title) in (None, region))
            ):
                guest = person
    if guest_region is None and guest is not None:
        guest_region = _region_in(guest.title)
    mentioned: list[Person] = []
    known = {p.name for p in (host, guest) if p}
    for person in find_people(body, region):
        if person.side and person.name not in known:
            known.add(person.name)
            mentioned.append(person)

    # Date -------------------------------------------------------------------------------
    date: str | None = None
    date_inferred = False
    date_note = ""
    written: DayMonth | None = None
    if article.date_line:
        date, date_note = article.date_line, "From the article's date line."
    else:
        candidates = []
        if meeting_sentence:
            candidates += [
                d
                for d in find_dates(meeting_sentence.text)
                if re.search(r"\bon\s*$", meeting_sentence.text[: d.start])
            ] or find_dates(meeting_sentence.text)
        if dateline:
            candidates += find_dates(dateline.group(0))
        for s in sentences[:3]:
            candidates += [
                d for d in find_dates(s.text) if re.search(r"\bon\s*$", s.text[: d.start])
            ]
        written = candidates[0] if candidates else None
        if written and written.year:
            date = written.full()
            date_note = "Written in full in the article."
        elif written:
            year, how = None, ""
            if pub:
                p = dt.date.fromisoformat(pub)
                year = p.year - 1 if (written.month, written.day) > (p.month, p.day) else p.year
                how = f"the publication date ({pub}, {pub_how})"
            else:
                year, how = _infer_year(article, body)
            if year:
                date = written.resolve(year)
                date_inferred = True
                date_note = f"The article gives only the day and month; year {year} from {how}."
                flags.append(f"date: year {year} inferred from {how}")
    meeting_year = int(date[:4]) if date else (int(pub[:4]) if pub else None)
    if dateline and not pub and date:
        d = find_dates(dateline.group(0))
        if d:
            pub = d[0].resolve(int(dateline.group(3)) if dateline.group(3) else meeting_year or 0)
            pub_inferred = not dateline.group(3)
            if pub and pub_inferred:
                flags.append(f"source.published: year {pub[:4]} inferred (dateline has none)")

    # Place ------------------------------------------------------------------------------
    place = ""
    if meeting_sentence:
        m = re.search(
            r"\bin\s+([A-Z][a-z]+(?:[- ][A-Z][a-z]+)?)\b(?!\s+(?:Oblast|Krai|Region))",
            meeting_sentence.text,
        )
        if (m and find_region(m.group(1)) is None) or (m and m.group(1) in ("Minsk", "Moscow")):
            place = m.group(1) if m else ""
    if not place and dateline:
        place = dateline.group(1).strip().title()

    # Speakers ---------------------------------------------------------------------------
    host_refs = _refs(host, "host")
    guest_refs = _refs(guest, "guest", region)
    last_speaker, last_paragraph = "host", -1
    for s in sentences:
        if s.paragraph != last_paragraph:
            last_speaker, last_paragraph = "host", s.paragraph
        found = []
        folded = fold(s.text)
        for ref in host_refs:
            m = re.search(ref, folded)
            if m:
                found.append((m.start(), "host"))
        for ref in guest_refs:
            m = re.search(ref, folded)
            if m:
                found.append((m.start(), "guest"))
        if found:
            last_speaker = min(found)[1]
        s.speaker = last_speaker

    # Trade ------------------------------------------------------------------------------
    trade = _trade(sentences, meeting_year, host, guest, outlet)

    # Goods ------------------------------------------------------------------------------
    exports, imports = _goods(sentences)

    # Proposals --------------------------------------------------------------------------
    proposals = _proposals(sentences, host, guest)

    # Assemble ---------------------------------------------------------------------------
    participants = []
    if host:
        participants.append(
            {"name": host.name, "title": host.title, "side": "belarus", "role": "host"}
        )
    if guest:
        participants.append(
            {"name": guest.name, "title": guest.title, "side": "russia", "role": "guest"}
        )
    for person in mentioned:
        participants.append(
            {"name": person.name, "title": person.title, "side": person.side, "role": "mentioned"}
        )
    title = article.headline
    if not title and host and guest:
        title = f"{host.name.split()[-1]} meets {guest.title} {guest.name}"
    mid = _meeting_id(date, region)
    for i, p in enumerate(proposals, 1):
        p["id"] = f"{mid}-p{i:02d}"
        p["meeting_id"] = mid
    meeting = {
        "id": mid,
        "date": date or "",
        "date_inferred": date_inferred,
        "date_note": date_note,
        "place": place,
        "place_note": "" if place else "not stated in the article",
        "region": region.name if region else "",
        "title": title,
        "summary": _DATELINE.sub("", lead).strip() if dateline else lead,
        "participants": participants,
        "trade": trade,
        "exports": exports,
        "imports": imports,
        "notes": [],
        "source": {
            "outlet": outlet,
            "published": pub,
            "published_inferred": pub_inferred,
            "document": document,
            "url": url,
            "headline": article.headline,
        },
        "proposals": proposals,
    }
    missing = [
        name
        for name, value in (
            ("date", date),
            ("region", region),
            ("host", host),
            ("guest", guest),
            ("place", place),
            ("title", title),
            ("trade", trade),
            ("exports", exports),
            ("imports", imports),
            ("proposals", proposals),
            ("source.outlet", outlet),
            ("source.published", pub),
            ("source.url", url),
            ("source.headline", article.headline),
        )
        if not value
    ]
    if article.dropped:
        flags.append(f"ignored {article.dropped} lines of page furniture or repeated text")
    return Draft(meeting, missing, flags)


def _meeting_id(date: str | None, region: Region | None) -> str:
    return draft_id(date or "", region.name if region else "")
