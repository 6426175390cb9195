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
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from diemtin.extract import cues
from diemtin.extract.dates import parse_date
from diemtin.extract.lines import Line, parse_lines
from diemtin.vi.normalize import fold

PROSE_MIN_WORDS = 12
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


_DIGIT = re.compile(r"\d")


def _is_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or _DIGIT.search(text):
        return False
    return text.isupper() or "".join([w[0] for w in words]).isupper()


def byline_name(line: Line) -> str | None:
    """The author named by a byline line, or None when the line is not a byline."""
    if line.words > 10 or line.words == 0 or line.heading:
        return None
    folded = line.folded.strip(" .")
    prefix = cues.BYLINE_PREFIX.match(folded)
    suffix = cues.BYLINE_SUFFIX.search(folded) if folded.endswith(")") else None
    text = line.text.strip(" .")
    if prefix or suffix:  # cut the text where its exact (offset-keeping) fold matched
        exact = fold(text)
        prefix = cues.BYLINE_PREFIX.match(exact)
        suffix = cues.BYLINE_SUFFIX.search(exact) if exact.endswith(")") else None
    if prefix and prefix.end() > 0 and exact[: prefix.end()].strip() not in {"bai", "anh"}:
        name = text[prefix.end() :].strip(" :-–")
        return name if name and len(name.split()) <= 6 else None
    if suffix:
        name = text[: suffix.start()].strip(" -–")
        return name if _is_name(name) else None
    if _is_name(text):
        return text
    return None


def _role(line: Line, prev: Line | None) -> str:
    """One line's role from its own shape; cheap tests first, cue patterns only on lines
    short enough to be chrome (a long paragraph is never a widget or a date line)."""
    if line.image:
        return "image"
    f, w = line.folded, line.words
    if f.startswith("copyright") or (
        w <= 25 and not cues.FOOTER_WORDS.isdisjoint(line.tokens) and cues.FOOTER.search(f)
    ):
        return "footer"
    if w <= 40:
        if w <= 4 and cues.ADVERT.match(f):
            return "ad"
        if w <= 8 and cues.LISTING_HEADER.match(line.key):
            return "header"
        if cues.INLINE_RELATED.match(f):
            return "related"
        if w <= 14:
            if cues.WIDGET.match(f) or len(cues.WIDGET_WORDS.intersection(line.tokens)) >= 3:
                return "widget"
            if parse_date(f) and sum(c.isalpha() for c in f) < 40:
                return "date"
    if w <= 60 and (
        cues.CAPTION.match(f)
        or (":" in f and cues.CREDIT.search(f))
        or (line.emphasis == "italic" and (not line.sentence_end or (prev and prev.image)))
        or (prev is not None and prev.image and line.table)
    ):
        return "caption"
    if (line.link_words and line.link_words >= 0.6 * w) or (line.listed and w < 30):
        return "link"
    if w <= 14 and not line.sentence_end and (" > " in f or " / " in f):  # a breadcrumb
        return "nav"
    if w >= 20 and not _PUNCT.search(line.text):
        tokens = line.text.split()
        if sum(1 for t in tokens if t[:1].isupper()) / len(tokens) >= 0.4:
            return "nav"  # a flattened menu: many capitalised section names, no punctuation
    if w <= 10:
        name = byline_name(line)
        if name is not None and (not line.sentence_end or w <= 4):
            return "byline"
    if w >= 25 or (w >= 6 and line.sentence_end):
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


_TITLE_ROLES = frozenset({"short", "prose", "header", "link", "short_dup"})


class _TitleContext:
    """What scoring title candidates needs from the page, computed once: the prose lines
    (positions and folded word sets) and, for each line, the next footer below it."""

    def __init__(self, lines: list[Line], roles: list[str]) -> None:
        self.lines, self.roles = lines, roles
        self.prose = [i for i, r in enumerate(roles) if r == "prose"]
        self.next_footer = [len(roles)] * (len(roles) + 1)
        for i in range(len(roles) - 1, -1, -1):
            self.next_footer[i] = i if roles[i] == "footer" else self.next_footer[i + 1]
        self._words: dict[tuple[int, int], set[str]] = {}
        self._sets: dict[int, set[str]] = {}

    def follow_words(self, i: int, limit: int = 25) -> set[str]:
        """Words of up to five prose lines within ``limit`` lines below ``i``, stopping at a
        footer: the body a title at ``i`` would head."""
        stop = min(self.next_footer[i + 1], i + 1 + limit)
        lo = bisect_right(self.prose, i)
        hi = min(bisect_left(self.prose, stop, lo), lo + 5)
        words = self._words.get((lo, hi))
        if words is None:
            words = set().union(*(self._line_words(self.prose[k]) for k in range(lo, hi)))
            self._words[(lo, hi)] = words
        return words

    def _line_words(self, i: int) -> set[str]:
        words = self._sets.get(i)
        if words is None:
            words = self._sets[i] = set(self.lines[i].tokens)
        return words


