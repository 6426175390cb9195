"""Vietnamese text normalisation: NFC, one tone-placement convention, folding for search.

Vietnamese has two living conventions for where the tone mark sits in a syllable ("hoà" /
"hòa", "thuỷ" / "thủy") and sloppy typing adds more ("qúy" for "quý"). Matching and hashing
need one form, so :func:`normalize_tones` rewrites each syllable to the classic placement
(tone on the vowel with a quality mark, else on the first vowel of an open two-vowel
nucleus, else on the second). :func:`fold` lowercases and strips every diacritic, ``đ``
included, keeping one output character per input character so that offsets found in the
folded text are offsets in the original.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache
from itertools import chain

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền sắc ngã hỏi nặng
QUALITY = {"\u0302", "\u0306", "\u031b"}  # circumflex, breve, horn
VOWELS = set("aeiouy")

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_TOKEN = re.compile(r"\w+")
_WORD_SPLIT = re.compile(r"([^\W\d_]+)")  # words at odd positions, the rest between
_SPACES = "\t\x85\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000"
# Runs of blanks, or one blank other than a plain space: lone spaces are left alone, so a
# page is rewritten only where it needs it.
_SPACE = re.compile(f"[ {_SPACES}]{{2,}}|[{_SPACES}]")
# control characters, BOMs and lone UTF-16 surrogates (no UTF-8 text can hold one)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ufffe\ud800-\udfff]")


def nfc(text: str) -> str:
    """Unicode NFC, the form every stored text is in."""
    return unicodedata.normalize("NFC", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` with each lone UTF-16 surrogate as U+FFFD: no UTF-8 text, and so no store,
    can hold one, yet Python strings do (a JSON escape "\\ud800", or a file name's byte that
    is not UTF-8, which Python keeps as a surrogate)."""
    return _SURROGATE.sub("\ufffd", text)


def clean_text(text: str) -> str:
    """NFC, no control characters, single spaces, no trailing blanks on lines."""
    text = _CONTROL.sub("", nfc(text).replace("\r\n", "\n").replace("\r", "\n"))
    text = _SPACE.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = "\n".join([line.strip(" ") for line in text.split("\n")])
    return text.strip(" ")


def _split_syllable(decomposed: str) -> tuple[str, str | None]:
    """Remove the tone mark of a decomposed syllable; return (toneless, tone)."""
    tone = None
    kept = []
    for ch in decomposed:
        if ch in TONES:
            tone = ch
        else:
            kept.append(ch)
    return "".join(kept), tone


def _tone_position(base: list[str], marks: list[str]) -> int | None:
    """Index in ``base`` of the vowel that carries the tone, or None for a non-syllable."""
    lower = [c.lower() for c in base]
    start = 0
    word = "".join(lower)
    if (word.startswith("qu") and len(word) > 2) or (
        word.startswith("gi") and len(word) > 2 and lower[2] in VOWELS
    ):
        start = 2
    vowels = [i for i in range(start, len(lower)) if lower[i] in VOWELS]
    if not vowels:
        if start == 2 and word.startswith("gi"):  # "gì", "gìn": the i is the nucleus
            return 1
        return None
    first, last = vowels[0], vowels[-1]
    if last - first + 1 != len(vowels):  # vowels not contiguous: not a Vietnamese syllable
        return None
    marked = [i for i in vowels if marks[i]]
    if marked:
        return marked[-1]
    if len(vowels) == 1:
        return first
    has_final = last < len(lower) - 1
    if len(vowels) == 3:
        return vowels[1]
    return vowels[1] if has_final else vowels[0]


