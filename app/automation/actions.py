"""What a rule does, one action at a time, each safe to run again.

Every action is idempotent by a key made of the rule, the event and the action's place in the
rule (:attr:`Step.key`): the case and the task it creates have UUIDs derived from that key
(on a colleague's laptop running the same team rule too, so the team gets one case), the mail
it sends is an outbox batch of that key, the notification has that key; setting a field or a
tag twice changes nothing the second time.  So a run that failed half way is retried whole and
only the missing steps happen.

What an action writes is registered as the rule's effect in the same transaction
(``automation_effects``): the change batch, the Message-ID of the mail.  The events those
cause carry the rule's chain on, which is how a loop is stopped.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import make_msgid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.automation.rule_format import parse_duration
from app.crm import cases
from app.crm.custom_fields import parse_value
from app.crm.records import (
    RECORD_TYPES,
    apply_changes,
    by_uuid,
    create,
    derived_uuid,
    new_uuid,
)
from app.crm.validation import InvalidValue
from app.errors import LiaisonError, Phrase, UserFacingError
from app.store.automation_models import Notification, RuleEffect
from app.store.crm_models import (
    Company,
    Contact,
    ContactEmail,
    CustomField,
    Deal,
    Stage,
)
from app.store.database import Store
from app.store.local_folders import LOCAL_AUTH
from app.store.models import Account, OutboxMessage
from app.store.writer import writes

log = logging.getLogger("liaison.rules")
ORIGIN = "rule"


@dataclass
class Target:
    """What the event is about, read once before the actions run (they run in their own
    transactions, later): the message and the records around it."""

    message_pk: int | None = None
    message_key: str = ""
    message_subject: str = ""
    sender: str = ""  # where a reply goes (Reply-To, else From)
    sender_name: str = ""
    references: list[str] = field(default_factory=list)
    account_id: int | None = None
    record: tuple[str, str] | None = None  # (kind, uuid) of the event's record
    contact_id: int | None = None
    company_id: int | None = None
    deal_id: int | None = None
    case_uuid: str | None = None
    deal_contact_id: int | None = None


@dataclass
class Step:
    store: Store
    rule_uuid: str
    rule_name: str
    event_key: str
    index: int
    chain: str
    depth: int  # the depth of what this step causes
    target: Target
    fill: Callable[[str], str]  # placeholders ({subject}, {customer.name}) filled from the event

    @property
    def key(self) -> str:
        return f"{self.rule_uuid}|{self.event_key}|{self.index}"

    def remember(self, session: Session, key: str) -> None:
        if session.get(RuleEffect, key) is None:
            session.add(RuleEffect(key=key, rule_uuid=self.rule_uuid, chain=self.chain, depth=self.depth,
                                   created_at=int(time.time())))


class Skipped(Exception):
    """The action has nothing to do here (no message, no customer); the run goes on.  The
    reason is kept as a template and parameters (the run log shows it in the user's language)."""

    def __init__(self, template: str, **params: Any):
        super().__init__(template)
        self.phrase = Phrase(template, code="rules.skipped", **params)


def _note(template: str, **params: Any) -> Phrase:
    """What a step did, for the run log (a template: translated where it is shown)."""
    return Phrase(template, code="rules.note", **params)


# -- helpers --------------------------------------------------------------------------------
def _first_real_account(session: Session) -> Account | None:
    """The first account with a mail server (not the sample, not Local Folders)."""
    return session.scalar(select(Account).where(Account.is_sample.is_(False), Account.auth_method != LOCAL_AUTH)
                          .order_by(Account.id))


def _me(session: Session, target: Target) -> str:
    account = session.get(Account, target.account_id) if target.account_id else None
    if account is None:
        account = _first_real_account(session)
    return account.email if account is not None else ""


def _person(session: Session, value: str, target: Target) -> str:
    return _me(session, target) if value.strip().lower() in ("me", "") else value.strip()


def _record_for(session: Session, action: dict, target: Target) -> tuple[str, Any]:
    """The record an action changes: the one it names, else the event's, else the customer."""
    wanted = action.get("record")
    if target.record is not None and (wanted is None or wanted == target.record[0]):
        kind = target.record[0]
        return kind, by_uuid(session, RECORD_TYPES[kind], target.record[1])
    for kind, key in (("contact", target.contact_id), ("company", target.company_id), ("deal", target.deal_id)):
        if ((wanted is None and kind in ("contact", "company")) or wanted == kind) and key is not None:
            return kind, session.get({"contact": Contact, "company": Company, "deal": Deal}[kind], key)
    raise Skipped("no {record} to change", record=wanted or "customer")


def _change(step: Step, session: Session, kind: str, record, changes: dict, cleared: set[str] = frozenset()) -> bool:
    batch = new_uuid()
    applied = apply_changes(session, RECORD_TYPES[kind], record, changes, ORIGIN, cleared=cleared, batch=batch)
    if applied:
        step.remember(session, f"batch:{batch}")
    return bool(applied)


# -- the actions ----------------------------------------------------------------------------
@writes
def create_case(store: Store, action: dict, step: Step) -> Phrase:
    case_uuid = derived_uuid(f"case|{step.key}")
    target = step.target
    with store.write() as session:
        if session.scalar(select(cases.Case.id).where(cases.Case.uuid == case_uuid)) is not None:
            return _note("already done")
        if target.message_key:
            existing = cases.open_cases_by_message(session).get(target.message_key)
            if existing is not None:
                raise Skipped("the message is already on the case {case}", case=existing.uuid)
        batch = new_uuid()
        due_in = action.get("due_in")
        cases.open_case_in(session, {
            "title": step.fill(action.get("title") or "{subject}").strip() or step.rule_name,
            "description": step.fill(action.get("description", "")), "priority": action.get("priority", "normal"),
            "assignee": _person(session, action.get("assignee", "me"), target),
            "due_at": int(time.time()) + parse_duration(due_in, "due_in") if due_in else None,
            "contact_id": target.contact_id, "company_id": target.company_id, "deal_id": target.deal_id,
            "messages": [target.message_key] if target.message_key else []},
            ORIGIN, batch=batch, record_uuid=case_uuid)
        step.remember(session, f"batch:{batch}")
    return _note("case {case}", case=case_uuid)


@writes
def create_task(store: Store, action: dict, step: Step) -> Phrase:
    task_uuid = derived_uuid(f"task|{step.key}")
    target = step.target
    with store.write() as session:
        kind = RECORD_TYPES["task"]
        if session.scalar(select(kind.model.id).where(kind.model.uuid == task_uuid)) is not None:
            return _note("already done")
        due_in = action.get("due_in")
        due = int(time.time()) + parse_duration(due_in, "due_in") if due_in else None
        batch = new_uuid()
        create(session, kind, {"title": step.fill(action.get("title") or "{subject}").strip() or step.rule_name,
                               "notes": step.fill(action.get("notes", "")), "due_at": due, "remind_at": due,
                               "contact_id": target.contact_id, "company_id": target.company_id,
                               "deal_id": target.deal_id, "kind": "task"},
               ORIGIN, batch=batch, record_uuid=task_uuid)
        step.remember(session, f"batch:{batch}")
    return _note("task {task}", task=task_uuid)


def _field_value(session: Session, kind: str, field: str, value: Any) -> tuple[str, Any]:
    """A field as the rule names it → the local field and value (a stage by its name, a custom
    field's value parsed by its type).  A field the record type does not have is an error."""
    if kind == "deal" and field == "stage":
        stage = session.scalar(select(Stage).where(Stage.name == str(value), Stage.deleted_at.is_(None)))
        if stage is None:
            raise UserFacingError("There is no stage '{stage}'.", code="rules.no_stage", stage=str(value))
        return "stage_id", stage.id
    if field in RECORD_TYPES[kind].fields and not field.endswith("_id"):
        return field, value
    key = field.removeprefix("custom.")
    definition = session.scalar(select(CustomField).where(CustomField.record_type == kind, CustomField.key == key,
                                                          CustomField.deleted_at.is_(None)))
    if definition is None:
        raise UserFacingError("A {kind} has no field '{field}'.", code="rules.no_field", kind=kind, field=field)
    return f"custom.{key}", parse_value(definition, str(value))


@writes
def set_field(store: Store, action: dict, step: Step) -> Phrase:
    with store.write() as session:
        kind, record = _record_for(session, action, step.target)
        field_name, value = _field_value(session, kind, action["field"], action["value"])
        if isinstance(value, str):
            value = step.fill(value)
        changes = {field_name: value}
        if kind == "deal" and field_name == "stage_id":
            outcome = session.get(Stage, value).outcome
            changes["status"] = outcome if outcome in ("won", "lost") else "open"
        changed = _change(step, session, kind, record, changes, cleared={field_name} if value in ("", None) else set())
    return _note("changed") if changed else _note("already so")


@writes
def add_tag(store: Store, action: dict, step: Step) -> Phrase:
    with store.write() as session:
        kind, record = _record_for(session, action, step.target)
        if "tags" not in RECORD_TYPES[kind].lists:
            raise Skipped("a {kind} has no tags", kind=kind)
        tags = json.loads(record.tags or "[]")
        tag = step.fill(action["tag"]).strip()
        if not tag or tag in tags:
            return _note("already tagged")
        _change(step, session, kind, record, {"tags": [*tags, tag]})
    return _note("tagged {tag}", tag=tag)


def _set_owner(session: Session, action: dict, step: Step, owner: str | None) -> tuple[Any, bool, str]:
    """Set (or clear, with "") the owner label of the action's record: (record, changed, person)."""
    kind, record = _record_for(session, action, step.target)
    if "owner" not in RECORD_TYPES[kind].fields:
        raise Skipped("a {kind} has no owner", kind=kind)
    person = _person(session, action.get("owner", ""), step.target) if owner is None else owner
    return record, _change(step, session, kind, record, {"owner": person}, cleared={"owner"}), person


@writes
def assign_owner(store: Store, action: dict, step: Step) -> Phrase:
    with store.write() as session:
        _record, changed, person = _set_owner(session, action, step, None)
    if not changed:
        return _note("already so")
    return _note("owner {owner}", owner=person) if person else _note("returned to the pool")


@writes
def return_to_pool(store: Store, action: dict, step: Step) -> Phrase:
    """Clear the owner here and, for a customer the team shares, queue its return to the team's
    pool (公海): the next team sync tells the server, which makes it every member's to pick up."""
    from app.sync.pool import queue_return_to_pool

    with store.write() as session:
        record, changed, _person = _set_owner(session, action, step, "")
        queued = queue_return_to_pool(session, record.uuid)
    if queued:
        return _note("returned to the team's pool")
    return _note("returned to the pool") if changed else _note("already so")


def _message(step: Step) -> int:
    if step.target.message_pk is None:
        raise Skipped("the message is not stored here")
    return step.target.message_pk


def move_message(store: Store, action: dict, step: Step) -> Phrase:
    from app.mail.imap.actions import queue_move
    moved = queue_move(store, [_message(step)], action["folder"])
    return _note("moved") if moved else _note("already there")


def flag_message(store: Store, action: dict, step: Step) -> Phrase:
    from app.mail.imap.actions import set_flag
    changed = set_flag(store, [_message(step)], "\\Flagged", action.get("flagged", True))
    return _note("flagged") if changed else _note("already so")


def mark_read(store: Store, action: dict, step: Step) -> Phrase:
    from app.mail.imap.actions import set_flag
    changed = set_flag(store, [_message(step)], "\\Seen", action.get("read", True))
    return _note("marked") if changed else _note("already so")


def link_customer(store: Store, action: dict, step: Step) -> Phrase:
    from app.crm.linking import set_override
    message_pk = _message(step)
    with store.read() as session:
        record: tuple[str, str] | None = None
        if "contact" in action:
            contact = session.scalar(select(Contact).join(ContactEmail, ContactEmail.contact_id == Contact.id)
                                     .where(ContactEmail.email == action["contact"].strip().lower()))
            record = ("contact", contact.uuid) if contact else None
        elif "company" in action:
            company = session.scalar(select(Company).where(Company.name == action["company"],
                                                           Company.deleted_at.is_(None)))
            record = ("company", company.uuid) if company else None
        elif "deal" in action:
            deal = session.scalar(select(Deal).where(Deal.title == action["deal"], Deal.deleted_at.is_(None)))
            record = ("deal", deal.uuid) if deal else None
        else:
            raise Skipped("the action names no contact, company or deal")
    if record is None:
        raise UserFacingError("The customer the rule links to does not exist.", code="rules.no_customer")
    set_override(store, message_pk, record[0], record[1], "link")
    return _note("linked to the {record}", record=record[0])


def _recipient(session: Session, to: str, target: Target) -> tuple[str, str, int | None]:
    """(name, address, contact id) of ``to``: sender, contact/customer, deal.contact or an address."""
    if to in ("sender", "from"):
        if not target.sender:
            raise Skipped("the event has no sender")
        contact = session.scalar(select(Contact).join(ContactEmail, ContactEmail.contact_id == Contact.id)
                                 .where(ContactEmail.email == target.sender.lower()))
        return target.sender_name, target.sender, contact.id if contact else None
    if to in ("contact", "customer", "deal.contact"):
        contact_id = target.deal_contact_id if to == "deal.contact" else target.contact_id
        if contact_id is None:
            raise Skipped("the event has no {recipient}", recipient=to.replace(".", " "))
        contact = session.get(Contact, contact_id)
        email = session.scalar(select(ContactEmail.email).where(ContactEmail.contact_id == contact_id)
                               .order_by(ContactEmail.position, ContactEmail.id))
        if not email:
            raise UserFacingError("{name} has no email address.", code="rules.no_address", name=contact.name)
        return contact.name, email, contact_id
    if "@" in to:
        return "", to.strip().lower(), None
    raise Skipped("'{recipient}' is not a recipient this rule can resolve", recipient=to)


def send_template(store: Store, action: dict, step: Step) -> Phrase:
    """Queue the template's mail in the outbox (it goes when the network allows, once)."""
    from app.crm.mail_merge import context_for_contact
    from app.mail.sending.outbox import enqueue
    from app.mail.sending.outgoing import Outgoing
    from app.mail.sending.templates import get_template, render

    batch = f"rule:{derived_uuid('mail|' + step.key)}"
    target = step.target
    with store.read() as session:
        if session.scalar(select(OutboxMessage.id).where(OutboxMessage.merge_batch == batch)) is not None:
            return _note("already queued")
        name, address, contact_id = _recipient(session, action.get("to", "sender"), target)
        wanted = action.get("account")
        account = None
        if wanted:
            account = session.scalar(select(Account).where((Account.name == wanted) | (Account.email == wanted)))
        elif target.account_id:
            account = session.get(Account, target.account_id)
        if account is None:
            account = _first_real_account(session)
        if account is None:
            raise UserFacingError("There is no account to send from.", code="rules.no_account")
        session.expunge(account)
    template = get_template(store, action["template"])
    if contact_id is not None:
        context = context_for_contact(store, address, account)
    else:
        context = {"contact": {"name": name, "first_name": name, "last_name": "", "title": "", "email": address,
                               "phone": ""},
                   "company": {"name": "", "industry": ""},
                   "deal": {"title": "", "amount": "", "currency": "", "stage": "", "expected_close": ""},
                   "sender": {"name": account.display_name, "email": account.email}}
    rendered = render(template.subject, template.body, context)
    if rendered.missing:
        raise UserFacingError("The template '{template}' needs {fields} for {address}.", code="rules.template_fields",
                              template=action["template"], fields=", ".join(rendered.missing), address=address)
    signature = f"\n\n-- \n{account.signature}" if account.signature else ""
    replying = action.get("to", "sender") in ("sender", "from") and target.message_key
    message = Outgoing(account.display_name, account.email, [(name, address)], rendered.subject,
                       rendered.body.rstrip() + signature,
                       in_reply_to=target.message_key if replying else None,
                       references=[*target.references, target.message_key] if replying else [],
                       message_id=make_msgid(domain=account.email.rpartition("@")[2]),
                       headers=[("Auto-Submitted", "auto-generated"), ("X-Liaison-Rule", step.rule_name)])
    _remember_mail(store, step, message.message_id)
    enqueue(store, account, message, merge_batch=batch)
    return _note("queued to {address}", address=address)


@writes
def _remember_mail(store: Store, step: Step, message_id: str) -> None:
    with store.write() as session:
        step.remember(session, f"mail:{message_id}")


@writes
def notify(store: Store, action: dict, step: Step) -> Phrase:
    key = f"notify|{step.key}"
    with store.write() as session:
        if session.scalar(select(Notification.id).where(Notification.key == key)) is not None:
            return _note("already told")
        session.add(Notification(key=key, title=step.fill(action["title"]), body=step.fill(action.get("body", "")),
                                 created_at=int(time.time())))
    return _note("notified")


ACTIONS: dict[str, Callable[[Store, dict, Step], Phrase]] = {
    "create_case": create_case, "create_task": create_task, "set_field": set_field, "add_tag": add_tag,
    "assign_owner": assign_owner, "return_to_pool": return_to_pool, "move_message": move_message,
    "flag_message": flag_message, "mark_read": mark_read, "link_customer": link_customer,
    "send_template": send_template, "notify": notify,
}


def run_action(store: Store, action: dict, step: Step) -> tuple[str, str]:
    """("done", note) | ("skipped", why) | ("failed", the error as stored JSON).

    A failure is kept as the error's code and parameters (translated where it is shown), and
    the record or message the rule acted on is untouched by the failed step (its transaction
    rolled back)."""
    try:
        return "done", ACTIONS[action["action"]](store, action, step).to_json()
    except Skipped as why:
        return "skipped", why.phrase.to_json()
    except InvalidValue as exc:
        return "failed", UserFacingError("{problem}", code="rules.invalid_value", problem=str(exc)).to_json()
    except LiaisonError as exc:
        return "failed", exc.to_json()
    except Exception as exc:
        log.exception("rule %s: action %s failed", step.rule_name, action.get("action"))
        return "failed", LiaisonError("Internal error in the action {action}: {error}", code="rules.internal",
                                      action=action.get("action"), error=type(exc).__name__).to_json()
