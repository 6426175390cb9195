"""Page -> Article, a pure function: decode, pick the extractor for the format, normalise,
check language and size. Every rejection raises SkipPage with a counted reason."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta

from diemtin.config import Settings
from diemtin.extract.dates import parse_date
from diemtin.extract.dump import DumpResult, extract_dump, lead_tag
from diemtin.extract.html import extract_html
from diemtin.model import Article, Page, SkipPage
from diemtin.vi.clock import on_vietnam_clock
from diemtin.vi.encoding import decode_bytes, repair_mojibake
from diemtin.vi.language import vietnamese_score
from diemtin.vi.normalize import clean_text

HTML_HINTS = (
    b"<!doctype html",
    b"<html",
    b"<head",
    b"<body",
    b"<meta ",
    b"<div",
    b"<article",
    b"<p>",
)


def sniff_kind(head: bytes) -> str:
    """html or dump, from the first bytes of a single page."""
    low = head[:4096].lstrip().lower()
    return "html" if any(h in low for h in HTML_HINTS) else "dump"


def page_text(page: Page, settings: Settings) -> str:
    """The page's text, decoded from its bytes when needed (legacy encodings included)."""
    if page.text is not None:
        if len(page.text) > settings.max_bytes:
            raise SkipPage("too_large", f"{len(page.text)} characters")
        # text a crawler decoded with the wrong code page before writing it to JSON
        return repair_mojibake(page.text)
    data = page.content or b""
    if len(data) > settings.max_bytes:
        raise SkipPage("too_large", f"{len(data)} bytes > max_bytes {settings.max_bytes}")
    if not data.strip():
        raise SkipPage("empty", "no content")
    return decode_bytes(data, page.charset).text


PLAUSIBLE_YEARS = range(1900, 3000)  # wide: benchmark streams are shifted into the 2360s


def _iso(value: str | None) -> str | None:
    """A given publish time as ISO 8601 on Vietnam's clock, or None when it is no real
    moment: "2021-02-30", or the sentinels "0001-01-01" and "9999-12-31" that exporters
    write for "unknown" (one such page would otherwise be the store's newest and stand
    first on the front page). Not ISO: a Vietnamese date in words or numbers."""
    if not value:
        return None
    value = value.strip()
    m = _ISO_MOMENT.match(value)
    if m is None:
        return parse_date(value) or None
    day, hour, minute, second, offset = m.groups()
    try:
        moment = datetime.fromisoformat(day)
    except ValueError:
        return None
    if moment.year not in PLAUSIBLE_YEARS:
        return None
    try:
        moment = moment.replace(hour=int(hour), minute=int(minute), second=int(second or 0))
    except (TypeError, ValueError):  # no time of day, or no real one ("25:00")
        return day
    shift = _offset(offset)
    if shift is not None:
        moment = on_vietnam_clock((moment - shift).replace(tzinfo=UTC))
    return moment.isoformat(timespec="seconds" if second else "minutes")


# a date, then a time of day (fractions of a second ignored), then a UTC offset
_ISO_MOMENT = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?"
    r"\s*(Z|GMT|UTC|[+-]\d{2}:?\d{2})?)?"
)


def _offset(text: str | None) -> timedelta | None:
    """A UTC offset ("Z", "GMT", "+07:00", "-0500"), or None when absent or no real one."""
    if not text:
        return None
    if text in {"Z", "GMT", "UTC"}:
        return timedelta(0)
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 14 or minutes > 59:
        return None
    sign = -1 if text[0] == "-" else 1
    return sign * timedelta(hours=hours, minutes=minutes)


MAX_TITLE = 500  # characters: longer, it is text run into the title field, not a headline
MAX_AUTHOR = 120  # characters: longer, it is a bio or junk in the author field


def _headline(title: str) -> str:
    """The title, cut at a word before ``MAX_TITLE`` characters when it runs on (a title
    field holding a page's text would become the story's headline everywhere)."""
    if len(title) <= MAX_TITLE:
        return title
    cut = title[:MAX_TITLE].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"


def _plausible(author: str | None, limit: int) -> str | None:
    """An author field as a name: None when empty, over ``limit`` characters or on lines."""
    if not author or "\n" in author.strip():
        return None
    author = " ".join(author.split())
    return author if 0 < len(author) <= limit else None


def extract(page: Page, settings: Settings) -> Article:
    """Extract, normalise and check one page (see the module docstring)."""
    text = page_text(page, settings)
    kind = page.kind or sniff_kind(text[:4096].encode("utf-8", "ignore"))
    if kind == "html":
        found = extract_html(text, page.url)
    elif kind == "dump":
        found = extract_dump(clean_text(text))
    elif kind == "body":
        paragraphs = [p for p in clean_text(text).split("\n") if p.strip()]
        found = DumpResult(title=page.title or "", body=paragraphs)
    else:
        raise ValueError(f"unknown page kind {kind!r}")
    given = repair_mojibake(page.title) if page.title else None
    title = _headline(clean_text(given or found.title or "").strip())
    paragraphs = found.body
    if paragraphs and title and " ".join(paragraphs[0].split()) == " ".join(title.split()):
        paragraphs = paragraphs[1:]  # the headline repeated as the first block
    body = clean_text("\n".join(paragraphs)).strip()
    if len(body) < settings.min_body_chars:
        raise SkipPage("empty_body", f"{len(body)} characters of article text")
    score = vietnamese_score(title + "\n" + body[:5000])
    if score < settings.min_vietnamese:
        raise SkipPage("not_vietnamese", f"Vietnamese score {score:.2f}")
    outlet = page.outlet or found.outlet or lead_tag(body)
    return Article(
        title=title,
        body=body,
        source=page.source,
        locator=page.locator,
        url=page.url or found.url,
        outlet=outlet,
        published=_iso(page.published) or _iso(found.published),
        author=_plausible(page.author or found.author, MAX_AUTHOR),
        captions=[clean_text(c) for c in found.captions],
        external_id=page.external_id,
        kind=kind,
        raw_hash=page_hash(page),
    )


def page_hash(page: Page) -> str:
    """Identity of a raw input: what a re-run recognises as already ingested."""
    h = hashlib.sha1()
    if page.content is not None:
        h.update(page.content)
    if page.text is not None:
        h.update(page.text.encode("utf-8", "surrogatepass"))
    for extra in (page.kind, page.title, page.url, page.published, page.outlet):
        h.update(b"\x00" + (extra or "").encode("utf-8", "surrogatepass"))
    return h.hexdigest()
