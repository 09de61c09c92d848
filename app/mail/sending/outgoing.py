"""Building an outgoing message: headers checked, Markdown as text and HTML, attachments.

The result is ``multipart/mixed`` (when there are attachments) around
``multipart/alternative``: text/plain is the Markdown source as written, text/html is it
rendered (:mod:`app.mail.sending.markdown_html`).  Images shown in the text (an attachment
with a ``content_id``, written ``![name](cid:…)`` in the Markdown) travel beside the HTML in
``multipart/related`` as inline parts with that Content-ID, as Thunderbird and Outlook send
them.  Non-ASCII display names and subjects are RFC 2047 encoded and file names RFC 2231
encoded by the standard library's SMTP policy.

Security: a CR, LF or NUL in any header value (subject, names, addresses, file names,
references) is refused before anything is built — the classic header-injection attack
smuggles a ``Bcc:`` line in through a subject or a name.  The other characters Python (and
so the email package) counts as line breaks — VT, FF, FS, GS, RS, NEL, U+2028, U+2029 — are
refused the same way in every header but the subject: there they come from text a person
pasted (a PDF, a web page, Word), so the subject is sent with a space in their place.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, getaddresses, make_msgid
from datetime import datetime, timezone

from app.errors import InvalidValue
from app.mail.sending.address_syntax import normalise_email
from app.errors import UserFacingError
from app.mail.sending.markdown_html import markdown_to_html

BIG_ATTACHMENTS_BYTES = 20 * 1024 * 1024  # most providers refuse more than 20-25 MB


# Line breaks for str.splitlines() besides CR and LF; the email package refuses them all.
_PASTED_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_REFUSED_IN_HEADERS = "\r\n\x00" + _PASTED_LINE_BREAKS
_AS_SPACE = str.maketrans(dict.fromkeys(_PASTED_LINE_BREAKS, " "))


def subject_line(subject: str) -> str:
    """A typed or pasted subject as one line: pasted line separators become spaces.

    CR, LF and NUL are left in, for :func:`check_header_value` to refuse: a subject does not
    get those by being pasted in a text field, only by being built to inject a header.
    """
    return subject.translate(_AS_SPACE)


class HeaderInjection(UserFacingError):
    """A header value contained a line break or NUL."""


@dataclass
class OutgoingAttachment:
    filename: str
    data: bytes
    content_type: str = ""
    content_id: str = ""  # set: an image shown inline in the HTML part (``src="cid:…"``), not a download

    def mime_type(self) -> tuple[str, str]:
        content_type = self.content_type or mimetypes.guess_type(self.filename)[0] or "application/octet-stream"
        main, _, sub = content_type.partition("/")
        return main, sub or "octet-stream"


@dataclass
class Outgoing:
    from_name: str
    from_addr: str
    to: list[tuple[str, str]]
    subject: str
    body: str  # Markdown
    cc: list[tuple[str, str]] = field(default_factory=list)
    bcc: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[OutgoingAttachment] = field(default_factory=list)
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)
    message_id: str | None = None
    html: str | None = None  # the HTML part when already rendered (mail merge renders once)
    # Further header fields, e.g. ``Auto-Submitted: auto-generated`` on mail a rule sends
    # (RFC 3834: the receiving side's auto-responders stay quiet, so no loop starts).
    headers: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.subject = subject_line(self.subject)  # what the outbox lists is what is sent

    @property
    def recipients(self) -> list[str]:
        return list(dict.fromkeys(addr for _name, addr in self.to + self.cc + self.bcc))

    @property
    def attachment_bytes(self) -> int:
        return sum(len(a.data) for a in self.attachments)


def check_header_value(name: str, value: str) -> None:
    if any(ch in value for ch in _REFUSED_IN_HEADERS):
        raise HeaderInjection("The {name} contains a line break or a NUL character; it was not sent.", name=name)


def parse_recipients(text: str, what: str = "recipient") -> list[tuple[str, str]]:
    """``"张伟 <zw@x.cn>, a@b.c"`` → [(name, address)], every address validated."""
    check_header_value(what, text)
    pairs = []
    for name, addr in getaddresses([text]):
        if not addr and not name:
            continue
        try:
            pairs.append((name.strip(), normalise_email(addr or name)))
        except InvalidValue as exc:
            raise UserFacingError("The {what} {address} is not valid: {exc}.", what=what, address=repr(addr or name), exc=exc) from None
    return pairs


def _address(name: str, addr: str) -> Address:
    local, _, domain = addr.rpartition("@")
    return Address(display_name=name, username=local, domain=domain)


def build_message(message: Outgoing, now: datetime | None = None) -> bytes:
    """The RFC 5322 bytes to send (Bcc is not among the headers)."""
    message.subject = subject_line(message.subject)  # also when it was set after construction
    for label, value in (("subject", message.subject), ("sender name", message.from_name),
                         ("In-Reply-To", message.in_reply_to or ""), ("References", " ".join(message.references))):
        check_header_value(label, value)
    for name, addr in [(message.from_name, message.from_addr), *message.to, *message.cc, *message.bcc]:
        check_header_value("recipient", f"{name} {addr}")
    for name, value in message.headers:
        check_header_value("header", f"{name}{value}")
    for attachment in message.attachments:
        check_header_value("attachment name", attachment.filename)
        check_header_value("Content-ID", attachment.content_id)
    if not message.recipients:
        raise UserFacingError("The message has no recipient.")
    mime = EmailMessage(policy=SMTP)
    mime["From"] = _address(message.from_name, message.from_addr)
    if message.to:
        mime["To"] = [_address(n, a) for n, a in message.to]
    if message.cc:
        mime["Cc"] = [_address(n, a) for n, a in message.cc]
    mime["Subject"] = message.subject
    mime["Date"] = format_datetime(now or datetime.now(timezone.utc))
    mime["Message-ID"] = message.message_id or make_msgid(domain=message.from_addr.rpartition("@")[2])
    if message.in_reply_to:
        mime["In-Reply-To"] = message.in_reply_to
    if message.references:
        mime["References"] = " ".join(message.references)
    for name, value in message.headers:
        mime[name] = value
    mime["MIME-Version"] = "1.0"
    mime["User-Agent"] = "Liaison"
    mime.set_content(message.body, subtype="plain", charset="utf-8", cte="quoted-printable")
    html = message.html if message.html is not None else markdown_to_html(message.body)
    mime.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    inline = [a for a in message.attachments if a.content_id]
    if inline:
        html_part = mime.get_body(("html",))  # becomes multipart/related: the HTML, then its images
        for attachment in inline:
            main, sub = attachment.mime_type()
            html_part.add_related(attachment.data, maintype=main, subtype=sub, cid=f"<{attachment.content_id}>",
                                  filename=attachment.filename, disposition="inline")
    for attachment in message.attachments:
        if attachment.content_id:
            continue
        main, sub = attachment.mime_type()
        mime.add_attachment(attachment.data, maintype=main, subtype=sub, filename=attachment.filename)
    return mime.as_bytes()
