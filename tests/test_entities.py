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
from diemtin.stories.features import body_entities
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
        (  # a title, the organisation, then the person the title is of
            "Thứ trưởng Bộ Y tế Nguyễn Thị Xuyên ký công văn; Chủ tịch Ngân hàng T.Ư châu Âu "
            "Mario Draghi và Hiệu trưởng Trường THPT Nguyễn Trãi dự.",
            [
                ("ORG", "Bộ Y tế"),
                ("PER", "Nguyễn Thị Xuyên"),
                ("ORG", "Ngân hàng T.Ư châu Âu"),
                ("PER", "Mario Draghi"),
                ("ORG", "Trường THPT Nguyễn Trãi"),
            ],
        ),
        (  # a ministry's name in parts joined by "và" or a dash; a city's short form
            "Bộ Tài nguyên và Môi trường, Bộ Lao động - Thương binh và Xã hội và Bộ Y tế họp "
            "tại TP HCM; Ngân hàng và Ngôn ngữ tiếng Anh là hai ngành học.",
            [
                ("ORG", "Bộ Tài nguyên và Môi trường"),
                ("ORG", "Bộ Lao động - Thương binh và Xã hội"),
                ("ORG", "Bộ Y tế"),
                ("LOC", "TP HCM"),
            ],
        ),
        (  # teams beside a score, not a range of days
            "Kết quả: Schalke 0 - 3 Chelsea, Arsenal 1-2 Borussia Dortmund. Mưa ở Hà Nội "
            "1 - 2 ngày.",
            [
                ("ORG", "Schalke"),
                ("ORG", "Chelsea"),
                ("ORG", "Arsenal"),
                ("ORG", "Borussia Dortmund"),
                ("LOC", "Hà Nội"),
            ],
        ),
        (  # the head a title names; an organisation's name where its capitals were dropped
            "Vụ trưởng Vụ Hợp tác quốc tế gặp Cục Nghệ thuật Biểu diễn. Cục Nghệ thuật biểu "
            "diễn sẽ ra quyết định.",
            [
                ("ORG", "Vụ Hợp tác quốc tế"),
                ("ORG", "Cục Nghệ thuật Biểu diễn"),
                ("ORG", "Cục Nghệ thuật biểu diễn"),
            ],
        ),
        (
            "Quốc vương Ả rập Xê út và Đức Giáo hoàng Francis dự lễ Halloween tại Thẩm mỹ viện "
            "Cát Tường.",
            [("LOC", "Ả rập Xê út"), ("PER", "Francis"), ("ORG", "Thẩm mỹ viện Cát Tường")],
        ),
        (
            "Mưa đá xuất hiện tại Biên Hòa, tỉnh Đồng Nai.",
            [("LOC", "Biên Hòa"), ("LOC", "Đồng Nai")],
        ),
        (  # a club named after its city, and the city's bare name in the same report
            "U21 Việt Nam hạ Sydney. Trong trận chung kết, U21 Việt Nam và Sydney FC hòa.",
            [("LOC", "Việt Nam"), ("ORG", "Sydney"), ("LOC", "Việt Nam"), ("ORG", "Sydney FC")],
        ),
        (  # a legal document's number names no issuer
            "Bộ Tài chính ban hành Thông tư số 64/2013/TT-BTC và Bộ Công an phối hợp.",
            [("ORG", "Bộ Tài chính"), ("ORG", "Bộ Công an")],
        ),
        (
            "Đại tá Nguyễn Văn Nam, Chính ủy Sư đoàn 304, đến Bệnh viện 3 ngày sau.",
            [("PER", "Nguyễn Văn Nam"), ("ORG", "Sư đoàn 304")],
        ),
        (
            "Sáng 31-10, Phòng giáo dục đã triệu tập hiệu trưởng, theo Báo Đất Việt.",
            [("ORG", "Phòng giáo dục"), ("ORG", "Đất Việt")],
        ),
        (
            "Máy bay Israel không kích, phát ngôn viên Bộ Quốc phòng Israel nói.",
            [("LOC", "Israel"), ("ORG", "Bộ Quốc phòng Israel")],
        ),
        (  # works announced by their cue, in a list, with their short form
            "Cô đóng phim như I Miss You, Soulmate. Cô dự chương trình Nhân Tố Bí Ẩn (X-FACTOR).",
            [],
        ),
        (
            "Ông Đỗ Kim Tuyến - đại biểu Quốc hội TP Hà Nội, phát biểu.",
            [("PER", "Đỗ Kim Tuyến"), ("ORG", "Quốc hội"), ("LOC", "Hà Nội")],
        ),
        (
            "Ông Nguyễn Văn An làm việc với Tập đoàn FPT.",
            [("PER", "Nguyễn Văn An"), ("ORG", "Tập đoàn FPT")],
        ),
        (  # a country that is also a given name's syllable, then a given name: a person
            "Tại châu Á, Mỹ Tâm được đề cử. Ca sĩ Mỹ Tâm hát ở Mỹ.",
            [("LOC", "châu Á"), ("PER", "Mỹ Tâm"), ("PER", "Mỹ Tâm"), ("LOC", "Mỹ")],
        ),
        (  # lone foreign names in a list of people are people, at every mention
            "Beyonce hát. Các ngôi sao như: Beyonce, Adele, Britney Spears, Katy Perry.",
            [
                ("PER", "Beyonce"),
                ("PER", "Beyonce"),
                ("PER", "Adele"),
                ("PER", "Britney Spears"),
                ("PER", "Katy Perry"),
            ],
        ),
        (  # places joined by a hyphen; a regnal number; a short country name after a title
            "Quan hệ Việt Nam-Ấn Độ từ thời Sa hoàng Nicholas II, Thủ tướng Ấn nói.",
            [("LOC", "Việt Nam"), ("LOC", "Ấn Độ"), ("PER", "Nicholas II"), ("LOC", "Ấn")],
        ),
        (  # a place that names an event; the closing byline of a country-like given name
            "Djokovic vô địch Thượng Hải Masters ở Trung Quốc. Anh Kiên",
            [("PER", "Djokovic"), ("LOC", "Trung Quốc"), ("PER", "Anh Kiên")],
        ),
        (  # an organisation's short form is no common noun's; a reporter's initials
            "Bên lề Quốc hội (QH), ĐBQH Đỗ Văn Đương nói QH cần báo cáo. M.L (ghi)",
            [
                ("ORG", "Quốc hội"),
                ("ORG", "QH"),
                ("PER", "Đỗ Văn Đương"),
                ("ORG", "QH"),
                ("PER", "M.L"),
            ],
        ),
        (  # captions flattened into the sentences after them; "Như" inside a name
            "Ông Lê Như Tiến Báo cáo của Thanh tra Chính phủ nêu rõ. Cựu nhân viên Cơ quan"
            " An ninh Quốc gia Mỹ Edward Snowden Một tài liệu khác."
            " Dân ở Thủ Dầu Một, Đà Nẵng và HCM.",
            [
                ("PER", "Lê Như Tiến"),
                ("ORG", "Thanh tra Chính phủ"),
                ("ORG", "Cơ quan An ninh Quốc gia Mỹ"),
                ("PER", "Edward Snowden"),
                ("LOC", "Thủ Dầu Một"),
                ("LOC", "Đà Nẵng"),
                ("LOC", "HCM"),
            ],
        ),
        (  # people met before: two names run together, a name after a show's cue
            "Ca sĩ Thu Minh và ca sĩ Hồ Quỳnh Hương hát. Hồ Quỳnh Hương Thu Minh Thêm một"
            " số hình ảnh. Ca sĩ Bằng Kiều hát tiếp trong liveshow Bằng Kiều với khán giả.",
            [
                ("PER", "Thu Minh"),
                ("PER", "Hồ Quỳnh Hương"),
                ("PER", "Hồ Quỳnh Hương"),
                ("PER", "Thu Minh"),
                ("PER", "Bằng Kiều"),
                ("PER", "Bằng Kiều"),
            ],
        ),
        (  # an acronym, then someone of it, with no title before them
            "Cựu điệp viên CIA Edward Snowden và Tổng giám đốc ITAR-TASS Sergei Mikhailov.",
            [
                ("ORG", "CIA"),
                ("PER", "Edward Snowden"),
                ("ORG", "ITAR-TASS"),
                ("PER", "Sergei Mikhailov"),
            ],
        ),
        (  # a Chinese name's surname; "Phía" opens a sentence
            "Người phát ngôn Bộ Ngoại giao Trung Quốc Hoa Xuân Oánh nói. Phía Mobifone cho hay.",
            [("ORG", "Bộ Ngoại giao Trung Quốc"), ("PER", "Hoa Xuân Oánh"), ("ORG", "Mobifone")],
        ),
        (  # product lines, generic bodies, abbreviations of common nouns, a song in quotes
            "Ban Tổ chức mời SV các trường CĐ hát ca khúc “Việt Nam ơi” và thử Samsung Galaxy.",
            [],
        ),
        (  # a title in its other spelling types the name everywhere; "Lúc" opens a phrase
            "Ca sỹ Aslan Lúc mới đến Việt Nam, Aslan học tiếng Việt. Sang Hà Nội, Aslan hát.",
            [
                ("PER", "Aslan"),
                ("LOC", "Việt Nam"),
                ("PER", "Aslan"),
                ("LOC", "Hà Nội"),
                ("PER", "Aslan"),
            ],
        ),
        (  # "del" inside a name, other languages' letters, a caption run into "Tuyên bố"
            "Ngoại trưởng Albert del Rosario gặp Marco Reus, Lewandowski và Großkreutz. Ngoại "
            "trưởng Salman Khurshid Tuyên bố của ông Khurshid đưa ra.",
            [
                ("PER", "Albert del Rosario"),
                ("PER", "Marco Reus"),
                ("PER", "Lewandowski"),
                ("PER", "Großkreutz"),
                ("PER", "Salman Khurshid"),
                ("PER", "Khurshid"),
            ],
        ),
        (  # short forms of common nouns, a legal code, "BV", a paper signing
            "Bác sĩ Tường (SN 1973, BV Bạch Mai) vi phạm Điều 242 Bộ luật hình sự, CĐV và "
            "các DNNN nói. Báo Đất Việt",
            [("PER", "Tường"), ("ORG", "BV Bạch Mai"), ("ORG", "Đất Việt")],
        ),
    ],
)
def test_entity_examples(text, expected):
    assert [(e.type, e.text) for e in find_entities(text)] == expected


