"""Extracting what the message list needs from raw RFC 822 bytes, quickly.

Sync calls this once per message, so it avoids Python's full ``email`` parser, which costs
most of the time of a naive sync: the header block is split and unfolded by hand (bytes stay
bytes until :mod:`app.mail.reading.header_decoding` decodes them), and only messages whose top-level
type is ``multipart/*`` or a non-text leaf are walked for attachment metadata.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import getaddresses, parsedate_to_datetime

from app.mail.reading.automatic_mail import automatic_kind
from app.mail.reading.declared_charsets import declared_charsets
from app.mail.reading.header_decoding import decode_bytes, decode_header_bytes
from app.mail.reading.mime_structure import describe_leaf, header_end, walk_leaves

log = logging.getLogger("liaison.mime")

_HEADER_LINE = re.compile(rb"^([!-9;-~]+)[ \t]*:(.*)$", re.DOTALL)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
# Dates before this or more than a day in the future are broken Date headers.
_EARLIEST_PLAUSIBLE = datetime(1980, 1, 1, tzinfo=timezone.utc).timestamp()


@dataclass
class AttachmentInfo:
    part_index: int
    filename: str
    content_type: str
    size: int
    content_id: str | None
    inline: bool


@dataclass
class Envelope:
    message_id: str | None
    in_reply_to: str | None
    references: str | None
    from_name: str
    from_addr: str
    to: list[tuple[str, str]]
    cc: list[tuple[str, str]]
    reply_to: list[tuple[str, str]]
    subject: str
    date: int
    attachments: list[AttachmentInfo] = field(default_factory=list)
    auto_kind: str = ""  # "" | auto-reply | bounce (app.mail.reading.automatic_mail)

    @property
    def has_attachments(self) -> bool:
        return any(not a.inline for a in self.attachments)


def split_header_block(raw: bytes) -> dict[str, list[bytes]]:
    """Header fields by lower-cased name, values unfolded, in order of appearance."""
    end, _gap = header_end(raw)
    headers: dict[str, list[bytes]] = {}
    current_name: str | None = None
    for line in raw[:end].splitlines():
        if line[:1] in (b" ", b"\t"):
            if current_name is not None:
                headers[current_name][-1] += b" " + line.strip()
            continue
        match = _HEADER_LINE.match(line)
        if match is None:
            if current_name is not None and line.strip():
                break  # a body with no blank line before it: the header block ended
            continue
        current_name = match.group(1).decode("ascii").lower()
        headers.setdefault(current_name, []).append(match.group(2).strip())
    return headers


def _first(headers: dict[str, list[bytes]], name: str) -> bytes | None:
    values = headers.get(name)
    return values[0] if values else None


_SIMPLE_ADDRESS = re.compile(r"^\s*(?:([^<>@,]*?)\s*<([^<>\s@]+@[^<>\s@]+)>|([^<>\s@]+@[^<>\s@]+))\s*$")
_NEEDS_FULL_PARSER = re.compile(r'["()\\:;]')


def _split_simple(text: str) -> list[tuple[str, str]] | None:
    """The common shapes (a@b, Name <a@b>, lists of them) without email's slow parser."""
    if _NEEDS_FULL_PARSER.search(text):
        return None
    pairs = []
    for piece in text.split(","):
        if not piece.strip():
            continue
        match = _SIMPLE_ADDRESS.match(piece)
        if match is None:
            return None
        pairs.append((match.group(1) or "", match.group(2) or match.group(3)))
    return pairs


def _as_sent(text: str) -> bytes:
    return text.encode("ascii", "surrogateescape")


