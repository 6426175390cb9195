"""The HTML pages (Vietnamese UI, server-rendered, no JavaScript): front page, story,
article, search, entity and outlet. Templates autoescape; page text never becomes markup.

Handlers are ``async`` and query the store inline: a page is a few milliseconds of CPU
under one GIL, and a thread per request only added a handoff and GIL contention (at 20
clients, uncached story pages p95 51 -> 30 ms). Every query has the store's time limit,
which bounds how long one request can hold its worker."""

from __future__ import annotations

import time
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from diemtin.vi.days import day_text
from diemtin.web import format as fmt
from diemtin.web.app import HERE

PER_PAGE = 20
# Ten hits a page, as web search engines show: each hit costs a snippet and its share of the
# page, and an uncached search is the most expensive page the reader serves.
SEARCH_PER_PAGE = 10
MAX_PAGE = 500
MAX_ID = 2**63 - 1

templates = Jinja2Templates(directory=HERE / "templates")
templates.env.auto_reload = False  # no stat() of every template on every render
templates.env.filters.update(
    ago=fmt.ago,
    clock=fmt.clock,
    day=day_text,
    safe_url=fmt.safe_url,
    path=fmt.path_part,
    highlight=fmt.highlight,
)
templates.env.globals.update(entity_types=fmt.ENTITY_TYPES)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

Id = Annotated[int, Path(ge=1, le=MAX_ID)]
PageNo = Annotated[int, Query(ge=1, le=MAX_PAGE)]
Name = Annotated[str, Path(min_length=1, max_length=200)]


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status)


def day_filter(value: str | None) -> str | None:
    """A YYYY-MM-DD filter, or None for none; anything else is a bad request."""
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(400, f"Ngày không hợp lệ: {value[:20]}") from None


OUTLETS_TTL = 60.0  # seconds; counting every article's outlet is too slow for each request


def _outlets(request: Request, store: Any) -> list[tuple[str, int]]:
    """The outlet filter's choices, recounted at most once a minute per process."""
    cached = getattr(request.app.state, "outlets", None)
    now = time.monotonic()
    if cached is None or now - cached[0] > OUTLETS_TTL:
        cached = (now, store.outlets())
        request.app.state.outlets = cached
    return cached[1]


def _pager(page: int, shown: int, per_page: int | None = None) -> dict[str, int | None]:
    per_page = per_page or PER_PAGE
    return {
        "page": page,
        "prev": page - 1 if page > 1 else None,
        "next": page + 1 if shown >= per_page and page < MAX_PAGE else None,
    }


@router.get("/")
async def front(
    request: Request,
    page: PageNo = 1,
    day: Annotated[str | None, Query(max_length=10)] = None,
    outlet: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    day, outlet = day_filter(day), outlet or None
    with request.app.state.read() as store:
        stories = store.top_stories(
            day=day, outlet=outlet, limit=PER_PAGE, offset=(page - 1) * PER_PAGE
        )
        latest = store.latest_articles(15, day=day, outlet=outlet)
        outlets = _outlets(request, store)
    return render(
        request,
        "index.html",
        {
            "stories": stories,
            "latest": latest,
            "outlets": outlets,
            "day": day or "",
            "outlet": outlet or "",
            "paging": _pager(page, len(stories)),
        },
    )


@router.get("/story/{story_id}")
async def story_page(request: Request, story_id: Id) -> Response:
    with request.app.state.read() as store:
        story = store.story_summary(story_id)
        if story is None:
            raise HTTPException(404, f"Không có sự kiện số {story_id}")
        timeline = store.story_timeline(story_id)
        related = store.related_stories(story_id)
    for other in related:
        other["when"] = (
            "Trước đó" if other["first_published"] < story["first_published"] else "Sau đó"
        )
    return render(request, "story.html", {"story": story, "timeline": timeline, "related": related})


@router.get("/article/{article_id}")
async def article_page(request: Request, article_id: Id) -> Response:
    with request.app.state.read() as store:
        article = store.article(article_id)
        if article is None:
            raise HTTPException(404, f"Không có bài số {article_id}")
        story_id = article["story_id"]
        same = (
            [a for a in store.story_timeline(story_id, 50) if a["id"] != article_id]
            if story_id
            else []
        )
        story = store.story_summary(story_id) if story_id else None
    text, cut = fmt.paragraphs(article["body"])
    return render(
        request,
        "article.html",
        {"article": article, "paragraphs": text, "cut": cut, "same": same, "story": story},
    )


@router.get("/search")
async def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=200)] = "",
    page: PageNo = 1,
) -> Response:
    groups: list[dict[str, Any]] = []
    hits = []
    if q.strip():
        with request.app.state.read() as store:
            hits = store.search(
                q,
                limit=SEARCH_PER_PAGE,
                offset=(page - 1) * SEARCH_PER_PAGE,
                marks=("\x02", "\x03"),
            )
        by_story: dict[Any, dict[str, Any]] = {}
        for hit in hits:
            key = hit.story_id or f"a{hit.article_id}"
            if key not in by_story:
                story = (
                    {"id": hit.story_id, "title": hit.story_title, "size": hit.story_size}
                    if hit.story_id
                    else None
                )
                by_story[key] = {"story": story, "hits": []}
                groups.append(by_story[key])
            by_story[key]["hits"].append(hit)
    return render(
        request,
        "search.html",
        {"q": q, "groups": groups, "paging": _pager(page, len(hits), SEARCH_PER_PAGE)},
    )


def _listing(
    request: Request,
    template: str,
    stories: list[dict[str, Any]],
    days: list[tuple[str, int]],
    page: int,
    **context: Any,
) -> Response:
    """An entity's or an outlet's page: its stories over time and a daily chart."""
    return render(
        request,
        template,
        context
        | {
            "stories": stories,
            "chart": fmt.daily_chart(days),
            "paging": _pager(page, len(stories)),
        },
    )


@router.get("/entity/{name:path}")
async def entity_page(request: Request, name: Name, page: PageNo = 1) -> Response:
    with request.app.state.read() as store:
        stories = store.entity_stories(name, PER_PAGE, (page - 1) * PER_PAGE)
        days = store.entity_daily(name) if stories else []
    if not stories and page == 1:
        raise HTTPException(404, f"Không có sự kiện nào nhắc đến “{name}”")
    first = stories[0] if stories else {}
    return _listing(
        request,
        "entity.html",
        stories,
        days,
        page,
        name=first.get("entity_name", name),
        type=first.get("entity_type", ""),
    )


@router.get("/outlet/{name:path}")
async def outlet_page(request: Request, name: Name, page: PageNo = 1) -> Response:
    with request.app.state.read() as store:
        stories = store.outlet_stories(name, PER_PAGE, (page - 1) * PER_PAGE)
        days = store.outlet_daily(name) if stories else []
    if not stories and page == 1:
        raise HTTPException(404, f"Không có báo “{name}” trong kho")
    return _listing(request, "outlet.html", stories, days, page, name=name)