@given(st.text(alphabet="AĐÔaăđô ỹ.,-Bộ Hội đồng\n", max_size=200))
def test_offsets_point_at_the_text(text):
    for e in find_entities(text):
        assert text[e.start : e.end] == e.text and e.type in {"PER", "ORG", "LOC"}


@given(
    st.text(alphabet="AĐÔaăđô ỹ.,-Bộ Hội\n", max_size=40),
    st.text(alphabet="AĐÔaăđô ỹ.,-Bộ Hội đồng\n", max_size=200),
)
def test_body_entities_point_into_the_body(title, body):
    for e in body_entities(title, body):
        assert e.start >= 0 and body[e.start : e.end] == e.text


# Words a run of capitals is made of: titles, heads, countries, surnames, places, acronyms.
_RUN_WORDS = [
    "Ngoại",
    "Bộ",
    "Ngoại giao",
    "Mỹ",
    "Nga",
    "Sergei",
    "Lavrov",
    "Antony",
    "Blinken",
    "Nguyễn",
    "Văn",
    "An",
    "Hà",
    "Nội",
    "TP",
    "HCM",
    "Công",
    "ty",
    "Trường",
    "Tổng",
    "thống",
    "NSA",
    "Edward",
    "Snowden",
    "Hội",
    "đồng",
    "Bắc",
    "Cực",
    "Việt",
    "Nam",
    "Thượng",
    "Hải",
    "Masters",
]


