"""The days a Vietnamese news text speaks of, resolved against its publish time.

News dates its facts relative to the day it is published: "sáng 12/3", "ngày 12-3",
"ngày 12 tháng 3", "hôm nay", "chiều qua", "trưa mai". Story grouping uses them to tell a
recurring report (the gold price of 12/3 and of 13/3, two days' weather) from one event
told over days (a storm forecast on 6/9 to land "trưa mai", then landing on 7/9).

Weekdays count when the words around them make them days, not ordinals ("hôm thứ Năm",
"sáng thứ Hai tuần tới", "Chủ nhật vừa qua"; not "lần thứ hai", "Thứ hai, …"): in the week
their qualifier names, else the last one for a past ("hôm", "vừa qua"), the next one for a
coming one ("tới", "này"), and the nearest one when nothing says which.

A day without a year takes the year that puts it nearest the publish time. Only days within
``LOOK_BACK`` and ``LOOK_AHEAD`` of it are kept: further ones are history ("30/4/1975") or
fractions and scores that look like dates ("1/3 dân số", "24/7").
"""

from __future__ import annotations

import heapq
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
# Weekdays, Monday first, as words and as numbers ("thứ Hai", "thứ 2"; Sunday "Chủ nhật").
# The pattern leaves out the first letter, checked after: a literal first is found by a
# fast scan (ten times as fast as a lookbehind or a class first).
_WEEKDAY_WORDS = ("hai", "ba", "tư", "năm", "sáu", "bảy")
_WEEKDAY = re.compile(r"h(?:ứ\s+(?P<wd>\w+)|(?P<sun>ủ\s+[Nn]hật))(?!\w)")
# A weekday's own time words before it; "ngày" and "vào" make a day of a capitalised name
# only ("ngày thứ hai" is as often "the second day").
_WEEKDAY_CUES = _TIMES_OF_DAY | {"ngày", "vào"}
_PLAIN_CUES = _TIMES_OF_DAY | {"vào"}
_EVERY = re.compile(r"(?<!\w)(?:các|mỗi|hằng|hàng|những)\s+(?:ngày\s+)?$", re.IGNORECASE)
# What follows a weekday: its date, which says the day itself ("thứ Sáu (14/5)"), or the
# week it is in, or whether it is past or to come.
_WEEKDAY_DATE = re.compile(r"\s*[(,]?\s*(?:ngày\s+)?\d{1,2}\s?[-./]\s?\d")
_WEEKDAY_WHEN = re.compile(
    r"\s*,?\s*(?:(?P<week>tuần\s+(?:(?P<next>tới|sau)|(?P<last>trước|qua)|này))"
    r"|(?P<past>vừa\s+qua|trước)|(?P<coming>sắp\s+tới|tới|này))(?!\w)",
    re.IGNORECASE,
)
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


def _weekday(m: re.Match[str], cue: str, when: re.Match[str] | None) -> int | None:
    """Monday 0 … Sunday 6 for a weekday that the word before it (``cue``) or the words
    after it (``when``: "tuần tới", "vừa qua") make a day, else None: "lần thứ 2", "Thứ
    hai, …" are ordinals, and "ngày thứ hai" is as often "the second day"."""
    if m["sun"]:
        return 6
    word = m["wd"]
    number = "2" <= word <= "7" and len(word) == 1
    if not number and word.lower() not in _WEEKDAY_WORDS:
        return None
    named = not number and word[0].isupper()  # "thứ Hai": a weekday's name
    # after an ordinal "tới", "vừa qua" are common ("người thứ hai tới", "kỳ họp thứ 5 vừa
    # qua"), a week is not
    week = when is not None and (named or bool(when["week"]))
    if not week and cue not in (_WEEKDAY_CUES if named else _PLAIN_CUES):
        return None
    return int(word) - 2 if number else _WEEKDAY_WORDS.index(word.lower())


