"""A light, offline test of whether a text is Vietnamese.

Vietnamese is easy to tell apart from other Latin-script languages: it is written in
syllables, most of which carry letters no other language uses (ơ, ư, đ, ạ, ế …), and a few
dozen function syllables ("của", "và", "là", "các", "những", "được" …) make up a large share
of any running text. The score mixes the two signals; it needs no model file.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

# Letters that (almost) only Vietnamese uses; à é ô … are shared with French and others.
_VI_LETTERS = frozenset("ăđơưạảẳẵặằắẩẫậầấẻẽẹềếểễệỉịĩỏọồốổỗộờớởỡợủụũừứửữựỳỷỹỵ")
_FUNCTION_WORDS = frozenset(
    "và của là các những được có cho không người một trong với đã này đến khi theo từ tại để "
    "năm ngày cũng như về đó sẽ thì nhưng còn nhiều ra vào trên bị lại làm ông bà hai đang "
    "nên nước việc tôi chúng họ mình anh chị em nó thành phố tỉnh công nhà sau trước cùng "
    "phải rất bằng hơn vì nếu mà đây đều thể tới tin báo".split()
)
_WORD = re.compile(r"[^\W\d_]+")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"([aăâeêioôơuưy]{1,3})"
    r"(ch|ng|nh|[cmnpt])?"
)
_NUCLEI = frozenset(
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui "
    "uô uơ ưa ưi ưu ươ uy yê iêu yêu oai oay oeo uây uôi ươi ươu uyê uya uyu".split()
)
# Nuclei that end in a glide take no final consonant ("ơi" + "ng" is not a syllable).
_OPEN_ONLY = frozenset(
    "ai ao au ay âu ây eo êu iu oi ôi ơi ui ưi ưu iêu yêu oai oay oeo uây uôi ươi ươu uyu ia "
    "ưa".split()
)


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True when ``word`` (lowercase) has the shape of one Vietnamese syllable, one tone at most."""
    decomposed = unicodedata.normalize("NFD", word)
    if sum(1 for c in decomposed if c in _TONES) > 1:
        return False
    toneless = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    m = _SYLLABLE.fullmatch(toneless)
    if m is None:
        return False
    onset, nucleus, final = m.group(1), m.group(2), m.group(3)
    # Spelling: k before e ê i y and c elsewhere ("kê", "ca"; never "cê", "ka"), the rule
    # that tells a real syllable from a legacy-encoding misreading like "céng".
    if (onset == "c" and nucleus[0] in "eêiy") or (onset == "k" and nucleus[0] not in "eêiy"):
        return False
    if onset in {"qu", "gi"} and nucleus not in _NUCLEI and len(nucleus) > 1:
        nucleus = nucleus[1:]
    return nucleus in _NUCLEI and not (final and nucleus in _OPEN_ONLY)


@lru_cache(maxsize=1 << 16)
def _judged(word: str) -> tuple[bool, bool, bool]:
    """Whether a word is shaped as a syllable, has Vietnamese marks, is a function word:
    judged once per word for every text (a language's words recur from text to text)."""
    lower = word.lower()
    syllable = is_syllable(lower)
    return (
        syllable and (word.islower() or word.istitle() or word.isupper()),
        not _VI_LETTERS.isdisjoint(lower) or (syllable and not lower.isascii()),
        lower in _FUNCTION_WORDS,
    )


def vietnamese_score(text: str) -> float:
    """0..1: how much ``text`` reads like Vietnamese (≈0.6–1 for news, <0.2 for others).

    Each distinct word is judged once and weighted by its count: running text repeats its
    words, so this is several times faster than judging every token."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    words = words[:3000]
    syllable_like = with_marks = function = 0
    for word, count in Counter(words).items():
        like, marked, functional = _judged(word)
        syllable_like += like * count
        with_marks += marked * count
        function += functional * count
    n = len(words)
    marks_part = min(1.0, with_marks / n / 0.35)
    function_part = min(1.0, function / n / 0.25)
    return (0.6 * marks_part + 0.4 * function_part) * (syllable_like / n) ** 2


def is_vietnamese(text: str, threshold: float = 0.3) -> bool:
    """True when ``text`` is (mostly) Vietnamese."""
    return vietnamese_score(text) >= threshold
