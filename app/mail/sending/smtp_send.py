"""Handing one message to the SMTP server, with TLS verified and never downgraded.

``ssl`` is implicit TLS (port 465); ``starttls`` upgrades a plain connection (port 587) and
fails — rather than continuing in plaintext — when the server does not offer STARTTLS or the
upgrade fails; ``none`` is only ever used when an account asks for it explicitly.

The send is split so the outbox can record how far it got: MAIL FROM and RCPT TO first, then
``before_data()`` (the outbox commits "phase = data"), then DATA.  A crash before DATA means
nothing was transmitted; after it, the server may have the message (see app.mail.sending.outbox).
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

from app.errors import AuthError, LiaisonError, NetworkError, ServerError, TlsError
from app.mail.imap.session import Credential, tls_context
from app.settings.guards import require_encryption

TIMEOUT_SECONDS = 60


class PermanentFailure(ServerError):
    """The server refused the message for good (unknown recipient, too big, policy)."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # ssl | starttls | none
    username: str
    tls_verify: bool = True
    ca_file: str | None = None


def smtp_settings(account) -> SmtpSettings:
    return SmtpSettings(host=account.smtp_host, port=account.smtp_port, security=account.smtp_security,
                        username=account.username, tls_verify=account.tls_verify, ca_file=account.ca_file)


def _reply_text(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return " ".join(text.split())[:300]


@contextmanager
def smtp_errors(settings: SmtpSettings) -> Iterator[None]:
    """Translate smtplib's exceptions into Liaison's classes (permanent vs. try again later).

    Each error is a template with parameters (app.errors); the server's reply is the ``reply``
    parameter (and its number ``reply_code``), never part of the sentence.  These errors are
    stored as an outbox message's reason, so each has a short code.
    """
    where = {"host": settings.host, "port": settings.port}
    try:
        yield
    except LiaisonError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise AuthError("The SMTP server {host} did not accept the password ({reply}).", _reply_text(exc),
                        code="smtp.auth", user=settings.username, **where) from None
    except smtplib.SMTPRecipientsRefused as exc:
        refused = [LiaisonError("{address} ({reply_code} {reply})", code="smtp.recipient", address=addr,
                                reply_code=code, reply=_text(reply))
                   for addr, (code, reply) in exc.recipients.items()]
        raise PermanentFailure("The server refused the recipients: {recipients}.", code="smtp.recipients_refused",
                               recipients=refused, **where) from None
    except smtplib.SMTPResponseException as exc:
        if 500 <= exc.smtp_code < 600:
            raise PermanentFailure("The server {host} answered {reply_code}: {reply}", code="smtp.refused",
                                   reply_code=exc.smtp_code, reply=_reply_text(exc), **where) from None
        raise ServerError("The server {host} answered {reply_code}: {reply} (it will be tried again)",
                          code="smtp.temporary", reply_code=exc.smtp_code, reply=_reply_text(exc),
                          **where) from None
    except smtplib.SMTPNotSupportedError:
        raise TlsError("{host}:{port} does not offer STARTTLS; the message was not sent in plaintext. "
                       "Check the port and the security setting.", code="smtp.no_starttls", **where) from None
    except ssl.SSLCertVerificationError as exc:
        raise TlsError("The certificate of {host} could not be verified ({reply}).", code="smtp.tls_untrusted",
                       reply=getattr(exc, "verify_message", None) or _plain(exc), **where) from None
    except ssl.SSLError as exc:
        raise TlsError("A secure connection to {host}:{port} could not be set up ({reply}); check the port "
                       "and the security setting (ssl, starttls).", code="smtp.tls_failed", reply=_plain(exc),
                       **where) from None
    except socket.gaierror:
        raise NetworkError("The server {host} was not found: check the host name and that you are online.",
                           code="smtp.host_unknown", **where) from None
    except ConnectionRefusedError:
        raise NetworkError("{host}:{port} refused the connection: check the port number.",
                           code="smtp.refused_connection", **where) from None
    except (socket.timeout, TimeoutError):
        raise NetworkError("{host}:{port} did not answer in time: the network may be down.", code="smtp.timeout",
                           **where) from None
    except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError) as exc:
        raise NetworkError("The connection to {host}:{port} failed: {reply}.", code="smtp.network",
                           reply=_plain(exc), **where) from None
    except smtplib.SMTPException as exc:
        raise ServerError("The server {host}: {reply}", code="smtp.error", reply=_plain(exc), **where) from None


def _plain(exc: BaseException) -> str:
    return " ".join((str(exc) or type(exc).__name__).split())[:300]


def _text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def open_smtp(settings: SmtpSettings, credential: Credential | None) -> smtplib.SMTP:
    """A logged-in SMTP connection (the caller closes it); security "none" is refused first
    when unencrypted mail is not allowed here (IT's policy)."""
    require_encryption(settings.security, settings.host)
    with smtp_errors(settings):
        if settings.security == "ssl":
            client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=TIMEOUT_SECONDS,
                                      context=tls_context(settings))
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_SECONDS)
        try:
            client.ehlo()
            if settings.security == "starttls":
                if not client.has_extn("starttls"):
                    raise smtplib.SMTPNotSupportedError("STARTTLS")
                client.starttls(context=tls_context(settings))
                client.ehlo()
            if credential is not None and client.has_extn("auth"):
                credential.authenticate(client, settings.username)
            return client
        except BaseException:
            close_quietly(client)
            raise


def send_raw(client: smtplib.SMTP, settings: SmtpSettings, envelope_from: str, recipients: list[str],
             raw: bytes, before_data: Callable[[], None] = lambda: None) -> None:
    """MAIL, RCPT for each recipient, ``before_data()``, then DATA; raises on any refusal."""
    with smtp_errors(settings):
        options = ["SMTPUTF8"] if client.has_extn("smtputf8") and not envelope_from.isascii() else []
        code, reply = client.mail(envelope_from, options)
        if code != 250:
            raise smtplib.SMTPSenderRefused(code, reply, envelope_from)
        refused = {}
        for recipient in recipients:
            code, reply = client.rcpt(recipient)
            if code not in (250, 251):
                refused[recipient] = (code, reply)
        if refused:
            client.rset()
            raise smtplib.SMTPRecipientsRefused(refused)
        before_data()
        code, reply = client.data(raw)
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)


def close_quietly(client) -> None:
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        try:
            client.close()
        except OSError:
            pass
