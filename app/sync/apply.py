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
import time
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.crm import records
from app.crm.records import RECORD_TYPES, is_empty
from app.store import bulk
from app.store.crm_models import Change
from app.store.team_models import TeamConflict, TeamRecord, TeamTimelineEntry
from app.sync import clock, field_versions, shared_timeline
from app.sync.fields import TO_LOCAL, local_field, normalise_element, server_field


def find_local(session: Session, record_type: str, record_uuid: str):
    kind = RECORD_TYPES.get(record_type)
    if kind is None:
        return None, None
    return kind, session.scalar(select(kind.model).where(kind.model.uuid == record_uuid))


def apply_page(session: Session, pulled_records: list[dict], deferred: list) -> None:
    """Apply one pulled page: the per-page reads (unsent fields, known records) and writes
    (field versions, server facts, the clock) are one statement each, not one per field."""
    links = [r for r in pulled_records if r["type"] == "message_link"]
    if links:  # the shared timeline: metadata of colleagues' mail, not records edited here
        shared_timeline.apply_links(session, links)
        pulled_records = [r for r in pulled_records if r["type"] != "message_link"]
    uuids = {r["uuid"] for r in pulled_records}
    pending: dict[str, set[str]] = {}
    # The queue of unsent changes is small (a round pushes before it pulls) and indexed on
    # pushed_at; the history as a whole is not read.
    for record_uuid, field in session.execute(select(Change.record_uuid, Change.field).where(
            Change.pushed_at.is_(None), Change.origin != "sync")):
        if record_uuid in uuids:
            pending.setdefault(record_uuid, set()).add(server_field(field) or field)
    known: dict[str, object] = {}
    for kind in RECORD_TYPES.values():
        wanted = [r["uuid"] for r in pulled_records if r["type"] == kind.name]
        if wanted:
            known.update((record.uuid, record) for record in session.scalars(
                select(kind.model).where(kind.model.uuid.in_(wanted))))
    facts = []
    arriving = [p for p in pulled_records if p["uuid"] not in known and not p["deleted"]
                and p["type"] in RECORD_TYPES]
    created = _create_pulled(session, arriving, deferred) if arriving else set()
    with session.no_autoflush:
        for pulled in pulled_records:
            if pulled["uuid"] in created:
                applied = pulled["type"]
            else:
                applied = _apply_record(session, pulled, known.get(pulled["uuid"]),
                                        pending.get(pulled["uuid"], set()), deferred)
            if not applied:
                continue
            mine = pending.get(pulled["uuid"], ())
            facts.append({**_facts(applied, pulled), "versions": {
                field: [version["v"], version["hlc"]] for field, version in pulled["versions"].items()
                if field not in mine}})
    # The newest clock seen, each distinct value compared once (a record's fields mostly
    # share one): the first of equals wins, as when folding max() over every version.
    latest = max(["", *dict.fromkeys(v[1] for fact in facts for v in fact["versions"].values())],
                 key=_clock_order)
    session.flush()
    # A record seen before keeps the versions of fields this pull leaves out or that have a
    # local change waiting (its base stays the version that change was made on).
    before = field_versions.stored(session, [f["record_uuid"] for f in facts if f["record_uuid"] not in created])
    for fact in facts:
        fact["versions"] = field_versions.encode({**before.get(fact["record_uuid"], {}), **fact["versions"]})
    bulk.insert_many(session, TeamRecord.__table__, facts, on_conflict=(
        ("record_uuid",), ("record_type", "owner_email", "owner_name", "team_name", "sharing", "can_edit",
                           "can_manage", "revision", "pooled", "versions")))
    if latest:
        clock.witness(session, latest)


