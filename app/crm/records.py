"""Creating, changing and deleting customer records, every change kept as an operation.

One generic path serves every record type (contact, company, deal, task, note, activity, and
the definitions that shape them: pipeline, stage, custom field):
a record is read as a flat ``state`` dict (scalar columns, list fields such as a contact's
``emails``, and ``custom.<key>`` values), a change is a dict of field → new value, and
:func:`apply_changes` writes the difference and one ``crm_changes`` row per changed field,
all in the caller's transaction, under one ``batch_uuid`` (one user action = one version).

The no-empty-overwrite rule lives here: an empty value ("" / None / []) never replaces a
filled field unless the field is in ``cleared`` (the user emptied it on purpose).  Imports,
merges and later the team sync go through the same door, so none of them can wipe data.
"""

from __future__ import annotations

import json
import os
import time
import uuid as uuid_module
from dataclasses import dataclass
from typing import Any, Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.store.automation_models import Case
from app.store.crm_models import (
    Activity,
    Change,
    Company,
    CompanyDomain,
    Contact,
    ContactEmail,
    ContactPhone,
    CustomField,
    Deal,
    Note,
    Pipeline,
    Stage,
    Task,
)


@dataclass(frozen=True)
class RecordType:
    name: str
    model: type
    fields: tuple[str, ...]  # scalar columns shown, edited and versioned
    lists: tuple[str, ...] = ()  # list fields kept in child tables or JSON

    def label_field(self) -> str:
        return self.fields[0]


RECORD_TYPES = {
    "contact": RecordType("contact", Contact, ("name", "first_name", "last_name", "title", "company_id",
                                                "owner"), ("emails", "phones", "tags")),
    "company": RecordType("company", Company, ("name", "industry", "owner"), ("domains", "tags")),
    "deal": RecordType("deal", Deal, ("title", "company_id", "contact_id", "stage_id", "amount", "currency",
                                      "expected_close", "owner", "status")),
    "task": RecordType("task", Task, ("title", "notes", "due_at", "remind_at", "done_at", "contact_id",
                                      "company_id", "deal_id", "kind")),
    "note": RecordType("note", Note, ("body", "contact_id", "company_id", "deal_id")),
    "activity": RecordType("activity", Activity, ("kind", "subject", "body", "happened_at",
                                                  "duration_minutes", "contact_id", "company_id",
                                                  "deal_id")),
    # A service case; ``messages`` are the Message-IDs filed on it (a set on the wire).
    "case": RecordType("case", Case, ("title", "description", "status", "priority", "assignee", "due_at",
                                      "contact_id", "company_id", "deal_id"), ("messages",)),
    # The team's shared configuration, versioned and synced like the records it shapes.
    "pipeline": RecordType("pipeline", Pipeline, ("name", "position")),
    "stage": RecordType("stage", Stage, ("name", "pipeline_id", "position", "outcome", "probability")),
    "custom_field": RecordType("custom_field", CustomField, ("label", "record_type", "key", "field_type",
                                                             "position"), ("choices",)),
}
DEFINITION_TYPES = ("pipeline", "stage", "custom_field")


def now() -> int:
    return int(time.time())


# Records every laptop makes alike (a custom field of a key, one person's link to a message)
# get UUIDs derived from what they are, in this namespace (the default pipeline's own UUID).
_DERIVED = uuid_module.UUID("3229011d-e98c-5623-9267-f8dc29affaf8")


def derived_uuid(name: str) -> str:
    """The same UUID on every device for the same ``name`` (UUID version 5)."""
    return str(uuid_module.uuid5(_DERIVED, name))


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def ordered_uuids(count: int) -> list[str]:
    """``count`` UUIDs (version 7 layout: the time in milliseconds, then 74 random bits) for
    history rows written by the thousand: consecutive ones sort together, so the unique index on
    ``crm_changes.op_uuid`` grows at its end instead of touching a random page per row (a first
    team sync writes 900,000 such rows; random ids made each page's commit rewrite thousands
    of index pages). One read of the random source serves them all (a third of the cost of
    asking it per id)."""
    stamp = f"{time.time_ns() // 1_000_000:012x}"
    head = f"{stamp[:8]}-{stamp[8:12]}-7"
    random_hex = os.urandom(10 * count).hex()
    made = []
    for start in range(0, 20 * count, 20):
        r = random_hex[start:start + 20]
        made.append(f"{head}{r[:3]}-{'89ab'[int(r[3], 16) & 3]}{r[4:7]}-{r[8:]}")
    return made


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def record_type(name: str) -> RecordType:
    try:
        return RECORD_TYPES[name]
    except KeyError:
        raise UserFacingError("Unknown record type '{name}'.", name=name) from None


