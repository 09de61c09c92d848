"""IMAP requests that imapclient cannot send or parses too slowly.

``fetch_bodies`` is the bulk message fetch of a sync, parsed with a narrow fast path.

``UID FETCH 1:* (FLAGS) (CHANGEDSINCE m [VANISHED])`` asks the server for exactly the
messages whose flags changed since our last sync, and (with QRESYNC) the UIDs expunged
since then.  imapclient's ``fetch`` cannot send the ``1:*`` set, so the command is sent
through its imaplib connection here, and the response is parsed with imapclient's own
parser.  Kept in one module because it touches imaplib internals.
"""

from __future__ import annotations

import re
from datetime import datetime

from imapclient.response_parser import parse_fetch_response

from app.mail.imap.fetched import FetchedBody
from app.store.flags import normalise_flags

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


# -- the bulk body fetch of an initial sync ----------------------------------------------
_ITEM_PATTERNS = {
    "uid": re.compile(rb"\bUID (\d+)"),
    "flags": re.compile(rb"\bFLAGS \(([^)]*)\)"),
    "internaldate": re.compile(rb'\bINTERNALDATE "([^"]+)"'),
    "size": re.compile(rb"\bRFC822\.SIZE (\d+)"),
    "modseq": re.compile(rb"\bMODSEQ \((\d+)\)"),
}
_BODY_LITERAL = re.compile(rb"\bBODY\[\] \{(\d+)\}$")
BODY_ITEMS = "(UID BODY.PEEK[] FLAGS INTERNALDATE RFC822.SIZE{modseq})"


def _internal_date(value: bytes | None) -> int | None:
    if value is None:
        return None
    try:
        return int(datetime.strptime(value.decode("ascii"), "%d-%b-%Y %H:%M:%S %z").timestamp())
    except ValueError:
        return None


def _parse_body_response(prefix: bytes, literal: bytes, suffix: bytes) -> FetchedBody | None:
    """One ``* n FETCH (... BODY[] {size}`` response; None when it is not of that shape."""
    if not _BODY_LITERAL.search(prefix):
        return None
    text = prefix + b" " + suffix
    found = {name: pattern.search(text) for name, pattern in _ITEM_PATTERNS.items()}
    if found["uid"] is None:
        return None
    flags = found["flags"].group(1).split() if found["flags"] else []
    return FetchedBody(
        uid=int(found["uid"].group(1)), raw=literal, flags=normalise_flags(flags),
        internal_date=_internal_date(found["internaldate"].group(1) if found["internaldate"] else None),
        size=int(found["size"].group(1)) if found["size"] else len(literal),
        modseq=int(found["modseq"].group(1)) if found["modseq"] else None)


def fetch_bodies(client, uids: list[int], with_modseq: bool) -> list[FetchedBody]:
    """Whole messages for ``uids``, parsed without imapclient's general-purpose lexer.

    This is the command that moves nearly every byte of an initial sync; imapclient's token
    stream cost as much CPU as the rest of sync together.  Responses of any other shape
    (a server that orders items oddly, an unsolicited FETCH) go through imapclient's parser.
    """
    imap = client._imap
    items = BODY_ITEMS.format(modseq=" MODSEQ" if with_modseq else "")
    tag = imap._command("UID", "FETCH", ",".join(map(str, uids)), items)
    typ, data = imap._command_complete("FETCH", tag)
    client._checkok("fetch", typ, data)
    typ, responses = imap._untagged_response(typ, data, "FETCH")
    bodies: list[FetchedBody] = []
    leftovers: list = []
    for index, entry in enumerate(responses or []):
        if isinstance(entry, tuple) and len(entry) == 2:
            following = responses[index + 1] if index + 1 < len(responses) else b""
            suffix = following if isinstance(following, bytes) else b""
            parsed = _parse_body_response(entry[0], entry[1], suffix)
            if parsed is not None:
                bodies.append(parsed)
                continue
        leftovers.append(entry)
    wanted = set(uids)
    for uid, item in (parse_fetch_response(leftovers, False, True).items() if any(
            isinstance(e, tuple) for e in leftovers) else []):
        if uid in wanted and b"BODY[]" in item:
            modseq = item.get(b"MODSEQ")
            stamp = item.get(b"INTERNALDATE")
            bodies.append(FetchedBody(
                uid=uid, raw=item[b"BODY[]"], flags=normalise_flags(item.get(b"FLAGS", ())),
                internal_date=int(stamp.timestamp()) if stamp else None,
                size=int(item.get(b"RFC822.SIZE") or len(item[b"BODY[]"])),
                modseq=int(modseq[0]) if modseq else None))
    return [b for b in bodies if b.uid in wanted]
