"""``diemtin watch`` against feeds and pages served on 127.0.0.1 (never the internet): RSS and
Atom, conditional GET, robots.txt, redirects, 404, a page too large, a flaky page, a broken
feed and a feed that is down; politeness per host; a restart that neither misses nor
re-fetches."""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

pytest.importorskip("feedparser")
from conftest import run_cli
from diemtin.config import Settings
from diemtin.sources.feeds import FeedSpec, parse_feed, read_feeds_file
from diemtin.store.sqlite import Store
from diemtin.watch import WatchState, watch
from helpers import fake_article

RSS_ETAG = '"rss-v1"'
ATOM_MODIFIED = "Wed, 19 May 2021 10:00:00 GMT"


def article_html(title: str, seed: int) -> bytes:
    paragraphs = fake_article(random.Random(seed), paragraphs=5).split("\n")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>'
        '</head><body><nav><a href="/">Trang chủ</a></nav>'
        f"<article><h1>{title}</h1>{body}</article><footer>© Báo Thử</footer></body></html>"
    ).encode()


def rss(base: str) -> bytes:
    items = [
        ("a1", f"{base}/a1.html", "Tin thứ nhất"),
        ("a2", f"{base}/a2.html", "Tin thứ hai"),
        ("a3", f"{base}/private/a3.html", "Tin bị robots.txt chặn"),
        ("a4", f"{base}/old-a4", "Tin đã chuyển địa chỉ"),
        ("gone", f"{base}/missing.html", "Tin đã xoá"),
        ("big", f"{base}/big.html", "Trang quá lớn"),
        ("flaky", f"{base}/flaky.html", "Máy chủ tạm lỗi"),
    ]
    entries = "".join(
        f"<item><guid>{guid}</guid><link>{link}</link><title>{title}</title>"
        "<pubDate>Wed, 19 May 2021 08:00:00 +0700</pubDate></item>"
        for guid, link, title in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Báo Thử</title><link>{base}/</link>{entries}</channel></rss>"
    ).encode()


ATOM = (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
    "<title>Báo Nguyên Tử</title><id>urn:test:atom</id><updated>2021-05-19T10:00:00Z</updated>"
    '<entry><title>Tin Atom</title><id>urn:test:a5</id><link href="a5.html"/>'
    "<updated>2021-05-19T10:00:00Z</updated></entry></feed>"
).encode()


class Site:
    """The test web: routes, a log of every request, and a flaky page that fails twice."""

    def __init__(self) -> None:
        self.log: list[tuple[float, str, dict[str, str]]] = []
        self.flaky_failures = 2  # both attempts of the first round
        self.robots_down = False
        self.lock = threading.Lock()
        self.active = 0  # requests being answered now
        self.most_active = 0

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        pages = {f"/a{i}.html": article_html(f"Bài số {i} của Báo Thử", i) for i in (1, 2, 4, 5)}
        if path == "/robots.txt":
            if self.robots_down:
                return 503, {}, b"busy"
            return 200, {}, b"User-agent: *\nDisallow: /private/\n"
        if path == "/feed.rss":
            if headers.get("if-none-match") == RSS_ETAG:
                return 304, {}, b""
            return 200, {"ETag": RSS_ETAG}, rss(self.base)
        if path == "/atom.xml":
            if headers.get("if-modified-since") == ATOM_MODIFIED:
                return 304, {}, b""
            return 200, {"Last-Modified": ATOM_MODIFIED}, ATOM
        if path == "/broken.xml":
            return 200, {}, b"<rss><channel><item><title>c\xe1t"
        if path == "/down.xml":
            return 500, {}, b"down"
        if path == "/old-a4":
            return 301, {"Location": "/a4.html"}, b""
        if path == "/big.html":
            return 200, {}, b"<html><body><p>" + "chữ ".encode() * 100_000 + b"</p></body></html>"
        if path == "/flaky.html":
            with self.lock:
                if self.flaky_failures:
                    self.flaky_failures -= 1
                    return 503, {}, b"busy"
            return 200, {}, article_html("Bài của máy chủ chập chờn", 9)
        if path in pages:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, pages[path]
        return 404, {}, b"not here"

    def requests(self, path: str) -> list[dict[str, str]]:
        return [h for _, p, h in self.log if p == path]


