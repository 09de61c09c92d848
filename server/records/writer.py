"""Applying field-level mutations to records, with permissions, history, conflicts and audit.

One ``RecordWriter`` serves one write transaction (a push batch or one REST edit). Every
mutation is checked on its own: what the author may not see answers ``not_found`` (never a
hint that it exists), what they may see but not change answers ``read_only``, a bad value
``invalid``. Accepted changes write the record, a history row and an audit row together.

A mutation on a record the server does not have yet creates it, owned by the author and in the
author's team: mutations may arrive in any order (a batch split by a dropped connection, or
reordered), and the record's first field is as good a creation as an explicit ``create``.

The server revision is taken last (``finish``). Merging runs under the locks of the records a
batch names (``preload``: SELECT ... FOR UPDATE in uuid order), so two writers of the same
record take turns, and writers of different records run side by side. Only then does the
writer take the revision (the ``server_state`` row lock, held to commit) and stamp it on the
changed records, their history and conflicts: the team-wide critical section is a handful of
short statements and the commit, not the whole merge. Lock order is therefore always "records,
then the revision" (see ``server.db.database``), so writers cannot deadlock on it.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass, field as dc_field

from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from server.audit import audit_values
from server.db.database import WriteTx, now_ms
from server.db.models import AuditEntry, Conflict, Record, RecordHistory, Team
from server.policy.permissions import FieldRules, access
from server.policy.principal import Principal
from server.records.client_versions import client_versions
from server.records.clock import ClockError, parse
from server.records.filing import follow_filed_records
from server.records.keys import rewrite_keys
from server.records.merge import StaleBase, merge_element, merge_scalar, set_members
from server.records.schema import (RECORD_TYPES, SET, TEAM_POLICY_FIELDS, FieldError,
                                   check_element, check_value, field_spec)

OPS = ("create", "set", "add", "remove", "delete")


@dataclass
class Mutation:
    id: str
    record_type: str
    record: str
    op: str
    field: str | None = None
    value: object = None
    base: int | None = None
    hlc: str = ""
    initial: bool = False  # one of a create's initial values (never a collision when overwritten)


@dataclass
class Outcome:
    status: str  # applied | unchanged | conflict | not_found | deleted | read_only | invalid
    message: str = ""
    record: Record | None = None
    final: bool = True  # False: may succeed later (the answer is not remembered)

    def as_json(self, mutation_id: str, revision: int | None) -> dict:
        answer = {"id": mutation_id, "status": self.status}
        if self.message:
            answer["message"] = self.message
        if revision is not None and self.status in ("applied", "conflict"):
            answer["revision"] = revision
        return answer


@dataclass
class RecordWriter:
    tx: WriteTx
    principal: Principal
    rules: FieldRules
    touched: dict[str, Record] = dc_field(default_factory=dict)
    _team_sharing: dict[str, str] = dc_field(default_factory=dict)
    _loaded: dict[str, Record | None] = dc_field(default_factory=dict)
    # History, conflict and audit rows, inserted in bulk by finish(): a batch of 1,000
    # mutations is a handful of statements, not thousands. History and conflict rows get
    # their revision there.
    _history_rows: list[dict] = dc_field(default_factory=list)
    _conflict_rows: list[dict] = dc_field(default_factory=list)
    _audit_rows: list[dict] = dc_field(default_factory=list)
    revision: int | None = None  # set by finish() when anything changed

    # -- reading ---------------------------------------------------------------------------

    def _team_allows(self, record: Record, field: str) -> bool:
        policy = TEAM_POLICY_FIELDS.get((record.type, field))
        return policy is None or bool(getattr(self.tx.session.get(Team, record.team_id), policy))

    def _sharing_of(self, team_id: str) -> str:
        if team_id not in self._team_sharing:
            self._team_sharing[team_id] = self.tx.session.get(Team, team_id).sharing
        return self._team_sharing[team_id]

    def preload(self, record_uuids: list[str]) -> None:
        """Read and lock (on PostgreSQL) every record a batch names, in one query per 500.

        Locked in uuid order (ORDER BY under FOR UPDATE locks rows as they are sorted), so
        two batches naming the same records wait for each other instead of deadlocking. The
        rows are read again even if this session has them (``populate_existing``): under READ
        COMMITTED the locked row is the latest commit, and the merge must start from it."""
        wanted = sorted({u for u in record_uuids if u not in self._loaded})
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            self._loaded.update(dict.fromkeys(chunk))
            for record in self.tx.session.scalars(
                    select(Record).where(Record.uuid.in_(chunk)).order_by(Record.uuid)
                    .with_for_update().execution_options(populate_existing=True)):
                self._loaded[record.uuid] = record

    def _load(self, record_uuid: str) -> Record | None:
        if record_uuid not in self._loaded:
            self.preload([record_uuid])
        return self._loaded[record_uuid]

    def _audit(self, action: str, **what) -> None:
        self._audit_rows.append(audit_values(self.principal, action, **what))

    # -- the one entry point ---------------------------------------------------------------

    def apply(self, m: Mutation) -> Outcome:
        with self.tx.session.no_autoflush:
            return self._apply(m)

    def _apply(self, m: Mutation) -> Outcome:
        try:
            self._check_shape(m)
        except (FieldError, ClockError, ValueError) as exc:
            return Outcome("invalid", str(exc))
        record = self._load(m.record)
        created = record is None
        if created:
            if m.op == "delete":
                return Outcome("not_found", "no such record", final=False)
            if self.principal.team_id is None:
                return Outcome("invalid", "the admin command line does not create records")
            record = self._create(m)
        allowed = access(self.principal, record, self._sharing_of(record.team_id))
        if not allowed.see:
            return Outcome("not_found", "no such record", final=False)
        if record.type != m.record_type:
            return Outcome("invalid", f"{m.record} is a {record.type}, not a {m.record_type}")
        if m.op == "create":
            if created and m.value:
                self._initial_values(record, m, allowed.edit)
            return Outcome("applied" if created else "unchanged", record=record)
        if m.op == "delete":
            if record.deleted_at is not None:
                return Outcome("unchanged", record=record)
            if not allowed.manage:
                return Outcome("read_only", "only its owner, their manager or an admin may "
                                            "delete this record")
            return self._delete(record, m)
        if not allowed.edit or m.field in self.rules.read_only(record):
            return Outcome("read_only", "you may not change this field")
        if not self._team_allows(record, m.field):
            return Outcome("read_only", "this team does not share this field (a team policy)")
        if field_spec(record.type, m.field).kind == SET:
            outcome = self._set_element(record, m)
        else:
            outcome = self._set_scalar(record, m)
        if record.deleted_at is not None and outcome.status != "invalid":
            # Merged into the tombstone all the same: the change is kept (an admin's restore
            # brings it back) and every copy converges whatever the order of delete and edit.
            return Outcome("deleted", "the record was deleted; your change is kept with it",
                           record=record)
        return outcome

    def _check_shape(self, m: Mutation) -> None:
        if m.op not in OPS:
            raise FieldError(f"op is one of {', '.join(OPS)}")
        if m.record_type not in RECORD_TYPES:
            raise FieldError(f"unknown record type {m.record_type!r}")
        m.record = str(uuid_module.UUID(m.record))
        parse(m.hlc)
        if m.op == "create" and m.value is not None:
            m.value = self._checked_initial_values(m)
        if m.op in ("set", "add", "remove"):
            if not m.field:
                raise FieldError(f"a {m.op} names a field")
            spec = field_spec(m.record_type, m.field)
            if m.op == "set":
                m.value = check_value(m.record_type, m.field, m.value, self.principal.schema)
                if spec.kind == "ref" and m.value is not None:
                    uuid_module.UUID(m.value)
            else:
                m.value = check_element(m.record_type, m.field, m.value, self.principal.schema)

    def _checked_initial_values(self, m: Mutation) -> dict:
        """A ``create``'s initial values ({field: value, set field: [elements]}), checked."""
        if not isinstance(m.value, dict):
            raise FieldError("a create's value is an object of initial field values")
        checked = {}
        for name, value in m.value.items():
            if field_spec(m.record_type, name).kind == SET:
                if not isinstance(value, list):
                    raise FieldError(f"{name!r} is a set: give a list of elements")
                checked[name] = [check_element(m.record_type, name, e, self.principal.schema)
                                 for e in value]
            else:
                checked[name] = check_value(m.record_type, name, value, self.principal.schema)
        return checked

    def _initial_values(self, record: Record, m: Mutation, may_edit: bool) -> None:
        """Fill a record this ``create`` just made. Only a new record takes them: a device
        that creates a record every device has (the default pipeline, a custom field keyed
        by name) never overwrites what the team changed since, and raises no conflict."""
        read_only = self.rules.read_only(record)
        for name, value in m.value.items():
            if not may_edit or name in read_only or not self._team_allows(record, name):
                continue
            if isinstance(value, list):
                for element in value:
                    self._set_element(record, Mutation(m.id, m.record_type, m.record, "add",
                                                       name, element, None, m.hlc))
            elif value is not None:
                self._set_scalar(record, Mutation(m.id, m.record_type, m.record, "set", name,
                                                  value, 0, m.hlc, initial=True))

    # -- changes -----------------------------------------------------------------------------

    def _touch(self, record: Record) -> None:
        """Mark a record changed; finish() gives it this transaction's revision."""
        record.updated_at = now_ms()
        self.touched[record.uuid] = record

    def _create(self, m: Mutation) -> Record:
        now = now_ms()
        # Made offline, perhaps days ago: its creation time is its clock's (never the future).
        created = min(now, parse(m.hlc)[0])
        # Revision 0 until finish() stamps the real one, before commit: no other transaction
        # ever sees the placeholder.
        record = Record(uuid=m.record, type=m.record_type, owner_id=self.principal.user_id,
                        team_id=self.principal.team_id, fields={}, versions={},
                        client_versions={}, revision=0, created_at=created, updated_at=now)
        self.tx.session.add(record)
        self.touched[record.uuid] = record
        self._loaded[record.uuid] = record
        self._history(record, Mutation(m.id, m.record_type, m.record, "create", "*", None,
                                       None, m.hlc))
        self._audit("create", record_type=record.type,
              record_uuid=record.uuid, detail={"mutation": m.id})
        return record

    def _set_scalar(self, record: Record, m: Mutation) -> Outcome:
        current = (record.fields or {}).get(m.field)
        meta = (record.versions or {}).get(m.field)
        try:
            result = merge_scalar(current, meta, m.value, m.base, m.hlc, self.principal.user_id,
                                  self.principal.device_id)
        except StaleBase as exc:
            return Outcome("invalid", str(exc))
        if result.wins:
            record.versions = {**(record.versions or {}), m.field: {
                "v": (meta["v"] if meta else 0) + 1, "hlc": m.hlc,
                "by": self.principal.user_id, "dev": self.principal.device_id,
                **({"init": True} if m.initial else {})}}
            self._touch(record)
        if result.changed:
            record.fields = {**(record.fields or {}), m.field: m.value}
            self._history(record, m, old=current)
            self._audit("update", record_type=record.type, record_uuid=record.uuid,
                        field=m.field, old=current, new=m.value)
        elif not result.wins and m.value != current:
            self._history(record, m, old=current, outcome="lost")  # kept, never thrown away
        if result.wins or result.changed:
            record.client_versions = client_versions(record.fields, record.versions)
        if result.collision:
            self._touch(record)
            self._conflict(record, m.field, result,
                           meta.get("dev") if result.wins else self.principal.device_id)
            return Outcome("conflict", "someone else changed this field too; "
                           + ("your value was kept" if result.wins else "their value was kept"),
                           record=record)
        return Outcome("applied" if result.changed else "unchanged", record=record)

    def _set_element(self, record: Record, m: Mutation) -> Outcome:
        present = m.op == "add"
        meta = dict((record.versions or {}).get(m.field) or {"v": 0, "e": {}})
        elements = dict(meta.get("e") or {})
        before = set_members(elements)
        merge_element(elements, m.value, present, m.hlc)
        after = set_members(elements)
        meta.update(e=elements, hlc=max(meta.get("hlc") or m.hlc, m.hlc, key=parse),
                    by=self.principal.user_id)
        if after != before:
            meta["v"] = meta.get("v", 0) + 1
        record.versions = {**(record.versions or {}), m.field: meta}
        record.fields = {**(record.fields or {}), m.field: after}
        record.client_versions = client_versions(record.fields, record.versions)
        self._touch(record)
        if after == before:
            return Outcome("unchanged", record=record)
        self._history(record, m, old=before)
        self._audit("update", record_type=record.type,
              record_uuid=record.uuid, field=m.field, old=before, new=after)
        return Outcome("applied", record=record)

    def _delete(self, record: Record, m: Mutation) -> Outcome:
        record.deleted_at = now_ms()
        self._touch(record)
        self._history(record, m)
        self._audit("delete", record_type=record.type,
              record_uuid=record.uuid)
        return Outcome("applied", record=record)

    def restore(self, record: Record) -> None:
        """Undo a delete (admins only; the route checks)."""
        record.deleted_at = None
        self._touch(record)
        self._history(record, Mutation("", record.type, record.uuid, "restore", "*", None, None,
                                       ""))
        self._audit("restore", record_type=record.type,
              record_uuid=record.uuid)

    def finish(self) -> int | None:
        """Write the changed records, their audit rows and lookup keys; then take the revision
        and stamp it on the records, history and conflicts. Returns the revision (None when
        nothing changed: no revision is taken).

        Everything that does not need the revision comes first, while only the batch's own
        record locks are held; from ``self.tx.revision`` to commit every other writer of the
        team server waits, so that part is as short as it can be."""
        session = self.tx.session
        links = [r for r in self.touched.values() if r.type == "message_link"]
        if links:  # shared mail takes its customer's sharing (stamped with the revision below)
            follow_filed_records(session, links)
        session.flush()
        if self._audit_rows:
            session.execute(AuditEntry.__table__.insert(), self._audit_rows)
        rewrite_keys(session, list(self.touched.values()))
        if self.touched or self._history_rows or self._conflict_rows:
            self.revision = revision = self.tx.revision
            self._stamp(revision)
        self._history_rows, self._conflict_rows, self._audit_rows = [], [], []
        return self.revision

    def _stamp(self, revision: int) -> None:
        session = self.tx.session
        uuids = sorted(self.touched)
        for start in range(0, len(uuids), 500):
            session.execute(update(Record).where(Record.uuid.in_(uuids[start:start + 500]))
                            .values(revision=revision)
                            .execution_options(synchronize_session=False))
        for record in self.touched.values():
            # The row has it already: tell the session without making the record dirty.
            set_committed_value(record, "revision", revision)
        for rows in (self._history_rows, self._conflict_rows):
            for row in rows:
                row["revision"] = revision
        if self._history_rows:
            session.execute(RecordHistory.__table__.insert(), self._history_rows)
        if self._conflict_rows:
            session.execute(Conflict.__table__.insert(), self._conflict_rows)

    # -- bookkeeping -----------------------------------------------------------------------

    def _history(self, record: Record, m: Mutation, old=None, outcome: str = "applied") -> None:
        self._history_rows.append(dict(
            record_uuid=record.uuid, revision=None, field=m.field or "*", op=m.op,
            old=old, new=m.value, hlc=m.hlc, user_id=self.principal.user_id,
            device_id=self.principal.device_id, at=now_ms(), outcome=outcome))

    def _conflict(self, record: Record, field: str, result, lost_device: str | None) -> None:
        self._conflict_rows.append(dict(
            record_uuid=record.uuid, field=field, kept=result.kept, lost=result.lost,
            kept_user_id=result.kept_by, kept_hlc=result.kept_hlc, lost_user_id=result.lost_by,
            lost_device_id=lost_device,
            lost_hlc=result.lost_hlc, revision=None, at=now_ms()))
        self._audit("conflict", record_type=record.type,
              record_uuid=record.uuid, field=field, old=result.lost, new=result.kept)
