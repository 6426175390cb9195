"""A flattened page as a list of lines with the features boilerplate removal needs.

Markdown and plain-text dumps are read the same way: markup is stripped from the text but
kept as features (heading level, link share, image, table cell, list item, emphasis), and
each line gets its repetition count in the page, since chrome repeats (titles, captions,
card headlines) while article paragraphs do not.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from diemtin.vi.normalize import fold_ascii

_IMAGE = re.compile(r"!\[((?:[^\[\]]|\[[^\]]*\])*)\]\([^)]*\)")
# Images are removed before links are read, so a link needs no "not after !" look-behind,
# and a pattern that opens with a literal is found by a fast scan.
_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")
_HEADING = re.compile(r"^(#{1,6})\s+")
_LIST = re.compile(r"^(?:[-*+•]|\d{1,2}[.)])\s+")
_EMPH = re.compile(r"^(\*\*|__|\*|_)(.+?)\1$")
_SENT_END = frozenset('.!?…;:"”’)»')


@dataclass(slots=True)
class Line:
    index: int
    raw: str
    text: str
    folded: str
    key: str
    tokens: list[str]
    words: int
    heading: int = 0
    image: bool = False
    table: bool = False
    listed: bool = False
    emphasis: str = ""
    link_words: int = 0
    link_text: str = ""
    repeats: int = 1
    blank_before: bool = False

    @property
    def link_share(self) -> float:
        """Share of the line's words that are link text (menus and listings are all links)."""
        return self.link_words / self.words if self.words else 0.0

    @property
    def sentence_end(self) -> bool:
        return self.text[-1:] in _SENT_END


_MARKUP_SET = "|#[]!*_"
_TABLE_SEP = re.compile(r"\s*\|\s*")
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+\S")
_EMPTY_IMAGE = re.compile(r"!\[\]\(\)\s*\|?")
_NO_FEATURES: dict[str, object] = {}
_RULE = re.compile(r"(?:-{3,}|\*{3,}|_{3,}|={3,})")


def _strip_markup(s: str) -> tuple[str, dict[str, object]]:
    """Text and markup features of one stripped line; each pattern runs only when the
    characters it needs are present, since a fifth of a dump's lines carry some markup."""
    feats: dict[str, object] = {}
    if s[0] == "|" or s[-1] == "|":
        feats["table"] = True
        if _EMPTY_IMAGE.fullmatch(s.strip("|").strip()):
            feats["image"] = True
        s = _TABLE_SEP.sub(" | ", s.strip("|").strip())
    if s[:1] == "#":
        m = _HEADING.match(s)
        if m:
            feats["heading"] = len(m.group(1))
            s = s[m.end() :]
    if s[:1] in _LIST_START:
        m = _LIST.match(s)
        if m and (not _NUMBERED.match(s) or "](" in s):
            feats["listed"] = True
            s = s[m.end() :]
    if "![" in s:
        if _EMPTY_IMAGE.fullmatch(s):
            feats["image"] = True
        if _IMAGE.search(s):
            alt = " ".join(a for a in _IMAGE.findall(s) if a.strip())
            rest = _IMAGE.sub("", s).strip(" |")
            if not rest.strip() or _LINK.fullmatch(rest.strip()):
                feats["image"] = True
                s = rest or alt
            else:
                s = _IMAGE.sub("", s)
    if "](" in s:
        links = _LINK.findall(s)
        if links:
            feats["link_text"] = " ".join(t for t, _ in links)
            s = _LINK.sub(r"\1", s)
    if s[:1] in "*_":
        m = _EMPH.match(s.strip())
        if m:
            feats["emphasis"] = "bold" if len(m.group(1)) == 2 else "italic"
            s = m.group(2)
    if "**" in s:
        s = s.replace("**", "")
    return " ".join(s.split()), feats


_LIST_START = frozenset("-*+•0123456789")


@lru_cache(maxsize=128)
def _markup_pattern(present: frozenset[str]) -> re.Pattern[str] | None:
    """A bare character class of the markup characters a page has (None for plain text),
    so that most lines are cleared by one C-speed scan, and plain dumps by none."""
    return re.compile("[" + re.escape("".join(sorted(present))) + "]") if present else None


# Folded ASCII lines to keys: everything but letters and digits becomes a space.
_KEY_TABLE = str.maketrans(
    {chr(c): (chr(c) if chr(c).isalnum() or chr(c) == "\n" else " ") for c in range(128)}
)
_RULE_START = frozenset("-*_=")


def parse_lines(text: str) -> list[Line]:
    """Split a dump into non-blank lines with features; markup goes, its meaning stays.

    Folding and keying run once over the whole page (C-speed passes), and only the lines
    that carry markup are re-read one by one: a dump extractor sees every line of every page.
    """
    raws = text.split("\n")
    folded_page = fold_ascii(text)
    folds = folded_page.split("\n")
    keys = folded_page.translate(_KEY_TABLE).split("\n")
    if len(folds) != len(raws):  # a script whose decomposition swallowed a line break
        folds = [fold_ascii(r) for r in raws]
        keys = [f.translate(_KEY_TABLE) for f in folds]
    markup = _markup_pattern(frozenset(c for c in _MARKUP_SET if c in text))
    has_urls = "://" in text  # page-level tests spare most lines a scan each
    spaced = "  " in text or "\t" in text
    folded_spaced = "  " in folded_page or "\t" in folded_page
    lines: list[Line] = []
    marked: list[Line] = []  # lines whose text lost markup: folded again, all at once
    blank = True
    for raw, folded, key in zip(raws, folds, keys):
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        if stripped[0] in _RULE_START and _RULE.fullmatch(stripped):
            blank = True
            continue
        if (
            (markup is not None and markup.search(stripped))
            or (stripped[0] in _LIST_START and _LIST.match(stripped))
            or (has_urls and "://" in stripped)
        ):
            clean, feats = _strip_markup(stripped)
            if not clean and not feats.get("image"):
                blank = True
                continue
            line = Line(len(lines), raw, clean, "", "", [], 0)
            for name, value in feats.items():
                setattr(line, name, value)
            marked.append(line)
        else:
            if spaced and ("  " in stripped or "\t" in stripped):
                stripped = " ".join(stripped.split())
            tokens = key.split()
            folded = folded.strip()
            if folded_spaced and ("  " in folded or "\t" in folded):
                folded = " ".join(folded.split())
            line = Line(len(lines), raw, stripped, folded, " ".join(tokens), tokens, len(tokens))
        line.blank_before = blank
        lines.append(line)
        blank = False
    if marked:  # fold the lines that lost markup, and their link texts, in one pass
        batch = [line.text for line in marked] + [line.link_text for line in marked]
        folded_batch = fold_ascii("\n".join(batch)).split("\n")
        if len(folded_batch) != len(batch):
            folded_batch = [fold_ascii(x) for x in batch]
        for line, folded, link in zip(marked, folded_batch, folded_batch[len(marked) :]):
            tokens = folded.translate(_KEY_TABLE).split()
            line.folded = " ".join(folded.split())
            line.key = " ".join(tokens)
            line.tokens = tokens
            line.words = len(tokens)
            if link:
                line.link_words = len(link.translate(_KEY_TABLE).split())
    counts = Counter(line.key for line in lines if line.key)
    for line in lines:
        line.repeats = counts.get(line.key, 1) if line.key else 1
    return lines
