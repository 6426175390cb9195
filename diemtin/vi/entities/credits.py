"""Pictures' credits ("Ảnh: AFP", "Ảnh: Minh Tiệp") and the closing byline ("Thành Hưng
Theo Trí Thức Trẻ"): names found by their place in the text rather than by cues, typed as
the outlet, place or person they credit. :func:`credit_end` also tells the sentence
splitter where a credit glued to the next sentence ends."""

from __future__ import annotations

from diemtin.vi.entities.lexicon import (
    _BYLINE_INITIALS,
    _BYLINE_WORDS,
    _DOMAIN,
    _KIN_NAMES,
    _NOT_NAMES,
    _SENTENCE_WORDS,
    GIVEN_NAMES,
    ORG_HEADS,
    PERSON_TITLES,
    PLACES,
)
from diemtin.vi.entities.runs import _given_name_after_country
from diemtin.vi.entities.tokens import Entity, _is_cap, _mixed_case, _tokens, foreign_word
from diemtin.vi.normalize import key_form as _low


def _credit_name(text: str, tokens: list[tuple[int, int, str]], k: int, limit: int) -> int:
    """Index of the last token of the credited name starting at ``k`` ("N.T.Phúc",
    "T. LŨY", "Vietnam+", "Nguyễn Minh Tuấn Anh"); stops at words that open a phrase."""
    if _DOMAIN.match(tokens[k][2]):
        return k  # "Ảnh: RT.com"
    m = k
    while m + 1 < limit and m - k < 3:
        gap = text[tokens[m][1] : tokens[m + 1][0]]
        word = tokens[m + 1][2]
        if word == "+" and not gap:
            m += 1  # "Vietnam+"
            break
        if word == "." and len(tokens[m][2]) == 1 and m + 2 < limit and _is_cap(tokens[m + 2][2]):
            m += 2  # "T. LŨY"
            continue
        key = _low(word)
        if (
            gap != " "
            or not _is_cap(word)
            or (key in _NOT_NAMES and key != "anh" and limit < len(tokens))  # "Đỗ Tuấn Anh"
            or key in _SENTENCE_WORDS
            or key in ORG_HEADS
            or key in _BYLINE_WORDS
            or (tokens[k][2].isupper() and not word.isupper())  # "AP Ủy ban": one word
        ):
            break
        m += 1
    return m


_CREDIT_JOINERS = frozenset({"-", "–", "/", "&"})


def credit_end(text: str, start: int) -> int | None:
    """Where the name a picture's credit gives at ``start`` ends, when flattened text glued
    the next sentence to it: "Ảnh: Lê Hoàng Nhiều ngư dân…" ends after "Hoàng" (a capital
    before a lowercase word opens the sentence), "Ảnh: Hoàng Hải - TTXVN Tại buổi…" after
    "TTXVN". None when the two cannot be told apart ("Ảnh: Lao động Có…": an outlet's name
    in lowercase, or a one-word credit and a sentence?)."""
    window = text[start : start + 120]  # a name, its joiners and the next word
    tokens = _tokens(window)
    if not tokens or not (_is_cap(tokens[0][2]) or _DOMAIN.match(tokens[0][2])):
        return None
    first = 0
    m = _credit_name(window, tokens, 0, len(tokens))
    while (
        m + 2 < len(tokens)
        and tokens[m + 1][2] in _CREDIT_JOINERS
        and _is_cap(tokens[m + 2][2])
        and window[tokens[m][1] : tokens[m + 2][0]].strip() == tokens[m + 1][2]
    ):  # "Hoàng Hải - TTXVN", "AFP/TTXVN"
        first = m + 2
        m = _credit_name(window, tokens, first, len(tokens))
    for j in range(first + 1, m + 1):  # "Mai Xuân Ông Đinh Viết Tứ": "Ông" opens a sentence
        key = _low(tokens[j][2])
        if key in PERSON_TITLES and key not in GIVEN_NAMES and key not in _KIN_NAMES:
            m = j - 1
            break
    after = tokens[m + 1][2] if m + 1 < len(tokens) else ""
    if after[:1].isalpha() and after.islower():  # "Chu Thắng Qua hàng loạt…"
        if m == first:
            return None
        m -= 1
    return start + tokens[m][1]


def _credit_type(words: list[str], source: bool) -> str | None:
    """Type of a credited name: an agency or outlet (ORG), a place, or a person."""
    key = _low(" ".join(words))
    if key in PLACES:
        return "LOC"
    if source:
        return "ORG"  # "Theo Trí Thức Trẻ", "(Vietnam+)"
    names = [w for w in words if w not in ".+"]
    if _DOMAIN.match(names[0]):
        return "ORG" if len(names) == 1 else None
    if len(names) == 1:
        word = names[0]
        if _BYLINE_INITIALS.match(word) or "." in "".join(words):
            return "PER"  # "N.T.Phúc", "B.Ngân"
        if word.isupper() and _low(word) in GIVEN_NAMES:
            return "PER"  # "AN", "HÀ": a reporter's given name
        if (word.isupper() and len(word) >= 2) or _mixed_case(word) or foreign_word(word):
            return "ORG"  # "AP", "NDH", "Gizmodo"
        return None
    return "PER" if len(names) <= 4 else None


def _byline_start(text: str, tokens: list[tuple[int, int, str]]) -> int:
    """Index of the first token of the closing byline ("Thành Hưng Theo Trí Thức Trẻ",
    "Đỗ Tuấn Anh/VOV", "T.N (theo AFP)"), or ``len(tokens)`` when the text has none."""
    ends = [n for n, t in enumerate(tokens) if t[2] in ".!?…:"]
    while (
        len(ends) > 1
        and len(tokens[ends[-1] - 1][2]) == 1
        and tokens[ends[-1] - 1][2].isupper()
        and tokens[ends[-1] - 1][1] == tokens[ends[-1]][0]
    ):
        ends.pop()  # the dot of an initial ("T. LŨY") ends no sentence
    last = ends[-1] if ends else -1
    start = last + 1
    zone = tokens[start:]
    if last < 0 or not zone or len(zone) > 14:
        return len(tokens)
    words = [t[2] for t in zone if t[2][:1].isalpha()]
    if not words or not all(_is_cap(w) or _low(w) in _BYLINE_WORDS for w in words):
        return len(tokens)
    return start


def _byline_entities(text: str, tokens: list[tuple[int, int, str]], start: int) -> list[Entity]:
    out: list[Entity] = []
    source = False
    k = start
    while k < len(tokens):
        word = tokens[k][2]
        key = _low(word)
        if key == "theo" or word == "(":
            source = True
        elif word == ")":
            source = False
        elif (
            _is_cap(word)
            and (key not in _NOT_NAMES or _given_name_after_country(tokens[k : k + 2]))
            and key not in _BYLINE_WORDS
        ):  # "Anh Kiên" signs as a person, not "brother Kiên"
            m = _credit_name(text, tokens, k, len(tokens))
            names = [t[2] for t in tokens[k : m + 1]]
            if _low(" ".join(names[:2])) not in _BYLINE_WORDS:
                author = m + 1 < len(tokens) and tokens[m + 1][2] == "("
                kind = _credit_type(names, source and not author)
                first = k
                if names[0] == "Báo" and m > k:  # "Báo Đất Việt": the paper, as in the text
                    first, kind = k + 1, "ORG"
                if kind:
                    s, e = tokens[first][0], tokens[m][1]
                    out.append(Entity(s, e, kind, text[s:e]))
            k = m
        k += 1
    return out
