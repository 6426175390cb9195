"""Sentence splitting for Vietnamese news text.

A full stop ends a sentence only when what follows can open one, and not inside numbers
(``5.000``, ``23.10``), abbreviations (``TP.HCM``, ``PGS.TS.``, ``Th.S``, ``v.v.``), initials
(``Nguyễn V. A``) or the ``./.`` that ends official texts. Flattened pages also glue
sentences (``ra mắt.Chuyên``) and leave photo captions inline, with no full stop between a
caption, its credit and the next sentence: ``Biểu tình tại Campuchia (Ảnh: AFP) Tại cuộc
họp…``, ``Xác cá voi dạt vào bờ. Ảnh: Lê Hoàng Nhiều ngư dân…``, ``Ảnh minh họa Khối lượng
đặt thầu…``; and links to other articles (``… đặc biệt. >> Xếp hàng bán nợ``). All are
split, the credit, label or link becoming a sentence of its own; :func:`content_sentences`
leaves them out.
"""

from __future__ import annotations

import re

# Abbreviations that end with a dot but not a sentence (lowercased, without the final dot).
_ABBREVIATIONS = frozenset(
    "tp tt q h p ts ths pgs gs bs ks ls ns nxb st sđd ttg đ/c ô b a.k.a v.v vv tr ctv pv btv "
    "mr mrs ms dr st jr sr inc ltd co corp no vs etc e.g i.e".split()
)
_OPENERS = "A-ZĐÂĂÊÔƠƯÀ-ÝĨŨƠƯẠ-Ỹ0-9\"“‘'(\\[«"
# A break: sentence punctuation (and closing quotes/brackets), spaces, then an opener. Tried
# only where a run of punctuation begins, and never backed into: "\.+" alone rescans a long
# run of dots from each of its dots (quadratic). Here and below, a pattern that opens with a
# lookbehind first looks ahead for the character it must start with: the scan then skips to
# the candidates instead of trying the lookbehind at every position (twice as fast).
_BREAK = re.compile(rf"(?=[.!?…])(?<![.!?…])([.!?…]++[\"”’')\]»]*+)(\s+)(?=[{_OPENERS}])")
# Glued sentences: "ra mắt.Chuyên" (a lowercase letter, a dot, a capitalised word).
_GLUED = re.compile(r"(?=[.!?])(?<=[a-zà-ỹđ]{2})([.!?])(?=[A-ZĐÀ-Ỹ][a-zà-ỹđ])")
# What a picture's label says when it names no one: "Ảnh minh họa", "Ảnh tư liệu".
_UNNAMED = r"(?:minh h(?:ọa|oạ)|tư liệu|chụp màn hình|[Ii]nternet)"
# A credit in brackets: "(Ảnh: AFP)", "(Ảnh minh họa: TTXVN)", "(Ảnh AP)", "(ảnh Internet)",
# "(Nguồn: AP)", "(Ảnh, clip: …)" (not "(ảnh)", "pictured", nor "(ảnh hưởng …)").
_BRACKET_CREDIT = (
    r"\((?:[Ảả]nh|[Nn]guồn|[Đđ]ồ họa|[Pp]hoto|[Cc]lip|[Vv]ideo)"
    rf"(?:\s+{_UNNAMED}(?:\s*[:,][^()]{{1,60}})?|\s*[:,][^()]{{1,60}}|\s+[A-ZĐ][^()]{{0,40}})\)"
)
_CREDIT_BREAK = re.compile(rf"({_BRACKET_CREDIT})\s+(?=[{_OPENERS}])")
# A credit's lead word, capitalised, opening a sentence or glued after a caption.
_CREDIT_LEAD = re.compile(
    rf"(?<![\w(])(?:Ảnh|Clip|Video|Đồ họa|Photo|Nguồn ảnh)(?:\s+{_UNNAMED})?\s*:\s*(?=\S)"
)
_CREDIT_WORD = re.compile(r"Ảnh|Clip|Video|Đồ họa|Photo|Nguồn ảnh")  # what both begin with
# A label alone, glued to what follows: "Ảnh minh họa Khối lượng…", "Ảnh tư liệu. Hãng…".
_LABEL = re.compile(rf"(?<![\w(])(?:Ảnh|Clip|Video)\s+{_UNNAMED}\.?(?=\s+[{_OPENERS}])")
_CAPTION = re.compile(
    rf"{_BRACKET_CREDIT}|\((?:[Ảả]nh|[Nn]guồn ảnh|[Đđ]ồ họa|[Pp]hoto|[Ii]nfographic)"
    rf"(?:\s+{_UNNAMED})?\s*:|(?:^|[-–—]\s*)(?:[Ảả]nh|Clip|Video|[Nn]guồn(?: ảnh)?|[Đđ]ồ họa|"
    rf"[Pp]hoto|[Ii]nfographic)(?:\s+{_UNNAMED})?\s*:|^(?:Ảnh|Clip|Video)\s+{_UNNAMED}\.?$"
)
_ALONE = re.compile(rf"^{_BRACKET_CREDIT}\.?$")
# An inline link to another article: ">> Xếp hàng bán nợ", ">> Xem thêm: …" (a lookbehind:
# "\s+(?=>>)" is quadratic in a run of spaces).
_LINK = re.compile(r"(?=>>)(?<=\s)>>")
_SPACED_OPENER = re.compile(rf"\s+[{_OPENERS}]")


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