def parse_addresses(raw_value: bytes | None, hints: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(display name, lower-cased address) pairs; display names decoded.

    ``hints``: the message's declared charsets, for raw 8-bit bytes (see declared_charsets).
    """
    if not raw_value:
        return []
    # The list is split while every byte is still as sent (8-bit bytes as surrogate escapes):
    # encoded-words stay encoded, so a comma inside an encoded name cannot split an address,
    # and each name is then decoded exactly once, from its bytes.  Decoding 8-bit bytes to
    # text first and the encoded-words after would decode a name mixing both twice.
    text = raw_value.decode("ascii", "surrogateescape")
    pairs = _split_simple(text)
    if pairs is None:
        pairs = getaddresses([text])
    result = []
    for name, addr in pairs:
        addr = decode_bytes(_as_sent(addr), hints=hints).strip().strip("<>").lower()
        name = decode_header_bytes(_as_sent(name), hints).strip().strip('"').strip() if name else ""
        if not addr and not name:
            continue
        result.append((name, addr))
    return result


def _message_ids(raw_value: bytes | None) -> list[str]:
    if not raw_value:
        return []
    return _MESSAGE_ID.findall(raw_value.decode("ascii", "replace"))


def parse_date(raw_value: bytes | None, fallback: int | None) -> int:
    now = datetime.now(timezone.utc).timestamp()
    if raw_value:
        try:
            parsed = parsedate_to_datetime(raw_value.decode("ascii", "replace"))
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=timezone.utc)
            stamp = int(parsed.timestamp())
            if _EARLIEST_PLAUSIBLE <= stamp <= now + 86400:
                return stamp
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    return int(fallback if fallback is not None else now)


def _content_type(headers: dict[str, list[bytes]]) -> str:
    value = _first(headers, "content-type")
    if not value:
        return "text/plain"
    return value.split(b";", 1)[0].strip().decode("ascii", "replace").lower()


_TEXT_HEADERS = ("subject", "from", "sender", "to", "cc", "reply-to")


def _has_8bit_text(headers: dict[str, list[bytes]]) -> bool:
    """Whether a shown header carries raw 8-bit bytes (rare: only then are hints looked for)."""
    return any(not value.isascii() for name in _TEXT_HEADERS for value in headers.get(name, ()))


def parse_envelope(raw: bytes, internal_date: int | None = None,
                   headers: dict[str, list[bytes]] | None = None) -> Envelope:
    """The envelope of one message; never raises on malformed input.

    ``headers`` is ``split_header_block(raw)`` when the caller has it already (an import
    reads the header block first to skip duplicates)."""
    if headers is None:
        headers = split_header_block(raw)
    hints = declared_charsets(raw) if _has_8bit_text(headers) else ()
    senders = parse_addresses(_first(headers, "from"), hints) or parse_addresses(_first(headers, "sender"), hints)
    from_name, from_addr = senders[0] if senders else ("", "")
    ids = _message_ids(_first(headers, "message-id"))
    reply_ids = _message_ids(_first(headers, "in-reply-to"))
    references = _message_ids(_first(headers, "references"))
    subject_raw = _first(headers, "subject")
    envelope = Envelope(
        message_id=ids[0] if ids else None,
        in_reply_to=reply_ids[0] if reply_ids else None,
        references=" ".join(references) or None,
        from_name=from_name,
        from_addr=from_addr,
        to=parse_addresses(b", ".join(headers.get("to", [])), hints),
        cc=parse_addresses(b", ".join(headers.get("cc", [])), hints),
        reply_to=parse_addresses(_first(headers, "reply-to"), hints),
        subject=decode_header_bytes(subject_raw, hints) if subject_raw else "",
        date=parse_date(_first(headers, "date"), internal_date),
    )
    envelope.auto_kind = automatic_kind(headers, envelope.from_addr, envelope.subject)
    top_type = _content_type(headers)
    if top_type.startswith("multipart/") or not top_type.startswith(("text/", "message/")):
        envelope.attachments = list_attachments(raw)
    return envelope


def list_attachments(raw: bytes) -> list[AttachmentInfo]:
    """Attachment metadata from a fast MIME walk; an unparsable message has none listed."""
    found: list[AttachmentInfo] = []
    hints = functools.cache(lambda: declared_charsets(raw))
    try:
        for index, headers, body in walk_leaves(raw):
            described = describe_leaf(index, headers, body, hints)
            if described is not None:
                filename, content_type, size, content_id, inline = described
                found.append(AttachmentInfo(index, filename, content_type, size, content_id, inline))
    except (LookupError, ValueError, TypeError, AttributeError, UnicodeError) as exc:
        log.warning("could not list attachments: %s", type(exc).__name__)
    return found
