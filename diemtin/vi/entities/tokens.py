"""What the entity finder reads and returns: a text's tokens with their offsets, the shapes
of a word (capitalised, acronym, mixed case, foreign) and the :class:`Entity` span."""

from __future__ import annotations

import re
from dataclasses import dataclass

from diemtin.vi.language import is_syllable


@dataclass(frozen=True, slots=True)
class Entity:
    """One mention: its offsets in the text, its type and its text (``text[start:end]``)."""

    start: int
    end: int
    type: str  # PER, ORG or LOC
    text: str


# A word, with the apostrophes, dots, ampersands and hyphens inside it ("N.T.Phúc", "AT&T",
# "U-21"), or one mark.
_WORD = re.compile(r"[\w][\w'’]*(?:[.&-][\w]+)*|[^\w\s]", re.UNICODE)


def _is_cap(token: str) -> bool:
    return token[:1].isupper() or (token[:1].isdigit() and token.isupper() and len(token) > 1)


# Letters of Vietnamese alone (ă â đ ê ô ơ ư, and the vowels with a hook, a dot below or a
# tone over a circumflex or breve): a word with one is Vietnamese, however misspelt.
_VIETNAMESE_LETTER = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")


def foreign_word(word: str) -> bool:
    """A capitalised Latin word that cannot be a Vietnamese syllable: "Yahoo", "Lavrov",
    and names with other languages' letters, "Großkreutz", "Özil", "Modrić"."""
    if len(word) < 3 or not word.isalpha() or is_syllable(word.lower()):
        return False
    if word.isascii():
        return True
    return bool(_LATIN.fullmatch(word)) and not _VIETNAMESE_LETTER.search(word)


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and "." not in word


def _mixed_case(word: str) -> bool:
    """An inner capital after a lowercase letter: "VietinBank", "PetroVietnam"."""
    return any(a.islower() and b.isupper() for a, b in zip(word, word[1:]))


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of each word and each mark. Only whitespace lies between two
    tokens, so each is found from the end of the last (faster than match objects)."""
    out = []
    pos = 0
    find = text.find
    for word in _WORD.findall(text):
        pos = find(word, pos)
        out.append((pos, pos + len(word), word))
        pos += len(word)
    return out
