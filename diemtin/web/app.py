"""The FastAPI application: Vietnamese pages and the JSON API over one SQLite store.

Reads go through one read-only connection per worker thread, so pages keep answering while
an ingest writes (WAL) and every query has the store's time limit. The only write is
``POST /api/ingest``, which needs ``Authorization: Bearer <DIEMTIN_TOKEN>`` and is refused
when no token is configured. Errors have one shape: ``{"error": {"status", "message"}}``
under ``/api`` and ``/healthz``, a Vietnamese error page elsewhere.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from diemtin.store.schema import StoreError
from diemtin.store.sqlite import Store

HERE = Path(__file__).parent
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
    " base-uri 'none'; frame-ancestors 'none'"
)
MESSAGES = {
    400: "Yêu cầu không hợp lệ",
    401: "Cần đăng nhập",
    403: "Không được phép",
    404: "Không tìm thấy trang",
    405: "Phương thức không được hỗ trợ",
    413: "Dữ liệu quá lớn",
    503: "Máy chủ đang bận, xin thử lại",
}


class PageCache:
    """Rendered GET responses by URL, kept while the store is unchanged and for at most
    ``ttl`` seconds (pages say "3 giờ trước"). A connection that never writes sees its
    ``PRAGMA data_version`` move only when another connection commits, so one cheap pragma
    a request tells whether an ingest has landed since."""

    def __init__(self, db: str, size: int = 4096, ttl: float = 30.0) -> None:
        self._store = Store(db, readonly=True)
        self._version = -1
        self._entries: OrderedDict[str, tuple[float, bytes, str]] = OrderedDict()
        self._lock = threading.Lock()
        self.size, self.ttl = size, ttl

    def get(self, key: str) -> tuple[bytes, str] | None:
        with self._lock:
            version = self._store.data_version()
            if version != self._version:
                self._entries.clear()
                self._version = version
            entry = self._entries.get(key)
            if entry is None or time.monotonic() - entry[0] > self.ttl:
                return None
            self._entries.move_to_end(key)
            return entry[1], entry[2]

    def put(self, key: str, body: bytes, media_type: str) -> None:
        with self._lock:
            self._entries[key] = (time.monotonic(), body, media_type)
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)


HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds the security headers to every response (plain ASGI: no per-request tasks)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


class CachedPages:
    """Answers a GET from :class:`PageCache` when it can; keeps the 200 answers it makes."""

    def __init__(self, app: ASGIApp, cache: PageCache) -> None:
        self.app, self.cache = app, cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] != "GET" or path.startswith("/static/"):
            await self.app(scope, receive, send)
            return
        key = path + "?" + scope.get("query_string", b"").decode("latin-1")
        hit = self.cache.get(key)
        if hit is not None:
            body, media_type = hit
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [
                        (b"content-type", media_type.encode("latin-1")),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        start: dict[str, Any] = {}
        parts: list[bytes] = []

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
                if not message.get("more_body") and start.get("status") == 200:
                    headers = dict(start.get("headers", []))
                    media_type = headers.get(b"content-type", b"text/html").decode("latin-1")
                    self.cache.put(key, b"".join(parts), media_type)
            await send(message)

        await self.app(scope, receive, keep)


class Reader:
    """Read-only store connections, one per thread (sqlite3 objects are per-thread)."""

    def __init__(self, db: str, timeout: float) -> None:
        self.db, self.timeout = db, timeout
        self._local = threading.local()

    @contextmanager
    def __call__(self) -> Iterator[Store]:
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.db, readonly=True, timeout=self.timeout)
            self._local.store = store
        yield store


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(("/api", "/healthz"))


def error_response(request: Request, status: int, message: str) -> Response:
    if _is_api(request):
        return JSONResponse({"error": {"status": status, "message": message}}, status)
    from diemtin.web.pages import render

    return render(
        request,
        "error.html",
        {"status": status, "title": MESSAGES.get(status, "Lỗi"), "message": message},
        status=status,
    )


def create_app(db: str, token: str | None = None, query_timeout: float = 2.0) -> FastAPI:
    """The reader over the store at ``db`` (created empty if missing). ``token`` enables
    ``POST /api/ingest``; without one, ingest over HTTP is refused."""
    if not Path(db).exists():
        Store(db).close()

    app = FastAPI(
        title="diemtin",
        summary="Vietnamese news stories: articles grouped into stories, with digests.",
        version="1",
        docs_url=None,
        redoc_url=None,
    )
    app.state.read = Reader(db, query_timeout)
    app.state.db = db
    app.state.token = token or None
    app.state.write_lock = threading.Lock()

    app.add_middleware(CachedPages, cache=PageCache(db))
    app.add_middleware(SecurityHeaders)  # outermost: cached answers get the headers too

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else MESSAGES.get(exc.status_code, "")
        response = error_response(request, exc.status_code, message)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in exc.errors()
        )
        return error_response(request, 400, problems or MESSAGES[400])

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error_response(request, 503, str(exc))

    from diemtin.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory`` with several workers: the settings come from the
    environment (``DIEMTIN_DB``, ``DIEMTIN_TOKEN``, ``DIEMTIN_QUERY_TIMEOUT``)."""
    import os

    from diemtin.config import load_settings

    settings = load_settings()
    return create_app(settings.db, os.environ.get("DIEMTIN_TOKEN"), settings.query_timeout)
