"""The remote URLs sanitised HTML still refers to, read the way a URL and a CSS parser read them.

The privacy bar says "N remote images or styles were not loaded"; that number must be true
even for references written to slip past a naive search.  So the search reads what the
renderer reads, not the raw text:

* attribute values are HTML-unescaped (``url(&quot;https://…&quot;)`` is ``url("https://…")``);
* CSS escapes are decoded (``u\\rl(`` is ``url(``, ``\\68ttps`` is ``https``), comments dropped;
* a URL is remote the way the WHATWG URL parser sees it: tabs and newlines removed, leading
  and trailing spaces and controls stripped, backslashes are slashes (``\\\\host``, ``/\\host``
  and ``https:\\\\host`` all mean ``//host``), and ``https:host`` is ``https://host``;
* CSS that names images without ``url()``: ``image-set()`` / ``-webkit-image-set()`` strings
  and ``@import "…"``.

Text content is not searched: "url(https://…)" written in a sentence is not remote content.
Nothing here fetches anything; the reader's resource gate (``app.ui.mail_browser``) does that.
"""

from __future__ import annotations

import html
import re

_URL_ATTRIBUTE = re.compile(r"""\s(?:src|background)=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle=(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)

_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_HEX_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})(?:\r\n|[ \t\r\n\f])?")
_CSS_ESCAPED_NEWLINE = re.compile(r"\\(?:\r\n|[\r\n\f])")
_CSS_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_STRING = r"""(?:"([^"]*)"|'([^']*)')"""
_CSS_URL = re.compile(r"\b(?:url|src)\(\s*(?:" + _STRING + r"|([^)\s]*))\s*\)", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"@import\s*" + _STRING, re.IGNORECASE)
_IMAGE_SET = re.compile(r"image-set\(((?:[^()\"']|" + _STRING + r"|\([^()]*\))*)\)", re.IGNORECASE)
_STRING_ONLY = re.compile(_STRING)

_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_REMOTE = re.compile(r"^(?:https?:|//)", re.IGNORECASE)


def _hex_character(match: re.Match) -> str:
    code = int(match.group(1), 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"  # what CSS Syntax 4.3.7 makes of these
    return chr(code)


def decode_css_escapes(css: str) -> str:
    """CSS with comments removed and escapes replaced by the characters they stand for."""
    css = _CSS_COMMENT.sub("", css)
    if "\\" not in css:
        return css
    css = _CSS_HEX_ESCAPE.sub(_hex_character, css)
    css = _CSS_ESCAPED_NEWLINE.sub("", css)
    return _CSS_ESCAPE.sub(r"\1", css)


def effective_url(url: str) -> str:
    """The URL as a browser resolves its syntax (WHATWG URL parsing, special schemes)."""
    url = _TAB_OR_NEWLINE.sub("", url).strip("".join(map(chr, range(0x21))))
    return url.replace("\\", "/")


def css_urls(css: str) -> list[str]:
    """Every URL a style sheet (or style attribute) refers to, escapes decoded."""
    css = decode_css_escapes(css)
    lowered = css.lower()
    urls: list[str] = []
    if "url(" in lowered or "src(" in lowered:
        urls += [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(css)]
    if "@import" in lowered:
        urls += [m.group(1) if m.group(1) is not None else m.group(2) for m in _CSS_IMPORT.finditer(css)]
    if "image-set(" in lowered:
        for image_set in _IMAGE_SET.finditer(css):
            urls += [m.group(1) if m.group(1) is not None else m.group(2)
                     for m in _STRING_ONLY.finditer(image_set.group(1))]
    return urls


def _attribute_values(pattern: re.Pattern, markup: str) -> list[str]:
    return [html.unescape(m.group(1) if m.group(1) is not None else m.group(2))
            for m in pattern.finditer(markup)]


def remote_references(safe_html: str, css: str = "") -> list[str]:
    """Remote URLs referenced by images and CSS, in order, without repeats.

    ``safe_html`` is sanitised body HTML (its ``<style>`` blocks already moved to ``css``).
    """
    candidates = _attribute_values(_URL_ATTRIBUTE, safe_html)
    candidates += css_urls(css)
    if "style=" in safe_html:
        for style in _attribute_values(_STYLE_ATTRIBUTE, safe_html):
            candidates += css_urls(style)
    found: dict[str, None] = {}
    for url in candidates:
        resolved = effective_url(url)
        if _REMOTE.match(resolved):
            found[resolved] = None
    return list(found)
