"""Article metadata from a page's structured data: JSON-LD first, then og:/article:/name meta
tags, then the <title>. Publishers fill these for search engines and social cards, so they
are more reliable than anything read off the visible layout; the layout is the fallback."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from lxml import html as lxml_html

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "webpage"}


@dataclass(slots=True)
class PageMeta:
    title: str | None = None
    published: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    description: str | None = None


def _name(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list) and value:
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def _json_ld_items(tree: lxml_html.HtmlElement) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(node.text_content() or "")
        except (ValueError, TypeError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            if "@graph" in item and isinstance(item["@graph"], list):
                stack.extend(item["@graph"])
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(str(k).lower() in _ARTICLE_TYPES for k in kinds):
                items.append(item)
    return items


def read_meta(tree: lxml_html.HtmlElement) -> PageMeta:
    """Collect what the page declares about itself (see the module docstring for the order)."""
    meta = PageMeta()
    for item in _json_ld_items(tree):
        meta.title = meta.title or _name(item.get("headline")) or _name(item.get("name"))
        meta.published = meta.published or _name(item.get("datePublished"))
        meta.author = meta.author or _name(item.get("author"))
        meta.outlet = meta.outlet or _name(item.get("publisher"))
        meta.url = meta.url or _name(item.get("url"))
        meta.description = meta.description or _name(item.get("description"))
    tags: dict[str, str] = {}
    for node in tree.xpath("//meta[@content]"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        if key and key not in tags:
            tags[key] = node.get("content", "").strip()
    meta.title = meta.title or tags.get("og:title") or tags.get("twitter:title")
    meta.published = (
        meta.published
        or tags.get("article:published_time")
        or tags.get("datepublished")
        or tags.get("pubdate")
        or tags.get("dc.date.issued")
    )
    meta.author = meta.author or tags.get("author") or tags.get("article:author")
    meta.outlet = meta.outlet or tags.get("og:site_name") or tags.get("application-name")
    meta.url = meta.url or tags.get("og:url")
    meta.description = meta.description or tags.get("og:description") or tags.get("description")
    if not meta.title:
        titles = tree.xpath("//title/text()")
        meta.title = titles[0].strip() if titles else None
    return meta