def _weekday_mentions(
    text: str, today: date, dated: bool = False
) -> Iterator[tuple[int, int, int, date]]:
    """(start, end, weekday, day) of each weekday ``text`` names without its date
    (``dated``: with it too: the date says the day, and the weekday is not read)."""
    for m in _WEEKDAY.finditer(text):
        start = m.start() - 1
        if (
            start < 0
            or text[start] not in ("Cc" if m["sun"] else "Tt")
            or (start and (text[start - 1].isalnum() or text[start - 1] == "_"))
        ):
            continue  # the end of another word ("quá khứ hai", "Thủ Nhật"), not "thứ", "chủ"
        if m["sun"] and text.startswith(" Bản", m.end()):
            continue  # "ông chủ Nhật Bản": Japan, no Sunday
        if _EVERY.search(text, max(0, start - 16), start):
            continue  # "vào các ngày thứ Tư": every Wednesday, no one day
        cue = _word_before(text, start)
        when = _WEEKDAY_WHEN.match(text, m.end())
        weekday = _weekday(m, cue, when)
        if weekday is None or (not dated and _WEEKDAY_DATE.match(text, m.end())):
            continue
        ahead = (weekday - today.weekday()) % 7  # days to its next one, 0 today
        monday = today - timedelta(days=today.weekday())
        if when is not None and when["week"]:
            week = 7 if when["next"] else -7 if when["last"] else 0
            shift = (monday + timedelta(days=week + weekday) - today).days
        elif (when is not None and when["past"]) or (when is None and cue == "hôm"):
            shift = ahead - 7 if ahead else 0  # the last one ("hôm thứ Hai", "… vừa qua")
        elif when is not None:
            shift = ahead  # the next one ("thứ Bảy này", "Chủ nhật tới")
        else:
            shift = ahead if ahead <= 3 else ahead - 7  # the nearest
        yield start, m.end(), weekday, today + timedelta(days=shift)


def _weekday_written(weekday: int, like: str) -> str:
    """``weekday`` written as ``like`` writes one: "thứ 2" in figures, else by its name,
    capitalised as news writes it ("thứ Hai", "Chủ nhật" opening a sentence)."""
    if weekday == 6:
        name = "chủ nhật"
    elif like[-1].isdigit():
        name = f"thứ {weekday + 2}"
    else:
        name = f"thứ {_WEEKDAY_WORDS[weekday].capitalize()}"
    return name[0].upper() + name[1:] if like[0].isupper() else name


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
    weekdays = ((at, day) for at, _, _, day in _weekday_mentions(text, today))
    for at, day in heapq.merge(_written_days(text, today), weekdays):
        if today - LOOK_BACK <= day <= today + LOOK_AHEAD:
            yield at, day


def _written_days(text: str, today: date) -> Iterator[tuple[int, date]]:
    """(offset, day) of each date and relative day ``text`` writes out."""
    for m, n in _written(text):
        if n is None:
            day: date | None = today + timedelta(days=_OFFSET[m["rel"].lower()])
        else:
            day = _resolve(int(m["d" + n]), int(m["m" + n]), m["y" + n], today)
        if day is not None:
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
    ("8/11" as "4/1", "ngày 8 tháng 11 năm 2013" as "ngày 4 tháng 1 năm 2000", "hôm thứ
    Năm" as the weekday it becomes): a stream moved in time for a test says the days it
    moved to ("hôm nay" moves by itself)."""
    today = published.date() if isinstance(published, datetime) else published
    edits: list[tuple[int, int, str]] = []
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
            if m[group] is not None:
                written = (
                    str(value) if group[0] != "y" or len(m[group]) == 4 else f"{value % 100:02d}"
                )
                edits.append((*m.span(group), written))
    if date.min + LOOK_BACK <= today <= date.max - LOOK_AHEAD:
        for start, end, weekday, _ in _weekday_mentions(text, today, dated=True):
            edits.append((start, end, _weekday_written((weekday + days) % 7, text[start:end])))
    out, at = [], 0
    for start, end, written in sorted(edits):
        out += [text[at:start], written]
        at = end
    return "".join(out) + text[at:]


def day_text(day: str) -> str:
    """An ISO day as Vietnamese write it ("2021-05-14" -> "14/5/2021"); "" for no day."""
    try:
        moment = date.fromisoformat(day[:10])
    except (TypeError, ValueError):
        return ""
    return f"{moment.day}/{moment.month}/{moment.year}"
