"""Legacy encodings and mojibake: converted when certain, refused otherwise."""

from __future__ import annotations

import unicodedata

import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from diemtin.model import SkipPage
from diemtin.vi.encoding import (
    _TCVN3,
    decode_bytes,
    repair_mojibake,
    tcvn3_to_unicode,
    vni_to_unicode,
)
from diemtin.vi.language import is_vietnamese, vietnamese_score

SENTENCE = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Người dân được giao "
    "nhiệm vụ bảo vệ môi trường và phát triển kinh tế của đất nước trong những năm tới."
)
WORDS = SENTENCE.replace(".", "").replace("-", "").split()
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_TO_TCVN3 = {u: c for c, u in _TCVN3.items()}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps tone marks as combining characters after a precomposed base."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        tone = "".join(c for c in parts if c in TONE_MARKS)
        out.append(base.encode("cp1258") + tone.encode("cp1258"))
    return b"".join(out)


def to_tcvn3(text: str) -> bytes:
    return "".join(_TO_TCVN3.get(ch, ch) for ch in text).encode("latin-1")


def test_examples_of_font_encodings():
    assert (
        tcvn3_to_unicode("Céng hßa x· héi chñ nghÜa ViÖt Nam")
        == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    )
    assert (
        vni_to_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
        == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    )
    assert vni_to_unicode("ñöôïc giao nhieäm vuï, ngöôøi khai, ñaêng kyù") == (
        "được giao nhiệm vụ, người khai, đăng ký"
    )


def test_decodes_each_encoding():
    assert decode_bytes(SENTENCE.encode("utf-8")).text == SENTENCE
    assert decode_bytes(b"\xef\xbb\xbf" + SENTENCE.encode("utf-8")).text == SENTENCE
    got = decode_bytes(to_cp1258(SENTENCE))
    assert (got.text, got.encoding) == (SENTENCE, "cp1258")
    lower = SENTENCE.lower()
    got = decode_bytes(to_tcvn3(lower))
    assert (got.text, got.encoding) == (lower, "tcvn3")
    vni = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam ñöôïc giao nhieäm vuï, ngöôøi khai, ñaêng kyù"
    got = decode_bytes(vni.encode("cp1252"))
    assert got.encoding == "vni" and "được giao nhiệm vụ" in got.text


def test_mojibake_is_repaired():
    broken = SENTENCE.encode("utf-8").decode("sloppy-windows-1252")
    assert repair_mojibake(broken) == SENTENCE
    assert decode_bytes(broken.encode("utf-8")).text == SENTENCE


def test_binary_is_refused():
    with pytest.raises(SkipPage) as err:
        decode_bytes(bytes(range(256)) * 20)
    assert err.value.reason == "binary"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(codec):
    """Windows tools export UTF-16 with a BOM; to a byte test it is half NULs, and it was
    refused as binary."""
    data = SENTENCE.encode(codec)
    if codec.endswith("-be"):  # Python writes the BOM only for the native order
        data = "\ufeff".encode(codec) + data
    got = decode_bytes(data)
    assert got.text == SENTENCE and got.encoding.startswith(codec[:6])


def test_latin1_text_is_decoded_but_not_vietnamese():
    text = "Le président de la République a annoncé une réforme des retraites à la télévision."
    got = decode_bytes(text.encode("latin-1"))
    assert got.text == text
    assert not is_vietnamese(got.text)


def test_language_scores():
    assert vietnamese_score(SENTENCE) > 0.6
    assert vietnamese_score("The quick brown fox jumps over the lazy dog.") < 0.2
    assert vietnamese_score("") == 0.0


sentences = st.lists(st.sampled_from(WORDS), min_size=3, max_size=40).map(" ".join)
varied = st.lists(st.sampled_from(WORDS), min_size=10, max_size=30, unique=True).map(" ".join)


def _converted_or_refused(data: bytes, expected: str) -> None:
    """The property that matters: never a wrong conversion, only a right one or a refusal."""
    try:
        assert decode_bytes(data).text == expected
    except SkipPage as exc:
        assert exc.reason == "undecodable"


@given(sentences)
@settings(max_examples=100)
def test_cp1258_converted_or_refused(text):
    _converted_or_refused(to_cp1258(text), text)


@given(sentences)
@example("cộng được trong")  # its VNI misreading "céng ®­ỵc" once won: c before e is no syllable
@settings(max_examples=100)
def test_tcvn3_converted_or_refused(text):
    _converted_or_refused(to_tcvn3(text.lower()), text.lower())


@given(varied)
@settings(max_examples=100)
def test_varied_text_is_converted(text):
    assert decode_bytes(to_cp1258(text)).text == text
    assert decode_bytes(to_tcvn3(text.lower())).text == text.lower()


@given(st.binary(max_size=2000))
@settings(max_examples=200)
def test_any_bytes_decode_or_skip_with_reason(data):
    try:
        decoded = decode_bytes(data)
    except SkipPage as exc:
        assert exc.reason in {"binary", "undecodable"}
    else:
        assert isinstance(decoded.text, str)


def test_mojibake_in_jsonl_text_is_repaired():
    """A crawler that decoded UTF-8 as cp1252 before writing JSON hands over text, not bytes;
    it was stored as "Viá»‡t" while the same damage in a file was repaired."""
    from diemtin.config import Settings
    from diemtin.extract import extract
    from diemtin.model import Page

    body = (SENTENCE + " ") * 6
    broken = body.encode("utf-8").decode("sloppy-windows-1252")
    title = "Ngoại trưởng Mỹ tới Hà Nội"
    page = Page(
        source="x",
        kind="body",
        text=broken,
        title=title.encode("utf-8").decode("sloppy-windows-1252"),
    )
    article = extract(page, Settings())
    assert article.title == title
    assert article.body == body.strip()
