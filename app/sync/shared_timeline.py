"""The shared customer timeline: mail filed on a team customer goes to the team as metadata.

What is shared, per person and message, is one ``message_link`` record (its UUID derived from
the person and the Message-ID, so a re-share after a lost answer is the same record): subject,
date, sender, participants and the first words, and the contact, company and deal it is filed
on. The body (as plain text) only where the person's team shares bodies, a team policy the
server enforces too. Rules, checked here on every round:

* only mail filed on a record the server has (``team_records``): mail that is nobody's
  customer, including free-mail senders who are not contacts, stays on the laptop;
* participants at free-mail domains who are not contacts are left out of the list;
* never a message marked private (``private_messages``); marking one that was shared
  withdraws it (a ``delete`` of its link);
* one message received by several colleagues is one entry in a timeline: entries are read
  together with local mail and deduplicated by Message-ID (:mod:`app.crm.timeline`).

Runs on the team-sync thread (reads, then one write per batch on the writer thread).
"""

from __future__ import annotations

import json
import time

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.crm.records import derived_uuid
from app.crm.settings import free_mail_domains
from app.crm.teammates import own_addresses
from app.mail.reading.message_view import build_view
from app.mail.reading.snippets import snippets
from app.store.crm_models import Company, Contact, ContactEmail, Deal, MessageLink
from app.store.database import Store
from app.store.mail_cache import raw_message
from app.store.models import Message
from app.store.team_models import PrivateMessage, SharedMessage, TeamRecord, TeamTimelineEntry
from app.store.writer import writes
from app.sync import clock, state

BATCH = 200
MAX_BODY = 100_000  # the server's longest text field


def link_uuid(email: str, message_key: str) -> str:
    return derived_uuid(f"message_link:{email.lower()}:{message_key}")


def _addresses(row) -> list[str]:
    found = [row.from_addr or ""]
    for column in (row.to_list, row.cc_list):
        found += [addr for _name, addr in json.loads(column or "[]")]
    return list(dict.fromkeys(a.strip().lower() for a in found if a and "@" in a))


def add_bodies(store: Store, shares: list[dict]) -> None:
    """Give each share its message's text as the reader shows it (HTML mail as text), cut to
    what a field holds: only for a team that shares bodies."""
    for share in shares:
        raw = raw_message(store, share["pk"])
        share["values"]["body"] = build_view(raw).text[:MAX_BODY] if raw else ""


def candidates(store: Store, email: str) -> list[dict]:
    """Up to ``BATCH`` messages to share: filed on a team record, not private, not shared yet."""
    with store.read() as session:
        team_contacts = select(Contact.id).join(TeamRecord, TeamRecord.record_uuid == Contact.uuid)
        team_companies = select(Company.id).join(TeamRecord, TeamRecord.record_uuid == Company.uuid)
        team_deals = select(Deal.id).join(TeamRecord, TeamRecord.record_uuid == Deal.uuid)
        rows = session.execute(
            select(MessageLink.message_id, Message.message_id.label("key"), Message.subject, Message.date,
                   Message.from_addr, Message.to_list, Message.cc_list,
                   MessageLink.contact_id, MessageLink.company_id, MessageLink.deal_id)
            .join(Message, Message.id == MessageLink.message_id)
            .where(Message.message_id.is_not(None), Message.message_id != "",
                   Message.message_id.not_in(select(PrivateMessage.message_key)),
                   Message.message_id.not_in(select(SharedMessage.message_key)),
                   MessageLink.contact_id.in_(team_contacts) | MessageLink.company_id.in_(team_companies)
                   | MessageLink.deal_id.in_(team_deals))
            .order_by(Message.date.desc()).limit(BATCH * 4)).all()
        messages: dict[str, dict] = {}
        for row in rows:
            entry = messages.setdefault(row.key, {"pk": row.message_id, "row": row, "links": {}})
            for field, model, local_id in (("contact", Contact, row.contact_id),
                                           ("company", Company, row.company_id),
                                           ("deal", Deal, row.deal_id)):
                if local_id is not None and field not in entry["links"]:
                    target = session.get(model, local_id)
                    if target is not None and session.get(TeamRecord, target.uuid) is not None:
                        entry["links"][field] = target.uuid
            if len(messages) >= BATCH:
                break
        everyone = {a for m in messages.values() for a in _addresses(m["row"])}
        contacts = set(session.scalars(select(ContactEmail.email).where(ContactEmail.email.in_(everyone))))
    free, own = free_mail_domains(store), own_addresses(store)
    firsts = snippets(store, [m["pk"] for m in messages.values()])
    shares = []
    for key, message in messages.items():
        if not message["links"]:
            continue
        row = message["row"]
        people = [a for a in _addresses(row)
                  if a in contacts or a in own or a.rsplit("@", 1)[-1] not in free]
        shares.append({"uuid": link_uuid(email, key), "message_key": key, "pk": message["pk"], "values": {
            "message_key": key, "subject": (row.subject or "")[:1000], "date": row.date,
            "from_addr": (row.from_addr or "").lower(), "participants": people,
            "snippet": firsts.get(message["pk"], ""), **message["links"]}})
    return shares


