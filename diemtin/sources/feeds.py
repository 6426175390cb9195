"""RSS/Atom feeds: the feeds file, feed parsing (feedparser) and polite HTTP (httpx).

The fetcher is what a well-behaved crawler is: a clear User-Agent, robots.txt obeyed per
host, at most ``host_connections`` requests at once and ``host_delay`` seconds between two
requests to one host (longer when robots.txt asks for a Crawl-delay), a timeout, retries with
exponential backoff for what may pass (network errors, 429, 5xx), and a size cap read as the
body streams in. Failures come back as :class:`FetchError` with a reason, never as a crash.
"""

from __future__ import annotations

import asyncio
import calendar
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from diemtin.config import Settings

USER_AGENT = Settings().user_agent
TRANSIENT = {408, 425, 429, 500, 502, 503, 504}
REDIRECTS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
ROBOTS_TTL = 3600.0  # seconds a host's robots.txt is trusted
ROBOTS_RETRY = 300.0  # seconds before an unreachable robots.txt is tried again


def require_feeds() -> None:
    """The watcher needs the feeds extra; say which one in a line, not a traceback."""
    try:
        import feedparser  # noqa: F401
        import httpx  # noqa: F401
    except ImportError as exc:
        raise SystemExit(f"diemtin watch needs {exc.name}: pip install 'diemtin[feeds]'") from None


@dataclass(frozen=True, slots=True)
class FeedSpec:
    url: str
    outlet: str | None = None


def read_feeds_file(path: str | Path) -> list[FeedSpec]:
    """One feed a line: ``URL [outlet name]``; blank lines and ``#`` comment lines are ignored.

    A line that is not an http(s) URL is an error naming the line, so a typo is not a feed
    silently never polled."""
    specs: dict[str, FeedSpec] = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        url, _, outlet = line.partition(" ")
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ValueError(f"{path}:{number}: not an http(s) feed URL: {url!r}")
        specs.setdefault(url, FeedSpec(url, outlet.strip() or None))
    return list(specs.values())


@dataclass(frozen=True, slots=True)
class FeedItem:
    key: str  # the entry's id, else its link: what "already seen" means
    url: str
    title: str | None = None
    published: str | None = None


@dataclass(slots=True)
class ParsedFeed:
    title: str | None
    items: list[FeedItem]
    error: str | None = None  # set when nothing usable came out of the document


def parse_feed(content: bytes, base_url: str) -> ParsedFeed:
    """Entries with a link, in feed order; relative links resolved against the feed's URL.

    feedparser reads RSS 0.9x/1.0/2.0 and Atom and survives most broken XML ("bozo"); a
    document with no entries and a parse error is reported as malformed."""
    import feedparser

    parsed = feedparser.parse(content, response_headers={"content-location": base_url})
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = entry.get("link") or next(
            (x.get("href") for x in entry.get("links", []) if x.get("href")), None
        )
        if not link:
            continue
        url = urljoin(base_url, link.strip())
        if urlsplit(url).scheme not in {"http", "https"}:
            continue
        key = (entry.get("id") or url).strip()
        if key in seen:
            continue
        seen.add(key)
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        published = (
            time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(calendar.timegm(when)))
            if when
            else None
        )
        items.append(FeedItem(key, url, (entry.get("title") or "").strip() or None, published))
    title = (parsed.feed.get("title") or "").strip() or None
    error = None
    if not items and parsed.get("bozo"):
        error = f"malformed feed: {parsed.get('bozo_exception')}"[:300]
    return ParsedFeed(title, items, error)


class FetchError(Exception):
    """A fetch that did not give a usable answer; ``final`` when retrying cannot help."""

    def __init__(self, reason: str, detail: str = "", final: bool = True) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail, self.final = reason, detail, final


@dataclass(slots=True)
class Fetched:
    url: str  # after redirects
    status: int
    headers: dict[str, str]
    content: bytes


@dataclass
class _Host:
    gate: asyncio.Semaphore
    delay: float  # seconds between two requests: host_delay, or robots.txt's Crawl-delay
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    turn: asyncio.Lock = field(default_factory=asyncio.Lock)  # one request starts at a time
    next_at: float = 0.0  # the earliest start of the next request
    robots: RobotFileParser | None = None
    robots_until: float = 0.0  # when to read robots.txt again
    robots_down: bool = False  # robots.txt could not be read: keep out, and try again soon


