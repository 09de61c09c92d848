"""The file name of one MIME part, however it was sent.

One function for the sync walk (:mod:`app.mail.reading.mime_structure`) and the reader
(:mod:`app.mail.reading.message_view`), so the message list and the open message never
disagree about a name.  The forms seen in real mail: RFC 2231 (``filename*=``), RFC 2047
encoded-words inside the quoted name (not allowed, and sent by everyone), and raw 8-bit bytes
(GBK, UTF-8, or the latin-1 of old Outlook and Eudora) with no encoding at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from email.message import Message

from app.mail.reading.header_decoding import decode_bytes, decode_header_text

_RAW_NAME_PARAM = re.compile(rb'(?:^|;)\s*(?:file)?name\s*=\s*("([^"]*)"|[^;\s]+)', re.IGNORECASE)

Hints = Callable[[], Sequence[str]]


def no_hints() -> Sequence[str]:
    return ()


def raw_header_value(headers: Message, name: str) -> bytes | None:
    """A header's value exactly as sent (8-bit bytes included).

    compat32 hides undecodable bytes behind replacement characters in ``get()``; the stored
    value still carries them as surrogate escapes.
    """
    for key, value in headers._headers:
        if key.lower() == name.lower():
            return str(value).encode("utf-8", "surrogateescape")
    return None


def _raw_8bit_name(headers: Message) -> bytes | None:
    for header in ("Content-Disposition", "Content-Type"):
        value = raw_header_value(headers, header)
        if value and not value.isascii():
            match = _RAW_NAME_PARAM.search(value)
            if match:
                return match.group(2) if match.group(2) is not None else match.group(1)
    return None


def part_filename(headers: Message, hints: Hints = no_hints) -> str:
    """The decoded file name, or "".

    ``hints`` returns the message's declared charsets (see declared_charsets); it is called
    only for a raw 8-bit name, so the whole message is scanned only in that rare case.
    """
    eight_bit = _raw_8bit_name(headers)
    if eight_bit:
        return decode_bytes(eight_bit, hints=hints())
    raw = headers.get_filename() or headers.get_param("name")
    if isinstance(raw, tuple):  # RFC 2231 with a charset the email package could not apply
        charset, _language, text = raw
        return decode_bytes(text.encode("latin-1", "replace"), charset)
    if raw is None:
        return ""
    return decode_header_text(str(raw))
