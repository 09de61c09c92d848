"""What a rule's conditions can ask about an event, gathered only when a condition asks.

Field names a condition uses:

* the message: ``from`` (the sender's address; ``sender`` too), ``from_name``, ``to``, ``cc``,
  ``recipient`` (To and Cc), ``domain`` (the sender's), ``subject``, ``body`` (its text with
  the quoted part of a reply left out), ``has_attachment``, ``folder``, ``account``;
* the customer the event is about: ``customer.FIELD`` (the contact, else the company),
  ``contact.FIELD``, ``company.FIELD``, ``deal.FIELD`` (the event's deal, else the customer's
  newest open deal), ``case.FIELD``, ``task.FIELD``; ``record.FIELD`` is the record the event
  happened to.  FIELD is a column (``name``, ``owner``, ``status``, ``amount``), ``tags``,
  ``emails``, ``stage`` (its name), ``contact``/``company`` (their names), or a custom field's
  key (``tier`` or ``custom.tier``);
* a change: ``field``, ``old``, ``new``; and ``changed_to`` conditions on the changed field.

Gathering is lazy and memoised per event: 100 rules that look at the subject cost one read.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.automation.quoted import without_quoted
from app.crm.records import RECORD_TYPES, read_state
from app.store.automation_models import Case
from app.store.crm_models import (
    Company,
    Contact,
    ContactEmail,
    Deal,
    MessageLink,
    Stage,
    Task,
)
from app.store.models import Account, Folder, Message

MODELS = {"contact": Contact, "company": Company, "deal": Deal, "case": Case, "task": Task}
_REFERENCE_NAMES = {"stage_id": ("stage", Stage, "name"), "contact_id": ("contact", Contact, "name"),
                    "company_id": ("company", Company, "name"), "deal_id": ("deal", Deal, "title")}
MISSING = object()
_UNKNOWN = object()
_REFERENCE_READABLE = {"stage", "contact", "company", "deal"}
# Columns read straight from the row (no list, no reference): most conditions ask for these.
_PLAIN_COLUMNS = {kind: tuple(f for f in RECORD_TYPES[kind].fields if not f.endswith("_id"))
                  for kind in ("contact", "company", "deal", "case", "task")}


def readable_state(session: Session, kind_name: str, record) -> dict[str, Any]:
    """A record's fields as a person reads them: references by name, custom fields by key."""
    kind = RECORD_TYPES[kind_name]
    state = read_state(session, kind, record)
    readable: dict[str, Any] = {}
    for field, value in state.items():
        if field in _REFERENCE_NAMES:
            name, model, column = _REFERENCE_NAMES[field]
            target = session.get(model, value) if value is not None else None
            readable[name] = getattr(target, column) if target is not None else ""
            readable[field] = value
        elif field.startswith("custom."):
            readable[field] = value
            readable.setdefault(field.split(".", 1)[1], value)
        else:
            readable[field] = value
    if kind_name == "contact":
        readable.setdefault("email", (state.get("emails") or [""])[0])
    return readable


def reference_name(session: Session, local_field: str, value: Any) -> Any:
    """A change's value as a person reads it (a stage's UUID → its name)."""
    if local_field not in _REFERENCE_NAMES or value in (None, ""):
        return value
    _name, model, column = _REFERENCE_NAMES[local_field]
    target = session.scalar(select(model).where(model.uuid == value)) if isinstance(value, str) else \
        session.get(model, value)
    return getattr(target, column) if target is not None else value


def _id_ranges(ids: list[int], widest: int = 20_000) -> list[tuple[int, int]]:
    """Sorted ids as a few (first, last) ranges: a batch of consecutive messages is one range
    query on the links' message index; scattered ids (new mail in several folders) are split
    where the gap is wide so a range never reads much outside the batch."""
    ranges: list[tuple[int, int]] = []
    for pk in ids:
        if ranges and pk - ranges[-1][1] <= 64 and pk - ranges[-1][0] <= widest:
            ranges[-1] = (ranges[-1][0], pk)
        else:
            ranges.append((pk, pk))
    return ranges


