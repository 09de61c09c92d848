"""Tables of customer records: user data, every one of them (never dropped by a migration).

Every record carries a stable ``uuid`` (its identity on the team server later) besides the
local integer key used for joins.  Deleting a record sets ``deleted_at`` (a tombstone the
team sync can push) instead of removing the row.  Every change to a record's fields is a row
in ``crm_changes``: the record's version history and, while ``pushed_at`` is NULL, the queue
the team-server sync will push.

Links between mail and records live in ``crm_message_links``; automatic links are derived
(and can be rebuilt) from addresses and domains, while the user's own decisions are kept in
``crm_link_overrides`` keyed by the RFC Message-ID, so they survive a rebuild of the mail cache.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base


class _Record:
    """Columns every record type shares."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    created_at: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[int] = mapped_column(Integer)
    deleted_at: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Company(_Record, Base):
    __tablename__ = "crm_companies"

    name: Mapped[str] = mapped_column(String, default="")
    industry: Mapped[str] = mapped_column(String, default="")
    owner: Mapped[str] = mapped_column(String, default="")
    tags: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of strings
    custom: Mapped[str] = mapped_column(Text, default="{}")  # JSON {field key: value}


class CompanyDomain(Base):
    __tablename__ = "crm_company_domains"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("crm_companies.id", ondelete="CASCADE"), index=True)
    domain: Mapped[str] = mapped_column(String, unique=True)  # lower-cased


class Contact(_Record, Base):
    __tablename__ = "crm_contacts"

    name: Mapped[str] = mapped_column(String, default="")
    first_name: Mapped[str] = mapped_column(String, default="")
    last_name: Mapped[str] = mapped_column(String, default="")
    title: Mapped[str] = mapped_column(String, default="")
    company_id: Mapped[int | None] = mapped_column(ForeignKey("crm_companies.id", ondelete="SET NULL"),
                                                   nullable=True, index=True)
    owner: Mapped[str] = mapped_column(String, default="")
    tags: Mapped[str] = mapped_column(Text, default="[]")
    custom: Mapped[str] = mapped_column(Text, default="{}")
    # Set when this contact was merged into another: the row stays so history and old links
    # can be followed to the survivor.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("crm_contacts.id", ondelete="SET NULL"),
                                                       nullable=True)


