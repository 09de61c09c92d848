"""What a fetch brings back, before and after the envelope is parsed."""

from __future__ import annotations

from dataclasses import dataclass

from app.mail.reading.envelope import Envelope, parse_envelope


@dataclass
class FetchedBody:
    """One message as the server sent it."""

    uid: int
    raw: bytes
    flags: set[str]
    internal_date: int | None
    size: int
    modseq: int | None


@dataclass
class FetchedMessage(FetchedBody):
    """A fetched message with its envelope parsed, ready to store."""

    envelope: Envelope

    @classmethod
    def from_body(cls, body: FetchedBody) -> "FetchedMessage":
        return cls(uid=body.uid, raw=body.raw, flags=body.flags, internal_date=body.internal_date,
                   size=body.size, modseq=body.modseq,
                   envelope=parse_envelope(body.raw, body.internal_date))
