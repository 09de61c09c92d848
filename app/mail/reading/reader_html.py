"""The HTML the reader shows for plain-text mail and for conversations (Qt-free).

Plain text is escaped (never interpreted), web addresses become links, and quoted blocks
(lines starting with ``>``) longer than ``COLLAPSE_QUOTES_OVER`` lines are collapsed behind a
``liaison:quote/N`` link the reader handles itself; the reader passes the set of blocks the
user expanded.
"""

from __future__ import annotations

import re
from html import escape

COLLAPSE_QUOTES_OVER = 3
_URL = re.compile(r"\bhttps?://[^\s<>\"'）)】]+", re.IGNORECASE)
_QUOTE_STYLE = "margin:0 0 0 4px;padding-left:8px;border-left:3px solid #8899aa;color:#556677"


def _linkify(escaped_line: str) -> str:
    return _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped_line)


def _blocks(text: str) -> list[tuple[bool, list[str]]]:
    """Consecutive lines grouped into (is quoted, lines)."""
    blocks: list[tuple[bool, list[str]]] = []
    for line in text.split("\n"):
        quoted = line.lstrip().startswith(">")
        if blocks and blocks[-1][0] == quoted:
            blocks[-1][1].append(line)
        else:
            blocks.append((quoted, [line]))
    return blocks


def plain_to_html(text: str, expanded: frozenset[int] = frozenset(), prefix: str = "") -> str:
    """Escaped, linkified text with long quotes collapsed; ``prefix`` keeps quote ids unique."""
    out = []
    for number, (quoted, lines) in enumerate(_blocks(text)):
        body = "<br>".join(_linkify(escape(line)).replace("  ", "&nbsp; ") for line in lines)
        if not quoted:
            out.append(body)
            continue
        quote_id = f"{prefix}{number}"
        if len(lines) > COLLAPSE_QUOTES_OVER and quote_id not in expanded:
            out.append(f'<a href="liaison:quote/{quote_id}">… {len(lines)} quoted lines</a>')
        else:
            out.append(f'<div style="{_QUOTE_STYLE}">{body}</div>')
    return '<div style="white-space:pre-wrap">' + "<br>".join(out) + "</div>"