class Fetcher:
    """Polite HTTP GETs over one ``httpx.AsyncClient``; see the module docstring."""

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        host_delay: float = 1.0,
        host_connections: int = 2,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_bytes: int = 5_000_000,
    ) -> None:
        import httpx

        self.user_agent = user_agent
        self.host_delay = host_delay
        self.host_connections = host_connections
        self.retries = max(1, retries)
        self.backoff = backoff
        self.max_bytes = max_bytes
        self.client = httpx.AsyncClient(
            headers={"User-Agent": user_agent},
            timeout=timeout,
            follow_redirects=False,  # see get()
        )
        self._hosts: dict[str, _Host] = {}

    async def aclose(self) -> None:
        await self.client.aclose()

    def _host(self, url: str) -> tuple[str, _Host]:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._hosts:
            self._hosts[origin] = _Host(asyncio.Semaphore(self.host_connections), self.host_delay)
        return origin, self._hosts[origin]

    async def _robots(self, origin: str, host: _Host) -> RobotFileParser:
        """The host's robots.txt, read again after ``ROBOTS_TTL`` (a few minutes when it
        could not be read: RFC 9309 says keep out while it is unreachable, not forever)."""
        async with host.lock:
            if host.robots is None or time.monotonic() >= host.robots_until:
                robots, down = RobotFileParser(), False
                try:
                    answer = await self._get(origin + "/robots.txt", {}, host, retries=1)
                    if answer.status >= 500:
                        down = True
                    elif answer.status < 400:
                        robots.parse(answer.content.decode("utf-8", "replace").splitlines())
                    else:  # no robots.txt: everything is allowed
                        robots.allow_all = True
                except FetchError:
                    down = True
                host.robots, host.robots_down = robots, down
                host.robots_until = time.monotonic() + (ROBOTS_RETRY if down else ROBOTS_TTL)
                delay = robots.crawl_delay(self.user_agent)
                host.delay = max(self.host_delay, float(delay or 0.0))
        return host.robots

    async def get(self, url: str, headers: dict[str, str] | None = None) -> Fetched:
        """GET ``url`` if robots.txt allows it; 4xx other than 429 are answers, not errors.

        Redirects are followed here, hop by hop, so that each hop waits its turn at its
        host and is checked against that host's robots.txt."""
        for _ in range(MAX_REDIRECTS + 1):
            origin, host = self._host(url)
            robots = await self._robots(origin, host)
            if host.robots_down:
                raise FetchError("robots_unreachable", origin + "/robots.txt", final=False)
            if not robots.can_fetch(self.user_agent, url):
                raise FetchError("robots_disallowed", url)
            answer = await self._get(url, headers or {}, host, self.retries)
            location = answer.headers.get("location")
            if answer.status not in REDIRECTS or not location:
                return answer
            url = urljoin(url, location)
            if urlsplit(url).scheme not in {"http", "https"}:
                raise FetchError("bad_redirect", url)
        raise FetchError("too_many_redirects", url)

    async def _get(self, url: str, headers: dict[str, str], host: _Host, retries: int) -> Fetched:
        import httpx

        last = FetchError("unreachable", url, final=False)
        for attempt in range(retries):
            if attempt:
                await asyncio.sleep(self.backoff * 2 ** (attempt - 1))
            async with host.gate:
                # The next start is counted from this one's real start, after the sleep: a
                # sleep that ends late (a busy event loop) must not shorten the next gap.
                async with host.turn:
                    wait = host.next_at - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    host.next_at = time.monotonic() + host.delay
                try:
                    answer = await self._read(url, headers)
                except httpx.HTTPError as exc:
                    last = FetchError("network", f"{type(exc).__name__}: {exc}", final=False)
                    continue
            if answer.status in TRANSIENT:
                last = FetchError(f"http_{answer.status}", final=False)
                continue
            return answer
        raise last

    async def _read(self, url: str, headers: dict[str, str]) -> Fetched:
        async with self.client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError("too_large", f"{declared} bytes declared")
            chunks, size = [], 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError("too_large", f"more than {self.max_bytes} bytes")
                chunks.append(chunk)
            return Fetched(
                str(response.url), response.status_code, dict(response.headers), b"".join(chunks)
            )