_MAX_OVERLAP = 2.0  # the most a title candidate gains from sharing words with the body


def _title_base(ctx: _TitleContext, i: int) -> float | None:
    """A title candidate's score from its shape and neighbours (None: not a candidate);
    the body-overlap part, the costly one, is added by :func:`_title` when it can matter."""
    lines, roles = ctx.lines, ctx.roles
    line, role = lines[i], roles[i]
    if role not in _TITLE_ROLES or line.words < 3 or line.words > 40 or line.listed:
        return None
    if role == "header" and line.heading != 1:
        return None
    if role == "prose" and line.text.endswith(".") and not line.text.endswith(".."):
        return None
    score = 0.0
    if line.heading == 1:
        score += 3.0
    elif line.heading:
        score += 0.5
    if line.link_words > 0.5 * line.words:
        score -= 2.0
    after = roles[i + 1 : i + 5]
    if "date" in after:
        score += 1.5
    elif "date" in roles[max(0, i - 2) : i]:
        score += 0.5
    if "byline" in after or "widget" in after:
        score += 0.5
    if (i and lines[i - 1].key == line.key) or (
        i + 1 < len(lines) and lines[i + 1].key == line.key
    ):
        score -= 2.0
    if i and roles[i - 1] == "header":
        score -= 1.0
    if i == 0:
        score += 0.5  # plain dumps usually open with the title
    if "." in line.folded and _SITE_NAME.search(line.folded):
        score -= 3.0
    return score - 0.03 * i


def _title_overlap(ctx: _TitleContext, i: int) -> float:
    """Share of the candidate's words found in the prose that follows it, scaled."""
    words = ctx.follow_words(i)
    tokens = ctx.lines[i].tokens
    if not words or not tokens:
        return 0.0
    return _MAX_OVERLAP * sum(1 for w in tokens if w in words) / len(tokens)


def _title(lines: list[Line], roles: list[str]) -> int | None:
    """The best-scoring title line (ties: the earliest), scoring body overlap only for
    candidates whose shape score leaves them a chance (branch and bound: same answer)."""
    ctx = _TitleContext(lines, roles)
    bases = [(base, i) for i in range(len(lines)) if (base := _title_base(ctx, i)) is not None]
    bases.sort(key=lambda x: (-x[0], x[1]))
    best, best_i = 1.0, None
    for base, i in bases:
        if base + _MAX_OVERLAP < best:
            break
        score = base + _title_overlap(ctx, i)
        if score > best or (score == best and best_i is not None and i < best_i):
            best, best_i = score, i
    return best_i


_HOST = re.compile(r"https?://(?:www\.)?([\w.-]+)")
_URL = re.compile(r"(?:https?://|www\.)\S+|(?<![\w.-])[\w-]+(?:\.[\w-]+)+/\S*")
_DOMAIN = re.compile(r"\b([\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org))\b")


def _outlet(text: str, lines: list[Line], roles: list[str]) -> tuple[str | None, str | None]:
    """The page's site: its own URL when the footer prints it ("URL của bài viết: …"), else
    the most linked host, else a "Site - site.vn" name in the first lines."""
    for line, role in zip(lines, roles):
        if role == "footer" and "url cua bai viet" in line.folded:
            m = _URL.search(line.text)
            if m:
                url = m.group(0) if "://" in m.group(0) else "http://" + m.group(0)
                return urlsplit(url).hostname, m.group(0)
    hosts = Counter(h.lower() for h in _HOST.findall(text)) if "://" in text else None
    if hosts:
        return hosts.most_common(1)[0][0], None
    for line in lines[:3]:
        if line.words > 10 or len(line.text) > 300:  # (on a long token the search is quadratic)
            continue
        m = _DOMAIN.search(line.text)
        if m:
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
    result.outlet, result.url = _outlet(text, lines, roles)
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
