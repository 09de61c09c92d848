"""Unpacking ``winmail.dat`` (TNEF), Outlook's wrapper around attachments.

Outlook sends attachments inside a single ``application/ms-tnef`` part when it is set to
"Rich Text" format; every other client shows a useless ``winmail.dat``.  Liaison lists the
files inside instead.  Anything tnefparse cannot read (it is not robust against hostile
input) leaves the ``winmail.dat`` itself as the attachment, so nothing is lost.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger("liaison.tnef")

TNEF_SIGNATURE = b"\x78\x9f\x3e\x22"
MAX_TNEF_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class TnefFile:
    name: str
    data: bytes


def is_tnef(content_type: str, filename: str, head: bytes) -> bool:
    return head.startswith(TNEF_SIGNATURE) and (
        content_type in ("application/ms-tnef", "application/vnd.ms-tnef")
        or filename.lower() == "winmail.dat")


def unpack(data: bytes) -> list[TnefFile]:
    """The files inside a TNEF blob; empty when it holds none or cannot be read."""
    if not data.startswith(TNEF_SIGNATURE) or len(data) > MAX_TNEF_BYTES:
        return []
    from tnefparse import TNEF

    try:
        parsed = TNEF(data, do_checksum=False)
        files = []
        for attachment in parsed.attachments:
            name = attachment.long_filename() or attachment.name
            if isinstance(name, bytes):
                name = name.decode("cp1252", "replace")
            files.append(TnefFile(str(name).strip("\x00").strip() or "attachment", bytes(attachment.data)))
        return files
    except Exception as exc:  # noqa: BLE001 - a third-party parser fed hostile bytes can raise anything
        log.warning("could not unpack winmail.dat: %s", type(exc).__name__)
        return []
