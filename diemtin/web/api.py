"""The JSON API: the reader's data as paginated JSON with stable integer ids and ISO
times, described by the OpenAPI document at ``/openapi.json``; and ``POST /api/ingest``,
the one write, guarded by a bearer token."""

from __future__ import annotations

import hmac
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from diemtin.web.pages import MAX_ID, day_filter

MAX_INGEST_BYTES = 50_000_000

router = APIRouter()
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0, le=100_000)]


class ErrorBody(BaseModel):
    status: int
    message: str


class ErrorOut(BaseModel):
    """Every error the API returns has this shape."""

    error: ErrorBody


ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorOut} for code in (400, 404, 503)}


class EntityOut(BaseModel):
    text: str
    type: Literal["PER", "ORG", "LOC"]
    count: int
    aliases: list[str] = []


class DayOut(BaseModel):
    day: str = Field(description="ISO date")
    articles: int = Field(description="the story's articles that name it")


class StoryOut(BaseModel):
    id: int
    title: str
    summary: str
    size: int = Field(description="articles in the story (copies not counted)")
    outlets: list[str]
    first_published: str
    last_published: str
    entities: list[EntityOut]
    dates: list[DayOut] = Field(
        default=[], description="the days its articles name, the most named first"
    )


class TimelineItem(BaseModel):
    id: int
    title: str
    outlet: str | None
    published: str | None
    url: str | None


class StoryDetail(StoryOut):
    articles: list[TimelineItem]
    related: list[int]


class ArticleOut(BaseModel):
    id: int
    title: str
    outlet: str | None
    url: str | None
    published: str | None
    author: str | None
    body: str
    captions: list[str]
    story_id: int | None
    duplicate_of: int | None


class StoryList(BaseModel):
    items: list[StoryOut]
    limit: int
    offset: int
    next_offset: int | None


class SearchHitOut(BaseModel):
    article_id: int
    story_id: int | None
    story_title: str | None = Field(description="the representative title of the story")
    story_size: int = Field(description="articles in the story")
    title: str
    outlet: str | None
    published: str | None
    url: str | None
    snippet: str = Field(description="matches wrapped in [ ]")
    score: float = Field(
        description="the match level: 4 the words as a phrase in the title, 3 all of them in"
        " the title, 2 the phrase in the text, 1 all words; between 0 and 1 when only some"
        " words match. Newest first within a level."
    )


class SearchList(BaseModel):
    query: str
    items: list[SearchHitOut]
    limit: int
    offset: int
    next_offset: int | None


class IngestOut(BaseModel):
    counts: dict[str, int]
    seconds: float


class Health(BaseModel):
    status: str
    schema_version: int


def _story(story: dict[str, Any]) -> StoryOut:
    return StoryOut.model_validate({k: story[k] for k in StoryOut.model_fields if k in story})


def _next(offset: int, limit: int, shown: int) -> int | None:
    return offset + limit if shown >= limit else None


@router.get("/healthz", response_model=Health, responses=ERRORS)
async def healthz(request: Request) -> Health:
    with request.app.state.read() as store:
        return Health(status="ok", schema_version=store.schema_version)


@router.get("/api/stories", response_model=StoryList, responses=ERRORS)
async def list_stories(
    request: Request,
    limit: Limit = 20,
    offset: Offset = 0,
    sort: Literal["top", "recent"] = "top",
    day: Annotated[
        str | None,
        Query(pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"}),
    ] = None,
    outlet: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
) -> StoryList:
    """Stories, ranked like the front page (coverage and freshness) or most recent first."""
    on = day_filter(day)
    with request.app.state.read() as store:
        if sort == "recent" and not (on or outlet):
            rows = store.stories(limit, offset)
        else:
            rows = store.top_stories(day=on, outlet=outlet, limit=limit, offset=offset)
    return StoryList(
        items=[_story(s) for s in rows],
        limit=limit,
        offset=offset,
        next_offset=_next(offset, limit, len(rows)),
    )


@router.get("/api/stories/{story_id}", response_model=StoryDetail, responses=ERRORS)
async def get_story(request: Request, story_id: Id) -> StoryDetail:
    with request.app.state.read() as store:
        story = store.story_summary(story_id)
        if story is None:
            raise HTTPException(404, f"no story {story_id}")
        timeline = store.story_timeline(story_id)
        related = [s["id"] for s in store.related_stories(story_id)]
    return StoryDetail(**_story(story).model_dump(), articles=timeline, related=related)


@router.get("/api/articles/{article_id}", response_model=ArticleOut, responses=ERRORS)
async def get_article(request: Request, article_id: Id) -> ArticleOut:
    with request.app.state.read() as store:
        article = store.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id}")
    return ArticleOut.model_validate({k: article.get(k) for k in ArticleOut.model_fields})


@router.get("/api/search", response_model=SearchList, responses=ERRORS)
async def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Limit = 20,
    offset: Offset = 0,
) -> SearchList:
    """Diacritic-insensitive search: "ngoai truong lavrov" finds "Ngoại trưởng Lavrov"."""
    with request.app.state.read() as store:
        hits = store.search(q, limit=limit, offset=offset)
    return SearchList(
        query=q,
        items=[SearchHitOut.model_validate(h, from_attributes=True) for h in hits],
        limit=limit,
        offset=offset,
        next_offset=_next(offset, limit, len(hits)),
    )


def _authorise(request: Request) -> None:
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "ingest over HTTP is disabled: set DIEMTIN_TOKEN to enable it")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not value:
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(403, "wrong token")


@router.post(
    "/api/ingest",
    response_model=IngestOut,
    responses={code: {"model": ErrorOut} for code in (400, 401, 403, 413, 503)},
    openapi_extra={
        "requestBody": {
            "required": False,
            "description": "JSONL, one article a line, as `diemtin ingest` reads it;"
            " an empty body ingests nothing",
            "content": {"application/x-ndjson": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def ingest_jsonl(request: Request) -> IngestOut:
    """Ingest JSONL through the same pipeline as the CLI (extract, deduplicate, group,
    digest). Needs ``Authorization: Bearer <DIEMTIN_TOKEN>``."""
    _authorise(request)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_INGEST_BYTES:
        raise HTTPException(413, f"body over {MAX_INGEST_BYTES} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_INGEST_BYTES:
            raise HTTPException(413, f"body over {MAX_INGEST_BYTES} bytes")
        chunks.append(chunk)
    body = b"".join(chunks)
    return await run_in_threadpool(_ingest, request.app.state, body)


def _ingest(state: Any, body: bytes) -> IngestOut:
    from diemtin.config import load_settings
    from diemtin.pipeline import ingest
    from diemtin.sources.jsonl import iter_jsonl
    from diemtin.store.sqlite import Store

    settings = load_settings(db=state.db, workers=1)
    with state.write_lock, Store(state.db) as store:  # one writer at a time
        report = ingest(["api"], store, settings, pages=iter_jsonl(body.splitlines(), "api"))
    return IngestOut(counts=dict(report.counts), seconds=round(report.seconds, 3))
