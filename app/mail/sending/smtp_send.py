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
    """Translate smtplib's exceptions into Liaison's classes (permanent vs. try again later)."""
    where = f"{settings.host}:{settings.port}"
    try:
        yield
    except LiaisonError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise AuthError(f"The SMTP server {settings.host} did not accept the password ({_reply_text(exc)}).",
                        _reply_text(exc)) from None
    except smtplib.SMTPRecipientsRefused as exc:
        refused = ", ".join(f"{addr} ({code} {_text(reply)})" for addr, (code, reply) in exc.recipients.items())
        raise PermanentFailure(f"The server refused the recipients: {refused}.") from None
    except smtplib.SMTPResponseException as exc:
        message = f"The server {settings.host} answered {exc.smtp_code}: {_reply_text(exc)}"
        if 500 <= exc.smtp_code < 600:
            raise PermanentFailure(message) from None
        raise ServerError(message + " (it will be tried again)") from None
    except smtplib.SMTPNotSupportedError:
        raise TlsError(f"{where} does not offer STARTTLS; the message was not sent in plaintext. "
                       "Check the port and the security setting.") from None
    except ssl.SSLCertVerificationError as exc:
        raise TlsError(f"The certificate of {settings.host} could not be verified "
                       f"({exc.verify_message or exc}).") from None
    except ssl.SSLError as exc:
        raise TlsError(f"A secure connection to {where} could not be set up ({exc}); check the port and "
                       "the security setting (ssl, starttls).") from None
    except socket.gaierror:
        raise NetworkError(f"The server {settings.host} was not found: check the host name and that you are "
                           "online.") from None
    except ConnectionRefusedError:
        raise NetworkError(f"{where} refused the connection: check the port number.") from None
    except (socket.timeout, TimeoutError):
        raise NetworkError(f"{where} did not answer in time: the network may be down.") from None
    except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError) as exc:
        raise NetworkError(f"The connection to {where} failed: {exc}.") from None
    except smtplib.SMTPException as exc:
        raise ServerError(f"The server {settings.host}: {exc}") from None


def _text(reply) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def open_smtp(settings: SmtpSettings, credential: Credential | None) -> smtplib.SMTP:
    """A logged-in SMTP connection (the caller closes it)."""
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
