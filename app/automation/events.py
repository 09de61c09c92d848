"""Where events come from: cursors over what the profile stores, and the clock.

* **Messages received**: mail_messages past the ``messages`` cursor (their primary keys only
  grow), in ordinary folders, not from one of this profile's own addresses.  A message that
  arrived while the app was closed is stored by the next sync and read here then: exactly
  once, because the cursor and the run ledger are in the database.
* **Mail sent**: outbox messages sent at or after the ``sent`` cursor (a second, possibly
  repeated, is harmless: the ledger keys runs by Message-ID).
* **Record changes**: ``crm_changes`` past the ``changes`` cursor, except what the team sync
  wrote (a colleague's change is theirs; their client runs their rules).  The creation of a
  record is ``record_created``; its other fields in the same batch are not changes.
* **The clock** (:mod:`.timed_events`): overdue, no reply, no activity, schedules.

An event remembers the chain it continues: a change or a mail a rule made carries that rule's
chain and depth (``automation_effects``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.crm.records import DEFINITION_TYPES
from app.errors import Phrase
from app.store.automation_models import AutomationCursor, RuleEffect
from app.store.crm_models import Change
from app.store.local_folders import has_server
from app.store.models import Account, Folder, Message, OutboxMessage

# Folders whose mail was not received: what we sent, drafted, threw away or the server filed as junk.
NOT_RECEIVED_ROLES = ("sent", "drafts", "trash", "junk")
BATCH = 2000
RULE_MAIL_PREFIX = "rule:"  # an outbox merge_batch: the message was sent by a rule


@dataclass
class Event:
    name: str  # the trigger: message_received, field_changed, …
    key: str  # what happened, once (the run ledger's key with the rule)
    subject: str  # what it happened to: "message:<Message-ID>", "deal:<uuid>"
    label: str  # for people: a subject line, a record's name
    at: int  # when it happened (a rule enabled later does not look at it)
    chain: str | None = None  # the chain a rule's effect started, if this event is one
    depth: int = 0
    message: Any = None  # a Message row (or a sent message's stand-in)
    raw_source: str = ""  # "mail" or "outbox": where the message's bytes are
    record: tuple[str, Any] | None = None  # (kind, row)
    change: dict[str, Any] | None = None  # field / old / new, readable
    params: dict[str, Any] = field(default_factory=dict)  # folder, account, record kind, local field
    blocked: Phrase | None = None  # why this event may never trigger a rule (automatic mail, a rule's mail)

    @property
    def rate_key(self) -> str:
        """What a flood comes from: a message's sender (one sender, fifty mails), else the record."""
        if self.message is not None and self.name == "message_received":
            return f"from:{self.message.from_addr.lower()}"
        return self.subject


def advance(session: Session, name: str, value: int) -> None:
    row = session.get(AutomationCursor, name)
    if row is None:
        session.add(AutomationCursor(name=name, value=value))
    elif value > row.value:
        row.value = value


def effect_of(session: Session, key: str) -> RuleEffect | None:
    return session.get(RuleEffect, key)


def _own_addresses(session: Session) -> frozenset[str]:
    return frozenset(addr.lower() for (addr,) in session.execute(select(Account.email)))


# -- messages received ----------------------------------------------------------------------
def received_events(session: Session, after: int, limit: int = BATCH) -> tuple[list[Event], int, list[int]]:
    """Events for messages stored after ``after``; returns (events, new cursor, every new pk)."""
    rows = list(session.scalars(select(Message).where(Message.id > after).order_by(Message.id).limit(limit)))
    if not rows:
        return [], after, []
    own = _own_addresses(session)
    folders = {f.id: f for f in session.scalars(select(Folder).where(
        Folder.id.in_({m.folder_id for m in rows})))}
    accounts = {a.id: a for a in session.scalars(select(Account))}
    # Mail a rule sent that came back (to ourselves, a colleague's copy): one query per batch.
    keys = [f"mail:{m.message_id}" for m in rows if m.message_id]
    rule_mail = {key for start in range(0, len(keys), 900)
                 for (key,) in session.execute(select(RuleEffect.key).where(RuleEffect.key.in_(keys[start:start + 900])))}
    events = []
    for message in rows:
        folder = folders.get(message.folder_id)
        if folder is None or folder.role in NOT_RECEIVED_ROLES or message.deleted:
            continue
        if message.from_addr.lower() in own:
            continue
        account = accounts.get(folder.account_id)
        if account is None or not has_server(account):
            continue  # the sample account, or mail imported into Local Folders: not received now
        key = message.message_id or f"pk:{message.id}"
        event = Event("message_received", f"received:{key}", f"message:{key}", message.subject or "",
                      message.internal_date or message.date, message=message, raw_source="mail",
                      params={"folder": (folder.name, folder.role or ""), "account": (account.name, account.email)})
        if message.auto_kind:
            event.blocked = Phrase("automatic mail ({kind})", code="rules.stop", kind=message.auto_kind)
        elif message.message_id and f"mail:{message.message_id}" in rule_mail:
            event.blocked = Phrase("mail sent by a rule", code="rules.stop")
        events.append(event)
    return events, rows[-1].id, [m.id for m in rows]


