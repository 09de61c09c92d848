"""Everything the reader and the CLI show of one message, decoded from its raw bytes.

:func:`build_view` walks the MIME tree (:mod:`app.mail.reading.mime_tree`) and decides what is body
and what is attachment the way mail clients agree on:

* ``multipart/alternative``: the plain-text and the HTML rendering of the same content are
  both kept, so the CLI can print the text and the reader can render the HTML;
* ``multipart/related``: the root part is the body, the rest are resources it refers to by
  ``cid:`` (inline images);
* every other multipart: its parts in order; text parts without a file name are body,
  bounce reports (``message/delivery-status``) are shown as text;
* anything else is an attachment; ``winmail.dat`` is replaced by the files inside it.

Nothing here raises on bad input.  If the tree cannot be walked at all, the view still has
the decoded headers and the raw text, flagged with the problem ``unparsable``.
"""

from __future__ import annotations

import functools
import logging
import mimetypes
from dataclasses import dataclass, field

from app.mail.reading import tnef
from app.mail.reading.attachment_names import name_warnings, revealed_name
from app.mail.reading.body_charset import decode_body
from app.mail.reading.declared_charsets import declared_charsets
from app.mail.reading.envelope import Envelope, parse_envelope
from app.mail.reading.flowed import unflow
from app.mail.reading.html_text import html_to_text
from app.mail.reading.mime_tree import Entity, parse_tree
from app.mail.reading.part_filenames import part_filename
from app.mail.reading.transfer_decoding import canonical_encoding, decode_transfer

log = logging.getLogger("liaison.view")

_INLINE_TEXT_TYPES = {"text/plain", "text/html", "text/enriched", "text/rfc822-headers",
                      "message/delivery-status", "message/disposition-notification",
                      "message/feedback-report"}
MAX_TEXT_BYTES = 16 * 1024 * 1024  # a bigger "text" part is listed as an attachment instead


@dataclass
class Segment:
    """One piece of body: the same content as plain text, as HTML, or both."""

    plain: str | None = None
    html: str | None = None

    @property
    def as_text(self) -> str:
        return self.plain if self.plain is not None else html_to_text(self.html or "")


@dataclass
class ViewAttachment:
    number: int  # 1-based, the order shown and the --index of save-attachment
    name: str  # as sent (decoded)
    shown_name: str  # invisible characters removed, padding collapsed
    content_type: str
    size: int
    content_id: str | None
    inline: bool
    warnings: list[str]
    entity: Entity = field(repr=False)
    tnef_index: int | None = None  # a file inside a winmail.dat

    def data(self) -> bytes:
        payload = decode_transfer(self.entity.body, self.entity.header("Content-Transfer-Encoding"))
        if self.tnef_index is not None:
            return tnef.unpack(payload)[self.tnef_index].data
        return payload


