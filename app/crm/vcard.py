"""vCard 2.1, 3.0 and 4.0 in; 3.0 or 4.0 out (RFC 2426, RFC 6350).

Reading copes with what phones and mail clients write: folded lines, ``item1.`` groups,
``TYPE=`` parameters in every spelling, vCard 2.1 ``QUOTED-PRINTABLE`` with soft line breaks
and ``CHARSET=GB2312``, base64 (skipped: photos), escaped ``\\,`` ``\\;`` ``\\n``, and files that
are not UTF-8.  Writing escapes and folds at 75 octets without splitting a UTF-8 character.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field

from app.crm.csv_import import decode_csv
from app.errors import Notice
from app.mail.reading.header_decoding import decode_bytes

_PROPERTY = re.compile(r"^(?:[A-Za-z0-9-]+\.)?([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$", re.DOTALL)


@dataclass
class VCard:
    name: str = ""
    first_name: str = ""
    last_name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str = ""
    title: str = ""
    note: str = ""
    tags: list[str] = field(default_factory=list)


def _unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _split(value: str, separator: str) -> list[str]:
    """Split on unescaped separators, then unescape each part."""
    parts, current, i = [], [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            current.append(value[i:i + 2])
            i += 2
            continue
        if value[i] == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(value[i])
        i += 1
    parts.append("".join(current))
    return [_unescape(p) for p in parts]


def _logical_lines(text: str) -> list[str]:
    lines: list[str] = []
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for line in raw_lines:
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]  # RFC folding
        elif lines and lines[-1].endswith("=") and "QUOTED-PRINTABLE" in lines[-1].split(":", 1)[0].upper():
            lines[-1] = lines[-1][:-1] + line  # vCard 2.1 quoted-printable soft break
        else:
            lines.append(line)
    return lines


def _decode_value(params: str, value: str) -> str | None:
    upper = params.upper()
    if "ENCODING=B" in upper or "ENCODING=BASE64" in upper:
        return None  # photos and keys
    if "QUOTED-PRINTABLE" in upper:
        charset = re.search(r"CHARSET=([^;:]+)", params, re.IGNORECASE)
        raw = quopri.decodestring(value.encode("latin-1", "replace"))
        return decode_bytes(raw, charset.group(1) if charset else "utf-8")
    return value


@dataclass
class VCardFile:
    cards: list[VCard] = field(default_factory=list)
    unterminated: list[int] = field(default_factory=list)  # 1-based positions in cards: no END:VCARD
    has_cards: bool = False  # a BEGIN:VCARD line was seen at all


def parse_vcards(data: bytes) -> list[VCard]:
    """Every card in the file; cards without a name or an address are skipped."""
    return read_vcards(data).cards


def read_vcards(data: bytes) -> VCardFile:
    """The cards of a file, and what is wrong with its structure.

    A card cut off before ``END:VCARD`` (a truncated file, or a BEGIN inside a card) is kept
    and listed in ``unterminated`` when it has a name or an address, so the import can say so
    instead of dropping it silently.
    """
    text, _encoding = decode_csv(data)
    found = VCardFile()
    card: VCard | None = None

    def keep(finished: VCard, complete: bool) -> None:
        if finished.name or finished.emails or finished.first_name or finished.last_name:
            found.cards.append(finished)
            if not complete:
                found.unterminated.append(len(found.cards))

    for line in _logical_lines(text):
        match = _PROPERTY.match(line.strip("\ufeff"))
        if not match:
            continue
        name, params, value = match.group(1).upper(), match.group(2), match.group(3)
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            if card is not None:
                keep(card, complete=False)
            card = VCard()
            found.has_cards = True
            continue
        if card is None:
            continue
        if name == "END":
            keep(card, complete=True)
            card = None
            continue
        decoded = _decode_value(params, value)
        if decoded is None:
            continue
        if name == "FN":
            card.name = _unescape(decoded).strip()
        elif name == "N":
            parts = _split(decoded, ";") + ["", ""]
            card.last_name, card.first_name = parts[0].strip(), parts[1].strip()
        elif name == "EMAIL" and decoded.strip():
            card.emails.append(_unescape(decoded).strip())
        elif name == "TEL" and decoded.strip():
            card.phones.append(_unescape(decoded).strip().removeprefix("tel:"))
        elif name == "ORG":
            card.company = _split(decoded, ";")[0].strip()
        elif name == "TITLE":
            card.title = _unescape(decoded).strip()
        elif name == "NOTE":
            card.note = _unescape(decoded).strip()
        elif name == "CATEGORIES":
            card.tags = [t.strip() for t in _split(decoded, ",") if t.strip()]
    if card is not None:
        keep(card, complete=False)
    for card in found.cards:
        if not card.name:
            card.name = " ".join(p for p in (card.first_name, card.last_name) if p) \
                if not any("\u4e00" <= ch <= "\u9fff" for ch in card.first_name + card.last_name) \
                else card.last_name + card.first_name
    return found


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continuation lines starting with a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    pieces, current, size, limit = [], [], 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines carry a leading space
        current.append(ch)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def write_vcard(card: VCard, version: str = "3.0") -> str:
    if version not in ("3.0", "4.0"):
        raise ValueError(version)
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"FN:{_escape(card.name)}",
             f"N:{_escape(card.last_name)};{_escape(card.first_name)};;;"]
    for position, email in enumerate(card.emails):
        preference = (";PREF=1" if version == "4.0" else ";TYPE=INTERNET,PREF") if position == 0 else \
            ("" if version == "4.0" else ";TYPE=INTERNET")
        lines.append(f"EMAIL{preference}:{_escape(email)}")
    for phone in card.phones:
        lines.append(f"TEL;VALUE=uri:tel:{phone}" if version == "4.0" else f"TEL;TYPE=VOICE:{_escape(phone)}")
    if card.company:
        lines.append(f"ORG:{_escape(card.company)}")
    if card.title:
        lines.append(f"TITLE:{_escape(card.title)}")
    if card.tags:
        lines.append("CATEGORIES:" + ",".join(_escape(t) for t in card.tags))
    if card.note:
        lines.append(f"NOTE:{_escape(card.note)}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def import_vcards(store, data: bytes, dry_run: bool = False):
    """Contacts from a .vcf file, through the same checks and writing as a CSV import."""
    from app.crm.csv_import import Problem, import_cards
    from app.crm.customers import ContactInput
    from app.errors import UserFacingError

    read = read_vcards(data)
    if not read.has_cards:
        raise UserFacingError("The file has no vCard in it (no BEGIN:VCARD line); nothing was imported.")
    inputs = [(ContactInput(name=c.name, first_name=c.first_name, last_name=c.last_name, emails=c.emails,
                            phones=c.phones, company=c.company, title=c.title, tags=c.tags), c.note)
              for c in read.cards]
    cut_off = [Problem(number, "END", Notice("the card has no END:VCARD line (the file may be cut off)"))
               for number in read.unterminated]
    return import_cards(store, inputs, dry_run, encoding="vcard", problems=cut_off)


def export_vcards(store, version: str = "3.0", emails: list[str] | None = None) -> str:
    """Every live contact (or those with the given addresses) as one .vcf text; refused when
    exports are off on this computer (IT's policy)."""
    from app.settings.guards import require_export_allowed

    require_export_allowed()
    import json

    from sqlalchemy import select

    from app.crm.customers import contact_by_email
    from app.crm.validation import display_phone
    from app.store.crm_models import Company, Contact, ContactEmail, ContactPhone

    out = []
    with store.read() as session:
        if emails:
            contacts = [c for c in (contact_by_email(session, e) for e in emails) if c is not None]
        else:
            contacts = list(session.scalars(select(Contact).where(Contact.deleted_at.is_(None),
                                                                  Contact.merged_into_id.is_(None))
                                            .order_by(Contact.name)))
        for contact in contacts:
            company = session.get(Company, contact.company_id) if contact.company_id else None
            card = VCard(
                name=contact.name, first_name=contact.first_name, last_name=contact.last_name,
                emails=list(session.scalars(select(ContactEmail.email).where(ContactEmail.contact_id == contact.id)
                                            .order_by(ContactEmail.position))),
                phones=[p if version == "4.0" else display_phone(p) for p in session.scalars(
                    select(ContactPhone.phone).where(ContactPhone.contact_id == contact.id)
                    .order_by(ContactPhone.position))],
                company=company.name if company else "", title=contact.title,
                tags=json.loads(contact.tags or "[]"))
            out.append(write_vcard(card, version))
    return "".join(out)
