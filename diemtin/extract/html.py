"""HTML pages: trafilatura for the body, the page's own metadata for the fields, htmldate for
a missing time, then the Vietnamese post-cleaning that generic extractors do not know about
(a trailing "Tin liên quan" list, captions and bylines left in the text, an outlet tag)."""

from __future__ import annotations

import re

import htmldate
import trafilatura
from lxml import html as lxml_html
from lxml.etree import ParserError

from diemtin.extract.dump import DumpResult, extract_dump, postclean
from diemtin.extract.meta import read_meta
from diemtin.model import SkipPage

_SITE_SUFFIX = re.compile(r"\s*[|\-–—]\s*[^|\-–—]{2,40}$")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


def _clean_title(title: str | None, outlet: str | None, h1: str | None) -> str:
    """Drop a " - Báo X" / " | site.vn" suffix that the <title> carries but the headline not."""
    if not title:
        return h1 or ""
    if h1 and h1 in title:
        return h1
    m = _SITE_SUFFIX.search(title)
    if m and (outlet is None or outlet.lower() in m.group(0).lower() or "." in m.group(0)):
        return title[: m.start()].strip()
    return title.strip()


def extract_html(markup: str, url: str | None = None) -> DumpResult:
    """Title, body paragraphs and metadata of an HTML page."""
    try:
        # lxml refuses a str that still declares its byte encoding (XHTML's "<?xml … ?>")
        tree = lxml_html.fromstring(_XML_DECLARATION.sub("", markup, count=1))
    except (ParserError, ValueError) as exc:
        raise SkipPage("bad_html", str(exc)) from None
    if tree is None or (not tree.xpath("//body") and len(markup) < 200):
        raise SkipPage("empty_body", "HTML without a body")
    meta = read_meta(tree)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        # A page whose body trafilatura cannot find: read it as flattened text instead.
        result = extract_dump(tree.text_content())
    else:
        result = DumpResult(body=postclean([p for p in text.split("\n") if p.strip()]))
    h1 = tree.xpath("normalize-space(//h1)") or None
    outlet = meta.outlet or (getattr(doc, "sitename", None) if doc is not None else None)
    result.title = (
        _clean_title(meta.title or getattr(doc, "title", None), outlet, h1) or result.title
    )
    result.author = meta.author or (getattr(doc, "author", None) if doc is not None else None)
    result.outlet = outlet or (getattr(doc, "hostname", None) if doc is not None else None)
    result.url = meta.url or url
    result.published = meta.published or (getattr(doc, "date", None) if doc is not None else None)
    if not result.published:
        result.published = htmldate.find_date(tree, extensive_search=False, url=url)
    return result