@dataclass
class MessageView:
    envelope: Envelope
    segments: list[Segment] = field(default_factory=list)
    attachments: list[ViewAttachment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def has_html(self) -> bool:
        return any(segment.html is not None for segment in self.segments)

    @property
    def text(self) -> str:
        return "\n\n".join(s.as_text.strip("\n") for s in self.segments if s.as_text.strip())

    def resource(self, content_id: str) -> ViewAttachment | None:
        """The part a ``cid:`` URL names (for inline images)."""
        wanted = content_id.strip().strip("<>")
        for attachment in self.attachments:
            if attachment.content_id == wanted:
                return attachment
        return None


def _decoded_size(entity: Entity) -> int:
    if canonical_encoding(entity.header("Content-Transfer-Encoding")) == "base64":
        body = entity.body
        return (len(body) - body.count(b"\n") - body.count(b"\r") - body.count(b" ")) * 3 // 4
    return len(entity.body)


def _head_bytes(entity: Entity) -> bytes:
    return decode_transfer(entity.body[:256], entity.header("Content-Transfer-Encoding"))[:16]


def entity_text(entity: Entity) -> str:
    """A text part's content decoded: transfer encoding, charset, format=flowed; no NULs."""
    payload = decode_transfer(entity.body, entity.header("Content-Transfer-Encoding"))
    text = decode_body(payload, entity.param("charset")).text.replace("\r\n", "\n").replace("\r", "\n")
    if entity.content_type == "text/plain" and (entity.param("format") or "").lower() == "flowed":
        text = unflow(text, delsp=(entity.param("delsp") or "").lower() == "yes")
    return text.replace("\x00", "")


class _Builder:
    def __init__(self, view: MessageView, raw: bytes):
        self.view = view
        # The message's declared charsets, for raw 8-bit file names; scanned only if one occurs.
        self.hints = functools.cache(lambda: declared_charsets(raw))

    def filename(self, entity: Entity) -> str:
        return part_filename(entity.headers, self.hints)

    def attach(self, entity: Entity, name: str, content_type: str, size: int, head: bytes,
               inline: bool = False, tnef_index: int | None = None) -> None:
        content_id = (entity.header("Content-ID").strip("<>") or None) if tnef_index is None else None
        self.view.attachments.append(ViewAttachment(
            number=len(self.view.attachments) + 1, name=name, shown_name=revealed_name(name),
            content_type=content_type, size=size, content_id=content_id, inline=inline,
            warnings=name_warnings(name, head), entity=entity, tnef_index=tnef_index))

    def leaf_attachment(self, entity: Entity, inline: bool = False) -> None:
        name = self.filename(entity)
        if entity.content_type == "message/rfc822" and not name:
            inner = parse_envelope(entity.body[:MAX_TEXT_BYTES])
            name = (inner.subject or "message").replace("/", "_")[:120] + ".eml"
        head = _head_bytes(entity)
        if tnef.is_tnef(entity.content_type, name, head):
            files = tnef.unpack(decode_transfer(entity.body, entity.header("Content-Transfer-Encoding")))
            for position, inner_file in enumerate(files):
                guessed = mimetypes.guess_type(inner_file.name)[0] or "application/octet-stream"
                self.attach(entity, inner_file.name, guessed, len(inner_file.data),
                            inner_file.data[:16], tnef_index=position)
            if files:
                return
        self.attach(entity, name, entity.content_type, _decoded_size(entity), head, inline=inline)

    def collect(self, entity: Entity) -> list[Segment]:
        """The body segments of an entity; its attachments are recorded on the view."""
        if entity.is_multipart:
            if entity.content_type == "multipart/alternative":
                return self.alternative(entity)
            if entity.content_type == "multipart/related":
                return self.related(entity)
            segments: list[Segment] = []
            for child in entity.children:
                segments += self.collect(child)
            return segments
        is_text = entity.content_type in _INLINE_TEXT_TYPES
        if is_text and entity.disposition != "attachment" and not self.filename(entity) \
                and len(entity.body) <= MAX_TEXT_BYTES:
            text = entity_text(entity)
            if entity.content_type == "text/html":
                return [Segment(html=text)]
            return [Segment(plain=text)]
        self.leaf_attachment(entity, inline=entity.disposition == "inline" and entity.header("Content-ID") != "")
        return []

    def alternative(self, entity: Entity) -> list[Segment]:
        plain: list[Segment] | None = None
        rich: list[Segment] | None = None
        for child in entity.children:
            found = self.collect(child)
            if not any(_has_content(segment) for segment in found):
                # An empty rendering (e.g. the blank "part" before an unclosed final
                # delimiter) is no alternative: it would hide the HTML's text.
                continue
            if any(s.html is not None for s in found):
                rich = found  # the last (richest) HTML rendering wins
            elif plain is None:
                plain = found
        if rich is None:
            return plain or []
        plain_text = "\n\n".join(s.as_text for s in plain) if plain else None
        return [Segment(plain=plain_text, html="".join(s.html or _plain_as_html(s.plain or "") for s in rich))]

    def related(self, entity: Entity) -> list[Segment]:
        if not entity.children:
            return []
        start = (entity.param("start") or "").strip("<>")
        root = next((c for c in entity.children if start and c.header("Content-ID").strip("<>") == start),
                    entity.children[0])
        segments = self.collect(root)
        for child in entity.children:
            if child is not root:
                self.leaf_attachment(child, inline=True)
        return segments


def _has_content(segment: Segment) -> bool:
    return bool((segment.plain or "").strip() or (segment.html or "").strip())


def _plain_as_html(text: str) -> str:
    from html import escape

    return f"<pre>{escape(text)}</pre>"


def build_view(raw: bytes, internal_date: int | None = None) -> MessageView:
    """The readable form of a message; a message that cannot be parsed shows its raw text."""
    view = MessageView(envelope=parse_envelope(raw, internal_date))
    try:
        root = parse_tree(raw)
        view.segments = _Builder(view, raw).collect(root)
    except (RecursionError, LookupError, ValueError, TypeError, AttributeError, UnicodeError,
            AssertionError) as exc:
        log.warning("unparsable message: %s", type(exc).__name__)
        view.problems.append("unparsable")
        view.segments = [Segment(plain=decode_body(raw, None).text)]
        view.attachments = []
    return view


def attachment_by_number(view: MessageView, number: int) -> ViewAttachment | None:
    if 1 <= number <= len(view.attachments):
        return view.attachments[number - 1]
    return None
