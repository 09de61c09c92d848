"""Opening an authenticated IMAP connection, and classifying what goes wrong.

Security: TLS (implicit or STARTTLS) verifies the certificate and host name by default.
Only an explicit per-account setting allows plaintext (``security="none"``) or an unverified
certificate (``tls_verify=False``).  With STARTTLS, a server that does not offer it, or a
failed upgrade, is an error: the password is never sent in clear as a fallback.

Every network call on the connection runs inside :func:`imap_errors`, which turns socket,
TLS and protocol exceptions into the taxonomy of :mod:`app.errors` at this boundary.
"""

from __future__ import annotations

import imaplib
import logging
import re
import socket
import ssl
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Protocol

from app import __version__
from app.errors import AuthError, LiaisonError, NetworkError, ServerError, TlsError
from app.mail.tls_trust import trust_context
from app.settings.guards import require_encryption

DEFAULT_TIMEOUT = 60.0
CLIENT_ID = {"name": "Liaison", "version": __version__, "vendor": "Liaison"}

log = logging.getLogger("liaison.imap")


@dataclass(frozen=True)
class ImapSettings:
    host: str
    port: int
    security: str  # ssl | starttls | none
    username: str
    tls_verify: bool = True
    ca_file: str | None = None


def imap_settings(account) -> ImapSettings:
    """Connection settings of a stored account (or of a new one being checked)."""
    return ImapSettings(host=account.imap_host, port=account.imap_port, security=account.imap_security,
                        username=account.username, tls_verify=account.tls_verify, ca_file=account.ca_file)


class Credential(Protocol):
    """How to prove who we are once connected (the seam for OAuth2 / XOAUTH2)."""

    def authenticate(self, client, username: str) -> None: ...


@dataclass(frozen=True)
class PasswordCredential:
    password: str

    def authenticate(self, client, username: str) -> None:
        client.login(username, self.password)

    def __repr__(self) -> str:  # never let a password reach a log or a traceback
        return "PasswordCredential(***)"


def tls_context(settings: ImapSettings) -> ssl.SSLContext:
    context = trust_context(settings.ca_file)  # a missing CA file is bad input, not a network fault
    if not settings.tls_verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def server_reply(exc: BaseException) -> str:
    """What the server (or the library) said, as one line of text: an error's ``reply`` parameter."""
    return _describe(exc)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    quoted_bytes = re.match(r"""^b(['"])(.*)\1$""", text, re.DOTALL)  # imaplib passes repr(bytes)
    if quoted_bytes:
        text = quoted_bytes.group(2)
    return text.splitlines()[0][:300]


@contextmanager
def imap_errors(settings: ImapSettings) -> Iterator[None]:
    """Translate what an IMAP exchange can raise into Liaison's error classes.

    Each error is a template with parameters (app.errors); what the server or the TLS
    library said is the ``reply`` parameter, never part of the sentence.
    """
    where = {"host": settings.host, "port": settings.port}
    try:
        yield
    except LiaisonError:
        raise
    except ssl.SSLCertVerificationError as exc:
        raise TlsError(
            "The certificate of {host} could not be verified ({reply}). If your company uses its "
            "own certificate authority, give Liaison that authority's certificate.",
            code="imap.tls_untrusted", reply=getattr(exc, "verify_message", None) or _describe(exc),
            **where) from None
    except ssl.SSLError as exc:
        raise TlsError(
            "A secure connection to {host}:{port} could not be set up ({reply}); check the port "
            "and the security setting (ssl, starttls).",
            code="imap.tls_failed", reply=_describe(exc), **where) from None
    except socket.gaierror:
        raise NetworkError("The server {host} was not found: check the host name and that you are online.",
                           code="imap.host_unknown", **where) from None
    except ConnectionRefusedError:
        raise NetworkError("{host}:{port} refused the connection: check the port number.",
                           code="imap.refused", **where) from None
    except (socket.timeout, TimeoutError):
        raise NetworkError("{host}:{port} did not answer in time: the network may be down.",
                           code="imap.timeout", **where) from None
    except imaplib.IMAP4.abort as exc:
        raise NetworkError("The connection to {host}:{port} was lost ({reply}).",
                           code="imap.dropped", reply=_describe(exc), **where) from None
    except OSError as exc:
        raise NetworkError("Could not talk to {host}:{port}: {reply}.",
                           code="imap.network", reply=_describe(exc), **where) from None
    except imaplib.IMAP4.error as exc:
        raise ServerError("The server {host} refused a command: {reply}",
                          code="imap.refused_command", reply=_describe(exc), **where) from None


