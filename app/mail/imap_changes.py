"""CONDSTORE / QRESYNC requests that imapclient has no method for.

``UID FETCH 1:* (FLAGS) (CHANGEDSINCE m [VANISHED])`` asks the server for exactly the
messages whose flags changed since our last sync, and (with QRESYNC) the UIDs expunged
since then.  imapclient's ``fetch`` cannot send the ``1:*`` set, so the command is sent
through its imaplib connection here, and the response is parsed with imapclient's own
parser.  Kept in one module because it touches imaplib internals.
"""

from __future__ import annotations

import re

from imapclient.response_parser import parse_fetch_response

from app.mail.flags import normalise_flags

_RANGE = re.compile(r"(\d+)(?::(\d+))?")


def uid_set_members(spec: str, candidates: set[int]) -> set[int]:
    """The candidates inside an IMAP UID set such as ``1:4,7,9:12``, without expanding it."""
    ranges = []
    for match in _RANGE.finditer(spec):
        low = int(match.group(1))
        high = int(match.group(2)) if match.group(2) else low
        ranges.append((min(low, high), max(low, high)))
    return {uid for uid in candidates if any(low <= uid <= high for low, high in ranges)}


def fetch_changed_since(client, modseq: int, with_vanished: bool, known: set[int]):
    """(flags by UID for changed messages, expunged UIDs among ``known``)."""
    imap = client._imap
    modifier = f"(CHANGEDSINCE {modseq}{' VANISHED' if with_vanished else ''})"
    imap.untagged_responses.pop("VANISHED", None)
    tag = imap._command("UID", "FETCH", "1:*", "(UID FLAGS)", modifier)
    typ, data = imap._command_complete("FETCH", tag)
    client._checkok("fetch", typ, data)
    typ, fetched = imap._untagged_response(typ, data, "FETCH")
    changed: dict[int, set[str]] = {}
    if fetched and fetched != [None]:
        for uid, item in parse_fetch_response(fetched, False, True).items():
            if b"FLAGS" in item:
                changed[uid] = normalise_flags(item[b"FLAGS"])
    vanished: set[int] = set()
    for line in imap.untagged_responses.pop("VANISHED", []) or []:
        text = line.decode("ascii", "replace") if isinstance(line, bytes) else str(line)
        text = text.replace("(EARLIER)", "")
        vanished |= uid_set_members(text, known)
    return changed, vanished