def _cut_credits(paragraph: str) -> str:
    """The paragraph with a line break before each glued credit and label, and after the
    credited name when the next sentence follows it with no full stop."""
    if not _CREDIT_WORD.search(paragraph):
        return paragraph
    from diemtin.vi.entities import credit_end  # names as entities read them (70 ms to load)

    cuts: list[int] = []
    for m in _CREDIT_LEAD.finditer(paragraph):
        before = paragraph[max(0, m.start() - 4) : m.start()].rstrip()
        if not before.endswith(("-", "–", "—")):  # "Caption - Ảnh: AFP" stays one caption
            cuts.append(m.start())
        end = credit_end(paragraph, m.end())
        if end is not None and _SPACED_OPENER.match(paragraph, end):
            cuts.append(end)
    for m in _LABEL.finditer(paragraph):
        cuts += [m.start(), m.end()]
    out, last = [], 0
    for cut in sorted(set(cuts)):
        out.append(paragraph[last:cut].rstrip())
        last = cut
    out.append(paragraph[last:])
    return "\n".join(part.strip() for part in out)


def _paragraph_sentences(paragraph: str) -> list[str]:
    paragraph = _CREDIT_BREAK.sub(r"\1\n", paragraph.strip())
    paragraph = _GLUED.sub(r"\1\n", _cut_credits(paragraph))
    paragraph = _LINK.sub("\n>>", paragraph)
    out: list[str] = []
    for part in paragraph.split("\n"):
        start = 0
        for m in _BREAK.finditer(part):
            if m.group(1) == "." and _protected(part, m.start(1) + 1):
                continue
            out.append(part[start : m.end(1)].strip())
            start = m.end(2)
        out.append(part[start:].strip())
    return [s for s in out if s]


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` (paragraph breaks always split), stripped, none empty."""
    return [s for paragraph in text.split("\n") for s in _paragraph_sentences(paragraph)]


def is_caption(sentence: str) -> bool:
    """A photo caption, credit or label ("… (Ảnh: AFP)", "Ảnh: …", "Ảnh minh họa",
    "(Nguồn: TTXVN)"), which no summary should use."""
    return bool(_CAPTION.search(sentence) or _ALONE.match(sentence))


def content_sentences(text: str) -> list[str]:
    """The sentences of ``text`` a summary may use: no captions, credits or labels, not the
    caption a credit follows in the same paragraph ("Xác cá voi dạt vào bờ. Ảnh: Lê
    Hoàng"), which flattening left looking like any sentence, and no inline links to other
    articles (">> Xếp hàng bán nợ": where the linked headline ends is anyone's guess, so
    the text glued after it goes too)."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        sentences = _paragraph_sentences(paragraph)
        for i, sentence in enumerate(sentences):
            following = sentences[i + 1] if i + 1 < len(sentences) else ""
            if not (
                is_caption(sentence) or _CREDIT_LEAD.match(following) or sentence.startswith(">>")
            ):
                out.append(sentence)
    return out
