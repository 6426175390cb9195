"""Where a run of capitalised words splits into names: a title inside it ("Ngoại trưởng Nga
Sergei Lavrov"), a known place or title of several words, an organisation's head that opens
a new name. A run splits by its words alone, so splits are remembered: four runs in five
repeat over a stream of news."""

from __future__ import annotations

import re
from functools import lru_cache

from diemtin.vi.entities.lexicon import (
    _CUE_ABBREVIATIONS,
    _FOREIGN_GIVEN_NAMES,
    _NAME_COUNTRIES,
    _NAMED,
    _ORG_PHRASES,
    _OUTLET_WORDS,
    _PLACE_HEADS,
    _PRODUCT_TAILS,
    _ROMAN,
    _SCHOOL_HEADS,
    _STATE_FORMS,
    COUNTRIES,
    GIVEN_NAMES,
    ORG_HEADS,
    ORG_SUFFIXES,
    OUTLETS,
    PERSON_TITLES,
    PLACES,
    SURNAMES,
)
from diemtin.vi.entities.tokens import _acronym, _is_cap
from diemtin.vi.language import is_syllable
from diemtin.vi.normalize import key_form as _low


def _title_at(tokens: list[tuple[int, int, str]], i: int) -> int:
    """Length of a title written partly in lowercase starting at ``i`` ("Bộ trưởng"), or 0."""
    if _low(tokens[i][2]) not in _TITLE_FIRST_WORDS:
        return 0
    for size in (4, 3, 2):
        phrase = tokens[i : i + size]
        if (
            len(phrase) == size
            and not _is_cap(phrase[-1][2])
            and _low(" ".join(t[2] for t in phrase)) in PERSON_TITLES
            and _low(" ".join(t[2] for t in tokens[i : i + size + 1])) not in _ORG_PHRASES
        ):
            return size
    return 0


_PLACE_FIRST_WORDS = frozenset(k.split(" ")[0] for k in PLACES if " " in k or "-" in k)
_PLACE_WORDS = frozenset(k.split(" ")[0] for k in PLACES)  # the first word of every place
_ORG_FIRST_WORDS = frozenset(k.split(" ")[0] for k in ORG_HEADS if " " in k)
# First words of the heads of several words (only after one is a longer head worth building)
_HEAD_FIRST_WORDS = frozenset(
    k.split(" ")[0] for k in ORG_HEADS | _PLACE_HEADS | _STATE_FORMS if " " in k
)
_DASH = re.compile(r"\s*-\s*")


def _place_at(text: str, tokens: list[tuple[int, int, str]], i: int, end: int) -> int:
    """Tokens in a known place name starting at ``i`` that a run of capitals would not hold
    whole: one with a dash in any spacing ("Bà Rịa- Vũng Tàu"), one with lowercase words
    ("Thành phố Hồ Chí Minh"), one whose first word is also a head ("Đài Loan"), or 0."""
    if _low(tokens[i][2]) not in _PLACE_FIRST_WORDS:
        return 0
    odd = next(
        (
            k
            for k in range(i, min(end, i + 6))
            if tokens[k][2] == "-" or tokens[k][2].islower() or _low(tokens[k][2]) in ORG_HEADS
        ),
        None,
    )
    if odd is None:
        return 0  # a run of capitals holds this place whole
    for n in range(min(6, end - i), max(1, odd - i), -1):
        span = tokens[i : i + n]
        if any(text[a[1] : b[0]] not in ("", " ") for a, b in zip(span, span[1:])):
            continue
        phrase = _DASH.sub(" - ", text[span[0][0] : span[-1][1]])
        if _low(phrase) in PLACES and (not span[-1][2].islower() or n >= 4):
            return n  # "Ả rập Xê út": a long known name, however its syllables are cased
    return 0


# First words of the titles and places of several words: only after one of them is a
# longer phrase worth building.
_PHRASE_FIRST_WORDS = frozenset(k.split(" ")[0] for k in PERSON_TITLES | PLACES if " " in k)


def _sizes(run: list[tuple[int, int, str]], i: int, sizes: tuple[int, ...]) -> list[int]:
    """The phrase lengths worth trying at ``run[i]``, longest first."""
    if _low(run[i][2]) not in _PHRASE_FIRST_WORDS:
        return [1] if 1 in sizes else []
    return [n for n in sizes if i + n <= len(run)]


_TITLE_FIRST_WORDS = frozenset(t.split(" ")[0] for t in PERSON_TITLES if " " in t)


