"""The web reader and JSON API, through FastAPI's test client: pages, escaping of hostile
page content, the security headers, errors, paging and the guarded ingest endpoint."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient
from web_store import HOSTILE_TITLE, build_store, hostile_lines


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    from diemtin.web.app import create_app

    return TestClient(create_app(str(db)))


def _story_ids(client: TestClient) -> dict[str, int]:
    items = client.get("/api/stories").json()["items"]
    return {s["title"]: s["id"] for s in items}


def _assert_inert(page: str) -> None:
    """No script, no event handler attribute, no link that is not http(s) or our own."""
    tree = lxml_html.fromstring(page)
    assert not tree.xpath("//script"), "a script element reached the page"
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name, value)
            if name in {"href", "src", "action"}:
                if element.tag == "link" and value == "data:,":  # our empty favicon
                    continue
                assert value.startswith(("/", "http://", "https://")), (element.tag, value)


def test_front_page_ranks_the_two_outlet_story_first_and_lists_latest(client: TestClient):
    response = client.get("/")
    assert response.status_code == 200
    page = response.text
    assert '<html lang="vi">' in page
    tree = lxml_html.fromstring(page)
    first = tree.xpath("//section[@class='stories']//article[1]")[0]
    assert "Ngoại trưởng Nga và Mỹ" in first.text_content()
    assert "2 báo đưa tin" in first.text_content()
    latest = [li.text_content() for li in tree.xpath("//aside[@class='latest']//li")]
    assert len(latest) == 3  # the dated ones: a sample (the other has no time) and 2 reports
    assert len(response.content) < 100_000
    _assert_inert(page)


def test_front_page_filters_by_outlet_and_day(client: TestClient):
    only = client.get("/", params={"outlet": "Tuổi Trẻ"}).text
    assert "chợ Đồng Xuân" in only and "Blinken" not in only
    day = client.get("/", params={"day": "2021-05-15"}).text
    assert "Ngoại trưởng Nga và Mỹ" in day and "Đồng Xuân</a>" not in day
    assert client.get("/", params={"day": "15/05/2021"}).status_code == 400
    assert client.get("/", params={"day": "", "outlet": ""}).status_code == 200


def test_story_page_has_summary_timeline_entities(client: TestClient):
    story_id = next(i for t, i in _story_ids(client).items() if "Ngoại trưởng" in t)
    page = client.get(f"/story/{story_id}").text
    tree = lxml_html.fromstring(page)
    summary = tree.xpath("//p[@class='summary']")[0].text_content()
    assert "Reykjavik" in summary and "Lavrov" in summary
    timeline = tree.xpath("//ol[@class='timeline']/li")
    assert len(timeline) == 2
    entities = {a.text_content() for a in tree.xpath("//ul[@class='entities']//a")}
    for name in ["Antony Blinken", "Sergei Lavrov", "Ned Price", "Reykjavik", "Iceland"]:
        assert name in entities
    assert client.get("/entity/Sergei Lavrov").status_code == 200
    # the day the story names: Ned Price spoke "hôm thứ Sáu (14/5)"
    days = tree.xpath("//p[contains(@class, 'dates')]/time")
    assert [(t.get("datetime"), t.text_content()) for t in days] == [("2021-05-14", "14/5/2021")]
    detail = client.get(f"/api/stories/{story_id}").json()
    assert detail["dates"] == [{"day": "2021-05-14", "articles": 1}]
    _assert_inert(page)


def test_hostile_content_is_escaped_everywhere(client: TestClient):
    story_id = next(i for t, i in _story_ids(client).items() if "Đồng Xuân" in t)
    story = client.get(f"/story/{story_id}")
    article_id = next(
        a["id"]
        for a in client.get(f"/api/stories/{story_id}").json()["articles"]
        if a["title"] == HOSTILE_TITLE
    )
    pages = [
        client.get("/").text,
        story.text,
        client.get(f"/article/{article_id}").text,
        client.get("/search", params={"q": "cho dong xuan"}).text,
        client.get("/search", params={"q": "<script>alert(1)</script>"}).text,
        client.get("/outlet/" + '<b onmouseover="alert(3)">Báo Lạ</b>').text,
    ]
    for page in pages:
        _assert_inert(page)
        assert "<script>alert" not in page and "<img src=x" not in page
    article = pages[2]
    assert "&lt;script&gt;alert(" in article  # shown as text, not run
    assert "javascript:" not in article.split("<main>")[1].split('<div class="body">')[0]
    assert "Bài gốc" not in article  # the javascript: url gets no link at all


def test_security_headers(client: TestClient):
    for path in ["/", "/api/stories", "/story/1", "/nowhere"]:
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src" not in csp
        assert headers["x-content-type-options"] == "nosniff"


def test_search_without_diacritics_groups_by_story_and_highlights(client: TestClient):
    page = client.get("/search", params={"q": "ngoai truong lavrov"}).text
    tree = lxml_html.fromstring(page)
    groups = tree.xpath("//section[@class='hit-group']")
    assert len(groups) == 1  # both sample articles, one story
    assert len(groups[0].xpath(".//ul[@class='hits']/li")) == 2
    marks = [m.text_content() for m in tree.xpath("//mark")]
    assert "Ngoại trưởng" in marks and "Lavrov" in marks
    empty = client.get("/search", params={"q": "xyzzyqq"}).text
    assert "Không tìm thấy" in empty


def test_bad_ids_and_queries_are_404_or_400_never_500(client: TestClient):
    for path, status in [
        ("/story/999999", 404),
        ("/story/0", 400),
        ("/story/abc", 400),
        ("/story/99999999999999999999999", 400),
        ("/article/-1", 400),
        ("/entity/Không Ai Cả", 404),
        ("/outlet/không có", 404),
        ("/?page=0", 400),
        ("/search?q=" + "a" * 500, 400),
        ("/search?q=%22%2A%28OR", 200),  # FTS syntax in a query is text, not syntax
        ("/api/stories/999999", 404),
        ("/api/stories/abc", 400),
        ("/api/search?q=", 400),
        ("/api/stories?limit=1000", 400),
        ("/api/articles/1.5", 400),
        ("/?day=9999-12-31", 200),  # the calendar's last day has no next day
        ("/api/stories?day=9999-12-31", 200),
        ("/?day=2021-02-30", 400),
    ]:
        response = client.get(path)
        assert response.status_code == status, (path, response.status_code)
        if not path.startswith("/api"):
            assert '<html lang="vi">' in response.text
        elif status >= 400:
            assert response.json()["error"]["status"] == status


def test_api_error_shape_is_one_shape(client: TestClient):
    for response in [
        client.get("/api/stories/999999"),
        client.get("/api/stories/xyz"),
        client.post("/api/ingest", content=b"{}"),
        client.delete("/api/stories/1"),
    ]:
        body = response.json()
        assert set(body) == {"error"}
        assert set(body["error"]) == {"status", "message"}
        assert body["error"]["status"] == response.status_code >= 400


def test_api_lists_are_paginated_with_stable_ids_and_iso_times(client: TestClient):
    everything = client.get("/api/stories", params={"limit": 100}).json()["items"]
    assert len(everything) == 2
    first = client.get("/api/stories", params={"limit": 1}).json()
    second = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert first["next_offset"] == 1
    assert [first["items"][0]["id"], second["items"][0]["id"]] == [s["id"] for s in everything]
    story = client.get(f"/api/stories/{everything[0]['id']}").json()
    for item in story["articles"]:
        if item["published"]:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?.*", item["published"])
    article = client.get(f"/api/articles/{story['articles'][0]['id']}").json()
    assert article["story_id"] == story["id"] and article["body"]
    hits = client.get("/api/search", params={"q": "ngoai truong lavrov"}).json()
    assert [h["story_id"] for h in hits["items"]] == [story["id"], story["id"]]
    assert client.get("/healthz").json()["status"] == "ok"
    assert "/api/stories/{story_id}" in client.get("/openapi.json").json()["paths"]


def test_ingest_needs_the_token(db: Path, tmp_path: Path):
    import shutil

    from diemtin.web.app import create_app

    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    line = json.dumps(
        {
            "id": "new-1",
            "outlet": "VnExpress",
            "title": "Giá vàng hôm nay tăng mạnh",
            "published": "2021-05-17T07:00:00",
            "body": "Sáng nay, giá vàng SJC tại Hà Nội và TP.HCM tăng mạnh, có lúc vượt 57 triệu"
            " đồng mỗi lượng. Các doanh nghiệp kinh doanh vàng cho biết nhu cầu mua vào tăng"
            " cao sau khi giá vàng thế giới lập đỉnh mới trong tháng. Giới phân tích nhận định"
            " giá còn biến động mạnh trong những ngày tới.",
        },
        ensure_ascii=False,
    ).encode()
    closed = TestClient(create_app(str(copy)))  # no token configured: always refused
    assert (
        closed.post("/api/ingest", content=line, headers={"Authorization": "Bearer x"}).status_code
        == 403
    )
    guarded = TestClient(create_app(str(copy), token="s3cret"))
    assert guarded.post("/api/ingest", content=line).status_code == 401
    assert (
        guarded.post(
            "/api/ingest", content=line, headers={"Authorization": "Bearer nope"}
        ).status_code
        == 403
    )
    assert (
        guarded.post(
            "/api/ingest", content=line, headers={"Authorization": "Basic s3cret"}
        ).status_code
        == 401
    )
    ok = guarded.post("/api/ingest", content=line, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200, ok.text
    assert ok.json()["counts"] == {"stored": 1}
    again = guarded.post("/api/ingest", content=line, headers={"Authorization": "Bearer s3cret"})
    assert again.json()["counts"] == {"unchanged": 1}  # idempotent, as the CLI
    hits = guarded.get("/api/search", params={"q": "gia vang"}).json()["items"]
    assert [h["title"] for h in hits] == ["Giá vàng hôm nay tăng mạnh"]


def test_pages_answer_while_an_ingest_writes(db: Path, tmp_path: Path):
    """WAL: a reader is not blocked by an open write transaction."""
    import shutil

    from diemtin.store.sqlite import Store
    from diemtin.web.app import create_app

    copy = tmp_path / "busy.db"
    shutil.copy(db, copy)
    client = TestClient(create_app(str(copy)))
    with Store(copy) as writer, writer.transaction():
        writer.conn.execute("UPDATE stories SET title = 'đang ghi' WHERE id = 1")
        response = client.get("/")
        assert response.status_code == 200
        assert "đang ghi" not in response.text  # the uncommitted write is not seen
    # Committed: the page cache sees the store change and renders anew.
    assert "đang ghi" in client.get("/").text


def test_hostile_lines_are_valid_jsonl():
    assert all(json.loads(line)["body"] for line in hostile_lines())


def test_no_page_grows_past_100_kb(db: Path, tmp_path: Path):
    """A gigantic article and a story of 300 articles still give pages under 100 KB."""
    import shutil

    from diemtin.store.sqlite import Store
    from diemtin.web.app import create_app

    copy = tmp_path / "big.db"
    shutil.copy(db, copy)
    with Store(copy) as store, store.transaction():
        story = store.conn.execute("SELECT id FROM stories ORDER BY id LIMIT 1").fetchone()[0]
        huge = ("Một đoạn văn rất dài về chợ Đồng Xuân. " * 20 + "\n") * 400  # ~320,000 chars
        store.conn.execute("UPDATE articles SET body = ? WHERE id = 1", (huge,))
        for k in range(300):
            store.conn.execute(
                "INSERT INTO articles(title, body, body_hash, created, story_id, published,"
                " outlet) VALUES (?, 'x', ?, '2021', ?, '2021-05-15T07:00:00', 'Báo Mới')",
                (
                    f"Bài thứ {k} của cùng sự kiện, tiêu đề khá dài để trang nặng hơn",
                    f"h{k}",
                    story,
                ),
            )
        store.conn.execute("UPDATE stories SET size = size + 300 WHERE id = ?", (story,))
    client = TestClient(create_app(str(copy)))
    article = client.get("/article/1")
    assert article.status_code == 200 and "Bài quá dài" in article.text
    for response in [article, client.get(f"/story/{story}"), client.get("/")]:
        assert len(response.content) < 100_000, (response.url, len(response.content))
    assert "và 152 bài khác" in client.get(f"/story/{story}").text


def test_search_pages_ten_hits_at_a_time(tmp_path: Path):
    """25 matching articles: pages of 10, 10 and 5, each hit once, "Trang sau" until the last."""
    from diemtin.config import Settings
    from diemtin.pipeline import ingest
    from diemtin.store.sqlite import Store
    from diemtin.web.app import create_app
    from helpers import fake_article

    rng = random.Random(3)
    lines = [
        json.dumps(
            {
                "id": f"p{i}",
                "outlet": f"Báo {i}",
                "title": f"Bản tin {i}: phiên đấu giá",
                "published": f"2021-03-{1 + i:02d}T08:00:00",
                "body": fake_article(rng) + " Phiên đấu giá kết thúc.",
            },
            ensure_ascii=False,
        )
        for i in range(25)
    ]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "many.db"
    with Store(db) as store:
        ingest([str(tmp_path / "many.jsonl")], store, Settings(db=str(db), errors="raise"))
    client = TestClient(create_app(str(db)))
    seen: list[str] = []
    for page, expected in ((1, 10), (2, 10), (3, 5)):
        tree = lxml_html.fromstring(client.get(f"/search?q=dau+gia&page={page}").text)
        hits = tree.xpath("//ul[@class='hits']/li/a/@href")
        assert len(hits) == expected
        seen += hits
        assert bool(tree.xpath("//a[contains(., 'Trang sau')]")) == (page < 3)
        assert tree.xpath("//ul[@class='hits']//mark")  # "đấu giá" highlighted
    assert len(set(seen)) == 25


def test_front_page_pages_its_stories(db: Path, monkeypatch: pytest.MonkeyPatch):
    from diemtin.web import pages
    from diemtin.web.app import create_app

    monkeypatch.setattr(pages, "PER_PAGE", 2)
    client = TestClient(create_app(str(db)))
    titles = []
    for page in (1, 2):
        tree = lxml_html.fromstring(client.get(f"/?page={page}").text)
        titles += [a.text_content() for a in tree.xpath("//section[@class='stories']//h2/a")]
        more = tree.xpath("//nav[@class='pager']//a[contains(., 'Trang sau')]/@href")
        assert more == (["/?page=2"] if page == 1 else [])
    assert len(titles) == len(set(titles)) == len(_story_ids(client))