@lru_cache(maxsize=65536)
def _normalize_syllable(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    toneless, tone = _split_syllable(decomposed)
    if tone is None:
        return word
    base: list[str] = []
    marks: list[str] = []
    for ch in toneless:
        if unicodedata.combining(ch) and base:
            marks[-1] += ch
        else:
            base.append(ch)
            marks.append("")
    pos = _tone_position(base, marks)
    if pos is None:
        return word
    out = "".join(b + m + (tone if i == pos else "") for i, (b, m) in enumerate(zip(base, marks)))
    return unicodedata.normalize("NFC", out)


def normalize_tones(text: str) -> str:
    """Rewrite every syllable to one tone placement (hoà -> hòa, thuỷ -> thủy, qúy -> quý).

    Each distinct word is looked at once (cached), and the text is rebuilt only when some
    word changes: most pages use one convention throughout and come back untouched."""
    text = nfc(text)
    changes = {w: n for w in set(_WORD.findall(text)) if (n := _normalize_syllable(w)) != w}
    if not changes:
        return text
    return "".join([changes.get(part, part) for part in _WORD_SPLIT.split(text)])


def _fold_char(ch: str) -> str:
    if ch in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", ch)[0].lower()
    return base if len(base) == 1 else ch


# Latin (with Vietnamese), Greek and Cyrillic: every character maps to exactly one character,
# so str.translate folds at C speed and keeps offsets.
_FOLD_TABLE = {
    code: _fold_char(chr(code))
    for lo, hi in ((0x41, 0x5A), (0xC0, 0x24F), (0x370, 0x52F), (0x1E00, 0x1EFF))
    for code in range(lo, hi + 1)
    if _fold_char(chr(code)) != chr(code)
}


def fold(text: str) -> str:
    """Search key: lowercase, no diacritics, đ -> d; one output char per input char of NFC text."""
    return text.translate(_FOLD_TABLE)


def _ascii_codec() -> tuple[object, bytes]:
    """A charmap that sends each Vietnamese (and Latin-1) letter, either case, and a few
    punctuation look-alikes to a byte of its own, and the bytes back to lowercase ASCII: two
    C-speed passes fold a whole page, where NFD, lower() or a translate table walk it char by
    char. Bytes 128-255 and the control codes other than tab, LF and CR hold the letters."""
    marks = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
    vietnamese = {unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in marks}
    vietnamese.add("đ")
    vietnamese |= {ch.upper() for ch in vietnamese}
    latin1 = {chr(c) for c in range(0xC0, 0x100) if chr(c).isalpha()} - vietnamese
    mapped = [("–", "-"), ("—", "-"), ("»", ">"), ("›", ">"), ("«", "<"), ("‹", "<")]
    mapped += [("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("\u00a0", " "), ("•", "*")]
    mapped += [(ch, fold(ch)) for ch in sorted(vietnamese) + sorted(latin1) if not ch.isascii()]
    mapped = [(ch, f) for ch, f in mapped if len(f) == 1 and f.isascii()]  # the rest vanish
    slots = [b for b in range(1, 32) if b not in (9, 10, 13)] + list(range(128, 256))
    decoding = [chr(i) for i in range(256)]
    back = bytearray(ord(chr(i).lower()) if i < 128 else 0 for i in range(256))
    for slot in slots:
        decoding[slot] = "\ufffe"
    for slot, (ch, f) in zip(slots, mapped, strict=False):
        decoding[slot], back[slot] = ch, ord(f)
    return codecs.charmap_build("".join(decoding)), bytes(back)


_TO_BYTES, _BYTES_TO_ASCII = _ascii_codec()


def fold_ascii(text: str) -> str:
    """Lossy, fast fold for classifying text: like :func:`fold`, but the result is ASCII and
    not aligned with the input (other scripts and symbols vanish; dashes, guillemets, curly
    quotes and bullets become ASCII look-alikes, © the word "copyright"). It keeps line
    breaks, so a page folded at once splits into the same lines."""
    if "©" in text:
        text = text.replace("©", " copyright ")
    if text.isascii():
        return text.lower()
    encoded = codecs.charmap_encode(text, "ignore", _TO_BYTES)[0]
    return encoded.translate(_BYTES_TO_ASCII).decode("ascii")


def match_text(text: str) -> str:
    """The form used for hashing and shingling: NFC, one tone placement, lowercase, one space."""
    return " ".join(normalize_tones(text).lower().split())


def syllables(text: str) -> list[str]:
    """Lowercased syllable tokens (letters and digits), the unit of Vietnamese text: the
    tokens of :func:`match_text`, with each distinct token's tone placement looked up once."""
    tokens = _TOKEN.findall(nfc(text).lower())
    changes = {t: k for t in set(tokens) if (k := _key_word(t)) != t}
    if not changes:
        return tokens
    # a mark that cannot compose with its letter ("ÈÖ") is no word character: split again
    return _TOKEN.findall(" ".join([changes.get(t, t) for t in tokens]))


def line_syllables(lines: list[str]) -> list[list[str]]:
    """:func:`syllables` of each line, the same lists, found in one pass over all of them
    (a story's sentences): one normalisation and one tone lookup per distinct token."""
    if not lines:
        return []
    folded = nfc("\n".join([line.replace("\n", " ") for line in lines])).lower().split("\n")
    tokens = [_TOKEN.findall(line) for line in folded]
    changes = {t: k for t in set(chain.from_iterable(tokens)) if (k := _key_word(t)) != t}
    if not changes:
        return tokens
    return [
        _TOKEN.findall(" ".join([changes.get(t, t) for t in found]))
        if not changes.keys().isdisjoint(found)
        else found
        for found in tokens
    ]


@lru_cache(maxsize=65536)
def _key_word(word: str) -> str:
    return normalize_tones(word).lower()


@lru_cache(maxsize=1 << 18)
def key_form(text: str) -> str:
    """Matching form of a word or phrase for gazetteers and names: lowercase, one tone
    placement, diacritics kept (folding them away would make "Hồi" a "Hội" and "Biên" a
    "biển"). Built from the forms of its words, which recur far more often than phrases."""
    if " " not in text:
        return _key_word(text)
    return " ".join([_key_word(w) for w in text.split(" ")])
