"""Tables of the team server.

Times are integer milliseconds since the epoch (UTC) so they compare the same on PostgreSQL
and SQLite. Identifiers of people, devices and records are UUID strings; records are created
on clients, offline, so their ids are chosen there.

Record contents live in one row per record (``fields`` and per-field ``versions`` as JSON):
a pull reads one row per record, which is what keeps a first pull of 100,000 records fast.
"""

from __future__ import annotations

from sqlalchemy import (JSON, BigInteger, Boolean, ForeignKey, Index, Integer, String, UniqueConstraint,
                        false)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# SQLite only auto-increments an INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    pass


class ServerState(Base):
    """One row: the last server revision handed out. Incrementing it takes a row lock held to
    commit, so write transactions commit in revision order and a pull never skips one."""

    __tablename__ = "server_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision: Mapped[int] = mapped_column(BigInteger, default=0)


class Team(Base):
    __tablename__ = "teams"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # What a team sees of its members' records by default: private | read | edit.
    sharing: Mapped[str] = mapped_column(String(16), default="read")
    # Whether the mail its members file on customers is shared with its body, or only as
    # metadata and first words (the default: a body never leaves a laptop unless IT says so).
    share_mail_bodies: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[int] = mapped_column(BigInteger)


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # lower-cased
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))  # Argon2id, PHC string
    role: Mapped[str] = mapped_column(String(16))  # admin | manager | rep
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[int] = mapped_column(BigInteger)
    revoked_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class ManagedTeam(Base):
    """The teams a manager manages besides their own."""

    __tablename__ = "managed_teams"
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"), primary_key=True)


class Device(Base):
    """A signed-in installation. Its bearer token is opaque and stored only as a SHA-256 hash
    (tokens are 256 random bits, so a fast hash is enough and lookups stay indexed)."""

    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[int] = mapped_column(BigInteger)
    last_seen_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    revoked_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    address: Mapped[str] = mapped_column(String(64), default="")


class LoginFailure(Base):
    """Failed sign-ins, by ``user:EMAIL`` and ``addr:IP``: the rate limit lives in the database
    so it holds across every app process."""

    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(400))
    at: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)


class FieldRule(Base):
    """A field hidden from, or read-only for, a role; ``scope`` is ``all`` or ``other_teams``
    (only when the viewer is not on the record's team)."""

    __tablename__ = "field_rules"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    role: Mapped[str] = mapped_column(String(16))
    record_type: Mapped[str] = mapped_column(String(32))
    field: Mapped[str] = mapped_column(String(100))
    rule: Mapped[str] = mapped_column(String(16))  # hidden | read_only
    scope: Mapped[str] = mapped_column(String(16), default="all")
    __table_args__ = (UniqueConstraint("role", "record_type", "field", "scope"),)


class Record(Base):
    """A shared record (company, contact, deal, task, note, activity, message link, pipeline,
    stage, custom-field definition). Deleting leaves a tombstone (``deleted_at``)."""

    __tablename__ = "records"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    type: Mapped[str] = mapped_column(String(32))
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"))
    sharing: Mapped[str | None] = mapped_column(String(16), nullable=True)  # None: team default
    fields: Mapped[dict] = mapped_column(JSON, default=dict)
    # {field: {"v": version, "hlc": clock, "by": user id}}; set fields also keep
    # {"e": {element: [clock, present]}}.
    versions: Mapped[dict] = mapped_column(JSON, default=dict)
    # {field: {"v": version, "hlc": clock}} of the fields present: what a client is told of
    # ``versions``, kept with them by the writer (server.records.client_versions).
    client_versions: Mapped[dict] = mapped_column(JSON, default=dict)
    revision: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[int] = mapped_column(BigInteger)
    deleted_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    # In the team's public pool (公海) since then: every member of its team sees it and may pick
    # it up (become its owner); None once someone has.
    pooled_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    __table_args__ = (
        Index("ix_records_revision", "revision", "uuid"),
        Index("ix_records_team_revision", "team_id", "revision"),
        Index("ix_records_owner_revision", "owner_id", "revision"),
    )


