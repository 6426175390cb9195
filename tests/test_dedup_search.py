"""Exact and near-duplicate detection, diacritic-insensitive search with accented snippets."""

from __future__ import annotations

import json
import re
from datetime import datetime

from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from diemtin.config import Settings
from diemtin.model import Page
from diemtin.pipeline import ingest
from diemtin.store.schema import ID_MASK, MIGRATIONS, search_key
from diemtin.store.snippets import snippet
from diemtin.store.sqlite import Store
from diemtin.vi.normalize import fold

BODY = (
    "Sáng 12/3, tại Đà Nẵng, Ủy ban nhân dân thành phố tổ chức lễ khởi công dự án cầu mới bắc "
    "qua sông Hàn với tổng vốn đầu tư hơn 1.000 tỷ đồng. Theo kế hoạch, công trình sẽ hoàn thành "
    "sau 30 tháng thi công và góp phần giảm ùn tắc giao thông ở khu vực trung tâm thành phố. "
    "Lãnh đạo thành phố yêu cầu các nhà thầu bảo đảm chất lượng, tiến độ và an toàn lao động "
    "trong suốt quá trình thi công, đồng thời hạn chế ảnh hưởng tới đời sống người dân."
)


def _page(i: int, body: str, outlet: str, title: str = "Khởi công cầu mới qua sông Hàn") -> Page:
    return Page(
        source="t.jsonl", locator=f"line:{i}", kind="body", text=body, title=title, outlet=outlet
    )


def test_exact_and_near_duplicates(tmp_path):
    pages = [
        _page(1, BODY, "Báo A"),
        _page(2, BODY.replace("Ủy", "Uỷ"), "Báo B"),  # exact after tone normalisation
        _page(3, BODY.replace("hơn 1.000 tỷ đồng", "khoảng 1.000 tỷ đồng"), "Báo C"),  # near
        _page(
            4,
            "Giá vàng trong nước hôm nay tăng mạnh theo đà của thị trường thế giới. " * 5,
            "D",
            "Giá vàng tăng",
        ),
    ]
    with Store(tmp_path / "d.db") as store:
        report = ingest([], store, Settings(errors="raise"), pages=pages)
        assert report.counts["stored"] == 2 and report.counts["duplicate"] == 2
        rows = {a["outlet"]: a for a in store.iter_articles()}
        assert rows["Báo B"]["duplicate_of"] == rows["Báo A"]["id"]
        assert rows["Báo B"]["duplicate_kind"] == "exact"
        assert rows["Báo C"]["duplicate_of"] == rows["Báo A"]["id"]
        assert rows["Báo C"]["duplicate_kind"] == "near"
        assert rows["D"]["duplicate_of"] is None
        # duplicates are not search results of their own
        hits = store.search("khoi cong cau song han")
        assert [h.article_id for h in hits] == [rows["Báo A"]["id"]]
        assert "[Đà Nẵng]" in store.search("da nang")[0].snippet


def test_snippet_maps_folded_offsets_to_original():
    original = "Hội đồng Bắc Cực họp ở Iceland"
    assert snippet(original, fold(original), ["bac", "cuc"]) == "Hội đồng [Bắc Cực] họp ở Iceland"
    # whole tokens only, like the index: "bac" is not marked inside "bacon"
    text = "Bacon và Bắc Cực"
    assert snippet(text, fold(text), ["bac"]) == "Bacon và [Bắc] Cực"
    # the window starts near the first match and ends in an ellipsis
    long = "Mở đầu. " * 40 + "Ngoại trưởng Lavrov nói. " + "Kết thúc. " * 40
    cut = snippet(long, fold(long), ["ngoai", "truong", "lavrov"], width=80)
    assert cut.startswith("…") and cut.endswith("…") and "[Ngoại trưởng Lavrov]" in cut
    assert len(cut) <= 80 + 2 + 2


def test_snippet_opens_where_the_query_words_are_together():
    text = (
        "Người đứng đầu Bộ Ngoại giao Mỹ phát biểu tại họp báo. " * 3
        + "Cuộc gặp giữa hai ngoại trưởng diễn ra lần đầu. " * 3
        + "Ngoại trưởng Mỹ Blinken gặp người đồng cấp Nga Sergei Lavrov tại Reykjavik."
        + " Kết thúc bài." * 20
    )
    cut = snippet(text, fold(text), ["ngoai", "truong", "lavrov"], width=120)
    # not the first "Ngoại" (of "Bộ Ngoại giao"), nor the first pair: all three words
    assert "[Ngoại trưởng] Mỹ Blinken" in cut and "[Lavrov]" in cut
    # with every word in several places, the query's own order wins
    text = "Lavrov, trưởng đoàn ngoại giao. " * 4 + "Ngoại trưởng Lavrov phát biểu. " * 2
    cut = snippet(text, fold(text), ["ngoai", "truong", "lavrov"], width=60)
    assert "[Ngoại trưởng Lavrov]" in cut


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["Bắc", "Cực", "Hội", "đồng", "họp", "ở", "\n", "Iceland"])),
    st.lists(st.sampled_from(["Bắc", "Cực", "Hội", "đồng", "họp", "ở", "\n", "Iceland"])),
)
# found by this test: a line break between "đồng" and "Bắc" was read as part of the phrase
@example(["Bắc", "Bắc", "Bắc", "Hội", "đồng", "\n", "Bắc", "Cực", "Bắc", "Bắc", "Bắc", "Bắc"], [])
def test_snippet_shows_the_phrase_when_the_text_has_it(before, after):
    original = " ".join([*before, "Hội đồng Bắc Cực", *after])
    cut = snippet(original, fold(original), ["hoi", "dong", "bac", "cuc"], width=60)
    # marked as one span (with any query words right beside it)
    assert any("Hội đồng Bắc Cực" in marked for marked in re.findall(r"\[([^\]]*)\]", cut))


