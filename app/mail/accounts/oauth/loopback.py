"""The redirect listener of a native app's sign-in (RFC 8252 §7.3): 127.0.0.1, an ephemeral port.

One :class:`LoopbackRedirect` answers one sign-in: it listens on the loopback interface only,
on a port the system picks, checks the ``state`` of the request that reaches its path, answers
that single request with a small "you can close this window" page and stops.  Other paths (a
browser's ``/favicon.ico``) get a 404 and do not end the wait.  :meth:`wait` returns the
authorization code, or raises: a wrong ``state`` (a forged or stale redirect), an error the
provider sent back (the person clicked "Cancel"), the timeout, or the caller's cancel event.

Threads: the listener serves on its own daemon thread; :meth:`wait` blocks the caller (never
the GUI thread) and :meth:`close` stops the thread and joins it.
"""

from __future__ import annotations

import html
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

from app.errors import AuthError, Cancelled, LiaisonError, UserFacingError

DEFAULT_TIMEOUT = 300.0
CALLBACK_PATH = "/"

_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Liaison</title></head>
<body style="font-family:sans-serif;margin:3em"><h2>{title}</h2><p>{text}</p></body></html>"""


class LoopbackRedirect:
    """Listens for the browser's redirect; use as a context manager or call :meth:`close`."""

    def __init__(self, state: str, path: str = CALLBACK_PATH):
        self.state = state
        self.path = path
        self._done = threading.Event()
        self._code: str | None = None
        self._error: LiaisonError | None = None
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's naming)
                listener._handle(self)

            def log_message(self, *args):  # the query holds the code: never log it
                pass

        self._server = HTTPServer(("127.0.0.1", 0), Handler)
        self._server.timeout = 0.2
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._serve, name="liaison-oauth-redirect", daemon=True)
        self._thread.start()

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"

    def _serve(self) -> None:
        while not self._done.is_set():
            self._server.handle_request()

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        if parts.path != self.path or self._done.is_set():
            self._answer(request, 404, "Not found", "")
            return
        query = {key: values[0] for key, values in parse_qs(parts.query).items()}
        if query.get("state") != self.state:
            self._error = AuthError("The browser came back from a sign-in Liaison did not start (the state "
                                    "did not match); start the sign-in again.", code="auth.oauth_state")
            self._answer(request, 400, "Sign-in not accepted",
                         "This answer does not belong to the sign-in Liaison started. Close this window "
                         "and start again from Liaison.")
        elif "error" in query:
            reply = " ".join(v for v in (query.get("error"), query.get("error_description")) if v)
            self._error = AuthError("The sign-in was not completed in the browser ({reply}).", reply,
                                    code="auth.oauth_denied")
            self._answer(request, 200, "Sign-in not completed",
                         "Liaison was not given access. You can close this window.")
        elif query.get("code"):
            self._code = query["code"]
            self._answer(request, 200, "Signed in",
                         "Liaison has been given access. You can close this window and return to Liaison.")
        else:
            self._error = AuthError("The browser came back without an authorization code; start the sign-in "
                                    "again.", code="auth.oauth_no_code")
            self._answer(request, 400, "Sign-in not completed", "No authorization code was received.")
        self._done.set()

    @staticmethod
    def _answer(request: BaseHTTPRequestHandler, status: int, title: str, text: str) -> None:
        body = _PAGE.format(title=html.escape(title), text=html.escape(text)).encode("utf-8")
        request.send_response(status)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        request.send_header("Cache-Control", "no-store")
        request.end_headers()
        request.wfile.write(body)

    def wait(self, timeout: float = DEFAULT_TIMEOUT, cancelled: threading.Event | None = None) -> str:
        """The authorization code; raises on a wrong state, a refusal, the timeout or a cancel."""
        deadline = time.monotonic() + timeout
        while not self._done.wait(0.1):
            if cancelled is not None and cancelled.is_set():
                raise Cancelled("The sign-in was cancelled.", code="auth.oauth_cancelled")
            if time.monotonic() >= deadline:
                raise UserFacingError("No answer came back from the browser within {minutes} minutes; start the "
                                      "sign-in again.", code="auth.oauth_timeout",
                                      minutes=max(1, round(timeout / 60)))
        if self._error is not None:
            raise self._error
        assert self._code is not None
        return self._code

    def close(self) -> None:
        self._done.set()
        self._thread.join(5)
        self._server.server_close()

    def __enter__(self) -> "LoopbackRedirect":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
