"""Bytes to Vietnamese text: UTF-8, Windows-1258, the VNI and TCVN3 font encodings, mojibake.

Old Vietnamese pages and documents still circulate in 8-bit encodings that a generic
charset detector reads as Western European gibberish ("ViÖt Nam" is TCVN3, "Vieät Nam" is
VNI). We decode with every plausible candidate and keep the one whose result reads most like
Vietnamese, and we only convert when that choice is clear; otherwise the page is skipped as
``undecodable`` rather than stored as garbage. Mojibake (UTF-8 read as cp1252) is repaired
with ftfy, the library made for that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy

from diemtin.model import SkipPage
from diemtin.vi.language import vietnamese_score
from diemtin.vi.normalize import nfc

# TCVN3 (ABC) code points, in the order of _TCVN3_UNICODE. The uppercase toned letters share
# the lowercase codes (they live in a separate "H" font), so they decode to lowercase.
_TCVN3_CODES = (
    181,
    184,
    185,
    182,
    183,
    168,
    187,
    190,
    198,
    188,
    189,
    169,
    199,
    202,
    203,
    200,
    201,
    174,
    204,
    208,
    209,
    206,
    207,
    170,
    210,
    213,
    214,
    211,
    212,
    215,
    221,
    222,
    216,
    220,
    223,
    227,
    228,
    225,
    226,
    171,
    229,
    232,
    233,
    230,
    231,
    172,
    234,
    237,
    238,
    235,
    236,
    239,
    243,
    244,
    241,
    242,
    173,
    245,
    248,
    249,
    246,
    247,
    250,
    253,
    254,
    251,
    252,
    161,
    162,
    167,
    163,
    164,
    165,
    166,
)
_TCVN3_UNICODE = "àáạảãăằắặẳẵâầấậẩẫđèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹĂÂĐÊÔƠƯ"
_TCVN3 = {bytes([c]).decode("latin-1"): u for c, u in zip(_TCVN3_CODES, _TCVN3_UNICODE)}

# VNI-Windows: a base letter followed by a byte that adds quality and tone marks.
_VNI_MARKS_LOWER = {
    "ø": "\u0300",
    "ù": "\u0301",
    "û": "\u0309",
    "õ": "\u0303",
    "ï": "\u0323",
    "â": "\u0302",
    "å": "\u0302\u0300",
    "á": "\u0302\u0301",
    "ã": "\u0302\u0303",
    "ä": "\u0302\u0323",
    "ê": "\u0306",
    "è": "\u0306\u0300",
    "é": "\u0306\u0301",
    "ú": "\u0306\u0309",
    "ü": "\u0306\u0303",
    "ë": "\u0306\u0323",
}
_VNI_CIRCUMFLEX_HOOK = "æ"  # after a/e/o in upper-lower pairs it means ẩ ể ổ
_VNI_SINGLE = {
    "ô": "ơ",
    "Ô": "Ơ",
    "ö": "ư",
    "Ö": "Ư",
    "ñ": "đ",
    "Ñ": "Đ",
    "ì": "ì",
    "í": "í",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
    "Ì": "Ì",
    "Í": "Í",
    "Æ": "Ỉ",
    "Ó": "Ĩ",
    "Ò": "Ị",
    "Î": "Ỵ",
}
_VNI_TOKEN = re.compile(
    r"([aeouyAEOUYôöÔÖ])([øùûõïâåáãäêèéúüëæØÙÛÕÏÂÅÁÃÄÊÈÉÚÜËÆ])|([ôÔöÖñÑìíæóòîÌÍÆÓÒÎ])"
)


def _vni_token(match: re.Match[str]) -> str:
    if match.group(3):
        return _VNI_SINGLE[match.group(3)]
    base, mark = match.group(1), match.group(2)
    lower_mark = mark.lower()
    low = base.lower()
    combining = (
        "\u0302\u0309" if lower_mark == _VNI_CIRCUMFLEX_HOOK else _VNI_MARKS_LOWER[lower_mark]
    )
    if lower_mark == _VNI_CIRCUMFLEX_HOOK and low not in "aeo":
        return _VNI_SINGLE.get(base, base) + _VNI_SINGLE.get(mark, mark)
    if ("\u0302" in combining and low not in "aeo") or ("\u0306" in combining and low != "a"):
        return _VNI_SINGLE.get(base, base) + _VNI_SINGLE.get(mark, mark)
    return nfc(_VNI_SINGLE.get(base, base) + combining)


def vni_to_unicode(text: str) -> str:
    """Convert VNI-Windows text (read as cp1252) to Unicode, in one left-to-right pass."""
    return _VNI_TOKEN.sub(_vni_token, text)


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 (ABC) text (read as latin-1) to Unicode."""
    return "".join(_TCVN3.get(ch, ch) for ch in text)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


