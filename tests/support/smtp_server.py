"""A real SMTP server (aiosmtpd) on loopback for the send tests: STARTTLS or implicit TLS, AUTH
(PLAIN and LOGIN against ``users``; XOAUTH2 against ``token_check``).

It keeps every accepted message in ``received`` (and as .eml files in a directory, so a test
in another process sees them).  ``hold_after_accept`` makes the server store a message and then
wait before answering 250 — the window in which a client crash must not lead to a re-send;
``hold_in_rcpt`` stalls before DATA, where a crash must lead to exactly one later send.
"""

from __future__ import annotations

import base64
import json
import ssl
import threading
from dataclasses import dataclass
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import MISSING, AuthResult, LoginPassword

from tests.support.ports import free_port
from tests.support.tls import make_test_certificates


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes


class _Handler:
    def __init__(self, server: "SmtpServer"):
        self.server = server

    async def handle_RCPT(self, _server, _session, envelope, address, _options):  # noqa: N802 - aiosmtpd
        self.server.rcpt_seen.set()
        if self.server.hold_in_rcpt:
            self.server.release.wait(self.server.hold_in_rcpt)  # the client waits here, before any DATA
        if address.lower().startswith("nobody@"):
            return "550 5.1.1 No such user here"
        if address.lower().startswith("later@"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def auth_XOAUTH2(self, smtp, args):  # noqa: N802 - aiosmtpd's name for a mechanism
        """``AUTH XOAUTH2``: the bearer token is checked by ``server.token_check(user, token)``
        (the OAuth server's introspection); a refusal sends the JSON error challenge first."""
        if len(args) == 1:
            data = await smtp.challenge_auth("")
            if data is MISSING:
                return AuthResult(success=False)
        else:
            try:
                data = base64.b64decode(args[1], validate=True)
            except ValueError:
                return AuthResult(success=False)
        fields = dict(part.split("=", 1) for part in data.decode().split("\x01") if "=" in part)
        user, token = fields.get("user", ""), fields.get("auth", "").removeprefix("Bearer ")
        check = self.server.token_check
        if check is not None and check(user, token):
            self.server.xoauth2_logins.append(user)
            return AuthResult(success=True, auth_data=user)
        await smtp.challenge_auth(json.dumps({"status": "401", "schemes": "bearer"}).encode())
        return AuthResult(success=False)

    async def handle_DATA(self, _server, _session, envelope):  # noqa: N802 - aiosmtpd
        received = Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
        self.server.received.append(received)
        path = self.server.spool / f"{len(self.server.received):05d}.eml"
        path.write_bytes(received.content)
        if self.server.hold_after_accept:
            self.server.release.wait(self.server.hold_after_accept)  # accepted and stored; the answer is late
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self, root: Path, users: dict[str, str], mode: str = "starttls"):
        self.root = root
        self.spool = root / "spool"
        self.spool.mkdir(parents=True, exist_ok=True)
        self.ca_file, cert, key = make_test_certificates(root / "tls")
        self.users = users
        self.mode = mode
        self.token_check = None  # (user, token) -> bool: accepts AUTH XOAUTH2 when set
        self.xoauth2_logins: list[str] = []
        self.received: list[Received] = []
        self.hold_after_accept = 0.0
        self.hold_in_rcpt = 0.0
        self.rcpt_seen = threading.Event()
        self.release = threading.Event()  # ends a hold early
        self.port = free_port()
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
        # With implicit TLS the whole session is encrypted; aiosmtpd only knows STARTTLS as TLS.
        options = dict(hostname="127.0.0.1", port=self.port, authenticator=self._authenticate,
                       auth_require_tls=mode != "ssl", ready_timeout=10)
        if mode == "ssl":
            self.controller = Controller(_Handler(self), ssl_context=context, **options)
        elif mode == "plain":  # no STARTTLS at all: a client must refuse to continue
            options["auth_require_tls"] = False
            self.controller = Controller(_Handler(self), **options)
        else:
            self.controller = Controller(_Handler(self), tls_context=context, require_starttls=True, **options)

    def _authenticate(self, _server, _session, _envelope, mechanism, auth_data):
        if mechanism not in ("LOGIN", "PLAIN") or not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        user = auth_data.login.decode()
        ok = self.users.get(user) == auth_data.password.decode()
        return AuthResult(success=ok)

    def start(self) -> "SmtpServer":
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def spooled(self) -> list[bytes]:
        return [p.read_bytes() for p in sorted(self.spool.glob("*.eml"))]