def _split_run(
    run: list[tuple[int, int, str]], titled: bool = False
) -> list[list[tuple[int, int, str]]]:
    """Cut a run of capitalised words where a title, an organisation's place or a country
    before a name ends: "Ngoại trưởng Nga Sergei Lavrov" -> [Ngoại trưởng Nga] [Sergei Lavrov].
    After a person's title (``titled``) an organisation is followed by the person's name:
    "Thứ trưởng Bộ Y tế | Nguyễn Thị Xuyên", "Chủ tịch Ngân hàng T.Ư châu Âu | Mario Draghi"."""
    parts: list[list[tuple[int, int, str]]] = []
    first = _low(run[0][2])
    if (
        3 <= len(run) <= 5
        and run[1][2] in _FOREIGN_GIVEN_NAMES
        and _acronym(run[0][2])
        and first not in ORG_HEADS
        and all(w[:1].isupper() and not w.isupper() for _, _, w in run[1:])
    ):
        return [run[:1], run[1:]]  # "NSA | Edward Snowden": an organisation, then someone of it
    for n in (1, 2, 3):
        if (
            len(run) > n + 1
            and run[n][2] in _CUE_ABBREVIATIONS
            and _low(" ".join(t for _, _, t in run[:n])) in _NAMED
        ):
            return [run[:n], *_split_run(run[n:])]  # "đại biểu Quốc hội | TP Hà Nội"
    if first in ORG_HEADS or (
        first in _ORG_FIRST_WORDS
        and any(_low(" ".join(t for _, _, t in run[:n])) in ORG_HEADS for n in (2, 3, 4))
    ):
        # An organisation keeps its places ("Hội đồng Bắc Cực", "Bộ Ngoại giao Mỹ"); a name
        # after its place is someone of it ("Bộ Ngoại giao Mỹ Anthony Blinken").
        if titled and first not in _SCHOOL_HEADS:  # schools bear people's names
            head = max(
                n
                for n in range(1, 5)
                if _low(" ".join(t for _, _, t in run[:n])) in ORG_HEADS or n == 1
            )
            for k in range(head + 1, len(run) - 1):
                tail = [t for _, _, t in run[k:]]
                if (
                    2 <= len(tail) <= 4
                    and all(w[:1].isupper() and not w.isupper() for w in tail)
                    and (
                        (
                            _low(tail[0]) in SURNAMES
                            and not tail[0].isascii()
                            and all(is_syllable(w.lower()) for w in tail)
                        )
                        or (len(tail) == 2 and tail[0] in _FOREIGN_GIVEN_NAMES)
                    )
                    and not any(  # "châu Âu", "Thành phố Hồ Chí Minh", "Hà Nội Tôi"
                        _low(" ".join(t for _, _, t in run[k - n : k + m])) in PLACES
                        for n in (0, 1, 2)
                        for m in range(1, len(tail) + 1)
                        if n or m > 1
                    )
                ):
                    return [run[:k], run[k:]]
        for k in range(1, len(run) - 1):
            if (
                run[k][2][:1].isupper()
                and not run[k][2].isupper()
                and _low(run[k][2]) in SURNAMES
                and first not in _SCHOOL_HEADS  # "Trường THPT Nguyễn Trãi"
                and 2 <= len(run) - k <= 4
                and k >= 2
                and _low(" ".join(t for _, _, t in run[k:])) not in PLACES
                and (
                    (
                        run[k - 1][2].isupper()
                        and len(run[k - 1][2]) > 1
                        and _low(run[k - 1][2]) not in ORG_HEADS
                        and run[k - 1][2] not in _CUE_ABBREVIATIONS
                    )
                    or _low(run[k - 1][2]) in COUNTRIES
                    or any(
                        _low(" ".join(t for _, _, t in run[max(0, k - n) : k])) in PLACES
                        for n in (2, 3, 4)
                    )
                )
            ):
                return [run[:k], run[k:]]  # "Công ty Chứng khoán ACB Phạm Phú Khôi"
            key = _low(run[k][2])
            two = _low(" ".join(t for _, _, t in run[k : k + 2]))
            size = 2 if two in COUNTRIES else 1 if key in COUNTRIES else 0
            if not run[k][2][:1].isupper():
                size = 0  # "Thẩm mỹ viện": a lowercase part of the head is no country
            if size and k + size < len(run):
                return [run[: k + size], *_split_run(run[k + size :])]
        return [run]
    if (
        len(run) > 1
        and run[0][2] in _CUE_ABBREVIATIONS
        and _low(" ".join(t for _, _, t in run)) not in PLACES  # "TP HCM" is one name
    ):
        return [run[:1], *_split_run(run[1:])]  # "TP Nha Trang": the cue, then the place
    i = 0
    while i < len(run):
        # the longest known title or place starting here
        matched = 0
        for size in _sizes(run, i, (4, 3, 2, 1)):
            key = _low(" ".join(t for _, _, t in run[i : i + size]))
            if key in PERSON_TITLES or key in PLACES:
                matched = size
                break
        rest = run[i + matched :]
        name_follows = bool(rest) and (
            (
                all(t[2].isascii() for t in rest)
                and not all(_low(t[2]) in ORG_SUFFIXES for t in rest)  # "Sydney FC"
            )
            or _low(rest[0][2]) in SURNAMES
            or not any(_low(t[2]) in ORG_SUFFIXES or _low(t[2]) in _PRODUCT_TAILS for t in rest)
        )
        is_title = (
            matched and _low(" ".join(t for _, _, t in run[i : i + matched])) in PERSON_TITLES
        )
        if matched and rest and _low(rest[0][2]) in _PRODUCT_TAILS and not is_title:
            # "Thượng Hải Masters": a place that names an event, which is no entity
            parts.append(run[: i + matched + 1])
            parts.extend(_split_run(rest[1:]) if len(rest) > 1 else [])
            break
        if i == 0 and matched == 1 and _given_name_after_country(run):
            parts.append(run)  # "Mỹ Tâm", "Anh Kiên": a person, not a country and a name
            break
        if matched and (is_title or name_follows or i > 0 or matched == len(run)):
            parts.append(run[i : i + matched])
            i += matched
            continue
        j = i
        while j < len(run):
            if j > i and (
                (_acronym(run[j - 1][2]) and _low(run[j][2]) in SURNAMES)
                or (
                    _acronym(run[j][2])
                    and not _acronym(run[j - 1][2])
                    and _low(run[j][2]) not in ORG_SUFFIXES
                    and not _ROMAN.match(run[j][2])  # "Nicholas II"
                )
            ):
                break  # "LĐ-TB&XH | Phạm Thị Hải Chuyền", "Persie | MU"
            if i < j <= i + _OUTLET_WORDS and _low(" ".join(t for _, _, t in run[i:j])) in OUTLETS:
                break  # "U21 báo Thanh Niên | Việt Nam"
            if j > i:
                hit = False
                place = next(
                    (
                        n
                        for n in _sizes(run, j, (4, 3, 2))
                        if _low(" ".join(t for _, _, t in run[j : j + n])) in PLACES
                    ),
                    0,
                )
                if place:
                    j += place  # "Standard Chartered Việt Nam": "Nam" is no title here
                    continue
                for size in _sizes(run, j, (4, 3, 2, 1)):
                    key = _low(" ".join(t for _, _, t in run[j : j + size]))
                    if key in PLACES:
                        break
                    if key in PERSON_TITLES:
                        hit = len(key) > 3 or _low(run[i][2]) not in SURNAMES
                        break
                if hit:
                    break
            j += 1
        parts.append(run[i:j])
        i = j
    return parts


