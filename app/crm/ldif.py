"""Contacts from an LDIF file: Thunderbird's "Export → LDIF" address book (no Qt).

LDIF (RFC 2849) is one record per paragraph of ``attribute: value`` lines; ``attribute::``
means the value is base64 (Thunderbird writes every non-ASCII value that way, so Chinese
names arrive base64-encoded UTF-8), a line starting with one space continues the previous
one, and ``#`` starts a comment.  Thunderbird's attribute names are mapped to contact
fields; the rest (addresses, web pages, custom fields) is left out.  Records that are mailing
lists (``objectclass: groupOfNames``) are not contacts and are skipped.

The contacts then go through the same checks and the same all-or-nothing writing as a CSV
or vCard import (:func:`app.crm.csv_import.import_cards`).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field

# Thunderbird's LDIF attributes (and the standard inetOrgPerson ones other tools write).
_NAME = ("cn", "displayname")
_FIRST = ("givenname",)
_LAST = ("sn", "surname")
_EMAILS = ("mail", "mozillasecondemail")
_PHONES = ("telephonenumber", "mobile", "homephone", "cellphone", "pager")
_COMPANY = ("o", "company")
_TITLE = ("title",)
_NOTE = ("description",)


@dataclass
class LdifEntry:
    attributes: dict[str, list[str]] = field(default_factory=dict)

    def first(self, names: tuple[str, ...]) -> str:
        return next((v for n in names for v in self.attributes.get(n, []) if v.strip()), "").strip()

    def every(self, names: tuple[str, ...]) -> list[str]:
        return [v.strip() for n in names for v in self.attributes.get(n, []) if v.strip()]

    @property
    def is_group(self) -> bool:
        return any(v.lower() == "groupofnames" for v in self.attributes.get("objectclass", []))


def is_ldif(data: bytes, filename: str = "") -> bool:
    head = data.lstrip(b"\xef\xbb\xbf")[:4096].lstrip()
    return filename.lower().endswith((".ldif", ".ldi")) or head.startswith((b"dn:", b"dn::", b"version:"))


def parse_ldif(data: bytes) -> tuple[list[LdifEntry], list[int]]:
    """The entries of an LDIF file, and the numbers of records with an undecodable value."""
    text = data.decode("utf-8-sig", "replace").replace("\r\n", "\n")
    entries: list[LdifEntry] = []
    broken: list[int] = []
    lines: list[str] = []
    for line in text.split("\n"):
        if line.startswith(" ") and lines:
            lines[-1] += line[1:]  # a folded line
        else:
            lines.append(line)
    current: LdifEntry | None = None
    for line in lines + [""]:
        if not line.strip():
            if current is not None and current.attributes:
                entries.append(current)
            current = None
            continue
        if line.startswith("#") or ":" not in line:
            continue
        name, _, value = line.partition(":")
        if current is None:
            current = LdifEntry()
        if value.startswith(":"):
            try:
                value = base64.b64decode(value[1:].strip(), validate=False).decode("utf-8", "replace")
            except (binascii.Error, ValueError):
                broken.append(len(entries) + 1)
                continue
        elif value.startswith("<"):
            continue  # a URL reference (a photo file): not imported
        current.attributes.setdefault(name.strip().lower(), []).append(value.strip())
    return entries, broken


def import_ldif(store, data: bytes, dry_run: bool = False):
    """Contacts from an LDIF file, through the same checks and writing as a CSV import."""
    from app.crm.csv_import import Problem, import_cards
    from app.crm.customers import ContactInput
    from app.errors import UserFacingError

    entries, broken = parse_ldif(data)
    people = [e for e in entries if not e.is_group and "dn" in e.attributes]
    if not people:
        raise UserFacingError("The file has no LDIF address book entry in it (no dn: line); nothing was imported.")
    inputs = [(ContactInput(name=e.first(_NAME), first_name=e.first(_FIRST), last_name=e.first(_LAST),
                            emails=e.every(_EMAILS), phones=e.every(_PHONES), company=e.first(_COMPANY),
                            title=e.first(_TITLE)), e.first(_NOTE)) for e in people]
    problems = [Problem(number, "value", "a base64 value could not be decoded") for number in broken]
    return import_cards(store, inputs, dry_run, encoding="ldif", problems=problems)
