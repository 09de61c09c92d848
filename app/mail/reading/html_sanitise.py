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

:func:`~app.mail.reading.remote_references.remote_references` lists those references, so the
reader can say that something was blocked and offer to load it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nh3

from app.mail.reading.remote_references import remote_references

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
    "a": {"href", "name"},
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
_IMAGE_DATA = re.compile(r"^\s*data:image/(png|gif|jpe?g|webp|bmp);", re.IGNORECASE)


def _clean_css(css: str) -> str:
    """CSS with code-running and escaping constructs removed (urls stay; the loader gates them)."""
    return _CSS_DANGER.sub("", css)


# Attribute values in ammonia's output are always double-quoted with '"' and '&' escaped, so
# these patterns see whole values.  Post-processing the string is 3x faster than an ammonia
# attribute callback (one Python call per attribute).
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
_URL_ATTRIBUTE = re.compile(r'\s(src|background|href)="([^"]*)"')


def _fix_url_attribute(match: re.Match) -> str:
    attribute, value = match.group(1), match.group(2)
    lowered = value.lstrip().lower()
    if attribute == "href" and lowered.startswith(("cid:", "data:")):
        return ""
    if attribute != "href" and lowered.startswith("data:") and not _IMAGE_DATA.match(value):
        return ""  # data: only for images
    return match.group(0)


_DANGER_WORDS = ("expression", "behavior", "behaviour", "-moz-binding", "javascript:", "vbscript:", "\\")


def _post_process(html: str) -> str:
    lowered = html.lower()
    if any(word in lowered for word in _DANGER_WORDS):
        html = _STYLE_ATTRIBUTE.sub(lambda m: f' style="{_clean_css(m.group(1))}"', html)
    if "data:" in html or "cid:" in html:
        html = _URL_ATTRIBUTE.sub(_fix_url_attribute, html)
    return html


_cleaner = nh3.Cleaner(
    tags=_TAGS, clean_content_tags=_CONTENT_TAGS, attributes=_ATTRIBUTES,
    url_schemes=_URL_SCHEMES, strip_comments=True, link_rel="noopener noreferrer")


@dataclass(frozen=True)
class SafeHtml:
    html: str  # the body, without style sheets
    css: str  # the message's own style sheets, cleaned (give to the document, not inline)
    remote: tuple[str, ...]  # remote URLs still referenced (images, CSS, fonts): inert until allowed

    @property
    def document(self) -> str:
        """Style sheet and body as one HTML string."""
        return (f"<style>{self.css}</style>" if self.css.strip() else "") + self.html


def sanitise_html(html: str) -> SafeHtml:
    """Safe HTML for the reader, and the remote references left in it."""
    css = "\n".join(_clean_css(block) for block in _STYLE_BLOCK.findall(html))[:MAX_STYLE_CHARS]
    body = _post_process(_cleaner.clean(html))
    return SafeHtml(body, css, tuple(remote_references(body, css)))
