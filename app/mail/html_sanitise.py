"""Making HTML mail safe to render (security-critical: read before changing).

Two separate defences, so that one mistake does not leak:

1. **Sanitising** (this module, with ammonia through ``nh3``): an allow-list of
   presentational tags and attributes.  Scripts, forms, iframes, objects, embeds, SVG,
   ``meta`` (refresh) and ``base`` are removed; every event handler and every attribute not
   on the list is dropped; links may only be ``http``, ``https``, ``mailto`` or ``tel``;
   images may also be ``cid:`` (inline parts) or ``data:``.  CSS (``style`` attributes and
   ``<style>`` blocks, which mail layout needs) is kept after removing what can run code or
   escape (``expression()``, ``behavior``, ``-moz-binding``, ``javascript:``, ``<``).
2. **Loading**: remote references that remain (``<img src=https:…>``, CSS ``url()`` and
   ``@import``, ``background=``) are inert text until something fetches them.  The reader's
   resource loader is the only thing that can, and it only fetches when the user allowed
   remote content for this message or sender (see :mod:`app.ui.mail_browser`).

:func:`remote_references` lists those references, so the reader can say that something was
blocked and offer to load it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nh3

MAX_STYLE_CHARS = 256 * 1024

_TAGS = {
    "a", "abbr", "address", "article", "b", "bdi", "bdo", "big", "blockquote", "br", "caption",
    "center", "cite", "code", "col", "colgroup", "dd", "del", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section",
    "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "tt", "u", "ul", "var", "wbr",
}
# Removed together with everything inside them (their text is never meant to be read).
_CONTENT_TAGS = {"script", "style", "title", "template", "noscript", "iframe", "object", "embed",
                 "applet", "svg", "math", "frameset", "frame", "noframes", "head", "select",
                 "textarea", "button", "audio", "video"}
_COMMON_ATTRIBUTES = {"style", "class", "dir", "lang", "title", "align", "valign", "width",
                      "height", "bgcolor", "color", "border", "id"}
_ATTRIBUTES = {
    "*": _COMMON_ATTRIBUTES,
    "a": {"href", "name", "target"},
    "img": {"src", "alt", "hspace", "vspace"},
    "font": {"face", "size"},
    "table": {"cellpadding", "cellspacing", "background", "frame", "rules", "summary"},
    "td": {"colspan", "rowspan", "nowrap", "background"},
    "th": {"colspan", "rowspan", "nowrap", "background", "scope"},
    "tr": {"background"},
    "ol": {"start", "type", "reversed"},
    "ul": {"type"},
    "li": {"value", "type"},
    "col": {"span"},
    "colgroup": {"span"},
    "blockquote": {"cite", "type"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
}
_URL_SCHEMES = {"http", "https", "mailto", "tel", "cid", "data"}
_IMAGE_ATTRIBUTES = {("img", "src"), ("table", "background"), ("td", "background"),
                     ("th", "background"), ("tr", "background")}

_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_CSS_DANGER = re.compile(r"expression\s*\(|behaviou?r\s*:|-moz-binding|javascript\s*:|vbscript\s*:"
                         r"|<|\\[0-9a-f]", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]*)\3""", re.IGNORECASE)
_REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
_IMAGE_DATA = re.compile(r"^\s*data:image/(png|gif|jpe?g|webp|bmp);", re.IGNORECASE)


def _clean_css(css: str) -> str:
    """CSS with code-running and escaping constructs removed (urls stay; the loader gates them)."""
    return _CSS_DANGER.sub("", css)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "style":
        return _clean_css(value)
    if attribute in ("src", "background"):
        if (tag, attribute) not in _IMAGE_ATTRIBUTES:
            return None
        lowered = value.strip().lower()
        if lowered.startswith("data:") and not _IMAGE_DATA.match(value):
            return None  # data: only for images
        return value
    if attribute == "href" and value.strip().lower().startswith(("cid:", "data:")):
        return None
    if attribute == "target":
        return None  # links always open outside, through the reader's own check
    return value


_cleaner = nh3.Cleaner(
    tags=_TAGS, clean_content_tags=_CONTENT_TAGS, attributes=_ATTRIBUTES,
    attribute_filter=_attribute_filter, url_schemes=_URL_SCHEMES, strip_comments=True,
    link_rel="noopener noreferrer",
) if hasattr(nh3, "Cleaner") else None


def _clean(html: str) -> str:
    if _cleaner is not None:
        return _cleaner.clean(html)
    return nh3.clean(html, tags=_TAGS, clean_content_tags=_CONTENT_TAGS, attributes=_ATTRIBUTES,
                     attribute_filter=_attribute_filter, url_schemes=_URL_SCHEMES,
                     strip_comments=True, link_rel="noopener noreferrer")


@dataclass(frozen=True)
class SafeHtml:
    html: str
    remote: tuple[str, ...]  # remote URLs still referenced (images, CSS, fonts): inert until allowed


def sanitise_html(html: str) -> SafeHtml:
    """Safe HTML for the reader, and the remote references left in it."""
    styles = [_clean_css(block) for block in _STYLE_BLOCK.findall(html)]
    css = "\n".join(styles)[:MAX_STYLE_CHARS]
    body = _clean(html)
    safe = (f"<style>{css}</style>" if css.strip() else "") + body
    return SafeHtml(safe, tuple(remote_references(safe)))


_SRC_LIKE = re.compile(r"""\b(?:src|background)\s*=\s*(["'])(.*?)\1""", re.IGNORECASE)


def remote_references(safe_html: str) -> list[str]:
    """Remote URLs referenced by images and CSS in sanitised HTML, in order, without repeats."""
    found: dict[str, None] = {}
    for match in _SRC_LIKE.finditer(safe_html):
        if _REMOTE.match(match.group(2)):
            found[match.group(2).strip()] = None
    for match in _CSS_URL.finditer(safe_html):
        url = match.group(2) or match.group(4) or ""
        if _REMOTE.match(url):
            found[url.strip()] = None
    return list(found)