@pytest.fixture()
def site() -> Iterator[Site]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            with state.lock:
                state.log.append((time.monotonic(), self.path, headers))
                state.active += 1
                state.most_active = max(state.most_active, state.active)
            try:
                status, extra, body = state.answer(self.path, headers)
                self.send_response(status)
                for key, value in extra.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            finally:
                with state.lock:
                    state.active -= 1

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def settings_for(db: Path) -> Settings:
    return Settings(
        db=str(db), host_delay=0.02, fetch_retries=2, fetch_timeout=5.0, max_bytes=200_000
    )


def specs(site: Site) -> list[FeedSpec]:
    return [
        FeedSpec(f"{site.base}/feed.rss", "Báo Thử"),
        FeedSpec(f"{site.base}/atom.xml"),
        FeedSpec(f"{site.base}/broken.xml"),
        FeedSpec(f"{site.base}/down.xml"),
    ]


def test_watch_fetches_politely_survives_bad_feeds_and_resumes(site: Site, tmp_path: Path):
    db = tmp_path / "w.db"
    settings = settings_for(db)
    with Store(db) as store:
        said: list[tuple[int, str]] = []
        first = watch(
            specs(site),
            store,
            settings,
            once=True,
            log=lambda _: None,
            details=lambda level, line: said.append((level, line)),
        )
        assert first.feeds == Counter(ok=2, failed=2)
        # what -v shows: each page that failed or waits, and (-vv) each article stored
        pages = sorted(line for level, line in said if level == 1)
        assert len(pages) == 4 and f"page {site.base}/missing.html: http_404" in pages
        assert sum(", to retry" in line for line in pages) == 1
        assert sum(line.startswith("stored [") for level, line in said if level == 2) == 4
        assert first.new_items == 8
        assert any("malformed feed" in e for e in first.errors)
        assert any("down.xml: http_500" in e for e in first.errors)
        assert first.pages == Counter(fetched=4, failed=3, retry=1)
        assert first.ingest["stored"] == 4
        rows = {r["url"]: r for r in store.iter_articles()}
        # the redirect is followed and the article keeps its final address
        assert f"{site.base}/a4.html" in rows and f"{site.base}/a5.html" in rows
        assert rows[f"{site.base}/a1.html"]["outlet"] == "Báo Thử"  # from the feeds file
        # the feed's "08:00:00 +0700" on Vietnam's clock (it was once stored as 01:00, UTC)
        assert rows[f"{site.base}/a1.html"]["published"] == "2021-05-19T08:00:00"
        failed = {  # by item key
            r["key"].rsplit("/", 1)[-1]: r["detail"]  # feedparser resolves guids
            for r in store.conn.execute("SELECT key, detail FROM feed_items WHERE state='failed'")
        }
        assert failed["a3"].startswith("robots_disallowed")
        assert failed["gone"] == "http_404"
        assert failed["big"].startswith("too_large")
        assert site.requests("/private/a3.html") == []  # robots.txt obeyed
        assert len(site.requests("/down.xml")) == 2  # retried once, with backoff
        agents = {h.get("user-agent") for _, _, h in site.log}
        assert agents == {settings.user_agent}

        second = watch(specs(site), store, settings, once=True, log=lambda _: None)
        assert second.feeds == Counter(unchanged=2, failed=2)  # 304s
        assert site.requests("/feed.rss")[-1].get("if-none-match") == RSS_ETAG
        assert site.requests("/atom.xml")[-1].get("if-modified-since") == ATOM_MODIFIED
        assert second.pages == Counter(fetched=1)  # only the flaky page, now up
        assert second.ingest["stored"] == 1
        for path in ("/a1.html", "/a2.html", "/a4.html", "/a5.html", "/missing.html"):
            assert len(site.requests(path)) == 1, path  # nothing fetched twice
        assert WatchState(store).counts() == {"done": 5, "failed": 3}
        assert store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 5
        assert len(site.requests("/robots.txt")) == 2  # once per host and run


