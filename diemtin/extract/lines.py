"""A flattened page as a list of lines with the features boilerplate removal needs.

Markdown and plain-text dumps are read the same way: markup is stripped from the text but
kept as features (heading level, link share, image, table cell, list item, emphasis), and
each line gets its repetition count in the page, since chrome repeats (titles, captions,
card headlines) while article paragraphs do not.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from diemtin.vi.normalize import fold

_IMAGE = re.compile(r"!\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*\)")
_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)]*)\)")
_HEADING = re.compile(r"^(#{1,6})\s+")
_LIST = re.compile(r"^(?:[-*+•]|\d{1,2}[.)])\s+")
_EMPH = re.compile(r"^(\*\*|__|\*|_)(.+?)\1$")
_KEY = re.compile(r"[^\w]+")
_SENT_END = re.compile(r"[.!?…;:\"”’)»]$|\.{3}$|\./\.$")
WORD = re.compile(r"\w+")


@dataclass(slots=True)
class Line:
    index: int
    raw: str
    text: str
    folded: str
    key: str
    words: int
    heading: int = 0
    image: bool = False
    table: bool = False
    listed: bool = False
    emphasis: str = ""
    link_words: int = 0
    urls: list[str] = field(default_factory=list)
    repeats: int = 1
    blank_before: bool = False

    @property
    def link_share(self) -> float:
        return self.link_words / self.words if self.words else 0.0

    @property
    def sentence_end(self) -> bool:
        return bool(_SENT_END.search(self.text))

    @property
    def capital_start(self) -> bool:
        return bool(self.text) and (self.text[0].isupper() or self.text[0] in "\"“'(‘[«")


_MARKUP_CHARS = re.compile(r"[|#\[\]!*_]|^\s*(?:[-+•]|\d{1,2}[.)])\s|https?://")
_TABLE_SEP = re.compile(r"\s*\|\s*")
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+\S")
_IMAGE_URL = re.compile(r"!\[[^\n]*?\]\((https?://[^)\s]+)")
_EMPTY_IMAGE = re.compile(r"!\[\]\(\)\s*\|?")
_BARE_URL = re.compile(r"https?://\S+")
_NO_FEATURES: dict[str, object] = {}


def _strip_markup(raw: str) -> tuple[str, dict[str, object]]:
    if not _MARKUP_CHARS.search(raw):  # plain prose: the common case, no regex work
        return " ".join(raw.split()), _NO_FEATURES
    feats: dict[str, object] = {}
    s = raw.strip()
    if s.startswith("|") or s.endswith("|"):
        feats["table"] = True
        s = s.strip("|").strip()
        s = _TABLE_SEP.sub(" | ", s)
    m = _HEADING.match(s)
    if m:
        feats["heading"] = len(m.group(1))
        s = s[m.end() :]
    m = _LIST.match(s)
    if (m and not _NUMBERED.match(s)) or (m and _LINK.search(s)):
        feats["listed"] = True
        s = s[m.end() :]
    image_urls = _IMAGE_URL.findall(s)
    if _IMAGE.search(s):
        alt = " ".join(a for a in _IMAGE.findall(s) if a.strip())
        rest = _IMAGE.sub("", s).strip(" |")
        if not rest.strip() or _LINK.fullmatch(rest.strip()):
            feats["image"] = True
            s = rest or alt
        else:
            s = _IMAGE.sub("", s)
    if _EMPTY_IMAGE.fullmatch(raw.strip().strip("|").strip()):
        feats["image"] = True
    urls = [u for _, u in _LINK.findall(s)]
    link_text = " ".join(t for t, _ in _LINK.findall(s))
    s = _LINK.sub(lambda m: m.group(1), s)
    feats["urls"] = urls + image_urls + _BARE_URL.findall(s)
    feats["link_words"] = len(WORD.findall(link_text))
    m = _EMPH.match(s.strip())
    if m:
        feats["emphasis"] = "bold" if len(m.group(1)) == 2 else "italic"
        s = m.group(2)
    s = s.replace("**", "").strip()
    return " ".join(s.split()), feats


def parse_lines(text: str) -> list[Line]:
    """Split a dump into non-blank lines with features; markup goes, its meaning stays."""
    lines: list[Line] = []
    blank = True
    for raw in text.split("\n"):
        if not raw.strip():
            blank = True
            continue
        if re.fullmatch(r"\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*", raw):
            blank = True
            continue
        clean, feats = _strip_markup(raw)
        if not clean and not feats.get("image"):
            blank = True
            continue
        folded = fold(clean)
        line = Line(
            index=len(lines),
            raw=raw,
            text=clean,
            folded=folded,
            key=_KEY.sub(" ", folded).strip(),
            words=len(WORD.findall(clean)),
            blank_before=blank,
            **feats,  # type: ignore[arg-type]
        )
        lines.append(line)
        blank = False
    counts = Counter(line.key for line in lines if line.key)
    for line in lines:
        line.repeats = counts.get(line.key, 1) if line.key else 1
    return lines
