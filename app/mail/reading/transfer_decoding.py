"""Content-Transfer-Encoding decoding that keeps every byte it can.

Broken encodings are common in the wild: base64 with stray characters, missing padding or
a truncated last quantum; quoted-printable with soft breaks in odd places or lower-case hex;
encoding labels like ``7-bit``, ``plain``, ``base-64`` or a trailing ``;``.  The strict
decoders either raise or drop the whole part; these decode as much as is there, so the
reader shows the text instead of nothing.
"""

from __future__ import annotations

import binascii
import re

_BASE64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
# Every other byte, for bytes.translate's delete argument: one C pass drops them all, where a
# regular-expression substitution paid for every line break of the body (two per 76 characters).
_NOT_BASE64 = bytes(b for b in range(256) if b not in _BASE64_ALPHABET)
# Padding ends the encoded data of its line: what follows on that line is not base64.
_AFTER_PADDING = re.compile(rb"(=+)[^\r\n]*")
_UU_BEGIN = re.compile(rb"^begin [0-7]{3,4} [^\r\n]*$", re.MULTILINE)


def canonical_encoding(label: str | None) -> str:
    """The encoding a sloppy Content-Transfer-Encoding label means."""
    if not label:
        return "7bit"
    text = label.strip().strip(";").strip().strip('"').lower()
    text = text.replace("_", "-")
    if text in ("base64", "base-64", "b64"):
        return "base64"
    if text in ("quoted-printable", "quoted-printble", "qp", "quotedprintable"):
        return "quoted-printable"
    if text in ("x-uuencode", "uuencode", "x-uue", "uue"):
        return "uuencode"
    return "8bit"  # 7bit, 8bit, binary and every unknown label: the bytes as they are


def _decode_base64_run(run: bytes) -> bytes:
    usable = len(run) - len(run) % 4
    decoded = binascii.a2b_base64(run[:usable]) if usable else b""
    rest = run[usable:]
    if len(rest) >= 2:  # 2 or 3 leftover characters still carry 1 or 2 bytes
        decoded += binascii.a2b_base64(rest + b"=" * (4 - len(rest)))
    return decoded


def decode_base64(data: bytes) -> bytes:
    """Base64 ignoring non-alphabet bytes; a truncated final quantum is decoded as far as it goes.

    Padding in the middle means several encoded runs were concatenated (some encoders pad
    every line): each run is decoded on its own.  Text after the padding on the same line
    (``ecO2dMOkIHZhYW4uCg== ignored``) is dropped, as Dovecot does, instead of
    being decoded into garbage bytes.
    """
    padding = data.find(b"=")
    # The usual body has padding only at its very end; only other bodies need the scan.
    if padding >= 0 and data[padding:].strip(b"= \t\r\n"):
        data = _AFTER_PADDING.sub(rb"\1", data)
    cleaned = data.translate(None, _NOT_BASE64)
    if b"=" not in cleaned.rstrip(b"="):
        return _decode_base64_run(cleaned.rstrip(b"="))
    return b"".join(_decode_base64_run(run) for run in cleaned.split(b"=") if run)


def decode_quoted_printable(data: bytes) -> bytes:
    """Quoted-printable; an ``=`` not followed by two hex digits is kept literally."""
    return binascii.a2b_qp(data)


def decode_uuencode(data: bytes) -> bytes:
    """The payload of a uuencoded body (``begin 644 name`` … ``end``); lines that fail are skipped."""
    match = _UU_BEGIN.search(data)
    lines = data[match.end():].splitlines() if match else data.splitlines()
    out = bytearray()
    for line in lines:
        if line.strip() in (b"end", b"`") or not line.strip():
            if line.strip() == b"end":
                break
            continue
        try:
            out += binascii.a2b_uu(line)
        except binascii.Error:
            try:  # some encoders miscount the length byte; trust the data instead
                length = ((line[0] - 32) & 63)
                out += binascii.a2b_uu(line[: 1 + (length + 2) // 3 * 4])
            except (binascii.Error, IndexError):
                continue
    return bytes(out)


def decode_transfer(body: bytes, label: str | None) -> bytes:
    """The decoded bytes of one MIME leaf body."""
    encoding = canonical_encoding(label)
    if encoding == "base64":
        return decode_base64(body)
    if encoding == "quoted-printable":
        return decode_quoted_printable(body)
    if encoding == "uuencode":
        return decode_uuencode(body)
    return body
