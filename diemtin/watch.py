"""``diemtin watch``: poll RSS/Atom feeds, fetch the new articles' pages and ingest them.

The state is in the store (``feeds`` and ``feed_items``), so a restart neither misses nor
re-fetches: an item is recorded as ``pending`` when a feed first lists it and becomes
``done`` once its page has gone through the ingest pipeline (``failed`` when it cannot be
had: 404, robots.txt, too large, or transient errors ``MAX_ATTEMPTS`` polls in a row). A
pending item left by an interrupted run is fetched by the next one; the ingest itself is
idempotent, so a page fetched twice across a crash is stored once. Feeds are polled with
their ``ETag`` / ``Last-Modified``, so an unchanged feed costs a 304.
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message
from typing import TYPE_CHECKING, Any

from diemtin.config import Settings
from diemtin.model import Page
from diemtin.sources.feeds import FeedItem, FeedSpec, Fetched, Fetcher, FetchError, parse_feed
from diemtin.store.sqlite import Store

if TYPE_CHECKING:  # the pipeline is imported when a round ingests
    from diemtin.pipeline import Log

MAX_ATTEMPTS = 5  # polls a transiently failing page is retried on before it is given up
ROUND_LIMIT = 500  # pages fetched per round at most (the rest wait for the next round)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class WatchReport:
    feeds: Counter[str] = field(default_factory=Counter)  # ok / unchanged / failed
    new_items: int = 0
    pages: Counter[str] = field(default_factory=Counter)  # fetched / failed / retry
    ingest: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        feeds = ", ".join(f"{k} {v}" for k, v in sorted(self.feeds.items())) or "none"
        pages = ", ".join(f"{k} {v}" for k, v in sorted(self.pages.items())) or "none"
        stored = ", ".join(f"{k} {v}" for k, v in sorted(self.ingest.items())) or "nothing"
        return f"feeds: {feeds}; new items {self.new_items}; pages: {pages}; ingest: {stored}"


class WatchState:
    """The watcher's tables in the store. Each change commits at once: it must survive a
    crash of whatever comes next."""

    def __init__(self, store: Store) -> None:
        self.conn = store.conn

    def feed(self, url: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT * FROM feeds WHERE url = ?", (url,)).fetchone()
        return dict(row) if row else None

    def feed_ok(self, url: str, title: str | None, status: int, validators: dict[str, str]):
        with self.conn:
            self.conn.execute(
                "INSERT INTO feeds(url, title, etag, last_modified, checked, status, error,"
                " failures) VALUES (?, ?, ?, ?, ?, ?, NULL, 0) ON CONFLICT(url) DO UPDATE SET"
                " title = coalesce(excluded.title, title),"
                " etag = coalesce(excluded.etag, etag),"
                " last_modified = coalesce(excluded.last_modified, last_modified),"
                " checked = excluded.checked, status = excluded.status, error = NULL,"
                " failures = 0",
                (
                    url,
                    title,
                    validators.get("etag"),
                    validators.get("last-modified"),
                    _now(),
                    status,
                ),
            )

    def feed_failed(self, url: str, status: int | None, error: str) -> None:
        with self.conn:
            self.conn.execute(
                "INSERT INTO feeds(url, checked, status, error, failures)"
                " VALUES (?, ?, ?, ?, 1) ON CONFLICT(url) DO UPDATE SET"
                " checked = excluded.checked, status = excluded.status,"
                " error = excluded.error, failures = failures + 1",
                (url, _now(), status, error[:500]),
            )

    def add_items(self, feed: str, items: list[FeedItem]) -> int:
        """Record the items not seen before; how many were new."""
        seen = _now()
        with self.conn:
            before = self.conn.total_changes
            self.conn.executemany(
                "INSERT OR IGNORE INTO feed_items(feed, key, url, title, published, seen)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(feed, i.key, i.url, i.title, i.published, seen) for i in items],
            )
            return self.conn.total_changes - before

    def pending(self, limit: int) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT * FROM feed_items WHERE state = 'pending' ORDER BY seen, rowid LIMIT ?",
            (limit,),
        )
        return [dict(r) for r in rows]

    def finish(self, item: dict[str, Any], state: str, detail: str = "") -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE feed_items SET state = ?, detail = ?, attempts = attempts + 1"
                " WHERE feed = ? AND key = ?",
                (state, detail[:500] or None, item["feed"], item["key"]),
            )

    def retry_later(self, item: dict[str, Any], detail: str) -> bool:
        """Count a transient failure; False once the item has been given up."""
        if item["attempts"] + 1 >= MAX_ATTEMPTS:
            self.finish(item, "failed", f"{detail} ({MAX_ATTEMPTS} attempts)")
            return False
        self.finish(item, "pending", detail)
        return True

    def counts(self) -> dict[str, int]:
        rows = self.conn.execute("SELECT state, COUNT(*) FROM feed_items GROUP BY state")
        return {r[0]: r[1] for r in rows}


def _charset(headers: dict[str, str]) -> str | None:
    message = Message()
    message["content-type"] = headers.get("content-type", "")
    return message.get_param("charset")  # type: ignore[return-value]


async def poll(
    specs: list[FeedSpec],
    store: Store,
    settings: Settings,
    fetcher: Fetcher,
    log: Log | None = None,
) -> WatchReport:
    """One round: poll every feed, fetch the pending pages, ingest them. ``log`` hears of
    each page that failed or waits for a retry, and what ``ingest`` logs."""
    from diemtin.pipeline import SKIPS, ingest

    def page_failed(item: dict[str, Any], error: str, again: bool = False) -> None:
        report.pages["retry" if again else "failed"] += 1
        if log is not None:
            log(SKIPS, f"page {item['url']}: {error}" + (", to retry" if again else ""))

    state = WatchState(store)
    report = WatchReport()

    async def poll_feed(spec: FeedSpec) -> None:
        known = state.feed(spec.url) or {}
        headers = {}
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        try:
            answer = await fetcher.get(spec.url, headers)
        except FetchError as exc:
            return _feed_failed(spec, None, str(exc))
        if answer.status == 304:
            state.feed_ok(spec.url, None, 304, {})
            report.feeds["unchanged"] += 1
            return None
        if answer.status >= 400:
            return _feed_failed(spec, answer.status, f"http_{answer.status}")
        parsed = parse_feed(answer.content, answer.url)
        if parsed.error:
            return _feed_failed(spec, answer.status, parsed.error)
        report.new_items += state.add_items(spec.url, parsed.items)
        state.feed_ok(spec.url, parsed.title, answer.status, answer.headers)
        report.feeds["ok"] += 1
        return None

    def _feed_failed(spec: FeedSpec, status: int | None, error: str) -> None:
        state.feed_failed(spec.url, status, error)
        report.feeds["failed"] += 1
        report.errors.append(f"{spec.url}: {error}")

    await asyncio.gather(*(poll_feed(s) for s in specs))

    outlets = {s.url: s.outlet for s in specs}

    async def fetch(item: dict[str, Any]) -> tuple[dict[str, Any], Fetched | None]:
        try:
            answer = await fetcher.get(item["url"])
        except FetchError as exc:
            if exc.final:
                state.finish(item, "failed", str(exc))
                page_failed(item, str(exc))
            else:
                page_failed(item, str(exc), again=state.retry_later(item, str(exc)))
            return item, None
        if answer.status >= 400:
            state.finish(item, "failed", f"http_{answer.status}")
            page_failed(item, f"http_{answer.status}")
            return item, None
        report.pages["fetched"] += 1
        return item, answer

    fetched = await asyncio.gather(*(fetch(i) for i in state.pending(ROUND_LIMIT)))
    pages, done = [], []
    for item, answer in fetched:
        if answer is None:
            continue
        pages.append(
            Page(
                source=item["feed"],
                locator=item["key"],
                content=answer.content,
                url=answer.url,
                charset=_charset(answer.headers),
                outlet=outlets.get(item["feed"]),
                title=item["title"],
                published=item["published"],
            )
        )
        done.append(item)
    if pages:
        result = ingest([], store, settings, pages=pages, log=log)
        report.ingest.update(result.counts)
        for item in done:
            state.finish(item, "done")
    return report


def watch(
    specs: list[FeedSpec],
    store: Store,
    settings: Settings,
    *,
    once: bool = False,
    interval: float = 300.0,
    fetcher: Callable[[], Fetcher] | None = None,
    log: Callable[[str], None] = lambda line: print(line, file=sys.stderr),
    details: Log | None = None,
) -> WatchReport:
    """Poll every ``interval`` seconds until interrupted (or one round with ``once``);
    ``log`` gets each round's summary and feed errors, ``details`` what :func:`poll` logs."""

    async def run() -> WatchReport:
        client = fetcher() if fetcher else fetcher_for(settings)
        try:
            while True:
                report = await poll(specs, store, settings, client, details)
                log(f"watch: {report.summary()}")
                for error in report.errors:
                    log(f"watch: {error}")
                if once:
                    return report
                await asyncio.sleep(interval)
        finally:
            await client.aclose()

    return asyncio.run(run())


def fetcher_for(settings: Settings) -> Fetcher:
    return Fetcher(
        user_agent=settings.user_agent,
        host_delay=settings.host_delay,
        host_connections=settings.host_connections,
        timeout=settings.fetch_timeout,
        retries=settings.fetch_retries,
        max_bytes=settings.max_bytes,
    )
