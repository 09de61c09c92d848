"""Tables of service cases and automation rules (migration 0013).

* ``crm_cases``: service tickets, records like deals and tasks (versioned, tombstoned and
  synced with the team); ``messages`` is a JSON list of the RFC Message-IDs filed on the case,
  a set field on the wire, so a cache rebuild or another laptop keeps them.
* ``automation_rules``: rules (trigger, conditions, actions) as the JSON the user imports and
  exports; ``since`` is when the rule was enabled: nothing that happened before it is
  evaluated (a new rule never mails last year's customers).
* ``automation_runs``: the run log and the exactly-once ledger: one row per rule and event
  (unique), so an event is evaluated once however often the engine runs or crashes; a run
  whose action failed keeps its place and is retried.
* ``automation_effects``: what rules wrote (a change batch, an outbox message), with the
  chain it belongs to and how deep; an event caused by a rule's own effect carries that chain
  on, which is how loops are stopped.
* ``automation_cursors``: how far each event source has been read (messages, changes, sent
  mail): mail that arrived while the app was closed is evaluated at the next start.
* ``automation_notifications``: "notify me" actions, shown once by the window or the CLI.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.store.crm_models import _Record
from app.store.models import Base


class Case(_Record, Base):
    """A service case: a customer's request followed until it is solved."""

    __tablename__ = "crm_cases"
    __table_args__ = (Index("ix_crm_cases_open", "status", "due_at"),)

    title: Mapped[str] = mapped_column(String, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String, default="new")  # new | open | waiting | solved | closed
    priority: Mapped[str] = mapped_column(String, default="normal")  # low | normal | high | urgent
    assignee: Mapped[str] = mapped_column(String, default="")  # a person's email address
    due_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("crm_contacts.id", ondelete="SET NULL"),
                                                   nullable=True, index=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("crm_companies.id", ondelete="SET NULL"),
                                                   nullable=True, index=True)
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("crm_deals.id", ondelete="SET NULL"),
                                                nullable=True, index=True)
    messages: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of RFC Message-IDs


class Rule(Base):
    __tablename__ = "automation_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    scope: Mapped[str] = mapped_column(String, default="me")  # me | team
    definition: Mapped[str] = mapped_column(Text)  # JSON: when / if / then (the import format)
    since: Mapped[int] = mapped_column(Integer)  # enabled at: earlier events are not evaluated
    created_at: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[int] = mapped_column(Integer)


class RuleRun(Base):
    __tablename__ = "automation_runs"
    __table_args__ = (UniqueConstraint("rule_uuid", "event_key"),
                      Index("ix_automation_runs_retry", "status", "next_attempt_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule_uuid: Mapped[str] = mapped_column(String(36))
    rule_name: Mapped[str] = mapped_column(String)
    event: Mapped[str] = mapped_column(String)  # message_received | field_changed | …
    event_key: Mapped[str] = mapped_column(String)  # what happened, once: "message:<pk>"…
    subject: Mapped[str] = mapped_column(String, default="")  # what it happened to: "deal:<uuid>"…
    # Who a flood would come from: the sender of a message, else the record (rate limits).
    rate_key: Mapped[str] = mapped_column(String, default="", index=True)
    chain: Mapped[str] = mapped_column(String(36))
    depth: Mapped[int] = mapped_column(Integer, default=0)
    at: Mapped[int] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String)  # done | skipped | failed | retrying
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON: steps done, skipped and why, errors
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    next_attempt_at: Mapped[int | None] = mapped_column(Integer, nullable=True)


class RuleEffect(Base):
    __tablename__ = "automation_effects"

    key: Mapped[str] = mapped_column(String, primary_key=True)  # "batch:<uuid>" | "mail:<Message-ID>"
    rule_uuid: Mapped[str] = mapped_column(String(36))
    chain: Mapped[str] = mapped_column(String(36))
    depth: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[int] = mapped_column(Integer)


class AutomationCursor(Base):
    __tablename__ = "automation_cursors"

    name: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class Notification(Base):
    __tablename__ = "automation_notifications"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String, unique=True)  # one per rule, event and action
    title: Mapped[str] = mapped_column(String)
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[int] = mapped_column(Integer)
    shown_at: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
