"""Lookup keys of a record (emails, phones, domains, names; for a shared message, the records it
is filed on), lower-cased, rewritten whenever the record changes: duplicate checks (查重),
search and sharing use them instead of scanning JSON."""

from __future__ import annotations

import re

from sqlalchemy import delete
from sqlalchemy.orm import Session

from server.db.models import Record, RecordKey

_NAME_FIELDS = {"company": ("name",), "contact": ("name", "first_name", "last_name"),
                "deal": ("title",)}
_SET_KEYS = {("contact", "emails"): "email", ("contact", "phones"): "phone",
             ("company", "domains"): "domain"}


def phone_key(phone: str) -> str:
    """Digits only, so '+86 138-0013-8000' and '+8613800138000' are the same phone."""
    return re.sub(r"\D", "", phone)


def record_keys(record: Record) -> list[tuple[str, str]]:
    if record.deleted_at is not None:
        return []
    keys: list[tuple[str, str]] = []
    fields = record.fields or {}
    for field in _NAME_FIELDS.get(record.type, ()):
        value = fields.get(field)
        if value:
            keys.append(("name", value.strip().lower()[:400]))
    for (record_type, field), kind in _SET_KEYS.items():
        if record.type == record_type:
            for element in fields.get(field) or ():
                value = phone_key(element) if kind == "phone" else element.lower()
                if value:
                    keys.append((kind, value[:400]))
    if record.type == "message_link":  # the records it is filed on (server.records.filing)
        for field in ("contact", "company", "deal"):
            if fields.get(field):
                keys.append(("filed_on", fields[field]))
    if record.type == "contact":
        for email in fields.get("emails") or ():
            if "@" in email:
                keys.append(("domain", email.rsplit("@", 1)[1].lower()[:400]))
    return sorted(set(keys))


def rewrite_keys(session: Session, records: list[Record]) -> None:
    """Replace the keys of ``records`` (one DELETE and one bulk INSERT per 500 records)."""
    for start in range(0, len(records), 500):
        chunk = records[start:start + 500]
        session.execute(delete(RecordKey).where(
            RecordKey.record_uuid.in_([r.uuid for r in chunk])))
        rows = [{"record_uuid": r.uuid, "kind": kind, "value": value}
                for r in chunk for kind, value in record_keys(r)]
        if rows:
            session.execute(RecordKey.__table__.insert(), rows)
