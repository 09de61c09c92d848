"""HTML reduced to readable plain text (for the CLI, search, quoting and previews).

Uses the standard library's tokenizer, which never fetches anything and tolerates any
markup.  Scripts, styles, the head and elements hidden with ``display:none`` (tracking
tricks, preheader spam) are dropped; block elements become line breaks; list items get a
bullet; a link whose text is not its target shows the target after it, so the reader sees
where it really goes.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
               "table", "ul", "ol", "pre", "hr", "section", "article", "header", "footer", "dd", "dt"}
_SKIPPED_TAGS = {"script", "style", "head", "title", "template", "noscript", "object", "svg"}
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed",
              "source", "track", "wbr", "param"}
# Private-use markers for entering and leaving a <blockquote>; turned into "> " prefixes.
_QUOTE_IN, _QUOTE_OUT = "\ue000", "\ue001"
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._open: list[tuple[str, bool]] = []  # (tag, skipping) for non-void elements
        self._skip_depth = 0
        self._link: tuple[str, int] | None = None  # (href, index of the first text part)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        hidden = tag in _SKIPPED_TAGS or bool(_HIDDEN_STYLE.search(attributes.get("style") or ""))
        if tag not in _VOID_TAGS:
            self._open.append((tag, hidden))
            if hidden:
                self._skip_depth += 1
        if self._skip_depth:
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == "blockquote":
            self.parts.append(_QUOTE_IN)
        if tag == "li":
            self.parts.append("• ")
        elif tag == "a" and attributes.get("href"):
            self._link = (attributes["href"] or "", len(self.parts))
        elif tag == "img" and attributes.get("alt"):
            self.parts.append(f"[{attributes['alt']}]")

    def handle_endtag(self, tag):
        # Close up to the matching open element (HTML mail is rarely well nested).
        for position in range(len(self._open) - 1, -1, -1):
            if self._open[position][0] == tag:
                for _name, hidden in self._open[position:]:
                    if hidden:
                        self._skip_depth -= 1
                del self._open[position:]
                break
        else:
            return
        if self._skip_depth:
            return
        if tag == "blockquote":
            self.parts.append(_QUOTE_OUT)
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "a" and self._link is not None:
            href, first = self._link
            text = "".join(self.parts[first:]).strip()
            target = href[7:] if href.lower().startswith("mailto:") else href
            if href and not href.startswith("#") and target not in text:
                self.parts.append(f" <{href}>")
            self._link = None

    def handle_data(self, data):
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    text = "".join(extractor.parts).replace("\xa0", " ")
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return _quote_prefixes(text) if _QUOTE_IN in text else text


def _quote_prefixes(text: str) -> str:
    """Lines inside <blockquote> get one ``>`` per level, like quoted plain-text mail."""
    depth = 0
    lines: list[str] = []
    for line in text.split("\n"):
        level = None  # the depth at the line's first visible character
        content = []
        for char in line:
            if char == _QUOTE_IN:
                depth += 1
            elif char == _QUOTE_OUT:
                depth = max(depth - 1, 0)
            else:
                if level is None and not char.isspace():
                    level = depth
                content.append(char)
        body = "".join(content).strip()
        if body:
            lines.append(">" * level + " " + body if level else body)
        elif depth and lines and lines[-1].startswith(">"):
            lines.append(">" * depth)  # a blank line inside a quote keeps the quote one block
        elif not depth and (line == "" or lines and lines[-1]):
            lines.append("")
    cleaned = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", cleaned).strip()
