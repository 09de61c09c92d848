"""A real OAuth2 authorization server on loopback, standing in for Google or Microsoft.

* ``GET /authorize`` (HTTPS): checks the client, a loopback ``redirect_uri`` and an S256 PKCE
  challenge, then — as a person clicking "Allow" would — redirects to ``redirect_uri`` with a
  one-time code and the ``state`` (or with ``error=access_denied`` after :meth:`deny_next`).
* ``POST /token`` (HTTPS): the ``authorization_code`` grant (client, redirect URI and
  ``code_verifier`` checked) and the ``refresh_token`` grant; ``invalid_grant`` for a used or
  unknown code, a wrong verifier, and a revoked grant.
* ``POST /introspect`` (plain HTTP on its own port, for Dovecot's oauth2 passdb; RFC 7662):
  ``{"active": true, "username": ...}`` for a live access token, ``{"active": false}`` otherwise.

:meth:`revoke` ends a person's grants (refresh and access tokens), :meth:`expire_access_tokens`
makes every access token issued so far invalid, ``access_lifetime`` sets ``expires_in``.
:func:`follow_in_browser` is the browser: it GETs the authorization URL and follows the redirect
to the app's loopback listener.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.support.tls import make_test_certificates


@dataclass
class Grant:
    user: str
    client_id: str
    scope: str
    revoked: bool = False
    refresh_tokens: set[str] = field(default_factory=set)


class OAuthServer:
    def __init__(self, root: Path, clients: dict[str, str | None] | None = None, user: str = "sales"):
        self.ca_file, cert, key = make_test_certificates(root / "tls")
        self.clients = dict(clients or {"liaison-test-client": "not-so-secret"})
        self.user = user  # who is "signed in" in the browser
        self.access_lifetime = 3600
        self.rotate_refresh_tokens = False
        self.requests: list[tuple[str, str]] = []  # (endpoint, grant type or "")
        self.introspections: list[bool] = []
        self._deny = False
        self._lock = threading.Lock()
        self._codes: dict[str, dict] = {}
        self._grants: list[Grant] = []
        self._refresh: dict[str, Grant] = {}
        self._access: dict[str, tuple[Grant, float]] = {}
        self._https = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        self._https.socket = context.wrap_socket(self._https.socket, server_side=True)
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.port = self._https.server_address[1]
        self.introspection_port = self._http.server_address[1]
        self._threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in (self._https, self._http)]

    # -- addresses ------------------------------------------------------------------------
    @property
    def base(self) -> str:
        return f"https://localhost:{self.port}"

    @property
    def authorize_url(self) -> str:
        return self.base + "/authorize"

    @property
    def token_url(self) -> str:
        return self.base + "/token"

    @property
    def introspection_url(self) -> str:
        return f"http://127.0.0.1:{self.introspection_port}/introspect"

    def start(self) -> "OAuthServer":
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        for server in (self._https, self._http):
            server.shutdown()
            server.server_close()

    # -- what a test does -----------------------------------------------------------------
    def deny_next(self) -> None:
        self._deny = True

    def revoke(self, user: str | None = None) -> None:
        with self._lock:
            for grant in self._grants:
                if user is None or grant.user == user:
                    grant.revoked = True

    def expire_access_tokens(self) -> None:
        with self._lock:
            self._access = {token: (grant, 0.0) for token, (grant, _) in self._access.items()}

    def refresh_tokens_issued(self) -> set[str]:
        with self._lock:
            return set(self._refresh)

    def token_grants(self) -> list[str]:
        return [grant for endpoint, grant in self.requests if endpoint == "token"]

    def active(self, token: str) -> str | None:
        with self._lock:
            found = self._access.get(token)
            if found is None or found[0].revoked or found[1] <= time.time():
                return None
            return found[0].user

    # -- the endpoints --------------------------------------------------------------------
    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                parts = urllib.parse.urlsplit(self.path)
                if parts.path == "/authorize":
                    server._authorize(self, dict(urllib.parse.parse_qsl(parts.query)))
                else:
                    server._json(self, 404, {"error": "not_found"})

            def do_POST(self):  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                path = urllib.parse.urlsplit(self.path).path
                if path == "/token":
                    server._token(self, form)
                elif path == "/introspect":
                    server._introspect(self, form)
                else:
                    server._json(self, 404, {"error": "not_found"})

            def log_message(self, *args):
                pass

        return Handler

    @staticmethod
    def _json(request, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        request.send_header("Cache-Control", "no-store")
        request.end_headers()
        request.wfile.write(data)

    def _authorize(self, request, q: dict) -> None:
        self.requests.append(("authorize", ""))
        redirect = q.get("redirect_uri", "")
        parts = urllib.parse.urlsplit(redirect)
        if (q.get("client_id") not in self.clients or parts.scheme != "http"
                or parts.hostname not in ("127.0.0.1", "[::1]", "localhost")):
            return self._json(request, 400, {"error": "invalid_request", "error_description": "bad client/redirect"})
        if q.get("response_type") != "code" or q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
            return self._json(request, 400, {"error": "invalid_request", "error_description": "PKCE S256 required"})
        if self._deny:
            self._deny = False
            answer = {"error": "access_denied", "state": q.get("state", "")}
        else:
            code = secrets.token_urlsafe(16)
            with self._lock:
                self._codes[code] = {"client_id": q["client_id"], "redirect_uri": redirect,
                                     "challenge": q["code_challenge"], "scope": q.get("scope", ""),
                                     "user": self.user}
            answer = {"code": code, "state": q.get("state", "")}
        request.send_response(302)
        request.send_header("Location", redirect + ("&" if parts.query else "?") + urllib.parse.urlencode(answer))
        request.send_header("Content-Length", "0")
        request.end_headers()

    def _issue(self, grant: Grant, with_refresh: bool) -> dict:
        access = "at-" + secrets.token_urlsafe(24)
        self._access[access] = (grant, time.time() + self.access_lifetime)
        body = {"access_token": access, "token_type": "Bearer", "expires_in": self.access_lifetime,
                "scope": grant.scope}
        if with_refresh:
            refresh = "rt-" + secrets.token_urlsafe(24)
            self._refresh[refresh] = grant
            grant.refresh_tokens.add(refresh)
            body["refresh_token"] = refresh
        return body

    def _token(self, request, form: dict) -> None:
        grant_type = form.get("grant_type", "")
        self.requests.append(("token", grant_type))
        client_id = form.get("client_id")
        if client_id not in self.clients or (self.clients[client_id] and
                                             form.get("client_secret") != self.clients[client_id]):
            return self._json(request, 401, {"error": "invalid_client"})
        with self._lock:
            if grant_type == "authorization_code":
                pending = self._codes.pop(form.get("code", ""), None)
                verifier = form.get("code_verifier", "")
                computed = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
                if (pending is None or pending["client_id"] != client_id
                        or pending["redirect_uri"] != form.get("redirect_uri") or computed != pending["challenge"]):
                    return self._json(request, 400, {"error": "invalid_grant"})
                grant = Grant(pending["user"], client_id, pending["scope"])
                self._grants.append(grant)
                return self._json(request, 200, self._issue(grant, with_refresh=True))
            if grant_type == "refresh_token":
                grant = self._refresh.get(form.get("refresh_token", ""))
                if grant is None or grant.revoked or grant.client_id != client_id:
                    return self._json(request, 400, {"error": "invalid_grant",
                                                     "error_description": "Token has been expired or revoked."})
                if self.rotate_refresh_tokens:
                    self._refresh.pop(form["refresh_token"])
                return self._json(request, 200, self._issue(grant, with_refresh=self.rotate_refresh_tokens))
        return self._json(request, 400, {"error": "unsupported_grant_type"})

    def _introspect(self, request, form: dict) -> None:
        user = self.active(form.get("token", ""))
        self.introspections.append(user is not None)
        self._json(request, 200, {"active": True, "username": user, "scope": "mail"} if user else {"active": False})


def follow_in_browser(url: str, ca_file: str | Path) -> str:
    """What a person's browser does: open the authorization URL, be redirected to the app's
    loopback address, show its page.  Returns that page's text."""
    context = ssl.create_default_context(cafile=str(ca_file))
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context))
    try:
        with opener.open(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:  # the loopback page of a refused sign-in is still a page
        return exc.read().decode("utf-8", "replace")