def test_search_of_empty_query_is_empty(tmp_path):
    with Store(tmp_path / "e.db") as store:
        assert store.search("  !!! ") == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Bắc", "Cực", "bac", "ĐÀ", "Nẵng", "x_y", "5.000", "\n"]), max_size=60
    ),
    st.sampled_from(["bac", "cuc", "da", "nang", "x", "5"]),
)
def test_snippet_is_a_marked_window_of_the_original(tokens, word):
    original = " ".join(tokens)
    cut = snippet(original, fold(original), [word], width=40)
    plain = cut.replace("[", "").replace("]", "").strip("…")
    assert plain in original.replace("\n", " ")
    for marked in re.findall(r"\[([^\]]*)\]", cut):
        assert all(fold(w) == word for w in marked.split())


OTHER = [  # unrelated text, so that no two articles are near-duplicates
    "Đội tuyển bóng đá nữ giành chiến thắng ở trận mở màn giải Đông Nam Á tại Hà Nội.",
    "Mưa lớn kéo dài khiến nhiều tuyến phố ở thành phố Huế ngập sâu suốt đêm qua.",
    "Bộ Giáo dục công bố lịch thi tốt nghiệp trung học phổ thông năm nay vào tháng sáu.",
    "Sân bay Long Thành đẩy nhanh tiến độ xây dựng nhà ga hành khách và đường cất hạ cánh.",
    "Lễ hội hoa anh đào thu hút hàng nghìn du khách tới thăm công viên trung tâm Đà Lạt.",
]