class SharedLookups:
    """What many events of one batch share, read once: the customer records (by kind and
    key), their readable fields, each customer's newest open deal, and the batch's message
    links (one query for the batch instead of one per message).  Testing a rule against
    100,000 messages from a few thousand customers reads each customer once."""

    def __init__(self, session: Session):
        self.session = session
        self.rows: dict[tuple[str, int], Any] = {}
        self.states: dict[tuple[str, int], dict[str, Any]] = {}
        self.open_deals: dict[tuple[str, int], Any] = {}
        self.links: dict[int, list[tuple]] | None = None
        # Messages linked alike (the same contact, company and deal) concern the same records:
        # a field of those records is worked out once for a customer's hundreds of messages.
        self.record_facts: dict[tuple[str, tuple], Any] = {}  # (field, links) → its value
        self._in_batch: set[int] = set()

    def batch(self, message_ids: list[int]) -> None:
        """The batch's messages: their links are read together, when a rule first asks."""
        self._in_batch = set(message_ids)
        self.links = None

    def _prefetch_links(self) -> None:
        """The batch's message links, and the contacts and companies they name, in a few queries."""
        links: dict[int, list[tuple]] = {}
        wanted: dict[str, set[int]] = {"contact": set(), "company": set()}
        # The driver's own cursor: a trial reads a link per message, 100,000 of them, and
        # SQLAlchemy's row objects cost more than the query itself.  Same transaction, same data.
        raw = self.session.connection().connection.dbapi_connection
        in_batch = self._in_batch
        for start, end in _id_ranges(sorted(in_batch)):
            rows = raw.execute(f"SELECT message_id, contact_id, company_id, deal_id FROM {MessageLink.__tablename__} "
                               "WHERE message_id BETWEEN ? AND ? ORDER BY id", (start, end)).fetchall()
            for message_id, contact_id, company_id, deal_id in rows:
                if message_id not in in_batch:
                    continue
                links.setdefault(message_id, []).append((contact_id, company_id, deal_id))
                if contact_id is not None:
                    wanted["contact"].add(contact_id)
                if company_id is not None:
                    wanted["company"].add(company_id)
        for kind, keys in wanted.items():
            keys = sorted(k for k in keys if (kind, k) not in self.rows)
            model = MODELS[kind]
            # Plain rows (attribute access like the ORM object's, without its bookkeeping): a
            # trial reads ten thousand customers, and facts only read them.
            for start in range(0, len(keys), 900):
                for row in self.session.connection().execute(select(*model.__table__.columns)
                                                .where(model.id.in_(keys[start:start + 900]))):
                    self.rows[(kind, row.id)] = row
        self.links = links

    def links_of(self, message_id: int) -> list[tuple]:
        if self.links is None and message_id in self._in_batch:
            self._prefetch_links()
        if self.links is not None and message_id in self._in_batch:
            return self.links.get(message_id, ())
        return [tuple(row) for row in self.session.execute(
            select(MessageLink.contact_id, MessageLink.company_id, MessageLink.deal_id)
            .where(MessageLink.message_id == message_id).order_by(MessageLink.id))]

    def row(self, kind: str, key: int):
        found = self.rows.get((kind, key), MISSING)
        if found is MISSING:
            found = self.rows[(kind, key)] = self.session.get(MODELS[kind], key)
        return found

    def field(self, kind: str, row, name: str) -> Any:
        """One field of a record as a person reads it; columns and custom values straight from
        the row, the rest (lists in child tables, names of referenced records) from the whole
        readable state, read once per record."""
        if name in _PLAIN_COLUMNS.get(kind, ()):
            return getattr(row, name)
        if name == "tags" and hasattr(row, "tags"):
            return json.loads(row.tags or "[]")
        if hasattr(row, "custom") and name not in RECORD_TYPES[kind].fields and name not in RECORD_TYPES[kind].lists \
                and name not in _REFERENCE_READABLE and name != "email":
            custom = json.loads(row.custom or "{}")
            return custom.get(name.removeprefix("custom."), MISSING)
        found = self.states.get((kind, row.id))
        if found is None:
            found = self.states[(kind, row.id)] = readable_state(self.session, kind, row)
        return found.get(name, MISSING)

    def open_deal(self, kind: str, row):
        key = (kind, row.id)
        if key not in self.open_deals:
            owner = (Deal.contact_id == row.id) if kind == "contact" else (Deal.company_id == row.id)
            self.open_deals[key] = self.session.scalar(
                select(Deal).where(owner, Deal.status == "open", Deal.deleted_at.is_(None))
                .order_by(Deal.updated_at.desc()).limit(1))
        return self.open_deals[key]


