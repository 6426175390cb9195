"""The type of a candidate name (PER, ORG, LOC or none) from its own words and the words
before it: firm evidence (a title, an organisation's head, a place cue, a gazetteer) and the
weak guesses that a firmer mention elsewhere in the text overrides; how far an
organisation's name goes on in lowercase; products and works, which are no entity here."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from diemtin.vi.entities.lexicon import (
    _AGENCIES,
    _BYLINE_INITIALS,
    _COMMON_PHRASES,
    _CUE_ABBREVIATIONS,
    _ENGLISH_WORDS,
    _FOREIGN_ARTICLES,
    _JOINERS,
    _MIDDLE_NAMES,
    _MODEL_CODE,
    _NAME_FINALS,
    _NOT_ENTITIES,
    _OPEN_QUOTES,
    _ORG_CUES,
    _OWNED_CUES,
    _PLACE_HEADS,
    _PLACE_PREFIXES,
    _PLACE_SYLLABLES,
    _PRODUCT_CUE_ENDS,
    _PRODUCT_CUES,
    _PRODUCT_LINES,
    _PRODUCT_TAILS,
    _ROMAN,
    _SENTENCE_WORDS,
    _STATE_FORMS,
    _STOP_CONTINUATION,
    _STRONG_PLACE_CUES,
    _SURNAME_ENDING,
    _VERB_PHRASES,
    _VERB_STARTS,
    _VN_BRAND,
    _WEAK_PLACE_CUES,
    CAPITALS,
    COUNTRIES,
    GIVEN_NAMES,
    ORG_HEADS,
    ORG_SUFFIXES,
    OUTLETS,
    PERSON_TITLES,
    PLACES,
    PROVINCES,
    REGIONS,
    SURNAMES,
)
from diemtin.vi.entities.tokens import _is_cap, _mixed_case, foreign_word
from diemtin.vi.language import is_syllable
from diemtin.vi.normalize import key_form as _low


def _type_of(
    words: list[str],
    before: str,
    before2: str,
    at_end: bool = False,
    people: AbstractSet[str] = frozenset(),
) -> str | None:
    key = _low(" ".join(words))
    if (
        at_end
        and len(words) <= 3
        and (len(words) >= 2 or _BYLINE_INITIALS.match(words[0]))
        and all(w[:1].isupper() for w in words)
        and key not in PLACES
        and key not in OUTLETS
        and before not in _ORG_CUES
    ):
        return "PER"  # the byline that closes an article: "Thành Luân", "T. LŨY"
    first = _low(words[0])
    first2 = _low(" ".join(words[:2]))
    if (
        (before in PERSON_TITLES or before2 in PERSON_TITLES)
        and (key in PROVINCES or key in REGIONS)
        and key not in COUNTRIES
        and key not in CAPITALS
        and len(words) >= 2
    ):
        return "PER"  # "nhà văn Hòa Bình": a person named like a province
    if key in PLACES:
        return "LOC"
    if (
        (before in PERSON_TITLES or before2 in PERSON_TITLES)
        and first in SURNAMES
        and first2 not in ORG_HEADS  # "Chủ tịch Tập đoàn …": "Tập" is no surname here
        and len(words) in (2, 3, 4)
    ):
        return "PER"  # "TS Đoàn Hương"
    if key in OUTLETS or any(_low(w) in ORG_SUFFIXES for w in words[1:]):
        return "ORG"  # "Tuổi Trẻ", "Vietnam Airlines", even after a title
    if first in SURNAMES and 2 <= len(words) <= 4 and _low(words[1]) in _MIDDLE_NAMES:
        return "PER"  # "Đoàn Văn Tòng": "Đoàn" is a surname here, not a head
    cue, dot, rest = words[0].partition(".")
    if dot and cue in _CUE_ABBREVIATIONS and rest[:1].isupper():
        return "LOC"  # "TP.Hồ Chí Minh", "Q.Bình Thạnh"
    if len(words) >= 2 and first2 in _STATE_FORMS and _low(" ".join(words[2:])) in COUNTRIES:
        return "LOC"  # "Cộng hòa Mauritius", "Liên bang Nga"
    if (first2 in _PLACE_HEADS and len(words) > 2) or (first in _PLACE_HEADS and len(words) > 1):
        return "LOC"  # "Quảng trường Dân chủ", "Sông Hồng"
    if any(_low(" ".join(words[:n])) in ORG_HEADS for n in (1, 2, 3, 4)):
        return "ORG"
    if len(words) == 1 and words[0] in people:
        return "PER"  # "ông Price" after "Ned Price"
    if (
        len(words) == 1
        and words[0].isupper()
        and len(words[0]) >= 2
        and "." not in words[0]
        and (words[0].isascii() or not is_syllable(first))
    ):  # an acronym, even after a title: "Bộ trưởng LĐ-TB&XH"; not a word shouted: "HỚ"
        return "ORG"
    if before in PERSON_TITLES or before2 in PERSON_TITLES:
        return "PER"
    if before in _ORG_CUES or before2 in _ORG_CUES:
        return "ORG"  # "công ty VBĐQ Sài Gòn", "hãng tin AFP"
    if len(words) >= 2 and words[0] in _FOREIGN_ARTICLES:
        return "ORG"  # "Der Spiegel", "The Guardian"
    if before in _STRONG_PLACE_CUES or before2 in _STRONG_PLACE_CUES:
        return "LOC"
    if all(w.isupper() and len(w) >= 2 for w in words) and len(words) == 1:
        return "ORG"  # an acronym: CNRP, NATO, FPT
    if first in SURNAMES and 2 <= len(words) <= 4:
        return "PER"
    if any(_low(w) in ORG_SUFFIXES for w in words[1:]):
        return "ORG"  # "Vietnam Airlines", "Barclays Capital Asia"
    if len(words) == 1 and _mixed_case(words[0]):
        return "ORG"  # "VietinBank": a brand is an organisation's name
    if len(words) == 1 and _BYLINE_INITIALS.match(words[0]):
        return "PER"  # "Q.DŨNG"
    return None


def _name_like(word: str, people: set[str] | frozenset[str] = frozenset()) -> bool:
    """One word that is most likely a person's name: a known one, a foreign one, or a
    common Vietnamese given name that is not also a common place syllable."""
    return (
        word in people
        or foreign_word(word)
        or (
            _low(word) in GIVEN_NAMES
            and _low(word) not in _PLACE_SYLLABLES
            and _low(word) not in SURNAMES
            and not word.isupper()
        )
    )


def _product_cued(tokens: list[tuple[int, int, str]], i: int, work_end: int = -9) -> bool:
    """The lowercase words before ``tokens[i]`` announce a product or a work ("chương
    trình", "phim", "phim như"), whose title follows even when it starts with an ordinary
    word; so does a list of them ("phim như I Miss You, Soulmate")."""
    if i >= 2 and work_end == i - 2 and tokens[i - 1][2] == ",":
        return True
    if i >= 1 and tokens[i - 1][2] in _OPEN_QUOTES:
        i -= 1  # ca khúc “Việt Nam ơi”: the title in quotes
    if i >= 1 and tokens[i - 1][2] in ("như", "là", "gồm", ":"):
        i -= 1
    if not i or tokens[i - 1][2] not in _PRODUCT_CUE_ENDS:
        return False  # no cue ends just before: the common case, decided without joins
    words = [t[2] for t in tokens[max(0, i - 3) : i]]
    return any(
        " ".join(words[-n:]).islower() and " ".join(words[-n:]) in _PRODUCT_CUES
        for n in (1, 2, 3)
        if len(words) >= n
    )


def _cued_place(before: str, before2: str) -> bool:
    return before in _WEAK_PLACE_CUES or before2 in _WEAK_PLACE_CUES


def _word_of_phrase(
    words: list[str], nxt: tuple[int, int, str] | None, gap: str, people: set[str]
) -> bool:
    """One capitalised Vietnamese word, not name-like, with a lowercase syllable right after
    it: most often the first word of a capitalised phrase ("Bộ trưởng Quốc phòng", "về Dự
    thảo"), not a name."""
    return (
        len(words) == 1
        and not words[0].isascii()
        and not _name_like(words[0], people)
        and nxt is not None
        and gap == " "
        and nxt[2].isalpha()
        and nxt[2].islower()
    )


_LONE_FOREIGN = "ORG?"  # the guess for a lone foreign word; a list it is in may say PER


def _guess_type(words: list[str], before: str, before2: str) -> str | None:
    """A type from weak evidence only; a stronger mention of the same name elsewhere in the
    text overrides it (see :func:`find_entities`)."""
    if _cued_place(before, before2):
        return "LOC"  # "tại Tam Kỳ", "ở Zama"
    if any(w.lower() in _ENGLISH_WORDS for w in words):
        return None  # "Mobile Banking", "các Fan": English words borrowed, no one's name
    if len(words) == 1 and foreign_word(words[0]):
        if _SURNAME_ENDING.search(words[0]) and not _VN_BRAND.match(words[0]):
            return "PER"  # "Djokovic", "Januzaj", "Kucherena": a family name's ending
        return _LONE_FOREIGN  # a foreign name with no cue: most often a company
    if len(words) >= 2 and all(w.isupper() for w in words):
        return "PER"  # a byline: "BẢO MINH"
    if len(words) == 1 and not words[0].isascii() and _name_like(words[0]):
        return "PER"  # "cha mẹ Tuấn": a given name on its own
    if len(words) >= 2:
        if any(not w.isascii() for w in words):
            # Vietnamese syllables, no surname, no title: people are often named by their
            # last two syllables ("Mỹ Tâm", "Công Vinh"), places by theirs ("Hoàn Kiếm")
            if _low(words[0]) not in _PLACE_PREFIXES and _low(words[-1]) in GIVEN_NAMES:
                return "PER"
            return "LOC"
        joined = all(w[:1].isupper() or w.partition("-")[0] in _JOINERS for w in words)
        return "PER" if joined else "ORG"
    return None


def _org_lowercase(
    text: str, tokens: list[tuple[int, int, str]], j: int, after_head: bool, mid_sentence: bool
) -> int:
    """How many lowercase words after ``tokens[j]`` still belong to an organisation's name.

    Vietnamese capitalises only the first syllable of each part of a name: "Bộ Giao thông
    Vận tải", "Ủy ban Thường vụ Quốc hội". So after a capitalised syllable one lowercase
    syllable goes with it; right after the head a lowercase description may run on to the
    next capital or, mid-sentence, to the punctuation ("Hiệp hội lương thực Việt Nam",
    "Trung tâm khí tượng thủy văn trung ương,"); a lowercase place cue takes its place
    ("Ngân hàng Phát triển châu Á"). Verbs and function words end the name.
    """
    two = " ".join(t[2] for t in tokens[j + 1 : j + 3])
    if two.islower() and _low(two) in _NAME_FINALS:
        return 2  # "Tổ chức Đột quỵ thế giới"
    chain: list[str] = []
    k = j + 1
    verb_after = False  # the description ends where a verb or a function word begins
    while k < len(tokens) and len(chain) < 7 and text[tokens[k - 1][1] : tokens[k][0]] == " ":
        word = tokens[k][2]
        if not (word.isalpha() and word.islower()):
            break
        if _low(word) in _STOP_CONTINUATION:
            verb_after = True
            break
        if (
            _low(word) in _VERB_STARTS
            or (k + 1 < len(tokens) and _low(f"{word} {tokens[k + 1][2]}") in _VERB_PHRASES)
        ) and not (chain == [] and not after_head):
            verb_after = True
            break  # "Bộ Y tế đề nghị", "Bộ Công an phối hợp"
        if (
            _low(word) in ORG_HEADS
            and k + 1 < len(tokens)
            and _is_cap(tokens[k + 1][2])
            and not (chain == [] and not after_head)  # "Bộ Quốc phòng Israel"
        ):
            break  # another organisation begins: "Bộ Chính trị | đảng Cộng sản"
        chain.append(word)
        k += 1
    if not chain:
        return 0
    joined = k < len(tokens) and text[tokens[k - 1][1] : tokens[k][0]] == " "
    after = tokens[k][2] if k < len(tokens) else ""
    if len(chain) == 1 and joined and _low(f"{chain[0]} {after}") in PLACES:
        return 1  # "châu Á", "miền Trung"
    if after_head and len(chain) <= 6 and joined and _is_cap(after):
        opens_new = _low(after) not in COUNTRIES and (
            _low(after) in ORG_HEADS
            or _low(after) in _SENTENCE_WORDS
            or _low(after) in PERSON_TITLES
            or any(p.startswith(_low(after) + " ") for p in _COMMON_PHRASES)
        )
        if not opens_new:
            return len(chain)
    if (
        after_head
        and mid_sentence
        and (not after or after in ",.;:)(" or "\n" in text[tokens[k - 1][1] : tokens[k][0]])
    ):
        return len(chain)
    if (
        after_head
        and mid_sentence
        and verb_after
        and len(chain) <= 3
        and any(_low(" ".join(t[2] for t in tokens[j - n : j + 1])) in _AGENCIES for n in (0, 1))
    ):
        return len(chain)  # "Tổng cục thuế chấp nhận", "Phòng giáo dục đã triệu tập"
    current = tokens[j][2]
    ending = [_low(" ".join(t[2] for t in tokens[max(0, j - n) : j + 1])) for n in (0, 1, 2)]
    if any(e in PLACES for e in ending):
        return 0  # a place ends the name: "Liên minh châu Âu | từng"
    if (
        not after_head
        and len(chain) == 2
        and joined
        and _is_cap(after)
        and any(_low(" ".join(t[2] for t in tokens[k : k + n])) in PLACES for n in (1, 2, 3))
    ):
        return 2  # "Lực lượng Cảnh sát biển Ấn Độ"
    opens_part = j == 0 or not _is_cap(tokens[j - 1][2]) or _low(tokens[j - 1][2]) in ORG_HEADS
    if (
        not after_head
        and opens_part
        and _low(" ".join(chain[:2])) not in _VERB_PHRASES
        and current[:1].isupper()
        and not (current.isupper() and len(current) > 1)
        and not foreign_word(current)
        and not current.isdigit()
    ):
        return 1  # "Y tế", "Giao thông", "Thường vụ"
    return 0


def _is_product(
    words: list[str], before: str, before2: str, nxt: tuple[int, int, str] | None, gap: str
) -> bool:
    """A product, a unit or a technical term rather than a name: "Nexus 5", "Yahoo Mail",
    "RAM 2GB", "vàng SJC", "hệ điều hành Android"."""
    key = _low(" ".join(words))
    if _low(words[0]) in ORG_HEADS or _low(" ".join(words[:2])) in ORG_HEADS:
        return False
    if before in _STRONG_PLACE_CUES or before2 in _STRONG_PLACE_CUES:
        return False  # "tỉnh Kashmir 185km", "đường Giải Phóng"
    if _ROMAN.match(key.upper()):
        return True  # "quý III", "lần II"
    if len(words) == 1 and _MODEL_CODE.match(words[0]) and before[:1].isalpha() and before != "của":
        return True  # "Tecra Z40": the model code of a product named before it
    if len(words) == 1 and key in _NOT_ENTITIES:
        return True  # "trường CĐ": a common noun's abbreviation, even after an org's cue
    if before in _ORG_CUES or before2 in _ORG_CUES or before == "theo":
        return False  # "Theo Daily Mail", "tờ Hindustan Times"
    if key in COUNTRIES and (before in _OWNED_CUES or before2 in _OWNED_CUES):
        return False  # "máy bay Israel": the country whose plane it is
    if before in _PRODUCT_CUES or before2 in _PRODUCT_CUES:
        return True  # even a place: "Hiệp định Paris"
    if key in PLACES:
        return False
    if len(words) >= 2 and _low(words[0]) in _PRODUCT_CUES:
        return True  # "Vàng SJC"
    if key in _NOT_ENTITIES or any(_low(w) in _NOT_ENTITIES or w[0].isdigit() for w in words):
        return True
    if any(_low(w) in _PRODUCT_LINES for w in words):
        return True
    if len(words) >= 2 and any(_MODEL_CODE.match(w) and any(c.isdigit() for c in w) for w in words):
        return True  # "P-3C Orion", "Lockheed P-3C"
    if len(words) >= 2 and (
        _low(words[-1]) in _PRODUCT_TAILS
        or (len(words) >= 3 and _ROMAN.match(words[-1]) and _low(words[-2]) in _PRODUCT_TAILS)
    ):  # "Galaxy Note", "Galaxy Note III"
        return True
    # a brand followed by a model number: "Nexus 5", "Android 4.4", "Windows 8"
    if nxt is None or gap != " " or not all(w.isascii() for w in words):
        return False
    model = nxt[2]
    if _MODEL_CODE.match(model):
        return True  # "Tecra Z40", "Core i3"
    return model[:1].isdigit() and "-" not in model and (not model.isdigit() or len(model) <= 2)
