"""Read, flagged and deleted, as the program that wrote an mbox or .eml file recorded them (no Qt).

* Thunderbird keeps them in ``X-Mozilla-Status`` (hex bits: 0x1 read, 0x2 replied, 0x4
  flagged, 0x8 deleted but not yet compacted away);
* mutt, Apple Mail and other Unix tools in ``Status`` (``R`` read, ``O`` old) and
  ``X-Status`` (``A`` answered, ``F`` flagged, ``D`` deleted).

A message deleted in Thunderbird whose folder was never compacted is still in the file: it is
not imported (the user deleted it).  A message with no such header (Outlook and Foxmail
``.eml`` exports) is taken as read: it is old mail being moved in, and thousands of unread
messages would bury the new ones.
"""

from __future__ import annotations

from dataclasses import dataclass

_MOZ_READ, _MOZ_REPLIED, _MOZ_FLAGGED, _MOZ_DELETED = 0x1, 0x2, 0x4, 0x8


@dataclass(frozen=True)
class MailState:
    flags: frozenset[str]
    deleted: bool  # deleted in the program it comes from: not imported


def mail_state(headers: dict[str, list[bytes]]) -> MailState:
    """The state recorded in a message's headers (``split_header_block`` form)."""
    flags: set[str] = set()
    recorded = False
    deleted = False
    mozilla = headers.get("x-mozilla-status")
    if mozilla:
        try:
            bits = int(mozilla[0].strip()[:4] or b"0", 16)
        except ValueError:
            bits = None
        if bits is not None:
            recorded = True
            flags |= {name for bit, name in ((_MOZ_READ, "\\Seen"), (_MOZ_REPLIED, "\\Answered"),
                                             (_MOZ_FLAGGED, "\\Flagged")) if bits & bit}
            deleted = bool(bits & _MOZ_DELETED)
    status = headers.get("status")
    if status and not mozilla:
        recorded = True
        if b"R" in status[0]:
            flags.add("\\Seen")
    x_status = headers.get("x-status")
    if x_status:
        value = x_status[0]
        flags |= {name for letter, name in ((b"A", "\\Answered"), (b"F", "\\Flagged")) if letter in value}
        deleted = deleted or b"D" in value
    if not recorded:
        flags.add("\\Seen")
    return MailState(frozenset(flags), deleted)
