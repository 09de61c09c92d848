"""A fast, bounded walk of a message's MIME tree for attachment metadata.

Sync needs to know, for every message, whether it has attachments and what they are called,
without the cost of Python's ``email`` parser (which reads every body line by line: 3 ms a
message).  This walker finds boundaries with ``bytes.find`` and parses only the small header
block of each part, so its cost barely depends on attachment size.

It is deliberately forgiving: a missing closing boundary ends the part at the end of its
parent; nesting deeper than ``MAX_DEPTH`` or more than ``MAX_PARTS`` parts stops the walk
(a hostile message cannot make it slow).  The reader (fidelity issue) parses fully on display.
"""

from __future__ import annotations

import re
from email.message import Message
from email.parser import BytesHeaderParser

from app.mail.reading.part_filenames import Hints, no_hints, part_filename

MAX_DEPTH = 32
MAX_PARTS = 1000

_header_parser = BytesHeaderParser()  # compat32: lenient, and cheap to import


def header_end(entity: bytes) -> tuple[int, int]:
    """(length of the header block, length of the blank line after it).

    The separator is looked for in the entity's own line-ending style first, so the common
    case never scans a whole (possibly multi-megabyte) body for the other style.
    """
    first_newline = entity.find(b"\n")
    crlf = first_newline > 0 and entity[first_newline - 1:first_newline] == b"\r"
    styles = ((b"\r\n\r\n", 4), (b"\n\n", 2)) if crlf else ((b"\n\n", 2), (b"\r\n\r\n", 4))
    for separator, gap in styles:
        found = entity.find(separator)
        if found != -1:
            return found, gap
    return len(entity), 0


def split_entity(part: bytes) -> tuple[bytes, bytes]:
    """(header block, body) of one MIME entity."""
    if part.startswith((b"\r\n", b"\n")):
        return b"", part.lstrip(b"\r\n")
    cut, gap = header_end(part)
    return part[:cut], part[cut + gap:]


_FOLD = re.compile(r"\r?\n(?=[ \t])")


def multipart_boundary(headers: Message) -> bytes | None:
    """The boundary of a multipart entity, as bytes; None for any other entity.

    compat32 keeps the line break of a parameter folded inside its quotes
    (``boundary="foo`` / `` bar"``); unfolding removes only the line break (RFC 5322 2.2.3),
    so the boundary is ``foo bar``, as Dovecot reads it.
    """
    if headers.get_content_maintype() != "multipart":
        return None
    value = headers.get_param("boundary")
    if isinstance(value, tuple):  # RFC 2231 (charset, language, text)
        value = value[2]
    if not value:
        return None
    return _FOLD.sub("", str(value)).encode("utf-8", "surrogateescape")


def child_parts(body: bytes, boundary: bytes) -> list[bytes]:
    delimiter = b"--" + boundary
    parts = []
    position = body.find(delimiter)
    while position != -1 and len(parts) < MAX_PARTS:
        start = position + len(delimiter)
        if body[start:start + 2] == b"--":
            break  # the closing delimiter
        next_position = body.find(b"\n" + delimiter, start)
        end = next_position if next_position != -1 else len(body)
        line_end = body.find(b"\n", start)
        if line_end == -1 or line_end > end:
            break
        parts.append(body[line_end + 1:end].rstrip(b"\r"))
        position = next_position + 1 if next_position != -1 else -1
    return parts


_CONTENT_TYPE_LINE = re.compile(rb"^content-type[ \t]*:[ \t]*([^;\r\n]*)", re.IGNORECASE | re.MULTILINE)


def _quick_content_type(header_bytes: bytes) -> bytes:
    match = _CONTENT_TYPE_LINE.search(header_bytes)
    return match.group(1).strip().lower() if match else b"text/plain"


def _is_plain_body_text(header_bytes: bytes) -> bool:
    """A text/plain or text/html part with no name and no disposition: the readable body.

    Decided from the raw bytes so the common case never builds an ``email`` Message.
    """
    lowered = header_bytes.lower()
    if b"name" in lowered or b"content-disposition" in lowered:
        return False
    return _quick_content_type(header_bytes) in (b"text/plain", b"text/html")


def walk_leaves(raw: bytes):
    """Yield (index, headers, body bytes) for every leaf part that may be an attachment.

    Indexes follow ``email.message.Message.walk()`` order (containers included), so they can
    address the same part in a full parse later.  Plain body-text parts are counted, not
    yielded.
    """
    counter = 0
    stack = [(raw, 0)]
    while stack:
        entity, depth = stack.pop()
        header_bytes, body = split_entity(entity)
        index = counter
        counter += 1
        if counter > MAX_PARTS:
            return
        if depth > 0 and _is_plain_body_text(header_bytes):
            continue
        headers = _header_parser.parsebytes(header_bytes)
        boundary = multipart_boundary(headers)
        if boundary and depth < MAX_DEPTH:
            children = child_parts(body, boundary)
            stack.extend((child, depth + 1) for child in reversed(children))
            continue
        yield index, headers, body


def describe_leaf(index: int, headers: Message, body: bytes, hints: Hints = no_hints):
    """(filename, content type, decoded size estimate, content id, inline) or None for body text.

    ``hints``: the message's declared charsets, looked up only for a raw 8-bit file name.
    """
    content_type = headers.get_content_type()
    disposition = str(headers.get("Content-Disposition") or "").split(";", 1)[0].strip().lower()
    filename = part_filename(headers, hints)
    is_body_text = content_type in ("text/plain", "text/html") and not filename
    if content_type.startswith("multipart/") or (is_body_text and disposition != "attachment"):
        return None
    encoding = str(headers.get("Content-Transfer-Encoding") or "").strip().lower()
    size = len(body) * 3 // 4 if encoding == "base64" else len(body)
    content_id = str(headers.get("Content-ID") or "").strip().strip("<>") or None
    inline = disposition != "attachment" and content_id is not None
    return filename, content_type, size, content_id, inline