class ContactEmail(Base):
    __tablename__ = "crm_contact_emails"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("crm_contacts.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String, unique=True)  # lower-cased
    label: Mapped[str] = mapped_column(String, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class ContactPhone(Base):
    __tablename__ = "crm_contact_phones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("crm_contacts.id", ondelete="CASCADE"), index=True)
    phone: Mapped[str] = mapped_column(String, index=True)  # E.164 when it could be parsed
    label: Mapped[str] = mapped_column(String, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Pipeline(_Record, Base):
    """A pipeline: versioned, synced and tombstoned like the records it organises."""

    __tablename__ = "crm_pipelines"

    name: Mapped[str] = mapped_column(String, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Stage(_Record, Base):
    __tablename__ = "crm_stages"

    # NULL only while a stage pulled before its pipeline waits for it (end of the same pull).
    pipeline_id: Mapped[int | None] = mapped_column(ForeignKey("crm_pipelines.id", ondelete="CASCADE"),
                                                    nullable=True, index=True)
    name: Mapped[str] = mapped_column(String, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str] = mapped_column(String, default="open")  # open | won | lost
    probability: Mapped[int | None] = mapped_column(Integer, nullable=True)  # percent, for forecasts


class Deal(_Record, Base):
    __tablename__ = "crm_deals"

    title: Mapped[str] = mapped_column(String, default="")
    company_id: Mapped[int | None] = mapped_column(ForeignKey("crm_companies.id", ondelete="SET NULL"),
                                                   nullable=True, index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("crm_contacts.id", ondelete="SET NULL"),
                                                   nullable=True, index=True)
    stage_id: Mapped[int | None] = mapped_column(ForeignKey("crm_stages.id", ondelete="SET NULL"),
                                                 nullable=True, index=True)
    amount: Mapped[str] = mapped_column(String, default="")  # a decimal string: money is never a float
    currency: Mapped[str] = mapped_column(String, default="")
    expected_close: Mapped[str] = mapped_column(String, default="")  # ISO date
    owner: Mapped[str] = mapped_column(String, default="")
    status: Mapped[str] = mapped_column(String, default="open")  # open | won | lost
    custom: Mapped[str] = mapped_column(Text, default="{}")


class Task(_Record, Base):
    __tablename__ = "crm_tasks"
    __table_args__ = (Index("ix_crm_tasks_open_due", "done_at", "due_at"),)

    title: Mapped[str] = mapped_column(String, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    due_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    remind_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    done_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notified_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("crm_contacts.id", ondelete="SET NULL"),
                                                   nullable=True, index=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("crm_companies.id", ondelete="SET NULL"),
                                                   nullable=True, index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("crm_deals.id", ondelete="SET NULL"),
                                                nullable=True, index=True)
    kind: Mapped[str] = mapped_column(String, default="task")  # task | follow_up


class Note(_Record, Base):
    __tablename__ = "crm_notes"

    body: Mapped[str] = mapped_column(Text, default="")
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("crm_contacts.id", ondelete="SET NULL"),
                                                   nullable=True, index=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("crm_companies.id", ondelete="SET NULL"),
                                                   nullable=True, index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("crm_deals.id", ondelete="SET NULL"),
                                                nullable=True, index=True)


class Activity(_Record, Base):
    """A logged call or meeting."""

    __tablename__ = "crm_activities"

    kind: Mapped[str] = mapped_column(String, default="call")  # call | meeting
    subject: Mapped[str] = mapped_column(String, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    happened_at: Mapped[int] = mapped_column(Integer)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=0)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("crm_contacts.id", ondelete="SET NULL"),
                                                   nullable=True, index=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("crm_companies.id", ondelete="SET NULL"),
                                                   nullable=True, index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("crm_deals.id", ondelete="SET NULL"),
                                                nullable=True, index=True)


class CustomField(_Record, Base):
    """A user-defined field of a record type (its values live in the record's ``custom``).

    Its UUID is derived from (record type, key) (:func:`app.crm.custom_fields.field_uuid`), so
    two laptops that define the same field define the same record. There is no unique index on
    (record type, key): a pulled definition must never fail to apply; readers take the live one.
    """

    __tablename__ = "crm_custom_fields"

    record_type: Mapped[str] = mapped_column(String, default="")  # contact | company | deal
    key: Mapped[str] = mapped_column(String, default="")
    label: Mapped[str] = mapped_column(String, default="")
    field_type: Mapped[str] = mapped_column(String, default="text")  # text | number | date | choice
    choices: Mapped[str] = mapped_column(Text, default="[]")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Change(Base):
    """One field of one record changed: old → new, when, and by what (the version history).

    ``origin`` says where the change came from (``local``, ``import``, ``merge``, ``restore``,
    ``link``, later ``sync``); changes written by sync are not pushed back.  ``pushed_at``
    NULL means the team server has not received it yet.
    """

    __tablename__ = "crm_changes"
    __table_args__ = (Index("ix_crm_changes_record", "record_type", "record_uuid", "id"),
                      Index("ix_crm_changes_unpushed", "pushed_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    op_uuid: Mapped[str] = mapped_column(String(36), unique=True)
    batch_uuid: Mapped[str] = mapped_column(String(36))  # changes made by one user action
    record_type: Mapped[str] = mapped_column(String)
    record_uuid: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String)  # "*" for create/delete of the whole record
    old: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON
    new: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON
    at: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String, default="local")
    pushed_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # When, to the millisecond (``at`` is seconds): two edits in one second are still ordered.
    at_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The hybrid logical clock of the change, given when it is first pushed (a re-push after a
    # lost answer sends the same one), and the server's last answer to it.
    hlc: Mapped[str | None] = mapped_column(String, nullable=True)
    push_status: Mapped[str | None] = mapped_column(String, nullable=True)


class MessageLink(Base):
    """A message linked to a contact, company or deal, automatically or by the user."""

    __tablename__ = "crm_message_links"
    __table_args__ = (Index("ix_crm_message_links_contact", "contact_id", "date"),
                      Index("ix_crm_message_links_company", "company_id", "date"),
                      Index("ix_crm_message_links_deal", "deal_id", "date"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("mail_messages.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("crm_contacts.id", ondelete="CASCADE"),
                                                   nullable=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("crm_companies.id", ondelete="CASCADE"),
                                                   nullable=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("crm_deals.id", ondelete="CASCADE"), nullable=True)
    date: Mapped[int] = mapped_column(Integer)  # the message's date, for timelines in order
    source: Mapped[str] = mapped_column(String)  # auto | manual
    reason: Mapped[str] = mapped_column(String)  # from | to | cc | domain | manual


class LinkOverride(Base):
    """The user linked or unlinked a message by hand; wins over the automatic rule, for good."""

    __tablename__ = "crm_link_overrides"
    __table_args__ = (UniqueConstraint("message_key", "record_type", "record_uuid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_key: Mapped[str] = mapped_column(String, index=True)  # RFC Message-ID
    record_type: Mapped[str] = mapped_column(String)  # contact | company | deal
    record_uuid: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String)  # link | unlink
    created_at: Mapped[int] = mapped_column(Integer)


class FollowUp(Base):
    """"Remind me if no reply in N days" on a sent message."""

    __tablename__ = "crm_followups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    message_key: Mapped[str] = mapped_column(String, index=True)  # the sent message's Message-ID
    subject: Mapped[str] = mapped_column(String, default="")
    participants: Mapped[str] = mapped_column(Text, default="[]")  # JSON addresses a reply may come from
    sent_at: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String, default="waiting")  # waiting | replied | due | cancelled
    task_id: Mapped[int | None] = mapped_column(ForeignKey("crm_tasks.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[int] = mapped_column(Integer)


class CrmSetting(Base):
    """A customer-records setting (free-mail domains, default phone country…), JSON valued."""

    __tablename__ = "crm_settings"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)
