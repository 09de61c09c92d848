"""Cutting sanitised HTML into pieces the reader can lay out one at a time.

Qt lays out a document in the GUI thread; one megabyte of HTML would freeze the window for
a second or more, most of it in one huge table.  The reader shows the first piece at once
and appends the others between events, so the message appears immediately and the window
stays responsive.

Pieces end only where the element depth is zero, so each is well-formed on its own.  A
top-level table with more than ``TABLE_ROWS_PER_PIECE`` rows is closed and reopened (same
start tag) every that many rows: Qt's table layout cost grows much faster than linearly
with rows.  Column widths are then computed per part, which can shift columns slightly in
very long tables — the price of not freezing.  Works on ammonia's output, whose tags are
balanced and whose attribute values never contain ``>``.
"""

from __future__ import annotations

import re

PIECE_CHARS = 64 * 1024
TABLE_ROWS_PER_PIECE = 100
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_VOID = {"br", "img", "hr", "wbr", "col", "area", "input", "meta", "link", "source"}


def split_html(html: str, piece_chars: int = PIECE_CHARS) -> list[str]:
    """Well-formed consecutive pieces whose concatenation renders like ``html``."""
    return list(iter_pieces(html, piece_chars))


def iter_pieces(html: str, piece_chars: int = PIECE_CHARS):
    """:func:`split_html` lazily: the first piece costs only its own scan."""
    if len(html) <= piece_chars:
        yield html
        return
    depth = 0
    start = 0
    prefix = ""  # a table reopened at the start of the next piece
    table_open: str | None = None  # start tag of the top-level table being walked
    body_open = ""  # its <tbody ...> start tag, when rows sit in one
    rows = 0
    for match in _TAG.finditer(html):
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name in _VOID:
            continue
        if not closing:
            if depth == 0 and name == "table":
                table_open, body_open, rows = match.group(0), "", 0
            elif depth == 1 and name == "tbody" and table_open:
                body_open = match.group(0)
            depth += 1
            continue
        depth = max(depth - 1, 0)
        if depth == 0:
            table_open = None
            if match.end() - start >= piece_chars:
                yield prefix + html[start:match.end()]
                start, prefix = match.end(), ""
        elif name == "tr" and table_open and depth == (2 if body_open else 1):
            rows += 1
            if rows % TABLE_ROWS_PER_PIECE == 0 and match.end() - start >= piece_chars // 4:
                close = ("</tbody>" if body_open else "") + "</table>"
                yield prefix + html[start:match.end()] + close
                start, prefix = match.end(), table_open + body_open
    if start < len(html):
        yield prefix + html[start:]
