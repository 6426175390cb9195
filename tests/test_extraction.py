"""Extraction quality: golden files on the real samples, the pinned extraction-dev floor."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from conftest import EXAMPLES, GOLDEN, SHARED_DATA
from diemtin.config import Settings
from diemtin.eval.metrics import token_prf
from diemtin.extract import extract
from diemtin.model import Page

FLOORS = tomllib.loads((Path(__file__).parent / "quality_floors.toml").read_text())
GOLDEN_FILES = sorted(GOLDEN.glob("*.json"))


@pytest.mark.parametrize("gold_file", GOLDEN_FILES, ids=lambda p: p.stem)
def test_sample_matches_golden(gold_file, strict_settings):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    page = Page(source=gold["file"], content=(EXAMPLES / gold["file"]).read_bytes())
    art = extract(page, strict_settings)
    assert art.title == gold["title"]
    assert art.published == gold["published"]
    assert art.author == gold["author"]
    assert art.outlet == gold["outlet"]
    assert art.captions == gold["captions"]
    assert token_prf(art.body, gold["body"]).f1 >= FLOORS["samples"]["body_f1"]
    for junk in ("Tin mới", "Bài liên quan", "Đọc nhiều", "Ảnh: Reuters", "Multimedia"):
        assert junk not in art.body


def test_html_page_uses_metadata_and_drops_chrome():
    html = (Path(__file__).parent / "fixtures" / "article.html").read_bytes()
    art = extract(Page(source="article.html", content=html), Settings(errors="raise"))
    assert art.title == "Ngoại trưởng Mỹ gặp Ngoại trưởng Nga tại Reykjavik"
    assert art.outlet == "Báo Tin Tức"
    assert art.author == "Minh Anh"
    assert art.published == "2021-05-19T22:30:00"
    assert art.body.startswith("(TTXVN) Ngoại trưởng Mỹ Antony Blinken")
    for junk in ("Tin liên quan", "Giá vàng", "Ảnh: Reuters", "Giấy phép", "Trang chủ"):
        assert junk not in art.body


@pytest.mark.skipif(not (SHARED_DATA / "extraction-dev").is_dir(), reason="needs ../shared/data")
def test_extraction_dev_quality_floor():
    from diemtin.eval.extraction import evaluate_extraction

    scores = evaluate_extraction(SHARED_DATA / "extraction-dev" / "gold.jsonl")
    floors = FLOORS["extraction_dev"]
    assert scores.documents == 100
    assert scores.body_f1 >= floors["body_f1"], scores.as_dict()
    assert scores.title_exact >= floors["title_exact"], scores.as_dict()
    assert scores.published_exact >= floors["published_exact"], scores.as_dict()


def test_xhtml_with_an_xml_declaration_is_read():
    """Older sites serve XHTML that opens with "<?xml … encoding=…?>"; lxml refuses that
    declaration in a decoded string, and the whole page was once skipped as bad_html."""
    page = (Path(__file__).parent / "fixtures" / "article.html").read_text(encoding="utf-8")
    xhtml = '<?xml version="1.0" encoding="utf-8"?>\n' + page
    plain = extract(Page(source="x", kind="html", text=page), Settings())
    declared = extract(Page(source="x", kind="html", text=xhtml), Settings())
    assert (declared.title, declared.body) == (plain.title, plain.body)


def test_runaway_title_and_author_fields_are_cut_or_dropped():
    """A JSONL producer that put the text in the title, or a biography in the author."""
    body = (EXAMPLES / "004_603e59300321139f.txt").read_text(encoding="utf-8")
    runaway = "Tin tức " * 200
    page = Page(source="x", kind="dump", text=body, title=runaway, author="Nhà báo " * 40)
    article = extract(page, Settings())
    assert article.title.endswith("…") and len(article.title) <= 501
    assert article.title.startswith("Tin tức Tin tức")
    assert article.author is None
    named = extract(Page(source="x", kind="dump", text=body, author=" Lê  Văn An "), Settings())
    assert named.author == "Lê Văn An"
