"""A message's readable text, for the reader and the CLI (no HTML is ever rendered here).

The preferred text/plain part is decoded with its declared charset (GB labels read as
GB18030); an HTML-only message is reduced to text with the standard library's parser, so
nothing remote can load.  The fidelity work (sanitised HTML, remote-content blocking,
charset detection, format=flowed) builds on this.
"""

from __future__ import annotations

import email
import re
from email.policy import compat32
from html.parser import HTMLParser

from app.mail.header_decoding import decode_bytes

_BLOCK_TAGS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "blockquote", "table"}


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head") and self._skip:
            self._skip -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    text = "".join(extractor.parts)
    return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+", " ", text)).strip()


def _part_text(part) -> str:
    payload = part.get_payload(decode=True) or b""
    return decode_bytes(payload, part.get_content_charset())


def readable_text(raw: bytes) -> str:
    """The body as plain text; a message that cannot be parsed shows its raw text."""
    try:
        message = email.message_from_bytes(raw, policy=compat32)
        plain = html = None
        for part in message.walk():
            if part.is_multipart() or part.get_filename():
                continue
            ctype = part.get_content_type()
            if ctype == "text/plain" and plain is None:
                plain = _part_text(part)
            elif ctype == "text/html" and html is None:
                html = _part_text(part)
        if plain is not None:
            return plain.replace("\r\n", "\n").strip()
        if html is not None:
            return html_to_text(html)
        return ""
    except (RecursionError, LookupError, ValueError, TypeError, AttributeError, AssertionError):
        return decode_bytes(raw)