def fingerprint(session: Session) -> list[int]:
    """What decides whether there is anything to share or withdraw: the newest link (a relink
    makes new ones), the records the team has, the messages marked private and those shared.
    A round whose fingerprint matches the last full scan's skips the scan (a no-change team
    sync stays a few cheap queries on a 100,000-message profile)."""
    return [session.scalar(select(func.max(MessageLink.id))) or 0,
            session.scalar(select(func.count()).select_from(TeamRecord)),
            session.scalar(select(func.count()).select_from(PrivateMessage)),
            session.scalar(select(func.count()).select_from(SharedMessage))]


def withdrawals(store: Store) -> list[str]:
    """Links of messages shared and then marked private."""
    with store.read() as session:
        return list(session.scalars(select(SharedMessage.link_uuid).where(
            SharedMessage.message_key.in_(select(PrivateMessage.message_key)))))


def mutations(session: Session, shares: list[dict], withdrawn: list[str]) -> list[dict]:
    """The push mutations (ids derived from the link, so a re-send is answered as before)."""
    made = []
    for share in shares:
        made.append({"id": f"share-{share['uuid']}", "type": "message_link", "record": share["uuid"],
                     "op": "create", "value": share["values"],
                     "hlc": clock.next_clock(session, int(time.time() * 1000))})
    for link in withdrawn:
        made.append({"id": f"withdraw-{link}", "type": "message_link", "record": link, "op": "delete",
                     "hlc": clock.next_clock(session, int(time.time() * 1000))})
    return made


def record_answers(session: Session, shares: list[dict], results: list[dict]) -> None:
    """Shared messages are remembered, withdrawn ones forgotten (here and in the timeline)."""
    status = {r["id"]: r["status"] for r in results}
    now = int(time.time())
    for share in shares:
        answer = status.get(f"share-{share['uuid']}")
        if answer and answer != "not_found":
            session.merge(SharedMessage(link_uuid=share["uuid"], message_key=share["message_key"],
                                        status=answer, shared_at=now))
    for mutation_id, answer in status.items():
        # Any answer ends a withdrawal: not_found means the server never had the link.
        if mutation_id.startswith("withdraw-"):
            link = mutation_id[len("withdraw-"):]
            session.execute(delete(SharedMessage).where(SharedMessage.link_uuid == link))
            session.execute(delete(TeamTimelineEntry).where(TeamTimelineEntry.link_uuid == link))


def apply_links(session: Session, pulled: list[dict]) -> None:
    """Pulled ``message_link`` records into the shared timeline (tombstones leave it)."""
    for record in pulled:
        if record["deleted"]:
            session.execute(delete(TeamTimelineEntry).where(TeamTimelineEntry.link_uuid == record["uuid"]))
            continue
        fields = record["fields"]
        session.merge(TeamTimelineEntry(
            link_uuid=record["uuid"], message_key=fields.get("message_key") or "",
            owner_email=record["owner"]["email"], owner_name=record["owner"]["name"] or "",
            subject=fields.get("subject") or "", date=fields.get("date") or 0,
            from_addr=fields.get("from_addr") or "",
            participants=json.dumps(fields.get("participants") or [], ensure_ascii=False),
            snippet=fields.get("snippet") or "",
            # Derived data: a body the server no longer serves (the policy was turned off) goes.
            body=fields.get("body") or "", contact_uuid=fields.get("contact"),
            company_uuid=fields.get("company"), deal_uuid=fields.get("deal")))


def mark_private(session: Session, message_key: str) -> bool:
    """Never share this message; withdraw it at the next sync if it was. False if it already was."""
    if session.get(PrivateMessage, message_key) is not None:
        return False
    session.add(PrivateMessage(message_key=message_key, marked_at=int(time.time())))
    return True


@writes
def make_private(store: Store, message_pks: list[int]) -> int:
    """Mark these messages private (the window's "Keep Private"); returns how many were newly
    marked. Messages without a Message-ID are never shared anyway."""
    with store.write() as session:
        keys = {key for key in session.scalars(select(Message.message_id).where(Message.id.in_(message_pks)))
                if key}
        return sum(mark_private(session, key) for key in sorted(keys))


def signed_in_email(session: Session) -> str | None:
    return state.get(session, "email")
