"""A record's version history, read from ``crm_changes``, and restoring an earlier version.

A version is one batch of changes (one user action, one import row, one merge).  Restoring
version N sets every field to the value it had right after N; the restore is itself a new
version (origin ``restore``), so nothing is ever lost by restoring either.

A record a team pull brought is stored with its creation entry alone (a first sync brings
100,000 records; an entry per field was a quarter of its time). Its first values are not
lost: each field had, when it was made, the old value of its first later change, or, if
it never changed, the value it has now. :func:`versions` lists them so, as if stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.crm.records import RecordType, apply_changes, is_empty, local_value, new_uuid, portable_state
from app.errors import UserFacingError
from app.store.crm_models import Change, Contact


@dataclass
class Version:
    number: int  # 1 = creation
    batch: str
    at: int
    origin: str
    record_uuid: str
    changes: list[dict] = field(default_factory=list)  # {field, old, new}

    def as_json(self) -> dict:
        return {"version": self.number, "at": datetime.fromtimestamp(self.at, timezone.utc).isoformat(),
                "origin": self.origin, "record": self.record_uuid, "changes": self.changes}


# A creation entry, as :func:`versions` lists it.
CREATED = {"field": "*", "old": None, "new": "created"}


def _decode(value: str | None):
    return None if value is None else json.loads(value)


def record_uuids(session: Session, kind: RecordType, record) -> list[str]:
    """The record and, for a contact, every contact merged into it (their history is its history)."""
    uuids = [record.uuid]
    if kind.name == "contact":
        pending = [record.id]
        while pending:
            merged = session.execute(select(Contact.id, Contact.uuid).where(Contact.merged_into_id.in_(pending))).all()
            pending = [row.id for row in merged]
            uuids += [row.uuid for row in merged]
    return uuids


def versions(session: Session, kind: RecordType, record) -> list[Version]:
    rows = session.scalars(select(Change).where(Change.record_type == kind.name,
                                                Change.record_uuid.in_(record_uuids(session, kind, record)))
                           .order_by(Change.id))
    found: dict[str, Version] = {}
    for row in rows:
        version = found.get(row.batch_uuid)
        if version is None:
            version = found[row.batch_uuid] = Version(len(found) + 1, row.batch_uuid, row.at, row.origin,
                                                      row.record_uuid)
        version.changes.append({"field": row.field, "old": _decode(row.old), "new": _decode(row.new)})
    listed = list(found.values())
    for number, version in enumerate(listed):
        if version.changes == [CREATED]:
            version.changes += _first_values(session, kind, record, version.record_uuid, listed[number + 1:])
    return listed


def _first_values(session: Session, kind: RecordType, record, record_uuid: str, later: list[Version]) -> list[dict]:
    """The values a record was created with when its creation entry stands alone (see the
    module's docstring): the old value of each field's first later change, else its value now."""
    if record.uuid != record_uuid:  # a contact merged into this one
        record = session.scalar(select(kind.model).where(kind.model.uuid == record_uuid))
        if record is None:
            return []
    first = portable_state(session, kind, record)
    for version in reversed(later):  # newest first: the earliest change's old value is set last
        if version.record_uuid != record_uuid:
            continue
        for change in reversed(version.changes):
            if change["field"] != "*":
                first[change["field"]] = change["old"]
    return [{"field": name, "old": None, "new": value} for name, value in first.items() if not is_empty(value)]


def restore(session: Session, kind: RecordType, record, number: int) -> dict[str, tuple]:
    """Bring the record's fields back to how they were right after version ``number``."""
    history = [v for v in versions(session, kind, record) if v.record_uuid == record.uuid]
    if not 1 <= number <= len(history):
        raise UserFacingError("There is no version {number} (versions 1 to {count}).", number=number, count=len(history))
    target: dict[str, object] = {}
    later_old: dict[str, object] = {}
    for version in history:
        for change in version.changes:
            name = change["field"]
            if name == "*":
                continue
            if version.number <= number:
                target[name] = change["new"]
            elif name not in target and name not in later_old:
                later_old[name] = change["old"]  # changed only after: its value before that
    wanted = {**later_old, **target}
    values = {name: local_value(session, name, value) for name, value in wanted.items()}
    return apply_changes(session, kind, record, values, "restore", cleared=set(values), batch=new_uuid())
