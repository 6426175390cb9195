"""Pure helpers the pages use to show stored data: Vietnamese relative times, safe outbound
links, search highlights and small SVG charts. Everything that comes from a page is treated
as hostile: it is escaped here or by the templates' autoescaping, never trusted as markup."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from diemtin.vi.clock import parse_moment, vietnam_now

ENTITY_TYPES = {"PER": "Người", "ORG": "Tổ chức", "LOC": "Địa điểm"}


def clock(value: str | None) -> str:
    """ "14:05 20/05/2021", or "" for no time."""
    moment = parse_moment(value)
    return moment.strftime("%H:%M %d/%m/%Y") if moment else ""


def ago(value: str | None, now: datetime | None = None) -> str:
    """How long ago, in Vietnamese: "vừa xong", "5 phút trước", "3 giờ trước", "2 ngày
    trước"; older than a week, the date itself."""
    moment = parse_moment(value)
    if moment is None:
        return ""
    now = now or vietnam_now()
    seconds = (now - moment).total_seconds()
    if seconds < -60 or seconds >= 7 * 86400:
        return moment.strftime("%d/%m/%Y")
    if seconds < 60:
        return "vừa xong"
    if seconds < 3600:
        return f"{int(seconds // 60)} phút trước"
    if seconds < 86400:
        return f"{int(seconds // 3600)} giờ trước"
    return f"{int(seconds // 86400)} ngày trước"


def safe_url(url: str | None) -> str | None:
    """An outbound link only if it is plain http(s): never ``javascript:``, ``data:`` or a
    relative path that would point into the reader itself."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    if any(ch in url for ch in "\x00\r\n\t "):
        return None
    return url


def path_part(text: str) -> str:
    """A name as one URL path segment ("Hội đồng Bắc Cực" -> "H%E1%BB%99i%20...")."""
    return quote(text, safe="")


def highlight(snippet: str, start: str = "\x02", end: str = "\x03") -> Markup:
    """A search snippet with its matches in <mark>; everything else escaped."""
    out = []
    for k, part in enumerate(snippet.replace(end, start).split(start)):
        out.append(f"<mark>{escape(part)}</mark>" if k % 2 else str(escape(part)))
    return Markup("".join(out))


def paragraphs(body: str, limit: int = 50_000) -> tuple[list[str], bool]:
    """The body as paragraphs, cut at ``limit`` characters (a page stays under 100 KB);
    the flag says whether it was cut."""
    cut = len(body) > limit
    text = body[:limit]
    return [p.strip() for p in text.split("\n") if p.strip()], cut


def daily_chart(days: list[tuple[str, int]], last: int = 60, label: str = "bài") -> Markup:
    """A bar chart of counts per day (the latest ``last`` days that have any), as inline
    SVG built here: no script, no style attribute, every text escaped."""
    days = [(d, n) for d, n in days if d][-last:]
    if not days:
        return Markup("")
    width, height, gap = 600, 120, 2
    top = max(n for _, n in days) or 1
    bar = max(2.0, (width - gap * len(days)) / len(days))
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height + 20}" role="img"'
        f' aria-label="{escape(f"Số {label} theo ngày")}">'
    ]
    for k, (day, count) in enumerate(days):
        h = max(1.0, height * count / top)
        x = k * (bar + gap)
        parts.append(
            f'<rect x="{x:.1f}" y="{height - h:.1f}" width="{bar:.1f}" height="{h:.1f}">'
            f"<title>{escape(day)}: {count} {escape(label)}</title></rect>"
        )
    parts.append(f'<text x="0" y="{height + 15}">{escape(days[0][0])}</text>')
    if len(days) > 1:
        parts.append(
            f'<text x="{width}" y="{height + 15}" text-anchor="end">{escape(days[-1][0])}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
