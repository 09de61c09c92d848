"""Tables of the team sync (migration 0010). User data: never dropped by a migration.

* ``team_sync_state``: this profile's stable device id (the node of its clocks), the server
  it syncs with, the person signed in, the pull cursor, the last sync and its error. The
  token itself is only in the OS keyring.
* ``team_records``: what the server says about a record beyond its fields (owner, team,
  sharing, whether this person may edit or manage it), and ``versions`` (0017; until then
  the ``team_field_versions`` table): for every field, the version and clock this profile
  last pulled, the ``base`` of the next local change to it (:mod:`app.sync.field_versions`).
* ``team_conflicts``: same-field collisions the server reported, until resolved.
* ``team_pool_requests`` (0015): customers returned to the team's pool (公海) here and not yet
  told to the server; ``team_records.pooled`` says which are in the pool.
* ``team_timeline``, ``team_shared_messages``, ``private_messages`` (0012): the shared
  customer timeline, what this profile shared, and what must never be shared.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base


class TeamSyncState(Base):
    __tablename__ = "team_sync_state"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class TeamRecord(Base):
    __tablename__ = "team_records"
    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    record_type: Mapped[str] = mapped_column(String)
    owner_email: Mapped[str] = mapped_column(String, default="")
    owner_name: Mapped[str] = mapped_column(String, default="")
    team_name: Mapped[str] = mapped_column(String, default="")
    sharing: Mapped[str] = mapped_column(String, default="")
    can_edit: Mapped[bool] = mapped_column(Boolean, default=True)
    can_manage: Mapped[bool] = mapped_column(Boolean, default=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    pooled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # in the team's pool
    versions: Mapped[str] = mapped_column(Text, default="{}", server_default="{}")  # JSON: field → [version, hlc]


class TeamPoolRequest(Base):
    """A customer returned to the team's pool here, not yet told to the server."""

    __tablename__ = "team_pool_requests"
    record_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    requested_at: Mapped[int] = mapped_column(Integer)


class TeamConflict(Base):
    __tablename__ = "team_conflicts"
    __table_args__ = (Index("ix_team_conflicts_record", "record_uuid"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # the server's conflict id
    record_type: Mapped[str] = mapped_column(String, default="")
    record_uuid: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String)
    kept: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON
    lost: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON
    kept_by: Mapped[str] = mapped_column(String, default="")
    lost_by: Mapped[str] = mapped_column(String, default="")
    at: Mapped[str] = mapped_column(String, default="")  # ISO time, as the server gave it
    resolved_at: Mapped[int | None] = mapped_column(Integer, nullable=True)


class TeamTimelineEntry(Base):
    """A message a colleague (or this person, on another laptop) shared on a customer: its
    metadata and first words as the server sent them (migration 0012). Derived data: a pull
    rebuilds it; a message with the same Message-ID as local mail is shown once."""

    __tablename__ = "team_timeline"
    __table_args__ = (Index("ix_team_timeline_contact", "contact_uuid", "date"),
                      Index("ix_team_timeline_company", "company_uuid", "date"),
                      Index("ix_team_timeline_deal", "deal_uuid", "date"),
                      Index("ix_team_timeline_message_key", "message_key"))
    link_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    message_key: Mapped[str] = mapped_column(String, default="")
    owner_email: Mapped[str] = mapped_column(String, default="")
    owner_name: Mapped[str] = mapped_column(String, default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[int] = mapped_column(Integer, default=0)
    from_addr: Mapped[str] = mapped_column(String, default="")
    participants: Mapped[str] = mapped_column(Text, default="[]")  # JSON addresses
    snippet: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")  # only where the sharer's team shares bodies
    contact_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    company_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    deal_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)


class SharedMessage(Base):
    """A message of this profile shared with the team (its link record's UUID), so each is
    sent once and can be withdrawn when marked private."""

    __tablename__ = "team_shared_messages"
    link_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    message_key: Mapped[str] = mapped_column(String, index=True)
    status: Mapped[str] = mapped_column(String, default="")  # the server's answer
    shared_at: Mapped[int] = mapped_column(Integer)


class PrivateMessage(Base):
    """A message the person marked private: never shared, withdrawn if it was. User data,
    keyed by Message-ID so it survives a rebuild of the mail cache."""

    __tablename__ = "private_messages"
    message_key: Mapped[str] = mapped_column(String, primary_key=True)
    marked_at: Mapped[int] = mapped_column(Integer)
