"""A message's MIME tree, parsed leniently and within fixed bounds.

The same boundary finder as the sync path (:mod:`app.mail.reading.mime_structure`) splits entities;
each entity's header block is parsed with the standard library (compat32, which never
raises on bad syntax).  Bodies stay as slices of the raw bytes, still transfer-encoded,
until something needs them.

Bounds make hostile input cheap: at most ``MAX_DEPTH`` levels of nesting and ``MAX_PARTS``
entities; a header block longer than ``MAX_HEADER_BYTES`` is cut (the rest of a header bomb
is ignored, the body is still found after it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import Message
from email.parser import BytesHeaderParser

from app.mail.reading.mime_structure import (
    MAX_DEPTH,
    MAX_PARTS,
    child_parts,
    multipart_boundary,
    split_entity,
)

MAX_HEADER_BYTES = 256 * 1024

_header_parser = BytesHeaderParser()


@dataclass
class Entity:
    index: int  # position in depth-first order, containers included (like Message.walk())
    headers: Message
    content_type: str
    body: bytes  # still transfer-encoded; empty for a multipart container
    children: list[Entity] = field(default_factory=list)

    @property
    def is_multipart(self) -> bool:
        return self.content_type.startswith("multipart/")

    def param(self, name: str) -> str | None:
        value = self.headers.get_param(name)
        if isinstance(value, tuple):  # RFC 2231 (charset, language, text)
            value = value[2]
        return str(value) if value is not None else None

    def header(self, name: str) -> str:
        return str(self.headers.get(name) or "").strip()

    @property
    def disposition(self) -> str:
        return self.header("Content-Disposition").split(";", 1)[0].strip().lower()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def parse_tree(raw: bytes) -> Entity:
    """The root entity; every descendant reachable through ``children``."""
    counter = 0
    root: Entity | None = None
    stack: list[tuple[bytes, int, Entity | None]] = [(raw, 0, None)]
    while stack and counter < MAX_PARTS:
        data, depth, parent = stack.pop()
        header_bytes, body = split_entity(data)
        headers = _header_parser.parsebytes(header_bytes[:MAX_HEADER_BYTES])
        content_type = headers.get_content_type()  # text/plain when missing or malformed
        if parent is not None and parent.content_type == "multipart/digest" and headers.get("Content-Type") is None:
            content_type = "message/rfc822"  # RFC 2046 5.1.5: a digest's default
        entity = Entity(counter, headers, content_type, body)
        counter += 1
        if parent is None:
            root = entity
        else:
            parent.children.append(entity)
        boundary = multipart_boundary(headers) if entity.is_multipart else None
        if boundary and depth < MAX_DEPTH:
            entity.body = b""
            children = child_parts(body, boundary)
            # Reversed so the stack pops them in order; depth-first like Message.walk().
            stack.extend((child, depth + 1, entity) for child in reversed(children))
        elif entity.is_multipart:
            entity.content_type = "text/plain"  # no usable boundary: show the body as text
    assert root is not None
    return root