def test_an_interrupted_round_is_resumed_without_loss_or_refetch(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    db = tmp_path / "r.db"
    settings = settings_for(db)
    import diemtin.pipeline

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # the user stops the watcher after the pages came in

    with Store(db) as store:
        with monkeypatch.context() as patch:
            patch.setattr(diemtin.pipeline, "ingest", crash)
            with pytest.raises(KeyboardInterrupt):
                watch(specs(site)[:1], store, settings, once=True, log=lambda _: None)
        assert WatchState(store).counts()["pending"] >= 3  # seen, not lost
        assert store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
        again = watch(specs(site)[:1], store, settings, once=True, log=lambda _: None)
        assert again.ingest["stored"] == 4  # a1, a2, a4 and the flaky page, now up
        # fetched again because it was never ingested; done now, so never again
        assert len(site.requests("/a1.html")) == 2
        third = watch(specs(site)[:1], store, settings, once=True, log=lambda _: None)
        assert third.feeds == Counter(unchanged=1) and not third.pages and not third.ingest
        assert len(site.requests("/a1.html")) == 2
        assert store.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 4


def test_an_unreachable_robots_txt_keeps_out_for_a_while_not_forever(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import asyncio

    import diemtin.sources.feeds as feeds
    from diemtin.watch import fetcher_for, poll

    monkeypatch.setattr(feeds, "ROBOTS_RETRY", 0.0)
    settings = settings_for(tmp_path / "b.db")
    site.robots_down = True

    async def two_rounds(store: Store) -> list:
        fetcher = fetcher_for(settings)  # one fetcher, as in a long-running watch
        try:
            first = await poll(specs(site)[:1], store, settings, fetcher)
            assert site.requests("/feed.rss") == []  # kept out while robots.txt is down
            site.robots_down = False
            return [first, await poll(specs(site)[:1], store, settings, fetcher)]
        finally:
            await fetcher.aclose()

    with Store(tmp_path / "b.db") as store:
        first, second = asyncio.run(two_rounds(store))
    assert first.feeds == Counter(failed=1) and "robots_unreachable" in first.errors[0]
    assert second.feeds == Counter(ok=1) and second.ingest["stored"] == 3


def test_one_host_gets_one_request_at_a_time_with_the_delay(site: Site, tmp_path: Path):
    db = tmp_path / "p.db"
    settings = replace(settings_for(db), host_delay=0.2, host_connections=1)
    with Store(db) as store:
        watch(specs(site)[:2], store, settings, once=True, log=lambda _: None)
    times = sorted(t for t, _, _ in site.log)
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(times) >= 10 and site.most_active == 1
    # The client spaces its request starts by the delay; the server sees them arrive with the
    # loopback's and its threads' jitter (12 ms seen on a busy CI machine), hence the slack.
    assert min(gaps) >= 0.15 and sum(gaps) / len(gaps) >= 0.19


def test_feed_parsing_and_the_feeds_file(tmp_path: Path):
    parsed = parse_feed(ATOM, "https://bao.example/rss/atom.xml")
    assert [i.url for i in parsed.items] == ["https://bao.example/rss/a5.html"]
    assert parsed.items[0].key == "urn:test:a5" and parsed.title == "Báo Nguyên Tử"
    assert parse_feed(b"\x00\xff junk", "https://x.example/").error
    assert parse_feed(b"", "https://x.example/").items == []
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(
        "# báo điện tử\n\nhttps://a.example/rss Báo A\nhttps://b.example/feed\n"
        "https://a.example/rss duplicate\n",
        encoding="utf-8",
    )
    assert read_feeds_file(feeds) == [
        FeedSpec("https://a.example/rss", "Báo A"),
        FeedSpec("https://b.example/feed"),
    ]
    feeds.write_text("https://ok.example/rss\nftp://bad.example/x\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"feeds\.txt:2"):
        read_feeds_file(feeds)


def test_watch_cli_once(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.base}/feed.rss Báo Thử\n{site.base}/down.xml\n", encoding="utf-8")
    db = tmp_path / "cli.db"
    monkeypatch.setenv("DIEMTIN_HOST_DELAY", "0.01")
    monkeypatch.setenv("DIEMTIN_FETCH_RETRIES", "1")
    out = run_cli("watch", str(feeds), "--db", str(db), "--once")
    assert out.returncode == 0, out.stderr
    err = out.stderr.decode()
    assert "feeds: failed 1, ok 1" in err and "stored 4" in err and "down.xml: http_500\n" in err
    listing = run_cli("export", "--db", str(db), "--what", "articles")
    urls = {json.loads(line)["url"] for line in listing.stdout.decode().splitlines()}
    assert f"{site.base}/a1.html" in urls
    missing = run_cli("watch", str(tmp_path / "nope.txt"), "--db", str(db), "--once")
    assert missing.returncode == 2 and b"cannot read the feeds file" in missing.stderr
