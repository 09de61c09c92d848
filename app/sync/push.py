"""Pushing the local change queue (``crm_changes`` rows not pushed yet, not made by sync).

Each change becomes one or more mutations keyed ``OP_UUID`` (``OP_UUID:n`` for the elements of
a set field): re-sending after a lost answer reuses the same ids and clocks, and the server
answers them as before. A change is marked pushed once every mutation of it has a final
answer; ``not_found`` (the record is not on the server yet, or not visible) keeps it queued.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.store.crm_models import Change
from app.sync import clock, field_versions
from app.sync.fields import SET_FIELDS, SYNCED_TYPES, normalise_element, server_field

BATCH_CHANGES = 400


@dataclass
class Batch:
    mutations: list[dict] = field(default_factory=list)
    change_of: dict[str, int] = field(default_factory=dict)  # mutation id → change id
    silent: list[int] = field(default_factory=list)  # changes with nothing to push
    last_change_id: int = 0


def pending_query():
    return (select(Change).where(Change.pushed_at.is_(None), Change.origin != "sync",
                                 Change.record_type.in_(SYNCED_TYPES))
            .order_by(Change.id))


def pending_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(pending_query().subquery()))


def _json(text: str | None):
    """A stored value, without NUL characters (old imports may hold them; the server refuses
    them, which would hold the whole queue up)."""
    if text is None:
        return None
    value = json.loads(text)
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [v.replace("\x00", "") if isinstance(v, str) else v for v in value]
    return value


def build_batch(session: Session, after_id: int = 0) -> Batch:
    """The next batch of mutations (clocks given to changes that had none: commit before
    sending, so a retry sends the same ones)."""
    batch = Batch()
    changes = session.scalars(pending_query().where(Change.id > after_id).limit(BATCH_CHANGES))
    versions: dict[str, field_versions.Versions] = {}  # record UUID → its stored versions
    for change in changes:
        batch.last_change_id = change.id
        if change.hlc is None:
            change.hlc = clock.next_clock(session, change.at_ms or change.at * 1000)
        made = _mutations(session, change, versions)
        if not made:
            batch.silent.append(change.id)
        for mutation in made:
            batch.mutations.append(mutation)
            batch.change_of[mutation["id"]] = change.id
    return batch


def _mutations(session: Session, change: Change, versions: dict) -> list[dict]:
    base = {"type": change.record_type, "record": change.record_uuid, "hlc": change.hlc}
    new = _json(change.new)
    if change.origin == "default":
        # Every laptop makes the default pipeline with the same UUIDs and values: sent as one
        # creation carrying them, which the server applies only if it has no such record, so
        # a laptop joining late never resets what the team renamed.
        if change.field == "*" and new == "created":
            return [{**base, "id": change.op_uuid, "op": "create",
                     "value": _default_values(session, change)}]
        return []
    if change.field == "*":
        if new == "created":
            return [{**base, "id": change.op_uuid, "op": "create"}]
        if new == "deleted":
            return [{**base, "id": change.op_uuid, "op": "delete"}]
        return []  # merged, erased…: events of the local history, not field values
    name = server_field(change.field)
    if name is None:
        return []
    if name in SET_FIELDS:
        old = {normalise_element(name, e) for e in _json(change.old) or []}
        now = {normalise_element(name, e) for e in new or []}
        ops = [("add", e) for e in sorted(now - old)] + [("remove", e) for e in sorted(old - now)]
        return [{**base, "id": f"{change.op_uuid}:{n}", "op": op, "field": name, "value": e}
                for n, (op, e) in enumerate(ops)]
    if change.record_uuid not in versions:
        versions[change.record_uuid] = field_versions.stored(session, [change.record_uuid]).get(change.record_uuid, {})
    return [{**base, "id": change.op_uuid, "op": "set", "field": name, "value": new,
             "base": field_versions.base(versions[change.record_uuid], name)}]


def _default_values(session: Session, creation: Change) -> dict:
    """The initial values written with a default record's creation (same batch, same origin)."""
    values = {}
    for change in session.scalars(select(Change).where(
            Change.batch_uuid == creation.batch_uuid, Change.record_uuid == creation.record_uuid,
            Change.origin == "default", Change.field != "*")):
        name = server_field(change.field)
        if name is not None:
            values[name] = _json(change.new)
    return values


# Worst first: the status a change keeps when its mutations were answered differently.
_RANK = ("invalid", "read_only", "conflict", "deleted", "applied", "unchanged")


def record_answers(session: Session, batch: Batch, results: list[dict]) -> set[str]:
    """Mark changes pushed from the server's answers; returns records to read again (a change
    was refused, so the local value must give way to the server's)."""
    by_change: dict[int, list[str]] = {}
    for result in results:
        change_id = batch.change_of.get(result["id"])
        if change_id is not None:
            by_change.setdefault(change_id, []).append(result["status"])
    now = int(time.time())
    refetch: set[str] = set()
    for change_id in batch.silent:
        change = session.get(Change, change_id)
        change.pushed_at, change.push_status = now, "local"
    for change_id, statuses in by_change.items():
        change = session.get(Change, change_id)
        if "not_found" in statuses:
            change.push_status = "not_found"
            continue
        change.push_status = min(statuses, key=_RANK.index)
        change.pushed_at = now
        if change.push_status in ("invalid", "read_only"):
            refetch.add(change.record_uuid)
    return refetch
