"""User-defined fields per record type: text, number, date or a choice from a list."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select

from app.crm.records import RECORD_TYPES, apply_changes, create, derived_uuid
from app.crm.validation import InvalidValue
from app.store.crm_models import CustomField
from app.store.database import Store
from app.store.writer import writes

FIELD_TYPES = ("text", "number", "date", "choice")
_DATE_FORMATS = (re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$"),)
_DAY_FIRST = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


CUSTOM_FIELD = RECORD_TYPES["custom_field"]


def field_uuid(record_type: str, key: str) -> str:
    """A custom field's UUID, the same on every laptop: two people who define "wechat" on
    contacts define one field, which then merges like any record (migration 0011 too)."""
    return derived_uuid(f"custom_field:{record_type}:{key}")


@writes
def define_field(store: Store, record_type: str, key: str, label: str, field_type: str,
                 choices: list[str] | None = None) -> str:
    """Define (or redefine: label, type, choices) a field; its history is the team's to sync."""
    if field_type not in FIELD_TYPES:
        raise InvalidValue("'{field_type}' is not a field type ({items})", field_type=field_type, items=list(FIELD_TYPES))
    if not re.fullmatch(r"[a-z][a-z0-9_]{0,40}", key):
        raise InvalidValue("'{key}' is not a field key (lower-case letters, digits and _)", key=key)
    values = {"record_type": record_type, "key": key, "label": label, "field_type": field_type,
              "choices": list(choices or [])}
    with store.write() as session:
        existing = session.scalar(select(CustomField).where(CustomField.uuid == field_uuid(record_type, key)))
        if existing is not None:
            existing.deleted_at = None
            apply_changes(session, CUSTOM_FIELD, existing, values, "local", cleared={"choices"})
            return existing.uuid
        values["position"] = session.scalar(select(func.count()).select_from(CustomField).where(
            CustomField.record_type == record_type, CustomField.deleted_at.is_(None)))
        return create(session, CUSTOM_FIELD, values, record_uuid=field_uuid(record_type, key)).uuid


def fields_of(store: Store, record_type: str) -> dict[str, CustomField]:
    """The live fields of a record type in order (a key defined twice: the first one)."""
    with store.read() as session:
        found: dict[str, CustomField] = {}
        for field in session.scalars(select(CustomField).where(
                CustomField.record_type == record_type, CustomField.deleted_at.is_(None))
                .order_by(CustomField.position, CustomField.id)):
            found.setdefault(field.key, field)
        return found


def parse_date(text: str) -> str:
    """An ISO date from 2026-11-24, 2026/11/24, 2026年11月24日 or 24.11.2026."""
    value = text.strip()
    match = _DATE_FORMATS[0].match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _DAY_FIRST.match(value)
        if not match:
            raise InvalidValue("'{text}' is not a date (use 2026-11-24)", text=text)
        day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise InvalidValue("'{text}' is not a real date", text=text) from None


def parse_value(field: CustomField, text: str):
    """The stored form of ``text`` for this field, or InvalidValue saying why not."""
    value = (text or "").strip()
    if not value:
        return ""
    if field.field_type == "number":
        try:
            return format(Decimal(value.replace(",", "")).normalize(), "f")
        except InvalidOperation:
            raise InvalidValue("'{text}' is not a number", text=text) from None
    if field.field_type == "date":
        return parse_date(value)
    if field.field_type == "choice":
        choices = json.loads(field.choices)
        for choice in choices:
            if choice.lower() == value.lower():
                return choice
        raise InvalidValue("'{text}' is not one of: {items}", text=text, items=list(choices))
    return value