# -- list fields --------------------------------------------------------------------------
def _read_list(session: Session, record, field: str) -> list[str]:
    if field == "emails":
        return list(session.scalars(select(ContactEmail.email).where(ContactEmail.contact_id == record.id)
                                    .order_by(ContactEmail.position, ContactEmail.id)))
    if field == "phones":
        return list(session.scalars(select(ContactPhone.phone).where(ContactPhone.contact_id == record.id)
                                    .order_by(ContactPhone.position, ContactPhone.id)))
    if field == "domains":
        return list(session.scalars(select(CompanyDomain.domain).where(CompanyDomain.company_id == record.id)
                                    .order_by(CompanyDomain.id)))
    if field in JSON_LISTS:
        return list(json.loads(getattr(record, field) or "[]"))
    raise AssertionError(field)


# List fields kept as a JSON list in the record's own column.
JSON_LISTS = ("tags", "choices", "messages")


# List fields kept in child tables: (table, its key to the record, the value's column).
LIST_TABLES = {
    "emails": (ContactEmail, ContactEmail.contact_id, "email"),
    "phones": (ContactPhone, ContactPhone.contact_id, "phone"),
    "domains": (CompanyDomain, CompanyDomain.company_id, "domain"),
}


def _write_list(session: Session, record, field: str, values: list[str]) -> None:
    if field in JSON_LISTS:
        setattr(record, field, json.dumps(values, ensure_ascii=False))
        return
    child, key, column = LIST_TABLES[field]
    session.execute(delete(child).where(key == record.id))
    session.flush()
    for position, value in enumerate(values):
        row = child(**{key.key: record.id, column: value})
        if hasattr(row, "position"):
            row.position = position
        session.add(row)
    session.flush()


# -- state and changes ------------------------------------------------------------------------
def read_state(session: Session, kind: RecordType, record) -> dict[str, Any]:
    """The record as versioned fields: scalars, lists and ``custom.<key>``."""
    state = {field: getattr(record, field) for field in kind.fields}
    for field in kind.lists:
        state[field] = _read_list(session, record, field)
    for key, value in json.loads(getattr(record, "custom", None) or "{}").items():
        state[f"custom.{key}"] = value
    return state


# Fields that point at another record: history stores the target's uuid, which means the
# same on every device (local integer keys do not).
REFERENCES = {"company_id": Company, "contact_id": Contact, "deal_id": Deal, "stage_id": Stage,
              "pipeline_id": Pipeline}


def _portable(session: Session, field: str, value):
    model = REFERENCES.get(field)
    if model is None or value is None:
        return value
    target = session.get(model, value)
    return target.uuid if target is not None else None


def portable_state(session: Session, kind: RecordType, record) -> dict[str, Any]:
    """:func:`read_state` with references as the history keeps them (the target's uuid)."""
    return {field: _portable(session, field, value) for field, value in read_state(session, kind, record).items()}


def local_value(session: Session, field: str, value):
    """The inverse of the history's uuid references: the local key (None if gone)."""
    model = REFERENCES.get(field)
    if model is None or value is None:
        return value
    return session.scalar(select(model.id).where(model.uuid == value))


def _millis_within(at: int) -> int:
    """The change's time in milliseconds, kept inside the second ``at`` (the record's own
    ``created_at``/``updated_at``): the server makes a record's creation time from this clock,
    and a reading taken a moment later could fall in the next second, so two laptops would
    show the same record created a second apart."""
    return min(max(at * 1000, int(time.time() * 1000)), at * 1000 + 999)


def _record_change(session: Session, kind: RecordType, record, field: str, old, new, origin: str,
                   batch: str, at: int) -> None:
    old, new = _portable(session, field, old), _portable(session, field, new)
    session.add(Change(op_uuid=new_uuid(), batch_uuid=batch, record_type=kind.name,
                       record_uuid=record.uuid, field=field,
                       old=None if old is None else json.dumps(old, ensure_ascii=False),
                       new=None if new is None else json.dumps(new, ensure_ascii=False),
                       at=at, at_ms=_millis_within(at), origin=origin,
                       # What sync wrote, the server already has: only local changes wait in
                       # the queue (its index is on pushed_at, so waiting rows stay few).
                       pushed_at=at if origin == "sync" else None))