class Facts:
    """The facts of one event; ``get(name)`` returns :data:`MISSING` for a field it lacks."""

    def __init__(self, session: Session, *, message: Message | None = None, record: tuple[str, Any] | None = None,
                 change: dict[str, Any] | None = None, raw_body: Callable[[int], bytes | None] | None = None,
                 shared: SharedLookups | None = None):
        self.session = session
        self.message = message
        self.record = record  # (kind, row)
        self.change = change  # {"field": readable name, "old": …, "new": …} for field_changed
        self._raw_body = raw_body
        self._shared = shared or SharedLookups(session)
        self._cache: dict[str, Any] = {}
        self._records: dict[str, Any] = {}

    # -- the records around the event ---------------------------------------------------
    def linked(self) -> dict[str, Any]:
        """Contact, company, deal, case and task rows the event is about (looked up once)."""
        if self._records:
            return self._records
        found: dict[str, Any] = {}
        if self.record is not None:
            kind, row = self.record
            found[kind] = row
            for field, model_kind in (("contact_id", "contact"), ("company_id", "company"), ("deal_id", "deal")):
                key = getattr(row, field, None)
                if key is not None and model_kind not in found:
                    found[model_kind] = self._shared.row(model_kind, key)
        if self.message is not None and self.message.id is None:
            # mail sent from the outbox is not stored yet: its customer is its first known recipient
            for _name, addr in json.loads(self.message.to_list or "[]"):
                contact = self.session.scalar(select(Contact).join(ContactEmail, ContactEmail.contact_id == Contact.id)
                                              .where(ContactEmail.email == addr.lower()))
                if contact is not None:
                    found.setdefault("contact", contact)
                    break
        elif self.message is not None:
            for contact_id, company_id, deal_id in self._shared.links_of(self.message.id):
                for key, model_kind in ((contact_id, "contact"), (company_id, "company"), (deal_id, "deal")):
                    if key is not None and found.get(model_kind) is None:
                        found[model_kind] = self._shared.row(model_kind, key)
        contact = found.get("contact")
        if contact is not None and found.get("company") is None and contact.company_id is not None:
            found["company"] = self._shared.row("company", contact.company_id)
        self._records = {kind: row for kind, row in found.items() if row is not None and row.deleted_at is None}
        return self._records

    def deal(self):
        """The event's deal, else the customer's newest open one (looked up only when asked)."""
        records = self.linked()
        if "deal" not in records:
            customer = self.customer()
            found = self._shared.open_deal(*customer) if customer is not None else None
            if found is not None and found.deleted_at is None:
                records["deal"] = found
        return records.get("deal")

    def customer(self) -> tuple[str, Any] | None:
        records = self.linked()
        for kind in ("contact", "company"):
            if kind in records:
                return kind, records[kind]
        return None

    def _record_field(self, kind_name: str, row, field: str) -> Any:
        return self._shared.field(kind_name, row, field)

    # -- fields -------------------------------------------------------------------------
    def get(self, name: str) -> Any:
        if name in self._cache:
            return self._cache[name]
        value = self._compute(name)
        self._cache[name] = value
        return value

    def _compute(self, name: str) -> Any:
        head, _, rest = name.partition(".")
        if rest and head != "record" and head != "custom" and self.record is None \
                and self.message is not None and self.message.id is not None:
            # A stored message's customer, deal and company follow from its links alone: the
            # answer is shared by every message linked alike (a trial asks 100,000 times).
            key = (name, tuple(self._shared.links_of(self.message.id)))
            known = self._shared.record_facts.get(key, _UNKNOWN)
            if known is _UNKNOWN:
                known = self._shared.record_facts[key] = self._record_fact(head, rest)
            return known
        if rest:
            if head == "record":
                if self.record is None:
                    return MISSING
                return self._record_field(self.record[0], self.record[1], rest)
            if head != "custom":
                return self._record_fact(head, rest)
        if self.change is not None and name in ("field", "old", "new"):
            return self.change[name]
        if self.message is not None:
            return self._message_field(name)
        if self.record is not None:
            return self._record_field(self.record[0], self.record[1], name)
        return MISSING

    def _record_fact(self, head: str, rest: str) -> Any:
        """``customer.FIELD``, ``deal.FIELD``, ``contact.FIELD``…: a field of a record around the event."""
        if head == "customer":
            found = self.customer()
            return MISSING if found is None else self._record_field(found[0], found[1], rest)
        if head in MODELS:
            row = self.deal() if head == "deal" else self.linked().get(head)
            return MISSING if row is None else self._record_field(head, row, rest)
        return MISSING

    def _message_field(self, name: str) -> Any:
        message = self.message
        if name in ("from", "sender"):
            return message.from_addr.lower()
        if name == "from_name":
            return message.from_name
        if name == "domain":
            return message.from_addr.rpartition("@")[2].lower()
        if name == "subject":
            return message.subject
        if name in ("to", "cc", "recipient"):
            lists = {"to": [message.to_list], "cc": [message.cc_list],
                     "recipient": [message.to_list, message.cc_list]}[name]
            return [addr.lower() for text in lists for _name, addr in json.loads(text or "[]")]
        if name == "has_attachment":
            return bool(message.has_attachments)
        if name == "body":
            raw = self._raw_body(message.id) if self._raw_body else None
            if raw is None:
                return ""
            from app.search.mail_document import body_text
            return without_quoted(body_text(raw))
        if name in ("folder", "account") and message.folder_id is None:
            return MISSING
        if name == "folder":
            folder = self.session.get(Folder, message.folder_id)
            return [folder.name, folder.role or ""] if folder else MISSING
        if name == "account":
            folder = self.session.get(Folder, message.folder_id)
            account = self.session.get(Account, folder.account_id) if folder else None
            return [account.name, account.email.lower()] if account else MISSING
        if name == "auto":
            return message.auto_kind or ""
        return MISSING
