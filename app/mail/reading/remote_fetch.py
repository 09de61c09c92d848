"""Fetching a message's remote images and CSS — only ever after the user allowed it.

Runs off the GUI thread.  TLS is verified; only ``http``/``https``; each response is capped
in size and time; no cookies are sent or kept, and no Referer.  A failed fetch just leaves
that image empty.
"""

from __future__ import annotations

import logging
import ssl
import urllib.request

log = logging.getLogger("liaison.remote")

MAX_BYTES_PER_RESOURCE = 5 * 1024 * 1024
MAX_RESOURCES = 60
TIMEOUT_SECONDS = 10


class _NoRedirectToOtherSchemes(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    context = ssl.create_default_context()
    return urllib.request.build_opener(urllib.request.HTTPSHandler(context=context),
                                       _NoRedirectToOtherSchemes())


def absolute(url: str) -> str:
    return "https:" + url if url.startswith("//") else url


def fetch_remote(urls: list[str]) -> dict[str, bytes]:
    """url → body for the URLs that could be fetched (the original url strings as keys)."""
    opener = _opener()
    fetched: dict[str, bytes] = {}
    for url in urls[:MAX_RESOURCES]:
        target = absolute(url.strip())
        if not target.lower().startswith(("http://", "https://")):
            continue
        request = urllib.request.Request(target, headers={"User-Agent": "Mozilla/5.0 (Liaison)"})
        try:
            with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
                body = response.read(MAX_BYTES_PER_RESOURCE + 1)
        except (OSError, ValueError) as exc:  # URLError, HTTPError, timeouts, TLS failures
            log.info("remote resource not loaded: %s", type(exc).__name__)
            continue
        if len(body) <= MAX_BYTES_PER_RESOURCE:
            fetched[url] = body
    return fetched