def _create_pulled(session: Session, arriving: list[dict], deferred: list) -> set[str]:
    """Records new to this profile, made in bulk (a first sync brings 100,000): the same rows
    as :func:`app.crm.records.create` would write, with one ``executemany`` per table
    (app.store.bulk), no ORM objects (building and flushing those was most of a first sync's
    time). The history gets the creation entry alone, origin ``sync``: the first values are
    the record's own until a field changes, and that change keeps the old one
    (:mod:`app.crm.history` lists them; an entry per field was a quarter of the time)."""
    at, at_ms = int(time.time()), int(time.time() * 1000)
    claimed: dict[str, set[str]] = {"emails": set(), "domains": set()}
    for field in claimed:
        wanted = {normalise_element(field, e) for p in arriving for e in p["fields"].get(field) or ()}
        if wanted:
            _free_addresses(session, field, wanted)
    made: dict[str, list[dict]] = {}  # record type → rows, in pulled order
    history, children, references = [], [], []
    for pulled in arriving:
        kind = RECORD_TYPES[pulled["type"]]
        row = records.blank_row(kind, pulled["uuid"], _seconds(pulled["created_at"]) or at)
        custom = {}
        history.append(_creation_row(kind, pulled["uuid"], at, at_ms))
        for field, value in pulled["fields"].items():
            name = local_field(kind.name, field)
            if name is None or is_empty(value):
                continue
            if name in kind.lists:
                value = [v for v in value if normalise_element(field, v) not in claimed.get(field, ())]
                claimed.get(field, set()).update(normalise_element(field, v) for v in value)
                if name in records.JSON_LISTS:
                    row[name] = json.dumps(value, ensure_ascii=False)
                else:
                    children.append((name, pulled["uuid"], value))
            elif field in TO_LOCAL:
                references.append((kind, row, name, value))
            elif name.startswith("custom."):
                custom[name[7:]] = value
            else:
                row[name] = value
        if "owner" in kind.fields:
            row["owner"] = pulled["owner"]["name"] or pulled["owner"]["email"]
        if custom:
            row["custom"] = json.dumps(custom, ensure_ascii=False)
        made.setdefault(kind.name, []).append(row)
    ids = _insert_records(session, made, references, deferred)
    for name, table_rows in _child_rows(children, ids).items():
        bulk.insert_many(session, records.LIST_TABLES[name][0].__table__, table_rows)
    for row, op_uuid in zip(history, records.ordered_uuids(len(history))):
        row["op_uuid"] = op_uuid
    bulk.insert_many(session, Change.__table__, history)
    return set(ids)


def _insert_records(session: Session, made: dict[str, list[dict]], references: list,
                    deferred: list) -> dict[str, int]:
    """Insert the new rows, one statement per record type; returns uuid → local id.

    Types go in :data:`_CREATION_ORDER` (companies before the contacts and deals pointing at
    them) so most references are set in the insert itself; one to a record later in the same
    page is set by an update afterwards, one to a record not pulled yet is ``deferred``."""
    by_type: dict[str, list] = {}
    for reference in references:
        by_type.setdefault(reference[0].name, []).append(reference)
    ids: dict[str, int] = {}
    later: list = []
    for type_name in sorted(made, key=_CREATION_ORDER.index):
        kind, rows = RECORD_TYPES[type_name], made[type_name]
        later += _link_references(session, by_type.get(type_name, []))
        bulk.insert_many(session, kind.model.__table__, rows)
        ids.update(session.execute(select(kind.model.uuid, kind.model.id).where(
            kind.model.uuid.in_([row["uuid"] for row in rows]))).all())
    for kind, row, name, value in later:
        local_id = records.local_value(session, name, value)
        if local_id is None:
            deferred.append((kind.name, row["uuid"], name, value))
        else:
            session.execute(update(kind.model).where(kind.model.id == ids[row["uuid"]])
                            .values({name: local_id}))
    return ids


# Referenced types first (see REFERENCES in app.crm.records: stages name their pipeline,
# deals their stage); a type not named here goes last.
_FIRST = ("pipeline", "stage", "company", "contact", "deal")
_CREATION_ORDER = (*_FIRST, *(t for t in RECORD_TYPES if t not in _FIRST))


def _child_rows(children: list, ids: dict[str, int]) -> dict[str, list[dict]]:
    """Rows of the list fields' child tables (emails, phones, domains), per table."""
    rows: dict[str, list[dict]] = {}
    for name, record_uuid, values in children:
        _table, key, column = records.LIST_TABLES[name]
        positioned = name != "domains"  # domains have no order column
        rows.setdefault(name, []).extend(
            {key.key: ids[record_uuid], column: v, **({"position": n} if positioned else {})}
            for n, v in enumerate(values))
    return rows