# -- mail sent ------------------------------------------------------------------------------
def sent_events(session: Session, since: int) -> tuple[list[Event], int]:
    rows = list(session.scalars(select(OutboxMessage).where(OutboxMessage.state == "sent",
                                                            OutboxMessage.sent_at >= since)
                                .order_by(OutboxMessage.sent_at, OutboxMessage.id)))
    accounts = {a.id: a for a in session.scalars(select(Account))}
    events = []
    newest = since
    for row in rows:
        newest = max(newest, row.sent_at or since)
        account = accounts.get(row.account_id)
        if account is None:
            continue
        stand_in = SimpleNamespace(id=None, folder_id=None, account_id=row.account_id, message_id=row.message_id, from_addr=account.email,
                                   from_name=account.display_name, subject=row.subject,
                                   to_list=json.dumps([["", addr] for addr in json.loads(row.recipients)]),
                                   cc_list="[]", has_attachments=False, auto_kind="", outbox_id=row.id)
        event = Event("message_sent", f"sent:{row.message_id}", f"message:{row.message_id}", row.subject,
                      row.sent_at or since, message=stand_in, raw_source="outbox",
                      params={"account": (account.name, account.email)})
        if (row.merge_batch or "").startswith(RULE_MAIL_PREFIX):
            event.blocked = Phrase("mail sent by a rule", code="rules.stop")
        events.append(event)
    return events, newest


# -- record changes -------------------------------------------------------------------------
def change_events(session: Session, after: int, limit: int = BATCH * 5) -> tuple[list[Event], int]:
    from app.automation.facts import MODELS, reference_name

    rows = list(session.scalars(select(Change).where(Change.id > after).order_by(Change.id).limit(limit)))
    if not rows:
        return [], after
    created_batches = {(c.batch_uuid, c.record_uuid) for c in rows if c.field == "*" and c.new == '"created"'}
    events = []
    for change in rows:
        if change.origin == "sync" or change.record_type in DEFINITION_TYPES or change.record_type not in MODELS:
            continue
        model = MODELS[change.record_type]
        record = session.scalar(select(model).where(model.uuid == change.record_uuid))
        if record is None or record.deleted_at is not None:
            continue
        effect = effect_of(session, f"batch:{change.batch_uuid}")
        chain, depth = (effect.chain, effect.depth) if effect is not None else (None, 0)
        label = _label(change.record_type, record)
        subject = f"{change.record_type}:{change.record_uuid}"
        if change.field == "*":
            if change.new == '"created"':
                events.append(Event("record_created", f"created:{subject}", subject, label, change.at, chain, depth,
                                    record=(change.record_type, record), params={"record": change.record_type}))
            continue
        if (change.batch_uuid, change.record_uuid) in created_batches:
            continue  # a new record's first values are its creation, not changes
        readable = _readable_field(change.field)
        old = reference_name(session, change.field, json.loads(change.old) if change.old else None)
        new = reference_name(session, change.field, json.loads(change.new) if change.new else None)
        events.append(Event("field_changed", f"change:{change.op_uuid}", subject, label, change.at, chain, depth,
                            record=(change.record_type, record),
                            change={"field": readable, "old": old, "new": new},
                            params={"record": change.record_type, "field": readable}))
    return events, rows[-1].id


def _readable_field(local: str) -> str:
    return {"stage_id": "stage", "contact_id": "contact", "company_id": "company", "deal_id": "deal",
            "pipeline_id": "pipeline"}.get(local, local.removeprefix("custom."))


def _label(kind: str, record) -> str:
    for name in ("name", "title", "subject", "body"):
        value = getattr(record, name, None)
        if value:
            return str(value).split("\n", 1)[0][:120]
    return kind


def newest_ids(session: Session) -> dict[str, int]:
    """Where the cursors start on a profile that never ran rules: now (history is not replayed)."""
    return {"messages": session.scalar(select(func.max(Message.id))) or 0,
            "changes": session.scalar(select(func.max(Change.id))) or 0}
