"""Story grouping: the samples become one story, stories continue across ingests, the
vnmds-dev quality floor holds in time order and shuffled, BCubed is the standard one."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, ROOT, SHARED_DATA, run_cli
from diemtin.eval.metrics import bcubed
from diemtin.stories.features import story_features

FLOORS = tomllib.loads((ROOT / "tests" / "quality_floors.toml").read_text())


def test_bcubed_known_values():
    assert bcubed([1, 1, 2], [1, 1, 2]).f1 == pytest.approx(1.0)
    singletons = bcubed([1, 2, 3, 4], ["a", "a", "b", "b"])
    assert singletons.precision == pytest.approx(1.0)
    assert singletons.recall == pytest.approx(0.5)
    lumped = bcubed([1, 1, 1, 1], ["a", "a", "b", "b"])
    assert lumped.precision == pytest.approx(0.5) and lumped.recall == pytest.approx(1.0)


def test_story_features_views():
    features = story_features("Mưa đá ở Biên Hòa", "Chiều qua, mưa đá xuất hiện ở Biên Hòa.")
    assert set(features) == {"full", "title", "ent", "where"}
    assert features["full"]["mưa đá"] == 3 + 1  # the title counts three times
    assert features["ent"] == {"biên hòa": 2.0}  # in the title and in the body
    assert features["where"] == {}  # a city, not a province
    dated = story_features(
        "Cháy nhà ở TP HCM",
        "Chiều qua, một căn nhà ở quận Bình Tân, TP.HCM bốc cháy. Ngày 12/3, ...",
        published="2024-03-13T08:00:00+07:00",
    )
    assert dated["days"] == {"2024-03-12": 2.0} and dated["lead"] == {"2024-03-12": 1.0}
    assert dated["where"] == {"tphcm": 1.0, "~bìnhtân": 1.0}  # two spellings, one city
    spelt = [
        story_features(f"Mưa lớn ở {name}", "Mưa lớn kéo dài.")["where"]
        for name in ("Thừa Thiên - Huế", "Thừa Thiên Huế", "TP HCM", "Sài Gòn")
    ]
    assert spelt[0] == spelt[1] and spelt[2] == spelt[3] == {"tphcm": 1.0}


def _views(days: dict[str, float], lead: str | None, where: list[str]) -> dict:
    return {"days": days, "lead": {lead: 1.0} if lead else {}, "where": dict.fromkeys(where, 1.0)}


def test_reports_of_two_days_are_apart_unless_the_first_named_the_second():
    from datetime import datetime

    from diemtin.stories.grouping import days_apart

    story = _views({"2024-03-12": 2.0, "2024-03-11": 1.0}, "2024-03-12", [])
    first, last = "2024-03-12T09:15:00", "2024-03-12T10:40:00"
    next_day = datetime(2024, 3, 13, 9)
    # the next day's report, though it names "hôm qua"
    report = _views({"2024-03-13": 1.0, "2024-03-12": 1.0}, "2024-03-13", [])
    assert days_apart(report, story, first, last, next_day)
    # the same day's, and a late report of the story's day, are not
    same = _views({"2024-03-12": 1.0}, "2024-03-12", [])
    assert not days_apart(same, story, first, last, datetime(2024, 3, 12, 20))
    assert not days_apart(same, story, first, last, next_day)
    # a story that named the day ahead ("trưa mai") takes its report
    forecast = _views({"2024-03-12": 1.0, "2024-03-13": 1.0}, "2024-03-12", [])
    assert not days_apart(report, forecast, first, last, next_day)
    # a report that names no day, or a story whose text names none, is never apart
    assert not days_apart(_views({}, None, []), story, first, last, next_day)
    assert not days_apart(report, _views({}, None, []), first, last, next_day)
    # an older article arriving late: the story's lead day must be one it names
    older = _views({"2024-03-11": 1.0}, "2024-03-11", [])
    assert days_apart(older, story, first, last, datetime(2024, 3, 11, 9))
    assert not days_apart(forecast, _views({"2024-03-13": 1.0}, "2024-03-13", []),
                          "2024-03-13T09:00:00", "2024-03-13T10:00:00",
                          datetime(2024, 3, 12, 18))  # fmt: skip


def test_events_in_two_places_are_apart():
    from diemtin.stories.grouping import places_apart
    from diemtin.vi.places import SITES, SPREAD

    # incidents: reports that name a site below the province
    bình_thuận = _views({}, None, ["bìnhthuận", "~hàmthuậnbắc"])
    assert places_apart(_views({}, None, ["nghệan", "~hoàngmai"]), bình_thuận) == SITES
    assert (
        places_apart(_views({}, None, ["bìnhthuận", "nghệan", "~hàmthuậnbắc"]), bình_thuận) is None
    )
    assert places_apart(_views({}, None, []), bình_thuận) is None  # one names none
    # a storm's, a cold spell's reports name a province each and no site: one story
    assert places_apart(_views({}, None, ["làocai"]), _views({}, None, ["lạngsơn"])) is None
    assert places_apart(_views({}, None, ["nghệan"]), bình_thuận) is None
    # two districts, or two wards, of one city are apart; the city alone is not apart from
    # its district, nor a district from a ward (each level is compared with itself)
    cầu_giấy = _views({}, None, ["hànội", "~cầugiấy"])
    assert places_apart(_views({}, None, ["hànội", "~hàđông"]), cầu_giấy) == SITES
    assert places_apart(_views({}, None, ["hànội", "~hàđông", "~7"]), cầu_giấy) == SPREAD
    assert places_apart(_views({}, None, ["hànội"]), cầu_giấy) is None
    assert places_apart(cầu_giấy, _views({}, None, ["hànội"])) is None
    assert places_apart(_views({}, None, ["hànội", "@yênhòa"]), cầu_giấy) is None
    assert places_apart(_views({}, None, ["hànội", "@yênhòa"]),
                        _views({}, None, ["hànội", "@kiếnhưng"])) == SITES  # fmt: skip
    # one district name in two provinces: the provinces tell them apart
    assert places_apart(_views({}, None, ["nghệan", "~hoàngmai"]),
                        _views({}, None, ["hànội", "~hoàngmai"])) == SITES  # fmt: skip


def test_the_places_of_a_lead():
    where = story_features(
        "Cháy quán karaoke ở Hà Nội",
        "Tối 5/11, quán karaoke trên phố Trần Duy Hưng, quận Cầu Giấy, Hà Nội bốc cháy.",
    )["where"]
    assert where == {"hànội": 1.0, "~cầugiấy": 1.0}
    # wards, numbered units, a cue the entity finder takes into its span
    where = story_features(
        "Xe ben tông xe máy ở TP HCM",
        "Sáng 10/5, trên đường Nguyễn Văn Linh (Phường Tân Phong, Quận 7), phường 12 quận "
        "Gò Vấp, xã hội, Huyện ủy.",
    )["where"]
    assert where == {"tphcm": 1.0, "@tânphong": 1.0, "~7": 1.0, "@12": 1.0, "~gòvấp": 1.0}
    # on the map of the report's day: Phú Yên is part of Đắk Lắk since 1 July 2025
    lead = "Nhiều khu dân cư ở Tuy Hòa (Phú Yên cũ) chìm trong biển nước."
    before = story_features("Lũ ở Tuy Hòa", lead, published="2025-06-30T10:00:00")
    after = story_features("Lũ ở Tuy Hòa", lead, published="2025-10-30T10:00:00")
    assert before["where"] == {"phúyên": 1.0} and after["where"] == {"đắklắk": 1.0}


@pytest.mark.skipif(not (SHARED_DATA / "vnmds-dev").is_dir(), reason="needs ../shared/data")
@pytest.mark.parametrize(
    ("name", "merged"),
    [
        ("stories_recurring.jsonl", set()),
        ("stories_recurring_holdout.jsonl", set()),
        ("stories_districts.jsonl", set()),
        ("stories_wards.jsonl", set()),
        ("stories_spread.jsonl", set()),
        ("stories_places_holdout.jsonl", set()),
        ("stories_venues.jsonl", set()),
        ("stories_storm_incidents.jsonl", set()),
    ],
)
def test_recurring_reports_and_same_kind_events_are_told_apart(name: str, merged: set):
    """Hand-written sets (tests/data), among vnmds-dev's articles: daily gold prices,
    markets, weather and exchange rates on consecutive days, two accidents and two fires of
    one day in two provinces, two fires of one evening in two districts or in two wards of
    Hà Nội, two crashes in Quận 7 and Quận 12 (each day's and each place's its own story);
    a storm over two days, a trial over two, a flood told by district and by city, or by
    its merged and its former province, a storm, a cold spell and a school day told from
    a province each, one storm's airports closed in two provinces, a diverted flight told
    from its two airports (one story each); two passes' landslides and two market fires of
    one day in two provinces, and a bridge's fall, a flash flood and a coach swept away in
    one storm's rains (a story each). Each set was written before the checks it tests:
    the holdout set before the day and province checks (never tuned on), the districts
    set before the district check, the wards set before wards and the 2025 map, the spread
    set before provinces were gated on sites, the places holdout after (never tuned on),
    the venues set after venues and before storms (its airports split: 0.929), the storm
    incidents set after storms (never tuned on).
    The gold stories in ``merged`` are the known errors: they form one story, the rest are
    exact."""
    from diemtin.eval.stories import arrival_order, background, group_articles, load_gold

    articles = load_gold(ROOT / "tests" / "data" / name)
    mixed = articles + background(SHARED_DATA / "vnmds-dev")
    for seed in (None, 0, 1, 2):
        assigned = group_articles(arrival_order(mixed, seed))
        found: dict[int, set[str]] = {}
        for a in articles:
            found.setdefault(assigned[a.id], set()).add(a.group)
        groups = {a.group for a in articles}
        expected = merged | {frozenset({g}) for g in groups - set().union(*merged)}
        assert {frozenset(g) for g in found.values()} == expected, seed
        # one story per gold story: no gold story is split either
        assert len(found) == len(expected), seed


def test_samples_become_one_story_with_both_outlets(tmp_path: Path):
    db = tmp_path / "s.db"
    assert run_cli("ingest", str(EXAMPLES), "--db", str(db)).returncode == 0
    out = run_cli("stories", "--db", str(db), "--json")
    stories = [json.loads(line) for line in out.stdout.decode().splitlines()]
    assert len(stories) == 1
    assert stories[0]["size"] == 2
    assert stories[0]["outlets"] == ["CLO", "thoidai.com.vn"]
    timeline = run_cli("story", str(stories[0]["id"]), "--db", str(db)).stdout.decode()
    assert "Bắc Cực" in timeline and "2021-05-15 06:45" in timeline
    # the timeline's columns line up, the undated sample's too
    rows = [line for line in timeline.splitlines() if "[1]" in line or "[2]" in line][-2:]
    assert len({row.index("[") for row in rows}) == 1, rows
    exported = run_cli("export", "--db", str(db), "--what", "stories").stdout.decode()
    row = json.loads(exported.splitlines()[0])
    assert sorted(row["article_ids"]) == [1, 2] and row["first_published"].startswith("2021")


def test_stories_continue_across_ingests(tmp_path: Path):
    db = tmp_path / "s.db"
    files = sorted(EXAMPLES.iterdir())
    for f in files:  # one ingest per article: the second must join the first's story
        assert run_cli("ingest", str(f), "--db", str(db)).returncode == 0
    out = run_cli("export", "--db", str(db), "--what", "articles").stdout.decode()
    story_ids = {json.loads(line)["story_id"] for line in out.splitlines()}
    assert len(story_ids) == 1 and None not in story_ids


def test_unrelated_articles_stay_apart(tmp_path: Path):
    rows = [
        {
            "id": "a",
            "title": "Giá vàng tăng mạnh phiên sáng nay",
            "published": "2021-05-15",
            "body": "Giá vàng SJC sáng nay tăng 300.000 đồng mỗi lượng tại Hà Nội. " * 8,
        },
        {
            "id": "b",
            "title": "Tai nạn giao thông trên quốc lộ 1A ở Bình Thuận",
            "published": "2021-05-15",
            "body": "Một xe khách va chạm với xe tải trên quốc lộ 1A đoạn qua Bình Thuận. " * 8,
        },
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    db = tmp_path / "s.db"
    assert run_cli("ingest", str(source), "--db", str(db)).returncode == 0
    out = run_cli("stories", "--db", str(db), "--json").stdout.decode()
    assert len(out.splitlines()) == 2


@pytest.mark.skipif(not (SHARED_DATA / "vnmds-dev").is_dir(), reason="needs ../shared/data")
def test_vnmds_dev_grouping_floor():
    from diemtin.eval.stories import evaluate_stories

    floors = FLOORS["vnmds_dev_stories"]
    in_order = evaluate_stories(SHARED_DATA / "vnmds-dev")
    assert in_order["bcubed_f1"] >= floors["bcubed_f1"]
    shuffled = min(
        evaluate_stories(SHARED_DATA / "vnmds-dev", shuffle_seed=s)["bcubed_f1"] for s in range(3)
    )
    assert shuffled >= floors["bcubed_f1_shuffled"]
    dense = min(
        evaluate_stories(SHARED_DATA / "vnmds-dev", dense_seed=s)["bcubed_f1"] for s in range(3)
    )
    assert dense >= floors["bcubed_f1_dense"]


@pytest.mark.skipif(not (SHARED_DATA / "vnmds-dev").is_dir(), reason="needs ../shared/data")
def test_grouping_from_given_features_is_grouping_from_the_text():
    """The parameter sweep computes features once and reuses them for every setting and
    order: the stories must be those the text gives (a stale or mismatched feature would
    move articles), and an article without given features is computed from its text."""
    from diemtin.eval.stories import arrival_order, group_articles, load_vnmds

    articles = arrival_order(load_vnmds(SHARED_DATA / "vnmds-dev"), None)[:80]
    given = {a.id: story_features(a.title, a.body) for a in articles[::2]}
    plain = group_articles(articles)
    assert group_articles(articles, features=given) == plain
    assert len(set(plain.values())) < len(plain)  # some stories have several articles
    swapped = dict(zip(given, reversed(list(given.values()))))
    assert group_articles(articles, features=swapped) != plain


@pytest.mark.skipif(not (SHARED_DATA / "vnmds-dev").is_dir(), reason="needs ../shared/data")
def test_vnmds_dev_grouping_holds_in_a_larger_pool():
    """Mixed with three re-written copies of itself (other stories of the same days, four
    times the articles), the gold set is grouped as well as alone, and so are the copies."""
    from diemtin.eval.stories import evaluate_stories

    floors = FLOORS["vnmds_dev_stories"]
    scores = evaluate_stories(SHARED_DATA / "vnmds-dev", pool=3)
    assert scores["articles"] == 4 * scores["original_articles"] == 4 * 316
    assert scores["original_bcubed_f1"] >= floors["bcubed_f1_pool3_original"]
    assert scores["bcubed_f1"] >= floors["bcubed_f1_pool3"]


def test_rewriter_keeps_grammar_words_case_and_the_ties_between_words():
    from diemtin.eval.synthetic import Rewriter, vocabulary

    texts = ["ACBS có Tổng giám đốc mới", "Ông Khôi làm Tổng giám đốc ACBS từ 28/1/2013"]
    words = vocabulary([*texts, "tổng giám"], keep=2)  # the two most frequent are kept
    assert "tổng" not in words and "acbs" in words and "khôi" in words
    rewrite = Rewriter(words, seed=7)
    one, two = rewrite(texts[0]).split(), rewrite(texts[1]).split()
    assert one[2:4] == ["Tổng", "giám"] == two[3:5]
    assert one[0].isupper() and one[0] != "ACBS" and one[0] == two[6]  # a name, renamed alike
    assert two[1][0].isupper() and two[1][1:].islower() and two[1] != "Khôi"
    assert one[4] == two[5] != "đốc" and one[1] != "có"
    date = two[-1]
    assert date != "28/1/2013" and date[2] == "/" and date[4] == "/"
    assert date[0] == date[-4] != date[3] == date[-2]  # a digit, renumbered alike
    assert Rewriter(words, seed=7)(texts[1]) == rewrite(texts[1])  # a seed is a vocabulary
    assert Rewriter(words, seed=8)(texts[1]) != rewrite(texts[1])


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_rewriter_changes_words_and_digits_only(text: str):
    from diemtin.eval.synthetic import WORD, Rewriter

    rewrite = Rewriter(["acbs", "khôi", "mới", "đốc", "có"], seed=3)
    out = rewrite(text)
    assert WORD.sub("", out) == WORD.sub("", text).translate(rewrite.digits)
    assert len(WORD.findall(out)) == len(WORD.findall(text))


def test_pool_copies_are_other_stories_of_the_same_days(monkeypatch):
    from datetime import datetime

    from diemtin.eval import stories
    from diemtin.eval.stories import GoldArticle, pool_copies

    monkeypatch.setattr(stories, "POOL_KEEP", 0)  # every word is swapped
    day = "2013-01-30T"
    gold = [
        GoldArticle("a", "g1", "ACBS có Tổng giám đốc mới", "Ông Khôi nhận chức ngày 28/1.",
                    day + "15:46:00"),
        GoldArticle("b", "g1", "Tổng giám đốc mới của ACBS", "ACBS bổ nhiệm ông Khôi.",
                    day + "16:08:00"),
        GoldArticle("c", "g2", "Mexico điều tra việc do thám", "Mexico yêu cầu Mỹ giải thích.",
                    None),
    ]  # fmt: skip
    copies = pool_copies(gold, 2)
    assert copies == pool_copies(gold, 2)  # the same pool every time
    assert [c.id for c in copies] == ["c1-a", "c1-b", "c1-c", "c2-a", "c2-b", "c2-c"]
    assert [c.group for c in copies[:3]] == ["c1-g1", "c1-g1", "c1-g2"]
    for k in (0, 3):  # each copy renames the story's organisation alike, each its own way
        name = copies[k].title.split()[0]
        assert name.isupper() and name != "ACBS" and copies[k + 1].title.split()[-1] == name
    assert copies[0].title.split()[0] != copies[3].title.split()[0]
    assert copies[0].body != gold[0].body and "28" not in copies[0].body.split()[-1]
    for original, copy in zip(gold * 2, copies, strict=True):
        if original.published is None:
            assert copy.published is None
        else:
            moved = datetime.fromisoformat(copy.published) - datetime.fromisoformat(
                original.published
            )
            assert 0 < abs(moved.total_seconds()) <= 12 * 3600


def test_dense_stream_moves_stories_by_whole_days_with_the_days_they_name():
    from datetime import datetime, timedelta

    from diemtin.eval.stories import GoldArticle, compress_time
    from diemtin.vi.days import mentioned_days

    gold = [
        GoldArticle("a", "g", "Sáng 8/11 đấu thầu vàng", "Ngày mai, 8/11, NHNN đấu thầu.",
                    "2013-11-07T18:16:00"),
        GoldArticle("b", "g", "Đấu thầu vàng", "Sáng nay NHNN đấu thầu 15.000 lượng.",
                    "2013-11-08T00:01:00"),
    ]  # fmt: skip
    for seed in range(5):
        a, b = compress_time(gold, seed)
        moved = datetime.fromisoformat(a.published) - datetime.fromisoformat(gold[0].published)
        assert moved.seconds == 0 and moved.days < 0  # whole days, at the same time of day
        assert datetime.fromisoformat(b.published) - datetime.fromisoformat(a.published) == (
            datetime(2013, 11, 8, 0, 1) - datetime(2013, 11, 7, 18, 16)
        )
        day = (datetime.fromisoformat(a.published) + timedelta(days=1)).date()
        assert (
            mentioned_days(a.title + " " + a.body, datetime.fromisoformat(a.published)) == [day] * 3
        )
        assert mentioned_days(b.body, datetime.fromisoformat(b.published)) == [day]


def test_reading_an_older_store_upgrades_it(tmp_path: Path):
    import sqlite3

    from diemtin.store.schema import MIGRATIONS

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript(MIGRATIONS[0])  # a store made before stories existed
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    out = run_cli("stories", "--db", str(db))
    assert out.returncode == 0 and b"Traceback" not in out.stderr
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_bounded_frequency_cache_weighs_as_an_unbounded_one(monkeypatch):
    """On a long run the grouper drops its cached document frequencies and reads them from
    the store again; every article must be weighed with the same frequencies either way
    (the article that made the cache overflow once got none at all)."""
    from datetime import datetime

    from diemtin.eval.stories import load_vnmds
    from diemtin.store import sqlite
    from diemtin.store.sqlite import Store
    from diemtin.stories import grouping

    articles = sorted(load_vnmds(SHARED_DATA / "vnmds-dev"), key=lambda a: a.published or "")
    features = [story_features(a.title, a.body) for a in articles[:60]]

    def weighed(limit: int, fold: int, batch: int = 0) -> list[tuple[dict, list[str], int]]:
        monkeypatch.setattr(grouping, "KNOWN_TERMS", limit)
        monkeypatch.setattr(sqlite, "FOLD_DOCUMENTS", fold)
        out = []
        with Store(":memory:") as store:
            grouper = grouping.StoryGrouper(store)
            for i, (a, f) in enumerate(zip(articles, features)):
                if batch and i % batch == 0:  # as the ingest does: a batch's terms read at once
                    grouper.flush()
                    grouper.prefetch(features[i : i + batch])
                vectors, query = grouper.vectors(f)
                story = grouper.file(a.title, vectors, query, a.published, datetime(2000, 1, 1))
                out.append((vectors, query, story))
        return out

    unbounded = weighed(10**9, 10**9)
    # fewer than one article's terms: dropped before every article, and read back from a
    # store that folds its recent frequencies every few articles
    assert weighed(500, 7) == unbounded
    # a batch's frequencies read ahead, with and without the cache overflowing inside it
    assert weighed(10**9, 10**9, batch=8) == unbounded
    assert weighed(3000, 7, batch=5) == unbounded


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from("abcdefgh"), max_size=5), max_size=12),
    st.integers(min_value=1, max_value=5),
)
def test_folded_frequencies_read_as_counted(documents, fold):
    """Document frequencies read back as counted, whether a count still sits in the recent
    table, was folded into the large one, or is split between the two."""
    from collections import Counter

    from diemtin.store import sqlite

    counted: Counter[str] = Counter()
    original = sqlite.FOLD_DOCUMENTS
    sqlite.FOLD_DOCUMENTS = fold
    try:
        with sqlite.Store(":memory:") as store:
            for terms in documents:
                distinct = set(terms)
                counted.update(distinct)
                store.add_document_counts(1, dict.fromkeys(distinct, 1))
                assert store.document_frequencies(list("abcdefgh")) == counted
            assert store.document_total() == len(documents)
    finally:
        sqlite.FOLD_DOCUMENTS = original


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=6),
        st.dictionaries(st.text(max_size=8), st.floats(allow_nan=False), max_size=6),
        max_size=4,
    )
)
def test_centroids_round_trip_through_the_store_format(centroid):
    """A story's summed views come back from their stored bytes exactly, in their order,
    whatever the terms hold (the separator too) and for blobs of older stores (JSON)."""
    import json
    import zlib

    from diemtin.stories.grouping import pack_centroid, unpack_centroid

    back = unpack_centroid(pack_centroid(centroid))
    assert back == centroid
    assert [list(v.items()) for v in back.values()] == [list(v.items()) for v in centroid.values()]
    old = zlib.compress(json.dumps(centroid, ensure_ascii=False).encode("utf-8"), 1)
    assert unpack_centroid(old) == centroid
