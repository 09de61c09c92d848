"""Talking to the team server over HTTPS (the standard library's urllib, TLS verified).

Errors are classified where they arise: unreachable → ``NetworkError`` ("offline"), refused
certificate → ``TlsError``, 401 → ``TeamSignedOut`` (the device or person was revoked, or the
session ended), 426 → update Liaison, anything else the server refuses → ``ServerError`` with
its own words. The token is passed in; it never reaches a log line.
"""

from __future__ import annotations

import json
import os
import socket
import ssl
import threading
import urllib.error
import urllib.parse
import urllib.request

import orjson

from app.errors import LiaisonError, NetworkError, ServerError, TlsError, UserFacingError
from app.mail.tls_trust import trust_context

SCHEMA_VERSION = 2  # the record schema this client speaks (docs/sync-protocol.md)
TIMEOUT_SECONDS = 30


_contexts: dict[str | None, tuple[tuple, ssl.SSLContext]] = {}
_contexts_lock = threading.Lock()


def shared_context(ca_file: str | None) -> ssl.SSLContext:
    """The TLS context for the team server, made once per CA file (and made again when the
    file changes on disk).

    Why: making a context reads the system's whole certificate store, 45 ms, which was half of
    a sync round with nothing new (every round makes a ``TeamServer``). One context serves any
    number of connections and threads; this module never changes it after making it (the mail
    code does, so :func:`trust_context` itself keeps making new ones). A CA file that is gone
    or broken is still the person's input to correct, each round: ``trust_context`` names it.
    """
    try:
        found = os.stat(ca_file) if ca_file else None
    except OSError:
        found = None  # trust_context below says what is wrong with it
    signature = (found.st_mtime_ns, found.st_size, found.st_ino) if found else ()
    with _contexts_lock:
        cached = _contexts.get(ca_file)
        if cached is not None and cached[0] == signature and (found or not ca_file):
            return cached[1]
    context = trust_context(ca_file)
    with _contexts_lock:
        _contexts[ca_file] = (signature, context)
    return context


class TeamSignedOut(LiaisonError):
    """The server no longer accepts this device: revoked, or signed out elsewhere."""

    exit_code = 3


class TeamServer:
    """One team server: its base URL, an optional CA file, the device's token."""

    def __init__(self, base_url: str, token: str | None = None, ca_file: str | None = None):
        self.base_url = base_url.rstrip("/")
        self.token = token
        # A missing or broken CA file is the person's input to correct, named as such (not a
        # network fault).
        self._context = shared_context(ca_file)

    def _request(self, method: str, path: str, *, body: bytes | None = None,
                 content_type: str = "application/json", query: dict | None = None) -> dict:
        url = self.base_url + path
        if query:
            url += "?" + urllib.parse.urlencode({k: v for k, v in query.items() if v is not None})
        headers = {"Accept": "application/json", "X-Liaison-Schema": str(SCHEMA_VERSION)}
        if body is not None:
            headers["Content-Type"] = content_type
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS,
                                        context=self._context) as response:
                payload = response.read()
        except urllib.error.HTTPError as exc:
            raise _refusal(exc) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, ssl.SSLError):
                raise TlsError("The team server's certificate could not be verified ({reason}).",
                               code="team.tls", reason=str(reason)) from None
            raise NetworkError("The team server {server} cannot be reached ({reason}).",
                               code="team.offline", server=self.base_url,
                               reason=str(reason)) from None
        except (socket.timeout, TimeoutError, ConnectionError) as exc:
            raise NetworkError("The team server {server} cannot be reached ({reason}).",
                               code="team.offline", server=self.base_url,
                               reason=str(exc) or type(exc).__name__) from None
        return decode_answer(payload) if payload else {}

    def get(self, path: str, **query) -> dict:
        return self._request("GET", path, query=query)

    def post(self, path: str, document: dict | None = None) -> dict:
        return self._request("POST", path, body=json.dumps(document or {}).encode())

    def put(self, path: str, document: dict) -> dict:
        return self._request("PUT", path, body=json.dumps(document).encode())

    def delete(self, path: str) -> dict:
        return self._request("DELETE", path)

    def sign_in(self, email: str, password: str, device_name: str) -> dict:
        form = urllib.parse.urlencode({"username": email, "password": password,
                                       "device_name": device_name}).encode()
        return self._request("POST", "/api/v1/auth/token", body=form,
                             content_type="application/x-www-form-urlencoded")


def decode_answer(payload: bytes):
    """The server's JSON answer: orjson first (a first pull of 100,000 records is 150 MB of
    JSON; the standard library takes twice as long, 7.6 against 3.4 ms for a page of 500), the standard library for what
    orjson refuses and JSON allows (a lone surrogate escape, ``"\\ud800"``, which the server
    writes for a stored one). What neither reads is not an answer (a proxy's page, a cut
    connection): said in one sentence, nothing applied."""
    try:
        return orjson.loads(payload)
    except orjson.JSONDecodeError:
        pass
    try:
        return json.loads(payload)
    except ValueError as exc:
        raise ServerError("The team server's answer could not be read ({reason}).", code="team.unreadable",
                          reason=str(exc)) from None


def _refusal(exc: urllib.error.HTTPError) -> LiaisonError:
    try:
        detail = json.loads(exc.read() or b"{}").get("detail")
    except (ValueError, AttributeError):
        detail = None
    reply = detail if isinstance(detail, str) else exc.reason
    if exc.code == 401:
        return TeamSignedOut("The team server no longer accepts this device ({reply}); sign in "
                             "again.", code="team.signed_out", reply=reply)
    if exc.code == 426:
        return UserFacingError("This Liaison is too old for the team server; update it to keep "
                               "syncing (nothing waiting is lost).", code="team.update")
    return ServerError("The team server refused: {reply}", code="team.refused", reply=reply)
