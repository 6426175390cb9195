"""Vietnam's clock, the one every stored time is on.

Vietnamese outlets print their times on it (UTC+7, no daylight saving), so a stored time
carries no offset and reads as the page showed it; a time that comes with an offset (a
feed's GMT, an API's "Z") is moved onto it, and "now" for an undated article is taken on it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7))


def on_vietnam_clock(moment: datetime) -> datetime:
    """``moment`` as a naive time on Vietnam's clock (a naive one is taken as on it)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(VIETNAM).replace(tzinfo=None)


def vietnam_now() -> datetime:
    """Now, naive, on Vietnam's clock."""
    return on_vietnam_clock(datetime.now(UTC))


def parse_iso(value: str | None) -> datetime | None:
    """An ISO time as written (with its offset, if any), or None when it is missing or no
    ISO time."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def parse_moment(value: str | None) -> datetime | None:
    """An ISO time as a naive time on Vietnam's clock (an offset converted), or None."""
    moment = parse_iso(value)
    return None if moment is None else on_vietnam_clock(moment)
