"""IMAP flags and the message columns that mirror them.

The four system flags a mail client acts on have their own indexed columns (unread counts and
filters run in SQL); every other flag or keyword is kept verbatim in ``keywords``.
"""

from __future__ import annotations

SEEN, FLAGGED, ANSWERED, DELETED = "\\Seen", "\\Flagged", "\\Answered", "\\Deleted"
COLUMN_FOR_FLAG = {SEEN: "seen", FLAGGED: "flagged", ANSWERED: "answered", DELETED: "deleted"}
FLAG_FOR_NAME = {"read": SEEN, "seen": SEEN, "flagged": FLAGGED, "answered": ANSWERED,
                 "deleted": DELETED}
_CANONICAL = {flag.lower(): flag for flag in COLUMN_FOR_FLAG}


def normalise_flags(flags) -> set[str]:
    """Flags from imapclient (bytes) or the store (str), with system flags canonically cased."""
    result = set()
    for flag in flags:
        text = flag.decode("utf-8", "replace") if isinstance(flag, bytes) else str(flag)
        result.add(_CANONICAL.get(text.lower(), text))
    result.discard("\\Recent")  # session-only, never stored
    return result


def flags_to_columns(flags: set[str]) -> dict:
    columns = {column: flag in flags for flag, column in COLUMN_FOR_FLAG.items()}
    columns["keywords"] = " ".join(sorted(flags - COLUMN_FOR_FLAG.keys()))
    return columns


def columns_to_flags(row) -> set[str]:
    flags = {flag for flag, column in COLUMN_FOR_FLAG.items() if getattr(row, column)}
    keywords = row.keywords or ""
    flags.update(keywords.split())
    return flags
