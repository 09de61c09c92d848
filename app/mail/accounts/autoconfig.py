"""Thunderbird-style autoconfiguration published by a mail domain.

Security: only HTTPS with a verified certificate is used.  Thunderbird also tries plain
HTTP, but an answer over HTTP can be forged by anyone on the café network to point the
password at their own server; a verified HTTPS answer from the domain itself cannot.
Redirects are followed only to other HTTPS URLs, answers are size-limited, and the XML is
parsed with DOCTYPEs refused (no entity expansion).
"""

from __future__ import annotations

import http.client
import logging
import socket
import ssl
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from app.mail.accounts.providers import ServerSettings

MAX_ANSWER_BYTES = 256 * 1024
MAX_REDIRECTS = 3
TIMEOUT_SECONDS = 8.0
_SECURITY = {"SSL": "ssl", "STARTTLS": "starttls", "plain": "none"}

log = logging.getLogger("liaison.autoconfig")


def autoconfig_urls(email: str) -> list[str]:
    domain = email.rpartition("@")[2].lower()
    query = "?emailaddress=" + quote(email, safe="@")
    return [f"https://autoconfig.{domain}/mail/config-v1.1.xml{query}",
            f"https://{domain}/.well-known/autoconfig/mail/config-v1.1.xml{query}"]


@dataclass
class HttpsFetcher:
    """GETs a URL over verified HTTPS.  ``connect_to`` maps host names to (address, port).

    ``connect_to`` exists for tests (a loopback server standing in for autoconfig.example.test);
    certificate and host name are verified against the *requested* name either way.
    """

    ca_file: str | None = None
    connect_to: dict[str, tuple[str, int]] = field(default_factory=dict)
    timeout: float = TIMEOUT_SECONDS

    def get(self, url: str) -> bytes | None:
        for _ in range(MAX_REDIRECTS + 1):
            parts = urlsplit(url)
            if parts.scheme != "https" or not parts.hostname:
                return None
            status, location, body = self._get_once(parts)
            if status in (301, 302, 303, 307, 308) and location:
                url = location
                continue
            return body if status == 200 else None
        return None

    def _get_once(self, parts) -> tuple[int, str | None, bytes | None]:
        host = parts.hostname
        context = ssl.create_default_context(cafile=self.ca_file)
        address = self.connect_to.get(host, (host, parts.port or 443))
        raw = socket.create_connection(address, timeout=self.timeout)
        try:
            sock = context.wrap_socket(raw, server_hostname=host)
        except BaseException:
            raw.close()
            raise
        connection = http.client.HTTPSConnection(host, parts.port or 443, timeout=self.timeout,
                                                 context=context)
        connection.sock = sock
        try:
            path = parts.path + ("?" + parts.query if parts.query else "")
            connection.request("GET", path or "/", headers={"Accept": "application/xml, text/xml"})
            response = connection.getresponse()
            body = response.read(MAX_ANSWER_BYTES + 1)
            if len(body) > MAX_ANSWER_BYTES:
                return 0, None, None
            return response.status, response.getheader("Location"), body
        finally:
            connection.close()


def parse_config(xml_bytes: bytes) -> ServerSettings | None:
    """The first IMAP and SMTP servers of a ``clientConfig`` document, or None."""
    if b"<!DOCTYPE" in xml_bytes[:4096].upper() or b"<!ENTITY" in xml_bytes.upper():
        return None
    try:
        root = ElementTree.fromstring(xml_bytes)
    except ElementTree.ParseError:
        return None
    provider = root.find("emailProvider")
    if root.tag != "clientConfig" or provider is None:
        return None
    imap = _server(provider.findall("incomingServer"), "imap")
    smtp = _server(provider.findall("outgoingServer"), "smtp")
    if imap is None or smtp is None:
        return None
    return ServerSettings(imap_host=imap[0], imap_port=imap[1], imap_security=imap[2],
                          smtp_host=smtp[0], smtp_port=smtp[1], smtp_security=smtp[2],
                          username=imap[3])


def _server(elements, kind: str) -> tuple[str, int, str, str] | None:
    """(host, port, security, username) of the first usable server of this kind.

    Servers are listed in the publisher's order of preference; encrypted ones are taken
    before a plaintext one even if listed later.
    """
    candidates = []
    for element in elements:
        if element.get("type") != kind:
            continue
        host = (element.findtext("hostname") or "").strip()
        security = _SECURITY.get((element.findtext("socketType") or "").strip())
        try:
            port = int((element.findtext("port") or "").strip())
        except ValueError:
            continue
        if host and security and 0 < port < 65536:
            username = (element.findtext("username") or "%EMAILADDRESS%").strip()
            candidates.append((security == "none", (host, port, security, username)))
    candidates.sort(key=lambda c: c[0])  # stable: keeps the publisher's order otherwise
    return candidates[0][1] if candidates else None


def lookup(email: str, fetcher: HttpsFetcher | None = None) -> tuple[ServerSettings, str] | None:
    """Settings published for the email's domain, and the URL they came from."""
    fetcher = fetcher or HttpsFetcher()
    for url in autoconfig_urls(email):
        try:
            body = fetcher.get(url)
        except (OSError, ssl.SSLError, http.client.HTTPException) as exc:
            log.info("no autoconfig at %s: %s", urlsplit(url).hostname, exc)
            continue
        settings = parse_config(body) if body else None
        if settings is not None:
            return settings, url
    return None
