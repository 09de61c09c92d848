"""REST edits (create, patch, delete, share) expressed as the same mutations a push carries,
so online edits merge, conflict and audit exactly like offline ones. An edit is all or
nothing: one refused field refuses the whole edit."""

from __future__ import annotations

import uuid

from server.audit import audit
from sqlalchemy import select

from server.db.database import WriteTx, now_ms
from server.db.models import Record, User
from server.policy.permissions import FieldRules, load_access, may_pick_up
from server.policy.principal import Principal
from server.records.clock import server_clock
from server.records.filing import follow_filed_records, links_filed_on
from server.records.merge import set_members
from server.records.schema import SET, FieldError, check_element, field_spec
from server.records.writer import Mutation, Outcome, RecordWriter


class EditRefused(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


_HTTP = {"not_found": 404, "deleted": 409, "read_only": 403, "invalid": 422}


def _mutations(principal: Principal, record_type: str, record_uuid: str, record: Record | None,
               fields: dict, base_versions: dict) -> list[Mutation]:
    clock = server_clock(principal.device_id or "server")
    mutations = []
    for field, value in fields.items():
        try:
            kind = field_spec(record_type, field).kind
        except FieldError as exc:
            raise EditRefused(422, str(exc)) from None
        if kind == SET:
            if not isinstance(value, list):
                raise EditRefused(422, f"{field!r} takes a list")
            current = set_members(((record.versions or {}).get(field) or {}).get("e") or {}) \
                if record else []
            try:
                wanted = [check_element(record_type, field, v, principal.schema) for v in value]
            except FieldError as exc:
                raise EditRefused(422, str(exc)) from None
            mutations += [Mutation(f"rest-{uuid.uuid4()}", record_type, record_uuid, "add",
                                   field, element, None, clock)
                          for element in wanted if element not in current]
            mutations += [Mutation(f"rest-{uuid.uuid4()}", record_type, record_uuid, "remove",
                                   field, element, None, clock)
                          for element in current if element not in wanted]
        else:
            mutations.append(Mutation(f"rest-{uuid.uuid4()}", record_type, record_uuid, "set",
                                      field, value, base_versions.get(field), clock))
    return mutations


def _apply_all(writer: RecordWriter, mutations: list[Mutation]) -> list[Outcome]:
    outcomes = []
    for mutation in mutations:
        outcome = writer.apply(mutation)
        if outcome.status in _HTTP:
            raise EditRefused(_HTTP[outcome.status], outcome.message)
        outcomes.append((mutation, outcome))
    writer.finish()
    return outcomes


def create(tx: WriteTx, principal: Principal, record_type: str, record_uuid: str | None,
           fields: dict):
    record_uuid = record_uuid or str(uuid.uuid4())
    try:
        record_uuid = str(uuid.UUID(record_uuid))
    except ValueError:
        raise EditRefused(422, "uuid is not a UUID") from None
    if tx.session.get(Record, record_uuid) is not None:
        raise EditRefused(409, "a record with this uuid exists already")
    writer = RecordWriter(tx, principal, FieldRules.load(tx.session, principal))
    first = Mutation(f"rest-{uuid.uuid4()}", record_type, record_uuid, "create", None, None,
                     None, server_clock(principal.device_id or "server"))
    mutations = [first, *_mutations(principal, record_type, record_uuid, None, fields, {})]
    return record_uuid, _apply_all(writer, mutations)


def patch(tx: WriteTx, principal: Principal, record: Record, fields: dict, base_versions: dict):
    writer = RecordWriter(tx, principal, FieldRules.load(tx.session, principal))
    return _apply_all(writer, _mutations(principal, record.type, record.uuid, record, fields,
                                         base_versions))


def delete(tx: WriteTx, principal: Principal, record: Record) -> None:
    writer = RecordWriter(tx, principal, FieldRules.load(tx.session, principal))
    _apply_all(writer, [Mutation(f"rest-{uuid.uuid4()}", record.type, record.uuid, "delete",
                                 None, None, None, server_clock(principal.device_id or "server"))])


def share(tx: WriteTx, principal: Principal, record: Record, sharing: str) -> None:
    if not load_access(tx.session, principal, record).manage:
        raise EditRefused(403, "only its owner, their manager or an admin may share this record")
    old = record.sharing
    record.sharing = None if sharing == "team" else sharing
    # Mail shared on it follows: nobody sees the conversation who may not see the customer.
    links = follow_filed_records(tx.session, links_filed_on(tx.session, record.uuid))
    tx.session.flush()  # the rows' locks before the revision's (server.db.database)
    record.revision = tx.revision
    for link in links:
        link.revision = record.revision
    audit(tx.session, principal, "share", record_type=record.type, record_uuid=record.uuid,
          field="sharing", old=old, new=record.sharing)


def change_owner(tx: WriteTx, principal: Principal, record: Record, email: str) -> None:
    """Give one record to another person (and so to their team), as hand-over does for all of
    someone's records: the owner, their manager or an admin may; the new owner must be active."""
    if not load_access(tx.session, principal, record).manage:
        raise EditRefused(403, "only its owner, their manager or an admin may give this record away")
    target = tx.session.scalar(select(User).where(User.email == email.strip().lower()))
    if target is None or not target.active:
        raise EditRefused(400, f"no active user {email.strip()!r} to give it to")
    if target.id == record.owner_id:
        return  # theirs already: nothing to change, audit or send to anyone
    old = record.owner_id
    record.owner_id, record.team_id, record.updated_at = target.id, target.team_id, now_ms()
    tx.session.flush()  # the row's lock before the revision's (server.db.database)
    record.revision = tx.revision
    audit(tx.session, principal, "owner", record_type=record.type, record_uuid=record.uuid,
          field="owner", old=old, new=target.id, detail={"email": target.email})


def return_to_pool(tx: WriteTx, principal: Principal, record: Record) -> None:
    """Put a record in its team's public pool (公海): whoever may manage it may; every member
    of the team then sees it and one of them may pick it up.  The owner stays its owner until
    then (nobody's customer is left without one)."""
    if not load_access(tx.session, principal, record).manage:
        raise EditRefused(403, "only its owner, their manager or an admin may return this record to the pool")
    if record.deleted_at is not None:
        raise EditRefused(409, "the record is deleted")
    if record.pooled_at is not None:
        return  # in the pool already: nothing to change or audit
    record.pooled_at = record.updated_at = now_ms()
    tx.session.flush()  # the row's lock before the revision's (server.db.database)
    record.revision = tx.revision
    audit(tx.session, principal, "pool", record_type=record.type, record_uuid=record.uuid,
          field="owner", old=record.owner_id, new=None)


def pick_up(tx: WriteTx, principal: Principal, record: Record) -> None:
    """Take a pooled record as one's own (and one's team's).  The record's row is locked first,
    so of two colleagues picking up the same customer at once the second is told it is taken."""
    locked = tx.session.scalar(select(Record).where(Record.uuid == record.uuid).with_for_update()
                               .execution_options(populate_existing=True))
    if principal.user_id is None or not may_pick_up(principal, locked):
        raise EditRefused(403, "only a member of its team may pick this record up")
    if locked.deleted_at is not None:
        raise EditRefused(409, "the record is deleted")
    if locked.pooled_at is None:
        raise EditRefused(409, "the record is not in the pool (someone may have picked it up)")
    old = locked.owner_id
    locked.owner_id, locked.pooled_at, locked.updated_at = principal.user_id, None, now_ms()
    if principal.team_id is not None:
        locked.team_id = principal.team_id
    tx.session.flush()
    locked.revision = tx.revision
    audit(tx.session, principal, "pick_up", record_type=locked.type, record_uuid=locked.uuid,
          field="owner", old=old, new=principal.user_id)


def restore(tx: WriteTx, principal: Principal, record: Record) -> None:
    writer = RecordWriter(tx, principal, FieldRules.load(tx.session, principal))
    writer.restore(record)
    writer.finish()
