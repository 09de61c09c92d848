"""Applying what a pull brings, through the same door as every other write
(:func:`app.crm.records.apply_changes`, origin ``sync``: in the history, never pushed back).

* A field with a local change still waiting to be pushed is left alone, value and version:
  the push will carry the local change with the version it was made on, and the server
  decides (docs/sync-protocol.md). What the person typed is never overwritten by a pull.
* Fields a pull leaves out are not touched (absent is not empty); a pulled empty value is a
  person's clear and clears the field.
* One contact per email, one company per domain, locally: a pulled record takes an address
  another local record holds (that record's change is in its history, origin ``sync``), so a
  pull can never fail on uniqueness.
* References arrive as UUIDs; one to a record not pulled yet is resolved when the pull ends.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.crm import records
from app.crm.records import RECORD_TYPES, is_empty
from app.store.crm_models import Change, CompanyDomain, ContactEmail
from app.store.team_models import TeamConflict, TeamFieldVersion, TeamRecord
from app.sync import clock
from app.sync.fields import TO_LOCAL, local_field, server_field


def pending_fields(session: Session, record_uuid: str) -> set[str]:
    """Server names of the fields of a record with a local change not pushed yet."""
    rows = session.scalars(select(Change.field).where(
        Change.record_uuid == record_uuid, Change.pushed_at.is_(None), Change.origin != "sync"))
    return {server_field(f) or f for f in rows}


def find_local(session: Session, record_type: str, record_uuid: str):
    kind = RECORD_TYPES.get(record_type)
    if kind is None:
        return None, None
    return kind, session.scalar(select(kind.model).where(kind.model.uuid == record_uuid))


def _take_unique(session: Session, record, field: str, values: list[str]) -> None:
    """Remove addresses ``record`` is about to receive from the other local records holding
    them (the unique local indexes would refuse the pulled record otherwise)."""
    if field == "emails":
        child, key, column, kind = ContactEmail, ContactEmail.contact_id, ContactEmail.email, "contact"
    elif field == "domains":
        child, key, column, kind = CompanyDomain, CompanyDomain.company_id, CompanyDomain.domain, "company"
    else:
        return
    holders = session.scalars(select(key).where(column.in_([v.lower() for v in values]),
                                                key != record.id)).all()
    model = RECORD_TYPES[kind]
    for holder_id in set(holders):
        other = session.get(model.model, holder_id)
        remaining = [v for v in records.read_state(session, model, other)[field]
                     if v.lower() not in {x.lower() for x in values}]
        records.apply_changes(session, model, other, {field: remaining}, origin="sync",
                              cleared={field})
    session.flush()


def apply_record(session: Session, pulled: dict, deferred: list) -> None:
    kind, record = find_local(session, pulled["type"], pulled["uuid"])
    if kind is None:
        return  # a type this client does not keep (pipelines, message links…)
    if record is None:
        if pulled["deleted"]:
            return
        record = records.create(session, kind, {}, origin="sync", record_uuid=pulled["uuid"])
        record.created_at = _seconds(pulled["created_at"]) or record.created_at
    pending = pending_fields(session, record.uuid)
    changes, cleared = {}, set()
    for field, value in pulled["fields"].items():
        name = local_field(kind.name, field)
        if name is None or field in pending:
            continue
        if field in TO_LOCAL and value:
            local_id = records.local_value(session, name, value)
            if local_id is None:
                deferred.append((kind.name, record.uuid, name, value))
                continue
            value = local_id
        if name in kind.lists:
            value = list(value or [])
            if value:
                _take_unique(session, record, name, value)
        if is_empty(value):
            cleared.add(name)
        changes[name] = value
    owner = pulled["owner"]["name"] or pulled["owner"]["email"]
    if "owner" in kind.fields and "owner" not in pending:
        changes["owner"] = owner
    records.apply_changes(session, kind, record, changes, origin="sync", cleared=cleared)
    _follow_deletion(session, kind, record, pulled["deleted"])
    for field, version in pulled["versions"].items():
        if field in pending:
            continue
        clock.witness(session, version["hlc"])
        row = session.get(TeamFieldVersion, (record.uuid, field))
        if row is None:
            session.add(TeamFieldVersion(record_uuid=record.uuid, field=field,
                                         version=version["v"], hlc=version["hlc"]))
        else:
            row.version, row.hlc = version["v"], version["hlc"]
    _remember_record(session, kind.name, pulled)


def _seconds(iso_time: str | None) -> int | None:
    try:
        return int(datetime.fromisoformat(iso_time).timestamp()) if iso_time else None
    except ValueError:
        return None


def _follow_deletion(session: Session, kind, record, deleted: bool) -> None:
    if deleted and record.deleted_at is None:
        records.soft_delete(session, kind, record, origin="sync")
    elif not deleted and record.deleted_at is not None:
        record.deleted_at = None  # an admin restored it on the server
        records.record_event(session, kind, record, "restored", "team", origin="sync")


def _remember_record(session: Session, record_type: str, pulled: dict) -> None:
    row = session.get(TeamRecord, pulled["uuid"]) or TeamRecord(record_uuid=pulled["uuid"])
    row.record_type = record_type
    row.owner_email = pulled["owner"]["email"]
    row.owner_name = pulled["owner"]["name"]
    row.team_name = pulled["team"]["name"]
    row.sharing = pulled["sharing"]
    row.can_edit = pulled["can_edit"]
    row.can_manage = pulled["can_manage"]
    row.revision = pulled["revision"]
    session.add(row)


def resolve_references(session: Session, deferred: list) -> list:
    """Set references whose targets arrived later in the pull; returns those still missing."""
    missing = []
    for record_type, record_uuid, field, target in deferred:
        kind, record = find_local(session, record_type, record_uuid)
        local_id = records.local_value(session, field, target)
        if record is None or local_id is None:
            missing.append((record_type, record_uuid, field, target))
            continue
        records.apply_changes(session, kind, record, {field: local_id}, origin="sync")
    return missing


def remove_record(session: Session, record_uuid: str) -> None:
    """A record this person may no longer see leaves the profile (the server keeps it)."""
    known = session.get(TeamRecord, record_uuid)
    if known is None:
        return
    kind, record = find_local(session, known.record_type, record_uuid)
    if record is not None:
        session.delete(record)
    session.execute(delete(TeamFieldVersion).where(TeamFieldVersion.record_uuid == record_uuid))
    session.execute(delete(TeamConflict).where(TeamConflict.record_uuid == record_uuid))
    # Its history goes with it; a local change not pushed yet could never be now.
    session.execute(delete(Change).where(Change.record_uuid == record_uuid))
    session.delete(known)


def remember_conflict(session: Session, conflict: dict) -> None:
    if session.get(TeamConflict, conflict["id"]) is not None:
        return
    known = session.get(TeamRecord, conflict["record"])
    session.add(TeamConflict(
        id=conflict["id"], record_type=known.record_type if known else "",
        record_uuid=conflict["record"], field=conflict["field"],
        kept=json.dumps(conflict["kept"], ensure_ascii=False),
        lost=json.dumps(conflict["lost"], ensure_ascii=False),
        kept_by=conflict["kept_by"], lost_by=conflict["lost_by"], at=conflict["at"]))
