"""The FastAPI application: Vietnamese pages and the JSON API over one SQLite store.

Reads go through one read-only connection per worker thread, so pages keep answering while
an ingest writes (WAL) and every query has the store's time limit. The only write is
``POST /api/ingest``, which needs ``Authorization: Bearer <DIEMTIN_TOKEN>`` and is refused
when no token is configured. Errors have one shape: ``{"error": {"status", "message"}}``
under ``/api`` and ``/healthz``, a Vietnamese error page elsewhere.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from diemtin.store.sqlite import Store, StoreError

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

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

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