@given(
    st.lists(st.sampled_from(_RUN_WORDS), min_size=1, max_size=7),
    st.booleans(),
    st.integers(0, 500),
)
def test_a_run_splits_by_its_words_alone(words, titled, start):
    """The entity finder remembers how a run of words splits (_split_words); that holds only
    while the split reads the words and nothing else of the run (not their offsets)."""
    from diemtin.vi.entities.runs import _split_run, _split_words

    run, at = [], start
    for word in words:
        run.append((at, at + len(word), word))
        at += len(word) + 1
    assert _split_words(run, titled) == _split_run(run, titled)


_SEEDED = """
import json, sys
from diemtin.vi.entities import find_entities
print(json.dumps([(e.start, e.end, e.type, e.text) for e in find_entities(sys.stdin.read())]))
"""


def test_entities_do_not_depend_on_string_hashing():
    """The same text gives the same entities in every process, whatever its hash seed (the
    Spark job's executors and ingest's workers must agree): of two names a short mention
    could grow into ("Hội Sinh viên", "Hội Sinh viên TP.Hà Nội"), the whole one the text
    holds there wins, not the one a set's order met first (it did for two seeds in six)."""
    import os
    import subprocess
    import sys

    text = (
        "Ngày 3.11, Đại hội Hội Sinh viên TP.Hà Nội diễn ra.\nĐại hội bầu BCH Hội Sinh viên "
        "TP.Hà Nội với 45 ủy viên. Sinh viên phấn đấu trở thành đảng viên, Hội Sinh viên cần "
        "tạo môi trường cho sinh viên. Chị Ngọc Anh, Chủ tịch Hội Sinh viên Trường Đại học "
        "Thăng Long nói."
    )
    runs = set()
    for seed in range(6):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run(
            [sys.executable, "-c", _SEEDED],
            input=text,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        runs.add(done.stdout)
    assert len(runs) == 1
    found = [tuple(e) for e in json.loads(runs.pop())]
    assert (68, 91, "ORG", "Hội Sinh viên TP.Hà Nội") in found


def test_the_title_types_the_body():
    title = "Ông Sapru nói về kinh tế"
    body = "Sapru cho biết lạm phát giảm. Sapru nói thêm rằng giá dầu tăng."
    assert [(e.type, e.text) for e in body_entities(title, body)] == [
        ("PER", "Sapru"),
        ("PER", "Sapru"),
    ]


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
    names = (
        "unseen",
        "fresh",
        "fresh2",
        "fresh3",
        "fresh4",
        "fresh5",
        "fresh6",
        "fresh7",
        "fresh8",
        "fresh9",
        "fresh10",
    )
    later = [data / f"entities_{name}.jsonl" for name in names]
    assert evaluate_entities(gold)["f1"] >= floors["gold_f1"]
    assert evaluate_entities(later)["f1"] >= floors["later_f1"]


def test_story_names_merge_aliases():
    from collections import Counter

    from diemtin.vi.aliases import group_names

    mentions = Counter(
        {
            ("LOC", "Mỹ"): 5,
            ("LOC", "Hoa Kỳ"): 2,
            ("LOC", "TP.HCM"): 1,
            ("LOC", "Sài Gòn"): 1,
            ("LOC", "TP. Hồ Chí Minh"): 1,
            ("PER", "Antony Blinken"): 2,
            ("PER", "Anthony Blinken"): 1,
            ("PER", "Blinken"): 3,
            ("ORG", "Bộ Ngoại giao Hoa Kỳ"): 1,
            ("ORG", "Bộ Ngoại giao Mỹ"): 1,
            ("PER", "Nguyễn Văn Tuấn"): 1,
            ("PER", "Lê Anh Tuấn"): 1,
            ("PER", "Tuấn"): 2,  # two people could be meant: left on its own
        }
    )
    groups = {g.text: g for g in group_names(mentions)}
    assert groups["Mỹ"].count == 7 and groups["TP.HCM"].count == 3
    assert groups["Antony Blinken"].count == 6
    assert groups["Bộ Ngoại giao Mỹ"].count == 2
    assert {"Nguyễn Văn Tuấn", "Lê Anh Tuấn", "Tuấn"} <= set(groups)
    assert sum(g.count for g in groups.values()) == sum(mentions.values())


@given(
    st.dictionaries(
        st.tuples(st.sampled_from(["PER", "ORG", "LOC"]), st.text("AĐaơ Mỹ.Hoa Kỳ", max_size=12)),
        st.integers(1, 5),
        max_size=12,
    )
)
def test_name_groups_keep_every_mention(mentions):
    from collections import Counter

    from diemtin.vi.aliases import group_names

    groups = group_names(Counter(mentions))
    assert sum(g.count for g in groups) == sum(mentions.values())
    assert sorted(s for g in groups for s in g.surfaces) == sorted(t for _, t in mentions)
