"""Vietnamese normalisation: examples and properties (hypothesis)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from diemtin.vi.normalize import (
    clean_text,
    fold,
    fold_ascii,
    line_syllables,
    match_text,
    nfc,
    normalize_tones,
    syllables,
)

VI_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]


@st.composite
def vietnamese_words(draw) -> str:
    head = draw(st.text(alphabet=VI_LETTERS, max_size=3))
    vowel = draw(st.sampled_from("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"))
    tail = draw(st.text(alphabet=VI_LETTERS, max_size=3))
    tone = draw(st.sampled_from(TONES))
    return nfc(head + vowel + tone + tail)


texts = st.lists(vietnamese_words(), min_size=0, max_size=12).map(" ".join)
any_text = st.text(max_size=200)


def test_tone_placement_examples():
    assert normalize_tones("hoà") == "hòa"
    assert normalize_tones("thuỷ") == "thủy"
    assert normalize_tones("qúy") == "quý"
    assert normalize_tones("Khoẻ") == "Khỏe"
    assert normalize_tones("Uỷ ban") == "Ủy ban"
    for word in ["hoàn", "người", "khuỷu", "ngoài", "giường", "quyết", "Việt"]:
        assert normalize_tones(word) == word


def test_fold_examples():
    assert fold("Ngoại trưởng Lavrov") == "ngoai truong lavrov"
    assert fold("Đà Nẵng, ĐÀ NẴNG") == "da nang, da nang"
    assert fold("Hội đồng Bắc Cực") == "hoi dong bac cuc"


@given(any_text)
def test_fold_keeps_length_so_offsets_map_back(text):
    text = nfc(text)
    assert len(fold(text)) == len(text)


@given(texts)
def test_fold_is_ascii_for_vietnamese(text):
    assert fold(text).isascii()


@given(any_text)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(texts)
def test_tone_normalisation_is_idempotent_and_invisible_to_search(text):
    once = normalize_tones(text)
    assert normalize_tones(once) == once
    assert fold(once) == fold(text)
    assert unicodedata.is_normalized("NFC", once)


@given(texts)
def test_tone_placement_variants_match(text):
    decomposed = unicodedata.normalize("NFD", text)
    assert match_text(decomposed) == match_text(text)


@given(any_text)
@settings(max_examples=200)
def test_clean_text_is_nfc_and_stable(text):
    out = clean_text(text)
    assert unicodedata.is_normalized("NFC", out)
    assert clean_text(out) == out


@given(st.lists(texts, max_size=5).map("\n".join))
def test_fold_ascii_agrees_with_fold_on_vietnamese(text):
    assert fold_ascii(text) == fold(text)


@given(any_text)
def test_fold_ascii_is_ascii_and_keeps_lines(text):
    folded = fold_ascii(text)
    assert folded.isascii()
    assert folded.count("\n") == text.count("\n")


def test_fold_ascii_lookalikes():
    assert fold_ascii("Tin mới » Thế giới – © 2021 “Báo”") == (
        'tin moi > the gioi -  copyright  2021 "bao"'
    )


@given(st.one_of(texts, any_text, st.lists(st.one_of(texts, any_text)).map(" ".join)))
def test_syllables_are_the_tokens_of_the_matching_form(text):
    # syllables() lowercases before it places tones (each distinct token once, for speed);
    # it must give exactly the tokens of match_text, which places them first.
    assert syllables(text) == re.findall(r"\w+", match_text(text))


@given(st.lists(st.one_of(texts, any_text), max_size=8))
def test_line_syllables_are_each_lines_syllables(lines):
    # the digest splits a whole story's sentences at once; a line break inside a line, a
    # final sigma or a mark that cannot compose must not move a token to another line
    assert line_syllables(lines) == [syllables(line) for line in lines]


def test_line_syllables_examples():
    lines = ["Ông Lavrov HOÀ giải", "", "thuỷ\nQÚY", "ΟΔΟΣ x", "ÈÖ"]
    assert line_syllables(lines) == [syllables(line) for line in lines]
    assert line_syllables(lines)[:3] == [["ông", "lavrov", "hòa", "giải"], [], ["thủy", "quý"]]