def test_search_ranks_title_phrase_then_title_words_then_text_newest_first(tmp_path):
    def row(i: int, title: str, body: str) -> str:
        return json.dumps(
            {"id": f"r{i}", "title": title, "published": f"2021-05-{10 + i}T08:00", "body": body},
            ensure_ascii=False,
        )

    other = OTHER
    lines = [
        row(1, "Giá vàng hôm nay tăng mạnh", "Thị trường kim loại quý sôi động. " + other[0]),
        row(2, "Vàng trong nước: giá tăng nhẹ", "Kim loại quý ổn định. " + other[1]),
        row(3, "Thị trường chứng khoán", "Nhà đầu tư theo dõi giá vàng thế giới. " + other[2]),
        row(4, "Bất động sản", "Giá đất tăng, vàng miếng giữ nhịp. " + other[3]),
        row(5, "Giá vàng hôm qua giảm", "Thị trường kim loại quý trầm lắng. " + other[4]),
    ]
    (tmp_path / "r.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(tmp_path / "r.db") as store:
        ingest(
            [str(tmp_path / "r.jsonl")],
            store,
            Settings(db=str(tmp_path / "r.db"), min_body_chars=50),
        )
        titles = [h.title for h in store.search("gia vang", limit=10)]
        scores = [h.score for h in store.search("gia vang", limit=10)]
    assert titles == [
        "Giá vàng hôm qua giảm",  # the phrase in the title, newest first
        "Giá vàng hôm nay tăng mạnh",
        "Vàng trong nước: giá tăng nhẹ",  # both words in the title
        "Thị trường chứng khoán",  # the phrase in the text
        "Bất động sản",  # both words in the text
    ]
    assert scores == sorted(scores, reverse=True)
    with Store(tmp_path / "r.db", readonly=True) as store:
        assert [h.title for h in store.search("gia vang", limit=2, offset=2)] == titles[2:4]
        # no article has every word: any of them
        assert store.search("vang xyzzy")


def test_an_older_store_gets_its_title_index(tmp_path):
    """A store from before the title index (schema 3) is upgraded on open and its existing
    articles rank by title at once."""
    import sqlite3

    from diemtin.store.schema import MIGRATIONS

    db = tmp_path / "v3.db"
    with Store(db) as store:
        ingest([str(EXAMPLES)], store, Settings(db=str(db)))
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE articles DROP COLUMN mentions")  # what migrations 4-10 made
    conn.execute("ALTER TABLE stories DROP COLUMN dates")
    conn.execute("DROP INDEX stories_stale")
    for table in ("titles_fts", "feeds", "feed_items", "term_df_recent"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    with Store(db, readonly=True) as store:
        hits = store.search("ngoai truong nga")
        assert hits[0].title.startswith("Ngoại trưởng Nga và Mỹ") and hits[0].score == 4.0
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def _gold_rows(days: list[int | None]) -> list[str]:
    """Articles with "Giá vàng" in the title, published on those days of May 2021 (None:
    undated), each with a text of its own."""
    return [
        json.dumps(
            {
                "id": f"g{day}",
                "title": f"Giá vàng phiên {day or 'mới'}",
                "published": day and f"2021-05-{day:02d}T08:00",
                "body": f"Thị trường kim loại quý phiên {day or 'mới'}. " + OTHER[k],
            },
            ensure_ascii=False,
        )
        for k, day in enumerate(days)
    ]


def _ingest_lines(tmp_path, name: str, lines: list[str]) -> None:
    (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "g.db"
    with Store(db) as store:
        ingest([str(tmp_path / name)], store, Settings(db=str(db), min_body_chars=50))


def test_search_is_newest_first_by_publish_time_whatever_the_arrival_order(tmp_path):
    """A backfill of older pages after newer ones still lists a level's matches newest
    first by publish time; an undated page, which may be of any age, comes after them."""
    rows = _gold_rows([13, 14, 11, None, 12])
    _ingest_lines(tmp_path, "new.jsonl", rows[:2])
    _ingest_lines(tmp_path, "old.jsonl", rows[2:])
    with Store(tmp_path / "g.db", readonly=True) as store:
        hits = store.search("gia vang")
        assert [h.title for h in hits] == [
            "Giá vàng phiên 14",
            "Giá vàng phiên 13",
            "Giá vàng phiên 12",
            "Giá vàng phiên 11",
            "Giá vàng phiên mới",
        ]
        stored = {r["title"]: r["id"] for r in store.conn.execute("SELECT id, title FROM articles")}
        assert [h.article_id for h in hits] == [stored[h.title] for h in hits]
        assert list(store.ranked_ids(["gia", "vang"], 2)) == [
            hits[0].article_id,
            hits[1].article_id,
        ]
        assert "phiên 12" in hits[2].snippet


def test_an_older_store_gets_its_search_rows_keyed_by_time(tmp_path):
    """A store from before time-keyed search rows (schema 8: rowid = article id), filled
    newest first, is re-keyed on open and searches newest first at once."""
    import sqlite3

    _ingest_lines(tmp_path, "g.jsonl", _gold_rows([14, 13, 12, 11]))
    conn = sqlite3.connect(tmp_path / "g.db")
    for table, columns in (("articles_fts", "title, body"), ("titles_fts", "title")):
        conn.execute(
            f"CREATE TEMP TABLE t AS SELECT rowid & {ID_MASK} AS id, {columns} FROM {table}"
        )
        conn.execute(f"DELETE FROM {table}")
        conn.execute(f"INSERT INTO {table}(rowid, {columns}) SELECT id, {columns} FROM t")
        conn.execute("DROP TABLE t")
    conn.execute("ALTER TABLE stories DROP COLUMN dates")  # what migration 10 made
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    assert conn.execute("SELECT MAX(rowid) FROM titles_fts").fetchone()[0] == 4
    conn.close()
    with Store(tmp_path / "g.db", readonly=True) as store:
        hits = store.search("gia vang phien")
        assert [h.title for h in hits] == [f"Giá vàng phiên {d}" for d in (14, 13, 12, 11)]
        assert [h.article_id for h in hits] == [1, 2, 3, 4]
        assert all("[phiên" in h.snippet for h in hits)
        assert store.schema_version == len(MIGRATIONS)
        assert store.conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == 4


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(6000, 1, 1)),
            st.integers(min_value=1, max_value=ID_MASK),
        ),
        min_size=2,
        max_size=6,
    )
)
def test_search_keys_sort_by_minute_then_id_and_give_the_id_back(items):
    keys = [search_key(i, moment.isoformat()) for moment, i in items]
    assert [k & ID_MASK for k in keys] == [i for _, i in items]
    by_key = sorted(range(len(items)), key=keys.__getitem__)
    minute = [(m.replace(second=0, microsecond=0), i) for m, i in items]
    assert [minute[k] for k in by_key] == sorted(minute)


def test_search_key_of_odd_times():
    undated = search_key(7, None)
    assert undated == search_key(7, "not a time")
    assert undated < search_key(1, "0001-01-01T00:00")  # below every dated article
    assert search_key(7, "2021-05-15T06:45:00+07:00") == search_key(7, "2021-05-15T06:45")
    assert search_key(7, "2021-05-14T23:45:00Z") == search_key(7, "2021-05-15T06:45")
    assert search_key(7, "9999-12-31T23:59") > search_key(7, "6000-01-01T00:00")
    assert search_key(7, "0001-01-01T00:00") & ID_MASK == 7 == undated & ID_MASK
