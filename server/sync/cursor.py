"""Pull cursors: opaque to clients, ``base64url("REVISION:UUID")`` to the server. A cursor
means "every record up to this (revision, uuid) has been delivered"; an empty UUID means the
whole revision."""

from __future__ import annotations

import base64
import binascii


class CursorError(ValueError):
    pass


def encode(revision: int, last_uuid: str | None) -> str:
    return base64.urlsafe_b64encode(f"{revision}:{last_uuid or ''}".encode()).decode().rstrip("=")


def decode(cursor: str | None) -> tuple[int, str | None]:
    if not cursor:
        return 0, None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        revision, last_uuid = raw.split(":", 1)
        value = int(revision)
        if value < 0 or len(last_uuid) > 36:
            raise ValueError
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise CursorError("the cursor is not one this server gave out; pull again without "
                          "one") from None
    return value, last_uuid or None
