"""What of one stored message goes into the search index.

Six columns, so operators can aim at one of them: ``subject``, ``sender`` (name and address),
``recipients`` (To), ``cc``, ``body`` and ``attachments`` (file names).  Every value passes
through :func:`app.search.index_text.index_form`.

The body is extracted more cheaply than for display: ``multipart/alternative`` keeps only the
plain-text rendering when there is one, HTML-only parts are reduced to text by stripping
tags (the index needs words, not layout), attached messages are indexed as part of the
body, and nothing else (no sanitising, no attachment checks).  Text past ``MAX_BODY_CHARS``
is not indexed: a log file pasted into a message should not cost seconds per sync.
"""

from __future__ import annotations

import html
import json
import logging
import re

from app.mail.reading.body_charset import decode_body
from app.mail.reading.message_view import MAX_TEXT_BYTES, entity_text
from app.mail.reading.mime_tree import Entity, parse_tree
from app.search.index_text import index_form

log = logging.getLogger("liaison.search")

MAX_BODY_CHARS = 256 * 1024
MAX_ATTACHED_MESSAGE_DEPTH = 3
_BODY_TYPES = ("text/plain", "text/html")
_INVISIBLE_HTML = re.compile(r"<(script|style|head|title|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def html_words(markup: str) -> str:
    """The text of an HTML document for indexing (no layout, links or hidden-element rules)."""
    markup = _COMMENT.sub(" ", markup)
    markup = _INVISIBLE_HTML.sub(" ", markup)
    return html.unescape(_TAG.sub(" ", markup))


def _is_body_part(entity: Entity) -> bool:
    if entity.content_type not in _BODY_TYPES or len(entity.body) > MAX_TEXT_BYTES:
        return False
    disposition = entity.header("Content-Disposition")
    if "name" not in disposition.lower() and "name" not in entity.header("Content-Type").lower():
        return not disposition.lower().startswith("attachment")  # no file name: skip get_param's cost
    return (entity.disposition != "attachment" and not entity.param("name")
            and not entity.param("filename"))


def _leaf_text(entity: Entity) -> str:
    text = entity_text(entity)
    return html_words(text) if entity.content_type == "text/html" else text


def _collect(entity: Entity, out: list[str], depth: int) -> None:
    if entity.is_multipart:
        if entity.content_type == "multipart/alternative":
            children = [c for c in entity.children if not c.is_multipart and _is_body_part(c)]
            plain = [c for c in children if c.content_type == "text/plain"]
            if plain or children:
                out.append(_leaf_text((plain or children)[0]))
                return
        for child in entity.children:
            _collect(child, out, depth)
        return
    if _is_body_part(entity):
        out.append(_leaf_text(entity))
    elif entity.content_type == "message/rfc822" and depth < MAX_ATTACHED_MESSAGE_DEPTH:
        _collect(parse_tree(entity.body[:MAX_TEXT_BYTES]), out, depth + 1)


def body_text(raw: bytes) -> str:
    """The readable text of a message, for the index; never raises on a broken message."""
    out: list[str] = []
    try:
        _collect(parse_tree(raw), out, 0)
    except (RecursionError, LookupError, ValueError, TypeError, AttributeError, UnicodeError,
            AssertionError) as exc:
        log.warning("indexing the raw text of an unparsable message: %s", type(exc).__name__)
        return decode_body(raw[:MAX_BODY_CHARS], None).text
    text = "\n".join(out)
    return text[:MAX_BODY_CHARS]


def people_from_json(json_list: str | None) -> list[tuple[str, str]]:
    """The stored form of To/Cc (JSON ``[[name, addr], ...]``); broken JSON indexes nothing."""
    try:
        return [(str(name), str(addr)) for name, addr in json.loads(json_list or "[]")]
    except (ValueError, TypeError):
        return []


def _people(pairs: list[tuple[str, str]]) -> str:
    return " ".join(f"{name} {addr}" for name, addr in pairs)


def mail_document(subject: str, from_name: str, from_addr: str, to: list[tuple[str, str]],
                  cc: list[tuple[str, str]], raw: bytes | None,
                  attachment_names: list[str]) -> tuple[str, str, str, str, str, str]:
    """The six index columns of one message (``raw`` None: the body is not stored)."""
    return (index_form(subject or ""), index_form(f"{from_name} {from_addr}"),
            index_form(_people(to)), index_form(_people(cc)),
            index_form(body_text(raw)) if raw else "", index_form(" ".join(attachment_names)))


def fetched_document(envelope, raw: bytes) -> tuple[str, str, str, str, str, str]:
    """The index columns of a message just fetched, from its parsed envelope: the same
    document :mod:`app.search.mail_index` builds from the stored message, built while the
    sync has the raw bytes in hand (so nothing is read back or decompressed later)."""
    return mail_document(envelope.subject, envelope.from_name, envelope.from_addr, envelope.to, envelope.cc,
                         raw, [a.filename for a in envelope.attachments if a.filename])