def _login(client, settings: ImapSettings, credential: Credential) -> None:
    try:
        credential.authenticate(client, settings.username)
    except imaplib.IMAP4.abort:
        raise
    except imaplib.IMAP4.error as exc:
        raise AuthError(
            "{host} rejected the user name or password for {user} ({reply}). Some providers (QQ, "
            "163, Gmail...) need an app password or authorisation code from the mailbox's web "
            "settings instead of the web password.",
            _describe(exc), code="imap.auth", host=settings.host, user=settings.username) from None


def quiet_protocol_log(client) -> None:
    """Stop imaplib from formatting every protocol line for a debug log.

    imapclient sets imaplib's ``debug`` to 5, which makes imaplib build ``repr()`` strings of
    every command and response, whole message bodies included, before the logger drops
    them: a large share of sync time, and a line such as LOGIN would carry the password.
    """
    client._imap.debug = 0


def open_session(settings: ImapSettings, credential: Credential, timeout: float = DEFAULT_TIMEOUT):
    """Connect, secure, log in and identify; returns a ready ``IMAPClient``.

    Security "none" is refused before connecting when unencrypted mail is not allowed here
    (IT's policy), so an account added earlier cannot send its password in clear either.
    """
    from imapclient import IMAPClient

    require_encryption(settings.security, settings.host)
    with imap_errors(settings):
        if settings.security == "ssl":
            client = IMAPClient(settings.host, settings.port, ssl=True,
                                ssl_context=tls_context(settings), timeout=timeout)
        else:
            client = IMAPClient(settings.host, settings.port, ssl=False, timeout=timeout)
        quiet_protocol_log(client)
        try:
            preauthenticated = _greeted_preauthenticated(client)
            if settings.security == "starttls":
                if preauthenticated:
                    # A PREAUTH greeting on a connection that is still plaintext makes STARTTLS
                    # impossible (RFC 9051 §6.2.1): an attacker on the path can inject it to keep
                    # the session in clear (CVE-2020-12398).  Refuse rather than go on unencrypted.
                    raise TlsError(
                        "{host} answered on port {port} without asking who you are, which leaves "
                        "no way to encrypt the connection; refusing to continue.",
                        code="imap.preauth_plaintext", host=settings.host, port=settings.port)
                if not client.has_capability("STARTTLS"):
                    raise TlsError(
                        "{host} does not offer STARTTLS on port {port}; refusing to send the "
                        "password unencrypted.", code="imap.no_starttls",
                        host=settings.host, port=settings.port)
                client.starttls(tls_context(settings))
            if not preauthenticated:  # a server that vouched for us already (rsh/ssh tunnels, PREAUTH)
                _login(client, settings, credential)
            if client.has_capability("ID"):
                # 163/126/yeah.net refuse clients that do not identify ("Unsafe Login").
                client.id_(CLIENT_ID)
        except BaseException:
            close_quietly(client)
            raise
    log.info("connected to %s:%s as %s", settings.host, settings.port, settings.username)
    return client


def _greeted_preauthenticated(client) -> bool:
    """Whether the server's greeting was ``* PREAUTH``: the session is authenticated already."""
    return getattr(client._imap, "state", "NONAUTH") == "AUTH"


def close_quietly(client) -> None:
    try:
        client.logout()
    except Exception:
        try:
            client.shutdown()
        except Exception:
            pass
