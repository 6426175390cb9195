"""The days a Vietnamese news text speaks of, resolved against its publish time.

News dates its facts relative to the day it is published: "sáng 12/3", "ngày 12-3",
"ngày 12 tháng 3", "hôm nay", "chiều qua", "trưa mai". Story grouping uses them to tell a
recurring report (the gold price of 12/3 and of 13/3, two days' weather) from one event
told over days (a storm forecast on 6/9 to land "trưa mai", then landing on 7/9).

A day without a year takes the year that puts it nearest the publish time. Only days within
``LOOK_BACK`` and ``LOOK_AHEAD`` of it are kept: further ones are history ("30/4/1975") or
fractions and scores that look like dates ("1/3 dân số", "24/7").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta

LOOK_BACK = timedelta(days=14)
LOOK_AHEAD = timedelta(days=7)
LEAD_WORDS = 40  # the headline and the lead's first words: where a report names its day

# Relative days by the word after "hôm", "sáng", "trưa", "chiều", "tối", "đêm" ("ngày mai" too;
# "ngày qua" and "tuần qua" mean "the past days", not yesterday).
_OFFSET = {"nay": 0, "qua": -1, "mai": 1}
_TIMES_OF_DAY = frozenset({"hôm", "sáng", "trưa", "chiều", "tối", "đêm"})
# A dash or a dot only after a word that introduces a day: "3-1" alone is a score, "5.3" a number.
_CUES = _TIMES_OF_DAY | {"ngày", "nay", "qua"}
# Candidates, each checked against the word before it (faster than lookbehinds, which every
# position of the text would try): "12/3(/2024)", "12-3", "12.3", "12 tháng 3", "nay". The
# lookahead names the letters a candidate can start with, so that the scan skips the rest
# of the text without trying each branch at each position (2.4 times as fast).
_DAY = re.compile(
    r"(?=[\dnqm])(?:(?P<d1>\d{1,2})\s?/\s?(?P<m1>\d{1,2})(?:\s?/\s?(?P<y1>\d{4}|\d{2}))?(?![\d/])"
    r"|(?P<d2>\d{1,2})[-.](?P<m2>\d{1,2})(?:[-.](?P<y2>\d{4}))?(?![.,]?\d)"
    r"|(?P<d3>\d{1,2})\s+tháng\s+(?P<m3>\d{1,2})(?:\s*(?:năm|,)\s*(?P<y3>\d{4}))?"
    r"|(?P<rel>nay|qua|mai)(?!\w))",
    re.IGNORECASE,
)
_DATE_AFTER = re.compile(r"\s+\d{1,2}\s?[-./]\s?\d")
_WORD_BEFORE = re.compile(r"(?<!\w)(\w+)\s+$")


def _word_before(text: str, start: int) -> str:
    m = _WORD_BEFORE.search(text, max(0, start - 12), start)
    return m[1].lower() if m else ""


def _written(text: str) -> Iterator[tuple[re.Match[str], str | None]]:
    """Each day ``text`` names: the match and the number of its written form's groups, or
    None for a relative day (its word is ``rel``)."""
    for m in _DAY.finditer(text):
        start = m.start()
        if m["d1"]:
            if not start or text[start - 1] not in "0123456789/.,-":  # not "1/2/3", "5,3/4"
                yield m, "1"
        elif m["d2"]:
            if _word_before(text, start) in _CUES:
                yield m, "2"
        elif m["d3"]:
            if _word_before(text, start) == "ngày":
                yield m, "3"
        elif not _DATE_AFTER.match(text, m.end()):  # "sáng nay 22-10": the date says it
            word = _word_before(text, start)
            if word in _TIMES_OF_DAY or (word == "ngày" and m["rel"].lower() == "mai"):
                yield m, None


def _resolve(day: int, month: int, year: str | None, published: date) -> date | None:
    """The date, in ``year`` or else in the year that puts it nearest ``published``."""
    if year:
        years = [int(year) + (2000 if len(year) == 2 else 0)]
    else:
        years = [published.year - 1, published.year, published.year + 1]
    found = []
    for y in years:
        try:
            found.append(date(y, month, day))
        except ValueError:
            continue
    return min(found, key=lambda d: abs(d - published), default=None)


def _named(text: str, today: date) -> Iterator[tuple[int, date]]:
    """(offset, day) of each day ``text`` names within the look-back and look-ahead."""
    if not date.min + LOOK_BACK <= today <= date.max - LOOK_AHEAD:
        return  # a publish time at the calendar's ends (a page's junk) has no neighbours
    for m, n in _written(text):
        if n is None:
            day: date | None = today + timedelta(days=_OFFSET[m["rel"].lower()])
        else:
            day = _resolve(int(m["d" + n]), int(m["m" + n]), m["y" + n], today)
        if day is not None and today - LOOK_BACK <= day <= today + LOOK_AHEAD:
            yield m.start(), day


def mentioned_days(text: str, published: datetime | date) -> list[date]:
    """Each day ``text`` names, in text order (repeats kept), within the look-back and
    look-ahead of ``published``."""
    today = published.date() if isinstance(published, datetime) else published
    return [day for _, day in _named(text, today)]


def report_days(
    title: str, body: str, published: datetime | date
) -> tuple[list[date], date | None]:
    """The days a report's headline and body name, and the day it is of: of the days its
    headline and lead (the body's first ``LEAD_WORDS`` words) name, the nearest to its
    publish day (the earlier of two as near), or None when they name none. "Sau phiên lập
    đỉnh hôm qua, giá vàng sáng nay 13-3 …" is of 13/3."""
    today = published.date() if isinstance(published, datetime) else published
    words = body.split(None, LEAD_WORDS)
    text = title + "\n" + " ".join(words[:LEAD_WORDS])
    lead_end = len(text)
    if len(words) > LEAD_WORDS:
        text += " " + words[LEAD_WORDS]
    named = list(_named(text, today))
    lead = [day for at, day in named if at < lead_end]
    key = min(lead, key=lambda d: (abs(d - today), d)) if lead else None
    return [day for _, day in named], key


def shift_written_days(text: str, published: datetime | date, days: int) -> str:
    """``text`` with each day it writes out moved by ``days`` and written the same way
    ("8/11" as "4/1", "ngày 8 tháng 11 năm 2013" as "ngày 4 tháng 1 năm 2000"): a stream
    moved in time for a test says the days it moved to ("hôm nay" moves by itself)."""
    today = published.date() if isinstance(published, datetime) else published
    out, at = [], 0
    for m, n in _written(text):
        if n is None:
            continue
        day = _resolve(int(m["d" + n]), int(m["m" + n]), m["y" + n], today)
        if day is None:
            continue
        try:
            moved = day + timedelta(days=days)
        except OverflowError:
            continue
        parts = [("d" + n, moved.day), ("m" + n, moved.month), ("y" + n, moved.year)]
        for group, value in parts:
            if m[group] is None:
                continue
            start, end = m.span(group)
            out += [
                text[at:start],
                str(value) if group[0] != "y" or len(m[group]) == 4 else f"{value % 100:02d}",
            ]
            at = end
    return "".join(out) + text[at:]


def day_text(day: str) -> str:
    """An ISO day as Vietnamese write it ("2021-05-14" -> "14/5/2021"); "" for no day."""
    try:
        moment = date.fromisoformat(day[:10])
    except (TypeError, ValueError):
        return ""
    return f"{moment.day}/{moment.month}/{moment.year}"
