"""The FastAPI application.

``create_app()`` builds an app over one database; ``python -m server run`` serves it with
uvicorn (any number of workers: nothing is kept in process memory between requests).
"""

from __future__ import annotations

import logging
import os
import re
import time
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from server import SCHEMA_VERSION, __version__
from server.api.errors import answers
from server.api.routes import admin, auth, records, sync
from server.api.schemas import Health
from server.db.database import DATABASE_URL_ENV, Database

log = logging.getLogger("liaison.server")

MAX_BODY = 10 * 1024 * 1024
# A JSON \u0000 escape, unless its backslash is itself escaped (an even run before it).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


async def carries_nul(request: Request) -> bool:
    """Whether any text of the request (path, query, form or JSON body) holds U+0000, which
    PostgreSQL cannot store or even compare: refused up front, so both databases answer
    alike and no query sees it."""
    if "\x00" in request.scope["path"] or b"%00" in request.scope["query_string"]:
        return True
    body = await request.body()
    if not body:
        return False
    kind = request.headers.get("content-type", "").lower()
    form = kind.startswith("application/x-www-form-urlencoded")
    return b"\x00" in body or (b"%00" in body if form else bool(_JSON_NUL.search(body)))


def create_app(database_url: str | None = None) -> FastAPI:
    db = Database(database_url or os.environ[DATABASE_URL_ENV])

    @asynccontextmanager
    async def lifespan(_app):
        yield
        db.dispose()

    app = FastAPI(title="Liaison team server", version=__version__, lifespan=lifespan,
                  description="Teams, permissions, audit and record sync for Liaison. "
                              "See docs/sync-protocol.md.")
    app.state.db = db
    for router in (auth.router, records.router, sync.router, admin.router):
        app.include_router(router)

    @app.get("/healthz", response_model=Health, tags=["health"], responses=answers(400))
    def healthz():
        try:
            with db.read() as session:
                session.execute(text("SELECT 1"))
        except Exception:
            log.exception("health check failed")
            return JSONResponse({"detail": "the database does not answer"}, status_code=503)
        return {"status": "ok", "version": __version__, "schema_version": SCHEMA_VERSION}

    @app.middleware("http")
    async def guard_and_log(request: Request, call_next):
        started = time.perf_counter()
        length = request.headers.get("content-length")
        if length and (not length.isdigit() or int(length) > MAX_BODY):
            return JSONResponse({"detail": "the request is too large"}, status_code=413)
        if "transfer-encoding" in request.headers and not length:
            # The NUL check reads the body: its size must be known before it is read.
            return JSONResponse({"detail": "send the body with a Content-Length"}, status_code=411)
        if await carries_nul(request):
            return JSONResponse({"detail": "text may not contain NUL (U+0000) characters"},
                                status_code=400)
        try:
            response = await call_next(request)
        except Exception:
            log.exception("request failed", extra={"fields": {
                "method": request.method, "path": request.url.path}})
            response = JSONResponse({"detail": "internal error (logged on the server)"},
                                    status_code=500)
        log.info("request", extra={"fields": {
            "method": request.method, "path": request.url.path, "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1),
            "user": getattr(request.state, "user_id", None),
            "client": request.client.host if request.client else ""}})
        return response

    return app
