"""The charsets a message declares for itself, as hints for its raw 8-bit header bytes.

Headers should be 7-bit, but Outlook, Eudora and many Chinese clients put raw 8-bit bytes in
Subject, To or a file name, in the charset they use everywhere else in the message.  So a
``charset=`` parameter or an encoded-word's charset anywhere in the message says more about
those bytes than any guess: Hunnysoft's "Fr\\xf6sche" in an iso-8859-1 message is German, not
GB18030.  Multi-byte charsets come first because a single-byte charset decodes any bytes and
so proves nothing: a GBK message that also has a latin-1 part keeps its Chinese headers.
"""

from __future__ import annotations

import re

from app.mail.reading.header_decoding import is_single_byte_codec, normalise_charset

_CHARSET_PARAM = re.compile(rb'charset\s*=\s*"?([A-Za-z0-9_.:+-]{1,40})', re.IGNORECASE)
_ENCODED_WORD_CHARSET = re.compile(rb"=\?([A-Za-z0-9_.:+-]{1,40})(?:\*[A-Za-z-]*)?\?[bBqQ]\?")
_TRIED_ANYWAY = {"utf-8", "ascii"}  # UTF-8 is tried first for every raw header
MAX_HINTS = 6


def declared_charsets(raw: bytes) -> tuple[str, ...]:
    """Codecs the message declares (body parts and encoded-words), multi-byte ones first."""
    found: list[str] = []
    for pattern in (_CHARSET_PARAM, _ENCODED_WORD_CHARSET):
        for match in pattern.finditer(raw):
            codec = normalise_charset(match.group(1).decode("ascii"))
            if codec and codec not in _TRIED_ANYWAY and codec not in found:
                found.append(codec)
    found.sort(key=is_single_byte_codec)  # stable: declaration order within each kind
    return tuple(found[:MAX_HINTS])
