"""Publish times as Vietnamese pages write them: "Thứ bảy, 15/05/2021 06:45 AM",
"28/10/2013 08:49 GMT+7", "Ngày đăng: 22/10/2013 11:35", "21/10/2013 | 17:52", "15-5-2021"."""

from __future__ import annotations

import re
from datetime import datetime

_DATEISH = re.compile(r"\d\s*[/.-]\s*\d")
_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?")
_TIME = re.compile(
    r"(?<!\d)(\d{1,2})\s*[:hg]\s*(\d{2})(?!\d)(?:\s*:\s*\d{2})?\s*(am|pm|sa|ch)?", re.I
)


def parse_date(text: str) -> str | None:
    """The first day-month-year date in ``text`` (and a time next to it) as ISO 8601.

    Returns ``YYYY-MM-DDTHH:MM`` in the page's own local time when a time is given, else
    ``YYYY-MM-DD``; None when there is no valid date.
    """
    if not _DATEISH.search(text):  # one cheap scan clears most lines
        return None
    m = _DATE.search(text)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        iso = _ISO.search(text)
        if not iso:
            return None
        year, month, day = int(iso.group(1)), int(iso.group(2)), int(iso.group(3))
    try:
        datetime(year, month, day)
    except ValueError:
        return None
    if not 1990 <= year <= 2100:
        return None
    rest = text.replace(m.group(0), " ", 1) if m else text
    t = _TIME.search(rest)
    if not t:
        return f"{year:04d}-{month:02d}-{day:02d}"
    hour, minute = int(t.group(1)), int(t.group(2))
    suffix = (t.group(3) or "").lower()
    if suffix in {"pm", "ch"} and hour < 12:
        hour += 12
    elif suffix in {"am", "sa"} and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}"