def apply_changes(session: Session, kind: RecordType, record, changes: dict[str, Any], origin: str,
                  cleared: Iterable[str] = (), batch: str | None = None) -> dict[str, tuple]:
    """Write ``changes`` to ``record``; returns field → (old, new) for what really changed.

    An empty new value is ignored for a filled field unless the field is in ``cleared``.
    """
    cleared = set(cleared)
    state = read_state(session, kind, record)
    batch = batch or new_uuid()
    at = now()
    applied: dict[str, tuple] = {}
    custom = json.loads(getattr(record, "custom", None) or "{}")
    for field, new in changes.items():
        old = state.get(field)
        if is_empty(new) and not is_empty(old) and field not in cleared:
            continue  # never replace a filled field with nothing, unless the user cleared it
        if old == new or (is_empty(old) and is_empty(new)):
            continue
        if field in kind.fields:
            setattr(record, field, new)
        elif field in kind.lists:
            _write_list(session, record, field, list(new or []))
        elif field.startswith("custom."):
            key = field.split(".", 1)[1]
            if is_empty(new):
                custom.pop(key, None)
            else:
                custom[key] = new
            record.custom = json.dumps(custom, ensure_ascii=False)
        else:
            raise UserFacingError("A {kind_name} has no field '{field}'.", kind_name=kind.name, field=field)
        _record_change(session, kind, record, field, old, new, origin, batch, at)
        applied[field] = (old, new)
    if applied:
        record.updated_at = at
    return applied


def blank_row(kind: RecordType, record_uuid: str, at: int) -> dict[str, Any]:
    """The columns of a new record with every field at its column's empty value (NOT NULL
    columns without a default start at 0 or ""): for a Core insert (the pull's bulk path) and,
    through :func:`blank`, for an ORM object — one definition of "empty" for both."""
    row: dict[str, Any] = {"uuid": record_uuid, "created_at": at, "updated_at": at}
    for field in kind.fields:
        column = kind.model.__table__.c[field]
        if column.default is not None and not callable(column.default.arg):
            row[field] = column.default.arg
        elif not column.nullable:
            row[field] = 0 if column.type.python_type is int else ""
        else:
            row[field] = None
    if hasattr(kind.model, "custom"):
        row["custom"] = "{}"
    for field in JSON_LISTS:
        if hasattr(kind.model, field):
            row[field] = "[]"
    return row


def blank(kind: RecordType, record_uuid: str, at: int):
    """A record with every field at its column's empty value, not added to a session yet."""
    return kind.model(**blank_row(kind, record_uuid, at))


def create(session: Session, kind: RecordType, values: dict[str, Any], origin: str = "local",
           batch: str | None = None, record_uuid: str | None = None):
    """A new record with ``values``; its creation and each filled field are in its history."""
    at = now()
    record = blank(kind, record_uuid or new_uuid(), at)
    session.add(record)
    session.flush()
    batch = batch or new_uuid()
    _record_change(session, kind, record, "*", None, "created", origin, batch, at)
    apply_changes(session, kind, record, values, origin, batch=batch)
    return record


def record_event(session: Session, kind: RecordType, record, event: str, detail, origin: str,
                 batch: str | None = None) -> None:
    """A history entry that is not a field change (merged, erased…): field ``*``."""
    _record_change(session, kind, record, "*", None, {event: detail}, origin, batch or new_uuid(), now())


def soft_delete(session: Session, kind: RecordType, record, origin: str = "local") -> None:
    """Mark deleted (a tombstone for the team sync); the row and its history stay."""
    if record.deleted_at is None:
        record.deleted_at = now()
        _record_change(session, kind, record, "*", "live", "deleted", origin, new_uuid(), record.deleted_at)


def by_uuid(session: Session, kind: RecordType, record_uuid: str):
    record = session.scalar(select(kind.model).where(kind.model.uuid == record_uuid))
    if record is None:
        raise UserFacingError("No {kind_name} with id {record_uuid}.", kind_name=kind.name, record_uuid=record_uuid)
    return record