def _creation_row(kind, record_uuid: str, at: int, at_ms: int) -> dict:
    """A pulled record's creation entry, without its op_uuid: :func:`_create_pulled` gives a
    page's entries theirs at once."""
    return {"batch_uuid": records.new_uuid(), "record_type": kind.name, "record_uuid": record_uuid,
            "field": "*", "old": None, "new": '"created"', "at": at, "at_ms": at_ms,
            "origin": "sync", "pushed_at": at}


def _free_addresses(session: Session, field: str, addresses: set[str], keep_id: int | None = None) -> None:
    """Local records already holding addresses (emails, domains) that a pulled record brings
    give them up (the unique local indexes would refuse the pulled record otherwise); the
    record ``keep_id`` is the one receiving them."""
    table, key, column = records.LIST_TABLES[field]
    model = RECORD_TYPES["contact" if field == "emails" else "company"]
    holders = select(key).where(getattr(table, column).in_(addresses))
    if keep_id is not None:
        holders = holders.where(key != keep_id)
    for holder_id in set(session.scalars(holders)):
        other = session.get(model.model, holder_id)
        remaining = [v for v in records.read_state(session, model, other)[field]
                     if normalise_element(field, v) not in addresses]
        records.apply_changes(session, model, other, {field: remaining}, origin="sync",
                              cleared={field})
    session.flush()


def _link_references(session: Session, references: list) -> list:
    """Set the references of rows about to be inserted, one query per referenced type;
    returns those whose target is not in the database yet (later in this page, or not
    pulled yet)."""
    targets: dict[str, set[str]] = {}
    for _kind, _row, name, value in references:
        targets.setdefault(name, set()).add(value)
    ids = {}
    for name, uuids in targets.items():
        model = records.REFERENCES[name]
        ids[name] = dict(session.execute(select(model.uuid, model.id).where(model.uuid.in_(uuids))).all())
    missing = []
    for kind, row, name, value in references:
        local_id = ids[name].get(value)
        if local_id is None:
            missing.append((kind, row, name, value))
        else:
            row[name] = local_id
    return missing


def apply_record(session: Session, pulled: dict, deferred: list) -> None:
    """One record (a re-read after a refused change): as a page of one."""
    apply_page(session, [pulled], deferred)


def _clock_order(hlc: str):
    try:
        millis, counter, node = hlc.split(":", 2)
        return int(millis), int(counter), node
    except ValueError:
        return 0, 0, ""


def _apply_record(session: Session, pulled: dict, record, pending: set[str], deferred: list):
    """The record's fields (those without an unsent local change) through the one door;
    returns the record type's name, or None if this client does not keep the type."""
    kind = RECORD_TYPES.get(pulled["type"])
    if kind is None:
        return None  # a type this client does not keep (pipelines, message links…)
    if record is None:
        if pulled["deleted"]:
            return None
        record = records.create(session, kind, {}, origin="sync", record_uuid=pulled["uuid"])
        record.created_at = _seconds(pulled["created_at"]) or record.created_at
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
            if value and name in ("emails", "domains"):
                _free_addresses(session, name, {normalise_element(name, v) for v in value},
                                keep_id=record.id)
        if is_empty(value):
            cleared.add(name)
        changes[name] = value
    if "owner" in kind.fields and "owner" not in pending:
        changes["owner"] = pulled["owner"]["name"] or pulled["owner"]["email"]
    records.apply_changes(session, kind, record, changes, origin="sync", cleared=cleared)
    _follow_deletion(session, kind, record, pulled["deleted"])
    return kind.name


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


def _facts(record_type: str, pulled: dict) -> dict:
    return {"record_uuid": pulled["uuid"], "record_type": record_type,
            "owner_email": pulled["owner"]["email"], "owner_name": pulled["owner"]["name"],
            "team_name": pulled["team"]["name"], "sharing": pulled["sharing"],
            "can_edit": pulled["can_edit"], "can_manage": pulled["can_manage"],
            "revision": pulled["revision"], "pooled": pulled.get("pooled", False)}


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
    session.execute(delete(TeamTimelineEntry).where(TeamTimelineEntry.link_uuid == record_uuid))
    known = session.get(TeamRecord, record_uuid)
    if known is None:
        return
    kind, record = find_local(session, known.record_type, record_uuid)
    if record is not None:
        session.delete(record)
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
