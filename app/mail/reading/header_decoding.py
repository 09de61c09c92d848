"""Turning raw header bytes into the Unicode a person should see.

Real-world mail is sloppy, above all in the Chinese-speaking world this client is built for:

* RFC 2047 encoded-words, often malformed (missing padding, spaces inside, a multibyte
  character split across two adjacent words), and adjacent words must be joined without the
  whitespace between them;
* raw 8-bit header bytes with no encoding at all (UTF-8, or GBK from older clients);
* charset labels that lie: ``gb2312`` and ``gbk`` labels routinely carry GB18030-only
  characters, so every GB label is decoded as GB18030 (its superset); ``ks_c_5601-1987`` is
  really CP949; unknown labels are guessed.

Nothing here raises on bad input: the worst case is a replacement character.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
from collections.abc import Sequence
from functools import lru_cache

# Labels whose real-world content is a superset codec.
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "x-euc-cn": "gb18030",
    "chinese": "gb18030",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601": "cp949",
    "euc-kr": "cp949",
    "big5": "big5hkscs",
    "x-big5": "big5hkscs",
    "shift_jis": "cp932",
    "x-sjis": "cp932",
    "sjis": "cp932",
    "iso-8859-1": "cp1252",  # browsers do the same: C1 bytes are almost always cp1252
    "us-ascii": "utf-8",  # mislabelled 8-bit text is far more often UTF-8 than anything else
    "ascii": "utf-8",
    "unknown-8bit": "utf-8",
    "x-unknown": "utf-8",
    "utf8": "utf-8",
}

# Tried in order for raw 8-bit bytes and unknown labels.
_FALLBACK_CODECS = ("utf-8", "gb18030", "big5hkscs", "cp1252")

_ENCODED_WORD = re.compile(
    rb"=\?(?P<charset>[^?\s]+)\?(?P<encoding>[bBqQ])\?(?P<text>[^?]*?)\?=", re.ASCII
)
_WHITESPACE_ONLY = re.compile(rb"^[ \t\r\n]*$")


def normalise_charset(label: str | None) -> str | None:
    """Map a declared charset label to the codec that really decodes such mail."""
    if not label:
        return None
    label = label.strip().strip('"').lower()
    label = label.split("*", 1)[0]  # RFC 2231 language suffix: utf-8*en
    mapped = _CHARSET_ALIASES.get(label, label)
    try:
        return codecs.lookup(mapped).name
    except LookupError:
        return None


@lru_cache(maxsize=64)
def is_single_byte_codec(codec: str) -> bool:
    """Whether every byte is a character of its own (latin-1, cp1252, koi8-r …).

    Such a codec decodes almost any bytes, so a clean decode proves little about it.
    """
    try:
        # Multi-byte codecs cannot decode a lone high byte (Shift_JIS's 63 half-width kana
        # excepted); single-byte ones decode nearly all of them (cp1252 leaves five undefined).
        alone = sum(len(bytes([byte]).decode(codec, errors="ignore")) for byte in range(0x80, 0x100))
    except LookupError:
        return False
    return alone >= 96


def decode_bytes(data: bytes, charset: str | None = None, hints: Sequence[str] = ()) -> str:
    """Decode bytes with the declared charset if it fits, else the likeliest codec.

    ``hints`` are the charsets the message declares elsewhere (see
    :mod:`app.mail.reading.declared_charsets`): after UTF-8, which 8-bit text in another
    charset practically never is by accident, they come before the guesses.
    """
    codec = normalise_charset(charset)
    if codec:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass
    for candidate in _candidates(hints):
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        if candidate in _CJK_GUESSES and candidate not in hints and _latin_misread(text, candidate):
            continue
        return text
    return data.decode(codec or "utf-8", errors="replace")


# Guessed (not declared) double-byte codecs, whose trail bytes include ASCII letters.
_CJK_GUESSES = ("gb18030", "big5hkscs")


def _latin_misread(text: str, codec: str) -> bool:
    """Whether a guessed CJK reading is really latin-1 text such as ``J\xfcrgen``.

    Each 8-bit letter there (ü, ö) swallows the ASCII letter after it into one rare
    character ("J黵gen").  Chinese text is mostly characters of the GB2312/Big5 core, whose
    bytes are all 8-bit; a reading in which *every* character took an ASCII byte is a misread.
    """
    wide = [ch for ch in text if ord(ch) > 0x7F]
    return bool(wide) and all(min(ch.encode(codec)) < 0x80 for ch in wide)


def _candidates(hints: Sequence[str]) -> list[str]:
    if not hints:
        return list(_FALLBACK_CODECS)
    ordered = ["utf-8", *hints, *_FALLBACK_CODECS]
    return list(dict.fromkeys(ordered))


def _decode_word_payload(encoding: bytes, text: bytes) -> bytes:
    if encoding in (b"b", b"B"):
        cleaned = re.sub(rb"[^A-Za-z0-9+/]", b"", text)
        cleaned += b"=" * (-len(cleaned) % 4)
        try:
            return base64.b64decode(cleaned)
        except (binascii.Error, ValueError):
            return text
    return quopri.decodestring(text.replace(b"_", b" "), header=False)


def decode_header_bytes(raw: bytes, hints: Sequence[str] = ()) -> str:
    """Decode one header value given as raw bytes (unfolded or not).

    ``hints``: the message's declared charsets, for raw 8-bit bytes outside encoded-words.
    """
    raw = raw.replace(b"\r\n", b"\n").replace(b"\n ", b" ").replace(b"\n\t", b" ").strip()
    if b"=?" not in raw:
        return _collapse_space(decode_bytes(raw, hints=hints))

    pieces: list[str] = []
    pending: bytes = b""  # payload of adjacent encoded-words sharing one charset
    pending_charset: str | None = None
    position = 0

    def flush() -> None:
        nonlocal pending, pending_charset
        if pending:
            pieces.append(decode_bytes(pending, pending_charset))
        pending, pending_charset = b"", None

    for match in _ENCODED_WORD.finditer(raw):
        between = raw[position : match.start()]
        charset = match.group("charset").decode("ascii", "replace")
        payload = _decode_word_payload(match.group("encoding"), match.group("text"))
        if pending and _WHITESPACE_ONLY.match(between):
            # RFC 2047: whitespace between adjacent encoded-words is not part of the text.
            if normalise_charset(charset) == normalise_charset(pending_charset):
                pending += payload  # a character split across two words is whole again
                position = match.end()
                continue
            flush()
        else:
            flush()
            if between:
                pieces.append(decode_bytes(between, hints=hints))
        pending, pending_charset = payload, charset
        position = match.end()
    flush()
    pieces.append(decode_bytes(raw[position:], hints=hints))
    return _collapse_space("".join(pieces))


def decode_header_text(value: str) -> str:
    """Decode a header value that is already a str (ASCII with encoded-words)."""
    return decode_header_bytes(value.encode("utf-8", "surrogateescape"))


def _collapse_space(text: str) -> str:
    # Folding and tabs inside a subject or name are never meaningful to a reader; control
    # characters (NUL, bidi tricks are handled later by the reader) are dropped here.
    text = "".join(ch if ch >= " " or ch == "\t" else " " for ch in text)
    return " ".join(text.split())
