"""Serve stage: a local web app and HTTP API over a built story (FastAPI, Jinja2, uvicorn).

Input: a store (an output folder or its dateline.sqlite) holding a finished build. Output: HTML pages
(timeline, article, entity, quotes, search) and JSON routes under /api, all read from one in-memory
index built at startup; search uses the store's FTS5 tables. Binds to 127.0.0.1 unless told otherwise.
Known limit: a new build is seen only after a restart.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dateline.app import api, pages, views
from dateline.app.queries import StoryIndex
from dateline.app.search import SearchIndex
from dateline.errors import InputError
from dateline.store import STORE_NAME, Store

logger = logging.getLogger(__name__)

STATIC = Path(__file__).parent / "static"
# Pages may load only this server's CSS and script: an injected <script> or inline handler cannot run.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
     b"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Pure ASGI middleware adding SECURITY_HEADERS to every HTTP response (cheaper than BaseHTTPMiddleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def resolve_store(target: Path) -> Path:
    """The store file of ``target`` (an output folder or the file itself).

    Raises:
        InputError: when there is no store there (nothing is created).
    """
    path = target / STORE_NAME if target.is_dir() else target
    if not path.is_file():
        raise InputError(f"no dateline store at {target}: run `dateline build ... --out {target}` first")
    return path


def create_app(store_path: Path) -> FastAPI:
    """The web app over the story in ``store_path`` (loaded and indexed once, here).

    Args:
        store_path: an output folder of ``dateline build`` or its dateline.sqlite.

    Raises:
        InputError: no store at that path.
        StoreError: the store holds no finished build, or cannot be read.
    """
    path = resolve_store(store_path)
    store = Store.open(path)
    try:
        story = store.load_story()
    finally:
        store.close()
    app = FastAPI(
        title="dateline",
        summary="A dated, sourced timeline of a news story: timeline, events, articles, entities, quotes, search.",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load their assets from a CDN: the app loads nothing from the network
        redoc_url=None,
    )
    app.state.index = StoryIndex(story)
    app.state.stats = views.story_stats(app.state.index)
    app.state.search = SearchIndex(path)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_middleware(SecurityHeaders)
    logger.info("serving %s (%d articles)", path, len(story.articles))
    return app


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
    return pages.render(request, "error.html", status_code=exc.status_code, status=exc.status_code, message=exc.detail)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    # The offending input is not echoed back: it may be a payload.
    problems = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()]
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": problems}, status_code=422)
    message = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}" for e in problems)
    return pages.render(request, "error.html", status_code=422, status=422, message=message)


def serve(target: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the story in ``target`` until interrupted.

    Args:
        target: an output folder of ``dateline build`` or its dateline.sqlite.
        host: address to bind (loopback by default; give 0.0.0.0 to expose it on the network).
        port: TCP port.

    Raises:
        InputError: no store at ``target``.
        StoreError: the store holds no finished build.
    """
    import uvicorn

    app = create_app(target)
    # uvicorn's own "running on http://host:port" line tells the user where to go; requests are not logged.
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=False)


__all__ = ["create_app", "serve"]