_MIN_SCORE = 0.35  # below this no candidate reads as Vietnamese enough to be "certain"
_MARGIN = 0.1  # a legacy conversion must beat the plain reading by this much
_AMBIGUOUS = 0.2  # two readings both this Vietnamese-like and close: refuse to guess


def _candidates(data: bytes, declared: str | None) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if declared:
        try:
            out.append((declared.lower(), data.decode(declared)))
        except (LookupError, UnicodeDecodeError):
            pass
    for enc in ("cp1258", "cp1252"):
        try:
            out.append((enc, data.decode(enc)))
        except UnicodeDecodeError:
            pass
    latin = data.decode("latin-1")
    out.append(("latin-1", latin))
    out.append(("tcvn3", tcvn3_to_unicode(latin)))
    out.append(("vni", vni_to_unicode(data.decode("cp1252", errors="replace"))))
    return [(enc, nfc(text)) for enc, text in out]


_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KiB: not a text or HTML page."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > 0.05


_WIDE_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode a page's bytes; raise SkipPage('undecodable') when no reading is certain.

    UTF-8 (with or without BOM) wins outright when it decodes; mojibake inside it is repaired.
    Otherwise every legacy candidate is scored by how Vietnamese it reads and the best one is
    kept only if it is good and clearly better than the runner-up of another family.
    """
    for bom, codec in _WIDE_BOMS:  # UTF-16/32 text (Windows exports) is all NULs to a byte test
        if data.startswith(bom):
            try:
                return Decoded(repair_mojibake(data[len(bom) :].decode(codec)), codec)
            except UnicodeDecodeError:
                break
    if looks_binary(data):
        raise SkipPage("binary", "the input is not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return Decoded(repair_mojibake(text), "utf-8")
    if declared and declared.lower().replace("_", "-") in {"utf-8", "utf8"}:
        declared = None
    scored = sorted(
        ((vietnamese_score(text[:20000]), enc, text) for enc, text in _candidates(data, declared)),
        reverse=True,
    )
    best_score, best_enc, best_text = scored[0]
    rival = next((x for x in scored[1:] if x[1] in {"tcvn3", "vni"} and x[1] != best_enc), None)
    if (
        best_enc in {"tcvn3", "vni"}
        and rival is not None
        and rival[2] != best_text
        and rival[0] > best_score - _MARGIN
        and best_score >= _AMBIGUOUS
    ):  # both legacy codes read as Vietnamese: too little text to tell them apart
        raise SkipPage("undecodable", "TCVN3 and VNI readings are equally likely")
    plain = max((s for s, e, _ in scored if e not in {"tcvn3", "vni"}), default=0.0)
    if best_enc in {"tcvn3", "vni"} and best_score < plain + _MARGIN:
        if best_score >= _AMBIGUOUS and plain >= _AMBIGUOUS:
            raise SkipPage("undecodable", f"{best_enc} and a plain reading are equally likely")
        best_score, best_enc, best_text = next(x for x in scored if x[1] not in {"tcvn3", "vni"})
    if best_score >= _MIN_SCORE:
        return Decoded(nfc(best_text), best_enc)
    if best_enc in {"tcvn3", "vni"} and best_score >= _AMBIGUOUS:
        raise SkipPage("undecodable", f"possibly {best_enc}, but too little text to be sure")
    # Not Vietnamese in any reading: keep a plain single-byte reading and let the language
    # step decide; but refuse when even that is mostly replacement or control characters.
    for _, enc, text in scored:
        if enc not in {"tcvn3", "vni"}:
            return Decoded(nfc(text), enc)
    raise SkipPage("undecodable", "no character encoding gives readable text")


_MOJIBAKE_HINT = re.compile("[ÃÂÄÆáºá»Å][\u0080-\u00bf\u2018-\u203a\u0152-\u0178]")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-cp1252 damage ("Viá»‡t" -> "Việt") when the text shows its marks."""
    if not _MOJIBAKE_HINT.search(text):
        return nfc(text)
    return nfc(ftfy.fix_encoding(text))