class RecordKey(Base):
    """Lower-cased lookup values (emails, phones, domains, names) for duplicate checks and
    search, kept in step with the record on every write."""

    __tablename__ = "record_keys"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    record_uuid: Mapped[str] = mapped_column(ForeignKey("records.uuid"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # email | phone | domain | name | filed_on
    value: Mapped[str] = mapped_column(String(400))
    __table_args__ = (Index("ix_record_keys_kind_value", "kind", "value"),)


class RecordHistory(Base):
    """Every value a field ever had, from every device, including the values that lost a
    collision (``outcome`` = ``lost``): nothing a person typed is ever thrown away."""

    __tablename__ = "record_history"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    record_uuid: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(BigInteger)
    field: Mapped[str] = mapped_column(String(100))
    op: Mapped[str] = mapped_column(String(16))  # create | set | add | remove | delete | restore
    old: Mapped[object] = mapped_column(JSON, nullable=True)
    new: Mapped[object] = mapped_column(JSON, nullable=True)
    hlc: Mapped[str] = mapped_column(String(64), default="")
    user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    at: Mapped[int] = mapped_column(BigInteger)
    outcome: Mapped[str] = mapped_column(String(16), default="applied")  # applied | lost
    __table_args__ = (Index("ix_record_history_record", "record_uuid", "id"),)


class Conflict(Base):
    """Two edits of one field that neither author saw: the value kept and the value that lost,
    reported to both people in their pulls."""

    __tablename__ = "conflicts"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    record_uuid: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(100))
    kept: Mapped[object] = mapped_column(JSON, nullable=True)
    lost: Mapped[object] = mapped_column(JSON, nullable=True)
    kept_user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    kept_hlc: Mapped[str] = mapped_column(String(64), default="")
    lost_user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    lost_device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    lost_hlc: Mapped[str] = mapped_column(String(64), default="")
    revision: Mapped[int] = mapped_column(BigInteger, index=True)
    at: Mapped[int] = mapped_column(BigInteger)


class AppliedMutation(Base):
    """The answer given to each (device, mutation id): a re-sent batch gets the same answers and
    changes nothing."""

    __tablename__ = "applied_mutations"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    mutation_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    result: Mapped[dict] = mapped_column(JSON)
    at: Mapped[int] = mapped_column(BigInteger)


class DeviceRecord(Base):
    """Which records a device has been sent, so that a record it may no longer see is reported
    as gone (and only to devices that had it: no existence leak to the others)."""

    __tablename__ = "device_records"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)


class AuditEntry(Base):
    """Append-only: the application has no update or delete path, and database triggers
    (created by the migration) refuse both on PostgreSQL and SQLite."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    user_email: Mapped[str] = mapped_column(String(320), default="")
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    address: Mapped[str] = mapped_column(String(64), default="")
    action: Mapped[str] = mapped_column(String(32))
    record_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    record_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    field: Mapped[str | None] = mapped_column(String(100), nullable=True)
    old: Mapped[object] = mapped_column(JSON, nullable=True)
    new: Mapped[object] = mapped_column(JSON, nullable=True)
    detail: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    __table_args__ = (
        Index("ix_audit_record", "record_uuid", "id"),
        Index("ix_audit_user", "user_id", "id"),
        Index("ix_audit_at", "at"),
    )


class TeamRule(Base):
    """An automation rule that belongs to a team: every member's client runs it, its managers
    (and admins) edit it. ``definition`` is the client's rule JSON (when / if / then); the
    server keeps it as given and checks only its shape, the clients check the rest."""

    __tablename__ = "team_rules"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    definition: Mapped[dict] = mapped_column(JSON)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    updated_by: Mapped[str | None] = mapped_column(String(36), nullable=True)
    updated_at: Mapped[int] = mapped_column(BigInteger)
    deleted_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class AutomationClaim(Base):
    """"This client runs this team rule for this event": the first claim wins, so a team rule
    acts once for the team however many colleagues' clients received the same mail."""

    __tablename__ = "automation_claims"
    key: Mapped[str] = mapped_column(String(400), primary_key=True)  # rule uuid | event key
    rule_uuid: Mapped[str] = mapped_column(String(36), index=True)
    user_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    device_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    at: Mapped[int] = mapped_column(BigInteger)
