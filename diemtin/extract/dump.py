"""Boilerplate removal for flattened pages (text or markdown dumps): our own, as nothing fits.

HTML extractors lean on the DOM, which a dump no longer has; jusText-style paragraph
classifiers see one line at a time and keep listing teasers. This module reads the whole
page instead, in three passes:

1. **Roles.** Each line gets a role from its own shape and the genre's vocabulary
   (:mod:`diemtin.extract.cues`): image, caption, listing header, inline related link,
   widget, footer, advert, date, byline, link line, navigation, prose or short text.
2. **Region.** Lines are weighted (prose by its length, short and link lines negatively,
   captions and adverts as transparent) and the article is the maximum-weight run of lines
   that no hard boundary cuts: a footer, or a listing header followed by list-like lines
   (a header followed by prose is an empty widget the flattener left behind, and is skipped).
   A lead separated from the body by a listing is reattached.
3. **Fields.** Title: the heading-like line before the body that best matches the body's
   words, preferring markdown H1 and lines next to the date or byline. Publish time from the
   date line near the title; author from the byline before or after the body; captions from
   the caption lines inside the article; outlet from the page's own name or its lead tag.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from diemtin.extract import cues
from diemtin.extract.dates import parse_date
from diemtin.extract.lines import Line, parse_lines

PROSE_MIN_WORDS = 12
_CRUMB = re.compile(r"\s[>›»/]\s")
_PUNCT = re.compile(r"[.,:;!?\"“”()]")
_SITE_NAME = re.compile(r"[-|]\s*[\w.-]+\.(?:vn|com|net|org)\b")
TRANSPARENT = {"image", "caption", "ad", "related", "widget", "date", "byline", "dup", "header"}


@dataclass(slots=True)
class DumpResult:
    title: str = ""
    body: list[str] = field(default_factory=list)
    published: str | None = None
    author: str | None = None
    captions: list[str] = field(default_factory=list)
    outlet: str | None = None
    url: str | None = None


def _is_name(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 5 or any(ch.isdigit() for ch in text):
        return False
    if text.isupper() and len(words) >= 2:
        return True
    return all(w[0].isupper() for w in words if w[0].isalpha()) and len(words) >= 2


def byline_name(line: Line) -> str | None:
    """The author named by a byline line, or None when the line is not a byline."""
    if line.words > 10 or line.words == 0 or line.heading:
        return None
    text = line.text.strip(" .")
    folded = line.folded.strip(" .")
    prefix = cues.BYLINE_PREFIX.match(folded)
    if prefix and prefix.end() > 0 and folded[: prefix.end()].strip() not in {"bai", "anh"}:
        name = text[prefix.end() :].strip(" :-–")
        return name if name and len(name.split()) <= 6 else None
    suffix = cues.BYLINE_SUFFIX.search(folded)
    if suffix:
        name = text[: suffix.start()].strip(" -–")
        return name if _is_name(name) else None
    if _is_name(text):
        return text
    return None


def _role(line: Line, prev: Line | None) -> str:
    f = line.folded
    if line.image:
        return "image"
    if cues.ADVERT.match(f):
        return "ad"
    if (line.words <= 25 and cues.FOOTER.search(f)) or f.startswith(("©", "copyright")):
        return "footer"
    if line.words <= 8 and cues.LISTING_HEADER.match(line.key):
        return "header"
    if cues.INLINE_RELATED.match(f) and line.words <= 40:
        return "related"
    if line.words <= 14 and (
        cues.WIDGET.match(f) or sum(w in cues.WIDGET_WORDS for w in f.split()) >= 3
    ):
        return "widget"
    if line.words <= 14 and parse_date(line.text) and sum(c.isalpha() for c in line.text) < 40:
        return "date"
    if line.words <= 60 and (
        cues.CAPTION.search(f)
        or (line.emphasis == "italic" and not line.sentence_end)
        or (line.emphasis == "italic" and prev is not None and prev.image)
        or (prev is not None and prev.image and line.table)
    ):
        return "caption"
    if line.link_share >= 0.6 or (line.listed and line.words < 30):
        return "link"
    if _CRUMB.search(line.text) and line.words <= 14 and not line.sentence_end:
        return "nav"
    if line.words >= 20 and not _PUNCT.search(line.text):
        capitals = sum(1 for w in line.text.split() if w[:1].isupper())
        if capitals / len(line.text.split()) >= 0.4:
            return "nav"  # a flattened menu: many capitalised section names, no punctuation
    name = byline_name(line)
    if name is not None and (not line.sentence_end or line.words <= 4):
        return "byline"
    if line.words >= 25 or (line.words >= 6 and line.sentence_end):
        return "prose"
    return "short"


def _roles(lines: list[Line]) -> list[str]:
    roles = []
    seen: set[str] = set()
    for i, line in enumerate(lines):
        role = _role(line, lines[i - 1] if i else None)
        if role in {"prose", "short"} and line.repeats > 1:
            if line.key in seen:
                role = "dup" if role != "short" else "short_dup"
            seen.add(line.key)
        roles.append(role)
    # A listing card: a headline shown twice in a row (image alt + link) or a linked heading,
    # then a teaser paragraph. The teaser is prose, but not this article's.
    for i in range(1, len(lines)):
        if roles[i] != "prose":
            continue
        prev, prev_role = lines[i - 1], roles[i - 1]
        card_dup = prev_role in {"dup", "short_dup"} and i >= 2 and lines[i - 2].key == prev.key
        card_link = (
            prev_role == "link" and (prev.heading or prev.link_share >= 0.6) and prev.words >= 4
        )
        if card_dup or card_link:
            roles[i] = "teaser"
    # Headline/teaser pairs that alternate at least twice: a listing with no header left.
    pairs = [
        i
        for i in range(1, len(lines))
        if roles[i] == "prose" and roles[i - 1] == "short" and lines[i - 1].words >= 5
    ]
    for a, b in zip(pairs, pairs[1:]):
        if b - a == 2:
            roles[a] = roles[b] = "teaser"
    return roles


def _listing_follows(lines: list[Line], roles: list[str], i: int) -> bool:
    """After a listing header at ``i``: do list-like lines follow (not prose)?"""
    for j in range(i + 1, min(len(lines), i + 6)):
        r = roles[j]
        if r in {"image", "ad", "widget", "caption"}:
            continue
        return not (r == "prose" and not lines[j].listed and lines[j].link_share < 0.5)
    return True


def _weights(lines: list[Line], roles: list[str]) -> list[float | None]:
    """Per-line weight for the region search; None marks a hard boundary."""
    out: list[float | None] = []
    for i, (line, role) in enumerate(zip(lines, roles)):
        if role == "footer":
            out.append(None)
        elif role == "header" and _listing_follows(lines, roles, i):
            out.append(-30.0)
        elif role == "teaser":
            out.append(-0.5 * line.words)
        elif role == "prose":
            out.append(float(line.words))
        elif role in TRANSPARENT:
            out.append(0.0)
        elif role in {"link", "short_dup"}:
            out.append(-12.0)
        elif role == "nav":
            out.append(-6.0)
        else:  # short
            out.append(-6.0 if line.words >= 4 else -3.0)
    return out


def _best_region(weights: list[float | None]) -> tuple[int, int]:
    """Maximum-sum run of lines not crossing a boundary (Kadane); (start, end) inclusive."""
    best, best_range = float("-inf"), (0, -1)
    cur, start = 0.0, 0
    for i, w in enumerate(weights):
        if w is None:
            cur, start = 0.0, i + 1
            continue
        if cur <= 0:
            cur, start = w, i
        else:
            cur += w
        if cur > best:
            best, best_range = cur, (start, i)
    return best_range


def _next_prose(lines: list[Line], roles: list[str], i: int, limit: int = 25) -> list[Line]:
    out = []
    for j in range(i + 1, min(len(lines), i + 1 + limit)):
        if roles[j] == "footer":
            break
        if roles[j] == "prose":
            out.append(lines[j])
            if len(out) == 5:
                break
    return out


def _title_score(lines: list[Line], roles: list[str], i: int) -> float:
    line = lines[i]
    if roles[i] not in {"short", "prose", "header", "link", "short_dup"}:
        return 0.0
    if line.words < 3 or line.words > 40 or line.listed:
        return 0.0
    if roles[i] == "header" and line.heading != 1:
        return 0.0
    if roles[i] == "prose" and line.text.endswith(".") and not line.text.endswith(".."):
        return 0.0
    score = 0.0
    if line.heading == 1:
        score += 3.0
    elif line.heading:
        score += 0.5
    if line.link_share > 0.5:
        score -= 2.0
    after = [roles[j] for j in range(i + 1, min(len(lines), i + 5))]
    if "date" in after:
        score += 1.5
    elif "date" in roles[max(0, i - 2) : i]:
        score += 0.5
    if {"byline", "widget"} & set(after):
        score += 0.5
    toks = line.folded.split()
    follow = _next_prose(lines, roles, i)
    if follow:
        words = set().union(*(p.folded.split() for p in follow))
        score += 2.0 * sum(1 for w in toks if w in words) / max(1, len(toks))
    adjacent_dup = any(0 <= j < len(lines) and lines[j].key == line.key for j in (i - 1, i + 1))
    if adjacent_dup:
        score -= 2.0
    if i and roles[i - 1] == "header":
        score -= 1.0
    if i == 0:
        score += 0.5  # plain dumps usually open with the title
    if _SITE_NAME.search(line.folded):
        score -= 3.0
    return score - 0.03 * i


def _title(lines: list[Line], roles: list[str]) -> int | None:
    best, best_i = 1.0, None
    for i in range(len(lines)):
        score = _title_score(lines, roles, i)
        if score > best:
            best, best_i = score, i
    return best_i


def _outlet(lines: list[Line]) -> tuple[str | None, str | None]:
    hosts: Counter[str] = Counter()
    page_url = None
    for line in lines:
        for url in line.urls:
            host = urlsplit(url).hostname or ""
            if host:
                hosts[host.removeprefix("www.")] += 1
        m = re.search(r"url cua bai viet\s*:\s*(\S+)", line.folded)
        if m:
            page_url = line.text[m.start(1) : m.end(1)]
    if page_url:
        return urlsplit(page_url).hostname, page_url
    if hosts:
        return hosts.most_common(1)[0][0], None
    for line in lines[:3]:  # "Site name - site.vn"
        m = re.search(r"\b([\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org))\b", line.text)
        if m and line.words <= 10:
            return m.group(1).lower().removeprefix("www."), None
    return None, None


def _body_range(
    weights: list[float | None], roles: list[str], title_i: int | None
) -> tuple[int, int]:
    """The article region: the best run after the title, before the first footer."""
    if title_i is not None:
        lo = title_i + 1
        hi = lo
        seen_prose = False
        while hi < len(weights):
            if weights[hi] is None and seen_prose:
                break
            seen_prose = seen_prose or roles[hi] == "prose"
            hi += 1

        if seen_prose:
            window = [w if w is not None else 0.0 for w in weights[lo:hi]]
            s, e = _best_region(window)
            if e >= s:
                return s + lo, e + lo
    return _best_region(weights)


def extract_dump(text: str) -> DumpResult:
    """Title, body paragraphs and metadata of a flattened page (see the module docstring)."""
    lines = parse_lines(text)
    if not lines:
        return DumpResult()
    roles = _roles(lines)
    weights = _weights(lines, roles)
    title_i = _title(lines, roles)
    start, end = _body_range(weights, roles, title_i)
    if end < start:
        return DumpResult(title=lines[title_i].text if title_i is not None else "")
    body_lines = [i for i in range(start, end + 1) if roles[i] == "prose"]
    if body_lines and title_i is not None:
        for k in range(body_lines[0] - 1, title_i, -1):
            if roles[k] == "prose" and k not in body_lines:
                body_lines.insert(0, k)
    result = DumpResult()
    result.body = [lines[i].text for i in sorted(set(body_lines))]
    if title_i is not None:
        result.title = lines[title_i].text
    first = body_lines[0] if body_lines else start
    last = body_lines[-1] if body_lines else end
    top = title_i if title_i is not None else max(0, first - 8)
    for i in list(range(top, first)) + list(range(max(0, top - 3), top)):
        if roles[i] == "date" and result.published is None:
            result.published = parse_date(lines[i].text)
    for i in list(range(last + 1, min(len(lines), last + 4))) + list(range(top + 1, first)):
        if roles[i] in {"byline", "short"} and byline_name(lines[i]):
            result.author = byline_name(lines[i])
            break
    result.captions = list(
        dict.fromkeys(lines[i].text for i in range(top, last + 1) if roles[i] == "caption")
    )
    result.outlet, result.url = _outlet(lines)
    if result.outlet is None and result.body:
        result.outlet = lead_tag(result.body[0])
    return result


def lead_tag(paragraph: str) -> str | None:
    """The outlet tag a lead opens with: "(CLO) …" -> "CLO", "VOV.VN - …" -> "VOV.VN"."""
    m = cues.OUTLET_TAG.match(paragraph)
    if not m:
        return None
    tag = (m.group("paren") or m.group("bare") or "").strip()
    return (
        tag
        if tag and len(tag.split()) <= 3 and not tag.lower().startswith(("ảnh", "theo"))
        else None
    )


def postclean(paragraphs: list[str]) -> list[str]:
    """Vietnamese chrome left in an extractor's output: cut at a listing box or footer once
    the article has begun, drop captions, inline related links, widgets and adverts."""
    lines = parse_lines("\n".join(paragraphs))
    roles = _roles(lines)
    kept: list[str] = []
    for i, (line, role) in enumerate(zip(lines, roles)):
        if kept and (role == "footer" or (role == "header" and _listing_follows(lines, roles, i))):
            break
        if role in {"prose", "short", "teaser"} and not (role == "short" and line.words < 4):
            kept.append(line.text)
    while kept and byline_name(parse_lines(kept[-1])[0]) is not None:
        kept.pop()
    return kept