@lru_cache(maxsize=1 << 16)
def _split_bounds(words: tuple[str, ...], titled: bool) -> tuple[tuple[int, int], ...]:
    """Where :func:`_split_run` cuts a run of these words, as (start, stop) pairs: it reads
    the words alone, and a text's runs and the next text's repeat (four in five, in news)."""
    parts = _split_run([(k, k, w) for k, w in enumerate(words)], titled)
    return tuple((p[0][0], p[-1][0] + 1) if p else (0, 0) for p in parts)


def _split_words(run: list[tuple[int, int, str]], titled: bool) -> list[list[tuple[int, int, str]]]:
    """:func:`_split_run`, remembered by the run's words."""
    return [run[a:b] for a, b in _split_bounds(tuple(t for _, _, t in run), titled)]


def _given_name_after_country(run: list[tuple[int, int, str]]) -> bool:
    """A country of one syllable that is also a given name's ("Mỹ", "Anh", "Nga", "Đức"),
    then one or two Vietnamese syllables ending in a given name: a person's name."""
    words = [t for _, _, t in run]
    return (
        _low(words[0]) in _NAME_COUNTRIES
        and 2 <= len(words) <= 3
        and all(not w.isascii() or is_syllable(w.lower()) for w in words[1:])
        and all(not w.isupper() for w in words[1:])
        and _low(words[-1]) in GIVEN_NAMES
        and _low(" ".join(words[1:])) not in PLACES
    )
