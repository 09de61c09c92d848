"""A record's history as the team server keeps it — every version of every field from every
device, values that lost a collision included — or, when the server cannot say, this laptop's.

:func:`record_history` asks ``GET /api/v1/records/{uuid}/history`` for a record the server
knows (the profile is signed in and the record is in ``team_records``), groups the entries by
server revision (one revision = one push from one device) and names the fields as this client
does (``company`` → ``company_id``). Offline, signed out, or for a record the server has never
had, it answers with the local history (:mod:`app.crm.history`) and says why. Changes made here
and not sent yet are added at the end, marked so: the server has not seen them.

:func:`restore_version` brings a record back to a version. For a team version it computes every
field's value at that revision from the server's history and writes the difference as one new
local change (origin ``restore``) through :func:`app.crm.records.apply_changes`, so it is queued
and pushed like any edit: nothing here writes a server field directly.

Threads: both functions make network calls (and :func:`restore_version` waits for the writer
thread), so they run on a services/ops ``call`` thread or in the CLI, never on the GUI thread.
Reading uses short read sessions; the one write goes through ``store.write_with``.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.crm import history as local_history
from app.crm.records import RECORD_TYPES, REFERENCES, RecordType, apply_changes, local_value, new_uuid, read_state
from app.errors import NetworkError, ServerError, UserFacingError
from app.secrets import SecretStore
from app.store.crm_models import Change
from app.store.database import Store
from app.store.team_models import TeamRecord
from app.sync import state
from app.sync.fields import SET_FIELDS, local_field, normalise_element
from app.sync.transport import TeamSignedOut

TEAM, LOCAL = "team", "local"
# Why the history shown is this laptop's rather than the team's (the window words each one).
NOT_SIGNED_IN, NOT_ON_SERVER, OFFLINE, SIGNED_OUT, REFUSED = ("not_signed_in", "not_on_server", "offline",
                                                              "signed_out", "refused")


@dataclass
class HistoryChange:
    """One field in one version: ``old`` → ``new`` as this client names and stores them
    (references as UUIDs; ``add``/``remove`` of a set field carry the element in ``new``)."""

    field: str  # a local field name, or "*" for the record's creation, deletion, restore
    op: str  # set | add | remove | create | delete | restore (local history: set or "*")
    old: Any
    new: Any
    lost: bool = False  # this value lost a collision: it was kept in the history, not applied


@dataclass
class RecordVersion:
    number: int  # 1 = oldest, as listed (what the CLI's --restore takes)
    key: str  # what restore_version takes: "team:REVISION", "local:NUMBER" or "pending:BATCH"
    at: int  # epoch seconds
    source: str  # team | local | pending (made here, not sent yet)
    origin: str = ""  # local history: local, import, sync, restore…
    user: str = ""  # team: who (email)
    device_id: str = ""  # team: the server's id of the device that pushed it
    device_name: str = ""  # team: how that device is listed ("Ann's laptop")
    this_device: bool = False
    revision: int | None = None
    changes: list[HistoryChange] = field(default_factory=list)

    @property
    def restorable(self) -> bool:
        return self.source != "pending"

    @property
    def all_lost(self) -> bool:
        return bool(self.changes) and all(c.lost for c in self.changes)

    def as_json(self) -> dict:
        data = asdict(self)
        data["at"] = datetime.fromtimestamp(self.at, timezone.utc).isoformat()
        data["version"] = data.pop("number")
        return data


@dataclass
class RecordHistory:
    record_type: str
    record_uuid: str
    source: str  # team | local
    reason: str | None = None  # why local: not_signed_in, not_on_server, offline, signed_out, refused
    detail: str = ""  # the error's own sentence (offline, signed out)
    versions: list[RecordVersion] = field(default_factory=list)  # oldest first
    names: dict[str, str] = field(default_factory=dict)  # a referenced record's uuid → its name

    def by_number(self, number: int) -> RecordVersion:
        if not 1 <= number <= len(self.versions):
            raise UserFacingError("There is no version {number} (versions 1 to {count}).",
                                  code="history.no_version", number=number, count=len(self.versions))
        return self.versions[number - 1]


# -- reading --------------------------------------------------------------------------------------
def record_history(store: Store, record_type: str, record_uuid: str, secrets: SecretStore | None = None,
                   team_only: bool = False) -> RecordHistory:
    """The record's versions, the team's when the server can give them (see the module doc).

    ``team_only`` (the CLI's ``--team``) raises instead of falling back to the local history.
    Network call: never on the GUI thread.
    """
    from app.sync.team import Team  # team imports apply, push…: only when history is asked for

    with store.read() as session:
        signed_in = bool(state.get(session, "server"))
        known = session.get(TeamRecord, record_uuid) is not None
        this_device = state.get(session, "server_device_id") or ""
    if not signed_in or not known:
        reason = NOT_SIGNED_IN if not signed_in else NOT_ON_SERVER
        if team_only:
            raise UserFacingError("This record is not on the team server." if signed_in else
                                  "This profile is not signed in to a team server.", code=f"history.{reason}")
        return local_record_history(store, record_type, record_uuid, reason)
    try:
        entries = Team(store, secrets).record_history(record_uuid)
    except (NetworkError, TeamSignedOut, ServerError) as exc:
        # Signed out: the team sync tells the person and cleans up; refused (the record was just
        # made private, say): the next pull removes it. Meanwhile the laptop's history is shown.
        if team_only:
            raise
        reason = (OFFLINE if isinstance(exc, NetworkError) else SIGNED_OUT if isinstance(exc, TeamSignedOut)
                  else REFUSED)
        return local_record_history(store, record_type, record_uuid, reason, exc.message)
    found = RecordHistory(record_type, record_uuid, TEAM)
    found.versions = team_versions(record_type, entries, this_device)
    with store.read() as session:
        found.versions += _pending_versions(session, record_type, record_uuid, len(found.versions))
        found.names = _reference_names(session, found.versions)
    return found


def local_record_history(store: Store, record_type: str, record_uuid: str, reason: str | None = None,
                         detail: str = "") -> RecordHistory:
    """This laptop's history of the record (``crm_changes``), as versions."""
    kind = _kind(record_type)
    found = RecordHistory(record_type, record_uuid, LOCAL, reason, detail)
    with store.read() as session:
        record = _record(session, kind, record_uuid)
        found.versions = [
            RecordVersion(v.number, f"local:{v.number}", v.at, LOCAL, origin=v.origin,
                          changes=[HistoryChange(c["field"], "set" if c["field"] != "*" else "*", c["old"], c["new"])
                                   for c in v.changes])
            for v in local_history.versions(session, kind, record)]
        found.names = _reference_names(session, found.versions)
    return found


def team_versions(record_type: str, entries: list[dict], this_device: str = "") -> list[RecordVersion]:
    """The server's history entries grouped by revision, oldest first, with local field names.

    Fields this client does not keep are left out (as a pull leaves them), so every change
    shown is one a restore can bring back.
    """
    grouped: dict[int, RecordVersion] = {}
    for entry in _ordered(entries):
        name = "*" if entry["field"] == "*" else local_field(record_type, entry["field"])
        if name is None:
            continue
        version = grouped.get(entry["revision"])
        if version is None:
            version = grouped[entry["revision"]] = RecordVersion(
                len(grouped) + 1, f"team:{entry['revision']}", _seconds(entry["at"]), TEAM,
                user=entry.get("user") or "", device_id=entry.get("device_id") or "",
                device_name=entry.get("device_name") or "",
                this_device=bool(this_device) and entry.get("device_id") == this_device,
                revision=entry["revision"])
        version.changes.append(HistoryChange(name, entry["op"], entry.get("old"), entry.get("new"),
                                             entry.get("outcome") == "lost"))
    return list(grouped.values())


def _pending_versions(session: Session, record_type: str, record_uuid: str, before: int) -> list[RecordVersion]:
    """Changes made on this laptop the server has not received yet, one version per action."""
    rows = session.scalars(select(Change).where(Change.record_type == record_type, Change.record_uuid == record_uuid,
                                                Change.pushed_at.is_(None), Change.origin != "sync")
                           .order_by(Change.id))
    found: dict[str, RecordVersion] = {}
    for row in rows:
        version = found.get(row.batch_uuid)
        if version is None:
            version = found[row.batch_uuid] = RecordVersion(before + len(found) + 1, f"pending:{row.batch_uuid}",
                                                            row.at, "pending", origin=row.origin, this_device=True)
        version.changes.append(HistoryChange(row.field, "set" if row.field != "*" else "*", _decode(row.old),
                                             _decode(row.new)))
    return list(found.values())


# -- restoring ------------------------------------------------------------------------------------
def restore_version(store: Store, record_type: str, record_uuid: str, key: str,
                    secrets: SecretStore | None = None) -> dict[str, tuple]:
    """Bring the record back to version ``key`` (see :class:`RecordVersion`) as a new local
    change; returns field → (old, new) for what changed. Network call, then a write on the
    writer thread: never on the GUI thread."""
    source, _sep, which = key.partition(":")
    kind = _kind(record_type)
    if source == LOCAL:
        return _write(store, kind, record_uuid, lambda session, record: local_history.restore(
            session, kind, record, int(which)))
    if source != TEAM:
        raise UserFacingError("A change not sent to the team yet is already the record's value.",
                              code="history.pending")
    found = record_history(store, record_type, record_uuid, secrets, team_only=True)
    target = values_at(found.versions, int(which))

    def restore(session: Session, record) -> dict[str, tuple]:
        current = read_state(session, kind, record)
        values = {}
        for name, value in target.items():
            if name in REFERENCES and value is not None:
                value = local_value(session, name, value)
                if value is None:
                    continue  # the record it pointed at is not on this laptop: left as it is
            if name in kind.lists:
                value = _in_local_order(name, current.get(name) or [], value or [])
            values[name] = value
        return apply_changes(session, kind, record, values, "restore", cleared=set(values), batch=new_uuid())
    return _write(store, kind, record_uuid, restore)


def restore_by_number(store: Store, record_type: str, record_uuid: str, number: int, team_only: bool = False,
                      secrets: SecretStore | None = None) -> tuple[RecordHistory, dict[str, tuple]]:
    """The CLI's ``--restore N``: version N of the history :func:`record_history` lists."""
    found = record_history(store, record_type, record_uuid, secrets, team_only)
    version = found.by_number(number)
    if not version.restorable:
        raise UserFacingError("Version {number} is a change not sent to the team yet: it is already the "
                              "record's value.", code="history.pending", number=number)
    return found, restore_version(store, record_type, record_uuid, version.key, secrets)


def values_at(versions: list[RecordVersion], revision: int) -> dict[str, Any]:
    """Every field's value right after ``revision``, from the team versions.

    Fields changed up to it take their value then; a value of that very revision which lost a
    collision counts as its value (restoring the version is how a person takes it back); fields
    first changed later take the value they had before that change. Set fields are rebuilt from
    their add/remove entries (each carries the set as it was before it).
    """
    team = [v for v in versions if v.source == TEAM]
    if not any(v.revision == revision for v in team):
        raise UserFacingError("There is no version with revision {revision} of this record.",
                              code="history.no_version", revision=revision)
    values: dict[str, Any] = {}
    later_before: dict[str, Any] = {}
    for version in team:
        for change in version.changes:
            if change.field == "*":
                continue
            if version.revision <= revision:
                if not change.lost or version.revision == revision:
                    values[change.field] = _after(change)
            elif change.field not in values and change.field not in later_before and not change.lost:
                later_before[change.field] = _before(change)
    return {**later_before, **values}


def _after(change: HistoryChange):
    if change.op in ("add", "remove"):
        members = [m for m in (change.old or []) if normalise_element(change.field, m)
                   != normalise_element(change.field, change.new)]
        return members + [change.new] if change.op == "add" else members
    return change.new


def _before(change: HistoryChange):
    if change.op in ("add", "remove"):
        return list(change.old or [])
    return change.old


def _in_local_order(name: str, current: list[str], wanted: list[str]) -> list[str]:
    """The wanted elements, those already there first in their order (no change for an order)."""
    key = (lambda e: normalise_element(name, e)) if name in SET_FIELDS else (lambda e: e)
    wanted_keys = {key(e) for e in wanted}
    kept = [e for e in current if key(e) in wanted_keys]
    kept_keys = {key(e) for e in kept}
    return kept + [e for e in wanted if key(e) not in kept_keys]


def _write(store: Store, kind: RecordType, record_uuid: str,
           change: Callable[[Session, Any], dict[str, tuple]]) -> dict[str, tuple]:
    """Run the restore on the writer thread, then re-link mail for a contact or company whose
    addresses or domains it changed (as every other edit of them does)."""
    from app.crm.linking import relink_company, relink_contact

    def transaction(session: Session):
        record = _record(session, kind, record_uuid)
        return change(session, record), record.id
    changed, record_id = store.write_with(transaction)
    if kind.name == "contact" and {"emails", "company_id"} & changed.keys():
        relink_contact(store, record_id)
    if kind.name == "company" and "domains" in changed:
        relink_company(store, record_id)
    return changed


# -- helpers --------------------------------------------------------------------------------------
def _kind(record_type: str) -> RecordType:
    kind = RECORD_TYPES.get(record_type)
    if kind is None:
        raise UserFacingError("Unknown record type '{type}'.", code="history.type", type=record_type)
    return kind


def _record(session: Session, kind: RecordType, record_uuid: str):
    record = session.scalar(select(kind.model).where(kind.model.uuid == record_uuid))
    if record is None:
        raise UserFacingError("No {type} with id {uuid} on this laptop.", code="history.no_record",
                              type=kind.name, uuid=record_uuid)
    return record


def _ordered(entries: list[dict]) -> list[dict]:
    """By revision, keeping the server's order within one (its history ids)."""
    return [e for _i, e in sorted(enumerate(entries), key=lambda pair: (pair[1]["revision"], pair[0]))]


def _seconds(iso: str | None) -> int:
    if not iso:
        return 0
    return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp())


def _decode(value: str | None):
    return None if value is None else json.loads(value)


def _reference_names(session: Session, versions: list[RecordVersion]) -> dict[str, str]:
    """What a person calls each record the history points at (a company's name, a stage's)."""
    wanted: dict[str, set[str]] = {}
    for version in versions:
        for change in version.changes:
            if change.field in REFERENCES:
                wanted.setdefault(change.field, set()).update(
                    v for v in (change.old, change.new) if isinstance(v, str))
    names: dict[str, str] = {}
    for name, uuids in wanted.items():
        model = REFERENCES[name]
        label = model.name if hasattr(model, "name") else model.title  # a deal has a title
        names.update(dict(session.execute(select(model.uuid, label).where(model.uuid.in_(uuids))).all()))
    return names
