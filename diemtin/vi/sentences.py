"""Sentence splitting for Vietnamese news text.

A full stop ends a sentence only when what follows can open one, and not inside numbers
(``5.000``, ``23.10``), abbreviations (``TP.HCM``, ``PGS.TS.``, ``Th.S``, ``v.v.``), initials
(``Nguyễn V. A``) or the ``./.`` that ends official texts. Flattened pages also glue
sentences (``ra mắt.Chuyên``) and leave photo captions inline (``Biểu tình tại Campuchia
(Ảnh: AFP) Tại cuộc họp…``); both are split, the caption becoming a sentence of its own that
callers can recognise with :func:`is_caption`.
"""

from __future__ import annotations

import re

# Abbreviations that end with a dot but not a sentence (lowercased, without the final dot).
_ABBREVIATIONS = frozenset(
    "tp tt q h p ts ths pgs gs bs ks ls ns nxb st sđd ttg đ/c ô b a.k.a v.v vv tr ctv pv btv "
    "mr mrs ms dr st jr sr inc ltd co corp no vs etc e.g i.e".split()
)
_OPENERS = "A-ZĐÂĂÊÔƠƯÀ-ÝĨŨƠƯẠ-Ỹ0-9\"“‘'(\\[«"
# A break: sentence punctuation (and closing quotes/brackets), spaces, then an opener.
_BREAK = re.compile(rf"([.!?…]+[\"”’')\]»]*)(\s+)(?=[{_OPENERS}])")
# Glued sentences: "ra mắt.Chuyên" (a lowercase letter, a dot, a capitalised word).
_GLUED = re.compile(r"(?<=[a-zà-ỹđ]{2})([.!?])(?=[A-ZĐÀ-Ỹ][a-zà-ỹđ])")
# An inline photo credit followed by the next sentence: "(Ảnh: AFP) Tại cuộc…".
_CREDIT_BREAK = re.compile(
    r"(\((?:[Ảả]nh|[Nn]guồn|[Đđ]ồ họa|[Pp]hoto)\s*:[^()]{1,60}\))\s+(?=[A-ZĐÀ-Ỹ])"
)
_CAPTION = re.compile(
    r"(?:\(|[-–—]\s*)(?:[Ảả]nh|[Nn]guồn ảnh|[Đđ]ồ họa|[Pp]hoto|[Ii]nfographic)\s*:|"
    r"^(?:[Ảả]nh|Video|Clip)\s*(?:minh họa)?\s*:"
)


def _protected(text: str, end: int) -> bool:
    """True when the dot before ``end`` belongs to an abbreviation or an initial."""
    start = end - 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start : end - 1].lower().strip('("“')
    if not word:
        return False
    if word in _ABBREVIATIONS or all(part in _ABBREVIATIONS for part in word.split(".")):
        return True
    return len(word) == 1 and word.isalpha() and text[start].isupper()  # an initial: "V."


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` (paragraph breaks always split), stripped, none empty."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = _CREDIT_BREAK.sub(r"\1\n", paragraph.strip())
        paragraph = _GLUED.sub(r"\1\n", paragraph)
        for part in paragraph.split("\n"):
            start = 0
            for m in _BREAK.finditer(part):
                if m.group(1) == "." and _protected(part, m.start(1) + 1):
                    continue
                out.append(part[start : m.end(1)].strip())
                start = m.end(2)
            out.append(part[start:].strip())
    return [s for s in out if s]


def is_caption(sentence: str) -> bool:
    """A photo caption or credit ("… (Ảnh: AFP)", "Ảnh: …"), which no summary should use."""
    return bool(_CAPTION.search(sentence))
