"""Deceptive links: the text shows one site, the link goes to another (phishing's oldest trick).

Only links whose *text* names a site are judged: "click here" can't lie about a domain.
Sites are compared by registrable domain (``mail.qq.com`` and ``qq.com`` are the same site;
``bank.com.cn`` is one site, not ``com.cn``), so ordinary links to subdomains never warn.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

_HOST_IN_TEXT = re.compile(r"(?:https?://)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})\b",
                           re.IGNORECASE)
# Second-level labels under which registrations happen (com.cn, co.uk, gov.cn, ac.jp …).
_GENERIC_SECOND_LEVEL = {"com", "net", "org", "gov", "edu", "co", "ac", "or", "ne", "go", "mil"}


def registrable_domain(host: str) -> str:
    labels = host.lower().strip(".").split(".")
    if len(labels) >= 3 and labels[-2] in _GENERIC_SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def link_host(href: str) -> str | None:
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return parts.hostname.encode("idna").decode("ascii") if not parts.hostname.isascii() else parts.hostname


def deceptive_target(text: str, href: str) -> str | None:
    """The site the text pretends to link to, when the link really goes elsewhere; else None."""
    real = link_host(href)
    match = _HOST_IN_TEXT.search(text or "")
    if real is None or match is None:
        return None
    shown = match.group(1).lower()
    if registrable_domain(shown) == registrable_domain(real):
        return None
    return shown


class _LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: dict[str, list[str]] = {}
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._text = []

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.setdefault(self._href, []).append("".join(self._text).strip())
            self._href = None

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)


def link_texts(html: str) -> dict[str, list[str]]:
    """href → the texts shown for it, for judging a click later."""
    collector = _LinkCollector()
    collector.feed(html)
    collector.close()
    return collector.links
