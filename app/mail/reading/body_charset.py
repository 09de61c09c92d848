"""Decoding a text body whose charset label may be missing or wrong.

The order of trust, from experience with Chinese-language mail in particular:

1. a byte-order mark, then a Unicode label (UTF-16/32 cannot be sniffed any other way);
2. 7-bit data in a 7-bit charset (ISO-2022-JP/KR, HZ, UTF-7) is decoded with that charset;
3. non-ASCII bytes that are valid UTF-8 are UTF-8, whatever the label says: legacy text is
   practically never valid UTF-8 by accident, while UTF-8 labelled ``gb2312`` is common;
4. a specific legacy label (GBK/GB2312, read as GB18030; Big5; Shift_JIS; KOI8-R …) whose
   strict decode succeeds;
5. otherwise — no label, a "weak" label (us-ascii, iso-8859-1 and cp1252, which decode any
   bytes and so prove nothing), an unknown label, or a strict decode that failed — the
   charset is detected with charset-normalizer, and decoded with replacement characters only
   where bytes are truly invalid;
6. except that a declared single-byte charset (iso-8859-1, Windows-1252, KOI8-R …) which
   decodes every byte is trusted over a detected single-byte charset: only a multi-byte
   detection (GBK text under a latin-1 label, common in Chinese mail) overrules it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from app.mail.reading.header_decoding import is_single_byte_codec, normalise_charset

_WEAK_LABELS = {None, "", "us-ascii", "ascii", "iso-8859-1", "latin1", "latin-1", "cp1252",
                "windows-1252", "unknown-8bit", "x-unknown", "default", "x-user-defined"}
_SEVEN_BIT_CODECS = {"iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_3", "iso2022_kr",
                     "hz", "utf-7"}
_UNICODE_CODECS = {"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"}
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
DETECTION_SAMPLE = 64 * 1024


@dataclass(frozen=True)
class DecodedText:
    text: str
    charset: str  # the codec actually used
    detected: bool = False  # True when the declared label was not trusted


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes  # imported on first need: most mail never needs it

    best = from_bytes(data[:DETECTION_SAMPLE]).best()
    return normalise_charset(best.encoding) if best is not None else None


def _clean_single_byte(data: bytes, codec: str | None) -> str | None:
    """The text in the declared single-byte charset, if every byte is defined in it."""
    if not codec or not is_single_byte_codec(codec):
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _is_multi_byte(codec: str | None) -> bool:
    return codec is not None and not is_single_byte_codec(codec)


def _label(declared: str | None) -> str | None:
    return declared.strip().strip('"').lower() if declared else None


def decode_body(data: bytes, declared: str | None) -> DecodedText:
    """The text of a body part; never raises."""
    label = _label(declared)
    codec = normalise_charset(label)
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            return DecodedText(data.decode(bom_codec, "replace"), bom_codec)
    if codec in _UNICODE_CODECS:
        return DecodedText(data.decode(codec, "replace"), codec)
    if data.isascii():
        if b"\x1b$" in data or b"\x1b(" in data:
            codec = codec if codec in _SEVEN_BIT_CODECS else "iso2022_jp_2"  # undeclared ISO-2022
        if codec in _SEVEN_BIT_CODECS:
            try:
                return DecodedText(data.decode(codec), codec)
            except UnicodeDecodeError:
                pass
        return DecodedText(data.decode("ascii"), "ascii")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", detected=codec not in (None, "utf-8"))
    except UnicodeDecodeError:
        pass
    if codec and label not in _WEAK_LABELS and codec not in ("utf-8", "utf-7"):
        try:
            return DecodedText(data.decode(codec), codec)
        except UnicodeDecodeError:
            pass
    detected = _detect(data)
    declared_single_byte = _clean_single_byte(data, codec)
    if declared_single_byte is not None and not _is_multi_byte(detected):
        # Choosing among single-byte charsets is a coin toss for detection (Windows-1252
        # "BlackBerry\xae" comes back as cp1250 "«"): the sender's label is better evidence.
        # Only a multi-byte detection (GBK under an iso-8859-1 label) overrules it.
        return DecodedText(declared_single_byte, codec)
    if detected:
        return DecodedText(data.decode(detected, "replace"), detected, detected=detected != codec)
    fallback = codec or "cp1252"
    return DecodedText(data.decode(fallback, "replace"), fallback, detected=codec is None)
