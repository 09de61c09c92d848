"""The FastAPI application.

``create_app()`` builds an app over one database; ``python -m server run`` serves it with
uvicorn (any number of workers: nothing is kept in process memory between requests).
"""

from __future__ import annotations

import gc
import logging
import os
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import text

from server import SCHEMA_VERSION, __version__
from server.api.errors import answers
from server.api.guard import RequestGuard
from server.api.routes import admin, auth, automation, records, sync
from server.api.schemas import Health
from server.db.database import DATABASE_URL_ENV, Database

log = logging.getLogger("liaison.server")

# Where `python -m server run --threads N` tells its worker processes how many request
# threads to run.
THREADS_ENV = "LIAISON_SERVER_THREADS"
DEFAULT_THREADS = 4


def create_app(database_url: str | None = None) -> FastAPI:
    db = Database(database_url or os.environ[DATABASE_URL_ENV])

    @asynccontextmanager
    async def lifespan(_app):
        # Requests that touch the database run on this many threads (anyio's default is 40).
        # Python runs one at a time: more threads do not add CPU, they make each request wait
        # longer for the GIL while it holds its transaction's locks (a push holds the revision
        # lock to commit). Measured with bench/server_bench.py, 200 devices: p99 with 4
        # threads 2.8 s (push) and 1.6 s (pull), with 40 threads 4.0 and 3.0 s; 8 or 10 were
        # no better than 4.
        anyio.to_thread.current_default_thread_limiter().total_tokens = max(
            1, int(os.environ.get(THREADS_ENV) or DEFAULT_THREADS))
        # Everything made so far (modules, the app, its routes and models) lives as long as
        # the process: out of the garbage collector's sight, a full collection walks only
        # what requests made, instead of pausing a request for the whole heap (first pull of
        # 100,000 records: its slowest pages, 300 ms and more, were such pauses). Collected
        # first, so that no garbage is kept for ever.
        gc.collect()
        gc.freeze()
        yield
        db.dispose()

    app = FastAPI(title="Liaison team server", version=__version__, lifespan=lifespan,
                  description="Teams, permissions, audit and record sync for Liaison. "
                              "See docs/sync-protocol.md.")
    app.state.db = db
    for router in (auth.router, records.router, sync.router, admin.router, automation.router):
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

    app.add_middleware(RequestGuard)  # size and NUL checks, the 500 answer, the request log
    return app
