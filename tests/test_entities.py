"""Named entities: typed spans with offsets, titles outside person spans, the samples' story
entities, the CLI contract."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLES, run_cli
from diemtin.config import Settings
from diemtin.extract import extract
from diemtin.model import Page
from diemtin.stories.digest import Source, story_entities
from diemtin.vi.entities import find_entities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ngoại trưởng Nga Sergei Lavrov gặp Tổng thống Joe Biden.",
            [("LOC", "Nga"), ("PER", "Sergei Lavrov"), ("PER", "Joe Biden")],
        ),
        ("Theo Bộ Tài chính, ngân sách hụt thu.", [("ORG", "Bộ Tài chính")]),
        (
            "Họ họp ở Hội đồng Bắc Cực tại Reykjavik.",
            [("ORG", "Hội đồng Bắc Cực"), ("LOC", "Reykjavik")],
        ),
        (
            "Người phát ngôn Bộ Ngoại giao Mỹ Ned Price nói.",
            [("ORG", "Bộ Ngoại giao Mỹ"), ("PER", "Ned Price")],
        ),
        (
            "Mưa đá xuất hiện tại Biên Hòa, tỉnh Đồng Nai.",
            [("LOC", "Biên Hòa"), ("LOC", "Đồng Nai")],
        ),
        (
            "Ông Nguyễn Văn An làm việc với Tập đoàn FPT.",
            [("PER", "Nguyễn Văn An"), ("ORG", "Tập đoàn FPT")],
        ),
    ],
)
def test_entity_examples(text, expected):
    assert [(e.type, e.text) for e in find_entities(text)] == expected


@given(st.text(alphabet="AĐÔaăđô ỹ.,-Bộ Hội đồng\n", max_size=200))
def test_offsets_point_at_the_text(text):
    for e in find_entities(text):
        assert text[e.start : e.end] == e.text and e.type in {"PER", "ORG", "LOC"}


def test_sample_story_entities():
    sources = []
    for path in sorted(EXAMPLES.iterdir()):
        a = extract(
            Page(source=str(path), locator="", kind="", content=path.read_bytes()), Settings()
        )
        sources.append(Source(a.title, a.body, a.published, a.outlet))
    names = {(e["type"], e["text"]) for e in story_entities(sources, limit=100)}
    for wanted in [
        ("PER", "Antony Blinken"),
        ("PER", "Sergei Lavrov"),
        ("PER", "Ned Price"),
        ("LOC", "Reykjavik"),
        ("LOC", "Iceland"),
        ("ORG", "Hội đồng Bắc Cực"),
    ]:
        assert wanted in names


def test_entities_cli_contract():
    line = json.dumps({"id": "x", "text": "Ông Sergei Lavrov đến Reykjavik."}, ensure_ascii=False)
    out = run_cli("entities", "-", input=line.encode())
    assert out.returncode == 0
    row = json.loads(out.stdout.decode())
    assert row["id"] == "x"
    assert [(e["type"], e["text"], e["start"]) for e in row["entities"]] == [
        ("PER", "Sergei Lavrov", 4),
        ("LOC", "Reykjavik", 22),
    ]


def test_entity_quality_floors():
    import tomllib

    from conftest import ROOT
    from diemtin.eval.entities import evaluate_entities

    floors = tomllib.loads((ROOT / "tests" / "quality_floors.toml").read_text())["entities"]
    data = ROOT / "tests" / "data"
    gold = [data / f"entities_{name}.jsonl" for name in ("dev", "dev2", "test", "holdout")]
    later = [data / f"entities_{name}.jsonl" for name in ("unseen", "fresh")]
    assert evaluate_entities(gold)["f1"] >= floors["gold_f1"]
    assert evaluate_entities(later)["f1"] >= floors["later_f1"]
