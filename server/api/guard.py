"""The request guard: size and NUL checks before any route runs, a 500 for what a route did
not expect, and one log line per request.

A plain ASGI middleware, not Starlette's ``BaseHTTPMiddleware`` (``@app.middleware("http")``):
that one runs every request through an extra task and a pair of memory streams, which cost
about a tenth of the CPU of an empty pull (bench/server_bench.py, py-spy). Here the request
body, which the NUL check must read anyway, is read once and handed to the route as is.
"""

from __future__ import annotations

import json
import logging
import re
import time

log = logging.getLogger("liaison.server")

MAX_BODY = 10 * 1024 * 1024
# A JSON \u0000 escape, unless its backslash is itself escaped (an even run before it).
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


def carries_nul(path: str, query: bytes, content_type: str, body: bytes) -> bool:
    """Whether any text of the request (path, query, form or JSON body) holds U+0000, which
    PostgreSQL cannot store or even compare: refused up front, so both databases answer
    alike and no query sees it."""
    if "\x00" in path or b"%00" in query:
        return True
    if not body:
        return False
    form = content_type.lower().startswith("application/x-www-form-urlencoded")
    return b"\x00" in body or (b"%00" in body if form else bool(_JSON_NUL.search(body)))


async def _answer(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class RequestGuard:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_logged(message):
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status, response_started = message["status"], True
            await send(message)

        try:
            refusal, receive = await self._check(scope, receive)
            if refusal:
                await _answer(send_logged, *refusal)
            else:
                await self.app(scope, receive, send_logged)
        except Exception:
            log.exception("request failed", extra={"fields": {
                "method": scope["method"], "path": scope["path"]}})
            if not response_started:  # else the client sees the connection close
                await _answer(send_logged, 500, "internal error (logged on the server)")
        client = scope.get("client")
        log.info("request", extra={"fields": {
            "method": scope["method"], "path": scope["path"], "status": status,
            "ms": round((time.perf_counter() - started) * 1000, 1),
            # set by server.api.deps.current_principal (request.state is this dict)
            "user": (scope.get("state") or {}).get("user_id"),
            "client": client[0] if client else ""}})

    @staticmethod
    async def _check(scope, receive):
        """(status, detail) to refuse the request with, or None; and the receive callable
        the route reads the (already read) body from."""
        headers = dict(scope["headers"])  # names are lower case in ASGI
        length = headers.get(b"content-length", b"").decode("latin-1")
        if length and (not length.isdigit() or int(length) > MAX_BODY):
            return (413, "the request is too large"), receive
        if b"transfer-encoding" in headers and not length:
            # The NUL check reads the body: its size must be known before it is read.
            return (411, "send the body with a Content-Length"), receive
        chunks, more = [], True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return None, _replay(message, receive)
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        content_type = headers.get(b"content-type", b"").decode("latin-1")
        if carries_nul(scope["path"], scope["query_string"], content_type, body):
            return (400, "text may not contain NUL (U+0000) characters"), receive
        return None, _replay({"type": "http.request", "body": body, "more_body": False}, receive)


def _replay(first: dict, receive):
    """A receive callable that gives ``first`` once, then whatever the client sends next (its
    disconnect)."""
    pending = [first]

    async def replayed():
        return pending.pop() if pending else await receive()

    return replayed
